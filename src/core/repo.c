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
#include "dienhinh/buf.h"
#include "dienhinh/error.h"
#include "dienhinh/lookup.h"
#include "dienhinh/store.h"
#include "dienhinh/verify_chain.h"
#include "repo_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	/* Records per read transaction of repo_each: a few milliseconds. */
	REPO_EACH_BATCH = 512,
};

void repo_rec_key(unsigned char k[REC_KEY], dh_rtype type, uint64_t id)
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

bool repo_type_is_record(dh_rtype type)
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
	repo_rec_key(k, type, id);
	int rc = store_get(txn, DH_T_RECORDS, k, sizeof(k), &v, &n);
	if (!rc && (rc = record_decode(type, v, n, out)) == DH_ECORRUPT)
		rc = store_corrupt(DH_T_RECORDS, k, sizeof(k), "bản ghi không đọc được");
	return rc;
}

typedef struct each_ctx {
	dh_rtype type;
	dh_rec_fn cb;
	void *ctx;
	size_t left;      /* records still wanted; SIZE_MAX = all */
	dh_stxn *txn;     /* for children: the records are read by id */
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

static int child_link(const void *key, size_t klen, void *p)
{
	each_ctx *e = p;
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
	return store_scan_keys(txn, DH_T_LINKS, prefix, sizeof(prefix), false, child_link, &e);
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
	repo_rec_key(from, b->type, b->from);
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
	repo_rec_key(from, a->type, a->id);
	each_ctx e = {a->type, a->cb, a->ctx, a->limit ? a->limit : SIZE_MAX, txn, 0, false};
	/* From 0 means from the start: the first id forward, the last back. */
	bool from_start = a->id == 0;
	return store_scan(txn, DH_T_RECORDS, &prefix, 1, from_start ? NULL : from,
	                  from_start ? 0 : sizeof(from), a->reverse, each_value, &e);
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
	return store_last_id(txn, DH_T_RECORDS, &prefix, 1, out);
}

static int last_id_fn(dh_stxn *txn, void *p)
{
	read_args *a = p;
	/* Audit entries are numbered in a table of their own. */
	if (a->type == DH_R_AUDIT)
		return store_last_id(txn, DH_T_AUDIT, NULL, 0, &a->id);
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
	return buf_reserve(&w->undo, &w->cap_undo, w->n_undo + 1, sizeof(*w->undo));
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
	 * are hidden until then); repo_write_with keeps them once it commits. */
	if (!rc && !w->stage)
		rc = counts_flush(w->counts, txn);
	if (!rc)
		return lookup_batch_end(txn);
	lookup_batch_abort();
	return rc;
}

int repo_write_with(dh_store *st, const char *actor, dh_repo_fn fn, void *ctx, dh_staging *stage)
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
	return repo_write_with(st, actor, fn, ctx, NULL);
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

int repo_put_links(dh_repo_tx *tx, dh_rtype type, const void *before, const void *after, uint64_t id)
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
int repo_write_audit(dh_repo_tx *tx, dh_audit *a, const dh_bytes *before, const dh_bytes *after,
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
	return repo_write_audit(tx, &a, has_before ? &w->before_enc : NULL, &w->enc, records);
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
		snprintf(summary, sizeof(summary),
		         "{\"type\":\"%s\",\"created\":%llu,\"first_id\":%llu,\"last_id\":%llu}",
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
		if (rc || (rc = repo_write_audit(tx, &a, NULL, NULL, records)))
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

int repo_new_id(dh_repo_tx *tx, dh_rtype type, uint64_t *id)
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
	if (buf_reserve(&w->staged, &w->cap_staged, w->n_staged + 1, sizeof(*w->staged)))
		return DH_ENOMEM;
	w->staged[w->n_staged++] = rec;
	return 0;
}

int repo_tx_put(dh_repo_tx *tx, const char *action, const char *note, dh_rtype type, void *rec)
{
	const dh_schema *s = record_schema(type);
	if (!s || !repo_type_is_record(type) || !rec)
		return DH_EINVAL;
	write_ctx *w = tx->w;
	dh_meta *m = rec;
	void *before = NULL;
	uint64_t id = m->id;
	int rc;
	if ((rc = undo_reserve(w)))
		return rc;
	if (id == 0) {
		if ((rc = repo_new_id(tx, type, &id)))
			return rc;
	} else {
		/* The stored bytes are kept for the audit entry: they are the
		 * record before, as its codec wrote it. */
		unsigned char k[REC_KEY];
		const void *v;
		size_t n;
		repo_rec_key(k, type, id);
		if ((rc = store_get(tx->txn, DH_T_RECORDS, k, sizeof(k), &v, &n)))
			return rc;
		if (buf_reserve(&w->before_enc.p, &w->before_enc.cap, n, 1))
			return DH_ENOMEM;
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
	repo_rec_key(k, type, id);
	/* A staged candidate's postings are gathered (lookup_stage) and
	 * written after all the rows, spelling by spelling. */
	bool staged = !before && w->stage && type == w->stage->type;
	if ((rc = record_encode_bytes(type, rec, &w->enc, false)) ||
	    (rc = (before ? store_put : store_append)(tx->txn, DH_T_RECORDS, k, sizeof(k), w->enc.p,
	                                              w->enc.n)) ||
	    (rc = repo_put_links(tx, type, before, rec, id)) ||
	    (rc =
	         staged && w->stage->lk ? note_staged(w, rec) : lookup_reindex(tx->txn, type, before, rec)) ||
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

int repo_presence_others(dh_store *st, int type, uint64_t id, const char *login, int64_t now, int64_t max_age,
                         char *out, size_t size)
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
