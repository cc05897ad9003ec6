/* ui_council.h — the council sessions of screen 3 (Lựa chọn, công nhận):
 * the sessions of the year, attendance with the quorum, the agenda of
 * nominees, and the secretary's session mode (counts from paper ballots,
 * or each member's open vote), closing and reopening items.
 *
 * Screen 3's root view pushes ui_council_open(); its draft restorer hands
 * drafts it does not know to ui_council_restore().
 *
 * The rest of this header is the part of the session mode that has no
 * curses in it — what a session looks like as rows, and the count being
 * typed — so that unit tests can check it against a real database. */
#ifndef DIENHINH_UI_COUNCIL_H
#define DIENHINH_UI_COUNCIL_H

#include "dienhinh/council.h"
#include "dienhinh/ui_app.h"
#include "dienhinh/workflow.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The list of council sessions of the plan year (a view to ui_push). */
ui_view *ui_council_open(ui_app *app);
/* Offer back a draft of one of this module's forms (the session form, a
 * reopening reason): push what it belongs to and return true, or false
 * when DRAFT is not ours. */
bool ui_council_restore(ui_app *app, const dh_draft *draft);

/* The projector view of session SESSION_ID (0: the latest open session of
 * the plan year, followed as sessions come and go): read-only, it follows
 * the secretary's cursor (the session's current_item) and shows the
 * nominee in large type, the quorum, the rule and, once closed, the
 * result. `dienhinh present` runs it alone (ui_present); P in a session
 * pushes it. */
ui_view *ui_council_present_open(ui_app *app, uint64_t session_id);

/* --- a session as the screen shows it (no curses) ------------------------ */

/* One agenda item with its nominee and its live tally. */
typedef struct ui_council_item {
	dh_vote_item *item;
	dh_candidate *candidate; /* NULL when it cannot be read */
	dh_tally tally;
} ui_council_item;

typedef struct ui_council_model {
	dh_session *session;
	ui_council_item *items; /* live items, agenda order */
	size_t n;
	int present; /* members present (the quorum counts these) */
	int written; /* absent members with a written opinion */
} ui_council_model;

/* Read session SESSION_ID and its live items, each with its candidate and
 * council_tally(), in short read transactions. 0, or a dh_err (M is then
 * empty). */
int ui_council_load(dh_ctx *ctx, uint64_t session_id, ui_council_model *m);
void ui_council_model_free(ui_council_model *m);
/* Index of the item with id ITEM_ID in M, or -1. */
int ui_council_find(const ui_council_model *m, uint64_t item_id);

/* "Có mặt 8/11 — đủ số lượng (cần 8 = 2/3)" or "… — chưa đủ số lượng …". */
void ui_council_quorum_text(const dh_council *c, int present, char *buf, size_t size);

/* The progress of the agenda: "12/35 đã chốt, 10 đạt". */
void ui_council_progress(const ui_council_model *m, char *buf, size_t size);
/* The rule line for item CI (NULL: the session's): "Đạt khi số phiếu tán
 * thành trên 1/2 tổng số thành viên Hội đồng", or, when members do not
 * vote on CI, the base it is counted against: "… trên 1/2 của 10 thành
 * viên được biểu quyết (11 − 1)". */
void ui_council_rule_line(const dh_council *c, const ui_council_item *ci, char *buf, size_t size);

/* The three count cells of an item row (agree, disagree, abstain) as shown
 * to everyone in the room: the numbers once an item is closed or when the
 * vote is open; for a secret vote still open "•" in every cell once any
 * count is in (so not even a zero gives the split away), "—" before. */
void ui_council_count_cells(const ui_council_item *ci, char cells[3][16]);
/* The result column: "Đạt (chốt)", "Không đạt (chốt)"; open vote live
 * "Đạt", "Chưa đạt" (can still pass), "Không đạt"; secret vote open
 * "Đã nhập 9/11" or "Chưa có phiếu". *STYLE gets UI_S_OK / UI_S_ERROR /
 * UI_S_NORMAL / UI_S_DIM. */
void ui_council_result_cell(const ui_council_item *ci, char *buf, size_t size, int *style);
/* The line that explains the result: closed, the stored reason; open vote,
 * the live reason ("7/11 = 63,6% > 1/2 — đạt") with the votes still to
 * come; secret vote open, how many ballots are in and that the result is
 * shown when the item is closed. */
void ui_council_reason_text(const ui_council_item *ci, char *buf, size_t size);

/* The count being typed into a focused cell: digits go straight in (the
 * first digit replaces what the cell held), Backspace takes one back. */
#define UI_COUNCIL_DIGITS 3 /* 999 ballots is plenty */
typedef struct ui_council_entry {
	bool editing;
	char digits[UI_COUNCIL_DIGITS + 1];
} ui_council_entry;

/* DIGIT 0..9. 0, or DH_EINVAL when the count would be too long. */
int ui_council_entry_digit(ui_council_entry *e, int digit);
void ui_council_entry_backspace(ui_council_entry *e);
void ui_council_entry_cancel(ui_council_entry *e);
/* The number typed (empty = 0); false when nothing is being typed. */
bool ui_council_entry_value(const ui_council_entry *e, int *value);
/* The item's counts with column COL (0 agree, 1 disagree, 2 abstain)
 * replaced by VALUE: what wf_vote_counts() is called with. */
void ui_council_counts_with(const dh_vote_item *it, int col, int value, int out[3]);

/* Closing an item: the votes cast against the members who may vote. */
typedef enum ui_council_close_kind {
	UI_CLOSE_EMPTY, /* no vote yet: nothing to close */
	UI_CLOSE_EXACT, /* as many votes as voters: the plain question */
	UI_CLOSE_SHORT, /* fewer: closing asks the reason, for the minutes */
	UI_CLOSE_OVER,  /* more: refused until the counts are corrected */
} ui_council_close_kind;
/* Which case CI is, with the question (EXACT, SHORT) or the refusal
 * (EMPTY, OVER) in BUF: "Chốt, công bố kết quả «X» (9/9 phiếu)?",
 * "«X»: 8 phiếu/9 thành viên được biểu quyết (thiếu 1). Chốt và ghi lý
 * do vào biên bản?", "Không chốt được: 10 phiếu nhiều hơn 9 …". */
ui_council_close_kind ui_council_close_check(const ui_council_item *ci, const char *name, char *buf,
                                             size_t size);
/* The result of a closed item for the room: "6/11 = 54,5% > 1/2 — Đạt"
 * (the stored reason, its verdict capitalised). */
void ui_council_result_words(const ui_council_item *ci, char *buf, size_t size);

/* --- large type (no curses) ------------------------------------------------ */

/* TEXT in capitals as block letters (a built-in 5×5 font with the
 * Vietnamese marks, drawn with ▀ ▄ █), wrapped at spaces into lines of at
 * most COLS columns. SCALE 1: 6 columns a letter, 4 rows a line (5 with
 * a dot below); SCALE 2: twice as wide, 8 (10) rows. */
typedef struct ui_big {
	char **rows; /* UTF-8 rows, every line's rows in turn */
	int n;       /* rows */
	int lines;   /* lines of text */
	int width;   /* columns of the widest row */
} ui_big;
/* 0, DH_EINVAL when a word is wider than COLS (or SCALE is not 1 or 2),
 * DH_ENOMEM. OUT is empty on failure. */
int ui_big_text(const char *text, int cols, int scale, ui_big *out);
void ui_big_free(ui_big *b);

#endif
