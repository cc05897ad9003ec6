/* scr_council.c — the council sessions of screen 3: the list of the
 * year's sessions (add, edit, delete, their documents), opening one into
 * the session mode (scr_council_session.c), and the drafts of the
 * council's forms offered back after a cut. What the other files do is
 * listed in scr_council_internal.h. */
#include "scr_council_internal.h"

#include "dienhinh/date.h"
#include "dienhinh/error.h"
#include "dienhinh/record.h"
#include "dienhinh/repo.h"
#include "dienhinh/ui_verbs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- the list of sessions ------------------------------------------------- */

/* A session's agenda: its live items, and of them the closed ones. */
typedef struct agenda_count {
	int items;
	int closed;
} agenda_count;

typedef struct list_view {
	ui_view base;
	ui_list list; /* its items: the year's sessions */
	int year;
} list_view;

static const ui_list_column list_columns[] = {
    {"Số", 3, true},     {"Ngày", 10, false},  {"Phiên họp", 0, false},
    {"Có mặt", 6, true}, {"Đã chốt", 7, true}, {"Tình trạng", 11, false},
};

static bool session_of_year(const void *rec, const void *year)
{
	return ((const dh_session *)rec)->year == *(const int *)year;
}

static int list_count_item(const void *rec, void *arg)
{
	agenda_count *n = arg;
	const dh_vote_item *it = rec;
	if (it->meta.deleted)
		return 0;
	n->items++;
	n->closed += it->closed;
	return 0;
}

/* Newest meeting first. */
static int list_order(const void *a, const void *b)
{
	const dh_session *x = *(dh_session *const *)a, *y = *(dh_session *const *)b;
	if (x->date != y->date)
		return x->date < y->date ? 1 : -1;
	return x->meta.id < y->meta.id ? 1 : x->meta.id > y->meta.id ? -1 : 0;
}

static void list_load(void *ctx, ui_items *sessions)
{
	list_view *lv = ctx;
	ui_items_read(sessions, lv->base.ctx->store, session_of_year, &lv->year);
	if (sessions->n > 1)
		qsort(sessions->v, sessions->n, sizeof(*sessions->v), list_order);
}

static void list_fill(void *ctx, const void *item, ui_list_row *row)
{
	const list_view *lv = ctx;
	const dh_config *cfg = lv->base.ctx->cfg;
	const dh_session *s = item;
	agenda_count agenda = {0, 0};
	char day[11];
	if (lv->base.ctx->store)
		repo_children(lv->base.ctx->store, DH_R_VOTE_ITEM, s->meta.id, list_count_item, &agenda);
	row->style = s->meta.deleted ? UI_S_DIM : UI_S_NORMAL;
	snprintf(row->cells[0], UI_LIST_CELL, "%llu", (unsigned long long)s->meta.id);
	snprintf(row->cells[1], UI_LIST_CELL, "%s", date_vn(s->date, day));
	snprintf(row->cells[2], UI_LIST_CELL, "%s", s->title ? s->title : "");
	snprintf(row->cells[3], UI_LIST_CELL, "%d/%zu", council_present(&cfg->council, s),
	         cfg->council.n_members);
	snprintf(row->cells[4], UI_LIST_CELL, "%d/%d", agenda.closed, agenda.items);
	snprintf(row->cells[5], UI_LIST_CELL, "%s",
	         s->meta.deleted ? "Đã xóa"
	         : s->closed     ? "Đã kết thúc"
	                         : "Đang họp");
}

static const ui_list_source list_source = {
    .columns = list_columns,
    .n_columns = 6,
    .load = list_load,
    .fill = list_fill,
    .item_type = DH_R_SESSION,
    .empty_text = "Chưa có phiên họp Hội đồng nào trong năm.",
};

static const ui_binding list_keys[] = {
    {UI_A_OPEN, "Enter", {UI_ENTER}, "Mở phiên", "Mở phiên họp: điểm danh, chương trình, biểu quyết", false},
    {UI_A_ADD, "a", {'a'}, "Thêm phiên", "Lập phiên họp Hội đồng mới", false},
    {UI_A_EDIT, "e", {'e'}, NULL, "Sửa ngày, tên, ghi chú của phiên họp", false},
    {UI_A_DOCUMENT, UI_DOC_KEYS, NULL, UI_COUNCIL_DOC_HELP, false},
    UI_LIST_BINDINGS,
    {UI_A_DELETE, "x", {'x'}, NULL, "Xóa phiên họp chưa có kết quả nào (vẫn lưu vết)", false},
    {CA_BACK, "Esc", {UI_ESC}, "Quay lại", "Quay lại", true},
    {0},
};

static const dh_session *list_current(list_view *lv)
{
	return ui_list_current_item(&lv->list);
}

static const char *list_title(ui_view *v)
{
	(void)v;
	return "Họp Hội đồng";
}

static bool list_offers(ui_view *v, int action)
{
	list_view *lv = (list_view *)v;
	const dh_session *s = list_current(lv);
	switch (action) {
	case UI_A_OPEN: return lv->list.filtering || s != NULL;
	case UI_A_ADD: return wf_may(v->ctx, DH_ACT_MANAGE_SESSION);
	case UI_A_EDIT: return s && ui_council_session_live(s) && wf_may(v->ctx, DH_ACT_MANAGE_SESSION);
	case UI_A_DELETE: return s && ui_council_session_live(s) && wf_may(v->ctx, DH_ACT_DELETE);
	case UI_A_DOCUMENT: return s && ui_document_may(v->app);
	case CA_BACK: return v->below != NULL;
	}
	return true;
}

static unsigned list_key(ui_view *v, int action, int key)
{
	list_view *lv = (list_view *)v;
	const dh_session *s = list_current(lv);
	switch (action) {
	case CA_BACK: return UI_R_POP;
	case UI_A_ADD: {
		if (ui_refused(v->app, wf_check(v->ctx, DH_ACT_MANAGE_SESSION)))
			return UI_R_DRAW;
		return ui_form_push(v->app, ui_council_session_form(v->app, &lv->list, NULL));
	}
	case UI_A_OPEN:
		if (s)
			ui_council_push(v->app, ui_council_session_open(v->app, s->meta.id));
		return UI_R_DRAW;
	case UI_A_DOCUMENT: return s ? ui_council_session_document(v, s, key) : UI_R_DRAW;
	case UI_A_EDIT:
		return s ? ui_form_push(v->app, ui_council_session_form(v->app, &lv->list, s)) : UI_R_DRAW;
	case UI_A_DELETE: {
		if (!s)
			return UI_R_DRAW;
		char q[300];
		snprintf(q, sizeof(q), "Xóa phiên họp “%s”? (vẫn lưu vết trong nhật ký)",
		         s->title ? s->title : "");
		if (ui_confirm(v->app, q)) {
			v->ctx->message[0] = '\0';
			ui_council_wrote(
			    v, wf_delete(v->ctx, DH_R_SESSION, s->meta.id, "Xóa từ màn hình họp Hội đồng"),
			    "Chưa xóa", "Đã xóa phiên họp (có lưu vết).");
		}
		return UI_R_RELOAD | UI_R_DRAW;
	}
	case UI_A_NONE:
		/* A key this person is not offered: say who may. */
		if (key == 'a' || key == 'e')
			ui_council_say_refused(v, DH_ACT_MANAGE_SESSION,
			                       s && s->closed ? "Phiên họp đã kết thúc: không sửa được."
			                                      : NULL);
		else if (key == 'x')
			ui_council_say_refused(v, DH_ACT_DELETE,
			                       s && s->closed ? "Phiên họp đã kết thúc: không xóa được."
			                                      : NULL);
		else
			return UI_R_NONE;
		return UI_R_DRAW;
	}
	return UI_R_NONE;
}

static void list_draw(ui_view *v, WINDOW *w)
{
	list_view *lv = (list_view *)v;
	const dh_council *c = &v->ctx->cfg->council;
	char rule[160];
	council_rule_words(c, rule, sizeof(rule));
	wattrset(w, ui_style(UI_S_TITLE));
	ui_putf(w, 0, 1, getmaxx(w) - 2, "%s · năm %d · %zu thành viên", c->name ? c->name : "Hội đồng",
	        lv->year, c->n_members);
	wattrset(w, ui_style(UI_S_DIM));
	ui_putf(w, 1, 1, getmaxx(w) - 2, "Cần có mặt %d/%d · đạt khi tán thành %s", c->quorum.num,
	        c->quorum.den, rule);
	wattrset(w, A_NORMAL);
	ui_list_draw(&lv->list, w, 2, 0, getmaxy(w) - 2, getmaxx(w));
}

static int list_start(ui_view *v, const void *arg)
{
	list_view *lv = (list_view *)v;
	(void)arg;
	lv->year = v->ctx->cfg->plan.year;
	return ui_list_view_start(v, &lv->list, &list_source);
}

static const ui_view_ops list_ops = {
    .size = sizeof(list_view),
    .start = list_start,
    .bindings = list_keys,
    .title = list_title,
    .draw = list_draw,
    .key = list_key,
    .offers = list_offers,
};

ui_view *ui_council_open(ui_app *app)
{
	return ui_view_open(app, &list_ops, NULL);
}

/* --- drafts -------------------------------------------------------------------------- */

/* A council list pushed on the screen's stack, for a restored form to
 * return to. */
static list_view *restore_list(ui_app *app)
{
	ui_view *lv = ui_council_open(app);
	if (!lv)
		return NULL;
	ui_push(app, lv);
	return (list_view *)lv;
}

/* What the draft of a close or reopen reason is about: the session it is
 * in, and the words of the form's note. False when the record is gone. */
static bool restore_target(dh_ctx *ctx, const dh_draft *d, uint64_t *session_id, char *what, size_t size)
{
	if (d->target_type == DH_R_SESSION) {
		*session_id = d->target_id;
		snprintf(what, size, "phiên họp #%llu", (unsigned long long)d->target_id);
		return true;
	}
	void *rec = NULL;
	if (d->target_type != DH_R_VOTE_ITEM || repo_get(ctx->store, DH_R_VOTE_ITEM, d->target_id, &rec) != 0)
		return false;
	const dh_vote_item *it = rec;
	*session_id = it->session_id;
	snprintf(what, size, "hồ sơ #%llu", (unsigned long long)it->candidate_id);
	record_free(DH_R_VOTE_ITEM, rec);
	return true;
}

bool ui_council_restore(ui_app *app, const dh_draft *d)
{
	dh_ctx *ctx = ui_ctx(app);
	if (!d->form)
		return false;
	if (strcmp(d->form, "council_session") == 0) {
		void *rec = NULL;
		if (d->target_id && repo_get(ctx->store, DH_R_SESSION, d->target_id, &rec) != 0)
			return false;
		list_view *lv = restore_list(app);
		ui_form *f = lv ? ui_council_session_form(app, &lv->list, rec) : NULL;
		if (rec)
			record_free(DH_R_SESSION, rec);
		ui_form_restore(app, f, d, false); /* F NULL: out of memory, the list stays */
		return lv != NULL;
	}
	/* A reason for the minutes: over the session it belongs to. */
	bool close = strcmp(d->form, "council_close") == 0;
	if (!close && strcmp(d->form, "council_reopen") != 0)
		return false;
	uint64_t session_id;
	char what[240];
	if ((close && d->target_type != DH_R_VOTE_ITEM) ||
	    !restore_target(ctx, d, &session_id, what, sizeof(what)) || !restore_list(app))
		return false;
	ui_view *sv = ui_council_session_open(app, session_id);
	if (!sv)
		return true;
	ui_push(app, sv);
	int reopen =
	    d->target_type == DH_R_SESSION ? UI_COUNCIL_NOTE_REOPEN_SESSION : UI_COUNCIL_NOTE_REOPEN_ITEM;
	ui_form_restore(app,
	                close ? ui_council_close_form(app, d->target_id, what, ui_council_session_closed, sv)
	                      : ui_council_note_form(app, reopen, d->target_id, NULL, what, NULL),
	                d, false);
	return true;
}
