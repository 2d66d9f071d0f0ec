/*
 * text: the plain-text writers --tree, --tree --from, --list and --net, each
 * over one snapshot. Every string from the system goes through util_sanitize.
 */
#ifndef NSVIEW_TEXT_H
#define NSVIEW_TEXT_H

#include <stdio.h>
#include <sys/types.h>

#include "src/model.h"
#include "src/util.h"

/* The nested PID-namespace tree; from = 0 for the whole machine, else only what
 * PID's PID namespace sees, with its PIDs. -ESRCH if from is not in the snapshot,
 * -ENODATA if its PID namespace could not be read. */
int text_tree(FILE *f, const struct snapshot *s, pid_t from);
/* Every namespace, or only those of type (-1: all). */
int text_list(FILE *f, const struct snapshot *s, int type);
/* Every network namespace and its interfaces. */
int text_net(FILE *f, const struct snapshot *s);
/* Display width of sanitized (valid UTF-8) text in terminal columns, two for a wide (CJK)
 * character, whatever the locale: what pads the columns of --list and --net. */
size_t text_width(const char *s);
/* Write sb to f and flush, then free sb (also on failure); -errno on a write error. */
int text_write_buf(FILE *f, struct strbuf *sb);

#endif
