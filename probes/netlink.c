/*
 * netlink: the rtnetlink probe of network namespaces, over libmnl.
 *
 * Each namespace is asked through a NETLINK_ROUTE socket created inside it:
 * setns there, socket(), setns straight back home. The socket stays bound to
 * that namespace, so the context keeps it for later snapshots (by inode) and
 * drops it once the namespace is gone. Per namespace three dumps: links,
 * addresses and the namespace's ids for others (nsids). An nsid is mapped to a
 * known namespace by asking the namespace's socket for the id of each other
 * namespace's fd (RTM_GETNSID with NETNSA_FD), which reads ids without making
 * the kernel assign new ones, unlike IFLA_TARGET_NETNSID.
 */
#include "probes/netlink.h"

#include <errno.h>
#include <libmnl/libmnl.h>
#include <linux/if_link.h>
#include <linux/net_namespace.h>
#include <linux/rtnetlink.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src/util.h"

/* A dump's reply buffer; the kernel fills at most 32 KiB per read, twice that is safe. */
#define NL_BUF_SIZE 65536
/* Dumps interrupted by a concurrent change are retried this many times in all. */
#define NL_TRIES 3

struct nl_sock {
	uint64_t ino;
	struct mnl_socket *nl;
	unsigned portid;
};

struct netlink_ctx {
	int home;          /* fd of this process's own netns; -1 if it could not be had */
	uint64_t home_ino; /* its inode; 0 = unknown */
	struct nl_sock *socks; /* sorted by ino */
	size_t nsocks;
	unsigned seq;
	char *buf;
};

/* What the libmnl callbacks share while one buffer is parsed. */
struct nl_run {
	struct netlink_parse *p;
	int err;
};

struct netlink_ctx *netlink_new(void)
{
	struct netlink_ctx *c = xcalloc(1, sizeof(*c));
	struct stat st;
	int sk;

	c->home = -1;
	c->buf = xmalloc(NL_BUF_SIZE);
	/* The home netns as an fd, without naming /proc: any socket's namespace
	 * (SIOCGSKNS; it needs CAP_NET_ADMIN, without which setns fails anyway). */
	sk = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (sk >= 0) {
		c->home = ioctl(sk, SIOCGSKNS);
		close(sk);
	}
	if (c->home >= 0) {
		if (fstat(c->home, &st) < 0) {
			close(c->home);
			c->home = -1;
		} else {
			c->home_ino = st.st_ino;
		}
	}
	return c;
}

static void nl_close_all(struct nl_sock *k, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (k[i].nl)
			mnl_socket_close(k[i].nl);
}

void netlink_free(struct netlink_ctx *c)
{
	if (!c)
		return;
	nl_close_all(c->socks, c->nsocks);
	free(c->socks);
	if (c->home >= 0)
		close(c->home);
	free(c->buf);
	free(c);
}

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

/* Forget what an earlier try of dump d put into n. */
static void nl_reset(struct netns *n, enum netlink_dump d)
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

/* Index the attributes after a family header of hdrlen bytes into tb[0..max]. */
static int nl_attrs(const struct nlmsghdr *nlh, size_t hdrlen, const struct nlattr **tb,
		    unsigned max)
{
	struct nlattr *a;

	if (mnl_nlmsg_get_payload_len(nlh) < hdrlen)
		return -EBADMSG;
	mnl_attr_for_each(a, nlh, hdrlen) {
		if (mnl_attr_get_type(a) <= max)
			tb[mnl_attr_get_type(a)] = a;
	}
	return nl_walk_end(a, mnl_nlmsg_get_payload_tail(nlh));
}

static int nl_get_u32(const struct nlattr *a, uint32_t *ret)
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
	const void *tail = (const char *)mnl_attr_get_payload(nest) + mnl_attr_get_payload_len(nest);

	mnl_attr_for_each_nested(a, nest) {
		if (mnl_attr_get_type(a) == IFLA_INFO_KIND && !*ret_kind)
			*ret_kind = nl_get_str(a);
	}
	return nl_walk_end(a, tail);
}

static int nl_parse_link(struct netns *n, const struct nlmsghdr *nlh)
{
	const struct nlattr *tb[IFLA_MAX + 1] = { 0 };
	const struct ifinfomsg *ifm = mnl_nlmsg_get_payload(nlh);
	uint32_t v;
	int r;

	r = nl_attrs(nlh, sizeof(*ifm), tb, IFLA_MAX);
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
	if (tb[IFLA_MTU] && (r = nl_get_u32(tb[IFLA_MTU], &i->mtu)) < 0)
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
		if ((r = nl_get_u32(tb[IFLA_MASTER], &v)) < 0)
			return r;
		i->master = (int)v;
	}
	if (tb[IFLA_LINK]) {
		if ((r = nl_get_u32(tb[IFLA_LINK], &v)) < 0)
			return r;
		i->link = (int)v;
	}
	if (tb[IFLA_LINK_NETNSID]) {
		if ((r = nl_get_u32(tb[IFLA_LINK_NETNSID], &v)) < 0)
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

	r = nl_attrs(nlh, sizeof(*ifa), tb, IFA_MAX);
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

	r = nl_attrs(nlh, sizeof(struct rtgenmsg), tb, NETNSA_MAX);
	if (r < 0)
		return r;
	if (!tb[NETNSA_NSID])
		return 0;
	if ((r = nl_get_u32(tb[NETNSA_NSID], &v)) < 0)
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
	for (nlh = buf; mnl_nlmsg_ok(nlh, rem); nlh = mnl_nlmsg_next(nlh, &rem)) {
		if (nlh->nlmsg_flags & NLM_F_DUMP_INTR) {
			p->intr = true;
			nlh->nlmsg_flags &= ~NLM_F_DUMP_INTR;
		}
	}
	if (rem != 0)
		return -EBADMSG; /* a message cut short */

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

/* A request's sequence number; never 0, which would turn libmnl's check off. */
static unsigned nl_next_seq(struct netlink_ctx *c)
{
	if (++c->seq == 0)
		c->seq = 1;
	return c->seq;
}

/* Send one dump request of kind d on k and parse every reply into n, retrying
 * when the dump was interrupted by a change. */
static int nl_dump(struct netlink_ctx *c, struct nl_sock *k, struct netns *n, enum netlink_dump d)
{
	char req[MNL_SOCKET_BUFFER_SIZE < 256 ? MNL_SOCKET_BUFFER_SIZE : 256];
	int r = 0;

	for (int try = 0; try < NL_TRIES; try++) {
		struct nlmsghdr *nlh = mnl_nlmsg_put_header(req);
		struct netlink_parse p = { .dump = d, .net = n, .portid = k->portid };

		nl_reset(n, d);
		nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
		nlh->nlmsg_seq = p.seq = nl_next_seq(c);
		if (d == NETLINK_LINKS) {
			struct ifinfomsg *ifm = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifm));
			nlh->nlmsg_type = RTM_GETLINK;
			ifm->ifi_family = AF_UNSPEC;
			mnl_attr_put_u32(nlh, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
		} else if (d == NETLINK_ADDRS) {
			struct ifaddrmsg *ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));
			nlh->nlmsg_type = RTM_GETADDR;
			ifa->ifa_family = AF_UNSPEC;
		} else {
			struct rtgenmsg *g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
			nlh->nlmsg_type = RTM_GETNSID;
			g->rtgen_family = AF_UNSPEC;
		}
		if (mnl_socket_sendto(k->nl, nlh, nlh->nlmsg_len) < 0)
			return -errno;
		do {
			ssize_t got = mnl_socket_recvfrom(k->nl, c->buf, NL_BUF_SIZE);
			if (got < 0)
				return -errno;
			r = netlink_parse(&p, c->buf, (size_t)got);
		} while (r > 0);
		if (r < 0 || !p.intr)
			return r;
	}
	/* still changing after every try: keep the last complete dump */
	return 0;
}

/* A NETLINK_ROUTE socket inside the netns of fd. Sets *ret_fatal if the way
 * back home failed. */
static int nl_open(struct netlink_ctx *c, const struct netns_handle *h, struct nl_sock *ret,
		   int *ret_fatal)
{
	bool away = h->ino != c->home_ino;
	struct mnl_socket *nl;
	int r = 0;

	if (away) {
		if (c->home < 0)
			return -EPERM; /* no way back: do not leave */
		if (setns(h->fd, CLONE_NEWNET) < 0)
			return -errno;
	}
	nl = mnl_socket_open2(NETLINK_ROUTE, SOCK_CLOEXEC);
	if (!nl)
		r = -errno;
	if (away && setns(c->home, CLONE_NEWNET) < 0) {
		*ret_fatal = -errno;
		if (nl)
			mnl_socket_close(nl);
		return *ret_fatal;
	}
	if (r < 0)
		return r;
	if (mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		r = -errno;
		mnl_socket_close(nl);
		return r;
	}
	ret->ino = h->ino;
	ret->nl = nl;
	ret->portid = mnl_socket_get_portid(nl);
	return 0;
}

static int nl_cmp_sock(const void *a, const void *b)
{
	const struct nl_sock *x = a, *y = b;
	return x->ino < y->ino ? -1 : x->ino > y->ino;
}

static struct nl_sock *nl_find_sock(struct nl_sock *k, size_t n, uint64_t ino)
{
	struct nl_sock key = { .ino = ino };
	return n ? bsearch(&key, k, n, sizeof(key), nl_cmp_sock) : NULL;
}

static int nl_probe_one(struct netlink_ctx *c, struct nl_sock *k, struct netns *n)
{
	int r = nl_dump(c, k, n, NETLINK_LINKS);
	if (r >= 0)
		r = nl_dump(c, k, n, NETLINK_ADDRS);
	if (r >= 0)
		r = nl_dump(c, k, n, NETLINK_NSIDS);
	if (r < 0) {
		nl_free_links(n);
		nl_free_nsids(n);
	}
	return r;
}

static int nl_cb_getid(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[NETNSA_MAX + 1] = { 0 };
	uint32_t v;

	if (nlh->nlmsg_type != RTM_NEWNSID)
		return MNL_CB_OK;
	if (nl_attrs(nlh, sizeof(struct rtgenmsg), tb, NETNSA_MAX) < 0 || !tb[NETNSA_NSID] ||
	    nl_get_u32(tb[NETNSA_NSID], &v) < 0) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	*(int *)data = (int32_t)v;
	return MNL_CB_STOP;
}

/* The id that k's namespace has for the namespace of fd; -1 = none assigned. */
static int nl_get_id(struct netlink_ctx *c, struct nl_sock *k, int fd, int *ret)
{
	char req[128];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(req);
	struct rtgenmsg *g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	int id = -1, r;

	nlh->nlmsg_type = RTM_GETNSID;
	nlh->nlmsg_flags = NLM_F_REQUEST;
	nlh->nlmsg_seq = nl_next_seq(c);
	g->rtgen_family = AF_UNSPEC;
	mnl_attr_put_u32(nlh, NETNSA_FD, (uint32_t)fd);
	if (mnl_socket_sendto(k->nl, nlh, nlh->nlmsg_len) < 0)
		return -errno;
	do {
		ssize_t got = mnl_socket_recvfrom(k->nl, c->buf, NL_BUF_SIZE);
		if (got < 0)
			return -errno;
		r = mnl_cb_run(c->buf, (size_t)got, nlh->nlmsg_seq, k->portid, nl_cb_getid, &id);
		if (r < 0)
			return errno ? -errno : -EIO;
	} while (r > 0);
	*ret = id;
	return 0;
}

/* Map each nsid of every probed namespace to a namespace's inode, asking its
 * socket about the other namespaces' fds until all its ids are known. */
static void nl_resolve_nsids(struct netlink_ctx *c, struct snapshot *s,
			     const struct netns_handle *h, size_t nh)
{
	for (size_t i = 0; i < c->nsocks; i++) {
		struct nl_sock *k = &c->socks[i];
		struct netns *n = model_find_netns(s, k->ino);
		size_t left;

		if (!n || !n->nnsids)
			continue;
		left = n->nnsids;
		for (size_t j = 0; j < nh && left; j++) {
			struct nsid_map key, *m;
			int id = -1;

			if (nl_get_id(c, k, h[j].fd, &id) < 0)
				break;
			key.nsid = id;
			m = bsearch(&key, n->nsids, n->nnsids, sizeof(key), nl_cmp_nsid);
			if (id >= 0 && m && !m->netns) {
				m->netns = h[j].ino;
				left--;
			}
		}
	}
}

void netlink_resolve_peers(struct snapshot *s)
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
				struct nsid_map key = { .nsid = f->link_nsid }, *m;
				m = n->nnsids ? bsearch(&key, n->nsids, n->nnsids, sizeof(key),
							nl_cmp_nsid)
					      : NULL;
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

int netlink_probe(struct netlink_ctx *c, struct snapshot *s, const struct netns_handle *h, size_t n)
{
	struct nl_sock *next = xcalloc(n ? n : 1, sizeof(*next));
	size_t nnext = 0;
	int fatal = 0;

	if (!c->home_ino) {
		/* without SIOCGSKNS (no CAP_NET_ADMIN) only the own netns can be probed */
		const struct proc *me = model_find_proc(s, s->viewer_pid ? s->viewer_pid : getpid());
		c->home_ino = me ? me->ns[LINK_NET] : 0;
	}
	for (size_t i = 0; i < n && !fatal; i++) {
		struct netns *net = model_find_netns(s, h[i].ino);
		struct nl_sock k = { 0 }, *old;
		bool seen = false;
		int r;

		for (size_t j = 0; j < nnext; j++)
			seen |= next[j].ino == h[i].ino;
		if (!net || seen)
			continue;
		old = nl_find_sock(c->socks, c->nsocks, h[i].ino);
		if (old && old->nl) {
			k = *old;
			old->nl = NULL;
		} else {
			r = nl_open(c, &h[i], &k, &fatal);
			if (r < 0) {
				net->err = r;
				continue;
			}
		}
		r = nl_probe_one(c, &k, net);
		if (r < 0) {
			/* a failed dump may leave replies queued: start afresh next time */
			net->err = r;
			mnl_socket_close(k.nl);
			continue;
		}
		net->err = 0;
		next[nnext++] = k;
	}
	nl_close_all(c->socks, c->nsocks);
	free(c->socks);
	if (nnext)
		qsort(next, nnext, sizeof(*next), nl_cmp_sock);
	c->socks = next;
	c->nsocks = nnext;
	if (fatal)
		return fatal;
	nl_resolve_nsids(c, s, h, n);
	netlink_resolve_peers(s);
	return 0;
}
