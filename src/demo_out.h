/*
 * demo_out: the two views of one demo child side by side, as aligned text
 * (--demo) or as the contract's JSON object (--demo --json). Strings from the
 * system go through the one sanitizer or the JSON string writer.
 */
#ifndef NSVIEW_DEMO_OUT_H
#define NSVIEW_DEMO_OUT_H

#include <stdio.h>
#include <sys/types.h>

#include "src/demo.h"

/* What the child sees beside what nsview (pid `self`) sees, in two aligned columns. */
int demo_out_text(FILE *f, const struct demo_child *c, pid_t self);
/* The same as one JSON object and a newline. -errno on a write error. */
int demo_out_json(FILE *f, const struct demo_child *c, pid_t self);

#endif
