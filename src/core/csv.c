/* csv.c — RFC 4180 reader and Excel-safe writer (see csv.h). */
#include "dienhinh/csv.h"

#include "dienhinh/error.h"
#include "dienhinh/buf.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

enum {
	CSV_WINDOW = 1 << 20, /* bytes read at a time from a stream */
	CSV_SHORT = 2,        /* internal: the row runs past the window */
};

static int csv_reserve(dh_csv *c, size_t used, size_t more);
static int csv_push_field(dh_csv *c, size_t off, size_t len);
static int csv_fail(dh_csv *c, const char *why);

void csv_init(dh_csv *c, const char *data, size_t len)
{
	memset(c, 0, sizeof(*c));
	c->p = c->base = data;
	c->end = data + len;
	c->line = 1;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		c->p += 3;
}

void csv_init_stream(dh_csv *c, dh_csv_read_fn read, void *ctx)
{
	memset(c, 0, sizeof(*c));
	c->line = 1;
	c->read = read;
	c->read_ctx = ctx;
	c->more = true;
}

long long csv_offset(const dh_csv *c)
{
	const char *base = c->read ? c->win : c->base;
	return c->win_off + (base && c->p ? (long long)(c->p - base) : 0);
}

void csv_free(dh_csv *c)
{
	free(c->win);
	c->win = NULL;
	free(c->buf);
	free(c->offs);
	free(c->lens);
	c->buf = NULL;
	c->offs = c->lens = NULL;
	c->buf_cap = c->offs_cap = 0;
}

/* Room for MORE bytes after USED, plus the NUL that ends a field. */
static int csv_reserve(dh_csv *c, size_t used, size_t more)
{
	if (buf_reserve(&c->buf, &c->buf_cap, used + more + 1, 1))
		return DH_ENOMEM;
	return 0;
}

static int csv_push_field(dh_csv *c, size_t off, size_t len)
{
	/* OFFS and LENS grow together and share offs_cap: it rises only
	 * once both have the room. */
	size_t offs_room = c->offs_cap;
	if (buf_reserve(&c->offs, &offs_room, c->n + 1, sizeof(*c->offs)) ||
	    buf_reserve(&c->lens, &c->offs_cap, c->n + 1, sizeof(*c->lens)))
		return DH_ENOMEM;
	c->offs[c->n] = off;
	c->lens[c->n] = len;
	c->n++;
	c->buf[off + len] = '\0';
	return 0;
}

static int csv_fail(dh_csv *c, const char *why)
{
	c->error = why;
	c->p = c->end; /* a broken quote leaves nothing trustworthy after it */
	c->more = false;
	return DH_EINVAL;
}

/* Whether Q, a place the row needs to look at, lies past a window that a
 * stream can still extend: then the row is read again after a refill. */
static inline bool csv_short(const dh_csv *c, const char *q)
{
	return q >= c->end && c->more;
}

/* Length of the run from P that holds none of the bytes a quoted field
 * treats specially. */
static size_t quoted_run(const char *p, const char *end)
{
	const char *q = p;
	while (q < end && *q != '"' && *q != '\r' && *q != '\n' && *q != '\0')
		q++;
	return (size_t)(q - p);
}

static size_t plain_run(const char *p, const char *end)
{
	const char *q = p;
	while (q < end && *q != ',' && *q != '\r' && *q != '\n' && *q != '\0')
		q++;
	return (size_t)(q - p);
}

/* One row from the window: 1, 0 at the end, CSV_SHORT when the window
 * ends inside it (nothing of C but its fields has changed), or an error. */
static int csv_row(dh_csv *c)
{
	if (csv_short(c, c->p))
		return CSV_SHORT;
	if (c->p >= c->end)
		return 0;
	c->n = 0;
	c->error = NULL;
	c->row_line = c->line;
	size_t used = 0;
	int rc;
	for (;;) {
		size_t off = used;
		if (c->p < c->end && *c->p == '"') {
			c->p++;
			for (;;) {
				if (csv_short(c, c->p + 1))
					return CSV_SHORT; /* a quote or CR needs the byte after it */
				if (c->p >= c->end)
					return csv_fail(c, "Dấu ngoặc kép mở mà không đóng");
				char ch = *c->p;
				if (ch == '"') {
					if (c->p + 1 < c->end && c->p[1] == '"') {
						if ((rc = csv_reserve(c, used, 1)))
							return rc;
						c->buf[used++] = '"';
						c->p += 2;
						continue;
					}
					c->p++;
					break;
				}
				if (ch == '\r' || ch == '\n') {
					/* CRLF, LF and CR inside quotes are all one line break. */
					c->p++;
					if (ch == '\r' && c->p < c->end && *c->p == '\n')
						c->p++;
					c->line++;
					if ((rc = csv_reserve(c, used, 1)))
						return rc;
					c->buf[used++] = '\n';
					continue;
				}
				if (ch == '\0')
					return csv_fail(c, "Tệp chứa byte NUL");
				size_t run = quoted_run(c->p, c->end);
				if ((rc = csv_reserve(c, used, run)))
					return rc;
				memcpy(c->buf + used, c->p, run);
				used += run;
				c->p += run;
			}
			if (csv_short(c, c->p))
				return CSV_SHORT;
			if (c->p < c->end && *c->p != ',' && *c->p != '\r' && *c->p != '\n')
				return csv_fail(c, "Có ký tự ngay sau dấu ngoặc kép đóng (ô phải được bao "
				                   "trọn trong ngoặc kép)");
		} else {
			size_t run = plain_run(c->p, c->end);
			if (csv_short(c, c->p + run))
				return CSV_SHORT;
			if (c->p + run < c->end && c->p[run] == '\0')
				return csv_fail(c, "Tệp chứa byte NUL");
			if ((rc = csv_reserve(c, used, run)))
				return rc;
			memcpy(c->buf + used, c->p, run);
			used += run;
			c->p += run;
		}
		if ((rc = csv_reserve(c, used, 0)) || (rc = csv_push_field(c, off, used - off)))
			return rc;
		used++; /* the NUL */
		if (c->p >= c->end)
			return 1;
		char sep = *c->p;
		if (sep == '\r' && csv_short(c, c->p + 1))
			return CSV_SHORT; /* CR, and maybe its LF in the next window */
		c->p++;
		if (sep == ',')
			continue;
		if (sep == '\r' && c->p < c->end && *c->p == '\n')
			c->p++;
		c->line++;
		return 1;
	}
}

/* Moves what is left of the window to its start and reads more after it;
 * the window doubles when a row fills more than half of it. */
static int csv_refill(dh_csv *c)
{
	if (!c->read) {
		c->more = false; /* a buffer has no more */
		return 0;
	}
	size_t left = c->win ? (size_t)(c->end - c->p) : 0;
	c->win_off += c->win ? (long long)(c->p - c->win) : 0; /* the bytes read past */
	if (!c->win || left > c->win_cap / 2) {
		size_t cap = c->win_cap ? c->win_cap * 2 : CSV_WINDOW;
		char *w = malloc(cap);
		if (!w)
			return DH_ENOMEM;
		if (left)
			memcpy(w, c->p, left);
		free(c->win);
		c->win = w;
		c->win_cap = cap;
	} else if (left) {
		memmove(c->win, c->p, left);
	}
	size_t have = left;
	while (have < c->win_cap && c->more) {
		long r = c->read(c->read_ctx, c->win + have, c->win_cap - have);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			c->read_errno = errno;
			c->error = "Không đọc được tệp";
			c->more = false;
			return DH_EIO;
		}
		if (r == 0)
			c->more = false;
		have += (size_t)r;
		if (r > 0 && have >= c->win_cap / 2)
			break; /* enough for now */
	}
	c->p = c->win;
	c->end = c->win + have;
	if (!c->started) {
		c->started = true;
		if (have >= 3 && memcmp(c->win, "\xEF\xBB\xBF", 3) == 0)
			c->p += 3;
	}
	return 0;
}

int csv_next(dh_csv *c)
{
	for (;;) {
		const char *start = c->p;
		long line = c->line;
		int rc = c->read && !c->started ? CSV_SHORT : csv_row(c);
		if (rc != CSV_SHORT)
			return rc;
		c->p = start;
		c->line = line;
		if ((rc = csv_refill(c)))
			return rc;
	}
}

bool csv_row_blank(const dh_csv *c)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->lens[i])
			return false;
	return true;
}

/* Writing -------------------------------------------------------------- */

void csv_write_bom(FILE *out)
{
	fputs("\xEF\xBB\xBF", out);
}

bool csv_cell_dangerous(const char *s)
{
	return s && (*s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' || *s == '\r');
}

void csv_write_cell(FILE *out, size_t col, const char *s)
{
	if (col)
		putc_unlocked(',', out);
	if (!s || !*s)
		return;
	bool quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		putc_unlocked('"', out);
	if (csv_cell_dangerous(s))
		putc_unlocked('\'', out);
	if (!quote) {
		fputs(s, out);
		return;
	}
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			putc_unlocked('"', out);
		putc_unlocked(*p, out);
	}
	putc_unlocked('"', out);
}

void csv_write_int_cell(FILE *out, size_t col, long long v)
{
	if (col)
		putc_unlocked(',', out);
	fprintf(out, "%lld", v);
}

void csv_write_row_end(FILE *out)
{
	fputs("\r\n", out);
}
