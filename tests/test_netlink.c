/*
 * test_netlink: the rtnetlink parsers on messages built with libmnl's own
 * builders (no socket, no root), on a real dump recorded in
 * tests/fixtures/netlink/ (see record.sh there), veth peer resolution on
 * hand-built namespaces, and, as root only, netlink_probe on namespaces the
 * test makes with `ip netns add` and removes in its teardown.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <libmnl/libmnl.h>
#include <linux/if.h>
#include <linux/if_link.h>
#include <linux/net_namespace.h>
#include <linux/rtnetlink.h>
#include <sys/stat.h>
#include <unistd.h>

#include "probes/netlink.h"
#include "src/util.h"

#define NS_A 4026532001ULL
#define NS_B 4026532002ULL

struct msgbuf {
	char buf[16384] __attribute__((aligned(8)));
	size_t len;
};

struct link_spec {
	int index;
	const char *name;
	const char *kind;
	unsigned flags, mtu;
	uint8_t oper;
	const char *mac; /* 6 bytes */
	int master, link, nsid;
	bool has_nsid;
};

static struct nlmsghdr *put_msg(struct msgbuf *m, uint16_t type)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(m->buf + m->len);
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_MULTI;
	return nlh;
}

static void end_msg(struct msgbuf *m, struct nlmsghdr *nlh)
{
	m->len += nlh->nlmsg_len;
	assert_true(m->len < sizeof(m->buf) - 512);
}

static struct nlmsghdr *put_link(struct msgbuf *m, const struct link_spec *l)
{
	struct nlmsghdr *nlh = put_msg(m, RTM_NEWLINK);
	struct ifinfomsg *ifm = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifm));

	ifm->ifi_index = l->index;
	ifm->ifi_flags = l->flags;
	mnl_attr_put_strz(nlh, IFLA_IFNAME, l->name);
	mnl_attr_put_u32(nlh, IFLA_MTU, l->mtu);
	mnl_attr_put_u8(nlh, IFLA_OPERSTATE, l->oper);
	if (l->mac)
		mnl_attr_put(nlh, IFLA_ADDRESS, 6, l->mac);
	if (l->kind) {
		struct nlattr *li = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
		mnl_attr_put_strz(nlh, IFLA_INFO_KIND, l->kind);
		mnl_attr_nest_end(nlh, li);
	}
	if (l->master)
		mnl_attr_put_u32(nlh, IFLA_MASTER, (uint32_t)l->master);
	if (l->link)
		mnl_attr_put_u32(nlh, IFLA_LINK, (uint32_t)l->link);
	if (l->has_nsid)
		mnl_attr_put_u32(nlh, IFLA_LINK_NETNSID, (uint32_t)l->nsid);
	end_msg(m, nlh);
	return nlh;
}

static void put_addr(struct msgbuf *m, int family, int index, unsigned prefix, const char *local,
		     const char *address)
{
	struct nlmsghdr *nlh = put_msg(m, RTM_NEWADDR);
	struct ifaddrmsg *ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));
	uint8_t bytes[16];
	size_t len = family == AF_INET ? 4 : 16;

	ifa->ifa_family = (uint8_t)family;
	ifa->ifa_index = (unsigned)index;
	ifa->ifa_prefixlen = (uint8_t)prefix;
	if (local) {
		assert_int_equal(inet_pton(family, local, bytes), 1);
		mnl_attr_put(nlh, IFA_LOCAL, len, bytes);
	}
	if (address) {
		assert_int_equal(inet_pton(family, address, bytes), 1);
		mnl_attr_put(nlh, IFA_ADDRESS, len, bytes);
	}
	end_msg(m, nlh);
}

static void put_nsid(struct msgbuf *m, int nsid)
{
	struct nlmsghdr *nlh = put_msg(m, RTM_NEWNSID);
	struct rtgenmsg *g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->rtgen_family = AF_UNSPEC;
	mnl_attr_put_u32(nlh, NETNSA_NSID, (uint32_t)nsid);
	end_msg(m, nlh);
}

static void put_done(struct msgbuf *m, int err)
{
	struct nlmsghdr *nlh = put_msg(m, NLMSG_DONE);
	int *e = mnl_nlmsg_put_extra_header(nlh, sizeof(int));
	*e = err;
	end_msg(m, nlh);
}

static void put_error(struct msgbuf *m, int err)
{
	struct nlmsghdr *nlh = put_msg(m, NLMSG_ERROR);
	struct nlmsgerr *e = mnl_nlmsg_put_extra_header(nlh, sizeof(*e));
	e->error = err;
	end_msg(m, nlh);
}

static int parse(struct netns *n, enum netlink_dump d, void *buf, size_t len, bool *ret_intr)
{
	struct netlink_parse p = { .dump = d, .net = n };
	int r = netlink_parse(&p, buf, len);
	if (ret_intr)
		*ret_intr = p.intr;
	return r;
}

static struct iface *by_name(const struct netns *n, const char *name)
{
	for (size_t i = 0; i < n->nifs; i++)
		if (n->ifs[i].name && strcmp(n->ifs[i].name, name) == 0)
			return &n->ifs[i];
	return NULL;
}

static const char mac1[6] = { 0x02, 0, 0, 0, 0xaa, 0x01 };

/* Namespace A: lo, veth0 (peer: ifindex 7 in the namespace A knows as nsid 3),
 * a same-namespace pair v1/v2, and a veth whose nsid 9 nobody answers. */
static void build_a(struct msgbuf *m)
{
	put_link(m, &(struct link_spec){ .index = 1,
					 .name = "lo",
					 .flags = IFF_LOOPBACK | IFF_UP,
					 .mtu = 65536,
					 .oper = IF_OPER_UNKNOWN });
	put_link(m, &(struct link_spec){ .index = 4,
					 .name = "veth0",
					 .kind = "veth",
					 .flags = IFF_UP,
					 .mtu = 1500,
					 .oper = IF_OPER_UP,
					 .mac = mac1,
					 .link = 7,
					 .nsid = 3,
					 .has_nsid = true });
	put_link(m, &(struct link_spec){ .index = 6,
					 .name = "v2",
					 .kind = "veth",
					 .mtu = 1500,
					 .oper = IF_OPER_DOWN,
					 .link = 5 });
	put_link(m, &(struct link_spec){ .index = 5,
					 .name = "v1",
					 .kind = "veth",
					 .mtu = 1500,
					 .oper = IF_OPER_DOWN,
					 .link = 6 });
	put_link(m, &(struct link_spec){ .index = 8,
					 .name = "lost",
					 .kind = "veth",
					 .mtu = 1500,
					 .link = 2,
					 .nsid = 9,
					 .has_nsid = true });
	put_done(m, 0);
}

static void test_veth_peer_nsid(void **state)
{
	struct snapshot *s = model_new();
	struct netns *a = model_add_netns(s, NS_A);
	static struct msgbuf m, ids;

	m.len = ids.len = 0;
	build_a(&m);
	assert_int_equal(parse(a, NETLINK_LINKS, m.buf, m.len, NULL), 0);
	assert_int_equal(a->nifs, 5);
	/* sorted by ifindex when the dump is done, whatever order it came in */
	for (size_t i = 1; i < a->nifs; i++)
		assert_true(a->ifs[i - 1].ifindex < a->ifs[i].ifindex);
	struct iface *v = by_name(a, "veth0");
	assert_non_null(v);
	assert_int_equal(v->ifindex, 4);
	assert_string_equal(v->kind, "veth");
	assert_int_equal(v->link, 7);
	assert_int_equal(v->link_nsid, 3);
	assert_int_equal(v->mtu, 1500);
	assert_int_equal(v->operstate, IF_OPER_UP);
	assert_int_equal(v->maclen, 6);
	assert_memory_equal(v->mac, mac1, 6);
	assert_string_equal(by_name(a, "lo")->kind, "loopback");
	assert_int_equal(by_name(a, "lo")->link_nsid, -1);

	put_nsid(&ids, 3);
	put_nsid(&ids, 9);
	put_done(&ids, 0);
	assert_int_equal(parse(a, NETLINK_NSIDS, ids.buf, ids.len, NULL), 0);
	assert_int_equal(a->nnsids, 2);
	assert_int_equal(a->nsids[0].nsid, 3);
	a->nsids[0].netns = NS_B; /* what asking by NETNSA_FD found; 9 stays unresolved */

	struct netns *b = model_add_netns(s, NS_B);
	m.len = 0;
	put_link(&m, &(struct link_spec){ .index = 7,
					  .name = "peer0",
					  .kind = "veth",
					  .mtu = 1500,
					  .link = 4,
					  .nsid = 0,
					  .has_nsid = true });
	put_done(&m, 0);
	assert_int_equal(parse(b, NETLINK_LINKS, m.buf, m.len, NULL), 0);
	model_sort(s);
	a = model_find_netns(s, NS_A);
	b = model_find_netns(s, NS_B);

	netlink_parse_peers(s);
	v = by_name(a, "veth0");
	assert_true(v->has_peer);
	assert_int_equal(v->peer.netns, NS_B);
	assert_int_equal(v->peer.ifindex, 7);
	assert_string_equal(v->peer.name, "peer0");
	/* no netnsid: the peer is in the same namespace */
	v = by_name(a, "v1");
	assert_int_equal(v->peer.netns, NS_A);
	assert_string_equal(v->peer.name, "v2");
	/* an nsid no known namespace answers: unresolved, a finding */
	v = by_name(a, "lost");
	assert_true(v->has_peer);
	assert_int_equal(v->peer.netns, 0);
	assert_null(v->peer.name);
	assert_int_equal(v->peer.ifindex, 2);
	/* B has no nsids: its peer (nsid 0) is unresolved too */
	assert_int_equal(b->ifs[0].peer.netns, 0);
	assert_false(by_name(a, "lo")->has_peer);
	/* resolving again (a TUI refresh) gives the same */
	netlink_parse_peers(s);
	assert_string_equal(by_name(a, "veth0")->peer.name, "peer0");
	model_free(s);
}

static void test_bridge_master(void **state)
{
	struct snapshot *s = model_new();
	struct netns *n = model_add_netns(s, NS_A);
	static struct msgbuf m;

	m.len = 0;
	put_link(&m, &(struct link_spec){ .index = 3,
					  .name = "br0",
					  .kind = "bridge",
					  .flags = IFF_UP,
					  .mtu = 1500,
					  .oper = IF_OPER_UP });
	put_link(&m, &(struct link_spec){
			 .index = 4, .name = "port0", .kind = "ifb", .mtu = 1500, .master = 3 });
	put_done(&m, 0);
	assert_int_equal(parse(n, NETLINK_LINKS, m.buf, m.len, NULL), 0);
	assert_int_equal(by_name(n, "port0")->master, 3);
	assert_int_equal(by_name(n, "br0")->master, 0);
	assert_string_equal(by_name(n, "br0")->kind, "bridge");
	netlink_parse_peers(s);
	assert_false(by_name(n, "port0")->has_peer);
	model_free(s);
}

static void test_addresses(void **state)
{
	struct snapshot *s = model_new();
	struct netns *n = model_add_netns(s, NS_A);
	static struct msgbuf m;
	uint8_t want[16];

	m.len = 0;
	put_link(&m, &(struct link_spec){ .index = 2, .name = "eth0", .mtu = 1500 });
	put_link(&m, &(struct link_spec){ .index = 3, .name = "ptp0", .mtu = 1500 });
	put_done(&m, 0);
	assert_int_equal(parse(n, NETLINK_LINKS, m.buf, m.len, NULL), 0);
	m.len = 0;
	put_addr(&m, AF_INET, 2, 24, "10.0.0.1", "10.0.0.1");
	put_addr(&m, AF_INET6, 2, 64, NULL, "2001:db8::1");
	put_addr(&m, AF_INET6, 2, 128, NULL, "fe80::1");
	/* point to point: IFA_ADDRESS is the far end, IFA_LOCAL is ours */
	put_addr(&m, AF_INET, 3, 32, "192.168.7.1", "192.168.7.2");
	/* an interface the link dump did not have is left out */
	put_addr(&m, AF_INET, 99, 8, "10.9.9.9", NULL);
	put_done(&m, 0);
	assert_int_equal(parse(n, NETLINK_ADDRS, m.buf, m.len, NULL), 0);

	struct iface *e = by_name(n, "eth0");
	assert_int_equal(e->naddrs, 3);
	assert_int_equal(e->addrs[0].family, AF_INET);
	assert_int_equal(e->addrs[0].prefix, 24);
	assert_int_equal(e->addrs[1].family, AF_INET6);
	assert_int_equal(e->addrs[1].prefix, 64);
	inet_pton(AF_INET6, "2001:db8::1", want);
	assert_memory_equal(e->addrs[1].bytes, want, 16);
	assert_int_equal(e->addrs[2].prefix, 128);
	struct iface *p = by_name(n, "ptp0");
	assert_int_equal(p->naddrs, 1);
	inet_pton(AF_INET, "192.168.7.1", want);
	assert_memory_equal(p->addrs[0].bytes, want, 4);

	/* a wrong address length is refused */
	m.len = 0;
	struct nlmsghdr *nlh = put_msg(&m, RTM_NEWADDR);
	struct ifaddrmsg *ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));
	ifa->ifa_family = AF_INET6;
	ifa->ifa_index = 2;
	mnl_attr_put(nlh, IFA_ADDRESS, 4, want);
	end_msg(&m, nlh);
	assert_int_equal(parse(n, NETLINK_ADDRS, m.buf, m.len, NULL), -EBADMSG);
	model_free(s);
}

/* Interface names are kept raw in the model: escaping is the outputs' job. */
static void test_hostile_name(void **state)
{
	static const char name[] = "ev\x1b[31mil\xff\xfe";
	struct snapshot *s = model_new();
	struct netns *n = model_add_netns(s, NS_A);
	static struct msgbuf m;

	m.len = 0;
	put_link(&m, &(struct link_spec){ .index = 2, .name = name, .kind = "ifb", .mtu = 1500 });
	put_done(&m, 0);
	assert_int_equal(parse(n, NETLINK_LINKS, m.buf, m.len, NULL), 0);
	assert_int_equal(n->nifs, 1);
	assert_string_equal(n->ifs[0].name, name);
	model_free(s);
}

static void test_truncated(void **state)
{
	struct snapshot *s = model_new();
	struct netns *n = model_add_netns(s, NS_A);
	static struct msgbuf m;
	struct nlmsghdr *nlh;
	struct nlattr *a;

	/* an attribute that claims more bytes than its message holds */
	m.len = 0;
	nlh = put_link(&m, &(struct link_spec){ .index = 2, .name = "eth0", .mtu = 1500 });
	a = (struct nlattr *)((char *)nlh + NLMSG_HDRLEN + MNL_ALIGN(sizeof(struct ifinfomsg)));
	assert_int_equal(a->nla_type, IFLA_IFNAME);
	a->nla_len = 200;
	put_done(&m, 0);
	assert_int_equal(parse(n, NETLINK_LINKS, m.buf, m.len, NULL), -EBADMSG);

	/* a nested attribute cut short inside IFLA_LINKINFO */
	model_free(s);
	s = model_new();
	n = model_add_netns(s, NS_A);
	m.len = 0;
	nlh = put_msg(&m, RTM_NEWLINK);
	mnl_nlmsg_put_extra_header(nlh, sizeof(struct ifinfomsg));
	struct nlattr *li = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
	a = mnl_nlmsg_get_payload_tail(nlh);
	mnl_attr_put_strz(nlh, IFLA_INFO_KIND, "veth");
	mnl_attr_nest_end(nlh, li);
	a->nla_len = 64;
	end_msg(&m, nlh);
	assert_int_equal(parse(n, NETLINK_LINKS, m.buf, m.len, NULL), -EBADMSG);

	/* an MTU of two bytes */
	m.len = 0;
	nlh = put_msg(&m, RTM_NEWLINK);
	mnl_nlmsg_put_extra_header(nlh, sizeof(struct ifinfomsg));
	mnl_attr_put_u16(nlh, IFLA_MTU, 1500);
	end_msg(&m, nlh);
	assert_int_equal(parse(n, NETLINK_LINKS, m.buf, m.len, NULL), -EBADMSG);

	/* a message cut off at the end of the buffer */
	m.len = 0;
	put_link(&m, &(struct link_spec){ .index = 2, .name = "eth0", .mtu = 1500 });
	assert_int_equal(parse(n, NETLINK_LINKS, m.buf, m.len - 8, NULL), -EBADMSG);

	/* a message too short for its family header */
	m.len = 0;
	nlh = put_msg(&m, RTM_NEWLINK);
	end_msg(&m, nlh);
	assert_int_equal(parse(n, NETLINK_LINKS, m.buf, m.len, NULL), -EBADMSG);
	model_free(s);
}

static void test_errors(void **state)
{
	struct snapshot *s = model_new();
	struct netns *n = model_add_netns(s, NS_A);
	static struct msgbuf m;
	bool intr;

	/* an error carried in NLMSG_DONE's payload (libmnl's default drops it) */
	m.len = 0;
	put_link(&m, &(struct link_spec){ .index = 1, .name = "lo", .mtu = 65536 });
	put_done(&m, -EINVAL);
	assert_int_equal(parse(n, NETLINK_LINKS, m.buf, m.len, NULL), -EINVAL);

	/* an error reply */
	m.len = 0;
	put_error(&m, -EPERM);
	assert_int_equal(parse(n, NETLINK_NSIDS, m.buf, m.len, NULL), -EPERM);

	/* a buffer without NLMSG_DONE: more is to come */
	m.len = 0;
	put_nsid(&m, 1);
	assert_int_equal(parse(n, NETLINK_NSIDS, m.buf, m.len, NULL), 1);

	/* an interrupted dump is read to its end and reported */
	m.len = 0;
	struct nlmsghdr *nlh =
	    put_link(&m, &(struct link_spec){ .index = 2, .name = "x", .mtu = 1 });
	nlh->nlmsg_flags |= NLM_F_DUMP_INTR;
	put_link(&m, &(struct link_spec){ .index = 3, .name = "y", .mtu = 1 });
	put_done(&m, 0);
	assert_int_equal(parse(n, NETLINK_LINKS, m.buf, m.len, &intr), 0);
	assert_true(intr);
	assert_non_null(by_name(n, "y"));

	/* replies to another request (sequence) are refused */
	m.len = 0;
	nlh = put_link(&m, &(struct link_spec){ .index = 2, .name = "x", .mtu = 1 });
	nlh->nlmsg_seq = 5;
	struct netlink_parse p = { .dump = NETLINK_LINKS, .net = n, .seq = 6 };
	assert_true(netlink_parse(&p, m.buf, m.len) < 0);

	/* a message length of 2 GiB or more is past any buffer, not a negative one: it
	 * once sent the walk out of the buffer, or (rounded up to 0) round in place */
	static const uint32_t huge[] = { 0x80000000u, 0xfffffff0u, 0xfffffffdu, 0xffffffffu };
	for (size_t i = 0; i < ARRAY_SIZE(huge); i++) {
		m.len = 0;
		put_link(&m, &(struct link_spec){ .index = 2, .name = "x", .mtu = 1 });
		nlh = put_link(&m, &(struct link_spec){ .index = 3, .name = "y", .mtu = 1 });
		put_done(&m, 0);
		nlh->nlmsg_len = huge[i];
		assert_int_equal(parse(n, NETLINK_LINKS, m.buf, m.len, NULL), -EBADMSG);
	}
	model_free(s);
}

static size_t read_file(const char *path, struct msgbuf *m)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("%s: %s (run the tests from the top of the tree)", path, strerror(errno));
	m->len = fread(m->buf, 1, sizeof(m->buf), f);
	assert_false(ferror(f));
	assert_true(feof(f));
	fclose(f);
	return m->len;
}

static bool has_addr(const struct iface *f, int family, const char *text, unsigned prefix)
{
	uint8_t b[16];
	assert_int_equal(inet_pton(family, text, b), 1);
	for (size_t i = 0; i < f->naddrs; i++)
		if (f->addrs[i].family == family && f->addrs[i].prefix == prefix &&
		    memcmp(f->addrs[i].bytes, b, family == AF_INET ? 4 : 16) == 0)
			return true;
	return false;
}

/* The dumps of a real namespace (tests/fixtures/netlink/record.sh made it). */
static void test_recorded(void **state)
{
	struct snapshot *s = model_new();
	struct netns *n = model_add_netns(s, NS_A);
	static struct msgbuf m;
	struct iface *f;

	read_file("tests/fixtures/netlink/links.bin", &m);
	assert_int_equal(parse(n, NETLINK_LINKS, m.buf, m.len, NULL), 0);
	read_file("tests/fixtures/netlink/addrs.bin", &m);
	assert_int_equal(parse(n, NETLINK_ADDRS, m.buf, m.len, NULL), 0);
	read_file("tests/fixtures/netlink/nsids.bin", &m);
	assert_int_equal(parse(n, NETLINK_NSIDS, m.buf, m.len, NULL), 0);

	assert_int_equal(n->nifs, 6);
	f = by_name(n, "lo");
	assert_int_equal(f->ifindex, 1);
	assert_string_equal(f->kind, "loopback");
	assert_int_equal(f->mtu, 65536);
	assert_true(has_addr(f, AF_INET, "127.0.0.1", 8));
	assert_true(has_addr(f, AF_INET6, "::1", 128));
	f = by_name(n, "br0");
	assert_string_equal(f->kind, "bridge");
	assert_memory_equal(f->mac, "\x02\x00\x00\x00\x0b\x01", 6);
	assert_true(has_addr(f, AF_INET, "10.1.0.1", 24));
	assert_true(has_addr(f, AF_INET6, "fd00::1", 64));
	assert_int_equal(f->naddrs, 2);
	int br = f->ifindex;
	f = by_name(n, "va");
	assert_string_equal(f->kind, "veth");
	assert_int_equal(f->master, br);
	assert_int_equal(f->link_nsid, 0);
	assert_int_equal(f->operstate, IF_OPER_LOWERLAYERDOWN);
	f = by_name(n, "ifb0");
	assert_string_equal(f->kind, "ifb");
	assert_int_equal(f->naddrs, 1);
	assert_true(has_addr(f, AF_INET, "192.168.7.1", 32));
	struct iface *x = by_name(n, "vx"), *y = by_name(n, "vy");
	assert_int_equal(x->link, y->ifindex);
	assert_int_equal(y->link, x->ifindex);
	assert_int_equal(x->link_nsid, -1);
	assert_true(has_addr(x, AF_INET6, "2001:db8::5", 64));
	assert_int_equal(x->operstate, IF_OPER_UP);
	assert_true(x->flags & IFF_UP);
	assert_int_equal(n->nnsids, 1);
	assert_int_equal(n->nsids[0].nsid, 0);

	netlink_parse_peers(s);
	assert_string_equal(by_name(n, "vx")->peer.name, "vy");
	assert_int_equal(by_name(n, "va")->peer.netns, 0); /* nsid 0 not resolved here */
	model_free(s);
}

/* --- live, as root: real namespaces made by `ip netns add` ------------------ */

static char live_a[32], live_b[32], live_h[16];

static int run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int run(const char *fmt, ...)
{
	char cmd[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	return system(cmd);
}

static int live_teardown(void **state)
{
	if (live_a[0]) {
		run("ip link del %s 2>/dev/null; ip netns del %s 2>/dev/null; ip netns del %s "
		    "2>/dev/null",
		    live_h, live_a, live_b);
		live_a[0] = 0;
	}
	return 0;
}

static uint64_t ino_of(const char *path, int *ret_fd)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	assert_true(fd >= 0);
	assert_int_equal(fstat(fd, &st), 0);
	*ret_fd = fd;
	return st.st_ino;
}

static size_t count_fds(void)
{
	size_t n = 0;
	DIR *d = opendir("/proc/self/fd");
	assert_non_null(d);
	while (readdir(d))
		n++;
	closedir(d);
	return n;
}

static struct snapshot *live_snapshot(const struct netns_handle *h, size_t n)
{
	struct snapshot *s = model_new();
	for (size_t i = 0; i < n; i++)
		model_add_netns(s, h[i].ino);
	model_sort(s);
	return s;
}

static void test_live_probe(void **state)
{
	struct netns_handle h[3];
	struct snapshot *s;
	struct netns *a, *b, *home;
	struct iface *f;
	char path[64];
	int pid = (int)getpid();

	if (geteuid() != 0)
		skip();
	snprintf(live_a, sizeof(live_a), "nsvtl-%d-a", pid);
	snprintf(live_b, sizeof(live_b), "nsvtl-%d-b", pid);
	snprintf(live_h, sizeof(live_h), "nsvh%d", pid);
	assert_int_equal(run("ip netns add %s && ip netns add %s && "
			     "ip -n %s link add va type veth peer name vb netns %s && "
			     "ip link add %s type veth peer name hb netns %s && "
			     "ip -n %s addr add 10.77.0.1/24 dev va && ip -n %s link set va up",
			     live_a, live_b, live_a, live_b, live_h, live_a, live_a, live_a),
			 0);
	h[0].ino = ino_of("/proc/self/ns/net", &h[0].fd);
	snprintf(path, sizeof(path), "/run/netns/%s", live_a);
	h[1].ino = ino_of(path, &h[1].fd);
	snprintf(path, sizeof(path), "/run/netns/%s", live_b);
	h[2].ino = ino_of(path, &h[2].fd);

	struct netlink_ctx *c = netlink_new();
	s = live_snapshot(h, 3);
	assert_int_equal(netlink_probe(c, s, h, 3), 0);
	home = model_find_netns(s, h[0].ino);
	a = model_find_netns(s, h[1].ino);
	b = model_find_netns(s, h[2].ino);
	assert_int_equal(a->err, 0);
	f = by_name(a, "va");
	assert_non_null(f);
	assert_int_equal(f->peer.netns, h[2].ino);
	assert_string_equal(f->peer.name, "vb");
	assert_true(has_addr(f, AF_INET, "10.77.0.1", 24));
	f = by_name(a, "hb");
	assert_int_equal(f->peer.netns, h[0].ino);
	assert_string_equal(f->peer.name, live_h);
	f = by_name(b, "vb");
	assert_int_equal(f->peer.netns, h[1].ino);
	assert_string_equal(f->peer.name, "va");
	f = by_name(home, live_h);
	assert_non_null(f);
	assert_int_equal(f->peer.netns, h[1].ino);
	assert_string_equal(f->peer.name, "hb");
	assert_string_equal(by_name(a, "lo")->kind, "loopback");
	model_free(s);

	/* back home after the probe */
	int fd;
	assert_int_equal(ino_of("/proc/self/ns/net", &fd), h[0].ino);
	close(fd);

	/* a refresh reuses the sockets (no new fd) and confirms what the nsids stood for
	 * last time: every peer resolves as before */
	size_t fds = count_fds();
	s = live_snapshot(h, 3);
	assert_int_equal(netlink_probe(c, s, h, 3), 0);
	assert_string_equal(by_name(model_find_netns(s, h[1].ino), "va")->peer.name, "vb");
	assert_int_equal(by_name(model_find_netns(s, h[1].ino), "hb")->peer.netns, h[0].ino);
	assert_string_equal(by_name(model_find_netns(s, h[2].ino), "vb")->peer.name, "va");
	assert_int_equal(by_name(model_find_netns(s, h[0].ino), live_h)->peer.netns, h[1].ino);
	model_free(s);
	assert_int_equal(count_fds(), fds);

	/* B no longer known: its socket goes, and va's peer is unresolved (a finding) */
	s = live_snapshot(h, 2);
	assert_int_equal(netlink_probe(c, s, h, 2), 0);
	a = model_find_netns(s, h[1].ino);
	f = by_name(a, "va");
	assert_true(f->has_peer);
	assert_int_equal(f->peer.netns, 0);
	assert_null(f->peer.name);
	assert_string_equal(by_name(a, "hb")->peer.name, live_h);
	model_free(s);
	assert_int_equal(count_fds(), fds - 1);

	netlink_free(c);
	for (int i = 0; i < 3; i++)
		close(h[i].fd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_veth_peer_nsid),
		cmocka_unit_test(test_bridge_master),
		cmocka_unit_test(test_addresses),
		cmocka_unit_test(test_hostile_name),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_recorded),
		cmocka_unit_test_teardown(test_live_probe, live_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
