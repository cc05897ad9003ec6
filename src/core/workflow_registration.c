/* workflow_registration.c — registrations (screen 3): nominating a
 * candidate, a department's nil return, the Office's check, returning and
 * withdrawing, and which departments have answered. */
#include "workflow_internal.h"

#include "dienhinh/error.h"

#include <stddef.h>
#include <string.h>

static int nominate_body(dh_repo_tx *tx, wf_op *op)
{
	const dh_registration *in = op->in;
	dh_candidate *c;
	dh_registration *r;
	wf_ids rs;
	int rc;
	if ((rc = wf_load_live(tx, op, DH_R_CANDIDATE, in->candidate_id, (void **)&c)) ||
	    (rc = wf_permit_in(op->ctx, DH_ACT_NOMINATE, c->department)))
		return rc;
	if ((rc = wf_stage_gate(op->ctx, DH_ACT_NOMINATE, c)) ||
	    (rc = wf_active_registrations(tx, c->meta.id, &rs)))
		return rc;
	if (rs.n > 0)
		return say(op->ctx, DH_ESTAGE, "«%s» đã có hồ sơ đăng ký #%llu đang xét.", c->name,
		           (unsigned long long)rs.ids[0]);
	if ((rc = wf_input_copy(op, (void **)&r)))
		return rc;
	if (!r->description && (rc = record_set_str(&r->description, c->description)))
		return rc;
	if (!r->description)
		return say_field(op->ctx, DH_EINVAL, "description",
		                 "Chưa có bản mô tả sáng kiến, mô hình của «%s».", c->name);
	/* Carried forward from an earlier year, considered in this one. */
	if (c->year && c->year < op->ctx->cfg->plan.year)
		c->year = op->ctx->cfg->plan.year;
	r->year = c->year;
	r->status = DH_REG_SUBMITTED;
	r->complete = false;
	if ((rc = record_set_str(&r->department, c->department)) ||
	    (rc = record_set_str(&r->registered_by, op->ctx->login)) ||
	    (rc = record_set_str(&r->reason, NULL)) || (rc = record_set_str(&r->checked_by, NULL)) ||
	    (rc = record_set_str(&r->late_approved_by, op->flag ? op->ctx->login : NULL)) ||
	    (!op->flag && (rc = record_set_str(&r->late_reason, NULL))))
		return rc;
	if ((rc = wf_put_out(tx, op, "nominate", r->late_reason, DH_R_REGISTRATION, r)))
		return rc;
	wf_advance(c, DH_ACT_NOMINATE);
	return wf_put(tx, op, "nominate", r->late_reason, DH_R_CANDIDATE, c);
}

static int nominate_clean(wf_op *op, void *rec)
{
	dh_ctx *ctx = op->ctx;
	dh_registration *r = rec;
	if (r->meta.id)
		return say(ctx, DH_EINVAL, "Hồ sơ đăng ký đã gửi: muốn thay đổi thì rút rồi đăng ký lại.");
	int rc = wf_check_fields(ctx, DH_R_REGISTRATION, r);
	return rc ? rc : wf_deadline_gate(ctx, DH_ACT_NOMINATE, r->late_reason, &op->flag);
}

int wf_nominate(dh_ctx *ctx, const dh_registration *in, uint64_t *out_id)
{
	return wf_save(ctx, DH_ACT_NOMINATE, DH_R_REGISTRATION, in, nominate_clean, nominate_body, out_id);
}

/* Does the department have an answer for the year (or a clash)? */
typedef struct answer_scan {
	int year;
	const char *department;
	uint64_t registration, nil_return;
} answer_scan;

static int answer_reg_visit(const void *rec, void *p)
{
	const dh_registration *r = rec;
	answer_scan *s = p;
	if (wf_registration_active(r) && r->year == s->year && r->department &&
	    strcmp(r->department, s->department) == 0) {
		s->registration = r->meta.id;
		return 1;
	}
	return 0;
}

static int answer_nil_visit(const void *rec, void *p)
{
	const dh_nil_return *n = rec;
	answer_scan *s = p;
	if (!n->meta.deleted && n->year == s->year && n->department &&
	    strcmp(n->department, s->department) == 0) {
		s->nil_return = n->meta.id;
		return 1;
	}
	return 0;
}

static int nil_return_body(dh_repo_tx *tx, wf_op *op)
{
	const dh_nil_return *in = op->in;
	answer_scan s = {.year = in->year, .department = in->department};
	int rc;
	if ((rc = repo_tx_each(tx, DH_R_REGISTRATION, answer_reg_visit, &s)) ||
	    (rc = repo_tx_each(tx, DH_R_NIL_RETURN, answer_nil_visit, &s)))
		return rc;
	const char *dept = config_department_name(op->ctx->cfg, in->department);
	if (s.registration)
		return say(op->ctx, DH_EINVAL, "%s đã có hồ sơ đăng ký năm %d (#%llu).", dept, in->year,
		           (unsigned long long)s.registration);
	void *stored;
	if ((rc = wf_check_stored(tx, op, &stored)))
		return rc;
	if (s.nil_return && s.nil_return != in->meta.id)
		return say(op->ctx, DH_EINVAL, "%s đã báo không có đăng ký năm %d.", dept, in->year);
	return wf_put_input(tx, op);
}

static int nil_return_clean(wf_op *op, void *rec)
{
	dh_ctx *ctx = op->ctx;
	dh_nil_return *n = rec;
	int rc;
	if ((rc = wf_check_year(ctx, &n->year)) || (rc = wf_check_department(ctx, n->department)) ||
	    (rc = wf_permit_in(ctx, DH_ACT_NIL_RETURN, n->department)) ||
	    (rc = wf_check_fields(ctx, DH_R_NIL_RETURN, n)))
		return rc;
	return wf_default_by(ctx, &n->by);
}

int wf_nil_return(dh_ctx *ctx, const dh_nil_return *in, uint64_t *out_id)
{
	return wf_save(ctx, DH_ACT_NIL_RETURN, DH_R_NIL_RETURN, in, nil_return_clean, nil_return_body,
	               out_id);
}

static int accept_body(dh_repo_tx *tx, wf_op *op)
{
	dh_registration *r;
	int rc;
	if ((rc = wf_load_live(tx, op, DH_R_REGISTRATION, op->target, (void **)&r)))
		return rc;
	if (r->status != DH_REG_SUBMITTED)
		return say(op->ctx, DH_ESTAGE,
		           "Hồ sơ đăng ký đang ở trạng thái «%s»: chỉ kiểm tra hồ sơ mới gửi.",
		           reg_status_label(r->status));
	r->status = DH_REG_ACCEPTED;
	r->complete = true;
	if ((rc = record_set_str(&r->checked_by, op->ctx->login)))
		return rc;
	return wf_put_out(tx, op, "check_registration", NULL, DH_R_REGISTRATION, r);
}

int wf_registration_accept(dh_ctx *ctx, uint64_t registration_id)
{
	wf_args args = {.target = registration_id};
	return wf_act(ctx, DH_ACT_CHECK_REGISTRATION, accept_body, &args, NULL);
}

/* An open agenda item of the candidate goes with its registration. */
static int drop_open_item(dh_repo_tx *tx, wf_op *op, void *rec)
{
	(void)tx;
	dh_vote_item *it = rec;
	if (it->closed)
		return WF_LEAVE;
	it->meta.deleted = true;
	return record_set_str(&it->meta.deleted_reason, op->reason ? op->reason : "Rút đăng ký");
}

static int return_body(dh_repo_tx *tx, wf_op *op)
{
	dh_action a = op->action;
	dh_registration *r;
	dh_candidate *c;
	int rc;
	if ((rc = wf_load_live(tx, op, DH_R_REGISTRATION, op->target, (void **)&r)) ||
	    (rc = wf_permit_in(op->ctx, a, r->department)))
		return rc;
	if (!wf_registration_active(r))
		return say(op->ctx, DH_ESTAGE, "Hồ sơ đăng ký đang ở trạng thái «%s».",
		           reg_status_label(r->status));
	if ((rc = wf_load(tx, op, DH_R_CANDIDATE, r->candidate_id, (void **)&c)))
		return rc;
	if ((rc = wf_stage_gate(op->ctx, a, c)))
		return rc;
	const char *action = wf_action_name(a);
	wf_ids items;
	if ((rc = wf_candidate_items(tx, c->meta.id, &items)) ||
	    (rc = wf_change_each(tx, op, DH_R_VOTE_ITEM, &items, action, drop_open_item)))
		return rc;
	r->status = a == DH_ACT_RETURN ? DH_REG_RETURNED : DH_REG_WITHDRAWN;
	if ((rc = record_set_str(&r->reason, op->reason)) ||
	    (rc = wf_put_out(tx, op, action, op->reason, DH_R_REGISTRATION, r)))
		return rc;
	wf_advance(c, a);
	return wf_put(tx, op, action, op->reason, DH_R_CANDIDATE, c);
}

static int end_registration(dh_ctx *ctx, dh_action a, uint64_t id, const char *reason)
{
	wf_args args = {.target = id,
	                .why = {.text = reason, .label = "Lý do", .required = a == DH_ACT_RETURN}};
	return wf_act(ctx, a, return_body, &args, NULL);
}

int wf_registration_return(dh_ctx *ctx, uint64_t registration_id, const char *reason)
{
	return end_registration(ctx, DH_ACT_RETURN, registration_id, reason);
}

int wf_registration_withdraw(dh_ctx *ctx, uint64_t registration_id, const char *reason)
{
	return end_registration(ctx, DH_ACT_WITHDRAW, registration_id, reason);
}

int wf_departments_answered(dh_ctx *ctx, int year, bool *answered)
{
	if (!year)
		year = ctx->cfg->plan.year;
	for (size_t i = 0; i < ctx->cfg->n_departments; i++)
		answered[i] = false;
	wf_marks registered = {ctx->cfg,
	                       year,
	                       answered,
	                       offsetof(dh_registration, year),
	                       offsetof(dh_registration, department),
	                       wf_registration_active};
	wf_marks nil = {
	    ctx->cfg, year, answered, offsetof(dh_nil_return, year), offsetof(dh_nil_return, department),
	    NULL};
	int rc = repo_each(ctx->store, DH_R_REGISTRATION, wf_mark_visit, &registered);
	return rc ? rc : repo_each(ctx->store, DH_R_NIL_RETURN, wf_mark_visit, &nil);
}
