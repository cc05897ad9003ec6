/* fold.c — split text into words and take each Vietnamese syllable apart
 * into base letters, modifiers and tone (see fold.h).
 *
 * Each codepoint is case-folded and decomposed on its own with utf8proc
 * (no allocation, so indexing a million records stays cheap); the order of
 * the combining marks after a letter does not matter here, since each mark
 * is classified by what it is, not where it sits. */
#include "dienhinh/fold.h"

#include "dienhinh/utf8.h"

#include <string.h>
#include <utf8proc.h>

typedef struct fold_state {
	fold_word w;
	bool in_word;
	bool cut; /* the last letter was dropped (word too long) */
} fold_state;

static void fold_add_letter(fold_state *st, int32_t cp, uint32_t off);
static void fold_add_mark(fold_state *st, int32_t cp);
static void fold_add_mod(fold_word *w, unsigned mod);
static int fold_finish(fold_state *st, uint32_t end, fold_word_fn fn, void *ctx);

static void fold_add_letter(fold_state *st, int32_t cp, uint32_t off)
{
	fold_word *w = &st->w;
	if (!st->in_word) {
		memset(w, 0, sizeof *w);
		w->start = off;
		st->in_word = true;
	}
	char buf[4];
	int n = utf8_encode(cp, buf);
	/* Letters past the limit are dropped whole, never cut mid-codepoint,
	 * and so are their modifiers. */
	st->cut = n <= 0 || w->len + n > FOLD_BASE_MAX;
	if (st->cut)
		return;
	memcpy(w->base + w->len, buf, (size_t)n);
	w->len = (uint8_t)(w->len + n);
	w->base[w->len] = '\0';
}

/* A modifier on the last base letter kept. */
static void fold_add_mod(fold_word *w, unsigned mod)
{
	if (w->len == 0 || w->nmods == FOLD_MODS_MAX)
		return;
	/* The last letter's first byte: Vietnamese letters are one byte. */
	unsigned pos = w->len - 1u;
	while (pos > 0 && ((unsigned char)w->base[pos] & 0xc0) == 0x80)
		pos--;
	uint8_t packed = FOLD_MOD_PACK(pos, mod);
	for (unsigned i = 0; i < w->nmods; i++)
		if (w->mods[i] == packed)
			return;
	w->mods[w->nmods++] = packed;
}

static void fold_add_mark(fold_state *st, int32_t cp)
{
	if (!st->in_word)
		return; /* a mark with no letter before it: nothing to carry it */
	fold_word *w = &st->w;
	unsigned tone = FOLD_TONE_NONE;
	switch (cp) {
	case 0x0300: tone = FOLD_TONE_HUYEN; break;
	case 0x0301: tone = FOLD_TONE_SAC; break;
	case 0x0309: tone = FOLD_TONE_HOI; break;
	case 0x0303: tone = FOLD_TONE_NGA; break;
	case 0x0323: tone = FOLD_TONE_NANG; break;
	case 0x0302:
		if (!st->cut)
			fold_add_mod(w, FOLD_MOD_CIRCUMFLEX);
		return;
	case 0x0306:
		if (!st->cut)
			fold_add_mod(w, FOLD_MOD_BREVE);
		return;
	case 0x031b:
		if (!st->cut)
			fold_add_mod(w, FOLD_MOD_HORN);
		return;
	default: return; /* other marks (diaeresis, cedilla…) are not compared */
	}
	/* A syllable has one tone; a second mark is a typo: keep the first. */
	if (w->tone == FOLD_TONE_NONE)
		w->tone = (uint8_t)tone;
}

static int fold_finish(fold_state *st, uint32_t end, fold_word_fn fn, void *ctx)
{
	if (!st->in_word)
		return 0;
	st->in_word = false;
	st->w.end = end;
	/* fold_marks_fit() wants the modifiers ascending. They arrive letter by
	 * letter, but two on one letter may come in any order. */
	fold_word *w = &st->w;
	for (unsigned i = 1; i < w->nmods; i++)
		for (unsigned j = i; j > 0 && w->mods[j - 1] > w->mods[j]; j--) {
			uint8_t t = w->mods[j];
			w->mods[j] = w->mods[j - 1];
			w->mods[j - 1] = t;
		}
	return fn(w, ctx);
}

int fold_each(const char *text, size_t len, fold_word_fn fn, void *ctx)
{
	fold_state st = {.in_word = false};
	uint32_t last_end = 0;
	size_t off = 0;
	while (off < len) {
		unsigned char c = (unsigned char)text[off];
		int32_t cp = c;
		int n = c < 0x80 ? 1 : utf8_decode(text + off, len - off, &cp);
		if (n < 0 || c < 0x80) {
			/* ASCII fast path (most of every record), or a byte that is
			 * not UTF-8, which ends a word as punctuation does. */
			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
				fold_add_letter(&st, c, (uint32_t)off);
			} else if (c >= 'A' && c <= 'Z') {
				fold_add_letter(&st, c + ('a' - 'A'), (uint32_t)off);
			} else {
				int rc = fold_finish(&st, last_end, fn, ctx);
				if (rc)
					return rc;
			}
			off++;
			last_end = (uint32_t)off;
			continue;
		}
		uint32_t here = (uint32_t)off;
		off += (size_t)n;
		if (cp == 0x0111 || cp == 0x0110 || cp == 0x00d0) {
			/* đ Đ, and Ð (eth) that old fonts and typists put for Đ. */
			fold_add_letter(&st, 'd', here);
			if (!st.cut)
				fold_add_mod(&st.w, FOLD_MOD_STROKE);
			last_end = (uint32_t)off;
			continue;
		}
		int32_t parts[8];
		int boundclass = 0;
		utf8proc_ssize_t np = utf8proc_decompose_char(
		    cp, parts, 8, UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD, &boundclass);
		if (np <= 0 || np > 8) {
			parts[0] = cp;
			np = 1;
		}
		bool separator = false;
		for (utf8proc_ssize_t i = 0; i < np; i++) {
			switch (utf8proc_category(parts[i])) {
			case UTF8PROC_CATEGORY_LU:
			case UTF8PROC_CATEGORY_LL:
			case UTF8PROC_CATEGORY_LT:
			case UTF8PROC_CATEGORY_LM:
			case UTF8PROC_CATEGORY_LO:
			case UTF8PROC_CATEGORY_ND:
			case UTF8PROC_CATEGORY_NL:
			case UTF8PROC_CATEGORY_NO: fold_add_letter(&st, parts[i], here); break;
			case UTF8PROC_CATEGORY_MN:
			case UTF8PROC_CATEGORY_MC:
			case UTF8PROC_CATEGORY_ME: fold_add_mark(&st, parts[i]); break;
			default: separator = true; break;
			}
		}
		if (separator) {
			int rc = fold_finish(&st, last_end, fn, ctx);
			if (rc)
				return rc;
		}
		last_end = (uint32_t)off;
	}
	return fold_finish(&st, last_end, fn, ctx);
}

typedef struct fold_split_ctx {
	fold_word *out;
	size_t max, n;
} fold_split_ctx;

static int fold_split_one(const fold_word *w, void *ctx)
{
	fold_split_ctx *sc = ctx;
	if (sc->n < sc->max)
		sc->out[sc->n] = *w;
	sc->n++;
	return 0;
}

size_t fold_split(const char *text, fold_word *out, size_t max)
{
	fold_split_ctx sc = {.out = out, .max = max, .n = 0};
	fold_each(text, strlen(text), fold_split_one, &sc);
	return sc.n;
}

bool fold_marks_fit(const fold_word *q, unsigned w_tone, const uint8_t *w_mods, size_t n)
{
	if (q->tone != FOLD_TONE_NONE && q->tone != w_tone)
		return false;
	/* Both lists ascend: one merge pass. */
	size_t j = 0;
	for (unsigned i = 0; i < q->nmods; i++) {
		while (j < n && w_mods[j] < q->mods[i])
			j++;
		if (j == n || w_mods[j] != q->mods[i])
			return false;
		j++;
	}
	return true;
}

fold_quality fold_match(const fold_word *q, const fold_word *w)
{
	if (q->len > w->len || memcmp(q->base, w->base, q->len) != 0)
		return FOLD_NONE;
	if (!fold_marks_fit(q, w->tone, w->mods, w->nmods))
		return FOLD_NONE;
	if (q->len < w->len)
		return FOLD_PREFIX;
	if (q->tone == w->tone && q->nmods == w->nmods)
		return FOLD_EXACT; /* fit + same count = the same modifiers */
	return FOLD_WHOLE;
}
