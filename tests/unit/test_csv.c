/* test_csv.c — the CSV reader and writer against what spreadsheets write. */
#include "dienhinh/csv.h"
#include "dienhinh/error.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

static void read_all(dh_csv *c, const char *text)
{
	csv_init(c, text, strlen(text));
}

static void expect_row(dh_csv *c, long line, size_t n, const char *const *fields)
{
	assert_int_equal(csv_next(c), 1);
	assert_int_equal(c->row_line, line);
	assert_int_equal(c->n, n);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(csv_field(c, i), fields[i]);
		assert_int_equal(csv_field_len(c, i), strlen(fields[i]));
	}
}

static void test_simple_rows_with_lf_and_crlf(void **state)
{
	(void)state;
	dh_csv c;
	read_all(&c, "a,b,c\r\n1,2,3\n4,,6");
	expect_row(&c, 1, 3, (const char *[]){"a", "b", "c"});
	expect_row(&c, 2, 3, (const char *[]){"1", "2", "3"});
	expect_row(&c, 3, 3, (const char *[]){"4", "", "6"});
	assert_int_equal(csv_next(&c), 0);
	csv_free(&c);
}

static void test_bom_is_skipped(void **state)
{
	(void)state;
	dh_csv c;
	read_all(&c, "\xEF\xBB\xBFkind,name\r\nmodel,Mô hình\r\n");
	expect_row(&c, 1, 2, (const char *[]){"kind", "name"});
	expect_row(&c, 2, 2, (const char *[]){"model", "Mô hình"});
	assert_int_equal(csv_next(&c), 0);
	csv_free(&c);
}

static void test_quoted_fields_hold_commas_quotes_and_newlines(void **state)
{
	(void)state;
	dh_csv c;
	read_all(&c, "name,desc\r\n"
	             "\"Nguyễn, Văn A\",\"Dòng 1\r\nDòng 2\nDòng \"\"3\"\"\"\r\n"
	             "next,\"\"\r\n");
	expect_row(&c, 1, 2, (const char *[]){"name", "desc"});
	expect_row(&c, 2, 2, (const char *[]){"Nguyễn, Văn A", "Dòng 1\nDòng 2\nDòng \"3\""});
	/* The row after a quoted multi-line field starts on its real line. */
	expect_row(&c, 5, 2, (const char *[]){"next", ""});
	assert_int_equal(csv_next(&c), 0);
	csv_free(&c);
}

static void test_lone_cr_ends_a_row(void **state)
{
	(void)state;
	dh_csv c;
	read_all(&c, "a,b\rc,d\r");
	expect_row(&c, 1, 2, (const char *[]){"a", "b"});
	expect_row(&c, 2, 2, (const char *[]){"c", "d"});
	assert_int_equal(csv_next(&c), 0);
	csv_free(&c);
}

static void test_quote_inside_plain_field_is_a_letter(void **state)
{
	(void)state;
	dh_csv c;
	read_all(&c, "Mô hình \"Dân vận khéo\",x\n");
	expect_row(&c, 1, 2, (const char *[]){"Mô hình \"Dân vận khéo\"", "x"});
	csv_free(&c);
}

static void test_blank_rows_are_reported_blank(void **state)
{
	(void)state;
	dh_csv c;
	read_all(&c, "a,b\n\n,,\nc,d\n");
	expect_row(&c, 1, 2, (const char *[]){"a", "b"});
	assert_int_equal(csv_next(&c), 1);
	assert_true(csv_row_blank(&c));
	assert_int_equal(csv_next(&c), 1);
	assert_true(csv_row_blank(&c));
	expect_row(&c, 4, 2, (const char *[]){"c", "d"});
	assert_false(csv_row_blank(&c));
	csv_free(&c);
}

static void test_unterminated_quote_names_the_row_start(void **state)
{
	(void)state;
	dh_csv c;
	read_all(&c, "a,b\nx,y\n\"open,\nmore\nlines\n");
	expect_row(&c, 1, 2, (const char *[]){"a", "b"});
	expect_row(&c, 2, 2, (const char *[]){"x", "y"});
	assert_int_equal(csv_next(&c), DH_EINVAL);
	assert_int_equal(c.row_line, 3);
	assert_non_null(c.error);
	assert_int_equal(csv_next(&c), 0);
	csv_free(&c);
}

static void test_text_after_closing_quote_is_an_error(void **state)
{
	(void)state;
	dh_csv c;
	read_all(&c, "\"ab\"c,d\n");
	assert_int_equal(csv_next(&c), DH_EINVAL);
	assert_int_equal(c.row_line, 1);
	csv_free(&c);
}

static void test_nul_byte_is_an_error(void **state)
{
	(void)state;
	dh_csv c;
	static const char data[] = "a,b\nc\0d,e\n";
	csv_init(&c, data, sizeof(data) - 1);
	expect_row(&c, 1, 2, (const char *[]){"a", "b"});
	assert_int_equal(csv_next(&c), DH_EINVAL);
	assert_int_equal(c.row_line, 2);
	csv_free(&c);
}

static void test_long_fields_grow_the_buffer(void **state)
{
	(void)state;
	size_t n = 100000;
	char *text = malloc(n + 16);
	assert_non_null(text);
	text[0] = '"';
	memset(text + 1, 'x', n);
	strcpy(text + 1 + n, "\",y\n");
	dh_csv c;
	read_all(&c, text);
	assert_int_equal(csv_next(&c), 1);
	assert_int_equal(c.n, 2);
	assert_int_equal(csv_field_len(&c, 0), n);
	assert_string_equal(csv_field(&c, 1), "y");
	csv_free(&c);
	free(text);
}

static char *write_to_string(void (*fn)(FILE *))
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	fn(f);
	fclose(f);
	return buf;
}

static void write_sample(FILE *f)
{
	csv_write_bom(f);
	csv_write_cell(f, 0, "id");
	csv_write_cell(f, 1, "name");
	csv_write_row_end(f);
	csv_write_int_cell(f, 0, 42);
	csv_write_cell(f, 1, "=cmd|' /C calc'!A0");
	csv_write_cell(f, 2, "Lê, \"Hoà\"");
	csv_write_cell(f, 3, "dòng 1\ndòng 2");
	csv_write_cell(f, 4, NULL);
	csv_write_cell(f, 5, "+1");
	csv_write_cell(f, 6, "@SUM(1)");
	csv_write_cell(f, 7, "-2,5");
	csv_write_row_end(f);
}

static void test_writer_quotes_defuses_and_uses_crlf(void **state)
{
	(void)state;
	char *s = write_to_string(write_sample);
	assert_string_equal(
	    s, "\xEF\xBB\xBFid,name\r\n"
	       "42,'=cmd|' /C calc'!A0,\"Lê, \"\"Hoà\"\"\",\"dòng 1\ndòng 2\",,'+1,'@SUM(1),\"'-2,5\"\r\n");
	free(s);
}

static void test_written_text_reads_back(void **state)
{
	(void)state;
	char *s = write_to_string(write_sample);
	dh_csv c;
	read_all(&c, s);
	expect_row(&c, 1, 2, (const char *[]){"id", "name"});
	expect_row(&c, 2, 8,
	           (const char *[]){"42", "'=cmd|' /C calc'!A0", "Lê, \"Hoà\"", "dòng 1\ndòng 2", "", "'+1",
	                            "'@SUM(1)", "'-2,5"});
	assert_int_equal(csv_next(&c), 0);
	csv_free(&c);
	free(s);
}

/* A stream handed over a few bytes at a time reads as the same bytes in
 * memory do: rows cut anywhere — inside quotes, between CR and LF, between
 * a doubled quote's two halves, inside the BOM — come out whole. */
typedef struct trickle {
	const char *p;
	size_t left, step;
} trickle;

static long trickle_read(void *ctx, char *buf, size_t n)
{
	trickle *t = ctx;
	size_t k = t->step < n ? t->step : n;
	if (k > t->left)
		k = t->left;
	memcpy(buf, t->p, k);
	t->p += k;
	t->left -= k;
	t->step = t->step % 5 + 1; /* 1, 2, 3, 4, 5, 1, ... */
	return (long)k;
}

static void test_a_stream_reads_as_the_buffer_does(void **state)
{
	(void)state;
	const char text[] = "\xEF\xBB\xBF"
	                    "a,\"b \"\"q\"\"\r\nline\",c\r\n"
	                    "x,,\"\"\r"
	                    "\n\r\n"
	                    "d,e\"f,g\n"
	                    "last,row";
	for (size_t first = 1; first <= 5; first++) {
		dh_csv m, c;
		csv_init(&m, text, sizeof(text) - 1);
		trickle t = {text, sizeof(text) - 1, first};
		csv_init_stream(&c, trickle_read, &t);
		int rm, rc;
		do {
			rm = csv_next(&m);
			rc = csv_next(&c);
			assert_int_equal(rc, rm);
			if (rm != 1)
				break;
			assert_int_equal(c.row_line, m.row_line);
			assert_int_equal(c.n, m.n);
			for (size_t i = 0; i < m.n; i++) {
				assert_int_equal(csv_field_len(&c, i), csv_field_len(&m, i));
				assert_string_equal(csv_field(&c, i), csv_field(&m, i));
			}
		} while (1);
		assert_int_equal(csv_offset(&c), (long long)sizeof(text) - 1);
		csv_free(&m);
		csv_free(&c);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_simple_rows_with_lf_and_crlf),
	    cmocka_unit_test(test_bom_is_skipped),
	    cmocka_unit_test(test_quoted_fields_hold_commas_quotes_and_newlines),
	    cmocka_unit_test(test_lone_cr_ends_a_row),
	    cmocka_unit_test(test_quote_inside_plain_field_is_a_letter),
	    cmocka_unit_test(test_blank_rows_are_reported_blank),
	    cmocka_unit_test(test_unterminated_quote_names_the_row_start),
	    cmocka_unit_test(test_text_after_closing_quote_is_an_error),
	    cmocka_unit_test(test_nul_byte_is_an_error),
	    cmocka_unit_test(test_long_fields_grow_the_buffer),
	    cmocka_unit_test(test_writer_quotes_defuses_and_uses_crlf),
	    cmocka_unit_test(test_written_text_reads_back),
	    cmocka_unit_test(test_a_stream_reads_as_the_buffer_does),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
