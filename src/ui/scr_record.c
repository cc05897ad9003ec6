/* scr_record.c — one candidate's full record with its history, on a page
 * (ui_page.h), as screen 7 opens it from a hit.
 *
 * What links to the candidate (fostering, registrations, activities) is
 * read at once through the parent links. Vote items link to their session
 * and decisions and ceremonies list their candidates, so those are found by
 * walking their tables a slice at a time while no key waits (the view's
 * `idle`): the page is there at once, and at a million records the rest
 * follows without ever making a key wait. */
#include "dienhinh/ui_record.h"

#include "dienhinh/buf.h"
#include "dienhinh/council.h"
#include "dienhinh/date.h"
#include "dienhinh/error.h"
#include "dienhinh/record.h"
#include "dienhinh/repo.h"
#include "dienhinh/ui_audit.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RECORD_SCAN_SLICE 2000 /* records decoded per idle call: a few ms */
#define RECORD_LABEL_COLS 22

/* --- the full record ------------------------------------------------------- */

typedef struct rec_vec {
	void **v;
	size_t n, cap;
} rec_vec;

enum { SCAN_ITEMS, SCAN_DECISIONS, SCAN_CEREMONIES, SCAN_DONE };

typedef struct record_view {
	ui_page_view pv; /* the page and the title (the candidate's name) */
	uint64_t id;
	dh_candidate *cand; /* NULL when it could not be read */
	rec_vec fostering, registrations, activities;
	rec_vec items, sessions; /* sessions[i] is items[i]'s session (or NULL) */
	rec_vec decisions, ceremonies;
	int scan;           /* which table the idle walk is in */
	uint64_t scan_next; /* the next id it reads */
} record_view;

static const dh_rtype scan_types[] = {DH_R_VOTE_ITEM, DH_R_DECISION, DH_R_CEREMONY};

static int vec_push(rec_vec *v, void *rec)
{
	if (buf_reserve(&v->v, &v->cap, v->n + 1, sizeof(*v->v)))
		return DH_ENOMEM;
	v->v[v->n++] = rec;
	return 0;
}

static void vec_clear(rec_vec *v, dh_rtype type)
{
	for (size_t i = 0; i < v->n; i++)
		if (v->v[i])
			record_free(type, v->v[i]);
	v->n = 0;
}

static void vec_free(rec_vec *v, dh_rtype type)
{
	vec_clear(v, type);
	free(v->v);
	v->v = NULL;
	v->cap = 0;
}

typedef struct collect_args {
	rec_vec *vec;
	dh_rtype type;
} collect_args;

static int collect_cb(const void *rec, void *arg)
{
	collect_args *a = arg;
	void *copy = record_dup(a->type, rec);
	if (!copy || vec_push(a->vec, copy)) {
		if (copy)
			record_free(a->type, copy);
		return DH_ENOMEM;
	}
	return 0;
}

static void record_children(record_view *rv, dh_rtype type, rec_vec *vec)
{
	collect_args a = {vec, type};
	vec_clear(vec, type);
	repo_children(rv->pv.base.ctx->store, type, rv->id, collect_cb, &a);
}

/* --- the candidate itself ------------------------------------------------- */

/* A labelled line for a text the record may leave empty: none then. */
static void add_text(ui_page *p, const char *label, const char *text)
{
	if (text && *text)
		ui_page_add(p, UI_S_NORMAL, label, "%s", text);
}

static void build_candidate(record_view *rv)
{
	ui_page *p = &rv->pv.page;
	const dh_config *cfg = rv->pv.base.ctx->cfg;
	const dh_candidate *c = rv->cand;
	char d1[11], when[24];
	ui_page_add(p, UI_S_TITLE, NULL, "%s", c->name ? c->name : "");
	ui_page_add(p, UI_S_NORMAL, "Số hồ sơ", "%llu", (unsigned long long)c->meta.id);
	ui_page_add(p, UI_S_NORMAL, "Loại", "%s", kind_label(c->kind));
	ui_page_add(p, UI_S_NORMAL, "Năm", "%d", c->year);
	ui_page_add(p, UI_S_NORMAL, "Đơn vị", "%s", config_department_name(cfg, c->department));
	add_text(p, "Chức vụ", c->position);
	add_text(p, "Mô hình / thành tích", c->title);
	ui_page_add(p, c->meta.deleted || c->on_hold ? UI_S_WARN : UI_S_OK, "Bước", "%s%s%s%s%s",
	            stage_label(c->stage), c->on_hold ? " · tạm dừng xét: " : "",
	            c->on_hold && c->hold_reason ? c->hold_reason : "", c->meta.deleted ? " · đã xóa: " : "",
	            c->meta.deleted && c->meta.deleted_reason ? c->meta.deleted_reason : "");
	if (c->recognised_decision && *c->recognised_decision)
		ui_page_add(p, UI_S_NORMAL, "Quyết định công nhận", "Số %s%s%s", c->recognised_decision,
		            c->recognised_date ? " ngày " : "", date_vn(c->recognised_date, d1));
	if (c->award_decision && *c->award_decision)
		ui_page_add(p, UI_S_NORMAL, "Giấy khen", "Số %s%s%s", c->award_decision,
		            c->award_date ? " ngày " : "", date_vn(c->award_date, d1));
	if (c->criteria.n) {
		int kind = c->kind >= 0 && c->kind < DH_CANDIDATE_KINDS ? c->kind : 0;
		ui_page_add(p, UI_S_NORMAL, "Tiêu chí đạt", "%zu/%zu", c->criteria.n, cfg->criteria.n[kind]);
		for (size_t i = 0; i < c->criteria.n; i++) {
			const dh_criterion *cr = config_criterion(cfg, kind, c->criteria.v[i]);
			ui_page_add(p, UI_S_NORMAL, "", "✓ %s", cr ? cr->text : c->criteria.v[i]);
		}
	}
	if (c->duplicate_of)
		ui_page_add(p, UI_S_WARN, "Có thể trùng", "hồ sơ số %llu (cùng thành tích đã được công nhận)",
		            (unsigned long long)c->duplicate_of);
	add_text(p, "Mô tả", c->description);
	add_text(p, "Triển vọng", c->prospects);
	if (c->aims_provincial || (c->followup_notes && *c->followup_notes))
		ui_page_add(p, UI_S_NORMAL, "Hướng tới cấp tỉnh", "%s%s%s",
		            c->aims_provincial ? "Có" : "Không",
		            c->followup_notes && *c->followup_notes ? " · " : "",
		            c->followup_notes ? c->followup_notes : "");
	ui_page_add(p, UI_S_DIM, "Lập hồ sơ", "%s · %s",
	            ui_page_instant(c->meta.created_at, when, sizeof(when)),
	            config_person_name(cfg, c->meta.created_by));
	if (c->meta.rev > 1)
		ui_page_add(p, UI_S_DIM, "Sửa lần cuối", "%s · %s (lần lưu thứ %u)",
		            ui_page_instant(c->meta.updated_at, when, sizeof(when)),
		            config_person_name(cfg, c->meta.updated_by), c->meta.rev);
}

/* --- its history: one row builder per kind of record ------------------------ */

/* Fostering, with the material support added up. */
static void fostering_heading(const record_view *rv, ui_page *p)
{
	char money[40];
	int64_t total = 0;
	for (size_t i = 0; i < rv->fostering.n; i++) {
		const dh_fostering *f = rv->fostering.v[i];
		if (!f->meta.deleted)
			total += f->amount;
	}
	ui_page_section(p, "Bồi dưỡng (%zu lần%s%s%s)", rv->fostering.n, total ? ", hỗ trợ " : "",
	                total ? ui_format_money(total, money, sizeof(money)) : "", total ? " đồng" : "");
}

static void fostering_row(const record_view *rv, ui_page *p, size_t i)
{
	const dh_fostering *f = rv->fostering.v[i];
	char d1[11], money[40], amount[64] = "";
	if (f->amount)
		snprintf(amount, sizeof(amount), " · %s đồng",
		         ui_format_money(f->amount, money, sizeof(money)));
	ui_page_add(p, f->meta.deleted ? UI_S_DIM : UI_S_NORMAL, date_vn(f->date, d1), "%s: %s%s%s%s%s",
	            fostering_kind_label(f->kind), f->description ? f->description : "", amount,
	            f->by && *f->by ? " · " : "", f->by ? f->by : "", f->meta.deleted ? " (đã xóa)" : "");
}

static void registration_row(const record_view *rv, ui_page *p, size_t i)
{
	const dh_config *cfg = rv->pv.base.ctx->cfg;
	const dh_registration *r = rv->registrations.v[i];
	char d1[11];
	bool gone = r->status == DH_REG_RETURNED || r->status == DH_REG_WITHDRAWN;
	ui_page_add(p, gone ? UI_S_DIM : UI_S_NORMAL, date_vn(r->date, d1), "%s · %s · %s%s%s%s",
	            config_department_name(cfg, r->department), reg_status_label(r->status),
	            config_person_name(cfg, r->registered_by), r->complete ? " · đã kiểm tra đủ hồ sơ" : "",
	            r->reason && *r->reason ? " · lý do: " : "", r->reason ? r->reason : "");
	if (r->late_reason && *r->late_reason)
		ui_page_add(p, UI_S_WARN, "", "Đăng ký quá hạn, %s cho phép: %s",
		            config_person_name(cfg, r->late_approved_by), r->late_reason);
	add_text(p, "", r->description);
}

static void vote_row(const record_view *rv, ui_page *p, size_t i)
{
	const dh_config *cfg = rv->pv.base.ctx->cfg;
	const dh_vote_item *it = rv->items.v[i];
	const dh_session *s = rv->sessions.v[i];
	char d1[11];
	int style = it->meta.deleted                 ? UI_S_DIM
	            : !it->closed                    ? UI_S_NORMAL
	            : it->result == DH_RESULT_PASSED ? UI_S_OK
	                                             : UI_S_WARN;
	ui_page_add(p, style, s ? date_vn(s->date, d1) : "", "%s%s · %s%s",
	            s && s->title ? s->title : "Phiên họp",
	            s && s->method == DH_VOTE_SECRET ? " (bỏ phiếu kín)" : " (biểu quyết công khai)",
	            it->closed ? result_label(it->result) : "chưa chốt", it->meta.deleted ? " (đã xóa)" : "");
	if (it->closed && it->reason && *it->reason)
		ui_page_add(p, style, "", "%s", it->reason);
	if (s) {
		dh_tally t;
		council_tally(&cfg->council, s, it, &t);
		if (t.hidden)
			ui_page_add(p, UI_S_DIM, "", "Bỏ phiếu kín: số phiếu chỉ hiện khi đã chốt.");
		else
			ui_page_add(p, UI_S_NORMAL, "",
			            "Tán thành %d · không tán thành %d · không biểu quyết %d", t.agree,
			            t.disagree, t.abstain);
	}
	if (it->recused.n) {
		char names[600] = "";
		size_t o = 0;
		for (size_t k = 0; k < it->recused.n && o < sizeof(names); k++)
			o += (size_t)snprintf(names + o, sizeof(names) - o, "%s%s", k ? ", " : "",
			                      config_person_name(cfg, it->recused.v[k]));
		ui_page_add(p, UI_S_DIM, "", "Không biểu quyết về hồ sơ này: %s", names);
	}
	if (it->reopen_reason && *it->reopen_reason)
		ui_page_add(p, UI_S_WARN, "", "Đã mở lại (đính chính): %s", it->reopen_reason);
}

static void decision_row(const record_view *rv, ui_page *p, size_t i)
{
	const dh_config *cfg = rv->pv.base.ctx->cfg;
	const dh_decision *d = rv->decisions.v[i];
	const dh_award *aw = d->type == DH_DEC_AWARD ? config_award(cfg, d->award_id) : NULL;
	char d1[11], d2[11];
	ui_page_add(p, d->revoked ? UI_S_DIM : UI_S_NORMAL, date_vn(d->date, d1), "%s%s%s · số %s · %s ký",
	            decision_type_label(d->type), aw ? ": " : "", aw ? aw->name : "",
	            d->number ? d->number : "", config_person_name(cfg, d->signer));
	if (d->revoked)
		ui_page_add(p, UI_S_WARN, "", "Đã thu hồi%s%s: %s", d->revoke_date ? " ngày " : "",
		            date_vn(d->revoke_date, d2), d->revoke_reason ? d->revoke_reason : "");
}

static void ceremony_row(const record_view *rv, ui_page *p, size_t i)
{
	const dh_ceremony *c = rv->ceremonies.v[i];
	char d1[11];
	ui_page_add(p, c->meta.deleted ? UI_S_DIM : UI_S_NORMAL, date_vn(c->date, d1), "%s%s%s",
	            c->title ? c->title : "", c->place && *c->place ? " · " : "", c->place ? c->place : "");
}

static void activity_row(const record_view *rv, ui_page *p, size_t i)
{
	const dh_activity *a = rv->activities.v[i];
	char d1[11], people[40] = "";
	if (a->attendees)
		snprintf(people, sizeof(people), " · %d người", a->attendees);
	ui_page_add(p, a->meta.deleted ? UI_S_DIM : UI_S_NORMAL, date_vn(a->date, d1),
	            "%s: %s%s%s%s%s%s%s%s%s", activity_kind_label(a->kind), a->title ? a->title : "",
	            a->presenter && *a->presenter ? " · trình bày: " : "", a->presenter ? a->presenter : "",
	            a->audience && *a->audience ? " · đối tượng: " : "", a->audience ? a->audience : "",
	            people, a->url && *a->url ? " · " : "", a->url ? a->url : "",
	            a->meta.deleted ? " (đã xóa)" : "");
}

/* The history below the record, section by section: which records (a
 * rec_vec of record_view), of which type, how a section is headed and how
 * one of its records reads, and which walk finds them. */
typedef struct record_section {
	const char *title;
	void (*heading)(const record_view *rv, ui_page *p); /* instead of TITLE */
	size_t vec;                                         /* offsetof(record_view, ...) */
	dh_rtype type;
	void (*row)(const record_view *rv, ui_page *p, size_t i);
	int scan;        /* the SCAN_* walk that finds them; -1: read at once by the parent link */
	bool hide_empty; /* no section at all when the walk found none */
	bool in_log;     /* their changes are in the candidate's log (n) */
} record_section;

/* title, heading, records, type, row, walk, hide_empty, in_log */
static const record_section sections[] = {
    {NULL, fostering_heading, offsetof(record_view, fostering), DH_R_FOSTERING, fostering_row, -1, false,
     true},
    {"Đăng ký đề nghị công nhận", NULL, offsetof(record_view, registrations), DH_R_REGISTRATION,
     registration_row, -1, false, true},
    {"Bình xét của Hội đồng", NULL, offsetof(record_view, items), DH_R_VOTE_ITEM, vote_row, SCAN_ITEMS, false,
     true},
    {"Quyết định công nhận, khen thưởng", NULL, offsetof(record_view, decisions), DH_R_DECISION, decision_row,
     SCAN_DECISIONS, false, true},
    {"Biểu dương, tuyên dương", NULL, offsetof(record_view, ceremonies), DH_R_CEREMONY, ceremony_row,
     SCAN_CEREMONIES, true, false},
    {"Nhân rộng", NULL, offsetof(record_view, activities), DH_R_ACTIVITY, activity_row, -1, false, true},
};

#define N_SECTIONS (sizeof(sections) / sizeof(sections[0]))

static rec_vec *section_vec(record_view *rv, const record_section *sec)
{
	return (rec_vec *)((char *)rv + sec->vec);
}

static void build_section(record_view *rv, const record_section *sec)
{
	ui_page *p = &rv->pv.page;
	const rec_vec *vec = section_vec(rv, sec);
	bool searching = sec->scan >= 0 && rv->scan <= sec->scan;
	if (sec->hide_empty && !vec->n && !searching)
		return;
	if (sec->heading)
		sec->heading(rv, p);
	else
		ui_page_section(p, "%s", sec->title);
	for (size_t i = 0; i < vec->n; i++)
		sec->row(rv, p, i);
	if (searching)
		ui_page_add(p, UI_S_DIM, "", "Đang tìm…");
	else if (!vec->n)
		ui_page_add(p, UI_S_DIM, "", "Chưa có.");
}

static void record_build(record_view *rv)
{
	ui_page_clear(&rv->pv.page);
	if (!rv->cand) {
		ui_page_add(&rv->pv.page, UI_S_ERROR, NULL, "Không đọc được hồ sơ số %llu.",
		            (unsigned long long)rv->id);
		return;
	}
	build_candidate(rv);
	for (size_t k = 0; k < N_SECTIONS; k++)
		build_section(rv, &sections[k]);
	ui_page_view_measure(&rv->pv);
}

static void record_load(record_view *rv)
{
	dh_store *st = rv->pv.base.ctx->store;
	void *rec = NULL;
	record_free(DH_R_CANDIDATE, rv->cand);
	rv->cand = NULL;
	if (st && repo_get(st, DH_R_CANDIDATE, rv->id, &rec) == 0)
		rv->cand = rec;
	if (rv->cand)
		snprintf(rv->pv.title, sizeof(rv->pv.title), "%s", rv->cand->name ? rv->cand->name : "");
	for (size_t k = 0; k < N_SECTIONS; k++) {
		if (sections[k].scan < 0)
			record_children(rv, sections[k].type, section_vec(rv, &sections[k]));
		else
			vec_clear(section_vec(rv, &sections[k]), sections[k].type);
	}
	vec_clear(&rv->sessions, DH_R_SESSION);
	rv->scan = rv->cand && st ? SCAN_ITEMS : SCAN_DONE;
	rv->scan_next = 1;
	record_build(rv);
}

typedef struct scan_args {
	record_view *rv;
	size_t seen;
	uint64_t last;
	int rc;
} scan_args;

static bool ceremony_is_ours(const record_view *rv, const dh_ceremony *c)
{
	for (size_t i = 0; i < rv->decisions.n; i++)
		if (idlist_has(&c->decisions, ((const dh_decision *)rv->decisions.v[i])->meta.id))
			return true;
	return false;
}

static int scan_cb(const void *rec, void *arg)
{
	scan_args *a = arg;
	record_view *rv = a->rv;
	dh_rtype type = scan_types[rv->scan];
	a->seen++;
	a->last = ((const dh_meta *)rec)->id;
	bool ours = false;
	rec_vec *vec = NULL;
	switch (type) {
	case DH_R_VOTE_ITEM:
		ours = ((const dh_vote_item *)rec)->candidate_id == rv->id;
		vec = &rv->items;
		break;
	case DH_R_DECISION:
		ours = idlist_has(&((const dh_decision *)rec)->candidates, rv->id);
		vec = &rv->decisions;
		break;
	case DH_R_CEREMONY:
		ours = ceremony_is_ours(rv, rec);
		vec = &rv->ceremonies;
		break;
	default: break;
	}
	if (ours) {
		collect_args c = {vec, type};
		if ((a->rc = collect_cb(rec, &c)))
			return a->rc;
	}
	return a->seen >= RECORD_SCAN_SLICE;
}

/* One slice of the walk over vote items, decisions and ceremonies. */
static unsigned record_idle(ui_view *v)
{
	record_view *rv = (record_view *)v;
	if (rv->scan >= SCAN_DONE)
		return UI_R_NONE;
	scan_args a = {rv, 0, 0, 0};
	size_t found_before = rv->items.n + rv->decisions.n + rv->ceremonies.n;
	size_t items_before = rv->items.n;
	int rc = repo_page(v->ctx->store, scan_types[rv->scan], rv->scan_next, RECORD_SCAN_SLICE, false,
	                   scan_cb, &a);
	/* Each new vote item's session, read now that the walk's read is over. */
	for (size_t i = items_before; i < rv->items.n; i++) {
		void *s = NULL;
		repo_get(v->ctx->store, DH_R_SESSION, ((dh_vote_item *)rv->items.v[i])->session_id, &s);
		if (vec_push(&rv->sessions, s) && s)
			record_free(DH_R_SESSION, s);
	}
	while (rv->sessions.n < rv->items.n) /* out of memory above: keep them parallel */
		record_free(DH_R_VOTE_ITEM, rv->items.v[--rv->items.n]);
	bool moved = false;
	if (rc < 0 || a.seen < RECORD_SCAN_SLICE) {
		rv->scan++;
		rv->scan_next = 1;
		moved = true;
	} else {
		rv->scan_next = a.last + 1;
	}
	if (moved || rv->items.n + rv->decisions.n + rv->ceremonies.n != found_before) {
		record_build(rv);
		return UI_R_DRAW | (rv->scan < SCAN_DONE ? UI_R_BUSY : 0);
	}
	return UI_R_BUSY;
}

enum { RECORD_A_AUDIT = UI_A__COUNT };

static const ui_binding record_keys[] = {
    {UI_A_CANCEL, "Esc", {UI_ESC}, "Quay lại", "Về danh sách kết quả", false},
    {RECORD_A_AUDIT, "n", {'n'}, "Nhật ký", "Các thay đổi của hồ sơ này và lịch sử của nó", false},
    UI_PAGE_VIEW_BINDINGS,
    {0},
};

static bool record_offers(ui_view *v, int action)
{
	record_view *rv = (record_view *)v;
	if (action == RECORD_A_AUDIT)
		return rv->cand && wf_may(v->ctx, DH_ACT_VIEW_AUDIT);
	return ui_page_view_offers(v, action);
}

/* The candidate and every record of its history, for its audit log. */
static ui_view *record_audit(record_view *rv)
{
	size_t n = 1;
	for (size_t k = 0; k < N_SECTIONS; k++)
		if (sections[k].in_log)
			n += section_vec(rv, &sections[k])->n;
	int *tv = malloc(n * sizeof(*tv));
	uint64_t *iv = malloc(n * sizeof(*iv));
	ui_view *view = NULL;
	if (tv && iv) {
		size_t j = 0;
		tv[j] = DH_R_CANDIDATE;
		iv[j++] = rv->id;
		for (size_t k = 0; k < N_SECTIONS; k++) {
			const rec_vec *vec = section_vec(rv, &sections[k]);
			for (size_t i = 0; i < vec->n && sections[k].in_log; i++) {
				tv[j] = (int)sections[k].type;
				iv[j++] = ((const dh_meta *)vec->v[i])->id;
			}
		}
		char title[sizeof(rv->pv.title) + 16];
		snprintf(title, sizeof(title), "Nhật ký: %s", rv->pv.title);
		view = ui_audit_open_for(rv->pv.base.app, title, tv, iv, n);
	}
	free(tv);
	free(iv);
	return view;
}

static unsigned record_key(ui_view *v, int action, int key)
{
	record_view *rv = (record_view *)v;
	if (action != RECORD_A_AUDIT)
		return ui_page_view_key(v, action, key);
	if (rv->scan < SCAN_DONE)
		ui_message(v->app, "Đang tìm các bản ghi liên quan; nhật ký hiện những gì đã thấy.");
	ui_view *a = record_audit(rv);
	if (a)
		ui_push(v->app, a);
	return UI_R_DRAW;
}

static void record_reload(ui_view *v)
{
	record_load((record_view *)v);
}

static void record_destroy(ui_view *v)
{
	record_view *rv = (record_view *)v;
	record_free(DH_R_CANDIDATE, rv->cand);
	for (size_t k = 0; k < N_SECTIONS; k++)
		vec_free(section_vec(rv, &sections[k]), sections[k].type);
	vec_free(&rv->sessions, DH_R_SESSION);
	ui_page_view_destroy(v);
}

static const ui_view_ops record_ops = {
    .bindings = record_keys,
    .title = ui_page_view_title,
    .draw = ui_page_view_draw,
    .key = record_key,
    .offers = record_offers,
    .reload = record_reload,
    .idle = record_idle,
    .destroy = record_destroy,
};

ui_view *ui_record_open(ui_app *app, uint64_t candidate_id)
{
	record_view *rv = ui_page_view_new(app, &record_ops, sizeof(*rv), RECORD_LABEL_COLS);
	if (!rv) {
		ui_error(app, "%s", dh_strerror(DH_ENOMEM));
		return NULL;
	}
	rv->id = candidate_id;
	record_load(rv);
	if (!rv->cand) {
		ui_error(app, "Không đọc được hồ sơ số %llu.", (unsigned long long)candidate_id);
		record_destroy(&rv->pv.base);
		return NULL;
	}
	return &rv->pv.base;
}
