/* csv.h — RFC 4180 reading and writing, as spreadsheets in a Vietnamese
 * office produce and open them.
 *
 * Reading works on the whole file in memory (the caller owns it), or on a
 * stream read a window at a time (csv_init_stream: memory stays flat
 * whatever the file's size): a UTF-8
 * byte order mark at the start is skipped; rows end in CRLF, LF or a lone
 * CR; a field in double quotes may hold commas, doubled quotes and line
 * breaks (a line break inside quotes is given back as LF, since stored text
 * never holds CR). Each row reports the physical line it starts on, so an
 * error can name `FILE:LINE` as a text editor counts lines. A quote inside
 * an unquoted field is kept as a letter; text after a closing quote, an
 * unterminated quote and a NUL byte are errors.
 *
 * Writing produces what Excel opens as UTF-8: a BOM, fields quoted when
 * they need it, CRLF line ends, and cells that would start a formula
 * (= + - @, tab, CR) prefixed with a single quote. */
#ifndef DIENHINH_CSV_H
#define DIENHINH_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Reads up to N bytes into BUF: how many (0 at the end), or -1 on an
 * error (errno set). */
typedef long (*dh_csv_read_fn)(void *ctx, char *buf, size_t n);

typedef struct dh_csv {
	const char *p;   /* next byte to read */
	const char *end; /* one past the input (streaming: past the window) */
	const char *base; /* the input's first byte (buffer) */
	long line;       /* physical line of P, from 1 */
	long row_line;   /* line the current row starts on */
	char *buf;       /* decoded fields of the current row, NUL-separated */
	size_t buf_cap;
	size_t *offs; /* start of each field in BUF */
	size_t *lens; /* bytes of each field */
	size_t offs_cap;
	size_t n;          /* fields in the current row */
	const char *error; /* Vietnamese reason after csv_next() failed */
	/* Streaming (csv_init_stream): the window P..END lies in WIN. */
	dh_csv_read_fn read;
	void *read_ctx;
	char *win;
	size_t win_cap;
	bool more;         /* READ may give more bytes */
	bool started;      /* the first bytes were read (and a BOM skipped) */
	long long win_off; /* bytes of the input before WIN */
	int read_errno;    /* after DH_EIO: why READ failed */
} dh_csv;

/* Start reading DATA (LEN bytes, need not be NUL-terminated). */
void csv_init(dh_csv *c, const char *data, size_t len);
/* Start reading what READ gives (CTX passed back). */
void csv_init_stream(dh_csv *c, dh_csv_read_fn read, void *ctx);
void csv_free(dh_csv *c);
/* Bytes of the input consumed so far (for progress). */
long long csv_offset(const dh_csv *c);
/* Read the next row: 1 and the row in C (n, csv_field), 0 at the end of the
 * input, DH_EINVAL with C->error and C->row_line set, DH_EIO when a stream
 * could not be read (C->read_errno), or DH_ENOMEM. */
int csv_next(dh_csv *c);
/* Field I of the current row, NUL-terminated, valid until the next call. */
static inline const char *csv_field(const dh_csv *c, size_t i)
{
	return c->buf + c->offs[i];
}
static inline size_t csv_field_len(const dh_csv *c, size_t i)
{
	return c->lens[i];
}
/* True when every field of the current row is empty (a blank line, or
 * ",,,," as spreadsheets leave under the data). */
bool csv_row_blank(const dh_csv *c);

/* Writing -------------------------------------------------------------- */

/* The UTF-8 byte order mark Excel needs to read the file as UTF-8. */
void csv_write_bom(FILE *out);
/* One cell: COL 0 starts a row, any other is preceded by a comma. NULL is
 * an empty cell. */
void csv_write_cell(FILE *out, size_t col, const char *s);
void csv_write_int_cell(FILE *out, size_t col, long long v);
/* Ends the row with CRLF. */
void csv_write_row_end(FILE *out);
/* Whether a cell starting with S's first byte would be taken as a formula. */
bool csv_cell_dangerous(const char *s);

#endif
