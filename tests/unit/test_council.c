/* test_council.c — the council's arithmetic at and around its thresholds:
 * quorum one member short, "more than half" with exactly half, "at least
 * 9/10" with exactly 90%, one vote short, recusals, written opinions of
 * absent members, and the reason shown to the council. */
#include "dienhinh/council.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_MEMBERS 16

static char *logins[MAX_MEMBERS] = {"m01", "m02", "m03", "m04", "m05", "m06", "m07", "m08",
                                    "m09", "m10", "m11", "m12", "m13", "m14", "m15", "m16"};

/* A council of N members with the given rule; the rest as in the example
 * config (2/3 quorum, recuse self). */
typedef struct fixture {
	dh_council_member members[MAX_MEMBERS];
	dh_council council;
	dh_session session;
	dh_vote_item item;
	char *present[MAX_MEMBERS];
	char *written[MAX_MEMBERS];
	char *recused[MAX_MEMBERS];
	char *votes[MAX_MEMBERS];
	char vote_text[MAX_MEMBERS][8];
} fixture;

static void setup_council(fixture *f, int n, dh_vote_rule rule, int num, int den, dh_vote_base base)
{
	memset(f, 0, sizeof(*f));
	for (int i = 0; i < n; i++) {
		f->members[i].login = logins[i];
		f->members[i].role = i == 0 ? DH_ROLE_CHAIR : DH_ROLE_MEMBER;
	}
	f->council.members = f->members;
	f->council.n_members = (size_t)n;
	f->council.quorum = (dh_frac){2, 3};
	f->council.method = DH_VOTE_SECRET;
	f->council.rule = rule;
	f->council.threshold = (dh_frac){num, den};
	f->council.base = base;
	f->council.recuse_self = true;
	f->session.method = DH_VOTE_SECRET;
	f->session.present.v = f->present;
	f->session.written.v = f->written;
	f->item.recused.v = f->recused;
	f->item.votes.v = f->votes;
}

/* Members FIRST..FIRST+COUNT-1 attend. */
static void attend(fixture *f, int first, int count)
{
	for (int i = first; i < first + count; i++)
		f->present[f->session.present.n++] = logins[i];
}

static void write_opinion(fixture *f, int member)
{
	f->written[f->session.written.n++] = logins[member];
}

static void recuse(fixture *f, int member)
{
	f->recused[f->item.recused.n++] = logins[member];
}

static void open_vote(fixture *f, int member, char code)
{
	f->session.method = DH_VOTE_OPEN;
	snprintf(f->vote_text[member], sizeof(f->vote_text[member]), "%s=%c", logins[member], code);
	f->votes[f->item.votes.n++] = f->vote_text[member];
}

static void counts(fixture *f, int agree, int disagree, int abstain)
{
	f->item.agree = agree;
	f->item.disagree = disagree;
	f->item.abstain = abstain;
}

static dh_tally tally(fixture *f)
{
	dh_tally t;
	council_tally(&f->council, &f->session, &f->item, &t);
	return t;
}

static void quorum_is_two_thirds_of_all_members(void **state)
{
	(void)state;
	fixture f;
	setup_council(&f, 11, DH_RULE_MORE_THAN, 1, 2, DH_BASE_MEMBERS);
	assert_int_equal(council_quorum_needed(&f.council), 8);
	assert_false(council_has_quorum(&f.council, 7));
	assert_true(council_has_quorum(&f.council, 8));
	setup_council(&f, 9, DH_RULE_MORE_THAN, 1, 2, DH_BASE_MEMBERS);
	assert_int_equal(council_quorum_needed(&f.council), 6); /* exactly 2/3 of 9 */
	assert_true(council_has_quorum(&f.council, 6));
	assert_false(council_has_quorum(&f.council, 5));
	attend(&f, 0, 5);
	f.present[f.session.present.n++] = "stranger"; /* not a member: not counted */
	assert_int_equal(council_present(&f.council, &f.session), 5);
}

static void quorum_one_member_short_fails_with_reason(void **state)
{
	(void)state;
	fixture f;
	setup_council(&f, 11, DH_RULE_MORE_THAN, 1, 2, DH_BASE_MEMBERS);
	attend(&f, 0, 7);
	counts(&f, 7, 0, 0); /* unanimous, still not valid */
	dh_tally t = tally(&f);
	assert_false(t.quorum);
	assert_int_equal(t.result, DH_RESULT_FAILED);
	assert_false(t.decided);
	assert_string_equal(t.reason, "không đủ số thành viên dự họp (7/11 < 2/3)");
	attend(&f, 7, 1);
	t = tally(&f);
	assert_true(t.quorum);
	assert_int_equal(t.result, DH_RESULT_PASSED);
}

static void more_than_half_of_members(void **state)
{
	(void)state;
	fixture f;
	setup_council(&f, 11, DH_RULE_MORE_THAN, 1, 2, DH_BASE_MEMBERS);
	attend(&f, 0, 9);
	counts(&f, 7, 2, 0);
	dh_tally t = tally(&f);
	assert_int_equal(t.base, 11);
	assert_int_equal(t.result, DH_RESULT_PASSED);
	assert_string_equal(t.reason, "7/11 = 63,6% > 1/2 — đạt");
	counts(&f, 5, 4, 0);
	t = tally(&f);
	assert_int_equal(t.result, DH_RESULT_FAILED);
	assert_string_equal(t.reason, "5/11 = 45,5% ≤ 1/2 — không đạt");
	/* 6 of 11 is the least that passes; the absent count against */
	counts(&f, 6, 3, 0);
	assert_int_equal(tally(&f).result, DH_RESULT_PASSED);
	assert_int_equal(tally(&f).needed, 6);
}

static void more_than_half_with_exactly_half_fails(void **state)
{
	(void)state;
	fixture f;
	setup_council(&f, 10, DH_RULE_MORE_THAN, 1, 2, DH_BASE_MEMBERS);
	attend(&f, 0, 10);
	counts(&f, 5, 5, 0);
	dh_tally t = tally(&f);
	assert_int_equal(t.result, DH_RESULT_FAILED);
	assert_string_equal(t.reason, "5/10 = 50,0% ≤ 1/2 — không đạt");
	counts(&f, 6, 4, 0);
	t = tally(&f);
	assert_int_equal(t.result, DH_RESULT_PASSED);
	assert_string_equal(t.reason, "6/10 = 60,0% > 1/2 — đạt");
}

static void at_least_nine_tenths_passes_at_exactly_ninety_percent(void **state)
{
	(void)state;
	fixture f;
	setup_council(&f, 10, DH_RULE_AT_LEAST, 9, 10, DH_BASE_MEMBERS);
	attend(&f, 0, 10);
	counts(&f, 9, 1, 0);
	dh_tally t = tally(&f);
	assert_int_equal(t.result, DH_RESULT_PASSED);
	assert_string_equal(t.reason, "9/10 = 90,0% ≥ 9/10 — đạt");
	/* one vote short */
	counts(&f, 8, 2, 0);
	t = tally(&f);
	assert_int_equal(t.result, DH_RESULT_FAILED);
	assert_string_equal(t.reason, "8/10 = 80,0% < 9/10 — không đạt");
}

static void at_least_nine_tenths_of_eleven_needs_ten(void **state)
{
	(void)state;
	fixture f;
	setup_council(&f, 11, DH_RULE_AT_LEAST, 9, 10, DH_BASE_MEMBERS);
	attend(&f, 0, 11);
	assert_int_equal(council_votes_needed(&f.council, 11), 10);
	counts(&f, 9, 2, 0); /* 81,8% */
	assert_int_equal(tally(&f).result, DH_RESULT_FAILED);
	counts(&f, 10, 1, 0);
	assert_int_equal(tally(&f).result, DH_RESULT_PASSED);
}

static void two_thirds_exactly_is_not_lost_to_rounding(void **state)
{
	(void)state;
	fixture f;
	/* 6/9 is exactly 2/3; as a double 0.666... compared with 2.0/3 may go
	 * either way. */
	setup_council(&f, 9, DH_RULE_AT_LEAST, 2, 3, DH_BASE_MEMBERS);
	attend(&f, 0, 9);
	counts(&f, 6, 3, 0);
	dh_tally t = tally(&f);
	assert_int_equal(t.result, DH_RESULT_PASSED);
	assert_string_equal(t.reason, "6/9 = 66,7% ≥ 2/3 — đạt");
	setup_council(&f, 9, DH_RULE_MORE_THAN, 2, 3, DH_BASE_MEMBERS);
	attend(&f, 0, 9);
	counts(&f, 6, 3, 0);
	t = tally(&f);
	assert_int_equal(t.result, DH_RESULT_FAILED);
	assert_string_equal(t.reason, "6/9 = 66,7% ≤ 2/3 — không đạt");
}

static void recused_member_leaves_the_base_and_cannot_vote(void **state)
{
	(void)state;
	fixture f;
	setup_council(&f, 11, DH_RULE_MORE_THAN, 1, 2, DH_BASE_MEMBERS);
	attend(&f, 0, 11);
	recuse(&f, 4);
	open_vote(&f, 4, 'a'); /* a recused member's vote is not counted */
	for (int i = 0; i < 5; i++)
		if (i != 4)
			open_vote(&f, i, 'a');
	open_vote(&f, 5, 'a');
	for (int i = 6; i < 11; i++)
		open_vote(&f, i, 'd');
	dh_tally t = tally(&f);
	assert_int_equal(t.recused, 1);
	assert_int_equal(t.voters, 10);
	assert_int_equal(t.base, 10);
	assert_int_equal(t.agree, 5);
	assert_int_equal(t.result, DH_RESULT_FAILED);
	assert_string_equal(t.reason, "5/10 = 50,0% ≤ 1/2 — không đạt");
	/* without the recusal the same ballots would be 6/11 and pass */
	f.item.recused.n = 0;
	t = tally(&f);
	assert_int_equal(t.agree, 6);
	assert_int_equal(t.result, DH_RESULT_PASSED);
}

static void recused_member_still_counts_for_quorum(void **state)
{
	(void)state;
	fixture f;
	setup_council(&f, 11, DH_RULE_MORE_THAN, 1, 2, DH_BASE_PRESENT);
	attend(&f, 0, 8);
	recuse(&f, 0);
	counts(&f, 4, 3, 0);
	dh_tally t = tally(&f);
	assert_true(t.quorum);
	assert_int_equal(t.base, 7);
	assert_string_equal(t.reason, "4/7 = 57,1% > 1/2 — đạt");
}

static void written_opinions_count_only_when_config_says(void **state)
{
	(void)state;
	fixture f;
	setup_council(&f, 11, DH_RULE_MORE_THAN, 1, 2, DH_BASE_PRESENT);
	attend(&f, 0, 8);
	write_opinion(&f, 8);
	for (int i = 0; i < 4; i++)
		open_vote(&f, i, 'a');
	for (int i = 4; i < 8; i++)
		open_vote(&f, i, 'd');
	open_vote(&f, 8, 'a'); /* the absent member's written agreement */
	f.council.written_votes_count = false;
	dh_tally t = tally(&f);
	assert_int_equal(t.voters, 8);
	assert_int_equal(t.base, 8);
	assert_int_equal(t.agree, 4);
	assert_int_equal(t.result, DH_RESULT_FAILED);
	assert_string_equal(t.reason, "4/8 = 50,0% ≤ 1/2 — không đạt");
	f.council.written_votes_count = true;
	t = tally(&f);
	assert_int_equal(t.written, 1);
	assert_int_equal(t.voters, 9);
	assert_int_equal(t.base, 9);
	assert_int_equal(t.agree, 5);
	assert_int_equal(t.present, 8); /* a written opinion is not attendance */
	assert_int_equal(t.result, DH_RESULT_PASSED);
	assert_string_equal(t.reason, "5/9 = 55,6% > 1/2 — đạt");
}

static void written_opinion_does_not_make_quorum(void **state)
{
	(void)state;
	fixture f;
	setup_council(&f, 11, DH_RULE_MORE_THAN, 1, 2, DH_BASE_MEMBERS);
	f.council.written_votes_count = true;
	attend(&f, 0, 7);
	write_opinion(&f, 7);
	write_opinion(&f, 8);
	counts(&f, 9, 0, 0);
	dh_tally t = tally(&f);
	assert_false(t.quorum);
	assert_string_equal(t.reason, "không đủ số thành viên dự họp (7/11 < 2/3)");
}

static void absent_without_opinion_counts_against_when_base_is_members(void **state)
{
	(void)state;
	fixture f;
	setup_council(&f, 11, DH_RULE_MORE_THAN, 1, 2, DH_BASE_MEMBERS);
	attend(&f, 0, 8);
	counts(&f, 5, 3, 0);
	dh_tally t = tally(&f);
	assert_int_equal(t.base, 11);
	assert_int_equal(t.result, DH_RESULT_FAILED); /* 5/11, though 5 of 8 present agreed */
	f.council.base = DH_BASE_PRESENT;
	t = tally(&f);
	assert_int_equal(t.base, 8);
	assert_int_equal(t.result, DH_RESULT_PASSED);
	assert_string_equal(t.reason, "5/8 = 62,5% > 1/2 — đạt");
}

static void live_tally_knows_when_it_is_decided(void **state)
{
	(void)state;
	fixture f;
	setup_council(&f, 11, DH_RULE_MORE_THAN, 1, 2, DH_BASE_PRESENT);
	attend(&f, 0, 9);
	open_vote(&f, 0, 'a');
	open_vote(&f, 1, 'a');
	open_vote(&f, 2, 'd');
	dh_tally t = tally(&f);
	assert_int_equal(t.cast, 3);
	assert_int_equal(t.outstanding, 6);
	assert_int_equal(t.needed, 5);
	assert_true(t.can_pass);
	assert_false(t.decided);
	assert_int_equal(t.result, DH_RESULT_FAILED); /* if closed now */
	assert_false(t.hidden);                       /* open vote */
	for (int i = 3; i < 6; i++)
		open_vote(&f, i, 'd');
	t = tally(&f); /* 2 agree, 4 against, 3 to come: 5 still within reach */
	assert_true(t.can_pass);
	assert_false(t.decided);
	open_vote(&f, 6, 'd');
	t = tally(&f); /* 2 agree, 5 against, 2 to come: 5 cannot be reached */
	assert_false(t.can_pass);
	assert_true(t.decided);
	f.item.votes.n = 0;
	for (int i = 0; i < 5; i++)
		open_vote(&f, i, 'a');
	t = tally(&f);
	assert_true(t.decided);
	assert_int_equal(t.result, DH_RESULT_PASSED);
}

static void secret_tally_is_hidden_until_closed(void **state)
{
	(void)state;
	fixture f;
	setup_council(&f, 11, DH_RULE_MORE_THAN, 1, 2, DH_BASE_MEMBERS);
	attend(&f, 0, 11);
	counts(&f, 6, 5, 0);
	assert_true(tally(&f).hidden);
	f.item.closed = true;
	assert_false(tally(&f).hidden);
}

static void secret_counts_ignore_open_vote_strings(void **state)
{
	(void)state;
	fixture f;
	setup_council(&f, 11, DH_RULE_MORE_THAN, 1, 2, DH_BASE_MEMBERS);
	attend(&f, 0, 11);
	open_vote(&f, 0, 'a');
	f.session.method = DH_VOTE_SECRET;
	counts(&f, 3, 8, 0);
	assert_int_equal(tally(&f).agree, 3);
}

static void nobody_left_to_vote_fails(void **state)
{
	(void)state;
	fixture f;
	setup_council(&f, 3, DH_RULE_MORE_THAN, 1, 2, DH_BASE_PRESENT);
	attend(&f, 0, 3);
	recuse(&f, 0);
	recuse(&f, 1);
	recuse(&f, 2);
	dh_tally t = tally(&f);
	assert_int_equal(t.base, 0);
	assert_int_equal(t.result, DH_RESULT_FAILED);
	assert_string_equal(t.reason, "không có thành viên nào được biểu quyết — không đạt");
}

static void non_members_never_count(void **state)
{
	(void)state;
	fixture f;
	setup_council(&f, 9, DH_RULE_MORE_THAN, 1, 2, DH_BASE_PRESENT);
	attend(&f, 0, 6);
	f.present[f.session.present.n++] = "stranger";
	f.votes[f.item.votes.n++] = "stranger=a";
	f.session.method = DH_VOTE_OPEN;
	dh_tally t = tally(&f);
	assert_int_equal(t.present, 6);
	assert_int_equal(t.agree, 0);
}

/* Every threshold, every base: passing is exactly "agree >= needed", and
 * needed is the exact rational bound. */
static void needed_matches_the_rule_everywhere(void **state)
{
	(void)state;
	static const dh_frac fracs[] = {{1, 2}, {2, 3}, {3, 4},    {9, 10},
	                                {1, 1}, {1, 3}, {51, 100}, {50, 100}};
	fixture f;
	for (int rule = 0; rule < 2; rule++)
		for (size_t k = 0; k < sizeof(fracs) / sizeof(fracs[0]); k++)
			for (int base = 1; base <= 40; base++) {
				setup_council(&f, 11, rule, fracs[k].num, fracs[k].den, DH_BASE_MEMBERS);
				int needed = council_votes_needed(&f.council, base);
				for (int agree = 0; agree <= base; agree++) {
					/* agree/base vs num/den, in integers of another form:
					 * compare agree*den*k with num*base*k is the same; use
					 * the definition directly on scaled values. */
					long lhs = (long)agree * 1000 * fracs[k].den;
					long rhs = (long)fracs[k].num * 1000 * base;
					bool want = rule == DH_RULE_MORE_THAN ? lhs > rhs : lhs >= rhs;
					assert_int_equal(council_passes(&f.council, agree, base), want);
					assert_int_equal(agree >= needed, want);
				}
			}
}

static void percent_has_one_decimal_and_a_comma(void **state)
{
	(void)state;
	char buf[16];
	assert_string_equal(council_percent(7, 11, buf, sizeof(buf)), "63,6%");
	assert_string_equal(council_percent(2, 3, buf, sizeof(buf)), "66,7%");
	assert_string_equal(council_percent(1, 16, buf, sizeof(buf)), "6,3%"); /* 6,25 rounds up */
	assert_string_equal(council_percent(11, 11, buf, sizeof(buf)), "100,0%");
	assert_string_equal(council_percent(0, 11, buf, sizeof(buf)), "0,0%");
	assert_string_equal(council_percent(0, 0, buf, sizeof(buf)), "0,0%");
}

static void rule_in_words(void **state)
{
	(void)state;
	fixture f;
	char buf[128];
	setup_council(&f, 11, DH_RULE_MORE_THAN, 1, 2, DH_BASE_MEMBERS);
	council_rule_words(&f.council, buf, sizeof(buf));
	assert_string_equal(buf, "trên 1/2 tổng số thành viên Hội đồng");
	setup_council(&f, 11, DH_RULE_AT_LEAST, 9, 10, DH_BASE_PRESENT);
	council_rule_words(&f.council, buf, sizeof(buf));
	assert_string_equal(buf, "từ 9/10 số thành viên dự họp trở lên");
}

static void votes_are_set_replaced_and_cleared(void **state)
{
	(void)state;
	dh_vote_item it;
	memset(&it, 0, sizeof(it));
	assert_int_equal(council_set_vote(&it.votes, "m1", DH_VOTE_AGREE), 0);
	assert_int_equal(council_set_vote(&it.votes, "m10", DH_VOTE_ABSTAIN), 0);
	assert_int_equal(council_vote_of(&it, "m1"), DH_VOTE_AGREE);
	assert_int_equal(council_vote_of(&it, "m10"), DH_VOTE_ABSTAIN); /* not confused with m1 */
	assert_int_equal(council_set_vote(&it.votes, "m1", DH_VOTE_DISAGREE), 0);
	assert_int_equal(it.votes.n, 2);
	assert_int_equal(council_vote_of(&it, "m1"), DH_VOTE_DISAGREE);
	assert_int_equal(council_set_vote(&it.votes, "m1", DH_VOTE_NONE), 0);
	assert_int_equal(it.votes.n, 1);
	assert_int_equal(council_vote_of(&it, "m1"), DH_VOTE_NONE);
	assert_string_equal(it.votes.v[0], "m10=b");
	for (size_t i = 0; i < it.votes.n; i++)
		free(it.votes.v[i]);
	free(it.votes.v);
}

static void attendance_and_membership(void **state)
{
	(void)state;
	fixture f;
	setup_council(&f, 5, DH_RULE_MORE_THAN, 1, 2, DH_BASE_MEMBERS);
	attend(&f, 0, 2);
	write_opinion(&f, 3);
	assert_int_equal(council_attendance(&f.session, "m01"), DH_PRESENT);
	assert_int_equal(council_attendance(&f.session, "m04"), DH_WRITTEN);
	assert_int_equal(council_attendance(&f.session, "m05"), DH_ABSENT);
	assert_true(council_is_member(&f.council, "m05"));
	assert_false(council_is_member(&f.council, "m06"));
	assert_int_equal(council_member_role(&f.council, "m01"), DH_ROLE_CHAIR);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(quorum_is_two_thirds_of_all_members),
	    cmocka_unit_test(quorum_one_member_short_fails_with_reason),
	    cmocka_unit_test(more_than_half_of_members),
	    cmocka_unit_test(more_than_half_with_exactly_half_fails),
	    cmocka_unit_test(at_least_nine_tenths_passes_at_exactly_ninety_percent),
	    cmocka_unit_test(at_least_nine_tenths_of_eleven_needs_ten),
	    cmocka_unit_test(two_thirds_exactly_is_not_lost_to_rounding),
	    cmocka_unit_test(recused_member_leaves_the_base_and_cannot_vote),
	    cmocka_unit_test(recused_member_still_counts_for_quorum),
	    cmocka_unit_test(written_opinions_count_only_when_config_says),
	    cmocka_unit_test(written_opinion_does_not_make_quorum),
	    cmocka_unit_test(absent_without_opinion_counts_against_when_base_is_members),
	    cmocka_unit_test(live_tally_knows_when_it_is_decided),
	    cmocka_unit_test(secret_tally_is_hidden_until_closed),
	    cmocka_unit_test(secret_counts_ignore_open_vote_strings),
	    cmocka_unit_test(nobody_left_to_vote_fails),
	    cmocka_unit_test(non_members_never_count),
	    cmocka_unit_test(needed_matches_the_rule_everywhere),
	    cmocka_unit_test(percent_has_one_decimal_and_a_comma),
	    cmocka_unit_test(rule_in_words),
	    cmocka_unit_test(votes_are_set_replaced_and_cleared),
	    cmocka_unit_test(attendance_and_membership),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
