/* buf.h — a growable byte buffer, for text built a piece at a time (an
 * XML part, a config file edited line by line, a diagnostic with its
 * source line, a CSV made of a sheet, a workbook's shared strings), and
 * growable arrays.
 *
 * Appends never fail for a caller that checks once at the end: the first
 * allocation failure is kept in OOM and later appends do nothing. Each
 * append also returns 0 or DH_ENOMEM (error.h), for callers that stop at
 * the first failure. After any append P holds LEN bytes and a NUL; before
 * the first P is NULL. A zeroed dh_buf is an empty one. */
#ifndef DIENHINH_BUF_H
#define DIENHINH_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct dh_buf {
	char *p;
	size_t len, cap;
	bool oom;
} dh_buf;

/* N bytes of S (S may be NULL when N is 0). */
int buf_add(dh_buf *b, const void *s, size_t n);
int buf_puts(dh_buf *b, const char *s);
int buf_printf(dh_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int buf_vprintf(dh_buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* S (N bytes) escaped for XML text or an attribute value: & < > " ' as
 * entities, bytes that are not UTF-8 as U+FFFD, and the codepoints XML 1.0
 * forbids (C0 controls, '\n' among them, U+FFFE, U+FFFF) dropped, so no
 * text can make the document unreadable. */
int buf_add_xml(dh_buf *b, const char *s, size_t n);
int buf_puts_xml(dh_buf *b, const char *s);
/* Room for NEED items of SIZE bytes in the malloc'd array whose address
 * is ARRAY (a T ** of any T) and whose room is *CAP items: the room
 * doubles, from 16 items. 0, or DH_ENOMEM with the array as it was. */
int buf_reserve(void *array, size_t *cap, size_t need, size_t size);
/* The whole of PATH, at most MAX bytes, in a malloc'd NUL-terminated
 * buffer (*LEN bytes before the NUL); NULL when PATH is NULL, cannot be
 * read, is larger than MAX, or memory runs out. */
char *buf_read_file(const char *path, size_t max, size_t *len);
/* Frees P and empties B. */
void buf_free(dh_buf *b);

#endif
