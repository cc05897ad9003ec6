/* page.c — the read-only page widget and the view that is one page
 * (ui_page.h). */
#include "dienhinh/ui_page.h"

#include "dienhinh/buf.h"
#include "dienhinh/error.h"
#include "dienhinh/utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void ui_page_init(ui_page *p, int label_cols)
{
	memset(p, 0, sizeof(*p));
	p->label_cols = label_cols;
}

void ui_page_clear(ui_page *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->lines[i].label);
		free(p->lines[i].text);
	}
	p->n = 0;
}

void ui_page_free(ui_page *p)
{
	ui_page_clear(p);
	free(p->lines);
	p->lines = NULL;
	p->cap = 0;
}

static int page_addv(ui_page *p, int style, const char *label, const char *fmt, va_list ap)
{
	if (buf_reserve(&p->lines, &p->cap, p->n + 1, sizeof(*p->lines)))
		return DH_ENOMEM;
	char *text = NULL;
	if (vasprintf(&text, fmt, ap) < 0)
		return DH_ENOMEM;
	char *lab = label ? strdup(label) : NULL;
	if (label && !lab) {
		free(text);
		return DH_ENOMEM;
	}
	p->lines[p->n++] = (ui_page_line){style, lab, text};
	return 0;
}

int ui_page_add(ui_page *p, int style, const char *label, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = page_addv(p, style, label, fmt, ap);
	va_end(ap);
	return rc;
}

int ui_page_section(ui_page *p, const char *fmt, ...)
{
	int rc = p->n ? ui_page_add(p, UI_S_NORMAL, NULL, "%s", "") : 0;
	va_list ap;
	va_start(ap, fmt);
	if (rc == 0)
		rc = page_addv(p, UI_S_TITLE, NULL, fmt, ap);
	va_end(ap);
	return rc;
}

/* One row of PARA (no newline in it) in COLS columns: its length in bytes
 * (*LEN), and where the next row starts (the spaces at a break skipped).
 * Breaks as every paragraph on screen does (ui_wrap_next); a letter wider
 * than the row goes on a row of its own. */
static const char *wrap_row(const char *para, int cols, size_t *len)
{
	size_t brk = ui_wrap_next(para, cols);
	if (brk == 0 && *para)
		brk = utf8_grapheme_len(para, strlen(para));
	*len = brk;
	const char *next = para + brk;
	while (*next == ' ')
		next++;
	return next;
}

/* Rows TEXT takes in COLS columns; when W is given, draws the rows that
 * fall in [FIRST, FIRST + ROWS) of the page, counting from *ROW. */
static void page_text(WINDOW *w, const char *text, int x, int cols, int y, int first, int rows, int *row,
                      int style)
{
	const char *s = text ? text : "";
	char buf[1024];
	do {
		size_t plen = strcspn(s, "\n");
		char *para = strndup(s, plen);
		if (!para)
			return;
		const char *r = para;
		do {
			size_t len;
			const char *next = wrap_row(r, cols > 0 ? cols : 1, &len);
			if (w && *row >= first && *row < first + rows) {
				size_t n = len < sizeof(buf) - 1 ? len : sizeof(buf) - 1;
				memcpy(buf, r, n);
				buf[n] = '\0';
				wattrset(w, ui_style(style));
				ui_put(w, y + *row - first, x, buf, cols);
			}
			(*row)++;
			r = next;
		} while (*r);
		free(para);
		s += plen;
		if (*s == '\n')
			s++;
		else
			break;
	} while (1);
}

static int page_layout(ui_page *p, WINDOW *w, int y, int x, int rows, int cols)
{
	int row = 0;
	int lc = p->label_cols < cols / 2 ? p->label_cols : cols / 2;
	for (size_t i = 0; i < p->n; i++) {
		const ui_page_line *l = &p->lines[i];
		if (!l->label) {
			page_text(w, l->text, x, cols, y, p->scroll, rows, &row, l->style);
			continue;
		}
		if (w && row >= p->scroll && row < p->scroll + rows && *l->label) {
			wattrset(w, ui_style(UI_S_DIM));
			ui_put(w, y + row - p->scroll, x, l->label, lc - 1);
		}
		page_text(w, l->text, x + lc, cols - lc, y, p->scroll, rows, &row, l->style);
	}
	if (w)
		wattrset(w, A_NORMAL);
	return row;
}

void ui_page_measure(ui_page *p, int rows, int cols)
{
	if (rows < 1 || cols < 8)
		return;
	p->total = page_layout(p, NULL, 0, 0, rows, cols);
	int body = p->total > rows ? rows - 1 : rows; /* the last row says where we are */
	p->rows = body < 1 ? 1 : body;
	ui_scroll_clamp(&p->scroll, p->total, p->rows);
}

void ui_page_draw(ui_page *p, WINDOW *w, int y, int x, int rows, int cols)
{
	if (rows < 1 || cols < 8)
		return;
	ui_page_measure(p, rows, cols);
	int body = p->rows;
	page_layout(p, w, y, x, body, cols);
	if (p->total > rows) {
		int last = p->scroll + body < p->total ? p->scroll + body : p->total;
		wattrset(w, ui_style(UI_S_DIM));
		ui_putf(w, y + rows - 1, x, cols, "Dòng %d–%d/%d%s", p->scroll + 1, last, p->total,
		        last < p->total ? " · PgDn: xem tiếp" : "");
		wattrset(w, A_NORMAL);
	}
}

unsigned ui_page_key(ui_page *p, int action)
{
	return ui_scroll_key(&p->scroll, p->total, p->rows, action);
}

const char *ui_page_instant(int64_t at, char *buf, size_t size)
{
	time_t t = (time_t)at;
	struct tm tm;
	if (!at || !localtime_r(&t, &tm)) {
		snprintf(buf, size, "%s", "");
		return buf;
	}
	strftime(buf, size, "%d/%m/%Y %H:%M", &tm);
	return buf;
}

/* --- a view that is a page --------------------------------------------------- */

void *ui_page_view_new(ui_app *app, const ui_view_ops *ops, size_t size, int label_cols)
{
	ui_page_view *pv = size >= sizeof(*pv) ? ui_view_new(app, ops, size) : NULL;
	if (!pv)
		return NULL;
	ui_page_init(&pv->page, label_cols);
	return pv;
}

void ui_page_view_measure(ui_page_view *pv)
{
	ui_page_measure(&pv->page, LINES - 4, COLS - 2);
}

const char *ui_page_view_title(ui_view *v)
{
	return ((ui_page_view *)v)->title;
}

bool ui_page_view_offers(ui_view *v, int action)
{
	const ui_page *p = &((ui_page_view *)v)->page;
	switch (action) {
	case UI_A_PGDN: return p->scroll + p->rows < p->total;
	case UI_A_PGUP: return p->scroll > 0;
	}
	return true;
}

unsigned ui_page_view_key(ui_view *v, int action, int key)
{
	(void)key;
	unsigned r = ui_page_key(&((ui_page_view *)v)->page, action);
	if (!(r & UI_R_UNHANDLED))
		return r;
	return action == UI_A_CANCEL ? UI_R_POP : UI_R_NONE;
}

void ui_page_view_draw(ui_view *v, WINDOW *w)
{
	ui_page_draw(&((ui_page_view *)v)->page, w, 0, 1, getmaxy(w), getmaxx(w) - 2);
}

void ui_page_view_destroy(ui_view *v)
{
	ui_page_free(&((ui_page_view *)v)->page);
	free(v);
}
