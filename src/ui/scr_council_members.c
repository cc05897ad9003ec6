/* scr_council_members.c — the members of a council session, one row
 * each: the attendance (present, absent, absent with a written opinion,
 * with the quorum above), and one item's members with their open votes
 * (a/d/b), who does not vote on it and why. The same view serves both;
 * the key tables differ. */
#include "scr_council_internal.h"

#include "dienhinh/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MEMBER_HEAD_ATT  4
#define MEMBER_HEAD_ITEM 5

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

typedef struct member_view {
	ui_council_view cv;
	uint64_t item_id; /* 0: the attendance */
	int row, top;
} member_view;

static const ui_binding att_keys[] = {
    {CA_PRESENT, "c", {'c'}, "Có mặt", "Thành viên đang chọn có mặt", false},
    {CA_ABSENT, "v", {'v'}, "Vắng", "Thành viên đang chọn vắng mặt", false},
    {CA_WRITTEN, "y", {'y'}, "Vắng, có ý kiến", "Vắng mặt, có ý kiến bằng văn bản", false},
    {CA_OPINION,
     "n",
     {'n'},
     "Nội dung",
     "Ghi nội dung ý kiến bằng văn bản của thành viên vắng (vào biên bản)",
     false},
    {CA_CYCLE, "Space", {' '}, "Đổi", "Đổi lần lượt: có mặt → vắng → vắng có ý kiến", true},
    UI_COUNCIL_ROW_BINDINGS,
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
    {CA_RECUSE_WHY,
     "l",
     {'l'},
     "Lý do",
     "Ghi lý do thành viên không tham gia biểu quyết (vào biên bản)",
     false},
    {CA_REOPEN, "m", {'m'}, "Mở lại", "Mở lại kết quả đã chốt (có lý do, có lưu vết)", false},
    UI_COUNCIL_ROW_BINDINGS,
    {0},
};

static ui_council_item *member_item(member_view *mv)
{
	int at = mv->cv.loaded && mv->item_id ? ui_council_find(&mv->cv.m, mv->item_id) : -1;
	return at >= 0 ? &mv->cv.m.items[at] : NULL;
}

static const char *member_login(member_view *mv)
{
	const dh_council *c = &mv->cv.base.ctx->cfg->council;
	if (mv->row < 0 || (size_t)mv->row >= c->n_members)
		return NULL;
	return c->members[mv->row].login;
}

static void member_load(member_view *mv)
{
	ui_council_view_read(&mv->cv, NULL);
	size_t n = mv->cv.base.ctx->cfg->council.n_members;
	if (mv->row >= (int)n)
		mv->row = n ? (int)n - 1 : 0;
	if (mv->row < 0)
		mv->row = 0;
}

static bool member_offers(ui_view *v, int action)
{
	member_view *mv = (member_view *)v;
	dh_ctx *ctx = v->ctx;
	ui_council_item *ci = member_item(mv);
	bool live = ui_council_view_live(&mv->cv);
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
		return item_live && mv->cv.m.session->method == DH_VOTE_OPEN &&
		       wf_may(ctx, DH_ACT_RECORD_VOTES);
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
	int n = (int)mv->cv.base.ctx->cfg->council.n_members;
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
	ui_view *v = &mv->cv.base;
	ui_council_item *ci = member_item(mv);
	const char *why = NULL;
	char buf[300];
	if (mv->cv.loaded && mv->cv.m.session->closed)
		why = "Phiên họp đã kết thúc.";
	else if (ci)
		why = ui_council_closed_why(ci, buf, sizeof(buf));
	if (!mv->item_id) {
		if (key != 'c' && key != 'v' && key != 'y' && key != ' ')
			return UI_R_NONE;
		ui_council_say_refused(v, DH_ACT_RECORD_ATTENDANCE, why);
	} else if (key == 'a' || key == 'd' || key == 'b' || key == UI_K(KEY_BACKSPACE)) {
		if (!why && mv->cv.loaded && mv->cv.m.session->method == DH_VOTE_SECRET)
			why = "Bỏ phiếu kín: số phiếu gõ ở màn hình phiên họp, không ghi phiếu từng người.";
		ui_council_say_refused(v, DH_ACT_RECORD_VOTES, why);
	} else if (key == 'r') {
		ui_council_say_refused(v, DH_ACT_RECORD_VOTES, why);
	} else if (key == 'c') {
		ui_council_say_refused(v, DH_ACT_CLOSE_ITEM, why);
	} else if (key == 'm') {
		ui_council_say_refused(v, DH_ACT_REOPEN_ITEM, why ? why : "Hồ sơ này chưa chốt kết quả.");
	} else {
		return UI_R_NONE;
	}
	return UI_R_DRAW;
}

/* After a member's attendance, vote or recusal was written (or refused):
 * on to the next member when NEXT, the view read again. */
static unsigned member_wrote(member_view *mv, int rc, const char *failed, bool next)
{
	if (!ui_council_wrote(&mv->cv.base, rc, failed, NULL))
		return UI_R_DRAW;
	if (next)
		member_move(mv, UI_A_DOWN);
	member_load(mv);
	return UI_R_RELOAD | UI_R_DRAW;
}

static unsigned member_key(ui_view *v, int action, int key)
{
	member_view *mv = (member_view *)v;
	dh_ctx *ctx = v->ctx;
	const char *login = member_login(mv);
	ui_council_item *ci = member_item(mv);
	bool of_item = action == CA_AGREE || action == CA_DISAGREE || action == CA_ABSTAIN ||
	               action == CA_ERASE || action == CA_RECUSE || action == CA_RECUSE_WHY ||
	               action == CA_CLOSE_ITEM || action == CA_REOPEN;
	bool of_member = action == CA_PRESENT || action == CA_ABSENT || action == CA_WRITTEN ||
	                 action == CA_CYCLE || action == CA_OPINION ||
	                 (of_item && action != CA_CLOSE_ITEM && action != CA_REOPEN);
	if ((of_item && !ci) || (of_member && !login))
		return UI_R_DRAW;
	ctx->message[0] = '\0'; /* for the core's refusal of what this key writes */
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
		dh_attendance now = council_attendance(mv->cv.m.session, login);
		int at = action == CA_PRESENT   ? DH_PRESENT
		         : action == CA_ABSENT  ? DH_ABSENT
		         : action == CA_WRITTEN ? DH_WRITTEN
		         : now == DH_PRESENT    ? DH_ABSENT
		         : now == DH_ABSENT     ? DH_WRITTEN
		                                : DH_PRESENT;
		return member_wrote(mv, wf_attendance(ctx, mv->cv.session_id, login, at),
		                    "Chưa ghi điểm danh", action != CA_CYCLE);
	}
	case CA_AGREE:
	case CA_DISAGREE:
	case CA_ABSTAIN:
	case CA_ERASE: {
		int vote = action == CA_AGREE      ? DH_VOTE_AGREE
		           : action == CA_DISAGREE ? DH_VOTE_DISAGREE
		           : action == CA_ABSTAIN  ? DH_VOTE_ABSTAIN
		                                   : DH_VOTE_NONE;
		return member_wrote(mv, wf_vote(ctx, ci->item->meta.id, login, vote), "Chưa ghi phiếu",
		                    action != CA_ERASE);
	}
	case CA_RECUSE: {
		bool recused = !council_is_recused(ci->item, login);
		const char *who = config_person_name(ctx->cfg, login);
		int rc = wf_item_recuse(ctx, ci->item->meta.id, login, recused);
		if (rc == 0 && recused)
			ui_message(v->app,
			           "%s không tham gia biểu quyết hồ sơ này. l: ghi lý do vào biên bản.", who);
		else if (rc == 0)
			ui_message(v->app, "%s tham gia lại biểu quyết hồ sơ này.", who);
		return member_wrote(mv, rc, "Chưa ghi", false);
	}
	case CA_RECUSE_WHY:
		return ui_form_push(v->app,
		                    ui_council_note_form(v->app, UI_COUNCIL_NOTE_RECUSAL, ci->item->meta.id,
		                                         login, config_person_name(ctx->cfg, login),
		                                         council_note_of(&ci->item->recuse_reasons, login)));
	case CA_OPINION:
		return ui_form_push(
		    v->app, ui_council_note_form(v->app, UI_COUNCIL_NOTE_OPINION, mv->cv.session_id, login,
		                                 config_person_name(ctx->cfg, login),
		                                 council_note_of(&mv->cv.m.session->opinions, login)));
	case CA_CLOSE_ITEM: {
		bool closed;
		unsigned r = ui_council_close_now(v, ci, NULL, &closed);
		if (!closed)
			return r;
		member_load(mv);
		ci = member_item(mv);
		if (ci)
			ui_council_say_closed(v->app, ci);
		return UI_R_RELOAD | UI_R_DRAW;
	}
	case CA_REOPEN: ui_council_reopen(v->app, mv->cv.m.session, ci); return UI_R_DRAW;
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
	if (!mv->cv.loaded) {
		ui_put(w, 1, 1, "Không đọc được phiên họp này.", cols - 2);
		return;
	}
	const dh_session *se = mv->cv.m.session;
	ui_council_item *ci = member_item(mv);
	char line[400];
	int head;
	if (!mv->item_id) {
		ui_council_session_heading(se, line, sizeof(line));
		wattrset(w, ui_style(UI_S_TITLE));
		ui_putf(w, 0, 1, cols - 2, "Điểm danh · %s", line);
		ui_council_draw_quorum(w, 1, cfg, se, cols);
		wattrset(w, ui_style(UI_S_DIM));
		ui_put(w, 2, 1,
		       ui_council_view_live(&mv->cv) && wf_may(v->ctx, DH_ACT_RECORD_ATTENDANCE)
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
		ui_putf(w, 0, 1, cols - 2, "%s · %s · %s", ui_council_cand_name(ci),
		        cand ? config_department_name(cfg, cand->department) : "",
		        cand ? kind_label(cand->kind) : "");
		ui_council_draw_quorum(w, 1, cfg, se, cols);
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
		ui_put_cell(w, y, 1, config_person_name(cfg, m->login), wname, false);
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
			if (!text && ui_council_view_live(&mv->cv) &&
			    wf_may(v->ctx, DH_ACT_RECORD_ATTENDANCE))
				text = "chưa ghi nội dung (n để ghi)", label = "Ý kiến bằng văn bản";
		} else if (mv->item_id && ci && council_is_recused(ci->item, login)) {
			text = council_note_of(&ci->item->recuse_reasons, login);
			label = "Lý do không tham gia";
			if (!text)
				text =
				    ci->item->closed ? "theo quy chế" : "theo quy chế (l để ghi lý do khác)";
		}
		if (text) {
			char note[600];
			snprintf(note, sizeof(note), "%s — %s: %s", config_person_name(cfg, login), label,
			         text);
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

/* The session, and the agenda item (0: the roll call), a member view is of. */
typedef struct member_of {
	uint64_t session_id, item_id;
} member_of;

static int member_start(ui_view *v, const void *arg)
{
	member_view *mv = (member_view *)v;
	const member_of *of = arg;
	mv->cv.session_id = of->session_id;
	mv->item_id = of->item_id;
	snprintf(mv->cv.title, sizeof(mv->cv.title), "%s", of->item_id ? "Biểu quyết" : "Điểm danh");
	member_load(mv);
	return 0;
}

static const ui_view_ops att_ops = {
    .size = sizeof(member_view),
    .start = member_start,
    .bindings = att_keys,
    .title = ui_council_view_title,
    .draw = member_draw,
    .key = member_key,
    .offers = member_offers,
    .reload = member_view_reload,
    .destroy = ui_council_view_destroy,
};

static const ui_view_ops item_ops = {
    .size = sizeof(member_view),
    .start = member_start,
    .bindings = item_keys,
    .title = ui_council_view_title,
    .draw = member_draw,
    .key = member_key,
    .offers = member_offers,
    .reload = member_view_reload,
    .destroy = ui_council_view_destroy,
};

ui_view *ui_council_attendance_open(ui_app *app, uint64_t session_id)
{
	const member_of of = {session_id, 0};
	return ui_view_open(app, &att_ops, &of);
}

ui_view *ui_council_votes_open(ui_app *app, uint64_t session_id, uint64_t item_id)
{
	const member_of of = {session_id, item_id};
	return ui_view_open(app, &item_ops, &of);
}
