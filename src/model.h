/*
 * model: the data of one snapshot of the machine's namespaces.
 *
 * A snapshot owns everything it points to: sorted arrays of namespaces
 * (by type, then inode), processes (by pid) and network namespaces (by
 * inode), plus the list of what could not be read. Strings from the system
 * (comm, argv, names) are kept raw here; they are made safe only where they
 * leave the program (util_sanitize for text, the JSON string writer).
 * This module uses libc only: probes fill a snapshot, outputs and the UI read it.
 */
#ifndef NSVIEW_MODEL_H
#define NSVIEW_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* The eight namespace types, in the order they are listed everywhere. */
enum ns_type { NS_CGROUP, NS_IPC, NS_MNT, NS_NET, NS_PID, NS_TIME, NS_USER, NS_UTS, NS_TYPE_MAX };

/* The ten links in /proc/PID/ns, in JSON key order. */
enum ns_link {
	LINK_CGROUP,
	LINK_IPC,
	LINK_MNT,
	LINK_NET,
	LINK_PID,
	LINK_PID_FOR_CHILDREN,
	LINK_TIME,
	LINK_TIME_FOR_CHILDREN,
	LINK_USER,
	LINK_UTS,
	NS_LINK_MAX
};

/* How a namespace was found alive ("held_by" in JSON); a bit set. */
enum ns_held {
	HELD_PROCESS = 1 << 0, /* a process is in it (or pid/time_for_children) */
	HELD_TASK = 1 << 1,    /* only a non-leader thread is in it */
	HELD_FD = 1 << 2,      /* an open nsfs file descriptor */
	HELD_SOCKET = 1 << 3,  /* a socket's network namespace */
	HELD_BIND = 1 << 4,    /* an nsfs bind mount */
	HELD_PARENT = 1 << 5,  /* only as the parent or owner of another namespace */
};
#define HELD_COUNT 6

#define NSPID_MAX 40 /* pid namespaces nest at most 32 deep */

struct ns_fd {
	pid_t pid;
	int fd;
};

struct ns {
	enum ns_type type;
	uint64_t ino;
	uint64_t parent;    /* pid/user: parent namespace inode; 0 = none or unknown */
	uint64_t owner;     /* owning user namespace; 0 = none (initial user ns) or unknown */
	int64_t owner_uid;  /* user: creator's uid; -1 = not applicable or unknown */
	int level;          /* pid/user: depth below the initial one; -1 = not applicable */
	unsigned held;      /* enum ns_held bits */
	unsigned nprocs;    /* processes whose ns/TYPE link is this namespace */
	pid_t init_pid;     /* pid: host-view pid of its PID 1; 0 = none seen */
	bool initial;       /* the host's namespace of this type */
	char *name;         /* label or NULL: netns name, hostname, container */
	char **binds;       /* nsfs bind mount paths */
	size_t nbinds;
	struct ns_fd *fds;  /* open fds (nsfs or socket) that hold it */
	size_t nfds;
};

struct proc {
	pid_t pid, ppid;
	uid_t uid;
	char comm[64];
	char **argv; /* NULL-terminated; argv[0] may be NULL (kernel thread) */
	size_t argc;
	pid_t nspid[NSPID_MAX]; /* outermost (the snapshot's view) to innermost */
	int nnspid;
	uint64_t ns[NS_LINK_MAX]; /* inodes; 0 = unreadable */
	char *ctr_runtime;        /* container label from /proc/PID/cgroup, or NULL */
	char *ctr_id;
	char *cgroup;             /* the unified (or first) cgroup path, or NULL */
	/* identity and resource fields a viewer shows (live only; 0 in fixtures) */
	char state;               /* R, S, D, Z, ... or 0 */
	uint64_t rss_kib;
	uint64_t cpu_ticks;       /* utime + stime */
	uint64_t start_ticks;     /* since boot */
};

struct addr {
	int family;      /* AF_INET or AF_INET6 */
	uint8_t prefix;
	uint8_t bytes[16];
};

struct peer {
	uint64_t netns;  /* inode of the peer's netns; 0 = unresolved */
	int ifindex;
	char *name;      /* NULL when unresolved */
};

struct iface {
	int ifindex;
	char *name;
	char *kind;            /* IFLA_INFO_KIND, "loopback" for lo, or NULL */
	unsigned flags;        /* IFF_* */
	uint8_t operstate;     /* IF_OPER_* */
	unsigned mtu;
	uint8_t mac[32];
	size_t maclen;         /* 0 = none */
	int master;            /* ifindex of the master, 0 = none */
	int link;              /* IFLA_LINK, 0 = none */
	int link_nsid;         /* IFLA_LINK_NETNSID, -1 = none (same netns) */
	struct addr *addrs;
	size_t naddrs;
	bool has_peer;         /* a veth: peer below is meaningful */
	struct peer peer;
};

struct nsid_map {
	int nsid;
	uint64_t netns; /* 0 = unresolved */
};

struct netns {
	uint64_t ino;
	char **names;   /* ip-netns names (bind mounts under /run/netns), docker netns files */
	size_t nnames;
	unsigned nprocs;
	struct iface *ifs; /* sorted by ifindex */
	size_t nifs;
	struct nsid_map *nsids;
	size_t nnsids;
	int err;        /* 0, or -errno if it could not be probed */
};

struct probe_err {
	char *path;
	int err; /* positive errno */
};

struct snapshot {
	char kernel[65];
	pid_t viewer_pid;
	uid_t viewer_euid;
	bool live;          /* read from the real /proc (ioctls and netlink possible) */
	struct ns *ns;      /* sorted by type, then inode */
	size_t nns;
	struct proc *procs; /* sorted by pid */
	size_t nprocs;
	struct netns *nets; /* sorted by inode */
	size_t nnets;
	struct probe_err *errs;
	size_t nerrs;
};

/* Name of a type ("net"); NULL for an out-of-range value. */
const char *model_type_name(enum ns_type t);
/* Type for a name ("net"); -1 if there is none. */
int model_type_parse(const char *name, size_t len);
/* Name of a /proc/PID/ns link ("pid_for_children"). */
const char *model_link_name(enum ns_link l);
/* The namespace type a link refers to. */
enum ns_type model_link_type(enum ns_link l);
/* Name of a held_by bit ("bind"); bit is one of enum ns_held. */
const char *model_held_name(unsigned bit);
/* Inode of the kernel's fixed initial namespace of type t (Linux >= 6.x). */
uint64_t model_initial_ino(enum ns_type t);

/* A new, empty snapshot. */
struct snapshot *model_new(void);
/* Free a snapshot and all it owns; NULL is a no-op. */
void model_free(struct snapshot *s);

/* Free what a process owns (argv, container label, cgroup) and zero it. */
void model_proc_clear(struct proc *p);

/* Append (unsorted) elements; each returns the new element, zeroed but for keys. */
struct ns *model_add_ns(struct snapshot *s, enum ns_type t, uint64_t ino);
struct proc *model_add_proc(struct snapshot *s, pid_t pid);
struct netns *model_add_netns(struct snapshot *s, uint64_t ino);
void model_add_err(struct snapshot *s, const char *path, int err);

/* Sort every array so the lookups below work; call after the last add. */
void model_sort(struct snapshot *s);
/* Derive nprocs, level, init_pid and netns nprocs from what was added; sorts first. */
void model_link(struct snapshot *s);

/* Lookups by key on a sorted snapshot; NULL when absent. */
struct ns *model_find_ns(const struct snapshot *s, enum ns_type t, uint64_t ino);
struct proc *model_find_proc(const struct snapshot *s, pid_t pid);
struct netns *model_find_netns(const struct snapshot *s, uint64_t ino);
struct iface *model_find_iface(const struct netns *n, int ifindex);

/* What to call a network namespace: its name (ip-netns name, container label or the
 * hostname of a container in it), "host" for the initial one; NULL when it has none. */
const char *model_net_label(const struct snapshot *s, uint64_t ino);

/* Position of PID namespace `pidns` in p's NSpid chain (0 = outermost); -1 if p cannot be
 * seen from it. Needs the namespace levels (model_link). */
int model_pid_index(const struct snapshot *s, const struct proc *p, uint64_t pidns);
/* p's pid as seen from PID namespace pidns, or 0 if it is invisible there. */
pid_t model_pid_in(const struct snapshot *s, const struct proc *p, uint64_t pidns);

#endif
