/* test_plan_year.c — each plan year keeps its own plan; the next year's
 * config from this one's text; past years read-only but for revocation,
 * holds and the follow-up; what the new year carries forward. Real LMDB in
 * a temporary folder, the example config for 2021 and, made from it by
 * new_year_text, for 2022. */
#include "dienhinh/config.h"
#include "dienhinh/council.h"
#include "dienhinh/error.h"
#include "dienhinh/new_year.h"
#include "dienhinh/plan_year.h"
#include "dienhinh/record.h"
#include "dienhinh/repo.h"
#include "dienhinh/store.h"
#include "dienhinh/workflow.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tmpdb.h"

static const char *const council[] = {"thuanpv", "hungnv",  "bichlth", "dungtq", "tdkt",   "minhdh",
                                      "tambv",   "cuongvd", "namhv",   "hailv",  "quangmv"};

typedef struct fx {
	tmpdb *db;
	dh_config *cfg, *next; /* 2021, 2022 */
	char next_path[160];
	dh_store *st;
	dh_ctx office, chief;           /* 2021 */
	dh_ctx office_next, chief_next; /* 2022 */
} fx;

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char *buf = malloc(1 << 20);
	assert_non_null(buf);
	*len = fread(buf, 1, (1 << 20) - 1, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

static int setup(void **state)
{
	fx *f = calloc(1, sizeof(*f));
	assert_non_null(f);
	f->db = tmpdb_new();
	dh_diag diag = {0};
	assert_int_equal(config_load("config/dienhinh.yaml", &f->cfg, &diag), 0);
	size_t len;
	char *src = slurp("config/dienhinh.yaml", &len), *text = NULL;
	assert_int_equal(new_year_text(src, len, 2021, 2022, &text), 0);
	snprintf(f->next_path, sizeof(f->next_path), "%s/dienhinh-2022.yaml", f->db->root);
	FILE *o = fopen(f->next_path, "wb");
	assert_non_null(o);
	fputs(text, o);
	fclose(o);
	free(src);
	free(text);
	assert_int_equal(config_load(f->next_path, &f->next, &diag), 0);
	diag_free(&diag);
	assert_int_equal(f->next->plan.year, 2022);
	assert_int_equal(repo_open(&f->st, f->db->db, NULL, "tdkt"), 0);
	wf_ctx_init(&f->office, f->cfg, f->st, "tdkt");
	wf_ctx_init(&f->chief, f->cfg, f->st, "thuanpv");
	f->office.today = f->chief.today = 20210615;
	wf_ctx_init(&f->office_next, f->next, f->st, "tdkt");
	wf_ctx_init(&f->chief_next, f->next, f->st, "thuanpv");
	f->office_next.today = f->chief_next.today = 20220301;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;
	store_close(f->st);
	config_free(f->cfg);
	config_free(f->next);
	tmpdb_free(f->db);
	free(f);
	return 0;
}

static uint64_t candidate(dh_ctx *ctx, const char *name)
{
	dh_candidate c = {0};
	c.name = (char *)name;
	c.department = (char *)"nv1";
	c.title = (char *)"Mô hình tiếp công dân";
	uint64_t cid = 0;
	assert_int_equal(wf_candidate_save(ctx, &c, &cid), 0);
	return cid;
}

/* Nominated, passed 11–0 and recognised by decision NUMBER in 2021. */
static uint64_t recognised(fx *f, const char *name, const char *number, uint64_t *decision)
{
	uint64_t cid = candidate(&f->office, name), sid = 0, item = 0;
	dh_registration r = {0};
	r.candidate_id = cid;
	r.description = (char *)"Bản mô tả";
	assert_int_equal(wf_nominate(&f->office, &r, NULL), 0);
	dh_session s = {0};
	assert_int_equal(wf_session_save(&f->office, &s, &sid), 0);
	for (size_t i = 0; i < sizeof(council) / sizeof(council[0]); i++)
		assert_int_equal(wf_attendance(&f->office, sid, council[i], DH_PRESENT), 0);
	assert_int_equal(wf_item_add(&f->office, sid, cid, &item), 0);
	assert_int_equal(wf_vote_counts(&f->office, item, 11, 0, 0), 0);
	assert_int_equal(wf_item_close(&f->office, item), 0);
	dh_decision d = {0};
	d.number = (char *)number;
	d.date = 20211120;
	assert_int_equal(idlist_push(&d.candidates, cid), 0);
	assert_int_equal(wf_recognise(&f->chief, &d, decision), 0);
	free(d.candidates.v);
	return cid;
}

static dh_candidate *get(fx *f, uint64_t id)
{
	void *rec = NULL;
	assert_int_equal(repo_get(f->st, DH_R_CANDIDATE, id, &rec), 0);
	return rec;
}

static uint64_t last_audit(fx *f)
{
	uint64_t n = 0;
	assert_int_equal(repo_last_id(f->st, DH_R_AUDIT, &n), 0);
	return n;
}

static void each_year_keeps_its_plan(void **state)
{
	fx *f = *state;
	bool written = true;
	/* An empty store has no year to remember. */
	assert_int_equal(plan_year_keep(f->st, f->cfg, "tdkt", &written), 0);
	assert_false(written);
	candidate(&f->office, "Nguyễn Văn A");
	assert_int_equal(plan_year_keep(f->st, f->cfg, "tdkt", &written), 0);
	assert_true(written);
	/* The same text again: nothing written, no audit entry. */
	uint64_t before = last_audit(f);
	assert_int_equal(plan_year_keep(f->st, f->cfg, "tdkt", &written), 0);
	assert_false(written);
	assert_int_equal(last_audit(f), before);
	assert_int_equal(plan_year_keep(f->st, f->next, "tdkt", &written), 0);
	assert_true(written);
	assert_int_equal(last_audit(f), before + 1);

	int years[4];
	size_t n = 0;
	assert_int_equal(plan_year_list(f->st, years, 4, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(years[0], 2021);
	assert_int_equal(years[1], 2022);

	/* 2021 read back is 2021's plan, whatever config is in use now. */
	dh_config *past = NULL;
	assert_int_equal(plan_year_open(f->st, 2021, &past), 0);
	assert_int_equal(past->plan.year, 2021);
	assert_string_equal(past->plan.title, f->cfg->plan.title);
	assert_int_equal(past->n_deadlines, f->cfg->n_deadlines);
	assert_int_equal(past->deadlines[1].date, 20211015);
	config_free(past);
	assert_int_equal(plan_year_open(f->st, 2019, &past), DH_ENOTFOUND);
	assert_null(past);
}

static void the_next_years_text(void **state)
{
	fx *f = *state;
	assert_int_equal(f->next->deadlines[1].date, 20221015);
	assert_non_null(strstr(f->next->plan.title, "năm 2022"));
	assert_int_equal(f->next->council.n_members, f->cfg->council.n_members);
	const char *src = "# Kế hoạch năm 2021 (comment kept)\n"
	                  "plan: { year: 2021, title: \"Kế hoạch năm 2021\" }\n"
	                  "  - { id: a, label: \"Tổng kết năm 2021\", date: 2020-02-29 }   # năm 2021\n"
	                  "  - { id: b, label: \"Sơ kết\", date: 2021-01-10 }\n"
	                  "    - \"Căn cứ Luật số 1 ngày 1 tháng 1 năm 2021\"\n"
	                  "  max_year: 2021\n";
	char *out = NULL;
	assert_int_equal(new_year_text(src, strlen(src), 2021, 2022, &out), 0);
	assert_string_equal(out,
	                    "# Kế hoạch năm 2021 (comment kept)\n"
	                    "plan: { year: 2022, title: \"Kế hoạch năm 2022\" }\n"
	                    "  - { id: a, label: \"Tổng kết năm 2022\", date: 2021-02-28 }   # năm 2021\n"
	                    "  - { id: b, label: \"Sơ kết\", date: 2022-01-10 }\n"
	                    "    - \"Căn cứ Luật số 1 ngày 1 tháng 1 năm 2021\"\n"
	                    "  max_year: 2021\n");
	free(out);
}

static void past_years_are_read_only(void **state)
{
	fx *f = *state;
	uint64_t dec = 0;
	uint64_t cid = recognised(f, "Trần Thị B", "1/QĐ-TTr", &dec);

	/* In 2022 the 2021 record cannot be edited. */
	dh_candidate *c = get(f, cid);
	free(c->name);
	c->name = strdup("Trần Thị Bê");
	assert_int_equal(wf_candidate_save(&f->office_next, c, NULL), DH_ELOCKED);
	assert_non_null(strstr(f->office_next.message, "Năm 2021 đã qua"));
	record_free(DH_R_CANDIDATE, c);

	/* The follow-up toward provincial level may change. */
	c = get(f, cid);
	c->aims_provincial = true;
	assert_int_equal(wf_candidate_save(&f->office_next, c, NULL), 0);
	record_free(DH_R_CANDIDATE, c);
	c = get(f, cid);
	assert_true(c->aims_provincial);
	assert_true(plan_year_carried(c, 2022));
	assert_false(plan_year_carried(c, 2021));
	record_free(DH_R_CANDIDATE, c);

	/* A hold may be set on anyone, and lifted. */
	assert_int_equal(wf_hold_set(&f->chief_next, cid, "thanh_tra", "Đoàn thanh tra đang làm việc"), 0);
	assert_int_equal(wf_hold_lift(&f->chief_next, cid, "Không có vi phạm", 0), 0);

	/* The 2021 decision can still be revoked. */
	assert_int_equal(wf_decision_revoke(&f->chief_next, dec, "Ghi nhầm người", 20220305), 0);
	c = get(f, cid);
	assert_int_not_equal(c->stage, DH_STAGE_RECOGNISED);
	assert_int_equal(c->year, 2021);
	record_free(DH_R_CANDIDATE, c);

	/* 2021 itself still edits its own records. */
	uint64_t other = candidate(&f->office, "Lê Văn C");
	c = get(f, other);
	free(c->title);
	c->title = strdup("Mô hình mới");
	assert_int_equal(wf_candidate_save(&f->office, c, NULL), 0);
	record_free(DH_R_CANDIDATE, c);
	/* And a record made now for 2021 is refused in 2022. */
	dh_candidate late = {0};
	late.name = (char *)"Phạm Văn D";
	late.department = (char *)"nv1";
	late.title = (char *)"Mô hình cũ";
	late.year = 2021;
	assert_int_equal(wf_candidate_save(&f->office_next, &late, NULL), DH_ELOCKED);
}

static void fostering_carries_forward(void **state)
{
	fx *f = *state;
	uint64_t cid = candidate(&f->office, "Hoàng Thị E");
	dh_fostering fo = {0};
	fo.candidate_id = cid;
	fo.date = 20210701;
	fo.description = (char *)"Hướng dẫn hoàn thiện mô hình";
	assert_int_equal(wf_fostering_save(&f->office, &fo, NULL), 0);

	dh_candidate *c = get(f, cid);
	assert_int_equal(c->year, 2021);
	assert_true(plan_year_carried(c, 2022));
	record_free(DH_R_CANDIDATE, c);
	/* Fostered on in 2022, with its log. */
	fo.date = 20220310;
	fo.description = (char *)"Hỗ trợ tiếp";
	assert_int_equal(wf_fostering_save(&f->office_next, &fo, NULL), 0);
	/* A 2021 entry of the log is not rewritten in 2022. */
	void *rec = NULL;
	assert_int_equal(repo_get(f->st, DH_R_FOSTERING, 1, &rec), 0);
	dh_fostering *old = rec;
	free(old->description);
	old->description = strdup("Sửa lại");
	assert_int_equal(wf_fostering_save(&f->office_next, old, NULL), DH_ELOCKED);
	record_free(DH_R_FOSTERING, old);

	/* Registered in 2022: it is considered in 2022. */
	dh_registration r = {0};
	r.candidate_id = cid;
	r.description = (char *)"Bản mô tả";
	uint64_t rid = 0;
	assert_int_equal(wf_nominate(&f->office_next, &r, &rid), 0);
	c = get(f, cid);
	assert_int_equal(c->year, 2022);
	assert_int_equal(c->stage, DH_STAGE_NOMINATED);
	record_free(DH_R_CANDIDATE, c);
	assert_int_equal(repo_get(f->st, DH_R_REGISTRATION, rid, &rec), 0);
	assert_int_equal(((dh_registration *)rec)->year, 2022);
	record_free(DH_R_REGISTRATION, rec);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(each_year_keeps_its_plan, setup, teardown),
	    cmocka_unit_test_setup_teardown(the_next_years_text, setup, teardown),
	    cmocka_unit_test_setup_teardown(past_years_are_read_only, setup, teardown),
	    cmocka_unit_test_setup_teardown(fostering_carries_forward, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
