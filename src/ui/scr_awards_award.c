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
    [AF_NUMBER] = {"number", "Số quyết định", UI_F_TEXT, 200, true, 0, 0},
    [AF_DATE] = {"date", "Ngày ký", UI_F_DATE, 0, true, 0, 0},
    [AF_SIGNER] = {"signer", "Người ký", UI_F_CHOICE, 0, true, 0, 0},
    [AF_AWARD] = {"award_id", "Hình thức", UI_F_CHOICE, 0, true, 0, 0},
    [AF_CANDIDATES] = {"candidates", "Hồ sơ được khen", UI_F_CHECKS, 0, true, 0, 0},
};

typedef struct aw_award_form {
	size_t *marks; /* the screen's marked records, cleared once the decision is made */
	aw_choices signers, awards, cands;
} aw_award_form;

static size_t aw_award_choices(ui_form *f, int field, const ui_choice **out)
{
	aw_award_form *af = f->user;
	const aw_choices *c = field == AF_SIGNER       ? &af->signers
	                      : field == AF_AWARD      ? &af->awards
	                      : field == AF_CANDIDATES ? &af->cands
	                                               : NULL;
	if (!c)
		return 0;
	*out = c->v;
	return c->n;
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

static int aw_award_save(ui_form *f)
{
	aw_award_form *af = f->user;
	dh_ctx *ctx = f->base.ctx;
	int date = 0, bad = 0;
	const char *number = ui_form_text(f, AF_NUMBER);
	bad |= !number;
	bad |= ui_form_date(f, AF_DATE, &date) != 0;
	dh_decision *d = record_new(DH_R_DECISION);
	if (!d)
		return DH_ENOMEM;
	int rc = aw_ids_from_codes(ui_form_get(f, AF_CANDIDATES), &d->candidates);
	if (!rc && !d->candidates.n) {
		ui_form_error(f, AF_CANDIDATES, "Chọn ít nhất một hồ sơ (Space)");
		bad = 1;
	}
	if (bad || rc) {
		record_free(DH_R_DECISION, d);
		return rc ? rc : DH_EINVAL;
	}
	d->type = DH_DEC_AWARD;
	d->date = date;
	d->year = ctx->cfg->plan.year;
	rc = record_set_str(&d->number, number) | record_set_str(&d->signer, ui_form_get(f, AF_SIGNER)) |
	     record_set_str(&d->award_id, ui_form_get(f, AF_AWARD));
	uint64_t id = 0;
	if (rc == 0)
		rc = wf_award(ctx, d, &id);
	record_free(DH_R_DECISION, d);
	if (rc == 0 && af->marks)
		*af->marks = 0;
	return rc;
}

static void aw_award_target(ui_form *f, int *type, uint64_t *id, uint32_t *rev)
{
	(void)f;
	*type = DH_R_DECISION;
	*id = 0;
	*rev = 0;
}

static void aw_award_destroy(ui_form *f)
{
	aw_award_form *af = f->user;
	if (!af)
		return;
	aw_choices_free(&af->signers);
	aw_choices_free(&af->awards);
	aw_choices_free(&af->cands);
	free(af);
}

static const ui_form_spec aw_award_spec = {
    .name = "award_decision",
    .title = "Quyết định tặng Giấy khen",
    .fields = aw_award_fields,
    .n_fields = AF__COUNT,
    .choices = aw_award_choices,
    .note = aw_award_note,
    .save = aw_award_save,
    .target = aw_award_target,
    .destroy = aw_award_destroy,
};

/* Add the record ID to the checklist when it waits for a Giấy khen. */
void aw_award_offer(ui_form *f, uint64_t id)
{
	aw_award_form *af = f->user;
	dh_ctx *ctx = f->base.ctx;
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
	ui_form *f = ui_form_new(app, &aw_award_spec, af);
	if (!f) {
		free(af);
		return NULL;
	}
	const char *signer = NULL;
	for (size_t i = 0; i < cfg->n_people; i++) {
		const dh_person *p = &cfg->people[i];
		if (!(p->roles & (DH_ROLE_CHIEF | DH_ROLE_LEADER)))
			continue;
		char label[300];
		snprintf(label, sizeof(label), "%s — %s", p->name, p->position ? p->position : "");
		aw_choice_add(&af->signers, p->login, label);
		if (!signer || strcmp(p->login, ctx->login ? ctx->login : "") == 0 ||
		    ((p->roles & DH_ROLE_CHIEF) && !(config_person(cfg, signer)->roles & DH_ROLE_CHIEF)))
			signer = p->login;
	}
	for (size_t i = 0; i < cfg->n_awards; i++)
		aw_choice_add(&af->awards, cfg->awards[i].id, cfg->awards[i].name);
	for (size_t i = 0; i < n; i++)
		aw_award_offer(f, ids[i]);
	char codes[1024] = "";
	size_t o = 0;
	for (size_t i = 0; i < af->cands.n && o < sizeof(codes); i++)
		o += (size_t)snprintf(codes + o, sizeof(codes) - o, "%s%s", i ? "," : "",
		                      af->cands.v[i].value);
	char date[11];
	ui_form_set(f, AF_DATE, date_vn(ctx->today, date));
	ui_form_set(f, AF_SIGNER, signer ? signer : "");
	ui_form_set(f, AF_AWARD, cfg->n_awards ? cfg->awards[0].id : "");
	ui_form_set(f, AF_CANDIDATES, codes);
	ui_form_mark_clean(f);
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
    [RV_REASON] = {"reason", "Lý do thu hồi", UI_F_TEXT, 500, true, 0, 0},
    [RV_DATE] = {"date", "Ngày thu hồi", UI_F_DATE, 0, true, 0, 0},
};

typedef struct aw_revoke_form {
	uint64_t id;
	char what[200];
} aw_revoke_form;

static const char *aw_revoke_note(ui_form *f, int field, char *buf, size_t size)
{
	aw_revoke_form *rf = f->user;
	if (field != RV_REASON)
		return NULL;
	snprintf(buf, size, "%s", rf->what);
	return buf;
}

static int aw_revoke_save(ui_form *f)
{
	aw_revoke_form *rf = f->user;
	int date = 0;
	const char *reason = ui_form_text(f, RV_REASON);
	if (ui_form_date(f, RV_DATE, &date) != 0 || !reason)
		return DH_EINVAL;
	int rc = wf_decision_revoke(f->base.ctx, rf->id, reason, date);
	if (rc == 0)
		ui_message(f->base.app, "Đã thu hồi quyết định.");
	return rc;
}

static void aw_revoke_target(ui_form *f, int *type, uint64_t *id, uint32_t *rev)
{
	aw_revoke_form *rf = f->user;
	*type = DH_R_DECISION;
	*id = rf->id;
	*rev = 0;
}

static void aw_revoke_destroy(ui_form *f)
{
	free(f->user);
}

static const ui_form_spec aw_revoke_spec = {
    .name = "award_revoke",
    .title = "Thu hồi quyết định",
    .fields = aw_revoke_fields,
    .n_fields = RV__COUNT,
    .note = aw_revoke_note,
    .save = aw_revoke_save,
    .target = aw_revoke_target,
    .destroy = aw_revoke_destroy,
};

ui_form *aw_revoke_form_open(ui_app *app, const dh_decision *d)
{
	dh_ctx *ctx = ui_ctx(app);
	aw_revoke_form *rf = calloc(1, sizeof(*rf));
	if (!rf)
		return NULL;
	ui_form *f = ui_form_new(app, &aw_revoke_spec, rf);
	if (!f) {
		free(rf);
		return NULL;
	}
	char date[11];
	rf->id = d->meta.id;
	snprintf(rf->what, sizeof(rf->what), "Quyết định số %s ngày %s, %zu hồ sơ",
	         d->number ? d->number : "", date_vn(d->date, date), d->candidates.n);
	ui_form_set(f, RV_DATE, date_vn(ctx->today, date));
	ui_form_mark_clean(f);
	f->readonly = d->revoked || !wf_may(ctx, DH_ACT_REVOKE);
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
