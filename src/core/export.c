/* export.c — every candidate as CSV for Excel or JSON Lines with its history
 * (export.h).
 *
 * Both formats walk one read transaction of the store directly (the tables
 * as store.h lays them out: records under type | id, parent links under
 * child type | parent id | child id), so the output is one snapshot and a
 * candidate's history costs a cursor walk, not a transaction per record. */
#include "dienhinh/export.h"

#include "dienhinh/csv.h"
#include "dienhinh/date.h"
#include "dienhinh/error.h"
#include "dienhinh/record.h"
#include "dienhinh/store.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

const char *const export_csv_columns[] = {
	"id",	 "year",	"kind",		       "name",		  "department",	    "position",	  "title",
	"description", "stage", "recognised_decision", "recognised_date", "award_decision", "award_date",
};
const size_t export_csv_n_columns = sizeof(export_csv_columns) / sizeof(export_csv_columns[0]);

/* Key of a record in DH_T_RECORDS: type u8 | id u64. */
static void export_record_key(unsigned char key[9], dh_rtype type, uint64_t id)
{
	key[0] = (unsigned char)type;
	store_put_u64(key + 1, id);
}

/* Calls FN for every record of TYPE in the transaction, decoded. */
typedef int (*export_rec_fn)(void *rec, void *ctx);

typedef struct export_scan {
	dh_rtype type;
	export_rec_fn fn;
	void *ctx;
} export_scan;

static int export_scan_cb(const void *key, size_t klen, const void *val, size_t vlen, void *ctx)
{
	(void)key;
	export_scan *s = ctx;
	if (klen != 9)
		return 0;
	void *rec = NULL;
	int rc = record_decode(s->type, val, vlen, &rec);
	if (rc)
		return rc;
	rc = s->fn(rec, s->ctx);
	record_free(s->type, rec);
	return rc;
}

static int export_each(dh_stxn *txn, dh_rtype type, export_rec_fn fn, void *ctx)
{
	unsigned char prefix = (unsigned char)type;
	export_scan s = {type, fn, ctx};
	return store_scan(txn, DH_T_RECORDS, &prefix, 1, NULL, 0, false, export_scan_cb, &s);
}

static int export_out_error(FILE *out)
{
	return ferror(out) ? DH_EIO : 0;
}

/* --- CSV ---------------------------------------------------------------- */

static int export_csv_row(void *rec, void *ctx)
{
	FILE *out = ctx;
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

static int export_csv_fn(dh_stxn *txn, void *ctx)
{
	FILE *out = ctx;
	csv_write_bom(out);
	for (size_t i = 0; i < export_csv_n_columns; i++)
		csv_write_cell(out, i, export_csv_columns[i]);
	csv_write_row_end(out);
	return export_each(txn, DH_R_CANDIDATE, export_csv_row, out);
}

int export_csv(dh_store *st, FILE *out)
{
	int rc = store_read(st, export_csv_fn, out);
	return rc ? rc : export_out_error(out);
}

/* --- JSON Lines ---------------------------------------------------------- */

/* Which decisions name which candidate: decisions have no parent link (one
 * decision lists many candidates), so they are read once, up front. */
typedef struct export_dec_ref {
	uint64_t candidate;
	size_t decision; /* index into jsonl.decisions */
} export_dec_ref;

typedef struct export_jsonl_state {
	FILE *out;
	dh_stxn *txn;
	dh_decision **decisions;
	size_t n_decisions, cap_decisions;
	export_dec_ref *refs;
	size_t n_refs, cap_refs;
} export_jsonl_state;

static int export_keep_decision(void *rec, void *ctx)
{
	export_jsonl_state *s = ctx;
	dh_decision *d = rec;
	if (s->n_decisions == s->cap_decisions) {
		size_t cap = s->cap_decisions ? s->cap_decisions * 2 : 64;
		dh_decision **nd = realloc(s->decisions, cap * sizeof(*nd));
		if (!nd)
			return DH_ENOMEM;
		s->decisions = nd;
		s->cap_decisions = cap;
	}
	dh_decision *copy = record_dup(DH_R_DECISION, d);
	if (!copy)
		return DH_ENOMEM;
	size_t index = s->n_decisions;
	s->decisions[s->n_decisions++] = copy;
	for (size_t i = 0; i < d->candidates.n; i++) {
		if (s->n_refs == s->cap_refs) {
			size_t cap = s->cap_refs ? s->cap_refs * 2 : 256;
			export_dec_ref *nr = realloc(s->refs, cap * sizeof(*nr));
			if (!nr)
				return DH_ENOMEM;
			s->refs = nr;
			s->cap_refs = cap;
		}
		s->refs[s->n_refs++] = (export_dec_ref){d->candidates.v[i], index};
	}
	return 0;
}

static int export_ref_cmp(const void *a, const void *b)
{
	const export_dec_ref *x = a, *y = b;
	if (x->candidate != y->candidate)
		return x->candidate < y->candidate ? -1 : 1;
	return x->decision < y->decision ? -1 : x->decision > y->decision;
}

/* Writes ",\"KEY\":[" then each element, then "]". */
typedef struct export_children {
	export_jsonl_state *s;
	dh_rtype type;
	size_t written;
} export_children;

static void export_json_elem(export_jsonl_state *s, size_t *written, dh_rtype type, const void *rec)
{
	if ((*written)++)
		putc_unlocked(',', s->out);
	record_write_json(type, rec, s->out);
}

static int export_child_cb(const void *key, size_t klen, const void *val, size_t vlen, void *ctx)
{
	(void)val;
	(void)vlen;
	export_children *ch = ctx;
	if (klen != 17)
		return 0;
	unsigned char rkey[9];
	export_record_key(rkey, ch->type, store_get_u64((const unsigned char *)key + 9));
	const void *rv;
	size_t rlen;
	int rc = store_get(ch->s->txn, DH_T_RECORDS, rkey, sizeof(rkey), &rv, &rlen);
	if (rc == DH_ENOTFOUND)
		return 0; /* a dangling link is no history */
	if (rc)
		return rc;
	void *rec = NULL;
	if ((rc = record_decode(ch->type, rv, rlen, &rec)))
		return rc;
	export_json_elem(ch->s, &ch->written, ch->type, rec);
	record_free(ch->type, rec);
	return 0;
}

static int export_history(export_jsonl_state *s, const char *name, dh_rtype type, uint64_t parent)
{
	fprintf(s->out, ",\"%s\":[", name);
	unsigned char prefix[9];
	prefix[0] = (unsigned char)type;
	store_put_u64(prefix + 1, parent);
	export_children ch = {s, type, 0};
	int rc = store_scan(s->txn, DH_T_LINKS, prefix, sizeof(prefix), NULL, 0, false, export_child_cb, &ch);
	putc_unlocked(']', s->out);
	return rc;
}

static void export_decisions_of(export_jsonl_state *s, uint64_t candidate, int type, const char *name)
{
	fprintf(s->out, ",\"%s\":[", name);
	export_dec_ref key = {candidate, 0};
	/* The first ref of CANDIDATE: refs are sorted by candidate, then index. */
	size_t lo = 0, hi = s->n_refs;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (export_ref_cmp(&s->refs[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t written = 0;
	for (size_t i = lo; i < s->n_refs && s->refs[i].candidate == candidate; i++) {
		const dh_decision *d = s->decisions[s->refs[i].decision];
		if (d->type == type && !(i > lo && s->refs[i - 1].decision == s->refs[i].decision))
			export_json_elem(s, &written, DH_R_DECISION, d);
	}
	putc_unlocked(']', s->out);
}

static int export_jsonl_row(void *rec, void *ctx)
{
	export_jsonl_state *s = ctx;
	const dh_candidate *c = rec;
	char *json = record_to_json(DH_R_CANDIDATE, c);
	if (!json)
		return DH_ENOMEM;
	/* The candidate's object, reopened to add its history. */
	size_t n = strlen(json);
	if (n < 2 || json[n - 1] != '}') {
		free(json);
		return DH_ECORRUPT;
	}
	fwrite(json, 1, n - 1, s->out);
	bool empty = n == 2;
	free(json);
	if (empty)
		fputs("\"id\":0", s->out); /* never: a candidate has fields */
	static const struct {
		const char *name;
		dh_rtype type;
	} history[] = {
		{"fostering", DH_R_FOSTERING},
		{"registrations", DH_R_REGISTRATION},
		{"vote_items", DH_R_VOTE_ITEM},
	};
	int rc;
	for (size_t i = 0; i < sizeof(history) / sizeof(history[0]); i++)
		if ((rc = export_history(s, history[i].name, history[i].type, c->meta.id)))
			return rc;
	export_decisions_of(s, c->meta.id, DH_DEC_RECOGNITION, "decisions");
	export_decisions_of(s, c->meta.id, DH_DEC_AWARD, "awards");
	if ((rc = export_history(s, "activities", DH_R_ACTIVITY, c->meta.id)))
		return rc;
	fputs("}\n", s->out);
	return export_out_error(s->out);
}

static int export_jsonl_fn(dh_stxn *txn, void *ctx)
{
	export_jsonl_state *s = ctx;
	s->txn = txn;
	int rc = export_each(txn, DH_R_DECISION, export_keep_decision, s);
	if (rc)
		return rc;
	if (s->n_refs)
		qsort(s->refs, s->n_refs, sizeof(*s->refs), export_ref_cmp);
	return export_each(txn, DH_R_CANDIDATE, export_jsonl_row, s);
}

int export_jsonl(dh_store *st, FILE *out)
{
	export_jsonl_state s = {.out = out};
	int rc = store_read(st, export_jsonl_fn, &s);
	for (size_t i = 0; i < s.n_decisions; i++)
		record_free(DH_R_DECISION, s.decisions[i]);
	free(s.decisions);
	free(s.refs);
	return rc ? rc : export_out_error(out);
}
