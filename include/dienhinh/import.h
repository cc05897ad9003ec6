/* import.h — candidates from a spreadsheet (DESIGN.md §6), all or nothing.
 *
 * The file is CSV (csv.h) whose header row names the columns, in any order:
 *   year, kind, name, department, position, title, description, stage,
 *   recognised_decision, recognised_date, award_decision, award_date
 * and `id`, which is accepted and ignored so that an export imports again.
 * Only kind, name and department are required. kind and stage are ids
 * (individual, recognised) or their Vietnamese labels; department an id or a
 * name from config; dates YYYY-MM-DD or DD/MM/YYYY; year empty = the plan's.
 * Text is checked (valid UTF-8, no control characters, none of the invisible
 * codepoints of utf8_invisible(); a BOM may open the file) and stored NFC.
 *
 * The file is read as a stream, twice at most: pass 1 parses and checks
 * every row and reports every fault, writing nothing; a file of at most
 * 2000 rows then goes into the store in one write, from what
 * pass 1 kept. A larger one (over 2000 rows) is read again (a pipe's bytes were kept aside
 * in a temporary file) and staged (repo.h, Staging): a few thousand rows a
 * write, hidden from everyone else, then published in one last small
 * write. Either way a file is imported whole or not at all, even when the
 * process is killed halfway (what a killed import staged is cleared by the
 * next start), no one's save waits for more than one chunk, and memory
 * stays flat whatever the file's size. One import at a time: another one
 * meanwhile is refused (DH_EBUSY, ctx->message says who imports).
 * While a large file goes in, ERR shows a progress line if it is a
 * terminal (rows done, the rate, the time left), nothing otherwise. */
#ifndef DIENHINH_IMPORT_H
#define DIENHINH_IMPORT_H

#include "dienhinh/workflow.h"

#include <stddef.h>
#include <stdio.h>

/* How many row errors are printed before "… và N lỗi khác". */
#define IMPORT_MAX_ERRORS 50

typedef struct dh_import_result {
	size_t rows;    /* data rows read (blank rows not counted) */
	size_t errors;  /* rows (or header problems) refused */
	size_t written; /* candidates stored (rows, or 0) */
} dh_import_result;

/* Import DATA (LEN bytes) as read from a file called NAME (used in the
 * messages and, its last part, as the audit note, both through
 * utf8_escape(): a control character in a file name is written out). Checks ctx's import permission first (DH_EPERM, ctx->message).
 * Each problem goes to ERR as "NAME:LINE: message", LINE being the line the
 * row starts on; any problem → DH_EINVAL and nothing written. */
int import_csv(dh_ctx *ctx, const char *name, const char *data, size_t len, FILE *err, dh_import_result *res);

/* Rows that are not lines of a file of their own: a workbook's sheet made
 * into CSV text (import_xlsx.h). Messages then name "NAME!ROW" instead of
 * "NAME:LINE", ROW being ROW_OF_LINE[LINE - 1] for the CSV line LINE a row
 * starts on (LINE itself past N_LINES). */
typedef struct dh_import_rows {
	const long *row_of_line;
	size_t n_lines;
} dh_import_rows;

/* import_csv with ROWS (NULL: import_csv itself). */
int import_csv_rows(dh_ctx *ctx, const char *name, const dh_import_rows *rows, const char *data, size_t len,
                    FILE *err, dh_import_result *res);

/* Parse and check DATA (LEN bytes, any bytes) exactly as import_csv does,
 * against CFG alone: no store, no permission check, nothing written
 * (res->written stays 0). Messages go to ERR as import_csv writes them (ERR
 * may be NULL: nothing printed); the first, "NAME:LINE: message" without
 * its newline, is also copied into FIRST (FIRST_SIZE bytes, cut to fit; ""
 * when every row would import; FIRST may be NULL). 0, DH_EINVAL when a row
 * or the header is refused, or DH_ENOMEM. The byte-level entry a fuzzer
 * reaches without opening LMDB. */
int import_check(const dh_config *cfg, const char *name, const char *data, size_t len, FILE *err,
                 char *first, size_t first_size, dh_import_result *res);

/* The same for the CSV bytes read from FD (a file, or a pipe: then kept
 * aside in a temporary file for pass 2), NAME naming it in messages: the
 * entry for CSV made on the fly (a sheet of a workbook). A file that
 * cannot be read → DH_EIO, described on ERR. */
int import_fd(dh_ctx *ctx, const char *name, int fd, FILE *err, dh_import_result *res);

/* The same for the file at PATH ("-" reads standard input). A file that
 * cannot be read → DH_EIO, described on ERR. An Excel workbook (the zip's
 * magic bytes) is read as import_workbook reads it, its first sheet; an
 * .xls or a file named .xlsx that is not one is refused with a message. */
int import_file(dh_ctx *ctx, const char *path, FILE *err, dh_import_result *res);

#endif
