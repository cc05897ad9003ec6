/* lookup_internal.h — what the pieces of the word index share: its
 * constants, the key and chunk codec and a candidate's postings (lookup.c),
 * used by the writes (lookup_write.c), the query (lookup_search.c) and the
 * staged postings (lookup_stage.c). See lookup.c's header for the layout.
 * Not for other modules. */
#ifndef DIENHINH_LOOKUP_INTERNAL_H
#define DIENHINH_LOOKUP_INTERNAL_H

#include "dienhinh/fold.h"
#include "dienhinh/record.h"
#include "lookup_rank.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct dh_stxn dh_stxn;

enum {
	LK_POSTING = 'p',
	LK_DIRECTORY = 'd',
	LK_YEARS = 'y',
	/* Candidates changed since their postings were last written: more
	 * and every query reads more records; fewer and the postings are
	 * rewritten more often (measured in tests/bench). */
	LK_FRESH_MAX = 128,
	LK_DEPT_MARK = 0x01,
	LK_NO_YEAR = 255,
	LK_CHUNK_MAX = 512, /* bytes: small rewrites, and pages fill well */
	LK_ENTRY_MAX = 10 + 1,
	LK_SPELL_MAX = 2 + FOLD_BASE_MAX + 2 + FOLD_MODS_MAX + 1,
	LK_KEY_MAX = LK_SPELL_MAX + 8,
	LK_QUERY_WORDS = 16,
	/* A record decode costs about as much as scanning this many chunks
	 * (measured in tests/bench). */
	LK_VERIFY_CHUNKS = 8,
	LK_BLOCK_SHIFT = 8, /* ids per bit of the live-block map: 256 */
	LK_CLASSES = LK_QUERY_WORDS * 3 * 64 + 64,
	/* what a hit ranks by: tier (lookup_rank.h), then class */
	LK_RANKS = LK_RANK_TIERS * LK_CLASSES,
};

typedef struct lk_entry {
	uint64_t id;
	uint8_t stage;
} lk_entry;

/* One word of a candidate as the index keeps it: its key without the
 * chunk's id, and its entry. */
typedef struct lk_posting {
	unsigned char spell[LK_SPELL_MAX];
	uint8_t slen;
	lk_entry e;
} lk_posting;

typedef struct lk_doc {
	lk_posting *v;
	size_t n, cap;
	uint8_t year; /* key byte */
	int err;
} lk_doc;

typedef struct lk_chunk {
	lk_entry *v;
	size_t n, cap;
} lk_chunk;

/* A directory key taken apart. */
typedef struct lk_key {
	uint8_t year;
	const unsigned char *base;
	size_t blen;
	unsigned tone, nmods;
	const uint8_t *mods;
	unsigned field;
} lk_key;

static inline int lk_field_weight(unsigned field)
{
	/* name before title before the rest */
	return field == LK_NAME ? 2 : field == LK_TITLE ? 1 : 0;
}

static inline uint8_t lk_year_byte(int year)
{
	return year > 1900 && year < 1900 + 255 ? (uint8_t)(255 - (year - 1900)) : LK_NO_YEAR;
}

static inline int lk_year_of(uint8_t byte)
{
	return byte == LK_NO_YEAR ? 0 : 1900 + (255 - byte);
}

/* One varint at P (before END) into *V: the byte after it, or NULL when the
 * bytes end first. Returning the pointer (not taking its address) keeps the
 * scan loop's pointer in a register. */
static inline const unsigned char *lk_varint_next(const unsigned char *p, const unsigned char *end,
                                                  uint64_t *v)
{
	uint64_t r = 0;
	for (unsigned shift = 0; shift < 64 && p < end; shift += 7) {
		unsigned char b = *p++;
		r |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80)) {
			*v = r;
			return p;
		}
	}
	return NULL;
}

/* V as a varint at P: its length (at most 10 bytes). */
static inline size_t lk_varint_put(unsigned char *p, uint64_t v)
{
	size_t n = 0;
	while (v >= 0x80) {
		p[n++] = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	p[n++] = (unsigned char)v;
	return n;
}

/* Two spellings (posting keys without their ids) in key order. */
static inline int lk_spell_cmp(const unsigned char *a, size_t alen, const unsigned char *b, size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);
	if (c)
		return c;
	return alen < blen ? -1 : alen > blen;
}

/* A spelling: a posting key without its id. */
typedef struct lk_spell_key {
	unsigned char spell[LK_SPELL_MAX];
	uint8_t slen;
} lk_spell_key;

/* A hash table of spellings over an array its owner keeps: items of
 * STRIDE bytes, each beginning with its lk_spell_key. */
typedef struct lk_table {
	uint32_t *slots; /* item index + 1, open addressing */
	size_t size;
} lk_table;

/* T made twice as big (4096 slots at first), its N ITEMS put again. */
int lk_table_grow(lk_table *t, const void *items, size_t n, size_t stride);

static inline uint64_t lk_hash(const unsigned char *p, size_t n)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 1099511628211ull;
	return h;
}

static inline const lk_spell_key *lk_item_key(const void *items, size_t i, size_t stride)
{
	return (const lk_spell_key *)((const unsigned char *)items + i * stride);
}

/* The slot of SPELL among the N ITEMS: it holds the item's index + 1, or
 * 0 when SPELL is new, and the caller then puts item N there (N + 1).
 * The table grows first to keep half its slots free. NULL on ENOMEM.
 * Inline: it runs for every word of every candidate an import writes. */
static inline uint32_t *lk_table_slot(lk_table *t, const void *items, size_t n, size_t stride,
                                      const unsigned char *spell, size_t slen)
{
	if (2 * (n + 1) > t->size && lk_table_grow(t, items, n, stride))
		return NULL;
	for (uint64_t h = lk_hash(spell, slen);; h++) {
		uint32_t *slot = &t->slots[h & (t->size - 1)];
		if (!*slot)
			return slot;
		const lk_spell_key *k = lk_item_key(items, *slot - 1, stride);
		if (k->slen == slen && memcmp(k->spell, spell, slen) == 0)
			return slot;
	}
}
/* Every slot emptied (the items were reordered). */
void lk_table_clear(lk_table *t);

/* 'p' ‖ year ‖ base ‖ 0 ‖ marks ‖ field: a posting key without its id. */
static inline size_t lk_spell(unsigned char *out, uint8_t year, const char *base, size_t blen, unsigned tone,
                              unsigned nmods, const uint8_t *mods, unsigned field)
{
	size_t k = 0;
	out[k++] = LK_POSTING;
	out[k++] = year;
	memcpy(out + k, base, blen);
	k += blen;
	out[k++] = 0;
	out[k++] = (unsigned char)(tone | nmods << 3);
	if (nmods)
		memcpy(out + k, mods, nmods);
	k += nmods;
	out[k++] = (unsigned char)field;
	return k;
}
/* A directory key taken apart (any bytes: DH_ECORRUPT, never a read past
 * the key). */
int lk_key_parse(const void *key, size_t klen, lk_key *out);
/* Chunk VAL (keyed FIRST) into C's entries. */
int lk_chunk_decode(lk_chunk *c, uint64_t first, const void *val, size_t vlen);

/* Every indexed word of C, sorted, without duplicates (none for NULL or a
 * deleted candidate). */
int lk_doc_build(lk_doc *d, const dh_candidate *c);
/* Appends ADD (N entries, ids ascending) after SPELL's last chunk; *DONE
 * false, nothing written, when the first id is not past the last there. */
int lk_append_run(dh_stxn *txn, const unsigned char *spell, size_t slen, const lk_entry *add, size_t n,
                  bool *done);
/* Replaces candidate ID's entries under SPELL with ADD (NADD, sorted). */
int lk_update_spell(dh_stxn *txn, const unsigned char *spell, size_t slen, uint64_t id, const lk_entry *add,
                    size_t nadd);
/* The year byte YEAR listed among the years ('y'). */
int lk_note_year(dh_stxn *txn, uint8_t year);

/* DH_T_FRESH: the mark's key, and candidate ID's key. */
extern const unsigned char lk_mark_key[1];
void lk_fresh_key(unsigned char key[8], uint64_t id);
/* The highest candidate id in TXN (0: none). */
int lk_last_candidate(dh_stxn *txn, uint64_t *out);
/* The stored candidate ID in TXN; NULL (and 0) when there is none. */
int lk_load_candidate(dh_stxn *txn, uint64_t id, dh_candidate **out);

#endif
