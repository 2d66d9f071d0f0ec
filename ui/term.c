/*
 * term: ncursesw in and out; grid cells to screen cells.
 */
#include "ui/term.h"

#include <curses.h>
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "ui/view.h"

struct term {
	SCREEN *scr;
	bool utf8, colour;
	attr_t attr[ROLE_MAX];
	short pair[ROLE_MAX];
};

int term_check(const char **why)
{
	const char *t = getenv("TERM");
	if (!t || !*t) {
		*why = "TERM is not set";
		return -ENOTTY;
	}
	if (!strcmp(t, "dumb")) {
		*why = "TERM is dumb: the TUI needs a terminal that can move the cursor";
		return -ENOTTY;
	}
	return 0;
}

/* Colours and, without colour, attributes that still tell the roles apart. */
static void setup_roles(struct term *t)
{
	static const struct {
		short fg, bg;
		attr_t colour_attr, mono_attr;
	} r[ROLE_MAX] = {
		[ROLE_NORMAL] = { -1, -1, A_NORMAL, A_NORMAL },
		[ROLE_TITLE] = { COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE | A_BOLD },
		[ROLE_HEADER] = { COLOR_BLACK, COLOR_GREEN, A_NORMAL, A_REVERSE },
		[ROLE_SELECTED] = { COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE },
		[ROLE_KEY] = { -1, -1, A_BOLD, A_BOLD },
		[ROLE_KEYLABEL] = { COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE },
		[ROLE_DIM] = { COLOR_BLUE, -1, A_BOLD, A_DIM },
		[ROLE_NEW] = { COLOR_GREEN, -1, A_BOLD, A_BOLD },
		[ROLE_ORPHAN] = { COLOR_YELLOW, -1, A_NORMAL, A_UNDERLINE },
		[ROLE_ERROR] = { COLOR_RED, -1, A_BOLD, A_BOLD },
		[ROLE_OURS] = { COLOR_MAGENTA, -1, A_BOLD, A_BOLD },
		/* underlined too, so a match stands out on the reversed selected row */
		[ROLE_MATCH] = { COLOR_BLACK, COLOR_YELLOW, A_BOLD,
				 A_REVERSE | A_BOLD | A_UNDERLINE },
		[ROLE_DIALOG] = { COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_REVERSE },
		[ROLE_LEVEL0] = { COLOR_CYAN, -1, A_NORMAL, A_NORMAL },
		[ROLE_LEVEL1] = { COLOR_GREEN, -1, A_NORMAL, A_NORMAL },
		[ROLE_LEVEL2] = { COLOR_YELLOW, -1, A_NORMAL, A_NORMAL },
		[ROLE_LEVEL3] = { COLOR_MAGENTA, -1, A_NORMAL, A_NORMAL },
	};
	const char *nc = getenv("NO_COLOR");
	t->colour = !(nc && *nc) && has_colors() && start_color() == OK && COLORS >= 8;
	if (t->colour && use_default_colors() != OK)
		t->colour = false;
	for (int i = 0; i < ROLE_MAX; i++) {
		t->pair[i] = 0;
		t->attr[i] = t->colour ? r[i].colour_attr : r[i].mono_attr;
		if (t->colour && (r[i].fg >= 0 || r[i].bg >= 0) && i < COLOR_PAIRS) {
			init_pair((short)i, r[i].fg, r[i].bg);
			t->pair[i] = (short)i;
		}
	}
}

int term_start(struct term **ret, const char **why)
{
	setlocale(LC_ALL, "");
	struct term *t = xcalloc(1, sizeof(*t));
	t->utf8 = !strcmp(nl_langinfo(CODESET), "UTF-8");
	t->scr = newterm(NULL, stdout, stdin);
	if (!t->scr) {
		free(t);
		*why = "this terminal type is unknown to curses (check TERM)";
		return -ENOTTY;
	}
	set_term(t->scr);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	mousemask(BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	mouseinterval(0);
	setup_roles(t);
	*ret = t;
	return 0;
}

void term_stop(struct term *t)
{
	if (!t)
		return;
	endwin();
	delscreen(t->scr);
	free(t);
}

void term_size(struct term *t, int *ret_w, int *ret_h)
{
	int h, w;
	getmaxyx(stdscr, h, w);
	*ret_w = w;
	*ret_h = h;
}

static int map_key(int k)
{
	switch (k) {
	case KEY_UP:
		return VK_UP;
	case KEY_DOWN:
		return VK_DOWN;
	case KEY_LEFT:
		return VK_LEFT;
	case KEY_RIGHT:
		return VK_RIGHT;
	case KEY_PPAGE:
		return VK_PGUP;
	case KEY_NPAGE:
		return VK_PGDN;
	case KEY_HOME:
		return VK_HOME;
	case KEY_END:
		return VK_END;
	case KEY_BACKSPACE:
		return VK_BACKSPACE;
	case KEY_BTAB:
		return VK_BTAB;
	case KEY_RESIZE:
		return VK_RESIZE;
	case KEY_ENTER:
		return '\r';
	default:
		if (k >= KEY_F(1) && k <= KEY_F(12))
			return VK_F(k - KEY_F(0));
		return 0;
	}
}

int term_key(struct term *t, int timeout_ms, int *ret_y, int *ret_x)
{
	wint_t ch;
	timeout(timeout_ms < 0 ? 0 : timeout_ms);
	int r = get_wch(&ch);
	if (r == ERR)
		return 0;
	if (r == OK)
		return ch ? (int)ch : 0;
	if (ch != KEY_MOUSE)
		return map_key((int)ch);
	MEVENT ev;
	if (getmouse(&ev) != OK)
		return 0;
	if (ev.bstate & BUTTON4_PRESSED)
		return VK_UP;
	if (ev.bstate & BUTTON5_PRESSED)
		return VK_DOWN;
	if (!(ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)))
		return 0; /* a release, or a button nsview does not use */
	*ret_y = ev.y;
	*ret_x = ev.x;
	return TERM_CLICK;
}

/* The ASCII face of the few symbols the grid uses, when the locale is not UTF-8. */
static char ascii_of(uint32_t cp)
{
	switch (cp) {
	case 0x2502: /* │ */
		return '|';
	case 0x251c: /* ├ */
		return '+';
	case 0x2514: /* └ */
		return '`';
	case 0x2500: /* ─ */
		return '-';
	case 0x2192: /* → */
		return '>';
	case 0x25b8: /* ▸ */
		return '+';
	case 0x25be: /* ▾ */
		return '-';
	case 0x25b2: /* ▲ */
		return '^';
	case 0x25bc: /* ▼ */
		return 'v';
	default:
		return '?';
	}
}

void term_flush(struct term *t, const struct grid *g)
{
	int h, w;
	getmaxyx(stdscr, h, w);
	for (int y = 0; y < g->h && y < h; y++) {
		for (int x = 0; x < g->w && x < w; x++) {
			const struct grid_cell *c = grid_at(g, y, x);
			wchar_t wc[2] = { (wchar_t)c->cp, 0 };
			int role = c->role < ROLE_MAX ? c->role : ROLE_NORMAL;
			cchar_t cc;
			if (c->width == 0) {
				if (t->utf8)
					continue;
				wc[0] = '?'; /* the right half of a wide character */
			} else if (!t->utf8 && c->cp >= 0x80) {
				wc[0] = (wchar_t)ascii_of(c->cp);
			}
			/* a wide character that no longer fits the real screen is left out */
			if (c->width == 2 && t->utf8 && x + 1 >= w)
				wc[0] = ' ';
			setcchar(&cc, wc, t->attr[role], t->pair[role], NULL);
			mvadd_wch(y, x, &cc);
		}
	}
	refresh();
}

void term_redraw(struct term *t)
{
	clearok(curscr, TRUE);
}

void term_suspend(struct term *t)
{
	def_prog_mode();
	endwin();
}

void term_resume(struct term *t)
{
	reset_prog_mode();
	clearok(curscr, TRUE);
	refresh();
}

bool term_has_colour(const struct term *t)
{
	return t->colour;
}
