/* scr_council_notes.c — the two notes a council session keeps per
 * member for the minutes: why a member does not vote on an item, and
 * what an absent member wrote. One form of one field each. */
#include "dienhinh/ui_council.h"

#include "dienhinh/error.h"
#include "dienhinh/ui_form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { NF_TEXT, NF__COUNT };

static const ui_field recusal_fields[NF__COUNT] = {
    [NF_TEXT] = {"reason", "Lý do", UI_F_TEXT, 500, true, 0, 0},
};
static const ui_field opinion_fields[NF__COUNT] = {
    [NF_TEXT] = {"text", "Ý kiến", UI_F_LONG, 4000, true, 0, 0},
};

typedef struct note_form {
	int kind; /* UI_COUNCIL_NOTE_* */
	uint64_t id; /* the vote item, or the session */
	char login[64];
	char who[160];
} note_form;

static const char *note_note(ui_form *f, int field, char *buf, size_t size)
{
	note_form *nf = f->user;
	if (field != NF_TEXT)
		return NULL;
	if (nf->kind == UI_COUNCIL_NOTE_RECUSAL)
		snprintf(buf, size, "Vì sao %s không tham gia biểu quyết (vào biên bản)", nf->who);
	else
		snprintf(buf, size, "Nội dung ý kiến bằng văn bản của %s (vào biên bản)", nf->who);
	return buf;
}

static int note_save(ui_form *f)
{
	note_form *nf = f->user;
	const char *text = ui_form_text(f, NF_TEXT);
	if (!text)
		return DH_EINVAL;
	if (!*text) {
		ui_form_error(f, NF_TEXT, "Cần ghi nội dung.");
		return DH_EINVAL;
	}
	if (nf->kind == UI_COUNCIL_NOTE_RECUSAL)
		return wf_item_recuse_why(f->base.ctx, nf->id, nf->login, text);
	return wf_written_opinion(f->base.ctx, nf->id, nf->login, text);
}

static void note_target(ui_form *f, int *type, uint64_t *id, uint32_t *rev)
{
	note_form *nf = f->user;
	*type = nf->kind == UI_COUNCIL_NOTE_RECUSAL ? DH_R_VOTE_ITEM : DH_R_SESSION;
	*id = nf->id;
	*rev = 0;
}

static void note_destroy(ui_form *f)
{
	free(f->user);
}

static const ui_form_spec recusal_spec = {
    .name = "council_recusal",
    .title = "Lý do không tham gia biểu quyết",
    .fields = recusal_fields,
    .n_fields = NF__COUNT,
    .note = note_note,
    .save = note_save,
    .target = note_target,
    .destroy = note_destroy,
};

static const ui_form_spec opinion_spec = {
    .name = "council_opinion",
    .title = "Ý kiến bằng văn bản",
    .fields = opinion_fields,
    .n_fields = NF__COUNT,
    .note = note_note,
    .save = note_save,
    .target = note_target,
    .destroy = note_destroy,
};

ui_form *ui_council_note_form(ui_app *app, int kind, uint64_t id, const char *login, const char *who,
                              const char *current)
{
	note_form *nf = calloc(1, sizeof(*nf));
	if (!nf)
		return NULL;
	nf->kind = kind;
	nf->id = id;
	snprintf(nf->login, sizeof(nf->login), "%s", login ? login : "");
	snprintf(nf->who, sizeof(nf->who), "%s", who ? who : "");
	ui_form *f = ui_form_new(app, kind == UI_COUNCIL_NOTE_RECUSAL ? &recusal_spec : &opinion_spec, nf);
	if (!f) {
		free(nf);
		return NULL;
	}
	if (current)
		ui_form_set(f, NF_TEXT, current);
	ui_form_focus(f, NF_TEXT);
	return f;
}
