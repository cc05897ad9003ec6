/* test_certificate.c — the Giấy khen of an award decision, as the Office
 * prints them: a real database with candidates and decisions, the PDF
 * written, then read back with poppler (pdfinfo, pdftotext -bbox) to check
 * the pages, their size, and that each text lies inside its box. */
#include "dienhinh/certificate.h"
#include "dienhinh/config.h"
#include "dienhinh/doc_cert.h"
#include "dienhinh/error.h"
#include "dienhinh/record.h"
#include "dienhinh/repo.h"
#include "dienhinh/store.h"
#include "dienhinh/workflow.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tmpdb.h"
#include "tool.h"

#define EXAMPLE_CONFIG "config/dienhinh.yaml"

typedef struct fx {
	tmpdb *t;
	dh_config *cfg;
	dh_store *st;
	dh_ctx ctx;
	char pdf[128];
} fx;

static int setup(void **state)
{
	fx *f = calloc(1, sizeof *f);
	assert_non_null(f);
	f->t = tmpdb_new();
	dh_diag diag = {0};
	int rc = config_load(EXAMPLE_CONFIG, &f->cfg, &diag);
	diag_print(&diag, stderr);
	diag_free(&diag);
	assert_int_equal(rc, 0);
	assert_int_equal(store_open(&f->st, f->t->db, NULL), 0);
	wf_ctx_init(&f->ctx, f->cfg, f->st, "tdkt");
	f->ctx.today = 20211201;
	snprintf(f->pdf, sizeof f->pdf, "%s/giay-khen.pdf", f->t->root);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;
	store_close(f->st);
	config_free(f->cfg);
	tmpdb_free(f->t);
	free(f);
	return 0;
}

static uint64_t add_candidate(fx *f, int kind, const char *name, const char *dept, const char *position,
                              const char *title)
{
	dh_candidate *c = record_new(DH_R_CANDIDATE);
	assert_non_null(c);
	c->year = 2021;
	c->kind = kind;
	c->name = strdup(name);
	c->department = strdup(dept);
	c->position = position ? strdup(position) : NULL;
	c->title = title ? strdup(title) : NULL;
	c->stage = DH_STAGE_AWARDED;
	assert_int_equal(repo_save(f->st, "tdkt", "create", NULL, DH_R_CANDIDATE, c), 0);
	uint64_t id = c->meta.id;
	record_free(DH_R_CANDIDATE, c);
	return id;
}

static uint64_t add_decision(fx *f, int type, const char *number, int date, const char *signer,
                             const uint64_t *ids, size_t n)
{
	dh_decision *d = record_new(DH_R_DECISION);
	assert_non_null(d);
	d->year = 2021;
	d->type = type;
	d->number = strdup(number);
	d->date = date;
	d->signer = strdup(signer);
	d->award_id = type == DH_DEC_AWARD ? strdup("giay_khen") : NULL;
	for (size_t i = 0; i < n; i++)
		assert_int_equal(idlist_push(&d->candidates, ids[i]), 0);
	assert_int_equal(repo_save(f->st, "thuanpv", "award", NULL, DH_R_DECISION, d), 0);
	uint64_t id = d->meta.id;
	record_free(DH_R_DECISION, d);
	return id;
}

/* Three of every kind, awarded by 12/QĐ-TTr of 30/11/2021. */
static uint64_t add_three(fx *f, uint64_t ids[3])
{
	ids[0] = add_candidate(f, DH_KIND_INDIVIDUAL, "Nguyễn Thị Thanh Hòa", "nv1", "Thanh tra viên chính",
	                       "Hoàn thành xuất sắc nhiệm vụ năm 2021");
	ids[1] = add_candidate(f, DH_KIND_COLLECTIVE, "Phòng Nghiệp vụ 2", "nv2", NULL,
	                       "Kết thúc đúng hạn 100% cuộc thanh tra theo kế hoạch năm 2021");
	ids[2] = add_candidate(f, DH_KIND_MODEL, "Mô hình tiếp công dân lưu động tại xã, phường", "tcd",
	                       "Đơn vị chủ trì: Phòng Tiếp công dân - Xử lý đơn",
	                       "Giảm 30% số đơn khiếu nại vượt cấp");
	return add_decision(f, DH_DEC_AWARD, "12/QĐ-TTr", 20211130, "thuanpv", ids, 3);
}

/* ---- reading the PDF back ------------------------------------------------ */

static char *run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The output of a shell command (which must succeed). */
static char *run(const char *fmt, ...)
{
	int status;
	va_list ap;
	va_start(ap, fmt);
	char *out = tool_voutput(&status, fmt, ap);
	va_end(ap);
	assert_non_null(out);
	assert_int_equal(status, 0);
	return out;
}

static int pdf_pages(const char *path)
{
	char *info = run("pdfinfo '%s'", path);
	const char *at = strstr(info, "\nPages:");
	assert_non_null(at);
	int n = atoi(at + 7);
	double w = 0, h = 0;
	at = strstr(info, "\nPage size:");
	assert_non_null(at);
	assert_int_equal(sscanf(at + 11, " %lf x %lf pts", &w, &h), 2);
	/* A4 landscape */
	assert_int_equal((int)lround(w), 842);
	assert_int_equal((int)lround(h), 595);
	free(info);
	return n;
}

/* The text of page PAGE (1-based). */
static char *pdf_text(const char *path, int page)
{
	return run("pdftotext -f %d -l %d '%s' -", page, page, path);
}

typedef struct word {
	double x0, y0, x1, y1;
	char text[256];
} word;

/* Words of page PAGE with their boxes, at most MAX. */
static size_t pdf_words(const char *path, int page, word *out, size_t max)
{
	char *html = run("pdftotext -bbox -f %d -l %d '%s' -", page, page, path);
	size_t n = 0;
	for (const char *p = html; n < max && (p = strstr(p, "<word ")); p++) {
		word *w = &out[n];
		if (sscanf(p, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\">", &w->x0, &w->y0,
		           &w->x1, &w->y1) != 4)
			continue;
		const char *s = strchr(p, '>') + 1, *e = strstr(s, "</word>");
		size_t len = (size_t)(e - s) < sizeof w->text - 1 ? (size_t)(e - s) : sizeof w->text - 1;
		memcpy(w->text, s, len);
		w->text[len] = '\0';
		n++;
	}
	free(html);
	return n;
}

static const word *find_word(const word *w, size_t n, const char *text)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(w[i].text, text) == 0)
			return &w[i];
	return NULL;
}

/* W lies inside field F's box (with the shift), in points, give or take
 * half a point of rounding. */
static void assert_in_box(const dh_certificate *c, int field, const word *w)
{
	const dh_cert_field *f = &c->fields[field];
	double k = 72.0 / 25.4, tol = 0.5;
	double x0 = (f->x_mm + c->shift_x_mm) * k, y0 = (f->y_mm + c->shift_y_mm) * k;
	double x1 = x0 + f->w_mm * k, y1 = y0 + f->h_mm * k;
	if (w->x0 < x0 - tol || w->y0 < y0 - tol || w->x1 > x1 + tol || w->y1 > y1 + tol) {
		fprintf(stderr, "word \"%s\" [%.1f %.1f %.1f %.1f] outside box [%.1f %.1f %.1f %.1f]\n",
		        w->text, w->x0, w->y0, w->x1, w->y1, x0, y0, x1, y1);
		fail();
	}
}

static bool exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

/* DH_CERT_KEEP=DIR: keep a copy of the PDF as DIR/TAG.pdf, to look at. */
static void keep(fx *f, const char *tag)
{
	const char *dir = getenv("DH_CERT_KEEP");
	if (dir)
		free(run("cp '%s' '%s/%s.pdf'", f->pdf, dir, tag));
}

/* `report certificate ARGS...` (ARGS ends with NULL) into f->pdf. */
static int cert_args(fx *f, int *pages, ...)
{
	char *argv[16];
	int argc = 0;
	va_list ap;
	va_start(ap, pages);
	for (const char *a; (a = va_arg(ap, const char *)) && argc < 16;)
		argv[argc++] = (char *)a;
	va_end(ap);
	dh_cert_opts o;
	int rc = certificate_parse_args(&f->ctx, argc, argv, &o);
	if (!rc)
		rc = certificate_write(&f->ctx, &o, f->pdf, pages);
	certificate_opts_free(&o);
	return rc;
}

/* ---- tests ------------------------------------------------------------------ */

static void test_one_page_each(void **state)
{
	fx *f = *state;
	uint64_t ids[3];
	add_three(f, ids);
	int pages = 0;
	int rc = cert_args(f, &pages, "--decision", "12/QĐ-TTr", "--format", "pdf", "--blank", NULL);
	if (rc)
		fprintf(stderr, "%s\n", f->ctx.message);
	assert_int_equal(rc, 0);
	assert_int_equal(pages, 3);
	assert_int_equal(pdf_pages(f->pdf), 3);

	char *p1 = pdf_text(f->pdf, 1);
	static const char *const want1[] = {
	    "Nguyễn Thị Thanh Hòa",
	    "Thanh tra viên chính",
	    "Phòng Nghiệp vụ 1, Thanh tra tỉnh Hà Tĩnh",
	    "Đã có thành tích xuất sắc: hoàn thành xuất sắc nhiệm vụ năm 2021",
	    "Quyết định số 12/QĐ-TTr ngày 30/11/2021",
	    "Số sổ vàng: 1",
	    "Hà Tĩnh, ngày 30 tháng 11 năm 2021",
	    "CHÁNH THANH TRA",
	    "Phạm Văn Thuần",
	};
	for (size_t i = 0; i < sizeof want1 / sizeof want1[0]; i++) {
		if (!strstr(p1, want1[i])) {
			fprintf(stderr, "page 1 lacks \"%s\":\n%s", want1[i], p1);
			fail();
		}
	}
	free(p1);
	char *p2 = pdf_text(f->pdf, 2);
	assert_non_null(strstr(p2, "Số sổ vàng: 2"));
	assert_non_null(strstr(p2, "Phòng Nghiệp vụ 2"));
	assert_null(strstr(p2, "Phòng Nghiệp vụ 2, Thanh tra")); /* the collective is the unit */
	assert_null(strstr(p2, "Số sổ vàng: 1"));
	free(p2);
	char *p3 = pdf_text(f->pdf, 3);
	assert_non_null(strstr(p3, "Số sổ vàng: 3"));
	assert_non_null(strstr(p3, "Mô hình tiếp công dân lưu động tại xã, phường"));
	assert_null(strstr(p3, "Đơn vị chủ trì")); /* a model has no position */
	free(p3);

	/* the name's words inside the name box, the decision's in its own */
	word w[200];
	size_t n = pdf_words(f->pdf, 1, w, 200);
	const char *name[] = {"Nguyễn", "Thị", "Thanh", "Hòa"};
	for (size_t i = 0; i < 4; i++) {
		const word *x = find_word(w, n, name[i]);
		assert_non_null(x);
		assert_in_box(&f->cfg->certificate, DH_CERT_NAME, x);
	}
	const word *num = find_word(w, n, "12/QĐ-TTr");
	assert_non_null(num);
	assert_in_box(&f->cfg->certificate, DH_CERT_DECISION, num);
	const word *chief = find_word(w, n, "Thuần");
	assert_non_null(chief);
	assert_in_box(&f->cfg->certificate, DH_CERT_SIGNER_NAME, chief);
	keep(f, "three");
}

static void test_shift_moves_every_box(void **state)
{
	fx *f = *state;
	uint64_t ids[3];
	add_three(f, ids);
	f->cfg->certificate.shift_x_mm = -7.5;
	f->cfg->certificate.shift_y_mm = 4;
	assert_int_equal(cert_args(f, NULL, "--blank", NULL), 0);
	word w[200];
	size_t n = pdf_words(f->pdf, 1, w, 200);
	const word *x = find_word(w, n, "Hòa");
	assert_non_null(x);
	assert_in_box(&f->cfg->certificate, DH_CERT_NAME, x);
	x = find_word(w, n, "vàng:");
	assert_non_null(x);
	assert_in_box(&f->cfg->certificate, DH_CERT_BOOK, x);
}

static void test_only_those(void **state)
{
	fx *f = *state;
	uint64_t ids[3];
	add_three(f, ids);
	char a[24], b[24];
	snprintf(a, sizeof a, "%" PRIu64, ids[2]);
	snprintf(b, sizeof b, "--only=%" PRIu64, ids[1]);
	int pages = 0;
	assert_int_equal(cert_args(f, &pages, "--only", a, b, NULL), 0);
	assert_int_equal(pages, 2);
	assert_int_equal(pdf_pages(f->pdf), 2);
	char *p1 = pdf_text(f->pdf, 1), *p2 = pdf_text(f->pdf, 2);
	/* in the decision's order, with the decision's numbers */
	assert_non_null(strstr(p1, "Số sổ vàng: 2"));
	assert_non_null(strstr(p2, "Số sổ vàng: 3"));
	assert_null(strstr(p1, "Hòa"));
	free(p1);
	free(p2);
}

static void test_only_not_in_decision(void **state)
{
	fx *f = *state;
	uint64_t ids[3];
	add_three(f, ids);
	uint64_t other = add_candidate(f, DH_KIND_INDIVIDUAL, "Người Khác", "vp", NULL, NULL);
	char a[24];
	snprintf(a, sizeof a, "%" PRIu64, other);
	assert_int_equal(cert_args(f, NULL, "--only", a, NULL), DH_ENOTFOUND);
	assert_non_null(strstr(f->ctx.message, "không có trong Quyết định số 12/QĐ-TTr"));
	assert_false(exists(f->pdf));
}

static void test_long_name_fits_its_box(void **state)
{
	fx *f = *state;
	/* 300 characters (not bytes) */
	static const char part[] = "Nguyễn Thị Minh Khai ";
	char name[1200];
	size_t len = 0;
	while (len + sizeof part < sizeof name) {
		memcpy(name + len, part, sizeof part - 1);
		len += sizeof part - 1;
	}
	name[len] = '\0';
	size_t chars = 0, at = 0;
	for (; name[at] && chars <= 300; at++)
		chars += ((unsigned char)name[at] & 0xc0) != 0x80;
	name[at - 1] = '\0';
	uint64_t id = add_candidate(f, DH_KIND_COLLECTIVE, name, "vp", NULL, "Hoàn thành xuất sắc nhiệm vụ");
	add_decision(f, DH_DEC_AWARD, "13/QĐ-TTr", 20211130, "thuanpv", &id, 1);
	assert_int_equal(cert_args(f, NULL, "--decision", "13/QĐ-TTr", "--blank", NULL), 0);
	const dh_certificate *c = &f->cfg->certificate;
	double size = doc_cert_fit_size(c, DH_CERT_NAME, name);
	assert_true(size > 0 && size < c->fields[DH_CERT_NAME].size_pt);
	assert_true(size >= c->fields[DH_CERT_NAME].size_pt * DOC_CERT_MIN_SCALE - 1e-9);
	/* a short name keeps its size */
	assert_true(doc_cert_fit_size(c, DH_CERT_NAME, "Lê An") == c->fields[DH_CERT_NAME].size_pt);
	word w[400];
	size_t n = pdf_words(f->pdf, 1, w, 400), seen = 0;
	for (size_t i = 0; i < n; i++) {
		if (strstr("Nguyễn Thị Minh Khai…", w[i].text) || strstr(w[i].text, "Khai") ||
		    strstr(w[i].text, "…")) {
			assert_in_box(c, DH_CERT_NAME, &w[i]);
			seen++;
		}
	}
	assert_true(seen >= 8);
	keep(f, "long-name");
}

static void test_control_characters_dropped(void **state)
{
	fx *f = *state;
	uint64_t id = add_candidate(f, DH_KIND_INDIVIDUAL, "Lê\x01 Văn\x1b[31m An\x7f\xc2\x85", "vp",
	                            "Kế\ttoán", "Tích cực\r\nhọc tập");
	add_decision(f, DH_DEC_AWARD, "14/QĐ-TTr", 20211130, "thuanpv", &id, 1);
	assert_int_equal(cert_args(f, NULL, NULL), 0); /* the year's latest award decision */
	char *t = pdf_text(f->pdf, 1);
	for (const unsigned char *p = (const unsigned char *)t; *p; p++)
		assert_true(*p >= 0x20 || *p == '\n' || *p == '\f');
	assert_null(strstr(t, "\xc2\x85"));
	assert_non_null(strstr(t, "Lê Văn[31m An"));
	assert_non_null(strstr(t, "Kế toán"));
	free(t);
}

static void test_empty_decision_refused(void **state)
{
	fx *f = *state;
	add_decision(f, DH_DEC_AWARD, "15/QĐ-TTr", 20211130, "thuanpv", NULL, 0);
	int pages = -1;
	assert_int_equal(cert_args(f, &pages, "--decision", "15/QĐ-TTr", NULL), DH_EINVAL);
	assert_int_equal(pages, 0);
	assert_non_null(strstr(f->ctx.message, "Quyết định số 15/QĐ-TTr chưa có"));
	assert_non_null(strstr(f->ctx.message, "không có Giấy khen để in"));
	assert_false(exists(f->pdf));
}

static void test_which_decision(void **state)
{
	fx *f = *state;
	uint64_t ids[3];
	uint64_t award = add_three(f, ids);
	uint64_t recog = add_decision(f, DH_DEC_RECOGNITION, "10/QĐ-TTr", 20211120, "thuanpv", ids, 3);
	char id[24];
	/* a recognition decision has no Giấy khen */
	snprintf(id, sizeof id, "%" PRIu64, recog);
	assert_int_equal(cert_args(f, NULL, "--decision", id, NULL), DH_ENOTFOUND);
	assert_non_null(strstr(f->ctx.message, "không phải quyết định tặng Giấy khen"));
	assert_int_equal(cert_args(f, NULL, "--decision", "99/QĐ-TTr", NULL), DH_ENOTFOUND);
	assert_non_null(strstr(f->ctx.message, "Không có quyết định số “99/QĐ-TTr”"));
	assert_int_equal(cert_args(f, NULL, "--decision", "999", NULL), DH_ENOTFOUND);
	assert_false(exists(f->pdf));
	/* by id, and by default the latest award decision of the plan year */
	snprintf(id, sizeof id, "%" PRIu64, award);
	int pages = 0;
	assert_int_equal(cert_args(f, &pages, "--decision", id, NULL), 0);
	assert_int_equal(pages, 3);
	uint64_t last = add_decision(f, DH_DEC_AWARD, "16/QĐ-TTr", 20211210, "hungnv", &ids[0], 1);
	(void)last;
	assert_int_equal(cert_args(f, &pages, NULL), 0);
	assert_int_equal(pages, 1);
	char *t = pdf_text(f->pdf, 1);
	/* a deputy signs for the Chief Inspector */
	assert_non_null(strstr(t, "16/QĐ-TTr ngày 10/12/2021"));
	assert_non_null(strstr(t, "KT. CHÁNH THANH TRA\nPHÓ CHÁNH THANH TRA"));
	assert_non_null(strstr(t, "Nguyễn Văn Hùng"));
	keep(f, "deputy");
	assert_non_null(strstr(t, "ngày 10 tháng 12 năm 2021"));
	free(t);
	/* an unknown login may only look up */
	dh_ctx stranger;
	wf_ctx_init(&stranger, f->cfg, f->st, "nobody");
	dh_cert_opts o;
	certificate_opts_init(&o);
	assert_int_equal(certificate_write(&stranger, &o, f->pdf, NULL), DH_EPERM);
	assert_non_null(strstr(stranger.message, "“nobody” chỉ được tra cứu"));
}

static void test_default_name(void **state)
{
	fx *f = *state;
	uint64_t ids[3];
	add_three(f, ids);
	dh_cert_opts o;
	certificate_opts_init(&o);
	char *name = certificate_default_name(&f->ctx, &o);
	assert_string_equal(name, "giay-khen-2021-12-QD-TTr.pdf");
	free(name);
	o.decision_number = "404/QĐ-TTr";
	name = certificate_default_name(&f->ctx, &o);
	assert_string_equal(name, "giay-khen-2021.pdf");
	free(name);
}

static void test_parse_args(void **state)
{
	fx *f = *state;
	dh_cert_opts o;
	char *ok[] = {"--decision=7", "--only", "3", "4", "--blank", "--only", "9"};
	assert_int_equal(certificate_parse_args(&f->ctx, 7, ok, &o), 0);
	assert_int_equal(o.decision_id, 7);
	assert_null(o.decision_number);
	assert_true(o.blank);
	assert_int_equal(o.n_only, 3);
	assert_int_equal(o.only[0], 3);
	assert_int_equal(o.only[2], 9);
	certificate_opts_free(&o);
	char *num[] = {"--decision", "12/QĐ-TTr"};
	assert_int_equal(certificate_parse_args(&f->ctx, 2, num, &o), 0);
	assert_string_equal(o.decision_number, "12/QĐ-TTr");
	certificate_opts_free(&o);

	char *bad1[] = {"--only", "x"};
	assert_int_equal(certificate_parse_args(&f->ctx, 2, bad1, &o), DH_EINVAL);
	assert_non_null(strstr(f->ctx.message, "--only cần mã số hồ sơ"));
	assert_null(o.only);
	char *bad2[] = {"--only", "--blank"};
	assert_int_equal(certificate_parse_args(&f->ctx, 2, bad2, &o), DH_EINVAL);
	char *bad3[] = {"--decision"};
	assert_int_equal(certificate_parse_args(&f->ctx, 1, bad3, &o), DH_EINVAL);
	char *bad4[] = {"--format", "docx"};
	assert_int_equal(certificate_parse_args(&f->ctx, 2, bad4, &o), DH_EINVAL);
	assert_non_null(strstr(f->ctx.message, "chỉ in ra PDF"));
	char *bad5[] = {"--session", "1"};
	assert_int_equal(certificate_parse_args(&f->ctx, 2, bad5, &o), DH_EINVAL);
	assert_non_null(strstr(f->ctx.message, "Cách dùng: dienhinh report certificate"));
}

static void test_hundred_certificates(void **state)
{
	fx *f = *state;
	uint64_t ids[100];
	char name[64];
	for (int i = 0; i < 100; i++) {
		snprintf(name, sizeof name, "Nguyễn Văn Người Thứ %d", i + 1);
		ids[i] = add_candidate(
		    f, DH_KIND_INDIVIDUAL, name, "nv1", "Thanh tra viên",
		    "Tham gia 12 cuộc thanh tra, kiến nghị thu hồi nhiều khoản chi sai quy định");
	}
	add_decision(f, DH_DEC_AWARD, "20/QĐ-TTr", 20211130, "thuanpv", ids, 100);
	/* How long this takes is measured by tests/bench/documents.sh. */
	int pages = 0;
	assert_int_equal(cert_args(f, &pages, NULL), 0);
	assert_int_equal(pages, 100);
	assert_int_equal(pdf_pages(f->pdf), 100);
	char *t = pdf_text(f->pdf, 100);
	assert_non_null(strstr(t, "Số sổ vàng: 100"));
	free(t);
	keep(f, "hundred");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_one_page_each, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_shift_moves_every_box, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_only_those, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_only_not_in_decision, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_long_name_fits_its_box, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_control_characters_dropped, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_empty_decision_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_which_decision, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_default_name, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_parse_args, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_hundred_certificates, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
