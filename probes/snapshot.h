/*
 * snapshot: take one picture of every namespace on the machine.
 *
 * A context holds what lasts between snapshots: the root (the real /proc or a
 * --proc fixture tree, as a dirfd) and the netlink sockets kept per network
 * namespace. snapshot_take runs the probes in order (processes, threads, fds,
 * bind mounts, nsfs hierarchy, netlink), records what could not be read in the
 * snapshot's errors, links and sorts, and returns a snapshot the caller frees
 * with model_free.
 */
#ifndef NSVIEW_SNAPSHOT_H
#define NSVIEW_SNAPSHOT_H

#include <stdbool.h>

#include "src/model.h"

struct snapshot_opts {
	const char *proc_root; /* NULL: the real /proc */
	bool no_net;           /* skip the netlink probe */
	bool resources;        /* live: also read state, memory and CPU time (libproc2); the
				* batch outputs show none of them and skip that read per process */
};

struct snapshot_ctx;

/* Open the root; -errno (e.g. -ENOENT, -EACCES, -ENOTDIR) if it cannot be read as a /proc tree. */
int snapshot_open(const struct snapshot_opts *o, struct snapshot_ctx **ret);
/* Take a snapshot; -errno only when nothing could be read at all. */
int snapshot_take(struct snapshot_ctx *c, struct snapshot **ret);
/* Close the root and every kept socket; NULL is a no-op. */
void snapshot_close(struct snapshot_ctx *c);

#endif
