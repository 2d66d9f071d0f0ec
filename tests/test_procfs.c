/* test_procfs: the /proc parsers (status, cmdline, cgroup, ns links, mountinfo) and the
 * nsfs sidecar parser, on plain buffers (no root, no /proc). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "probes/nsfs.h"
#include "probes/procfs.h"
#include "src/model.h"

static void test_ns_link(void **state)
{
	uint64_t ino = 0;
	assert_int_equal(procfs_parse_ns_link("net:[4026531833]", 16, &ino), NS_NET);
	assert_true(ino == 4026531833ULL);
	assert_int_equal(procfs_parse_ns_link("pid:[1]", 7, &ino), NS_PID);
	assert_int_equal(procfs_parse_ns_link("socket:[123]", 12, &ino), -EINVAL);
	assert_int_equal(procfs_parse_ns_link("net:[]", 6, &ino), -EINVAL);
	assert_int_equal(procfs_parse_ns_link("net:[0]", 7, &ino), -EINVAL);
	assert_int_equal(procfs_parse_ns_link("net:[12x]", 9, &ino), -EINVAL);
	assert_int_equal(procfs_parse_ns_link("net:[12", 7, &ino), -EINVAL);
	assert_int_equal(procfs_parse_ns_link("/", 1, &ino), -EINVAL);
	assert_int_equal(procfs_parse_ns_link("net", 3, &ino), -EINVAL);
}

static void test_status(void **state)
{
	static const char st[] = "Name:\ta\\nb\\\\c\x1b\n"
				 "Umask:\t0022\nState:\tS (sleeping)\nTgid:\t77\n"
				 "PPid:\t12\nUid:\t1000\t1000\t1000\t1000\n"
				 "NStgid:\t77\t7\t1\nNSpid:\t77\t7\t1\nNSpgid:\t77\t0\t0\n"
				 "Threads:\t3\n";
	struct proc p = { .pid = 77 };
	unsigned threads = 0;
	assert_int_equal(procfs_parse_status(st, sizeof st - 1, &p, &threads), 0);
	/* the kernel's escapes of newline and backslash are undone: the model keeps raw bytes */
	assert_string_equal(p.comm, "a\nb\\c\x1b");
	assert_int_equal(p.ppid, 12);
	assert_int_equal(p.uid, 1000);
	assert_int_equal(p.nnspid, 3);
	assert_int_equal(p.nspid[0], 77);
	assert_int_equal(p.nspid[1], 7);
	assert_int_equal(p.nspid[2], 1);
	assert_int_equal(threads, 3);

	/* no NSpid (old kernel): the pid itself; no Name: an error */
	struct proc q = { .pid = 5 };
	assert_int_equal(procfs_parse_status("PPid:\t1\n", 8, &q, &threads), -EINVAL);
	assert_int_equal(q.nnspid, 1);
	assert_int_equal(q.nspid[0], 5);
	assert_int_equal(threads, 1);
}

/* Numbers end where the buffer does, whatever byte follows it, and never read on into
 * the next line; a pid that does not fit a pid_t is not taken. */
static void test_status_bounds(void **state)
{
	static const char st[] = "Name:\tx\nPPid:\t\n9\nUid:\t4294967296\n"
				 "NSpid:\t5\t2147483648\nThreads:\t37";
	struct proc p = { .pid = 5, .ppid = -1, .uid = 42 };
	unsigned threads = 0;
	assert_int_equal(procfs_parse_status(st, sizeof st - 2, &p, &threads), 0);
	assert_int_equal(threads, 3);
	assert_int_equal(p.ppid, -1);
	assert_int_equal(p.uid, 42);
	assert_int_equal(p.nnspid, 1);
	assert_int_equal(p.nspid[0], 5);

	/* NSpid cut by the buffer's end: "7" of "77" is all there is */
	static const char cut[] = "Name:\tx\nNSpid:\t77";
	struct proc c = { .pid = 77 };
	assert_int_equal(procfs_parse_status(cut, sizeof cut - 2, &c, &threads), 0);
	assert_int_equal(c.nnspid, 1);
	assert_int_equal(c.nspid[0], 7);
}

/* More NSpid levels than NSPID_MAX: the innermost would be lost, so status is malformed. */
static void test_status_deep(void **state)
{
	char st[16 + 4 * (NSPID_MAX + 1)];
	int o = snprintf(st, sizeof st, "Name:\tx\nNSpid:");
	for (int i = NSPID_MAX + 1; i > 0; i--)
		o += snprintf(st + o, sizeof st - (size_t)o, "\t%d", i);
	struct proc p = { .pid = NSPID_MAX + 1 };
	unsigned threads;
	assert_int_equal(procfs_parse_status(st, (size_t)o, &p, &threads), -EINVAL);
	assert_int_equal(p.nnspid, NSPID_MAX);
	assert_int_equal(p.nspid[0], NSPID_MAX + 1);

	/* exactly NSPID_MAX levels are fine */
	o = snprintf(st, sizeof st, "Name:\tx\nNSpid:");
	for (int i = NSPID_MAX; i > 0; i--)
		o += snprintf(st + o, sizeof st - (size_t)o, "\t%d", i);
	assert_int_equal(procfs_parse_status(st, (size_t)o, &p, &threads), 0);
	assert_int_equal(p.nnspid, NSPID_MAX);
	assert_int_equal(p.nspid[NSPID_MAX - 1], 1);
}

static void test_cmdline(void **state)
{
	struct proc p = { 0 };
	procfs_parse_cmdline("sleep\0infinity\0", 15, &p);
	assert_int_equal(p.argc, 2);
	assert_string_equal(p.argv[0], "sleep");
	assert_string_equal(p.argv[1], "infinity");
	assert_null(p.argv[2]);
	model_proc_clear(&p);

	/* a kernel thread: empty */
	procfs_parse_cmdline("", 0, &p);
	assert_int_equal(p.argc, 0);
	assert_null(p.argv[0]);
	model_proc_clear(&p);

	/* setproctitle-style: no final NUL; an empty argument is kept */
	procfs_parse_cmdline("a\0\0b", 4, &p);
	assert_int_equal(p.argc, 3);
	assert_string_equal(p.argv[1], "");
	assert_string_equal(p.argv[2], "b");
	model_proc_clear(&p);

	/* hostile bytes stay raw */
	procfs_parse_cmdline("x\x1b]0;t\a\n\xff\0", 10, &p);
	assert_int_equal(p.argc, 1);
	assert_memory_equal(p.argv[0], "x\x1b]0;t\a\n\xff", 9);
	model_proc_clear(&p);
}

static void cgroup_is(const char *text, const char *runtime, const char *id, const char *path)
{
	struct proc p = { 0 };
	procfs_parse_cgroup(text, strlen(text), &p);
	if (runtime) {
		assert_non_null(p.ctr_runtime);
		assert_string_equal(p.ctr_runtime, runtime);
		assert_string_equal(p.ctr_id, id);
	} else {
		assert_null(p.ctr_runtime);
		assert_null(p.ctr_id);
	}
	if (path)
		assert_string_equal(p.cgroup, path);
	model_proc_clear(&p);
}

#define ID64 "3f2a1234567890abcdef1234567890abcdef1234567890abcdef1234567890ab"

static void test_cgroup(void **state)
{
	cgroup_is("0::/user.slice/user-1000.slice/session-2.scope\n", NULL, NULL,
		  "/user.slice/user-1000.slice/session-2.scope");
	cgroup_is("0::/system.slice/docker-" ID64 ".scope\n", "docker", ID64, NULL);
	cgroup_is("12:pids:/docker/" ID64 "\n0::/docker/" ID64 "\n", "docker", ID64,
		  "/docker/" ID64);
	cgroup_is("0::/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-podx.slice/"
		  "cri-containerd-" ID64 ".scope\n",
		  "containerd", ID64, NULL);
	cgroup_is("0::/kubepods.slice/kubepods-pod1.slice/crio-" ID64 ".scope\n", "cri-o", ID64,
		  NULL);
	cgroup_is("0::/kubepods/besteffort/pod1234/" ID64 "\n", "kubepods", ID64, NULL);
	cgroup_is("0::/machine.slice/libpod-" ID64 ".scope/container\n", "podman", ID64, NULL);
	cgroup_is("0::/lxc.payload.web1\n", "lxc", "web1", NULL);
	cgroup_is("0::/lxc/web2/init.scope\n", "lxc", "web2", NULL);
	cgroup_is("0::/machine.slice/machine-my\\x2dbox.scope/payload\n", "systemd-nspawn", "my-box",
		  NULL);
	/* a short or non-hex id is no container */
	cgroup_is("0::/system.slice/docker-abc.scope\n", NULL, NULL, NULL);
	cgroup_is("0::/system.slice/docker.service\n", NULL, NULL, "/system.slice/docker.service");
	/* cgroup v1 only: the first line's path */
	cgroup_is("4:memory:/process_api/9d5f\n0::/\n", NULL, NULL, "/");
	cgroup_is("4:memory:/x\n", NULL, NULL, "/x");
	cgroup_is("", NULL, NULL, NULL);
}

struct binds {
	int n;
	enum ns_type t[4];
	uint64_t ino[4];
	char path[4][64];
};

static void on_bind(void *arg, enum ns_type t, uint64_t ino, const char *path)
{
	struct binds *b = arg;
	assert_true(b->n < 4);
	b->t[b->n] = t;
	b->ino[b->n] = ino;
	strcpy(b->path[b->n++], path);
}

static void test_mountinfo(void **state)
{
	char text[] = "22 1 0:21 / /proc rw,nosuid - proc proc rw\n"
		      "43 42 0:4 net:[4026532177] /run/netns/blue rw shared:4 - nsfs nsfs rw\n"
		      "44 42 0:4 uts:[4026532300] /tmp/a\\040b\\012c rw - nsfs nsfs rw\n"
		      "45 42 0:4 / /mnt/nsfs rw - nsfs nsfs rw\n"
		      "46 42 0:50 net:[1] /x rw - tmpfs tmpfs rw";
	struct binds b = { 0 };
	assert_int_equal(procfs_parse_mountinfo(text, strlen(text), on_bind, &b), 2);
	assert_int_equal(b.t[0], NS_NET);
	assert_true(b.ino[0] == 4026532177ULL);
	assert_string_equal(b.path[0], "/run/netns/blue");
	assert_int_equal(b.t[1], NS_UTS);
	assert_string_equal(b.path[1], "/tmp/a b\nc");

	/* a last line without a newline: nothing is written past the n bytes given */
	char last[] = "43 42 0:4 net:[4026532177] /run/netns/red rw - nsfs nsfs rwX";
	size_t n = sizeof last - 2;
	struct binds c = { 0 };
	assert_int_equal(procfs_parse_mountinfo(last, n, on_bind, &c), 1);
	assert_string_equal(c.path[0], "/run/netns/red");
	assert_int_equal(last[n], 'X');
}

static void test_sidecar(void **state)
{
	char text[] = "# comment\n\nkernel 6.1.0-test\nviewer 42 1000\n"
		      "ns user 4026531837 - - 0\n"
		      "ns pid 4026532178 4026531836 4026531837 -\n"
		      "ns uts 4026532177 - 4026531837 - evil\\x1b[31m name\\\\\\xff\n";
	struct nsfs_sidecar *sc = NULL;
	int line = 0;
	assert_int_equal(nsfs_sidecar_parse(text, strlen(text), &sc, &line), 0);
	assert_string_equal(sc->kernel, "6.1.0-test");
	assert_true(sc->has_viewer);
	assert_int_equal(sc->viewer_pid, 42);
	assert_int_equal(sc->viewer_euid, 1000);
	assert_int_equal(sc->n, 3);
	const struct nsfs_entry *e = nsfs_sidecar_find(sc, NS_PID, 4026532178ULL);
	assert_non_null(e);
	assert_true(e->parent == 4026531836ULL);
	assert_true(e->owner == 4026531837ULL);
	assert_int_equal(e->owner_uid, -1);
	assert_null(e->name);
	e = nsfs_sidecar_find(sc, NS_USER, 4026531837ULL);
	assert_int_equal(e->parent, 0);
	assert_int_equal(e->owner, 0);
	assert_int_equal(e->owner_uid, 0);
	e = nsfs_sidecar_find(sc, NS_UTS, 4026532177ULL);
	assert_string_equal(e->name, "evil\x1b[31m name\\\xff");
	assert_null(nsfs_sidecar_find(sc, NS_NET, 4026532177ULL));
	nsfs_sidecar_free(sc);

	const char *bad[] = { "ns bogus 1 - - -\n", "ns pid 0 - - -\n", "ns pid 12 - -\n",
			      "viewer x 0\n",       "nonsense\n",       "ns pid 12 1x - -\n" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char buf[64];
		strcpy(buf, "# ok\n");
		strcat(buf, bad[i]);
		sc = NULL;
		line = 0;
		assert_int_equal(nsfs_sidecar_parse(buf, strlen(buf), &sc, &line), -EINVAL);
		assert_null(sc);
		assert_int_equal(line, 2);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ns_link),	  cmocka_unit_test(test_status),
		cmocka_unit_test(test_status_bounds), cmocka_unit_test(test_status_deep),
		cmocka_unit_test(test_cmdline),	  cmocka_unit_test(test_cgroup),
		cmocka_unit_test(test_mountinfo), cmocka_unit_test(test_sidecar),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
