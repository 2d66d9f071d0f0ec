/*
 * procstat: the resource columns of a process, as htop shows them.
 *
 * CPU% needs two snapshots: procstat keeps the previous one's (pid, start, ticks) as a
 * table sorted by pid (never pointers into an old snapshot), and on each new snapshot
 * merges it with the new process list in one pass, leaving a CPU% per index of the new
 * snapshot's process array. The text of RES (812K, 12.3M, 1.2G), CPU time (h:mm:ss) and
 * a process's age are formatted here too, so the view and its tests share one rule.
 */
#ifndef NSVIEW_PROCSTAT_H
#define NSVIEW_PROCSTAT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "src/model.h"

/* When a snapshot was taken: each clock in seconds, 0 = unknown. */
struct procstat_clock {
	double mono; /* CLOCK_MONOTONIC: the time between two snapshots */
	double boot; /* CLOCK_BOOTTIME, what /proc/uptime says: a process's age */
	double real; /* CLOCK_REALTIME: the clock time a process started */
	long hz;     /* clock ticks per second (sysconf(_SC_CLK_TCK)); 0 = unknown */
};

struct procstat_prev {
	pid_t pid;
	uint64_t start_ticks, cpu_ticks;
};

struct procstat {
	struct procstat_prev *prev; /* the previous snapshot's processes, sorted by pid */
	size_t nprev, capprev;
	double prev_mono;
	float *pct; /* per index of the current snapshot's procs; < 0 = unknown */
	size_t npct, cappct;
	struct procstat_clock clock; /* of the current snapshot */
};

/* Bytes enough for any text below, with its NUL. */
#define PROCSTAT_TEXT_LEN 24

/* Take in snapshot s taken at clock c (NULL: unknown): CPU% of every process that was also
 * in the previous snapshot (same pid and start), over the monotonic time between the two. */
void procstat_update(struct procstat *ps, const struct snapshot *s, const struct procstat_clock *c);
/* CPU% of p (an element of the snapshot last given), or -1 when unknown. */
float procstat_pct(const struct procstat *ps, const struct snapshot *s, const struct proc *p);
/* Free what ps holds (not ps itself) and zero it. */
void procstat_clear(struct procstat *ps);

/* Resident memory as htop shows it: "812K", "12.3M", "1.2G" (units of 1024). */
void procstat_fmt_res(uint64_t kib, char buf[PROCSTAT_TEXT_LEN]);
/* CPU% in at most 5 columns: "0.0", "12.3", "399", "12345" past that; "" when unknown. */
void procstat_fmt_pct(float pct, char buf[PROCSTAT_TEXT_LEN]);
/* A duration in seconds as h:mm:ss ("0:01:05", "27:00:00"). */
void procstat_fmt_hms(uint64_t secs, char buf[PROCSTAT_TEXT_LEN]);
/* A state letter's meaning ("sleeping"), or "" for an unknown letter. */
const char *procstat_state_name(char state);

#endif
