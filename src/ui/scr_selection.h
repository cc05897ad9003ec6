/* scr_selection.h — what the files of screen 3 (Lựa chọn, công nhận)
 * share; not for other screens.
 *
 * The screen is one root view with sub-views ("mục") the user switches
 * between with a letter: the plan year's registrations, the council's
 * proposals (tờ trình), the Chief Inspector's recognition decisions, and
 * the departments' answers (registered / nil return / not yet). Each mode
 * has its own ui_list over data gathered at reload; forms and detail pages
 * are pushed above it. */
#ifndef DIENHINH_SCR_SELECTION_H
#define DIENHINH_SCR_SELECTION_H

#include "dienhinh/record.h"
#include "dienhinh/ui_app.h"
#include "dienhinh/ui_form.h"
#include "dienhinh/ui_list.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum sel_mode { SEL_REG, SEL_PROP, SEL_DEC, SEL_DEPT, SEL__MODES };

/* One registration of the plan year, as much as the list needs to sort
 * and filter without reading it again. */
typedef struct sel_reg {
	uint64_t id;
	uint64_t candidate_id;
	int date;
	int status; /* dh_reg_status */
	int dept;   /* index in cfg->departments, or -1 */
	bool complete;
	bool late;
} sel_reg;

/* One department's answer for the plan year. */
typedef struct sel_dept {
	int registered;  /* active registrations (submitted or accepted) */
	uint64_t nil_id; /* its nil return, 0 when none */
	int nil_date;
	char *nil_by;
	bool answered; /* wf_departments_answered() */
} sel_dept;

typedef struct sel_screen {
	ui_view base;
	int mode;
	int year; /* the plan year */
	ui_list lists[SEL__MODES];
	uint64_t select[SEL__MODES]; /* put the cursor here at the next reload */

	sel_reg *regs; /* the year's registrations, in the order chosen */
	size_t n_regs, cap_regs;
	size_t *shown; /* indexes into regs that pass the filter */
	size_t n_shown;
	int reg_sort;
	char *reg_filter;
	/* A department head's own list: his department's index in
	 * cfg->departments (-1: not a department head), and whether the
	 * registrations show only it (m switches). */
	int my_dept;
	bool mine_only;

	sel_dept *depts; /* one per cfg->departments */
	int n_answered;

	dh_proposal **props; /* the year's proposals, newest first */
	size_t n_props;
	dh_decision **decs; /* the year's recognition decisions, newest first */
	size_t n_decs;
	int approved; /* candidates waiting for recognition */
	int approved_held;

	/* The records under the cursor, for the key line. */
	uint64_t cur_reg_id;
	dh_registration *cur_reg;
	dh_candidate *cur_cand;
} sel_screen;

/* The forms (scr_selection_forms.c). S may be NULL (a restored draft):
 * the shell reloads every view after a save anyway. Each returns the form
 * to push, or NULL with the reason already on the message line. */
ui_form *sel_registration_form(ui_app *app, sel_screen *s);
ui_form *sel_nil_form(ui_app *app, sel_screen *s, const char *department);
ui_form *sel_proposal_form(ui_app *app, sel_screen *s, const dh_proposal *p);
ui_form *sel_decision_form(ui_app *app, sel_screen *s, const dh_idlist *ticked);

/* One-field forms for an action on one record that needs a reason. */
enum sel_reason_kind {
	SEL_R_RETURN,   /* registration returned (reason required) */
	SEL_R_WITHDRAW, /* registration withdrawn */
	SEL_R_HOLD,     /* candidate on hold (reason required) */
	SEL_R_RELEASE,  /* candidate released */
	SEL_R_REVOKE,   /* recognition decision revoked (reason, date) */
	SEL_R_DEL_NIL,  /* nil return deleted (reason required) */
	SEL_R_DEL_PROP, /* proposal deleted (reason required) */
	SEL_R__COUNT
};
/* ID is the registration, candidate, decision, nil return or proposal
 * the KIND acts on; the form names it under the reason. */
ui_form *sel_reason_form(ui_app *app, sel_screen *s, int kind, uint64_t id);

/* The screen: remember ID to select in MODE after the reload a save
 * triggers (S may be NULL). */
void sel_select_after(sel_screen *s, int mode, uint64_t id);

/* Short department name for a narrow column: "Nghiệp vụ 1" for "Phòng
 * Nghiệp vụ 1". */
const char *sel_dept_short(const dh_config *cfg, const char *id);
const char *sel_dept_name(const dh_config *cfg, const char *id);
/* A person's name for a login, else the login itself. */
const char *sel_person_name(const dh_config *cfg, const char *login);

/* A read-only page of labelled values and wrapped paragraphs
 * (scr_selection_page.c), for Enter on a row. */
typedef struct sel_page sel_page;
sel_page *sel_page_new(ui_app *app, const char *title);
/* A "label: value" line; the value wraps under itself. LABEL NULL: a
 * paragraph over the whole width. Empty VALUE (NULL or "") is skipped
 * when LABEL is given. */
void sel_page_add(sel_page *p, int style, const char *label, const char *value);
void sel_page_addf(sel_page *p, int style, const char *label, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
ui_view *sel_page_view(sel_page *p);
/* What the signer reads before signing: the council's rule, then each of
 * CANDS with its result at session SESSION_ID ("6/11 = 54,5% > 1/2 — đạt"). */
bool sel_page_results(sel_page *p, dh_ctx *ctx, uint64_t session_id, const dh_idlist *cands);
/* Bytes of the next line of S that fit in COLS columns, breaking after a
 * space when it can; *NEXT gets the bytes to skip to the line after. */
size_t sel_wrap(const char *s, int cols, size_t *next);

#endif
