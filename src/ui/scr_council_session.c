/* scr_council_session.c — one council session in the secretary's session
 * mode: one row per nominee with its counts and result, the quorum and
 * the rule above, the nominee under the cursor in full below.
 *
 * The session mode is the moment that must not go wrong, with the council
 * watching: with a secret vote the digits typed go straight into the
 * focused count of the row being typed (marked ▶, the cell in brackets),
 * where the secretary sees them; Tab moves across the row's three counts
 * and never off the row, Enter writes the three together, and leaving a
 * row with counts not written asks first. Every other session (and the
 * projector) sees "•" until the item is closed; closing with fewer votes
 * than voters asks the reason for the minutes, with more is refused. With
 * an open vote each member's a/d/b is written at once (the members' view)
 * and the result, with its reason in words, follows at every key. The
 * secretary's cursor is published (the session's current_item) for the
 * projector to follow. Every write goes through the workflow (roles,
 * locks, audit); nothing is held between keys. */
#include "scr_council_internal.h"

#include "dienhinh/date.h"
#include "dienhinh/error.h"
#include "dienhinh/record.h"
#include "dienhinh/repo.h"
#include "dienhinh/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SESS_HEAD  5 /* title and progress, quorum, rule, column titles on two rows */
#define SESS_FOOT  3 /* the selected nominee, recusals, the result in words */
#define SESS_COUNT 3 /* agree, disagree, abstain */

typedef struct sess_view {
	ui_council_view cv;
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
	ui_cursor cursor;     /* on the count being typed */
} sess_view;

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
    {UI_A_DOCUMENT, UI_DOC_KEYS, NULL, UI_COUNCIL_DOC_HELP, false},
    {CA_PROJECTOR,
     "P",
     {'P'},
     "Trình chiếu",
     "Màn hình trình chiếu (chỉ xem): hồ sơ thư ký đang chọn, chữ lớn, kết quả khi chốt",
     false},
    {UI_A_EDIT, "e", {'e'}, "Sửa phiên", "Sửa ngày, tên, ghi chú của phiên họp", true},
    {UI_A_DELETE, "x", {'x'}, "Bỏ khỏi CT", "Bỏ hồ sơ chưa chốt khỏi chương trình (có lưu vết)", true},
    UI_COUNCIL_ROW_BINDINGS,
    {0},
};

static ui_council_item *sess_item(sess_view *s)
{
	if (s->row < 0 || (size_t)s->row >= s->cv.m.n)
		return NULL;
	return &s->cv.m.items[s->row];
}

static bool sess_secret(sess_view *s)
{
	return s->cv.loaded && s->cv.m.session->method == DH_VOTE_SECRET;
}

/* The secretary may type counts here: an open secret-vote session. */
static bool sess_counting(sess_view *s)
{
	return ui_council_view_live(&s->cv) && sess_secret(s) && s->cv.m.n > 0 &&
	       wf_may(s->cv.base.ctx, DH_ACT_RECORD_VOTES);
}

static void sess_clamp(sess_view *s)
{
	if (s->cv.m.n == 0) {
		s->row = 0;
		return;
	}
	if (s->row < 0)
		s->row = 0;
	if ((size_t)s->row >= s->cv.m.n)
		s->row = (int)s->cv.m.n - 1;
	if (s->col < 0)
		s->col = 0;
	if (s->col >= SESS_COUNT)
		s->col = SESS_COUNT - 1;
}

static void sess_after_close(sess_view *s, uint64_t id);

static void sess_load(sess_view *s)
{
	ui_council_item *ci = s->cv.loaded ? sess_item(s) : NULL;
	uint64_t keep = ci ? ci->item->meta.id : 0;
	ui_council_view_read(&s->cv, "Phiên họp ngày ");
	int at = keep ? ui_council_find(&s->cv.m, keep) : -1;
	if (at >= 0)
		s->row = at;
	sess_clamp(s);
	if (s->closed_item && s->cv.loaded) {
		uint64_t id = s->closed_item;
		s->closed_item = 0;
		sess_after_close(s, id);
	}
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
	dh_ctx *ctx = s->cv.base.ctx;
	ctx->message[0] = '\0';
	int rc = wf_vote_counts(ctx, s->pend_item, s->pend[0], s->pend[1], s->pend[2]);
	if (rc) {
		ui_council_say_failed(&s->cv.base, "Chưa ghi số phiếu", rc);
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
	         ci ? ui_council_cand_name(ci) : "", s->pend[0], s->pend[1], s->pend[2]);
	int k = ui_ask(s->cv.base.app, q, "gb");
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
	if (!ui_council_view_live(&s->cv) || !wf_may(s->cv.base.ctx, DH_ACT_RECORD_VOTES))
		return;
	ui_council_item *ci = sess_item(s);
	uint64_t id = ci ? ci->item->meta.id : 0;
	if (s->cv.m.session->current_item == id)
		return;
	dh_ctx *ctx = s->cv.base.ctx;
	if (wf_session_cursor(ctx, s->cv.session_id, id) == 0)
		s->cv.m.session->current_item = id;
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
		ui_message(s->cv.base.app, "Vẫn dòng «%s»: Enter để ghi ba số, ↓ sang hồ sơ sau.",
		           ci ? ui_council_cand_name(ci) : "");
	}
	s->col = col;
}

/* The first item still open after AT (round the agenda), or AT. */
static int sess_next_open(sess_view *s, int at)
{
	for (size_t k = 1; k < s->cv.m.n; k++) {
		size_t r = ((size_t)at + k) % s->cv.m.n;
		if (!s->cv.m.items[r].item->closed)
			return (int)r;
	}
	return at;
}

/* Item ID was just closed: say its result, move on to the next one open. */
static void sess_after_close(sess_view *s, uint64_t id)
{
	int at = ui_council_find(&s->cv.m, id);
	if (at < 0)
		return;
	ui_council_say_closed(s->cv.base.app, &s->cv.m.items[at]);
	s->row = sess_next_open(s, at);
	s->col = 0;
	sess_publish(s);
}

void ui_council_session_closed(ui_view *v, uint64_t item_id)
{
	((sess_view *)v)->closed_item = item_id;
}

/* Why a count cannot be typed on the current row, or NULL. */
static const char *sess_locked_why(sess_view *s, char *buf, size_t size)
{
	ui_council_item *ci = sess_item(s);
	if (!ci)
		return "Chưa có hồ sơ nào trong chương trình.";
	return ui_council_closed_why(ci, buf, size);
}

/* Agenda items not closed yet: the session cannot end while any is. */
static size_t sess_open_items(sess_view *s)
{
	size_t open = 0;
	for (size_t i = 0; i < s->cv.m.n; i++)
		if (!s->cv.m.items[i].item->closed)
			open++;
	return open;
}

static bool sess_offers(ui_view *v, int action)
{
	sess_view *s = (sess_view *)v;
	dh_ctx *ctx = v->ctx;
	ui_council_item *ci = sess_item(s);
	bool live = ui_council_view_live(&s->cv);
	switch (action) {
	case CA_DIGITS:
	case CA_NEXT:
	case CA_PREV:
	case CA_SAVE_ROW:
	case CA_ERASE:
	case CA_LEFT:
	case CA_RIGHT: return sess_counting(s);
	case CA_PROJECTOR: return s->cv.loaded;
	case CA_MEMBERS: return ci != NULL && sess_secret(s);
	case UI_A_OPEN: return ci != NULL && !sess_secret(s);
	case CA_CLOSE_ITEM: return live && ci && !ci->item->closed && wf_may(ctx, DH_ACT_CLOSE_ITEM);
	case CA_ATTEND: return s->cv.loaded;
	case UI_A_ADD: return live && wf_may(ctx, DH_ACT_MANAGE_SESSION);
	case CA_REOPEN:
		if (!s->cv.loaded || s->cv.m.session->meta.deleted || !wf_may(ctx, DH_ACT_REOPEN_ITEM))
			return false;
		return s->cv.m.session->closed || (ci && ci->item->closed);
	case CA_CLOSE_SESSION:
		return live && s->cv.m.n > 0 && sess_open_items(s) == 0 && wf_may(ctx, DH_ACT_MANAGE_SESSION);
	case UI_A_EDIT: return live && wf_may(ctx, DH_ACT_MANAGE_SESSION);
	case UI_A_DELETE: return live && ci && !ci->item->closed && wf_may(ctx, DH_ACT_DELETE);
	case UI_A_DOCUMENT: return s->cv.loaded && ui_document_may(v->app);
	case UI_A_DOWN:
	case UI_A_UP:
	case UI_A_HOME:
	case UI_A_END: return s->cv.m.n > 0;
	case CA_BACK: return true;
	}
	return true;
}

static unsigned sess_add_items(sess_view *s)
{
	ui_view *v = &s->cv.base;
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
			         config_department_name(ctx->cfg, c->department), kind_label(c->kind));
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
			rc = wf_item_add(ctx, s->cv.session_id, ids.v[i], &id);
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
		int at = ui_council_find(&s->cv.m, first_added);
		if (at >= 0)
			s->row = at;
		s->col = 0;
	}
	if (rc)
		ui_council_say_failed(v, added ? "Đã thêm một phần, dừng lại" : "Chưa thêm", rc);
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
	unsigned r = ui_council_close_now(&s->cv.base, ci, ui_council_session_closed, &closed);
	if (closed) {
		sess_load(s);
		sess_after_close(s, id);
	}
	return r;
}

/* A key this person is not offered here: who may, or why not now. */
static unsigned sess_refuse(sess_view *s, int key)
{
	ui_view *v = &s->cv.base;
	char why[300];
	const char *closed = s->cv.loaded && s->cv.m.session->closed ? "Phiên họp đã kết thúc." : NULL;
	if (key == '0' || key == '9' || key == UI_K(KEY_BACKSPACE)) {
		if (s->cv.loaded && !sess_secret(s) && wf_may(v->ctx, DH_ACT_RECORD_VOTES))
			ui_error(v->app, "Biểu quyết công khai: Enter để ghi phiếu của từng thành viên.");
		else
			ui_council_say_refused(v, DH_ACT_RECORD_VOTES, closed);
	} else if (key == 'c') {
		ui_council_say_refused(v, DH_ACT_CLOSE_ITEM,
		                       closed ? closed : sess_locked_why(s, why, sizeof(why)));
	} else if (key == 'm') {
		ui_council_say_refused(v, DH_ACT_REOPEN_ITEM,
		                       "Hồ sơ này chưa chốt kết quả: không có gì để mở lại.");
	} else if (key == 'a' || key == 't' || key == 'e') {
		ui_council_say_refused(v, DH_ACT_MANAGE_SESSION, closed);
	} else if (key == 'x') {
		ui_council_say_refused(v, DH_ACT_DELETE,
		                       closed ? closed : sess_locked_why(s, why, sizeof(why)));
	} else {
		return UI_R_NONE;
	}
	return UI_R_DRAW;
}

/* The keys that type the counts of the row: refused on a locked row. */
static unsigned sess_count_key(sess_view *s, int action, int key)
{
	ui_view *v = &s->cv.base;
	char why[300];
	const char *locked = sess_locked_why(s, why, sizeof(why));
	if (locked) {
		ui_error(v->app, "%s", locked);
		return UI_R_DRAW;
	}
	switch (action) {
	case CA_DIGITS:
		if (ui_council_entry_digit(&s->entry, key - '0') != 0)
			ui_error(v->app, "Số phiếu tối đa %d chữ số.", UI_COUNCIL_DIGITS);
		return UI_R_DRAW;
	case CA_ERASE: ui_council_entry_backspace(&s->entry); return UI_R_DRAW;
	case CA_NEXT:
	case CA_PREV:
		/* Inside the row: keep what was typed, write it with Enter. */
		sess_take_entry(s);
		sess_next_cell(s, action == CA_NEXT ? 1 : -1);
		return UI_R_DRAW;
	}
	/* CA_SAVE_ROW */
	bool typed = s->entry.editing || sess_pending(s);
	if (!sess_commit(s))
		return UI_R_DRAW;
	/* Enter stays on the nominee, so that the `c` that follows closes
	 * this one and no other. */
	s->col = 0;
	ui_council_item *ci = sess_item(s);
	if (ci && !ci->item->closed && wf_may(v->ctx, DH_ACT_CLOSE_ITEM))
		ui_message(v->app, "%s%d/%d phiếu. Bấm c để chốt kết quả «%s», ↓ sang hồ sơ sau.",
		           typed ? "Đã ghi " : "", ci->tally.cast, ci->tally.voters,
		           ui_council_cand_name(ci));
	else if (ci)
		ui_message(v->app, "%s%d/%d phiếu của «%s».", typed ? "Đã ghi " : "", ci->tally.cast,
		           ci->tally.voters, ui_council_cand_name(ci));
	return UI_R_RELOAD | UI_R_DRAW;
}

static unsigned sess_key_do(sess_view *s, int action, int key);

static unsigned sess_key(ui_view *v, int action, int key)
{
	sess_view *s = (sess_view *)v;
	unsigned r = sess_key_do(s, action, key);
	/* Wherever the cursor ended up, the projector follows. */
	if (s->cv.loaded && !(r & UI_R_POP))
		sess_publish(s);
	return r;
}

/* Keys that take the cursor off the row, or the secretary off the
 * session mode: counts typed and not written are asked about first. */
static bool sess_leaves_row(int action)
{
	switch (action) {
	case UI_A_UP:
	case UI_A_DOWN:
	case UI_A_HOME:
	case UI_A_END:
	case CA_BACK:
	case CA_PROJECTOR:
	case CA_ATTEND:
	case CA_MEMBERS:
	case UI_A_OPEN:
	case UI_A_ADD:
	case UI_A_DOCUMENT: /* the draft minutes show the counts just typed */
	case CA_CLOSE_SESSION:
	case UI_A_EDIT: return true;
	}
	return false;
}

static unsigned sess_key_do(sess_view *s, int action, int key)
{
	ui_view *v = &s->cv.base;
	if (!s->cv.loaded)
		return action == CA_BACK ? UI_R_POP : UI_R_NONE;
	if (action == UI_A_NONE && key == '0' && sess_counting(s))
		action = CA_DIGITS;
	if (action == UI_A_NONE && key == 't' && ui_council_view_live(&s->cv) && sess_open_items(s) &&
	    wf_may(v->ctx, DH_ACT_MANAGE_SESSION)) {
		ui_error(v->app, "Còn %zu mục chưa chốt kết quả: chốt hết rồi mới kết thúc phiên họp.",
		         sess_open_items(s));
		return UI_R_DRAW;
	}
	if (action == CA_BACK && key == UI_ESC && (s->entry.editing || sess_pending(s))) {
		sess_discard(s);
		ui_message(v->app, "Đã bỏ các số chưa ghi của hồ sơ này.");
		return UI_R_DRAW;
	}
	if (sess_leaves_row(action) && !sess_leave_row(s))
		return UI_R_DRAW;
	ui_council_item *ci = sess_item(s);
	switch (action) {
	case CA_DIGITS:
	case CA_ERASE:
	case CA_NEXT:
	case CA_PREV:
	case CA_SAVE_ROW: return sess_count_key(s, action, key);
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
		/* A new row starts at its first count, as the ballots are read. */
		s->col = 0;
		if (action == UI_A_UP)
			s->row--;
		else if (action == UI_A_DOWN)
			s->row++;
		else if (action == UI_A_HOME)
			s->row = 0;
		else
			s->row = (int)s->cv.m.n - 1;
		sess_clamp(s);
		return UI_R_RELOAD | UI_R_DRAW;
	case CA_BACK: return UI_R_POP | UI_R_RELOAD;
	case CA_CLOSE_ITEM:
		/* `c` closes what was typed on this row: it is written first. */
		if (!sess_commit(s))
			return UI_R_DRAW;
		return sess_close_item(s);
	case CA_REOPEN:
		sess_discard(s);
		ui_council_reopen(v->app, s->cv.m.session, ci);
		return UI_R_DRAW;
	case CA_PROJECTOR:
		ui_council_push(v->app, ui_council_present_open(v->app, s->cv.session_id));
		return UI_R_DRAW;
	case CA_ATTEND:
		ui_council_push(v->app, ui_council_attendance_open(v->app, s->cv.session_id));
		return UI_R_RELOAD | UI_R_DRAW;
	case CA_MEMBERS:
	case UI_A_OPEN:
		if (ci)
			ui_council_push(v->app,
			                ui_council_votes_open(v->app, s->cv.session_id, ci->item->meta.id));
		return UI_R_RELOAD | UI_R_DRAW;
	case UI_A_ADD: return sess_add_items(s);
	case UI_A_DOCUMENT: return ui_council_session_document(v, s->cv.m.session, key) | UI_R_RELOAD;
	case CA_CLOSE_SESSION:
		if (!ui_confirm(v->app, "Kết thúc phiên họp? Sau đó không sửa được nữa."))
			return UI_R_DRAW;
		v->ctx->message[0] = '\0';
		ui_council_wrote(v, wf_session_close(v->ctx, s->cv.session_id), "Chưa kết thúc",
		                 "Đã kết thúc phiên họp.");
		sess_load(s);
		return UI_R_RELOAD | UI_R_DRAW;
	case UI_A_EDIT: return ui_form_push(v->app, ui_council_session_form(v->app, NULL, s->cv.m.session));
	case UI_A_DELETE: {
		sess_discard(s);
		if (!ci)
			return UI_R_DRAW;
		char q[300];
		snprintf(q, sizeof(q), "Bỏ «%s» khỏi chương trình bình xét? (vẫn lưu vết)",
		         ui_council_cand_name(ci));
		if (!ui_confirm(v->app, q))
			return UI_R_DRAW;
		v->ctx->message[0] = '\0';
		ui_council_wrote(
		    v, wf_delete(v->ctx, DH_R_VOTE_ITEM, ci->item->meta.id, "Bỏ khỏi chương trình bình xét"),
		    "Chưa bỏ", "Đã bỏ khỏi chương trình (có lưu vết).");
		sess_load(s);
		return UI_R_RELOAD | UI_R_DRAW;
	}
	case UI_A_NONE: return sess_refuse(s, key);
	}
	return UI_R_NONE;
}

static void sess_draw(ui_view *v, WINDOW *w)
{
	sess_view *s = (sess_view *)v;
	const dh_config *cfg = v->ctx->cfg;
	int rows = getmaxy(w), cols = getmaxx(w);
	s->cursor.shown = false;
	if (!s->cv.loaded) {
		ui_put(w, 1, 1, "Không đọc được phiên họp này.", cols - 2);
		return;
	}
	const dh_session *se = s->cv.m.session;
	char line[400], rule[300], progress[80];
	ui_council_session_heading(se, line, sizeof(line));
	/* The progress at the right of the title, whole; the title gives way. */
	ui_council_progress(&s->cv.m, progress, sizeof(progress));
	int pw = utf8_width(progress);
	wattrset(w, ui_style(UI_S_TITLE));
	ui_put_cut(w, 0, 1, line, cols - pw - 4, false);
	ui_put(w, 0, cols - 1 - pw, progress, pw);
	ui_council_draw_quorum(w, 1, cfg, se, cols);
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
	bool scrolls = s->cv.m.n > (size_t)body;
	if (scrolls)
		body--;
	if (body < 1)
		body = 1;
	if (s->cv.m.n == 0) {
		wattrset(w, ui_style(UI_S_DIM));
		ui_put(w, SESS_HEAD + 1, 2,
		       ui_council_view_live(&s->cv) && wf_may(v->ctx, DH_ACT_MANAGE_SESSION)
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
	for (int i = 0; i < body && (size_t)(s->top + i) < s->cv.m.n; i++) {
		int r = s->top + i, y = SESS_HEAD + i;
		const ui_council_item *ci = &s->cv.m.items[r];
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
		ui_put_cut(w, y, xname, ui_council_cand_name(ci), wname, false);
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
			if (focus)
				ui_cursor_at(&s->cursor, y, xc[k] + count_widths[k] - 1);
		}
		wattrset(w, sel ? base : ui_style(rstyle));
		ui_put_cell(w, y, xr, result, RESULT_WIDTH, false);
		wattrset(w, A_NORMAL);
	}
	if (scrolls) {
		wattrset(w, ui_style(UI_S_DIM));
		ui_putf(w, SESS_HEAD + body, cols - 12, 11, " %d/%zu ", s->row + 1, s->cv.m.n);
		wattrset(w, A_NORMAL);
	}

	/* The nominee under the cursor, in full. */
	const ui_council_item *ci = sess_item(s);
	if (!ci)
		return;
	int y = rows - SESS_FOOT;
	const dh_candidate *c = ci->candidate;
	wattrset(w, A_BOLD);
	ui_putf(w, y, 1, cols - 2, "%s · %s · %s", ui_council_cand_name(ci),
	        c ? config_department_name(cfg, c->department) : "", c ? kind_label(c->kind) : "");
	wattrset(w, A_NORMAL);
	if (ci->item->reopen_reason && !ci->item->closed) {
		/* Reopened: why, first; the recusals after it when there are any. */
		size_t o = (size_t)snprintf(line, sizeof(line), "Đã mở lại: %s", ci->item->reopen_reason);
		if (ci->item->recused.n && o < sizeof(line)) {
			snprintf(line + o, sizeof(line) - o, " · ");
			o = strlen(line);
			ui_council_recusal_text(cfg, ci->item, line + o, sizeof(line) - o);
		}
	} else {
		ui_council_recusal_text(cfg, ci->item, line, sizeof(line));
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
	return ui_cursor_get(&((sess_view *)v)->cursor, y, x);
}

static void sess_view_reload(ui_view *v)
{
	sess_load((sess_view *)v);
}

/* An open session on screen: one key must not close the program on it
 * (the counts being typed, the room waiting on the secretary). */
static bool sess_unsaved(ui_view *v, char *what, size_t size)
{
	sess_view *s = (sess_view *)v;
	if (!s->cv.loaded || !s->cv.m.session || s->cv.m.session->closed)
		return false;
	if (sess_pending(s))
		snprintf(what, size, "Phiên họp Hội đồng đang mở, có số phiếu đang gõ chưa ghi");
	else
		snprintf(what, size, "Phiên họp Hội đồng đang mở");
	return true;
}

static int sess_start(ui_view *v, const void *arg)
{
	sess_view *s = (sess_view *)v;
	s->cv.session_id = *(const uint64_t *)arg;
	snprintf(s->cv.title, sizeof(s->cv.title), "Phiên họp");
	sess_load(s);
	/* Start on the first nominee still waiting for a result. */
	for (size_t i = 0; i < s->cv.m.n; i++)
		if (!s->cv.m.items[i].item->closed) {
			s->row = (int)i;
			break;
		}
	sess_publish(s);
	return 0;
}

static const ui_view_ops sess_ops = {
    .size = sizeof(sess_view),
    .start = sess_start,
    .bindings = sess_keys,
    .title = ui_council_view_title,
    .draw = sess_draw,
    .key = sess_key,
    .offers = sess_offers,
    .reload = sess_view_reload,
    .unsaved = sess_unsaved,
    .cursor = sess_cursor,
    .destroy = ui_council_view_destroy,
};

ui_view *ui_council_session_open(ui_app *app, uint64_t session_id)
{
	return ui_view_open(app, &sess_ops, &session_id);
}
