/*
 * view: view state, kept by key across refreshes, and what each key does to it.
 */
#include "ui/view.h"

#include <errno.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/util.h"
#include "ui/rows.h"

const unsigned long view_spawn_flag[8] = {
	CLONE_NEWPID, CLONE_NEWNET,  CLONE_NEWUTS,    CLONE_NEWIPC,
	CLONE_NEWNS,  CLONE_NEWUSER, CLONE_NEWCGROUP, 0x00000080 /* CLONE_NEWTIME */,
};
const char *const view_spawn_name[8] = {
	"pid", "net", "uts", "ipc", "mnt", "user", "cgroup", "time"
};

static const char *const names[VIEW_COUNT] = { "PID namespaces", "Namespaces", "Network",
					       "Process" };

const char *view_name(enum view_id id)
{
	return id < VIEW_COUNT ? names[id] : "";
}

struct view *view_new(void)
{
	struct view *v = xcalloc(1, sizeof(*v));
	v->w = 80;
	v->h = 24;
	v->spawn_flags = CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWUTS;
	return v;
}

void view_free(struct view *v)
{
	if (!v)
		return;
	free(v->rows);
	free(v->folds);
	free(v->ours);
	free(v->prev_pids);
	free(v->new_pids);
	free(v->prev_ns);
	free(v->new_ns);
	free(v->scratch);
	procstat_clear(&v->stat);
	free(v);
}

int view_pane_height(const struct view *v)
{
	int h = v->h - 4; /* title, column header, detail line, key bar */
	return h > 0 ? h : 1;
}

void view_resize(struct view *v, int w, int h)
{
	v->w = w;
	v->h = h;
	view_rebuild(v);
}

void view_message(struct view *v, bool err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(v->msg, sizeof(v->msg), fmt, ap);
	va_end(ap);
	v->msg_err = err;
}

const struct row *view_selected(const struct view *v)
{
	return v->nrows ? &v->rows[v->sel[v->cur]] : NULL;
}

pid_t view_selected_pid(const struct view *v)
{
	if (v->cur == VIEW_PROC)
		return v->proc_pid;
	const struct row *r = view_selected(v);
	if (r && r->key.kind == ROW_PROC)
		return (pid_t)r->key.a;
	if (r && r->key.kind == ROW_PIDNS && r->ns)
		return r->ns->init_pid;
	return 0;
}

static void remember(struct view *v)
{
	const struct row *r = view_selected(v);
	if (!r)
		return;
	v->sel_key[v->cur] = r->key;
	v->have_sel_key[v->cur] = true;
	if (r->key.kind == ROW_PROC)
		v->proc_pid = (pid_t)r->key.a;
}

/* Keep the selection on screen, and the screen full when it can be. */
static void scroll_clamp(struct view *v)
{
	size_t *sel = &v->sel[v->cur], *top = &v->top[v->cur];
	size_t page = (size_t)view_pane_height(v);
	if (!v->nrows) {
		*sel = *top = 0;
		return;
	}
	if (*sel >= v->nrows)
		*sel = v->nrows - 1;
	if (*top + page > v->nrows)
		*top = v->nrows > page ? v->nrows - page : 0;
	if (*sel < *top)
		*top = *sel;
	if (*sel >= *top + page)
		*top = *sel - page + 1;
}

void view_rebuild(struct view *v)
{
	size_t old_sel = v->sel[v->cur], old_top = v->top[v->cur];
	rows_build(v);
	if (v->have_sel_key[v->cur]) {
		for (size_t i = 0; i < v->nrows; i++) {
			if (rows_key_cmp(&v->rows[i].key, &v->sel_key[v->cur]) == 0) {
				/* keep the selected row where it was on the screen */
				v->sel[v->cur] = i;
				v->top[v->cur] =
				    i >= old_sel - old_top ? i - (old_sel - old_top) : 0;
				break;
			}
		}
	}
	scroll_clamp(v);
	remember(v);
}

static int cmp_pid(const void *a, const void *b)
{
	pid_t x = *(const pid_t *)a, y = *(const pid_t *)b;
	return x < y ? -1 : x > y;
}

static int cmp_key(const void *a, const void *b)
{
	return rows_key_cmp(a, b);
}

/* What appeared and what went since the previous snapshot: both lists are sorted, so one
 * merge each. */
static void diff_snapshot(struct view *v, const struct snapshot *s)
{
	bool first = v->refreshes == 0;
	pid_t *pids = xmalloc((s->nprocs + 1) * sizeof(*pids));
	struct row_key *ns = xcalloc(s->nns + s->nnets + 1, sizeof(*ns));
	size_t nns = 0;
	for (size_t i = 0; i < s->nprocs; i++)
		pids[i] = s->procs[i].pid;
	qsort(pids, s->nprocs, sizeof(*pids), cmp_pid);
	for (size_t i = 0; i < s->nns; i++)
		ns[nns++] = (struct row_key){ .type = (uint8_t)s->ns[i].type, .a = s->ns[i].ino };
	for (size_t i = 0; i < s->nnets; i++)
		if (!model_find_ns(s, NS_NET, s->nets[i].ino))
			ns[nns++] = (struct row_key){ .type = NS_NET, .a = s->nets[i].ino };
	qsort(ns, nns, sizeof(*ns), cmp_key);

	v->nnew_pids = v->nnew_ns = 0;
	v->gone_procs = v->gone_ns = 0;
	v->new_pids = xrealloc(v->new_pids, (s->nprocs + 1) * sizeof(pid_t));
	v->new_ns = xrealloc(v->new_ns, (nns + 1) * sizeof(struct row_key));
	size_t i = 0, j = 0;
	while (!first && (i < s->nprocs || j < v->nprev_pids)) {
		if (j == v->nprev_pids || (i < s->nprocs && pids[i] < v->prev_pids[j]))
			v->new_pids[v->nnew_pids++] = pids[i++];
		else if (i == s->nprocs || pids[i] > v->prev_pids[j])
			v->gone_procs++, j++;
		else
			i++, j++;
	}
	i = j = 0;
	while (!first && (i < nns || j < v->nprev_ns)) {
		int c = i == nns ? 1 : j == v->nprev_ns ? -1 : rows_key_cmp(&ns[i], &v->prev_ns[j]);
		if (c < 0)
			v->new_ns[v->nnew_ns++] = ns[i++];
		else if (c > 0)
			v->gone_ns++, j++;
		else
			i++, j++;
	}
	free(v->prev_pids);
	free(v->prev_ns);
	v->prev_pids = pids;
	v->nprev_pids = s->nprocs;
	v->prev_ns = ns;
	v->nprev_ns = nns;
}

void view_set_snapshot(struct view *v, const struct snapshot *s)
{
	view_set_snapshot_at(v, s, NULL);
}

void view_set_snapshot_at(struct view *v, const struct snapshot *s, const struct procstat_clock *c)
{
	diff_snapshot(v, s);
	procstat_update(&v->stat, s, c);
	v->s = s;
	v->refreshes++;
	if (!v->proc_pid)
		v->proc_pid = s->viewer_pid;
	/* a perspective nothing can be seen from would empty every view but the first */
	if (v->persp_ns && !model_find_ns(s, NS_PID, v->persp_ns)) {
		view_message(v, true, "the PID namespace of process %d is gone: back to your own",
			     (int)v->persp_pid);
		v->persp_ns = 0;
		v->persp_pid = 0;
	}
	view_rebuild(v);
}

void view_switch(struct view *v, enum view_id id)
{
	remember(v);
	v->cur = id;
	view_rebuild(v);
}

int view_set_perspective(struct view *v, pid_t pid)
{
	const struct proc *p = v->s ? model_find_proc(v->s, pid) : NULL;
	if (!p || !p->ns[LINK_PID] || !model_find_ns(v->s, NS_PID, p->ns[LINK_PID]))
		return -ESRCH;
	v->persp_ns = p->ns[LINK_PID];
	v->persp_pid = pid;
	view_rebuild(v);
	return 0;
}

void view_set_ours(struct view *v, const pid_t *pids, size_t n)
{
	v->ours = xrealloc(v->ours, (n + 1) * sizeof(pid_t));
	if (n)
		memcpy(v->ours, pids, n * sizeof(pid_t));
	v->nours = n;
	qsort(v->ours, n, sizeof(pid_t), cmp_pid);
}

bool view_is_ours(const struct view *v, pid_t pid)
{
	return v->nours && bsearch(&pid, v->ours, v->nours, sizeof(pid_t), cmp_pid);
}

bool view_is_folded(const struct view *v, const struct row_key *k)
{
	return v->nfolds && bsearch(k, v->folds, v->nfolds, sizeof(*k), cmp_key);
}

static void set_fold(struct view *v, const struct row_key *k, bool fold)
{
	struct row_key *hit =
	    v->nfolds ? bsearch(k, v->folds, v->nfolds, sizeof(*k), cmp_key) : NULL;
	if (fold && !hit) {
		v->folds = xrealloc(v->folds, (v->nfolds + 1) * sizeof(*k));
		size_t i = v->nfolds;
		while (i > 0 && rows_key_cmp(&v->folds[i - 1], k) > 0) {
			v->folds[i] = v->folds[i - 1];
			i--;
		}
		v->folds[i] = *k;
		v->nfolds++;
	} else if (!fold && hit) {
		memmove(hit, hit + 1, (size_t)(v->folds + v->nfolds - hit - 1) * sizeof(*k));
		v->nfolds--;
	}
}

static void move_to(struct view *v, long i)
{
	if (!v->nrows)
		return;
	if (i < 0)
		i = 0;
	if ((size_t)i >= v->nrows)
		i = (long)v->nrows - 1;
	v->sel[v->cur] = (size_t)i;
	scroll_clamp(v);
	remember(v);
}

/* Fold (fold = 1), unfold (0) or toggle (-1) the selected row; false if it has no children. */
static bool fold_selected(struct view *v, int fold)
{
	const struct row *r = view_selected(v);
	if (!r || !r->has_kids || v->filter[0])
		return false;
	bool want = fold < 0 ? !r->folded : fold;
	set_fold(v, &r->key, want);
	view_rebuild(v);
	return true;
}

/* Left on an unfolded node folds it; on anything else it goes to the parent row. */
static void key_left(struct view *v)
{
	const struct row *r = view_selected(v);
	if (!r)
		return;
	if (r->has_kids && !r->folded && !v->filter[0]) {
		fold_selected(v, 1);
		return;
	}
	for (size_t i = v->sel[v->cur]; i-- > 0;)
		if (v->rows[i].depth < r->depth) {
			move_to(v, (long)i);
			return;
		}
}

/* Search from the row after `from` (or from itself when `here`), wrapping around. */
static bool search_next(struct view *v, size_t from, bool here, int dir)
{
	if (!v->search[0] || !v->nrows)
		return false;
	struct strbuf tmp = { 0 };
	bool found = false;
	for (size_t n = here ? 0 : 1; n <= v->nrows; n++) {
		long i = ((long)from + (long)n * dir) % (long)v->nrows;
		if (i < 0)
			i += (long)v->nrows;
		if (rows_match(v, &v->rows[i], v->search, &tmp)) {
			move_to(v, i);
			found = true;
			break;
		}
	}
	sb_free(&tmp);
	if (!found)
		view_message(v, true, "not found: %s", v->search);
	return found;
}

static void jump_to_peer(struct view *v, const struct row *r)
{
	const struct iface *f = r->ifc;
	if (!f->has_peer || !f->peer.netns) {
		view_message(v, true, "%s has no peer nsview can see", f->name ? f->name : "this");
		return;
	}
	struct row_key want = {
		.kind = ROW_IFACE, .type = NS_NET, .a = f->peer.netns, .b = f->peer.ifindex
	};
	struct row_key parent = { .kind = ROW_NETNS, .type = NS_NET, .a = f->peer.netns };
	set_fold(v, &parent, false);
	v->sel_key[v->cur] = want;
	view_rebuild(v);
	if (rows_key_cmp(&view_selected(v)->key, &want) != 0)
		view_message(v, true, "the peer of %s is not shown", f->name ? f->name : "this");
}

static enum view_action key_enter(struct view *v)
{
	const struct row *r = view_selected(v);
	if (!r)
		return ACT_NONE;
	if (r->key.kind == ROW_IFACE) {
		jump_to_peer(v, r);
		return ACT_NONE;
	}
	if (fold_selected(v, -1))
		return ACT_NONE;
	if (r->key.kind == ROW_PROC) {
		v->proc_pid = (pid_t)r->key.a;
		view_switch(v, VIEW_PROC);
	}
	return ACT_NONE;
}

/* Append a typed character (UTF-8) to the prompt, or erase the last one. */
static void input_edit(char *buf, int key)
{
	size_t n = strlen(buf);
	if (key == VK_BACKSPACE || key == 127 || key == 8) {
		while (n > 0 && ((unsigned char)buf[n - 1] & 0xC0) == 0x80)
			n--;
		if (n > 0)
			n--;
		buf[n] = 0;
		return;
	}
	if (key < 0x20 || key >= 0x110000 || (key >= 0x7f && key < 0xa0))
		return;
	char u[4];
	size_t l;
	if (key < 0x80) {
		u[0] = (char)key, l = 1;
	} else if (key < 0x800) {
		u[0] = (char)(0xC0 | (key >> 6)), u[1] = (char)(0x80 | (key & 0x3F)), l = 2;
	} else if (key < 0x10000) {
		u[0] = (char)(0xE0 | (key >> 12)), u[1] = (char)(0x80 | ((key >> 6) & 0x3F));
		u[2] = (char)(0x80 | (key & 0x3F)), l = 3;
	} else {
		u[0] = (char)(0xF0 | (key >> 18)), u[1] = (char)(0x80 | ((key >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((key >> 6) & 0x3F)), u[3] = (char)(0x80 | (key & 0x3F)),
		l = 4;
	}
	if (n + l < VIEW_TEXT_MAX) {
		memcpy(buf + n, u, l);
		buf[n + l] = 0;
	}
}

static bool is_enter(int key)
{
	return key == '\r' || key == '\n';
}

static enum view_action key_prompt(struct view *v, int key)
{
	bool search = v->mode == MODE_SEARCH;
	if (key == VK_ESC) {
		if (search) {
			move_to(v, (long)v->search_from);
			v->search[0] = 0; /* nothing is highlighted once the search is cancelled */
		} else {
			v->filter[0] = 0;
		}
		v->mode = MODE_NORMAL;
		view_rebuild(v);
		return ACT_NONE;
	}
	if (is_enter(key) || key == VK_F(3) || key == VK_F(4)) {
		v->mode = MODE_NORMAL;
		return ACT_NONE;
	}
	input_edit(v->input, key);
	if (search) {
		snprintf(v->search, sizeof(v->search), "%s", v->input);
		v->msg[0] = 0;
		search_next(v, v->search_from, true, 1);
	} else {
		snprintf(v->filter, sizeof(v->filter), "%s", v->input);
		view_rebuild(v);
	}
	return ACT_NONE;
}

static enum view_action key_spawn(struct view *v, int key)
{
	switch (key) {
	case VK_UP:
	case 'k':
		v->spawn_cur = (v->spawn_cur + 8) % 9;
		break;
	case VK_DOWN:
	case 'j':
	case '\t':
		v->spawn_cur = (v->spawn_cur + 1) % 9;
		break;
	case ' ':
	case 'x':
		if (v->spawn_cur == 8)
			v->spawn_veth = !v->spawn_veth;
		else
			v->spawn_flags ^= view_spawn_flag[v->spawn_cur];
		break;
	case '\r':
	case '\n':
		v->mode = MODE_NORMAL;
		return ACT_SPAWN;
	case VK_ESC:
	case 'q':
	case VK_F(10):
		v->mode = MODE_NORMAL;
		break;
	default:
		if (key >= '1' && key <= '9') { /* tick by number */
			int i = key - '1';
			if (i == 8)
				v->spawn_veth = !v->spawn_veth;
			else
				v->spawn_flags ^= view_spawn_flag[i];
			v->spawn_cur = i;
		}
		break;
	}
	return ACT_NONE;
}

static void open_prompt(struct view *v, enum view_mode m)
{
	v->mode = m;
	v->search_from = v->sel[v->cur];
	snprintf(v->input, sizeof(v->input), "%s", m == MODE_SEARCH ? "" : v->filter);
}

/* o and F6: the next sort column of view 2, or of view 1's processes (tree, CPU%, RES). */
static void sort_next(struct view *v)
{
	if (v->cur == VIEW_PIDNS) {
		v->psort = (enum view_psort)((v->psort + 1) % PSORT_COUNT);
		v->psort_asc = false;
		if (v->psort == PSORT_TREE)
			view_message(v, false, "processes as a tree (o: by CPU%%, O: reverse)");
		else
			view_message(v, false, "processes by %s, %s first (o: next, O: reverse)",
				     v->psort == PSORT_CPU ? "CPU%" : "RES",
				     v->psort_asc ? "smallest" : "largest");
	} else {
		v->sort = (enum view_sort)((v->sort + 1) % SORT_COUNT);
	}
	view_rebuild(v);
}

static void perspective(struct view *v)
{
	pid_t pid = view_selected_pid(v);
	if (!pid) {
		view_message(v, true, "select a process to look from its PID namespace");
		return;
	}
	if (view_set_perspective(v, pid) < 0)
		view_message(v, true, "process %d: its PID namespace is unknown", (int)pid);
}

enum view_action view_key(struct view *v, int key)
{
	if (key == VK_RESIZE)
		return ACT_REDRAW;
	if (v->mode == MODE_HELP) {
		v->mode = MODE_NORMAL;
		return ACT_NONE;
	}
	if (v->mode == MODE_SEARCH || v->mode == MODE_FILTER)
		return key_prompt(v, key);
	if (v->mode == MODE_SPAWN)
		return key_spawn(v, key);
	v->msg[0] = 0;
	long page = view_pane_height(v), sel = (long)v->sel[v->cur];
	switch (key) {
	case '1':
	case '2':
	case '3':
	case '4':
		view_switch(v, (enum view_id)(key - '1'));
		break;
	case '\t':
		view_switch(v, (enum view_id)((v->cur + 1) % VIEW_COUNT));
		break;
	case VK_BTAB:
		view_switch(v, (enum view_id)((v->cur + VIEW_COUNT - 1) % VIEW_COUNT));
		break;
	case VK_UP:
	case 'k':
		move_to(v, sel - 1);
		break;
	case VK_DOWN:
	case 'j':
		move_to(v, sel + 1);
		break;
	case VK_PGUP:
		v->top[v->cur] = v->top[v->cur] > (size_t)page ? v->top[v->cur] - (size_t)page : 0;
		move_to(v, sel - page);
		break;
	case VK_PGDN:
		v->top[v->cur] += (size_t)page;
		move_to(v, sel + page);
		break;
	case VK_HOME:
	case 'g':
		move_to(v, 0);
		break;
	case VK_END:
	case 'G':
		move_to(v, (long)v->nrows - 1);
		break;
	case '\r':
	case '\n':
		return key_enter(v);
	case ' ':
	case VK_F(5):
		fold_selected(v, -1);
		break;
	case '+':
	case VK_RIGHT:
		fold_selected(v, 0);
		break;
	case '-':
		fold_selected(v, 1);
		break;
	case VK_LEFT:
		key_left(v);
		break;
	case '/':
	case VK_F(3):
		open_prompt(v, MODE_SEARCH);
		break;
	case 'n':
		search_next(v, v->sel[v->cur], false, 1);
		break;
	case 'N':
		search_next(v, v->sel[v->cur], false, -1);
		break;
	case '\\':
	case VK_F(4):
		open_prompt(v, MODE_FILTER);
		break;
	case VK_ESC:
		v->search[0] = 0; /* and its highlighting */
		if (v->filter[0]) {
			v->filter[0] = 0;
			view_rebuild(v);
		}
		break;
	case 'p':
		perspective(v);
		break;
	case 'P':
		v->persp_ns = 0;
		v->persp_pid = 0;
		view_rebuild(v);
		break;
	case 'o':
	case VK_F(6):
		sort_next(v);
		break;
	case 'O':
		if (v->cur == VIEW_PIDNS)
			v->psort_asc = !v->psort_asc;
		else
			v->sort_desc = !v->sort_desc;
		view_rebuild(v);
		break;
	case 's':
	case VK_F(2):
		v->mode = MODE_SPAWN;
		v->spawn_cur = 0;
		break;
	case 'K':
	case VK_F(9):
		return ACT_KILL;
	case 'e':
		return ACT_ENTER;
	case '?':
	case 'h':
	case VK_F(1):
		v->mode = MODE_HELP;
		break;
	case 'q':
	case VK_F(10):
		return ACT_QUIT;
	case VK_CTRL('l'):
		return ACT_REDRAW;
	default:
		if (key >= VK_SORT0 && key < VK_SORT0 + SORT_COUNT) {
			enum view_sort col = (enum view_sort)(key - VK_SORT0);
			v->sort_desc = v->sort == col ? !v->sort_desc : false;
			v->sort = col;
			view_rebuild(v);
		} else if (key >= VK_PSORT0 && key < VK_PSORT0 + PSORT_COUNT) {
			enum view_psort col = (enum view_psort)(key - VK_PSORT0);
			v->psort_asc = v->psort == col && col != PSORT_TREE ? !v->psort_asc : false;
			v->psort = col;
			view_rebuild(v);
		}
		break;
	}
	return ACT_NONE;
}

void view_click(struct view *v, int y)
{
	if (v->mode != MODE_NORMAL)
		return;
	long i = (long)v->top[v->cur] + y - VIEW_PANE_Y;
	if (y >= VIEW_PANE_Y && y < VIEW_PANE_Y + view_pane_height(v) && i < (long)v->nrows)
		move_to(v, i);
}
