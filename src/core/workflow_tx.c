/* workflow_tx.c — input cleaning, the frame every action runs in, and the
 * reads several actions share.
 *
 * Shape of an action: check what needs no data (role, deadline, the input's
 * own fields) before touching the store; then one repo_write() whose body
 * re-reads every record it depends on, checks stage and state against what
 * is stored now, and puts every record it changes with the audit note. The
 * body may be run again from the start (store_write retries after growing
 * the map), so it keeps nothing between runs: records it loads go into a
 * pool that is emptied at entry, and the input is copied afresh. wf_act()
 * and wf_save() are that shape, once. */
#include "workflow_internal.h"

#include "dienhinh/buf.h"
#include "dienhinh/date.h"
#include "dienhinh/error.h"
#include "dienhinh/plan_year.h"
#include "dienhinh/utf8.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- text in -------------------------------------------------------------- */

static bool blank(const char *s)
{
	if (!s)
		return true;
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return false;
	return true;
}

/* Replace *FIELD with its NFC copy without control characters, trimmed of
 * ASCII white space at both ends, at most MAX characters. An empty value is
 * NULL. LABEL names the field for the person reading the message. */
int wf_clean_text(dh_ctx *ctx, char **field, const char *name, const char *label, bool multiline, size_t max,
                  bool required)
{
	if (blank(*field)) {
		free(*field);
		*field = NULL;
		if (required)
			return say_field(ctx, DH_EINVAL, name, "Chưa nhập %s.", label);
		return 0;
	}
	const char *why = NULL;
	char *clean = utf8_clean(*field, multiline, &why);
	if (!clean)
		return say_field(ctx, DH_EINVAL, name, "%s: %s.", label, why ? why : "văn bản không hợp lệ");
	size_t start = 0, end = strlen(clean);
	while (start < end && isspace((unsigned char)clean[start]))
		start++;
	while (end > start && isspace((unsigned char)clean[end - 1]))
		end--;
	memmove(clean, clean + start, end - start);
	clean[end - start] = '\0';
	/* A grapheme takes at least one byte: only a text longer in bytes
	 * than MAX can be too long (counting graphemes is the costly part). */
	size_t chars = end - start > max ? utf8_graphemes(clean) : 0;
	if (chars > max) {
		free(clean);
		return say_field(ctx, DH_EINVAL, name, "%s dài %zu ký tự, tối đa %zu.", label, chars, max);
	}
	free(*field);
	*field = clean;
	return 0;
}

/* A copy of an argument string, cleaned as wf_clean_text does. */
static int clean_arg(dh_ctx *ctx, const char *in, char **out, const char *name, const char *label, size_t max,
                     bool required)
{
	*out = NULL;
	if (in && !(*out = strdup(in)))
		return DH_ENOMEM;
	return wf_clean_text(ctx, out, name, label, true, max, required);
}

int wf_check_date(dh_ctx *ctx, int *date, bool default_today, const char *name, const char *label)
{
	if (*date == 0 && default_today)
		*date = wf_today(ctx);
	if (*date == 0 || !date_valid(*date))
		return say_field(ctx, DH_EINVAL, name, "%s không phải một ngày có thật.", label);
	return 0;
}

int wf_check_year(dh_ctx *ctx, int *year)
{
	if (*year == 0)
		*year = ctx->cfg->plan.year;
	if (*year < 2000 || *year > 2100)
		return say_field(ctx, DH_EINVAL, "year", "Năm %d nằm ngoài khoảng 2000–2100.", *year);
	return 0;
}

int wf_check_department(dh_ctx *ctx, const char *id)
{
	if (!id || !*id)
		return say_field(ctx, DH_EINVAL, "department", "Chưa chọn phòng.");
	if (!config_department(ctx->cfg, id))
		return say_field(ctx, DH_EINVAL, "department", "Phòng «%s» không có trong cấu hình.", id);
	return 0;
}

int wf_default_by(dh_ctx *ctx, char **by)
{
	return *by ? 0 : record_set_str(by, config_person_name(ctx->cfg, ctx->login));
}

/* --- the transaction frame ------------------------------------------------ */

static void pool_reset(wf_pool *p)
{
	for (size_t i = 0; i < p->n; i++)
		record_free(p->types[i], p->recs[i]);
	p->n = 0;
}

static void pool_free(wf_pool *p)
{
	pool_reset(p);
	free(p->types);
	free(p->recs);
	memset(p, 0, sizeof(*p));
}

/* The pool owns REC from now on (freed even when this fails). */
int wf_pool_keep(wf_pool *p, dh_rtype type, void *rec)
{
	/* TYPES and RECS grow together and share cap: it rises only once
	 * both have the room. */
	size_t types_room = p->cap;
	if (buf_reserve(&p->types, &types_room, p->n + 1, sizeof(*p->types)) ||
	    buf_reserve(&p->recs, &p->cap, p->n + 1, sizeof(*p->recs))) {
		record_free(type, rec);
		return DH_ENOMEM;
	}
	p->types[p->n] = type;
	p->recs[p->n++] = rec;
	return 0;
}

static int op_entry(dh_repo_tx *tx, void *p)
{
	wf_op *op = p;
	pool_reset(&op->pool);
	op->id = 0;
	return op->body(tx, op);
}

static int op_run(wf_op *op, uint64_t *out_id)
{
	dh_ctx *ctx = op->ctx;
	int rc = repo_write(ctx->store, ctx->login, op_entry, op);
	pool_free(&op->pool);
	free(op->reason);
	op->reason = NULL;
	if (rc == 0) {
		if (out_id)
			*out_id = op->id;
		return 0;
	}
	if (!ctx->message[0]) {
		if (rc == DH_ECONFLICT)
			wf_tell(ctx, NULL, "Hồ sơ vừa được người khác lưu trước; hãy tải lại rồi sửa tiếp.");
		else
			wf_tell(ctx, NULL, "%s.", dh_strerror(rc));
	}
	return rc;
}

const char *wf_type_what(dh_rtype type)
{
	switch (type) {
	case DH_R_CANDIDATE: return "hồ sơ";
	case DH_R_FOSTERING: return "mục bồi dưỡng";
	case DH_R_REGISTRATION: return "hồ sơ đăng ký";
	case DH_R_NIL_RETURN: return "báo cáo không có đăng ký";
	case DH_R_SESSION: return "phiên họp";
	case DH_R_VOTE_ITEM: return "mục bình xét";
	case DH_R_PROPOSAL: return "tờ trình";
	case DH_R_DECISION: return "quyết định";
	case DH_R_CEREMONY: return "buổi tuyên dương";
	case DH_R_ACTIVITY: return "hoạt động nhân rộng";
	case DH_R_REVIEW: return "buổi sơ kết, tổng kết";
	case DH_R_DISSEMINATION: return "buổi quán triệt";
	case DH_R_COORDINATION: return "ghi chú phối hợp";
	default: return "bản ghi";
	}
}

/* Load a record into the pool. Deleted records are found too: the caller
 * decides what a deletion means for it. */
int wf_load(dh_repo_tx *tx, wf_op *op, dh_rtype type, uint64_t id, void **out)
{
	*out = NULL;
	if (id == 0) {
		wf_tell(op->ctx, NULL, "Chưa chọn %s.", wf_type_what(type));
		return DH_ENOTFOUND;
	}
	void *rec = NULL;
	int rc = repo_tx_get(tx, type, id, &rec);
	if (rc == DH_ENOTFOUND)
		wf_tell(op->ctx, NULL, "Không tìm thấy %s #%llu.", wf_type_what(type),
		        (unsigned long long)id);
	if (rc)
		return rc;
	if (!rec)
		return DH_ECORRUPT;
	if ((rc = wf_pool_keep(&op->pool, type, rec)))
		return rc;
	*out = rec;
	return 0;
}

/* A live (not deleted) record. */
int wf_load_live(dh_repo_tx *tx, wf_op *op, dh_rtype type, uint64_t id, void **out)
{
	int rc = wf_load(tx, op, type, id, out);
	if (rc)
		return rc;
	const dh_meta *m = *out;
	if (m->deleted)
		return say(op->ctx, DH_ESTAGE, "%s #%llu đã bị xóa (%s).", wf_type_what(type),
		           (unsigned long long)id, m->deleted_reason ? m->deleted_reason : "không rõ lý do");
	return 0;
}

/* A fresh copy of the input record, owned by the pool. */
int wf_input_copy(wf_op *op, void **out)
{
	*out = record_dup(op->type, op->in);
	if (!*out)
		return DH_ENOMEM;
	return wf_pool_keep(&op->pool, op->type, *out);
}

/* For an update: the stored record must be live and at the revision the
 * editor started from. */

int wf_check_update(wf_op *op, const dh_meta *stored, const dh_meta *in)
{
	if (stored->deleted)
		return say(op->ctx, DH_ESTAGE, "%s #%llu đã bị xóa: không sửa được.", wf_type_what(op->type),
		           (unsigned long long)stored->id);
	if (stored->rev != in->rev) {
		const char *who =
		    stored->updated_by ? config_person_name(op->ctx->cfg, stored->updated_by) : "người khác";
		return say(op->ctx, DH_ECONFLICT,
		           "%s đã được %s lưu sau khi bạn mở (phiên bản %u, bạn sửa từ bản %u): hãy tải lại.",
		           wf_type_what(op->type), who, stored->rev, in->rev);
	}
	return 0;
}

int wf_load_stored(dh_repo_tx *tx, wf_op *op, void **stored)
{
	const dh_meta *in = op->in;
	*stored = NULL;
	if (!in->id)
		return 0;
	int rc = wf_load(tx, op, op->type, in->id, stored);
	return rc ? rc : wf_check_update(op, *stored, in);
}

int wf_check_stored(dh_repo_tx *tx, wf_op *op, void **stored)
{
	const char *dept;
	int rc = wf_load_stored(tx, op, stored);
	if (rc || !*stored)
		return rc;
	if ((rc = wf_record_department(tx, op, op->type, *stored, &dept)))
		return rc;
	return wf_permit_in(op->ctx, op->action, dept);
}

static uint64_t candidate_of(const void *entry, size_t candidate_at)
{
	uint64_t id;
	memcpy(&id, (const char *)entry + candidate_at, sizeof(id));
	return id;
}

int wf_load_entry(dh_repo_tx *tx, wf_op *op, size_t candidate_at, const char *moved, dh_candidate **c)
{
	uint64_t id = candidate_of(op->in, candidate_at);
	void *stored;
	int rc;
	if ((rc = wf_load_live(tx, op, DH_R_CANDIDATE, id, (void **)c)) ||
	    (rc = wf_permit_in(op->ctx, op->action, (*c)->department)) ||
	    (rc = wf_check_stored(tx, op, &stored)))
		return rc;
	if (stored && candidate_of(stored, candidate_at) != id)
		return say_field(op->ctx, DH_EINVAL, "candidate_id", "%s", moved);
	return 0;
}

/* Past plan years are read-only but for revocation, holds and the
 * follow-up (plan_year.h): REC as stored and as it would be. */
static int past_year_gate(dh_repo_tx *tx, wf_op *op, const char *action, dh_rtype type, const void *rec)
{
	int year = op->ctx->cfg ? op->ctx->cfg->plan.year : 0;
	if (!year || (action && strcmp(action, "revoke") == 0))
		return 0;
	void *before = NULL, *session = NULL;
	int parent_year = 0, rc = 0;
	const dh_meta *m = rec;
	if (m->id && (rc = repo_tx_get(tx, type, m->id, &before)) && rc != DH_ENOTFOUND)
		return rc;
	if (type == DH_R_VOTE_ITEM &&
	    repo_tx_get(tx, DH_R_SESSION, ((const dh_vote_item *)rec)->session_id, &session) == 0)
		parent_year = ((const dh_session *)session)->year;
	char why[400];
	rc = plan_year_change_allowed(year, type, before, rec, parent_year, why, sizeof(why))
	         ? 0
	         : say(op->ctx, DH_ELOCKED, "%s", why);
	record_free(type, before);
	record_free(DH_R_SESSION, session);
	return rc;
}

int wf_put(dh_repo_tx *tx, wf_op *op, const char *action, const char *note, dh_rtype type, void *rec)
{
	int rc = past_year_gate(tx, op, action, type, rec);
	if (rc)
		return rc;
	rc = repo_tx_put(tx, action, note, type, rec);
	if (rc == DH_ECONFLICT)
		return say(op->ctx, rc, "%s vừa được người khác lưu trước: hãy tải lại.", wf_type_what(type));
	return rc;
}

int wf_put_out(dh_repo_tx *tx, wf_op *op, const char *action, const char *note, dh_rtype type, void *rec)
{
	int rc = wf_put(tx, op, action, note, type, rec);
	if (rc == 0)
		op->id = ((const dh_meta *)rec)->id;
	return rc;
}

int wf_put_input(dh_repo_tx *tx, wf_op *op)
{
	void *rec;
	int rc = wf_input_copy(op, &rec);
	return rc ? rc : wf_put_out(tx, op, wf_action_name(op->action), NULL, op->type, rec);
}

/* Start an action: clear the message, check the role and the deadline
 * that closes the action (one with a late override checks its own, once
 * the late reason is read). */
static int begin(dh_ctx *ctx, wf_op *op, dh_action a, wf_body body)
{
	wf_clear_message(ctx);
	memset(op, 0, sizeof(*op));
	op->ctx = ctx;
	op->action = a;
	op->body = body;
	int rc = wf_permit(ctx, a);
	if (rc || (wf_move_of(a)->flags & WF_LATE_OVERRIDE))
		return rc;
	return wf_deadline_gate(ctx, a, NULL, NULL);
}

static int check_arg0(dh_ctx *ctx, const wf_arg_check *c, int *value)
{
	if (c->date)
		return !*value && !c->zero_today
		           ? 0
		           : wf_check_date(ctx, value, c->zero_today, c->field, c->text);
	if (*value < c->min || *value > c->max)
		return say_field(ctx, DH_EINVAL, c->field, "%s", c->text);
	return 0;
}

int wf_act(dh_ctx *ctx, dh_action a, wf_body body, wf_args *args, uint64_t *out_id)
{
	wf_op op;
	int rc = begin(ctx, &op, a, body);
	if (!rc && args->need_member && (!args->login || !*args->login))
		rc = say_field(ctx, DH_EINVAL, "login", "Chưa chọn thành viên Hội đồng.");
	if (!rc && args->arg0)
		rc = check_arg0(ctx, args->arg0, &args->arg[0]);
	if (!rc && args->check)
		rc = args->check(ctx, args);
	if (!rc && args->why.label)
		rc = clean_arg(ctx, args->why.text, &op.reason, args->why.field ? args->why.field : "reason",
		               args->why.label, WF_MAX_LINE, args->why.required);
	if (rc) {
		free(op.reason);
		return rc;
	}
	op.type = args->type;
	op.target = args->target;
	op.other = args->other;
	op.login = args->login;
	memcpy(op.arg, args->arg, sizeof(op.arg));
	op.flag = args->flag;
	return op_run(&op, out_id);
}

int wf_save(dh_ctx *ctx, dh_action a, dh_rtype type, const void *in, wf_clean clean, wf_body body,
            uint64_t *out_id)
{
	wf_op op;
	int rc = begin(ctx, &op, a, body);
	if (rc)
		return rc;
	void *copy = record_dup(type, in);
	if (!copy)
		return DH_ENOMEM;
	if (!(rc = clean(&op, copy))) {
		op.type = type;
		op.in = copy;
		rc = op_run(&op, out_id);
	}
	record_free(type, copy);
	return rc;
}

/* --- reads several actions share ------------------------------------------ */

typedef struct item_scan {
	uint64_t candidate_id;
	wf_ids *out;
} item_scan;

static int item_scan_visit(const void *rec, void *p)
{
	const dh_vote_item *it = rec;
	item_scan *s = p;
	if (!it->meta.deleted && it->candidate_id == s->candidate_id &&
	    s->out->n < sizeof(s->out->ids) / sizeof(s->out->ids[0]))
		s->out->ids[s->out->n++] = it->meta.id;
	return 0;
}

int wf_candidate_items(dh_repo_tx *tx, uint64_t candidate_id, wf_ids *out)
{
	item_scan s = {.candidate_id = candidate_id, .out = out};
	out->n = 0;
	return repo_tx_each(tx, DH_R_VOTE_ITEM, item_scan_visit, &s);
}

bool wf_registration_active(const void *registration)
{
	const dh_registration *r = registration;
	return !r->meta.deleted && (r->status == DH_REG_SUBMITTED || r->status == DH_REG_ACCEPTED);
}

static int reg_scan_visit(const void *rec, void *p)
{
	const dh_registration *r = rec;
	wf_ids *s = p;
	if (wf_registration_active(r) && s->n < sizeof(s->ids) / sizeof(s->ids[0]))
		s->ids[s->n++] = r->meta.id;
	return 0;
}

int wf_active_registrations(dh_repo_tx *tx, uint64_t candidate_id, wf_ids *out)
{
	out->n = 0;
	return repo_tx_children(tx, DH_R_REGISTRATION, candidate_id, reg_scan_visit, out);
}

int wf_change_each(dh_repo_tx *tx, wf_op *op, dh_rtype type, const wf_ids *ids, const char *action,
                   int (*change)(dh_repo_tx *tx, wf_op *op, void *rec))
{
	int rc = 0;
	for (size_t i = 0; rc >= 0 && i < ids->n; i++) {
		void *rec;
		if ((rc = wf_load(tx, op, type, ids->ids[i], &rec)) || (rc = change(tx, op, rec)))
			continue;
		rc = wf_put(tx, op, action, op->reason, type, rec);
	}
	return rc < 0 ? rc : 0;
}

typedef struct closed_scan {
	int closed, open;
} closed_scan;

static int closed_visit(const void *rec, void *p)
{
	const dh_vote_item *it = rec;
	closed_scan *s = p;
	if (!it->meta.deleted) {
		if (it->closed)
			s->closed++;
		else
			s->open++;
	}
	return 0;
}

int wf_count_items(dh_repo_tx *tx, uint64_t session_id, int *closed, int *open)
{
	closed_scan s = {0};
	int rc = repo_tx_children(tx, DH_R_VOTE_ITEM, session_id, closed_visit, &s);
	*closed = s.closed;
	*open = s.open;
	return rc;
}

int wf_record_department(dh_repo_tx *tx, wf_op *op, dh_rtype type, const void *rec, const char **dept)
{
	*dept = NULL;
	uint64_t cand = 0;
	switch (type) {
	case DH_R_CANDIDATE: *dept = ((const dh_candidate *)rec)->department; return 0;
	case DH_R_NIL_RETURN: *dept = ((const dh_nil_return *)rec)->department; return 0;
	case DH_R_DISSEMINATION: *dept = ((const dh_dissemination *)rec)->department; return 0;
	case DH_R_COORDINATION: *dept = ((const dh_coordination *)rec)->department; return 0;
	case DH_R_REGISTRATION: *dept = ((const dh_registration *)rec)->department; return 0;
	case DH_R_FOSTERING: cand = ((const dh_fostering *)rec)->candidate_id; break;
	case DH_R_ACTIVITY: cand = ((const dh_activity *)rec)->candidate_id; break;
	default: return 0;
	}
	dh_candidate *c;
	int rc = wf_load(tx, op, DH_R_CANDIDATE, cand, (void **)&c);
	if (rc == 0)
		*dept = c->department;
	return rc;
}

void wf_mark_department(const dh_config *cfg, bool *flags, const char *department)
{
	for (size_t i = 0; department && i < cfg->n_departments; i++)
		if (strcmp(cfg->departments[i].id, department) == 0)
			flags[i] = true;
}

int wf_mark_visit(const void *rec, void *marks)
{
	const wf_marks *m = marks;
	const char *base = rec;
	int year;
	const char *department;
	memcpy(&year, base + m->year_at, sizeof(year));
	memcpy(&department, base + m->department_at, sizeof(department));
	bool counts = m->counts ? m->counts(rec) : !((const dh_meta *)rec)->deleted;
	if (counts && year == m->year)
		wf_mark_department(m->cfg, m->flags, department);
	return 0;
}
