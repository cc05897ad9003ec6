/* ui_page.h — the read-only page: a scrolling page of labelled lines, and
 * a view that is nothing but such a page (a record's detail page, an
 * audit entry, a refusal that may need two rows).
 *
 * A page holds lines of text with an optional label in a left column; it
 * wraps them to the width it is drawn at, at spaces, never splitting a
 * letter, and scrolls by screen rows. Nothing on a page can be edited.
 *
 * A page view is a struct beginning with ui_page_view, made by
 * ui_page_view_new; its ops use the ui_page_view_* callbacks for what it
 * does not do itself, and its key table lists its own keys, then
 * UI_PAGE_VIEW_BINDINGS, ended by {0}. A view that adds a key passes keys
 * to ui_page_view_key after its own, and asks ui_page_view_offers for the
 * actions it does not know. */
#ifndef DIENHINH_UI_PAGE_H
#define DIENHINH_UI_PAGE_H

#include "dienhinh/ui_app.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct ui_page_line {
	int style;   /* UI_S_* of the text */
	char *label; /* shown in the label column; NULL: the text starts at the left */
	char *text;  /* may hold newlines: each starts a new row */
} ui_page_line;

typedef struct ui_page {
	ui_page_line *lines;
	size_t n, cap;
	int label_cols; /* columns of the label column */
	int scroll;     /* first row shown */
	int rows;       /* rows shown at the last draw */
	int total;      /* rows all lines took at the last draw */
} ui_page;

void ui_page_init(ui_page *p, int label_cols);
/* Drop every line (the scroll position stays, clamped at the next draw). */
void ui_page_clear(ui_page *p);
void ui_page_free(ui_page *p);
/* Append a line; LABEL may be NULL. 0 or DH_ENOMEM. */
int ui_page_add(ui_page *p, int style, const char *label, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* A section title after an empty row. */
int ui_page_section(ui_page *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Lay the lines out for ROWS x COLS without drawing (rows, total,
 * scroll): the key line is drawn before the body and asks what fits. */
void ui_page_measure(ui_page *p, int rows, int cols);
/* Draw in the box Y, X, ROWS x COLS of W; the last row says where we are
 * when the lines do not fit. */
void ui_page_draw(ui_page *p, WINDOW *w, int y, int x, int rows, int cols);
/* UP, DOWN, PGUP, PGDN, HOME, END scroll; UI_R_UNHANDLED for the rest. */
unsigned ui_page_key(ui_page *p, int action);

/* Scrolling keys for a page view's key table (help only: the key line
 * keeps its room for what the view does). */
#define UI_PAGE_BINDINGS                                                                                     \
	{UI_A_DOWN, "↓/j", {UI_K(KEY_DOWN), 'j'}, NULL, "Cuộn xuống một dòng", true},                        \
	    {UI_A_UP, "↑/k", {UI_K(KEY_UP), 'k'}, NULL, "Cuộn lên một dòng", true},                          \
	    {UI_A_PGDN, "PgDn", {UI_K(KEY_NPAGE), ' '}, NULL, NULL, true},                                   \
	    {UI_A_PGUP, "PgUp", {UI_K(KEY_PPAGE)}, NULL, NULL, true},                                        \
	    {UI_A_HOME, "Home/g", {UI_K(KEY_HOME), 'g'}, NULL, NULL, true},                                  \
	{                                                                                                    \
		UI_A_END, "End/G", {UI_K(KEY_END), 'G'}, NULL, NULL, true                                    \
	}

/* "15/06/2021 09:30" (local time) of a Unix instant, into BUF (20 bytes);
 * "" for 0. */
const char *ui_page_instant(int64_t at, char *buf, size_t size);

/* --- a view that is a page --------------------------------------------------- */

typedef struct ui_page_view {
	ui_view base;
	ui_page page;
	char title[240]; /* after the screen title in the header */
} ui_page_view;

/* The scrolling keys of a page view: PgDn ("Xem tiếp") and PgUp on the
 * key line while there is more that way, the rest in help only. */
#define UI_PAGE_VIEW_BINDINGS                                                                                \
	{UI_A_PGDN, "PgDn", {UI_K(KEY_NPAGE), ' '}, "Xem tiếp", "Trang sau", false},                         \
	    {UI_A_PGUP, "PgUp", {UI_K(KEY_PPAGE)}, NULL, NULL, false},                                       \
	    {UI_A_DOWN, "↓/j", {UI_K(KEY_DOWN), 'j'}, NULL, "Cuộn xuống một dòng", true},                    \
	    {UI_A_UP, "↑/k", {UI_K(KEY_UP), 'k'}, NULL, "Cuộn lên một dòng", true},                          \
	    {UI_A_HOME, "Home/g", {UI_K(KEY_HOME), 'g'}, NULL, NULL, true},                                  \
	{                                                                                                    \
		UI_A_END, "End/G", {UI_K(KEY_END), 'G'}, NULL, NULL, true                                    \
	}

/* A new page view of SIZE bytes (the struct that begins with
 * ui_page_view), zeroed, with OPS and an empty page whose label column is
 * LABEL_COLS wide; NULL when out of memory. */
void *ui_page_view_new(ui_app *app, const ui_view_ops *ops, size_t size, int label_cols);
/* Lay the page out as the body will be drawn, so that the key line, drawn
 * first, already knows whether there is more below: after (re)building. */
void ui_page_view_measure(ui_page_view *pv);

/* Callbacks for the ops of a page view. */
const char *ui_page_view_title(ui_view *v);
/* PgDn and PgUp while there is more that way; true for the rest. */
bool ui_page_view_offers(ui_view *v, int action);
/* The scrolling keys; Esc closes the view; UI_R_NONE for the rest. */
unsigned ui_page_view_key(ui_view *v, int action, int key);
void ui_page_view_draw(ui_view *v, WINDOW *w);
/* Frees the page and V (a view with more to free frees it, then calls this). */
void ui_page_view_destroy(ui_view *v);

#endif
