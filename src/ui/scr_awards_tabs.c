/* scr_awards_tabs.c — what each tab of screen 4 lists: the recognised
 * and awarded records (a scan of every candidate, in idle slices on a
 * large store), the award decisions and the ceremonies (few: read whole,
 * newest first), and every replication activity (paged from the store). */
#include "scr_awards_internal.h"

#include "dienhinh/buf.h"
#include "dienhinh/date.h"
#include "dienhinh/error.h"
#include "dienhinh/lookup.h"
#include "dienhinh/repo.h"
#include "dienhinh/ui_rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AW_FILTER_LIMIT 50000 /* lookup hits kept while filtering */

bool aw_has(const uint64_t *v, size_t n, uint64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == id)
			return true;
	return false;
}

/* --- recognised records: the scan ------------------------------------------ */

static int aw_rec_cmp(const void *a, const void *b)
{
	const aw_rec *x = a, *y = b;
	if (x->year != y->year)
		return x->year < y->year ? 1 : -1;
	return x->id < y->id ? 1 : x->id > y->id ? -1 : 0;
}

static int aw_scan_cb(const void *rec, void *arg)
{
	aw_screen *s = arg;
	const dh_candidate *c = rec;
	s->next = c->meta.id + 1;
	if (c->meta.deleted || (c->stage != DH_STAGE_RECOGNISED && c->stage != DH_STAGE_AWARDED))
		return 0;
	aw_vec *w = &s->work;
	if (buf_reserve(&w->v, &w->cap, w->n + 1, sizeof(*w->v)))
		return -1;
	w->v[w->n++] = (aw_rec){c->meta.id, c->year};
	return 0;
}

static void aw_scan_start(aw_screen *s)
{
	s->work.n = 0;
	s->next = 1;
	s->last = 0;
	if (s->base.ctx->store)
		repo_last_id(s->base.ctx->store, DH_R_CANDIDATE, &s->last);
	s->scanning = true;
}

/* One slice; true when the pass is complete (and shown). */
bool aw_scan_step(aw_screen *s, size_t slice)
{
	dh_store *st = s->base.ctx->store;
	if (!s->scanning)
		return true;
	if (st && s->next <= s->last) {
		uint64_t before = s->next;
		if (repo_page(st, DH_R_CANDIDATE, s->next, slice, false, aw_scan_cb, s) != 0 ||
		    s->next == before)
			s->next = s->last + 1;
		if (s->next <= s->last)
			return false;
	}
	if (s->work.n)
		qsort(s->work.v, s->work.n, sizeof(*s->work.v), aw_rec_cmp);
	aw_vec t = s->shown;
	s->shown = s->work;
	s->work = t;
	s->work.n = 0;
	s->scanning = false;
	return true;
}

/* --- the records tab ----------------------------------------------------------- */

static const ui_list_column aw_rec_columns[] = {
    {"", 1, false},    {"Số", 5, true},     {"Năm", 4, false}, {"Loại", 7, false},
    {"Tên", 0, false}, {"Bước", 14, false}, {"NR", 3, true},   {"Cấp tỉnh", 8, false},
};

static bool aw_filtered(const aw_screen *s)
{
	return s->filter && *s->filter;
}

static size_t aw_rec_count(void *ctx)
{
	aw_screen *s = ctx;
	return aw_filtered(s) ? s->n_hits : s->shown.n;
}

static uint64_t aw_rec_id(const aw_screen *s, size_t i)
{
	if (aw_filtered(s))
		return i < s->n_hits ? s->hits[i] : 0;
	return i < s->shown.n ? s->shown.v[i].id : 0;
}

static int aw_count_live(const void *rec, void *arg)
{
	if (!((const dh_activity *)rec)->meta.deleted)
		(*(int *)arg)++;
	return 0;
}

static size_t aw_rec_rows(void *ctx, size_t first, size_t n, ui_list_row *out)
{
	aw_screen *s = ctx;
	dh_store *st = s->base.ctx->store;
	size_t k = 0;
	for (size_t i = first; i < aw_rec_count(s) && k < n; i++) {
		void *rec = NULL;
		if (!st || repo_get(st, DH_R_CANDIDATE, aw_rec_id(s, i), &rec) != 0)
			continue;
		const dh_candidate *c = rec;
		int acts = 0;
		repo_children(st, DH_R_ACTIVITY, c->meta.id, aw_count_live, &acts);
		ui_list_row *row = &out[k++];
		row->id = c->meta.id;
		row->style = c->meta.deleted ? UI_S_DIM : c->on_hold ? UI_S_WARN : UI_S_NORMAL;
		snprintf(row->cells[0], UI_LIST_CELL, "%s",
		         aw_has(s->tags, s->n_tags, c->meta.id) ? "*" : " ");
		snprintf(row->cells[1], UI_LIST_CELL, "%llu", (unsigned long long)c->meta.id);
		snprintf(row->cells[2], UI_LIST_CELL, "%d", c->year);
		snprintf(row->cells[3], UI_LIST_CELL, "%s", kind_label(c->kind));
		snprintf(row->cells[4], UI_LIST_CELL, "%s", c->name ? c->name : "");
		snprintf(row->cells[5], UI_LIST_CELL, "%s",
		         c->on_hold                        ? "Tạm dừng xét"
		         : c->stage == DH_STAGE_AWARDED    ? "Đã khen thưởng"
		         : c->stage == DH_STAGE_RECOGNISED ? "Đã công nhận"
		                                           : stage_label(c->stage));
		snprintf(row->cells[6], UI_LIST_CELL, "%d", acts);
		snprintf(row->cells[7], UI_LIST_CELL, "%s", c->aims_provincial ? "có" : "");
		record_free(DH_R_CANDIDATE, rec);
	}
	return k;
}

static int aw_rec_filter(void *ctx, const char *text)
{
	aw_screen *s = ctx;
	free(s->filter);
	free(s->hits);
	s->filter = text && *text ? strdup(text) : NULL;
	s->hits = NULL;
	s->n_hits = 0;
	if (!aw_filtered(s) || !s->base.ctx->store)
		return 0;
	dh_hit *hits = NULL;
	size_t n = 0;
	dh_lookup_opts o = {.recognised_only = true, .limit = AW_FILTER_LIMIT, .cfg = s->base.ctx->cfg};
	if (lookup_search(s->base.ctx->store, s->filter, &o, &hits, &n) != 0)
		return 0;
	s->hits = malloc((n ? n : 1) * sizeof(*s->hits));
	if (s->hits) {
		for (size_t i = 0; i < n; i++)
			s->hits[i] = hits[i].id;
		s->n_hits = n;
	}
	free(hits);
	return 0;
}

static size_t aw_rec_index_of(void *ctx, uint64_t id)
{
	aw_screen *s = ctx;
	for (size_t i = 0; i < aw_rec_count(s); i++)
		if (aw_rec_id(s, i) == id)
			return i;
	return SIZE_MAX;
}

static const ui_list_source aw_rec_source = {
    .columns = aw_rec_columns,
    .n_columns = 8,
    .count = aw_rec_count,
    .rows = aw_rec_rows,
    .filter = aw_rec_filter,
    .index_of = aw_rec_index_of,
    .empty_text =
        "Chưa có hồ sơ nào được công nhận (Hội đồng bình xét, Chánh Thanh tra công nhận ở màn hình 3).",
};

/* --- decisions and ceremonies: records read whole, newest first ------------- */

/* Newest first: by date, then by id. ARG points to the items' date_of. */
static int aw_newest(const void *a, const void *b, void *arg)
{
	int (*const *date_of)(const void *) = arg;
	const void *x = *(void *const *)a, *y = *(void *const *)b;
	int xd = (*date_of)(x), yd = (*date_of)(y);
	uint64_t xi = ((const dh_meta *)x)->id, yi = ((const dh_meta *)y)->id;
	if (xd != yd)
		return xd < yd ? 1 : -1;
	return xi < yi ? 1 : xi > yi ? -1 : 0;
}

/* The records KEEP accepts (NULL: all), newest first by DATE_OF. */
static void aw_load_dated(aw_screen *s, ui_items *items, bool (*keep)(const void *, const void *),
                          int (*date_of)(const void *))
{
	ui_items_read(items, s->base.ctx->store, keep, NULL);
	if (items->n)
		qsort_r(items->v, items->n, sizeof(*items->v), aw_newest, &date_of);
}

/* The award decisions in force or revoked. */
static bool aw_award_decision(const void *rec, const void *arg)
{
	const dh_decision *d = rec;
	(void)arg;
	return d->type == DH_DEC_AWARD && !d->meta.deleted;
}

static int aw_decision_date(const void *rec)
{
	return ((const dh_decision *)rec)->date;
}

static void aw_decisions_load(void *ctx, ui_items *items)
{
	aw_load_dated(ctx, items, aw_award_decision, aw_decision_date);
}

static void aw_decision_fill(void *ctx, const void *rec, ui_list_row *row)
{
	const aw_screen *s = ctx;
	const dh_decision *d = rec;
	char day[11];
	ui_rows_decision(row, s->base.ctx->cfg, d);
	if (d->revoked)
		snprintf(row->cells[4], UI_LIST_CELL, "Đã thu hồi %s: %s", date_vn(d->revoke_date, day),
		         d->revoke_reason ? d->revoke_reason : "");
}

static const ui_list_column aw_decision_columns[] = {
    {"Số quyết định", 14, false}, {"Ngày", 10, false},      {"Người ký", 18, false},
    {"Hồ sơ", 5, true},           {"Trạng thái", 0, false},
};

static int aw_ceremony_date(const void *rec)
{
	return ((const dh_ceremony *)rec)->date;
}

static void aw_ceremonies_load(void *ctx, ui_items *items)
{
	aw_load_dated(ctx, items, NULL, aw_ceremony_date); /* every one, a deleted one dimmed */
}

static void aw_ceremony_fill(void *ctx, const void *rec, ui_list_row *row)
{
	const dh_ceremony *c = rec;
	(void)ctx;
	ui_rows_dated(row, &c->meta, c->date);
	ui_rows_named(row, 1, &c->meta, c->title);
	snprintf(row->cells[2], UI_LIST_CELL, "%s", c->place ? c->place : "");
	snprintf(row->cells[3], UI_LIST_CELL, "%zu", c->decisions.n);
}

static const ui_list_column aw_ceremony_columns[] = {
    {"Ngày", 10, false},
    {"Tên buổi", 0, false},
    {"Địa điểm", 22, false},
    {"QĐ", 3, true},
};

static const ui_list_source aw_decision_source = {
    .columns = aw_decision_columns,
    .n_columns = 5,
    .load = aw_decisions_load,
    .fill = aw_decision_fill,
    .item_type = DH_R_DECISION,
    .empty_text = "Chưa có quyết định tặng Giấy khen nào.",
};

static const ui_list_source aw_ceremony_source = {
    .columns = aw_ceremony_columns,
    .n_columns = 4,
    .load = aw_ceremonies_load,
    .fill = aw_ceremony_fill,
    .item_type = DH_R_CEREMONY,
    .empty_text = "Chưa có buổi tuyên dương nào.",
};

/* --- the activities tab -------------------------------------------------------------- */

static const ui_list_column aw_act_columns[] = {
    {"Ngày", 10, false},    {"Hình thức", 9, false},  {"Hồ sơ", 16, false},
    {"Nội dung", 0, false}, {"Trình bày", 14, false}, {"Số dự", 5, true},
};

/* An activity's row, named by its record. */
static void aw_act_row(void *ctx, const void *rec, ui_list_row *row)
{
	const aw_screen *s = ctx;
	const dh_activity *a = rec;
	void *cand = NULL;
	const char *name = "";
	if (repo_get(s->base.ctx->store, DH_R_CANDIDATE, a->candidate_id, &cand) == 0)
		name = ((dh_candidate *)cand)->name;
	aw_act_fill(a, name ? name : "", row);
	if (cand)
		record_free(DH_R_CANDIDATE, cand);
}

static size_t aw_act_count(void *ctx)
{
	return (size_t)((aw_screen *)ctx)->last_activity;
}

static size_t aw_act_rows(void *ctx, size_t first, size_t n, ui_list_row *out)
{
	aw_screen *s = ctx;
	if (first >= s->last_activity)
		return 0;
	return ui_rows_page(s->base.ctx->store, DH_R_ACTIVITY, s->last_activity - first, true, n, out,
	                    aw_act_row, s);
}

static size_t aw_act_index_of(void *ctx, uint64_t id)
{
	aw_screen *s = ctx;
	return id >= 1 && id <= s->last_activity ? (size_t)(s->last_activity - id) : SIZE_MAX;
}

static const ui_list_source aw_act_source = {
    .columns = aw_act_columns,
    .n_columns = 6,
    .count = aw_act_count,
    .rows = aw_act_rows,
    .index_of = aw_act_index_of,
    .empty_text = "Chưa có hoạt động nhân rộng nào.",
};

/* --- all four ---------------------------------------------------------------------- */

static const ui_list_source *const aw_sources[AW_TABS] = {
    [AW_TAB_RECORDS] = &aw_rec_source,
    [AW_TAB_DECISIONS] = &aw_decision_source,
    [AW_TAB_CEREMONIES] = &aw_ceremony_source,
    [AW_TAB_ACTIVITIES] = &aw_act_source,
};

int aw_tabs_init(aw_screen *s)
{
	aw_tabs_read(s);
	for (int t = 0; t < AW_TABS; t++)
		if (ui_list_init(&s->lists[t], aw_sources[t], s) != 0)
			return DH_ENOMEM;
	return 0;
}

void aw_tabs_read(aw_screen *s)
{
	dh_store *st = s->base.ctx->store;
	s->last_activity = 0;
	if (st)
		repo_last_id(st, DH_R_ACTIVITY, &s->last_activity);
	aw_scan_start(s);
	if (s->last <= AW_SYNC_LIMIT)
		aw_scan_step(s, AW_SYNC_LIMIT);
	if (aw_filtered(s)) {
		char *text = strdup(s->filter);
		aw_rec_filter(s, text); /* it replaces s->filter: pass a copy */
		free(text);
	}
}

void aw_tabs_free(aw_screen *s)
{
	for (int t = 0; t < AW_TABS; t++)
		ui_list_free(&s->lists[t]);
	free(s->shown.v);
	free(s->work.v);
	free(s->filter);
	free(s->hits);
}
