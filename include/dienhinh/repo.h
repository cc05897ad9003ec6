/* repo.h — records on top of the store: typed reads, and writes that keep
 * the revision check, the audit entry, the parent links and the lookup
 * index in the same transaction as the change.
 *
 * A change that touches several records (closing a vote item moves the
 * candidate's stage too) is one repo_write() whose function calls
 * repo_tx_put() for each; all of it commits or none of it does. */
#ifndef DIENHINH_REPO_H
#define DIENHINH_REPO_H

#include "dienhinh/record.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct dh_store dh_store;
typedef struct dh_store_opts dh_store_opts;
typedef struct dh_repo_tx dh_repo_tx;

/* store_open with the record layer's schema steps: a writable database of
 * an older schema joins the audit chain (schema 1 -> 2, verify_migrate)
 * and gets its counters made from its records (2 -> 3, counts_migrate) at
 * this open, in one write transaction, each step with an audit entry of
 * its own by ACTOR. */
int repo_open(dh_store **out, const char *dir, const dh_store_opts *opts, const char *actor);

/* Read ------------------------------------------------------------------ */

/* Fresh short read transaction; *OUT is a new record to record_free(). */
int repo_get(dh_store *st, dh_rtype type, uint64_t id, void **out);

/* Calls CB for every record of TYPE in id order (deleted ones too: check
 * meta.deleted). CB returns 0 to go on, 1 to stop. The record is only
 * borrowed for the call: record_dup() it to keep it. */
typedef int (*dh_rec_fn)(const void *rec, void *ctx);
int repo_each(dh_store *st, dh_rtype type, dh_rec_fn cb, void *ctx);
/* Records of TYPE, starting at id FROM, at most LIMIT of them (a page). */
int repo_page(dh_store *st, dh_rtype type, uint64_t from, size_t limit, bool reverse, dh_rec_fn cb, void *ctx);
/* Records of CHILD type linked to PARENT_ID (a candidate's fostering log,
 * a session's vote items), in id order. */
int repo_children(dh_store *st, dh_rtype child, uint64_t parent_id, dh_rec_fn cb, void *ctx);
/* The highest id given so far to TYPE that readers see (records are never
 * removed, so ids 1..N all exist, but for those of an import that was
 * killed while others saved: a gap); for DH_R_AUDIT, the last audit
 * sequence number. */
int repo_last_id(dh_store *st, dh_rtype type, uint64_t *out);
/* Audit entries, newest first, from sequence FROM (0 = newest). Each has
 * the records before and after as JSON text (record_to_json), made from
 * the records kept in the entry; a bulk entry (repo_bulk_begin) has
 * last_id set and a summary as `after`. */
int repo_audit(dh_store *st, uint64_t from, dh_rec_fn cb, void *ctx);

/* Write ----------------------------------------------------------------- */

typedef int (*dh_repo_fn)(dh_repo_tx *tx, void *ctx);
/* Runs FN in one write transaction; ACTOR is the login written to audit.
 * FN may run more than once (after the map grows): it must start from its
 * inputs each time. The records it passed to repo_tx_put are put back as
 * they were before every re-run and when the write fails, so their ids,
 * revisions and timestamps change only when the write commits. Such a
 * record must therefore stay alive until repo_write returns or FN runs
 * again (FN may free, at its entry, what its previous run kept). Do not call
 * repo_write from inside a read callback (repo_each...): the map could not
 * grow under the open read (DH_EBUSY). */
int repo_write(dh_store *st, const char *actor, dh_repo_fn fn, void *ctx);

/* Inside repo_write: */
int repo_tx_get(dh_repo_tx *tx, dh_rtype type, uint64_t id, void **out);
/* Insert (meta.id == 0: gets the next id, rev 1) or update (meta.rev must be
 * the stored rev, else DH_ECONFLICT; rev then grows by one). Sets the meta
 * timestamps and logins, writes the audit entry (ACTION, NOTE may be NULL;
 * see repo_bulk_begin), the parent link and the lookup index. REC is
 * updated in place. */
int repo_tx_put(dh_repo_tx *tx, const char *action, const char *note, dh_rtype type, void *rec);
/* Bulk mode, for an import or the demo: call it first in the write's
 * function. From then on, in this write, a record that repo_tx_put creates
 * gets no audit entry of its own; when the function returns, one entry per
 * type of record created sums them up: ACTION, NOTE (may be NULL; e.g. the
 * file's name), target_type, target_id the first id and last_id the last
 * (the ids in between are all of that write), and `after` a JSON summary
 * ({"type":"candidate","created":1000,"first_id":1,"last_id":1000}).
 * An update of a record that existed before the write still gets its own
 * entry with before and after; one of a record this write created does
 * not (nobody saw it before the commit). For an import of a thousand rows this is one audit
 * entry instead of a thousand: the database stays near the CSV's size. */
int repo_bulk_begin(dh_repo_tx *tx, const char *action, const char *note);
/* The review numbers' counters (counts.h) move with a record of TYPE
 * changed from BEFORE (NULL: created) to AFTER as stored in this write;
 * they are written when the write's function returns. repo_tx_put calls
 * it for every record it puts: only a record stored another way (a bulk
 * path writing the store itself) needs to call it. */
int repo_tx_count(dh_repo_tx *tx, dh_rtype type, const void *before, const void *after);
int repo_tx_children(dh_repo_tx *tx, dh_rtype child, uint64_t parent_id, dh_rec_fn cb, void *ctx);
int repo_tx_each(dh_repo_tx *tx, dh_rtype type, dh_rec_fn cb, void *ctx);

/* One-time data steps (snapshot.h's migration): a mark KEY in META says
 * the step was done. Read in a write, set in a write (with the step's
 * changes, so both commit or neither), or read on its own. */
int repo_tx_mark_get(dh_repo_tx *tx, const char *key, bool *set);
int repo_tx_mark_set(dh_repo_tx *tx, const char *key);
int repo_mark_get(dh_store *st, const char *key, bool *set);
/* Staging: a large import in many short writes (store.h, Staging) --------
 *
 * repo_stage_begin reserves COUNT ids of TYPE, the next ones, in one short
 * write; records other sessions make meanwhile get ids after them. Each
 * repo_stage_write is then a write of its own (a few thousand rows: no one
 * waits long for the lock) whose new records of TYPE take the reserved ids
 * in order, with their links, but no audit entry and
 * hidden from every other process: repo_get, repo_each, repo_page, lookup
 * results, export, stats, verify. Their lookup postings are gathered in
 * memory and written after the rows, in writes of their own
 * (repo_stage_index). repo_stage_publish, once every reserved id is
 * written and indexed, is one last small write: the bulk audit entry (as
 * repo_bulk_begin's, sealed with the records' hash taken as they were
 * written) and the marker removed, so all the records appear at once.
 * repo_stage_end frees the stage, deleting first (in writes of a few
 * thousand) whatever it staged and did not publish. A process killed at
 * any moment leaves its marker and staged records, which nobody sees; the
 * next writable open (repo_open) or the next import clears them. One
 * stage at a time in a database: a second repo_stage_begin gets DH_EBUSY
 * and, in *BUSY, who stages. */
typedef struct dh_staging dh_staging;
typedef struct dh_staging_owner {
	char login[64];
	long pid;
	int64_t since; /* unix time the stage began */
	bool indexing; /* its rows are in; their postings are being written */
} dh_staging_owner;
int repo_stage_begin(dh_store *st, const char *actor, dh_rtype type, uint64_t count, const char *action,
                     const char *note, dh_staging_owner *busy, dh_staging **out);
int repo_stage_write(dh_staging *sg, dh_repo_fn fn, void *ctx);
/* The ids reserved: FIRST..FIRST + COUNT - 1; and how many are written. */
uint64_t repo_stage_first(const dh_staging *sg);
uint64_t repo_stage_written(const dh_staging *sg);
/* Once every row is written: the next write of the staged candidates'
 * postings, gathered in memory as the rows went in (lookup.h, Staged
 * postings), about BUDGET entries, the spellings in key order. 1 while
 * there is more, 0 when done; *DONE of *TOTAL spellings written. */
int repo_stage_index(dh_staging *sg, size_t budget, size_t *done, size_t *total);
/* Every reserved id written and indexed: the one small write that makes
 * them visible. */
int repo_stage_publish(dh_staging *sg);
int repo_stage_end(dh_staging *sg);
/* Whether another live process stages now (*WHO filled), without waiting. */
bool repo_stage_busy(dh_store *st, dh_staging_owner *who);
/* What a dead stage left (its lock free): its records and postings
 * deleted in writes of a few thousand, then its marker. 0 when there was
 * nothing or a live process stages. Called by repo_open. */
int repo_stage_clear_stale(dh_store *st, const char *actor);

/* Convenience: one record in its own transaction. */
int repo_save(dh_store *st, const char *actor, const char *action, const char *note, dh_rtype type, void *rec);

/* Drafts (not audited: they are one person's unsaved typing). */
int repo_draft_put(dh_store *st, const dh_draft *d);
int repo_draft_get(dh_store *st, const char *login, dh_draft **out); /* DH_ENOTFOUND */
int repo_draft_del(dh_store *st, const char *login);

/* Who has record TYPE/ID open in a form (not audited, no generation
 * bump): LOGIN opened it (OPEN, stamped NOW, seconds; refreshed while
 * open) or closed it (!OPEN). 0 or a store error. */
int repo_presence_set(dh_store *st, int type, uint64_t id, const char *login, int64_t now, bool open);
/* The logins other than LOGIN with TYPE/ID open, stamped within MAX_AGE
 * seconds of NOW, comma-separated into OUT (SIZE bytes; "" for none). */
int repo_presence_others(dh_store *st, int type, uint64_t id, const char *login, int64_t now,
                         int64_t max_age, char *out, size_t size);

/* The parent id a record of TYPE links to (candidate_id, session_id), or 0. */
uint64_t repo_parent_of(dh_rtype type, const void *rec);

#endif
