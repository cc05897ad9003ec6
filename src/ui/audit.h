/* audit.h — what the files of screen 8 share (not for other screens):
 * scr_audit.c (the list and its filters), audit_entry.c (one entry's
 * page) and audit_diff.c (what an entry's before/after JSON says). */
#ifndef DIENHINH_UI_AUDIT_INTERNAL_H
#define DIENHINH_UI_AUDIT_INTERNAL_H

#include "dienhinh/record.h"
#include "dienhinh/ui_audit.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define AUDIT_MEMBERS 64 /* fields of the widest record, with room */

/* A field every save touches (id, rev, created_*, updated_*): not what a
 * person changed. */
bool audit_bookkeeping(const ui_json_member *m);
/* Member M of field NAME in a record of TYPE as a person reads it, into
 * OUT: labels for codes, names for logins and departments, money with
 * dots; "" when M is NULL. */
const char *audit_value_text(const dh_ctx *ctx, int type, const char *name, const ui_json_member *m,
                             char *out, size_t size);

/* The words a reader knows an entry's record by, from its copy of it: a
 * document's number ("20/QĐ-TTr"), a person's or model's name, a
 * session's title; false when the entry holds none. */
bool audit_entry_what(const dh_audit *a, char *out, size_t size);
/* What to call the record an entry is about: "Hồ sơ điển hình số 12:
 * Nguyễn Văn A", "… số 1–300 (300 hồ sơ)" for a bulk entry. */
const char *audit_entry_subject(const dh_audit *a, char *out, size_t size);
/* The candidate an agenda item's or a registration's entry is about, from
 * its copy of the record; 0 for other records or none. */
uint64_t audit_entry_candidate(const dh_audit *a);
/* The entry's action in words ("Sửa hồ sơ", "Tạo dữ liệu mẫu"). */
const char *audit_action_label(const char *action);

/* The page of entry A (its record, who, when, and each field before and
 * after), to push; NULL when out of memory. */
ui_view *audit_entry_open(ui_app *app, const dh_audit *a);

#endif
