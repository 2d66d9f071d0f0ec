/*
 * test_draw: each view drawn into 80x24 and 120x40 grids, dumped as text and compared with
 * the goldens in tests/expected/draw-*.txt (UPDATE=1 rewrites them); no control character
 * reaches a cell whatever the snapshot holds; any size down to 20x5, and "too small" below.
 * View 1's resource columns (CPU% over two snapshots, dropped before the command when the
 * screen is narrow), sorting by them, view 4's resource line, and search matches in the
 * cells' roles.
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "tests/ui_model.h"
#include "ui/draw.h"
#include "ui/grid.h"
#include "ui/view.h"

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	struct strbuf sb = { 0 };
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_add(&sb, buf, n);
	fclose(f);
	return sb_steal(&sb);
}

/* The expected/ folder beside this file, wherever the test runs from. */
static char *golden_path(const char *name)
{
	const char *me = __FILE__;
	const char *slash = strrchr(me, '/');
	int dir = slash ? (int)(slash - me) : 0;
	return xasprintf("%.*s%sexpected/draw-%s.txt", dir, me, slash ? "/" : "", name);
}

static void assert_cells_safe(const struct grid *g)
{
	for (int y = 0; y < g->h; y++)
		for (int x = 0; x < g->w; x++) {
			const struct grid_cell *c = grid_at(g, y, x);
			if (c->width == 0)
				continue;
			assert_false(util_cp_unsafe(c->cp));
		}
}

/* Draw v at w x h and compare with (or, under UPDATE=1, write) the golden `name`. */
static void golden(struct view *v, int w, int h, const char *name)
{
	struct grid *g = grid_new(w, h);
	view_resize(v, w, h);
	draw_frame(g, v);
	assert_cells_safe(g);
	struct strbuf out = { 0 };
	grid_dump(g, &out);
	char *path = golden_path(name);
	const char *upd = getenv("UPDATE");
	if (upd && !strcmp(upd, "1")) {
		FILE *f = fopen(path, "w");
		assert_non_null(f);
		fwrite(out.buf, 1, out.len, f);
		fclose(f);
	} else {
		char *want = slurp(path);
		if (!want)
			fail_msg("no golden %s (run with UPDATE=1 and review it)", path);
		if (strcmp(want, out.buf)) {
			fprintf(stderr, "--- %s\n+++ drawn\n%s", path, out.buf);
			fail_msg("%s differs from its golden", name);
		}
		free(want);
	}
	free(path);
	sb_free(&out);
	grid_free(g);
}

static void test_pidns(void **state)
{
	struct fx *f = *state;
	view_key(f->v, VK_DOWN);
	golden(f->v, 80, 24, "pidns-80x24");
	golden(f->v, 120, 40, "pidns-120x40");
}

static void test_ns(void **state)
{
	struct fx *f = *state;
	view_key(f->v, '2');
	golden(f->v, 80, 24, "ns-80x24");
	golden(f->v, 120, 40, "ns-120x40");
}

static void test_net(void **state)
{
	struct fx *f = *state;
	view_key(f->v, '3');
	golden(f->v, 80, 24, "net-80x24");
	golden(f->v, 120, 40, "net-120x40");
}

static void test_proc(void **state)
{
	struct fx *f = *state;
	f->v->proc_pid = 301;
	view_key(f->v, '4');
	golden(f->v, 80, 24, "proc-80x24");
	golden(f->v, 120, 40, "proc-120x40");
}

/* A spawned child's Process view shows its own view of itself beside nsview's. */
static void test_proc_demo(void **state)
{
	struct fx *f = *state;
	static const struct demo_inside in = {
		.pid = 1,
		.ppid = 0,
		.uid = 0,
		.hostname = "nsview-demo-1",
		.nifaces = 1,
		.ifaces = { { "lo", false } },
		.nprocs_visible = 1,
		.own_proc = true,
		.ns = { 4026531835, 4026531839, 4026531832, 4026532300, 4026532200, 4026531834,
			4026531837, 4026532500 },
	};
	static const struct demo_outside out = {
		.pid = 300,
		.nspid = { 300, 3, 1 },
		.nnspid = 3,
		.ns = { 4026531835, 4026531839, 4026531832, 4026532300, 4026532200, 4026531834,
			4026531837, 4026532500 },
	};
	pid_t ours = 300;
	view_set_ours(f->v, &ours, 1);
	f->v->demo_in = &in;
	f->v->demo_out = &out;
	f->v->proc_pid = 300;
	view_key(f->v, '4');
	golden(f->v, 120, 40, "proc-demo-120x40");
}

static void test_perspective(void **state)
{
	struct fx *f = *state;
	assert_int_equal(view_set_perspective(f->v, 202), 0);
	golden(f->v, 80, 24, "persp-80x24");

	/* the detail line of a process gives the pid its namespace knows, then the host's */
	struct grid *g = grid_new(80, 24);
	bool seen = false;
	for (int i = 0; i < 12 && !seen; i++) {
		view_key(f->v, 'j');
		draw_frame(g, f->v);
		char *l = ui_grid_line(g, 22);
		seen = strstr(l, "pid 3 in pid:[") && strstr(l, ", host pid 300 ");
		free(l);
	}
	assert_true(seen);
	grid_free(g);
}

static void test_help_and_spawn(void **state)
{
	struct fx *f = *state;
	view_key(f->v, '?');
	golden(f->v, 80, 24, "help-80x24");
	view_key(f->v, 'x');
	view_key(f->v, 's');
	golden(f->v, 80, 24, "spawn-80x24");
}

static void test_filter_prompt(void **state)
{
	struct fx *f = *state;
	view_key(f->v, '\\');
	view_key(f->v, 'b');
	view_key(f->v, 'a');
	golden(f->v, 80, 24, "filter-80x24");
}

/* Every size from 0x0 to 40x12 draws without a crash; below 20x5 it says so. */
static void test_sizes(void **state)
{
	struct fx *f = *state;
	for (int view = 0; view < VIEW_COUNT; view++) {
		view_switch(f->v, (enum view_id)view);
		for (int w = 0; w <= 40; w++)
			for (int h = 0; h <= 12; h++) {
				struct grid *g = grid_new(w, h);
				view_resize(f->v, w, h);
				view_key(f->v, VK_END);
				draw_frame(g, f->v);
				assert_cells_safe(g);
				if ((w < DRAW_MIN_W || h < DRAW_MIN_H) && w >= 9 && h >= 1) {
					struct strbuf o = { 0 };
					grid_dump(g, &o);
					assert_non_null(strstr(o.buf, "too small"));
					sb_free(&o);
				}
				grid_free(g);
			}
	}
	golden(f->v, 20, 5, "small-20x5");
}


/* The screen line that shows text, or -1. */
static int find_line(const struct grid *g, const char *text)
{
	for (int y = 0; y < g->h; y++) {
		char *l = ui_grid_line(g, y);
		bool hit = strstr(l, text) != NULL;
		free(l);
		if (hit)
			return y;
	}
	return -1;
}

/* The column where text starts on line y (in cells, all one wide here), or -1. */
static int find_col(const struct grid *g, int y, const char *text)
{
	char *l = ui_grid_line(g, y);
	char *at = strstr(l, text);
	int x = -1;
	if (at) { /* count code points before it: the tree lines are multibyte */
		x = 0;
		for (char *c = l; c < at; c++)
			x += ((unsigned char)*c & 0xC0) != 0x80;
	}
	free(l);
	return x;
}

/* Wide enough, S, CPU% and RES sit between USER and COMMAND; narrower, they are dropped
 * and the command keeps its room. */
static void test_columns_drop(void **state)
{
	struct fx *f = *state;
	for (int w = 60; w <= 120; w++) {
		struct grid *g = grid_new(w, 24);
		view_resize(f->v, w, 24);
		draw_frame(g, f->v);
		bool wide = w >= 78;
		assert_int_equal(find_col(g, 1, "CPU%") >= 0, wide);
		assert_int_equal(find_col(g, 1, "RES") >= 0, wide);
		int y = find_line(g, "nsview");
		assert_true(y > 0);
		assert_int_equal(find_col(g, y, "12.3M") >= 0, wide);
		assert_int_equal(find_col(g, y, "nsview"), find_col(g, 1, "COMMAND"));
		assert_int_equal(find_col(g, y, "nsview"), wide ? 58 : 43);
		int sl = find_line(g, "sleep infinity");
		assert_true(sl > 0);
		assert_int_equal(find_col(g, sl, "812K") >= 0, wide);
		/* the command is never cut for the resource columns' sake */
		assert_true(find_col(g, sl, "sleep infinity") + 14 <= w);
		grid_free(g);
	}
}

static int count_role(const struct grid *g, int role)
{
	int n = 0;
	for (int y = 0; y < g->h; y++)
		for (int x = 0; x < g->w; x++)
			n += grid_at(g, y, x)->role == role;
	return n;
}

/* A search's matches take ROLE_MATCH in every row that shows them, the selected one too,
 * until the search is cleared. */
static void test_search_highlight(void **state)
{
	struct fx *f = *state;
	view_key(f->v, '/');
	for (const char *k = "SLEEP"; *k; k++)
		view_key(f->v, *k);
	view_key(f->v, '\r');
	view_resize(f->v, 120, 40);
	struct grid *g = grid_new(120, 40);
	draw_frame(g, f->v);
	int y = find_line(g, "sleep infinity");
	int x = find_col(g, y, "sleep infinity");
	assert_int_equal(y, 2 + (int)(f->v->sel[0] - f->v->top[0])); /* the selected row */
	for (int i = 0; i < 5; i++)
		assert_int_equal(grid_at(g, y, x + i)->role, ROLE_MATCH);
	assert_int_equal(grid_at(g, y, x + 5)->role, ROLE_SELECTED);
	assert_int_equal(grid_at(g, y, x - 1)->role, ROLE_SELECTED);
	assert_int_equal(count_role(g, ROLE_MATCH), 5);
	/* another match elsewhere: unselected, it stands out too */
	view_key(f->v, '/');
	for (const char *k = "sh"; *k; k++)
		view_key(f->v, *k);
	view_key(f->v, '\r');
	draw_frame(g, f->v);
	int u = find_line(g, "unshare --pid --fork sh");
	int ux = find_col(g, u, "unshare --pid --fork sh");
	assert_int_equal(grid_at(g, u, ux + 2)->role, ROLE_MATCH);  /* un[sh]are */
	assert_int_equal(grid_at(g, u, ux + 21)->role, ROLE_MATCH); /* fork [sh] */
	assert_int_equal(grid_at(g, u, ux)->role, ROLE_NORMAL);
	int sh = find_line(g, "201 → 1");
	assert_true(sh > 0 && sh != u);
	assert_int_equal(grid_at(g, sh, find_col(g, sh, " sh") + 1)->role, ROLE_MATCH);
	/* Esc clears the search and its highlighting */
	view_key(f->v, VK_ESC);
	draw_frame(g, f->v);
	assert_int_equal(count_role(g, ROLE_MATCH), 0);
	grid_free(g);
}

/* Two snapshots with known ticks and clocks: CPU% in view 1, sorting by it and by RES,
 * and view 4's resource line (in UTC, so the golden holds anywhere). */
static void test_resources(void **state)
{
	(void)state;
	setenv("TZ", "UTC", 1);
	tzset();
	struct procstat_clock c1 = { .mono = 100, .boot = 1000, .real = 1700000000, .hz = 100 };
	struct procstat_clock c2 = { .mono = 102, .boot = 1002, .real = 1700000002, .hz = 100 };
	struct snapshot *a = ui_model(), *b = ui_model();
	model_find_proc(b, 100)->cpu_ticks += 50; /* 50 ticks in 2 s at 100 Hz: 25% */
	model_find_proc(b, 202)->cpu_ticks += 1;
	/* init: the most memory, no CPU, so the two sorts differ */
	ui_res(model_find_proc(a, 1), 'S', 20000, 40, 1);
	ui_res(model_find_proc(b, 1), 'S', 20000, 40, 1);
	struct view *v = view_new();
	view_set_snapshot_at(v, a, &c1);
	view_set_snapshot_at(v, b, &c2);
	model_free(a);
	view_key(v, 'o');
	golden(v, 80, 24, "pidns-cpu-80x24");
	view_key(v, 'o');
	golden(v, 120, 40, "pidns-res-120x40");
	v->proc_pid = 100;
	view_key(v, '4');
	golden(v, 80, 24, "proc-res-80x24");
	view_free(v);
	model_free(b);
}

/* Every view's title line starts with its contract name. */
static void test_titles(void **state)
{
	struct fx *f = *state;
	static const char *const want[] = { "PID namespaces", "Namespaces", "Network", "Process" };
	for (int i = 0; i < VIEW_COUNT; i++) {
		view_key(f->v, '1' + i);
		struct grid *g = grid_new(80, 24);
		draw_frame(g, f->v);
		struct strbuf o = { 0 };
		grid_dump(g, &o);
		assert_memory_equal(o.buf, want[i], strlen(want[i]));
		sb_free(&o);
		grid_free(g);
	}
}

/* A veth peer's netns label of any length (ip-netns names go up to 255 bytes) is shown whole
 * where the screen is wide enough, not cut at some buffer's size. */
static void test_long_peer_label(void **state)
{
	struct fx *f = *state;
	struct netns *blue = model_find_netns(f->s, UI_NB);
	char name[201];
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = 0;
	free(blue->names[0]);
	blue->names[0] = xstrdup(name);
	view_key(f->v, '3');
	struct grid *g = grid_new(320, 24);
	view_resize(f->v, 320, 24);
	draw_frame(g, f->v);
	struct strbuf o = { 0 }, want = { 0 };
	grid_dump(g, &o);
	sb_addf(&want, "peer %s/veth-b", name);
	assert_non_null(strstr(o.buf, want.buf));
	sb_free(&want);
	sb_free(&o);
	grid_free(g);
}

int main(void)
{
	setlocale(LC_CTYPE, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_pidns, ui_fx_setup, ui_fx_teardown),
		cmocka_unit_test_setup_teardown(test_ns, ui_fx_setup, ui_fx_teardown),
		cmocka_unit_test_setup_teardown(test_net, ui_fx_setup, ui_fx_teardown),
		cmocka_unit_test_setup_teardown(test_proc, ui_fx_setup, ui_fx_teardown),
		cmocka_unit_test_setup_teardown(test_proc_demo, ui_fx_setup, ui_fx_teardown),
		cmocka_unit_test_setup_teardown(test_perspective, ui_fx_setup, ui_fx_teardown),
		cmocka_unit_test_setup_teardown(test_help_and_spawn, ui_fx_setup, ui_fx_teardown),
		cmocka_unit_test_setup_teardown(test_filter_prompt, ui_fx_setup, ui_fx_teardown),
		cmocka_unit_test_setup_teardown(test_sizes, ui_fx_setup, ui_fx_teardown),
		cmocka_unit_test_setup_teardown(test_titles, ui_fx_setup, ui_fx_teardown),
		cmocka_unit_test_setup_teardown(test_columns_drop, ui_fx_setup, ui_fx_teardown),
		cmocka_unit_test_setup_teardown(test_search_highlight, ui_fx_setup, ui_fx_teardown),
		cmocka_unit_test_setup_teardown(test_long_peer_label, ui_fx_setup, ui_fx_teardown),
		cmocka_unit_test(test_resources),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
