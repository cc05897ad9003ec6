/* ui_record.h — read-only pages: a scrolling page of labelled lines, and
 * on it the full record of one candidate with its whole history (screen 7
 * opens it from a hit; screen 8 uses the page for an audit entry).
 *
 * A page holds lines of text with an optional label in a left column; it
 * wraps them to the width it is drawn at, at spaces, never splitting a
 * letter, and scrolls by screen rows. Nothing on a page can be edited. */
#ifndef DIENHINH_UI_RECORD_H
#define DIENHINH_UI_RECORD_H

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

/* The full record of candidate ID, read-only, with its fostering,
 * registrations, council votes, decisions, ceremonies and replication
 * activities. Push it with ui_push. NULL when it cannot be read (message
 * shown). */
ui_view *ui_record_open(ui_app *app, uint64_t candidate_id);

/* "15/06/2021 09:30" (local time) of a Unix instant, into BUF (20 bytes). */
const char *ui_record_instant(int64_t at, char *buf, size_t size);
/* The name of the person with LOGIN in config, else LOGIN itself. */
const char *ui_record_person(const dh_ctx *ctx, const char *login);

#endif
