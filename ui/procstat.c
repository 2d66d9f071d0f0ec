/*
 * procstat: CPU% between two snapshots, and the text of the resource columns.
 */
#include "ui/procstat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/util.h"

static const struct procstat_prev *find_prev(const struct procstat *ps, pid_t pid, size_t *at)
{
	/* both lists are sorted by pid, so the search resumes where the last one stopped */
	while (*at < ps->nprev && ps->prev[*at].pid < pid)
		(*at)++;
	return *at < ps->nprev && ps->prev[*at].pid == pid ? &ps->prev[*at] : NULL;
}

void procstat_update(struct procstat *ps, const struct snapshot *s, const struct procstat_clock *c)
{
	static const struct procstat_clock none;
	if (!c)
		c = &none;
	double dt = ps->nprev && c->mono > 0 && ps->prev_mono > 0 ? c->mono - ps->prev_mono : 0;
	if (s->nprocs > ps->cappct) {
		ps->cappct = s->nprocs * 2;
		ps->pct = xrealloc(ps->pct, ps->cappct * sizeof(*ps->pct));
	}
	ps->npct = s->nprocs;
	size_t at = 0;
	for (size_t i = 0; i < s->nprocs; i++) {
		const struct proc *p = &s->procs[i];
		const struct procstat_prev *o = find_prev(ps, p->pid, &at);
		ps->pct[i] = -1;
		/* a new start time is a new process under a reused pid */
		if (o && dt > 0 && c->hz > 0 && p->state && o->start_ticks == p->start_ticks &&
		    p->cpu_ticks >= o->cpu_ticks)
			ps->pct[i] = (float)((double)(p->cpu_ticks - o->cpu_ticks) / (double)c->hz /
					     dt * 100.0);
	}
	if (s->nprocs > ps->capprev) {
		ps->capprev = s->nprocs * 2;
		ps->prev = xrealloc(ps->prev, ps->capprev * sizeof(*ps->prev));
	}
	for (size_t i = 0; i < s->nprocs; i++)
		ps->prev[i] = (struct procstat_prev){ s->procs[i].pid, s->procs[i].start_ticks,
						      s->procs[i].cpu_ticks };
	ps->nprev = s->nprocs;
	ps->prev_mono = c->mono;
	ps->clock = *c;
}

float procstat_pct(const struct procstat *ps, const struct snapshot *s, const struct proc *p)
{
	size_t i = (size_t)(p - s->procs);
	if (p < s->procs || i >= s->nprocs || i >= ps->npct)
		return -1;
	return ps->pct[i];
}

void procstat_clear(struct procstat *ps)
{
	free(ps->prev);
	free(ps->pct);
	memset(ps, 0, sizeof(*ps));
}

void procstat_fmt_res(uint64_t kib, char buf[PROCSTAT_TEXT_LEN])
{
	static const char units[] = "KMGTPEZ";
	if (kib < 1024) {
		snprintf(buf, PROCSTAT_TEXT_LEN, "%lluK", (unsigned long long)kib);
		return;
	}
	/* tenths of the unit, rounded; past 999.9 the next unit, so the text stays 6 wide */
	unsigned __int128 div = 1, tenths = 0;
	int u;
	for (u = 1; u < (int)sizeof(units) - 1; u++) {
		div *= 1024;
		tenths = ((unsigned __int128)kib * 10 + div / 2) / div;
		if (tenths < 10000)
			break;
	}
	if (u == (int)sizeof(units) - 1)
		u--;
	snprintf(buf, PROCSTAT_TEXT_LEN, "%llu.%llu%c", (unsigned long long)(tenths / 10),
		 (unsigned long long)(tenths % 10), units[u]);
}

void procstat_fmt_pct(float pct, char buf[PROCSTAT_TEXT_LEN])
{
	if (pct < 0)
		buf[0] = 0;
	else if (pct < 99.95f)
		snprintf(buf, PROCSTAT_TEXT_LEN, "%.1f", (double)pct);
	else if (pct < 99999.5f)
		snprintf(buf, PROCSTAT_TEXT_LEN, "%.0f", (double)pct);
	else
		snprintf(buf, PROCSTAT_TEXT_LEN, "99999");
}

void procstat_fmt_hms(uint64_t secs, char buf[PROCSTAT_TEXT_LEN])
{
	snprintf(buf, PROCSTAT_TEXT_LEN, "%llu:%02u:%02u", (unsigned long long)(secs / 3600),
		 (unsigned)(secs / 60 % 60), (unsigned)(secs % 60));
}

const char *procstat_state_name(char state)
{
	switch (state) {
	case 'R':
		return "running";
	case 'S':
		return "sleeping";
	case 'D':
		return "disk sleep";
	case 'Z':
		return "zombie";
	case 'T':
		return "stopped";
	case 't':
		return "tracing stop";
	case 'X':
	case 'x':
		return "dead";
	case 'I':
		return "idle";
	case 'P':
		return "parked";
	case 'W':
		return "paging";
	case 'K':
		return "wakekill";
	default:
		return "";
	}
}
