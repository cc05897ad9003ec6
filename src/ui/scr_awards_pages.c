/* scr_awards_pages.c — the pages screen 4 opens over one record: a
 * recognised record's replication log (its activities, Enter to edit one,
 * t for its follow-up), and one award decision with its records (x
 * revokes it, o/O makes the document, i prints the Giấy khen). */
#include "scr_awards_internal.h"

#include "dienhinh/date.h"
#include "dienhinh/error.h"
#include "dienhinh/repo.h"
#include "dienhinh/ui_candlog.h"

#include <stdio.h>
#include <stdlib.h>

typedef ui_candlog aw_log_view;

/* Both pages: Esc goes back; their short lists neither filter nor sort. */
static bool aw_page_offers(int action)
{
	return action != UI_A_FILTER && action != UI_A_SORT;
}

/* --- a record's replication log ------------------------------------------------ */

static const ui_list_column aw_log_columns[] = {
    {"Ngày", 10, false},      {"Hình thức", 9, false}, {"Nội dung", 0, false},
    {"Trình bày", 15, false}, {"Số dự", 5, true},
};

static void aw_log_fill(void *ctx, const void *item, ui_list_row *row)
{
	(void)ctx;
	aw_act_fill(item, NULL, row);
}

static const ui_list_source aw_log_source = {
    .columns = aw_log_columns,
    .n_columns = 5,
    .load = ui_candlog_load,
    .fill = aw_log_fill,
    .item_type = DH_R_ACTIVITY,
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

static bool aw_log_offers(ui_view *v, int action)
{
	const dh_candidate *c = ((aw_log_view *)v)->candidate;
	if (action == AW_A_FOLLOWUP)
		return c && wf_candidate_may(v->ctx, DH_ACT_EDIT, c);
	return ui_candlog_offers(v, action);
}

static unsigned aw_log_key(ui_view *v, int action, int key)
{
	aw_log_view *lv = (aw_log_view *)v;
	if (action == AW_A_FOLLOWUP)
		return ui_form_push(v->app,
		                    lv->candidate ? aw_followup_form_open(v->app, lv->candidate) : NULL);
	return ui_candlog_key(v, action, key);
}

static ui_form *aw_log_form(ui_app *app, ui_candlog *lv, const void *entry)
{
	return aw_activity_form_open(app, entry, lv->candidate_id);
}

static unsigned aw_log_remove(ui_app *app, const void *entry)
{
	return aw_delete(app, DH_R_ACTIVITY, ((const dh_activity *)entry)->meta.id,
	                 "hoạt động nhân rộng này");
}

static void aw_log_draw(ui_view *v, WINDOW *w)
{
	aw_log_view *lv = (aw_log_view *)v;
	const dh_candidate *c = lv->candidate;
	int cols = getmaxx(w);
	char d1[11], d2[11];
	int people = 0, live = 0;
	for (size_t i = 0; i < lv->list.items.n; i++)
		if (!((dh_activity *)lv->list.items.v[i])->meta.deleted) {
			live++;
			people += ((dh_activity *)lv->list.items.v[i])->attendees;
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
    .size = sizeof(aw_log_view),
    .start = ui_candlog_start,
    .bindings = aw_log_keys,
    .title = ui_candlog_title,
    .draw = aw_log_draw,
    .key = aw_log_key,
    .offers = aw_log_offers,
    .destroy = ui_candlog_destroy,
};

static const ui_candlog_spec aw_log_spec = {
    .add = DH_ACT_REPLICATE,
    .form = aw_log_form,
    .remove = aw_log_remove,
    .ops = &aw_log_ops,
    .source = &aw_log_source,
    .title_prefix = "Nhân rộng: ",
    .title_size = 200,
};

ui_view *aw_log_open(ui_app *app, const dh_candidate *c)
{
	aw_log_view *lv = ui_candlog_open(app, &aw_log_spec, c);
	return lv ? &lv->base : NULL;
}

/* --- one decision ------------------------------------------------------------------ */

typedef struct aw_dec_view {
	ui_view base;
	ui_list list; /* its items: the decision's records (dh_candidate) */
	dh_decision *d;
	char title[160];
} aw_dec_view;

static const ui_list_column aw_decv_columns[] = {
    {"Số", 5, true},   {"Năm", 4, false},     {"Loại", 7, false},
    {"Tên", 0, false}, {"Đơn vị", 18, false}, {"Bước", 14, false},
};

/* The decision read again, and its records. */
static void aw_decv_load(void *ctx, ui_items *cands)
{
	aw_dec_view *dv = ctx;
	dh_store *st = dv->base.ctx->store;
	void *rec = NULL;
	if (st && repo_get(st, DH_R_DECISION, dv->d->meta.id, &rec) == 0) {
		record_free(DH_R_DECISION, dv->d);
		dv->d = rec;
	}
	for (size_t i = 0; st && i < dv->d->candidates.n; i++) {
		void *c = NULL;
		if (repo_get(st, DH_R_CANDIDATE, dv->d->candidates.v[i], &c) == 0 && ui_items_add(cands, c))
			break;
	}
}

static void aw_decv_fill(void *ctx, const void *item, ui_list_row *row)
{
	const aw_dec_view *dv = ctx;
	const dh_config *cfg = dv->base.ctx->cfg;
	const dh_candidate *c = item;
	row->style = UI_S_NORMAL;
	snprintf(row->cells[0], UI_LIST_CELL, "%llu", (unsigned long long)c->meta.id);
	snprintf(row->cells[1], UI_LIST_CELL, "%d", c->year);
	snprintf(row->cells[2], UI_LIST_CELL, "%s", kind_label(c->kind));
	snprintf(row->cells[3], UI_LIST_CELL, "%s", c->name ? c->name : "");
	snprintf(row->cells[4], UI_LIST_CELL, "%s", config_department_short(cfg, c->department));
	snprintf(row->cells[5], UI_LIST_CELL, "%s", stage_label(c->stage));
}

static const ui_list_source aw_decv_source = {
    .columns = aw_decv_columns,
    .n_columns = 6,
    .load = aw_decv_load,
    .fill = aw_decv_fill,
    .item_type = DH_R_CANDIDATE,
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
	snprintf(q, sizeof(q), "In Giấy khen: t tất cả %zu người · 1 chỉ hồ sơ đang chọn · Esc thôi",
	         dv->list.items.n);
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
		return dv->d->type == DH_DEC_AWARD && !dv->d->revoked && dv->list.items.n &&
		       ui_document_may(v->app);
	}
	return aw_page_offers(action);
}

static unsigned aw_decv_key(ui_view *v, int action, int key)
{
	aw_dec_view *dv = (aw_dec_view *)v;
	switch (action) {
	case UI_A_CANCEL: return UI_R_POP;
	case UI_A_DOCUMENT: return aw_document(v->app, dv->d, key);
	case AW_A_PRINT: return aw_decv_print(dv);
	case AW_A_REVOKE: return ui_form_push(v->app, aw_revoke_form_open(v->app, dv->d));
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
	ui_putf(w, 1, 1, cols - 2, "Người ký: %s · năm %d · %zu hồ sơ", config_person_name(cfg, d->signer),
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

static void aw_decv_destroy(ui_view *v)
{
	record_free(DH_R_DECISION, ((aw_dec_view *)v)->d);
}

static int aw_decv_start(ui_view *v, const void *arg)
{
	aw_dec_view *dv = (aw_dec_view *)v;
	const dh_decision *d = arg;
	dv->d = record_dup(DH_R_DECISION, d);
	if (!dv->d)
		return DH_ENOMEM;
	snprintf(dv->title, sizeof(dv->title), "Quyết định %s", d->number ? d->number : "");
	return ui_list_view_start(v, &dv->list, &aw_decv_source);
}

static const ui_view_ops aw_decv_ops = {
    .size = sizeof(aw_dec_view),
    .start = aw_decv_start,
    .bindings = aw_decv_keys,
    .title = aw_decv_title,
    .draw = aw_decv_draw,
    .key = aw_decv_key,
    .offers = aw_decv_offers,
    .destroy = aw_decv_destroy,
};

ui_view *aw_decision_open(ui_app *app, const dh_decision *d)
{
	return ui_view_open(app, &aw_decv_ops, d);
}
