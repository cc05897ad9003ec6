/* fuzz_store.c — a damaged or hostile database, read back the way a
 * session reads it (issue 15, part 5).
 *
 * Once: a real LMDB environment (on /dev/shm when there is one) with 30
 * demo candidates and their history, their lookup index written out. Per
 * input: a few arbitrary keys and values are written, raw, into the tables
 * (records, links, audit, words, fresh, meta), committed, and then the
 * entry points a session uses run on it: search (several queries, all and
 * recognised only), record reads, every record of every type, export in
 * both formats, the year's stats, the audit walk and verify. Then the
 * changes are undone, so every input starts from the same database.
 *
 * The promise (store.h, lookup.h, the decoders' headers): whatever the
 * bytes, each call returns — 0 or a dh_err — without a crash, a hang or
 * an allocation larger than the data (libFuzzer's -timeout and
 * -rss_limit_mb turn those into crashes), and without a leak.
 *
 * Input: a sequence of operations, each
 *   u8 op    table = op % 6; op & 0x80: the key is the (n % count)-th key
 *            already in that table (its value replaced), else the key
 *            follows in the input
 *   u8 n     the key's length (1..64) or its index
 *   u16 LE   the value's length (at most 2048)
 *   [key] value
 * at most 8 of them. */
#include "fuzz.h"

#include "dienhinh/demo.h"
#include "dienhinh/error.h"
#include "dienhinh/export.h"
#include "dienhinh/lookup.h"
#include "dienhinh/record.h"
#include "dienhinh/repo.h"
#include "dienhinh/stats.h"
#include "dienhinh/store.h"
#include "dienhinh/verify.h"
#include "dienhinh/workflow.h"

#include <ftw.h>
#include <unistd.h>

enum { FZ_OPS = 8, FZ_KEY_MAX = 64, FZ_VAL_MAX = 2048 };

static const dh_table fz_tables[] = {DH_T_RECORDS, DH_T_LINKS, DH_T_AUDIT, DH_T_COUNTS,
                                      DH_T_WORDS,   DH_T_FRESH, DH_T_META};

static dh_store *fz_store;
static char fz_dir[64];
static FILE *fz_null;

typedef struct fz_op {
	dh_table table;
	unsigned char key[511];
	size_t klen;
	const uint8_t *val;
	size_t vlen;
	bool had;           /* the key was there before */
	unsigned char *old; /* and its value (malloc'd) */
	size_t old_len;
	bool by_index;
	unsigned index;
} fz_op;

typedef struct fz_batch {
	fz_op op[FZ_OPS];
	size_t n;
} fz_batch;

static int fz_rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void fz_cleanup(void)
{
	store_close(fz_store);
	if (fz_null)
		fclose(fz_null);
	nftw(fz_dir, fz_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static int fz_rebuild_fn(dh_stxn *txn, void *ctx)
{
	(void)ctx;
	return lookup_rebuild(txn);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	const dh_config *cfg = fuzz_config();
	snprintf(fz_dir, sizeof(fz_dir), "%s/dh-fuzz-store-XXXXXX",
	         access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
	if (!mkdtemp(fz_dir)) {
		perror("mkdtemp");
		exit(2);
	}
	char db[96];
	snprintf(db, sizeof(db), "%s/db", fz_dir);
	if (repo_open(&fz_store, db, NULL, "tdkt") != 0) {
		fprintf(stderr, "fuzz_store: no environment at %s: %s\n", db, store_last_error());
		exit(2);
	}
	dh_ctx ctx;
	wf_ctx_init(&ctx, cfg, fz_store, "tdkt");
	dh_demo_opts opts = {.records = 30, .seed = 15};
	dh_demo_result res;
	if (demo_generate(&ctx, &opts, &res) != 0) {
		fprintf(stderr, "fuzz_store: demo data: %s\n", ctx.message);
		exit(2);
	}
	/* A few candidates stay fresh (their postings wait): write the index
	 * out, so that the fuzzer has chunks and directory keys to change. */
	if (store_write(fz_store, fz_rebuild_fn, NULL) != 0) {
		fprintf(stderr, "fuzz_store: lookup index: %s\n", store_last_error());
		exit(2);
	}
	fz_null = fopen("/dev/null", "w");
	if (!fz_null)
		exit(2);
	atexit(fz_cleanup);
	return 0;
}

/* The input taken apart into B (the values point into DATA). */
static void fz_parse(const uint8_t *data, size_t size, fz_batch *b)
{
	size_t p = 0;
	b->n = 0;
	while (b->n < FZ_OPS && size - p >= 4) {
		fz_op *o = &b->op[b->n];
		memset(o, 0, sizeof(*o));
		o->table = fz_tables[data[p] % (sizeof fz_tables / sizeof fz_tables[0])];
		o->by_index = data[p] & 0x80;
		unsigned n = data[p + 1];
		size_t vlen = (size_t)(data[p + 2] | data[p + 3] << 8) % (FZ_VAL_MAX + 1);
		p += 4;
		if (o->by_index) {
			o->index = n;
		} else {
			o->klen = n % FZ_KEY_MAX + 1;
			if (size - p < o->klen)
				break;
			memcpy(o->key, data + p, o->klen);
			p += o->klen;
		}
		if (vlen > size - p)
			vlen = size - p;
		o->val = data + p;
		o->vlen = vlen;
		p += vlen;
		b->n++;
	}
}

typedef struct fz_nth {
	unsigned want, seen;
	fz_op *op;
} fz_nth;

static int fz_nth_cb(const void *key, size_t klen, const void *val, size_t vlen, void *ctx)
{
	(void)val;
	(void)vlen;
	fz_nth *f = ctx;
	if (f->seen++ < f->want)
		return 0;
	if (klen > sizeof(f->op->key))
		return 0;
	memcpy(f->op->key, key, klen);
	f->op->klen = klen;
	return 1;
}

static int fz_count_cb(const void *key, size_t klen, const void *val, size_t vlen, void *ctx)
{
	(void)key;
	(void)klen;
	(void)val;
	(void)vlen;
	++*(unsigned *)ctx;
	return 0;
}

static int fz_apply_fn(dh_stxn *txn, void *ctx)
{
	fz_batch *b = ctx;
	for (size_t i = 0; i < b->n; i++) {
		fz_op *o = &b->op[i];
		free(o->old);
		o->old = NULL;
		o->had = false;
		if (o->by_index) {
			unsigned count = 0;
			store_scan(txn, o->table, NULL, 0, NULL, 0, false, fz_count_cb, &count);
			o->klen = 0;
			if (!count)
				continue;
			fz_nth f = {o->index % count, 0, o};
			store_scan(txn, o->table, NULL, 0, NULL, 0, false, fz_nth_cb, &f);
			if (!o->klen)
				continue;
		}
		/* The schema is read once, at open: leave it be. */
		if (o->table == DH_T_META && o->klen == 6 && memcmp(o->key, "schema", 6) == 0)
			continue;
		const void *v;
		size_t n;
		if (store_get(txn, o->table, o->key, o->klen, &v, &n) == 0) {
			o->old = malloc(n ? n : 1);
			if (!o->old)
				abort();
			memcpy(o->old, v, n);
			o->old_len = n;
			o->had = true;
		}
		int rc = store_put(txn, o->table, o->key, o->klen, o->val, o->vlen);
		if (rc) {
			o->klen = 0;
			if (rc == DH_EBUSY || rc == DH_EIO)
				return rc;
		}
	}
	return 0;
}

/* Undo, last change first. */
static int fz_undo_fn(dh_stxn *txn, void *ctx)
{
	fz_batch *b = ctx;
	for (size_t i = b->n; i-- > 0;) {
		fz_op *o = &b->op[i];
		if (!o->klen)
			continue;
		int rc = o->had ? store_put(txn, o->table, o->key, o->klen, o->old, o->old_len)
		                : store_del(txn, o->table, o->key, o->klen);
		if (rc)
			return rc;
	}
	return 0;
}

static int fz_rec_cb(const void *rec, void *ctx)
{
	(void)rec;
	++*(size_t *)ctx;
	return 0;
}

/* A store call's answer: 0 or one of the errors (never a positive number
 * from a callback leaking out). */
static void fz_answer(int rc)
{
	fuzz_assert(rc <= 0);
}

static void fz_read_everything(void)
{
	const dh_config *cfg = fuzz_config();
	static const char *const queries[] = {"o", "nguyen van", "tiếp công dân", "2021", "15/QĐ-TTr"};
	for (size_t q = 0; q < sizeof(queries) / sizeof(queries[0]); q++)
		for (int recognised = 0; recognised < 2; recognised++) {
			dh_lookup_opts lo = {
			    .recognised_only = recognised, .limit = q % 2 ? 200 : 0, .cfg = cfg};
			dh_hit *hits = NULL;
			size_t n = 0;
			int rc = lookup_search(fz_store, queries[q], &lo, &hits, &n);
			fz_answer(rc);
			fuzz_assert(rc || n == 0 || hits);
			free(hits);
		}
	for (int type = 0; type < DH_R__COUNT; type++) {
		if (!record_schema((dh_rtype)type))
			continue;
		size_t n = 0;
		fz_answer(repo_each(fz_store, (dh_rtype)type, fz_rec_cb, &n));
		for (uint64_t id = 1; id <= 3; id++) {
			void *rec = NULL;
			int rc = repo_get(fz_store, (dh_rtype)type, id, &rec);
			fz_answer(rc);
			if (!rc)
				record_free((dh_rtype)type, rec);
		}
	}
	fz_answer(export_csv(fz_store, fz_null));
	fz_answer(export_jsonl(fz_store, fz_null));
	dh_stats s;
	int rc = stats_compute(fz_store, cfg, cfg->plan.year, &s);
	fz_answer(rc);
	if (!rc)
		stats_free(&s);
	size_t entries = 0;
	fz_answer(repo_audit(fz_store, 0, fz_rec_cb, &entries));
	dh_verify_result v;
	fz_answer(verify_run(fz_store, &v));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_batch b;
	fz_parse(data, size, &b);
	int rc = store_write(fz_store, fz_apply_fn, &b);
	if (rc == 0)
		fz_read_everything();
	/* Undone whether or not the write went through (a failed one left
	 * nothing to undo: every op's klen says so). */
	if (rc == 0)
		fuzz_assert(store_write(fz_store, fz_undo_fn, &b) == 0);
	for (size_t i = 0; i < b.n; i++)
		free(b.op[i].old);
	return 0;
}
