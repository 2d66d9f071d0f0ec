/* test_demo: --demo flag parsing and naming, and the registry's refusals (no root needed). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <arpa/inet.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

#include "src/demo.h"

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

static unsigned long parse_ok(const char *list)
{
	unsigned long f = 12345;
	const char *why = NULL;
	assert_int_equal(demo_parse_flags(list, &f, &why), 0);
	return f;
}

/* The message for a bad list; it must name the culprit. */
static const char *parse_bad(const char *list)
{
	unsigned long f = 777;
	const char *why = NULL;
	assert_int_equal(demo_parse_flags(list, &f, &why), -EINVAL);
	assert_non_null(why);
	assert_true(strlen(why) > 0);
	assert_int_equal(f, 777); /* untouched on failure */
	return why;
}

static void test_parse_each(void **state)
{
	assert_int_equal(parse_ok("pid"), CLONE_NEWPID);
	assert_int_equal(parse_ok("net"), CLONE_NEWNET);
	assert_int_equal(parse_ok("uts"), CLONE_NEWUTS);
	assert_int_equal(parse_ok("ipc"), CLONE_NEWIPC);
	assert_int_equal(parse_ok("mnt"), CLONE_NEWNS);
	assert_int_equal(parse_ok("user"), CLONE_NEWUSER);
	assert_int_equal(parse_ok("cgroup"), CLONE_NEWCGROUP);
	assert_int_equal(parse_ok("time"), CLONE_NEWTIME);
	assert_int_equal(parse_ok("none"), 0);
}

static void test_parse_lists(void **state)
{
	assert_int_equal(parse_ok("pid,net,uts"), CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWUTS);
	assert_int_equal(parse_ok("uts,net,pid"), CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWUTS);
	assert_int_equal(parse_ok("time,cgroup"), CLONE_NEWTIME | CLONE_NEWCGROUP);
	assert_int_equal(parse_ok("pid,net,uts,ipc,mnt,user,cgroup,time"),
			 CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNS |
				 CLONE_NEWUSER | CLONE_NEWCGROUP | CLONE_NEWTIME);
}

static void test_parse_errors(void **state)
{
	assert_non_null(strstr(parse_bad("bogus"), "bogus"));
	assert_non_null(strstr(parse_bad("pid,bogus,net"), "bogus"));
	assert_non_null(strstr(parse_bad("pid,pid"), "twice"));
	assert_non_null(strstr(parse_bad("net,uts,net"), "'net'"));
	assert_non_null(strstr(parse_bad(""), "empty"));
	assert_non_null(strstr(parse_bad("pid,"), "empty"));
	assert_non_null(strstr(parse_bad(",pid"), "empty"));
	assert_non_null(strstr(parse_bad("pid,,net"), "empty"));
	assert_non_null(strstr(parse_bad("none,pid"), "none"));
	assert_non_null(strstr(parse_bad("pid,none"), "none"));
	parse_bad("PID");  /* names are lower case, as in /proc/PID/ns */
	parse_bad("pid ");
	parse_bad("mount");
	parse_bad(NULL);
}

static void test_parse_long_culprit(void **state)
{
	char big[4096];
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = 0;
	const char *why = parse_bad(big);
	assert_true(strlen(why) < 300); /* cut, never overflowing */
	assert_non_null(strstr(why, "xxxx"));
}

static void test_flags_str(void **state)
{
	static const char *lists[] = { "pid", "net", "pid,net,uts", "pid,net,uts,ipc,mnt,user,cgroup,time",
				       "user,cgroup", "mnt,time" };
	char *s = demo_flags_str(0);
	assert_string_equal(s, "none");
	free(s);
	s = demo_flags_str(CLONE_NEWUTS | CLONE_NEWPID | CLONE_NEWNET);
	assert_string_equal(s, "pid,net,uts"); /* contract order whatever the bits */
	free(s);
	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		unsigned long f = parse_ok(lists[i]);
		s = demo_flags_str(f);
		assert_string_equal(s, lists[i]);
		assert_int_equal(parse_ok(s), f);
		free(s);
	}
}

static void test_type_flag(void **state)
{
	assert_int_equal(demo_type_flag(NS_MNT), CLONE_NEWNS);
	assert_int_equal(demo_type_flag(NS_TIME), CLONE_NEWTIME);
	assert_int_equal(demo_type_flag(NS_CGROUP), CLONE_NEWCGROUP);
	assert_int_equal(demo_type_flag(NS_TYPE_MAX), 0);
	/* every type has a distinct flag */
	unsigned long seen = 0;
	for (int t = 0; t < NS_TYPE_MAX; t++) {
		assert_int_equal(seen & demo_type_flag(t), 0);
		seen |= demo_type_flag(t);
	}
}

static void test_registry_refuses_strangers(void **state)
{
	/* nothing spawned: no pid is ours, and kill of NULL does nothing */
	assert_null(demo_find(1));
	assert_null(demo_find(getpid()));
	demo_kill(NULL);
	demo_kill_all();
	assert_null(demo_inside(NULL));
	assert_null(demo_outside(NULL));
	assert_int_equal(demo_flags(NULL), 0);
}

static void test_spawn_rejects_bad_requests(void **state)
{
	struct demo_child *c = NULL;
	const char *why = NULL;
	/* a veth needs a new network namespace; checked before anything is cloned */
	assert_int_equal(demo_spawn(CLONE_NEWPID, true, &c, &why), -EINVAL);
	assert_non_null(strstr(why, "net"));
	assert_null(c);
	why = NULL;
	assert_int_equal(demo_spawn(CLONE_VM, false, &c, &why), -EINVAL);
	assert_non_null(why);
	assert_null(c);
}

/* A failed write is returned, named, and the child reaped: printing is main.c's business. */
static void test_cli_write_error(void **state)
{
	struct demo_cli_opts o = { .json = true };
	FILE *f = fopen("/dev/full", "w");
	const char *why = NULL;

	assert_non_null(f);
	/* no new namespace: an ordinary fork, no privilege needed */
	assert_int_equal(demo_cli_run(0, &o, f, &why), -ENOSPC);
	assert_string_equal(why, "writing output");
	fclose(f);
	assert_null(demo_find(0));
	errno = 0;
	assert_int_equal(waitpid(-1, NULL, WNOHANG), -1);
	assert_int_equal(errno, ECHILD);
}

/* an ifaddrs list of IPv4 addresses given as text */
static struct ifaddrs *fake_ifaddrs(struct sockaddr_in *sa, struct ifaddrs *ifa, const char **addrs,
				    size_t n)
{
	for (size_t i = 0; i < n; i++) {
		memset(&sa[i], 0, sizeof(sa[i]));
		sa[i].sin_family = AF_INET;
		assert_int_equal(inet_pton(AF_INET, addrs[i], &sa[i].sin_addr), 1);
		memset(&ifa[i], 0, sizeof(ifa[i]));
		ifa[i].ifa_addr = (struct sockaddr *)&sa[i];
		ifa[i].ifa_next = i + 1 < n ? &ifa[i + 1] : NULL;
	}
	return n ? ifa : NULL;
}

static void test_veth_subnet(void **state)
{
	struct in_addr out, in, out2, in2;
	char a[INET_ADDRSTRLEN];

	/* pid 1000's own /30, with nothing in the way */
	assert_int_equal(demo_veth_subnet(1000, NULL, &out, &in), 0);
	assert_int_equal(ntohl(in.s_addr), ntohl(out.s_addr) + 1);
	assert_int_equal(ntohl(out.s_addr) & 3, 1);
	assert_int_equal(ntohl(out.s_addr) >> 16, 0xa9fe);

	/* an address already in that /30 (another child's end, the machine's own): the next */
	inet_ntop(AF_INET, &in, a, sizeof(a));
	struct sockaddr_in sa[3];
	struct ifaddrs ifa[3];
	const char *taken[] = { "127.0.0.1", a, "169.254.0.1" };
	assert_int_equal(demo_veth_subnet(1000, fake_ifaddrs(sa, ifa, taken, 3), &out2, &in2), 0);
	assert_int_not_equal(out2.s_addr, out.s_addr);
	assert_int_equal(ntohl(out2.s_addr) & ~3u, (ntohl(out.s_addr) & ~3u) + 4);

	/* every pid lands in 169.254.1-254, never in 169.254.169 (cloud metadata) */
	for (pid_t pid = 1; pid < 40000; pid += 7) {
		assert_int_equal(demo_veth_subnet(pid, NULL, &out, &in), 0);
		unsigned third = (ntohl(out.s_addr) >> 8) & 0xff;
		assert_true(third >= 1 && third <= 254);
		assert_int_not_equal(third, 169);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_each),
		cmocka_unit_test(test_parse_lists),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_parse_long_culprit),
		cmocka_unit_test(test_flags_str),
		cmocka_unit_test(test_type_flag),
		cmocka_unit_test(test_registry_refuses_strangers),
		cmocka_unit_test(test_spawn_rejects_bad_requests),
		cmocka_unit_test(test_cli_write_error),
		cmocka_unit_test(test_veth_subnet),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
