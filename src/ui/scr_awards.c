/* scr_awards.c — screen 4, Khen thưởng, nhân rộng (section II.3 of the
 * plan). Four tabs, switched with Tab:
 *
 *   Hồ sơ đã công nhận     recognised and awarded records of every year:
 *                          Space marks records for a Giấy khen, a makes
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
#include "scr_awards_internal.h"

#include "dienhinh/error.h"
#include "dienhinh/repo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AW_SLICE 2000 /* candidates read per idle slice */

static const char *const aw_tab_names[AW_TABS] = {"Hồ sơ đã công nhận", "Quyết định khen thưởng",
                                                  "Tuyên dương", "Nhân rộng"};

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
	return s->tab == AW_TAB_DECISIONS ? ui_list_current_item(&s->lists[AW_TAB_DECISIONS]) : NULL;
}

static const dh_ceremony *aw_cur_ceremony(aw_screen *s)
{
	return s->tab == AW_TAB_CEREMONIES ? ui_list_current_item(&s->lists[AW_TAB_CEREMONIES]) : NULL;
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
	return true;
}

static unsigned aw_award(aw_screen *s)
{
	ui_view *v = &s->base;
	if (ui_refused(v->app, wf_check(v->ctx, DH_ACT_AWARD)))
		return UI_R_DRAW;
	uint64_t one = 0;
	const uint64_t *ids = s->tags;
	size_t n = s->n_tags;
	const dh_candidate *c = s->tab == AW_TAB_RECORDS ? aw_peek(s) : NULL;
	if (!n && c && c->stage == DH_STAGE_RECOGNISED && !c->on_hold) {
		one = c->meta.id;
		ids = &one;
		n = 1;
	}
	ui_form *f = aw_award_form_open(v->app, &s->n_tags, ids, n);
	for (size_t i = 0; f && i < s->shown.n; i++)
		aw_award_offer(f, s->shown.v[i].id);
	return ui_form_push(v->app, f);
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

/* A new activity from the activities tab: which recognised record? */
static unsigned aw_add_activity(aw_screen *s)
{
	ui_view *v = &s->base;
	ui_choices ch = {0};
	char label[400];
	for (size_t i = 0; i < s->shown.n; i++) {
		void *rec = NULL;
		if (repo_get(v->ctx->store, DH_R_CANDIDATE, s->shown.v[i].id, &rec) != 0)
			continue;
		const dh_candidate *c = rec;
		if (wf_candidate_may(v->ctx, DH_ACT_REPLICATE, c)) {
			aw_candidate_label(v->ctx->cfg, c, label, sizeof(label));
			ui_choices_add_id(&ch, c->meta.id, label);
		}
		record_free(DH_R_CANDIDATE, rec);
	}
	if (!ch.n) {
		ui_error(v->app, "Chưa có hồ sơ đã công nhận nào mà bạn được ghi nhân rộng.");
		ui_choices_free(&ch);
		return UI_R_DRAW;
	}
	int k = ui_pick(v->app, "Nhân rộng hồ sơ nào?", ch.v, ch.n, 0);
	const char *picked = k >= 0 && (size_t)k < ch.n ? ch.v[k].value : NULL;
	uint64_t id = picked ? strtoull(picked, NULL, 10) : 0;
	ui_choices_free(&ch);
	return id ? ui_form_push(v->app, aw_activity_form_open(v->app, NULL, id)) : UI_R_DRAW;
}

/* Enter on a row: a record's replication log, a decision's page, the
 * ceremony's or the activity's form. */
static unsigned aw_open(aw_screen *s)
{
	ui_app *app = s->base.app;
	switch (s->tab) {
	case AW_TAB_RECORDS: {
		const dh_candidate *c = aw_peek(s);
		return aw_show(app, c ? aw_log_open(app, c) : NULL);
	}
	case AW_TAB_DECISIONS: {
		const dh_decision *d = aw_cur_decision(s);
		return aw_show(app, d ? aw_decision_open(app, d) : NULL);
	}
	case AW_TAB_CEREMONIES: {
		const dh_ceremony *c = aw_cur_ceremony(s);
		return ui_form_push(app, c ? aw_ceremony_form_open(app, c) : NULL);
	}
	}
	dh_activity *a = aw_cur_activity(s);
	ui_form *f = a ? aw_activity_form_open(app, a, a->candidate_id) : NULL;
	record_free(DH_R_ACTIVITY, a);
	return ui_form_push(app, f);
}

static unsigned aw_key(ui_view *v, int action, int key)
{
	aw_screen *s = (aw_screen *)v;
	switch (action) {
	case AW_A_TAB:
		s->tab = (s->tab + (key == UI_K(KEY_BTAB) ? AW_TABS - 1 : 1)) % AW_TABS;
		ui_list_view_show(v, aw_list(s));
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
		return ui_form_push(v->app, c ? aw_followup_form_open(v->app, c) : NULL);
	}
	case AW_A_REVOKE: {
		const dh_decision *d = aw_cur_decision(s);
		return ui_form_push(v->app, d ? aw_revoke_form_open(v->app, d) : NULL);
	}
	case UI_A_ADD:
		if (s->tab == AW_TAB_ACTIVITIES)
			return aw_add_activity(s);
		if (s->tab != AW_TAB_CEREMONIES || ui_refused(v->app, wf_check(v->ctx, DH_ACT_CEREMONY)))
			return UI_R_DRAW;
		return ui_form_push(v->app, aw_ceremony_form_open(v->app, NULL));
	case UI_A_OPEN:
	case UI_A_EDIT: return aw_open(s);
	case UI_A_DELETE: {
		if (s->tab == AW_TAB_CEREMONIES) {
			const dh_ceremony *c = aw_cur_ceremony(s);
			return c ? aw_delete(v->app, DH_R_CEREMONY, c->meta.id, "buổi tuyên dương này")
			         : UI_R_DRAW;
		}
		dh_activity *a = s->tab == AW_TAB_ACTIVITIES ? aw_cur_activity(s) : NULL;
		if (!a)
			return UI_R_DRAW;
		uint64_t id = a->meta.id;
		record_free(DH_R_ACTIVITY, a);
		return aw_delete(v->app, DH_R_ACTIVITY, id, "hoạt động nhân rộng này");
	}
	}
	return UI_R_NONE;
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
		const ui_items *decisions = &s->lists[AW_TAB_DECISIONS].items;
		size_t live = 0;
		for (size_t i = 0; i < decisions->n; i++)
			live += !((const dh_decision *)decisions->v[i])->revoked;
		snprintf(info, sizeof(info), "%zu quyết định tặng Giấy khen có hiệu lực, %zu đã thu hồi.",
		         live, decisions->n - live);
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
	ui_draw_tabs(w, 0, 0, cols, aw_tab_names, AW_TABS, s->tab);
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

/* Another session (or a form of mine) committed. */
static void aw_view_reload(ui_view *v)
{
	aw_screen *s = (aw_screen *)v;
	record_free(DH_R_CANDIDATE, s->cur);
	s->cur = NULL;
	aw_tabs_read(s);
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
	aw_tabs_free(s);
	v->list = NULL; /* every tab's list is freed */
	free(s->tags);
	record_free(DH_R_CANDIDATE, s->cur);
}

static int aw_start(ui_view *v, const void *arg)
{
	(void)arg;
	int rc = aw_tabs_init((aw_screen *)v);
	ui_list_view_show(v, aw_list((aw_screen *)v));
	return rc;
}

const ui_view_ops ui_awards_view = {
    .size = sizeof(aw_screen),
    .start = aw_start,
    .bindings = aw_keys,
    .draw = aw_draw,
    .key = aw_key,
    .offers = aw_offers,
    .reload = aw_view_reload,
    .idle = aw_idle,
    .destroy = aw_destroy,
};

/* --- drafts ---------------------------------------------------------------------- */

static const struct {
	const char *form;
	ui_form *(*restore)(ui_app *app, const dh_draft *d);
} aw_drafts[] = {
    {"award_decision", aw_award_form_restore}, {"award_revoke", aw_revoke_form_restore},
    {"ceremony", aw_ceremony_form_restore},    {"activity", aw_activity_form_restore},
    {"followup", aw_followup_form_restore},
};

bool ui_awards_restore(ui_app *app, const dh_draft *d)
{
	if (!d->form || !ui_ctx(app)->store)
		return false;
	for (size_t i = 0; i < sizeof(aw_drafts) / sizeof(aw_drafts[0]); i++) {
		if (strcmp(d->form, aw_drafts[i].form) != 0)
			continue;
		return ui_form_restore(app, aw_drafts[i].restore(app, d), d, true);
	}
	return false;
}
