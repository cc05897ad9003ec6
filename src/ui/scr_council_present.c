/* scr_council_present.c — the projector view of a council session: what
 * the room reads from the wall while the secretary types. Read-only: the
 * session's heading and quorum, the nominee the secretary's cursor is on
 * (the session's current_item, written by her session) in large type,
 * the rule, and once the item is closed its result. With a secret ballot
 * nothing of the count shows before the item is closed. It follows other
 * sessions through the shell's store-generation poll (within 250 ms).
 *
 * `dienhinh present [SESSION]` runs it alone (ui_present, through the shell's ui_run_alone); P in the
 * session mode pushes it over the secretary's own screen. */
#include "scr_council_internal.h"

#include "dienhinh/date.h"
#include "dienhinh/error.h"
#include "dienhinh/record.h"
#include "dienhinh/repo.h"
#include "dienhinh/ui.h"
#include "dienhinh/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { PA_BACK = UI_A__COUNT };

typedef struct present_view {
	ui_council_view cv;
	uint64_t fixed;       /* the session asked for; 0: the latest open one */
	uint64_t shown;       /* the item shown at the last load */
	bool shown_open;      /* ... and it was still open then */
	uint64_t just_closed; /* closed as the cursor left it: its result stays */
} present_view;

static const ui_binding present_keys[] = {
    {PA_BACK, "q", {'q', UI_ESC}, "Thoát", "Đóng màn hình trình chiếu (q hoặc Esc)", false},
    {0},
};

/* The session to show when none was named: the plan year's open session
 * held last (then the one made last); a closed one when none is open. */
typedef struct pick {
	int year;
	uint64_t id;
	int date;
	bool open;
} pick;

static int pick_visit(const void *rec, void *arg)
{
	const dh_session *s = rec;
	pick *p = arg;
	if (s->meta.deleted || s->year != p->year)
		return 0;
	bool open = !s->closed;
	bool better = !p->id || (open && !p->open) ||
	              (open == p->open && (s->date > p->date || (s->date == p->date && s->meta.id > p->id)));
	if (better) {
		p->id = s->meta.id;
		p->date = s->date;
		p->open = open;
	}
	return 0;
}

static const ui_council_item *present_item(present_view *pv, int *index);

/* Closing moves the secretary on to the next nominee at once: the result
 * of the one she left closed stays on the wall until she moves again. */
static void present_follow(present_view *pv)
{
	int at;
	const ui_council_item *ci = present_item(pv, &at);
	uint64_t id = ci ? ci->item->meta.id : 0;
	if (id != pv->shown) {
		int was = pv->shown ? ui_council_find(&pv->cv.m, pv->shown) : -1;
		pv->just_closed =
		    was >= 0 && pv->cv.m.items && pv->shown_open && pv->cv.m.items[was].item->closed
		        ? pv->shown
		        : 0;
	}
	pv->shown = id;
	pv->shown_open = ci && !ci->item->closed;
}

static void present_load(present_view *pv)
{
	dh_ctx *ctx = pv->cv.base.ctx;
	pv->cv.session_id = pv->fixed;
	if (!pv->fixed && ctx->store) {
		pick p = {.year = ctx->cfg->plan.year};
		repo_each(ctx->store, DH_R_SESSION, pick_visit, &p);
		pv->cv.session_id = p.id;
	}
	if (ui_council_view_read(&pv->cv, "Trình chiếu · phiên họp ngày "))
		present_follow(pv);
	else
		snprintf(pv->cv.title, sizeof(pv->cv.title), "Trình chiếu");
}

/* The item the secretary is on; the first still open before she chose. */
static const ui_council_item *present_item(present_view *pv, int *index)
{
	*index = -1;
	if (!pv->cv.loaded || pv->cv.m.n == 0)
		return NULL;
	int at =
	    pv->cv.m.session->current_item ? ui_council_find(&pv->cv.m, pv->cv.m.session->current_item) : -1;
	for (size_t i = 0; at < 0 && i < pv->cv.m.n; i++)
		if (!pv->cv.m.items[i].item->closed)
			at = (int)i;
	if (at < 0)
		at = 0;
	*index = at;
	return &pv->cv.m.items[at];
}

static void put_centred(WINDOW *w, int y, const char *text, int cols)
{
	int width = utf8_width(text);
	int x = width < cols ? (cols - width) / 2 : 0;
	ui_put(w, y, x, text, cols - x);
}

/* The nominee's name as large as it fits in ROWS × COLS from TOP: block
 * letters twice as large, then once, else the name itself in bold on
 * every other row of a reversed band. */
static void draw_name(WINDOW *w, int top, int rows, int cols, const char *name)
{
	if (rows <= 0)
		return;
	for (int scale = 2; scale >= 1; scale--) {
		ui_big b;
		if (ui_big_text(name, cols - 2, scale, &b) != 0)
			continue;
		if (b.n <= rows) {
			int y = top + (rows - b.n) / 2;
			int x = (cols - b.width) / 2;
			wattrset(w, ui_style(UI_S_TITLE) | A_BOLD);
			for (int i = 0; i < b.n; i++)
				ui_put(w, y + i, x < 0 ? 0 : x, b.rows[i], cols);
			wattrset(w, A_NORMAL);
			ui_big_free(&b);
			return;
		}
		ui_big_free(&b);
	}
	char *up = utf8_upper(name);
	int band = rows < 3 ? rows : 3;
	int y = top + (rows - band) / 2;
	wattrset(w, ui_style(UI_S_SELECTED) | A_BOLD);
	for (int i = 0; i < band; i++) {
		ui_put_cell(w, y + i, 0, "", cols, false);
		if (i == band / 2)
			put_centred(w, y + i, up ? up : name, cols);
	}
	wattrset(w, A_NORMAL);
	free(up);
}

/* What the room may know of the item now. */
static void result_line(const ui_council_item *ci, int method, char *buf, size_t size, int *style)
{
	const dh_tally *t = &ci->tally;
	if (ci->item->closed) {
		char words[240];
		ui_council_result_words(ci, words, sizeof(words));
		snprintf(buf, size, "Kết quả: %s", words);
		*style = ci->item->result == DH_RESULT_PASSED ? UI_S_OK : UI_S_ERROR;
		return;
	}
	*style = UI_S_NORMAL;
	if (!t->quorum) {
		snprintf(buf, size, "Chưa đủ số thành viên dự họp để biểu quyết");
		*style = UI_S_ERROR;
	} else if (method == DH_VOTE_SECRET) {
		snprintf(buf, size, "Bỏ phiếu kín — kết quả công bố khi chốt");
	} else if (t->cast == 0) {
		snprintf(buf, size, "Đang biểu quyết — cần %d/%d phiếu tán thành để đạt", t->needed, t->base);
	} else {
		snprintf(buf, size,
		         "Đang biểu quyết: tán thành %d · không tán thành %d · không biểu quyết %d", t->agree,
		         t->disagree, t->abstain);
	}
}

static void present_draw(ui_view *v, WINDOW *w)
{
	present_view *pv = (present_view *)v;
	const dh_config *cfg = v->ctx->cfg;
	const dh_council *c = &cfg->council;
	int rows = getmaxy(w), cols = getmaxx(w);
	char line[400];
	if (!pv->cv.loaded) {
		wattrset(w, A_BOLD);
		put_centred(w, rows / 2 - 1, c->name ? c->name : "Hội đồng thi đua, khen thưởng", cols);
		wattrset(w, A_NORMAL);
		put_centred(w, rows / 2 + 1,
		            pv->fixed ? "Không đọc được phiên họp này."
		                      : "Chưa có phiên họp Hội đồng nào trong năm.",
		            cols);
		return;
	}
	const dh_session *se = pv->cv.m.session;
	char day[11];
	snprintf(line, sizeof(line), "%s · %s", se->title ? se->title : "", date_vn(se->date, day));
	if (se->title && strstr(se->title, day))
		snprintf(line, sizeof(line), "%s", se->title);
	wattrset(w, A_BOLD);
	put_centred(w, 0, line, cols);
	char q[200];
	ui_council_quorum_text(c, pv->cv.m.present, q, sizeof(q));
	snprintf(line, sizeof(line), "%s · %s", ui_council_method_words(se->method), q);
	wattrset(w, ui_style(council_has_quorum(c, pv->cv.m.present) ? UI_S_OK : UI_S_ERROR));
	put_centred(w, 1, line, cols);
	wattrset(w, A_NORMAL);

	int at;
	const ui_council_item *ci = present_item(pv, &at);
	ui_council_rule_line(c, NULL, line, sizeof(line));
	wattrset(w, ui_style(UI_S_DIM));
	put_centred(w, rows - 1, line, cols);
	wattrset(w, A_NORMAL);
	if (!ci) {
		put_centred(w, rows / 2, "Chưa có hồ sơ nào trong chương trình bình xét.", cols);
		return;
	}
	const dh_candidate *cand = ci->candidate;
	const char *name = ui_council_cand_name(ci);
	const dh_department *d = cand && cand->department ? config_department(cfg, cand->department) : NULL;
	snprintf(line, sizeof(line), "Hồ sơ %d/%zu · %s%s%s", at + 1, pv->cv.m.n, name, d ? " · " : "",
	         d ? d->name : "");
	put_centred(w, 2, line, cols);

	/* From the bottom: the rule, the recusals, the result. */
	int y = rows - 2;
	if (ci->item->recused.n) {
		ui_council_recusal_text(cfg, ci->item, line, sizeof(line));
		put_centred(w, y, line, cols);
	}
	y--;
	int style;
	result_line(ci, se->method, line, sizeof(line), &style);
	attr_t a = ui_style(style) | A_BOLD;
	if (ci->item->closed)
		a |= A_REVERSE;
	wattrset(w, a);
	/* A closed result is a band across the screen, seen from the back. */
	if (ci->item->closed)
		ui_put_cell(w, y, 0, "", cols, false);
	char padded[420];
	snprintf(padded, sizeof(padded), " %s ", line);
	put_centred(w, y, padded, cols);
	wattrset(w, A_NORMAL);
	int done = pv->just_closed ? ui_council_find(&pv->cv.m, pv->just_closed) : -1;
	if (done >= 0 && done != at && pv->cv.m.items[done].item->closed) {
		const ui_council_item *di = &pv->cv.m.items[done];
		char words[240];
		ui_council_result_words(di, words, sizeof(words));
		snprintf(line, sizeof(line), "Vừa chốt «%s»: %s",
		         di->candidate && di->candidate->name ? di->candidate->name : "", words);
		wattrset(w, ui_style(di->item->result == DH_RESULT_PASSED ? UI_S_OK : UI_S_ERROR) | A_BOLD);
		put_centred(w, y - 1, line, cols);
		wattrset(w, A_NORMAL);
	}
	draw_name(w, 3, y - 3, cols, name);
}

static unsigned present_key(ui_view *v, int action, int key)
{
	(void)key;
	if (action == PA_BACK)
		return v->below ? UI_R_POP : UI_R_QUIT;
	return UI_R_NONE;
}

static void present_reload(ui_view *v)
{
	present_load((present_view *)v);
}

static int present_start(ui_view *v, const void *arg)
{
	present_view *pv = (present_view *)v;
	pv->fixed = *(const uint64_t *)arg;
	present_load(pv);
	return 0;
}

static const ui_view_ops present_ops = {
    .size = sizeof(present_view),
    .start = present_start,
    .bindings = present_keys,
    .title = ui_council_view_title,
    .draw = present_draw,
    .key = present_key,
    .reload = present_reload,
    .destroy = ui_council_view_destroy,
};

ui_view *ui_council_present_open(ui_app *app, uint64_t session_id)
{
	return ui_view_open(app, &present_ops, &session_id);
}

int ui_present(dh_ctx *ctx, uint64_t session_id)
{
	return ui_run_alone(ctx, ui_council_present_open, session_id);
}
