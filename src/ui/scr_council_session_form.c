/* scr_council_session_form.c — a council session's date, title and
 * notes: the form that makes a new session (its method from the config)
 * and edits one while it is open. Bound to the session record: the
 * widget loads, saves through wf_session_save and rereads. */
#include "scr_council_internal.h"

#include "dienhinh/error.h"

#include <stdio.h>
#include <stdlib.h>

enum { SF_DATE, SF_TITLE, SF_NOTES, SF__COUNT };

static const ui_field session_fields[] = {
    [SF_DATE] = {"date", "Ngày họp", UI_F_DATE, 0, true, 0, 0, .bind = "date"},
    [SF_TITLE] = {"title", "Tên phiên họp", UI_F_TEXT, 500, false, 0, 0, .bind = "title"},
    [SF_NOTES] = {"notes", "Ghi chú", UI_F_LONG, 20000, false, 0, 0, .bind = "notes"},
    {0},
};

typedef struct session_form {
	ui_list *list; /* put on the session once saved; may be NULL */
} session_form;

static const char *session_form_note(ui_form *f, int field, char *buf, size_t size)
{
	const dh_session *s = f->rec;
	if (field == SF_DATE) {
		int method = s->meta.id ? s->method : (int)f->base.ctx->cfg->council.method;
		snprintf(buf, size, "Hình thức: %s (theo cấu hình)", ui_council_method_words(method));
		return buf;
	}
	if (field == SF_TITLE && !s->meta.id) {
		snprintf(buf, size, "Để trống: “Phiên họp Hội đồng ngày …”");
		return buf;
	}
	return NULL;
}

/* A new session is held today, in the plan year, as the config votes. */
static void session_form_defaults(ui_form *f, void *rec)
{
	dh_session *s = rec;
	dh_ctx *ctx = f->base.ctx;
	s->date = ctx->today;
	s->year = ctx->cfg->plan.year;
	s->method = ctx->cfg->council.method;
}

static int session_form_check(ui_form *f, void *rec)
{
	dh_session *s = rec;
	if (!s->year)
		s->year = f->base.ctx->cfg->plan.year;
	return 0;
}

static int session_form_write(dh_ctx *ctx, const void *rec, uint64_t *id)
{
	return wf_session_save(ctx, rec, id);
}

static void session_form_saved(ui_form *f, const void *rec)
{
	const session_form *sf = f->user;
	if (!sf->list)
		return;
	ui_list_reload(sf->list);
	ui_list_select(sf->list, ((const dh_session *)rec)->meta.id);
}

static const ui_form_spec session_spec = {
    .name = "council_session",
    .title = "Phiên họp Hội đồng",
    .title_new = "Lập phiên họp Hội đồng",
    .fields = session_fields,
    .note = session_form_note,
    .type = DH_R_SESSION,
    .write = session_form_write,
    .defaults = session_form_defaults,
    .check = session_form_check,
    .saved = session_form_saved,
};

ui_form *ui_council_session_form(ui_app *app, ui_list *list, const dh_session *s)
{
	session_form *sf = calloc(1, sizeof(*sf));
	if (!sf)
		return NULL;
	sf->list = list;
	ui_form *f = ui_form_open(app, &session_spec, s, sf);
	if (!f)
		return NULL;
	f->readonly = !wf_may(f->base.ctx, DH_ACT_MANAGE_SESSION) || !ui_council_session_live(f->rec);
	ui_form_focus(f, s ? SF_TITLE : SF_DATE);
	return f;
}
