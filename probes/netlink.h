/*
 * netlink: interfaces, addresses and namespace ids of network namespaces over
 * rtnetlink (libmnl). One NETLINK_ROUTE socket per network namespace, created
 * inside it (setns there and straight back home) and kept in a context for
 * later snapshots. The parsers (netlink_parse.h) take any buffer, so tests need no socket.
 */
#ifndef NSVIEW_NETLINK_H
#define NSVIEW_NETLINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "probes/netlink_parse.h"
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
int netlink_probe(struct netlink_ctx *c, struct snapshot *s, const struct netns_handle *h,
		  size_t n);

#endif
