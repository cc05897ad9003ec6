/* candlog.c — the list of one candidate's child records that the fostering
 * log and the replication log share (see ui_candlog.h). */
#include "dienhinh/ui_candlog.h"

#include "dienhinh/repo.h"
#include "dienhinh/ui_form.h"
#include "dienhinh/ui_verbs.h"

#include <stdio.h>
#include <stdlib.h>

static int candlog_collect(const void *rec, void *arg)
{
	return ui_items_copy(arg, rec) ? -1 : 0;
}

/* The candidate is reread with its records: what may be done to them
 * (add, delete) follows its current step and department. */
void ui_candlog_load(void *ctx, ui_items *items)
{
	ui_candlog *lv = ctx;
	dh_store *st = lv->base.ctx->store;
	void *rec = NULL;
	if (st && repo_get(st, DH_R_CANDIDATE, lv->candidate_id, &rec) == 0) {
		record_free(DH_R_CANDIDATE, lv->candidate);
		lv->candidate = rec;
	}
	if (st)
		repo_children(st, (dh_rtype)items->type, lv->candidate_id, candlog_collect, items);
}

const void *ui_candlog_current(ui_candlog *lv)
{
	return ui_list_current_item(&lv->list);
}

const char *ui_candlog_title(ui_view *v)
{
	return ((ui_candlog *)v)->title;
}

bool ui_candlog_offers(ui_view *v, int action)
{
	ui_candlog *lv = (ui_candlog *)v;
	const dh_candidate *c = lv->candidate;
	const dh_meta *e = ui_candlog_current(lv);
	switch (action) {
	case UI_A_ADD: return c && wf_candidate_may(v->ctx, lv->spec->add, c);
	case UI_A_OPEN: return e != NULL;
	case UI_A_DELETE: return e && !e->deleted && c && wf_may_for(v->ctx, DH_ACT_DELETE, c->department);
	}
	return true;
}

unsigned ui_candlog_key(ui_view *v, int action, int key)
{
	ui_candlog *lv = (ui_candlog *)v;
	const void *e = ui_candlog_current(lv);
	(void)key;
	switch (action) {
	case UI_A_CANCEL: return UI_R_POP;
	case UI_A_ADD:
		if (ui_refused(v->app, wf_check(v->ctx, lv->spec->add)))
			return UI_R_DRAW;
		return ui_form_push(v->app, lv->spec->form(v->app, lv, NULL));
	case UI_A_OPEN: return ui_form_push(v->app, e ? lv->spec->form(v->app, lv, e) : NULL);
	case UI_A_DELETE: return e ? lv->spec->remove(v->app, e) : UI_R_DRAW;
	}
	return UI_R_NONE;
}

void ui_candlog_destroy(ui_view *v)
{
	ui_candlog *lv = (ui_candlog *)v;
	record_free(DH_R_CANDIDATE, lv->candidate);
}

/* What ui_candlog_open passes to ui_candlog_start. */
typedef struct candlog_for {
	const ui_candlog_spec *spec;
	const dh_candidate *c;
} candlog_for;

int ui_candlog_start(ui_view *v, const void *arg)
{
	ui_candlog *lv = (ui_candlog *)v;
	const candlog_for *of = arg;
	const ui_candlog_spec *spec = of->spec;
	lv->spec = spec;
	lv->candidate_id = of->c->meta.id;
	lv->candidate = record_dup(DH_R_CANDIDATE, of->c);
	size_t size = spec->title_size < sizeof(lv->title) ? spec->title_size : sizeof(lv->title);
	snprintf(lv->title, size, "%s%s", spec->title_prefix, of->c->name ? of->c->name : "");
	return ui_list_view_start(v, &lv->list, spec->source);
}

ui_candlog *ui_candlog_open(ui_app *app, const ui_candlog_spec *spec, const dh_candidate *c)
{
	const candlog_for of = {spec, c};
	return (ui_candlog *)ui_view_open(app, spec->ops, &of);
}
