/* scr_audit.c — screen 8, Nhật ký: every audited change, newest first.
 *
 * Unfiltered, row i is simply the i-th newest entry, read a page at a time
 * (the log can hold millions). A filter — a person, a record, a date range,
 * or a candidate and the records of its history — is answered by walking
 * the log from the newest entry a slice at a time while no key waits
 * (`idle`), so the first matches show at once and the count grows while the
 * walk goes on; entries committed later by others are checked on reload.
 *
 * An entry holds the JSON of the record before and after the change; the
 * fields that differ are what the list and the entry's page show, with the
 * values as a person reads them (names for logins, labels for stages).
 * This file is the list, its filters and the screen; audit_entry.c is one
 * entry's page, audit_diff.c what an entry's JSON says (audit.h). */
#include "audit.h"

#include "dienhinh/buf.h"
#include "dienhinh/date.h"
#include "dienhinh/error.h"
#include "dienhinh/record.h"
#include "dienhinh/repo.h"
#include "dienhinh/ui_form.h"
#include "dienhinh/ui_list.h"
#include "dienhinh/ui_page.h"
#include "dienhinh/ui_rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define AUDIT_SCAN_SLICE   2000 /* entries decoded per idle call */
#define AUDIT_RELOAD_CHECK 5000 /* newer entries checked in place on reload; more: walk again */

/* --- the filter ------------------------------------------------------------------ */

typedef struct audit_target {
	int type;
	uint64_t id;
} audit_target;

typedef struct audit_filter {
	char who[64];          /* a login, "" = anyone */
	int type;              /* a dh_rtype, 0 = any */
	uint64_t id;           /* 0 = any record of TYPE */
	int from, to;          /* YYYYMMDD, 0 = open */
	audit_target *targets; /* a candidate and its history (NULL: no such limit) */
	size_t n_targets;
} audit_filter;

static bool filter_active(const audit_filter *f)
{
	return f->who[0] || f->type || f->from || f->to || f->targets;
}

static int entry_date(const dh_audit *a)
{
	time_t t = (time_t)a->at;
	struct tm tm;
	if (!localtime_r(&t, &tm))
		return 0;
	return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

/* Whether entry A is about record ID of its type: a bulk entry (an
 * import, the demo) covers the range of ids it created. */
static bool entry_covers(const dh_audit *a, uint64_t id)
{
	if (a->last_id > a->target_id)
		return id >= a->target_id && id <= a->last_id;
	return id == a->target_id;
}

static bool filter_match(const audit_filter *f, const dh_audit *a)
{
	if (f->who[0] && (!a->who || strcmp(a->who, f->who) != 0))
		return false;
	if (f->type && a->target_type != f->type)
		return false;
	if (f->id && !entry_covers(a, f->id))
		return false;
	if (f->targets) {
		bool found = false;
		for (size_t i = 0; i < f->n_targets && !found; i++)
			found = f->targets[i].type == a->target_type && entry_covers(a, f->targets[i].id);
		if (!found)
			return false;
	}
	if (f->from || f->to) {
		int d = entry_date(a);
		if ((f->from && d < f->from) || (f->to && d > f->to))
			return false;
	}
	return true;
}

/* "Phạm Văn Thuần · Hồ sơ điển hình số 12 · từ 01/06/2021" */
static void filter_words(const dh_ctx *ctx, const audit_filter *f, char *out, size_t size)
{
	size_t o = 0;
	char d[11];
	out[0] = '\0';
#define ADD(...)                                                                                             \
	do {                                                                                                 \
		if (o < size)                                                                                \
			o += (size_t)snprintf(out + o, size - o, __VA_ARGS__);                               \
	} while (0)
	if (f->who[0])
		ADD("%s%s", o ? " · " : "", config_person_name(ctx->cfg, f->who));
	if (f->type && f->id)
		ADD("%s%s số %llu", o ? " · " : "", record_type_label(f->type), (unsigned long long)f->id);
	else if (f->type)
		ADD("%s%s", o ? " · " : "", record_type_label(f->type));
	if (f->from)
		ADD("%stừ %s", o ? " · " : "", date_vn(f->from, d));
	if (f->to)
		ADD("%sđến %s", o ? " · " : "", date_vn(f->to, d));
#undef ADD
}

/* --- the screen ---------------------------------------------------------------------- */

/* Audit sequence numbers, newest first. */
typedef struct seq_list {
	uint64_t *v;
	size_t n, cap;
} seq_list;

static int seq_push(seq_list *l, uint64_t seq)
{
	if (buf_reserve(&l->v, &l->cap, l->n + 1, sizeof(*l->v)))
		return DH_ENOMEM;
	l->v[l->n++] = seq;
	return 0;
}

typedef struct audit_screen {
	ui_view base;
	ui_list list;
	ui_list_source source; /* a copy: its empty text says why it is empty */
	bool allowed;
	char refusal[512];
	char title[240]; /* a candidate's log: what it is about */
	audit_filter f;
	uint64_t last;      /* the newest entry's sequence number */
	seq_list seqs;      /* filtered: the matches found so far, newest first */
	uint64_t scan_next; /* filtered: the next entry the walk reads (0: done) */
	uint64_t scan_top;  /* the newest entry when the walk began */
	int scan_percent;   /* of the walk done, as last shown */
} audit_screen;

/* The action takes what the time, person and record leave: at 80 columns
 * that is 25, room for the actions' labels whole; a record ("Hồ sơ 1–300",
 * "Biểu quyết 1–366") needs no more than 16. */
static const ui_list_column audit_columns[] = {
    {"Lúc", 16, false},
    {"Người", 18, false},
    {"Việc", 0, false},
    {"Hồ sơ", 21, false},
};

static const char *const type_short[DH_R__COUNT] = {
    [DH_R_CANDIDATE] = "Hồ sơ",       [DH_R_FOSTERING] = "Bồi dưỡng",
    [DH_R_REGISTRATION] = "Đăng ký",  [DH_R_NIL_RETURN] = "Không đề xuất",
    [DH_R_SESSION] = "Phiên họp",     [DH_R_VOTE_ITEM] = "Biểu quyết",
    [DH_R_PROPOSAL] = "Tờ trình",     [DH_R_DECISION] = "Quyết định",
    [DH_R_CEREMONY] = "Biểu dương",   [DH_R_ACTIVITY] = "Nhân rộng",
    [DH_R_REVIEW] = "Sơ, tổng kết",   [DH_R_DISSEMINATION] = "Quán triệt",
    [DH_R_COORDINATION] = "Phối hợp", [DH_R_DRAFT] = "Bản nháp",
    [DH_R_AUDIT] = "Nhật ký",         [DH_R_PLAN] = "Kế hoạch",
};

static void audit_fill_row(audit_screen *s, const dh_audit *a, ui_list_row *row)
{
	const char *type = a->target_type > 0 && a->target_type < DH_R__COUNT && type_short[a->target_type]
	                       ? type_short[a->target_type]
	                       : "?";
	row->id = a->meta.id;
	row->style = UI_S_NORMAL;
	ui_page_instant(a->at, row->cells[0], UI_LIST_CELL);
	snprintf(row->cells[1], UI_LIST_CELL, "%s", config_person_name(s->base.ctx->cfg, a->who));
	snprintf(row->cells[2], UI_LIST_CELL, "%s", audit_action_label(a->action));
	char what[UI_LIST_CELL - 32];
	if (a->last_id > a->target_id)
		snprintf(row->cells[3], UI_LIST_CELL, "%s %llu–%llu", type, (unsigned long long)a->target_id,
		         (unsigned long long)a->last_id);
	else if (audit_entry_what(a, what, sizeof(what)))
		/* "Phiên họp Hội đồng ngày …" needs no "Phiên họp" before it. */
		snprintf(row->cells[3], UI_LIST_CELL, "%s%s%s",
		         strncmp(what, type, strlen(type)) == 0 ? "" : type,
		         strncmp(what, type, strlen(type)) == 0 ? "" : " ", what);
	else
		snprintf(row->cells[3], UI_LIST_CELL, "%s %llu", type, (unsigned long long)a->target_id);
}

typedef struct audit_page {
	audit_screen *s;
	ui_list_row *out;
	size_t n, max;
	uint64_t *cands; /* per row: the nominee an agenda item or registration is about */
} audit_page;

static int audit_page_cb(const void *rec, void *arg)
{
	audit_page *p = arg;
	if (p->cands)
		p->cands[p->n] = audit_entry_candidate(rec);
	audit_fill_row(p->s, rec, &p->out[p->n++]);
	return p->n >= p->max;
}

/* "Biểu quyết: Nguyễn Văn A" rather than "Biểu quyết 168": the names are
 * read once the entries' read is over. */
static void audit_name_candidates(audit_screen *s, ui_list_row *out, const uint64_t *cands, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		void *rec = NULL;
		if (!cands[i] || repo_get(s->base.ctx->store, DH_R_CANDIDATE, cands[i], &rec) != 0)
			continue;
		const dh_candidate *c = rec;
		char type[48];
		snprintf(type, sizeof(type), "%s", out[i].cells[3]);
		char *space = strrchr(type, ' ');
		if (space && c->name)
			*space = '\0';
		if (c->name)
			snprintf(out[i].cells[3], UI_LIST_CELL, "%.40s: %.140s", type, c->name);
		record_free(DH_R_CANDIDATE, rec);
	}
}

static size_t audit_count(void *ctx)
{
	audit_screen *s = ctx;
	if (!s->allowed)
		return 0;
	return filter_active(&s->f) ? s->seqs.n : (size_t)s->last;
}

static size_t audit_rows(void *ctx, size_t first, size_t n, ui_list_row *out)
{
	audit_screen *s = ctx;
	dh_store *st = s->base.ctx->store;
	if (!st || !s->allowed)
		return 0;
	if (!filter_active(&s->f)) {
		if (first >= s->last)
			return 0;
		audit_page p = {s, out, 0, n, calloc(n ? n : 1, sizeof(uint64_t))};
		repo_audit(st, s->last - first, audit_page_cb, &p);
		if (p.cands)
			audit_name_candidates(s, out, p.cands, p.n);
		free(p.cands);
		return p.n;
	}
	size_t k = 0;
	for (size_t i = first; i < s->seqs.n && k < n; i++) {
		uint64_t cand = 0;
		audit_page p = {s, out + k, 0, 1, &cand};
		repo_audit(st, s->seqs.v[i], audit_page_cb, &p);
		if (p.n && out[k].id == s->seqs.v[i]) {
			audit_name_candidates(s, out + k, &cand, 1);
			k++;
		}
	}
	return k;
}

typedef struct scan_args {
	audit_screen *s;
	size_t seen, max;
	uint64_t stop; /* do not read this entry or older ones */
	uint64_t last_seen;
	seq_list found; /* matches, newest first */
	int rc;
} scan_args;

static int scan_cb(const void *rec, void *arg)
{
	scan_args *a = arg;
	const dh_audit *e = rec;
	if (e->meta.id <= a->stop)
		return 1;
	a->seen++;
	a->last_seen = e->meta.id;
	if (filter_match(&a->s->f, e)) {
		if ((a->rc = seq_push(&a->found, e->meta.id)))
			return a->rc;
	}
	return a->seen >= a->max;
}

/* Start (again) the walk for the filter now set. */
static void audit_restart(audit_screen *s)
{
	s->seqs.n = 0;
	if (s->base.ctx->store)
		repo_last_id(s->base.ctx->store, DH_R_AUDIT, &s->last);
	s->scan_top = s->last;
	s->scan_next = filter_active(&s->f) ? s->last : 0;
	s->scan_percent = 0;
	ui_list_forget_record(&s->list);
}

/* The store changed: newer entries on top. With a filter, the newer
 * entries are checked here when they are few; else the walk begins again. */
static void audit_source_reload(void *ctx)
{
	audit_screen *s = ctx;
	dh_store *st = s->base.ctx->store;
	if (!st || !s->allowed)
		return;
	uint64_t last = 0;
	repo_last_id(st, DH_R_AUDIT, &last);
	if (!filter_active(&s->f) || last <= s->scan_top) {
		s->last = last;
		return;
	}
	if (last - s->scan_top > AUDIT_RELOAD_CHECK) {
		audit_restart(s);
		return;
	}
	scan_args a = {.s = s, .max = SIZE_MAX, .stop = s->scan_top};
	repo_audit(st, last, scan_cb, &a);
	if (a.rc == 0 && a.found.n) {
		uint64_t *p = realloc(s->seqs.v, (s->seqs.n + a.found.n) * sizeof(*p));
		if (p) {
			memmove(p + a.found.n, p, s->seqs.n * sizeof(*p));
			memcpy(p, a.found.v, a.found.n * sizeof(*p));
			s->seqs.v = p;
			s->seqs.n += a.found.n;
			s->seqs.cap = s->seqs.n;
		}
	}
	free(a.found.v);
	s->last = last;
	s->scan_top = last;
}

static size_t audit_index_of(void *ctx, uint64_t id)
{
	audit_screen *s = ctx;
	if (!filter_active(&s->f))
		return id && id <= s->last ? (size_t)(s->last - id) : SIZE_MAX;
	return ui_rows_index(s->seqs.v, s->seqs.n, id);
}

static const ui_list_source audit_source = {
    .columns = audit_columns,
    .n_columns = 4,
    .record_type = DH_R_AUDIT,
    .count = audit_count,
    .rows = audit_rows,
    .reload = audit_source_reload,
    .index_of = audit_index_of,
    .empty_text = "Nhật ký chưa có thay đổi nào.",
};

/* A slice of the walk for a filter. */
static unsigned audit_idle(ui_view *v)
{
	audit_screen *s = (audit_screen *)v;
	if (!s->allowed || !s->scan_next || !v->ctx->store)
		return UI_R_NONE;
	scan_args a = {.s = s, .max = AUDIT_SCAN_SLICE, .stop = 0};
	int rc = repo_audit(v->ctx->store, s->scan_next, scan_cb, &a);
	for (size_t i = 0; i < a.found.n; i++)
		if (seq_push(&s->seqs, a.found.v[i]))
			break;
	free(a.found.v);
	if (rc < 0 || a.rc || a.seen < AUDIT_SCAN_SLICE || a.last_seen <= 1) {
		s->scan_next = 0;
		if (rc < 0 || a.rc)
			ui_error(v->app, "Không đọc hết được nhật ký: %s", dh_strerror(rc < 0 ? rc : a.rc));
	} else {
		s->scan_next = a.last_seen - 1;
	}
	/* Matches are appended after what the list has cached, so the cache
	 * stays; the screen is painted when there is something new to show. */
	bool grew = s->list.count != s->seqs.n;
	s->list.count = s->seqs.n;
	int percent =
	    s->scan_top && s->scan_next ? (int)((s->scan_top - s->scan_next) * 100 / s->scan_top) : 100;
	bool moved = percent != s->scan_percent;
	s->scan_percent = percent;
	return (grew || moved || !s->scan_next ? UI_R_DRAW : 0) | (s->scan_next ? UI_R_BUSY : 0);
}

/* The entry under the cursor, read again only when the cursor moved. */
static const dh_audit *audit_peek(audit_screen *s)
{
	return ui_list_record(&s->list, s->base.ctx->store);
}

/* The filter changed: the walk again, the cursor on the newest match. */
static void audit_apply(audit_screen *s)
{
	audit_restart(s);
	ui_list_reload(&s->list);
	s->list.cursor = s->list.top = 0;
}

/* --- the filter form ---------------------------------------------------------------- */

enum { AF_WHO, AF_TYPE, AF_ID, AF_FROM, AF_TO, AF__COUNT };

static const ui_field filter_fields[] = {
    [AF_WHO] = {"who", "Người thay đổi", UI_F_CHOICE, 0, false, 0, 0},
    [AF_TYPE] = {"type", "Loại hồ sơ", UI_F_CHOICE, 0, false, 0, 0},
    [AF_ID] = {"id", "Số hồ sơ", UI_F_NUMBER, 12, false, 0, 0},
    [AF_FROM] = {"from", "Từ ngày", UI_F_DATE, 0, false, 0, 0},
    [AF_TO] = {"to", "Đến ngày", UI_F_DATE, 0, false, 0, 0},
    {0},
};

typedef struct filter_form {
	audit_screen *screen;
	ui_choice *people;
	size_t n_people;
	ui_choice types[DH_R__COUNT];
	size_t n_types;
} filter_form;

static size_t filter_choices(ui_form *f, int field, const ui_choice **out)
{
	filter_form *ff = f->user;
	if (field == AF_WHO) {
		*out = ff->people;
		return ff->n_people;
	}
	if (field == AF_TYPE) {
		*out = ff->types;
		return ff->n_types;
	}
	return 0;
}

static int filter_save(ui_form *f)
{
	filter_form *ff = f->user;
	audit_screen *s = ff->screen;
	int id = 0, from = 0, to = 0, bad = 0;
	const char *id_text = ui_form_get(f, AF_ID);
	if (*id_text) {
		char *end = NULL;
		unsigned long long v = strtoull(id_text, &end, 10);
		if (!end || *end || v == 0) {
			ui_form_error(f, AF_ID, "Số hồ sơ là một số nguyên dương");
			bad = 1;
		}
		id = 1;
		s->f.id = bad ? s->f.id : (uint64_t)v;
	}
	bad |= ui_form_date(f, AF_FROM, &from) != 0;
	bad |= ui_form_date(f, AF_TO, &to) != 0;
	if (!bad && from && to && from > to) {
		ui_form_error(f, AF_TO, "Ngày kết thúc trước ngày bắt đầu");
		bad = 1;
	}
	const char *type = ui_form_get(f, AF_TYPE);
	int t = *type ? record_type_from_name(type) : 0;
	if (!bad && id && t <= 0) {
		ui_form_error(f, AF_TYPE, "Chọn loại hồ sơ của số này");
		bad = 1;
	}
	if (bad)
		return DH_EINVAL;
	snprintf(s->f.who, sizeof(s->f.who), "%s", ui_form_get(f, AF_WHO));
	s->f.type = t > 0 ? t : 0;
	if (!id)
		s->f.id = 0;
	s->f.from = from;
	s->f.to = to;
	audit_apply(s);
	return 0;
}

static void filter_destroy(ui_form *f)
{
	filter_form *ff = f->user;
	if (!ff)
		return;
	free(ff->people);
	free(ff);
}

static const ui_form_spec filter_spec = {
    .name = "audit_filter",
    .title = "Lọc nhật ký",
    .fields = filter_fields,
    .choices = filter_choices,
    .save = filter_save,
    .destroy = filter_destroy,
};

/* A filter is no data: a dropped connection keeps no draft of it. */
static ui_view_ops filter_view_ops;

static ui_form *filter_open(audit_screen *s)
{
	ui_app *app = s->base.app;
	const dh_config *cfg = s->base.ctx->cfg;
	filter_form *ff = calloc(1, sizeof(*ff));
	if (!ff)
		return NULL;
	ff->screen = s;
	ff->people = calloc(cfg->n_people + 1, sizeof(*ff->people));
	if (!ff->people) {
		free(ff);
		return NULL;
	}
	ff->people[ff->n_people++] = (ui_choice){"", "Mọi người"};
	for (size_t i = 0; i < cfg->n_people; i++)
		ff->people[ff->n_people++] = (ui_choice){cfg->people[i].login, cfg->people[i].name};
	ff->types[ff->n_types++] = (ui_choice){"", "Mọi loại"};
	for (int t = DH_R_CANDIDATE; t < DH_R_DRAFT; t++)
		ff->types[ff->n_types++] = (ui_choice){record_type_name(t), record_type_label(t)};
	ui_form *f = ui_form_new(app, &filter_spec, ff);
	if (!f) {
		filter_destroy(&(ui_form){.user = ff});
		return NULL;
	}
	filter_view_ops = *f->base.ops;
	filter_view_ops.draft = NULL;
	f->base.ops = &filter_view_ops;
	char buf[32];
	ui_form_set(f, AF_WHO, s->f.who);
	ui_form_set(f, AF_TYPE, s->f.type ? record_type_name(s->f.type) : "");
	snprintf(buf, sizeof(buf), "%llu", (unsigned long long)s->f.id);
	ui_form_set(f, AF_ID, s->f.id ? buf : "");
	ui_form_set(f, AF_FROM, date_vn(s->f.from, buf));
	ui_form_set(f, AF_TO, date_vn(s->f.to, buf));
	ui_form_mark_clean(f);
	ui_form_focus(f, AF_WHO);
	return f;
}

/* --- the screen's keys and drawing ------------------------------------------------- */

enum { AUDIT_A_PERSON = UI_A__COUNT, AUDIT_A_RECORD, AUDIT_A_CLEAR };

static const ui_binding audit_keys[] = {
    {UI_A_OPEN, "Enter", {UI_ENTER}, "Xem", "Xem mục đang chọn: trước và sau khi thay đổi", false},
    {UI_A_FILTER, "f", {'f'}, "Lọc", "Lọc theo người, hồ sơ, khoảng ngày", false},
    {AUDIT_A_PERSON, "p", {'p'}, "Cùng người", "Chỉ các thay đổi của người ở dòng đang chọn", false},
    {AUDIT_A_RECORD, "r", {'r'}, "Cùng hồ sơ", "Chỉ các thay đổi của hồ sơ ở dòng đang chọn", false},
    {AUDIT_A_CLEAR, "c", {'c'}, "Bỏ lọc", "Bỏ mọi điều kiện lọc", false},
    {UI_A_CANCEL, "Esc", {UI_ESC}, "Quay lại", "Về hồ sơ", false},
    {UI_A_DOWN, "↓/j", {UI_K(KEY_DOWN), 'j'}, NULL, NULL, true},
    {UI_A_UP, "↑/k", {UI_K(KEY_UP), 'k'}, NULL, NULL, true},
    {UI_A_PGDN, "PgDn", {UI_K(KEY_NPAGE), ' '}, NULL, NULL, true},
    {UI_A_PGUP, "PgUp", {UI_K(KEY_PPAGE)}, NULL, NULL, true},
    {UI_A_HOME, "Home/g", {UI_K(KEY_HOME), 'g'}, NULL, NULL, true},
    {UI_A_END, "End/G", {UI_K(KEY_END), 'G'}, NULL, NULL, true},
    {0, NULL, {0}, NULL, NULL, false},
};

static bool audit_offers(ui_view *v, int action)
{
	audit_screen *s = (audit_screen *)v;
	if (!s->allowed)
		return false;
	bool row = s->list.count > 0;
	switch (action) {
	case UI_A_OPEN: return row;
	case UI_A_FILTER: return true;
	case AUDIT_A_PERSON: return row && !s->f.who[0];
	case AUDIT_A_RECORD: return row && !s->f.type && !s->f.targets;
	case AUDIT_A_CLEAR: return s->f.who[0] || s->f.type || s->f.from || s->f.to;
	case UI_A_CANCEL: return v->below != NULL;
	}
	return ui_list_offers(&s->list, action);
}

static unsigned audit_key(ui_view *v, int action, int key)
{
	audit_screen *s = (audit_screen *)v;
	if (!s->allowed)
		return UI_R_NONE;
	switch (action) {
	case UI_A_CANCEL: return UI_R_POP;
	case UI_A_OPEN: {
		const dh_audit *a = audit_peek(s);
		ui_view *e = a ? audit_entry_open(v->app, a) : NULL;
		if (e)
			ui_push(v->app, e);
		return UI_R_DRAW;
	}
	case UI_A_FILTER: return ui_form_push(v->app, filter_open(s));
	case AUDIT_A_PERSON: {
		const dh_audit *a = audit_peek(s);
		if (a && a->who) {
			snprintf(s->f.who, sizeof(s->f.who), "%s", a->who);
			audit_apply(s);
		}
		return UI_R_DRAW;
	}
	case AUDIT_A_RECORD: {
		const dh_audit *a = audit_peek(s);
		if (a) {
			s->f.type = a->target_type;
			s->f.id = a->target_id;
			audit_apply(s);
		}
		return UI_R_DRAW;
	}
	case AUDIT_A_CLEAR:
		s->f.who[0] = '\0';
		s->f.type = 0;
		s->f.id = 0;
		s->f.from = s->f.to = 0;
		audit_apply(s);
		return UI_R_DRAW;
	}
	unsigned r = ui_list_key(&s->list, action, key);
	return r & UI_R_UNHANDLED ? UI_R_NONE : r;
}

static void audit_draw(ui_view *v, WINDOW *w)
{
	audit_screen *s = (audit_screen *)v;
	int rows = getmaxy(w), cols = getmaxx(w);
	if (!s->allowed) {
		/* On a page: the refusal names who may, and may need two rows. */
		ui_page p;
		ui_page_init(&p, 0);
		ui_page_add(&p, UI_S_TITLE, NULL, "Nhật ký thay đổi");
		ui_page_add(&p, UI_S_NORMAL, NULL, "%s", "");
		ui_page_add(&p, UI_S_ERROR, NULL, "%s", s->refusal);
		ui_page_add(&p, UI_S_NORMAL, NULL, "%s", "");
		ui_page_add(&p, UI_S_NORMAL, NULL, "Tra cứu hồ sơ (phím 7 hoặc /) vẫn dùng được.");
		ui_page_draw(&p, w, 1, 2, rows - 1, cols - 4);
		ui_page_free(&p);
		return;
	}
	/* Row 0: what is shown. */
	char words[400], line[1200], num[32];
	filter_words(v->ctx, &s->f, words, sizeof(words));
	ui_format_money((int64_t)audit_count(s), num, sizeof(num));
	const char *lead = s->title[0] ? s->title : words[0] ? "Lọc" : "Mọi thay đổi, mới nhất trước";
	snprintf(line, sizeof(line), "%s%s%s · %s mục", lead, words[0] ? ": " : "", words, num);
	if (s->scan_next && s->scan_top) {
		size_t o = strlen(line);
		snprintf(line + o, sizeof(line) - o, " · đang tìm… %d%%", s->scan_percent);
	}
	wattrset(w, ui_style(UI_S_TITLE));
	ui_put(w, 0, 1, line, cols - 2);
	wattrset(w, A_NORMAL);

	s->source.empty_text = s->scan_next           ? "Đang tìm…"
	                       : filter_active(&s->f) ? "Không có thay đổi nào khớp với điều kiện lọc."
	                                              : "Nhật ký chưa có thay đổi nào.";
	/* The last rows: the entry under the cursor; what changed may take two
	 * rows, the list then gives up its last one. */
	ui_list_draw(&s->list, w, 1, 0, rows - 3, cols);
	const dh_audit *a = audit_peek(s);
	if (!a)
		return;
	char subject[400], changes[600];
	audit_entry_subject(a, subject, sizeof(subject));
	int n = ui_audit_changes(a->before, a->after, changes, sizeof(changes));
	if (!a->before || !*a->before)
		snprintf(line, sizeof(line), "Tạo mới%s%s", a->note && *a->note ? " · " : "",
		         a->note ? a->note : "");
	else if (n)
		snprintf(line, sizeof(line), "Thay đổi: %s%s%s", changes,
		         a->note && *a->note ? " · lý do: " : "", a->note ? a->note : "");
	else
		snprintf(line, sizeof(line), "Không trường nào thay đổi%s%s",
		         a->note && *a->note ? " · " : "", a->note ? a->note : "");
	/* Break after the last whole word that fits (a word wider than the
	 * row is cut where the row ends). */
	int width = cols - 2 > 1 ? cols - 2 : 1;
	size_t brk = ui_wrap_next(line, width);
	if (!line[brk]) {
		ui_put(w, rows - 2, 1, subject, width);
		wattrset(w, ui_style(UI_S_DIM));
		ui_put(w, rows - 1, 1, line, width);
		wattrset(w, A_NORMAL);
		return;
	}
	char first[1200];
	snprintf(first, sizeof(first), "%.*s", (int)brk, line);
	const char *rest = line + brk + (line[brk] == ' ');
	ui_list_draw(&s->list, w, 1, 0, rows - 4, cols);
	wmove(w, rows - 3, 0);
	wclrtoeol(w);
	ui_put(w, rows - 3, 1, subject, width);
	wmove(w, rows - 2, 0);
	wclrtoeol(w);
	wattrset(w, ui_style(UI_S_DIM));
	ui_put(w, rows - 2, 1, first, width);
	ui_put(w, rows - 1, 1, rest, width);
	wattrset(w, A_NORMAL);
}

static void audit_reload(ui_view *v)
{
	audit_screen *s = (audit_screen *)v;
	if (s->allowed)
		ui_list_reload(&s->list);
}

static void audit_destroy(ui_view *v)
{
	audit_screen *s = (audit_screen *)v;
	ui_list_free(&s->list);
	free(s->seqs.v);
	free(s->f.targets);
}

/* Screen 8 has no title of its own; a candidate's log names it. */
static const char *audit_title(ui_view *v)
{
	return ((audit_screen *)v)->title;
}

/* What ui_audit_open_for asks for: one candidate's log (NULL: screen 8). */
typedef struct audit_for {
	const char *title;
	const int *types;
	const uint64_t *ids;
	size_t n;
} audit_for;

static int audit_start(ui_view *v, const void *arg)
{
	audit_screen *s = (audit_screen *)v;
	const audit_for *of = arg;
	dh_ctx *ctx = v->ctx;
	s->allowed = wf_check(ctx, DH_ACT_VIEW_AUDIT) == 0;
	if (!s->allowed)
		snprintf(s->refusal, sizeof(s->refusal), "%s",
		         ctx->message[0] ? ctx->message : "Bạn không có quyền xem nhật ký.");
	ctx->message[0] = '\0';
	if (of) {
		if (!s->allowed) {
			ui_error(v->app, "%s", s->refusal);
			return DH_EPERM;
		}
		s->f.targets = calloc(of->n ? of->n : 1, sizeof(*s->f.targets));
		if (!s->f.targets)
			return DH_ENOMEM;
		for (size_t i = 0; i < of->n; i++)
			s->f.targets[i] = (audit_target){of->types[i], of->ids[i]};
		s->f.n_targets = of->n;
		snprintf(s->title, sizeof(s->title), "%s", of->title ? of->title : "Nhật ký");
	}
	audit_restart(s);
	s->source = audit_source;
	return ui_list_init(&s->list, &s->source, s);
}

const ui_view_ops ui_audit_view = {
    .size = sizeof(audit_screen),
    .start = audit_start,
    .bindings = audit_keys,
    .title = audit_title,
    .draw = audit_draw,
    .key = audit_key,
    .offers = audit_offers,
    .reload = audit_reload,
    .idle = audit_idle,
    .destroy = audit_destroy,
};

ui_view *ui_audit_open_for(ui_app *app, const char *title, const int *types, const uint64_t *ids, size_t n)
{
	const audit_for of = {title, types, ids, n};
	return ui_view_open(app, &ui_audit_view, &of);
}
