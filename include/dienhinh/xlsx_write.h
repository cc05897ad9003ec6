/* xlsx_write.h — writing an Excel workbook row by row (libxlsxwriter).
 * Knows no records: sheets of text, numbers and dates.
 *
 * Every sheet starts with its header row, bold and frozen so that it stays
 * in view as one scrolls; each column gets the width of its widest cell
 * (counted in terminal columns, 8 to 60). Dates are real date cells shown
 * dd/mm/yyyy, so Excel sorts and filters them as dates. Rows go straight
 * to a temporary file (libxlsxwriter's constant-memory mode), so a large
 * export takes little memory; the workbook itself is only written, whole,
 * by xlsxw_close, to the path given (the caller writes aside and renames:
 * doc_file.h). Text is written as text, never as a formula. */
#ifndef DIENHINH_XLSX_WRITE_H
#define DIENHINH_XLSX_WRITE_H

#include <stddef.h>

typedef struct dh_xlsx_writer dh_xlsx_writer;

/* A workbook to be written to PATH. 0 and *OUT, or DH_ENOMEM / DH_EIO. */
int xlsxw_open(const char *path, dh_xlsx_writer **out);
/* A new sheet (NAME: at most 31 characters, none of []:*?/\) with its
 * header row of N COLUMNS; the rows that follow go to it. */
int xlsxw_sheet(dh_xlsx_writer *w, const char *name, const char *const *columns, size_t n);
/* Cells of the current row, columns in any order; NULL or "" and a date 0
 * leave the cell empty. */
int xlsxw_text(dh_xlsx_writer *w, size_t col, const char *s);
int xlsxw_number(dh_xlsx_writer *w, size_t col, double v);
int xlsxw_date(dh_xlsx_writer *w, size_t col, int ymd);
/* The row is done; the next cells go to the row below. */
void xlsxw_row_end(dh_xlsx_writer *w);
/* Write the workbook and free W: 0, or DH_EIO (the file may then be
 * partly written) with a reason in WHY. */
int xlsxw_close(dh_xlsx_writer *w, char *why, size_t why_size);

#endif
