/*
 * test_text_net: the --net writer on a hand-built snapshot, compared with
 * tests/expected/net-basic.txt: names, inodes, how each namespace is held,
 * nsids, aligned interface columns, master, veth peers (resolved, in the same
 * namespace, and unresolved) and addresses; a hostile interface name escaped.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <arpa/inet.h>
#include <net/if.h>
#include <sys/socket.h>

#include "src/model.h"
#include "src/text.h"
#include "src/util.h"

#define HOST 4026531833ULL
#define BLUE 4026532200ULL
#define GONE 4026532300ULL

static struct iface *add_if(struct netns *n, int index, const char *name, const char *kind,
			    uint8_t oper, unsigned mtu, uint8_t mac_last)
{
	n->ifs = xrealloc(n->ifs, (n->nifs + 1) * sizeof(*n->ifs));
	struct iface *f = &n->ifs[n->nifs++];
	memset(f, 0, sizeof(*f));
	f->ifindex = index;
	f->name = xstrdup(name);
	f->kind = kind ? xstrdup(kind) : NULL;
	f->operstate = oper;
	f->mtu = mtu;
	f->link_nsid = -1;
	f->maclen = 6;
	f->mac[0] = 0x02;
	f->mac[5] = mac_last;
	return f;
}

static void add_addr(struct iface *f, int family, const char *text, uint8_t prefix)
{
	f->addrs = xrealloc(f->addrs, (f->naddrs + 1) * sizeof(*f->addrs));
	struct addr *a = &f->addrs[f->naddrs++];
	memset(a, 0, sizeof(*a));
	a->family = family;
	a->prefix = prefix;
	assert_int_equal(inet_pton(family, text, a->bytes), 1);
}

static void set_peer(struct iface *f, uint64_t netns, int ifindex, const char *name)
{
	f->has_peer = true;
	f->peer.netns = netns;
	f->peer.ifindex = ifindex;
	f->peer.name = name ? xstrdup(name) : NULL;
}

static struct snapshot *net_model(void)
{
	struct snapshot *s = model_new();
	struct ns *ns;
	struct netns *n;
	struct iface *f;

	ns = model_add_ns(s, NS_NET, HOST);
	ns->initial = true;
	ns->held = HELD_PROCESS;
	ns = model_add_ns(s, NS_NET, BLUE);
	ns->held = HELD_FD | HELD_BIND;
	ns->binds = xcalloc(1, sizeof(char *));
	ns->binds[0] = xstrdup("/run/netns/blue");
	ns->nbinds = 1;
	ns->fds = xcalloc(1, sizeof(*ns->fds));
	ns->fds[0] = (struct ns_fd){ .pid = 99, .fd = 5 };
	ns->nfds = 1;

	n = model_add_netns(s, HOST);
	n->nprocs = 12;
	n->nsids = xcalloc(1, sizeof(*n->nsids));
	n->nsids[0] = (struct nsid_map){ .nsid = 0, .netns = BLUE };
	n->nnsids = 1;
	f = add_if(n, 1, "lo", "loopback", 0 /* IF_OPER_UNKNOWN */, 65536, 0);
	f->mac[0] = 0;
	f->flags = IFF_LOOPBACK | IFF_UP;
	add_addr(f, AF_INET, "127.0.0.1", 8);
	add_addr(f, AF_INET6, "::1", 128);
	f = add_if(n, 2, "eth0", NULL, 6 /* IF_OPER_UP */, 1500, 1);
	add_addr(f, AF_INET, "192.0.2.2", 24);
	add_addr(f, AF_INET6, "2001:db8::2", 64);
	f = add_if(n, 7, "veth-host", "veth", 6, 1500, 7);
	f->link = 3;
	f->link_nsid = 0;
	set_peer(f, BLUE, 3, "veth-blue");

	n = model_add_netns(s, BLUE);
	n->names = xcalloc(1, sizeof(char *));
	n->names[0] = xstrdup("blue");
	n->nnames = 1;
	n->nsids = xcalloc(2, sizeof(*n->nsids));
	n->nsids[0] = (struct nsid_map){ .nsid = 0, .netns = HOST };
	n->nsids[1] = (struct nsid_map){ .nsid = 1, .netns = 0 };
	n->nnsids = 2;
	add_if(n, 1, "lo", "loopback", 2 /* IF_OPER_DOWN */, 65536, 0)->mac[0] = 0;
	f = add_if(n, 2, "br0", "bridge", 6, 1500, 0x20);
	add_addr(f, AF_INET, "10.1.0.1", 24);
	f = add_if(n, 3, "veth-blue", "veth", 6, 1500, 0x21);
	f->master = 2;
	f->link = 7;
	f->link_nsid = 0;
	set_peer(f, HOST, 7, "veth-host");
	f = add_if(n, 4, "pa", "veth", 2, 9000, 0x22);
	f->link = 5;
	set_peer(f, BLUE, 5, "pb");
	f = add_if(n, 5, "pb", "veth", 2, 9000, 0x23);
	f->link = 4;
	set_peer(f, BLUE, 4, "pa");
	f = add_if(n, 6, "orphan", "veth", 5 /* IF_OPER_DORMANT */, 1500, 0x24);
	f->link = 9;
	f->link_nsid = 1;
	set_peer(f, 0, 9, NULL);
	f = add_if(n, 8, "ev\x1b]0;x\a\xff", "ifb", 2, 1500, 0x25);
	f->maclen = 0;

	n = model_add_netns(s, GONE);
	n->err = -EPERM;
	model_sort(s);
	return s;
}

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = xcalloc(1, 65536);
	if (!f)
		fail_msg("%s: %s (run the tests from the top of the tree)", path, strerror(errno));
	size_t n = fread(buf, 1, 65535, f);
	buf[n] = 0;
	fclose(f);
	return buf;
}

static void test_net_golden(void **state)
{
	struct snapshot *s = net_model();
	char *text = NULL, *want;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	assert_non_null(f);
	assert_int_equal(text_net(f, s), 0);
	assert_int_equal(fclose(f), 0);
	if (getenv("NSVIEW_UPDATE_GOLDEN")) {
		FILE *g = fopen("tests/expected/net-basic.txt", "w");
		assert_non_null(g);
		fputs(text, g);
		fclose(g);
	}
	want = read_all("tests/expected/net-basic.txt");
	assert_string_equal(text, want);
	/* nothing from the system reaches the terminal raw */
	for (const char *p = text; *p; p++)
		assert_true((unsigned char)*p >= 0x20 || *p == '\n');
	assert_null(strstr(text, "\xff"));
	free(want);
	free(text);
	model_free(s);
}

static void test_net_empty(void **state)
{
	struct snapshot *s = model_new();
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	assert_int_equal(text_net(f, s), 0);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(len, 0);
	free(text);
	model_free(s);
}

/* An output longer than stdio's buffer fails in fwrite itself: the cause is kept. */
static void test_net_write_error(void **state)
{
	struct snapshot *s = model_new();
	struct netns *n = model_add_netns(s, BLUE);
	FILE *f = fopen("/dev/full", "w");
	char name[IFNAMSIZ];

	assert_non_null(f);
	for (int i = 1; i <= 400; i++) {
		snprintf(name, sizeof(name), "eth%d", i);
		add_if(n, i, name, "veth", 6, 1500, (uint8_t)i);
	}
	model_link(s);
	assert_int_equal(text_net(f, s), -ENOSPC);
	fclose(f);
	model_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_net_golden),
		cmocka_unit_test(test_net_empty),
		cmocka_unit_test(test_net_write_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
