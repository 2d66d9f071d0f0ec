/*
 * netlink_parse: the rtnetlink replies of the link, address and nsid dumps,
 * parsed from any buffer into a network namespace of the model, and veth
 * peers resolved across a snapshot from what those dumps gave.
 */
#ifndef NSVIEW_NETLINK_PARSE_H
#define NSVIEW_NETLINK_PARSE_H

#include <linux/netlink.h>
#include <stdbool.h>
#include <stddef.h>

#include "src/model.h"

/* Which dump a buffer of replies answers. */
enum netlink_dump { NETLINK_LINKS, NETLINK_ADDRS, NETLINK_NSIDS };

/* The state of one dump being parsed, buffer by buffer, into one network namespace. */
struct netlink_parse {
	enum netlink_dump dump;
	struct netns *net;    /* links go to net->ifs, addresses to its interfaces, ids to nsids */
	unsigned seq, portid; /* replies must match these; 0 = not checked */
	bool intr;	      /* a reply carried NLM_F_DUMP_INTR: the dump is inconsistent */
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
void netlink_parse_peers(struct snapshot *s);

/* Forget what an earlier try of dump d put into n (links take their addresses along). */
void netlink_parse_reset(struct netns *n, enum netlink_dump d);
/* Index the attributes after a family header of hdrlen bytes into tb[0..max];
 * -EBADMSG if the message is too short or an attribute overruns it. */
int netlink_parse_attrs(const struct nlmsghdr *nlh, size_t hdrlen, const struct nlattr **tb,
			unsigned max);
/* A 32-bit attribute's value; -EBADMSG if it is not 4 bytes. */
int netlink_parse_u32(const struct nlattr *a, uint32_t *ret);
/* The entry for nsid in n's sorted nsids; NULL if there is none. */
struct nsid_map *netlink_parse_find_nsid(const struct netns *n, int nsid);

#endif
