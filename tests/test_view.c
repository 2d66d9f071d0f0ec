/*
 * test_view: key sequences on a hand-built snapshot: moving, paging, folds, views, search,
 * filter, perspective, the spawn dialog, actions, and that selection and folds survive a
 * refresh by key; view 1 sorted by CPU% and RES. Also the cost of a rebuild at 10,000
 * processes.
 */
#include <locale.h>
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "tests/ui_model.h"
#include "ui/grid.h"
#include "ui/rows.h"
#include "ui/view.h"

static long find_row(const struct view *v, enum row_kind kind, uint64_t a)
{
	for (size_t i = 0; i < v->nrows; i++)
		if (v->rows[i].key.kind == kind && v->rows[i].key.a == a)
			return (long)i;
	return -1;
}

static void select_row(struct view *v, enum row_kind kind, uint64_t a)
{
	long i = find_row(v, kind, a);
	assert_true(i >= 0);
	view_key(v, VK_HOME);
	for (long k = 0; k < i; k++)
		view_key(v, VK_DOWN);
	assert_int_equal(view_selected(v)->key.kind, kind);
	assert_int_equal(view_selected(v)->key.a, a);
}

static void keys(struct view *v, const char *s)
{
	for (; *s; s++)
		view_key(v, (unsigned char)*s);
}

/* View 1: namespaces nest, each with its processes as a ppid tree. */
static void test_tree(void **state)
{
	struct fx *f = *state;
	struct view *v = f->v;
	assert_int_equal(v->cur, VIEW_PIDNS);
	assert_int_equal(v->nrows, 11); /* 3 namespaces, 8 processes */
	assert_int_equal(v->rows[0].key.kind, ROW_PIDNS);
	assert_int_equal(v->rows[0].key.a, UI_P0);
	long a = find_row(v, ROW_PIDNS, UI_PA), b = find_row(v, ROW_PIDNS, UI_PB);
	assert_int_equal(v->rows[a].depth, 1);
	assert_int_equal(v->rows[b].depth, 2);
	assert_int_equal(v->rows[find_row(v, ROW_PROC, 201)].depth, 2);
	assert_int_equal(v->rows[find_row(v, ROW_PROC, 202)].depth, 3); /* child of 201 */
	assert_int_equal(v->rows[find_row(v, ROW_PROC, 301)].depth, 4);
	assert_true(find_row(v, ROW_PROC, 100) < a);
	/* the PID chain starts at the viewer's level */
	assert_int_equal(rows_pid_start(v, model_find_proc(f->s, 301)), 0);
}

static void test_moves(void **state)
{
	struct view *v = ((struct fx *)*state)->v;
	view_resize(v, 80, 8); /* a pane of 4 rows */
	assert_int_equal(view_pane_height(v), 4);
	assert_int_equal(v->sel[0], 0);
	view_key(v, VK_UP);
	assert_int_equal(v->sel[0], 0);
	keys(v, "jj");
	assert_int_equal(v->sel[0], 2);
	view_key(v, 'k');
	assert_int_equal(v->sel[0], 1);
	view_key(v, VK_PGDN);
	assert_int_equal(v->sel[0], 5);
	assert_true(v->top[0] <= 5 && 5 < v->top[0] + 4);
	view_key(v, VK_END);
	assert_int_equal(v->sel[0], v->nrows - 1);
	assert_int_equal(v->top[0], v->nrows - 4);
	view_key(v, VK_PGUP);
	assert_int_equal(v->sel[0], v->nrows - 5);
	view_key(v, VK_HOME);
	assert_int_equal(v->sel[0], 0);
	assert_int_equal(v->top[0], 0);
	view_key(v, 'G');
	view_key(v, 'g');
	assert_int_equal(v->sel[0], 0);
	/* a click on the third pane line selects the third visible row */
	view_click(v, VIEW_PANE_Y + 2);
	assert_int_equal(v->sel[0], 2);
	view_click(v, 0); /* the title line selects nothing */
	assert_int_equal(v->sel[0], 2);
}

static void test_folds(void **state)
{
	struct fx *f = *state;
	struct view *v = f->v;
	size_t all = v->nrows;
	select_row(v, ROW_PIDNS, UI_PA);
	view_key(v, '-');
	assert_true(view_selected(v)->folded);
	assert_int_equal(v->nrows, all - 5); /* 201, 202, B, 300 and 301 */
	assert_int_equal(find_row(v, ROW_PROC, 301), -1);
	view_key(v, '+');
	assert_int_equal(v->nrows, all);
	view_key(v, ' ');
	assert_int_equal(find_row(v, ROW_PROC, 202), -1);
	view_key(v, '\r'); /* Enter toggles too */
	assert_true(find_row(v, ROW_PROC, 202) >= 0);
	/* Left folds, then goes to the parent; Right unfolds */
	view_key(v, VK_LEFT);
	assert_true(view_selected(v)->folded);
	view_key(v, VK_LEFT);
	assert_int_equal(view_selected(v)->key.a, UI_P0);
	select_row(v, ROW_PIDNS, UI_PA);
	view_key(v, VK_RIGHT);
	assert_false(view_selected(v)->folded);
	/* a fold outlives a refresh: it is kept by key */
	view_key(v, '-');
	struct snapshot *s2 = ui_model();
	view_set_snapshot(v, s2);
	model_free(f->s);
	f->s = s2;
	assert_int_equal(find_row(v, ROW_PROC, 201), -1);
	assert_int_equal(view_selected(v)->key.a, UI_PA);
	/* Enter on a process without children opens the Process view */
	select_row(v, ROW_PROC, 100);
	view_key(v, '\n');
	assert_int_equal(v->cur, VIEW_PROC);
	assert_int_equal(v->proc_pid, 100);
}

/* A refresh keeps the selection on the same process even when rows move; new rows are
 * marked for one refresh and the vanished are counted. */
static void test_refresh(void **state)
{
	struct fx *f = *state;
	struct view *v = f->v;
	select_row(v, ROW_PROC, 202);
	size_t before = v->sel[0];
	struct snapshot *s2 = ui_model_sized(3);
	view_set_snapshot(v, s2);
	model_free(f->s);
	f->s = s2;
	assert_int_equal(view_selected(v)->key.a, 202);
	assert_int_not_equal(v->sel[0], before); /* three workers came before it */
	assert_true(v->rows[find_row(v, ROW_PROC, 1000)].fresh);
	assert_false(v->rows[find_row(v, ROW_PROC, 202)].fresh);
	assert_int_equal(v->nnew_pids, 3);
	assert_int_equal(v->gone_procs, 0);
	struct snapshot *s3 = ui_model();
	view_set_snapshot(v, s3);
	model_free(f->s);
	f->s = s3;
	assert_int_equal(v->gone_procs, 3);
	assert_int_equal(v->nnew_pids, 0);
	assert_int_equal(find_row(v, ROW_PROC, 1000), -1);
	assert_int_equal(view_selected(v)->key.a, 202);
}

static void test_views(void **state)
{
	struct view *v = ((struct fx *)*state)->v;
	view_key(v, '2');
	assert_int_equal(v->cur, VIEW_NS);
	assert_int_equal(v->rows[0].key.kind, ROW_NSTYPE);
	long orphan = -1;
	for (size_t i = 0; i < v->nrows; i++)
		if (v->rows[i].key.kind == ROW_NS && v->rows[i].ns->nprocs == 0)
			orphan = (long)i;
	assert_true(orphan >= 0);
	assert_int_equal(v->rows[orphan].key.a, UI_NF);
	/* sort the net group by process count, then reverse */
	view_key(v, VK_SORT0 + SORT_NPROCS);
	long net = find_row(v, ROW_NSTYPE, 0);
	for (size_t i = 0; i < v->nrows; i++)
		if (v->rows[i].key.kind == ROW_NSTYPE && v->rows[i].key.type == NS_NET)
			net = (long)i;
	assert_int_equal(v->rows[net + 1].key.a, UI_NF);
	view_key(v, 'O');
	assert_int_equal(v->rows[net + 3].key.a, UI_NF);
	view_key(v, 'o');
	assert_int_equal(v->sort, SORT_HELD);
	view_key(v, '\t');
	assert_int_equal(v->cur, VIEW_NET);
	view_key(v, VK_BTAB);
	assert_int_equal(v->cur, VIEW_NS);
	view_key(v, '4');
	assert_int_equal(v->cur, VIEW_PROC);
	bool links = false;
	for (size_t i = 0; i < v->nrows; i++)
		links |= v->rows[i].key.kind == ROW_LINK;
	assert_true(links);
	view_key(v, '\t');
	assert_int_equal(v->cur, VIEW_PIDNS);
}

/* Enter on a veth jumps to its peer in the other namespace, unfolding it. */
static void test_veth_jump(void **state)
{
	struct view *v = ((struct fx *)*state)->v;
	view_key(v, '3');
	select_row(v, ROW_NETNS, UI_NB);
	view_key(v, '-');
	select_row(v, ROW_NETNS, UI_N0);
	view_key(v, VK_DOWN);
	view_key(v, VK_DOWN);
	assert_int_equal(view_selected(v)->key.kind, ROW_IFACE);
	assert_int_equal(view_selected(v)->key.b, 5);
	view_key(v, '\r');
	assert_int_equal(view_selected(v)->key.a, UI_NB);
	assert_int_equal(view_selected(v)->key.b, 2);
	view_key(v, '\r');
	assert_int_equal(view_selected(v)->key.a, UI_N0);
	assert_int_equal(view_selected(v)->key.b, 5);
	/* lo has no peer: a message, no move */
	view_key(v, VK_UP);
	view_key(v, '\r');
	assert_int_equal(view_selected(v)->key.b, 1);
	assert_true(v->msg_err && v->msg[0]);
}

static void test_search(void **state)
{
	struct view *v = ((struct fx *)*state)->v;
	view_key(v, '/');
	assert_int_equal(v->mode, MODE_SEARCH);
	keys(v, "slee");
	assert_int_equal(view_selected(v)->key.a, 202); /* incremental */
	view_key(v, '\r');
	assert_int_equal(v->mode, MODE_NORMAL);
	assert_string_equal(v->search, "slee");
	view_key(v, VK_HOME);
	view_key(v, 'n');
	assert_int_equal(view_selected(v)->key.a, 202);
	view_key(v, 'n'); /* the only match: wraps to itself */
	assert_int_equal(view_selected(v)->key.a, 202);
	/* F3 opens a new search; Esc goes back to where it started */
	view_key(v, VK_F(3));
	keys(v, "bash");
	assert_int_equal(view_selected(v)->key.a, 300);
	view_key(v, VK_ESC);
	assert_int_equal(view_selected(v)->key.a, 202);
	view_key(v, '/');
	keys(v, "nomatch");
	assert_true(v->msg_err);
	view_key(v, VK_BACKSPACE);
	assert_string_equal(v->input, "nomatc");
	view_key(v, VK_ESC);
	/* N searches backwards */
	view_key(v, '/');
	keys(v, "s");
	view_key(v, '\r');
	size_t at = v->sel[0];
	view_key(v, 'N');
	assert_true(v->sel[0] != at);
}

/*
 * Search, filter and highlighting fold case alike, beyond ASCII, and all look at the text as
 * the row shows it: an escape byte from the system is found as the "\x1b" shown for it.
 */
static void test_case_fold(void **state)
{
	struct fx *f = *state;
	struct view *v = f->v;
	struct snapshot *s = ui_model();
	struct proc *p = ui_proc(s, 900, 1, "x", UI_P0, 1, (pid_t[]){ 900 });
	test_argv(p,
		"\xc3\x89"
		"clair",
		"a\x1b"
		"b",
		NULL);
	model_link(s);
	view_set_snapshot(v, s);
	model_free(f->s);
	f->s = s;

	view_key(v, '/');
	view_key(v, 0xe9); /* é: keys are characters */
	keys(v, "CLAIR");  /* éCLAIR finds Éclair */
	view_key(v, '\r');
	assert_false(v->msg_err);
	assert_int_equal(view_selected(v)->key.a, 900);
	view_key(v, VK_HOME);
	view_key(v, '/');
	keys(v, "A\\X1B");
	view_key(v, '\r');
	assert_false(v->msg_err);
	assert_int_equal(view_selected(v)->key.a, 900);
	view_key(v, '\\');
	view_key(v, 0xe9);
	keys(v, "clair");
	view_key(v, '\r');
	assert_int_equal(v->nrows, 3); /* the namespace, init and the match */
	assert_true(find_row(v, ROW_PROC, 900) >= 0);

	/* and what is found is what lights up */
	struct grid *g = grid_new(40, 1);
	grid_puts(g, 0, 0, ROLE_NORMAL,
		  "x \xc3\x89"
		  "clair a\x1b"
		  "b");
	assert_int_equal(grid_highlight(g, 0, 0,
					"\xc3\xa9"
					"CLAIR",
					ROLE_SELECTED),
			 1);
	assert_int_equal(grid_at(g, 0, 2)->role, ROLE_SELECTED);
	assert_int_equal(grid_highlight(g, 0, 0, "A\\X1B", ROLE_SELECTED), 1);
	assert_true(grid_text_has("x \xc3\x89"
				  "clair",
				  "\xc3\xa9"
				  "CL"));
	assert_false(grid_text_has("x \xc3\x89"
				   "clair",
				   "e"));
	grid_free(g);
}

static void test_filter(void **state)
{
	struct view *v = ((struct fx *)*state)->v;
	size_t all = v->nrows;
	view_key(v, '\\');
	assert_int_equal(v->mode, MODE_FILTER);
	keys(v, "BASH");
	/* the match and the namespaces above it; case does not matter */
	assert_int_equal(v->nrows, 4);
	assert_true(find_row(v, ROW_PROC, 300) >= 0);
	view_key(v, '\r');
	assert_string_equal(v->filter, "BASH");
	view_key(v, '2');
	view_key(v, '1');
	assert_int_equal(v->nrows, 4);
	view_key(v, VK_ESC);
	assert_int_equal(v->nrows, all);
	view_key(v, VK_F(4));
	keys(v, "zzz");
	assert_int_equal(v->nrows, 0);
	view_key(v, VK_ESC); /* Esc in the prompt drops the filter */
	assert_int_equal(v->nrows, all);
	assert_string_equal(v->filter, "");
}

static void test_perspective(void **state)
{
	struct fx *f = *state;
	struct view *v = f->v;
	select_row(v, ROW_PROC, 300);
	view_key(v, 'p');
	assert_int_equal(v->persp_ns, UI_PB);
	assert_int_equal(v->persp_pid, 300);
	/* only namespace B and its two processes, with B's PIDs */
	assert_int_equal(v->nrows, 3);
	assert_int_equal(v->rows[0].key.a, UI_PB);
	assert_int_equal(find_row(v, ROW_PROC, 100), -1);
	const struct proc *p = model_find_proc(f->s, 301);
	assert_int_equal(p->nspid[rows_pid_start(v, p)], 2);
	/* views 2 and 3 show only what the visible processes are in */
	view_key(v, '3');
	assert_int_equal(find_row(v, ROW_NETNS, UI_N0), -1);
	assert_true(find_row(v, ROW_NETNS, UI_NB) >= 0);
	view_key(v, '1');
	view_key(v, 'P');
	assert_int_equal(v->persp_ns, 0);
	assert_int_equal(v->nrows, 11);
	/* a namespace row means its init process */
	select_row(v, ROW_PIDNS, UI_PA);
	view_key(v, 'p');
	assert_int_equal(v->persp_pid, 201);
	assert_int_equal(view_set_perspective(v, 4242), -ESRCH);
}

/* Take namespace (t, ino) out of s, as when its last process exits between refreshes. */
static void drop_ns(struct snapshot *s, enum ns_type t, uint64_t ino)
{
	struct ns *n = model_find_ns(s, t, ino);
	assert_non_null(n);
	assert_null(n->name);
	memmove(n, n + 1, (size_t)(s->ns + s->nns - n - 1) * sizeof(*n));
	s->nns--;
}

/* The perspective's PID namespace vanishes: back to the viewer's own, saying so, rather than
 * a title counting 0 processes and views 2 and 3 empty. */
static void test_perspective_gone(void **state)
{
	struct fx *f = *state;
	struct view *v = f->v;
	select_row(v, ROW_PROC, 300);
	view_key(v, 'p');
	assert_int_equal(v->persp_ns, UI_PB);
	struct snapshot *s2 = ui_model();
	drop_ns(s2, NS_PID, UI_PB);
	view_set_snapshot(v, s2);
	model_free(f->s);
	f->s = s2;
	assert_int_equal(v->persp_ns, 0);
	assert_int_equal(v->persp_pid, 0);
	assert_non_null(strstr(v->msg, "300"));
	view_key(v, '2');
	assert_true(find_row(v, ROW_NS, UI_N0) >= 0);
}

/* Parents that point at each other (a pid reused between two reads, or a bad --proc tree)
 * must not hide the processes on the loop, nor their children. */
static void test_ppid_loop(void **state)
{
	struct fx *f = *state;
	struct view *v = f->v;
	struct snapshot *s2 = ui_model();
	model_find_proc(s2, 1)->ppid = 100; /* and 100's parent is 1 */
	view_set_snapshot(v, s2);
	model_free(f->s);
	f->s = s2;
	assert_int_equal(v->nrows, 11);
	assert_true(find_row(v, ROW_PROC, 1) >= 0);
	assert_true(find_row(v, ROW_PROC, 100) >= 0);
	assert_true(find_row(v, ROW_PROC, 200) >= 0);
}

static void test_spawn_and_actions(void **state)
{
	struct view *v = ((struct fx *)*state)->v;
	assert_int_equal(v->spawn_flags, CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWUTS);
	view_key(v, 's');
	assert_int_equal(v->mode, MODE_SPAWN);
	/* the default set, unchanged */
	assert_int_equal(view_key(v, '\r'), ACT_SPAWN);
	assert_int_equal(v->mode, MODE_NORMAL);
	view_key(v, 's');
	view_key(v, ' '); /* untick pid */
	keys(v, "jjjj");
	view_key(v, ' '); /* tick mnt */
	view_key(v, '8'); /* tick time */
	view_key(v, '9'); /* the veth */
	assert_int_equal(view_key(v, '\n'), ACT_SPAWN);
	assert_int_equal(v->spawn_flags, CLONE_NEWNET | CLONE_NEWUTS | CLONE_NEWNS | 0x80);
	assert_true(v->spawn_veth);
	view_key(v, 's');
	view_key(v, VK_ESC);
	assert_int_equal(v->mode, MODE_NORMAL);
	assert_int_equal(view_key(v, 'K'), ACT_KILL);
	assert_int_equal(view_key(v, VK_F(9)), ACT_KILL);
	assert_int_equal(view_key(v, 'e'), ACT_ENTER);
	assert_int_equal(view_key(v, VK_CTRL('l')), ACT_REDRAW);
	view_key(v, '?');
	assert_int_equal(v->mode, MODE_HELP);
	assert_int_equal(view_key(v, 'q'), ACT_NONE); /* closes the help only */
	assert_int_equal(v->mode, MODE_NORMAL);
	view_key(v, VK_F(1));
	assert_int_equal(v->mode, MODE_HELP);
	view_key(v, ' ');
	assert_int_equal(view_key(v, 'q'), ACT_QUIT);
	assert_int_equal(view_key(v, VK_F(10)), ACT_QUIT);
	/* nsview's children are known by pid */
	pid_t ours[] = { 301, 202 };
	view_set_ours(v, ours, 2);
	assert_true(view_is_ours(v, 202));
	assert_false(view_is_ours(v, 300));
	view_set_ours(v, NULL, 0);
	assert_false(view_is_ours(v, 202));
}

/* 10,000 processes: 50 refreshes with a rebuild each stay cheap. */
static long proc_at(const struct view *v, pid_t pid)
{
	return find_row(v, ROW_PROC, (uint64_t)pid);
}

/* View 1's processes flat by CPU% or RES within their PID namespace (largest first, O
 * reverses), back to the tree; view 2's sort is its own; the selection stays by key. */
static void test_sort(void **state)
{
	struct fx *f = *state;
	struct view *v = f->v;
	struct snapshot *b = ui_model();
	ui_res(model_find_proc(f->s, 1), 'S', 20000, 40, 1);
	ui_res(model_find_proc(b, 1), 'S', 20000, 40, 1);
	model_find_proc(b, 100)->cpu_ticks += 50;
	view_set_snapshot_at(v, f->s, &(struct procstat_clock){ .mono = 1, .hz = 100 });
	view_set_snapshot_at(v, b, &(struct procstat_clock){ .mono = 2, .hz = 100 });
	select_row(v, ROW_PROC, 202);
	assert_int_equal(v->psort, PSORT_TREE);

	view_key(v, 'o');
	assert_int_equal(v->psort, PSORT_CPU);
	assert_int_equal(view_selected(v)->key.a, 202);
	long host = find_row(v, ROW_PIDNS, UI_P0);
	assert_int_equal(proc_at(v, 100), host + 1); /* 50% */
	assert_int_equal(proc_at(v, 1), host + 2);   /* 0.0% */
	assert_int_equal(proc_at(v, 2), host + 3);   /* unknown: by pid */
	assert_int_equal(proc_at(v, 200), host + 4);
	for (size_t i = 0; i < v->nrows; i++)
		if (v->rows[i].key.kind == ROW_PROC)
			assert_false(v->rows[i].has_kids);
	/* each namespace's processes stay in it, one level below it */
	long pa = find_row(v, ROW_PIDNS, UI_PA);
	assert_true(proc_at(v, 201) > pa && proc_at(v, 202) > pa);
	assert_int_equal(v->rows[proc_at(v, 202)].depth, v->rows[pa].depth + 1);
	assert_int_equal(v->rows[proc_at(v, 301)].depth,
			 v->rows[find_row(v, ROW_PIDNS, UI_PB)].depth + 1);

	view_key(v, 'O');
	assert_true(v->psort_asc);
	assert_int_equal(proc_at(v, 1), host + 3);
	assert_int_equal(proc_at(v, 100), host + 4);

	view_key(v, VK_F(6));
	assert_int_equal(v->psort, PSORT_RES);
	assert_false(v->psort_asc);
	assert_int_equal(proc_at(v, 1), host + 1);   /* 19.5M */
	assert_int_equal(proc_at(v, 100), host + 2); /* 12.3M */

	view_key(v, 'o');
	assert_int_equal(v->psort, PSORT_TREE);
	assert_int_equal(v->rows[proc_at(v, 100)].depth, 2); /* a child of init again */
	assert_int_equal(view_selected(v)->key.a, 202);

	/* header clicks: a column, the same column again reverses, the first header: the tree */
	view_key(v, VK_PSORT0 + PSORT_RES);
	assert_int_equal(v->psort, PSORT_RES);
	assert_false(v->psort_asc);
	view_key(v, VK_PSORT0 + PSORT_RES);
	assert_true(v->psort_asc);
	view_key(v, VK_PSORT0 + PSORT_CPU);
	assert_int_equal(v->psort, PSORT_CPU);
	assert_false(v->psort_asc);
	view_key(v, VK_PSORT0 + PSORT_TREE);
	assert_int_equal(v->psort, PSORT_TREE);

	/* view 2 sorts its own columns */
	view_key(v, '2');
	enum view_sort before = v->sort;
	view_key(v, 'o');
	assert_int_equal(v->sort, (before + 1) % SORT_COUNT);
	assert_int_equal(v->psort, PSORT_TREE);
	view_key(v, '1');

	/* a filter still applies to sorted rows */
	view_key(v, 'o');
	view_key(v, '\\');
	keys(v, "sleep");
	view_key(v, '\r');
	assert_true(proc_at(v, 202) >= 0);
	assert_int_equal(proc_at(v, 100), -1);

	view_set_snapshot(v, f->s); /* b is freed: the view must not keep it */
	model_free(b);
}

static void test_big(void **state)
{
	struct view *v = view_new();
	struct snapshot *s = ui_model_sized(10000);
	struct timespec a, b;
	view_resize(v, 120, 40);
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (int i = 0; i < 50; i++) {
		if (i == 25)
			view_key(v, 'o'); /* by CPU%: a sort per namespace every rebuild */
		view_set_snapshot_at(v, s, &(struct procstat_clock){ .mono = 1 + i, .hz = 100 });
		view_key(v, VK_PGDN);
	}
	view_key(v, '\\');
	keys(v, "worker");
	clock_gettime(CLOCK_MONOTONIC, &b);
	double ms = (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6;
	printf("# 50 refreshes of 10,008 processes (25 sorted by CPU%%) and a filter: %.1f ms\n",
	       ms);
	assert_true(v->nrows > 10000);
	assert_true(ms < 5000);
	view_free(v);
	model_free(s);
}

/*
 * A fork chain of 200,000 processes (a hostile user can make one): every process gets a row,
 * those below the deepest indented level listed flat at it, built without recursion; End,
 * search, filter and folds work down there.
 */
static void test_deep_chain(void **state)
{
	enum { N = 200000 };
	struct snapshot *s = model_new();
	struct view *v = view_new();
	int deepest = 0;

	ui_ns(s, NS_PID, UI_P0, 0, HELD_PROCESS, NULL);
	test_chain(s, N, UI_P0);
	model_link(s);
	view_resize(v, 80, 24);
	view_set_snapshot(v, s);
	assert_int_equal(v->nrows, N + 1);
	for (size_t i = 1; i < v->nrows; i++) {
		assert_int_equal(v->rows[i].key.kind, ROW_PROC);
		assert_int_equal(v->rows[i].key.a, i);
		if (v->rows[i].depth > deepest)
			deepest = v->rows[i].depth;
	}
	assert_true(deepest >= 50 && deepest < 100);
	view_key(v, VK_END);
	assert_int_equal(view_selected(v)->key.a, N);
	view_key(v, '/');
	keys(v, "150000 ");
	view_key(v, '\r');
	assert_int_equal(view_selected(v)->key.a, 150000);
	/* folding a flat row hides the rows of its subtree, listed after it */
	view_key(v, '-');
	assert_true(view_selected(v)->folded);
	assert_int_equal(v->nrows, 150001);
	view_key(v, '+');
	assert_int_equal(v->nrows, N + 1);
	view_key(v, '\\');
	keys(v, "199999 ");
	view_key(v, '\r');
	assert_int_equal(v->nrows, 200000); /* the match and all above it */
	assert_int_equal(find_row(v, ROW_PROC, N), -1);
	assert_int_equal(v->rows[v->nrows - 1].key.a, 199999);
	view_free(v);
	model_free(s);
}

int main(void)
{
	setlocale(LC_CTYPE, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_tree, ui_fx_setup, ui_fx_teardown),
		cmocka_unit_test_setup_teardown(test_moves, ui_fx_setup, ui_fx_teardown),
		cmocka_unit_test_setup_teardown(test_folds, ui_fx_setup, ui_fx_teardown),
		cmocka_unit_test_setup_teardown(test_refresh, ui_fx_setup, ui_fx_teardown),
		cmocka_unit_test_setup_teardown(test_views, ui_fx_setup, ui_fx_teardown),
		cmocka_unit_test_setup_teardown(test_veth_jump, ui_fx_setup, ui_fx_teardown),
		cmocka_unit_test_setup_teardown(test_search, ui_fx_setup, ui_fx_teardown),
		cmocka_unit_test_setup_teardown(test_filter, ui_fx_setup, ui_fx_teardown),
		cmocka_unit_test_setup_teardown(test_case_fold, ui_fx_setup, ui_fx_teardown),
		cmocka_unit_test_setup_teardown(test_perspective, ui_fx_setup, ui_fx_teardown),
		cmocka_unit_test_setup_teardown(test_perspective_gone, ui_fx_setup, ui_fx_teardown),
		cmocka_unit_test_setup_teardown(test_ppid_loop, ui_fx_setup, ui_fx_teardown),
		cmocka_unit_test_setup_teardown(test_spawn_and_actions, ui_fx_setup, ui_fx_teardown),
		cmocka_unit_test_setup_teardown(test_sort, ui_fx_setup, ui_fx_teardown),
		cmocka_unit_test(test_big),
		cmocka_unit_test(test_deep_chain),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
