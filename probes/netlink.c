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
#include <sched.h>
#include <stdlib.h>
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
	/* what this namespace's nsids stood for at the last refresh: one query confirms
	 * each, instead of asking about every namespace again */
	struct nsid_map *known;
	size_t nknown;
};

struct netlink_ctx {
	int home;	       /* fd of this process's own netns; -1 if it could not be had */
	uint64_t home_ino;     /* its inode; 0 = unknown */
	struct nl_sock *socks; /* sorted by ino */
	size_t nsocks;
	unsigned seq;
	char *buf;
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
	for (size_t i = 0; i < n; i++) {
		if (k[i].nl)
			mnl_socket_close(k[i].nl);
		free(k[i].known);
	}
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

/* A request's sequence number; never 0, which would turn libmnl's check off. */
static unsigned nl_next_seq(struct netlink_ctx *c)
{
	if (++c->seq == 0)
		c->seq = 1;
	return c->seq;
}

/* Send the request nlh on k and hand each reply buffer to parse, until it says the
 * answer is complete (0) or wrong (-errno). */
static int nl_request(struct netlink_ctx *c, struct nl_sock *k, const struct nlmsghdr *nlh,
		      int (*parse)(void *arg, void *buf, size_t len), void *arg)
{
	int r;

	if (mnl_socket_sendto(k->nl, nlh, nlh->nlmsg_len) < 0)
		return -errno;
	do {
		ssize_t got = mnl_socket_recvfrom(k->nl, c->buf, NL_BUF_SIZE);
		if (got < 0)
			return -errno;
		r = parse(arg, c->buf, (size_t)got);
	} while (r > 0);
	return r;
}

static int nl_parse_dump(void *arg, void *buf, size_t len)
{
	return netlink_parse(arg, buf, len);
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

		netlink_parse_reset(n, d);
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
		r = nl_request(c, k, nlh, nl_parse_dump, &p);
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
		netlink_parse_reset(n, NETLINK_LINKS);
		netlink_parse_reset(n, NETLINK_NSIDS);
	}
	return r;
}

static int nl_cb_getid(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[NETNSA_MAX + 1] = { 0 };
	uint32_t v;

	if (nlh->nlmsg_type != RTM_NEWNSID)
		return MNL_CB_OK;
	if (netlink_parse_attrs(nlh, sizeof(struct rtgenmsg), tb, NETNSA_MAX) < 0 ||
	    !tb[NETNSA_NSID] || netlink_parse_u32(tb[NETNSA_NSID], &v) < 0) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	*(int *)data = (int32_t)v;
	return MNL_CB_STOP;
}

struct nl_getid {
	unsigned seq, portid;
	int id;
};

static int nl_parse_getid(void *arg, void *buf, size_t len)
{
	struct nl_getid *q = arg;
	int r = mnl_cb_run(buf, len, q->seq, q->portid, nl_cb_getid, &q->id);
	if (r < 0)
		return errno ? -errno : -EIO;
	return r;
}

/* The id that k's namespace has for the namespace of fd; -1 = none assigned. */
static int nl_get_id(struct netlink_ctx *c, struct nl_sock *k, int fd, int *ret)
{
	char req[128];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(req);
	struct rtgenmsg *g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	struct nl_getid q = { .portid = k->portid, .id = -1 };
	int r;

	nlh->nlmsg_type = RTM_GETNSID;
	nlh->nlmsg_flags = NLM_F_REQUEST;
	nlh->nlmsg_seq = q.seq = nl_next_seq(c);
	g->rtgen_family = AF_UNSPEC;
	mnl_attr_put_u32(nlh, NETNSA_FD, (uint32_t)fd);
	r = nl_request(c, k, nlh, nl_parse_getid, &q);
	if (r < 0)
		return r;
	*ret = q.id;
	return 0;
}

/* The handle of namespace ino, or NULL. */
static const struct netns_handle *nl_find_handle(const struct netns_handle *h, size_t nh,
						 uint64_t ino)
{
	for (size_t j = 0; j < nh; j++)
		if (h[j].ino == ino)
			return &h[j];
	return NULL;
}

/* Whether namespace y has a veth that is x's mirror image (its ifindex is x's link
 * and its link is x's ifindex, in another namespace): the likely home of x's peer.
 * ifindexes repeat across namespaces, so a query must confirm it. */
static bool nl_mirrors(const struct netns *y, const struct iface *x)
{
	const struct iface *g = model_find_iface(y, x->link);
	return g && g->link == x->ifindex && g->link_nsid >= 0;
}

/* Record that nsid stands for namespace ino, if nsid is one of n's and still open. */
static bool nl_settle(struct netns *n, int nsid, uint64_t ino)
{
	struct nsid_map *m = nsid >= 0 ? netlink_parse_find_nsid(n, nsid) : NULL;
	if (!m || m->netns)
		return false;
	m->netns = ino;
	return true;
}

/* Map each nsid of every probed namespace to a namespace's inode. What the last
 * refresh found is confirmed with one query each (an nsid stays with its namespace
 * while both live, but a new namespace may get a freed id); the rest are found by
 * asking about the other namespaces' fds until all the ids are known. */
static void nl_resolve_nsids(struct netlink_ctx *c, struct snapshot *s,
			     const struct netns_handle *h, size_t nh)
{
	for (size_t i = 0; i < c->nsocks; i++) {
		struct nl_sock *k = &c->socks[i];
		struct netns *n = model_find_netns(s, k->ino);
		size_t left;
		int id;

		if (!n || !n->nnsids) {
			k->nknown = 0;
			continue;
		}
		left = n->nnsids;
		for (size_t j = 0; j < k->nknown && left; j++) {
			const struct netns_handle *hj = nl_find_handle(h, nh, k->known[j].netns);
			if (hj && nl_get_id(c, k, hj->fd, &id) == 0 && nl_settle(n, id, hj->ino))
				left--;
		}
		/* a veth's peer is most likely where a veth points back at it: ask there */
		for (size_t f = 0; f < n->nifs && left; f++) {
			const struct iface *x = &n->ifs[f];
			const struct nsid_map *m = x->link_nsid >= 0 ?
							   netlink_parse_find_nsid(n, x->link_nsid) :
							   NULL;
			if (!m || m->netns || !x->link)
				continue;
			for (size_t y = 0; y < s->nnets; y++) {
				const struct netns_handle *hy;
				if (&s->nets[y] == n || !nl_mirrors(&s->nets[y], x))
					continue;
				hy = nl_find_handle(h, nh, s->nets[y].ino);
				if (hy && nl_get_id(c, k, hy->fd, &id) == 0 &&
				    nl_settle(n, id, hy->ino)) {
					left--;
					if (m->netns)
						break;
				}
			}
		}
		/* then nsview's own namespace: most other ids lead back to the host */
		const struct netns_handle *home = nl_find_handle(h, nh, c->home_ino);
		if (home && left && nl_get_id(c, k, home->fd, &id) == 0 && nl_settle(n, id, home->ino))
			left--;
		for (size_t j = 0; j < nh && left; j++) {
			if (&h[j] == home)
				continue;
			if (nl_get_id(c, k, h[j].fd, &id) < 0)
				break;
			if (nl_settle(n, id, h[j].ino))
				left--;
		}
		k->known = xrealloc(k->known, n->nnsids * sizeof(*k->known));
		k->nknown = 0;
		for (size_t j = 0; j < n->nnsids; j++)
			if (n->nsids[j].netns)
				k->known[k->nknown++] = n->nsids[j];
	}
}

int netlink_probe(struct netlink_ctx *c, struct snapshot *s, const struct netns_handle *h, size_t n)
{
	struct nl_sock *next = xcalloc(n ? n : 1, sizeof(*next));
	size_t nnext = 0;
	int fatal = 0;

	if (!c->home_ino) {
		/* without SIOCGSKNS (no CAP_NET_ADMIN) only the own netns can be probed */
		const struct proc *me =
		    model_find_proc(s, s->viewer_pid ? s->viewer_pid : getpid());
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
			old->known = NULL;
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
			free(k.known);
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
	netlink_parse_peers(s);
	return 0;
}
