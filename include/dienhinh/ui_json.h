/* ui_json.h — reading the flat JSON that record_to_json() writes: one
 * object whose values are strings, numbers, true/false/null, or arrays of
 * those (the audit log's before and after copies of a record), and its
 * values as a person reads them. Nothing is allocated: members are spans
 * into the JSON text. */
#ifndef DIENHINH_UI_JSON_H
#define DIENHINH_UI_JSON_H

#include <stdbool.h>
#include <stddef.h>

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

/* The member NAME among the N of V, or NULL. */
const ui_json_member *ui_json_find(const ui_json_member *v, int n, const char *name, size_t name_len);
/* Both there and with the same raw value. */
bool ui_json_same(const ui_json_member *a, const ui_json_member *b);
/* Absent, or a value that says nothing: null, "", [], false, 0. */
bool ui_json_empty(const ui_json_member *m);
/* The value is null. */
bool ui_json_null(const ui_json_member *m);

/* Append the LEN bytes of S to OUT at *O (SIZE bytes, kept NUL-ended),
 * never leaving half a letter at the end (the way ui_json_display fills
 * OUT, for text built around its values). */
void ui_json_append(char *out, size_t size, size_t *o, const char *s, size_t len);

#endif
