/* test_counts.c — the review numbers kept as counters (counts.h) against
 * the walk of every record (stats_scan), after every change the workflow
 * makes: create, edit of department, kind, year and criteria, fostering
 * with material support, hold, registrations through their states, nil
 * returns, a council session closed with passes and failures, an item
 * reopened, a session moved to another year and deleted, decisions made
 * and revoked, replication with attendance, corrections, delete and
 * restore, an import. Then the migration of a database without counters,
 * and verify naming a counter changed behind the program's back.
 * A real LMDB in a fresh temporary folder per test. */
#include "dienhinh/config.h"
#include "dienhinh/council.h"
#include "dienhinh/counts.h"
#include "dienhinh/error.h"
#include "dienhinh/import.h"
#include "dienhinh/record.h"
#include "dienhinh/repo.h"
#include "dienhinh/stats.h"
#include "dienhinh/store.h"
#include "dienhinh/verify.h"
#include "dienhinh/workflow.h"

#include "tmpdb.h"

#include <lmdb.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#define EXAMPLE_CONFIG "config/dienhinh.yaml"
#define TODAY          20210615

static const char *const council_logins[] = {"thuanpv", "hungnv",  "bichlth", "dungtq", "tdkt",   "minhdh",
                                             "tambv",   "cuongvd", "namhv",   "hailv",  "quangmv"};
#define N_COUNCIL 11

typedef struct fx {
	tmpdb *t;
	dh_config *cfg;
	dh_store *st;
	dh_ctx ctx[8];
	size_t n_ctx;
} fx;

static int setup(void **state)
{
	fx *f = calloc(1, sizeof(*f));
	assert_non_null(f);
	f->t = tmpdb_new();
	dh_diag diag = {0};
	int rc = config_load(EXAMPLE_CONFIG, &f->cfg, &diag);
	diag_free(&diag);
	assert_int_equal(rc, 0);
	assert_int_equal(repo_open(&f->st, f->t->db, NULL, "tdkt"), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;
	if (f->st)
		store_close(f->st);
	config_free(f->cfg);
	tmpdb_free(f->t);
	free(f);
	return 0;
}

static dh_ctx *as(fx *f, const char *login)
{
	for (size_t i = 0; i < f->n_ctx; i++)
		if (strcmp(f->ctx[i].login, login) == 0)
			return &f->ctx[i];
	assert_true(f->n_ctx < sizeof(f->ctx) / sizeof(f->ctx[0]));
	dh_ctx *c = &f->ctx[f->n_ctx++];
	wf_ctx_init(c, f->cfg, f->st, login);
	c->today = TODAY;
	return c;
}

static void reopen(fx *f)
{
	store_close(f->st);
	f->st = NULL;
	assert_int_equal(repo_open(&f->st, f->t->db, NULL, "tdkt"), 0);
	for (size_t i = 0; i < f->n_ctx; i++)
		f->ctx[i].store = f->st;
}

/* Counters and the walk agree for every year the records touch, with the
 * config and without it, and verify's own comparison finds nothing. */
static void agree(fx *f, const char *after)
{
	for (int year = 2019; year <= 2022; year++) {
		for (int with_cfg = 0; with_cfg < 2; with_cfg++) {
			const dh_config *cfg = with_cfg ? f->cfg : NULL;
			dh_stats kept, walked;
			assert_int_equal(stats_compute(f->st, cfg, year, &kept), 0);
			assert_int_equal(stats_scan(f->st, cfg, year, &walked), 0);
			char diff[1024];
			int n = stats_diff(&kept, &walked, diff, sizeof(diff));
			stats_free(&kept);
			stats_free(&walked);
			if (n)
				fail_msg("after %s, year %d%s: counters and records differ: %s", after, year,
				         with_cfg ? "" : " (no config)", diff);
		}
	}
	uint64_t checked;
	char msg[512];
	int rc = counts_check(f->st, &checked, msg, sizeof(msg));
	if (rc)
		fail_msg("after %s: counts_check %d: %s", after, rc, msg);
}

/* One year's numbers (counters), freed by the caller. */
static dh_stats year_stats(fx *f, int year)
{
	dh_stats s;
	assert_int_equal(stats_compute(f->st, f->cfg, year, &s), 0);
	return s;
}

static const dh_stats_dept *row(const dh_stats *s, const char *id)
{
	for (size_t i = 0; i < s->n_depts; i++)
		if (strcmp(s->depts[i].id, id) == 0)
			return &s->depts[i];
	fail_msg("no row %s", id);
	return NULL;
}

static void *get(fx *f, dh_rtype type, uint64_t id)
{
	void *rec = NULL;
	assert_int_equal(repo_get(f->st, type, id, &rec), 0);
	return rec;
}

static void ok(dh_ctx *ctx, int rc, const char *what)
{
	if (rc)
		fail_msg("%s: %d %s", what, rc, ctx->message);
}

static uint64_t create(fx *f, const char *name, const char *dept, int kind, int year,
                       const char *const *criteria)
{
	dh_candidate c = {0};
	c.name = (char *)name;
	c.department = (char *)dept;
	c.kind = kind;
	c.year = year;
	c.title = (char *)"Mô hình tiếp công dân";
	for (size_t i = 0; criteria && criteria[i]; i++)
		assert_int_equal(strlist_push(&c.criteria, criteria[i]), 0);
	uint64_t id = 0;
	dh_ctx *ctx = as(f, "tdkt");
	if (year < ctx->cfg->plan.year) {
		/* a past year is read-only to the workflow (plan_year.h): its
		 * records come in as an import brings them */
		assert_int_equal(repo_save(f->st, "tdkt", "import", NULL, DH_R_CANDIDATE, &c), 0);
		id = c.meta.id;
		free(c.meta.created_by);
		free(c.meta.updated_by);
	} else
		ok(ctx, wf_candidate_save(ctx, &c, &id), "create");
	strlist_clear(&c.criteria);
	return id;
}

static uint64_t foster(fx *f, uint64_t cid, int date, int kind, int64_t amount)
{
	dh_fostering x = {0};
	x.candidate_id = cid;
	x.date = date;
	x.kind = kind;
	x.amount = amount;
	x.description = (char *)"Hướng dẫn hoàn thiện hồ sơ";
	uint64_t id = 0;
	dh_ctx *ctx = as(f, "tdkt");
	if (date / 10000 < ctx->cfg->plan.year) {
		assert_int_equal(repo_save(f->st, "tdkt", "import", NULL, DH_R_FOSTERING, &x), 0);
		id = x.meta.id;
		free(x.meta.created_by);
		free(x.meta.updated_by);
	} else
		ok(ctx, wf_fostering_save(ctx, &x, &id), "foster");
	return id;
}

static uint64_t nominate(fx *f, uint64_t cid)
{
	dh_registration r = {0};
	r.candidate_id = cid;
	r.description = (char *)"Bản mô tả sáng kiến";
	uint64_t id = 0;
	dh_ctx *ctx = as(f, "tdkt");
	ok(ctx, wf_nominate(ctx, &r, &id), "nominate");
	return id;
}

static uint64_t session_with(fx *f, int year)
{
	dh_session s = {0};
	s.year = year;
	uint64_t id = 0;
	dh_ctx *ctx = as(f, "tdkt");
	ok(ctx, wf_session_save(ctx, &s, &id), "session");
	for (int i = 0; i < N_COUNCIL; i++)
		ok(ctx, wf_attendance(ctx, id, council_logins[i], DH_PRESENT), "attendance");
	return id;
}

/* CID on session SID's agenda, voted AGREE of N_COUNCIL and closed. */
static uint64_t vote_on(fx *f, uint64_t sid, uint64_t cid, int agree)
{
	dh_ctx *ctx = as(f, "tdkt");
	uint64_t item = 0;
	ok(ctx, wf_item_add(ctx, sid, cid, &item), "item");
	ok(ctx, wf_vote_counts(ctx, item, agree, N_COUNCIL - agree, 0), "votes");
	ok(ctx, wf_item_close(ctx, item), "close item");
	return item;
}

static uint64_t decide(fx *f, bool award, uint64_t cid, const char *number)
{
	dh_decision d = {0};
	d.number = (char *)number;
	d.date = 20211120;
	assert_int_equal(idlist_push(&d.candidates, cid), 0);
	uint64_t id = 0;
	dh_ctx *ctx = as(f, "thuanpv");
	int rc = award ? wf_award(ctx, &d, &id) : wf_recognise(ctx, &d, &id);
	free(d.candidates.v);
	ok(ctx, rc, award ? "award" : "recognise");
	return id;
}

static void every_workflow_change_keeps_the_counters(void **state)
{
	fx *f = *state;
	dh_ctx *office = as(f, "tdkt"), *chief = as(f, "thuanpv"), *chair = as(f, "thuanpv");
	static const char *const three[] = {"xs", "pham_chat", "sang_kien", NULL};
	static const char *const two[] = {"xs", "hoc_tap", NULL};

	/* Create. */
	uint64_t an = create(f, "Nguyễn Văn An", "nv1", DH_KIND_INDIVIDUAL, 2021, three);
	uint64_t binh = create(f, "Trần Thị Bình", "nv1", DH_KIND_INDIVIDUAL, 2021, two);
	uint64_t nv2 = create(f, "Phòng Nghiệp vụ 2", "nv2", DH_KIND_COLLECTIVE, 2021, NULL);
	uint64_t model = create(f, "Mô hình một cửa", "tcd", DH_KIND_MODEL, 2020, NULL);
	uint64_t cuong = create(f, "Vũ Đức Cường", "nv3", DH_KIND_INDIVIDUAL, 2021, NULL);
	agree(f, "create");
	dh_stats s = year_stats(f, 2021);
	assert_int_equal(s.candidates, 4);
	assert_int_equal(s.meeting_new_factor_min, 1);
	assert_int_equal(row(&s, "nv1")->count[DH_KIND_INDIVIDUAL][DH_STAGE_NEW_FACTOR], 2);
	stats_free(&s);

	/* Edit: department, kind, year, criteria. */
	dh_candidate *c = get(f, DH_R_CANDIDATE, binh);
	free(c->department);
	c->department = strdup("pctn");
	strlist_push(&c->criteria, "sang_kien");
	ok(office, wf_candidate_save(office, c, NULL), "edit department");
	record_free(DH_R_CANDIDATE, c);
	c = get(f, DH_R_CANDIDATE, nv2);
	c->kind = DH_KIND_MODEL;
	c->year = 2022;
	ok(office, wf_candidate_save(office, c, NULL), "edit kind and year");
	record_free(DH_R_CANDIDATE, c);
	agree(f, "edit");
	s = year_stats(f, 2021);
	assert_int_equal(s.candidates, 3);
	assert_int_equal(s.meeting_new_factor_min, 2);
	assert_int_equal(row(&s, "pctn")->total, 1);
	stats_free(&s);

	/* Fostering: two entries for An, material support for the model
	 * of last year given this year, one dated last year. */
	uint64_t f1 = foster(f, an, 20210301, DH_FOSTER_GUIDANCE, 0);
	uint64_t f2 = foster(f, an, 20210401, DH_FOSTER_MATERIAL, 2000000);
	foster(f, model, 20210501, DH_FOSTER_MATERIAL, 1500000);
	foster(f, cuong, 20201201, DH_FOSTER_ENCOURAGEMENT, 0);
	agree(f, "fostering");
	s = year_stats(f, 2021);
	assert_int_equal(s.fostering_total, 3);
	assert_int_equal(s.fostered_candidates, 2);
	assert_int_equal(s.material_total, 3500000);
	stats_free(&s);
	/* Deleting one of An's entries keeps him fostered; both, not. */
	ok(office, wf_delete(office, DH_R_FOSTERING, f1, "Ghi nhầm"), "delete fostering");
	agree(f, "delete one fostering");
	s = year_stats(f, 2021);
	assert_int_equal(s.fostered_candidates, 2);
	stats_free(&s);
	ok(office, wf_delete(office, DH_R_FOSTERING, f2, "Ghi nhầm"), "delete fostering");
	agree(f, "delete both fosterings");
	s = year_stats(f, 2021);
	assert_int_equal(s.fostered_candidates, 1);
	assert_int_equal(s.material_total, 1500000);
	stats_free(&s);
	ok(office, wf_restore(office, DH_R_FOSTERING, f2, NULL), "restore fostering");
	agree(f, "restore fostering");

	/* Hold and release. */
	ok(chief, wf_hold(chief, cuong, true, "Đang xác minh đơn"), "hold");
	agree(f, "hold");
	s = year_stats(f, 2021);
	assert_int_equal(s.on_hold, 1);
	assert_int_equal(row(&s, "nv3")->on_hold, 1);
	stats_free(&s);
	ok(chief, wf_hold(chief, cuong, false, "Đã xác minh xong: không vi phạm"), "release");
	agree(f, "release");

	/* Registrations: submitted, accepted, returned, withdrawn; a nil
	 * return, deleted again. */
	uint64_t r_an = nominate(f, an);
	uint64_t r_binh = nominate(f, binh);
	uint64_t r_cuong = nominate(f, cuong);
	agree(f, "nominate");
	s = year_stats(f, 2021);
	assert_int_equal(s.registrations[DH_REG_SUBMITTED], 3);
	assert_int_equal(s.registrations_unchecked, 3);
	stats_free(&s);
	ok(office, wf_registration_accept(office, r_an), "accept");
	ok(office, wf_registration_return(office, r_binh, "Thiếu bản mô tả"), "return");
	ok(office, wf_registration_withdraw(office, r_cuong, "Phòng rút"), "withdraw");
	agree(f, "registration states");
	s = year_stats(f, 2021);
	assert_int_equal(s.registrations[DH_REG_ACCEPTED], 1);
	assert_int_equal(s.registrations_unchecked, 0);
	assert_int_equal(row(&s, "nv1")->registrations, 1);
	assert_int_equal(row(&s, "pctn")->registrations, 0);
	stats_free(&s);
	dh_nil_return nr = {.department = (char *)"gs"};
	uint64_t nil = 0;
	ok(office, wf_nil_return(office, &nr, &nil), "nil return");
	agree(f, "nil return");
	s = year_stats(f, 2021);
	assert_int_equal(s.nil_returns, 1);
	assert_int_equal(s.departments_answered, 2);
	stats_free(&s);
	ok(office, wf_delete(office, DH_R_NIL_RETURN, nil, "Phòng đã có người"), "delete nil return");
	agree(f, "delete nil return");

	/* The council: An passes, Bình (nominated again) fails; Bình's item
	 * is reopened and closed again; the session closes. */
	nominate(f, binh);
	uint64_t sid = session_with(f, 2021);
	vote_on(f, sid, an, N_COUNCIL);
	uint64_t item_binh = vote_on(f, sid, binh, 2);
	agree(f, "items closed");
	s = year_stats(f, 2021);
	assert_int_equal(s.sessions, 1);
	assert_int_equal(s.items_passed, 1);
	assert_int_equal(s.items_failed, 1);
	stats_free(&s);
	ok(chair, wf_item_reopen(chair, item_binh, "Nhập nhầm số phiếu"), "reopen item");
	agree(f, "item reopened");
	ok(office, wf_vote_counts(office, item_binh, N_COUNCIL, 0, 0), "votes again");
	ok(office, wf_item_close(office, item_binh), "close again");
	ok(office, wf_session_close(office, sid), "close session");
	agree(f, "session closed");
	s = year_stats(f, 2021);
	assert_int_equal(s.items_passed, 2);
	assert_int_equal(s.items_failed, 0);
	stats_free(&s);

	/* A session moved to another year carries its items' results; one
	 * deleted takes them away (through the repo: the workflow keeps a
	 * closed session as it is). */
	dh_session *se = get(f, DH_R_SESSION, sid);
	se->year = 2020;
	assert_int_equal(repo_save(f->st, "tdkt", "edit", NULL, DH_R_SESSION, se), 0);
	agree(f, "session moved to 2020");
	s = year_stats(f, 2020);
	assert_int_equal(s.items_passed, 2);
	stats_free(&s);
	se->meta.deleted = true;
	assert_int_equal(repo_save(f->st, "tdkt", "delete", NULL, DH_R_SESSION, se), 0);
	agree(f, "session deleted");
	se->meta.deleted = false;
	se->year = 2021;
	assert_int_equal(repo_save(f->st, "tdkt", "restore", NULL, DH_R_SESSION, se), 0);
	record_free(DH_R_SESSION, se);
	agree(f, "session restored");
	/* An open session without closed items, deleted by the workflow. */
	uint64_t empty = session_with(f, 2021);
	ok(office, wf_delete(office, DH_R_SESSION, empty, "Lập nhầm"), "delete session");
	agree(f, "empty session deleted");

	/* Decisions: recognition, award, both revoked in turn. */
	uint64_t rec = decide(f, false, an, "15/QĐ-TTr");
	agree(f, "recognise");
	uint64_t aw = decide(f, true, an, "20/QĐ-TTr");
	agree(f, "award");
	s = year_stats(f, 2021);
	assert_int_equal(s.recognition_decisions, 1);
	assert_int_equal(s.award_decisions, 1);
	assert_int_equal(s.by_stage[DH_STAGE_AWARDED], 1);
	stats_free(&s);

	/* Replication with attendance, one activity deleted. */
	dh_activity a = {0};
	a.candidate_id = an;
	a.kind = DH_ACT_MEETING;
	a.date = 20211201;
	a.title = (char *)"Trao đổi kinh nghiệm";
	a.attendees = 40;
	uint64_t act = 0;
	ok(office, wf_activity_save(office, &a, &act), "activity");
	a.attendees = 25;
	a.date = 20211210;
	ok(office, wf_activity_save(office, &a, NULL), "second activity");
	agree(f, "activities");
	s = year_stats(f, 2021);
	assert_int_equal(s.activities_total, 2);
	assert_int_equal(s.activity_attendees, 65);
	stats_free(&s);
	ok(office, wf_delete(office, DH_R_ACTIVITY, act, "Trùng"), "delete activity");
	agree(f, "activity deleted");

	ok(chief, wf_decision_revoke(chief, aw, "Sai đối tượng", 0), "revoke award");
	agree(f, "award revoked");
	ok(chief, wf_decision_revoke(chief, rec, "Sai đối tượng", 0), "revoke recognition");
	agree(f, "recognition revoked");
	s = year_stats(f, 2021);
	assert_int_equal(s.recognition_decisions, 0);
	assert_int_equal(s.by_stage[DH_STAGE_APPROVED], 2);
	stats_free(&s);

	/* A correction, a delete and a restore. */
	dh_ctx *leader = as(f, "hungnv");
	ok(leader, wf_correct_stage(leader, cuong, DH_STAGE_NEW_FACTOR, "Chưa có ghi nhận bồi dưỡng năm nay"),
	   "correct");
	agree(f, "correction");
	ok(office, wf_delete(office, DH_R_CANDIDATE, cuong, "Chuyển công tác"), "delete candidate");
	agree(f, "candidate deleted");
	s = year_stats(f, 2021);
	assert_int_equal(row(&s, "nv3")->total, 0);
	stats_free(&s);
	ok(office, wf_restore(office, DH_R_CANDIDATE, cuong, NULL), "restore candidate");
	agree(f, "candidate restored");

	/* An import: one write, many records. */
	static const char csv[] = "year,kind,name,department,stage\n"
	                          "2021,individual,Nguyễn Thị Hoa,nv1,fostering\n"
	                          "2021,collective,Phòng Nghiệp vụ 3,nv3,\n"
	                          "2020,model,Tiếp dân trực tuyến,tcd,recognised\n"
	                          "2022,individual,Lê Văn Tám,gs,\n";
	dh_import_result res;
	ok(office, import_csv(office, "list.csv", csv, sizeof(csv) - 1, stderr, &res), "import");
	assert_int_equal(res.written, 4);
	agree(f, "import");

	/* The same numbers after the store is opened again. */
	reopen(f);
	agree(f, "reopen");
	/* A config with another minimum reads the same counters. */
	f->cfg->criteria.new_factor_min = 2;
	agree(f, "another new_factor_min");
	s = year_stats(f, 2021);
	assert_int_equal(s.meeting_new_factor_min, 2);
	stats_free(&s);
	(void)model;
}

/* Records the workflow would not write (a department config does not
 * know, one with a very long id, odd kinds): the counters still agree. */
static void records_the_workflow_would_refuse_still_agree(void **state)
{
	fx *f = *state;
	char long_dept[600];
	memset(long_dept, 'x', sizeof(long_dept) - 1);
	long_dept[sizeof(long_dept) - 1] = '\0';
	memcpy(long_dept + 398, "ờ", strlen("ờ")); /* a character across the cut */
	const char *depts[] = {"oldx", long_dept, NULL, "", "nv1"};
	for (size_t i = 0; i < sizeof(depts) / sizeof(depts[0]); i++) {
		dh_candidate *c = record_new(DH_R_CANDIDATE);
		c->year = 2021;
		c->kind = (int)(i % 4); /* 3: no kind */
		c->stage = (int)i;
		c->name = strdup("Nguyễn Văn An");
		c->department = depts[i] ? strdup(depts[i]) : NULL;
		c->on_hold = i % 2;
		strlist_push(&c->criteria, "xs");
		strlist_push(&c->criteria, "xs");
		strlist_push(&c->criteria, "không_có");
		assert_int_equal(repo_save(f->st, "tdkt", "save", NULL, DH_R_CANDIDATE, c), 0);
		record_free(DH_R_CANDIDATE, c);
		dh_registration *r = record_new(DH_R_REGISTRATION);
		r->year = 2021;
		r->department = depts[i] ? strdup(depts[i]) : NULL;
		r->status = (int)(i % 5); /* 4: no status */
		r->complete = i == 0;     /* submitted, yet checked */
		assert_int_equal(repo_save(f->st, "tdkt", "save", NULL, DH_R_REGISTRATION, r), 0);
		record_free(DH_R_REGISTRATION, r);
	}
	/* A vote item whose session comes after it. */
	dh_vote_item *it = record_new(DH_R_VOTE_ITEM);
	it->session_id = 1;
	it->closed = true;
	it->result = DH_RESULT_FAILED;
	assert_int_equal(repo_save(f->st, "tdkt", "save", NULL, DH_R_VOTE_ITEM, it), 0);
	record_free(DH_R_VOTE_ITEM, it);
	agree(f, "an item without its session");
	dh_session *se = record_new(DH_R_SESSION);
	se->year = 2021;
	assert_int_equal(repo_save(f->st, "tdkt", "save", NULL, DH_R_SESSION, se), 0);
	record_free(DH_R_SESSION, se);
	agree(f, "odd records");
	dh_stats s = year_stats(f, 2021);
	assert_int_equal(s.items_failed, 1);
	/* Config's departments in order, then the others by id. */
	assert_string_equal(s.depts[f->cfg->n_departments].id, "");
	assert_string_equal(s.depts[s.n_depts - 2].id, "oldx");
	assert_int_equal(strlen(s.depts[s.n_depts - 1].id), 398); /* cut before the "ờ" */
	stats_free(&s);
}

/* --- raw LMDB, as someone with write access to data.mdb ------------------ */

typedef struct raw {
	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi dbi;
} raw;

static void raw_begin(raw *r, const char *dir, const char *table)
{
	assert_int_equal(mdb_env_create(&r->env), 0);
	assert_int_equal(mdb_env_set_maxdbs(r->env, 16), 0);
	assert_int_equal(mdb_env_set_mapsize(r->env, (size_t)64 << 20), 0);
	assert_int_equal(mdb_env_open(r->env, dir, MDB_NOTLS, 0660), 0);
	assert_int_equal(mdb_txn_begin(r->env, NULL, 0, &r->txn), 0);
	assert_int_equal(mdb_dbi_open(r->txn, table, 0, &r->dbi), 0);
}

static void raw_end(raw *r)
{
	assert_int_equal(mdb_txn_commit(r->txn), 0);
	mdb_env_close(r->env);
}

/* The counter of 2021, nv1, individual, new_factor. */
static size_t nv1_key(unsigned char *k)
{
	k[0] = 'y';
	uint32_t y = 2021u + 0x80000000u;
	k[1] = (unsigned char)(y >> 24);
	k[2] = (unsigned char)(y >> 16);
	k[3] = (unsigned char)(y >> 8);
	k[4] = (unsigned char)y;
	k[5] = 'c';
	k[6] = DH_KIND_INDIVIDUAL;
	k[7] = DH_STAGE_NEW_FACTOR;
	memcpy(k + 8, "nv1", 3);
	return 11;
}

static void verify_names_a_changed_counter(void **state)
{
	fx *f = *state;
	create(f, "Nguyễn Văn An", "nv1", DH_KIND_INDIVIDUAL, 2021, NULL);
	create(f, "Trần Văn Ba", "nv1", DH_KIND_INDIVIDUAL, 2021, NULL);
	agree(f, "two candidates");
	store_close(f->st);
	f->st = NULL;

	/* 2 made 3. */
	unsigned char k[16], three[8];
	size_t klen = nv1_key(k);
	store_put_u64(three, 3);
	raw r;
	raw_begin(&r, f->t->db, "counts");
	MDB_val mk = {klen, k}, mv = {8, three};
	assert_int_equal(mdb_put(r.txn, r.dbi, &mk, &mv, 0), 0);
	raw_end(&r);
	dh_store_opts ro = {.read_only = true};
	assert_int_equal(store_open(&f->st, f->t->db, &ro), 0);
	dh_verify_result res;
	assert_int_equal(verify_run(f->st, &res), DH_ECORRUPT);
	assert_string_equal(res.message,
	                    "Số đếm «hồ sơ năm 2021 của phòng nv1, Cá nhân, Nhân tố mới» là 3 nhưng "
	                    "đếm lại từ hồ sơ được 2");
	store_close(f->st);
	f->st = NULL;

	/* Gone, and another one besides. */
	raw_begin(&r, f->t->db, "counts");
	assert_int_equal(mdb_del(r.txn, r.dbi, &mk, NULL), 0);
	k[7] = DH_STAGE_AWARDED;
	mv = (MDB_val){8, three};
	assert_int_equal(mdb_put(r.txn, r.dbi, &mk, &mv, 0), 0);
	raw_end(&r);
	assert_int_equal(store_open(&f->st, f->t->db, &ro), 0);
	assert_int_equal(verify_run(f->st, &res), DH_ECORRUPT);
	assert_non_null(strstr(res.message, "Đã khen thưởng» là 3 nhưng đếm lại từ hồ sơ được 0"));
	assert_non_null(strstr(res.message, "(và 1 số đếm khác cũng không khớp)"));
}

static int take_newest(const void *rec, void *ctx)
{
	*(dh_audit **)ctx = record_dup(DH_R_AUDIT, rec);
	return 1;
}

/* A database of schema 2 (no counters): opened for writing, its counters
 * are made from its records, with an audit entry of their own; read-only,
 * the numbers come from the walk. */
static void an_older_database_gets_its_counters(void **state)
{
	fx *f = *state;
	create(f, "Nguyễn Văn An", "nv1", DH_KIND_INDIVIDUAL, 2021, NULL);
	uint64_t b = create(f, "Trần Văn Ba", "tcd", DH_KIND_MODEL, 2021, NULL);
	foster(f, b, 20210301, DH_FOSTER_MATERIAL, 500000);
	dh_stats before = year_stats(f, 2021);
	store_close(f->st);
	f->st = NULL;

	/* What schema 2 left: no counters table content, "schema" 2. */
	raw r;
	raw_begin(&r, f->t->db, "counts");
	assert_int_equal(mdb_drop(r.txn, r.dbi, 0), 0);
	MDB_dbi meta;
	assert_int_equal(mdb_dbi_open(r.txn, "meta", 0, &meta), 0);
	unsigned char two[8];
	store_put_u64(two, 2);
	MDB_val mk = {6, "schema"}, mv = {8, two};
	assert_int_equal(mdb_put(r.txn, meta, &mk, &mv, 0), 0);
	raw_end(&r);

	dh_store_opts ro = {.read_only = true};
	assert_int_equal(store_open(&f->st, f->t->db, &ro), 0);
	assert_int_equal(store_schema(f->st), 2);
	dh_stats walked;
	assert_int_equal(stats_compute(f->st, f->cfg, 2021, &walked), 0);
	char diff[512];
	assert_int_equal(stats_diff(&before, &walked, diff, sizeof(diff)), 0);
	stats_free(&walked);
	store_close(f->st);

	assert_int_equal(repo_open(&f->st, f->t->db, NULL, "hungnv"), 0);
	assert_int_equal(store_schema(f->st), DH_SCHEMA_VERSION);
	uint64_t seq;
	assert_int_equal(repo_last_id(f->st, DH_R_AUDIT, &seq), 0);
	/* The newest entry is the migration's. */
	dh_audit *a = NULL;
	assert_int_equal(repo_audit(f->st, 0, take_newest, &a), 0);
	assert_non_null(a);
	assert_string_equal(a->action, DH_AUDIT_COUNTS_ACTION);
	assert_string_equal(a->who, "hungnv");
	assert_int_equal(a->meta.id, seq);
	assert_non_null(strstr(a->note, "bản ghi"));
	record_free(DH_R_AUDIT, a);
	dh_stats kept = year_stats(f, 2021);
	assert_int_equal(stats_diff(&before, &kept, diff, sizeof(diff)), 0);
	assert_int_equal(kept.fostered_candidates, 1);
	stats_free(&kept);
	stats_free(&before);
	agree(f, "migration");
	dh_verify_result res;
	int rc = verify_run(f->st, &res);
	if (rc)
		fail_msg("verify: %s", res.message);
	assert_true(res.counters > 0);
}

/* The provincial aim is counted by stage, so that a later year's overview
 * can count an earlier year's models followed toward provincial level
 * without a walk: on when the candidate aims there, off when it stops,
 * and the walk agrees. */
static void the_provincial_aim_is_counted_by_stage(void **state)
{
	fx *f = *state;
	uint64_t id = create(f, "Mô hình tiếp dân", "tcd", DH_KIND_MODEL, 2021, NULL);
	dh_stats s = year_stats(f, 2021);
	assert_int_equal(s.provincial[DH_STAGE_NEW_FACTOR], 0);
	stats_free(&s);
	dh_ctx *ctx = as(f, "tdkt");
	void *rec = NULL;
	assert_int_equal(repo_get(f->st, DH_R_CANDIDATE, id, &rec), 0);
	dh_candidate *c = rec;
	c->aims_provincial = true;
	uint64_t same = 0;
	ok(ctx, wf_candidate_save(ctx, c, &same), "aim at provincial level");
	record_free(DH_R_CANDIDATE, c);
	s = year_stats(f, 2021);
	assert_int_equal(s.provincial[DH_STAGE_NEW_FACTOR], 1);
	assert_int_equal(s.by_stage[DH_STAGE_NEW_FACTOR], 1);
	stats_free(&s);
	agree(f, "provincial aim on");
	assert_int_equal(repo_get(f->st, DH_R_CANDIDATE, id, &rec), 0);
	c = rec;
	c->aims_provincial = false;
	ok(ctx, wf_candidate_save(ctx, c, &same), "no longer aim at provincial level");
	record_free(DH_R_CANDIDATE, c);
	s = year_stats(f, 2021);
	assert_int_equal(s.provincial[DH_STAGE_NEW_FACTOR], 0);
	stats_free(&s);
	agree(f, "provincial aim off");
	/* An earlier year's awarded model aiming at provincial level, as an
	 * import brings it: counted at its stage, the last one. */
	dh_candidate old = {.name = (char *)"Mô hình năm trước",
	                    .department = (char *)"nv1",
	                    .kind = DH_KIND_MODEL,
	                    .year = 2020,
	                    .stage = DH_STAGE_AWARDED,
	                    .aims_provincial = true};
	assert_int_equal(repo_save(f->st, "tdkt", "import", NULL, DH_R_CANDIDATE, &old), 0);
	free(old.meta.created_by);
	free(old.meta.updated_by);
	s = year_stats(f, 2020);
	assert_int_equal(s.provincial[DH_STAGE_AWARDED], 1);
	assert_int_equal(s.by_stage[DH_STAGE_AWARDED], 1);
	stats_free(&s);
	agree(f, "an earlier year's awarded model");
	dh_verify_result res;
	int rc = verify_run(f->st, &res);
	if (rc)
		fail_msg("verify: %s", res.message);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(every_workflow_change_keeps_the_counters, setup, teardown),
	    cmocka_unit_test_setup_teardown(records_the_workflow_would_refuse_still_agree, setup, teardown),
	    cmocka_unit_test_setup_teardown(verify_names_a_changed_counter, setup, teardown),
	    cmocka_unit_test_setup_teardown(an_older_database_gets_its_counters, setup, teardown),
	    cmocka_unit_test_setup_teardown(the_provincial_aim_is_counted_by_stage, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
