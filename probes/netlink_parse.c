/*
 * netlink_parse: rtnetlink replies (RTM_NEWLINK, RTM_NEWADDR, RTM_NEWNSID and
 * the control messages that end a dump) parsed from any buffer into the
 * model, and veth peers resolved from what the dumps gave. No socket here:
 * tests feed it messages built with libmnl's builders or a recorded dump.
 */
#include "probes/netlink_parse.h"

#include <errno.h>
#include <libmnl/libmnl.h>
#include <linux/if_link.h>
#include <linux/net_namespace.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "src/util.h"

/* What the libmnl callbacks share while one buffer is parsed. */
struct nl_run {
	struct netlink_parse *p;
	int err;
};

/* Grow *v (of *n elements of size sz) by one zeroed element; capacities are powers of two. */
static void *nl_grow(void *v, size_t *n, size_t sz)
{
	void **pv = v;

	if (*n == 0 || (*n >= 8 && (*n & (*n - 1)) == 0))
		*pv = xrealloc(*pv, (*n ? *n * 2 : 8) * sz);
	char *e = (char *)*pv + *n * sz;
	memset(e, 0, sz);
	(*n)++;
	return e;
}

static void nl_free_addrs(struct netns *n)
{
	for (size_t i = 0; i < n->nifs; i++) {
		free(n->ifs[i].addrs);
		n->ifs[i].addrs = NULL;
		n->ifs[i].naddrs = 0;
	}
}

static void nl_free_links(struct netns *n)
{
	nl_free_addrs(n);
	for (size_t i = 0; i < n->nifs; i++) {
		free(n->ifs[i].name);
		free(n->ifs[i].kind);
		free(n->ifs[i].peer.name);
	}
	free(n->ifs);
	n->ifs = NULL;
	n->nifs = 0;
}

static void nl_free_nsids(struct netns *n)
{
	free(n->nsids);
	n->nsids = NULL;
	n->nnsids = 0;
}

void netlink_parse_reset(struct netns *n, enum netlink_dump d)
{
	if (d == NETLINK_LINKS)
		nl_free_links(n);
	else if (d == NETLINK_ADDRS)
		nl_free_addrs(n);
	else
		nl_free_nsids(n);
}

/*
 * After a walk with mnl_attr_for_each, a must have reached tail: libmnl stops
 * silently at an attribute that overruns its message, which would drop the
 * rest unnoticed. Padding of the last attribute may take a up to 3 bytes past.
 */
static int nl_walk_end(const struct nlattr *a, const void *tail)
{
	ptrdiff_t d = (const char *)a - (const char *)tail;
	return d >= 0 && d < MNL_ALIGNTO ? 0 : -EBADMSG;
}

int netlink_parse_attrs(const struct nlmsghdr *nlh, size_t hdrlen, const struct nlattr **tb,
			unsigned max)
{
	struct nlattr *a;

	if (mnl_nlmsg_get_payload_len(nlh) < hdrlen)
		return -EBADMSG;
	/* libmnl's loop macros are not known to clang-format */
	/* clang-format off */
	mnl_attr_for_each(a, nlh, hdrlen) {
		if (mnl_attr_get_type(a) <= max)
			tb[mnl_attr_get_type(a)] = a;
	}
	/* clang-format on */
	return nl_walk_end(a, mnl_nlmsg_get_payload_tail(nlh));
}

int netlink_parse_u32(const struct nlattr *a, uint32_t *ret)
{
	if (mnl_attr_validate(a, MNL_TYPE_U32) < 0)
		return -EBADMSG;
	*ret = mnl_attr_get_u32(a);
	return 0;
}

static char *nl_get_str(const struct nlattr *a)
{
	const char *s = mnl_attr_get_payload(a);
	return xstrndup(s, strnlen(s, mnl_attr_get_payload_len(a)));
}

/* IFLA_LINKINFO: only the kind ("veth", "bridge", ...) is kept. */
static int nl_parse_linkinfo(const struct nlattr *nest, char **ret_kind)
{
	struct nlattr *a;
	const void *tail =
	    (const char *)mnl_attr_get_payload(nest) + mnl_attr_get_payload_len(nest);

	/* clang-format off */
	mnl_attr_for_each_nested(a, nest) {
		if (mnl_attr_get_type(a) == IFLA_INFO_KIND && !*ret_kind)
			*ret_kind = nl_get_str(a);
	}
	/* clang-format on */
	return nl_walk_end(a, tail);
}

static int nl_parse_link(struct netns *n, const struct nlmsghdr *nlh)
{
	const struct nlattr *tb[IFLA_MAX + 1] = { 0 };
	const struct ifinfomsg *ifm = mnl_nlmsg_get_payload(nlh);
	uint32_t v;
	int r;

	r = netlink_parse_attrs(nlh, sizeof(*ifm), tb, IFLA_MAX);
	if (r < 0)
		return r;
	struct iface *i = nl_grow(&n->ifs, &n->nifs, sizeof(*i));
	i->ifindex = ifm->ifi_index;
	i->flags = ifm->ifi_flags;
	i->link_nsid = -1;
	if (tb[IFLA_IFNAME])
		i->name = nl_get_str(tb[IFLA_IFNAME]);
	if (tb[IFLA_LINKINFO] && (r = nl_parse_linkinfo(tb[IFLA_LINKINFO], &i->kind)) < 0)
		return r;
	if (!i->kind && (ifm->ifi_flags & IFF_LOOPBACK))
		i->kind = xstrdup("loopback");
	if (tb[IFLA_MTU] && (r = netlink_parse_u32(tb[IFLA_MTU], &i->mtu)) < 0)
		return r;
	if (tb[IFLA_OPERSTATE]) {
		if (mnl_attr_validate(tb[IFLA_OPERSTATE], MNL_TYPE_U8) < 0)
			return -EBADMSG;
		i->operstate = mnl_attr_get_u8(tb[IFLA_OPERSTATE]);
	}
	if (tb[IFLA_ADDRESS]) {
		size_t len = mnl_attr_get_payload_len(tb[IFLA_ADDRESS]);
		if (len > sizeof(i->mac))
			return -EBADMSG;
		memcpy(i->mac, mnl_attr_get_payload(tb[IFLA_ADDRESS]), len);
		i->maclen = len;
	}
	if (tb[IFLA_MASTER]) {
		if ((r = netlink_parse_u32(tb[IFLA_MASTER], &v)) < 0)
			return r;
		i->master = (int)v;
	}
	if (tb[IFLA_LINK]) {
		if ((r = netlink_parse_u32(tb[IFLA_LINK], &v)) < 0)
			return r;
		i->link = (int)v;
	}
	if (tb[IFLA_LINK_NETNSID]) {
		if ((r = netlink_parse_u32(tb[IFLA_LINK_NETNSID], &v)) < 0)
			return r;
		i->link_nsid = (int32_t)v;
	}
	return 0;
}

static int nl_parse_addr(struct netns *n, const struct nlmsghdr *nlh)
{
	const struct nlattr *tb[IFA_MAX + 1] = { 0 };
	const struct ifaddrmsg *ifa = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *a;
	size_t want;
	int r;

	r = netlink_parse_attrs(nlh, sizeof(*ifa), tb, IFA_MAX);
	if (r < 0)
		return r;
	if (ifa->ifa_family == AF_INET)
		want = 4;
	else if (ifa->ifa_family == AF_INET6)
		want = 16;
	else
		return 0;
	/* On a point-to-point link IFA_ADDRESS is the far end; IFA_LOCAL is ours. */
	a = tb[IFA_LOCAL] ? tb[IFA_LOCAL] : tb[IFA_ADDRESS];
	if (!a)
		return 0;
	if (mnl_attr_get_payload_len(a) != want || ifa->ifa_prefixlen > want * 8)
		return -EBADMSG;
	/* an interface that came after the link dump is left out, with its addresses */
	struct iface *i = model_find_iface(n, (int)ifa->ifa_index);
	if (!i)
		return 0;
	struct addr *ad = nl_grow(&i->addrs, &i->naddrs, sizeof(*ad));
	ad->family = ifa->ifa_family;
	ad->prefix = ifa->ifa_prefixlen;
	memcpy(ad->bytes, mnl_attr_get_payload(a), want);
	return 0;
}

static int nl_parse_nsid(struct netns *n, const struct nlmsghdr *nlh)
{
	const struct nlattr *tb[NETNSA_MAX + 1] = { 0 };
	uint32_t v;
	int r;

	r = netlink_parse_attrs(nlh, sizeof(struct rtgenmsg), tb, NETNSA_MAX);
	if (r < 0)
		return r;
	if (!tb[NETNSA_NSID])
		return 0;
	if ((r = netlink_parse_u32(tb[NETNSA_NSID], &v)) < 0)
		return r;
	if ((int32_t)v < 0)
		return 0;
	struct nsid_map *m = nl_grow(&n->nsids, &n->nnsids, sizeof(*m));
	m->nsid = (int32_t)v;
	return 0;
}

static int nl_cb_data(const struct nlmsghdr *nlh, void *data)
{
	struct nl_run *run = data;
	struct netlink_parse *p = run->p;
	int r = 0;

	if (p->dump == NETLINK_LINKS && nlh->nlmsg_type == RTM_NEWLINK)
		r = nl_parse_link(p->net, nlh);
	else if (p->dump == NETLINK_ADDRS && nlh->nlmsg_type == RTM_NEWADDR)
		r = nl_parse_addr(p->net, nlh);
	else if (p->dump == NETLINK_NSIDS && nlh->nlmsg_type == RTM_NEWNSID)
		r = nl_parse_nsid(p->net, nlh);
	if (r < 0) {
		run->err = r;
		return MNL_CB_ERROR;
	}
	return MNL_CB_OK;
}

static int nl_cb_error(const struct nlmsghdr *nlh, void *data)
{
	struct nl_run *run = data;
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);

	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(*e)) {
		run->err = -EBADMSG;
		return MNL_CB_ERROR;
	}
	if (e->error == 0)
		return MNL_CB_STOP;
	run->err = e->error < 0 ? e->error : -e->error;
	return MNL_CB_ERROR;
}

/* libmnl 1.0.4's own NLMSG_DONE callback ignores the error a dump may end with. */
static int nl_cb_done(const struct nlmsghdr *nlh, void *data)
{
	struct nl_run *run = data;
	int e;

	if (mnl_nlmsg_get_payload_len(nlh) >= sizeof(e)) {
		memcpy(&e, mnl_nlmsg_get_payload(nlh), sizeof(e));
		if (e < 0) {
			run->err = e;
			return MNL_CB_ERROR;
		}
	}
	return MNL_CB_STOP;
}

static int nl_cmp_nsid(const void *a, const void *b)
{
	const struct nsid_map *x = a, *y = b;
	return x->nsid < y->nsid ? -1 : x->nsid > y->nsid;
}

struct nsid_map *netlink_parse_find_nsid(const struct netns *n, int nsid)
{
	struct nsid_map key = { .nsid = nsid };
	return n->nnsids ? bsearch(&key, n->nsids, n->nnsids, sizeof(key), nl_cmp_nsid) : NULL;
}

static int nl_cmp_iface(const void *a, const void *b)
{
	const struct iface *x = a, *y = b;
	return x->ifindex < y->ifindex ? -1 : x->ifindex > y->ifindex;
}

/* Addresses find their interface by ifindex (model_find_iface): sort once the links are in. */
static void nl_sort_ifaces(struct netns *n)
{
	if (n->nifs)
		qsort(n->ifs, n->nifs, sizeof(*n->ifs), nl_cmp_iface);
}

/* mnl_nlmsg_ok, but with nlmsg_len compared unsigned: libmnl 1.0.4 casts it to int, so
 * a length of 2 GiB or more passes as negative and the walk leaves the buffer (or,
 * rounded up to 0, never moves on). */
static bool nl_msg_ok(const struct nlmsghdr *nlh, int rem)
{
	return rem >= (int)sizeof(*nlh) && nlh->nlmsg_len >= sizeof(*nlh) &&
	       nlh->nlmsg_len <= (unsigned)rem;
}

int netlink_parse(struct netlink_parse *p, void *buf, size_t len)
{
	static mnl_cb_t ctl[NLMSG_MIN_TYPE] = {
		[NLMSG_ERROR] = nl_cb_error,
		[NLMSG_DONE] = nl_cb_done,
	};
	struct nl_run run = { .p = p };
	struct nlmsghdr *nlh;
	int rem = len > INT32_MAX ? INT32_MAX : (int)len;
	int r;

	/* libmnl 1.0.4 fails a whole buffer on NLM_F_DUMP_INTR, though the rest of
	 * the dump still comes: note the flag, take it out, and read on. */
	for (nlh = buf; nl_msg_ok(nlh, rem); nlh = mnl_nlmsg_next(nlh, &rem)) {
		if (nlh->nlmsg_flags & NLM_F_DUMP_INTR) {
			p->intr = true;
			nlh->nlmsg_flags &= ~NLM_F_DUMP_INTR;
		}
	}
	if (rem != 0)
		return -EBADMSG; /* a message cut short, or a length past the buffer */

	r = mnl_cb_run2(buf, len, p->seq, p->portid, nl_cb_data, &run, ctl, ARRAY_SIZE(ctl));
	if (r == MNL_CB_ERROR)
		return run.err ? run.err : (errno ? -errno : -EIO);
	if (r == MNL_CB_OK)
		return 1;
	if (p->dump == NETLINK_LINKS)
		nl_sort_ifaces(p->net);
	else if (p->dump == NETLINK_NSIDS && p->net->nnsids)
		qsort(p->net->nsids, p->net->nnsids, sizeof(*p->net->nsids), nl_cmp_nsid);
	return 0;
}

void netlink_parse_peers(struct snapshot *s)
{
	for (size_t i = 0; i < s->nnets; i++) {
		struct netns *n = &s->nets[i];

		for (size_t j = 0; j < n->nifs; j++) {
			struct iface *f = &n->ifs[j];
			const struct netns *pn;
			const struct iface *pf;

			if (!f->kind || strcmp(f->kind, "veth") != 0)
				continue;
			f->has_peer = true;
			f->peer.ifindex = f->link;
			free(f->peer.name);
			f->peer.name = NULL;
			f->peer.netns = 0;
			if (f->link_nsid < 0) {
				f->peer.netns = n->ino;
			} else {
				const struct nsid_map *m = netlink_parse_find_nsid(n, f->link_nsid);
				if (m)
					f->peer.netns = m->netns;
			}
			if (!f->peer.netns || !f->link)
				continue;
			pn = model_find_netns(s, f->peer.netns);
			pf = pn ? model_find_iface(pn, f->link) : NULL;
			if (pf && pf->name)
				f->peer.name = xstrdup(pf->name);
		}
	}
}
