/* ui_list.h — the one list widget every list screen uses.
 *
 * The widget owns the cursor, scrolling, the filter line (typed live), the
 * sort choice, the count and the column layout; the data stays with the
 * screen, behind a ui_list_source of callbacks (tmux mode-tree's split).
 * Only the rows on screen are fetched — a page at a time through `rows` —
 * so a million records open as fast as ten: a source over candidates in id
 * order answers `count` with repo_last_id and `rows` with one repo_page.
 * A short list (a year's decisions, a candidate's log) may instead give
 * the list its records to hold (`load`, ui_items) and say only how one
 * makes a row (`fill`); rows that are a screen's own array give `fill_at`.
 *
 * A screen embeds a ui_list in its view, lists UI_LIST_BINDINGS in its key
 * table, and starts it with ui_list_view_start: the list then has the keys
 * first, and what it leaves (UI_R_UNHANDLED) is the screen's (Enter opens,
 * `a` adds...). A view with several lists (tabs) calls ui_list_key first
 * itself. */
#ifndef DIENHINH_UI_LIST_H
#define DIENHINH_UI_LIST_H

#include "dienhinh/ui_app.h"
#include "dienhinh/ui_edit.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define UI_LIST_MAXCOLS 8
#define UI_LIST_CELL    192 /* bytes per cell: longer text is cut at a letter */

typedef struct ui_list_column {
	const char *title;
	int width;  /* columns; 0 = what is left (one such column) */
	bool right; /* numbers align right */
} ui_list_column;

typedef struct ui_list_row {
	uint64_t id; /* what Enter opens; 0 = nothing */
	int style;   /* UI_S_* for the row (UI_S_DIM for a deleted record...) */
	char cells[UI_LIST_MAXCOLS][UI_LIST_CELL];
} ui_list_row;

/* Items a list keeps whole in memory, in the order shown: copies of
 * records of TYPE (freed with record_free, known by their dh_meta id), or
 * with TYPE 0 other things, freed with FREE_ITEM (NULL: free) and known
 * by ID_OF. The room grows with buf_reserve. */
typedef struct ui_items {
	void **v;
	size_t n, cap;
	int type; /* a dh_rtype, or 0 */
	void (*free_item)(void *item);
	uint64_t (*id_of)(const void *item);
} ui_items;

/* Append ITEM, which the items then own (it is freed when it cannot be
 * kept): 0 or DH_ENOMEM. */
int ui_items_add(ui_items *it, void *item);
/* Append a copy of REC, a record of IT's type: 0 or DH_ENOMEM. */
int ui_items_copy(ui_items *it, const void *rec);
/* Append a copy of each record of IT's type in ST (in id order) that KEEP
 * accepts (with ARG; KEEP NULL: every one): 0, or DH_ENOMEM when memory
 * ran out (what was read stays). */
int ui_items_read(ui_items *it, dh_store *st, bool (*keep)(const void *rec, const void *arg),
                  const void *arg);
/* Free the items and their room: IT is empty (its kind stays). */
void ui_items_clear(ui_items *it);
/* The last item first: records appended in id order become newest first. */
void ui_items_reverse(ui_items *it);
/* The id of item I (its dh_meta's, or ID_OF's). */
uint64_t ui_items_id(const ui_items *it, size_t i);
/* Position of the item known by ID, or SIZE_MAX. */
size_t ui_items_index_of(const ui_items *it, uint64_t id);

typedef struct ui_list_source {
	const ui_list_column *columns;
	int n_columns;
	/* A list may hold its rows' items itself (ui_list.items), its count,
	 * rows and index_of then left NULL: at each reload (after RELOAD) the
	 * list empties them and LOAD appends them again, with ui_items_copy or
	 * ui_items_add; FILL makes an item's row, whose id the list sets to the
	 * item's. The items are of ITEM_TYPE (a dh_rtype), or plain ones with
	 * ITEM_FREE and ITEM_ID (see ui_items). */
	void (*load)(void *ctx, ui_items *items);
	void (*fill)(void *ctx, const void *item, ui_list_row *row);
	int item_type;
	/* For a list whose rows are records read from the store by their id
	 * (row.id): their type, so ui_list_record can read the one under the
	 * cursor (DH_R_AUDIT: an entry's sequence number); 0: none. */
	int record_type;
	void (*item_free)(void *item);
	uint64_t (*item_id)(const void *item);
	/* Or the rows are the screen's own array in its order (rows and
	 * index_of NULL, count given): FILL_AT makes row I, whose id the list
	 * sets to I + 1 and finds again there. */
	void (*fill_at)(void *ctx, size_t i, ui_list_row *row);
	/* Rows the current filter and sort give. */
	size_t (*count)(void *ctx);
	/* Fill rows FIRST .. FIRST+N-1 (in the current order) into OUT and
	 * return how many were filled. */
	size_t (*rows)(void *ctx, size_t first, size_t n, ui_list_row *out);
	/* Filter by TEXT ("" = none); NULL when the list cannot filter. */
	int (*filter)(void *ctx, const char *text);
	/* Order by SORT_NAMES[K]; NULL when there is one order only. */
	int (*sort)(void *ctx, int k);
	const char *const *sort_names;
	int n_sorts;
	/* The store changed: recount (NULL: nothing to do). */
	void (*reload)(void *ctx);
	/* Position of ID in the current order, or SIZE_MAX (NULL: unknown);
	 * keeps the cursor on its record when rows come and go. */
	size_t (*index_of)(void *ctx, uint64_t id);
	const char *empty_text; /* shown when there is nothing */
} ui_list_source;

typedef struct ui_list {
	const ui_list_source *src;
	void *ctx;
	size_t count;
	size_t cursor;
	size_t top;
	int sort;
	ui_edit filter;
	bool filtering; /* the filter line has the keys */
	ui_list_row *cache;
	size_t cache_first;
	size_t cache_n;
	size_t cache_cap;
	int visible; /* rows shown at the last draw */
	int filter_y, filter_x;
	bool filter_cursor;
	ui_items items;  /* the rows' items, for a source with LOAD */
	void *record;    /* the record under the cursor, kept by ui_list_record */
	uint64_t follow; /* ui_list_follow's id, for the next reload */
} ui_list;

/* Navigation, filter and sort: for a screen's key table. */
#define UI_LIST_BINDINGS                                                                                     \
	{UI_A_DOWN, "↓/j", {UI_K(KEY_DOWN), 'j'}, NULL, NULL, true},                                         \
	    {UI_A_UP, "↑/k", {UI_K(KEY_UP), 'k'}, NULL, NULL, true},                                         \
	    {UI_A_PGDN, "PgDn", {UI_K(KEY_NPAGE), ' '}, NULL, NULL, true},                                   \
	    {UI_A_PGUP, "PgUp", {UI_K(KEY_PPAGE)}, NULL, NULL, true},                                        \
	    {UI_A_HOME, "Home/g", {UI_K(KEY_HOME), 'g'}, NULL, NULL, true},                                  \
	    {UI_A_END, "End/G", {UI_K(KEY_END), 'G'}, NULL, NULL, true},                                     \
	    {UI_A_FILTER, "f", {'f'}, NULL, NULL, false},                                                    \
	{                                                                                                    \
		UI_A_SORT, "s", {'s'}, NULL, NULL, false                                                     \
	}

int ui_list_init(ui_list *l, const ui_list_source *src, void *ctx);
void ui_list_free(ui_list *l);
/* Draw in the box Y, X, ROWS x COLS of W: column titles, rows, and a
 * status line with the position, the count, the sort and the filter. */
void ui_list_draw(ui_list *l, WINDOW *w, int y, int x, int rows, int cols);
/* Navigation, the filter line and sorting; UI_R_UNHANDLED for the rest. */
unsigned ui_list_key(ui_list *l, int action, int key);
bool ui_list_offers(const ui_list *l, int action);
bool ui_list_typing(const ui_list *l);
bool ui_list_cursor(const ui_list *l, int *y, int *x);

/* Make V a list screen (in its ops' start): its list L (inside V) over
 * SRC, whose ctx is V, read a first time with SRC->reload (the load the
 * screen's data needs) and then SRC->load (the list's own items), and the
 * list as the widget V stands on (ui_view.under): the list has the keys first, agrees to what is
 * offered, draws over the whole body unless V draws, reloads when
 * another session saves, gives typing and the cursor to its filter line,
 * and after V's own destroy frees itself. 0 or DH_ENOMEM. */
int ui_list_view_start(ui_view *v, ui_list *l, const ui_list_source *src);
/* The same for a view with tabs, its lists made already: L is the list
 * shown now (NULL on a tab without one: the list then leaves keys,
 * drawing and reloads to V), called again when the tab changes. The
 * widget frees V->list after V's destroy: V frees its other lists, and
 * sets V->list NULL when it freed them all. */
void ui_list_view_show(ui_view *v, ui_list *l);
/* The row under the cursor (NULL when the list is empty). */
const ui_list_row *ui_list_current(ui_list *l);
/* The item under the cursor of a list that holds its items, or NULL. */
const void *ui_list_current_item(const ui_list *l);
/* The record under the cursor of a source with RECORD_TYPE, read from ST
 * only when the cursor moved to another id and kept until it moves again,
 * the list reloads or ui_list_forget_record; NULL when the list is empty,
 * the row opens nothing, or the read failed. Borrowed. */
const void *ui_list_record(ui_list *l, dh_store *st);
/* Drop the record kept: the next ui_list_record reads it again. */
void ui_list_forget_record(ui_list *l);
/* Recount after a change (another session's or ours), keeping the cursor
 * on the same record when the source can tell where it went. */
void ui_list_reload(ui_list *l);
/* Put the cursor on ID (after adding it) when the source can find it. */
void ui_list_select(ui_list *l, uint64_t id);
/* Put the cursor on ID at the next reload, instead of where it is: a
 * record just saved that the list does not hold yet. */
void ui_list_follow(ui_list *l, uint64_t id);

#endif
