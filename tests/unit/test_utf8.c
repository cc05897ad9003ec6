/* test_utf8.c — bytes, codepoints, graphemes and columns of Vietnamese text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "dienhinh/utf8.h"

/* "Nguyễn" with the ễ spelled e + combining circumflex + combining tilde. */
#define NGUYEN_NFD "Nguye\xcc\x82\xcc\x83n"
#define NGUYEN_NFC "Nguy\xe1\xbb\x85n"

static void test_decode_and_encode_round_trip(void **state)
{
	(void)state;
	int32_t cp;
	assert_int_equal(utf8_decode("A", 1, &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(utf8_decode("đ", 2, &cp), 2);
	assert_int_equal(cp, 0x111);
	assert_int_equal(utf8_decode("ễ", 3, &cp), 3);
	assert_int_equal(cp, 0x1ec5);
	assert_int_equal(utf8_decode("\xf0\x9f\x98\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x1f600);
	char out[4];
	assert_int_equal(utf8_encode(0x1ec5, out), 3);
	assert_memory_equal(out, "ễ", 3);
	assert_int_equal(utf8_encode(0x1f600, out), 4);
}

static void test_decode_refuses_invalid_bytes(void **state)
{
	(void)state;
	int32_t cp;
	assert_int_equal(utf8_decode("\xc0\xaf", 2, &cp), -1);     /* overlong '/' */
	assert_int_equal(utf8_decode("\xed\xa0\x80", 3, &cp), -1); /* surrogate */
	assert_int_equal(utf8_decode("\xe1\xbb", 2, &cp), -1);     /* truncated */
	assert_int_equal(utf8_decode("\xff", 1, &cp), -1);
	assert_int_equal(utf8_decode("\x80", 1, &cp), -1);
	assert_int_equal(utf8_decode("\xf4\x90\x80\x80", 4, &cp), -1); /* > U+10FFFF */
	assert_true(utf8_valid("Thanh tra tỉnh", strlen("Thanh tra tỉnh")));
	assert_false(utf8_valid("Thanh \xe1\xbb", 8));
	assert_true(utf8_valid("", 0));
	assert_int_equal(utf8_decode("\xe0\x80\xaf", 3, &cp), -1); /* overlong, 3 bytes */
	assert_int_equal(utf8_decode("\xf0\x80\x80\xaf", 4, &cp), -1);
	assert_int_equal(utf8_decode("\xc2\x80", 2, &cp), 2);
	assert_int_equal(cp, 0x80);
	assert_int_equal(utf8_decode("\xf4\x8f\xbf\xbf", 4, &cp), 4);
	assert_int_equal(cp, 0x10ffff);
	assert_int_equal(utf8_decode("\xee\x80\x80", 3, &cp), 3); /* private use: valid */
	assert_int_equal(utf8_decode("\xc3\x28", 2, &cp), -1);    /* bad continuation */
	/* Long ASCII runs, with the bad byte at every offset around a word. */
	char buf[40];
	for (size_t bad = 0; bad < 20; bad++) {
		memset(buf, 'a', sizeof buf);
		assert_true(utf8_valid(buf, sizeof buf));
		buf[bad] = (char)0xff;
		assert_false(utf8_valid(buf, sizeof buf));
		buf[bad] = (char)0xc3; /* a lead byte cut by the end of the text */
		assert_false(utf8_valid(buf, bad + 1));
	}
}

static void test_nfc_composes_decomposed_input(void **state)
{
	(void)state;
	char *s = utf8_nfc(NGUYEN_NFD);
	assert_non_null(s);
	assert_string_equal(s, NGUYEN_NFC);
	free(s);
	s = utf8_nfc("Ho\xcc\x80"
	             "a");
	assert_string_equal(s, "Hòa");
	free(s);
	assert_null(utf8_nfc("bad \xff"));
	/* Composed text is copied as it is; a mark after a composed letter
	 * still composes with it (ê + U+0301 = ế), and a singleton outside
	 * the Vietnamese blocks still maps (OHM SIGN -> OMEGA). */
	s = utf8_nfc("Nguyễn Thị Thuỷ — “Hòa” … 1.500.000");
	assert_string_equal(s, "Nguyễn Thị Thuỷ — “Hòa” … 1.500.000");
	free(s);
	s = utf8_nfc("Nguy\xc3\xaa\xcc\x81t");
	assert_string_equal(s, "Nguyết");
	free(s);
	s = utf8_nfc("\xe2\x84\xa6");
	assert_string_equal(s, "\xce\xa9");
	free(s);
	assert_null(utf8_nfc("Hòa \xc3"));
}

static void test_clean_refuses_control_characters(void **state)
{
	(void)state;
	const char *why = NULL;
	char *s = utf8_clean(NGUYEN_NFD " Văn A", false, &why);
	assert_non_null(s);
	assert_string_equal(s, NGUYEN_NFC " Văn A");
	assert_null(why);
	free(s);

	static const char *bad[] = {"a\x1b[31mb", "a\rb", "a\x7f", "a\xc2\x85", "a\nb", "a\tb", "a\x01"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		why = NULL;
		assert_null(utf8_clean(bad[i], false, &why));
		assert_string_equal(why, "Ký tự điều khiển không được phép");
	}
	/* Multi-line text keeps its lines and tabs, never escapes. */
	s = utf8_clean("dòng 1\n\tdòng 2", true, &why);
	assert_string_equal(s, "dòng 1\n\tdòng 2");
	free(s);
	assert_null(utf8_clean("a\x1b"
	                       "b",
	                       true, &why));
	assert_null(utf8_clean("a\rb", true, &why));

	assert_null(utf8_clean("Nguy\xe1\xbb", false, &why));
	assert_string_equal(why, "Văn bản không phải UTF-8");
	assert_null(utf8_clean("x\xff", true, NULL)); /* WHY may be NULL */
}

static void test_sanitize_replaces_controls_and_bad_bytes(void **state)
{
	(void)state;
	char *s = utf8_sanitize("Tên\x1b[2J\n\xffđ");
	assert_string_equal(s, "Tên\xef\xbf\xbd[2J\xef\xbf\xbd\xef\xbf\xbdđ");
	free(s);
	s = utf8_sanitize("");
	assert_string_equal(s, "");
	free(s);
}

static void test_width_counts_columns_not_bytes(void **state)
{
	(void)state;
	assert_int_equal(utf8_width("Nguyễn Văn Đạt"), 14);
	assert_int_equal(utf8_width(NGUYEN_NFD), 6);
	assert_int_equal(utf8_width("漢字"), 4);
	assert_int_equal(utf8_width(""), 0);
	assert_int_equal(utf8_width("a\xff"
	                            "b"),
	                 3);
	assert_int_equal(utf8_cp_width(0x0301), 0);
	assert_int_equal(utf8_cp_width('a'), 1);
	assert_int_equal(utf8_cp_width(0x6f22), 2);
}

static void test_graphemes_keep_marks_with_their_letter(void **state)
{
	(void)state;
	assert_int_equal(utf8_graphemes(NGUYEN_NFD), 6);
	assert_int_equal(utf8_graphemes(NGUYEN_NFC), 6);
	assert_int_equal(utf8_graphemes(""), 0);
	/* "e" + circumflex + tilde is one grapheme of five bytes. */
	const char *s = NGUYEN_NFD;
	assert_int_equal(utf8_grapheme_len(s + 4, strlen(s) - 4), 5);
	assert_int_equal(utf8_grapheme_len(s, strlen(s)), 1);
	assert_int_equal(utf8_grapheme_len(s, 0), 0);
	/* Backspace after the ễ removes all of it. */
	assert_int_equal(utf8_grapheme_before(s, 9), 5);
	assert_int_equal(utf8_grapheme_before(s, strlen(s)), 1);
	assert_int_equal(utf8_grapheme_before("đ", 2), 2);
	assert_int_equal(utf8_grapheme_before("ab", 0), 0);
	/* Two flags: each is a pair of regional indicators. */
	const char *flags = "\xf0\x9f\x87\xbb\xf0\x9f\x87\xb3\xf0\x9f\x87\xbb\xf0\x9f\x87\xb3";
	assert_int_equal(utf8_graphemes(flags), 2);
	assert_int_equal(utf8_grapheme_before(flags, 16), 8);
}

static void test_fit_never_splits_a_letter_or_a_wide_char(void **state)
{
	(void)state;
	int used = -1;
	const char *s = NGUYEN_NFD " Văn";
	size_t n = utf8_fit(s, 5, &used);
	assert_int_equal(used, 5);
	assert_int_equal(n, 9); /* "Nguyễ" with both marks */
	n = utf8_fit("漢字x", 3, &used);
	assert_int_equal(n, 3);
	assert_int_equal(used, 2);
	n = utf8_fit("abc", 10, &used);
	assert_int_equal(n, 3);
	assert_int_equal(used, 3);
	assert_int_equal(utf8_fit("abc", 0, NULL), 0);
}

static void test_casecmp_and_lower_fold_vietnamese_capitals(void **state)
{
	(void)state;
	assert_int_equal(utf8_casecmp("NGUYỄN VĂN ĐẠT", "nguyễn văn đạt"), 0);
	assert_int_equal(utf8_casecmp("Đặng", "đặng"), 0);
	assert_int_not_equal(utf8_casecmp("Văn", "Vân"), 0);
	assert_true(utf8_casecmp("a", "B") < 0);
	assert_true(utf8_casecmp("B", "a") > 0);
	assert_true(utf8_casecmp("ab", "AB c") < 0);
	assert_int_equal(utf8_casecmp("STRASSE", "straße"), 0);
	char *s = utf8_lower("NGUYỄN Văn ĐẠT");
	assert_string_equal(s, "nguyễn văn đạt");
	free(s);
	s = utf8_lower(NGUYEN_NFD);
	assert_string_equal(s, "nguy\xe1\xbb\x85n");
	free(s);
	assert_null(utf8_lower("\xff"));
	/* The header of a document: every Vietnamese letter in capitals, composed. */
	s = utf8_upper("Thanh tra tỉnh Hà Tĩnh, Phòng Nghiệp vụ 1, ưu đãi, đặng");
	assert_string_equal(s, "THANH TRA TỈNH HÀ TĨNH, PHÒNG NGHIỆP VỤ 1, ƯU ĐÃI, ĐẶNG");
	free(s);
	s = utf8_upper(NGUYEN_NFD);
	assert_string_equal(s, "NGUY\xe1\xbb\x84N");
	free(s);
	assert_null(utf8_upper("\xff"));
}

/* Every look-alike character, as UTF-8, with the kind it is. */
static const struct {
	const char *bytes;
	int32_t cp;
	utf8_invisible_kind kind;
	const char *why;
} look_alikes[] = {
    {"\xe2\x80\xaa", 0x202a, UTF8_BIDI, "chứa ký tự điều khiển hướng chữ U+202A (không được phép)"},
    {"\xe2\x80\xae", 0x202e, UTF8_BIDI, "chứa ký tự điều khiển hướng chữ U+202E (không được phép)"},
    {"\xe2\x81\xa6", 0x2066, UTF8_BIDI, "chứa ký tự điều khiển hướng chữ U+2066 (không được phép)"},
    {"\xe2\x81\xa9", 0x2069, UTF8_BIDI, "chứa ký tự điều khiển hướng chữ U+2069 (không được phép)"},
    {"\xe2\x80\x8f", 0x200f, UTF8_BIDI, "chứa ký tự điều khiển hướng chữ U+200F (không được phép)"},
    {"\xe2\x80\x8b", 0x200b, UTF8_ZERO_WIDTH, "chứa ký tự không độ rộng U+200B (không được phép)"},
    {"\xe2\x80\x8c", 0x200c, UTF8_ZERO_WIDTH, "chứa ký tự không độ rộng U+200C (không được phép)"},
    {"\xe2\x80\x8d", 0x200d, UTF8_ZERO_WIDTH, "chứa ký tự không độ rộng U+200D (không được phép)"},
    {"\xe2\x81\xa0", 0x2060, UTF8_ZERO_WIDTH, "chứa ký tự không độ rộng U+2060 (không được phép)"},
    {"\xef\xbb\xbf", 0xfeff, UTF8_BYTE_ORDER, "chứa ký tự BOM U+FEFF giữa văn bản (không được phép)"},
};
#define N_LOOK_ALIKES (sizeof look_alikes / sizeof look_alikes[0])

static void test_invisible_names_each_look_alike(void **state)
{
	(void)state;
	for (size_t i = 0; i < N_LOOK_ALIKES; i++) {
		assert_int_equal(utf8_invisible(look_alikes[i].cp), look_alikes[i].kind);
		assert_string_equal(utf8_invisible_why(look_alikes[i].cp), look_alikes[i].why);
		/* Found where it is, after letters of two and three bytes. */
		char text[64];
		snprintf(text, sizeof text, "Lê Bình%sễ", look_alikes[i].bytes);
		size_t off = 99;
		int32_t cp = 0;
		assert_true(utf8_invisible_at(text, strlen(text), &off, &cp));
		assert_int_equal(off, strlen("Lê Bình"));
		assert_int_equal(cp, look_alikes[i].cp);
	}
	/* Vietnamese letters, punctuation near the controls, other scripts. */
	static const char *shown[] = {"Nguyễn Thị Hoà", "Đặng – “ngoặc” … ‰ €", "ØÞ ß 中文 😀", "ﻻ ﻼ"};
	for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++)
		assert_false(utf8_invisible_at(shown[i], strlen(shown[i]), NULL, NULL));
	assert_int_equal(utf8_invisible('a'), UTF8_SHOWN);
	assert_int_equal(utf8_invisible(0x2010), UTF8_SHOWN); /* hyphen, next to them */
	assert_int_equal(utf8_invisible(0x2070), UTF8_SHOWN);
	assert_null(utf8_invisible_why('a'));
	/* An invalid byte before one does not hide it. */
	assert_true(utf8_invisible_at("\xe2\xe2\x80\x8b", 4, NULL, NULL));
}

static void test_clean_refuses_look_alikes_naming_them(void **state)
{
	(void)state;
	for (size_t i = 0; i < N_LOOK_ALIKES; i++) {
		char text[64];
		snprintf(text, sizeof text, "Trần Văn%s Bình", look_alikes[i].bytes);
		for (int lines = 0; lines < 2; lines++) {
			const char *why = NULL;
			assert_null(utf8_clean(text, lines, &why));
			assert_string_equal(why, look_alikes[i].why);
		}
		/* At the very start too: a BOM belongs to a file, not to a text. */
		snprintf(text, sizeof text, "%sBình", look_alikes[i].bytes);
		const char *why = NULL;
		assert_null(utf8_clean(text, false, &why));
		assert_string_equal(why, look_alikes[i].why);
	}
}

static void test_escape_makes_controls_visible(void **state)
{
	(void)state;
	char *s = utf8_escape("ds\x1b[31m đỏ\x1b[0m.csv");
	assert_string_equal(s, "ds\\x1B[31m đỏ\\x1B[0m.csv");
	free(s);
	s = utf8_escape("a\tb\nc\x7f\xc2\x85\xe2\x80\xaevsc.exe\xff\\z");
	assert_string_equal(s, "a\\x09b\\x0Ac\\x7F\\u0085\\u202Evsc.exe\\xFF\\\\z");
	free(s);
	s = utf8_escape("Danh sách Nguyễn.csv");
	assert_string_equal(s, "Danh sách Nguyễn.csv");
	free(s);
	s = utf8_escape("");
	assert_string_equal(s, "");
	free(s);
	/* The worst case for room: every byte invalid. */
	s = utf8_escape("\xff\xfe\xfd");
	assert_string_equal(s, "\\xFF\\xFE\\xFD");
	free(s);
}

static void test_casefold_keys_compare_as_casecmp(void **state)
{
	(void)state;
	static const char *texts[] = {
	    "NGUYỄN VĂN ĐẠT",    "nguyễn văn đạt",    "Văn", "Vân", "STRASSE", "straße",
	    "Phòng Nghiệp vụ 1", "PHÒNG NGHIỆP VỤ 1", "",    "ǰ",   "J̌"};
	size_t n = sizeof texts / sizeof texts[0];
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < n; j++) {
			char *a = utf8_casefold(texts[i]), *b = utf8_casefold(texts[j]);
			assert_int_equal(strcmp(a, b) == 0, utf8_casecmp(texts[i], texts[j]) == 0);
			free(a);
			free(b);
		}
	}
	char *s = utf8_casefold("Đặng STRASSE");
	assert_string_equal(s, "đặng strasse");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_decode_and_encode_round_trip),
	    cmocka_unit_test(test_decode_refuses_invalid_bytes),
	    cmocka_unit_test(test_nfc_composes_decomposed_input),
	    cmocka_unit_test(test_clean_refuses_control_characters),
	    cmocka_unit_test(test_sanitize_replaces_controls_and_bad_bytes),
	    cmocka_unit_test(test_width_counts_columns_not_bytes),
	    cmocka_unit_test(test_graphemes_keep_marks_with_their_letter),
	    cmocka_unit_test(test_fit_never_splits_a_letter_or_a_wide_char),
	    cmocka_unit_test(test_casecmp_and_lower_fold_vietnamese_capitals),
	    cmocka_unit_test(test_invisible_names_each_look_alike),
	    cmocka_unit_test(test_clean_refuses_look_alikes_naming_them),
	    cmocka_unit_test(test_escape_makes_controls_visible),
	    cmocka_unit_test(test_casefold_keys_compare_as_casecmp),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
