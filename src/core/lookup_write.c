/* lookup_write.c — the index's writes: changes batched per write
 * transaction, the fresh candidates, reindex and rebuild (the layout and
 * the rules are in lookup.c's header). */
#include "dienhinh/lookup.h"

#include "dienhinh/buf.h"
#include "dienhinh/error.h"
#include "dienhinh/store.h"
#include "lookup_internal.h"

#include <stdlib.h>
#include <string.h>

/* --- batched writes ---------------------------------------------------- */

/* One change to one spelling: ID's entry becomes STAGE (ADD) or goes. */
typedef struct lk_op {
	uint64_t id;
	uint32_t next; /* the spelling's next change, in arrival order */
	bool add;
	uint8_t stage;
} lk_op;

/* The changes to one spelling: a chain of ops, oldest first. */
typedef struct lk_group {
	lk_spell_key key; /* first: the table's key */
	uint32_t head, tail;
} lk_group;

/* The changes gathered for one write transaction (lookup_batch_begin),
 * grouped by spelling through a hash table. The program is single-threaded
 * and has one write transaction at a time. */
static struct {
	dh_stxn *txn;
	lk_op *ops;
	size_t nops, ops_cap;
	lk_group *groups;
	size_t ngroups, groups_cap;
	lk_table table;   /* of the groups */
	bool fresh_known; /* nfresh and the mark read in this transaction */
	size_t nfresh;    /* ids in DH_T_FRESH */
	bool has_mark;    /* the mark "w" is there */
	uint64_t mark;
	uint64_t new_first;   /* the first candidate made in this transaction */
	uint64_t gather_from; /* candidates made from this id on have their
	                         postings gathered (0: none) */
	bool fold;            /* write every fresh candidate's postings at the end */
} lk_batch;

enum { LK_BATCH_MAX = 1 << 18, LK_NO_OP = UINT32_MAX }; /* changes held before writing some */

static int lk_group_cmp(const void *a, const void *b)
{
	const lk_group *x = a, *y = b;
	return lk_spell_cmp(x->key.spell, x->key.slen, y->key.spell, y->key.slen);
}

/* The group of SPELL, made when new; NULL on ENOMEM. */
static lk_group *lk_group_of(const unsigned char *spell, size_t slen)
{
	uint32_t *slot = lk_table_slot(&lk_batch.table, lk_batch.groups, lk_batch.ngroups,
	                               sizeof *lk_batch.groups, spell, slen);
	if (!slot)
		return NULL;
	if (*slot)
		return &lk_batch.groups[*slot - 1];
	if (buf_reserve(&lk_batch.groups, &lk_batch.groups_cap, lk_batch.ngroups + 1, sizeof(*lk_batch.groups)))
		return NULL;
	lk_group *g = &lk_batch.groups[lk_batch.ngroups++];
	memcpy(g->key.spell, spell, slen);
	g->key.slen = (uint8_t)slen;
	g->head = g->tail = LK_NO_OP;
	*slot = (uint32_t)lk_batch.ngroups;
	return g;
}

/* Writes the gathered changes, spelling by spelling in key order: a run
 * of new ids past a spelling's last chunk costs one read and one write. */
static int lk_batch_flush(dh_stxn *txn)
{
	int rc = 0;
	/* the groups in key order; the hash table is then stale */
	if (lk_batch.ngroups > 1)
		qsort(lk_batch.groups, lk_batch.ngroups, sizeof *lk_batch.groups, lk_group_cmp);
	lk_table_clear(&lk_batch.table);
	lk_entry *run = NULL;
	size_t run_cap = 0;
	for (size_t g = 0; g < lk_batch.ngroups && !rc; g++) {
		const lk_group *grp = &lk_batch.groups[g];
		for (uint32_t i = grp->head; i != LK_NO_OP && !rc;) {
			/* additions with ascending ids */
			size_t n = 0;
			uint32_t j = i;
			for (uint64_t last = 0;
			     j != LK_NO_OP && lk_batch.ops[j].add && (n == 0 || lk_batch.ops[j].id > last);
			     j = lk_batch.ops[j].next) {
				if (buf_reserve(&run, &run_cap, n + 1, sizeof(*run))) {
					rc = DH_ENOMEM;
					break;
				}
				run[n++] =
				    (lk_entry){.id = lk_batch.ops[j].id, .stage = lk_batch.ops[j].stage};
				last = lk_batch.ops[j].id;
			}
			bool done = false;
			if (!rc && n > 1)
				rc = lk_append_run(txn, grp->key.spell, grp->key.slen, run, n, &done);
			if (done) {
				i = j;
				continue;
			}
			const lk_op *op = &lk_batch.ops[i];
			lk_entry e = {.id = op->id, .stage = op->stage};
			if (!rc)
				rc = lk_update_spell(txn, grp->key.spell, grp->key.slen, op->id, &e,
				                     op->add ? 1 : 0);
			i = op->next;
		}
	}
	free(run);
	lk_batch.nops = 0;
	lk_batch.ngroups = 0;
	return rc;
}

/* One change: written at once, or gathered when TXN is batching. */
static int lk_change(dh_stxn *txn, const unsigned char *spell, size_t slen, uint64_t id, const lk_entry *add)
{
	if (lk_batch.txn != txn)
		return lk_update_spell(txn, spell, slen, id, add, add ? 1 : 0);
	if (lk_batch.nops >= LK_BATCH_MAX) {
		/* Written now, the postings of this write's new candidates
		 * cannot be left for later: the end writes everyone's. */
		lk_batch.fold = true;
		int rc = lk_batch_flush(txn);
		if (rc)
			return rc;
	}
	if (buf_reserve(&lk_batch.ops, &lk_batch.ops_cap, lk_batch.nops + 1, sizeof(*lk_batch.ops)))
		return DH_ENOMEM;
	lk_group *g = lk_group_of(spell, slen);
	if (!g)
		return DH_ENOMEM;
	uint32_t k = (uint32_t)lk_batch.nops++;
	lk_batch.ops[k] =
	    (lk_op){.id = id, .next = LK_NO_OP, .add = add != NULL, .stage = add ? add->stage : 0};
	if (g->tail == LK_NO_OP)
		g->head = k;
	else
		lk_batch.ops[g->tail].next = k;
	g->tail = k;
	return 0;
}

int lookup_batch_begin(dh_stxn *txn)
{
	lookup_batch_abort();
	lk_batch.txn = txn;
	return 0;
}

static int lk_fresh_finish(dh_stxn *txn);

int lookup_batch_end(dh_stxn *txn)
{
	if (lk_batch.txn != txn)
		return 0;
	int rc = lk_fresh_finish(txn);
	if (!rc)
		rc = lk_batch_flush(txn);
	lookup_batch_abort();
	return rc;
}

void lookup_batch_abort(void)
{
	free(lk_batch.ops);
	free(lk_batch.groups);
	free(lk_batch.table.slots);
	memset(&lk_batch, 0, sizeof lk_batch);
}

/* Drops every word of OLD (candidate OLD_ID), indexes every word of NEW
 * (NEW_ID), rewriting only the spellings whose entries change. */
static int lk_apply(dh_stxn *txn, const lk_doc *old, uint64_t old_id, const lk_doc *new, uint64_t new_id)
{
	int rc = 0;
	size_t i = 0, j = 0;
	while (!rc && (i < old->n || j < new->n)) {
		const lk_posting *p = i < old->n ? &old->v[i] : NULL, *q = j < new->n ? &new->v[j] : NULL;
		int c;
		if (!p)
			c = 1;
		else if (!q)
			c = -1;
		else {
			size_t m = p->slen < q->slen ? p->slen : q->slen;
			c = memcmp(p->spell, q->spell, m);
			if (!c)
				c = p->slen - q->slen;
		}
		const lk_posting *any = c <= 0 ? p : q;
		size_t i2 = i, j2 = j;
		if (c <= 0)
			while (i2 < old->n && old->v[i2].slen == any->slen &&
			       !memcmp(old->v[i2].spell, any->spell, any->slen))
				i2++;
		if (c >= 0)
			while (j2 < new->n &&new->v[j2].slen == any->slen &&
			       !memcmp(new->v[j2].spell, any->spell, any->slen))
				j2++;
		bool same = old_id == new_id && i2 - i == j2 - j;
		for (size_t k = 0; same && k < i2 - i; k++)
			same = old->v[i + k].e.stage == new->v[j + k].e.stage;
		if (!same) {
			/* One spelling of one candidate: one entry (one stage). */
			if (i2 > i && old_id != new_id)
				rc = lk_change(txn, any->spell, any->slen, old_id, NULL);
			if (!rc)
				rc = lk_change(txn, any->spell, any->slen, new_id,
				               j2 > j ? &new->v[j].e : NULL);
		}
		i = i2;
		j = j2;
	}
	return rc;
}

/* --- fresh candidates -------------------------------------------------- */

static int lk_read_mark(dh_stxn *txn, bool *has, uint64_t *mark)
{
	return store_get_number(txn, DH_T_FRESH, lk_mark_key, sizeof lk_mark_key, has, mark);
}

static int lk_write_mark(dh_stxn *txn, uint64_t mark)
{
	unsigned char v[8];
	store_put_u64(v, mark);
	lk_batch.has_mark = true;
	lk_batch.mark = mark;
	return store_put(txn, DH_T_FRESH, lk_mark_key, sizeof lk_mark_key, v, sizeof v);
}

/* What this transaction knows of the fresh candidates, read once. */
static int lk_fresh_state(dh_stxn *txn)
{
	if (lk_batch.fresh_known)
		return 0;
	uint64_t n;
	int rc = store_count(txn, DH_T_FRESH, &n);
	if (!rc)
		rc = lk_read_mark(txn, &lk_batch.has_mark, &lk_batch.mark);
	if (rc)
		return rc;
	lk_batch.nfresh = (size_t)n - lk_batch.has_mark;
	lk_batch.fresh_known = true;
	return 0;
}

/* Candidates above this id are fresh by their ids (where the mark is, or
 * is to be: a database without one has every older candidate's postings). */
static uint64_t lk_mark_now(uint64_t last)
{
	if (lk_batch.has_mark)
		return lk_batch.mark;
	return lk_batch.new_first ? lk_batch.new_first - 1 : last;
}

/* Fresh candidates once ID, the highest, is: those with keys and those
 * above the mark. */
static uint64_t lk_fresh_count(uint64_t id)
{
	uint64_t mark = lk_mark_now(id);
	return lk_batch.nfresh + (id > mark ? id - mark : 0);
}

/* A change of candidate ID (BEFORE: as its postings have it, or NULL when
 * it is new) taken as fresh: 1 when its postings are left for later, 0
 * when they are to change now (in a batch: gathered, and the end decides;
 * see lk_fresh_finish). */
static int lk_fresh_take(dh_stxn *txn, uint64_t id, const dh_candidate *before)
{
	unsigned char key[8];
	const void *val;
	size_t vlen;
	int rc;
	if (lk_batch.txn != txn) {
		/* Written at once: a fresh id's postings are skipped anyway,
		 * and later written from what its key says they hold. */
		lk_fresh_key(key, id);
		rc = store_get(txn, DH_T_FRESH, key, sizeof key, &val, &vlen);
		return rc == 0 ? 1 : rc == DH_ENOTFOUND ? 0 : rc;
	}
	if ((rc = lk_fresh_state(txn)))
		return rc;
	if (!before) {
		if (lk_batch.has_mark && id <= lk_batch.mark) {
			lk_batch.fold = true; /* new, under the mark: written, all */
			return 0;
		}
		if (!lk_batch.new_first)
			lk_batch.new_first = id;
		if (lk_batch.gather_from)
			return 0;
		if (lk_fresh_count(id) <= LK_FRESH_MAX)
			return 1; /* fresh by its id: nothing to do */
		/* Too many: from this one on the postings are gathered, and
		 * at the end everyone's are written (an import). */
		lk_batch.gather_from = id;
		lk_batch.fold = true;
		return 0;
	}
	if (lk_batch.gather_from && id >= lk_batch.gather_from)
		return 0; /* made here, its postings gathered since */
	if (lk_batch.has_mark ? id > lk_batch.mark : lk_batch.new_first && id >= lk_batch.new_first)
		return 1; /* fresh by its id */
	lk_fresh_key(key, id);
	rc = store_get(txn, DH_T_FRESH, key, sizeof key, &val, &vlen);
	if (rc == 0)
		return 1; /* fresh already: its record answers for it */
	if (rc != DH_ENOTFOUND)
		return rc;
	uint64_t last;
	if ((rc = lk_last_candidate(txn, &last)))
		return rc;
	if (lk_fresh_count(last) >= LK_FRESH_MAX) {
		lk_batch.fold = true;
		return 0;
	}
	unsigned char *enc = NULL;
	size_t len = 0;
	if (!before->meta.deleted && (rc = record_encode(DH_R_CANDIDATE, before, &enc, &len)))
		return rc;
	rc = store_put(txn, DH_T_FRESH, key, sizeof key, enc ? (const void *)enc : "", len);
	free(enc);
	if (rc)
		return rc;
	lk_batch.nfresh++;
	return 1;
}

/* A fresh candidate's key: its id and the record its postings hold. */
typedef struct lk_fresh_item {
	uint64_t id;
	unsigned char *val; /* a malloc'd copy: the keys are rewritten */
	size_t len;
} lk_fresh_item;

typedef struct lk_fresh_list {
	lk_fresh_item *v;
	size_t n, cap;
	int err;
} lk_fresh_list;

static int lk_fresh_collect(const void *key, size_t klen, const void *val, size_t vlen, void *ctx)
{
	lk_fresh_list *l = ctx;
	if (klen == sizeof lk_mark_key)
		return 0; /* the mark */
	if (klen != 8)
		return l->err = DH_ECORRUPT;
	if (buf_reserve(&l->v, &l->cap, l->n + 1, sizeof(*l->v)))
		return l->err = DH_ENOMEM;
	unsigned char *copy = malloc(vlen ? vlen : 1);
	if (!copy)
		return l->err = DH_ENOMEM;
	memcpy(copy, val, vlen);
	l->v[l->n++] = (lk_fresh_item){.id = store_get_u64(key), .val = copy, .len = vlen};
	return 0;
}

static void lk_fresh_list_free(lk_fresh_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].val);
	free(l->v);
}

/* Candidate ID's postings, from what they hold (WAS, NULL: nothing) to
 * what its record says now: gathered in the batch. */
static int lk_fold_one(dh_stxn *txn, uint64_t id, const dh_candidate *was, lk_doc *old, lk_doc *new)
{
	dh_candidate *now;
	int rc = lk_load_candidate(txn, id, &now);
	if (!rc)
		rc = lk_doc_build(old, was);
	if (!rc)
		rc = lk_doc_build(new, now);
	if (!rc && new->n)
		rc = lk_note_year(txn, new->year);
	if (!rc)
		rc = lk_apply(txn, old, id, new, id);
	record_free(DH_R_CANDIDATE, now);
	return rc;
}

/* Writes the postings of every fresh candidate but those this write made
 * (theirs are gathered already), drops the keys, and moves the mark past
 * LAST, the last candidate. */
static int lk_fresh_fold(dh_stxn *txn, uint64_t from, uint64_t to, uint64_t last)
{
	lk_fresh_list l = {0};
	int rc = store_scan(txn, DH_T_FRESH, NULL, 0, NULL, 0, false, lk_fresh_collect, &l);
	if (!rc)
		rc = l.err;
	lk_doc old = {0}, new = {0};
	for (size_t i = 0; !rc && i < l.n; i++) {
		dh_candidate *was = NULL;
		if (l.v[i].len)
			rc = record_decode(DH_R_CANDIDATE, l.v[i].val, l.v[i].len, (void **)&was);
		if (!rc && !(lk_batch.gather_from && l.v[i].id >= lk_batch.gather_from))
			rc = lk_fold_one(txn, l.v[i].id, was, &old, &new);
		if (!rc) {
			unsigned char key[8];
			lk_fresh_key(key, l.v[i].id);
			rc = store_del(txn, DH_T_FRESH, key, sizeof key);
		}
		record_free(DH_R_CANDIDATE, was);
	}
	/* fresh by their ids: nothing in the postings for them yet */
	for (uint64_t id = from + 1; !rc && id <= to; id++)
		rc = lk_fold_one(txn, id, NULL, &old, &new);
	free(old.v);
	free(new.v);
	lk_fresh_list_free(&l);
	/* The mark never goes back: ids under it that are not there yet
	 * (a stage's) are written with their postings. */
	if (!rc)
		rc = lk_write_mark(txn, lk_batch.has_mark && lk_batch.mark > last ? lk_batch.mark : last);
	lk_batch.nfresh = 0;
	return rc;
}

int lookup_reserve(dh_stxn *txn, uint64_t upto)
{
	if (lk_batch.txn != txn)
		return DH_EINVAL;
	uint64_t last;
	int rc = lk_fresh_state(txn);
	if (!rc)
		rc = lk_last_candidate(txn, &last);
	if (rc)
		return rc;
	return lk_fresh_fold(txn, lk_mark_now(last), last, upto > last ? upto : last);
}

/* At the end of a batch: unless too many became fresh, or postings were
 * gathered (which then must be written with everyone's), nothing is left
 * to do but set the mark if there is none yet. Else every fresh
 * candidate's postings are written. */
static int lk_fresh_finish(dh_stxn *txn)
{
	if (!lk_batch.fresh_known)
		return 0; /* no candidate here: write what is gathered */
	uint64_t last;
	int rc = lk_last_candidate(txn, &last);
	if (rc)
		return rc;
	uint64_t mark = lk_mark_now(last);
	if (!lk_batch.fold && lk_fresh_count(last) <= LK_FRESH_MAX)
		return lk_batch.has_mark || !lk_batch.new_first ? 0 : lk_write_mark(txn, mark);
	/* fresh by id: those not gathered */
	uint64_t to = lk_batch.gather_from ? lk_batch.gather_from - 1 : last;
	return lk_fresh_fold(txn, mark, to, last);
}

/* lookup_rebuild at work: every candidate's postings are written. */
static bool lk_rebuilding;

int lookup_reindex(dh_stxn *txn, dh_rtype type, const void *before, const void *after)
{
	if (type != DH_R_CANDIDATE)
		return 0;
	const dh_candidate *b = before, *a = after;
	uint64_t id = a ? a->meta.id : b ? b->meta.id : 0;
	int rc = lk_rebuilding ? 0 : lk_fresh_take(txn, id, b);
	if (rc)
		return rc < 0 ? rc : 0;
	lk_doc old = {0}, new = {0};
	rc = lk_doc_build(&old, b);
	if (!rc)
		rc = lk_doc_build(&new, a);
	if (!rc && new.n)
		rc = lk_note_year(txn, new.year);
	if (!rc)
		rc = lk_apply(txn, &old, b ? b->meta.id : 0, &new, a ? a->meta.id : b ? b->meta.id : 0);
	free(old.v);
	free(new.v);
	return rc;
}

typedef struct lk_rebuild_ctx {
	dh_stxn *txn;
	int err;
} lk_rebuild_ctx;

static int lk_rebuild_one(const void *key, size_t klen, const void *val, size_t vlen, void *ctx)
{
	(void)key;
	(void)klen;
	lk_rebuild_ctx *r = ctx;
	void *rec;
	int rc = record_decode(DH_R_CANDIDATE, val, vlen, &rec);
	if (!rc) {
		rc = lookup_reindex(r->txn, DH_R_CANDIDATE, NULL, rec);
		record_free(DH_R_CANDIDATE, rec);
	}
	return rc ? (r->err = rc) : 0;
}

int lookup_rebuild(dh_stxn *txn)
{
	if (lk_batch.txn == txn) {
		/* all of it is made again from the records, as postings */
		lk_batch.nops = lk_batch.ngroups = 0;
		lk_table_clear(&lk_batch.table);
	}
	int rc = store_clear(txn, DH_T_WORDS);
	if (!rc)
		rc = store_clear(txn, DH_T_FRESH);
	if (rc)
		return rc;
	unsigned char type = DH_R_CANDIDATE;
	lk_rebuild_ctx r = {.txn = txn};
	lk_rebuilding = true;
	rc = store_scan(txn, DH_T_RECORDS, &type, 1, NULL, 0, false, lk_rebuild_one, &r);
	lk_rebuilding = false;
	if (rc < 0 || r.err)
		return rc < 0 ? rc : r.err;
	/* every candidate's postings are (or, gathered, will be) written */
	uint64_t last;
	if ((rc = lk_last_candidate(txn, &last)))
		return rc;
	if (lk_batch.txn == txn) {
		/* what the batch knew of the fresh ones is gone: read again,
		 * and write whatever is gathered */
		lk_batch.fresh_known = false;
		lk_batch.new_first = lk_batch.gather_from = 0;
		lk_batch.fold = true;
	}
	unsigned char v[8];
	store_put_u64(v, last);
	return store_put(txn, DH_T_FRESH, lk_mark_key, sizeof lk_mark_key, v, sizeof v);
}

/* --- an index written before the places (lookup_rank.h) ---------------- */

static int lk_format_read(dh_stxn *txn, void *ctx)
{
	return lk_rank_format_state(txn, ctx);
}

static int lk_format_write(dh_stxn *txn, void *ctx)
{
	(void)ctx;
	lk_state state;
	int rc = lk_rank_format_state(txn, &state); /* again: another process may have */
	if (rc || state == LK_CURRENT)
		return rc;
	if (state == LK_OLD && (rc = lookup_rebuild(txn)))
		return rc;
	return lk_rank_format_mark(txn);
}

int lookup_upgrade(dh_store *st)
{
	lk_state state = LK_CURRENT;
	int rc = store_read(st, lk_format_read, &state);
	if (rc || state == LK_CURRENT)
		return rc;
	/* Only the order of hits changes: a rebuild moves the generation
	 * (screens search again), marking a new index does not. */
	return state == LK_OLD ? store_write(st, lk_format_write, NULL)
	                       : store_write_quiet(st, lk_format_write, NULL);
}
