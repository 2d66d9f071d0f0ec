/*
 * grid: cells in memory, filled through one sanitizing put function.
 */
#include "ui/grid.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

/* Code points of a search or filter: more than the prompt can hold. */
#define GRID_NEEDLE_MAX 256

static void cell_blank(struct grid_cell *c)
{
	c->cp = ' ';
	c->role = ROLE_NORMAL;
	c->width = 1;
	c->click = 0;
}

struct grid *grid_new(int w, int h)
{
	struct grid *g = xcalloc(1, sizeof(*g));
	grid_resize(g, w, h);
	return g;
}

void grid_free(struct grid *g)
{
	if (!g)
		return;
	free(g->cells);
	sb_free(&g->scratch);
	free(g);
}

void grid_resize(struct grid *g, int w, int h)
{
	g->w = w > 0 ? w : 0;
	g->h = h > 0 ? h : 0;
	free(g->cells);
	g->cells = xcalloc((size_t)g->w * (size_t)g->h + 1, sizeof(*g->cells));
	grid_clear(g);
}

void grid_clear(struct grid *g)
{
	for (size_t i = 0; i < (size_t)g->w * (size_t)g->h; i++)
		cell_blank(&g->cells[i]);
}

const struct grid_cell *grid_at(const struct grid *g, int y, int x)
{
	if (y < 0 || x < 0 || y >= g->h || x >= g->w)
		return NULL;
	return &g->cells[(size_t)y * (size_t)g->w + (size_t)x];
}

static struct grid_cell *cell(struct grid *g, int y, int x)
{
	return &g->cells[(size_t)y * (size_t)g->w + (size_t)x];
}

/* Display width of a safe code point: wide characters take two cells; zero-width ones are
 * dropped (they would merge into a neighbour and shift what the grid thinks is where). */
static int cp_width(uint32_t cp)
{
	if (cp < 0x80)
		return 1;
	int w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

/* Put one character at (y, x) with width w, mending any wide character it cuts in half. */
static void put_cp(struct grid *g, int y, int x, uint32_t cp, int w, int role)
{
	struct grid_cell *c = cell(g, y, x);
	if (c->width == 0 && x > 0)
		cell_blank(cell(g, y, x - 1));
	int end = x + w; /* first cell after the new character */
	if (end < g->w && cell(g, y, end)->width == 0)
		cell_blank(cell(g, y, end));
	c->cp = cp;
	c->role = (uint8_t)role;
	c->width = (uint8_t)w;
	c->click = 0;
	if (w == 2) {
		struct grid_cell *r = cell(g, y, x + 1);
		r->cp = 0;
		r->role = (uint8_t)role;
		r->width = 0;
		r->click = 0;
	}
}

int grid_put(struct grid *g, int y, int x, int max_x, int role, const char *s, size_t n)
{
	if (!s || y < 0 || y >= g->h)
		return x;
	int limit = max_x >= 0 && max_x < g->w ? max_x : g->w;
	g->scratch.len = 0;
	sb_add_safe(&g->scratch, s, n);
	const unsigned char *p = (const unsigned char *)g->scratch.buf;
	size_t len = g->scratch.len, i = 0;
	while (i < len && x < limit) {
		uint32_t cp;
		int l = util_utf8_decode(p + i, len - i, &cp);
		if (l == 0) { /* cannot happen after sanitizing; never loop forever */
			cp = '?';
			l = 1;
		}
		i += (size_t)l;
		int w = cp_width(cp);
		if (w == 0)
			continue;
		if (x < 0) {
			x += w;
			continue;
		}
		if (x + w > limit) {
			put_cp(g, y, x, ' ', 1, role);
			x++;
			break;
		}
		put_cp(g, y, x, cp, w, role);
		x += w;
	}
	return x;
}

int grid_put_text(struct grid *g, int y, int x, int max_x, int role, const char *s)
{
	int limit = max_x >= 0 && max_x < g->w ? max_x : g->w;
	while (s && *s) {
		const char *bs = strchr(s, '\\');
		size_t n = bs ? (size_t)(bs - s) : strlen(s);
		x = grid_put(g, y, x, max_x, role, s, n);
		if (!bs)
			break;
		if (y >= 0 && y < g->h && x >= 0 && x < limit)
			put_cp(g, y, x, '\\', 1, role);
		x++;
		s = bs + 1;
	}
	return x;
}

int grid_puts(struct grid *g, int y, int x, int role, const char *s)
{
	return s ? grid_put(g, y, x, -1, role, s, strlen(s)) : x;
}

int grid_printf(struct grid *g, int y, int x, int role, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		return x;
	return grid_put(g, y, x, -1, role, buf,
			(size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
}

int grid_width(struct grid *g, const char *s, size_t n)
{
	g->scratch.len = 0;
	sb_add_safe(&g->scratch, s, n);
	const unsigned char *p = (const unsigned char *)g->scratch.buf;
	size_t len = g->scratch.len, i = 0;
	int w = 0;
	while (i < len) {
		uint32_t cp;
		int l = util_utf8_decode(p + i, len - i, &cp);
		if (l == 0) {
			cp = '?';
			l = 1;
		}
		i += (size_t)l;
		w += cp_width(cp);
	}
	return w;
}

void grid_set_role(struct grid *g, int y, int x0, int x1, int role)
{
	if (y < 0 || y >= g->h)
		return;
	for (int x = x0 < 0 ? 0 : x0; x < x1 && x < g->w; x++)
		cell(g, y, x)->role = (uint8_t)role;
}

/*
 * The one case-insensitive comparison of search, filter and highlighting: code points folded
 * by towlower, which in a UTF-8 locale folds every script, not only ASCII.
 */
static wint_t fold_cp(uint32_t cp)
{
	return towlower((wint_t)cp);
}

/* text as typed (UTF-8), folded into needle; 0 when it is empty or not UTF-8. */
static size_t fold_needle(const char *text, wint_t *needle, size_t cap)
{
	size_t n = 0, len = text ? strlen(text) : 0, i = 0;
	while (i < len && n < cap) {
		uint32_t cp;
		int l = util_utf8_decode((const unsigned char *)text + i, len - i, &cp);
		if (l == 0) /* not text a cell can hold */
			return 0;
		i += (size_t)l;
		needle[n++] = fold_cp(cp);
	}
	return n;
}

/* Whether the characters of row y from cell x on read as needle; the column after the last
 * one in *ret_end. */
static bool match_at(struct grid *g, int y, int x, const wint_t *needle, size_t n, int *ret_end)
{
	for (size_t i = 0; i < n; i++) {
		if (x >= g->w)
			return false;
		const struct grid_cell *c = cell(g, y, x);
		if (c->width == 0 || fold_cp(c->cp) != needle[i])
			return false;
		x += c->width;
	}
	*ret_end = x;
	return true;
}

int grid_highlight(struct grid *g, int y, int x0, const char *text, int role)
{
	wint_t needle[GRID_NEEDLE_MAX];
	if (y < 0 || y >= g->h)
		return 0;
	size_t n = fold_needle(text, needle, ARRAY_SIZE(needle));
	if (!n)
		return 0;
	int hits = 0;
	for (int x = x0 < 0 ? 0 : x0; x < g->w;) {
		int end;
		if (cell(g, y, x)->width && match_at(g, y, x, needle, n, &end)) {
			grid_set_role(g, y, x, end, role);
			hits++;
			x = end;
		} else {
			x++;
		}
	}
	return hits;
}

/* Whether safe text from byte i on reads as needle, skipping what a cell would not hold. */
static bool text_match_at(const unsigned char *safe, size_t len, size_t i, const wint_t *needle,
			  size_t n)
{
	for (size_t k = 0; k < n;) {
		uint32_t cp;
		int l = i < len ? util_utf8_decode(safe + i, len - i, &cp) : 0;
		if (l == 0)
			return false;
		i += (size_t)l;
		if (cp_width(cp) == 0)
			continue;
		if (fold_cp(cp) != needle[k++])
			return false;
	}
	return true;
}

bool grid_text_has(const char *safe, const char *text)
{
	wint_t needle[GRID_NEEDLE_MAX];
	size_t n = fold_needle(text, needle, ARRAY_SIZE(needle));
	if (!text || !text[0])
		return true;
	if (!n || !safe)
		return false;
	const unsigned char *p = (const unsigned char *)safe;
	size_t len = strlen(safe);
	for (size_t i = 0; i < len; i++)
		if ((p[i] & 0xC0) != 0x80 && text_match_at(p, len, i, needle, n))
			return true;
	return false;
}

void grid_set_click(struct grid *g, int y, int x0, int x1, int key)
{
	if (y < 0 || y >= g->h)
		return;
	for (int x = x0 < 0 ? 0 : x0; x < x1 && x < g->w; x++)
		cell(g, y, x)->click = key;
}

void grid_dump(const struct grid *g, struct strbuf *out)
{
	for (int y = 0; y < g->h; y++) {
		size_t keep = out->len;
		for (int x = 0; x < g->w; x++) {
			const struct grid_cell *c = grid_at(g, y, x);
			if (c->width == 0)
				continue;
			char u[8];
			size_t n = 0;
			uint32_t cp = c->cp;
			if (cp < 0x80) {
				u[n++] = (char)cp;
			} else if (cp < 0x800) {
				u[n++] = (char)(0xC0 | (cp >> 6));
				u[n++] = (char)(0x80 | (cp & 0x3F));
			} else if (cp < 0x10000) {
				u[n++] = (char)(0xE0 | (cp >> 12));
				u[n++] = (char)(0x80 | ((cp >> 6) & 0x3F));
				u[n++] = (char)(0x80 | (cp & 0x3F));
			} else {
				u[n++] = (char)(0xF0 | (cp >> 18));
				u[n++] = (char)(0x80 | ((cp >> 12) & 0x3F));
				u[n++] = (char)(0x80 | ((cp >> 6) & 0x3F));
				u[n++] = (char)(0x80 | (cp & 0x3F));
			}
			sb_add(out, u, n);
			if (cp != ' ')
				keep = out->len;
		}
		out->len = keep;
		sb_addc(out, '\n');
	}
}
