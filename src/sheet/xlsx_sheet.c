/* xlsx_sheet.c — a sheet's rows, streamed (xlsx.h): cell references
 * checked against Excel's bounds and order, each cell's value by its type
 * and, for a number, by whether its format is a date. */
#include "xlsx_internal.h"

#include "dienhinh/date.h"
#include "dienhinh/error.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "XFD5" → column 16383 and row 5; ROW 0 when the reference has no
 * digits. false for anything else or past Excel's bounds. */
static bool xlsx_parse_ref(const char *s, size_t *col, long *row)
{
	size_t c = 0, letters = 0;
	for (; (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'); s++) {
		if (++letters > 3)
			return false;
		c = c * 26 + (size_t)((*s | 0x20) - 'a' + 1);
	}
	if (!letters || c > XLSX_MAX_COLS)
		return false;
	long r = 0;
	if (*s) {
		if (*s == '0' || (r = xlsx_index(s, XLSX_MAX_ROWS)) <= 0)
			return false;
	}
	*col = c - 1;
	*row = r;
	return true;
}

const char *xlsx_cell_name(size_t col, long row, char buf[16])
{
	char letters[4];
	size_t n = 0;
	size_t c = col + 1;
	while (c && n < 3) {
		letters[n++] = (char)('A' + (c - 1) % 26);
		c = (c - 1) / 26;
	}
	size_t k = 0;
	while (n)
		buf[k++] = letters[--n];
	snprintf(buf + k, 16 - k, "%ld", row);
	return buf;
}

/* --- a sheet --------------------------------------------------------------- */

typedef enum xlsx_ctype { XC_NUMBER, XC_SHARED, XC_INLINE, XC_STR, XC_BOOL, XC_ERROR, XC_DATE } xlsx_ctype;

typedef struct xlsx_sheet_parse {
	xlsx_parse base;
	xlsx_row_fn fn;
	void *ctx;
	bool in_data, in_row, in_cell, in_v, in_is, in_t;
	int rph;
	long row, last_row;
	/* the current cell */
	size_t col;
	long last_col; /* -1 before the first cell of a row */
	xlsx_ctype type;
	long style;
	xlsx_buf text;
	/* the current row: the cells' text one after another, NUL-separated */
	xlsx_buf cells;
	xlsx_span *at;
	size_t n, cap;
	const char **ptrs;
	size_t *lens;
	size_t cap_ptrs;
} xlsx_sheet_parse;

static int xlsx_row_put(xlsx_sheet_parse *s, size_t col, const char *text, size_t len)
{
	int rc = buf_reserve(&s->at, &s->cap, col + 1, sizeof(*s->at));
	if (rc)
		return rc;
	while (s->n < col)
		s->at[s->n++] = (xlsx_span){0, 0}; /* left out: "" (offset 0 is a NUL) */
	size_t off = s->cells.b.len;
	rc = xlsx_buf_add(&s->cells, text, len);
	if (!rc)
		rc = xlsx_buf_add(&s->cells, "", 1); /* the NUL after it */
	if (rc == DH_EINVAL)
		xlsx_why(s->base.x, "dòng %ld của bảng tính dài quá %zu MiB", s->row, s->cells.limit >> 20);
	if (rc)
		return rc;
	s->at[s->n++] = (xlsx_span){off, len};
	return 0;
}

static int xlsx_row_begin(xlsx_sheet_parse *s)
{
	s->n = 0;
	s->cells.b.len = 0;
	s->last_col = -1;
	return xlsx_buf_add(&s->cells, "", 1); /* offset 0: every left-out cell */
}

static int xlsx_row_deliver(xlsx_sheet_parse *s)
{
	if (!s->n)
		return 0;
	if (s->n > s->cap_ptrs) {
		const char **np = realloc(s->ptrs, s->cap * sizeof(*np));
		if (!np)
			return DH_ENOMEM;
		s->ptrs = np;
		size_t *nl = realloc(s->lens, s->cap * sizeof(*nl));
		if (!nl)
			return DH_ENOMEM;
		s->lens = nl;
		s->cap_ptrs = s->cap;
	}
	for (size_t i = 0; i < s->n; i++) {
		s->ptrs[i] = s->cells.b.p + s->at[i].off;
		s->lens[i] = s->at[i].len;
	}
	return s->fn(s->ctx, s->row, s->n, s->ptrs, s->lens);
}

/* The value of the cell just closed, as xlsx.h describes it. */
static int xlsx_cell_end(xlsx_sheet_parse *s)
{
	dh_xlsx *x = s->base.x;
	char *t = s->text.b.p ? s->text.b.p : (char *)"";
	size_t len = s->text.b.len;
	char iso[11];
	switch (s->type) {
	case XC_SHARED: {
		long i = xlsx_index(t, (long)x->n_sst - 1);
		if (len && x->n_sst && i >= 0)
			return xlsx_row_put(s, s->col, x->sst.p + x->sst_at[i].off, x->sst_at[i].len);
		if (!len)
			return xlsx_row_put(s, s->col, "", 0);
		char ref[16];
		xlsx_why(x, "ô %s trỏ tới chuỗi dùng chung số %.20s, bảng tính không có",
		         xlsx_cell_name(s->col, s->row, ref), t);
		return DH_EINVAL;
	}
	case XC_INLINE:
	case XC_STR:
		if (len)
			len = xlsx_unescape(t, len);
		return xlsx_row_put(s, s->col, t, len);
	case XC_BOOL:
		if (len)
			return xlsx_row_put(s, s->col, strcmp(t, "0") == 0 ? "FALSE" : "TRUE",
			                    strcmp(t, "0") ? 4 : 5);
		return xlsx_row_put(s, s->col, "", 0);
	case XC_DATE: /* t="d": an ISO 8601 date and time as text */
		if (len >= 10) {
			char head[11];
			memcpy(head, t, 10);
			head[10] = '\0';
			int ymd;
			if (date_parse(head, &ymd) == 0 && (len == 10 || t[10] == 'T'))
				return xlsx_row_put(s, s->col, date_iso(ymd, iso), 10);
		}
		return xlsx_row_put(s, s->col, t, len);
	case XC_NUMBER:
		if (len && s->style >= 0 && (size_t)s->style < x->n_xf && x->xf_date[s->style]) {
			char *end;
			double v = strtod(t, &end);
			int ymd;
			if (end != t && !*end && isfinite(v) && date_from_serial(v, x->date1904, &ymd) == 0)
				return xlsx_row_put(s, s->col, date_iso(ymd, iso), 10);
		}
		return xlsx_row_put(s, s->col, t, len);
	case XC_ERROR: break;
	}
	return xlsx_row_put(s, s->col, t, len);
}

static void XMLCALL xlsx_sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	xlsx_sheet_parse *s = ud;
	dh_xlsx *x = s->base.x;
	const char *l = xlsx_local(name);
	if (!s->in_data) {
		if (strcmp(l, "sheetData") == 0)
			s->in_data = true;
		return;
	}
	if (strcmp(l, "row") == 0) {
		const char *r = xlsx_attr(atts, "r", false);
		long row = r ? xlsx_index(r, XLSX_MAX_ROWS) : s->last_row + 1;
		if (row <= 0 || row > XLSX_MAX_ROWS) {
			xlsx_why(x, "dòng “%.20s” của bảng tính nằm ngoài 1..%ld", r ? r : "?",
			         XLSX_MAX_ROWS);
			xlsx_stop(&s->base, DH_EINVAL);
			return;
		}
		if (row <= s->last_row) {
			xlsx_why(x, "dòng %ld của bảng tính đứng sau dòng %ld (các dòng không theo thứ tự)",
			         row, s->last_row);
			xlsx_stop(&s->base, DH_EINVAL);
			return;
		}
		s->in_row = true;
		s->row = row;
		int rc = xlsx_row_begin(s);
		if (rc)
			xlsx_stop(&s->base, rc);
	} else if (strcmp(l, "c") == 0 && s->in_row) {
		const char *r = xlsx_attr(atts, "r", false);
		size_t col = (size_t)(s->last_col + 1);
		long row = s->row;
		if (r && !xlsx_parse_ref(r, &col, &row)) {
			xlsx_why(
			    x, "ô “%.20s” ở dòng %ld của bảng tính không phải một ô có thật (A1 đến XFD%ld)",
			    r, s->row, XLSX_MAX_ROWS);
			xlsx_stop(&s->base, DH_EINVAL);
			return;
		}
		if (col >= XLSX_MAX_COLS) {
			xlsx_why(x, "dòng %ld của bảng tính có ô quá cột XFD", s->row);
			xlsx_stop(&s->base, DH_EINVAL);
			return;
		}
		if (row && row != s->row) {
			xlsx_why(x, "ô “%.20s” nằm trong dòng %ld của bảng tính", r ? r : "?", s->row);
			xlsx_stop(&s->base, DH_EINVAL);
			return;
		}
		if ((long)col <= s->last_col) {
			char ref[16];
			xlsx_why(x, "ô %s của bảng tính đứng sau một ô bên phải nó (các ô không theo thứ tự)",
			         xlsx_cell_name(col, s->row, ref));
			xlsx_stop(&s->base, DH_EINVAL);
			return;
		}
		const char *t = xlsx_attr(atts, "t", false);
		s->type = !t || strcmp(t, "n") == 0     ? XC_NUMBER
		          : strcmp(t, "s") == 0         ? XC_SHARED
		          : strcmp(t, "inlineStr") == 0 ? XC_INLINE
		          : strcmp(t, "str") == 0       ? XC_STR
		          : strcmp(t, "b") == 0         ? XC_BOOL
		          : strcmp(t, "d") == 0         ? XC_DATE
		                                        : XC_ERROR;
		s->style = xlsx_index(xlsx_attr(atts, "s", false), XLSX_MAX_STYLES);
		s->col = col;
		s->last_col = (long)col;
		s->in_cell = true;
		s->text.b.len = 0;
		s->text.over = false;
		s->rph = 0;
	} else if (s->in_cell) {
		if (strcmp(l, "v") == 0 && !s->in_is)
			s->in_v = true;
		else if (strcmp(l, "is") == 0)
			s->in_is = true;
		else if (strcmp(l, "rPh") == 0)
			s->rph++;
		else if (strcmp(l, "t") == 0 && s->in_is && !s->rph)
			s->in_t = true;
	}
}

static void XMLCALL xlsx_sheet_end(void *ud, const XML_Char *name)
{
	xlsx_sheet_parse *s = ud;
	const char *l = xlsx_local(name);
	int rc = 0;
	if (strcmp(l, "sheetData") == 0) {
		s->in_data = false;
	} else if (strcmp(l, "row") == 0 && s->in_row) {
		s->in_row = false;
		s->last_row = s->row;
		rc = xlsx_row_deliver(s);
	} else if (strcmp(l, "c") == 0 && s->in_cell) {
		s->in_cell = s->in_v = s->in_is = s->in_t = false;
		rc = xlsx_cell_end(s);
	} else if (strcmp(l, "v") == 0) {
		s->in_v = false;
	} else if (strcmp(l, "t") == 0) {
		s->in_t = false;
	} else if (strcmp(l, "is") == 0) {
		s->in_is = false;
	} else if (strcmp(l, "rPh") == 0 && s->rph) {
		s->rph--;
	}
	if (rc)
		xlsx_stop(&s->base, rc);
}

static void XMLCALL xlsx_sheet_text(void *ud, const XML_Char *text, int len)
{
	xlsx_sheet_parse *s = ud;
	if (!s->in_v && !s->in_t)
		return;
	int rc = xlsx_buf_add(&s->text, text, (size_t)len);
	if (rc == DH_EINVAL) {
		char ref[16];
		xlsx_why(s->base.x, "ô %s của bảng tính dài quá %zu KiB", xlsx_cell_name(s->col, s->row, ref),
		         s->text.limit >> 10);
	}
	if (rc)
		xlsx_stop(&s->base, rc);
}

int xlsx_read_sheet(dh_xlsx *x, size_t i, xlsx_row_fn fn, void *ctx, char *why, size_t why_size)
{
	x->why = why;
	x->why_size = why_size;
	if (why && why_size)
		why[0] = '\0';
	int rc;
	if (i >= x->n_sheets) {
		xlsx_why(x, "bảng tính không có trang thứ %zu", i + 1);
		rc = DH_EINVAL;
	} else if (!x->sheets[i].path) {
		xlsx_why(x, "trang “%s” không phải một trang dữ liệu (có thể là biểu đồ)", x->sheets[i].name);
		rc = DH_EINVAL;
	} else {
		xlsx_sheet_parse s = {.fn = fn, .ctx = ctx};
		s.text.limit = x->lim.cell_bytes;
		s.cells.limit = x->lim.row_bytes;
		rc = xlsx_parse_part(x, &s.base, x->sheets[i].path, false, xlsx_sheet_start, xlsx_sheet_end,
		                     xlsx_sheet_text);
		buf_free(&s.text.b);
		buf_free(&s.cells.b);
		free(s.at);
		free(s.ptrs);
		free(s.lens);
	}
	x->why = NULL;
	x->why_size = 0;
	return rc;
}
