/* test_xlsx.c — the workbook reader (xlsx.h): workbooks built here part by
 * part, as Excel and LibreOffice write them and as a hostile file might. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "dienhinh/error.h"
#include "dienhinh/xlsx.h"

#include "zipbuild.h"

#include <stdio.h>
#include <string.h>

/* The rows a sheet gives, as text: "ROW:cell|cell|...\n" each. */
typedef struct rows_seen {
	char text[4096];
	size_t len;
	int stop_at; /* a row number at which to return 99, or 0 */
} rows_seen;

static int rows_collect(void *ctx, long row, size_t n, const char *const *cells, const size_t *lens)
{
	rows_seen *r = ctx;
	if (r->stop_at && row == r->stop_at)
		return 99;
	r->len += (size_t)snprintf(r->text + r->len, sizeof(r->text) - r->len, "%ld:", row);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(strlen(cells[i]), lens[i]);
		r->len += (size_t)snprintf(r->text + r->len, sizeof(r->text) - r->len, "%s%s", i ? "|" : "",
		                           cells[i]);
	}
	r->len += (size_t)snprintf(r->text + r->len, sizeof(r->text) - r->len, "\n");
	return 0;
}

/* Open DATA and read sheet I: its rows in SEEN; the return of the read
 * (or of the open, when that fails), the reason in WHY. */
static int read_book(const char *data, size_t len, const dh_xlsx_limits *lim, size_t i, rows_seen *seen,
                     char *why, size_t why_size)
{
	dh_xlsx *x = NULL;
	int rc = xlsx_open(data, len, lim, &x, why, why_size);
	if (rc) {
		assert_null(x);
		return rc;
	}
	rc = xlsx_read_sheet(x, i, rows_collect, seen, why, why_size);
	xlsx_close(x);
	return rc;
}

static const char styles_xml[] =
    "<?xml version=\"1.0\"?><styleSheet " NS ">"
    "<numFmts count=\"4\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/>"
    "<numFmt numFmtId=\"165\" formatCode=\"h:mm\"/>"
    "<numFmt numFmtId=\"166\" formatCode=\"[$-42A]d&quot; tháng &quot;mmmm yyyy\"/>"
    "<numFmt numFmtId=\"167\" formatCode=\"#,##0&quot; đồng (d/m/y)&quot;\"/></numFmts>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
    "<cellXfs count=\"7\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/>"
    "<xf numFmtId=\"165\"/><xf numFmtId=\"49\"/><xf numFmtId=\"166\"/><xf numFmtId=\"167\"/></cellXfs>"
    "</styleSheet>";

/* Shared strings (rich runs, a phonetic run left out, _x000D_), dates by
 * their style: built-in 14, custom dd/mm/yyyy and a Vietnamese long date;
 * a number in General, a time, text format, and a money format whose d/m/y
 * are inside quotes all stay numbers. */
static void test_shared_strings_and_dates_by_style(void **state)
{
	(void)state;
	size_t len;
	char *book = zip_of(
	    &len, "_rels/.rels", ROOT_RELS, "xl/workbook.xml", ONE_SHEET_BOOK, "xl/_rels/workbook.xml.rels",
	    RELS(REL("rId1", "worksheet", "worksheets/sheet1.xml")
	             REL("rId2", "sharedStrings", "sharedStrings.xml") REL("rId3", "styles", "styles.xml")),
	    "xl/sharedStrings.xml",
	    "<?xml version=\"1.0\"?><sst " NS " count=\"4000000000\" uniqueCount=\"3\">"
	    "<si><t>name</t></si>"
	    "<si><r><t>Nguyễn </t></r><r><rPr><b/></rPr><t>Thị Hoà</t></r><rPh sb=\"0\" "
	    "eb=\"1\"><t>X</t></rPh></si>"
	    "<si><t xml:space=\"preserve\">dòng một_x000D_\ndòng hai _x005F_x0041_</t></si></sst>",
	    "xl/styles.xml", styles_xml, "xl/worksheets/sheet1.xml",
	    SHEET("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
	          "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c><c r=\"B2\" s=\"1\"><v>44377</v></c>"
	          "<c r=\"C2\" s=\"2\"><v>44377</v></c><c r=\"D2\" s=\"0\"><v>44377</v></c>"
	          "<c r=\"E2\" s=\"3\"><v>0.5</v></c><c r=\"F2\" s=\"4\"><v>44377</v></c>"
	          "<c r=\"G2\" s=\"5\"><v>44377.25</v></c><c r=\"H2\" s=\"6\"><v>44377</v></c></row>"
	          "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>2</v></c><c r=\"B3\" s=\"1\"><v>60</v></c>"
	          "<c r=\"C3\" s=\"2\"/><c r=\"D3\" t=\"b\"><v>1</v></c><c r=\"E3\" t=\"e\"><v>#N/A</v></c>"
	          "<c r=\"F3\" t=\"d\"><v>2021-06-30T00:00:00</v></c></row>"),
	    NULL);
	rows_seen seen = {0};
	char why[256];
	assert_int_equal(read_book(book, len, NULL, 0, &seen, why, sizeof why), 0);
	assert_string_equal(seen.text,
	                    "1:name\n"
	                    "2:Nguyễn Thị Hoà|2021-06-30|2021-06-30|44377|0.5|44377|2021-06-30|44377\n"
	                    "3:dòng một\r\ndòng hai _x0041_|60||TRUE|#N/A|2021-06-30\n");
	free(book);
}

/* Inline strings, numbers stored as text, formula strings, cells the file
 * leaves out (C5 after A5), rows it leaves out, and rows and cells without
 * an r attribute (counted on from the last). */
static void test_inline_strings_and_sparse_cells(void **state)
{
	(void)state;
	size_t len;
	char *book =
	    zip_of(&len, "xl/workbook.xml", ONE_SHEET_BOOK, "xl/_rels/workbook.xml.rels", ONE_SHEET_RELS,
	           "xl/worksheets/sheet1.xml",
	           SHEET("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>kind</t></is></c>"
	                 "<c r=\"B1\" t=\"inlineStr\"><is><r><t>na</t></r><r><t>me</t></r></is></c></row>"
	                 "<row r=\"5\"><c r=\"A5\" t=\"inlineStr\"><is><t>model</t></is></c>"
	                 "<c r=\"C5\" t=\"inlineStr\"><is><t>2021</t></is></c>"
	                 "<c r=\"E5\" t=\"str\"><f>A5&amp;\"x\"</f><v>modelx</v></c></row>"
	                 "<row><c t=\"inlineStr\"><is><t>a</t></is></c><c><v>7</v></c><c "
	                 "r=\"D6\"><v>8</v></c><c><v>9</v></c></row>"
	                 "<row r=\"8\" spans=\"1:3\"/>"),
	           NULL);
	rows_seen seen = {0};
	char why[256];
	assert_int_equal(read_book(book, len, NULL, 0, &seen, why, sizeof why), 0);
	assert_string_equal(seen.text, "1:kind|name\n5:model||2021||modelx\n6:a|7||8|9\n");
	free(book);
}

/* Sheets by name and order, through relationships that are absolute,
 * relative with "..", or to a chart (no cells); the 1904 date system. */
static void test_sheets_by_name_and_1904(void **state)
{
	(void)state;
	size_t len;
	char *book =
	    zip_of(&len, "_rels/.rels", RELS(REL("rId1", "officeDocument", "/book/wb.xml")), "book/wb.xml",
	           BOOK("<workbookPr date1904=\"1\"/>", "<sheet name=\"Hồ sơ\" sheetId=\"1\" r:id=\"rA\"/>"
	                                                "<sheet name=\"Biểu đồ\" sheetId=\"2\" r:id=\"rB\"/>"
	                                                "<sheet name=\"Khác\" sheetId=\"3\" r:id=\"rC\"/>"),
	           "book/_rels/wb.xml.rels",
	           RELS(REL("rA", "worksheet", "/book/s/one.xml") REL("rB", "chartsheet", "charts/c1.xml")
	                    REL("rC", "worksheet", "s/../s/./two.xml") REL("rS", "styles", "st.xml")),
	           "book/st.xml", styles_xml, "book/s/one.xml",
	           SHEET("<row r=\"1\"><c r=\"A1\" s=\"1\"><v>42915</v></c></row>"), "book/s/two.xml",
	           SHEET("<row r=\"3\"><c r=\"B3\"><v>2</v></c></row>"), NULL);
	char why[256];
	dh_xlsx *x;
	assert_int_equal(xlsx_open(book, len, NULL, &x, why, sizeof why), 0);
	assert_int_equal(xlsx_sheet_count(x), 3);
	assert_string_equal(xlsx_sheet_name(x, 0), "Hồ sơ");
	assert_int_equal(xlsx_sheet_find(x, "Khác"), 2);
	assert_int_equal(xlsx_sheet_find(x, "KHÁC"), 2); /* case folded, marks kept */
	assert_int_equal(xlsx_sheet_find(x, "hồ sơ"), 0);
	assert_int_equal(xlsx_sheet_find(x, "Ho so"), -1);
	assert_int_equal(xlsx_sheet_find(x, "Không có"), -1);
	rows_seen seen = {0};
	assert_int_equal(xlsx_read_sheet(x, 0, rows_collect, &seen, why, sizeof why), 0);
	assert_string_equal(seen.text, "1:2021-06-30\n"); /* 42915 days after 1904-01-01 */
	memset(&seen, 0, sizeof seen);
	assert_int_equal(xlsx_read_sheet(x, 2, rows_collect, &seen, why, sizeof why), 0);
	assert_string_equal(seen.text, "3:|2\n");
	assert_int_equal(xlsx_read_sheet(x, 1, rows_collect, &seen, why, sizeof why), DH_EINVAL);
	assert_non_null(strstr(why, "Biểu đồ"));
	assert_int_equal(xlsx_read_sheet(x, 3, rows_collect, &seen, why, sizeof why), DH_EINVAL);
	/* The reader's own return stops it and comes back. */
	memset(&seen, 0, sizeof seen);
	seen.stop_at = 3;
	assert_int_equal(xlsx_read_sheet(x, 2, rows_collect, &seen, why, sizeof why), 99);
	xlsx_close(x);
	free(book);

	char ref[16];
	assert_string_equal(xlsx_cell_name(0, 1, ref), "A1");
	assert_string_equal(xlsx_cell_name(25, 7, ref), "Z7");
	assert_string_equal(xlsx_cell_name(26, 7, ref), "AA7");
	assert_string_equal(xlsx_cell_name(XLSX_MAX_COLS - 1, XLSX_MAX_ROWS, ref), "XFD1048576");
}

/* A sheet whose data is DATA is refused with a reason containing WANT. */
static void assert_sheet_refused(const char *data, const char *want)
{
	size_t len;
	char *sheet;
	assert_true(asprintf(&sheet, SHEET("%s"), data) > 0);
	char *book = zip_of(&len, "xl/workbook.xml", ONE_SHEET_BOOK, "xl/_rels/workbook.xml.rels",
	                    RELS(REL("rId1", "worksheet", "worksheets/sheet1.xml")
	                             REL("rId2", "sharedStrings", "sharedStrings.xml")),
	                    "xl/sharedStrings.xml", "<sst " NS "><si><t>a</t></si></sst>",
	                    "xl/worksheets/sheet1.xml", sheet, NULL);
	rows_seen seen = {0};
	char why[256] = "";
	assert_int_equal(read_book(book, len, NULL, 0, &seen, why, sizeof why), DH_EINVAL);
	if (!strstr(why, want))
		fail_msg("“%s” lacks “%s”", why, want);
	free(sheet);
	free(book);
}

static void test_hostile_sheets(void **state)
{
	(void)state;
	assert_sheet_refused("<row r=\"2\"/><row r=\"1\"/>", "không theo thứ tự");
	assert_sheet_refused("<row r=\"2\"/><row r=\"2\"/>", "không theo thứ tự");
	assert_sheet_refused("<row r=\"1\"><c r=\"C1\"/><c r=\"A1\"/></row>", "A1");
	assert_sheet_refused("<row r=\"1\"><c r=\"XFE1\"/></row>", "XFE1");
	assert_sheet_refused("<row r=\"1\"><c r=\"AAAA1\"/></row>", "AAAA1");
	assert_sheet_refused("<row r=\"1048577\"/>", "1048577");
	assert_sheet_refused("<row r=\"0\"/>", "ngoài");
	assert_sheet_refused("<row r=\"1\"><c r=\"A2\"/></row>", "A2");
	assert_sheet_refused("<row r=\"1\"><c r=\"1A\"/></row>", "1A");
	assert_sheet_refused("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>1</v></c></row>", "chuỗi dùng chung số 1");
	assert_sheet_refused("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>-1</v></c></row>", "-1");
	assert_sheet_refused("<row r=\"1\"><c r=\"A1\"><v>1</v></row>", "hỏng");
	/* A cell past XFD in a row with no references: counted on from XFD. */
	char *wide = malloc(XLSX_MAX_COLS * 8 + 64);
	assert_non_null(wide);
	char *w = wide + sprintf(wide, "<row r=\"1\">");
	for (size_t i = 0; i <= XLSX_MAX_COLS; i++)
		w += sprintf(w, "<c/>");
	strcpy(w, "</row>");
	assert_sheet_refused(wide, "quá cột XFD");
	free(wide);

	/* A DTD (the way to entity bombs) is refused outright. */
	size_t len;
	char *book = zip_of(
	    &len, "xl/workbook.xml",
	    "<?xml version=\"1.0\"?><!DOCTYPE workbook [<!ENTITY a \"aaaa\">]>"
	    "<workbook " NS "><sheets><sheet name=\"&a;\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
	    "xl/_rels/workbook.xml.rels", ONE_SHEET_RELS, "xl/worksheets/sheet1.xml", SHEET(""), NULL);
	char why[256];
	rows_seen seen = {0};
	assert_int_equal(read_book(book, len, NULL, 0, &seen, why, sizeof why), DH_EINVAL);
	assert_non_null(strstr(why, "DTD"));
	free(book);

	/* A sheet name past 1024 bytes is refused as such, not as memory. */
	char *long_book;
	char long_name[1100];
	memset(long_name, 'a', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	assert_true(asprintf(&long_book, BOOK("", "<sheet name=\"%s\" sheetId=\"1\" r:id=\"rId1\"/>"),
	                     long_name) > 0);
	book = zip_of(&len, "xl/workbook.xml", long_book, NULL);
	assert_int_equal(read_book(book, len, NULL, 0, &seen, why, sizeof why), DH_EINVAL);
	assert_non_null(strstr(why, "dài quá 1024 byte"));
	free(book);
	free(long_book);

	/* Not a zip; a zip without a workbook; a workbook without sheets. */
	dh_xlsx *x;
	assert_int_equal(xlsx_open("kind,name\r\n", 11, NULL, &x, why, sizeof why), DH_EINVAL);
	assert_null(x);
	assert_non_null(strstr(why, "không phải bảng tính .xlsx"));
	assert_int_equal(xlsx_open("", 0, NULL, &x, why, sizeof why), DH_EINVAL);
	book = zip_of(&len, "word/document.xml", "<w/>", NULL);
	assert_int_equal(xlsx_open(book, len, NULL, &x, why, sizeof why), DH_EINVAL);
	assert_non_null(strstr(why, "xl/workbook.xml"));
	free(book);
	book = zip_of(&len, "xl/workbook.xml", BOOK("", ""), NULL);
	assert_int_equal(xlsx_open(book, len, NULL, &x, why, sizeof why), DH_EINVAL);
	assert_non_null(strstr(why, "không có trang nào"));
	free(book);
	/* A sheet whose part is missing from the zip. */
	book = zip_of(&len, "xl/workbook.xml", ONE_SHEET_BOOK, "xl/_rels/workbook.xml.rels", ONE_SHEET_RELS,
	              NULL);
	assert_int_equal(read_book(book, len, NULL, 0, &seen, why, sizeof why), DH_EINVAL);
	assert_non_null(strstr(why, "xl/worksheets/sheet1.xml"));
	free(book);
}

/* The limits: a part that inflates past its cap (a zip bomb: 4 MiB of
 * spaces in a few KiB), too many shared strings, a cell or a row too
 * long. Each stops with a reason, whatever counts the file claims. */
static void test_limits(void **state)
{
	(void)state;
	size_t big = (size_t)4 << 20;
	char *spaces = malloc(big + 64);
	assert_non_null(spaces);
	memset(spaces, ' ', big);
	strcpy(spaces + big, "<row r=\"1\"/>");
	char *sheet;
	assert_true(asprintf(&sheet, SHEET("%s"), spaces) > 0);
	size_t len;
	char *book = zip_of(&len, "xl/workbook.xml", ONE_SHEET_BOOK, "xl/_rels/workbook.xml.rels",
	                    ONE_SHEET_RELS, "xl/worksheets/sheet1.xml", sheet, NULL);
	assert_true(len < 64 * 1024);
	dh_xlsx_limits lim = xlsx_default_limits;
	lim.part_bytes = (size_t)1 << 20;
	rows_seen seen = {0};
	char why[256];
	assert_int_equal(read_book(book, len, &lim, 0, &seen, why, sizeof why), DH_EINVAL);
	assert_non_null(strstr(why, "quá 1 MiB"));
	/* Within the default limits the same file reads. */
	assert_int_equal(read_book(book, len, NULL, 0, &seen, why, sizeof why), 0);
	free(book);
	free(sheet);
	free(spaces);

	book = zip_of(
	    &len, "xl/workbook.xml", ONE_SHEET_BOOK, "xl/_rels/workbook.xml.rels",
	    RELS(REL("rId1", "worksheet", "worksheets/sheet1.xml")
	             REL("rId2", "sharedStrings", "sharedStrings.xml")),
	    "xl/sharedStrings.xml",
	    "<sst " NS " count=\"3\"><si><t>a</t></si><si><t>bb</t></si><si><t>ccc</t></si></sst>",
	    "xl/worksheets/sheet1.xml",
	    SHEET("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>2</v></c><c r=\"B1\" t=\"s\"><v>2</v></c></row>"),
	    NULL);
	dh_xlsx *x;
	lim = xlsx_default_limits;
	lim.strings = 2;
	assert_int_equal(xlsx_open(book, len, &lim, &x, why, sizeof why), DH_EINVAL);
	assert_non_null(strstr(why, "hơn 2 chuỗi"));
	lim = xlsx_default_limits;
	lim.cell_bytes = 2;
	assert_int_equal(xlsx_open(book, len, &lim, &x, why, sizeof why), DH_EINVAL);
	assert_non_null(strstr(why, "dài quá"));
	lim = xlsx_default_limits;
	lim.row_bytes = 6;
	memset(&seen, 0, sizeof seen);
	assert_int_equal(read_book(book, len, &lim, 0, &seen, why, sizeof why), DH_EINVAL);
	assert_non_null(strstr(why, "dòng 1"));
	lim.row_bytes = 9; /* the leading NUL, "ccc", NUL, "ccc", NUL */
	memset(&seen, 0, sizeof seen);
	assert_int_equal(read_book(book, len, &lim, 0, &seen, why, sizeof why), 0);
	assert_string_equal(seen.text, "1:ccc|ccc\n");
	free(book);

	book =
	    zip_of(&len, "xl/workbook.xml", ONE_SHEET_BOOK, "xl/_rels/workbook.xml.rels", ONE_SHEET_RELS,
	           "xl/worksheets/sheet1.xml",
	           SHEET("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>abcdef</t></is></c></row>"), NULL);
	lim = xlsx_default_limits;
	lim.cell_bytes = 5;
	assert_int_equal(read_book(book, len, &lim, 0, &seen, why, sizeof why), DH_EINVAL);
	assert_non_null(strstr(why, "ô A1"));
	free(book);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_shared_strings_and_dates_by_style),
	    cmocka_unit_test(test_inline_strings_and_sparse_cells),
	    cmocka_unit_test(test_sheets_by_name_and_1904),
	    cmocka_unit_test(test_hostile_sheets),
	    cmocka_unit_test(test_limits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
