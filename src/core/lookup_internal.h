/* lookup_internal.h — what lookup.c shares with lookup_stage.c: the
 * index's constants and a candidate's postings (see lookup.c's header for
 * the layout). Not for other modules. */
#ifndef DIENHINH_LOOKUP_INTERNAL_H
#define DIENHINH_LOOKUP_INTERNAL_H

#include "dienhinh/fold.h"
#include "dienhinh/record.h"
#include "lookup_rank.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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

#endif
