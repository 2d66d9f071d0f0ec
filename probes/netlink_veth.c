/*
 * netlink_veth: RTM_NEWLINK (kind veth, peer in another netns by IFLA_NET_NS_PID),
 * RTM_NEWADDR and RTM_DELLINK requests, each acknowledged before returning.
 */
#include "probes/netlink_veth.h"

#include <errno.h>
#include <libmnl/libmnl.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <net/if.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* Send one request with NLM_F_ACK and wait for its acknowledgement: 0 or -errno. */
static int veth_request(struct nlmsghdr *nlh)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct mnl_socket *nl;
	unsigned portid, seq = (unsigned)time(NULL);
	int r;

	nl = mnl_socket_open2(NETLINK_ROUTE, SOCK_CLOEXEC);
	if (!nl)
		return -errno;
	if (mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		r = -errno;
		goto out;
	}
	portid = mnl_socket_get_portid(nl);
	nlh->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = seq;
	if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0) {
		r = -errno;
		goto out;
	}
	for (;;) {
		ssize_t n = mnl_socket_recvfrom(nl, buf, sizeof(buf));
		if (n < 0) {
			r = -errno;
			break;
		}
		/* an error acknowledgement makes mnl_cb_run fail with errno set from it */
		r = mnl_cb_run(buf, (size_t)n, seq, portid, NULL, NULL);
		if (r < 0) {
			r = errno ? -errno : -EIO;
			break;
		}
		if (r == MNL_CB_STOP) {
			r = 0;
			break;
		}
	}
out:
	mnl_socket_close(nl);
	return r;
}

static struct ifinfomsg *veth_put_ifinfo(struct nlmsghdr *nlh)
{
	struct ifinfomsg *ifm = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifm));
	ifm->ifi_family = AF_UNSPEC;
	return ifm;
}

static int veth_name_ok(const char *name)
{
	size_t n = strlen(name);
	return n > 0 && n < IFNAMSIZ;
}

int netlink_veth_create(const char *name, const char *peer, pid_t peer_pid)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;
	struct nlattr *linkinfo, *data, *peerinfo;

	if (!veth_name_ok(name) || !veth_name_ok(peer) || peer_pid <= 0)
		return -EINVAL;
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = RTM_NEWLINK;
	nlh->nlmsg_flags = NLM_F_CREATE | NLM_F_EXCL;
	veth_put_ifinfo(nlh);
	mnl_attr_put_strz(nlh, IFLA_IFNAME, name);
	linkinfo = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
	mnl_attr_put_strz(nlh, IFLA_INFO_KIND, "veth");
	data = mnl_attr_nest_start(nlh, IFLA_INFO_DATA);
	/* the peer is described by an ifinfomsg followed by its own attributes */
	peerinfo = mnl_attr_nest_start(nlh, VETH_INFO_PEER);
	veth_put_ifinfo(nlh);
	mnl_attr_put_strz(nlh, IFLA_IFNAME, peer);
	mnl_attr_put_u32(nlh, IFLA_NET_NS_PID, (uint32_t)peer_pid);
	mnl_attr_nest_end(nlh, peerinfo);
	mnl_attr_nest_end(nlh, data);
	mnl_attr_nest_end(nlh, linkinfo);
	return veth_request(nlh);
}

int netlink_veth_up(const char *name, struct in_addr addr, unsigned prefix)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;
	struct ifaddrmsg *ifa;
	struct ifinfomsg *ifm;
	unsigned idx;
	int r;

	if (!veth_name_ok(name) || prefix > 32)
		return -EINVAL;
	idx = if_nametoindex(name);
	if (idx == 0)
		return -errno;

	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = RTM_NEWADDR;
	nlh->nlmsg_flags = NLM_F_CREATE | NLM_F_REPLACE;
	ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));
	ifa->ifa_family = AF_INET;
	ifa->ifa_prefixlen = (unsigned char)prefix;
	ifa->ifa_scope = RT_SCOPE_UNIVERSE;
	ifa->ifa_index = idx;
	mnl_attr_put(nlh, IFA_LOCAL, sizeof(addr), &addr);
	mnl_attr_put(nlh, IFA_ADDRESS, sizeof(addr), &addr);
	r = veth_request(nlh);
	if (r < 0)
		return r;

	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = RTM_NEWLINK;
	ifm = veth_put_ifinfo(nlh);
	ifm->ifi_index = (int)idx;
	ifm->ifi_flags = IFF_UP;
	ifm->ifi_change = IFF_UP;
	return veth_request(nlh);
}

int netlink_veth_delete(const char *name)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;
	struct ifinfomsg *ifm;
	unsigned idx;

	if (!veth_name_ok(name))
		return -EINVAL;
	idx = if_nametoindex(name);
	if (idx == 0)
		return -ENODEV;
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = RTM_DELLINK;
	ifm = veth_put_ifinfo(nlh);
	ifm->ifi_index = (int)idx;
	return veth_request(nlh);
}
