/*
 * test_json: the --json writer on hand-built snapshots: escaping of every class of
 * byte, every key of schema nsview/1, null versus absent, and validity of the whole
 * document whatever bytes the system's strings hold (checked by a small strict parser).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <cmocka.h>

#include "src/json.h"
#include "tests/sample_model.h"

static char *escaped(const char *s, size_t n)
{
	struct strbuf sb = { 0 };
	json_add_string(&sb, s, n);
	return sb_steal(&sb);
}

static void expect_escape(const char *in, size_t n, const char *want)
{
	char *got = escaped(in, n);
	assert_string_equal(got, want);
	free(got);
}

#define EXPECT(lit, want) expect_escape(lit, sizeof(lit) - 1, want)

static void test_string_plain(void **state)
{
	EXPECT("", "\"\"");
	EXPECT("sleep", "\"sleep\"");
	EXPECT("quote\" back\\slash /", "\"quote\\\" back\\\\slash /\"");
	/* valid UTF-8 that is printable passes through as it is */
	EXPECT("caf\xc3\xa9 \xe2\x86\x92 \xf0\x9f\x90\xb3",
	       "\"caf\xc3\xa9 \xe2\x86\x92 \xf0\x9f\x90\xb3\"");
}

static void test_string_controls(void **state)
{
	EXPECT("\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\"");
	EXPECT("a\0b", "\"a\\u0000b\"");
	EXPECT("\x01\x1b[31m\x1f", "\"\\u0001\\u001b[31m\\u001f\"");
	EXPECT("\x7f", "\"\\u007f\"");
	/* C1 controls, encoded as UTF-8 */
	EXPECT("\xc2\x80\xc2\x9b\xc2\x9f", "\"\\u0080\\u009b\\u009f\"");
	/* the bidirectional overrides and isolates, but not their neighbours */
	EXPECT("\xe2\x80\xaa\xe2\x80\xae\xe2\x81\xa6\xe2\x81\xa9",
	       "\"\\u202a\\u202e\\u2066\\u2069\"");
	EXPECT("\xe2\x80\xa9\xe2\x80\xaf\xe2\x81\xa5\xe2\x81\xaa",
	       "\"\xe2\x80\xa9\xe2\x80\xaf\xe2\x81\xa5\xe2\x81\xaa\"");
}

/* Bytes that are not UTF-8 become one U+FFFD each, whatever follows. */
static void test_string_invalid(void **state)
{
	EXPECT("\xff", "\"\\ufffd\"");
	EXPECT("a\x80z", "\"a\\ufffdz\"");
	EXPECT("\xc3", "\"\\ufffd\"");					/* truncated */
	EXPECT("\xc3(", "\"\\ufffd(\"");				/* bad continuation */
	EXPECT("\xc0\xaf", "\"\\ufffd\\ufffd\"");			/* overlong '/' */
	EXPECT("\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\"");		/* a surrogate */
	EXPECT("\xf4\x90\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\""); /* above U+10FFFF */
	EXPECT("\xe2\x82", "\"\\ufffd\\ufffd\"");
}

/*
 * A strict JSON checker (RFC 8259): returns the position after one value, or NULL.
 * Strings must be valid UTF-8 with no raw control characters.
 */
static const char *skip_ws(const char *p)
{
	while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
		p++;
	return p;
}

static const char *check_value(const char *p, int depth);

static const char *check_string(const char *p)
{
	if (*p++ != '"')
		return NULL;
	while (*p != '"') {
		unsigned char c = (unsigned char)*p;
		if (c < 0x20)
			return NULL;
		if (c == '\\') {
			p++;
			if (*p == 'u') {
				for (int i = 1; i <= 4; i++)
					if (!strchr("0123456789abcdefABCDEF", p[i]) || !p[i])
						return NULL;
				p += 5;
			} else if (*p && strchr("\"\\/bfnrt", *p)) {
				p++;
			} else {
				return NULL;
			}
			continue;
		}
		uint32_t cp;
		int len = util_utf8_decode((const unsigned char *)p, strlen(p), &cp);
		if (len == 0)
			return NULL;
		p += len;
	}
	return p + 1;
}

static const char *check_number(const char *p)
{
	const char *start = p;
	if (*p == '-')
		p++;
	if (*p == '0')
		p++;
	else if (*p >= '1' && *p <= '9')
		while (*p >= '0' && *p <= '9')
			p++;
	else
		return NULL;
	return p > start ? p : NULL;
}

static const char *check_container(const char *p, int depth, char close, bool object)
{
	p = skip_ws(p + 1);
	if (*p == close)
		return p + 1;
	for (;;) {
		if (object) {
			p = check_string(p);
			if (!p)
				return NULL;
			p = skip_ws(p);
			if (*p++ != ':')
				return NULL;
		}
		p = check_value(skip_ws(p), depth + 1);
		if (!p)
			return NULL;
		p = skip_ws(p);
		if (*p == close)
			return p + 1;
		if (*p++ != ',')
			return NULL;
		p = skip_ws(p);
	}
}

static const char *check_value(const char *p, int depth)
{
	if (depth > 32)
		return NULL;
	p = skip_ws(p);
	switch (*p) {
	case '{':
		return check_container(p, depth, '}', true);
	case '[':
		return check_container(p, depth, ']', false);
	case '"':
		return check_string(p);
	case 't':
		return strncmp(p, "true", 4) ? NULL : p + 4;
	case 'f':
		return strncmp(p, "false", 5) ? NULL : p + 5;
	case 'n':
		return strncmp(p, "null", 4) ? NULL : p + 4;
	default:
		return check_number(p);
	}
}

static bool json_valid(const char *doc)
{
	const char *end = check_value(doc, 0);
	return end && *skip_ws(end) == 0;
}

static void test_checker(void **state)
{
	assert_true(json_valid("{\"a\": [1, -2, true, null, \"x\\u0001\"]}\n"));
	assert_false(json_valid("{\"a\": \"\x01\"}"));
	assert_false(json_valid("{\"a\": \"\xff\"}"));
	assert_false(json_valid("{\"a\": 1,}"));
	assert_false(json_valid("{\"a\": 1} x"));
	assert_false(json_valid("[\"\\x41\"]"));
}

static char *json_of(const struct snapshot *s)
{
	char *text;
	int rc;
	SAMPLE_CAPTURE(f, &text, &rc, json_write(f, s));
	assert_int_equal(rc, 0);
	assert_true(json_valid(text));
	return text;
}

/* The line of the document that holds needle (each element has one). */
static char *line_with(const char *doc, const char *needle)
{
	const char *hit = strstr(doc, needle);
	assert_non_null(hit);
	const char *start = hit;
	while (start > doc && start[-1] != '\n')
		start--;
	return xstrndup(start, strcspn(start, "\n"));
}

static void expect_line(const char *doc, const char *needle, const char *want)
{
	char *line = line_with(doc, needle);
	assert_string_equal(line, want);
	free(line);
}

static void test_top_level(void **state)
{
	struct snapshot *s = sample_model();
	model_add_err(s, "/proc/77/ns/net", -EACCES);
	model_add_err(s, "/proc/78/fd", EPERM);
	char *doc = json_of(s);

	assert_memory_equal(
	    doc,
	    "{\n  \"schema\": \"nsview/1\",\n  \"kernel\": \"6.18.0-test\",\n"
	    "  \"viewer\": {\"pid\": 100, \"euid\": 0},\n  \"namespaces\": [\n",
	    strlen("{\n  \"schema\": \"nsview/1\",\n  \"kernel\": \"6.18.0-test\",\n"
		   "  \"viewer\": {\"pid\": 100, \"euid\": 0},\n  \"namespaces\": [\n"));
	assert_non_null(strstr(doc, "\n  ],\n  \"processes\": [\n"));
	assert_non_null(strstr(doc, "\n  ],\n  \"netns\": [\n"));
	assert_non_null(strstr(
	    doc, "\n  \"errors\": [\n    {\"path\": \"/proc/77/ns/net\", \"error\": "
		 "\"EACCES\"},\n    {\"path\": \"/proc/78/fd\", \"error\": \"EPERM\"}\n  ]\n}\n"));
	free(doc);
	model_free(s);
}

static void test_empty_snapshot(void **state)
{
	struct snapshot *s = model_new();
	char *doc = json_of(s);

	assert_string_equal(doc, "{\n  \"schema\": \"nsview/1\",\n  \"kernel\": \"\",\n"
				 "  \"viewer\": {\"pid\": 0, \"euid\": 0},\n  \"namespaces\": [],\n"
				 "  \"processes\": [],\n  \"netns\": [],\n  \"errors\": []\n}\n");
	free(doc);
	model_free(s);
}

/* Every NAMESPACE key; parent, owner_uid, level and init_pid are null where they do not apply. */
static void test_namespaces(void **state)
{
	struct snapshot *s = sample_model();
	char *doc = json_of(s);

	expect_line(
	    doc, "\"inode\": 4026531836,",
	    "    { \"type\": \"pid\", \"inode\": 4026531836, \"initial\": true, \"parent\": null, "
	    "\"owner\": 4026531837, \"owner_uid\": null, \"level\": 0, \"nprocs\": 3, \"held_by\": "
	    "[\"process\"], \"bind_mounts\": [], \"fds\": [], \"init_pid\": 1, \"name\": null },");
	expect_line(
	    doc, "\"inode\": 4026532700,",
	    "    { \"type\": \"pid\", \"inode\": 4026532700, \"initial\": false, \"parent\": "
	    "4026532600, \"owner\": 4026532500, \"owner_uid\": null, \"level\": 2, \"nprocs\": 2, "
	    "\"held_by\": [\"process\"], \"bind_mounts\": [], \"fds\": [], \"init_pid\": 203, "
	    "\"name\": null },");
	expect_line(
	    doc, "\"inode\": 4026532800,",
	    "    { \"type\": \"pid\", \"inode\": 4026532800, \"initial\": false, \"parent\": "
	    "4026531836, \"owner\": 4026531837, \"owner_uid\": null, \"level\": 1, \"nprocs\": 0, "
	    "\"held_by\": [\"fd\"], \"bind_mounts\": [], \"fds\": [{\"pid\": 100, \"fd\": 7}], "
	    "\"init_pid\": null, \"name\": null },");
	expect_line(
	    doc, "\"inode\": 4026531837,",
	    "    { \"type\": \"user\", \"inode\": 4026531837, \"initial\": true, \"parent\": null, "
	    "\"owner\": null, \"owner_uid\": 0, \"level\": 0, \"nprocs\": 3, \"held_by\": "
	    "[\"process\"], \"bind_mounts\": [], \"fds\": [], \"init_pid\": null, \"name\": null "
	    "},");
	expect_line(
	    doc, "\"inode\": 4026532500,",
	    "    { \"type\": \"user\", \"inode\": 4026532500, \"initial\": false, \"parent\": "
	    "4026531837, \"owner\": 4026531837, \"owner_uid\": 1000, \"level\": 1, \"nprocs\": 4, "
	    "\"held_by\": [\"process\"], \"bind_mounts\": [], \"fds\": [], \"init_pid\": null, "
	    "\"name\": null },");
	expect_line(
	    doc, "\"inode\": 4026532900, \"initial\"",
	    "    { \"type\": \"net\", \"inode\": 4026532900, \"initial\": false, \"parent\": null, "
	    "\"owner\": 4026531837, \"owner_uid\": null, \"level\": null, \"nprocs\": 0, "
	    "\"held_by\": [\"bind\"], \"bind_mounts\": [\"/run/netns/blue\"], \"fds\": [], "
	    "\"init_pid\": null, \"name\": \"blue\" },");
	free(doc);
	model_free(s);
}

/* held_by lists every bit in contract order; unknown level/uid/parent are null. */
static void test_namespace_unknowns(void **state)
{
	struct snapshot *s = model_new();
	struct ns *n = model_add_ns(s, NS_USER, 4026532001);
	n->held = HELD_PARENT | HELD_BIND | HELD_SOCKET | HELD_FD | HELD_TASK | HELD_PROCESS;
	n = model_add_ns(s, NS_NET, 4026532002);
	n->parent = 4026531833; /* only pid and user namespaces have a parent */
	n->owner_uid = 5;	/* only user namespaces have an owner uid */
	n->level = 3;		/* only pid and user namespaces have a level */
	n = model_add_ns(s, NS_UTS, 4026532003);
	n->init_pid = 9; /* only pid namespaces have an init */
	model_sort(s);
	char *doc = json_of(s);

	expect_line(
	    doc, "4026532001",
	    "    { \"type\": \"user\", \"inode\": 4026532001, \"initial\": false, \"parent\": "
	    "null, "
	    "\"owner\": null, \"owner_uid\": null, \"level\": null, \"nprocs\": 0, \"held_by\": "
	    "[\"process\", \"task\", \"fd\", \"socket\", \"bind\", \"parent\"], \"bind_mounts\": "
	    "[], "
	    "\"fds\": [], \"init_pid\": null, \"name\": null },");
	expect_line(
	    doc, "4026532002",
	    "    { \"type\": \"net\", \"inode\": 4026532002, \"initial\": false, \"parent\": null, "
	    "\"owner\": null, \"owner_uid\": null, \"level\": null, \"nprocs\": 0, \"held_by\": "
	    "[], "
	    "\"bind_mounts\": [], \"fds\": [], \"init_pid\": null, \"name\": null },");
	expect_line(doc, "4026532003",
		    "    { \"type\": \"uts\", \"inode\": 4026532003, \"initial\": "
		    "false, \"parent\": null, \"owner\": null, \"owner_uid\": null, "
		    "\"level\": null, \"nprocs\": 0, \"held_by\": [], \"bind_mounts\": "
		    "[], \"fds\": [], \"init_pid\": null, \"name\": null }");
	free(doc);
	model_free(s);
}

/* PROCESS: every key; an unreadable ns link is absent, not 0; no container is null. */
static void test_processes(void **state)
{
	struct snapshot *s = sample_model();
	struct proc *p = model_find_proc(s, 100);
	for (int l = 0; l < NS_LINK_MAX; l++)
		p->ns[l] = 4026532000 + (uint64_t)l;
	p = model_find_proc(s, 1);
	p->ns[LINK_NET] = 0;
	p->ns[LINK_UTS] = 0;
	char *doc = json_of(s);

	expect_line(
	    doc, "{ \"pid\": 100,",
	    "    { \"pid\": 100, \"ppid\": 1, \"uid\": 0, \"comm\": \"bash\", \"cmdline\": "
	    "[\"bash\"], "
	    "\"nspid\": [100], \"ns\": {\"cgroup\": 4026532000, \"ipc\": 4026532001, \"mnt\": "
	    "4026532002, \"net\": 4026532003, \"pid\": 4026532004, \"pid_for_children\": "
	    "4026532005, "
	    "\"time\": 4026532006, \"time_for_children\": 4026532007, \"user\": 4026532008, "
	    "\"uts\": "
	    "4026532009}, \"container\": null },");
	expect_line(
	    doc, "{ \"pid\": 1,",
	    "    { \"pid\": 1, \"ppid\": 0, \"uid\": 0, \"comm\": \"systemd\", \"cmdline\": "
	    "[\"/sbin/init\"], \"nspid\": [1], \"ns\": {\"pid\": 4026531836, \"pid_for_children\": "
	    "4026531836, \"user\": 4026531837}, \"container\": null },");
	expect_line(
	    doc, "{ \"pid\": 204,",
	    "    { \"pid\": 204, \"ppid\": 203, \"uid\": 1000, \"comm\": \"sleep\", \"cmdline\": "
	    "[\"sleep\", \"infinity\"], \"nspid\": [204, 4, 2], \"ns\": {\"net\": 4026531833, "
	    "\"pid\": "
	    "4026532700, \"pid_for_children\": 4026532700, \"user\": 4026532500, \"uts\": "
	    "4026533000}, \"container\": {\"runtime\": \"docker\", \"id\": \"" CTR_ID "\"} }");
	free(doc);
	model_free(s);
}

/* A kernel thread has no command line: an empty list. */
static void test_kernel_thread(void **state)
{
	struct snapshot *s = model_new();
	struct proc *p = model_add_proc(s, 2);
	snprintf(p->comm, sizeof p->comm, "kthreadd");
	p->argv = xcalloc(1, sizeof(char *));
	model_link(s);
	char *doc = json_of(s);
	expect_line(doc, "{ \"pid\": 2,",
		    "    { \"pid\": 2, \"ppid\": 0, \"uid\": 0, \"comm\": \"kthreadd\", "
		    "\"cmdline\": [], \"nspid\": [], \"ns\": {}, \"container\": null }");
	free(doc);
	model_free(s);
}

static struct snapshot *net_model(void)
{
	struct snapshot *s = model_new();
	struct netns *n = model_add_netns(s, N1);
	n->names = xcalloc(2, sizeof(char *));
	n->names[0] = xstrdup("blue");
	n->names[1] = xstrdup("bleu");
	n->nnames = 2;
	n->nsids = xcalloc(2, sizeof *n->nsids);
	n->nsids[0] = (struct nsid_map){ .nsid = 0, .netns = N0 };
	n->nsids[1] = (struct nsid_map){ .nsid = 3, .netns = 0 };
	n->nnsids = 2;
	n->ifs = xcalloc(3, sizeof *n->ifs);
	n->nifs = 3;

	struct iface *i = &n->ifs[0];
	i->ifindex = 1;
	i->name = xstrdup("lo");
	i->kind = xstrdup("loopback");
	i->flags = 0x1 | 0x8 | 0x40 | 0x10000; /* UP LOOPBACK RUNNING LOWER_UP */
	i->operstate = 0;
	i->mtu = 65536;
	i->maclen = 6;
	i->addrs = xcalloc(2, sizeof *i->addrs);
	i->addrs[0] = (struct addr){ .family = AF_INET, .prefix = 8, .bytes = { 127, 0, 0, 1 } };
	i->addrs[1] = (struct addr){ .family = AF_INET6, .prefix = 128, .bytes = { [15] = 1 } };
	i->naddrs = 2;

	i = &n->ifs[1];
	i->ifindex = 2;
	i->name = xstrdup("br0");
	i->kind = xstrdup("bridge");
	i->flags = 0x2 | 0x1000; /* BROADCAST MULTICAST */
	i->operstate = 2;
	i->mtu = 1500;
	memcpy(i->mac, "\xaa\xbb\xcc\x00\x01\xff", 6);
	i->maclen = 6;

	i = &n->ifs[2];
	i->ifindex = 5;
	i->name = xstrdup("veth\x1b"
			  "a");
	i->kind = xstrdup("veth");
	i->flags = 0x1 | 0x2 | 0x100 | 0x1000 | 0x10000 | 0x20000 | 0x40000 | 0x80;
	i->operstate = 6;
	i->mtu = 1500;
	memcpy(i->mac, "\x02\x00\x00\x00\x00\x05", 6);
	i->maclen = 6;
	i->master = 2;
	i->link = 3;
	i->link_nsid = 0;
	i->has_peer = true;
	i->peer = (struct peer){ .netns = N0, .ifindex = 3, .name = xstrdup("veth-b") };

	model_add_netns(s, N0)->err = -EPERM;
	model_link(s);
	return s;
}

/* NETNS and its interfaces: every key, ip's flag names and order, IF_OPER_* names. */
static void test_netns(void **state)
{
	struct snapshot *s = net_model();
	char *doc = json_of(s);

	expect_line(
	    doc, "\"inode\": 4026532900,",
	    "    { \"inode\": 4026532900, \"names\": [\"blue\", \"bleu\"], \"nprocs\": 0, "
	    "\"nsids\": "
	    "[{\"nsid\": 0, \"netns\": 4026531833}, {\"nsid\": 3, \"netns\": null}], \"error\": "
	    "null, \"interfaces\": [");
	expect_line(doc, "\"ifindex\": 1,",
		    "      { \"ifindex\": 1, \"name\": \"lo\", \"kind\": \"loopback\", \"state\": "
		    "\"UNKNOWN\", "
		    "\"flags\": [\"LOOPBACK\", \"UP\", \"LOWER_UP\"], \"mtu\": 65536, \"mac\": "
		    "\"00:00:00:00:00:00\", \"addresses\": [{\"family\": \"inet\", \"address\": "
		    "\"127.0.0.1\", \"prefix\": 8}, {\"family\": \"inet6\", \"address\": \"::1\", "
		    "\"prefix\": 128}], \"master\": null, \"peer\": null },");
	expect_line(
	    doc, "\"ifindex\": 2,",
	    "      { \"ifindex\": 2, \"name\": \"br0\", \"kind\": \"bridge\", \"state\": \"DOWN\", "
	    "\"flags\": [\"BROADCAST\", \"MULTICAST\"], \"mtu\": 1500, \"mac\": "
	    "\"aa:bb:cc:00:01:ff\", "
	    "\"addresses\": [], \"master\": null, \"peer\": null },");
	expect_line(
	    doc, "\"ifindex\": 5,",
	    "      { \"ifindex\": 5, \"name\": \"veth\\u001ba\", \"kind\": \"veth\", \"state\": "
	    "\"UP\", "
	    "\"flags\": [\"BROADCAST\", \"MULTICAST\", \"NOARP\", \"PROMISC\", \"UP\", "
	    "\"LOWER_UP\", "
	    "\"DORMANT\", \"ECHO\"], \"mtu\": 1500, \"mac\": \"02:00:00:00:00:05\", \"addresses\": "
	    "[], "
	    "\"master\": \"br0\", \"peer\": {\"netns\": 4026531833, \"ifindex\": 3, \"name\": "
	    "\"veth-b\"} }");
	expect_line(
	    doc, "\"inode\": 4026531833,",
	    "    { \"inode\": 4026531833, \"names\": [], \"nprocs\": 0, \"nsids\": [], \"error\": "
	    "\"EPERM\", \"interfaces\": [] },");
	free(doc);
	model_free(s);
}

/* An interface without kind, MAC, a known master or a resolved peer: nulls. */
static void test_iface_nulls(void **state)
{
	struct snapshot *s = net_model();
	struct iface *i = model_find_iface(model_find_netns(s, N1), 5);
	free(i->kind);
	i->kind = NULL;
	i->maclen = 0;
	i->master = 99;
	free(i->peer.name);
	i->peer = (struct peer){ .netns = 0, .ifindex = 7, .name = NULL };
	i->operstate = 200;
	char *doc = json_of(s);
	expect_line(
	    doc, "\"ifindex\": 5,",
	    "      { \"ifindex\": 5, \"name\": \"veth\\u001ba\", \"kind\": null, \"state\": "
	    "\"200\", "
	    "\"flags\": [\"BROADCAST\", \"MULTICAST\", \"NOARP\", \"PROMISC\", \"UP\", "
	    "\"LOWER_UP\", "
	    "\"DORMANT\", \"ECHO\"], \"mtu\": 1500, \"mac\": null, \"addresses\": [], \"master\": "
	    "null, \"peer\": {\"netns\": null, \"ifindex\": 7, \"name\": null} }");
	free(doc);
	model_free(s);
}

/* Every byte value in every string field still gives a valid document. */
static void test_hostile_valid(void **state)
{
	struct snapshot *s = sample_model();
	char all[256];
	for (int i = 0; i < 256; i++)
		all[i] = (char)(i + 1); /* 1..255, then a NUL */
	all[255] = 0;

	struct proc *p = model_find_proc(s, 204);
	memcpy(p->comm, all + 192, 63);
	p->comm[63] = 0;
	free(p->argv[1]);
	p->argv[1] = xstrdup(all);
	free(p->ctr_id);
	p->ctr_id = xstrdup("\"}]\\");
	struct ns *n = model_find_ns(s, NS_UTS, UTS1);
	free(n->name);
	n->name = xstrdup(all + 100);
	n = model_find_ns(s, NS_NET, N1);
	free(n->binds[0]);
	n->binds[0] = xstrdup("/run/netns/\n\xe2\x80\xae");
	model_add_err(s, "/proc/9/ns/\x1b\xff", -ENOENT);
	char *doc = json_of(s);
	assert_non_null(strstr(doc, "\"id\": \"\\\"}]\\\\\""));
	assert_non_null(strstr(doc, "\"/run/netns/\\n\\u202e\""));
	assert_non_null(strstr(doc, "\"/proc/9/ns/\\u001b\\ufffd\""));
	free(doc);
	model_free(s);
}

static void test_write_error(void **state)
{
	struct snapshot *s = sample_model();
	FILE *f = fopen("/dev/full", "w");
	assert_non_null(f);
	assert_int_equal(json_write(f, s), -ENOSPC);
	fclose(f);
	model_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_string_plain),   cmocka_unit_test(test_string_controls),
		cmocka_unit_test(test_string_invalid), cmocka_unit_test(test_checker),
		cmocka_unit_test(test_top_level),      cmocka_unit_test(test_empty_snapshot),
		cmocka_unit_test(test_namespaces),     cmocka_unit_test(test_namespace_unknowns),
		cmocka_unit_test(test_processes),      cmocka_unit_test(test_kernel_thread),
		cmocka_unit_test(test_netns),	       cmocka_unit_test(test_iface_nulls),
		cmocka_unit_test(test_hostile_valid),  cmocka_unit_test(test_write_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
