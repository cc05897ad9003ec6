/* test_repo.c — records on the store: save and read back every kind, the
 * revision check, audit and links in the same transaction, restartable bulk
 * writes on a tiny map, a writer killed mid-write, several writers at once,
 * a corrupted value, a backup taken while another process writes. */
#include "dienhinh/error.h"
#include "dienhinh/repo.h"
#include "dienhinh/store.h"

#include "tmpdb.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <sys/stat.h>

#include <cmocka.h>

static int setup(void **state)
{
	*state = tmpdb_new();
	return 0;
}

static int teardown(void **state)
{
	tmpdb_free(*state);
	return 0;
}

static dh_store *open_db(const char *dir, size_t map_size)
{
	dh_store *st;
	dh_store_opts o = {.map_size = map_size};
	int rc = store_open(&st, dir, &o);
	if (rc)
		fail_msg("store_open %s: %s (%s)", dir, dh_strerror(rc), store_last_error());
	return st;
}

static dh_candidate *candidate(const char *name)
{
	dh_candidate *c = record_new(DH_R_CANDIDATE);
	c->year = 2021;
	c->kind = DH_KIND_INDIVIDUAL;
	c->name = strdup(name);
	c->department = strdup("nv1");
	c->title = strdup("Đổi mới công tác tiếp công dân");
	strlist_push(&c->criteria, "xs");
	return c;
}

static void assert_same(dh_rtype type, const void *a, const void *b)
{
	char *ja = record_to_json(type, a), *jb = record_to_json(type, b);
	assert_string_equal(ja, jb);
	free(ja);
	free(jb);
}

/* --- collecting callbacks --------------------------------------------- */

typedef struct collect {
	dh_rtype type;
	size_t n;
	uint64_t ids[8192];
	void *last; /* a copy of the last record seen */
	size_t stop_after;
} collect;

static int collect_fn(const void *rec, void *p)
{
	collect *c = p;
	if (c->n < sizeof(c->ids) / sizeof(c->ids[0]))
		c->ids[c->n] = ((const dh_meta *)rec)->id;
	c->n++;
	record_free(c->type, c->last);
	c->last = record_dup(c->type, rec);
	return c->stop_after && c->n == c->stop_after ? 1 : 0;
}

static collect *collect_new(dh_rtype type)
{
	collect *c = calloc(1, sizeof(*c));
	c->type = type;
	return c;
}

static void collect_free(collect *c)
{
	record_free(c->type, c->last);
	free(c);
}

static size_t count_of(dh_store *st, dh_rtype type)
{
	collect *c = collect_new(type);
	assert_int_equal(repo_each(st, type, collect_fn, c), 0);
	size_t n = c->n;
	collect_free(c);
	return n;
}

static size_t audit_count(dh_store *st)
{
	collect *c = collect_new(DH_R_AUDIT);
	assert_int_equal(repo_audit(st, 0, collect_fn, c), 0);
	size_t n = c->n;
	collect_free(c);
	return n;
}

/* A record of TYPE with every field set (parents point to id 1). */
static void *sample(dh_rtype type)
{
	const dh_schema *s = record_schema(type);
	void *rec = record_new(type);
	for (size_t i = DH_META_NFIELDS; i < s->n_fields; i++) {
		const dh_field *f = &s->fields[i];
		void *p = (char *)rec + f->offset;
		char text[96];
		snprintf(text, sizeof(text), "Trần Thị Hòa — %s", f->name);
		switch (f->type) {
		case DH_F_STR: *(char **)p = strdup(text); break;
		case DH_F_INT: *(int *)p = 2; break;
		case DH_F_I64: *(int64_t *)p = 1500000; break;
		case DH_F_U32: *(uint32_t *)p = 3; break;
		case DH_F_ID: *(uint64_t *)p = 1; break;
		case DH_F_DATE: *(int *)p = 20210615; break;
		case DH_F_BOOL: *(bool *)p = true; break;
		case DH_F_STRLIST: strlist_push(p, text); break;
		case DH_F_IDLIST: idlist_push(p, 1); break;
		}
	}
	return rec;
}

/* --- round trips ------------------------------------------------------- */

static void every_kind_saves_and_reads_back(void **state)
{
	tmpdb *t = *state;
	dh_store *st = open_db(t->db, 0);
	for (int type = DH_R_CANDIDATE; type < DH_R_DRAFT; type++) {
		void *rec = sample(type);
		assert_int_equal(repo_save(st, "tdkt", NULL, NULL, type, rec), 0);
		dh_meta *m = rec;
		assert_int_equal(m->id, 1);
		assert_int_equal(m->rev, 1);
		assert_string_equal(m->created_by, "tdkt");
		assert_string_equal(m->updated_by, "tdkt");
		assert_true(m->created_at > 1600000000);
		assert_int_equal(m->updated_at, m->created_at);
		void *back;
		assert_int_equal(repo_get(st, type, 1, &back), 0);
		assert_same(type, rec, back);
		record_free(type, back);

		/* An update by someone else: rev 2, creator kept. */
		assert_int_equal(repo_save(st, "thuanpv", "edit", "sửa lỗi chính tả", type, rec), 0);
		assert_int_equal(m->rev, 2);
		assert_string_equal(m->created_by, "tdkt");
		assert_string_equal(m->updated_by, "thuanpv");
		assert_int_equal(repo_get(st, type, 1, &back), 0);
		assert_same(type, rec, back);
		record_free(type, back);
		uint64_t last;
		assert_int_equal(repo_last_id(st, type, &last), 0);
		assert_int_equal(last, 1);
		record_free(type, rec);
	}
	void *none;
	assert_int_equal(repo_get(st, DH_R_CANDIDATE, 2, &none), DH_ENOTFOUND);
	assert_null(none);
	uint64_t last;
	assert_int_equal(repo_last_id(st, DH_R_CANDIDATE, &last), 0);
	assert_int_equal(last, 1);
	/* Drafts and audit entries are not saved as records. */
	dh_draft d = {.login = "tdkt"};
	assert_int_equal(repo_save(st, "tdkt", NULL, NULL, DH_R_DRAFT, &d), DH_EINVAL);
	assert_int_equal(repo_save(st, NULL, NULL, NULL, DH_R_CANDIDATE, &d), DH_EINVAL);
	store_close(st);
}

static void audit_entries_hold_who_what_before_after(void **state)
{
	tmpdb *t = *state;
	dh_store *st = open_db(t->db, 0);
	dh_candidate *c = candidate("Nguyễn Văn An");
	assert_int_equal(repo_save(st, "tdkt", NULL, NULL, DH_R_CANDIDATE, c), 0);
	free(c->name);
	c->name = strdup("Nguyễn Văn Ân");
	assert_int_equal(repo_save(st, "thuanpv", "correct", "gõ sai dấu", DH_R_CANDIDATE, c), 0);

	collect *a = collect_new(DH_R_AUDIT);
	assert_int_equal(repo_audit(st, 0, collect_fn, a), 0);
	assert_int_equal(a->n, 2);
	assert_int_equal(a->ids[0], 2); /* newest first */
	assert_int_equal(a->ids[1], 1);
	dh_audit *first = a->last;
	assert_string_equal(first->who, "tdkt");
	assert_string_equal(first->action, "save");
	assert_null(first->before);
	assert_int_equal(first->target_type, DH_R_CANDIDATE);
	assert_int_equal(first->target_id, 1);
	assert_non_null(strstr(first->after, "\"name\":\"Nguyễn Văn An\""));
	int64_t first_at = first->at;
	collect_free(a);

	a = collect_new(DH_R_AUDIT);
	a->stop_after = 1;
	assert_int_equal(repo_audit(st, 0, collect_fn, a), 0);
	dh_audit *second = a->last;
	assert_string_equal(second->who, "thuanpv");
	assert_string_equal(second->action, "correct");
	assert_string_equal(second->note, "gõ sai dấu");
	assert_non_null(strstr(second->before, "\"name\":\"Nguyễn Văn An\""));
	assert_non_null(strstr(second->before, "\"rev\":1,"));
	assert_non_null(strstr(second->after, "\"name\":\"Nguyễn Văn Ân\""));
	assert_non_null(strstr(second->after, "\"rev\":2,"));
	assert_true(second->at >= first_at);
	/* The JSON is the record's own, as record_to_json writes it. */
	char *now = record_to_json(DH_R_CANDIDATE, c);
	assert_string_equal(second->after, now);
	free(now);
	collect_free(a);

	/* From a given sequence, going back. */
	a = collect_new(DH_R_AUDIT);
	assert_int_equal(repo_audit(st, 1, collect_fn, a), 0);
	assert_int_equal(a->n, 1);
	assert_int_equal(a->ids[0], 1);
	collect_free(a);
	record_free(DH_R_CANDIDATE, c);
	store_close(st);
}

/* --- revisions --------------------------------------------------------- */

static void second_save_of_an_old_revision_is_refused(void **state)
{
	tmpdb *t = *state;
	dh_store *st = open_db(t->db, 0);
	dh_candidate *c = candidate("Lê Thị Bình");
	assert_int_equal(repo_save(st, "tdkt", NULL, NULL, DH_R_CANDIDATE, c), 0);
	record_free(DH_R_CANDIDATE, c);

	/* Two people open the same record. */
	dh_candidate *mine, *theirs;
	assert_int_equal(repo_get(st, DH_R_CANDIDATE, 1, (void **)&mine), 0);
	assert_int_equal(repo_get(st, DH_R_CANDIDATE, 1, (void **)&theirs), 0);
	free(mine->position);
	mine->position = strdup("Trưởng phòng");
	free(theirs->position);
	theirs->position = strdup("Phó Trưởng phòng");
	assert_int_equal(repo_save(st, "tdkt", NULL, NULL, DH_R_CANDIDATE, mine), 0);
	assert_int_equal(repo_save(st, "thuanpv", NULL, NULL, DH_R_CANDIDATE, theirs), DH_ECONFLICT);
	/* Their copy is as it was (they can copy their typing over), and
	 * nothing was overwritten. */
	assert_int_equal(theirs->meta.rev, 1);
	assert_string_equal(theirs->meta.updated_by, "tdkt");
	assert_string_equal(theirs->position, "Phó Trưởng phòng");
	dh_candidate *stored;
	assert_int_equal(repo_get(st, DH_R_CANDIDATE, 1, (void **)&stored), 0);
	assert_string_equal(stored->position, "Trưởng phòng");
	assert_int_equal(stored->meta.rev, 2);
	assert_int_equal(audit_count(st), 2);
	/* A save of a record that does not exist. */
	theirs->meta.id = 99;
	assert_int_equal(repo_save(st, "thuanpv", NULL, NULL, DH_R_CANDIDATE, theirs), DH_ENOTFOUND);
	record_free(DH_R_CANDIDATE, mine);
	record_free(DH_R_CANDIDATE, theirs);
	record_free(DH_R_CANDIDATE, stored);
	store_close(st);
}

typedef struct pair_args {
	dh_candidate *c;
	dh_fostering *f;
	int fail; /* return this after the puts */
} pair_args;

static int put_pair(dh_repo_tx *tx, void *p)
{
	pair_args *a = p;
	int rc = repo_tx_put(tx, "nominate", NULL, DH_R_CANDIDATE, a->c);
	if (rc)
		return rc;
	a->f->candidate_id = a->c->meta.id;
	if ((rc = repo_tx_put(tx, NULL, NULL, DH_R_FOSTERING, a->f)))
		return rc;
	return a->fail;
}

static void a_failed_write_changes_nothing_not_even_the_callers_records(void **state)
{
	tmpdb *t = *state;
	dh_store *st = open_db(t->db, 0);
	pair_args a = {candidate("Hoàng Văn Cường"), record_new(DH_R_FOSTERING), DH_ESTAGE};
	assert_int_equal(repo_write(st, "tdkt", put_pair, &a), DH_ESTAGE);
	assert_int_equal(a.c->meta.id, 0);
	assert_int_equal(a.c->meta.rev, 0);
	assert_null(a.c->meta.created_by);
	assert_null(a.c->meta.updated_by);
	assert_int_equal(a.f->meta.id, 0);
	assert_int_equal(count_of(st, DH_R_CANDIDATE), 0);
	assert_int_equal(count_of(st, DH_R_FOSTERING), 0);
	assert_int_equal(audit_count(st), 0);
	uint64_t last;
	assert_int_equal(repo_last_id(st, DH_R_CANDIDATE, &last), 0);
	assert_int_equal(last, 0); /* no id was used up */
	/* Both or none: now both. */
	a.fail = 0;
	assert_int_equal(repo_write(st, "tdkt", put_pair, &a), 0);
	assert_int_equal(a.c->meta.id, 1);
	assert_int_equal(a.f->meta.id, 1);
	assert_int_equal(a.f->candidate_id, 1);
	assert_int_equal(audit_count(st), 2);
	record_free(DH_R_CANDIDATE, a.c);
	record_free(DH_R_FOSTERING, a.f);
	store_close(st);
}

/* --- links, pages, drafts ---------------------------------------------- */

static void save_child(dh_store *st, dh_rtype type, uint64_t parent)
{
	void *rec = sample(type);
	if (type == DH_R_VOTE_ITEM)
		((dh_vote_item *)rec)->session_id = parent;
	else if (type == DH_R_FOSTERING)
		((dh_fostering *)rec)->candidate_id = parent;
	assert_int_equal(repo_save(st, "tdkt", NULL, NULL, type, rec), 0);
	record_free(type, rec);
}

static void children_follow_their_parent(void **state)
{
	tmpdb *t = *state;
	dh_store *st = open_db(t->db, 0);
	save_child(st, DH_R_FOSTERING, 1); /* 1 */
	save_child(st, DH_R_FOSTERING, 2); /* 2 */
	save_child(st, DH_R_FOSTERING, 1); /* 3 */
	save_child(st, DH_R_FOSTERING, 1); /* 4 */
	save_child(st, DH_R_VOTE_ITEM, 1);
	save_child(st, DH_R_VOTE_ITEM, 1);
	collect *c = collect_new(DH_R_FOSTERING);
	assert_int_equal(repo_children(st, DH_R_FOSTERING, 1, collect_fn, c), 0);
	assert_int_equal(c->n, 3);
	assert_int_equal(c->ids[0], 1);
	assert_int_equal(c->ids[1], 3);
	assert_int_equal(c->ids[2], 4);
	collect_free(c);
	assert_int_equal(repo_parent_of(DH_R_CANDIDATE, NULL), 0);

	/* Moved to another candidate. */
	dh_fostering *f;
	assert_int_equal(repo_get(st, DH_R_FOSTERING, 3, (void **)&f), 0);
	f->candidate_id = 2;
	assert_int_equal(repo_save(st, "tdkt", NULL, NULL, DH_R_FOSTERING, f), 0);
	record_free(DH_R_FOSTERING, f);
	c = collect_new(DH_R_FOSTERING);
	assert_int_equal(repo_children(st, DH_R_FOSTERING, 2, collect_fn, c), 0);
	assert_int_equal(c->n, 2);
	assert_int_equal(c->ids[0], 2);
	assert_int_equal(c->ids[1], 3);
	collect_free(c);
	c = collect_new(DH_R_FOSTERING);
	assert_int_equal(repo_children(st, DH_R_FOSTERING, 1, collect_fn, c), 0);
	assert_int_equal(c->n, 2);
	collect_free(c);
	c = collect_new(DH_R_VOTE_ITEM);
	assert_int_equal(repo_children(st, DH_R_VOTE_ITEM, 1, collect_fn, c), 0);
	assert_int_equal(c->n, 2);
	collect_free(c);
	store_close(st);
}

static collect *page(dh_store *st, uint64_t from, size_t limit, bool reverse)
{
	collect *c = collect_new(DH_R_CANDIDATE);
	assert_int_equal(repo_page(st, DH_R_CANDIDATE, from, limit, reverse, collect_fn, c), 0);
	return c;
}

typedef struct bulk {
	dh_candidate **recs;
	size_t n;
	int runs;
} bulk;

static bulk *bulk_new(size_t n, const char *who)
{
	bulk *b = calloc(1, sizeof(*b));
	b->recs = calloc(n, sizeof(*b->recs));
	b->n = n;
	for (size_t i = 0; i < n; i++) {
		char name[64];
		snprintf(name, sizeof(name), "%s số %zu", who, i + 1);
		b->recs[i] = candidate(name);
	}
	return b;
}

static void bulk_free(bulk *b)
{
	for (size_t i = 0; i < b->n; i++)
		record_free(DH_R_CANDIDATE, b->recs[i]);
	free(b->recs);
	free(b);
}

static int bulk_fn(dh_repo_tx *tx, void *p)
{
	bulk *b = p;
	b->runs++;
	for (size_t i = 0; i < b->n; i++) {
		int rc = repo_tx_put(tx, "import", NULL, DH_R_CANDIDATE, b->recs[i]);
		if (rc)
			return rc;
	}
	return 0;
}

static void pages_and_walks_in_id_order(void **state)
{
	tmpdb *t = *state;
	dh_store *st = open_db(t->db, 0);
	bulk *b = bulk_new(25, "Cán bộ");
	assert_int_equal(repo_write(st, "tdkt", bulk_fn, b), 0);
	save_child(st, DH_R_FOSTERING, 1); /* another type, not in the pages */
	collect *c = page(st, 10, 5, false);
	assert_int_equal(c->n, 5);
	assert_int_equal(c->ids[0], 10);
	assert_int_equal(c->ids[4], 14);
	collect_free(c);
	c = page(st, 0, 3, true);
	assert_int_equal(c->n, 3);
	assert_int_equal(c->ids[0], 25);
	assert_int_equal(c->ids[2], 23);
	collect_free(c);
	c = page(st, 10, 0, true);
	assert_int_equal(c->n, 10);
	assert_int_equal(c->ids[9], 1);
	collect_free(c);
	c = page(st, 0, 0, false);
	assert_int_equal(c->n, 25);
	collect_free(c);
	c = collect_new(DH_R_CANDIDATE);
	c->stop_after = 4;
	assert_int_equal(repo_each(st, DH_R_CANDIDATE, collect_fn, c), 0);
	assert_int_equal(c->n, 4);
	assert_string_equal(((dh_candidate *)c->last)->name, "Cán bộ số 4");
	collect_free(c);
	bulk_free(b);
	store_close(st);
}

static void drafts_are_kept_per_login(void **state)
{
	tmpdb *t = *state;
	dh_store *st = open_db(t->db, 0);
	dh_draft d = {.login = "tdkt", .form = "candidate", .target_type = DH_R_CANDIDATE, .target_id = 4,
		      .target_rev = 2};
	strlist_push(&d.fields, "name=Nguyễn Thị Hạnh");
	strlist_push(&d.fields, "position=");
	uint64_t g0, g1;
	assert_int_equal(store_generation(st, &g0), 0);
	assert_int_equal(repo_draft_put(st, &d), 0);
	assert_int_equal(store_generation(st, &g1), 0);
	assert_int_equal(g1, g0); /* other screens need not reload for it */
	dh_draft *back;
	assert_int_equal(repo_draft_get(st, "tdkt", &back), 0);
	assert_same(DH_R_DRAFT, &d, back);
	record_free(DH_R_DRAFT, back);
	assert_int_equal(repo_draft_get(st, "thuanpv", &back), DH_ENOTFOUND);
	assert_int_equal(repo_draft_del(st, "tdkt"), 0);
	assert_int_equal(repo_draft_get(st, "tdkt", &back), DH_ENOTFOUND);
	assert_int_equal(repo_draft_del(st, "tdkt"), 0);
	assert_int_equal(audit_count(st), 0);
	strlist_clear(&d.fields);
	store_close(st);
}

/* --- growth, corruption ------------------------------------------------ */

static void bulk_insert_on_a_tiny_map_grows_and_numbers_once(void **state)
{
	tmpdb *t = *state;
	dh_store *st = open_db(t->db, 64 << 10);
	bulk *b = bulk_new(3000, "Nhân tố");
	assert_int_equal(repo_write(st, "tdkt", bulk_fn, b), 0);
	assert_true(b->runs > 1); /* it did run again after growing */
	/* Each record got the id of its place, once: a re-run started from
	 * the records as given. */
	for (size_t i = 0; i < b->n; i++) {
		assert_int_equal(b->recs[i]->meta.id, i + 1);
		assert_int_equal(b->recs[i]->meta.rev, 1);
	}
	for (int i = 0; i < 200; i++) {
		dh_candidate *c = candidate("Từng người một");
		assert_int_equal(repo_save(st, "tdkt", NULL, NULL, DH_R_CANDIDATE, c), 0);
		assert_int_equal(c->meta.id, 3001 + i);
		record_free(DH_R_CANDIDATE, c);
	}
	assert_int_equal(count_of(st, DH_R_CANDIDATE), 3200);
	assert_int_equal(audit_count(st), 3200);
	dh_candidate *c;
	assert_int_equal(repo_get(st, DH_R_CANDIDATE, 2999, (void **)&c), 0);
	assert_string_equal(c->name, "Nhân tố số 2999");
	record_free(DH_R_CANDIDATE, c);
	bulk_free(b);
	store_close(st);
}

/* An import in bulk mode: new candidates and fostering entries, and a
 * correction of a candidate that was there before. */
typedef struct bulk_import {
	bulk *b;
	dh_fostering *f[2];
	dh_candidate *fix; /* kept until the write returns or runs again */
} bulk_import;

static int bulk_import_fn(dh_repo_tx *tx, void *p)
{
	bulk_import *bi = p;
	bi->b->runs++;
	record_free(DH_R_CANDIDATE, bi->fix);
	bi->fix = NULL;
	int rc = repo_bulk_begin(tx, "import", "danh-sach.csv");
	for (size_t i = 0; !rc && i < bi->b->n; i++)
		rc = repo_tx_put(tx, "import", "danh-sach.csv:2", DH_R_CANDIDATE, bi->b->recs[i]);
	for (size_t i = 0; !rc && i < 2; i++)
		rc = repo_tx_put(tx, "import", NULL, DH_R_FOSTERING, bi->f[i]);
	if (!rc) {
		/* a change to one it made: covered by the summary */
		bi->b->recs[0]->stage = DH_STAGE_FOSTERING;
		rc = repo_tx_put(tx, "foster", NULL, DH_R_CANDIDATE, bi->b->recs[0]);
	}
	if (!rc)
		rc = repo_tx_get(tx, DH_R_CANDIDATE, 1, (void **)&bi->fix);
	if (!rc) {
		free(bi->fix->name);
		bi->fix->name = strdup("Nguyễn Văn Ân");
		rc = repo_tx_put(tx, "correct", "gõ sai dấu", DH_R_CANDIDATE, bi->fix);
	}
	return rc;
}

static void a_bulk_write_sums_up_what_it_created_in_one_entry_per_type(void **state)
{
	tmpdb *t = *state;
	dh_store *st = open_db(t->db, 64 << 10);
	dh_candidate *first = candidate("Nguyễn Văn An");
	assert_int_equal(repo_save(st, "tdkt", NULL, NULL, DH_R_CANDIDATE, first), 0);
	record_free(DH_R_CANDIDATE, first);
	bulk_import bi = {.b = bulk_new(3000, "Nhân tố")};
	for (int i = 0; i < 2; i++) {
		bi.f[i] = record_new(DH_R_FOSTERING);
		bi.f[i]->candidate_id = 1;
		bi.f[i]->description = strdup("Hướng dẫn cách làm");
	}
	assert_int_equal(repo_write(st, "tdkt", bulk_import_fn, &bi), 0);
	assert_true(bi.b->runs > 1); /* the map grew and it ran again */
	assert_int_equal(bi.b->recs[0]->meta.id, 2);
	assert_int_equal(bi.b->recs[0]->meta.rev, 2);
	assert_int_equal(bi.b->recs[2999]->meta.id, 3001);
	assert_int_equal(count_of(st, DH_R_CANDIDATE), 3001);

	/* The save before, the correction with its before and after, and
	 * one entry per type created: nothing twice for the re-runs. */
	collect *a = collect_new(DH_R_AUDIT);
	assert_int_equal(repo_audit(st, 0, collect_fn, a), 0);
	assert_int_equal(a->n, 4);
	collect_free(a);
	dh_audit *e[4] = {0};
	for (uint64_t seq = 1; seq <= 4; seq++) {
		a = collect_new(DH_R_AUDIT);
		a->stop_after = 1;
		assert_int_equal(repo_audit(st, seq, collect_fn, a), 0);
		e[seq - 1] = a->last;
		a->last = NULL;
		collect_free(a);
	}
	assert_int_equal(e[0]->last_id, 0);
	assert_string_equal(e[1]->action, "correct");
	assert_int_equal(e[1]->target_id, 1);
	assert_non_null(strstr(e[1]->before, "\"name\":\"Nguyễn Văn An\""));
	assert_non_null(strstr(e[1]->after, "\"name\":\"Nguyễn Văn Ân\""));
	assert_int_equal(e[1]->last_id, 0);
	assert_string_equal(e[2]->action, "import");
	assert_string_equal(e[2]->note, "danh-sach.csv");
	assert_string_equal(e[2]->who, "tdkt");
	assert_int_equal(e[2]->target_type, DH_R_CANDIDATE);
	assert_int_equal(e[2]->target_id, 2);
	assert_int_equal(e[2]->last_id, 3001);
	assert_null(e[2]->before);
	assert_string_equal(e[2]->after, "{\"type\":\"candidate\",\"created\":3000,\"first_id\":2,\"last_id\":3001}");
	assert_int_equal(e[3]->target_type, DH_R_FOSTERING);
	assert_int_equal(e[3]->target_id, 1);
	assert_int_equal(e[3]->last_id, 2);
	for (int i = 0; i < 4; i++)
		record_free(DH_R_AUDIT, e[i]);

	uint64_t last_seq;
	assert_int_equal(repo_last_id(st, DH_R_AUDIT, &last_seq), 0);
	assert_int_equal(last_seq, 4); /* screen 8 pages back from it */
	/* Later saves are audited one by one again. */
	dh_candidate *c = candidate("Từng người một");
	assert_int_equal(repo_save(st, "thuanpv", NULL, NULL, DH_R_CANDIDATE, c), 0);
	assert_int_equal(c->meta.id, 3002);
	record_free(DH_R_CANDIDATE, c);
	assert_int_equal(audit_count(st), 5);
	record_free(DH_R_CANDIDATE, bi.fix);
	record_free(DH_R_FOSTERING, bi.f[0]);
	record_free(DH_R_FOSTERING, bi.f[1]);
	bulk_free(bi.b);
	store_close(st);
}

static int put_raw(dh_stxn *txn, void *p)
{
	(void)p;
	unsigned char k[9] = {DH_R_CANDIDATE};
	store_put_u64(k + 1, 2);
	/* A valid head, then a string that runs past the end. */
	static const unsigned char junk[] = {1, DH_R_CANDIDATE, 18, 2, 0x7f, 'N', 'g'};
	return store_put(txn, DH_T_RECORDS, k, sizeof(k), junk, sizeof(junk));
}

static void a_corrupted_value_is_refused(void **state)
{
	tmpdb *t = *state;
	dh_store *st = open_db(t->db, 0);
	for (int i = 0; i < 3; i++) {
		dh_candidate *c = candidate("Vũ Thị Dung");
		assert_int_equal(repo_save(st, "tdkt", NULL, NULL, DH_R_CANDIDATE, c), 0);
		record_free(DH_R_CANDIDATE, c);
	}
	assert_int_equal(store_write(st, put_raw, NULL), 0);
	void *rec = (void *)1;
	assert_int_equal(repo_get(st, DH_R_CANDIDATE, 2, &rec), DH_ECORRUPT);
	assert_null(rec);
	collect *c = collect_new(DH_R_CANDIDATE);
	assert_int_equal(repo_each(st, DH_R_CANDIDATE, collect_fn, c), DH_ECORRUPT);
	assert_int_equal(c->n, 1); /* the first was fine */
	collect_free(c);
	/* Saving over it is refused too, and nothing is written. */
	dh_candidate *over = candidate("Đè lên");
	over->meta.id = 2;
	over->meta.rev = 1;
	assert_int_equal(repo_save(st, "tdkt", NULL, NULL, DH_R_CANDIDATE, over), DH_ECORRUPT);
	assert_int_equal(repo_get(st, DH_R_CANDIDATE, 3, &rec), 0);
	record_free(DH_R_CANDIDATE, rec);
	record_free(DH_R_CANDIDATE, over);
	store_close(st);
}

/* --- processes --------------------------------------------------------- */

typedef struct writer {
	const char *dir;
	int who;
	int n;     /* records to write; 0 = until killed */
	bool pair; /* a candidate and its fostering entry per transaction */
} writer;

static int writer_main(void *arg, int out)
{
	writer *w = arg;
	dh_store *st;
	if (store_open(&st, w->dir, NULL))
		return 1;
	for (int i = 0; w->n == 0 ? i < 1000000 : i < w->n; i++) {
		char name[64];
		snprintf(name, sizeof(name), "Người %d-%d", w->who, i);
		pair_args a = {candidate(name), record_new(DH_R_FOSTERING), 0};
		int rc = w->pair ? repo_write(st, "tdkt", put_pair, &a)
				 : repo_save(st, "tdkt", NULL, NULL, DH_R_CANDIDATE, a.c);
		uint64_t id = a.c->meta.id;
		record_free(DH_R_CANDIDATE, a.c);
		record_free(DH_R_FOSTERING, a.f);
		if (rc)
			return 2;
		/* Reported only once it is committed. */
		if (out >= 0 && write(out, &id, sizeof(id)) != sizeof(id))
			return 3;
	}
	store_close(st);
	return 0;
}

static void a_writer_killed_mid_write_loses_nothing_committed(void **state)
{
	tmpdb *t = *state;
	store_close(open_db(t->db, 0));
	writer w = {t->db, 1, 0, true};
	int fd;
	pid_t pid = spawn(writer_main, &w, &fd);
	uint64_t ids[400];
	size_t n = 0;
	while (n < 150 && read_full(fd, &ids[n], sizeof(ids[0])) == sizeof(ids[0]))
		n++;
	kill(pid, SIGKILL);
	assert_int_equal(wait_exit(pid), 128 + SIGKILL);
	while (n < 400 && read_full(fd, &ids[n], sizeof(ids[0])) == sizeof(ids[0]))
		n++;
	close(fd);
	assert_true(n >= 150);

	dh_store *st = open_db(t->db, 0);
	for (size_t i = 0; i < n; i++) {
		void *rec;
		assert_int_equal(repo_get(st, DH_R_CANDIDATE, ids[i], &rec), 0);
		record_free(DH_R_CANDIDATE, rec);
	}
	/* Consistent: every candidate with its fostering entry and both audit
	 * entries, ids 1..N without holes. */
	size_t cands = count_of(st, DH_R_CANDIDATE);
	assert_true(cands >= n);
	assert_true(cands <= n + 1); /* the last commit may not have been told */
	assert_int_equal(count_of(st, DH_R_FOSTERING), cands);
	assert_int_equal(audit_count(st), 2 * cands);
	uint64_t last;
	assert_int_equal(repo_last_id(st, DH_R_CANDIDATE, &last), 0);
	assert_int_equal(last, cands);
	/* The write lock the child may have died holding is usable. */
	dh_candidate *c = candidate("Sau sự cố");
	assert_int_equal(repo_save(st, "tdkt", NULL, NULL, DH_R_CANDIDATE, c), 0);
	assert_int_equal(c->meta.id, cands + 1);
	record_free(DH_R_CANDIDATE, c);
	store_close(st);
}

static void several_processes_write_at_once(void **state)
{
	tmpdb *t = *state;
	enum { WRITERS = 4, EACH = 60 };
	store_close(open_db(t->db, 64 << 10)); /* small: they grow it too */
	pid_t pids[WRITERS];
	writer w[WRITERS];
	for (int i = 0; i < WRITERS; i++) {
		w[i] = (writer){t->db, i, EACH, i % 2 == 0};
		pids[i] = spawn(writer_main, &w[i], NULL);
	}
	for (int i = 0; i < WRITERS; i++)
		assert_int_equal(wait_exit(pids[i]), 0);
	dh_store *st = open_db(t->db, 0);
	collect *c = collect_new(DH_R_CANDIDATE);
	assert_int_equal(repo_each(st, DH_R_CANDIDATE, collect_fn, c), 0);
	assert_int_equal(c->n, WRITERS * EACH);
	for (size_t i = 0; i < c->n; i++)
		assert_int_equal(c->ids[i], i + 1); /* unique, no holes */
	collect_free(c);
	assert_int_equal(count_of(st, DH_R_FOSTERING), WRITERS / 2 * EACH);
	assert_int_equal(audit_count(st), WRITERS * EACH + WRITERS / 2 * EACH);
	/* Every writer's every record is there. */
	for (int i = 0; i < WRITERS; i++) {
		/* ... found by its name among all */
		size_t found = 0;
		for (uint64_t id = 1; id <= WRITERS * EACH; id++) {
			dh_candidate *r;
			assert_int_equal(repo_get(st, DH_R_CANDIDATE, id, (void **)&r), 0);
			char prefix[32];
			snprintf(prefix, sizeof(prefix), "Người %d-", i);
			found += strncmp(r->name, prefix, strlen(prefix)) == 0;
			record_free(DH_R_CANDIDATE, r);
		}
		assert_int_equal(found, EACH);
	}
	store_close(st);
}

static void another_process_commit_moves_the_generation(void **state)
{
	tmpdb *t = *state;
	dh_store *st = open_db(t->db, 0);
	uint64_t g0, g1;
	assert_int_equal(store_generation(st, &g0), 0);
	writer w = {t->db, 0, 1, false};
	assert_int_equal(wait_exit(spawn(writer_main, &w, NULL)), 0);
	assert_int_equal(store_generation(st, &g1), 0);
	assert_true(g1 > g0);
	store_close(st);
}

typedef struct compare_ctx {
	dh_store *other;
	size_t n;
} compare_ctx;

static int same_in_other(const void *rec, void *p)
{
	compare_ctx *c = p;
	const dh_meta *m = rec;
	void *there;
	assert_int_equal(repo_get(c->other, DH_R_CANDIDATE, m->id, &there), 0);
	assert_same(DH_R_CANDIDATE, rec, there);
	record_free(DH_R_CANDIDATE, there);
	c->n++;
	return 0;
}

static void backup_while_another_process_writes(void **state)
{
	tmpdb *t = *state;
	store_close(open_db(t->db, 0));
	writer w = {t->db, 7, 0, true};
	int fd;
	pid_t pid = spawn(writer_main, &w, &fd);
	uint64_t id;
	for (int i = 0; i < 30; i++)
		assert_int_equal(read_full(fd, &id, sizeof(id)), sizeof(id));
	dh_store *st = open_db(t->db, 0);
	char dest[128];
	snprintf(dest, sizeof(dest), "%s/backup", t->root);
	assert_int_equal(store_backup(st, dest), 0);
	dh_store *b = open_db(dest, 0);
	size_t in_backup = count_of(b, DH_R_CANDIDATE);
	assert_true(in_backup >= 30);
	/* The writer goes on committing past the copy's moment: the copy
	 * did not stop it. */
	do
		assert_int_equal(read_full(fd, &id, sizeof(id)), sizeof(id));
	while (id < in_backup + 30);
	kill(pid, SIGKILL);
	wait_exit(pid);
	close(fd);
	/* A consistent moment: whole transactions only. */
	assert_int_equal(count_of(b, DH_R_FOSTERING), in_backup);
	assert_int_equal(audit_count(b), 2 * in_backup);
	uint64_t last;
	assert_int_equal(repo_last_id(b, DH_R_CANDIDATE, &last), 0);
	assert_int_equal(last, in_backup);
	/* And each record as in the original. */
	compare_ctx cmp = {st, 0};
	assert_int_equal(repo_each(b, DH_R_CANDIDATE, same_in_other, &cmp), 0);
	assert_int_equal(cmp.n, in_backup);
	struct stat sb;
	assert_int_equal(stat(dest, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 02770);
	store_close(b);
	store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(every_kind_saves_and_reads_back, setup, teardown),
		cmocka_unit_test_setup_teardown(audit_entries_hold_who_what_before_after, setup, teardown),
		cmocka_unit_test_setup_teardown(second_save_of_an_old_revision_is_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(a_failed_write_changes_nothing_not_even_the_callers_records, setup,
						teardown),
		cmocka_unit_test_setup_teardown(children_follow_their_parent, setup, teardown),
		cmocka_unit_test_setup_teardown(pages_and_walks_in_id_order, setup, teardown),
		cmocka_unit_test_setup_teardown(drafts_are_kept_per_login, setup, teardown),
		cmocka_unit_test_setup_teardown(bulk_insert_on_a_tiny_map_grows_and_numbers_once, setup, teardown),
		cmocka_unit_test_setup_teardown(a_bulk_write_sums_up_what_it_created_in_one_entry_per_type, setup,
						teardown),
		cmocka_unit_test_setup_teardown(a_corrupted_value_is_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(a_writer_killed_mid_write_loses_nothing_committed, setup, teardown),
		cmocka_unit_test_setup_teardown(several_processes_write_at_once, setup, teardown),
		cmocka_unit_test_setup_teardown(another_process_commit_moves_the_generation, setup, teardown),
		cmocka_unit_test_setup_teardown(backup_while_another_process_writes, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
