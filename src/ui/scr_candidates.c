/* scr_candidates.c — screen 2, Nhân tố mới: the candidates (one ui_list
 * fed by callbacks), the candidate form (one ui_form from a field table)
 * and each candidate's fostering log (a list and a form again).
 *
 * Nothing is held between keys: every read is its own short transaction,
 * every save goes through the workflow's permission check, and a form
 * keeps the revision it was loaded at so a newer save by someone else is
 * seen as a conflict, never overwritten. */
#include "dienhinh/ui_app.h"

#include "dienhinh/buf.h"
#include "dienhinh/date.h"
#include "dienhinh/error.h"
#include "dienhinh/lookup.h"
#include "dienhinh/record.h"
#include "dienhinh/repo.h"
#include "dienhinh/ui_candlog.h"
#include "dienhinh/ui_form.h"
#include "dienhinh/ui_list.h"
#include "dienhinh/ui_rows.h"
#include "dienhinh/ui_verbs.h"
#include "dienhinh/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CAND_SORT_LIMIT   200000 /* name/stage order over more than this: filter first */
#define CAND_FILTER_LIMIT 50000  /* best hits kept while filtering: memory stays small */

enum { CAND_SORT_NEWEST, CAND_SORT_OLDEST, CAND_SORT_NAME, CAND_SORT_STAGE, CAND_SORTS };
static const char *const cand_sort_names[CAND_SORTS] = {"mới nhất", "cũ nhất", "tên", "bước"};

typedef struct cand_screen {
	ui_view base;
	ui_list list;
	uint64_t last; /* highest candidate id: ids 1..last all exist */
	/* A filter or a name/stage order makes the ids explicit; otherwise
	 * row i is simply id last-i (or i+1), read a page at a time. */
	uint64_t *ids;
	size_t n_ids;
	bool explicit_ids;
	int sort;
	char *filter;
} cand_screen;

static ui_view *foster_open(ui_app *app, const dh_candidate *c);

/* The stage in a column of 18: the council's yes reads "Được đề nghị",
 * beside "Không được đề nghị", rather than losing its last word. */
static const char *stage_cell(int stage)
{
	return stage == DH_STAGE_APPROVED ? "Được đề nghị" : stage_label(stage);
}

/* --- the candidate list source ------------------------------------------ */

static const ui_list_column cand_columns[] = {
    {"Số", 6, true},   {"Năm", 4, false},     {"Loại", 7, false},
    {"Tên", 0, false}, {"Đơn vị", 14, false}, {"Bước", 18, false},
};

static void cand_fill_row(void *ctx, const void *rec, ui_list_row *row)
{
	const cand_screen *s = ctx;
	const dh_candidate *c = rec;
	const dh_config *cfg = s->base.ctx->cfg;
	row->id = c->meta.id;
	row->style = c->meta.deleted ? UI_S_DIM : c->on_hold ? UI_S_WARN : UI_S_NORMAL;
	snprintf(row->cells[0], UI_LIST_CELL, "%llu", (unsigned long long)c->meta.id);
	snprintf(row->cells[1], UI_LIST_CELL, "%d", c->year);
	snprintf(row->cells[2], UI_LIST_CELL, "%s", kind_label(c->kind));
	snprintf(row->cells[3], UI_LIST_CELL, "%s", c->name ? c->name : "");
	snprintf(row->cells[4], UI_LIST_CELL, "%s", config_department_short(cfg, c->department));
	/* Deleted shows where the stage goes: a long name would hide it. */
	if (c->meta.deleted)
		snprintf(row->cells[5], UI_LIST_CELL, "(đã xóa)");
	else
		snprintf(row->cells[5], UI_LIST_CELL, "%s%s", c->on_hold ? "⏸ " : "", stage_cell(c->stage));
}

static size_t cand_count(void *ctx)
{
	cand_screen *s = ctx;
	return s->explicit_ids ? s->n_ids : (size_t)s->last;
}

static size_t cand_rows(void *ctx, size_t first, size_t n, ui_list_row *out)
{
	cand_screen *s = ctx;
	dh_store *st = s->base.ctx->store;
	if (!st)
		return 0;
	if (!s->explicit_ids) {
		if (first >= s->last)
			return 0;
		bool newest = s->sort == CAND_SORT_NEWEST;
		uint64_t from = newest ? s->last - first : first + 1;
		return ui_rows_page(st, DH_R_CANDIDATE, from, newest, n, out, cand_fill_row, s);
	}
	if (first >= s->n_ids)
		return 0;
	return ui_rows_of_ids(st, DH_R_CANDIDATE, s->ids + first, s->n_ids - first, n, out, cand_fill_row, s);
}

typedef struct sort_key {
	uint64_t id;
	int stage;
	char *name;
} sort_key;

typedef struct key_collect {
	sort_key *keys;
	size_t n, cap;
} key_collect;

static int key_push(key_collect *kc, const dh_candidate *c)
{
	if (buf_reserve(&kc->keys, &kc->cap, kc->n + 1, sizeof(*kc->keys)))
		return DH_ENOMEM;
	sort_key *k = &kc->keys[kc->n++];
	k->id = c->meta.id;
	k->stage = c->stage;
	k->name = utf8_lower(c->name ? c->name : "");
	return 0;
}

static int key_collect_cb(const void *rec, void *arg)
{
	return key_push(arg, rec) ? -1 : 0;
}

static int by_name(const void *a, const void *b)
{
	const sort_key *x = a, *y = b;
	int c = strcmp(x->name ? x->name : "", y->name ? y->name : "");
	if (c)
		return c;
	return x->id < y->id ? 1 : x->id > y->id ? -1 : 0;
}

static int by_stage(const void *a, const void *b)
{
	const sort_key *x = a, *y = b;
	if (x->stage != y->stage)
		return x->stage - y->stage;
	return x->id < y->id ? 1 : x->id > y->id ? -1 : 0;
}

static int by_id_desc(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? 1 : x > y ? -1 : 0;
}

/* Rebuild the explicit ids for the current filter and order. */
static void cand_rebuild(cand_screen *s)
{
	dh_ctx *ctx = s->base.ctx;
	dh_store *st = ctx->store;
	free(s->ids);
	s->ids = NULL;
	s->n_ids = 0;
	s->explicit_ids = false;
	if (st)
		repo_last_id(st, DH_R_CANDIDATE, &s->last);
	bool filtered = s->filter && *s->filter;
	bool keyed = s->sort == CAND_SORT_NAME || s->sort == CAND_SORT_STAGE;
	if (!st || (!filtered && !keyed))
		return;
	if (!filtered && s->last > CAND_SORT_LIMIT) {
		ui_error(s->base.app, "Quá nhiều hồ sơ để xếp theo %s: hãy lọc (f) trước.",
		         cand_sort_names[s->sort]);
		s->sort = CAND_SORT_NEWEST;
		s->list.sort = CAND_SORT_NEWEST;
		return;
	}
	uint64_t *ids = NULL;
	size_t n = 0;
	if (filtered) {
		dh_hit *hits = NULL;
		dh_lookup_opts opts = {.recognised_only = false, .limit = CAND_FILTER_LIMIT, .cfg = ctx->cfg};
		if (lookup_search(st, s->filter, &opts, &hits, &n) != 0) {
			n = 0;
			hits = NULL;
		}
		if (n >= CAND_FILTER_LIMIT)
			ui_message(s->base.app, "Chỉ hiện %d kết quả khớp nhất: gõ thêm để lọc hẹp hơn.",
			           CAND_FILTER_LIMIT);
		ids = malloc((n ? n : 1) * sizeof(*ids));
		if (!ids) {
			free(hits);
			return;
		}
		for (size_t i = 0; i < n; i++)
			ids[i] = hits[i].id;
		free(hits);
		/* Hits come best first; the list shows them in the order chosen. */
		if (s->sort == CAND_SORT_NEWEST || s->sort == CAND_SORT_OLDEST)
			qsort(ids, n, sizeof(*ids), by_id_desc);
		if (s->sort == CAND_SORT_OLDEST)
			for (size_t i = 0; i < n / 2; i++) {
				uint64_t t = ids[i];
				ids[i] = ids[n - 1 - i];
				ids[n - 1 - i] = t;
			}
	}
	if (keyed) {
		key_collect kc = {0};
		if (filtered) {
			for (size_t i = 0; i < n; i++) {
				void *rec = NULL;
				if (repo_get(st, DH_R_CANDIDATE, ids[i], &rec) == 0) {
					key_push(&kc, rec);
					record_free(DH_R_CANDIDATE, rec);
				}
			}
		} else {
			repo_each(st, DH_R_CANDIDATE, key_collect_cb, &kc);
		}
		if (kc.n)
			qsort(kc.keys, kc.n, sizeof(*kc.keys),
			      s->sort == CAND_SORT_NAME ? by_name : by_stage);
		free(ids);
		ids = malloc((kc.n ? kc.n : 1) * sizeof(*ids));
		n = 0;
		for (size_t i = 0; i < kc.n; i++) {
			if (ids)
				ids[n++] = kc.keys[i].id;
			free(kc.keys[i].name);
		}
		free(kc.keys);
		if (!ids)
			return;
	}
	s->ids = ids;
	s->n_ids = n;
	s->explicit_ids = true;
}

static int cand_filter(void *ctx, const char *text)
{
	cand_screen *s = ctx;
	free(s->filter);
	s->filter = text && *text ? strdup(text) : NULL;
	cand_rebuild(s);
	return 0;
}

static int cand_sort(void *ctx, int k)
{
	cand_screen *s = ctx;
	s->sort = k;
	cand_rebuild(s);
	return 0;
}

static void cand_reload(void *ctx)
{
	cand_rebuild(ctx);
}

static size_t cand_index_of(void *ctx, uint64_t id)
{
	cand_screen *s = ctx;
	if (!s->explicit_ids) {
		if (id == 0 || id > s->last)
			return SIZE_MAX;
		return s->sort == CAND_SORT_NEWEST ? (size_t)(s->last - id) : (size_t)(id - 1);
	}
	return ui_rows_index(s->ids, s->n_ids, id);
}

static const ui_list_source cand_source = {
    .columns = cand_columns,
    .n_columns = 6,
    .record_type = DH_R_CANDIDATE,
    .count = cand_count,
    .rows = cand_rows,
    .filter = cand_filter,
    .sort = cand_sort,
    .sort_names = cand_sort_names,
    .n_sorts = CAND_SORTS,
    .reload = cand_reload,
    .index_of = cand_index_of,
    .empty_text = "Chưa có nhân tố mới nào. Bấm a để thêm.",
};

/* --- the candidate form --------------------------------------------------- */

enum {
	CF_NAME,
	CF_KIND,
	CF_DEPARTMENT,
	CF_YEAR,
	CF_POSITION,
	CF_TITLE,
	CF_CRITERIA,
	CF_DESCRIPTION,
	CF_PROSPECTS,
	CF_PROVINCIAL,
	CF_FOLLOWUP,
	CF__COUNT
};

static const ui_field cand_fields[] = {
    [CF_NAME] = {"name", "Họ tên / tên", UI_F_TEXT, 200, true, 0, 0, .bind = "name"},
    [CF_KIND] = {"kind", "Loại", UI_F_CHOICE, 0, true, 0, 0},
    [CF_DEPARTMENT] = {"department", "Đơn vị", UI_F_CHOICE, 0, true, 0, 0, .bind = "department"},
    [CF_YEAR] = {"year", "Năm", UI_F_NUMBER, 4, true, 2000, 2100, .bind = "year"},
    [CF_POSITION] = {"position", "Chức vụ", UI_F_TEXT, 200, false, 0, 0, .bind = "position"},
    [CF_TITLE] = {"title", "Mô hình / thành tích", UI_F_TEXT, 300, false, 0, 0, .bind = "title"},
    [CF_CRITERIA] = {"criteria", "Tiêu chí đạt", UI_F_CHECKS, 0, false, 0, 0, .bind = "criteria"},
    [CF_DESCRIPTION] = {"description", "Mô tả", UI_F_LONG, 20000, false, 0, 0, .bind = "description"},
    [CF_PROSPECTS] = {"prospects", "Triển vọng", UI_F_LONG, 4000, false, 0, 0, .bind = "prospects"},
    [CF_PROVINCIAL] = {"aims_provincial", "Hướng tới cấp tỉnh", UI_F_BOOL, 0, false, 0, 0,
                       .bind = "aims_provincial"},
    [CF_FOLLOWUP] = {"followup_notes", "Theo dõi tiếp", UI_F_LONG, 4000, false, 0, 0,
                     .bind = "followup_notes"},
    {0},
};

static const ui_choice kind_choices[DH_CANDIDATE_KINDS] = {
    {"individual", "Cá nhân"},
    {"collective", "Tập thể"},
    {"model", "Mô hình"},
};

typedef struct cand_form {
	cand_screen *screen; /* the list to put the cursor on after a save */
	ui_choice *departments;
	size_t n_departments;
	ui_choice *criteria[DH_CANDIDATE_KINDS];
	size_t n_criteria[DH_CANDIDATE_KINDS];
} cand_form;

static size_t cand_form_choices(ui_form *f, int field, const ui_choice **out)
{
	cand_form *cf = f->user;
	switch (field) {
	case CF_KIND: *out = kind_choices; return DH_CANDIDATE_KINDS;
	case CF_DEPARTMENT: *out = cf->departments; return cf->n_departments;
	case CF_CRITERIA: {
		int k = kind_from_name(ui_form_get(f, CF_KIND));
		if (k < 0 || k >= DH_CANDIDATE_KINDS)
			k = DH_KIND_INDIVIDUAL;
		*out = cf->criteria[k];
		return cf->n_criteria[k];
	}
	}
	return 0;
}

/* Under the checklist: how many criteria are met against the config's
 * minimum for a new factor ("đạt nhiều tiêu chí"). */
static const char *cand_form_note(ui_form *f, int field, char *buf, size_t size)
{
	if (field != CF_CRITERIA)
		return NULL;
	const ui_choice *c;
	size_t n = cand_form_choices(f, field, &c);
	int met = 0;
	for (size_t i = 0; i < n; i++)
		met += ui_form_checked(f, field, c[i].value);
	int min = f->base.ctx->cfg->criteria.new_factor_min;
	if (min <= 0)
		snprintf(buf, size, "Đạt %d/%zu tiêu chí", met, n);
	else if (met >= min)
		snprintf(buf, size, "Đạt %d/%zu tiêu chí — đủ mức nhân tố mới (từ %d)", met, n, min);
	else
		snprintf(buf, size, "Đạt %d/%zu tiêu chí — cần ít nhất %d", met, n, min);
	return buf;
}

/* The kind is shown by its name ("individual"), not its number. */
static void cand_form_load(ui_form *f, const void *rec)
{
	ui_form_set(f, CF_KIND, kind_name(((const dh_candidate *)rec)->kind));
}

static int cand_form_check(ui_form *f, void *rec)
{
	dh_candidate *c = rec;
	int rc = 0;
	int kind = kind_from_name(ui_form_get(f, CF_KIND));
	if (kind < 0) {
		ui_form_error(f, CF_KIND, "Chọn một loại");
		rc = DH_EINVAL;
	}
	if (!config_department(f->base.ctx->cfg, c->department)) {
		ui_form_error(f, CF_DEPARTMENT, "Chọn một đơn vị trong danh sách");
		rc = DH_EINVAL;
	}
	c->kind = kind;
	if (!c->year)
		c->year = f->base.ctx->cfg->plan.year;
	return rc;
}

/* A new candidate: an individual of my department, this plan year. */
static void cand_form_defaults(ui_form *f, void *rec)
{
	dh_candidate *c = rec;
	const dh_config *cfg = f->base.ctx->cfg;
	const dh_person *me = f->base.ctx->person;
	c->year = cfg->plan.year;
	c->kind = DH_KIND_INDIVIDUAL;
	if (me && me->department)
		record_set_str(&c->department, me->department);
	else if (cfg->n_departments)
		record_set_str(&c->department, cfg->departments[0].id);
}

static int cand_form_write(dh_ctx *ctx, const void *rec, uint64_t *id)
{
	return wf_candidate_save(ctx, rec, id);
}

static void cand_form_saved(ui_form *f, const void *rec)
{
	cand_form *cf = f->user;
	if (cf->screen) {
		ui_list_reload(&cf->screen->list);
		ui_list_select(&cf->screen->list, ((const dh_meta *)rec)->id);
	}
}

static void cand_form_free(void *user)
{
	cand_form *cf = user;
	free(cf->departments);
	for (int k = 0; k < DH_CANDIDATE_KINDS; k++)
		free(cf->criteria[k]);
	free(cf);
}

static const ui_form_spec cand_form_spec = {
    .name = "candidate",
    .title = "Hồ sơ nhân tố",
    .title_new = "Thêm nhân tố mới",
    .fields = cand_fields,
    .choices = cand_form_choices,
    .note = cand_form_note,
    .type = DH_R_CANDIDATE,
    .write = cand_form_write,
    .defaults = cand_form_defaults,
    .load = cand_form_load,
    .check = cand_form_check,
    .saved = cand_form_saved,
    .free_user = cand_form_free,
};

/* A form for C (NULL: a new candidate with the defaults; the cursor on
 * the name). */
static ui_form *cand_form_open(ui_app *app, cand_screen *screen, const dh_candidate *c)
{
	dh_ctx *ctx = ui_ctx(app);
	const dh_config *cfg = ctx->cfg;
	cand_form *cf = calloc(1, sizeof(*cf));
	if (!cf)
		return NULL;
	cf->screen = screen;
	cf->departments = calloc(cfg->n_departments + 1, sizeof(*cf->departments));
	bool ok = cf->departments != NULL;
	/* Only the departments this person may save a record for (a
	 * department head: his own), and the record's own when editing. */
	size_t nd = 0;
	for (size_t i = 0; ok && i < cfg->n_departments; i++) {
		const char *id = cfg->departments[i].id;
		bool mine = c && c->department && strcmp(c->department, id) == 0;
		if (!mine && !wf_may_for(ctx, c ? DH_ACT_EDIT : DH_ACT_CREATE, id))
			continue;
		cf->departments[nd].value = id;
		cf->departments[nd++].label = cfg->departments[i].name;
	}
	cf->n_departments = nd;
	for (int k = 0; ok && k < DH_CANDIDATE_KINDS; k++) {
		size_t n = cfg->criteria.n[k];
		cf->criteria[k] = calloc(n + 1, sizeof(ui_choice));
		ok = cf->criteria[k] != NULL;
		for (size_t i = 0; ok && i < n; i++) {
			cf->criteria[k][i].value = cfg->criteria.list[k][i].id;
			cf->criteria[k][i].label = cfg->criteria.list[k][i].text;
		}
		cf->n_criteria[k] = n;
	}
	if (!ok) {
		cand_form_free(cf);
		return NULL;
	}
	ui_form *f = ui_form_open(app, &cand_form_spec, c, cf);
	if (!f)
		return NULL;
	if (c)
		f->readonly = !wf_candidate_may(ctx, DH_ACT_EDIT, c);
	ui_form_focus(f, CF_NAME);
	return f;
}

/* --- the candidate screen ------------------------------------------------- */

static const ui_binding cand_keys[] = {
    {UI_A_OPEN, "Enter", {UI_ENTER}, NULL, "Mở hồ sơ đang chọn", false},
    {UI_A_ADD, "a", {'a'}, NULL, "Thêm nhân tố mới", false},
    {UI_A_EDIT, "e", {'e'}, NULL, "Sửa hồ sơ đang chọn", false},
    {UI_A_FOSTER, "b", {'b'}, NULL, NULL, false},
    UI_LIST_BINDINGS,
    {UI_A_DELETE, "x", {'x'}, NULL, NULL, false},
    {0},
};

/* The record under the cursor, read again when the cursor or the data
 * moved: the key line asks the workflow about this very record. */
static const dh_candidate *cand_peek(cand_screen *s)
{
	return ui_list_record(&s->list, s->base.ctx->store);
}

static dh_candidate *cand_current(cand_screen *s)
{
	const ui_list_row *row = ui_list_current(&s->list);
	void *rec = NULL;
	if (!row || !row->id || repo_get(s->base.ctx->store, DH_R_CANDIDATE, row->id, &rec) != 0)
		return NULL;
	return rec;
}

static bool cand_offers(ui_view *v, int action)
{
	cand_screen *s = (cand_screen *)v;
	const dh_candidate *c = NULL;
	switch (action) {
	case UI_A_OPEN: return s->list.filtering || cand_peek(s) != NULL;
	case UI_A_ADD: return wf_may(v->ctx, DH_ACT_CREATE);
	case UI_A_EDIT: c = cand_peek(s); return c && wf_candidate_may(v->ctx, DH_ACT_EDIT, c);
	case UI_A_DELETE: c = cand_peek(s); return c && wf_candidate_may(v->ctx, DH_ACT_DELETE, c);
	case UI_A_FOSTER: return cand_peek(s) != NULL;
	}
	return true;
}

static unsigned cand_key(ui_view *v, int action, int key)
{
	cand_screen *s = (cand_screen *)v;
	(void)key;
	switch (action) {
	case UI_A_ADD: {
		if (ui_refused(v->app, wf_check(v->ctx, DH_ACT_CREATE)))
			return UI_R_DRAW;
		return ui_form_push(v->app, cand_form_open(v->app, s, NULL));
	}
	case UI_A_OPEN:
	case UI_A_EDIT: {
		dh_candidate *c = cand_current(s);
		if (!c)
			return UI_R_DRAW;
		ui_form *f = cand_form_open(v->app, s, c);
		record_free(DH_R_CANDIDATE, c);
		if (f)
			ui_push(v->app, &f->base);
		return UI_R_DRAW;
	}
	case UI_A_FOSTER: {
		dh_candidate *c = cand_current(s);
		if (!c)
			return UI_R_DRAW;
		ui_view *fv = foster_open(v->app, c);
		record_free(DH_R_CANDIDATE, c);
		if (fv)
			ui_push(v->app, fv);
		return UI_R_DRAW;
	}
	case UI_A_DELETE: {
		dh_candidate *c = cand_current(s);
		if (!c)
			return UI_R_DRAW;
		char q[300];
		snprintf(q, sizeof(q), "Xóa hồ sơ “%s”? (vẫn lưu vết trong nhật ký)", c->name ? c->name : "");
		ui_delete_asked(v->app, DH_R_CANDIDATE, c->meta.id, q, "Xóa từ màn hình Nhân tố mới");
		record_free(DH_R_CANDIDATE, c);
		return UI_R_RELOAD | UI_R_DRAW;
	}
	}
	return UI_R_NONE;
}

static void cand_destroy(ui_view *v)
{
	cand_screen *s = (cand_screen *)v;
	free(s->ids);
	free(s->filter);
}

static int cand_start(ui_view *v, const void *arg)
{
	cand_screen *s = (cand_screen *)v;
	(void)arg;
	return ui_list_view_start(v, &s->list, &cand_source);
}

const ui_view_ops ui_candidates_view = {
    .size = sizeof(cand_screen),
    .start = cand_start,
    .bindings = cand_keys,
    .key = cand_key,
    .offers = cand_offers,
    .destroy = cand_destroy,
};

/* --- the fostering log ------------------------------------------------------ */

typedef ui_candlog foster_view;

static const ui_list_column foster_columns[] = {
    {"Ngày", 10, false},   {"Hình thức", 15, false},       {"Nội dung", 0, false},
    {"Số tiền", 13, true}, {"Người thực hiện", 16, false},
};

static void foster_fill(void *ctx, const void *item, ui_list_row *row)
{
	const dh_fostering *f = item;
	char money[40] = "";
	(void)ctx;
	ui_rows_dated(row, &f->meta, f->date);
	snprintf(row->cells[1], UI_LIST_CELL, "%s", fostering_kind_label(f->kind));
	ui_rows_named(row, 2, &f->meta, f->description);
	if (f->amount)
		ui_format_money(f->amount, money, sizeof(money));
	snprintf(row->cells[3], UI_LIST_CELL, "%s", money);
	snprintf(row->cells[4], UI_LIST_CELL, "%s", f->by ? f->by : "");
}

static const ui_list_source foster_source = {
    .columns = foster_columns,
    .n_columns = 5,
    .load = ui_candlog_load,
    .fill = foster_fill,
    .item_type = DH_R_FOSTERING,
    .empty_text = "Chưa có ghi nhận bồi dưỡng nào. Bấm a để thêm.",
};

enum { FF_DATE, FF_KIND, FF_DESCRIPTION, FF_AMOUNT, FF_BY, FF__COUNT };

static const ui_field foster_fields[] = {
    [FF_DATE] = {"date", "Ngày", UI_F_DATE, 0, true, 0, 0, .bind = "date"},
    [FF_KIND] = {"kind", "Hình thức", UI_F_CHOICE, 0, true, 0, 0, .bind = "kind",
                 .invalid = "Chọn một hình thức"},
    [FF_DESCRIPTION] = {"description", "Nội dung", UI_F_LONG, 4000, true, 0, 0, .bind = "description"},
    [FF_AMOUNT] = {"amount", "Số tiền hỗ trợ", UI_F_MONEY, 0, false, 0, 1000000000000LL, .bind = "amount"},
    [FF_BY] = {"by", "Người thực hiện", UI_F_TEXT, 200, false, 0, 0, .bind = "by"},
    {0},
};

static const ui_choice foster_kind_choices[] = {
    {"0", "Hướng dẫn"},
    {"1", "Động viên"},
    {"2", "Hỗ trợ vật chất"},
};

static size_t foster_form_choices(ui_form *f, int field, const ui_choice **out)
{
	(void)f;
	if (field == FF_KIND) {
		*out = foster_kind_choices;
		return 3;
	}
	return 0;
}

static int foster_form_check(ui_form *f, void *rec)
{
	const dh_fostering *r = rec;
	if (r->amount && r->kind != DH_FOSTER_MATERIAL) {
		ui_form_error(f, FF_AMOUNT, "Chỉ ghi số tiền khi hình thức là hỗ trợ vật chất");
		return DH_EINVAL;
	}
	return 0;
}

static int foster_form_write(dh_ctx *ctx, const void *rec, uint64_t *id)
{
	return wf_fostering_save(ctx, rec, id);
}

static void foster_form_saved(ui_form *f, const void *rec)
{
	foster_view *log = f->user;
	if (log) {
		ui_list_reload(&log->list);
		ui_list_select(&log->list, ((const dh_meta *)rec)->id);
	}
}

/* A new entry's draft points at its candidate; an edit at the entry. */
static void foster_form_target(ui_form *f, int *type, uint64_t *id, uint32_t *rev)
{
	const dh_fostering *r = f->rec;
	*type = r->meta.id ? DH_R_FOSTERING : DH_R_CANDIDATE;
	*id = r->meta.id ? r->meta.id : r->candidate_id;
	*rev = r->meta.id ? r->meta.rev : 0;
}

/* Today's guidance by me, for the candidate of the log. */
static void foster_form_defaults(ui_form *f, void *rec)
{
	dh_ctx *ctx = f->base.ctx;
	foster_view *log = f->user;
	dh_fostering *r = rec;
	r->candidate_id = log->candidate_id;
	r->date = ctx->today;
	r->kind = DH_FOSTER_GUIDANCE;
	record_set_str(&r->by, ctx->person ? ctx->person->name : ctx->login);
}

static void foster_form_keep_log(void *user)
{
	(void)user; /* the log is a view of its own */
}

static const ui_form_spec foster_form_spec = {
    .name = "fostering",
    .title = "Ghi nhận bồi dưỡng",
    .fields = foster_fields,
    .choices = foster_form_choices,
    .type = DH_R_FOSTERING,
    .write = foster_form_write,
    .defaults = foster_form_defaults,
    .check = foster_form_check,
    .saved = foster_form_saved,
    .target = foster_form_target,
    .free_user = foster_form_keep_log,
};

static ui_form *foster_form_open(ui_app *app, foster_view *log, const void *r)
{
	ui_form *f = ui_form_open(app, &foster_form_spec, r, log);
	if (!f)
		return NULL;
	f->readonly = !log->candidate || !wf_candidate_may(ui_ctx(app), DH_ACT_FOSTER, log->candidate);
	ui_form_focus(f, r ? FF_DATE : FF_DESCRIPTION);
	return f;
}

static const ui_binding foster_keys[] = {
    {UI_A_ADD, "a", {'a'}, NULL, "Ghi nhận bồi dưỡng mới", false},
    {UI_A_OPEN, "Enter/e", {UI_ENTER, 'e'}, NULL, "Mở / sửa ghi nhận đang chọn", false},
    {UI_A_DELETE, "x", {'x'}, NULL, "Xóa ghi nhận đang chọn (hỏi lại trước; vẫn lưu vết)", false},
    {UI_A_CANCEL, "Esc", {UI_ESC}, "Quay lại", "Về danh sách nhân tố", true},
    UI_LIST_BINDINGS,
    {0},
};

/* x: asked with the entry's date; the log is read again. */
static unsigned foster_remove(ui_app *app, const void *entry)
{
	const dh_fostering *e = entry;
	char q[200], date[11];
	snprintf(q, sizeof(q), "Xóa ghi nhận bồi dưỡng ngày %s? (vẫn lưu vết trong nhật ký)",
	         date_vn(e->date, date));
	ui_delete_asked(app, DH_R_FOSTERING, e->meta.id, q, "Xóa từ sổ bồi dưỡng");
	return UI_R_RELOAD | UI_R_DRAW;
}

static void foster_draw(ui_view *v, WINDOW *w)
{
	foster_view *fv = (foster_view *)v;
	int64_t total = 0;
	size_t times = 0;
	for (size_t i = 0; i < fv->list.items.n; i++)
		if (!((dh_fostering *)fv->list.items.v[i])->meta.deleted) {
			total += ((dh_fostering *)fv->list.items.v[i])->amount;
			times++;
		}
	char money[40], tail[96];
	snprintf(tail, sizeof(tail), " · %zu lần · hỗ trợ vật chất %s đồng", times,
	         ui_format_money(total, money, sizeof(money)));
	/* A long name gives way, never the total: a cut amount reads as
	 * another amount ("1.500.00"). */
	int cols = getmaxx(w) - 2;
	int name_cols = cols - utf8_width(tail);
	wattrset(w, ui_style(UI_S_TITLE));
	size_t keep = utf8_fit(fv->title, name_cols > 0 ? name_cols : 0, NULL);
	while (keep > 0 && fv->title[keep] && fv->title[keep - 1] == ' ')
		keep--; /* cut at a space: no double space before the tail */
	int used = ui_putf(w, 0, 1, cols, "%.*s", (int)keep, fv->title);
	ui_put(w, 0, 1 + used, tail, cols - used);
	wattrset(w, A_NORMAL);
	ui_list_draw(&fv->list, w, 1, 0, getmaxy(w) - 1, getmaxx(w));
}

static const ui_view_ops foster_ops = {
    .size = sizeof(foster_view),
    .start = ui_candlog_start,
    .bindings = foster_keys,
    .title = ui_candlog_title,
    .draw = foster_draw,
    .key = ui_candlog_key,
    .offers = ui_candlog_offers,
    .destroy = ui_candlog_destroy,
};

static const ui_candlog_spec foster_log = {
    .add = DH_ACT_FOSTER,
    .form = foster_form_open,
    .remove = foster_remove,
    .ops = &foster_ops,
    .source = &foster_source,
    .title_prefix = "Bồi dưỡng: ",
    .title_size = 160,
};

static ui_view *foster_open(ui_app *app, const dh_candidate *c)
{
	foster_view *fv = ui_candlog_open(app, &foster_log, c);
	return fv ? &fv->base : NULL;
}

/* --- drafts ------------------------------------------------------------------ */

bool ui_candidates_restore(ui_app *app, const dh_draft *d)
{
	dh_ctx *ctx = ui_ctx(app);
	cand_screen *screen = (cand_screen *)NULL;
	if (!d->form)
		return false;
	if (strcmp(d->form, "candidate") == 0) {
		void *rec = NULL;
		if (d->target_id && repo_get(ctx->store, DH_R_CANDIDATE, d->target_id, &rec) != 0)
			return false;
		ui_form *f = cand_form_open(app, screen, rec);
		if (rec)
			record_free(DH_R_CANDIDATE, rec);
		/* Saving checks against the revision the typing started from. */
		return ui_form_restore(app, f, d, true);
	}
	if (strcmp(d->form, "fostering") == 0) {
		void *entry = NULL;
		uint64_t cand_id = d->target_id;
		if (d->target_type == DH_R_FOSTERING) {
			if (repo_get(ctx->store, DH_R_FOSTERING, d->target_id, &entry) != 0)
				return false;
			cand_id = ((dh_fostering *)entry)->candidate_id;
		}
		void *cand = NULL;
		if (repo_get(ctx->store, DH_R_CANDIDATE, cand_id, &cand) != 0) {
			if (entry)
				record_free(DH_R_FOSTERING, entry);
			return false;
		}
		ui_view *log = foster_open(app, cand);
		record_free(DH_R_CANDIDATE, cand);
		if (!log) {
			if (entry)
				record_free(DH_R_FOSTERING, entry);
			return false;
		}
		ui_push(app, log);
		ui_form *f = foster_form_open(app, (foster_view *)log, entry);
		if (entry) {
			record_free(DH_R_FOSTERING, entry);
		}
		ui_form_restore(app, f, d, false);
		return true; /* the log is shown, with or without its form */
	}
	return false;
}
