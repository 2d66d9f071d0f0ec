/*
 * draw_rows: the main pane's rows, column headers and the detail line.
 */
#include "ui/draw_rows.h"

#include <linux/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "src/ifacefmt.h"
#include "src/model.h"
#include "ui/procstat.h"
#include "ui/rows.h"

/* Column positions after the tree prefix in view 2 and in view 3's interface rows. */
enum {
	NS_X_INO = 5,
	NS_X_PROCS = 17,
	NS_X_HELD = 24,
	NS_X_OWNER = 45,
	NS_X_PARENT = 57,
	NS_X_LABEL = 69
};
/* View 1: where the user column starts unless the tree pushes it right; the widths of the
 * user and the resource columns (S, CPU%, RES); the command is left at least PROC_CMD_MIN
 * columns, or the resource columns are dropped. */
enum { PROC_X_USER = 34, PROC_USER_W = 9, PROC_RES_W = 15, PROC_CMD_MIN = 20 };
enum { IF_X_KIND = 19, IF_X_STATE = 28, IF_X_MTU = 37, IF_X_MAC = 44, IF_X_REST = 63 };

static const char *const sort_names[SORT_COUNT] = { "TYPE/INODE", "PROCS",  "HELD",
						    "OWNER",	  "PARENT", "LABEL" };
static const int sort_x[SORT_COUNT] = { 1,	    NS_X_PROCS,	 NS_X_HELD,
					NS_X_OWNER, NS_X_PARENT, NS_X_LABEL };

/* Put s in a column of width cols at x (clipped one short so columns stay apart). */
static int put_col(struct grid *g, int y, int x, int cols, int role, const char *s)
{
	if (s)
		grid_put(g, y, x, x + cols - 1, role, s, strlen(s));
	return x + cols;
}

static int level_role(int level)
{
	return ROLE_LEVEL0 + (level < 0 ? 0 : level % ROLE_LEVELS);
}

/* Marker column, tree lines and the fold sign; returns the x where the row's text starts. */
static int tree_prefix(struct grid *g, int y, const struct view *v, const struct row *r)
{
	const char *mark = r->fresh ? "+" : " ";
	if (r->key.kind == ROW_PROC && view_is_ours(v, (pid_t)r->key.a))
		mark = "*";
	int x = grid_puts(g, y, 0, r->fresh ? ROLE_NEW : ROLE_OURS, mark);
	for (int d = 1; d < r->depth; d++)
		x = grid_puts(g, y, x, ROLE_DIM, d < 64 && (r->more >> d) & 1 ? "│ " : "  ");
	if (r->depth > 0)
		x = grid_puts(g, y, x, ROLE_DIM,
			      r->depth < 64 && (r->more >> r->depth) & 1 ? "├─" : "└─");
	if (r->has_kids)
		x = grid_puts(g, y, x, ROLE_DIM, r->folded ? "▸ " : "▾ ");
	else if (r->depth > 0)
		x = grid_puts(g, y, x, ROLE_DIM, "─ ");
	return x;
}

static const char *user_of(const struct view *v, uid_t uid, char *buf, size_t n)
{
	const char *name = v->user_name ? v->user_name(uid) : NULL;
	if (name)
		return name;
	snprintf(buf, n, "%u", (unsigned)uid);
	return buf;
}

/* A process's command: its argv joined by spaces, or [comm] for a kernel thread. */
static void command_of(const struct proc *p, struct strbuf *o)
{
	if (!p->argv || !p->argv[0]) {
		sb_addf(o, "[%s]", p->comm);
		return;
	}
	for (size_t i = 0; i < p->argc && p->argv[i]; i++) {
		if (i)
			sb_addc(o, ' ');
		sb_adds(o, p->argv[i]);
	}
}

static int put_sb(struct grid *g, int y, int x, int role, struct strbuf *o)
{
	x = grid_put(g, y, x, -1, role, o->buf ? o->buf : "", o->len);
	sb_free(o);
	return x;
}

bool draw_rows_res_shown(const struct grid *g)
{
	return g->w >= PROC_X_USER + PROC_USER_W + PROC_RES_W + PROC_CMD_MIN;
}

/* S, CPU% and RES of p at x; blank where they were not read (a --proc tree has none). */
static void res_cols(struct grid *g, int y, int x, const struct view *v, const struct proc *p)
{
	char buf[PROCSTAT_TEXT_LEN];
	if (!p->state)
		return;
	char st[2] = { p->state, 0 };
	grid_puts(g, y, x, p->state == 'D' || p->state == 'Z' ? ROLE_ERROR : ROLE_NORMAL, st);
	procstat_fmt_pct(procstat_pct(&v->stat, v->s, p), buf);
	grid_printf(g, y, x + 2, ROLE_NORMAL, "%5s", buf);
	procstat_fmt_res(p->rss_kib, buf);
	grid_printf(g, y, x + 8, ROLE_NORMAL, "%6s", buf);
}

static void row_proc(struct grid *g, int y, int x, const struct view *v, const struct row *r)
{
	const struct proc *p = r->proc;
	const struct ns *pn = model_find_ns(v->s, NS_PID, p->ns[LINK_PID]);
	int role = r->fresh ? ROLE_NEW : level_role(pn ? pn->level : 0);
	int start = rows_pid_start(v, p);
	char buf[32];
	for (int i = start < 0 ? 0 : start; i < p->nnspid; i++) {
		if (i > (start < 0 ? 0 : start))
			x = grid_puts(g, y, x, ROLE_DIM, " → ");
		x = grid_printf(g, y, x, role, "%d", (int)p->nspid[i]);
	}
	if (p->nnspid == 0)
		x = grid_printf(g, y, x, role, "%d", (int)p->pid);
	x = x < PROC_X_USER - 1 ? PROC_X_USER : x + 1;
	x = put_col(g, y, x, PROC_USER_W, ROLE_NORMAL, user_of(v, p->uid, buf, sizeof(buf)));
	if (draw_rows_res_shown(g)) {
		res_cols(g, y, x, v, p);
		x += PROC_RES_W;
	}
	if (p->ctr_runtime) {
		struct strbuf c = { 0 };
		sb_addf(&c, "%s:%.12s ", p->ctr_runtime, p->ctr_id ? p->ctr_id : "");
		x = put_sb(g, y, x, ROLE_DIM, &c);
	}
	if (view_is_ours(v, p->pid))
		x = grid_puts(g, y, x, ROLE_OURS, "[nsview] ");
	struct strbuf cmd = { 0 };
	command_of(p, &cmd);
	put_sb(g, y, x, ROLE_NORMAL, &cmd);
}

static void row_pidns(struct grid *g, int y, int x, const struct view *v, const struct row *r)
{
	const struct ns *n = r->ns;
	if (!n) {
		grid_puts(g, y, x, ROLE_ERROR,
			  "pid:[?] processes whose PID namespace is unreadable");
		return;
	}
	int role = r->fresh ? ROLE_NEW : level_role(n->level);
	x = grid_printf(g, y, x, role, "pid:[%llu]", (unsigned long long)n->ino);
	x = grid_printf(g, y, x, ROLE_NORMAL, " level %d", n->level);
	const struct proc *init = n->init_pid ? model_find_proc(v->s, n->init_pid) : NULL;
	pid_t ip = init ? (v->persp_ns ? model_pid_in(v->s, init, v->persp_ns) : n->init_pid) : 0;
	if (ip)
		x = grid_printf(g, y, x, ROLE_NORMAL, " init %d", (int)ip);
	else
		x = grid_puts(g, y, x, ROLE_DIM, " init -");
	if (n->owner)
		x = grid_printf(g, y, x, ROLE_DIM, " owner user:[%llu]",
				(unsigned long long)n->owner);
	x = grid_printf(g, y, x, ROLE_NORMAL, " %u procs", n->nprocs);
	if (n->initial)
		x = grid_puts(g, y, x, ROLE_DIM, " (host)");
	if (n->name) {
		x = grid_puts(g, y, x, ROLE_NORMAL, " ");
		grid_puts(g, y, x, ROLE_NORMAL, n->name);
	}
}

static void held_str(unsigned held, char *buf, size_t n)
{
	size_t len = 0;
	buf[0] = 0;
	for (unsigned b = 0; b < HELD_COUNT; b++)
		if (held & (1u << b))
			len += (size_t)snprintf(buf + len, len < n ? n - len : 0, "%s%s",
						len ? "," : "", model_held_name(1u << b));
}

static void ino_col(struct grid *g, int y, int x, int cols, int role, uint64_t ino)
{
	char buf[24];
	if (ino)
		snprintf(buf, sizeof(buf), "%llu", (unsigned long long)ino);
	else
		snprintf(buf, sizeof(buf), "-");
	put_col(g, y, x, cols, role, buf);
}

static void row_ns(struct grid *g, int y, const struct view *v, const struct row *r)
{
	const struct ns *n = r->ns;
	int role = r->fresh ? ROLE_NEW : n->nprocs == 0 ? ROLE_ORPHAN : ROLE_NORMAL;
	char buf[96];
	ino_col(g, y, NS_X_INO, NS_X_PROCS - NS_X_INO, role, n->ino);
	grid_printf(g, y, NS_X_PROCS, role, "%5u", n->nprocs);
	held_str(n->held, buf, sizeof(buf));
	put_col(g, y, NS_X_HELD, NS_X_OWNER - NS_X_HELD, role, buf);
	ino_col(g, y, NS_X_OWNER, NS_X_PARENT - NS_X_OWNER, ROLE_DIM, n->owner);
	ino_col(g, y, NS_X_PARENT, NS_X_LABEL - NS_X_PARENT, ROLE_DIM, n->parent);
	int x = NS_X_LABEL;
	if (n->initial)
		x = grid_puts(g, y, x, ROLE_DIM, "host ");
	if (n->name)
		grid_puts(g, y, x, role, n->name);
}

/* How a netns is called: its label (whole, of any length), or its inode. */
static void net_label(const struct snapshot *s, uint64_t ino, struct strbuf *o)
{
	const char *label = model_net_label(s, ino);
	if (label)
		sb_adds(o, label);
	else
		sb_addf(o, "net:[%llu]", (unsigned long long)ino);
}

static void row_netns(struct grid *g, int y, int x, const struct view *v, const struct row *r)
{
	const struct netns *n = r->net;
	x = grid_printf(g, y, x, r->fresh ? ROLE_NEW : ROLE_LEVEL0, "net:[%llu]",
			(unsigned long long)n->ino);
	if (n->ino == model_initial_ino(NS_NET))
		x = grid_puts(g, y, x, ROLE_DIM, " host");
	for (size_t i = 0; i < n->nnames; i++) {
		x = grid_puts(g, y, x, ROLE_NORMAL, i ? "," : " ");
		x = grid_puts(g, y, x, ROLE_NORMAL, n->names[i]);
	}
	x = grid_printf(g, y, x, ROLE_NORMAL, "  %u procs  %zu ifaces", n->nprocs, n->nifs);
	const struct ns *ns = model_find_ns(v->s, NS_NET, n->ino);
	if (ns) {
		char buf[96];
		held_str(ns->held, buf, sizeof(buf));
		x = grid_printf(g, y, x, ns->nprocs ? ROLE_DIM : ROLE_ORPHAN, "  held: %s", buf);
	}
	if (n->err)
		grid_printf(g, y, x, ROLE_ERROR, "  (unreadable: %s)", strerror(-n->err));
}

static const char *oper_name(uint8_t st)
{
	const char *name = ifacefmt_operstate(st);
	return name ? name : "?";
}

static void addr_str(const struct addr *a, struct strbuf *o)
{
	char buf[IFACEFMT_ADDR_LEN];
	ifacefmt_addr(a, buf);
	sb_addf(o, "%s/%u", buf, a->prefix);
}

static void row_iface(struct grid *g, int y, int x, const struct view *v, const struct row *r)
{
	const struct iface *f = r->ifc;
	char buf[IFACEFMT_MAC_LEN];
	bool up = f->operstate == IF_OPER_UP || (f->flags & IFF_UP);
	put_col(g, y, x, IF_X_KIND - x, ROLE_NORMAL, f->name);
	put_col(g, y, IF_X_KIND, IF_X_STATE - IF_X_KIND, ROLE_DIM, f->kind ? f->kind : "-");
	put_col(g, y, IF_X_STATE, IF_X_MTU - IF_X_STATE, up ? ROLE_NORMAL : ROLE_ORPHAN,
		oper_name(f->operstate));
	grid_printf(g, y, IF_X_MTU, ROLE_NORMAL, "%u", f->mtu);
	ifacefmt_mac(f, buf);
	put_col(g, y, IF_X_MAC, IF_X_REST - IF_X_MAC, ROLE_DIM, buf[0] ? buf : "-");
	struct strbuf o = { 0 };
	for (size_t i = 0; i < f->naddrs; i++) {
		addr_str(&f->addrs[i], &o);
		sb_addc(&o, ' ');
	}
	if (f->master) {
		const struct iface *m = model_find_iface(r->net, f->master);
		sb_addf(&o, "master %s ", m && m->name ? m->name : "?");
	}
	if (f->has_peer) {
		sb_adds(&o, "peer ");
		if (f->peer.netns)
			net_label(v->s, f->peer.netns, &o);
		else
			sb_addc(&o, '?');
		if (f->peer.name)
			sb_addf(&o, "/%s", f->peer.name);
		else
			sb_addf(&o, "/if%d", f->peer.ifindex);
	}
	put_sb(g, y, IF_X_REST, ROLE_NORMAL, &o);
}

/* Which namespace is at each NSpid index: walk up from p's own. */
static const struct ns *level_ns(const struct snapshot *s, const struct proc *p, int idx)
{
	const struct ns *n = model_find_ns(s, NS_PID, p->ns[LINK_PID]);
	for (int i = p->nnspid - 1; n && i > idx; i--)
		n = n->parent ? model_find_ns(s, NS_PID, n->parent) : NULL;
	return n;
}

static void row_level(struct grid *g, int y, const struct view *v, const struct row *r)
{
	const struct proc *p = r->proc;
	int i = (int)r->key.b;
	const struct ns *own = model_find_ns(v->s, NS_PID, p->ns[LINK_PID]);
	const struct ns *n = level_ns(v->s, p, i);
	int level = own && own->level >= 0 ? own->level - (p->nnspid - 1 - i) : i;
	int x =
	    grid_printf(g, y, 4, level_role(level), "level %-3d PID %-8d", level, (int)p->nspid[i]);
	if (n)
		x = grid_printf(g, y, x, ROLE_DIM, "pid:[%llu]", (unsigned long long)n->ino);
	if (i == 0)
		x = grid_puts(g, y, x, ROLE_DIM, "  (as nsview sees it)");
	if (v->persp_ns && n && n->ino == v->persp_ns)
		x = grid_puts(g, y, x, ROLE_DIM, "  (the perspective)");
	if (i == p->nnspid - 1)
		grid_puts(g, y, x, ROLE_DIM, "  (its own)");
}

static void row_link(struct grid *g, int y, const struct view *v, const struct row *r)
{
	const struct proc *p = r->proc;
	enum ns_link l = (enum ns_link)r->key.b;
	enum ns_type t = model_link_type(l);
	uint64_t ino = p->ns[l];
	int x = put_col(g, y, 4, 20, ROLE_NORMAL, model_link_name(l));
	if (!ino) {
		grid_puts(g, y, x, ROLE_ERROR, "unreadable");
		return;
	}
	x = grid_printf(g, y, x, ROLE_NORMAL, "%-12llu", (unsigned long long)ino);
	const struct ns *n = model_find_ns(v->s, t, ino);
	const struct proc *pp = model_find_proc(v->s, p->ppid);
	bool host = (n && n->initial) || ino == model_initial_ino(t);
	bool parent = pp && pp->ns[l] == ino;
	if (host)
		x = grid_puts(g, y, x, ROLE_DIM, "same as host  ");
	if (parent)
		x = grid_puts(g, y, x, ROLE_DIM, "same as parent  ");
	if (!host && !parent)
		x = grid_puts(g, y, x, ROLE_OURS, "own  ");
	if (!pp)
		x = grid_puts(g, y, x, ROLE_DIM, "(parent not seen)  ");
	if (n && n->name)
		grid_puts(g, y, x, ROLE_NORMAL, n->name);
}

static void demo_ifaces(const struct demo_inside *in, struct strbuf *o)
{
	for (int i = 0; i < in->nifaces && i < DEMO_MAX_IFACES; i++)
		sb_addf(o, "%s%.16s(%s)", i ? " " : "", in->ifaces[i].name,
			in->ifaces[i].up ? "up" : "down");
}

static void row_demo(struct grid *g, int y, const struct view *v, const struct row *r)
{
	const struct demo_inside *in = v->demo_in;
	const struct demo_outside *out = v->demo_out;
	const struct proc *p = r->proc;
	struct strbuf a = { 0 }, b = { 0 };
	int d = (int)r->key.b;
	const char *what = "";
	switch (d) {
	case DEMO_PID:
		what = "pid";
		sb_addf(&a, "%d", (int)in->pid);
		sb_addf(&b, "%d", (int)out->pid);
		for (int i = 1; i < out->nnspid; i++)
			sb_addf(&b, " → %d", (int)out->nspid[i]);
		break;
	case DEMO_PPID:
		what = "ppid";
		sb_addf(&a, "%d", (int)in->ppid);
		sb_addf(&b, "%d", (int)p->ppid);
		break;
	case DEMO_UID:
		what = "uid";
		sb_addf(&a, "%u", (unsigned)in->uid);
		sb_addf(&b, "%u", (unsigned)p->uid);
		break;
	case DEMO_HOSTNAME: {
		what = "hostname";
		sb_add(&a, in->hostname, strnlen(in->hostname, sizeof(in->hostname)));
		const struct proc *me = model_find_proc(v->s, v->s->viewer_pid);
		const struct ns *u = me ? model_find_ns(v->s, NS_UTS, me->ns[LINK_UTS]) : NULL;
		sb_adds(&b, u && u->name ? u->name : "-");
		break;
	}
	case DEMO_IFACES:
		what = "interfaces";
		demo_ifaces(in, &a);
		sb_adds(&b, out->veth[0] ? "veth " : "-");
		sb_add(&b, out->veth, strnlen(out->veth, sizeof(out->veth)));
		break;
	case DEMO_NPROCS:
		what = "processes";
		sb_addf(&a, "%d%s", in->nprocs_visible,
			in->own_proc ? " (own /proc)" : " (host /proc)");
		sb_addf(&b, "%zu", v->s->nprocs);
		break;
	default: {
		int t = d - DEMO_NS0;
		what = model_type_name(t);
		sb_addf(&a, "%llu", (unsigned long long)in->ns[t]);
		sb_addf(&b, "%llu%s", (unsigned long long)out->ns[t],
			in->ns[t] == model_initial_ino(t) ? "  same as host" : "");
		break;
	}
	}
	int x = put_col(g, y, 4, 12, ROLE_NORMAL, what);
	int half = x + (g->w - x) / 2;
	grid_put(g, y, x, half - 1, ROLE_OURS, a.buf ? a.buf : "", a.len);
	grid_puts(g, y, half - 1, ROLE_DIM, "│");
	grid_put(g, y, half + 1, -1, ROLE_NORMAL, b.buf ? b.buf : "", b.len);
	sb_free(&a);
	sb_free(&b);
}

/* When p started: a clock time and its age when the snapshot's boot and wall clocks are
 * known, else the time after boot. */
static void started(const struct procstat_clock *c, const struct proc *p, struct strbuf *o)
{
	char buf[PROCSTAT_TEXT_LEN];
	double since_boot = (double)p->start_ticks / (double)c->hz;
	if (c->boot <= 0) {
		procstat_fmt_hms((uint64_t)since_boot, buf);
		sb_addf(o, "%s after boot", buf);
		return;
	}
	double age = c->boot > since_boot ? c->boot - since_boot : 0;
	procstat_fmt_hms((uint64_t)age, buf);
	if (c->real > 0) {
		time_t at = (time_t)(c->real - age), now = (time_t)c->real;
		struct tm tm_at, tm_now;
		char clock[32];
		localtime_r(&at, &tm_at);
		localtime_r(&now, &tm_now);
		bool today = tm_at.tm_yday == tm_now.tm_yday && tm_at.tm_year == tm_now.tm_year;
		strftime(clock, sizeof(clock), today ? "%H:%M:%S" : "%Y-%m-%d %H:%M", &tm_at);
		sb_addf(o, "%s, ", clock);
	}
	sb_addf(o, "%s ago", buf);
}

/* View 4's resource line: state, RES, CPU time and the last refresh's CPU%. */
static void attr_resources(struct grid *g, int y, const struct view *v, const struct proc *p)
{
	const struct procstat_clock *c = &v->stat.clock;
	char buf[PROCSTAT_TEXT_LEN];
	struct strbuf o = { 0 };
	int x = grid_puts(g, y, 0, ROLE_HEADER, "state     ");
	if (!p->state) {
		grid_puts(g, y, x, ROLE_DIM, "-  RES -  CPU time -  CPU% -");
		return;
	}
	const char *name = procstat_state_name(p->state);
	sb_addf(&o, "%c%s%s%s", p->state, name[0] ? " (" : "", name, name[0] ? ")" : "");
	procstat_fmt_res(p->rss_kib, buf);
	sb_addf(&o, "  RES %s  CPU time ", buf);
	if (c->hz > 0) {
		procstat_fmt_hms(p->cpu_ticks / (uint64_t)c->hz, buf);
		sb_adds(&o, buf);
	} else {
		sb_addf(&o, "%llu ticks", (unsigned long long)p->cpu_ticks);
	}
	procstat_fmt_pct(procstat_pct(&v->stat, v->s, p), buf);
	sb_addf(&o, "  CPU%% %s", buf[0] ? buf : "-");
	put_sb(g, y, x, ROLE_NORMAL, &o);
}

/* View 4's start line: when the process started, as far as the snapshot's clocks say. */
static void attr_started(struct grid *g, int y, const struct view *v, const struct proc *p)
{
	struct strbuf o = { 0 };
	int x = grid_puts(g, y, 0, ROLE_HEADER, "started   ");
	if (!p->state || v->stat.clock.hz <= 0) {
		grid_puts(g, y, x, ROLE_DIM, "-");
		return;
	}
	started(&v->stat.clock, p, &o);
	put_sb(g, y, x, ROLE_NORMAL, &o);
}

static void row_attr(struct grid *g, int y, const struct view *v, const struct row *r)
{
	const struct proc *p = r->proc;
	char buf[32];
	struct strbuf o = { 0 };
	int x;
	switch (r->key.b) {
	case ATTR_GONE:
		grid_printf(g, y, 0, ROLE_ERROR, "process %d is gone", (int)v->proc_pid);
		break;
	case ATTR_SUMMARY:
		x = grid_printf(g, y, 0, ROLE_TITLE, "PID %d", (int)p->pid);
		x = grid_printf(g, y, x, ROLE_NORMAL, "  PPID %d  user ", (int)p->ppid);
		x = grid_puts(g, y, x, ROLE_NORMAL, user_of(v, p->uid, buf, sizeof(buf)));
		x = grid_puts(g, y, x, ROLE_NORMAL, "  comm ");
		x = grid_puts(g, y, x, ROLE_NORMAL, p->comm);
		if (view_is_ours(v, p->pid))
			grid_puts(g, y, x, ROLE_OURS, "  [spawned by nsview]");
		break;
	case ATTR_RESOURCES:
		attr_resources(g, y, v, p);
		break;
	case ATTR_STARTED:
		attr_started(g, y, v, p);
		break;
	case ATTR_CMDLINE:
		x = grid_puts(g, y, 0, ROLE_HEADER, "command   ");
		command_of(p, &o);
		put_sb(g, y, x, ROLE_NORMAL, &o);
		break;
	case ATTR_CGROUP:
		x = grid_puts(g, y, 0, ROLE_HEADER, "cgroup    ");
		grid_puts(g, y, x, ROLE_NORMAL, p->cgroup ? p->cgroup : "-");
		break;
	case ATTR_CONTAINER:
		x = grid_puts(g, y, 0, ROLE_HEADER, "container ");
		if (p->ctr_runtime)
			sb_addf(&o, "%s %s", p->ctr_runtime, p->ctr_id ? p->ctr_id : "");
		else
			sb_adds(&o, "-");
		put_sb(g, y, x, ROLE_NORMAL, &o);
		break;
	case ATTR_LEVELS:
		grid_puts(g, y, 0, ROLE_HEADER, "PID at every level (outermost first)");
		break;
	case ATTR_LINKS:
		grid_puts(g, y, 0, ROLE_HEADER,
			  "namespaces: link, inode, shared with host or parent, or its own");
		break;
	case ATTR_DEMO:
		x = grid_puts(g, y, 0, ROLE_HEADER, "spawned child: ");
		x = grid_puts(g, y, x, ROLE_OURS, "its own view (inside)");
		x = grid_puts(g, y, x, ROLE_DIM, " │ ");
		grid_puts(g, y, x, ROLE_NORMAL, "nsview's view of it (outside)");
		break;
	default:
		break;
	}
}

void draw_rows_row(struct grid *g, int y, const struct view *v, const struct row *r)
{
	int x;
	switch (r->key.kind) {
	case ROW_PIDNS:
		row_pidns(g, y, tree_prefix(g, y, v, r), v, r);
		break;
	case ROW_PROC:
		row_proc(g, y, tree_prefix(g, y, v, r), v, r);
		break;
	case ROW_NSTYPE:
		x = tree_prefix(g, y, v, r);
		x = grid_puts(g, y, x, ROLE_TITLE, model_type_name(r->key.type));
		grid_printf(g, y, x, ROLE_DIM, " (%lld)", (long long)r->key.b);
		break;
	case ROW_NS:
		tree_prefix(g, y, v, r);
		row_ns(g, y, v, r);
		break;
	case ROW_NETNS:
		row_netns(g, y, tree_prefix(g, y, v, r), v, r);
		break;
	case ROW_IFACE:
		row_iface(g, y, tree_prefix(g, y, v, r), v, r);
		break;
	case ROW_LEVEL:
		row_level(g, y, v, r);
		break;
	case ROW_LINK:
		row_link(g, y, v, r);
		break;
	case ROW_DEMO:
		row_demo(g, y, v, r);
		break;
	default:
		row_attr(g, y, v, r);
		break;
	}
}

/* View 1's headers; a click on one sorts by it (the first, the tree order); the sort column
 * stands out, and the first header names it, as the columns may be dropped. */
static void header_pidns(struct grid *g, int y, const struct view *v)
{
	static const char *const by[PSORT_COUNT] = { "", "CPU%", "RES" };
	int x;
	if (v->psort == PSORT_TREE)
		x = grid_puts(g, y, 0, ROLE_HEADER, " PID namespace / PID chain");
	else
		x = grid_printf(g, y, 0, ROLE_HEADER, " PID ns / PID chain, by %s%s", by[v->psort],
				v->psort_asc ? "▲" : "▼");
	grid_set_click(g, y, 0, x, VK_PSORT0 + PSORT_TREE);
	x = put_col(g, y, PROC_X_USER, PROC_USER_W, ROLE_HEADER, "USER");
	if (draw_rows_res_shown(g)) {
		grid_puts(g, y, x, ROLE_HEADER, "S");
		grid_puts(g, y, x + 3, v->psort == PSORT_CPU ? ROLE_SELECTED : ROLE_HEADER, "CPU%");
		grid_puts(g, y, x + 11, v->psort == PSORT_RES ? ROLE_SELECTED : ROLE_HEADER, "RES");
		grid_set_click(g, y, x + 2, x + 8, VK_PSORT0 + PSORT_CPU);
		grid_set_click(g, y, x + 8, x + 15, VK_PSORT0 + PSORT_RES);
		x += PROC_RES_W;
	}
	grid_puts(g, y, x, ROLE_HEADER, "COMMAND");
}

void draw_rows_header(struct grid *g, int y, const struct view *v)
{
	grid_set_role(g, y, 0, g->w, ROLE_HEADER); /* blanks too: the line reads as one bar */
	switch (v->cur) {
	case VIEW_PIDNS:
		header_pidns(g, y, v);
		break;
	case VIEW_NS:
		for (int c = 0; c < SORT_COUNT; c++) {
			int x = grid_puts(g, y, sort_x[c], ROLE_HEADER, sort_names[c]);
			if (c == (int)v->sort)
				x = grid_puts(g, y, x, ROLE_HEADER, v->sort_desc ? "▼" : "▲");
			grid_set_click(g, y, sort_x[c], x, VK_SORT0 + c);
		}
		break;
	case VIEW_NET:
		grid_puts(g, y, 0, ROLE_HEADER, " NETNS / INTERFACE");
		grid_puts(g, y, IF_X_KIND, ROLE_HEADER, "KIND");
		grid_puts(g, y, IF_X_STATE, ROLE_HEADER, "STATE");
		grid_puts(g, y, IF_X_MTU, ROLE_HEADER, "MTU");
		grid_puts(g, y, IF_X_MAC, ROLE_HEADER, "MAC");
		grid_puts(g, y, IF_X_REST, ROLE_HEADER, "ADDRESSES, MASTER, PEER");
		break;
	default: {
		const struct proc *p = v->s ? model_find_proc(v->s, v->proc_pid) : NULL;
		int x = grid_printf(g, y, 0, ROLE_HEADER, " process %d", (int)v->proc_pid);
		if (p) {
			x = grid_puts(g, y, x, ROLE_HEADER, " ");
			grid_puts(g, y, x, ROLE_HEADER, p->comm);
		}
		break;
	}
	}
}

static void detail_proc(struct grid *g, int y, const struct view *v, const struct proc *p)
{
	int x = 0;
	/* in a perspective, the pid that namespace knows first; the host's after it */
	pid_t seen = v->persp_ns ? model_pid_in(v->s, p, v->persp_ns) : 0;
	if (seen)
		x = grid_printf(g, y, x, ROLE_NORMAL, "pid %d in pid:[%llu], host ", (int)seen,
				(unsigned long long)v->persp_ns);
	x = grid_printf(g, y, x, ROLE_NORMAL, "pid %d ppid %d uid %u", (int)p->pid, (int)p->ppid,
			(unsigned)p->uid);
	x = grid_puts(g, y, x, ROLE_NORMAL, p->nnspid > 1 ? " NSpid" : "");
	for (int i = 0; p->nnspid > 1 && i < p->nnspid; i++)
		x = grid_printf(g, y, x, ROLE_NORMAL, " %d", (int)p->nspid[i]);
	x = grid_puts(g, y, x, ROLE_NORMAL, ": ");
	struct strbuf o = { 0 };
	command_of(p, &o);
	put_sb(g, y, x, ROLE_NORMAL, &o);
}

static void detail_ns(struct grid *g, int y, const struct ns *n)
{
	int x = grid_printf(g, y, 0, ROLE_NORMAL, "%s:[%llu]", model_type_name(n->type),
			    (unsigned long long)n->ino);
	if (n->level >= 0)
		x = grid_printf(g, y, x, ROLE_NORMAL, " level %d", n->level);
	if (n->owner_uid >= 0)
		x = grid_printf(g, y, x, ROLE_NORMAL, " owner uid %lld", (long long)n->owner_uid);
	if (!n->held)
		x = grid_puts(g, y, x, ROLE_NORMAL, " held: ?");
	for (size_t i = 0; i < n->nbinds; i++) {
		x = grid_puts(g, y, x, ROLE_NORMAL, " bind ");
		x = grid_puts(g, y, x, ROLE_NORMAL, n->binds[i]);
	}
	for (size_t i = 0; i < n->nfds && i < 8; i++)
		x = grid_printf(g, y, x, ROLE_NORMAL, " fd %d:%d", (int)n->fds[i].pid,
				n->fds[i].fd);
	if (n->nfds > 8)
		grid_printf(g, y, x, ROLE_NORMAL, " (+%zu fds)", n->nfds - 8);
}

static void detail_iface(struct grid *g, int y, const struct iface *f)
{
	int x = grid_printf(g, y, 0, ROLE_NORMAL, "ifindex %d", f->ifindex);
	const char *flags[IFACEFMT_FLAGS_MAX];
	size_t nflags = ifacefmt_flags(f->flags, flags);
	for (size_t i = 0; i < nflags; i++)
		x = grid_printf(g, y, x, ROLE_NORMAL, " %s", flags[i]);
	struct strbuf o = { 0 };
	for (size_t i = 0; i < f->naddrs; i++) {
		sb_addc(&o, ' ');
		addr_str(&f->addrs[i], &o);
	}
	if (f->has_peer)
		sb_adds(&o, "  Enter: jump to the peer");
	put_sb(g, y, x, ROLE_NORMAL, &o);
}

void draw_rows_detail(struct grid *g, int y, const struct view *v, const struct row *r)
{
	if (!r)
		return;
	switch (r->key.kind) {
	case ROW_PROC:
		detail_proc(g, y, v, r->proc);
		break;
	case ROW_PIDNS:
	case ROW_NS:
		if (r->ns)
			detail_ns(g, y, r->ns);
		break;
	case ROW_NETNS: {
		const struct ns *n = model_find_ns(v->s, NS_NET, r->net->ino);
		if (n)
			detail_ns(g, y, n);
		else
			grid_printf(g, y, 0, ROLE_NORMAL, "net:[%llu]",
				    (unsigned long long)r->net->ino);
		break;
	}
	case ROW_IFACE:
		detail_iface(g, y, r->ifc);
		break;
	case ROW_NSTYPE:
		grid_printf(g, y, 0, ROLE_NORMAL,
			    "%lld %s namespaces; those no process is in stand out",
			    (long long)r->key.b, model_type_name(r->key.type));
		break;
	default:
		if (r->proc)
			detail_proc(g, y, v, r->proc);
		break;
	}
}
