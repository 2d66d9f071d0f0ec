/*
 * test_draw: each view drawn into 80x24 and 120x40 grids, dumped as text and compared with
 * the goldens in tests/expected/draw-*.txt (UPDATE=1 rewrites them); no control character
 * reaches a cell whatever the snapshot holds; any size down to 20x5, and "too small" below.
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

struct fx {
	struct snapshot *s;
	struct view *v;
};

static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof(*f));
	f->s = ui_model();
	f->v = view_new();
	view_set_snapshot(f->v, f->s);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	view_free(f->v);
	model_free(f->s);
	free(f);
	return 0;
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

int main(void)
{
	setlocale(LC_CTYPE, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_pidns, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ns, setup, teardown),
		cmocka_unit_test_setup_teardown(test_net, setup, teardown),
		cmocka_unit_test_setup_teardown(test_proc, setup, teardown),
		cmocka_unit_test_setup_teardown(test_proc_demo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_perspective, setup, teardown),
		cmocka_unit_test_setup_teardown(test_help_and_spawn, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filter_prompt, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sizes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_titles, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
