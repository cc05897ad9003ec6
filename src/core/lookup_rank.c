/* lookup_rank.c — the tier of a candidate from where the query's words sit
 * in it, and the words of a text with their places (lookup_rank.h). */
#include "lookup_rank.h"

#include "dienhinh/error.h"
#include "dienhinh/lookup.h"
#include "dienhinh/store.h"

#include <string.h>

/* How the words stand in one field, from their position masks: 3 the
 * whole field in order, 2 together in order, 1 in order with gaps, 0
 * scattered. */
static unsigned lk_rank_stand(const lk_rank_at *at, size_t n, bool all)
{
	const uint8_t places = (1u << LK_RANK_POS_FAR) - 1;
	/* together: some start p with word i at p + i, for every i */
	unsigned chain = at->mask[0] & places, from_start = at->mask[0] & 1u;
	for (size_t i = 1; i < n; i++) {
		chain = chain << 1 & at->mask[i] & places;
		from_start = from_start << 1 & at->mask[i] & places;
	}
	if (chain) {
		unsigned len = at->field[n - 1] >> 3;
		return all && n >= LK_RANK_FULL_MIN && from_start && len == n ? 3 : 2;
	}
	/* in order: the first place of each word after the one before */
	int prev = -1;
	for (size_t i = 0; i < n; i++) {
		unsigned later = at->mask[i] & places;
		if (prev >= 0)
			later &= ~((2u << prev) - 1u);
		if (!later)
			return 0;
		prev = __builtin_ctz(later);
	}
	return 1;
}

unsigned lk_rank_tier(const lk_rank_at *at, size_t nq)
{
	size_t n = nq < LK_RANK_WORDS ? nq : LK_RANK_WORDS;
	if (n == 0)
		return 0;
	unsigned f0 = at->field[0] & 7;
	bool same = true, in_name = false, pair = false;
	for (size_t i = 0; i < n; i++) {
		unsigned f = at->field[i] & 7;
		same = same && f == f0;
		in_name = in_name || f == LK_NAME;
		if (i > 0 && f == (at->field[i - 1] & 7u) && f != LK_DEPARTMENT &&
		    (at->mask[i] & at->mask[i - 1] << 1))
			pair = true;
	}
	if (!same)
		return (in_name ? 2u : 0u) + (pair ? 1u : 0u);
	unsigned base = f0 == LK_NAME ? 3 : f0 == LK_TITLE ? 2 : 1;
	/* one word stands together with itself; a department is one token
	 * that every word of its name matches */
	unsigned stand = n == 1 || f0 == LK_DEPARTMENT ? 2 : lk_rank_stand(at, n, n == nq);
	return base * 4 + stand;
}

/* --- the words of a text with their places ------------------------------- */

typedef struct lk_rank_walk {
	lk_rank_word_fn fn;
	void *ctx;
	bool numbers;
	bool held; /* a word waits for the next one: is it the last? */
	fold_word prev;
	unsigned pos;
} lk_rank_walk;

static bool lk_rank_padded(const fold_word *w)
{
	if (w->len < 2 || w->base[0] != '0')
		return false;
	for (unsigned i = 0; i < w->len; i++)
		if (w->base[i] < '0' || w->base[i] > '9')
			return false;
	return true;
}

void lk_rank_number(fold_word *w)
{
	if (!lk_rank_padded(w))
		return;
	unsigned zeros = 0;
	while (zeros + 1u < w->len && w->base[zeros] == '0')
		zeros++;
	memmove(w->base, w->base + zeros, w->len - zeros + 1u);
	w->len = (uint8_t)(w->len - zeros);
}

static int lk_rank_emit(lk_rank_walk *rw, bool last)
{
	uint8_t where = lk_rank_entry(0, rw->pos, last);
	int rc = rw->fn(&rw->prev, where, rw->ctx);
	if (!rc && rw->numbers && lk_rank_padded(&rw->prev)) {
		fold_word bare = rw->prev;
		lk_rank_number(&bare);
		rc = rw->fn(&bare, where, rw->ctx);
	}
	rw->pos++;
	return rc;
}

static int lk_rank_step(const fold_word *w, void *ctx)
{
	lk_rank_walk *rw = ctx;
	int rc = rw->held ? lk_rank_emit(rw, false) : 0;
	rw->prev = *w;
	rw->held = true;
	return rc;
}

int lk_rank_each(const char *text, bool numbers, lk_rank_word_fn fn, void *ctx)
{
	if (!text)
		return 0;
	lk_rank_walk rw = {.fn = fn, .ctx = ctx, .numbers = numbers};
	int rc = fold_each(text, strlen(text), lk_rank_step, &rw);
	if (!rc && rw.held)
		rc = lk_rank_emit(&rw, true);
	return rc;
}

/* --- an index written before the places ---------------------------------- */

/* DH_T_WORDS "v" → one byte: the index's format. Absent from an index
 * written before the entries held their places (its high bits all 0: a
 * query still finds everything, ranked as if every word stood apart). */
static const unsigned char lk_format_key[1] = {'v'};
enum { LK_FORMAT_PLACES = 2 };

int lk_rank_format_state(dh_stxn *txn, lk_state *out)
{
	const void *val;
	size_t vlen;
	int rc = store_get(txn, DH_T_WORDS, lk_format_key, sizeof lk_format_key, &val, &vlen);
	if (rc == 0 && vlen == 1 && *(const unsigned char *)val >= LK_FORMAT_PLACES) {
		*out = LK_CURRENT;
		return 0;
	}
	if (rc && rc != DH_ENOTFOUND)
		return rc;
	const void *key;
	size_t klen;
	static const unsigned char years = 'y';
	rc = store_last_key(txn, DH_T_WORDS, &years, 1, &key, &klen);
	if (rc && rc != DH_ENOTFOUND)
		return rc;
	*out = rc == 0 ? LK_OLD : LK_UNMARKED;
	return 0;
}

int lk_rank_format_mark(dh_stxn *txn)
{
	unsigned char v = LK_FORMAT_PLACES;
	return store_put(txn, DH_T_WORDS, lk_format_key, sizeof lk_format_key, &v, 1);
}

int lk_rank_format_first(dh_stxn *txn)
{
	lk_state state;
	int rc = lk_rank_format_state(txn, &state);
	return rc || state != LK_UNMARKED ? rc : lk_rank_format_mark(txn);
}
