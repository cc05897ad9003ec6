/* scr_council_common.c — what every council view says and draws the same
 * way: the nominee's name, a session's heading and quorum line, the
 * recusals, refusals that fit the one message line, and the session's
 * documents. */
#include "scr_council_internal.h"

#include "dienhinh/date.h"
#include "dienhinh/error.h"
#include "dienhinh/report.h"
#include "dienhinh/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UI_MESSAGE_COLS 78 /* the message line of an 80-column terminal */

bool ui_council_view_read(ui_council_view *cv, const char *dated)
{
	ui_council_model_free(&cv->m);
	cv->loaded = cv->session_id && ui_council_load(cv->base.ctx, cv->session_id, &cv->m) == 0;
	if (cv->loaded && dated) {
		char day[11];
		snprintf(cv->title, sizeof(cv->title), "%s%s", dated, date_vn(cv->m.session->date, day));
	}
	return cv->loaded;
}

bool ui_council_view_live(const ui_council_view *cv)
{
	return cv->loaded && ui_council_session_live(cv->m.session);
}

const char *ui_council_view_title(ui_view *v)
{
	return ((ui_council_view *)v)->title;
}

void ui_council_view_destroy(ui_view *v)
{
	ui_council_model_free(&((ui_council_view *)v)->m);
}

const char *ui_council_cand_name(const ui_council_item *ci)
{
	return ci->candidate && ci->candidate->name ? ci->candidate->name : "(không đọc được hồ sơ)";
}

const char *ui_council_closed_why(const ui_council_item *ci, char *buf, size_t size)
{
	if (!ci->item->closed)
		return NULL;
	snprintf(buf, size, "«%s» đã chốt: muốn sửa, Chủ tịch Hội đồng mở lại (m).",
	         ui_council_cand_name(ci));
	return buf;
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

void ui_council_say_refused(ui_view *v, dh_action a, const char *why_here)
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

void ui_council_say_failed(ui_view *v, const char *what, int rc)
{
	const char *why = v->ctx->message[0] ? v->ctx->message : dh_strerror(rc);
	if (utf8_width(what) + 2 + utf8_width(why) > UI_MESSAGE_COLS)
		ui_error(v->app, "%s", why);
	else
		ui_error(v->app, "%s: %s", what, why);
}

bool ui_council_wrote(ui_view *v, int rc, const char *failed, const char *done)
{
	if (rc)
		ui_council_say_failed(v, failed, rc);
	else if (done)
		ui_message(v->app, "%s", done);
	return rc == 0;
}

void ui_council_push(ui_app *app, ui_view *v)
{
	if (v)
		ui_push(app, v);
}

/* The result first: a long name is cut, not the result. */
void ui_council_say_closed(ui_app *app, const ui_council_item *ci)
{
	ui_message(app, "Đã chốt: %s · %s", ci->item->reason ? ci->item->reason : "",
	           ui_council_cand_name(ci));
}

bool ui_council_session_live(const dh_session *s)
{
	return s && !s->closed && !s->meta.deleted;
}

const char *ui_council_method_words(int method)
{
	return method == DH_VOTE_OPEN ? "Biểu quyết công khai" : "Bỏ phiếu kín";
}

/* The state comes first: after a long title it was cut off at 80 columns. */
void ui_council_session_heading(const dh_session *s, char *buf, size_t size)
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
	         title, when, ui_council_method_words(s->method));
}

void ui_council_draw_quorum(WINDOW *w, int y, const dh_config *cfg, const dh_session *s, int cols)
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

void ui_council_recusal_text(const dh_config *cfg, const dh_vote_item *it, char *buf, size_t size)
{
	if (it->recused.n == 0) {
		snprintf(buf, size, "Mọi thành viên đều được biểu quyết hồ sơ này.");
		return;
	}
	size_t o = (size_t)snprintf(buf, size, "Không tham gia biểu quyết: ");
	for (size_t i = 0; i < it->recused.n && o < size; i++)
		o += (size_t)snprintf(buf + o, size - o, "%s%s", i ? ", " : "",
		                      config_person_name(cfg, it->recused.v[i]));
}

unsigned ui_council_session_document(ui_view *v, const dh_session *s, int key)
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
