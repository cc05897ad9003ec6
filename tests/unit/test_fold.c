/* test_fold.c — Vietnamese syllable folding and the lookup matching rule
 * of DESIGN.md §7, table-driven. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <utf8proc.h>

#include "dienhinh/fold.h"

static fold_word fold_one(const char *text)
{
	fold_word w[2];
	size_t n = fold_split(text, w, 2);
	if (n != 1)
		fail_msg("\"%s\" folds to %zu words, expected 1", text, n);
	return w[0];
}

static void test_split_finds_words_and_their_parts(void **state)
{
	(void)state;
	fold_word w[8];
	size_t n = fold_split("  Nguyễn Văn Đạt, QĐ-15/2021 ", w, 8);
	assert_int_equal(n, 6);
	const char *bases[] = {"nguyen", "van", "dat", "qd", "15", "2021"};
	for (size_t i = 0; i < n; i++)
		assert_string_equal(w[i].base, bases[i]);
	/* Nguyễn: circumflex on the e (byte 4), tone ngã. */
	assert_int_equal(w[0].tone, FOLD_TONE_NGA);
	assert_int_equal(w[0].nmods, 1);
	assert_int_equal(w[0].mods[0], FOLD_MOD_PACK(4, FOLD_MOD_CIRCUMFLEX));
	/* Văn: breve on a, no tone. */
	assert_int_equal(w[1].tone, FOLD_TONE_NONE);
	assert_int_equal(w[1].mods[0], FOLD_MOD_PACK(1, FOLD_MOD_BREVE));
	/* Đạt: stroke on d, nặng. */
	assert_int_equal(w[2].tone, FOLD_TONE_NANG);
	assert_int_equal(w[2].nmods, 1);
	assert_int_equal(w[2].mods[0], FOLD_MOD_PACK(0, FOLD_MOD_STROKE));
	assert_int_equal(w[3].mods[0], FOLD_MOD_PACK(1, FOLD_MOD_STROKE));
	/* Source byte ranges, for highlighting. */
	assert_int_equal(w[0].start, 2);
	assert_int_equal(w[0].end, 2 + strlen("Nguyễn"));
	assert_int_equal(w[5].end, strlen("  Nguyễn Văn Đạt, QĐ-15/2021"));
	assert_int_equal(fold_split("", w, 8), 0);
	assert_int_equal(fold_split(" ,.-/ ", w, 8), 0);
}

static void test_split_every_tone_and_modifier(void **state)
{
	(void)state;
	static const struct {
		const char *text, *base;
		int tone;
		int pos, mod; /* one modifier, or mod 0 */
	} cases[] = {
		{"ma", "ma", FOLD_TONE_NONE, 0, 0},        {"má", "ma", FOLD_TONE_SAC, 0, 0},
		{"mà", "ma", FOLD_TONE_HUYEN, 0, 0},       {"mả", "ma", FOLD_TONE_HOI, 0, 0},
		{"mã", "ma", FOLD_TONE_NGA, 0, 0},         {"mạ", "ma", FOLD_TONE_NANG, 0, 0},
		{"mâ", "ma", FOLD_TONE_NONE, 1, FOLD_MOD_CIRCUMFLEX},
		{"mă", "ma", FOLD_TONE_NONE, 1, FOLD_MOD_BREVE},
		{"mơ", "mo", FOLD_TONE_NONE, 1, FOLD_MOD_HORN},
		{"mư", "mu", FOLD_TONE_NONE, 1, FOLD_MOD_HORN},
		{"ặ", "a", FOLD_TONE_NANG, 0, FOLD_MOD_BREVE},
		{"Ẩ", "a", FOLD_TONE_HOI, 0, FOLD_MOD_CIRCUMFLEX},
		{"Ữ", "u", FOLD_TONE_NGA, 0, FOLD_MOD_HORN},
		{"đ", "d", FOLD_TONE_NONE, 0, FOLD_MOD_STROKE},
		{"Đ", "d", FOLD_TONE_NONE, 0, FOLD_MOD_STROKE},
		{"\xc3\x90" "ọ", "do", FOLD_TONE_NANG, 0, FOLD_MOD_STROKE}, /* Ð (eth) typed for Đ */
		{"THỦY", "thuy", FOLD_TONE_HOI, 0, 0},
		{"thuỷ", "thuy", FOLD_TONE_HOI, 0, 0},
		{"Hòa", "hoa", FOLD_TONE_HUYEN, 0, 0},
		{"hoà", "hoa", FOLD_TONE_HUYEN, 0, 0},
		{"e\xcc\x81", "e", FOLD_TONE_SAC, 0, 0},    /* NFD */
		{"Ô\xcc\xa3", "o", FOLD_TONE_NANG, 0, FOLD_MOD_CIRCUMFLEX},
		{"naïve", "naive", FOLD_TONE_NONE, 0, 0}, /* other marks: not compared */
		{"Ĩ", "i", FOLD_TONE_NGA, 0, 0},
		{"2021", "2021", FOLD_TONE_NONE, 0, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		fold_word w = fold_one(cases[i].text);
		if (strcmp(w.base, cases[i].base) != 0 || w.tone != cases[i].tone ||
		    w.nmods != (cases[i].mod ? 1 : 0) ||
		    (cases[i].mod && w.mods[0] != FOLD_MOD_PACK(cases[i].pos, cases[i].mod)))
			fail_msg("\"%s\": base %s tone %d nmods %d", cases[i].text, w.base, w.tone, w.nmods);
	}
}

static void test_split_word_with_several_modifiers(void **state)
{
	(void)state;
	fold_word w = fold_one("Đường");
	assert_string_equal(w.base, "duong");
	assert_int_equal(w.tone, FOLD_TONE_HUYEN);
	assert_int_equal(w.nmods, 3);
	assert_int_equal(w.mods[0], FOLD_MOD_PACK(0, FOLD_MOD_STROKE));
	assert_int_equal(w.mods[1], FOLD_MOD_PACK(1, FOLD_MOD_HORN));
	assert_int_equal(w.mods[2], FOLD_MOD_PACK(2, FOLD_MOD_HORN));
}

static void test_nfd_folds_like_nfc(void **state)
{
	(void)state;
	static const char *texts[] = {
		"Nguyễn Văn Đạt",   "Đặng Thị Hồng Nhung",     "Phòng Thanh tra, giải quyết khiếu nại, tố cáo",
		"Thủy Thuỷ Hòa Hoà", "Tiếp công dân thường xuyên", "ƯỚC VỌNG ĐƯỢC NGƯỜI ỦNG HỘ",
		"Quyết định số 15/QĐ-TTr",
	};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		char *nfd = (char *)utf8proc_NFD((const utf8proc_uint8_t *)texts[i]);
		assert_non_null(nfd);
		assert_string_not_equal(nfd, texts[i]);
		fold_word a[16], b[16];
		size_t na = fold_split(texts[i], a, 16), nb = fold_split(nfd, b, 16);
		assert_int_equal(na, nb);
		for (size_t j = 0; j < na; j++) {
			assert_string_equal(a[j].base, b[j].base);
			assert_int_equal(a[j].tone, b[j].tone);
			assert_int_equal(a[j].nmods, b[j].nmods);
			assert_memory_equal(a[j].mods, b[j].mods, a[j].nmods);
			assert_int_equal(fold_match(&a[j], &b[j]), FOLD_EXACT);
		}
		free(nfd);
	}
}

static void test_match_rule_table(void **state)
{
	(void)state;
	/* query word, record word, expected quality */
	static const struct {
		const char *query, *word;
		fold_quality q;
	} cases[] = {
		/* Untyped marks are free; typed ones must be there. */
		{"nguyen", "Nguyễn", FOLD_WHOLE},
		{"nguyê", "Nguyễn", FOLD_PREFIX},
		{"nguyên", "Nguyễn", FOLD_WHOLE},
		{"Nguyễn", "Nguyễn", FOLD_EXACT},
		{"NGUYỄN", "nguyễn", FOLD_EXACT},
		{"ng", "Nguyễn", FOLD_PREFIX},
		{"nguyẽn", "Nguyễn", FOLD_WHOLE}, /* tone typed before the hat */
		{"nguyến", "Nguyễn", FOLD_NONE},  /* wrong tone */
		{"nguyễn", "Nguyên", FOLD_NONE},  /* tone typed, word has none */
		{"nguyễn", "Nguyen", FOLD_NONE},
		{"nguyen", "Nguyen", FOLD_EXACT},
		{"nguyenx", "Nguyễn", FOLD_NONE},
		{"guyen", "Nguyễn", FOLD_NONE}, /* letters start the word */
		/* đ */
		{"d", "Đặng", FOLD_PREFIX},
		{"dang", "Đặng", FOLD_WHOLE},
		{"đ", "Đặng", FOLD_PREFIX},
		{"đ", "Dương", FOLD_NONE},
		{"đặng", "Đặng", FOLD_EXACT},
		{"dặng", "Đặng", FOLD_WHOLE},
		{"đang", "Đặng", FOLD_WHOLE},
		{"đăng", "Đặng", FOLD_WHOLE},
		{"đâng", "Đặng", FOLD_NONE},
		{"Đ", "đ", FOLD_EXACT},
		/* Modifiers must be on the same letter. */
		{"Văn", "Vân", FOLD_NONE},
		{"Vân", "Văn", FOLD_NONE},
		{"van", "Vân", FOLD_WHOLE},
		{"văn", "Văn", FOLD_EXACT},
		{"vă", "Văn", FOLD_PREFIX},
		{"ơ", "ô", FOLD_NONE},
		{"ư", "u", FOLD_NONE},
		{"u", "ư", FOLD_WHOLE},
		{"truong", "Trương", FOLD_WHOLE},
		{"trương", "Trường", FOLD_WHOLE},
		{"trường", "Trương", FOLD_NONE},
		{"truơng", "Trương", FOLD_WHOLE}, /* one horn typed of two */
		{"trưong", "Trương", FOLD_WHOLE},
		{"tru", "Trương", FOLD_PREFIX},
		{"trư", "Trương", FOLD_PREFIX},
		{"trơ", "Trương", FOLD_NONE}, /* the horn is on the u, not the o */
		/* The tone is the word's, wherever its mark sits. */
		{"hoà", "Hòa", FOLD_EXACT},
		{"hòa", "Hoà", FOLD_EXACT},
		{"hoa", "Hòa", FOLD_WHOLE},
		{"hoá", "Hòa", FOLD_NONE},
		{"thuỷ", "Thủy", FOLD_EXACT},
		{"thủy", "Thuỷ", FOLD_EXACT},
		{"thuy", "Thủy", FOLD_WHOLE},
		{"thủ", "Thuỷ", FOLD_PREFIX}, /* tone typed on the way */
		{"hò", "Hoà", FOLD_PREFIX},
		{"khoẻ", "Khỏe", FOLD_EXACT},
		{"quý", "Qúy", FOLD_EXACT},
		{"tiếp", "Tiếp", FOLD_EXACT},
		{"tiep", "tiếp", FOLD_WHOLE},
		{"tiêp", "tiếp", FOLD_WHOLE},
		{"tiép", "tiếp", FOLD_WHOLE},
		{"tiẹp", "tiếp", FOLD_NONE},
		{"tiế", "tiếp", FOLD_PREFIX},
		/* NFD on either side. */
		{"Nguye\xcc\x82\xcc\x83n", "Nguyễn", FOLD_EXACT},
		{"nguye\xcc\x82", "Nguyễn", FOLD_PREFIX},
		{"hoa\xcc\x80", "Ho\xcc\x80" "a", FOLD_EXACT},
		{"Nguyễn", "Nguye\xcc\x83\xcc\x82n", FOLD_EXACT}, /* marks in a non-canonical order */
		{"d", "d\xcc\x9b", FOLD_WHOLE},
		/* Digits and other scripts. */
		{"20", "2021", FOLD_PREFIX},
		{"2021", "2021", FOLD_EXACT},
		{"2020", "2021", FOLD_NONE},
		{"15", "15", FOLD_EXACT},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		fold_word q = fold_one(cases[i].query), w = fold_one(cases[i].word);
		fold_quality got = fold_match(&q, &w);
		if (got != cases[i].q)
			fail_msg("\"%s\" vs \"%s\": got %d, expected %d", cases[i].query, cases[i].word, got,
			         cases[i].q);
	}
}

static void test_long_words_are_cut_whole(void **state)
{
	(void)state;
	char text[128];
	memset(text, 'a', 40);
	strcpy(text + 40, "ễ");
	fold_word w = fold_one(text);
	assert_int_equal(w.len, FOLD_BASE_MAX);
	assert_int_equal(strlen(w.base), FOLD_BASE_MAX);
	assert_int_equal(w.nmods, 0); /* the hat belonged to a dropped letter */
	assert_int_equal(w.tone, FOLD_TONE_NGA);
	/* A word of two-byte letters is cut between letters. */
	fold_word cyr = fold_one("ааааааааааааааааааааааааа"); /* 25 Cyrillic a */
	assert_int_equal(cyr.len, 30);
}

static void test_invalid_bytes_and_stray_marks_separate_words(void **state)
{
	(void)state;
	fold_word w[4];
	assert_int_equal(fold_split("ab\xff" "cd", w, 4), 2);
	assert_string_equal(w[0].base, "ab");
	assert_string_equal(w[1].base, "cd");
	assert_int_equal(fold_split("\xcc\x81 x", w, 4), 1);
	assert_string_equal(w[0].base, "x");
	assert_int_equal(w[0].tone, FOLD_TONE_NONE);
}

typedef struct stop_ctx {
	int seen;
} stop_ctx;

static int stop_at_second(const fold_word *w, void *ctx)
{
	(void)w;
	stop_ctx *sc = ctx;
	return ++sc->seen == 2 ? 42 : 0;
}

static void test_each_stops_when_asked(void **state)
{
	(void)state;
	stop_ctx sc = {0};
	const char *t = "một hai ba bốn";
	assert_int_equal(fold_each(t, strlen(t), stop_at_second, &sc), 42);
	assert_int_equal(sc.seen, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split_finds_words_and_their_parts),
		cmocka_unit_test(test_split_every_tone_and_modifier),
		cmocka_unit_test(test_split_word_with_several_modifiers),
		cmocka_unit_test(test_nfd_folds_like_nfc),
		cmocka_unit_test(test_match_rule_table),
		cmocka_unit_test(test_long_words_are_cut_whole),
		cmocka_unit_test(test_invalid_bytes_and_stray_marks_separate_words),
		cmocka_unit_test(test_each_stops_when_asked),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
