/* utf8.c — UTF-8 bytes, codepoints, graphemes and columns on top of
 * utf8proc. The editor and the list widgets think in graphemes and columns;
 * the store only ever sees NFC text that went through utf8_clean(). */
#include "dienhinh/utf8.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static bool utf8_is_control(int32_t cp);
static int32_t utf8_lower_cp(int32_t cp, void *data);
static int32_t utf8_upper_cp(int32_t cp, void *data);
static int utf8_next_folded(const char **s, int32_t *buf, int *have, int *pos);

int utf8_decode(const char *s, size_t len, int32_t *cp)
{
	/* Strict UTF-8 (RFC 3629): no overlongs, no surrogates, nothing past
	 * U+10FFFF. Written out rather than via utf8proc_iterate(): every
	 * record decode validates its text, so this is on the hot path. */
	const unsigned char *p = (const unsigned char *)s;
	if (len == 0)
		return -1;
	unsigned c = p[0];
	if (c < 0x80) {
		*cp = (int32_t)c;
		return 1;
	}
	int n;
	uint32_t v, min;
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		v = c & 0x1f;
		min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		v = c & 0x0f;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		v = c & 0x07;
		min = 0x10000;
	} else {
		return -1;
	}
	if (len < (size_t)n)
		return -1;
	for (int i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return -1;
		v = v << 6 | (p[i] & 0x3f);
	}
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return -1;
	*cp = (int32_t)v;
	return n;
}

int utf8_encode(int32_t cp, char *out)
{
	return (int)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out);
}

bool utf8_valid(const char *s, size_t len)
{
	size_t off = 0;
	while (off < len) {
		/* ASCII runs eight bytes at a time */
		while (off + 8 <= len) {
			uint64_t w;
			memcpy(&w, s + off, 8);
			if (w & 0x8080808080808080ull)
				break;
			off += 8;
		}
		if (off >= len)
			break;
		int32_t cp;
		int n = utf8_decode(s + off, len - off, &cp);
		if (n < 0)
			return false;
		off += (size_t)n;
	}
	return true;
}

/* Whether CP is left as it is by NFC whatever stands around it: not a
 * combining mark, not a singleton or excluded composite, and nothing that
 * composes with a following mark in a way that changes it. Kept to the
 * blocks Vietnamese text lives in (ASCII, Latin-1, Latin Extended A/B, the
 * precomposed Latin Extended Additional, the common punctuation); anything
 * else goes through utf8proc. */
static bool utf8_nfc_stable(int32_t cp)
{
	return cp < 0x300 || (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x2010 && cp <= 0x2027);
}

char *utf8_nfc(const char *s)
{
	if (!s)
		return NULL;
	/* Most text arrives composed already (typed, imported, stored): check
	 * it in one pass and copy it, instead of decomposing and composing
	 * every letter. A letter followed by a combining mark is not stable
	 * (the mark is not), so decomposed input still takes the long way. */
	size_t len = strlen(s);
	bool stable = true;
	for (size_t off = 0; off < len;) {
		int32_t cp;
		int n = utf8_decode(s + off, len - off, &cp);
		if (n < 0)
			return NULL;
		if (!utf8_nfc_stable(cp)) {
			stable = false;
			break;
		}
		off += (size_t)n;
	}
	if (stable)
		return strdup(s);
	if (!utf8_valid(s, len))
		return NULL;
	return (char *)utf8proc_NFC((const utf8proc_uint8_t *)s);
}

/* C0 (TAB and LF are decided by the caller), DEL and C1. */
static bool utf8_is_control(int32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

utf8_invisible_kind utf8_invisible(int32_t cp)
{
	if (cp < 0x61c || cp > 0xfeff)
		return UTF8_SHOWN;
	if (cp == 0x61c || cp == 0x200e || cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069))
		return UTF8_BIDI;
	if ((cp >= 0x200b && cp <= 0x200d) || (cp >= 0x2060 && cp <= 0x2064) ||
	    (cp >= 0x206a && cp <= 0x206f))
		return UTF8_ZERO_WIDTH;
	return cp == 0xfeff ? UTF8_BYTE_ORDER : UTF8_SHOWN;
}

bool utf8_invisible_at(const char *s, size_t len, size_t *off, int32_t *cp)
{
	for (size_t i = 0; i < len;) {
		/* Every invisible codepoint is three bytes starting 0xD8 (U+061C)
		 * or 0xE2/0xEF: skip the rest without decoding. */
		unsigned char b = (unsigned char)s[i];
		if (b != 0xd8 && b != 0xe2 && b != 0xef) {
			i++;
			continue;
		}
		int32_t c;
		int n = utf8_decode(s + i, len - i, &c);
		if (n > 0 && utf8_invisible(c) != UTF8_SHOWN) {
			if (off)
				*off = i;
			if (cp)
				*cp = c;
			return true;
		}
		i += n > 0 ? (size_t)n : 1;
	}
	return false;
}

/* One message per codepoint, so that callers get a static string. */
#define INV_BIDI(hex)                                                                                        \
	{                                                                                                    \
		0x##hex, "chứa ký tự điều khiển hướng chữ U+" #hex " (không được phép)"                \
	}
#define INV_ZW(hex)                                                                                          \
	{                                                                                                    \
		0x##hex, "chứa ký tự không độ rộng U+" #hex " (không được phép)"                       \
	}
static const struct {
	int32_t cp;
	const char *why;
} invisible_why[] = {
    INV_BIDI(061C), INV_ZW(200B),   INV_ZW(200C),
    INV_ZW(200D),   INV_BIDI(200E), INV_BIDI(200F),
    INV_BIDI(202A), INV_BIDI(202B), INV_BIDI(202C),
    INV_BIDI(202D), INV_BIDI(202E), INV_ZW(2060),
    INV_ZW(2061),   INV_ZW(2062),   INV_ZW(2063),
    INV_ZW(2064),   INV_BIDI(2066), INV_BIDI(2067),
    INV_BIDI(2068), INV_BIDI(2069), INV_ZW(206A),
    INV_ZW(206B),   INV_ZW(206C),   INV_ZW(206D),
    INV_ZW(206E),   INV_ZW(206F),   {0xFEFF, "chứa ký tự BOM U+FEFF giữa văn bản (không được phép)"},
};
#undef INV_BIDI
#undef INV_ZW

const char *utf8_invisible_why(int32_t cp)
{
	for (size_t i = 0; i < sizeof invisible_why / sizeof invisible_why[0]; i++)
		if (invisible_why[i].cp == cp)
			return invisible_why[i].why;
	return NULL;
}

char *utf8_clean(const char *s, bool allow_newlines, const char **why)
{
	const char *dummy;
	if (!why)
		why = &dummy;
	*why = NULL;
	if (!s) {
		*why = "Văn bản không phải UTF-8";
		return NULL;
	}
	/* One pass: valid UTF-8, no control character, and whether NFC would
	 * leave it as it is (as utf8_nfc checks); an import runs every cell
	 * of a million rows through here. */
	size_t len = strlen(s);
	bool stable = true;
	for (size_t off = 0; off < len;) {
		unsigned char b = (unsigned char)s[off];
		if (b >= 0x20 && b < 0x7f) {
			off++;
			continue;
		}
		int32_t cp;
		int n = utf8_decode(s + off, len - off, &cp);
		if (n < 0) {
			*why = "Văn bản không phải UTF-8";
			return NULL;
		}
		if (utf8_is_control(cp) && !(allow_newlines && (cp == '\n' || cp == '\t'))) {
			*why = "Ký tự điều khiển không được phép";
			return NULL;
		}
		if (utf8_invisible(cp) != UTF8_SHOWN) {
			*why = utf8_invisible_why(cp);
			return NULL;
		}
		if (!utf8_nfc_stable(cp))
			stable = false;
		off += (size_t)n;
	}
	char *out = stable ? strdup(s) : (char *)utf8proc_NFC((const utf8proc_uint8_t *)s);
	if (!out)
		*why = "Hết bộ nhớ";
	return out;
}

char *utf8_map(const char *s, size_t grow, utf8_put_fn put)
{
	size_t len = s ? strlen(s) : 0;
	char *out = malloc(len * grow + 1);
	if (!out)
		return NULL;
	size_t o = 0;
	for (size_t off = 0; off < len;) {
		int32_t cp;
		int n = utf8_decode(s + off, len - off, &cp);
		if (n < 0) {
			n = 1;
			cp = -1;
		}
		o += put(out + o, s + off, n, cp);
		off += (size_t)n;
	}
	out[o] = '\0';
	return out;
}

static size_t utf8_put_sanitized(char *out, const char *at, int n, int32_t cp)
{
	if (cp < 0 || utf8_is_control(cp))
		return (size_t)utf8_encode(0xFFFD, out); /* the replacement character */
	memcpy(out, at, (size_t)n);
	return (size_t)n;
}

char *utf8_sanitize(const char *s)
{
	/* Every input byte becomes at most three output bytes. */
	return utf8_map(s, 3, utf8_put_sanitized);
}

static size_t utf8_put_escaped(char *out, const char *at, int n, int32_t cp)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t o = 0;
	if (cp < 0 || (n == 1 && utf8_is_control(cp))) {
		unsigned char b = (unsigned char)at[0];
		out[o++] = '\\';
		out[o++] = 'x';
		out[o++] = hex[b >> 4];
		out[o++] = hex[b & 15];
	} else if (utf8_is_control(cp) || utf8_invisible(cp) != UTF8_SHOWN) {
		/* C1 (two bytes) and the invisible ones (three): a codepoint
		 * of four hex digits. */
		out[o++] = '\\';
		out[o++] = 'u';
		for (int shift = 12; shift >= 0; shift -= 4)
			out[o++] = hex[(cp >> shift) & 15];
	} else if (cp == '\\') {
		out[o++] = '\\';
		out[o++] = '\\';
	} else {
		memcpy(out, at, (size_t)n);
		o = (size_t)n;
	}
	return o;
}

char *utf8_escape(const char *s)
{
	/* The longest form is six bytes ("\u202E") for three input bytes, or
	 * four ("\x1B") for one. */
	return utf8_map(s, 4, utf8_put_escaped);
}

int utf8_cp_width(int32_t cp)
{
	if (cp < 0 || cp > 0x10ffff)
		return 1;
	return utf8proc_charwidth(cp);
}

/* Columns of the LEN bytes at S (an invalid byte counts as one). */
static int utf8_span_width(const char *s, size_t len)
{
	int cols = 0;
	for (size_t off = 0; off < len;) {
		int32_t cp;
		int n = utf8_decode(s + off, len - off, &cp);
		if (n < 0) {
			cols++;
			off++;
			continue;
		}
		cols += utf8_cp_width(cp);
		off += (size_t)n;
	}
	return cols;
}

int utf8_width(const char *s)
{
	return utf8_span_width(s, strlen(s));
}

size_t utf8_grapheme_len(const char *s, size_t len)
{
	if (len == 0)
		return 0;
	int32_t prev;
	int n = utf8_decode(s, len, &prev);
	if (n < 0)
		return 1; /* an invalid byte stands alone */
	size_t off = (size_t)n;
	utf8proc_int32_t state = 0;
	while (off < len) {
		int32_t cp;
		n = utf8_decode(s + off, len - off, &cp);
		if (n < 0 || utf8proc_grapheme_break_stateful(prev, cp, &state))
			break;
		prev = cp;
		off += (size_t)n;
	}
	return off;
}

size_t utf8_grapheme_before(const char *s, size_t off)
{
	/* Grapheme breaks depend on what came before (regional indicator
	 * pairs), so walk from the start: edited fields are short. */
	size_t start = 0, pos = 0;
	while (pos < off) {
		size_t g = utf8_grapheme_len(s + pos, off - pos);
		start = pos;
		pos += g;
	}
	return off - start;
}

size_t utf8_graphemes(const char *s)
{
	size_t len = strlen(s), count = 0;
	for (size_t off = 0; off < len; count++)
		off += utf8_grapheme_len(s + off, len - off);
	return count;
}

size_t utf8_fit(const char *s, int cols, int *used)
{
	size_t len = strlen(s), off = 0;
	int width = 0;
	while (off < len) {
		size_t g = utf8_grapheme_len(s + off, len - off);
		int w = utf8_span_width(s + off, g);
		if (width + w > cols)
			break;
		width += w;
		off += g;
	}
	if (used)
		*used = width;
	return off;
}

/* The next codepoint of the case-folded text at *S; a codepoint may fold to
 * several (ß → ss), kept in BUF. Returns 0 at the end. */
static int utf8_next_folded(const char **s, int32_t *buf, int *have, int *pos)
{
	while (*pos >= *have) {
		if (**s == '\0')
			return 0;
		int32_t cp;
		/* A codepoint is at most four bytes: looking further (strlen)
		 * would make a comparison quadratic in the length. */
		int n = utf8_decode(*s, strnlen(*s, 4), &cp);
		if (n < 0) {
			cp = (unsigned char)**s; /* compare invalid bytes as they are */
			n = 1;
		}
		*s += n;
		int last = 0;
		utf8proc_ssize_t got = utf8proc_decompose_char(cp, buf, 8, UTF8PROC_CASEFOLD, &last);
		if (got <= 0 || got > 8) {
			buf[0] = cp;
			got = 1;
		}
		*have = (int)got;
		*pos = 0;
	}
	return buf[(*pos)++];
}

int utf8_casecmp(const char *a, const char *b)
{
	int32_t abuf[8], bbuf[8];
	int ahave = 0, apos = 0, bhave = 0, bpos = 0;
	for (;;) {
		int32_t ca = utf8_next_folded(&a, abuf, &ahave, &apos);
		int32_t cb = utf8_next_folded(&b, bbuf, &bhave, &bpos);
		if (ca != cb)
			return ca < cb ? -1 : 1;
		if (ca == 0)
			return 0;
	}
}

char *utf8_casefold(const char *s)
{
	/* ASCII folds to one byte; any other codepoint (two bytes or more)
	 * to at most eight codepoints of four bytes (utf8_next_folded). */
	size_t len = strlen(s);
	char *out = malloc(len * 16 + 1);
	if (!out)
		return NULL;
	int32_t buf[8];
	int have = 0, pos = 0;
	size_t o = 0;
	/* An invalid byte comes back as its value and is encoded as that
	 * codepoint: equal keys stay exactly what utf8_casecmp() calls equal. */
	for (int32_t cp; (cp = utf8_next_folded(&s, buf, &have, &pos)) != 0;)
		o += (size_t)utf8_encode(cp, out + o);
	out[o] = '\0';
	return out;
}

static int32_t utf8_lower_cp(int32_t cp, void *data)
{
	(void)data;
	return utf8proc_tolower(cp);
}

/* S with every codepoint through MAP, composed again (NFC). */
static char *utf8_map_case(const char *s, utf8proc_custom_func map)
{
	if (!s || !utf8_valid(s, strlen(s)))
		return NULL;
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t n =
	    utf8proc_map_custom((const utf8proc_uint8_t *)s, 0, &out,
	                        UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE, map, NULL);
	if (n < 0)
		return NULL;
	return (char *)out;
}

char *utf8_lower(const char *s)
{
	return utf8_map_case(s, utf8_lower_cp);
}

static int32_t utf8_upper_cp(int32_t cp, void *data)
{
	(void)data;
	return utf8proc_toupper(cp);
}

char *utf8_upper(const char *s)
{
	return utf8_map_case(s, utf8_upper_cp);
}
