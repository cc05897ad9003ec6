/* ui_verbs.h — what every screen says the same way: a refusal of the
 * workflow, a write that failed, a record deleted after asking. One place,
 * so the clerk reads one wording on every screen. */
#ifndef DIENHINH_UI_VERBS_H
#define DIENHINH_UI_VERBS_H

#include "dienhinh/ui_app.h"

#include <stdbool.h>
#include <stdint.h>

/* RC from a workflow check (wf_check, wf_*_may...): when it refuses,
 * show the core's sentence and return true. */
bool ui_refused(ui_app *app, int rc);
/* "PREFIX: why" as an error, the why being the core's sentence when it
 * gave one, else what RC means ("Chưa xóa: …"). */
void ui_failed(ui_app *app, const char *prefix, int rc);
/* Ask QUESTION (it ends "(vẫn lưu vết trong nhật ký)"); when yes, delete
 * record TYPE ID through the workflow, NOTE going to the audit log, and
 * say how it went. What the key handler returns. */
unsigned ui_delete_asked(ui_app *app, int type, uint64_t id, const char *question, const char *note);

#endif
