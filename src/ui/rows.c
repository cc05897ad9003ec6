/* rows.c — a list's rows as records: where an id stands, and the cells
 * records of a kind fill alike (ui_rows.h). */
#include "dienhinh/ui_rows.h"

#include "dienhinh/config.h"
#include "dienhinh/date.h"

#include <stdio.h>

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
