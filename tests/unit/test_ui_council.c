/* test_ui_council.c — the council session as screen 3 shows it, without
 * curses: the quorum sentence, what the room sees of a secret ballot
 * before and after closing, the live result of an open vote, and the
 * count being typed. A real LMDB environment in a fresh temporary folder
 * per test, with the example config's council of 11. */
#include "dienhinh/config.h"
#include "dienhinh/council.h"
#include "dienhinh/error.h"
#include "dienhinh/record.h"
#include "dienhinh/repo.h"
#include "dienhinh/store.h"
#include "dienhinh/ui_council.h"
#include "dienhinh/workflow.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXAMPLE_CONFIG "config/dienhinh.yaml"
#define TODAY          20210615 /* before every deadline of the example */

static const char *const council_logins[] = {"thuanpv", "hungnv",  "bichlth", "dungtq", "tdkt",   "minhdh",
                                             "tambv",   "cuongvd", "namhv",   "hailv",  "quangmv"};

typedef struct fx {
	char dir[64];
	dh_config *cfg;
	dh_store *st;
	dh_ctx sec; /* tdkt: the secretary */
	ui_council_model m;
} fx;

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int setup(void **state)
{
	fx *f = calloc(1, sizeof(*f));
	assert_non_null(f);
	snprintf(f->dir, sizeof(f->dir), "/tmp/dh-uicouncil-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	dh_diag diag = {0};
	int rc = config_load(EXAMPLE_CONFIG, &f->cfg, &diag);
	diag_free(&diag);
	assert_int_equal(rc, 0);
	char db[96];
	snprintf(db, sizeof(db), "%s/db", f->dir);
	assert_int_equal(store_open(&f->st, db, NULL), 0);
	wf_ctx_init(&f->sec, f->cfg, f->st, "tdkt");
	f->sec.today = TODAY;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;
	ui_council_model_free(&f->m);
	store_close(f->st);
	config_free(f->cfg);
	nftw(f->dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(f);
	return 0;
}

static uint64_t nominated(fx *f, const char *name)
{
	dh_candidate c = {0};
	c.name = (char *)name;
	c.department = (char *)"nv2";
	c.kind = DH_KIND_INDIVIDUAL;
	uint64_t id = 0;
	if (wf_candidate_save(&f->sec, &c, &id))
		fail_msg("create %s: %s", name, f->sec.message);
	dh_registration r = {0};
	r.candidate_id = id;
	r.description = (char *)"Bản mô tả";
	if (wf_nominate(&f->sec, &r, NULL))
		fail_msg("nominate %s: %s", name, f->sec.message);
	return id;
}

/* A session with the first PRESENT members in the room and member 9
 * (namhv) away with a written opinion: PRESENT + 1 voters. */
static uint64_t session(fx *f, int present)
{
	dh_session s = {0};
	uint64_t sid = 0;
	assert_int_equal(wf_session_save(&f->sec, &s, &sid), 0);
	for (int i = 0; i < present; i++)
		assert_int_equal(wf_attendance(&f->sec, sid, council_logins[i], DH_PRESENT), 0);
	assert_int_equal(wf_attendance(&f->sec, sid, "namhv", DH_WRITTEN), 0);
	return sid;
}

static uint64_t item(fx *f, uint64_t sid, uint64_t cid)
{
	uint64_t id = 0;
	if (wf_item_add(&f->sec, sid, cid, &id))
		fail_msg("item: %s", f->sec.message);
	return id;
}

static const ui_council_item *load(fx *f, uint64_t sid, uint64_t item_id)
{
	ui_council_model_free(&f->m);
	assert_int_equal(ui_council_load(&f->sec, sid, &f->m), 0);
	int at = ui_council_find(&f->m, item_id);
	assert_true(at >= 0);
	return &f->m.items[at];
}

static void quorum_sentence(void **state)
{
	fx *f = *state;
	char buf[160];
	ui_council_quorum_text(&f->cfg->council, 7, buf, sizeof(buf));
	assert_string_equal(buf, "Có mặt 7/11 — chưa đủ số lượng (cần 8 = 2/3)");
	ui_council_quorum_text(&f->cfg->council, 8, buf, sizeof(buf));
	assert_string_equal(buf, "Có mặt 8/11 — đủ số lượng (cần 8 = 2/3)");
}

static void agenda_in_order_with_nominees(void **state)
{
	fx *f = *state;
	uint64_t a = nominated(f, "Nguyễn Văn An"), b = nominated(f, "Trần Thị Bình");
	uint64_t sid = session(f, 8);
	uint64_t ib = item(f, sid, b), ia = item(f, sid, a);
	(void)load(f, sid, ia);
	assert_int_equal(f->m.n, 2);
	assert_int_equal(f->m.items[0].item->meta.id, ib);
	assert_string_equal(f->m.items[0].candidate->name, "Trần Thị Bình");
	assert_string_equal(f->m.items[1].candidate->name, "Nguyễn Văn An");
	assert_int_equal(f->m.present, 8);
	assert_int_equal(f->m.written, 1);
	assert_int_equal(f->m.items[0].tally.voters, 9);
	/* an item taken off the agenda is gone from the rows */
	assert_int_equal(wf_delete(&f->sec, DH_R_VOTE_ITEM, ib, "nhầm"), 0);
	(void)load(f, sid, ia);
	assert_int_equal(f->m.n, 1);
	assert_int_equal(ui_council_find(&f->m, ib), -1);
}

static void secret_tally_hidden_until_closed(void **state)
{
	fx *f = *state;
	uint64_t cid = nominated(f, "Nguyễn Văn An");
	uint64_t sid = session(f, 8);
	uint64_t it = item(f, sid, cid);
	char cells[3][16], buf[300];
	int style;

	const ui_council_item *ci = load(f, sid, it);
	ui_council_count_cells(ci, cells);
	assert_string_equal(cells[0], "—");
	ui_council_result_cell(ci, buf, sizeof(buf), &style);
	assert_string_equal(buf, "Chưa có phiếu");

	assert_int_equal(wf_vote_counts(&f->sec, it, 5, 4, 0), 0);
	ci = load(f, sid, it);
	ui_council_count_cells(ci, cells);
	for (int k = 0; k < 3; k++)
		assert_string_equal(cells[k], "•"); /* even the zero */
	ui_council_result_cell(ci, buf, sizeof(buf), &style);
	assert_string_equal(buf, "Đã nhập 9/9");
	ui_council_reason_text(ci, buf, sizeof(buf));
	assert_string_equal(buf, "Phiếu kín: đã nhập 9/9 phiếu; kết quả công bố khi chốt");
	assert_null(strstr(buf, "5/11"));

	/* one vote short of more than half of the 11 members */
	assert_int_equal(wf_item_close(&f->sec, it), 0);
	ci = load(f, sid, it);
	ui_council_count_cells(ci, cells);
	assert_string_equal(cells[0], "5");
	assert_string_equal(cells[1], "4");
	assert_string_equal(cells[2], "0");
	ui_council_result_cell(ci, buf, sizeof(buf), &style);
	assert_string_equal(buf, "Không đạt (chốt)");
	assert_int_equal(style, UI_S_ERROR);
	ui_council_reason_text(ci, buf, sizeof(buf));
	assert_string_equal(buf, "Đã chốt: 5/11 = 45,5% ≤ 1/2 — không đạt");
}

/* The title's progress counts closed items and those passed; the rule
 * line says the base once a member does not vote on the item. */
static void progress_and_rule_with_recusal(void **state)
{
	fx *f = *state;
	uint64_t a = nominated(f, "Nguyễn Văn An"), b = nominated(f, "Trần Thị Bình");
	uint64_t sid = session(f, 8);
	uint64_t ia = item(f, sid, a), ib = item(f, sid, b);
	char buf[300];
	const ui_council_item *ci = load(f, sid, ia);
	ui_council_progress(&f->m, buf, sizeof(buf));
	assert_string_equal(buf, "0/2 đã chốt, 0 đạt");
	ui_council_rule_line(&f->cfg->council, ci, buf, sizeof(buf));
	assert_string_equal(buf, "Đạt khi số phiếu tán thành trên 1/2 tổng số thành viên Hội đồng");

	assert_int_equal(wf_vote_counts(&f->sec, ia, 7, 2, 0), 0);
	assert_int_equal(wf_item_close(&f->sec, ia), 0);
	assert_int_equal(wf_item_recuse(&f->sec, ib, "tambv", true), 0);
	ci = load(f, sid, ib);
	ui_council_progress(&f->m, buf, sizeof(buf));
	assert_string_equal(buf, "1/2 đã chốt, 1 đạt");
	ui_council_rule_line(&f->cfg->council, ci, buf, sizeof(buf));
	assert_string_equal(buf, "Đạt khi số phiếu tán thành trên 1/2 của 10 thành viên được biểu quyết (11 − 1)");
}

static void secret_passes_exactly_at_threshold(void **state)
{
	fx *f = *state;
	uint64_t cid = nominated(f, "Nguyễn Văn An");
	uint64_t sid = session(f, 8);
	uint64_t it = item(f, sid, cid);
	assert_int_equal(wf_vote_counts(&f->sec, it, 6, 3, 0), 0);
	assert_int_equal(wf_item_close(&f->sec, it), 0);
	char buf[300];
	int style;
	const ui_council_item *ci = load(f, sid, it);
	ui_council_result_cell(ci, buf, sizeof(buf), &style);
	assert_string_equal(buf, "Đạt (chốt)");
	assert_int_equal(style, UI_S_OK);
	ui_council_reason_text(ci, buf, sizeof(buf));
	assert_string_equal(buf, "Đã chốt: 6/11 = 54,5% > 1/2 — đạt");
}

static void secret_without_quorum_says_so(void **state)
{
	fx *f = *state;
	uint64_t cid = nominated(f, "Nguyễn Văn An");
	uint64_t sid = session(f, 7);
	uint64_t it = item(f, sid, cid);
	char buf[300];
	ui_council_reason_text(load(f, sid, it), buf, sizeof(buf));
	assert_string_equal(buf, "Phiếu kín: không đủ số thành viên dự họp (7/11 < 2/3)");
}

static void open_vote_result_follows_every_vote(void **state)
{
	fx *f = *state;
	f->cfg->council.method = DH_VOTE_OPEN; /* sessions take it when created */
	uint64_t cid = nominated(f, "Nguyễn Văn An");
	uint64_t sid = session(f, 8);
	uint64_t it = item(f, sid, cid);
	char cells[3][16], buf[300];
	int style;
	const ui_council_item *ci = load(f, sid, it);
	ui_council_reason_text(ci, buf, sizeof(buf));
	assert_string_equal(buf, "Chưa có phiếu · cần 6/11 phiếu tán thành để đạt");
	for (int i = 0; i < 5; i++)
		assert_int_equal(wf_vote(&f->sec, it, council_logins[i], DH_VOTE_AGREE), 0);
	ci = load(f, sid, it);
	ui_council_count_cells(ci, cells);
	assert_string_equal(cells[0], "5");
	ui_council_result_cell(ci, buf, sizeof(buf), &style);
	assert_string_equal(buf, "Chưa đạt");
	ui_council_reason_text(ci, buf, sizeof(buf));
	assert_string_equal(buf, "5/11 = 45,5% ≤ 1/2 — không đạt · còn 4 phiếu chưa ghi");

	/* the written opinion of the absent member is the sixth */
	assert_int_equal(wf_vote(&f->sec, it, "namhv", DH_VOTE_AGREE), 0);
	ci = load(f, sid, it);
	ui_council_result_cell(ci, buf, sizeof(buf), &style);
	assert_string_equal(buf, "Đạt");
	ui_council_reason_text(ci, buf, sizeof(buf));
	assert_string_equal(buf, "6/11 = 54,5% > 1/2 — đạt · còn 3 phiếu chưa ghi");

	/* a recusal takes the member and his vote out: 5 of the 10 left */
	assert_int_equal(wf_item_recuse(&f->sec, it, "thuanpv", true), 0);
	for (int i = 5; i < 8; i++)
		assert_int_equal(wf_vote(&f->sec, it, council_logins[i], DH_VOTE_DISAGREE), 0);
	ci = load(f, sid, it);
	ui_council_result_cell(ci, buf, sizeof(buf), &style);
	assert_string_equal(buf, "Không đạt");
	assert_int_equal(style, UI_S_ERROR);
	ui_council_reason_text(ci, buf, sizeof(buf));
	assert_string_equal(buf, "5/10 = 50,0% ≤ 1/2 — không đạt");
}

static void typing_a_count(void **state)
{
	(void)state;
	ui_council_entry e = {0};
	int v = -1;
	assert_false(ui_council_entry_value(&e, &v));
	/* Backspace on a cell starts it empty: empty is 0 */
	ui_council_entry_backspace(&e);
	assert_true(ui_council_entry_value(&e, &v));
	assert_int_equal(v, 0);
	ui_council_entry_cancel(&e);
	assert_int_equal(ui_council_entry_digit(&e, 0), 0);
	assert_int_equal(ui_council_entry_digit(&e, 7), 0); /* "07" is 7 */
	assert_true(ui_council_entry_value(&e, &v));
	assert_int_equal(v, 7);
	assert_int_equal(ui_council_entry_digit(&e, 1), 0);
	assert_int_equal(ui_council_entry_digit(&e, 2), 0);
	assert_int_equal(ui_council_entry_digit(&e, 3), DH_EINVAL); /* 3 digits at most */
	assert_true(ui_council_entry_value(&e, &v));
	assert_int_equal(v, 712);
	ui_council_entry_backspace(&e);
	assert_true(ui_council_entry_value(&e, &v));
	assert_int_equal(v, 71);
	assert_int_equal(ui_council_entry_digit(&e, 10), DH_EINVAL);

	dh_vote_item it = {.agree = 6, .disagree = 4, .abstain = 1};
	int counts[3];
	ui_council_counts_with(&it, 1, 3, counts);
	assert_int_equal(counts[0], 6);
	assert_int_equal(counts[1], 3);
	assert_int_equal(counts[2], 1);
}

/* Closing checks the votes cast against the voters at the exact edge. */
static void closing_checks_counts_against_voters(void **state)
{
	(void)state;
	dh_vote_item it = {0};
	ui_council_item ci = {.item = &it};
	ci.tally.voters = 9;
	ci.tally.hidden = true;
	char q[400];
	ci.tally.cast = 0;
	assert_int_equal(ui_council_close_check(&ci, "X", q, sizeof(q)), UI_CLOSE_EMPTY);
	ci.tally.cast = 9;
	assert_int_equal(ui_council_close_check(&ci, "X", q, sizeof(q)), UI_CLOSE_EXACT);
	assert_string_equal(q, "Chốt, công bố kết quả «X» (9/9 phiếu)?");
	ci.tally.cast = 8;
	assert_int_equal(ui_council_close_check(&ci, "X", q, sizeof(q)), UI_CLOSE_SHORT);
	assert_non_null(strstr(q, "8 phiếu/9 thành viên được biểu quyết (thiếu 1)"));
	ci.tally.cast = 10;
	assert_int_equal(ui_council_close_check(&ci, "X", q, sizeof(q)), UI_CLOSE_OVER);
	assert_non_null(strstr(q, "Không chốt được: 10 phiếu nhiều hơn 9"));

	/* The result for the room, its verdict capitalised. */
	char reason[] = "6/11 = 54,5% > 1/2 — đạt";
	it.reason = reason;
	char buf[200];
	ui_council_result_words(&ci, buf, sizeof(buf));
	assert_string_equal(buf, "6/11 = 54,5% > 1/2 — Đạt");
	char reason2[] = "5/11 = 45,5% ≤ 1/2 — không đạt";
	it.reason = reason2;
	ui_council_result_words(&ci, buf, sizeof(buf));
	assert_string_equal(buf, "5/11 = 45,5% ≤ 1/2 — Không đạt");
}

/* Block letters: one line of two letters, a word too wide refused. */
static void large_type(void **state)
{
	(void)state;
	ui_big b;
	assert_int_equal(ui_big_text("Ab", 80, 1, &b), 0);
	assert_int_equal(b.lines, 1);
	assert_true(b.n >= 4 && b.n <= 5);
	assert_true(b.width > 0 && b.width <= 12);
	ui_big_free(&b);
	assert_int_equal(ui_big_text("Hòa Minh", 80, 2, &b), 0);
	assert_true(b.width <= 80);
	ui_big_free(&b);
	assert_int_equal(ui_big_text("ABCDEFGHIJKLMN", 80, 1, &b), DH_EINVAL);
	assert_int_equal(ui_big_text("A B", 80, 3, &b), DH_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(quorum_sentence, setup, teardown),
	    cmocka_unit_test_setup_teardown(agenda_in_order_with_nominees, setup, teardown),
	    cmocka_unit_test_setup_teardown(secret_tally_hidden_until_closed, setup, teardown),
	    cmocka_unit_test_setup_teardown(secret_passes_exactly_at_threshold, setup, teardown),
	    cmocka_unit_test_setup_teardown(progress_and_rule_with_recusal, setup, teardown),
	    cmocka_unit_test_setup_teardown(secret_without_quorum_says_so, setup, teardown),
	    cmocka_unit_test_setup_teardown(open_vote_result_follows_every_vote, setup, teardown),
	    cmocka_unit_test(typing_a_count),
	    cmocka_unit_test(closing_checks_counts_against_voters),
	    cmocka_unit_test(large_type),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
