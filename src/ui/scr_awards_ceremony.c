/* scr_awards_ceremony.c — the form of one ceremony (biểu dương, tuyên
 * dương, trao Giấy khen): date, title, place, the decisions handed out. */
#include "scr_awards_internal.h"

#include "dienhinh/date.h"
#include "dienhinh/repo.h"

#include <stdio.h>
#include <stdlib.h>

enum { CE_DATE, CE_TITLE, CE_PLACE, CE_DECISIONS, CE_NOTES, CE__COUNT };

static const ui_field aw_cer_fields[CE__COUNT] = {
    [CE_DATE] = {"date", "Ngày tổ chức", UI_F_DATE, 0, true, 0, 0, .bind = "date"},
    [CE_TITLE] = {"title", "Tên buổi tuyên dương", UI_F_TEXT, 500, true, 0, 0, .bind = "title"},
    [CE_PLACE] = {"place", "Địa điểm", UI_F_TEXT, 500, false, 0, 0, .bind = "place"},
    [CE_DECISIONS] = {"decisions", "Quyết định trao", UI_F_CHECKS, 0, false, 0, 0, .bind = "decisions"},
    [CE_NOTES] = {"notes", "Ghi chú", UI_F_LONG, 20000, false, 0, 0, .bind = "notes"},
};

/* f->user: the decisions a ceremony may hand out (aw_choices). */
static size_t aw_cer_choices(ui_form *f, int field, const ui_choice **out)
{
	return field == CE_DECISIONS ? aw_choices_get(f->user, out) : 0;
}

static int aw_cer_write(dh_ctx *ctx, const void *rec, uint64_t *id)
{
	return wf_ceremony_save(ctx, rec, id);
}

/* A new ceremony: this year's, today. */
static void aw_cer_defaults(ui_form *f, void *rec)
{
	dh_ceremony *c = rec;
	c->year = f->base.ctx->cfg->plan.year;
	c->date = f->base.ctx->today;
}

static const ui_form_record aw_cer_record = {
    .type = DH_R_CEREMONY,
    .write = aw_cer_write,
    .defaults = aw_cer_defaults,
    .free_user = aw_choices_destroy,
};

static const ui_form_spec aw_cer_spec = {
    .name = "ceremony",
    .title = "Buổi tuyên dương",
    .fields = aw_cer_fields,
    .n_fields = CE__COUNT,
    .choices = aw_cer_choices,
    .record = &aw_cer_record,
};

typedef struct aw_dec_pick {
	aw_choices *decisions;
	const dh_ceremony *listed; /* NULL for a new ceremony */
} aw_dec_pick;

/* Award decisions in force, and whatever the ceremony already lists. */
static int aw_cer_decision_cb(const void *rec, void *arg)
{
	aw_dec_pick *p = arg;
	const dh_decision *d = rec;
	bool listed = p->listed && idlist_has(&p->listed->decisions, d->meta.id);
	if (!listed && (d->type != DH_DEC_AWARD || d->revoked || d->meta.deleted))
		return 0;
	char label[300], date[11];
	/* Only award decisions are listed: the number and date say which. */
	snprintf(label, sizeof(label), "Số %s ngày %s (%zu hồ sơ)%s", d->number ? d->number : "",
	         date_vn(d->date, date), d->candidates.n, d->revoked ? " — đã thu hồi" : "");
	return aw_choice_id(p->decisions, d->meta.id, label) ? -1 : 0;
}

ui_form *aw_ceremony_form_open(ui_app *app, const dh_ceremony *c)
{
	dh_ctx *ctx = ui_ctx(app);
	aw_choices *decisions = calloc(1, sizeof(*decisions));
	if (!decisions)
		return NULL;
	aw_dec_pick p = {decisions, c};
	if (ctx->store)
		repo_each(ctx->store, DH_R_DECISION, aw_cer_decision_cb, &p);
	/* Newest first: this year's ceremony hands out this year's decisions. */
	aw_choices_reverse(decisions);
	ui_form *f = ui_form_open(app, &aw_cer_spec, c, decisions);
	if (!f)
		return NULL;
	const dh_ceremony *rec = f->rec;
	f->readonly = rec->meta.deleted || !wf_may(ctx, DH_ACT_CEREMONY);
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
	return f;
}
