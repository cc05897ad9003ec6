/* scr_selection.h — what the files of screen 3 (Lựa chọn, công nhận)
 * share; not for other screens.
 *
 * The screen is one root view with sub-views ("mục") the user switches
 * between with a letter: the plan year's registrations, the council's
 * proposals (tờ trình), the Chief Inspector's recognition decisions, and
 * the departments' answers (registered / nil return / not yet). Each mode
 * has its own ui_list over data gathered at reload; forms and detail pages
 * are pushed above it.
 *
 * The files, each calling only the ones after it:
 *   scr_selection.c          the root view: keys, what may be done, header
 *   scr_selection_forms.c    registration, nil return, proposal, decision;
 *                            drafts (ui_selection_restore)
 *   scr_selection_reasons.c  the one-line reason forms
 *   scr_selection_page.c     Enter's detail pages (on ui_page)
 *   scr_selection_lists.c    the data gathered at reload, the list sources
 *                            and the row under the cursor */
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

typedef struct sel_screen sel_screen;

struct sel_screen {
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

	/* The proposals (dh_proposal) and the recognition decisions
	 * (dh_decision) are their lists' items. */
	int approved; /* candidates waiting for recognition */
	int approved_held;

	/* The records under the cursor, for the key line. */
	uint64_t cur_reg_id;
	dh_registration *cur_reg;
	dh_candidate *cur_cand;
};

/* --- the data and the lists (scr_selection_lists.c) --- */

/* Allocate the per-department answers and set up the four lists (after
 * base, year, mode, my_dept and mine_only are set). 0 or DH_ENOMEM. */
int sel_lists_init(sel_screen *s);
/* Free what sel_lists_init and sel_gather hold (not S itself). */
void sel_lists_free(sel_screen *s);
/* Everything the four sub-views show, read again. */
void sel_gather(sel_screen *s);
/* Sort the registrations and apply the filter and "mine only". */
void sel_reg_arrange(sel_screen *s);
/* The year's live records of R's type (proposals, sessions, decisions:
 * recognitions only), copied, newest first, into R emptied: 0 or
 * DH_ENOMEM. */
int sel_records_read(ui_items *r, dh_store *st, int year);
/* Remember ID to select in MODE after the reload a save triggers (S may
 * be NULL: a restored draft). */
void sel_select_after(sel_screen *s, int mode, uint64_t id);
/* Index of department ID in cfg->departments, or -1. */
int sel_dept_index(const dh_config *cfg, const char *id);

/* The row under the cursor of the current mode; each NULL (or -1) when the
 * mode is another or the list is empty. The registration and its candidate
 * are read again only when the cursor or the data moved. */
uint64_t sel_cur_id(sel_screen *s);
const dh_registration *sel_cur_registration(sel_screen *s);
const dh_candidate *sel_cur_candidate(sel_screen *s);
int sel_cur_dept(sel_screen *s);
const dh_proposal *sel_cur_proposal(sel_screen *s);
const dh_decision *sel_cur_decision(sel_screen *s);
void sel_cur_forget(sel_screen *s);

/* --- Enter's detail page (scr_selection_page.c) --- */

/* The page of the row under the cursor, to push; NULL when there is none. */
ui_view *sel_page_open(sel_screen *s);

/* --- the forms (scr_selection_forms.c, scr_selection_reasons.c) --- */

/* The id a choice's value holds, 0 when it is none. */
uint64_t sel_parse_id(const char *s);

/* S may be NULL (a restored draft): the shell reloads every view after a
 * save anyway. Each returns the form to push, or NULL with the reason
 * already on the message line. */
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
ui_form *sel_reason_form(ui_app *app, int kind, uint64_t id);
/* The reason kind whose form is named NAME in a draft, or -1. */
int sel_reason_kind(const char *name);

#endif
