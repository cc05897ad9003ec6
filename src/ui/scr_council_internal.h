/* scr_council_internal.h — what the council screen's files share (not for
 * other screens; ui_council.h is the screen's face).
 *
 * The files, each calling only those below it:
 *   scr_council.c          the list of the year's sessions, drafts restored
 *   scr_council_session.c  one session's agenda: the secretary's session mode
 *   scr_council_members.c  the attendance, and one item's members and votes
 *   scr_council_present.c  the projector view
 *   scr_council_session_form.c  the session's date, title, notes
 *   scr_council_notes.c    the one-line reasons and notes for the minutes,
 *                          and closing an item (which may ask one)
 *   scr_council_common.c   words, refusals and lines every view draws
 *   scr_council_model.c, bigtext.c  no curses (ui_council.h) */
#ifndef DIENHINH_SCR_COUNCIL_INTERNAL_H
#define DIENHINH_SCR_COUNCIL_INTERNAL_H

#include "dienhinh/ui_council.h"
#include "dienhinh/ui_form.h"
#include "dienhinh/ui_list.h"

/* The views' own actions. */
enum {
	CA_ATTEND = UI_A__COUNT,
	CA_DIGITS,
	CA_ERASE,
	CA_NEXT,
	CA_PREV,
	CA_LEFT,
	CA_RIGHT,
	CA_CLOSE_ITEM,
	CA_REOPEN,
	CA_MEMBERS,
	CA_CLOSE_SESSION,
	CA_PRESENT,
	CA_ABSENT,
	CA_WRITTEN,
	CA_CYCLE,
	CA_AGREE,
	CA_DISAGREE,
	CA_ABSTAIN,
	CA_VOTES,
	CA_RECUSE,
	CA_RECUSE_WHY,
	CA_OPINION,
	CA_BACK,
	CA_SAVE_ROW,
	CA_PROJECTOR,
};

/* Moving over the rows of a session's agenda or its members: for the
 * views' key tables (the same keys everywhere, in help only). */
#define UI_COUNCIL_ROW_BINDINGS                                                                              \
	{UI_A_DOWN, "↓/j", {UI_K(KEY_DOWN), 'j'}, NULL, NULL, true},                                         \
	    {UI_A_UP, "↑/k", {UI_K(KEY_UP), 'k'}, NULL, NULL, true},                                         \
	    {UI_A_HOME, "Home", {UI_K(KEY_HOME)}, NULL, NULL, true},                                         \
	{                                                                                                    \
		UI_A_END, "End", {UI_K(KEY_END)}, NULL, NULL, true                                           \
	}

/* --- words and lines (scr_council_common.c) ------------------------------ */

/* What the session mode, the members' view and the projector share: one
 * session as shown, read again at every reload. Each view's struct
 * begins with it. */
typedef struct ui_council_view {
	ui_view base;
	uint64_t session_id;
	ui_council_model m;
	bool loaded;
	char title[80];
} ui_council_view;
/* Read session cv->session_id (0: none) again; when it could be read and
 * DATED is not NULL, the title becomes DATED and the session's date
 * ("Phiên họp ngày 12/12/2025"). Returns cv->loaded. */
bool ui_council_view_read(ui_council_view *cv, const char *dated);
/* Read, open and not deleted. */
bool ui_council_view_live(const ui_council_view *cv);
/* Its ops' title and destroy. */
const char *ui_council_view_title(ui_view *v);
void ui_council_view_destroy(ui_view *v);

/* The nominee's name, or that the record could not be read. */
const char *ui_council_cand_name(const ui_council_item *ci);
/* "Biểu quyết công khai" or "Bỏ phiếu kín". */
const char *ui_council_method_words(int method);
/* Open and not deleted: attendance, votes and agenda may change. */
bool ui_council_session_live(const dh_session *s);
/* Why closed item CI cannot change ("«X» đã chốt: muốn sửa, Chủ tịch Hội
 * đồng mở lại (m)."), in BUF; NULL while CI is open. */
const char *ui_council_closed_why(const ui_council_item *ci, char *buf, size_t size);
/* The header line of a session: state, title, date, method. */
void ui_council_session_heading(const dh_session *s, char *buf, size_t size);
/* The recusals of an item in words: "Không tham gia biểu quyết: A, B". */
void ui_council_recusal_text(const dh_config *cfg, const dh_vote_item *it, char *buf, size_t size);
/* The quorum line at row Y of W, green when met, red when not. */
void ui_council_draw_quorum(WINDOW *w, int y, const dh_config *cfg, const dh_session *s, int cols);

/* A refusal of ACTION in the core's words (who may), or WHY_HERE when
 * this person may but not here. */
void ui_council_say_refused(ui_view *v, dh_action a, const char *why_here);
/* "WHAT: <the core's reason>" (the reason alone when both do not fit). */
void ui_council_say_failed(ui_view *v, const char *what, int rc);

/* After a write through the workflow (ctx->message cleared before it):
 * RC 0 says DONE (when not NULL), else "FAILED: why". True when written. */
bool ui_council_wrote(ui_view *v, int rc, const char *failed, const char *done);

/* "Đã chốt: <the result in words> · <the nominee>" on the message line. */
void ui_council_say_closed(ui_app *app, const ui_council_item *ci);

/* Push view V when it could be made (out of memory leaves the screen as
 * it was); ui_form_push does the same for a form. */
void ui_council_push(ui_app *app, ui_view *v);

/* The session's documents: its minutes, and for a closed secret ballot
 * also the ballot record (asked which); KEY 'o' Word, 'O' PDF. */
#define UI_COUNCIL_DOC_HELP "Biên bản họp, biên bản kiểm phiếu ra tệp Word (o) / PDF (O)"
unsigned ui_council_session_document(ui_view *v, const dh_session *s, int key);

/* --- the reasons and notes of the minutes (scr_council_notes.c) ----------- */

/* A form of one line for the minutes, written through the workflow:
 *   REOPEN_ITEM, REOPEN_SESSION  why a closed result / session is reopened
 *   CLOSE     why an item is closed with fewer votes than voters
 *   RECUSAL   why member LOGIN does not vote on vote item ID
 *             (saving also puts him aside)
 *   OPINION   what member LOGIN wrote while away from session ID.
 * WHAT names what it is about in the field's note (the nominee, the
 * session, the member); CURRENT fills the field. NULL on ENOMEM. */
enum {
	UI_COUNCIL_NOTE_RECUSAL,
	UI_COUNCIL_NOTE_OPINION,
	UI_COUNCIL_NOTE_REOPEN_ITEM,
	UI_COUNCIL_NOTE_REOPEN_SESSION,
	UI_COUNCIL_NOTE_CLOSE,
};
ui_form *ui_council_note_form(ui_app *app, int kind, uint64_t id, const char *login, const char *what,
                              const char *current);

/* Reopen, with the reason asked (REOPEN_SESSION or REOPEN_ITEM): session S
 * when it is closed, else its item CI (when not NULL). */
void ui_council_reopen(ui_app *app, const dh_session *s, const ui_council_item *ci);

/* Told that item ITEM_ID was closed through the CLOSE form over view V. */
typedef void ui_council_closed_fn(ui_view *v, uint64_t item_id);
/* The CLOSE form for ITEM_ID; CLOSED(V, ITEM_ID) once it closed (may be NULL). */
ui_form *ui_council_close_form(ui_app *app, uint64_t item_id, const char *what, ui_council_closed_fn *closed,
                               ui_view *v);
/* Closing item CI from view V, as the counts say: refused with more votes
 * than voters (or none), asked plainly when they match, and when fewer
 * asked and then the reason (the CLOSE form, told to CLOSED). Returns
 * what the view must do; *CLOSED_NOW says whether it closed here and now. */
unsigned ui_council_close_now(ui_view *v, ui_council_item *ci, ui_council_closed_fn *closed,
                              bool *closed_now);

/* --- the views and the session form ---------------------------------------- */

/* The session form: a new session (S NULL) or session S; LIST (may be
 * NULL) is reloaded onto the session once saved. */
ui_form *ui_council_session_form(ui_app *app, ui_list *list, const dh_session *s);

/* The attendance of session SESSION_ID, and the members' votes on one
 * of its items (scr_council_members.c). */
ui_view *ui_council_attendance_open(ui_app *app, uint64_t session_id);
ui_view *ui_council_votes_open(ui_app *app, uint64_t session_id, uint64_t item_id);

/* The session mode of session SESSION_ID (scr_council_session.c), and
 * what its CLOSE forms tell it. */
ui_view *ui_council_session_open(ui_app *app, uint64_t session_id);
void ui_council_session_closed(ui_view *v, uint64_t item_id);

#endif
