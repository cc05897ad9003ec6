/* test_import_xlsx.c — candidates from a workbook (import_xlsx.h): rows
 * land as from CSV, messages name SHEET!ROW as Excel numbers rows (line
 * breaks in cells and rows left out do not shift them), a sheet chosen by
 * name, and a bare serial number in a date column of a CSV. */
#include "dienhinh/config.h"
#include "dienhinh/error.h"
#include "dienhinh/import.h"
#include "dienhinh/import_xlsx.h"
#include "dienhinh/record.h"
#include "dienhinh/repo.h"
#include "dienhinh/store.h"
#include "dienhinh/workflow.h"

#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "zipbuild.h"

#define EXAMPLE_CONFIG "config/dienhinh.yaml"

typedef struct fixture {
	char dir[64];
	char db[96];
	dh_config *cfg;
	dh_store *st;
	dh_ctx ctx;
	char *err;
	size_t err_len;
} fixture;

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	snprintf(f->dir, sizeof(f->dir), "/tmp/dh-impx-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->db, sizeof(f->db), "%s/db", f->dir);
	dh_diag diag = {0};
	if (config_load(EXAMPLE_CONFIG, &f->cfg, &diag) != 0) {
		diag_print(&diag, stderr);
		diag_free(&diag);
		return -1;
	}
	diag_free(&diag);
	dh_store_opts o = {0};
	assert_int_equal(store_open(&f->st, f->db, &o), 0);
	wf_ctx_init(&f->ctx, f->cfg, f->st, "tdkt");
	f->ctx.today = 20210615;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	store_close(f->st);
	config_free(f->cfg);
	free(f->err);
	nftw(f->dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(f);
	return 0;
}

/* Import the workbook BOOK (LEN bytes) as "list.xlsx", sheet SHEET. */
static int import_book(fixture *f, const char *book, size_t len, const char *sheet, dh_import_result *res)
{
	free(f->err);
	f->err = NULL;
	FILE *err = open_memstream(&f->err, &f->err_len);
	assert_non_null(err);
	int rc = import_workbook(&f->ctx, "list.xlsx", sheet, book, len, err, res);
	fclose(err);
	return rc;
}

static dh_candidate *get(dh_store *st, uint64_t id)
{
	void *rec = NULL;
	assert_int_equal(repo_get(st, DH_R_CANDIDATE, id, &rec), 0);
	return rec;
}

#define IS(ref, text) "<c r=\"" ref "\" t=\"inlineStr\"><is><t>" text "</t></is></c>"
#define HEADER                                                                                               \
	"<row r=\"1\">" IS("A1", "kind") IS("B1", "name") IS("C1", "department")                             \
	    IS("D1", "recognised_decision") IS("E1", "recognised_date") IS("F1", "description") "</row>"

static char *two_sheets(size_t *len, const char *first, const char *second)
{
	return zip_of(
	    len, "xl/workbook.xml",
	    BOOK("", "<sheet name=\"Đợt 1\" sheetId=\"1\" r:id=\"rId1\"/>"
	             "<sheet name=\"Đợt 2\" sheetId=\"2\" r:id=\"rId2\"/>"),
	    "xl/_rels/workbook.xml.rels",
	    RELS(REL("rId1", "worksheet", "worksheets/sheet1.xml")
	             REL("rId2", "worksheet", "worksheets/sheet2.xml") REL("rId3", "styles", "styles.xml")),
	    "xl/styles.xml",
	    "<styleSheet " NS "><cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs>"
	    "</styleSheet>",
	    "xl/worksheets/sheet1.xml", first, "xl/worksheets/sheet2.xml", second, NULL);
}

static void test_rows_land_and_faults_name_sheet_and_row(void **state)
{
	fixture *f = *state;
	size_t len;
	/* Sheet 2: a cell of three lines in row 2, rows 3 and 4 left out, a
	 * bad department in row 5 and a bad kind in row 9. */
	char *book = two_sheets(
	    &len,
	    SHEET(HEADER "<row r=\"2\">" IS("A2", "individual") IS("B2", "Lê Văn An")
	              IS("C2", "nv1") "</row><row r=\"4\">" IS("A4", "model") IS("B4", "Mô hình")
	                  IS("C4", "tcd") IS("D4", "3/QĐ-TTr") "<c r=\"E4\" s=\"1\"><v>44377</v></c>" IS(
	                      "F4", "một\nhai") "</row>"),
	    SHEET(HEADER "<row r=\"2\">" IS("A2", "individual") IS("B2", "Lê Văn Bình") IS("C2", "nv1")
	              IS("F2", "một\nhai\nba") "</row><row r=\"5\">" IS("A5", "individual") IS("B5", "X")
	                  IS("C5", "Phòng Không Có") "</row><row r=\"9\">" IS("A9", "team") IS("B9", "Y")
	                      IS("C9", "nv1") "</row>"));
	dh_import_result res;
	assert_int_equal(import_book(f, book, len, NULL, &res), 0);
	assert_int_equal(res.rows, 2);
	assert_int_equal(res.written, 2);
	dh_candidate *c = get(f->st, 2);
	assert_string_equal(c->name, "Mô hình");
	assert_int_equal(c->stage, DH_STAGE_RECOGNISED);
	assert_int_equal(c->recognised_date, 20210630);
	assert_string_equal(c->description, "một\nhai");
	record_free(DH_R_CANDIDATE, c);

	assert_int_equal(import_book(f, book, len, "đợt 2", &res), DH_EINVAL);
	assert_int_equal(res.errors, 2);
	assert_int_equal(res.written, 0);
	assert_non_null(strstr(f->err, "list.xlsx:Đợt 2!5: cột “department”"));
	assert_non_null(strstr(f->err, "list.xlsx:Đợt 2!9: cột “kind”: “team”"));
	assert_null(strstr(f->err, "!2:"));

	assert_int_equal(import_book(f, book, len, "Đợt 3", &res), DH_EINVAL);
	assert_int_equal(res.errors, 1);
	assert_string_equal(f->err, "list.xlsx: không có trang “Đợt 3” (các trang: “Đợt 1”, “Đợt 2”)\n");
	uint64_t n = 0;
	assert_int_equal(repo_last_id(f->st, DH_R_CANDIDATE, &n), 0);
	assert_int_equal(n, 2); /* the refused sheet wrote nothing */
	free(book);

	/* An empty sheet: the header is missing, at its first row. */
	book = two_sheets(&len, SHEET(""), SHEET(""));
	assert_int_equal(import_book(f, book, len, NULL, &res), DH_EINVAL);
	assert_non_null(strstr(f->err, "list.xlsx:Đợt 1!1: tệp trống"));
	free(book);
	/* Bytes that are no workbook. */
	assert_int_equal(import_book(f, "PK\3\4garbage", 11, NULL, &res), DH_EINVAL);
	assert_non_null(strstr(f->err, "list.xlsx: không đọc được bảng tính:"));
	assert_true(import_is_workbook("PK\3\4", 4));
	assert_false(import_is_workbook("kind,", 5));
}

/* A date column of a CSV takes a bare serial number, 2000..2100 only. */
static void test_csv_date_column_takes_a_serial(void **state)
{
	fixture *f = *state;
	const char *text = "kind,name,department,recognised_decision,recognised_date\n"
	                   "individual,Lê Văn An,nv1,1/QĐ-TTr,44377\n"
	                   "individual,Lê Văn Bình,nv1,2/QĐ-TTr,1234\n";
	char first[256];
	dh_import_result res;
	assert_int_equal(
	    import_check(f->cfg, "list.csv", text, strlen(text), NULL, first, sizeof first, &res), DH_EINVAL);
	assert_int_equal(res.errors, 1);
	assert_non_null(strstr(first, "list.csv:3: cột “recognised_date”: “1234”"));
	/* A sheet's row map: the CSV line a row starts on becomes its row. */
	static const long rows[] = {1, 7, 9};
	dh_import_rows map = {rows, 3};
	FILE *err = open_memstream(&f->err, &f->err_len);
	assert_int_equal(import_csv_rows(&f->ctx, "b.xlsx:S", &map, text, strlen(text), err, &res),
	                 DH_EINVAL);
	fclose(err);
	assert_non_null(strstr(f->err, "b.xlsx:S!9: cột “recognised_date”: “1234”"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_rows_land_and_faults_name_sheet_and_row, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_csv_date_column_takes_a_serial, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
