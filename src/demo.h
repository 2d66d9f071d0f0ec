/*
 * demo: clone() demo children with chosen CLONE_NEW* flags, each reporting what
 * it sees of itself (pid, ppid, uid, hostname, interfaces, visible processes,
 * namespace inodes) beside what the parent sees of it. Used by --demo and by
 * the TUI's spawn action.
 */
#ifndef NSVIEW_DEMO_H
#define NSVIEW_DEMO_H

#include <stdbool.h>
#include <stdio.h>

/* Parse a comma list of pid,net,uts,ipc,mnt,user,cgroup,time (or "none") into CLONE_NEW*
 * flags; -EINVAL with *culprit (static or pointing into list) naming what is wrong. */
int demo_parse_flags(const char *list, unsigned long *ret_flags, const char **culprit);
/* --demo: spawn one child, print both views (text, or JSON), reap it. Returns an exit status. */
int demo_cli(unsigned long flags, bool json, FILE *out);

#endif
