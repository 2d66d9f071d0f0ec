/*
 * tui: the interactive loop, single-threaded as htop's: take a snapshot, give it to the
 * view, draw a frame into the grid, show it, then wait for a key or the refresh deadline.
 * The loop alone does what needs the world: spawning, killing and entering (src/demo,
 * src/enter), signals, and messages.
 */
#include "ui/tui.h"

#include <errno.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "src/demo.h"
#include "src/enter.h"
#include "src/util.h"
#include "ui/draw.h"
#include "ui/grid.h"
#include "ui/term.h"
#include "ui/view.h"

static volatile sig_atomic_t fatal_signal;

static void on_signal(int sig)
{
	fatal_signal = sig;
}

/* SIGQUIT too: Ctrl-\ would otherwise leave the terminal on curses' screen and modes */
static const int caught[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };

static void signals_catch(struct sigaction *old)
{
	struct sigaction sa = { .sa_handler = on_signal };
	sigemptyset(&sa.sa_mask);
	/* no SA_RESTART: a signal cuts the wait for a key short */
	for (size_t i = 0; i < ARRAY_SIZE(caught); i++)
		sigaction(caught[i], &sa, &old[i]);
}

static void signals_restore(const struct sigaction *old)
{
	for (size_t i = 0; i < ARRAY_SIZE(caught); i++)
		sigaction(caught[i], &old[i], NULL);
}

static double clock_secs(clockid_t id)
{
	struct timespec ts;
	if (clock_gettime(id, &ts) < 0)
		return 0;
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double now_secs(void)
{
	return clock_secs(CLOCK_MONOTONIC);
}

/* The clocks as a snapshot starts: CLOCK_BOOTTIME is what /proc/uptime shows, in the same
 * time namespace as the start times the snapshot reads. */
static struct procstat_clock clock_now(void)
{
	long hz = sysconf(_SC_CLK_TCK);
	return (struct procstat_clock){ .mono = clock_secs(CLOCK_MONOTONIC),
					.boot = clock_secs(CLOCK_BOOTTIME),
					.real = clock_secs(CLOCK_REALTIME),
					.hz = hz > 0 ? hz : 0 };
}

/* User names by uid, looked up once each: a refresh must not read /etc/passwd per row. */
static const char *user_name(uid_t uid)
{
	static struct {
		uid_t uid;
		char name[33];
	} cache[64];
	static size_t n, next;
	for (size_t i = 0; i < n; i++)
		if (cache[i].uid == uid)
			return cache[i].name[0] ? cache[i].name : NULL;
	size_t i = n < ARRAY_SIZE(cache) ? n++ : next++ % ARRAY_SIZE(cache);
	struct passwd *pw = getpwuid(uid);
	cache[i].uid = uid;
	snprintf(cache[i].name, sizeof(cache[i].name), "%s", pw && pw->pw_name ? pw->pw_name : "");
	return cache[i].name[0] ? cache[i].name : NULL;
}

struct loop {
	const struct tui_opts *o;
	struct snapshot *s;
	struct view *v;
	struct grid *g;
	struct term *t;
	double deadline;
	pid_t *kids; /* pids of the children spawned and not killed */
	size_t nkids;
};

static void refresh_snapshot(struct loop *l)
{
	struct snapshot *s = NULL;
	struct procstat_clock at = clock_now();
	int r = snapshot_take(l->o->ctx, &s);
	if (r < 0) {
		view_message(l->v, true, "refresh failed: %s", strerror(-r));
	} else {
		view_set_snapshot_at(l->v, s, &at);
		model_free(l->s);
		l->s = s;
	}
	l->deadline = now_secs() + l->o->delay;
}

/* Point the view at the demo child it shows, if view 4's process is one. */
static void update_demo(struct loop *l)
{
	struct demo_child *c = l->v->proc_pid ? demo_find(l->v->proc_pid) : NULL;
	const struct demo_inside *in = c ? demo_inside(c) : NULL;
	const struct demo_outside *out = c ? demo_outside(c) : NULL;
	if (in != l->v->demo_in || out != l->v->demo_out) {
		l->v->demo_in = in;
		l->v->demo_out = out;
		view_rebuild(l->v);
	}
}

static void forget_kid(struct loop *l, pid_t pid)
{
	for (size_t i = 0; i < l->nkids; i++)
		if (l->kids[i] == pid) {
			l->kids[i] = l->kids[--l->nkids];
			break;
		}
	view_set_ours(l->v, l->kids, l->nkids);
}

static void do_spawn(struct loop *l)
{
	struct demo_child *c = NULL;
	const char *why = "unknown error";
	int r = demo_spawn(l->v->spawn_flags, l->v->spawn_veth, &c, &why);
	if (r < 0 || !c) {
		view_message(l->v, true, "spawn failed: %s (%s)", why,
			     strerror(r < 0 ? -r : EINVAL));
		return;
	}
	const struct demo_outside *out = demo_outside(c);
	pid_t pid = out ? out->pid : 0;
	l->kids = xrealloc(l->kids, (l->nkids + 1) * sizeof(pid_t));
	l->kids[l->nkids++] = pid;
	view_set_ours(l->v, l->kids, l->nkids);
	refresh_snapshot(l);
	/* select the child at once, in the tree and in view 4 */
	l->v->proc_pid = pid;
	l->v->sel_key[VIEW_PIDNS] = (struct row_key){ .kind = ROW_PROC, .a = (uint64_t)pid };
	l->v->have_sel_key[VIEW_PIDNS] = true;
	view_rebuild(l->v);
	char *flags = demo_flags_str(demo_flags(c));
	view_message(l->v, false, "spawned %d with %s; 4 shows its own view, K kills it", (int)pid,
		     flags);
	free(flags);
}

static void do_kill(struct loop *l)
{
	pid_t pid = view_selected_pid(l->v);
	struct demo_child *c = pid ? demo_find(pid) : NULL;
	if (!c) {
		if (pid)
			view_message(l->v, true,
				     "process %d was not spawned by nsview: refusing to kill it",
				     (int)pid);
		else
			view_message(l->v, true, "select a child nsview spawned to kill it");
		return;
	}
	demo_kill(c);
	forget_kid(l, pid);
	update_demo(l);
	refresh_snapshot(l);
	view_message(l->v, false, "killed %d", (int)pid);
}

static void do_enter(struct loop *l)
{
	pid_t pid = view_selected_pid(l->v);
	if (!pid) {
		view_message(l->v, true, "select a process to enter its namespaces");
		return;
	}
	const char *why = "unknown error";
	term_suspend(l->t);
	printf("nsview: a shell in the namespaces of process %d; exit it to come back\n", (int)pid);
	fflush(stdout);
	int r = enter_shell(pid, &why);
	/* a Ctrl-C typed in the shell was meant for the shell, not for nsview */
	if (fatal_signal == SIGINT)
		fatal_signal = 0;
	term_resume(l->t);
	if (r < 0)
		view_message(l->v, true, "enter %d: %s (%s)", (int)pid, why, strerror(-r));
	refresh_snapshot(l);
}

static void do_resize(struct loop *l)
{
	int w, h;
	term_size(l->t, &w, &h);
	grid_resize(l->g, w, h);
	view_resize(l->v, w, h);
}

/* A click on a key bar item, a view name or a column header sends that key; elsewhere it
 * selects the row. */
static enum view_action do_click(struct loop *l, int y, int x)
{
	const struct grid_cell *c = grid_at(l->g, y, x);
	if (c && c->click)
		return view_key(l->v, c->click);
	view_click(l->v, y);
	return ACT_NONE;
}

static int run(struct loop *l)
{
	for (;;) {
		if (fatal_signal)
			return fatal_signal;
		if (now_secs() >= l->deadline)
			refresh_snapshot(l);
		update_demo(l);
		draw_frame(l->g, l->v);
		term_flush(l->t, l->g);
		double wait = l->deadline - now_secs();
		int ms = wait <= 0 ? 0 : wait > 0.25 ? 250 : (int)(wait * 1000) + 1;
		int y = 0, x = 0;
		int key = term_key(l->t, ms, &y, &x);
		if (!key)
			continue;
		enum view_action a;
		if (key == TERM_CLICK) {
			a = do_click(l, y, x);
		} else if (key == VK_RESIZE) {
			do_resize(l);
			continue;
		} else {
			a = view_key(l->v, key);
		}
		switch (a) {
		case ACT_QUIT:
			return 0;
		case ACT_REDRAW:
			do_resize(l);
			term_redraw(l->t);
			break;
		case ACT_SPAWN:
			do_spawn(l);
			break;
		case ACT_KILL:
			do_kill(l);
			break;
		case ACT_ENTER:
			do_enter(l);
			break;
		default:
			break;
		}
	}
}

int tui_run(const struct tui_opts *o)
{
	const char *why = NULL;
	if (term_check(&why) < 0) {
		fprintf(stderr,
			"nsview: %s; set TERM to your terminal's type, or use --json, --tree, "
			"--list or --net\n",
			why);
		return 1;
	}
	struct loop l = { .o = o };
	struct procstat_clock at = clock_now();
	int r = snapshot_take(o->ctx, &l.s);
	if (r < 0) {
		fprintf(stderr, "nsview: cannot take a snapshot: %s\n", strerror(-r));
		return 1;
	}
	l.v = view_new();
	l.v->user_name = user_name;
	view_set_snapshot_at(l.v, l.s, &at);
	l.deadline = now_secs() + o->delay;
	if (o->from && view_set_perspective(l.v, o->from) < 0)
		view_message(l.v, true, "--from %d: its PID namespace is unknown", (int)o->from);

	struct sigaction old[ARRAY_SIZE(caught)];
	signals_catch(old);
	r = term_start(&l.t, &why);
	if (r < 0) {
		signals_restore(old);
		fprintf(stderr, "nsview: %s\n", why);
		view_free(l.v);
		model_free(l.s);
		return 1;
	}
	l.g = grid_new(1, 1);
	do_resize(&l);
	int sig = run(&l);
	demo_kill_all();
	term_stop(l.t);
	signals_restore(old);
	grid_free(l.g);
	view_free(l.v);
	model_free(l.s);
	free(l.kids);
	if (sig) {
		/* end as the signal would have, now that the terminal is whole again */
		signal(sig, SIG_DFL);
		raise(sig);
		return 128 + sig;
	}
	return 0;
}
