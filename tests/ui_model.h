/*
 * ui_model: a hand-built snapshot for the TUI's view and draw tests.
 *
 * The viewer (100) is in the host's PID namespace. `unshare` (200) made PID namespace A
 * (init sh 201), inside it 202 made B (init bash 300), so 301 has PIDs 301 -> 4 -> 2.
 * 301 is hostile: ESC sequences, a newline, invalid UTF-8 and a bidi override in its comm
 * and argv, and it runs in a docker container. Network: the host (lo, br0, veth-a in br0),
 * "blue" (lo, veth-b: veth-a's peer) and a netns held only by an fd (no process in it).
 * Only nsview (100) and sleep (202) have resource fields, as a live snapshot would; the rest
 * have none, as a --proc tree.
 */
#ifndef NSVIEW_TESTS_UI_MODEL_H
#define NSVIEW_TESTS_UI_MODEL_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/model.h"
#include "src/util.h"
#include "tests/test_helpers.h"
#include "ui/grid.h"
#include "ui/view.h"

#define UI_U0	4026531837ULL
#define UI_U1	4026532001ULL
#define UI_P0	4026531836ULL
#define UI_PA	4026532100ULL
#define UI_PB	4026532200ULL
#define UI_N0	4026531833ULL
#define UI_NB	4026532300ULL /* blue */
#define UI_NF	4026532400ULL /* held only by an fd */
#define UI_UTS0 4026531838ULL
#define UI_UTSB 4026532500ULL

static inline struct proc *ui_proc(struct snapshot *s, pid_t pid, pid_t ppid, const char *comm,
				   uint64_t pidns, int nnspid, const pid_t *nspid)
{
	struct proc *p = model_add_proc(s, pid);
	p->ppid = ppid;
	snprintf(p->comm, sizeof(p->comm), "%s", comm);
	for (int i = 0; i < nnspid; i++)
		p->nspid[i] = nspid[i];
	p->nnspid = nnspid;
	for (int l = 0; l < NS_LINK_MAX; l++)
		p->ns[l] = model_initial_ino(model_link_type(l));
	p->ns[LINK_PID] = p->ns[LINK_PID_FOR_CHILDREN] = pidns;
	if (pidns != UI_P0) {
		p->ns[LINK_USER] = UI_U1;
		p->ns[LINK_NET] = UI_NB;
		p->ns[LINK_UTS] = UI_UTSB;
	}
	return p;
}

static inline struct ns *ui_ns(struct snapshot *s, enum ns_type t, uint64_t ino, uint64_t parent,
			       unsigned held, const char *name)
{
	struct ns *n = model_add_ns(s, t, ino);
	n->initial = ino == model_initial_ino(t);
	n->parent = parent;
	n->owner = n->initial && t == NS_USER ? 0 : (ino > UI_U1 && t != NS_USER ? UI_U1 : UI_U0);
	if (t == NS_USER)
		n->owner_uid = 0;
	n->held = held;
	n->name = name ? xstrdup(name) : NULL;
	return n;
}

static inline struct iface *ui_iface(struct netns *n, int ifindex, const char *name,
				     const char *kind, unsigned mtu, bool up)
{
	n->ifs = xrealloc(n->ifs, (n->nifs + 1) * sizeof(*n->ifs));
	struct iface *f = &n->ifs[n->nifs++];
	memset(f, 0, sizeof(*f));
	f->ifindex = ifindex;
	f->name = xstrdup(name);
	f->kind = kind ? xstrdup(kind) : NULL;
	f->mtu = mtu;
	f->flags = up ? 1u /* IFF_UP */ : 0;
	f->operstate = up ? 6 : 2;
	f->link_nsid = -1;
	return f;
}

static inline void ui_addr4(struct iface *f, uint8_t a, uint8_t b, uint8_t c, uint8_t d,
			    uint8_t prefix)
{
	f->addrs = xrealloc(f->addrs, (f->naddrs + 1) * sizeof(*f->addrs));
	struct addr *x = &f->addrs[f->naddrs++];
	memset(x, 0, sizeof(*x));
	x->family = 2; /* AF_INET */
	x->prefix = prefix;
	x->bytes[0] = a, x->bytes[1] = b, x->bytes[2] = c, x->bytes[3] = d;
}

static inline void ui_mac(struct iface *f, uint8_t last)
{
	static const uint8_t m[6] = { 0x02, 0x42, 0xac, 0x11, 0x00, 0x00 };
	memcpy(f->mac, m, 6);
	f->mac[5] = last;
	f->maclen = 6;
}

/* Resource fields as a live snapshot has them. */
static inline void ui_res(struct proc *p, char state, uint64_t rss_kib, uint64_t cpu_ticks,
			  uint64_t start_ticks)
{
	p->state = state;
	p->rss_kib = rss_kib;
	p->cpu_ticks = cpu_ticks;
	p->start_ticks = start_ticks;
}

/* The snapshot described above; extra > 0 adds processes 1000.. in the host namespace. */
static inline struct snapshot *ui_model_sized(int extra)
{
	struct snapshot *s = model_new();
	struct proc *p;
	snprintf(s->kernel, sizeof(s->kernel), "6.18.0-test");
	s->viewer_pid = 100;
	s->viewer_euid = 0;
	s->live = false;

	ui_ns(s, NS_USER, UI_U0, 0, HELD_PROCESS, NULL);
	ui_ns(s, NS_USER, UI_U1, UI_U0, HELD_PROCESS, NULL);
	ui_ns(s, NS_PID, UI_P0, 0, HELD_PROCESS, NULL);
	ui_ns(s, NS_PID, UI_PA, UI_P0, HELD_PROCESS, NULL);
	ui_ns(s, NS_PID, UI_PB, UI_PA, HELD_PROCESS, NULL);
	ui_ns(s, NS_NET, UI_N0, 0, HELD_PROCESS, NULL);
	struct ns *n = ui_ns(s, NS_NET, UI_NB, 0, HELD_PROCESS | HELD_BIND, "blue");
	n->binds = xcalloc(1, sizeof(char *));
	n->binds[0] = xstrdup("/run/netns/blue");
	n->nbinds = 1;
	n = ui_ns(s, NS_NET, UI_NF, 0, HELD_FD, NULL);
	n->fds = xcalloc(1, sizeof(*n->fds));
	n->fds[0] = (struct ns_fd){ .pid = 100, .fd = 5 };
	n->nfds = 1;
	ui_ns(s, NS_UTS, UI_UTS0, 0, HELD_PROCESS, "host");
	ui_ns(s, NS_UTS, UI_UTSB, 0, HELD_PROCESS, "b\x1b[2Jox");
	for (int t = 0; t < NS_TYPE_MAX; t++)
		if (!model_find_ns(s, t, model_initial_ino(t)) && t != NS_USER && t != NS_PID &&
		    t != NS_NET && t != NS_UTS)
			ui_ns(s, t, model_initial_ino(t), 0, HELD_PROCESS, NULL);

	p = ui_proc(s, 1, 0, "init", UI_P0, 1, (pid_t[]){ 1 });
	test_argv(p, "/sbin/init", NULL);
	ui_proc(s, 2, 0, "kthreadd", UI_P0, 1, (pid_t[]){ 2 });
	p = ui_proc(s, 100, 1, "nsview", UI_P0, 1, (pid_t[]){ 100 });
	test_argv(p, "nsview", NULL);
	ui_res(p, 'R', 12595, 250, 500);
	p = ui_proc(s, 200, 1, "unshare", UI_P0, 1, (pid_t[]){ 200 });
	test_argv(p, "unshare", "--pid", "--fork", "sh", NULL);
	p = ui_proc(s, 201, 200, "sh", UI_PA, 2, (pid_t[]){ 201, 1 });
	test_argv(p, "sh", NULL);
	p = ui_proc(s, 202, 201, "sleep", UI_PA, 2, (pid_t[]){ 202, 2 });
	test_argv(p, "sleep", "infinity", NULL);
	p->uid = 1000;
	ui_res(p, 'S', 812, 3, 1234);
	p = ui_proc(s, 300, 202, "bash", UI_PB, 3, (pid_t[]){ 300, 3, 1 });
	test_argv(p, "bash", NULL);
	p = ui_proc(s, 301, 300, "ev\x1b[31mil\n", UI_PB, 3, (pid_t[]){ 301, 4, 2 });
	test_argv(p, "ev\x1b]0;pwn\x07il", "\xff\xfe",
		  "\xe2\x80\xae"
		  "txt.exe",
		  NULL);
	p->ctr_runtime = xstrdup("docker");
	p->ctr_id = xstrdup("3f2a1b4c5d6e7f8091a2b3c4d5e6f708");
	p->cgroup = xstrdup("/system.slice/docker-3f2a.scope");
	for (int i = 0; i < extra; i++) {
		p = ui_proc(s, 1000 + i, i % 10 ? 1000 + i / 10 * 10 : 1, "worker", UI_P0, 1,
			    (pid_t[]){ 1000 + i });
		test_argv(p, "worker", "--id", "x", NULL);
	}

	struct netns *net = model_add_netns(s, UI_N0);
	struct iface *f = ui_iface(net, 1, "lo", "loopback", 65536, true);
	ui_addr4(f, 127, 0, 0, 1, 8);
	f = ui_iface(net, 5, "veth-a", "veth", 1500, true);
	ui_mac(f, 0x0a);
	ui_addr4(f, 169, 254, 1, 1, 30);
	f->master = 6;
	f->has_peer = true;
	f->peer = (struct peer){ .netns = UI_NB, .ifindex = 2, .name = xstrdup("veth-b") };
	f = ui_iface(net, 6, "br0", "bridge", 1500, true);
	ui_mac(f, 0x0b);
	net = model_add_netns(s, UI_NB);
	net->names = xcalloc(1, sizeof(char *));
	net->names[0] = xstrdup("blue");
	net->nnames = 1;
	ui_iface(net, 1, "lo", "loopback", 65536, false);
	f = ui_iface(net, 2, "veth-b", "veth", 1500, true);
	ui_mac(f, 0x0c);
	ui_addr4(f, 169, 254, 1, 2, 30);
	f->has_peer = true;
	f->peer = (struct peer){ .netns = UI_N0, .ifindex = 5, .name = xstrdup("veth-a") };
	net = model_add_netns(s, UI_NF);
	ui_iface(net, 1, "lo", "loopback", 65536, false);

	model_link(s);
	return s;
}

static inline struct snapshot *ui_model(void)
{
	return ui_model_sized(0);
}

/* A cmocka fixture: ui_model() in a fresh view (80x24, view 1). */
struct fx {
	struct snapshot *s;
	struct view *v;
};

static inline int ui_fx_setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof(*f));
	f->s = ui_model();
	f->v = view_new();
	view_set_snapshot(f->v, f->s);
	*state = f;
	return 0;
}

static inline int ui_fx_teardown(void **state)
{
	struct fx *f = *state;
	view_free(f->v);
	model_free(f->s);
	free(f);
	return 0;
}

/* Line y of a grid as text (a new string; "" past the last line). */
static inline char *ui_grid_line(const struct grid *g, int y)
{
	struct strbuf all = { 0 };
	grid_dump(g, &all);
	char *p = all.buf;
	for (int i = 0; i < y && p; i++) {
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	char *line = p ? xstrndup(p, strcspn(p, "\n")) : xstrdup("");
	sb_free(&all);
	return line;
}

#endif
