/*
 * tui: the interactive loop: snapshot -> view -> draw -> flush -> key or timeout.
 */
#ifndef NSVIEW_TUI_H
#define NSVIEW_TUI_H

#include <sys/types.h>

#include "probes/snapshot.h"

struct tui_opts {
	struct snapshot_ctx *ctx;
	double delay; /* seconds between refreshes */
	pid_t from;   /* start in this process's perspective; 0 = the viewer's own */
};

/* Run until the user quits; returns an exit status (0, or 1 with a message printed). */
int tui_run(const struct tui_opts *o);

#endif
