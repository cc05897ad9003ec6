/* workflow_rules.c — the table of actions, and everything read from it:
 * who may (the permission defaults and wf_who_may's words), which stage a
 * candidate must be in and where it goes, which actions a late reason may
 * let through after their deadline, what the refusal says; the key line's
 * offers (wf_candidate_may) and the actions' own stage checks
 * (wf_stage_gate) both read the same row.
 *
 * Special cases stay as named functions where the action lives: the
 * stage a correction goes back to, the result of a vote, revocation's
 * step back, which candidates deletion allows. */
#include "workflow_internal.h"

#include "dienhinh/date.h"
#include "dienhinh/error.h"
#include "dienhinh/label.h"

#include <ctype.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* --- the table ------------------------------------------------------------ */

#define R_STAFF     DH_ROLE_STAFF
#define R_HEAD      DH_ROLE_DEPT_HEAD
#define R_OFFICE    DH_ROLE_OFFICE
#define R_LEADER    DH_ROLE_LEADER
#define R_CHIEF     DH_ROLE_CHIEF
#define R_SECRETARY DH_ROLE_SECRETARY
#define R_STANDING  DH_ROLE_STANDING
#define R_CHAIR     DH_ROLE_CHAIR
#define R_VICE      DH_ROLE_VICE_CHAIR

#define S_NEW          WF_STAGE(DH_STAGE_NEW_FACTOR)
#define S_FOSTERING    WF_STAGE(DH_STAGE_FOSTERING)
#define S_NOMINATED    WF_STAGE(DH_STAGE_NOMINATED)
#define S_APPROVED     WF_STAGE(DH_STAGE_APPROVED)
#define S_NOT_APPROVED WF_STAGE(DH_STAGE_NOT_APPROVED)
#define S_RECOGNISED   WF_STAGE(DH_STAGE_RECOGNISED)
#define S_AWARDED      WF_STAGE(DH_STAGE_AWARDED)

/* The refusals when the candidate is not where an action starts from. */
static const char not_new_or_fostered[] =
    "«{name}» đang ở bước «{stage}»: chỉ đăng ký nhân tố mới hoặc hồ sơ đang bồi dưỡng.";
static const char already_considered[] = "«{name}» đã được Hội đồng bình xét (bước «{stage}»).";
static const char not_registered[] = "«{name}» đang ở bước «{stage}»: chỉ đưa ra bình xét hồ sơ đã đăng ký.";
static const char not_waiting[] = "«{name}» đang ở bước «{stage}», không còn chờ bình xét.";
static const char not_decided[] = "«{name}» đang ở bước «{stage}»: không mở lại kết quả được.";
static const char not_passed[] = "«{name}» không được Hội đồng thông qua ở phiên họp này.";
static const char recognise_needs[] = "«{name}» đang ở bước «{stage}»: chỉ công nhận hồ sơ ở bước «{need}».";
static const char award_needs[] = "«{name}» đang ở bước «{stage}»: chỉ khen thưởng hồ sơ ở bước «{need}».";
static const char not_recognised[] =
    "«{name}» đang ở bước «{stage}»: chỉ nhân rộng mô hình, điển hình đã được công nhận.";

#define ON_CANDIDATE WF_ON_CANDIDATE
#define NOT_ON_HOLD  WF_NOT_ON_HOLD
#define LATE_OK      WF_LATE_OVERRIDE

/* One row per action. A row with no FROM starts from any stage; a `to` of
 * WF_STAYS leaves the stage, or a named function beside the action
 * decides it: deletion's stages and hints (deletable), a correction's
 * target and refusals (correct_refusal), the vote's result (item_close),
 * revocation's step back (revoke_candidate). Fostering moves only a new
 * factor. CLOSE_ITEM, REOPEN_ITEM, PROPOSE and REVOKE are offered per
 * agenda item, session or decision, so not on a candidate's key line. */
/* clang-format off */
static const wf_move wf_moves[DH_ACT__COUNT] = {
	/* action                  default roles                                     from stages                                           to                   flags                    refusal */
	[DH_ACT_CREATE]          = {R_STAFF | R_HEAD | R_OFFICE | R_LEADER | R_CHIEF, 0,                                                   DH_STAGE_NEW_FACTOR, 0,                       NULL},
	[DH_ACT_EDIT]            = {R_HEAD | R_OFFICE | R_LEADER | R_CHIEF,           0,                                                   WF_STAYS,            ON_CANDIDATE,            NULL},
	[DH_ACT_DELETE]          = {R_OFFICE | R_LEADER | R_CHIEF,                    S_NEW | S_FOSTERING | S_NOT_APPROVED,                WF_STAYS,            ON_CANDIDATE,            NULL},
	[DH_ACT_FOSTER]          = {R_HEAD | R_OFFICE | R_LEADER | R_CHIEF,           0,                                                   DH_STAGE_FOSTERING,  ON_CANDIDATE,            NULL},
	[DH_ACT_NOMINATE]        = {R_HEAD | R_OFFICE | R_LEADER | R_CHIEF,           S_NEW | S_FOSTERING,                                 DH_STAGE_NOMINATED,  ON_CANDIDATE | LATE_OK,  not_new_or_fostered},
	[DH_ACT_LATE_OVERRIDE]   = {R_LEADER | R_CHIEF,                               0,                                                   WF_STAYS,            0,                       NULL},
	[DH_ACT_NIL_RETURN]      = {R_HEAD | R_OFFICE | R_LEADER,                     0,                                                   WF_STAYS,            0,                       NULL},
	[DH_ACT_CHECK_REGISTRATION] = {R_OFFICE | R_SECRETARY,                        0,                                                   WF_STAYS,            0,                       NULL},
	[DH_ACT_RETURN]          = {R_OFFICE | R_SECRETARY,                           S_NOMINATED,                                         DH_STAGE_FOSTERING,  ON_CANDIDATE,            already_considered},
	[DH_ACT_WITHDRAW]        = {R_HEAD | R_OFFICE | R_LEADER,                     S_NOMINATED,                                         DH_STAGE_FOSTERING,  ON_CANDIDATE,            already_considered},
	[DH_ACT_MANAGE_SESSION]  = {R_SECRETARY | R_STANDING | R_CHAIR,               S_NOMINATED,                                         WF_STAYS,            ON_CANDIDATE,            not_registered},
	[DH_ACT_RECORD_ATTENDANCE] = {R_SECRETARY | R_STANDING,                       0,                                                   WF_STAYS,            0,                       NULL},
	[DH_ACT_RECORD_VOTES]    = {R_SECRETARY | R_STANDING,                         0,                                                   WF_STAYS,            0,                       NULL},
	[DH_ACT_CLOSE_ITEM]      = {R_SECRETARY | R_CHAIR | R_VICE,                   S_NOMINATED,                                         WF_STAYS,            0,                       not_waiting},
	[DH_ACT_REOPEN_ITEM]     = {R_CHAIR,                                          S_APPROVED | S_NOT_APPROVED,                         DH_STAGE_NOMINATED,  0,                       not_decided},
	[DH_ACT_PROPOSE]         = {R_SECRETARY | R_CHAIR | R_OFFICE,                 S_APPROVED | S_RECOGNISED | S_AWARDED,               WF_STAYS,            0,                       not_passed},
	[DH_ACT_RECOGNISE]       = {R_CHIEF,                                          S_APPROVED,                                          DH_STAGE_RECOGNISED, ON_CANDIDATE | NOT_ON_HOLD, recognise_needs},
	[DH_ACT_AWARD]           = {R_CHIEF,                                          S_RECOGNISED,                                        DH_STAGE_AWARDED,    ON_CANDIDATE | NOT_ON_HOLD, award_needs},
	[DH_ACT_REVOKE]          = {R_CHIEF,                                          S_RECOGNISED | S_AWARDED,                            WF_STAYS,            0,                       NULL},
	[DH_ACT_HOLD]            = {R_CHIEF | R_LEADER | R_OFFICE,                    0,                                                   WF_STAYS,            ON_CANDIDATE,            NULL},
	[DH_ACT_CORRECT]         = {R_CHIEF | R_LEADER,                               S_FOSTERING | S_NOMINATED | S_APPROVED | S_NOT_APPROVED, WF_STAYS,        ON_CANDIDATE,            NULL},
	[DH_ACT_CEREMONY]        = {R_OFFICE | R_LEADER | R_CHIEF,                    0,                                                   WF_STAYS,            0,                       NULL},
	[DH_ACT_REPLICATE]       = {R_OFFICE | R_HEAD | R_LEADER | R_CHIEF,           S_RECOGNISED | S_AWARDED,                            WF_STAYS,            ON_CANDIDATE,            not_recognised},
	[DH_ACT_REVIEW]          = {R_OFFICE | R_LEADER | R_CHIEF,                    0,                                                   WF_STAYS,            0,                       NULL},
	[DH_ACT_DISSEMINATE]     = {R_HEAD | R_OFFICE | R_LEADER,                     0,                                                   WF_STAYS,            0,                       NULL},
	[DH_ACT_COORDINATE]      = {R_HEAD | R_OFFICE | R_LEADER,                     0,                                                   WF_STAYS,            0,                       NULL},
	[DH_ACT_IMPORT]          = {R_OFFICE | R_LEADER | R_CHIEF,                    0,                                                   WF_STAYS,            0,                       NULL},
	[DH_ACT_EXPORT]          = {R_OFFICE | R_LEADER | R_CHIEF | R_HEAD,           0,                                                   WF_STAYS,            0,                       NULL},
	[DH_ACT_VIEW_AUDIT]      = {R_OFFICE | R_LEADER | R_CHIEF,                    0,                                                   WF_STAYS,            0,                       NULL},
};
/* clang-format on */

static const struct {
	const char *name, *label;
} action_words[DH_ACT__COUNT] = {
#define DH_ACTION_WORDS(id, name, label) [DH_ACT_##id] = {name, label},
    DH_ACTIONS(DH_ACTION_WORDS)
#undef DH_ACTION_WORDS
};

/* Roles whose grant covers only the holder's own department. */
#define WF_DEPT_SCOPED (DH_ROLE_DEPT_HEAD | DH_ROLE_STAFF)

const wf_move *wf_move_of(dh_action a)
{
	static const wf_move none = {.to = WF_STAYS};
	return (unsigned)a < DH_ACT__COUNT ? &wf_moves[a] : &none;
}

bool wf_stage_admits(dh_action a, int stage)
{
	unsigned from = wf_move_of(a)->from;
	return !from || (stage >= 0 && stage < DH_STAGE__COUNT && (from & WF_STAGE(stage)));
}

/* Append TEXT to BUF (of SIZE, *USED bytes so far), as much as fits. */
static void append(char *buf, size_t size, size_t *used, const char *text, size_t len)
{
	if (*used + 1 >= size)
		return;
	if (len > size - 1 - *used)
		len = size - 1 - *used;
	memcpy(buf + *used, text, len);
	*used += len;
	buf[*used] = '\0';
}

bool wf_move_admits(dh_action a, const dh_candidate *c)
{
	return wf_stage_admits(a, c->stage) && !((wf_move_of(a)->flags & WF_NOT_ON_HOLD) && c->on_hold);
}

int wf_refuse(dh_ctx *ctx, dh_action a, const dh_candidate *c)
{
	const wf_move *r = wf_move_of(a);
	const char *t = r->refusal ? r->refusal : "«{name}» đang ở bước «{stage}».";
	int need = 0;
	while (need < DH_STAGE__COUNT - 1 && r->from && !(r->from & WF_STAGE(need)))
		need++;
	char out[sizeof(ctx->message)];
	size_t used = 0;
	out[0] = '\0';
	while (*t) {
		const char *open = strchr(t, '{');
		const char *close = open ? strchr(open, '}') : NULL;
		if (!close) {
			append(out, sizeof(out), &used, t, strlen(t));
			break;
		}
		append(out, sizeof(out), &used, t, (size_t)(open - t));
		size_t n = (size_t)(close - open - 1);
		const char *word = strncmp(open + 1, "name", n) == 0    ? (c->name ? c->name : "")
		                   : strncmp(open + 1, "stage", n) == 0 ? wf_stage_text(c->stage)
		                                                        : wf_stage_text(need);
		append(out, sizeof(out), &used, word, strlen(word));
		t = close + 1;
	}
	return say(ctx, DH_ESTAGE, "%s", out);
}

int wf_stage_gate(dh_ctx *ctx, dh_action a, const dh_candidate *c)
{
	return wf_stage_admits(a, c->stage) ? 0 : wf_refuse(ctx, a, c);
}

void wf_advance(dh_candidate *c, dh_action a)
{
	int to = wf_move_of(a)->to;
	if (to != WF_STAYS)
		c->stage = to;
}

const char *wf_action_name(dh_action a)
{
	return (unsigned)a < DH_ACT__COUNT ? action_words[a].name : "?";
}

const char *wf_action_label(dh_action a)
{
	return (unsigned)a < DH_ACT__COUNT ? action_words[a].label : "?";
}

int wf_action_from_name(const char *name)
{
	if (!name)
		return -1;
	for (int a = 0; a < DH_ACT__COUNT; a++)
		if (strcmp(action_words[a].name, name) == 0)
			return a;
	return -1;
}

unsigned wf_action_roles(const dh_config *cfg, dh_action a)
{
	if ((unsigned)a >= DH_ACT__COUNT)
		return 0;
	unsigned roles = wf_moves[a].roles;
	/* The last override for an action wins, as a later key would in YAML. */
	for (size_t i = 0; cfg && i < cfg->n_permissions; i++)
		if (cfg->permissions[i].action &&
		    strcmp(cfg->permissions[i].action, action_words[a].name) == 0)
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
	static const dh_label extra[] = {
	    {"release", "Tiếp tục xét (hết tạm dừng)"},
	    {"restore", "Khôi phục hồ sơ đã xóa"},
	    {"close_session", "Kết thúc phiên họp"},
	    {"reopen_session", "Mở lại phiên họp (đính chính)"},
	    {"recuse", "Ghi thành viên không biểu quyết"},
	    {"save", "Lưu"},
	    {"chain", "Nối chuỗi băm nhật ký"}, /* verify.h: the migration's entry */
	    {"snapshot", "Lưu quy định của phiên họp, quyết định đã có (nâng cấp)"}, /* snapshot.h */
	    {"counts", "Bắt đầu giữ số đếm số liệu"}, /* counts.h: the migration's entry */
	    {"plan", "Giữ kế hoạch của năm"},         /* plan_year.h: the year's plan as held */
	};
	if (!action)
		return "";
	int a = wf_action_from_name(action);
	if (a >= 0)
		return wf_action_label(a);
	const char *label = label_find(extra, sizeof(extra) / sizeof(extra[0]), action);
	return label ? label : action;
}

/* --- messages ------------------------------------------------------------- */

/* Cut a UTF-8 sequence that truncation left incomplete at the end of BUF. */
void wf_trim_partial_utf8(char *buf)
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

void wf_tell(dh_ctx *ctx, const char *field, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ctx->message, sizeof(ctx->message), fmt, ap);
	va_end(ap);
	wf_trim_partial_utf8(ctx->message);
	/* Sentences may open with a record kind ("hồ sơ #3 …"); all of them
	 * start with an ASCII letter. */
	if (ctx->message[0] >= 'a' && ctx->message[0] <= 'z')
		ctx->message[0] = (char)(ctx->message[0] - 'a' + 'A');
	snprintf(ctx->field, sizeof(ctx->field), "%s", field ? field : "");
}

void wf_clear_message(dh_ctx *ctx)
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

const char *wf_stage_text(int stage)
{
	const char *s = stage_label(stage);
	return s ? s : "?";
}

/* --- identity ------------------------------------------------------------- */

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

int wf_today(const dh_ctx *ctx)
{
	return ctx->today ? ctx->today : date_today();
}

/* --- checks --------------------------------------------------------------- */

bool wf_may(const dh_ctx *ctx, dh_action a)
{
	return ctx->person && (ctx->roles & wf_action_roles(ctx->cfg, a)) != 0;
}

bool wf_scope_ok(const dh_ctx *ctx, dh_action a, const char *department)
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
	return wf_may(ctx, a) && wf_scope_ok(ctx, a, department);
}

int wf_permit(dh_ctx *ctx, dh_action a)
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

int wf_permit_in(dh_ctx *ctx, dh_action a, const char *department)
{
	int rc = wf_permit(ctx, a);
	if (rc)
		return rc;
	if (wf_scope_ok(ctx, a, department))
		return 0;
	char what[128];
	label_lowered(a, what, sizeof(what));
	return say(ctx, DH_EPERM, "Bạn chỉ được %s cho hồ sơ của %s; hồ sơ này thuộc %s.", what,
	           config_department_name(ctx->cfg, ctx->person->department),
	           config_department_name(ctx->cfg, department));
}

const dh_deadline *wf_deadline_of(const dh_config *cfg, dh_action a)
{
	return cfg ? config_deadline_closing(cfg, wf_action_name(a)) : NULL;
}

int wf_deadline_gate(dh_ctx *ctx, dh_action a, const char *late_reason, bool *late)
{
	const dh_deadline *d = wf_deadline_of(ctx->cfg, a);
	if (late)
		*late = false;
	if (!d || !d->date || wf_today(ctx) <= d->date)
		return 0;
	char day[11];
	date_vn(d->date, day);
	const char *label = d->label ? d->label : d->id;
	if (!late || !(wf_move_of(a)->flags & WF_LATE_OVERRIDE))
		return say(ctx, DH_EDEADLINE, "Đã quá hạn «%s» (%s).", label, day);
	if (wf_may(ctx, DH_ACT_LATE_OVERRIDE)) {
		if (late_reason && *late_reason) {
			*late = true;
			return 0;
		}
		return say_field(ctx, DH_EDEADLINE, "late_reason",
		                 "Đã quá hạn «%s» (%s): ghi lý do cho phép đăng ký quá hạn.", label, day);
	}
	char who[256];
	wf_who_may(ctx->cfg, DH_ACT_LATE_OVERRIDE, who, sizeof(who));
	return say(ctx, DH_EDEADLINE, "Đã quá hạn «%s» (%s): chỉ %s được cho phép làm quá hạn, kèm lý do.",
	           label, day, who);
}

int wf_check(dh_ctx *ctx, dh_action a)
{
	wf_clear_message(ctx);
	int rc = wf_permit(ctx, a);
	return rc ? rc : wf_deadline_gate(ctx, a, NULL, NULL);
}

bool wf_candidate_may(const dh_ctx *ctx, dh_action a, const dh_candidate *c)
{
	if (!wf_may_for(ctx, a, c->department))
		return false;
	return !(wf_move_of(a)->flags & WF_ON_CANDIDATE) || (!c->meta.deleted && wf_move_admits(a, c));
}
