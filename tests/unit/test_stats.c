/* test_stats.c — the review numbers of a year from records written straight
 * into a real store: what counts for the year and what does not. */
#include "dienhinh/config.h"
#include "dienhinh/error.h"
#include "dienhinh/record.h"
#include "dienhinh/repo.h"
#include "dienhinh/stats.h"
#include "dienhinh/store.h"

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
	dh_config *cfg;
	dh_store *st;
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
	snprintf(f->dir, sizeof(f->dir), "/tmp/dh-stats-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	char db[96];
	snprintf(db, sizeof(db), "%s/db", f->dir);
	dh_diag diag = {0};
	if (config_load(EXAMPLE_CONFIG, &f->cfg, &diag) != 0) {
		diag_print(&diag, stderr);
		diag_free(&diag);
		return -1;
	}
	diag_free(&diag);
	dh_store_opts o = {0};
	if (store_open(&f->st, db, &o) != 0)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	store_close(f->st);
	config_free(f->cfg);
	nftw(f->dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(f);
	return 0;
}

/* The records of one test, put in one write and freed after it. */
typedef struct batch {
	dh_rtype type[64];
	void *rec[64];
	size_t n;
} batch;

static void *add(batch *b, dh_rtype type)
{
	void *rec = record_new(type);
	assert_non_null(rec);
	assert_true(b->n < 64);
	b->type[b->n] = type;
	b->rec[b->n++] = rec;
	return rec;
}

static int put_all(dh_repo_tx *tx, void *ctx)
{
	batch *b = ctx;
	for (size_t i = 0; i < b->n; i++) {
		int rc = repo_tx_put(tx, "test", NULL, b->type[i], b->rec[i]);
		if (rc)
			return rc;
	}
	return 0;
}

static void write_batch(fixture *f, batch *b)
{
	assert_int_equal(repo_write(f->st, "tdkt", put_all, b), 0);
	for (size_t i = 0; i < b->n; i++)
		record_free(b->type[i], b->rec[i]);
	b->n = 0;
}

static dh_candidate *cand(batch *b, int year, int kind, const char *dept, int stage)
{
	dh_candidate *c = add(b, DH_R_CANDIDATE);
	c->year = year;
	c->kind = kind;
	c->name = strdup("Nguyễn Văn An");
	c->department = dept ? strdup(dept) : NULL;
	c->stage = stage;
	return c;
}

static const dh_stats_dept *dept(const dh_stats *s, const char *id)
{
	for (size_t i = 0; i < s->n_depts; i++)
		if (strcmp(s->depts[i].id, id) == 0)
			return &s->depts[i];
	fail_msg("no department %s", id);
	return NULL;
}

static void test_candidates_by_department_kind_and_stage(void **state)
{
	fixture *f = *state;
	batch b = {0};
	cand(&b, 2021, DH_KIND_INDIVIDUAL, "nv1", DH_STAGE_FOSTERING);
	cand(&b, 2021, DH_KIND_INDIVIDUAL, "nv1", DH_STAGE_FOSTERING);
	cand(&b, 2021, DH_KIND_MODEL, "tcd", DH_STAGE_AWARDED);
	cand(&b, 2021, DH_KIND_COLLECTIVE, "oldx", DH_STAGE_NEW_FACTOR)->on_hold = true; /* config lacks it */
	cand(&b, 2020, DH_KIND_INDIVIDUAL, "nv1", DH_STAGE_RECOGNISED);                  /* another year */
	cand(&b, 2021, DH_KIND_INDIVIDUAL, "nv1", DH_STAGE_NEW_FACTOR)->meta.deleted = true;
	/* Meets the new-factor minimum (3 criteria of the example config). */
	dh_candidate *c = cand(&b, 2021, DH_KIND_INDIVIDUAL, "vp", DH_STAGE_NOMINATED);
	strlist_push(&c->criteria, "xs");
	strlist_push(&c->criteria, "pham_chat");
	strlist_push(&c->criteria, "sang_kien");
	write_batch(f, &b);

	dh_stats s;
	assert_int_equal(stats_compute(f->st, f->cfg, 2021, &s), 0);
	assert_int_equal(s.candidates, 5);
	assert_int_equal(s.by_kind[DH_KIND_INDIVIDUAL], 3);
	assert_int_equal(s.by_stage[DH_STAGE_FOSTERING], 2);
	assert_int_equal(s.on_hold, 1);
	assert_int_equal(s.meeting_new_factor_min, 1);
	/* Config's departments first, in order, then what the data names. */
	assert_int_equal(s.n_depts, f->cfg->n_departments + 1);
	assert_string_equal(s.depts[0].id, f->cfg->departments[0].id);
	assert_string_equal(s.depts[s.n_depts - 1].id, "oldx");
	assert_null(s.depts[s.n_depts - 1].name);
	assert_int_equal(dept(&s, "nv1")->count[DH_KIND_INDIVIDUAL][DH_STAGE_FOSTERING], 2);
	assert_int_equal(dept(&s, "nv1")->total, 2);
	assert_string_equal(dept(&s, "tcd")->name, "Phòng Tiếp công dân - Xử lý đơn");

	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	stats_print_tsv(&s, out);
	fclose(out);
	assert_string_equal(buf, "vp\tindividual\tnominated\t1\n"
	                         "nv1\tindividual\tfostering\t2\n"
	                         "tcd\tmodel\tawarded\t1\n"
	                         "oldx\tcollective\tnew_factor\t1\n");
	free(buf);
	stats_free(&s);
}

static void test_support_registrations_and_replication_of_the_year(void **state)
{
	fixture *f = *state;
	batch b = {0};
	cand(&b, 2021, DH_KIND_INDIVIDUAL, "nv1", DH_STAGE_FOSTERING);
	cand(&b, 2020, DH_KIND_MODEL, "tcd", DH_STAGE_RECOGNISED);
	write_batch(f, &b);

	struct {
		uint64_t cand;
		int date, kind;
		int64_t amount;
		bool deleted;
	} fos[] = {
	    {1, 20210301, DH_FOSTER_GUIDANCE, 0, false},
	    {1, 20210401, DH_FOSTER_MATERIAL, 2000000, false},
	    {2, 20210501, DH_FOSTER_MATERIAL, 1500000, false}, /* last year's model, helped this year */
	    {2, 20201201, DH_FOSTER_MATERIAL, 9000000, false}, /* last year */
	    {1, 20210601, DH_FOSTER_MATERIAL, 7000000, true},  /* deleted */
	};
	for (size_t i = 0; i < sizeof(fos) / sizeof(fos[0]); i++) {
		dh_fostering *x = add(&b, DH_R_FOSTERING);
		x->candidate_id = fos[i].cand;
		x->date = fos[i].date;
		x->kind = fos[i].kind;
		x->amount = fos[i].amount;
		x->description = strdup("Hỗ trợ");
		x->meta.deleted = fos[i].deleted;
	}
	int statuses[] = {DH_REG_SUBMITTED, DH_REG_ACCEPTED, DH_REG_RETURNED};
	const char *reg_dept[] = {"nv1", "nv1", "vp"};
	for (size_t i = 0; i < 3; i++) {
		dh_registration *r = add(&b, DH_R_REGISTRATION);
		r->year = 2021;
		r->candidate_id = 1;
		r->department = strdup(reg_dept[i]);
		r->status = statuses[i];
	}
	dh_nil_return *nr = add(&b, DH_R_NIL_RETURN);
	nr->year = 2021;
	nr->department = strdup("gs");
	dh_activity *a = add(&b, DH_R_ACTIVITY);
	a->candidate_id = 2;
	a->kind = DH_ACT_MEETING;
	a->date = 20210210;
	a->title = strdup("Trao đổi kinh nghiệm");
	a->attendees = 40;
	a = add(&b, DH_R_ACTIVITY);
	a->candidate_id = 2;
	a->kind = DH_ACT_WEBSITE;
	a->date = 20201215;
	a->title = strdup("Bài viết năm trước");
	dh_decision *d = add(&b, DH_R_DECISION);
	d->year = 2021;
	d->type = DH_DEC_RECOGNITION;
	d->number = strdup("1/QĐ-TTr");
	d = add(&b, DH_R_DECISION);
	d->year = 2021;
	d->type = DH_DEC_AWARD;
	d->number = strdup("2/QĐ-TTr");
	d->revoked = true; /* does not count */
	dh_session *se = add(&b, DH_R_SESSION);
	se->year = 2021;
	se->closed = true;
	write_batch(f, &b);
	int results[] = {DH_RESULT_PASSED, DH_RESULT_PASSED, DH_RESULT_FAILED};
	for (size_t i = 0; i < 3; i++) {
		dh_vote_item *it = add(&b, DH_R_VOTE_ITEM);
		it->session_id = 1;
		it->candidate_id = 1;
		it->closed = true;
		it->result = results[i];
	}
	write_batch(f, &b);

	dh_stats s;
	assert_int_equal(stats_compute(f->st, f->cfg, 2021, &s), 0);
	assert_int_equal(s.fostering_total, 3);
	assert_int_equal(s.fostering[DH_FOSTER_GUIDANCE], 1);
	assert_int_equal(s.fostering[DH_FOSTER_MATERIAL], 2);
	assert_int_equal(s.material_total, 3500000);
	assert_int_equal(s.fostered_candidates, 2);
	assert_int_equal(s.registrations_total, 3);
	assert_int_equal(s.registrations[DH_REG_RETURNED], 1);
	assert_int_equal(dept(&s, "nv1")->registrations, 2);
	assert_int_equal(dept(&s, "vp")->registrations, 0); /* only returned */
	assert_int_equal(s.nil_returns, 1);
	assert_true(dept(&s, "gs")->nil_return);
	assert_int_equal(s.departments_answered, 2); /* nv1 registered, gs said none */
	assert_int_equal(s.activities_total, 1);
	assert_int_equal(s.activities[DH_ACT_MEETING], 1);
	assert_int_equal(s.activity_attendees, 40);
	assert_int_equal(s.recognition_decisions, 1);
	assert_int_equal(s.award_decisions, 0);
	assert_int_equal(s.sessions, 1);
	assert_int_equal(s.items_passed, 2);
	assert_int_equal(s.items_failed, 1);

	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	stats_print_text(&s, out);
	fclose(out);
	assert_non_null(strstr(buf, "Số liệu năm 2021"));
	assert_non_null(strstr(buf, "3.500.000 đồng"));
	assert_non_null(strstr(buf, "Phòng đã trả lời (đăng ký hoặc báo không có): 2/8"));
	free(buf);
	stats_free(&s);
}

static void test_an_empty_year_has_only_zeros(void **state)
{
	fixture *f = *state;
	dh_stats s;
	assert_int_equal(stats_compute(f->st, f->cfg, 2019, &s), 0);
	assert_int_equal(s.candidates, 0);
	assert_int_equal(s.n_depts, f->cfg->n_departments);
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	stats_print_tsv(&s, out);
	fclose(out);
	assert_string_equal(buf, "");
	free(buf);
	stats_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_candidates_by_department_kind_and_stage, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_support_registrations_and_replication_of_the_year, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_an_empty_year_has_only_zeros, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
