/*
 * demo_out: text and JSON writers for one demo child. The comparison with
 * nsview's own namespaces is read here, at print time, from /proc/self/ns.
 */
#include "src/demo_out.h"

#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "src/json.h"
#include "src/text.h"
#include "src/util.h"

#define LABEL_W 20
#define INSIDE_W 34

/* One row: a label and two cells that are already safe text. */
static void out_row(struct strbuf *sb, const char *label, const char *in, const char *out)
{
	sb_addf(sb, "%-*s %-*s %s", LABEL_W, label, INSIDE_W, in, out);
	/* no trailing blanks when the outside cell is empty */
	while (sb->len && sb->buf[sb->len - 1] == ' ')
		sb->buf[--sb->len] = 0;
	sb_addc(sb, '\n');
}

int demo_out_text(FILE *f, const struct demo_child *c, pid_t self)
{
	const struct demo_inside *in = demo_inside(c);
	const struct demo_outside *o = demo_outside(c);
	unsigned long flags = demo_flags(c);
	struct strbuf sb = { 0 }, a = { 0 }, b = { 0 };
	uint64_t own[NS_TYPE_MAX];
	char host[65] = "", *names = demo_flags_str(flags);
	int nown = demo_count_procs();

	demo_read_ns("self", own);
	gethostname(host, sizeof(host) - 1);
	sb_addf(&sb, "nsview --demo %s: child %d (new namespaces: %s)\n\n", names, (int)o->pid,
		flags ? names : "none");
	out_row(&sb, "", "inside (the child's own view)", "outside (nsview's view of it)");

	sb_addf(&a, "%d", (int)in->pid);
	sb_addf(&b, "%d", (int)o->pid);
	out_row(&sb, "pid", a.buf, b.buf);
	sb_free(&a), sb_free(&b);
	sb_addf(&a, "%d%s", (int)in->ppid, in->ppid == 0 ? " (its parent is outside)" : "");
	sb_addf(&b, "%d (nsview itself, pid %d)", (int)o->ppid, (int)self);
	out_row(&sb, "ppid", a.buf, b.buf);
	sb_free(&a), sb_free(&b);
	sb_addf(&a, "%u", (unsigned)in->uid);
	sb_addf(&b, "%u", (unsigned)o->uid);
	out_row(&sb, "uid", a.buf, b.buf);
	sb_free(&a), sb_free(&b);
	for (int i = 0; i < o->nnspid; i++)
		sb_addf(&b, "%s%d", i ? " \u2192 " : "", (int)o->nspid[i]);
	out_row(&sb, "NSpid chain", "", b.buf);
	sb_free(&b);

	sb_add_safe(&a, in->hostname, strnlen(in->hostname, sizeof(in->hostname)));
	sb_adds(&b, "nsview's: ");
	sb_add_safe(&b, host, strlen(host));
	out_row(&sb, "hostname", a.buf, b.buf);
	sb_free(&a), sb_free(&b);

	for (int i = 0; i < in->nifaces; i++) {
		if (i)
			sb_adds(&a, ", ");
		sb_add_safe(&a, in->ifaces[i].name, strnlen(in->ifaces[i].name, 16));
		sb_adds(&a, in->ifaces[i].up ? " up" : " down");
	}
	if (o->veth[0]) {
		sb_add_safe(&b, o->veth, strnlen(o->veth, sizeof(o->veth)));
		sb_adds(&b, " up (nsview's end of the veth)");
	}
	out_row(&sb, "interfaces", a.buf ? a.buf : "", b.buf ? b.buf : "");
	sb_free(&a), sb_free(&b);
	if (o->veth[0]) {
		sb_addf(&a, "%s on ", in->veth_addr);
		sb_add_safe(&a, o->veth_peer, strnlen(o->veth_peer, sizeof(o->veth_peer)));
		sb_addf(&b, "%s on ", o->veth_addr);
		sb_add_safe(&b, o->veth, strnlen(o->veth, sizeof(o->veth)));
		out_row(&sb, "veth address", a.buf, b.buf);
		sb_free(&a), sb_free(&b);
	}

	sb_addf(&a, "%d%s", in->nprocs_visible, in->own_proc ? " (its own /proc)" : "");
	sb_addf(&b, "%d (nsview's /proc)", nown);
	out_row(&sb, "processes in /proc", a.buf, b.buf);
	sb_free(&a), sb_free(&b);
	if (in->time_offset) {
		sb_addf(&a, "+%lds on monotonic and boottime", in->time_offset);
		out_row(&sb, "clock offset", a.buf, "0");
		sb_free(&a);
	}

	for (int t = 0; t < NS_TYPE_MAX; t++) {
		char label[32];
		bool asked = flags & demo_type_flag(t);
		bool same = o->ns[t] && o->ns[t] == own[t];

		snprintf(label, sizeof(label), "%s namespace", model_type_name(t));
		sb_addf(&a, "%llu", (unsigned long long)in->ns[t]);
		if (same)
			sb_addf(&b, "%llu, nsview's own", (unsigned long long)o->ns[t]);
		else
			sb_addf(&b, "%llu, new (nsview's: %llu)", (unsigned long long)o->ns[t],
				(unsigned long long)own[t]);
		if (asked == same)
			sb_adds(&b, asked ? " (asked for, but shared!)" : " (not asked for, yet new!)");
		out_row(&sb, label, a.buf, b.buf);
		sb_free(&a), sb_free(&b);
	}

	if ((flags & CLONE_NEWPID) && !in->own_proc)
		sb_addf(&sb, "\nnote: the child has its own PID namespace but no /proc of its own (that "
			     "needs mnt too), so its /proc still shows the parent's world: %d processes.\n",
			in->nprocs_visible);
	if ((flags & CLONE_NEWNET) && !o->veth[0])
		sb_adds(&sb, "\nnote: a new network namespace has only lo, and it is down.\n");
	free(names);
	return text_write_buf(f, &sb);
}

static void out_json_ns(struct strbuf *sb, const uint64_t ns[NS_TYPE_MAX])
{
	sb_addc(sb, '{');
	for (int t = 0; t < NS_TYPE_MAX; t++)
		sb_addf(sb, "%s\"%s\": %llu", t ? ", " : "", model_type_name(t),
			(unsigned long long)ns[t]);
	sb_addc(sb, '}');
}

int demo_out_json(FILE *f, const struct demo_child *c, pid_t self)
{
	const struct demo_inside *in = demo_inside(c);
	const struct demo_outside *o = demo_outside(c);
	unsigned long flags = demo_flags(c);
	struct strbuf sb = { 0 };
	bool first = true;

	sb_adds(&sb, "{\"flags\": [");
	for (int t = 0; t < NS_TYPE_MAX; t++) {
		/* contract order: pid,net,uts,ipc,mnt,user,cgroup,time */
		static const enum ns_type order[] = { NS_PID,  NS_NET,  NS_UTS,    NS_IPC,
						      NS_MNT,  NS_USER, NS_CGROUP, NS_TIME };
		if (!(flags & demo_type_flag(order[t])))
			continue;
		sb_addf(&sb, "%s\"%s\"", first ? "" : ", ", model_type_name(order[t]));
		first = false;
	}
	sb_addf(&sb, "], \"inside\": {\"pid\": %d, \"ppid\": %d, \"uid\": %u, \"hostname\": ",
		(int)in->pid, (int)in->ppid, (unsigned)in->uid);
	json_add_string(&sb, in->hostname, strnlen(in->hostname, sizeof(in->hostname)));
	sb_adds(&sb, ", \"interfaces\": [");
	for (int i = 0; i < in->nifaces; i++) {
		if (i)
			sb_adds(&sb, ", ");
		json_add_string(&sb, in->ifaces[i].name, strnlen(in->ifaces[i].name, 16));
	}
	sb_adds(&sb, "], \"interfaces_up\": [");
	first = true;
	for (int i = 0; i < in->nifaces; i++) {
		if (!in->ifaces[i].up)
			continue;
		if (!first)
			sb_adds(&sb, ", ");
		json_add_string(&sb, in->ifaces[i].name, strnlen(in->ifaces[i].name, 16));
		first = false;
	}
	sb_addf(&sb,
		"], \"nprocs_visible\": %d, \"own_proc\": %s, \"time_offset\": %ld, "
		"\"boottime\": %ld, \"ns\": ",
		in->nprocs_visible, in->own_proc ? "true" : "false", in->time_offset, in->boottime);
	out_json_ns(&sb, in->ns);
	sb_addf(&sb, "}, \"outside\": {\"pid\": %d, \"ppid\": %d, \"uid\": %u, \"nspid\": [",
		(int)o->pid, (int)self, (unsigned)o->uid);
	for (int i = 0; i < o->nnspid; i++)
		sb_addf(&sb, "%s%d", i ? ", " : "", (int)o->nspid[i]);
	sb_adds(&sb, "], \"ns\": ");
	out_json_ns(&sb, o->ns);
	sb_adds(&sb, ", \"veth\": ");
	if (o->veth[0]) {
		sb_adds(&sb, "{\"name\": ");
		json_add_string(&sb, o->veth, strnlen(o->veth, sizeof(o->veth)));
		sb_addf(&sb, ", \"address\": \"%s\", \"peer\": ", o->veth_addr);
		json_add_string(&sb, o->veth_peer, strnlen(o->veth_peer, sizeof(o->veth_peer)));
		sb_addf(&sb, ", \"peer_address\": \"%s\"}", in->veth_addr);
	} else {
		sb_adds(&sb, "null");
	}
	sb_adds(&sb, "}}\n");
	return text_write_buf(f, &sb);
}
