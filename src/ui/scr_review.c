/* scr_review.c — screen 5, Sơ kết, tổng kết (section II.4 of the plan):
 * the year's figures from stats.h — per stage, kind and department, the
 * department × kind × stage table that `dienhinh stats --format tsv`
 * prints, fostering given, replication done, registrations, council and
 * decisions — as tables and horizontal bar charts; the preliminary and
 * final reviews of the year with their notes; and the review report
 * written as Word or PDF into the documents folder (o / O).
 *
 * Two tabs (Tab): "Số liệu", a page that scrolls, and "Sơ kết, tổng kết",
 * a list. ←/→ change the year in both. The bars are Unicode blocks with
 * eighths where the terminal shows colour; with NO_COLOR or on a
 * monochrome terminal (TERM=vt100) they are '#' runs, and every bar has
 * its number beside it, so the chart never carries a figure alone. */
#include "dienhinh/ui_app.h"
#include "dienhinh/ui_page.h"

#include "dienhinh/buf.h"
#include "dienhinh/date.h"
#include "dienhinh/error.h"
#include "dienhinh/plan_year.h"
#include "dienhinh/record.h"
#include "dienhinh/repo.h"
#include "dienhinh/report.h"
#include "dienhinh/stats.h"
#include "dienhinh/ui_form.h"
#include "dienhinh/ui_list.h"
#include "dienhinh/ui_rows.h"
#include "dienhinh/ui_verbs.h"
#include "dienhinh/utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { REV_A_TAB = UI_A__COUNT, REV_A_YEAR };
enum { REV_TAB_FIGURES, REV_TAB_REVIEWS, REV_TABS };
static const char *const rev_tab_names[REV_TABS] = {"Số liệu", "Sơ kết, tổng kết"};

#define REV_LABEL_COLS 24 /* a bar's label */
#define REV_VALUE_COLS 6  /* a bar's number */

/* Short stage names for the department table (with a legend under it). */
static const char *const rev_stage_abbr[DH_STAGE__COUNT] = {"NTM", "BD", "ĐK", "HĐ", "KĐ", "CN", "KT"};

typedef enum rev_line_kind { REV_L_TEXT, REV_L_BAR } rev_line_kind;

/* One line of the figures page: text in a style, or a bar with its label
 * and number (the bar itself is drawn to the width of the terminal). */
typedef struct rev_line {
	rev_line_kind kind;
	int style;
	char text[320];
	long value, max;
} rev_line;

typedef struct rev_screen {
	ui_view base;
	int tab;
	int year;
	dh_stats stats;
	bool have_stats; /* stats holds a year's figures (not s->year's when reading it failed) */
	/* A past year's own plan (plan_year.h): its departments and rules
	 * name the figures; NULL for the config's year, or when the store
	 * kept none for that year. stats borrows names from it. */
	dh_config *plan;
	int plan_for; /* the year PLAN was looked up for (0: the config's) */
	rev_line *lines;
	int n_lines;
	size_t cap_lines;
	int scroll;
	int page_rows; /* rows the page had at the last draw */
	ui_list list;  /* the reviews of the year: its items */
} rev_screen;

static ui_form *rev_form_open(ui_app *app, const dh_review *r, int year);

/* --- helpers ---------------------------------------------------------------- */

/* Unicode blocks where colour is on; '#' where it is not (NO_COLOR, a vt100). */
static bool rev_fancy_bars(void)
{
	const char *nc = getenv("NO_COLOR");
	return has_colors() && !(nc && *nc);
}

static void rev_add(rev_screen *s, rev_line_kind kind, int style, long value, long max, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
static void rev_add(rev_screen *s, rev_line_kind kind, int style, long value, long max, const char *fmt, ...)
{
	if (buf_reserve(&s->lines, &s->cap_lines, (size_t)s->n_lines + 1, sizeof(*s->lines)))
		return;
	rev_line *l = &s->lines[s->n_lines++];
	l->kind = kind;
	l->style = style;
	l->value = value;
	l->max = max;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(l->text, sizeof(l->text), fmt, ap);
	va_end(ap);
}

#define rev_text(s, style, ...)     rev_add((s), REV_L_TEXT, (style), 0, 0, __VA_ARGS__)
#define rev_bar(s, value, max, ...) rev_add((s), REV_L_BAR, UI_S_NORMAL, (value), (max), __VA_ARGS__)

/* S right-aligned in COLS columns, into OUT: printf's %4s counts bytes. */
static const char *rev_right(char *out, size_t size, const char *s, int cols)
{
	int pad = cols - utf8_width(s);
	size_t o = 0;
	while (pad-- > 0 && o + 1 < size)
		out[o++] = ' ';
	snprintf(out + o, size - o, "%s", s);
	return out;
}

static long rev_max(const int *v, int n)
{
	long m = 0;
	for (int i = 0; i < n; i++)
		if (v[i] > m)
			m = v[i];
	return m;
}

/* --- the figures page -------------------------------------------------------- */

/* A department in COLS columns: its name when it fits, else its short
 * name from config, so Phòng Tiếp công dân and PCTN stay readable. */
static const char *rev_dept_label(const rev_screen *s, const char *id, const char *name, int cols)
{
	if (name && utf8_width(name) <= cols)
		return name;
	return config_department_short(s->plan ? s->plan : s->base.ctx->cfg, id);
}

static void rev_build_table(rev_screen *s)
{
	const dh_stats *st = &s->stats;
	char head[200], pad[96];
	int o = snprintf(head, sizeof(head), "  %s", ui_pad(pad, sizeof(pad), "Đơn vị / loại", 22));
	for (int g = 0; g < DH_STAGE__COUNT && o < (int)sizeof(head); g++)
		o += snprintf(head + o, sizeof(head) - (size_t)o, " %s",
		              rev_right(pad, sizeof(pad), rev_stage_abbr[g], 4));
	if (o < (int)sizeof(head))
		snprintf(head + o, sizeof(head) - (size_t)o, "  Tổng");
	rev_text(s, UI_S_TITLE, "Theo đơn vị, loại và bước");
	rev_text(s, UI_S_DIM, "%s", head);
	bool any = false;
	for (size_t i = 0; i < st->n_depts; i++) {
		const dh_stats_dept *d = &st->depts[i];
		if (!d->total)
			continue;
		any = true;
		for (int k = -1; k < DH_CANDIDATE_KINDS; k++) {
			int row[DH_STAGE__COUNT], total = 0;
			for (int g = 0; g < DH_STAGE__COUNT; g++) {
				row[g] = 0;
				for (int kk = 0; kk < DH_CANDIDATE_KINDS; kk++)
					if (k < 0 || kk == k)
						row[g] += d->count[kk][g];
				total += row[g];
			}
			if (k >= 0 && !total)
				continue;
			char line[320], name[120];
			if (k < 0)
				snprintf(name, sizeof(name), "%s", rev_dept_label(s, d->id, d->name, 22));
			else
				snprintf(name, sizeof(name), "  %s", kind_label(k));
			o = snprintf(line, sizeof(line), "  %s", ui_pad(pad, sizeof(pad), name, 22));
			for (int g = 0; g < DH_STAGE__COUNT && o < (int)sizeof(line); g++) {
				char num[16], cell[32];
				snprintf(num, sizeof(num), "%d", row[g]);
				o += snprintf(line + o, sizeof(line) - (size_t)o, " %s",
				              rev_right(cell, sizeof(cell), row[g] ? num : "·", 4));
			}
			if (o < (int)sizeof(line))
				snprintf(line + o, sizeof(line) - (size_t)o, "  %4d", total);
			rev_text(s, k < 0 ? UI_S_TITLE : UI_S_NORMAL, "%s", line);
		}
	}
	if (!any)
		rev_text(s, UI_S_DIM, "  (chưa có hồ sơ nào trong năm)");
	rev_text(s, UI_S_DIM, "  Ký hiệu:");
	for (int g = 0; g < DH_STAGE__COUNT; g += 2) {
		char a[16], b[64], c[16];
		ui_pad(a, sizeof(a), rev_stage_abbr[g], 3);
		if (g + 1 < DH_STAGE__COUNT)
			rev_text(s, UI_S_DIM, "    %s %s %s %s", a, ui_pad(b, sizeof(b), stage_label(g), 24),
			         ui_pad(c, sizeof(c), rev_stage_abbr[g + 1], 3), stage_label(g + 1));
		else
			rev_text(s, UI_S_DIM, "    %s %s", a, stage_label(g));
	}
}

static void rev_build(rev_screen *s)
{
	s->n_lines = 0;
	if (!s->have_stats || s->stats.year != s->year) {
		rev_text(s, UI_S_WARN, "Không đọc được số liệu năm %d.", s->year);
		return;
	}
	const dh_stats *st = &s->stats;
	char money[40], n1[32], n2[32];
	rev_text(s, UI_S_TITLE, "Số liệu năm %d: %s hồ sơ (%s %d, %s %d, %s %d)", st->year,
	         ui_format_money(st->candidates, n1, sizeof(n1)), kind_label(DH_KIND_INDIVIDUAL),
	         st->by_kind[DH_KIND_INDIVIDUAL], kind_label(DH_KIND_COLLECTIVE),
	         st->by_kind[DH_KIND_COLLECTIVE], kind_label(DH_KIND_MODEL), st->by_kind[DH_KIND_MODEL]);
	if (s->year != s->base.ctx->cfg->plan.year) {
		if (s->plan)
			rev_text(s, UI_S_NORMAL, "  Theo kế hoạch năm %d đã lưu: %s", s->year,
			         s->plan->plan.title ? s->plan->plan.title : "");
		else
			rev_text(s, UI_S_WARN,
			         "  Năm %d không có kế hoạch riêng đã lưu: đọc theo cấu hình đang dùng",
			         s->year);
	}
	if (st->on_hold)
		rev_text(s, UI_S_WARN, "  Đang tạm dừng xét: %d hồ sơ", st->on_hold);
	rev_text(s, UI_S_NORMAL, "  Đạt số tiêu chí của nhân tố mới: %d", st->meeting_new_factor_min);
	rev_text(s, UI_S_NORMAL, "%s", "");

	rev_text(s, UI_S_TITLE, "Theo bước");
	long m = rev_max(st->by_stage, DH_STAGE__COUNT);
	for (int g = 0; g < DH_STAGE__COUNT; g++)
		rev_bar(s, st->by_stage[g], m, "%s", stage_label(g));
	rev_text(s, UI_S_NORMAL, "%s", "");

	rev_text(s, UI_S_TITLE, "Theo loại");
	m = rev_max(st->by_kind, DH_CANDIDATE_KINDS);
	for (int k = 0; k < DH_CANDIDATE_KINDS; k++)
		rev_bar(s, st->by_kind[k], m, "%s", kind_label(k));
	rev_text(s, UI_S_NORMAL, "%s", "");

	rev_text(s, UI_S_TITLE, "Theo đơn vị (số hồ sơ)");
	m = 0;
	for (size_t i = 0; i < st->n_depts; i++)
		if (st->depts[i].total > m)
			m = st->depts[i].total;
	for (size_t i = 0; i < st->n_depts; i++)
		rev_bar(s, st->depts[i].total, m, "%s",
		        rev_dept_label(s, st->depts[i].id, st->depts[i].name, REV_LABEL_COLS));
	rev_text(s, UI_S_NORMAL, "%s", "");

	rev_build_table(s);
	rev_text(s, UI_S_NORMAL, "%s", "");

	rev_text(s, UI_S_TITLE, "Bồi dưỡng");
	m = rev_max(st->fostering, 3);
	for (int k = 0; k < 3; k++)
		rev_bar(s, st->fostering[k], m, "%s", fostering_kind_label(k));
	rev_text(s, UI_S_NORMAL, "  Tổng cộng %s lượt cho %s hồ sơ",
	         ui_format_money(st->fostering_total, n1, sizeof(n1)),
	         ui_format_money(st->fostered_candidates, n2, sizeof(n2)));
	rev_text(s, UI_S_NORMAL, "  Hỗ trợ vật chất: %s đồng",
	         ui_format_money(st->material_total, money, sizeof(money)));
	rev_text(s, UI_S_NORMAL, "%s", "");

	rev_text(s, UI_S_TITLE, "Nhân rộng");
	static const char *const activity_short[3] = {"Hội nghị, cuộc họp", "Trang thông tin điện tử",
	                                              "Hình thức khác"};
	m = rev_max(st->activities, 3);
	for (int k = 0; k < 3; k++)
		rev_bar(s, st->activities[k], m, "%s", activity_short[k]);
	rev_text(s, UI_S_NORMAL, "  Tổng cộng %s hoạt động, %s lượt người dự",
	         ui_format_money(st->activities_total, n1, sizeof(n1)),
	         ui_format_money(st->activity_attendees, n2, sizeof(n2)));
	rev_text(s, UI_S_NORMAL, "%s", "");

	rev_text(s, UI_S_TITLE, "Đăng ký, bình xét, quyết định");
	rev_text(s, UI_S_NORMAL, "  Đăng ký: %d (đã nộp %d, đã tiếp nhận %d, trả lại %d, rút %d)",
	         st->registrations_total, st->registrations[DH_REG_SUBMITTED],
	         st->registrations[DH_REG_ACCEPTED], st->registrations[DH_REG_RETURNED],
	         st->registrations[DH_REG_WITHDRAWN]);
	size_t configured = 0;
	for (size_t i = 0; i < st->n_depts; i++)
		configured += st->depts[i].name != NULL;
	rev_text(s, UI_S_NORMAL, "  Báo không có đăng ký: %d đơn vị · đã trả lời: %d/%zu đơn vị",
	         st->nil_returns, st->departments_answered, configured);
	rev_text(s, UI_S_NORMAL, "  Hội đồng: %d phiên họp; bình xét đạt %d, không đạt %d", st->sessions,
	         st->items_passed, st->items_failed);
	rev_text(s, UI_S_NORMAL, "  Quyết định: công nhận %d, tặng Giấy khen %d", st->recognition_decisions,
	         st->award_decisions);
	rev_text(s, UI_S_NORMAL, "%s", "");

	rev_text(s, UI_S_TITLE, "Sơ kết, tổng kết trong năm");
	int shown = 0;
	for (size_t i = 0; i < s->list.items.n; i++) {
		const dh_review *r = s->list.items.v[i];
		char date[11];
		if (r->meta.deleted)
			continue;
		const char *kind = review_kind_label(r->kind), *title = r->title ? r->title : "";
		/* "Sơ kết 6 tháng…" already says what it is. */
		if (strncmp(title, kind, strlen(kind)) == 0)
			rev_text(s, UI_S_NORMAL, "  %s  %s", date_vn(r->date, date), title);
		else
			rev_text(s, UI_S_NORMAL, "  %s  %s: %s", date_vn(r->date, date), kind, title);
		shown++;
	}
	if (!shown)
		rev_text(s, UI_S_DIM, "  Chưa có buổi sơ kết, tổng kết nào (Tab rồi a để ghi).");
}

/* Paint a bar line at Y: label, number, then the bar in what is left. */
static void rev_draw_bar(WINDOW *w, int y, int cols, const rev_line *l, bool fancy)
{
	char pad[160];
	ui_put(w, y, 3, ui_pad(pad, sizeof(pad), l->text, REV_LABEL_COLS), REV_LABEL_COLS);
	char num[24];
	ui_format_money(l->value, num, sizeof(num)); /* 1.201: grouped like every number on screen */
	ui_put_cell(w, y, 3 + REV_LABEL_COLS, num, REV_VALUE_COLS, true);
	int x = 3 + REV_LABEL_COLS + REV_VALUE_COLS + 1;
	int room = cols - x - 1;
	if (room <= 0 || l->max <= 0 || l->value <= 0)
		return;
	/* In eighths of a column, at least one eighth for any non-zero value. */
	long eighths = l->value * room * 8 / l->max;
	if (eighths < 1)
		eighths = 1;
	wmove(w, y, x);
	if (!fancy) {
		long n = (eighths + 7) / 8;
		for (long i = 0; i < n; i++)
			waddch(w, '#');
		return;
	}
	static const char *const part[8] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
	wattron(w, ui_style(UI_S_OK));
	for (long i = 0; i < eighths / 8; i++)
		waddstr(w, "█");
	if (eighths % 8)
		waddstr(w, part[eighths % 8]);
	wattroff(w, ui_style(UI_S_OK));
}

static void rev_draw_figures(rev_screen *s, WINDOW *w, int top, int rows, int cols)
{
	bool fancy = rev_fancy_bars();
	s->page_rows = rows;
	ui_scroll_clamp(&s->scroll, s->n_lines, rows);
	for (int r = 0; r < rows && s->scroll + r < s->n_lines; r++) {
		const rev_line *l = &s->lines[s->scroll + r];
		if (l->kind == REV_L_BAR) {
			rev_draw_bar(w, top + r, cols, l, fancy);
			continue;
		}
		wattrset(w, ui_style(l->style));
		ui_put_cut(w, top + r, 1, l->text, cols - 2, false);
		wattrset(w, A_NORMAL);
	}
}

/* --- the year's data ---------------------------------------------------------- */

static bool rev_of_year(const void *rec, const void *year)
{
	return ((const dh_review *)rec)->year == *(const int *)year;
}

static int rev_by_date(const void *a, const void *b)
{
	const dh_review *x = *(dh_review *const *)a, *y = *(dh_review *const *)b;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return x->meta.id < y->meta.id ? -1 : x->meta.id > y->meta.id;
}

static void rev_compute(rev_screen *s);

/* The reviews of the year (few), the list's ITEMS, and its figures (the
 * store's counters: a short read at any size), at once. */
static void rev_load(void *view, ui_items *items)
{
	rev_screen *s = view;
	dh_ctx *ctx = s->base.ctx;
	ui_items_read(items, ctx->store, rev_of_year, &s->year);
	if (items->n)
		qsort(items->v, items->n, sizeof(*items->v), rev_by_date);
	rev_compute(s);
}

/* The plan S->year is read under: that year's own when the store kept
 * it, else the config in use. Figures named from the old plan go with it. */
static const dh_config *rev_plan(rev_screen *s)
{
	dh_ctx *ctx = s->base.ctx;
	int want = ctx->store && s->year != ctx->cfg->plan.year ? s->year : 0;
	if (want != s->plan_for) {
		if (s->have_stats)
			stats_free(&s->stats);
		s->have_stats = false;
		config_free(s->plan);
		s->plan = NULL;
		/* Looked up once per year shown: a year without a kept plan is
		 * not read again at every reload. */
		s->plan_for = want;
		if (want && plan_year_open(ctx->store, want, &s->plan) != 0)
			s->plan = NULL;
	}
	return s->plan ? s->plan : ctx->cfg;
}

static void rev_compute(rev_screen *s)
{
	dh_ctx *ctx = s->base.ctx;
	dh_stats fresh;
	const dh_config *plan = rev_plan(s);
	if (!ctx->store || stats_compute(ctx->store, plan, s->year, &fresh) != 0) {
		ui_error(s->base.app, "Không tính được số liệu năm %d.", s->year);
	} else {
		if (s->have_stats)
			stats_free(&s->stats);
		s->stats = fresh;
		s->have_stats = true;
	}
	rev_build(s);
}

/* --- the reviews list ------------------------------------------------------------ */

static const ui_list_column rev_columns[] = {
    {"Ngày", 10, false},
    {"Loại", 8, false},
    {"Tên buổi", 0, false},
    {"Nội dung", 24, false},
};

static void rev_fill(void *ctx, const void *item, ui_list_row *row)
{
	const dh_review *r = item;
	(void)ctx;
	ui_rows_dated(row, &r->meta, r->date);
	snprintf(row->cells[1], UI_LIST_CELL, "%s", review_kind_label(r->kind));
	ui_rows_named(row, 2, &r->meta, r->title);
	snprintf(row->cells[3], UI_LIST_CELL, "%s", r->notes ? r->notes : "");
}

static const ui_list_source rev_source = {
    .columns = rev_columns,
    .n_columns = 4,
    .load = rev_load,
    .fill = rev_fill,
    .item_type = DH_R_REVIEW,
    .empty_text = "Năm này chưa có buổi sơ kết, tổng kết nào.",
};

/* --- exporting the report ------------------------------------------------------ */

/* Write the review report of the year (the same document as `dienhinh
 * report review --year Y --kind K`) as a .docx (o) or PDF (O) into the
 * documents folder, after asking which: sơ kết or tổng kết. */
static unsigned rev_export(rev_screen *s, int key)
{
	ui_app *app = s->base.app;
	char q[160];
	snprintf(q, sizeof(q), "Báo cáo năm %d ra tệp %s: s sơ kết · t tổng kết · Esc thôi", s->year,
	         key == 'O' ? "PDF" : "Word");
	int k = ui_ask(app, q, "st");
	if (k == UI_ESC)
		return UI_R_DRAW;
	dh_report_opts o;
	report_opts_init(&o);
	o.year = s->year;
	o.review_kind = k == 't' ? DH_REVIEW_FINAL : DH_REVIEW_PRELIMINARY;
	return ui_document(app, DH_REPORT_REVIEW, &o, key);
}

/* --- the screen ------------------------------------------------------------------ */

static const ui_binding rev_keys[] = {
    {REV_A_TAB, "Tab", {UI_TAB, UI_K(KEY_BTAB)}, "Mục", "Chuyển giữa Số liệu và Sơ kết, tổng kết", false},
    {REV_A_YEAR, "←/→", {UI_K(KEY_LEFT), UI_K(KEY_RIGHT)}, "Năm", "Xem năm trước / năm sau", false},
    {UI_A_ADD, "a", {'a'}, NULL, "Ghi buổi sơ kết, tổng kết", false},
    {UI_A_OPEN, "Enter/e", {UI_ENTER, 'e'}, "Mở", "Mở / sửa buổi sơ kết, tổng kết đang chọn", false},
    {UI_A_DOCUMENT, UI_DOC_KEYS, NULL, "Báo cáo sơ kết / tổng kết của năm ra tệp Word (o) / PDF (O)", false},
    {UI_A_DELETE, "x", {'x'}, NULL, NULL, false},
    UI_LIST_BINDINGS,
    {0},
};

static const dh_review *rev_current(rev_screen *s)
{
	return s->tab == REV_TAB_REVIEWS ? ui_list_current_item(&s->list) : NULL;
}

static bool rev_offers(ui_view *v, int action)
{
	rev_screen *s = (rev_screen *)v;
	const dh_review *r = rev_current(s);
	switch (action) {
	case REV_A_TAB:
	case REV_A_YEAR: return true;
	case UI_A_DOCUMENT: return ui_document_may(v->app);
	case UI_A_ADD: return s->tab == REV_TAB_REVIEWS && wf_may(v->ctx, DH_ACT_REVIEW);
	case UI_A_OPEN: return r != NULL;
	case UI_A_DELETE: return r && !r->meta.deleted && wf_may(v->ctx, DH_ACT_DELETE);
	case UI_A_FILTER:
	case UI_A_SORT: return false;
	}
	return true;
}

/* The list has the keys, and draws, only on its tab (ui_list_view_start). */
static void rev_show_tab(rev_screen *s, int tab)
{
	s->tab = tab;
	ui_list_view_show(&s->base, tab == REV_TAB_REVIEWS ? &s->list : NULL);
}

static unsigned rev_key(ui_view *v, int action, int key)
{
	rev_screen *s = (rev_screen *)v;
	unsigned r = s->tab == REV_TAB_FIGURES ? ui_scroll_key(&s->scroll, s->n_lines, s->page_rows, action)
	                                       : UI_R_UNHANDLED;
	if (!(r & UI_R_UNHANDLED))
		return r;
	const dh_review *cur = rev_current(s);
	switch (action) {
	case REV_A_TAB: rev_show_tab(s, (s->tab + 1) % REV_TABS); return UI_R_DRAW;
	case REV_A_YEAR: {
		int year = s->year + (key == UI_K(KEY_LEFT) ? -1 : 1);
		if (year < 2000 || year > 2100)
			return UI_R_DRAW;
		s->year = year;
		s->scroll = 0;
		ui_list_reload(&s->list);
		return UI_R_DRAW;
	}
	case UI_A_DOCUMENT: return rev_export(s, key);
	case UI_A_ADD: {
		if (ui_refused(v->app, wf_check(v->ctx, DH_ACT_REVIEW)))
			return UI_R_DRAW;
		return ui_form_push(v->app, rev_form_open(v->app, NULL, s->year));
	}
	case UI_A_OPEN: {
		if (!cur)
			return UI_R_DRAW;
		return ui_form_push(v->app, rev_form_open(v->app, cur, s->year));
	}
	case UI_A_DELETE: {
		if (!cur)
			return UI_R_DRAW;
		char q[300], date[11];
		snprintf(q, sizeof(q), "Xóa buổi %s ngày %s? (vẫn lưu vết trong nhật ký)",
		         cur->kind == DH_REVIEW_FINAL ? "tổng kết" : "sơ kết", date_vn(cur->date, date));
		return ui_delete_asked(v->app, DH_R_REVIEW, cur->meta.id, q,
		                       "Xóa từ màn hình Sơ kết, tổng kết");
	}
	}
	return UI_R_NONE;
}

static void rev_draw_tabs(rev_screen *s, WINDOW *w, int cols)
{
	int x = ui_draw_tabs(w, 0, 1, cols, rev_tab_names, REV_TABS, s->tab);
	/* Where the page is, then the year, at the right. */
	char where[64] = "", year[64];
	if (s->tab == REV_TAB_FIGURES && s->n_lines > s->page_rows && s->page_rows > 0)
		snprintf(where, sizeof(where), "dòng %d–%d/%d  ", s->scroll + 1,
		         s->scroll + s->page_rows < s->n_lines ? s->scroll + s->page_rows : s->n_lines,
		         s->n_lines);
	snprintf(year, sizeof(year), "← Năm %d →", s->year);
	int ww = utf8_width(where), yw = utf8_width(year);
	if (x + ww + yw + 1 < cols) {
		wattrset(w, ui_style(UI_S_DIM));
		ui_put(w, 0, cols - yw - ww - 1, where, ww);
		wattrset(w, ui_style(UI_S_TITLE));
		ui_put(w, 0, cols - yw - 1, year, yw);
	}
	wattrset(w, A_NORMAL);
}

static void rev_draw(ui_view *v, WINDOW *w)
{
	rev_screen *s = (rev_screen *)v;
	int rows = getmaxy(w), cols = getmaxx(w);
	if (s->tab == REV_TAB_FIGURES)
		rev_draw_figures(s, w, 1, rows - 1, cols);
	else
		ui_list_draw(&s->list, w, 1, 0, rows - 1, cols);
	rev_draw_tabs(s, w, cols); /* after the page: it shows where the page is */
}

static void rev_reload(ui_view *v)
{
	ui_list_reload(&((rev_screen *)v)->list);
}

static void rev_destroy(ui_view *v)
{
	rev_screen *s = (rev_screen *)v;
	v->list = &s->list; /* the list frees itself and the reviews, shown or not */
	if (s->have_stats)
		stats_free(&s->stats);
	config_free(s->plan);
	free(s->lines);
}

static int rev_start(ui_view *v, const void *arg)
{
	rev_screen *s = (rev_screen *)v;
	(void)arg;
	s->year = v->ctx->cfg->plan.year;
	int rc = ui_list_view_start(v, &s->list, &rev_source);
	rev_show_tab(s, REV_TAB_FIGURES);
	return rc;
}

const ui_view_ops ui_review_view = {
    .size = sizeof(rev_screen),
    .start = rev_start,
    .bindings = rev_keys,
    .draw = rev_draw,
    .key = rev_key,
    .offers = rev_offers,
    .reload = rev_reload,
    .destroy = rev_destroy,
};

/* --- the review form ------------------------------------------------------------- */

enum { RF_KIND, RF_DATE, RF_TITLE, RF_NOTES, RF__COUNT };

static const ui_field rev_fields[] = {
    [RF_KIND] = {"kind", "Loại", UI_F_CHOICE, 0, true, 0, 0, .bind = "kind",
                 .invalid = "Chọn sơ kết hoặc tổng kết"},
    [RF_DATE] = {"date", "Ngày", UI_F_DATE, 0, true, 0, 0, .bind = "date"},
    [RF_TITLE] = {"title", "Tên buổi", UI_F_TEXT, 500, false, 0, 0, .bind = "title"},
    [RF_NOTES] = {"notes", "Nội dung, kết luận", UI_F_LONG, 20000, false, 0, 0, .bind = "notes"},
    {0},
};

static const ui_choice rev_kind_choices[] = {{"0", "Sơ kết"}, {"1", "Tổng kết"}};

static size_t rev_form_choices(ui_form *f, int field, const ui_choice **out)
{
	(void)f;
	if (field != RF_KIND)
		return 0;
	*out = rev_kind_choices;
	return 2;
}

static const char *rev_form_note(ui_form *f, int field, char *buf, size_t size)
{
	if (field != RF_TITLE || *ui_form_get(f, RF_TITLE))
		return NULL;
	const dh_review *r = f->rec;
	snprintf(buf, size, "Để trống: «%s công tác … năm %d»",
	         atoi(ui_form_get(f, RF_KIND)) == DH_REVIEW_FINAL ? "Tổng kết" : "Sơ kết", r->year);
	return buf;
}

static int rev_form_write(dh_ctx *ctx, const void *rec, uint64_t *id)
{
	return wf_review_save(ctx, rec, id);
}

/* A new review of the year asked for (f->user), dated today: the final
 * one once the preliminary review's date has passed. */
static void rev_form_defaults(ui_form *f, void *rec)
{
	dh_ctx *ctx = f->base.ctx;
	dh_review *r = rec;
	r->year = *(const int *)f->user;
	r->date = ctx->today;
	const dh_deadline *pre = config_deadline(ctx->cfg, "preliminary_review");
	r->kind = pre && ctx->today > pre->date && ctx->today / 10000 == r->year ? DH_REVIEW_FINAL
	                                                                         : DH_REVIEW_PRELIMINARY;
}

static const ui_form_spec rev_form_spec = {
    .name = "review",
    .title = "Sơ kết, tổng kết",
    .fields = rev_fields,
    .choices = rev_form_choices,
    .note = rev_form_note,
    .type = DH_R_REVIEW,
    .write = rev_form_write,
    .defaults = rev_form_defaults,
};

/* A form over R (NULL: a new review of YEAR). */
static ui_form *rev_form_open(ui_app *app, const dh_review *r, int year)
{
	int *y = malloc(sizeof(*y));
	if (!y)
		return NULL;
	*y = year;
	ui_form *f = ui_form_open(app, &rev_form_spec, r, y);
	if (!f)
		return NULL;
	const dh_review *rec = f->rec;
	f->readonly = rec->meta.deleted || !wf_may(ui_ctx(app), DH_ACT_REVIEW);
	ui_form_focus(f, r ? RF_NOTES : RF_KIND);
	return f;
}

bool ui_review_restore(ui_app *app, const dh_draft *d)
{
	dh_ctx *ctx = ui_ctx(app);
	if (!d->form || strcmp(d->form, "review") != 0)
		return false;
	void *rec = NULL;
	if (d->target_id && repo_get(ctx->store, DH_R_REVIEW, d->target_id, &rec) != 0)
		return false;
	ui_form *f = rev_form_open(app, rec, ctx->cfg->plan.year);
	if (rec)
		record_free(DH_R_REVIEW, rec);
	return ui_form_restore(app, f, d, true);
}
