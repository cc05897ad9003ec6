/* repo.c — typed records over the store, with revision check, audit, parent
 * links and the lookup index in the same transaction as every change.
 *
 * Keys: DH_T_RECORDS  type u8 | id u64
 *       DH_T_LINKS    child type u8 | parent id u64 | child id u64 -> ""
 *       DH_T_AUDIT    seq u64 (record_audit_encode)
 *       DH_T_DRAFTS   login
 * all integers big-endian so that byte order is id order.
 *
 * Ids and audit sequence numbers are the last key of their range plus one
 * (records and audit entries are never removed), found once per write and
 * counted on from there: a save touches no counter page in META. Older
 * databases also hold "seq:<type>" counters there; nothing reads them.
 *
 * Restartable writes: store_write runs the caller's function again after
 * growing the map, and repo_tx_put updates the caller's record in place (id,
 * rev, timestamps). So every put first notes the record's meta as it was;
 * before a re-run, and when the write fails, the notes put every record
 * back as the caller gave it, and only a commit makes the changes stick.
 *
 * The audit chain (verify.h): every entry is sealed with the hash of the
 * entry before it, read back once per write (then carried from entry to
 * entry), and the hash of what it wrote: the record's bytes, or for a bulk
 * entry its records read back in id order once the write's function is
 * done (a record it made may have changed since it was put).
 *
 * The review numbers (counts.h): every put notes the record before and
 * after; the write's counters move once, when its function has returned. */
#include "dienhinh/repo.h"

#include "dienhinh/counts.h"
#include "dienhinh/date.h"
#include "dienhinh/error.h"
#include "dienhinh/lookup.h"
#include "dienhinh/store.h"
#include "dienhinh/verify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum {
	REC_KEY = 9,
	LINK_KEY = 17,
	/* Records per read transaction of repo_each: a few milliseconds. */
	REPO_EACH_BATCH = 512,
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

static void rec_key(unsigned char k[REC_KEY], dh_rtype type, uint64_t id)
{
	k[0] = (unsigned char)type;
	store_put_u64(k + 1, id);
}

static void link_key(unsigned char k[LINK_KEY], dh_rtype child, uint64_t parent, uint64_t id)
{
	k[0] = (unsigned char)child;
	store_put_u64(k + 1, parent);
	store_put_u64(k + 9, id);
}

static bool type_is_record(dh_rtype type)
{
	return (type >= DH_R_CANDIDATE && type < DH_R_DRAFT) || type == DH_R_PLAN;
}

uint64_t repo_parent_of(dh_rtype type, const void *rec)
{
	if (!rec)
		return 0;
	switch (type) {
	case DH_R_FOSTERING: return ((const dh_fostering *)rec)->candidate_id;
	case DH_R_REGISTRATION: return ((const dh_registration *)rec)->candidate_id;
	case DH_R_ACTIVITY: return ((const dh_activity *)rec)->candidate_id;
	case DH_R_VOTE_ITEM: return ((const dh_vote_item *)rec)->session_id;
	default: return 0;
	}
}

/* --- reading inside a transaction -------------------------------------- */

static int get_in(dh_stxn *txn, dh_rtype type, uint64_t id, void **out)
{
	unsigned char k[REC_KEY];
	const void *v;
	size_t n;
	*out = NULL;
	if (!record_schema(type))
		return DH_EINVAL;
	rec_key(k, type, id);
	int rc = store_get(txn, DH_T_RECORDS, k, sizeof(k), &v, &n);
	if (!rc && (rc = record_decode(type, v, n, out)) == DH_ECORRUPT)
		rc = store_corrupt(DH_T_RECORDS, k, sizeof(k), "bản ghi không đọc được");
	return rc;
}

typedef struct each_ctx {
	dh_rtype type;
	dh_rec_fn cb;
	void *ctx;
	size_t left; /* records still wanted; SIZE_MAX = all */
	dh_stxn *txn; /* for children: the records are read by id */
	uint64_t last_id; /* the last record's id met (a batch resumes after it) */
	bool cb_stopped;  /* CB asked to stop */
} each_ctx;

static int each_value(const void *key, size_t klen, const void *val, size_t vlen, void *p)
{
	each_ctx *e = p;
	void *rec;
	int rc = e->type == DH_R_AUDIT ? record_audit_decode(val, vlen, (dh_audit **)&rec)
				       : record_decode(e->type, val, vlen, &rec);
	if (rc == DH_ECORRUPT)
		return store_corrupt(e->type == DH_R_AUDIT ? DH_T_AUDIT : DH_T_RECORDS, key, klen,
		                     e->type == DH_R_AUDIT ? "mục nhật ký không đọc được"
		                                           : "bản ghi không đọc được");
	if (rc)
		return rc;
	if (klen == REC_KEY)
		e->last_id = store_get_u64((const unsigned char *)key + 1);
	rc = e->cb(rec, e->ctx);
	record_free(e->type, rec);
	if (rc) {
		e->cb_stopped = rc > 0;
		return rc;
	}
	if (e->left != SIZE_MAX && --e->left == 0)
		return 1;
	return 0;
}

static int each_in(dh_stxn *txn, dh_rtype type, dh_rec_fn cb, void *ctx)
{
	if (!record_schema(type))
		return DH_EINVAL;
	unsigned char prefix = (unsigned char)type;
	each_ctx e = {type, cb, ctx, SIZE_MAX, txn, 0, false};
	return store_scan(txn, DH_T_RECORDS, &prefix, 1, NULL, 0, false, each_value, &e);
}

static int child_link(const void *key, size_t klen, const void *val, size_t vlen, void *p)
{
	each_ctx *e = p;
	(void)val;
	(void)vlen;
	if (klen != LINK_KEY)
		return DH_ECORRUPT;
	void *rec;
	int rc = get_in(e->txn, e->type, store_get_u64((const unsigned char *)key + 9), &rec);
	if (rc)
		return rc == DH_ENOTFOUND ? DH_ECORRUPT : rc; /* a link to nothing */
	rc = e->cb(rec, e->ctx);
	record_free(e->type, rec);
	return rc;
}

static int children_in(dh_stxn *txn, dh_rtype child, uint64_t parent_id, dh_rec_fn cb, void *ctx)
{
	if (!record_schema(child))
		return DH_EINVAL;
	unsigned char prefix[9];
	prefix[0] = (unsigned char)child;
	store_put_u64(prefix + 1, parent_id);
	each_ctx e = {child, cb, ctx, SIZE_MAX, txn, 0, false};
	return store_scan(txn, DH_T_LINKS, prefix, sizeof(prefix), NULL, 0, false, child_link, &e);
}

/* --- reading ------------------------------------------------------------ */

typedef struct read_args {
	dh_rtype type;
	uint64_t id;
	void **out;
	dh_rec_fn cb;
	void *ctx;
	size_t limit;
	bool reverse;
} read_args;

static int get_fn(dh_stxn *txn, void *p)
{
	read_args *a = p;
	return get_in(txn, a->type, a->id, a->out);
}

int repo_get(dh_store *st, dh_rtype type, uint64_t id, void **out)
{
	read_args a = {.type = type, .id = id, .out = out};
	*out = NULL;
	return store_read(st, get_fn, &a);
}

typedef struct each_batch {
	dh_rtype type;
	dh_rec_fn cb;
	void *ctx;
	uint64_t from; /* the first id of this batch */
	each_ctx e;
} each_batch;

static int each_batch_fn(dh_stxn *txn, void *p)
{
	each_batch *b = p;
	unsigned char prefix = (unsigned char)b->type, from[REC_KEY];
	rec_key(from, b->type, b->from);
	b->e = (each_ctx){b->type, b->cb, b->ctx, REPO_EACH_BATCH, txn, 0, false};
	return store_scan(txn, DH_T_RECORDS, &prefix, 1, from, sizeof(from), false, each_value, &b->e);
}

/* A read transaction per REPO_EACH_BATCH records, each resumed after the
 * last id of the one before: a long walk (a report, a list, stats over a
 * million records) or a slow callback never keeps one snapshot open, so
 * the pages that writers free meanwhile can be reused and the reader
 * table is not held. */
int repo_each(dh_store *st, dh_rtype type, dh_rec_fn cb, void *ctx)
{
	if (!record_schema(type))
		return DH_EINVAL;
	each_batch b = {.type = type, .cb = cb, .ctx = ctx, .from = 0};
	for (;;) {
		int rc = store_read(st, each_batch_fn, &b);
		if (rc || b.e.cb_stopped || b.e.left != 0 || b.e.last_id == UINT64_MAX)
			return rc;
		if (b.e.last_id < b.from) /* keys not of a record: no way on */
			return DH_ECORRUPT;
		b.from = b.e.last_id + 1;
	}
}

static int page_fn(dh_stxn *txn, void *p)
{
	read_args *a = p;
	unsigned char prefix = (unsigned char)a->type, from[REC_KEY];
	rec_key(from, a->type, a->id);
	each_ctx e = {a->type, a->cb, a->ctx, a->limit ? a->limit : SIZE_MAX, txn, 0, false};
	/* From 0 means from the start: the first id forward, the last back. */
	bool from_start = a->id == 0;
	return store_scan(txn, DH_T_RECORDS, &prefix, 1, from_start ? NULL : from, from_start ? 0 : sizeof(from),
			  a->reverse, each_value, &e);
}

int repo_page(dh_store *st, dh_rtype type, uint64_t from, size_t limit, bool reverse, dh_rec_fn cb, void *ctx)
{
	if (!record_schema(type))
		return DH_EINVAL;
	read_args a = {.type = type, .id = from, .cb = cb, .ctx = ctx, .limit = limit, .reverse = reverse};
	return store_read(st, page_fn, &a);
}

static int children_fn(dh_stxn *txn, void *p)
{
	read_args *a = p;
	return children_in(txn, a->type, a->id, a->cb, a->ctx);
}

int repo_children(dh_store *st, dh_rtype child, uint64_t parent_id, dh_rec_fn cb, void *ctx)
{
	read_args a = {.type = child, .id = parent_id, .cb = cb, .ctx = ctx};
	return store_read(st, children_fn, &a);
}

/* The highest id of TYPE in TXN (0: none yet). */
static int last_id_in(dh_stxn *txn, dh_rtype type, uint64_t *out)
{
	unsigned char prefix = (unsigned char)type;
	const void *key;
	size_t klen;
	*out = 0;
	int rc = store_last_key(txn, DH_T_RECORDS, &prefix, 1, &key, &klen);
	if (rc == DH_ENOTFOUND)
		return 0;
	if (rc)
		return rc;
	if (klen != REC_KEY)
		return DH_ECORRUPT;
	*out = store_get_u64((const unsigned char *)key + 1);
	return 0;
}

/* The last audit sequence number in TXN (0: none). */
static int last_audit_in(dh_stxn *txn, uint64_t *out)
{
	const void *key;
	size_t klen;
	*out = 0;
	int rc = store_last_key(txn, DH_T_AUDIT, NULL, 0, &key, &klen);
	if (rc == DH_ENOTFOUND)
		return 0;
	if (rc)
		return rc;
	if (klen != 8)
		return DH_ECORRUPT;
	*out = store_get_u64(key);
	return 0;
}

static int last_id_fn(dh_stxn *txn, void *p)
{
	read_args *a = p;
	/* Audit entries are numbered in a table of their own. */
	if (a->type == DH_R_AUDIT)
		return last_audit_in(txn, &a->id);
	return last_id_in(txn, a->type, &a->id);
}

int repo_last_id(dh_store *st, dh_rtype type, uint64_t *out)
{
	if (!record_schema(type))
		return DH_EINVAL;
	read_args a = {.type = type};
	int rc = store_read(st, last_id_fn, &a);
	*out = rc ? 0 : a.id;
	return rc;
}

static int audit_fn(dh_stxn *txn, void *p)
{
	read_args *a = p;
	unsigned char from[8];
	store_put_u64(from, a->id);
	each_ctx e = {DH_R_AUDIT, a->cb, a->ctx, SIZE_MAX, txn, 0, false};
	return store_scan(txn, DH_T_AUDIT, NULL, 0, a->id ? from : NULL, a->id ? sizeof(from) : 0, true,
			  each_value, &e);
}

int repo_audit(dh_store *st, uint64_t from, dh_rec_fn cb, void *ctx)
{
	read_args a = {.id = from, .cb = cb, .ctx = ctx};
	return store_read(st, audit_fn, &a);
}

/* --- undo notes --------------------------------------------------------- */

static void undo_restore(write_ctx *w)
{
	while (w->n_undo) {
		undo_entry *u = &w->undo[--w->n_undo];
		free(u->meta->updated_by);
		if (u->created_by_replaced)
			free(u->meta->created_by);
		*u->meta = u->old;
	}
}

static void undo_commit(write_ctx *w)
{
	for (size_t i = 0; i < w->n_undo; i++) {
		free(w->undo[i].old.updated_by);
		if (w->undo[i].created_by_replaced)
			free(w->undo[i].old.created_by);
	}
	w->n_undo = 0;
}

static int undo_reserve(write_ctx *w)
{
	if (w->n_undo < w->cap_undo)
		return 0;
	size_t cap = w->cap_undo ? w->cap_undo * 2 : 16;
	undo_entry *u = realloc(w->undo, cap * sizeof(*u));
	if (!u)
		return DH_ENOMEM;
	w->undo = u;
	w->cap_undo = cap;
	return 0;
}

/* --- writing ------------------------------------------------------------ */

static void bulk_reset(write_ctx *w)
{
	free(w->bulk_action);
	free(w->bulk_note);
	w->bulk = false;
	w->bulk_action = w->bulk_note = NULL;
	memset(w->bulk_first, 0, sizeof(w->bulk_first));
	memset(w->bulk_last, 0, sizeof(w->bulk_last));
}

static int put_bulk_audit(dh_repo_tx *tx);
static int new_id(dh_repo_tx *tx, dh_rtype type, uint64_t *id);

static int write_attempt(dh_stxn *txn, void *p)
{
	write_ctx *w = p;
	/* A re-run after map growth starts from the records as given. */
	undo_restore(w);
	bulk_reset(w);
	memset(w->next_id, 0, sizeof(w->next_id));
	w->next_audit = 0;
	w->tip_pending = false;
	counts_clear(w->counts);
	if (w->stage) {
		w->stage_next = w->stage->next;
		w->stage_cover = w->stage->cover;
		w->n_staged = 0;
	}
	dh_repo_tx tx = {txn, w, date_now()};
	/* Index changes are gathered and written once at the end: a bulk
	 * import touches the same postings thousands of times. */
	int rc = lookup_batch_begin(txn);
	if (rc)
		return rc;
	rc = w->fn(&tx, w->ctx);
	if (!rc && w->bulk)
		rc = put_bulk_audit(&tx);
	/* A staged write's counter moves wait for the publish (its records
	 * are hidden until then); write_with keeps them once it commits. */
	if (!rc && !w->stage)
		rc = counts_flush(w->counts, txn);
	if (!rc)
		return lookup_batch_end(txn);
	lookup_batch_abort();
	return rc;
}

static int write_with(dh_store *st, const char *actor, dh_repo_fn fn, void *ctx, dh_staging *stage)
{
	if (!actor || !*actor)
		return DH_EINVAL;
	write_ctx w = {.actor = actor, .fn = fn, .ctx = ctx, .stage = stage};
	int rc = store_write(st, write_attempt, &w);
	if (rc) {
		undo_restore(&w);
	} else {
		undo_commit(&w);
		if (stage) {
			stage->next = w.stage_next;
			stage->cover = w.stage_cover;
			for (size_t i = 0; !rc && i < w.n_staged; i++)
				rc = lookup_stage_add(stage->lk, w.staged[i]);
			if (!rc && w.counts) {
				if (!stage->counts && !(stage->counts = counts_new()))
					rc = DH_ENOMEM;
				else
					rc = counts_merge(stage->counts, w.counts);
			}
		}
	}
	free(w.staged);
	bulk_reset(&w);
	counts_free(w.counts);
	free(w.undo);
	free(w.enc.p);
	free(w.before_enc.p);
	free(w.audit_enc.p);
	return rc;
}

int repo_write(dh_store *st, const char *actor, dh_repo_fn fn, void *ctx)
{
	return write_with(st, actor, fn, ctx, NULL);
}

int repo_tx_get(dh_repo_tx *tx, dh_rtype type, uint64_t id, void **out)
{
	return get_in(tx->txn, type, id, out);
}

int repo_tx_children(dh_repo_tx *tx, dh_rtype child, uint64_t parent_id, dh_rec_fn cb, void *ctx)
{
	return children_in(tx->txn, child, parent_id, cb, ctx);
}

int repo_tx_each(dh_repo_tx *tx, dh_rtype type, dh_rec_fn cb, void *ctx)
{
	return each_in(tx->txn, type, cb, ctx);
}

/* --- one-time data steps (META marks) ------------------------------------ */

static int meta_has_in(dh_stxn *txn, const char *key, bool *set)
{
	const void *v;
	size_t n;
	int rc = store_get(txn, DH_T_META, key, strlen(key), &v, &n);
	*set = rc == 0;
	return rc == DH_ENOTFOUND ? 0 : rc;
}

int repo_tx_mark_get(dh_repo_tx *tx, const char *key, bool *set)
{
	return meta_has_in(tx->txn, key, set);
}

int repo_tx_mark_set(dh_repo_tx *tx, const char *key)
{
	return store_put(tx->txn, DH_T_META, key, strlen(key), "1", 1);
}

typedef struct mark_args {
	const char *key;
	bool *set;
} mark_args;

static int mark_read_fn(dh_stxn *txn, void *p)
{
	mark_args *a = p;
	return meta_has_in(txn, a->key, a->set);
}

int repo_mark_get(dh_store *st, const char *key, bool *set)
{
	mark_args a = {key, set};
	*set = false;
	return store_read(st, mark_read_fn, &a);
}

static int put_links(dh_repo_tx *tx, dh_rtype type, const void *before, const void *after, uint64_t id)
{
	uint64_t old_parent = repo_parent_of(type, before), new_parent = repo_parent_of(type, after);
	unsigned char k[LINK_KEY];
	int rc;
	if (before && old_parent == new_parent)
		return 0;
	if (old_parent) {
		link_key(k, type, old_parent, id);
		if ((rc = store_del(tx->txn, DH_T_LINKS, k, sizeof(k))))
			return rc;
	}
	if (new_parent) {
		link_key(k, type, new_parent, id);
		if ((rc = store_put(tx->txn, DH_T_LINKS, k, sizeof(k), "", 0)))
			return rc;
	}
	return 0;
}

static int next_audit_seq(dh_repo_tx *tx, uint64_t *seq)
{
	write_ctx *w = tx->w;
	if (!w->next_audit) {
		uint64_t last;
		int rc = verify_chain_tip(tx->txn, &last, w->tip);
		if (rc)
			return rc;
		w->next_audit = last + 1;
	}
	*seq = w->next_audit++;
	return 0;
}

/* Writes entry A (its meta, sequence and time filled in here) with the
 * records' codec bytes BEFORE (may be NULL) and AFTER, sealed with the
 * chain's link and RECORDS, the hash of what it wrote. */
static int write_audit(dh_repo_tx *tx, dh_audit *a, const dh_bytes *before, const dh_bytes *after,
                       const unsigned char records[DH_HASH_LEN])
{
	write_ctx *w = tx->w;
	uint64_t seq;
	int rc = next_audit_seq(tx, &seq);
	if (rc)
		return rc;
	if (w->tip_pending) {
		verify_hash(w->audit_enc.p, w->audit_enc.n, w->tip);
		w->tip_pending = false;
	}
	a->meta = (dh_meta){.id = seq, .rev = 1, .created_at = tx->now, .created_by = a->who};
	a->at = tx->now;
	if ((rc = record_audit_encode(a, before ? before->p : NULL, before ? before->n : 0,
	                              after ? after->p : NULL, after ? after->n : 0, &w->audit_enc)) ||
	    (rc = record_audit_seal(&w->audit_enc, w->tip, records)))
		return rc;
	unsigned char k[8];
	store_put_u64(k, seq);
	if ((rc = store_append(tx->txn, DH_T_AUDIT, k, sizeof(k), w->audit_enc.p, w->audit_enc.n)))
		return rc;
	w->tip_pending = true;
	return 0;
}

static int put_audit(dh_repo_tx *tx, const char *action, const char *note, dh_rtype type, bool has_before,
		     uint64_t id)
{
	write_ctx *w = tx->w;
	dh_audit a = {
		.who = (char *)w->actor,
		.action = (char *)(action ? action : "save"),
		.target_type = (int)type,
		.target_id = id,
		.note = (char *)note,
	};
	unsigned char records[DH_HASH_LEN];
	verify_hash(w->enc.p, w->enc.n, records);
	return write_audit(tx, &a, has_before ? &w->before_enc : NULL, &w->enc, records);
}

/* The bulk entries: one per type of record created, when the write's
 * function has returned. */
static int put_bulk_audit(dh_repo_tx *tx)
{
	write_ctx *w = tx->w;
	for (int t = 1; t < DH_R__COUNT; t++) {
		if (!w->bulk_first[t])
			continue;
		char summary[160];
		uint64_t first = w->bulk_first[t], last = w->bulk_last[t];
		snprintf(summary, sizeof(summary), "{\"type\":\"%s\",\"created\":%llu,\"first_id\":%llu,\"last_id\":%llu}",
			 record_type_name((dh_rtype)t), (unsigned long long)(last - first + 1),
			 (unsigned long long)first, (unsigned long long)last);
		dh_audit a = {
			.who = (char *)w->actor,
			.action = w->bulk_action,
			.target_type = t,
			.target_id = first,
			.last_id = last,
			.after = summary,
			.note = w->bulk_note,
		};
		unsigned char records[DH_HASH_LEN];
		int rc = verify_cover_range(tx->txn, (dh_rtype)t, first, last, records);
		if (rc || (rc = write_audit(tx, &a, NULL, NULL, records)))
			return rc;
	}
	return 0;
}

int repo_bulk_begin(dh_repo_tx *tx, const char *action, const char *note)
{
	write_ctx *w = tx->w;
	if (!action || !*action)
		return DH_EINVAL;
	char *a = strdup(action), *n = note ? strdup(note) : NULL;
	if (!a || (note && !n)) {
		free(a);
		free(n);
		return DH_ENOMEM;
	}
	free(w->bulk_action);
	free(w->bulk_note);
	w->bulk = true;
	w->bulk_action = a;
	w->bulk_note = n;
	return 0;
}

/* The last id a stage reserved for TYPE (0: none): new records of others
 * go after it. */
static int staged_last(dh_stxn *txn, dh_rtype type, uint64_t *out)
{
	dh_stage_mark m;
	*out = 0;
	int rc = store_stage_get(txn, &m);
	if (rc == DH_ENOTFOUND)
		return 0;
	if (rc)
		return rc;
	if (m.table == DH_T_RECORDS && m.hi_len == REC_KEY && m.hi[0] == (unsigned char)type)
		*out = store_get_u64(m.hi + 1);
	return 0;
}

static int new_id(dh_repo_tx *tx, dh_rtype type, uint64_t *id)
{
	write_ctx *w = tx->w;
	if (w->stage && type == w->stage->type) {
		if (w->stage_next > w->stage->last)
			return DH_EINVAL; /* more rows than were reserved */
		*id = w->stage_next++;
		return 0;
	}
	if (!w->next_id[type]) {
		uint64_t last, reserved;
		int rc = last_id_in(tx->txn, type, &last);
		if (!rc)
			rc = staged_last(tx->txn, type, &reserved);
		if (rc)
			return rc;
		w->next_id[type] = (last > reserved ? last : reserved) + 1;
	}
	*id = w->next_id[type]++;
	return 0;
}

static int note_staged(write_ctx *w, const void *rec)
{
	if (w->n_staged == w->cap_staged) {
		size_t cap = w->cap_staged ? w->cap_staged * 2 : 1024;
		const void **v = realloc(w->staged, cap * sizeof(*v));
		if (!v)
			return DH_ENOMEM;
		w->staged = v;
		w->cap_staged = cap;
	}
	w->staged[w->n_staged++] = rec;
	return 0;
}

int repo_tx_put(dh_repo_tx *tx, const char *action, const char *note, dh_rtype type, void *rec)
{
	const dh_schema *s = record_schema(type);
	if (!s || !type_is_record(type) || !rec)
		return DH_EINVAL;
	write_ctx *w = tx->w;
	dh_meta *m = rec;
	void *before = NULL;
	uint64_t id = m->id;
	int rc;
	if ((rc = undo_reserve(w)))
		return rc;
	if (id == 0) {
		if ((rc = new_id(tx, type, &id)))
			return rc;
	} else {
		/* The stored bytes are kept for the audit entry: they are the
		 * record before, as its codec wrote it. */
		unsigned char k[REC_KEY];
		const void *v;
		size_t n;
		rec_key(k, type, id);
		if ((rc = store_get(tx->txn, DH_T_RECORDS, k, sizeof(k), &v, &n)))
			return rc;
		if (n > w->before_enc.cap) {
			unsigned char *p = realloc(w->before_enc.p, n);
			if (!p)
				return DH_ENOMEM;
			w->before_enc.p = p;
			w->before_enc.cap = n;
		}
		memcpy(w->before_enc.p, v, n);
		w->before_enc.n = n;
		if ((rc = record_decode(type, w->before_enc.p, n, &before)))
			return rc;
		if (((dh_meta *)before)->rev != m->rev) {
			record_free(type, before);
			return DH_ECONFLICT;
		}
	}
	char *updated_by = strdup(w->actor);
	char *created_by = before ? NULL : strdup(w->actor);
	if (!updated_by || (!before && !created_by)) {
		free(updated_by);
		free(created_by);
		record_free(type, before);
		return DH_ENOMEM;
	}
	w->undo[w->n_undo++] = (undo_entry){m, *m, before == NULL};
	m->id = id;
	m->updated_at = tx->now;
	m->updated_by = updated_by;
	if (before) {
		m->rev = ((dh_meta *)before)->rev + 1;
		/* Who made it and when is the stored truth, not the caller's copy. */
		const dh_meta *bm = before;
		m->created_at = bm->created_at;
		if (!m->created_by || !bm->created_by || strcmp(m->created_by, bm->created_by) != 0) {
			/* Keep the caller's pointer owned by the undo note; give
			 * the record its own copy of the stored login. */
			char *c = bm->created_by ? strdup(bm->created_by) : NULL;
			if (bm->created_by && !c) {
				rc = DH_ENOMEM;
				goto out;
			}
			w->undo[w->n_undo - 1].created_by_replaced = true;
			m->created_by = c;
		}
	} else {
		m->rev = 1;
		m->created_at = tx->now;
		m->created_by = created_by;
	}
	unsigned char k[REC_KEY];
	rec_key(k, type, id);
	/* A staged candidate's postings are gathered (lookup_stage) and
	 * written after all the rows, spelling by spelling. */
	bool staged = !before && w->stage && type == w->stage->type;
	if ((rc = record_encode_bytes(type, rec, &w->enc, false)) ||
	    (rc = (before ? store_put : store_append)(tx->txn, DH_T_RECORDS, k, sizeof(k), w->enc.p, w->enc.n)) ||
	    (rc = put_links(tx, type, before, rec, id)) ||
	    (rc = staged && w->stage->lk ? note_staged(w, rec) : lookup_reindex(tx->txn, type, before, rec)) ||
	    (rc = repo_tx_count(tx, type, before, rec)))
		goto out;
	if (staged) {
		/* Staged: covered as written, in id order; the publish writes
		 * the one entry for them all. */
		verify_cover_add(&w->stage_cover, type, id, w->enc.p, w->enc.n);
	} else if (!before && w->bulk) {
		/* Ids of one type made in one write follow each other. */
		if (!w->bulk_first[type])
			w->bulk_first[type] = id;
		w->bulk_last[type] = id;
	} else if (w->bulk && w->bulk_first[type] && id >= w->bulk_first[type] && id <= w->bulk_last[type]) {
		/* Made by this write: nobody saw it before this change, the
		 * summary speaks for its state at the commit. */
	} else {
		rc = put_audit(tx, action, note, type, before != NULL, id);
	}
out:
	record_free(type, before);
	return rc;
}

int repo_tx_count(dh_repo_tx *tx, dh_rtype type, const void *before, const void *after)
{
	write_ctx *w = tx->w;
	if (!w->counts && !(w->counts = counts_new()))
		return DH_ENOMEM;
	return counts_note(w->counts, tx->txn, type, before, after);
}

typedef struct save_args {
	const char *action, *note;
	dh_rtype type;
	void *rec;
} save_args;

static int save_fn(dh_repo_tx *tx, void *p)
{
	save_args *a = p;
	return repo_tx_put(tx, a->action, a->note, a->type, a->rec);
}

/* The record layer's schema steps: 1 -> 2 the audit chain, 2 -> 3 the
 * counters. */
static int repo_migrate(dh_stxn *txn, uint64_t from, void *ctx)
{
	if (from == 1)
		return verify_migrate(txn, from, ctx);
	if (from == 2)
		return counts_migrate(txn, ctx && *(const char *)ctx ? ctx : "dienhinh");
	return DH_EVERSION;
}

int repo_open(dh_store **out, const char *dir, const dh_store_opts *opts, const char *actor)
{
	dh_store_opts o = opts ? *opts : (dh_store_opts){0};
	o.migrate = repo_migrate;
	o.migrate_ctx = (void *)actor;
	int rc = store_open(out, dir, &o);
	if (rc || o.read_only)
		return rc;
	/* What an import killed halfway left, nobody sees; clear it now;
	 * then an index of an older program: its postings made again. */
	rc = repo_stage_clear_stale(*out, actor && *actor ? actor : "dienhinh");
	if (!rc)
		rc = lookup_upgrade(*out);
	if (rc) {
		store_close(*out);
		*out = NULL;
	}
	return rc;
}

int repo_save(dh_store *st, const char *actor, const char *action, const char *note, dh_rtype type, void *rec)
{
	save_args a = {action, note, type, rec};
	return repo_write(st, actor, save_fn, &a);
}

/* --- drafts -------------------------------------------------------------- */

typedef struct draft_args {
	const char *login;
	const dh_draft *in;
	dh_draft **out;
} draft_args;

static int draft_put_fn(dh_stxn *txn, void *p)
{
	draft_args *a = p;
	unsigned char *enc;
	size_t len;
	int rc = record_encode(DH_R_DRAFT, a->in, &enc, &len);
	if (rc)
		return rc;
	rc = store_put(txn, DH_T_DRAFTS, a->login, strlen(a->login), enc, len);
	free(enc);
	return rc;
}

int repo_draft_put(dh_store *st, const dh_draft *d)
{
	if (!d || !d->login || !*d->login)
		return DH_EINVAL;
	draft_args a = {d->login, d, NULL};
	return store_write_quiet(st, draft_put_fn, &a);
}

static int draft_get_fn(dh_stxn *txn, void *p)
{
	draft_args *a = p;
	const void *v;
	size_t n;
	int rc = store_get(txn, DH_T_DRAFTS, a->login, strlen(a->login), &v, &n);
	return rc ? rc : record_decode(DH_R_DRAFT, v, n, (void **)a->out);
}

int repo_draft_get(dh_store *st, const char *login, dh_draft **out)
{
	*out = NULL;
	if (!login || !*login)
		return DH_EINVAL;
	draft_args a = {login, NULL, out};
	return store_read(st, draft_get_fn, &a);
}

static int draft_del_fn(dh_stxn *txn, void *p)
{
	draft_args *a = p;
	return store_del(txn, DH_T_DRAFTS, a->login, strlen(a->login));
}

int repo_draft_del(dh_store *st, const char *login)
{
	if (!login || !*login)
		return DH_EINVAL;
	draft_args a = {login, NULL, NULL};
	return store_write_quiet(st, draft_del_fn, &a);
}

/* --- staging ------------------------------------------------------------ */

enum { STAGE_DELETE_CHUNK = 5000 };

/* Who stages: "login US pid US since US phase", phase 'R' while rows go in,
 * 'I' once postings are written (a dead stage's records then have some to
 * remove with them). */
static void owner_encode(dh_stage_mark *m, const char *login, long pid, int64_t since, char phase)
{
	int n = snprintf((char *)m->owner, sizeof(m->owner), "%.63s\x1f%ld\x1f%lld\x1f%c", login, pid,
	                 (long long)since, phase);
	m->owner_len = n < 0 ? 0 : (size_t)n < sizeof(m->owner) ? (size_t)n : sizeof(m->owner) - 1;
}

static void owner_decode(const dh_stage_mark *m, dh_staging_owner *o)
{
	char buf[DH_STAGE_OWNER_MAX + 1];
	memcpy(buf, m->owner, m->owner_len);
	buf[m->owner_len] = '\0';
	memset(o, 0, sizeof(*o));
	char *sep = strchr(buf, '\x1f');
	if (sep)
		*sep++ = '\0';
	snprintf(o->login, sizeof(o->login), "%.63s", buf);
	if (sep) {
		o->pid = strtol(sep, &sep, 10);
		if (*sep == '\x1f')
			o->since = strtoll(sep + 1, &sep, 10);
		if (*sep == '\x1f')
			o->indexing = sep[1] == 'I';
	}
}

static int stage_mark_fn(dh_stxn *txn, void *p)
{
	return store_stage_get(txn, p);
}

bool repo_stage_busy(dh_store *st, dh_staging_owner *who)
{
	memset(who, 0, sizeof(*who));
	if (store_stage_locked(st))
		return false;
	int rc = store_stage_lock(st);
	if (rc == 0) {
		store_stage_unlock(st);
		return false;
	}
	if (rc != DH_EBUSY)
		return false;
	/* The lock alone may be another process asking this same question
	 * (it takes the lock to test it): only a stage's marker says that
	 * someone imports. */
	dh_stage_mark m;
	if (store_read(st, stage_mark_fn, &m) != 0)
		return false;
	owner_decode(&m, who);
	return who->pid != 0;
}

/* Deleting a stage's records: the ids FROM..TO of TYPE there are. */
typedef struct stage_del {
	dh_rtype type;
	uint64_t from, to;
	bool clear_mark; /* the marker too once none is left */
	bool unindex;    /* postings were written: remove them too */
	bool done;
	void *recs[STAGE_DELETE_CHUNK];
	size_t n;
	int err;
} stage_del;

static int stage_del_collect(const void *key, size_t klen, const void *val, size_t vlen, void *p)
{
	stage_del *d = p;
	if (klen != REC_KEY)
		return d->err = DH_ECORRUPT;
	if (store_get_u64((const unsigned char *)key + 1) > d->to || d->n == STAGE_DELETE_CHUNK)
		return 1;
	int rc = record_decode(d->type, val, vlen, &d->recs[d->n]);
	if (rc)
		return d->err = rc;
	d->n++;
	return 0;
}

static void stage_del_free(stage_del *d)
{
	for (size_t i = 0; i < d->n; i++)
		record_free(d->type, d->recs[i]);
	d->n = 0;
}

static int stage_del_fn(dh_repo_tx *tx, void *p)
{
	stage_del *d = p;
	stage_del_free(d);
	d->done = false;
	unsigned char prefix = (unsigned char)d->type, from[REC_KEY];
	rec_key(from, d->type, d->from);
	int rc = store_scan(tx->txn, DH_T_RECORDS, &prefix, 1, from, sizeof(from), false, stage_del_collect, d);
	if (rc || (rc = d->err))
		return rc;
	for (size_t i = 0; i < d->n; i++) {
		const dh_meta *m = d->recs[i];
		unsigned char k[REC_KEY];
		rec_key(k, d->type, m->id);
		/* its postings and links go with it, as if it was never made */
		if ((d->unindex && (rc = lookup_reindex(tx->txn, d->type, d->recs[i], NULL))) ||
		    (rc = put_links(tx, d->type, d->recs[i], NULL, m->id)) ||
		    (rc = store_del(tx->txn, DH_T_RECORDS, k, sizeof(k))))
			return rc;
	}
	if (d->n < STAGE_DELETE_CHUNK) {
		d->done = true;
		if (d->clear_mark)
			return store_stage_clear(tx->txn);
	}
	return 0;
}

/* Deletes the staged records FROM..TO of TYPE, a few thousand a write, and
 * then (CLEAR_MARK) the marker. The stage lock is held. */
static int stage_delete(dh_store *st, const char *actor, dh_rtype type, uint64_t from, uint64_t to,
                        bool clear_mark, bool unindex)
{
	stage_del *d = calloc(1, sizeof(*d));
	if (!d)
		return DH_ENOMEM;
	d->type = type;
	d->from = from;
	d->to = to;
	d->clear_mark = clear_mark;
	d->unindex = unindex;
	int rc = 0;
	while (!rc && !d->done) {
		rc = repo_write(st, actor, stage_del_fn, d);
		if (!rc && d->n)
			d->from = ((const dh_meta *)d->recs[d->n - 1])->id + 1;
		stage_del_free(d);
	}
	free(d);
	return rc;
}

/* Clears a marker left by a dead stage; the caller holds the lock. */
static int stage_clear_locked(dh_store *st, const char *actor)
{
	dh_stage_mark m;
	int rc = store_read(st, stage_mark_fn, &m);
	if (rc == DH_ENOTFOUND)
		return 0;
	if (rc)
		return rc;
	if (m.table != DH_T_RECORDS || m.lo_len != REC_KEY || m.hi_len != REC_KEY || m.lo[0] != m.hi[0] ||
	    !type_is_record((dh_rtype)m.lo[0]))
		return DH_ECORRUPT;
	dh_staging_owner o;
	owner_decode(&m, &o);
	return stage_delete(st, actor, (dh_rtype)m.lo[0], store_get_u64(m.lo + 1), store_get_u64(m.hi + 1), true,
	                    o.indexing);
}

int repo_stage_clear_stale(dh_store *st, const char *actor)
{
	dh_stage_mark m;
	int rc = store_read(st, stage_mark_fn, &m);
	if (rc == DH_ENOTFOUND)
		return 0;
	if (rc)
		return rc;
	if (store_stage_locked(st))
		return stage_clear_locked(st, actor);
	rc = store_stage_lock(st);
	if (rc == DH_EBUSY)
		return 0; /* its import is alive and at work */
	if (rc)
		return rc;
	rc = stage_clear_locked(st, actor);
	store_stage_unlock(st);
	return rc;
}

typedef struct stage_begin_args {
	dh_staging *sg;
	uint64_t count;
} stage_begin_args;

static int stage_reserve_fn(dh_repo_tx *tx, void *p)
{
	stage_begin_args *a = p;
	dh_staging *sg = a->sg;
	uint64_t first;
	int rc = new_id(tx, sg->type, &first);
	if (rc)
		return rc;
	sg->first = sg->next = first;
	sg->last = first + a->count - 1;
	dh_stage_mark m = {.table = DH_T_RECORDS, .lo_len = REC_KEY, .hi_len = REC_KEY};
	rec_key(m.lo, sg->type, sg->first);
	rec_key(m.hi, sg->type, sg->last);
	sg->since = tx->now;
	owner_encode(&m, sg->actor, (long)getpid(), tx->now, 'R');
	if ((rc = store_stage_set(tx->txn, &m)))
		return rc;
	/* the index is to hold the staged candidates' postings, written last */
	return sg->type == DH_R_CANDIDATE ? lookup_reserve(tx->txn, sg->last) : 0;
}

static void stage_free(dh_staging *sg)
{
	if (!sg)
		return;
	free(sg->actor);
	free(sg->action);
	free(sg->note);
	lookup_stage_free(sg->lk);
	counts_free(sg->counts);
	free(sg);
}

int repo_stage_begin(dh_store *st, const char *actor, dh_rtype type, uint64_t count, const char *action,
                     const char *note, dh_staging_owner *busy, dh_staging **out)
{
	*out = NULL;
	if (busy)
		memset(busy, 0, sizeof(*busy));
	if (!actor || !*actor || !action || !*action || !type_is_record(type) || count == 0)
		return DH_EINVAL;
	int rc = store_stage_lock(st);
	if (rc == DH_EBUSY) {
		dh_stage_mark m;
		if (busy && store_read(st, stage_mark_fn, &m) == 0)
			owner_decode(&m, busy);
		return rc;
	}
	if (rc)
		return rc;
	dh_staging *sg = calloc(1, sizeof(*sg));
	if (!sg || !(sg->actor = strdup(actor)) || !(sg->action = strdup(action)) ||
	    (note && !(sg->note = strdup(note)))) {
		stage_free(sg);
		store_stage_unlock(st);
		return DH_ENOMEM;
	}
	sg->st = st;
	sg->type = type;
	if (type == DH_R_CANDIDATE && !(sg->lk = lookup_stage_new())) {
		stage_free(sg);
		store_stage_unlock(st);
		return DH_ENOMEM;
	}
	verify_cover_begin(&sg->cover);
	/* the lock is ours: a marker there now is a dead import's */
	stage_begin_args a = {sg, count};
	if ((rc = stage_clear_locked(st, actor)) || (rc = repo_write(st, actor, stage_reserve_fn, &a))) {
		stage_free(sg);
		store_stage_unlock(st);
		return rc;
	}
	*out = sg;
	return 0;
}

int repo_stage_write(dh_staging *sg, dh_repo_fn fn, void *ctx)
{
	if (sg->published)
		return DH_EINVAL;
	int rc = write_with(sg->st, sg->actor, fn, ctx, sg);
	/* the pages this write read are not needed again soon: memory stays
	 * flat however many chunks follow */
	if (!rc)
		store_forget_pages(sg->st);
	return rc;
}

uint64_t repo_stage_first(const dh_staging *sg)
{
	return sg->first;
}

uint64_t repo_stage_written(const dh_staging *sg)
{
	return sg->next - sg->first;
}

/* The one small write that makes the stage visible. */
static int stage_publish_fn(dh_repo_tx *tx, void *p)
{
	dh_staging *sg = p;
	char summary[160];
	snprintf(summary, sizeof(summary), "{\"type\":\"%s\",\"created\":%llu,\"first_id\":%llu,\"last_id\":%llu}",
	         record_type_name(sg->type), (unsigned long long)(sg->last - sg->first + 1),
	         (unsigned long long)sg->first, (unsigned long long)sg->last);
	dh_audit a = {
	    .who = (char *)tx->w->actor,
	    .action = sg->action,
	    .target_type = (int)sg->type,
	    .target_id = sg->first,
	    .last_id = sg->last,
	    .after = summary,
	    .note = sg->note,
	};
	/* The records' hash, taken chunk by chunk as they were written:
	 * reading them back here would hold the lock for seconds. Nobody
	 * else could change them meanwhile (they were hidden). */
	unsigned char records[DH_HASH_LEN];
	dh_cover c = sg->cover;
	verify_cover_end(&c, records);
	int rc = write_audit(tx, &a, NULL, NULL, records);
	if (rc)
		return rc;
	/* The staged writes did not move the counters (their records were
	 * hidden); their gathered moves go in here, in this one visible
	 * write. A copy: flushing empties it, and this may run again. */
	if (sg->counts) {
		dh_counts *moves = counts_new();
		if (!moves)
			return DH_ENOMEM;
		rc = counts_merge(moves, sg->counts);
		if (!rc)
			rc = counts_flush(moves, tx->txn);
		counts_free(moves);
		if (rc)
			return rc;
	}
	return store_stage_clear(tx->txn);
}

typedef struct stage_index_args {
	dh_staging *sg;
	size_t budget, next;
} stage_index_args;

static int stage_index_fn(dh_repo_tx *tx, void *p)
{
	stage_index_args *a = p;
	dh_staging *sg = a->sg;
	int rc;
	if (!sg->indexing) {
		/* from now on a dead stage's records have postings to remove */
		dh_stage_mark m;
		if ((rc = store_stage_get(tx->txn, &m)))
			return rc;
		owner_encode(&m, sg->actor, (long)getpid(), sg->since, 'I');
		if ((rc = store_stage_set(tx->txn, &m)))
			return rc;
	}
	return lookup_stage_write(tx->txn, sg->lk, sg->lk_at, a->budget, &a->next);
}

int repo_stage_index(dh_staging *sg, size_t budget, size_t *done, size_t *total)
{
	*done = *total = 0;
	if (!sg->lk)
		return 0;
	*total = lookup_stage_spellings(sg->lk);
	if (sg->lk_at >= *total && sg->indexing)
		return 0;
	if (sg->published || sg->next != sg->last + 1)
		return DH_EINVAL; /* rows first */
	stage_index_args a = {sg, budget ? budget : 1, 0};
	int rc = repo_write(sg->st, sg->actor, stage_index_fn, &a);
	if (rc)
		return rc;
	sg->indexing = true;
	sg->lk_at = a.next;
	store_forget_pages(sg->st);
	*done = sg->lk_at;
	return sg->lk_at < *total;
}

int repo_stage_publish(dh_staging *sg)
{
	if (sg->published || sg->next != sg->last + 1 || (sg->lk && sg->lk_at < lookup_stage_spellings(sg->lk)))
		return DH_EINVAL;
	int rc = repo_write(sg->st, sg->actor, stage_publish_fn, sg);
	if (rc == 0)
		sg->published = true;
	return rc;
}

int repo_stage_end(dh_staging *sg)
{
	if (!sg)
		return 0;
	int rc = 0;
	if (!sg->published)
		rc = stage_delete(sg->st, sg->actor, sg->type, sg->first, sg->last, true, sg->indexing);
	store_stage_unlock(sg->st);
	stage_free(sg);
	return rc;
}

/* --- who has a record open in a form --------------------------------------- */

/* Kept beside the drafts, under keys no login can take ("@open/…"), and
 * written quietly: one person's open form is nobody's change. */
#define PRESENCE_PREFIX "@open/"

typedef struct presence_args {
	char key[160];
	size_t klen;
	size_t plen; /* the part before the login */
	const char *login;
	int64_t now, max_age;
	char *out;
	size_t size, used;
	int64_t stamp;
} presence_args;

static void presence_key(presence_args *a, int type, uint64_t id, const char *login)
{
	int n = snprintf(a->key, sizeof(a->key), PRESENCE_PREFIX "%d/%llu/", type, (unsigned long long)id);
	a->plen = n > 0 ? (size_t)n : 0;
	if (login)
		snprintf(a->key + a->plen, sizeof(a->key) - a->plen, "%s", login);
	a->klen = strlen(a->key);
}

static int presence_put_fn(dh_stxn *txn, void *p)
{
	presence_args *a = p;
	char val[32];
	int n = snprintf(val, sizeof(val), "%lld", (long long)a->now);
	return store_put(txn, DH_T_DRAFTS, a->key, a->klen, val, (size_t)n);
}

static int presence_del_fn(dh_stxn *txn, void *p)
{
	presence_args *a = p;
	return store_del(txn, DH_T_DRAFTS, a->key, a->klen);
}

int repo_presence_set(dh_store *st, int type, uint64_t id, const char *login, int64_t now, bool open)
{
	if (!st || !login || !*login || !id)
		return DH_EINVAL;
	presence_args a = {.now = now};
	presence_key(&a, type, id, login);
	return store_write_quiet(st, open ? presence_put_fn : presence_del_fn, &a);
}

static int presence_scan_cb(const void *key, size_t klen, const void *val, size_t vlen, void *ctx)
{
	presence_args *a = ctx;
	if (klen <= a->plen)
		return 0;
	const char *who = (const char *)key + a->plen;
	size_t wlen = klen - a->plen;
	if (a->login && strlen(a->login) == wlen && memcmp(who, a->login, wlen) == 0)
		return 0;
	char num[32] = "";
	if (vlen < sizeof(num))
		memcpy(num, val, vlen);
	long long at = strtoll(num, NULL, 10);
	if (a->now - at > a->max_age)
		return 0; /* a form left by a program that died long ago */
	if (a->used + wlen + 2 < a->size) {
		if (a->used)
			a->out[a->used++] = ',';
		memcpy(a->out + a->used, who, wlen);
		a->used += wlen;
		a->out[a->used] = '\0';
	}
	return 0;
}

static int presence_scan_fn(dh_stxn *txn, void *p)
{
	presence_args *a = p;
	return store_scan(txn, DH_T_DRAFTS, a->key, a->plen, NULL, 0, false, presence_scan_cb, a);
}

int repo_presence_others(dh_store *st, int type, uint64_t id, const char *login, int64_t now,
                         int64_t max_age, char *out, size_t size)
{
	if (!size)
		return DH_EINVAL;
	out[0] = '\0';
	if (!st || !id)
		return 0;
	presence_args a = {.login = login, .now = now, .max_age = max_age, .out = out, .size = size};
	presence_key(&a, type, id, NULL);
	return store_read(st, presence_scan_fn, &a);
}
