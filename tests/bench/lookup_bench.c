/* lookup_bench.c — realistic Vietnamese candidates for the lookup
 * benchmark, and the timings taken inside the process.
 *
 *   lookup_bench gen DIR N CSV       N candidates into a new database DIR
 *                                    (through repo, index and audit, as an
 *                                    import: bulk mode, 20000 a write),
 *                                    the same rows into CSV
 *   lookup_bench csv N CSV [S]       the same rows into CSV only (no
 *                                    database), each description S
 *                                    sentences long (default 1): the
 *                                    import benchmark's files (import.sh)
 *   lookup_bench saves DIR N         N new candidates saved one by one, as
 *                                    from a form: time per durable save
 *   lookup_bench savewait DIR STOP   a new candidate saved every 20 ms, as
 *                                    people at their forms do, until the
 *                                    file STOP exists: how long each save
 *                                    took, waiting for the write lock
 *                                    included (tests/bench/import.sh)
 *   lookup_bench query DIR QUERY...  each query: first and warm time, and
 *                                    every keystroke of it as screen 7 runs
 *                                    it (limit 200, recognised only)
 *   lookup_bench search DIR QUERY    one query, hits as TSV, like
 *                                    `dienhinh search --format tsv`
 *   lookup_bench top DIR QUERY K     the first K hits of QUERY (all
 *                                    records, as `search`): name, and the
 *                                    two decisions, TSV
 *   lookup_bench judge QUERY         reads such lines (name, decision,
 *                                    decision) and prints how many are
 *                                    among QUERY's best answers, and how
 *                                    many of the first 10 (issue 16)
 *
 * The records are made from a fixed seed, so two runs give the same data. */
#include "dienhinh/config.h"
#include "dienhinh/error.h"
#include "dienhinh/fold.h"
#include "dienhinh/lookup.h"
#include "dienhinh/record.h"
#include "dienhinh/repo.h"
#include "dienhinh/store.h"
#include "dienhinh/utf8.h"

#include "bench_gen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double bench_ms(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) * 1e3 + (double)(b->tv_nsec - a->tv_nsec) / 1e6;
}

static void bench_csv_field(FILE *f, const char *s)
{
	if (!s)
		return;
	if (!strpbrk(s, ",\"\n")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static void bench_csv_date(FILE *f, int ymd)
{
	if (ymd)
		fprintf(f, "%04d-%02d-%02d", ymd / 10000, ymd / 100 % 100, ymd % 100);
}

typedef struct gen_ctx {
	dh_candidate **v;
	size_t count;
} gen_ctx;

/* repo keeps pointers to the records until the write ends (it puts their
 * meta back if the transaction is re-run), so they live until then. */
static int bench_gen_batch(dh_repo_tx *tx, void *ctx)
{
	gen_ctx *g = ctx;
	/* As an import does: one audit entry for the whole batch. */
	int brc = repo_bulk_begin(tx, "import", "lookup_bench");
	if (brc)
		return brc;
	for (size_t i = 0; i < g->count; i++) {
		int rc = repo_tx_put(tx, "import", NULL, DH_R_CANDIDATE, g->v[i]);
		if (rc)
			return rc;
	}
	return 0;
}

static void bench_csv_row(FILE *f, const dh_candidate *c)
{
	fprintf(f, "%d,%s,", c->year, kind_name(c->kind));
	bench_csv_field(f, c->name);
	fputc(',', f);
	bench_csv_field(f, c->department);
	fputc(',', f);
	bench_csv_field(f, c->position);
	fputc(',', f);
	bench_csv_field(f, c->title);
	fputc(',', f);
	bench_csv_field(f, c->description);
	fprintf(f, ",%s,", stage_name(c->stage));
	bench_csv_field(f, c->recognised_decision);
	fputc(',', f);
	bench_csv_date(f, c->recognised_date);
	fputc(',', f);
	bench_csv_field(f, c->award_decision);
	fputc(',', f);
	bench_csv_date(f, c->award_date);
	fputs("\r\n", f);
}

static int bench_gen(const char *dir, size_t n, const char *csv_path)
{
	enum { BATCH = 20000 };
	dh_store *st;
	int rc = store_open(&st, dir, NULL);
	if (rc) {
		fprintf(stderr, "%s: %s\n", dir, dh_strerror(rc));
		return 1;
	}
	FILE *csv = fopen(csv_path, "w");
	if (!csv) {
		perror(csv_path);
		return 1;
	}
	fputs("year,kind,name,department,position,title,description,stage,recognised_decision,"
	      "recognised_date,award_decision,award_date\r\n",
	      csv);
	gen_ctx g = {.v = calloc(BATCH, sizeof(dh_candidate *))};
	double write_ms = 0;
	for (size_t done = 0; done < n; done += g.count) {
		g.count = n - done < BATCH ? n - done : BATCH;
		for (size_t i = 0; i < g.count; i++)
			g.v[i] = bench_candidate();
		struct timespec t0, t1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		rc = repo_write(st, "bench", bench_gen_batch, &g);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		write_ms += bench_ms(&t0, &t1);
		if (rc) {
			fprintf(stderr, "ghi: %s\n", dh_strerror(rc));
			return 1;
		}
		for (size_t i = 0; i < g.count; i++) {
			bench_csv_row(csv, g.v[i]);
			record_free(DH_R_CANDIDATE, g.v[i]);
		}
	}
	free(g.v);
	fclose(csv);
	dh_store_info info;
	store_info(st, &info);
	printf("gen\t%zu records\t%.0f ms in repo_write\t%zu bytes used\n", n, write_ms, info.used_bytes);
	store_close(st);
	return 0;
}

static int bench_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* N new candidates saved one by one, as from a form: each its own durable
 * write (record, audit entry, index). */
static int bench_saves(const char *dir, size_t n)
{
	dh_store *st;
	int rc = store_open(&st, dir, NULL);
	if (rc) {
		fprintf(stderr, "%s: %s\n", dir, dh_strerror(rc));
		return 1;
	}
	double *t = calloc(n ? n : 1, sizeof *t), sum = 0;
	for (size_t i = 0; i < n; i++) {
		dh_candidate *c = bench_candidate();
		struct timespec t0, t1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		rc = repo_save(st, "bench", NULL, NULL, DH_R_CANDIDATE, c);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		record_free(DH_R_CANDIDATE, c);
		if (rc) {
			fprintf(stderr, "ghi: %s\n", dh_strerror(rc));
			return 1;
		}
		t[i] = bench_ms(&t0, &t1);
		sum += t[i];
	}
	qsort(t, n, sizeof *t, bench_cmp_double);
	if (n)
		printf("saves\t%zu\tmedian %.3f ms\tmean %.3f ms\tp99 %.3f ms\tmax %.3f ms\n", n, t[n / 2],
		       sum / (double)n, t[n * 99 / 100], t[n - 1]);
	free(t);
	store_close(st);
	return 0;
}

/* One-row saves while something else writes (an import): every save's
 * time, the wait for the write lock included, until STOP exists. */
static int bench_savewait(const char *dir, const char *stop)
{
	dh_store *st;
	int rc = store_open(&st, dir, NULL);
	if (rc) {
		fprintf(stderr, "%s: %s\n", dir, dh_strerror(rc));
		return 1;
	}
	size_t n = 0, cap = 4096;
	double *t = malloc(cap * sizeof *t), sum = 0;
	while (t && access(stop, F_OK) != 0) {
		dh_candidate *c = bench_candidate();
		struct timespec t0, t1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		rc = repo_save(st, "bench", NULL, NULL, DH_R_CANDIDATE, c);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		record_free(DH_R_CANDIDATE, c);
		if (rc) {
			fprintf(stderr, "ghi: %s\n", dh_strerror(rc));
			return 1;
		}
		if (n == cap) {
			double *nt = realloc(t, (cap *= 2) * sizeof *t);
			if (!nt)
				return 1;
			t = nt;
		}
		t[n] = bench_ms(&t0, &t1);
		sum += t[n++];
		struct timespec pause = {0, 20 * 1000000L};
		nanosleep(&pause, NULL);
	}
	if (!t)
		return 1;
	qsort(t, n, sizeof *t, bench_cmp_double);
	if (n)
		printf("savewait\t%zu\tmedian %.3f ms\tmean %.3f ms\tp99 %.3f ms\tmax %.3f ms\n", n, t[n / 2],
		       sum / (double)n, t[n * 99 / 100], t[n - 1]);
	free(t);
	store_close(st);
	return 0;
}

/* The configuration's department names, as `dienhinh search` gets them. */
static dh_config *bench_config(void)
{
	static dh_department d[sizeof depts / sizeof depts[0]];
	static dh_config cfg;
	for (size_t i = 0; i < sizeof depts / sizeof depts[0]; i++)
		d[i] = (dh_department){.id = (char *)depts[i].id, .name = (char *)depts[i].name};
	cfg.departments = d;
	cfg.n_departments = sizeof depts / sizeof depts[0];
	return &cfg;
}

static double bench_one(dh_store *st, const char *q, const dh_lookup_opts *o, size_t *nhits)
{
	struct timespec t0, t1;
	dh_hit *hits;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int rc = lookup_search(st, q, o, &hits, nhits);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (rc) {
		fprintf(stderr, "%s: %s\n", q, dh_strerror(rc));
		exit(1);
	}
	free(hits);
	return bench_ms(&t0, &t1);
}

static int bench_query(const char *dir, char **queries, int nq)
{
	dh_store *st;
	dh_store_opts so = {.read_only = true};
	if (store_open(&st, dir, &so))
		return 1;
	dh_lookup_opts all = {.cfg = bench_config()};
	dh_lookup_opts screen = {.cfg = bench_config(), .recognised_only = true, .limit = 200};
	printf("query\thits\tfirst ms\twarm ms\tkeystrokes\tworst key ms\tmean key ms\n");
	for (int i = 0; i < nq; i++) {
		const char *q = queries[i];
		size_t n;
		double first = bench_one(st, q, &all, &n);
		double warm = 1e9;
		for (int k = 0; k < 5; k++) {
			double t = bench_one(st, q, &all, &n);
			if (t < warm)
				warm = t;
		}
		/* Each keystroke: the query typed so far, one grapheme more. */
		double worst = 0, sum = 0;
		int keys = 0;
		size_t len = strlen(q);
		char *prefix = malloc(len + 1);
		for (size_t off = 0; off < len;) {
			off += utf8_grapheme_len(q + off, len - off);
			memcpy(prefix, q, off);
			prefix[off] = '\0';
			size_t m;
			double t = bench_one(st, prefix, &screen, &m);
			if (getenv("DH_BENCH_KEYS"))
				fprintf(stderr, "  key\t%s\t%zu\t%.2f ms\n", prefix, m, t);
			worst = t > worst ? t : worst;
			sum += t;
			keys++;
		}
		free(prefix);
		printf("%s\t%zu\t%.2f\t%.2f\t%d\t%.2f\t%.2f\n", q, n, first, warm, keys, worst, sum / keys);
	}
	store_close(st);
	return 0;
}

typedef struct print_ctx {
	const dh_hit *hits;
	size_t n;
} print_ctx;

typedef struct bench_row {
	uint64_t id;
	size_t rank;
	char *line;
} bench_row;

static int bench_row_by_id(const void *a, const void *b)
{
	const bench_row *x = a, *y = b;
	return x->id < y->id ? -1 : x->id > y->id;
}

static int bench_row_by_rank(const void *a, const void *b)
{
	const bench_row *x = a, *y = b;
	return x->rank < y->rank ? -1 : x->rank > y->rank;
}

/* Every hit's record in one read transaction, as a command would: read in
 * id order (neighbouring records share pages), printed in rank order. */
static int bench_print(dh_stxn *txn, void *ctx)
{
	print_ctx *p = ctx;
	bench_row *rows = calloc(p->n + 1, sizeof *rows);
	if (!rows)
		return DH_ENOMEM;
	for (size_t i = 0; i < p->n; i++)
		rows[i] = (bench_row){.id = p->hits[i].id, .rank = i};
	qsort(rows, p->n, sizeof *rows, bench_row_by_id);
	for (size_t i = 0; i < p->n; i++) {
		unsigned char key[9];
		key[0] = DH_R_CANDIDATE;
		store_put_u64(key + 1, rows[i].id);
		const void *val;
		size_t vlen;
		void *rec;
		if (store_get(txn, DH_T_RECORDS, key, sizeof key, &val, &vlen) ||
		    record_decode(DH_R_CANDIDATE, val, vlen, &rec))
			continue;
		const dh_candidate *c = rec;
		if (asprintf(&rows[i].line, "%llu\t%d\t%s\t%s\t%s\t%s\n", (unsigned long long)c->meta.id,
		             c->year, kind_name(c->kind), c->name ? c->name : "",
		             c->department ? c->department : "", stage_name(c->stage)) < 0)
			rows[i].line = NULL;
		record_free(DH_R_CANDIDATE, rec);
	}
	qsort(rows, p->n, sizeof *rows, bench_row_by_rank);
	for (size_t i = 0; i < p->n; i++) {
		if (rows[i].line)
			fputs(rows[i].line, stdout);
		free(rows[i].line);
	}
	free(rows);
	return 0;
}

static int bench_search(const char *dir, const char *query)
{
	dh_store *st;
	dh_store_opts so = {.read_only = true};
	if (store_open(&st, dir, &so))
		return 1;
	dh_lookup_opts o = {.cfg = bench_config()};
	dh_hit *hits;
	size_t n;
	if (lookup_search(st, query, &o, &hits, &n))
		return 1;
	print_ctx p = {.hits = hits, .n = n};
	store_read(st, bench_print, &p);
	free(hits);
	store_close(st);
	return n ? 0 : 1;
}

/* The first K hits of QUERY: "name\tdecision\tdecision". */
static int bench_top_txn(dh_stxn *txn, void *ctx)
{
	print_ctx *p = ctx;
	for (size_t i = 0; i < p->n; i++) {
		unsigned char key[9];
		key[0] = DH_R_CANDIDATE;
		store_put_u64(key + 1, p->hits[i].id);
		const void *val;
		size_t vlen;
		void *rec;
		if (store_get(txn, DH_T_RECORDS, key, sizeof key, &val, &vlen) ||
		    record_decode(DH_R_CANDIDATE, val, vlen, &rec))
			continue;
		const dh_candidate *c = rec;
		printf("%s\t%s\t%s\n", c->name ? c->name : "",
		       c->recognised_decision ? c->recognised_decision : "",
		       c->award_decision ? c->award_decision : "");
		record_free(DH_R_CANDIDATE, rec);
	}
	return 0;
}

static int bench_top(const char *dir, const char *query, size_t k)
{
	dh_store *st;
	dh_store_opts so = {.read_only = true};
	if (store_open(&st, dir, &so))
		return 1;
	dh_lookup_opts o = {.cfg = bench_config(), .limit = k};
	dh_hit *hits;
	size_t n;
	if (lookup_search(st, query, &o, &hits, &n))
		return 1;
	print_ctx p = {.hits = hits, .n = n};
	store_read(st, bench_top_txn, &p);
	free(hits);
	store_close(st);
	return 0;
}

/* A number's digits without its leading zeros. */
static void judge_number(fold_word *w)
{
	size_t z = 0;
	while (z + 1 < w->len && w->base[z] == '0' && strspn(w->base, "0123456789") == w->len)
		z++;
	memmove(w->base, w->base + z, w->len - z + 1u);
	w->len = (uint8_t)(w->len - z);
}

/* Whether TEXT holds the query words Q, whole (marks typed must be there,
 * untyped ones may be anything), together and in the typed order;
 * AT_START: as its first words (a decision's number and sign). */
static bool judge_text(const fold_word *q, size_t nq, const char *text, bool at_start)
{
	fold_word w[64];
	size_t n = text ? fold_split(text, w, 64) : 0;
	if (n > 64)
		n = 64;
	for (size_t i = 0; i < n; i++)
		judge_number(&w[i]);
	for (size_t from = 0; from + nq <= n && (!at_start || from == 0); from++) {
		size_t k = 0;
		while (k < nq && fold_match(&q[k], &w[from + k]) >= FOLD_WHOLE)
			k++;
		if (k == nq)
			return true;
	}
	return false;
}

/* The best answers of a hidden-style query, by what a person looking
 * for it means, not by how the engine scores: a name query's words
 * together and in order in the name; a document number (a query with a
 * "/") at the start of one of the decisions. */
static int bench_judge(const char *query)
{
	fold_word q[16];
	size_t nq = fold_split(query, q, 16);
	if (nq > 16)
		nq = 16;
	for (size_t i = 0; i < nq; i++)
		judge_number(&q[i]);
	bool decision = strchr(query, '/') != NULL;
	char line[4096];
	size_t best = 0, best10 = 0, row = 0;
	while (fgets(line, sizeof line, stdin)) {
		line[strcspn(line, "\r\n")] = '\0';
		char *name = line, *d1 = strchr(name, '\t'), *d2 = NULL;
		if (d1) {
			*d1++ = '\0';
			if ((d2 = strchr(d1, '\t')))
				*d2++ = '\0';
		}
		bool good = decision ? judge_text(q, nq, d1, true) || judge_text(q, nq, d2, true)
		                     : judge_text(q, nq, name, false);
		best += good;
		best10 += good && row < 10;
		row++;
	}
	printf("%zu\t%zu\n", best, best10);
	return 0;
}

/* N rows of the import format into CSV_PATH, each description SENTENCES
 * sentences long: the files tests/bench/import.sh imports. */
static int bench_csv_only(size_t n, const char *csv_path, unsigned sentences)
{
	FILE *csv = fopen(csv_path, "w");
	if (!csv) {
		perror(csv_path);
		return 1;
	}
	fputs("year,kind,name,department,position,title,description,stage,recognised_decision,"
	      "recognised_date,award_decision,award_date\r\n",
	      csv);
	for (size_t i = 0; i < n; i++) {
		dh_candidate *c = bench_candidate();
		for (unsigned k = 1; k < sentences; k++) {
			const char *more = PICK(descriptions);
			size_t a = strlen(c->description), b = strlen(more);
			char *d = realloc(c->description, a + b + 2);
			if (!d)
				return 1;
			d[a] = ' ';
			memcpy(d + a + 1, more, b + 1);
			c->description = d;
		}
		bench_csv_row(csv, c);
		record_free(DH_R_CANDIDATE, c);
	}
	return fclose(csv) == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (argc == 5 && strcmp(argv[1], "top") == 0)
		return bench_top(argv[2], argv[3], (size_t)strtoull(argv[4], NULL, 10));
	if (argc == 3 && strcmp(argv[1], "judge") == 0)
		return bench_judge(argv[2]);
	if ((argc == 4 || argc == 5) && strcmp(argv[1], "csv") == 0)
		return bench_csv_only((size_t)strtoull(argv[2], NULL, 10), argv[3],
		                      argc == 5 ? (unsigned)atoi(argv[4]) : 1);
	if (argc == 5 && strcmp(argv[1], "gen") == 0)
		return bench_gen(argv[2], (size_t)strtoull(argv[3], NULL, 10), argv[4]);
	if (argc >= 4 && strcmp(argv[1], "query") == 0)
		return bench_query(argv[2], argv + 3, argc - 3);
	if (argc == 5 && strcmp(argv[1], "repeat") == 0) {
		/* profiling aid: one screen query, many times */
		dh_store *st;
		dh_store_opts so = {.read_only = true};
		if (store_open(&st, argv[2], &so))
			return 1;
		dh_lookup_opts screen = {.cfg = bench_config(), .recognised_only = true, .limit = 200};
		double sum = 0;
		int times = atoi(argv[4]);
		size_t n = 0;
		for (int i = 0; i < times; i++)
			sum += bench_one(st, argv[3], &screen, &n);
		printf("%s\t%zu\t%.2f ms mean\n", argv[3], n, sum / (times ? times : 1));
		store_close(st);
		return 0;
	}
	if (argc == 4 && strcmp(argv[1], "saves") == 0)
		return bench_saves(argv[2], (size_t)strtoull(argv[3], NULL, 10));
	if (argc == 4 && strcmp(argv[1], "savewait") == 0)
		return bench_savewait(argv[2], argv[3]);
	if (argc == 4 && strcmp(argv[1], "search") == 0)
		return bench_search(argv[2], argv[3]);
	fprintf(stderr,
	        "usage: lookup_bench gen DIR N CSV | csv N CSV [S] | saves DIR N | savewait DIR STOP | query DIR QUERY..."
	        " | search DIR QUERY | top DIR QUERY K | judge QUERY\n");
	return 64;
}
