/* repo_internal.h — what repo.c shares with repo_stage.c: a write's state,
 * a stage's, and the write they both run through. Not for other modules. */
#ifndef DIENHINH_REPO_INTERNAL_H
#define DIENHINH_REPO_INTERNAL_H

#include "dienhinh/counts.h"
#include "dienhinh/lookup.h"
#include "dienhinh/repo.h"
#include "dienhinh/verify_chain.h"

enum {
	REC_KEY = 9,
	LINK_KEY = 17,
};

/* One record's meta before a put. */
typedef struct undo_entry {
	dh_meta *meta; /* in the caller's record */
	dh_meta old;
	bool created_by_replaced; /* besides updated_by, always replaced */
} undo_entry;

typedef struct write_ctx {
	const char *actor;
	dh_repo_fn fn;
	void *ctx;
	undo_entry *undo;
	size_t n_undo, cap_undo;
	/* Scratch reused by every put of the write (a bulk import makes
	 * thousands). */
	dh_bytes enc, before_enc, audit_enc;
	/* The next id of each type and the next audit sequence, once looked
	 * up in this attempt (0: not yet). */
	uint64_t next_id[DH_R__COUNT], next_audit;
	/* The hash of the last entry stored, once next_audit is known; when
	 * TIP_PENDING, still to be taken from audit_enc (the entry this write
	 * put last): a write of one entry never needs it. */
	unsigned char tip[DH_HASH_LEN];
	bool tip_pending;
	/* repo_bulk_begin: one audit entry per type for the records created,
	 * ids bulk_first..bulk_last. */
	bool bulk;
	char *bulk_action, *bulk_note;
	uint64_t bulk_first[DH_R__COUNT], bulk_last[DH_R__COUNT];
	/* The counters' moves of this attempt (made at the first put). */
	dh_counts *counts;
	/* repo_stage_write: new records of the stage's type take its ids and
	 * go into its cover; both as they were at the attempt's start until
	 * the commit. */
	dh_staging *stage;
	uint64_t stage_next;
	dh_cover stage_cover;
	/* the records staged in this attempt: their postings are gathered
	 * once it commits */
	const void **staged;
	size_t n_staged, cap_staged;
} write_ctx;

struct dh_staging {
	dh_store *st;
	char *actor, *action, *note;
	dh_rtype type;
	uint64_t count;       /* ids asked for */
	uint64_t first, last; /* reserved */
	uint64_t next;        /* the next id to write */
	dh_cover cover;       /* of FIRST..NEXT - 1, in id order */
	dh_lookup_stage *lk;  /* candidates: their postings, written last */
	size_t lk_at;         /* spellings written so far */
	bool indexing;        /* postings are being written (the marker says so) */
	bool published;
	int64_t since;
	dh_counts *counts; /* the staged records' counter moves, applied on publish */
};

struct dh_repo_tx {
	dh_stxn *txn;
	write_ctx *w;
	int64_t now;
};

/* The key of record TYPE ID in DH_T_RECORDS. */
void repo_rec_key(unsigned char k[REC_KEY], dh_rtype type, uint64_t id);
/* Whether TYPE is a record type (not DH_R_AUDIT and the like). */
bool repo_type_is_record(dh_rtype type);
/* The next id of TYPE in this write (a stage's, for its type). */
int repo_new_id(dh_repo_tx *tx, dh_rtype type, uint64_t *id);
/* The parent links of record ID of TYPE, from BEFORE's to AFTER's. */
int repo_put_links(dh_repo_tx *tx, dh_rtype type, const void *before, const void *after, uint64_t id);
/* Writes audit entry A with the records' bytes BEFORE and AFTER (either
 * may be NULL), sealed with the chain's link and RECORDS. */
int repo_write_audit(dh_repo_tx *tx, dh_audit *a, const dh_bytes *before, const dh_bytes *after,
                     const unsigned char records[DH_HASH_LEN]);

/* Runs FN in one write as ACTOR; with STAGE, new records of its type take
 * its reserved ids. */
int repo_write_with(dh_store *st, const char *actor, dh_repo_fn fn, void *ctx, dh_staging *stage);

#endif
