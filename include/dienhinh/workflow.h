/* workflow.h — who may do what, to which record, when.
 *
 * Every change the screens and the command line make goes through a
 * function here: it checks the actor's roles against the permission table
 * (defaults in the workflow's table of actions, overridden by config
 * `permissions:`), the record's stage and state, and the deadline that
 * config says closes the action; then it writes the change, its audit
 * entry and any stage move in one transaction. The UI asks wf_may() and
 * wf_candidate_may() (the same table) which keys to offer, and still gets
 * DH_EPERM from the action itself if it asked wrong.
 *
 * Conventions of every action function below:
 *  - returns 0 or a negative dh_err; on failure ctx->message holds a
 *    Vietnamese sentence for the user (who may, which deadline, which
 *    field), and for DH_EINVAL ctx->field names the offending field
 *    ("name", "department", ...) so a form can put the message beside it;
 *  - the checks and the writes happen in one repo_write(): stage and state
 *    are read inside the transaction, so two sessions cannot both move a
 *    record; every record saved carries the audit entry (action name, and
 *    the reason as the note);
 *  - inputs are const and copied; text is cleaned to NFC on the way in;
 *  - *_save(ctx, in, out_id) creates when in->meta.id == 0, otherwise
 *    updates, refusing with DH_ECONFLICT when in->meta.rev is not the
 *    stored revision (someone else saved first); OUT_ID may be NULL;
 *  - stages only move forward, except by wf_correct_stage(), wf_item_reopen()
 *    and wf_decision_revoke(), each audited with its reason. */
#ifndef DIENHINH_WORKFLOW_H
#define DIENHINH_WORKFLOW_H

#include "dienhinh/config.h"
#include "dienhinh/plan_terms.h"
#include "dienhinh/record.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct dh_store dh_store;

/* The session: who is at the keyboard, against which config and data. */
typedef struct dh_ctx {
	const dh_config *cfg;
	dh_store *store;
	const char *login;        /* the real Unix login (or --as) */
	const dh_person *person;  /* NULL: unknown login, may only look up */
	unsigned roles;           /* person->roles, 0 when unknown */
	int today;                /* YYYYMMDD, date_today() unless a test fixes it */
	char message[512];        /* the last refusal, in Vietnamese, naming who may */
	char field[32];           /* with DH_EINVAL: the input field at fault, or "" */
} dh_ctx;

/* Resolve LOGIN against CFG and fill CTX (message cleared). */
void wf_ctx_init(dh_ctx *ctx, const dh_config *cfg, dh_store *store, const char *login);
/* The login of the real user (getuid(), never $USER): 0, or DH_ENOTFOUND
 * when the uid has no passwd entry. */
int wf_current_login(char *buf, size_t size);

/* The actions (DH_ACTIONS, dh_action) are in plan_terms.h, shared with
 * config. Who may do each by default, and what it needs of a candidate,
 * is the workflow's table (src/core/workflow_rules.c); department heads
 * and staff act only on their own department's records, any other role
 * that grants an action grants it for every department. */

const char *wf_action_name(dh_action a);
const char *wf_action_label(dh_action a);
int wf_action_from_name(const char *name); /* -1 if unknown */
/* Roles allowed to do A under CFG (defaults with overrides applied). */
unsigned wf_action_roles(const dh_config *cfg, dh_action a);
/* "Chánh Thanh tra, Phó Chánh Thanh tra" — who may, for a refusal message. */
void wf_who_may(const dh_config *cfg, dh_action a, char *buf, size_t size);

/* Vietnamese words for an audit entry's action: the label of a permission
 * action, or of the audit-only names this module writes ("release",
 * "restore", "close_session", "reopen_session", "recuse") and "import",
 * "save"; the name itself when unknown. For screen 8. */
const char *wf_audit_label(const char *action);

/* Role check only (for offering keys). */
bool wf_may(const dh_ctx *ctx, dh_action a);
/* Role check plus the department rule: may the actor do A to a record of
 * DEPARTMENT (a department id; NULL when the record has none)? */
bool wf_may_for(const dh_ctx *ctx, dh_action a, const char *department);
/* Role check, and for actions that config gates by a deadline, the date:
 * after the deadline's date (ctx->today > date) DH_EDEADLINE. Sets
 * ctx->message on refusal. */
int wf_check(dh_ctx *ctx, dh_action a);
/* The deadline that closes A (config `closes:`), or NULL. */
const dh_deadline *wf_deadline_of(const dh_config *cfg, dh_action a);
/* Would the actor be offered A on candidate C right now: role, department,
 * and the stage/state A needs (not the deadline, not other records). For
 * the key line of a candidate's screen. */
bool wf_candidate_may(const dh_ctx *ctx, dh_action a, const dh_candidate *c);

/* --- candidates (screen 2) --------------------------------------------- */

/* Text limits, in characters (graphemes). */
#define WF_MAX_NAME 200
#define WF_MAX_LINE 500   /* title, position, reasons, numbers, places */
#define WF_MAX_TEXT 20000 /* descriptions, notes */
#define WF_MAX_AMOUNT 1000000000000LL /* VND, one material support */

/* Clean C's text to NFC in place and check every field (name required;
 * kind; department exists; criteria exist in config for the kind, no
 * repeats; year 2000..2100, 0 becomes the plan year; lengths; the decision
 * dates valid or 0; stage valid). 0 or DH_EINVAL with ctx->field. Used by
 * the form before saving and by import for each row. */
int wf_candidate_normalise(dh_ctx *ctx, dh_candidate *c);
/* Number of C's criteria that exist in config for its kind, and whether
 * they reach criteria.new_factor_min ("đạt nhiều tiêu chí"). */
int wf_criteria_met(const dh_config *cfg, const dh_candidate *c);
bool wf_meets_new_factor_min(const dh_config *cfg, const dh_candidate *c);
/* A recognised or awarded candidate of another year with the same kind and
 * the same name and title (compared ignoring case, diacritics and spacing),
 * or 0. Read-only, outside any write. */
uint64_t wf_find_duplicate(dh_ctx *ctx, const dh_candidate *c);

/* Create (action create; stage new_factor, whatever IN says) or update
 * (action edit: the descriptive fields only — year, kind, name, department,
 * position, title, description, prospects, criteria, aims_provincial,
 * followup_notes; stage, hold and decision fields are kept as stored).
 * Flags duplicate_of. A deleted candidate cannot be edited (DH_ESTAGE). */
int wf_candidate_save(dh_ctx *ctx, const dh_candidate *in, uint64_t *out_id);

/* A fostering log entry (action foster): date valid (0 = today), kind,
 * description required, amount >= 0 and only for material support, `by`
 * defaults to the actor's name. The first entry moves a new_factor
 * candidate to fostering. Not for a deleted candidate. */
int wf_fostering_save(dh_ctx *ctx, const dh_fostering *in, uint64_t *out_id);

/* On hold (action hold, REASON required) as KIND, a config `holds` id
 * (NULL: a hold with only its reason; an unknown id is DH_EINVAL, field
 * "kind"). Nobody on hold may be recognised or awarded: the refusal
 * (DH_EHOLD) names the kind, its basis and the reason (holds.h). */
int wf_hold_set(dh_ctx *ctx, uint64_t candidate_id, const char *kind, const char *reason);
/* Lift the hold (action hold): REASON required (what the check found).
 * COUNTS_FROM (0: none) only for a hold of a `discipline` kind: the date
 * the discipline period ends, from which achievements count (kept in the
 * candidate; recognising or awarding for a year it starts after is
 * refused, DH_EHOLD). */
int wf_hold_lift(dh_ctx *ctx, uint64_t candidate_id, const char *reason, int counts_from);
/* wf_hold_set with no kind, or wf_hold_lift without a date. */
int wf_hold(dh_ctx *ctx, uint64_t candidate_id, bool on_hold, const char *reason);

/* Audited correction (action correct, REASON required): move candidate
 * back to an earlier STAGE. Allowed from fostering, nominated, approved,
 * not_approved; a recognised or awarded candidate goes back only by
 * revoking its decision (DH_ESTAGE). Moving below nominated withdraws the
 * active registration with the same reason. */
int wf_correct_stage(dh_ctx *ctx, uint64_t candidate_id, int stage, const char *reason);

/* Soft delete (action delete, REASON required) and restore (same action,
 * REASON is the note). For candidates (not once recognised: revoke first),
 * fostering entries, nil returns, open agenda items, sessions without
 * closed items, proposals, ceremonies, activities, reviews, dissemination
 * and coordination notes. Registrations are withdrawn or returned and
 * decisions revoked instead (DH_EINVAL says so). */
int wf_delete(dh_ctx *ctx, dh_rtype type, uint64_t id, const char *reason);
int wf_restore(dh_ctx *ctx, dh_rtype type, uint64_t id, const char *note);

/* --- registrations (screen 3) ------------------------------------------ */

/* Nominate IN->candidate_id (action nominate, gated by its deadline):
 * candidate in new_factor or fostering, not deleted, no active
 * registration; description defaults to the candidate's, one of the two is
 * required. Department, year, registered_by, status are set here; date 0
 * becomes today. After the deadline, IN->late_reason with an actor who may
 * late_override lets it through (late_approved_by = actor). Candidate →
 * nominated. */
int wf_nominate(dh_ctx *ctx, const dh_registration *in, uint64_t *out_id);
/* The department has nobody to propose this year (action nil_return, gated
 * by its deadline if config says so). Refused when it already has an active
 * registration or a nil return for the year. */
int wf_nil_return(dh_ctx *ctx, const dh_nil_return *in, uint64_t *out_id);
/* The Office's completeness check (action check_registration): submitted
 * → accepted, complete, checked_by. */
int wf_registration_accept(dh_ctx *ctx, uint64_t registration_id);
/* Return with REASON (action return) or withdraw (action withdraw, REASON
 * optional): a submitted or accepted registration whose candidate is still
 * nominated; candidate → fostering. */
int wf_registration_return(dh_ctx *ctx, uint64_t registration_id, const char *reason);
int wf_registration_withdraw(dh_ctx *ctx, uint64_t registration_id, const char *reason);

/* Which departments answered for YEAR: ANSWERED[i] (one per
 * cfg->departments[i]) is true when department i has an active
 * registration or a nil return. */
int wf_departments_answered(dh_ctx *ctx, int year, bool *answered);

/* --- what waits (screens 1 and 3) -------------------------------------- */

/* One line of "what waits for me": the action it needs, how many records,
 * and the sentence for the screen ("3 hồ sơ đăng ký chờ kiểm tra"). */
typedef struct dh_todo {
	dh_action action;
	int count;
	char text[192];
} dh_todo;

/* What waits for the actor in YEAR (0 = the plan year), by their roles and
 * (for department heads and staff) their department: only lines the actor
 * may act on and whose count is not 0, at most MAX into OUT, *N set. Reads
 * every candidate of every year once (a scan, not an index). */
int wf_todo(dh_ctx *ctx, int year, dh_todo *out, size_t max, size_t *n);
/* Nominated candidates (live, any year) that are on no agenda yet, in id
 * order, appended to OUT: what the secretary may add to a session. */
int wf_awaiting_agenda(dh_ctx *ctx, dh_idlist *out);

/* --- council (screen 3) ------------------------------------------------- */

/* A session (action manage_session): date valid (0 = today), title (a
 * default one when empty), year (0 = plan year); method is the config's at
 * creation. A closed session cannot be edited (DH_ELOCKED). */
int wf_session_save(dh_ctx *ctx, const dh_session *in, uint64_t *out_id);
/* Close the session (every agenda item closed first) and reopen it (action
 * reopen_item, REASON required: an audited correction). */
int wf_session_close(dh_ctx *ctx, uint64_t session_id);
int wf_session_reopen(dh_ctx *ctx, uint64_t session_id, const char *reason);
/* Attendance of council member LOGIN (action record_attendance): ATTENDANCE
 * is a dh_attendance (council.h): present, absent, absent with a written
 * opinion. Open sessions only. */
int wf_attendance(dh_ctx *ctx, uint64_t session_id, const char *login, int attendance);
/* Put a nominated candidate on the agenda (action manage_session): one item
 * per candidate (an item already made for it in any session, not deleted,
 * refuses). Recusals are filled from config: `self` — a member whose name
 * or login is the candidate's name; `department` — members of the
 * candidate's department. */
int wf_item_add(dh_ctx *ctx, uint64_t session_id, uint64_t candidate_id, uint64_t *out_id);
/* Set or clear a recusal by hand (action record_votes); clears that
 * member's vote. */
int wf_item_recuse(dh_ctx *ctx, uint64_t item_id, const char *login, bool recused);
/* LOGIN does not vote on the item, for REASON (required; kept for the
 * minutes, replacing an earlier one). */
int wf_item_recuse_why(dh_ctx *ctx, uint64_t item_id, const char *login, const char *reason);
/* LOGIN is absent with a written opinion whose TEXT (required) goes into
 * the minutes. */
int wf_written_opinion(dh_ctx *ctx, uint64_t session_id, const char *login, const char *text);
/* Open vote (action record_votes): LOGIN's vote on the item (DH_VOTE_NONE
 * clears it). The member must be present, or absent with a written opinion;
 * not recused. Refused on a secret-vote session. */
int wf_vote(dh_ctx *ctx, uint64_t item_id, const char *login, int vote);
/* Secret vote (action record_votes): counts from the ballots, each >= 0,
 * together no more than the item's voters. Refused on an open-vote session. */
int wf_vote_counts(dh_ctx *ctx, uint64_t item_id, int agree, int disagree, int abstain);
/* Close an item (action close_item): the quorum must be met; the result and
 * its reason come from council_tally() and are stored; the candidate →
 * approved or not_approved. A closed item is locked (DH_ELOCKED) for votes,
 * recusals, and closing again. */
int wf_item_close(dh_ctx *ctx, uint64_t item_id);
/* The same, with COUNT_REASON: fewer votes cast than members who may vote
 * (spoilt ballots, a member who left) closes only with a reason, kept in
 * the item (count_reason) for the minutes; without one it is refused
 * (DH_EINVAL, field "count_reason"). More votes than voters is always
 * refused. wf_item_close is this with NULL. */
int wf_item_close_why(dh_ctx *ctx, uint64_t item_id, const char *count_reason);
/* The secretary's cursor (action record_votes): the session's
 * current_item becomes ITEM_ID (an item of the session, or 0), so that
 * the projector view follows it. No write when it is already there. */
int wf_session_cursor(dh_ctx *ctx, uint64_t session_id, uint64_t item_id);
/* Reopen a closed item (action reopen_item, REASON required): an audited
 * correction; the session must be open and the candidate not yet
 * recognised; the candidate goes back to nominated. */
int wf_item_reopen(dh_ctx *ctx, uint64_t item_id, const char *reason);
/* Candidates whose item in SESSION_ID passed and who are still approved,
 * in agenda order (appended to OUT). */
int wf_session_approved(dh_ctx *ctx, uint64_t session_id, dh_idlist *out);

/* The council's proposal to the Chief Inspector (action propose): when
 * IN->candidates is empty it is filled with wf_session_approved(); every
 * candidate listed must be approved with a passed item in that session. */
int wf_proposal_save(dh_ctx *ctx, const dh_proposal *in, uint64_t *out_id);

/* --- decisions (screens 3 and 4) --------------------------------------- */

/* Recognition decision (action recognise, gated by its deadline): number
 * (unique among decisions not revoked), date valid, signer (a login in
 * config; default the actor), candidates all approved, none deleted, none
 * on hold (DH_EHOLD naming them). Candidates → recognised, with
 * recognised_decision and recognised_date. */
int wf_recognise(dh_ctx *ctx, const dh_decision *in, uint64_t *out_id);
/* Giấy khen decision (action award): as above, award_id from config (the
 * first award when empty), candidates recognised and not on hold; →
 * awarded with award_decision and award_date. */
int wf_award(dh_ctx *ctx, const dh_decision *in, uint64_t *out_id);
/* Revoke a decision (action revoke, REASON required; DATE 0 = today): the
 * decision is marked revoked (then locked), its candidates go back one
 * step — recognition: recognised → approved (refused while any of them is
 * awarded: revoke the award first); award: awarded → recognised. */
int wf_decision_revoke(dh_ctx *ctx, uint64_t decision_id, const char *reason, int date);

/* --- commendation, replication, review, implementation (screens 4–6) -- */

/* A ceremony (action ceremony): date, title required; decisions listed
 * exist and are not revoked. */
int wf_ceremony_save(dh_ctx *ctx, const dh_ceremony *in, uint64_t *out_id);
/* A replication activity (action replicate) for a recognised or awarded
 * candidate: kind, date, title required; a website post needs its http(s)
 * address; attendees >= 0. */
int wf_activity_save(dh_ctx *ctx, const dh_activity *in, uint64_t *out_id);
/* A preliminary or final review (action review, gated by its deadline):
 * kind, date, title required (a default one when empty). */
int wf_review_save(dh_ctx *ctx, const dh_review *in, uint64_t *out_id);
/* Dissemination of the plan in a department (action disseminate) and a
 * coordination note with the Office (action coordinate): department
 * exists, date valid, `by` defaults to the actor's name, attendees >= 0. */
int wf_dissemination_save(dh_ctx *ctx, const dh_dissemination *in, uint64_t *out_id);
int wf_coordination_save(dh_ctx *ctx, const dh_coordination *in, uint64_t *out_id);

#endif
