/* repo_stage.c — a large import staged in short writes (repo.h,
 * Staging): one write reserves the ids and sets the marker, chunks of rows
 * go in as writes of their own into the reserved range (which every reader
 * skips), the candidates' postings are written last, and one small write
 * seals the bulk audit entry and drops the marker; a dead stage's records
 * are deleted by the next writable open. */
#include "dienhinh/repo.h"

#include "dienhinh/counts.h"
#include "dienhinh/error.h"
#include "dienhinh/lookup.h"
#include "dienhinh/store.h"
#include "dienhinh/verify_chain.h"
#include "repo_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* The stage's marker: *THERE false when there is none. */
static int stage_mark_read(dh_store *st, dh_stage_mark *m, bool *there)
{
	int rc = store_read(st, stage_mark_fn, m);
	*there = rc == 0;
	return rc == DH_ENOTFOUND ? 0 : rc;
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
	repo_rec_key(from, d->type, d->from);
	int rc =
	    store_scan(tx->txn, DH_T_RECORDS, &prefix, 1, from, sizeof(from), false, stage_del_collect, d);
	if (rc || (rc = d->err))
		return rc;
	for (size_t i = 0; i < d->n; i++) {
		const dh_meta *m = d->recs[i];
		unsigned char k[REC_KEY];
		repo_rec_key(k, d->type, m->id);
		/* its postings and links go with it, as if it was never made */
		if ((d->unindex && (rc = lookup_reindex(tx->txn, d->type, d->recs[i], NULL))) ||
		    (rc = repo_put_links(tx, d->type, d->recs[i], NULL, m->id)) ||
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
	bool there;
	int rc = stage_mark_read(st, &m, &there);
	if (rc || !there)
		return rc;
	if (m.table != DH_T_RECORDS || m.lo_len != REC_KEY || m.hi_len != REC_KEY || m.lo[0] != m.hi[0] ||
	    !repo_type_is_record((dh_rtype)m.lo[0]))
		return DH_ECORRUPT;
	dh_staging_owner o;
	owner_decode(&m, &o);
	return stage_delete(st, actor, (dh_rtype)m.lo[0], store_get_u64(m.lo + 1), store_get_u64(m.hi + 1),
	                    true, o.indexing);
}

int repo_stage_clear_stale(dh_store *st, const char *actor)
{
	dh_stage_mark m;
	bool there;
	int rc = stage_mark_read(st, &m, &there);
	if (rc || !there)
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

static int stage_reserve_fn(dh_repo_tx *tx, void *p)
{
	dh_staging *sg = p;
	uint64_t first;
	int rc = repo_new_id(tx, sg->type, &first);
	if (rc)
		return rc;
	sg->first = sg->next = first;
	sg->last = first + sg->count - 1;
	dh_stage_mark m = {.table = DH_T_RECORDS, .lo_len = REC_KEY, .hi_len = REC_KEY};
	repo_rec_key(m.lo, sg->type, sg->first);
	repo_rec_key(m.hi, sg->type, sg->last);
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
	if (!actor || !*actor || !action || !*action || !repo_type_is_record(type) || count == 0)
		return DH_EINVAL;
	int rc = store_stage_lock(st);
	if (rc == DH_EBUSY) {
		dh_stage_mark m;
		bool there;
		if (busy && stage_mark_read(st, &m, &there) == 0 && there)
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
	sg->count = count;
	if (type == DH_R_CANDIDATE && !(sg->lk = lookup_stage_new())) {
		stage_free(sg);
		store_stage_unlock(st);
		return DH_ENOMEM;
	}
	verify_cover_begin(&sg->cover);
	/* the lock is ours: a marker there now is a dead import's */
	if ((rc = stage_clear_locked(st, actor)) || (rc = repo_write(st, actor, stage_reserve_fn, sg))) {
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
	int rc = repo_write_with(sg->st, sg->actor, fn, ctx, sg);
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
	snprintf(summary, sizeof(summary),
	         "{\"type\":\"%s\",\"created\":%llu,\"first_id\":%llu,\"last_id\":%llu}",
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
	int rc = repo_write_audit(tx, &a, NULL, NULL, records);
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
	if (sg->published || sg->next != sg->last + 1 ||
	    (sg->lk && sg->lk_at < lookup_stage_spellings(sg->lk)))
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
