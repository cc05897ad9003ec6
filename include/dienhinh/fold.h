/* fold.h — Vietnamese syllables as lookup compares them (DESIGN.md §7).
 *
 * A word is a run of letters and digits. Folding splits text into words and
 * takes each apart into
 *   base letters  lower case, every mark removed, đ → d (UTF-8 bytes; plain
 *                 ASCII for Vietnamese);
 *   modifiers     circumflex (â ê ô), breve (ă), horn (ơ ư) and the stroke
 *                 of đ, each on the base letter (byte position) it sits on;
 *   tone          the word's one tone (sắc huyền hỏi ngã nặng), wherever
 *                 its mark sits, so "Hòa" and "Hoà" fold the same.
 * Input may be NFC or NFD: both fold the same. */
#ifndef DIENHINH_FOLD_H
#define DIENHINH_FOLD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Bytes of base letters kept per word; longer words are cut (a query still
 * finds them by their first FOLD_BASE_MAX bytes). */
#define FOLD_BASE_MAX 31
/* Modifiers kept per word (Vietnamese needs at most three: "đường"). */
#define FOLD_MODS_MAX 6

typedef enum fold_tone {
	FOLD_TONE_NONE = 0, /* ngang */
	FOLD_TONE_SAC,      /* U+0301 acute */
	FOLD_TONE_HUYEN,    /* U+0300 grave */
	FOLD_TONE_HOI,      /* U+0309 hook above */
	FOLD_TONE_NGA,      /* U+0303 tilde */
	FOLD_TONE_NANG,     /* U+0323 dot below */
} fold_tone;

typedef enum fold_mod {
	FOLD_MOD_NONE = 0,
	FOLD_MOD_CIRCUMFLEX, /* â ê ô: U+0302 */
	FOLD_MOD_BREVE,      /* ă: U+0306 */
	FOLD_MOD_HORN,       /* ơ ư: U+031B */
	FOLD_MOD_STROKE,     /* đ */
} fold_mod;

/* A modifier packed in one byte: base byte position << 3 | fold_mod. */
#define FOLD_MOD_PACK(pos, mod) ((uint8_t)((pos) << 3 | (mod)))
#define FOLD_MOD_POS(b)         ((b) >> 3)
#define FOLD_MOD_KIND(b)        ((b) & 7)

typedef struct fold_word {
	char base[FOLD_BASE_MAX + 1]; /* NUL-terminated */
	uint8_t len;                  /* bytes in base */
	uint8_t tone;                 /* fold_tone */
	uint8_t nmods;
	uint8_t mods[FOLD_MODS_MAX]; /* FOLD_MOD_PACK, by ascending position */
	uint32_t start, end;         /* byte range of the word in the source */
} fold_word;

/* How well a query word matches a word (higher is better). */
typedef enum fold_quality {
	FOLD_NONE = 0,   /* no match */
	FOLD_PREFIX = 1, /* the query starts the word */
	FOLD_WHOLE = 2,  /* the whole word, some marks left untyped */
	FOLD_EXACT = 3,  /* the same letters, modifiers and tone */
} fold_quality;

/* Calls FN for every word of TEXT (LEN bytes) in order; stops at FN's first
 * nonzero return and returns it, else 0. Invalid UTF-8 separates words. */
typedef int (*fold_word_fn)(const fold_word *w, void *ctx);
int fold_each(const char *text, size_t len, fold_word_fn fn, void *ctx);

/* Up to MAX words of the NUL-terminated TEXT into OUT; returns how many
 * words TEXT has (may be more than MAX). */
size_t fold_split(const char *text, fold_word *out, size_t max);

/* Whether the query word Q matches the word W: Q's base letters start W's,
 * every modifier of Q is on the same letter of W, and Q's tone (if any) is
 * W's tone. */
fold_quality fold_match(const fold_word *q, const fold_word *w);

/* The part of fold_match() after the letters: Q's modifiers and tone
 * against a word with tone W_TONE and modifiers W_MODS (N of them). For
 * callers that have checked the base letters already. */
bool fold_marks_fit(const fold_word *q, unsigned w_tone, const uint8_t *w_mods, size_t n);

#endif
