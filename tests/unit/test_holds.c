/* test_holds.c — holds as the law defines them: every kind of hold the
 * example config names refuses both the recognition and the Giấy khen
 * decision, and the refusal names the kind and its basis; lifting needs a
 * reason; after discipline, achievements count only from the end of the
 * discipline period. Real LMDB in a temporary folder. */
#include "dienhinh/config.h"
#include "dienhinh/council.h"
#include "dienhinh/error.h"
#include "dienhinh/holds.h"
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
	dh_config *cfg;
	dh_store *st;
	dh_ctx office, chief;
	int numbers;
} fx;

static int setup(void **state)
{
	fx *f = calloc(1, sizeof(*f));
	assert_non_null(f);
	f->db = tmpdb_new();
	dh_diag diag = {0};
	assert_int_equal(config_load("config/dienhinh.yaml", &f->cfg, &diag), 0);
	diag_free(&diag);
	assert_int_equal(repo_open(&f->st, f->db->db, NULL, "tdkt"), 0);
	wf_ctx_init(&f->office, f->cfg, f->st, "tdkt");
	wf_ctx_init(&f->chief, f->cfg, f->st, "thuanpv");
	f->office.today = f->chief.today = 20210615;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;
	store_close(f->st);
	config_free(f->cfg);
	tmpdb_free(f->db);
	free(f);
	return 0;
}

/* A candidate the council approved unanimously. */
static uint64_t approved(fx *f, const char *name)
{
	dh_candidate c = {0};
	c.name = (char *)name;
	c.department = (char *)"nv1";
	c.title = (char *)"Mô hình tiếp công dân";
	uint64_t cid = 0, sid = 0, item = 0;
	assert_int_equal(wf_candidate_save(&f->office, &c, &cid), 0);
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
	return cid;
}

static int decide(fx *f, uint64_t cid, bool award)
{
	char number[32];
	snprintf(number, sizeof(number), "%d/QĐ-TTr", ++f->numbers);
	dh_decision d = {0};
	d.number = number;
	d.date = 20211120;
	assert_int_equal(idlist_push(&d.candidates, cid), 0);
	int rc = award ? wf_award(&f->chief, &d, NULL) : wf_recognise(&f->chief, &d, NULL);
	free(d.candidates.v);
	return rc;
}

static void every_kind_refuses_recognition_and_award(void **state)
{
	fx *f = *state;
	assert_true(f->cfg->n_holds >= 4); /* discipline, inspection, complaint, press */
	for (size_t k = 0; k < f->cfg->n_holds; k++) {
		const dh_hold_kind *kind = &f->cfg->holds[k];
		char name[64];
		snprintf(name, sizeof(name), "Nguyễn Văn %c", (char)('A' + k));
		uint64_t cid = approved(f, name);

		assert_int_equal(wf_hold_set(&f->chief, cid, kind->id, "Có đơn gửi đến"), 0);
		assert_int_equal(decide(f, cid, false), DH_EHOLD);
		assert_non_null(strstr(f->chief.message, kind->label));
		assert_non_null(strstr(f->chief.message, kind->basis));
		assert_non_null(strstr(f->chief.message, "không thể công nhận"));
		assert_int_equal(wf_hold_lift(&f->chief, cid, "Xác minh không có vi phạm", 0), 0);
		assert_int_equal(decide(f, cid, false), 0);

		/* Recognised, then held: no Giấy khen either. */
		assert_int_equal(wf_hold_set(&f->chief, cid, kind->id, "Báo chí phản ánh"), 0);
		assert_int_equal(decide(f, cid, true), DH_EHOLD);
		assert_non_null(strstr(f->chief.message, kind->label));
		assert_non_null(strstr(f->chief.message, "không thể khen thưởng"));
		assert_int_equal(wf_hold_lift(&f->chief, cid, "Đã xác minh xong", 0), 0);
		assert_int_equal(decide(f, cid, true), 0);
	}
}

static void lifting_needs_a_reason_and_a_known_kind(void **state)
{
	fx *f = *state;
	uint64_t cid = approved(f, "Trần Thị B");
	assert_int_equal(wf_hold_set(&f->chief, cid, "khong_co", "x"), DH_EINVAL);
	assert_string_equal(f->chief.field, "kind");
	assert_int_equal(wf_hold_set(&f->chief, cid, "don_thu", NULL), DH_EINVAL);
	assert_int_equal(wf_hold_set(&f->chief, cid, "don_thu", "Có đơn tố cáo"), 0);
	assert_int_equal(wf_hold_lift(&f->chief, cid, NULL, 0), DH_EINVAL);
	assert_string_equal(f->chief.field, "reason");
	assert_int_equal(wf_hold(&f->chief, cid, false, "  "), DH_EINVAL);
	/* A date to count from belongs to discipline only. */
	assert_int_equal(wf_hold_lift(&f->chief, cid, "Không có vi phạm", 20210301), DH_EINVAL);
	assert_string_equal(f->chief.field, "counts_from");
	assert_int_equal(wf_hold_lift(&f->chief, cid, "Không có vi phạm", 0), 0);
	dh_candidate *c = NULL;
	assert_int_equal(repo_get(f->st, DH_R_CANDIDATE, cid, (void **)&c), 0);
	assert_false(c->on_hold);
	assert_int_equal(c->counts_from, 0);
	record_free(DH_R_CANDIDATE, c);
}

static void after_discipline_achievements_count_from_its_end(void **state)
{
	fx *f = *state;
	uint64_t cid = approved(f, "Lê Văn C");
	assert_int_equal(wf_hold_set(&f->chief, cid, "ky_luat", "Đang xem xét kỷ luật khiển trách"), 0);
	assert_int_equal(wf_hold_lift(&f->chief, cid, "Đã kỷ luật khiển trách, hết thời hạn", 20210301), 0);
	assert_int_equal(decide(f, cid, false), DH_EHOLD);
	assert_non_null(strstr(f->chief.message, "chỉ được tính từ ngày 01/03/2021"));
	assert_non_null(strstr(f->chief.message, "năm 2021"));
	/* A period that ended before the year began stands in no way. */
	uint64_t other = approved(f, "Lê Văn D");
	assert_int_equal(wf_hold_set(&f->chief, other, "ky_luat", "Xem xét kỷ luật"), 0);
	assert_int_equal(wf_hold_lift(&f->chief, other, "Hết thời hạn kỷ luật", 20201231), 0);
	assert_int_equal(decide(f, other, false), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(every_kind_refuses_recognition_and_award, setup, teardown),
	    cmocka_unit_test_setup_teardown(lifting_needs_a_reason_and_a_known_kind, setup, teardown),
	    cmocka_unit_test_setup_teardown(after_discipline_achievements_count_from_its_end, setup,
	                                    teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
