/*
 * json: the --json writer, schema "nsview/1" (see the contract), over one snapshot.
 *
 * The document is built in a strbuf and written with one fwrite, so a write error is
 * seen once and reported as -errno. Each namespace, process and network namespace sits
 * on a line of its own: the document stays one valid JSON value, and stays readable
 * with grep and diff. Every string from the system goes through json_add_string.
 */
#include "src/json.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <sys/socket.h>

#include "src/ifacefmt.h"

static void add_escape(struct strbuf *sb, uint32_t cp)
{
	switch (cp) {
	case '"':
		sb_adds(sb, "\\\"");
		break;
	case '\\':
		sb_adds(sb, "\\\\");
		break;
	case '\b':
		sb_adds(sb, "\\b");
		break;
	case '\f':
		sb_adds(sb, "\\f");
		break;
	case '\n':
		sb_adds(sb, "\\n");
		break;
	case '\r':
		sb_adds(sb, "\\r");
		break;
	case '\t':
		sb_adds(sb, "\\t");
		break;
	default:
		sb_addf(sb, "\\u%04x", (unsigned)cp);
		break;
	}
}

void json_add_string(struct strbuf *sb, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	sb_addc(sb, '"');
	while (i < n) {
		uint32_t cp;
		int len = util_utf8_decode(s + i, n - i, &cp);
		if (len == 0) {
			/* one replacement character per byte that starts no valid sequence */
			sb_adds(sb, "\\ufffd");
			i++;
			continue;
		}
		if (cp == '"' || cp == '\\' || util_cp_unsafe(cp))
			add_escape(sb, cp);
		else
			sb_add(sb, str + i, (size_t)len);
		i += (size_t)len;
	}
	sb_addc(sb, '"');
}

static void add_str(struct strbuf *sb, const char *s)
{
	if (s)
		json_add_string(sb, s, strlen(s));
	else
		sb_adds(sb, "null");
}

static void add_key(struct strbuf *sb, bool *first, const char *key)
{
	if (!*first)
		sb_addc(sb, ',');
	*first = false;
	sb_addf(sb, " \"%s\": ", key);
}

/* A namespace inode, or null when it is 0 (none or unknown). */
static void add_ino(struct strbuf *sb, uint64_t ino)
{
	if (ino)
		sb_addf(sb, "%" PRIu64, ino);
	else
		sb_adds(sb, "null");
}

static void add_strv(struct strbuf *sb, char *const *v, size_t n)
{
	sb_addc(sb, '[');
	for (size_t i = 0; i < n && v[i]; i++) {
		if (i)
			sb_adds(sb, ", ");
		add_str(sb, v[i]);
	}
	sb_addc(sb, ']');
}

/* The symbolic name of an errno value ("EACCES"); the number if libc has none. */
static void add_errno(struct strbuf *sb, int err)
{
	const char *name = strerrorname_np(err);
	if (name)
		add_str(sb, name);
	else
		sb_addf(sb, "\"E%d\"", err);
}

static bool hierarchical(enum ns_type t)
{
	return t == NS_PID || t == NS_USER;
}

static void add_ns(struct strbuf *sb, const void *elem)
{
	const struct ns *n = elem;
	bool first = true;

	sb_addc(sb, '{');
	add_key(sb, &first, "type");
	add_str(sb, model_type_name(n->type));
	add_key(sb, &first, "inode");
	sb_addf(sb, "%" PRIu64, n->ino);
	add_key(sb, &first, "initial");
	sb_adds(sb, n->initial ? "true" : "false");
	add_key(sb, &first, "parent");
	add_ino(sb, hierarchical(n->type) ? n->parent : 0);
	add_key(sb, &first, "owner");
	add_ino(sb, n->owner);
	add_key(sb, &first, "owner_uid");
	if (n->type == NS_USER && n->owner_uid >= 0)
		sb_addf(sb, "%" PRId64, n->owner_uid);
	else
		sb_adds(sb, "null");
	add_key(sb, &first, "level");
	if (hierarchical(n->type) && n->level >= 0)
		sb_addf(sb, "%d", n->level);
	else
		sb_adds(sb, "null");
	add_key(sb, &first, "nprocs");
	sb_addf(sb, "%u", n->nprocs);
	add_key(sb, &first, "held_by");
	sb_addc(sb, '[');
	bool firstheld = true;
	for (int i = 0; i < HELD_COUNT; i++) {
		if (!(n->held & (1U << i)))
			continue;
		if (!firstheld)
			sb_adds(sb, ", ");
		firstheld = false;
		add_str(sb, model_held_name(1U << i));
	}
	sb_addc(sb, ']');
	add_key(sb, &first, "bind_mounts");
	add_strv(sb, n->binds, n->nbinds);
	add_key(sb, &first, "fds");
	sb_addc(sb, '[');
	for (size_t i = 0; i < n->nfds; i++)
		sb_addf(sb, "%s{\"pid\": %d, \"fd\": %d}", i ? ", " : "", (int)n->fds[i].pid,
			n->fds[i].fd);
	sb_addc(sb, ']');
	add_key(sb, &first, "init_pid");
	if (n->type == NS_PID && n->init_pid > 0)
		sb_addf(sb, "%d", (int)n->init_pid);
	else
		sb_adds(sb, "null");
	add_key(sb, &first, "name");
	add_str(sb, n->name);
	sb_adds(sb, " }");
}

static void add_proc(struct strbuf *sb, const void *elem)
{
	const struct proc *p = elem;
	bool first = true;

	sb_addc(sb, '{');
	add_key(sb, &first, "pid");
	sb_addf(sb, "%d", (int)p->pid);
	add_key(sb, &first, "ppid");
	sb_addf(sb, "%d", (int)p->ppid);
	add_key(sb, &first, "uid");
	sb_addf(sb, "%u", (unsigned)p->uid);
	add_key(sb, &first, "comm");
	json_add_string(sb, p->comm, strnlen(p->comm, sizeof p->comm));
	add_key(sb, &first, "cmdline");
	add_strv(sb, p->argv, p->argv ? p->argc : 0);
	add_key(sb, &first, "nspid");
	sb_addc(sb, '[');
	for (int i = 0; i < p->nnspid && i < NSPID_MAX; i++)
		sb_addf(sb, "%s%d", i ? ", " : "", (int)p->nspid[i]);
	sb_addc(sb, ']');
	add_key(sb, &first, "ns");
	sb_addc(sb, '{');
	bool firstns = true;
	for (int l = 0; l < NS_LINK_MAX; l++) {
		/* an unreadable link is absent here; its path is in "errors" */
		if (!p->ns[l])
			continue;
		sb_addf(sb, "%s\"%s\": %" PRIu64, firstns ? "" : ", ", model_link_name(l),
			p->ns[l]);
		firstns = false;
	}
	sb_addc(sb, '}');
	add_key(sb, &first, "container");
	if (p->ctr_runtime) {
		sb_adds(sb, "{\"runtime\": ");
		add_str(sb, p->ctr_runtime);
		sb_adds(sb, ", \"id\": ");
		add_str(sb, p->ctr_id);
		sb_addc(sb, '}');
	} else {
		sb_adds(sb, "null");
	}
	sb_adds(sb, " }");
}

static void add_addr(struct strbuf *sb, const struct addr *a)
{
	char text[IFACEFMT_ADDR_LEN];
	bool v4 = a->family == AF_INET;

	ifacefmt_addr(a, text);
	sb_addf(sb, "{\"family\": \"%s\", \"address\": \"%s\", \"prefix\": %u}",
		v4 ? "inet" : "inet6", text, (unsigned)a->prefix);
}

static void add_iface(struct strbuf *sb, const struct netns *n, const struct iface *i)
{
	bool first = true;

	sb_addc(sb, '{');
	add_key(sb, &first, "ifindex");
	sb_addf(sb, "%d", i->ifindex);
	add_key(sb, &first, "name");
	add_str(sb, i->name);
	add_key(sb, &first, "kind");
	add_str(sb, i->kind);
	add_key(sb, &first, "state");
	const char *oper = ifacefmt_operstate(i->operstate);
	if (oper)
		add_str(sb, oper);
	else
		sb_addf(sb, "\"%u\"", (unsigned)i->operstate);
	add_key(sb, &first, "flags");
	sb_addc(sb, '[');
	const char *flags[IFACEFMT_FLAGS_MAX];
	size_t nflags = ifacefmt_flags(i->flags, flags);
	for (size_t k = 0; k < nflags; k++)
		sb_addf(sb, "%s\"%s\"", k ? ", " : "", flags[k]);
	sb_addc(sb, ']');
	add_key(sb, &first, "mtu");
	sb_addf(sb, "%u", i->mtu);
	add_key(sb, &first, "mac");
	char mac[IFACEFMT_MAC_LEN];
	ifacefmt_mac(i, mac);
	if (mac[0])
		sb_addf(sb, "\"%s\"", mac);
	else
		sb_adds(sb, "null");
	add_key(sb, &first, "addresses");
	sb_addc(sb, '[');
	for (size_t k = 0; k < i->naddrs; k++) {
		if (k)
			sb_adds(sb, ", ");
		add_addr(sb, &i->addrs[k]);
	}
	sb_addc(sb, ']');
	add_key(sb, &first, "master");
	const struct iface *m = i->master ? model_find_iface(n, i->master) : NULL;
	add_str(sb, m ? m->name : NULL);
	add_key(sb, &first, "peer");
	if (i->has_peer) {
		sb_adds(sb, "{\"netns\": ");
		add_ino(sb, i->peer.netns);
		sb_addf(sb, ", \"ifindex\": %d, \"name\": ", i->peer.ifindex);
		add_str(sb, i->peer.name);
		sb_addc(sb, '}');
	} else {
		sb_adds(sb, "null");
	}
	sb_adds(sb, " }");
}

static void add_netns(struct strbuf *sb, const void *elem)
{
	const struct netns *n = elem;
	bool first = true;

	sb_addc(sb, '{');
	add_key(sb, &first, "inode");
	sb_addf(sb, "%" PRIu64, n->ino);
	add_key(sb, &first, "names");
	add_strv(sb, n->names, n->nnames);
	add_key(sb, &first, "nprocs");
	sb_addf(sb, "%u", n->nprocs);
	add_key(sb, &first, "nsids");
	sb_addc(sb, '[');
	for (size_t k = 0; k < n->nnsids; k++) {
		sb_addf(sb, "%s{\"nsid\": %d, \"netns\": ", k ? ", " : "", n->nsids[k].nsid);
		add_ino(sb, n->nsids[k].netns);
		sb_addc(sb, '}');
	}
	sb_addc(sb, ']');
	/* an addition to the schema: why the interfaces are missing, null when probed */
	add_key(sb, &first, "error");
	if (n->err)
		add_errno(sb, n->err < 0 ? -n->err : n->err);
	else
		sb_adds(sb, "null");
	add_key(sb, &first, "interfaces");
	sb_addc(sb, '[');
	for (size_t k = 0; k < n->nifs; k++) {
		sb_adds(sb, k ? ",\n      " : "\n      ");
		add_iface(sb, n, &n->ifs[k]);
	}
	sb_adds(sb, n->nifs ? "\n    ]" : "]");
	sb_adds(sb, " }");
}

/* A top-level array, each element on a line of its own. */
static void add_array(struct strbuf *sb, const char *key, const void *arr, size_t count,
		      size_t size, void (*fn)(struct strbuf *, const void *))
{
	sb_addf(sb, ",\n  \"%s\": [", key);
	for (size_t k = 0; k < count; k++) {
		sb_adds(sb, k ? ",\n    " : "\n    ");
		fn(sb, (const char *)arr + k * size);
	}
	sb_adds(sb, count ? "\n  ]" : "]");
}

static void add_err(struct strbuf *sb, const void *elem)
{
	const struct probe_err *e = elem;
	sb_adds(sb, "{\"path\": ");
	add_str(sb, e->path);
	sb_adds(sb, ", \"error\": ");
	add_errno(sb, e->err);
	sb_addc(sb, '}');
}

/* Build the whole document in sb. */
static void json_build(struct strbuf *sb, const struct snapshot *s)
{
	sb_adds(sb, "{\n  \"schema\": \"nsview/1\",\n  \"kernel\": ");
	json_add_string(sb, s->kernel, strnlen(s->kernel, sizeof s->kernel));
	sb_addf(sb, ",\n  \"viewer\": {\"pid\": %d, \"euid\": %u}", (int)s->viewer_pid,
		(unsigned)s->viewer_euid);
	add_array(sb, "namespaces", s->ns, s->nns, sizeof *s->ns, add_ns);
	add_array(sb, "processes", s->procs, s->nprocs, sizeof *s->procs, add_proc);
	add_array(sb, "netns", s->nets, s->nnets, sizeof *s->nets, add_netns);
	add_array(sb, "errors", s->errs, s->nerrs, sizeof *s->errs, add_err);
	sb_adds(sb, "\n}\n");
}

int json_write(FILE *f, const struct snapshot *s)
{
	struct strbuf sb = { 0 };
	int r = 0;

	json_build(&sb, s);
	errno = 0;
	if (fwrite(sb.buf, 1, sb.len, f) != sb.len || fflush(f) != 0)
		r = errno ? -errno : -EIO;
	sb_free(&sb);
	return r;
}
