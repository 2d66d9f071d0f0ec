/*
 * draw: the frame around the rows: title with counts, key bar, prompts, help and the spawn
 * dialog.
 */
#include "ui/draw.h"

#include <string.h>

#include "src/model.h"
#include "ui/draw_rows.h"
#include "ui/rows.h"

static const struct {
	const char *keys, *what;
} help_lines[] = {
	{ "1 2 3 4, Tab", "views: PID namespaces, Namespaces, Network, Process" },
	{ "arrows j k", "move up and down" },
	{ "PgUp PgDn Home End", "page, first and last row (g G too)" },
	{ "Enter Space + - F5", "fold and unfold (Enter on a veth: its peer;" },
	{ "", "  on a process: the Process view); Left/Right too" },
	{ "/ or F3, n N", "search (matches highlighted), next, previous" },
	{ "\\ or F4, Esc", "filter rows by a text; Esc clears it and the search" },
	{ "o or F6, O", "sort: next column (view 1: tree, CPU%, RES); O reverses" },
	{ "p P", "perspective: as the selected process's PID ns; P: own" },
	{ "s or F2", "spawn a child with chosen CLONE_NEW* flags" },
	{ "K or F9", "kill the selected child (only nsview's own)" },
	{ "e", "enter: a shell in the selected process's nss" },
	{ "? F1 h", "this help" },
	{ "Ctrl-L", "redraw the screen" },
	{ "q or F10", "quit (spawned children are reaped)" },
	{ "mouse", "click a row to select; a key, view or header to use it" },
	{ "marks", "+ new since the last refresh, * spawned by nsview" },
};

static void title_line(struct grid *g, const struct view *v)
{
	const struct snapshot *s = v->s;
	int x = grid_puts(g, 0, 0, ROLE_TITLE, view_name(v->cur));
	if (v->persp_ns)
		x = grid_printf(g, 0, x, ROLE_TITLE, " (seen from PID %d's PID namespace)",
				(int)v->persp_pid);
	x = grid_printf(g, 0, x, ROLE_TITLE, "  #%lu", v->refreshes);
	if (!s) {
		grid_set_role(g, 0, 0, g->w, ROLE_TITLE);
		return;
	}
	if (s->viewer_euid == 0)
		x = grid_puts(g, 0, x, ROLE_TITLE, "  root");
	else
		x = grid_printf(g, 0, x, ROLE_TITLE, "  uid %u (not root: some is hidden)",
				(unsigned)s->viewer_euid);
	size_t nprocs = 0;
	for (size_t i = 0; i < s->nprocs; i++)
		if (!v->persp_ns || rows_pid_start(v, &s->procs[i]) >= 0)
			nprocs++;
	x = grid_printf(g, 0, x, ROLE_TITLE, "  %zu procs  %zu netns", nprocs, s->nnets);
	if (v->nnew_pids || v->gone_procs || v->nnew_ns || v->gone_ns)
		x = grid_printf(g, 0, x, ROLE_TITLE, "  new %zu/%zu gone %u/%u", v->nnew_pids,
				v->nnew_ns, v->gone_procs, v->gone_ns);
	unsigned count[NS_TYPE_MAX] = { 0 };
	for (size_t i = 0; i < s->nns; i++)
		if (s->ns[i].type < NS_TYPE_MAX)
			count[s->ns[i].type]++;
	x = grid_puts(g, 0, x, ROLE_TITLE, "  ns:");
	for (int t = 0; t < NS_TYPE_MAX; t++)
		x = grid_printf(g, 0, x, ROLE_TITLE, " %s %u", model_type_name(t), count[t]);
	if (s->nerrs)
		grid_printf(g, 0, x, ROLE_TITLE, "  %zu unreadable", s->nerrs);
	grid_set_role(g, 0, 0, g->w, ROLE_TITLE);
	grid_set_click(g, 0, 0, (int)strlen(view_name(v->cur)), '\t');
}

static int key_item(struct grid *g, int y, int x, const char *key, const char *label, int click)
{
	int x0 = x;
	x = grid_puts(g, y, x, ROLE_KEY, key);
	x = grid_puts(g, y, x, ROLE_KEYLABEL, label);
	grid_set_click(g, y, x0, x, click);
	return x + 1;
}

static void key_bar(struct grid *g, const struct view *v)
{
	int y = g->h - 1;
	if (v->mode == MODE_SEARCH || v->mode == MODE_FILTER) {
		int x =
		    grid_puts(g, y, 0, ROLE_KEY, v->mode == MODE_SEARCH ? "Search:" : "Filter:");
		x = grid_put_text(g, y, x + 1, -1, ROLE_NORMAL, v->input);
		grid_puts(g, y, x, ROLE_SELECTED, " ");
		grid_puts(g, y, x + 2, ROLE_DIM, "Enter: keep  Esc: cancel");
		return;
	}
	int x = 0;
	x = key_item(g, y, x, "F1", "Help", VK_F(1));
	x = key_item(g, y, x, "F2", "Spawn", VK_F(2));
	x = key_item(g, y, x, "F3", "Search", VK_F(3));
	x = key_item(g, y, x, "F4", "Filter", VK_F(4));
	/* Kill is for spawned children only, so it takes its place once there are some */
	if (v->cur != VIEW_NS && !(v->cur == VIEW_PIDNS && v->nours))
		x = key_item(g, y, x, "F5", "Fold", VK_F(5));
	if (v->cur == VIEW_NS || v->cur == VIEW_PIDNS)
		x = key_item(g, y, x, "F6", "Sort", VK_F(6));
	if (v->nours)
		x = key_item(g, y, x, "F9", "Kill", VK_F(9));
	x = key_item(g, y, x, "F10", "Quit", VK_F(10));
	static const char *const tab[VIEW_COUNT] = { "Pid", "Ns", "Net", "Proc" };
	for (int i = 0; i < VIEW_COUNT; i++) {
		char k[2] = { (char)('1' + i), 0 };
		x = key_item(g, y, x, k, tab[i], '1' + i);
		if (i == (int)v->cur)
			grid_set_role(g, y, x - 1 - (int)strlen(tab[i]) - 1, x - 1, ROLE_SELECTED);
	}
}

/* A box in the middle of the pane; returns its inner top-left corner. */
static void box(struct grid *g, int *ret_y, int *ret_x, int *ret_w, int *ret_h, int w, int h)
{
	int pane_h = g->h - 4;
	if (w > g->w)
		w = g->w;
	if (h > pane_h)
		h = pane_h > 1 ? pane_h : 1;
	int y0 = VIEW_PANE_Y + (pane_h - h) / 2, x0 = (g->w - w) / 2;
	for (int y = y0; y < y0 + h; y++) {
		for (int x = x0; x < x0 + w; x++)
			grid_puts(g, y, x, ROLE_DIALOG, " ");
	}
	*ret_y = y0;
	*ret_x = x0 + 1;
	*ret_w = w - 2;
	*ret_h = h;
}

static void help_box(struct grid *g)
{
	int y, x, w, h;
	box(g, &y, &x, &w, &h, g->w, g->h); /* the whole pane: help hides the rows */
	grid_put(g, y, x, x + w, ROLE_DIALOG, "nsview keys (any key closes)", 28);
	for (int i = 0; i < (int)ARRAY_SIZE(help_lines) && i + 1 < h; i++) {
		grid_put_text(g, y + 1 + i, x, x + w, ROLE_KEY, help_lines[i].keys);
		grid_put_text(g, y + 1 + i, x + 20, x + w, ROLE_DIALOG, help_lines[i].what);
	}
}

static void spawn_box(struct grid *g, const struct view *v)
{
	int y, x, w, h;
	box(g, &y, &x, &w, &h, 44, 12);
	grid_put(g, y, x, x + w, ROLE_DIALOG, "Spawn a child: tick CLONE_NEW* flags", 36);
	for (int i = 0; i < 9 && i + 1 < h; i++) {
		char line[64];
		bool on = i == 8 ? v->spawn_veth : (v->spawn_flags & view_spawn_flag[i]) != 0;
		snprintf(line, sizeof(line), "%d [%c] %s", i + 1, on ? 'x' : ' ',
			 i == 8 ? "veth pair to nsview (with net)" : view_spawn_name[i]);
		int role = i == v->spawn_cur ? ROLE_SELECTED : ROLE_DIALOG;
		grid_put(g, y + 1 + i, x, x + w, role, line, strlen(line));
		grid_set_role(g, y + 1 + i, x, x + w, role);
	}
	if (h > 10)
		grid_put(g, y + 10, x, x + w, ROLE_KEY, "Space tick  Enter spawn  Esc cancel", 35);
}

void draw_frame(struct grid *g, const struct view *v)
{
	grid_clear(g);
	if (g->w < DRAW_MIN_W || g->h < DRAW_MIN_H) {
		grid_puts(g, 0, 0, ROLE_ERROR, "too small");
		return;
	}
	title_line(g, v);
	draw_rows_header(g, 1, v);
	int pane = g->h - 4;
	size_t top = v->top[v->cur], sel = v->sel[v->cur];
	for (int i = 0; i < pane && top + (size_t)i < v->nrows; i++) {
		int y = VIEW_PANE_Y + i;
		draw_rows_row(g, y, v, &v->rows[top + (size_t)i]);
		if (top + (size_t)i == sel)
			grid_set_role(g, y, 0, g->w, ROLE_SELECTED);
		/* after the selection, so a match stands out on the selected row too */
		if (v->search[0])
			grid_highlight(g, y, 0, v->search, ROLE_MATCH);
	}
	if (!v->nrows)
		grid_puts(g, VIEW_PANE_Y, 1, ROLE_DIM,
			  v->filter[0] ? "(nothing matches the filter)" : "(nothing)");
	int dy = g->h - 2;
	if (v->msg[0])
		grid_puts(g, dy, 0, v->msg_err ? ROLE_ERROR : ROLE_NORMAL, v->msg);
	else if (v->filter[0] && v->mode != MODE_FILTER)
		grid_put_text(g, dy, grid_puts(g, dy, 0, ROLE_DIM, "filter: "), -1, ROLE_DIM,
			      v->filter);
	else
		draw_rows_detail(g, dy, v, view_selected(v));
	key_bar(g, v);
	if (v->mode == MODE_HELP)
		help_box(g);
	else if (v->mode == MODE_SPAWN)
		spawn_box(g, v);
}
