/* scr_awards_followup.c — the follow-up of a recognised record toward the
 * provincial level (aims_provincial, notes), on screen 4. */
#include "scr_awards_internal.h"

#include "dienhinh/error.h"
#include "dienhinh/repo.h"

#include <stdio.h>
#include <stdlib.h>

enum { FU_PROVINCIAL, FU_NOTES, FU__COUNT };

static const ui_field aw_fu_fields[FU__COUNT] = {
    [FU_PROVINCIAL] = {"aims_provincial", "Hướng tới cấp tỉnh", UI_F_BOOL, 0, false, 0, 0},
    [FU_NOTES] = {"followup_notes", "Theo dõi tiếp", UI_F_LONG, 20000, false, 0, 0},
};

typedef struct aw_fu_form {
	dh_candidate *rec; /* as loaded: its rev is what we save over */
} aw_fu_form;

static const char *aw_fu_note(ui_form *f, int field, char *buf, size_t size)
{
	aw_fu_form *ff = f->user;
	if (field != FU_PROVINCIAL)
		return NULL;
	aw_candidate_label(f->base.ctx->cfg, ff->rec, buf, size);
	return buf;
}

static void aw_fu_load(ui_form *f)
{
	aw_fu_form *ff = f->user;
	ui_form_set(f, FU_PROVINCIAL, ff->rec->aims_provincial ? "1" : "");
	ui_form_set(f, FU_NOTES, ff->rec->followup_notes);
	ui_form_mark_clean(f);
}

static int aw_fu_save(ui_form *f)
{
	aw_fu_form *ff = f->user;
	const char *notes = ui_form_text(f, FU_NOTES);
	if (!notes)
		return DH_EINVAL;
	dh_candidate *c = record_dup(DH_R_CANDIDATE, ff->rec);
	if (!c)
		return DH_ENOMEM;
	c->aims_provincial = *ui_form_get(f, FU_PROVINCIAL) != '\0';
	int rc = record_set_str(&c->followup_notes, notes);
	if (rc == 0)
		rc = wf_candidate_save(f->base.ctx, c, NULL);
	if (rc) {
		record_free(DH_R_CANDIDATE, c);
		return rc;
	}
	record_free(DH_R_CANDIDATE, ff->rec);
	ff->rec = c;
	return 0;
}

static int aw_fu_reread(ui_form *f)
{
	aw_fu_form *ff = f->user;
	void *rec = NULL;
	int rc = repo_get(f->base.ctx->store, DH_R_CANDIDATE, ff->rec->meta.id, &rec);
	if (rc)
		return rc;
	record_free(DH_R_CANDIDATE, ff->rec);
	ff->rec = rec;
	aw_fu_load(f);
	return 0;
}

static void aw_fu_target(ui_form *f, int *type, uint64_t *id, uint32_t *rev)
{
	aw_fu_form *ff = f->user;
	*type = DH_R_CANDIDATE;
	*id = ff->rec->meta.id;
	*rev = ff->rec->meta.rev;
}

static void aw_fu_destroy(ui_form *f)
{
	aw_fu_form *ff = f->user;
	if (!ff)
		return;
	record_free(DH_R_CANDIDATE, ff->rec);
	free(ff);
}

static const ui_form_spec aw_fu_spec = {
    .name = "followup",
    .title = "Theo dõi hướng tới cấp tỉnh",
    .fields = aw_fu_fields,
    .n_fields = FU__COUNT,
    .note = aw_fu_note,
    .save = aw_fu_save,
    .reread = aw_fu_reread,
    .target = aw_fu_target,
    .destroy = aw_fu_destroy,
};

ui_form *aw_followup_form_open(ui_app *app, const dh_candidate *c)
{
	dh_ctx *ctx = ui_ctx(app);
	aw_fu_form *ff = calloc(1, sizeof(*ff));
	if (!ff)
		return NULL;
	ff->rec = record_dup(DH_R_CANDIDATE, c);
	ui_form *f = ff->rec ? ui_form_new(app, &aw_fu_spec, ff) : NULL;
	if (!f) {
		aw_fu_destroy(&(ui_form){.user = ff});
		return NULL;
	}
	aw_fu_load(f);
	f->readonly = !wf_candidate_may(ctx, DH_ACT_EDIT, c);
	ui_form_focus(f, FU_PROVINCIAL);
	return f;
}

ui_form *aw_followup_form_restore(ui_app *app, const dh_draft *d)
{
	void *rec = NULL;
	if (repo_get(ui_ctx(app)->store, DH_R_CANDIDATE, d->target_id, &rec) != 0)
		return NULL;
	ui_form *f = aw_followup_form_open(app, rec);
	record_free(DH_R_CANDIDATE, rec);
	if (f)
		((aw_fu_form *)f->user)->rec->meta.rev = d->target_rev;
	return f;
}
