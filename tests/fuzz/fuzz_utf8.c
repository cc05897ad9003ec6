/* fuzz_utf8.c — the UTF-8 functions of utf8.h on any bytes: decode and
 * encode, valid, nfc, clean, sanitize, width, graphemes, fit, casecmp,
 * lower and upper; each checked against what its prototype says (a
 * decoded codepoint encodes to the same bytes, NFC is valid and
 * idempotent, clean text has no control characters and what it refuses
 * has a control or an invisible codepoint, fit never passes the
 * columns and fits the whole string in its own width). */
#include "fuzz.h"

#include "dienhinh/utf8.h"

#include <limits.h>

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static bool has_control(const char *s, bool allow_newlines)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (allow_newlines && (*p == '\n' || *p == '\t'))
			continue;
		if (*p < 0x20 || *p == 0x7f || (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f))
			return true;
	}
	return false;
}

/* Whether S holds a codepoint utf8_clean refuses as invisible. */
static bool has_invisible(const char *s)
{
	size_t len = strlen(s);
	for (size_t off = 0; off < len;) {
		int32_t cp = -1;
		int n = utf8_decode(s + off, len - off, &cp);
		if (n < 0)
			return false;
		if (utf8_invisible_why(cp))
			return true;
		off += (size_t)n;
	}
	return false;
}

static void check_text(const char *s)
{
	size_t len = strlen(s);
	bool valid = utf8_valid(s, len);

	char *nfc = utf8_nfc(s);
	fuzz_assert((nfc != NULL) == valid);
	if (nfc) {
		fuzz_assert(utf8_valid(nfc, strlen(nfc)));
		char *again = utf8_nfc(nfc);
		fuzz_assert(again && strcmp(again, nfc) == 0);
		free(again);
	}
	for (int nl = 0; nl < 2; nl++) {
		const char *why = NULL;
		char *clean = utf8_clean(s, nl, &why);
		fuzz_assert((clean == NULL) == (why != NULL));
		if (clean) {
			fuzz_assert(nfc && strcmp(clean, nfc) == 0);
			fuzz_assert(!has_control(clean, nl));
		} else if (valid) {
			fuzz_assert(has_control(s, nl) || has_invisible(s));
		}
		free(clean);
	}
	free(nfc);

	char *san = utf8_sanitize(s);
	fuzz_assert(san && utf8_valid(san, strlen(san)) && !has_control(san, false));
	free(san);

	int width = utf8_width(s);
	fuzz_assert(width >= 0);
	int used = -1;
	fuzz_assert(utf8_fit(s, width, &used) == len && used == width);
	fuzz_assert(utf8_fit(s, INT_MAX, NULL) == len);
	for (int cols = 0; cols <= 12 && cols < width; cols += 3) {
		size_t off = utf8_fit(s, cols, &used);
		fuzz_assert(off <= len && used <= cols);
	}
	size_t graphemes = utf8_graphemes(s);
	fuzz_assert(graphemes <= len);
	if (len) {
		size_t g = utf8_grapheme_before(s, len);
		fuzz_assert(g >= 1 && g <= len);
		fuzz_assert(utf8_grapheme_len(s, len) >= 1);
	}

	char *lower = utf8_lower(s), *upper = utf8_upper(s);
	fuzz_assert(!lower == !valid && !upper == !valid);
	if (lower)
		fuzz_assert(utf8_valid(lower, strlen(lower)));
	if (upper)
		fuzz_assert(utf8_valid(upper, strlen(upper)));
	free(lower);
	free(upper);
	fuzz_assert(utf8_casecmp(s, s) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Codepoint by codepoint: what decodes encodes to the same bytes. */
	const char *p = (const char *)data;
	bool all = true;
	for (size_t off = 0; off < size;) {
		int32_t cp = -1;
		int n = utf8_decode(p + off, size - off, &cp);
		if (n < 0) {
			all = false;
			off++;
			continue;
		}
		fuzz_assert(n >= 1 && n <= 4 && cp >= 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff));
		char buf[4];
		fuzz_assert(utf8_encode(cp, buf) == n && memcmp(buf, p + off, (size_t)n) == 0);
		fuzz_assert(utf8_cp_width(cp) >= 0);
		off += (size_t)n;
	}
	fuzz_assert(utf8_valid(p, size) == all);

	char *s = fuzz_cstr(data, size);
	check_text(s);
	/* Two halves compared both ways: the order is a real order. */
	size_t half = strlen(s) / 2;
	char *a = strndup(s, half);
	fuzz_assert(a);
	const char *b = s + half;
	int ab = utf8_casecmp(a, b), ba = utf8_casecmp(b, a);
	fuzz_assert((ab > 0) - (ab < 0) == -((ba > 0) - (ba < 0)));
	free(a);
	free(s);
	return 0;
}
