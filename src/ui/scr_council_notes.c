/* scr_council_notes.c — the one-line reasons and notes a council session
 * keeps for the minutes: why a closed result or session is reopened, why
 * an item is closed with fewer votes than voters, why a member does not
 * vote on an item, what an absent member wrote. One form of one field,
 * described by a table; each kind says only its words and its write.
 * Closing an item is here too, since it may end in one of these forms. */
#include "scr_council_internal.h"

#include "dienhinh/error.h"
#include "dienhinh/record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct note_form {
	int kind;    /* UI_COUNCIL_NOTE_* */
	uint64_t id; /* the vote item, or the session */
	char login[64];
	char what[200];
	ui_council_closed_fn *closed; /* CLOSE: told once it closed */
	ui_view *closed_view;
} note_form;

typedef struct note_kind {
	const char *name; /* of the form, in a draft */
	const char *title;
	ui_field field;
	const char *before, *after; /* the field's note, around WHAT */
	int target_type;
	int (*write)(dh_ctx *ctx, const note_form *nf, const char *text);
} note_kind;

static int write_recusal(dh_ctx *ctx, const note_form *nf, const char *text)
{
	return wf_item_recuse_why(ctx, nf->id, nf->login, text);
}

static int write_opinion(dh_ctx *ctx, const note_form *nf, const char *text)
{
	return wf_written_opinion(ctx, nf->id, nf->login, text);
}

static int write_reopen_item(dh_ctx *ctx, const note_form *nf, const char *text)
{
	return wf_item_reopen(ctx, nf->id, text);
}

static int write_reopen_session(dh_ctx *ctx, const note_form *nf, const char *text)
{
	return wf_session_reopen(ctx, nf->id, text);
}

static int write_close(dh_ctx *ctx, const note_form *nf, const char *text)
{
	int rc = wf_item_close_why(ctx, nf->id, text);
	if (rc == 0 && nf->closed)
		nf->closed(nf->closed_view, nf->id);
	return rc;
}

static const note_kind note_kinds[] = {
    [UI_COUNCIL_NOTE_RECUSAL] = {"council_recusal",
                                 "Lý do không tham gia biểu quyết",
                                 {"reason", "Lý do", UI_F_TEXT, 500, true, 0, 0},
                                 "Vì sao ",
                                 " không tham gia biểu quyết (vào biên bản)",
                                 DH_R_VOTE_ITEM,
                                 write_recusal},
    [UI_COUNCIL_NOTE_OPINION] = {"council_opinion",
                                 "Ý kiến bằng văn bản",
                                 {"text", "Ý kiến", UI_F_LONG, 4000, true, 0, 0},
                                 "Nội dung ý kiến bằng văn bản của ",
                                 " (vào biên bản)",
                                 DH_R_SESSION,
                                 write_opinion},
    [UI_COUNCIL_NOTE_REOPEN_ITEM] = {"council_reopen",
                                     "Mở lại kết quả bình xét",
                                     {"reason", "Lý do mở lại", UI_F_TEXT, 500, true, 0, 0},
                                     "Đính chính, có lưu vết: «",
                                     "»",
                                     DH_R_VOTE_ITEM,
                                     write_reopen_item},
    [UI_COUNCIL_NOTE_REOPEN_SESSION] = {"council_reopen",
                                        "Mở lại phiên họp",
                                        {"reason", "Lý do mở lại", UI_F_TEXT, 500, true, 0, 0},
                                        "Đính chính, có lưu vết: «",
                                        "»",
                                        DH_R_SESSION,
                                        write_reopen_session},
    [UI_COUNCIL_NOTE_CLOSE] = {"council_close",
                               "Chốt kết quả: lý do số phiếu",
                               {"count_reason", "Lý do", UI_F_TEXT, 500, true, 0, 0},
                               "Số phiếu khác số thành viên được biểu quyết, vào biên bản: «",
                               "»",
                               DH_R_VOTE_ITEM,
                               write_close},
};
#define NOTE_KINDS (int)(sizeof(note_kinds) / sizeof(note_kinds[0]))

static const char *note_note(ui_form *f, int field, char *buf, size_t size)
{
	const note_form *nf = f->user;
	const note_kind *k = &note_kinds[nf->kind];
	if (field != 0)
		return NULL;
	snprintf(buf, size, "%s%s%s", k->before, nf->what, k->after);
	return buf;
}

/* The field is required: the widget says so when it is empty. */
static int note_save(ui_form *f)
{
	const note_form *nf = f->user;
	const char *text = ui_form_text(f, 0);
	if (!text)
		return DH_EINVAL;
	return note_kinds[nf->kind].write(f->base.ctx, nf, text);
}

static void note_target(ui_form *f, int *type, uint64_t *id, uint32_t *rev)
{
	const note_form *nf = f->user;
	*type = note_kinds[nf->kind].target_type;
	*id = nf->id;
	*rev = 0;
}

static void note_destroy(ui_form *f)
{
	free(f->user);
}

/* Every kind's form: its own field and words, the same callbacks. */
static const ui_form_spec *note_spec(int kind)
{
	static ui_form_spec specs[NOTE_KINDS];
	ui_form_spec *s = &specs[kind];
	if (!s->name)
		*s = (ui_form_spec){
		    .name = note_kinds[kind].name,
		    .title = note_kinds[kind].title,
		    .fields = &note_kinds[kind].field,
		    .n_fields = 1,
		    .note = note_note,
		    .save = note_save,
		    .target = note_target,
		    .destroy = note_destroy,
		};
	return s;
}

static ui_form *note_open(ui_app *app, note_form *nf, const char *current)
{
	ui_form *f =
	    nf->kind >= 0 && nf->kind < NOTE_KINDS ? ui_form_new(app, note_spec(nf->kind), nf) : NULL;
	if (!f) {
		free(nf);
		return NULL;
	}
	if (current)
		ui_form_set(f, 0, current);
	ui_form_focus(f, 0);
	return f;
}

static note_form *note_new(int kind, uint64_t id, const char *what)
{
	note_form *nf = calloc(1, sizeof(*nf));
	if (!nf)
		return NULL;
	nf->kind = kind;
	nf->id = id;
	snprintf(nf->what, sizeof(nf->what), "%s", what ? what : "");
	return nf;
}

ui_form *ui_council_note_form(ui_app *app, int kind, uint64_t id, const char *login, const char *what,
                              const char *current)
{
	note_form *nf = note_new(kind, id, what);
	if (!nf)
		return NULL;
	snprintf(nf->login, sizeof(nf->login), "%s", login ? login : "");
	return note_open(app, nf, current);
}

ui_form *ui_council_close_form(ui_app *app, uint64_t item_id, const char *what, ui_council_closed_fn *closed,
                               ui_view *v)
{
	note_form *nf = note_new(UI_COUNCIL_NOTE_CLOSE, item_id, what);
	if (!nf)
		return NULL;
	nf->closed = closed;
	nf->closed_view = v;
	return note_open(app, nf, NULL);
}

unsigned ui_council_close_now(ui_view *v, ui_council_item *ci, ui_council_closed_fn *closed, bool *closed_now)
{
	char q[400];
	*closed_now = false;
	const char *name = ui_council_cand_name(ci);
	ui_council_close_kind k = ui_council_close_check(ci, name, q, sizeof(q));
	if (k == UI_CLOSE_EMPTY || k == UI_CLOSE_OVER) {
		ui_error(v->app, "%s", q);
		return UI_R_DRAW;
	}
	if (!ui_confirm(v->app, q))
		return UI_R_DRAW;
	if (k == UI_CLOSE_SHORT) {
		ui_form *f = ui_council_close_form(v->app, ci->item->meta.id, name, closed, v);
		if (f)
			ui_push(v->app, &f->base);
		return UI_R_DRAW;
	}
	v->ctx->message[0] = '\0';
	int rc = wf_item_close(v->ctx, ci->item->meta.id);
	if (rc) {
		ui_council_say_failed(v, "Chưa chốt", rc);
		return UI_R_DRAW;
	}
	*closed_now = true;
	return UI_R_RELOAD | UI_R_DRAW;
}

void ui_council_reopen(ui_app *app, const dh_session *s, const ui_council_item *ci)
{
	ui_form *f = NULL;
	if (s->closed)
		f = ui_council_note_form(app, UI_COUNCIL_NOTE_REOPEN_SESSION, s->meta.id, NULL,
		                         s->title ? s->title : "", NULL);
	else if (ci)
		f = ui_council_note_form(app, UI_COUNCIL_NOTE_REOPEN_ITEM, ci->item->meta.id, NULL,
		                         ui_council_cand_name(ci), NULL);
	ui_form_push(app, f);
}
