/* ui_edit.h — the line editor behind every text field (no curses here).
 *
 * Units, as in utf8.h: the buffer and the cursor are in bytes; the cursor
 * always sits on a grapheme boundary, so a combining mark is never split
 * from its letter; what the screen needs is in columns.
 *
 * The buffer is kept NFC at every step: a codepoint typed at the cursor is
 * normalised together with the grapheme before it, so "e" then U+0302 then
 * U+0303 (decomposed input) becomes "ễ" as it is typed, and Backspace then
 * removes the whole letter. Control characters are refused (a long text
 * field may hold newlines, which come from $EDITOR). */
#ifndef DIENHINH_UI_EDIT_H
#define DIENHINH_UI_EDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct ui_edit {
	char *buf;        /* NFC UTF-8, NUL-terminated, never NULL after init */
	size_t len;       /* bytes */
	size_t cap;       /* bytes allocated */
	size_t cur;       /* cursor, bytes from the start */
	size_t scroll;    /* first byte shown when the text is wider than the field */
	size_t max_bytes; /* longest text accepted (0 = no limit) */
	bool newlines;    /* long text: newlines allowed (shown as ¶) */
	bool changed;     /* set by every edit; the form clears it */
} ui_edit;

/* 0 or DH_ENOMEM. MAX_BYTES 0 means no limit. */
int ui_edit_init(ui_edit *e, size_t max_bytes, bool newlines);
void ui_edit_free(ui_edit *e);
/* Replace the text (normalised to NFC); the cursor goes to the end.
 * DH_EINVAL when TEXT is not valid UTF-8 (the old text stays). */
int ui_edit_set(ui_edit *e, const char *text);

/* Insert one codepoint at the cursor, composing it with the letter before
 * when it is a combining mark. DH_EINVAL for a control character or when
 * the text would exceed max_bytes (nothing changes). */
int ui_edit_insert(ui_edit *e, int32_t cp);
/* Insert UTF-8 text (pasted, restored): each codepoint as if typed. */
int ui_edit_insert_text(ui_edit *e, const char *s);

/* Cursor motion, by graphemes. */
void ui_edit_left(ui_edit *e);
void ui_edit_right(ui_edit *e);
void ui_edit_home(ui_edit *e);
void ui_edit_end(ui_edit *e);
void ui_edit_word_left(ui_edit *e);
void ui_edit_word_right(ui_edit *e);

/* Deletion: whole graphemes, whole words, or to an end of the line. */
void ui_edit_backspace(ui_edit *e);
void ui_edit_delete(ui_edit *e);
void ui_edit_kill_word(ui_edit *e); /* Ctrl-W: the word before the cursor */
void ui_edit_kill_home(ui_edit *e); /* Ctrl-U */
void ui_edit_kill_end(ui_edit *e);  /* Ctrl-K */

/* What a field COLS columns wide shows: the first byte shown (*FIRST, which
 * also updates e->scroll so the cursor stays visible) and the cursor's
 * column inside the field (*CURSOR_COL, 0..COLS-1). */
void ui_edit_view(ui_edit *e, int cols, size_t *first, int *cursor_col);

/* Columns from byte A to byte B of the buffer (graphemes, wide letters,
 * newline shown as one column). */
int ui_edit_columns(const ui_edit *e, size_t a, size_t b);

#endif
