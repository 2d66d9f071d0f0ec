/*
 * test_model: building, sorting, linking and searching hand-built snapshots:
 * process counts, levels (by parent chain and by NSpid), init_pid, and PID
 * visibility between namespaces (model_pid_index / model_pid_in).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tests/sample_model.h"

static void test_names(void **state)
{
	static const char *const types[] = { "cgroup", "ipc",  "mnt",  "net",
					     "pid",    "time", "user", "uts" };
	for (int t = 0; t < NS_TYPE_MAX; t++) {
		assert_string_equal(model_type_name(t), types[t]);
		assert_int_equal(model_type_parse(types[t], strlen(types[t])), t);
	}
	assert_null(model_type_name(NS_TYPE_MAX));
	assert_int_equal(model_type_parse("bogus", 5), -1);
	assert_int_equal(model_type_parse("pidx", 3), NS_PID); /* by length, not NUL */
	assert_int_equal(model_type_parse("pi", 2), -1);
	assert_int_equal(model_type_parse("", 0), -1);

	assert_string_equal(model_link_name(LINK_PID_FOR_CHILDREN), "pid_for_children");
	assert_string_equal(model_link_name(LINK_TIME_FOR_CHILDREN), "time_for_children");
	assert_null(model_link_name(NS_LINK_MAX));
	assert_int_equal(model_link_type(LINK_PID_FOR_CHILDREN), NS_PID);
	assert_int_equal(model_link_type(LINK_TIME_FOR_CHILDREN), NS_TIME);
	assert_int_equal(model_link_type(LINK_UTS), NS_UTS);

	assert_string_equal(model_held_name(HELD_PROCESS), "process");
	assert_string_equal(model_held_name(HELD_TASK), "task");
	assert_string_equal(model_held_name(HELD_FD), "fd");
	assert_string_equal(model_held_name(HELD_SOCKET), "socket");
	assert_string_equal(model_held_name(HELD_BIND), "bind");
	assert_string_equal(model_held_name(HELD_PARENT), "parent");
	assert_null(model_held_name(HELD_FD | HELD_BIND));
	assert_null(model_held_name(0));
}

/* The fixed initial inodes of Linux 6.x (enum init_ns_ino), as KERNEL.md observed. */
static void test_initial_inos(void **state)
{
	assert_int_equal(model_initial_ino(NS_MNT), 4026531832ULL);
	assert_int_equal(model_initial_ino(NS_NET), 4026531833ULL);
	assert_int_equal(model_initial_ino(NS_TIME), 4026531834ULL);
	assert_int_equal(model_initial_ino(NS_CGROUP), 4026531835ULL);
	assert_int_equal(model_initial_ino(NS_PID), 4026531836ULL);
	assert_int_equal(model_initial_ino(NS_USER), 4026531837ULL);
	assert_int_equal(model_initial_ino(NS_UTS), 4026531838ULL);
	assert_int_equal(model_initial_ino(NS_IPC), 4026531839ULL);
	assert_int_equal(model_initial_ino(NS_TYPE_MAX), 0);
}

static void test_free_null(void **state)
{
	model_free(NULL);
	struct snapshot *s = model_new();
	assert_null(model_find_ns(s, NS_PID, P0));
	assert_null(model_find_proc(s, 1));
	assert_null(model_find_netns(s, N0));
	model_link(s); /* an empty snapshot links to nothing */
	model_free(s);
}

/* Arrays sort by type then inode, by pid, by inode, interfaces by ifindex. */
static void test_sort_and_find(void **state)
{
	struct snapshot *s = sample_model();

	for (size_t i = 1; i < s->nns; i++)
		assert_true(
		    s->ns[i - 1].type < s->ns[i].type ||
		    (s->ns[i - 1].type == s->ns[i].type && s->ns[i - 1].ino < s->ns[i].ino));
	for (size_t i = 1; i < s->nprocs; i++)
		assert_true(s->procs[i - 1].pid < s->procs[i].pid);
	assert_int_equal(s->nets[0].ino, N0);

	assert_int_equal(model_find_ns(s, NS_PID, P2)->ino, P2);
	assert_null(model_find_ns(s, NS_NET, P2)); /* right inode, wrong type */
	assert_string_equal(model_find_proc(s, 203)->comm, "sleep");
	assert_null(model_find_proc(s, 205));
	assert_int_equal(model_find_netns(s, N1)->nnames, 1);

	struct netns *n = model_find_netns(s, N1);
	n->ifs = xcalloc(3, sizeof *n->ifs);
	n->nifs = 3;
	n->ifs[0].ifindex = 9;
	n->ifs[1].ifindex = 1;
	n->ifs[2].ifindex = 4;
	model_sort(s);
	assert_int_equal(n->ifs[0].ifindex, 1);
	assert_int_equal(model_find_iface(n, 4)->ifindex, 4);
	assert_null(model_find_iface(n, 2));

	model_add_err(s, "/proc/5/ns/net", -EACCES);
	model_add_err(s, "/proc/6/ns/net", EPERM);
	assert_int_equal(s->nerrs, 2);
	assert_int_equal(s->errs[0].err, EACCES); /* kept positive either way */
	assert_int_equal(s->errs[1].err, EPERM);
	model_free(s);
}

/* Many elements: the arrays grow past their first capacity and stay searchable. */
static void test_growth(void **state)
{
	struct snapshot *s = model_new();
	for (int i = 1000; i > 0; i--)
		model_add_proc(s, i)->ppid = i - 1;
	for (uint64_t i = 0; i < 300; i++)
		model_add_ns(s, (enum ns_type)(i % NS_TYPE_MAX), 4026532000 + 299 - i);
	model_link(s);
	assert_int_equal(s->nprocs, 1000);
	for (int i = 1; i <= 1000; i++)
		assert_int_equal(model_find_proc(s, i)->ppid, i - 1);
	for (uint64_t i = 0; i < 300; i++)
		assert_non_null(
		    model_find_ns(s, (enum ns_type)((299 - i) % NS_TYPE_MAX), 4026532000 + i));
	model_free(s);
}

static void test_link_counts(void **state)
{
	struct snapshot *s = sample_model();

	assert_int_equal(model_find_ns(s, NS_PID, P0)->nprocs, 3);
	assert_int_equal(model_find_ns(s, NS_PID, P1)->nprocs, 2);
	assert_int_equal(model_find_ns(s, NS_PID, P2)->nprocs, 2);
	assert_int_equal(model_find_ns(s, NS_PID, P3)->nprocs, 0);
	assert_int_equal(model_find_ns(s, NS_USER, U0)->nprocs, 3);
	assert_int_equal(model_find_ns(s, NS_USER, U1)->nprocs, 4);
	assert_int_equal(model_find_ns(s, NS_NET, N0)->nprocs, 7);
	assert_int_equal(model_find_ns(s, NS_NET, N1)->nprocs, 0);
	/* a netns's count comes from its namespace */
	assert_int_equal(model_find_netns(s, N0)->nprocs, 7);
	assert_int_equal(model_find_netns(s, N1)->nprocs, 0);

	/* pid_for_children alone does not count as being in a namespace */
	struct proc *p = model_find_proc(s, 200);
	p->ns[LINK_PID_FOR_CHILDREN] = P1;
	/* linking twice gives the same counts, not double */
	model_link(s);
	model_link(s);
	assert_int_equal(model_find_ns(s, NS_PID, P1)->nprocs, 2);
	assert_int_equal(model_find_ns(s, NS_PID, P0)->nprocs, 3);
	model_free(s);
}

static void test_link_levels(void **state)
{
	struct snapshot *s = sample_model();

	assert_int_equal(model_find_ns(s, NS_PID, P0)->level, 0);
	assert_int_equal(model_find_ns(s, NS_PID, P1)->level, 1);
	assert_int_equal(model_find_ns(s, NS_PID, P2)->level, 2);
	assert_int_equal(model_find_ns(s, NS_PID, P3)->level, 1); /* no process, but a parent */
	assert_int_equal(model_find_ns(s, NS_USER, U0)->level, 0);
	assert_int_equal(model_find_ns(s, NS_USER, U1)->level, 1);
	/* other types have no level */
	assert_int_equal(model_find_ns(s, NS_NET, N0)->level, -1);
	assert_int_equal(model_find_ns(s, NS_UTS, UTS1)->level, -1);
	model_free(s);
}

/* Without parents (a fixture with no sidecar) a level comes from the NSpid length. */
static void test_link_levels_from_nspid(void **state)
{
	struct snapshot *s = sample_model();

	for (size_t i = 0; i < s->nns; i++)
		s->ns[i].parent = 0;
	model_link(s);
	assert_int_equal(model_find_ns(s, NS_PID, P0)->level, 0);
	assert_int_equal(model_find_ns(s, NS_PID, P1)->level, 1);
	assert_int_equal(model_find_ns(s, NS_PID, P2)->level, 2);
	assert_int_equal(model_find_ns(s, NS_PID, P3)->level, -1); /* nothing tells */
	assert_int_equal(model_find_ns(s, NS_USER, U1)->level, -1);
	model_free(s);
}

/* A viewer inside a container: NSpid starts at the viewer's level, not 0. */
static void test_link_levels_viewer_nested(void **state)
{
	struct snapshot *s = model_new();
	struct ns *n = model_add_ns(s, NS_PID, P1);
	n->parent = P0; /* the parent is not in the snapshot: the chain is broken */
	model_add_ns(s, NS_PID, P2);
	sample_proc(s, 1, 0, "init", P1, U1, 1, (pid_t[]){ 1 });
	sample_proc(s, 5, 1, "unshare", P1, U1, 1, (pid_t[]){ 5 });
	sample_proc(s, 6, 5, "sh", P2, U1, 2, (pid_t[]){ 6, 1 });
	s->viewer_pid = 5;
	model_link(s);
	/* the viewer's own level is unknown (-1 through the chain), so its namespace counts as 0 */
	assert_int_equal(model_find_ns(s, NS_PID, P1)->level, 0);
	assert_int_equal(model_find_ns(s, NS_PID, P2)->level, 1);
	assert_int_equal(model_find_ns(s, NS_PID, P1)->init_pid, 1);
	assert_int_equal(model_find_ns(s, NS_PID, P2)->init_pid, 6);
	model_free(s);
}

/* A parent loop in corrupt sidecar data ends with an unknown level, not a hang. */
static void test_link_parent_cycle(void **state)
{
	struct snapshot *s = model_new();
	model_add_ns(s, NS_USER, U1)->parent = 4026532501;
	model_add_ns(s, NS_USER, 4026532501)->parent = U1;
	model_link(s);
	assert_int_equal(model_find_ns(s, NS_USER, U1)->level, -1);
	assert_int_equal(model_find_ns(s, NS_USER, 4026532501)->level, -1);
	model_free(s);
}

static void test_link_init_pid(void **state)
{
	struct snapshot *s = sample_model();

	assert_int_equal(model_find_ns(s, NS_PID, P0)->init_pid, 1);
	assert_int_equal(model_find_ns(s, NS_PID, P1)->init_pid, 201);
	assert_int_equal(model_find_ns(s, NS_PID, P2)->init_pid, 203);
	assert_int_equal(model_find_ns(s, NS_PID, P3)->init_pid, 0);
	model_free(s);

	/* a namespace whose PID 1 has exited has no init, whatever else is in it */
	s = model_new();
	model_add_ns(s, NS_PID, P0)->initial = true;
	model_add_ns(s, NS_PID, P1)->parent = P0;
	sample_proc(s, 1, 0, "init", P0, U0, 1, (pid_t[]){ 1 });
	sample_proc(s, 7, 1, "orphan", P1, U0, 2, (pid_t[]){ 7, 2 });
	model_link(s);
	assert_int_equal(model_find_ns(s, NS_PID, P1)->init_pid, 0);
	assert_int_equal(model_find_ns(s, NS_PID, P1)->nprocs, 1);
	model_free(s);

	/* PID 1 with unreadable links (EACCES even for root): its NSpid of just "1" makes
	 * it the init of the namespace this /proc shows, the one of other single-NSpid
	 * processes; linking twice gives the same answer */
	s = model_new();
	model_add_ns(s, NS_PID, P0)->initial = true;
	sample_proc(s, 1, 0, "init", 0, 0, 1, (pid_t[]){ 1 });
	sample_proc(s, 50, 1, "sh", P0, U0, 1, (pid_t[]){ 50 });
	model_link(s);
	model_link(s);
	assert_int_equal(model_find_ns(s, NS_PID, P0)->init_pid, 1);
	assert_int_equal(model_find_ns(s, NS_PID, P0)->nprocs, 1);
	model_free(s);
}

static void test_pid_visibility(void **state)
{
	struct snapshot *s = sample_model();
	const struct proc *p204 = model_find_proc(s, 204), *p202 = model_find_proc(s, 202);
	const struct proc *p200 = model_find_proc(s, 200), *p1 = model_find_proc(s, 1);

	/* 204 has a PID at every level down from the host: 204 -> 4 -> 2 */
	assert_int_equal(model_pid_index(s, p204, P0), 0);
	assert_int_equal(model_pid_index(s, p204, P1), 1);
	assert_int_equal(model_pid_index(s, p204, P2), 2);
	assert_int_equal(model_pid_in(s, p204, P0), 204);
	assert_int_equal(model_pid_in(s, p204, P1), 4);
	assert_int_equal(model_pid_in(s, p204, P2), 2);
	/* a sibling namespace at the same level sees nothing of it */
	assert_int_equal(model_pid_index(s, p204, P3), -1);
	assert_int_equal(model_pid_in(s, p204, P3), 0);
	/* an inner namespace cannot see its parent's processes */
	assert_int_equal(model_pid_in(s, p202, P2), 0);
	assert_int_equal(model_pid_in(s, p202, P1), 2);
	assert_int_equal(model_pid_in(s, p200, P1), 0);
	assert_int_equal(model_pid_in(s, p1, P0), 1);
	/* an unknown namespace or an unreadable own namespace: invisible */
	assert_int_equal(model_pid_index(s, p204, 4026539999), -1);
	struct proc *p = model_find_proc(s, 201);
	p->ns[LINK_PID] = 0;
	assert_int_equal(model_pid_in(s, p, P1), 0);
	/* no NSpid line: nothing to index */
	p = model_find_proc(s, 202);
	p->nnspid = 0;
	assert_int_equal(model_pid_index(s, p, P1), -1);
	model_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_initial_inos),
		cmocka_unit_test(test_free_null),
		cmocka_unit_test(test_sort_and_find),
		cmocka_unit_test(test_growth),
		cmocka_unit_test(test_link_counts),
		cmocka_unit_test(test_link_levels),
		cmocka_unit_test(test_link_levels_from_nspid),
		cmocka_unit_test(test_link_levels_viewer_nested),
		cmocka_unit_test(test_link_parent_cycle),
		cmocka_unit_test(test_link_init_pid),
		cmocka_unit_test(test_pid_visibility),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
