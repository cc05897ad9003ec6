/* lookup_rank.h — where the words of a query sit in a candidate, and the
 * tier that makes of it (issue 16): inside core/lookup only.
 *
 * The index keeps, in the byte beside each id in a posting (lookup.c), the
 * stage in the low four bits and, in the high four, where the word sits in
 * its field: its position (bits 5–7: 0–6, 7 = seventh or later) and
 * whether it is the field's last word (bit 4). A query then knows, from
 * the postings alone, whether its words stand together and in the typed
 * order in the name, in order with gaps, or scattered, and whether they
 * are the whole name: the tier, which ranks before the words' own quality
 * (lookup.c, lk_push_hit):
 *
 *   all words in one field: field * 4 + how they stand there
 *       field    name 3, title 2, any other 1
 *       stand    3 the whole field, typed in full, in order (of three
 *                  words or more: LK_RANK_FULL_MIN)
 *                2 together and in the typed order (one word: always)
 *                1 in the typed order, with gaps
 *                0 scattered
 *   words in several fields: 2 if one is in the name, + 1 if two typed
 *       one after the other stand together in one field
 *
 * So tiers run 0..LK_RANK_TIERS - 1. Only the first LK_RANK_WORDS query
 * words are placed; with more, the rest count as matched anywhere. */
#ifndef DIENHINH_LOOKUP_RANK_H
#define DIENHINH_LOOKUP_RANK_H

#include "dienhinh/fold.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Where a word of a candidate is (a posting key's field byte). */
typedef enum lk_field {
	LK_NAME = 0,
	LK_TITLE,
	LK_POSITION,
	LK_DEPARTMENT,
	LK_DECISION,
	LK_YEAR,
} lk_field;

enum {
	LK_RANK_WORDS = 8,
	LK_RANK_TIERS = 16,
	LK_RANK_POS_FAR = 7, /* the seventh word or later: not placed */
	/* The index cannot tell which older years hold a name of exactly
	 * the words typed, so while a query could find one, a screen's
	 * search cannot stop early (lookup.c, lk_after_year). Names of two
	 * words are rare, and two words typed are mostly a name begun
	 * ("Nguyễn Văn", "tran thi"): the whole name counts from three. */
	LK_RANK_FULL_MIN = 3,
};

/* The entry byte: STAGE (0..15) and where the word sits. */
static inline uint8_t lk_rank_entry(unsigned stage, unsigned pos, bool last)
{
	unsigned p = pos < LK_RANK_POS_FAR ? pos : LK_RANK_POS_FAR;
	return (uint8_t)((stage & 15) | p << 5 | (last ? 1u : 0u) << 4);
}

/* Where the query words matched a candidate, so far: per query word, the
 * field (low 3 bits) and the field's length when its last word was met
 * (bits 3–5, 0: not known), and a bit per position (0..6) of the words
 * that gave the word its best points in that field. */
typedef struct lk_rank_at {
	uint8_t field[LK_RANK_WORDS];
	uint8_t mask[LK_RANK_WORDS];
} lk_rank_at;

/* Query word WORD matched, at its best points so far, the word of field
 * FIELD whose entry byte is ENTRY. FIRST: the first such match for this
 * word (it sets the field); else one more of equal points, kept when in
 * the same field. */
static inline void lk_rank_note(lk_rank_at *at, size_t word, unsigned field, uint8_t entry, bool first)
{
	if (word >= LK_RANK_WORDS)
		return;
	unsigned pos = entry >> 5;
	unsigned len = (entry >> 4 & 1) && pos < LK_RANK_POS_FAR ? pos + 1 : 0;
	uint8_t bit = pos < LK_RANK_POS_FAR ? (uint8_t)(1u << pos) : 0;
	if (first) {
		at->field[word] = (uint8_t)(field | len << 3);
		at->mask[word] = bit;
	} else if ((at->field[word] & 7) == field) {
		at->mask[word] |= bit;
		if (len)
			at->field[word] = (uint8_t)(field | len << 3);
	}
}

/* The tier of a candidate whose NQ query words matched at AT (above). */
unsigned lk_rank_tier(const lk_rank_at *at, size_t nq);

/* fold_each() with where each word sits: FN gets the word and its entry
 * byte's position bits (lk_rank_entry with stage 0). With NUMBERS (a
 * decision's text), a number written with leading zeros ("020") is given
 * a second time without them, at the same place, so that "20" finds it. */
typedef int (*lk_rank_word_fn)(const fold_word *w, uint8_t where, void *ctx);
int lk_rank_each(const char *text, bool numbers, lk_rank_word_fn fn, void *ctx);

/* A query word that is a number loses its leading zeros ("020" → "20"),
 * as the index keeps decisions' numbers both ways. */
void lk_rank_number(fold_word *w);

/* Called before the index's first year is noted: an index begun now is
 * of today's format (lookup_upgrade), and says so. */
typedef struct dh_stxn dh_stxn;
int lk_rank_format_first(dh_stxn *txn);

/* Where the index stands against today's format (the places). */
typedef enum lk_state {
	LK_CURRENT,
	LK_UNMARKED, /* no postings yet, no mark yet */
	LK_OLD,      /* postings without their places */
} lk_state;
int lk_rank_format_state(dh_stxn *txn, lk_state *out);
/* The index marked as of today's format. */
int lk_rank_format_mark(dh_stxn *txn);

#endif
