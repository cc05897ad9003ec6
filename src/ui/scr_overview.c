/* scr_overview.c — screen 1, Tổng quan: the plan, its deadlines with the
 * days left, this year's records per stage, and what waits for me.
 *
 * The counts are the store's counters (stats.h, counts.h): read whole when
 * the screen opens and when the store changes, a short range of keys at
 * any size, so the first frame has them. */
#include "dienhinh/ui_app.h"
#include "dienhinh/ui_page.h"

#include "dienhinh/date.h"
#include "dienhinh/error.h"
#include "dienhinh/milestone.h"
#include "dienhinh/plan_year.h"
#include "dienhinh/record.h"
#include "dienhinh/stats.h"
#include "dienhinh/utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "→ màn hình 3" with no-break spaces: a wrapped line never leaves the
 * number alone on the next row. */
#define ON_SCREEN(n)   "→\u00a0màn\u00a0hình\u00a0" #n
#define OVERVIEW_LINES 64

typedef struct overview_counts {
	long stage[DH_STAGE__COUNT]; /* this year, whole agency */
	long mine[DH_STAGE__COUNT];  /* this year, my department */
	long hold;
	long hold_mine;
	long total;
	long carried;   /* of an earlier year, still in this year's work (plan_year_carried) */
	long unchecked; /* registrations waiting for the Office's check */
} overview_counts;

typedef struct overview_view {
	ui_view base;
	overview_counts shown;
	bool counted; /* `shown` holds the counts (not when the store failed) */
	int cols;     /* body width at the last draw */
	int scroll;
	int lines, rows; /* lines and rows at the last draw, for the keys */
	/* The year shown (←/→): the plan's own, or a past one read with the
	 * plan the store kept for it (plan_year.h). */
	int year;
	dh_config *plan; /* owned: the stored plan of a year not config's; NULL: config or none */
	bool no_plan;    /* a year not config's that the store has no plan of */
} overview_view;

enum { OV_A_YEAR = UI_A__COUNT };

static const ui_binding overview_keys[] = {
    {UI_A_DOWN, "↓/j", {UI_K(KEY_DOWN), 'j'}, NULL, "Cuộn xuống", true},
    {UI_A_UP, "↑/k", {UI_K(KEY_UP), 'k'}, NULL, "Cuộn lên", true},
    {OV_A_YEAR,
     "←/→",
     {UI_K(KEY_LEFT), UI_K(KEY_RIGHT)},
     "Năm",
     "Xem năm trước / năm sau (thời hạn và quy định của năm ấy)",
     false},
    {0},
};

/* Show YEAR: config's own plan, or the one the store kept for it. */
static void overview_set_year(overview_view *o, int year)
{
	config_free(o->plan);
	o->plan = NULL;
	o->year = year;
	o->no_plan = false;
	o->counted = false;
	memset(&o->shown, 0, sizeof(o->shown));
	if (year == o->base.ctx->cfg->plan.year)
		return;
	o->no_plan = !o->base.ctx->store || plan_year_open(o->base.ctx->store, year, &o->plan) != 0;
}

/* The numbers of year Y (counters kept by the store: stats.h), read with
 * PLAN's departments and criteria when Y has a plan of its own. */
static bool overview_add_year(overview_view *o, int year, const dh_config *plan, bool carried_only)
{
	dh_ctx *ctx = o->base.ctx;
	dh_stats s;
	if (stats_compute(ctx->store, plan, year, &s) != 0)
		return false;
	overview_counts *c = &o->shown;
	const char *mine = ctx->person ? ctx->person->department : NULL;
	/* An earlier year's candidates still in this year's work
	 * (plan_year_carried): new factors and those being fostered, and its
	 * models recognised or awarded that are followed toward provincial
	 * level (screen 4). */
	for (int g = 0; g < DH_STAGE__COUNT; g++) {
		int n = s.by_stage[g];
		if (carried_only && g != DH_STAGE_NEW_FACTOR && g != DH_STAGE_FOSTERING)
			n = g == DH_STAGE_RECOGNISED || g == DH_STAGE_AWARDED ? s.provincial[g] : 0;
		c->stage[g] += n;
		c->total += n;
		if (carried_only)
			c->carried += n;
	}
	if (!carried_only) {
		c->hold += s.on_hold;
		c->unchecked += s.registrations_unchecked;
	}
	for (size_t i = 0; mine && i < s.n_depts; i++) {
		const dh_stats_dept *d = &s.depts[i];
		if (strcmp(d->id, mine) != 0)
			continue;
		for (int k = 0; k < DH_CANDIDATE_KINDS; k++)
			for (int g = 0; g < DH_STAGE__COUNT; g++)
				if (!carried_only || g == DH_STAGE_NEW_FACTOR || g == DH_STAGE_FOSTERING)
					c->mine[g] += d->count[k][g];
		if (!carried_only)
			c->hold_mine += d->on_hold;
	}
	stats_free(&s);
	return true;
}

/* How far back an earlier year's unfinished work is looked for. */
enum { OVERVIEW_CARRY_YEARS = 20 };

static void overview_count(overview_view *o)
{
	dh_ctx *ctx = o->base.ctx;
	memset(&o->shown, 0, sizeof(o->shown));
	o->counted = false;
	if (!ctx->store || o->no_plan)
		return;
	const dh_config *plan = o->plan ? o->plan : ctx->cfg;
	if (!overview_add_year(o, o->year, plan, false))
		return;
	if (o->year == ctx->cfg->plan.year)
		for (int y = o->year - 1; y >= o->year - OVERVIEW_CARRY_YEARS; y--)
			if (!overview_add_year(o, y, NULL, true))
				return;
	o->counted = true;
}

typedef struct overview_line {
	int style;
	char text[240];
} overview_line;

typedef struct overview_page {
	overview_line line[OVERVIEW_LINES];
	int n;
} overview_page;

static void page_add(overview_page *p, int style, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void page_add(overview_page *p, int style, const char *fmt, ...)
{
	if (p->n >= OVERVIEW_LINES)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(p->line[p->n].text, sizeof(p->line[p->n].text), fmt, ap);
	va_end(ap);
	p->line[p->n].style = style;
	p->n++;
}

/* PREFIX then TEXT, wrapped at spaces to COLS columns; the lines after
 * the first start under TEXT, so a long deadline label stays whole. */
static void page_add_wrapped(overview_page *p, int style, const char *prefix, const char *text, int cols)
{
	int indent = utf8_width(prefix);
	int room = cols - indent;
	if (room < 10)
		room = 10;
	bool first = true;
	do {
		size_t n = ui_wrap_next(text, room);
		page_add(p, style, "%*s%s%.*s", first ? 0 : indent, "", first ? prefix : "", (int)n, text);
		first = false;
		text += n;
		while (*text == ' ')
			text++;
	} while (*text);
}

/* "  • " and a line of what waits, wrapped under itself at COLS. */
static void page_bullet(overview_page *p, int style, int cols, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void page_bullet(overview_page *p, int style, int cols, const char *fmt, ...)
{
	char text[240];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	page_add_wrapped(p, style, "  • ", text, cols);
}

/* Whole agency for the Office and the leadership, else my department. */
static bool overview_agency_wide(const dh_ctx *ctx)
{
	return ctx->roles & (DH_ROLE_OFFICE | DH_ROLE_LEADER | DH_ROLE_CHIEF);
}

static void overview_waiting(overview_view *o, overview_page *p)
{
	dh_ctx *ctx = o->base.ctx;
	if (!ctx->person) {
		char text[240];
		snprintf(text, sizeof(text),
		         "Tài khoản «%s» chưa có trong cấu hình: chỉ được xem và tra cứu (phím /). Cần "
		         "nhập liệu: nhờ Văn phòng thêm tài khoản vào cấu hình.",
		         ctx->login);
		page_add_wrapped(p, UI_S_NORMAL, "  ", text, o->cols > 10 ? o->cols - 2 : 78);
		return;
	}
	if (o->year != ctx->cfg->plan.year) {
		char text[240];
		snprintf(
		    text, sizeof(text),
		    o->year < ctx->cfg->plan.year
		        ? "Năm %d đã qua: chỉ xem (chỉ được thu hồi quyết định, tạm dừng xét và theo dõi "
		          "lên cấp tỉnh). Kế hoạch đang dùng là năm %d."
		        : "Năm %d chưa bắt đầu: kế hoạch đang dùng là năm %d.",
		    o->year, ctx->cfg->plan.year);
		page_add_wrapped(p, UI_S_NORMAL, "  ", text, o->cols > 10 ? o->cols - 2 : 78);
		return;
	}
	if (!o->counted) {
		page_add(p, UI_S_WARN, "  (không đọc được số hồ sơ)");
		return;
	}
	const overview_counts *c = &o->shown;
	bool wide = overview_agency_wide(ctx);
	const long *scope = wide ? c->stage : c->mine;
	const char *where = wide ? "" : " của phòng";
	int before = p->n;
	int width = o->cols > 10 ? o->cols - 2 : 78;
	char date[11];
	if (wf_may(ctx, DH_ACT_FOSTER) && scope[DH_STAGE_NEW_FACTOR])
		page_bullet(p, UI_S_NORMAL, width,
		            "%ld nhân tố mới%s chưa có ghi nhận bồi dưỡng " ON_SCREEN(2),
		            scope[DH_STAGE_NEW_FACTOR], where);
	if (wf_may(ctx, DH_ACT_NOMINATE) && scope[DH_STAGE_FOSTERING]) {
		const dh_deadline *d = config_deadline_closing(ctx->cfg, "nominate");
		if (d && d->date && ctx->today > d->date)
			page_bullet(p, UI_S_NORMAL, width,
			            "%ld hồ sơ%s đang bồi dưỡng (hạn đăng ký %s đã qua) " ON_SCREEN(3),
			            scope[DH_STAGE_FOSTERING], where, date_vn(d->date, date));
		else if (d && d->date)
			page_bullet(p, UI_S_NORMAL, width,
			            "%ld hồ sơ%s đang bồi dưỡng có thể đăng ký (hạn %s) " ON_SCREEN(3),
			            scope[DH_STAGE_FOSTERING], where, date_vn(d->date, date));
		else
			page_bullet(p, UI_S_NORMAL, width,
			            "%ld hồ sơ%s đang bồi dưỡng có thể đăng ký " ON_SCREEN(3),
			            scope[DH_STAGE_FOSTERING], where);
	}
	if (wf_may(ctx, DH_ACT_CHECK_REGISTRATION) && c->unchecked)
		page_bullet(p, UI_S_NORMAL, width, "%ld hồ sơ đăng ký chờ Văn phòng kiểm tra " ON_SCREEN(3),
		            c->unchecked);
	if ((wf_may(ctx, DH_ACT_RECORD_VOTES) || wf_may(ctx, DH_ACT_MANAGE_SESSION)) &&
	    c->stage[DH_STAGE_NOMINATED])
		page_bullet(p, UI_S_NORMAL, width, "%ld hồ sơ đã đăng ký chờ Hội đồng bình xét " ON_SCREEN(3),
		            c->stage[DH_STAGE_NOMINATED]);
	if (wf_may(ctx, DH_ACT_RECOGNISE) && c->stage[DH_STAGE_APPROVED])
		page_bullet(p, UI_S_NORMAL, width,
		            "%ld hồ sơ Hội đồng đã thông qua, chờ quyết định công nhận " ON_SCREEN(3),
		            c->stage[DH_STAGE_APPROVED]);
	if (wf_may(ctx, DH_ACT_AWARD) && c->stage[DH_STAGE_RECOGNISED])
		page_bullet(p, UI_S_NORMAL, width,
		            "%ld hồ sơ đã công nhận, chờ quyết định tặng Giấy khen " ON_SCREEN(4),
		            c->stage[DH_STAGE_RECOGNISED]);
	if (wf_may(ctx, DH_ACT_HOLD) && c->hold)
		page_bullet(p, UI_S_WARN, width, "%ld hồ sơ đang tạm dừng xét " ON_SCREEN(3), c->hold);
	if (p->n == before)
		page_add(p, UI_S_NORMAL, "  Không có việc nào đang chờ bạn.");
}

static void overview_build(overview_view *o, overview_page *p)
{
	dh_ctx *ctx = o->base.ctx;
	/* A past year's title, organisation and deadlines are its own. */
	const dh_config *cfg = o->plan ? o->plan : ctx->cfg;
	char date[11];
	if (o->no_plan) {
		page_add(p, UI_S_TITLE, "Năm %d", o->year);
		page_add(p, UI_S_NORMAL, "%s · năm %d · hôm nay %s",
		         ctx->cfg->organization.name ? ctx->cfg->organization.name : "", o->year,
		         date_vn(ctx->today, date));
		page_add(p, UI_S_TITLE, "Thời hạn");
		page_add_wrapped(p, UI_S_DIM, "  ",
		                 "(cơ sở dữ liệu chưa lưu kế hoạch của năm này: không có thời hạn để hiện)",
		                 o->cols > 10 ? o->cols - 2 : 78);
		page_add(p, UI_S_NORMAL, "%s", "");
		goto waiting;
	}
	/* The plan's title is long: wrapped at a space to the screen's width. */
	const char *title = cfg->plan.title ? cfg->plan.title : "Kế hoạch";
	while (*title) {
		size_t n = ui_wrap_next(title, o->cols > 10 ? o->cols - 2 : 78);
		page_add(p, UI_S_TITLE, "%.*s", (int)n, title);
		title += n;
		while (*title == ' ')
			title++;
	}
	page_add(p, UI_S_NORMAL, "%s · năm %d · hôm nay %s",
	         cfg->organization.name ? cfg->organization.name : "", o->year, date_vn(ctx->today, date));

	page_add(p, UI_S_TITLE, "Thời hạn");
	if (cfg->n_deadlines == 0)
		page_add(p, UI_S_DIM, "  (cấu hình chưa có thời hạn nào)");
	for (size_t i = 0; i < cfg->n_deadlines; i++) {
		const dh_deadline *d = &cfg->deadlines[i];
		/* A past milestone is done with what it produced, overdue only
		 * while the work it gates waits (milestone.h); until the count
		 * is in, a past one reads only "đã qua". */
		static const long none[DH_STAGE__COUNT];
		dh_milestone m;
		milestone_of(d, ctx->today, o->counted ? o->shown.stage : none, &m);
		int days = date_valid(d->date) && date_valid(ctx->today) ? date_diff(ctx->today, d->date) : 0;
		int style = m.overdue ? UI_S_WARN : m.past ? UI_S_DIM : days <= 7 ? UI_S_WARN : UI_S_NORMAL;
		char padded[80], prefix[120], label[400];
		snprintf(prefix, sizeof(prefix), "  %s  %s ", date_vn(d->date, date),
		         ui_pad(padded, sizeof(padded), m.status, 17));
		snprintf(label, sizeof(label), "%s%s%s%s", d->label ? d->label : d->id, m.note[0] ? " (" : "",
		         m.note, m.note[0] ? ")" : "");
		page_add_wrapped(p, style, prefix, label, o->cols > 10 ? o->cols - 2 : 78);
	}
	page_add(p, UI_S_NORMAL, "%s", "");

waiting:
	/* What waits for me comes before the counts: it is what this person
	 * acts on, and it stays in sight without scrolling at 80x24. */
	page_add(p, UI_S_TITLE, "Việc chờ tôi");
	overview_waiting(o, p);
	page_add(p, UI_S_NORMAL, "%s", "");

	char total[32];
	if (o->counted)
		page_add(p, UI_S_TITLE, "Hồ sơ năm %d theo bước: %s", o->year,
		         ui_format_money(o->shown.total, total, sizeof(total)));
	else
		page_add(p, UI_S_TITLE, "Hồ sơ năm %d theo bước (không đọc được)", o->year);
	const overview_counts *c = &o->shown;
	for (int s = 0; s < DH_STAGE__COUNT; s += 2) {
		char a[120], b[120] = "", n1[32], n2[32];
		ui_pad(a, sizeof(a), stage_label(s), 24);
		ui_format_money(c->stage[s], n1, sizeof(n1));
		if (s + 1 < DH_STAGE__COUNT) {
			char lab[100];
			snprintf(b, sizeof(b), "%s %9s", ui_pad(lab, sizeof(lab), stage_label(s + 1), 24),
			         ui_format_money(c->stage[s + 1], n2, sizeof(n2)));
		}
		page_add(p, UI_S_NORMAL, "  %s %9s      %s", a, n1, b);
	}
	if (c->carried)
		page_add(
		    p, UI_S_NORMAL,
		    "  Trong đó %ld hồ sơ của năm trước chuyển sang (đang bồi dưỡng, theo dõi lên cấp tỉnh)",
		    c->carried);
	if (c->hold)
		page_add(p, UI_S_WARN, "  Đang tạm dừng xét: %ld", c->hold);
}

static void overview_draw(ui_view *v, WINDOW *w)
{
	overview_view *o = (overview_view *)v;
	overview_page *p = malloc(sizeof(*p));
	if (!p)
		return;
	o->cols = getmaxx(w);
	p->n = 0;
	overview_build(o, p);
	int rows = getmaxy(w), cols = getmaxx(w);
	o->lines = p->n;
	o->rows = rows;
	ui_scroll_clamp(&o->scroll, p->n, rows);
	for (int y = 0; y < rows && o->scroll + y < p->n; y++) {
		const overview_line *l = &p->line[o->scroll + y];
		wattrset(w, ui_style(l->style));
		ui_put(w, y, 1, l->text, cols - 2);
	}
	/* More below: say so on the last row rather than hide it silently. */
	ui_scroll_more_below(w, o->scroll, p->n, rows, cols);
	wattrset(w, A_NORMAL);
	free(p);
}

static unsigned overview_key(ui_view *v, int action, int key)
{
	overview_view *o = (overview_view *)v;
	switch (action) {
	case UI_A_DOWN:
	case UI_A_UP: return ui_scroll_move(&o->scroll, o->lines, o->rows, action); /* the draw clamps */
	case OV_A_YEAR: {
		int year = o->year + (key == UI_K(KEY_LEFT) ? -1 : 1);
		if (year < 2000 || year > 2100)
			return UI_R_NONE;
		overview_set_year(o, year);
		o->scroll = 0;
		overview_count(o);
		return UI_R_DRAW;
	}
	}
	return UI_R_NONE;
}

static void overview_reload(ui_view *v)
{
	overview_count((overview_view *)v);
}

static void overview_destroy(ui_view *v)
{
	config_free(((overview_view *)v)->plan);
}

static int overview_start(ui_view *v, const void *arg)
{
	overview_view *o = (overview_view *)v;
	(void)arg;
	o->year = v->ctx->cfg->plan.year;
	overview_count(o);
	return 0;
}

const ui_view_ops ui_overview_view = {
    .size = sizeof(overview_view),
    .start = overview_start,
    .bindings = overview_keys,
    .draw = overview_draw,
    .key = overview_key,
    .reload = overview_reload,
    .destroy = overview_destroy,
};
