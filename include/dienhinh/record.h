/* record.h — every kind of record the plan keeps, and their field tables.
 *
 * Each record is a plain C struct that begins with dh_meta. Beside each
 * struct a table of dh_field (tag, type, name, offset) describes it, and one
 * generic codec, JSON writer, differ and free walk those tables: adding a
 * field is one line in record.c, never a change to the codec.
 *
 * On disk (see record.c for the full format): a version byte, the kind, then
 * tag/wire-type/length fields; unknown tags are skipped so older programs
 * read newer records, and every length is checked so any bytes decode to a
 * record or to DH_ECORRUPT, never to a crash. */
#ifndef DIENHINH_RECORD_H
#define DIENHINH_RECORD_H

#include "dienhinh/plan_terms.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct dh_strlist {
	size_t n;
	char **v;
} dh_strlist;

typedef struct dh_idlist {
	size_t n;
	uint64_t *v;
} dh_idlist;

/* What every record carries. `rev` starts at 1 and grows by one per save;
 * a save whose rev is not the stored rev is a conflict. Dates are YYYYMMDD
 * ints (0 = not set); instants are Unix seconds. */
typedef struct dh_meta {
	uint64_t id; /* per record type, from 1, never reused */
	uint32_t rev;
	int64_t created_at;
	int64_t updated_at;
	char *created_by; /* login */
	char *updated_by;
	bool deleted; /* nothing is hard-deleted */
	char *deleted_reason;
} dh_meta;

typedef enum dh_rtype {
	DH_R_CANDIDATE = 1,
	DH_R_FOSTERING,
	DH_R_REGISTRATION,
	DH_R_NIL_RETURN,
	DH_R_SESSION,
	DH_R_VOTE_ITEM,
	DH_R_PROPOSAL,
	DH_R_DECISION,
	DH_R_CEREMONY,
	DH_R_ACTIVITY,
	DH_R_REVIEW,
	DH_R_DISSEMINATION,
	DH_R_COORDINATION,
	DH_R_DRAFT,
	DH_R_AUDIT,
	DH_R_PLAN, /* the plan of one year as config had it (plan_year.h); after AUDIT: types are on disk */
	DH_R__COUNT
} dh_rtype;

/* Candidate kinds (dh_kind) are in plan_terms.h, shared with config. */

typedef enum dh_stage {
	DH_STAGE_NEW_FACTOR = 0,
	DH_STAGE_FOSTERING,
	DH_STAGE_NOMINATED,
	DH_STAGE_APPROVED,
	DH_STAGE_NOT_APPROVED,
	DH_STAGE_RECOGNISED,
	DH_STAGE_AWARDED,
	DH_STAGE__COUNT
} dh_stage;

typedef struct dh_candidate {
	dh_meta meta;
	int year;
	int kind; /* dh_kind */
	char *name;
	char *department; /* config department id */
	char *position;
	char *title;       /* the model / initiative / achievement */
	char *description; /* long text */
	char *prospects;
	dh_strlist criteria; /* criterion ids met */
	int stage;           /* dh_stage */
	bool on_hold;
	char *hold_reason;
	char *recognised_decision; /* decision number, e.g. "15/QĐ-TTr" */
	int recognised_date;
	char *award_decision;
	int award_date;
	bool aims_provincial; /* follow-up toward provincial level */
	char *followup_notes;
	uint64_t duplicate_of; /* a recognised candidate with the same achievement */
	char *hold_kind; /* config `holds` id of the hold (NULL: a hold with only its reason) */
	/* After discipline, achievements count only from this date (NĐ
	 * 152/2025 Art. 4(4)); 0 = no such limit. Set when a discipline
	 * hold is lifted. */
	int counts_from;
} dh_candidate;

typedef enum dh_fostering_kind {
	DH_FOSTER_GUIDANCE = 0,      /* hướng dẫn */
	DH_FOSTER_ENCOURAGEMENT = 1, /* động viên */
	DH_FOSTER_MATERIAL = 2,      /* hỗ trợ vật chất */
} dh_fostering_kind;

typedef struct dh_fostering {
	dh_meta meta;
	uint64_t candidate_id;
	int date;
	int kind; /* dh_fostering_kind */
	char *description;
	int64_t amount; /* VND, material support only */
	char *by;       /* who gave it (free text: a name or a login) */
} dh_fostering;

typedef enum dh_reg_status {
	DH_REG_SUBMITTED = 0,
	DH_REG_ACCEPTED,  /* the Office checked it complete */
	DH_REG_RETURNED,  /* returned with a reason */
	DH_REG_WITHDRAWN, /* withdrawn by the department */
} dh_reg_status;

typedef struct dh_registration {
	dh_meta meta;
	int year;
	uint64_t candidate_id;
	char *department;
	char *registered_by; /* login */
	int date;
	char *description; /* the initiative / model description, long text */
	int status;        /* dh_reg_status */
	char *reason;      /* why returned / withdrawn */
	char *late_reason; /* a leader's override after the deadline */
	char *late_approved_by;
	bool complete; /* the Office's completeness check */
	char *checked_by;
} dh_registration;

typedef struct dh_nil_return {
	dh_meta meta;
	int year;
	char *department;
	char *by;
	int date;
	char *note;
} dh_nil_return;

typedef struct dh_session {
	dh_meta meta;
	int year;
	int date;
	char *title;
	int method; /* dh_vote_method (config.h) */
	dh_strlist present; /* member logins attending */
	dh_strlist written; /* absent members who sent a written opinion */
	bool closed;
	char *notes;
	/* The agenda item the secretary's cursor is on, so that another
	 * session (the projector) can follow it; 0 before any. */
	uint64_t current_item;
	/* Members marked absent: a member in none of present, written and
	 * absent has not been called yet ("chưa điểm danh"). */
	dh_strlist absent;
	/* What an absent member wrote: "login=text", for the minutes. */
	dh_strlist opinions;
	/* The rules the session is held under (snapshot.h), kept when it is
	 * opened so that a later config never changes what was decided:
	 * members (parallel lists, one entry per member), quorum, vote rule,
	 * recusal, the names on its documents. rules_held false: an old
	 * session not migrated yet, read under the config in use. */
	bool rules_held;
	char *held_council;          /* council name */
	char *held_org;              /* organization name */
	char *held_plan_title;       /* the plan of the session's year, or NULL */
	dh_strlist held_logins;      /* member logins, in council order */
	dh_strlist held_roles;       /* council role names ("chair", ...) */
	dh_strlist held_names;       /* full names ("" when unknown) */
	dh_strlist held_positions;   /* positions ("" when none) */
	dh_strlist held_departments; /* department ids ("" when none) */
	int held_quorum_num, held_quorum_den;
	int held_rule; /* dh_vote_rule */
	int held_threshold_num, held_threshold_den;
	int held_base; /* dh_vote_base */
	bool held_written_count;
	bool held_recuse_self, held_recuse_department;
} dh_session;

typedef enum dh_vote { DH_VOTE_NONE = 0, DH_VOTE_AGREE, DH_VOTE_DISAGREE, DH_VOTE_ABSTAIN } dh_vote;

typedef enum dh_result { DH_RESULT_PENDING = 0, DH_RESULT_PASSED, DH_RESULT_FAILED } dh_result;

typedef struct dh_vote_item {
	dh_meta meta;
	uint64_t session_id;
	uint64_t candidate_id;
	int order;          /* position on the agenda */
	dh_strlist recused; /* member logins who do not vote on this nominee */
	dh_strlist votes;   /* open vote and written opinions: "login=a|d|b" */
	int agree;          /* secret vote: counts typed from paper ballots */
	int disagree;
	int abstain;
	bool closed;
	int result;   /* dh_result, set when closed */
	char *reason; /* "7/11 = 63,6% < 2/3 — không đạt" */
	char *reopen_reason;
	/* Why fewer votes were cast than members may vote (spoilt ballots, a
	 * member who left), given when closing; for the minutes. */
	char *count_reason;
	/* Why a member does not vote, given by the secretary: "login=text"
	 * (the rule of config says it for the automatic ones). */
	dh_strlist recuse_reasons;
} dh_vote_item;

typedef struct dh_proposal {
	dh_meta meta;
	int year;
	uint64_t session_id;
	int date;
	dh_idlist candidates;
	char *number; /* tờ trình number */
	char *notes;
} dh_proposal;

typedef enum dh_decision_type { DH_DEC_RECOGNITION = 0, DH_DEC_AWARD = 1 } dh_decision_type;

typedef struct dh_decision {
	dh_meta meta;
	int year;
	int type; /* dh_decision_type */
	char *number;
	int date;
	char *signer;   /* login of the signer */
	char *award_id; /* config award id, award decisions */
	dh_idlist candidates;
	bool revoked;
	char *revoke_reason;
	int revoke_date;
	/* What the decision was made under (snapshot.h), kept when it is
	 * issued: rules_held false for an old decision not migrated yet. */
	bool rules_held;
	char *held_signer_name;
	char *held_signer_position;
	bool held_signer_chief;   /* signs as the head, not for the head (KT.) */
	char *held_org;           /* organization.name */
	char *held_org_parent;    /* the parent body as the header shows it */
	char *held_place;         /* place of the date line */
	char *held_head_title;    /* the head's title as it signs */
	char *held_plan_title;    /* the plan of the decision's year, or NULL */
	char *held_council;       /* the council that proposed */
	char *held_award_name;    /* award decisions: the award's name */
	dh_strlist held_basis;    /* căn cứ lines */
} dh_decision;

typedef struct dh_ceremony {
	dh_meta meta;
	int year;
	int date;
	char *title;
	char *place;
	dh_idlist decisions;
	char *notes;
} dh_ceremony;

typedef enum dh_activity_kind { DH_ACT_MEETING = 0, DH_ACT_WEBSITE = 1, DH_ACT_OTHER = 2 } dh_activity_kind;

typedef struct dh_activity {
	dh_meta meta;
	uint64_t candidate_id;
	int kind; /* dh_activity_kind */
	int date;
	char *title;
	char *url;
	char *presenter;
	char *audience;
	int attendees;
} dh_activity;

typedef enum dh_review_kind { DH_REVIEW_PRELIMINARY = 0, DH_REVIEW_FINAL = 1 } dh_review_kind;

typedef struct dh_review {
	dh_meta meta;
	int year;
	int kind; /* dh_review_kind */
	int date;
	char *title;
	char *notes;
} dh_review;

typedef struct dh_dissemination {
	dh_meta meta;
	int year;
	char *department;
	int date;
	char *by;
	int attendees;
	char *notes;
} dh_dissemination;

typedef struct dh_coordination {
	dh_meta meta;
	int year;
	char *department;
	int date;
	char *by;
	char *notes;
} dh_coordination;

/* A form left unsaved by a dropped connection. */
typedef struct dh_draft {
	dh_meta meta;
	char *login;
	char *form;         /* the form's name */
	int target_type;    /* dh_rtype being edited */
	uint64_t target_id; /* 0 for a new record */
	uint32_t target_rev;
	dh_strlist fields; /* "field=value" */
} dh_draft;

/* The plan of one year (plan_year.h): the config file's text as it was
 * in use for that year, so a past year reads with its own deadlines,
 * criteria, council and numbering. */
typedef struct dh_plan {
	dh_meta meta;
	int year;
	char *title;  /* the plan's title, for the audit log and the year list */
	char *path;   /* the file it was read from */
	char *source; /* the YAML text, byte for byte */
} dh_plan;

/* One audited change: written in the same transaction as the change. */
typedef struct dh_audit {
	dh_meta meta; /* meta.id is the sequence number */
	int64_t at;
	char *who;
	char *action;    /* workflow action name, or "save" / "delete" */
	int target_type; /* dh_rtype */
	uint64_t target_id;
	char *before; /* JSON of the record before (NULL when created) */
	char *after;  /* JSON of the record after */
	char *note;   /* reason, when the action has one */
	uint64_t last_id; /* a bulk entry (repo_bulk_begin): the records
			     target_id..last_id of target_type were created;
			     0 for an entry about one record */
} dh_audit;

/* --- field tables ------------------------------------------------------ */

typedef enum dh_ftype {
	DH_F_STR = 1,  /* char * */
	DH_F_INT,      /* int */
	DH_F_I64,      /* int64_t */
	DH_F_U32,      /* uint32_t */
	DH_F_ID,       /* uint64_t */
	DH_F_DATE,     /* int YYYYMMDD */
	DH_F_BOOL,     /* bool */
	DH_F_STRLIST,  /* dh_strlist */
	DH_F_IDLIST,   /* dh_idlist */
} dh_ftype;

typedef struct dh_field {
	uint8_t tag; /* stable on disk: never reuse a tag */
	dh_ftype type;
	const char *name; /* JSON / CSV / audit name */
	size_t offset;
} dh_field;

typedef struct dh_schema {
	dh_rtype type;
	const char *name; /* "candidate", "fostering", ... */
	size_t size;      /* sizeof the struct */
	const dh_field *fields;
	size_t n_fields;
} dh_schema;

/* The first DH_META_NFIELDS entries of every table are the dh_meta fields
 * (tags 1..8: id, rev, created_at, updated_at, created_by, updated_by,
 * deleted, deleted_reason); a type's own fields follow, from tag 16. */
#define DH_META_NFIELDS 8

/* NULL for a type out of range. */
const dh_schema *record_schema(dh_rtype type);
const char *record_type_name(dh_rtype type);
/* Vietnamese name of the kind of record ("Quyết định"). */
const char *record_type_label(dh_rtype type);
/* The dh_rtype named NAME ("candidate"), or -1. */
int record_type_from_name(const char *name);

/* calloc'd zero record of TYPE; NULL on ENOMEM. */
void *record_new(dh_rtype type);
void record_free(dh_rtype type, void *rec);
/* Deep copy; NULL on ENOMEM. */
void *record_dup(dh_rtype type, const void *rec);
/* Replace the string *DST by a copy of S; an empty or NULL S leaves NULL
 * (a form's empty field is an absent value). 0 or DH_ENOMEM (*DST kept). */
int record_set_str(char **dst, const char *s);

/* Encode into a malloc'd buffer (*out, *len). DH_EINVAL when a string is not
 * valid UTF-8 (what is stored must decode again). */
int record_encode(dh_rtype type, const void *rec, unsigned char **out, size_t *len);
/* A growable byte buffer the caller keeps and reuses, so that encoding many
 * records (a bulk import) does not allocate for each; free(p) when done. */
typedef struct dh_bytes {
	unsigned char *p;
	size_t n, cap;
} dh_bytes;
/* record_encode into OUT (OUT->n is the length). TRUSTED skips the UTF-8
 * check: only for strings known valid (JSON made from checked records). */
int record_encode_bytes(dh_rtype type, const void *rec, dh_bytes *out, bool trusted);
/* record_to_json into OUT, NUL-terminated (OUT->n leaves the NUL out). */
int record_json_bytes(dh_rtype type, const void *rec, dh_bytes *out);

/* The audit entry as stored. A's own fields, and the records before and
 * after the change as their codec bytes (BEFORE may be NULL), not as JSON
 * text: a third of the size, and no JSON to write on every save. A's
 * before and after strings, when set, are stored as they are (a bulk
 * entry's summary). Strings are checked as by record_encode. */
int record_audit_encode(const dh_audit *a, const void *before, size_t before_len, const void *after,
			size_t after_len, dh_bytes *out);
/* Decode a stored audit entry (any bytes): the records kept as codec bytes
 * come back as before/after JSON text, as record_to_json writes it. The
 * guarantees of record_decode, and: each of the two kept records at most
 * once, decoded as target_type, which must be a record type other than
 * DH_R_AUDIT (so no entry nests in another); else DH_ECORRUPT. */
int record_audit_decode(const void *buf, size_t len, dh_audit **out);

/* The audit chain (schema 2, see verify.h): every entry ends with the
 * SHA-256 of the entry stored before it and the SHA-256 of what it wrote,
 * as two more WIRE_BYTES fields past the records (tags AUDIT_PREV and
 * AUDIT_RECORDS), so an older reader skips them and the entry's own fields
 * stay the bytes record_audit_encode made. */
#define DH_HASH_LEN 32
/* Append the two hashes to ENTRY (record_audit_encode's output, or an entry
 * of schema 1 read back: the migration seals those as they are). RECORDS
 * may be NULL (an entry older than the chain vouches for no record). */
int record_audit_seal(dh_bytes *entry, const unsigned char prev[DH_HASH_LEN], const unsigned char *records);
/* The parts of a stored entry past its table, pointing into BUF: NULL (and
 * 0) for what it does not hold. DH_ECORRUPT when the framing is wrong, a
 * part repeats, or a hash is not DH_HASH_LEN bytes. The entry's own
 * fields are not checked here (record_decode does that). */
typedef struct dh_audit_view {
	const unsigned char *before, *after;
	size_t before_len, after_len;
	const unsigned char *prev;    /* DH_HASH_LEN bytes */
	const unsigned char *records; /* DH_HASH_LEN bytes */
} dh_audit_view;
int record_audit_view(const void *buf, size_t len, dh_audit_view *out);

/* Decode any bytes: 0 and a new record, or DH_ECORRUPT / DH_ENOMEM
 * (DH_EINVAL only for a TYPE out of range). For any LEN bytes at BUF
 * (tests/fuzz/fuzz_record.c holds it to this):
 *   - nothing past BUF + LEN is read, and nothing aborts;
 *   - the format byte and TYPE are checked first;
 *   - every length and count is at most the bytes left (each item takes
 *     at least one), so what is allocated is bounded by LEN: about 9 × LEN
 *     bytes beside the struct at worst (a list of ids or of pointers);
 *   - a known tag appears once and with its own wire type, numbers fit
 *     their C type, a bool is 0 or 1, strings are valid UTF-8 without NUL;
 *     unknown tags are skipped by their wire type;
 *   - what decodes encodes again, to bytes that decode to the same record.
 * Any violation is DH_ECORRUPT, and *OUT is then NULL with nothing leaked. */
int record_decode(dh_rtype type, const void *buf, size_t len, void **out);

/* One JSON object, UTF-8 as is (no \u escapes for letters), no newline.
 * Returns malloc'd text or NULL on ENOMEM. */
char *record_to_json(dh_rtype type, const void *rec);
void record_write_json(dh_rtype type, const void *rec, FILE *out);

/* Names of the fields that differ, comma-separated ("" when none); malloc'd.
 * The save bookkeeping (id, rev, created_*, updated_*) is not compared. */
char *record_diff(dh_rtype type, const void *a, const void *b);

/* Names (codes) and Vietnamese labels of the enums. */
const char *stage_name(int stage);  /* "new_factor" */
const char *stage_label(int stage); /* "Nhân tố mới" */
int stage_from_name(const char *name); /* -1 if unknown */
const char *kind_name(int kind);  /* "individual" */
const char *kind_label(int kind); /* "Cá nhân" */
int kind_from_name(const char *name);
const char *fostering_kind_label(int kind);
const char *activity_kind_label(int kind);
const char *reg_status_label(int status);
const char *vote_label(int vote);          /* dh_vote: "Đồng ý" */
const char *result_label(int result);      /* dh_result: "Đạt" */
const char *decision_type_label(int type); /* "Công nhận" / "Khen thưởng" */
const char *review_kind_label(int kind);   /* "Sơ kết" / "Tổng kết" */

/* Whether two document numbers are the same number: case-insensitively,
 * and with the leading zeros NĐ 30/2020 writes before a number below 10
 * ("05/QĐ-TTr" is "5/QĐ-TTr"), so a number read off a printed document
 * finds its record. */
bool decision_number_same(const char *a, const char *b);

/* strlist helpers */
int strlist_push(dh_strlist *l, const char *s); /* copies */
/* S (malloc'd) at the end; the list owns it from now on, and frees it
 * when there is no room (DH_ENOMEM). */
int strlist_take(dh_strlist *l, char *s);
bool strlist_has(const dh_strlist *l, const char *s);
void strlist_remove(dh_strlist *l, const char *s);
void strlist_clear(dh_strlist *l);
int idlist_push(dh_idlist *l, uint64_t id);
bool idlist_has(const dh_idlist *l, uint64_t id);
void idlist_remove(dh_idlist *l, uint64_t id);
void idlist_clear(dh_idlist *l);

#endif
