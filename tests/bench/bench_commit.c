/* bench_commit.c — what one durable change costs against a bare LMDB
 * commit of the same size on the same disk, and the bulk insert rate.
 *
 *   build/bench/bench_commit [-n COMMITS] [-b BULK_RECORDS] [DIR]
 *
 * DIR (default: a new folder under build/, removed afterwards) holds the
 * environments side by side, so every measurement meets the same disk. The bare commit is one
 * write transaction putting the bytes repo_save would put for a candidate
 * (the record and its audit entry) and committing them durably, with the
 * same LMDB flags as the store; the repo one is repo_save of a fresh
 * candidate (id, revision, audit, link, lookup index, generation).
 *
 * This program includes lmdb.h on purpose: measuring LMDB itself is its
 * point. Nothing in src/ outside store.c does. */
#include "dienhinh/error.h"
#include "dienhinh/record.h"
#include "dienhinh/repo.h"
#include "dienhinh/store.h"

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

static dh_candidate *sample_candidate(unsigned i)
{
	dh_candidate *c = record_new(DH_R_CANDIDATE);
	char name[64];
	snprintf(name, sizeof(name), "Nguyễn Văn Thành %u", i);
	c->year = 2021;
	c->kind = (int)(i % 3);
	c->name = strdup(name);
	c->department = strdup("nv2");
	c->position = strdup("Thanh tra viên chính");
	c->title = strdup("Mô hình tiếp công dân, giải quyết khiếu nại tại chỗ");
	c->description = strdup("Tổ chức tiếp công dân định kỳ và đột xuất, phân loại đơn ngay tại buổi "
				"tiếp, hướng dẫn công dân gửi đơn đúng cơ quan có thẩm quyền; rút ngắn thời "
				"gian xử lý đơn từ 10 ngày xuống còn 5 ngày làm việc.");
	strlist_push(&c->criteria, "xs");
	strlist_push(&c->criteria, "sang_kien");
	strlist_push(&c->criteria, "lan_toa");
	return c;
}

/* The bytes one repo_save of a candidate puts: its record and its audit
 * entry (the before/after JSON is most of it). */
static size_t change_size(void)
{
	dh_candidate *c = sample_candidate(1);
	c->meta.id = 1;
	c->meta.rev = 1;
	c->meta.created_by = strdup("tdkt");
	c->meta.updated_by = strdup("tdkt");
	unsigned char *enc;
	size_t len, alen;
	record_encode(DH_R_CANDIDATE, c, &enc, &len);
	free(enc);
	dh_audit a = {.who = "tdkt", .action = "save", .target_type = DH_R_CANDIDATE, .target_id = 1};
	a.after = record_to_json(DH_R_CANDIDATE, c);
	record_encode(DH_R_AUDIT, &a, &enc, &alen);
	free(enc);
	free(a.after);
	record_free(DH_R_CANDIDATE, c);
	return len + alen;
}

static int check(int rc, const char *what)
{
	if (rc) {
		fprintf(stderr, "bench_commit: %s: %s\n", what, mdb_strerror(rc));
		exit(1);
	}
	return 0;
}

/* SPLIT: the same puts repo_save makes, as bare LMDB calls: the record, the
 * audit entry in its own table, the id and audit counters and the commit
 * generation in a meta table. Otherwise one put of all the bytes. */
static void bare_commits(const char *dir, int n, size_t size, bool split, double *t)
{
	MDB_env *env;
	MDB_dbi dbi, meta, audit;
	MDB_txn *txn;
	check(mdb_env_create(&env), "env");
	check(mdb_env_set_maxdbs(env, 8), "maxdbs");
	check(mdb_env_set_mapsize(env, 1u << 30), "mapsize");
	mkdir(dir, 0770);
	check(mdb_env_open(env, dir, MDB_NOTLS, 0660), dir);
	check(mdb_txn_begin(env, NULL, 0, &txn), "begin");
	check(mdb_dbi_open(txn, "records", MDB_CREATE, &dbi), "dbi");
	check(mdb_dbi_open(txn, "meta", MDB_CREATE, &meta), "dbi");
	check(mdb_dbi_open(txn, "audit", MDB_CREATE, &audit), "dbi");
	check(mdb_txn_commit(txn), "commit");
	size_t record_size = size / 3; /* about what the record is of the change */
	char *val = malloc(size);
	memset(val, 'x', size);
	for (int i = 0; i < n; i++) {
		unsigned char key[9] = {1};
		store_put_u64(key + 1, (uint64_t)i + 1);
		MDB_val k = {sizeof(key), key}, v = {size, val};
		double a = now_s();
		check(mdb_txn_begin(env, NULL, 0, &txn), "begin");
		if (split) {
			unsigned char seq[8];
			store_put_u64(seq, (uint64_t)i + 1);
			MDB_val s8 = {8, seq}, ak = {8, seq}, rec = {record_size, val}, av = {size - record_size, val};
			MDB_val k1 = {13, "seq:candidate"}, k2 = {9, "seq:audit"}, k3 = {3, "gen"};
			check(mdb_put(txn, dbi, &k, &rec, 0), "put");
			check(mdb_put(txn, meta, &k1, &s8, 0), "put");
			check(mdb_put(txn, meta, &k2, &s8, 0), "put");
			check(mdb_put(txn, meta, &k3, &s8, 0), "put");
			check(mdb_put(txn, audit, &ak, &av, 0), "put");
		} else {
			check(mdb_put(txn, dbi, &k, &v, 0), "put");
		}
		check(mdb_txn_commit(txn), "commit");
		t[i] = now_s() - a;
	}
	free(val);
	mdb_env_close(env);
}

static void repo_commits(const char *dir, int n, double *t)
{
	dh_store *st;
	int rc = store_open(&st, dir, &(dh_store_opts){.map_size = 1u << 30});
	if (rc) {
		fprintf(stderr, "bench_commit: %s: %s\n", dir, dh_strerror(rc));
		exit(1);
	}
	for (int i = 0; i < n; i++) {
		dh_candidate *c = sample_candidate((unsigned)i);
		double a = now_s();
		rc = repo_save(st, "tdkt", NULL, NULL, DH_R_CANDIDATE, c);
		t[i] = now_s() - a;
		record_free(DH_R_CANDIDATE, c);
		if (rc) {
			fprintf(stderr, "bench_commit: repo_save: %s\n", dh_strerror(rc));
			exit(1);
		}
	}
	store_close(st);
}

typedef struct bulk {
	dh_candidate **recs;
	size_t n;
} bulk;

static int bulk_fn(dh_repo_tx *tx, void *p)
{
	bulk *b = p;
	for (size_t i = 0; i < b->n; i++) {
		int rc = repo_tx_put(tx, "import", NULL, DH_R_CANDIDATE, b->recs[i]);
		if (rc)
			return rc;
	}
	return 0;
}

static double bulk_rate(const char *dir, size_t n)
{
	dh_store *st;
	/* The default map, so that growth is part of the measure. */
	int rc = store_open(&st, dir, NULL);
	if (rc) {
		fprintf(stderr, "bench_commit: %s: %s\n", dir, dh_strerror(rc));
		exit(1);
	}
	bulk b = {calloc(n, sizeof(*b.recs)), n};
	for (size_t i = 0; i < n; i++)
		b.recs[i] = sample_candidate((unsigned)i);
	double a = now_s();
	rc = repo_write(st, "tdkt", bulk_fn, &b);
	double secs = now_s() - a;
	if (rc) {
		fprintf(stderr, "bench_commit: bulk: %s\n", dh_strerror(rc));
		exit(1);
	}
	for (size_t i = 0; i < n; i++)
		record_free(DH_R_CANDIDATE, b.recs[i]);
	free(b.recs);
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
	size_t bulk_n = 100000;
	int opt;
	while ((opt = getopt(argc, argv, "n:b:")) != -1) {
		if (opt == 'n')
			n = atoi(optarg);
		else if (opt == 'b')
			bulk_n = (size_t)atol(optarg);
		else {
			fprintf(stderr, "usage: bench_commit [-n COMMITS] [-b BULK_RECORDS] [DIR]\n");
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
	printf("%d durable commits each, %zu bytes per change, in %s\n", n, size, dir);
	/* Interleave halves so that a disk's mood swings hit both alike. */
	for (int half = 0; half < 2; half++) {
		int from = half ? n / 2 : 0, k = half ? n - n / 2 : n / 2;
		bare_commits(bare, k, size, false, tb + from);
		bare_commits(split, k, size, true, ts + from);
		repo_commits(repo, k, tr + from);
	}
	double mb, ms, mr;
	summary("bare 1 put", tb, n, &mb);
	summary("bare 5 puts", ts, n, &ms);
	summary("repo_save", tr, n, &mr);
	printf("ratio repo_save / bare commit of one put:  %.2f\n", mr / mb);
	printf("ratio repo_save / bare commit, same puts:  %.2f\n", mr / ms);
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
