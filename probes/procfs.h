/*
 * procfs: readers and parsers of the per-process files of a /proc tree:
 * status (Name, PPid, Uid, NSpid, Threads), cmdline, cgroup (turned into a
 * container label), the ns links, the fd links and mountinfo's nsfs
 * mounts. Readers work relative to directory fds, so the same code reads the
 * live /proc and a fixture tree; parsers take any buffer, so tests need neither.
 */
#ifndef NSVIEW_PROCFS_H
#define NSVIEW_PROCFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "src/model.h"
#include "src/util.h"

/* Read all of dirfd/path into sb (replacing what it held, NUL-terminated); -errno.
 * whole: the file is produced in one piece, so a short read is its end. */
int procfs_read_file(int dirfd, const char *path, struct strbuf *sb, bool whole);

/* Parse a namespace link text "net:[4026531840]"; returns its type, or -EINVAL. */
int procfs_parse_ns_link(const char *s, size_t n, uint64_t *ret_ino);

/*
 * Read the ten links of the ns directory at dirfd/sub ("ns" of a process,
 * "task/TID/ns" of a thread). Each link gets its inode in ret_ino (0 where
 * unreadable) and its result in ret_err (0 or -errno). Returns -errno if the
 * directory itself cannot be opened, else 0.
 */
int procfs_read_ns(int dirfd, const char *sub, uint64_t ret_ino[NS_LINK_MAX],
		   int ret_err[NS_LINK_MAX]);

/* Parse status into p (comm, ppid, uid, nspid); ret_threads gets Threads (1 if absent).
 * -EINVAL without a Name, or with more NSpid levels than NSPID_MAX. */
int procfs_parse_status(const char *buf, size_t n, struct proc *p, unsigned *ret_threads);
/* Parse cmdline (NUL-separated) into p->argv and p->argc. */
void procfs_parse_cmdline(const char *buf, size_t n, struct proc *p);
/* Parse /proc/PID/cgroup into p->cgroup and, for a container, p->ctr_runtime and p->ctr_id. */
void procfs_parse_cgroup(const char *buf, size_t n, struct proc *p);

/* One nsfs mount of a mountinfo: its namespace and its (unescaped) mount point. */
typedef void (*procfs_bind_fn)(void *arg, enum ns_type t, uint64_t ino, const char *path);
/* Call fn for every nsfs mount in a mountinfo text (buf[0..n) is modified); returns how many. */
int procfs_parse_mountinfo(char *buf, size_t n, procfs_bind_fn fn, void *arg);

/* One fd of a process: the fd directory, the fd and its link text (NUL-terminated). */
typedef void (*procfs_fd_fn)(void *arg, int fddir, int fd, const char *text, size_t len);
/* Call fn for every fd in dirfd/"fd"; -errno if the directory cannot be read. */
int procfs_read_fds(int dirfd, procfs_fd_fn fn, void *arg);

/* Call fn for every numeric entry of the directory dirfd/sub (pids, tids); -errno. */
int procfs_list_numeric(int dirfd, const char *sub, void (*fn)(void *arg, pid_t id), void *arg);

#endif
