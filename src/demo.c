/*
 * demo: clone() demo children. The parent clones, writes the user namespace's
 * id maps and makes the veth pair, then sends the go-ahead; the child sets
 * itself up (private /proc, hostname, time offset, its veth end), reports what
 * it sees of itself over a socketpair and waits to be killed. Every child is
 * kept in a registry, so nsview kills only what it spawned.
 */
#include "src/demo.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <ifaddrs.h>
#include <fcntl.h>
#include <net/if.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/pidfd.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "probes/netlink_veth.h"
#include "src/demo_out.h"
#include "src/util.h"

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif
#ifndef __NR_clone3
#define __NR_clone3 435
#endif

#define DEMO_ALL_FLAGS                                                                        \
	(CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNS | CLONE_NEWUSER | \
	 CLONE_NEWCGROUP | CLONE_NEWTIME)
#define DEMO_TIME_OFFSET 86400 /* one day, added to CLOCK_MONOTONIC and CLOCK_BOOTTIME */
#define DEMO_REPORT_TIMEOUT_MS 10000

/* clone3()'s argument, version 0 (64 bytes); Debian 12's glibc has no wrapper. */
struct demo_clone_args {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls;
};

/* In contract order: pid,net,uts,ipc,mnt,user,cgroup,time. */
static const struct {
	const char *name;
	unsigned long flag;
} demo_names[] = {
	{ "pid", CLONE_NEWPID },   { "net", CLONE_NEWNET },       { "uts", CLONE_NEWUTS },
	{ "ipc", CLONE_NEWIPC },   { "mnt", CLONE_NEWNS },        { "user", CLONE_NEWUSER },
	{ "cgroup", CLONE_NEWCGROUP }, { "time", CLONE_NEWTIME },
};

struct demo_child {
	unsigned long flags;
	pid_t pid;
	int pidfd; /* -1 if pidfd_open is unavailable: the pid is ours until reaped anyway */
	int sock;  /* our end of the socketpair */
	struct demo_inside in;
	struct demo_outside out;
	struct demo_child *next;
};

/* What nsview sends the child once its id maps and veth pair are ready. */
struct demo_goahead {
	pid_t pid;              /* the child's pid in nsview's PID namespace */
	struct in_addr in_addr; /* the address of its end of the veth pair */
};

/* What the child sends: its view, or the step that failed. */
struct demo_report {
	int err;         /* 0 or -errno */
	const char *why; /* a static string of this binary (the child is a fork of it) */
	struct demo_inside in;
};

static struct demo_child *demo_registry;

/* The message behind a culprit: demo_parse_flags's *culprit points here for formatted ones. */
static char demo_parse_msg[192];

int demo_parse_flags(const char *list, unsigned long *ret_flags, const char **culprit)
{
	unsigned long flags = 0;
	const char *p = list;

	if (!list || !*list) {
		*culprit = "empty list (give some of pid,net,uts,ipc,mnt,user,cgroup,time, or none)";
		return -EINVAL;
	}
	if (strcmp(list, "none") == 0) {
		*ret_flags = 0;
		return 0;
	}
	for (;;) {
		const char *end = strchrnul(p, ',');
		int n = (int)(end - p);
		unsigned long f = 0;

		if (n == 0) {
			snprintf(demo_parse_msg, sizeof(demo_parse_msg), "'%s': an empty item", list);
			*culprit = demo_parse_msg;
			return -EINVAL;
		}
		for (size_t i = 0; i < ARRAY_SIZE(demo_names); i++)
			if (strlen(demo_names[i].name) == (size_t)n && !strncmp(demo_names[i].name, p, n))
				f = demo_names[i].flag;
		if (!f) {
			if (n == 4 && !strncmp(p, "none", 4))
				snprintf(demo_parse_msg, sizeof(demo_parse_msg),
					 "'none' cannot be combined with other namespaces");
			else
				snprintf(demo_parse_msg, sizeof(demo_parse_msg),
					 "'%.*s' is not a namespace type (pid, net, uts, ipc, mnt, user, "
					 "cgroup, time, or none alone)",
					 n > 64 ? 64 : n, p);
			*culprit = demo_parse_msg;
			return -EINVAL;
		}
		if (flags & f) {
			snprintf(demo_parse_msg, sizeof(demo_parse_msg), "'%.*s' given twice", n, p);
			*culprit = demo_parse_msg;
			return -EINVAL;
		}
		flags |= f;
		if (!*end)
			break;
		p = end + 1;
	}
	*ret_flags = flags;
	return 0;
}

char *demo_flags_str(unsigned long flags)
{
	struct strbuf sb = { 0 };

	for (size_t i = 0; i < ARRAY_SIZE(demo_names); i++) {
		if (!(flags & demo_names[i].flag))
			continue;
		if (sb.len)
			sb_addc(&sb, ',');
		sb_adds(&sb, demo_names[i].name);
	}
	if (!sb.len)
		sb_adds(&sb, "none");
	return sb_steal(&sb);
}

/* The CLONE_NEW* flag of a namespace type. */
unsigned long demo_type_flag(enum ns_type t)
{
	static const unsigned long flag[NS_TYPE_MAX] = {
		[NS_CGROUP] = CLONE_NEWCGROUP, [NS_IPC] = CLONE_NEWIPC,   [NS_MNT] = CLONE_NEWNS,
		[NS_NET] = CLONE_NEWNET,       [NS_PID] = CLONE_NEWPID,   [NS_TIME] = CLONE_NEWTIME,
		[NS_USER] = CLONE_NEWUSER,     [NS_UTS] = CLONE_NEWUTS,
	};
	return (unsigned)t < NS_TYPE_MAX ? flag[t] : 0;
}

/* The veth pair's names, derived from the child's host pid. */
static void demo_veth_names(pid_t pid, char *ret_out, char *ret_in)
{
	snprintf(ret_out, IFNAMSIZ, "nsv%ua", (unsigned)pid);
	snprintf(ret_in, IFNAMSIZ, "nsv%ub", (unsigned)pid);
}

/* The /30 with index i of the link-local range: 169.254.1.0 up to 169.254.254.252, leaving
 * out 169.254.0.0/24 and 169.254.255.0/24 (reserved, RFC 3927) and 169.254.169.0/24, where
 * cloud machines reach their metadata service (169.254.169.254). */
#define DEMO_SUBNETS (253 * 64)
static uint32_t demo_subnet(unsigned i)
{
	unsigned third = 1 + (i / 64) % 253, fourth = (i % 64) * 4;
	if (third >= 169)
		third++;
	return 0xa9fe0000u | third << 8 | fourth;
}

/* Whether an IPv4 address in nsview's network namespace (another demo child's end, a
 * link-local address of the machine) lies in the /30 at net (host order). A wider prefix
 * around it does no harm: the /30's route is the more specific one. */
static bool demo_subnet_taken(uint32_t net, const struct ifaddrs *ifa)
{
	for (; ifa; ifa = ifa->ifa_next) {
		if (!ifa->ifa_addr || ifa->ifa_addr->sa_family != AF_INET)
			continue;
		uint32_t a = ntohl(((const struct sockaddr_in *)ifa->ifa_addr)->sin_addr.s_addr);
		if ((a & 0xfffffffcu) == net)
			return true;
	}
	return false;
}

int demo_veth_subnet(pid_t pid, const struct ifaddrs *ifa, struct in_addr *ret_out,
		     struct in_addr *ret_in)
{
	for (unsigned k = 0; k < DEMO_SUBNETS; k++) {
		uint32_t net = demo_subnet(((unsigned)pid + k) % DEMO_SUBNETS);
		if (demo_subnet_taken(net, ifa))
			continue;
		ret_out->s_addr = htonl(net + 1);
		ret_in->s_addr = htonl(net + 2);
		return 0;
	}
	return -EADDRINUSE;
}

/* demo_veth_subnet for the addresses nsview's network namespace has now. */
static int demo_pick_subnet(pid_t pid, struct in_addr *ret_out, struct in_addr *ret_in)
{
	struct ifaddrs *ifa = NULL;
	if (getifaddrs(&ifa) < 0)
		ifa = NULL;
	int r = demo_veth_subnet(pid, ifa, ret_out, ret_in);
	if (ifa)
		freeifaddrs(ifa);
	return r;
}

static void demo_format_addr(char *buf, size_t n, struct in_addr a)
{
	char ip[INET_ADDRSTRLEN];
	inet_ntop(AF_INET, &a, ip, sizeof(ip));
	snprintf(buf, n, "%s/30", ip);
}

static int demo_write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, text, strlen(text));
	if (n < 0) {
		int r = -errno;
		close(fd);
		return r;
	}
	close(fd);
	return (size_t)n == strlen(text) ? 0 : -EIO;
}

void demo_read_ns(const char *who, uint64_t ns[NS_TYPE_MAX])
{
	for (int t = 0; t < NS_TYPE_MAX; t++) {
		char path[64];
		struct stat st;

		snprintf(path, sizeof(path), "/proc/%s/ns/%s", who, model_type_name(t));
		ns[t] = stat(path, &st) == 0 ? (uint64_t)st.st_ino : 0;
	}
}

/* Numeric entries in /proc: the processes this /proc shows. */
int demo_count_procs(void)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	int n = 0;

	if (!d)
		return -errno;
	while ((e = readdir(d))) {
		const char *c = e->d_name;
		while (*c >= '0' && *c <= '9')
			c++;
		if (!*c && c != e->d_name)
			n++;
	}
	closedir(d);
	return n;
}

/* The child's own view of itself, as it reports it. */
static void demo_child_look(struct demo_inside *in)
{
	struct if_nameindex *ifs;
	struct timespec ts;
	int sock;

	in->pid = getpid();
	in->ppid = getppid();
	in->uid = getuid();
	if (gethostname(in->hostname, sizeof(in->hostname) - 1) < 0)
		in->hostname[0] = 0;
	sock = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	ifs = if_nameindex();
	for (struct if_nameindex *i = ifs; i && i->if_index && in->nifaces < DEMO_MAX_IFACES; i++) {
		struct ifreq ifr = { 0 };
		int k = in->nifaces++;

		snprintf(in->ifaces[k].name, sizeof(in->ifaces[k].name), "%s", i->if_name);
		snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", i->if_name);
		in->ifaces[k].up = sock >= 0 && ioctl(sock, SIOCGIFFLAGS, &ifr) == 0 &&
				   (ifr.ifr_flags & IFF_UP);
	}
	if (ifs)
		if_freenameindex(ifs);
	if (sock >= 0)
		close(sock);
	in->nprocs_visible = demo_count_procs();
	demo_read_ns("self", in->ns);
	if (clock_gettime(CLOCK_BOOTTIME, &ts) == 0)
		in->boottime = (long)ts.tv_sec;
}

/*
 * Move the child into a time namespace with a visible offset. Offsets can be
 * written only while no process is in the namespace, and clone3(CLONE_NEWTIME)
 * puts the child in at once (so its offsets are frozen at zero): make a fresh
 * one for our children, set its offsets, then join it ourselves with setns.
 */
static int demo_child_time(const char **why)
{
	int fd, r;

	*why = "unshare(CLONE_NEWTIME)";
	if (unshare(CLONE_NEWTIME) < 0)
		return -errno;
	*why = "writing /proc/self/timens_offsets";
	r = demo_write_file("/proc/self/timens_offsets", "monotonic 86400 0\nboottime 86400 0\n");
	if (r < 0)
		return r;
	*why = "joining the new time namespace";
	fd = open("/proc/self/ns/time_for_children", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	r = setns(fd, CLONE_NEWTIME) < 0 ? -errno : 0;
	close(fd);
	return r;
}

/* Set the child up in its new namespaces; -errno with *why naming the step. */
static int demo_child_setup(unsigned long flags, bool veth, pid_t host_pid, struct in_addr in_addr,
			    struct demo_inside *in,
			    const char **why)
{
	int r;

	if ((flags & CLONE_NEWPID) && (flags & CLONE_NEWNS)) {
		/* private first, so the /proc mount never propagates to the parent's world */
		*why = "making / private in the new mount namespace";
		if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
			return -errno;
		*why = "mounting a private /proc";
		if (mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)
			return -errno;
		in->own_proc = true;
	}
	if (flags & CLONE_NEWUTS) {
		char name[64];
		snprintf(name, sizeof(name), "nsview-demo-%d", (int)host_pid);
		*why = "sethostname";
		if (sethostname(name, strlen(name)) < 0)
			return -errno;
	}
	if (flags & CLONE_NEWTIME) {
		r = demo_child_time(why);
		if (r < 0)
			return r;
		in->time_offset = DEMO_TIME_OFFSET;
	}
	if (veth) {
		char out_name[IFNAMSIZ], in_name[IFNAMSIZ];

		demo_veth_names(host_pid, out_name, in_name);
		*why = "setting up the child's end of the veth pair";
		r = netlink_veth_up(in_name, in_addr, 30);
		if (r < 0)
			return r;
		demo_format_addr(in->veth_addr, sizeof(in->veth_addr), in_addr);
	}
	return 0;
}

static int demo_send_all(int fd, const void *buf, size_t n)
{
	const char *p = buf;
	while (n) {
		ssize_t k = send(fd, p, n, MSG_NOSIGNAL);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -errno;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

/* Receive exactly n bytes; -EPIPE on EOF, -ETIMEDOUT after timeout_ms (-1: wait forever). */
static int demo_recv_all(int fd, void *buf, size_t n, int timeout_ms)
{
	char *p = buf;
	while (n) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		int pr = poll(&pfd, 1, timeout_ms);
		ssize_t k;

		if (pr < 0 && errno == EINTR)
			continue;
		if (pr < 0)
			return -errno;
		if (pr == 0)
			return -ETIMEDOUT;
		k = recv(fd, p, n, 0);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -errno;
		if (k == 0)
			return -EPIPE;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

/* The child: runs in a fork-like clone of nsview and never returns. */
__attribute__((noreturn)) static void demo_child_main(unsigned long flags, bool veth, pid_t parent,
						      int sock, int parent_sock)
{
	struct demo_report rep = { 0 };
	sigset_t all;
	struct demo_goahead go;
	int r;

	/* first of all, so the child cannot outlive nsview */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	/* without NEWPID a changed getppid() shows nsview already died; with NEWPID it reads 0,
	 * and the socketpair's EOF below tells the same (our copy of nsview's end goes first) */
	if (!(flags & CLONE_NEWPID) && getppid() != parent)
		_exit(1);
	close(parent_sock);
	/* a name of its own, so that it stands apart from nsview in any process list */
	prctl(PR_SET_NAME, "nsview-demo");
	/* nsview's handlers and mask are not ours: default dispositions, nothing blocked */
	for (int s = 1; s < NSIG; s++)
		if (s != SIGKILL && s != SIGSTOP)
			signal(s, SIG_DFL);
	sigemptyset(&all);
	sigprocmask(SIG_SETMASK, &all, NULL);

	/* the go-ahead carries our host pid and our end's address: maps and veth are ready */
	if (demo_recv_all(sock, &go, sizeof(go), -1) < 0)
		_exit(1);
	r = demo_child_setup(flags, veth, go.pid, go.in_addr, &rep.in, &rep.why);
	if (r < 0)
		rep.err = r;
	else
		demo_child_look(&rep.in);
	if (demo_send_all(sock, &rep, sizeof(rep)) < 0 || r < 0)
		_exit(1);
	for (;;)
		pause();
}

/* clone() fork-like (no new stack), or clone3() when a time namespace is asked for, since
 * clone() reads 0x80 as part of the exit signal and ignores CLONE_NEWTIME. */
static pid_t demo_clone(unsigned long flags)
{
	if (flags & CLONE_NEWTIME) {
		struct demo_clone_args ca = { .flags = flags, .exit_signal = SIGCHLD };
		return (pid_t)syscall(__NR_clone3, &ca, sizeof(ca));
	}
	return (pid_t)syscall(SYS_clone, flags | SIGCHLD, NULL, NULL, NULL, 0L);
}

static int demo_write_maps(pid_t pid, const char **why)
{
	char path[64], map[64];
	int r;

	snprintf(map, sizeof(map), "0 %u 1\n", (unsigned)geteuid());
	snprintf(path, sizeof(path), "/proc/%d/uid_map", (int)pid);
	*why = "writing the child's uid_map";
	r = demo_write_file(path, map);
	if (r < 0)
		return r;
	/* an unprivileged gid_map needs setgroups denied first */
	snprintf(path, sizeof(path), "/proc/%d/setgroups", (int)pid);
	*why = "denying setgroups in the child's user namespace";
	r = demo_write_file(path, "deny\n");
	if (r < 0)
		return r;
	snprintf(map, sizeof(map), "0 %u 1\n", (unsigned)getegid());
	snprintf(path, sizeof(path), "/proc/%d/gid_map", (int)pid);
	*why = "writing the child's gid_map";
	return demo_write_file(path, map);
}

/* nsview's view of the child: NSpid chain and uid from its status, its namespace links. */
static void demo_look_outside(struct demo_child *c)
{
	char path[64], line[512];
	FILE *f;

	c->out.pid = c->pid;
	c->out.ppid = getpid();
	c->out.nspid[0] = c->pid;
	c->out.nnspid = 1;
	snprintf(path, sizeof(path), "/proc/%d/status", (int)c->pid);
	f = fopen(path, "re");
	while (f && fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "Uid:", 4)) {
			c->out.uid = (uid_t)strtoul(line + 4, NULL, 10);
		} else if (!strncmp(line, "NSpid:", 6)) {
			char *p = line + 6, *end;
			c->out.nnspid = 0;
			while (c->out.nnspid < NSPID_MAX) {
				long v = strtol(p, &end, 10);
				if (end == p)
					break;
				c->out.nspid[c->out.nnspid++] = (pid_t)v;
				p = end;
			}
		}
	}
	if (f)
		fclose(f);
	snprintf(path, sizeof(path), "%d", (int)c->pid);
	demo_read_ns(path, c->out.ns);
}

static void demo_reap(pid_t pid)
{
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
}

static void demo_child_free(struct demo_child *c)
{
	if (c->pidfd >= 0)
		close(c->pidfd);
	if (c->sock >= 0)
		close(c->sock);
	free(c);
}

/* Kill and reap a child that is ours and not yet reaped, and delete its veth pair. */
static void demo_end(struct demo_child *c)
{
	/* deleting one end takes both; waiting for the netns to die would leave it while anything
	 * (such as a netlink probe's socket) still holds the child's namespace */
	if (c->out.veth[0])
		netlink_veth_delete(c->out.veth);
	if (c->pidfd < 0 || syscall(SYS_pidfd_send_signal, c->pidfd, SIGKILL, NULL, 0) < 0)
		kill(c->pid, SIGKILL); /* still our unreaped child: the pid cannot have been reused */
	demo_reap(c->pid);
}

int demo_spawn(unsigned long flags, bool veth, struct demo_child **ret, const char **why)
{
	struct demo_child *c;
	struct demo_report rep;
	char out_name[IFNAMSIZ], in_name[IFNAMSIZ];
	struct in_addr out_addr = { 0 }, in_addr = { 0 };
	pid_t parent = getpid();
	int sv[2], r;

	if (flags & ~(unsigned long)DEMO_ALL_FLAGS) {
		*why = "unknown clone flags";
		return -EINVAL;
	}
	if (veth && !(flags & CLONE_NEWNET)) {
		*why = "a veth pair needs a new network namespace (net)";
		return -EINVAL;
	}
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) {
		*why = "socketpair";
		return -errno;
	}
	fflush(NULL); /* the child is a copy of us: no stdio buffer may be written twice */
	pid_t pid = demo_clone(flags);
	if (pid == 0)
		demo_child_main(flags, veth, parent, sv[1], sv[0]);
	r = -errno;
	close(sv[1]);
	if (pid < 0) {
		close(sv[0]);
		*why = flags & CLONE_NEWTIME ? "clone3() refused the new namespaces"
					     : "clone() refused the new namespaces";
		return r;
	}

	c = xcalloc(1, sizeof(*c));
	c->flags = flags;
	c->pid = pid;
	c->sock = sv[0];
	c->pidfd = pidfd_open(pid, 0);
	if (flags & CLONE_NEWUSER) {
		r = demo_write_maps(pid, why);
		if (r < 0)
			goto fail;
	}
	if (veth) {
		demo_veth_names(pid, out_name, in_name);
		*why = "finding a free link-local /30 for the veth pair";
		r = demo_pick_subnet(pid, &out_addr, &in_addr);
		if (r < 0)
			goto fail;
		*why = "creating the veth pair";
		r = netlink_veth_create(out_name, in_name, pid);
		if (r < 0)
			goto fail;
		snprintf(c->out.veth, sizeof(c->out.veth), "%s", out_name);
		snprintf(c->out.veth_peer, sizeof(c->out.veth_peer), "%s", in_name);
		*why = "setting up nsview's end of the veth pair";
		r = netlink_veth_up(out_name, out_addr, 30);
		if (r < 0)
			goto fail;
		demo_format_addr(c->out.veth_addr, sizeof(c->out.veth_addr), out_addr);
	}
	*why = "sending the child its go-ahead";
	struct demo_goahead go = { .pid = pid, .in_addr = in_addr };
	r = demo_send_all(c->sock, &go, sizeof(go));
	if (r < 0)
		goto fail;
	*why = "waiting for the child's report";
	r = demo_recv_all(c->sock, &rep, sizeof(rep), DEMO_REPORT_TIMEOUT_MS);
	if (r == -EPIPE) {
		*why = "the child died before it reported";
		r = -ECHILD;
	}
	if (r < 0)
		goto fail;
	if (rep.err < 0) {
		r = rep.err;
		*why = rep.why ? rep.why : "the child's setup failed";
		goto fail;
	}
	c->in = rep.in;
	demo_look_outside(c);
	c->next = demo_registry;
	demo_registry = c;
	*ret = c;
	return 0;
fail:
	demo_end(c);
	demo_child_free(c);
	return r;
}

const struct demo_inside *demo_inside(const struct demo_child *c)
{
	return c ? &c->in : NULL;
}

const struct demo_outside *demo_outside(const struct demo_child *c)
{
	return c ? &c->out : NULL;
}

unsigned long demo_flags(const struct demo_child *c)
{
	return c ? c->flags : 0;
}

struct demo_child *demo_find(pid_t pid)
{
	for (struct demo_child *c = demo_registry; c; c = c->next)
		if (c->pid == pid)
			return c;
	return NULL;
}

void demo_kill(struct demo_child *c)
{
	struct demo_child **pp;

	if (!c)
		return;
	for (pp = &demo_registry; *pp && *pp != c; pp = &(*pp)->next)
		;
	if (!*pp)
		return; /* not ours: never touch it */
	*pp = c->next;
	demo_end(c);
	demo_child_free(c);
}

void demo_kill_all(void)
{
	while (demo_registry)
		demo_kill(demo_registry);
}

static volatile sig_atomic_t demo_stop;

static void demo_on_signal(int sig)
{
	demo_stop = sig;
}

/* --hold: wait for EOF on stdin or SIGINT/SIGTERM/SIGHUP. */
static void demo_hold(void)
{
	struct sigaction sa = { .sa_handler = demo_on_signal }; /* no SA_RESTART: read wakes */
	char buf[256];

	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	while (!demo_stop) {
		ssize_t n = read(STDIN_FILENO, buf, sizeof(buf));
		if (n == 0 || (n < 0 && errno != EINTR))
			break;
	}
}

int demo_cli_run(unsigned long flags, const struct demo_cli_opts *o, FILE *out, const char **why)
{
	struct demo_child *c = NULL;
	int r;

	r = demo_spawn(flags, o->veth, &c, why);
	if (r < 0)
		return r;
	r = o->json ? demo_out_json(out, c, getpid()) : demo_out_text(out, c, getpid());
	if (r == 0 && fflush(out) != 0)
		r = -errno;
	if (r < 0)
		*why = "writing output";
	else if (o->hold)
		demo_hold();
	demo_kill(c);
	return r;
}
