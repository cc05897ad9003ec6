/* scr_awards_activity.c — replication (nhân rộng) on screen 4: a record's
 * replication log, and the form of one activity (an agency meeting, a
 * website post with its address, another way). */
#include "scr_awards_internal.h"

#include "dienhinh/date.h"
#include "dienhinh/error.h"
#include "dienhinh/repo.h"
#include "dienhinh/ui_candlog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef ui_candlog aw_log_view;

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
	switch (action) {
	case UI_A_CANCEL: return UI_R_POP;
	case UI_A_ADD:
		if (aw_refused(v, DH_ACT_REPLICATE))
			return UI_R_DRAW;
		return aw_show_form(v->app, aw_activity_form_open(v->app, NULL, lv->candidate_id));
	case UI_A_OPEN:
		return aw_show_form(v->app, a ? aw_activity_form_open(v->app, a, lv->candidate_id) : NULL);
	case AW_A_FOLLOWUP:
		return aw_show_form(v->app,
		                    lv->candidate ? aw_followup_form_open(v->app, lv->candidate) : NULL);
	case UI_A_DELETE:
		return a ? aw_delete(v, DH_R_ACTIVITY, a->meta.id, "hoạt động nhân rộng này") : UI_R_DRAW;
	}
	return UI_R_NONE;
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

ui_view *aw_log_open(ui_app *app, const dh_candidate *c)
{
	aw_log_view *lv = ui_candlog_open(app, &aw_log_spec, c);
	return lv ? &lv->base : NULL;
}

/* --- replication activities ------------------------------------------------------ */

enum { AC_CANDIDATE, AC_KIND, AC_DATE, AC_TITLE, AC_URL, AC_PRESENTER, AC_AUDIENCE, AC_ATTENDEES, AC__COUNT };

static const ui_field aw_act_fields[AC__COUNT] = {
    [AC_CANDIDATE] = {"candidate_id", "Hồ sơ", UI_F_CHOICE, 0, true, 0, 0, .bind = "candidate_id",
                      .invalid = "Chọn hồ sơ"},
    [AC_KIND] = {"kind", "Hình thức", UI_F_CHOICE, 0, true, 0, 0, .bind = "kind",
                 .invalid = "Chọn một hình thức"},
    [AC_DATE] = {"date", "Ngày", UI_F_DATE, 0, true, 0, 0, .bind = "date"},
    [AC_TITLE] = {"title", "Nội dung", UI_F_TEXT, 500, true, 0, 0, .bind = "title"},
    [AC_URL] = {"url", "Địa chỉ bài đăng", UI_F_TEXT, 500, false, 0, 0, .bind = "url"},
    [AC_PRESENTER] = {"presenter", "Người trình bày", UI_F_TEXT, 300, false, 0, 0, .bind = "presenter"},
    [AC_AUDIENCE] = {"audience", "Đối tượng", UI_F_TEXT, 500, false, 0, 0, .bind = "audience"},
    [AC_ATTENDEES] = {"attendees", "Số người dự", UI_F_NUMBER, 8, false, 0, 1000000, .bind = "attendees"},
};

static const ui_choice aw_act_kind_choices[3] = {
    {"0", "Hội nghị, cuộc họp cơ quan"},
    {"1", "Đăng trên trang thông tin điện tử"},
    {"2", "Hình thức khác"},
};

/* f->user: the one record the activity belongs to, as a choice. */
static size_t aw_act_choices(ui_form *f, int field, const ui_choice **out)
{
	if (field == AC_KIND) {
		*out = aw_act_kind_choices;
		return 3;
	}
	return field == AC_CANDIDATE ? aw_choices_get(f->user, out) : 0;
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

static int aw_act_write(dh_ctx *ctx, const void *rec, uint64_t *id)
{
	return wf_activity_save(ctx, rec, id);
}

/* A new activity of the record offered: an agency meeting today,
 * presented by me. */
static void aw_act_defaults(ui_form *f, void *rec)
{
	dh_ctx *ctx = f->base.ctx;
	const aw_choices *candidate = f->user;
	dh_activity *a = rec;
	a->candidate_id = strtoull(candidate->v[0].value, NULL, 10);
	a->kind = DH_ACT_MEETING;
	a->date = ctx->today;
	record_set_str(&a->presenter, ctx->person ? ctx->person->name : ctx->login);
}

/* Nobody counted: the box stays empty rather than saying 0. */
static void aw_act_load(ui_form *f, const void *rec)
{
	if (!((const dh_activity *)rec)->attendees)
		ui_form_set(f, AC_ATTENDEES, "");
}

/* A new activity's draft points at its record; an edit at the activity. */
static void aw_act_target(ui_form *f, int *type, uint64_t *id, uint32_t *rev)
{
	const dh_activity *a = f->rec;
	*type = a->meta.id ? DH_R_ACTIVITY : DH_R_CANDIDATE;
	*id = a->meta.id ? a->meta.id : a->candidate_id;
	*rev = a->meta.rev;
}

static const ui_form_record aw_act_record = {
    .type = DH_R_ACTIVITY,
    .write = aw_act_write,
    .defaults = aw_act_defaults,
    .load = aw_act_load,
    .target = aw_act_target,
    .free_user = aw_choices_destroy,
};

static const ui_form_spec aw_act_spec = {
    .name = "activity",
    .title = "Hoạt động nhân rộng",
    .fields = aw_act_fields,
    .n_fields = AC__COUNT,
    .choices = aw_act_choices,
    .note = aw_act_note,
    .record = &aw_act_record,
};

/* A form over A (NULL: a new activity of CANDIDATE_ID). */
ui_form *aw_activity_form_open(ui_app *app, const dh_activity *a, uint64_t candidate_id)
{
	dh_ctx *ctx = ui_ctx(app);
	void *cand = NULL;
	if (!ctx->store ||
	    repo_get(ctx->store, DH_R_CANDIDATE, a ? a->candidate_id : candidate_id, &cand) != 0) {
		ui_error(app, "Không đọc được hồ sơ.");
		return NULL;
	}
	const dh_candidate *c = cand;
	aw_choices *candidate = calloc(1, sizeof(*candidate));
	char label[400];
	aw_candidate_label(ctx->cfg, c, label, sizeof(label));
	if (candidate && aw_choice_id(candidate, c->meta.id, label) != 0) {
		aw_choices_destroy(candidate);
		candidate = NULL;
	}
	ui_form *f = candidate ? ui_form_open(app, &aw_act_spec, a, candidate) : NULL;
	if (f) {
		const dh_activity *rec = f->rec;
		f->readonly = rec->meta.deleted || !wf_candidate_may(ctx, DH_ACT_REPLICATE, c);
		ui_form_focus(f, a ? AC_TITLE : AC_KIND);
	}
	record_free(DH_R_CANDIDATE, cand);
	return f;
}

ui_form *aw_activity_form_restore(ui_app *app, const dh_draft *d)
{
	if (d->target_type != DH_R_ACTIVITY)
		return aw_activity_form_open(app, NULL, d->target_id);
	void *rec = NULL;
	if (repo_get(ui_ctx(app)->store, DH_R_ACTIVITY, d->target_id, &rec) != 0)
		return NULL;
	ui_form *f = aw_activity_form_open(app, rec, 0);
	record_free(DH_R_ACTIVITY, rec);
	return f;
}
