/* test_lookup.c — the lookup index and engine on a real LMDB in a temporary
 * folder: the semantics of DESIGN.md §7 through repo_save, the ranking, the
 * recognised-only filter, and an index that stays right through edits,
 * stage changes and deletions (checked against a plain scan). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <utf8proc.h>

#include "dienhinh/config.h"
#include "dienhinh/error.h"
#include "dienhinh/fold.h"
#include "dienhinh/lookup.h"
#include "dienhinh/record.h"
#include "dienhinh/repo.h"
#include "dienhinh/store.h"

typedef struct fixture {
	char dir[64];
	dh_store *st;
	dh_config cfg;
	dh_department depts[3];
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	strcpy(f->dir, "/tmp/dh-lookup-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	assert_int_equal(store_open(&f->st, f->dir, NULL), 0);
	f->depts[0] = (dh_department){.id = "vp", .name = "Văn phòng"};
	f->depts[1] =
	    (dh_department){.id = "p1", .name = "Phòng Thanh tra, giải quyết khiếu nại, tố cáo khu vực 1"};
	f->depts[2] = (dh_department){.id = "ttr", .name = "Phòng Nghiệp vụ"};
	f->cfg.departments = f->depts;
	f->cfg.n_departments = 3;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	store_close(f->st);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	assert_int_equal(system(cmd), 0);
	free(f);
	return 0;
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* A new candidate, saved. */
static uint64_t add(fixture *f, int year, const char *name, const char *title, const char *dept, int stage)
{
	dh_candidate *c = record_new(DH_R_CANDIDATE);
	c->year = year;
	c->kind = title ? DH_KIND_MODEL : DH_KIND_INDIVIDUAL;
	c->name = strdup(name);
	c->title = dup_or_null(title);
	c->department = strdup(dept);
	c->stage = stage;
	assert_int_equal(repo_save(f->st, "tdkt", "save", NULL, DH_R_CANDIDATE, c), 0);
	uint64_t id = c->meta.id;
	record_free(DH_R_CANDIDATE, c);
	return id;
}

/* Hits of QUERY as "id,id,…" in rank order. */
static char *search(fixture *f, const char *query, bool recognised_only)
{
	dh_lookup_opts opts = {.recognised_only = recognised_only, .cfg = &f->cfg};
	dh_hit *hits;
	size_t n;
	assert_int_equal(lookup_search(f->st, query, &opts, &hits, &n), 0);
	static char buf[4096];
	buf[0] = '\0';
	for (size_t i = 0; i < n && strlen(buf) < sizeof buf - 32; i++)
		snprintf(buf + strlen(buf), 32, "%s%llu", i ? "," : "", (unsigned long long)hits[i].id);
	free(hits);
	return buf;
}

static void test_semantics_table(void **state)
{
	fixture *f = *state;
	const int R = DH_STAGE_RECOGNISED;
	/* ids 1..8 */
	add(f, 2021, "Nguyễn Văn An", NULL, "vp", R);
	add(f, 2021, "Đặng Thị Hòa", NULL, "p1", R);
	add(f, 2021, "Dương Vân Anh", NULL, "p1", R);
	add(f, 2020, "Trần Thủy Tiên", NULL, "ttr", R);
	add(f, 2020, "Lê Văn Hoà", NULL, "vp", R);
	add(f, 2019, "Nguyên Đăng Khoa", NULL, "ttr", R);
	add(f, 2021, "Phòng Nghiệp vụ", "Tiếp công dân thường xuyên, đúng quy trình", "ttr", R);
	add(f, 2018, "Nguyen Van Binh", NULL, "p1", R);
	static const struct {
		const char *query, *ids; /* expected ids, as a sorted set */
	} cases[] = {
	    {"nguyen", "1,6,8"},
	    {"nguyê", "1,6"},
	    {"Nguyễn", "1"},
	    {"nguye\xcc\x82\xcc\x83n", "1"}, /* NFD */
	    {"NGUYỄN VĂN", "1"},
	    {"nguyen van", "1,8"},
	    {"van nguyen", "1,8"},
	    {"văn", "1,5"},
	    {"vân", "3"},
	    {"van", "1,3,5,8"},
	    {"d", "2,3,6,7"}, /* 7: "dân", "đúng" in its title */
	    {"đ", "2,6,7"},
	    {"dang", "2,6"},
	    {"đặng", "2"},
	    {"hoà", "2,5"},
	    {"hòa", "2,5"},
	    {"hoa", "2,5"},
	    {"hoá", ""},
	    {"thuỷ", "4"},
	    {"thủy tiên", "4"},
	    {"thu", "4,7"}, /* 7: "thường" */
	    {"tiếp công", "7"},
	    {"tiep cong dan", "7"},
	    {"cong dan tiep", "7"},
	    {"tiep an", ""},
	    {"an", "1,3"},
	    {"2021", "1,2,3,7"},
	    {"2020 van", "5"},
	    {"  ,  ", ""},
	    {"", ""},
	    {"xyz", ""},
	    {"nguyen xyz", ""},
	    /* department names come from config */
	    {"văn phòng", "1,5"},
	    {"khieu nai an", "3"},
	    {"nghiep vu", "4,6,7"},
	    {"phong", "1,2,3,4,5,6,7,8"},
	    {"vp", ""}, /* ids are not words */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = search(f, cases[i].query, false);
		/* compare as sets: sort the ids */
		uint64_t v[64];
		size_t n = 0;
		for (char *p = got; *p; p++) {
			v[n++] = strtoull(p, &p, 10);
			if (!*p)
				break;
		}
		for (size_t a = 1; a < n; a++)
			for (size_t b = a; b > 0 && v[b - 1] > v[b]; b--) {
				uint64_t t = v[b];
				v[b] = v[b - 1];
				v[b - 1] = t;
			}
		char sorted[512] = "";
		for (size_t a = 0; a < n; a++)
			snprintf(sorted + strlen(sorted), 32, "%s%llu", a ? "," : "",
			         (unsigned long long)v[a]);
		if (strcmp(sorted, cases[i].ids) != 0)
			fail_msg("query \"%s\": got {%s}, expected {%s}", cases[i].query, sorted,
			         cases[i].ids);
	}
}

static void test_records_without_a_year_are_found_last(void **state)
{
	fixture *f = *state;
	uint64_t none = add(f, 0, "Lâm Vĩnh Phúc", NULL, "zz", DH_STAGE_RECOGNISED);
	uint64_t old = add(f, 1990, "Lâm Phúc", NULL, "zz", DH_STAGE_RECOGNISED);
	char expect[64];
	snprintf(expect, sizeof expect, "%llu,%llu", (unsigned long long)old, (unsigned long long)none);
	assert_string_equal(search(f, "lam phuc", false), expect);
	snprintf(expect, sizeof expect, "%llu", (unsigned long long)none);
	assert_string_equal(search(f, "vinh", true), expect);
	snprintf(expect, sizeof expect, "%llu", (unsigned long long)old);
	assert_string_equal(search(f, "1990 lam", false), expect);
	assert_string_equal(search(f, "lâm 199", false), expect);
}

static void test_rank_field_then_exact_then_year(void **state)
{
	fixture *f = *state;
	const int R = DH_STAGE_RECOGNISED;
	uint64_t loose_old = add(f, 2019, "Nguyễn Thị Mai", NULL, "vp", R);
	uint64_t exact_old = add(f, 2019, "Nguyen Thi Lan", NULL, "vp", R);
	uint64_t loose_new = add(f, 2021, "Nguyễn Văn Nam", NULL, "vp", R);
	uint64_t prefix = add(f, 2022, "Nguyễnx Minh", NULL, "vp", R);
	uint64_t title = add(f, 2022, "Tổ Tiếp dân", "Gương Nguyễn Trãi", "vp", R);
	char expect[128];
	/* the name before the title (issue 16); within the names, exact
	 * spelling first, whole-word names by year, then the mere prefix */
	snprintf(expect, sizeof expect, "%llu,%llu,%llu,%llu,%llu", (unsigned long long)exact_old,
	         (unsigned long long)loose_new, (unsigned long long)loose_old, (unsigned long long)prefix,
	         (unsigned long long)title);
	assert_string_equal(search(f, "nguyen", false), expect);
	/* Typed with marks, "Nguyễn" spellings are the exact ones. */
	snprintf(expect, sizeof expect, "%llu,%llu,%llu,%llu", (unsigned long long)loose_new,
	         (unsigned long long)loose_old, (unsigned long long)prefix, (unsigned long long)title);
	assert_string_equal(search(f, "Nguyễn", false), expect);
}

static void test_recognised_only_filters_stages(void **state)
{
	fixture *f = *state;
	uint64_t a = add(f, 2021, "Hoàng Văn Thái", NULL, "vp", DH_STAGE_RECOGNISED);
	uint64_t b = add(f, 2021, "Hoàng Thị Thu", NULL, "vp", DH_STAGE_NOMINATED);
	uint64_t c = add(f, 2020, "Hoàng Minh", NULL, "vp", DH_STAGE_AWARDED);
	char expect[64];
	snprintf(expect, sizeof expect, "%llu,%llu", (unsigned long long)a, (unsigned long long)c);
	assert_string_equal(search(f, "hoang", true), expect);
	snprintf(expect, sizeof expect, "%llu,%llu,%llu", (unsigned long long)b, (unsigned long long)a,
	         (unsigned long long)c);
	assert_string_equal(search(f, "hoang", false), expect);
}

static void test_index_follows_edits_stage_changes_and_deletion(void **state)
{
	fixture *f = *state;
	uint64_t id = add(f, 2021, "Phạm Văn Thuần", NULL, "vp", DH_STAGE_NOMINATED);
	char idstr[32];
	snprintf(idstr, sizeof idstr, "%llu", (unsigned long long)id);
	assert_string_equal(search(f, "thuần", false), idstr);
	assert_string_equal(search(f, "thuần", true), "");

	dh_candidate *c;
	assert_int_equal(repo_get(f->st, DH_R_CANDIDATE, id, (void **)&c), 0);
	free(c->name);
	c->name = strdup("Phạm Văn Thuận");
	c->stage = DH_STAGE_RECOGNISED;
	free(c->recognised_decision);
	c->recognised_decision = strdup("15/QĐ-TTr");
	assert_int_equal(repo_save(f->st, "tdkt", "save", NULL, DH_R_CANDIDATE, c), 0);
	assert_string_equal(search(f, "thuần", false), "");
	assert_string_equal(search(f, "thuận", true), idstr);
	assert_string_equal(search(f, "thuan", true), idstr);
	assert_string_equal(search(f, "15 qđ", true), idstr);

	c->meta.deleted = true;
	assert_int_equal(repo_save(f->st, "tdkt", "delete", "nhập trùng", DH_R_CANDIDATE, c), 0);
	record_free(DH_R_CANDIDATE, c);
	assert_string_equal(search(f, "thuan", false), "");
	assert_string_equal(search(f, "pham", false), "");
}

static void check_against_scan(fixture *f, const char *query, bool recognised_only);

/* A save from a form writes the candidate as fresh, its postings left for
 * later; hundreds of saves later they are written. Whichever way the index
 * holds a candidate, a search sees what its record says now. */
static void test_single_saves_are_found_before_and_after_their_postings_are_written(void **state)
{
	fixture *f = *state;
	uint64_t id = add(f, 2019, "Trần Thị Bích", "Sổ tay tiếp công dân", "vp", DH_STAGE_RECOGNISED);
	char idstr[32];
	snprintf(idstr, sizeof idstr, "%llu", (unsigned long long)id);
	assert_string_equal(search(f, "bich", true), idstr);
	/* enough saves that the first ones are written as postings */
	for (int i = 0; i < 300; i++)
		add(f, 2020 + i % 2, "Nguyễn Văn An", i % 2 ? "Tiếp công dân" : NULL, "p1", DH_STAGE_AWARDED);
	assert_string_equal(search(f, "bich", true), idstr);
	assert_string_equal(search(f, "sổ tay", true), idstr);

	/* Renamed: the postings still say Bích; the search must not. */
	dh_candidate *c;
	assert_int_equal(repo_get(f->st, DH_R_CANDIDATE, id, (void **)&c), 0);
	free(c->name);
	c->name = strdup("Lê Thị Cúc");
	c->stage = DH_STAGE_NOMINATED;
	assert_int_equal(repo_save(f->st, "tdkt", "save", NULL, DH_R_CANDIDATE, c), 0);
	assert_string_equal(search(f, "bich", false), "");
	assert_string_equal(search(f, "cúc", false), idstr);
	assert_string_equal(search(f, "cúc", true), ""); /* its stage now */
	assert_string_equal(search(f, "sổ tay", false), idstr);
	check_against_scan(f, "tiep cong dan", true);
	check_against_scan(f, "nguyen an", false);

	/* and after many more saves, written out: the same answers */
	for (int i = 0; i < 300; i++)
		add(f, 2018, "Nguyễn Văn Bình", NULL, "ttr", DH_STAGE_RECOGNISED);
	assert_string_equal(search(f, "bich", false), "");
	assert_string_equal(search(f, "cúc", false), idstr);
	assert_string_equal(search(f, "cúc", true), "");
	check_against_scan(f, "tiep cong dan", true);
	check_against_scan(f, "nguyen", false);

	c->meta.deleted = true;
	assert_int_equal(repo_save(f->st, "tdkt", "delete", "nhập trùng", DH_R_CANDIDATE, c), 0);
	record_free(DH_R_CANDIDATE, c);
	assert_string_equal(search(f, "cúc", false), "");
	assert_string_equal(search(f, "sổ tay", false), "");
	check_against_scan(f, "nguyen van", false);
}

static void test_limit_keeps_the_best(void **state)
{
	fixture *f = *state;
	for (int y = 2000; y < 2020; y++)
		add(f, y, "Bùi Quang Huy", NULL, "vp", DH_STAGE_RECOGNISED);
	uint64_t exact = add(f, 1999, "Bui Quang Huy", NULL, "vp", DH_STAGE_RECOGNISED);
	dh_lookup_opts opts = {.limit = 3, .cfg = &f->cfg};
	dh_hit *hits;
	size_t n;
	assert_int_equal(lookup_search(f->st, "bui huy", &opts, &hits, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(hits[0].id, exact);
	assert_true(hits[1].score > hits[2].score); /* 2019 before 2018 */
	assert_int_equal(hits[1].score % 10000, 2019);
	assert_int_equal(hits[2].score % 10000, 2018);
	free(hits);
}

/* --- a plain scan as the reference ------------------------------------ */

static const char *pick(unsigned *seed, const char *const *v, size_t n)
{
	*seed = *seed * 1103515245u + 12345u;
	return v[(*seed >> 16) % n];
}

/* One hit as the reference ranks it: DESIGN.md §7 and issue 16 read
 * literally. */
typedef struct ref_hit {
	uint64_t id;
	int tier;               /* how the words stand (below) */
	int exact, field, year; /* sums over the query words, and the year */
} ref_hit;

typedef struct ref_ctx {
	fixture *f;
	fold_word q[8];
	size_t nq;
	bool recognised_only;
	ref_hit hits[4096];
	size_t n;
} ref_ctx;

enum { REF_NAME, REF_TITLE, REF_POSITION, REF_DEPARTMENT, REF_DECISION, REF_YEAR, REF_FAR = 7 };

/* A word of a record where the index keeps it: its field, its place (7:
 * the seventh or later), whether it ends the field. */
typedef struct ref_word {
	fold_word w;
	int field, pos;
	bool last;
} ref_word;

typedef struct ref_rec {
	ref_word v[256];
	size_t n;
} ref_rec;

static bool ref_padded_number(const fold_word *w)
{
	if (w->len < 2 || w->base[0] != '0')
		return false;
	for (size_t i = 0; i < w->len; i++)
		if (w->base[i] < '0' || w->base[i] > '9')
			return false;
	return true;
}

static void ref_strip_zeros(fold_word *w)
{
	while (ref_padded_number(w)) {
		memmove(w->base, w->base + 1, w->len);
		w->len--;
	}
}

static void ref_push(ref_rec *r, const fold_word *w, int field, size_t pos, bool last)
{
	if (r->n < sizeof r->v / sizeof r->v[0])
		r->v[r->n++] = (ref_word){*w, field, pos < REF_FAR ? (int)pos : REF_FAR, last};
}

/* TEXT's words; a decision's "020" is "20" as well. */
static void ref_text(ref_rec *r, const char *text, int field)
{
	if (!text)
		return;
	fold_word w[64];
	size_t n = fold_split(text, w, 64);
	for (size_t i = 0; i < n && i < 64; i++) {
		ref_push(r, &w[i], field, i, i + 1 == n);
		if (field == REF_DECISION && ref_padded_number(&w[i])) {
			fold_word bare = w[i];
			ref_strip_zeros(&bare);
			ref_push(r, &bare, field, i, i + 1 == n);
		}
	}
}

static bool ref_same_spelling(const fold_word *a, const fold_word *b)
{
	return a->len == b->len && !memcmp(a->base, b->base, a->len) && a->tone == b->tone &&
	       a->nmods == b->nmods && !memcmp(a->mods, b->mods, a->nmods);
}

/* The index keeps one place per spelling and field: the first. */
static bool ref_kept(const ref_rec *r, size_t i)
{
	const ref_word *x = &r->v[i];
	for (size_t j = 0; j < r->n; j++) {
		const ref_word *y = &r->v[j];
		if (j == i || y->field != x->field || !ref_same_spelling(&x->w, &y->w))
			continue;
		int kx = x->pos * 2 + x->last, ky = y->pos * 2 + y->last;
		if (ky < kx || (ky == kx && j < i))
			return false;
	}
	return true;
}

/* Where query word Q matched best: its points, the field (the first of
 * those with the best points), the places there, the field's length when
 * its last word is among them. */
typedef struct ref_match {
	int points, field;
	unsigned places; /* bit per place 0..6 */
	int len;         /* 0: not known */
} ref_match;

static int ref_weight(int field)
{
	return field == REF_NAME ? 2 : field == REF_TITLE ? 1 : 0;
}

static ref_match ref_match_word(const ref_rec *r, const fold_word *q, int dept_quality)
{
	ref_match m = {0, 0, 0, 0};
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i <= r->n; i++) {
			int quality, field, pos;
			bool last;
			if (i == r->n) { /* the department, one token */
				quality = dept_quality;
				field = REF_DEPARTMENT;
				pos = 0;
				last = true;
			} else {
				if (!ref_kept(r, i))
					continue;
				quality = (int)fold_match(q, &r->v[i].w);
				field = r->v[i].field;
				pos = r->v[i].pos;
				last = r->v[i].last;
			}
			if (!quality)
				continue;
			int points = quality * 4 + ref_weight(field);
			if (pass == 0 && (points > m.points || (points == m.points && field < m.field))) {
				m.points = points;
				m.field = field;
			} else if (pass == 1 && points == m.points && field == m.field && pos < REF_FAR) {
				m.places |= 1u << pos;
				if (last)
					m.len = pos + 1;
			}
		}
	}
	return m;
}

/* Whether words 0..N-1 stand at P, P + 1, … */
static bool ref_together_at(const ref_match *m, size_t n, int p)
{
	for (size_t i = 0; i < n; i++)
		if (p + (int)i >= REF_FAR || !(m[i].places >> (p + (int)i) & 1))
			return false;
	return true;
}

/* The tier: all words in one field (name 3, title 2, else 1) times 4 plus
 * 3 the whole field typed in order (three words or more), 2 together in order (one word, or a
 * department: always), 1 in order with gaps, 0 scattered; words in several
 * fields: 2 for one in the name, + 1 for two typed one after the other that
 * stand together. Only the first 8 words are placed. */
static int ref_tier(const ref_match *m, size_t nq)
{
	size_t n = nq < 8 ? nq : 8;
	bool same = true, name = false, pair = false;
	for (size_t i = 0; i < n; i++) {
		same = same && m[i].field == m[0].field;
		name = name || m[i].field == REF_NAME;
		for (int p = 0; i > 0 && p + 1 < REF_FAR; p++)
			if (m[i].field == m[i - 1].field && m[i].field != REF_DEPARTMENT &&
			    (m[i - 1].places >> p & 1) && (m[i].places >> (p + 1) & 1))
				pair = true;
	}
	if (!same)
		return (name ? 2 : 0) + (pair ? 1 : 0);
	int base = m[0].field == REF_NAME ? 3 : m[0].field == REF_TITLE ? 2 : 1, stand = 0;
	if (n == 1 || m[0].field == REF_DEPARTMENT) {
		stand = 2;
	} else {
		for (int p = 0; p < REF_FAR && stand < 2; p++)
			if (ref_together_at(m, n, p))
				stand = p == 0 && n == nq && n >= 3 && m[n - 1].len == (int)n ? 3 : 2;
		if (!stand) {
			int at = -1;
			stand = 1;
			for (size_t i = 0; i < n && stand; i++) {
				int next = at + 1;
				while (next < REF_FAR && !(m[i].places >> next & 1))
					next++;
				if (next >= REF_FAR)
					stand = 0;
				at = next;
			}
		}
	}
	return base * 4 + stand;
}

static int ref_one(const void *rec, void *ctx)
{
	ref_ctx *r = ctx;
	const dh_candidate *c = rec;
	if (c->meta.deleted)
		return 0;
	if (r->recognised_only && c->stage != DH_STAGE_RECOGNISED && c->stage != DH_STAGE_AWARDED)
		return 0;
	static ref_rec words;
	words.n = 0;
	ref_text(&words, c->name, REF_NAME);
	ref_text(&words, c->title, REF_TITLE);
	ref_text(&words, c->position, REF_POSITION);
	ref_text(&words, c->recognised_decision, REF_DECISION);
	ref_text(&words, c->award_decision, REF_DECISION);
	char year[16];
	snprintf(year, sizeof year, "%d", c->year);
	if (c->year > 0)
		ref_text(&words, year, REF_YEAR);
	const char *dept = NULL;
	for (size_t d = 0; d < r->f->cfg.n_departments; d++)
		if (strcmp(r->f->depts[d].id, c->department) == 0)
			dept = r->f->depts[d].name;
	ref_hit h = {.id = c->meta.id, .year = c->year};
	ref_match m[8];
	for (size_t i = 0; i < r->nq; i++) {
		fold_word q = r->q[i];
		ref_strip_zeros(&q);
		int dept_quality = 0;
		fold_word dw[32];
		size_t nd = dept ? fold_split(dept, dw, 32) : 0;
		for (size_t k = 0; k < nd && k < 32; k++)
			if ((int)fold_match(&q, &dw[k]) > dept_quality)
				dept_quality = (int)fold_match(&q, &dw[k]);
		m[i] = ref_match_word(&words, &q, dept_quality);
		if (!m[i].points)
			return 0;
		h.exact += m[i].points / 4;
		h.field += m[i].points % 4;
	}
	h.tier = ref_tier(m, r->nq);
	r->hits[r->n++] = h;
	return 0;
}

/* Best first: how the words stand, then exact spelling, then field, then
 * the newer year; the newest record among equals. */
static int ref_cmp(const void *a, const void *b)
{
	const ref_hit *x = a, *y = b;
	if (x->tier != y->tier)
		return y->tier - x->tier;
	if (x->exact != y->exact)
		return y->exact - x->exact;
	if (x->field != y->field)
		return y->field - x->field;
	if (x->year != y->year)
		return y->year - x->year;
	return x->id < y->id ? 1 : x->id > y->id ? -1 : 0;
}

static void check_against_scan(fixture *f, const char *query, bool recognised_only)
{
	static ref_ctx r;
	memset(&r, 0, sizeof r);
	r.f = f;
	r.recognised_only = recognised_only;
	r.nq = fold_split(query, r.q, 8);
	if (r.nq > 0)
		assert_int_equal(repo_each(f->st, DH_R_CANDIDATE, ref_one, &r), 0);
	qsort(r.hits, r.n, sizeof r.hits[0], ref_cmp);
	/* The whole ranking, then the first few as a screen asks for them. */
	static const size_t limits[] = {0, 1, 7, 50};
	for (size_t l = 0; l < sizeof limits / sizeof limits[0]; l++) {
		dh_lookup_opts opts = {
		    .recognised_only = recognised_only, .cfg = &f->cfg, .limit = limits[l]};
		dh_hit *hits;
		size_t n;
		assert_int_equal(lookup_search(f->st, query, &opts, &hits, &n), 0);
		size_t want = limits[l] && limits[l] < r.n ? limits[l] : r.n;
		if (n != want)
			fail_msg("query \"%s\"%s limit %zu: lookup %zu hits, scan %zu", query,
			         recognised_only ? " (recognised)" : "", limits[l], n, want);
		for (size_t i = 0; i < n; i++)
			if (hits[i].id != r.hits[i].id)
				fail_msg("query \"%s\"%s limit %zu: hit %zu is %llu, expected %llu", query,
				         recognised_only ? " (recognised)" : "", limits[l], i,
				         (unsigned long long)hits[i].id, (unsigned long long)r.hits[i].id);
		free(hits);
	}
}

static int rebuild_fn(dh_stxn *txn, void *ctx)
{
	(void)ctx;
	return lookup_rebuild(txn);
}

static const char *const family[] = {"Nguyễn", "Trần", "Lê",  "Phạm", "Hoàng", "Huỳnh", "Phan",  "Vũ",
                                     "Võ",     "Đặng", "Bùi", "Đỗ",   "Hồ",    "Ngô",   "Dương", "Lý"};
static const char *const middle[] = {"Văn", "Thị", "Minh", "Ngọc", "Đức", "Thanh", "Quang", "Vân", "Hữu"};
static const char *const given[] = {"An",   "Anh", "Bình",  "Cường",  "Dũng",  "Hòa",  "Hoà",
                                    "Hùng", "Lan", "Mai",   "Nam",    "Thủy",  "Thuỷ", "Trung",
                                    "Tuấn", "Đạt", "Dương", "Nguyên", "Thuận", "Thuần"};
static const char *const title_words[] = {"Tiếp", "công",  "dân",   "giải",  "quyết", "khiếu", "nại",   "tố",
                                          "cáo",  "thanh", "tra",   "phòng", "chống", "tham",  "nhũng", "cải",
                                          "cách", "hành",  "chính", "đường", "dây",   "nóng"};
static const char *const queries[] = {
    "nguyen",
    "nguyễn van",
    "d",
    "đ",
    "đặng",
    "hoà",
    "hoa",
    "thuy",
    "thủy",
    "thuỷ an",
    "văn",
    "vân",
    "van",
    "tiep cong dan",
    "tiếp",
    "khieu nai",
    "2020",
    "2021 thanh",
    "thuận",
    "thuần",
    "thuan",
    "nguyen thi mai",
    "đuc",
    "đức",
    "duc",
    "dương",
    "duong",
    "ng",
    "n",
    "phong",
    "văn phòng",
    "nghiệp vụ",
    "qđ 12",
    "tr",
    "th",
    "nguyên",
    "x",
    "nam nguyen",
    "a",
    "h",
    /* a rare word with common ones: checked on the records themselves */
    "zyx n",
    "zyx phong",
    "zyx văn phòng",
    "zyx nghiep",
    "zyx 2019",
    "zyx thuy",
    "zyx a",
    "t zyx",
    "zyx đ",
    "zyx d",
    "zyx hoà",
};

static void test_index_matches_a_plain_scan_through_many_changes(void **state)
{
	fixture *f = *state;
	unsigned seed = 42;
	const char *depts[] = {"vp", "p1", "ttr", "zz"};
	enum { N = 2500 };
	/* enough words per base to make postings split into many chunks */
	for (int i = 0; i < N; i++) {
		char name[128], title[256];
		snprintf(name, sizeof name, "%s %s %s", pick(&seed, family, 16), pick(&seed, middle, 9),
		         pick(&seed, given, 20));
		snprintf(title, sizeof title, "%s %s %s %s", pick(&seed, title_words, 22),
		         pick(&seed, title_words, 22), pick(&seed, title_words, 22),
		         pick(&seed, title_words, 22));
		seed = seed * 1103515245u + 12345u;
		add(f, 2015 + (int)(seed >> 16) % 8, name, i % 3 ? title : NULL, depts[(seed >> 20) % 4],
		    (int)((seed >> 8) % DH_STAGE__COUNT));
		if (i % 500 == 0) {
			snprintf(name, sizeof name, "Quách Zyx %s", pick(&seed, given, 20));
			add(f, 2015 + i / 500, name, title, depts[i / 500 % 4], DH_STAGE_AWARDED);
		}
	}
	for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++) {
		check_against_scan(f, queries[q], false);
		check_against_scan(f, queries[q], true);
	}
	/* Edit, move stages, delete: in the middle of the posting lists. */
	for (int i = 0; i < 600; i++) {
		seed = seed * 1103515245u + 12345u;
		uint64_t id = 1 + (seed >> 16) % N;
		dh_candidate *c;
		assert_int_equal(repo_get(f->st, DH_R_CANDIDATE, id, (void **)&c), 0);
		if (c->meta.deleted) {
			record_free(DH_R_CANDIDATE, c);
			continue;
		}
		switch (i % 4) {
		case 0: {
			char name[128];
			snprintf(name, sizeof name, "%s %s", pick(&seed, family, 16), pick(&seed, given, 20));
			free(c->name);
			c->name = strdup(name);
			break;
		}
		case 1:
			c->stage = (c->stage + 3) % DH_STAGE__COUNT;
			free(c->recognised_decision);
			c->recognised_decision = strdup("12/QĐ-TTr");
			break;
		case 2: c->meta.deleted = true; break;
		case 3:
			free(c->title);
			c->title = NULL;
			c->year = 2022;
			break;
		}
		assert_int_equal(repo_save(f->st, "tdkt", "save", NULL, DH_R_CANDIDATE, c), 0);
		record_free(DH_R_CANDIDATE, c);
	}
	for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++) {
		check_against_scan(f, queries[q], false);
		check_against_scan(f, queries[q], true);
	}
	/* Built again from the records, the index answers the same. */
	assert_int_equal(store_write(f->st, rebuild_fn, NULL), 0);
	for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++)
		check_against_scan(f, queries[q], false);
}

typedef struct batch_ctx {
	dh_candidate **v;
	size_t from, n;
	bool with_edits;
} batch_ctx;

static int put_record(dh_stxn *txn, const dh_candidate *c)
{
	unsigned char key[9], *buf;
	size_t len;
	key[0] = DH_R_CANDIDATE;
	store_put_u64(key + 1, c->meta.id);
	int rc = record_encode(DH_R_CANDIDATE, c, &buf, &len);
	if (rc)
		return rc;
	rc = store_put(txn, DH_T_RECORDS, key, sizeof key, buf, len);
	free(buf);
	return rc;
}

/* Records and index in one transaction, the index gathered (an import). */
static int batch_fn(dh_stxn *txn, void *ctx)
{
	batch_ctx *b = ctx;
	int rc = lookup_batch_begin(txn);
	for (size_t i = b->from; !rc && i < b->from + b->n; i++) {
		rc = put_record(txn, b->v[i]);
		if (!rc)
			rc = lookup_reindex(txn, DH_R_CANDIDATE, NULL, b->v[i]);
		/* and now and then a change to an earlier one, in the same batch */
		if (!rc && b->with_edits && i % 17 == 0) {
			dh_candidate *old = b->v[i / 2], *new = record_dup(DH_R_CANDIDATE, old);
			new->stage = (new->stage + 1) % DH_STAGE__COUNT;
			free(new->name);
			new->name = strdup(i % 2 ? "Đoàn Thị Thuỷ" : "Nguyên Văn Tuấn");
			if (i % 3 == 0)
				new->meta.deleted = true;
			rc = put_record(txn, new);
			if (!rc)
				rc = lookup_reindex(txn, DH_R_CANDIDATE, old, new);
			record_free(DH_R_CANDIDATE, old);
			b->v[i / 2] = new;
		}
	}
	if (!rc)
		rc = lookup_batch_end(txn);
	else
		lookup_batch_abort();
	return rc;
}

static void test_batched_index_matches_a_plain_scan(void **state)
{
	fixture *f = *state;
	enum { N = 3000 };
	static dh_candidate *v[N];
	unsigned seed = 7;
	const char *depts[] = {"vp", "p1", "ttr"};
	for (size_t i = 0; i < N; i++) {
		dh_candidate *c = record_new(DH_R_CANDIDATE);
		char name[128];
		snprintf(name, sizeof name, "%s %s %s", pick(&seed, family, 16), pick(&seed, middle, 9),
		         pick(&seed, given, 20));
		c->meta.id = i + 1;
		c->meta.rev = 1;
		c->name = strdup(name);
		c->title = strdup(pick(&seed, title_words, 22));
		c->department = strdup(depts[i % 3]);
		c->year = 2018 + (int)(i % 5);
		c->stage = (int)(i % DH_STAGE__COUNT);
		v[i] = c;
	}
	batch_ctx b = {.v = v, .from = 0, .n = 1000};
	assert_int_equal(store_write(f->st, batch_fn, &b), 0);
	b = (batch_ctx){.v = v, .from = 1000, .n = 2000, .with_edits = true};
	assert_int_equal(store_write(f->st, batch_fn, &b), 0);
	dh_hit *hits;
	size_t n;
	assert_int_equal(lookup_search(f->st, "nguyen", NULL, &hits, &n), 0);
	assert_true(n > 300); /* the batches did write */
	free(hits);
	assert_int_equal(lookup_search(f->st, "đoàn thị thuỷ", NULL, &hits, &n), 0);
	assert_true(n > 10); /* and so did the changes among them */
	free(hits);
	for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++) {
		check_against_scan(f, queries[q], false);
		check_against_scan(f, queries[q], true);
	}
	for (size_t i = 0; i < N; i++)
		record_free(DH_R_CANDIDATE, v[i]);
}

/* Records and postings written at once, one by one, without a batch: as
 * a database from before fresh candidates has them. */
static int unbatched_fn(dh_stxn *txn, void *ctx)
{
	batch_ctx *b = ctx;
	int rc = 0;
	for (size_t i = b->from; !rc && i < b->from + b->n; i++) {
		rc = put_record(txn, b->v[i]);
		if (!rc)
			rc = lookup_reindex(txn, DH_R_CANDIDATE, NULL, b->v[i]);
	}
	return rc;
}

static void test_an_index_written_before_fresh_candidates_goes_on(void **state)
{
	fixture *f = *state;
	enum { N = 400 };
	static dh_candidate *v[N];
	unsigned seed = 11;
	for (size_t i = 0; i < N; i++) {
		dh_candidate *c = record_new(DH_R_CANDIDATE);
		char name[128];
		snprintf(name, sizeof name, "%s %s %s", pick(&seed, family, 16), pick(&seed, middle, 9),
		         pick(&seed, given, 20));
		c->meta.id = i + 1;
		c->meta.rev = 1;
		c->name = strdup(name);
		c->department = strdup("vp");
		c->year = 2019 + (int)(i % 3);
		c->stage = DH_STAGE_RECOGNISED;
		v[i] = c;
	}
	batch_ctx b = {.v = v, .from = 0, .n = N};
	assert_int_equal(store_write(f->st, unbatched_fn, &b), 0);
	check_against_scan(f, "nguyen", false);
	/* Saves from a form on top: new ones, and changes to old ones. */
	for (int i = 0; i < 300; i++) {
		if (i % 3) {
			add(f, 2021, i % 2 ? "Đặng Thị Thuỷ" : "Nguyễn Văn An", NULL, "p1", DH_STAGE_AWARDED);
			continue;
		}
		dh_candidate *c;
		assert_int_equal(repo_get(f->st, DH_R_CANDIDATE, 1 + (uint64_t)i, (void **)&c), 0);
		free(c->name);
		c->name = strdup(i % 2 ? "Trần Văn Bình" : "Lê Thị Hoà");
		assert_int_equal(repo_save(f->st, "tdkt", "save", NULL, DH_R_CANDIDATE, c), 0);
		record_free(DH_R_CANDIDATE, c);
		if (i % 50 == 0) {
			check_against_scan(f, "nguyen van", false);
			check_against_scan(f, "hoà", true);
		}
	}
	for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++)
		check_against_scan(f, queries[q], false);
	for (size_t i = 0; i < N; i++)
		record_free(DH_R_CANDIDATE, v[i]);
}

/* A screen asks for the best few: a rare exact spelling in an old year
 * still comes before common looser matches of newer years. */
static void test_limit_finds_rare_best_matches_in_old_years(void **state)
{
	fixture *f = *state;
	const char *firsts[] = {"An", "Bình", "Cường", "Dũng", "Hà"};
	for (int y = 1995; y <= 2024; y++) {
		for (int i = 0; i < 12; i++) {
			char name[64];
			snprintf(name, sizeof name, "Nguyễn Văn %s", firsts[i % 5]);
			add(f, y, name, i % 3 ? NULL : "Phong trào thi đua", "vp",
			    i % 4 ? DH_STAGE_RECOGNISED : DH_STAGE_NOMINATED);
		}
		if (y % 7 == 0)
			add(f, y, "Nguyen Van An", NULL, "p1", DH_STAGE_AWARDED);
		if (y % 11 == 0)
			add(f, y, "Phong Nguyễn", "Tiếp công dân", "ttr", DH_STAGE_RECOGNISED);
	}
	static const char *const rare[] = {
	    "nguyen", "nguyen van an", "van an", "phong",       "phong nguyen", "phong ng", "nguyễn", "an",
	    "a",      "nguyen 1995",   "p",      "tiep nguyen",
	};
	for (size_t q = 0; q < sizeof rare / sizeof rare[0]; q++) {
		check_against_scan(f, rare[q], false);
		check_against_scan(f, rare[q], true);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_semantics_table, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_rank_field_then_exact_then_year, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_records_without_a_year_are_found_last, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_recognised_only_filters_stages, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_index_follows_edits_stage_changes_and_deletion, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_limit_keeps_the_best, setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        test_single_saves_are_found_before_and_after_their_postings_are_written, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_index_matches_a_plain_scan_through_many_changes, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_limit_finds_rare_best_matches_in_old_years, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_batched_index_matches_a_plain_scan, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_an_index_written_before_fresh_candidates_goes_on, setup,
	                                    teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
