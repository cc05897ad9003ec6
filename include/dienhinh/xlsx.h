/* xlsx.h — reading the cells of an Excel workbook (.xlsx, Office Open XML),
 * as Excel and LibreOffice save them. Knows no records: rows of text.
 *
 * A workbook is a zip (libzip) of XML parts (expat, streamed): the sheets
 * are found by name through xl/workbook.xml and its relationships, text
 * cells through xl/sharedStrings.xml or inline, and which cells are dates
 * through xl/styles.xml: a number cell whose format is one of Excel's
 * built-in date formats (ids 14–22, 45–47) or a custom format with d, m or
 * y outside quotes and brackets (and m only when there is no h or s, which
 * makes it minutes) is given back as an ISO date, YYYY-MM-DD, in the
 * workbook's 1900 or 1904 date system (date.h). Every other cell is its
 * text as stored: numbers as written in the file ("2021", "0.5"), booleans
 * TRUE/FALSE, errors "#N/A"; the _xHHHH_ escapes of OOXML text are undone.
 *
 * Any bytes are safe to open: the file is held to the limits below (the
 * uncompressed size of each part is counted as it inflates, never taken
 * from the zip's directory, so a zip bomb stops at the limit), no DTD is
 * accepted (no entity expansion), cell references past XFD or row 1048576
 * are refused, and rows and cells out of order are an error rather than
 * guessed at. Every refusal is a Vietnamese sentence in WHY. */
#ifndef DIENHINH_XLSX_H
#define DIENHINH_XLSX_H

#include <stdbool.h>
#include <stddef.h>

/* Excel's own bounds: 16384 columns (A..XFD), 1048576 rows. */
#define XLSX_MAX_COLS 16384
#define XLSX_MAX_ROWS 1048576L

typedef struct dh_xlsx_limits {
	size_t part_bytes; /* uncompressed bytes of any one XML part */
	size_t strings;    /* entries of the shared string table */
	size_t cell_bytes; /* bytes of one cell's text */
	size_t row_bytes;  /* bytes of one row's text, all cells */
} dh_xlsx_limits;

/* 512 MiB per part, 4 million shared strings, 256 KiB per cell (Excel
 * holds 32767 characters), 16 MiB per row. */
extern const dh_xlsx_limits xlsx_default_limits;

typedef struct dh_xlsx dh_xlsx;

/* Open the workbook in DATA (LEN bytes, kept by the caller until
 * xlsx_close): its sheets, shared strings and styles are read here. LIMITS
 * NULL is xlsx_default_limits. 0 and *OUT; DH_EINVAL with a reason in WHY
 * (WHY_SIZE bytes) for bytes that are not a workbook; DH_ENOMEM. */
int xlsx_open(const void *data, size_t len, const dh_xlsx_limits *limits, dh_xlsx **out, char *why,
              size_t why_size);
void xlsx_close(dh_xlsx *x);

/* The sheets in the workbook's order (the first is what Excel opens on). */
size_t xlsx_sheet_count(const dh_xlsx *x);
const char *xlsx_sheet_name(const dh_xlsx *x, size_t i);
/* The sheet called NAME (exactly, or else as utf8_casecmp compares: Vietnamese letters in any case, marks
 * kept), or -1. */
long xlsx_sheet_find(const dh_xlsx *x, const char *name);

/* One row of a sheet: ROW counts from 1 as Excel numbers rows; N cells from
 * column A to the last cell the file holds in this row, each
 * NUL-terminated with its length in LENS ("" for a cell the file leaves
 * out). Valid until the callback returns. Rows the file leaves out are not
 * called. A nonzero return stops the reading and is returned. */
typedef int (*xlsx_row_fn)(void *ctx, long row, size_t n, const char *const *cells, const size_t *lens);

/* Stream sheet I through FN. 0; FN's nonzero return; DH_EINVAL with WHY;
 * DH_ENOMEM. */
int xlsx_read_sheet(dh_xlsx *x, size_t i, xlsx_row_fn fn, void *ctx, char *why, size_t why_size);

/* "A1" for column 0 row 1: the name Excel gives a cell, into BUF. */
const char *xlsx_cell_name(size_t col, long row, char buf[16]);

#endif
