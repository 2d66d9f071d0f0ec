/*
 * nsfs: what only the kernel's namespace files know: a namespace's parent
 * (pid, user), its owning user namespace and a user namespace's creator uid,
 * through NS_GET_PARENT / NS_GET_USERNS / NS_GET_OWNER_UID on a live root, or
 * from the sidecar file at a fixture's root, which answers the same questions
 * (plus hostnames, kernel and viewer) so everything downstream is the same.
 * Also the other nsfs and pidfd calls the probes need: the type of an nsfs fd,
 * a socket's network namespace, and a uts namespace's hostname.
 */
#ifndef NSVIEW_NSFS_H
#define NSVIEW_NSFS_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "src/model.h"

/* The answers for one namespace. */
struct nsfs_info {
	uint64_t parent;   /* 0: none or unknown */
	uint64_t owner;    /* 0: none (initial user namespace) or unknown */
	int64_t owner_uid; /* user namespaces; -1 otherwise */
	int parent_fd;     /* live: an open fd of the parent, else -1 (the caller closes it) */
	int owner_fd;      /* live: an open fd of the owner, else -1 (the caller closes it) */
};

/* Live: ask the kernel about the namespace of type t open at fd. A question it
 * refuses (EPERM for the initial namespaces, EINVAL where it makes no sense) leaves
 * that answer at "none", so there is no failure to return. */
void nsfs_query(int fd, enum ns_type t, struct nsfs_info *ret);
/* The namespace type of an nsfs fd (NS_GET_NSTYPE), or -errno. */
int nsfs_type_of(int fd);
/* Live: the network namespace of socket fd of process pid (pidfd_getfd +
 * SIOCGSKNS), as an open fd in ret_fd; -errno. */
int nsfs_socket_netns(pid_t pid, int fd, int *ret_fd);
/*
 * Live: the hostname of the uts namespace at fd: setns there, uname(), setns
 * back to home_fd. -errno if it could not be entered (not fatal); if the
 * return home failed, *ret_fatal is set and the process is in the wrong
 * namespace: the caller must give up.
 */
int nsfs_uts_hostname(int fd, int home_fd, char **ret_name, bool *ret_fatal);

/* One namespace of a fixture's sidecar file. */
struct nsfs_entry {
	enum ns_type type;
	uint64_t ino, parent, owner;
	int64_t owner_uid;
	char *name; /* hostname of a uts namespace, or NULL */
};

/* A fixture's sidecar file (named "nsfs" at the root; format in tests/fixtures/README). */
struct nsfs_sidecar {
	struct nsfs_entry *e; /* sorted by type, then inode */
	size_t n;
	char kernel[65];      /* "" if not given */
	bool has_viewer;
	pid_t viewer_pid;
	uid_t viewer_euid;
};

/* Load the sidecar at root; -ENOENT if there is none, -EINVAL (with the line
 * number in *ret_line) if it is malformed. */
int nsfs_sidecar_load(int root, struct nsfs_sidecar **ret, int *ret_line);
/* Parse a sidecar text (buf is modified, and its last line is ended with a NUL at
 * buf[n], which must be writable, as procfs_read_file leaves it); as nsfs_sidecar_load. */
int nsfs_sidecar_parse(char *buf, size_t n, struct nsfs_sidecar **ret, int *ret_line);
/* The entry for a namespace, or NULL. */
const struct nsfs_entry *nsfs_sidecar_find(const struct nsfs_sidecar *sc, enum ns_type t,
					   uint64_t ino);
/* NULL is a no-op. */
void nsfs_sidecar_free(struct nsfs_sidecar *sc);

#endif
