/* utf8.h — UTF-8 text: bytes, characters and screen columns.
 *
 * Glossary used in every prototype here:
 *   byte      one unsigned char of UTF-8;
 *   codepoint one Unicode scalar value;
 *   grapheme  what a person calls a letter: a base codepoint plus the
 *             combining marks after it ("ễ" typed as e + ̂ + ̃ is one);
 *   column    one cell on the terminal; a grapheme takes 0, 1 or 2.
 * Stored text is always NFC and valid UTF-8 without control characters. */
#ifndef DIENHINH_UTF8_H
#define DIENHINH_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decode one codepoint at S (LEN bytes left): its byte length, or -1 when
 * the bytes are not valid UTF-8 (overlong, surrogate, truncated). */
int utf8_decode(const char *s, size_t len, int32_t *cp);
/* Encode CP into OUT (4 bytes room): byte length. */
int utf8_encode(int32_t cp, char *out);
bool utf8_valid(const char *s, size_t len);

/* NFC of S as a new string; NULL when S is not valid UTF-8 (or ENOMEM). */
char *utf8_nfc(const char *s);
/* Codepoints that change how text looks without being seen: a name with
 * one can print reversed (bidirectional controls) or be another record
 * that looks the same (zero-width characters). */
typedef enum utf8_invisible_kind {
	UTF8_SHOWN = 0,  /* an ordinary codepoint */
	UTF8_BIDI,       /* U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069 */
	UTF8_ZERO_WIDTH, /* U+200B–U+200D, U+2060–U+2064, U+206A–U+206F */
	UTF8_BYTE_ORDER, /* U+FEFF: allowed only as the first codepoint of a file */
} utf8_invisible_kind;

/* Which kind of invisible codepoint CP is (UTF8_SHOWN for any other). */
utf8_invisible_kind utf8_invisible(int32_t cp);
/* Whether S (LEN bytes of valid UTF-8) holds an invisible codepoint: the
 * first one's byte offset in *OFF and the codepoint in *CP (either may be
 * NULL). Invalid bytes are stepped over. */
bool utf8_invisible_at(const char *s, size_t len, size_t *off, int32_t *cp);
/* The message every input path gives for the invisible CP, naming it:
 * "chứa ký tự điều khiển hướng chữ U+202E (không được phép)". A static
 * string; NULL when CP is not invisible. */
const char *utf8_invisible_why(int32_t cp);

/* NFC, and refuses control characters (C0 except TAB/LF when ALLOW_NEWLINES,
 * DEL, C1) and invisible codepoints (utf8_invisible(), a BOM included:
 * callers that read a file drop the one that may open it): returns a new
 * string or NULL, setting *WHY to a Vietnamese message ("Ký tự điều khiển
 * không được phép", "Văn bản không phải UTF-8", utf8_invisible_why()). */
char *utf8_clean(const char *s, bool allow_newlines, const char **why);
/* A new copy of S (NULL: "") made a codepoint at a time: PUT writes what
 * stands for the codepoint CP of N bytes at AT (N 1 and CP -1 for a byte
 * that is not UTF-8) into OUT and returns how many bytes it wrote, at most
 * GROW per input byte. NULL on ENOMEM. */
typedef size_t (*utf8_put_fn)(char *out, const char *at, int n, int32_t cp);
char *utf8_map(const char *s, size_t grow, utf8_put_fn put);
/* Copy of S with control characters replaced by U+FFFD (for display of
 * anything that did not come through utf8_clean). */
char *utf8_sanitize(const char *s);
/* Copy of S for a message or an audit note about text nobody checked (a
 * file name): every control byte, invalid byte and invisible codepoint
 * written out as a shell's $'…' reads it back — \x1B for a byte, \u202E
 * for a codepoint — and a backslash doubled; NULL on ENOMEM. */
char *utf8_escape(const char *s);

/* Columns one codepoint takes (0 for combining marks, 2 for wide). */
int utf8_cp_width(int32_t cp);
/* Columns of the whole string (invalid bytes count as one column each). */
int utf8_width(const char *s);
/* Bytes of the grapheme starting at S (>= 1 unless at the end). */
size_t utf8_grapheme_len(const char *s, size_t len);
/* Bytes of the grapheme that ends at OFF (for Backspace). */
size_t utf8_grapheme_before(const char *s, size_t off);
/* Number of graphemes in S. */
size_t utf8_graphemes(const char *s);
/* Bytes of the longest prefix of S that fits in COLS columns without
 * splitting a grapheme; *USED gets its width (may be NULL). */
size_t utf8_fit(const char *s, int cols, int *used);

/* Case-insensitive comparison of two NFC strings (Unicode case folding). */
int utf8_casecmp(const char *a, const char *b);
/* S case-folded codepoint by codepoint, as utf8_casecmp() compares it:
 * strcmp() of two keys is 0 exactly when utf8_casecmp() of the texts is,
 * so many texts are compared in linear time by sorting their keys. NULL on
 * ENOMEM. */
char *utf8_casefold(const char *s);
/* Lower-case copy (NFC); NULL on bad input. */
char *utf8_lower(const char *s);
/* Upper-case copy (NFC): "Thanh tra tỉnh Hà Tĩnh" -> "THANH TRA TỈNH HÀ
 * TĨNH"; NULL on bad input. */
char *utf8_upper(const char *s);

#endif
