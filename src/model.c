/*
 * model: building, sorting, linking, searching and freeing a snapshot.
 * Linking derives what no single probe sees: process counts, the depth of
 * pid and user namespaces, and which process is PID 1 of each PID namespace.
 */
#include "src/model.h"

#include <stdlib.h>
#include <string.h>

#include "src/util.h"

static const char *const type_names[NS_TYPE_MAX] = {
	[NS_CGROUP] = "cgroup", [NS_IPC] = "ipc",   [NS_MNT] = "mnt",   [NS_NET] = "net",
	[NS_PID] = "pid",       [NS_TIME] = "time", [NS_USER] = "user", [NS_UTS] = "uts",
};

static const char *const link_names[NS_LINK_MAX] = {
	[LINK_CGROUP] = "cgroup",
	[LINK_IPC] = "ipc",
	[LINK_MNT] = "mnt",
	[LINK_NET] = "net",
	[LINK_PID] = "pid",
	[LINK_PID_FOR_CHILDREN] = "pid_for_children",
	[LINK_TIME] = "time",
	[LINK_TIME_FOR_CHILDREN] = "time_for_children",
	[LINK_USER] = "user",
	[LINK_UTS] = "uts",
};

static const enum ns_type link_types[NS_LINK_MAX] = {
	[LINK_CGROUP] = NS_CGROUP,
	[LINK_IPC] = NS_IPC,
	[LINK_MNT] = NS_MNT,
	[LINK_NET] = NS_NET,
	[LINK_PID] = NS_PID,
	[LINK_PID_FOR_CHILDREN] = NS_PID,
	[LINK_TIME] = NS_TIME,
	[LINK_TIME_FOR_CHILDREN] = NS_TIME,
	[LINK_USER] = NS_USER,
	[LINK_UTS] = NS_UTS,
};

static const char *const held_names[HELD_COUNT] = {
	"process", "task", "fd", "socket", "bind", "parent",
};

/* enum init_ns_ino of the kernel (include/linux/proc_ns.h): fixed since 6.x for all types. */
static const uint64_t initial_inos[NS_TYPE_MAX] = {
	[NS_CGROUP] = 0xEFFFFFFBU, [NS_IPC] = 0xEFFFFFFFU,  [NS_MNT] = 0xEFFFFFF8U,
	[NS_NET] = 0xEFFFFFF9U,    [NS_PID] = 0xEFFFFFFCU,  [NS_TIME] = 0xEFFFFFFAU,
	[NS_USER] = 0xEFFFFFFDU,   [NS_UTS] = 0xEFFFFFFEU,
};

const char *model_type_name(enum ns_type t)
{
	return (unsigned)t < NS_TYPE_MAX ? type_names[t] : NULL;
}

int model_type_parse(const char *name, size_t len)
{
	for (int t = 0; t < NS_TYPE_MAX; t++)
		if (strlen(type_names[t]) == len && memcmp(type_names[t], name, len) == 0)
			return t;
	return -1;
}

const char *model_link_name(enum ns_link l)
{
	return (unsigned)l < NS_LINK_MAX ? link_names[l] : NULL;
}

enum ns_type model_link_type(enum ns_link l)
{
	return link_types[l];
}

const char *model_held_name(unsigned bit)
{
	for (int i = 0; i < HELD_COUNT; i++)
		if (bit == 1U << i)
			return held_names[i];
	return NULL;
}

uint64_t model_initial_ino(enum ns_type t)
{
	return (unsigned)t < NS_TYPE_MAX ? initial_inos[t] : 0;
}

struct snapshot *model_new(void)
{
	return xcalloc(1, sizeof(struct snapshot));
}

static void free_strv(char **v, size_t n)
{
	if (!v)
		return;
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void model_proc_clear(struct proc *p)
{
	free_strv(p->argv, p->argc);
	free(p->ctr_runtime);
	free(p->ctr_id);
	free(p->cgroup);
	memset(p, 0, sizeof *p);
}

void model_free(struct snapshot *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->nns; i++) {
		free(s->ns[i].name);
		free_strv(s->ns[i].binds, s->ns[i].nbinds);
		free(s->ns[i].fds);
	}
	free(s->ns);
	for (size_t i = 0; i < s->nprocs; i++)
		model_proc_clear(&s->procs[i]);
	free(s->procs);
	for (size_t i = 0; i < s->nnets; i++) {
		struct netns *n = &s->nets[i];
		free_strv(n->names, n->nnames);
		for (size_t j = 0; j < n->nifs; j++) {
			free(n->ifs[j].name);
			free(n->ifs[j].kind);
			free(n->ifs[j].addrs);
			free(n->ifs[j].peer.name);
		}
		free(n->ifs);
		free(n->nsids);
	}
	free(s->nets);
	for (size_t i = 0; i < s->nerrs; i++)
		free(s->errs[i].path);
	free(s->errs);
	free(s);
}

/* Grow *v (of *n elements of size sz) by one zeroed element and return it. */
static void *grow(void *v, size_t *n, size_t sz)
{
	void **pv = v;
	size_t cap = *n ? *n : 0;
	/* capacities are powers of two: grow when n reaches one */
	if (*n == 0 || (*n & (*n - 1)) == 0) {
		cap = *n ? *n * 2 : 16;
		if (cap < 16)
			cap = 16;
		*pv = xrealloc(*pv, cap * sz);
	}
	char *e = (char *)*pv + *n * sz;
	memset(e, 0, sz);
	(*n)++;
	return e;
}

struct ns *model_add_ns(struct snapshot *s, enum ns_type t, uint64_t ino)
{
	struct ns *n = grow(&s->ns, &s->nns, sizeof *n);
	n->type = t;
	n->ino = ino;
	n->owner_uid = -1;
	n->level = -1;
	return n;
}

struct proc *model_add_proc(struct snapshot *s, pid_t pid)
{
	struct proc *p = grow(&s->procs, &s->nprocs, sizeof *p);
	p->pid = pid;
	return p;
}

struct netns *model_add_netns(struct snapshot *s, uint64_t ino)
{
	struct netns *n = grow(&s->nets, &s->nnets, sizeof *n);
	n->ino = ino;
	return n;
}

void model_add_err(struct snapshot *s, const char *path, int err)
{
	struct probe_err *e = grow(&s->errs, &s->nerrs, sizeof *e);
	e->path = xstrdup(path);
	e->err = err < 0 ? -err : err;
}

static int cmp_u64(uint64_t a, uint64_t b)
{
	return a < b ? -1 : a > b;
}

static int cmp_ns(const void *a, const void *b)
{
	const struct ns *x = a, *y = b;
	if (x->type != y->type)
		return x->type < y->type ? -1 : 1;
	return cmp_u64(x->ino, y->ino);
}

static int cmp_proc(const void *a, const void *b)
{
	const struct proc *x = a, *y = b;
	return x->pid < y->pid ? -1 : x->pid > y->pid;
}

static int cmp_netns(const void *a, const void *b)
{
	const struct netns *x = a, *y = b;
	return cmp_u64(x->ino, y->ino);
}

static int cmp_iface(const void *a, const void *b)
{
	const struct iface *x = a, *y = b;
	return x->ifindex < y->ifindex ? -1 : x->ifindex > y->ifindex;
}

void model_sort(struct snapshot *s)
{
	if (s->nns)
		qsort(s->ns, s->nns, sizeof *s->ns, cmp_ns);
	if (s->nprocs)
		qsort(s->procs, s->nprocs, sizeof *s->procs, cmp_proc);
	if (s->nnets)
		qsort(s->nets, s->nnets, sizeof *s->nets, cmp_netns);
	for (size_t i = 0; i < s->nnets; i++)
		if (s->nets[i].nifs)
			qsort(s->nets[i].ifs, s->nets[i].nifs, sizeof(struct iface), cmp_iface);
}

struct ns *model_find_ns(const struct snapshot *s, enum ns_type t, uint64_t ino)
{
	struct ns key = { .type = t, .ino = ino };
	return s->nns ? bsearch(&key, s->ns, s->nns, sizeof key, cmp_ns) : NULL;
}

struct proc *model_find_proc(const struct snapshot *s, pid_t pid)
{
	struct proc key = { .pid = pid };
	return s->nprocs ? bsearch(&key, s->procs, s->nprocs, sizeof key, cmp_proc) : NULL;
}

struct netns *model_find_netns(const struct snapshot *s, uint64_t ino)
{
	struct netns key = { .ino = ino };
	return s->nnets ? bsearch(&key, s->nets, s->nnets, sizeof key, cmp_netns) : NULL;
}

struct iface *model_find_iface(const struct netns *n, int ifindex)
{
	struct iface key = { .ifindex = ifindex };
	return n->nifs ? bsearch(&key, n->ifs, n->nifs, sizeof key, cmp_iface) : NULL;
}

/* Depth of a hierarchical namespace by its parent chain; -1 if the chain is broken. */
static int chain_level(const struct snapshot *s, const struct ns *n)
{
	int level = 0;
	while (!n->initial) {
		if (!n->parent || level > 64)
			return -1;
		n = model_find_ns(s, n->type, n->parent);
		if (!n)
			return -1;
		level++;
	}
	return level;
}

void model_link(struct snapshot *s)
{
	model_sort(s);
	for (size_t i = 0; i < s->nns; i++) {
		struct ns *n = &s->ns[i];
		n->nprocs = 0;
		n->init_pid = 0;
		if (n->type == NS_PID || n->type == NS_USER)
			n->level = chain_level(s, n);
		else
			n->level = -1;
	}
	for (size_t i = 0; i < s->nprocs; i++) {
		struct proc *p = &s->procs[i];
		for (int t = 0; t < NS_LINK_MAX; t++) {
			if (!p->ns[t] || t == LINK_PID_FOR_CHILDREN || t == LINK_TIME_FOR_CHILDREN)
				continue;
			struct ns *n = model_find_ns(s, model_link_type(t), p->ns[t]);
			if (n)
				n->nprocs++;
		}
		struct ns *pn = model_find_ns(s, NS_PID, p->ns[LINK_PID]);
		if (!pn)
			continue;
		if (p->nnspid > 0 && p->nspid[p->nnspid - 1] == 1)
			pn->init_pid = p->nspid[0];
	}
	/* PID 1's links can be unreadable even for root, but an NSpid of just "1" says it
	 * is PID 1 of the namespace this /proc shows: the one of any other process whose
	 * NSpid has a single entry. */
	uint64_t top = 0;
	bool unreadable_init = false;
	for (size_t i = 0; i < s->nprocs; i++) {
		const struct proc *p = &s->procs[i];
		if (p->nnspid != 1)
			continue;
		if (p->ns[LINK_PID] && !top)
			top = p->ns[LINK_PID];
		if (!p->ns[LINK_PID] && p->nspid[0] == 1)
			unreadable_init = true;
	}
	struct ns *topns = top ? model_find_ns(s, NS_PID, top) : NULL;
	if (topns && unreadable_init && !topns->init_pid)
		topns->init_pid = 1;
	/* Without a parent chain (a fixture with no sidecar), a pid namespace's depth
	 * is how many pids its processes have beyond the viewer's own. */
	int viewer_level = 0;
	for (size_t i = 0; i < s->nprocs; i++) {
		struct proc *p = &s->procs[i];
		if (p->pid != s->viewer_pid)
			continue;
		struct ns *pn = model_find_ns(s, NS_PID, p->ns[LINK_PID]);
		if (pn && pn->level >= 0)
			viewer_level = pn->level;
	}
	for (size_t i = 0; i < s->nprocs; i++) {
		struct proc *p = &s->procs[i];
		struct ns *pn = model_find_ns(s, NS_PID, p->ns[LINK_PID]);
		if (pn && pn->level < 0 && p->nnspid > 0)
			pn->level = viewer_level + p->nnspid - 1;
	}
	for (size_t i = 0; i < s->nnets; i++) {
		struct ns *n = model_find_ns(s, NS_NET, s->nets[i].ino);
		s->nets[i].nprocs = n ? n->nprocs : 0;
	}
}

const char *model_net_label(const struct snapshot *s, uint64_t ino)
{
	const struct netns *nn = model_find_netns(s, ino);
	const struct ns *n = model_find_ns(s, NS_NET, ino);
	if (nn && nn->nnames)
		return nn->names[0];
	if (n && n->name)
		return n->name;
	if (n ? n->initial : ino == model_initial_ino(NS_NET))
		return "host";
	return NULL;
}

int model_pid_index(const struct snapshot *s, const struct proc *p, uint64_t pidns)
{
	const struct ns *own = model_find_ns(s, NS_PID, p->ns[LINK_PID]);
	const struct ns *target = model_find_ns(s, NS_PID, pidns);
	if (!own || !target || own->level < 0 || target->level < 0 || p->nnspid < 1)
		return -1;
	int idx = p->nnspid - 1 - (own->level - target->level);
	if (idx < 0 || idx >= p->nnspid)
		return -1;
	/* the target must be an ancestor of (or equal to) p's own namespace */
	const struct ns *n = own;
	while (n && n->level > target->level)
		n = n->parent ? model_find_ns(s, NS_PID, n->parent) : NULL;
	return n && n->ino == pidns ? idx : -1;
}

pid_t model_pid_in(const struct snapshot *s, const struct proc *p, uint64_t pidns)
{
	int i = model_pid_index(s, p, pidns);
	return i < 0 ? 0 : p->nspid[i];
}
