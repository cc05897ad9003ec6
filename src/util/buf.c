/* buf.c — a growable byte buffer (buf.h). */
#include "dienhinh/buf.h"

#include "dienhinh/error.h"
#include "dienhinh/utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Room for N more bytes and the NUL after them. */
static int buf_room(dh_buf *b, size_t n)
{
	if (b->oom)
		return DH_ENOMEM;
	if (n > SIZE_MAX / 2 - b->len) {
		b->oom = true;
		return DH_ENOMEM;
	}
	if (b->len + n + 1 <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + n + 1)
		cap *= 2;
	char *p = realloc(b->p, cap);
	if (!p) {
		b->oom = true;
		return DH_ENOMEM;
	}
	b->p = p;
	b->cap = cap;
	return 0;
}

int buf_add(dh_buf *b, const void *s, size_t n)
{
	int rc = buf_room(b, n);
	if (rc)
		return rc;
	if (n)
		memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
	return 0;
}

int buf_puts(dh_buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

int buf_vprintf(dh_buf *b, const char *fmt, va_list ap)
{
	va_list again;
	va_copy(again, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	int rc = n < 0 ? DH_ENOMEM : buf_room(b, (size_t)n);
	if (n < 0)
		b->oom = true;
	if (!rc) {
		vsnprintf(b->p + b->len, (size_t)n + 1, fmt, again);
		b->len += (size_t)n;
	}
	va_end(again);
	return rc;
}

int buf_printf(dh_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return rc;
}

int buf_add_xml(dh_buf *b, const char *s, size_t n)
{
	size_t plain = 0; /* start of the bytes copied as they are */
	for (size_t i = 0; i < n;) {
		int32_t cp;
		int len = utf8_decode(s + i, n - i, &cp);
		const char *rep = NULL;
		size_t step = len > 0 ? (size_t)len : 1;
		if (len <= 0)
			rep = "\xEF\xBF\xBD";
		else if (cp == '&')
			rep = "&amp;";
		else if (cp == '<')
			rep = "&lt;";
		else if (cp == '>')
			rep = "&gt;";
		else if (cp == '"')
			rep = "&quot;";
		else if (cp == '\'')
			rep = "&apos;";
		else if (cp < 0x20 || cp == 0xfffe || cp == 0xffff)
			rep = "";
		if (rep) {
			buf_add(b, s + plain, i - plain);
			buf_puts(b, rep);
			plain = i + step;
		}
		i += step;
	}
	return buf_add(b, s + plain, n - plain);
}

int buf_puts_xml(dh_buf *b, const char *s)
{
	return buf_add_xml(b, s, strlen(s));
}

int buf_reserve(void *array, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return 0;
	size_t c = *cap ? *cap : 16;
	while (c < need) {
		if (c > SIZE_MAX / 2)
			return DH_ENOMEM;
		c *= 2;
	}
	if (c > SIZE_MAX / size)
		return DH_ENOMEM;
	void *old;
	memcpy(&old, array, sizeof old);
	void *p = realloc(old, c * size);
	if (!p)
		return DH_ENOMEM;
	memcpy(array, &p, sizeof p);
	*cap = c;
	return 0;
}

char *buf_read_file(const char *path, size_t max, size_t *len)
{
	FILE *f = path ? fopen(path, "rb") : NULL;
	if (!f)
		return NULL;
	char *buf = malloc(max + 1);
	size_t n = buf ? fread(buf, 1, max + 1, f) : 0;
	bool bad = ferror(f) || n > max;
	fclose(f);
	if (!buf || bad) {
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

void buf_free(dh_buf *b)
{
	free(b->p);
	*b = (dh_buf){0};
}
