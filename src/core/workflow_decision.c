/* workflow_decision.c — decisions (screens 3 and 4) and what follows them
 * (screens 4–6): recognition and Giấy khen decisions, revocation,
 * ceremonies, replication activities, reviews, dissemination and
 * coordination notes. */
#include "workflow_internal.h"

#include "dienhinh/error.h"
#include "dienhinh/holds.h"
#include "dienhinh/snapshot.h"

#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

typedef struct number_scan {
	const char *number;
	uint64_t found;
} number_scan;

static int number_visit(const void *rec, void *p)
{
	const dh_decision *d = rec;
	number_scan *s = p;
	if (!d->meta.deleted && !d->revoked && decision_number_same(d->number, s->number)) {
		s->found = d->meta.id;
		return 1;
	}
	return 0;
}

static int decision_body(dh_repo_tx *tx, wf_op *op)
{
	bool award = op->action == DH_ACT_AWARD;
	dh_decision *d;
	number_scan ns;
	int rc;
	if ((rc = wf_input_copy(op, (void **)&d)))
		return rc;
	ns = (number_scan){.number = d->number};
	if ((rc = repo_tx_each(tx, DH_R_DECISION, number_visit, &ns)))
		return rc;
	if (ns.found)
		return say_field(op->ctx, DH_EINVAL, "number",
		                 "Số quyết định «%s» đã dùng (quyết định #%llu).", d->number,
		                 (unsigned long long)ns.found);
	if ((rc = wf_put_out(tx, op, wf_action_name(op->action), NULL, DH_R_DECISION, d)))
		return rc;
	for (size_t i = 0; i < d->candidates.n; i++) {
		dh_candidate *c;
		if ((rc = wf_load_live(tx, op, DH_R_CANDIDATE, d->candidates.v[i], (void **)&c)))
			return rc;
		char why[512];
		if (hold_refusal(op->ctx->cfg, c, award ? "khen thưởng" : "công nhận", why, sizeof(why)))
			return say(op->ctx, DH_EHOLD, "%s", why);
		if ((rc = wf_stage_gate(op->ctx, op->action, c)))
			return rc;
		wf_advance(c, op->action);
		if (award) {
			c->award_date = d->date;
			rc = record_set_str(&c->award_decision, d->number);
		} else {
			c->recognised_date = d->date;
			rc = record_set_str(&c->recognised_decision, d->number);
		}
		if (rc || (rc = wf_put(tx, op, wf_action_name(op->action), d->number, DH_R_CANDIDATE, c)))
			return rc;
	}
	return 0;
}

/* The signer (default: the actor) and the award (default: config's first)
 * are config's; a decision names each candidate once. */
static int decision_clean(wf_op *op, void *rec)
{
	dh_ctx *ctx = op->ctx;
	dh_decision *d = rec;
	int rc;
	if (d->meta.id)
		return say(ctx, DH_EINVAL,
		           "Quyết định đã ban hành không sửa được: thu hồi rồi ban hành quyết định mới.");
	d->type = op->action == DH_ACT_AWARD ? DH_DEC_AWARD : DH_DEC_RECOGNITION;
	d->revoked = false;
	d->revoke_date = 0;
	if ((rc = wf_check_fields(ctx, DH_R_DECISION, d)) || (rc = record_set_str(&d->revoke_reason, NULL)))
		return rc;
	if (!d->signer && (rc = record_set_str(&d->signer, ctx->login)))
		return rc;
	if (!config_person(ctx->cfg, d->signer))
		return say_field(ctx, DH_EINVAL, "signer", "Người ký «%s» không có trong cấu hình.",
		                 d->signer);
	if (d->type != DH_DEC_AWARD)
		rc = record_set_str(&d->award_id, NULL);
	else if (!d->award_id && ctx->cfg->n_awards > 0)
		rc = record_set_str(&d->award_id, ctx->cfg->awards[0].id);
	if (rc)
		return rc;
	if (d->type == DH_DEC_AWARD && (!d->award_id || !config_award(ctx->cfg, d->award_id)))
		return say_field(ctx, DH_EINVAL, "award_id",
		                 "Hình thức khen thưởng «%s» không có trong cấu hình.",
		                 d->award_id ? d->award_id : "");
	if (d->candidates.n == 0)
		return say_field(ctx, DH_EINVAL, "candidates", "Quyết định chưa có hồ sơ nào.");
	for (size_t i = 0; i < d->candidates.n; i++)
		for (size_t j = 0; j < i; j++)
			if (d->candidates.v[i] == d->candidates.v[j])
				return say_field(ctx, DH_EINVAL, "candidates",
				                 "Hồ sơ #%llu có hai lần trong quyết định.",
				                 (unsigned long long)d->candidates.v[i]);
	/* What the decision is made under, kept with it (snapshot.h). */
	return snapshot_take_decision(d, ctx->cfg);
}

int wf_recognise(dh_ctx *ctx, const dh_decision *in, uint64_t *out_id)
{
	return wf_save(ctx, DH_ACT_RECOGNISE, DH_R_DECISION, in, decision_clean, decision_body, out_id);
}

int wf_award(dh_ctx *ctx, const dh_decision *in, uint64_t *out_id)
{
	return wf_save(ctx, DH_ACT_AWARD, DH_R_DECISION, in, decision_clean, decision_body, out_id);
}

/* One step back for a candidate this decision put where it is:
 * recognised → approved, awarded → recognised. */
static int revoke_candidate(dh_candidate *c, bool award)
{
	if (award) {
		c->stage = DH_STAGE_RECOGNISED;
		c->award_date = 0;
		return record_set_str(&c->award_decision, NULL);
	}
	c->stage = DH_STAGE_APPROVED;
	c->recognised_date = 0;
	return record_set_str(&c->recognised_decision, NULL);
}

static int revoke_body(dh_repo_tx *tx, wf_op *op)
{
	dh_decision *d;
	int rc;
	if ((rc = wf_load_live(tx, op, DH_R_DECISION, op->target, (void **)&d)))
		return rc;
	if (d->revoked)
		return say(op->ctx, DH_ELOCKED, "Quyết định %s đã bị thu hồi.", d->number ? d->number : "");
	bool award = d->type == DH_DEC_AWARD;
	for (size_t i = 0; i < d->candidates.n; i++) {
		dh_candidate *c;
		if ((rc = wf_load(tx, op, DH_R_CANDIDATE, d->candidates.v[i], (void **)&c)))
			return rc;
		if (!award && c->stage == DH_STAGE_AWARDED)
			return say(op->ctx, DH_ESTAGE,
			           "«%s» đã được khen thưởng theo quyết định %s: thu hồi quyết định khen "
			           "thưởng trước.",
			           c->name, c->award_decision ? c->award_decision : "");
		const char *number = award ? c->award_decision : c->recognised_decision;
		int stage = award ? DH_STAGE_AWARDED : DH_STAGE_RECOGNISED;
		/* Only candidates this decision put where they are go back. */
		if (c->stage != stage || !number || !d->number || strcmp(number, d->number) != 0)
			continue;
		if ((rc = revoke_candidate(c, award)) ||
		    (rc = wf_put(tx, op, "revoke", op->reason, DH_R_CANDIDATE, c)))
			return rc;
	}
	d->revoked = true;
	d->revoke_date = op->arg[0];
	if ((rc = record_set_str(&d->revoke_reason, op->reason)))
		return rc;
	return wf_put_out(tx, op, "revoke", op->reason, DH_R_DECISION, d);
}

static const wf_arg_check revoke_date = {
    .date = true, .zero_today = true, .field = "date", .text = "Ngày thu hồi"};

int wf_decision_revoke(dh_ctx *ctx, uint64_t decision_id, const char *reason, int date)
{
	wf_args args = {.target = decision_id,
	                .arg = {date},
	                .arg0 = &revoke_date,
	                .why = {.text = reason, .label = "Lý do thu hồi", .required = true}};
	return wf_act(ctx, DH_ACT_REVOKE, revoke_body, &args, NULL);
}

/* --- commendation, replication, review, implementation ------------------- */

/* A record with nothing more to check in the write than its update. */
static int plain_body(dh_repo_tx *tx, wf_op *op)
{
	void *stored;
	int rc = wf_check_stored(tx, op, &stored);
	return rc ? rc : wf_put_input(tx, op);
}

/* The decisions a ceremony commends are live and not revoked. */
static int ceremony_body(dh_repo_tx *tx, wf_op *op)
{
	const dh_ceremony *in = op->in;
	for (size_t i = 0; i < in->decisions.n; i++) {
		dh_decision *d;
		int rc = wf_load_live(tx, op, DH_R_DECISION, in->decisions.v[i], (void **)&d);
		if (rc)
			return rc;
		if (d->revoked)
			return say_field(op->ctx, DH_EINVAL, "decisions", "Quyết định %s đã bị thu hồi.",
			                 d->number ? d->number : "");
	}
	return plain_body(tx, op);
}

static int ceremony_clean(wf_op *op, void *rec)
{
	return wf_check_fields(op->ctx, DH_R_CEREMONY, rec);
}

int wf_ceremony_save(dh_ctx *ctx, const dh_ceremony *in, uint64_t *out_id)
{
	return wf_save(ctx, DH_ACT_CEREMONY, DH_R_CEREMONY, in, ceremony_clean, ceremony_body, out_id);
}

static int activity_body(dh_repo_tx *tx, wf_op *op)
{
	dh_candidate *c;
	int rc;
	if ((rc = wf_load_entry(tx, op, offsetof(dh_activity, candidate_id),
	                        "Không chuyển được hoạt động nhân rộng sang hồ sơ khác.", &c)) ||
	    (rc = wf_stage_gate(op->ctx, DH_ACT_REPLICATE, c)))
		return rc;
	return wf_put_input(tx, op);
}

static bool web_address(const char *url)
{
	if (strncmp(url, "https://", 8) != 0 && strncmp(url, "http://", 7) != 0)
		return false;
	const char *host = strstr(url, "://") + 3;
	if (!*host || *host == '/')
		return false;
	for (const char *p = url; *p; p++)
		if (isspace((unsigned char)*p))
			return false;
	return true;
}

/* A website post needs its address, and an address must be a web one. */
static int activity_clean(wf_op *op, void *rec)
{
	dh_ctx *ctx = op->ctx;
	dh_activity *a = rec;
	int rc;
	if (a->kind < DH_ACT_MEETING || a->kind > DH_ACT_OTHER)
		return say_field(ctx, DH_EINVAL, "kind", "Hình thức nhân rộng không hợp lệ.");
	if (a->attendees < 0 || a->attendees > 1000000)
		return say_field(ctx, DH_EINVAL, "attendees", "Số người dự phải từ 0 đến 1.000.000.");
	if ((rc = wf_check_fields(ctx, DH_R_ACTIVITY, a)))
		return rc;
	if (!a->url && a->kind == DH_ACT_WEBSITE)
		return say_field(ctx, DH_EINVAL, "url", "Chưa nhập Địa chỉ bài đăng.");
	if (a->url && !web_address(a->url))
		return say_field(ctx, DH_EINVAL, "url",
		                 "Địa chỉ «%s» phải bắt đầu bằng http:// hoặc https://.", a->url);
	return 0;
}

int wf_activity_save(dh_ctx *ctx, const dh_activity *in, uint64_t *out_id)
{
	return wf_save(ctx, DH_ACT_REPLICATE, DH_R_ACTIVITY, in, activity_clean, activity_body, out_id);
}

/* A review without a title gets the plan's own words for it. */
static int review_clean(wf_op *op, void *rec)
{
	dh_review *r = rec;
	if (r->kind != DH_REVIEW_PRELIMINARY && r->kind != DH_REVIEW_FINAL)
		return say_field(op->ctx, DH_EINVAL, "kind", "Loại sơ kết, tổng kết không hợp lệ.");
	int rc = wf_check_fields(op->ctx, DH_R_REVIEW, r);
	if (rc || r->title)
		return rc;
	char title[160];
	snprintf(title, sizeof(title),
	         "%s công tác xây dựng, bồi dưỡng, nhân rộng điển hình tiên tiến năm %d",
	         r->kind == DH_REVIEW_FINAL ? "Tổng kết" : "Sơ kết", r->year);
	return record_set_str(&r->title, title);
}

int wf_review_save(dh_ctx *ctx, const dh_review *in, uint64_t *out_id)
{
	return wf_save(ctx, DH_ACT_REVIEW, DH_R_REVIEW, in, review_clean, plain_body, out_id);
}

/* Dissemination and coordination share their shape: year, department,
 * date, by, notes. */
static int department_note(wf_op *op, int *year, char **department, int *date, char **by, char **notes)
{
	dh_ctx *ctx = op->ctx;
	int rc;
	if ((rc = wf_check_year(ctx, year)) ||
	    (rc = wf_clean_text(ctx, department, "department", "Phòng", false, WF_MAX_LINE, true)) ||
	    (rc = wf_check_department(ctx, *department)) ||
	    (rc = wf_permit_in(ctx, op->action, *department)) ||
	    (rc = wf_check_date(ctx, date, true, "date", "Ngày")) ||
	    (rc = wf_clean_text(ctx, by, "by", "Người thực hiện", false, WF_MAX_LINE, false)) ||
	    (rc = wf_clean_text(ctx, notes, "notes", "Nội dung", true, WF_MAX_TEXT, false)))
		return rc;
	return wf_default_by(ctx, by);
}

static int dissemination_clean(wf_op *op, void *rec)
{
	dh_dissemination *d = rec;
	if (d->attendees < 0 || d->attendees > 100000)
		return say_field(op->ctx, DH_EINVAL, "attendees", "Số người dự phải từ 0 đến 100.000.");
	return department_note(op, &d->year, &d->department, &d->date, &d->by, &d->notes);
}

int wf_dissemination_save(dh_ctx *ctx, const dh_dissemination *in, uint64_t *out_id)
{
	return wf_save(ctx, DH_ACT_DISSEMINATE, DH_R_DISSEMINATION, in, dissemination_clean, plain_body,
	               out_id);
}

static int coordination_clean(wf_op *op, void *rec)
{
	dh_coordination *d = rec;
	return department_note(op, &d->year, &d->department, &d->date, &d->by, &d->notes);
}

int wf_coordination_save(dh_ctx *ctx, const dh_coordination *in, uint64_t *out_id)
{
	return wf_save(ctx, DH_ACT_COORDINATE, DH_R_COORDINATION, in, coordination_clean, plain_body, out_id);
}
