/* scr_awards_forms.c — the forms of screen 4, each bound to its record
 * (ui_form.h): the award decision (a Giấy khen for the recognised records
 * ticked), revoking a decision, a ceremony, a replication activity, and
 * the follow-up of a record toward the provincial level. */
#include "scr_awards_internal.h"

#include "dienhinh/date.h"
#include "dienhinh/error.h"
#include "dienhinh/repo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- the award decision form -------------------------------------------------- */

enum { AF_NUMBER, AF_DATE, AF_SIGNER, AF_AWARD, AF_CANDIDATES, AF__COUNT };

static const ui_field aw_award_fields[] = {
    [AF_NUMBER] = {"number", "Số quyết định", UI_F_TEXT, 200, true, 0, 0, .bind = "number"},
    [AF_DATE] = {"date", "Ngày ký", UI_F_DATE, 0, true, 0, 0, .bind = "date"},
    [AF_SIGNER] = {"signer", "Người ký", UI_F_CHOICE, 0, true, 0, 0, .bind = "signer"},
    [AF_AWARD] = {"award_id", "Hình thức", UI_F_CHOICE, 0, true, 0, 0, .bind = "award_id"},
    [AF_CANDIDATES] = {"candidates", "Hồ sơ được khen", UI_F_CHECKS, 0, true, 0, 0, .bind = "candidates"},
    {0},
};

typedef struct aw_award_form {
	size_t *marks;                 /* the screen's marked records, cleared once the decision is made */
	const char *signer;            /* who signs unless changed: me, else the Chief Inspector */
	ui_choices choices[AF__COUNT]; /* by field: signers, awards, records (the rest none) */
} aw_award_form;

static size_t aw_award_choices(ui_form *f, int field, const ui_choice **out)
{
	aw_award_form *af = f->user;
	return aw_choices_get(&af->choices[field], out);
}

static const char *aw_award_note(ui_form *f, int field, char *buf, size_t size)
{
	const ui_choices *cands = &((aw_award_form *)f->user)->choices[AF_CANDIDATES];
	if (field != AF_CANDIDATES)
		return NULL;
	int n = 0;
	for (size_t i = 0; i < cands->n; i++)
		n += ui_form_checked(f, field, cands->v[i].value);
	if (!cands->n)
		snprintf(buf, size, "Không có hồ sơ nào đã công nhận đang chờ khen thưởng.");
	else
		snprintf(buf, size, "Đã chọn %d/%zu hồ sơ (Space để chọn / bỏ)", n, cands->n);
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
	const ui_choices *cands = &af->choices[AF_CANDIDATES];
	const dh_config *cfg = f->base.ctx->cfg;
	dh_decision *d = rec;
	d->type = DH_DEC_AWARD;
	d->year = cfg->plan.year;
	d->date = f->base.ctx->today;
	record_set_str(&d->signer, af->signer);
	record_set_str(&d->award_id, cfg->n_awards ? cfg->awards[0].id : NULL);
	for (size_t i = 0; i < cands->n; i++)
		idlist_push(&d->candidates, strtoull(cands->v[i].value, NULL, 10));
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
	for (int i = 0; i < AF__COUNT; i++)
		ui_choices_free(&af->choices[i]);
	free(af);
}

static const ui_form_spec aw_award_spec = {
    .name = "award_decision",
    .title = "Quyết định tặng Giấy khen",
    .fields = aw_award_fields,
    .choices = aw_award_choices,
    .note = aw_award_note,
    .type = DH_R_DECISION,
    .write = aw_award_write,
    .defaults = aw_award_defaults,
    .check = aw_award_check,
    .saved = aw_award_saved,
    .free_user = aw_award_free,
};

/* Add the record ID to the checklist when it waits for a Giấy khen. */
static void aw_award_offer_to(aw_award_form *af, dh_ctx *ctx, uint64_t id)
{
	ui_choices *cands = &af->choices[AF_CANDIDATES];
	char code[24], label[400];
	snprintf(code, sizeof(code), "%llu", (unsigned long long)id);
	if (cands->n >= AW_CHECKS_MAX)
		return;
	for (size_t i = 0; i < cands->n; i++)
		if (strcmp(cands->v[i].value, code) == 0)
			return;
	void *rec = NULL;
	if (repo_get(ctx->store, DH_R_CANDIDATE, id, &rec) != 0)
		return;
	const dh_candidate *c = rec;
	if (!c->meta.deleted && c->stage == DH_STAGE_RECOGNISED && !c->on_hold) {
		aw_candidate_label(ctx->cfg, c, label, sizeof(label));
		ui_choices_add(cands, code, label);
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
		ui_choices_add(&af->choices[AF_SIGNER], p->login, label);
		if (!af->signer || strcmp(p->login, ctx->login ? ctx->login : "") == 0 ||
		    ((p->roles & DH_ROLE_CHIEF) && !(config_person(cfg, af->signer)->roles & DH_ROLE_CHIEF)))
			af->signer = p->login;
	}
	for (size_t i = 0; i < cfg->n_awards; i++)
		ui_choices_add(&af->choices[AF_AWARD], cfg->awards[i].id, cfg->awards[i].name);
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

static const ui_field aw_revoke_fields[] = {
    [RV_REASON] = {"reason", "Lý do thu hồi", UI_F_TEXT, 500, true, 0, 0, .bind = "revoke_reason"},
    [RV_DATE] = {"date", "Ngày thu hồi", UI_F_DATE, 0, true, 0, 0, .bind = "revoke_date"},
    {0},
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

static const ui_form_spec aw_revoke_spec = {
    .name = "award_revoke",
    .title = "Thu hồi quyết định",
    .fields = aw_revoke_fields,
    .note = aw_revoke_note,
    .type = DH_R_DECISION,
    .write = aw_revoke_write,
    .load = aw_revoke_load,
    .saved = aw_revoke_saved,
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

/* --- ceremonies ------------------------------------------------------------------- */

enum { CE_DATE, CE_TITLE, CE_PLACE, CE_DECISIONS, CE_NOTES, CE__COUNT };

static const ui_field aw_cer_fields[] = {
    [CE_DATE] = {"date", "Ngày tổ chức", UI_F_DATE, 0, true, 0, 0, .bind = "date"},
    [CE_TITLE] = {"title", "Tên buổi tuyên dương", UI_F_TEXT, 500, true, 0, 0, .bind = "title"},
    [CE_PLACE] = {"place", "Địa điểm", UI_F_TEXT, 500, false, 0, 0, .bind = "place"},
    [CE_DECISIONS] = {"decisions", "Quyết định trao", UI_F_CHECKS, 0, false, 0, 0, .bind = "decisions"},
    [CE_NOTES] = {"notes", "Ghi chú", UI_F_LONG, 20000, false, 0, 0, .bind = "notes"},
    {0},
};

/* f->user: the decisions a ceremony may hand out (ui_choices). */
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

static const ui_form_spec aw_cer_spec = {
    .name = "ceremony",
    .title = "Buổi tuyên dương",
    .fields = aw_cer_fields,
    .choices = aw_cer_choices,
    .type = DH_R_CEREMONY,
    .write = aw_cer_write,
    .defaults = aw_cer_defaults,
    .free_user = aw_choices_destroy,
};

typedef struct aw_dec_pick {
	ui_choices *decisions;
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
	return ui_choices_add_id(p->decisions, d->meta.id, label) ? -1 : 0;
}

ui_form *aw_ceremony_form_open(ui_app *app, const dh_ceremony *c)
{
	dh_ctx *ctx = ui_ctx(app);
	ui_choices *decisions = calloc(1, sizeof(*decisions));
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

/* --- replication activities ------------------------------------------------------ */

enum { AC_CANDIDATE, AC_KIND, AC_DATE, AC_TITLE, AC_URL, AC_PRESENTER, AC_AUDIENCE, AC_ATTENDEES, AC__COUNT };

static const ui_field aw_act_fields[] = {
    [AC_CANDIDATE] = {"candidate_id", "Hồ sơ", UI_F_CHOICE, 0, true, 0, 0, .bind = "candidate_id",
                      .invalid = "Chọn hồ sơ"},
    [AC_KIND] = {"kind", "Hình thức", UI_F_CHOICE, 0, true, 0, 0, .bind = "kind",
                 .invalid = "Chọn một hình thức"},
    [AC_DATE] = {"date", "Ngày", UI_F_DATE, 0, true, 0, 0, .bind = "date"},
    [AC_TITLE] = {"title", "Nội dung", UI_F_TEXT, 500, true, 0, 0, .bind = "title"},
    [AC_URL] = {"url", "Địa chỉ bài đăng", UI_F_TEXT, 500, false, 0, 0, .bind = "url"},
    [AC_PRESENTER] = {"presenter", "Người trình bày", UI_F_TEXT, 300, false, 0, 0, .bind = "presenter"},
    [AC_AUDIENCE] = {"audience", "Đối tượng", UI_F_TEXT, 500, false, 0, 0, .bind = "audience"},
    [AC_ATTENDEES] = {"attendees", "Số người dự", UI_F_NUMBER, 8, false, 0, 1000000, .bind = "attendees"},
    {0},
};

static const ui_choice aw_act_kind_choices[3] = {
    {"0", "Hội nghị, cuộc họp cơ quan"},
    {"1", "Đăng trên trang thông tin điện tử"},
    {"2", "Hình thức khác"},
};

/* f->user: the one record the activity belongs to, as a choice. */
static size_t aw_act_choices(ui_form *f, int field, const ui_choice **out)
{
	if (field == AC_KIND) {
		*out = aw_act_kind_choices;
		return 3;
	}
	return field == AC_CANDIDATE ? aw_choices_get(f->user, out) : 0;
}

static const char *aw_act_note(ui_form *f, int field, char *buf, size_t size)
{
	if (field != AC_URL)
		return NULL;
	const char *site = f->base.ctx->cfg->organization.website;
	if (atoi(ui_form_get(f, AC_KIND)) == DH_ACT_WEBSITE)
		snprintf(buf, size, "Bắt buộc, dạng %s/…", site ? site : "https://");
	else
		snprintf(buf, size, "Chỉ cần khi đăng trên trang thông tin điện tử");
	return buf;
}

static int aw_act_write(dh_ctx *ctx, const void *rec, uint64_t *id)
{
	return wf_activity_save(ctx, rec, id);
}

/* A new activity of the record offered: an agency meeting today,
 * presented by me. */
static void aw_act_defaults(ui_form *f, void *rec)
{
	dh_ctx *ctx = f->base.ctx;
	const ui_choices *candidate = f->user;
	dh_activity *a = rec;
	a->candidate_id = strtoull(candidate->v[0].value, NULL, 10);
	a->kind = DH_ACT_MEETING;
	a->date = ctx->today;
	record_set_str(&a->presenter, ctx->person ? ctx->person->name : ctx->login);
}

/* Nobody counted: the box stays empty rather than saying 0. */
static void aw_act_load(ui_form *f, const void *rec)
{
	if (!((const dh_activity *)rec)->attendees)
		ui_form_set(f, AC_ATTENDEES, "");
}

/* A new activity's draft points at its record; an edit at the activity. */
static void aw_act_target(ui_form *f, int *type, uint64_t *id, uint32_t *rev)
{
	const dh_activity *a = f->rec;
	*type = a->meta.id ? DH_R_ACTIVITY : DH_R_CANDIDATE;
	*id = a->meta.id ? a->meta.id : a->candidate_id;
	*rev = a->meta.rev;
}

static const ui_form_spec aw_act_spec = {
    .name = "activity",
    .title = "Hoạt động nhân rộng",
    .fields = aw_act_fields,
    .choices = aw_act_choices,
    .note = aw_act_note,
    .type = DH_R_ACTIVITY,
    .write = aw_act_write,
    .defaults = aw_act_defaults,
    .load = aw_act_load,
    .target = aw_act_target,
    .free_user = aw_choices_destroy,
};

/* A form over A (NULL: a new activity of CANDIDATE_ID). */
ui_form *aw_activity_form_open(ui_app *app, const dh_activity *a, uint64_t candidate_id)
{
	dh_ctx *ctx = ui_ctx(app);
	void *cand = NULL;
	if (!ctx->store ||
	    repo_get(ctx->store, DH_R_CANDIDATE, a ? a->candidate_id : candidate_id, &cand) != 0) {
		ui_error(app, "Không đọc được hồ sơ.");
		return NULL;
	}
	const dh_candidate *c = cand;
	ui_choices *candidate = calloc(1, sizeof(*candidate));
	char label[400];
	aw_candidate_label(ctx->cfg, c, label, sizeof(label));
	if (candidate && ui_choices_add_id(candidate, c->meta.id, label) != 0) {
		aw_choices_destroy(candidate);
		candidate = NULL;
	}
	ui_form *f = candidate ? ui_form_open(app, &aw_act_spec, a, candidate) : NULL;
	if (f) {
		const dh_activity *rec = f->rec;
		f->readonly = rec->meta.deleted || !wf_candidate_may(ctx, DH_ACT_REPLICATE, c);
		ui_form_focus(f, a ? AC_TITLE : AC_KIND);
	}
	record_free(DH_R_CANDIDATE, cand);
	return f;
}

ui_form *aw_activity_form_restore(ui_app *app, const dh_draft *d)
{
	if (d->target_type != DH_R_ACTIVITY)
		return aw_activity_form_open(app, NULL, d->target_id);
	void *rec = NULL;
	if (repo_get(ui_ctx(app)->store, DH_R_ACTIVITY, d->target_id, &rec) != 0)
		return NULL;
	ui_form *f = aw_activity_form_open(app, rec, 0);
	record_free(DH_R_ACTIVITY, rec);
	return f;
}

/* --- follow-up toward the provincial level ---------------------------------------- */

enum { FU_PROVINCIAL, FU_NOTES, FU__COUNT };

static const ui_field aw_fu_fields[] = {
    [FU_PROVINCIAL] = {"aims_provincial", "Hướng tới cấp tỉnh", UI_F_BOOL, 0, false, 0, 0,
                       .bind = "aims_provincial"},
    [FU_NOTES] = {"followup_notes", "Theo dõi tiếp", UI_F_LONG, 20000, false, 0, 0, .bind = "followup_notes"},
    {0},
};

/* Which record: its name, year and department under the box. */
static const char *aw_fu_note(ui_form *f, int field, char *buf, size_t size)
{
	if (field != FU_PROVINCIAL)
		return NULL;
	aw_candidate_label(f->base.ctx->cfg, f->rec, buf, size);
	return buf;
}

static int aw_fu_write(dh_ctx *ctx, const void *rec, uint64_t *id)
{
	return wf_candidate_save(ctx, rec, id);
}

static const ui_form_spec aw_fu_spec = {
    .name = "followup",
    .title = "Theo dõi hướng tới cấp tỉnh",
    .fields = aw_fu_fields,
    .note = aw_fu_note,
    .type = DH_R_CANDIDATE,
    .write = aw_fu_write,
};

ui_form *aw_followup_form_open(ui_app *app, const dh_candidate *c)
{
	ui_form *f = ui_form_open(app, &aw_fu_spec, c, NULL);
	if (!f)
		return NULL;
	f->readonly = !wf_candidate_may(ui_ctx(app), DH_ACT_EDIT, c);
	ui_form_focus(f, FU_PROVINCIAL);
	return f;
}

ui_form *aw_followup_form_restore(ui_app *app, const dh_draft *d)
{
	void *rec = NULL;
	if (repo_get(ui_ctx(app)->store, DH_R_CANDIDATE, d->target_id, &rec) != 0)
		return NULL;
	ui_form *f = aw_followup_form_open(app, rec);
	record_free(DH_R_CANDIDATE, rec);
	return f;
}
