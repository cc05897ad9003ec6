/* scr_council_session_form.c — a council session's date, title and
 * notes: the form that makes a new session (its method from the config)
 * and edits one while it is open. */
#include "scr_council_internal.h"

#include "dienhinh/date.h"
#include "dienhinh/error.h"
#include "dienhinh/record.h"
#include "dienhinh/repo.h"

#include <stdio.h>
#include <stdlib.h>

enum { SF_DATE, SF_TITLE, SF_NOTES, SF__COUNT };

static const ui_field session_fields[SF__COUNT] = {
    [SF_DATE] = {"date", "Ngày họp", UI_F_DATE, 0, true, 0, 0},
    [SF_TITLE] = {"title", "Tên phiên họp", UI_F_TEXT, 500, false, 0, 0},
    [SF_NOTES] = {"notes", "Ghi chú", UI_F_LONG, 20000, false, 0, 0},
};

typedef struct session_form {
	ui_list *list; /* reloaded onto the session once saved; may be NULL */
	dh_session *rec;
} session_form;

static const char *session_form_note(ui_form *f, int field, char *buf, size_t size)
{
	session_form *sf = f->user;
	if (field == SF_DATE) {
		int method = sf->rec->meta.id ? sf->rec->method : (int)f->base.ctx->cfg->council.method;
		snprintf(buf, size, "Hình thức: %s (theo cấu hình)", ui_council_method_words(method));
		return buf;
	}
	if (field == SF_TITLE && !sf->rec->meta.id) {
		snprintf(buf, size, "Để trống: “Phiên họp Hội đồng ngày …”");
		return buf;
	}
	return NULL;
}

static void session_form_load(ui_form *f, const dh_session *s)
{
	char day[11];
	ui_form_set(f, SF_DATE, date_vn(s->date, day));
	ui_form_set(f, SF_TITLE, s->title);
	ui_form_set(f, SF_NOTES, s->notes);
	ui_form_mark_clean(f);
}

static int session_form_save(ui_form *f)
{
	session_form *sf = f->user;
	dh_session *s = record_dup(DH_R_SESSION, sf->rec);
	if (!s)
		return DH_ENOMEM;
	int date = 0;
	int bad = ui_form_date(f, SF_DATE, &date) != 0;
	const char *title = ui_form_text(f, SF_TITLE);
	const char *notes = ui_form_text(f, SF_NOTES);
	bad |= !title || !notes;
	if (bad) {
		record_free(DH_R_SESSION, s);
		return DH_EINVAL;
	}
	s->date = date;
	if (!s->year)
		s->year = f->base.ctx->cfg->plan.year;
	int rc = record_set_str(&s->title, title) | record_set_str(&s->notes, notes);
	uint64_t id = 0;
	if (rc == 0)
		rc = wf_session_save(f->base.ctx, s, &id);
	if (rc) {
		record_free(DH_R_SESSION, s);
		return rc;
	}
	if (!s->meta.id)
		s->meta.id = id;
	record_free(DH_R_SESSION, sf->rec);
	sf->rec = s;
	if (sf->list) {
		ui_list_reload(sf->list);
		ui_list_select(sf->list, id ? id : s->meta.id);
	}
	return 0;
}

static int session_form_reread(ui_form *f)
{
	session_form *sf = f->user;
	void *rec = NULL;
	int rc = repo_get(f->base.ctx->store, DH_R_SESSION, sf->rec->meta.id, &rec);
	if (rc)
		return rc;
	record_free(DH_R_SESSION, sf->rec);
	sf->rec = rec;
	session_form_load(f, sf->rec);
	return 0;
}

static void session_form_target(ui_form *f, int *type, uint64_t *id, uint32_t *rev)
{
	session_form *sf = f->user;
	*type = DH_R_SESSION;
	*id = sf->rec->meta.id;
	*rev = sf->rec->meta.rev;
}

static void session_form_destroy(ui_form *f)
{
	session_form *sf = f->user;
	if (!sf)
		return;
	record_free(DH_R_SESSION, sf->rec);
	free(sf);
}

static const ui_form_spec session_new_spec = {
    .name = "council_session",
    .title = "Lập phiên họp Hội đồng",
    .fields = session_fields,
    .n_fields = SF__COUNT,
    .note = session_form_note,
    .save = session_form_save,
    .reread = session_form_reread,
    .target = session_form_target,
    .destroy = session_form_destroy,
};
static const ui_form_spec session_edit_spec = {
    .name = "council_session",
    .title = "Phiên họp Hội đồng",
    .fields = session_fields,
    .n_fields = SF__COUNT,
    .note = session_form_note,
    .save = session_form_save,
    .reread = session_form_reread,
    .target = session_form_target,
    .destroy = session_form_destroy,
};

ui_form *ui_council_session_form(ui_app *app, ui_list *list, const dh_session *s)
{
	dh_ctx *ctx = ui_ctx(app);
	session_form *sf = calloc(1, sizeof(*sf));
	if (!sf)
		return NULL;
	sf->list = list;
	sf->rec = s ? record_dup(DH_R_SESSION, s) : record_new(DH_R_SESSION);
	ui_form *f = sf->rec ? ui_form_new(app, s ? &session_edit_spec : &session_new_spec, sf) : NULL;
	if (!f) {
		if (sf->rec)
			record_free(DH_R_SESSION, sf->rec);
		free(sf);
		return NULL;
	}
	if (!s) {
		sf->rec->date = ctx->today;
		sf->rec->year = ctx->cfg->plan.year;
		sf->rec->method = ctx->cfg->council.method;
	}
	session_form_load(f, sf->rec);
	f->readonly = !wf_may(ctx, DH_ACT_MANAGE_SESSION) || !ui_council_session_live(sf->rec);
	ui_form_focus(f, s ? SF_TITLE : SF_DATE);
	return f;
}

void ui_council_session_form_rev(ui_form *f, uint32_t rev)
{
	session_form *sf = f->user;
	sf->rec->meta.rev = rev;
}
