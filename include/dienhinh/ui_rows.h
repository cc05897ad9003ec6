/* ui_rows.h — for a list (ui_list.h) whose rows are records: the record
 * under the cursor, kept while the cursor stays on its row (what a screen
 * shows below its list, and what the key line asks the workflow about,
 * without reading it again at every draw); where an id stands among
 * the ids a source lists; and the cells that rows of records fill alike
 * (a deleted record dimmed and marked, a decision).
 *
 * A screen keeps a ui_peek beside its ui_list (ui_peek_init with the
 * record type its rows' ids are), asks ui_peek_current where it needs the
 * record, ui_peek_forget when the data changed (reload), ui_peek_free in
 * its destroy. */
#ifndef DIENHINH_UI_ROWS_H
#define DIENHINH_UI_ROWS_H

#include "dienhinh/config.h"
#include "dienhinh/record.h"
#include "dienhinh/repo.h"
#include "dienhinh/ui_list.h"

#include <stddef.h>
#include <stdint.h>

typedef struct ui_peek {
	dh_rtype type;
	void *rec; /* the record kept; NULL: none */
} ui_peek;

void ui_peek_init(ui_peek *pk, dh_rtype type);
/* The record under L's cursor (the row's id; for DH_R_AUDIT the entry's
 * sequence number), read from ST only when the cursor moved to another
 * id; NULL when the list is empty, the row opens nothing, or the read
 * failed. Borrowed: it stays until the cursor moves or ui_peek_forget. */
const void *ui_peek_current(ui_peek *pk, ui_list *l, dh_store *st);
/* Drop the record kept: the next ui_peek_current reads it again. */
void ui_peek_forget(ui_peek *pk);
void ui_peek_free(ui_peek *pk);

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
