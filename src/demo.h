/*
 * demo: clone() demo children with chosen CLONE_NEW* flags, each reporting what
 * it sees of itself (pid, ppid, uid, hostname, interfaces, visible processes,
 * namespace inodes) beside what the parent sees of it. Used by --demo and by
 * the TUI's spawn action. Children die with nsview (PR_SET_PDEATHSIG).
 */
#ifndef NSVIEW_DEMO_H
#define NSVIEW_DEMO_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "src/model.h"

#define DEMO_MAX_IFACES 8

/* What the child reports of itself over its pipe. */
struct demo_inside {
	pid_t pid, ppid;
	uid_t uid;
	char hostname[65];
	struct {
		char name[16];
		bool up;
	} ifaces[DEMO_MAX_IFACES];
	int nifaces;
	int nprocs_visible;        /* entries in the /proc the child sees */
	bool own_proc;             /* it mounted a private /proc (pid + mnt) */
	uint64_t ns[NS_TYPE_MAX];  /* its namespace inodes */
	long time_offset;          /* seconds it added to CLOCK_MONOTONIC and CLOCK_BOOTTIME */
	long boottime;             /* CLOCK_BOOTTIME in seconds as the child reads it */
	char veth_addr[20];        /* its end's address ("169.254.x.y/30"), "" if no veth */
};

/* What nsview sees of the child from outside. */
struct demo_outside {
	pid_t pid;                 /* in nsview's PID namespace */
	pid_t nspid[NSPID_MAX];    /* NSpid, outermost first */
	int nnspid;
	uint64_t ns[NS_TYPE_MAX];
	char veth[16];             /* nsview's end of the veth pair, "" if none */
	pid_t ppid;                /* nsview itself */
	uid_t uid;                 /* the child's uid as nsview sees it */
	char veth_peer[16];        /* the child's end of the veth pair, "" if none */
	char veth_addr[20];        /* nsview's end's address, "" if none */
};

struct demo_child;

/* Parse a comma list of pid,net,uts,ipc,mnt,user,cgroup,time (or "none") into CLONE_NEW*
 * flags; -EINVAL with *culprit (static or pointing into list) naming what is wrong. */
int demo_parse_flags(const char *list, unsigned long *ret_flags, const char **culprit);
/* Comma list of the names of flags ("pid,net,uts"), or "none"; a new string. */
char *demo_flags_str(unsigned long flags);
/* The CLONE_NEW* flag of namespace type t (CLONE_NEWNS for mnt); 0 for an invalid t. */
unsigned long demo_type_flag(enum ns_type t);
/* Inode of /proc/WHO/ns/TYPE (WHO a pid or "self") for every type; 0 where unreadable. */
void demo_read_ns(const char *who, uint64_t ns[NS_TYPE_MAX]);
/* How many processes the caller's /proc shows (its numeric entries); -errno if unreadable. */
int demo_count_procs(void);
/* Spawn a child with flags (and a veth pair to nsview when veth and CLONE_NEWNET); it
 * reports, then waits until killed. -errno on failure, with *why a static reason. */
int demo_spawn(unsigned long flags, bool veth, struct demo_child **ret, const char **why);
const struct demo_inside *demo_inside(const struct demo_child *c);
const struct demo_outside *demo_outside(const struct demo_child *c);
unsigned long demo_flags(const struct demo_child *c);
/* The spawned child with host pid `pid`, or NULL if nsview did not spawn it. */
struct demo_child *demo_find(pid_t pid);
struct ifaddrs;
struct in_addr;
/* The addresses of a new veth pair (nsview's end .1, the child's .2 of a link-local /30):
 * the first /30 from one derived from pid that holds none of the addresses in ifa (as from
 * getifaddrs), never in 169.254.0/24, 169.254.169/24 (cloud metadata) or 169.254.255/24;
 * -EADDRINUSE if none is free. */
int demo_veth_subnet(pid_t pid, const struct ifaddrs *ifa, struct in_addr *ret_out,
		     struct in_addr *ret_in);
/* Kill, reap and free one child (and its veth); NULL is a no-op. */
void demo_kill(struct demo_child *c);
/* Kill and reap every child still alive (on quit and on fatal signals' way out). */
void demo_kill_all(void);
struct demo_cli_opts {
	bool json;
	bool veth;  /* --veth: a veth pair to the child (needs net) */
	bool hold;  /* --hold: keep the child until stdin ends or a signal, then reap it */
};
/* --demo: spawn one child, write both views to out (text, or JSON), keep it while --hold
 * asks, then reap it. -errno with *why a static name of the step that failed. */
int demo_cli_run(unsigned long flags, const struct demo_cli_opts *o, FILE *out, const char **why);

#endif
