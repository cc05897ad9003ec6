/* workflow_candidate.c — candidates (screen 2): their checks, duplicates,
 * saving, fostering, holds, corrections, and deletion of any record. */
#include "workflow_internal.h"

#include "dienhinh/date.h"
#include "dienhinh/error.h"
#include "dienhinh/lookup.h"
#include "dienhinh/utf8.h"

#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

int wf_criteria_met(const dh_config *cfg, const dh_candidate *c)
{
	if (c->kind < 0 || c->kind >= DH_CANDIDATE_KINDS)
		return 0;
	int met = 0;
	for (size_t i = 0; i < c->criteria.n; i++) {
		bool repeated = false;
		for (size_t j = 0; j < i; j++)
			repeated |= strcmp(c->criteria.v[i], c->criteria.v[j]) == 0;
		if (!repeated && config_criterion(cfg, c->kind, c->criteria.v[i]))
			met++;
	}
	return met;
}

bool wf_meets_new_factor_min(const dh_config *cfg, const dh_candidate *c)
{
	return wf_criteria_met(cfg, c) >= cfg->criteria.new_factor_min;
}

int wf_candidate_normalise(dh_ctx *ctx, dh_candidate *c)
{
	int rc;
	wf_clear_message(ctx);
	if ((rc = wf_clean_text(ctx, &c->name, "name", "Tên", false, WF_MAX_NAME, true)))
		return rc;
	if (c->kind < 0 || c->kind >= DH_CANDIDATE_KINDS)
		return say_field(ctx, DH_EINVAL, "kind",
		                 "Loại hồ sơ không hợp lệ (cá nhân, tập thể hoặc mô hình).");
	if ((rc = wf_check_fields(ctx, DH_R_CANDIDATE, c)))
		return rc;
	for (size_t i = 0; i < c->criteria.n; i++) {
		const char *id = c->criteria.v[i];
		if (!id || !config_criterion(ctx->cfg, c->kind, id))
			return say_field(ctx, DH_EINVAL, "criteria",
			                 "Tiêu chí «%s» không có trong cấu hình cho loại %s.", id ? id : "",
			                 kind_label(c->kind));
		for (size_t j = 0; j < i; j++)
			if (strcmp(c->criteria.v[j], id) == 0)
				return say_field(ctx, DH_EINVAL, "criteria", "Tiêu chí «%s» bị lặp.", id);
	}
	if (c->stage < 0 || c->stage >= DH_STAGE__COUNT)
		return say_field(ctx, DH_EINVAL, "stage", "Bước hồ sơ không hợp lệ.");
	if (c->recognised_date && !date_valid(c->recognised_date))
		return say_field(ctx, DH_EINVAL, "recognised_date",
		                 "Ngày công nhận không phải một ngày có thật.");
	if (c->award_date && !date_valid(c->award_date))
		return say_field(ctx, DH_EINVAL, "award_date",
		                 "Ngày khen thưởng không phải một ngày có thật.");
	return 0;
}

/* Case-, diacritic- and spacing-insensitive key: "Nguyễn  Văn Hòa" and
 * "nguyen van hoa" give the same. Invisible codepoints (utf8_invisible())
 * are left out, so that a name stored before input refused them still
 * meets its look-alike. NULL text gives "". */
static char *fold_key(const char *s)
{
	utf8proc_uint8_t *mapped = NULL;
	if (!s)
		return strdup("");
	if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &mapped,
	                 UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
	                     UTF8PROC_CASEFOLD) < 0)
		return NULL;
	char *out = (char *)mapped;
	size_t w = 0, len = strlen(out); /* bytes at and after r stay as mapped */
	bool space = true;               /* drops leading space */
	for (size_t r = 0; out[r];) {
		unsigned char b = (unsigned char)out[r];
		if (b == 0xC4 && (unsigned char)out[r + 1] == 0x91) { /* đ has no decomposition */
			out[w++] = 'd';
			r += 2;
			space = false;
		} else if (isspace(b)) {
			if (!space)
				out[w++] = ' ';
			space = true;
			r++;
		} else {
			int32_t cp;
			int n = b >= 0xd8 ? utf8_decode(out + r, len - r, &cp) : 0;
			if (n > 1 && utf8_invisible(cp) != UTF8_SHOWN) {
				r += (size_t)n;
				continue;
			}
			out[w++] = out[r++];
			space = false;
		}
	}
	if (w > 0 && out[w - 1] == ' ')
		w--;
	out[w] = '\0';
	return out;
}

typedef struct dup_scan {
	const dh_candidate *c;
	const char *name_key;
	const char *title_key;
	uint64_t found;
	int err;
} dup_scan;

static int dup_visit(const void *rec, void *p)
{
	const dh_candidate *o = rec;
	dup_scan *d = p;
	if (o->meta.deleted || o->meta.id == d->c->meta.id || o->kind != d->c->kind ||
	    o->year == d->c->year || (o->stage != DH_STAGE_RECOGNISED && o->stage != DH_STAGE_AWARDED))
		return 0;
	char *name = fold_key(o->name), *title = fold_key(o->title);
	if (!name || !title) {
		free(name);
		free(title);
		d->err = DH_ENOMEM;
		return 1;
	}
	bool same = strcmp(name, d->name_key) == 0 && strcmp(title, d->title_key) == 0;
	free(name);
	free(title);
	if (same) {
		d->found = o->meta.id;
		return 1;
	}
	return 0;
}

/* Candidates the lookup index finds for the name typed without its marks
 * (so that any marks match), recognised or awarded: a small superset of the
 * duplicates, each then compared exactly. 1 when the index answered. */
static int dup_by_lookup(dh_ctx *ctx, dup_scan *d)
{
	dh_lookup_opts opts = {.recognised_only = true, .cfg = ctx->cfg};
	dh_hit *hits = NULL;
	size_t n = 0;
	if (lookup_search(ctx->store, d->name_key, &opts, &hits, &n) != 0)
		return 0;
	for (size_t i = 0; i < n && !d->found && !d->err; i++) {
		void *rec = NULL;
		if (repo_get(ctx->store, DH_R_CANDIDATE, hits[i].id, &rec) == 0)
			dup_visit(rec, d);
		record_free(DH_R_CANDIDATE, rec);
	}
	free(hits);
	return 1;
}

uint64_t wf_find_duplicate(dh_ctx *ctx, const dh_candidate *c)
{
	dup_scan d = {.c = c};
	char *name = fold_key(c->name), *title = fold_key(c->title);
	if (name && title && *name) {
		d.name_key = name;
		d.title_key = title;
		/* The full scan decodes every candidate (about a second per
		 * million): only when the index cannot answer. */
		if (!dup_by_lookup(ctx, &d))
			repo_each(ctx->store, DH_R_CANDIDATE, dup_visit, &d);
	}
	free(name);
	free(title);
	return d.found;
}

/* Replace DST's descriptive fields with SRC's (what an edit may change). */
static int copy_editable(dh_candidate *dst, const dh_candidate *src)
{
	int rc;
	dst->year = src->year;
	dst->kind = src->kind;
	dst->aims_provincial = src->aims_provincial;
	if ((rc = record_set_str(&dst->name, src->name)) ||
	    (rc = record_set_str(&dst->department, src->department)) ||
	    (rc = record_set_str(&dst->position, src->position)) ||
	    (rc = record_set_str(&dst->title, src->title)) ||
	    (rc = record_set_str(&dst->description, src->description)) ||
	    (rc = record_set_str(&dst->prospects, src->prospects)) ||
	    (rc = record_set_str(&dst->followup_notes, src->followup_notes)))
		return rc;
	strlist_clear(&dst->criteria);
	for (size_t i = 0; i < src->criteria.n; i++)
		if ((rc = strlist_push(&dst->criteria, src->criteria.v[i])))
			return rc;
	return 0;
}

static int candidate_save_body(dh_repo_tx *tx, wf_op *op)
{
	const dh_candidate *in = op->in;
	dh_candidate *c;
	int rc;
	if (in->meta.id == 0) {
		if (!(c = record_new(DH_R_CANDIDATE)) ||
		    (rc = wf_pool_keep(&op->pool, DH_R_CANDIDATE, c)) != 0)
			return c ? rc : DH_ENOMEM;
		wf_advance(c, DH_ACT_CREATE);
	} else if ((rc = wf_check_stored(tx, op, (void **)&c))) {
		return rc;
	}
	if ((rc = copy_editable(c, in)))
		return rc;
	c->duplicate_of = op->other;
	return wf_put_out(tx, op, wf_action_name(op->action), NULL, DH_R_CANDIDATE, c);
}

/* The department rule once the department is known, and the duplicate
 * looked up before the write (it reads outside the transaction). */
static int candidate_clean(wf_op *op, void *rec)
{
	dh_candidate *c = rec;
	int rc;
	if ((rc = wf_candidate_normalise(op->ctx, c)) ||
	    (rc = wf_permit_in(op->ctx, op->action, c->department)))
		return rc;
	op->other = wf_find_duplicate(op->ctx, c);
	return 0;
}

int wf_candidate_save(dh_ctx *ctx, const dh_candidate *in, uint64_t *out_id)
{
	return wf_save(ctx, in->meta.id ? DH_ACT_EDIT : DH_ACT_CREATE, DH_R_CANDIDATE, in, candidate_clean,
	               candidate_save_body, out_id);
}

/* --- fostering --------------------------------------------------------- */

static int fostering_body(dh_repo_tx *tx, wf_op *op)
{
	dh_candidate *c;
	int rc;
	if ((rc = wf_load_entry(tx, op, offsetof(dh_fostering, candidate_id),
	                        "Không chuyển được mục bồi dưỡng sang hồ sơ khác.", &c)) ||
	    (rc = wf_put_input(tx, op)))
		return rc;
	if (c->stage != DH_STAGE_NEW_FACTOR)
		return 0;
	wf_advance(c, DH_ACT_FOSTER);
	return wf_put(tx, op, "foster", NULL, DH_R_CANDIDATE, c);
}

static int fostering_clean(wf_op *op, void *rec)
{
	dh_ctx *ctx = op->ctx;
	dh_fostering *f = rec;
	if (f->kind < DH_FOSTER_GUIDANCE || f->kind > DH_FOSTER_MATERIAL)
		return say_field(ctx, DH_EINVAL, "kind", "Hình thức bồi dưỡng không hợp lệ.");
	if (f->amount < 0 || f->amount > WF_MAX_AMOUNT)
		return say_field(ctx, DH_EINVAL, "amount", "Số tiền phải từ 0 đến %lld đồng.", WF_MAX_AMOUNT);
	if (f->amount && f->kind != DH_FOSTER_MATERIAL)
		return say_field(ctx, DH_EINVAL, "amount", "Chỉ hỗ trợ vật chất mới ghi số tiền.");
	int rc = wf_check_fields(ctx, DH_R_FOSTERING, f);
	return rc ? rc : wf_default_by(ctx, &f->by);
}

int wf_fostering_save(dh_ctx *ctx, const dh_fostering *in, uint64_t *out_id)
{
	return wf_save(ctx, DH_ACT_FOSTER, DH_R_FOSTERING, in, fostering_clean, fostering_body, out_id);
}

/* --- hold, correction, deletion ---------------------------------------- */

static int hold_body(dh_repo_tx *tx, wf_op *op)
{
	dh_candidate *c;
	int rc;
	if ((rc = wf_load_live(tx, op, DH_R_CANDIDATE, op->target, (void **)&c)) ||
	    (rc = wf_permit_in(op->ctx, DH_ACT_HOLD, c->department)))
		return rc;
	if (c->on_hold == op->flag)
		return say(op->ctx, DH_EINVAL,
		           op->flag ? "«%s» đang tạm dừng xét rồi." : "«%s» không bị tạm dừng xét.", c->name);
	if (!op->flag && op->arg[0]) {
		const dh_hold_kind *k = c->hold_kind ? config_hold(op->ctx->cfg, c->hold_kind) : NULL;
		if (!k || !k->discipline)
			return say_field(
			    op->ctx, DH_EINVAL, "counts_from",
			    "Chỉ khi hết tạm dừng vì kỷ luật mới ghi ngày bắt đầu tính thành tích.");
		c->counts_from = op->arg[0];
	}
	c->on_hold = op->flag;
	if ((rc = record_set_str(&c->hold_reason, op->flag ? op->reason : NULL)) ||
	    (op->flag && (rc = record_set_str(&c->hold_kind, op->login))))
		return rc;
	return wf_put_out(tx, op, op->flag ? "hold" : "release", op->reason, DH_R_CANDIDATE, c);
}

/* The kind of a hold (in args->login) is one config names. */
static int hold_kind_known(dh_ctx *ctx, wf_args *args)
{
	if (args->login && !config_hold(ctx->cfg, args->login))
		return say_field(ctx, DH_EINVAL, "kind",
		                 "Trường hợp tạm dừng «%s» không có trong cấu hình (holds).", args->login);
	return 0;
}

/* The date achievements count from, when given (lifting only). */
static const wf_arg_check counts_from_date = {
    .date = true, .field = "counts_from", .text = "Ngày bắt đầu tính thành tích"};

/* On hold (ON) as KIND, or lifted with COUNTS_FROM; lifting needs the
 * result of the check as its reason. */
static int hold_change(dh_ctx *ctx, uint64_t candidate_id, bool on, const char *kind, const char *reason,
                       int counts_from)
{
	wf_args args = {
	    .target = candidate_id,
	    .flag = on,
	    .login = kind && *kind ? kind : NULL,
	    .check = hold_kind_known,
	    .arg = {counts_from},
	    .arg0 = &counts_from_date,
	    .why = {.text = reason, .label = on ? "Lý do" : "Lý do tiếp tục xét", .required = true}};
	return wf_act(ctx, DH_ACT_HOLD, hold_body, &args, NULL);
}

int wf_hold_set(dh_ctx *ctx, uint64_t candidate_id, const char *kind, const char *reason)
{
	return hold_change(ctx, candidate_id, true, kind, reason, 0);
}

int wf_hold_lift(dh_ctx *ctx, uint64_t candidate_id, const char *reason, int counts_from)
{
	return hold_change(ctx, candidate_id, false, NULL, reason, counts_from);
}

int wf_hold(dh_ctx *ctx, uint64_t candidate_id, bool on_hold, const char *reason)
{
	return on_hold ? wf_hold_set(ctx, candidate_id, NULL, reason)
	               : wf_hold_lift(ctx, candidate_id, reason, 0);
}

/* A registration a correction below nominated withdraws. */
static int withdraw_registration(dh_repo_tx *tx, wf_op *op, void *rec)
{
	(void)tx;
	dh_registration *r = rec;
	r->status = DH_REG_WITHDRAWN;
	return record_set_str(&r->reason, op->reason);
}

/* Why C cannot be corrected at all (its stage is not in the row's FROM). */
static int correct_refusal(dh_ctx *ctx, const dh_candidate *c)
{
	if (c->stage == DH_STAGE_RECOGNISED || c->stage == DH_STAGE_AWARDED)
		return say(ctx, DH_ESTAGE,
		           "«%s» đã có quyết định (%s): thu hồi quyết định thay cho đính chính.", c->name,
		           c->stage == DH_STAGE_AWARDED ? c->award_decision : c->recognised_decision);
	return say(ctx, DH_ESTAGE, "«%s» đang ở bước đầu tiên: không lùi được nữa.", c->name);
}

/* An agenda item follows the stage: back to nominated reopens a closed
 * item; below nominated the item goes (deleted with the reason). */
static int correct_item(dh_repo_tx *tx, wf_op *op, void *rec)
{
	dh_vote_item *it = rec;
	dh_session *s;
	int target = op->arg[0];
	int rc = wf_load(tx, op, DH_R_SESSION, it->session_id, (void **)&s);
	if (rc)
		return rc;
	if (target == DH_STAGE_NOMINATED && !it->closed)
		return WF_LEAVE;
	if (it->closed && s->closed)
		return say(op->ctx, DH_ELOCKED,
		           "Phiên họp «%s» đã kết thúc: mở lại phiên họp trước khi đính chính.",
		           s->title ? s->title : "");
	if (target != DH_STAGE_NOMINATED) {
		it->meta.deleted = true;
		return record_set_str(&it->meta.deleted_reason, op->reason);
	}
	it->closed = false;
	it->result = DH_RESULT_PENDING;
	if ((rc = record_set_str(&it->reason, NULL)))
		return rc;
	return record_set_str(&it->reopen_reason, op->reason);
}

static int correct_body(dh_repo_tx *tx, wf_op *op)
{
	dh_candidate *c;
	int target = op->arg[0];
	int rc;
	if ((rc = wf_load_live(tx, op, DH_R_CANDIDATE, op->target, (void **)&c)) ||
	    (rc = wf_permit_in(op->ctx, DH_ACT_CORRECT, c->department)))
		return rc;
	if (!wf_stage_admits(DH_ACT_CORRECT, c->stage))
		return correct_refusal(op->ctx, c);
	if (target >= c->stage)
		return say_field(op->ctx, DH_EINVAL, "stage",
		                 "Đính chính chỉ lùi bước: «%s» đang ở bước «%s».", c->name,
		                 wf_stage_text(c->stage));
	wf_ids ids;
	if (c->stage >= DH_STAGE_NOMINATED &&
	    ((rc = wf_candidate_items(tx, c->meta.id, &ids)) ||
	     (rc = wf_change_each(tx, op, DH_R_VOTE_ITEM, &ids, "correct", correct_item))))
		return rc;
	if (target < DH_STAGE_NOMINATED && c->stage >= DH_STAGE_NOMINATED &&
	    ((rc = wf_active_registrations(tx, c->meta.id, &ids)) ||
	     (rc = wf_change_each(tx, op, DH_R_REGISTRATION, &ids, "correct", withdraw_registration))))
		return rc;
	c->stage = target;
	return wf_put_out(tx, op, "correct", op->reason, DH_R_CANDIDATE, c);
}

static const wf_arg_check stage_choice = {
    .min = 0, .max = DH_STAGE__COUNT - 1, .field = "stage", .text = "Bước hồ sơ không hợp lệ."};

int wf_correct_stage(dh_ctx *ctx, uint64_t candidate_id, int stage, const char *reason)
{
	wf_args args = {.target = candidate_id,
	                .arg = {stage},
	                .arg0 = &stage_choice,
	                .why = {.text = reason, .label = "Lý do đính chính", .required = true}};
	return wf_act(ctx, DH_ACT_CORRECT, correct_body, &args, NULL);
}

static dh_action delete_action(dh_rtype type)
{
	return type == DH_R_VOTE_ITEM || type == DH_R_SESSION ? DH_ACT_MANAGE_SESSION : DH_ACT_DELETE;
}

/* What deleting (or restoring) a record of each type requires. */
static int deletable(dh_repo_tx *tx, wf_op *op, dh_rtype type, const void *rec, bool restoring)
{
	dh_ctx *ctx = op->ctx;
	int rc;
	switch (type) {
	case DH_R_CANDIDATE: {
		const dh_candidate *c = rec;
		if (!restoring && !wf_stage_admits(DH_ACT_DELETE, c->stage))
			return say(ctx, DH_ESTAGE, "«%s» đang ở bước «%s»: %s trước khi xóa.", c->name,
			           wf_stage_text(c->stage),
			           c->stage == DH_STAGE_NOMINATED ? "rút đăng ký"
			                                          : "thu hồi quyết định hoặc đính chính");
		return 0;
	}
	case DH_R_VOTE_ITEM: {
		const dh_vote_item *it = rec;
		dh_session *s;
		if (it->closed)
			return say(ctx, DH_ELOCKED, "Mục bình xét đã chốt kết quả: không xóa được.");
		if ((rc = wf_load(tx, op, DH_R_SESSION, it->session_id, (void **)&s)))
			return rc;
		if (s->closed)
			return say(ctx, DH_ELOCKED, "Phiên họp đã kết thúc.");
		if (restoring) {
			dh_candidate *c;
			wf_ids is;
			if ((rc = wf_load_live(tx, op, DH_R_CANDIDATE, it->candidate_id, (void **)&c)) ||
			    (rc = wf_candidate_items(tx, it->candidate_id, &is)))
				return rc;
			if (c->stage != DH_STAGE_NOMINATED || is.n > 0)
				return say(ctx, DH_ESTAGE, "«%s» không còn chờ bình xét ở mục này.", c->name);
		}
		return 0;
	}
	case DH_R_SESSION: {
		const dh_session *s = rec;
		int closed, open;
		if (s->closed)
			return say(ctx, DH_ELOCKED, "Phiên họp đã kết thúc: không xóa được.");
		if ((rc = wf_count_items(tx, s->meta.id, &closed, &open)))
			return rc;
		if (!restoring && closed + open > 0)
			return say(ctx, DH_ELOCKED, "Phiên họp còn %d mục bình xét: xóa các mục trước.",
			           closed + open);
		return 0;
	}
	case DH_R_REGISTRATION:
		return say(ctx, DH_EINVAL,
		           "Hồ sơ đăng ký không xóa: dùng «Rút đăng ký» hoặc «Trả lại hồ sơ».");
	case DH_R_DECISION: return say(ctx, DH_EINVAL, "Quyết định không xóa: dùng «Thu hồi quyết định».");
	case DH_R_FOSTERING:
	case DH_R_NIL_RETURN:
	case DH_R_PROPOSAL:
	case DH_R_CEREMONY:
	case DH_R_ACTIVITY:
	case DH_R_REVIEW:
	case DH_R_DISSEMINATION:
	case DH_R_COORDINATION: return 0;
	default: return say(ctx, DH_EINVAL, "Loại bản ghi này không xóa được.");
	}
}

static int delete_body(dh_repo_tx *tx, wf_op *op)
{
	void *rec;
	const char *dept;
	bool restoring = op->flag;
	int rc;
	if ((rc = wf_load(tx, op, op->type, op->target, &rec)) ||
	    (rc = wf_record_department(tx, op, op->type, rec, &dept)) ||
	    (rc = wf_permit_in(op->ctx, delete_action(op->type), dept)))
		return rc;
	dh_meta *m = rec;
	if (m->deleted != restoring)
		return say(op->ctx, DH_EINVAL,
		           restoring ? "%s #%llu không bị xóa." : "%s #%llu đã bị xóa rồi.",
		           wf_type_what(op->type), (unsigned long long)m->id);
	if ((rc = deletable(tx, op, op->type, rec, restoring)))
		return rc;
	m->deleted = !restoring;
	if ((rc = record_set_str(&m->deleted_reason, restoring ? NULL : op->reason)))
		return rc;
	return wf_put_out(tx, op, restoring ? "restore" : "delete", op->reason, op->type, rec);
}

static int delete_or_restore(dh_ctx *ctx, dh_rtype type, uint64_t id, const char *reason, bool restoring)
{
	wf_args args = {.type = type,
	                .target = id,
	                .flag = restoring,
	                .why = {.text = reason, .label = "Lý do", .required = !restoring}};
	return wf_act(ctx, delete_action(type), delete_body, &args, NULL);
}

int wf_delete(dh_ctx *ctx, dh_rtype type, uint64_t id, const char *reason)
{
	return delete_or_restore(ctx, type, id, reason, false);
}

int wf_restore(dh_ctx *ctx, dh_rtype type, uint64_t id, const char *note)
{
	return delete_or_restore(ctx, type, id, note, true);
}
