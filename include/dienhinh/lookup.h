/* lookup.h — tone-mark-smart search over candidates of every year
 * (DESIGN.md §7): the word index kept in DH_T_WORDS, and the query engine
 * that screen 7 and `dienhinh search` share. */
#ifndef DIENHINH_LOOKUP_H
#define DIENHINH_LOOKUP_H

#include "dienhinh/record.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct dh_stxn dh_stxn;
typedef struct dh_store dh_store;
typedef struct dh_config dh_config;

/* Called by repo inside the write transaction of every change: updates the
 * index for a record going from BEFORE (NULL when new) to AFTER. Types that
 * are not searched return 0 at once. */
int lookup_reindex(dh_stxn *txn, dh_rtype type, const void *before, const void *after);
/* Drops the whole index and builds it again from every candidate record,
 * inside the write transaction TXN (after a change of the index format, or
 * to repair it). */
int lookup_rebuild(dh_stxn *txn);
/* Brings an index written by an older program to today's format (its
 * postings without the words' places, lookup_rank.h) by lookup_rebuild, in
 * a write transaction of its own; marks a new one as current. repo_open
 * calls it on every writable store; a no-op but for one read once done.
 * An index not brought up is still searched, ranked as if every word stood
 * apart. */
int lookup_upgrade(dh_store *st);

/* Bulk writes. Between lookup_batch_begin(TXN) and lookup_batch_end(TXN),
 * lookup_reindex() in TXN gathers its changes in memory and writes them
 * word by word, a run of new candidates at a time: an import of many
 * candidates in one transaction is several times faster. lookup_batch_end()
 * must run before the commit (it writes what is left; an error there must
 * abort the transaction); lookup_batch_abort() forgets everything when the
 * transaction is aborted or about to be re-run. Without
 * lookup_batch_begin(), every change is written at once. */
int lookup_batch_begin(dh_stxn *txn);
/* Inside a batch: candidates up to id UPTO are about to be written, each
 * with its postings, over many transactions (a stage, repo.h): the fresh
 * candidates' postings are written now and the mark set at UPTO, so that
 * candidates others make meanwhile, past UPTO, are fresh by their ids. */
int lookup_reserve(dh_stxn *txn, uint64_t upto);
int lookup_batch_end(dh_stxn *txn);
void lookup_batch_abort(void);

/* Staged postings (lookup_stage.c): the postings of candidates a stage
 * writes (repo.h, Staging), gathered in memory outside any transaction as
 * the rows go in (ids ascending), then written spelling by spelling in
 * key order, about BUDGET entries a write from spelling AT on (*NEXT: where
 * the next write starts; lookup_stage_spellings() when all are written).
 * A write that runs again starts from the same AT. Until the stage is
 * published the ids are hidden, and a query drops them. */
typedef struct dh_lookup_stage dh_lookup_stage;
dh_lookup_stage *lookup_stage_new(void);
void lookup_stage_free(dh_lookup_stage *s);
int lookup_stage_add(dh_lookup_stage *s, const dh_candidate *c);
int lookup_stage_write(dh_stxn *txn, dh_lookup_stage *s, size_t at, size_t budget, size_t *next);
size_t lookup_stage_spellings(const dh_lookup_stage *s);
/* Bytes held. */
size_t lookup_stage_bytes(const dh_lookup_stage *s);

typedef struct dh_lookup_opts {
	bool recognised_only; /* stages recognised and awarded only */
	size_t limit;         /* 0 = no limit */
	const dh_config *cfg; /* department names (may be NULL) */
} dh_lookup_opts;

typedef struct dh_hit {
	uint64_t id; /* candidate id */
	int score;   /* higher is better */
} dh_hit;

/* Hits best first in a malloc'd array (*N may be 0). */
int lookup_search(dh_store *st, const char *query, const dh_lookup_opts *opts, dh_hit **hits, size_t *n);

/* Byte-level entries, reached without a store (tests and fuzzing,
 * tests/fuzz/). Each takes any bytes, never reads past them and never
 * aborts. */

/* QUERY taken apart as lookup_search takes it: *WORDS words folded (at most
 * 16; more are ignored), and *DEPTS departments of CFG (may be NULL) named
 * by them, summed over the words. 0 or DH_ENOMEM. */
int lookup_query_parse(const char *query, const dh_config *cfg, size_t *words, size_t *depts);
/* A directory key ('d' ‖ year ‖ base ‖ 0x00 ‖ marks ‖ field, lookup.c):
 * 0, or DH_ECORRUPT (too short, no 0x00 after the base, more than
 * FOLD_MODS_MAX modifiers, a length that disagrees with the marks). */
int lookup_key_check(const void *key, size_t klen);
/* A posting chunk whose first id is FIRST: 0 and its *N entries (at most
 * VLEN / 2), DH_ECORRUPT (a varint cut short, an id without its stage
 * byte) or DH_ENOMEM. */
int lookup_chunk_check(uint64_t first, const void *val, size_t vlen, size_t *n);

#endif
