/* ui_audit.h — screen 8, Nhật ký: the audit log newest first, filtered by
 * person, record and date; and the reading of an entry's before/after JSON
 * (ui_json.h) that the screen shows (which fields changed, and from what to
 * what). */
#ifndef DIENHINH_UI_AUDIT_H
#define DIENHINH_UI_AUDIT_H

#include "dienhinh/ui_app.h"
#include "dienhinh/ui_json.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The Vietnamese label of a record field name ("recognised_decision" ->
 * "Số quyết định công nhận"); the name itself when unknown. */
const char *ui_audit_field_label(const char *name);

/* The fields that differ between BEFORE and AFTER (either may be NULL: a
 * created record lists nothing), save bookkeeping (id, rev, created_*,
 * updated_*) left out, as their labels joined by ", " into OUT. Returns
 * the number of fields that differ. */
int ui_audit_changes(const char *before, const char *after, char *out, size_t size);

/* Screen 8 itself is ui_audit_view (ui_app.h). */
/* The log of one candidate: changes to it and to the records of its
 * history (TYPES[i], IDS[i], N of them, the candidate first), on the
 * current screen's stack. NULL (message shown) without the right to see
 * the audit log. */
ui_view *ui_audit_open_for(ui_app *app, const char *title, const int *types, const uint64_t *ids, size_t n);

#endif
