/*
 * test_procstat: CPU% between two snapshots with known ticks and times (new pids, reused
 * pids, the first frame, unknown clocks, fixtures), and the text of RES, CPU% and CPU time
 * at their boundaries.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "src/model.h"
#include "ui/procstat.h"

static struct proc *add(struct snapshot *s, pid_t pid, uint64_t start, uint64_t ticks)
{
	struct proc *p = model_add_proc(s, pid);
	p->state = 'S';
	p->start_ticks = start;
	p->cpu_ticks = ticks;
	return p;
}

static float pct_of(const struct procstat *ps, const struct snapshot *s, pid_t pid)
{
	const struct proc *p = model_find_proc(s, pid);
	assert_non_null(p);
	return procstat_pct(ps, s, p);
}

static void test_cpu_pct(void **state)
{
	(void)state;
	struct procstat ps = { 0 };
	struct procstat_clock c1 = { .mono = 1000.0, .boot = 50, .real = 1e9, .hz = 100 };
	struct procstat_clock c2 = { .mono = 1002.0, .boot = 52, .real = 1e9 + 2, .hz = 100 };

	struct snapshot *a = model_new();
	add(a, 10, 5, 100);  /* busy: 50 ticks in 2 s at 100 Hz = 25% */
	add(a, 20, 5, 7);    /* idle */
	add(a, 30, 5, 1000); /* exits */
	add(a, 40, 5, 100);  /* its pid is reused by a new process */
	add(a, 50, 5, 100);  /* two threads' worth: 400 ticks in 2 s = 200% */
	add(a, 60, 5, 900);  /* ticks going back: not the same process */
	model_sort(a);
	procstat_update(&ps, a, &c1);
	for (size_t i = 0; i < a->nprocs; i++) /* the first frame knows no CPU% */
		assert_true(procstat_pct(&ps, a, &a->procs[i]) < 0);

	struct snapshot *b = model_new();
	add(b, 60, 5, 10);
	add(b, 50, 5, 500);
	add(b, 45, 300, 50); /* new */
	add(b, 40, 150, 120);
	add(b, 20, 5, 7);
	add(b, 10, 5, 150);
	model_add_proc(b, 70); /* a fixture's process: no fields read */
	model_sort(b);
	procstat_update(&ps, b, &c2);
	assert_float_equal(pct_of(&ps, b, 10), 25.0, 1e-4);
	assert_float_equal(pct_of(&ps, b, 20), 0.0, 1e-6);
	assert_float_equal(pct_of(&ps, b, 50), 200.0, 1e-3);
	assert_true(pct_of(&ps, b, 40) < 0);
	assert_true(pct_of(&ps, b, 45) < 0);
	assert_true(pct_of(&ps, b, 60) < 0);
	assert_true(pct_of(&ps, b, 70) < 0);
	assert_true(ps.clock.boot == 52);

	/* a process that is not in the snapshot given has no CPU% */
	assert_true(procstat_pct(&ps, b, &a->procs[0]) < 0);

	/* a refresh without clocks knows no CPU%, and the next one with them neither */
	struct snapshot *c = model_new();
	add(c, 10, 5, 200);
	model_sort(c);
	procstat_update(&ps, c, NULL);
	assert_true(pct_of(&ps, c, 10) < 0);
	struct procstat_clock c3 = { .mono = 1003.0, .hz = 100 };
	procstat_update(&ps, c, &c3);
	assert_true(pct_of(&ps, c, 10) < 0);
	struct procstat_clock c4 = { .mono = 1004.0, .hz = 100 };
	procstat_update(&ps, c, &c4);
	assert_float_equal(pct_of(&ps, c, 10), 0.0, 1e-6);
	/* no time between two snapshots: no CPU% rather than a division by zero */
	procstat_update(&ps, c, &c4);
	assert_true(pct_of(&ps, c, 10) < 0);

	procstat_clear(&ps);
	procstat_clear(&ps);
	model_free(a);
	model_free(b);
	model_free(c);
}

/* Many processes in both snapshots: one merge, and every CPU% right. */
static void test_cpu_many(void **state)
{
	(void)state;
	struct procstat ps = { 0 };
	struct snapshot *a = model_new(), *b = model_new();
	for (int i = 1; i <= 10000; i++) {
		add(a, i * 3, 1, 1000);
		if (i % 7)
			add(b, i * 3, 1, 1000 + (uint64_t)(i % 50));
		else
			add(b, i * 3 + 1, 1, 5); /* new pids between the old ones */
	}
	model_sort(a);
	model_sort(b);
	procstat_update(&ps, a, &(struct procstat_clock){ .mono = 10, .hz = 100 });
	procstat_update(&ps, b, &(struct procstat_clock){ .mono = 11, .hz = 100 });
	for (size_t i = 0; i < b->nprocs; i++) {
		const struct proc *p = &b->procs[i];
		float want = p->pid % 3 ? -1.0f : (float)((p->pid / 3) % 50);
		assert_float_equal(procstat_pct(&ps, b, p), want, 1e-3);
	}
	procstat_clear(&ps);
	model_free(a);
	model_free(b);
}

static void assert_res(uint64_t kib, const char *want)
{
	char buf[PROCSTAT_TEXT_LEN];
	procstat_fmt_res(kib, buf);
	assert_string_equal(buf, want);
	assert_true(strlen(buf) <= 6);
}

static void test_res(void **state)
{
	(void)state;
	assert_res(0, "0K");
	assert_res(812, "812K");
	assert_res(1023, "1023K");
	assert_res(1024, "1.0M");
	assert_res(1075, "1.0M"); /* 1.0498M rounds down */
	assert_res(1076, "1.1M"); /* 1.0508M rounds up */
	assert_res(12595, "12.3M");
	assert_res(1023948, "999.9M"); /* 999.949M */
	assert_res(1023949, "1.0G");   /* would round to 1000.0M: the next unit instead */
	assert_res(1048576, "1.0G");
	assert_res(1258291, "1.2G");
	assert_res(1048576ULL * 1024, "1.0T");
	assert_res(1048576ULL * 1048576 * 1024, "1.0E");
	assert_res(UINT64_MAX, "16.0Z");
}

static void assert_pct(float pct, const char *want)
{
	char buf[PROCSTAT_TEXT_LEN];
	procstat_fmt_pct(pct, buf);
	assert_string_equal(buf, want);
	assert_true(strlen(buf) <= 5);
}

static void test_pct_text(void **state)
{
	(void)state;
	assert_pct(-1, "");
	assert_pct(0, "0.0");
	assert_pct(12.34f, "12.3");
	assert_pct(99.94f, "99.9");
	assert_pct(99.96f, "100");
	assert_pct(399.4f, "399");
	assert_pct(99999.4f, "99999");
	assert_pct(1e9f, "99999");
}

static void test_hms(void **state)
{
	(void)state;
	char buf[PROCSTAT_TEXT_LEN];
	procstat_fmt_hms(0, buf);
	assert_string_equal(buf, "0:00:00");
	procstat_fmt_hms(65, buf);
	assert_string_equal(buf, "0:01:05");
	procstat_fmt_hms(3600 * 27, buf);
	assert_string_equal(buf, "27:00:00");
	procstat_fmt_hms(UINT64_MAX, buf);
	assert_true(strlen(buf) < PROCSTAT_TEXT_LEN);
	assert_string_equal(procstat_state_name('S'), "sleeping");
	assert_string_equal(procstat_state_name('D'), "disk sleep");
	assert_string_equal(procstat_state_name('?'), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cpu_pct), cmocka_unit_test(test_cpu_many),
		cmocka_unit_test(test_res),	cmocka_unit_test(test_pct_text),
		cmocka_unit_test(test_hms),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
