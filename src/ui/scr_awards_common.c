/* scr_awards_common.c — what the pages and forms of screen 4 share: lists
 * of choices, a record's label, one activity's row, deleting with a
 * confirmation, the decision as a document. */
#include "scr_awards_internal.h"

#include "dienhinh/error.h"
#include "dienhinh/report.h"
#include "dienhinh/ui_rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Short names of the activity kinds for narrow columns. */
static const char *const aw_activity_short[3] = {"Hội nghị", "Trang web", "Khác"};

void aw_choices_destroy(void *choices)
{
	if (choices)
		ui_choices_free(choices);
	free(choices);
}

size_t aw_choices_get(const ui_choices *c, const ui_choice **out)
{
	*out = c->v;
	return c->n;
}

void aw_choices_reverse(ui_choices *c)
{
	for (size_t i = 0, n = c->n; i < n / 2; i++) {
		ui_choice t = c->v[i];
		c->v[i] = c->v[n - 1 - i];
		c->v[n - 1 - i] = t;
	}
}

void aw_candidate_label(const dh_config *cfg, const dh_candidate *c, char *buf, size_t size)
{
	snprintf(buf, size, "%s (%d, %s)", c->name ? c->name : "", c->year,
	         config_department_name(cfg, c->department));
}

/* One activity row. NAME is the record's, for the list of every
 * activity; NULL in a record's own log, where that column goes. A web
 * post shows its address first: it is what the reader needs. */
void aw_act_fill(const dh_activity *a, const char *name, ui_list_row *row)
{
	int c = 1;
	row->id = a->meta.id;
	ui_rows_dated(row, &a->meta, a->date);
	snprintf(row->cells[c++], UI_LIST_CELL, "%s",
	         a->kind >= 0 && a->kind < 3 ? aw_activity_short[a->kind] : "?");
	if (name)
		snprintf(row->cells[c++], UI_LIST_CELL, "%s", name);
	if (a->kind == DH_ACT_WEBSITE && a->url)
		snprintf(row->cells[c++], UI_LIST_CELL, "%s%s · %s", a->meta.deleted ? "(đã xóa) " : "",
		         a->url, a->title ? a->title : "");
	else
		ui_rows_named(row, c++, &a->meta, a->title);
	snprintf(row->cells[c++], UI_LIST_CELL, "%s", a->presenter ? a->presenter : "");
	if (a->attendees)
		snprintf(row->cells[c], UI_LIST_CELL, "%d", a->attendees);
	else
		row->cells[c][0] = '\0';
}

unsigned aw_show(ui_app *app, ui_view *v)
{
	if (v)
		ui_push(app, v);
	return UI_R_DRAW;
}

unsigned aw_delete(ui_app *app, dh_rtype type, uint64_t id, const char *what)
{
	char q[200];
	snprintf(q, sizeof(q), "Xóa %s? (vẫn lưu vết trong nhật ký)", what);
	return ui_delete_asked(app, type, id, q, "Xóa từ màn hình Khen thưởng, nhân rộng");
}

/* The Giấy khen decision D as a .docx (o) or PDF (O). */
unsigned aw_document(ui_app *app, const dh_decision *d, int key)
{
	dh_report_opts o;
	report_opts_init(&o);
	o.year = d->year;
	o.decision_id = d->meta.id;
	return ui_document(app, DH_REPORT_DECISION, &o, key);
}
