/*
 * nsfs: namespace ioctls and the fixture sidecar that stands in for them.
 */
#include "probes/nsfs.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/nsfs.h>
#include <linux/sockios.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/pidfd.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "probes/procfs.h"
#include "src/util.h"

/* Debian 12's headers predate some of these (see KERNEL.md); values from the uapi. */
#ifndef NSIO
#define NSIO 0xb7
#endif
#ifndef NS_GET_USERNS
#define NS_GET_USERNS _IO(NSIO, 0x1)
#endif
#ifndef NS_GET_PARENT
#define NS_GET_PARENT _IO(NSIO, 0x2)
#endif
#ifndef NS_GET_NSTYPE
#define NS_GET_NSTYPE _IO(NSIO, 0x3)
#endif
#ifndef NS_GET_OWNER_UID
#define NS_GET_OWNER_UID _IO(NSIO, 0x4)
#endif
#ifndef SIOCGSKNS
#define SIOCGSKNS 0x894C
#endif
#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

static const int clone_flags[NS_TYPE_MAX] = {
	[NS_CGROUP] = CLONE_NEWCGROUP, [NS_IPC] = CLONE_NEWIPC, [NS_MNT] = CLONE_NEWNS,
	[NS_NET] = CLONE_NEWNET,       [NS_PID] = CLONE_NEWPID, [NS_TIME] = CLONE_NEWTIME,
	[NS_USER] = CLONE_NEWUSER,     [NS_UTS] = CLONE_NEWUTS,
};

/* Run a namespace-returning ioctl and stat the result: its inode, with the fd kept
 * in *ret_fd. 0 = none (EPERM: initial, or outside our reach; EINVAL: not hierarchical). */
static uint64_t related(int fd, unsigned long req, int *ret_fd)
{
	struct stat st;
	int r = ioctl(fd, req);
	*ret_fd = -1;
	if (r < 0)
		return 0;
	if (fstat(r, &st) < 0) {
		close(r);
		return 0;
	}
	*ret_fd = r;
	return (uint64_t)st.st_ino;
}

void nsfs_query(int fd, enum ns_type t, struct nsfs_info *ret)
{
	struct nsfs_info i = { .owner_uid = -1, .parent_fd = -1, .owner_fd = -1 };
	i.owner = related(fd, NS_GET_USERNS, &i.owner_fd);
	if (t == NS_PID || t == NS_USER)
		i.parent = related(fd, NS_GET_PARENT, &i.parent_fd);
	if (t == NS_USER) {
		uid_t uid;
		if (ioctl(fd, NS_GET_OWNER_UID, &uid) == 0)
			i.owner_uid = uid;
	}
	*ret = i;
}

int nsfs_type_of(int fd)
{
	int r = ioctl(fd, NS_GET_NSTYPE);
	if (r < 0)
		return -errno;
	for (int t = 0; t < NS_TYPE_MAX; t++)
		if (clone_flags[t] == r)
			return t;
	return -EINVAL;
}

int nsfs_socket_netns(pid_t pid, int fd, int *ret_fd)
{
	int pfd = pidfd_open(pid, 0);
	if (pfd < 0)
		return -errno;
	int sock = pidfd_getfd(pfd, fd, 0);
	int r = sock < 0 ? -errno : 0;
	close(pfd);
	if (r < 0)
		return r;
	int ns = ioctl(sock, SIOCGSKNS);
	r = ns < 0 ? -errno : 0;
	close(sock);
	if (r < 0)
		return r;
	*ret_fd = ns;
	return 0;
}

int nsfs_uts_hostname(int fd, int home_fd, char **ret_name, bool *ret_fatal)
{
	struct utsname u;
	*ret_fatal = false;
	if (setns(fd, CLONE_NEWUTS) < 0)
		return -errno;
	int r = uname(&u) < 0 ? -errno : 0;
	if (setns(home_fd, CLONE_NEWUTS) < 0) {
		*ret_fatal = true;
		return -errno;
	}
	if (r < 0)
		return r;
	*ret_name = xstrdup(u.nodename);
	return 0;
}

/* "-" or a number */
static int field_u64(const char *s, uint64_t *ret)
{
	long long v;
	if (!strcmp(s, "-")) {
		*ret = 0;
		return 0;
	}
	/* inodes are 32-bit on nsfs; long long holds them */
	int r = util_parse_ll(s, 1, INT64_MAX, &v);
	if (r == 0)
		*ret = (uint64_t)v;
	return r;
}

/* Undo the sidecar's escapes (\\ and \xNN) so names may hold any byte but NUL. */
static char *unescape(const char *s)
{
	struct strbuf sb = { 0 };
	for (; *s; s++) {
		if (s[0] == '\\' && s[1] == '\\') {
			sb_addc(&sb, '\\');
			s++;
		} else if (s[0] == '\\' && s[1] == 'x' && s[2] && s[3]) {
			char hex[3] = { s[2], s[3], 0 }, *e;
			long v = strtol(hex, &e, 16);
			if (*e || v == 0) {
				sb_addc(&sb, *s);
				continue;
			}
			sb_addc(&sb, (char)v);
			s += 3;
		} else {
			sb_addc(&sb, *s);
		}
	}
	return sb_steal(&sb);
}

static int cmp_entry(const void *a, const void *b)
{
	const struct nsfs_entry *x = a, *y = b;
	if (x->type != y->type)
		return x->type < y->type ? -1 : 1;
	return x->ino < y->ino ? -1 : x->ino > y->ino;
}

/* One "ns TYPE INODE PARENT OWNER OWNER_UID [NAME]" line (after "ns "). */
static int parse_ns_line(char *s, struct nsfs_entry *e)
{
	char *f[5], *save = NULL;
	for (int i = 0; i < 5; i++) {
		f[i] = strtok_r(i ? NULL : s, " ", &save);
		if (!f[i])
			return -EINVAL;
	}
	int t = model_type_parse(f[0], strlen(f[0]));
	long long uid = -1;
	if (t < 0 || field_u64(f[1], &e->ino) < 0 || !e->ino || field_u64(f[2], &e->parent) < 0 ||
	    field_u64(f[3], &e->owner) < 0)
		return -EINVAL;
	if (strcmp(f[4], "-") && util_parse_ll(f[4], 0, UINT32_MAX, &uid) < 0)
		return -EINVAL;
	e->type = t;
	e->owner_uid = uid;
	/* the name is the rest of the line after one space, so it may hold spaces */
	if (save && *save)
		e->name = unescape(save);
	else
		e->name = NULL;
	return 0;
}

int nsfs_sidecar_parse(char *buf, size_t n, struct nsfs_sidecar **ret, int *ret_line)
{
	struct nsfs_sidecar *sc = xcalloc(1, sizeof *sc);
	size_t cap = 0;
	int line = 0, r = 0;
	char *b = buf, *e = buf + n;
	while (b < e) {
		char *nl = memchr(b, '\n', (size_t)(e - b));
		if (!nl)
			nl = e;
		*nl = 0;
		line++;
		if (*b == '#' || *b == 0) {
			/* comment or blank */
		} else if (!strncmp(b, "ns ", 3)) {
			if (sc->n == cap) {
				cap = cap ? cap * 2 : 16;
				sc->e = xrealloc(sc->e, cap * sizeof *sc->e);
			}
			memset(&sc->e[sc->n], 0, sizeof *sc->e);
			if (parse_ns_line(b + 3, &sc->e[sc->n]) < 0) {
				r = -EINVAL;
				break;
			}
			sc->n++;
		} else if (!strncmp(b, "kernel ", 7) && strlen(b + 7) < sizeof sc->kernel) {
			strcpy(sc->kernel, b + 7);
		} else if (!strncmp(b, "viewer ", 7)) {
			long long pid, euid;
			char *sp = strchr(b + 7, ' ');
			if (!sp) {
				r = -EINVAL;
				break;
			}
			*sp = 0;
			if (util_parse_ll(b + 7, 1, INT32_MAX, &pid) < 0 ||
			    util_parse_ll(sp + 1, 0, UINT32_MAX, &euid) < 0) {
				r = -EINVAL;
				break;
			}
			sc->has_viewer = true;
			sc->viewer_pid = (pid_t)pid;
			sc->viewer_euid = (uid_t)euid;
		} else {
			r = -EINVAL;
			break;
		}
		b = nl + 1;
	}
	if (r < 0) {
		if (ret_line)
			*ret_line = line;
		nsfs_sidecar_free(sc);
		return r;
	}
	if (sc->n)
		qsort(sc->e, sc->n, sizeof *sc->e, cmp_entry);
	*ret = sc;
	return 0;
}

int nsfs_sidecar_load(int root, struct nsfs_sidecar **ret, int *ret_line)
{
	struct strbuf sb = { 0 };
	int r = procfs_read_file(root, "nsfs", &sb, false);
	if (r == 0)
		r = nsfs_sidecar_parse(sb.buf, sb.len, ret, ret_line);
	sb_free(&sb);
	return r;
}

const struct nsfs_entry *nsfs_sidecar_find(const struct nsfs_sidecar *sc, enum ns_type t,
					   uint64_t ino)
{
	struct nsfs_entry key = { .type = t, .ino = ino };
	if (!sc || !sc->n)
		return NULL;
	return bsearch(&key, sc->e, sc->n, sizeof key, cmp_entry);
}

void nsfs_sidecar_free(struct nsfs_sidecar *sc)
{
	if (!sc)
		return;
	for (size_t i = 0; i < sc->n; i++)
		free(sc->e[i].name);
	free(sc->e);
	free(sc);
}
