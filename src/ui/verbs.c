/* verbs.c — the shared wording of refusals, failures and deletions. */
#include "dienhinh/ui_verbs.h"

#include "dienhinh/error.h"
#include "dienhinh/workflow.h"

static const char *why(const dh_ctx *ctx, int rc)
{
	return ctx->message[0] ? ctx->message : dh_strerror(rc);
}

bool ui_refused(ui_app *app, int rc)
{
	if (rc == 0)
		return false;
	ui_error(app, "%s", why(ui_ctx(app), rc));
	return true;
}

void ui_failed(ui_app *app, const char *prefix, int rc)
{
	ui_error(app, "%s: %s", prefix, why(ui_ctx(app), rc));
}

unsigned ui_delete_asked(ui_app *app, int type, uint64_t id, const char *question, const char *note)
{
	if (!ui_confirm(app, question))
		return UI_R_DRAW;
	dh_ctx *ctx = ui_ctx(app);
	ctx->message[0] = '\0';
	int rc = wf_delete(ctx, (dh_rtype)type, id, note);
	if (rc == 0)
		ui_message(app, "Đã xóa (có lưu vết).");
	else
		ui_failed(app, "Chưa xóa", rc);
	return UI_R_RELOAD | UI_R_DRAW;
}
