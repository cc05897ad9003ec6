/* test_milestone.c — a past deadline reads as done with what it produced,
 * overdue only while the work it gates waits; one to come counts days. */
#include "dienhinh/milestone.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

static void past_milestones_are_done_with_what_they_produced(void **state)
{
	(void)state;
	long stage[DH_STAGE__COUNT] = {0};
	stage[DH_STAGE_FOSTERING] = 4;
	stage[DH_STAGE_APPROVED] = 0;
	stage[DH_STAGE_NOT_APPROVED] = 3;
	stage[DH_STAGE_RECOGNISED] = 5;
	stage[DH_STAGE_AWARDED] = 15;
	dh_deadline reg = {.id = "registration", .date = 20211015, .closes = "nominate"};
	dh_deadline council = {.id = "council_session", .date = 20211105};
	dh_deadline decisions = {.id = "decisions", .date = 20211130};
	dh_deadline review = {.id = "final_review", .date = 20211228};
	dh_milestone m;
	/* Five years later nothing reads "quá hạn 1967 ngày". */
	milestone_of(&reg, 20260601, stage, &m);
	assert_string_equal(m.status, "đã qua");
	assert_string_equal(m.note, "23 hồ sơ đăng ký");
	assert_false(m.overdue);
	milestone_of(&council, 20260601, stage, &m);
	assert_string_equal(m.status, "đã qua");
	assert_string_equal(m.note, "23 hồ sơ đã bình xét");
	milestone_of(&decisions, 20260601, stage, &m);
	assert_string_equal(m.status, "đã qua");
	assert_string_equal(m.note, "20 hồ sơ đã công nhận");
	milestone_of(&review, 20260601, stage, &m);
	assert_string_equal(m.status, "đã qua");
	assert_string_equal(m.note, "");
	/* To come. */
	milestone_of(&review, 20211218, stage, &m);
	assert_string_equal(m.status, "còn 10 ngày");
	assert_false(m.past);
}

static void overdue_only_while_the_work_waits(void **state)
{
	(void)state;
	long stage[DH_STAGE__COUNT] = {0};
	stage[DH_STAGE_NOMINATED] = 2;
	stage[DH_STAGE_APPROVED] = 1;
	dh_deadline council = {.id = "council_session", .date = 20211105};
	dh_deadline decisions = {.id = "decisions", .date = 20211130};
	dh_milestone m;
	milestone_of(&council, 20211108, stage, &m);
	assert_true(m.overdue);
	assert_string_equal(m.status, "quá hạn 3 ngày");
	assert_string_equal(m.note, "2 hồ sơ chờ bình xét");
	milestone_of(&decisions, 20211201, stage, &m);
	assert_true(m.overdue);
	assert_string_equal(m.note, "1 hồ sơ chờ quyết định công nhận");
	stage[DH_STAGE_APPROVED] = 0;
	milestone_of(&decisions, 20211201, stage, &m);
	assert_false(m.overdue);
	assert_string_equal(m.status, "đã qua");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(past_milestones_are_done_with_what_they_produced),
	    cmocka_unit_test(overdue_only_while_the_work_waits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
