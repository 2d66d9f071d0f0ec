/*
 * draw: one frame, from a view and its snapshot into a grid, rebuilt every time.
 *
 * The top line names the view ("PID namespaces", "Namespaces", "Network", "Process") with
 * the counts and who is looking; then column headers, the main pane, a detail line for the
 * selected row (or a message), and a key bar like htop's. Help and the spawn dialog are drawn
 * over the pane. No curses here: ui/term shows the grid.
 */
#ifndef NSVIEW_DRAW_H
#define NSVIEW_DRAW_H

#include "ui/grid.h"
#include "ui/view.h"

/* Smallest screen drawn; below it the grid says "too small". */
#define DRAW_MIN_W 20
#define DRAW_MIN_H 5

/* Draw the whole frame of v into g (g's size is the screen's). */
void draw_frame(struct grid *g, const struct view *v);

#endif
