/*
 * netlink: interfaces, addresses and namespace ids of network namespaces over
 * rtnetlink (libmnl). One NETLINK_ROUTE socket per network namespace, created
 * inside it (setns there and straight back home) and kept in a context for
 * later snapshots. The parsers take any buffer, so tests need no socket.
 */
#ifndef NSVIEW_NETLINK_H
#define NSVIEW_NETLINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "src/model.h"

/* An open fd of a network namespace to probe, and its inode. */
struct netns_handle {
	uint64_t ino;
	int fd;
};

struct netlink_ctx;

/* A context that keeps one socket per network namespace between snapshots. */
struct netlink_ctx *netlink_new(void);
/* Close every socket; NULL is a no-op. */
void netlink_free(struct netlink_ctx *c);

/*
 * Fill in the interfaces, addresses and nsids of every netns in s that has a
 * handle (s->nets must exist for them and be sorted), then resolve veth peers
 * across all of them. A namespace that cannot be probed gets err set. Returns
 * -errno only for a fatal failure (this process could not return to its own
 * network namespace).
 */
int netlink_probe(struct netlink_ctx *c, struct snapshot *s, const struct netns_handle *h, size_t n);

/* Which dump a buffer of replies answers. */
enum netlink_dump { NETLINK_LINKS, NETLINK_ADDRS, NETLINK_NSIDS };

/* The state of one dump being parsed, buffer by buffer, into one network namespace. */
struct netlink_parse {
	enum netlink_dump dump;
	struct netns *net;    /* links go to net->ifs, addresses to its interfaces, ids to nsids */
	unsigned seq, portid; /* replies must match these; 0 = not checked */
	bool intr;            /* a reply carried NLM_F_DUMP_INTR: the dump is inconsistent */
};

/*
 * Parse one buffer of a dump's replies (as read from the socket, or built by a
 * test) into p->net. Returns 1 when more replies are to come, 0 after
 * NLMSG_DONE, the -errno of an error reply (also one carried in NLMSG_DONE's
 * payload), or -EBADMSG for a malformed message or attribute. Interfaces are
 * sorted by ifindex when the link dump is done; addresses need them sorted.
 * The buffer is modified (the NLM_F_DUMP_INTR flags are taken out of it).
 */
int netlink_parse(struct netlink_parse *p, void *buf, size_t len);

/*
 * Fill in the peer of every veth in s from what the dumps gave: IFLA_LINK and
 * IFLA_LINK_NETNSID, mapped to a namespace by that namespace's nsids (whose
 * netns fields must already be resolved). A peer in a namespace no probe
 * answered for keeps netns 0 and no name.
 */
void netlink_resolve_peers(struct snapshot *s);

#endif
