/*
 * pids: the live process list through libproc2, with the identity and
 * resource fields a viewer shows (state, resident memory, CPU time, start
 * time). libproc2 reads only the real /proc and knows nothing of NSpid, so
 * namespace fields and fixture roots are procfs.c's; this is the one file
 * that includes libproc2.
 */
#ifndef NSVIEW_PIDS_H
#define NSVIEW_PIDS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct pids_entry {
	pid_t pid;
	char state;
	uint64_t rss_kib;
	uint64_t cpu_ticks;
	uint64_t start_ticks;
};

struct pids;

/* A reader kept between snapshots; -errno if libproc2 cannot start. */
int pids_open(struct pids **ret);
/* Every thread-group leader, in the order /proc lists them; the array is the caller's. */
int pids_read(struct pids *p, struct pids_entry **ret, size_t *ret_n);
/* NULL is a no-op. */
void pids_close(struct pids *p);

#endif
