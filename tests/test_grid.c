/*
 * test_grid: the in-memory grid: clipping, wide characters, and that nothing from the
 * system puts a control character into a cell; search matches highlighted as shown.
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tests/ui_model.h"
#include "ui/grid.h"

static void assert_row(const struct grid *g, int y, const char *want)
{
	char *got = ui_grid_line(g, y);
	assert_string_equal(got, want);
	free(got);
}

static void test_clipping(void **state)
{
	struct grid *g = grid_new(10, 3);
	assert_int_equal(grid_puts(g, 0, 0, ROLE_NORMAL, "hello world"), 10);
	assert_row(g, 0, "hello worl");
	assert_int_equal(grid_put(g, 1, 2, 5, ROLE_NORMAL, "abcdef", 6), 5);
	assert_row(g, 1, "  abc");
	/* outside the grid: nothing happens, nothing crashes */
	grid_puts(g, -1, 0, ROLE_NORMAL, "x");
	grid_puts(g, 3, 0, ROLE_NORMAL, "x");
	grid_puts(g, 2, -3, ROLE_NORMAL, "abcdef");
	assert_row(g, 2, "def");
	grid_puts(g, 2, 20, ROLE_NORMAL, "x");
	grid_puts(g, 2, 0, ROLE_NORMAL, NULL);
	assert_null(grid_at(g, 3, 0));
	assert_null(grid_at(g, 0, 10));
	grid_set_role(g, 0, -5, 50, ROLE_SELECTED);
	assert_int_equal(grid_at(g, 0, 9)->role, ROLE_SELECTED);
	grid_set_click(g, 1, 0, 3, 'q');
	assert_int_equal(grid_at(g, 1, 2)->click, 'q');
	assert_int_equal(grid_at(g, 1, 3)->click, 0);
	grid_resize(g, 0, 0);
	grid_puts(g, 0, 0, ROLE_NORMAL, "x");
	grid_free(g);
	grid_free(NULL);
}

static void test_wide(void **state)
{
	struct grid *g = grid_new(6, 3);
	/* two cells each; the third does not fit whole and becomes a space */
	assert_int_equal(grid_puts(g, 0, 0, ROLE_NORMAL, "a日本語"), 6);
	assert_row(g, 0, "a日本");
	assert_int_equal(grid_at(g, 0, 1)->width, 2);
	assert_int_equal(grid_at(g, 0, 2)->width, 0);
	assert_int_equal(grid_puts(g, 1, 0, ROLE_NORMAL, "abcde日"), 6);
	assert_row(g, 1, "abcde");
	/* writing over half of a wide character blanks its other half */
	grid_puts(g, 0, 2, ROLE_NORMAL, "x");
	assert_row(g, 0, "a x本");
	grid_puts(g, 0, 4, ROLE_NORMAL, "y");
	assert_row(g, 0, "a x y");
	/* width of what would be put */
	assert_int_equal(grid_width(g, "日本", 6), 4);
	assert_int_equal(grid_width(g, "\x1b", 1), 4); /* \x1b */
	grid_free(g);
}

static void test_sanitizing(void **state)
{
	struct grid *g = grid_new(60, 4);
	grid_puts(g, 0, 0, ROLE_NORMAL, "ev\x1b[31mil\n");
	assert_row(g, 0, "ev\\x1b[31mil\\x0a");
	grid_puts(g, 1, 0, ROLE_NORMAL,
		  "\xff\xfe ok \xc2\x9b \xe2\x80\xae"
		  "abc");
	assert_row(g, 1, "\\xff\\xfe ok \\u009b \\u202eabc");
	grid_printf(g, 2, 0, ROLE_NORMAL, "%s|%d", "a\tb\x7f", 5);
	assert_row(g, 2, "a\\x09b\\x7f|5");
	/* nsview's own text keeps a single backslash, but controls are still escaped */
	grid_put_text(g, 3, 0, -1, ROLE_NORMAL, "\\ or F4 \x1b");
	assert_row(g, 3, "\\ or F4 \\x1b");
	grid_free(g);
}

/* Random bytes never leave a control character, DEL, C1 or bidi override in a cell. */
static void test_fuzz(void **state)
{
	struct grid *g = grid_new(40, 2);
	unsigned seed = 12345;
	for (int round = 0; round < 2000; round++) {
		char buf[64];
		size_t n = (size_t)(rand_r(&seed) % (int)sizeof(buf));
		for (size_t i = 0; i < n; i++)
			buf[i] = (char)(rand_r(&seed) & 0xff);
		if (round % 3 == 0 && n > 3)
			memcpy(buf, "\xe2\x80\xae", 3);
		grid_clear(g);
		grid_put(g, 0, rand_r(&seed) % 50 - 5, -1, ROLE_NORMAL, buf, n);
		grid_put_text(g, 1, 0, -1, ROLE_NORMAL, "x\\y");
		for (int y = 0; y < g->h; y++)
			for (int x = 0; x < g->w; x++) {
				const struct grid_cell *c = grid_at(g, y, x);
				if (c->width)
					assert_false(util_cp_unsafe(c->cp));
			}
	}
	grid_free(g);
}

static int role_at(const struct grid *g, int y, int x)
{
	return grid_at(g, y, x)->role;
}

/* Search matches get their role, case-insensitively, on the cells as shown; nothing else. */
static void test_highlight(void **state)
{
	(void)state;
	struct grid *g = grid_new(30, 2);
	grid_puts(g, 0, 0, ROLE_NORMAL, "Sleep sleep 漢字sLeEp");
	grid_set_role(g, 1, 0, 30, ROLE_SELECTED);
	grid_puts(g, 1, 0, ROLE_SELECTED, "a\x1b b");
	assert_int_equal(grid_highlight(g, 0, 0, "sLEEP", ROLE_MATCH), 3);
	static const int at[] = { 0, 6, 16 }; /* 漢字 are two cells each */
	for (int m = 0; m < 3; m++)
		for (int x = at[m]; x < at[m] + 5; x++)
			assert_int_equal(role_at(g, 0, x), ROLE_MATCH);
	assert_int_equal(role_at(g, 0, 5), ROLE_NORMAL);
	assert_int_equal(role_at(g, 0, 11), ROLE_NORMAL);
	assert_int_equal(role_at(g, 0, 21), ROLE_NORMAL);
	/* a wide character matches as one, both its cells take the role */
	assert_int_equal(grid_highlight(g, 0, 0, "字", ROLE_MATCH), 1);
	assert_int_equal(role_at(g, 0, 14), ROLE_MATCH);
	assert_int_equal(role_at(g, 0, 15), ROLE_MATCH);
	assert_int_equal(role_at(g, 0, 13), ROLE_NORMAL);
	/* from x0 on only; an escape shown for a control byte matches as the text it shows */
	assert_int_equal(grid_highlight(g, 0, 1, "sleep", ROLE_MATCH), 2);
	assert_int_equal(grid_highlight(g, 1, 0, "\\x1b", ROLE_MATCH), 1);
	assert_int_equal(role_at(g, 1, 1), ROLE_MATCH);
	assert_int_equal(role_at(g, 1, 0), ROLE_SELECTED);
	assert_int_equal(role_at(g, 1, 7), ROLE_SELECTED);
	/* nothing to find, invalid UTF-8, rows outside the grid: no change */
	assert_int_equal(grid_highlight(g, 0, 0, "", ROLE_MATCH), 0);
	assert_int_equal(grid_highlight(g, 0, 0, "\xff", ROLE_MATCH), 0);
	assert_int_equal(grid_highlight(g, 0, 0, "\xffz", ROLE_MATCH), 0);
	assert_int_equal(grid_highlight(g, 2, 0, "a", ROLE_MATCH), 0);
	assert_int_equal(grid_highlight(g, -1, 0, "a", ROLE_MATCH), 0);
	assert_int_equal(grid_highlight(g, 0, 0, "sleep sleep 漢字sleep and more", ROLE_MATCH), 0);
	grid_free(g);
}

int main(void)
{
	setlocale(LC_CTYPE, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clipping),   cmocka_unit_test(test_wide),
		cmocka_unit_test(test_sanitizing), cmocka_unit_test(test_fuzz),
		cmocka_unit_test(test_highlight),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
