/* scr_awards_followup.c — the follow-up of a recognised record toward the
 * provincial level (aims_provincial, notes), on screen 4. */
#include "scr_awards_internal.h"

#include "dienhinh/repo.h"

enum { FU_PROVINCIAL, FU_NOTES, FU__COUNT };

static const ui_field aw_fu_fields[FU__COUNT] = {
    [FU_PROVINCIAL] = {"aims_provincial", "Hướng tới cấp tỉnh", UI_F_BOOL, 0, false, 0, 0,
                       .bind = "aims_provincial"},
    [FU_NOTES] = {"followup_notes", "Theo dõi tiếp", UI_F_LONG, 20000, false, 0, 0, .bind = "followup_notes"},
};

/* Which record: its name, year and department under the box. */
static const char *aw_fu_note(ui_form *f, int field, char *buf, size_t size)
{
	if (field != FU_PROVINCIAL)
		return NULL;
	aw_candidate_label(f->base.ctx->cfg, f->rec, buf, size);
	return buf;
}

static int aw_fu_write(dh_ctx *ctx, const void *rec, uint64_t *id)
{
	return wf_candidate_save(ctx, rec, id);
}

static const ui_form_record aw_fu_record = {.type = DH_R_CANDIDATE, .write = aw_fu_write};

static const ui_form_spec aw_fu_spec = {
    .name = "followup",
    .title = "Theo dõi hướng tới cấp tỉnh",
    .fields = aw_fu_fields,
    .n_fields = FU__COUNT,
    .note = aw_fu_note,
    .record = &aw_fu_record,
};

ui_form *aw_followup_form_open(ui_app *app, const dh_candidate *c)
{
	ui_form *f = ui_form_open(app, &aw_fu_spec, c, NULL);
	if (!f)
		return NULL;
	f->readonly = !wf_candidate_may(ui_ctx(app), DH_ACT_EDIT, c);
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
	return f;
}
