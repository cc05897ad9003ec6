/* test_date.c — parsing, formatting and arithmetic of YYYYMMDD dates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "dienhinh/date.h"
#include "dienhinh/error.h"

static void test_parse_accepts_iso_and_vietnamese_forms(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		int ymd;
	} cases[] = {
		{"2021-06-30", 20210630}, {"30/06/2021", 20210630}, {"1/6/2021", 20210601},
		{"01/6/2021", 20210601},  {"9/12/2021", 20211209},  {"2020-02-29", 20200229},
		{"29/02/2000", 20000229}, {" 2021-01-01 ", 20210101}, {"31/12/1999", 19991231},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int ymd = -1;
		assert_int_equal(date_parse(cases[i].text, &ymd), 0);
		assert_int_equal(ymd, cases[i].ymd);
	}
}

static void test_parse_rejects_impossible_and_malformed_dates(void **state)
{
	(void)state;
	static const char *bad[] = {
		"31/02/2021", "29/02/2021", "29/02/1900", "2021-02-30", "2021-13-01", "2021-00-10",
		"2021-04-31", "0/1/2021",   "1/0/2021",   "32/01/2021", "2021-6-30",  "21-06-30",
		"30/06/21",   "30-06-2021", "2021/06/30", "",           "hôm nay",   "2021-06-30x",
		"30/06/2021 12:00", "123/06/2021", "30/06/20210", "0000-01-01",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int ymd = 7;
		assert_int_equal(date_parse(bad[i], &ymd), DH_EINVAL);
		assert_int_equal(ymd, 7); /* untouched on error */
	}
	assert_int_equal(date_parse(NULL, &(int){0}), DH_EINVAL);
}

static void test_valid_knows_leap_years(void **state)
{
	(void)state;
	assert_true(date_valid(20240229));
	assert_true(date_valid(20000229));
	assert_false(date_valid(21000229));
	assert_false(date_valid(20230229));
	assert_false(date_valid(0));
	assert_false(date_valid(20211131));
}

static void test_format_iso_and_vietnamese(void **state)
{
	(void)state;
	char buf[11];
	assert_string_equal(date_iso(20210630, buf), "2021-06-30");
	assert_string_equal(date_vn(20210630, buf), "30/06/2021");
	assert_string_equal(date_vn(20210105, buf), "05/01/2021");
	assert_string_equal(date_iso(0, buf), "");
	assert_string_equal(date_vn(0, buf), "");
}

static void test_diff_and_add_cross_months_and_years(void **state)
{
	(void)state;
	assert_int_equal(date_diff(20210630, 20210701), 1);
	assert_int_equal(date_diff(20210701, 20210630), -1);
	assert_int_equal(date_diff(20210101, 20220101), 365);
	assert_int_equal(date_diff(20200101, 20210101), 366);
	assert_int_equal(date_diff(19700101, 20000101), 10957);
	assert_int_equal(date_add_days(20210630, 1), 20210701);
	assert_int_equal(date_add_days(20201231, 1), 20210101);
	assert_int_equal(date_add_days(20200228, 1), 20200229);
	assert_int_equal(date_add_days(20210301, -1), 20210228);
	assert_int_equal(date_add_days(20210915, -365), 20200915);
	/* A round trip over many days lands on valid dates only. */
	int d = 19991225;
	for (int i = 0; i < 3000; i++) {
		int next = date_add_days(d, 1);
		assert_true(date_valid(next));
		assert_int_equal(date_diff(d, next), 1);
		d = next;
	}
}

/* The serial numbers Excel and LibreOffice keep dates as. */
static void test_serial_numbers_of_spreadsheets(void **state)
{
	(void)state;
	static const struct {
		double serial;
		int ymd;
	} cases[] = {
	    {1, 19000101},     {59, 19000228},     {61, 19000301},     {25569, 19700101},
	    {36526, 20000101}, {44377, 20210630}, {44377.75, 20210630}, {73415, 21001231},
	    {2958465, 99991231},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int ymd = -1;
		assert_int_equal(date_from_serial(cases[i].serial, false, &ymd), 0);
		assert_int_equal(ymd, cases[i].ymd);
		if (cases[i].serial == (long)cases[i].serial && cases[i].serial > 60)
			assert_int_equal(date_to_serial(cases[i].ymd), (long)cases[i].serial);
	}
	int ymd = 7;
	/* Excel's 29 February 1900 never was; nor serial 0, a negative one,
	 * one past 9999 or NaN. */
	assert_int_equal(date_from_serial(60, false, &ymd), DH_EINVAL);
	assert_int_equal(date_from_serial(0, false, &ymd), DH_EINVAL);
	assert_int_equal(date_from_serial(-1, false, &ymd), DH_EINVAL);
	assert_int_equal(date_from_serial(2958466, false, &ymd), DH_EINVAL);
	assert_int_equal(date_from_serial(0.0 / 0.0, false, &ymd), DH_EINVAL);
	assert_int_equal(ymd, 7);
	/* The 1904 system of old Mac workbooks: 1462 days later. */
	assert_int_equal(date_from_serial(0, true, &ymd), 0);
	assert_int_equal(ymd, 19040101);
	assert_int_equal(date_from_serial(44377 - 1462, true, &ymd), 0);
	assert_int_equal(ymd, 20210630);

	/* A bare serial in a date column: whole days of 2000..2100 only. */
	assert_int_equal(date_parse_serial("44377", &ymd), 0);
	assert_int_equal(ymd, 20210630);
	assert_int_equal(date_parse_serial(" 44377.0 ", &ymd), 0);
	assert_int_equal(date_parse_serial("36526", &ymd), 0);
	assert_int_equal(ymd, 20000101);
	assert_int_equal(date_parse_serial("73415", &ymd), 0);
	assert_int_equal(ymd, 21001231);
	static const char *bad[] = {"36525", "73416", "44377.5", "4437x", "", "-44377", "1e5",
	                            "0044377", "2021", "44377,0", "444377"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ymd = 7;
		assert_int_equal(date_parse_serial(bad[i], &ymd), DH_EINVAL);
		assert_int_equal(ymd, 7);
	}
}

static void test_today_honours_environment(void **state)
{
	(void)state;
	setenv("DIENHINH_TODAY", "2021-09-15", 1);
	assert_int_equal(date_today(), 20210915);
	setenv("DIENHINH_TODAY", "15/09/2021", 1);
	assert_int_equal(date_today(), 20210915);
	setenv("DIENHINH_TODAY", "not a date", 1);
	assert_true(date_valid(date_today())); /* falls back to the clock */
	unsetenv("DIENHINH_TODAY");
	assert_true(date_valid(date_today()));
	assert_true(date_now() > 1600000000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_accepts_iso_and_vietnamese_forms),
		cmocka_unit_test(test_parse_rejects_impossible_and_malformed_dates),
		cmocka_unit_test(test_valid_knows_leap_years),
		cmocka_unit_test(test_format_iso_and_vietnamese),
		cmocka_unit_test(test_diff_and_add_cross_months_and_years),
		cmocka_unit_test(test_serial_numbers_of_spreadsheets),
		cmocka_unit_test(test_today_honours_environment),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
