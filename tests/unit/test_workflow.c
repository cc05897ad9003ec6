/* test_workflow.c — the workflow rules as the people of the example config
 * meet them: who may do what (and what the refusal says), stages only
 * forward, deadlines from config, hold, the council session from
 * attendance to the recognition decision, corrections with their audit.
 * A real LMDB environment in a fresh temporary folder per test. */
#include "dienhinh/config.h"
#include "dienhinh/council.h"
#include "dienhinh/error.h"
#include "dienhinh/record.h"
#include "dienhinh/repo.h"
#include "dienhinh/store.h"
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
#include <unistd.h>

#define EXAMPLE_CONFIG  "config/dienhinh.yaml"
#define BEFORE_DEADLINE 20210615 /* registration closes 2021-10-15 */

/* The council of the example, in its order: chair, two vice-chairs,
 * standing member, secretary, six members. */
static const char *const council_logins[] = {"thuanpv", "hungnv",  "bichlth", "dungtq", "tdkt",   "minhdh",
                                             "tambv",   "cuongvd", "namhv",   "hailv",  "quangmv"};
#define N_COUNCIL 11

typedef struct fx {
	char dir[64];
	dh_config *cfg;
	dh_store *st;
	dh_ctx ctx[8];
	size_t n_ctx;
	void *keep[64]; /* records read by the test, freed at teardown */
	dh_rtype keep_type[64];
	size_t n_keep;
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
	snprintf(f->dir, sizeof(f->dir), "/tmp/dh-wf-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	dh_diag diag = {0};
	int rc = config_load(EXAMPLE_CONFIG, &f->cfg, &diag);
	for (size_t i = 0; i < diag.n; i++)
		fprintf(stderr, "%s\n", diag.lines[i]);
	diag_free(&diag);
	assert_int_equal(rc, 0);
	char db[96];
	snprintf(db, sizeof(db), "%s/db", f->dir);
	assert_int_equal(store_open(&f->st, db, NULL), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;
	for (size_t i = 0; i < f->n_keep; i++)
		record_free(f->keep_type[i], f->keep[i]);
	store_close(f->st);
	config_free(f->cfg);
	nftw(f->dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(f);
	return 0;
}

/* A session for LOGIN on a fixed day before every deadline. */
static dh_ctx *as(fx *f, const char *login)
{
	for (size_t i = 0; i < f->n_ctx; i++)
		if (strcmp(f->ctx[i].login, login) == 0)
			return &f->ctx[i];
	assert_true(f->n_ctx < sizeof(f->ctx) / sizeof(f->ctx[0]));
	dh_ctx *c = &f->ctx[f->n_ctx++];
	wf_ctx_init(c, f->cfg, f->st, login);
	c->today = BEFORE_DEADLINE;
	return c;
}

static void *get(fx *f, dh_rtype type, uint64_t id)
{
	void *rec = NULL;
	assert_int_equal(repo_get(f->st, type, id, &rec), 0);
	assert_true(f->n_keep < sizeof(f->keep) / sizeof(f->keep[0]));
	f->keep[f->n_keep] = rec;
	f->keep_type[f->n_keep++] = type;
	return rec;
}

static dh_candidate *cand(fx *f, uint64_t id)
{
	return get(f, DH_R_CANDIDATE, id);
}

static int stage_of(fx *f, uint64_t id)
{
	return cand(f, id)->stage;
}

static uint64_t new_candidate_by(fx *f, const char *login, const char *name, const char *dept, int kind)
{
	dh_candidate c = {0};
	c.name = (char *)name;
	c.department = (char *)dept;
	c.kind = kind;
	c.title = (char *)"Mô hình tiếp công dân";
	uint64_t id = 0;
	dh_ctx *ctx = as(f, login);
	int rc = wf_candidate_save(ctx, &c, &id);
	if (rc)
		fail_msg("create %s: %s", name, ctx->message);
	assert_true(id > 0);
	return id;
}

static uint64_t new_candidate(fx *f, const char *name, const char *dept)
{
	return new_candidate_by(f, "tdkt", name, dept, DH_KIND_INDIVIDUAL);
}

static uint64_t nominate(fx *f, const char *login, uint64_t cid)
{
	dh_registration r = {0};
	r.candidate_id = cid;
	r.description = (char *)"Bản mô tả sáng kiến";
	uint64_t id = 0;
	dh_ctx *ctx = as(f, login);
	int rc = wf_nominate(ctx, &r, &id);
	if (rc)
		fail_msg("nominate: %s", ctx->message);
	return id;
}

static uint64_t nominated(fx *f, const char *name, const char *dept)
{
	uint64_t id = new_candidate(f, name, dept);
	nominate(f, "tdkt", id);
	return id;
}

static uint64_t new_session(fx *f)
{
	dh_session s = {0};
	uint64_t id = 0;
	assert_int_equal(wf_session_save(as(f, "tdkt"), &s, &id), 0);
	return id;
}

/* The first N council members attend. */
static void attend(fx *f, uint64_t sid, int n)
{
	for (int i = 0; i < n; i++)
		assert_int_equal(wf_attendance(as(f, "tdkt"), sid, council_logins[i], DH_PRESENT), 0);
}

static uint64_t add_item(fx *f, uint64_t sid, uint64_t cid)
{
	uint64_t id = 0;
	dh_ctx *ctx = as(f, "tdkt");
	if (wf_item_add(ctx, sid, cid, &id))
		fail_msg("item: %s", ctx->message);
	return id;
}

/* A full, unanimous secret vote: the candidate ends approved. */
static void approve(fx *f, uint64_t cid)
{
	uint64_t sid = new_session(f);
	attend(f, sid, N_COUNCIL);
	uint64_t item = add_item(f, sid, cid);
	assert_int_equal(wf_vote_counts(as(f, "tdkt"), item, N_COUNCIL, 0, 0), 0);
	assert_int_equal(wf_item_close(as(f, "tdkt"), item), 0);
	assert_int_equal(stage_of(f, cid), DH_STAGE_APPROVED);
}

static uint64_t recognise(fx *f, uint64_t cid, const char *number)
{
	dh_decision d = {0};
	d.number = (char *)number;
	d.date = 20211120;
	assert_int_equal(idlist_push(&d.candidates, cid), 0);
	uint64_t id = 0;
	dh_ctx *ctx = as(f, "thuanpv");
	int rc = wf_recognise(ctx, &d, &id);
	free(d.candidates.v);
	if (rc)
		fail_msg("recognise: %s", ctx->message);
	return id;
}

static void assert_contains(const char *text, const char *part)
{
	if (!strstr(text, part))
		fail_msg("«%s» does not contain «%s»", text, part);
}

/* --- permissions ------------------------------------------------------- */

static void refusal_names_who_may(void **state)
{
	fx *f = *state;
	dh_ctx *clerk = as(f, "tdkt");
	assert_false(wf_may(clerk, DH_ACT_RECOGNISE));
	assert_int_equal(wf_check(clerk, DH_ACT_RECOGNISE), DH_EPERM);
	assert_string_equal(clerk->message, "Chỉ Chánh Thanh tra được quyết định công nhận.");
	assert_int_equal(wf_check(as(f, "thuanpv"), DH_ACT_RECOGNISE), 0);
	/* the council roles come from the council list */
	assert_true(wf_may(clerk, DH_ACT_RECORD_VOTES));
	assert_false(wf_may(as(f, "hoantt"), DH_ACT_RECORD_VOTES));
	assert_int_equal(wf_check(as(f, "hoantt"), DH_ACT_CORRECT), DH_EPERM);
	assert_string_equal(as(f, "hoantt")->message,
	                    "Chỉ Chánh Thanh tra, Phó Chánh Thanh tra được đính chính bước hồ sơ.");
}

static void config_overrides_the_default_roles(void **state)
{
	fx *f = *state;
	assert_int_equal(wf_action_roles(f->cfg, DH_ACT_RECORD_VOTES), DH_ROLE_SECRETARY | DH_ROLE_STANDING);
	dh_permission *p = realloc(f->cfg->permissions, (f->cfg->n_permissions + 1) * sizeof(*p));
	assert_non_null(p);
	f->cfg->permissions = p;
	p[f->cfg->n_permissions].action = strdup("recognise");
	p[f->cfg->n_permissions++].roles = DH_ROLE_LEADER;
	assert_true(wf_may(as(f, "hungnv"), DH_ACT_RECOGNISE));
	assert_false(wf_may(as(f, "thuanpv"), DH_ACT_RECOGNISE));
	char who[128];
	wf_who_may(f->cfg, DH_ACT_RECOGNISE, who, sizeof(who));
	assert_string_equal(who, "Phó Chánh Thanh tra");
}

static void unknown_login_may_only_look_up(void **state)
{
	fx *f = *state;
	dh_ctx *stranger = as(f, "nobody");
	assert_null(stranger->person);
	for (int a = 0; a < DH_ACT__COUNT; a++)
		assert_false(wf_may(stranger, a));
	dh_candidate c = {.name = (char *)"Nguyễn Văn A", .department = (char *)"nv1"};
	assert_int_equal(wf_candidate_save(stranger, &c, NULL), DH_EPERM);
	assert_string_equal(stranger->message,
	                    "Tài khoản «nobody» không có trong cấu hình: chỉ được tra cứu.");
}

static void action_names_round_trip(void **state)
{
	(void)state;
	for (int a = 0; a < DH_ACT__COUNT; a++)
		assert_int_equal(wf_action_from_name(wf_action_name(a)), a);
	assert_int_equal(wf_action_from_name("fly"), -1);
	assert_string_equal(wf_audit_label("recognise"), "Quyết định công nhận");
	assert_string_equal(wf_audit_label("release"), "Tiếp tục xét (hết tạm dừng)");
	assert_string_equal(wf_audit_label("fly"), "fly");
}

/* Every action, by someone whose roles do not include it: refused before
 * any record is read, with who may in the message. */
static void every_action_refused_by_role(void **state)
{
	fx *f = *state;
	dh_ctx *staff = as(f, "lanpt"); /* staff in the Office, not on the council */
	dh_candidate c = {.name = (char *)"X", .department = (char *)"vp", .meta.id = 1, .meta.rev = 1};
	dh_fostering fo = {.candidate_id = 1, .description = (char *)"x"};
	dh_registration r = {.candidate_id = 1};
	dh_nil_return n = {.department = (char *)"vp"};
	dh_session s = {0};
	dh_proposal p = {.session_id = 1};
	dh_decision d = {.number = (char *)"1/QĐ"};
	dh_ceremony ce = {.title = (char *)"x"};
	dh_activity ac = {.candidate_id = 1, .title = (char *)"x"};
	dh_review rv = {0};
	dh_dissemination di = {.department = (char *)"vp"};
	dh_coordination co = {.department = (char *)"vp"};
	struct {
		const char *what;
		int rc;
	} calls[] = {
	    {"edit", wf_candidate_save(staff, &c, NULL)},
	    {"foster", wf_fostering_save(staff, &fo, NULL)},
	    {"hold", wf_hold(staff, 1, true, "x")},
	    {"correct", wf_correct_stage(staff, 1, 0, "x")},
	    {"delete", wf_delete(staff, DH_R_CANDIDATE, 1, "x")},
	    {"restore", wf_restore(staff, DH_R_CANDIDATE, 1, "x")},
	    {"nominate", wf_nominate(staff, &r, NULL)},
	    {"nil_return", wf_nil_return(staff, &n, NULL)},
	    {"accept", wf_registration_accept(staff, 1)},
	    {"return", wf_registration_return(staff, 1, "x")},
	    {"withdraw", wf_registration_withdraw(staff, 1, "x")},
	    {"session", wf_session_save(staff, &s, NULL)},
	    {"session_close", wf_session_close(staff, 1)},
	    {"session_reopen", wf_session_reopen(staff, 1, "x")},
	    {"attendance", wf_attendance(staff, 1, "thuanpv", DH_PRESENT)},
	    {"item_add", wf_item_add(staff, 1, 1, NULL)},
	    {"recuse", wf_item_recuse(staff, 1, "thuanpv", true)},
	    {"vote", wf_vote(staff, 1, "thuanpv", DH_VOTE_AGREE)},
	    {"counts", wf_vote_counts(staff, 1, 1, 0, 0)},
	    {"close", wf_item_close(staff, 1)},
	    {"reopen", wf_item_reopen(staff, 1, "x")},
	    {"proposal", wf_proposal_save(staff, &p, NULL)},
	    {"recognise", wf_recognise(staff, &d, NULL)},
	    {"award", wf_award(staff, &d, NULL)},
	    {"revoke", wf_decision_revoke(staff, 1, "x", 0)},
	    {"ceremony", wf_ceremony_save(staff, &ce, NULL)},
	    {"replicate", wf_activity_save(staff, &ac, NULL)},
	    {"review", wf_review_save(staff, &rv, NULL)},
	    {"disseminate", wf_dissemination_save(staff, &di, NULL)},
	    {"coordinate", wf_coordination_save(staff, &co, NULL)},
	};
	for (size_t i = 0; i < sizeof(calls) / sizeof(calls[0]); i++)
		if (calls[i].rc != DH_EPERM)
			fail_msg("%s by staff: %d, not DH_EPERM", calls[i].what, calls[i].rc);
	assert_contains(staff->message, "Chỉ ");
	uint64_t last = 0;
	assert_int_equal(repo_last_id(f->st, DH_R_CANDIDATE, &last), 0);
	assert_int_equal(last, 0);
}

/* --- candidates -------------------------------------------------------- */

static void candidate_fields_are_checked_and_named(void **state)
{
	fx *f = *state;
	dh_ctx *ctx = as(f, "tdkt");
	dh_candidate c = {.name = (char *)"  ", .department = (char *)"nv1"};
	assert_int_equal(wf_candidate_save(ctx, &c, NULL), DH_EINVAL);
	assert_string_equal(ctx->field, "name");
	c.name = (char *)"Nguyễn Văn An";
	c.department = (char *)"nv9";
	assert_int_equal(wf_candidate_save(ctx, &c, NULL), DH_EINVAL);
	assert_string_equal(ctx->field, "department");
	assert_contains(ctx->message, "nv9");
	c.department = (char *)"nv1";
	char *crit[] = {(char *)"xs", (char *)"sang_tao"}; /* sang_tao is a model criterion */
	c.criteria = (dh_strlist){2, crit};
	assert_int_equal(wf_candidate_save(ctx, &c, NULL), DH_EINVAL);
	assert_string_equal(ctx->field, "criteria");
	c.criteria.n = 0;
	c.kind = 7;
	assert_int_equal(wf_candidate_save(ctx, &c, NULL), DH_EINVAL);
	assert_string_equal(ctx->field, "kind");
	c.kind = DH_KIND_INDIVIDUAL;
	c.name = (char *)"Nguyễn\x01Văn";
	assert_int_equal(wf_candidate_save(ctx, &c, NULL), DH_EINVAL);
	assert_string_equal(ctx->field, "name");
	char longname[WF_MAX_NAME * 2 + 8];
	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	c.name = longname;
	assert_int_equal(wf_candidate_save(ctx, &c, NULL), DH_EINVAL);
	assert_contains(ctx->message, "tối đa 200");
	uint64_t last = 1;
	assert_int_equal(repo_last_id(f->st, DH_R_CANDIDATE, &last), 0);
	assert_int_equal(last, 0); /* nothing written */
}

static void candidate_is_stored_nfc_new_factor_plan_year(void **state)
{
	fx *f = *state;
	/* "Nguyễn" typed decomposed: u + horn-less... e + circumflex + tilde */
	dh_candidate c = {.name = (char *)"  Nguye\xcc\x82\xcc\x83n Va\xcc\x86n Ho\xcc\x80\x61  ",
	                  .department = (char *)"nv1",
	                  .stage = DH_STAGE_AWARDED,
	                  .on_hold = true};
	char *crit[] = {(char *)"xs", (char *)"pham_chat", (char *)"sang_kien"};
	c.criteria = (dh_strlist){3, crit};
	uint64_t id = 0;
	assert_int_equal(wf_candidate_save(as(f, "tdkt"), &c, &id), 0);
	dh_candidate *s = cand(f, id);
	assert_string_equal(s->name, "Nguyễn Văn Hòa");
	assert_int_equal(s->stage, DH_STAGE_NEW_FACTOR);
	assert_false(s->on_hold);
	assert_int_equal(s->year, 2021);
	assert_string_equal(s->meta.created_by, "tdkt");
	assert_int_equal(wf_criteria_met(f->cfg, s), 3);
	assert_true(wf_meets_new_factor_min(f->cfg, s));
}

static void staff_create_only_in_their_department(void **state)
{
	fx *f = *state;
	dh_ctx *hoa = as(f, "hoantt"); /* staff of nv1 */
	new_candidate_by(f, "hoantt", "Tổ tiếp dân", "nv1", DH_KIND_COLLECTIVE);
	dh_candidate c = {.name = (char *)"Người phòng khác", .department = (char *)"nv2"};
	assert_int_equal(wf_candidate_save(hoa, &c, NULL), DH_EPERM);
	assert_contains(hoa->message, "Phòng Nghiệp vụ 1");
	assert_contains(hoa->message, "Phòng Nghiệp vụ 2");
	/* the Office works for every department */
	new_candidate_by(f, "tdkt", "Người phòng khác", "nv2", DH_KIND_INDIVIDUAL);
}

static void edit_keeps_stage_and_refuses_a_stale_revision(void **state)
{
	fx *f = *state;
	uint64_t id = new_candidate(f, "Trần Thị Bình", "nv2");
	dh_candidate *a = record_dup(DH_R_CANDIDATE, cand(f, id));
	dh_candidate *b = record_dup(DH_R_CANDIDATE, cand(f, id));
	free(a->position);
	a->position = strdup("Thanh tra viên chính");
	a->stage = DH_STAGE_RECOGNISED; /* not editable */
	assert_int_equal(wf_candidate_save(as(f, "tambv"), a, NULL), 0);
	dh_candidate *s = cand(f, id);
	assert_string_equal(s->position, "Thanh tra viên chính");
	assert_int_equal(s->stage, DH_STAGE_NEW_FACTOR);
	assert_int_equal(s->meta.rev, 2);
	/* b was opened at rev 1: saving it would overwrite a's change */
	free(b->title);
	b->title = strdup("Khác");
	dh_ctx *ctx = as(f, "tdkt");
	assert_int_equal(wf_candidate_save(ctx, b, NULL), DH_ECONFLICT);
	assert_string_equal(
	    ctx->message,
	    "Hồ sơ đã được Bùi Văn Tâm lưu sau khi bạn mở (phiên bản 2, bạn sửa từ bản 1): hãy tải lại.");
	record_free(DH_R_CANDIDATE, a);
	record_free(DH_R_CANDIDATE, b);
	/* a department head edits only their own department's records */
	dh_candidate *c = record_dup(DH_R_CANDIDATE, cand(f, id));
	assert_int_equal(wf_candidate_save(as(f, "minhdh"), c, NULL), DH_EPERM);
	/* nor moves one into another department */
	free(c->department);
	c->department = strdup("nv1");
	assert_int_equal(wf_candidate_save(as(f, "tambv"), c, NULL), DH_EPERM);
	record_free(DH_R_CANDIDATE, c);
}

static void possible_duplicate_of_an_earlier_recognition_is_flagged(void **state)
{
	fx *f = *state;
	/* recognised in 2020 (as an import would leave it) */
	dh_candidate *old = record_new(DH_R_CANDIDATE);
	old->year = 2020;
	old->name = strdup("Nguyễn Văn Hòa");
	old->title = strdup("Mô hình tiếp công dân");
	old->department = strdup("tcd");
	old->stage = DH_STAGE_RECOGNISED;
	assert_int_equal(repo_save(f->st, "tdkt", "import", NULL, DH_R_CANDIDATE, old), 0);
	uint64_t old_id = old->meta.id;
	record_free(DH_R_CANDIDATE, old);
	/* same person and achievement, typed differently */
	uint64_t id = new_candidate_by(f, "tdkt", "nguyễn  văn hoà", "tcd", DH_KIND_INDIVIDUAL);
	assert_int_equal(cand(f, id)->duplicate_of, old_id);
	/* another achievement is no duplicate */
	dh_candidate c = {
	    .name = (char *)"Nguyễn Văn Hòa", .title = (char *)"Sáng kiến khác", .department = (char *)"tcd"};
	uint64_t other = 0;
	assert_int_equal(wf_candidate_save(as(f, "tdkt"), &c, &other), 0);
	assert_int_equal(cand(f, other)->duplicate_of, 0);
}

static void fostering_moves_a_new_factor_on(void **state)
{
	fx *f = *state;
	uint64_t id = new_candidate(f, "Lê Văn Cường", "nv3");
	dh_fostering fo = {
	    .candidate_id = id, .kind = DH_FOSTER_GUIDANCE, .description = (char *)"Hướng dẫn"};
	dh_ctx *head = as(f, "cuongvd");
	fo.amount = 500000; /* money only for material support */
	assert_int_equal(wf_fostering_save(head, &fo, NULL), DH_EINVAL);
	assert_string_equal(head->field, "amount");
	fo.amount = 0;
	uint64_t fid = 0;
	assert_int_equal(wf_fostering_save(head, &fo, &fid), 0);
	assert_int_equal(stage_of(f, id), DH_STAGE_FOSTERING);
	dh_fostering *s = get(f, DH_R_FOSTERING, fid);
	assert_int_equal(s->date, BEFORE_DEADLINE);
	assert_string_equal(s->by, "Vũ Đức Cường");
	/* another department's head may not */
	assert_int_equal(wf_fostering_save(as(f, "tambv"), &fo, NULL), DH_EPERM);
	fo.kind = DH_FOSTER_MATERIAL;
	fo.amount = -1;
	assert_int_equal(wf_fostering_save(head, &fo, NULL), DH_EINVAL);
}

/* --- registrations and deadlines --------------------------------------- */

static void nomination_moves_to_nominated_once(void **state)
{
	fx *f = *state;
	uint64_t id = new_candidate(f, "Đỗ Thị Mai", "nv1");
	dh_registration r = {.candidate_id = id};
	/* no description anywhere */
	dh_ctx *head = as(f, "minhdh");
	assert_int_equal(wf_nominate(head, &r, NULL), DH_EINVAL);
	assert_string_equal(head->field, "description");
	r.description = (char *)"Mô tả mô hình";
	assert_int_equal(wf_nominate(as(f, "tambv"), &r, NULL), DH_EPERM);  /* other department */
	assert_int_equal(wf_nominate(as(f, "hoantt"), &r, NULL), DH_EPERM); /* staff */
	uint64_t rid = 0;
	assert_int_equal(wf_nominate(head, &r, &rid), 0);
	assert_int_equal(stage_of(f, id), DH_STAGE_NOMINATED);
	dh_registration *s = get(f, DH_R_REGISTRATION, rid);
	assert_int_equal(s->status, DH_REG_SUBMITTED);
	assert_string_equal(s->department, "nv1");
	assert_string_equal(s->registered_by, "minhdh");
	assert_null(s->late_approved_by);
	assert_int_equal(wf_nominate(head, &r, NULL), DH_ESTAGE);
}

static void registration_deadline_and_late_override(void **state)
{
	fx *f = *state;
	uint64_t id = new_candidate(f, "Phan Văn Lộc", "nv1");
	dh_registration r = {.candidate_id = id, .description = (char *)"Mô tả"};
	dh_ctx *head = as(f, "minhdh");
	head->today = 20211015; /* the deadline day itself is still open */
	assert_int_equal(wf_check(head, DH_ACT_NOMINATE), 0);
	head->today = 20211016;
	assert_int_equal(wf_nominate(head, &r, NULL), DH_EDEADLINE);
	assert_contains(head->message, "Hạn đăng ký mô hình, điển hình tiên tiến");
	assert_contains(head->message, "15/10/2021");
	assert_contains(head->message, "Phó Chánh Thanh tra");
	r.late_reason = (char *)"Trình lại";
	assert_int_equal(wf_nominate(head, &r, NULL), DH_EDEADLINE); /* a reason is not a right */
	dh_ctx *leader = as(f, "hungnv");
	leader->today = 20211020;
	r.late_reason = NULL;
	assert_int_equal(wf_nominate(leader, &r, NULL), DH_EDEADLINE);
	assert_string_equal(leader->field, "late_reason");
	r.late_reason = (char *)"Phòng gửi chậm do đi công tác";
	uint64_t rid = 0;
	assert_int_equal(wf_nominate(leader, &r, &rid), 0);
	dh_registration *s = get(f, DH_R_REGISTRATION, rid);
	assert_string_equal(s->late_approved_by, "hungnv");
	assert_string_equal(s->late_reason, "Phòng gửi chậm do đi công tác");
	assert_int_equal(stage_of(f, id), DH_STAGE_NOMINATED);
}

static void deadline_gates_any_action_config_names(void **state)
{
	fx *f = *state;
	/* close recognition on 2021-11-30, as a stricter config might */
	for (size_t i = 0; i < f->cfg->n_deadlines; i++)
		if (strcmp(f->cfg->deadlines[i].id, "decisions") == 0)
			f->cfg->deadlines[i].closes = strdup("recognise");
	uint64_t cid = nominated(f, "Hồ Văn Tư", "nv3");
	approve(f, cid);
	dh_ctx *chief = as(f, "thuanpv");
	chief->today = 20211201;
	dh_decision d = {.number = (char *)"30/QĐ-TTr", .date = 20211201};
	assert_int_equal(idlist_push(&d.candidates, cid), 0);
	assert_int_equal(wf_recognise(chief, &d, NULL), DH_EDEADLINE);
	assert_contains(chief->message, "30/11/2021");
	chief->today = 20211130;
	assert_int_equal(wf_recognise(chief, &d, NULL), 0);
	free(d.candidates.v);
	/* and the council's votes after its session deadline */
	for (size_t i = 0; i < f->cfg->n_deadlines; i++)
		if (strcmp(f->cfg->deadlines[i].id, "council_session") == 0)
			f->cfg->deadlines[i].closes = strdup("record_votes");
	uint64_t late = nominated(f, "Người muộn", "nv3");
	uint64_t sid = new_session(f);
	attend(f, sid, N_COUNCIL);
	uint64_t item = add_item(f, sid, late);
	dh_ctx *sec = as(f, "tdkt");
	sec->today = 20211106;
	assert_int_equal(wf_vote_counts(sec, item, 11, 0, 0), DH_EDEADLINE);
	assert_contains(sec->message, "Họp Hội đồng thi đua, khen thưởng bình xét");
	sec->today = BEFORE_DEADLINE;
}

static void nil_return_and_who_has_answered(void **state)
{
	fx *f = *state;
	nominated(f, "Người nv1", "nv1");
	dh_nil_return n = {.department = (char *)"nv2"};
	assert_int_equal(wf_nil_return(as(f, "minhdh"), &n, NULL), DH_EPERM); /* not their department */
	assert_int_equal(wf_nil_return(as(f, "tambv"), &n, NULL), 0);
	assert_int_equal(wf_nil_return(as(f, "tambv"), &n, NULL), DH_EINVAL); /* once */
	n.department = (char *)"nv1";
	assert_int_equal(wf_nil_return(as(f, "minhdh"), &n, NULL), DH_EINVAL); /* nv1 has a registration */
	bool answered[16] = {0};
	assert_true(f->cfg->n_departments <= 16);
	assert_int_equal(wf_departments_answered(as(f, "tdkt"), 2021, answered), 0);
	for (size_t i = 0; i < f->cfg->n_departments; i++) {
		const char *id = f->cfg->departments[i].id;
		bool want = strcmp(id, "nv1") == 0 || strcmp(id, "nv2") == 0;
		if (answered[i] != want)
			fail_msg("department %s answered=%d", id, answered[i]);
	}
}

static void office_checks_returns_and_departments_withdraw(void **state)
{
	fx *f = *state;
	uint64_t a = new_candidate(f, "Người A", "nv1");
	uint64_t ra = nominate(f, "minhdh", a);
	assert_int_equal(wf_registration_accept(as(f, "minhdh"), ra), DH_EPERM);
	assert_int_equal(wf_registration_accept(as(f, "tdkt"), ra), 0);
	assert_int_equal(((dh_registration *)get(f, DH_R_REGISTRATION, ra))->status, DH_REG_ACCEPTED);
	assert_int_equal(wf_registration_accept(as(f, "tdkt"), ra), DH_ESTAGE);
	/* a return needs its reason */
	assert_int_equal(wf_registration_return(as(f, "tdkt"), ra, " "), DH_EINVAL);
	assert_string_equal(as(f, "tdkt")->field, "reason");
	assert_int_equal(wf_registration_return(as(f, "tdkt"), ra, "Thiếu bản mô tả"), 0);
	dh_registration *r = get(f, DH_R_REGISTRATION, ra);
	assert_int_equal(r->status, DH_REG_RETURNED);
	assert_string_equal(r->reason, "Thiếu bản mô tả");
	assert_int_equal(stage_of(f, a), DH_STAGE_FOSTERING);
	/* nominated again, then withdrawn by its own department */
	uint64_t ra2 = nominate(f, "minhdh", a);
	assert_int_equal(wf_registration_withdraw(as(f, "tambv"), ra2, NULL), DH_EPERM);
	assert_int_equal(wf_registration_withdraw(as(f, "minhdh"), ra2, NULL), 0);
	assert_int_equal(stage_of(f, a), DH_STAGE_FOSTERING);
	assert_int_equal(wf_registration_withdraw(as(f, "minhdh"), ra2, NULL), DH_ESTAGE);
}

/* --- the council session ----------------------------------------------- */

static void quorum_one_member_short_cannot_close(void **state)
{
	fx *f = *state;
	uint64_t cid = nominated(f, "Người C", "nv2");
	uint64_t sid = new_session(f);
	attend(f, sid, 7);
	uint64_t item = add_item(f, sid, cid);
	assert_int_equal(wf_vote_counts(as(f, "tdkt"), item, 7, 0, 0), 0);
	dh_ctx *sec = as(f, "tdkt");
	assert_int_equal(wf_item_close(sec, item), DH_EINVAL);
	assert_contains(sec->message, "không đủ số thành viên dự họp (7/11 < 2/3)");
	assert_int_equal(stage_of(f, cid), DH_STAGE_NOMINATED);
	assert_int_equal(wf_attendance(sec, sid, council_logins[7], DH_PRESENT), 0);
	/* 7 ballots for 8 voters now: only with the reason, for the minutes */
	assert_int_equal(wf_item_close(sec, item), DH_EINVAL);
	assert_string_equal(sec->field, "count_reason");
	assert_contains(sec->message, "7 phiếu/8 thành viên được biểu quyết: cần ghi lý do");
	assert_int_equal(wf_item_close_why(sec, item, ""), DH_EINVAL);
	assert_int_equal(wf_item_close_why(sec, item, "Thành viên đến sau khi đã phát phiếu"), 0);
	dh_vote_item *it = get(f, DH_R_VOTE_ITEM, item);
	assert_string_equal(it->count_reason, "Thành viên đến sau khi đã phát phiếu");
	assert_true(it->closed);
	assert_int_equal(it->result, DH_RESULT_PASSED);
	assert_string_equal(it->reason, "7/11 = 63,6% > 1/2 — đạt");
	assert_int_equal(stage_of(f, cid), DH_STAGE_APPROVED);
}

static void secret_vote_result_moves_the_candidate(void **state)
{
	fx *f = *state;
	uint64_t pass = nominated(f, "Người đạt", "nv1");
	uint64_t fail = nominated(f, "Người không đạt", "nv2");
	uint64_t sid = new_session(f);
	attend(f, sid, 9);
	dh_ctx *sec = as(f, "tdkt");
	/* two absent members sent written opinions: config counts them */
	assert_int_equal(wf_attendance(sec, sid, council_logins[9], DH_WRITTEN), 0);
	assert_int_equal(wf_attendance(sec, sid, council_logins[10], DH_WRITTEN), 0);
	uint64_t ip = add_item(f, sid, pass), ifl = add_item(f, sid, fail);
	assert_int_equal(wf_vote_counts(sec, ip, 12, 0, 0), DH_EINVAL); /* 11 voters at most */
	assert_contains(sec->message, "(11)");
	assert_int_equal(wf_vote_counts(sec, ip, 11, 0, 0), 0);
	/* a member's opinion turns out not to exist: 10 voters, 11 ballots */
	assert_int_equal(wf_attendance(sec, sid, council_logins[10], DH_ABSENT), 0);
	assert_int_equal(wf_item_close(sec, ip), DH_EINVAL);
	assert_contains(sec->message, "(11)");
	assert_int_equal(wf_attendance(sec, sid, council_logins[10], DH_WRITTEN), 0);
	assert_int_equal(wf_vote_counts(sec, ip, 6, 5, 0), 0);
	assert_int_equal(wf_vote_counts(sec, ifl, 5, 5, 1), 0); /* one vote short */
	assert_int_equal(wf_item_close(as(f, "hoantt"), ip), DH_EPERM);
	assert_int_equal(wf_item_close(sec, ip), 0);
	assert_int_equal(wf_item_close(sec, ifl), 0);
	assert_int_equal(stage_of(f, pass), DH_STAGE_APPROVED);
	assert_int_equal(stage_of(f, fail), DH_STAGE_NOT_APPROVED);
	dh_vote_item *a = get(f, DH_R_VOTE_ITEM, ip), *b = get(f, DH_R_VOTE_ITEM, ifl);
	assert_string_equal(a->reason, "6/11 = 54,5% > 1/2 — đạt");
	assert_string_equal(b->reason, "5/11 = 45,5% ≤ 1/2 — không đạt");
	/* a closed item is locked */
	assert_int_equal(wf_vote_counts(sec, ip, 11, 0, 0), DH_ELOCKED);
	assert_int_equal(wf_item_close(sec, ip), DH_ELOCKED);
	assert_int_equal(wf_item_recuse(sec, ip, "hailv", true), DH_ELOCKED);
	/* the proposal takes the passed ones */
	dh_idlist ok = {0};
	assert_int_equal(wf_session_approved(sec, sid, &ok), 0);
	assert_int_equal(ok.n, 1);
	assert_int_equal(ok.v[0], pass);
	free(ok.v);
	dh_proposal p = {.session_id = sid, .number = (char *)"05/TTr-HĐ"};
	uint64_t pid = 0;
	assert_int_equal(wf_proposal_save(sec, &p, &pid), 0);
	dh_proposal *sp = get(f, DH_R_PROPOSAL, pid);
	assert_int_equal(sp->candidates.n, 1);
	assert_int_equal(sp->candidates.v[0], pass);
	dh_proposal bad = {.session_id = sid};
	assert_int_equal(idlist_push(&bad.candidates, fail), 0);
	assert_int_equal(wf_proposal_save(sec, &bad, NULL), DH_ESTAGE);
	free(bad.candidates.v);
	/* the session closes once every item is closed, then locks */
	assert_int_equal(wf_session_close(sec, sid), 0);
	assert_int_equal(wf_attendance(sec, sid, council_logins[9], DH_PRESENT), DH_ELOCKED);
}

static void reopen_is_the_chairs_audited_correction(void **state)
{
	fx *f = *state;
	uint64_t cid = nominated(f, "Người D", "nv3");
	uint64_t sid = new_session(f);
	attend(f, sid, N_COUNCIL);
	uint64_t item = add_item(f, sid, cid);
	dh_ctx *sec = as(f, "tdkt"), *chair = as(f, "thuanpv");
	assert_int_equal(wf_vote_counts(sec, item, 4, 7, 0), 0);
	assert_int_equal(wf_item_close(sec, item), 0);
	assert_int_equal(stage_of(f, cid), DH_STAGE_NOT_APPROVED);
	assert_int_equal(wf_item_reopen(sec, item, "Nhập nhầm"), DH_EPERM);
	assert_string_equal(sec->message, "Chỉ Chủ tịch Hội đồng được mở lại kết quả (đính chính).");
	assert_int_equal(wf_item_reopen(chair, item, NULL), DH_EINVAL);
	assert_int_equal(wf_item_reopen(chair, item, "Nhập nhầm số phiếu"), 0);
	assert_int_equal(stage_of(f, cid), DH_STAGE_NOMINATED);
	dh_vote_item *it = get(f, DH_R_VOTE_ITEM, item);
	assert_false(it->closed);
	assert_string_equal(it->reopen_reason, "Nhập nhầm số phiếu");
	assert_int_equal(wf_vote_counts(sec, item, 7, 4, 0), 0);
	assert_int_equal(wf_item_close(sec, item), 0);
	assert_int_equal(stage_of(f, cid), DH_STAGE_APPROVED);
}

typedef struct audit_find {
	const char *action;
	int found;
	char note[128];
} audit_find;

static int audit_visit(const void *rec, void *p)
{
	const dh_audit *a = rec;
	audit_find *s = p;
	if (a->action && strcmp(a->action, s->action) == 0) {
		if (!s->found++ && a->note)
			snprintf(s->note, sizeof(s->note), "%s", a->note);
	}
	return 0;
}

static void changes_leave_their_audit_entry(void **state)
{
	fx *f = *state;
	uint64_t cid = nominated(f, "Người E", "nv1");
	assert_int_equal(wf_hold(as(f, "hungnv"), cid, true, "Đang bị xem xét đơn tố cáo"), 0);
	audit_find s = {.action = "hold"};
	assert_int_equal(repo_audit(f->st, 0, audit_visit, &s), 0);
	assert_int_equal(s.found, 1);
	assert_string_equal(s.note, "Đang bị xem xét đơn tố cáo");
	audit_find n = {.action = "nominate"};
	assert_int_equal(repo_audit(f->st, 0, audit_visit, &n), 0);
	assert_int_equal(n.found, 2); /* the registration and the candidate's stage */
}

static void self_recusal_from_the_council_list(void **state)
{
	fx *f = *state;
	f->cfg->council.method = DH_VOTE_OPEN;
	/* a council member is themselves a nominee */
	uint64_t cid = nominated(f, "Đỗ Hữu Minh", "nv1");
	uint64_t sid = new_session(f);
	attend(f, sid, 9);
	uint64_t item = add_item(f, sid, cid);
	dh_vote_item *it = get(f, DH_R_VOTE_ITEM, item);
	assert_int_equal(it->recused.n, 1);
	assert_string_equal(it->recused.v[0], "minhdh");
	dh_ctx *sec = as(f, "tdkt");
	assert_int_equal(wf_vote(sec, item, "minhdh", DH_VOTE_AGREE), DH_EINVAL);
	assert_contains(sec->message, "Đỗ Hữu Minh");
	/* absent without a written opinion: no vote */
	assert_int_equal(wf_vote(sec, item, "hailv", DH_VOTE_AGREE), DH_EINVAL);
	assert_int_equal(wf_vote(sec, item, "nobody", DH_VOTE_AGREE), DH_EINVAL);
	assert_string_equal(sec->field, "login");
	assert_int_equal(wf_vote_counts(sec, item, 5, 0, 0), DH_EINVAL); /* open vote: per member */
	/* base: 11 members less the recused one = 10; 5 agree is exactly half */
	for (int i = 0; i < 9; i++)
		if (strcmp(council_logins[i], "minhdh") != 0)
			assert_int_equal(
			    wf_vote(sec, item, council_logins[i], i < 5 ? DH_VOTE_AGREE : DH_VOTE_DISAGREE),
			    0);
	assert_int_equal(wf_item_close(sec, item), 0);
	it = get(f, DH_R_VOTE_ITEM, item);
	assert_string_equal(it->reason, "5/10 = 50,0% ≤ 1/2 — không đạt");
	assert_int_equal(stage_of(f, cid), DH_STAGE_NOT_APPROVED);
}

static void written_opinion_counts_in_an_open_vote(void **state)
{
	fx *f = *state;
	f->cfg->council.method = DH_VOTE_OPEN;
	uint64_t cid = nominated(f, "Người F", "vp");
	uint64_t sid = new_session(f);
	attend(f, sid, 8);
	dh_ctx *sec = as(f, "tdkt");
	assert_int_equal(wf_attendance(sec, sid, "quangmv", DH_WRITTEN), 0);
	uint64_t item = add_item(f, sid, cid);
	for (int i = 0; i < 5; i++)
		assert_int_equal(wf_vote(sec, item, council_logins[i], DH_VOTE_AGREE), 0);
	assert_int_equal(wf_vote(sec, item, "quangmv", DH_VOTE_AGREE), 0);
	/* 6 of 9 voters have voted: closing needs the reason */
	assert_int_equal(wf_item_close(sec, item), DH_EINVAL);
	assert_int_equal(wf_item_close_why(sec, item, "Ba thành viên về trước"), 0);
	assert_string_equal(((dh_vote_item *)get(f, DH_R_VOTE_ITEM, item))->reason,
	                    "6/11 = 54,5% > 1/2 — đạt");
}

static void written_opinion_ignored_when_config_says(void **state)
{
	fx *f = *state;
	f->cfg->council.method = DH_VOTE_OPEN;
	f->cfg->council.written_votes_count = false;
	uint64_t cid = nominated(f, "Người G", "vp");
	uint64_t sid = new_session(f);
	attend(f, sid, 8);
	dh_ctx *sec = as(f, "tdkt");
	assert_int_equal(wf_attendance(sec, sid, "quangmv", DH_WRITTEN), 0);
	uint64_t item = add_item(f, sid, cid);
	for (int i = 0; i < 5; i++)
		assert_int_equal(wf_vote(sec, item, council_logins[i], DH_VOTE_AGREE), 0);
	assert_int_equal(wf_vote(sec, item, "quangmv", DH_VOTE_AGREE), 0); /* kept for the minutes */
	assert_int_equal(wf_item_close_why(sec, item, "Ba thành viên về trước"), 0);
	assert_string_equal(((dh_vote_item *)get(f, DH_R_VOTE_ITEM, item))->reason,
	                    "5/11 = 45,5% ≤ 1/2 — không đạt");
}

static void at_least_nine_tenths_at_the_exact_threshold(void **state)
{
	fx *f = *state;
	/* a council of 10: drop the last member */
	f->cfg->council.n_members = 10;
	f->cfg->council.rule = DH_RULE_AT_LEAST;
	f->cfg->council.threshold = (dh_frac){9, 10};
	uint64_t a = nominated(f, "Người H", "nv1"), b = nominated(f, "Người I", "nv2");
	uint64_t sid = new_session(f);
	attend(f, sid, 10);
	uint64_t ia = add_item(f, sid, a), ib = add_item(f, sid, b);
	dh_ctx *sec = as(f, "tdkt");
	assert_int_equal(wf_vote_counts(sec, ia, 9, 1, 0), 0);
	assert_int_equal(wf_vote_counts(sec, ib, 8, 1, 1), 0);
	assert_int_equal(wf_item_close(sec, ia), 0);
	assert_int_equal(wf_item_close(sec, ib), 0);
	assert_int_equal(stage_of(f, a), DH_STAGE_APPROVED);
	assert_int_equal(stage_of(f, b), DH_STAGE_NOT_APPROVED);
	assert_string_equal(((dh_vote_item *)get(f, DH_R_VOTE_ITEM, ia))->reason,
	                    "9/10 = 90,0% ≥ 9/10 — đạt");
	assert_string_equal(((dh_vote_item *)get(f, DH_R_VOTE_ITEM, ib))->reason,
	                    "8/10 = 80,0% < 9/10 — không đạt");
	f->cfg->council.n_members = N_COUNCIL; /* config_free frees every member */
}

static void one_agenda_item_per_nominee(void **state)
{
	fx *f = *state;
	uint64_t cid = nominated(f, "Người J", "nv1");
	uint64_t fresh = new_candidate(f, "Người K", "nv1");
	uint64_t sid = new_session(f);
	add_item(f, sid, cid);
	dh_ctx *sec = as(f, "tdkt");
	assert_int_equal(wf_item_add(sec, sid, cid, NULL), DH_EINVAL);
	assert_int_equal(wf_item_add(sec, sid, fresh, NULL), DH_ESTAGE); /* not registered */
}

/* --- decisions --------------------------------------------------------- */

static void hold_blocks_recognition(void **state)
{
	fx *f = *state;
	uint64_t cid = nominated(f, "Người L", "nv2");
	approve(f, cid);
	assert_int_equal(wf_hold(as(f, "hungnv"), cid, true, NULL), DH_EINVAL); /* a hold needs a reason */
	assert_int_equal(wf_hold(as(f, "minhdh"), cid, true, "x"), DH_EPERM);
	assert_int_equal(wf_hold(as(f, "hungnv"), cid, true, "Đang bị kỷ luật"), 0);
	dh_decision d = {.number = (char *)"12/QĐ-TTr"};
	assert_int_equal(idlist_push(&d.candidates, cid), 0);
	dh_ctx *chief = as(f, "thuanpv");
	assert_int_equal(wf_recognise(chief, &d, NULL), DH_EHOLD);
	assert_contains(chief->message, "Đang bị kỷ luật");
	assert_false(wf_candidate_may(chief, DH_ACT_RECOGNISE, cand(f, cid)));
	assert_int_equal(stage_of(f, cid), DH_STAGE_APPROVED);
	uint64_t dec = 0;
	assert_int_equal(repo_last_id(f->st, DH_R_DECISION, &dec), 0);
	assert_int_equal(dec, 0); /* nothing half-written */
	assert_int_equal(wf_hold(as(f, "hungnv"), cid, false, "Đã xong"), 0);
	assert_true(wf_candidate_may(chief, DH_ACT_RECOGNISE, cand(f, cid)));
	assert_int_equal(wf_recognise(chief, &d, NULL), 0);
	free(d.candidates.v);
	dh_candidate *c = cand(f, cid);
	assert_int_equal(c->stage, DH_STAGE_RECOGNISED);
	assert_string_equal(c->recognised_decision, "12/QĐ-TTr");
	assert_int_equal(c->recognised_date, BEFORE_DEADLINE);
}

static void recognise_award_and_revoke_in_order(void **state)
{
	fx *f = *state;
	uint64_t cid = nominated(f, "Người M", "tcd");
	uint64_t early = new_candidate(f, "Người chưa xét", "tcd");
	approve(f, cid);
	dh_ctx *chief = as(f, "thuanpv");
	/* only approved candidates */
	dh_decision bad = {.number = (char *)"1/QĐ-TTr"};
	assert_int_equal(idlist_push(&bad.candidates, early), 0);
	assert_int_equal(wf_recognise(chief, &bad, NULL), DH_ESTAGE);
	free(bad.candidates.v);
	uint64_t rec = recognise(f, cid, "15/QĐ-TTr");
	/* the number is taken */
	uint64_t other = nominated(f, "Người N", "tcd");
	approve(f, other);
	dh_decision dup = {.number = (char *)"15/qđ-ttr"};
	assert_int_equal(idlist_push(&dup.candidates, other), 0);
	assert_int_equal(wf_recognise(chief, &dup, NULL), DH_EINVAL);
	assert_string_equal(chief->field, "number");
	free(dup.candidates.v);
	/* Giấy khen */
	dh_decision aw = {.number = (char *)"20/QĐ-TTr", .date = 20211125};
	assert_int_equal(idlist_push(&aw.candidates, cid), 0);
	uint64_t award = 0;
	assert_int_equal(wf_award(chief, &aw, &award), 0);
	free(aw.candidates.v);
	dh_candidate *c = cand(f, cid);
	assert_int_equal(c->stage, DH_STAGE_AWARDED);
	assert_string_equal(c->award_decision, "20/QĐ-TTr");
	assert_string_equal(((dh_decision *)get(f, DH_R_DECISION, award))->award_id, "giay_khen");
	/* the recognition cannot go while the award stands */
	assert_int_equal(wf_decision_revoke(chief, rec, "Sai đối tượng", 0), DH_ESTAGE);
	assert_int_equal(wf_decision_revoke(as(f, "hungnv"), award, "x", 0), DH_EPERM);
	assert_int_equal(wf_decision_revoke(chief, award, NULL, 0), DH_EINVAL);
	assert_int_equal(wf_decision_revoke(chief, award, "Sai đối tượng", 0), 0);
	assert_int_equal(stage_of(f, cid), DH_STAGE_RECOGNISED);
	assert_int_equal(wf_decision_revoke(chief, rec, "Sai đối tượng", 20211201), 0);
	c = cand(f, cid);
	assert_int_equal(c->stage, DH_STAGE_APPROVED);
	assert_null(c->recognised_decision);
	dh_decision *d = get(f, DH_R_DECISION, rec);
	assert_true(d->revoked);
	assert_string_equal(d->revoke_reason, "Sai đối tượng");
	assert_int_equal(d->revoke_date, 20211201);
	assert_int_equal(wf_decision_revoke(chief, rec, "lần nữa", 0), DH_ELOCKED);
	/* the number of a revoked decision may be used again */
	recognise(f, cid, "15/QĐ-TTr");
}

static void replication_only_for_recognised(void **state)
{
	fx *f = *state;
	uint64_t cid = nominated(f, "Người O", "nv2");
	dh_activity a = {.candidate_id = cid, .kind = DH_ACT_WEBSITE, .title = (char *)"Bài viết"};
	dh_ctx *office = as(f, "tdkt");
	assert_int_equal(wf_activity_save(office, &a, NULL), DH_EINVAL); /* the address */
	assert_string_equal(office->field, "url");
	a.url = (char *)"thanhtra.hatinh.gov.vn/bai";
	assert_int_equal(wf_activity_save(office, &a, NULL), DH_EINVAL);
	a.url = (char *)"https://thanhtra.hatinh.gov.vn/bai-viet";
	assert_int_equal(wf_activity_save(office, &a, NULL), DH_ESTAGE);
	approve(f, cid);
	recognise(f, cid, "16/QĐ-TTr");
	uint64_t id = 0;
	assert_int_equal(wf_activity_save(office, &a, &id), 0);
	assert_string_equal(((dh_activity *)get(f, DH_R_ACTIVITY, id))->url,
	                    "https://thanhtra.hatinh.gov.vn/bai-viet");
	a.kind = DH_ACT_MEETING;
	a.url = NULL;
	assert_int_equal(wf_activity_save(as(f, "minhdh"), &a, NULL), DH_EPERM); /* nv1 head, nv2 record */
	assert_int_equal(wf_activity_save(as(f, "tambv"), &a, NULL), 0);
}

/* --- corrections and deletion ------------------------------------------ */

static void correction_moves_back_with_its_reason(void **state)
{
	fx *f = *state;
	uint64_t cid = nominated(f, "Người P", "nv3");
	uint64_t sid = new_session(f);
	attend(f, sid, N_COUNCIL);
	uint64_t item = add_item(f, sid, cid);
	dh_ctx *leader = as(f, "bichlth");
	assert_int_equal(wf_correct_stage(leader, cid, DH_STAGE_NOMINATED, "x"), DH_EINVAL); /* not back */
	assert_int_equal(wf_correct_stage(leader, cid, DH_STAGE_NEW_FACTOR, ""), DH_EINVAL);
	assert_int_equal(wf_correct_stage(as(f, "tdkt"), cid, DH_STAGE_NEW_FACTOR, "x"), DH_EPERM);
	assert_int_equal(wf_correct_stage(leader, cid, DH_STAGE_NEW_FACTOR, "Đăng ký nhầm người"), 0);
	assert_int_equal(stage_of(f, cid), DH_STAGE_NEW_FACTOR);
	/* the registration is withdrawn and the agenda item goes with it */
	dh_vote_item *it = get(f, DH_R_VOTE_ITEM, item);
	assert_true(it->meta.deleted);
	assert_string_equal(it->meta.deleted_reason, "Đăng ký nhầm người");
	dh_registration *r = get(f, DH_R_REGISTRATION, 1);
	assert_int_equal(r->status, DH_REG_WITHDRAWN);
	/* it may be registered and put on an agenda again */
	nominate(f, "cuongvd", cid);
	add_item(f, sid, cid);
	/* once recognised, only a revocation takes it back */
	uint64_t other = nominated(f, "Người Q", "nv3");
	approve(f, other);
	recognise(f, other, "17/QĐ-TTr");
	assert_int_equal(wf_correct_stage(leader, other, DH_STAGE_APPROVED, "x"), DH_ESTAGE);
}

static void correction_to_nominated_reopens_the_vote(void **state)
{
	fx *f = *state;
	uint64_t cid = nominated(f, "Người U", "nv2");
	uint64_t sid = new_session(f);
	attend(f, sid, N_COUNCIL);
	uint64_t item = add_item(f, sid, cid);
	dh_ctx *sec = as(f, "tdkt");
	assert_int_equal(wf_vote_counts(sec, item, 3, 8, 0), 0);
	assert_int_equal(wf_item_close(sec, item), 0);
	assert_int_equal(stage_of(f, cid), DH_STAGE_NOT_APPROVED);
	assert_int_equal(wf_correct_stage(as(f, "hungnv"), cid, DH_STAGE_NOMINATED, "Bỏ phiếu lại"), 0);
	dh_vote_item *it = get(f, DH_R_VOTE_ITEM, item);
	assert_false(it->closed);
	assert_string_equal(it->reopen_reason, "Bỏ phiếu lại");
	assert_int_equal(wf_vote_counts(sec, item, 8, 3, 0), 0);
	assert_int_equal(wf_item_close(sec, item), 0);
	assert_int_equal(stage_of(f, cid), DH_STAGE_APPROVED);
	/* after the session is closed the correction waits for it to reopen */
	assert_int_equal(wf_session_close(sec, sid), 0);
	assert_int_equal(wf_correct_stage(as(f, "hungnv"), cid, DH_STAGE_NOMINATED, "Lần nữa"), DH_ELOCKED);
	assert_int_equal(wf_session_reopen(as(f, "thuanpv"), sid, "Đính chính"), 0);
	assert_int_equal(wf_correct_stage(as(f, "hungnv"), cid, DH_STAGE_NOMINATED, "Lần nữa"), 0);
}

static void deletion_keeps_the_record_and_its_reason(void **state)
{
	fx *f = *state;
	uint64_t cid = new_candidate(f, "Người R", "nv1");
	dh_ctx *office = as(f, "tdkt");
	assert_int_equal(wf_delete(office, DH_R_CANDIDATE, cid, NULL), DH_EINVAL);
	assert_int_equal(wf_delete(as(f, "minhdh"), DH_R_CANDIDATE, cid, "x"), DH_EPERM);
	assert_int_equal(wf_delete(office, DH_R_CANDIDATE, cid, "Nhập trùng"), 0);
	dh_candidate *c = cand(f, cid);
	assert_true(c->meta.deleted);
	assert_string_equal(c->meta.deleted_reason, "Nhập trùng");
	/* a deleted record takes no more changes */
	dh_candidate *copy = record_dup(DH_R_CANDIDATE, c);
	assert_int_equal(wf_candidate_save(office, copy, NULL), DH_ESTAGE);
	record_free(DH_R_CANDIDATE, copy);
	dh_fostering fo = {.candidate_id = cid, .description = (char *)"x"};
	assert_int_equal(wf_fostering_save(office, &fo, NULL), DH_ESTAGE);
	assert_int_equal(wf_restore(office, DH_R_CANDIDATE, cid, "Xóa nhầm"), 0);
	assert_false(cand(f, cid)->meta.deleted);
	/* a nominated candidate is withdrawn first; a decision is revoked */
	uint64_t nom = nominated(f, "Người S", "nv1");
	assert_int_equal(wf_delete(office, DH_R_CANDIDATE, nom, "x"), DH_ESTAGE);
	assert_contains(office->message, "rút đăng ký");
	assert_int_equal(wf_delete(office, DH_R_REGISTRATION, 1, "x"), DH_EINVAL);
}

/* --- the other records ------------------------------------------------- */

static void implementation_records_by_department(void **state)
{
	fx *f = *state;
	dh_dissemination d = {
	    .department = (char *)"nv2", .attendees = 12, .notes = (char *)"Quán triệt kế hoạch"};
	assert_int_equal(wf_dissemination_save(as(f, "minhdh"), &d, NULL), DH_EPERM);
	uint64_t id = 0;
	assert_int_equal(wf_dissemination_save(as(f, "tambv"), &d, &id), 0);
	dh_dissemination *s = get(f, DH_R_DISSEMINATION, id);
	assert_string_equal(s->by, "Bùi Văn Tâm");
	assert_int_equal(s->year, 2021);
	d.attendees = -3;
	assert_int_equal(wf_dissemination_save(as(f, "tambv"), &d, NULL), DH_EINVAL);
	dh_coordination co = {.department = (char *)"nv2", .notes = (char *)"Phối hợp"};
	assert_int_equal(wf_coordination_save(as(f, "tambv"), &co, NULL), 0);
	dh_review r = {.kind = DH_REVIEW_FINAL};
	assert_int_equal(wf_review_save(as(f, "tambv"), &r, NULL), DH_EPERM);
	assert_int_equal(wf_review_save(as(f, "tdkt"), &r, &id), 0);
	assert_contains(((dh_review *)get(f, DH_R_REVIEW, id))->title, "Tổng kết");
	dh_ceremony ce = {.title = (char *)"Lễ tuyên dương", .date = 20211215};
	assert_int_equal(wf_ceremony_save(as(f, "tdkt"), &ce, NULL), 0);
	ce.title = NULL;
	assert_int_equal(wf_ceremony_save(as(f, "tdkt"), &ce, NULL), DH_EINVAL);
	ce.title = (char *)"x";
	ce.date = 20210231;
	assert_int_equal(wf_ceremony_save(as(f, "tdkt"), &ce, NULL), DH_EINVAL);
	assert_string_equal(as(f, "tdkt")->field, "date");
}

static void keys_offered_follow_the_stage(void **state)
{
	fx *f = *state;
	uint64_t cid = new_candidate(f, "Người T", "nv1");
	dh_candidate *c = cand(f, cid);
	dh_ctx *head = as(f, "minhdh"), *other = as(f, "tambv");
	assert_true(wf_candidate_may(head, DH_ACT_NOMINATE, c));
	assert_false(wf_candidate_may(other, DH_ACT_NOMINATE, c));
	assert_false(wf_candidate_may(head, DH_ACT_REPLICATE, c));
	nominate(f, "minhdh", cid);
	c = cand(f, cid);
	assert_false(wf_candidate_may(head, DH_ACT_NOMINATE, c));
	assert_true(wf_candidate_may(head, DH_ACT_WITHDRAW, c));
}

/* The line of wf_todo() for action A, or NULL. */
static const dh_todo *todo_for(const dh_todo *lines, size_t n, dh_action a)
{
	for (size_t i = 0; i < n; i++)
		if (lines[i].action == a)
			return &lines[i];
	return NULL;
}

static void what_waits_for_each_role(void **state)
{
	fx *f = *state;
	dh_todo lines[16];
	size_t n = 0;
	/* nv1's head: their own department only */
	new_candidate(f, "Nhân tố nv1", "nv1");
	new_candidate(f, "Nhân tố nv2", "nv2");
	assert_int_equal(wf_todo(as(f, "minhdh"), 0, lines, 16, &n), 0);
	const dh_todo *l = todo_for(lines, n, DH_ACT_FOSTER);
	assert_non_null(l);
	assert_string_equal(l->text, "1 nhân tố mới chưa được bồi dưỡng");
	l = todo_for(lines, n, DH_ACT_NIL_RETURN);
	assert_non_null(l);
	assert_string_equal(l->text, "1 phòng chưa đăng ký hoặc báo không có (hạn 15/10/2021)");
	assert_null(todo_for(lines, n, DH_ACT_RECOGNISE));
	/* the Office sees every department, and what waits for checking */
	uint64_t cid = nominated(f, "Người V", "nv3");
	assert_int_equal(wf_todo(as(f, "tdkt"), 0, lines, 16, &n), 0);
	char want[96];
	snprintf(want, sizeof(want), "%zu phòng chưa đăng ký hoặc báo không có (hạn 15/10/2021)",
	         f->cfg->n_departments - 1);
	assert_string_equal(todo_for(lines, n, DH_ACT_NIL_RETURN)->text, want);
	assert_string_equal(todo_for(lines, n, DH_ACT_CHECK_REGISTRATION)->text,
	                    "1 hồ sơ đăng ký chờ kiểm tra");
	assert_string_equal(todo_for(lines, n, DH_ACT_MANAGE_SESSION)->text,
	                    "1 hồ sơ đã đăng ký chưa đưa ra Hội đồng bình xét");
	dh_idlist waiting = {0};
	assert_int_equal(wf_awaiting_agenda(as(f, "tdkt"), &waiting), 0);
	assert_int_equal(waiting.n, 1);
	assert_int_equal(waiting.v[0], cid);
	free(waiting.v);
	/* the Chief Inspector: what the council passed, but not who is on hold */
	approve(f, cid);
	assert_int_equal(wf_todo(as(f, "thuanpv"), 0, lines, 16, &n), 0);
	assert_string_equal(todo_for(lines, n, DH_ACT_RECOGNISE)->text,
	                    "1 hồ sơ được Hội đồng thông qua, chờ quyết định công nhận");
	assert_int_equal(wf_hold(as(f, "thuanpv"), cid, true, "Có đơn"), 0);
	assert_int_equal(wf_todo(as(f, "thuanpv"), 0, lines, 16, &n), 0);
	assert_null(todo_for(lines, n, DH_ACT_RECOGNISE));
	assert_string_equal(todo_for(lines, n, DH_ACT_HOLD)->text, "1 hồ sơ đang tạm dừng xét");
	/* staff have nothing to act on; nor does an unknown login */
	assert_int_equal(wf_todo(as(f, "lanpt"), 0, lines, 16, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(wf_todo(as(f, "nobody"), 0, lines, 16, &n), 0);
	assert_int_equal(n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(refusal_names_who_may, setup, teardown),
	    cmocka_unit_test_setup_teardown(config_overrides_the_default_roles, setup, teardown),
	    cmocka_unit_test_setup_teardown(unknown_login_may_only_look_up, setup, teardown),
	    cmocka_unit_test_setup_teardown(action_names_round_trip, setup, teardown),
	    cmocka_unit_test_setup_teardown(every_action_refused_by_role, setup, teardown),
	    cmocka_unit_test_setup_teardown(candidate_fields_are_checked_and_named, setup, teardown),
	    cmocka_unit_test_setup_teardown(candidate_is_stored_nfc_new_factor_plan_year, setup, teardown),
	    cmocka_unit_test_setup_teardown(staff_create_only_in_their_department, setup, teardown),
	    cmocka_unit_test_setup_teardown(edit_keeps_stage_and_refuses_a_stale_revision, setup, teardown),
	    cmocka_unit_test_setup_teardown(possible_duplicate_of_an_earlier_recognition_is_flagged, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(fostering_moves_a_new_factor_on, setup, teardown),
	    cmocka_unit_test_setup_teardown(nomination_moves_to_nominated_once, setup, teardown),
	    cmocka_unit_test_setup_teardown(registration_deadline_and_late_override, setup, teardown),
	    cmocka_unit_test_setup_teardown(deadline_gates_any_action_config_names, setup, teardown),
	    cmocka_unit_test_setup_teardown(nil_return_and_who_has_answered, setup, teardown),
	    cmocka_unit_test_setup_teardown(office_checks_returns_and_departments_withdraw, setup, teardown),
	    cmocka_unit_test_setup_teardown(quorum_one_member_short_cannot_close, setup, teardown),
	    cmocka_unit_test_setup_teardown(secret_vote_result_moves_the_candidate, setup, teardown),
	    cmocka_unit_test_setup_teardown(reopen_is_the_chairs_audited_correction, setup, teardown),
	    cmocka_unit_test_setup_teardown(changes_leave_their_audit_entry, setup, teardown),
	    cmocka_unit_test_setup_teardown(self_recusal_from_the_council_list, setup, teardown),
	    cmocka_unit_test_setup_teardown(written_opinion_counts_in_an_open_vote, setup, teardown),
	    cmocka_unit_test_setup_teardown(written_opinion_ignored_when_config_says, setup, teardown),
	    cmocka_unit_test_setup_teardown(at_least_nine_tenths_at_the_exact_threshold, setup, teardown),
	    cmocka_unit_test_setup_teardown(one_agenda_item_per_nominee, setup, teardown),
	    cmocka_unit_test_setup_teardown(hold_blocks_recognition, setup, teardown),
	    cmocka_unit_test_setup_teardown(recognise_award_and_revoke_in_order, setup, teardown),
	    cmocka_unit_test_setup_teardown(replication_only_for_recognised, setup, teardown),
	    cmocka_unit_test_setup_teardown(correction_moves_back_with_its_reason, setup, teardown),
	    cmocka_unit_test_setup_teardown(correction_to_nominated_reopens_the_vote, setup, teardown),
	    cmocka_unit_test_setup_teardown(deletion_keeps_the_record_and_its_reason, setup, teardown),
	    cmocka_unit_test_setup_teardown(implementation_records_by_department, setup, teardown),
	    cmocka_unit_test_setup_teardown(keys_offered_follow_the_stage, setup, teardown),
	    cmocka_unit_test_setup_teardown(what_waits_for_each_role, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
