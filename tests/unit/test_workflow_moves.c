/* test_workflow_moves.c — every action against a candidate at every stage:
 * which keys a candidate's screen offers (wf_candidate_may), live, on hold
 * and deleted, for an actor who holds every role, so that only the stage
 * decides. The expected offers are written out here by hand, not read from
 * the workflow's table: a change to a row shows up as a failure. */
#include "dienhinh/config.h"
#include "dienhinh/record.h"
#include "dienhinh/workflow.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#define EXAMPLE_CONFIG "config/dienhinh.yaml"

#define ANY_STAGE ((1u << DH_STAGE__COUNT) - 1)
#define AT(s)     (1u << (s))

/* Where each action on a candidate is offered; actions not listed are not
 * about one candidate and are offered whatever its stage. */
static const struct {
	dh_action action;
	unsigned stages;
	bool not_on_hold;
} offered[] = {
    {DH_ACT_EDIT, ANY_STAGE, false},
    {DH_ACT_FOSTER, ANY_STAGE, false},
    {DH_ACT_HOLD, ANY_STAGE, false},
    {DH_ACT_DELETE, AT(DH_STAGE_NEW_FACTOR) | AT(DH_STAGE_FOSTERING) | AT(DH_STAGE_NOT_APPROVED), false},
    {DH_ACT_NOMINATE, AT(DH_STAGE_NEW_FACTOR) | AT(DH_STAGE_FOSTERING), false},
    {DH_ACT_CORRECT,
     AT(DH_STAGE_FOSTERING) | AT(DH_STAGE_NOMINATED) | AT(DH_STAGE_APPROVED) | AT(DH_STAGE_NOT_APPROVED),
     false},
    {DH_ACT_RETURN, AT(DH_STAGE_NOMINATED), false},
    {DH_ACT_WITHDRAW, AT(DH_STAGE_NOMINATED), false},
    {DH_ACT_MANAGE_SESSION, AT(DH_STAGE_NOMINATED), false},
    {DH_ACT_RECOGNISE, AT(DH_STAGE_APPROVED), true},
    {DH_ACT_AWARD, AT(DH_STAGE_RECOGNISED), true},
    {DH_ACT_REPLICATE, AT(DH_STAGE_RECOGNISED) | AT(DH_STAGE_AWARDED), false},
};

typedef struct fx {
	dh_config *cfg;
	dh_ctx ctx;
} fx;

static int setup(void **state)
{
	fx *f = calloc(1, sizeof(*f));
	assert_non_null(f);
	dh_diag diag = {0};
	int rc = config_load(EXAMPLE_CONFIG, &f->cfg, &diag);
	diag_free(&diag);
	assert_int_equal(rc, 0);
	/* The Chief Inspector, given every role: no role or department stands
	 * in the way, only the candidate's stage. */
	wf_ctx_init(&f->ctx, f->cfg, NULL, "thuanpv");
	assert_non_null(f->ctx.person);
	f->ctx.roles = (1u << DH_ROLE_COUNT) - 1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;
	config_free(f->cfg);
	free(f);
	return 0;
}

static int row_of(dh_action a)
{
	for (size_t i = 0; i < sizeof(offered) / sizeof(offered[0]); i++)
		if (offered[i].action == a)
			return (int)i;
	return -1;
}

/* What the candidate's screen should offer for A on C. */
static bool expected(dh_action a, const dh_candidate *c)
{
	int row = row_of(a);
	if (row < 0)
		return true;
	if (c->meta.deleted)
		return false;
	if (offered[row].not_on_hold && c->on_hold)
		return false;
	return (offered[row].stages & AT(c->stage)) != 0;
}

static void walk(const dh_ctx *ctx, bool on_hold, bool deleted)
{
	for (int stage = 0; stage < DH_STAGE__COUNT; stage++)
		for (int a = 0; a < DH_ACT__COUNT; a++) {
			dh_candidate c = {.stage = stage, .on_hold = on_hold, .department = (char *)"nv1"};
			c.meta.deleted = deleted;
			bool want = expected(a, &c), got = wf_candidate_may(ctx, a, &c);
			if (want != got)
				fail_msg("%s at stage %s%s%s: offered %d, expected %d", wf_action_name(a),
				         stage_name(stage), on_hold ? ", on hold" : "",
				         deleted ? ", deleted" : "", got, want);
		}
}

static void every_stage_and_action_of_a_live_candidate(void **state)
{
	fx *f = *state;
	walk(&f->ctx, false, false);
}

static void a_hold_stops_only_the_decisions(void **state)
{
	fx *f = *state;
	walk(&f->ctx, true, false);
}

static void a_deleted_candidate_is_offered_nothing_of_its_own(void **state)
{
	fx *f = *state;
	walk(&f->ctx, false, true);
}

/* Without the role, nothing is offered, whatever the stage. */
static void no_role_no_offer(void **state)
{
	fx *f = *state;
	dh_ctx none = f->ctx;
	none.roles = 0;
	for (int stage = 0; stage < DH_STAGE__COUNT; stage++)
		for (int a = 0; a < DH_ACT__COUNT; a++) {
			dh_candidate c = {.stage = stage, .department = (char *)"nv1"};
			assert_false(wf_candidate_may(&none, a, &c));
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(every_stage_and_action_of_a_live_candidate, setup, teardown),
	    cmocka_unit_test_setup_teardown(a_hold_stops_only_the_decisions, setup, teardown),
	    cmocka_unit_test_setup_teardown(a_deleted_candidate_is_offered_nothing_of_its_own, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(no_role_no_offer, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
