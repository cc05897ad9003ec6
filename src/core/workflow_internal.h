/* workflow_internal.h — what the pieces of the workflow share.
 *
 * The pieces, each using only those above it (never a circle):
 *   workflow_rules.c         the table of actions (who may, which stages,
 *                            where to, the deadline, the refusal) and the
 *                            checks and messages read from it;
 *   workflow_tx.c            input cleaning, the transaction frame every
 *                            action runs in, the reads several actions share;
 *   workflow_fields.c        the table of input fields each record type
 *                            checks before its write;
 *   workflow_candidate.c     candidates, fostering, holds, corrections,
 *                            deletion;
 *   workflow_registration.c  registrations and nil returns;
 *   workflow_todo.c          what waits for whom (asks workflow_candidate.c
 *                            whether a candidate meets the criteria);
 *   workflow_council.c       sessions, agenda items, votes, the proposal;
 *   workflow_decision.c      decisions and their revocation, ceremonies,
 *                            replication, reviews, dissemination and
 *                            coordination notes.
 * Not for any file outside src/core/workflow_*.c: the contract is
 * include/dienhinh/workflow.h. */
#ifndef DIENHINH_WORKFLOW_INTERNAL_H
#define DIENHINH_WORKFLOW_INTERNAL_H

#include "dienhinh/repo.h"
#include "dienhinh/workflow.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* --- the table (workflow_rules.c) --------------------------------------- */

#define WF_STAGE(s) (1u << (s))
/* A row's `to` when the candidate stays, or when a named function beside
 * the table decides where it goes (the vote's result, a correction). */
#define WF_STAYS (-1)

/* What a row needs besides the stage. */
enum {
	WF_ON_CANDIDATE = 1u << 0, /* offered on a live candidate's key line (wf_candidate_may) */
	WF_NOT_ON_HOLD = 1u << 1,  /* not offered while the candidate is on hold */
	/* After the deadline config says closes the action (`closes:`), an
	 * actor who may late_override lets it through with a reason; every
	 * other action is simply refused after its deadline. */
	WF_LATE_OVERRIDE = 1u << 2,
};

/* One row per action (wf_moves[] in workflow_rules.c): who may, and for an
 * action on a candidate, where it must stand and where it goes. */
typedef struct wf_move {
	unsigned roles; /* default roles; config `permissions:` overrides */
	unsigned from;  /* WF_STAGE()s the candidate must be in; 0: any */
	int to;         /* the stage it moves to, or WF_STAYS */
	unsigned flags; /* WF_ON_CANDIDATE, WF_NOT_ON_HOLD, WF_LATE_OVERRIDE */
	/* The candidate is not in FROM: a sentence with {name} (the
	 * candidate's), {stage} (where it is) and {need} (the first stage of
	 * FROM). NULL where a named function words it. */
	const char *refusal;
} wf_move;

const wf_move *wf_move_of(dh_action a);
/* Is STAGE one that A may start from? */
bool wf_stage_admits(dh_action a, int stage);
/* Does C stand where A starts from (its stage, and not on hold where the
 * row says so)? Deletion and roles aside: what the key line and the list of
 * what waits ask. */
bool wf_move_admits(dh_action a, const dh_candidate *c);
/* A's refusal for C (DH_ESTAGE, ctx->message set), whatever its stage. */
int wf_refuse(dh_ctx *ctx, dh_action a, const dh_candidate *c);
/* 0 when C's stage admits A, else wf_refuse(). */
int wf_stage_gate(dh_ctx *ctx, dh_action a, const dh_candidate *c);
/* C moves to the row's `to` (no change for WF_STAYS). */
void wf_advance(dh_candidate *c, dh_action a);

/* --- messages, identity, checks (workflow_rules.c) ----------------------- */

/* Write the message (and the field at fault, or none) into CTX. */
__attribute__((format(printf, 3, 4))) void wf_tell(dh_ctx *ctx, const char *field, const char *fmt, ...);
/* Set the refusal message and evaluate to ERR (a macro, so that readers
 * and analysers see which code comes back). */
#define say(ctx, err, ...) (wf_tell((ctx), NULL, __VA_ARGS__), (err))
/* The same, naming the input field at fault. */
#define say_field(ctx, err, field, ...) (wf_tell((ctx), (field), __VA_ARGS__), (err))
void wf_clear_message(dh_ctx *ctx);
/* Cut a UTF-8 sequence that truncation left incomplete at the end of BUF. */
void wf_trim_partial_utf8(char *buf);
/* stage_label(), "?" for none. */
const char *wf_stage_text(int stage);
/* ctx->today, or the real date when a test has not fixed it. */
int wf_today(const dh_ctx *ctx);
/* The department rule: heads and staff act only in their own department. */
bool wf_scope_ok(const dh_ctx *ctx, dh_action a, const char *department);
/* The role check with its message: unknown login, or who may. */
int wf_permit(dh_ctx *ctx, dh_action a);
/* wf_permit and the department rule, once the record's department is known. */
int wf_permit_in(dh_ctx *ctx, dh_action a, const char *department);
/* After the deadline that closes A, refuse, unless LATE is given (A's row
 * says late_override) and LATE_REASON comes from someone who may
 * late_override: then *LATE is set. */
int wf_deadline_gate(dh_ctx *ctx, dh_action a, const char *late_reason, bool *late);

/* --- text in (workflow_tx.c) --------------------------------------------- */

/* Replace *FIELD with its NFC copy without control characters, trimmed of
 * white space at both ends, at most MAX characters. An empty value is
 * NULL. NAME is the field for ctx->field, LABEL names it for the reader. */
int wf_clean_text(dh_ctx *ctx, char **field, const char *name, const char *label, bool multiline, size_t max,
                  bool required);
/* A real date (0 becomes today when DEFAULT_TODAY). */
int wf_check_date(dh_ctx *ctx, int *date, bool default_today, const char *name, const char *label);
/* 2000..2100; 0 becomes the plan year. */
int wf_check_year(dh_ctx *ctx, int *year);
/* A department of config. */
int wf_check_department(dh_ctx *ctx, const char *id);
/* Check, and clean in place, the fields of REC (of TYPE) that the table
 * of workflow_fields.c lists for it, in its order; the first at fault is
 * the refusal (ctx->field names it). */
int wf_check_fields(dh_ctx *ctx, dh_rtype type, void *rec);

/* *BY when given, else the actor's name. */
int wf_default_by(dh_ctx *ctx, char **by);

/* --- the transaction frame (workflow_tx.c) ------------------------------- */

/* The records a run of a transaction body has loaded; emptied at each run. */
typedef struct wf_pool {
	size_t n, cap;
	dh_rtype *types;
	void **recs;
} wf_pool;

typedef struct wf_op wf_op;
typedef int (*wf_body)(dh_repo_tx *tx, wf_op *op);

/* Everything an action's transaction body needs. */
struct wf_op {
	dh_ctx *ctx;
	dh_action action;
	wf_body body;
	wf_pool pool;
	const void *in; /* the cleaned input record, copied afresh per run */
	dh_rtype type;
	uint64_t target; /* the record acted on */
	uint64_t other;  /* a second id (candidate for an agenda item) */
	char *reason;    /* cleaned, owned by the op */
	const char *login;
	int arg[3];
	bool flag;
	uint64_t id; /* out: the record created or changed */
};

/* A reason an action takes: TEXT as typed, LABEL names it in a refusal
 * ("Lý do thu hồi"), FIELD is the input at fault (NULL: "reason"). */
typedef struct wf_reason {
	const char *text;
	const char *label;
	bool required;
	const char *field;
} wf_reason;

/* How wf_act checks arg[0] before the write: a choice among min..max
 * (else TEXT is the refusal), or a date (TEXT its label; 0 becomes today
 * with ZERO_TODAY, else 0 stands for no date). */
typedef struct wf_arg_check {
	bool date, zero_today;
	int min, max;
	const char *field;
	const char *text;
} wf_arg_check;

/* What an action on stored records takes (wf_act). Only what is set counts. */
typedef struct wf_args {
	dh_rtype type;
	uint64_t target, other;
	const char *login; /* a council member; with need_member, required */
	bool need_member;
	int arg[3];
	bool flag;
	/* The action's own checks of these arguments, after the role check and
	 * before the reason is cleaned; may complete them (a date 0 → today). */
	int (*check)(dh_ctx *ctx, struct wf_args *args);
	const wf_arg_check *arg0; /* how arg[0] is checked, or NULL */
	wf_reason why;            /* cleaned into op->reason; why.label NULL: none taken */
} wf_args;

/* Check the role (and the deadline that closes A), then ARGS, then run BODY
 * in one write with them. */
int wf_act(dh_ctx *ctx, dh_action a, wf_body body, wf_args *args, uint64_t *out_id);

/* The checks of an input record's copy before the write: clean it in
 * place; may set op->flag or op->other for the body. */
typedef int (*wf_clean)(wf_op *op, void *rec);
/* Check the role (and deadline), copy IN of TYPE, CLEAN the copy, then run
 * BODY in one write with the copy as op->in. */
int wf_save(dh_ctx *ctx, dh_action a, dh_rtype type, const void *in, wf_clean clean, wf_body body,
            uint64_t *out_id);

/* The pool owns REC from now on (freed even when this fails). */
int wf_pool_keep(wf_pool *p, dh_rtype type, void *rec);
/* "hồ sơ", "phiên họp", … for messages. */
const char *wf_type_what(dh_rtype type);
/* Load a record into the pool. Deleted records are found too: the caller
 * decides what a deletion means for it. */
int wf_load(dh_repo_tx *tx, wf_op *op, dh_rtype type, uint64_t id, void **out);
/* A live (not deleted) record. */
int wf_load_live(dh_repo_tx *tx, wf_op *op, dh_rtype type, uint64_t id, void **out);
/* A fresh copy of the input record, owned by the pool. */
int wf_input_copy(wf_op *op, void **out);
/* For an update: the stored record must be live and at the revision the
 * editor started from. */
int wf_check_update(wf_op *op, const dh_meta *stored, const dh_meta *in);
/* For an update (the input record op->in has an id): the stored record of
 * op->type, live and at the input's revision, into *STORED; NULL (and 0)
 * for a new record. */
int wf_load_stored(dh_repo_tx *tx, wf_op *op, void **stored);
/* wf_load_stored, and the department rule for op->action on the stored
 * record (wf_record_department). */
int wf_check_stored(dh_repo_tx *tx, wf_op *op, void **stored);
/* A log entry of a candidate (fostering, replication; its candidate_id at
 * CANDIDATE_AT): the candidate, live and in the actor's reach, into *C;
 * for an update, wf_check_stored and the same candidate as stored (else
 * the refusal MOVED). */
int wf_load_entry(dh_repo_tx *tx, wf_op *op, size_t candidate_at, const char *moved, dh_candidate **c);
/* Put REC with the audit entry (past plan years refused, plan_year.h). */
int wf_put(dh_repo_tx *tx, wf_op *op, const char *action, const char *note, dh_rtype type, void *rec);
/* A fresh copy of the input put as the action's own record (audit action:
 * the action's name, no note); its id is what comes back. */
int wf_put_input(dh_repo_tx *tx, wf_op *op);
/* wf_put of the record the action is about: its id is what comes back. */
int wf_put_out(dh_repo_tx *tx, wf_op *op, const char *action, const char *note, dh_rtype type, void *rec);

/* --- reads several actions share (workflow_tx.c) ------------------------- */

/* Ids of the records a read found (at most 64: a candidate has a few). */
typedef struct wf_ids {
	uint64_t ids[64];
	size_t n;
} wf_ids;
/* Items (not deleted) of a candidate, in any session. */
int wf_candidate_items(dh_repo_tx *tx, uint64_t candidate_id, wf_ids *out);
/* Active (submitted or accepted, not deleted) registrations. */
bool wf_registration_active(const void *registration);
int wf_active_registrations(dh_repo_tx *tx, uint64_t candidate_id, wf_ids *out);

/* What wf_change_each's CHANGE returns to leave a record as it is. */
#define WF_LEAVE 1
/* Load each record of TYPE in IDS and CHANGE it; a changed one is put
 * under ACTION with op->reason as its note. CHANGE returns 0 (put it),
 * WF_LEAVE, or a negative dh_err that stops the walk. */
int wf_change_each(dh_repo_tx *tx, wf_op *op, dh_rtype type, const wf_ids *ids, const char *action,
                   int (*change)(dh_repo_tx *tx, wf_op *op, void *rec));

/* Items of a session (not deleted), closed and open. */
int wf_count_items(dh_repo_tx *tx, uint64_t session_id, int *closed, int *open);

/* The department a record belongs to, for the department rule (loads the
 * candidate of child records). *DEPT points into a pooled record. */
int wf_record_department(dh_repo_tx *tx, wf_op *op, dh_rtype type, const void *rec, const char **dept);

/* FLAGS[i] (one per cfg->departments[i]) set for DEPARTMENT. */
void wf_mark_department(const dh_config *cfg, bool *flags, const char *department);
/* A repo_each visit: a record of YEAR marks its department in FLAGS.
 * YEAR_AT and DEPARTMENT_AT are the offsets of the record's `int year` and
 * `char *department`; COUNTS says which records count (NULL: the live
 * ones). */
typedef struct wf_marks {
	const dh_config *cfg;
	int year;
	bool *flags;
	size_t year_at, department_at;
	bool (*counts)(const void *rec);
} wf_marks;
int wf_mark_visit(const void *rec, void *marks);

#endif
