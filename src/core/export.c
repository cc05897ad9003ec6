/* export.c — every candidate as CSV for Excel or JSON Lines with its history
 * (export.h).
 *
 * Both formats walk the store's tables directly (as store.h lays them out:
 * records under type | id, parent links under child type | parent id |
 * child id), a batch of candidates per short read transaction (see
 * export_each): a candidate's row and its history come from one snapshot
 * and cost a cursor walk, not a transaction per record. */
#include "dienhinh/export.h"

#include "dienhinh/csv.h"
#include "dienhinh/date.h"
#include "dienhinh/error.h"
#include "dienhinh/record.h"
#include "dienhinh/store.h"
#include "dienhinh/buf.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

const char *const export_csv_columns[] = {
    "id",
    "year",
    "kind",
    "name",
    "department",
    "position",
    "title",
    "description",
    "stage",
    "recognised_decision",
    "recognised_date",
    "award_decision",
    "award_date",
};
const size_t export_csv_n_columns = sizeof(export_csv_columns) / sizeof(export_csv_columns[0]);

/* Key of a record in DH_T_RECORDS: type u8 | id u64. */
static void export_record_key(unsigned char key[9], dh_rtype type, uint64_t id)
{
	key[0] = (unsigned char)type;
	store_put_u64(key + 1, id);
}

/* The records of one type, in short read transactions: EXPORT_BATCH_ROWS
 * records (or EXPORT_BATCH_BYTES of output) each, written into memory,
 * and only when the transaction has ended out to the file, resumed after
 * the last id. So a consumer that stops reading (a pager, a slow pipe)
 * holds no snapshot: the pages writers free meanwhile are reused, and no
 * reader slot is kept. */
enum { EXPORT_BATCH_ROWS = 256, EXPORT_BATCH_BYTES = 256 << 10 };

typedef struct export_walk export_walk;
/* One decoded record; W->mem is where its output goes, W->txn the batch's
 * transaction. */
typedef int (*export_rec_fn)(void *rec, export_walk *w);

struct export_walk {
	dh_rtype type;
	export_rec_fn fn;
	void *ctx;
	FILE *mem;     /* this batch's output (NULL: none) */
	dh_stxn *txn;  /* this batch's transaction */
	uint64_t from; /* the first id of this batch */
	uint64_t last; /* the last id met */
	size_t left;   /* records this batch may still take */
	bool more;     /* the batch stopped before the end */
};

static int export_scan_cb(const void *key, size_t klen, const void *val, size_t vlen, void *ctx)
{
	export_walk *w = ctx;
	if (klen != 9) /* not a record's key: a batch could not resume after it */
		return store_corrupt(DH_T_RECORDS, key, klen, "khóa không phải của một bản ghi");
	void *rec = NULL;
	int rc = record_decode(w->type, val, vlen, &rec);
	if (rc == DH_ECORRUPT)
		return store_corrupt(DH_T_RECORDS, key, klen, "bản ghi không đọc được");
	if (rc)
		return rc;
	rc = w->fn(rec, w);
	record_free(w->type, rec);
	if (rc)
		return rc < 0 ? rc : 0;
	w->last = store_get_u64((const unsigned char *)key + 1);
	if (--w->left == 0 || (w->mem && ftell(w->mem) > EXPORT_BATCH_BYTES)) {
		w->more = w->last != UINT64_MAX;
		return 1;
	}
	return 0;
}

static int export_batch_fn(dh_stxn *txn, void *ctx)
{
	export_walk *w = ctx;
	unsigned char prefix = (unsigned char)w->type, from[9];
	export_record_key(from, w->type, w->from);
	w->txn = txn;
	return store_scan(txn, DH_T_RECORDS, &prefix, 1, from, sizeof(from), false, export_scan_cb, w);
}

/* Every record of TYPE through FN, batch by batch; what FN writes to
 * W->mem reaches OUT (NULL: FN writes nothing) between transactions. */
static int export_each(dh_store *st, dh_rtype type, export_rec_fn fn, void *ctx, FILE *out)
{
	export_walk w = {.type = type, .fn = fn, .ctx = ctx};
	for (;;) {
		char *buf = NULL;
		size_t len = 0;
		w.mem = out ? open_memstream(&buf, &len) : NULL;
		if (out && !w.mem)
			return DH_ENOMEM;
		w.left = EXPORT_BATCH_ROWS;
		w.more = false;
		int rc = store_read(st, export_batch_fn, &w);
		if (w.mem) {
			if (fclose(w.mem) != 0 && !rc)
				rc = DH_ENOMEM;
			if (!rc && len && fwrite(buf, 1, len, out) != len)
				rc = DH_EIO;
			free(buf);
		}
		if (rc || !w.more)
			return rc;
		w.from = w.last + 1;
	}
}

static int export_out_error(FILE *out)
{
	return ferror(out) ? DH_EIO : 0;
}

/* --- CSV ---------------------------------------------------------------- */

static int export_csv_row(void *rec, export_walk *w)
{
	FILE *out = w->mem;
	const dh_candidate *c = rec;
	if (c->meta.deleted)
		return 0;
	char d1[11], d2[11];
	csv_write_int_cell(out, 0, (long long)c->meta.id);
	if (c->year)
		csv_write_int_cell(out, 1, c->year);
	else
		csv_write_cell(out, 1, NULL);
	csv_write_cell(out, 2, kind_name(c->kind));
	csv_write_cell(out, 3, c->name);
	csv_write_cell(out, 4, c->department);
	csv_write_cell(out, 5, c->position);
	csv_write_cell(out, 6, c->title);
	csv_write_cell(out, 7, c->description);
	csv_write_cell(out, 8, stage_name(c->stage));
	csv_write_cell(out, 9, c->recognised_decision);
	csv_write_cell(out, 10, date_iso(c->recognised_date, d1));
	csv_write_cell(out, 11, c->award_decision);
	csv_write_cell(out, 12, date_iso(c->award_date, d2));
	csv_write_row_end(out);
	return export_out_error(out);
}

int export_csv(dh_store *st, FILE *out)
{
	csv_write_bom(out);
	for (size_t i = 0; i < export_csv_n_columns; i++)
		csv_write_cell(out, i, export_csv_columns[i]);
	csv_write_row_end(out);
	int rc = export_each(st, DH_R_CANDIDATE, export_csv_row, NULL, out);
	return rc ? rc : export_out_error(out);
}

/* --- JSON Lines ---------------------------------------------------------- */

/* Vote items link to their session and decisions list many candidates, so
 * neither can be found from a candidate by a link: one walk over each type
 * up front notes which record belongs to which candidate. */
typedef struct export_ref {
	uint64_t candidate;
	uint64_t id;
	int type; /* dh_decision_type for decisions */
} export_ref;

typedef struct export_refs {
	export_ref *v;
	size_t n, cap;
} export_refs;

typedef struct export_jsonl_state {
	FILE *out;
	dh_stxn *txn;
	export_refs items;
	export_refs decisions;
} export_jsonl_state;

static int export_ref_push(export_refs *r, uint64_t candidate, uint64_t id, int type)
{
	if (buf_reserve(&r->v, &r->cap, r->n + 1, sizeof(*r->v)))
		return DH_ENOMEM;
	r->v[r->n++] = (export_ref){candidate, id, type};
	return 0;
}

static int export_ref_cmp(const void *a, const void *b)
{
	const export_ref *x = a, *y = b;
	if (x->candidate != y->candidate)
		return x->candidate < y->candidate ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

static int export_note_item(void *rec, export_walk *w)
{
	const dh_vote_item *it = rec;
	return export_ref_push(w->ctx, it->candidate_id, it->meta.id, 0);
}

static int export_note_decision(void *rec, export_walk *w)
{
	const dh_decision *d = rec;
	for (size_t i = 0; i < d->candidates.n; i++) {
		int rc = export_ref_push(w->ctx, d->candidates.v[i], d->meta.id, d->type);
		if (rc)
			return rc;
	}
	return 0;
}

/* Write record TYPE/ID as the next element of a JSON array. */
static int export_json_elem(export_jsonl_state *s, size_t *written, dh_rtype type, uint64_t id)
{
	unsigned char key[9];
	export_record_key(key, type, id);
	const void *val;
	size_t len;
	int rc = store_get(s->txn, DH_T_RECORDS, key, sizeof(key), &val, &len);
	if (rc == DH_ENOTFOUND)
		return 0; /* a dangling reference is no history */
	void *rec = NULL;
	if (!rc && (rc = record_decode(type, val, len, &rec)) == DH_ECORRUPT)
		rc = store_corrupt(DH_T_RECORDS, key, sizeof(key), "bản ghi không đọc được");
	if (rc)
		return rc;
	if ((*written)++)
		putc_unlocked(',', s->out);
	record_write_json(type, rec, s->out);
	record_free(type, rec);
	return 0;
}

typedef struct export_children {
	export_jsonl_state *s;
	dh_rtype type;
	size_t written;
} export_children;

static int export_child_cb(const void *key, size_t klen, void *ctx)
{
	export_children *ch = ctx;
	if (klen != 17)
		return 0;
	return export_json_elem(ch->s, &ch->written, ch->type, store_get_u64((const unsigned char *)key + 9));
}

/* ,"NAME":[...] with the records of TYPE whose parent link is CANDIDATE. */
static int export_linked(export_jsonl_state *s, const char *name, dh_rtype type, uint64_t candidate)
{
	fprintf(s->out, ",\"%s\":[", name);
	unsigned char prefix[9];
	export_record_key(prefix, type, candidate);
	export_children ch = {s, type, 0};
	int rc = store_scan_keys(s->txn, DH_T_LINKS, prefix, sizeof(prefix), false, export_child_cb, &ch);
	putc_unlocked(']', s->out);
	return rc;
}

/* ,"NAME":[...] with the records of TYPE noted in REFS for CANDIDATE (of
 * SUBTYPE, or any when SUBTYPE < 0). */
static int export_noted(export_jsonl_state *s, const char *name, dh_rtype type, const export_refs *refs,
                        uint64_t candidate, int subtype)
{
	fprintf(s->out, ",\"%s\":[", name);
	export_ref key = {candidate, 0, 0};
	size_t lo = 0, hi = refs->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (export_ref_cmp(&refs->v[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t written = 0;
	int rc = 0;
	for (size_t i = lo; i < refs->n && refs->v[i].candidate == candidate && !rc; i++) {
		if (subtype >= 0 && refs->v[i].type != subtype)
			continue;
		if (i > lo && refs->v[i - 1].id == refs->v[i].id)
			continue; /* listed twice in one decision */
		rc = export_json_elem(s, &written, type, refs->v[i].id);
	}
	putc_unlocked(']', s->out);
	return rc;
}

static int export_jsonl_row(void *rec, export_walk *w)
{
	export_jsonl_state *s = w->ctx;
	s->out = w->mem;
	s->txn = w->txn;
	const dh_candidate *c = rec;
	char *json = record_to_json(DH_R_CANDIDATE, c);
	if (!json)
		return DH_ENOMEM;
	/* The candidate's own object, reopened to add its history. */
	size_t n = strlen(json);
	if (n < 3 || json[n - 1] != '}') {
		free(json);
		return DH_ECORRUPT;
	}
	fwrite(json, 1, n - 1, s->out);
	free(json);
	uint64_t id = c->meta.id;
	int rc;
	if ((rc = export_linked(s, "fostering", DH_R_FOSTERING, id)) ||
	    (rc = export_linked(s, "registrations", DH_R_REGISTRATION, id)) ||
	    (rc = export_noted(s, "vote_items", DH_R_VOTE_ITEM, &s->items, id, -1)) ||
	    (rc = export_noted(s, "decisions", DH_R_DECISION, &s->decisions, id, DH_DEC_RECOGNITION)) ||
	    (rc = export_noted(s, "awards", DH_R_DECISION, &s->decisions, id, DH_DEC_AWARD)) ||
	    (rc = export_linked(s, "activities", DH_R_ACTIVITY, id)))
		return rc;
	fputs("}\n", s->out);
	return export_out_error(s->out);
}

int export_jsonl(dh_store *st, FILE *out)
{
	export_jsonl_state s = {.out = out};
	int rc = export_each(st, DH_R_VOTE_ITEM, export_note_item, &s.items, NULL);
	if (!rc)
		rc = export_each(st, DH_R_DECISION, export_note_decision, &s.decisions, NULL);
	if (!rc && s.items.n)
		qsort(s.items.v, s.items.n, sizeof(*s.items.v), export_ref_cmp);
	if (!rc && s.decisions.n)
		qsort(s.decisions.v, s.decisions.n, sizeof(*s.decisions.v), export_ref_cmp);
	if (!rc)
		rc = export_each(st, DH_R_CANDIDATE, export_jsonl_row, &s, out);
	free(s.items.v);
	free(s.decisions.v);
	return rc ? rc : export_out_error(out);
}
