/* scr_awards_award.c — the award decision form (a Giấy khen for the
 * recognised records ticked) and the form revoking a decision. */
#include "scr_awards_internal.h"

#include "dienhinh/date.h"
#include "dienhinh/error.h"
#include "dienhinh/repo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- the award decision form -------------------------------------------------- */

enum { AF_NUMBER, AF_DATE, AF_SIGNER, AF_AWARD, AF_CANDIDATES, AF__COUNT };

static const ui_field aw_award_fields[AF__COUNT] = {
    [AF_NUMBER] = {"number", "Số quyết định", UI_F_TEXT, 200, true, 0, 0, .bind = "number"},
    [AF_DATE] = {"date", "Ngày ký", UI_F_DATE, 0, true, 0, 0, .bind = "date"},
    [AF_SIGNER] = {"signer", "Người ký", UI_F_CHOICE, 0, true, 0, 0, .bind = "signer"},
    [AF_AWARD] = {"award_id", "Hình thức", UI_F_CHOICE, 0, true, 0, 0, .bind = "award_id"},
    [AF_CANDIDATES] = {"candidates", "Hồ sơ được khen", UI_F_CHECKS, 0, true, 0, 0, .bind = "candidates"},
};

typedef struct aw_award_form {
	size_t *marks;      /* the screen's marked records, cleared once the decision is made */
	const char *signer; /* who signs unless changed: me, else the Chief Inspector */
	aw_choices signers, awards, cands;
} aw_award_form;

static size_t aw_award_choices(ui_form *f, int field, const ui_choice **out)
{
	aw_award_form *af = f->user;
	const aw_choices *c = field == AF_SIGNER       ? &af->signers
	                      : field == AF_AWARD      ? &af->awards
	                      : field == AF_CANDIDATES ? &af->cands
	                                               : NULL;
	return c ? aw_choices_get(c, out) : 0;
}

static const char *aw_award_note(ui_form *f, int field, char *buf, size_t size)
{
	aw_award_form *af = f->user;
	if (field != AF_CANDIDATES)
		return NULL;
	int n = 0;
	for (size_t i = 0; i < af->cands.n; i++)
		n += ui_form_checked(f, field, af->cands.v[i].value);
	if (!af->cands.n)
		snprintf(buf, size, "Không có hồ sơ nào đã công nhận đang chờ khen thưởng.");
	else
		snprintf(buf, size, "Đã chọn %d/%zu hồ sơ (Space để chọn / bỏ)", n, af->cands.n);
	return buf;
}

static int aw_award_write(dh_ctx *ctx, const void *rec, uint64_t *id)
{
	return wf_award(ctx, rec, id);
}

/* A Giấy khen of this year, signed today, for the records offered so far
 * (the marked ones). */
static void aw_award_defaults(ui_form *f, void *rec)
{
	aw_award_form *af = f->user;
	const dh_config *cfg = f->base.ctx->cfg;
	dh_decision *d = rec;
	d->type = DH_DEC_AWARD;
	d->year = cfg->plan.year;
	d->date = f->base.ctx->today;
	record_set_str(&d->signer, af->signer);
	record_set_str(&d->award_id, cfg->n_awards ? cfg->awards[0].id : NULL);
	for (size_t i = 0; i < af->cands.n; i++)
		idlist_push(&d->candidates, strtoull(af->cands.v[i].value, NULL, 10));
}

static int aw_award_check(ui_form *f, void *rec)
{
	if (((const dh_decision *)rec)->candidates.n)
		return 0;
	ui_form_error(f, AF_CANDIDATES, "Chọn ít nhất một hồ sơ (Space)");
	return DH_EINVAL;
}

static void aw_award_saved(ui_form *f, const void *rec)
{
	aw_award_form *af = f->user;
	(void)rec;
	if (af->marks)
		*af->marks = 0;
}

static void aw_award_free(void *user)
{
	aw_award_form *af = user;
	aw_choices_free(&af->signers);
	aw_choices_free(&af->awards);
	aw_choices_free(&af->cands);
	free(af);
}

static const ui_form_record aw_award_record = {
    .type = DH_R_DECISION,
    .write = aw_award_write,
    .defaults = aw_award_defaults,
    .check = aw_award_check,
    .saved = aw_award_saved,
    .free_user = aw_award_free,
};

static const ui_form_spec aw_award_spec = {
    .name = "award_decision",
    .title = "Quyết định tặng Giấy khen",
    .fields = aw_award_fields,
    .n_fields = AF__COUNT,
    .choices = aw_award_choices,
    .note = aw_award_note,
    .record = &aw_award_record,
};

/* Add the record ID to the checklist when it waits for a Giấy khen. */
static void aw_award_offer_to(aw_award_form *af, dh_ctx *ctx, uint64_t id)
{
	char code[24], label[400];
	snprintf(code, sizeof(code), "%llu", (unsigned long long)id);
	if (af->cands.n >= AW_CHECKS_MAX)
		return;
	for (size_t i = 0; i < af->cands.n; i++)
		if (strcmp(af->cands.v[i].value, code) == 0)
			return;
	void *rec = NULL;
	if (repo_get(ctx->store, DH_R_CANDIDATE, id, &rec) != 0)
		return;
	const dh_candidate *c = rec;
	if (!c->meta.deleted && c->stage == DH_STAGE_RECOGNISED && !c->on_hold) {
		aw_candidate_label(ctx->cfg, c, label, sizeof(label));
		aw_choice_add(&af->cands, code, label);
	}
	record_free(DH_R_CANDIDATE, rec);
}

void aw_award_offer(ui_form *f, uint64_t id)
{
	aw_award_offer_to(f->user, f->base.ctx, id);
}

/* The form for a new Giấy khen decision: IDS (the marked records) ticked
 * and listed first; the caller offers every other record waiting for one. */
ui_form *aw_award_form_open(ui_app *app, size_t *marks, const uint64_t *ids, size_t n)
{
	dh_ctx *ctx = ui_ctx(app);
	const dh_config *cfg = ctx->cfg;
	aw_award_form *af = calloc(1, sizeof(*af));
	if (!af)
		return NULL;
	af->marks = marks;
	for (size_t i = 0; i < cfg->n_people; i++) {
		const dh_person *p = &cfg->people[i];
		if (!(p->roles & (DH_ROLE_CHIEF | DH_ROLE_LEADER)))
			continue;
		char label[300];
		snprintf(label, sizeof(label), "%s — %s", p->name, p->position ? p->position : "");
		aw_choice_add(&af->signers, p->login, label);
		if (!af->signer || strcmp(p->login, ctx->login ? ctx->login : "") == 0 ||
		    ((p->roles & DH_ROLE_CHIEF) && !(config_person(cfg, af->signer)->roles & DH_ROLE_CHIEF)))
			af->signer = p->login;
	}
	for (size_t i = 0; i < cfg->n_awards; i++)
		aw_choice_add(&af->awards, cfg->awards[i].id, cfg->awards[i].name);
	for (size_t i = 0; i < n; i++)
		aw_award_offer_to(af, ctx, ids[i]);
	ui_form *f = ui_form_open(app, &aw_award_spec, NULL, af);
	if (!f)
		return NULL;
	f->readonly = !wf_may(ctx, DH_ACT_AWARD);
	ui_form_focus(f, AF_NUMBER);
	return f;
}

ui_form *aw_award_form_restore(ui_app *app, const dh_draft *d)
{
	(void)d;
	dh_store *st = ui_ctx(app)->store;
	ui_form *f = aw_award_form_open(app, NULL, NULL, 0);
	/* The records a decision may list are read again: every one still waiting. */
	uint64_t last = 0;
	repo_last_id(st, DH_R_CANDIDATE, &last);
	for (uint64_t id = last; f && id >= 1 && last <= AW_SYNC_LIMIT; id--)
		aw_award_offer(f, id);
	return f;
}

/* --- revoking a decision --------------------------------------------------------- */

enum { RV_REASON, RV_DATE, RV__COUNT };

static const ui_field aw_revoke_fields[RV__COUNT] = {
    [RV_REASON] = {"reason", "Lý do thu hồi", UI_F_TEXT, 500, true, 0, 0, .bind = "revoke_reason"},
    [RV_DATE] = {"date", "Ngày thu hồi", UI_F_DATE, 0, true, 0, 0, .bind = "revoke_date"},
};

/* Which decision, under the reason. */
static const char *aw_revoke_note(ui_form *f, int field, char *buf, size_t size)
{
	const dh_decision *d = f->rec;
	char date[11];
	if (field != RV_REASON)
		return NULL;
	snprintf(buf, size, "Quyết định số %s ngày %s, %zu hồ sơ", d->number ? d->number : "",
	         date_vn(d->date, date), d->candidates.n);
	return buf;
}

/* Not revoked yet: revoked today unless changed. */
static void aw_revoke_load(ui_form *f, const void *rec)
{
	char date[11];
	if (!((const dh_decision *)rec)->revoke_date)
		ui_form_set(f, RV_DATE, date_vn(f->base.ctx->today, date));
}

static int aw_revoke_write(dh_ctx *ctx, const void *rec, uint64_t *id)
{
	const dh_decision *d = rec;
	(void)id;
	return wf_decision_revoke(ctx, d->meta.id, d->revoke_reason, d->revoke_date);
}

static void aw_revoke_saved(ui_form *f, const void *rec)
{
	(void)rec;
	ui_message(f->base.app, "Đã thu hồi quyết định.");
}

static const ui_form_record aw_revoke_record = {
    .type = DH_R_DECISION,
    .write = aw_revoke_write,
    .load = aw_revoke_load,
    .saved = aw_revoke_saved,
};

static const ui_form_spec aw_revoke_spec = {
    .name = "award_revoke",
    .title = "Thu hồi quyết định",
    .fields = aw_revoke_fields,
    .n_fields = RV__COUNT,
    .note = aw_revoke_note,
    .record = &aw_revoke_record,
};

ui_form *aw_revoke_form_open(ui_app *app, const dh_decision *d)
{
	ui_form *f = ui_form_open(app, &aw_revoke_spec, d, NULL);
	if (!f)
		return NULL;
	f->readonly = d->revoked || !wf_may(ui_ctx(app), DH_ACT_REVOKE);
	ui_form_focus(f, RV_REASON);
	return f;
}

ui_form *aw_revoke_form_restore(ui_app *app, const dh_draft *d)
{
	void *rec = NULL;
	if (repo_get(ui_ctx(app)->store, DH_R_DECISION, d->target_id, &rec) != 0)
		return NULL;
	ui_form *f = aw_revoke_form_open(app, rec);
	record_free(DH_R_DECISION, rec);
	return f;
}
