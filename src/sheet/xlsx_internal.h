/* xlsx_internal.h — what the parts of the workbook reader share
 * (xlsx_read.c: the zip, the workbook, styles and shared strings;
 * xlsx_sheet.c: a sheet's rows). Not for use outside src/sheet/. */
#ifndef DIENHINH_XLSX_INTERNAL_H
#define DIENHINH_XLSX_INTERNAL_H

#include "dienhinh/buf.h"
#include "dienhinh/xlsx.h"

#include <expat.h>
#include <stdbool.h>
#include <stddef.h>
#include <zip.h>

#define XLSX_MAX_STYLES 65536
#define XLSX_MAX_SHEETS 4096
#define XLSX_MAX_NAME   1024 /* bytes of a sheet name or a part's path */
#define XLSX_CHUNK      65536

typedef struct xlsx_sheet {
	char *name;
	char *rid;  /* relationship id in workbook.xml */
	char *path; /* the part in the zip, from the relationships */
} xlsx_sheet;

typedef struct xlsx_span {
	size_t off, len;
} xlsx_span;

struct dh_xlsx {
	zip_t *zip;
	dh_xlsx_limits lim;
	bool date1904;
	char *workbook_dir; /* "xl/" */
	xlsx_sheet *sheets;
	size_t n_sheets, cap_sheets;
	char *sst_path, *styles_path;
	/* The shared strings, one buffer (NUL after each) and their spans. */
	dh_buf sst;
	xlsx_span *sst_at;
	size_t n_sst, cap_sst;
	/* Per cell format (cellXfs), whether it shows a date. */
	bool *xf_date;
	size_t n_xf;
	char *why;
	size_t why_size;
};

/* A growable text buffer with a cap. */
typedef struct xlsx_buf {
	dh_buf b;
	size_t limit;
	bool over; /* something past LIMIT was dropped */
} xlsx_buf;

typedef struct xlsx_parse {
	XML_Parser p;
	dh_xlsx *x;
	const char *part;
	int rc; /* set by a handler that stops the parse */
} xlsx_parse;

/* The first reason given is kept in X's message (xlsx_open's and
 * xlsx_read_sheet's WHY). */
void xlsx_why(dh_xlsx *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* S (LEN bytes) after B's text, NUL-terminated; DH_EINVAL past B->limit. */
int xlsx_buf_add(xlsx_buf *b, const char *s, size_t len);
/* An element's or attribute's name without its namespace. */
const char *xlsx_local(const char *name);
/* The attribute whose local name is NAME, with a namespace (r:id) or
 * without (r); NULL when absent. */
const char *xlsx_attr(const XML_Char **atts, const char *name, bool namespaced);
/* A decimal number in [0, MAX], or -1. */
long xlsx_index(const char *s, long max);
/* Undo the _xHHHH_ escapes of S in place; the new length. */
size_t xlsx_unescape(char *s, size_t len);
/* Stop PS's parse with RC (the first RC wins). */
void xlsx_stop(xlsx_parse *ps, int rc);
/* Parse the part at PATH with a parser of its own made for PS (PS->p
 * while it runs) calling START, END and TEXT (either of the last two may be
 * NULL); an absent part is 0 when MISSING_OK. */
int xlsx_parse_part(dh_xlsx *x, xlsx_parse *ps, const char *path, bool missing_ok,
                    XML_StartElementHandler start, XML_EndElementHandler end, XML_CharacterDataHandler text);

#endif
