/* rows.c — a list's rows as records: the one under the cursor, kept,
 * where an id stands, and the cells records of a kind fill alike
 * (ui_rows.h). */
#include "dienhinh/ui_rows.h"

#include "dienhinh/config.h"
#include "dienhinh/date.h"

#include <stdio.h>

void ui_peek_init(ui_peek *pk, dh_rtype type)
{
	pk->type = type;
	pk->rec = NULL;
}

void ui_peek_forget(ui_peek *pk)
{
	record_free(pk->type, pk->rec);
	pk->rec = NULL;
}

void ui_peek_free(ui_peek *pk)
{
	ui_peek_forget(pk);
}

static int dup_first_cb(const void *rec, void *arg)
{
	ui_peek *pk = arg;
	pk->rec = record_dup(pk->type, rec);
	return 1;
}

/* Record ID into pk->rec: an audit entry is read by its sequence number. */
static void peek_read(ui_peek *pk, dh_store *st, uint64_t id)
{
	if (pk->type != DH_R_AUDIT) {
		void *rec = NULL;
		if (repo_get(st, pk->type, id, &rec) == 0)
			pk->rec = rec;
		return;
	}
	repo_audit(st, id, dup_first_cb, pk);
	if (pk->rec && ((const dh_meta *)pk->rec)->id != id)
		ui_peek_forget(pk);
}

const void *ui_peek_current(ui_peek *pk, ui_list *l, dh_store *st)
{
	const ui_list_row *row = l->count ? ui_list_current(l) : NULL;
	if (!row || !row->id) {
		ui_peek_forget(pk);
		return NULL;
	}
	if (pk->rec && ((const dh_meta *)pk->rec)->id == row->id)
		return pk->rec;
	ui_peek_forget(pk);
	if (st)
		peek_read(pk, st, row->id);
	return pk->rec;
}

size_t ui_rows_index(const uint64_t *ids, size_t n, uint64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (ids[i] == id)
			return i;
	return SIZE_MAX;
}

void ui_rows_dated(ui_list_row *row, const dh_meta *m, int date)
{
	char day[11];
	row->style = m->deleted ? UI_S_DIM : UI_S_NORMAL;
	snprintf(row->cells[0], UI_LIST_CELL, "%s", date_vn(date, day));
}

typedef struct rows_paging {
	ui_list_row *out;
	size_t n, max;
	ui_rows_fill fill;
	void *ctx;
} rows_paging;

static int rows_page_cb(const void *rec, void *arg)
{
	rows_paging *p = arg;
	p->fill(p->ctx, rec, &p->out[p->n++]);
	return p->n >= p->max;
}

size_t ui_rows_page(dh_store *st, dh_rtype type, uint64_t from, bool reverse, size_t n, ui_list_row *out,
                    ui_rows_fill fill, void *ctx)
{
	rows_paging p = {out, 0, n, fill, ctx};
	if (st)
		repo_page(st, type, from, n, reverse, rows_page_cb, &p);
	return p.n;
}

size_t ui_rows_of_ids(dh_store *st, dh_rtype type, const uint64_t *ids, size_t n_ids, size_t n,
                      ui_list_row *out, ui_rows_fill fill, void *ctx)
{
	size_t k = 0;
	for (size_t i = 0; st && i < n_ids && k < n; i++) {
		void *rec = NULL;
		if (repo_get(st, type, ids[i], &rec) != 0)
			continue;
		fill(ctx, rec, &out[k++]);
		record_free(type, rec);
	}
	return k;
}

void ui_rows_decision(ui_list_row *row, const dh_config *cfg, const dh_decision *d)
{
	char day[11];
	row->style = d->revoked ? UI_S_DIM : UI_S_NORMAL;
	snprintf(row->cells[0], UI_LIST_CELL, "%s", d->number ? d->number : "");
	snprintf(row->cells[1], UI_LIST_CELL, "%s", date_vn(d->date, day));
	snprintf(row->cells[2], UI_LIST_CELL, "%s", config_person_name(cfg, d->signer));
	snprintf(row->cells[3], UI_LIST_CELL, "%zu", d->candidates.n);
	snprintf(row->cells[4], UI_LIST_CELL, "Có hiệu lực");
}

void ui_rows_named(ui_list_row *row, int k, const dh_meta *m, const char *text)
{
	snprintf(row->cells[k], UI_LIST_CELL, "%s%s", m->deleted ? "(đã xóa) " : "", text ? text : "");
}
