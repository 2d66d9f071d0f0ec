/*
 * enter: run a shell inside every namespace of a process (the TUI's `e`).
 * nsview itself never changes namespace: a forked child enters and forks the
 * shell, so a new PID namespace applies to it too.
 */
#ifndef NSVIEW_ENTER_H
#define NSVIEW_ENTER_H

#include <sys/types.h>

/* Fork a shell ($SHELL or /bin/sh) in all of pid's namespaces and wait for it. The caller
 * has given up the terminal. 0 when the shell ran; -errno with *why a static reason when
 * the namespaces could not be entered (e.g. -EPERM). */
int enter_shell(pid_t pid, const char **why);

#endif
