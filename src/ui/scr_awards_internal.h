/* scr_awards_internal.h — what the pieces of screen 4 (Khen thưởng, nhân
 * rộng) share. The calls go one way only:
 *
 *   scr_awards.c             the screen: keys, drawing, drafts
 *     -> scr_awards_tabs.c   what its four tabs list
 *     -> scr_awards_pages.c  a record's replication log, one decision's page
 *     -> scr_awards_forms.c  the forms: award, revoke, ceremony, activity,
 *                            follow-up toward the provincial level
 *   (pages -> forms), and each of them -> scr_awards_common.c (choices,
 *   labels, pushing what opened, delete, the decision as a document). */
#ifndef DIENHINH_SCR_AWARDS_INTERNAL_H
#define DIENHINH_SCR_AWARDS_INTERNAL_H

#include "dienhinh/record.h"
#include "dienhinh/ui_app.h"
#include "dienhinh/ui_form.h"
#include "dienhinh/ui_list.h"
#include "dienhinh/ui_verbs.h"

#include <stddef.h>
#include <stdint.h>

#define AW_SYNC_LIMIT 20000 /* up to this many candidates, read at once */
#define AW_CHECKS_MAX 150   /* records one decision form lists (the widget keeps 1 KiB of codes) */

/* The screen's own actions; the log and the decision page offer some. */
enum { AW_A_TAB = UI_A__COUNT, AW_A_AWARD, AW_A_FOLLOWUP, AW_A_REVOKE, AW_A_PRINT };

/* --- the screen and its tabs (scr_awards.c, scr_awards_tabs.c) --------- */

enum { AW_TAB_RECORDS, AW_TAB_DECISIONS, AW_TAB_CEREMONIES, AW_TAB_ACTIVITIES, AW_TABS };

typedef struct aw_rec {
	uint64_t id;
	int year;
} aw_rec;

typedef struct aw_vec {
	aw_rec *v;
	size_t n, cap;
} aw_vec;

typedef struct aw_screen {
	ui_view base;
	int tab;
	ui_list lists[AW_TABS];
	/* Recognised and awarded records: the last complete pass is shown. */
	aw_vec shown, work;
	bool scanning;
	uint64_t next, last;
	char *filter;   /* lookup text on the records tab */
	uint64_t *hits; /* its hits, best first */
	size_t n_hits;
	uint64_t *tags; /* records marked for a Giấy khen */
	size_t n_tags;
	dh_candidate *cur; /* the record under the cursor, for the key line */
	/* The award decisions and every ceremony (deleted ones dimmed) are
	 * their tabs' lists' items, newest first. */
	uint64_t last_activity; /* activities are ids 1..last, shown newest first */
} aw_screen;

/* The tabs' lists, read for the first time (0 or DH_ENOMEM); read again
 * after a commit; freed with the screen. */
int aw_tabs_init(aw_screen *s);
void aw_tabs_read(aw_screen *s);
void aw_tabs_free(aw_screen *s);
/* One more slice of the records scan; true when the pass is complete. */
bool aw_scan_step(aw_screen *s, size_t slice);
bool aw_has(const uint64_t *v, size_t n, uint64_t id);

/* --- scr_awards_common.c ------------------------------------------------- */

/* A form's f->user that is a calloc'd ui_choices: free it whole. */
void aw_choices_destroy(void *choices);
/* For a form's choices callback: *OUT = the list, its length returned. */
size_t aw_choices_get(const ui_choices *c, const ui_choice **out);
void aw_choices_reverse(ui_choices *c);

/* "Nguyễn Văn A (2020, Phòng Nghiệp vụ 1)" for a picker or a checklist. */
void aw_candidate_label(const dh_config *cfg, const dh_candidate *c, char *buf, size_t size);

/* One activity row; NAME is the record's (NULL in a record's own log). */
void aw_act_fill(const dh_activity *a, const char *name, ui_list_row *row);

/* Push the page V when it opened (ui_form_push for a form); redraw. */
unsigned aw_show(ui_app *app, ui_view *v);

/* Delete a ceremony or an activity after asking ("Xóa WHAT?"). */
unsigned aw_delete(ui_app *app, dh_rtype type, uint64_t id, const char *what);

/* The Giấy khen decision D as a .docx (o) or PDF (O). */
unsigned aw_document(ui_app *app, const dh_decision *d, int key);

/* --- scr_awards_pages.c ------------------------------------------------ */

ui_view *aw_decision_open(ui_app *app, const dh_decision *d);
ui_view *aw_log_open(ui_app *app, const dh_candidate *c);

/* --- scr_awards_forms.c ------------------------------------------------ */

/* A new Giấy khen decision with IDS ticked; *MARKS (the screen's count of
 * marked records, or NULL) is cleared once the decision is made.
 * aw_award_offer adds one more record waiting for a Giấy khen. */
ui_form *aw_award_form_open(ui_app *app, size_t *marks, const uint64_t *ids, size_t n);
void aw_award_offer(ui_form *f, uint64_t id);
ui_form *aw_revoke_form_open(ui_app *app, const dh_decision *d);
ui_form *aw_ceremony_form_open(ui_app *app, const dh_ceremony *c);
ui_form *aw_activity_form_open(ui_app *app, const dh_activity *a, uint64_t candidate_id);
ui_form *aw_followup_form_open(ui_app *app, const dh_candidate *c);

/* Each form again from a draft of it (its target read again), or NULL. */
ui_form *aw_award_form_restore(ui_app *app, const dh_draft *d);
ui_form *aw_revoke_form_restore(ui_app *app, const dh_draft *d);
ui_form *aw_ceremony_form_restore(ui_app *app, const dh_draft *d);
ui_form *aw_activity_form_restore(ui_app *app, const dh_draft *d);
ui_form *aw_followup_form_restore(ui_app *app, const dh_draft *d);

#endif
