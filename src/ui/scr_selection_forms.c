/* scr_selection_forms.c — screen 3's forms: a registration (with the
 * late-registration reason after the deadline), a department's nil
 * return, the council's proposal (tờ trình), the recognition decision,
 * and the one-line reason forms (return, withdraw, hold, release, revoke,
 * delete: scr_selection_reasons.c). Each is a field table bound to its
 * record type, and the workflow call that writes it: the widget loads,
 * saves with the revision check, rereads on conflict and keeps the draft;
 * the refusal shows beside the field it names or on the message line.
 * Their drafts come back through ui_selection_restore(). */
#include "scr_selection.h"

#include "dienhinh/date.h"
#include "dienhinh/error.h"
#include "dienhinh/repo.h"
#include "dienhinh/ui_council.h"
#include "dienhinh/workflow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEL_LONG_BYTES   (WF_MAX_TEXT * 4) /* the workflow counts letters; a letter is up to 4 bytes */
#define SEL_LINE_BYTES   (WF_MAX_LINE * 4)
#define SEL_CHECKS_BYTES 1000 /* ids ticked, comma-separated */

uint64_t sel_parse_id(const char *s)
{
	char *end = NULL;
	unsigned long long v = s && *s ? strtoull(s, &end, 10) : 0;
	return end && *end == '\0' ? (uint64_t)v : 0;
}

static int ticks_set(ui_form *f, int field, const dh_idlist *ids, const ui_choices *cs)
{
	char buf[SEL_CHECKS_BYTES + 32] = "";
	size_t o = 0;
	for (size_t i = 0; ids && i < cs->n; i++) {
		if (!idlist_has(ids, sel_parse_id(cs->v[i].value)))
			continue;
		size_t len = strlen(cs->v[i].value) + 1;
		if (o + len >= SEL_CHECKS_BYTES)
			break;
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s%s", o ? "," : "", cs->v[i].value);
	}
	return ui_form_set(f, field, buf);
}

static int today(const dh_ctx *ctx)
{
	return ctx->today ? ctx->today : date_today();
}

static const char *actor_name(const dh_ctx *ctx)
{
	return ctx->person ? ctx->person->name : (ctx->login ? ctx->login : "");
}

/* A form's note is printed from the buffer it was given. */
static const char *note_text(char *buf, size_t size, const char *text)
{
	snprintf(buf, size, "%s", text);
	return buf;
}

/* What every form here keeps first in its state: the screen whose list
 * shows the record after the save (NULL: a restored draft) and which of
 * its lists, and the owned choices of up to two pickers with the field
 * each serves (-1: none). */
typedef struct sel_form {
	sel_screen *screen;
	int mode;
	int field[2];
	ui_choices choices[2];
} sel_form;

/* A form state of SIZE bytes that begins with a sel_form. */
static void *form_state(size_t size, sel_screen *s, int mode, int field0, int field1)
{
	sel_form *h = calloc(1, size);
	if (h)
		*h = (sel_form){.screen = s, .mode = mode, .field = {field0, field1}};
	return h;
}

static size_t form_choices(ui_form *f, int field, const ui_choice **out)
{
	sel_form *h = f->user;
	for (int k = 0; k < 2; k++)
		if (h->field[k] == field) {
			*out = h->choices[k].v;
			return h->choices[k].n;
		}
	return 0;
}

static void form_saved(ui_form *f, const void *rec)
{
	sel_form *h = f->user;
	sel_select_after(h->screen, h->mode, ((const dh_meta *)rec)->id);
}

static void form_state_free(void *user)
{
	sel_form *h = user;
	ui_choices_free(&h->choices[0]);
	ui_choices_free(&h->choices[1]);
	free(h);
}

/* --- registration ---------------------------------------------------------------- */

enum { RF_CANDIDATE, RF_DATE, RF_DESCRIPTION, RF_LATE, RF__COUNT };

static const ui_field reg_fields[] = {
    [RF_CANDIDATE] = {"candidate", "Nhân tố", UI_F_CHOICE, 0, true, 0, 0, .bind = "candidate_id"},
    [RF_DATE] = {"date", "Ngày đăng ký", UI_F_DATE, 0, true, 0, 0, .bind = "date"},
    [RF_DESCRIPTION] = {"description", "Mô tả sáng kiến", UI_F_LONG, SEL_LONG_BYTES, false, 0, 0,
                        .bind = "description"},
    [RF_LATE] = {"late_reason", "Lý do quá hạn", UI_F_TEXT, SEL_LINE_BYTES, true, 0, 0,
                 .bind = "late_reason"},
    {0},
};

typedef struct reg_form {
	sel_form head;        /* choices[0]: the candidates */
	dh_candidate *picked; /* the candidate chosen, for the notes */
} reg_form;

static int reg_choice_collect(const void *rec, void *arg)
{
	ui_form *f = arg;
	reg_form *rf = f->user;
	const dh_candidate *c = rec;
	const dh_ctx *ctx = f->base.ctx;
	if (c->year != ctx->cfg->plan.year || !wf_candidate_may(ctx, DH_ACT_NOMINATE, c))
		return 0;
	char label[400];
	snprintf(label, sizeof(label), "%s — %s (%s)", c->name ? c->name : "",
	         config_department_short(ctx->cfg, c->department), stage_label(c->stage));
	return ui_choices_add_id(&rf->head.choices[0], c->meta.id, label) ? -1 : 0;
}

static const dh_candidate *reg_picked(ui_form *f)
{
	reg_form *rf = f->user;
	uint64_t id = sel_parse_id(ui_form_get(f, RF_CANDIDATE));
	if (rf->picked && rf->picked->meta.id == id)
		return rf->picked;
	record_free(DH_R_CANDIDATE, rf->picked);
	rf->picked = NULL;
	void *rec = NULL;
	if (id && repo_get(f->base.ctx->store, DH_R_CANDIDATE, id, &rec) == 0)
		rf->picked = rec;
	return rf->picked;
}

static const char *reg_form_note(ui_form *f, int field, char *buf, size_t size)
{
	const dh_ctx *ctx = f->base.ctx;
	const dh_candidate *c = reg_picked(f);
	switch (field) {
	case RF_CANDIDATE:
		if (!c)
			return note_text(buf, size, "Enter: chọn nhân tố mới / hồ sơ đang bồi dưỡng");
		/* Warnings first: the line is cut at the field's width. */
		snprintf(buf, size, "%s%s%s · %s · đạt %d/%zu tiêu chí",
		         c->duplicate_of ? "⚠ có thể trùng hồ sơ đã công nhận · " : "",
		         c->on_hold ? "⚠ đang tạm dừng xét · " : "", kind_label(c->kind),
		         config_department_short(ctx->cfg, c->department), wf_criteria_met(ctx->cfg, c),
		         (size_t)c->kind < DH_CANDIDATE_KINDS ? ctx->cfg->criteria.n[c->kind] : 0);
		return buf;
	case RF_DESCRIPTION:
		if (!c || *ui_form_get(f, RF_DESCRIPTION))
			return NULL;
		if (c && c->description && *c->description)
			return note_text(buf, size, "Để trống: dùng bản mô tả trong hồ sơ nhân tố");
		return note_text(buf, size, "Cần bản mô tả (^E: soạn trong trình soạn thảo)");
	case RF_LATE: {
		const dh_deadline *d = wf_deadline_of(ctx->cfg, DH_ACT_NOMINATE);
		char day[11];
		snprintf(buf, size, "Hạn đã qua (%s): lý do cho phép đăng ký muộn",
		         d ? date_vn(d->date, day) : "");
		return buf;
	}
	}
	return NULL;
}

static void reg_form_defaults(ui_form *f, void *rec)
{
	dh_registration *r = rec;
	r->date = today(f->base.ctx);
}

static int reg_form_check(ui_form *f, void *rec)
{
	const dh_registration *r = rec;
	if (r->candidate_id)
		return 0;
	ui_form_error(f, RF_CANDIDATE, "Chọn một nhân tố (Enter)");
	return DH_EINVAL;
}

static int reg_form_write(dh_ctx *ctx, const void *rec, uint64_t *id)
{
	return wf_nominate(ctx, rec, id);
}

static void reg_form_free(void *user)
{
	reg_form *rf = user;
	record_free(DH_R_CANDIDATE, rf->picked);
	form_state_free(rf);
}

static const ui_form_spec reg_spec = {
    .name = "registration",
    .title = "Đăng ký đề nghị công nhận",
    .fields = reg_fields,
    .n_fields = RF_LATE,
    .choices = form_choices,
    .note = reg_form_note,
    .type = DH_R_REGISTRATION,
    .write = reg_form_write,
    .defaults = reg_form_defaults,
    .check = reg_form_check,
    .saved = form_saved,
    .free_user = reg_form_free,
};

/* After the deadline the form asks why a late registration is let in:
 * the same form under its own title, with the late reason shown too. */
static const ui_form_spec *reg_form_spec(bool late)
{
	static ui_form_spec late_spec;
	if (!late)
		return &reg_spec;
	if (!late_spec.name) {
		late_spec = reg_spec;
		late_spec.title = "Đăng ký quá hạn";
		late_spec.n_fields = 0; /* all of them */
	}
	return &late_spec;
}

ui_form *sel_registration_form(ui_app *app, sel_screen *s)
{
	dh_ctx *ctx = ui_ctx(app);
	const dh_deadline *d = wf_deadline_of(ctx->cfg, DH_ACT_NOMINATE);
	bool late = d && d->date && today(ctx) > d->date;
	reg_form *rf = form_state(sizeof(*rf), s, SEL_REG, RF_CANDIDATE, -1);
	if (!rf)
		return NULL;
	ui_form *f = ui_form_open(app, reg_form_spec(late), NULL, rf);
	if (!f)
		return NULL;
	if (ctx->store && repo_each(ctx->store, DH_R_CANDIDATE, reg_choice_collect, f) != 0) {
		ui_error(app, "%s", dh_strerror(DH_ENOMEM));
		f->base.ops->destroy(&f->base);
		return NULL;
	}
	if (rf->head.choices[0].n == 0) {
		ui_error(app,
		         "Không có nhân tố mới hoặc hồ sơ đang bồi dưỡng nào năm %d mà bạn được đăng ký "
		         "(thêm ở màn hình 2).",
		         ctx->cfg->plan.year);
		f->base.ops->destroy(&f->base);
		return NULL;
	}
	ui_form_focus(f, RF_CANDIDATE);
	return f;
}

/* --- nil return ----------------------------------------------------------------- */

enum { NF_DEPARTMENT, NF_DATE, NF_BY, NF_NOTE, NF__COUNT };

static const ui_field nil_fields[] = {
    [NF_DEPARTMENT] = {"department", "Đơn vị", UI_F_CHOICE, 0, true, 0, 0, .bind = "department"},
    [NF_DATE] = {"date", "Ngày báo", UI_F_DATE, 0, true, 0, 0, .bind = "date"},
    [NF_BY] = {"by", "Người báo", UI_F_TEXT, SEL_LINE_BYTES, false, 0, 0, .bind = "by"},
    [NF_NOTE] = {"note", "Ghi chú", UI_F_LONG, SEL_LONG_BYTES, false, 0, 0, .bind = "note"},
    {0},
};

typedef struct nil_form {
	sel_form head;          /* choices[0]: the departments */
	const char *department; /* the config's id the form opens on, or NULL */
} nil_form;

static const char *nil_form_note(ui_form *f, int field, char *buf, size_t size)
{
	if (field != NF_DEPARTMENT)
		return NULL;
	snprintf(buf, size, "Năm %d đơn vị không có ai để đề nghị công nhận", f->base.ctx->cfg->plan.year);
	return buf;
}

/* The department asked for, else mine; today; me. */
static void nil_form_defaults(ui_form *f, void *rec)
{
	nil_form *nf = f->user;
	const dh_ctx *ctx = f->base.ctx;
	dh_nil_return *n = rec;
	n->year = ctx->cfg->plan.year;
	n->date = today(ctx);
	record_set_str(&n->department,
	               nf->department ? nf->department : (ctx->person ? ctx->person->department : NULL));
	record_set_str(&n->by, actor_name(ctx));
}

static int nil_form_check(ui_form *f, void *rec)
{
	const dh_nil_return *n = rec;
	if (n->department && config_department(f->base.ctx->cfg, n->department))
		return 0;
	ui_form_error(f, NF_DEPARTMENT, "Chọn một đơn vị (Enter)");
	return DH_EINVAL;
}

static int nil_form_write(dh_ctx *ctx, const void *rec, uint64_t *id)
{
	return wf_nil_return(ctx, rec, id);
}

/* The departments' list shows the answer: a row's id is its index + 1. */
static void nil_form_saved(ui_form *f, const void *rec)
{
	const dh_nil_return *n = rec;
	int i = sel_dept_index(f->base.ctx->cfg, n->department);
	sel_select_after(((sel_form *)f->user)->screen, SEL_DEPT, (uint64_t)i + 1);
}

static const ui_form_spec nil_spec = {
    .name = "nil_return",
    .title = "Báo không có đăng ký",
    .fields = nil_fields,
    .choices = form_choices,
    .note = nil_form_note,
    .type = DH_R_NIL_RETURN,
    .write = nil_form_write,
    .defaults = nil_form_defaults,
    .check = nil_form_check,
    .saved = nil_form_saved,
    .free_user = form_state_free,
};

ui_form *sel_nil_form(ui_app *app, sel_screen *s, const char *department)
{
	dh_ctx *ctx = ui_ctx(app);
	nil_form *nf = form_state(sizeof(*nf), s, SEL_DEPT, NF_DEPARTMENT, -1);
	if (!nf)
		return NULL;
	nf->department = department;
	for (size_t i = 0; i < ctx->cfg->n_departments; i++) {
		const dh_department *d = &ctx->cfg->departments[i];
		if (wf_may_for(ctx, DH_ACT_NIL_RETURN, d->id) &&
		    ui_choices_add(&nf->head.choices[0], d->id, d->name)) {
			form_state_free(nf);
			return NULL;
		}
	}
	ui_form *f = ui_form_open(app, &nil_spec, NULL, nf);
	if (f)
		ui_form_focus(f, department ? NF_NOTE : NF_DEPARTMENT);
	return f;
}

/* --- the council's proposal ------------------------------------------------------- */

enum { PF_SESSION, PF_NUMBER, PF_DATE, PF_CANDIDATES, PF_NOTES, PF__COUNT };

static const ui_field prop_fields[] = {
    [PF_SESSION] = {"session", "Phiên họp", UI_F_CHOICE, 0, true, 0, 0, .bind = "session_id",
                    .invalid = "Chọn một phiên họp (Enter)"},
    [PF_NUMBER] = {"number", "Số tờ trình", UI_F_TEXT, SEL_LINE_BYTES, false, 0, 0, .bind = "number"},
    [PF_DATE] = {"date", "Ngày", UI_F_DATE, 0, true, 0, 0, .bind = "date"},
    [PF_CANDIDATES] = {"candidates", "Hồ sơ đề nghị", UI_F_CHECKS, SEL_CHECKS_BYTES, false, 0, 0,
                       .bind = "candidates"},
    [PF_NOTES] = {"notes", "Ghi chú", UI_F_LONG, SEL_LONG_BYTES, false, 0, 0, .bind = "notes"},
    {0},
};

/* One session of the year and the nominees the council passed in it. */
typedef struct prop_session {
	uint64_t id;
	ui_choices passed;
	bool proposed; /* another live proposal is from this session */
} prop_session;

typedef struct prop_form {
	sel_form head;          /* choices[0]: the sessions */
	uint64_t id;            /* the proposal edited, 0 for a new one */
	uint64_t fresh_session; /* a new one's session */
	prop_session *per;      /* parallel to the sessions */
	size_t n_per;
	ui_items others; /* the year's proposals, to tell which sessions have one */
} prop_form;

/* Another proposal already made from session SID, or NULL. */
static const dh_proposal *prop_of_session(const prop_form *pf, uint64_t sid)
{
	for (size_t i = pf->others.n; i-- > 0;) { /* the first made */
		const dh_proposal *p = pf->others.v[i];
		if (p->session_id == sid && p->meta.id != pf->id)
			return p;
	}
	return NULL;
}

/* Offer session SE: the nominees it passed (and, for the proposal being
 * edited, EDITING, the ones already on it), and its line in the picker. */
static int prop_add_session(dh_ctx *ctx, prop_form *pf, const dh_session *se, const dh_proposal *editing)
{
	uint64_t sid = se->meta.id;
	prop_session *ps = &pf->per[pf->n_per];
	ps->id = sid;
	dh_idlist ids = {0};
	int rc = wf_session_approved(ctx, sid, &ids);
	if (rc == 0 && sid == editing->session_id)
		for (size_t j = 0; rc == 0 && j < editing->candidates.n; j++)
			if (!idlist_has(&ids, editing->candidates.v[j]))
				rc = idlist_push(&ids, editing->candidates.v[j]);
	for (size_t j = 0; rc == 0 && j < ids.n; j++) {
		void *c = NULL;
		if (repo_get(ctx->store, DH_R_CANDIDATE, ids.v[j], &c) != 0)
			continue;
		const dh_candidate *cand = c;
		char label[400];
		bool approved = cand->stage == DH_STAGE_APPROVED && !cand->meta.deleted;
		snprintf(label, sizeof(label), "%s — %s%s%s%s", cand->name ? cand->name : "",
		         config_department_short(ctx->cfg, cand->department), approved ? "" : " (",
		         approved ? "" : stage_label(cand->stage), approved ? "" : ")");
		rc = ui_choices_add_id(&ps->passed, cand->meta.id, label);
		record_free(DH_R_CANDIDATE, c);
	}
	char day[11], label[400];
	const dh_proposal *made = prop_of_session(pf, sid);
	snprintf(label, sizeof(label), "%s: %zu hồ sơ được thông qua%s%s — %s", date_vn(se->date, day),
	         ps->passed.n, made ? ", đã có tờ trình " : "",
	         made ? (made->number ? made->number : "(chưa có số)") : "", se->title ? se->title : "");
	ps->proposed = made != NULL;
	if (rc == 0)
		rc = ui_choices_add_id(&pf->head.choices[0], sid, label);
	if (rc == 0)
		pf->n_per++;
	else
		ui_choices_free(&ps->passed);
	idlist_clear(&ids);
	free(ids.v);
	return rc;
}

/* The sessions of the year, newest first; the one of the proposal being
 * edited before them when it is of another year. */
static int prop_load_sessions(dh_ctx *ctx, prop_form *pf, const dh_proposal *editing)
{
	int year = ctx->cfg->plan.year;
	ui_items sessions = {.type = DH_R_SESSION};
	pf->others.type = DH_R_PROPOSAL;
	int rc = sel_records_read(&pf->others, ctx->store, year);
	if (rc == 0)
		rc = sel_records_read(&sessions, ctx->store, year);
	bool listed = false;
	for (size_t i = 0; i < sessions.n; i++)
		listed |= ((const dh_meta *)sessions.v[i])->id == editing->session_id;
	pf->per = calloc(sessions.n + 2, sizeof(*pf->per));
	if (!pf->per)
		rc = DH_ENOMEM;
	void *own = NULL;
	if (rc == 0 && editing->session_id && !listed &&
	    repo_get(ctx->store, DH_R_SESSION, editing->session_id, &own) == 0) {
		rc = prop_add_session(ctx, pf, own, editing);
		record_free(DH_R_SESSION, own);
	}
	for (size_t i = 0; rc == 0 && i < sessions.n; i++)
		rc = prop_add_session(ctx, pf, sessions.v[i], editing);
	ui_items_clear(&sessions);
	return rc;
}

static prop_session *prop_chosen(ui_form *f)
{
	prop_form *pf = f->user;
	uint64_t sid = sel_parse_id(ui_form_get(f, PF_SESSION));
	for (size_t i = 0; i < pf->n_per; i++)
		if (pf->per[i].id == sid)
			return &pf->per[i];
	return NULL;
}

static size_t prop_form_choices(ui_form *f, int field, const ui_choice **out)
{
	if (field != PF_CANDIDATES)
		return form_choices(f, field, out);
	prop_session *ps = prop_chosen(f);
	*out = ps ? ps->passed.v : NULL;
	return ps ? ps->passed.n : 0;
}

static const char *prop_form_note(ui_form *f, int field, char *buf, size_t size)
{
	prop_session *ps = prop_chosen(f);
	if (field == PF_SESSION) {
		const dh_proposal *made = ps ? prop_of_session(f->user, ps->id) : NULL;
		if (!made)
			return NULL;
		snprintf(buf, size, "⚠ Phiên họp này đã có tờ trình %s",
		         made->number ? made->number : "(chưa có số)");
		return buf;
	}
	if (field != PF_CANDIDATES)
		return NULL;
	if (!ps)
		return note_text(buf, size, "Chọn phiên họp trước");
	int ticked = 0;
	for (size_t i = 0; i < ps->passed.n; i++)
		ticked += ui_form_checked(f, field, ps->passed.v[i].value);
	if (!ticked)
		snprintf(buf, size, "Không đánh dấu: đưa cả %zu hồ sơ được thông qua", ps->passed.n);
	else
		snprintf(buf, size, "Đã chọn %d/%zu hồ sơ (Space: chọn / bỏ)", ticked, ps->passed.n);
	return buf;
}

static void prop_form_defaults(ui_form *f, void *rec)
{
	dh_proposal *p = rec;
	p->session_id = ((prop_form *)f->user)->fresh_session;
	p->date = today(f->base.ctx);
}

/* What the core says of the nominees as a whole goes beside their list. */
static int prop_form_write(dh_ctx *ctx, const void *rec, uint64_t *id)
{
	int rc = wf_proposal_save(ctx, rec, id);
	if ((rc == DH_EINVAL || rc == DH_ESTAGE) && !ctx->field[0])
		snprintf(ctx->field, sizeof(ctx->field), "%s", "candidates");
	return rc;
}

static void prop_form_free(void *user)
{
	prop_form *pf = user;
	for (size_t i = 0; i < pf->n_per; i++)
		ui_choices_free(&pf->per[i].passed);
	free(pf->per);
	ui_items_clear(&pf->others);
	form_state_free(pf);
}

static const ui_form_spec prop_spec = {
    .name = "proposal",
    .title = "Sửa tờ trình",
    .title_new = "Lập tờ trình đề nghị công nhận",
    .fields = prop_fields,
    .choices = prop_form_choices,
    .note = prop_form_note,
    .type = DH_R_PROPOSAL,
    .write = prop_form_write,
    .defaults = prop_form_defaults,
    .saved = form_saved,
    .free_user = prop_form_free,
};

ui_form *sel_proposal_form(ui_app *app, sel_screen *s, const dh_proposal *p)
{
	dh_ctx *ctx = ui_ctx(app);
	static const dh_proposal none;
	prop_form *pf = form_state(sizeof(*pf), s, SEL_PROP, PF_SESSION, -1);
	if (!pf)
		return NULL;
	pf->id = p ? p->meta.id : 0;
	int rc = ctx->store ? prop_load_sessions(ctx, pf, p ? p : &none) : 0;
	if (rc) {
		ui_error(app, "%s", dh_strerror(rc));
		prop_form_free(pf);
		return NULL;
	}
	if (!p) {
		/* The newest session that passed someone and has no proposal
		 * yet, else the newest that passed someone. */
		for (size_t i = 0; i < pf->n_per && !pf->fresh_session; i++)
			if (pf->per[i].passed.n && !pf->per[i].proposed)
				pf->fresh_session = pf->per[i].id;
		for (size_t i = 0; i < pf->n_per && !pf->fresh_session; i++)
			if (pf->per[i].passed.n)
				pf->fresh_session = pf->per[i].id;
		if (!pf->fresh_session) {
			ui_error(app, "Chưa có phiên họp nào năm %d có hồ sơ được Hội đồng thông qua.",
			         ctx->cfg->plan.year);
			prop_form_free(pf);
			return NULL;
		}
	}
	ui_form *f = ui_form_open(app, &prop_spec, p, pf);
	if (f)
		ui_form_focus(f, p ? PF_NUMBER : PF_SESSION);
	return f;
}

/* --- the recognition decision --------------------------------------------------- */

enum { DF_NUMBER, DF_DATE, DF_SIGNER, DF_CANDIDATES, DF__COUNT };

static const ui_field dec_fields[] = {
    [DF_NUMBER] = {"number", "Số quyết định", UI_F_TEXT, SEL_LINE_BYTES, true, 0, 0, .bind = "number"},
    [DF_DATE] = {"date", "Ngày quyết định", UI_F_DATE, 0, true, 0, 0, .bind = "date"},
    [DF_SIGNER] = {"signer", "Người ký", UI_F_CHOICE, 0, true, 0, 0, .bind = "signer"},
    [DF_CANDIDATES] = {"candidates", "Công nhận hồ sơ", UI_F_CHECKS, SEL_CHECKS_BYTES, true, 0, 0,
                       .bind = "candidates"},
    {0},
};

typedef struct dec_form {
	sel_form head; /* choices: the signers, the candidates approved and waiting for recognition */
	int held;
} dec_form;

static int dec_choice_collect(const void *rec, void *arg)
{
	ui_form *f = arg;
	dec_form *df = f->user;
	const dh_candidate *c = rec;
	const dh_config *cfg = f->base.ctx->cfg;
	if (c->meta.deleted || c->stage != DH_STAGE_APPROVED)
		return 0;
	char label[500], year[16] = "";
	if (c->year != cfg->plan.year)
		snprintf(year, sizeof(year), " (năm %d)", c->year);
	snprintf(label, sizeof(label), "%s%s%s — %s", c->on_hold ? "⚠ tạm dừng xét: " : "",
	         c->name ? c->name : "", year, config_department_short(cfg, c->department));
	df->held += c->on_hold;
	return ui_choices_add_id(&df->head.choices[1], c->meta.id, label) ? -1 : 0;
}

static const char *dec_form_note(ui_form *f, int field, char *buf, size_t size)
{
	dec_form *df = f->user;
	if (field != DF_CANDIDATES)
		return field == DF_NUMBER ? note_text(buf, size, "Ví dụ: 15/QĐ-TTr") : NULL;
	int ticked = 0;
	for (size_t i = 0; i < df->head.choices[1].n; i++)
		ticked += ui_form_checked(f, field, df->head.choices[1].v[i].value);
	int o = snprintf(buf, size, "Đã chọn %d/%zu hồ sơ (Space)", ticked, df->head.choices[1].n);
	if (df->held && o > 0 && (size_t)o < size)
		snprintf(buf + o, size - (size_t)o, " · %d đang tạm dừng xét", df->held);
	return buf;
}

/* A ticked candidate on hold: his name on the message line, the reason
 * beside the list (the workflow's sentence holds both, too long for a
 * line). */
static bool held_ticked(ui_form *f, dec_form *df, dh_ctx *ctx)
{
	for (size_t i = 0; i < df->head.choices[1].n; i++) {
		if (!ui_form_checked(f, DF_CANDIDATES, df->head.choices[1].v[i].value))
			continue;
		void *rec = NULL;
		if (repo_get(ctx->store, DH_R_CANDIDATE, sel_parse_id(df->head.choices[1].v[i].value),
		             &rec) != 0)
			continue;
		const dh_candidate *c = rec;
		bool held = c->on_hold;
		if (held) {
			snprintf(ctx->message, sizeof(ctx->message), "«%s» đang bị tạm dừng xét.",
			         c->name ? c->name : "");
			ui_form_error(f, DF_CANDIDATES, "Bỏ chọn — tạm dừng: %s",
			              c->hold_reason ? c->hold_reason : "không rõ lý do");
		}
		record_free(DH_R_CANDIDATE, rec);
		if (held)
			return true;
	}
	return false;
}

static bool any_error(const ui_form *f)
{
	for (int i = 0; i < f->n_fields; i++)
		if (f->values[i].error[0])
			return true;
	return false;
}

/* Who signs: the Chief Inspector, else the first who may (a deputy
 * signing for them); today. */
static void dec_form_defaults(ui_form *f, void *rec)
{
	dec_form *df = f->user;
	const dh_ctx *ctx = f->base.ctx;
	dh_decision *d = rec;
	d->year = ctx->cfg->plan.year;
	d->type = DH_DEC_RECOGNITION;
	d->date = today(ctx);
	const char *signer = ctx->login;
	if (!ctx->person || !(ctx->roles & (DH_ROLE_CHIEF | DH_ROLE_LEADER)))
		signer = df->head.choices[0].n ? df->head.choices[0].v[0].value : "";
	record_set_str(&d->signer, signer);
}

/* A held candidate is refused before the write, when the rest is right. */
static int dec_form_check(ui_form *f, void *rec)
{
	const dh_decision *d = rec;
	int rc = 0;
	if (!d->signer || !config_person(f->base.ctx->cfg, d->signer)) {
		ui_form_error(f, DF_SIGNER, "Chọn người ký (Enter)");
		rc = DH_EINVAL;
	}
	if (d->candidates.n == 0) {
		ui_form_error(f, DF_CANDIDATES, "Đánh dấu (Space) ít nhất một hồ sơ");
		rc = DH_EINVAL;
	}
	if (rc || any_error(f))
		return rc;
	return held_ticked(f, f->user, f->base.ctx) ? DH_EHOLD : 0;
}

/* What the core says of the nominees goes beside their list. */
static int dec_form_write(dh_ctx *ctx, const void *rec, uint64_t *id)
{
	int rc = wf_recognise(ctx, rec, id);
	if ((rc == DH_EHOLD || rc == DH_ESTAGE) && !ctx->field[0])
		snprintf(ctx->field, sizeof(ctx->field), "%s", "candidates");
	return rc;
}

static const ui_form_spec dec_spec = {
    .name = "recognition",
    .title = "Quyết định công nhận",
    .fields = dec_fields,
    .choices = form_choices,
    .note = dec_form_note,
    .type = DH_R_DECISION,
    .write = dec_form_write,
    .defaults = dec_form_defaults,
    .check = dec_form_check,
    .saved = form_saved,
    .free_user = form_state_free,
};

ui_form *sel_decision_form(ui_app *app, sel_screen *s, const dh_idlist *ticked)
{
	dh_ctx *ctx = ui_ctx(app);
	const dh_config *cfg = ctx->cfg;
	dec_form *df = form_state(sizeof(*df), s, SEL_DEC, DF_SIGNER, DF_CANDIDATES);
	if (!df)
		return NULL;
	/* Who signs: the Chief Inspector, or a deputy signing for them. */
	for (size_t i = 0; i < cfg->n_people; i++) {
		const dh_person *p = &cfg->people[i];
		if (!(p->roles & (DH_ROLE_CHIEF | DH_ROLE_LEADER)))
			continue;
		char label[300];
		snprintf(label, sizeof(label), "%s — %s", p->name, p->position ? p->position : "");
		if (ui_choices_add(&df->head.choices[0], p->login, label)) {
			form_state_free(df);
			return NULL;
		}
	}
	ui_form *f = ui_form_open(app, &dec_spec, NULL, df);
	if (!f)
		return NULL;
	if (ctx->store && repo_each(ctx->store, DH_R_CANDIDATE, dec_choice_collect, f) != 0) {
		ui_error(app, "%s", dh_strerror(DH_ENOMEM));
		f->base.ops->destroy(&f->base);
		return NULL;
	}
	if (df->head.choices[1].n == 0) {
		ui_error(app, "Không có hồ sơ nào được Hội đồng đề nghị đang chờ quyết định công nhận.");
		f->base.ops->destroy(&f->base);
		return NULL;
	}
	/* From a proposal: its nominees first, ticked. */
	if (ticked) {
		size_t k = 0;
		for (size_t i = 0; i < df->head.choices[1].n; i++)
			if (idlist_has(ticked, sel_parse_id(df->head.choices[1].v[i].value))) {
				ui_choice c = df->head.choices[1].v[i];
				memmove(&df->head.choices[1].v[k + 1], &df->head.choices[1].v[k],
				        (i - k) * sizeof(c));
				df->head.choices[1].v[k++] = c;
			}
	}
	ticks_set(f, DF_CANDIDATES, ticked, &df->head.choices[1]);
	ui_form_focus(f, DF_NUMBER);
	return f;
}

/* --- drafts ------------------------------------------------------------------------------ */

bool ui_selection_restore(ui_app *app, const dh_draft *d)
{
	dh_ctx *ctx = ui_ctx(app);
	ui_form *f = NULL;
	if (!d->form)
		return false;
	if (strcmp(d->form, "registration") == 0) {
		f = sel_registration_form(app, NULL);
	} else if (strcmp(d->form, "nil_return") == 0) {
		f = sel_nil_form(app, NULL, NULL);
	} else if (strcmp(d->form, "recognition") == 0) {
		f = sel_decision_form(app, NULL, NULL);
	} else if (strcmp(d->form, "proposal") == 0) {
		void *rec = NULL;
		if (d->target_id && repo_get(ctx->store, DH_R_PROPOSAL, d->target_id, &rec) != 0)
			return false;
		f = sel_proposal_form(app, NULL, rec);
		if (rec)
			record_free(DH_R_PROPOSAL, rec);
	} else if (sel_reason_kind(d->form) >= 0) {
		f = sel_reason_form(app, sel_reason_kind(d->form), d->target_id);
	} else {
		/* Not ours: perhaps the council sessions' (pushed from here). */
		return ui_council_restore(app, d);
	}
	/* Saving checks against the revision the typing started from. */
	return ui_form_restore(app, f, d, false);
}
