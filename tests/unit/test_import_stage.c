/* test_import_stage.c — a file too large for one write (issue 15): staged
 * in chunks nobody else sees, made visible at once; a kill at any moment
 * leaves nothing visible and nothing the next start does not clear; a
 * save from another session meanwhile goes through at once; a fault in
 * the last row writes nothing. Child processes import (each with its own
 * environment); the test process looks from outside. */
#include "dienhinh/config.h"
#include "dienhinh/error.h"
#include "dienhinh/import.h"
#include "dienhinh/lookup.h"
#include "dienhinh/record.h"
#include "dienhinh/repo.h"
#include "dienhinh/store.h"
#include "dienhinh/workflow.h"

#include "tmpdb.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <time.h>

#include <cmocka.h>

#define EXAMPLE_CONFIG "config/dienhinh.yaml"
enum { ROWS = 600, CHUNK = 50 };

typedef struct fixture {
	tmpdb *t;
	dh_config *cfg;
	char *csv; /* ROWS rows, "Lê Thử N" */
	char pause[160];
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	f->t = tmpdb_new();
	dh_diag diag = {0};
	if (config_load(EXAMPLE_CONFIG, &f->cfg, &diag) != 0) {
		diag_print(&diag, stderr);
		diag_free(&diag);
		return -1;
	}
	diag_free(&diag);
	size_t cap = 64 + ROWS * 64, o = 0;
	f->csv = malloc(cap);
	o += (size_t)snprintf(f->csv + o, cap - o, "kind,name,department,title\r\n");
	for (int i = 1; i <= ROWS; i++)
		o += (size_t)snprintf(f->csv + o, cap - o, "individual,Lê Thử %d,nv1,Tiếp công dân\r\n", i);
	snprintf(f->pause, sizeof(f->pause), "%s/paused", f->t->root);
	setenv("DIENHINH_TEST_IMPORT_CHUNK", "50", 1);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	unsetenv("DIENHINH_TEST_IMPORT_CHUNK");
	unsetenv("DIENHINH_TEST_IMPORT_KILL");
	unsetenv("DIENHINH_TEST_IMPORT_PAUSE");
	config_free(f->cfg);
	free(f->csv);
	tmpdb_free(f->t);
	free(f);
	return 0;
}

/* Imports TEXT into the store at F's folder, its own environment. */
static int import_into(fixture *f, const char *text, FILE *err, char *message, size_t msize)
{
	dh_store *st;
	int rc = repo_open(&st, f->t->db, NULL, "tdkt");
	if (rc)
		return rc;
	dh_ctx ctx;
	wf_ctx_init(&ctx, f->cfg, st, "tdkt");
	dh_import_result res;
	rc = import_csv(&ctx, "list.csv", text, strlen(text), err, &res);
	if (message)
		snprintf(message, msize, "%s", ctx.message);
	store_close(st);
	return rc;
}

static int child_import(void *arg, int out_fd)
{
	(void)out_fd;
	fixture *f = arg;
	return import_into(f, f->csv, NULL, NULL, 0) == 0 ? 0 : 1;
}

static int count_cb(const void *rec, void *ctx)
{
	(void)rec;
	(*(size_t *)ctx)++;
	return 0;
}

static size_t visible(dh_store *st)
{
	size_t n = 0;
	assert_int_equal(repo_each(st, DH_R_CANDIDATE, count_cb, &n), 0);
	return n;
}

static size_t hits(dh_store *st, const char *query)
{
	dh_lookup_opts o = {0};
	dh_hit *h = NULL;
	size_t n = 0;
	assert_int_equal(lookup_search(st, query, &o, &h, &n), 0);
	free(h);
	return n;
}

typedef struct raw {
	uint64_t records;
	bool marked;
} raw;

static int raw_fn(dh_stxn *txn, void *p)
{
	raw *r = p;
	dh_stage_mark m;
	r->marked = store_stage_get(txn, &m) == 0;
	return store_count(txn, DH_T_RECORDS, &r->records);
}

/* What the data file holds, staged or not. */
static raw raw_of(dh_store *st)
{
	raw r = {0};
	assert_int_equal(store_read(st, raw_fn, &r), 0);
	return r;
}

static dh_store *open_read_only(fixture *f)
{
	dh_store *st;
	dh_store_opts o = {.read_only = true};
	assert_int_equal(store_open(&st, f->t->db, &o), 0);
	return st;
}

static void test_a_large_file_appears_whole(void **state)
{
	fixture *f = *state;
	assert_int_equal(import_into(f, f->csv, stderr, NULL, 0), 0);
	dh_store *st = open_read_only(f);
	assert_int_equal(visible(st), ROWS);
	assert_int_equal(hits(st, "le thu 599"), 1);
	raw r = raw_of(st);
	assert_false(r.marked);
	/* one audit entry for the file, first to last id */
	uint64_t seq = 0;
	assert_int_equal(repo_last_id(st, DH_R_AUDIT, &seq), 0);
	assert_int_equal(seq, 1);
	store_close(st);
}

static void test_a_fault_in_the_last_row_writes_nothing(void **state)
{
	fixture *f = *state;
	size_t n = strlen(f->csv);
	char *text = malloc(n + 64);
	memcpy(text, f->csv, n);
	strcpy(text + n, "individual,Lê Sai,không-có,\r\n");
	char *said = NULL;
	size_t said_len = 0;
	FILE *err = open_memstream(&said, &said_len);
	assert_int_equal(import_into(f, text, err, NULL, 0), DH_EINVAL);
	fclose(err);
	char where[32];
	snprintf(where, sizeof(where), "list.csv:%d: ", ROWS + 2);
	assert_non_null(strstr(said, where));
	free(said);
	free(text);
	dh_store *st = open_read_only(f);
	raw r = raw_of(st);
	assert_int_equal(r.records, 0);
	assert_false(r.marked);
	store_close(st);
}

/* A child killed after KILL writes: nothing visible, garbage there but
 * hidden until the next writable open clears it; then an import goes. */
static void killed_after(fixture *f, const char *kill)
{
	setenv("DIENHINH_TEST_IMPORT_KILL", kill, 1);
	pid_t pid = spawn(child_import, f, NULL);
	unsetenv("DIENHINH_TEST_IMPORT_KILL");
	assert_int_equal(wait_exit(pid), 128 + SIGKILL);

	dh_store *st = open_read_only(f);
	assert_int_equal(visible(st), 0);
	assert_int_equal(hits(st, "le thu"), 0);
	uint64_t last = 1;
	assert_int_equal(repo_last_id(st, DH_R_CANDIDATE, &last), 0);
	assert_int_equal(last, 0);
	raw r = raw_of(st);
	assert_true(r.marked);
	assert_true(r.records > 0); /* staged, hidden */
	store_close(st);

	assert_int_equal(repo_open(&st, f->t->db, NULL, "tdkt"), 0); /* clears it */
	r = raw_of(st);
	assert_false(r.marked);
	assert_int_equal(r.records, 0);
	store_close(st);

	assert_int_equal(import_into(f, f->csv, stderr, NULL, 0), 0);
	st = open_read_only(f);
	assert_int_equal(visible(st), ROWS);
	assert_int_equal(hits(st, "le thu 600"), 1);
	assert_int_equal(hits(st, "le thu"), ROWS); /* each once */
	store_close(st);
}

static void test_killed_while_rows_go_in(void **state)
{
	killed_after(*state, "2");
}

static void test_killed_while_postings_go_in(void **state)
{
	/* ROWS / CHUNK writes of rows, then the postings' */
	killed_after(*state, "13");
}

static void test_a_save_meanwhile_waits_for_no_one(void **state)
{
	fixture *f = *state;
	setenv("DIENHINH_TEST_IMPORT_PAUSE", f->pause, 1);
	pid_t pid = spawn(child_import, f, NULL);
	unsetenv("DIENHINH_TEST_IMPORT_PAUSE");
	/* the child has written its first chunk when the file appears */
	struct timespec ts = {0, 10 * 1000000L};
	for (int i = 0; i < 6000 && access(f->pause, F_OK) != 0; i++)
		nanosleep(&ts, NULL);
	assert_int_equal(access(f->pause, F_OK), 0);

	dh_store *st;
	assert_int_equal(repo_open(&st, f->t->db, NULL, "vp_truong"), 0);
	dh_candidate *c = record_new(DH_R_CANDIDATE);
	c->kind = DH_KIND_INDIVIDUAL;
	c->year = 2021;
	c->name = strdup("Trần Lưu Giữa");
	c->department = strdup("vp");
	assert_int_equal(repo_save(st, "vp_truong", NULL, NULL, DH_R_CANDIDATE, c), 0);
	assert_int_equal(c->meta.id, ROWS + 1); /* after the ids the import holds */
	record_free(DH_R_CANDIDATE, c);
	void *rec = NULL;
	assert_int_equal(repo_get(st, DH_R_CANDIDATE, 1, &rec), DH_ENOTFOUND);
	assert_int_equal(visible(st), 1);
	assert_int_equal(hits(st, "le thu"), 0);
	assert_int_equal(hits(st, "tran luu giua"), 1);

	/* a second import is told who imports */
	char message[512];
	assert_int_equal(import_into(f, "kind,name,department\r\nindividual,Lê Một,nv1\r\n", NULL, message,
	                             sizeof(message)),
	                 DH_EBUSY);
	assert_non_null(strstr(message, "tdkt đang nhập"));

	unlink(f->pause);
	assert_int_equal(wait_exit(pid), 0);
	assert_int_equal(visible(st), ROWS + 1);
	assert_int_equal(hits(st, "le thu 600"), 1);
	store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_a_large_file_appears_whole, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_a_fault_in_the_last_row_writes_nothing, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_killed_while_rows_go_in, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_killed_while_postings_go_in, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_a_save_meanwhile_waits_for_no_one, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
