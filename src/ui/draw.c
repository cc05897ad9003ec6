/* draw.c — styles and text output that knows columns and never lets a
 * control character from stored data reach the terminal. */
#include "dienhinh/ui_app.h"

#include "dienhinh/error.h"
#include "dienhinh/utf8.h"
#include "ui_internal.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static attr_t styles[UI_S__COUNT];

static int put_walk(WINDOW *w, const char *s, int cols);

void ui_style_init(void)
{
	const char *no_color = getenv("NO_COLOR");
	bool colour = has_colors() && !(no_color && *no_color);
	/* Monochrome first: these alone keep every state visible on a vt100. */
	styles[UI_S_NORMAL] = A_NORMAL;
	styles[UI_S_HEADER] = A_REVERSE;
	styles[UI_S_BAR] = A_REVERSE;
	styles[UI_S_KEY] = A_REVERSE | A_BOLD;
	styles[UI_S_TITLE] = A_BOLD;
	styles[UI_S_SELECTED] = A_REVERSE;
	styles[UI_S_FIELD] = A_UNDERLINE;
	styles[UI_S_FOCUS] = A_UNDERLINE | A_BOLD;
	styles[UI_S_ERROR] = A_BOLD;
	styles[UI_S_WARN] = A_BOLD;
	styles[UI_S_OK] = A_NORMAL;
	styles[UI_S_DIM] = A_NORMAL;
	if (!colour)
		return;
	start_color();
	use_default_colors();
	init_pair(1, COLOR_WHITE, COLOR_BLUE);
	init_pair(2, COLOR_RED, -1);
	init_pair(3, COLOR_YELLOW, -1);
	init_pair(4, COLOR_GREEN, -1);
	init_pair(5, COLOR_BLACK, COLOR_CYAN);
	init_pair(6, COLOR_CYAN, -1);
	styles[UI_S_HEADER] = COLOR_PAIR(1) | A_BOLD;
	styles[UI_S_ERROR] = COLOR_PAIR(2) | A_BOLD;
	styles[UI_S_WARN] = COLOR_PAIR(3) | A_BOLD;
	styles[UI_S_OK] = COLOR_PAIR(4);
	styles[UI_S_SELECTED] = COLOR_PAIR(5);
	styles[UI_S_TITLE] = COLOR_PAIR(6) | A_BOLD;
	styles[UI_S_DIM] = A_DIM;
}

attr_t ui_style(int style)
{
	return style >= 0 && style < UI_S__COUNT ? styles[style] : A_NORMAL;
}

/* Draws (when W is not NULL, at its cursor) or only measures S in at most
 * COLS columns; returns the columns. Runs of ordinary text go out in one
 * call; a control character becomes U+FFFD, a newline ¶, a tab a space,
 * a byte that is not UTF-8 '?'. */
static int put_walk(WINDOW *w, const char *s, int cols)
{
	int used = 0;
	size_t len = strlen(s), run = 0, i = 0;
	while (i < len) {
		int32_t cp;
		int n = utf8_decode(s + i, len - i, &cp);
		const char *repl = NULL;
		int width;
		if (n <= 0) {
			repl = "?";
			n = 1;
			width = 1;
		} else if (cp == '\n') {
			repl = "¶";
			width = 1;
		} else if (cp == '\t') {
			repl = " ";
			width = 1;
		} else if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) {
			repl = "\xef\xbf\xbd";
			width = 1;
		} else {
			width = utf8_cp_width(cp);
			if (width < 0)
				width = 1;
		}
		if (used + width > cols)
			break;
		if (repl) {
			if (w && i > run)
				waddnstr(w, s + run, (int)(i - run));
			if (w)
				waddstr(w, repl);
			run = i + (size_t)n;
		}
		used += width;
		i += (size_t)n;
	}
	if (w && i > run)
		waddnstr(w, s + run, (int)(i - run));
	return used;
}

int ui_put(WINDOW *w, int y, int x, const char *s, int cols)
{
	if (!s || cols <= 0)
		return 0;
	if (wmove(w, y, x) == ERR)
		return 0;
	return put_walk(w, s, cols);
}

int ui_putf(WINDOW *w, int y, int x, int cols, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return ui_put(w, y, x, buf, cols);
}

int ui_text_width(const char *s, int cols)
{
	return s ? put_walk(NULL, s, cols) : 0;
}

void ui_put_cell(WINDOW *w, int y, int x, const char *s, int cols, bool right)
{
	if (cols <= 0)
		return;
	int width = ui_text_width(s ? s : "", cols);
	int pad = cols - width;
	wmove(w, y, x);
	if (right)
		for (int i = 0; i < pad; i++)
			waddch(w, ' ');
	if (s)
		put_walk(w, s, cols);
	if (!right)
		for (int i = 0; i < pad; i++)
			waddch(w, ' ');
}

void ui_put_cut(WINDOW *w, int y, int x, const char *s, int cols, bool right)
{
	if (cols <= 0)
		return;
	if (!s || cols < 2 || put_walk(NULL, s, cols + 1) <= cols) {
		ui_put_cell(w, y, x, s, cols, right);
		return;
	}
	wmove(w, y, x);
	int used = put_walk(w, s, cols - 1);
	waddstr(w, "…");
	for (used++; used < cols; used++)
		waddch(w, ' ');
}

const char *ui_pad(char *out, size_t size, const char *s, int cols)
{
	if (!size)
		return out;
	size_t n = utf8_fit(s ? s : "", cols, NULL);
	int used = 0;
	if (n >= size)
		n = size - 1;
	memcpy(out, s ? s : "", n);
	out[n] = '\0';
	used = utf8_width(out);
	while (used < cols && n + 1 < size) {
		out[n++] = ' ';
		used++;
	}
	out[n] = '\0';
	return out;
}

const char *ui_format_money(int64_t amount, char *buf, size_t size)
{
	char digits[32];
	bool neg = amount < 0;
	uint64_t v = neg ? (uint64_t)0 - (uint64_t)amount : (uint64_t)amount;
	int n = snprintf(digits, sizeof(digits), "%llu", (unsigned long long)v);
	char out[48];
	size_t o = 0;
	if (neg)
		out[o++] = '-';
	for (int i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[o++] = '.';
		out[o++] = digits[i];
	}
	out[o] = '\0';
	snprintf(buf, size, "%s", out);
	return buf;
}

int ui_parse_money(const char *s, int64_t *out)
{
	int64_t v = 0;
	int digits = 0;
	const char *p = s;
	while (*p == ' ')
		p++;
	for (; *p; p++) {
		if (isdigit((unsigned char)*p)) {
			if (v > (INT64_MAX - 9) / 10)
				return DH_EINVAL;
			v = v * 10 + (*p - '0');
			digits++;
		} else if (*p == '.' || *p == ',' || *p == ' ') {
			continue;
		} else {
			break;
		}
	}
	/* An optional currency word after the number. */
	while (*p == ' ')
		p++;
	if (*p && strcmp(p, "đ") != 0 && strcmp(p, "đồng") != 0 && strcmp(p, "VND") != 0 &&
	    strcmp(p, "VNĐ") != 0)
		return DH_EINVAL;
	if (digits == 0)
		return DH_EINVAL;
	*out = v;
	return 0;
}

size_t ui_wrap_next(const char *text, int cols)
{
	size_t n = utf8_fit(text, cols, NULL);
	if (text[n]) {
		size_t cut = n;
		while (cut > 0 && text[cut] != ' ')
			cut--;
		if (cut > 0)
			n = cut;
	}
	return n;
}

int ui_draw_tabs(WINDOW *w, int y, int x, int cols, const char *const *names, int n, int current)
{
	for (int t = 0; t < n && x < cols; t++) {
		char tab[96];
		bool on = t == current;
		snprintf(tab, sizeof(tab), on ? "[%s]" : " %s ", names[t]);
		wattrset(w, on ? ui_style(UI_S_SELECTED) | A_BOLD : A_NORMAL);
		x += ui_put(w, y, x, tab, cols - x);
		wattrset(w, A_NORMAL);
		x += ui_put(w, y, x, " ", cols - x);
	}
	return x;
}

void ui_cursor_at(ui_cursor *c, int y, int x)
{
	*c = (ui_cursor){true, y, x};
}

bool ui_cursor_get(const ui_cursor *c, int *y, int *x)
{
	if (!c->shown)
		return false;
	*y = c->y;
	*x = c->x;
	return true;
}

/* --- scrolling lines by hand --------------------------------------------- */

void ui_scroll_clamp(int *scroll, int total, int rows)
{
	if (*scroll > total - rows)
		*scroll = total - rows;
	if (*scroll < 0)
		*scroll = 0;
}

unsigned ui_scroll_move(int *scroll, int total, int rows, int action)
{
	int page = rows > 1 ? rows - 1 : 1;
	switch (action) {
	case UI_A_DOWN: (*scroll)++; break;
	case UI_A_UP: (*scroll)--; break;
	case UI_A_PGDN: *scroll += page; break;
	case UI_A_PGUP: *scroll -= page; break;
	case UI_A_HOME: *scroll = 0; break;
	case UI_A_END: *scroll = total; break;
	default: return UI_R_UNHANDLED;
	}
	return UI_R_DRAW;
}

unsigned ui_scroll_key(int *scroll, int total, int rows, int action)
{
	unsigned r = ui_scroll_move(scroll, total, rows, action);
	if (!(r & UI_R_UNHANDLED))
		ui_scroll_clamp(scroll, total, rows);
	return r;
}

void ui_scroll_more_below(WINDOW *w, int scroll, int total, int rows, int cols)
{
	int below = total - scroll - rows;
	if (below <= 0)
		return;
	wattrset(w, ui_style(UI_S_DIM));
	ui_put_cell(w, rows - 1, 1, "", cols - 2, false);
	ui_putf(w, rows - 1, 1, cols - 2, "↓ còn %d dòng nữa (↓ hoặc j để xem)", below + 1);
	wattrset(w, A_NORMAL);
}
