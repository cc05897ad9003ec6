/* counts.h — the review numbers (stats.h) kept as counters in the store,
 * changed in the same transaction as every record they count, so that a
 * year's numbers are one short range of keys at any size (schema 3).
 *
 * What a record adds is its contribution: a few counter keys, each +1 or
 * an amount (a candidate of 2021 in nv1, individual, fostering: "year 2021,
 * nv1, individual, fostering" +1). A change of a record moves its counters
 * by the contribution after less the one before. One write transaction's
 * moves are gathered in memory (dh_counts) and written once per counter
 * key when its function returns: a bulk import of a thousand candidates
 * puts some fifty counters, not a thousand.
 *
 * What is kept so that no number depends on the config of the day nor
 * needs a walk of records to be "distinct":
 * - candidates by year, department, kind and stage; on hold by year and
 *   department; those aiming at provincial level by year and stage (an
 *   earlier year's recognised models carried into the follow-up, schema
 *   4); and by year, kind and the set of criterion ids they list (the
 *   value holds the set), so that meeting criteria.new_factor_min is
 *   counted against whatever config reads it;
 * - fostering entries by the year of their date and kind, material support
 *   summed, and per year and candidate the number of entries, with the
 *   number of candidates whose count is not zero beside it (moved when a
 *   candidate's count leaves or reaches zero);
 * - registrations by year and state, active ones by department, those
 *   submitted and not yet checked; nil returns by year and department;
 *   decisions by year and type (revoked ones out); replication activities
 *   by the year of their date and kind, attendance summed; sessions by
 *   year, and closed vote items by their session's year and result — a
 *   session's change of year or deletion moves its items' counters too.
 * Deleted records count nowhere.
 *
 * Keys (DH_T_COUNTS), integers big-endian, a year as u32 of year + 2^31:
 *   'y' year u32 cat u8 rest -> i64 (the criteria set's key: i64, set)
 *   'f' year u32 candidate u64 -> i64 (fostering entries of a candidate)
 * A department id longer than DH_COUNTS_DEPT_MAX bytes is counted under
 * its first DH_COUNTS_DEPT_MAX bytes (at a character's start), by the
 * scan (stats_scan) as well; config ids are a few letters. */
#ifndef DIENHINH_COUNTS_H
#define DIENHINH_COUNTS_H

#include "dienhinh/record.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct dh_store dh_store;
typedef struct dh_stxn dh_stxn;

#define DH_COUNTS_DEPT_MAX 400
/* The action of the audit entry the counters' migration writes. */
#define DH_AUDIT_COUNTS_ACTION "counts"

/* The bytes of DEPT (NULL: "") that count: all of them, or the first
 * DH_COUNTS_DEPT_MAX cut at a character's start. */
size_t counts_dept_len(const char *dept);

/* The moves of counters one write gathers. */
typedef struct dh_counts dh_counts;
dh_counts *counts_new(void); /* NULL on ENOMEM */
void counts_free(dh_counts *c);
void counts_clear(dh_counts *c);

/* One record of TYPE changed from BEFORE to AFTER (BEFORE NULL: created;
 * both as they are or were stored). TXN is read, not written: a vote item
 * counts under its session's year, and a session's change of year or
 * deletion moves the counters of its items (found by their links). Call
 * it after the record is stored. */
int counts_note(dh_counts *c, dh_stxn *txn, dh_rtype type, const void *before, const void *after);
/* Write what C gathered into TXN's counters, one get and one put (or
 * delete, at zero) per counter key, and empty C. */
int counts_flush(dh_counts *c, dh_stxn *txn);
/* Adds SRC's gathered moves to DST's: a staged import keeps its chunks'
 * moves to apply them in its one visible write. */
int counts_merge(dh_counts *dst, const dh_counts *src);

/* One counter, decoded (DEPT and SET point into the store's map: valid
 * until the transaction ends). */
typedef enum dh_count_kind {
	DH_C_CANDIDATE = 1, /* year, kind (sub), stage, department */
	DH_C_HOLD,          /* year, department: on hold */
	DH_C_CRITERIA,      /* year, kind (sub), set of criterion ids */
	DH_C_FOSTERING,     /* year, fostering kind (sub) */
	DH_C_MATERIAL,      /* year: VND of material support */
	DH_C_FOSTERED,      /* year: candidates with a fostering entry */
	DH_C_FOSTERING_OF,  /* year, candidate: its fostering entries */
	DH_C_REGISTRATION,  /* year, dh_reg_status (sub) */
	DH_C_REG_ACTIVE,    /* year, department: submitted or accepted */
	DH_C_REG_UNCHECKED, /* year: submitted, completeness not checked */
	DH_C_NIL_RETURN,    /* year, department */
	DH_C_DECISION,      /* year, dh_decision_type (sub): not revoked */
	DH_C_ACTIVITY,      /* year, dh_activity_kind (sub) */
	DH_C_ATTENDEES,     /* year: people at replication activities */
	DH_C_SESSION,       /* year: council sessions */
	DH_C_ITEM,          /* year of the session, dh_result (sub): closed items */
	DH_C_PROVINCIAL,    /* year, stage (sub): aiming at provincial level */
} dh_count_kind;

typedef struct dh_count {
	dh_count_kind what;
	int year;
	int sub;
	int stage;
	const char *dept; /* DEPT_LEN bytes, no NUL */
	size_t dept_len;
	uint64_t candidate;
	int64_t value;
	const char *set; /* criterion ids, each followed by a NUL, sorted */
	size_t set_len;
} dh_count;

/* Calls FN for every counter of YEAR (not the per-candidate ones), in key
 * order; FN returns 0 to go on, 1 to stop, <0 for an error returned. */
typedef int (*dh_count_fn)(const dh_count *c, void *ctx);
int counts_each_year(dh_stxn *txn, int year, dh_count_fn fn, void *ctx);
/* What counter C counts, in Vietnamese ("hồ sơ năm 2021 của phòng nv1,
 * Cá nhân, Đang bồi dưỡng"). */
void counts_describe(const dh_count *c, char *buf, size_t size);

/* The dh_migrate_fn step to schema 4 (repo_open; a database of schema 2
 * or 3): every counter made from the records there are, and an audit
 * entry of its own ("counts", target the audit table, a note saying how
 * many) by WHO. */
int counts_migrate(dh_stxn *txn, const char *who);

/* `dienhinh verify`: every counter made again from the records in one
 * read transaction and compared with the kept ones. 0 when they agree;
 * DH_ECORRUPT with MSG naming the first number that differs (in
 * Vietnamese: "Số đếm «hồ sơ năm 2021, phòng nv1, cá nhân, đang bồi
 * dưỡng» là 5 nhưng hồ sơ cho 6", and how many differ); other errors as
 * the store's. *CHECKED gets the number of counters compared. */
int counts_check(dh_store *st, uint64_t *checked, char *msg, size_t size);

#endif
