/*
 * test_helpers: small builders the unit tests share: a process's argv, and a ppid chain of
 * processes far deeper than any real tree.
 */
#ifndef NSVIEW_TESTS_TEST_HELPERS_H
#define NSVIEW_TESTS_TEST_HELPERS_H

#include <stdarg.h>
#include <stdio.h>

#include "src/model.h"
#include "src/util.h"

/* Set p's argv from a NULL-terminated list of strings. */
static inline void test_argv(struct proc *p, ...)
{
	va_list ap;
	size_t n = 0;

	va_start(ap, p);
	while (va_arg(ap, const char *))
		n++;
	va_end(ap);
	p->argv = xcalloc(n + 1, sizeof(char *));
	p->argc = n;
	va_start(ap, p);
	for (size_t i = 0; i < n; i++)
		p->argv[i] = xstrdup(va_arg(ap, const char *));
	va_end(ap);
}

/* Add processes 1..n to s, each the child of the one before, all in PID namespace pidns. */
static inline void test_chain(struct snapshot *s, pid_t n, uint64_t pidns)
{
	for (pid_t pid = 1; pid <= n; pid++) {
		struct proc *p = model_add_proc(s, pid);
		p->ppid = pid - 1;
		p->nspid[0] = pid;
		p->nnspid = 1;
		p->ns[LINK_PID] = pidns;
		snprintf(p->comm, sizeof p->comm, "c");
	}
}

#endif
