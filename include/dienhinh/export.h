/* export.h — every candidate to a file, for Excel or for scripts.
 *
 * Both formats read the store in short read transactions, a few hundred
 * candidates each, resumed after the last id, and write a batch out only
 * once its transaction has ended: a consumer that stops reading (a pager,
 * a slow pipe) holds no snapshot. Each candidate's row, with its whole
 * history, comes from one snapshot; a change committed meanwhile shows in
 * the candidates read after it.
 *
 * CSV: UTF-8 with a BOM, RFC 4180, CRLF, cells that would start a formula
 * defused (csv.h); the columns are `id` followed by the import columns
 * (import.h), so the file imports again. Deleted candidates are left out.
 *
 * JSON Lines: one object per candidate, deleted ones included (their
 * "deleted" field says so): the candidate's own fields (record_to_json)
 * followed by its history — "fostering", "registrations", "vote_items",
 * "decisions" (recognition), "awards" (award decisions) and "activities" —
 * each an array of records. UTF-8 as is, no \u escapes for letters. */
#ifndef DIENHINH_EXPORT_H
#define DIENHINH_EXPORT_H

#include <stdio.h>

typedef struct dh_store dh_store;

/* The columns, in order, as written in the header row. */
extern const char *const export_csv_columns[];
extern const size_t export_csv_n_columns;

/* 0, or a store error (DH_EIO when OUT cannot be written). */
int export_csv(dh_store *st, FILE *out);
int export_jsonl(dh_store *st, FILE *out);

#endif
