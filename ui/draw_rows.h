/*
 * draw_rows: one row of the main pane per row kind, its column headers, and the detail
 * line that says more about the selected row. Fields from the system go through grid_put.
 */
#ifndef NSVIEW_DRAW_ROWS_H
#define NSVIEW_DRAW_ROWS_H

#include <stdbool.h>

#include "ui/grid.h"
#include "ui/view.h"

/* Draw row r on screen line y (selection highlighting is the caller's). */
void draw_rows_row(struct grid *g, int y, const struct view *v, const struct row *r);
/* Whether the screen is wide enough for view 1's resource columns (S, CPU%, RES) beside a
 * readable command: narrower, they are dropped before the command is cut. */
bool draw_rows_res_shown(const struct grid *g);
/* Draw the column headers of the current view on line y. */
void draw_rows_header(struct grid *g, int y, const struct view *v);
/* Draw the detail line for row r on line y. */
void draw_rows_detail(struct grid *g, int y, const struct view *v, const struct row *r);

#endif
