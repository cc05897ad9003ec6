/* import_xlsx.h — candidates from an Excel workbook (.xlsx), as from CSV.
 *
 * One sheet (the first, or the one named) is read through xlsx.h and made
 * into CSV text in memory, every cell quoted, which then goes through the
 * CSV import (import.h) unchanged: the same columns, rules and all-or-
 * nothing write. Messages name "FILE:SHEET!ROW", ROW as Excel numbers the
 * sheet's rows. A date cell arrives as YYYY-MM-DD; a date column also
 * takes a bare serial number (date_parse_serial) and the text forms. */
#ifndef DIENHINH_IMPORT_XLSX_H
#define DIENHINH_IMPORT_XLSX_H

#include "dienhinh/import.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Whether DATA starts as a zip does (PK\3\4): a workbook to try. */
bool import_is_workbook(const char *data, size_t len);

/* A file that is a spreadsheet we cannot read — an Excel 97–2003 .xls (or
 * a workbook with a password, which Excel keeps in the same container),
 * or a file named .xlsx that is not a zip: true, with a message on ERR
 * naming NAME. */
bool import_workbook_refused(const char *name, const char *data, size_t len, FILE *err);
/* A file import_workbook_file must read (a workbook, or one it refuses
 * with its own message), by its first bytes DATA and its NAME. */
bool import_workbook_suspect(const char *name, const char *data, size_t len);

/* Import sheet SHEET (NULL: the first) of the workbook in DATA (LEN
 * bytes) read from NAME. A workbook that cannot be read or has no such
 * sheet → DH_EINVAL, one error, said on ERR; else as import_csv. */
int import_workbook(dh_ctx *ctx, const char *name, const char *sheet, const char *data, size_t len, FILE *err,
                    dh_import_result *res);

/* The same for the file at PATH ("-": standard input); DH_EIO when it
 * cannot be read. */
int import_workbook_file(dh_ctx *ctx, const char *path, const char *sheet, FILE *err, dh_import_result *res);

#endif
