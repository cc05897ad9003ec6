/* xlsx_write.c — a workbook row by row with libxlsxwriter (xlsx_write.h). */
#include "dienhinh/xlsx_write.h"

#include "dienhinh/error.h"
#include "dienhinh/utf8.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#define XLSXW_MIN_WIDTH  8
#define XLSXW_MAX_WIDTH  60
#define XLSXW_DATE_WIDTH 11

struct dh_xlsx_writer {
	lxw_workbook *book;
	lxw_worksheet *sheet;
	lxw_format *bold, *date;
	/* The current sheet's widest cell per column. */
	int *width;
	size_t n_cols;
	lxw_row_t row;
	lxw_error error; /* the first error of a write */
};

int xlsxw_open(const char *path, dh_xlsx_writer **out)
{
	*out = NULL;
	dh_xlsx_writer *w = calloc(1, sizeof(*w));
	if (!w)
		return DH_ENOMEM;
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE};
	w->book = workbook_new_opt(path, &opt);
	if (!w->book) {
		free(w);
		return DH_ENOMEM;
	}
	w->bold = workbook_add_format(w->book);
	w->date = workbook_add_format(w->book);
	if (!w->bold || !w->date) {
		workbook_close(w->book);
		free(w);
		return DH_ENOMEM;
	}
	format_set_bold(w->bold);
	format_set_num_format(w->date, "dd/mm/yyyy");
	*out = w;
	return 0;
}

static void xlsxw_note(dh_xlsx_writer *w, lxw_error e)
{
	if (e != LXW_NO_ERROR && w->error == LXW_NO_ERROR)
		w->error = e;
}

/* The widths of the sheet that is done. */
static void xlsxw_set_widths(dh_xlsx_writer *w)
{
	if (!w->sheet)
		return;
	for (size_t i = 0; i < w->n_cols; i++) {
		int cols = w->width[i] + 2;
		if (cols < XLSXW_MIN_WIDTH)
			cols = XLSXW_MIN_WIDTH;
		if (cols > XLSXW_MAX_WIDTH)
			cols = XLSXW_MAX_WIDTH;
		xlsxw_note(w, worksheet_set_column(w->sheet, (lxw_col_t)i, (lxw_col_t)i, cols, NULL));
	}
}

static void xlsxw_widen(dh_xlsx_writer *w, size_t col, int cols)
{
	if (col < w->n_cols && cols > w->width[col])
		w->width[col] = cols;
}

/* The width of the widest line of S, enough to decide a column's width. */
static int xlsxw_text_width(const char *s)
{
	int widest = 0;
	while (*s) {
		size_t n = strcspn(s, "\n");
		char line[256];
		size_t k = n < sizeof(line) - 1 ? n : sizeof(line) - 1;
		while (k < n && k && ((unsigned char)s[k] & 0xC0) == 0x80)
			k--; /* cut between letters, not inside one */
		memcpy(line, s, k);
		line[k] = '\0';
		int cols = utf8_width(line);
		if (cols > widest)
			widest = cols;
		if (widest >= XLSXW_MAX_WIDTH)
			break;
		s += n + (s[n] == '\n');
	}
	return widest;
}

int xlsxw_sheet(dh_xlsx_writer *w, const char *name, const char *const *columns, size_t n)
{
	xlsxw_set_widths(w);
	w->sheet = workbook_add_worksheet(w->book, name);
	if (!w->sheet)
		return DH_EINVAL;
	int *width = realloc(w->width, (n ? n : 1) * sizeof(*width));
	if (!width)
		return DH_ENOMEM;
	w->width = width;
	w->n_cols = n;
	w->row = 0;
	for (size_t i = 0; i < n; i++) {
		w->width[i] = 0;
		xlsxw_note(w, worksheet_write_string(w->sheet, 0, (lxw_col_t)i, columns[i], w->bold));
		xlsxw_widen(w, i, xlsxw_text_width(columns[i]));
	}
	worksheet_freeze_panes(w->sheet, 1, 0);
	w->row = 1;
	return w->error == LXW_NO_ERROR ? 0 : DH_EIO;
}

int xlsxw_text(dh_xlsx_writer *w, size_t col, const char *s)
{
	if (!s || !*s)
		return 0;
	lxw_error e = worksheet_write_string(w->sheet, w->row, (lxw_col_t)col, s, NULL);
	xlsxw_note(w, e);
	/* A letter takes at least a byte per column it fills, so text no
	 * longer in bytes than the column is wide cannot widen it. */
	if (col < w->n_cols && w->width[col] < XLSXW_MAX_WIDTH && strlen(s) > (size_t)w->width[col])
		xlsxw_widen(w, col, xlsxw_text_width(s));
	return e == LXW_NO_ERROR ? 0 : DH_EIO;
}

int xlsxw_number(dh_xlsx_writer *w, size_t col, double v)
{
	lxw_error e = worksheet_write_number(w->sheet, w->row, (lxw_col_t)col, v, NULL);
	xlsxw_note(w, e);
	/* Digits of the whole part, a sign and a few decimals at most. */
	int digits = v < 0 ? 2 : 1;
	for (double a = v < 0 ? -v : v; a >= 10 && digits < XLSXW_MAX_WIDTH; a /= 10)
		digits++;
	xlsxw_widen(w, col, v == (double)(long long)v ? digits : digits + 4);
	return e == LXW_NO_ERROR ? 0 : DH_EIO;
}

int xlsxw_date(dh_xlsx_writer *w, size_t col, int ymd)
{
	if (!ymd)
		return 0;
	lxw_datetime dt = {.year = ymd / 10000, .month = ymd / 100 % 100, .day = ymd % 100};
	lxw_error e = worksheet_write_datetime(w->sheet, w->row, (lxw_col_t)col, &dt, w->date);
	xlsxw_note(w, e);
	xlsxw_widen(w, col, XLSXW_DATE_WIDTH - 2);
	return e == LXW_NO_ERROR ? 0 : DH_EIO;
}

void xlsxw_row_end(dh_xlsx_writer *w)
{
	w->row++;
}

int xlsxw_close(dh_xlsx_writer *w, char *why, size_t why_size)
{
	xlsxw_set_widths(w);
	lxw_error wrote = workbook_close(w->book);
	lxw_error e = w->error != LXW_NO_ERROR ? w->error : wrote;
	free(w->width);
	free(w);
	if (e == LXW_NO_ERROR)
		return 0;
	if (why && why_size)
		snprintf(why, why_size, "không ghi được bảng tính: %s", lxw_strerror(e));
	return DH_EIO;
}
