/*
 * text_net: the --net writer. Every network namespace on a line of its own
 * (label, inode, processes, how it is held, its ids for other namespaces), and
 * under it one line per interface: name, kind, state, MTU and MAC in columns
 * aligned over the whole output, then master, veth peer and addresses.
 * Every string from the system goes through sb_add_safe.
 */
#include "src/text.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "src/ifacefmt.h"
#include "src/util.h"

/* fds listed per namespace before the rest are counted only */
#define NET_FDS_SHOWN 4

enum net_col { COL_NAME, COL_KIND, COL_STATE, COL_MTU, COL_MAC, COL_MAX };

/* The fixed columns of one interface, each a new string. */
static void net_cells(const struct iface *f, char *cell[COL_MAX])
{
	struct strbuf sb = { 0 };

	if (f->name)
		sb_add_safe(&sb, f->name, strlen(f->name));
	else
		sb_addf(&sb, "if%d", f->ifindex);
	cell[COL_NAME] = sb_steal(&sb);
	cell[COL_KIND] = f->kind ? util_sanitize_str(f->kind) : xstrdup("-");
	const char *oper = ifacefmt_operstate(f->operstate);
	cell[COL_STATE] = oper ? xstrdup(oper) : xasprintf("%u", f->operstate);
	cell[COL_MTU] = xasprintf("%u", f->mtu);
	char mac[IFACEFMT_MAC_LEN];
	ifacefmt_mac(f, mac);
	cell[COL_MAC] = xstrdup(mac[0] ? mac : "-");
}

static void net_free_cells(char *cell[COL_MAX])
{
	for (int i = 0; i < COL_MAX; i++)
		free(cell[i]);
}

/* How a peer's namespace is named in a peer: its label, else its inode. */
static void net_add_label(struct strbuf *sb, const struct snapshot *s, uint64_t ino)
{
	const char *label = model_net_label(s, ino);

	if (label)
		sb_add_safe(sb, label, strlen(label));
	else
		sb_addf(sb, "%" PRIu64, ino);
}

/* "held by fd, bind  (/run/netns/blue; pid 99 fd 5)": the ways, then the paths and fds. */
static void net_add_held(struct strbuf *sb, const struct ns *ns)
{
	bool first = true;
	const char *sep = "  (";

	sb_adds(sb, "  held by ");
	for (unsigned i = 0; i < HELD_COUNT; i++) {
		unsigned bit = 1U << i;
		if (!(ns->held & bit))
			continue;
		sb_adds(sb, first ? "" : ", ");
		sb_adds(sb, model_held_name(bit));
		first = false;
	}
	if (first)
		sb_adds(sb, "nothing seen");
	for (size_t j = 0; j < ns->nbinds; j++, sep = "; ") {
		sb_adds(sb, sep);
		sb_add_safe(sb, ns->binds[j], strlen(ns->binds[j]));
	}
	for (size_t j = 0; j < ns->nfds && j < NET_FDS_SHOWN; j++, sep = "; ")
		sb_addf(sb, "%spid %d fd %d", sep, (int)ns->fds[j].pid, ns->fds[j].fd);
	if (ns->nfds > NET_FDS_SHOWN)
		sb_addf(sb, "; %zu more fds", ns->nfds - NET_FDS_SHOWN);
	if (sep[0] == ';')
		sb_addc(sb, ')');
}

static void net_add_header(struct strbuf *sb, const struct snapshot *s, const struct netns *n)
{
	const struct ns *ns = model_find_ns(s, NS_NET, n->ino);

	for (size_t i = 0; i < n->nnames; i++) {
		sb_adds(sb, i ? ", " : "");
		sb_add_safe(sb, n->names[i], strlen(n->names[i]));
	}
	if (!n->nnames) {
		/* no ip-netns name: a container's label or hostname, in parentheses */
		const char *label = model_net_label(s, n->ino);
		if (label && !(ns && ns->initial)) {
			sb_addc(sb, '(');
			sb_add_safe(sb, label, strlen(label));
			sb_addc(sb, ')');
		} else {
			sb_adds(sb, ns && ns->initial ? "(host)" : "(unnamed)");
		}
	}
	sb_addf(sb, "  net:[%" PRIu64 "]", n->ino);
	if (ns && ns->initial)
		sb_adds(sb, " initial");
	sb_addf(sb, "  %u process%s", n->nprocs, n->nprocs == 1 ? "" : "es");
	if (ns)
		net_add_held(sb, ns);
	sb_addc(sb, '\n');
	if (n->err)
		sb_addf(sb, "    not probed: %s\n", strerror(-n->err));
	if (n->nnsids) {
		sb_adds(sb, "    nsids:");
		for (size_t i = 0; i < n->nnsids; i++) {
			sb_addf(sb, " %d=", n->nsids[i].nsid);
			if (n->nsids[i].netns)
				net_add_label(sb, s, n->nsids[i].netns);
			else
				sb_adds(sb, "unresolved");
		}
		sb_addc(sb, '\n');
	}
}

/* master, peer and addresses: what follows the columns. */
static void net_add_tail(struct strbuf *sb, const struct snapshot *s, const struct netns *n,
			 const struct iface *f)
{
	if (f->master) {
		const struct iface *m = model_find_iface(n, f->master);
		sb_adds(sb, "  master: ");
		if (m && m->name)
			sb_add_safe(sb, m->name, strlen(m->name));
		else
			sb_addf(sb, "if%d", f->master);
	}
	if (f->has_peer) {
		sb_adds(sb, "  peer: ");
		if (!f->peer.netns) {
			sb_addf(sb, "unresolved nsid %d", f->link_nsid);
		} else {
			net_add_label(sb, s, f->peer.netns);
			sb_addc(sb, '/');
			if (f->peer.name)
				sb_add_safe(sb, f->peer.name, strlen(f->peer.name));
			else
				sb_addf(sb, "if%d", f->peer.ifindex);
		}
	}
	for (size_t i = 0; i < f->naddrs; i++) {
		const struct addr *a = &f->addrs[i];
		char buf[IFACEFMT_ADDR_LEN];

		ifacefmt_addr(a, buf);
		sb_addf(sb, "%s%s/%u", i ? " " : "  ", buf, a->prefix);
	}
}

int text_net(FILE *f, const struct snapshot *s)
{
	struct strbuf sb = { 0 };
	size_t width[COL_MAX] = { 0 };
	char *cell[COL_MAX];

	for (size_t i = 0; i < s->nnets; i++) {
		for (size_t j = 0; j < s->nets[i].nifs; j++) {
			net_cells(&s->nets[i].ifs[j], cell);
			for (int c = 0; c < COL_MAX; c++) {
				size_t w = text_width(cell[c]);
				width[c] = w > width[c] ? w : width[c];
			}
			net_free_cells(cell);
		}
	}
	for (size_t i = 0; i < s->nnets; i++) {
		const struct netns *n = &s->nets[i];

		if (i)
			sb_addc(&sb, '\n');
		net_add_header(&sb, s, n);
		for (size_t j = 0; j < n->nifs; j++) {
			net_cells(&n->ifs[j], cell);
			sb_adds(&sb, "   ");
			for (int c = 0; c < COL_MAX; c++) {
				size_t pad = width[c] - text_width(cell[c]);
				/* numbers align right, words left */
				if (c == COL_MTU)
					sb_addf(&sb, " %*s%s", (int)pad, "", cell[c]);
				else
					sb_addf(&sb, " %s%*s", cell[c], (int)pad, "");
			}
			net_free_cells(cell);
			net_add_tail(&sb, s, n, &n->ifs[j]);
			/* no trailing blanks when an interface has nothing after its MAC */
			while (sb.len && sb.buf[sb.len - 1] == ' ')
				sb.buf[--sb.len] = 0;
			sb_addc(&sb, '\n');
		}
	}
	return text_write_buf(f, &sb);
}
