/* scr_selection_reasons.c — screen 3's one-line forms for an action on
 * one record that needs a reason: a registration returned or withdrawn, a
 * candidate held or released, a recognition revoked, a nil return or a
 * proposal deleted. One field table per kind; the record acted on is named
 * under the reason; each save is one wf_* call. */
#include "scr_selection.h"

#include "dienhinh/date.h"
#include "dienhinh/error.h"
#include "dienhinh/repo.h"
#include "dienhinh/workflow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEL_LINE_BYTES (WF_MAX_LINE * 4) /* the workflow counts letters; a letter is up to 4 bytes */

/* A form's note is printed from the buffer it was given. */
static const char *note_text(char *buf, size_t size, const char *text)
{
	snprintf(buf, size, "%s", text);
	return buf;
}

/* The second field: a revocation's date, a hold's kind, a release's
 * counts_from date. */
enum { XF_REASON, XF_DATE, XF__COUNT, XF_KIND = XF_DATE };

/* Each kind's fields, ended by an empty one (the zeros after them). */
static const ui_field reason_fields[SEL_R__COUNT][XF__COUNT + 1] = {
    [SEL_R_RETURN] = {{"reason", "Lý do trả lại", UI_F_TEXT, SEL_LINE_BYTES, true, 0, 0}},
    [SEL_R_WITHDRAW] = {{"reason", "Lý do rút", UI_F_TEXT, SEL_LINE_BYTES, false, 0, 0}},
    /* The kind of hold from config `holds:` (required when config names
     * any); lifting a discipline hold, the day achievements count from. */
    [SEL_R_HOLD] = {{"reason", "Lý do tạm dừng", UI_F_TEXT, SEL_LINE_BYTES, true, 0, 0},
                    {"kind", "Loại tạm dừng", UI_F_CHOICE, 0, false, 0, 0}},
    [SEL_R_RELEASE] = {{"reason", "Lý do tiếp tục xét", UI_F_TEXT, SEL_LINE_BYTES, true, 0, 0},
                       {"counts_from", "Thành tích tính từ ngày", UI_F_DATE, 0, false, 0, 0}},
    [SEL_R_REVOKE] = {{"reason", "Lý do thu hồi", UI_F_TEXT, SEL_LINE_BYTES, true, 0, 0},
                      {"date", "Ngày thu hồi", UI_F_DATE, 0, true, 0, 0}},
    [SEL_R_DEL_NIL] = {{"reason", "Lý do xóa", UI_F_TEXT, SEL_LINE_BYTES, true, 0, 0}},
    [SEL_R_DEL_PROP] = {{"reason", "Lý do xóa", UI_F_TEXT, SEL_LINE_BYTES, true, 0, 0}},
};

typedef struct reason_form {
	int kind;
	uint64_t id;
	char about[400];  /* the record, in words, under the reason */
	ui_choice *kinds; /* the hold form's kinds, from config (labels borrowed) */
	size_t n_kinds;
	bool discipline; /* the release form: the hold being lifted is of a discipline kind */
} reason_form;

static const char *reason_form_note(ui_form *f, int field, char *buf, size_t size)
{
	reason_form *xf = f->user;
	if (field == XF_KIND && xf->kind == SEL_R_HOLD) {
		const char *code = ui_form_get(f, XF_KIND);
		const dh_hold_kind *k = code && *code ? config_hold(f->base.ctx->cfg, code) : NULL;
		if (k)
			return note_text(buf, size, k->basis ? k->basis : k->label);
		return note_text(buf, size,
		                 xf->n_kinds ? "Enter: chọn loại tạm dừng theo quy định"
		                             : "Cấu hình chưa có loại tạm dừng (holds): chỉ ghi lý do");
	}
	if (field == XF_DATE && xf->kind == SEL_R_RELEASE)
		return note_text(buf, size,
		                 xf->discipline
		                     ? "Ngày hết thời hạn kỷ luật: thành tích chỉ tính từ ngày này "
		                       "(NĐ 152/2025/NĐ-CP Điều 4 khoản 4); để trống nếu không bị kỷ "
		                       "luật"
		                     : "Chỉ dùng khi bỏ tạm dừng do xem xét kỷ luật");
	if (field == XF_DATE)
		return note_text(buf, size, "Các hồ sơ trở lại bước «Được Hội đồng đề nghị»");
	snprintf(buf, size, "%s", xf->about);
	return buf;
}

static int reason_form_save(ui_form *f)
{
	reason_form *xf = f->user;
	dh_ctx *ctx = f->base.ctx;
	const char *reason = ui_form_text(f, XF_REASON);
	int date = 0;
	if (!reason ||
	    ((xf->kind == SEL_R_REVOKE || xf->kind == SEL_R_RELEASE) && ui_form_date(f, XF_DATE, &date) != 0))
		return DH_EINVAL;
	const char *r = *reason ? reason : NULL;
	const char *hold_kind = xf->kind == SEL_R_HOLD ? ui_form_get(f, XF_KIND) : NULL;
	if (xf->kind == SEL_R_HOLD && xf->n_kinds && (!hold_kind || !*hold_kind)) {
		ui_form_error(f, XF_KIND, "Chọn loại tạm dừng (Enter)");
		return DH_EINVAL;
	}
	switch (xf->kind) {
	case SEL_R_RETURN: return wf_registration_return(ctx, xf->id, r);
	case SEL_R_WITHDRAW: return wf_registration_withdraw(ctx, xf->id, r);
	case SEL_R_HOLD: return wf_hold_set(ctx, xf->id, hold_kind && *hold_kind ? hold_kind : NULL, r);
	case SEL_R_RELEASE: return wf_hold_lift(ctx, xf->id, r, date);
	case SEL_R_REVOKE: return wf_decision_revoke(ctx, xf->id, r, date);
	case SEL_R_DEL_NIL: return wf_delete(ctx, DH_R_NIL_RETURN, xf->id, r);
	case SEL_R_DEL_PROP: return wf_delete(ctx, DH_R_PROPOSAL, xf->id, r);
	}
	return DH_EINVAL;
}

static const dh_rtype reason_target[SEL_R__COUNT] = {
    [SEL_R_RETURN] = DH_R_REGISTRATION, [SEL_R_WITHDRAW] = DH_R_REGISTRATION,
    [SEL_R_HOLD] = DH_R_CANDIDATE,      [SEL_R_RELEASE] = DH_R_CANDIDATE,
    [SEL_R_REVOKE] = DH_R_DECISION,     [SEL_R_DEL_NIL] = DH_R_NIL_RETURN,
    [SEL_R_DEL_PROP] = DH_R_PROPOSAL,
};

static void reason_form_target(ui_form *f, int *type, uint64_t *id, uint32_t *rev)
{
	reason_form *xf = f->user;
	*type = reason_target[xf->kind];
	*id = xf->id;
	*rev = 0;
}

static void reason_form_destroy(ui_form *f)
{
	reason_form *xf = f->user;
	free(xf->kinds);
	free(xf);
}

static size_t reason_form_choices(ui_form *f, int field, const ui_choice **out)
{
	reason_form *xf = f->user;
	if (field != XF_KIND || xf->kind != SEL_R_HOLD)
		return 0;
	*out = xf->kinds;
	return xf->n_kinds;
}

#define REASON_SPEC(kind, form_name, form_title)                                                             \
	[kind] = {.name = (form_name),                                                                       \
	          .title = (form_title),                                                                     \
	          .fields = reason_fields[kind],                                                             \
	          .note = reason_form_note,                                                                  \
	          .choices = reason_form_choices,                                                            \
	          .save = reason_form_save,                                                                  \
	          .target = reason_form_target,                                                              \
	          .destroy = reason_form_destroy}

static const ui_form_spec reason_specs[SEL_R__COUNT] = {
    REASON_SPEC(SEL_R_RETURN, "registration_return", "Trả lại hồ sơ đăng ký"),
    REASON_SPEC(SEL_R_WITHDRAW, "registration_withdraw", "Rút hồ sơ đăng ký"),
    REASON_SPEC(SEL_R_HOLD, "candidate_hold", "Tạm dừng xét hồ sơ"),
    REASON_SPEC(SEL_R_RELEASE, "candidate_release", "Tiếp tục xét hồ sơ"),
    REASON_SPEC(SEL_R_REVOKE, "revoke_recognition", "Thu hồi quyết định công nhận"),
    REASON_SPEC(SEL_R_DEL_NIL, "nil_return_delete", "Xóa báo không có đăng ký"),
    REASON_SPEC(SEL_R_DEL_PROP, "proposal_delete", "Xóa tờ trình"),
};

/* The record a reason form acts on, in words. */
static int reason_about(dh_ctx *ctx, reason_form *xf)
{
	void *rec = NULL;
	int rc = repo_get(ctx->store, reason_target[xf->kind], xf->id, &rec);
	if (rc)
		return rc;
	char day[11];
	switch (reason_target[xf->kind]) {
	case DH_R_REGISTRATION: {
		const dh_registration *r = rec;
		void *c = NULL;
		const char *name = "?";
		if (repo_get(ctx->store, DH_R_CANDIDATE, r->candidate_id, &c) == 0 &&
		    ((dh_candidate *)c)->name)
			name = ((dh_candidate *)c)->name;
		snprintf(xf->about, sizeof(xf->about), "%s · đăng ký %s · %s", name, date_vn(r->date, day),
		         config_department_short(ctx->cfg, r->department));
		if (c)
			record_free(DH_R_CANDIDATE, c);
		break;
	}
	case DH_R_CANDIDATE: {
		const dh_candidate *c = rec;
		snprintf(xf->about, sizeof(xf->about), "%s · %s · %s", c->name ? c->name : "",
		         stage_label(c->stage), config_department_short(ctx->cfg, c->department));
		const dh_hold_kind *k = c->hold_kind ? config_hold(ctx->cfg, c->hold_kind) : NULL;
		xf->discipline = k && k->discipline;
		break;
	}
	case DH_R_DECISION: {
		const dh_decision *d = rec;
		snprintf(xf->about, sizeof(xf->about), "Quyết định %s ngày %s · %zu hồ sơ",
		         d->number ? d->number : "", date_vn(d->date, day), d->candidates.n);
		break;
	}
	case DH_R_NIL_RETURN: {
		const dh_nil_return *n = rec;
		snprintf(xf->about, sizeof(xf->about), "%s báo không có đăng ký ngày %s",
		         config_department_name(ctx->cfg, n->department), date_vn(n->date, day));
		break;
	}
	case DH_R_PROPOSAL: {
		const dh_proposal *p = rec;
		snprintf(xf->about, sizeof(xf->about), "Tờ trình %s ngày %s: %zu hồ sơ",
		         p->number ? p->number : "(chưa có số)", date_vn(p->date, day), p->candidates.n);
		break;
	}
	default: break;
	}
	record_free(reason_target[xf->kind], rec);
	return 0;
}

ui_form *sel_reason_form(ui_app *app, int kind, uint64_t id)
{
	dh_ctx *ctx = ui_ctx(app);
	if (kind < 0 || kind >= SEL_R__COUNT)
		return NULL;
	reason_form *xf = calloc(1, sizeof(*xf));
	if (!xf)
		return NULL;
	xf->kind = kind;
	xf->id = id;
	if (kind == SEL_R_HOLD && ctx->cfg->n_holds) {
		if (!(xf->kinds = calloc(ctx->cfg->n_holds, sizeof(*xf->kinds)))) {
			free(xf);
			return NULL;
		}
		for (size_t i = 0; i < ctx->cfg->n_holds; i++)
			xf->kinds[i] = (ui_choice){ctx->cfg->holds[i].id, ctx->cfg->holds[i].label};
		xf->n_kinds = ctx->cfg->n_holds;
	}
	int rc = ctx->store ? reason_about(ctx, xf) : DH_ENOTFOUND;
	ui_form *f = rc == 0 ? ui_form_new(app, &reason_specs[kind], xf) : NULL;
	if (!f) {
		if (rc)
			ui_error(app, "%s", dh_strerror(rc));
		free(xf->kinds);
		free(xf);
		return NULL;
	}
	if (kind == SEL_R_REVOKE) {
		char day[11];
		ui_form_set(f, XF_DATE, date_vn(ctx->today ? ctx->today : date_today(), day));
	}
	ui_form_focus(f, XF_REASON);
	return f;
}

int sel_reason_kind(const char *name)
{
	for (int k = 0; name && k < SEL_R__COUNT; k++)
		if (strcmp(name, reason_specs[k].name) == 0)
			return k;
	return -1;
}
