/*
 * rows: rebuild each view's rows from the snapshot and the view's state.
 */
#include "ui/rows.h"

#include <stdlib.h>
#include <string.h>

#include "src/model.h"
#include "ui/grid.h"

#define MASK_DEPTH 64

/*
 * The deepest row view 1 indents: a process chain is as deep as a user cares to fork (and a
 * --proc tree claims any depth), so deeper descendants are listed flat at this depth, each
 * still folding its own subtree. The tree lines (bit masks) describe this many levels, and
 * two columns a level already fill a wide screen; no real tree comes near it.
 */
#define ROWS_DEPTH_MAX (MASK_DEPTH - 1)

/* An open node of view 1's walk: a PID namespace or a process whose children are emitted. */
struct emit_frame {
	bool is_ns, ns_kids; /* a namespace: emitting its nested namespaces (after its processes) */
	int idx, next;	     /* the node; the next child to emit, or -1 */
	int depth;
	size_t at; /* its row */
	bool keep; /* it or a descendant matched the filter */
};

struct bctx {
	struct view *v;
	const struct snapshot *s;
	size_t ns0, m;	       /* the PID namespaces are s->ns[ns0 .. ns0 + m) */
	int *ns_kid, *ns_next; /* first child namespace, next sibling namespace */
	int *ns_proc;	       /* first root process of each namespace; [m] = unknown namespace */
	int *p_kid, *p_next;   /* first child process, next sibling process */
	int *p_up;	       /* parent process in the same namespace, or -1 */
	int *order;	       /* view 1 sorted by a column: one namespace's processes */
	bool flat;	       /* view 1 sorted by a column: no parent/child tree */
	unsigned char *mark_ns, *mark_net; /* perspective: seen by a visible process */
	bool filtering;
	struct strbuf tmp;
	struct emit_frame *stack; /* view 1's walk: the open nodes, root first */
	size_t nstack, capstack;
};

int rows_key_cmp(const struct row_key *a, const struct row_key *b)
{
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if (a->type != b->type)
		return a->type < b->type ? -1 : 1;
	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	if (a->b != b->b)
		return a->b < b->b ? -1 : 1;
	return 0;
}

static int cmp_key(const void *a, const void *b)
{
	return rows_key_cmp(a, b);
}

static int cmp_pid(const void *a, const void *b)
{
	pid_t x = *(const pid_t *)a, y = *(const pid_t *)b;
	return x < y ? -1 : x > y;
}

int rows_pid_start(const struct view *v, const struct proc *p)
{
	if (!v->persp_ns)
		return p->nnspid > 0 ? 0 : -1;
	return model_pid_index(v->s, p, v->persp_ns);
}

const struct ns *rows_pidns_parent(const struct snapshot *s, const struct ns *n)
{
	const struct ns *up = NULL;
	/* only a shallower namespace can be a parent, so a bad fixture cannot make a cycle */
	if (n->parent)
		up = model_find_ns(s, NS_PID, n->parent);
	if (!up && n->init_pid) {
		const struct proc *init = model_find_proc(s, n->init_pid);
		const struct proc *pp = init ? model_find_proc(s, init->ppid) : NULL;
		if (pp && pp->ns[LINK_PID] != n->ino)
			up = model_find_ns(s, NS_PID, pp->ns[LINK_PID]);
	}
	if (up && (up->level < 0 || n->level <= up->level))
		up = NULL;
	return up;
}

static void add_names(struct strbuf *o, char **names, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		sb_addc(o, ' ');
		sb_adds(o, names[i]);
	}
}

void rows_text(const struct view *v, const struct row *r, struct strbuf *o)
{
	switch (r->key.kind) {
	case ROW_PIDNS:
		if (r->ns)
			sb_addf(o, "pid:[%llu] level %d init %d %s", (unsigned long long)r->ns->ino,
				r->ns->level, (int)r->ns->init_pid, r->ns->name ? r->ns->name : "");
		break;
	case ROW_PROC: {
		const struct proc *p = r->proc;
		int i = rows_pid_start(v, p);
		for (; i >= 0 && i < p->nnspid; i++)
			sb_addf(o, "%d ", (int)p->nspid[i]);
		sb_adds(o, p->comm);
		for (size_t a = 0; a < p->argc && p->argv && p->argv[a]; a++) {
			sb_addc(o, ' ');
			sb_adds(o, p->argv[a]);
		}
		if (p->ctr_runtime)
			sb_addf(o, " %s %s", p->ctr_runtime, p->ctr_id ? p->ctr_id : "");
		break;
	}
	case ROW_NSTYPE:
		sb_adds(o, model_type_name(r->key.type));
		break;
	case ROW_NS:
		sb_addf(o, "%s:[%llu] %s", model_type_name(r->ns->type),
			(unsigned long long)r->ns->ino, r->ns->name ? r->ns->name : "");
		for (unsigned b = 0; b < HELD_COUNT; b++)
			if (r->ns->held & (1u << b))
				sb_addf(o, " %s", model_held_name(1u << b));
		add_names(o, r->ns->binds, r->ns->nbinds);
		break;
	case ROW_NETNS:
		sb_addf(o, "net:[%llu]", (unsigned long long)r->net->ino);
		add_names(o, r->net->names, r->net->nnames);
		break;
	case ROW_IFACE:
		sb_addf(o, "%s %s", r->ifc->name ? r->ifc->name : "",
			r->ifc->kind ? r->ifc->kind : "");
		if (r->ifc->has_peer && r->ifc->peer.name)
			sb_addf(o, " %s", r->ifc->peer.name);
		break;
	case ROW_LINK:
		sb_addf(o, "%s %llu", model_link_name((enum ns_link)r->key.b),
			(unsigned long long)(r->proc ? r->proc->ns[r->key.b] : 0));
		break;
	default:
		break;
	}
}

bool rows_match(const struct view *v, const struct row *r, const char *text, struct strbuf *tmp)
{
	if (!text[0])
		return true;
	tmp->len = 0;
	sb_add(tmp, "", 0);
	rows_text(v, r, tmp);
	/* what the row shows is what is searched: the text made safe, as the grid holds it */
	char *safe = util_sanitize(tmp->buf, tmp->len);
	bool found = grid_text_has(safe, text);
	free(safe);
	return found;
}

static bool folded(const struct view *v, const struct row_key *k)
{
	return view_is_folded(v, k);
}

/* Append a row; returns its index (pointers into v->rows move when it grows). */
static size_t push(struct view *v, enum row_kind kind, int type, uint64_t a, int64_t b, int depth)
{
	if (v->nrows == v->caprows) {
		v->caprows = v->caprows ? v->caprows * 2 : 256;
		v->rows = xrealloc(v->rows, v->caprows * sizeof(*v->rows));
	}
	struct row *r = &v->rows[v->nrows];
	memset(r, 0, sizeof(*r));
	r->key.kind = (uint8_t)kind;
	r->key.type = (uint8_t)type;
	r->key.a = a;
	r->key.b = b;
	r->depth = depth;
	return v->nrows++;
}

static bool is_new_pid(const struct view *v, pid_t pid)
{
	return v->nnew_pids && bsearch(&pid, v->new_pids, v->nnew_pids, sizeof(pid_t), cmp_pid);
}

static bool is_new_ns(const struct view *v, enum ns_type t, uint64_t ino)
{
	struct row_key k = { .type = (uint8_t)t, .a = ino };
	return v->nnew_ns && bsearch(&k, v->new_ns, v->nnew_ns, sizeof(k), cmp_key);
}

/* Finish a tree node: fold it, or keep it only if it or a descendant matched. */
static bool keep_or_drop(struct bctx *c, size_t at, bool keep)
{
	if (!keep)
		c->v->nrows = at;
	return keep;
}

static bool row_matches(struct bctx *c, size_t at)
{
	return rows_match(c->v, &c->v->rows[at], c->v->filter, &c->tmp);
}

/* Fold state of a fresh row with children; filtering shows every match, so it ignores folds. */
static bool set_fold(struct bctx *c, size_t at, bool has_kids)
{
	struct row *r = &c->v->rows[at];
	r->has_kids = has_kids;
	r->folded = has_kids && !c->filtering && folded(c->v, &r->key);
	return has_kids && !r->folded;
}

static int cmp_proc_col(const void *pa, const void *pb, void *arg)
{
	const struct bctx *c = arg;
	const struct proc *a = &c->s->procs[*(const int *)pa], *b = &c->s->procs[*(const int *)pb];
	int r;
	if (c->v->psort == PSORT_CPU) {
		float x = procstat_pct(&c->v->stat, c->s, a),
		      y = procstat_pct(&c->v->stat, c->s, b);
		r = x < y ? -1 : x > y;
	} else {
		r = a->rss_kib < b->rss_kib ? -1 : a->rss_kib > b->rss_kib;
	}
	if (!c->v->psort_asc)
		r = -r;
	return r ? r : (a->pid > b->pid) - (a->pid < b->pid);
}

/* Where a finished node reports whether it is kept: the node that holds it, else the root's. */
static bool *keep_target(struct bctx *c, bool *root_keep)
{
	return c->nstack ? &c->stack[c->nstack - 1].keep : root_keep;
}

static void emit_sorted(struct bctx *c, int k, int depth, bool *root_keep);

/*
 * Emit the row of a PID namespace (idx m: the processes whose namespace is unknown) or a
 * process. Unfolded with children, it is opened on the stack; else it is finished at once.
 */
static void emit_node(struct bctx *c, bool is_ns, int idx, int depth, bool *root_keep)
{
	size_t at;
	bool kids;
	if (is_ns) {
		const struct ns *n = idx < (int)c->m ? &c->s->ns[c->ns0 + (size_t)idx] : NULL;
		at = push(c->v, ROW_PIDNS, NS_PID, n ? n->ino : 0, 0, depth);
		c->v->rows[at].ns = n;
		c->v->rows[at].fresh = n && is_new_ns(c->v, NS_PID, n->ino);
		kids = c->ns_proc[idx] >= 0 || (idx < (int)c->m && c->ns_kid[idx] >= 0);
	} else {
		const struct proc *p = &c->s->procs[idx];
		at = push(c->v, ROW_PROC, 0, (uint64_t)p->pid, 0, depth);
		c->v->rows[at].proc = p;
		c->v->rows[at].fresh = is_new_pid(c->v, p->pid);
		kids = c->p_kid[idx] >= 0;
	}
	bool keep = row_matches(c, at);
	if (!set_fold(c, at, kids)) {
		*keep_target(c, root_keep) |= keep_or_drop(c, at, keep);
		return;
	}
	if (c->nstack == c->capstack) {
		c->capstack = c->capstack ? 2 * c->capstack : 64;
		c->stack = xrealloc(c->stack, c->capstack * sizeof(*c->stack));
	}
	struct emit_frame *f = &c->stack[c->nstack++];
	*f = (struct emit_frame){
		.is_ns = is_ns, .idx = idx, .depth = depth, .at = at, .keep = keep
	};
	f->next = is_ns ? c->ns_proc[idx] : c->p_kid[idx];
	if (is_ns && c->flat) {
		emit_sorted(c, idx, depth < ROWS_DEPTH_MAX ? depth + 1 : depth, root_keep);
		c->stack[c->nstack - 1].next = -1;
	}
}

/* View 1 sorted by a column: namespace k's processes (all of them, one list, none with
 * children) in that order. */
static void emit_sorted(struct bctx *c, int k, int depth, bool *root_keep)
{
	size_t n = 0;
	for (int i = c->ns_proc[k]; i >= 0; i = c->p_next[i])
		c->order[n++] = i;
	qsort_r(c->order, n, sizeof(int), cmp_proc_col, c);
	for (size_t j = 0; j < n; j++)
		emit_node(c, false, c->order[j], depth, root_keep);
}

/* The next child of an open node, or -1 at its end (*ret_is_ns: whether it is a namespace). */
static int next_child(struct bctx *c, struct emit_frame *f, bool *ret_is_ns)
{
	if (f->next < 0 && f->is_ns && !f->ns_kids && f->idx < (int)c->m) {
		f->ns_kids = true;
		f->next = c->ns_kid[f->idx];
	}
	int i = f->next;
	if (i >= 0)
		f->next = f->ns_kids ? c->ns_next[i] : c->p_next[i];
	*ret_is_ns = f->ns_kids;
	return i;
}

/*
 * PID namespace k and all below it: nested namespaces, each with its processes as a ppid
 * tree, in preorder. An explicit stack, as a chain can be as deep as there are processes;
 * whether it is kept (some row in it matched the filter) is the result.
 */
static bool emit_pidns(struct bctx *c, int k, int depth)
{
	bool root_keep = false;
	c->nstack = 0;
	emit_node(c, true, k, depth, &root_keep);
	while (c->nstack) {
		struct emit_frame *f = &c->stack[c->nstack - 1];
		bool is_ns;
		int i = next_child(c, f, &is_ns);
		if (i >= 0) {
			emit_node(c, is_ns, i, f->depth < ROWS_DEPTH_MAX ? f->depth + 1 : f->depth,
				  &root_keep);
			continue;
		}
		bool keep = keep_or_drop(c, f->at, f->keep);
		c->nstack--;
		*keep_target(c, &root_keep) |= keep;
	}
	return root_keep;
}

static int *scratch(struct view *v, size_t n)
{
	if (n > v->scratch_cap) {
		free(v->scratch);
		v->scratch_cap = n * 2;
		v->scratch = xmalloc(v->scratch_cap * sizeof(int));
	}
	return v->scratch;
}

static void type_range(const struct snapshot *s, enum ns_type t, size_t *lo, size_t *hi)
{
	size_t i = 0;
	while (i < s->nns && s->ns[i].type < t)
		i++;
	*lo = i;
	while (i < s->nns && s->ns[i].type == t)
		i++;
	*hi = i;
}

/*
 * A ppid loop (a pid reused between two reads, or a bad --proc tree) would hide every
 * process on it and below it, as none of them is a root: cut each loop where a walk up
 * first meets it again. Marks: 0 unseen, 1 on this walk, 2 done; each process is walked once.
 */
static void break_loops(int *up, int *mark, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int j = (int)i;
		while (j >= 0 && !mark[j]) {
			mark[j] = 1;
			j = up[j];
		}
		if (j >= 0 && mark[j] == 1)
			up[j] = -1;
		for (j = (int)i; j >= 0 && mark[j] == 1; j = up[j])
			mark[j] = 2;
	}
}

static void build_pidns(struct bctx *c)
{
	const struct snapshot *s = c->s;
	size_t lo, hi;
	type_range(s, NS_PID, &lo, &hi);
	c->ns0 = lo;
	c->m = hi - lo;
	int *a = scratch(c->v, 3 * c->m + 1 + 5 * s->nprocs + 1);
	c->ns_kid = a;
	c->ns_next = a + c->m;
	c->ns_proc = a + 2 * c->m;
	c->p_kid = a + 3 * c->m + 1;
	c->p_next = c->p_kid + s->nprocs;
	c->order = c->p_next + s->nprocs;
	c->p_up = c->order + s->nprocs;
	int *mark = c->p_up + s->nprocs;
	c->flat = c->v->psort != PSORT_TREE;
	for (size_t k = 0; k <= c->m; k++)
		c->ns_proc[k] = -1;
	for (size_t k = 0; k < c->m; k++)
		c->ns_kid[k] = c->ns_next[k] = -1;
	/* prepend in reverse so every list comes out in ascending order */
	for (size_t k = c->m; k-- > 0;) {
		const struct ns *up = rows_pidns_parent(s, &s->ns[lo + k]);
		if (!up)
			continue;
		size_t u = (size_t)(up - s->ns) - lo;
		c->ns_next[k] = c->ns_kid[u];
		c->ns_kid[u] = (int)k;
	}
	for (size_t i = 0; i < s->nprocs; i++) {
		const struct proc *p = &s->procs[i];
		const struct proc *pp = p->ppid != p->pid ? model_find_proc(s, p->ppid) : NULL;
		bool linked = !c->flat && pp && pp->ns[LINK_PID] == p->ns[LINK_PID];
		c->p_kid[i] = c->p_next[i] = -1;
		c->p_up[i] = linked ? (int)(pp - s->procs) : -1;
		mark[i] = 0;
	}
	break_loops(c->p_up, mark, s->nprocs);
	for (size_t i = s->nprocs; i-- > 0;) {
		const struct proc *p = &s->procs[i];
		const struct ns *n = model_find_ns(s, NS_PID, p->ns[LINK_PID]);
		int *head;
		if (c->p_up[i] >= 0)
			head = &c->p_kid[c->p_up[i]];
		else
			head = &c->ns_proc[n ? (size_t)(n - s->ns) - lo : c->m];
		c->p_next[i] = *head;
		*head = (int)i;
	}
	const struct ns *from = c->v->persp_ns ? model_find_ns(s, NS_PID, c->v->persp_ns) : NULL;
	if (from) {
		emit_pidns(c, (int)((size_t)(from - s->ns) - lo), 0);
		return;
	}
	for (size_t k = 0; k < c->m; k++)
		if (!rows_pidns_parent(s, &s->ns[lo + k]))
			emit_pidns(c, (int)k, 0);
	if (c->ns_proc[c->m] >= 0)
		emit_pidns(c, (int)c->m, 0);
}

struct sort_ctx {
	const struct snapshot *s;
	enum view_sort col;
	bool desc;
};

static int cmp_u64(uint64_t a, uint64_t b)
{
	return a < b ? -1 : a > b;
}

static int cmp_ns_col(const void *pa, const void *pb, void *arg)
{
	const struct sort_ctx *sc = arg;
	const struct ns *a = &sc->s->ns[*(const int *)pa], *b = &sc->s->ns[*(const int *)pb];
	int r = 0;
	switch (sc->col) {
	case SORT_NPROCS:
		r = cmp_u64(a->nprocs, b->nprocs);
		break;
	case SORT_HELD:
		r = cmp_u64(a->held, b->held);
		break;
	case SORT_OWNER:
		r = cmp_u64(a->owner, b->owner);
		break;
	case SORT_PARENT:
		r = cmp_u64(a->parent, b->parent);
		break;
	case SORT_LABEL:
		if (!a->name || !b->name)
			r = !a->name - !b->name; /* unlabelled last */
		else
			r = strcmp(a->name, b->name);
		break;
	default:
		break;
	}
	if (sc->desc)
		r = -r;
	return r ? r : cmp_u64(a->ino, b->ino);
}

/* Perspective: mark the namespaces (and netns) some visible process is in. */
static void mark_visible(struct bctx *c)
{
	const struct snapshot *s = c->s;
	c->mark_ns = xcalloc(s->nns + 1, 1);
	c->mark_net = xcalloc(s->nnets + 1, 1);
	for (size_t i = 0; i < s->nprocs; i++) {
		const struct proc *p = &s->procs[i];
		if (rows_pid_start(c->v, p) < 0)
			continue;
		for (int l = 0; l < NS_LINK_MAX; l++) {
			const struct ns *n = model_find_ns(s, model_link_type(l), p->ns[l]);
			if (n)
				c->mark_ns[n - s->ns] = 1;
		}
		const struct netns *nn = model_find_netns(s, p->ns[LINK_NET]);
		if (nn)
			c->mark_net[nn - s->nets] = 1;
	}
}

static void build_ns(struct bctx *c)
{
	const struct snapshot *s = c->s;
	int *idx = scratch(c->v, s->nns + 1);
	for (int t = 0; t < NS_TYPE_MAX; t++) {
		size_t lo, hi, n = 0;
		type_range(s, t, &lo, &hi);
		for (size_t i = lo; i < hi; i++)
			if (!c->mark_ns || c->mark_ns[i])
				idx[n++] = (int)i;
		if (!n)
			continue;
		struct sort_ctx sc = { s, c->v->sort, c->v->sort_desc };
		qsort_r(idx, n, sizeof(int), cmp_ns_col, &sc);
		size_t at = push(c->v, ROW_NSTYPE, t, 0, (int64_t)n, 0);
		bool keep = row_matches(c, at);
		if (set_fold(c, at, true)) {
			for (size_t j = 0; j < n; j++) {
				const struct ns *ns = &s->ns[idx[j]];
				size_t r = push(c->v, ROW_NS, t, ns->ino, 0, 1);
				c->v->rows[r].ns = ns;
				c->v->rows[r].fresh = is_new_ns(c->v, ns->type, ns->ino);
				keep |= keep_or_drop(c, r, row_matches(c, r));
			}
		}
		keep_or_drop(c, at, keep);
	}
}

static void build_net(struct bctx *c)
{
	const struct snapshot *s = c->s;
	for (size_t i = 0; i < s->nnets; i++) {
		const struct netns *n = &s->nets[i];
		if (c->mark_net && !c->mark_net[i])
			continue;
		size_t at = push(c->v, ROW_NETNS, NS_NET, n->ino, 0, 0);
		c->v->rows[at].net = n;
		c->v->rows[at].fresh = is_new_ns(c->v, NS_NET, n->ino);
		bool keep = row_matches(c, at);
		if (set_fold(c, at, n->nifs > 0)) {
			for (size_t j = 0; j < n->nifs; j++) {
				size_t r =
				    push(c->v, ROW_IFACE, NS_NET, n->ino, n->ifs[j].ifindex, 1);
				c->v->rows[r].net = n;
				c->v->rows[r].ifc = &n->ifs[j];
				keep |= keep_or_drop(c, r, row_matches(c, r));
			}
		}
		keep_or_drop(c, at, keep);
	}
}

static void push_proc_row(struct view *v, const struct proc *p, enum row_kind k, int64_t b,
			  int depth)
{
	size_t at = push(v, k, 0, p ? (uint64_t)p->pid : 0, b, depth);
	v->rows[at].proc = p;
}

static void build_proc(struct bctx *c)
{
	struct view *v = c->v;
	const struct proc *p = model_find_proc(c->s, v->proc_pid);
	if (!p) {
		push_proc_row(v, NULL, ROW_ATTR, ATTR_GONE, 0);
		return;
	}
	push_proc_row(v, p, ROW_ATTR, ATTR_SUMMARY, 0);
	push_proc_row(v, p, ROW_ATTR, ATTR_RESOURCES, 0);
	push_proc_row(v, p, ROW_ATTR, ATTR_STARTED, 0);
	push_proc_row(v, p, ROW_ATTR, ATTR_CMDLINE, 0);
	push_proc_row(v, p, ROW_ATTR, ATTR_CGROUP, 0);
	push_proc_row(v, p, ROW_ATTR, ATTR_CONTAINER, 0);
	push_proc_row(v, p, ROW_ATTR, ATTR_LEVELS, 0);
	for (int i = 0; i < p->nnspid; i++)
		push_proc_row(v, p, ROW_LEVEL, i, 1);
	push_proc_row(v, p, ROW_ATTR, ATTR_LINKS, 0);
	for (int l = 0; l < NS_LINK_MAX; l++)
		push_proc_row(v, p, ROW_LINK, l, 1);
	if (v->demo_in && v->demo_out && view_is_ours(v, p->pid)) {
		push_proc_row(v, p, ROW_ATTR, ATTR_DEMO, 0);
		for (int d = 0; d < DEMO_LINES; d++)
			push_proc_row(v, p, ROW_DEMO, d, 1);
	}
}

/* Tree lines from depths alone: bit d of more says a later sibling at depth d follows. */
static void tree_masks(struct view *v)
{
	bool later[MASK_DEPTH] = { 0 };
	for (size_t i = v->nrows; i-- > 0;) {
		struct row *r = &v->rows[i];
		int d = r->depth < MASK_DEPTH ? r->depth : MASK_DEPTH - 1;
		r->more = later[d] ? 1ull << d : 0;
		later[d] = true;
		for (int j = d + 1; j < MASK_DEPTH; j++)
			later[j] = false;
	}
	uint64_t mask = 0;
	for (size_t i = 0; i < v->nrows; i++) {
		struct row *r = &v->rows[i];
		int d = r->depth < MASK_DEPTH ? r->depth : MASK_DEPTH - 1;
		uint64_t below = d ? (1ull << d) - 1 : 0;
		mask = (mask & below) | r->more;
		r->more = mask;
	}
}

void rows_build(struct view *v)
{
	v->nrows = 0;
	if (!v->s)
		return;
	struct bctx c = { .v = v, .s = v->s, .filtering = v->filter[0] != 0 };
	if (v->persp_ns && (v->cur == VIEW_NS || v->cur == VIEW_NET))
		mark_visible(&c);
	switch (v->cur) {
	case VIEW_PIDNS:
		build_pidns(&c);
		break;
	case VIEW_NS:
		build_ns(&c);
		break;
	case VIEW_NET:
		build_net(&c);
		break;
	default:
		build_proc(&c);
		break;
	}
	tree_masks(v);
	free(c.mark_ns);
	free(c.mark_net);
	free(c.stack);
	sb_free(&c.tmp);
}
