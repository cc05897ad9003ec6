/* Screen 3's detail pages (the read-only page, ui_page) wrap long
 * Vietnamese text at word boundaries by screen columns (not bytes), keep
 * the author's line breaks, and cut a word only when it is wider than the
 * line: counted as the rows a text takes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "dienhinh/ui_page.h"

/* Rows TEXT takes as a paragraph COLS columns wide. */
static int rows_of(const char *text, int cols)
{
	ui_page p;
	ui_page_init(&p, 0);
	assert_int_equal(ui_page_add(&p, UI_S_NORMAL, NULL, "%s", text), 0);
	ui_page_measure(&p, 1000, cols);
	int total = p.total;
	ui_page_free(&p);
	return total;
}

static void test_fits_whole(void **state)
{
	(void)state;
	assert_int_equal(rows_of("Nguyễn Văn An", 20), 1);
}

/* "Nguyễn Văn" is 10 columns in 16 bytes: columns decide ("Nguyễn Văn|An
 * đăng ký|mô hình"; by bytes it would take four rows). */
static void test_breaks_at_space_by_columns(void **state)
{
	(void)state;
	assert_int_equal(rows_of("Nguyễn Văn An đăng ký mô hình", 10), 3);
	assert_int_equal(rows_of("Nguyễn Văn An", 12), 2);
}

static void test_keeps_line_breaks(void **state)
{
	(void)state;
	assert_int_equal(rows_of("Dòng một\nDòng hai\n\nDòng bốn", 40), 4);
}

/* "https://th|anhtra.hat|inh.gov.vn|abc" */
static void test_cuts_a_word_wider_than_the_line(void **state)
{
	(void)state;
	assert_int_equal(rows_of("https://thanhtra.hatinh.gov.vn abc", 10), 4);
}

static void test_empty(void **state)
{
	(void)state;
	assert_int_equal(rows_of("", 10), 1);
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
