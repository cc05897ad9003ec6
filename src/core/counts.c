/* counts.c — the review numbers as counters kept with every change
 * (counts.h): what a record contributes, the moves of one write gathered in
 * memory and written once per key, the year's counters decoded, the
 * migration that makes them from the records, and the check against them.
 *
 * The gathered moves are an open-addressing table of indices into a vector
 * of entries whose keys (and criteria sets) live in one byte arena, so that
 * a bulk write of a million records or a check of every counter costs a
 * few dozen bytes per counter key and no allocation per record. */
#include "dienhinh/counts.h"

#include "dienhinh/config.h"
#include "dienhinh/buf.h"
#include "dienhinh/error.h"
#include "dienhinh/store.h"
#include "dienhinh/verify_chain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	REC_KEY = 9,
	LINK_KEY = 17,
	YEAR_PREFIX = 1 + 4,
	KEY_MAX = YEAR_PREFIX + 1 + 2 + DH_COUNTS_DEPT_MAX,
	SET_DIGEST = 16,
	VALUE_LEN = 8,
};

/* The first byte of a key. */
#define NS_YEAR      'y'
#define NS_FOSTER_OF 'f'

/* The byte after the year: what the counter counts. */
enum {
	CAT_CANDIDATE = 'c',     /* kind u8, stage u8, department */
	CAT_HOLD = 'h',          /* department */
	CAT_CRITERIA = 'n',      /* kind u8, digest of the set; value i64 then the set */
	CAT_FOSTERING = 'F',     /* kind u8 */
	CAT_MATERIAL = 'M',      /* VND */
	CAT_FOSTERED = 'D',      /* candidates whose NS_FOSTER_OF counter is not zero */
	CAT_REG = 'r',           /* status u8 */
	CAT_REG_ACTIVE = 'a',    /* department */
	CAT_REG_UNCHECKED = 'u', /* */
	CAT_NIL = 'z',           /* department */
	CAT_DECISION = 'd',      /* type u8: 0 recognition, 1 award */
	CAT_ACTIVITY = 'A',      /* kind u8 */
	CAT_ATTENDEES = 'T',     /* */
	CAT_SESSION = 's',       /* */
	CAT_ITEM = 'i',          /* result u8 */
	CAT_PROVINCIAL = 'p',    /* stage u8: aiming at provincial level */
};

size_t counts_dept_len(const char *dept)
{
	if (!dept)
		return 0;
	size_t n = strlen(dept);
	if (n <= DH_COUNTS_DEPT_MAX)
		return n;
	n = DH_COUNTS_DEPT_MAX;
	/* Back to the start of a character (not a continuation byte). */
	while (n > 0 && ((unsigned char)dept[n] & 0xC0) == 0x80)
		n--;
	return n;
}

/* --- the gathered moves ----------------------------------------------- */

typedef struct centry {
	size_t key, pay; /* offsets in the arena */
	uint32_t plen;
	uint16_t klen;
	bool seen; /* the check: met among the kept counters */
	int64_t delta;
} centry;

struct dh_counts {
	centry *e;
	size_t n, cap;
	uint32_t *slot; /* entry index + 1; 0 = empty */
	size_t nslot;   /* a power of two, at least twice n */
	unsigned char *arena;
	size_t alen, acap;
	dh_bytes set; /* scratch: a candidate's criteria set */
	/* The session a vote item was last counted under. */
	uint64_t session_id;
	int session_year;
	bool session_counts;
};

dh_counts *counts_new(void)
{
	return calloc(1, sizeof(dh_counts));
}

void counts_clear(dh_counts *c)
{
	if (!c)
		return;
	c->n = 0;
	c->alen = 0;
	if (c->slot)
		memset(c->slot, 0, c->nslot * sizeof(*c->slot));
	c->session_id = 0;
}

void counts_free(dh_counts *c)
{
	if (!c)
		return;
	free(c->e);
	free(c->slot);
	free(c->arena);
	free(c->set.p);
	free(c);
}

static uint64_t key_hash(const unsigned char *k, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= k[i];
		h *= 0x100000001b3ULL;
	}
	return h ^ (h >> 29);
}

static int arena_put(dh_counts *c, const void *p, size_t n, size_t *off)
{
	if (c->alen + n > c->acap) {
		size_t cap = c->acap ? c->acap : 4096;
		while (c->alen + n > cap)
			cap *= 2;
		unsigned char *a = realloc(c->arena, cap);
		if (!a)
			return DH_ENOMEM;
		c->arena = a;
		c->acap = cap;
	}
	*off = c->alen;
	if (n)
		memcpy(c->arena + c->alen, p, n);
	c->alen += n;
	return 0;
}

static int slots_grow(dh_counts *c)
{
	size_t ns = c->nslot ? c->nslot * 2 : 256;
	uint32_t *s = calloc(ns, sizeof(*s));
	if (!s)
		return DH_ENOMEM;
	for (size_t i = 0; i < c->n; i++) {
		const centry *e = &c->e[i];
		size_t j = key_hash(c->arena + e->key, e->klen) & (ns - 1);
		while (s[j])
			j = (j + 1) & (ns - 1);
		s[j] = (uint32_t)(i + 1);
	}
	free(c->slot);
	c->slot = s;
	c->nslot = ns;
	return 0;
}

/* The entry of KEY, or (ADD) a new one with PAY as its set; -1 when it is
 * not there and not added, or on ENOMEM (*RC). */
static long entry_of(dh_counts *c, const unsigned char *key, size_t klen, const void *pay, size_t plen,
                     bool add, int *rc)
{
	*rc = 0;
	if (c->nslot) {
		for (size_t j = key_hash(key, klen) & (c->nslot - 1); c->slot[j];
		     j = (j + 1) & (c->nslot - 1)) {
			centry *e = &c->e[c->slot[j] - 1];
			if (e->klen == klen && memcmp(c->arena + e->key, key, klen) == 0)
				return (long)(c->slot[j] - 1);
		}
	}
	if (!add)
		return -1;
	if (c->n >= UINT32_MAX - 1 || plen > UINT32_MAX) {
		*rc = DH_ENOMEM;
		return -1;
	}
	if ((c->n + 1) * 2 > c->nslot && (*rc = slots_grow(c)))
		return -1;
	if (buf_reserve(&c->e, &c->cap, c->n + 1, sizeof(*c->e))) {
		*rc = DH_ENOMEM;
		return -1;
	}
	centry *e = &c->e[c->n];
	memset(e, 0, sizeof(*e));
	if ((*rc = arena_put(c, key, klen, &e->key)) || (*rc = arena_put(c, pay, plen, &e->pay)))
		return -1;
	e->klen = (uint16_t)klen;
	e->plen = (uint32_t)plen;
	size_t j = key_hash(key, klen) & (c->nslot - 1);
	while (c->slot[j])
		j = (j + 1) & (c->nslot - 1);
	c->slot[j] = (uint32_t)(c->n + 1);
	return (long)c->n++;
}

static int add(dh_counts *c, const unsigned char *key, size_t klen, int64_t delta, const void *pay,
               size_t plen)
{
	if (!delta)
		return 0;
	int rc;
	long i = entry_of(c, key, klen, pay, plen, true, &rc);
	if (i < 0)
		return rc;
	c->e[i].delta += delta;
	return 0;
}

int counts_merge(dh_counts *dst, const dh_counts *src)
{
	for (size_t i = 0; i < src->n; i++) {
		const centry *e = &src->e[i];
		int rc = add(dst, src->arena + e->key, e->klen, e->delta, src->arena + e->pay, e->plen);
		if (rc)
			return rc;
	}
	return 0;
}

/* --- keys ------------------------------------------------------------- */

typedef struct ckey {
	unsigned char b[KEY_MAX];
	size_t n;
} ckey;

static void put_u32(unsigned char *p, uint32_t v)
{
	for (int i = 3; i >= 0; i--) {
		p[i] = (unsigned char)(v & 0xff);
		v >>= 8;
	}
}

static uint32_t get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint32_t year_bits(int year)
{
	return (uint32_t)year + 0x80000000u;
}

static int year_of_bits(uint32_t v)
{
	return (int)((int64_t)v - 0x80000000LL);
}

static ckey *key_year(ckey *k, int year, int cat)
{
	k->b[0] = NS_YEAR;
	put_u32(k->b + 1, year_bits(year));
	k->b[5] = (unsigned char)cat;
	k->n = 6;
	return k;
}

static ckey *key_u8(ckey *k, int v)
{
	k->b[k->n++] = (unsigned char)v;
	return k;
}

static ckey *key_dept(ckey *k, const char *dept)
{
	size_t n = counts_dept_len(dept);
	if (n)
		memcpy(k->b + k->n, dept, n);
	k->n += n;
	return k;
}

static int add_key(dh_counts *c, const ckey *k, int64_t delta)
{
	return add(c, k->b, k->n, delta, NULL, 0);
}

/* --- contributions ----------------------------------------------------- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* C->set: the candidate's criterion ids, sorted, each once, each followed
 * by a NUL. */
static int criteria_set(dh_counts *c, const dh_strlist *l)
{
	c->set.n = 0;
	if (!l->n)
		return 0;
	const char **v = malloc(l->n * sizeof(*v));
	if (!v)
		return DH_ENOMEM;
	size_t n = 0, need = 0;
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i]) {
			v[n++] = l->v[i];
			need += strlen(l->v[i]) + 1;
		}
	qsort(v, n, sizeof(*v), cmp_str);
	if (need > c->set.cap) {
		unsigned char *p = realloc(c->set.p, need);
		if (!p) {
			free(v);
			return DH_ENOMEM;
		}
		c->set.p = p;
		c->set.cap = need;
	}
	for (size_t i = 0; i < n; i++) {
		if (i && strcmp(v[i], v[i - 1]) == 0)
			continue;
		size_t len = strlen(v[i]) + 1;
		memcpy(c->set.p + c->set.n, v[i], len);
		c->set.n += len;
	}
	free(v);
	return 0;
}

static int add_candidate(dh_counts *c, const dh_candidate *x, int sign)
{
	if (!x || x->meta.deleted || x->kind < 0 || x->kind >= DH_CANDIDATE_KINDS || x->stage < 0 ||
	    x->stage >= DH_STAGE__COUNT)
		return 0;
	ckey k;
	int rc;
	if ((rc = add_key(c,
	                  key_dept(key_u8(key_u8(key_year(&k, x->year, CAT_CANDIDATE), x->kind), x->stage),
	                           x->department),
	                  sign)))
		return rc;
	if (x->on_hold && (rc = add_key(c, key_dept(key_year(&k, x->year, CAT_HOLD), x->department), sign)))
		return rc;
	if (x->aims_provincial &&
	    (rc = add_key(c, key_u8(key_year(&k, x->year, CAT_PROVINCIAL), x->stage), sign)))
		return rc;
	if ((rc = criteria_set(c, &x->criteria)))
		return rc;
	unsigned char digest[DH_HASH_LEN];
	verify_hash(c->set.n ? (const void *)c->set.p : "", c->set.n, digest);
	key_u8(key_year(&k, x->year, CAT_CRITERIA), x->kind);
	memcpy(k.b + k.n, digest, SET_DIGEST);
	k.n += SET_DIGEST;
	return add(c, k.b, k.n, sign, c->set.p, c->set.n);
}

static int add_fostering(dh_counts *c, const dh_fostering *x, int sign)
{
	if (!x || x->meta.deleted || x->kind < 0 || x->kind > 2)
		return 0;
	int year = x->date / 10000;
	ckey k;
	int rc;
	if ((rc = add_key(c, key_u8(key_year(&k, year, CAT_FOSTERING), x->kind), sign)))
		return rc;
	if (x->kind == DH_FOSTER_MATERIAL &&
	    (rc = add_key(c, key_year(&k, year, CAT_MATERIAL), sign * x->amount)))
		return rc;
	k.b[0] = NS_FOSTER_OF;
	put_u32(k.b + 1, year_bits(year));
	store_put_u64(k.b + 5, x->candidate_id);
	k.n = 13;
	return add_key(c, &k, sign);
}

static int add_registration(dh_counts *c, const dh_registration *x, int sign)
{
	if (!x || x->meta.deleted || x->status < 0 || x->status > 3)
		return 0;
	ckey k;
	int rc;
	if ((rc = add_key(c, key_u8(key_year(&k, x->year, CAT_REG), x->status), sign)))
		return rc;
	if ((x->status == DH_REG_SUBMITTED || x->status == DH_REG_ACCEPTED) &&
	    (rc = add_key(c, key_dept(key_year(&k, x->year, CAT_REG_ACTIVE), x->department), sign)))
		return rc;
	if (x->status == DH_REG_SUBMITTED && !x->complete)
		return add_key(c, key_year(&k, x->year, CAT_REG_UNCHECKED), sign);
	return 0;
}

static int add_nil_return(dh_counts *c, const dh_nil_return *x, int sign)
{
	if (!x || x->meta.deleted)
		return 0;
	ckey k;
	return add_key(c, key_dept(key_year(&k, x->year, CAT_NIL), x->department), sign);
}

static int add_decision(dh_counts *c, const dh_decision *x, int sign)
{
	if (!x || x->meta.deleted || x->revoked)
		return 0;
	ckey k;
	return add_key(c, key_u8(key_year(&k, x->year, CAT_DECISION), x->type == DH_DEC_AWARD), sign);
}

static int add_activity(dh_counts *c, const dh_activity *x, int sign)
{
	if (!x || x->meta.deleted || x->kind < 0 || x->kind > 2)
		return 0;
	int year = x->date / 10000;
	ckey k;
	int rc = add_key(c, key_u8(key_year(&k, year, CAT_ACTIVITY), x->kind), sign);
	if (!rc && x->attendees > 0)
		rc = add_key(c, key_year(&k, year, CAT_ATTENDEES), (int64_t)sign * x->attendees);
	return rc;
}

static int add_session(dh_counts *c, const dh_session *x, int sign)
{
	if (!x || x->meta.deleted)
		return 0;
	ckey k;
	return add_key(c, key_year(&k, x->year, CAT_SESSION), sign);
}

/* A vote item under a session that counts (there, not deleted) of YEAR. */
static int add_item(dh_counts *c, const dh_vote_item *x, bool session_counts, int year, int sign)
{
	if (!x || !session_counts || x->meta.deleted || !x->closed ||
	    (x->result != DH_RESULT_PASSED && x->result != DH_RESULT_FAILED))
		return 0;
	ckey k;
	return add_key(c, key_u8(key_year(&k, year, CAT_ITEM), x->result), sign);
}

static int add_plain(dh_counts *c, dh_rtype type, const void *rec, int sign)
{
	switch (type) {
	case DH_R_CANDIDATE: return add_candidate(c, rec, sign);
	case DH_R_FOSTERING: return add_fostering(c, rec, sign);
	case DH_R_REGISTRATION: return add_registration(c, rec, sign);
	case DH_R_NIL_RETURN: return add_nil_return(c, rec, sign);
	case DH_R_DECISION: return add_decision(c, rec, sign);
	case DH_R_ACTIVITY: return add_activity(c, rec, sign);
	case DH_R_SESSION: return add_session(c, rec, sign);
	default: return 0;
	}
}

static int get_record(dh_stxn *txn, dh_rtype type, uint64_t id, void **out)
{
	unsigned char k[REC_KEY];
	const void *v;
	size_t n;
	*out = NULL;
	k[0] = (unsigned char)type;
	store_put_u64(k + 1, id);
	int rc = store_get(txn, DH_T_RECORDS, k, sizeof(k), &v, &n);
	return rc ? rc : record_decode(type, v, n, out);
}

/* Whether the session ID counts its items, and its year (C's cache). */
static int session_state(dh_counts *c, dh_stxn *txn, uint64_t id, bool *counts, int *year)
{
	if (!id) {
		*counts = false;
		return 0;
	}
	if (id != c->session_id) {
		void *rec;
		int rc = get_record(txn, DH_R_SESSION, id, &rec);
		if (rc && rc != DH_ENOTFOUND)
			return rc;
		const dh_session *s = rec;
		c->session_counts = s && !s->meta.deleted;
		c->session_year = s ? s->year : 0;
		c->session_id = id;
		record_free(DH_R_SESSION, rec);
	}
	*counts = c->session_counts;
	*year = c->session_year;
	return 0;
}

typedef struct session_move {
	dh_counts *c;
	dh_stxn *txn;
	bool before_counts, after_counts;
	int before_year, after_year;
	uint64_t *ids;
	size_t n, cap;
} session_move;

static int take_item_link(const void *key, size_t klen, void *p)
{
	session_move *m = p;
	if (klen != LINK_KEY)
		return DH_ECORRUPT;
	if (buf_reserve(&m->ids, &m->cap, m->n + 1, sizeof(*m->ids)))
		return DH_ENOMEM;
	m->ids[m->n++] = store_get_u64((const unsigned char *)key + 9);
	return 0;
}

/* A session's year or deletion changed: its items move with it. */
static int move_items(session_move *m, uint64_t session_id)
{
	unsigned char prefix[9];
	prefix[0] = DH_R_VOTE_ITEM;
	store_put_u64(prefix + 1, session_id);
	int rc = store_scan_keys(m->txn, DH_T_LINKS, prefix, sizeof(prefix), false, take_item_link, m);
	for (size_t i = 0; i < m->n && !rc; i++) {
		void *rec;
		if ((rc = get_record(m->txn, DH_R_VOTE_ITEM, m->ids[i], &rec)))
			break;
		rc = add_item(m->c, rec, m->before_counts, m->before_year, -1);
		if (!rc)
			rc = add_item(m->c, rec, m->after_counts, m->after_year, +1);
		record_free(DH_R_VOTE_ITEM, rec);
	}
	free(m->ids);
	return rc;
}

int counts_note(dh_counts *c, dh_stxn *txn, dh_rtype type, const void *before, const void *after)
{
	int rc;
	if (type == DH_R_VOTE_ITEM) {
		const dh_vote_item *items[2] = {before, after};
		for (int i = 0; i < 2; i++) {
			bool counts = false;
			int year = 0;
			if (!items[i])
				continue;
			if ((rc = session_state(c, txn, items[i]->session_id, &counts, &year)) ||
			    (rc = add_item(c, items[i], counts, year, i ? +1 : -1)))
				return rc;
		}
		return 0;
	}
	if ((rc = add_plain(c, type, before, -1)) || (rc = add_plain(c, type, after, +1)))
		return rc;
	if (type != DH_R_SESSION || !after)
		return 0;
	const dh_session *b = before, *a = after;
	c->session_id = 0; /* the cache may hold this session as it was */
	session_move m = {
	    .c = c,
	    .txn = txn,
	    .before_counts = b && !b->meta.deleted,
	    .after_counts = !a->meta.deleted,
	    .before_year = b ? b->year : 0,
	    .after_year = a->year,
	};
	if (m.before_counts == m.after_counts && (!m.after_counts || m.before_year == m.after_year))
		return 0;
	return move_items(&m, a->meta.id);
}

/* --- writing ----------------------------------------------------------- */

static int cmp_entry(const void *a, const void *b, void *p)
{
	const dh_counts *c = p;
	const centry *x = &c->e[*(const uint32_t *)a], *y = &c->e[*(const uint32_t *)b];
	size_t n = x->klen < y->klen ? x->klen : y->klen;
	int r = memcmp(c->arena + x->key, c->arena + y->key, n);
	return r ? r : (x->klen > y->klen) - (x->klen < y->klen);
}

/* The entries whose key starts with NS and that move, in key order. */
static int sorted(dh_counts *c, unsigned char ns, uint32_t **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (!c->n)
		return 0;
	uint32_t *v = malloc(c->n * sizeof(*v));
	if (!v)
		return DH_ENOMEM;
	size_t k = 0;
	for (size_t i = 0; i < c->n; i++)
		if (c->e[i].delta && c->arena[c->e[i].key] == ns)
			v[k++] = (uint32_t)i;
	qsort_r(v, k, sizeof(*v), cmp_entry, c);
	*out = v;
	*n = k;
	return 0;
}

static int read_value(dh_stxn *txn, const unsigned char *key, size_t klen, int64_t *out)
{
	const void *v;
	size_t n;
	int rc = store_get(txn, DH_T_COUNTS, key, klen, &v, &n);
	bool whole = rc == 0 && n >= VALUE_LEN; /* the value, then maybe a set */
	*out = whole ? (int64_t)store_get_u64(v) : 0;
	if (rc == DH_ENOTFOUND)
		return 0;
	return rc ? rc : whole ? 0 : DH_ECORRUPT;
}

static int write_entry(dh_counts *c, dh_stxn *txn, const centry *e, int64_t *old, int64_t *now)
{
	const unsigned char *key = c->arena + e->key;
	int rc = read_value(txn, key, e->klen, old);
	if (rc)
		return rc;
	*now = (int64_t)((uint64_t)*old + (uint64_t)e->delta);
	if (*now == 0)
		return store_del(txn, DH_T_COUNTS, key, e->klen);
	unsigned char small[VALUE_LEN];
	unsigned char *val = small;
	size_t vlen = VALUE_LEN + e->plen;
	if (e->plen && !(val = malloc(vlen)))
		return DH_ENOMEM;
	store_put_u64(val, (uint64_t)*now);
	if (e->plen)
		memcpy(val + VALUE_LEN, c->arena + e->pay, e->plen);
	rc = store_put(txn, DH_T_COUNTS, key, e->klen, val, vlen);
	if (val != small)
		free(val);
	return rc;
}

int counts_flush(dh_counts *c, dh_stxn *txn)
{
	if (!c || !c->n)
		return 0;
	uint32_t *order;
	size_t n;
	/* A candidate's fostering count first: where it leaves or reaches
	 * zero, the year's number of candidates fostered moves. */
	int rc = sorted(c, NS_FOSTER_OF, &order, &n);
	for (size_t i = 0; i < n && !rc; i++) {
		int64_t old, now;
		centry e = c->e[order[i]];
		if ((rc = write_entry(c, txn, &e, &old, &now)) || (old != 0) == (now != 0))
			continue;
		ckey k;
		int year = year_of_bits(get_u32(c->arena + e.key + 1));
		rc = add_key(c, key_year(&k, year, CAT_FOSTERED), now ? +1 : -1);
	}
	free(order);
	order = NULL;
	if (!rc)
		rc = sorted(c, NS_YEAR, &order, &n);
	for (size_t i = 0; i < n && !rc; i++) {
		int64_t old, now;
		rc = write_entry(c, txn, &c->e[order[i]], &old, &now);
	}
	free(order);
	counts_clear(c);
	return rc;
}

/* --- reading ----------------------------------------------------------- */

/* What follows a year key's category: nothing, a sub-kind byte, or a
 * department. */
enum { REST_NONE, REST_SUB, REST_DEPT };

/* The categories of year keys but the candidates' and the criteria's. */
typedef struct year_cat {
	dh_count_kind what;
	unsigned char cat;
	unsigned char rest;
	unsigned char sub_max; /* REST_SUB: the largest sub-kind byte */
} year_cat;

static const year_cat year_cats[] = {
    {DH_C_HOLD, CAT_HOLD, REST_DEPT, 0},
    {DH_C_FOSTERING, CAT_FOSTERING, REST_SUB, 3},
    {DH_C_MATERIAL, CAT_MATERIAL, REST_NONE, 0},
    {DH_C_FOSTERED, CAT_FOSTERED, REST_NONE, 0},
    {DH_C_REGISTRATION, CAT_REG, REST_SUB, 3},
    {DH_C_REG_ACTIVE, CAT_REG_ACTIVE, REST_DEPT, 0},
    {DH_C_REG_UNCHECKED, CAT_REG_UNCHECKED, REST_NONE, 0},
    {DH_C_NIL_RETURN, CAT_NIL, REST_DEPT, 0},
    {DH_C_DECISION, CAT_DECISION, REST_SUB, 3},
    {DH_C_ACTIVITY, CAT_ACTIVITY, REST_SUB, 3},
    {DH_C_ATTENDEES, CAT_ATTENDEES, REST_NONE, 0},
    {DH_C_SESSION, CAT_SESSION, REST_NONE, 0},
    {DH_C_ITEM, CAT_ITEM, REST_SUB, 3},
    {DH_C_PROVINCIAL, CAT_PROVINCIAL, REST_SUB, DH_STAGE__COUNT - 1},
};

static const year_cat *year_cat_of(unsigned char cat)
{
	for (size_t i = 0; i < sizeof year_cats / sizeof year_cats[0]; i++)
		if (year_cats[i].cat == cat)
			return &year_cats[i];
	return NULL;
}

static int decode(const unsigned char *k, size_t klen, const unsigned char *v, size_t vlen, dh_count *out)
{
	memset(out, 0, sizeof(*out));
	if (vlen < VALUE_LEN || klen < YEAR_PREFIX)
		return DH_ECORRUPT;
	out->value = (int64_t)store_get_u64(v);
	out->year = year_of_bits(get_u32(k + 1));
	if (k[0] == NS_FOSTER_OF) {
		if (klen != 13 || vlen != VALUE_LEN)
			return DH_ECORRUPT;
		out->what = DH_C_FOSTERING_OF;
		out->candidate = store_get_u64(k + 5);
		return 0;
	}
	if (k[0] != NS_YEAR || klen < 6)
		return DH_ECORRUPT;
	const unsigned char *r = k + 6;
	size_t rlen = klen - 6;
	size_t fixed = 0;
	unsigned rest, sub_max = 0;
	if (k[5] == CAT_CANDIDATE) {
		out->what = DH_C_CANDIDATE;
		if (rlen < 2 || r[0] >= DH_CANDIDATE_KINDS || r[1] >= DH_STAGE__COUNT)
			return DH_ECORRUPT;
		out->sub = r[0];
		out->stage = r[1];
		fixed = 2;
		rest = REST_DEPT;
	} else if (k[5] == CAT_CRITERIA) {
		out->what = DH_C_CRITERIA;
		if (rlen != 1 + SET_DIGEST || r[0] >= DH_CANDIDATE_KINDS)
			return DH_ECORRUPT;
		if (vlen > VALUE_LEN && v[vlen - 1] != '\0')
			return DH_ECORRUPT;
		out->sub = r[0];
		out->set = (const char *)v + VALUE_LEN;
		out->set_len = vlen - VALUE_LEN;
		return 0;
	} else {
		const year_cat *yc = year_cat_of(k[5]);
		if (!yc)
			return DH_ECORRUPT;
		out->what = yc->what;
		rest = yc->rest;
		sub_max = yc->sub_max;
	}
	if (vlen != VALUE_LEN)
		return DH_ECORRUPT;
	if (rest == REST_SUB) {
		if (rlen != 1 || r[0] > sub_max)
			return DH_ECORRUPT;
		out->sub = r[0];
		return 0;
	}
	if (rest == REST_DEPT) {
		out->dept = (const char *)r + fixed;
		out->dept_len = rlen - fixed;
		return memchr(out->dept, '\0', out->dept_len) ? DH_ECORRUPT : 0;
	}
	return rlen ? DH_ECORRUPT : 0;
}

typedef struct each_year {
	dh_count_fn fn;
	void *ctx;
} each_year;

static int each_year_one(const void *key, size_t klen, const void *val, size_t vlen, void *p)
{
	each_year *e = p;
	dh_count c;
	int rc = decode(key, klen, val, vlen, &c);
	return rc ? rc : e->fn(&c, e->ctx);
}

int counts_each_year(dh_stxn *txn, int year, dh_count_fn fn, void *ctx)
{
	unsigned char prefix[YEAR_PREFIX];
	prefix[0] = NS_YEAR;
	put_u32(prefix + 1, year_bits(year));
	each_year e = {fn, ctx};
	return store_scan(txn, DH_T_COUNTS, prefix, sizeof(prefix), NULL, 0, false, each_year_one, &e);
}

void counts_describe(const dh_count *c, char *buf, size_t size)
{
	int d = (int)(c->dept_len > 200 ? 200 : c->dept_len);
	const char *dept = d ? c->dept : "(không ghi phòng)";
	if (!d)
		d = (int)strlen(dept);
	switch (c->what) {
	case DH_C_CANDIDATE:
		snprintf(buf, size, "hồ sơ năm %d của phòng %.*s, %s, %s", c->year, d, dept,
		         kind_label(c->sub), stage_label(c->stage));
		break;
	case DH_C_HOLD:
		snprintf(buf, size, "hồ sơ tạm dừng xét năm %d của phòng %.*s", c->year, d, dept);
		break;
	case DH_C_CRITERIA: {
		char ids[200];
		size_t o = 0;
		for (size_t i = 0; i < c->set_len && o + 2 < sizeof(ids); i++)
			ids[o++] = c->set[i] ? c->set[i] : (i + 1 < c->set_len ? ',' : '\0');
		ids[o < sizeof(ids) ? o : sizeof(ids) - 1] = '\0';
		snprintf(buf, size, "hồ sơ năm %d, %s, có các tiêu chí «%s»", c->year, kind_label(c->sub),
		         ids);
		break;
	}
	case DH_C_FOSTERING:
		snprintf(buf, size, "lượt bồi dưỡng năm %d, %s", c->year, fostering_kind_label(c->sub));
		break;
	case DH_C_MATERIAL: snprintf(buf, size, "tổng hỗ trợ vật chất năm %d (đồng)", c->year); break;
	case DH_C_FOSTERED: snprintf(buf, size, "hồ sơ được bồi dưỡng năm %d", c->year); break;
	case DH_C_FOSTERING_OF:
		snprintf(buf, size, "lượt bồi dưỡng năm %d của hồ sơ #%llu", c->year,
		         (unsigned long long)c->candidate);
		break;
	case DH_C_REGISTRATION:
		snprintf(buf, size, "đăng ký năm %d, %s", c->year, reg_status_label(c->sub));
		break;
	case DH_C_REG_ACTIVE:
		snprintf(buf, size, "đăng ký đã nộp hoặc đã tiếp nhận năm %d của phòng %.*s", c->year, d,
		         dept);
		break;
	case DH_C_REG_UNCHECKED: snprintf(buf, size, "đăng ký năm %d chờ Văn phòng kiểm tra", c->year); break;
	case DH_C_NIL_RETURN:
		snprintf(buf, size, "báo không có đăng ký năm %d của phòng %.*s", c->year, d, dept);
		break;
	case DH_C_DECISION:
		snprintf(buf, size, "quyết định %s năm %d", c->sub ? "tặng Giấy khen" : "công nhận", c->year);
		break;
	case DH_C_ACTIVITY:
		snprintf(buf, size, "hoạt động nhân rộng năm %d, %s", c->year, activity_kind_label(c->sub));
		break;
	case DH_C_PROVINCIAL:
		snprintf(buf, size, "hồ sơ năm %d hướng tới cấp tỉnh, %s", c->year, stage_label(c->sub));
		break;
	case DH_C_ATTENDEES: snprintf(buf, size, "lượt người dự nhân rộng năm %d", c->year); break;
	case DH_C_SESSION: snprintf(buf, size, "phiên họp Hội đồng năm %d", c->year); break;
	case DH_C_ITEM: snprintf(buf, size, "lượt bình xét %s năm %d", result_label(c->sub), c->year); break;
	default: snprintf(buf, size, "số đếm không rõ"); break;
	}
}

/* --- from the records -------------------------------------------------- */

typedef struct session_year {
	uint64_t id;
	int year;
	bool counts;
} session_year;

typedef struct rebuild {
	dh_counts *c;
	session_year *sessions; /* in id order: the records come so */
	size_t n_sessions, cap_sessions;
	uint64_t records;
} rebuild;

static int cmp_session(const void *a, const void *b)
{
	uint64_t x = ((const session_year *)a)->id, y = ((const session_year *)b)->id;
	return (x > y) - (x < y);
}

static int rebuild_one(const void *key, size_t klen, const void *val, size_t vlen, void *p)
{
	rebuild *r = p;
	if (klen != REC_KEY)
		return DH_ECORRUPT;
	dh_rtype type = (dh_rtype)((const unsigned char *)key)[0];
	r->records++;
	switch (type) {
	case DH_R_CANDIDATE:
	case DH_R_FOSTERING:
	case DH_R_REGISTRATION:
	case DH_R_NIL_RETURN:
	case DH_R_DECISION:
	case DH_R_ACTIVITY:
	case DH_R_SESSION:
	case DH_R_VOTE_ITEM: break;
	default: return 0; /* counts nothing */
	}
	void *rec;
	int rc = record_decode(type, val, vlen, &rec);
	if (rc)
		return rc;
	if (type == DH_R_SESSION) {
		const dh_session *s = rec;
		if (buf_reserve(&r->sessions, &r->cap_sessions, r->n_sessions + 1, sizeof(*r->sessions))) {
			record_free(type, rec);
			return DH_ENOMEM;
		}
		r->sessions[r->n_sessions++] = (session_year){s->meta.id, s->year, !s->meta.deleted};
	}
	if (type == DH_R_VOTE_ITEM) {
		const dh_vote_item *it = rec;
		session_year want = {.id = it->session_id};
		const session_year *s =
		    r->n_sessions ? bsearch(&want, r->sessions, r->n_sessions, sizeof(want), cmp_session)
		                  : NULL;
		rc = add_item(r->c, it, s && s->counts, s ? s->year : 0, +1);
	} else {
		rc = add_plain(r->c, type, rec, +1);
	}
	record_free(type, rec);
	return rc;
}

/* C: every record's contribution in TXN, and the derived number of
 * candidates fostered per year, as counters written into an empty table
 * would hold them. */
static int rebuild_all(dh_counts *c, dh_stxn *txn, uint64_t *records)
{
	rebuild r = {.c = c};
	int rc = store_scan(txn, DH_T_RECORDS, NULL, 0, NULL, 0, false, rebuild_one, &r);
	free(r.sessions);
	if (records)
		*records = r.records;
	return rc;
}

/* What counts_flush derives, for a C that starts from nothing. */
static int derive_fostered(dh_counts *c)
{
	size_t n = c->n;
	for (size_t i = 0; i < n; i++) {
		const centry *e = &c->e[i];
		if (!e->delta || c->arena[e->key] != NS_FOSTER_OF)
			continue;
		ckey k;
		int rc =
		    add_key(c, key_year(&k, year_of_bits(get_u32(c->arena + e->key + 1)), CAT_FOSTERED), 1);
		if (rc)
			return rc;
	}
	return 0;
}

int counts_migrate(dh_stxn *txn, const char *who)
{
	/* Nothing should be there; whatever is goes, so that the counters
	 * are the records' alone. */
	int rc = store_clear(txn, DH_T_COUNTS);
	if (rc)
		return rc;
	dh_counts *c = counts_new();
	if (!c)
		return DH_ENOMEM;
	uint64_t records = 0;
	rc = rebuild_all(c, txn, &records);
	if (!rc)
		rc = counts_flush(c, txn);
	counts_free(c);
	if (rc)
		return rc;

	uint64_t last;
	unsigned char prev[DH_HASH_LEN], records_hash[DH_HASH_LEN];
	if ((rc = verify_chain_tip(txn, &last, prev)))
		return rc;
	/* It vouches for no record: the hash of nothing. */
	verify_hash("", 0, records_hash);
	char summary[96], note[200];
	snprintf(summary, sizeof(summary), "{\"records\":%llu}", (unsigned long long)records);
	snprintf(note, sizeof(note), "Bắt đầu giữ số liệu sơ kết, tổng kết bằng số đếm: tính từ %llu bản ghi",
	         (unsigned long long)records);
	dh_audit a = {
	    .who = (char *)who,
	    .action = (char *)DH_AUDIT_COUNTS_ACTION,
	    .target_type = DH_R_AUDIT,
	    .after = summary,
	    .note = note,
	};
	return verify_append_entry(txn, &a, last + 1, prev, records_hash);
}

/* --- the check --------------------------------------------------------- */

typedef struct check {
	dh_counts *want;
	uint64_t checked, differ;
	char *msg;
	size_t size;
} check;

static void check_differ(check *k, const dh_count *c, int64_t kept, int64_t want)
{
	if (k->differ++)
		return;
	char what[320];
	counts_describe(c, what, sizeof(what));
	snprintf(k->msg, k->size, "Số đếm «%s» là %lld nhưng đếm lại từ hồ sơ được %lld", what,
	         (long long)kept, (long long)want);
}

static int check_one(const void *key, size_t klen, const void *val, size_t vlen, void *p)
{
	check *k = p;
	dh_count c;
	k->checked++;
	if (decode(key, klen, val, vlen, &c)) {
		if (!k->differ++)
			snprintf(k->msg, k->size, "Có một số đếm hỏng (khóa %zu byte, giá trị %zu byte)",
			         klen, vlen);
		return 0;
	}
	int rc;
	long i = entry_of(k->want, key, klen, NULL, 0, false, &rc);
	centry *e = i >= 0 ? &k->want->e[i] : NULL;
	int64_t want = e ? e->delta : 0;
	if (e)
		e->seen = true;
	bool same_set = !e || c.what != DH_C_CRITERIA ||
	                (e->plen == c.set_len && memcmp(k->want->arena + e->pay, c.set, c.set_len) == 0);
	if (c.value != want || !same_set)
		check_differ(k, &c, c.value, want);
	return 0;
}

static int check_fn(dh_stxn *txn, void *p)
{
	check *k = p;
	int rc = rebuild_all(k->want, txn, NULL);
	if (!rc)
		rc = derive_fostered(k->want);
	if (!rc)
		rc = store_scan(txn, DH_T_COUNTS, NULL, 0, NULL, 0, false, check_one, k);
	for (size_t i = 0; i < k->want->n && !rc; i++) {
		const centry *e = &k->want->e[i];
		if (e->seen || !e->delta)
			continue;
		/* A number the records give that no counter keeps. */
		unsigned char v[VALUE_LEN + 256];
		size_t plen = e->plen < 256 ? e->plen : 0;
		store_put_u64(v, (uint64_t)e->delta);
		memcpy(v + VALUE_LEN, k->want->arena + e->pay, plen);
		dh_count c;
		if (decode(k->want->arena + e->key, e->klen, v, VALUE_LEN + plen, &c) == 0)
			check_differ(k, &c, 0, e->delta);
		else if (!k->differ++)
			snprintf(k->msg, k->size, "Thiếu một số đếm");
	}
	return rc;
}

int counts_check(dh_store *st, uint64_t *checked, char *msg, size_t size)
{
	check k = {.msg = msg, .size = size};
	*checked = 0;
	if (size)
		msg[0] = '\0';
	if (!(k.want = counts_new()))
		return DH_ENOMEM;
	int rc = store_read(st, check_fn, &k);
	counts_free(k.want);
	*checked = k.checked;
	if (rc)
		return rc;
	if (k.differ > 1) {
		size_t n = strlen(msg);
		snprintf(msg + n, size - n, " (và %llu số đếm khác cũng không khớp)",
		         (unsigned long long)(k.differ - 1));
	}
	return k.differ ? DH_ECORRUPT : 0;
}
