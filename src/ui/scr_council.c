/* scr_council.c — the council sessions of screen 3: the list of the year's
 * sessions, a session's agenda in the secretary's session mode, the
 * attendance with the quorum, one item's members (open votes, recusals,
 * written opinions), closing an item and reopening it with a reason.
 *
 * The session mode is the moment that must not go wrong, with the council
 * watching: one row per nominee; with a secret vote the digits typed go
 * straight into the focused count of the row being typed (marked ▶, the
 * cell in brackets), where the secretary sees them; Tab moves across the
 * row's three counts and never off the row, Enter writes the three
 * together, and leaving a row with counts not written asks first. Every
 * other session (and the projector) sees "•" until the item is closed;
 * closing with fewer votes than voters asks the reason for the minutes,
 * with more is refused. With an open vote each member's a/d/b is written
 * at once and the result, with its reason in words, follows at every key.
 * The secretary's cursor is published (the session's current_item) for
 * the projector to follow. Every write goes through the workflow (roles,
 * locks, audit); nothing is held between keys. */
#include "dienhinh/ui_council.h"

#include "dienhinh/date.h"
#include "dienhinh/error.h"
#include "dienhinh/record.h"
#include "dienhinh/report.h"
#include "dienhinh/repo.h"
#include "dienhinh/ui_form.h"
#include "dienhinh/ui_list.h"
#include "dienhinh/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The views' own actions. */
enum {
	CA_ATTEND = UI_A__COUNT,
	CA_DIGITS,
	CA_ERASE,
	CA_NEXT,
	CA_PREV,
	CA_LEFT,
	CA_RIGHT,
	CA_CLOSE_ITEM,
	CA_REOPEN,
	CA_MEMBERS,
	CA_CLOSE_SESSION,
	CA_PRESENT,
	CA_ABSENT,
	CA_WRITTEN,
	CA_CYCLE,
	CA_AGREE,
	CA_DISAGREE,
	CA_ABSTAIN,
	CA_VOTES,
	CA_RECUSE,
	CA_RECUSE_WHY,
	CA_OPINION,
	CA_BACK,
	CA_SAVE_ROW,
	CA_PROJECTOR,
};

#define UI_MESSAGE_COLS 78 /* the message line of an 80-column terminal */

typedef struct list_view list_view;
typedef struct sess_view sess_view;

static ui_view *sess_open(ui_app *app, uint64_t session_id);
static ui_view *att_open(ui_app *app, uint64_t session_id);
static ui_view *item_open(ui_app *app, uint64_t session_id, uint64_t item_id);
static ui_form *session_form_open(ui_app *app, list_view *list, const dh_session *s);
static ui_form *reason_form_open(ui_app *app, int type, uint64_t id, const char *what);
static ui_form *close_form_open(ui_app *app, uint64_t item_id, const char *what, sess_view *sess);

/* --- helpers ------------------------------------------------------------- */

static int set_str(char **dst, const char *s)
{
	char *copy = NULL;
	if (s && *s) {
		copy = strdup(s);
		if (!copy)
			return DH_ENOMEM;
	}
	free(*dst);
	*dst = copy;
	return 0;
}

static const char *person_name(const dh_config *cfg, const char *login)
{
	const dh_person *p = login ? config_person(cfg, login) : NULL;
	return p && p->name ? p->name : (login ? login : "");
}

static const char *dept_name(const dh_config *cfg, const char *id)
{
	const dh_department *d = id ? config_department(cfg, id) : NULL;
	return d ? d->name : (id ? id : "");
}

/* "Phó Chủ tịch" for "Phó Chủ tịch Hội đồng": the column is narrow and
 * every row is a council member anyway. */
static void role_short(unsigned role, char *buf, size_t size)
{
	const char *label = config_role_label(role ? role : DH_ROLE_MEMBER);
	snprintf(buf, size, "%s", label ? label : "");
	const char *tail = " Hội đồng";
	size_t n = strlen(buf), t = strlen(tail);
	if (n > t && strcmp(buf + n - t, tail) == 0)
		buf[n - t] = '\0';
}

static const char *cand_name(const ui_council_item *ci)
{
	return ci->candidate && ci->candidate->name ? ci->candidate->name : "(không đọc được hồ sơ)";
}

/* The verb of a refusal when the core's sentence is too long for the one
 * message line (council roles have long names). */
static const char *short_verb(dh_action a)
{
	switch (a) {
	case DH_ACT_RECORD_VOTES: return "ghi phiếu";
	case DH_ACT_RECORD_ATTENDANCE: return "điểm danh";
	case DH_ACT_CLOSE_ITEM: return "chốt";
	case DH_ACT_REOPEN_ITEM: return "mở lại";
	case DH_ACT_MANAGE_SESSION: return "lập phiên";
	case DH_ACT_DELETE: return "xóa";
	default: break;
	}
	return "làm việc này";
}

/* A refusal for ACTION in the core's own words (who may), or why not here. */
static void say_refused(ui_view *v, dh_action a, const char *why_here)
{
	v->ctx->message[0] = '\0';
	if (wf_check(v->ctx, a) != 0) {
		char who[256];
		wf_who_may(v->ctx->cfg, a, who, sizeof(who));
		if (utf8_width(v->ctx->message) > UI_MESSAGE_COLS && v->ctx->person && who[0])
			ui_error(v->app, "Chỉ %s được %s.", who, short_verb(a));
		else
			ui_error(v->app, "%s", v->ctx->message);
	} else if (why_here) {
		ui_error(v->app, "%s", why_here);
	}
}

/* "Chưa chốt: <the core's reason>", the reason alone when both do not fit
 * the one message line. */
static void say_failed(ui_view *v, const char *what, int rc)
{
	const char *why = v->ctx->message[0] ? v->ctx->message : dh_strerror(rc);
	if (utf8_width(what) + 2 + utf8_width(why) > UI_MESSAGE_COLS)
		ui_error(v->app, "%s", why);
	else
		ui_error(v->app, "%s: %s", what, why);
}

static bool session_open_for_work(const dh_session *s)
{
	return s && !s->closed && !s->meta.deleted;
}

static const char *method_words(int method)
{
	return method == DH_VOTE_OPEN ? "Biểu quyết công khai" : "Bỏ phiếu kín";
}

/* The header line of a session: state, title, date, method. The state
 * comes first: after a long title it was cut off at 80 columns. */
static void session_heading(const dh_session *s, char *buf, size_t size)
{
	char day[11], when[24] = "";
	const char *title = s->title ? s->title : "";
	/* The default title already says the date. */
	if (!strstr(title, date_vn(s->date, day)))
		snprintf(when, sizeof(when), " · %s", day);
	snprintf(buf, size, "%s%s%s · %s",
	         s->meta.deleted ? "Đã xóa · "
	         : s->closed     ? "Đã kết thúc · "
	                         : "",
	         title, when, method_words(s->method));
}

/* The quorum line, green when met, red when not. */
static void draw_quorum(WINDOW *w, int y, const dh_config *cfg, const dh_session *s, int cols)
{
	const dh_council *c = &cfg->council;
	int present = council_present(c, s);
	int written = 0;
	for (size_t i = 0; i < c->n_members; i++)
		if (council_attendance(s, c->members[i].login) == DH_WRITTEN)
			written++;
	char q[160], line[240];
	ui_council_quorum_text(c, present, q, sizeof(q));
	if (written)
		snprintf(line, sizeof(line), "%s · %d vắng có ý kiến bằng văn bản%s", q, written,
		         c->written_votes_count ? "" : " (không tính)");
	else
		snprintf(line, sizeof(line), "%s", q);
	wattrset(w, ui_style(council_has_quorum(c, present) ? UI_S_OK : UI_S_ERROR));
	ui_put(w, y, 1, line, cols - 2);
	wattrset(w, A_NORMAL);
}

/* --- the list of sessions ------------------------------------------------- */

typedef struct sess_row {
	dh_session *s;
	int items;  /* live agenda items */
	int closed; /* of which closed */
} sess_row;

struct list_view {
	ui_view base;
	ui_list list;
	sess_row *rows;
	size_t n, cap;
	int year;
};

static const ui_list_column list_columns[] = {
    {"Số", 3, true},     {"Ngày", 10, false},  {"Phiên họp", 0, false},
    {"Có mặt", 6, true}, {"Đã chốt", 7, true}, {"Tình trạng", 11, false},
};

static void list_clear(list_view *lv)
{
	for (size_t i = 0; i < lv->n; i++)
		record_free(DH_R_SESSION, lv->rows[i].s);
	lv->n = 0;
}

static int list_collect(const void *rec, void *arg)
{
	list_view *lv = arg;
	const dh_session *s = rec;
	if (s->year != lv->year)
		return 0;
	if (lv->n == lv->cap) {
		size_t cap = lv->cap ? lv->cap * 2 : 16;
		sess_row *r = realloc(lv->rows, cap * sizeof(*r));
		if (!r)
			return 1;
		lv->rows = r;
		lv->cap = cap;
	}
	sess_row *row = &lv->rows[lv->n];
	memset(row, 0, sizeof(*row));
	row->s = record_dup(DH_R_SESSION, s);
	if (!row->s)
		return 1;
	lv->n++;
	return 0;
}

static int list_count_item(const void *rec, void *arg)
{
	sess_row *row = arg;
	const dh_vote_item *it = rec;
	if (it->meta.deleted)
		return 0;
	row->items++;
	row->closed += it->closed;
	return 0;
}

/* Newest meeting first. */
static int list_order(const void *a, const void *b)
{
	const dh_session *x = ((const sess_row *)a)->s, *y = ((const sess_row *)b)->s;
	if (x->date != y->date)
		return x->date < y->date ? 1 : -1;
	return x->meta.id < y->meta.id ? 1 : x->meta.id > y->meta.id ? -1 : 0;
}

static void list_load(list_view *lv)
{
	dh_store *st = lv->base.ctx->store;
	list_clear(lv);
	if (!st)
		return;
	repo_each(st, DH_R_SESSION, list_collect, lv);
	for (size_t i = 0; i < lv->n; i++)
		repo_children(st, DH_R_VOTE_ITEM, lv->rows[i].s->meta.id, list_count_item, &lv->rows[i]);
	if (lv->n > 1)
		qsort(lv->rows, lv->n, sizeof(*lv->rows), list_order);
}

static size_t list_src_count(void *ctx)
{
	return ((list_view *)ctx)->n;
}

static size_t list_src_rows(void *ctx, size_t first, size_t n, ui_list_row *out)
{
	list_view *lv = ctx;
	const dh_config *cfg = lv->base.ctx->cfg;
	size_t k = 0;
	for (size_t i = first; i < lv->n && k < n; i++, k++) {
		const sess_row *r = &lv->rows[i];
		const dh_session *s = r->s;
		char day[11];
		out[k].id = s->meta.id;
		out[k].style = s->meta.deleted ? UI_S_DIM : UI_S_NORMAL;
		snprintf(out[k].cells[0], UI_LIST_CELL, "%llu", (unsigned long long)s->meta.id);
		snprintf(out[k].cells[1], UI_LIST_CELL, "%s", date_vn(s->date, day));
		snprintf(out[k].cells[2], UI_LIST_CELL, "%s", s->title ? s->title : "");
		snprintf(out[k].cells[3], UI_LIST_CELL, "%d/%zu", council_present(&cfg->council, s),
		         cfg->council.n_members);
		snprintf(out[k].cells[4], UI_LIST_CELL, "%d/%d", r->closed, r->items);
		snprintf(out[k].cells[5], UI_LIST_CELL, "%s",
		         s->meta.deleted ? "Đã xóa"
		         : s->closed     ? "Đã kết thúc"
		                         : "Đang họp");
	}
	return k;
}

static void list_src_reload(void *ctx)
{
	list_load(ctx);
}

static size_t list_src_index_of(void *ctx, uint64_t id)
{
	list_view *lv = ctx;
	for (size_t i = 0; i < lv->n; i++)
		if (lv->rows[i].s->meta.id == id)
			return i;
	return SIZE_MAX;
}

static const ui_list_source list_source = {
    .columns = list_columns,
    .n_columns = 6,
    .count = list_src_count,
    .rows = list_src_rows,
    .reload = list_src_reload,
    .index_of = list_src_index_of,
    .empty_text = "Chưa có phiên họp Hội đồng nào trong năm.",
};

/* The session's documents: its minutes, and for a closed secret ballot
 * also the ballot record (asked which). */
#define DOC_HELP "Biên bản họp, biên bản kiểm phiếu ra tệp Word (o) / PDF (O)"

static unsigned session_document(ui_view *v, const dh_session *s, int key)
{
	/* Copied first: the question waits for a key, S may be reloaded. */
	dh_report_opts o;
	report_opts_init(&o);
	o.session_id = s->meta.id;
	o.year = s->year;
	bool ballot = s->method == DH_VOTE_SECRET && s->closed;
	int kind = DH_REPORT_MINUTES;
	if (ballot) {
		char q[160];
		snprintf(q, sizeof(q), "Ghi ra tệp %s: b biên bản họp · k biên bản kiểm phiếu · Esc thôi",
		         key == 'O' ? "PDF" : "Word");
		int k = ui_ask(v->app, q, "bk");
		if (k == UI_ESC)
			return UI_R_DRAW;
		if (k == 'k')
			kind = DH_REPORT_BALLOT;
	}
	return ui_document(v->app, kind, &o, key);
}

static const ui_binding list_keys[] = {
    {UI_A_OPEN, "Enter", {UI_ENTER}, "Mở phiên", "Mở phiên họp: điểm danh, chương trình, biểu quyết", false},
    {UI_A_ADD, "a", {'a'}, "Thêm phiên", "Lập phiên họp Hội đồng mới", false},
    {UI_A_EDIT, "e", {'e'}, NULL, "Sửa ngày, tên, ghi chú của phiên họp", false},
    {UI_A_DOCUMENT, UI_DOC_KEYS, NULL, DOC_HELP, false},
    UI_LIST_BINDINGS,
    {UI_A_DELETE, "x", {'x'}, NULL, "Xóa phiên họp chưa có kết quả nào (vẫn lưu vết)", false},
    {CA_BACK, "Esc", {UI_ESC}, "Quay lại", "Quay lại", true},
    {0},
};

static const dh_session *list_current(list_view *lv)
{
	const ui_list_row *row = lv->n ? ui_list_current(&lv->list) : NULL;
	if (!row)
		return NULL;
	size_t i = list_src_index_of(lv, row->id);
	return i == SIZE_MAX ? NULL : lv->rows[i].s;
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
	case UI_A_EDIT: return s && session_open_for_work(s) && wf_may(v->ctx, DH_ACT_MANAGE_SESSION);
	case UI_A_DELETE: return s && session_open_for_work(s) && wf_may(v->ctx, DH_ACT_DELETE);
	case UI_A_DOCUMENT: return s && ui_document_may(v->app);
	case CA_BACK: return v->below != NULL;
	}
	return ui_list_offers(&lv->list, action);
}

static unsigned list_key(ui_view *v, int action, int key)
{
	list_view *lv = (list_view *)v;
	unsigned r = ui_list_key(&lv->list, action, key);
	if (!(r & UI_R_UNHANDLED))
		return r;
	const dh_session *s = list_current(lv);
	switch (action) {
	case CA_BACK: return UI_R_POP;
	case UI_A_ADD: {
		if (wf_check(v->ctx, DH_ACT_MANAGE_SESSION) != 0) {
			ui_error(v->app, "%s", v->ctx->message);
			return UI_R_DRAW;
		}
		ui_form *f = session_form_open(v->app, lv, NULL);
		if (f)
			ui_push(v->app, &f->base);
		return UI_R_DRAW;
	}
	case UI_A_OPEN: {
		if (!s)
			return UI_R_DRAW;
		ui_view *sv = sess_open(v->app, s->meta.id);
		if (sv)
			ui_push(v->app, sv);
		return UI_R_DRAW;
	}
	case UI_A_DOCUMENT: return s ? session_document(v, s, key) : UI_R_DRAW;
	case UI_A_EDIT: {
		if (!s)
			return UI_R_DRAW;
		ui_form *f = session_form_open(v->app, lv, s);
		if (f)
			ui_push(v->app, &f->base);
		return UI_R_DRAW;
	}
	case UI_A_DELETE: {
		if (!s)
			return UI_R_DRAW;
		char q[300];
		snprintf(q, sizeof(q), "Xóa phiên họp “%s”? (vẫn lưu vết trong nhật ký)",
		         s->title ? s->title : "");
		if (ui_confirm(v->app, q)) {
			v->ctx->message[0] = '\0';
			int rc = wf_delete(v->ctx, DH_R_SESSION, s->meta.id, "Xóa từ màn hình họp Hội đồng");
			if (rc == 0)
				ui_message(v->app, "Đã xóa phiên họp (có lưu vết).");
			else
				say_failed(v, "Chưa xóa", rc);
		}
		return UI_R_RELOAD | UI_R_DRAW;
	}
	case UI_A_NONE:
		/* A key this person is not offered: say who may. */
		if (key == 'a' || key == 'e')
			say_refused(v, DH_ACT_MANAGE_SESSION,
			            s && s->closed ? "Phiên họp đã kết thúc: không sửa được." : NULL);
		else if (key == 'x')
			say_refused(v, DH_ACT_DELETE,
			            s && s->closed ? "Phiên họp đã kết thúc: không xóa được." : NULL);
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

static void list_view_reload(ui_view *v)
{
	ui_list_reload(&((list_view *)v)->list);
}

static bool list_typing(ui_view *v)
{
	return ui_list_typing(&((list_view *)v)->list);
}

static bool list_cursor(ui_view *v, int *y, int *x)
{
	return ui_list_cursor(&((list_view *)v)->list, y, x);
}

static void list_destroy(ui_view *v)
{
	list_view *lv = (list_view *)v;
	ui_list_free(&lv->list);
	list_clear(lv);
	free(lv->rows);
	free(lv);
}

static const ui_view_ops list_ops = {
    .bindings = list_keys,
    .title = list_title,
    .draw = list_draw,
    .key = list_key,
    .offers = list_offers,
    .reload = list_view_reload,
    .typing = list_typing,
    .cursor = list_cursor,
    .destroy = list_destroy,
};

ui_view *ui_council_open(ui_app *app)
{
	list_view *lv = calloc(1, sizeof(*lv));
	if (!lv)
		return NULL;
	ui_view_init(&lv->base, &list_ops, app);
	lv->year = lv->base.ctx->cfg->plan.year;
	list_load(lv);
	if (ui_list_init(&lv->list, &list_source, lv) != 0) {
		list_destroy(&lv->base);
		return NULL;
	}
	return &lv->base;
}

/* --- the session form --------------------------------------------------------- */

enum { SF_DATE, SF_TITLE, SF_NOTES, SF__COUNT };

static const ui_field session_fields[SF__COUNT] = {
    [SF_DATE] = {"date", "Ngày họp", UI_F_DATE, 0, true, 0, 0},
    [SF_TITLE] = {"title", "Tên phiên họp", UI_F_TEXT, 500, false, 0, 0},
    [SF_NOTES] = {"notes", "Ghi chú", UI_F_LONG, 20000, false, 0, 0},
};

typedef struct session_form {
	list_view *list;
	dh_session *rec;
} session_form;

static const char *session_form_note(ui_form *f, int field, char *buf, size_t size)
{
	session_form *sf = f->user;
	if (field == SF_DATE) {
		int method = sf->rec->meta.id ? sf->rec->method : (int)f->base.ctx->cfg->council.method;
		snprintf(buf, size, "Hình thức: %s (theo cấu hình)", method_words(method));
		return buf;
	}
	if (field == SF_TITLE && !sf->rec->meta.id) {
		snprintf(buf, size, "Để trống: “Phiên họp Hội đồng ngày …”");
		return buf;
	}
	return NULL;
}

static void session_form_load(ui_form *f, const dh_session *s)
{
	char day[11];
	ui_form_set(f, SF_DATE, date_vn(s->date, day));
	ui_form_set(f, SF_TITLE, s->title);
	ui_form_set(f, SF_NOTES, s->notes);
	ui_form_mark_clean(f);
}

static int session_form_save(ui_form *f)
{
	session_form *sf = f->user;
	dh_session *s = record_dup(DH_R_SESSION, sf->rec);
	if (!s)
		return DH_ENOMEM;
	int date = 0;
	int bad = ui_form_date(f, SF_DATE, &date) != 0;
	const char *title = ui_form_text(f, SF_TITLE);
	const char *notes = ui_form_text(f, SF_NOTES);
	bad |= !title || !notes;
	if (bad) {
		record_free(DH_R_SESSION, s);
		return DH_EINVAL;
	}
	s->date = date;
	if (!s->year)
		s->year = f->base.ctx->cfg->plan.year;
	int rc = set_str(&s->title, title) | set_str(&s->notes, notes);
	uint64_t id = 0;
	if (rc == 0)
		rc = wf_session_save(f->base.ctx, s, &id);
	if (rc) {
		record_free(DH_R_SESSION, s);
		return rc;
	}
	if (!s->meta.id)
		s->meta.id = id;
	record_free(DH_R_SESSION, sf->rec);
	sf->rec = s;
	if (sf->list) {
		ui_list_reload(&sf->list->list);
		ui_list_select(&sf->list->list, id ? id : s->meta.id);
	}
	return 0;
}

static int session_form_reread(ui_form *f)
{
	session_form *sf = f->user;
	void *rec = NULL;
	int rc = repo_get(f->base.ctx->store, DH_R_SESSION, sf->rec->meta.id, &rec);
	if (rc)
		return rc;
	record_free(DH_R_SESSION, sf->rec);
	sf->rec = rec;
	session_form_load(f, sf->rec);
	return 0;
}

static void session_form_target(ui_form *f, int *type, uint64_t *id, uint32_t *rev)
{
	session_form *sf = f->user;
	*type = DH_R_SESSION;
	*id = sf->rec->meta.id;
	*rev = sf->rec->meta.rev;
}

static void session_form_destroy(ui_form *f)
{
	session_form *sf = f->user;
	if (!sf)
		return;
	record_free(DH_R_SESSION, sf->rec);
	free(sf);
}

static const ui_form_spec session_new_spec = {
    .name = "council_session",
    .title = "Lập phiên họp Hội đồng",
    .fields = session_fields,
    .n_fields = SF__COUNT,
    .note = session_form_note,
    .save = session_form_save,
    .reread = session_form_reread,
    .target = session_form_target,
    .destroy = session_form_destroy,
};
static const ui_form_spec session_edit_spec = {
    .name = "council_session",
    .title = "Phiên họp Hội đồng",
    .fields = session_fields,
    .n_fields = SF__COUNT,
    .note = session_form_note,
    .save = session_form_save,
    .reread = session_form_reread,
    .target = session_form_target,
    .destroy = session_form_destroy,
};

static ui_form *session_form_open(ui_app *app, list_view *list, const dh_session *s)
{
	dh_ctx *ctx = ui_ctx(app);
	session_form *sf = calloc(1, sizeof(*sf));
	if (!sf)
		return NULL;
	sf->list = list;
	sf->rec = s ? record_dup(DH_R_SESSION, s) : record_new(DH_R_SESSION);
	ui_form *f = sf->rec ? ui_form_new(app, s ? &session_edit_spec : &session_new_spec, sf) : NULL;
	if (!f) {
		if (sf->rec)
			record_free(DH_R_SESSION, sf->rec);
		free(sf);
		return NULL;
	}
	if (!s) {
		sf->rec->date = ctx->today;
		sf->rec->year = ctx->cfg->plan.year;
		sf->rec->method = ctx->cfg->council.method;
	}
	session_form_load(f, sf->rec);
	f->readonly = !wf_may(ctx, DH_ACT_MANAGE_SESSION) || !session_open_for_work(sf->rec);
	ui_form_focus(f, s ? SF_TITLE : SF_DATE);
	return f;
}

/* --- the reason of a reopening ------------------------------------------------- */

enum { RF_REASON, RF__COUNT };

static const ui_field reason_fields[RF__COUNT] = {
    [RF_REASON] = {"reason", "Lý do mở lại", UI_F_TEXT, 500, true, 0, 0},
};

typedef struct reason_form {
	int type; /* DH_R_VOTE_ITEM: reopen an item; DH_R_SESSION: reopen the session */
	uint64_t id;
	char what[200];
} reason_form;

static const char *reason_form_note(ui_form *f, int field, char *buf, size_t size)
{
	reason_form *rf = f->user;
	if (field != RF_REASON)
		return NULL;
	snprintf(buf, size, "Đính chính, có lưu vết: «%s»", rf->what);
	return buf;
}

static int reason_form_save(ui_form *f)
{
	reason_form *rf = f->user;
	const char *reason = ui_form_text(f, RF_REASON);
	if (!reason)
		return DH_EINVAL;
	if (!*reason) {
		ui_form_error(f, RF_REASON, "Cần ghi lý do mở lại");
		return DH_EINVAL;
	}
	if (rf->type == DH_R_SESSION)
		return wf_session_reopen(f->base.ctx, rf->id, reason);
	return wf_item_reopen(f->base.ctx, rf->id, reason);
}

static void reason_form_target(ui_form *f, int *type, uint64_t *id, uint32_t *rev)
{
	reason_form *rf = f->user;
	*type = rf->type;
	*id = rf->id;
	*rev = 0;
}

static void reason_form_destroy(ui_form *f)
{
	free(f->user);
}

static const ui_form_spec reason_item_spec = {
    .name = "council_reopen",
    .title = "Mở lại kết quả bình xét",
    .fields = reason_fields,
    .n_fields = RF__COUNT,
    .note = reason_form_note,
    .save = reason_form_save,
    .target = reason_form_target,
    .destroy = reason_form_destroy,
};
static const ui_form_spec reason_session_spec = {
    .name = "council_reopen",
    .title = "Mở lại phiên họp",
    .fields = reason_fields,
    .n_fields = RF__COUNT,
    .note = reason_form_note,
    .save = reason_form_save,
    .target = reason_form_target,
    .destroy = reason_form_destroy,
};

static ui_form *reason_form_open(ui_app *app, int type, uint64_t id, const char *what)
{
	reason_form *rf = calloc(1, sizeof(*rf));
	if (!rf)
		return NULL;
	rf->type = type;
	rf->id = id;
	snprintf(rf->what, sizeof(rf->what), "%s", what ? what : "");
	ui_form *f = ui_form_new(app, type == DH_R_SESSION ? &reason_session_spec : &reason_item_spec, rf);
	if (!f) {
		free(rf);
		return NULL;
	}
	ui_form_focus(f, RF_REASON);
	return f;
}

/* --- the reason of a close with fewer votes than voters ------------------------- */

enum { CF_REASON, CF__COUNT };

static const ui_field close_fields[CF__COUNT] = {
    [CF_REASON] = {"count_reason", "Lý do", UI_F_TEXT, 500, true, 0, 0},
};

typedef struct close_form {
	uint64_t item_id;
	char what[200];
	sess_view *sess; /* the session below, told when it closed (may be NULL) */
} close_form;

static void sess_closed(sess_view *s, uint64_t item_id);

static const char *close_form_note(ui_form *f, int field, char *buf, size_t size)
{
	close_form *cf = f->user;
	if (field != CF_REASON)
		return NULL;
	snprintf(buf, size, "Số phiếu khác số thành viên được biểu quyết, vào biên bản: «%s»", cf->what);
	return buf;
}

static int close_form_save(ui_form *f)
{
	close_form *cf = f->user;
	const char *reason = ui_form_text(f, CF_REASON);
	if (!reason)
		return DH_EINVAL;
	if (!*reason) {
		ui_form_error(f, CF_REASON, "Cần ghi lý do: phiếu không hợp lệ, thành viên về trước…");
		return DH_EINVAL;
	}
	int rc = wf_item_close_why(f->base.ctx, cf->item_id, reason);
	if (rc == 0 && cf->sess)
		sess_closed(cf->sess, cf->item_id);
	return rc;
}

static void close_form_target(ui_form *f, int *type, uint64_t *id, uint32_t *rev)
{
	close_form *cf = f->user;
	*type = DH_R_VOTE_ITEM;
	*id = cf->item_id;
	*rev = 0;
}

static void close_form_destroy(ui_form *f)
{
	free(f->user);
}

static const ui_form_spec close_spec = {
    .name = "council_close",
    .title = "Chốt kết quả: lý do số phiếu",
    .fields = close_fields,
    .n_fields = CF__COUNT,
    .note = close_form_note,
    .save = close_form_save,
    .target = close_form_target,
    .destroy = close_form_destroy,
};

static ui_form *close_form_open(ui_app *app, uint64_t item_id, const char *what, sess_view *sess)
{
	close_form *cf = calloc(1, sizeof(*cf));
	if (!cf)
		return NULL;
	cf->item_id = item_id;
	cf->sess = sess;
	snprintf(cf->what, sizeof(cf->what), "%s", what ? what : "");
	ui_form *f = ui_form_new(app, &close_spec, cf);
	if (!f) {
		free(cf);
		return NULL;
	}
	ui_form_focus(f, CF_REASON);
	return f;
}

/* Closing item CI, as the counts say: refused with more votes than
 * voters (or none), asked plainly when they match, and when fewer asked
 * and then the reason (a form; SESS is told once it closed). Returns what
 * the view must do; *CLOSED says whether it closed here and now. */
static unsigned close_item_now(ui_view *v, ui_council_item *ci, sess_view *sess, bool *closed)
{
	char q[400];
	*closed = false;
	const char *name = cand_name(ci);
	ui_council_close_kind k = ui_council_close_check(ci, name, q, sizeof(q));
	if (k == UI_CLOSE_EMPTY || k == UI_CLOSE_OVER) {
		ui_error(v->app, "%s", q);
		return UI_R_DRAW;
	}
	if (!ui_confirm(v->app, q))
		return UI_R_DRAW;
	if (k == UI_CLOSE_SHORT) {
		ui_form *f = close_form_open(v->app, ci->item->meta.id, name, sess);
		if (f)
			ui_push(v->app, &f->base);
		return UI_R_DRAW;
	}
	v->ctx->message[0] = '\0';
	int rc = wf_item_close(v->ctx, ci->item->meta.id);
	if (rc) {
		say_failed(v, "Chưa chốt", rc);
		return UI_R_DRAW;
	}
	*closed = true;
	return UI_R_RELOAD | UI_R_DRAW;
}

/* --- the session mode ------------------------------------------------------------ */

#define SESS_HEAD  5 /* title and progress, quorum, rule, column titles on two rows */
#define SESS_FOOT  3 /* the selected nominee, recusals, the result in words */
#define SESS_COUNT 3 /* agree, disagree, abstain */

struct sess_view {
	ui_view base;
	uint64_t session_id;
	ui_council_model m;
	bool loaded;
	int row, col, top;
	ui_council_entry entry; /* the count being typed in the focused cell */
	/* The row's counts as typed, written together when the row is left
	 * (or Enter on its last count): correcting 5/4/0 to 6/3/0 never
	 * passes through 6/4/0, more ballots than voters. */
	int pend[SESS_COUNT];
	bool pend_typed[SESS_COUNT];
	bool pend_dirty;
	uint64_t pend_item;
	uint64_t closed_item; /* closed through the reason form: move on */
	char title[64];
	int cursor_y, cursor_x;
	bool has_cursor;
};

/* Whole words over two rows ("Không" / "tán thành"), not "Không TT". */
static const char *const count_titles[SESS_COUNT][2] = {
    {"Tán", "thành"}, {"Không", "tán thành"}, {"Không", "biểu quyết"}};
static const int count_widths[SESS_COUNT] = {5, 9, 10};
#define RESULT_WIDTH 16

static const ui_binding sess_keys[] = {
    {CA_BACK, "q", {'q', UI_ESC}, "Quay lại", "Quay lại (Esc khi đang gõ số: bỏ số đang gõ)", false},
    /* 1–8 here, since the shell would take them for screens; 0 and 9
     * are no one's key and come raw (sess_key). */
    {CA_DIGITS,
     "0–9",
     {'1', '2', '3', '4', '5', '6', '7', '8', '9'},
     "Số phiếu",
     "Gõ số phiếu kín vào ô đang chọn (số cũ được thay)",
     false},
    {CA_NEXT, "Tab", {UI_TAB}, "Ô sau", "Sang số sau của cùng dòng (không sang dòng khác)", false},
    {CA_SAVE_ROW, "Enter", {UI_ENTER}, "Ghi", "Ghi ba số phiếu của dòng đang gõ", false},
    {CA_PREV, "S-Tab", {UI_K(KEY_BTAB)}, "Ô trước", "Về số trước của cùng dòng", true},
    {CA_ERASE, "⌫", {UI_K(KEY_BACKSPACE)}, "Xóa số", "Xóa chữ số vừa gõ", true},
    {CA_LEFT, "←", {UI_K(KEY_LEFT)}, "Ô trái", "Sang ô bên trái", true},
    {CA_RIGHT, "→", {UI_K(KEY_RIGHT)}, "Ô phải", "Sang ô bên phải", true},
    {UI_A_OPEN,
     "Enter",
     {UI_ENTER, 'v'},
     "Biểu quyết",
     "Enter/v: phiếu của từng thành viên (a/d/b), không tham gia (r)",
     false},
    {CA_CLOSE_ITEM, "c", {'c'}, "Chốt", "Chốt kết quả hồ sơ đang chọn (công bố, khóa lại)", false},
    /* Offered once every item is closed, where `c` stood: placed after
     * `a` and `v` it never fitted on an 80-column key line. */
    {CA_CLOSE_SESSION, "t", {'t'}, "Kết thúc", "Kết thúc phiên họp (mọi hồ sơ đã chốt)", false},
    {CA_MEMBERS,
     "v",
     {'v', UI_ENTER},
     "Thành viên",
     "v/Enter: thành viên của hồ sơ, không tham gia biểu quyết (r)",
     false},
    {CA_ATTEND, "p", {'p'}, "Điểm danh", "Điểm danh thành viên dự họp", false},
    {UI_A_ADD, "a", {'a'}, "Thêm", "Đưa hồ sơ đã đăng ký vào chương trình bình xét", false},
    {CA_REOPEN, "m", {'m'}, "Mở lại", "Mở lại kết quả đã chốt / phiên đã kết thúc (có lý do)", false},
    {UI_A_DOCUMENT, UI_DOC_KEYS, NULL, DOC_HELP, false},
    {CA_PROJECTOR,
     "P",
     {'P'},
     "Trình chiếu",
     "Màn hình trình chiếu (chỉ xem): hồ sơ thư ký đang chọn, chữ lớn, kết quả khi chốt",
     false},
    {UI_A_EDIT, "e", {'e'}, "Sửa phiên", "Sửa ngày, tên, ghi chú của phiên họp", true},
    {UI_A_DELETE, "x", {'x'}, "Bỏ khỏi CT", "Bỏ hồ sơ chưa chốt khỏi chương trình (có lưu vết)", true},
    {UI_A_DOWN, "↓/j", {UI_K(KEY_DOWN), 'j'}, NULL, NULL, true},
    {UI_A_UP, "↑/k", {UI_K(KEY_UP), 'k'}, NULL, NULL, true},
    {UI_A_HOME, "Home", {UI_K(KEY_HOME)}, NULL, NULL, true},
    {UI_A_END, "End", {UI_K(KEY_END)}, NULL, NULL, true},
    {0},
};

static ui_council_item *sess_item(sess_view *s)
{
	if (s->row < 0 || (size_t)s->row >= s->m.n)
		return NULL;
	return &s->m.items[s->row];
}

static bool sess_live(sess_view *s)
{
	return s->loaded && session_open_for_work(s->m.session);
}

static bool sess_secret(sess_view *s)
{
	return s->loaded && s->m.session->method == DH_VOTE_SECRET;
}

/* The secretary may type counts here: an open secret-vote session. */
static bool sess_counting(sess_view *s)
{
	return sess_live(s) && sess_secret(s) && s->m.n > 0 && wf_may(s->base.ctx, DH_ACT_RECORD_VOTES);
}

static void sess_clamp(sess_view *s)
{
	if (s->m.n == 0) {
		s->row = 0;
		return;
	}
	if (s->row < 0)
		s->row = 0;
	if ((size_t)s->row >= s->m.n)
		s->row = (int)s->m.n - 1;
	if (s->col < 0)
		s->col = 0;
	if (s->col >= SESS_COUNT)
		s->col = SESS_COUNT - 1;
}

static void sess_after_close(sess_view *s, uint64_t id);

static void sess_load(sess_view *s)
{
	ui_council_item *ci = s->loaded ? sess_item(s) : NULL;
	uint64_t keep = ci ? ci->item->meta.id : 0;
	ui_council_model_free(&s->m);
	s->loaded = ui_council_load(s->base.ctx, s->session_id, &s->m) == 0;
	if (s->loaded) {
		char day[11];
		snprintf(s->title, sizeof(s->title), "Phiên họp ngày %s", date_vn(s->m.session->date, day));
	}
	int at = keep ? ui_council_find(&s->m, keep) : -1;
	if (at >= 0)
		s->row = at;
	sess_clamp(s);
	if (s->closed_item && s->loaded) {
		uint64_t id = s->closed_item;
		s->closed_item = 0;
		sess_after_close(s, id);
	}
}

static const char *sess_title(ui_view *v)
{
	return ((sess_view *)v)->title;
}

/* Is the current row holding counts typed but not written yet? */
static bool sess_pending(sess_view *s)
{
	ui_council_item *ci = sess_item(s);
	return s->pend_dirty && ci && ci->item->meta.id == s->pend_item;
}

/* The count being typed goes into the row's counts (not written yet). */
static void sess_take_entry(sess_view *s)
{
	int value;
	ui_council_item *ci = sess_item(s);
	if (!ci || !ui_council_entry_value(&s->entry, &value)) {
		ui_council_entry_cancel(&s->entry);
		return;
	}
	if (!sess_pending(s)) {
		s->pend[0] = ci->item->agree;
		s->pend[1] = ci->item->disagree;
		s->pend[2] = ci->item->abstain;
		memset(s->pend_typed, 0, sizeof(s->pend_typed));
		s->pend_item = ci->item->meta.id;
	}
	s->pend[s->col] = value;
	s->pend_typed[s->col] = true;
	s->pend_dirty = true;
	ui_council_entry_cancel(&s->entry);
}

static void sess_discard(sess_view *s)
{
	ui_council_entry_cancel(&s->entry);
	s->pend_dirty = false;
}

/* Write the row's counts. False (with the core's message shown and what
 * was typed kept) when it was refused. */
static bool sess_commit(sess_view *s)
{
	sess_take_entry(s);
	if (!s->pend_dirty)
		return true;
	dh_ctx *ctx = s->base.ctx;
	ctx->message[0] = '\0';
	int rc = wf_vote_counts(ctx, s->pend_item, s->pend[0], s->pend[1], s->pend[2]);
	if (rc) {
		say_failed(&s->base, "Chưa ghi số phiếu", rc);
		return false;
	}
	s->pend_dirty = false;
	sess_load(s);
	return true;
}

/* Before the cursor leaves the row (or the view): counts typed and not
 * written are asked about, never lost nor written unseen. False: stay. */
static bool sess_leave_row(sess_view *s)
{
	if (s->entry.editing)
		sess_take_entry(s);
	if (!sess_pending(s))
		return true;
	ui_council_item *ci = sess_item(s);
	char q[300];
	snprintf(q, sizeof(q), "«%s»: số phiếu %d · %d · %d chưa ghi. g ghi · b bỏ · Esc ở lại",
	         ci ? cand_name(ci) : "", s->pend[0], s->pend[1], s->pend[2]);
	int k = ui_ask(s->base.app, q, "gb");
	if (k == 'g')
		return sess_commit(s);
	if (k == 'b') {
		sess_discard(s);
		return true;
	}
	return false;
}

/* The secretary's cursor, for the projector: written when it moved onto
 * another item (a small audited write), by whoever may record votes. */
static void sess_publish(sess_view *s)
{
	if (!sess_live(s) || !wf_may(s->base.ctx, DH_ACT_RECORD_VOTES))
		return;
	ui_council_item *ci = sess_item(s);
	uint64_t id = ci ? ci->item->meta.id : 0;
	if (s->m.session->current_item == id)
		return;
	dh_ctx *ctx = s->base.ctx;
	if (wf_session_cursor(ctx, s->session_id, id) == 0)
		s->m.session->current_item = id;
	ctx->message[0] = '\0';
}

/* Tab: to the next count of the same row, round to its first; Shift-Tab
 * the other way. Never to another row: that is ↑/↓, which asks first. */
static void sess_next_cell(sess_view *s, int dir)
{
	int col = s->col + dir;
	if (col < 0 || col >= SESS_COUNT) {
		col = dir > 0 ? 0 : SESS_COUNT - 1;
		ui_council_item *ci = sess_item(s);
		ui_message(s->base.app, "Vẫn dòng «%s»: Enter để ghi ba số, ↓ sang hồ sơ sau.",
		           ci ? cand_name(ci) : "");
	}
	s->col = col;
}

/* The first item still open after AT (round the agenda), or AT. */
static int sess_next_open(sess_view *s, int at)
{
	for (size_t k = 1; k < s->m.n; k++) {
		size_t r = ((size_t)at + k) % s->m.n;
		if (!s->m.items[r].item->closed)
			return (int)r;
	}
	return at;
}

/* Item ID was just closed: say its result, move on to the next one open. */
static void sess_after_close(sess_view *s, uint64_t id)
{
	int at = ui_council_find(&s->m, id);
	if (at < 0)
		return;
	/* The result first: a long name is cut, not the result. */
	ui_message(s->base.app, "Đã chốt: %s · %s",
	           s->m.items[at].item->reason ? s->m.items[at].item->reason : "",
	           cand_name(&s->m.items[at]));
	s->row = sess_next_open(s, at);
	s->col = 0;
	sess_publish(s);
}

static void sess_closed(sess_view *s, uint64_t item_id)
{
	s->closed_item = item_id;
}

/* Why a count cannot be typed on the current row, or NULL. */
static const char *sess_locked_why(sess_view *s, char *buf, size_t size)
{
	ui_council_item *ci = sess_item(s);
	if (!ci)
		return "Chưa có hồ sơ nào trong chương trình.";
	if (ci->item->closed) {
		snprintf(buf, size, "«%s» đã chốt: muốn sửa, Chủ tịch Hội đồng mở lại (m).", cand_name(ci));
		return buf;
	}
	return NULL;
}

/* Agenda items not closed yet: the session cannot end while any is. */
static size_t sess_open_items(sess_view *s)
{
	size_t open = 0;
	for (size_t i = 0; i < s->m.n; i++)
		if (!s->m.items[i].item->closed)
			open++;
	return open;
}

static bool sess_offers(ui_view *v, int action)
{
	sess_view *s = (sess_view *)v;
	dh_ctx *ctx = v->ctx;
	ui_council_item *ci = sess_item(s);
	bool live = sess_live(s);
	switch (action) {
	case CA_DIGITS:
	case CA_NEXT:
	case CA_PREV:
	case CA_SAVE_ROW:
	case CA_ERASE:
	case CA_LEFT:
	case CA_RIGHT: return sess_counting(s);
	case CA_PROJECTOR: return s->loaded;
	case CA_MEMBERS: return ci != NULL && sess_secret(s);
	case UI_A_OPEN: return ci != NULL && !sess_secret(s);
	case CA_CLOSE_ITEM: return live && ci && !ci->item->closed && wf_may(ctx, DH_ACT_CLOSE_ITEM);
	case CA_ATTEND: return s->loaded;
	case UI_A_ADD: return live && wf_may(ctx, DH_ACT_MANAGE_SESSION);
	case CA_REOPEN:
		if (!s->loaded || s->m.session->meta.deleted || !wf_may(ctx, DH_ACT_REOPEN_ITEM))
			return false;
		return s->m.session->closed || (ci && ci->item->closed);
	case CA_CLOSE_SESSION:
		return live && s->m.n > 0 && sess_open_items(s) == 0 && wf_may(ctx, DH_ACT_MANAGE_SESSION);
	case UI_A_EDIT: return live && wf_may(ctx, DH_ACT_MANAGE_SESSION);
	case UI_A_DELETE: return live && ci && !ci->item->closed && wf_may(ctx, DH_ACT_DELETE);
	case UI_A_DOCUMENT: return s->loaded && ui_document_may(v->app);
	case UI_A_DOWN:
	case UI_A_UP:
	case UI_A_HOME:
	case UI_A_END: return s->m.n > 0;
	case CA_BACK: return true;
	}
	return true;
}

static unsigned sess_add_items(sess_view *s)
{
	ui_view *v = &s->base;
	dh_ctx *ctx = v->ctx;
	dh_idlist ids = {0};
	if (wf_awaiting_agenda(ctx, &ids) != 0 || ids.n == 0) {
		idlist_clear(&ids);
		free(ids.v);
		ui_message(v->app, "Không có hồ sơ đã đăng ký nào đang chờ đưa ra bình xét.");
		return UI_R_DRAW;
	}
	size_t extra = ids.n > 1 ? 1 : 0;
	ui_choice *choices = calloc(ids.n + extra, sizeof(*choices));
	char **labels = calloc(ids.n + extra, sizeof(*labels));
	if (!choices || !labels) {
		free(choices);
		free(labels);
		free(ids.v);
		return UI_R_DRAW;
	}
	if (extra) {
		char all[64];
		snprintf(all, sizeof(all), "Tất cả %zu hồ sơ đang chờ", ids.n);
		labels[0] = strdup(all);
		choices[0].label = labels[0] ? labels[0] : "";
		choices[0].value = "";
	}
	for (size_t i = 0; i < ids.n; i++) {
		void *rec = NULL;
		char label[400];
		if (repo_get(ctx->store, DH_R_CANDIDATE, ids.v[i], &rec) == 0) {
			const dh_candidate *c = rec;
			snprintf(label, sizeof(label), "%s — %s (%s)", c->name ? c->name : "",
			         dept_name(ctx->cfg, c->department), kind_label(c->kind));
			record_free(DH_R_CANDIDATE, rec);
		} else {
			snprintf(label, sizeof(label), "Hồ sơ #%llu", (unsigned long long)ids.v[i]);
		}
		labels[extra + i] = strdup(label);
		choices[extra + i].label = labels[extra + i] ? labels[extra + i] : "";
		choices[extra + i].value = "";
	}
	int k = ui_pick(v->app, "Đưa vào chương trình bình xét", choices, ids.n + extra, 0);
	int added = 0, rc = 0;
	uint64_t first_added = 0;
	if (k >= 0) {
		size_t from = extra && k == 0 ? 0 : (size_t)k - extra;
		size_t to = extra && k == 0 ? ids.n : from + 1;
		for (size_t i = from; i < to; i++) {
			ctx->message[0] = '\0';
			uint64_t id = 0;
			rc = wf_item_add(ctx, s->session_id, ids.v[i], &id);
			if (rc)
				break;
			if (!added++)
				first_added = id;
		}
	}
	for (size_t i = 0; i < ids.n + extra; i++)
		free(labels[i]);
	free(labels);
	free(choices);
	free(ids.v);
	if (k < 0)
		return UI_R_DRAW;
	sess_load(s);
	if (first_added) {
		int at = ui_council_find(&s->m, first_added);
		if (at >= 0)
			s->row = at;
		s->col = 0;
	}
	if (rc)
		say_failed(v, added ? "Đã thêm một phần, dừng lại" : "Chưa thêm", rc);
	else if (added == 1 && sess_item(s) && sess_item(s)->item->recused.n)
		ui_message(v->app,
		           "Đã đưa vào chương trình; có thành viên không tham gia biểu quyết (xem dưới).");
	else
		ui_message(v->app, "Đã đưa %d hồ sơ vào chương trình bình xét.", added);
	return UI_R_RELOAD | UI_R_DRAW;
}

static unsigned sess_close_item(sess_view *s)
{
	ui_council_item *ci = sess_item(s);
	if (!ci)
		return UI_R_DRAW;
	uint64_t id = ci->item->meta.id;
	bool closed;
	unsigned r = close_item_now(&s->base, ci, s, &closed);
	if (closed) {
		sess_load(s);
		sess_after_close(s, id);
	}
	return r;
}

static unsigned sess_reopen(sess_view *s)
{
	ui_view *v = &s->base;
	ui_form *f = NULL;
	char what[240];
	if (s->m.session->closed) {
		snprintf(what, sizeof(what), "%s", s->m.session->title ? s->m.session->title : "");
		f = reason_form_open(v->app, DH_R_SESSION, s->session_id, what);
	} else {
		ui_council_item *ci = sess_item(s);
		if (!ci)
			return UI_R_DRAW;
		snprintf(what, sizeof(what), "%s", cand_name(ci));
		f = reason_form_open(v->app, DH_R_VOTE_ITEM, ci->item->meta.id, what);
	}
	if (f)
		ui_push(v->app, &f->base);
	return UI_R_DRAW;
}

/* A key this person is not offered here: who may, or why not now. */
static unsigned sess_refuse(sess_view *s, int key)
{
	ui_view *v = &s->base;
	char why[300];
	const char *closed = s->loaded && s->m.session->closed ? "Phiên họp đã kết thúc." : NULL;
	if (key == '0' || key == '9' || key == UI_K(KEY_BACKSPACE)) {
		if (s->loaded && !sess_secret(s) && wf_may(v->ctx, DH_ACT_RECORD_VOTES))
			ui_error(v->app, "Biểu quyết công khai: Enter để ghi phiếu của từng thành viên.");
		else
			say_refused(v, DH_ACT_RECORD_VOTES, closed);
	} else if (key == 'c') {
		say_refused(v, DH_ACT_CLOSE_ITEM, closed ? closed : sess_locked_why(s, why, sizeof(why)));
	} else if (key == 'm') {
		say_refused(v, DH_ACT_REOPEN_ITEM, "Hồ sơ này chưa chốt kết quả: không có gì để mở lại.");
	} else if (key == 'a' || key == 't' || key == 'e') {
		say_refused(v, DH_ACT_MANAGE_SESSION, closed);
	} else if (key == 'x') {
		say_refused(v, DH_ACT_DELETE, closed ? closed : sess_locked_why(s, why, sizeof(why)));
	} else {
		return UI_R_NONE;
	}
	return UI_R_DRAW;
}

static unsigned sess_key_do(sess_view *s, int action, int key);

static unsigned sess_key(ui_view *v, int action, int key)
{
	sess_view *s = (sess_view *)v;
	unsigned r = sess_key_do(s, action, key);
	/* Wherever the cursor ended up, the projector follows. */
	if (s->loaded && !(r & UI_R_POP))
		sess_publish(s);
	return r;
}

static unsigned sess_key_do(sess_view *s, int action, int key)
{
	ui_view *v = &s->base;
	char why[300];
	if (!s->loaded)
		return action == CA_BACK ? UI_R_POP : UI_R_NONE;
	if (action == UI_A_NONE && key == '0' && sess_counting(s))
		action = CA_DIGITS;
	if (action == UI_A_NONE && key == 't' && sess_live(s) && sess_open_items(s) &&
	    wf_may(v->ctx, DH_ACT_MANAGE_SESSION)) {
		ui_error(v->app, "Còn %zu mục chưa chốt kết quả: chốt hết rồi mới kết thúc phiên họp.",
		         sess_open_items(s));
		return UI_R_DRAW;
	}
	switch (action) {
	case CA_DIGITS: {
		const char *locked = sess_locked_why(s, why, sizeof(why));
		if (locked) {
			ui_error(v->app, "%s", locked);
			return UI_R_DRAW;
		}
		if (ui_council_entry_digit(&s->entry, key - '0') != 0)
			ui_error(v->app, "Số phiếu tối đa %d chữ số.", UI_COUNCIL_DIGITS);
		return UI_R_DRAW;
	}
	case CA_ERASE: {
		const char *locked = sess_locked_why(s, why, sizeof(why));
		if (locked) {
			ui_error(v->app, "%s", locked);
			return UI_R_DRAW;
		}
		ui_council_entry_backspace(&s->entry);
		return UI_R_DRAW;
	}
	case CA_NEXT:
	case CA_PREV: {
		/* Inside the row: keep what was typed, write it with Enter. */
		const char *locked = sess_locked_why(s, why, sizeof(why));
		if (locked) {
			ui_error(v->app, "%s", locked);
			return UI_R_DRAW;
		}
		sess_take_entry(s);
		sess_next_cell(s, action == CA_NEXT ? 1 : -1);
		return UI_R_DRAW;
	}
	case CA_SAVE_ROW: {
		const char *locked = sess_locked_why(s, why, sizeof(why));
		if (locked) {
			ui_error(v->app, "%s", locked);
			return UI_R_DRAW;
		}
		bool typed = s->entry.editing || sess_pending(s);
		if (!sess_commit(s))
			return UI_R_DRAW;
		/* Enter stays on the nominee, so that the `c` that follows
		 * closes this one and no other. */
		s->col = 0;
		ui_council_item *ci = sess_item(s);
		if (ci && !ci->item->closed && wf_may(v->ctx, DH_ACT_CLOSE_ITEM))
			ui_message(v->app, "%s%d/%d phiếu. Bấm c để chốt kết quả «%s», ↓ sang hồ sơ sau.",
			           typed ? "Đã ghi " : "", ci->tally.cast, ci->tally.voters, cand_name(ci));
		else if (ci)
			ui_message(v->app, "%s%d/%d phiếu của «%s».", typed ? "Đã ghi " : "", ci->tally.cast,
			           ci->tally.voters, cand_name(ci));
		return UI_R_RELOAD | UI_R_DRAW;
	}
	case CA_LEFT:
	case CA_RIGHT:
		sess_take_entry(s);
		s->col += action == CA_RIGHT ? 1 : -1;
		sess_clamp(s);
		return UI_R_DRAW;
	case UI_A_UP:
	case UI_A_DOWN:
	case UI_A_HOME:
	case UI_A_END:
		if (!sess_leave_row(s))
			return UI_R_DRAW;
		/* A new row starts at its first count, as the ballots are read. */
		s->col = 0;
		if (action == UI_A_UP)
			s->row--;
		else if (action == UI_A_DOWN)
			s->row++;
		else if (action == UI_A_HOME)
			s->row = 0;
		else
			s->row = (int)s->m.n - 1;
		sess_clamp(s);
		return UI_R_RELOAD | UI_R_DRAW;
	case CA_BACK:
		if (key == UI_ESC && (s->entry.editing || sess_pending(s))) {
			sess_discard(s);
			ui_message(v->app, "Đã bỏ các số chưa ghi của hồ sơ này.");
			return UI_R_DRAW;
		}
		if (!sess_leave_row(s))
			return UI_R_DRAW;
		return UI_R_POP | UI_R_RELOAD;
	case CA_CLOSE_ITEM:
		/* `c` closes what was typed on this row: it is written first. */
		if (!sess_commit(s))
			return UI_R_DRAW;
		return sess_close_item(s);
	case CA_REOPEN: sess_discard(s); return sess_reopen(s);
	case CA_PROJECTOR: {
		if (!sess_leave_row(s))
			return UI_R_DRAW;
		ui_view *pv = ui_council_present_open(v->app, s->session_id);
		if (pv)
			ui_push(v->app, pv);
		return UI_R_DRAW;
	}
	case CA_ATTEND:
	case CA_MEMBERS:
	case UI_A_OPEN: {
		if (!sess_leave_row(s))
			return UI_R_DRAW;
		ui_council_item *ci = sess_item(s);
		ui_view *nv = action == CA_ATTEND ? att_open(v->app, s->session_id)
		              : ci                ? item_open(v->app, s->session_id, ci->item->meta.id)
		                                  : NULL;
		if (nv)
			ui_push(v->app, nv);
		return UI_R_RELOAD | UI_R_DRAW;
	}
	case UI_A_ADD:
		if (!sess_leave_row(s))
			return UI_R_DRAW;
		return sess_add_items(s);
	case UI_A_DOCUMENT:
		/* The draft minutes show the counts just typed. */
		if (!sess_leave_row(s))
			return UI_R_DRAW;
		return session_document(v, s->m.session, key) | UI_R_RELOAD;
	case CA_CLOSE_SESSION: {
		if (!sess_leave_row(s))
			return UI_R_DRAW;
		if (!ui_confirm(v->app, "Kết thúc phiên họp? Sau đó không sửa được nữa."))
			return UI_R_DRAW;
		v->ctx->message[0] = '\0';
		int rc = wf_session_close(v->ctx, s->session_id);
		if (rc)
			say_failed(v, "Chưa kết thúc", rc);
		else
			ui_message(v->app, "Đã kết thúc phiên họp.");
		sess_load(s);
		return UI_R_RELOAD | UI_R_DRAW;
	}
	case UI_A_EDIT: {
		if (!sess_leave_row(s))
			return UI_R_DRAW;
		ui_form *f = session_form_open(v->app, NULL, s->m.session);
		if (f)
			ui_push(v->app, &f->base);
		return UI_R_DRAW;
	}
	case UI_A_DELETE: {
		sess_discard(s);
		ui_council_item *ci = sess_item(s);
		if (!ci)
			return UI_R_DRAW;
		char q[300];
		snprintf(q, sizeof(q), "Bỏ «%s» khỏi chương trình bình xét? (vẫn lưu vết)", cand_name(ci));
		if (!ui_confirm(v->app, q))
			return UI_R_DRAW;
		v->ctx->message[0] = '\0';
		int rc =
		    wf_delete(v->ctx, DH_R_VOTE_ITEM, ci->item->meta.id, "Bỏ khỏi chương trình bình xét");
		if (rc)
			say_failed(v, "Chưa bỏ", rc);
		else
			ui_message(v->app, "Đã bỏ khỏi chương trình (có lưu vết).");
		sess_load(s);
		return UI_R_RELOAD | UI_R_DRAW;
	}
	case UI_A_NONE: return sess_refuse(s, key);
	}
	return UI_R_NONE;
}

/* The recusals of an item in words: "Không tham gia biểu quyết: A, B". */
static void recusal_text(const dh_config *cfg, const dh_vote_item *it, char *buf, size_t size)
{
	if (it->recused.n == 0) {
		snprintf(buf, size, "Mọi thành viên đều được biểu quyết hồ sơ này.");
		return;
	}
	size_t o = (size_t)snprintf(buf, size, "Không tham gia biểu quyết: ");
	for (size_t i = 0; i < it->recused.n && o < size; i++)
		o += (size_t)snprintf(buf + o, size - o, "%s%s", i ? ", " : "",
		                      person_name(cfg, it->recused.v[i]));
}

static void sess_draw(ui_view *v, WINDOW *w)
{
	sess_view *s = (sess_view *)v;
	const dh_config *cfg = v->ctx->cfg;
	int rows = getmaxy(w), cols = getmaxx(w);
	s->has_cursor = false;
	if (!s->loaded) {
		ui_put(w, 1, 1, "Không đọc được phiên họp này.", cols - 2);
		return;
	}
	const dh_session *se = s->m.session;
	char line[400], rule[300], progress[80];
	session_heading(se, line, sizeof(line));
	/* The progress at the right of the title, whole; the title gives way. */
	ui_council_progress(&s->m, progress, sizeof(progress));
	int pw = utf8_width(progress);
	wattrset(w, ui_style(UI_S_TITLE));
	ui_put_cut(w, 0, 1, line, cols - pw - 4, false);
	ui_put(w, 0, cols - 1 - pw, progress, pw);
	draw_quorum(w, 1, cfg, se, cols);
	ui_council_rule_line(&cfg->council, sess_item(s), rule, sizeof(rule));
	wattrset(w, ui_style(UI_S_DIM));
	ui_put_cut(w, 2, 1, rule, cols - 2, false);

	/* Columns from the right: result, abstain, disagree, agree; then the
	 * department; the nominee's name takes what is left. */
	int xr = cols - 1 - RESULT_WIDTH;
	int xc[SESS_COUNT];
	xc[2] = xr - 1 - count_widths[2];
	xc[1] = xc[2] - 1 - count_widths[1];
	xc[0] = xc[1] - 1 - count_widths[0];
	int wdept = cols >= 100 ? 14 : 11;
	int xdept = xc[0] - 2 - wdept + 1;
	int xname = 5, wname = xdept - 1 - xname;
	wattrset(w, A_BOLD);
	ui_put_cell(w, 3, 0, "", cols, false);
	for (int k = 0; k < SESS_COUNT; k++)
		ui_put_cell(w, 3, xc[k], count_titles[k][0], count_widths[k], true);
	wattrset(w, A_BOLD | A_UNDERLINE);
	ui_put_cell(w, 4, 0, "", cols, false);
	ui_put_cell(w, 4, 1, "TT", 3, true);
	ui_put_cell(w, 4, xname, "Hồ sơ được xét", wname, false);
	ui_put_cell(w, 4, xdept, "Đơn vị", wdept, false);
	for (int k = 0; k < SESS_COUNT; k++)
		ui_put_cell(w, 4, xc[k], count_titles[k][1], count_widths[k], true);
	ui_put_cell(w, 4, xr, "Kết quả", RESULT_WIDTH, false);
	wattrset(w, A_NORMAL);

	int body = rows - SESS_HEAD - SESS_FOOT;
	/* A long agenda gives up its last row to the position line, which
	 * would otherwise cover the result of the row under it. */
	bool scrolls = s->m.n > (size_t)body;
	if (scrolls)
		body--;
	if (body < 1)
		body = 1;
	if (s->m.n == 0) {
		wattrset(w, ui_style(UI_S_DIM));
		ui_put(w, SESS_HEAD + 1, 2,
		       sess_live(s) && wf_may(v->ctx, DH_ACT_MANAGE_SESSION)
		           ? "Chưa có hồ sơ nào trong chương trình. Bấm a để đưa hồ sơ đã đăng ký vào."
		           : "Chưa có hồ sơ nào trong chương trình bình xét.",
		       cols - 4);
		wattrset(w, A_NORMAL);
		return;
	}
	if (s->row < s->top)
		s->top = s->row;
	if (s->row >= s->top + body)
		s->top = s->row - body + 1;
	bool counting = sess_counting(s);
	for (int i = 0; i < body && (size_t)(s->top + i) < s->m.n; i++) {
		int r = s->top + i, y = SESS_HEAD + i;
		const ui_council_item *ci = &s->m.items[r];
		bool sel = r == s->row;
		char cells[SESS_COUNT][16], num[16], result[64];
		int rstyle;
		ui_council_count_cells(ci, cells);
		ui_council_result_cell(ci, result, sizeof(result), &rstyle);
		bool pending = sel && sess_pending(s);
		/* The row being typed shows the secretary her own numbers; the
		 * room (other sessions, the projector) still sees "•". */
		bool typing_row = sel && counting && !ci->item->closed;
		if (typing_row) {
			const dh_vote_item *it = ci->item;
			int have[SESS_COUNT] = {it->agree, it->disagree, it->abstain};
			bool any = it->agree || it->disagree || it->abstain;
			for (int k = 0; k < SESS_COUNT; k++) {
				if (pending)
					snprintf(cells[k], sizeof(cells[k]), "%d", s->pend[k]);
				else if (any)
					snprintf(cells[k], sizeof(cells[k]), "%d", have[k]);
				else
					snprintf(cells[k], sizeof(cells[k]), "—");
			}
		}
		if (pending) {
			snprintf(result, sizeof(result), "Chưa ghi (Enter)");
			rstyle = UI_S_WARN;
		}
		attr_t base = sel ? ui_style(UI_S_SELECTED) : A_NORMAL;
		wattrset(w, base);
		ui_put_cell(w, y, 0, typing_row ? "▶" : "", cols, false);
		snprintf(num, sizeof(num), "%d", r + 1);
		ui_put_cell(w, y, 1, num, 3, true);
		ui_put_cut(w, y, xname, cand_name(ci), wname, false);
		ui_put_cut(w, y, xdept,
		           ci->candidate ? config_department_short(cfg, ci->candidate->department) : "",
		           wdept, false);
		for (int k = 0; k < SESS_COUNT; k++) {
			bool focus = typing_row && k == s->col;
			const char *text = cells[k];
			char typed[24];
			if (focus) {
				/* The cell being typed, in brackets: what is being typed,
				 * else what it holds. */
				snprintf(typed, sizeof(typed), "[%s]",
				         s->entry.editing ? s->entry.digits : cells[k]);
				text = typed;
			}
			wattrset(w, focus ? ui_style(UI_S_FOCUS) : base);
			ui_put_cell(w, y, xc[k], text, count_widths[k], true);
			if (focus) {
				s->has_cursor = true;
				s->cursor_y = y;
				s->cursor_x = xc[k] + count_widths[k] - 1;
			}
		}
		wattrset(w, sel ? base : ui_style(rstyle));
		ui_put_cell(w, y, xr, result, RESULT_WIDTH, false);
		wattrset(w, A_NORMAL);
	}
	if (scrolls) {
		wattrset(w, ui_style(UI_S_DIM));
		ui_putf(w, SESS_HEAD + body, cols - 12, 11, " %d/%zu ", s->row + 1, s->m.n);
		wattrset(w, A_NORMAL);
	}

	/* The nominee under the cursor, in full. */
	const ui_council_item *ci = sess_item(s);
	if (!ci)
		return;
	int y = rows - SESS_FOOT;
	const dh_candidate *c = ci->candidate;
	wattrset(w, A_BOLD);
	ui_putf(w, y, 1, cols - 2, "%s · %s · %s", cand_name(ci), c ? dept_name(cfg, c->department) : "",
	        c ? kind_label(c->kind) : "");
	wattrset(w, A_NORMAL);
	if (ci->item->reopen_reason && !ci->item->closed) {
		/* Reopened: why, first; the recusals after it when there are any. */
		size_t o = (size_t)snprintf(line, sizeof(line), "Đã mở lại: %s", ci->item->reopen_reason);
		if (ci->item->recused.n && o < sizeof(line)) {
			snprintf(line + o, sizeof(line) - o, " · ");
			o = strlen(line);
			recusal_text(cfg, ci->item, line + o, sizeof(line) - o);
		}
	} else {
		recusal_text(cfg, ci->item, line, sizeof(line));
	}
	ui_put(w, y + 1, 1, line, cols - 2);
	char reason[300];
	int rstyle;
	ui_council_result_cell(ci, line, sizeof(line), &rstyle);
	ui_council_reason_text(ci, reason, sizeof(reason));
	if (sess_pending(s) || (s->entry.editing && sess_counting(s))) {
		int p[SESS_COUNT] = {ci->item->agree, ci->item->disagree, ci->item->abstain};
		if (sess_pending(s))
			memcpy(p, s->pend, sizeof(p));
		int typing;
		if (ui_council_entry_value(&s->entry, &typing))
			p[s->col] = typing;
		int sum = p[0] + p[1] + p[2];
		char over[48] = "";
		if (sum > ci->tally.voters)
			snprintf(over, sizeof(over), " — thừa %d phiếu", sum - ci->tally.voters);
		snprintf(reason, sizeof(reason),
		         "Chưa ghi: %d + %d + %d = %d/%d phiếu%s · Enter ghi · Esc bỏ", p[0], p[1], p[2], sum,
		         ci->tally.voters, over);
		rstyle = sum > ci->tally.voters ? UI_S_ERROR : UI_S_WARN;
	}
	wattrset(w, ui_style(rstyle == UI_S_DIM ? UI_S_NORMAL : rstyle));
	ui_put(w, y + 2, 1, reason, cols - 2);
	wattrset(w, A_NORMAL);
}

static bool sess_cursor(ui_view *v, int *y, int *x)
{
	sess_view *s = (sess_view *)v;
	if (!s->has_cursor)
		return false;
	*y = s->cursor_y;
	*x = s->cursor_x;
	return true;
}

static void sess_view_reload(ui_view *v)
{
	sess_load((sess_view *)v);
}

static void sess_destroy(ui_view *v)
{
	sess_view *s = (sess_view *)v;
	ui_council_model_free(&s->m);
	free(s);
}

/* An open session on screen: one key must not close the program on it
 * (the counts being typed, the room waiting on the secretary). */
static bool sess_unsaved(ui_view *v, char *what, size_t size)
{
	sess_view *s = (sess_view *)v;
	if (!s->loaded || !s->m.session || s->m.session->closed)
		return false;
	if (sess_pending(s))
		snprintf(what, size, "Phiên họp Hội đồng đang mở, có số phiếu đang gõ chưa ghi");
	else
		snprintf(what, size, "Phiên họp Hội đồng đang mở");
	return true;
}

static const ui_view_ops sess_ops = {
    .bindings = sess_keys,
    .title = sess_title,
    .draw = sess_draw,
    .key = sess_key,
    .offers = sess_offers,
    .reload = sess_view_reload,
    .unsaved = sess_unsaved,
    .cursor = sess_cursor,
    .destroy = sess_destroy,
};

static ui_view *sess_open(ui_app *app, uint64_t session_id)
{
	sess_view *s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	ui_view_init(&s->base, &sess_ops, app);
	s->session_id = session_id;
	snprintf(s->title, sizeof(s->title), "Phiên họp");
	sess_load(s);
	/* Start on the first nominee still waiting for a result. */
	for (size_t i = 0; i < s->m.n; i++)
		if (!s->m.items[i].item->closed) {
			s->row = (int)i;
			break;
		}
	sess_publish(s);
	return &s->base;
}

/* --- the members of a session: attendance, and one item's votes ----------------- */

#define MEMBER_HEAD_ATT  4
#define MEMBER_HEAD_ITEM 5

typedef struct member_view {
	ui_view base;
	uint64_t session_id;
	uint64_t item_id; /* 0: the attendance */
	ui_council_model m;
	bool loaded;
	int row, top;
	char title[64];
} member_view;

static const ui_binding att_keys[] = {
    {CA_PRESENT, "c", {'c'}, "Có mặt", "Thành viên đang chọn có mặt", false},
    {CA_ABSENT, "v", {'v'}, "Vắng", "Thành viên đang chọn vắng mặt", false},
    {CA_WRITTEN, "y", {'y'}, "Vắng, có ý kiến", "Vắng mặt, có ý kiến bằng văn bản", false},
    {CA_OPINION, "n", {'n'}, "Nội dung", "Ghi nội dung ý kiến bằng văn bản của thành viên vắng (vào biên bản)", false},
    {CA_CYCLE, "Space", {' '}, "Đổi", "Đổi lần lượt: có mặt → vắng → vắng có ý kiến", true},
    {UI_A_DOWN, "↓/j", {UI_K(KEY_DOWN), 'j'}, NULL, NULL, true},
    {UI_A_UP, "↑/k", {UI_K(KEY_UP), 'k'}, NULL, NULL, true},
    {UI_A_HOME, "Home", {UI_K(KEY_HOME)}, NULL, NULL, true},
    {UI_A_END, "End", {UI_K(KEY_END)}, NULL, NULL, true},
    {CA_BACK, "q", {'q', UI_ESC}, "Quay lại", "Quay lại phiên họp (q hoặc Esc)", false},
    {0},
};

static const ui_binding item_keys[] = {
    {CA_BACK, "q", {'q', UI_ESC}, "Quay lại", "Quay lại phiên họp", false},
    {CA_VOTES, "a/d/b", {0}, "Biểu quyết", "Ghi phiếu của thành viên đang chọn, rồi xuống dòng sau", false},
    {CA_AGREE, "a", {'a'}, "Tán thành", "Tán thành", true},
    {CA_DISAGREE, "d", {'d'}, "Không tán thành", "Không tán thành", true},
    {CA_ABSTAIN, "b", {'b'}, "Không biểu quyết", "Không biểu quyết", true},
    {CA_ERASE,
     "⌫",
     {UI_K(KEY_BACKSPACE), UI_K(KEY_DC)},
     "Xóa phiếu",
     "Xóa phiếu đã ghi của thành viên",
     true},
    {CA_CLOSE_ITEM, "c", {'c'}, "Chốt", "Chốt kết quả hồ sơ này (công bố, khóa lại)", false},
    {CA_RECUSE, "r", {'r'}, "Không tham gia", "Không tham gia / tham gia lại biểu quyết hồ sơ này", false},
    {CA_RECUSE_WHY, "l", {'l'}, "Lý do", "Ghi lý do thành viên không tham gia biểu quyết (vào biên bản)", false},
    {CA_REOPEN, "m", {'m'}, "Mở lại", "Mở lại kết quả đã chốt (có lý do, có lưu vết)", false},
    {UI_A_DOWN, "↓/j", {UI_K(KEY_DOWN), 'j'}, NULL, NULL, true},
    {UI_A_UP, "↑/k", {UI_K(KEY_UP), 'k'}, NULL, NULL, true},
    {UI_A_HOME, "Home", {UI_K(KEY_HOME)}, NULL, NULL, true},
    {UI_A_END, "End", {UI_K(KEY_END)}, NULL, NULL, true},
    {0},
};

static ui_council_item *member_item(member_view *mv)
{
	int at = mv->loaded && mv->item_id ? ui_council_find(&mv->m, mv->item_id) : -1;
	return at >= 0 ? &mv->m.items[at] : NULL;
}

static const char *member_login(member_view *mv)
{
	const dh_council *c = &mv->base.ctx->cfg->council;
	if (mv->row < 0 || (size_t)mv->row >= c->n_members)
		return NULL;
	return c->members[mv->row].login;
}

static void member_load(member_view *mv)
{
	ui_council_model_free(&mv->m);
	mv->loaded = ui_council_load(mv->base.ctx, mv->session_id, &mv->m) == 0;
	size_t n = mv->base.ctx->cfg->council.n_members;
	if (mv->row >= (int)n)
		mv->row = n ? (int)n - 1 : 0;
	if (mv->row < 0)
		mv->row = 0;
}

static const char *member_title(ui_view *v)
{
	return ((member_view *)v)->title;
}

static bool member_live(member_view *mv)
{
	return mv->loaded && session_open_for_work(mv->m.session);
}

static bool member_offers(ui_view *v, int action)
{
	member_view *mv = (member_view *)v;
	dh_ctx *ctx = v->ctx;
	ui_council_item *ci = member_item(mv);
	bool live = member_live(mv);
	bool item_live = live && ci && !ci->item->closed;
	switch (action) {
	case CA_PRESENT:
	case CA_ABSENT:
	case CA_WRITTEN:
	case CA_CYCLE: return live && wf_may(ctx, DH_ACT_RECORD_ATTENDANCE);
	case CA_VOTES:
	case CA_AGREE:
	case CA_DISAGREE:
	case CA_ABSTAIN:
	case CA_ERASE:
		return item_live && mv->m.session->method == DH_VOTE_OPEN && wf_may(ctx, DH_ACT_RECORD_VOTES);
	case CA_RECUSE: return item_live && wf_may(ctx, DH_ACT_RECORD_VOTES);
	case CA_RECUSE_WHY:
		return item_live && wf_may(ctx, DH_ACT_RECORD_VOTES) && mv->row >= 0 &&
		       (size_t)mv->row < ctx->cfg->council.n_members &&
		       council_is_recused(ci->item, ctx->cfg->council.members[mv->row].login);
	case CA_OPINION: return live && wf_may(ctx, DH_ACT_RECORD_ATTENDANCE);
	case CA_CLOSE_ITEM: return item_live && wf_may(ctx, DH_ACT_CLOSE_ITEM);
	case CA_REOPEN: return live && ci && ci->item->closed && wf_may(ctx, DH_ACT_REOPEN_ITEM);
	}
	return true;
}

static void member_move(member_view *mv, int action)
{
	int n = (int)mv->base.ctx->cfg->council.n_members;
	switch (action) {
	case UI_A_UP: mv->row--; break;
	case UI_A_DOWN: mv->row++; break;
	case UI_A_HOME: mv->row = 0; break;
	case UI_A_END: mv->row = n - 1; break;
	}
	if (mv->row >= n)
		mv->row = n - 1;
	if (mv->row < 0)
		mv->row = 0;
}

/* A key this person is not offered here: who may, or why not now. */
static unsigned member_refuse(member_view *mv, int key)
{
	ui_view *v = &mv->base;
	ui_council_item *ci = member_item(mv);
	const char *why = NULL;
	char buf[300];
	if (mv->loaded && mv->m.session->closed)
		why = "Phiên họp đã kết thúc.";
	else if (ci && ci->item->closed) {
		snprintf(buf, sizeof(buf), "«%s» đã chốt: muốn sửa, Chủ tịch Hội đồng mở lại (m).",
		         cand_name(ci));
		why = buf;
	}
	if (!mv->item_id) {
		if (key != 'c' && key != 'v' && key != 'y' && key != ' ')
			return UI_R_NONE;
		say_refused(v, DH_ACT_RECORD_ATTENDANCE, why);
	} else if (key == 'a' || key == 'd' || key == 'b' || key == UI_K(KEY_BACKSPACE)) {
		if (!why && mv->loaded && mv->m.session->method == DH_VOTE_SECRET)
			why = "Bỏ phiếu kín: số phiếu gõ ở màn hình phiên họp, không ghi phiếu từng người.";
		say_refused(v, DH_ACT_RECORD_VOTES, why);
	} else if (key == 'r') {
		say_refused(v, DH_ACT_RECORD_VOTES, why);
	} else if (key == 'c') {
		say_refused(v, DH_ACT_CLOSE_ITEM, why);
	} else if (key == 'm') {
		say_refused(v, DH_ACT_REOPEN_ITEM, why ? why : "Hồ sơ này chưa chốt kết quả.");
	} else {
		return UI_R_NONE;
	}
	return UI_R_DRAW;
}

static unsigned member_key(ui_view *v, int action, int key)
{
	member_view *mv = (member_view *)v;
	dh_ctx *ctx = v->ctx;
	const char *login = member_login(mv);
	ui_council_item *ci = member_item(mv);
	int rc = 0;
	switch (action) {
	case CA_BACK: return UI_R_POP | UI_R_RELOAD;
	case UI_A_UP:
	case UI_A_DOWN:
	case UI_A_HOME:
	case UI_A_END: member_move(mv, action); return UI_R_DRAW;
	case CA_PRESENT:
	case CA_ABSENT:
	case CA_WRITTEN:
	case CA_CYCLE: {
		if (!login)
			return UI_R_DRAW;
		dh_attendance now = council_attendance(mv->m.session, login);
		int at = action == CA_PRESENT   ? DH_PRESENT
		         : action == CA_ABSENT  ? DH_ABSENT
		         : action == CA_WRITTEN ? DH_WRITTEN
		         : now == DH_PRESENT    ? DH_ABSENT
		         : now == DH_ABSENT     ? DH_WRITTEN
		                                : DH_PRESENT;
		ctx->message[0] = '\0';
		rc = wf_attendance(ctx, mv->session_id, login, at);
		if (rc) {
			say_failed(v, "Chưa ghi điểm danh", rc);
			return UI_R_DRAW;
		}
		if (action != CA_CYCLE)
			member_move(mv, UI_A_DOWN);
		member_load(mv);
		return UI_R_RELOAD | UI_R_DRAW;
	}
	case CA_AGREE:
	case CA_DISAGREE:
	case CA_ABSTAIN:
	case CA_ERASE: {
		if (!login || !ci)
			return UI_R_DRAW;
		int vote = action == CA_AGREE      ? DH_VOTE_AGREE
		           : action == CA_DISAGREE ? DH_VOTE_DISAGREE
		           : action == CA_ABSTAIN  ? DH_VOTE_ABSTAIN
		                                   : DH_VOTE_NONE;
		ctx->message[0] = '\0';
		rc = wf_vote(ctx, ci->item->meta.id, login, vote);
		if (rc) {
			say_failed(v, "Chưa ghi phiếu", rc);
			return UI_R_DRAW;
		}
		if (action != CA_ERASE)
			member_move(mv, UI_A_DOWN);
		member_load(mv);
		return UI_R_RELOAD | UI_R_DRAW;
	}
	case CA_RECUSE: {
		if (!login || !ci)
			return UI_R_DRAW;
		bool recused = !council_is_recused(ci->item, login);
		ctx->message[0] = '\0';
		rc = wf_item_recuse(ctx, ci->item->meta.id, login, recused);
		if (rc) {
			say_failed(v, "Chưa ghi", rc);
			return UI_R_DRAW;
		}
		if (recused)
			ui_message(v->app, "%s không tham gia biểu quyết hồ sơ này. l: ghi lý do vào biên bản.",
			           person_name(ctx->cfg, login));
		else
			ui_message(v->app, "%s tham gia lại biểu quyết hồ sơ này.", person_name(ctx->cfg, login));
		member_load(mv);
		return UI_R_RELOAD | UI_R_DRAW;
	}
	case CA_RECUSE_WHY:
	case CA_OPINION: {
		if (!login || (action == CA_RECUSE_WHY && !ci))
			return UI_R_DRAW;
		const dh_session *se = mv->m.session;
		bool why = action == CA_RECUSE_WHY;
		struct ui_form *f = ui_council_note_form(
		    v->app, why ? UI_COUNCIL_NOTE_RECUSAL : UI_COUNCIL_NOTE_OPINION,
		    why ? ci->item->meta.id : mv->session_id, login, person_name(ctx->cfg, login),
		    why ? council_note_of(&ci->item->recuse_reasons, login) : council_note_of(&se->opinions, login));
		if (f)
			ui_push(v->app, &f->base);
		return UI_R_DRAW;
	}
	case CA_CLOSE_ITEM: {
		if (!ci)
			return UI_R_DRAW;
		bool closed;
		unsigned r = close_item_now(v, ci, NULL, &closed);
		if (!closed)
			return r;
		member_load(mv);
		ci = member_item(mv);
		if (ci)
			ui_message(v->app, "Đã chốt: %s · %s", ci->item->reason ? ci->item->reason : "",
			           cand_name(ci));
		return UI_R_RELOAD | UI_R_DRAW;
	}
	case CA_REOPEN: {
		if (!ci)
			return UI_R_DRAW;
		char what[240];
		snprintf(what, sizeof(what), "%s", cand_name(ci));
		ui_form *f = reason_form_open(v->app, DH_R_VOTE_ITEM, ci->item->meta.id, what);
		if (f)
			ui_push(v->app, &f->base);
		return UI_R_DRAW;
	}
	case UI_A_NONE: return member_refuse(mv, key);
	}
	return UI_R_NONE;
}

/* "Chưa điểm danh" while the member has not been called in an open
 * session: nobody is shown absent before the secretary says so. */
static const char *attendance_words_for(const dh_session *s, const char *login)
{
	if (!s->closed && !council_is_called(s, login))
		return "Chưa điểm danh";
	switch (council_attendance(s, login)) {
	case DH_PRESENT: return "Có mặt";
	case DH_WRITTEN: return "Vắng, có ý kiến bằng văn bản";
	case DH_ABSENT: break;
	}
	return "Vắng";
}

/* The vote column of one member on one item. */
static const char *member_vote_words(const dh_council *c, const dh_session *s, const dh_vote_item *it,
                                     const char *login, int *style)
{
	*style = UI_S_NORMAL;
	dh_attendance at = council_attendance(s, login);
	if (council_is_recused(it, login)) {
		*style = UI_S_DIM;
		return "Không tham gia";
	}
	if (at == DH_ABSENT) {
		*style = UI_S_DIM;
		return "—";
	}
	if (at == DH_WRITTEN && !c->written_votes_count) {
		*style = UI_S_DIM;
		return "(không tính)";
	}
	if (s->method == DH_VOTE_SECRET)
		return "bỏ phiếu kín";
	dh_vote vote = council_vote_of(it, login);
	if (vote == DH_VOTE_NONE) {
		*style = UI_S_DIM;
		return "chưa ghi";
	}
	*style = vote == DH_VOTE_AGREE ? UI_S_OK : vote == DH_VOTE_DISAGREE ? UI_S_ERROR : UI_S_NORMAL;
	return council_vote_label(vote);
}

static void member_draw(ui_view *v, WINDOW *w)
{
	member_view *mv = (member_view *)v;
	const dh_config *cfg = v->ctx->cfg;
	const dh_council *c = &cfg->council;
	int rows = getmaxy(w), cols = getmaxx(w);
	if (!mv->loaded) {
		ui_put(w, 1, 1, "Không đọc được phiên họp này.", cols - 2);
		return;
	}
	const dh_session *se = mv->m.session;
	ui_council_item *ci = member_item(mv);
	char line[400];
	int head;
	if (!mv->item_id) {
		session_heading(se, line, sizeof(line));
		wattrset(w, ui_style(UI_S_TITLE));
		ui_putf(w, 0, 1, cols - 2, "Điểm danh · %s", line);
		draw_quorum(w, 1, cfg, se, cols);
		wattrset(w, ui_style(UI_S_DIM));
		ui_put(w, 2, 1,
		       member_live(mv) && wf_may(v->ctx, DH_ACT_RECORD_ATTENDANCE)
		           ? "c: có mặt · v: vắng · y: vắng, có ý kiến bằng văn bản (con trỏ tự xuống dòng)"
		           : "Chỉ xem.",
		       cols - 2);
		head = MEMBER_HEAD_ATT;
	} else {
		if (!ci) {
			ui_put(w, 1, 1, "Hồ sơ này không còn trong chương trình bình xét.", cols - 2);
			return;
		}
		const dh_candidate *cand = ci->candidate;
		wattrset(w, ui_style(UI_S_TITLE));
		ui_putf(w, 0, 1, cols - 2, "%s · %s · %s", cand_name(ci),
		        cand ? dept_name(cfg, cand->department) : "", cand ? kind_label(cand->kind) : "");
		draw_quorum(w, 1, cfg, se, cols);
		const dh_tally *t = &ci->tally;
		wattrset(w, A_NORMAL);
		if (t->hidden && !ci->item->closed)
			snprintf(line, sizeof(line),
			         "Bỏ phiếu kín · %d người được biểu quyết · %d không tham gia", t->voters,
			         t->recused);
		else if (ci->item->closed)
			snprintf(line, sizeof(line),
			         "Tán thành %d · Không tán thành %d · Không biểu quyết %d", t->agree,
			         t->disagree, t->abstain);
		else
			snprintf(line, sizeof(line),
			         "Tán thành (a) %d · Không tán thành (d) %d · Không biểu quyết (b) %d",
			         t->agree, t->disagree, t->abstain);
		if (!ci->item->closed && !t->hidden && t->outstanding > 0) {
			size_t o = strlen(line);
			snprintf(line + o, sizeof(line) - o, " · chưa ghi %d", t->outstanding);
		}
		ui_put(w, 2, 1, line, cols - 2);
		int rstyle;
		char result[64], reason[300];
		ui_council_result_cell(ci, result, sizeof(result), &rstyle);
		ui_council_reason_text(ci, reason, sizeof(reason));
		wattrset(w, ui_style(rstyle == UI_S_DIM ? UI_S_NORMAL : rstyle));
		ui_put(w, 3, 1, reason, cols - 2);
		head = MEMBER_HEAD_ITEM;
	}

	int wname = 24, wrole = 19;
	int xrole = 1 + wname + 1, xatt = xrole + wrole + 1;
	int watt = mv->item_id ? 16 : cols - xatt - 1;
	int xvote = xatt + watt + 1, wvote = cols - xvote - 1;
	wattrset(w, A_BOLD | A_UNDERLINE);
	ui_put_cell(w, head - 1, 0, "", cols, false);
	ui_put_cell(w, head - 1, 1, "Thành viên", wname, false);
	ui_put_cell(w, head - 1, xrole, "Vai trò", wrole, false);
	ui_put_cell(w, head - 1, xatt, "Dự họp", watt, false);
	if (mv->item_id)
		ui_put_cell(w, head - 1, xvote, "Biểu quyết", wvote, false);
	wattrset(w, A_NORMAL);

	int body = rows - head;
	if (mv->row < mv->top)
		mv->top = mv->row;
	if (mv->row >= mv->top + body)
		mv->top = mv->row - body + 1;
	for (int i = 0; i < body && (size_t)(mv->top + i) < c->n_members; i++) {
		int r = mv->top + i, y = head + i;
		const dh_council_member *m = &c->members[r];
		bool sel = r == mv->row;
		char role[64];
		role_short(m->role, role, sizeof(role));
		dh_attendance at = council_attendance(se, m->login);
		attr_t base = sel ? ui_style(UI_S_SELECTED) : A_NORMAL;
		wattrset(w, base);
		ui_put_cell(w, y, 0, "", cols, false);
		ui_put_cell(w, y, 1, person_name(cfg, m->login), wname, false);
		ui_put_cell(w, y, xrole, role, wrole, false);
		const char *att_text = attendance_words_for(se, m->login);
		if (mv->item_id && at == DH_WRITTEN)
			att_text = "Vắng, có văn bản";
		wattrset(w, sel ? base : ui_style(at == DH_PRESENT ? UI_S_NORMAL : UI_S_DIM));
		ui_put_cell(w, y, xatt, att_text, watt, false);
		if (mv->item_id && ci) {
			int vstyle;
			const char *vote = member_vote_words(c, se, ci->item, m->login, &vstyle);
			wattrset(w, sel ? base : ui_style(vstyle));
			ui_put_cell(w, y, xvote, vote, wvote, false);
		}
		wattrset(w, A_NORMAL);
	}
	/* The note of the member under the cursor, for the minutes: what he
	 * wrote, or why he does not vote. */
	if (mv->row >= 0 && (size_t)mv->row < c->n_members && head + (int)c->n_members + 1 < rows) {
		const char *login = c->members[mv->row].login;
		const char *text = NULL, *label = NULL;
		if (!mv->item_id && council_attendance(se, login) == DH_WRITTEN) {
			text = council_note_of(&se->opinions, login);
			label = text ? "Ý kiến bằng văn bản" : NULL;
			if (!text && member_live(mv) && wf_may(v->ctx, DH_ACT_RECORD_ATTENDANCE))
				text = "chưa ghi nội dung (n để ghi)", label = "Ý kiến bằng văn bản";
		} else if (mv->item_id && ci && council_is_recused(ci->item, login)) {
			text = council_note_of(&ci->item->recuse_reasons, login);
			label = "Lý do không tham gia";
			if (!text)
				text = ci->item->closed ? "theo quy chế" : "theo quy chế (l để ghi lý do khác)";
		}
		if (text) {
			char note[600];
			snprintf(note, sizeof(note), "%s — %s: %s", person_name(cfg, login), label, text);
			wattrset(w, ui_style(UI_S_DIM));
			ui_put_cut(w, head + (int)c->n_members + 1, 1, note, cols - 2, false);
			wattrset(w, A_NORMAL);
		}
	}
}

static void member_view_reload(ui_view *v)
{
	member_load((member_view *)v);
}

static void member_destroy(ui_view *v)
{
	member_view *mv = (member_view *)v;
	ui_council_model_free(&mv->m);
	free(mv);
}

static const ui_view_ops att_ops = {
    .bindings = att_keys,
    .title = member_title,
    .draw = member_draw,
    .key = member_key,
    .offers = member_offers,
    .reload = member_view_reload,
    .destroy = member_destroy,
};

static const ui_view_ops item_ops = {
    .bindings = item_keys,
    .title = member_title,
    .draw = member_draw,
    .key = member_key,
    .offers = member_offers,
    .reload = member_view_reload,
    .destroy = member_destroy,
};

static member_view *member_new(ui_app *app, const ui_view_ops *ops, uint64_t session_id, uint64_t item_id)
{
	member_view *mv = calloc(1, sizeof(*mv));
	if (!mv)
		return NULL;
	ui_view_init(&mv->base, ops, app);
	mv->session_id = session_id;
	mv->item_id = item_id;
	snprintf(mv->title, sizeof(mv->title), "%s", item_id ? "Biểu quyết" : "Điểm danh");
	member_load(mv);
	return mv;
}

static ui_view *att_open(ui_app *app, uint64_t session_id)
{
	member_view *mv = member_new(app, &att_ops, session_id, 0);
	return mv ? &mv->base : NULL;
}

static ui_view *item_open(ui_app *app, uint64_t session_id, uint64_t item_id)
{
	member_view *mv = member_new(app, &item_ops, session_id, item_id);
	return mv ? &mv->base : NULL;
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
		ui_form *f = lv ? session_form_open(app, lv, rec) : NULL;
		if (rec)
			record_free(DH_R_SESSION, rec);
		if (!f)
			return lv != NULL;
		session_form *sf = f->user;
		if (d->target_id)
			sf->rec->meta.rev = d->target_rev;
		ui_form_apply_draft(f, d);
		ui_push(app, &f->base);
		return true;
	}
	if (strcmp(d->form, "council_close") == 0 && d->target_type == DH_R_VOTE_ITEM) {
		void *rec = NULL;
		if (repo_get(ctx->store, DH_R_VOTE_ITEM, d->target_id, &rec) != 0)
			return false;
		uint64_t session_id = ((dh_vote_item *)rec)->session_id;
		char what[240];
		snprintf(what, sizeof(what), "hồ sơ #%llu",
		         (unsigned long long)((dh_vote_item *)rec)->candidate_id);
		record_free(DH_R_VOTE_ITEM, rec);
		if (!restore_list(app))
			return false;
		ui_view *sv = sess_open(app, session_id);
		if (!sv)
			return true;
		ui_push(app, sv);
		ui_form *f = close_form_open(app, d->target_id, what, (sess_view *)sv);
		if (!f)
			return true;
		ui_form_apply_draft(f, d);
		ui_push(app, &f->base);
		return true;
	}
	if (strcmp(d->form, "council_reopen") == 0) {
		uint64_t session_id = d->target_id;
		char what[240] = "";
		if (d->target_type == DH_R_VOTE_ITEM) {
			void *rec = NULL;
			if (repo_get(ctx->store, DH_R_VOTE_ITEM, d->target_id, &rec) != 0)
				return false;
			session_id = ((dh_vote_item *)rec)->session_id;
			snprintf(what, sizeof(what), "hồ sơ #%llu",
			         (unsigned long long)((dh_vote_item *)rec)->candidate_id);
			record_free(DH_R_VOTE_ITEM, rec);
		} else if (d->target_type == DH_R_SESSION) {
			snprintf(what, sizeof(what), "phiên họp #%llu", (unsigned long long)session_id);
		} else {
			return false;
		}
		if (!restore_list(app))
			return false;
		ui_view *sv = sess_open(app, session_id);
		if (!sv)
			return true;
		ui_push(app, sv);
		ui_form *f = reason_form_open(app, d->target_type, d->target_id, what);
		if (!f)
			return true;
		ui_form_apply_draft(f, d);
		ui_push(app, &f->base);
		return true;
	}
	return false;
}
