/*
 * term: the only module that talks to the terminal (ncursesw). It starts and ends curses,
 * reads keys (as view keys: characters or VK_*), mouse clicks and resizes, and shows a
 * grid: colours by semantic role (plain attributes under NO_COLOR or on a monochrome
 * terminal), UTF-8 when the locale is, else an ASCII rendering of the same cells.
 */
#ifndef NSVIEW_TERM_H
#define NSVIEW_TERM_H

#include <stdbool.h>

#include "ui/grid.h"

/* term_key's result for a mouse click; the position is in *ret_y, *ret_x. */
#define TERM_CLICK (-2)

struct term;

/* Whether $TERM names a terminal curses can drive; -ENOTTY with *why if not. Touches
 * nothing, so the caller can fail before the screen is taken. */
int term_check(const char **why);
/* Take the screen; -errno with *why on failure (nothing is left changed). */
int term_start(struct term **ret, const char **why);
/* Give the screen back and free; NULL is a no-op. */
void term_stop(struct term *t);
/* The screen size. */
void term_size(struct term *t, int *ret_w, int *ret_h);
/* Wait up to timeout_ms for input: a key (character or VK_*), TERM_CLICK, or 0 for none. */
int term_key(struct term *t, int timeout_ms, int *ret_y, int *ret_x);
/* Show the grid. */
void term_flush(struct term *t, const struct grid *g);
/* Repaint everything on the next flush (Ctrl-L). */
void term_redraw(struct term *t);
/* Leave curses for a while (a shell runs), and come back. */
void term_suspend(struct term *t);
void term_resume(struct term *t);
/* Whether colours are in use (not under NO_COLOR or on a monochrome terminal). */
bool term_has_colour(const struct term *t);

#endif
