/*
 * rows: the rows of each view, rebuilt from a snapshot and the view's state.
 *
 * One pass per frame, O(n log n) at most, into arrays the view reuses: PID namespaces as a
 * nested tree with each namespace's processes as a parent/child tree (view 1), every
 * namespace grouped by type and sorted by a column (view 2), network namespaces with their
 * interfaces (view 3), one process in detail (view 4). Folds, filter and perspective apply
 * here; tree lines are derived last from depths alone.
 */
#ifndef NSVIEW_ROWS_H
#define NSVIEW_ROWS_H

#include "src/util.h"
#include "ui/view.h"

/* Rebuild v->rows for v->cur from v->s. */
void rows_build(struct view *v);
/* Order of row keys (for sorted fold sets). */
int rows_key_cmp(const struct row_key *a, const struct row_key *b);
/* Append the text a search or filter matches a row by. */
void rows_text(const struct view *v, const struct row *r, struct strbuf *out);
/* Index in p's NSpid of the PID it has in the current perspective; -1 if invisible there. */
int rows_pid_start(const struct view *v, const struct proc *p);
/* The PID namespace that holds pid namespace n in the tree: its parent, else the namespace
 * of its init process's parent; NULL for a root. */
const struct ns *rows_pidns_parent(const struct snapshot *s, const struct ns *n);
/* Whether a row matches text (case-insensitive substring; "" matches all). */
bool rows_match(const struct view *v, const struct row *r, const char *text, struct strbuf *tmp);

#endif
