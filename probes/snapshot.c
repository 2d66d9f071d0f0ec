/*
 * snapshot: run the probes over one root and build the model.
 *
 * Every way a namespace is seen (a process's link, a thread's, an nsfs fd, a
 * socket, a bind mount) is first collected as a "sighting"; sorting them by
 * namespace gives each namespace once, with all its holders and one path to
 * open it by. Then, once per distinct namespace, the kernel (or a fixture's
 * sidecar) is asked for parent, owner and owner uid; namespaces reached only
 * that way are added and asked in turn. Last come names, network namespaces
 * (netlink) and the links model_link derives.
 */
#include "probes/snapshot.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "probes/netlink.h"
#include "probes/nsfs.h"
#include "probes/pids.h"
#include "probes/procfs.h"
#include "probes/source.h"
#include "src/util.h"

struct snapshot_ctx {
	struct source src;
	struct pids *pids;         /* live only */
	struct netlink_ctx *nl;    /* live, unless no_net */
	struct nsfs_sidecar *side; /* fixture with a sidecar file, else NULL */
	int home_uts;              /* live: our own uts namespace, to return to */
	uint64_t home_uts_ino;
	pid_t self;                /* this process, whose own fds are not scanned */
	struct strbuf buf;         /* file contents, reused for every read */
};

/* Ways to open a namespace again, best first (a process link is the cheapest and
 * the most stable; a thread may be gone soonest). */
enum via { VIA_PROC, VIA_FD, VIA_SOCKET, VIA_BIND, VIA_TASK };

struct sight {
	uint64_t ino;
	uint8_t type;  /* enum ns_type */
	uint8_t held;  /* one enum ns_held bit */
	uint8_t via;   /* enum via */
	uint8_t link;  /* VIA_PROC, VIA_TASK: enum ns_link */
	pid_t pid;
	pid_t tid;     /* VIA_TASK */
	int fd;        /* VIA_FD, VIA_SOCKET: the process's fd */
	int nsfd;      /* VIA_SOCKET: an open fd of the netns, or -1 */
	char *path;    /* VIA_BIND: mount point (owned) */
};

struct sock_ref {
	uint64_t ino; /* socket inode */
	pid_t pid;
	int fd;
};

struct scan {
	struct snapshot_ctx *c;
	struct snapshot *s;
	struct sight *v;
	size_t n, cap;
	struct sock_ref *socks;
	size_t nsocks, capsocks;
	pid_t pid; /* the process being read */
};

static void add_sight(struct scan *sc, const struct sight *x)
{
	if (sc->n == sc->cap) {
		sc->cap = sc->cap ? sc->cap * 2 : 1024;
		sc->v = xrealloc(sc->v, sc->cap * sizeof *sc->v);
	}
	sc->v[sc->n++] = *x;
}

/* Record a path that could not be read, unless its process simply went away. */
static void report(struct snapshot *s, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void report(struct snapshot *s, int err, const char *fmt, ...)
{
	if (util_vanished(err))
		return;
	struct strbuf sb = { 0 };
	va_list ap;
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	char *path = source_report_path(sb.buf);
	model_add_err(s, path, err);
	free(path);
	sb_free(&sb);
}

int snapshot_open(const struct snapshot_opts *o, struct snapshot_ctx **ret)
{
	struct snapshot_ctx *c = xcalloc(1, sizeof *c);
	struct stat st;
	int r;

	c->home_uts = -1;
	c->self = getpid();
	r = source_open(o->proc_root, &c->src);
	if (r < 0) {
		free(c);
		return r;
	}
	if (c->src.live) {
		if (o->resources) {
			r = pids_open(&c->pids);
			if (r < 0)
				goto fail;
		}
		c->home_uts = openat(c->src.root, "self/ns/uts", O_RDONLY | O_CLOEXEC);
		if (c->home_uts >= 0 && fstat(c->home_uts, &st) == 0)
			c->home_uts_ino = (uint64_t)st.st_ino;
		if (!o->no_net)
			c->nl = netlink_new();
	} else {
		r = nsfs_sidecar_load(c->src.root, &c->side, NULL);
		if (r < 0 && r != -ENOENT)
			goto fail; /* a malformed sidecar is a broken fixture */
	}
	*ret = c;
	return 0;
fail:
	snapshot_close(c);
	return r;
}

void snapshot_close(struct snapshot_ctx *c)
{
	if (!c)
		return;
	source_close(&c->src);
	pids_close(c->pids);
	netlink_free(c->nl);
	nsfs_sidecar_free(c->side);
	if (c->home_uts >= 0)
		close(c->home_uts);
	sb_free(&c->buf);
	free(c);
}

/* --- per process -------------------------------------------------------- */

struct task_walk {
	struct scan *sc;
	int pd;
	const struct proc *p;
};

static void scan_task(void *arg, pid_t tid)
{
	struct task_walk *w = arg;
	uint64_t ino[NS_LINK_MAX];
	int err[NS_LINK_MAX];
	char sub[48];

	if (tid == w->p->pid)
		return;
	snprintf(sub, sizeof sub, "task/%d/ns", (int)tid);
	int r = procfs_read_ns(w->pd, sub, ino, err);
	if (r < 0) {
		report(w->sc->s, r, "%d/%s", (int)w->p->pid, sub);
		return;
	}
	for (int l = 0; l < NS_LINK_MAX; l++) {
		if (!ino[l]) {
			report(w->sc->s, err[l], "%d/%s/%s", (int)w->p->pid, sub, model_link_name(l));
			continue;
		}
		if (ino[l] == w->p->ns[l])
			continue;
		struct sight x = { .ino = ino[l], .type = model_link_type(l), .held = HELD_TASK,
				   .via = VIA_TASK, .link = l, .pid = w->p->pid, .tid = tid,
				   .nsfd = -1 };
		add_sight(w->sc, &x);
	}
}

/* An fd that reads back as a path (opened through a bind mount, "/" once that
 * mount is gone) may still be a namespace: only stat can tell, live. */
static int fd_by_stat(struct scan *sc, int fddir, const char *name, uint64_t *ret_ino)
{
	struct stat st;
	if (!sc->c->src.nsfs_dev || fstatat(fddir, name, &st, 0) < 0 ||
	    st.st_dev != sc->c->src.nsfs_dev)
		return -1;
	int fd = openat(fddir, name, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int t = nsfs_type_of(fd);
	close(fd);
	*ret_ino = (uint64_t)st.st_ino;
	return t;
}

static void scan_fd(void *arg, int fddir, int fd, const char *text, size_t len)
{
	struct scan *sc = arg;
	uint64_t ino = 0;
	int t = -1;

	if (len > 8 && !memcmp(text, "socket:[", 8)) {
		if (!sc->c->src.live)
			return;
		uint64_t sino = strtoull(text + 8, NULL, 10);
		if (sc->nsocks == sc->capsocks) {
			sc->capsocks = sc->capsocks ? sc->capsocks * 2 : 256;
			sc->socks = xrealloc(sc->socks, sc->capsocks * sizeof *sc->socks);
		}
		sc->socks[sc->nsocks++] = (struct sock_ref){ sino, sc->pid, fd };
		return;
	}
	if (text[0] == '/') {
		char name[16];
		if (!sc->c->src.live)
			return;
		snprintf(name, sizeof name, "%d", fd);
		t = fd_by_stat(sc, fddir, name, &ino);
	} else {
		t = procfs_parse_ns_link(text, len, &ino);
	}
	if (t < 0)
		return;
	struct sight x = { .ino = ino, .type = t, .held = HELD_FD, .via = VIA_FD, .pid = sc->pid,
			   .fd = fd, .nsfd = -1 };
	add_sight(sc, &x);
}

/* Read one process; a process that vanished is skipped without a word. */
static void scan_proc(struct scan *sc, pid_t pid, const struct pids_entry *pe)
{
	struct snapshot_ctx *c = sc->c;
	struct snapshot *s = sc->s;
	uint64_t ino[NS_LINK_MAX];
	int err[NS_LINK_MAX];
	unsigned threads = 1;
	char name[16];
	int r;

	snprintf(name, sizeof name, "%d", (int)pid);
	int pd = openat(c->src.root, name, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (pd < 0) {
		report(s, -errno, "%s", name);
		return;
	}
	r = procfs_read_file(pd, "status", &c->buf, true);
	if (r < 0) {
		report(s, r, "%s/status", name);
		goto out;
	}
	struct proc *p = model_add_proc(s, pid);
	if (procfs_parse_status(c->buf.buf, c->buf.len, p, &threads) < 0)
		report(s, -EINVAL, "%s/status", name);
	if (pe) {
		p->state = pe->state;
		p->rss_kib = pe->rss_kib;
		p->cpu_ticks = pe->cpu_ticks;
		p->start_ticks = pe->start_ticks;
	}
	r = procfs_read_file(pd, "cmdline", &c->buf, true);
	if (r == 0)
		procfs_parse_cmdline(c->buf.buf, c->buf.len, p);
	else
		report(s, r, "%s/cmdline", name);
	r = procfs_read_file(pd, "cgroup", &c->buf, true);
	if (r == 0)
		procfs_parse_cgroup(c->buf.buf, c->buf.len, p);
	else
		report(s, r, "%s/cgroup", name);

	/* without the directory no link was read: its one error (none if the process
	 * just exited) says it all */
	r = procfs_read_ns(pd, "ns", ino, err);
	if (r < 0)
		report(s, r, "%s/ns", name);
	for (int l = 0; r == 0 && l < NS_LINK_MAX; l++) {
		p->ns[l] = ino[l];
		if (!ino[l]) {
			report(s, err[l], "%s/ns/%s", name, model_link_name(l));
			continue;
		}
		struct sight x = { .ino = ino[l], .type = model_link_type(l), .held = HELD_PROCESS,
				   .via = VIA_PROC, .link = l, .pid = pid, .nsfd = -1 };
		add_sight(sc, &x);
	}
	/* p stays valid below: no process is added until this one is done */
	if (threads > 1) {
		struct task_walk w = { sc, pd, p };
		r = procfs_list_numeric(pd, "task", scan_task, &w);
		if (r < 0)
			report(s, r, "%s/task", name);
	}
	/* our own fds are this program's tools (the uts namespace to return to, the
	 * netlink sockets kept in every netns): they would make every namespace look held */
	if (c->src.live && pid == c->self)
		goto out;
	sc->pid = pid;
	r = procfs_read_fds(pd, scan_fd, sc);
	if (r < 0)
		report(s, r, "%s/fd", name);
out:
	close(pd);
}

struct pid_list {
	pid_t *v;
	size_t n, cap;
};

static void add_pid(void *arg, pid_t pid)
{
	struct pid_list *l = arg;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 256;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n++] = pid;
}

static int cmp_pid(const void *a, const void *b)
{
	pid_t x = *(const pid_t *)a, y = *(const pid_t *)b;
	return x < y ? -1 : x > y;
}

static int scan_procs(struct scan *sc)
{
	struct snapshot_ctx *c = sc->c;
	if (c->pids) {
		struct pids_entry *pe = NULL;
		size_t n = 0;
		int r = pids_read(c->pids, &pe, &n);
		if (r < 0)
			return r;
		for (size_t i = 0; i < n; i++)
			scan_proc(sc, pe[i].pid, &pe[i]);
		free(pe);
		return 0;
	}
	struct pid_list l = { 0 };
	int r = procfs_list_numeric(c->src.root, ".", add_pid, &l);
	if (r < 0)
		return r;
	if (l.n)
		qsort(l.v, l.n, sizeof *l.v, cmp_pid);
	for (size_t i = 0; i < l.n; i++)
		scan_proc(sc, l.v[i], NULL);
	free(l.v);
	return 0;
}

/* --- bind mounts: one mountinfo per distinct mount namespace ------------- */

struct bind_walk {
	struct scan *sc;
	pid_t pid;
};

static void add_bind(void *arg, enum ns_type t, uint64_t ino, const char *path)
{
	struct bind_walk *w = arg;
	struct sight x = { .ino = ino, .type = t, .held = HELD_BIND, .via = VIA_BIND,
			   .pid = w->pid, .nsfd = -1, .path = xstrdup(path) };
	add_sight(w->sc, &x);
}

struct mnt_rep {
	uint64_t mnt;
	pid_t pid;
};

static int cmp_mnt_rep(const void *a, const void *b)
{
	const struct mnt_rep *x = a, *y = b;
	if (x->mnt != y->mnt)
		return x->mnt < y->mnt ? -1 : 1;
	return x->pid < y->pid ? -1 : x->pid > y->pid;
}

static void scan_binds(struct scan *sc)
{
	struct snapshot *s = sc->s;
	struct mnt_rep *v = xcalloc(s->nprocs + 1, sizeof *v);
	size_t n = 0;
	for (size_t i = 0; i < s->nprocs; i++)
		if (s->procs[i].ns[LINK_MNT])
			v[n++] = (struct mnt_rep){ s->procs[i].ns[LINK_MNT], s->procs[i].pid };
	if (n)
		qsort(v, n, sizeof *v, cmp_mnt_rep);
	/* one process speaks for its mount namespace; if it exited meanwhile the next
	 * one does, so that a vanished process does not hide the namespace's bind mounts */
	uint64_t done = 0;
	for (size_t i = 0; i < n; i++) {
		if (v[i].mnt == done)
			continue;
		char path[32];
		snprintf(path, sizeof path, "%d/mountinfo", (int)v[i].pid);
		int r = procfs_read_file(sc->c->src.root, path, &sc->c->buf, false);
		if (util_vanished(r))
			continue;
		done = v[i].mnt;
		if (r < 0) {
			report(s, r, "%s", path);
			continue;
		}
		struct bind_walk w = { sc, v[i].pid };
		procfs_parse_mountinfo(sc->c->buf.buf, sc->c->buf.len, add_bind, &w);
	}
	free(v);
}

/* --- sockets: one SIOCGSKNS per distinct socket inode ---------------------- */

static int cmp_sock(const void *a, const void *b)
{
	const struct sock_ref *x = a, *y = b;
	if (x->ino != y->ino)
		return x->ino < y->ino ? -1 : 1;
	if (x->pid != y->pid)
		return x->pid < y->pid ? -1 : 1;
	return x->fd < y->fd ? -1 : x->fd > y->fd;
}

/* The distinct network namespaces already holding an fd in a sighting, sorted. */
struct ino_set {
	uint64_t *v;
	size_t n, cap;
};

static bool ino_set_add(struct ino_set *set, uint64_t ino)
{
	size_t lo = 0, hi = set->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (set->v[mid] == ino)
			return false;
		if (set->v[mid] < ino)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (set->n == set->cap) {
		set->cap = set->cap ? set->cap * 2 : 64;
		set->v = xrealloc(set->v, set->cap * sizeof *set->v);
	}
	memmove(set->v + lo + 1, set->v + lo, (set->n - lo) * sizeof *set->v);
	set->v[lo] = ino;
	set->n++;
	return true;
}

static void scan_sockets(struct scan *sc)
{
	struct ino_set kept = { 0 };
	if (sc->nsocks)
		qsort(sc->socks, sc->nsocks, sizeof *sc->socks, cmp_sock);
	for (size_t i = 0; i < sc->nsocks;) {
		size_t j = i;
		while (j < sc->nsocks && sc->socks[j].ino == sc->socks[i].ino)
			j++;
		/* ask through the first holder that still has it */
		int nsfd = -1, r = -ENOENT;
		for (size_t k = i; k < j && nsfd < 0; k++) {
			r = nsfs_socket_netns(sc->socks[k].pid, sc->socks[k].fd, &nsfd);
			if (r < 0 && !util_vanished(r) && r != -EBADF)
				report(sc->s, r, "%d/fd/%d", (int)sc->socks[k].pid, sc->socks[k].fd);
		}
		struct stat st;
		if (nsfd >= 0 && fstat(nsfd, &st) == 0) {
			uint64_t ino = (uint64_t)st.st_ino;
			bool keep = ino_set_add(&kept, ino);
			for (size_t k = i; k < j; k++) {
				struct sight x = { .ino = ino, .type = NS_NET, .held = HELD_SOCKET,
						   .via = VIA_SOCKET, .pid = sc->socks[k].pid,
						   .fd = sc->socks[k].fd, .nsfd = -1 };
				if (keep && k == i)
					x.nsfd = nsfd;
				add_sight(sc, &x);
			}
			if (!keep)
				close(nsfd);
		} else if (nsfd >= 0) {
			close(nsfd);
		}
		i = j;
	}
	free(kept.v);
}

/* --- from sightings to namespaces --------------------------------------- */

static int cmp_sight(const void *a, const void *b)
{
	const struct sight *x = a, *y = b;
	if (x->type != y->type)
		return x->type < y->type ? -1 : 1;
	if (x->ino != y->ino)
		return x->ino < y->ino ? -1 : 1;
	if (x->via != y->via)
		return x->via < y->via ? -1 : 1;
	if (x->pid != y->pid)
		return x->pid < y->pid ? -1 : 1;
	return x->fd < y->fd ? -1 : x->fd > y->fd;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Build the namespaces from the sorted sightings; ret_open[i] is the sighting to
 * open namespace i by (the first of its group: the best way, by the sort). */
static void build_ns(struct scan *sc, size_t **ret_open)
{
	struct snapshot *s = sc->s;
	size_t *open = xcalloc(sc->n + 1, sizeof *open);
	if (sc->n)
		qsort(sc->v, sc->n, sizeof *sc->v, cmp_sight);
	for (size_t i = 0; i < sc->n;) {
		size_t j = i;
		while (j < sc->n && sc->v[j].type == sc->v[i].type && sc->v[j].ino == sc->v[i].ino)
			j++;
		open[s->nns] = i;
		struct ns *n = model_add_ns(s, sc->v[i].type, sc->v[i].ino);
		for (size_t k = i; k < j; k++) {
			const struct sight *x = &sc->v[k];
			n->held |= x->held;
			if (x->via == VIA_FD || x->via == VIA_SOCKET) {
				/* sorted by pid and fd within a way, so a repeat is adjacent */
				if (n->nfds && n->fds[n->nfds - 1].pid == x->pid &&
				    n->fds[n->nfds - 1].fd == x->fd)
					continue;
				n->fds = xrealloc(n->fds, (n->nfds + 1) * sizeof *n->fds);
				n->fds[n->nfds++] = (struct ns_fd){ x->pid, x->fd };
			} else if (x->via == VIA_BIND) {
				bool dup = false;
				for (size_t b = 0; b < n->nbinds && !dup; b++)
					dup = !strcmp(n->binds[b], x->path);
				if (dup)
					continue;
				n->binds = xrealloc(n->binds, (n->nbinds + 1) * sizeof *n->binds);
				n->binds[n->nbinds++] = xstrdup(x->path);
			}
		}
		if (n->nbinds > 1)
			qsort(n->binds, n->nbinds, sizeof *n->binds, cmp_str);
		i = j;
	}
	*ret_open = open;
}

/* Open a namespace again the way a sighting saw it, and check it is still the same one. */
static int open_sight(struct scan *sc, struct sight *x)
{
	char path[4200];
	int root = sc->c->src.root, fd;
	struct stat st;

	switch (x->via) {
	case VIA_PROC:
		snprintf(path, sizeof path, "%d/ns/%s", (int)x->pid, model_link_name(x->link));
		break;
	case VIA_TASK:
		snprintf(path, sizeof path, "%d/task/%d/ns/%s", (int)x->pid, (int)x->tid,
			 model_link_name(x->link));
		break;
	case VIA_FD:
		snprintf(path, sizeof path, "%d/fd/%d", (int)x->pid, x->fd);
		break;
	case VIA_SOCKET:
		fd = x->nsfd;
		x->nsfd = -1;
		return fd >= 0 ? fd : -EBADF;
	case VIA_BIND:
	default:
		/* the mount point is in that process's mount namespace: go through its root */
		snprintf(path, sizeof path, "%d/root%s", (int)x->pid, x->path);
		break;
	}
	fd = openat(root, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		int r = -errno;
		report(sc->s, r, "%s", path);
		return r;
	}
	if (fstat(fd, &st) < 0 || (uint64_t)st.st_ino != x->ino) {
		close(fd); /* it moved on since it was seen */
		return -ESRCH;
	}
	return fd;
}

/* --- hierarchy, hostnames and network namespace fds ----------------------- */

struct walk {
	struct scan *sc;
	size_t nsorted;            /* s->ns[0..nsorted) is sorted; the rest was added since */
	int *fds;                  /* per namespace: an open fd, or -1 */
	struct netns_handle *nets; /* network namespaces to probe */
	size_t nnets;
};

static ssize_t find_ns(struct walk *w, enum ns_type t, uint64_t ino)
{
	struct snapshot *s = w->sc->s;
	size_t lo = 0, hi = w->nsorted;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const struct ns *n = &s->ns[mid];
		if (n->type == t && n->ino == ino)
			return (ssize_t)mid;
		if (n->type < t || (n->type == t && n->ino < ino))
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = w->nsorted; i < s->nns; i++)
		if (s->ns[i].type == t && s->ns[i].ino == ino)
			return (ssize_t)i;
	return -1;
}

/* A parent or owner: known already, or added as held only that way. Takes fd. */
static void relative(struct walk *w, enum ns_type t, uint64_t ino, int fd)
{
	struct snapshot *s = w->sc->s;
	if (!ino || find_ns(w, t, ino) >= 0) {
		if (fd >= 0)
			close(fd);
		return;
	}
	model_add_ns(s, t, ino)->held = HELD_PARENT;
	w->fds = xrealloc(w->fds, s->nns * sizeof *w->fds);
	w->fds[s->nns - 1] = fd;
}

static int ask(struct walk *w, size_t i, bool want_net)
{
	struct snapshot_ctx *c = w->sc->c;
	struct snapshot *s = w->sc->s;
	enum ns_type t = s->ns[i].type;
	uint64_t ino = s->ns[i].ino;
	int fd = w->fds[i];
	w->fds[i] = -1;

	if (!c->src.live) {
		const struct nsfs_entry *e = nsfs_sidecar_find(c->side, t, ino);
		if (!e)
			return 0;
		s->ns[i].parent = e->parent;
		s->ns[i].owner = e->owner;
		s->ns[i].owner_uid = e->owner_uid;
		if (t == NS_UTS && e->name)
			s->ns[i].name = xstrdup(e->name);
		relative(w, t, e->parent, -1);
		relative(w, NS_USER, e->owner, -1);
		return 0;
	}
	if (fd < 0)
		return 0;
	struct nsfs_info info;
	nsfs_query(fd, t, &info);
	s->ns[i].parent = info.parent;
	s->ns[i].owner = info.owner;
	s->ns[i].owner_uid = info.owner_uid;
	relative(w, t, info.parent, info.parent_fd);
	relative(w, NS_USER, info.owner, info.owner_fd);
	if (t == NS_UTS) {
		struct utsname u;
		char *name = NULL;
		bool fatal = false;
		if (ino == c->home_uts_ino && uname(&u) == 0) {
			name = xstrdup(u.nodename);
		} else if (c->home_uts >= 0) {
			int r = nsfs_uts_hostname(fd, c->home_uts, &name, &fatal);
			if (fatal) {
				close(fd);
				return r;
			}
		}
		s->ns[i].name = name;
	}
	if (t == NS_NET && want_net) {
		w->nets = xrealloc(w->nets, (w->nnets + 1) * sizeof *w->nets);
		w->nets[w->nnets++] = (struct netns_handle){ ino, fd };
		return 0;
	}
	close(fd);
	return 0;
}

/* --- names and the initial namespaces --------------------------------------- */

static void mark_initial(struct snapshot *s)
{
	bool found[NS_TYPE_MAX] = { 0 };
	for (size_t i = 0; i < s->nns; i++) {
		struct ns *n = &s->ns[i];
		n->initial = n->ino == model_initial_ino(n->type);
		found[n->type] |= n->initial;
	}
	/* older kernels number the initial namespaces freely: kthreadd (pid 2) is in them */
	const struct proc *kt = model_find_proc(s, 2);
	for (int l = 0; kt && l < NS_LINK_MAX; l++) {
		struct ns *n = model_find_ns(s, model_link_type(l), kt->ns[l]);
		if (n && !found[n->type])
			n->initial = true;
	}
}

/* "/run/netns/blue" -> "blue"; NULL for a path that names no network namespace. */
static const char *netns_name(const char *path)
{
	static const char *const dirs[] = { "/run/netns/", "/var/run/netns/", "/run/docker/netns/",
					     "/var/run/docker/netns/" };
	for (size_t i = 0; i < ARRAY_SIZE(dirs); i++) {
		size_t l = strlen(dirs[i]);
		if (!strncmp(path, dirs[i], l) && path[l] && !strchr(path + l, '/'))
			return path + l;
	}
	return NULL;
}

static void name_namespaces(struct snapshot *s)
{
	for (size_t i = 0; i < s->nns; i++) {
		struct ns *n = &s->ns[i];
		for (size_t b = 0; n->type == NS_NET && !n->name && b < n->nbinds; b++) {
			const char *nm = netns_name(n->binds[b]);
			if (nm && !strncmp(n->binds[b], "/run/netns/", 11))
				n->name = xstrdup(nm);
		}
		for (size_t b = 0; n->type == NS_NET && !n->name && b < n->nbinds; b++) {
			const char *nm = netns_name(n->binds[b]);
			if (nm)
				n->name = xstrdup(nm);
		}
	}
	for (size_t i = 0; i < s->nprocs; i++) {
		const struct proc *p = &s->procs[i];
		if (!p->ctr_runtime || !p->ctr_id)
			continue;
		for (int l = 0; l < NS_LINK_MAX; l++) {
			struct ns *n = model_find_ns(s, model_link_type(l), p->ns[l]);
			if (n && !n->initial && !n->name)
				n->name = xasprintf("%s:%.12s", p->ctr_runtime, p->ctr_id);
		}
	}
	/* a network namespace with no other name is called after the hostname of the
	 * first process in it that has a uts namespace of its own, as a container is */
	for (size_t i = 0; i < s->nprocs; i++) {
		const struct proc *p = &s->procs[i];
		struct ns *net = model_find_ns(s, NS_NET, p->ns[LINK_NET]);
		const struct ns *uts = model_find_ns(s, NS_UTS, p->ns[LINK_UTS]);
		if (net && !net->initial && !net->name && uts && !uts->initial && uts->name)
			net->name = xstrdup(uts->name);
	}
}

static void add_netns(struct snapshot *s)
{
	for (size_t i = 0; i < s->nns; i++) {
		const struct ns *n = &s->ns[i];
		if (n->type != NS_NET)
			continue;
		struct netns *nn = model_add_netns(s, n->ino);
		for (size_t b = 0; b < n->nbinds; b++) {
			const char *nm = netns_name(n->binds[b]);
			bool dup = false;
			for (size_t k = 0; nm && k < nn->nnames && !dup; k++)
				dup = !strcmp(nn->names[k], nm);
			if (!nm || dup)
				continue;
			nn->names = xrealloc(nn->names, (nn->nnames + 1) * sizeof *nn->names);
			nn->names[nn->nnames++] = xstrdup(nm);
		}
	}
}

/* --- the whole ------------------------------------------------------------- */

static void scan_free(struct scan *sc)
{
	for (size_t i = 0; i < sc->n; i++) {
		free(sc->v[i].path);
		if (sc->v[i].nsfd >= 0)
			close(sc->v[i].nsfd);
	}
	free(sc->v);
	free(sc->socks);
}

int snapshot_take(struct snapshot_ctx *c, struct snapshot **ret)
{
	struct snapshot *s = model_new();
	struct scan sc = { .c = c, .s = s };
	struct walk w = { .sc = &sc };
	size_t *open = NULL;
	struct utsname u;
	int r;

	s->live = c->src.live;
	r = scan_procs(&sc);
	if (r < 0)
		goto out;
	scan_binds(&sc);
	if (c->src.live)
		scan_sockets(&sc);
	build_ns(&sc, &open);

	w.nsorted = s->nns;
	w.fds = xcalloc(s->nns + 1, sizeof *w.fds);
	for (size_t i = 0; i < s->nns; i++)
		w.fds[i] = c->src.live ? open_sight(&sc, &sc.v[open[i]]) : -1;
	/* parents and owners are appended as they are found, and asked in turn */
	for (size_t i = 0; i < s->nns; i++) {
		r = ask(&w, i, c->nl != NULL);
		if (r < 0)
			goto out;
	}
	model_sort(s);
	mark_initial(s);
	name_namespaces(s);
	add_netns(s);
	model_sort(s);
	if (c->nl && w.nnets) {
		r = netlink_probe(c->nl, s, w.nets, w.nnets);
		if (r < 0)
			goto out;
	}

	s->viewer_pid = getpid();
	s->viewer_euid = geteuid();
	if (c->side && c->side->has_viewer) {
		s->viewer_pid = c->side->viewer_pid;
		s->viewer_euid = c->side->viewer_euid;
	}
	if (c->side && c->side->kernel[0])
		snprintf(s->kernel, sizeof s->kernel, "%s", c->side->kernel);
	else if (uname(&u) == 0)
		snprintf(s->kernel, sizeof s->kernel, "%s", u.release);
	model_link(s);
	r = 0;
out:
	for (size_t i = 0; w.fds && i < s->nns; i++)
		if (w.fds[i] >= 0)
			close(w.fds[i]);
	for (size_t i = 0; i < w.nnets; i++)
		close(w.nets[i].fd);
	free(w.nets);
	free(w.fds);
	free(open);
	scan_free(&sc);
	if (r < 0) {
		model_free(s);
		return r;
	}
	*ret = s;
	return 0;
}
