/*
 * text: the --tree and --list writers over one snapshot.
 *
 * --tree nests PID namespaces under their parents; inside each, its processes form a
 * parent/child tree by ppid, each shown with its PID at every level from the
 * perspective's down to its own. --list is one aligned line per namespace, like lsns.
 * Every string from the system passes through sb_add_safe, so nothing the system
 * names can steer the terminal. Output is built in a strbuf and written once.
 */
#include "src/text.h"

#include <errno.h>
#include <inttypes.h>
#include <locale.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include "src/util.h"

/* Drawing characters: UTF-8 unless the locale names another character set. */
struct glyphs {
	const char *arrow, *tee, *last, *bar, *blank;
};

static const struct glyphs glyphs_utf8 = { " \u2192 ", "\u251c\u2500 ", "\u2514\u2500 ", "\u2502  ",
					   "   " };
static const struct glyphs glyphs_ascii = { " -> ", "|- ", "`- ", "|  ", "   " };

/*
 * The contract shows "4321 → 7 → 1", so UTF-8 is the default, also for an unset
 * locale or "C"; only a locale that names a character set other than UTF-8
 * (LC_ALL, else LC_CTYPE, else LANG, e.g. "de_DE.ISO-8859-1") gets ASCII.
 */
static const struct glyphs *text_glyphs(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_CTYPE", "LANG" };
	for (size_t i = 0; i < ARRAY_SIZE(vars); i++) {
		const char *v = getenv(vars[i]);
		if (!v || !*v)
			continue;
		const char *dot = strchr(v, '.');
		if (!dot)
			return &glyphs_utf8;
		dot++;
		size_t n = strcspn(dot, "@");
		if ((n == 5 && strncasecmp(dot, "utf-8", 5) == 0) ||
		    (n == 4 && strncasecmp(dot, "utf8", 4) == 0))
			return &glyphs_utf8;
		return &glyphs_ascii;
	}
	return &glyphs_utf8;
}

int text_write_buf(FILE *f, struct strbuf *sb)
{
	int r = 0;
	errno = 0;
	if (fwrite(sb->buf ? sb->buf : "", 1, sb->len, f) != sb->len || fflush(f) != 0)
		r = errno ? -errno : -EIO;
	sb_free(sb);
	return r;
}

static void add_safe_str(struct strbuf *sb, const char *s)
{
	if (s)
		sb_add_safe(sb, s, strlen(s));
}

/* The command line joined by spaces, or [comm] for a process without one. */
static void add_cmdline(struct strbuf *sb, const struct proc *p)
{
	if (!p->argv || p->argc == 0 || !p->argv[0]) {
		sb_addc(sb, '[');
		sb_add_safe(sb, p->comm, strnlen(p->comm, sizeof p->comm));
		sb_addc(sb, ']');
		return;
	}
	for (size_t i = 0; i < p->argc && p->argv[i]; i++) {
		if (i)
			sb_addc(sb, ' ');
		add_safe_str(sb, p->argv[i]);
	}
}

/*
 * A fixture's uids belong to the machine it was captured on, so they are shown as
 * numbers there; a live snapshot shows names where the passwd database has one.
 */
static void add_user(struct strbuf *sb, const struct snapshot *s, uid_t uid)
{
	struct passwd *pw = s->live ? getpwuid(uid) : NULL;
	if (pw && pw->pw_name)
		add_safe_str(sb, pw->pw_name);
	else
		sb_addf(sb, "uid %u", (unsigned)uid);
}

/* The per-call state of one --tree run. */
struct tree {
	const struct snapshot *s;
	const struct glyphs *g;
	struct strbuf out, prefix;
	uint64_t from_ns;    /* the perspective's PID namespace; 0 = the snapshot's view */
	ssize_t *ns_parent;  /* per ns index: parent pid ns index or -1 */
	ssize_t *ns_kids;    /* per ns index: first child namespace */
	ssize_t *ns_next;    /* next sibling namespace */
	ssize_t *ns_procs;   /* per ns index: first root process in it */
	ssize_t top;	     /* the ns index of the PID namespace /proc belongs to, or -1 */
	int shortest;	     /* the fewest NSpid entries of any process */
	ssize_t *ns_init;    /* per ns index: its PID 1 as a proc index, or -1 */
	unsigned *ns_count;  /* per ns index: processes placed in it */
	ssize_t *proc_of_ns; /* per proc: its pid ns index or -1 */
	ssize_t *proc_kids;  /* per proc: first child process in the same ns */
	ssize_t *proc_next;  /* next sibling process */
	bool *proc_shown;    /* visible from the perspective */
	bool *ns_done, *proc_done;
};

static ssize_t ns_index(const struct snapshot *s, uint64_t ino)
{
	const struct ns *n = ino ? model_find_ns(s, NS_PID, ino) : NULL;
	return n ? n - s->ns : -1;
}

static ssize_t proc_index(const struct snapshot *s, pid_t pid)
{
	const struct proc *p = pid > 0 ? model_find_proc(s, pid) : NULL;
	return p ? p - s->procs : -1;
}

/*
 * The parent of PID namespace k: NS_GET_PARENT's answer when there is one, else the
 * namespace of whoever forked its PID 1 (how unshare --fork and clone() make them),
 * if that sits one level up.
 */
static ssize_t tree_ns_parent(const struct snapshot *s, size_t k)
{
	const struct ns *n = &s->ns[k];
	ssize_t pk = ns_index(s, n->parent);
	if (pk >= 0 || n->initial)
		return pk == (ssize_t)k ? -1 : pk;
	ssize_t init = proc_index(s, n->init_pid);
	if (init < 0)
		return -1;
	ssize_t forker = proc_index(s, s->procs[init].ppid);
	if (forker < 0)
		return -1;
	pk = ns_index(s, s->procs[forker].ns[LINK_PID]);
	if (pk < 0 || pk == (ssize_t)k)
		return -1;
	if (n->level >= 0 && s->ns[pk].level >= 0 && s->ns[pk].level != n->level - 1)
		return -1;
	return pk;
}

/* Put item first in the list at *head, linked through next[]: callers walk the items
 * backwards, so every list comes out in ascending order (inode, pid) in O(1) each. */
static void list_push(ssize_t *head, ssize_t *next, ssize_t item)
{
	next[item] = *head;
	*head = item;
}

static void tree_free(struct tree *t)
{
	free(t->ns_parent);
	free(t->ns_kids);
	free(t->ns_next);
	free(t->ns_procs);
	free(t->ns_init);
	free(t->ns_count);
	free(t->proc_of_ns);
	free(t->proc_kids);
	free(t->proc_next);
	free(t->proc_shown);
	free(t->ns_done);
	free(t->proc_done);
	sb_free(&t->out);
	sb_free(&t->prefix);
}

/*
 * Make every parent chain in up[] end at -1: a ppid cycle (only a corrupt or hostile
 * tree has one) is cut where it is found, so each process is printed exactly once.
 * Linear: each element is walked while unvisited, then marked done.
 */
static void tree_break_cycles(ssize_t *up, size_t n)
{
	enum { UNVISITED, ON_PATH, DONE };
	unsigned char *state = xcalloc(n ? n : 1, 1);
	for (size_t i = 0; i < n; i++) {
		ssize_t j = (ssize_t)i;
		while (j >= 0 && state[j] == UNVISITED) {
			state[j] = ON_PATH;
			j = up[j];
		}
		if (j >= 0 && state[j] == ON_PATH)
			up[j] = -1;
		for (j = (ssize_t)i; j >= 0 && state[j] == ON_PATH; j = up[j])
			state[j] = DONE;
	}
	free(state);
}

/*
 * Find the PID namespace the /proc tree belongs to (t->top, an ns index): that of the
 * processes with the shortest NSpid, found through one whose ns/pid link is readable.
 */
static void tree_find_top(struct tree *t)
{
	const struct snapshot *s = t->s;

	t->top = -1;
	t->shortest = NSPID_MAX + 1;
	for (size_t i = 0; i < s->nprocs; i++)
		if (s->procs[i].nnspid > 0 && s->procs[i].nnspid < t->shortest)
			t->shortest = s->procs[i].nnspid;
	for (size_t i = 0; i < s->nprocs && t->top < 0; i++)
		if (s->procs[i].nnspid == t->shortest)
			t->top = ns_index(s, s->procs[i].ns[LINK_PID]);
}

/*
 * The PID namespace of p, as an ns index, or -1. An unreadable link (PID 1 here:
 * /proc/1/ns is EACCES even for root) with an NSpid as short as any still tells:
 * p is in the namespace the /proc tree belongs to.
 */
static ssize_t tree_proc_ns(const struct tree *t, const struct proc *p)
{
	ssize_t k = ns_index(t->s, p->ns[LINK_PID]);
	if (k < 0 && p->nnspid > 0 && p->nnspid == t->shortest)
		k = t->top;
	return k;
}

/* Link namespaces to their children and processes to their parents within one namespace. */
static void tree_build(struct tree *t)
{
	const struct snapshot *s = t->s;
	size_t nn = s->nns ? s->nns : 1, np = s->nprocs ? s->nprocs : 1;

	t->ns_parent = xmalloc(nn * sizeof(ssize_t));
	t->ns_kids = xmalloc(nn * sizeof(ssize_t));
	t->ns_next = xmalloc(nn * sizeof(ssize_t));
	t->ns_procs = xmalloc(nn * sizeof(ssize_t));
	t->ns_init = xmalloc(nn * sizeof(ssize_t));
	t->ns_count = xcalloc(nn, sizeof(unsigned));
	t->proc_of_ns = xmalloc(np * sizeof(ssize_t));
	t->proc_kids = xmalloc(np * sizeof(ssize_t));
	t->proc_next = xmalloc(np * sizeof(ssize_t));
	t->proc_shown = xcalloc(np, sizeof(bool));
	t->ns_done = xcalloc(nn, sizeof(bool));
	t->proc_done = xcalloc(np, sizeof(bool));
	for (size_t k = 0; k < s->nns; k++) {
		t->ns_kids[k] = t->ns_next[k] = t->ns_procs[k] = -1;
		t->ns_init[k] = proc_index(s, s->ns[k].init_pid);
		t->ns_parent[k] = s->ns[k].type == NS_PID ? tree_ns_parent(s, k) : -1;
	}
	for (size_t k = s->nns; k-- > 0;)
		if (t->ns_parent[k] >= 0)
			list_push(&t->ns_kids[t->ns_parent[k]], t->ns_next, (ssize_t)k);

	for (size_t i = 0; i < s->nprocs; i++) {
		const struct proc *p = &s->procs[i];
		ssize_t k = tree_proc_ns(t, p);
		t->proc_kids[i] = t->proc_next[i] = -1;
		t->proc_of_ns[i] = k;
		if (k < 0)
			t->proc_shown[i] = !t->from_ns;
		else if (p->ns[LINK_PID])
			t->proc_shown[i] = !t->from_ns || model_pid_in(s, p, t->from_ns) > 0;
		else /* placed by its NSpid: the top namespace sees all, no other sees into it */
			t->proc_shown[i] = !t->from_ns || t->from_ns == s->ns[k].ino;
		if (k < 0)
			continue;
		t->ns_count[k]++;
		if (t->ns_init[k] < 0 && p->nnspid > 0 && p->nspid[p->nnspid - 1] == 1)
			t->ns_init[k] = (ssize_t)i;
	}
	ssize_t *up = xmalloc(np * sizeof(ssize_t));
	for (size_t i = 0; i < s->nprocs; i++) {
		ssize_t k = t->proc_of_ns[i], pp = proc_index(s, s->procs[i].ppid);
		bool inside = pp >= 0 && t->proc_of_ns[pp] == k && t->proc_shown[pp];
		up[i] = k >= 0 && t->proc_shown[i] && inside ? pp : -1;
	}
	tree_break_cycles(up, s->nprocs);
	for (size_t i = s->nprocs; i-- > 0;) {
		ssize_t k = t->proc_of_ns[i];
		if (k < 0 || !t->proc_shown[i])
			continue;
		if (up[i] >= 0)
			list_push(&t->proc_kids[up[i]], t->proc_next, (ssize_t)i);
		else
			list_push(&t->ns_procs[k], t->proc_next, (ssize_t)i);
	}
	free(up);
}

/* The PID chain from the perspective's level down to the process's own. */
static void tree_add_chain(struct tree *t, const struct proc *p)
{
	int start = 0;
	if (t->from_ns) {
		start = model_pid_index(t->s, p, t->from_ns);
		if (start < 0)
			start = 0;
	}
	if (p->nnspid < 1) {
		sb_addf(&t->out, "%d", (int)p->pid);
		return;
	}
	for (int i = start; i < p->nnspid && i < NSPID_MAX; i++)
		sb_addf(&t->out, "%s%d", i > start ? t->g->arrow : "", (int)p->nspid[i]);
}

static void tree_add_proc_line(struct tree *t, const struct proc *p)
{
	tree_add_chain(t, p);
	sb_adds(&t->out, "  ");
	add_user(&t->out, t->s, p->uid);
	sb_adds(&t->out, "  ");
	add_cmdline(&t->out, p);
	if (p->ctr_runtime) {
		sb_adds(&t->out, "  [");
		add_safe_str(&t->out, p->ctr_runtime);
		if (p->ctr_id) {
			sb_addc(&t->out, ' ');
			/* 12 of a container id's 64 hex digits identify it, as docker ps shows */
			sb_add_safe(&t->out, p->ctr_id, strnlen(p->ctr_id, 12));
		}
		sb_addc(&t->out, ']');
	}
	sb_addc(&t->out, '\n');
}

static void tree_add_ns_line(struct tree *t, size_t k)
{
	const struct snapshot *s = t->s;
	const struct ns *n = &s->ns[k];

	sb_addf(&t->out, "pid:[%" PRIu64 "]", n->ino);
	if (n->initial)
		sb_adds(&t->out, " initial,");
	if (n->level >= 0)
		sb_addf(&t->out, " level %d", n->level);
	else
		sb_adds(&t->out, " level ?");
	const struct proc *init = t->ns_init[k] >= 0 ? &s->procs[t->ns_init[k]] : NULL;
	if (init) {
		pid_t shown = t->from_ns ? model_pid_in(s, init, t->from_ns) : init->pid;
		sb_addf(&t->out, ", init %d (", (int)(shown > 0 ? shown : init->pid));
		sb_add_safe(&t->out, init->comm, strnlen(init->comm, sizeof init->comm));
		sb_addc(&t->out, ')');
	} else {
		sb_adds(&t->out, ", no init");
	}
	if (n->owner)
		sb_addf(&t->out, ", owner user:[%" PRIu64 "]", n->owner);
	sb_addf(&t->out, ", %u process%s", t->ns_count[k], t->ns_count[k] == 1 ? "" : "es");
	if (n->name) {
		sb_adds(&t->out, ", ");
		add_safe_str(&t->out, n->name);
	}
	sb_addc(&t->out, '\n');
}

/*
 * How deep --tree nests before it starts a fresh margin. A process chain is as deep as a
 * user cares to fork (and a --proc tree claims any depth): each level costs an indent in
 * every line below it, so output would grow with the square of the depth. Far beyond any
 * real tree, so ordinary output never meets it.
 */
#define TREE_DEPTH_MAX 100

/* A node of the tree being drawn (a PID namespace or a process) and where its walk of its
 * children stands. */
struct tree_frame {
	bool is_ns, ns_kids; /* a namespace: walking its nested namespaces (after its processes) */
	size_t idx;
	ssize_t next; /* the next child to consider, or -1 */
	size_t plen;  /* length of the prefix its children's lines start with */
};

static void tree_frame_init(const struct tree *t, struct tree_frame *f, bool is_ns, size_t idx,
			    size_t plen)
{
	*f = (struct tree_frame){ .is_ns = is_ns, .idx = idx, .plen = plen };
	f->next = is_ns ? t->ns_procs[idx] : t->proc_kids[idx];
	if (is_ns && f->next < 0) {
		f->ns_kids = true;
		f->next = t->ns_kids[idx];
	}
}

/* The next child of f not yet drawn, with whether it is drawn as the last one; false at the
 * end. A namespace's processes come first, then the namespaces nested in it. */
static bool tree_next_child(const struct tree *t, struct tree_frame *f, bool *ret_is_ns,
			    size_t *ret_idx, bool *ret_last)
{
	for (;;) {
		ssize_t c = f->next;
		if (c < 0) {
			if (!f->is_ns || f->ns_kids)
				return false;
			f->ns_kids = true;
			f->next = t->ns_kids[f->idx];
			continue;
		}
		if (f->ns_kids) {
			f->next = t->ns_next[c];
			if (t->ns_done[c])
				continue;
			*ret_last = t->ns_next[c] < 0;
		} else {
			f->next = t->proc_next[c];
			if (t->proc_done[c])
				continue;
			*ret_last = t->proc_next[c] < 0 && (!f->is_ns || t->ns_kids[f->idx] < 0);
		}
		*ret_is_ns = f->ns_kids;
		*ret_idx = (size_t)c;
		return true;
	}
}

static void tree_add_node_line(struct tree *t, bool is_ns, size_t idx)
{
	if (is_ns) {
		t->ns_done[idx] = true;
		tree_add_ns_line(t, idx);
	} else {
		t->proc_done[idx] = true;
		tree_add_proc_line(t, &t->s->procs[idx]);
	}
}

/* What names a node in the lines that tie a deep chain to where it continues. */
static void tree_add_node_name(struct tree *t, bool is_ns, size_t idx)
{
	if (is_ns)
		sb_addf(&t->out, "pid:[%" PRIu64 "]", t->s->ns[idx].ino);
	else
		tree_add_chain(t, &t->s->procs[idx]);
}

static bool tree_has_child(const struct tree *t, bool is_ns, size_t idx)
{
	struct tree_frame f;
	bool k_ns, last;
	size_t k;
	tree_frame_init(t, &f, is_ns, idx, 0);
	return tree_next_child(t, &f, &k_ns, &k, &last);
}

/* Nodes whose children are drawn later from a fresh margin, in the order they were met. */
struct tree_later {
	struct tree_frame *items;
	size_t n, cap, head;
};

static void tree_defer(struct tree_later *l, bool is_ns, size_t idx)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		l->items = xrealloc(l->items, l->cap * sizeof(*l->items));
	}
	l->items[l->n++] = (struct tree_frame){ .is_ns = is_ns, .idx = idx };
}

/*
 * Draw the children of a node already drawn, each under its parent with a connector, down to
 * TREE_DEPTH_MAX levels; a node there with children gets a line saying where they continue
 * and goes on the later list. An explicit stack: no recursion, however deep the tree.
 */
static void tree_draw_kids(struct tree *t, bool is_ns, size_t idx, struct tree_later *later)
{
	struct tree_frame stack[TREE_DEPTH_MAX];
	size_t depth = 1;

	t->prefix.len = 0;
	sb_add(&t->prefix, "", 0);
	tree_frame_init(t, &stack[0], is_ns, idx, 0);
	while (depth > 0) {
		struct tree_frame *f = &stack[depth - 1];
		bool c_ns, last;
		size_t c;
		if (!tree_next_child(t, f, &c_ns, &c, &last)) {
			depth--;
			continue;
		}
		t->prefix.len = f->plen;
		t->prefix.buf[f->plen] = 0;
		sb_add(&t->out, t->prefix.buf, t->prefix.len);
		sb_adds(&t->out, last ? t->g->last : t->g->tee);
		tree_add_node_line(t, c_ns, c);
		sb_adds(&t->prefix, last ? t->g->blank : t->g->bar);
		if (!tree_has_child(t, c_ns, c))
			continue;
		if (depth < TREE_DEPTH_MAX) {
			tree_frame_init(t, &stack[depth], c_ns, c, t->prefix.len);
			depth++;
			continue;
		}
		sb_add(&t->out, t->prefix.buf, t->prefix.len);
		sb_adds(&t->out, t->g->last);
		sb_adds(&t->out, "... deeper levels continue below, under ");
		tree_add_node_name(t, c_ns, c);
		sb_addc(&t->out, '\n');
		tree_defer(later, c_ns, c);
	}
}

/* A namespace at the top (a root, or the perspective): its tree, then the rest of any chain
 * too deep for it, each from a fresh margin, until every node is drawn. */
static void tree_walk_ns(struct tree *t, size_t k)
{
	struct tree_later later = { 0 };

	tree_add_node_line(t, true, k);
	tree_draw_kids(t, true, k, &later);
	while (later.head < later.n) {
		struct tree_frame *f = &later.items[later.head++];
		bool is_ns = f->is_ns;
		size_t idx = f->idx;
		if (!tree_has_child(t, is_ns, idx))
			continue;
		sb_adds(&t->out, "under ");
		tree_add_node_name(t, is_ns, idx);
		sb_adds(&t->out, " (continued):\n");
		tree_draw_kids(t, is_ns, idx, &later);
	}
	free(later.items);
}

/* Top-level namespaces first: the initial one, then by level, then by inode. */
static int cmp_root(const struct ns *a, const struct ns *b)
{
	if (a->initial != b->initial)
		return a->initial ? -1 : 1;
	int la = a->level < 0 ? 1 << 20 : a->level, lb = b->level < 0 ? 1 << 20 : b->level;
	if (la != lb)
		return la < lb ? -1 : 1;
	return a->ino < b->ino ? -1 : a->ino > b->ino;
}

/* Print the namespaces no parent leads to, best first; then any left over (a cycle). */
static void tree_walk_roots(struct tree *t)
{
	const struct snapshot *s = t->s;
	for (;;) {
		ssize_t best = -1;
		for (size_t k = 0; k < s->nns; k++) {
			if (s->ns[k].type != NS_PID || t->ns_done[k] || t->ns_parent[k] >= 0)
				continue;
			if (best < 0 || cmp_root(&s->ns[k], &s->ns[best]) < 0)
				best = (ssize_t)k;
		}
		if (best < 0)
			break;
		tree_walk_ns(t, (size_t)best);
	}
	for (size_t k = 0; k < s->nns; k++)
		if (s->ns[k].type == NS_PID && !t->ns_done[k])
			tree_walk_ns(t, k);
}

/* Processes whose PID namespace could not be read: shown apart, not dropped. */
static void tree_walk_orphans(struct tree *t)
{
	const struct snapshot *s = t->s;
	bool any = false;
	for (size_t i = 0; i < s->nprocs; i++) {
		if (t->proc_of_ns[i] >= 0 || !t->proc_shown[i])
			continue;
		if (!any)
			sb_adds(&t->out, "pid:[?] namespace unreadable\n");
		any = true;
		sb_adds(&t->out, t->g->blank);
		tree_add_proc_line(t, &s->procs[i]);
	}
}

int text_tree(FILE *f, const struct snapshot *s, pid_t from)
{
	struct tree t = { .s = s, .g = text_glyphs() };
	ssize_t root = -1;

	tree_find_top(&t);
	if (from) {
		const struct proc *p = model_find_proc(s, from);
		if (!p)
			return -ESRCH;
		/* a process whose PID namespace is unknown has no perspective to show */
		root = tree_proc_ns(&t, p);
		if (root < 0)
			return -ENODATA;
		t.from_ns = s->ns[root].ino;
	}
	tree_build(&t);
	if (root >= 0) {
		tree_walk_ns(&t, (size_t)root);
	} else {
		tree_walk_roots(&t);
		tree_walk_orphans(&t);
	}
	int r = text_write_buf(f, &t.out);
	tree_free(&t);
	return r;
}

/* One --list row, its cells already made safe. */
enum { COL_TYPE, COL_INODE, COL_NPROCS, COL_OWNER, COL_PARENT, COL_HELD, COL_LABEL, NCOLS };

static const char *const list_heads[NCOLS] = {
	"TYPE", "INODE", "NPROCS", "OWNER", "PARENT", "HELD", "LABEL",
};

static bool same_container(const struct proc *a, const struct proc *b)
{
	return a->ctr_runtime && b->ctr_runtime && strcmp(a->ctr_runtime, b->ctr_runtime) == 0 &&
	       (a->ctr_id == b->ctr_id ||
		(a->ctr_id && b->ctr_id && strcmp(a->ctr_id, b->ctr_id) == 0));
}

/*
 * A label for each namespace: its own name (netns name, hostname, container) when the
 * probes found one, else a netns's first ip-netns name, else the container all of its
 * processes belong to. A namespace that a container shares with others (the host's
 * user namespace, say) gets no container label.
 */
static char **list_labels(const struct snapshot *s)
{
	enum { UNSEEN = -1, MIXED = -2 };
	char **labels = xcalloc(s->nns ? s->nns : 1, sizeof(char *));
	ssize_t *ctr = xmalloc((s->nns ? s->nns : 1) * sizeof(ssize_t));

	for (size_t k = 0; k < s->nns; k++) {
		const struct ns *n = &s->ns[k];
		const struct netns *net = n->type == NS_NET ? model_find_netns(s, n->ino) : NULL;
		ctr[k] = UNSEEN;
		if (n->name)
			labels[k] = util_sanitize_str(n->name);
		else if (net && net->nnames)
			labels[k] = util_sanitize_str(net->names[0]);
	}
	for (size_t i = 0; i < s->nprocs; i++) {
		const struct proc *p = &s->procs[i];
		for (int l = 0; l < NS_LINK_MAX; l++) {
			const struct ns *n =
			    p->ns[l] ? model_find_ns(s, model_link_type(l), p->ns[l]) : NULL;
			if (!n)
				continue;
			ssize_t *c = &ctr[n - s->ns];
			if (!p->ctr_runtime)
				*c = MIXED;
			else if (*c == UNSEEN)
				*c = (ssize_t)i;
			else if (*c >= 0 && !same_container(p, &s->procs[*c]))
				*c = MIXED;
		}
	}
	for (size_t k = 0; k < s->nns; k++) {
		if (labels[k] || ctr[k] < 0 || s->ns[k].initial)
			continue;
		const struct proc *p = &s->procs[ctr[k]];
		struct strbuf sb = { 0 };
		add_safe_str(&sb, p->ctr_runtime);
		if (p->ctr_id) {
			sb_addc(&sb, ' ');
			sb_add_safe(&sb, p->ctr_id, strnlen(p->ctr_id, 12));
		}
		labels[k] = sb_steal(&sb);
	}
	free(ctr);
	return labels;
}

static char *list_ino(uint64_t ino)
{
	return ino ? xasprintf("%" PRIu64, ino) : xstrdup("-");
}

static char *list_held(unsigned held)
{
	struct strbuf sb = { 0 };
	for (int i = 0; i < HELD_COUNT; i++) {
		if (!(held & (1U << i)))
			continue;
		if (sb.len)
			sb_addc(&sb, ',');
		sb_adds(&sb, model_held_name(1U << i));
	}
	return sb.len ? sb_steal(&sb) : xstrdup("-");
}

/*
 * nsview's text is UTF-8 whatever the locale (main sets none for text output), so widths come
 * from a UTF-8 locale of their own; NULL when the C library has none.
 */
static locale_t text_utf8_locale(void)
{
	static locale_t loc;
	static bool tried;
	if (!tried) {
		tried = true;
		loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	}
	return loc;
}

size_t text_width(const char *c)
{
	const unsigned char *p = (const unsigned char *)c;
	size_t len = strlen(c), i = 0, w = 0;
	locale_t utf8 = text_utf8_locale(), old = utf8 ? uselocale(utf8) : (locale_t)0;
	while (i < len) {
		uint32_t cp;
		int l = util_utf8_decode(p + i, len - i, &cp);
		if (l == 0) {
			w++;
			i++;
			continue;
		}
		i += (size_t)l;
		/* a code point wcwidth calls unprintable takes one column, as it did before */
		int cw = cp < 0x80 ? 1 : wcwidth((wchar_t)cp);
		w += cw < 0 ? 1 : (size_t)cw;
	}
	if (utf8)
		uselocale(old);
	return w;
}

static void list_add_cell(struct strbuf *sb, const char *c, size_t width, bool right, bool last)
{
	size_t pad = width - text_width(c);
	if (right)
		for (size_t i = 0; i < pad; i++)
			sb_addc(sb, ' ');
	sb_adds(sb, c);
	if (last)
		return;
	if (!right)
		for (size_t i = 0; i < pad; i++)
			sb_addc(sb, ' ');
	sb_addc(sb, ' ');
}

static void list_add_row(struct strbuf *sb, char *const *cells, const size_t *widths)
{
	/* the label is last and free text: no padding after it */
	size_t last = cells[COL_LABEL][0] ? COL_LABEL : COL_HELD;
	for (size_t c = 0; c <= last; c++)
		list_add_cell(sb, cells[c], widths[c], c == COL_INODE || c == COL_NPROCS,
			      c == last);
	sb_addc(sb, '\n');
}

int text_list(FILE *f, const struct snapshot *s, int type)
{
	char **labels = list_labels(s);
	char *(*rows)[NCOLS] = xcalloc(s->nns ? s->nns : 1, sizeof *rows);
	size_t nrows = 0, widths[NCOLS];
	struct strbuf sb = { 0 };

	for (size_t c = 0; c < NCOLS; c++)
		widths[c] = strlen(list_heads[c]);
	for (size_t k = 0; k < s->nns; k++) {
		const struct ns *n = &s->ns[k];
		if (type >= 0 && (int)n->type != type)
			continue;
		char **r = rows[nrows++];
		r[COL_TYPE] = xstrdup(model_type_name(n->type));
		r[COL_INODE] = xasprintf("%" PRIu64, n->ino);
		r[COL_NPROCS] = xasprintf("%u", n->nprocs);
		r[COL_OWNER] = list_ino(n->owner);
		r[COL_PARENT] = list_ino(n->type == NS_PID || n->type == NS_USER ? n->parent : 0);
		r[COL_HELD] = list_held(n->held);
		r[COL_LABEL] = labels[k] ? labels[k] : xstrdup("");
		labels[k] = NULL;
		for (size_t c = 0; c < NCOLS; c++) {
			size_t w = text_width(r[c]);
			if (w > widths[c])
				widths[c] = w;
		}
	}
	list_add_row(&sb, (char *const *)list_heads, widths);
	for (size_t i = 0; i < nrows; i++)
		list_add_row(&sb, rows[i], widths);

	for (size_t i = 0; i < nrows; i++)
		for (size_t c = 0; c < NCOLS; c++)
			free(rows[i][c]);
	free(rows);
	for (size_t k = 0; k < s->nns; k++)
		free(labels[k]);
	free(labels);
	return text_write_buf(f, &sb);
}
