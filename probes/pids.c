/*
 * pids: libproc2 adapter. Only /proc/PID/stat is needed for these items, so
 * libproc2 reads one file per process.
 */
#include "probes/pids.h"

#include <errno.h>
#include <libproc2/pids.h>
#include <stdlib.h>
#include <unistd.h>

#include "src/util.h"

struct pids {
	struct pids_info *info;
	uint64_t page_kib;
};

enum { I_PID, I_STATE, I_RSS, I_TICS, I_BEGAN };
static enum pids_item items[] = { PIDS_ID_PID, PIDS_STATE, PIDS_RSS, PIDS_TICS_ALL,
				  PIDS_TICS_BEGAN };

int pids_open(struct pids **ret)
{
	struct pids *p = xcalloc(1, sizeof *p);
	int r = procps_pids_new(&p->info, items, (int)ARRAY_SIZE(items));
	if (r < 0) {
		free(p);
		return r;
	}
	long ps = sysconf(_SC_PAGESIZE);
	p->page_kib = ps > 0 ? (uint64_t)ps / 1024 : 4;
	*ret = p;
	return 0;
}

int pids_read(struct pids *p, struct pids_entry **ret, size_t *ret_n)
{
	struct pids_fetch *f = procps_pids_reap(p->info, PIDS_FETCH_TASKS_ONLY);
	if (!f)
		return errno ? -errno : -EIO;
	size_t n = (size_t)f->counts->total;
	struct pids_entry *v = xcalloc(n ? n : 1, sizeof *v);
	for (size_t i = 0; i < n; i++) {
		struct pids_stack *st = f->stacks[i];
		v[i].pid = PIDS_VAL(I_PID, s_int, st, p->info);
		v[i].state = PIDS_VAL(I_STATE, s_ch, st, p->info);
		v[i].rss_kib = PIDS_VAL(I_RSS, ul_int, st, p->info) * p->page_kib;
		v[i].cpu_ticks = PIDS_VAL(I_TICS, ull_int, st, p->info);
		v[i].start_ticks = PIDS_VAL(I_BEGAN, ull_int, st, p->info);
	}
	*ret = v;
	*ret_n = n;
	return 0;
}

void pids_close(struct pids *p)
{
	if (!p)
		return;
	procps_pids_unref(&p->info);
	free(p);
}
