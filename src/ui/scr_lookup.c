/* scr_lookup.c — screen 7, Tra cứu: a query line and the hits under it,
 * updated at every key by the same engine as `dienhinh search`
 * (lookup_search, DESIGN.md §7).
 *
 * Each key asks for the best LOOKUP_FIRST hits only, which the engine
 * answers in a few milliseconds at a million records because it can stop
 * early; when there are that many, the whole list (and so the exact count)
 * is fetched once typing pauses, from `idle`. By default only recognised
 * and awarded records are searched, as `search --recognised` does; Tab
 * widens to every record and back.
 *
 * The query line has the keys while it is focused (digits and letters are
 * text then: years and names need them); Esc leaves it. `/` from any
 * screen comes to it (the shell sends UI_A_LOOKUP), and so does a letter
 * typed on the list; opened by its digit, the list has the keys, so that
 * digits keep moving between screens. */
#include "dienhinh/ui_app.h"

#include "dienhinh/date.h"
#include "dienhinh/error.h"
#include "dienhinh/lookup.h"
#include "dienhinh/record.h"
#include "dienhinh/repo.h"
#include "dienhinh/ui_edit.h"
#include "dienhinh/ui_list.h"
#include "dienhinh/ui_rows.h"
#include "dienhinh/ui_record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define LOOKUP_FIRST     200 /* hits asked for at each key */
#define LOOKUP_PAUSE_MS  300 /* typing paused this long: count every hit */
#define LOOKUP_MAX_BYTES 200

typedef struct lookup_screen {
	ui_view base;
	ui_list list;
	ui_list_source source; /* a copy: its empty text says why it is empty */
	ui_edit query;
	bool focused;  /* the query line has the keys */
	bool all;      /* every record, not only recognised and awarded */
	uint64_t *ids; /* hits, best first */
	size_t n_ids;
	bool partial;       /* the first LOOKUP_FIRST only: the rest when typing pauses */
	int64_t typed_ms;   /* when the query last changed */
	double search_ms;   /* how long the last search took */
	bool failed;        /* the last search failed (message shown) */
	ui_cursor query_at; /* the query line's cursor, shown while focused */
} lookup_screen;

static int64_t mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Run the query with LIMIT (0: every hit) into s->ids. */
static void lookup_run(lookup_screen *s, size_t limit)
{
	dh_ctx *ctx = s->base.ctx;
	free(s->ids);
	s->ids = NULL;
	s->n_ids = 0;
	s->partial = false;
	s->failed = false;
	if (!ctx->store || !s->query.buf[strspn(s->query.buf, " ")])
		return;
	dh_lookup_opts opts = {.recognised_only = !s->all, .limit = limit, .cfg = ctx->cfg};
	dh_hit *hits = NULL;
	size_t n = 0;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int rc = lookup_search(ctx->store, s->query.buf, &opts, &hits, &n);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	s->search_ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	if (rc) {
		s->failed = true;
		ui_error(s->base.app, "Không tra cứu được: %s", dh_strerror(rc));
		free(hits);
		return;
	}
	s->ids = malloc((n ? n : 1) * sizeof(*s->ids));
	if (!s->ids) {
		free(hits);
		s->failed = true;
		ui_error(s->base.app, "%s", dh_strerror(DH_ENOMEM));
		return;
	}
	for (size_t i = 0; i < n; i++)
		s->ids[i] = hits[i].id;
	free(hits);
	s->n_ids = n;
	s->partial = limit && n >= limit;
}

/* --- the list source --------------------------------------------------------- */

static const ui_list_column lookup_columns[] = {
    {"Năm", 4, false},     {"Loại", 7, false},  {"Tên", 0, false},
    {"Đơn vị", 14, false}, {"Bước", 14, false}, {"Quyết định", 11, false},
};

/* "Phòng Nghiệp vụ 1" in a narrow column: the word every department
 * shares goes, the part that tells them apart stays. */
static const char *dept_short(const dh_config *cfg, const char *id)
{
	return config_department_short(cfg, id);
}

static void lookup_fill_row(void *ctx, const void *rec, ui_list_row *row)
{
	const lookup_screen *s = ctx;
	const dh_candidate *c = rec;
	const dh_config *cfg = s->base.ctx->cfg;
	const char *decision = c->stage == DH_STAGE_AWARDED && c->award_decision && *c->award_decision
	                           ? c->award_decision
	                           : c->recognised_decision;
	row->id = c->meta.id;
	row->style = c->meta.deleted ? UI_S_DIM : c->on_hold ? UI_S_WARN : UI_S_NORMAL;
	snprintf(row->cells[0], UI_LIST_CELL, "%d", c->year);
	snprintf(row->cells[1], UI_LIST_CELL, "%s", kind_label(c->kind));
	snprintf(row->cells[2], UI_LIST_CELL, "%s", c->name ? c->name : "");
	snprintf(row->cells[3], UI_LIST_CELL, "%s", dept_short(cfg, c->department));
	snprintf(row->cells[4], UI_LIST_CELL, "%s", stage_label(c->stage));
	snprintf(row->cells[5], UI_LIST_CELL, "%s", decision ? decision : "");
}

static size_t lookup_count(void *ctx)
{
	return ((lookup_screen *)ctx)->n_ids;
}

static size_t lookup_rows(void *ctx, size_t first, size_t n, ui_list_row *out)
{
	lookup_screen *s = ctx;
	if (first >= s->n_ids)
		return 0;
	return ui_rows_of_ids(s->base.ctx->store, DH_R_CANDIDATE, s->ids + first, s->n_ids - first, n, out,
	                      lookup_fill_row, s);
}

/* ui_list_reload calls this: the query runs again as it last ran. */
static void lookup_source_reload(void *ctx)
{
	lookup_screen *s = ctx;
	lookup_run(s, s->partial || s->n_ids == 0 ? LOOKUP_FIRST : 0);
}

static size_t lookup_index_of(void *ctx, uint64_t id)
{
	const lookup_screen *s = ctx;
	return ui_rows_index(s->ids, s->n_ids, id);
}

static const ui_list_source lookup_source = {
    .columns = lookup_columns,
    .n_columns = 6,
    .record_type = DH_R_CANDIDATE,
    .count = lookup_count,
    .rows = lookup_rows,
    .reload = lookup_source_reload,
    .index_of = lookup_index_of,
    .empty_text = "",
};

/* The query changed: the best hits at once, the cursor on the best. */
static void lookup_query_changed(lookup_screen *s)
{
	s->list.cache_n = 0;
	s->n_ids = 0;
	s->partial = false;
	ui_list_reload(&s->list);
	s->list.cursor = s->list.top = 0;
	s->typed_ms = mono_ms();
	ui_list_forget_record(&s->list);
}

/* --- the view ---------------------------------------------------------------- */

enum { LK_A_WIDEN = UI_A__COUNT, LK_A_NARROW, LK_A_FOCUS, LK_A_BLUR, LK_A_TYPING_HELP };

static const ui_binding lookup_keys[] = {
    {UI_A_OPEN, "Enter", {UI_ENTER}, "Mở hồ sơ", "Mở toàn bộ hồ sơ đang chọn, với lịch sử của nó", false},
    {LK_A_WIDEN, "Tab", {UI_TAB}, "Mọi hồ sơ", "Tìm trong mọi hồ sơ, ở mọi bước", false},
    {LK_A_NARROW, "Tab", {UI_TAB}, "Chỉ đã công nhận", "Chỉ tìm hồ sơ đã được công nhận, khen thưởng", false},
    {LK_A_FOCUS, "/", {'/'}, "Gõ tìm", "Về ô tìm kiếm để gõ (gõ một chữ cái cũng được)", false},
    {LK_A_BLUR, "Esc", {UI_ESC}, "Rời ô tìm", "Rời ô tìm kiếm (để dùng phím số, q…)", false},
    /* Help lines for the query line's own keys (handled raw). */
    {LK_A_TYPING_HELP, "Ctrl-U", {0}, NULL, "Xóa cả từ khóa (Ctrl-W: xóa một từ; ←/→: di chuyển)", true},
    {LK_A_TYPING_HELP, "gõ chữ", {0}, NULL, "Có dấu, không dấu, gõ dở đều được: nguyen, nguyê, Nguyễn", true},
    /* No letters here: a letter typed on the list starts a query. */
    {UI_A_DOWN, "↓", {UI_K(KEY_DOWN)}, NULL, NULL, true},
    {UI_A_UP, "↑", {UI_K(KEY_UP)}, NULL, NULL, true},
    {UI_A_PGDN, "PgDn", {UI_K(KEY_NPAGE)}, NULL, NULL, true},
    {UI_A_PGUP, "PgUp", {UI_K(KEY_PPAGE)}, NULL, NULL, true},
    {UI_A_HOME, "Home", {UI_K(KEY_HOME)}, NULL, NULL, true},
    {UI_A_END, "End", {UI_K(KEY_END)}, NULL, NULL, true},
    {0, NULL, {0}, NULL, NULL, false},
};

static bool lookup_offers(ui_view *v, int action)
{
	lookup_screen *s = (lookup_screen *)v;
	switch (action) {
	case UI_A_OPEN: return s->list.count > 0;
	case LK_A_WIDEN: return !s->all;
	case LK_A_NARROW: return s->all;
	case LK_A_FOCUS: return !s->focused;
	case LK_A_BLUR: return s->focused;
	case UI_A_HOME:
	case UI_A_END: return !s->focused; /* in the query line they move its cursor */
	}
	return true;
}

static bool lookup_typing(ui_view *v)
{
	return ((lookup_screen *)v)->focused;
}

/* A key for the query line; true when it was one. */
static bool lookup_edit_key(lookup_screen *s, int key)
{
	ui_edit *e = &s->query;
	size_t before = e->len;
	switch (key) {
	case UI_K(KEY_BACKSPACE): ui_edit_backspace(e); break;
	case UI_K(KEY_DC): ui_edit_delete(e); break;
	case UI_K(KEY_LEFT): ui_edit_left(e); break;
	case UI_K(KEY_RIGHT): ui_edit_right(e); break;
	case UI_K(KEY_HOME):
	case UI_CTRL('a'): ui_edit_home(e); break;
	case UI_K(KEY_END):
	case UI_CTRL('e'): ui_edit_end(e); break;
	case UI_CTRL('u'): ui_edit_kill_home(e); break;
	case UI_CTRL('k'): ui_edit_kill_end(e); break;
	case UI_CTRL('w'): ui_edit_kill_word(e); break;
	default:
		if ((key & UI_KEYCODE) || key < 0x20 || key == 0x7f)
			return false;
		if (ui_edit_insert(e, key) != 0)
			ui_error(s->base.app, "Từ khóa quá dài hoặc có ký tự không gõ được.");
	}
	/* A combining mark changes the letter without changing the count of
	 * letters, so the bytes are compared too. */
	if (e->changed || e->len != before) {
		e->changed = false;
		lookup_query_changed(s);
	}
	return true;
}

static unsigned lookup_key(ui_view *v, int action, int key)
{
	lookup_screen *s = (lookup_screen *)v;
	switch (action) {
	case UI_A_LOOKUP:
	case LK_A_FOCUS: s->focused = true; return UI_R_DRAW;
	case LK_A_BLUR: s->focused = false; return UI_R_DRAW;
	case LK_A_WIDEN:
	case LK_A_NARROW:
		s->all = action == LK_A_WIDEN;
		lookup_query_changed(s);
		ui_message(v->app, "%s",
		           s->all ? "Tìm trong mọi hồ sơ, ở mọi bước."
		                  : "Chỉ tìm hồ sơ đã được công nhận, khen thưởng.");
		return UI_R_DRAW;
	case UI_A_OPEN: {
		const ui_list_row *row = s->list.count ? ui_list_current(&s->list) : NULL;
		if (!row || !row->id)
			return UI_R_DRAW;
		ui_view *r = ui_record_open(v->app, row->id);
		if (r)
			ui_push(v->app, r);
		return UI_R_DRAW;
	}
	case UI_A_NONE: break;
	default: return ui_list_key(&s->list, action, key) & ~UI_R_UNHANDLED;
	}
	if (s->focused)
		return lookup_edit_key(s, key) ? UI_R_DRAW : UI_R_NONE;
	/* A letter typed while the list has the keys starts a new query
	 * (`/` goes back to the one there to edit it). */
	if (!(key & UI_KEYCODE) && key > 0x20 && key != 0x7f) {
		s->focused = true;
		ui_edit_set(&s->query, "");
		lookup_edit_key(s, key);
		return UI_R_DRAW;
	}
	return UI_R_NONE;
}

/* "0,4 ms": a comma before the decimal, as Vietnamese writes it. */
static const char *format_ms(double ms, char *buf, size_t size)
{
	snprintf(buf, size, ms < 1 ? "%.2f ms" : ms < 10 ? "%.1f ms" : "%.0f ms", ms);
	char *dot = strchr(buf, '.');
	if (dot)
		*dot = ',';
	return buf;
}

static void lookup_draw(ui_view *v, WINDOW *w)
{
	lookup_screen *s = (lookup_screen *)v;
	int rows = getmaxy(w), cols = getmaxx(w);
	bool has_query = s->query.buf[strspn(s->query.buf, " ")] != '\0';

	/* Row 0: the query line. */
	int lx = ui_put(w, 0, 1, "Tìm: ", cols - 2) + 1;
	int field = cols - lx - 1;
	size_t first;
	int ccol;
	ui_edit_view(&s->query, field, &first, &ccol);
	wattrset(w, ui_style(s->focused ? UI_S_FOCUS : UI_S_FIELD));
	ui_put_cell(w, 0, lx, s->query.buf + first, field, false);
	wattrset(w, A_NORMAL);
	ui_cursor_at(&s->query_at, 0, lx + ccol);

	/* Row 1: how many, where, how fast. */
	char line[300], num[32], ms[32];
	const char *scope = s->all ? "mọi hồ sơ, mọi bước" : "chỉ hồ sơ đã công nhận, khen thưởng";
	if (!has_query)
		snprintf(line, sizeof(line),
		         "%s họ tên, mô hình, đơn vị, số quyết định, năm; không dấu cũng được.",
		         s->focused ? "Gõ" : "Bấm / rồi gõ");
	else if (s->failed)
		snprintf(line, sizeof(line), "Không tra cứu được.");
	else
		snprintf(line, sizeof(line), "%s%s kết quả%s · %s · %s",
		         ui_format_money((int64_t)s->n_ids, num, sizeof(num)), s->partial ? "+" : "",
		         s->partial ? " (đang đếm)" : "", scope, format_ms(s->search_ms, ms, sizeof(ms)));
	wattrset(w, ui_style(has_query && s->n_ids ? UI_S_NORMAL : UI_S_DIM));
	ui_put(w, 1, 1, line, cols - 2);
	wattrset(w, A_NORMAL);

	/* The hits, then two lines about the one under the cursor. */
	s->source.empty_text = !has_query ? ""
	                       : s->all
	                           ? "Không tìm thấy hồ sơ nào."
	                           : "Không có hồ sơ đã công nhận nào khớp. Bấm Tab để tìm trong mọi hồ sơ.";
	int list_rows = rows - 4;
	ui_list_draw(&s->list, w, 2, 0, list_rows, cols);
	const dh_candidate *c = ui_list_record(&s->list, s->base.ctx->store);
	if (!c)
		return;
	char d1[11], d2[11];
	int y = rows - 2;
	wattrset(w, ui_style(UI_S_TITLE));
	int used = ui_put(w, y, 1, c->name ? c->name : "", cols - 2);
	wattrset(w, A_NORMAL);
	if (c->title && *c->title)
		ui_putf(w, y, 1 + used, cols - 2 - used, " — %s", c->title);
	char facts[400] = "";
	size_t o = 0;
	if (c->recognised_decision && *c->recognised_decision)
		o += (size_t)snprintf(facts + o, sizeof(facts) - o, "Công nhận %s%s%s%s",
		                      c->recognised_decision, c->recognised_date ? " (" : "",
		                      date_vn(c->recognised_date, d1), c->recognised_date ? ")" : "");
	if (c->award_decision && *c->award_decision && o < sizeof(facts))
		o += (size_t)snprintf(facts + o, sizeof(facts) - o, "%sGiấy khen %s%s%s%s", o ? " · " : "",
		                      c->award_decision, c->award_date ? " (" : "",
		                      date_vn(c->award_date, d2), c->award_date ? ")" : "");
	if (!o && c->position && *c->position)
		snprintf(facts, sizeof(facts), "%s", c->position);
	wattrset(w, ui_style(UI_S_DIM));
	ui_put(w, y + 1, 1, facts, cols - 2);
	wattrset(w, A_NORMAL);
}

static bool lookup_cursor(ui_view *v, int *y, int *x)
{
	lookup_screen *s = (lookup_screen *)v;
	return s->focused && ui_cursor_get(&s->query_at, y, x);
}

/* Typing paused with more hits than the first page: fetch them all. */
static unsigned lookup_idle(ui_view *v)
{
	lookup_screen *s = (lookup_screen *)v;
	if (!s->partial || mono_ms() - s->typed_ms < LOOKUP_PAUSE_MS)
		return UI_R_NONE;
	const ui_list_row *row = s->list.count ? ui_list_current(&s->list) : NULL;
	uint64_t id = row ? row->id : 0;
	size_t cursor = s->list.cursor, top = s->list.top;
	lookup_run(s, 0);
	s->list.count = s->n_ids;
	s->list.cache_n = 0;
	/* The best hits come first either way: the cursor stays put. */
	s->list.cursor = cursor;
	s->list.top = top;
	if (id)
		ui_list_select(&s->list, id);
	return UI_R_DRAW;
}

static void lookup_destroy(ui_view *v)
{
	lookup_screen *s = (lookup_screen *)v;
	ui_list_free(&s->list);
	ui_edit_free(&s->query);
	free(s->ids);
}

/* Another session saved: the hits again (the list forgets the record it kept). */
static void lookup_reload(ui_view *v)
{
	ui_list_reload(&((lookup_screen *)v)->list);
}

static int lookup_start(ui_view *v, const void *arg)
{
	lookup_screen *s = (lookup_screen *)v;
	(void)arg;
	s->source = lookup_source;
	/* Opened by its digit the list has the keys, so digits still move
	 * between screens; `/` (UI_A_LOOKUP) or a letter starts the query. */
	s->focused = false;
	int rc = ui_edit_init(&s->query, LOOKUP_MAX_BYTES, false);
	return rc ? rc : ui_list_init(&s->list, &s->source, s);
}

const ui_view_ops ui_lookup_view = {
    .size = sizeof(lookup_screen),
    .start = lookup_start,
    .bindings = lookup_keys,
    .draw = lookup_draw,
    .key = lookup_key,
    .offers = lookup_offers,
    .reload = lookup_reload,
    .typing = lookup_typing,
    .idle = lookup_idle,
    .cursor = lookup_cursor,
    .destroy = lookup_destroy,
};
