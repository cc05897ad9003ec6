/* ui_candlog.h — a screen listing one candidate's child records of one type
 * (the fostering log, the replication log): the records kept whole (a
 * candidate's log is short), the candidate reread with them for the
 * workflow's per-record rules, a title line, opened on a candidate.
 *
 * A screen keeps what differs: its ui_list_source (columns, the child type
 * as item_type, and fill; load is the one here: the list holds the
 * records), and its ui_view_ops (keys, draw;
 * size, start, title, offers, key and destroy are the ones here, or its own
 * for keys of its own before them; the rest the list's). Adding (a),
 * opening (Enter) and deleting (x) an entry, and Esc, are the same in every
 * log: the spec names the action that adds, the entry's form, and how an
 * entry is deleted. */
#ifndef DIENHINH_UI_CANDLOG_H
#define DIENHINH_UI_CANDLOG_H

#include "dienhinh/record.h"
#include "dienhinh/ui_list.h"

#include <stddef.h>
#include <stdint.h>

typedef struct ui_candlog ui_candlog;
typedef struct ui_form ui_form;

typedef struct ui_candlog_spec {
	int add; /* the action (dh_action) that adds an entry */
	/* The form of ENTRY, or of a new entry when ENTRY is NULL. */
	ui_form *(*form)(ui_app *app, ui_candlog *lv, const void *entry);
	/* Ask, then delete ENTRY; what changed (UI_R_*). */
	unsigned (*remove)(ui_app *app, const void *entry);
	const ui_view_ops *ops;
	const ui_list_source *source; /* its ctx is the ui_candlog */
	const char *title_prefix;     /* "Bồi dưỡng: ", then the name */
	size_t title_size;            /* bytes of title kept, at most 200 */
} ui_candlog_spec;

struct ui_candlog {
	ui_view base;
	ui_list list;
	const ui_candlog_spec *spec;
	uint64_t candidate_id;
	dh_candidate *candidate;
	char title[200];
	/* The records are list.items, of the source's item_type. */
};

/* The log of candidate C, loaded (spec->source's load must be
 * ui_candlog_load); NULL when out of memory. */
ui_candlog *ui_candlog_open(ui_app *app, const ui_candlog_spec *spec, const dh_candidate *c);
/* The record under the cursor, or NULL. */
const void *ui_candlog_current(ui_candlog *lv);

/* For the screen's ui_list_source (CTX is the ui_candlog). */
void ui_candlog_load(void *ctx, ui_items *items);

/* For the screen's ui_view_ops (.size is sizeof(ui_candlog)). */
int ui_candlog_start(ui_view *v, const void *arg);
const char *ui_candlog_title(ui_view *v);
bool ui_candlog_offers(ui_view *v, int action);
unsigned ui_candlog_key(ui_view *v, int action, int key);
void ui_candlog_destroy(ui_view *v);

#endif
