/* test_snapshot.c — a held session is a record, not a view of today's
 * config: its tally, checks and minutes stay what they were after the
 * council, quorum and vote rule change in config; a session opened later
 * follows the new config; an old database's sessions and decisions are
 * given their rules once, with an audit entry each. Real LMDB in a
 * temporary folder, the example config and a changed copy of it. */
#include "dienhinh/config.h"
#include "dienhinh/council.h"
#include "dienhinh/error.h"
#include "dienhinh/record.h"
#include "dienhinh/report.h"
#include "dienhinh/repo.h"
#include "dienhinh/snapshot.h"
#include "dienhinh/store.h"
#include "dienhinh/verify.h"
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

#define EXAMPLE_CONFIG "config/dienhinh.yaml"
#define DAY            20211105

typedef struct fx {
	tmpdb *db;
	dh_config *cfg, *next; /* the example, and the next year's change of it */
	dh_store *st;
} fx;

/* TEXT with every FROM replaced by TO (malloc'd). */
static char *replaced(const char *text, const char *from, const char *to)
{
	size_t nf = strlen(from), nt = strlen(to), n = 0;
	for (const char *p = strstr(text, from); p; p = strstr(p + nf, from))
		n++;
	assert_true(n > 0);
	char *out = malloc(strlen(text) + n * nt + 1);
	assert_non_null(out);
	char *w = out;
	for (const char *p = text;;) {
		const char *hit = strstr(p, from);
		if (!hit) {
			strcpy(w, p);
			break;
		}
		memcpy(w, p, (size_t)(hit - p));
		w += hit - p;
		memcpy(w, to, nt);
		w += nt;
		p = hit + nf;
	}
	return out;
}

static dh_config *load_text(const char *text)
{
	dh_config *cfg = NULL;
	dh_diag diag = {0};
	int rc = config_load_buffer("next.yaml", text, strlen(text), &cfg, &diag);
	for (size_t i = 0; i < diag.n; i++)
		fprintf(stderr, "%s", diag.lines[i]);
	diag_free(&diag);
	assert_int_equal(rc, 0);
	return cfg;
}

static int setup(void **state)
{
	fx *f = calloc(1, sizeof(*f));
	assert_non_null(f);
	f->db = tmpdb_new();
	dh_diag diag = {0};
	assert_int_equal(config_load(EXAMPLE_CONFIG, &f->cfg, &diag), 0);
	diag_free(&diag);
	/* The next year: two members gone, quorum 3/4, at least 2/3 of those
	 * present, the council and the chief renamed. */
	FILE *in = fopen(EXAMPLE_CONFIG, "r");
	assert_non_null(in);
	char *text = calloc(1, 1 << 20);
	assert_non_null(text);
	size_t n = fread(text, 1, (1 << 20) - 1, in);
	fclose(in);
	text[n] = '\0';
	const char *edits[][2] = {
	    {"    - { login: minhdh,  role: member }\n", ""},
	    {"    - { login: tambv,   role: member }\n", ""},
	    {"quorum: \"2/3\"", "quorum: \"3/4\""},
	    {"approve_more_than: \"1/2\"", "approve_at_least: \"2/3\""},
	    {"of: members ", "of: present "},
	    {"name: \"Hội đồng thi đua, khen thưởng Thanh tra tỉnh\"", "name: \"Hội đồng khóa mới\""},
	    {"name: \"Phạm Văn Thuần\"", "name: \"Nguyễn Chánh Mới\""},
	};
	for (size_t i = 0; i < sizeof(edits) / sizeof(edits[0]); i++) {
		char *next = replaced(text, edits[i][0], edits[i][1]);
		free(text);
		text = next;
	}
	f->next = load_text(text);
	free(text);
	assert_int_equal(f->next->council.n_members, f->cfg->council.n_members - 2);
	assert_int_equal(repo_open(&f->st, f->db->db, NULL, "tdkt"), 0);
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

static void ctx_for(dh_ctx *ctx, fx *f, const dh_config *cfg, const char *login)
{
	wf_ctx_init(ctx, cfg, f->st, login);
	ctx->today = DAY;
}

static uint64_t nominated(fx *f, const char *name)
{
	dh_ctx ctx;
	ctx_for(&ctx, f, f->cfg, "tdkt");
	ctx.today = 20210615;
	dh_candidate c = {0};
	c.name = (char *)name;
	c.department = (char *)"nv1";
	c.title = (char *)"Mô hình tiếp công dân";
	uint64_t id = 0;
	if (wf_candidate_save(&ctx, &c, &id))
		fail_msg("create: %s", ctx.message);
	dh_registration r = {0};
	r.candidate_id = id;
	r.description = (char *)"Bản mô tả";
	if (wf_nominate(&ctx, &r, NULL))
		fail_msg("nominate: %s", ctx.message);
	return id;
}

/* The minutes of session SID as Markdown, under the context's config. */
static char *minutes(dh_ctx *ctx, uint64_t sid)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	assert_non_null(out);
	dh_report_opts o = {.session_id = sid};
	int rc = report_document(ctx, report_from_name("minutes"), &o, out);
	fclose(out);
	if (rc)
		fail_msg("minutes: %s", ctx->message);
	return buf;
}

/* The session: 9 of 11 present, one nominee passed 6–2–1, closed. */
static uint64_t held_session(fx *f, uint64_t *item_out)
{
	static const char *const present[] = {"thuanpv", "hungnv", "bichlth", "dungtq", "tdkt",
	                                      "minhdh",  "tambv",  "cuongvd", "namhv"};
	dh_ctx ctx;
	ctx_for(&ctx, f, f->cfg, "tdkt");
	uint64_t cid = nominated(f, "Nguyễn Thị Lan");
	dh_session s = {0};
	s.date = DAY;
	uint64_t sid = 0, item = 0;
	assert_int_equal(wf_session_save(&ctx, &s, &sid), 0);
	for (size_t i = 0; i < sizeof(present) / sizeof(present[0]); i++)
		assert_int_equal(wf_attendance(&ctx, sid, present[i], DH_PRESENT), 0);
	assert_int_equal(wf_item_add(&ctx, sid, cid, &item), 0);
	assert_int_equal(wf_vote_counts(&ctx, item, 6, 2, 1), 0);
	assert_int_equal(wf_item_close(&ctx, item), 0);
	assert_int_equal(wf_session_close(&ctx, sid), 0);
	if (item_out)
		*item_out = item;
	return sid;
}

static void minutes_stay_the_same_after_the_config_changes(void **state)
{
	fx *f = *state;
	uint64_t sid = held_session(f, NULL);
	dh_ctx now, later;
	ctx_for(&now, f, f->cfg, "tdkt");
	ctx_for(&later, f, f->next, "tdkt");
	char *before = minutes(&now, sid);
	char *after = minutes(&later, sid);
	assert_string_equal(before, after);
	assert_non_null(strstr(before, "Tổng số thành viên Hội đồng: **11**"));
	assert_non_null(strstr(before, "Có mặt: **9**"));
	assert_non_null(strstr(before, "| Đỗ Hữu Minh |"));
	assert_non_null(strstr(before, "(9 phiếu/9 thành viên được biểu quyết)"));
	assert_non_null(strstr(before, "≥ 2/3 tổng số thành viên"));
	assert_non_null(strstr(before, "Phạm Văn Thuần"));
	assert_null(strstr(after, "Nguyễn Chánh Mới"));
	free(before);
	free(after);
}

static void the_tally_follows_the_session_not_the_config(void **state)
{
	fx *f = *state;
	uint64_t item = 0;
	uint64_t sid = held_session(f, &item);
	dh_session *s = NULL;
	dh_vote_item *it = NULL;
	assert_int_equal(repo_get(f->st, DH_R_SESSION, sid, (void **)&s), 0);
	assert_int_equal(repo_get(f->st, DH_R_VOTE_ITEM, item, (void **)&it), 0);
	assert_true(s->rules_held);
	dh_held h;
	assert_int_equal(held_open(&h, f->next, s), 0);
	dh_tally t;
	council_tally(&h.cfg.council, s, it, &t);
	assert_int_equal(t.members, 11);
	assert_int_equal(t.present, 9);
	assert_int_equal(t.quorum_needed, 8);
	assert_int_equal(t.voters, 9);
	assert_int_equal(t.result, DH_RESULT_PASSED); /* 6/11 > 1/2 */
	assert_string_equal(h.cfg.council.name, "Hội đồng thi đua, khen thưởng Thanh tra tỉnh");
	held_close(&h);
	/* Under today's config read raw, the same counts would not pass. */
	council_tally(&f->next->council, s, it, &t);
	assert_int_equal(t.members, 9);
	record_free(DH_R_VOTE_ITEM, it);
	record_free(DH_R_SESSION, s);
}

static void a_session_opened_later_follows_the_new_config(void **state)
{
	fx *f = *state;
	dh_ctx ctx;
	ctx_for(&ctx, f, f->next, "tdkt");
	dh_session s = {0};
	s.date = 20221105;
	s.year = 2022;
	uint64_t sid = 0;
	assert_int_equal(wf_session_save(&ctx, &s, &sid), 0);
	/* A member who left is no member of this session. */
	assert_int_equal(wf_attendance(&ctx, sid, "minhdh", DH_PRESENT), DH_EINVAL);
	assert_non_null(strstr(ctx.message, "không phải thành viên Hội đồng"));
	assert_int_equal(wf_attendance(&ctx, sid, "cuongvd", DH_PRESENT), 0);
	dh_session *got = NULL;
	assert_int_equal(repo_get(f->st, DH_R_SESSION, sid, (void **)&got), 0);
	assert_int_equal(got->held_logins.n, 9);
	assert_int_equal(got->held_quorum_num, 3);
	assert_int_equal(got->held_quorum_den, 4);
	assert_int_equal(got->held_rule, DH_RULE_AT_LEAST);
	assert_int_equal(got->held_base, DH_BASE_PRESENT);
	record_free(DH_R_SESSION, got);
}

static void a_member_who_left_still_counts_in_an_open_session(void **state)
{
	fx *f = *state;
	dh_ctx ctx;
	ctx_for(&ctx, f, f->cfg, "tdkt");
	dh_session s = {0};
	s.date = DAY;
	uint64_t sid = 0;
	assert_int_equal(wf_session_save(&ctx, &s, &sid), 0);
	/* The config changes while the session is open: it keeps its council. */
	ctx_for(&ctx, f, f->next, "tdkt");
	assert_int_equal(wf_attendance(&ctx, sid, "minhdh", DH_PRESENT), 0);
}

/* A session and a decision as a program before snapshots stored them. */
static int old_records_fn(dh_repo_tx *tx, void *p)
{
	void **recs = p;
	int rc = repo_tx_put(tx, "save", NULL, DH_R_SESSION, recs[0]);
	return rc ? rc : repo_tx_put(tx, "save", NULL, DH_R_DECISION, recs[1]);
}

static int newest_action(const void *rec, void *p)
{
	const dh_audit *a = rec;
	snprintf(p, 32, "%s", a->action ? a->action : "");
	return 1;
}

static void an_old_database_is_migrated_once(void **state)
{
	fx *f = *state;
	dh_session *s = record_new(DH_R_SESSION);
	dh_decision *d = record_new(DH_R_DECISION);
	assert_non_null(s);
	assert_non_null(d);
	s->year = 2021;
	s->date = DAY;
	s->title = strdup("Phiên họp cũ");
	s->closed = true;
	assert_int_equal(strlist_push(&s->present, "thuanpv"), 0);
	d->year = 2021;
	d->type = DH_DEC_AWARD;
	d->number = strdup("12/QĐ-TTr");
	d->date = 20211130;
	d->signer = strdup("thuanpv");
	void *recs[2] = {s, d};
	assert_int_equal(repo_write(f->st, "tdkt", old_records_fn, recs), 0);
	uint64_t sid = s->meta.id, did = d->meta.id;
	record_free(DH_R_SESSION, s);
	record_free(DH_R_DECISION, d);

	uint64_t seq_before = 0, seq_after = 0, seq_again = 0;
	assert_int_equal(repo_last_id(f->st, DH_R_AUDIT, &seq_before), 0);
	int done = -1;
	assert_int_equal(snapshot_migrate(f->st, f->cfg, "tdkt", &done), 0);
	assert_int_equal(done, 2);
	assert_int_equal(repo_last_id(f->st, DH_R_AUDIT, &seq_after), 0);
	assert_int_equal(seq_after, seq_before + 2); /* an entry for each record */

	assert_int_equal(repo_get(f->st, DH_R_SESSION, sid, (void **)&s), 0);
	assert_true(s->rules_held);
	assert_int_equal(s->held_logins.n, 11);
	assert_string_equal(s->held_names.v[0], "Phạm Văn Thuần");
	assert_int_equal(s->held_quorum_num, 2);
	assert_int_equal(s->held_quorum_den, 3);
	record_free(DH_R_SESSION, s);
	assert_int_equal(repo_get(f->st, DH_R_DECISION, did, (void **)&d), 0);
	assert_true(d->rules_held);
	assert_string_equal(d->held_signer_name, "Phạm Văn Thuần");
	assert_true(d->held_signer_chief);
	assert_int_equal(d->held_basis.n, f->cfg->documents.n_basis);
	assert_string_equal(d->held_award_name, f->cfg->awards[0].name);
	record_free(DH_R_DECISION, d);

	/* The audit entry says what was done. */
	char action[32] = "";
	assert_int_equal(repo_audit(f->st, 0, newest_action, action), 0);
	assert_string_equal(action, "snapshot");

	/* Once: a later open under another config changes nothing. */
	assert_int_equal(snapshot_migrate(f->st, f->next, "tdkt", &done), 0);
	assert_int_equal(done, 0);
	assert_int_equal(repo_last_id(f->st, DH_R_AUDIT, &seq_again), 0);
	assert_int_equal(seq_again, seq_after);
	dh_verify_result v;
	assert_int_equal(verify_run(f->st, &v), 0);
	assert_string_equal(v.message, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(minutes_stay_the_same_after_the_config_changes, setup, teardown),
	    cmocka_unit_test_setup_teardown(the_tally_follows_the_session_not_the_config, setup, teardown),
	    cmocka_unit_test_setup_teardown(a_session_opened_later_follows_the_new_config, setup, teardown),
	    cmocka_unit_test_setup_teardown(a_member_who_left_still_counts_in_an_open_session, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(an_old_database_is_migrated_once, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
