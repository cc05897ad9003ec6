/* edit.c — the line editor: bytes in the buffer, graphemes for the cursor,
 * columns for the screen. See ui_edit.h. */
#include "dienhinh/ui_edit.h"

#include "dienhinh/error.h"
#include "dienhinh/utf8.h"

#include <stdlib.h>
#include <string.h>

static int edit_reserve(ui_edit *e, size_t need);
static void edit_remove(ui_edit *e, size_t from, size_t to);
static int edit_replace(ui_edit *e, size_t from, size_t to, const char *s, size_t n);
static bool edit_refused(const ui_edit *e, int32_t cp);
static bool edit_is_space(const ui_edit *e, size_t off);

int ui_edit_init(ui_edit *e, size_t max_bytes, bool newlines)
{
	memset(e, 0, sizeof(*e));
	e->max_bytes = max_bytes;
	e->newlines = newlines;
	return edit_reserve(e, 32);
}

void ui_edit_free(ui_edit *e)
{
	free(e->buf);
	memset(e, 0, sizeof(*e));
}

static int edit_reserve(ui_edit *e, size_t need)
{
	if (need + 1 <= e->cap)
		return 0;
	size_t cap = e->cap ? e->cap : 32;
	while (cap < need + 1)
		cap *= 2;
	char *p = realloc(e->buf, cap);
	if (!p)
		return DH_ENOMEM;
	if (!e->buf)
		p[0] = '\0';
	e->buf = p;
	e->cap = cap;
	return 0;
}

/* Replaces bytes [FROM, TO) with N bytes of S; the cursor is left to the
 * caller. */
static int edit_replace(ui_edit *e, size_t from, size_t to, const char *s, size_t n)
{
	size_t newlen = e->len - (to - from) + n;
	int rc = edit_reserve(e, newlen);
	if (rc)
		return rc;
	memmove(e->buf + from + n, e->buf + to, e->len - to + 1);
	memcpy(e->buf + from, s, n);
	e->len = newlen;
	e->changed = true;
	return 0;
}

static void edit_remove(ui_edit *e, size_t from, size_t to)
{
	if (to <= from)
		return;
	(void)edit_replace(e, from, to, "", 0); /* shrinking never allocates */
	if (e->cur > to)
		e->cur -= to - from;
	else if (e->cur > from)
		e->cur = from;
	if (e->scroll > from)
		e->scroll = from;
}

int ui_edit_set(ui_edit *e, const char *text)
{
	char *nfc = utf8_nfc(text ? text : "");
	if (!nfc)
		return DH_EINVAL;
	size_t n = strlen(nfc);
	int rc = edit_reserve(e, n);
	if (rc == 0) {
		memcpy(e->buf, nfc, n + 1);
		e->len = n;
		e->cur = n;
		e->scroll = 0;
		e->changed = true;
	}
	free(nfc);
	return rc;
}

/* Control characters never enter stored text (DESIGN.md §9); a newline
 * only in a long text. */
static bool edit_refused(const ui_edit *e, int32_t cp)
{
	if (cp == '\n')
		return !e->newlines;
	if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
		return true;
	if ((cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return true;
	return false;
}

int ui_edit_insert(ui_edit *e, int32_t cp)
{
	if (edit_refused(e, cp))
		return DH_EINVAL;
	/* Normalise the letter before the cursor together with the new
	 * codepoint: a combining mark then joins its letter (e + U+0302 ->
	 * ê), and anything else is simply appended to it. */
	size_t start = e->cur - utf8_grapheme_before(e->buf, e->cur);
	char tmp[64];
	size_t plen = e->cur - start;
	char *joined = plen + 5 <= sizeof(tmp) ? tmp : malloc(plen + 5);
	if (!joined)
		return DH_ENOMEM;
	memcpy(joined, e->buf + start, plen);
	int n = utf8_encode(cp, joined + plen);
	joined[plen + (size_t)n] = '\0';
	char *nfc = utf8_nfc(joined);
	if (joined != tmp)
		free(joined);
	if (!nfc)
		return DH_ENOMEM;
	size_t nlen = strlen(nfc);
	int rc = 0;
	if (e->max_bytes && e->len - plen + nlen > e->max_bytes)
		rc = DH_EINVAL;
	else
		rc = edit_replace(e, start, e->cur, nfc, nlen);
	if (rc == 0)
		e->cur = start + nlen;
	free(nfc);
	return rc;
}

int ui_edit_insert_text(ui_edit *e, const char *s)
{
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		int32_t cp;
		int n = utf8_decode(s + i, len - i, &cp);
		if (n <= 0)
			return DH_EINVAL;
		int rc = ui_edit_insert(e, cp);
		if (rc)
			return rc;
		i += (size_t)n;
	}
	return 0;
}

void ui_edit_left(ui_edit *e)
{
	e->cur -= utf8_grapheme_before(e->buf, e->cur);
}

void ui_edit_right(ui_edit *e)
{
	e->cur += utf8_grapheme_len(e->buf + e->cur, e->len - e->cur);
}

void ui_edit_home(ui_edit *e)
{
	e->cur = 0;
}

void ui_edit_end(ui_edit *e)
{
	e->cur = e->len;
}

static bool edit_is_space(const ui_edit *e, size_t off)
{
	char c = e->buf[off];
	return c == ' ' || c == '\n' || c == '\t';
}

void ui_edit_word_left(ui_edit *e)
{
	while (e->cur > 0 && edit_is_space(e, e->cur - 1))
		e->cur--;
	while (e->cur > 0 && !edit_is_space(e, e->cur - 1))
		ui_edit_left(e);
}

void ui_edit_word_right(ui_edit *e)
{
	while (e->cur < e->len && edit_is_space(e, e->cur))
		e->cur++;
	while (e->cur < e->len && !edit_is_space(e, e->cur))
		ui_edit_right(e);
}

void ui_edit_backspace(ui_edit *e)
{
	size_t n = utf8_grapheme_before(e->buf, e->cur);
	edit_remove(e, e->cur - n, e->cur);
}

void ui_edit_delete(ui_edit *e)
{
	size_t n = utf8_grapheme_len(e->buf + e->cur, e->len - e->cur);
	edit_remove(e, e->cur, e->cur + n);
}

void ui_edit_kill_word(ui_edit *e)
{
	size_t end = e->cur;
	ui_edit_word_left(e);
	edit_remove(e, e->cur, end);
}

void ui_edit_kill_home(ui_edit *e)
{
	edit_remove(e, 0, e->cur);
}

void ui_edit_kill_end(ui_edit *e)
{
	size_t end = e->len;
	edit_remove(e, e->cur, end);
}

int ui_edit_columns(const ui_edit *e, size_t a, size_t b)
{
	int cols = 0;
	for (size_t i = a; i < b;) {
		int32_t cp;
		int n = utf8_decode(e->buf + i, b - i, &cp);
		if (n <= 0) {
			cols++;
			i++;
			continue;
		}
		cols += cp == '\n' ? 1 : utf8_cp_width(cp);
		i += (size_t)n;
	}
	return cols;
}

void ui_edit_view(ui_edit *e, int cols, size_t *first, int *cursor_col)
{
	if (cols < 2)
		cols = 2;
	if (e->scroll > e->cur)
		e->scroll = e->cur;
	/* Keep a little of the text before the cursor in sight when moving
	 * left, and leave the last column for the cursor at the end. */
	if (e->scroll == e->cur && e->scroll > 0) {
		for (int i = 0; i < cols / 3 && e->scroll > 0; i++)
			e->scroll -= utf8_grapheme_before(e->buf, e->scroll);
	}
	while (ui_edit_columns(e, e->scroll, e->cur) > cols - 1)
		e->scroll += utf8_grapheme_len(e->buf + e->scroll, e->len - e->scroll);
	if (ui_edit_columns(e, 0, e->len) <= cols - 1)
		e->scroll = 0;
	*first = e->scroll;
	*cursor_col = ui_edit_columns(e, e->scroll, e->cur);
}
