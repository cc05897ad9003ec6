/* bench_commit.c — what one durable change costs against a bare LMDB
 * commit of the same size on the same disk, and the bulk insert rate.
 *
 *   build/bench/bench_commit [-n COMMITS] [-p RECORDS_BEFORE] [-b BULK_RECORDS] [DIR]
 *
 * DIR (default: a new folder under build/, removed afterwards) holds the
 * environments side by side, so every measurement meets the same disk.
 * Each starts with RECORDS_BEFORE records (default 100000), so that its
 * trees are as deep as in use. The bare commit is one write transaction
 * putting the bytes repo_save puts for a new candidate besides its index
 * (the record and its audit entry) and committing them durably, with the
 * same LMDB flags as the store; the repo one is repo_save of a realistic
 * new candidate (tests/bench/bench_gen.h): id, revision, audit entry,
 * lookup index. The three are timed in turn, commit after commit, so that
 * the load of a shared machine falls on all of them alike.
 *
 * This program includes lmdb.h on purpose: measuring LMDB itself is its
 * point. Nothing in src/ outside store.c does. */
#include "dienhinh/error.h"
#include "dienhinh/record.h"
#include "dienhinh/repo.h"
#include "dienhinh/store.h"

#include "bench_gen.h"

#include <ftw.h>
#include <lmdb.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int remove_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The I-th candidate of the benchmark's records: realistic ones, made
 * in order from bench_gen's fixed seed (I only says how many precede). */
static dh_candidate *sample_candidate(unsigned i)
{
	(void)i;
	return bench_candidate();
}

/* The bytes one repo_save of a new candidate puts besides its index: its
 * record and its audit entry (which holds the record's bytes again, and
 * the chain's two hashes). */
static size_t change_size(void)
{
	dh_candidate *c = sample_candidate(1);
	c->meta.id = 1;
	c->meta.rev = 1;
	c->meta.created_at = c->meta.updated_at = 1637000000;
	c->meta.created_by = strdup("tdkt");
	c->meta.updated_by = strdup("tdkt");
	unsigned char *enc;
	size_t len;
	record_encode(DH_R_CANDIDATE, c, &enc, &len);
	dh_audit a = {.who = "tdkt", .action = "save", .target_type = DH_R_CANDIDATE, .target_id = 1};
	dh_bytes audit = {0};
	record_audit_encode(&a, NULL, 0, enc, len, &audit);
	/* The chain's two hashes (their values do not change the size). */
	unsigned char hash[DH_HASH_LEN] = {0};
	record_audit_seal(&audit, hash, hash);
	size_t size = len + audit.n;
	free(enc);
	free(audit.p);
	record_free(DH_R_CANDIDATE, c);
	return size;
}

static int check(int rc, const char *what)
{
	if (rc) {
		fprintf(stderr, "bench_commit: %s: %s\n", what, mdb_strerror(rc));
		exit(1);
	}
	return 0;
}

/* A bare LMDB environment with the store's flags. SPLIT: a commit makes
 * the puts repo_save makes but the index's, as bare LMDB calls (the record,
 * and the audit entry in its own table); otherwise one put of all the
 * bytes. */
typedef struct bare_env {
	MDB_env *env;
	MDB_dbi records, audit;
	bool split;
	uint64_t next; /* the next id */
	size_t size;
	char *val;
} bare_env;

static void bare_put(bare_env *b, MDB_txn *txn)
{
	unsigned char key[9] = {1}, seq[8];
	store_put_u64(key + 1, b->next);
	store_put_u64(seq, b->next);
	b->next++;
	size_t record_size = b->size / 2; /* about what the record is of the change */
	MDB_val k = {sizeof(key), key}, v = {b->size, b->val};
	if (b->split) {
		MDB_val ak = {8, seq}, rec = {record_size, b->val}, av = {b->size - record_size, b->val};
		check(mdb_put(txn, b->records, &k, &rec, 0), "put");
		check(mdb_put(txn, b->audit, &ak, &av, 0), "put");
	} else {
		check(mdb_put(txn, b->records, &k, &v, 0), "put");
	}
}

static void bare_open(bare_env *b, const char *dir, size_t size, bool split, size_t prefill)
{
	MDB_txn *txn;
	*b = (bare_env){.split = split, .next = 1, .size = size, .val = malloc(size)};
	memset(b->val, 'x', size);
	check(mdb_env_create(&b->env), "env");
	check(mdb_env_set_maxdbs(b->env, 8), "maxdbs");
	check(mdb_env_set_mapsize(b->env, (size_t)4 << 30), "mapsize");
	mkdir(dir, 0770);
	check(mdb_env_open(b->env, dir, MDB_NOTLS, 0660), dir);
	check(mdb_txn_begin(b->env, NULL, 0, &txn), "begin");
	check(mdb_dbi_open(txn, "records", MDB_CREATE, &b->records), "dbi");
	check(mdb_dbi_open(txn, "audit", MDB_CREATE, &b->audit), "dbi");
	for (size_t i = 0; i < prefill; i++)
		bare_put(b, txn);
	check(mdb_txn_commit(txn), "commit");
}

static double bare_commit(bare_env *b)
{
	MDB_txn *txn;
	double a = now_s();
	check(mdb_txn_begin(b->env, NULL, 0, &txn), "begin");
	bare_put(b, txn);
	check(mdb_txn_commit(txn), "commit");
	return now_s() - a;
}

static void bare_close(bare_env *b)
{
	mdb_env_close(b->env);
	free(b->val);
}

static double repo_commit(dh_store *st, unsigned i)
{
	dh_candidate *c = sample_candidate(i);
	double a = now_s();
	int rc = repo_save(st, "tdkt", NULL, NULL, DH_R_CANDIDATE, c);
	double t = now_s() - a;
	record_free(DH_R_CANDIDATE, c);
	if (rc) {
		fprintf(stderr, "bench_commit: repo_save: %s\n", dh_strerror(rc));
		exit(1);
	}
	return t;
}

typedef struct bulk {
	dh_candidate **recs;
	size_t n;
} bulk;

static int bulk_fn(dh_repo_tx *tx, void *p)
{
	bulk *b = p;
	int rc = repo_bulk_begin(tx, "import", "bench_commit");
	if (rc)
		return rc;
	for (size_t i = 0; i < b->n; i++) {
			rc = repo_tx_put(tx, "import", NULL, DH_R_CANDIDATE, b->recs[i]);
		if (rc)
			return rc;
	}
	return 0;
}

/* N new candidates through repo in one bulk write, into ST: the time. */
static double bulk_insert(dh_store *st, size_t n, unsigned from)
{
	bulk b = {calloc(n, sizeof(*b.recs)), n};
	for (size_t i = 0; i < n; i++)
		b.recs[i] = sample_candidate(from + (unsigned)i);
	double a = now_s();
	int rc = repo_write(st, "tdkt", bulk_fn, &b);
	double secs = now_s() - a;
	if (rc) {
		fprintf(stderr, "bench_commit: bulk: %s\n", dh_strerror(rc));
		exit(1);
	}
	for (size_t i = 0; i < n; i++)
		record_free(DH_R_CANDIDATE, b.recs[i]);
	free(b.recs);
	return secs;
}

static dh_store *open_store(const char *dir, size_t map_size)
{
	dh_store *st;
	int rc = store_open(&st, dir, &(dh_store_opts){.map_size = map_size});
	if (rc) {
		fprintf(stderr, "bench_commit: %s: %s\n", dir, dh_strerror(rc));
		exit(1);
	}
	return st;
}

static double bulk_rate(const char *dir, size_t n)
{
	/* The default map, so that growth is part of the measure. */
	dh_store *st = open_store(dir, 0);
	double secs = bulk_insert(st, n, 0);
	store_close(st);
	return (double)n / secs;
}

static void summary(const char *name, double *t, int n, double *median)
{
	qsort(t, (size_t)n, sizeof(*t), cmp_double);
	double sum = 0;
	for (int i = 0; i < n; i++)
		sum += t[i];
	*median = t[n / 2];
	printf("%-12s median %8.1f us   mean %8.1f us   p90 %8.1f us   p99 %8.1f us\n", name, t[n / 2] * 1e6,
	       sum / n * 1e6, t[n * 9 / 10] * 1e6, t[n * 99 / 100] * 1e6);
}

int main(int argc, char **argv)
{
	int n = 2000;
	size_t bulk_n = 100000, prefill = 100000;
	int opt;
	while ((opt = getopt(argc, argv, "n:b:p:")) != -1) {
		if (opt == 'n')
			n = atoi(optarg);
		else if (opt == 'b')
			bulk_n = (size_t)atol(optarg);
		else if (opt == 'p')
			prefill = (size_t)atol(optarg);
		else {
			fprintf(stderr, "usage: bench_commit [-n COMMITS] [-p RECORDS_BEFORE] [-b BULK_RECORDS] [DIR]\n");
			return 64;
		}
	}
	if (n < 10)
		n = 10;
	char dir[512];
	bool made = false;
	if (optind < argc) {
		snprintf(dir, sizeof(dir), "%s", argv[optind]);
		mkdir(dir, 0770);
	} else {
		snprintf(dir, sizeof(dir), "build/bench-commit-XXXXXX");
		if (!mkdtemp(dir)) {
			perror("mkdtemp");
			return 74;
		}
		made = true;
	}
	char bare[600], split[600], repo[600], bulkdir[600];
	snprintf(bare, sizeof(bare), "%s/bare", dir);
	snprintf(split, sizeof(split), "%s/split", dir);
	snprintf(repo, sizeof(repo), "%s/repo", dir);
	snprintf(bulkdir, sizeof(bulkdir), "%s/bulk", dir);

	size_t size = change_size();
	double *tb = calloc((size_t)n, sizeof(double)), *tr = calloc((size_t)n, sizeof(double));
	double *ts = calloc((size_t)n, sizeof(double));
	printf("%d durable commits each, %zu bytes per change (and the index), into %zu records already there, "
	       "in %s\n",
	       n, size, prefill, dir);
	bare_env eb, es;
	bare_open(&eb, bare, size, false, prefill);
	bare_open(&es, split, size, true, prefill);
	dh_store *st = open_store(repo, (size_t)4 << 30);
	for (size_t done = 0; done < prefill; done += 20000)
		bulk_insert(st, prefill - done < 20000 ? prefill - done : 20000, (unsigned)done);
	/* Round robin, the order turning, so that the disk's mood swings (the
	 * machine is shared) hit all three alike. */
	for (int i = 0; i < n; i++) {
		for (int k = 0; k < 3; k++) {
			switch ((i + k) % 3) {
			case 0: tb[i] = bare_commit(&eb); break;
			case 1: ts[i] = bare_commit(&es); break;
			default: tr[i] = repo_commit(st, (unsigned)(prefill + (size_t)i)); break;
			}
		}
	}
	bare_close(&eb);
	bare_close(&es);
	store_close(st);
	double mb, ms, mr;
	summary("bare 1 put", tb, n, &mb);
	summary("bare 2 puts", ts, n, &ms);
	summary("repo_save", tr, n, &mr);
	printf("ratio repo_save / bare commit of one put:  %.2f\n", mr / mb);
	printf("ratio repo_save / bare commit of record and audit:  %.2f\n", mr / ms);
	if (bulk_n) {
		double rate = bulk_rate(bulkdir, bulk_n);
		printf("bulk insert: %zu candidates in one transaction, with audit and index: %.0f records/s\n",
		       bulk_n, rate);
	}
	free(tb);
	free(ts);
	free(tr);
	if (made)
		nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	return 0;
}
