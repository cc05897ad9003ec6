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

/* Rows not about one candidate set only .roles (their `to` is 0 there but
 * never read: wf_advance is called for candidate transitions only). */
static const wf_rule rules[DH_ACT__COUNT] = {
    [DH_ACT_CREATE] = {.roles = R_STAFF | R_HEAD | R_OFFICE | R_LEADER | R_CHIEF, .to = DH_STAGE_NEW_FACTOR},
    [DH_ACT_EDIT] = {.roles = R_HEAD | R_OFFICE | R_LEADER | R_CHIEF, .to = WF_STAYS, .per_candidate = true},
    /* Which stages, and what to do first, is candidate_deletable(). */
    [DH_ACT_DELETE] = {.roles = R_OFFICE | R_LEADER | R_CHIEF,
                       .from = S_NEW | S_FOSTERING | S_NOT_APPROVED,
                       .to = WF_STAYS,
                       .per_candidate = true},
    /* The first entry moves a new factor on; later ones leave the stage. */
    [DH_ACT_FOSTER] = {.roles = R_HEAD | R_OFFICE | R_LEADER | R_CHIEF,
                       .to = DH_STAGE_FOSTERING,
                       .per_candidate = true},
    [DH_ACT_NOMINATE] = {.roles = R_HEAD | R_OFFICE | R_LEADER | R_CHIEF,
                         .from = S_NEW | S_FOSTERING,
                         .to = DH_STAGE_NOMINATED,
                         .per_candidate = true,
                         .late_override = true,
                         .refusal = "«{name}» đang ở bước «{stage}»: chỉ đăng ký nhân tố mới hoặc hồ sơ "
                                    "đang bồi dưỡng."},
    [DH_ACT_LATE_OVERRIDE] = {.roles = R_LEADER | R_CHIEF},
    [DH_ACT_NIL_RETURN] = {.roles = R_HEAD | R_OFFICE | R_LEADER},
    [DH_ACT_CHECK_REGISTRATION] = {.roles = R_OFFICE | R_SECRETARY},
    [DH_ACT_RETURN] = {.roles = R_OFFICE | R_SECRETARY,
                       .from = S_NOMINATED,
                       .to = DH_STAGE_FOSTERING,
                       .per_candidate = true,
                       .refusal = "«{name}» đã được Hội đồng bình xét (bước «{stage}»)."},
    [DH_ACT_WITHDRAW] = {.roles = R_HEAD | R_OFFICE | R_LEADER,
                         .from = S_NOMINATED,
                         .to = DH_STAGE_FOSTERING,
                         .per_candidate = true,
                         .refusal = "«{name}» đã được Hội đồng bình xét (bước «{stage}»)."},
    /* On a candidate: putting it on a session's agenda. */
    [DH_ACT_MANAGE_SESSION] = {.roles = R_SECRETARY | R_STANDING | R_CHAIR,
                               .from = S_NOMINATED,
                               .to = WF_STAYS,
                               .per_candidate = true,
                               .refusal = "«{name}» đang ở bước «{stage}»: chỉ đưa ra bình xét hồ sơ đã "
                                          "đăng ký."},
    [DH_ACT_RECORD_ATTENDANCE] = {.roles = R_SECRETARY | R_STANDING},
    [DH_ACT_RECORD_VOTES] = {.roles = R_SECRETARY | R_STANDING},
    /* Offered per agenda item; approved or not is the vote's (item_close). */
    [DH_ACT_CLOSE_ITEM] = {.roles = R_SECRETARY | R_CHAIR | R_VICE,
                           .from = S_NOMINATED,
                           .to = WF_STAYS,
                           .refusal = "«{name}» đang ở bước «{stage}», không còn chờ bình xét."},
    [DH_ACT_REOPEN_ITEM] = {.roles = R_CHAIR,
                            .from = S_APPROVED | S_NOT_APPROVED,
                            .to = DH_STAGE_NOMINATED,
                            .refusal = "«{name}» đang ở bước «{stage}»: không mở lại kết quả được."},
    /* Offered per session; the candidate must also have passed there. */
    [DH_ACT_PROPOSE] = {.roles = R_SECRETARY | R_CHAIR | R_OFFICE,
                        .from = S_APPROVED | S_RECOGNISED | S_AWARDED,
                        .to = WF_STAYS,
                        .refusal = "«{name}» không được Hội đồng thông qua ở phiên họp này."},
    [DH_ACT_RECOGNISE] = {.roles = R_CHIEF,
                          .from = S_APPROVED,
                          .to = DH_STAGE_RECOGNISED,
                          .per_candidate = true,
                          .not_on_hold = true,
                          .refusal = "«{name}» đang ở bước «{stage}»: chỉ công nhận hồ sơ ở bước «{need}»."},
    [DH_ACT_AWARD] = {.roles = R_CHIEF,
                      .from = S_RECOGNISED,
                      .to = DH_STAGE_AWARDED,
                      .per_candidate = true,
                      .not_on_hold = true,
                      .refusal = "«{name}» đang ở bước «{stage}»: chỉ khen thưởng hồ sơ ở bước «{need}»."},
    /* Offered per decision; one step back is revoke_candidate(). */
    [DH_ACT_REVOKE] = {.roles = R_CHIEF, .from = S_RECOGNISED | S_AWARDED, .to = WF_STAYS},
    [DH_ACT_HOLD] = {.roles = R_CHIEF | R_LEADER | R_OFFICE, .to = WF_STAYS, .per_candidate = true},
    /* Back to an earlier stage; its refusals are correct_refusal(). */
    [DH_ACT_CORRECT] = {.roles = R_CHIEF | R_LEADER,
                        .from = S_FOSTERING | S_NOMINATED | S_APPROVED | S_NOT_APPROVED,
                        .to = WF_STAYS,
                        .per_candidate = true},
    [DH_ACT_CEREMONY] = {.roles = R_OFFICE | R_LEADER | R_CHIEF},
    [DH_ACT_REPLICATE] = {.roles = R_OFFICE | R_HEAD | R_LEADER | R_CHIEF,
                          .from = S_RECOGNISED | S_AWARDED,
                          .to = WF_STAYS,
                          .per_candidate = true,
                          .refusal = "«{name}» đang ở bước «{stage}»: chỉ nhân rộng mô hình, điển hình đã "
                                     "được công nhận."},
    [DH_ACT_REVIEW] = {.roles = R_OFFICE | R_LEADER | R_CHIEF},
    [DH_ACT_DISSEMINATE] = {.roles = R_HEAD | R_OFFICE | R_LEADER},
    [DH_ACT_COORDINATE] = {.roles = R_HEAD | R_OFFICE | R_LEADER},
    [DH_ACT_IMPORT] = {.roles = R_OFFICE | R_LEADER | R_CHIEF},
    [DH_ACT_EXPORT] = {.roles = R_OFFICE | R_LEADER | R_CHIEF | R_HEAD},
    [DH_ACT_VIEW_AUDIT] = {.roles = R_OFFICE | R_LEADER | R_CHIEF},
};

static const struct {
	const char *name, *label;
} action_words[DH_ACT__COUNT] = {
#define DH_ACTION_WORDS(id, name, label) [DH_ACT_##id] = {name, label},
    DH_ACTIONS(DH_ACTION_WORDS)
#undef DH_ACTION_WORDS
};

/* Roles whose grant covers only the holder's own department. */
#define WF_DEPT_SCOPED (DH_ROLE_DEPT_HEAD | DH_ROLE_STAFF)

const wf_rule *wf_rule_of(dh_action a)
{
	static const wf_rule none = {.to = WF_STAYS};
	return (unsigned)a < DH_ACT__COUNT ? &rules[a] : &none;
}

bool wf_stage_admits(dh_action a, int stage)
{
	unsigned from = wf_rule_of(a)->from;
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

bool wf_rule_admits(dh_action a, const dh_candidate *c)
{
	return wf_stage_admits(a, c->stage) && !(wf_rule_of(a)->not_on_hold && c->on_hold);
}

int wf_refuse(dh_ctx *ctx, dh_action a, const dh_candidate *c)
{
	const wf_rule *r = wf_rule_of(a);
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
	int to = wf_rule_of(a)->to;
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
	unsigned roles = rules[a].roles;
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
	if (!late || !wf_rule_of(a)->late_override)
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
	return !wf_rule_of(a)->per_candidate || (!c->meta.deleted && wf_rule_admits(a, c));
}
