/* export_xlsx.c — the store's candidates and their history as a workbook
 * (export_xlsx.h), fed row by row to xlsx_write.h. */
#include "dienhinh/export_xlsx.h"

#include "dienhinh/date.h"
#include "dienhinh/doc_file.h"
#include "dienhinh/error.h"
#include "dienhinh/export.h"
#include "dienhinh/record.h"
#include "dienhinh/store.h"
#include "dienhinh/xlsx_write.h"
#include "dienhinh/buf.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A sheet of history: records of TYPE (of decision SUBTYPE, or any when
 * SUBTYPE < 0). */
typedef struct export_xlsx_kind {
	const char *sheet;
	dh_rtype type;
	int subtype;
} export_xlsx_kind;

static const export_xlsx_kind export_xlsx_kinds[] = {
    {"Bồi dưỡng", DH_R_FOSTERING, -1},
    {"Đăng ký", DH_R_REGISTRATION, -1},
    {"Biểu quyết", DH_R_VOTE_ITEM, -1},
    {"QĐ công nhận", DH_R_DECISION, DH_DEC_RECOGNITION},
    {"QĐ khen thưởng", DH_R_DECISION, DH_DEC_AWARD},
    {"Nhân rộng", DH_R_ACTIVITY, -1},
};

typedef struct export_xlsx_state {
	dh_xlsx_writer *w;
	const export_xlsx_kind *kind;
	const dh_schema *schema;
	/* Deleted candidates, in id order (the scan's): their history stays out. */
	uint64_t *deleted;
	size_t n_deleted, cap_deleted;
	char *joined; /* a list's text, reused */
	size_t joined_cap;
} export_xlsx_state;

static bool export_xlsx_is_deleted(const export_xlsx_state *s, uint64_t id)
{
	size_t lo = 0, hi = s->n_deleted;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->deleted[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->n_deleted && s->deleted[lo] == id;
}

/* --- Hồ sơ ------------------------------------------------------------------ */

static int export_xlsx_candidate(export_xlsx_state *s, const dh_candidate *c)
{
	if (c->meta.deleted) {
		if (buf_reserve(&s->deleted, &s->cap_deleted, s->n_deleted + 1, sizeof(*s->deleted)))
			return DH_ENOMEM;
		s->deleted[s->n_deleted++] = c->meta.id;
		return 0;
	}
	dh_xlsx_writer *w = s->w;
	int rc;
	/* The columns of export_csv_columns, in their order. */
	if ((rc = xlsxw_number(w, 0, (double)c->meta.id)) ||
	    (c->year && (rc = xlsxw_number(w, 1, c->year))) || (rc = xlsxw_text(w, 2, kind_name(c->kind))) ||
	    (rc = xlsxw_text(w, 3, c->name)) || (rc = xlsxw_text(w, 4, c->department)) ||
	    (rc = xlsxw_text(w, 5, c->position)) || (rc = xlsxw_text(w, 6, c->title)) ||
	    (rc = xlsxw_text(w, 7, c->description)) || (rc = xlsxw_text(w, 8, stage_name(c->stage))) ||
	    (rc = xlsxw_text(w, 9, c->recognised_decision)) || (rc = xlsxw_date(w, 10, c->recognised_date)) ||
	    (rc = xlsxw_text(w, 11, c->award_decision)) || (rc = xlsxw_date(w, 12, c->award_date)))
		return rc;
	xlsxw_row_end(w);
	return 0;
}

/* --- history ---------------------------------------------------------------- */

/* The Vietnamese label of an enum field, or NULL when FIELD is a plain
 * number. */
static const char *export_xlsx_label(dh_rtype type, const char *field, int v)
{
	if (type == DH_R_FOSTERING && strcmp(field, "kind") == 0)
		return fostering_kind_label(v);
	if (type == DH_R_REGISTRATION && strcmp(field, "status") == 0)
		return reg_status_label(v);
	if (type == DH_R_VOTE_ITEM && strcmp(field, "result") == 0)
		return result_label(v);
	if (type == DH_R_DECISION && strcmp(field, "type") == 0)
		return decision_type_label(v);
	if (type == DH_R_ACTIVITY && strcmp(field, "kind") == 0)
		return activity_kind_label(v);
	return NULL;
}

static int export_xlsx_join(export_xlsx_state *s, size_t need)
{
	if (buf_reserve(&s->joined, &s->joined_cap, need, 1))
		return DH_ENOMEM;
	return 0;
}

static int export_xlsx_field(export_xlsx_state *s, size_t col, const dh_field *f, const void *rec)
{
	const char *p = (const char *)rec + f->offset;
	dh_xlsx_writer *w = s->w;
	switch (f->type) {
	case DH_F_STR: return xlsxw_text(w, col, *(char *const *)p);
	case DH_F_INT: {
		int v = *(const int *)p;
		const char *label = export_xlsx_label(s->schema->type, f->name, v);
		return label ? xlsxw_text(w, col, label) : xlsxw_number(w, col, v);
	}
	case DH_F_I64: return xlsxw_number(w, col, (double)*(const int64_t *)p);
	case DH_F_U32: return xlsxw_number(w, col, *(const uint32_t *)p);
	case DH_F_ID: {
		uint64_t v = *(const uint64_t *)p;
		return v ? xlsxw_number(w, col, (double)v) : 0;
	}
	case DH_F_DATE: return date_valid(*(const int *)p) ? xlsxw_date(w, col, *(const int *)p) : 0;
	case DH_F_BOOL: return xlsxw_text(w, col, *(const bool *)p ? "có" : "không");
	case DH_F_STRLIST: {
		const dh_strlist *l = (const dh_strlist *)p;
		size_t need = 1;
		for (size_t i = 0; i < l->n; i++)
			need += strlen(l->v[i]) + 2;
		int rc = export_xlsx_join(s, need);
		if (rc)
			return rc;
		size_t used = 0;
		s->joined[0] = '\0';
		for (size_t i = 0; i < l->n; i++)
			used += (size_t)sprintf(s->joined + used, "%s%s", i ? "; " : "", l->v[i]);
		return xlsxw_text(w, col, s->joined);
	}
	case DH_F_IDLIST: {
		const dh_idlist *l = (const dh_idlist *)p;
		int rc = export_xlsx_join(s, l->n * 22 + 1);
		if (rc)
			return rc;
		size_t used = 0;
		s->joined[0] = '\0';
		for (size_t i = 0; i < l->n; i++)
			used += (size_t)sprintf(s->joined + used, "%s%" PRIu64, i ? "; " : "", l->v[i]);
		return xlsxw_text(w, col, s->joined);
	}
	}
	return 0;
}

/* The candidate a history record belongs to, 0 when it has no such field. */
static uint64_t export_xlsx_owner(const dh_schema *sc, const void *rec)
{
	for (size_t i = DH_META_NFIELDS; i < sc->n_fields; i++)
		if (sc->fields[i].type == DH_F_ID && strcmp(sc->fields[i].name, "candidate_id") == 0)
			return *(const uint64_t *)((const char *)rec + sc->fields[i].offset);
	return 0;
}

static int export_xlsx_history(export_xlsx_state *s, const void *rec)
{
	const dh_schema *sc = s->schema;
	const dh_meta *meta = rec;
	if (meta->deleted)
		return 0;
	if (s->kind->subtype >= 0 && ((const dh_decision *)rec)->type != s->kind->subtype)
		return 0;
	uint64_t owner = export_xlsx_owner(sc, rec);
	if (owner && export_xlsx_is_deleted(s, owner))
		return 0;
	int rc = xlsxw_number(s->w, 0, (double)meta->id);
	for (size_t i = DH_META_NFIELDS; i < sc->n_fields && !rc; i++)
		rc = export_xlsx_field(s, 1 + i - DH_META_NFIELDS, &sc->fields[i], rec);
	if (rc)
		return rc;
	xlsxw_row_end(s->w);
	return 0;
}

/* --- the walk --------------------------------------------------------------- */

static int export_xlsx_scan_cb(const void *key, size_t klen, const void *val, size_t vlen, void *ctx)
{
	(void)key;
	export_xlsx_state *s = ctx;
	if (klen != 9)
		return 0;
	void *rec = NULL;
	int rc = record_decode(s->schema->type, val, vlen, &rec);
	if (rc)
		return rc;
	rc = s->schema->type == DH_R_CANDIDATE ? export_xlsx_candidate(s, rec) : export_xlsx_history(s, rec);
	record_free(s->schema->type, rec);
	return rc;
}

static int export_xlsx_each(dh_stxn *txn, export_xlsx_state *s, dh_rtype type)
{
	s->schema = record_schema(type);
	unsigned char prefix = (unsigned char)type;
	return store_scan(txn, DH_T_RECORDS, &prefix, 1, NULL, 0, false, export_xlsx_scan_cb, s);
}

static int export_xlsx_fn(dh_stxn *txn, void *ctx)
{
	export_xlsx_state *s = ctx;
	s->n_deleted = 0;
	int rc = xlsxw_sheet(s->w, "Hồ sơ", export_csv_columns, export_csv_n_columns);
	if (rc || (rc = export_xlsx_each(txn, s, DH_R_CANDIDATE)))
		return rc;
	for (size_t k = 0; k < sizeof(export_xlsx_kinds) / sizeof(export_xlsx_kinds[0]); k++) {
		s->kind = &export_xlsx_kinds[k];
		const dh_schema *sc = record_schema(s->kind->type);
		const char *cols[64];
		size_t n = 0;
		cols[n++] = "id";
		for (size_t i = DH_META_NFIELDS; i < sc->n_fields && n < 64; i++)
			cols[n++] = sc->fields[i].name;
		if ((rc = xlsxw_sheet(s->w, s->kind->sheet, cols, n)) ||
		    (rc = export_xlsx_each(txn, s, s->kind->type)))
			return rc;
	}
	return 0;
}

int export_xlsx(dh_store *st, const char *path, char *why, size_t why_size)
{
	if (why && why_size)
		why[0] = '\0';
	dh_doc_file f;
	int rc = doc_file_begin(&f, path, why, why_size);
	if (rc)
		return rc;
	export_xlsx_state s = {0};
	rc = xlsxw_open(f.tmp, &s.w);
	if (rc) {
		doc_file_abort(&f);
		return rc;
	}
	/* One read transaction feeds every sheet; a failure discards the file. */
	rc = store_read(st, export_xlsx_fn, &s);
	int wrote = xlsxw_close(s.w, why, why_size);
	free(s.deleted);
	free(s.joined);
	if (rc || wrote) {
		doc_file_abort(&f);
		return rc ? rc : wrote;
	}
	return doc_file_commit(&f, why, why_size);
}
