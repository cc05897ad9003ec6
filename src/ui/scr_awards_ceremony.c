/* scr_awards_ceremony.c — the form of one ceremony (biểu dương, tuyên
 * dương, trao Giấy khen): date, title, place, the decisions handed out. */
#include "scr_awards_internal.h"

#include "dienhinh/date.h"
#include "dienhinh/error.h"
#include "dienhinh/repo.h"

#include <stdio.h>
#include <stdlib.h>

enum { CE_DATE, CE_TITLE, CE_PLACE, CE_DECISIONS, CE_NOTES, CE__COUNT };

static const ui_field aw_cer_fields[CE__COUNT] = {
    [CE_DATE] = {"date", "Ngày tổ chức", UI_F_DATE, 0, true, 0, 0},
    [CE_TITLE] = {"title", "Tên buổi tuyên dương", UI_F_TEXT, 500, true, 0, 0},
    [CE_PLACE] = {"place", "Địa điểm", UI_F_TEXT, 500, false, 0, 0},
    [CE_DECISIONS] = {"decisions", "Quyết định trao", UI_F_CHECKS, 0, false, 0, 0},
    [CE_NOTES] = {"notes", "Ghi chú", UI_F_LONG, 20000, false, 0, 0},
};

typedef struct aw_cer_form {
	dh_ceremony *rec;
	aw_choices decisions;
} aw_cer_form;

static size_t aw_cer_choices(ui_form *f, int field, const ui_choice **out)
{
	aw_cer_form *cf = f->user;
	if (field != CE_DECISIONS)
		return 0;
	*out = cf->decisions.v;
	return cf->decisions.n;
}

typedef struct aw_dec_pick {
	aw_cer_form *cf;
	const dh_config *cfg;
} aw_dec_pick;

/* Award decisions in force, and whatever the ceremony already lists. */
static int aw_cer_decision_cb(const void *rec, void *arg)
{
	aw_dec_pick *p = arg;
	const dh_decision *d = rec;
	bool listed = idlist_has(&p->cf->rec->decisions, d->meta.id);
	if (!listed && (d->type != DH_DEC_AWARD || d->revoked || d->meta.deleted))
		return 0;
	char code[24], label[300], date[11];
	snprintf(code, sizeof(code), "%llu", (unsigned long long)d->meta.id);
	/* Only award decisions are listed: the number and date say which. */
	snprintf(label, sizeof(label), "Số %s ngày %s (%zu hồ sơ)%s", d->number ? d->number : "",
	         date_vn(d->date, date), d->candidates.n, d->revoked ? " — đã thu hồi" : "");
	return aw_choice_add(&p->cf->decisions, code, label) ? -1 : 0;
}

static void aw_cer_load(ui_form *f)
{
	aw_cer_form *cf = f->user;
	char buf[1024];
	ui_form_set(f, CE_DATE, date_vn(cf->rec->date, buf));
	ui_form_set(f, CE_TITLE, cf->rec->title);
	ui_form_set(f, CE_PLACE, cf->rec->place);
	ui_form_set(f, CE_DECISIONS, aw_codes_from_ids(&cf->rec->decisions, buf, sizeof(buf)));
	ui_form_set(f, CE_NOTES, cf->rec->notes);
	ui_form_mark_clean(f);
}

static int aw_cer_save(ui_form *f)
{
	aw_cer_form *cf = f->user;
	int date = 0, bad = 0;
	bad |= ui_form_date(f, CE_DATE, &date) != 0;
	const char *title = ui_form_text(f, CE_TITLE);
	const char *place = ui_form_text(f, CE_PLACE);
	const char *notes = ui_form_text(f, CE_NOTES);
	bad |= !title || !place || !notes;
	if (bad)
		return DH_EINVAL;
	dh_ceremony *c = record_dup(DH_R_CEREMONY, cf->rec);
	if (!c)
		return DH_ENOMEM;
	c->date = date;
	idlist_clear(&c->decisions);
	int rc = record_set_str(&c->title, title) | record_set_str(&c->place, place) |
	         record_set_str(&c->notes, notes);
	if (rc == 0)
		rc = aw_ids_from_codes(ui_form_get(f, CE_DECISIONS), &c->decisions);
	uint64_t id = 0;
	if (rc == 0)
		rc = wf_ceremony_save(f->base.ctx, c, &id);
	if (rc) {
		record_free(DH_R_CEREMONY, c);
		return rc;
	}
	if (!c->meta.id)
		c->meta.id = id;
	record_free(DH_R_CEREMONY, cf->rec);
	cf->rec = c;
	return 0;
}

static int aw_cer_reread(ui_form *f)
{
	aw_cer_form *cf = f->user;
	void *rec = NULL;
	int rc = repo_get(f->base.ctx->store, DH_R_CEREMONY, cf->rec->meta.id, &rec);
	if (rc)
		return rc;
	record_free(DH_R_CEREMONY, cf->rec);
	cf->rec = rec;
	aw_cer_load(f);
	return 0;
}

static void aw_cer_target(ui_form *f, int *type, uint64_t *id, uint32_t *rev)
{
	aw_cer_form *cf = f->user;
	*type = DH_R_CEREMONY;
	*id = cf->rec->meta.id;
	*rev = cf->rec->meta.rev;
}

static void aw_cer_destroy(ui_form *f)
{
	aw_cer_form *cf = f->user;
	if (!cf)
		return;
	record_free(DH_R_CEREMONY, cf->rec);
	aw_choices_free(&cf->decisions);
	free(cf);
}

static const ui_form_spec aw_cer_spec = {
    .name = "ceremony",
    .title = "Buổi tuyên dương",
    .fields = aw_cer_fields,
    .n_fields = CE__COUNT,
    .choices = aw_cer_choices,
    .save = aw_cer_save,
    .reread = aw_cer_reread,
    .target = aw_cer_target,
    .destroy = aw_cer_destroy,
};

ui_form *aw_ceremony_form_open(ui_app *app, const dh_ceremony *c)
{
	dh_ctx *ctx = ui_ctx(app);
	aw_cer_form *cf = calloc(1, sizeof(*cf));
	if (!cf)
		return NULL;
	cf->rec = c ? record_dup(DH_R_CEREMONY, c) : record_new(DH_R_CEREMONY);
	ui_form *f = cf->rec ? ui_form_new(app, &aw_cer_spec, cf) : NULL;
	if (!f) {
		aw_cer_destroy(&(ui_form){.user = cf});
		return NULL;
	}
	if (!c) {
		cf->rec->year = ctx->cfg->plan.year;
		cf->rec->date = ctx->today;
	}
	aw_dec_pick p = {cf, ctx->cfg};
	if (ctx->store)
		repo_each(ctx->store, DH_R_DECISION, aw_cer_decision_cb, &p);
	/* Newest first: this year's ceremony hands out this year's decisions. */
	for (size_t i = 0, n = cf->decisions.n; i < n / 2; i++) {
		ui_choice t = cf->decisions.v[i];
		cf->decisions.v[i] = cf->decisions.v[n - 1 - i];
		cf->decisions.v[n - 1 - i] = t;
	}
	aw_cer_load(f);
	f->readonly = cf->rec->meta.deleted || !wf_may(ctx, DH_ACT_CEREMONY);
	ui_form_focus(f, c ? CE_DATE : CE_TITLE);
	return f;
}

ui_form *aw_ceremony_form_restore(ui_app *app, const dh_draft *d)
{
	void *rec = NULL;
	if (d->target_id && repo_get(ui_ctx(app)->store, DH_R_CEREMONY, d->target_id, &rec) != 0)
		return NULL;
	ui_form *f = aw_ceremony_form_open(app, rec);
	if (rec)
		record_free(DH_R_CEREMONY, rec);
	if (f && d->target_id)
		((aw_cer_form *)f->user)->rec->meta.rev = d->target_rev;
	return f;
}
