/*
 * netlink_veth: the veth pair that joins a demo child's network namespace to
 * nsview's, made over rtnetlink (libmnl) with no helper program: create the
 * pair with one end in another process's namespace, give an end an IPv4
 * address and bring it up, delete a link. Each call opens its own NETLINK_ROUTE
 * socket in the caller's current network namespace and closes it again.
 */
#ifndef NSVIEW_NETLINK_VETH_H
#define NSVIEW_NETLINK_VETH_H

#include <netinet/in.h>
#include <sys/types.h>

/* Create a veth pair: `name` here, `peer` in the network namespace of process peer_pid. */
int netlink_veth_create(const char *name, const char *peer, pid_t peer_pid);
/* Give the link `name` (in the caller's netns) the address addr/prefix and bring it up. */
int netlink_veth_up(const char *name, struct in_addr addr, unsigned prefix);
/* Delete the link `name` (with a veth, both ends go); -ENODEV when there is none. */
int netlink_veth_delete(const char *name);

#endif
