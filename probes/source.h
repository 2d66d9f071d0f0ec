/*
 * source: the root every probe reads from, as a directory fd: the real /proc,
 * or a --proc fixture tree of plain files and symlinks laid out the same way.
 * It alone names "/proc", and it decides whether the root is live (the real
 * procfs, where ioctls, fd stat, pidfds and netlink make sense).
 */
#ifndef NSVIEW_SOURCE_H
#define NSVIEW_SOURCE_H

#include <stdbool.h>
#include <sys/types.h>

struct source {
	int root;      /* O_PATH|O_DIRECTORY fd of the root */
	bool live;     /* the root is a procfs mount */
	dev_t nsfs_dev; /* live: the device of nsfs files (0 if unknown) */
};

/* Open dir (NULL: the real /proc) as the root; -errno if it is missing, unreadable
 * or not a directory. */
int source_open(const char *dir, struct source *ret);
/* Close the root; a source already closed (root < 0) is a no-op. */
void source_close(struct source *s);
/* The path a root-relative path stands for, for error reports ("/proc/77/ns/net"):
 * fixtures stand in for /proc, so reports read the same for both. Caller frees. */
char *source_report_path(const char *rel);

#endif
