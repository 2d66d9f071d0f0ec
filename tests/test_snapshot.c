/* test_snapshot: whole snapshots of the committed fixture trees (tests/fixtures, run from
 * the top of the source tree), as a non-root user would get them: every field the probes
 * fill, errors, a vanished process, hostile bytes kept raw. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "probes/snapshot.h"
#include "src/model.h"

#define FIX "tests/fixtures/"

static struct snapshot *take(const char *dir)
{
	struct snapshot_opts o = { .proc_root = dir };
	struct snapshot_ctx *c = NULL;
	struct snapshot *s = NULL;
	assert_int_equal(snapshot_open(&o, &c), 0);
	assert_int_equal(snapshot_take(c, &s), 0);
	/* a second take on the same context gives the same picture */
	struct snapshot *s2 = NULL;
	assert_int_equal(snapshot_take(c, &s2), 0);
	assert_int_equal(s2->nns, s->nns);
	assert_int_equal(s2->nprocs, s->nprocs);
	model_free(s2);
	snapshot_close(c);
	assert_false(s->live);
	return s;
}

static const struct ns *ns_of(const struct snapshot *s, enum ns_type t, uint64_t ino)
{
	const struct ns *n = model_find_ns(s, t, ino);
	assert_non_null(n);
	return n;
}

static bool has_err(const struct snapshot *s, const char *path, int err)
{
	for (size_t i = 0; i < s->nerrs; i++)
		if (!strcmp(s->errs[i].path, path) && s->errs[i].err == err)
			return true;
	return false;
}

static void test_host(void **state)
{
	struct snapshot *s = take(FIX "host");
	assert_string_equal(s->kernel, "6.18.44-fc-v657");
	assert_int_equal(s->viewer_pid, 1962);
	assert_int_equal(s->viewer_euid, 0);
	assert_int_equal(s->nprocs, 4);
	assert_int_equal(s->nns, 8);
	for (size_t i = 0; i < s->nns; i++) {
		const struct ns *n = &s->ns[i];
		assert_true(n->initial);
		assert_true(n->ino == model_initial_ino(n->type));
		assert_int_equal(n->held, HELD_PROCESS);
		/* pid 1's links are unreadable: three processes count, never an inode 0 */
		assert_int_equal(n->nprocs, 3);
		assert_true(n->ino != 0);
		if (n->type == NS_USER) {
			assert_int_equal(n->owner, 0);
			assert_int_equal(n->parent, 0);
			assert_int_equal(n->owner_uid, 0);
			assert_int_equal(n->level, 0);
		} else {
			assert_true(n->owner == model_initial_ino(NS_USER));
			assert_int_equal(n->owner_uid, -1);
		}
		if (n->type == NS_PID)
			assert_int_equal(n->level, 0);
	}
	assert_string_equal(ns_of(s, NS_UTS, model_initial_ino(NS_UTS))->name, "vm");
	/* every unreadable link of pid 1 is an error, with the /proc path it stands for */
	const struct proc *p1 = model_find_proc(s, 1);
	assert_non_null(p1);
	for (int l = 0; l < NS_LINK_MAX; l++) {
		char path[64];
		assert_true(p1->ns[l] == 0);
		snprintf(path, sizeof path, "/proc/1/ns/%s", model_link_name(l));
		assert_true(has_err(s, path, EINVAL));
	}
	assert_int_equal(s->nerrs, NS_LINK_MAX);
	assert_string_equal(p1->comm, "process_api");
	const struct proc *sl = model_find_proc(s, 1963);
	assert_non_null(sl);
	assert_string_equal(sl->comm, "sleep");
	assert_int_equal(sl->ppid, 1962);
	assert_int_equal(sl->argc, 2);
	assert_string_equal(sl->argv[1], "infinity");
	assert_int_equal(sl->nnspid, 1);
	assert_int_equal(sl->nspid[0], 1963);
	assert_true(sl->ns[LINK_PID_FOR_CHILDREN] == model_initial_ino(NS_PID));
	assert_string_equal(sl->cgroup, "/");
	assert_null(sl->ctr_runtime);
	/* kthreadd: no argv, in every initial namespace */
	const struct proc *kt = model_find_proc(s, 2);
	assert_int_equal(kt->argc, 0);
	assert_string_equal(kt->comm, "kthreadd");
	/* fixtures carry no live fields */
	assert_int_equal(sl->state, 0);
	assert_int_equal(s->nnets, 1);
	assert_int_equal(s->nets[0].nprocs, 3);
	model_free(s);
}

static void test_nested(void **state)
{
	struct snapshot *s = take(FIX "nested");
	static const uint64_t chain[] = { 4026531836ULL, 4026532178ULL, 4026532180ULL,
					  4026532182ULL };
	static const pid_t init[] = { 0, 2584, 2586, 2588 };
	for (int i = 0; i < 4; i++) {
		const struct ns *n = ns_of(s, NS_PID, chain[i]);
		assert_int_equal(n->level, i);
		assert_true(n->parent == (i ? chain[i - 1] : 0));
		assert_int_equal(n->init_pid, init[i]);
		assert_int_equal(n->initial, i == 0);
		assert_int_equal(n->nprocs, i == 0 ? 2 : 1);
	}
	const struct proc *p = model_find_proc(s, 2588);
	assert_int_equal(p->nnspid, 4);
	assert_int_equal(p->nspid[0], 2588);
	assert_int_equal(p->nspid[1], 3);
	assert_int_equal(p->nspid[2], 2);
	assert_int_equal(p->nspid[3], 1);
	assert_int_equal(model_pid_in(s, p, chain[1]), 3);
	assert_int_equal(model_pid_in(s, model_find_proc(s, 2581), chain[1]), 0);
	/* four mount namespaces: the host's and one per unshare --mount-proc */
	size_t mnts = 0;
	for (size_t i = 0; i < s->nns; i++)
		mnts += s->ns[i].type == NS_MNT;
	assert_int_equal(mnts, 4);
	model_free(s);
}

static void test_siblings(void **state)
{
	struct snapshot *s = take(FIX "siblings");
	const struct ns *a = ns_of(s, NS_PID, 4026532179ULL);
	const struct ns *b = ns_of(s, NS_PID, 4026532325ULL);
	assert_int_equal(a->level, 1);
	assert_int_equal(b->level, 1);
	assert_true(a->parent == 4026531836ULL && b->parent == 4026531836ULL);
	assert_int_equal(a->init_pid, 2948);
	assert_int_equal(b->init_pid, 2949);
	/* one sibling cannot see the other */
	assert_int_equal(model_pid_in(s, model_find_proc(s, 2949), a->ino), 0);
	model_free(s);
}

static void test_netns(void **state)
{
	struct snapshot *s = take(FIX "netns");
	const struct ns *bind = ns_of(s, NS_NET, 4026532177ULL);
	assert_int_equal(bind->held, HELD_BIND);
	assert_int_equal(bind->nprocs, 0);
	/* the same mount seen twice (two processes in one mount namespace) is one path */
	assert_int_equal(bind->nbinds, 1);
	assert_string_equal(bind->binds[0], "/run/netns/nsvfix3308");
	assert_string_equal(bind->name, "nsvfix3308");
	assert_int_equal(bind->nfds, 0);
	assert_false(bind->initial);
	assert_true(bind->owner == model_initial_ino(NS_USER));

	const struct ns *fd = ns_of(s, NS_NET, 4026532391ULL);
	assert_int_equal(fd->held, HELD_FD);
	assert_int_equal(fd->nfds, 1);
	assert_int_equal(fd->fds[0].pid, 3322);
	assert_int_equal(fd->fds[0].fd, 9);
	assert_int_equal(fd->nbinds, 0);
	assert_null(fd->name);

	assert_int_equal(s->nnets, 3);
	const struct netns *nb = model_find_netns(s, 4026532177ULL);
	assert_non_null(nb);
	assert_int_equal(nb->nnames, 1);
	assert_string_equal(nb->names[0], "nsvfix3308");
	assert_int_equal(nb->nprocs, 0);
	const struct netns *nf = model_find_netns(s, 4026532391ULL);
	assert_non_null(nf);
	assert_int_equal(nf->nnames, 0);
	assert_int_equal(nf->nifs, 0); /* no netlink on a fixture */
	model_free(s);
}

static void test_hostile(void **state)
{
	struct snapshot *s = take(FIX "hostile");
	const struct proc *p = model_find_proc(s, 5452);
	assert_non_null(p);
	/* kept raw: ESC, newline, invalid UTF-8, U+202E */
	assert_string_equal(p->comm, "c\x1b[2J\n\xff\xe2\x80\xae");
	assert_string_equal(p->argv[0], "argv\x1b]0;x\a\n\xff\xe2\x80\xae");
	const struct ns *u = ns_of(s, NS_UTS, 4026532177ULL);
	assert_string_equal(u->name, "evil\x1b[31mname\xe2\x80\xae\xff");
	assert_int_equal(u->nprocs, 2);
	model_free(s);
}

static void test_vanish(void **state)
{
	struct snapshot *s = take(FIX "vanish");
	/* 4242 is listed but its status is gone: skipped, and no error about it */
	assert_null(model_find_proc(s, 4242));
	assert_int_equal(s->nprocs, 4);
	for (size_t i = 0; i < s->nerrs; i++)
		assert_null(strstr(s->errs[i].path, "4242"));
	model_free(s);
}

static void test_midscan(void **state)
{
	struct snapshot *s = take(FIX "midscan");
	/* 7 exited after its status was read: its ns directory is gone, which is no
	 * error, and no link of it is reported either */
	const struct proc *p = model_find_proc(s, 7);
	assert_non_null(p);
	for (int l = 0; l < NS_LINK_MAX; l++)
		assert_true(p->ns[l] == 0);
	assert_int_equal(s->nerrs, 0);
	/* 8's mountinfo went with it: 9, in the same mount namespace, tells its bind mounts */
	assert_int_equal(s->nns, 2);
	const struct ns *n = ns_of(s, NS_NET, 4026532177ULL);
	assert_int_equal(n->held, HELD_BIND);
	assert_int_equal(n->nbinds, 1);
	assert_string_equal(n->binds[0], "/run/netns/blue");
	assert_string_equal(n->name, "blue");
	model_free(s);
}

static void test_task(void **state)
{
	struct snapshot *s = take(FIX "task");
	/* a thread's namespace that no whole process is in */
	const struct ns *n = ns_of(s, NS_NET, 4026532300ULL);
	assert_int_equal(n->held, HELD_TASK);
	assert_int_equal(n->nprocs, 0);
	assert_non_null(model_find_netns(s, 4026532300ULL));
	/* the thread's process is still counted where its leader is */
	assert_int_equal(ns_of(s, NS_NET, model_initial_ino(NS_NET))->nprocs, 3);
	model_free(s);
}

static void test_hostname_label(void **state)
{
	struct snapshot *s = take(FIX "hostname");
	assert_string_equal(ns_of(s, NS_UTS, 4026532310ULL)->name, "web1");
	/* the unnamed netns of a container takes its hostname; the host's stays unnamed */
	assert_string_equal(ns_of(s, NS_NET, 4026532311ULL)->name, "web1");
	assert_null(ns_of(s, NS_NET, model_initial_ino(NS_NET))->name);
	assert_string_equal(model_net_label(s, 4026532311ULL), "web1");
	assert_string_equal(model_net_label(s, model_initial_ino(NS_NET)), "host");
	/* ip-netns names stay ip-netns names */
	assert_int_equal(model_find_netns(s, 4026532311ULL)->nnames, 0);
	model_free(s);
}

static void test_bad_roots(void **state)
{
	struct snapshot_ctx *c = NULL;
	struct snapshot_opts o = { .proc_root = FIX "no-such-dir" };
	assert_int_equal(snapshot_open(&o, &c), -ENOENT);
	assert_null(c);
	o.proc_root = FIX "README";
	assert_int_equal(snapshot_open(&o, &c), -ENOTDIR);
	assert_null(c);
	/* an empty tree is a valid, empty machine */
	o.proc_root = FIX "host/1/ns";
	assert_int_equal(snapshot_open(&o, &c), 0);
	struct snapshot *s = NULL;
	assert_int_equal(snapshot_take(c, &s), 0);
	assert_int_equal(s->nprocs, 0);
	assert_int_equal(s->nns, 0);
	model_free(s);
	snapshot_close(c);
	snapshot_close(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_host),	cmocka_unit_test(test_nested),
		cmocka_unit_test(test_siblings), cmocka_unit_test(test_netns),
		cmocka_unit_test(test_hostile), cmocka_unit_test(test_vanish),
		cmocka_unit_test(test_midscan),
		cmocka_unit_test(test_task),	cmocka_unit_test(test_hostname_label),
		cmocka_unit_test(test_bad_roots),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
