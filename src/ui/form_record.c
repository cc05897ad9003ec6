/* form_record.c — forms bound to one record: each bound field is read
 * from and written to the record field its `bind` names, through the
 * record schema (record.h), so a screen's form is its field table and the
 * few callbacks that are its own (ui_form.h). */
#include "dienhinh/date.h"
#include "dienhinh/error.h"
#include "dienhinh/record.h"
#include "dienhinh/repo.h"
#include "dienhinh/ui_form.h"
#include "dienhinh/ui_list.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const dh_field *bound_field(const ui_form *f, int i)
{
	const char *name = f->spec->fields[i].bind;
	const dh_schema *s = name ? record_schema((dh_rtype)f->spec->type) : NULL;
	for (size_t k = 0; s && k < s->n_fields; k++)
		if (strcmp(s->fields[k].name, name) == 0)
			return &s->fields[k];
	return NULL;
}

static void *member(void *rec, const dh_field *sf)
{
	return (char *)rec + sf->offset;
}

/* The text field I shows for the record's value. */
static const char *shown(const ui_form *f, int i, const dh_field *sf, const void *rec, char *buf, size_t size)
{
	const void *p = (const char *)rec + sf->offset;
	ui_ftype t = f->spec->fields[i].type;
	buf[0] = '\0';
	switch (sf->type) {
	case DH_F_STR: return *(char *const *)p ? *(char *const *)p : "";
	case DH_F_DATE: return *(const int *)p ? date_vn(*(const int *)p, buf) : "";
	case DH_F_BOOL: return *(const bool *)p ? "1" : "";
	case DH_F_INT: snprintf(buf, size, "%d", *(const int *)p); return buf;
	case DH_F_U32: snprintf(buf, size, "%" PRIu32, *(const uint32_t *)p); return buf;
	case DH_F_ID:
		if (*(const uint64_t *)p)
			snprintf(buf, size, "%" PRIu64, *(const uint64_t *)p);
		return buf;
	case DH_F_I64:
		if (t == UI_F_MONEY)
			return *(const int64_t *)p ? ui_format_money(*(const int64_t *)p, buf, size) : "";
		snprintf(buf, size, "%" PRId64, *(const int64_t *)p);
		return buf;
	case DH_F_STRLIST: {
		const dh_strlist *l = p;
		size_t o = 0;
		for (size_t k = 0; k < l->n && o < size; k++)
			o += (size_t)snprintf(buf + o, size - o, "%s%s", k ? "," : "", l->v[k]);
		return buf;
	}
	case DH_F_IDLIST: {
		const dh_idlist *l = p;
		size_t o = 0;
		for (size_t k = 0; k < l->n && o < size; k++)
			o += (size_t)snprintf(buf + o, size - o, "%s%" PRIu64, k ? "," : "", l->v[k]);
		return buf;
	}
	}
	return buf;
}

void ui_form_load(ui_form *f)
{
	char buf[2048];
	for (int i = 0; f->spec->type && i < f->n_fields; i++) {
		const dh_field *sf = bound_field(f, i);
		if (sf)
			ui_form_set(f, i, shown(f, i, sf, f->rec, buf, sizeof(buf)));
	}
	if (f->spec->type && f->spec->load)
		f->spec->load(f, f->rec);
	ui_form_mark_clean(f);
}

/* A CHOICE field's text is one of its choices (or empty when optional). */
static int check_choice(ui_form *f, int i)
{
	const ui_field *fd = &f->spec->fields[i];
	const char *v = ui_form_get(f, i);
	if (!fd->invalid || (!*v && !fd->required))
		return 0;
	const ui_choice *c = NULL;
	size_t n = f->spec->choices ? f->spec->choices(f, i, &c) : 0;
	for (size_t k = 0; k < n; k++)
		if (strcmp(c[k].value, v) == 0)
			return 0;
	ui_form_error(f, i, "%s", fd->invalid);
	return DH_EINVAL;
}

/* The codes ticked in a CHECKS field, in the order of its choices; only
 * codes that are choices now count (a kind changed since). */
static int store_checks(ui_form *f, int i, void *p, dh_ftype type)
{
	const ui_choice *c = NULL;
	size_t n = f->spec->choices ? f->spec->choices(f, i, &c) : 0;
	int rc = 0;
	if (type == DH_F_STRLIST)
		strlist_clear(p);
	else
		idlist_clear(p);
	for (size_t k = 0; rc == 0 && k < n; k++) {
		if (!ui_form_checked(f, i, c[k].value))
			continue;
		rc = type == DH_F_STRLIST ? strlist_push(p, c[k].value)
		                          : idlist_push(p, strtoull(c[k].value, NULL, 10));
	}
	return rc;
}

/* Field I's text into the record: DH_EINVAL (message beside the field)
 * when it is wrong, DH_ENOMEM. */
static int store(ui_form *f, int i, const dh_field *sf, void *rec)
{
	void *p = member(rec, sf);
	const ui_field *fd = &f->spec->fields[i];
	if (fd->type == UI_F_CHOICE && check_choice(f, i))
		return DH_EINVAL;
	switch (sf->type) {
	case DH_F_STR: {
		const char *s = fd->type == UI_F_CHOICE ? ui_form_get(f, i) : ui_form_text(f, i);
		return s ? record_set_str(p, s) : DH_EINVAL;
	}
	case DH_F_DATE: return ui_form_date(f, i, p);
	case DH_F_BOOL: *(bool *)p = *ui_form_get(f, i) != '\0'; return 0;
	case DH_F_INT:
		if (fd->type == UI_F_NUMBER)
			return ui_form_number(f, i, p);
		*(int *)p = atoi(ui_form_get(f, i));
		return 0;
	case DH_F_U32: *(uint32_t *)p = (uint32_t)strtoul(ui_form_get(f, i), NULL, 10); return 0;
	case DH_F_ID: *(uint64_t *)p = strtoull(ui_form_get(f, i), NULL, 10); return 0;
	case DH_F_I64: {
		if (fd->type == UI_F_MONEY)
			return ui_form_money(f, i, p);
		int v = 0;
		int rc = ui_form_number(f, i, &v);
		*(int64_t *)p = v;
		return rc;
	}
	case DH_F_STRLIST:
	case DH_F_IDLIST: return store_checks(f, i, p, sf->type);
	}
	return 0;
}

/* A form with no `saved` of its own: the list it was opened from, when
 * its rows are records of the form's type, shows the one just saved under
 * its cursor (a new review, a new ceremony) when the shell reloads it
 * after the form closes, as the screens that know more do in `saved`. */
static void record_show_saved(ui_form *f, uint64_t id)
{
	ui_view *below = f->base.below;
	ui_list *l = below ? below->list : NULL;
	int type = f->spec->type;
	if (!l || !l->src || (l->src->item_type != type && l->src->record_type != type))
		return;
	ui_list_follow(l, id);
}

static int record_save(ui_form *f)
{
	const ui_form_spec *r = f->spec;
	dh_rtype type = (dh_rtype)r->type;
	void *copy = record_dup(type, f->rec);
	if (!copy)
		return DH_ENOMEM;
	int rc = 0;
	bool bad = false;
	for (int i = 0; i < f->n_fields && rc != DH_ENOMEM; i++) {
		const dh_field *sf = bound_field(f, i);
		int frc = sf ? store(f, i, sf, copy) : 0;
		bad |= frc == DH_EINVAL;
		if (frc == DH_ENOMEM)
			rc = frc;
	}
	if (rc == 0 && r->check) {
		rc = r->check(f, copy);
		bad |= rc == DH_EINVAL;
	}
	if (rc == 0 && bad)
		rc = DH_EINVAL;
	uint64_t id = 0;
	if (rc == 0)
		rc = r->write(f->base.ctx, copy, &id);
	if (rc) {
		record_free(type, copy);
		return rc;
	}
	dh_meta *m = copy;
	if (!m->id)
		m->id = id;
	record_free(type, f->rec);
	f->rec = copy;
	if (r->saved)
		r->saved(f, f->rec);
	else
		record_show_saved(f, m->id);
	return 0;
}

static int record_reread(ui_form *f)
{
	dh_rtype type = (dh_rtype)f->spec->type;
	void *rec = NULL;
	int rc = repo_get(f->base.ctx->store, type, ((const dh_meta *)f->rec)->id, &rec);
	if (rc)
		return rc;
	record_free(type, f->rec);
	f->rec = rec;
	ui_form_load(f);
	return 0;
}

/* Where a draft points when the spec's target does not say (form.c
 * calls that one first): the record itself. */
static void record_target(ui_form *f, int *type, uint64_t *id, uint32_t *rev)
{
	const dh_meta *m = f->rec;
	*type = f->spec->type;
	*id = m->id;
	*rev = m->rev;
}

static void free_user(const ui_form_spec *spec, void *user)
{
	if (spec->free_user)
		spec->free_user(user);
	else
		free(user);
}

static void record_destroy(ui_form *f)
{
	record_free((dh_rtype)f->spec->type, f->rec);
	f->rec = NULL;
	if (f->user)
		free_user(f->spec, f->user);
	f->user = NULL;
}

ui_form *ui_form_open(ui_app *app, const ui_form_spec *spec, const void *rec, void *user)
{
	dh_rtype type = (dh_rtype)spec->type;
	void *copy = rec ? record_dup(type, rec) : record_new(type);
	ui_form *f = copy ? ui_form_new(app, spec, user) : NULL;
	if (!f) {
		record_free(type, copy);
		if (user)
			free_user(spec, user);
		return NULL;
	}
	f->rec = copy;
	if (!rec && spec->title_new)
		f->title = spec->title_new;
	f->bound.save = record_save;
	f->bound.reread = record_reread;
	f->bound.target = record_target;
	f->bound.destroy = record_destroy;
	if (!rec && spec->defaults)
		spec->defaults(f, f->rec);
	ui_form_load(f);
	return f;
}

void ui_form_resume(ui_form *f, const dh_draft *d)
{
	dh_meta *m = f->rec;
	if (m && d->target_id && m->id == d->target_id)
		m->rev = d->target_rev;
	ui_form_apply_draft(f, d);
}

bool ui_form_restore(ui_app *app, ui_form *f, const dh_draft *d, bool editable)
{
	if (!f)
		return false;
	ui_form_resume(f, d);
	if (editable)
		f->readonly = false;
	ui_push(app, &f->base);
	return true;
}

unsigned ui_form_push(ui_app *app, ui_form *f)
{
	if (f)
		ui_push(app, &f->base);
	return UI_R_DRAW;
}
