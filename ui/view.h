/*
 * view: what the user looks at and how keys change it, without curses.
 *
 * A view owns the state that outlives a refresh: the current view (1-4), selection, scroll,
 * folds (kept by key: namespace inode, pid, netns inode + ifindex, never by pointer), search,
 * filter, perspective, sort, the spawn dialog's ticks, the CPU ticks of the previous snapshot
 * (by pid, for CPU%) and a one-line message. Its rows are
 * rebuilt from the current snapshot whenever either changes (ui/rows). view_key turns a key
 * into a state change, or into an action only the loop can do (spawn, kill, enter, quit).
 */
#ifndef NSVIEW_VIEW_H
#define NSVIEW_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "src/demo.h"
#include "src/model.h"
#include "ui/procstat.h"

enum view_id { VIEW_PIDNS, VIEW_NS, VIEW_NET, VIEW_PROC, VIEW_COUNT };

/* Keys beyond Unicode, so a key is either a character or one of these (ui/term maps them). */
enum view_vkey {
	VK_UP = 0x110000,
	VK_DOWN,
	VK_LEFT,
	VK_RIGHT,
	VK_PGUP,
	VK_PGDN,
	VK_HOME,
	VK_END,
	VK_BACKSPACE,
	VK_BTAB,
	VK_RESIZE,
	VK_F0 = 0x110100,     /* VK_F0 + n is Fn */
	VK_SORT0 = 0x110200,  /* VK_SORT0 + enum view_sort: sort by that column (a header click) */
	VK_PSORT0 = 0x110300, /* VK_PSORT0 + enum view_psort: the same in view 1 */
};
#define VK_F(n)	   (VK_F0 + (n))
#define VK_CTRL(c) ((c)&0x1f)
#define VK_ESC	   27

enum view_action { ACT_NONE, ACT_QUIT, ACT_REDRAW, ACT_SPAWN, ACT_KILL, ACT_ENTER };

enum view_mode { MODE_NORMAL, MODE_SEARCH, MODE_FILTER, MODE_HELP, MODE_SPAWN };

enum row_kind {
	ROW_PIDNS,  /* a = pid ns inode (0: processes whose pid ns is unknown) */
	ROW_PROC,   /* a = pid */
	ROW_NSTYPE, /* type = ns type: the group header of view 2 */
	ROW_NS,	    /* type, a = inode */
	ROW_NETNS,  /* a = netns inode */
	ROW_IFACE,  /* a = netns inode, b = ifindex */
	ROW_ATTR,   /* view 4: b = enum view_attr */
	ROW_LEVEL,  /* view 4: b = index in NSpid */
	ROW_LINK,   /* view 4: b = enum ns_link */
	ROW_DEMO,   /* view 4: b = enum view_demo_line */
};

/* The lines of the process view that are not per level or per link. */
enum view_attr {
	ATTR_GONE,
	ATTR_SUMMARY,
	ATTR_RESOURCES,
	ATTR_STARTED,
	ATTR_CMDLINE,
	ATTR_CGROUP,
	ATTR_CONTAINER,
	ATTR_LEVELS,
	ATTR_LINKS,
	ATTR_DEMO,
};

/* The lines of a spawned child's inside/outside comparison. */
enum view_demo_line {
	DEMO_PID,
	DEMO_PPID,
	DEMO_UID,
	DEMO_HOSTNAME,
	DEMO_IFACES,
	DEMO_NPROCS,
	DEMO_NS0, /* DEMO_NS0 + ns type */
	DEMO_LINES = DEMO_NS0 + NS_TYPE_MAX,
};

/* Columns view 2 can be sorted by. */
enum view_sort {
	SORT_INODE,
	SORT_NPROCS,
	SORT_HELD,
	SORT_OWNER,
	SORT_PARENT,
	SORT_LABEL,
	SORT_COUNT
};

/* How view 1 orders the processes of a PID namespace: as a parent/child tree (the default),
 * or flat by a resource column, busiest first. */
enum view_psort { PSORT_TREE, PSORT_CPU, PSORT_RES, PSORT_COUNT };

struct row_key {
	uint8_t kind, type;
	uint64_t a;
	int64_t b;
};

struct row {
	struct row_key key;
	int depth;
	uint64_t more; /* bit d: the ancestor (or self, at d == depth) has siblings below */
	bool has_kids, folded, fresh;
	const struct ns *ns;	 /* ROW_PIDNS, ROW_NS */
	const struct proc *proc; /* ROW_PROC, view 4 rows */
	const struct netns *net; /* ROW_NETNS, ROW_IFACE */
	const struct iface *ifc; /* ROW_IFACE */
};

#define VIEW_TEXT_MAX 128
#define VIEW_MSG_MAX  200

struct view {
	enum view_id cur;
	enum view_mode mode;
	const struct snapshot *s; /* borrowed until the next view_set_snapshot */
	int w, h;

	struct row *rows;
	size_t nrows, caprows;
	size_t sel[VIEW_COUNT], top[VIEW_COUNT];
	struct row_key sel_key[VIEW_COUNT];
	bool have_sel_key[VIEW_COUNT];

	struct row_key *folds; /* sorted */
	size_t nfolds;

	char input[VIEW_TEXT_MAX]; /* the prompt being typed */
	char search[VIEW_TEXT_MAX];
	char filter[VIEW_TEXT_MAX];
	size_t search_from; /* selection when the search prompt opened */

	uint64_t persp_ns; /* 0 = the viewer's own perspective */
	pid_t persp_pid;
	pid_t proc_pid; /* the process view 4 shows */

	enum view_sort sort;
	bool sort_desc;
	enum view_psort psort;
	bool psort_asc;	      /* smallest first (the default is largest first, as htop) */
	struct procstat stat; /* CPU% per process of s, and the previous snapshot's ticks */

	unsigned long spawn_flags;
	bool spawn_veth;
	int spawn_cur;

	pid_t *ours; /* pids nsview spawned, sorted */
	size_t nours;
	const struct demo_inside *demo_in; /* for proc_pid when it is ours */
	const struct demo_outside *demo_out;
	const char *(*user_name)(uid_t uid); /* a name for a uid, or NULL: numbers are shown */

	char msg[VIEW_MSG_MAX];
	bool msg_err;

	/* what changed between the last two snapshots */
	pid_t *prev_pids, *new_pids;
	size_t nprev_pids, nnew_pids;
	struct row_key *prev_ns, *new_ns; /* kind unused; type and a */
	size_t nprev_ns, nnew_ns;
	unsigned gone_procs, gone_ns;
	unsigned long refreshes;

	int *scratch; /* index arrays reused by every rebuild */
	size_t scratch_cap;
};

/* A new view: view 1, the viewer's perspective, spawn defaults pid,net,uts. */
struct view *view_new(void);
/* Free a view; NULL is a no-op. */
void view_free(struct view *v);
/* Show snapshot s (borrowed until the next call): marks what is new, counts what went, and
 * rebuilds the rows keeping selection, folds and scroll by key. */
void view_set_snapshot(struct view *v, const struct snapshot *s);
/* The same for a snapshot taken at clock c (NULL: unknown), which gives CPU% against the
 * previous one and the processes' ages. */
void view_set_snapshot_at(struct view *v, const struct snapshot *s, const struct procstat_clock *c);
/* The screen size, for paging and scrolling. */
void view_resize(struct view *v, int w, int h);
/* Rows of the main pane on the current screen (at least 1). */
int view_pane_height(const struct view *v);
/* First screen line of the main pane. */
#define VIEW_PANE_Y 2
/* Apply a key (a character or a VK_*); returns what the loop must do. */
enum view_action view_key(struct view *v, int key);
/* A mouse click on screen line y: select the row there. */
void view_click(struct view *v, int y);
/* Switch to view id. */
void view_switch(struct view *v, enum view_id id);
/* Rebuild the rows from the current snapshot (after a state change). */
void view_rebuild(struct view *v);
/* The selected row, or NULL when there is none. */
const struct row *view_selected(const struct view *v);
/* The process the selection is about (a process row, or view 4's process); 0 if none. */
pid_t view_selected_pid(const struct view *v);
/* Look from pid's PID namespace; -ESRCH if pid is not in the snapshot or its pid namespace is
 * unknown. */
int view_set_perspective(struct view *v, pid_t pid);
/* Set the pids nsview spawned (copied). */
void view_set_ours(struct view *v, const pid_t *pids, size_t n);
/* Whether nsview spawned pid. */
bool view_is_ours(const struct view *v, pid_t pid);
/* Set the one-line message shown in the detail line until the next key. */
void view_message(struct view *v, bool err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Whether the row was folded by the user. */
bool view_is_folded(const struct view *v, const struct row_key *k);
/* The names of the views as their title lines start ("PID namespaces"). */
const char *view_name(enum view_id id);
/* The flags the spawn dialog offers, in its order, with their names. */
extern const unsigned long view_spawn_flag[8];
extern const char *const view_spawn_name[8];

#endif
