/* test_import.c — CSV import against a real store: good files land whole,
 * any bad row (or header) rejects the file naming FILE:LINE and writes
 * nothing, the permission is checked first, and an export imports again. */
#include "dienhinh/config.h"
#include "dienhinh/error.h"
#include "dienhinh/export.h"
#include "dienhinh/import.h"
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

#define EXAMPLE_CONFIG "config/dienhinh.yaml"

typedef struct fixture {
	char dir[64];
	char db[96];
	dh_config *cfg;
	dh_store *st;
	dh_ctx ctx;
	char *err; /* what the import said */
	size_t err_len;
} fixture;

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static dh_store *open_store(const char *dir)
{
	dh_store *st = NULL;
	dh_store_opts o = {0};
	assert_int_equal(store_open(&st, dir, &o), 0);
	return st;
}

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	snprintf(f->dir, sizeof(f->dir), "/tmp/dh-import-XXXXXX");
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
	f->st = open_store(f->db);
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

/* Import TEXT as "list.csv"; what was said goes to f->err. */
static int import_text(fixture *f, const char *text, dh_import_result *res)
{
	free(f->err);
	f->err = NULL;
	FILE *err = open_memstream(&f->err, &f->err_len);
	assert_non_null(err);
	int rc = import_csv(&f->ctx, "list.csv", text, strlen(text), err, res);
	fclose(err);
	return rc;
}

static uint64_t count(dh_store *st)
{
	uint64_t n = 0;
	assert_int_equal(repo_last_id(st, DH_R_CANDIDATE, &n), 0);
	return n;
}

static dh_candidate *get(dh_store *st, uint64_t id)
{
	void *rec = NULL;
	assert_int_equal(repo_get(st, DH_R_CANDIDATE, id, &rec), 0);
	return rec;
}

static void test_good_rows_land_with_their_fields(void **state)
{
	fixture *f = *state;
	dh_import_result res;
	/* Decomposed "Nguyễn Thị Hoà", a department by name, both date forms,
	 * a quoted description over two lines, columns in their own order. */
	const char *text =
	    "\xEF\xBB\xBF"
	    "Name,department,KIND,stage,recognised_decision,recognised_date,award_date,award_decision,"
	    "description\r\n"
	    "Nguye\xCC\x82\xCC\x83n Thi\xCC\xA3 Hoa\xCC\x80,Văn phòng,individual,,,,,,\r\n"
	    "Mô hình một cửa,nv1,Mô hình,,15/QĐ-TTr,30/11/2020,2020-12-02,16/QĐ-TTr,\"dòng 1\r\n"
	    "dòng 2\"\r\n";
	assert_int_equal(import_text(f, text, &res), 0);
	assert_int_equal(res.rows, 2);
	assert_int_equal(res.written, 2);
	assert_int_equal(res.errors, 0);
	assert_int_equal(count(f->st), 2);

	dh_candidate *a = get(f->st, 1);
	assert_string_equal(a->name, "Nguy\xE1\xBB\x85n Th\xE1\xBB\x8B Ho\xC3\xA0"); /* NFC */
	assert_string_equal(a->department, "vp");
	assert_int_equal(a->kind, DH_KIND_INDIVIDUAL);
	assert_int_equal(a->stage, DH_STAGE_NEW_FACTOR);
	assert_int_equal(a->year, f->cfg->plan.year);
	record_free(DH_R_CANDIDATE, a);

	dh_candidate *b = get(f->st, 2);
	assert_int_equal(b->kind, DH_KIND_MODEL);     /* by its Vietnamese label */
	assert_int_equal(b->stage, DH_STAGE_AWARDED); /* the award decision says so */
	assert_int_equal(b->recognised_date, 20201130);
	assert_int_equal(b->award_date, 20201202);
	assert_string_equal(b->recognised_decision, "15/QĐ-TTr");
	assert_string_equal(b->description, "dòng 1\ndòng 2");
	record_free(DH_R_CANDIDATE, b);
}

/* Each bad file: DH_EINVAL, the message at LINE naming WHAT, nothing in the
 * store. */
static void expect_rejected(fixture *f, const char *text, long line, const char *what)
{
	dh_import_result res;
	assert_int_equal(import_text(f, text, &res), DH_EINVAL);
	char at[32];
	snprintf(at, sizeof(at), "list.csv:%ld: ", line);
	if (!strstr(f->err, at) || !strstr(f->err, what))
		fail_msg("expected “%s” and “%s” in:\n%s", at, what, f->err);
	assert_int_equal(res.written, 0);
	assert_int_equal(count(f->st), 0);
}

static void test_every_bad_row_rejects_the_file(void **state)
{
	fixture *f = *state;
	const char *h = "kind,name,department,year,stage,recognised_date\n";
	const char *ok = "individual,Lê Văn An,nv1,2021,,\n";
	char text[512];
	struct {
		const char *row;
		const char *what;
	} cases[] = {
	    {"individual,,nv1,2021,,\n", "name"},
	    {",Lê Văn Bình,nv1,2021,,\n", "kind"},
	    {"individual,Lê Văn Bình,,2021,,\n", "department"},
	    {"team,Lê Văn Bình,nv1,2021,,\n", "team"},
	    {"individual,Lê Văn Bình,Phòng Kế hoạch,2021,,\n", "Phòng Kế hoạch"},
	    {"individual,Lê Văn Bình,nv1,năm nay,,\n", "year"},
	    {"individual,Lê Văn Bình,nv1,1850,,\n", "year"},
	    {"individual,Lê Văn Bình,nv1,2021,done,\n", "done"},
	    {"individual,Lê Văn Bình,nv1,2021,recognised,31/02/2021\n", "31/02/2021"},
	    {"individual,Lê Văn Bình,nv1,2021,fostering,2021-11-30\n", "fostering"},
	    {"individual,Lê V\xE3n Bình,nv1,2021,,\n", "UTF-8"},
	    {"individual,Lê Văn\x1b[31m Bình,nv1,2021,,\n", "điều khiển"},
	    {"individual,Lê Văn Bình,nv1,2021,,,extra\n", "nhiều hơn"},
	    {"individual,\"Lê Văn Bình,nv1,2021,,\n", "ngoặc kép"},
	    {"individual,\"Lê Văn\" Bình,nv1,2021,,\n", "ngoặc kép"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(text, sizeof(text), "%s%s%s%s", h, ok, cases[i].row, ok);
		expect_rejected(f, text, 3, cases[i].what);
	}
}

static void test_header_faults_are_named_on_line_one(void **state)
{
	fixture *f = *state;
	expect_rejected(f, "kind,name,departement\nindividual,A,nv1\n", 1, "có phải “department”");
	expect_rejected(f, "kind,name\nindividual,A\n", 1, "department");
	expect_rejected(f, "kind,name,department,name\nindividual,A,nv1,B\n", 1, "hai lần");
	expect_rejected(f, "kind;name;department\nindividual;A;nv1\n", 1, "dấu chấm phẩy");
	expect_rejected(f, "", 1, "tiêu đề");
	expect_rejected(f, "\xFF\xFEk", 1, "UTF-16"); /* Excel's "Unicode text" */
	/* The header may come after blank lines; its line is the real one. */
	expect_rejected(f, "\n\nkind,name,dept\n", 3, "dept");
}

static void test_all_faults_of_a_file_are_reported_up_to_a_limit(void **state)
{
	fixture *f = *state;
	size_t cap = 64 * 1024;
	char *text = malloc(cap);
	size_t n = (size_t)snprintf(text, cap, "kind,name,department\n");
	for (int i = 0; i < IMPORT_MAX_ERRORS + 10; i++)
		n += (size_t)snprintf(text + n, cap - n, "individual,Người %d,xx\n", i);
	dh_import_result res;
	assert_int_equal(import_text(f, text, &res), DH_EINVAL);
	assert_int_equal(res.errors, IMPORT_MAX_ERRORS + 10);
	assert_non_null(strstr(f->err, "list.csv:2: "));
	assert_non_null(strstr(f->err, "list.csv:51: "));
	assert_null(strstr(f->err, "list.csv:52: "));
	assert_non_null(strstr(f->err, "… và 10 lỗi khác"));
	assert_int_equal(count(f->st), 0);
	free(text);
}

static void test_permission_is_checked_before_anything(void **state)
{
	fixture *f = *state;
	dh_import_result res;
	wf_ctx_init(&f->ctx, f->cfg, f->st, "khach"); /* not in config */
	assert_int_equal(import_text(f, "kind,name,department\nindividual,A,nv1\n", &res), DH_EPERM);
	assert_true(f->ctx.message[0] != '\0');
	assert_int_equal(count(f->st), 0);
	wf_ctx_init(&f->ctx, f->cfg, f->st, "lanpt"); /* staff */
	assert_int_equal(import_text(f, "kind,name,department\nindividual,A,nv1\n", &res), DH_EPERM);
	assert_int_equal(count(f->st), 0);
}

static void test_header_only_writes_nothing(void **state)
{
	fixture *f = *state;
	dh_import_result res;
	assert_int_equal(import_text(f, "kind,name,department\r\n\r\n,,\r\n", &res), 0);
	assert_int_equal(res.rows, 0);
	assert_int_equal(res.written, 0);
	assert_int_equal(count(f->st), 0);
}

static char *export_to_string(dh_store *st)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	assert_int_equal(export_csv(st, out), 0);
	fclose(out);
	return buf;
}

static void test_an_export_imports_again_unchanged(void **state)
{
	fixture *f = *state;
	dh_import_result res;
	const char *text = "kind,name,department,title,stage,recognised_decision,recognised_date\n"
	                   "individual,=1+1,nv1,\"-dấu, phẩy\",recognised,7/QĐ-TTr,2021-11-30\n"
	                   "collective,Tổ tiếp công dân,tcd,@tag,,,\n";
	assert_int_equal(import_text(f, text, &res), 0);
	char *first = export_to_string(f->st);
	assert_non_null(strstr(first, ",'=1+1,"));

	char db2[128];
	snprintf(db2, sizeof(db2), "%s/db2", f->dir);
	dh_store *st2 = open_store(db2);
	dh_ctx ctx2;
	wf_ctx_init(&ctx2, f->cfg, st2, "tdkt");
	free(f->err);
	f->err = NULL;
	FILE *err = open_memstream(&f->err, &f->err_len);
	assert_int_equal(import_csv(&ctx2, "again.csv", first, strlen(first), err, &res), 0);
	fclose(err);
	char *second = export_to_string(st2);
	assert_string_equal(first, second);
	dh_candidate *c = get(st2, 1);
	assert_string_equal(c->name, "=1+1"); /* the defusing quote is undone */
	record_free(DH_R_CANDIDATE, c);
	store_close(st2);
	free(first);
	free(second);
}

static void test_check_reads_and_checks_without_writing(void **state)
{
	fixture *f = *state;
	const char *good = "kind,name,department\nindividual,Lê Văn An,nv1\n";
	const char *bad = "kind,name,department\nindividual,Lê Văn An,nv1\nteam,Lê Văn Bình,nv1\n"
	                  "individual,,nv1\n";
	char first[256] = "x";
	dh_import_result res;
	/* No store, no login: only the config. */
	assert_int_equal(import_check(f->cfg, "list.csv", good, strlen(good), NULL, first, sizeof first, &res),
	                 0);
	assert_string_equal(first, "");
	assert_int_equal(res.rows, 1);
	assert_int_equal(res.errors, 0);
	assert_int_equal(res.written, 0);
	assert_int_equal(import_check(f->cfg, "list.csv", bad, strlen(bad), NULL, first, sizeof first, &res),
	                 DH_EINVAL);
	assert_int_equal(res.errors, 2);
	assert_int_equal(strncmp(first, "list.csv:3: ", 12), 0);
	assert_non_null(strstr(first, "team"));
	/* Cut to fit, NUL-terminated. */
	char tiny[8];
	assert_int_equal(import_check(f->cfg, "list.csv", bad, strlen(bad), NULL, tiny, sizeof tiny, &res),
	                 DH_EINVAL);
	assert_string_equal(tiny, "list.cs");
	assert_int_equal(count(f->st), 0);
}

/* Each look-alike character in each kind of cell: the row is refused with
 * FILE:ROW naming the codepoint, as a form would say it. */
static void test_look_alikes_refused_naming_the_codepoint(void **state)
{
	fixture *f = *state;
	static const struct {
		const char *bytes, *why;
	} chars[] = {
	    {"\xE2\x80\xAE", "chứa ký tự điều khiển hướng chữ U+202E (không được phép)"},
	    {"\xE2\x80\xAA", "chứa ký tự điều khiển hướng chữ U+202A (không được phép)"},
	    {"\xE2\x81\xA6", "chứa ký tự điều khiển hướng chữ U+2066 (không được phép)"},
	    {"\xE2\x81\xA9", "chứa ký tự điều khiển hướng chữ U+2069 (không được phép)"},
	    {"\xE2\x80\x8B", "chứa ký tự không độ rộng U+200B (không được phép)"},
	    {"\xE2\x80\x8C", "chứa ký tự không độ rộng U+200C (không được phép)"},
	    {"\xE2\x80\x8D", "chứa ký tự không độ rộng U+200D (không được phép)"},
	    {"\xE2\x81\xA0", "chứa ký tự không độ rộng U+2060 (không được phép)"},
	    {"\xEF\xBB\xBF", "chứa ký tự BOM U+FEFF giữa văn bản (không được phép)"},
	};
	/* a free-text column (checked by the core), and one read here */
	static const struct {
		const char *before, *after;
	} rows[] = {{"individual,Lê Văn", " Bình,nv1,Tiếp dân\n"},
	            {"individual,Lê Văn Bình,nv1,Tiếp", " dân\n"},
	            {"individual,Lê Văn Bình,nv", "1,Tiếp dân\n"}};
	static const char *cols[] = {"cột “name”: Tên", "cột “title”: ", "cột “department”: "};
	for (size_t c = 0; c < sizeof chars / sizeof chars[0]; c++) {
		for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
			char row[128], text[256];
			snprintf(row, sizeof row, "%s%s%s", rows[r].before, chars[c].bytes, rows[r].after);
			snprintf(text, sizeof text, "kind,name,department,title\nindividual,Lê An,nv1,\n%s", row);
			expect_rejected(f, text, 3, chars[c].why);
			if (!strstr(f->err, cols[r]))
				fail_msg("expected “%s” in:\n%s", cols[r], f->err);
		}
	}
	/* A BOM at the very start of the file is the file's, not a cell's. */
	dh_import_result res;
	assert_int_equal(import_text(f, "\xEF\xBB\xBF" "kind,name,department\nindividual,Lê An,nv1\n", &res), 0);
	assert_int_equal(res.written, 1);
}

typedef struct note_seen {
	char note[128];
	size_t n;
} note_seen;

static int keep_note(const void *rec, void *p)
{
	const dh_audit *a = rec;
	note_seen *s = p;
	if (a->note && strcmp(a->action, "import") == 0)
		snprintf(s->note, sizeof s->note, "%s", a->note);
	s->n++;
	return 0;
}

/* A file named with an escape sequence (or a right-to-left override):
 * named in the messages and in the audit note with them written out. */
static void test_file_name_shown_escaped(void **state)
{
	fixture *f = *state;
	const char *name = "/tmp/ds\x1b[2J\xE2\x80\xAEvsc.csv";
	const char *shown = "/tmp/ds\\x1B[2J\\u202Evsc.csv";
	char *err = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&err, &len);
	dh_import_result res;
	const char *bad = "kind,name,department\nindividual,,nv1\n";
	assert_int_equal(import_csv(&f->ctx, name, bad, strlen(bad), out, &res), DH_EINVAL);
	fclose(out);
	assert_non_null(strstr(err, "/tmp/ds\\x1B[2J\\u202Evsc.csv:2: "));
	assert_null(strchr(err, '\x1b'));
	free(err);

	char first[256];
	assert_int_equal(import_check(f->cfg, name, bad, strlen(bad), NULL, first, sizeof first, &res), DH_EINVAL);
	assert_memory_equal(first, shown, strlen(shown));

	const char *good = "kind,name,department\nindividual,Lê An,nv1\n";
	assert_int_equal(import_csv(&f->ctx, name, good, strlen(good), NULL, &res), 0);
	note_seen seen = {{0}, 0};
	assert_int_equal(repo_audit(f->st, 0, keep_note, &seen), 0);
	assert_string_equal(seen.note, "ds\\x1B[2J\\u202Evsc.csv");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_good_rows_land_with_their_fields, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_every_bad_row_rejects_the_file, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_header_faults_are_named_on_line_one, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_all_faults_of_a_file_are_reported_up_to_a_limit, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_permission_is_checked_before_anything, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_header_only_writes_nothing, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_an_export_imports_again_unchanged, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_check_reads_and_checks_without_writing, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_look_alikes_refused_naming_the_codepoint, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_file_name_shown_escaped, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
