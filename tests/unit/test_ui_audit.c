/* test_ui_audit.c — what screen 8 reads out of an audit entry: the members
 * of record_to_json()'s objects, their values as a person reads them, and
 * which fields a real change through the workflow touched. */
#include "dienhinh/config.h"
#include "dienhinh/error.h"
#include "dienhinh/record.h"
#include "dienhinh/repo.h"
#include "dienhinh/store.h"
#include "dienhinh/ui_audit.h"
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

static dh_candidate *candidate(const char *name, const char *title)
{
	dh_candidate *c = record_new(DH_R_CANDIDATE);
	assert_non_null(c);
	c->meta.id = 7;
	c->meta.rev = 1;
	c->year = 2021;
	c->name = strdup(name);
	c->title = title ? strdup(title) : NULL;
	c->department = strdup("nv1");
	c->recognised_date = 20210630;
	strlist_push(&c->criteria, "xs");
	strlist_push(&c->criteria, "sang_kien");
	return c;
}

static const ui_json_member *find(const ui_json_member *m, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (m[i].name_len == strlen(name) && memcmp(m[i].name, name, m[i].name_len) == 0)
			return &m[i];
	fail_msg("no member %s", name);
	return NULL;
}

static const char *show(const ui_json_member *m, char *buf, size_t size)
{
	return ui_json_display(m->value, m->value_len, buf, size);
}

static void test_every_field_of_a_record_is_read_back_as_typed(void **state)
{
	(void)state;
	dh_candidate *c = candidate("Nguyễn Văn \"Tư\" \\ An", "Dòng một\nDòng hai");
	char *json = record_to_json(DH_R_CANDIDATE, c);
	ui_json_member m[64];
	int n = ui_json_members(json, m, 64);
	assert_int_equal(n, (int)record_schema(DH_R_CANDIDATE)->n_fields);
	char buf[256];
	assert_string_equal(show(find(m, n, "name"), buf, sizeof(buf)), "Nguyễn Văn \"Tư\" \\ An");
	assert_string_equal(show(find(m, n, "title"), buf, sizeof(buf)), "Dòng một\nDòng hai");
	assert_string_equal(show(find(m, n, "recognised_date"), buf, sizeof(buf)), "30/06/2021");
	assert_string_equal(show(find(m, n, "award_date"), buf, sizeof(buf)), "");
	assert_string_equal(show(find(m, n, "criteria"), buf, sizeof(buf)), "xs, sang_kien");
	assert_string_equal(show(find(m, n, "year"), buf, sizeof(buf)), "2021");
	assert_string_equal(show(find(m, n, "on_hold"), buf, sizeof(buf)), "không");
	assert_string_equal(show(find(m, n, "position"), buf, sizeof(buf)), "");
	free(json);
	record_free(DH_R_CANDIDATE, c);
}

static void test_escaped_controls_never_come_back_raw(void **state)
{
	(void)state;
	char buf[64];
	const char *v = "\"a\\u0007b\\tc\\u2028d\\u0085e\\nf\"";
	ui_json_display(v, strlen(v), buf, sizeof(buf));
	/* Controls become U+FFFD, tab and line separators a space; the
	 * newline stays (a long text's paragraphs). */
	assert_string_equal(buf, "a\xef\xbf\xbd"
	                         "b c d\xef\xbf\xbd"
	                         "e\nf");
}

static void test_a_value_is_cut_at_a_letter(void **state)
{
	(void)state;
	char buf[8];
	const char *v = "\"Nguyễn\"";
	ui_json_display(v, strlen(v), buf, sizeof(buf));
	/* "Nguy" is 4 bytes, "ễ" 3 more: 7 + NUL fits; "n" does not. */
	assert_string_equal(buf, "Nguyễ");
	char tiny[6];
	ui_json_display(v, strlen(v), tiny, sizeof(tiny));
	assert_string_equal(tiny, "Nguy");
}

static void test_not_an_object_is_refused(void **state)
{
	(void)state;
	ui_json_member m[4];
	assert_int_equal(ui_json_members("[1,2]", m, 4), -1);
	assert_int_equal(ui_json_members("{\"a\":", m, 4), -1);
	assert_int_equal(ui_json_members("{\"a\":\"open", m, 4), -1);
	assert_int_equal(ui_json_members("{}", m, 4), 0);
	assert_int_equal(ui_json_members(NULL, m, 4), 0);
	assert_int_equal(ui_json_members("{ \"a\" : [\"x,]\" , 2] , \"b\":null }", m, 4), 2);
}

static void test_changes_name_what_differs_and_not_the_bookkeeping(void **state)
{
	(void)state;
	dh_candidate *a = candidate("Trần Thị Bình", "Tiếp công dân");
	dh_candidate *b = record_dup(DH_R_CANDIDATE, a);
	b->meta.rev = 2;
	b->meta.updated_at = 1700000000;
	b->meta.updated_by = strdup("thuanpv");
	b->stage = DH_STAGE_RECOGNISED;
	free(b->title);
	b->title = strdup("Tiếp công dân thường xuyên");
	char *ja = record_to_json(DH_R_CANDIDATE, a), *jb = record_to_json(DH_R_CANDIDATE, b);
	char out[200];
	assert_int_equal(ui_audit_changes(ja, jb, out, sizeof(out)), 2);
	assert_string_equal(out, "Tiêu đề / mô hình, Bước");
	/* Saved again as it was: nothing a person changed. */
	assert_int_equal(ui_audit_changes(jb, jb, out, sizeof(out)), 0);
	assert_string_equal(out, "");
	/* Created: nothing before, nothing listed as changed. */
	assert_int_equal(ui_audit_changes(NULL, jb, out, sizeof(out)), 0);
	/* A short buffer is cut, never overrun. */
	char small[8];
	assert_int_equal(ui_audit_changes(ja, jb, small, sizeof(small)), 2);
	assert_true(strlen(small) < sizeof(small));
	free(ja);
	free(jb);
	record_free(DH_R_CANDIDATE, a);
	record_free(DH_R_CANDIDATE, b);
}

static void test_field_labels_are_vietnamese(void **state)
{
	(void)state;
	assert_string_equal(ui_audit_field_label("recognised_decision"), "Số quyết định công nhận");
	assert_string_equal(ui_audit_field_label("stage"), "Bước");
	assert_string_equal(ui_audit_field_label("no_such_field"), "no_such_field");
	/* Every field of every record type has a label of its own. */
	for (int t = DH_R_CANDIDATE; t < DH_R_DRAFT; t++) {
		const dh_schema *s = record_schema(t);
		for (size_t i = 0; i < s->n_fields; i++)
			if (strcmp(ui_audit_field_label(s->fields[i].name), s->fields[i].name) == 0)
				fail_msg("%s.%s has no label", s->name, s->fields[i].name);
	}
}

typedef struct newest {
	dh_audit *a;
} newest;

static int take_newest(const void *rec, void *arg)
{
	newest *n = arg;
	n->a = record_dup(DH_R_AUDIT, rec);
	return 1;
}

/* The entry a real edit writes lists exactly the fields the edit changed. */
static void test_an_edit_through_the_workflow_lists_its_fields(void **state)
{
	(void)state;
	tmpdb *t = tmpdb_new();
	dh_config *cfg = NULL;
	dh_diag diag = {0};
	assert_int_equal(config_load("config/dienhinh.yaml", &cfg, &diag), 0);
	diag_free(&diag);
	dh_store *st = NULL;
	assert_int_equal(store_open(&st, t->db, NULL), 0);
	dh_ctx ctx;
	wf_ctx_init(&ctx, cfg, st, "thuanpv");
	ctx.today = 20210615;

	dh_candidate *c = candidate("Lê Văn Cường", NULL);
	c->meta.id = 0;
	c->meta.rev = 0;
	uint64_t id = 0;
	assert_int_equal(wf_candidate_save(&ctx, c, &id), 0);
	record_free(DH_R_CANDIDATE, c);
	void *rec = NULL;
	assert_int_equal(repo_get(st, DH_R_CANDIDATE, id, &rec), 0);
	c = rec;
	free(c->position);
	c->position = strdup("Thanh tra viên chính");
	assert_int_equal(wf_candidate_save(&ctx, c, NULL), 0);

	newest n = {0};
	assert_int_equal(repo_audit(st, 0, take_newest, &n), 0);
	assert_non_null(n.a);
	assert_string_equal(n.a->who, "thuanpv");
	assert_int_equal(n.a->target_type, DH_R_CANDIDATE);
	assert_int_equal(n.a->target_id, id);
	char out[200];
	assert_int_equal(ui_audit_changes(n.a->before, n.a->after, out, sizeof(out)), 1);
	assert_string_equal(out, "Chức vụ");

	record_free(DH_R_AUDIT, n.a);
	record_free(DH_R_CANDIDATE, c);
	store_close(st);
	config_free(cfg);
	tmpdb_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_field_of_a_record_is_read_back_as_typed),
	    cmocka_unit_test(test_escaped_controls_never_come_back_raw),
	    cmocka_unit_test(test_a_value_is_cut_at_a_letter),
	    cmocka_unit_test(test_not_an_object_is_refused),
	    cmocka_unit_test(test_changes_name_what_differs_and_not_the_bookkeeping),
	    cmocka_unit_test(test_field_labels_are_vietnamese),
	    cmocka_unit_test(test_an_edit_through_the_workflow_lists_its_fields),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
