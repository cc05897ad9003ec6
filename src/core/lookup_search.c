/* lookup_search.c — the query over the word index (how it runs, and
 * how hits rank: lookup.c's header and lookup_rank.h). */
#include "dienhinh/lookup.h"

#include "dienhinh/config.h"
#include "dienhinh/error.h"
#include "dienhinh/fold.h"
#include "dienhinh/store.h"
#include "lookup_internal.h"
#include "dienhinh/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- search ------------------------------------------------------------ */

typedef struct lk_dept {
	unsigned char spell[LK_SPELL_MAX]; /* directory key; its year byte set per year */
	uint8_t slen;
	char id[FOLD_BASE_MAX + 1];
	uint8_t quality; /* of the query word against the department's name */
} lk_dept;

/* A spelling that matches a query word in one year: its posting key
 * without the id, what it is worth, and its size. */
typedef struct lk_spelling {
	unsigned char spell[LK_SPELL_MAX];
	uint8_t slen;
	uint8_t points; /* quality * 4 + field weight */
	uint8_t field;  /* lk_field */
	uint32_t chunks;
} lk_spelling;

typedef struct lk_qword {
	fold_word w;
	lk_dept *depts;
	size_t ndepts;
	lk_spelling *spells; /* grouped by year, best first within a year */
	size_t nspells, spells_cap;
	uint32_t from[256], to[256]; /* per year byte: its range in SPELLS */
	uint64_t est[256];           /* per year byte: chunks to scan */
	uint8_t maxp[256];           /* per year byte: the best points offered */
	uint8_t minp;                /* spellings worth less are left out */
} lk_qword;

typedef struct lk_cand {
	uint64_t id;
	uint8_t matched; /* query words matched so far */
	uint8_t cur;     /* best points for the word being matched */
	uint16_t qsum, fsum;
	lk_rank_at at; /* where each query word matched (lookup_rank.h) */
} lk_cand;

typedef struct lk_search {
	const dh_lookup_opts *opts;
	lk_qword q[LK_QUERY_WORDS];
	size_t nq;
	size_t order[LK_QUERY_WORDS]; /* this year's words, rarest first */
	uint8_t years[256];
	size_t nyears;
	uint8_t year; /* the year being searched */
	lk_cand *cands;
	size_t ncands, cap;
	uint32_t *slot; /* id -> index + 1 in cands */
	uint64_t *bits; /* id -> live: a bit per id keeps the test in cache */
	uint64_t nslots;
	/* One bit per block of 2^LK_BLOCK_SHIFT ids holding a live candidate:
	 * after the first word, a chunk whose ids miss every live block is
	 * skipped undecoded. */
	uint64_t *blocks;
	size_t nblocks;  /* in uint64_t words */
	unsigned stages; /* bit per dh_stage wanted */
	unsigned round;  /* position in ORDER of the word being matched */
	dh_hit *hits;
	size_t nhits, hcap;
	uint32_t classes[LK_RANKS]; /* hits per rank (lk_rank_of) */
	unsigned min_class;         /* hits of a lower rank are not kept */
	uint64_t *fresh;            /* fresh candidates: their postings are skipped */
	size_t nfresh, fresh_cap;
	uint64_t last_id; /* the highest candidate id: every id read back is at most this */
	int err;
	dh_stxn *txn; /* the read the query runs in */
} lk_search;

static void lk_blocks_build(lk_search *s)
{
	size_t need = (size_t)(s->nslots >> LK_BLOCK_SHIFT) / 64 + 1;
	if (need > s->nblocks) {
		uint64_t *v = realloc(s->blocks, need * sizeof *v);
		if (!v) {
			free(s->blocks); /* no skipping: slower, still right */
			s->blocks = NULL;
			s->nblocks = 0;
			return;
		}
		s->blocks = v;
		s->nblocks = need;
	}
	memset(s->blocks, 0, s->nblocks * sizeof *s->blocks);
	for (size_t k = 0; k < s->ncands; k++) {
		if (s->cands[k].matched != s->round)
			continue;
		uint64_t b = s->cands[k].id >> LK_BLOCK_SHIFT;
		s->blocks[b / 64] |= 1ull << (b % 64);
	}
}

/* Whether a live candidate may have an id in FIRST..LAST. */
static bool lk_blocks_any(const lk_search *s, uint64_t first, uint64_t last)
{
	if (!s->blocks)
		return true;
	uint64_t b = first >> LK_BLOCK_SHIFT, e = last >> LK_BLOCK_SHIFT;
	if (b / 64 >= s->nblocks)
		return false;
	if (e / 64 >= s->nblocks)
		e = (uint64_t)s->nblocks * 64 - 1;
	for (; b <= e; b++) {
		uint64_t word = s->blocks[b / 64] >> (b % 64);
		if (word & 1)
			return true;
		if (!word) /* nothing more in this word: on to the next */
			b |= 63;
	}
	return false;
}

static int lk_slot_grow(lk_search *s, uint64_t id)
{
	uint64_t n = s->nslots ? s->nslots : 1024;
	while (n <= id)
		n *= 2;
	uint32_t *v = realloc(s->slot, n * sizeof *v);
	if (!v)
		return DH_ENOMEM;
	memset(v + s->nslots, 0, (n - s->nslots) * sizeof *v);
	s->slot = v;
	uint64_t *b = realloc(s->bits, n / 64 * sizeof *b);
	if (!b)
		return DH_ENOMEM;
	memset(b + s->nslots / 64, 0, (n - s->nslots) / 64 * sizeof *b);
	s->bits = b;
	s->nslots = n;
	return 0;
}

typedef struct lk_scan {
	lk_search *s;
	unsigned points;
	unsigned field; /* of the spelling */
	size_t word;    /* the query word's index in S->Q */
} lk_scan;

/* The chunk's next entry at P (before END): *ID moved on by its delta
 * (one byte, the common case, read inline), *ENTRY its byte; NULL when
 * the chunk is cut short. */
static inline const unsigned char *lk_entry_next(const unsigned char *p, const unsigned char *end,
                                                 uint64_t *id, uint8_t *entry)
{
	uint64_t delta = *p;
	if (delta < 0x80)
		p++;
	else if (!(p = lk_varint_next(p, end, &delta)))
		return NULL;
	if (p == end)
		return NULL;
	*id += delta;
	*entry = *p++;
	return p;
}

/* The entries of one chunk, every one worth SC->POINTS. Spellings come best
 * first, so the first entry met for a candidate carries its best points
 * for this word: later ones are skipped on one bit, but for another
 * place of a word of equal points, noted for the tier. */
static int lk_scan_chunk(const void *key, size_t klen, const void *val, size_t vlen, void *ctx)
{
	lk_scan *sc = ctx;
	lk_search *s = sc->s;
	if (klen < 8 + 5)
		return s->err = store_corrupt(DH_T_WORDS, key, klen, "khóa danh sách tra cứu quá ngắn");
	const unsigned char *p = val, *end = p + vlen;
	uint64_t id = store_get_u64((const unsigned char *)key + klen - 8), span;
	if (!(p = lk_varint_next(p, end, &span)) || id + span < id)
		return s->err = store_corrupt(DH_T_WORDS, key, klen, "danh sách tra cứu sai dạng");
	if (id + span > s->last_id)
		return s->err = store_corrupt(DH_T_WORDS, key, klen, "mã hồ sơ vượt quá hồ sơ cuối cùng");
	unsigned stages = s->stages;
	uint8_t points = (uint8_t)sc->points;
	unsigned field = sc->field;
	size_t word = sc->word;
	if (s->round == 0) {
		/* room for every entry first: the loop then only writes */
		if (id + span >= s->nslots && lk_slot_grow(s, id + span))
			return s->err = DH_ENOMEM;
		if (s->cap - s->ncands < vlen / 2 + 1) {
			size_t cap = s->cap ? s->cap : 256;
			while (cap - s->ncands < vlen / 2 + 1)
				cap *= 2;
			lk_cand *v = realloc(s->cands, cap * sizeof *v);
			if (!v)
				return s->err = DH_ENOMEM;
			s->cands = v;
			s->cap = cap;
		}
		uint64_t *bits = s->bits;
		uint32_t *slot = s->slot;
		lk_cand *cands = s->cands;
		uint64_t last = id + span;
		size_t n = s->ncands;
		while (p < end) {
			uint8_t entry;
			if (!(p = lk_entry_next(p, end, &id, &entry)))
				return s->err =
				           store_corrupt(DH_T_WORDS, key, klen, "danh sách tra cứu bị cắt");
			unsigned stage = entry & 15;
			if (!(stages >> stage & 1) || id > last)
				continue;
			uint64_t live = bits[id / 64], bit = 1ull << (id % 64);
			if (live & bit) {
				/* seen: a fresh id (slot 0), or this word again */
				uint32_t at = slot[id];
				if (at && cands[at - 1].cur == points)
					lk_rank_note(&cands[at - 1].at, word, field, entry, false);
				continue;
			}
			bits[id / 64] = live | bit;
			cands[n] = (lk_cand){.id = id, .matched = 1, .cur = points};
			lk_rank_note(&cands[n].at, word, field, entry, true);
			slot[id] = (uint32_t)++n;
		}
		s->ncands = n;
		return 0;
	}
	if (!lk_blocks_any(s, id, id + span))
		return 0;
	const uint64_t *bits = s->bits;
	uint64_t nslots = s->nslots;
	unsigned round = s->round;
	while (p < end) {
		uint8_t entry;
		if (!(p = lk_entry_next(p, end, &id, &entry)))
			return s->err = store_corrupt(DH_T_WORDS, key, klen, "danh sách tra cứu bị cắt");
		unsigned stage = entry & 15;
		if (!(stages >> stage & 1) || id >= nslots || !(bits[id / 64] >> (id % 64) & 1))
			continue;
		lk_cand *c = &s->cands[s->slot[id] - 1];
		if (c->matched == round) {
			c->matched++;
			c->cur = points;
			lk_rank_note(&c->at, word, field, entry, true);
		} else if (c->matched == round + 1 && c->cur == points) {
			lk_rank_note(&c->at, word, field, entry, false);
		}
	}
	return 0;
}

/* Quality of the spelling K for query word Q, FOLD_NONE when its marks do
 * not fit. */
static unsigned lk_key_quality(const fold_word *q, const lk_key *k)
{
	if (!fold_marks_fit(q, k->tone, k->mods, k->nmods))
		return FOLD_NONE;
	if (k->blen > q->len)
		return FOLD_PREFIX;
	return q->tone == k->tone && q->nmods == k->nmods ? FOLD_EXACT : FOLD_WHOLE;
}

typedef struct lk_plan {
	lk_search *s;
	lk_qword *qw;
	unsigned dept_quality; /* > 0 for a department's directory key */
} lk_plan;

/* One directory key: a spelling that may match the query word. */
static int lk_plan_key(const void *key, size_t klen, const void *val, size_t vlen, void *ctx)
{
	lk_plan *pl = ctx;
	lk_qword *qw = pl->qw;
	lk_key k;
	if (lk_key_parse(key, klen, &k) || vlen != 4)
		return pl->s->err = store_corrupt(DH_T_WORDS, key, klen, "khóa thư mục tra cứu sai dạng");
	unsigned quality = pl->dept_quality ? pl->dept_quality : lk_key_quality(&qw->w, &k);
	if (!quality)
		return 0;
	if (buf_reserve(&qw->spells, &qw->spells_cap, qw->nspells + 1, sizeof(*qw->spells)))
		return pl->s->err = DH_ENOMEM;
	const unsigned char *c = val;
	lk_spelling *sp = &qw->spells[qw->nspells++];
	memcpy(sp->spell, key, klen);
	sp->spell[0] = LK_POSTING;
	sp->slen = (uint8_t)klen;
	sp->points = (uint8_t)(quality * 4 + (unsigned)lk_field_weight(k.field));
	sp->field = (uint8_t)k.field;
	sp->chunks = (uint32_t)c[0] << 24 | (uint32_t)c[1] << 16 | (uint32_t)c[2] << 8 | c[3];
	qw->est[k.year] += sp->chunks;
	if (sp->points > qw->maxp[k.year])
		qw->maxp[k.year] = sp->points;
	return 0;
}

/* Best points first; among equal points the field that comes first
 * (lk_field), so that the field a word's tier counts is the one the record
 * check picks too (lk_verify_word). */
static int lk_spelling_cmp(const void *a, const void *b)
{
	const lk_spelling *x = a, *y = b;
	if (x->points != y->points)
		return y->points - x->points;
	if (x->field != y->field)
		return x->field - y->field;
	size_t n = x->slen < y->slen ? x->slen : y->slen;
	int c = memcmp(x->spell, y->spell, n);
	return c ? c : x->slen - y->slen;
}

/* The spellings of query word QW in every year, from the directory. */
static int lk_plan_word(lk_search *s, dh_stxn *txn, lk_qword *qw)
{
	qw->nspells = 0;
	memset(qw->est, 0, sizeof qw->est);
	memset(qw->maxp, 0, sizeof qw->maxp);
	memset(qw->from, 0, sizeof qw->from);
	memset(qw->to, 0, sizeof qw->to);
	lk_plan pl = {.s = s, .qw = qw};
	int rc = 0;
	for (size_t y = 0; rc >= 0 && !s->err && y < s->nyears; y++) {
		uint8_t year = s->years[y];
		unsigned char prefix[LK_SPELL_MAX];
		prefix[0] = LK_DIRECTORY;
		prefix[1] = year;
		memcpy(prefix + 2, qw->w.base, qw->w.len);
		qw->from[year] = (uint32_t)qw->nspells;
		pl.dept_quality = 0;
		rc = store_scan(txn, DH_T_WORDS, prefix, 2 + qw->w.len, NULL, 0, false, lk_plan_key, &pl);
		for (size_t d = 0; rc >= 0 && !s->err && d < qw->ndepts; d++) {
			lk_dept *dep = &qw->depts[d];
			dep->spell[1] = year;
			pl.dept_quality = dep->quality;
			rc = store_scan(txn, DH_T_WORDS, dep->spell, dep->slen, NULL, 0, false, lk_plan_key,
			                &pl);
		}
		qw->to[year] = (uint32_t)qw->nspells;
		if (qw->to[year] - qw->from[year] > 1)
			qsort(qw->spells + qw->from[year], qw->to[year] - qw->from[year], sizeof *qw->spells,
			      lk_spelling_cmp);
	}
	return rc < 0 ? rc : s->err;
}

/* Scans query word QW's postings in the year being searched, its best
 * spellings first. */
static int lk_scan_word(lk_search *s, dh_stxn *txn, const lk_qword *qw)
{
	lk_scan sc = {.s = s, .word = (size_t)(qw - s->q)};
	int rc = 0;
	for (uint32_t i = qw->from[s->year]; rc >= 0 && !s->err && i < qw->to[s->year]; i++) {
		const lk_spelling *sp = &qw->spells[i];
		if (sp->points < qw->minp)
			break; /* best first: the rest are worth less still */
		sc.points = sp->points;
		sc.field = sp->field;
		rc = store_scan(txn, DH_T_WORDS, sp->spell, sp->slen, NULL, 0, false, lk_scan_chunk, &sc);
	}
	return rc < 0 ? rc : s->err;
}

/* Query word Q (S->Q[WORD]) against a candidate's words D as its postings
 * have them (lk_doc_build): its best points, 0 when it does not match, and
 * where it matched into *AT, by the rule of the postings' scan: the
 * spellings of the best points, in the first field among them. */
static unsigned lk_verify_doc(const lk_qword *q, size_t word, const lk_doc *d, lk_rank_at *at)
{
	unsigned best = 0, best_field = 0;
	for (int pass = 0; pass < 2; pass++) {
		bool first = true;
		for (size_t i = 0; i < d->n; i++) {
			const lk_posting *p = &d->v[i];
			lk_key k;
			if (lk_key_parse(p->spell, p->slen, &k))
				continue;
			unsigned quality = 0;
			if (k.field == LK_DEPARTMENT) {
				for (size_t j = 0; j < q->ndepts; j++)
					if (k.blen == strlen(q->depts[j].id) + 1 &&
					    memcmp(k.base + 1, q->depts[j].id, k.blen - 1) == 0)
						quality = q->depts[j].quality;
			} else if (k.blen >= q->w.len && memcmp(k.base, q->w.base, q->w.len) == 0) {
				quality = lk_key_quality(&q->w, &k);
			}
			if (!quality)
				continue;
			unsigned points = quality * 4 + (unsigned)lk_field_weight(k.field);
			if (pass == 0) {
				if (points > best || (points == best && k.field < best_field)) {
					best = points;
					best_field = k.field;
				}
			} else if (points == best && k.field == best_field) {
				lk_rank_note(at, word, k.field, p->e.stage, first);
				first = false;
			}
		}
		if (!best)
			return 0;
	}
	return best;
}

/* Checks the words from ORDER[FROM] on of every live candidate on its
 * record. */
static int lk_verify_rest(lk_search *s, dh_stxn *txn, size_t from)
{
	for (size_t k = 0; k < s->ncands; k++) {
		lk_cand *c = &s->cands[k];
		if (c->matched != from)
			continue;
		unsigned char key[9];
		key[0] = DH_R_CANDIDATE;
		store_put_u64(key + 1, c->id);
		const void *val;
		size_t vlen;
		int rc = store_get(txn, DH_T_RECORDS, key, sizeof key, &val, &vlen);
		if (rc == DH_ENOTFOUND)
			continue;
		if (rc)
			return rc;
		void *rec;
		if ((rc = record_decode(DH_R_CANDIDATE, val, vlen, &rec)))
			return rc;
		lk_doc d = {0};
		rc = lk_doc_build(&d, rec);
		record_free(DH_R_CANDIDATE, rec);
		for (size_t i = from; !rc && i < s->nq; i++) {
			unsigned points = lk_verify_doc(&s->q[s->order[i]], s->order[i], &d, &c->at);
			if (!points)
				break;
			c->matched++;
			c->qsum = (uint16_t)(c->qsum + points / 4);
			c->fsum = (uint16_t)(c->fsum + points % 4);
		}
		free(d.v);
		if (rc)
			return rc;
	}
	return 0;
}

/* What a hit ranks by, best last: the tier (how the words stand: the
 * name, together, in the typed order, typed in full), then the class
 * (exact spelling, then field); the score adds the newer year. */
static unsigned lk_rank_of(const lk_search *s, const lk_rank_at *at, unsigned qsum, unsigned fsum)
{
	unsigned class = qsum * 64 + fsum;
	if (class >= LK_CLASSES)
		class = LK_CLASSES - 1;
	return lk_rank_tier(at, s->nq) * LK_CLASSES + class;
}

static int lk_push_hit(lk_search *s, const lk_cand *c)
{
	if (buf_reserve(&s->hits, &s->hcap, s->nhits + 1, sizeof(*s->hits)))
		return DH_ENOMEM;
	unsigned rank = lk_rank_of(s, &c->at, c->qsum, c->fsum);
	if (rank < s->min_class)
		return 0;
	unsigned char key[9];
	key[0] = DH_R_CANDIDATE;
	store_put_u64(key + 1, c->id);
	if (store_hidden(s->txn, DH_T_RECORDS, key, sizeof key))
		return 0; /* staged by an import, not published yet */
	s->hits[s->nhits++] = (dh_hit){.id = c->id, .score = (int)rank * 10000 + lk_year_of(s->year)};
	s->classes[rank]++;
	return 0;
}

/* What a query word's spellings worth at least its MINP offer in year Y:
 * chunks to scan, and the best points (0: none). */
static uint64_t lk_year_est(const lk_qword *qw, uint8_t y, unsigned *maxp)
{
	uint64_t est = 0;
	*maxp = 0;
	for (uint32_t i = qw->from[y]; i < qw->to[y] && qw->spells[i].points >= qw->minp; i++) {
		est += qw->spells[i].chunks;
		if (qw->spells[i].points > *maxp)
			*maxp = qw->spells[i].points;
	}
	return est;
}

/* The class a word's best points give: quality before field. */
static unsigned lk_class_of(unsigned points)
{
	return points / 4 * 64 + points % 4;
}

static void lk_fresh_mark(lk_search *s, bool on)
{
	for (size_t i = 0; i < s->nfresh; i++) {
		uint64_t id = s->fresh[i];
		if (on)
			s->bits[id / 64] |= 1ull << (id % 64);
		else
			s->bits[id / 64] &= ~(1ull << (id % 64));
	}
}

/* All hits of the query in year S->YEARS[YI], appended to S->HITS. */
static int lk_search_year(lk_search *s, dh_stxn *txn, size_t yi)
{
	uint8_t y = s->years[yi];
	s->year = y;
	/* rarest first; a word with no spelling this year: no hit this year */
	uint64_t est[LK_QUERY_WORDS];
	for (size_t i = 0; i < s->nq; i++) {
		unsigned maxp;
		est[i] = lk_year_est(&s->q[i], y, &maxp);
		if (!maxp)
			return 0;
		size_t j = i;
		while (j > 0 && est[s->order[j - 1]] > est[i]) {
			s->order[j] = s->order[j - 1];
			j--;
		}
		s->order[j] = i;
	}
	int rc = 0;
	for (size_t i = 0; i < s->nq && !rc; i++) {
		if (i > 0) {
			size_t live = 0;
			for (size_t k = 0; k < s->ncands; k++)
				live += s->cands[k].matched == i;
			if (live == 0)
				break;
			uint64_t rest = 0;
			for (size_t j = i; j < s->nq; j++)
				rest += est[s->order[j]];
			if ((uint64_t)live * LK_VERIFY_CHUNKS < rest) {
				rc = lk_verify_rest(s, txn, i);
				break;
			}
			/* the live bits: the candidates that matched every word
			 * so far */
			for (size_t k = 0; k < s->ncands; k++)
				if (s->cands[k].matched != i)
					s->bits[s->cands[k].id / 64] &= ~(1ull << (s->cands[k].id % 64));
		}
		s->round = (unsigned)i;
		if (i > 0)
			lk_blocks_build(s);
		/* The first word makes the candidates: a fresh id's bit set
		 * beforehand keeps its stale postings out. */
		if (i == 0)
			lk_fresh_mark(s, true);
		rc = lk_scan_word(s, txn, &s->q[s->order[i]]);
		if (i == 0)
			lk_fresh_mark(s, false);
		if (rc)
			break;
		for (size_t k = 0; k < s->ncands; k++) {
			lk_cand *c = &s->cands[k];
			if (c->matched == i + 1) {
				c->qsum = (uint16_t)(c->qsum + c->cur / 4);
				c->fsum = (uint16_t)(c->fsum + c->cur % 4);
			}
		}
		if (s->ncands == 0)
			break;
	}
	for (size_t k = 0; k < s->ncands; k++) {
		uint64_t id = s->cands[k].id;
		if (!rc && s->cands[k].matched == s->nq)
			rc = lk_push_hit(s, &s->cands[k]);
		s->slot[id] = 0;
		s->bits[id / 64] &= ~(1ull << (id % 64));
	}
	s->ncands = 0;
	return rc;
}

/* The class of the LIMIT-th best hit so far, or -1 when fewer. */
static int lk_kth_class(const lk_search *s)
{
	size_t limit = s->opts->limit, seen = 0;
	if (limit == 0 || s->nhits < limit)
		return -1;
	for (unsigned c = LK_RANKS; c-- > 0;) {
		seen += s->classes[c];
		if (seen >= limit)
			return (int)c;
	}
	return -1;
}

/* With a limit, once the years up to YI give LIMIT hits: among equal
 * matches the newer year wins, so an older year matters only for a hit of
 * a strictly better rank (tier and class) than the LIMIT-th best so far. The best class an
 * older hit could have is each word at the best (quality, field) its
 * spellings offer in the older years. If that cannot beat the LIMIT-th
 * best: done. Else the older hits that could are those whose every word is
 * close to its best: when the spellings close enough are fewer than the
 * next year's, search every older year with those only, and be done.
 * Returns 1 when done. */
static int lk_after_year(lk_search *s, dh_stxn *txn, size_t yi)
{
	int kth = lk_kth_class(s);
	if (kth < 0)
		return 0;
	unsigned best[LK_QUERY_WORDS], bound = 0;
	for (size_t i = 0; i < s->nq; i++) {
		best[i] = 0;
		for (size_t y = yi + 1; y < s->nyears; y++)
			if (s->q[i].maxp[s->years[y]] > best[i])
				best[i] = s->q[i].maxp[s->years[y]];
		if (!best[i])
			return 1; /* this word matches nothing older */
		bound += lk_class_of(best[i]);
	}
	/* The tier is not in the directory: take the best one a hit of this
	 * many words can have (together in the name; typed in full from
	 * LK_RANK_FULL_MIN words). */
	unsigned top_tier = s->nq < LK_RANK_FULL_MIN ? LK_RANK_TIERS - 2 : LK_RANK_TIERS - 1;
	bound += top_tier * LK_CLASSES;
	if ((int)bound <= kth)
		return 1;
	/* A hit above KTH has every word within SLACK of its best. */
	unsigned slack = bound - (unsigned)kth - 1;
	uint64_t restricted = 0, next = 0;
	for (size_t i = 0; i < s->nq; i++) {
		lk_qword *qw = &s->q[i];
		unsigned minp = best[i];
		while (minp > 1 && lk_class_of(best[i]) - lk_class_of(minp - 1) <= slack)
			minp--;
		next += qw->est[s->years[yi + 1]];
		uint8_t saved = qw->minp;
		qw->minp = (uint8_t)minp;
		for (size_t y = yi + 1; y < s->nyears; y++) {
			unsigned maxp;
			restricted += lk_year_est(qw, s->years[y], &maxp);
		}
		qw->minp = saved;
		best[i] = minp;
	}
	if (restricted >= next)
		return 0;
	for (size_t i = 0; i < s->nq; i++)
		s->q[i].minp = (uint8_t)best[i];
	s->min_class = (unsigned)kth + 1;
	for (size_t y = yi + 1; y < s->nyears; y++) {
		int rc = lk_search_year(s, txn, y);
		if (rc)
			return rc;
	}
	return 1;
}

static int lk_year_cb(const void *key, size_t klen, void *ctx)
{
	lk_search *s = ctx;
	if (klen == 2 && s->nyears < 256)
		s->years[s->nyears++] = ((const unsigned char *)key)[1];
	return 0;
}

static int lk_fresh_push(lk_search *s, uint64_t id)
{
	if (buf_reserve(&s->fresh, &s->fresh_cap, s->nfresh + 1, sizeof(*s->fresh)))
		return s->err = DH_ENOMEM;
	s->fresh[s->nfresh++] = id;
	if (id > s->last_id) {
		unsigned char key[8];
		lk_fresh_key(key, id);
		return s->err =
		           store_corrupt(DH_T_FRESH, key, sizeof key, "mã hồ sơ vượt quá hồ sơ cuối cùng");
	}
	if (id >= s->nslots && lk_slot_grow(s, id))
		return s->err = DH_ENOMEM;
	return 0;
}

typedef struct lk_fresh_scan {
	lk_search *s;
	bool has_mark;
	uint64_t mark;
} lk_fresh_scan;

static int lk_fresh_id_cb(const void *key, size_t klen, const void *val, size_t vlen, void *ctx)
{
	lk_fresh_scan *fs = ctx;
	if (klen == sizeof lk_mark_key) {
		if (vlen != 8)
			return fs->s->err = DH_ECORRUPT;
		fs->has_mark = true;
		fs->mark = store_get_u64(val);
		return 0;
	}
	if (klen != 8)
		return fs->s->err = DH_ECORRUPT;
	return lk_fresh_push(fs->s, store_get_u64(key));
}

static int lk_id_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* The fresh candidates: the keys of DH_T_FRESH, and every id above the
 * mark; sorted, each once. */
static int lk_fresh_ids(lk_search *s, dh_stxn *txn)
{
	lk_fresh_scan fs = {.s = s};
	int rc = store_scan(txn, DH_T_FRESH, NULL, 0, NULL, 0, false, lk_fresh_id_cb, &fs);
	if (rc < 0 || s->err)
		return rc < 0 ? rc : s->err;
	if (fs.has_mark) {
		uint64_t last = s->last_id;
		for (uint64_t id = fs.mark + 1; id <= last; id++)
			if (lk_fresh_push(s, id))
				return s->err;
	}
	if (s->nfresh > 1) {
		qsort(s->fresh, s->nfresh, sizeof *s->fresh, lk_id_cmp);
		size_t out = 1;
		for (size_t i = 1; i < s->nfresh; i++)
			if (s->fresh[i] != s->fresh[out - 1])
				s->fresh[out++] = s->fresh[i];
		s->nfresh = out;
	}
	return 0;
}

/* The hits among the fresh candidates, checked on their records. They
 * leave the classes alone: the years' early stop is about the postings,
 * and the best LIMIT of all is among the best LIMIT of the postings and
 * these. */
static int lk_fresh_hits(lk_search *s, dh_stxn *txn)
{
	for (size_t i = 0; i < s->nfresh; i++) {
		dh_candidate *c;
		int rc = lk_load_candidate(txn, s->fresh[i], &c);
		if (rc)
			return rc;
		if (!c)
			continue;
		unsigned stage = c->stage >= 0 && c->stage < 16 ? (unsigned)c->stage : 0;
		unsigned qsum = 0, fsum = 0;
		bool hit = !c->meta.deleted && (s->stages >> stage & 1);
		lk_doc d = {0};
		lk_rank_at at;
		memset(&at, 0, sizeof at);
		if (hit && (rc = lk_doc_build(&d, c))) {
			record_free(DH_R_CANDIDATE, c);
			free(d.v);
			return rc;
		}
		for (size_t w = 0; hit && w < s->nq; w++) {
			unsigned points = lk_verify_doc(&s->q[w], w, &d, &at);
			hit = points > 0;
			qsum += points / 4;
			fsum += points % 4;
		}
		free(d.v);
		int year = lk_year_of(lk_year_byte(c->year));
		record_free(DH_R_CANDIDATE, c);
		if (!hit)
			continue;
		if (buf_reserve(&s->hits, &s->hcap, s->nhits + 1, sizeof(*s->hits)))
			return DH_ENOMEM;
		s->hits[s->nhits++] =
		    (dh_hit){.id = s->fresh[i], .score = (int)lk_rank_of(s, &at, qsum, fsum) * 10000 + year};
	}
	return 0;
}

/* The highest candidate id, which bounds every id the index holds (and
 * so the slot array and the walk above the fresh mark). Ids are given in
 * turn from 1 and records are never removed, so it is at most the number
 * of records: a larger one is a key nobody wrote. */
enum { LK_ID_GAP_MIN = 1u << 22 };

static int lk_search_last_id(lk_search *s, dh_stxn *txn)
{
	uint64_t records = 0;
	int rc = lk_last_candidate(txn, &s->last_id);
	if (!rc)
		rc = store_count(txn, DH_T_RECORDS, &records);
	/* Ids a killed import had reserved stay unused, and one running
	 * reserves ids before it writes them (repo.h, Staging): so gaps are
	 * allowed, up to as many ids again as there are records (at least
	 * LK_ID_GAP_MIN), which still keeps a forged id from sizing the
	 * arrays by itself. */
	uint64_t slack = records > LK_ID_GAP_MIN ? records : LK_ID_GAP_MIN;
	if (!rc && s->last_id > records + slack) {
		unsigned char key[9] = {DH_R_CANDIDATE};
		store_put_u64(key + 1, s->last_id);
		return store_corrupt(DH_T_RECORDS, key, sizeof key, "mã hồ sơ lớn hơn số bản ghi");
	}
	return rc;
}

static int lk_search_txn(dh_stxn *txn, void *ctx)
{
	lk_search *s = ctx;
	s->txn = txn;
	s->ncands = 0;
	s->nhits = 0;
	s->nyears = 0;
	s->nfresh = 0;
	s->err = 0;
	int frc = lk_search_last_id(s, txn);
	if (!frc)
		frc = lk_fresh_ids(s, txn);
	if (frc)
		return frc;
	memset(s->classes, 0, sizeof s->classes);
	s->stages = s->opts->recognised_only ? 1u << DH_STAGE_RECOGNISED | 1u << DH_STAGE_AWARDED : 0xffffu;
	unsigned char ykey = LK_YEARS;
	int rc = store_scan_keys(txn, DH_T_WORDS, &ykey, 1, false, lk_year_cb, s);
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < s->nq; i++)
		if ((rc = lk_plan_word(s, txn, &s->q[i])))
			return rc;
	for (size_t i = 0; i < s->nq; i++)
		s->q[i].minp = 0;
	s->min_class = 0;
	for (size_t yi = 0; yi < s->nyears; yi++) {
		if ((rc = lk_search_year(s, txn, yi)))
			return rc;
		if ((rc = lk_after_year(s, txn, yi))) {
			if (rc < 0)
				return rc;
			break;
		}
	}
	return lk_fresh_hits(s, txn);
}

static int lk_hit_cmp(const void *a, const void *b)
{
	const dh_hit *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->id > y->id ? -1 : x->id < y->id; /* the newest record first */
}

/* Sorts V best first by one 64-bit key per hit (score, then id), a byte
 * at a time: every hit of a common word, in linear time. DH_EINVAL when
 * the key does not fit (ids past 2^32) or DH_ENOMEM: the caller falls back
 * to qsort. */
static int lk_radix_sort(dh_hit *v, size_t n)
{
	uint64_t *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b);
	int rc = a && b ? 0 : DH_ENOMEM;
	for (size_t i = 0; !rc && i < n; i++) {
		if (v[i].id > UINT32_MAX || v[i].score < 0)
			rc = DH_EINVAL;
		else /* complemented: ascending order of the key is best first */
			a[i] = ~((uint64_t)(uint32_t)v[i].score << 32 | v[i].id);
	}
	for (unsigned shift = 0; !rc && shift < 64; shift += 8) {
		size_t count[257] = {0};
		for (size_t i = 0; i < n; i++)
			count[(a[i] >> shift & 0xff) + 1]++;
		if (count[(a[0] >> shift & 0xff) + 1] == n)
			continue; /* every key has the same byte here */
		for (unsigned d = 1; d <= 256; d++)
			count[d] += count[d - 1];
		for (size_t i = 0; i < n; i++)
			b[count[a[i] >> shift & 0xff]++] = a[i];
		uint64_t *t = a;
		a = b;
		b = t;
	}
	for (size_t i = 0; !rc && i < n; i++) {
		uint64_t key = ~a[i];
		v[i] = (dh_hit){.id = key & UINT32_MAX, .score = (int)(key >> 32)};
	}
	free(a);
	free(b);
	return rc;
}

/* Moves V[R] down the heap of the first N hits (the worst at the root)
 * until neither child is worse. */
static void lk_heap_down(dh_hit *v, size_t n, size_t r)
{
	for (;;) {
		size_t c = 2 * r + 1;
		if (c >= n)
			break;
		if (c + 1 < n && lk_hit_cmp(&v[c + 1], &v[c]) > 0)
			c++;
		if (lk_hit_cmp(&v[c], &v[r]) <= 0)
			break;
		dh_hit t = v[c];
		v[c] = v[r];
		v[r] = t;
		r = c;
	}
}

/* Keeps the best LIMIT of N hits at the front of V (a min-heap of the
 * best so far), then sorts them: a keystroke with 500,000 hits only needs
 * the first screenful in order. */
static size_t lk_top(dh_hit *v, size_t n, size_t limit)
{
	if (limit == 0 || limit >= n) {
		if (n > 1 && lk_radix_sort(v, n) != 0)
			qsort(v, n, sizeof *v, lk_hit_cmp);
		return n;
	}
	/* Heap ordered so that the worst kept hit is at the root. */
	for (size_t i = limit / 2; i-- > 0;)
		lk_heap_down(v, limit, i);
	for (size_t i = limit; i < n; i++) {
		if (lk_hit_cmp(&v[i], &v[0]) >= 0)
			continue;
		v[0] = v[i];
		lk_heap_down(v, limit, 0);
	}
	qsort(v, limit, sizeof *v, lk_hit_cmp);
	return limit;
}

typedef struct lk_dept_ctx {
	const fold_word *q;
	fold_quality best;
} lk_dept_ctx;

static int lk_dept_word(const fold_word *w, void *ctx)
{
	lk_dept_ctx *dc = ctx;
	fold_quality quality = fold_match(dc->q, w);
	if (quality > dc->best)
		dc->best = quality;
	return 0;
}

/* Departments whose name has a word matching QW. */
static int lk_qword_depts(lk_qword *qw, const dh_config *cfg)
{
	if (!cfg)
		return 0;
	for (size_t d = 0; d < cfg->n_departments; d++) {
		const dh_department *dep = &cfg->departments[d];
		if (!dep->id || !dep->name || strlen(dep->id) >= FOLD_BASE_MAX)
			continue;
		lk_dept_ctx dc = {.q = &qw->w, .best = FOLD_NONE};
		fold_each(dep->name, strlen(dep->name), lk_dept_word, &dc);
		if (dc.best == FOLD_NONE)
			continue;
		lk_dept *v = realloc(qw->depts, (qw->ndepts + 1) * sizeof *v);
		if (!v)
			return DH_ENOMEM;
		qw->depts = v;
		lk_dept *out = &v[qw->ndepts++];
		size_t n = strlen(dep->id);
		char tok[FOLD_BASE_MAX + 1];
		tok[0] = LK_DEPT_MARK;
		memcpy(tok + 1, dep->id, n);
		out->slen = (uint8_t)lk_spell(out->spell, 0, tok, n + 1, 0, 0, NULL, LK_DEPARTMENT);
		out->spell[0] = LK_DIRECTORY;
		memcpy(out->id, dep->id, n + 1);
		out->quality = (uint8_t)dc.best;
	}
	return 0;
}

/* The query taken apart into S: its words (at most LK_QUERY_WORDS) and the
 * departments each names. */
static int lk_query_prepare(lk_search *s, const char *query)
{
	fold_word words[LK_QUERY_WORDS];
	size_t nw = fold_split(query ? query : "", words, LK_QUERY_WORDS);
	if (nw > LK_QUERY_WORDS)
		nw = LK_QUERY_WORDS;
	int rc = 0;
	for (size_t i = 0; i < nw && !rc; i++) {
		s->q[i].w = words[i];
		lk_rank_number(&s->q[i].w); /* "020" finds 20/QĐ-TTr too */
		rc = lk_qword_depts(&s->q[i], s->opts->cfg);
	}
	s->nq = nw;
	return rc;
}

static void lk_search_free(lk_search *s)
{
	for (size_t i = 0; i < LK_QUERY_WORDS; i++)
		free(s->q[i].depts);
	free(s->hits);
	for (size_t i = 0; i < LK_QUERY_WORDS; i++)
		free(s->q[i].spells);
	free(s->cands);
	free(s->slot);
	free(s->bits);
	free(s->blocks);
	free(s->fresh);
	free(s);
}

int lookup_search(dh_store *st, const char *query, const dh_lookup_opts *opts, dh_hit **hits, size_t *n)
{
	static const dh_lookup_opts defaults = {0};
	*hits = NULL;
	*n = 0;
	lk_search *s = calloc(1, sizeof *s);
	if (!s)
		return DH_ENOMEM;
	s->opts = opts ? opts : &defaults;
	int rc = lk_query_prepare(s, query);
	/* nothing typed: nothing to find */
	if (!rc && s->nq)
		rc = store_read(st, lk_search_txn, s);
	if (!rc && s->nhits) {
		*n = lk_top(s->hits, s->nhits, s->opts->limit);
		*hits = s->hits;
		s->hits = NULL;
	}
	lk_search_free(s);
	return rc;
}

int lookup_query_parse(const char *query, const dh_config *cfg, size_t *words, size_t *depts)
{
	dh_lookup_opts opts = {.cfg = cfg};
	*words = *depts = 0;
	lk_search *s = calloc(1, sizeof *s);
	if (!s)
		return DH_ENOMEM;
	s->opts = &opts;
	int rc = lk_query_prepare(s, query);
	*words = s->nq;
	for (size_t i = 0; i < s->nq; i++)
		*depts += s->q[i].ndepts;
	lk_search_free(s);
	return rc;
}
