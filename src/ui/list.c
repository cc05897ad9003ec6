/* list.c — the generic list: cursor, page cache, filter line, sort, count.
 * The rows come from the source's callbacks, one page at a time. */
#include "dienhinh/ui_list.h"

#include "dienhinh/buf.h"
#include "dienhinh/error.h"
#include "dienhinh/record.h"
#include "dienhinh/repo.h"
#include "ui_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void list_invalidate(ui_list *l);
static void list_clamp(ui_list *l);
static const ui_list_row *list_row(ui_list *l, size_t i);
static void list_apply_filter(ui_list *l);

/* --- items kept in memory --------------------------------------------------- */

static void items_free_one(const ui_items *it, void *item)
{
	if (it->type)
		record_free((dh_rtype)it->type, item);
	else if (it->free_item)
		it->free_item(item);
	else
		free(item);
}

int ui_items_add(ui_items *it, void *item)
{
	if (!item)
		return DH_ENOMEM;
	if (buf_reserve(&it->v, &it->cap, it->n + 1, sizeof(*it->v))) {
		items_free_one(it, item);
		return DH_ENOMEM;
	}
	it->v[it->n++] = item;
	return 0;
}

int ui_items_copy(ui_items *it, const void *rec)
{
	return ui_items_add(it, record_dup((dh_rtype)it->type, rec));
}

typedef struct items_reading {
	ui_items *it;
	bool (*keep)(const void *rec, const void *arg);
	const void *arg;
	bool oom;
} items_reading;

static int items_read_one(const void *rec, void *arg)
{
	items_reading *r = arg;
	if (r->keep && !r->keep(rec, r->arg))
		return 0;
	r->oom = ui_items_copy(r->it, rec) != 0;
	return r->oom; /* 1 stops the walk */
}

int ui_items_read(ui_items *it, dh_store *st, bool (*keep)(const void *rec, const void *arg), const void *arg)
{
	items_reading r = {it, keep, arg, false};
	if (st && repo_each(st, (dh_rtype)it->type, items_read_one, &r) != 0)
		r.oom = true;
	return r.oom ? DH_ENOMEM : 0;
}

void ui_items_clear(ui_items *it)
{
	for (size_t i = 0; i < it->n; i++)
		items_free_one(it, it->v[i]);
	free(it->v);
	it->v = NULL;
	it->n = it->cap = 0;
}

void ui_items_reverse(ui_items *it)
{
	for (size_t i = 0; i < it->n / 2; i++) {
		void *t = it->v[i];
		it->v[i] = it->v[it->n - 1 - i];
		it->v[it->n - 1 - i] = t;
	}
}

uint64_t ui_items_id(const ui_items *it, size_t i)
{
	return it->id_of ? it->id_of(it->v[i]) : ((const dh_meta *)it->v[i])->id;
}

size_t ui_items_index_of(const ui_items *it, uint64_t id)
{
	for (size_t i = 0; i < it->n; i++)
		if (ui_items_id(it, i) == id)
			return i;
	return SIZE_MAX;
}

/* A source with LOAD: the list's own items, read again. */
static void list_load(ui_list *l)
{
	ui_items_clear(&l->items);
	l->src->load(l->ctx, &l->items);
}

static size_t list_count(ui_list *l)
{
	return l->src->load ? l->items.n : l->src->count(l->ctx);
}

static size_t list_fill(ui_list *l, size_t first, size_t n, ui_list_row *out)
{
	const ui_list_source *src = l->src;
	if (!src->load && !src->fill_at)
		return src->rows(l->ctx, first, n, out);
	size_t end = list_count(l), k = 0;
	for (size_t i = first; i < end && k < n; i++, k++) {
		if (src->fill_at) {
			out[k].id = i + 1;
			src->fill_at(l->ctx, i, &out[k]);
		} else {
			out[k].id = ui_items_id(&l->items, i);
			src->fill(l->ctx, l->items.v[i], &out[k]);
		}
	}
	return k;
}

/* Where ID stands in the current order, or SIZE_MAX when the source
 * cannot tell. */
static size_t list_index_of(ui_list *l, uint64_t id)
{
	if (l->src->load)
		return ui_items_index_of(&l->items, id);
	if (l->src->fill_at)
		return id >= 1 && id <= l->count ? (size_t)(id - 1) : SIZE_MAX;
	return l->src->index_of ? l->src->index_of(l->ctx, id) : SIZE_MAX;
}

const void *ui_list_current_item(const ui_list *l)
{
	return l->src && l->src->load && l->cursor < l->items.n ? l->items.v[l->cursor] : NULL;
}

/* --- the list ------------------------------------------------------------------ */

int ui_list_init(ui_list *l, const ui_list_source *src, void *ctx)
{
	memset(l, 0, sizeof(*l));
	l->src = src;
	l->ctx = ctx;
	l->items = (ui_items){.type = src->item_type, .free_item = src->item_free, .id_of = src->item_id};
	int rc = ui_edit_init(&l->filter, 200, false);
	if (rc)
		return rc;
	if (src->load)
		list_load(l);
	l->count = list_count(l);
	return 0;
}

void ui_list_free(ui_list *l)
{
	ui_list_forget_record(l);
	ui_edit_free(&l->filter);
	free(l->cache);
	ui_items_clear(&l->items);
	memset(l, 0, sizeof(*l));
}

static void list_invalidate(ui_list *l)
{
	l->cache_n = 0;
}

static void list_clamp(ui_list *l)
{
	if (l->count == 0) {
		l->cursor = l->top = 0;
		return;
	}
	if (l->cursor >= l->count)
		l->cursor = l->count - 1;
	if (l->top > l->cursor)
		l->top = l->cursor;
	size_t vis = l->visible > 0 ? (size_t)l->visible : 1;
	if (l->cursor >= l->top + vis)
		l->top = l->cursor - vis + 1;
}

/* Row I from the page cache, fetching the page that holds it when
 * needed: the page starts at the top row and covers one screen. */
static const ui_list_row *list_row(ui_list *l, size_t i)
{
	if (i >= l->count)
		return NULL;
	if (l->cache_n && i >= l->cache_first && i < l->cache_first + l->cache_n)
		return &l->cache[i - l->cache_first];
	size_t want = l->visible > 0 ? (size_t)l->visible : 1;
	if (want > l->cache_cap) {
		ui_list_row *c = realloc(l->cache, want * sizeof(*c));
		if (!c)
			return NULL;
		l->cache = c;
		l->cache_cap = want;
	}
	size_t first = i >= l->top && i < l->top + want ? l->top : i;
	memset(l->cache, 0, want * sizeof(*l->cache));
	l->cache_first = first;
	l->cache_n = list_fill(l, first, want, l->cache);
	if (i >= first + l->cache_n)
		return NULL;
	return &l->cache[i - first];
}

const ui_list_row *ui_list_current(ui_list *l)
{
	return l->count ? list_row(l, l->cursor) : NULL;
}

void ui_list_reload(ui_list *l)
{
	const ui_list_row *cur = l->follow ? NULL : ui_list_current(l);
	uint64_t id = cur ? cur->id : l->follow;
	l->follow = 0;
	ui_list_forget_record(l); /* it may have changed */
	if (l->src->reload)
		l->src->reload(l->ctx);
	if (l->src->load)
		list_load(l);
	l->count = list_count(l);
	list_invalidate(l);
	if (id)
		ui_list_select(l, id);
	list_clamp(l);
}

void ui_list_follow(ui_list *l, uint64_t id)
{
	l->follow = id;
}

void ui_list_select(ui_list *l, uint64_t id)
{
	size_t i = list_index_of(l, id);
	if (i == SIZE_MAX || i >= l->count)
		return;
	l->cursor = i;
	list_clamp(l);
}

static void list_apply_filter(ui_list *l)
{
	if (!l->src->filter)
		return;
	l->src->filter(l->ctx, l->filter.buf);
	l->count = list_count(l);
	l->cursor = l->top = 0;
	list_invalidate(l);
}

bool ui_list_typing(const ui_list *l)
{
	return l->filtering;
}

bool ui_list_offers(const ui_list *l, int action)
{
	switch (action) {
	case UI_A_FILTER: return l->src->filter != NULL && !l->filtering;
	case UI_A_SORT: return l->src->sort != NULL && l->src->n_sorts > 1 && !l->filtering;
	case UI_A_UP:
	case UI_A_DOWN:
	case UI_A_PGUP:
	case UI_A_PGDN:
	case UI_A_HOME:
	case UI_A_END: return true;
	}
	return true;
}

unsigned ui_list_key(ui_list *l, int action, int key)
{
	size_t page = l->visible > 1 ? (size_t)l->visible - 1 : 1;
	switch (action) {
	case UI_A_DOWN:
		if (l->cursor + 1 < l->count)
			l->cursor++;
		list_clamp(l);
		return UI_R_DRAW;
	case UI_A_UP:
		if (l->cursor > 0)
			l->cursor--;
		list_clamp(l);
		return UI_R_DRAW;
	case UI_A_PGDN:
		l->cursor += page;
		l->top += page;
		if (l->count && l->top + (size_t)l->visible > l->count)
			l->top = l->count > (size_t)l->visible ? l->count - (size_t)l->visible : 0;
		list_clamp(l);
		return UI_R_DRAW;
	case UI_A_PGUP:
		l->cursor = l->cursor > page ? l->cursor - page : 0;
		l->top = l->top > page ? l->top - page : 0;
		list_clamp(l);
		return UI_R_DRAW;
	case UI_A_HOME: l->cursor = l->top = 0; return UI_R_DRAW;
	case UI_A_END:
		l->cursor = l->count ? l->count - 1 : 0;
		list_clamp(l);
		return UI_R_DRAW;
	case UI_A_FILTER: l->filtering = true; return UI_R_DRAW;
	case UI_A_SORT:
		if (!l->src->sort || l->src->n_sorts < 2)
			return UI_R_UNHANDLED;
		l->sort = (l->sort + 1) % l->src->n_sorts;
		l->src->sort(l->ctx, l->sort);
		l->count = list_count(l);
		l->cursor = l->top = 0;
		list_invalidate(l);
		return UI_R_DRAW;
	}
	if (l->filtering) {
		/* The filter line: typed live; Enter keeps it, Esc drops it. */
		if (action == UI_A_OPEN || key == UI_ENTER) {
			l->filtering = false;
			return UI_R_DRAW;
		}
		if (key == UI_ESC) {
			l->filtering = false;
			ui_edit_set(&l->filter, "");
			list_apply_filter(l);
			return UI_R_DRAW;
		}
		size_t before = l->filter.len;
		if (key == UI_K(KEY_BACKSPACE))
			ui_edit_backspace(&l->filter);
		else if (key == UI_K(KEY_LEFT))
			ui_edit_left(&l->filter);
		else if (key == UI_K(KEY_RIGHT))
			ui_edit_right(&l->filter);
		else if (key == UI_CTRL('u'))
			ui_edit_kill_home(&l->filter);
		else if (key == UI_CTRL('w'))
			ui_edit_kill_word(&l->filter);
		else if (!(key & UI_KEYCODE) && key >= 0x20)
			ui_edit_insert(&l->filter, key);
		else
			return UI_R_NONE;
		/* A combining mark changes the text without changing how long
		 * it is in letters, so compare the bytes too. */
		if (l->filter.changed || l->filter.len != before) {
			l->filter.changed = false;
			list_apply_filter(l);
		}
		return UI_R_DRAW;
	}
	if (key == UI_ESC && l->filter.len) {
		ui_edit_set(&l->filter, "");
		list_apply_filter(l);
		return UI_R_DRAW;
	}
	return UI_R_UNHANDLED;
}

bool ui_list_cursor(const ui_list *l, int *y, int *x)
{
	if (!l->filtering || !l->filter_cursor)
		return false;
	*y = l->filter_y;
	*x = l->filter_x;
	return true;
}

void ui_list_draw(ui_list *l, WINDOW *w, int y, int x, int rows, int cols)
{
	const ui_list_source *src = l->src;
	int body = rows - 2; /* column titles and the status line */
	if (body < 1)
		return;
	if (l->visible != body) {
		l->visible = body;
		list_invalidate(l);
	}
	list_clamp(l);

	/* Column widths: fixed ones as given, the flexible one takes the rest. */
	int widths[UI_LIST_MAXCOLS];
	int fixed = 0, flex = -1;
	int n = src->n_columns < UI_LIST_MAXCOLS ? src->n_columns : UI_LIST_MAXCOLS;
	for (int c = 0; c < n; c++) {
		widths[c] = src->columns[c].width;
		if (widths[c] == 0)
			flex = c;
		fixed += widths[c] + 1;
	}
	if (flex >= 0) {
		widths[flex] = cols - fixed - 1;
		if (widths[flex] < 4)
			widths[flex] = 4;
	}

	wattrset(w, ui_style(UI_S_TITLE) | A_UNDERLINE);
	ui_put_cell(w, y, x, "", cols, false);
	int cx = x;
	for (int c = 0; c < n && cx < x + cols; c++) {
		int cw = widths[c] < x + cols - cx ? widths[c] : x + cols - cx;
		ui_put_cut(w, y, cx, src->columns[c].title, cw, src->columns[c].right);
		cx += widths[c] + 1;
	}
	wattrset(w, A_NORMAL);

	if (l->count == 0) {
		wattrset(w, ui_style(UI_S_DIM));
		ui_put(w, y + 2, x + 2,
		       l->filter.len ? "Không có dòng nào khớp với bộ lọc."
		                     : (src->empty_text ? src->empty_text : "Chưa có dữ liệu."),
		       cols - 4);
		wattrset(w, A_NORMAL);
	}
	for (int r = 0; r < body; r++) {
		size_t i = l->top + (size_t)r;
		if (i >= l->count)
			break;
		const ui_list_row *row = list_row(l, i);
		if (!row)
			break;
		attr_t a = i == l->cursor ? ui_style(UI_S_SELECTED) : ui_style(row->style);
		wattrset(w, a);
		ui_put_cell(w, y + 1 + r, x, "", cols, false);
		cx = x;
		for (int c = 0; c < n && cx < x + cols; c++) {
			int cw = widths[c] < x + cols - cx ? widths[c] : x + cols - cx;
			ui_put_cut(w, y + 1 + r, cx, row->cells[c], cw, src->columns[c].right);
			cx += widths[c] + 1;
		}
	}
	wattrset(w, A_NORMAL);

	/* Status: position and count, then the sort, then the filter. */
	int sy = y + rows - 1;
	char status[160], num[32], total[32];
	ui_format_money((int64_t)(l->count ? l->cursor + 1 : 0), num, sizeof(num));
	ui_format_money((int64_t)l->count, total, sizeof(total));
	int sn = snprintf(status, sizeof(status), "%s/%s", num, total);
	if (src->sort && src->n_sorts > 1)
		snprintf(status + sn, sizeof(status) - (size_t)sn, " · xếp theo %s",
		         src->sort_names[l->sort]);
	wattrset(w, ui_style(UI_S_DIM));
	int sw = ui_text_width(status, cols);
	ui_put(w, sy, x + cols - sw, status, sw);
	wattrset(w, A_NORMAL);
	l->filter_cursor = false;
	if (l->filtering || l->filter.len) {
		int room = cols - sw - 2;
		int lx = ui_put(w, sy, x, "Lọc: ", room);
		wattrset(w, ui_style(l->filtering ? UI_S_FOCUS : UI_S_FIELD));
		size_t first;
		int ccol;
		ui_edit_view(&l->filter, room - lx, &first, &ccol);
		ui_put_cell(w, sy, x + lx, l->filter.buf + first, room - lx, false);
		wattrset(w, A_NORMAL);
		if (l->filtering) {
			l->filter_cursor = true;
			l->filter_y = sy;
			l->filter_x = x + lx + ccol;
		}
	}
}

/* --- the list as the widget a list screen stands on ------------------------ */

/* V->list is the list shown: NULL while a tab without one is (scr_review.c's
 * figures), and the list then leaves everything to the view. */

static unsigned list_view_key(ui_view *v, int action, int key)
{
	return v->list ? ui_list_key(v->list, action, key) : UI_R_UNHANDLED;
}

static bool list_view_offers(ui_view *v, int action)
{
	return !v->list || ui_list_offers(v->list, action);
}

static void list_view_draw(ui_view *v, WINDOW *w)
{
	if (v->list)
		ui_list_draw(v->list, w, 0, 0, getmaxy(w), getmaxx(w));
}

static void list_view_reload(ui_view *v)
{
	if (v->list)
		ui_list_reload(v->list);
}

static bool list_view_typing(ui_view *v)
{
	return v->list && ui_list_typing(v->list);
}

static bool list_view_cursor(ui_view *v, int *y, int *x)
{
	return v->list && ui_list_cursor(v->list, y, x);
}

/* After the screen's own destroy. */
static void list_view_destroy(ui_view *v)
{
	if (v->list)
		ui_list_free(v->list);
}

static const ui_view_ops list_view_ops = {
    .draw = list_view_draw,
    .key = list_view_key,
    .offers = list_view_offers,
    .reload = list_view_reload,
    .typing = list_view_typing,
    .cursor = list_view_cursor,
    .destroy = list_view_destroy,
};

void ui_list_view_show(ui_view *v, ui_list *l)
{
	v->list = l;
	v->under = &list_view_ops;
}

int ui_list_view_start(ui_view *v, ui_list *l, const ui_list_source *src)
{
	ui_list_view_show(v, l);
	if (src->reload)
		src->reload(v);
	return ui_list_init(l, src, v);
}

/* --- the record under the cursor --------------------------------------------------- */

void ui_list_forget_record(ui_list *l)
{
	if (l->record && l->src)
		record_free(l->src->record_type, l->record);
	l->record = NULL;
}

static int record_dup_first(const void *rec, void *arg)
{
	ui_list *l = arg;
	l->record = record_dup(l->src->record_type, rec);
	return 1;
}

/* Record ID into l->record: an audit entry is read by its sequence number. */
static void list_read_record(ui_list *l, dh_store *st, uint64_t id)
{
	if (l->src->record_type != DH_R_AUDIT) {
		void *rec = NULL;
		if (repo_get(st, l->src->record_type, id, &rec) == 0)
			l->record = rec;
		return;
	}
	repo_audit(st, id, record_dup_first, l);
	if (l->record && ((const dh_meta *)l->record)->id != id)
		ui_list_forget_record(l);
}

const void *ui_list_record(ui_list *l, dh_store *st)
{
	const ui_list_row *row = l->count ? ui_list_current(l) : NULL;
	if (!row || !row->id) {
		ui_list_forget_record(l);
		return NULL;
	}
	if (l->record && ((const dh_meta *)l->record)->id == row->id)
		return l->record;
	ui_list_forget_record(l);
	if (st && l->src->record_type)
		list_read_record(l, st, row->id);
	return l->record;
}
