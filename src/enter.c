/*
 * enter: pidfd_open + one setns() with every namespace that differs from ours,
 * or one setns() per /proc/PID/ns/TYPE fd where the kernel cannot take a pidfd
 * (before 5.8), the user namespace first. A failure in the forked child comes
 * back to nsview over a close-on-exec pipe: end of file means the shell started.
 * (Besides probes/source.c this is the one module that names /proc: it must
 * reach a live process's namespaces, never a fixture's.)
 */
#include "src/enter.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "src/demo.h"
#include "src/model.h"

/* What the entering child sends back when it fails. */
struct enter_err {
	int err;
	const char *why; /* a static string of this binary (the child is a fork of it) */
};

__attribute__((noreturn)) static void enter_fail(int fd, int err, const char *why)
{
	struct enter_err e = { err, why };
	ssize_t n = write(fd, &e, sizeof(e));
	(void)n;
	_exit(127);
}

/* Open pid's namespaces that differ from ours; their CLONE_NEW* flags in *ret_flags. */
static int enter_open_ns(pid_t pid, int fds[NS_TYPE_MAX], unsigned long *ret_flags,
			 const char **why)
{
	unsigned long flags = 0;

	for (int t = 0; t < NS_TYPE_MAX; t++) {
		char path[64];
		struct stat theirs, ours;

		fds[t] = -1;
		snprintf(path, sizeof(path), "/proc/%d/ns/%s", (int)pid, model_type_name(t));
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		int err = errno;
		snprintf(path, sizeof(path), "/proc/self/ns/%s", model_type_name(t));
		if (fd < 0 && err == ENOENT && access(path, F_OK) < 0)
			continue; /* a kernel without this namespace type */
		if (fd < 0) {
			*why = err == ENOENT ? "no such process" : "cannot open its namespaces";
			return -err;
		}
		if (fstat(fd, &theirs) == 0 && stat(path, &ours) == 0 && theirs.st_ino == ours.st_ino &&
		    theirs.st_dev == ours.st_dev) {
			close(fd); /* ours already: joining it again is pointless (and EINVAL for user) */
			continue;
		}
		fds[t] = fd;
		flags |= demo_type_flag(t);
	}
	*ret_flags = flags;
	return 0;
}

/* Join the namespaces: all at once through a pidfd, else one fd at a time. */
static int enter_join(pid_t pid, int fds[NS_TYPE_MAX], unsigned long flags, const char **why)
{
	int pidfd = pidfd_open(pid, 0);

	if (pidfd >= 0) {
		int r = setns(pidfd, (int)flags) < 0 ? -errno : 0;
		close(pidfd);
		if (r == 0)
			return 0;
		/* EINVAL: a kernel whose setns() takes no pidfd (before 5.8); else a real refusal */
		if (r != -EINVAL) {
			*why = "not permitted to enter its namespaces";
			return r;
		}
	} else if (errno == ESRCH) {
		*why = "no such process";
		return -ESRCH;
	}
	/* the user namespace first, so the others are entered with its privileges */
	if (fds[NS_USER] >= 0 && setns(fds[NS_USER], CLONE_NEWUSER) < 0) {
		*why = "not permitted to enter its user namespace";
		return -errno;
	}
	for (int t = 0; t < NS_TYPE_MAX; t++) {
		if (t == NS_USER || fds[t] < 0)
			continue;
		if (setns(fds[t], (int)demo_type_flag(t)) < 0) {
			*why = "not permitted to enter its namespaces";
			return -errno;
		}
	}
	return 0;
}

/* The shell, in a grandchild so that a new PID namespace applies to it. */
__attribute__((noreturn)) static void enter_exec_shell(int errfd)
{
	const char *shell = getenv("SHELL");
	sigset_t none;

	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (shell && *shell)
		execl(shell, shell, (char *)NULL);
	/* $SHELL may not exist in the entered mount namespace */
	execl("/bin/sh", "sh", (char *)NULL);
	enter_fail(errfd, -errno, "cannot run a shell ($SHELL or /bin/sh) in its mount namespace");
}

__attribute__((noreturn)) static void enter_child(pid_t pid, int errfd)
{
	int fds[NS_TYPE_MAX], status;
	unsigned long flags = 0;
	const char *why = "";
	pid_t sh;
	int r;

	r = enter_open_ns(pid, fds, &flags, &why);
	if (r < 0)
		enter_fail(errfd, r, why);
	if (flags) {
		r = enter_join(pid, fds, flags, &why);
		if (r < 0)
			enter_fail(errfd, r, r == -EPERM ? "not permitted to enter its namespaces" : why);
	}
	/* our cwd belongs to the old mount namespace */
	if ((flags & CLONE_NEWNS) && chdir("/") < 0)
		enter_fail(errfd, -errno, "chdir to / in its mount namespace");
	sh = fork();
	if (sh < 0)
		enter_fail(errfd, -errno, "fork");
	if (sh == 0)
		enter_exec_shell(errfd);
	close(errfd);
	while (waitpid(sh, &status, 0) < 0)
		if (errno != EINTR)
			_exit(127);
	_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
}

int enter_shell(pid_t pid, const char **why)
{
	struct sigaction ign = { .sa_handler = SIG_IGN }, old_int, old_quit;
	struct enter_err e = { 0 };
	int p[2], r = 0;
	ssize_t n;
	pid_t child;

	if (pid <= 0) {
		*why = "not a process id";
		return -EINVAL;
	}
	if (pipe2(p, O_CLOEXEC) < 0) {
		*why = "pipe";
		return -errno;
	}
	/* as system() does: the shell owns ^C and ^\ while it runs */
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	fflush(NULL);
	child = fork();
	if (child == 0) {
		close(p[0]);
		enter_child(pid, p[1]);
	}
	if (child < 0) {
		r = -errno;
		*why = "fork";
		close(p[0]);
		close(p[1]);
		goto out;
	}
	close(p[1]);
	do
		n = read(p[0], &e, sizeof(e));
	while (n < 0 && errno == EINTR);
	close(p[0]);
	while (waitpid(child, NULL, 0) < 0 && errno == EINTR)
		;
	if (n == (ssize_t)sizeof(e) && e.err < 0) {
		r = e.err;
		*why = e.why;
	}
out:
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	return r;
}
