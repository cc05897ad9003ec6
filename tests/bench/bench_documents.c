/* bench_documents.c — what the documents cost: the Giấy khen of an award
 * decision of 100 people, and the decision itself with its 100-row annex
 * as Word and as PDF, straight from the records.
 *
 *   build/bench/bench_documents [-n RUNS] [-d DIR] [DOCX]
 *
 * A fresh LMDB store in DIR (default: a new folder under /tmp, removed
 * afterwards; a DIR given is kept, so that `dienhinh -d DIR` can write the
 * same documents as a whole process) with config/dienhinh.yaml: 100
 * realistic candidates of the config's departments (tests/bench/bench_gen.h:
 * persons, collectives and models, as in use), all of them recognised by
 * 15/QĐ-TTr of 20/11/2021 and awarded the Giấy khen by 20/QĐ-TTr of
 * 30/11/2021. Then, RUNS times each (default 7) after one first run that is
 * shown apart (it loads the fonts), in turn so that the load of a shared
 * machine falls on all three alike:
 *
 *   certificate_write   the 100 Giấy khen of 20/QĐ-TTr, one PDF of 100 pages;
 *   report_save docx    the decision 20/QĐ-TTr with its annex, as .docx;
 *   report_save pdf     the same as PDF.
 *
 * Each is the whole call: the records read from LMDB, the document laid
 * out, the file written aside, flushed and renamed. The table gives min,
 * median and max in ms; the lines "median NAME MS" are for scripts. DOCX,
 * when given, gets a copy of the decision's .docx (for LibreOffice to turn
 * into PDF in tests/bench/documents.sh). */
#include "dienhinh/certificate.h"
#include "dienhinh/config.h"
#include "dienhinh/error.h"
#include "dienhinh/record.h"
#include "dienhinh/report.h"
#include "dienhinh/repo.h"
#include "dienhinh/store.h"
#include "dienhinh/workflow.h"

#include "bench_gen.h"

#include <ftw.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define CONFIG         "config/dienhinh.yaml"
#define N_CANDIDATES   100
#define RECOGNITION_NO "15/QĐ-TTr"
#define AWARD_NO       "20/QĐ-TTr"

static int remove_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void die(const char *what, int rc, const dh_ctx *ctx)
{
	fprintf(stderr, "bench_documents: %s: %s%s%s\n", what, dh_strerror(rc),
	        ctx && ctx->message[0] ? ": " : "", ctx ? ctx->message : "");
	exit(1);
}

/* Candidate I of the 100: realistic (bench_gen), of the plan year 2021,
 * recognised and awarded by the two decisions. */
static uint64_t add_candidate(dh_store *st)
{
	dh_candidate *c = bench_candidate();
	c->year = 2021;
	c->stage = DH_STAGE_AWARDED;
	free(c->recognised_decision);
	free(c->award_decision);
	c->recognised_decision = strdup(RECOGNITION_NO);
	c->recognised_date = 20211120;
	c->award_decision = strdup(AWARD_NO);
	c->award_date = 20211130;
	int rc = repo_save(st, "tdkt", "create", NULL, DH_R_CANDIDATE, c);
	if (rc)
		die("repo_save candidate", rc, NULL);
	uint64_t id = c->meta.id;
	record_free(DH_R_CANDIDATE, c);
	return id;
}

static void add_decision(dh_store *st, int type, const char *number, int date, const uint64_t *ids, size_t n)
{
	dh_decision *d = record_new(DH_R_DECISION);
	d->year = 2021;
	d->type = type;
	d->number = strdup(number);
	d->date = date;
	d->signer = strdup("thuanpv");
	d->award_id = type == DH_DEC_AWARD ? strdup("giay_khen") : NULL;
	for (size_t i = 0; i < n; i++)
		if (idlist_push(&d->candidates, ids[i]))
			die("idlist_push", DH_ENOMEM, NULL);
	int rc =
	    repo_save(st, "thuanpv", type == DH_DEC_AWARD ? "award" : "recognise", NULL, DH_R_DECISION, d);
	if (rc)
		die("repo_save decision", rc, NULL);
	record_free(DH_R_DECISION, d);
}

enum { T_CERT, T_DOCX, T_PDF, T__COUNT };
static const char *const t_name[T__COUNT] = {"certificates", "decision_docx", "decision_pdf"};
static const char *const t_label[T__COUNT] = {
    "certificate_write: 100 Giấy khen, one PDF",
    "report_save decision + 100-row annex, docx",
    "report_save decision + 100-row annex, PDF",
};

typedef struct bench {
	dh_ctx *ctx;
	char cert[600], docx[600], pdf[600];
} bench;

static double run_one(bench *b, int which)
{
	int rc, pages = 0;
	double a = now_ms();
	if (which == T_CERT) {
		dh_cert_opts o;
		certificate_opts_init(&o);
		o.decision_number = AWARD_NO;
		rc = certificate_write(b->ctx, &o, b->cert, &pages);
		if (!rc && pages != N_CANDIDATES) {
			fprintf(stderr, "bench_documents: %d certificates, not %d\n", pages, N_CANDIDATES);
			exit(1);
		}
	} else {
		dh_report_opts o;
		report_opts_init(&o);
		o.decision_number = AWARD_NO;
		rc = report_save(b->ctx, DH_REPORT_DECISION, &o,
		                 which == T_DOCX ? DH_FORMAT_DOCX : DH_FORMAT_PDF,
		                 which == T_DOCX ? b->docx : b->pdf, NULL, NULL, 0);
	}
	double t = now_ms() - a;
	if (rc)
		die(t_name[which], rc, b->ctx);
	return t;
}

static long file_size(const char *path)
{
	struct stat s;
	return stat(path, &s) == 0 ? (long)s.st_size : -1;
}

static int copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;
	int rc = in && out ? 0 : -1;
	char buf[65536];
	size_t n;
	while (!rc && (n = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			rc = -1;
	if (in && ferror(in))
		rc = -1;
	if (out && fclose(out) != 0)
		rc = -1;
	if (in)
		fclose(in);
	return rc;
}

int main(int argc, char **argv)
{
	int runs = 7, opt;
	const char *keep = NULL;
	while ((opt = getopt(argc, argv, "n:d:")) != -1) {
		if (opt == 'n')
			runs = atoi(optarg);
		else if (opt == 'd')
			keep = optarg;
		else {
			fprintf(stderr, "usage: bench_documents [-n RUNS] [-d DIR] [DOCX]\n");
			return 64;
		}
	}
	if (runs < 3)
		runs = 3;
	const char *docx_out = optind < argc ? argv[optind] : NULL;

	char dir[512], db[600];
	if (keep) {
		snprintf(dir, sizeof dir, "%s", keep);
		mkdir(dir, 0770);
	} else {
		snprintf(dir, sizeof dir, "/tmp/dh-bench-documents-XXXXXX");
		if (!mkdtemp(dir)) {
			perror("mkdtemp");
			return 74;
		}
	}
	snprintf(db, sizeof db, "%s/db", dir);

	dh_config *cfg = NULL;
	dh_diag diag = {0};
	int rc = config_load(CONFIG, &cfg, &diag);
	diag_print(&diag, stderr);
	diag_free(&diag);
	if (rc)
		die(CONFIG, rc, NULL);
	dh_store *st;
	if ((rc = store_open(&st, db, NULL)))
		die(db, rc, NULL);
	uint64_t ids[N_CANDIDATES];
	for (size_t i = 0; i < N_CANDIDATES; i++)
		ids[i] = add_candidate(st);
	add_decision(st, DH_DEC_RECOGNITION, RECOGNITION_NO, 20211120, ids, N_CANDIDATES);
	add_decision(st, DH_DEC_AWARD, AWARD_NO, 20211130, ids, N_CANDIDATES);

	dh_ctx ctx;
	wf_ctx_init(&ctx, cfg, st, "tdkt");
	ctx.today = 20211201;
	bench b = {.ctx = &ctx};
	snprintf(b.cert, sizeof b.cert, "%s/giay-khen.pdf", dir);
	snprintf(b.docx, sizeof b.docx, "%s/quyet-dinh.docx", dir);
	snprintf(b.pdf, sizeof b.pdf, "%s/quyet-dinh.pdf", dir);

	double first[T__COUNT];
	double *t[T__COUNT];
	for (int k = 0; k < T__COUNT; k++) {
		first[k] = run_one(&b, k);
		t[k] = calloc((size_t)runs, sizeof(double));
	}
	/* In turn, the order turning. */
	for (int i = 0; i < runs; i++)
		for (int k = 0; k < T__COUNT; k++) {
			int which = (i + k) % T__COUNT;
			t[which][i] = run_one(&b, which);
		}

	printf("%d candidates (%s), award decision %s and recognition decision %s, in %s; "
	       "%d runs each after a first one\n\n",
	       N_CANDIDATES, "persons, collectives, models", AWARD_NO, RECOGNITION_NO, db, runs);
	printf("| %-44s | %8s | %8s | %8s | %8s | %9s |\n", "document", "first ms", "min ms", "median",
	       "max ms", "KiB");
	printf("|%s|---------:|---------:|---------:|---------:|----------:|\n",
	       "----------------------------------------------");
	const char *const files[T__COUNT] = {b.cert, b.docx, b.pdf};
	double median[T__COUNT];
	for (int k = 0; k < T__COUNT; k++) {
		qsort(t[k], (size_t)runs, sizeof(double), cmp_double);
		median[k] = t[k][runs / 2];
		/* %-*s counts bytes: pad by the letters of the label instead. */
		int pad = 44;
		for (const unsigned char *p = (const unsigned char *)t_label[k]; *p; p++)
			if ((*p & 0xc0) != 0x80)
				pad--;
		printf("| %s%*s | %8.1f | %8.1f | %8.1f | %8.1f | %9.1f |\n", t_label[k], pad > 0 ? pad : 0,
		       "", first[k], t[k][0], median[k], t[k][runs - 1],
		       (double)file_size(files[k]) / 1024.0);
	}
	printf("\n");
	for (int k = 0; k < T__COUNT; k++)
		printf("median %s %.1f\n", t_name[k], median[k]);

	int status = 0;
	if (docx_out && copy_file(b.docx, docx_out) != 0) {
		fprintf(stderr, "bench_documents: cannot write %s\n", docx_out);
		status = 74;
	}
	for (int k = 0; k < T__COUNT; k++)
		free(t[k]);
	store_close(st);
	config_free(cfg);
	if (!keep)
		nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	return status;
}
