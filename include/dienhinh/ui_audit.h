/* ui_audit.h — screen 8, Nhật ký: the audit log newest first, filtered by
 * person, record and date; and the reading of an entry's before/after JSON
 * that the screen shows (which fields changed, and from what to what).
 *
 * The JSON is the one record_to_json() writes: one flat object whose
 * values are strings, numbers, true/false/null, or arrays of those. */
#ifndef DIENHINH_UI_AUDIT_H
#define DIENHINH_UI_AUDIT_H

#include "dienhinh/ui_app.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One "name": value pair of a flat JSON object: spans into the JSON text. */
typedef struct ui_json_member {
	const char *name;
	size_t name_len;
	const char *value; /* the raw value text: "\"abc\"", "12", "[1,2]" */
	size_t value_len;
} ui_json_member;

/* The members of the object in JSON (NULL or "" gives none), at most MAX,
 * in order; returns how many, or -1 when JSON is not such an object. */
int ui_json_members(const char *json, ui_json_member *out, int max);

/* A raw value as a person reads it, into OUT (SIZE bytes, cut at a
 * letter): a string unescaped, a list as "a, b", null as "", a date
 * "2021-06-30" as "30/06/2021", true/false as "có"/"không". */
const char *ui_json_display(const char *value, size_t len, char *out, size_t size);

/* The Vietnamese label of a record field name ("recognised_decision" ->
 * "Số quyết định công nhận"); the name itself when unknown. */
const char *ui_audit_field_label(const char *name);

/* The fields that differ between BEFORE and AFTER (either may be NULL: a
 * created record lists nothing), save bookkeeping (id, rev, created_*,
 * updated_*) left out, as their labels joined by ", " into OUT. Returns
 * the number of fields that differ. */
int ui_audit_changes(const char *before, const char *after, char *out, size_t size);

/* Screen 8 itself. */
ui_view *ui_audit_open(ui_app *app);
/* The log of one candidate: changes to it and to the records of its
 * history (TYPES[i], IDS[i], N of them, the candidate first), on the
 * current screen's stack. NULL (message shown) without the right to see
 * the audit log. */
ui_view *ui_audit_open_for(ui_app *app, const char *title, const int *types, const uint64_t *ids, size_t n);

#endif
