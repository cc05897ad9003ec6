/* scr_awards.c — screen 4, Khen thưởng, nhân rộng (section II.3 of the
 * plan). Four tabs, switched with Tab:
 *
 *   Hồ sơ đã công nhận     recognised and awarded records of every year:
 *                          Space marks records for a Giấy khen, k makes
 *                          the award decision, Enter opens the record's
 *                          replication log, t its follow-up toward the
 *                          provincial level (aims_provincial, notes);
 *   Quyết định khen thưởng the award decisions; Enter shows one with its
 *                          records, x revokes it with a reason;
 *   Tuyên dương            ceremonies (date, title, place, decisions);
 *   Nhân rộng              every replication activity (agency meeting,
 *                          website post with its address, other).
 *
 * Every change goes through the workflow (wf_award, wf_decision_revoke,
 * wf_ceremony_save, wf_activity_save, wf_candidate_save), which checks
 * roles, stage and hold and writes the audit entry. Nothing is held
 * between keys. Finding the recognised records means reading every
 * candidate: a large store is read in slices while the screen is idle (as
 * screen 1 counts), and the previous list stays on screen meanwhile. */
#include "dienhinh/ui_app.h"

#include "dienhinh/date.h"
#include "dienhinh/error.h"
#include "dienhinh/lookup.h"
#include "dienhinh/record.h"
#include "dienhinh/report.h"
#include "dienhinh/repo.h"
#include "dienhinh/ui_candlog.h"
#include "dienhinh/ui_form.h"
#include "dienhinh/ui_list.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AW_SLICE        2000  /* candidates read per idle slice */
#define AW_SYNC_LIMIT   20000 /* up to this many candidates, read at once */
#define AW_FILTER_LIMIT 50000 /* lookup hits kept while filtering */
#define AW_CHECKS_MAX   150   /* records one decision form lists (the widget keeps 1 KiB of codes) */

enum { AW_A_TAB = UI_A__COUNT, AW_A_AWARD, AW_A_FOLLOWUP, AW_A_REVOKE, AW_A_PRINT };
enum { AW_TAB_RECORDS, AW_TAB_DECISIONS, AW_TAB_CEREMONIES, AW_TAB_ACTIVITIES, AW_TABS };
static const char *const aw_tab_names[AW_TABS] = {"Hồ sơ đã công nhận", "Quyết định khen thưởng",
                                                  "Tuyên dương", "Nhân rộng"};

/* Short names of the activity kinds for narrow columns. */
static const char *const aw_activity_short[3] = {"Hội nghị", "Trang web", "Khác"};

typedef struct aw_rec {
	uint64_t id;
	int year;
} aw_rec;

typedef struct aw_vec {
	aw_rec *v;
	size_t n, cap;
} aw_vec;

typedef struct aw_screen {
	ui_view base;
	int tab;
	ui_list lists[AW_TABS];
	/* Recognised and awarded records: the last complete pass is shown. */
	aw_vec shown, work;
	bool scanning;
	uint64_t next, last;
	char *filter;   /* lookup text on the records tab */
	uint64_t *hits; /* its hits, best first */
	size_t n_hits;
	uint64_t *tags; /* records marked for a Giấy khen */
	size_t n_tags;
	dh_candidate *cur;       /* the record under the cursor, for the key line */
	dh_decision **decisions; /* award decisions, newest first */
	size_t n_decisions;
	dh_ceremony **ceremonies; /* newest first */
	size_t n_ceremonies;
	uint64_t last_activity; /* activities are ids 1..last, shown newest first */
} aw_screen;

typedef ui_candlog aw_log_view;

static ui_view *aw_log_open(ui_app *app, const dh_candidate *c);
static ui_view *aw_decision_open(ui_app *app, const dh_decision *d);
static ui_form *aw_award_form_open(ui_app *app, aw_screen *s, const uint64_t *ids, size_t n);
static ui_form *aw_revoke_form_open(ui_app *app, const dh_decision *d);
static ui_form *aw_ceremony_form_open(ui_app *app, const dh_ceremony *c);
static ui_form *aw_activity_form_open(ui_app *app, const dh_activity *a, uint64_t candidate_id);
static ui_form *aw_followup_form_open(ui_app *app, const dh_candidate *c);

/* --- helpers ---------------------------------------------------------------- */

static int aw_set_str(char **dst, const char *s)
{
	char *copy = NULL;
	if (s && *s && !(copy = strdup(s)))
		return DH_ENOMEM;
	free(*dst);
	*dst = copy;
	return 0;
}

static const char *aw_dept_name(const dh_config *cfg, const char *id)
{
	const dh_department *d = id ? config_department(cfg, id) : NULL;
	return d ? d->name : (id ? id : "");
}

static const char *aw_person_name(const dh_config *cfg, const char *login)
{
	const dh_person *p = login ? config_person(cfg, login) : NULL;
	return p ? p->name : (login ? login : "");
}

static bool aw_has(const uint64_t *v, size_t n, uint64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == id)
			return true;
	return false;
}

static void aw_error(ui_view *v, const char *what, int rc)
{
	ui_error(v->app, "%s: %s", what, v->ctx->message[0] ? v->ctx->message : dh_strerror(rc));
}

/* Codes of a checklist ("12,15") into an id list. */
static int aw_ids_from_codes(const char *codes, dh_idlist *out)
{
	const char *p = codes;
	while (*p) {
		char *end;
		unsigned long long id = strtoull(p, &end, 10);
		if (end == p)
			break;
		if (id && idlist_push(out, id) != 0)
			return DH_ENOMEM;
		p = *end == ',' ? end + 1 : end;
		if (*end != ',')
			break;
	}
	return 0;
}

/* "12,15" from an id list, into BUF. */
static const char *aw_codes_from_ids(const dh_idlist *l, char *buf, size_t size)
{
	size_t o = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < l->n && o < size; i++)
		o += (size_t)snprintf(buf + o, size - o, "%s%llu", i ? "," : "", (unsigned long long)l->v[i]);
	return buf;
}

/* A list of choices whose labels the list owns. */
typedef struct aw_choices {
	ui_choice *v;
	size_t n, cap;
} aw_choices;

static int aw_choice_add(aw_choices *c, const char *value, const char *label)
{
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 16;
		ui_choice *v = realloc(c->v, cap * sizeof(*v));
		if (!v)
			return DH_ENOMEM;
		memset(v + c->cap, 0, (cap - c->cap) * sizeof(*v));
		c->v = v;
		c->cap = cap;
	}
	char *val = strdup(value), *lab = strdup(label);
	if (!val || !lab) {
		free(val);
		free(lab);
		return DH_ENOMEM;
	}
	/* Field by field: cppcheck 2.10 loses track of the ownership in a
	 * compound literal and reports a leak. */
	c->v[c->n].value = val;
	c->v[c->n].label = lab;
	c->n++;
	return 0;
}

static void aw_choices_free(aw_choices *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free((char *)c->v[i].value);
		free((char *)c->v[i].label);
	}
	free(c->v);
	memset(c, 0, sizeof(*c));
}

/* "Nguyễn Văn A — Phòng Nghiệp vụ 1, 2020" for a picker or a checklist. */
static void aw_candidate_label(const dh_config *cfg, const dh_candidate *c, char *buf, size_t size)
{
	snprintf(buf, size, "%s (%d, %s)", c->name ? c->name : "", c->year, aw_dept_name(cfg, c->department));
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
	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 256;
		aw_rec *v = realloc(w->v, cap * sizeof(*v));
		if (!v)
			return -1;
		w->v = v;
		w->cap = cap;
	}
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
static bool aw_scan_step(aw_screen *s, size_t slice)
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

/* --- the decisions tab ------------------------------------------------------- */

static int aw_collect_decision(const void *rec, void *arg)
{
	aw_screen *s = arg;
	const dh_decision *d = rec;
	if (d->type != DH_DEC_AWARD || d->meta.deleted)
		return 0;
	dh_decision **v = realloc(s->decisions, (s->n_decisions + 1) * sizeof(dh_decision *));
	if (!v)
		return -1;
	s->decisions = v;
	if (!(v[s->n_decisions] = record_dup(DH_R_DECISION, d)))
		return -1;
	s->n_decisions++;
	return 0;
}

static int aw_collect_ceremony(const void *rec, void *arg)
{
	aw_screen *s = arg;
	dh_ceremony **v = realloc(s->ceremonies, (s->n_ceremonies + 1) * sizeof(dh_ceremony *));
	if (!v)
		return -1;
	s->ceremonies = v;
	if (!(v[s->n_ceremonies] = record_dup(DH_R_CEREMONY, rec)))
		return -1;
	s->n_ceremonies++;
	return 0;
}

static int aw_decision_newest(const void *a, const void *b)
{
	const dh_decision *x = *(dh_decision *const *)a, *y = *(dh_decision *const *)b;
	if (x->date != y->date)
		return x->date < y->date ? 1 : -1;
	return x->meta.id < y->meta.id ? 1 : x->meta.id > y->meta.id ? -1 : 0;
}

static int aw_ceremony_newest(const void *a, const void *b)
{
	const dh_ceremony *x = *(dh_ceremony *const *)a, *y = *(dh_ceremony *const *)b;
	if (x->date != y->date)
		return x->date < y->date ? 1 : -1;
	return x->meta.id < y->meta.id ? 1 : x->meta.id > y->meta.id ? -1 : 0;
}

/* Decisions and ceremonies are few: read whole. */
static void aw_load_small(aw_screen *s)
{
	dh_store *st = s->base.ctx->store;
	for (size_t i = 0; i < s->n_decisions; i++)
		record_free(DH_R_DECISION, s->decisions[i]);
	for (size_t i = 0; i < s->n_ceremonies; i++)
		record_free(DH_R_CEREMONY, s->ceremonies[i]);
	s->n_decisions = s->n_ceremonies = 0;
	s->last_activity = 0;
	if (!st)
		return;
	repo_each(st, DH_R_DECISION, aw_collect_decision, s);
	repo_each(st, DH_R_CEREMONY, aw_collect_ceremony, s);
	repo_last_id(st, DH_R_ACTIVITY, &s->last_activity);
	if (s->n_decisions)
		qsort(s->decisions, s->n_decisions, sizeof(dh_decision *), aw_decision_newest);
	if (s->n_ceremonies)
		qsort(s->ceremonies, s->n_ceremonies, sizeof(dh_ceremony *), aw_ceremony_newest);
}

static const ui_list_column aw_dec_columns[] = {
    {"Số quyết định", 14, false}, {"Ngày", 10, false},      {"Người ký", 18, false},
    {"Hồ sơ", 5, true},           {"Trạng thái", 0, false},
};

static size_t aw_dec_count(void *ctx)
{
	return ((aw_screen *)ctx)->n_decisions;
}

static size_t aw_dec_rows(void *ctx, size_t first, size_t n, ui_list_row *out)
{
	aw_screen *s = ctx;
	const dh_config *cfg = s->base.ctx->cfg;
	size_t k = 0;
	for (size_t i = first; i < s->n_decisions && k < n; i++, k++) {
		const dh_decision *d = s->decisions[i];
		char date[11], rdate[11];
		out[k].id = d->meta.id;
		out[k].style = d->revoked ? UI_S_DIM : UI_S_NORMAL;
		snprintf(out[k].cells[0], UI_LIST_CELL, "%s", d->number ? d->number : "");
		snprintf(out[k].cells[1], UI_LIST_CELL, "%s", date_vn(d->date, date));
		snprintf(out[k].cells[2], UI_LIST_CELL, "%s", aw_person_name(cfg, d->signer));
		snprintf(out[k].cells[3], UI_LIST_CELL, "%zu", d->candidates.n);
		if (d->revoked)
			snprintf(out[k].cells[4], UI_LIST_CELL, "Đã thu hồi %s: %s",
			         date_vn(d->revoke_date, rdate), d->revoke_reason ? d->revoke_reason : "");
		else
			snprintf(out[k].cells[4], UI_LIST_CELL, "Có hiệu lực");
	}
	return k;
}

static size_t aw_dec_index_of(void *ctx, uint64_t id)
{
	aw_screen *s = ctx;
	for (size_t i = 0; i < s->n_decisions; i++)
		if (s->decisions[i]->meta.id == id)
			return i;
	return SIZE_MAX;
}

static const ui_list_source aw_dec_source = {
    .columns = aw_dec_columns,
    .n_columns = 5,
    .count = aw_dec_count,
    .rows = aw_dec_rows,
    .index_of = aw_dec_index_of,
    .empty_text = "Chưa có quyết định tặng Giấy khen nào.",
};

/* --- the ceremonies tab ----------------------------------------------------------- */

static const ui_list_column aw_cer_columns[] = {
    {"Ngày", 10, false},
    {"Tên buổi", 0, false},
    {"Địa điểm", 22, false},
    {"QĐ", 3, true},
};

static size_t aw_cer_count(void *ctx)
{
	return ((aw_screen *)ctx)->n_ceremonies;
}

static size_t aw_cer_rows(void *ctx, size_t first, size_t n, ui_list_row *out)
{
	aw_screen *s = ctx;
	size_t k = 0;
	for (size_t i = first; i < s->n_ceremonies && k < n; i++, k++) {
		const dh_ceremony *c = s->ceremonies[i];
		char date[11];
		out[k].id = c->meta.id;
		out[k].style = c->meta.deleted ? UI_S_DIM : UI_S_NORMAL;
		snprintf(out[k].cells[0], UI_LIST_CELL, "%s", date_vn(c->date, date));
		snprintf(out[k].cells[1], UI_LIST_CELL, "%s%s", c->meta.deleted ? "(đã xóa) " : "",
		         c->title ? c->title : "");
		snprintf(out[k].cells[2], UI_LIST_CELL, "%s", c->place ? c->place : "");
		snprintf(out[k].cells[3], UI_LIST_CELL, "%zu", c->decisions.n);
	}
	return k;
}

static size_t aw_cer_index_of(void *ctx, uint64_t id)
{
	aw_screen *s = ctx;
	for (size_t i = 0; i < s->n_ceremonies; i++)
		if (s->ceremonies[i]->meta.id == id)
			return i;
	return SIZE_MAX;
}

static const ui_list_source aw_cer_source = {
    .columns = aw_cer_columns,
    .n_columns = 4,
    .count = aw_cer_count,
    .rows = aw_cer_rows,
    .index_of = aw_cer_index_of,
    .empty_text = "Chưa có buổi tuyên dương nào.",
};

/* --- the activities tab (and a record's log) ------------------------------------ */

static const ui_list_column aw_act_columns[] = {
    {"Ngày", 10, false},    {"Hình thức", 9, false},  {"Hồ sơ", 16, false},
    {"Nội dung", 0, false}, {"Trình bày", 14, false}, {"Số dự", 5, true},
};

/* One activity row. NAME is the record's, for the list of every
 * activity; NULL in a record's own log, where that column goes. A web
 * post shows its address first: it is what the reader needs. */
static void aw_act_fill(const dh_activity *a, const char *name, ui_list_row *row)
{
	char date[11];
	int c = 0;
	row->id = a->meta.id;
	row->style = a->meta.deleted ? UI_S_DIM : UI_S_NORMAL;
	snprintf(row->cells[c++], UI_LIST_CELL, "%s", date_vn(a->date, date));
	snprintf(row->cells[c++], UI_LIST_CELL, "%s",
	         a->kind >= 0 && a->kind < 3 ? aw_activity_short[a->kind] : "?");
	if (name)
		snprintf(row->cells[c++], UI_LIST_CELL, "%s", name);
	if (a->kind == DH_ACT_WEBSITE && a->url)
		snprintf(row->cells[c++], UI_LIST_CELL, "%s%s · %s", a->meta.deleted ? "(đã xóa) " : "",
		         a->url, a->title ? a->title : "");
	else
		snprintf(row->cells[c++], UI_LIST_CELL, "%s%s", a->meta.deleted ? "(đã xóa) " : "",
		         a->title ? a->title : "");
	snprintf(row->cells[c++], UI_LIST_CELL, "%s", a->presenter ? a->presenter : "");
	if (a->attendees)
		snprintf(row->cells[c], UI_LIST_CELL, "%d", a->attendees);
	else
		row->cells[c][0] = '\0';
}

typedef struct aw_act_fill_ctx {
	aw_screen *s;
	ui_list_row *out;
	size_t n, max;
} aw_act_fill_ctx;

static int aw_act_page_cb(const void *rec, void *arg)
{
	aw_act_fill_ctx *fc = arg;
	const dh_activity *a = rec;
	void *cand = NULL;
	const char *name = "";
	if (repo_get(fc->s->base.ctx->store, DH_R_CANDIDATE, a->candidate_id, &cand) == 0)
		name = ((dh_candidate *)cand)->name;
	aw_act_fill(a, name ? name : "", &fc->out[fc->n++]);
	if (cand)
		record_free(DH_R_CANDIDATE, cand);
	return fc->n >= fc->max;
}

static size_t aw_act_count(void *ctx)
{
	return (size_t)((aw_screen *)ctx)->last_activity;
}

static size_t aw_act_rows(void *ctx, size_t first, size_t n, ui_list_row *out)
{
	aw_screen *s = ctx;
	aw_act_fill_ctx fc = {s, out, 0, n};
	if (!s->base.ctx->store || first >= s->last_activity)
		return 0;
	repo_page(s->base.ctx->store, DH_R_ACTIVITY, s->last_activity - first, n, true, aw_act_page_cb, &fc);
	return fc.n;
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

/* --- the screen ------------------------------------------------------------------ */

static const ui_binding aw_keys[] = {
    {AW_A_TAB,
     "Tab",
     {UI_TAB, UI_K(KEY_BTAB)},
     "Mục",
     "Chuyển mục: hồ sơ, quyết định, tuyên dương, nhân rộng",
     false},
    {UI_A_OPEN, "Enter", {UI_ENTER}, "Mở", "Mở dòng đang chọn (hồ sơ: sổ nhân rộng của hồ sơ)", false},
    {UI_A_TOGGLE, "Space", {' '}, "Chọn", "Đánh dấu / bỏ đánh dấu hồ sơ để tặng Giấy khen", false},
    {AW_A_AWARD, "a", {'a'}, "Khen thưởng", "Quyết định tặng Giấy khen cho các hồ sơ đã đánh dấu", false},
    {UI_A_ADD, "a", {'a'}, NULL, "Thêm mới ở mục đang xem", false},
    {AW_A_FOLLOWUP, "t", {'t'}, "Theo dõi", "Theo dõi, bồi dưỡng hồ sơ hướng tới cấp tỉnh", false},
    {UI_A_EDIT, "e", {'e'}, NULL, "Sửa dòng đang chọn", false},
    {AW_A_REVOKE, "x", {'x'}, "Thu hồi", "Thu hồi quyết định đang chọn (ghi lý do)", false},
    {UI_A_DOCUMENT, UI_DOC_KEYS, NULL, "Quyết định đang chọn ra tệp Word (o) / PDF (O)", false},
    {AW_A_PRINT,
     "i",
     {'i'},
     "In Giấy khen",
     "In Giấy khen của quyết định đang chọn (PDF, mỗi người một trang)",
     false},
    {UI_A_DELETE, "x", {'x'}, NULL, NULL, false},
    UI_LIST_BINDINGS,
    {0},
};

static ui_list *aw_list(aw_screen *s)
{
	return &s->lists[s->tab];
}

/* The record under the cursor on the records tab, read again when the
 * cursor or the data moved: the key line asks about this very record. */
static const dh_candidate *aw_peek(aw_screen *s)
{
	const ui_list_row *row =
	    s->tab == AW_TAB_RECORDS && s->lists[0].count ? ui_list_current(&s->lists[0]) : NULL;
	if (!row || !row->id) {
		record_free(DH_R_CANDIDATE, s->cur);
		s->cur = NULL;
		return NULL;
	}
	if (s->cur && s->cur->meta.id == row->id)
		return s->cur;
	record_free(DH_R_CANDIDATE, s->cur);
	s->cur = NULL;
	void *rec = NULL;
	if (repo_get(s->base.ctx->store, DH_R_CANDIDATE, row->id, &rec) == 0)
		s->cur = rec;
	return s->cur;
}

static const dh_decision *aw_cur_decision(aw_screen *s)
{
	const ui_list_row *row =
	    s->tab == AW_TAB_DECISIONS ? ui_list_current(&s->lists[AW_TAB_DECISIONS]) : NULL;
	size_t i = row ? aw_dec_index_of(s, row->id) : SIZE_MAX;
	return i == SIZE_MAX ? NULL : s->decisions[i];
}

static const dh_ceremony *aw_cur_ceremony(aw_screen *s)
{
	const ui_list_row *row =
	    s->tab == AW_TAB_CEREMONIES ? ui_list_current(&s->lists[AW_TAB_CEREMONIES]) : NULL;
	size_t i = row ? aw_cer_index_of(s, row->id) : SIZE_MAX;
	return i == SIZE_MAX ? NULL : s->ceremonies[i];
}

static bool aw_offers(ui_view *v, int action)
{
	aw_screen *s = (aw_screen *)v;
	dh_ctx *ctx = v->ctx;
	const dh_candidate *c = s->tab == AW_TAB_RECORDS ? aw_peek(s) : NULL;
	const dh_decision *d = aw_cur_decision(s);
	const dh_ceremony *ce = aw_cur_ceremony(s);
	bool row = aw_list(s)->count > 0;
	switch (action) {
	case AW_A_TAB: return !aw_list(s)->filtering;
	case UI_A_OPEN: return aw_list(s)->filtering || row;
	case UI_A_TOGGLE: return c && wf_candidate_may(ctx, DH_ACT_AWARD, c);
	case AW_A_AWARD:
		return wf_may(ctx, DH_ACT_AWARD) && (s->tab == AW_TAB_RECORDS || s->tab == AW_TAB_DECISIONS);
	case UI_A_ADD:
		switch (s->tab) {
		case AW_TAB_CEREMONIES: return wf_may(ctx, DH_ACT_CEREMONY);
		case AW_TAB_ACTIVITIES: return wf_may(ctx, DH_ACT_REPLICATE);
		default: return false;
		}
	case AW_A_FOLLOWUP: return c && wf_candidate_may(ctx, DH_ACT_EDIT, c);
	case UI_A_EDIT:
		return (s->tab == AW_TAB_CEREMONIES && ce && !ce->meta.deleted &&
		        wf_may(ctx, DH_ACT_CEREMONY)) ||
		       (s->tab == AW_TAB_ACTIVITIES && row && wf_may(ctx, DH_ACT_REPLICATE));
	case AW_A_REVOKE: return d && !d->revoked && wf_may(ctx, DH_ACT_REVOKE);
	case UI_A_DOCUMENT: return d && ui_document_may(v->app);
	case AW_A_PRINT: return d && d->type == DH_DEC_AWARD && !d->revoked && ui_document_may(v->app);
	case UI_A_DELETE:
		return ((s->tab == AW_TAB_CEREMONIES && ce && !ce->meta.deleted) ||
		        (s->tab == AW_TAB_ACTIVITIES && row)) &&
		       wf_may(ctx, DH_ACT_DELETE);
	case UI_A_FILTER: return s->tab == AW_TAB_RECORDS && ui_list_offers(aw_list(s), action);
	case UI_A_SORT: return false;
	}
	return ui_list_offers(aw_list(s), action);
}

static unsigned aw_award(aw_screen *s)
{
	ui_view *v = &s->base;
	if (wf_check(v->ctx, DH_ACT_AWARD) != 0) {
		ui_error(v->app, "%s", v->ctx->message);
		return UI_R_DRAW;
	}
	uint64_t one = 0;
	const uint64_t *ids = s->tags;
	size_t n = s->n_tags;
	const dh_candidate *c = s->tab == AW_TAB_RECORDS ? aw_peek(s) : NULL;
	if (!n && c && c->stage == DH_STAGE_RECOGNISED && !c->on_hold) {
		one = c->meta.id;
		ids = &one;
		n = 1;
	}
	ui_form *f = aw_award_form_open(v->app, s, ids, n);
	if (f)
		ui_push(v->app, &f->base);
	return UI_R_DRAW;
}

/* The activity under the cursor on the activities tab (a new record). */
static dh_activity *aw_cur_activity(aw_screen *s)
{
	const ui_list_row *row = ui_list_current(&s->lists[AW_TAB_ACTIVITIES]);
	void *rec = NULL;
	if (!row || !row->id || repo_get(s->base.ctx->store, DH_R_ACTIVITY, row->id, &rec) != 0)
		return NULL;
	return rec;
}

static unsigned aw_delete(ui_view *v, dh_rtype type, uint64_t id, const char *what)
{
	char q[200];
	snprintf(q, sizeof(q), "Xóa %s? (vẫn lưu vết trong nhật ký)", what);
	if (!ui_confirm(v->app, q))
		return UI_R_DRAW;
	int rc = wf_delete(v->ctx, type, id, "Xóa từ màn hình Khen thưởng, nhân rộng");
	if (rc == 0)
		ui_message(v->app, "Đã xóa (có lưu vết).");
	else
		aw_error(v, "Chưa xóa", rc);
	return UI_R_RELOAD | UI_R_DRAW;
}

/* A new activity from the activities tab: which recognised record? */
static unsigned aw_add_activity(aw_screen *s)
{
	ui_view *v = &s->base;
	aw_choices ch = {0};
	char label[400], code[24];
	for (size_t i = 0; i < s->shown.n; i++) {
		void *rec = NULL;
		if (repo_get(v->ctx->store, DH_R_CANDIDATE, s->shown.v[i].id, &rec) != 0)
			continue;
		const dh_candidate *c = rec;
		if (wf_candidate_may(v->ctx, DH_ACT_REPLICATE, c)) {
			aw_candidate_label(v->ctx->cfg, c, label, sizeof(label));
			snprintf(code, sizeof(code), "%llu", (unsigned long long)c->meta.id);
			aw_choice_add(&ch, code, label);
		}
		record_free(DH_R_CANDIDATE, rec);
	}
	if (!ch.n) {
		ui_error(v->app, "Chưa có hồ sơ đã công nhận nào mà bạn được ghi nhân rộng.");
		aw_choices_free(&ch);
		return UI_R_DRAW;
	}
	int k = ui_pick(v->app, "Nhân rộng hồ sơ nào?", ch.v, ch.n, 0);
	const char *picked = k >= 0 && (size_t)k < ch.n ? ch.v[k].value : NULL;
	uint64_t id = picked ? strtoull(picked, NULL, 10) : 0;
	aw_choices_free(&ch);
	if (!id)
		return UI_R_DRAW;
	ui_form *f = aw_activity_form_open(v->app, NULL, id);
	if (f)
		ui_push(v->app, &f->base);
	return UI_R_DRAW;
}

/* The Giấy khen decision D as a .docx (o) or PDF (O). */
static unsigned aw_document(ui_app *app, const dh_decision *d, int key)
{
	dh_report_opts o;
	report_opts_init(&o);
	o.year = d->year;
	o.decision_id = d->meta.id;
	return ui_document(app, DH_REPORT_DECISION, &o, key);
}

static unsigned aw_key(ui_view *v, int action, int key)
{
	aw_screen *s = (aw_screen *)v;
	unsigned r = ui_list_key(aw_list(s), action, key);
	if (!(r & UI_R_UNHANDLED))
		return r;
	switch (action) {
	case AW_A_TAB:
		s->tab = (s->tab + (key == UI_K(KEY_BTAB) ? AW_TABS - 1 : 1)) % AW_TABS;
		return UI_R_DRAW;
	case UI_A_DOCUMENT: {
		const dh_decision *d = aw_cur_decision(s);
		return d ? aw_document(v->app, d, key) : UI_R_DRAW;
	}
	case AW_A_PRINT: {
		const dh_decision *d = aw_cur_decision(s);
		return d ? ui_certificate(v->app, d->meta.id, 0) : UI_R_DRAW;
	}
	case UI_A_TOGGLE: {
		const dh_candidate *c = aw_peek(s);
		if (!c)
			return UI_R_DRAW;
		if (aw_has(s->tags, s->n_tags, c->meta.id)) {
			for (size_t i = 0; i < s->n_tags; i++)
				if (s->tags[i] == c->meta.id)
					s->tags[i] = s->tags[--s->n_tags];
		} else if (s->n_tags < AW_CHECKS_MAX) {
			uint64_t *t = realloc(s->tags, (s->n_tags + 1) * sizeof(*t));
			if (t) {
				s->tags = t;
				s->tags[s->n_tags++] = c->meta.id;
			}
		}
		ui_list_reload(aw_list(s));
		ui_list_key(aw_list(s), UI_A_DOWN, 0);
		return UI_R_DRAW;
	}
	case AW_A_AWARD: return aw_award(s);
	case AW_A_FOLLOWUP: {
		const dh_candidate *c = aw_peek(s);
		ui_form *f = c ? aw_followup_form_open(v->app, c) : NULL;
		if (f)
			ui_push(v->app, &f->base);
		return UI_R_DRAW;
	}
	case AW_A_REVOKE: {
		const dh_decision *d = aw_cur_decision(s);
		ui_form *f = d ? aw_revoke_form_open(v->app, d) : NULL;
		if (f)
			ui_push(v->app, &f->base);
		return UI_R_DRAW;
	}
	case UI_A_ADD:
		if (s->tab == AW_TAB_ACTIVITIES)
			return aw_add_activity(s);
		if (s->tab == AW_TAB_CEREMONIES) {
			if (wf_check(v->ctx, DH_ACT_CEREMONY) != 0) {
				ui_error(v->app, "%s", v->ctx->message);
				return UI_R_DRAW;
			}
			ui_form *f = aw_ceremony_form_open(v->app, NULL);
			if (f)
				ui_push(v->app, &f->base);
		}
		return UI_R_DRAW;
	case UI_A_OPEN:
	case UI_A_EDIT: {
		ui_view *nv = NULL;
		if (s->tab == AW_TAB_RECORDS) {
			const dh_candidate *c = aw_peek(s);
			nv = c ? aw_log_open(v->app, c) : NULL;
		} else if (s->tab == AW_TAB_DECISIONS) {
			const dh_decision *d = aw_cur_decision(s);
			nv = d ? aw_decision_open(v->app, d) : NULL;
		} else if (s->tab == AW_TAB_CEREMONIES) {
			const dh_ceremony *c = aw_cur_ceremony(s);
			ui_form *f = c ? aw_ceremony_form_open(v->app, c) : NULL;
			nv = f ? &f->base : NULL;
		} else {
			dh_activity *a = aw_cur_activity(s);
			ui_form *f = a ? aw_activity_form_open(v->app, a, a->candidate_id) : NULL;
			record_free(DH_R_ACTIVITY, a);
			nv = f ? &f->base : NULL;
		}
		if (nv)
			ui_push(v->app, nv);
		return UI_R_DRAW;
	}
	case UI_A_DELETE: {
		if (s->tab == AW_TAB_CEREMONIES) {
			const dh_ceremony *c = aw_cur_ceremony(s);
			return c ? aw_delete(v, DH_R_CEREMONY, c->meta.id, "buổi tuyên dương này")
			         : UI_R_DRAW;
		}
		dh_activity *a = s->tab == AW_TAB_ACTIVITIES ? aw_cur_activity(s) : NULL;
		if (!a)
			return UI_R_DRAW;
		uint64_t id = a->meta.id;
		record_free(DH_R_ACTIVITY, a);
		return aw_delete(v, DH_R_ACTIVITY, id, "hoạt động nhân rộng này");
	}
	}
	return UI_R_NONE;
}

static void aw_draw_tabs(aw_screen *s, WINDOW *w, int cols)
{
	int x = 0;
	for (int t = 0; t < AW_TABS && x < cols; t++) {
		char tab[80];
		bool on = t == s->tab;
		snprintf(tab, sizeof(tab), on ? "[%s]" : " %s ", aw_tab_names[t]);
		wattrset(w, on ? ui_style(UI_S_SELECTED) | A_BOLD : A_NORMAL);
		x += ui_put(w, 0, x, tab, cols - x);
		wattrset(w, A_NORMAL);
		x += ui_put(w, 0, x, " ", cols - x);
	}
}

/* The line under the tabs: what this tab holds, and what is marked. */
static void aw_draw_info(aw_screen *s, WINDOW *w, int cols)
{
	char info[300] = "";
	int style = UI_S_DIM;
	switch (s->tab) {
	case AW_TAB_RECORDS:
		if (s->n_tags) {
			snprintf(info, sizeof(info),
			         "Đã đánh dấu %zu hồ sơ: bấm a để quyết định tặng Giấy khen.", s->n_tags);
			style = UI_S_WARN;
		} else if (s->scanning) {
			snprintf(info, sizeof(info), "Đang đọc hồ sơ… %d%%",
			         s->last ? (int)((s->next - 1) * 100 / s->last) : 100);
		} else {
			snprintf(
			    info, sizeof(info),
			    "Hồ sơ đã công nhận, đã khen thưởng của mọi năm; NR: số hoạt động nhân rộng.");
		}
		break;
	case AW_TAB_DECISIONS: {
		size_t live = 0;
		for (size_t i = 0; i < s->n_decisions; i++)
			live += !s->decisions[i]->revoked;
		snprintf(info, sizeof(info), "%zu quyết định tặng Giấy khen có hiệu lực, %zu đã thu hồi.",
		         live, s->n_decisions - live);
		break;
	}
	case AW_TAB_CEREMONIES:
		snprintf(info, sizeof(info),
		         "Các buổi biểu dương, tuyên dương, trao Giấy khen; QĐ: số quyết định được trao.");
		break;
	case AW_TAB_ACTIVITIES:
		snprintf(info, sizeof(info),
		         "Họp cơ quan, đăng trang thông tin điện tử (kèm địa chỉ), hình thức khác.");
		break;
	}
	wattrset(w, ui_style(style));
	ui_put(w, 1, 1, info, cols - 2);
	wattrset(w, A_NORMAL);
}

static void aw_draw(ui_view *v, WINDOW *w)
{
	aw_screen *s = (aw_screen *)v;
	int rows = getmaxy(w), cols = getmaxx(w);
	aw_draw_tabs(s, w, cols);
	aw_draw_info(s, w, cols);
	ui_list_draw(aw_list(s), w, 2, 0, rows - 2, cols);
}

static unsigned aw_idle(ui_view *v)
{
	aw_screen *s = (aw_screen *)v;
	if (!s->scanning)
		return UI_R_NONE;
	if (!aw_scan_step(s, AW_SLICE))
		return UI_R_BUSY | UI_R_DRAW;
	ui_list_reload(&s->lists[AW_TAB_RECORDS]);
	return UI_R_DRAW;
}

static bool aw_typing(ui_view *v)
{
	aw_screen *s = (aw_screen *)v;
	return ui_list_typing(aw_list(s));
}

static bool aw_cursor(ui_view *v, int *y, int *x)
{
	aw_screen *s = (aw_screen *)v;
	return ui_list_cursor(aw_list(s), y, x);
}

/* Another session (or a form of mine) committed. */
static void aw_view_reload(ui_view *v)
{
	aw_screen *s = (aw_screen *)v;
	record_free(DH_R_CANDIDATE, s->cur);
	s->cur = NULL;
	aw_load_small(s);
	aw_scan_start(s);
	if (s->last <= AW_SYNC_LIMIT)
		aw_scan_step(s, AW_SYNC_LIMIT);
	if (aw_filtered(s)) {
		char *text = strdup(s->filter);
		aw_rec_filter(s, text); /* it replaces s->filter: pass a copy */
		free(text);
	}
	/* Tags of records that are no longer waiting for a Giấy khen go. */
	for (size_t i = 0; i < s->n_tags;) {
		void *rec = NULL;
		bool keep = repo_get(v->ctx->store, DH_R_CANDIDATE, s->tags[i], &rec) == 0 &&
		            ((dh_candidate *)rec)->stage == DH_STAGE_RECOGNISED &&
		            !((dh_candidate *)rec)->meta.deleted;
		if (rec)
			record_free(DH_R_CANDIDATE, rec);
		if (keep)
			i++;
		else
			s->tags[i] = s->tags[--s->n_tags];
	}
	for (int t = 0; t < AW_TABS; t++)
		ui_list_reload(&s->lists[t]);
}

static void aw_destroy(ui_view *v)
{
	aw_screen *s = (aw_screen *)v;
	for (int t = 0; t < AW_TABS; t++)
		ui_list_free(&s->lists[t]);
	free(s->shown.v);
	free(s->work.v);
	free(s->filter);
	free(s->hits);
	free(s->tags);
	record_free(DH_R_CANDIDATE, s->cur);
	for (size_t i = 0; i < s->n_decisions; i++)
		record_free(DH_R_DECISION, s->decisions[i]);
	free(s->decisions);
	for (size_t i = 0; i < s->n_ceremonies; i++)
		record_free(DH_R_CEREMONY, s->ceremonies[i]);
	free(s->ceremonies);
	free(s);
}

static const ui_view_ops aw_ops = {
    .bindings = aw_keys,
    .draw = aw_draw,
    .key = aw_key,
    .offers = aw_offers,
    .reload = aw_view_reload,
    .typing = aw_typing,
    .idle = aw_idle,
    .cursor = aw_cursor,
    .destroy = aw_destroy,
};

ui_view *ui_awards_open(ui_app *app)
{
	aw_screen *s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	ui_view_init(&s->base, &aw_ops, app);
	aw_load_small(s);
	aw_scan_start(s);
	if (s->last <= AW_SYNC_LIMIT)
		aw_scan_step(s, AW_SYNC_LIMIT);
	static const ui_list_source *const sources[AW_TABS] = {&aw_rec_source, &aw_dec_source, &aw_cer_source,
	                                                       &aw_act_source};
	for (int t = 0; t < AW_TABS; t++)
		if (ui_list_init(&s->lists[t], sources[t], s) != 0) {
			aw_destroy(&s->base);
			return NULL;
		}
	return &s->base;
}

/* --- a record's replication log ------------------------------------------------ */

static const ui_list_column aw_log_columns[] = {
    {"Ngày", 10, false},      {"Hình thức", 9, false}, {"Nội dung", 0, false},
    {"Trình bày", 15, false}, {"Số dự", 5, true},
};

static size_t aw_log_rows(void *ctx, size_t first, size_t n, ui_list_row *out)
{
	aw_log_view *lv = ctx;
	size_t k = 0;
	for (size_t i = first; i < lv->n && k < n; i++, k++)
		aw_act_fill(lv->items[i], NULL, &out[k]);
	return k;
}

static const ui_list_source aw_log_source = {
    .columns = aw_log_columns,
    .n_columns = 5,
    .count = ui_candlog_count,
    .rows = aw_log_rows,
    .reload = ui_candlog_load,
    .index_of = ui_candlog_index_of,
    .empty_text = "Chưa có hoạt động nhân rộng nào cho hồ sơ này.",
};

static const ui_binding aw_log_keys[] = {
    {UI_A_ADD, "a", {'a'}, NULL, "Ghi hoạt động nhân rộng mới", false},
    {UI_A_OPEN, "Enter/e", {UI_ENTER, 'e'}, "Mở", "Mở / sửa hoạt động đang chọn", false},
    {AW_A_FOLLOWUP, "t", {'t'}, "Theo dõi", "Theo dõi, bồi dưỡng hồ sơ hướng tới cấp tỉnh", false},
    {UI_A_DELETE, "x", {'x'}, NULL, NULL, false},
    {UI_A_CANCEL, "Esc", {UI_ESC}, "Quay lại", "Về danh sách hồ sơ", true},
    UI_LIST_BINDINGS,
    {0},
};

static const dh_activity *aw_log_current(aw_log_view *lv)
{
	return ui_candlog_current(lv);
}

static bool aw_log_offers(ui_view *v, int action)
{
	aw_log_view *lv = (aw_log_view *)v;
	const dh_activity *a = aw_log_current(lv);
	const dh_candidate *c = lv->candidate;
	switch (action) {
	case UI_A_ADD: return c && wf_candidate_may(v->ctx, DH_ACT_REPLICATE, c);
	case UI_A_OPEN: return a != NULL;
	case AW_A_FOLLOWUP: return c && wf_candidate_may(v->ctx, DH_ACT_EDIT, c);
	case UI_A_DELETE:
		return a && !a->meta.deleted && c && wf_may_for(v->ctx, DH_ACT_DELETE, c->department);
	case UI_A_CANCEL: return true;
	case UI_A_FILTER:
	case UI_A_SORT: return false;
	}
	return ui_list_offers(&lv->list, action);
}

static unsigned aw_log_key(ui_view *v, int action, int key)
{
	aw_log_view *lv = (aw_log_view *)v;
	unsigned r = ui_list_key(&lv->list, action, key);
	if (!(r & UI_R_UNHANDLED))
		return r;
	const dh_activity *a = aw_log_current(lv);
	ui_form *f = NULL;
	switch (action) {
	case UI_A_CANCEL: return UI_R_POP;
	case UI_A_ADD:
		if (wf_check(v->ctx, DH_ACT_REPLICATE) != 0) {
			ui_error(v->app, "%s", v->ctx->message);
			return UI_R_DRAW;
		}
		f = aw_activity_form_open(v->app, NULL, lv->candidate_id);
		break;
	case UI_A_OPEN: f = a ? aw_activity_form_open(v->app, a, lv->candidate_id) : NULL; break;
	case AW_A_FOLLOWUP: f = lv->candidate ? aw_followup_form_open(v->app, lv->candidate) : NULL; break;
	case UI_A_DELETE:
		return a ? aw_delete(v, DH_R_ACTIVITY, a->meta.id, "hoạt động nhân rộng này") : UI_R_DRAW;
	default: return UI_R_NONE;
	}
	if (f)
		ui_push(v->app, &f->base);
	return UI_R_DRAW;
}

static void aw_log_draw(ui_view *v, WINDOW *w)
{
	aw_log_view *lv = (aw_log_view *)v;
	const dh_candidate *c = lv->candidate;
	int cols = getmaxx(w);
	char d1[11], d2[11];
	int people = 0, live = 0;
	for (size_t i = 0; i < lv->n; i++)
		if (!((dh_activity *)lv->items[i])->meta.deleted) {
			live++;
			people += ((dh_activity *)lv->items[i])->attendees;
		}
	wattrset(w, ui_style(UI_S_TITLE));
	ui_putf(w, 0, 1, cols - 2, "%s · %s · %d", c && c->name ? c->name : "", c ? kind_label(c->kind) : "",
	        c ? c->year : 0);
	wattrset(w, A_NORMAL);
	if (c && c->award_decision)
		ui_putf(w, 1, 1, cols - 2, "Công nhận: QĐ %s (%s) · Giấy khen: QĐ %s (%s)",
		        c->recognised_decision ? c->recognised_decision : "?",
		        date_vn(c->recognised_date, d1), c->award_decision, date_vn(c->award_date, d2));
	else if (c)
		ui_putf(w, 1, 1, cols - 2, "Công nhận: QĐ %s (%s) · chưa tặng Giấy khen",
		        c->recognised_decision ? c->recognised_decision : "?",
		        date_vn(c->recognised_date, d1));
	ui_putf(w, 2, 1, cols - 2, "Nhân rộng: %d hoạt động, %d lượt người dự · Hướng tới cấp tỉnh: %s", live,
	        people, c && c->aims_provincial ? "có" : "không");
	ui_list_draw(&lv->list, w, 3, 0, getmaxy(w) - 3, cols);
}

static const ui_view_ops aw_log_ops = {
    .bindings = aw_log_keys,
    .title = ui_candlog_title,
    .draw = aw_log_draw,
    .key = aw_log_key,
    .offers = aw_log_offers,
    .reload = ui_candlog_reload,
    .destroy = ui_candlog_destroy,
};

static const ui_candlog_spec aw_log_spec = {
    .type = DH_R_ACTIVITY,
    .ops = &aw_log_ops,
    .source = &aw_log_source,
    .title_prefix = "Nhân rộng: ",
    .title_size = 200,
};

static ui_view *aw_log_open(ui_app *app, const dh_candidate *c)
{
	aw_log_view *lv = ui_candlog_open(app, &aw_log_spec, c);
	return lv ? &lv->base : NULL;
}

/* --- one decision ------------------------------------------------------------------ */

typedef struct aw_dec_view {
	ui_view base;
	ui_list list;
	dh_decision *d;
	dh_candidate **cands;
	size_t n;
	char title[160];
} aw_dec_view;

static const ui_list_column aw_decv_columns[] = {
    {"Số", 5, true},   {"Năm", 4, false},     {"Loại", 7, false},
    {"Tên", 0, false}, {"Đơn vị", 18, false}, {"Bước", 14, false},
};

static void aw_decv_load(aw_dec_view *dv)
{
	dh_store *st = dv->base.ctx->store;
	for (size_t i = 0; i < dv->n; i++)
		record_free(DH_R_CANDIDATE, dv->cands[i]);
	dv->n = 0;
	void *rec = NULL;
	if (st && repo_get(st, DH_R_DECISION, dv->d->meta.id, &rec) == 0) {
		record_free(DH_R_DECISION, dv->d);
		dv->d = rec;
	}
	free(dv->cands);
	dv->cands = calloc(dv->d->candidates.n + 1, sizeof(dh_candidate *));
	for (size_t i = 0; st && dv->cands && i < dv->d->candidates.n; i++) {
		void *c = NULL;
		if (repo_get(st, DH_R_CANDIDATE, dv->d->candidates.v[i], &c) == 0)
			dv->cands[dv->n++] = c;
	}
}

static size_t aw_decv_count(void *ctx)
{
	return ((aw_dec_view *)ctx)->n;
}

static size_t aw_decv_rows(void *ctx, size_t first, size_t n, ui_list_row *out)
{
	aw_dec_view *dv = ctx;
	const dh_config *cfg = dv->base.ctx->cfg;
	size_t k = 0;
	for (size_t i = first; i < dv->n && k < n; i++, k++) {
		const dh_candidate *c = dv->cands[i];
		out[k].id = c->meta.id;
		out[k].style = UI_S_NORMAL;
		snprintf(out[k].cells[0], UI_LIST_CELL, "%llu", (unsigned long long)c->meta.id);
		snprintf(out[k].cells[1], UI_LIST_CELL, "%d", c->year);
		snprintf(out[k].cells[2], UI_LIST_CELL, "%s", kind_label(c->kind));
		snprintf(out[k].cells[3], UI_LIST_CELL, "%s", c->name ? c->name : "");
		snprintf(out[k].cells[4], UI_LIST_CELL, "%s", config_department_short(cfg, c->department));
		snprintf(out[k].cells[5], UI_LIST_CELL, "%s", stage_label(c->stage));
	}
	return k;
}

static void aw_decv_source_reload(void *ctx)
{
	aw_decv_load(ctx);
}

static const ui_list_source aw_decv_source = {
    .columns = aw_decv_columns,
    .n_columns = 6,
    .count = aw_decv_count,
    .rows = aw_decv_rows,
    .reload = aw_decv_source_reload,
    .empty_text = "Quyết định không có hồ sơ nào.",
};

static const ui_binding aw_decv_keys[] = {
    {AW_A_REVOKE, "x", {'x'}, "Thu hồi", "Thu hồi quyết định này (ghi lý do)", false},
    {UI_A_DOCUMENT, UI_DOC_KEYS, NULL, "Quyết định này ra tệp Word (o) / PDF (O)", false},
    {AW_A_PRINT,
     "i",
     {'i'},
     "In Giấy khen",
     "In Giấy khen: của mọi người trong quyết định, hoặc chỉ hồ sơ đang chọn",
     false},
    {UI_A_CANCEL, "Esc", {UI_ESC}, "Quay lại", "Về danh sách quyết định", true},
    UI_LIST_BINDINGS,
    {0},
};

/* The Giấy khen of everyone in the decision, or of the record under the
 * cursor alone (a reprint after a misprint). */
static unsigned aw_decv_print(aw_dec_view *dv)
{
	const ui_list_row *row = ui_list_current(&dv->list);
	char q[200];
	snprintf(q, sizeof(q), "In Giấy khen: t tất cả %zu người · 1 chỉ hồ sơ đang chọn · Esc thôi", dv->n);
	int k = ui_ask(dv->base.app, q, "t1");
	if (k == UI_ESC || (k == '1' && !row))
		return UI_R_DRAW;
	return ui_certificate(dv->base.app, dv->d->meta.id, k == '1' ? row->id : 0);
}

static bool aw_decv_offers(ui_view *v, int action)
{
	aw_dec_view *dv = (aw_dec_view *)v;
	switch (action) {
	case AW_A_REVOKE: return !dv->d->revoked && wf_may(v->ctx, DH_ACT_REVOKE);
	case UI_A_DOCUMENT: return ui_document_may(v->app);
	case AW_A_PRINT:
		return dv->d->type == DH_DEC_AWARD && !dv->d->revoked && dv->n && ui_document_may(v->app);
	case UI_A_CANCEL: return true;
	case UI_A_FILTER:
	case UI_A_SORT: return false;
	}
	return ui_list_offers(&dv->list, action);
}

static unsigned aw_decv_key(ui_view *v, int action, int key)
{
	aw_dec_view *dv = (aw_dec_view *)v;
	unsigned r = ui_list_key(&dv->list, action, key);
	if (!(r & UI_R_UNHANDLED))
		return r;
	switch (action) {
	case UI_A_CANCEL: return UI_R_POP;
	case UI_A_DOCUMENT: return aw_document(v->app, dv->d, key);
	case AW_A_PRINT: return aw_decv_print(dv);
	case AW_A_REVOKE: {
		ui_form *f = aw_revoke_form_open(v->app, dv->d);
		if (f)
			ui_push(v->app, &f->base);
		return UI_R_DRAW;
	}
	}
	return UI_R_NONE;
}

static const char *aw_decv_title(ui_view *v)
{
	return ((aw_dec_view *)v)->title;
}

static void aw_decv_draw(ui_view *v, WINDOW *w)
{
	aw_dec_view *dv = (aw_dec_view *)v;
	const dh_decision *d = dv->d;
	const dh_config *cfg = v->ctx->cfg;
	const dh_award *aw = d->award_id ? config_award(cfg, d->award_id) : NULL;
	int cols = getmaxx(w);
	char date[11];
	wattrset(w, ui_style(UI_S_TITLE));
	ui_putf(w, 0, 1, cols - 2, "Quyết định số %s ngày %s · %s", d->number ? d->number : "",
	        date_vn(d->date, date), aw ? aw->name : (d->award_id ? d->award_id : ""));
	wattrset(w, A_NORMAL);
	ui_putf(w, 1, 1, cols - 2, "Người ký: %s · năm %d · %zu hồ sơ", aw_person_name(cfg, d->signer),
	        d->year, d->candidates.n);
	if (d->revoked) {
		wattrset(w, ui_style(UI_S_WARN));
		ui_putf(w, 2, 1, cols - 2, "ĐÃ THU HỒI ngày %s: %s", date_vn(d->revoke_date, date),
		        d->revoke_reason ? d->revoke_reason : "");
	} else {
		wattrset(w, ui_style(UI_S_OK));
		ui_put(w, 2, 1, "Có hiệu lực", cols - 2);
	}
	wattrset(w, A_NORMAL);
	ui_list_draw(&dv->list, w, 3, 0, getmaxy(w) - 3, cols);
}

static void aw_decv_view_reload(ui_view *v)
{
	ui_list_reload(&((aw_dec_view *)v)->list);
}

static void aw_decv_destroy(ui_view *v)
{
	aw_dec_view *dv = (aw_dec_view *)v;
	ui_list_free(&dv->list);
	for (size_t i = 0; i < dv->n; i++)
		record_free(DH_R_CANDIDATE, dv->cands[i]);
	free(dv->cands);
	record_free(DH_R_DECISION, dv->d);
	free(dv);
}

static const ui_view_ops aw_decv_ops = {
    .bindings = aw_decv_keys,
    .title = aw_decv_title,
    .draw = aw_decv_draw,
    .key = aw_decv_key,
    .offers = aw_decv_offers,
    .reload = aw_decv_view_reload,
    .destroy = aw_decv_destroy,
};

static ui_view *aw_decision_open(ui_app *app, const dh_decision *d)
{
	aw_dec_view *dv = calloc(1, sizeof(*dv));
	if (!dv)
		return NULL;
	ui_view_init(&dv->base, &aw_decv_ops, app);
	dv->d = record_dup(DH_R_DECISION, d);
	if (!dv->d) {
		free(dv);
		return NULL;
	}
	snprintf(dv->title, sizeof(dv->title), "Quyết định %s", d->number ? d->number : "");
	aw_decv_load(dv);
	if (ui_list_init(&dv->list, &aw_decv_source, dv) != 0) {
		aw_decv_destroy(&dv->base);
		return NULL;
	}
	return &dv->base;
}

/* --- the award decision form -------------------------------------------------- */

enum { AF_NUMBER, AF_DATE, AF_SIGNER, AF_AWARD, AF_CANDIDATES, AF__COUNT };

static const ui_field aw_award_fields[AF__COUNT] = {
    [AF_NUMBER] = {"number", "Số quyết định", UI_F_TEXT, 200, true, 0, 0},
    [AF_DATE] = {"date", "Ngày ký", UI_F_DATE, 0, true, 0, 0},
    [AF_SIGNER] = {"signer", "Người ký", UI_F_CHOICE, 0, true, 0, 0},
    [AF_AWARD] = {"award_id", "Hình thức", UI_F_CHOICE, 0, true, 0, 0},
    [AF_CANDIDATES] = {"candidates", "Hồ sơ được khen", UI_F_CHECKS, 0, true, 0, 0},
};

typedef struct aw_award_form {
	aw_screen *screen; /* its marks are cleared once the decision is made */
	aw_choices signers, awards, cands;
} aw_award_form;

static size_t aw_award_choices(ui_form *f, int field, const ui_choice **out)
{
	aw_award_form *af = f->user;
	const aw_choices *c = field == AF_SIGNER       ? &af->signers
	                      : field == AF_AWARD      ? &af->awards
	                      : field == AF_CANDIDATES ? &af->cands
	                                               : NULL;
	if (!c)
		return 0;
	*out = c->v;
	return c->n;
}

static const char *aw_award_note(ui_form *f, int field, char *buf, size_t size)
{
	aw_award_form *af = f->user;
	if (field != AF_CANDIDATES)
		return NULL;
	int n = 0;
	for (size_t i = 0; i < af->cands.n; i++)
		n += ui_form_checked(f, field, af->cands.v[i].value);
	if (!af->cands.n)
		snprintf(buf, size, "Không có hồ sơ nào đã công nhận đang chờ khen thưởng.");
	else
		snprintf(buf, size, "Đã chọn %d/%zu hồ sơ (Space để chọn / bỏ)", n, af->cands.n);
	return buf;
}

static int aw_award_save(ui_form *f)
{
	aw_award_form *af = f->user;
	dh_ctx *ctx = f->base.ctx;
	int date = 0, bad = 0;
	const char *number = ui_form_text(f, AF_NUMBER);
	bad |= !number;
	bad |= ui_form_date(f, AF_DATE, &date) != 0;
	dh_decision *d = record_new(DH_R_DECISION);
	if (!d)
		return DH_ENOMEM;
	int rc = aw_ids_from_codes(ui_form_get(f, AF_CANDIDATES), &d->candidates);
	if (!rc && !d->candidates.n) {
		ui_form_error(f, AF_CANDIDATES, "Chọn ít nhất một hồ sơ (Space)");
		bad = 1;
	}
	if (bad || rc) {
		record_free(DH_R_DECISION, d);
		return rc ? rc : DH_EINVAL;
	}
	d->type = DH_DEC_AWARD;
	d->date = date;
	d->year = ctx->cfg->plan.year;
	rc = aw_set_str(&d->number, number) | aw_set_str(&d->signer, ui_form_get(f, AF_SIGNER)) |
	     aw_set_str(&d->award_id, ui_form_get(f, AF_AWARD));
	uint64_t id = 0;
	if (rc == 0)
		rc = wf_award(ctx, d, &id);
	record_free(DH_R_DECISION, d);
	if (rc == 0 && af->screen)
		af->screen->n_tags = 0;
	return rc;
}

static void aw_award_target(ui_form *f, int *type, uint64_t *id, uint32_t *rev)
{
	(void)f;
	*type = DH_R_DECISION;
	*id = 0;
	*rev = 0;
}

static void aw_award_destroy(ui_form *f)
{
	aw_award_form *af = f->user;
	if (!af)
		return;
	aw_choices_free(&af->signers);
	aw_choices_free(&af->awards);
	aw_choices_free(&af->cands);
	free(af);
}

static const ui_form_spec aw_award_spec = {
    .name = "award_decision",
    .title = "Quyết định tặng Giấy khen",
    .fields = aw_award_fields,
    .n_fields = AF__COUNT,
    .choices = aw_award_choices,
    .note = aw_award_note,
    .save = aw_award_save,
    .target = aw_award_target,
    .destroy = aw_award_destroy,
};

/* Add the record ID to the checklist when it waits for a Giấy khen. */
static void aw_award_offer(ui_form *f, uint64_t id)
{
	aw_award_form *af = f->user;
	dh_ctx *ctx = f->base.ctx;
	char code[24], label[400];
	snprintf(code, sizeof(code), "%llu", (unsigned long long)id);
	if (af->cands.n >= AW_CHECKS_MAX)
		return;
	for (size_t i = 0; i < af->cands.n; i++)
		if (strcmp(af->cands.v[i].value, code) == 0)
			return;
	void *rec = NULL;
	if (repo_get(ctx->store, DH_R_CANDIDATE, id, &rec) != 0)
		return;
	const dh_candidate *c = rec;
	if (!c->meta.deleted && c->stage == DH_STAGE_RECOGNISED && !c->on_hold) {
		aw_candidate_label(ctx->cfg, c, label, sizeof(label));
		aw_choice_add(&af->cands, code, label);
	}
	record_free(DH_R_CANDIDATE, rec);
}

/* The form for a new Giấy khen decision: IDS (the marked records) ticked
 * and listed first, then every other recognised record waiting for one. */
static ui_form *aw_award_form_open(ui_app *app, aw_screen *s, const uint64_t *ids, size_t n)
{
	dh_ctx *ctx = ui_ctx(app);
	const dh_config *cfg = ctx->cfg;
	aw_award_form *af = calloc(1, sizeof(*af));
	if (!af)
		return NULL;
	af->screen = s;
	ui_form *f = ui_form_new(app, &aw_award_spec, af);
	if (!f) {
		free(af);
		return NULL;
	}
	const char *signer = NULL;
	for (size_t i = 0; i < cfg->n_people; i++) {
		const dh_person *p = &cfg->people[i];
		if (!(p->roles & (DH_ROLE_CHIEF | DH_ROLE_LEADER)))
			continue;
		char label[300];
		snprintf(label, sizeof(label), "%s — %s", p->name, p->position ? p->position : "");
		aw_choice_add(&af->signers, p->login, label);
		if (!signer || strcmp(p->login, ctx->login ? ctx->login : "") == 0 ||
		    ((p->roles & DH_ROLE_CHIEF) && !(config_person(cfg, signer)->roles & DH_ROLE_CHIEF)))
			signer = p->login;
	}
	for (size_t i = 0; i < cfg->n_awards; i++)
		aw_choice_add(&af->awards, cfg->awards[i].id, cfg->awards[i].name);
	for (size_t i = 0; i < n; i++)
		aw_award_offer(f, ids[i]);
	char codes[1024] = "";
	size_t o = 0;
	for (size_t i = 0; i < af->cands.n && o < sizeof(codes); i++)
		o += (size_t)snprintf(codes + o, sizeof(codes) - o, "%s%s", i ? "," : "",
		                      af->cands.v[i].value);
	if (s)
		for (size_t i = 0; i < s->shown.n; i++)
			aw_award_offer(f, s->shown.v[i].id);
	char date[11];
	ui_form_set(f, AF_DATE, date_vn(ctx->today, date));
	ui_form_set(f, AF_SIGNER, signer ? signer : "");
	ui_form_set(f, AF_AWARD, cfg->n_awards ? cfg->awards[0].id : "");
	ui_form_set(f, AF_CANDIDATES, codes);
	ui_form_mark_clean(f);
	f->readonly = !wf_may(ctx, DH_ACT_AWARD);
	ui_form_focus(f, AF_NUMBER);
	return f;
}

/* --- revoking a decision --------------------------------------------------------- */

enum { RV_REASON, RV_DATE, RV__COUNT };

static const ui_field aw_revoke_fields[RV__COUNT] = {
    [RV_REASON] = {"reason", "Lý do thu hồi", UI_F_TEXT, 500, true, 0, 0},
    [RV_DATE] = {"date", "Ngày thu hồi", UI_F_DATE, 0, true, 0, 0},
};

typedef struct aw_revoke_form {
	uint64_t id;
	char what[200];
} aw_revoke_form;

static const char *aw_revoke_note(ui_form *f, int field, char *buf, size_t size)
{
	aw_revoke_form *rf = f->user;
	if (field != RV_REASON)
		return NULL;
	snprintf(buf, size, "%s", rf->what);
	return buf;
}

static int aw_revoke_save(ui_form *f)
{
	aw_revoke_form *rf = f->user;
	int date = 0;
	const char *reason = ui_form_text(f, RV_REASON);
	if (ui_form_date(f, RV_DATE, &date) != 0 || !reason)
		return DH_EINVAL;
	int rc = wf_decision_revoke(f->base.ctx, rf->id, reason, date);
	if (rc == 0)
		ui_message(f->base.app, "Đã thu hồi quyết định.");
	return rc;
}

static void aw_revoke_target(ui_form *f, int *type, uint64_t *id, uint32_t *rev)
{
	aw_revoke_form *rf = f->user;
	*type = DH_R_DECISION;
	*id = rf->id;
	*rev = 0;
}

static void aw_revoke_destroy(ui_form *f)
{
	free(f->user);
}

static const ui_form_spec aw_revoke_spec = {
    .name = "award_revoke",
    .title = "Thu hồi quyết định",
    .fields = aw_revoke_fields,
    .n_fields = RV__COUNT,
    .note = aw_revoke_note,
    .save = aw_revoke_save,
    .target = aw_revoke_target,
    .destroy = aw_revoke_destroy,
};

static ui_form *aw_revoke_form_open(ui_app *app, const dh_decision *d)
{
	dh_ctx *ctx = ui_ctx(app);
	aw_revoke_form *rf = calloc(1, sizeof(*rf));
	if (!rf)
		return NULL;
	ui_form *f = ui_form_new(app, &aw_revoke_spec, rf);
	if (!f) {
		free(rf);
		return NULL;
	}
	char date[11];
	rf->id = d->meta.id;
	snprintf(rf->what, sizeof(rf->what), "Quyết định số %s ngày %s, %zu hồ sơ",
	         d->number ? d->number : "", date_vn(d->date, date), d->candidates.n);
	ui_form_set(f, RV_DATE, date_vn(ctx->today, date));
	ui_form_mark_clean(f);
	f->readonly = d->revoked || !wf_may(ctx, DH_ACT_REVOKE);
	ui_form_focus(f, RV_REASON);
	return f;
}

/* --- ceremonies ------------------------------------------------------------------- */

enum { CE_DATE, CE_TITLE, CE_PLACE, CE_DECISIONS, CE_NOTES, CE__COUNT };

static const ui_field aw_cer_fields[CE__COUNT] = {
    [CE_DATE] = {"date", "Ngày tổ chức", UI_F_DATE, 0, true, 0, 0},
    [CE_TITLE] = {"title", "Tên buổi tuyên dương", UI_F_TEXT, 500, true, 0, 0},
    [CE_PLACE] = {"place", "Địa điểm", UI_F_TEXT, 500, false, 0, 0},
    [CE_DECISIONS] = {"decisions", "Quyết định trao", UI_F_CHECKS, 0, false, 0, 0},
    [CE_NOTES] = {"notes", "Ghi chú", UI_F_LONG, 20000, false, 0, 0},
};

typedef struct aw_cer_form {
	dh_ceremony *rec;
	aw_choices decisions;
} aw_cer_form;

static size_t aw_cer_choices(ui_form *f, int field, const ui_choice **out)
{
	aw_cer_form *cf = f->user;
	if (field != CE_DECISIONS)
		return 0;
	*out = cf->decisions.v;
	return cf->decisions.n;
}

typedef struct aw_dec_pick {
	aw_cer_form *cf;
	const dh_config *cfg;
} aw_dec_pick;

/* Award decisions in force, and whatever the ceremony already lists. */
static int aw_cer_decision_cb(const void *rec, void *arg)
{
	aw_dec_pick *p = arg;
	const dh_decision *d = rec;
	bool listed = idlist_has(&p->cf->rec->decisions, d->meta.id);
	if (!listed && (d->type != DH_DEC_AWARD || d->revoked || d->meta.deleted))
		return 0;
	char code[24], label[300], date[11];
	snprintf(code, sizeof(code), "%llu", (unsigned long long)d->meta.id);
	/* Only award decisions are listed: the number and date say which. */
	snprintf(label, sizeof(label), "Số %s ngày %s (%zu hồ sơ)%s", d->number ? d->number : "",
	         date_vn(d->date, date), d->candidates.n, d->revoked ? " — đã thu hồi" : "");
	return aw_choice_add(&p->cf->decisions, code, label) ? -1 : 0;
}

static void aw_cer_load(ui_form *f)
{
	aw_cer_form *cf = f->user;
	char buf[1024];
	ui_form_set(f, CE_DATE, date_vn(cf->rec->date, buf));
	ui_form_set(f, CE_TITLE, cf->rec->title);
	ui_form_set(f, CE_PLACE, cf->rec->place);
	ui_form_set(f, CE_DECISIONS, aw_codes_from_ids(&cf->rec->decisions, buf, sizeof(buf)));
	ui_form_set(f, CE_NOTES, cf->rec->notes);
	ui_form_mark_clean(f);
}

static int aw_cer_save(ui_form *f)
{
	aw_cer_form *cf = f->user;
	int date = 0, bad = 0;
	bad |= ui_form_date(f, CE_DATE, &date) != 0;
	const char *title = ui_form_text(f, CE_TITLE);
	const char *place = ui_form_text(f, CE_PLACE);
	const char *notes = ui_form_text(f, CE_NOTES);
	bad |= !title || !place || !notes;
	if (bad)
		return DH_EINVAL;
	dh_ceremony *c = record_dup(DH_R_CEREMONY, cf->rec);
	if (!c)
		return DH_ENOMEM;
	c->date = date;
	idlist_clear(&c->decisions);
	int rc = aw_set_str(&c->title, title) | aw_set_str(&c->place, place) | aw_set_str(&c->notes, notes);
	if (rc == 0)
		rc = aw_ids_from_codes(ui_form_get(f, CE_DECISIONS), &c->decisions);
	uint64_t id = 0;
	if (rc == 0)
		rc = wf_ceremony_save(f->base.ctx, c, &id);
	if (rc) {
		record_free(DH_R_CEREMONY, c);
		return rc;
	}
	if (!c->meta.id)
		c->meta.id = id;
	record_free(DH_R_CEREMONY, cf->rec);
	cf->rec = c;
	return 0;
}

static int aw_cer_reread(ui_form *f)
{
	aw_cer_form *cf = f->user;
	void *rec = NULL;
	int rc = repo_get(f->base.ctx->store, DH_R_CEREMONY, cf->rec->meta.id, &rec);
	if (rc)
		return rc;
	record_free(DH_R_CEREMONY, cf->rec);
	cf->rec = rec;
	aw_cer_load(f);
	return 0;
}

static void aw_cer_target(ui_form *f, int *type, uint64_t *id, uint32_t *rev)
{
	aw_cer_form *cf = f->user;
	*type = DH_R_CEREMONY;
	*id = cf->rec->meta.id;
	*rev = cf->rec->meta.rev;
}

static void aw_cer_destroy(ui_form *f)
{
	aw_cer_form *cf = f->user;
	if (!cf)
		return;
	record_free(DH_R_CEREMONY, cf->rec);
	aw_choices_free(&cf->decisions);
	free(cf);
}

static const ui_form_spec aw_cer_spec = {
    .name = "ceremony",
    .title = "Buổi tuyên dương",
    .fields = aw_cer_fields,
    .n_fields = CE__COUNT,
    .choices = aw_cer_choices,
    .save = aw_cer_save,
    .reread = aw_cer_reread,
    .target = aw_cer_target,
    .destroy = aw_cer_destroy,
};

static ui_form *aw_ceremony_form_open(ui_app *app, const dh_ceremony *c)
{
	dh_ctx *ctx = ui_ctx(app);
	aw_cer_form *cf = calloc(1, sizeof(*cf));
	if (!cf)
		return NULL;
	cf->rec = c ? record_dup(DH_R_CEREMONY, c) : record_new(DH_R_CEREMONY);
	ui_form *f = cf->rec ? ui_form_new(app, &aw_cer_spec, cf) : NULL;
	if (!f) {
		aw_cer_destroy(&(ui_form){.user = cf});
		return NULL;
	}
	if (!c) {
		cf->rec->year = ctx->cfg->plan.year;
		cf->rec->date = ctx->today;
	}
	aw_dec_pick p = {cf, ctx->cfg};
	if (ctx->store)
		repo_each(ctx->store, DH_R_DECISION, aw_cer_decision_cb, &p);
	/* Newest first: this year's ceremony hands out this year's decisions. */
	for (size_t i = 0, n = cf->decisions.n; i < n / 2; i++) {
		ui_choice t = cf->decisions.v[i];
		cf->decisions.v[i] = cf->decisions.v[n - 1 - i];
		cf->decisions.v[n - 1 - i] = t;
	}
	aw_cer_load(f);
	f->readonly = cf->rec->meta.deleted || !wf_may(ctx, DH_ACT_CEREMONY);
	ui_form_focus(f, c ? CE_DATE : CE_TITLE);
	return f;
}

/* --- replication activities ------------------------------------------------------ */

enum { AC_CANDIDATE, AC_KIND, AC_DATE, AC_TITLE, AC_URL, AC_PRESENTER, AC_AUDIENCE, AC_ATTENDEES, AC__COUNT };

static const ui_field aw_act_fields[AC__COUNT] = {
    [AC_CANDIDATE] = {"candidate_id", "Hồ sơ", UI_F_CHOICE, 0, true, 0, 0},
    [AC_KIND] = {"kind", "Hình thức", UI_F_CHOICE, 0, true, 0, 0},
    [AC_DATE] = {"date", "Ngày", UI_F_DATE, 0, true, 0, 0},
    [AC_TITLE] = {"title", "Nội dung", UI_F_TEXT, 500, true, 0, 0},
    [AC_URL] = {"url", "Địa chỉ bài đăng", UI_F_TEXT, 500, false, 0, 0},
    [AC_PRESENTER] = {"presenter", "Người trình bày", UI_F_TEXT, 300, false, 0, 0},
    [AC_AUDIENCE] = {"audience", "Đối tượng", UI_F_TEXT, 500, false, 0, 0},
    [AC_ATTENDEES] = {"attendees", "Số người dự", UI_F_NUMBER, 8, false, 0, 1000000},
};

static const ui_choice aw_act_kind_choices[3] = {
    {"0", "Hội nghị, cuộc họp cơ quan"},
    {"1", "Đăng trên trang thông tin điện tử"},
    {"2", "Hình thức khác"},
};

typedef struct aw_act_form {
	dh_activity *rec;
	aw_choices candidate; /* the one record it belongs to */
} aw_act_form;

static size_t aw_act_choices(ui_form *f, int field, const ui_choice **out)
{
	aw_act_form *af = f->user;
	if (field == AC_KIND) {
		*out = aw_act_kind_choices;
		return 3;
	}
	if (field == AC_CANDIDATE) {
		*out = af->candidate.v;
		return af->candidate.n;
	}
	return 0;
}

static const char *aw_act_note(ui_form *f, int field, char *buf, size_t size)
{
	if (field != AC_URL)
		return NULL;
	const char *site = f->base.ctx->cfg->organization.website;
	if (atoi(ui_form_get(f, AC_KIND)) == DH_ACT_WEBSITE)
		snprintf(buf, size, "Bắt buộc, dạng %s/…", site ? site : "https://");
	else
		snprintf(buf, size, "Chỉ cần khi đăng trên trang thông tin điện tử");
	return buf;
}

static void aw_act_load(ui_form *f)
{
	aw_act_form *af = f->user;
	const dh_activity *a = af->rec;
	char buf[32];
	snprintf(buf, sizeof(buf), "%llu", (unsigned long long)a->candidate_id);
	ui_form_set(f, AC_CANDIDATE, buf);
	snprintf(buf, sizeof(buf), "%d", a->kind);
	ui_form_set(f, AC_KIND, buf);
	ui_form_set(f, AC_DATE, date_vn(a->date, buf));
	ui_form_set(f, AC_TITLE, a->title);
	ui_form_set(f, AC_URL, a->url);
	ui_form_set(f, AC_PRESENTER, a->presenter);
	ui_form_set(f, AC_AUDIENCE, a->audience);
	snprintf(buf, sizeof(buf), "%d", a->attendees);
	ui_form_set(f, AC_ATTENDEES, a->attendees ? buf : "");
	ui_form_mark_clean(f);
}

static int aw_act_save(ui_form *f)
{
	aw_act_form *af = f->user;
	int date = 0, attendees = 0, bad = 0;
	bad |= ui_form_date(f, AC_DATE, &date) != 0;
	bad |= ui_form_number(f, AC_ATTENDEES, &attendees) != 0;
	const char *title = ui_form_text(f, AC_TITLE);
	const char *url = ui_form_text(f, AC_URL);
	const char *presenter = ui_form_text(f, AC_PRESENTER);
	const char *audience = ui_form_text(f, AC_AUDIENCE);
	bad |= !title || !url || !presenter || !audience;
	const char *kind = ui_form_get(f, AC_KIND);
	if (strlen(kind) != 1 || kind[0] < '0' || kind[0] > '2') {
		ui_form_error(f, AC_KIND, "Chọn một hình thức");
		bad = 1;
	}
	if (bad)
		return DH_EINVAL;
	dh_activity *a = record_dup(DH_R_ACTIVITY, af->rec);
	if (!a)
		return DH_ENOMEM;
	a->kind = kind[0] - '0';
	a->date = date;
	a->attendees = attendees;
	int rc = aw_set_str(&a->title, title) | aw_set_str(&a->url, url) |
	         aw_set_str(&a->presenter, presenter) | aw_set_str(&a->audience, audience);
	uint64_t id = 0;
	if (rc == 0)
		rc = wf_activity_save(f->base.ctx, a, &id);
	if (rc) {
		record_free(DH_R_ACTIVITY, a);
		return rc;
	}
	if (!a->meta.id)
		a->meta.id = id;
	record_free(DH_R_ACTIVITY, af->rec);
	af->rec = a;
	return 0;
}

static int aw_act_reread(ui_form *f)
{
	aw_act_form *af = f->user;
	void *rec = NULL;
	int rc = repo_get(f->base.ctx->store, DH_R_ACTIVITY, af->rec->meta.id, &rec);
	if (rc)
		return rc;
	record_free(DH_R_ACTIVITY, af->rec);
	af->rec = rec;
	aw_act_load(f);
	return 0;
}

/* A new activity's draft points at its record; an edit at the activity. */
static void aw_act_target(ui_form *f, int *type, uint64_t *id, uint32_t *rev)
{
	aw_act_form *af = f->user;
	if (af->rec->meta.id) {
		*type = DH_R_ACTIVITY;
		*id = af->rec->meta.id;
		*rev = af->rec->meta.rev;
	} else {
		*type = DH_R_CANDIDATE;
		*id = af->rec->candidate_id;
		*rev = 0;
	}
}

static void aw_act_destroy(ui_form *f)
{
	aw_act_form *af = f->user;
	if (!af)
		return;
	record_free(DH_R_ACTIVITY, af->rec);
	aw_choices_free(&af->candidate);
	free(af);
}

static const ui_form_spec aw_act_spec = {
    .name = "activity",
    .title = "Hoạt động nhân rộng",
    .fields = aw_act_fields,
    .n_fields = AC__COUNT,
    .choices = aw_act_choices,
    .note = aw_act_note,
    .save = aw_act_save,
    .reread = aw_act_reread,
    .target = aw_act_target,
    .destroy = aw_act_destroy,
};

/* A form over A (NULL: a new activity of CANDIDATE_ID, an agency meeting
 * today presented by me). */
static ui_form *aw_activity_form_open(ui_app *app, const dh_activity *a, uint64_t candidate_id)
{
	dh_ctx *ctx = ui_ctx(app);
	void *cand = NULL;
	if (!ctx->store ||
	    repo_get(ctx->store, DH_R_CANDIDATE, a ? a->candidate_id : candidate_id, &cand) != 0) {
		ui_error(app, "Không đọc được hồ sơ.");
		return NULL;
	}
	const dh_candidate *c = cand;
	aw_act_form *af = calloc(1, sizeof(*af));
	if (!af) {
		record_free(DH_R_CANDIDATE, cand);
		return NULL;
	}
	af->rec = a ? record_dup(DH_R_ACTIVITY, a) : record_new(DH_R_ACTIVITY);
	char code[24], label[400];
	snprintf(code, sizeof(code), "%llu", (unsigned long long)c->meta.id);
	aw_candidate_label(ctx->cfg, c, label, sizeof(label));
	aw_choice_add(&af->candidate, code, label);
	ui_form *f = af->rec ? ui_form_new(app, &aw_act_spec, af) : NULL;
	if (!f) {
		aw_act_destroy(&(ui_form){.user = af});
		record_free(DH_R_CANDIDATE, cand);
		return NULL;
	}
	if (!a) {
		af->rec->candidate_id = c->meta.id;
		af->rec->kind = DH_ACT_MEETING;
		af->rec->date = ctx->today;
		aw_set_str(&af->rec->presenter, ctx->person ? ctx->person->name : ctx->login);
	}
	aw_act_load(f);
	f->readonly = af->rec->meta.deleted || !wf_candidate_may(ctx, DH_ACT_REPLICATE, c);
	record_free(DH_R_CANDIDATE, cand);
	ui_form_focus(f, a ? AC_TITLE : AC_KIND);
	return f;
}

/* --- follow-up toward the provincial level ---------------------------------------- */

enum { FU_PROVINCIAL, FU_NOTES, FU__COUNT };

static const ui_field aw_fu_fields[FU__COUNT] = {
    [FU_PROVINCIAL] = {"aims_provincial", "Hướng tới cấp tỉnh", UI_F_BOOL, 0, false, 0, 0},
    [FU_NOTES] = {"followup_notes", "Theo dõi tiếp", UI_F_LONG, 20000, false, 0, 0},
};

typedef struct aw_fu_form {
	dh_candidate *rec; /* as loaded: its rev is what we save over */
} aw_fu_form;

static const char *aw_fu_note(ui_form *f, int field, char *buf, size_t size)
{
	aw_fu_form *ff = f->user;
	if (field != FU_PROVINCIAL)
		return NULL;
	aw_candidate_label(f->base.ctx->cfg, ff->rec, buf, size);
	return buf;
}

static void aw_fu_load(ui_form *f)
{
	aw_fu_form *ff = f->user;
	ui_form_set(f, FU_PROVINCIAL, ff->rec->aims_provincial ? "1" : "");
	ui_form_set(f, FU_NOTES, ff->rec->followup_notes);
	ui_form_mark_clean(f);
}

static int aw_fu_save(ui_form *f)
{
	aw_fu_form *ff = f->user;
	const char *notes = ui_form_text(f, FU_NOTES);
	if (!notes)
		return DH_EINVAL;
	dh_candidate *c = record_dup(DH_R_CANDIDATE, ff->rec);
	if (!c)
		return DH_ENOMEM;
	c->aims_provincial = *ui_form_get(f, FU_PROVINCIAL) != '\0';
	int rc = aw_set_str(&c->followup_notes, notes);
	if (rc == 0)
		rc = wf_candidate_save(f->base.ctx, c, NULL);
	if (rc) {
		record_free(DH_R_CANDIDATE, c);
		return rc;
	}
	record_free(DH_R_CANDIDATE, ff->rec);
	ff->rec = c;
	return 0;
}

static int aw_fu_reread(ui_form *f)
{
	aw_fu_form *ff = f->user;
	void *rec = NULL;
	int rc = repo_get(f->base.ctx->store, DH_R_CANDIDATE, ff->rec->meta.id, &rec);
	if (rc)
		return rc;
	record_free(DH_R_CANDIDATE, ff->rec);
	ff->rec = rec;
	aw_fu_load(f);
	return 0;
}

static void aw_fu_target(ui_form *f, int *type, uint64_t *id, uint32_t *rev)
{
	aw_fu_form *ff = f->user;
	*type = DH_R_CANDIDATE;
	*id = ff->rec->meta.id;
	*rev = ff->rec->meta.rev;
}

static void aw_fu_destroy(ui_form *f)
{
	aw_fu_form *ff = f->user;
	if (!ff)
		return;
	record_free(DH_R_CANDIDATE, ff->rec);
	free(ff);
}

static const ui_form_spec aw_fu_spec = {
    .name = "followup",
    .title = "Theo dõi hướng tới cấp tỉnh",
    .fields = aw_fu_fields,
    .n_fields = FU__COUNT,
    .note = aw_fu_note,
    .save = aw_fu_save,
    .reread = aw_fu_reread,
    .target = aw_fu_target,
    .destroy = aw_fu_destroy,
};

static ui_form *aw_followup_form_open(ui_app *app, const dh_candidate *c)
{
	dh_ctx *ctx = ui_ctx(app);
	aw_fu_form *ff = calloc(1, sizeof(*ff));
	if (!ff)
		return NULL;
	ff->rec = record_dup(DH_R_CANDIDATE, c);
	ui_form *f = ff->rec ? ui_form_new(app, &aw_fu_spec, ff) : NULL;
	if (!f) {
		aw_fu_destroy(&(ui_form){.user = ff});
		return NULL;
	}
	aw_fu_load(f);
	f->readonly = !wf_candidate_may(ctx, DH_ACT_EDIT, c);
	ui_form_focus(f, FU_PROVINCIAL);
	return f;
}

/* --- drafts ---------------------------------------------------------------------- */

bool ui_awards_restore(ui_app *app, const dh_draft *d)
{
	dh_ctx *ctx = ui_ctx(app);
	if (!d->form || !ctx->store)
		return false;
	ui_form *f = NULL;
	void *rec = NULL;
	if (strcmp(d->form, "award_decision") == 0) {
		f = aw_award_form_open(app, NULL, NULL, 0);
		/* The records a decision may list are read again: every one still waiting. */
		uint64_t last = 0;
		repo_last_id(ctx->store, DH_R_CANDIDATE, &last);
		for (uint64_t id = last; f && id >= 1 && last <= AW_SYNC_LIMIT; id--)
			aw_award_offer(f, id);
	} else if (strcmp(d->form, "award_revoke") == 0) {
		if (repo_get(ctx->store, DH_R_DECISION, d->target_id, &rec) != 0)
			return false;
		f = aw_revoke_form_open(app, rec);
		record_free(DH_R_DECISION, rec);
	} else if (strcmp(d->form, "ceremony") == 0) {
		if (d->target_id && repo_get(ctx->store, DH_R_CEREMONY, d->target_id, &rec) != 0)
			return false;
		f = aw_ceremony_form_open(app, rec);
		if (rec)
			record_free(DH_R_CEREMONY, rec);
		if (f && d->target_id)
			((aw_cer_form *)f->user)->rec->meta.rev = d->target_rev;
	} else if (strcmp(d->form, "activity") == 0) {
		if (d->target_type == DH_R_ACTIVITY) {
			if (repo_get(ctx->store, DH_R_ACTIVITY, d->target_id, &rec) != 0)
				return false;
			f = aw_activity_form_open(app, rec, 0);
			record_free(DH_R_ACTIVITY, rec);
			if (f)
				((aw_act_form *)f->user)->rec->meta.rev = d->target_rev;
		} else {
			f = aw_activity_form_open(app, NULL, d->target_id);
		}
	} else if (strcmp(d->form, "followup") == 0) {
		if (repo_get(ctx->store, DH_R_CANDIDATE, d->target_id, &rec) != 0)
			return false;
		f = aw_followup_form_open(app, rec);
		record_free(DH_R_CANDIDATE, rec);
		if (f)
			((aw_fu_form *)f->user)->rec->meta.rev = d->target_rev;
	} else {
		return false;
	}
	if (!f)
		return false;
	ui_form_apply_draft(f, d);
	f->readonly = false;
	ui_push(app, &f->base);
	return true;
}
