/* Screen 3's detail page wraps long Vietnamese text at word boundaries by
 * screen columns (not bytes), keeps the author's line breaks, and cuts a
 * word only when it is wider than the line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "../../src/ui/scr_selection.h"

#include <string.h>

/* Every line of TEXT wrapped at COLS, joined with '|'. */
static void wrap_all(const char *text, int cols, char *out, size_t size)
{
	size_t o = 0;
	out[0] = '\0';
	const char *s = text;
	do {
		size_t next;
		size_t len = sel_wrap(s, cols, &next);
		o += (size_t)snprintf(out + o, size - o, "%s%.*s", o ? "|" : "", (int)len, s);
		assert_true(next > 0 || !*s);
		s += next;
	} while (*s && o < size);
}

static void test_fits_whole(void **state)
{
	(void)state;
	char out[256];
	wrap_all("Nguyễn Văn An", 20, out, sizeof(out));
	assert_string_equal(out, "Nguyễn Văn An");
}

/* "Nguyễn Văn" is 10 columns in 16 bytes: columns decide. */
static void test_breaks_at_space_by_columns(void **state)
{
	(void)state;
	char out[256];
	wrap_all("Nguyễn Văn An đăng ký mô hình", 10, out, sizeof(out));
	assert_string_equal(out, "Nguyễn Văn|An đăng ký|mô hình");
	wrap_all("Nguyễn Văn An", 12, out, sizeof(out));
	assert_string_equal(out, "Nguyễn Văn|An");
}

static void test_keeps_line_breaks(void **state)
{
	(void)state;
	char out[256];
	wrap_all("Dòng một\nDòng hai\n\nDòng bốn", 40, out, sizeof(out));
	assert_string_equal(out, "Dòng một|Dòng hai||Dòng bốn");
}

static void test_cuts_a_word_wider_than_the_line(void **state)
{
	(void)state;
	char out[256];
	wrap_all("https://thanhtra.hatinh.gov.vn abc", 10, out, sizeof(out));
	assert_string_equal(out, "https://th|anhtra.hat|inh.gov.vn|abc");
	/* One column: still one letter a line, never an empty loop. */
	wrap_all("Đỗ", 1, out, sizeof(out));
	assert_string_equal(out, "Đ|ỗ");
}

static void test_empty(void **state)
{
	(void)state;
	size_t next = 99;
	assert_int_equal(sel_wrap("", 10, &next), 0);
	assert_int_equal(next, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fits_whole),
	    cmocka_unit_test(test_breaks_at_space_by_columns),
	    cmocka_unit_test(test_keeps_line_breaks),
	    cmocka_unit_test(test_cuts_a_word_wider_than_the_line),
	    cmocka_unit_test(test_empty),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
