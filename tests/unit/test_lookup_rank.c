/* test_lookup_rank.c — best match first (issue 16): on a generated office
 * of names like the issue's, queries whose best answers are known find
 * them first, however new the looser matches are. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "dienhinh/config.h"
#include "dienhinh/error.h"
#include "dienhinh/fold.h"
#include "dienhinh/lookup.h"
#include "dienhinh/record.h"
#include "dienhinh/repo.h"
#include "dienhinh/store.h"

enum { MAX_RECORDS = 4096 };

typedef struct fixture {
	char dir[64];
	dh_store *st;
	dh_config cfg;
	dh_department depts[2];
	/* what was saved, by id */
	char *names[MAX_RECORDS];
	char *decisions[MAX_RECORDS];
	int years[MAX_RECORDS];
} fixture;

static const char *const given[] = {"An",  "Bình", "Cường", "Dũng", "Hùng",
                                    "Lan", "Mai",  "Nam",   "Tuấn", "Hoa"};
static const char *const middle[] = {"Thái", "Đức", "Minh", "Quang", "Hữu", "Thanh"};

static dh_candidate *candidate(int year, const char *name, const char *decision)
{
	dh_candidate *c = record_new(DH_R_CANDIDATE);
	c->year = year;
	c->kind = DH_KIND_INDIVIDUAL;
	c->name = strdup(name);
	c->position = strdup("Chuyên viên");
	c->title = strdup("Hoàn thành xuất sắc nhiệm vụ");
	c->department = strdup(year % 2 ? "vp" : "nv");
	c->stage = decision ? DH_STAGE_RECOGNISED : DH_STAGE_NOMINATED;
	c->recognised_decision = decision ? strdup(decision) : NULL;
	return c;
}

static void add(fixture *f, int year, const char *name, const char *decision)
{
	dh_candidate *c = candidate(year, name, decision);
	assert_int_equal(repo_save(f->st, "tdkt", "save", NULL, DH_R_CANDIDATE, c), 0);
	assert_true(c->meta.id < MAX_RECORDS);
	f->names[c->meta.id] = strdup(name);
	f->decisions[c->meta.id] = decision ? strdup(decision) : NULL;
	f->years[c->meta.id] = year;
	record_free(DH_R_CANDIDATE, c);
}

/* The office: the looser matches are always the newer ones, so that a
 * newest-first order would put them on top. */
static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	strcpy(f->dir, "/tmp/dh-rank-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	assert_int_equal(repo_open(&f->st, f->dir, NULL, "tdkt"), 0);
	f->depts[0] = (dh_department){.id = "vp", .name = "Văn phòng"};
	f->depts[1] = (dh_department){.id = "nv", .name = "Phòng Nghiệp vụ"};
	f->cfg.departments = f->depts;
	f->cfg.n_departments = 2;
	*state = f;
	char name[96], decision[32];
	/* 34 "Nguyễn Văn …", old */
	for (int i = 0; i < 34; i++) {
		snprintf(name, sizeof name, "Nguyễn Văn %s", given[i % 10]);
		snprintf(decision, sizeof decision, "%d/QĐ-TTr", 100 + i);
		add(f, 2012 + i % 4, name, decision);
	}
	/* "Trần Thị …", old */
	for (int i = 0; i < 12; i++) {
		snprintf(name, sizeof name, "Trần Thị %s", given[i % 10]);
		add(f, 2013, name, NULL);
	}
	add(f, 2014, "Lý Giang Ngọc", NULL);
	add(f, 2015, "Nguyễn Văn An", "20/QĐ-TTr");
	add(f, 2016, "Phạm Thị Hoa", "20/QĐ-TTr");
	add(f, 2016, "Đỗ Minh Tuấn", "020/QĐ-TTr");
	/* and many newer, looser ones */
	for (int y = 2017; y <= 2024; y++) {
		for (int i = 0; i < 6; i++) {
			snprintf(name, sizeof name, "Nguyễn %s Vân", middle[(y + i) % 6]);
			add(f, y, name, NULL);
			snprintf(name, sizeof name, "Nguyễn %s %s", middle[i], given[(y + i) % 10]);
			add(f, y, name, NULL);
			snprintf(name, sizeof name, "Trần Ngọc Thi %s", given[i]);
			add(f, y, i % 2 ? "Trần Ngọc Thi" : name, NULL);
		}
		add(f, y, "PHAN VÂN NGUYÊN", NULL);
		add(f, y, "Nguyễn Văn An Khang", NULL);
		add(f, y, "Lý Ngọc Giang", NULL);
		snprintf(decision, sizeof decision, "%d/QĐ-TTr", y % 10);
		add(f, y, "Hoàng Quang Hải", decision); /* 2/QĐ-TTr in 2022 */
		add(f, y, "Trương Công Văn", "2/QĐ-TTr");
		add(f, y, "Võ Văn Nguyên Chương", NULL);
	}
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	store_close(f->st);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	assert_int_equal(system(cmd), 0);
	for (size_t i = 0; i < MAX_RECORDS; i++) {
		free(f->names[i]);
		free(f->decisions[i]);
	}
	free(f);
	return 0;
}

static dh_hit *search(fixture *f, const char *query, size_t limit, size_t *n)
{
	dh_lookup_opts opts = {.cfg = &f->cfg, .limit = limit};
	dh_hit *hits;
	assert_int_equal(lookup_search(f->st, query, &opts, &hits, n), 0);
	return hits;
}

/* Whether NAME starts with PREFIX (bytes). */
static bool starts(const char *name, const char *prefix)
{
	return strncmp(name, prefix, strlen(prefix)) == 0;
}

/* The first WANT hits of QUERY are those that GOOD says are best, and
 * none of them comes later; the same with a screen's limit. */
static void check_best_first(fixture *f, const char *query, bool (*good)(const fixture *, uint64_t),
                             size_t want)
{
	size_t n;
	dh_hit *hits = search(f, query, 0, &n);
	size_t total = 0;
	for (uint64_t id = 1; id < MAX_RECORDS; id++)
		total += f->names[id] && good(f, id);
	if (total != want)
		fail_msg("%s: %zu records are best, the test meant %zu", query, total, want);
	for (size_t i = 0; i < n; i++) {
		bool best = good(f, hits[i].id);
		if (i < want && !best)
			fail_msg("%s: hit %zu is “%s” (%d), not one of the best", query, i,
			         f->names[hits[i].id], f->years[hits[i].id]);
		if (i >= want && best)
			fail_msg("%s: hit %zu is “%s”, one of the best, after a lesser one", query, i,
			         f->names[hits[i].id]);
	}
	assert_true(n >= want);
	/* a screen's first few are the same */
	size_t m;
	dh_hit *first = search(f, query, 10, &m);
	assert_int_equal(m, n < 10 ? n : 10);
	for (size_t i = 0; i < m; i++)
		assert_int_equal(first[i].id, hits[i].id);
	free(first);
	free(hits);
}

static bool nguyen_van(const fixture *f, uint64_t id)
{
	return starts(f->names[id], "Nguyễn Văn ");
}

static void test_nguyen_van_together_first(void **state)
{
	fixture *f = *state;
	/* 34 + the one of 20/QĐ-TTr + 8 "Nguyễn Văn An Khang" */
	check_best_first(f, "nguyen van", nguyen_van, 34 + 1 + 8);
	check_best_first(f, "Nguyễn Văn", nguyen_van, 34 + 1 + 8);
	/* then in order with gaps (Nguyễn Thái Vân) before scattered
	 * (PHAN VÂN NGUYÊN) */
	size_t n;
	dh_hit *hits = search(f, "nguyen van", 0, &n);
	size_t last_in_order = 0, first_scattered = n;
	for (size_t i = 0; i < n; i++) {
		const char *name = f->names[hits[i].id];
		if (starts(name, "Nguyễn ") && strstr(name, " Vân"))
			last_in_order = i;
		if (starts(name, "PHAN") && first_scattered == n)
			first_scattered = i;
	}
	assert_true(last_in_order < first_scattered);
	assert_true(first_scattered < n);
	free(hits);
}

static bool tran_thi(const fixture *f, uint64_t id)
{
	return starts(f->names[id], "Trần Thị ");
}

static void test_tran_thi_before_tran_ngoc_thi(void **state)
{
	fixture *f = *state;
	check_best_first(f, "tran thi", tran_thi, 12);
	check_best_first(f, "Trần Thị", tran_thi, 12);
}

static bool thi_exact(const fixture *f, uint64_t id)
{
	return strstr(f->names[id], " Thi") && !strstr(f->names[id], " Thị");
}

/* The same marks typed before other tones: "thi" is Thi before Thị. */
static void test_marks_typed_come_first(void **state)
{
	fixture *f = *state;
	check_best_first(f, "thi", thi_exact, 8 * 6);
	size_t n;
	dh_hit *hits = search(f, "thị", 0, &n);
	assert_int_equal(n, 12 + 1); /* Trần Thị …, Phạm Thị Hoa */
	free(hits);
}

static bool ly_giang_ngoc(const fixture *f, uint64_t id)
{
	return strcmp(f->names[id], "Lý Giang Ngọc") == 0;
}

static bool nguyen_van_an(const fixture *f, uint64_t id)
{
	return strcmp(f->names[id], "Nguyễn Văn An") == 0;
}

/* A whole name typed in full before the names it only starts or mixes. */
static void test_a_name_typed_in_full_comes_first(void **state)
{
	fixture *f = *state;
	check_best_first(f, "ly giang ngoc", ly_giang_ngoc, 1);
	check_best_first(f, "Lý Giang Ngọc", ly_giang_ngoc, 1);
	/* 4 of the 34, and the one of 20/QĐ-TTr; "Nguyễn Văn An Khang" after */
	check_best_first(f, "nguyen van an", nguyen_van_an, 5);
	size_t n;
	dh_hit *hits = search(f, "nguyen van an", 0, &n);
	assert_true(n > 5);
	assert_string_equal(f->names[hits[5].id], "Nguyễn Văn An Khang");
	free(hits);
}

static bool decision_20(const fixture *f, uint64_t id)
{
	return f->decisions[id] && decision_number_same(f->decisions[id], "20/QĐ-TTr");
}

/* A document number is one token: 20/QĐ-TTr (and 020/QĐ-TTr) before the
 * 2/QĐ-TTr of 2017–2024, whose year merely starts with 20. */
static void test_a_decision_number_as_one_token(void **state)
{
	fixture *f = *state;
	check_best_first(f, "20/QĐ-TTr", decision_20, 3);
	check_best_first(f, "20/qd", decision_20, 3);
	check_best_first(f, "020/QĐ-TTr", decision_20, 3);
	size_t n;
	dh_hit *hits = search(f, "2/QĐ-TTr", 0, &n);
	assert_true(n >= 9);
	for (size_t i = 0; i < 9; i++) /* 8 Trương Công Văn, 1 Hoàng Quang Hải */
		assert_true(decision_number_same(f->decisions[hits[i].id], "2/QĐ-TTr"));
	free(hits);
}

/* Equal matches: the newest year first, then the newest record. */
static void test_ties_newest_first(void **state)
{
	fixture *f = *state;
	size_t n;
	dh_hit *hits = search(f, "ly ngoc giang", 0, &n);
	assert_int_equal(n, 8 + 1);
	for (size_t i = 0; i < 8; i++) {
		assert_string_equal(f->names[hits[i].id], "Lý Ngọc Giang");
		assert_int_equal(f->years[hits[i].id], 2024 - (int)i);
	}
	assert_string_equal(f->names[hits[8].id], "Lý Giang Ngọc");
	free(hits);
}

/* The tier is kept in the index: rebuilt from the records, it answers
 * the same. */
static int rebuild_fn(dh_stxn *txn, void *ctx)
{
	(void)ctx;
	return lookup_rebuild(txn);
}

static void test_rebuilt_index_ranks_the_same(void **state)
{
	fixture *f = *state;
	assert_int_equal(store_write(f->st, rebuild_fn, NULL), 0);
	check_best_first(f, "nguyen van", nguyen_van, 43);
	check_best_first(f, "tran thi", tran_thi, 12);
	check_best_first(f, "20/QĐ-TTr", decision_20, 3);
}

/* --- an index written by an older program ------------------------------- */

typedef struct old_chunks {
	unsigned char *key[8192], *val[8192];
	size_t klen[8192], vlen[8192], n;
} old_chunks;

static int collect_chunk(const void *key, size_t klen, const void *val, size_t vlen, void *ctx)
{
	old_chunks *o = ctx;
	assert_true(o->n < 8192);
	o->key[o->n] = malloc(klen);
	o->val[o->n] = malloc(vlen);
	memcpy(o->key[o->n], key, klen);
	memcpy(o->val[o->n], val, vlen);
	o->klen[o->n] = klen;
	o->vlen[o->n++] = vlen;
	return 0;
}

static const unsigned char *varint(const unsigned char *p, const unsigned char *end)
{
	while (p < end && (*p & 0x80))
		p++;
	return p + 1;
}

/* The postings as an older program wrote them: the stage alone in each
 * entry's byte (src/core/lookup.c: varint span, then varint delta and
 * the byte per entry), and no format mark. */
static int make_old_fn(dh_stxn *txn, void *ctx)
{
	old_chunks *o = ctx;
	const unsigned char p = 'p';
	int rc = store_scan(txn, DH_T_WORDS, &p, 1, NULL, 0, false, collect_chunk, o);
	for (size_t i = 0; !rc && i < o->n; i++) {
		unsigned char *v = o->val[i], *end = v + o->vlen[i];
		for (const unsigned char *q = varint(v, end); q < end;) {
			q = varint(q, end);
			v[q - v] &= 15;
			q++;
		}
		rc = store_put(txn, DH_T_WORDS, o->key[i], o->klen[i], o->val[i], o->vlen[i]);
	}
	if (!rc)
		rc = store_del(txn, DH_T_WORDS, "v", 1);
	return rc;
}

static const char *first_name(fixture *f, const char *query)
{
	size_t n;
	dh_hit *hits = search(f, query, 0, &n);
	assert_true(n > 0);
	const char *name = f->names[hits[0].id];
	free(hits);
	return name;
}

static void test_an_older_index_is_rebuilt_at_open(void **state)
{
	fixture *f = *state;
	static old_chunks o;
	o.n = 0;
	assert_int_equal(store_write(f->st, make_old_fn, &o), 0);
	for (size_t i = 0; i < o.n; i++) {
		free(o.key[i]);
		free(o.val[i]);
	}
	/* still found, ranked as if every word stood apart: newest first */
	assert_string_equal(first_name(f, "ly giang ngoc"), "Lý Ngọc Giang");
	store_close(f->st);
	/* opened by the program: the postings are made again */
	assert_int_equal(repo_open(&f->st, f->dir, NULL, "tdkt"), 0);
	assert_string_equal(first_name(f, "ly giang ngoc"), "Lý Giang Ngọc");
	check_best_first(f, "tran thi", tran_thi, 12);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_nguyen_van_together_first, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_tran_thi_before_tran_ngoc_thi, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_marks_typed_come_first, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_a_name_typed_in_full_comes_first, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_a_decision_number_as_one_token, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_ties_newest_first, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_rebuilt_index_ranks_the_same, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_an_older_index_is_rebuilt_at_open, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
