/* workflow.c — permissions, stages, deadlines, and every action that
 * changes a record (see workflow.h for the contract of each).
 *
 * Shape of an action: check what needs no data (role, deadline, the input's
 * own fields) before touching the store; then one repo_write() whose body
 * re-reads every record it depends on, checks stage and state against what
 * is stored now, and puts every record it changes with the audit note. The
 * body may be run again from the start (store_write retries after growing
 * the map), so it keeps nothing between runs: records it loads go into a
 * pool that is emptied at entry, and the input is copied afresh. */
#include "dienhinh/workflow.h"

#include "dienhinh/council.h"
#include "dienhinh/date.h"
#include "dienhinh/error.h"
#include "dienhinh/holds.h"
#include "dienhinh/lookup.h"
#include "dienhinh/plan_year.h"
#include "dienhinh/repo.h"
#include "dienhinh/snapshot.h"
#include "dienhinh/utf8.h"

#include <ctype.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utf8proc.h>

/* --- the permission table ---------------------------------------------- */

static const struct {
	const char *name;
	unsigned roles;
	const char *label;
} wf_actions[DH_ACT__COUNT] = {
#define DH_ACTION_ROW(id, name, roles, label) [DH_ACT_##id] = {name, roles, label},
    DH_ACTIONS(DH_ACTION_ROW)
#undef DH_ACTION_ROW
};

/* Roles whose grant covers only the holder's own department. */
#define WF_DEPT_SCOPED (DH_ROLE_DEPT_HEAD | DH_ROLE_STAFF)

const char *wf_action_name(dh_action a)
{
	return (unsigned)a < DH_ACT__COUNT ? wf_actions[a].name : "?";
}

const char *wf_action_label(dh_action a)
{
	return (unsigned)a < DH_ACT__COUNT ? wf_actions[a].label : "?";
}

int wf_action_from_name(const char *name)
{
	if (!name)
		return -1;
	for (int a = 0; a < DH_ACT__COUNT; a++)
		if (strcmp(wf_actions[a].name, name) == 0)
			return a;
	return -1;
}

unsigned wf_action_roles(const dh_config *cfg, dh_action a)
{
	if ((unsigned)a >= DH_ACT__COUNT)
		return 0;
	unsigned roles = wf_actions[a].roles;
	/* The last override for an action wins, as a later key would in YAML. */
	for (size_t i = 0; cfg && i < cfg->n_permissions; i++)
		if (cfg->permissions[i].action && strcmp(cfg->permissions[i].action, wf_actions[a].name) == 0)
			roles = cfg->permissions[i].roles;
	return roles;
}

void wf_who_may(const dh_config *cfg, dh_action a, char *buf, size_t size)
{
	unsigned roles = wf_action_roles(cfg, a);
	size_t used = 0;
	if (size == 0)
		return;
	buf[0] = '\0';
	for (int i = 0; i < DH_ROLE_COUNT; i++) {
		unsigned bit = 1u << i;
		if (!(roles & bit))
			continue;
		const char *label = config_role_label(bit);
		int n = snprintf(buf + used, size - used, "%s%s", used ? ", " : "", label ? label : "?");
		if (n < 0 || (size_t)n >= size - used)
			break;
		used += (size_t)n;
	}
}

const char *wf_audit_label(const char *action)
{
	static const struct {
		const char *name, *label;
	} extra[] = {
	    {"release", "Tiếp tục xét (hết tạm dừng)"},
	    {"restore", "Khôi phục hồ sơ đã xóa"},
	    {"close_session", "Kết thúc phiên họp"},
	    {"reopen_session", "Mở lại phiên họp (đính chính)"},
	    {"recuse", "Ghi thành viên không biểu quyết"},
	    {"save", "Lưu"},
	    {"chain", "Nối chuỗi băm nhật ký"}, /* verify.h: the migration's entry */
	    {"snapshot", "Lưu quy định của phiên họp, quyết định đã có (nâng cấp)"}, /* snapshot.h */
	    {"counts", "Bắt đầu giữ số đếm số liệu"}, /* counts.h: the migration's entry */
	};
	if (!action)
		return "";
	int a = wf_action_from_name(action);
	if (a >= 0)
		return wf_action_label(a);
	for (size_t i = 0; i < sizeof(extra) / sizeof(extra[0]); i++)
		if (strcmp(extra[i].name, action) == 0)
			return extra[i].label;
	return action;
}

/* --- messages ---------------------------------------------------------- */

/* Cut a UTF-8 sequence that truncation left incomplete at the end of BUF. */
static void trim_partial_utf8(char *buf)
{
	size_t len = strlen(buf);
	size_t i = len;
	while (i > 0 && ((unsigned char)buf[i - 1] & 0xC0) == 0x80)
		i--;
	if (i == 0)
		return;
	unsigned char lead = (unsigned char)buf[i - 1];
	size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
	if (len - (i - 1) < need)
		buf[i - 1] = '\0';
}

/* Write the message (and the field at fault, or none) into CTX. */
__attribute__((format(printf, 3, 4))) static void tell(dh_ctx *ctx, const char *field, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ctx->message, sizeof(ctx->message), fmt, ap);
	va_end(ap);
	trim_partial_utf8(ctx->message);
	/* Sentences may open with a record kind ("hồ sơ #3 …"); all of them
	 * start with an ASCII letter. */
	if (ctx->message[0] >= 'a' && ctx->message[0] <= 'z')
		ctx->message[0] = (char)(ctx->message[0] - 'a' + 'A');
	snprintf(ctx->field, sizeof(ctx->field), "%s", field ? field : "");
}

/* Set the refusal message and evaluate to ERR (a macro, so that readers
 * and analysers see which code comes back). */
#define say(ctx, err, ...) (tell((ctx), NULL, __VA_ARGS__), (err))
/* The same, naming the input field at fault. */
#define say_field(ctx, err, field, ...) (tell((ctx), (field), __VA_ARGS__), (err))

static void clear_message(dh_ctx *ctx)
{
	ctx->message[0] = '\0';
	ctx->field[0] = '\0';
}

/* The label with its first letter lowered, to follow "được". The labels
 * start with an ASCII capital or with Đ. */
static void label_lowered(dh_action a, char *buf, size_t size)
{
	const char *label = wf_action_label(a);
	snprintf(buf, size, "%s", label);
	if ((unsigned char)buf[0] < 0x80)
		buf[0] = (char)tolower((unsigned char)buf[0]);
	else if ((unsigned char)buf[0] == 0xC4 && (unsigned char)buf[1] == 0x90)
		buf[1] = (char)0x91; /* Đ U+0110 -> đ U+0111 */
}

static const char *department_name(const dh_config *cfg, const char *id)
{
	const dh_department *d = id ? config_department(cfg, id) : NULL;
	return d ? d->name : (id ? id : "");
}

static const char *stage_text(int stage)
{
	const char *s = stage_label(stage);
	return s ? s : "?";
}

/* --- identity ---------------------------------------------------------- */

void wf_ctx_init(dh_ctx *ctx, const dh_config *cfg, dh_store *store, const char *login)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->cfg = cfg;
	ctx->store = store;
	ctx->login = login;
	ctx->person = cfg && login ? config_person(cfg, login) : NULL;
	ctx->roles = ctx->person ? ctx->person->roles : 0;
	ctx->today = date_today();
}

int wf_current_login(char *buf, size_t size)
{
	struct passwd pw, *found = NULL;
	char scratch[4096];
	if (getpwuid_r(getuid(), &pw, scratch, sizeof(scratch), &found) != 0 || !found || !found->pw_name)
		return DH_ENOTFOUND;
	if (snprintf(buf, size, "%s", found->pw_name) >= (int)size)
		return DH_EINVAL;
	return 0;
}

static int today_of(const dh_ctx *ctx)
{
	return ctx->today ? ctx->today : date_today();
}

/* --- checks ------------------------------------------------------------ */

bool wf_may(const dh_ctx *ctx, dh_action a)
{
	return ctx->person && (ctx->roles & wf_action_roles(ctx->cfg, a)) != 0;
}

/* Department heads and staff act only in their own department. */
static bool scope_ok(const dh_ctx *ctx, dh_action a, const char *department)
{
	unsigned granted = ctx->roles & wf_action_roles(ctx->cfg, a);
	if (granted & ~WF_DEPT_SCOPED)
		return true;
	if (!department || !*department)
		return true;
	return ctx->person->department && strcmp(ctx->person->department, department) == 0;
}

bool wf_may_for(const dh_ctx *ctx, dh_action a, const char *department)
{
	return wf_may(ctx, a) && scope_ok(ctx, a, department);
}

/* The role check with its message: unknown login, or who may. */
static int permit(dh_ctx *ctx, dh_action a)
{
	if (!ctx->person)
		return say(ctx, DH_EPERM, "Tài khoản «%s» không có trong cấu hình: chỉ được tra cứu.",
		           ctx->login ? ctx->login : "?");
	if (wf_may(ctx, a))
		return 0;
	char who[256], what[128];
	wf_who_may(ctx->cfg, a, who, sizeof(who));
	label_lowered(a, what, sizeof(what));
	if (!who[0])
		return say(ctx, DH_EPERM, "Cấu hình không cho ai được %s.", what);
	return say(ctx, DH_EPERM, "Chỉ %s được %s.", who, what);
}

/* The department rule, once the record's department is known. */
static int permit_in(dh_ctx *ctx, dh_action a, const char *department)
{
	int rc = permit(ctx, a);
	if (rc)
		return rc;
	if (scope_ok(ctx, a, department))
		return 0;
	char what[128];
	label_lowered(a, what, sizeof(what));
	return say(ctx, DH_EPERM, "Bạn chỉ được %s cho hồ sơ của %s; hồ sơ này thuộc %s.", what,
	           department_name(ctx->cfg, ctx->person->department), department_name(ctx->cfg, department));
}

const dh_deadline *wf_deadline_of(const dh_config *cfg, dh_action a)
{
	return cfg ? config_deadline_closing(cfg, wf_action_name(a)) : NULL;
}

/* After the deadline that closes A, refuse, unless LATE_REASON is given by
 * someone who may late_override. */
static int deadline_gate(dh_ctx *ctx, dh_action a, const char *late_reason, bool *late)
{
	const dh_deadline *d = wf_deadline_of(ctx->cfg, a);
	if (late)
		*late = false;
	if (!d || !d->date || today_of(ctx) <= d->date)
		return 0;
	char day[11];
	date_vn(d->date, day);
	const char *label = d->label ? d->label : d->id;
	if (late) {
		if (wf_may(ctx, DH_ACT_LATE_OVERRIDE)) {
			if (late_reason && *late_reason) {
				*late = true;
				return 0;
			}
			return say_field(ctx, DH_EDEADLINE, "late_reason",
			                 "Đã quá hạn «%s» (%s): ghi lý do cho phép đăng ký quá hạn.", label,
			                 day);
		}
		char who[256];
		wf_who_may(ctx->cfg, DH_ACT_LATE_OVERRIDE, who, sizeof(who));
		return say(ctx, DH_EDEADLINE,
		           "Đã quá hạn «%s» (%s): chỉ %s được cho phép làm quá hạn, kèm lý do.", label, day,
		           who);
	}
	return say(ctx, DH_EDEADLINE, "Đã quá hạn «%s» (%s).", label, day);
}

int wf_check(dh_ctx *ctx, dh_action a)
{
	clear_message(ctx);
	int rc = permit(ctx, a);
	return rc ? rc : deadline_gate(ctx, a, NULL, NULL);
}

bool wf_candidate_may(const dh_ctx *ctx, dh_action a, const dh_candidate *c)
{
	if (!wf_may_for(ctx, a, c->department))
		return false;
	bool live = !c->meta.deleted;
	switch (a) {
	case DH_ACT_EDIT:
	case DH_ACT_FOSTER:
	case DH_ACT_HOLD: return live;
	case DH_ACT_DELETE:
		return live && (c->stage == DH_STAGE_NEW_FACTOR || c->stage == DH_STAGE_FOSTERING ||
		                c->stage == DH_STAGE_NOT_APPROVED);
	case DH_ACT_NOMINATE:
		return live && (c->stage == DH_STAGE_NEW_FACTOR || c->stage == DH_STAGE_FOSTERING);
	case DH_ACT_CORRECT:
		return live && c->stage >= DH_STAGE_FOSTERING && c->stage <= DH_STAGE_NOT_APPROVED;
	case DH_ACT_RETURN:
	case DH_ACT_WITHDRAW:
	case DH_ACT_MANAGE_SESSION: return live && c->stage == DH_STAGE_NOMINATED;
	case DH_ACT_RECOGNISE: return live && c->stage == DH_STAGE_APPROVED && !c->on_hold;
	case DH_ACT_AWARD: return live && c->stage == DH_STAGE_RECOGNISED && !c->on_hold;
	case DH_ACT_REPLICATE:
		return live && (c->stage == DH_STAGE_RECOGNISED || c->stage == DH_STAGE_AWARDED);
	default: return true;
	}
}

/* --- text in ----------------------------------------------------------- */

static int set_str(char **dst, const char *src)
{
	char *copy = NULL;
	if (src && !(copy = strdup(src)))
		return DH_ENOMEM;
	free(*dst);
	*dst = copy;
	return 0;
}

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
static int clean_text(dh_ctx *ctx, char **field, const char *name, const char *label, bool multiline,
                      size_t max, bool required)
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

/* A copy of an argument string, cleaned as clean_text does. */
static int clean_arg(dh_ctx *ctx, const char *in, char **out, const char *name, const char *label, size_t max,
                     bool required)
{
	*out = NULL;
	if (in && !(*out = strdup(in)))
		return DH_ENOMEM;
	return clean_text(ctx, out, name, label, true, max, required);
}

static int check_date(dh_ctx *ctx, int *date, bool default_today, const char *name, const char *label)
{
	if (*date == 0 && default_today)
		*date = today_of(ctx);
	if (*date == 0 || !date_valid(*date))
		return say_field(ctx, DH_EINVAL, name, "%s không phải một ngày có thật.", label);
	return 0;
}

static int check_year(dh_ctx *ctx, int *year)
{
	if (*year == 0)
		*year = ctx->cfg->plan.year;
	if (*year < 2000 || *year > 2100)
		return say_field(ctx, DH_EINVAL, "year", "Năm %d nằm ngoài khoảng 2000–2100.", *year);
	return 0;
}

static int check_department(dh_ctx *ctx, const char *id)
{
	if (!id || !*id)
		return say_field(ctx, DH_EINVAL, "department", "Chưa chọn phòng.");
	if (!config_department(ctx->cfg, id))
		return say_field(ctx, DH_EINVAL, "department", "Phòng «%s» không có trong cấu hình.", id);
	return 0;
}

static const char *actor_name(const dh_ctx *ctx)
{
	return ctx->person && ctx->person->name ? ctx->person->name : ctx->login;
}

/* --- the transaction frame --------------------------------------------- */

typedef struct wf_pool {
	size_t n, cap;
	dh_rtype *types;
	void **recs;
} wf_pool;

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
static int pool_keep(wf_pool *p, dh_rtype type, void *rec)
{
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 16;
		dh_rtype *types = realloc(p->types, cap * sizeof(*types));
		if (types)
			p->types = types;
		void **recs = types ? realloc(p->recs, cap * sizeof(*recs)) : NULL;
		if (!recs) {
			record_free(type, rec);
			return DH_ENOMEM;
		}
		p->recs = recs;
		p->cap = cap;
	}
	p->types[p->n] = type;
	p->recs[p->n++] = rec;
	return 0;
}

typedef struct wf_op wf_op;
typedef int (*wf_body)(dh_repo_tx *tx, wf_op *op);

/* Everything an action's transaction body needs. */
struct wf_op {
	dh_ctx *ctx;
	wf_body body;
	wf_pool pool;
	const void *in; /* the cleaned input record, copied afresh per run */
	dh_rtype type;
	uint64_t target; /* the record acted on */
	uint64_t other;  /* a second id (candidate for an agenda item) */
	char *reason;    /* cleaned, owned by the op */
	const char *login;
	int arg[3];
	bool flag;
	uint64_t id; /* out: the record created or changed */
};

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
			tell(ctx, NULL, "Hồ sơ vừa được người khác lưu trước; hãy tải lại rồi sửa tiếp.");
		else
			tell(ctx, NULL, "%s.", dh_strerror(rc));
	}
	return rc;
}

static const char *type_what(dh_rtype type)
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
static int tx_load(dh_repo_tx *tx, wf_op *op, dh_rtype type, uint64_t id, void **out)
{
	*out = NULL;
	if (id == 0) {
		tell(op->ctx, NULL, "Chưa chọn %s.", type_what(type));
		return DH_ENOTFOUND;
	}
	void *rec = NULL;
	int rc = repo_tx_get(tx, type, id, &rec);
	if (rc == DH_ENOTFOUND)
		tell(op->ctx, NULL, "Không tìm thấy %s #%llu.", type_what(type), (unsigned long long)id);
	if (rc)
		return rc;
	if (!rec)
		return DH_ECORRUPT;
	if ((rc = pool_keep(&op->pool, type, rec)))
		return rc;
	*out = rec;
	return 0;
}

/* A live (not deleted) record. */
static int tx_load_live(dh_repo_tx *tx, wf_op *op, dh_rtype type, uint64_t id, void **out)
{
	int rc = tx_load(tx, op, type, id, out);
	if (rc)
		return rc;
	const dh_meta *m = *out;
	if (m->deleted)
		return say(op->ctx, DH_ESTAGE, "%s #%llu đã bị xóa (%s).", type_what(type),
		           (unsigned long long)id, m->deleted_reason ? m->deleted_reason : "không rõ lý do");
	return 0;
}

/* A fresh copy of the input record, owned by the pool. */
static int op_input_copy(wf_op *op, void **out)
{
	*out = record_dup(op->type, op->in);
	if (!*out)
		return DH_ENOMEM;
	return pool_keep(&op->pool, op->type, *out);
}

/* For an update: the stored record must be live and at the revision the
 * editor started from. */
static int check_update(wf_op *op, const dh_meta *stored, const dh_meta *in)
{
	if (stored->deleted)
		return say(op->ctx, DH_ESTAGE, "%s #%llu đã bị xóa: không sửa được.", type_what(op->type),
		           (unsigned long long)stored->id);
	if (stored->rev != in->rev) {
		const dh_person *p =
		    stored->updated_by ? config_person(op->ctx->cfg, stored->updated_by) : NULL;
		const char *who = p && p->name         ? p->name
		                  : stored->updated_by ? stored->updated_by
		                                       : "người khác";
		return say(op->ctx, DH_ECONFLICT,
		           "%s đã được %s lưu sau khi bạn mở (phiên bản %u, bạn sửa từ bản %u): hãy tải lại.",
		           type_what(op->type), who, stored->rev, in->rev);
	}
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

static int put(dh_repo_tx *tx, wf_op *op, const char *action, const char *note, dh_rtype type, void *rec)
{
	int rc = past_year_gate(tx, op, action, type, rec);
	if (rc)
		return rc;
	rc = repo_tx_put(tx, action, note, type, rec);
	if (rc == DH_ECONFLICT)
		return say(op->ctx, rc, "%s vừa được người khác lưu trước: hãy tải lại.", type_what(type));
	return rc;
}

/* Start an action: clear the message, check the role and the deadline
 * that closes the action (nomination checks its own, with the override). */
static int begin(dh_ctx *ctx, wf_op *op, dh_action a, wf_body body)
{
	clear_message(ctx);
	memset(op, 0, sizeof(*op));
	op->ctx = ctx;
	op->body = body;
	int rc = permit(ctx, a);
	if (rc || a == DH_ACT_NOMINATE)
		return rc;
	return deadline_gate(ctx, a, NULL, NULL);
}

/* Run with an input copy: validated input IN of TYPE. The op takes IN. */
static int op_run_input(wf_op *op, dh_rtype type, void *in, uint64_t *out_id)
{
	op->type = type;
	op->in = in;
	int rc = op_run(op, out_id);
	record_free(type, in);
	return rc;
}

/* --- candidates -------------------------------------------------------- */

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
	clear_message(ctx);
	if ((rc = clean_text(ctx, &c->name, "name", "Tên", false, WF_MAX_NAME, true)))
		return rc;
	if (c->kind < 0 || c->kind >= DH_CANDIDATE_KINDS)
		return say_field(ctx, DH_EINVAL, "kind",
		                 "Loại hồ sơ không hợp lệ (cá nhân, tập thể hoặc mô hình).");
	if ((rc = check_year(ctx, &c->year)))
		return rc;
	if ((rc = clean_text(ctx, &c->department, "department", "Phòng", false, WF_MAX_LINE, true)) ||
	    (rc = check_department(ctx, c->department)))
		return rc;
	if ((rc = clean_text(ctx, &c->position, "position", "Chức vụ", false, WF_MAX_LINE, false)) ||
	    (rc = clean_text(ctx, &c->title, "title", "Mô hình, thành tích", false, WF_MAX_LINE, false)) ||
	    (rc = clean_text(ctx, &c->description, "description", "Mô tả", true, WF_MAX_TEXT, false)) ||
	    (rc = clean_text(ctx, &c->prospects, "prospects", "Triển vọng", true, WF_MAX_TEXT, false)) ||
	    (rc = clean_text(ctx, &c->followup_notes, "followup_notes", "Theo dõi", true, WF_MAX_TEXT,
	                     false)) ||
	    (rc = clean_text(ctx, &c->hold_reason, "hold_reason", "Lý do tạm dừng", true, WF_MAX_LINE,
	                     false)) ||
	    (rc = clean_text(ctx, &c->recognised_decision, "recognised_decision", "Số quyết định công nhận",
	                     false, WF_MAX_LINE, false)) ||
	    (rc = clean_text(ctx, &c->award_decision, "award_decision", "Số quyết định khen thưởng", false,
	                     WF_MAX_LINE, false)))
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
	if ((rc = set_str(&dst->name, src->name)) || (rc = set_str(&dst->department, src->department)) ||
	    (rc = set_str(&dst->position, src->position)) || (rc = set_str(&dst->title, src->title)) ||
	    (rc = set_str(&dst->description, src->description)) ||
	    (rc = set_str(&dst->prospects, src->prospects)) ||
	    (rc = set_str(&dst->followup_notes, src->followup_notes)))
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
		if (!(c = record_new(DH_R_CANDIDATE)) || (rc = pool_keep(&op->pool, DH_R_CANDIDATE, c)) != 0)
			return c ? rc : DH_ENOMEM;
		c->stage = DH_STAGE_NEW_FACTOR;
	} else {
		if ((rc = tx_load(tx, op, DH_R_CANDIDATE, in->meta.id, (void **)&c)) ||
		    (rc = check_update(op, &c->meta, &in->meta)) ||
		    (rc = permit_in(op->ctx, DH_ACT_EDIT, c->department)))
			return rc;
	}
	if ((rc = copy_editable(c, in)))
		return rc;
	c->duplicate_of = op->other;
	if ((rc = put(tx, op, in->meta.id ? "edit" : "create", NULL, DH_R_CANDIDATE, c)))
		return rc;
	op->id = c->meta.id;
	return 0;
}

int wf_candidate_save(dh_ctx *ctx, const dh_candidate *in, uint64_t *out_id)
{
	wf_op op;
	dh_action a = in->meta.id ? DH_ACT_EDIT : DH_ACT_CREATE;
	int rc = begin(ctx, &op, a, candidate_save_body);
	if (rc)
		return rc;
	dh_candidate *c = record_dup(DH_R_CANDIDATE, in);
	if (!c)
		return DH_ENOMEM;
	if ((rc = wf_candidate_normalise(ctx, c)) || (rc = permit_in(ctx, a, c->department))) {
		record_free(DH_R_CANDIDATE, c);
		return rc;
	}
	op.other = wf_find_duplicate(ctx, c);
	return op_run_input(&op, DH_R_CANDIDATE, c, out_id);
}

/* --- fostering --------------------------------------------------------- */

static int fostering_body(dh_repo_tx *tx, wf_op *op)
{
	const dh_fostering *in = op->in;
	dh_candidate *c;
	dh_fostering *f;
	int rc;
	if ((rc = tx_load_live(tx, op, DH_R_CANDIDATE, in->candidate_id, (void **)&c)) ||
	    (rc = permit_in(op->ctx, DH_ACT_FOSTER, c->department)) || (rc = op_input_copy(op, (void **)&f)))
		return rc;
	if (in->meta.id) {
		dh_fostering *stored;
		if ((rc = tx_load(tx, op, DH_R_FOSTERING, in->meta.id, (void **)&stored)) ||
		    (rc = check_update(op, &stored->meta, &in->meta)))
			return rc;
		if (stored->candidate_id != in->candidate_id)
			return say_field(op->ctx, DH_EINVAL, "candidate_id",
			                 "Không chuyển được mục bồi dưỡng sang hồ sơ khác.");
	}
	if ((rc = put(tx, op, "foster", NULL, DH_R_FOSTERING, f)))
		return rc;
	op->id = f->meta.id;
	if (c->stage == DH_STAGE_NEW_FACTOR) {
		c->stage = DH_STAGE_FOSTERING;
		if ((rc = put(tx, op, "foster", NULL, DH_R_CANDIDATE, c)))
			return rc;
	}
	return 0;
}

int wf_fostering_save(dh_ctx *ctx, const dh_fostering *in, uint64_t *out_id)
{
	wf_op op;
	int rc = begin(ctx, &op, DH_ACT_FOSTER, fostering_body);
	if (rc)
		return rc;
	dh_fostering *f = record_dup(DH_R_FOSTERING, in);
	if (!f)
		return DH_ENOMEM;
	if (f->kind < DH_FOSTER_GUIDANCE || f->kind > DH_FOSTER_MATERIAL)
		rc = say_field(ctx, DH_EINVAL, "kind", "Hình thức bồi dưỡng không hợp lệ.");
	else if (f->amount < 0 || f->amount > WF_MAX_AMOUNT)
		rc = say_field(ctx, DH_EINVAL, "amount", "Số tiền phải từ 0 đến %lld đồng.", WF_MAX_AMOUNT);
	else if (f->amount && f->kind != DH_FOSTER_MATERIAL)
		rc = say_field(ctx, DH_EINVAL, "amount", "Chỉ hỗ trợ vật chất mới ghi số tiền.");
	if (!rc && !(rc = check_date(ctx, &f->date, true, "date", "Ngày")) &&
	    !(rc = clean_text(ctx, &f->description, "description", "Nội dung", true, WF_MAX_TEXT, true)) &&
	    !(rc = clean_text(ctx, &f->by, "by", "Người thực hiện", false, WF_MAX_LINE, false)) && !f->by)
		rc = set_str(&f->by, actor_name(ctx));
	if (rc) {
		record_free(DH_R_FOSTERING, f);
		return rc;
	}
	return op_run_input(&op, DH_R_FOSTERING, f, out_id);
}

/* --- hold, correction, deletion ---------------------------------------- */

static int hold_body(dh_repo_tx *tx, wf_op *op)
{
	dh_candidate *c;
	int rc;
	if ((rc = tx_load_live(tx, op, DH_R_CANDIDATE, op->target, (void **)&c)) ||
	    (rc = permit_in(op->ctx, DH_ACT_HOLD, c->department)))
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
	if ((rc = set_str(&c->hold_reason, op->flag ? op->reason : NULL)) ||
	    (op->flag && (rc = set_str(&c->hold_kind, op->login))))
		return rc;
	op->id = c->meta.id;
	return put(tx, op, op->flag ? "hold" : "release", op->reason, DH_R_CANDIDATE, c);
}

int wf_hold_set(dh_ctx *ctx, uint64_t candidate_id, const char *kind, const char *reason)
{
	wf_op op;
	int rc = begin(ctx, &op, DH_ACT_HOLD, hold_body);
	if (rc || (rc = clean_arg(ctx, reason, &op.reason, "reason", "Lý do", WF_MAX_LINE, true))) {
		free(op.reason);
		return rc;
	}
	if (kind && *kind && !config_hold(ctx->cfg, kind)) {
		free(op.reason);
		return say_field(ctx, DH_EINVAL, "kind",
		                 "Trường hợp tạm dừng «%s» không có trong cấu hình (holds).", kind);
	}
	op.target = candidate_id;
	op.flag = true;
	op.login = kind && *kind ? kind : NULL;
	return op_run(&op, NULL);
}

int wf_hold_lift(dh_ctx *ctx, uint64_t candidate_id, const char *reason, int counts_from)
{
	wf_op op;
	int rc = begin(ctx, &op, DH_ACT_HOLD, hold_body);
	/* Lifting needs the result of the check as its reason. */
	if (rc ||
	    (rc = clean_arg(ctx, reason, &op.reason, "reason", "Lý do tiếp tục xét", WF_MAX_LINE, true)) ||
	    (counts_from &&
	     (rc = check_date(ctx, &counts_from, false, "counts_from", "Ngày bắt đầu tính thành tích")))) {
		free(op.reason);
		return rc;
	}
	op.target = candidate_id;
	op.flag = false;
	op.arg[0] = counts_from;
	return op_run(&op, NULL);
}

int wf_hold(dh_ctx *ctx, uint64_t candidate_id, bool on_hold, const char *reason)
{
	return on_hold ? wf_hold_set(ctx, candidate_id, NULL, reason)
	               : wf_hold_lift(ctx, candidate_id, reason, 0);
}

/* Items (not deleted) of a candidate, in any session. */
typedef struct item_scan {
	wf_op *op;
	uint64_t candidate_id;
	uint64_t ids[64];
	size_t n;
} item_scan;

static int item_scan_visit(const void *rec, void *p)
{
	const dh_vote_item *it = rec;
	item_scan *s = p;
	if (!it->meta.deleted && it->candidate_id == s->candidate_id &&
	    s->n < sizeof(s->ids) / sizeof(s->ids[0]))
		s->ids[s->n++] = it->meta.id;
	return 0;
}

static int candidate_items(dh_repo_tx *tx, item_scan *s)
{
	s->n = 0;
	return repo_tx_each(tx, DH_R_VOTE_ITEM, item_scan_visit, s);
}

/* Active (submitted or accepted, not deleted) registrations of a candidate. */
typedef struct reg_scan {
	uint64_t ids[16];
	size_t n;
} reg_scan;

static int reg_scan_visit(const void *rec, void *p)
{
	const dh_registration *r = rec;
	reg_scan *s = p;
	if (!r->meta.deleted && (r->status == DH_REG_SUBMITTED || r->status == DH_REG_ACCEPTED) &&
	    s->n < sizeof(s->ids) / sizeof(s->ids[0]))
		s->ids[s->n++] = r->meta.id;
	return 0;
}

static int active_registrations(dh_repo_tx *tx, uint64_t candidate_id, reg_scan *s)
{
	s->n = 0;
	return repo_tx_children(tx, DH_R_REGISTRATION, candidate_id, reg_scan_visit, s);
}

/* Mark the candidate's active registrations STATUS with REASON. */
static int end_registrations(dh_repo_tx *tx, wf_op *op, uint64_t candidate_id, int status, const char *action)
{
	reg_scan rs;
	int rc = active_registrations(tx, candidate_id, &rs);
	for (size_t i = 0; !rc && i < rs.n; i++) {
		dh_registration *r;
		if ((rc = tx_load(tx, op, DH_R_REGISTRATION, rs.ids[i], (void **)&r)))
			break;
		r->status = status;
		if (!(rc = set_str(&r->reason, op->reason)))
			rc = put(tx, op, action, op->reason, DH_R_REGISTRATION, r);
	}
	return rc;
}

static int correct_body(dh_repo_tx *tx, wf_op *op)
{
	dh_candidate *c;
	int target = op->arg[0];
	int rc;
	if ((rc = tx_load_live(tx, op, DH_R_CANDIDATE, op->target, (void **)&c)) ||
	    (rc = permit_in(op->ctx, DH_ACT_CORRECT, c->department)))
		return rc;
	if (c->stage == DH_STAGE_RECOGNISED || c->stage == DH_STAGE_AWARDED)
		return say(op->ctx, DH_ESTAGE,
		           "«%s» đã có quyết định (%s): thu hồi quyết định thay cho đính chính.", c->name,
		           c->stage == DH_STAGE_AWARDED ? c->award_decision : c->recognised_decision);
	if (c->stage == DH_STAGE_NEW_FACTOR)
		return say(op->ctx, DH_ESTAGE, "«%s» đang ở bước đầu tiên: không lùi được nữa.", c->name);
	if (target >= c->stage)
		return say_field(op->ctx, DH_EINVAL, "stage",
		                 "Đính chính chỉ lùi bước: «%s» đang ở bước «%s».", c->name,
		                 stage_text(c->stage));
	/* Agenda items follow the stage: back to nominated reopens a closed
	 * item; below nominated the items go (deleted with the reason). */
	if (c->stage >= DH_STAGE_NOMINATED) {
		item_scan is = {.op = op, .candidate_id = c->meta.id};
		if ((rc = candidate_items(tx, &is)))
			return rc;
		for (size_t i = 0; i < is.n; i++) {
			dh_vote_item *it;
			dh_session *s;
			if ((rc = tx_load(tx, op, DH_R_VOTE_ITEM, is.ids[i], (void **)&it)) ||
			    (rc = tx_load(tx, op, DH_R_SESSION, it->session_id, (void **)&s)))
				return rc;
			if (target == DH_STAGE_NOMINATED) {
				if (!it->closed)
					continue;
				if (s->closed)
					return say(op->ctx, DH_ELOCKED,
					           "Phiên họp «%s» đã kết thúc: mở lại phiên họp trước khi "
					           "đính chính.",
					           s->title ? s->title : "");
				it->closed = false;
				it->result = DH_RESULT_PENDING;
				if ((rc = set_str(&it->reason, NULL)) ||
				    (rc = set_str(&it->reopen_reason, op->reason)))
					return rc;
			} else {
				if (it->closed && s->closed)
					return say(op->ctx, DH_ELOCKED,
					           "Phiên họp «%s» đã kết thúc: mở lại phiên họp trước khi "
					           "đính chính.",
					           s->title ? s->title : "");
				it->meta.deleted = true;
				if ((rc = set_str(&it->meta.deleted_reason, op->reason)))
					return rc;
			}
			if ((rc = put(tx, op, "correct", op->reason, DH_R_VOTE_ITEM, it)))
				return rc;
		}
	}
	if (target < DH_STAGE_NOMINATED && c->stage >= DH_STAGE_NOMINATED &&
	    (rc = end_registrations(tx, op, c->meta.id, DH_REG_WITHDRAWN, "correct")))
		return rc;
	c->stage = target;
	op->id = c->meta.id;
	return put(tx, op, "correct", op->reason, DH_R_CANDIDATE, c);
}

int wf_correct_stage(dh_ctx *ctx, uint64_t candidate_id, int stage, const char *reason)
{
	wf_op op;
	int rc = begin(ctx, &op, DH_ACT_CORRECT, correct_body);
	if (!rc && (stage < 0 || stage >= DH_STAGE__COUNT))
		rc = say_field(ctx, DH_EINVAL, "stage", "Bước hồ sơ không hợp lệ.");
	if (rc ||
	    (rc = clean_arg(ctx, reason, &op.reason, "reason", "Lý do đính chính", WF_MAX_LINE, true))) {
		free(op.reason);
		return rc;
	}
	op.target = candidate_id;
	op.arg[0] = stage;
	return op_run(&op, NULL);
}

static dh_action delete_action(dh_rtype type)
{
	return type == DH_R_VOTE_ITEM || type == DH_R_SESSION ? DH_ACT_MANAGE_SESSION : DH_ACT_DELETE;
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

/* The department a record belongs to, for the department rule (loads the
 * candidate of child records). *DEPT points into a pooled record. */
static int record_department(dh_repo_tx *tx, wf_op *op, dh_rtype type, const void *rec, const char **dept)
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
	int rc = tx_load(tx, op, DH_R_CANDIDATE, cand, (void **)&c);
	if (rc == 0)
		*dept = c->department;
	return rc;
}

/* What deleting (or restoring) a record of each type requires. */
static int deletable(dh_repo_tx *tx, wf_op *op, dh_rtype type, const void *rec, bool restoring)
{
	dh_ctx *ctx = op->ctx;
	int rc;
	switch (type) {
	case DH_R_CANDIDATE: {
		const dh_candidate *c = rec;
		if (!restoring && c->stage != DH_STAGE_NEW_FACTOR && c->stage != DH_STAGE_FOSTERING &&
		    c->stage != DH_STAGE_NOT_APPROVED)
			return say(ctx, DH_ESTAGE, "«%s» đang ở bước «%s»: %s trước khi xóa.", c->name,
			           stage_text(c->stage),
			           c->stage == DH_STAGE_NOMINATED ? "rút đăng ký"
			                                          : "thu hồi quyết định hoặc đính chính");
		return 0;
	}
	case DH_R_VOTE_ITEM: {
		const dh_vote_item *it = rec;
		dh_session *s;
		if (it->closed)
			return say(ctx, DH_ELOCKED, "Mục bình xét đã chốt kết quả: không xóa được.");
		if ((rc = tx_load(tx, op, DH_R_SESSION, it->session_id, (void **)&s)))
			return rc;
		if (s->closed)
			return say(ctx, DH_ELOCKED, "Phiên họp đã kết thúc.");
		if (restoring) {
			dh_candidate *c;
			item_scan is = {.op = op, .candidate_id = it->candidate_id};
			if ((rc = tx_load_live(tx, op, DH_R_CANDIDATE, it->candidate_id, (void **)&c)) ||
			    (rc = candidate_items(tx, &is)))
				return rc;
			if (c->stage != DH_STAGE_NOMINATED || is.n > 0)
				return say(ctx, DH_ESTAGE, "«%s» không còn chờ bình xét ở mục này.", c->name);
		}
		return 0;
	}
	case DH_R_SESSION: {
		const dh_session *s = rec;
		closed_scan cs = {0};
		if (s->closed)
			return say(ctx, DH_ELOCKED, "Phiên họp đã kết thúc: không xóa được.");
		if ((rc = repo_tx_children(tx, DH_R_VOTE_ITEM, s->meta.id, closed_visit, &cs)))
			return rc;
		if (!restoring && cs.closed + cs.open > 0)
			return say(ctx, DH_ELOCKED, "Phiên họp còn %d mục bình xét: xóa các mục trước.",
			           cs.closed + cs.open);
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
	if ((rc = tx_load(tx, op, op->type, op->target, &rec)) ||
	    (rc = record_department(tx, op, op->type, rec, &dept)) ||
	    (rc = permit_in(op->ctx, delete_action(op->type), dept)))
		return rc;
	dh_meta *m = rec;
	if (m->deleted != restoring)
		return say(op->ctx, DH_EINVAL,
		           restoring ? "%s #%llu không bị xóa." : "%s #%llu đã bị xóa rồi.",
		           type_what(op->type), (unsigned long long)m->id);
	if ((rc = deletable(tx, op, op->type, rec, restoring)))
		return rc;
	m->deleted = !restoring;
	if ((rc = set_str(&m->deleted_reason, restoring ? NULL : op->reason)))
		return rc;
	op->id = m->id;
	return put(tx, op, restoring ? "restore" : "delete", op->reason, op->type, rec);
}

static int delete_or_restore(dh_ctx *ctx, dh_rtype type, uint64_t id, const char *reason, bool restoring)
{
	wf_op op;
	int rc = begin(ctx, &op, delete_action(type), delete_body);
	if (rc || (rc = clean_arg(ctx, reason, &op.reason, "reason", "Lý do", WF_MAX_LINE, !restoring))) {
		free(op.reason);
		return rc;
	}
	op.type = type;
	op.target = id;
	op.flag = restoring;
	return op_run(&op, NULL);
}

int wf_delete(dh_ctx *ctx, dh_rtype type, uint64_t id, const char *reason)
{
	return delete_or_restore(ctx, type, id, reason, false);
}

int wf_restore(dh_ctx *ctx, dh_rtype type, uint64_t id, const char *note)
{
	return delete_or_restore(ctx, type, id, note, true);
}

/* --- registrations ----------------------------------------------------- */

static int nominate_body(dh_repo_tx *tx, wf_op *op)
{
	const dh_registration *in = op->in;
	dh_candidate *c;
	dh_registration *r;
	reg_scan rs;
	int rc;
	if ((rc = tx_load_live(tx, op, DH_R_CANDIDATE, in->candidate_id, (void **)&c)) ||
	    (rc = permit_in(op->ctx, DH_ACT_NOMINATE, c->department)))
		return rc;
	if (c->stage != DH_STAGE_NEW_FACTOR && c->stage != DH_STAGE_FOSTERING)
		return say(op->ctx, DH_ESTAGE,
		           "«%s» đang ở bước «%s»: chỉ đăng ký nhân tố mới hoặc hồ sơ đang bồi dưỡng.",
		           c->name, stage_text(c->stage));
	if ((rc = active_registrations(tx, c->meta.id, &rs)))
		return rc;
	if (rs.n > 0)
		return say(op->ctx, DH_ESTAGE, "«%s» đã có hồ sơ đăng ký #%llu đang xét.", c->name,
		           (unsigned long long)rs.ids[0]);
	if ((rc = op_input_copy(op, (void **)&r)))
		return rc;
	if (!r->description && (rc = set_str(&r->description, c->description)))
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
	if ((rc = set_str(&r->department, c->department)) ||
	    (rc = set_str(&r->registered_by, op->ctx->login)) || (rc = set_str(&r->reason, NULL)) ||
	    (rc = set_str(&r->checked_by, NULL)) ||
	    (rc = set_str(&r->late_approved_by, op->flag ? op->ctx->login : NULL)) ||
	    (!op->flag && (rc = set_str(&r->late_reason, NULL))))
		return rc;
	if ((rc = put(tx, op, "nominate", r->late_reason, DH_R_REGISTRATION, r)))
		return rc;
	op->id = r->meta.id;
	c->stage = DH_STAGE_NOMINATED;
	return put(tx, op, "nominate", r->late_reason, DH_R_CANDIDATE, c);
}

int wf_nominate(dh_ctx *ctx, const dh_registration *in, uint64_t *out_id)
{
	wf_op op;
	int rc = begin(ctx, &op, DH_ACT_NOMINATE, nominate_body);
	if (rc)
		return rc;
	if (in->meta.id)
		return say(ctx, DH_EINVAL, "Hồ sơ đăng ký đã gửi: muốn thay đổi thì rút rồi đăng ký lại.");
	dh_registration *r = record_dup(DH_R_REGISTRATION, in);
	if (!r)
		return DH_ENOMEM;
	if (!(rc = check_date(ctx, &r->date, true, "date", "Ngày đăng ký")) &&
	    !(rc = clean_text(ctx, &r->description, "description", "Bản mô tả", true, WF_MAX_TEXT, false)) &&
	    !(rc = clean_text(ctx, &r->late_reason, "late_reason", "Lý do đăng ký quá hạn", true, WF_MAX_LINE,
	                      false)))
		rc = deadline_gate(ctx, DH_ACT_NOMINATE, r->late_reason, &op.flag);
	if (rc) {
		record_free(DH_R_REGISTRATION, r);
		return rc;
	}
	return op_run_input(&op, DH_R_REGISTRATION, r, out_id);
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
	if (!r->meta.deleted && r->year == s->year && r->department &&
	    strcmp(r->department, s->department) == 0 &&
	    (r->status == DH_REG_SUBMITTED || r->status == DH_REG_ACCEPTED)) {
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
	dh_nil_return *n;
	answer_scan s = {.year = in->year, .department = in->department};
	int rc;
	if ((rc = repo_tx_each(tx, DH_R_REGISTRATION, answer_reg_visit, &s)) ||
	    (rc = repo_tx_each(tx, DH_R_NIL_RETURN, answer_nil_visit, &s)))
		return rc;
	const char *dept = department_name(op->ctx->cfg, in->department);
	if (s.registration)
		return say(op->ctx, DH_EINVAL, "%s đã có hồ sơ đăng ký năm %d (#%llu).", dept, in->year,
		           (unsigned long long)s.registration);
	if (in->meta.id) {
		dh_nil_return *stored;
		if ((rc = tx_load(tx, op, DH_R_NIL_RETURN, in->meta.id, (void **)&stored)) ||
		    (rc = check_update(op, &stored->meta, &in->meta)) ||
		    (rc = permit_in(op->ctx, DH_ACT_NIL_RETURN, stored->department)))
			return rc;
		if (s.nil_return && s.nil_return != in->meta.id)
			return say(op->ctx, DH_EINVAL, "%s đã báo không có đăng ký năm %d.", dept, in->year);
	} else if (s.nil_return) {
		return say(op->ctx, DH_EINVAL, "%s đã báo không có đăng ký năm %d.", dept, in->year);
	}
	if ((rc = op_input_copy(op, (void **)&n)) ||
	    (rc = put(tx, op, "nil_return", NULL, DH_R_NIL_RETURN, n)))
		return rc;
	op->id = n->meta.id;
	return 0;
}

int wf_nil_return(dh_ctx *ctx, const dh_nil_return *in, uint64_t *out_id)
{
	wf_op op;
	int rc = begin(ctx, &op, DH_ACT_NIL_RETURN, nil_return_body);
	if (rc)
		return rc;
	dh_nil_return *n = record_dup(DH_R_NIL_RETURN, in);
	if (!n)
		return DH_ENOMEM;
	if (!(rc = check_year(ctx, &n->year)) && !(rc = check_department(ctx, n->department)) &&
	    !(rc = permit_in(ctx, DH_ACT_NIL_RETURN, n->department)) &&
	    !(rc = check_date(ctx, &n->date, true, "date", "Ngày báo")) &&
	    !(rc = clean_text(ctx, &n->note, "note", "Ghi chú", true, WF_MAX_TEXT, false)) &&
	    !(rc = clean_text(ctx, &n->by, "by", "Người báo", false, WF_MAX_LINE, false)) && !n->by)
		rc = set_str(&n->by, actor_name(ctx));
	if (rc) {
		record_free(DH_R_NIL_RETURN, n);
		return rc;
	}
	return op_run_input(&op, DH_R_NIL_RETURN, n, out_id);
}

static int accept_body(dh_repo_tx *tx, wf_op *op)
{
	dh_registration *r;
	int rc;
	if ((rc = tx_load_live(tx, op, DH_R_REGISTRATION, op->target, (void **)&r)))
		return rc;
	if (r->status != DH_REG_SUBMITTED)
		return say(op->ctx, DH_ESTAGE,
		           "Hồ sơ đăng ký đang ở trạng thái «%s»: chỉ kiểm tra hồ sơ mới gửi.",
		           reg_status_label(r->status));
	r->status = DH_REG_ACCEPTED;
	r->complete = true;
	if ((rc = set_str(&r->checked_by, op->ctx->login)))
		return rc;
	op->id = r->meta.id;
	return put(tx, op, "check_registration", NULL, DH_R_REGISTRATION, r);
}

int wf_registration_accept(dh_ctx *ctx, uint64_t registration_id)
{
	wf_op op;
	int rc = begin(ctx, &op, DH_ACT_CHECK_REGISTRATION, accept_body);
	if (rc)
		return rc;
	op.target = registration_id;
	return op_run(&op, NULL);
}

/* Open agenda items of a candidate go with its registration. */
static int drop_open_items(dh_repo_tx *tx, wf_op *op, uint64_t candidate_id, const char *action)
{
	item_scan is = {.op = op, .candidate_id = candidate_id};
	int rc = candidate_items(tx, &is);
	for (size_t i = 0; !rc && i < is.n; i++) {
		dh_vote_item *it;
		if ((rc = tx_load(tx, op, DH_R_VOTE_ITEM, is.ids[i], (void **)&it)))
			break;
		if (it->closed)
			continue;
		it->meta.deleted = true;
		if (!(rc = set_str(&it->meta.deleted_reason, op->reason ? op->reason : "Rút đăng ký")))
			rc = put(tx, op, action, op->reason, DH_R_VOTE_ITEM, it);
	}
	return rc;
}

static int return_body(dh_repo_tx *tx, wf_op *op)
{
	dh_action a = op->arg[0];
	dh_registration *r;
	dh_candidate *c;
	int rc;
	if ((rc = tx_load_live(tx, op, DH_R_REGISTRATION, op->target, (void **)&r)) ||
	    (rc = permit_in(op->ctx, a, r->department)))
		return rc;
	if (r->status != DH_REG_SUBMITTED && r->status != DH_REG_ACCEPTED)
		return say(op->ctx, DH_ESTAGE, "Hồ sơ đăng ký đang ở trạng thái «%s».",
		           reg_status_label(r->status));
	if ((rc = tx_load(tx, op, DH_R_CANDIDATE, r->candidate_id, (void **)&c)))
		return rc;
	if (c->stage != DH_STAGE_NOMINATED)
		return say(op->ctx, DH_ESTAGE, "«%s» đã được Hội đồng bình xét (bước «%s»).", c->name,
		           stage_text(c->stage));
	const char *action = wf_action_name(a);
	if ((rc = drop_open_items(tx, op, c->meta.id, action)))
		return rc;
	r->status = a == DH_ACT_RETURN ? DH_REG_RETURNED : DH_REG_WITHDRAWN;
	if ((rc = set_str(&r->reason, op->reason)) ||
	    (rc = put(tx, op, action, op->reason, DH_R_REGISTRATION, r)))
		return rc;
	op->id = r->meta.id;
	c->stage = DH_STAGE_FOSTERING;
	return put(tx, op, action, op->reason, DH_R_CANDIDATE, c);
}

static int end_registration(dh_ctx *ctx, dh_action a, uint64_t id, const char *reason)
{
	wf_op op;
	int rc = begin(ctx, &op, a, return_body);
	if (rc ||
	    (rc = clean_arg(ctx, reason, &op.reason, "reason", "Lý do", WF_MAX_LINE, a == DH_ACT_RETURN))) {
		free(op.reason);
		return rc;
	}
	op.target = id;
	op.arg[0] = a;
	return op_run(&op, NULL);
}

int wf_registration_return(dh_ctx *ctx, uint64_t registration_id, const char *reason)
{
	return end_registration(ctx, DH_ACT_RETURN, registration_id, reason);
}

int wf_registration_withdraw(dh_ctx *ctx, uint64_t registration_id, const char *reason)
{
	return end_registration(ctx, DH_ACT_WITHDRAW, registration_id, reason);
}

typedef struct answered_scan {
	const dh_config *cfg;
	int year;
	bool *answered;
} answered_scan;

static void mark_answered(answered_scan *s, const char *department)
{
	for (size_t i = 0; department && i < s->cfg->n_departments; i++)
		if (strcmp(s->cfg->departments[i].id, department) == 0)
			s->answered[i] = true;
}

static int answered_reg_visit(const void *rec, void *p)
{
	const dh_registration *r = rec;
	answered_scan *s = p;
	if (!r->meta.deleted && r->year == s->year &&
	    (r->status == DH_REG_SUBMITTED || r->status == DH_REG_ACCEPTED))
		mark_answered(s, r->department);
	return 0;
}

static int answered_nil_visit(const void *rec, void *p)
{
	const dh_nil_return *n = rec;
	answered_scan *s = p;
	if (!n->meta.deleted && n->year == s->year)
		mark_answered(s, n->department);
	return 0;
}

int wf_departments_answered(dh_ctx *ctx, int year, bool *answered)
{
	answered_scan s = {.cfg = ctx->cfg, .year = year ? year : ctx->cfg->plan.year, .answered = answered};
	for (size_t i = 0; i < ctx->cfg->n_departments; i++)
		answered[i] = false;
	int rc = repo_each(ctx->store, DH_R_REGISTRATION, answered_reg_visit, &s);
	return rc ? rc : repo_each(ctx->store, DH_R_NIL_RETURN, answered_nil_visit, &s);
}

/* --- what waits --------------------------------------------------------- */

/* A growing sorted-on-demand set of ids. */
typedef struct id_set {
	uint64_t *v;
	size_t n, cap;
	int err;
} id_set;

static void id_set_add(id_set *s, uint64_t id)
{
	if (s->err)
		return;
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		uint64_t *v = realloc(s->v, cap * sizeof(*v));
		if (!v) {
			s->err = DH_ENOMEM;
			return;
		}
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n++] = id;
}

static int id_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static void id_set_sort(id_set *s)
{
	if (s->n)
		qsort(s->v, s->n, sizeof(*s->v), id_cmp);
}

static bool id_set_has(const id_set *s, uint64_t id)
{
	return s->n && bsearch(&id, s->v, s->n, sizeof(*s->v), id_cmp) != NULL;
}

/* Everything wf_todo() and wf_awaiting_agenda() gather in one pass per
 * record type. */
typedef struct todo_scan {
	const dh_ctx *ctx;
	int year;
	id_set open_sessions;          /* live, not closed */
	id_set on_agenda;              /* candidates with a live item */
	id_set replicated;             /* candidates with a live activity */
	id_set waiting;                /* wf_awaiting_agenda: nominated, not on agenda */
	bool *answered, *disseminated; /* per config department */
	int open_items, submitted;
	int count[DH_ACT__COUNT];
} todo_scan;

static int todo_session_visit(const void *rec, void *p)
{
	const dh_session *s = rec;
	todo_scan *t = p;
	if (!s->meta.deleted && !s->closed)
		id_set_add(&t->open_sessions, s->meta.id);
	return 0;
}

static int todo_item_visit(const void *rec, void *p)
{
	const dh_vote_item *it = rec;
	todo_scan *t = p;
	if (it->meta.deleted)
		return 0;
	id_set_add(&t->on_agenda, it->candidate_id);
	if (!it->closed && id_set_has(&t->open_sessions, it->session_id))
		t->open_items++;
	return 0;
}

static int todo_activity_visit(const void *rec, void *p)
{
	const dh_activity *a = rec;
	todo_scan *t = p;
	if (!a->meta.deleted)
		id_set_add(&t->replicated, a->candidate_id);
	return 0;
}

static void todo_mark(todo_scan *t, bool *flags, const char *department)
{
	const dh_config *cfg = t->ctx->cfg;
	for (size_t i = 0; department && i < cfg->n_departments; i++)
		if (strcmp(cfg->departments[i].id, department) == 0)
			flags[i] = true;
}

static int todo_registration_visit(const void *rec, void *p)
{
	const dh_registration *r = rec;
	todo_scan *t = p;
	if (r->meta.deleted || r->year != t->year)
		return 0;
	if (r->status == DH_REG_SUBMITTED || r->status == DH_REG_ACCEPTED)
		todo_mark(t, t->answered, r->department);
	if (r->status == DH_REG_SUBMITTED && scope_ok(t->ctx, DH_ACT_CHECK_REGISTRATION, r->department))
		t->submitted++;
	return 0;
}

static int todo_nil_visit(const void *rec, void *p)
{
	const dh_nil_return *n = rec;
	todo_scan *t = p;
	if (!n->meta.deleted && n->year == t->year)
		todo_mark(t, t->answered, n->department);
	return 0;
}

static int todo_dissemination_visit(const void *rec, void *p)
{
	const dh_dissemination *d = rec;
	todo_scan *t = p;
	if (!d->meta.deleted && d->year == t->year)
		todo_mark(t, t->disseminated, d->department);
	return 0;
}

static int todo_candidate_visit(const void *rec, void *p)
{
	const dh_candidate *c = rec;
	todo_scan *t = p;
	const dh_ctx *ctx = t->ctx;
	if (c->meta.deleted)
		return 0;
	if (c->stage == DH_STAGE_NOMINATED && !id_set_has(&t->on_agenda, c->meta.id))
		id_set_add(&t->waiting, c->meta.id);
	if (c->year != t->year)
		return 0;
	const char *dept = c->department;
#define TODO_COUNT(a, cond)                                                                                  \
	do {                                                                                                 \
		if ((cond) && scope_ok(ctx, (a), dept))                                                      \
			t->count[(a)]++;                                                                     \
	} while (0)
	TODO_COUNT(DH_ACT_FOSTER, c->stage == DH_STAGE_NEW_FACTOR);
	TODO_COUNT(DH_ACT_NOMINATE, (c->stage == DH_STAGE_NEW_FACTOR || c->stage == DH_STAGE_FOSTERING) &&
	                                wf_meets_new_factor_min(ctx->cfg, c));
	TODO_COUNT(DH_ACT_MANAGE_SESSION,
	           c->stage == DH_STAGE_NOMINATED && !id_set_has(&t->on_agenda, c->meta.id));
	TODO_COUNT(DH_ACT_RECOGNISE, c->stage == DH_STAGE_APPROVED && !c->on_hold);
	TODO_COUNT(DH_ACT_AWARD, c->stage == DH_STAGE_RECOGNISED && !c->on_hold);
	TODO_COUNT(DH_ACT_REPLICATE, (c->stage == DH_STAGE_RECOGNISED || c->stage == DH_STAGE_AWARDED) &&
	                                 !id_set_has(&t->replicated, c->meta.id));
	TODO_COUNT(DH_ACT_HOLD, c->on_hold);
#undef TODO_COUNT
	return 0;
}

static void todo_free(todo_scan *t)
{
	free(t->open_sessions.v);
	free(t->on_agenda.v);
	free(t->replicated.v);
	free(t->waiting.v);
	free(t->answered);
	free(t->disseminated);
}

/* The scans, in the order their results are needed. */
static int todo_gather(dh_ctx *ctx, todo_scan *t)
{
	dh_store *st = ctx->store;
	size_t nd = ctx->cfg->n_departments;
	t->answered = calloc(nd + 1, sizeof(bool));
	t->disseminated = calloc(nd + 1, sizeof(bool));
	if (!t->answered || !t->disseminated)
		return DH_ENOMEM;
	int rc;
	if ((rc = repo_each(st, DH_R_SESSION, todo_session_visit, t)))
		return rc;
	id_set_sort(&t->open_sessions);
	if ((rc = repo_each(st, DH_R_VOTE_ITEM, todo_item_visit, t)) ||
	    (rc = repo_each(st, DH_R_ACTIVITY, todo_activity_visit, t)))
		return rc;
	id_set_sort(&t->on_agenda);
	id_set_sort(&t->replicated);
	if ((rc = repo_each(st, DH_R_REGISTRATION, todo_registration_visit, t)) ||
	    (rc = repo_each(st, DH_R_NIL_RETURN, todo_nil_visit, t)) ||
	    (rc = repo_each(st, DH_R_DISSEMINATION, todo_dissemination_visit, t)) ||
	    (rc = repo_each(st, DH_R_CANDIDATE, todo_candidate_visit, t)))
		return rc;
	if (t->open_sessions.err || t->on_agenda.err || t->replicated.err || t->waiting.err)
		return DH_ENOMEM;
	return 0;
}

static void todo_line(const dh_ctx *ctx, dh_todo *out, size_t max, size_t *n, dh_action a, int count,
                      const char *fmt, ...) __attribute__((format(printf, 7, 8)));

static void todo_line(const dh_ctx *ctx, dh_todo *out, size_t max, size_t *n, dh_action a, int count,
                      const char *fmt, ...)
{
	if (count <= 0 || *n >= max || !wf_may(ctx, a))
		return;
	dh_todo *line = &out[(*n)++];
	line->action = a;
	line->count = count;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line->text, sizeof(line->text), fmt, ap);
	va_end(ap);
	trim_partial_utf8(line->text);
}

int wf_todo(dh_ctx *ctx, int year, dh_todo *out, size_t max, size_t *n)
{
	*n = 0;
	if (!ctx->person)
		return 0;
	todo_scan t = {.ctx = ctx, .year = year ? year : ctx->cfg->plan.year};
	int rc = todo_gather(ctx, &t);
	if (rc) {
		todo_free(&t);
		return rc;
	}
	int unanswered = 0, undisseminated = 0;
	for (size_t i = 0; i < ctx->cfg->n_departments; i++) {
		const char *dept = ctx->cfg->departments[i].id;
		if (!t.answered[i] && scope_ok(ctx, DH_ACT_NIL_RETURN, dept))
			unanswered++;
		if (!t.disseminated[i] && scope_ok(ctx, DH_ACT_DISSEMINATE, dept))
			undisseminated++;
	}
	const dh_deadline *reg = wf_deadline_of(ctx->cfg, DH_ACT_NOMINATE);
	char day[11] = "";
	bool reg_open = !reg || today_of(ctx) <= reg->date;
	if (reg)
		date_vn(reg->date, day);
	int min = ctx->cfg->criteria.new_factor_min;
	todo_line(ctx, out, max, n, DH_ACT_FOSTER, t.count[DH_ACT_FOSTER],
	          "%d nhân tố mới chưa được bồi dưỡng", t.count[DH_ACT_FOSTER]);
	if (reg_open)
		todo_line(ctx, out, max, n, DH_ACT_NOMINATE, t.count[DH_ACT_NOMINATE],
		          "%d hồ sơ đạt từ %d tiêu chí, có thể đăng ký%s%s%s", t.count[DH_ACT_NOMINATE], min,
		          reg ? " (hạn " : "", day, reg ? ")" : "");
	todo_line(ctx, out, max, n, DH_ACT_NIL_RETURN, unanswered,
	          "%d phòng chưa đăng ký hoặc báo không có%s%s%s", unanswered, reg ? " (hạn " : "", day,
	          reg ? ")" : "");
	todo_line(ctx, out, max, n, DH_ACT_CHECK_REGISTRATION, t.submitted, "%d hồ sơ đăng ký chờ kiểm tra",
	          t.submitted);
	todo_line(ctx, out, max, n, DH_ACT_MANAGE_SESSION, t.count[DH_ACT_MANAGE_SESSION],
	          "%d hồ sơ đã đăng ký chưa đưa ra Hội đồng bình xét", t.count[DH_ACT_MANAGE_SESSION]);
	todo_line(ctx, out, max, n, DH_ACT_CLOSE_ITEM, t.open_items, "%d mục bình xét chưa chốt kết quả",
	          t.open_items);
	todo_line(ctx, out, max, n, DH_ACT_RECOGNISE, t.count[DH_ACT_RECOGNISE],
	          "%d hồ sơ được Hội đồng thông qua, chờ quyết định công nhận", t.count[DH_ACT_RECOGNISE]);
	todo_line(ctx, out, max, n, DH_ACT_AWARD, t.count[DH_ACT_AWARD],
	          "%d hồ sơ đã công nhận, chờ tặng Giấy khen", t.count[DH_ACT_AWARD]);
	todo_line(ctx, out, max, n, DH_ACT_REPLICATE, t.count[DH_ACT_REPLICATE],
	          "%d mô hình, điển hình chưa có hoạt động nhân rộng", t.count[DH_ACT_REPLICATE]);
	todo_line(ctx, out, max, n, DH_ACT_DISSEMINATE, undisseminated,
	          "%d phòng chưa ghi quán triệt kế hoạch", undisseminated);
	todo_line(ctx, out, max, n, DH_ACT_HOLD, t.count[DH_ACT_HOLD], "%d hồ sơ đang tạm dừng xét",
	          t.count[DH_ACT_HOLD]);
	todo_free(&t);
	return 0;
}

int wf_awaiting_agenda(dh_ctx *ctx, dh_idlist *out)
{
	todo_scan t = {.ctx = ctx, .year = ctx->cfg->plan.year};
	int rc = 0;
	if (!ctx->person) {
		/* scope_ok needs a person; an unknown login has nothing to add */
		return 0;
	}
	rc = todo_gather(ctx, &t);
	for (size_t i = 0; !rc && i < t.waiting.n; i++)
		rc = idlist_push(out, t.waiting.v[i]);
	todo_free(&t);
	return rc;
}

/* --- council sessions -------------------------------------------------- */

static int session_save_body(dh_repo_tx *tx, wf_op *op)
{
	const dh_session *in = op->in;
	dh_session *s;
	int rc;
	if (in->meta.id == 0) {
		if ((rc = op_input_copy(op, (void **)&s)))
			return rc;
		s->method = op->ctx->cfg->council.method;
		s->closed = false;
		strlist_clear(&s->present);
		strlist_clear(&s->written);
		/* What the session is held under, from now on (snapshot.h). */
		if ((rc = snapshot_take(s, op->ctx->cfg)))
			return rc;
	} else {
		if ((rc = tx_load(tx, op, DH_R_SESSION, in->meta.id, (void **)&s)) ||
		    (rc = check_update(op, &s->meta, &in->meta)))
			return rc;
		if (s->closed)
			return say(op->ctx, DH_ELOCKED, "Phiên họp đã kết thúc: không sửa được.");
		s->year = in->year;
		s->date = in->date;
		if ((rc = set_str(&s->title, in->title)) || (rc = set_str(&s->notes, in->notes)))
			return rc;
	}
	if ((rc = put(tx, op, "manage_session", NULL, DH_R_SESSION, s)))
		return rc;
	op->id = s->meta.id;
	return 0;
}

int wf_session_save(dh_ctx *ctx, const dh_session *in, uint64_t *out_id)
{
	wf_op op;
	int rc = begin(ctx, &op, DH_ACT_MANAGE_SESSION, session_save_body);
	if (rc)
		return rc;
	dh_session *s = record_dup(DH_R_SESSION, in);
	if (!s)
		return DH_ENOMEM;
	if (!(rc = check_year(ctx, &s->year)) &&
	    !(rc = check_date(ctx, &s->date, true, "date", "Ngày họp")) &&
	    !(rc = clean_text(ctx, &s->title, "title", "Tên phiên họp", false, WF_MAX_LINE, false)) &&
	    !(rc = clean_text(ctx, &s->notes, "notes", "Ghi chú", true, WF_MAX_TEXT, false)) && !s->title) {
		char title[128], day[11];
		snprintf(title, sizeof(title), "Phiên họp Hội đồng ngày %s", date_vn(s->date, day));
		rc = set_str(&s->title, title);
	}
	if (rc) {
		record_free(DH_R_SESSION, s);
		return rc;
	}
	return op_run_input(&op, DH_R_SESSION, s, out_id);
}

static int session_close_body(dh_repo_tx *tx, wf_op *op)
{
	dh_session *s;
	closed_scan cs = {0};
	bool closing = op->flag;
	int rc;
	if ((rc = tx_load_live(tx, op, DH_R_SESSION, op->target, (void **)&s)))
		return rc;
	if (closing) {
		if (s->closed)
			return say(op->ctx, DH_ELOCKED, "Phiên họp đã kết thúc.");
		if ((rc = repo_tx_children(tx, DH_R_VOTE_ITEM, s->meta.id, closed_visit, &cs)))
			return rc;
		if (cs.open > 0)
			return say(op->ctx, DH_EINVAL, "Còn %d mục chưa chốt kết quả.", cs.open);
	} else if (!s->closed) {
		return say(op->ctx, DH_EINVAL, "Phiên họp chưa kết thúc.");
	}
	s->closed = closing;
	op->id = s->meta.id;
	return put(tx, op, closing ? "close_session" : "reopen_session", op->reason, DH_R_SESSION, s);
}

int wf_session_close(dh_ctx *ctx, uint64_t session_id)
{
	wf_op op;
	int rc = begin(ctx, &op, DH_ACT_MANAGE_SESSION, session_close_body);
	if (rc)
		return rc;
	op.target = session_id;
	op.flag = true;
	return op_run(&op, NULL);
}

int wf_session_reopen(dh_ctx *ctx, uint64_t session_id, const char *reason)
{
	wf_op op;
	int rc = begin(ctx, &op, DH_ACT_REOPEN_ITEM, session_close_body);
	if (rc || (rc = clean_arg(ctx, reason, &op.reason, "reason", "Lý do mở lại", WF_MAX_LINE, true))) {
		free(op.reason);
		return rc;
	}
	op.target = session_id;
	op.flag = false;
	return op_run(&op, NULL);
}

static const char *attendance_text(int at)
{
	switch (at) {
	case DH_PRESENT: return "có mặt";
	case DH_WRITTEN: return "vắng, có ý kiến bằng văn bản";
	default: return "vắng";
	}
}

/* A session open for business: live and not closed. */
static int tx_load_open_session(dh_repo_tx *tx, wf_op *op, uint64_t id, dh_session **s)
{
	int rc = tx_load_live(tx, op, DH_R_SESSION, id, (void **)s);
	if (rc)
		return rc;
	if ((*s)->closed)
		return say(op->ctx, DH_ELOCKED, "Phiên họp «%s» đã kết thúc.",
		           (*s)->title ? (*s)->title : "");
	return 0;
}

/* LOGIN is a member of the council session S is held under. */
static int check_held_member(dh_ctx *ctx, const dh_session *s, const char *login)
{
	dh_held h;
	int rc = held_open(&h, ctx->cfg, s);
	if (!rc && !council_is_member(&h.cfg.council, login))
		rc = say_field(ctx, DH_EINVAL, "login",
		               "«%s» không phải thành viên Hội đồng của phiên họp này.", login);
	held_close(&h);
	return rc;
}

static int attendance_body(dh_repo_tx *tx, wf_op *op)
{
	dh_session *s;
	int at = op->arg[0];
	int rc;
	if ((rc = tx_load_open_session(tx, op, op->target, &s)) ||
	    (rc = check_held_member(op->ctx, s, op->login)))
		return rc;
	const char *had = council_note_of(&s->opinions, op->login);
	bool same_text = !op->reason || (had && strcmp(had, op->reason) == 0);
	if ((int)council_attendance(s, op->login) == at && council_is_called(s, op->login) && same_text)
		return 0; /* nothing changes: no write, no audit noise */
	strlist_remove(&s->present, op->login);
	strlist_remove(&s->written, op->login);
	strlist_remove(&s->absent, op->login);
	if (at == DH_PRESENT)
		rc = strlist_push(&s->present, op->login);
	else if (at == DH_WRITTEN)
		rc = strlist_push(&s->written, op->login);
	else
		rc = strlist_push(&s->absent, op->login);
	/* The text of a written opinion stays with it; another mark drops it. */
	if (!rc && (at != DH_WRITTEN || op->reason))
		rc = council_set_note(&s->opinions, op->login, at == DH_WRITTEN ? op->reason : NULL);
	if (rc)
		return rc;
	char note[400];
	snprintf(note, sizeof(note), "%s: %s%s%s", op->login, attendance_text(at), op->reason ? ": " : "",
	         op->reason ? op->reason : "");
	op->id = s->meta.id;
	return put(tx, op, "record_attendance", note, DH_R_SESSION, s);
}

/* A login is given; whether it is a member is asked of the session's own
 * council, inside the write (check_held_member). */
static int check_member(dh_ctx *ctx, const char *login)
{
	if (!login || !*login)
		return say_field(ctx, DH_EINVAL, "login", "Chưa chọn thành viên Hội đồng.");
	return 0;
}

int wf_attendance(dh_ctx *ctx, uint64_t session_id, const char *login, int attendance)
{
	wf_op op;
	int rc = begin(ctx, &op, DH_ACT_RECORD_ATTENDANCE, attendance_body);
	if (rc || (rc = check_member(ctx, login)))
		return rc;
	if (attendance < DH_ABSENT || attendance > DH_WRITTEN)
		return say_field(ctx, DH_EINVAL, "attendance", "Trạng thái dự họp không hợp lệ.");
	op.target = session_id;
	op.login = login;
	op.arg[0] = attendance;
	return op_run(&op, NULL);
}

int wf_written_opinion(dh_ctx *ctx, uint64_t session_id, const char *login, const char *text)
{
	wf_op op;
	int rc = begin(ctx, &op, DH_ACT_RECORD_ATTENDANCE, attendance_body);
	if (rc || (rc = check_member(ctx, login)) ||
	    (rc = clean_arg(ctx, text, &op.reason, "text", "Ý kiến bằng văn bản", WF_MAX_LINE, true))) {
		free(op.reason);
		return rc;
	}
	op.target = session_id;
	op.login = login;
	op.arg[0] = DH_WRITTEN;
	return op_run(&op, NULL);
}

/* Lower-case NFC with white space runs made one space and trimmed. */
static char *spacing_key(const char *s)
{
	char *low = utf8_lower(s);
	if (!low)
		return NULL;
	size_t w = 0;
	bool space = true;
	for (size_t r = 0; low[r]; r++) {
		if (isspace((unsigned char)low[r])) {
			if (!space)
				low[w++] = ' ';
			space = true;
		} else {
			low[w++] = low[r];
			space = false;
		}
	}
	if (w > 0 && low[w - 1] == ' ')
		w--;
	low[w] = '\0';
	return low;
}

/* Do two names name the same person? Case and spacing aside, the letters
 * with their marks must agree: "Văn" is not "Vân". */
static bool same_person_name(const char *a, const char *b)
{
	if (!a || !b)
		return false;
	char *ka = spacing_key(a), *kb = spacing_key(b);
	bool same = ka && kb && *ka && strcmp(ka, kb) == 0;
	free(ka);
	free(kb);
	return same;
}

typedef struct order_scan {
	int max_order;
} order_scan;

static int order_visit(const void *rec, void *p)
{
	const dh_vote_item *it = rec;
	order_scan *s = p;
	if (!it->meta.deleted && it->order > s->max_order)
		s->max_order = it->order;
	return 0;
}

static int item_add_body(dh_repo_tx *tx, wf_op *op)
{
	dh_held held;
	const dh_config *cfg = &held.cfg;
	dh_session *s;
	dh_candidate *c;
	int rc;
	if ((rc = tx_load_open_session(tx, op, op->target, &s)) ||
	    (rc = tx_load_live(tx, op, DH_R_CANDIDATE, op->other, (void **)&c)))
		return rc;
	if (c->stage != DH_STAGE_NOMINATED)
		return say(op->ctx, DH_ESTAGE, "«%s» đang ở bước «%s»: chỉ đưa ra bình xét hồ sơ đã đăng ký.",
		           c->name, stage_text(c->stage));
	item_scan is = {.op = op, .candidate_id = c->meta.id};
	if ((rc = candidate_items(tx, &is)))
		return rc;
	if (is.n > 0)
		return say(op->ctx, DH_EINVAL, "«%s» đã có trong chương trình bình xét (mục #%llu).", c->name,
		           (unsigned long long)is.ids[0]);
	order_scan os = {0};
	if ((rc = repo_tx_children(tx, DH_R_VOTE_ITEM, s->meta.id, order_visit, &os)))
		return rc;
	dh_vote_item *it = record_new(DH_R_VOTE_ITEM);
	if (!it || (rc = pool_keep(&op->pool, DH_R_VOTE_ITEM, it)))
		return it ? rc : DH_ENOMEM;
	it->session_id = s->meta.id;
	it->candidate_id = c->meta.id;
	it->order = os.max_order + 1;
	/* Recusals by the rule and the members the session is held under. */
	if ((rc = held_open(&held, op->ctx->cfg, s)))
		return rc;
	for (size_t i = 0; i < cfg->council.n_members; i++) {
		const char *login = cfg->council.members[i].login;
		const dh_person *p = config_person(cfg, login);
		bool self = cfg->council.recuse_self &&
		            (strcmp(login, c->name) == 0 || (p && same_person_name(p->name, c->name)));
		bool dept = cfg->council.recuse_department && p && p->department && c->department &&
		            strcmp(p->department, c->department) == 0;
		if ((self || dept) && (rc = strlist_push(&it->recused, login)))
			break;
	}
	held_close(&held);
	if (rc || (rc = put(tx, op, "manage_session", NULL, DH_R_VOTE_ITEM, it)))
		return rc;
	op->id = it->meta.id;
	return 0;
}

int wf_item_add(dh_ctx *ctx, uint64_t session_id, uint64_t candidate_id, uint64_t *out_id)
{
	wf_op op;
	int rc = begin(ctx, &op, DH_ACT_MANAGE_SESSION, item_add_body);
	if (rc)
		return rc;
	op.target = session_id;
	op.other = candidate_id;
	return op_run(&op, out_id);
}

/* An item open for votes, with its session. */
static int tx_load_open_item(dh_repo_tx *tx, wf_op *op, uint64_t id, dh_vote_item **it, dh_session **s)
{
	*s = NULL;
	int rc = tx_load_live(tx, op, DH_R_VOTE_ITEM, id, (void **)it);
	if (rc)
		return rc;
	if ((*it)->closed)
		return say(op->ctx, DH_ELOCKED, "Mục bình xét đã chốt kết quả (%s): muốn sửa phải mở lại.",
		           (*it)->reason ? (*it)->reason : "");
	return tx_load_open_session(tx, op, (*it)->session_id, s);
}

static int recuse_body(dh_repo_tx *tx, wf_op *op)
{
	dh_vote_item *it;
	dh_session *s;
	int rc;
	if ((rc = tx_load_open_item(tx, op, op->target, &it, &s)) ||
	    (rc = check_held_member(op->ctx, s, op->login)))
		return rc;
	bool was = council_is_recused(it, op->login);
	if (was == op->flag && !op->reason)
		return 0;
	if (op->flag && !was) {
		if ((rc = strlist_push(&it->recused, op->login)) ||
		    (rc = council_set_vote(&it->votes, op->login, DH_VOTE_NONE)))
			return rc;
	} else if (!op->flag) {
		strlist_remove(&it->recused, op->login);
	}
	if ((op->reason || !op->flag) &&
	    (rc = council_set_note(&it->recuse_reasons, op->login, op->flag ? op->reason : NULL)))
		return rc;
	char note[400];
	snprintf(note, sizeof(note), "%s: %s%s%s", op->login,
	         op->flag ? "không tham gia biểu quyết" : "tham gia biểu quyết", op->reason ? ": " : "",
	         op->reason ? op->reason : "");
	op->id = it->meta.id;
	return put(tx, op, "recuse", note, DH_R_VOTE_ITEM, it);
}

int wf_item_recuse(dh_ctx *ctx, uint64_t item_id, const char *login, bool recused)
{
	wf_op op;
	int rc = begin(ctx, &op, DH_ACT_RECORD_VOTES, recuse_body);
	if (rc || (rc = check_member(ctx, login)))
		return rc;
	op.target = item_id;
	op.login = login;
	op.flag = recused;
	return op_run(&op, NULL);
}

int wf_item_recuse_why(dh_ctx *ctx, uint64_t item_id, const char *login, const char *reason)
{
	wf_op op;
	int rc = begin(ctx, &op, DH_ACT_RECORD_VOTES, recuse_body);
	if (rc || (rc = check_member(ctx, login)) ||
	    (rc = clean_arg(ctx, reason, &op.reason, "reason", "Lý do", WF_MAX_LINE, true))) {
		free(op.reason);
		return rc;
	}
	op.target = item_id;
	op.login = login;
	op.flag = true;
	return op_run(&op, NULL);
}

static const char *member_name(const dh_config *cfg, const char *login)
{
	const dh_person *p = config_person(cfg, login);
	return p && p->name ? p->name : login;
}

static int vote_body(dh_repo_tx *tx, wf_op *op)
{
	const dh_config *cfg = op->ctx->cfg;
	dh_vote_item *it;
	dh_session *s;
	dh_vote v = op->arg[0];
	int rc;
	if ((rc = tx_load_open_item(tx, op, op->target, &it, &s)) ||
	    (rc = check_held_member(op->ctx, s, op->login)))
		return rc;
	if (s->method != DH_VOTE_OPEN)
		return say(op->ctx, DH_EINVAL,
		           "Phiên họp bỏ phiếu kín: nhập số phiếu, không ghi phiếu từng người.");
	if (council_is_recused(it, op->login))
		return say(op->ctx, DH_EINVAL, "%s không tham gia biểu quyết hồ sơ này.",
		           member_name(cfg, op->login));
	if (v != DH_VOTE_NONE && council_attendance(s, op->login) == DH_ABSENT)
		return say(op->ctx, DH_EINVAL, "%s vắng mặt và không có ý kiến bằng văn bản.",
		           member_name(cfg, op->login));
	if (council_vote_of(it, op->login) == v)
		return 0;
	if ((rc = council_set_vote(&it->votes, op->login, v)))
		return rc;
	char note[160];
	snprintf(note, sizeof(note), "%s: %s", op->login, council_vote_label(v));
	op->id = it->meta.id;
	return put(tx, op, "record_votes", note, DH_R_VOTE_ITEM, it);
}

int wf_vote(dh_ctx *ctx, uint64_t item_id, const char *login, int vote)
{
	wf_op op;
	int rc = begin(ctx, &op, DH_ACT_RECORD_VOTES, vote_body);
	if (rc || (rc = check_member(ctx, login)))
		return rc;
	if (vote < DH_VOTE_NONE || vote > DH_VOTE_ABSTAIN)
		return say_field(ctx, DH_EINVAL, "vote", "Phiếu không hợp lệ.");
	op.target = item_id;
	op.login = login;
	op.arg[0] = vote;
	return op_run(&op, NULL);
}

/* The tally of IT under the rules its session S is held under. */
static int held_tally(dh_ctx *ctx, const dh_session *s, const dh_vote_item *it, dh_tally *t)
{
	dh_held h;
	int rc = held_open(&h, ctx->cfg, s);
	if (!rc)
		council_tally(&h.cfg.council, s, it, t);
	held_close(&h);
	return rc;
}

static int counts_body(dh_repo_tx *tx, wf_op *op)
{
	dh_vote_item *it;
	dh_session *s;
	dh_tally t;
	int rc;
	if ((rc = tx_load_open_item(tx, op, op->target, &it, &s)))
		return rc;
	if (s->method != DH_VOTE_SECRET)
		return say(op->ctx, DH_EINVAL,
		           "Phiên họp biểu quyết công khai: ghi phiếu của từng thành viên.");
	if ((rc = held_tally(op->ctx, s, it, &t)))
		return rc;
	int sum = op->arg[0] + op->arg[1] + op->arg[2];
	if (sum > t.voters)
		return say_field(op->ctx, DH_EINVAL, "agree",
		                 "Tổng số phiếu (%d) nhiều hơn số thành viên được biểu quyết (%d).", sum,
		                 t.voters);
	if (it->agree == op->arg[0] && it->disagree == op->arg[1] && it->abstain == op->arg[2])
		return 0;
	it->agree = op->arg[0];
	it->disagree = op->arg[1];
	it->abstain = op->arg[2];
	char note[96];
	snprintf(note, sizeof(note), "tán thành %d, không tán thành %d, không biểu quyết %d", it->agree,
	         it->disagree, it->abstain);
	op->id = it->meta.id;
	return put(tx, op, "record_votes", note, DH_R_VOTE_ITEM, it);
}

int wf_vote_counts(dh_ctx *ctx, uint64_t item_id, int agree, int disagree, int abstain)
{
	wf_op op;
	int rc = begin(ctx, &op, DH_ACT_RECORD_VOTES, counts_body);
	if (rc)
		return rc;
	if (agree < 0 || disagree < 0 || abstain < 0)
		return say_field(ctx, DH_EINVAL,
		                 agree < 0      ? "agree"
		                 : disagree < 0 ? "disagree"
		                                : "abstain",
		                 "Số phiếu không được âm.");
	op.target = item_id;
	op.arg[0] = agree;
	op.arg[1] = disagree;
	op.arg[2] = abstain;
	return op_run(&op, NULL);
}

static int item_close_body(dh_repo_tx *tx, wf_op *op)
{
	dh_vote_item *it;
	dh_session *s;
	dh_candidate *c;
	dh_tally t;
	int rc;
	if ((rc = tx_load_open_item(tx, op, op->target, &it, &s)) ||
	    (rc = tx_load_live(tx, op, DH_R_CANDIDATE, it->candidate_id, (void **)&c)))
		return rc;
	if (c->stage != DH_STAGE_NOMINATED)
		return say(op->ctx, DH_ESTAGE, "«%s» đang ở bước «%s», không còn chờ bình xét.", c->name,
		           stage_text(c->stage));
	if ((rc = held_tally(op->ctx, s, it, &t)))
		return rc;
	if (!t.quorum)
		return say(op->ctx, DH_EINVAL, "Chưa chốt được: %s.", t.reason);
	if (t.cast == 0)
		return say(op->ctx, DH_EINVAL, "Chưa có phiếu biểu quyết nào cho «%s».", c->name);
	if (t.cast > t.voters) /* attendance changed after the counts were typed */
		return say(op->ctx, DH_EINVAL,
		           "Tổng số phiếu (%d) nhiều hơn số thành viên được biểu quyết (%d): sửa số phiếu.",
		           t.cast, t.voters);
	/* Fewer votes than voters closes only with the reason, for the minutes;
	 * a full count keeps no reason (an earlier one is dropped). */
	if (t.cast < t.voters && !op->reason)
		return say_field(op->ctx, DH_EINVAL, "count_reason",
		                 "%d phiếu/%d thành viên được biểu quyết: cần ghi lý do (phiếu không hợp lệ, "
		                 "thành viên về trước…).",
		                 t.cast, t.voters);
	it->closed = true;
	it->result = t.result;
	if ((rc = set_str(&it->count_reason, t.cast < t.voters ? op->reason : NULL)) ||
	    (rc = set_str(&it->reason, t.reason)) ||
	    (rc = put(tx, op, "close_item", t.reason, DH_R_VOTE_ITEM, it)))
		return rc;
	op->id = it->meta.id;
	c->stage = t.result == DH_RESULT_PASSED ? DH_STAGE_APPROVED : DH_STAGE_NOT_APPROVED;
	return put(tx, op, "close_item", t.reason, DH_R_CANDIDATE, c);
}

int wf_item_close(dh_ctx *ctx, uint64_t item_id)
{
	return wf_item_close_why(ctx, item_id, NULL);
}

int wf_item_close_why(dh_ctx *ctx, uint64_t item_id, const char *count_reason)
{
	wf_op op;
	int rc = begin(ctx, &op, DH_ACT_CLOSE_ITEM, item_close_body);
	if (rc)
		return rc;
	if (count_reason &&
	    (rc = clean_arg(ctx, count_reason, &op.reason, "count_reason",
	                    "Lý do số phiếu khác số thành viên được biểu quyết", WF_MAX_LINE, true))) {
		free(op.reason);
		return rc;
	}
	op.target = item_id;
	return op_run(&op, NULL);
}

static int cursor_body(dh_repo_tx *tx, wf_op *op)
{
	dh_vote_item *it;
	dh_session *s;
	int rc;
	if ((rc = tx_load_open_session(tx, op, op->target, &s)))
		return rc;
	if (s->current_item == op->other)
		return 0; /* already there: no write, no audit noise */
	if (op->other) {
		if ((rc = tx_load_live(tx, op, DH_R_VOTE_ITEM, op->other, (void **)&it)))
			return rc;
		if (it->session_id != s->meta.id)
			return say(op->ctx, DH_EINVAL, "Mục bình xét không thuộc phiên họp này.");
	}
	s->current_item = op->other;
	char note[64];
	snprintf(note, sizeof(note), "mục #%llu", (unsigned long long)op->other);
	op->id = s->meta.id;
	return put(tx, op, "council_cursor", note, DH_R_SESSION, s);
}

int wf_session_cursor(dh_ctx *ctx, uint64_t session_id, uint64_t item_id)
{
	wf_op op;
	int rc = begin(ctx, &op, DH_ACT_RECORD_VOTES, cursor_body);
	if (rc)
		return rc;
	op.target = session_id;
	op.other = item_id;
	return op_run(&op, NULL);
}

static int item_reopen_body(dh_repo_tx *tx, wf_op *op)
{
	dh_vote_item *it;
	dh_session *s;
	dh_candidate *c;
	int rc;
	if ((rc = tx_load_live(tx, op, DH_R_VOTE_ITEM, op->target, (void **)&it)))
		return rc;
	if (!it->closed)
		return say(op->ctx, DH_EINVAL, "Mục bình xét chưa chốt kết quả.");
	if ((rc = tx_load_open_session(tx, op, it->session_id, &s)) ||
	    (rc = tx_load(tx, op, DH_R_CANDIDATE, it->candidate_id, (void **)&c)))
		return rc;
	if (c->stage != DH_STAGE_APPROVED && c->stage != DH_STAGE_NOT_APPROVED)
		return say(op->ctx, DH_ESTAGE, "«%s» đang ở bước «%s»: không mở lại kết quả được.", c->name,
		           stage_text(c->stage));
	it->closed = false;
	it->result = DH_RESULT_PENDING;
	if ((rc = set_str(&it->reopen_reason, op->reason)) ||
	    (rc = put(tx, op, "reopen_item", op->reason, DH_R_VOTE_ITEM, it)))
		return rc;
	op->id = it->meta.id;
	c->stage = DH_STAGE_NOMINATED;
	return put(tx, op, "reopen_item", op->reason, DH_R_CANDIDATE, c);
}

int wf_item_reopen(dh_ctx *ctx, uint64_t item_id, const char *reason)
{
	wf_op op;
	int rc = begin(ctx, &op, DH_ACT_REOPEN_ITEM, item_reopen_body);
	if (rc || (rc = clean_arg(ctx, reason, &op.reason, "reason", "Lý do mở lại", WF_MAX_LINE, true))) {
		free(op.reason);
		return rc;
	}
	op.target = item_id;
	return op_run(&op, NULL);
}

/* Passed items of a session, in agenda order. */
typedef struct passed_scan {
	size_t n, cap;
	struct passed {
		int order;
		uint64_t candidate_id;
	} * v;
	int err;
} passed_scan;

static int passed_visit(const void *rec, void *p)
{
	const dh_vote_item *it = rec;
	passed_scan *s = p;
	if (it->meta.deleted || !it->closed || it->result != DH_RESULT_PASSED)
		return 0;
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 16;
		struct passed *v = realloc(s->v, cap * sizeof(*v));
		if (!v) {
			s->err = DH_ENOMEM;
			return 1;
		}
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n].order = it->order;
	s->v[s->n++].candidate_id = it->candidate_id;
	return 0;
}

static int passed_cmp(const void *a, const void *b)
{
	const struct passed *x = a, *y = b;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return x->candidate_id < y->candidate_id ? -1 : x->candidate_id > y->candidate_id;
}

int wf_session_approved(dh_ctx *ctx, uint64_t session_id, dh_idlist *out)
{
	passed_scan ps = {0};
	int rc = repo_children(ctx->store, DH_R_VOTE_ITEM, session_id, passed_visit, &ps);
	if (!rc)
		rc = ps.err;
	if (!rc)
		qsort(ps.v, ps.n, sizeof(*ps.v), passed_cmp);
	for (size_t i = 0; !rc && i < ps.n; i++) {
		dh_candidate *c = NULL;
		rc = repo_get(ctx->store, DH_R_CANDIDATE, ps.v[i].candidate_id, (void **)&c);
		if (rc == 0 && !c->meta.deleted && c->stage == DH_STAGE_APPROVED)
			rc = idlist_push(out, c->meta.id);
		if (c)
			record_free(DH_R_CANDIDATE, c);
	}
	free(ps.v);
	return rc;
}

static int proposal_body(dh_repo_tx *tx, wf_op *op)
{
	const dh_proposal *in = op->in;
	dh_session *s;
	dh_proposal *p;
	passed_scan ps = {0};
	int rc;
	if ((rc = tx_load_live(tx, op, DH_R_SESSION, in->session_id, (void **)&s)) ||
	    (rc = op_input_copy(op, (void **)&p)))
		return rc;
	if (in->meta.id) {
		dh_proposal *stored;
		if ((rc = tx_load(tx, op, DH_R_PROPOSAL, in->meta.id, (void **)&stored)) ||
		    (rc = check_update(op, &stored->meta, &in->meta)))
			return rc;
	}
	p->year = s->year;
	rc = repo_tx_children(tx, DH_R_VOTE_ITEM, s->meta.id, passed_visit, &ps);
	if (!rc)
		rc = ps.err;
	if (!rc && p->candidates.n == 0) {
		qsort(ps.v, ps.n, sizeof(*ps.v), passed_cmp);
		for (size_t i = 0; !rc && i < ps.n; i++) {
			dh_candidate *c;
			if (!(rc = tx_load(tx, op, DH_R_CANDIDATE, ps.v[i].candidate_id, (void **)&c)) &&
			    !c->meta.deleted && c->stage == DH_STAGE_APPROVED)
				rc = idlist_push(&p->candidates, c->meta.id);
		}
		if (!rc && p->candidates.n == 0)
			rc = say(op->ctx, DH_EINVAL,
			         "Chưa có hồ sơ nào được Hội đồng thông qua ở phiên họp này.");
	}
	for (size_t i = 0; !rc && i < p->candidates.n; i++) {
		uint64_t id = p->candidates.v[i];
		bool passed = false;
		for (size_t j = 0; j < ps.n; j++)
			passed |= ps.v[j].candidate_id == id;
		dh_candidate *c;
		if ((rc = tx_load_live(tx, op, DH_R_CANDIDATE, id, (void **)&c)))
			break;
		if (!passed || c->stage < DH_STAGE_APPROVED || c->stage == DH_STAGE_NOT_APPROVED)
			rc = say(op->ctx, DH_ESTAGE, "«%s» không được Hội đồng thông qua ở phiên họp này.",
			         c->name);
	}
	free(ps.v);
	if (rc || (rc = put(tx, op, "propose", NULL, DH_R_PROPOSAL, p)))
		return rc;
	op->id = p->meta.id;
	return 0;
}

int wf_proposal_save(dh_ctx *ctx, const dh_proposal *in, uint64_t *out_id)
{
	wf_op op;
	int rc = begin(ctx, &op, DH_ACT_PROPOSE, proposal_body);
	if (rc)
		return rc;
	dh_proposal *p = record_dup(DH_R_PROPOSAL, in);
	if (!p)
		return DH_ENOMEM;
	if (!(rc = check_date(ctx, &p->date, true, "date", "Ngày tờ trình")) &&
	    !(rc = clean_text(ctx, &p->number, "number", "Số tờ trình", false, WF_MAX_LINE, false)))
		rc = clean_text(ctx, &p->notes, "notes", "Ghi chú", true, WF_MAX_TEXT, false);
	if (rc) {
		record_free(DH_R_PROPOSAL, p);
		return rc;
	}
	return op_run_input(&op, DH_R_PROPOSAL, p, out_id);
}

/* --- decisions --------------------------------------------------------- */

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
	bool award = op->arg[0] == DH_DEC_AWARD;
	int need = award ? DH_STAGE_RECOGNISED : DH_STAGE_APPROVED;
	dh_decision *d;
	number_scan ns;
	int rc;
	if ((rc = op_input_copy(op, (void **)&d)))
		return rc;
	ns = (number_scan){.number = d->number};
	if ((rc = repo_tx_each(tx, DH_R_DECISION, number_visit, &ns)))
		return rc;
	if (ns.found)
		return say_field(op->ctx, DH_EINVAL, "number",
		                 "Số quyết định «%s» đã dùng (quyết định #%llu).", d->number,
		                 (unsigned long long)ns.found);
	if ((rc = put(tx, op, award ? "award" : "recognise", NULL, DH_R_DECISION, d)))
		return rc;
	op->id = d->meta.id;
	for (size_t i = 0; i < d->candidates.n; i++) {
		dh_candidate *c;
		if ((rc = tx_load_live(tx, op, DH_R_CANDIDATE, d->candidates.v[i], (void **)&c)))
			return rc;
		char why[512];
		if (hold_refusal(op->ctx->cfg, c, award ? "khen thưởng" : "công nhận", why, sizeof(why)))
			return say(op->ctx, DH_EHOLD, "%s", why);
		if (c->stage != need)
			return say(op->ctx, DH_ESTAGE, "«%s» đang ở bước «%s»: chỉ %s hồ sơ ở bước «%s».",
			           c->name, stage_text(c->stage), award ? "khen thưởng" : "công nhận",
			           stage_text(need));
		if (award) {
			c->stage = DH_STAGE_AWARDED;
			c->award_date = d->date;
			rc = set_str(&c->award_decision, d->number);
		} else {
			c->stage = DH_STAGE_RECOGNISED;
			c->recognised_date = d->date;
			rc = set_str(&c->recognised_decision, d->number);
		}
		if (rc || (rc = put(tx, op, award ? "award" : "recognise", d->number, DH_R_CANDIDATE, c)))
			return rc;
	}
	return 0;
}

static int issue_decision(dh_ctx *ctx, const dh_decision *in, int type, uint64_t *out_id)
{
	dh_action a = type == DH_DEC_AWARD ? DH_ACT_AWARD : DH_ACT_RECOGNISE;
	wf_op op;
	int rc = begin(ctx, &op, a, decision_body);
	if (rc)
		return rc;
	if (in->meta.id)
		return say(ctx, DH_EINVAL,
		           "Quyết định đã ban hành không sửa được: thu hồi rồi ban hành quyết định mới.");
	dh_decision *d = record_dup(DH_R_DECISION, in);
	if (!d)
		return DH_ENOMEM;
	d->type = type;
	d->revoked = false;
	if (!(rc = check_year(ctx, &d->year)) &&
	    !(rc = clean_text(ctx, &d->number, "number", "Số quyết định", false, WF_MAX_LINE, true)) &&
	    !(rc = check_date(ctx, &d->date, true, "date", "Ngày quyết định")) &&
	    !(rc = clean_text(ctx, &d->signer, "signer", "Người ký", false, WF_MAX_LINE, false)) &&
	    !(rc = set_str(&d->revoke_reason, NULL))) {
		d->revoke_date = 0;
		if (!d->signer)
			rc = set_str(&d->signer, ctx->login);
		else if (!config_person(ctx->cfg, d->signer))
			rc = say_field(ctx, DH_EINVAL, "signer", "Người ký «%s» không có trong cấu hình.",
			               d->signer);
	}
	if (!rc && type == DH_DEC_AWARD) {
		if (!d->award_id && ctx->cfg->n_awards > 0)
			rc = set_str(&d->award_id, ctx->cfg->awards[0].id);
		if (!rc && (!d->award_id || !config_award(ctx->cfg, d->award_id)))
			rc = say_field(ctx, DH_EINVAL, "award_id",
			               "Hình thức khen thưởng «%s» không có trong cấu hình.",
			               d->award_id ? d->award_id : "");
	} else if (!rc) {
		rc = set_str(&d->award_id, NULL);
	}
	if (!rc && d->candidates.n == 0)
		rc = say_field(ctx, DH_EINVAL, "candidates", "Quyết định chưa có hồ sơ nào.");
	for (size_t i = 0; !rc && i < d->candidates.n; i++)
		for (size_t j = 0; j < i; j++)
			if (d->candidates.v[i] == d->candidates.v[j])
				rc = say_field(ctx, DH_EINVAL, "candidates",
				               "Hồ sơ #%llu có hai lần trong quyết định.",
				               (unsigned long long)d->candidates.v[i]);
	if (rc) {
		record_free(DH_R_DECISION, d);
		return rc;
	}
	/* What the decision is made under, kept with it (snapshot.h). */
	if (!rc)
		rc = snapshot_take_decision(d, ctx->cfg);
	if (rc) {
		record_free(DH_R_DECISION, d);
		return rc;
	}
	op.arg[0] = type;
	return op_run_input(&op, DH_R_DECISION, d, out_id);
}

int wf_recognise(dh_ctx *ctx, const dh_decision *in, uint64_t *out_id)
{
	return issue_decision(ctx, in, DH_DEC_RECOGNITION, out_id);
}

int wf_award(dh_ctx *ctx, const dh_decision *in, uint64_t *out_id)
{
	return issue_decision(ctx, in, DH_DEC_AWARD, out_id);
}

static int revoke_body(dh_repo_tx *tx, wf_op *op)
{
	dh_decision *d;
	int rc;
	if ((rc = tx_load_live(tx, op, DH_R_DECISION, op->target, (void **)&d)))
		return rc;
	if (d->revoked)
		return say(op->ctx, DH_ELOCKED, "Quyết định %s đã bị thu hồi.", d->number ? d->number : "");
	bool award = d->type == DH_DEC_AWARD;
	for (size_t i = 0; i < d->candidates.n; i++) {
		dh_candidate *c;
		if ((rc = tx_load(tx, op, DH_R_CANDIDATE, d->candidates.v[i], (void **)&c)))
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
		if (award) {
			c->stage = DH_STAGE_RECOGNISED;
			c->award_date = 0;
			rc = set_str(&c->award_decision, NULL);
		} else {
			c->stage = DH_STAGE_APPROVED;
			c->recognised_date = 0;
			rc = set_str(&c->recognised_decision, NULL);
		}
		if (rc || (rc = put(tx, op, "revoke", op->reason, DH_R_CANDIDATE, c)))
			return rc;
	}
	d->revoked = true;
	d->revoke_date = op->arg[0];
	if ((rc = set_str(&d->revoke_reason, op->reason)))
		return rc;
	op->id = d->meta.id;
	return put(tx, op, "revoke", op->reason, DH_R_DECISION, d);
}

int wf_decision_revoke(dh_ctx *ctx, uint64_t decision_id, const char *reason, int date)
{
	wf_op op;
	int rc = begin(ctx, &op, DH_ACT_REVOKE, revoke_body);
	if (rc || (rc = check_date(ctx, &date, true, "date", "Ngày thu hồi")) ||
	    (rc = clean_arg(ctx, reason, &op.reason, "reason", "Lý do thu hồi", WF_MAX_LINE, true))) {
		free(op.reason);
		return rc;
	}
	op.target = decision_id;
	op.arg[0] = date;
	return op_run(&op, NULL);
}

/* --- commendation, replication, review, implementation ---------------- */

/* The update checks shared by the simple records: stored live, same rev,
 * and for department records the department rule on the stored one. */
static int simple_update(dh_repo_tx *tx, wf_op *op, dh_action a)
{
	const dh_meta *in = op->in;
	void *stored;
	const char *dept;
	int rc;
	if (!in->id)
		return 0;
	if ((rc = tx_load(tx, op, op->type, in->id, &stored)) || (rc = check_update(op, stored, in)) ||
	    (rc = record_department(tx, op, op->type, stored, &dept)))
		return rc;
	return permit_in(op->ctx, a, dept);
}

static int ceremony_body(dh_repo_tx *tx, wf_op *op)
{
	dh_ceremony *c;
	int rc;
	if ((rc = simple_update(tx, op, DH_ACT_CEREMONY)) || (rc = op_input_copy(op, (void **)&c)))
		return rc;
	for (size_t i = 0; i < c->decisions.n; i++) {
		dh_decision *d;
		if ((rc = tx_load_live(tx, op, DH_R_DECISION, c->decisions.v[i], (void **)&d)))
			return rc;
		if (d->revoked)
			return say_field(op->ctx, DH_EINVAL, "decisions", "Quyết định %s đã bị thu hồi.",
			                 d->number ? d->number : "");
	}
	if ((rc = put(tx, op, "ceremony", NULL, DH_R_CEREMONY, c)))
		return rc;
	op->id = c->meta.id;
	return 0;
}

int wf_ceremony_save(dh_ctx *ctx, const dh_ceremony *in, uint64_t *out_id)
{
	wf_op op;
	int rc = begin(ctx, &op, DH_ACT_CEREMONY, ceremony_body);
	if (rc)
		return rc;
	dh_ceremony *c = record_dup(DH_R_CEREMONY, in);
	if (!c)
		return DH_ENOMEM;
	if (!(rc = check_year(ctx, &c->year)) &&
	    !(rc = check_date(ctx, &c->date, true, "date", "Ngày tổ chức")) &&
	    !(rc = clean_text(ctx, &c->title, "title", "Tên buổi tuyên dương", false, WF_MAX_LINE, true)) &&
	    !(rc = clean_text(ctx, &c->place, "place", "Địa điểm", false, WF_MAX_LINE, false)))
		rc = clean_text(ctx, &c->notes, "notes", "Ghi chú", true, WF_MAX_TEXT, false);
	if (rc) {
		record_free(DH_R_CEREMONY, c);
		return rc;
	}
	return op_run_input(&op, DH_R_CEREMONY, c, out_id);
}

static int activity_body(dh_repo_tx *tx, wf_op *op)
{
	const dh_activity *in = op->in;
	dh_candidate *c;
	dh_activity *a;
	int rc;
	if ((rc = tx_load_live(tx, op, DH_R_CANDIDATE, in->candidate_id, (void **)&c)) ||
	    (rc = permit_in(op->ctx, DH_ACT_REPLICATE, c->department)) ||
	    (rc = simple_update(tx, op, DH_ACT_REPLICATE)))
		return rc;
	if (c->stage != DH_STAGE_RECOGNISED && c->stage != DH_STAGE_AWARDED)
		return say(op->ctx, DH_ESTAGE,
		           "«%s» đang ở bước «%s»: chỉ nhân rộng mô hình, điển hình đã được công nhận.",
		           c->name, stage_text(c->stage));
	if (in->meta.id) {
		dh_activity *stored;
		if ((rc = tx_load(tx, op, DH_R_ACTIVITY, in->meta.id, (void **)&stored)))
			return rc;
		if (stored->candidate_id != in->candidate_id)
			return say_field(op->ctx, DH_EINVAL, "candidate_id",
			                 "Không chuyển được hoạt động nhân rộng sang hồ sơ khác.");
	}
	if ((rc = op_input_copy(op, (void **)&a)) || (rc = put(tx, op, "replicate", NULL, DH_R_ACTIVITY, a)))
		return rc;
	op->id = a->meta.id;
	return 0;
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

int wf_activity_save(dh_ctx *ctx, const dh_activity *in, uint64_t *out_id)
{
	wf_op op;
	int rc = begin(ctx, &op, DH_ACT_REPLICATE, activity_body);
	if (rc)
		return rc;
	dh_activity *a = record_dup(DH_R_ACTIVITY, in);
	if (!a)
		return DH_ENOMEM;
	if (a->kind < DH_ACT_MEETING || a->kind > DH_ACT_OTHER)
		rc = say_field(ctx, DH_EINVAL, "kind", "Hình thức nhân rộng không hợp lệ.");
	else if (a->attendees < 0 || a->attendees > 1000000)
		rc = say_field(ctx, DH_EINVAL, "attendees", "Số người dự phải từ 0 đến 1.000.000.");
	if (!rc && !(rc = check_date(ctx, &a->date, true, "date", "Ngày")) &&
	    !(rc = clean_text(ctx, &a->title, "title", "Nội dung", false, WF_MAX_LINE, true)) &&
	    !(rc = clean_text(ctx, &a->url, "url", "Địa chỉ bài đăng", false, WF_MAX_LINE,
	                      a->kind == DH_ACT_WEBSITE)) &&
	    !(rc = clean_text(ctx, &a->presenter, "presenter", "Người trình bày", false, WF_MAX_LINE,
	                      false)) &&
	    !(rc = clean_text(ctx, &a->audience, "audience", "Đối tượng", false, WF_MAX_LINE, false)) &&
	    a->url && !web_address(a->url))
		rc = say_field(ctx, DH_EINVAL, "url", "Địa chỉ «%s» phải bắt đầu bằng http:// hoặc https://.",
		               a->url);
	if (rc) {
		record_free(DH_R_ACTIVITY, a);
		return rc;
	}
	return op_run_input(&op, DH_R_ACTIVITY, a, out_id);
}

static int plain_body(dh_repo_tx *tx, wf_op *op)
{
	dh_action a = op->arg[0];
	dh_meta *m;
	int rc;
	if ((rc = simple_update(tx, op, a)) || (rc = op_input_copy(op, (void **)&m)) ||
	    (rc = put(tx, op, wf_action_name(a), NULL, op->type, m)))
		return rc;
	op->id = m->id;
	return 0;
}

int wf_review_save(dh_ctx *ctx, const dh_review *in, uint64_t *out_id)
{
	wf_op op;
	int rc = begin(ctx, &op, DH_ACT_REVIEW, plain_body);
	if (rc)
		return rc;
	dh_review *r = record_dup(DH_R_REVIEW, in);
	if (!r)
		return DH_ENOMEM;
	if (r->kind != DH_REVIEW_PRELIMINARY && r->kind != DH_REVIEW_FINAL)
		rc = say_field(ctx, DH_EINVAL, "kind", "Loại sơ kết, tổng kết không hợp lệ.");
	if (!rc && !(rc = check_year(ctx, &r->year)) &&
	    !(rc = check_date(ctx, &r->date, true, "date", "Ngày")) &&
	    !(rc = clean_text(ctx, &r->title, "title", "Tên buổi", false, WF_MAX_LINE, false)) &&
	    !(rc = clean_text(ctx, &r->notes, "notes", "Nội dung", true, WF_MAX_TEXT, false)) && !r->title) {
		char title[160];
		snprintf(title, sizeof(title),
		         "%s công tác xây dựng, bồi dưỡng, nhân rộng điển hình tiên tiến năm %d",
		         r->kind == DH_REVIEW_FINAL ? "Tổng kết" : "Sơ kết", r->year);
		rc = set_str(&r->title, title);
	}
	if (rc) {
		record_free(DH_R_REVIEW, r);
		return rc;
	}
	op.arg[0] = DH_ACT_REVIEW;
	return op_run_input(&op, DH_R_REVIEW, r, out_id);
}

/* Dissemination and coordination share their shape: year, department,
 * date, by, notes. */
static int department_note(dh_ctx *ctx, dh_action a, int *year, char **department, int *date, char **by,
                           char **notes)
{
	int rc;
	if ((rc = check_year(ctx, year)) ||
	    (rc = clean_text(ctx, department, "department", "Phòng", false, WF_MAX_LINE, true)) ||
	    (rc = check_department(ctx, *department)) || (rc = permit_in(ctx, a, *department)) ||
	    (rc = check_date(ctx, date, true, "date", "Ngày")) ||
	    (rc = clean_text(ctx, by, "by", "Người thực hiện", false, WF_MAX_LINE, false)) ||
	    (rc = clean_text(ctx, notes, "notes", "Nội dung", true, WF_MAX_TEXT, false)))
		return rc;
	return *by ? 0 : set_str(by, actor_name(ctx));
}

int wf_dissemination_save(dh_ctx *ctx, const dh_dissemination *in, uint64_t *out_id)
{
	wf_op op;
	int rc = begin(ctx, &op, DH_ACT_DISSEMINATE, plain_body);
	if (rc)
		return rc;
	dh_dissemination *d = record_dup(DH_R_DISSEMINATION, in);
	if (!d)
		return DH_ENOMEM;
	if (d->attendees < 0 || d->attendees > 100000)
		rc = say_field(ctx, DH_EINVAL, "attendees", "Số người dự phải từ 0 đến 100.000.");
	if (rc || (rc = department_note(ctx, DH_ACT_DISSEMINATE, &d->year, &d->department, &d->date, &d->by,
	                                &d->notes))) {
		record_free(DH_R_DISSEMINATION, d);
		return rc;
	}
	op.arg[0] = DH_ACT_DISSEMINATE;
	return op_run_input(&op, DH_R_DISSEMINATION, d, out_id);
}

int wf_coordination_save(dh_ctx *ctx, const dh_coordination *in, uint64_t *out_id)
{
	wf_op op;
	int rc = begin(ctx, &op, DH_ACT_COORDINATE, plain_body);
	if (rc)
		return rc;
	dh_coordination *d = record_dup(DH_R_COORDINATION, in);
	if (!d)
		return DH_ENOMEM;
	if ((rc = department_note(ctx, DH_ACT_COORDINATE, &d->year, &d->department, &d->date, &d->by,
	                          &d->notes))) {
		record_free(DH_R_COORDINATION, d);
		return rc;
	}
	op.arg[0] = DH_ACT_COORDINATE;
	return op_run_input(&op, DH_R_COORDINATION, d, out_id);
}
