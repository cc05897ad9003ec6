/* ui_rows.h — for a list (ui_list.h) whose rows are records: where an id
 * stands among the ids a source lists, and the cells that rows of records
 * fill alike (a deleted record dimmed and marked, a decision). The record
 * under the cursor is the list's own (ui_list_record). */
#ifndef DIENHINH_UI_ROWS_H
#define DIENHINH_UI_ROWS_H

#include "dienhinh/config.h"
#include "dienhinh/record.h"
#include "dienhinh/repo.h"
#include "dienhinh/ui_list.h"

#include <stddef.h>
#include <stdint.h>

/* Where ID stands among the N ids of IDS, or SIZE_MAX: the index_of of a
 * source that lists an array of ids. */
size_t ui_rows_index(const uint64_t *ids, size_t n, uint64_t id);

/* How a source makes the row of one record REC (CTX: the source's). */
typedef void (*ui_rows_fill)(void *ctx, const void *rec, ui_list_row *row);
/* Rows of at most N records of TYPE read a page at a time from id FROM
 * (REVERSE: down from it), each made by FILL into OUT: how many. */
size_t ui_rows_page(dh_store *st, dh_rtype type, uint64_t from, bool reverse, size_t n, ui_list_row *out,
                    ui_rows_fill fill, void *ctx);
/* Rows of the records of TYPE whose ids are the N_IDS of IDS, at most N,
 * each made by FILL into OUT; a record that cannot be read is left out:
 * how many. */
size_t ui_rows_of_ids(dh_store *st, dh_rtype type, const uint64_t *ids, size_t n_ids, size_t n,
                      ui_list_row *out, ui_rows_fill fill, void *ctx);

/* The row of a dated record begun: dimmed when M is deleted, DATE in
 * the first cell. */
void ui_rows_dated(ui_list_row *row, const dh_meta *m, int date);
/* TEXT (NULL: none) in cell K, after "(đã xóa) " when M is deleted: a
 * deleted record stays in its list, and says so where it is named. */
void ui_rows_named(ui_list_row *row, int k, const dh_meta *m, const char *text);
/* A decision's row (recognition or award): number, date, signer (named
 * by CFG), its records, and "Có hiệu lực" in cell 4; dimmed when revoked,
 * where the screen says so in cell 4 its own way. */
void ui_rows_decision(ui_list_row *row, const dh_config *cfg, const dh_decision *d);

#endif
