/*
 * grid: an in-memory screen of cells, each a code point with a colour role and an optional
 * click key. Views draw into a grid; only ui/term turns one into terminal output. Every
 * string enters through grid_put, which makes bytes from the system safe (util's sanitizer)
 * and lays them out by display width (wcwidth), clipped to the grid.
 */
#ifndef NSVIEW_GRID_H
#define NSVIEW_GRID_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "src/util.h"

/* Semantic colour roles; ui/term maps each to colours or plain attributes. */
enum grid_role {
	ROLE_NORMAL,
	ROLE_TITLE,    /* the top line */
	ROLE_HEADER,   /* column headers */
	ROLE_SELECTED, /* the selected row */
	ROLE_KEY,      /* a key in the key bar ("F1") */
	ROLE_KEYLABEL, /* its label ("Help") */
	ROLE_DIM,      /* secondary text, tree lines */
	ROLE_NEW,      /* appeared since the last refresh */
	ROLE_ORPHAN,   /* a namespace no process is in */
	ROLE_ERROR,    /* messages that went wrong */
	ROLE_OURS,     /* a child nsview spawned */
	ROLE_MATCH,    /* a search match */
	ROLE_DIALOG,   /* dialogs and help */
	ROLE_LEVEL0,   /* PID namespace depth colours, cycling */
	ROLE_LEVEL1,
	ROLE_LEVEL2,
	ROLE_LEVEL3,
	ROLE_MAX
};
#define ROLE_LEVELS 4

struct grid_cell {
	uint32_t cp;   /* code point; 0 = the right half of a wide character */
	uint8_t role;  /* enum grid_role */
	uint8_t width; /* 1 or 2 for a character, 0 for a right half */
	int click;     /* key a mouse click here sends (view key), 0 = none */
};

struct grid {
	int w, h;
	struct grid_cell *cells;
	struct strbuf scratch; /* reused for sanitizing, so a frame allocates nothing */
};

/* A blank grid of w x h (each at least 0). */
struct grid *grid_new(int w, int h);
/* Free a grid; NULL is a no-op. */
void grid_free(struct grid *g);
/* Change the size; the content is blanked. */
void grid_resize(struct grid *g, int w, int h);
/* Blank every cell. */
void grid_clear(struct grid *g);
/* The cell at (y, x), or NULL outside the grid. */
const struct grid_cell *grid_at(const struct grid *g, int y, int x);

/*
 * Put n bytes at (y, x) in role, made safe for a terminal and clipped to the row (and to
 * max_x, exclusive, when max_x >= 0). A wide character that does not fit becomes a space.
 * Returns the column after the last character put.
 */
int grid_put(struct grid *g, int y, int x, int max_x, int role, const char *s, size_t n);
/* grid_put of nsview's own text or what the user typed: the same, except that a backslash
 * shows as itself (from the system it is doubled, so escapes read back unambiguously). */
int grid_put_text(struct grid *g, int y, int x, int max_x, int role, const char *s);
/* grid_put of a NUL-terminated string up to the row's end; NULL puts nothing. */
int grid_puts(struct grid *g, int y, int x, int role, const char *s);
/* grid_put of formatted text up to the row's end. */
int grid_printf(struct grid *g, int y, int x, int role, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* The display width grid_put would give s (sanitized), without putting it. */
int grid_width(struct grid *g, const char *s, size_t n);
/* Set the role of cells [x0, x1) of row y (highlighting a row). */
void grid_set_role(struct grid *g, int y, int x0, int x1, int role);
/* Give role to every case-insensitive occurrence of text (UTF-8, as typed) in the cells of
 * row y from x0 on, as shown; returns how many there were. */
int grid_highlight(struct grid *g, int y, int x0, const char *text, int role);
/* Whether safe text (sanitized UTF-8, as a row shows it) holds text as typed, compared as
 * grid_highlight compares; "" is in every text. */
bool grid_text_has(const char *safe, const char *text);
/* Set the click key of cells [x0, x1) of row y. */
void grid_set_click(struct grid *g, int y, int x0, int x1, int key);
/* Append the grid as UTF-8 text, one line per row, trailing blanks trimmed. */
void grid_dump(const struct grid *g, struct strbuf *out);

#endif
