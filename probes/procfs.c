/*
 * procfs: per-process files of a /proc tree, read relative to dirfds and
 * parsed from plain buffers.
 */
#include "probes/procfs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int procfs_read_file(int dirfd, const char *path, struct strbuf *sb, bool whole)
{
	int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return -errno;
	sb->len = 0;
	for (;;) {
		if (!sb->buf || sb->cap - sb->len < 2048) {
			size_t cap = sb->cap * 2 > 4096 ? sb->cap * 2 : 4096;
			sb->buf = xrealloc(sb->buf, cap);
			sb->cap = cap;
		}
		ssize_t r = read(fd, sb->buf + sb->len, sb->cap - sb->len - 1);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			int e = -errno;
			close(fd);
			sb->len = 0;
			sb->buf[0] = 0;
			return e;
		}
		if (r == 0)
			break;
		sb->len += (size_t)r;
		/* a file the kernel makes in one piece (status, cmdline) ends at a short read:
		 * this saves the second read() that would return 0 */
		if (whole && (size_t)r < sb->cap - (sb->len - (size_t)r) - 1)
			break;
	}
	close(fd);
	sb->buf[sb->len] = 0;
	return 0;
}

int procfs_parse_ns_link(const char *s, size_t n, uint64_t *ret_ino)
{
	const char *c = memchr(s, ':', n);
	if (!c || (size_t)(c - s) + 3 > n || c[1] != '[' || s[n - 1] != ']')
		return -EINVAL;
	int t = model_type_parse(s, (size_t)(c - s));
	if (t < 0)
		return -EINVAL;
	uint64_t v = 0;
	const char *p = c + 2, *end = s + n - 1;
	if (p == end)
		return -EINVAL;
	for (; p < end; p++) {
		if (*p < '0' || *p > '9' || v > (UINT64_MAX - 9) / 10)
			return -EINVAL;
		v = v * 10 + (uint64_t)(*p - '0');
	}
	if (!v)
		return -EINVAL;
	*ret_ino = v;
	return t;
}

int procfs_read_ns(int dirfd, const char *sub, uint64_t ret_ino[NS_LINK_MAX],
		   int ret_err[NS_LINK_MAX])
{
	int nsd = openat(dirfd, sub, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (nsd < 0)
		return -errno;
	for (int l = 0; l < NS_LINK_MAX; l++) {
		char buf[64];
		uint64_t ino = 0;
		ssize_t n = readlinkat(nsd, model_link_name(l), buf, sizeof buf);
		ret_ino[l] = 0;
		if (n < 0) {
			ret_err[l] = -errno;
			continue;
		}
		int t = procfs_parse_ns_link(buf, (size_t)n, &ino);
		if (t < 0 || (enum ns_type)t != model_link_type(l)) {
			ret_err[l] = -EINVAL;
			continue;
		}
		ret_ino[l] = ino;
		ret_err[l] = 0;
	}
	close(nsd);
	return 0;
}

/* status's Name escapes only newline and backslash (seq_escape_str with "\n\\"):
 * undo that, so the model keeps the raw comm. */
static void copy_comm(char *dst, size_t cap, const char *s, size_t n)
{
	size_t o = 0;
	for (size_t i = 0; i < n && o + 1 < cap; i++) {
		if (s[i] == '\\' && i + 1 < n && (s[i + 1] == 'n' || s[i + 1] == '\\')) {
			dst[o++] = s[i + 1] == 'n' ? '\n' : '\\';
			i++;
		} else {
			dst[o++] = s[i];
		}
	}
	dst[o] = 0;
}

/* The decimal number after any blanks at s, read no further than end (a buffer
 * need not end in NUL, and strtol would run on into the next line or past it);
 * nothing in status is wider than 32 bits. Returns where it stopped, NULL if
 * there was no such number. */
static const char *parse_u32(const char *s, const char *end, uint32_t *ret)
{
	uint64_t v = 0;
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	const char *digits = s;
	for (; s < end && *s >= '0' && *s <= '9'; s++) {
		v = v * 10 + (uint64_t)(*s - '0');
		if (v > UINT32_MAX)
			return NULL;
	}
	if (s == digits)
		return NULL;
	*ret = (uint32_t)v;
	return s;
}

int procfs_parse_status(const char *buf, size_t n, struct proc *p, unsigned *ret_threads)
{
	const char *b = buf, *e = buf + n, *q;
	unsigned threads = 1;
	bool name = false, deep = false;
	uint32_t v;

	while (b < e) {
		const char *nl = memchr(b, '\n', (size_t)(e - b));
		if (!nl)
			nl = e;
		size_t len = (size_t)(nl - b);
		if (len >= 6 && !memcmp(b, "Name:\t", 6)) {
			copy_comm(p->comm, sizeof p->comm, b + 6, len - 6);
			name = true;
		} else if (len > 6 && !memcmp(b, "PPid:\t", 6)) {
			if (parse_u32(b + 6, nl, &v) && v <= INT32_MAX)
				p->ppid = (pid_t)v;
		} else if (len > 5 && !memcmp(b, "Uid:\t", 5)) {
			if (parse_u32(b + 5, nl, &v))
				p->uid = (uid_t)v;
		} else if (len > 8 && !memcmp(b, "Threads:", 8)) {
			if (parse_u32(b + 8, nl, &v))
				threads = v;
		} else if (len > 6 && !memcmp(b, "NSpid:", 6)) {
			p->nnspid = 0;
			for (q = b + 6; (q = parse_u32(q, nl, &v)) && v && v <= INT32_MAX;) {
				/* deeper than pid namespaces nest: the innermost pid is lost */
				if (p->nnspid == NSPID_MAX) {
					deep = true;
					break;
				}
				p->nspid[p->nnspid++] = (pid_t)v;
			}
		}
		b = nl + 1;
	}
	/* a process whose status had no NSpid (older kernels): its own pid is all we know */
	if (!p->nnspid) {
		p->nspid[0] = p->pid;
		p->nnspid = 1;
	}
	*ret_threads = threads ? threads : 1;
	return name && !deep ? 0 : -EINVAL;
}

void procfs_parse_cmdline(const char *buf, size_t n, struct proc *p)
{
	size_t argc = 0;
	/* a trailing NUL ends the last argument; without it the last one runs to the end */
	while (n && buf[n - 1] == 0 && (n < 2 || buf[n - 2] == 0))
		n--;
	for (size_t i = 0; i < n; i++)
		if (buf[i] == 0)
			argc++;
	if (n && buf[n - 1] != 0)
		argc++;
	p->argv = xcalloc(argc + 1, sizeof(char *));
	p->argc = argc;
	size_t a = 0;
	for (size_t i = 0; i < n && a < argc;) {
		const char *z = memchr(buf + i, 0, n - i);
		size_t len = z ? (size_t)(z - (buf + i)) : n - i;
		p->argv[a++] = xstrndup(buf + i, len);
		i += len + 1;
	}
}

static bool is_hex_id(const char *s, size_t n)
{
	if (n < 12)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

/* s (n bytes) is PREFIX<id>SUFFIX; id and idn get the middle. */
static bool wrapped(const char *s, size_t n, const char *prefix, const char *suffix,
		    const char **id, size_t *idn)
{
	size_t pl = strlen(prefix), sl = strlen(suffix);
	if (n <= pl + sl || memcmp(s, prefix, pl) || memcmp(s + n - sl, suffix, sl))
		return false;
	*id = s + pl;
	*idn = n - pl - sl;
	return true;
}

/* systemd escapes '-' in unit names as \x2d: undo it for a machine name. */
static char *unescape_unit(const char *s, size_t n)
{
	struct strbuf sb = { 0 };
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 3 < n && s[i + 1] == 'x') {
			char hex[3] = { s[i + 2], s[i + 3], 0 };
			char *e;
			long v = strtol(hex, &e, 16);
			if (*e == 0 && v > 0) {
				sb_addc(&sb, (char)v);
				i += 3;
				continue;
			}
		}
		sb_addc(&sb, s[i]);
	}
	return sb_steal(&sb);
}

/* Find a container runtime and id in one cgroup path, from the deepest component up. */
static void container_of(const char *path, size_t n, struct proc *p)
{
	const char *comp[64];
	size_t len[64], nc = 0;
	for (size_t i = 0; i < n && nc < 64;) {
		while (i < n && path[i] == '/')
			i++;
		size_t j = i;
		while (j < n && path[j] != '/')
			j++;
		if (j > i) {
			comp[nc] = path + i;
			len[nc++] = j - i;
		}
		i = j;
	}
	for (size_t k = nc; k-- > 0;) {
		const char *c = comp[k], *id;
		size_t l = len[k], idn;
		const char *rt = NULL;
		bool hex = true;
		if (wrapped(c, l, "docker-", ".scope", &id, &idn))
			rt = "docker";
		else if (wrapped(c, l, "cri-containerd-", ".scope", &id, &idn))
			rt = "containerd";
		else if (wrapped(c, l, "crio-", ".scope", &id, &idn))
			rt = "cri-o";
		else if (wrapped(c, l, "libpod-", ".scope", &id, &idn))
			rt = "podman";
		else if (k > 0 && len[k - 1] == 6 && !memcmp(comp[k - 1], "docker", 6))
			rt = "docker", id = c, idn = l;
		else if (k > 0 && len[k - 1] == 6 && !memcmp(comp[k - 1], "libpod", 6))
			rt = "podman", id = c, idn = l;
		else if (k > 0 && l >= 12 && memmem(path, n, "kubepods", 8) && is_hex_id(c, l))
			rt = "kubepods", id = c, idn = l;
		else if (l > 11 && !memcmp(c, "lxc.payload.", 12))
			rt = "lxc", id = c + 12, idn = l - 12, hex = false;
		else if (k > 0 && len[k - 1] == 3 && !memcmp(comp[k - 1], "lxc", 3))
			rt = "lxc", id = c, idn = l, hex = false;
		else if (k > 0 && len[k - 1] == 13 && !memcmp(comp[k - 1], "machine.slice", 13) &&
			 wrapped(c, l, "machine-", ".scope", &id, &idn))
			rt = "systemd-nspawn", hex = false;
		if (!rt || (hex && !is_hex_id(id, idn)))
			continue;
		p->ctr_runtime = xstrdup(rt);
		p->ctr_id = hex ? xstrndup(id, idn) : unescape_unit(id, idn);
		return;
	}
}

void procfs_parse_cgroup(const char *buf, size_t n, struct proc *p)
{
	const char *b = buf, *e = buf + n, *first = NULL, *chosen = NULL;
	size_t firstn = 0, chosenn = 0;
	while (b < e) {
		const char *nl = memchr(b, '\n', (size_t)(e - b));
		if (!nl)
			nl = e;
		/* hierarchy-ID:controllers:path */
		const char *c1 = memchr(b, ':', (size_t)(nl - b));
		const char *c2 = c1 ? memchr(c1 + 1, ':', (size_t)(nl - c1 - 1)) : NULL;
		if (c2) {
			const char *path = c2 + 1;
			size_t pn = (size_t)(nl - path);
			if (!first)
				first = path, firstn = pn;
			if (c1 - b == 1 && b[0] == '0' && c2 == c1 + 1)
				chosen = path, chosenn = pn;
		}
		b = nl + 1;
	}
	if (!chosen)
		chosen = first, chosenn = firstn;
	if (!chosen)
		return;
	p->cgroup = xstrndup(chosen, chosenn);
	container_of(chosen, chosenn, p);
}

static int octal(char c)
{
	return c >= '0' && c <= '7' ? c - '0' : -1;
}

/* Undo mountinfo's \ooo escapes (space, tab, newline, backslash) in place. */
static void unescape_octal(char *s)
{
	char *o = s;
	for (char *p = s; *p; p++) {
		if (p[0] == '\\' && octal(p[1]) >= 0 && octal(p[2]) >= 0 && octal(p[3]) >= 0) {
			*o++ = (char)((octal(p[1]) << 6) | (octal(p[2]) << 3) | octal(p[3]));
			p += 3;
		} else {
			*o++ = *p;
		}
	}
	*o = 0;
}

int procfs_parse_mountinfo(char *buf, size_t n, procfs_bind_fn fn, void *arg)
{
	int count = 0;
	char *b = buf, *e = buf + n;
	while (b < e) {
		char *nl = memchr(b, '\n', (size_t)(e - b));
		if (!nl)
			nl = e;
		/* fields: id parent maj:min root mountpoint options ... - fstype source super;
		 * the fields wanted end at spaces before sep, so the line itself is never cut
		 * with a NUL, which at the buffer's end would be written past it */
		char *sep = memmem(b, (size_t)(nl - b), " - nsfs ", 8);
		char *f[5];
		int i = 0;
		for (char *q = b; sep && i < 5 && q < sep; i++) {
			f[i] = q;
			q = strchr(q, ' ');
			if (!q || q > sep)
				break;
			*q++ = 0;
		}
		uint64_t ino;
		int t;
		if (sep && i == 5 && (t = procfs_parse_ns_link(f[3], strlen(f[3]), &ino)) >= 0) {
			unescape_octal(f[4]);
			fn(arg, t, ino, f[4]);
			count++;
		}
		b = nl + 1;
	}
	return count;
}

struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

/* getdents64 directly: no DIR allocation per process, which matters at 10,000 of them. */
static int list_dir(int dirfd, const char *sub, void (*fn)(void *arg, int fd, const char *name),
		    void *arg)
{
	int d = openat(dirfd, sub, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (d < 0)
		return -errno;
	char dents[8192] __attribute__((aligned(8)));
	for (;;) {
		long n = syscall(SYS_getdents64, d, dents, sizeof dents);
		if (n < 0) {
			int r = -errno;
			close(d);
			return r;
		}
		if (n == 0)
			break;
		for (long off = 0; off < n;) {
			struct linux_dirent64 *de = (void *)(dents + off);
			off += de->d_reclen;
			if (de->d_name[0] >= '0' && de->d_name[0] <= '9')
				fn(arg, d, de->d_name);
		}
	}
	close(d);
	return 0;
}

struct fd_walk {
	procfs_fd_fn fn;
	void *arg;
};

static void one_fd(void *arg, int fddir, const char *name)
{
	struct fd_walk *w = arg;
	char buf[256];
	ssize_t n = readlinkat(fddir, name, buf, sizeof buf - 1);
	if (n < 0)
		return; /* closed meanwhile */
	buf[n] = 0;
	w->fn(w->arg, fddir, atoi(name), buf, (size_t)n);
}

int procfs_read_fds(int dirfd, procfs_fd_fn fn, void *arg)
{
	struct fd_walk w = { fn, arg };
	return list_dir(dirfd, "fd", one_fd, &w);
}

struct num_walk {
	void (*fn)(void *arg, pid_t id);
	void *arg;
};

static void one_num(void *arg, int d, const char *name)
{
	struct num_walk *w = arg;
	long long v;
	if (util_parse_ll(name, 1, INT32_MAX, &v) == 0)
		w->fn(w->arg, (pid_t)v);
}

int procfs_list_numeric(int dirfd, const char *sub, void (*fn)(void *arg, pid_t id), void *arg)
{
	struct num_walk w = { fn, arg };
	return list_dir(dirfd, sub, one_num, &w);
}
