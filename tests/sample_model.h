/*
 * sample_model: a hand-built snapshot shared by the model, JSON and text tests.
 *
 * The viewer (pid 100) is in the initial PID namespace. `unshare` (200) made PID
 * namespace P1 (init 201, owned by user namespace U1); inside it another made P2
 * (init 203, a docker container), so 204 has a PID at three levels: 204 -> 4 -> 2.
 * P3 is a sibling of P1 held only by an fd, N1 a netns held only by a bind mount.
 */
#ifndef NSVIEW_TESTS_SAMPLE_MODEL_H
#define NSVIEW_TESTS_SAMPLE_MODEL_H

#include <stdarg.h>
#include <string.h>

#include "src/model.h"
#include "src/util.h"
#include "tests/test_helpers.h"

#define U0     4026531837ULL /* initial user */
#define U1     4026532500ULL
#define P0     4026531836ULL /* initial pid */
#define P1     4026532600ULL
#define P2     4026532700ULL
#define P3     4026532800ULL
#define N0     4026531833ULL /* initial net */
#define N1     4026532900ULL
#define UTS0   4026531838ULL
#define UTS1   4026533000ULL
#define CTR_ID "3f2a1b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7a8"

static inline struct proc *sample_proc(struct snapshot *s, pid_t pid, pid_t ppid, const char *comm,
				       uint64_t pidns, uint64_t userns, int nnspid,
				       const pid_t *nspid)
{
	struct proc *p = model_add_proc(s, pid);
	p->ppid = ppid;
	snprintf(p->comm, sizeof p->comm, "%s", comm);
	for (int i = 0; i < nnspid; i++)
		p->nspid[i] = nspid[i];
	p->nnspid = nnspid;
	p->ns[LINK_PID] = p->ns[LINK_PID_FOR_CHILDREN] = pidns;
	p->ns[LINK_USER] = userns;
	p->ns[LINK_NET] = N0;
	p->ns[LINK_UTS] = userns == U1 ? UTS1 : UTS0;
	return p;
}

static inline struct snapshot *sample_model(void)
{
	struct snapshot *s = model_new();
	struct ns *n;
	struct proc *p;

	snprintf(s->kernel, sizeof s->kernel, "6.18.0-test");
	s->viewer_pid = 100;
	s->viewer_euid = 0;

	n = model_add_ns(s, NS_USER, U0);
	n->initial = true;
	n->owner_uid = 0;
	n->held = HELD_PROCESS;
	n = model_add_ns(s, NS_USER, U1);
	n->parent = U0;
	n->owner = U0;
	n->owner_uid = 1000;
	n->held = HELD_PROCESS;
	n = model_add_ns(s, NS_PID, P0);
	n->initial = true;
	n->owner = U0;
	n->held = HELD_PROCESS;
	n = model_add_ns(s, NS_PID, P2);
	n->parent = P1;
	n->owner = U1;
	n->held = HELD_PROCESS;
	n = model_add_ns(s, NS_PID, P1);
	n->parent = P0;
	n->owner = U1;
	n->held = HELD_PROCESS;
	n = model_add_ns(s, NS_PID, P3);
	n->parent = P0;
	n->owner = U0;
	n->held = HELD_FD;
	n->fds = xcalloc(1, sizeof *n->fds);
	n->fds[0] = (struct ns_fd){ .pid = 100, .fd = 7 };
	n->nfds = 1;
	n = model_add_ns(s, NS_NET, N0);
	n->initial = true;
	n->owner = U0;
	n->held = HELD_PROCESS;
	n = model_add_ns(s, NS_NET, N1);
	n->owner = U0;
	n->held = HELD_BIND;
	n->name = xstrdup("blue");
	n->binds = xcalloc(1, sizeof(char *));
	n->binds[0] = xstrdup("/run/netns/blue");
	n->nbinds = 1;
	n = model_add_ns(s, NS_UTS, UTS0);
	n->initial = true;
	n->owner = U0;
	n->held = HELD_PROCESS;
	n->name = xstrdup("host");
	n = model_add_ns(s, NS_UTS, UTS1);
	n->owner = U1;
	n->held = HELD_PROCESS;
	n->name = xstrdup("box");

	p = sample_proc(s, 1, 0, "systemd", P0, U0, 1, (pid_t[]){ 1 });
	test_argv(p, "/sbin/init", NULL);
	p = sample_proc(s, 100, 1, "bash", P0, U0, 1, (pid_t[]){ 100 });
	test_argv(p, "bash", NULL);
	p = sample_proc(s, 200, 100, "unshare", P0, U0, 1, (pid_t[]){ 200 });
	test_argv(p, "unshare", "--pid", "--fork", "sh", NULL);
	p = sample_proc(s, 204, 203, "sleep", P2, U1, 3, (pid_t[]){ 204, 4, 2 });
	test_argv(p, "sleep", "infinity", NULL);
	p->uid = 1000;
	p->ctr_runtime = xstrdup("docker");
	p->ctr_id = xstrdup(CTR_ID);
	p = sample_proc(s, 201, 200, "sh", P1, U1, 2, (pid_t[]){ 201, 1 });
	test_argv(p, "sh", NULL);
	p = sample_proc(s, 202, 201, "unshare", P1, U1, 2, (pid_t[]){ 202, 2 });
	test_argv(p, "unshare", "--pid", "--fork", "sleep", "9", NULL);
	p = sample_proc(s, 203, 202, "sleep", P2, U1, 3, (pid_t[]){ 203, 3, 1 });
	test_argv(p, "sleep", "9", NULL);
	p->uid = 1000;
	p->ctr_runtime = xstrdup("docker");
	p->ctr_id = xstrdup(CTR_ID);

	model_add_netns(s, N0)->nprocs = 0;
	struct netns *net = model_add_netns(s, N1);
	net->names = xcalloc(1, sizeof(char *));
	net->names[0] = xstrdup("blue");
	net->nnames = 1;

	model_link(s);
	return s;
}

/* Run call, a writer to the stream named file, and keep what it wrote (caller frees). */
#define SAMPLE_CAPTURE(file, ret_text, ret_rc, call)       \
	do {                                               \
		char *buf_ = NULL;                         \
		size_t len_ = 0;                           \
		FILE *file = open_memstream(&buf_, &len_); \
		assert_non_null(file);                     \
		*(ret_rc) = (call);                        \
		assert_int_equal(fclose(file), 0);         \
		*(ret_text) = buf_;                        \
	} while (0)

#endif
