/*
 * test_text: the --tree and --list writers on hand-built snapshots: nesting of PID
 * namespaces, PID chains, the --from perspective, list columns and escaping.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "src/text.h"
#include "tests/sample_model.h"

static char *tree_of(const struct snapshot *s, pid_t from, int *ret_rc)
{
	char *text;
	SAMPLE_CAPTURE(f, &text, ret_rc, text_tree(f, s, from));
	return text;
}

static char *net_of(const struct snapshot *s)
{
	char *text;
	int rc;
	SAMPLE_CAPTURE(f, &text, &rc, text_net(f, s));
	assert_int_equal(rc, 0);
	return text;
}

static char *list_of(const struct snapshot *s, int type)
{
	char *text;
	int rc;
	SAMPLE_CAPTURE(f, &text, &rc, text_list(f, s, type));
	assert_int_equal(rc, 0);
	return text;
}

static void test_tree_whole(void **state)
{
	static const char want[] =
	    "pid:[4026531836] initial, level 0, init 1 (systemd), owner user:[4026531837], 3 "
	    "processes\n"
	    "├─ 1  uid 0  /sbin/init\n"
	    "│  └─ 100  uid 0  bash\n"
	    "│     └─ 200  uid 0  unshare --pid --fork sh\n"
	    "├─ pid:[4026532600] level 1, init 201 (sh), owner user:[4026532500], 2 processes\n"
	    "│  ├─ 201 → 1  uid 0  sh\n"
	    "│  │  └─ 202 → 2  uid 0  unshare --pid --fork sleep 9\n"
	    "│  └─ pid:[4026532700] level 2, init 203 (sleep), owner user:[4026532500], 2 "
	    "processes\n"
	    "│     └─ 203 → 3 → 1  uid 1000  sleep 9  [docker 3f2a1b4c5d6e]\n"
	    "│        └─ 204 → 4 → 2  uid 1000  sleep infinity  [docker 3f2a1b4c5d6e]\n"
	    "└─ pid:[4026532800] level 1, no init, owner user:[4026531837], 0 processes\n";
	struct snapshot *s = sample_model();
	int rc;

	setenv("LC_ALL", "C.UTF-8", 1);
	char *text = tree_of(s, 0, &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(text, want);
	free(text);
	model_free(s);
}

/* From inside P1: P0's processes and the sibling P3 vanish, PIDs are P1's own. */
static void test_tree_from(void **state)
{
	static const char want[] =
	    "pid:[4026532600] level 1, init 1 (sh), owner user:[4026532500], 2 processes\n"
	    "|- 1  uid 0  sh\n"
	    "|  `- 2  uid 0  unshare --pid --fork sleep 9\n"
	    "`- pid:[4026532700] level 2, init 3 (sleep), owner user:[4026532500], 2 processes\n"
	    "   `- 3 -> 1  uid 1000  sleep 9  [docker 3f2a1b4c5d6e]\n"
	    "      `- 4 -> 2  uid 1000  sleep infinity  [docker 3f2a1b4c5d6e]\n";
	struct snapshot *s = sample_model();
	int rc;

	/* a locale that names another character set gets ASCII drawing */
	setenv("LC_ALL", "de_DE.ISO-8859-1", 1);
	char *text = tree_of(s, 202, &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(text, want);
	free(text);
	setenv("LC_ALL", "C.UTF-8", 1);
	model_free(s);
}

/* From the innermost namespace only its two processes show, as 1 and 2. */
static void test_tree_from_innermost(void **state)
{
	struct snapshot *s = sample_model();
	int rc;

	setenv("LC_ALL", "en_US.utf8", 1);
	char *text = tree_of(s, 204, &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(text,
			    "pid:[4026532700] level 2, init 1 (sleep), owner user:[4026532500], "
			    "2 processes\n"
			    "└─ 1  uid 1000  sleep 9  [docker 3f2a1b4c5d6e]\n"
			    "   └─ 2  uid 1000  sleep infinity  [docker 3f2a1b4c5d6e]\n");
	free(text);
	model_free(s);
}

static void test_tree_from_missing(void **state)
{
	struct snapshot *s = sample_model();
	int rc;

	char *text = tree_of(s, 4242, &rc);
	assert_int_equal(rc, -ESRCH);
	assert_string_equal(text, "");
	free(text);
	/* a process whose PID namespace is unknown (no link, no NSpid) has no perspective */
	model_find_proc(s, 100)->ns[LINK_PID] = 0;
	model_find_proc(s, 100)->nnspid = 0;
	text = tree_of(s, 100, &rc);
	assert_int_equal(rc, -ENODATA);
	free(text);
	model_free(s);
}

/* Without NS_GET_PARENT answers (a fixture with no sidecar) nesting follows who forked PID 1. */
static void test_tree_parent_inferred(void **state)
{
	struct snapshot *s = sample_model();
	int rc;

	setenv("LC_ALL", "C.UTF-8", 1);
	for (size_t k = 0; k < s->nns; k++)
		if (s->ns[k].type == NS_PID)
			s->ns[k].parent = 0;
	model_link(s);
	char *text = tree_of(s, 0, &rc);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(text, "\n└─ pid:[4026532600] level 1, init 201 (sh)"));
	assert_non_null(strstr(text, "\n   └─ pid:[4026532700] level 2, init 203 (sleep)"));
	assert_non_null(strstr(text, "\n         └─ 204 → 4 → 2  uid 1000  sleep infinity"));
	/* P3 has no process to say where it belongs: it stands on its own */
	assert_non_null(strstr(text, "\npid:[4026532800] level ?, no init"));
	free(text);
	model_free(s);
}

/* A ppid cycle and an unreadable PID namespace: every process is still printed once. */
static void test_tree_cycle_and_orphan(void **state)
{
	struct snapshot *s = sample_model();
	int rc;

	setenv("LC_ALL", "C.UTF-8", 1);
	struct proc *p = model_add_proc(s, 300);
	p->ppid = 301;
	p->ns[LINK_PID] = P0;
	p->nspid[0] = 300;
	p->nnspid = 1;
	snprintf(p->comm, sizeof p->comm, "a");
	p = model_add_proc(s, 301);
	p->ppid = 300;
	p->ns[LINK_PID] = P0;
	p->nspid[0] = 301;
	p->nnspid = 1;
	snprintf(p->comm, sizeof p->comm, "b");
	p = model_add_proc(s, 302);
	p->ppid = 1;
	snprintf(p->comm, sizeof p->comm, "hidden");
	model_link(s);
	char *text = tree_of(s, 0, &rc);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(text, "300  uid 0  [a]\n"));
	assert_non_null(strstr(text, "301  uid 0  [b]\n"));
	assert_null(strstr(strstr(text, "[b]") + 1, "[b]"));
	assert_non_null(strstr(text, "pid:[?] namespace unreadable\n   302  uid 0  [hidden]\n"));
	free(text);
	model_free(s);
}

/* PID 1's ns links are unreadable (EACCES even for root): its one-entry NSpid still
 * places it in the namespace the /proc tree belongs to, as that namespace's init. */
static void test_tree_unreadable_init(void **state)
{
	struct snapshot *s = sample_model();
	int rc;

	setenv("LC_ALL", "C.UTF-8", 1);
	struct proc *p = model_find_proc(s, 1);
	memset(p->ns, 0, sizeof p->ns);
	model_link(s);
	assert_int_equal(model_find_ns(s, NS_PID, P0)->nprocs, 2);
	char *text = tree_of(s, 0, &rc);
	assert_int_equal(rc, 0);
	assert_memory_equal(text,
			    "pid:[4026531836] initial, level 0, init 1 (systemd), owner "
			    "user:[4026531837], 3 processes\n├─ 1  uid 0  /sbin/init\n",
			    strlen("pid:[4026531836] initial, level 0, init 1 (systemd), owner "
				   "user:[4026531837], 3 processes\n├─ 1  uid 0  /sbin/init\n"));
	assert_null(strstr(text, "unreadable"));
	free(text);
	/* it has a perspective too: the top one, which sees everything */
	text = tree_of(s, 1, &rc);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(text, "204 → 4 → 2  uid 1000  sleep infinity"));
	free(text);
	/* and from inside P1 it is invisible */
	text = tree_of(s, 201, &rc);
	assert_int_equal(rc, 0);
	assert_null(strstr(text, "systemd"));
	assert_null(strstr(text, "/sbin/init"));
	free(text);
	model_free(s);
}

static void test_tree_hostile(void **state)
{
	struct snapshot *s = sample_model();
	struct proc *p = model_find_proc(s, 204);
	int rc;

	setenv("LC_ALL", "C.UTF-8", 1);
	free(p->argv[1]);
	p->argv[1] = xstrdup("\x1b]0;pwned\x07\n\xff\xe2\x80\xae"
			     "end");
	snprintf(p->comm, sizeof p->comm, "x\x1b[2J");
	struct ns *n = model_find_ns(s, NS_PID, P2);
	n->name = xstrdup("evil\rname\x9b");
	char *text = tree_of(s, 0, &rc);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(text, "sleep \\x1b]0;pwned\\x07\\x0a\\xff\\u202eend"));
	assert_non_null(strstr(text, ", evil\\x0dname\\x9b\n"));
	for (const unsigned char *c = (const unsigned char *)text; *c; c++)
		assert_true(*c >= 0x20 || *c == '\n');
	free(text);
	model_free(s);
}

/* A single ppid chain of n processes in one PID namespace: 1 <- 2 <- ... <- n. */
static struct snapshot *chain_model(pid_t n)
{
	struct snapshot *s = model_new();
	struct ns *ns = model_add_ns(s, NS_PID, P0);

	ns->initial = true;
	ns->held = HELD_PROCESS;
	test_chain(s, n, P0);
	model_link(s);
	return s;
}

/*
 * A fork chain far deeper than any real tree (a hostile user can make one): no crash from
 * recursion, every process printed exactly once, and lines of bounded length, as the rest
 * of a too-deep chain continues from a fresh margin.
 */
static void test_tree_deep_chain(void **state)
{
	enum { N = 200000 };
	struct snapshot *s = chain_model(N);
	unsigned char *seen = xcalloc(N + 1, 1);
	size_t longest = 0, continued = 0;
	int rc;

	setenv("LC_ALL", "C.UTF-8", 1);
	char *text = tree_of(s, 0, &rc);
	assert_int_equal(rc, 0);
	for (char *line = text, *end; *line; line = end + 1) {
		end = strchr(line, '\n');
		assert_non_null(end);
		if ((size_t)(end - line) > longest)
			longest = (size_t)(end - line);
		*end = 0;
		char *uid = strstr(line, "  uid 0  [c]");
		if (!uid) {
			continued += strstr(line, "continue") != NULL;
			continue;
		}
		assert_string_equal(uid, "  uid 0  [c]");
		char *digits = uid;
		while (digits > line && digits[-1] >= '0' && digits[-1] <= '9')
			digits--;
		long pid = strtol(digits, NULL, 10);
		assert_true(pid >= 1 && pid <= N);
		assert_int_equal(seen[pid], 0);
		seen[pid] = 1;
	}
	for (long pid = 1; pid <= N; pid++)
		assert_int_equal(seen[pid], 1);
	assert_true(longest < 512);
	assert_true(continued > 0);
	free(text);
	free(seen);
	model_free(s);
}

static void test_list_all(void **state)
{
	static const char want[] =
	    "TYPE      INODE NPROCS OWNER      PARENT     HELD    LABEL\n"
	    "net  4026531833      7 4026531837 -          process\n"
	    "net  4026532900      0 4026531837 -          bind    blue\n"
	    "pid  4026531836      3 4026531837 -          process\n"
	    "pid  4026532600      2 4026532500 4026531836 process\n"
	    "pid  4026532700      2 4026532500 4026532600 process docker 3f2a1b4c5d6e\n"
	    "pid  4026532800      0 4026531837 4026531836 fd\n"
	    "user 4026531837      3 -          -          process\n"
	    "user 4026532500      4 4026531837 4026531837 process\n"
	    "uts  4026531838      3 4026531837 -          process host\n"
	    "uts  4026533000      4 4026532500 -          process box\n";
	struct snapshot *s = sample_model();

	char *text = list_of(s, -1);
	assert_string_equal(text, want);
	free(text);
	model_free(s);
}

static void test_list_type(void **state)
{
	struct snapshot *s = sample_model();
	struct ns *n = model_find_ns(s, NS_NET, N1);

	n->held |= HELD_FD | HELD_SOCKET | HELD_PARENT | HELD_TASK;
	free(n->name);
	n->name = NULL; /* the netns's ip-netns name labels it then */
	char *text = list_of(s, NS_NET);
	assert_string_equal(
	    text, "TYPE      INODE NPROCS OWNER      PARENT HELD                       LABEL\n"
		  "net  4026531833      7 4026531837 -      process\n"
		  "net  4026532900      0 4026531837 -      task,fd,socket,bind,parent blue\n");
	free(text);
	text = list_of(s, NS_TIME);
	assert_string_equal(text, "TYPE INODE NPROCS OWNER PARENT HELD LABEL\n");
	free(text);
	model_free(s);
}

static void test_list_hostile_label(void **state)
{
	struct snapshot *s = sample_model();
	struct ns *n = model_find_ns(s, NS_UTS, UTS1);

	free(n->name);
	n->name = xstrdup("bo\x1b[31mx\xc3");
	char *text = list_of(s, NS_UTS);
	assert_non_null(strstr(text, "process bo\\x1b[31mx\\xc3\n"));
	free(text);
	model_free(s);
}

/* The terminal column at which word `next` starts on the line that holds `name`. */
static size_t column_of(const char *text, const char *name, const char *next)
{
	const char *at = strstr(text, name), *line = at;
	assert_non_null(at);
	while (line > text && line[-1] != '\n')
		line--;
	const char *word = strstr(at, next);
	assert_non_null(word);
	char *head = xstrndup(line, (size_t)(word - line));
	size_t col = text_width(head);
	free(head);
	return col;
}

/* Columns are padded by terminal columns: a wide (CJK) character takes two, whatever the
 * process's locale, so what follows a label or an interface name of them still lines up. */
static void test_width_wide(void **state)
{
	static const char cjk[] = "\xe4\xb8\xbb\xe6\x9c\xba\xe5\x90\x8d"; /* 主机名 */
	struct snapshot *s = sample_model();
	struct netns *net = model_find_netns(s, N1);

	assert_int_equal(text_width(cjk), 6);
	assert_int_equal(text_width("box"), 3);
	assert_int_equal(text_width("e\xcc\x81"), 1); /* a combining accent takes none */
	assert_int_equal(text_width("\\x1b"), 4);
	assert_int_equal(text_width("\xcd\xb8"), 1); /* unassigned: one, as before */

	/* the label column: its header and cells stay put, nothing pads after a wide label */
	free(model_find_ns(s, NS_UTS, UTS1)->name);
	model_find_ns(s, NS_UTS, UTS1)->name = xstrdup(cjk);
	char *text = list_of(s, NS_UTS);
	assert_non_null(strstr(text, "uts  4026533000      4 4026532500 -      process "
				     "\xe4\xb8\xbb\xe6\x9c\xba\xe5\x90\x8d\n"));
	free(text);

	/* --net pads alike: the kind after a wide name starts where the other's does */
	const char *names[] = { cjk, "eth0" }, *kinds[] = { "bridge", "veth" };
	net->ifs = xcalloc(2, sizeof(*net->ifs));
	net->nifs = 2;
	for (int i = 0; i < 2; i++) {
		net->ifs[i].ifindex = i + 2;
		net->ifs[i].name = xstrdup(names[i]);
		net->ifs[i].kind = xstrdup(kinds[i]);
		net->ifs[i].link_nsid = -1;
	}
	text = net_of(s);
	assert_int_equal(column_of(text, names[0], kinds[0]), column_of(text, names[1], kinds[1]));
	free(text);
	model_free(s);
}

static void test_write_error(void **state)
{
	struct snapshot *s = sample_model();
	FILE *f = fopen("/dev/full", "w");

	assert_non_null(f);
	assert_int_equal(text_list(f, s, -1), -ENOSPC);
	assert_int_equal(text_tree(f, s, 0), -ENOSPC);
	fclose(f);
	model_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tree_whole),
		cmocka_unit_test(test_tree_from),
		cmocka_unit_test(test_tree_from_innermost),
		cmocka_unit_test(test_tree_from_missing),
		cmocka_unit_test(test_tree_parent_inferred),
		cmocka_unit_test(test_tree_cycle_and_orphan),
		cmocka_unit_test(test_tree_unreadable_init),
		cmocka_unit_test(test_tree_hostile),
		cmocka_unit_test(test_tree_deep_chain),
		cmocka_unit_test(test_list_all),
		cmocka_unit_test(test_list_type),
		cmocka_unit_test(test_list_hostile_label),
		cmocka_unit_test(test_width_wide),
		cmocka_unit_test(test_write_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
