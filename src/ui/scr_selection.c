/* scr_selection.c — screen 3, Lựa chọn, công nhận (plan section II.2):
 * the hub where departments register candidates, the Office checks the
 * registrations, the council's proposal goes to the Chief Inspector, and
 * the Chief Inspector recognises (or later revokes).
 *
 * One root view with four sub-views the user switches between with a
 * letter shown on the tab strip and the key line: r registrations, t
 * proposals, d decisions, u the departments' answers; h pushes the council
 * sessions, the council module's own view (ui_council.h). Every list is
 * gathered in short read transactions at reload; every change is a wf_*
 * call, and the key line offers only what the workflow would allow on the
 * row under the cursor. A key that is not offered still answers, with who
 * may or why not, instead of doing nothing. */
#include "scr_selection.h"

#include "dienhinh/date.h"
#include "dienhinh/error.h"
#include "dienhinh/report.h"
#include "dienhinh/repo.h"
#include "dienhinh/ui_council.h"
#include "dienhinh/ui_verbs.h"
#include "dienhinh/utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	SEL_A_MODE = UI_A__COUNT, /* in the registrations, before the rarer hold */
	SEL_A_MODE_LAST,          /* elsewhere, after the sub-view's actions */
	SEL_A_REG_ADD,
	SEL_A_REG_ACCEPT,
	SEL_A_REG_RETURN,
	SEL_A_REG_WITHDRAW,
	SEL_A_HOLD,
	SEL_A_RELEASE,
	SEL_A_NIL,
	SEL_A_NIL_DELETE,
	SEL_A_PROP_ADD,
	SEL_A_PROP_EDIT,
	SEL_A_PROP_DECIDE,
	SEL_A_PROP_DELETE,
	SEL_A_DEC_ADD,
	SEL_A_DEC_REVOKE,
	SEL_A_DEC_HOLD,
	SEL_A_COUNCIL,
	SEL_A_MINE,
	SEL_A_ALL,
};

/* The next sub-view (Tab) or one by its letter: the same key under both
 * mode actions, so that it stands where it fits on the key line. */
#define SEL_MODE_KEY                                                                                         \
	"Tab", {UI_TAB, UI_K(KEY_BTAB), 'r', 't', 'd', 'u'}, "Mục",                                          \
	    "Mục sau; r Đăng ký, t Tờ trình, d Quyết định, u Đơn vị", false

static const ui_binding sel_keys[] = {
    {UI_A_OPEN, "Enter", {UI_ENTER}, "Xem", "Xem chi tiết dòng đang chọn", false},
    {SEL_A_REG_ADD, "a", {'a'}, "Đăng ký", "Đăng ký một nhân tố đề nghị công nhận, kèm bản mô tả", false},
    {SEL_A_REG_ACCEPT, "c", {'c'}, "Đủ hồ sơ", "Văn phòng kiểm tra: hồ sơ đăng ký đã đầy đủ", false},
    {SEL_A_REG_RETURN, "l", {'l'}, "Trả lại", "Trả lại hồ sơ đăng ký cho đơn vị, kèm lý do", false},
    {SEL_A_REG_WITHDRAW, "w", {'w'}, "Rút", "Rút hồ sơ đăng ký", false},
    {SEL_A_MODE, SEL_MODE_KEY},
    {SEL_A_HOLD,
     "p",
     {'p'},
     "Tạm dừng",
     "Tạm dừng xét hồ sơ (kỷ luật, thanh tra, khiếu nại), kèm lý do",
     false},
    {SEL_A_RELEASE, "p", {'p'}, "Tiếp tục xét", "Cho hồ sơ đang tạm dừng được xét tiếp", false},
    {SEL_A_ALL, "m", {'m'}, "Mọi đơn vị", "Hồ sơ đăng ký của mọi đơn vị", false},
    {SEL_A_MINE,
     "m",
     {'m'},
     "Đơn vị tôi",
     "Chỉ hồ sơ đăng ký của đơn vị tôi, có số đếm; o/O in danh sách",
     false},
    {SEL_A_NIL, "n", {'n'}, "Báo không có", "Đơn vị báo năm nay không có ai để đăng ký", false},
    {SEL_A_NIL_DELETE, "x", {'x'}, "Xóa báo", "Xóa báo không có đăng ký của đơn vị (có lưu vết)", false},
    {SEL_A_PROP_ADD,
     "a",
     {'a'},
     "Lập tờ trình",
     "Lập tờ trình từ các hồ sơ Hội đồng thông qua ở một phiên họp",
     false},
    {SEL_A_PROP_DECIDE, "c", {'c'}, "Ra QĐ", "Ra quyết định công nhận theo tờ trình đang chọn", false},
    {SEL_A_PROP_EDIT, "e", {'e'}, "Sửa", "Sửa tờ trình đang chọn", false},
    {SEL_A_PROP_DELETE, "x", {'x'}, "Xóa", "Xóa tờ trình đang chọn (có lưu vết)", false},
    {SEL_A_DEC_ADD,
     "a",
     {'a'},
     "Ra quyết định",
     "Ra quyết định công nhận các hồ sơ được Hội đồng đề nghị",
     false},
    {SEL_A_DEC_REVOKE, "x", {'x'}, "Thu hồi", "Thu hồi quyết định đang chọn, kèm lý do", false},
    {SEL_A_DEC_HOLD,
     "p",
     {'p'},
     "Tạm dừng",
     "Tạm dừng xét / cho xét tiếp một hồ sơ đang chờ công nhận",
     false},
    {SEL_A_COUNCIL, "h", {'h'}, "Hội đồng", "Phiên họp Hội đồng: điểm danh, bình xét, biểu quyết", true},
    {SEL_A_MODE_LAST, SEL_MODE_KEY},
    {UI_A_DOCUMENT, UI_DOC_KEYS, NULL,
     "Tờ trình / quyết định đang chọn, hay bản tổng hợp đăng ký (mục Đơn vị), ra tệp Word (o) / PDF (O)",
     false},
    UI_LIST_BINDINGS,
    {0},
};

/* The council sessions: not a sub-view of this one but the council
 * module's own view, pushed above it (ui_council.h). */
#define SEL_COUNCIL (-1)

/* The sub-views, in tab order, with the letter that opens each. */
static const struct {
	int mode;
	int key;
	const char *title;
} sel_tabs[] = {
    {SEL_REG, 'r', "Đăng ký"},    {SEL_COUNCIL, 'h', "Hội đồng"}, {SEL_PROP, 't', "Tờ trình"},
    {SEL_DEC, 'd', "Quyết định"}, {SEL_DEPT, 'u', "Đơn vị"},
};
#define SEL_TABS (sizeof(sel_tabs) / sizeof(sel_tabs[0]))

/* Which mode an action belongs to (-1: every mode), and the workflow
 * action behind it. */
static int action_mode(int action)
{
	switch (action) {
	case SEL_A_REG_ADD:
	case SEL_A_REG_ACCEPT:
	case SEL_A_REG_RETURN:
	case SEL_A_REG_WITHDRAW:
	case SEL_A_HOLD:
	case SEL_A_RELEASE: return SEL_REG;
	case SEL_A_NIL:
	case SEL_A_NIL_DELETE: return SEL_DEPT;
	case SEL_A_PROP_ADD:
	case SEL_A_PROP_EDIT:
	case SEL_A_PROP_DECIDE:
	case SEL_A_PROP_DELETE: return SEL_PROP;
	case SEL_A_DEC_ADD:
	case SEL_A_DEC_REVOKE:
	case SEL_A_DEC_HOLD: return SEL_DEC;
	}
	return -1;
}

static int action_wf(int action)
{
	switch (action) {
	case SEL_A_REG_ADD: return DH_ACT_NOMINATE;
	case SEL_A_REG_ACCEPT: return DH_ACT_CHECK_REGISTRATION;
	case SEL_A_REG_RETURN: return DH_ACT_RETURN;
	case SEL_A_REG_WITHDRAW: return DH_ACT_WITHDRAW;
	case SEL_A_HOLD:
	case SEL_A_RELEASE:
	case SEL_A_DEC_HOLD: return DH_ACT_HOLD;
	case SEL_A_NIL: return DH_ACT_NIL_RETURN;
	case SEL_A_NIL_DELETE:
	case SEL_A_PROP_DELETE: return DH_ACT_DELETE;
	case SEL_A_PROP_ADD:
	case SEL_A_PROP_EDIT: return DH_ACT_PROPOSE;
	case SEL_A_PROP_DECIDE:
	case SEL_A_DEC_ADD: return DH_ACT_RECOGNISE;
	case SEL_A_DEC_REVOKE: return DH_ACT_REVOKE;
	}
	return -1;
}

/* --- what may be done here ---------------------------------------------------- */

static bool say(char *why, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static bool say(char *why, size_t size, const char *fmt, ...)
{
	if (why && size) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(why, size, fmt, ap);
		va_end(ap);
	}
	return false;
}

/* The department rule in words, as the workflow says it. */
static bool scope(sel_screen *s, int a, const char *dept, char *why, size_t size)
{
	const dh_ctx *ctx = s->base.ctx;
	if (wf_may_for(ctx, (dh_action)a, dept))
		return true;
	char what[128];
	snprintf(what, sizeof(what), "%s", wf_action_label((dh_action)a));
	/* "Rút đăng ký" reads "rút đăng ký" inside a sentence. */
	char *lowered = utf8_lower(what);
	bool ok =
	    say(why, size, "Bạn chỉ được %s cho hồ sơ của %s; hồ sơ này thuộc %s.", lowered ? lowered : what,
	        config_department_name(ctx->cfg, ctx->person ? ctx->person->department : NULL),
	        config_department_name(ctx->cfg, dept));
	free(lowered);
	return ok;
}

/* Would ACTION work on the row under the cursor? When not, WHY (may be
 * NULL) gets the sentence for the message line: who may, or what state
 * the record is in. The workflow checks it all again on the write. */
static bool sel_can(sel_screen *s, int action, char *why, size_t size)
{
	dh_ctx *ctx = s->base.ctx;
	int a = action_wf(action);
	if (a < 0)
		return true;
	if (!wf_may(ctx, (dh_action)a)) {
		if (why) {
			wf_check(ctx, (dh_action)a);
			snprintf(why, size, "%s", ctx->message);
		}
		return false;
	}
	switch (action) {
	case SEL_A_REG_ADD:
	case SEL_A_PROP_ADD:
	case SEL_A_DEC_ADD: return true;
	case SEL_A_REG_ACCEPT:
	case SEL_A_REG_RETURN:
	case SEL_A_REG_WITHDRAW: {
		const dh_registration *r = sel_cur_registration(s);
		const dh_candidate *c = sel_cur_candidate(s);
		if (!r)
			return say(why, size, "Chưa chọn hồ sơ đăng ký nào.");
		if (!scope(s, a, r->department, why, size))
			return false;
		if (action == SEL_A_REG_ACCEPT && r->status != DH_REG_SUBMITTED)
			return say(why, size,
			           "Hồ sơ đăng ký đang ở trạng thái «%s»: chỉ kiểm tra hồ sơ mới nộp.",
			           reg_status_label(r->status));
		if (r->status != DH_REG_SUBMITTED && r->status != DH_REG_ACCEPTED)
			return say(why, size, "Hồ sơ đăng ký đang ở trạng thái «%s».",
			           reg_status_label(r->status));
		if (action != SEL_A_REG_ACCEPT && c && c->stage != DH_STAGE_NOMINATED)
			return say(why, size, "«%s» đã được Hội đồng bình xét (bước «%s»).", c->name,
			           stage_label(c->stage));
		return true;
	}
	case SEL_A_HOLD:
	case SEL_A_RELEASE: {
		const dh_candidate *c = sel_cur_candidate(s);
		if (!c)
			return say(why, size, "Chưa chọn hồ sơ nào.");
		if (!scope(s, a, c->department, why, size))
			return false;
		if (c->meta.deleted)
			return say(why, size, "Hồ sơ «%s» đã bị xóa.", c->name);
		/* The same key holds or releases: only one of the two applies. */
		return action == SEL_A_HOLD ? !c->on_hold : c->on_hold;
	}
	case SEL_A_NIL: {
		int i = sel_cur_dept(s);
		if (i < 0)
			return say(why, size, "Chưa chọn đơn vị nào.");
		const char *id = ctx->cfg->departments[i].id;
		if (!wf_may_for(ctx, DH_ACT_NIL_RETURN, id))
			return say(
			    why, size, "Bạn chỉ được báo không có đăng ký cho %s.",
			    config_department_name(ctx->cfg, ctx->person ? ctx->person->department : NULL));
		if (s->depts[i].registered)
			return say(why, size, "%s đã có %d hồ sơ đăng ký năm %d.",
			           ctx->cfg->departments[i].name, s->depts[i].registered, s->year);
		if (s->depts[i].nil_id)
			return say(why, size, "%s đã báo không có đăng ký năm %d.",
			           ctx->cfg->departments[i].name, s->year);
		return true;
	}
	case SEL_A_NIL_DELETE: {
		int i = sel_cur_dept(s);
		if (i < 0 || !s->depts[i].nil_id)
			return say(why, size, "Đơn vị này chưa báo không có đăng ký.");
		return scope(s, a, ctx->cfg->departments[i].id, why, size);
	}
	case SEL_A_PROP_EDIT:
	case SEL_A_PROP_DELETE:
		if (!sel_cur_proposal(s))
			return say(why, size, "Chưa chọn tờ trình nào.");
		return true;
	case SEL_A_PROP_DECIDE:
		if (!sel_cur_proposal(s))
			return say(why, size, "Chưa chọn tờ trình nào.");
		return true;
	case SEL_A_DEC_HOLD:
		if (!s->approved)
			return say(why, size, "Không có hồ sơ nào đang chờ quyết định công nhận.");
		return true;
	case SEL_A_DEC_REVOKE: {
		const dh_decision *d = sel_cur_decision(s);
		if (!d)
			return say(why, size, "Chưa chọn quyết định nào.");
		if (d->revoked)
			return say(why, size, "Quyết định %s đã bị thu hồi.", d->number ? d->number : "");
		return true;
	}
	}
	return true;
}

static bool sel_offers(ui_view *v, int action)
{
	sel_screen *s = (sel_screen *)v;
	int mode = action_mode(action);
	if (mode >= 0 && mode != s->mode)
		return false;
	switch (action) {
	case UI_A_OPEN: return s->lists[s->mode].filtering || sel_cur_id(s) != 0;
	case SEL_A_COUNCIL: return !s->lists[s->mode].filtering;
	case SEL_A_MINE:
	case SEL_A_ALL:
		return !s->lists[s->mode].filtering && s->mode == SEL_REG && s->my_dept >= 0 &&
		       s->mine_only == (action == SEL_A_ALL);
	case UI_A_DOCUMENT:
		return !s->lists[s->mode].filtering && ui_document_may(v->app) &&
		       (sel_cur_proposal(s) || sel_cur_decision(s) || s->mode == SEL_DEPT ||
		        (s->mode == SEL_REG && s->mine_only));
	case SEL_A_MODE:
	case SEL_A_MODE_LAST:
		return !s->lists[s->mode].filtering && (action == SEL_A_MODE) == (s->mode == SEL_REG);
	}
	if (mode >= 0)
		return sel_can(s, action, NULL, 0);
	return true;
}

/* A key of this mode that is not offered here: say why rather than
 * nothing. */
static unsigned sel_explain(sel_screen *s, int key)
{
	/* Deleting is what people try first; a registration is ended
	 * otherwise. */
	if (key == 'x' && s->mode == SEL_REG && sel_cur_id(s)) {
		ui_error(s->base.app, "Hồ sơ đăng ký không xóa: dùng Rút (w) hoặc Trả lại (l).");
		return UI_R_DRAW;
	}
	const dh_candidate *c = s->mode == SEL_REG ? sel_cur_candidate(s) : NULL;
	for (const ui_binding *b = sel_keys; b->action; b++) {
		if (action_mode(b->action) != s->mode)
			continue;
		bool match = false;
		for (int i = 0; i < UI_BINDING_KEYS && b->codes[i]; i++)
			match |= b->codes[i] == key;
		if (!match)
			continue;
		if (c &&
		    ((b->action == SEL_A_HOLD && c->on_hold) || (b->action == SEL_A_RELEASE && !c->on_hold)))
			continue;
		char why[512];
		why[0] = '\0';
		if (!sel_can(s, b->action, why, sizeof(why)) && why[0]) {
			ui_error(s->base.app, "%s", why);
			return UI_R_DRAW;
		}
	}
	return UI_R_NONE;
}

/* --- actions -------------------------------------------------------------------- */

/* The registration form, unless the deadline has passed for this person:
 * then the refusal names who may let a late registration in. */
static unsigned reg_add(sel_screen *s)
{
	dh_ctx *ctx = s->base.ctx;
	const dh_deadline *d = wf_deadline_of(ctx->cfg, DH_ACT_NOMINATE);
	int today = ctx->today ? ctx->today : date_today();
	if (d && d->date && today > d->date && !wf_may(ctx, DH_ACT_LATE_OVERRIDE)) {
		char who[256], day[11], msg[512];
		wf_who_may(ctx->cfg, DH_ACT_LATE_OVERRIDE, who, sizeof(who));
		date_vn(d->date, day);
		snprintf(msg, sizeof(msg), "Quá hạn đăng ký %s: cần %s cho phép.", day, who);
		if (utf8_width(msg) > COLS - 2)
			snprintf(msg, sizeof(msg), "Quá hạn đăng ký %s: cần lãnh đạo cho phép, kèm lý do.",
			         day);
		ui_error(s->base.app, "%s", msg);
		return UI_R_DRAW;
	}
	return ui_form_push(s->base.app, sel_registration_form(s->base.app, s));
}

static unsigned reg_accept(sel_screen *s)
{
	const dh_registration *r = sel_cur_registration(s);
	const dh_candidate *c = sel_cur_candidate(s);
	if (!r)
		return UI_R_DRAW;
	char q[300];
	snprintf(q, sizeof(q), "Xác nhận hồ sơ đăng ký của «%s» đã đầy đủ?", c && c->name ? c->name : "?");
	if (!ui_confirm(s->base.app, q))
		return UI_R_DRAW;
	int rc = wf_registration_accept(s->base.ctx, r->meta.id);
	if (rc == 0)
		ui_message(s->base.app, "Đã kiểm tra: hồ sơ của «%s» đầy đủ.", c && c->name ? c->name : "?");
	else
		ui_failed(s->base.app, "Chưa ghi", rc);
	return UI_R_RELOAD | UI_R_DRAW;
}

static unsigned reason_form(sel_screen *s, int kind, uint64_t id)
{
	return ui_form_push(s->base.app, sel_reason_form(s->base.app, kind, id));
}

/* The candidates waiting for recognition, for the hold picker. */
typedef struct hold_pick {
	sel_screen *s;
	ui_choices cands;
	dh_idlist held; /* those of them on hold */
} hold_pick;

static int hold_collect(const void *rec, void *arg)
{
	hold_pick *hp = arg;
	const dh_candidate *c = rec;
	const dh_config *cfg = hp->s->base.ctx->cfg;
	if (c->meta.deleted || c->stage != DH_STAGE_APPROVED ||
	    !wf_candidate_may(hp->s->base.ctx, DH_ACT_HOLD, c))
		return 0;
	char label[400];
	snprintf(label, sizeof(label), "%s%s — %s", c->on_hold ? "⚠ tạm dừng xét: " : "",
	         c->name ? c->name : "", config_department_short(cfg, c->department));
	if (ui_choices_add_id(&hp->cands, c->meta.id, label) ||
	    (c->on_hold && idlist_push(&hp->held, c->meta.id)))
		return -1;
	return 0;
}

/* Hold or release one of the candidates waiting for recognition: the
 * Chief Inspector learns of a complaint while preparing the decision. */
static unsigned dec_hold(sel_screen *s)
{
	hold_pick hp = {.s = s};
	unsigned r = UI_R_DRAW;
	if (repo_each(s->base.ctx->store, DH_R_CANDIDATE, hold_collect, &hp) != 0) {
		ui_error(s->base.app, "%s", dh_strerror(DH_ENOMEM));
	} else if (hp.cands.n == 0) {
		ui_error(s->base.app, "Không có hồ sơ nào đang chờ quyết định công nhận.");
	} else {
		int k = ui_pick(s->base.app, "Tạm dừng xét / cho xét tiếp", hp.cands.v, hp.cands.n, 0);
		uint64_t id = k >= 0 ? sel_parse_id(hp.cands.v[k].value) : 0;
		if (id)
			r = reason_form(s, idlist_has(&hp.held, id) ? SEL_R_RELEASE : SEL_R_HOLD, id);
	}
	ui_choices_free(&hp.cands);
	idlist_clear(&hp.held);
	free(hp.held.v);
	return r;
}

static unsigned sel_open(sel_screen *s)
{
	ui_view *page = sel_page_open(s);
	if (page)
		ui_push(s->base.app, page);
	return UI_R_DRAW;
}

static void sel_switch(sel_screen *s, int mode)
{
	if (mode == s->mode)
		return;
	s->mode = mode;
	ui_list_view_show(&s->base, &s->lists[mode]);
	sel_cur_forget(s);
	/* The decisions' header counts what waits for recognition: only
	 * worth a scan when it is shown. */
	if (mode == SEL_DEC) {
		sel_gather(s);
		for (int m = 0; m < SEL__MODES; m++)
			ui_list_reload(&s->lists[m]);
	}
}

/* The proposal or the decision under the cursor as a .docx (o) or PDF (O). */
static unsigned sel_document(sel_screen *s, int key)
{
	const dh_proposal *p = sel_cur_proposal(s);
	const dh_decision *d = sel_cur_decision(s);
	dh_report_opts o;
	report_opts_init(&o);
	if (p) {
		o.year = p->year;
		o.session_id = p->session_id;
		return ui_document(s->base.app, DH_REPORT_PROPOSAL, &o, key);
	}
	if (d) {
		o.year = d->year;
		o.decision_id = d->meta.id;
		return ui_document(s->base.app, DH_REPORT_DECISION, &o, key);
	}
	if (s->mode == SEL_REG && s->mine_only) { /* the department's own list */
		o.year = s->year;
		o.department = s->base.ctx->cfg->departments[s->my_dept].id;
		return ui_document(s->base.app, DH_REPORT_REGISTRATIONS, &o, key);
	}
	if (s->mode == SEL_DEPT) { /* the departments' answers: the Office's summary */
		o.year = s->year;
		return ui_document(s->base.app, DH_REPORT_REGISTRATIONS, &o, key);
	}
	return UI_R_DRAW;
}

static unsigned sel_key(ui_view *v, int action, int key)
{
	sel_screen *s = (sel_screen *)v;
	switch (action) {
	case UI_A_NONE: return sel_explain(s, key);
	case UI_A_OPEN: return sel_open(s);
	case SEL_A_MODE:
	case SEL_A_MODE_LAST: {
		size_t at = 0;
		for (size_t i = 0; i < SEL_TABS; i++)
			if (sel_tabs[i].mode == s->mode)
				at = i;
		/* Tab walks the sub-views of this screen, not the council. */
		int step = key == UI_TAB ? 1 : key == UI_K(KEY_BTAB) ? (int)SEL_TABS - 1 : 0;
		do
			at = (at + (size_t)step) % SEL_TABS;
		while (step && sel_tabs[at].mode == SEL_COUNCIL);
		for (size_t i = 0; i < SEL_TABS; i++)
			if (sel_tabs[i].key == key && sel_tabs[i].mode != SEL_COUNCIL)
				at = i;
		sel_switch(s, sel_tabs[at].mode);
		return UI_R_DRAW;
	}
	case SEL_A_REG_ADD: return reg_add(s);
	case SEL_A_REG_ACCEPT: return reg_accept(s);
	case SEL_A_REG_RETURN:
	case SEL_A_REG_WITHDRAW: {
		const dh_registration *reg = sel_cur_registration(s);
		if (!reg)
			return UI_R_DRAW;
		return reason_form(s, action == SEL_A_REG_RETURN ? SEL_R_RETURN : SEL_R_WITHDRAW,
		                   reg->meta.id);
	}
	case SEL_A_HOLD:
	case SEL_A_RELEASE: {
		const dh_candidate *c = sel_cur_candidate(s);
		if (!c)
			return UI_R_DRAW;
		return reason_form(s, action == SEL_A_HOLD ? SEL_R_HOLD : SEL_R_RELEASE, c->meta.id);
	}
	case SEL_A_NIL: {
		int i = sel_cur_dept(s);
		return i < 0 ? UI_R_DRAW
		             : ui_form_push(s->base.app,
		                            sel_nil_form(v->app, s, v->ctx->cfg->departments[i].id));
	}
	case SEL_A_NIL_DELETE: {
		int i = sel_cur_dept(s);
		if (i < 0 || !s->depts[i].nil_id)
			return UI_R_DRAW;
		return reason_form(s, SEL_R_DEL_NIL, s->depts[i].nil_id);
	}
	case SEL_A_PROP_ADD: return ui_form_push(s->base.app, sel_proposal_form(v->app, s, NULL));
	case SEL_A_PROP_EDIT: {
		const dh_proposal *p = sel_cur_proposal(s);
		return p ? ui_form_push(s->base.app, sel_proposal_form(v->app, s, p)) : UI_R_DRAW;
	}
	case SEL_A_PROP_DELETE: {
		const dh_proposal *p = sel_cur_proposal(s);
		return p ? reason_form(s, SEL_R_DEL_PROP, p->meta.id) : UI_R_DRAW;
	}
	case SEL_A_PROP_DECIDE: {
		const dh_proposal *p = sel_cur_proposal(s);
		return p ? ui_form_push(s->base.app, sel_decision_form(v->app, s, &p->candidates))
		         : UI_R_DRAW;
	}
	case SEL_A_DEC_ADD: return ui_form_push(s->base.app, sel_decision_form(v->app, s, NULL));
	case UI_A_DOCUMENT: return sel_document(s, key);
	case SEL_A_DEC_HOLD: return dec_hold(s);
	case SEL_A_MINE:
	case SEL_A_ALL:
		s->mine_only = action == SEL_A_MINE;
		sel_reg_arrange(s);
		ui_list_reload(&s->lists[SEL_REG]);
		ui_message(v->app, "%s",
		           s->mine_only ? "Chỉ hồ sơ đăng ký của đơn vị tôi."
		                        : "Hồ sơ đăng ký của mọi đơn vị.");
		return UI_R_DRAW;
	case SEL_A_COUNCIL: {
		ui_view *council = ui_council_open(v->app);
		if (council)
			ui_push(v->app, council);
		return UI_R_DRAW;
	}
	case SEL_A_DEC_REVOKE: {
		const dh_decision *d = sel_cur_decision(s);
		return d ? reason_form(s, SEL_R_REVOKE, d->meta.id) : UI_R_DRAW;
	}
	}
	return UI_R_NONE;
}

/* --- drawing -------------------------------------------------------------------- */

static void draw_tabs(sel_screen *s, WINDOW *w, int cols)
{
	int x = 1;
	for (size_t i = 0; i < SEL_TABS && x < cols; i++) {
		char letter[4], tab[80];
		snprintf(letter, sizeof(letter), "%c", sel_tabs[i].key);
		snprintf(tab, sizeof(tab), " %s ", sel_tabs[i].title);
		bool on = sel_tabs[i].mode == s->mode;
		wattrset(w, ui_style(UI_S_KEY));
		x += ui_put(w, 0, x, letter, cols - x);
		wattrset(w, on ? ui_style(UI_S_SELECTED) | A_BOLD : A_NORMAL);
		x += ui_put(w, 0, x, tab, cols - x);
		wattrset(w, A_NORMAL);
		x += ui_put(w, 0, x, "  ", cols - x);
	}
}

/* "còn 12 ngày" / "hôm nay là hạn cuối" / "quá hạn 3 ngày". */
static const char *days_left(int today, int date, char *buf, size_t size)
{
	int left = date_diff(today, date);
	if (left > 0)
		snprintf(buf, size, "còn %d ngày", left);
	else if (left == 0)
		snprintf(buf, size, "hôm nay là hạn cuối");
	else
		snprintf(buf, size, "đã quá hạn %d ngày", -left);
	return buf;
}

/* The registration deadline, and how many registrations wait for the
 * Office's check (WAITING, 0: not said), in COLS columns: the fullest
 * wording that fits. Returns the style. */
static int deadline_line(sel_screen *s, char *buf, size_t size, int cols, int waiting)
{
	const dh_ctx *ctx = s->base.ctx;
	const dh_deadline *d = wf_deadline_of(ctx->cfg, DH_ACT_NOMINATE);
	char head[2][300], tail[2][64] = {"", ""};
	int style, heads = 1;
	if (waiting) {
		snprintf(tail[0], sizeof(tail[0]), " · %d hồ sơ chờ kiểm tra", waiting);
		snprintf(tail[1], sizeof(tail[1]), " · %d chờ kiểm tra", waiting);
	}
	int today = ctx->today ? ctx->today : date_today();
	char day[11], left[48];
	if (!d || !d->date) {
		snprintf(head[0], sizeof(head[0]), "Cấu hình không đặt hạn đăng ký");
		style = UI_S_DIM;
	} else if (today <= d->date) {
		date_vn(d->date, day);
		snprintf(head[0], sizeof(head[0]), "Hạn đăng ký %s: %s", day,
		         days_left(today, d->date, left, sizeof(left)));
		style = date_diff(today, d->date) <= 7 ? UI_S_WARN : UI_S_OK;
	} else {
		char who[200];
		int late = -date_diff(today, d->date);
		date_vn(d->date, day);
		wf_who_may(ctx->cfg, DH_ACT_LATE_OVERRIDE, who, sizeof(who));
		snprintf(head[0], sizeof(head[0]),
		         "Đã quá hạn đăng ký %s (%d ngày): đăng ký muộn cần %s cho phép", day, late, who);
		snprintf(head[1], sizeof(head[1]), "Quá hạn đăng ký %s (%d ngày), cần lãnh đạo cho phép", day,
		         late);
		heads = 2;
		style = UI_S_WARN;
	}
	for (int h = 0; h < heads; h++)
		for (int t = 0; t < 2; t++) {
			snprintf(buf, size, "%s%s", head[h], tail[t]);
			if (utf8_width(buf) <= cols)
				return style;
		}
	return style;
}

/* "Chưa trả lời 3/8 đơn vị: Văn phòng, Nghiệp vụ 1, …" */
static int unanswered_line(sel_screen *s, char *buf, size_t size)
{
	const dh_config *cfg = s->base.ctx->cfg;
	int n = (int)cfg->n_departments;
	if (s->n_answered >= n) {
		snprintf(buf, size, "Cả %d đơn vị đã trả lời (đăng ký hoặc báo không có).", n);
		return UI_S_OK;
	}
	size_t o = (size_t)snprintf(buf, size, "Chưa trả lời %d/%d (u):", n - s->n_answered, n);
	bool first = true;
	for (int i = 0; i < n && o < size; i++) {
		if (s->depts[i].answered)
			continue;
		o += (size_t)snprintf(buf + o, size - o, " %s%s", first ? "" : "· ",
		                      config_department_short(cfg, cfg->departments[i].id));
		first = false;
	}
	return UI_S_WARN;
}

/* A line of the header; what does not fit ends in "…". */
static void draw_line(WINDOW *w, int y, int cols, int style, const char *text)
{
	int room = cols - 2;
	wattrset(w, ui_style(style));
	if (utf8_width(text) <= room) {
		ui_put(w, y, 1, text, room);
	} else {
		int x = ui_put(w, y, 1, text, room - 1);
		ui_put(w, y, 1 + x, "…", 1);
	}
	wattrset(w, A_NORMAL);
}

static void sel_draw(ui_view *v, WINDOW *w)
{
	sel_screen *s = (sel_screen *)v;
	int rows = getmaxy(w), cols = getmaxx(w);
	char line[1024];
	draw_tabs(s, w, cols);
	int top = 1;
	switch (s->mode) {
	case SEL_REG: {
		int submitted = 0;
		for (size_t i = 0; i < s->n_regs; i++)
			submitted += s->regs[i].status == DH_REG_SUBMITTED;
		int style = deadline_line(s, line, sizeof(line), cols - 2, submitted);
		draw_line(w, top++, cols, style, line);
		if (s->mine_only) {
			/* A department head's receipt: what his department registered. */
			int mine = 0, active = 0;
			for (size_t i = 0; i < s->n_regs; i++)
				if (s->regs[i].dept == s->my_dept) {
					mine++;
					active += s->regs[i].status == DH_REG_SUBMITTED ||
					          s->regs[i].status == DH_REG_ACCEPTED;
				}
			snprintf(line, sizeof(line),
			         "%s đã đăng ký %d hồ sơ (%d đang xét) · m: mọi đơn vị · o/O: in",
			         v->ctx->cfg->departments[s->my_dept].name, mine, active);
			draw_line(w, top++, cols, mine ? UI_S_OK : UI_S_WARN, line);
		} else {
			style = unanswered_line(s, line, sizeof(line));
			draw_line(w, top++, cols, style, line);
		}
		break;
	}
	case SEL_DEPT: {
		int n = (int)v->ctx->cfg->n_departments;
		snprintf(line, sizeof(line), "Năm %d: %d/%d đơn vị đã trả lời (đăng ký hoặc báo không có).",
		         s->year, s->n_answered, n);
		draw_line(w, top++, cols, s->n_answered >= n ? UI_S_OK : UI_S_WARN, line);
		draw_line(w, top++, cols, deadline_line(s, line, sizeof(line), cols - 2, 0), line);
		break;
	}
	case SEL_PROP:
		snprintf(line, sizeof(line),
		         "Tờ trình của Hội đồng đề nghị Chánh Thanh tra công nhận: %zu tờ trình.",
		         s->lists[SEL_PROP].items.n);
		draw_line(w, top++, cols, UI_S_DIM, line);
		break;
	case SEL_DEC: {
		const ui_items *decs = &s->lists[SEL_DEC].items;
		int revoked = 0;
		for (size_t i = 0; i < decs->n; i++)
			revoked += ((const dh_decision *)decs->v[i])->revoked;
		if (s->approved)
			snprintf(line, sizeof(line),
			         "Chờ quyết định công nhận: %d hồ sơ được Hội đồng đề nghị%s", s->approved,
			         s->approved_held ? "" : ".");
		else
			snprintf(line, sizeof(line), "Không có hồ sơ nào chờ quyết định công nhận.");
		if (s->approved_held) {
			size_t o = strlen(line);
			snprintf(line + o, sizeof(line) - o, " (%d đang tạm dừng xét).", s->approved_held);
		}
		draw_line(w, top++, cols, s->approved ? UI_S_WARN : UI_S_DIM, line);
		if (revoked)
			snprintf(line, sizeof(line), "Năm %d: %zu quyết định công nhận, %d đã thu hồi.",
			         s->year, decs->n, revoked);
		else
			snprintf(line, sizeof(line), "Năm %d: %zu quyết định công nhận.", s->year, decs->n);
		draw_line(w, top++, cols, UI_S_DIM, line);
		break;
	}
	}
	/* A list not drawn yet scrolled as if one row high when its cursor
	 * was placed (my department): its first draw scrolls as it must. */
	ui_list *l = &s->lists[s->mode];
	if (l->visible == 0)
		l->top = 0;
	ui_list_draw(l, w, top, 0, rows - top, cols);
}

static void sel_reload(ui_view *v)
{
	sel_screen *s = (sel_screen *)v;
	sel_gather(s);
	for (int m = 0; m < SEL__MODES; m++) {
		ui_list_reload(&s->lists[m]);
		if (s->select[m]) {
			ui_list_select(&s->lists[m], s->select[m]);
			s->select[m] = 0;
		}
	}
}

static void sel_destroy(ui_view *v)
{
	sel_screen *s = (sel_screen *)v;
	sel_lists_free(s);
	v->list = NULL; /* every mode's list is freed */
}

static int sel_start(ui_view *v, const void *arg)
{
	sel_screen *s = (sel_screen *)v;
	const dh_config *cfg = v->ctx->cfg;
	(void)arg;
	s->year = cfg->plan.year;
	s->mode = SEL_REG;
	/* A department head (not the Office) starts on his own department's list. */
	s->my_dept = -1;
	const dh_ctx *me = v->ctx;
	if (me->person && (me->roles & DH_ROLE_DEPT_HEAD) && !(me->roles & DH_ROLE_OFFICE))
		s->my_dept = sel_dept_index(cfg, me->person->department);
	s->mine_only = s->my_dept >= 0;
	int rc = sel_lists_init(s);
	ui_list_view_show(v, &s->lists[s->mode]);
	if (rc)
		return rc;
	/* A department head answers for their own department. */
	int mine = me->person ? sel_dept_index(cfg, me->person->department) : -1;
	if (mine >= 0)
		ui_list_select(&s->lists[SEL_DEPT], (uint64_t)mine + 1);
	return 0;
}

const ui_view_ops ui_selection_view = {
    .size = sizeof(sel_screen),
    .start = sel_start,
    .bindings = sel_keys,
    .draw = sel_draw,
    .key = sel_key,
    .offers = sel_offers,
    .reload = sel_reload,
    .destroy = sel_destroy,
};
