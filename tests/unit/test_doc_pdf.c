/* test_doc_pdf.c — the PDF writer (doc_pdf.h) read back the way a person
 * and a file manager would: poppler's pdfinfo, pdffonts and pdftotext say
 * the page size, the page count, the embedded fonts, the Vietnamese text
 * with its diacritics, where the page numbers are, that a long table's
 * header row repeats, and that nothing is set inside the margins. */
#include "dienhinh/doc.h"
#include "dienhinh/doc_pdf.h"
#include "dienhinh/error.h"
#include "tool.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <ftw.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define TABLE_ROWS 120
#define MM         (72.0 / 25.4)

typedef struct fx {
	char dir[64];
	char pdf[128];
} fx;

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int setup(void **state)
{
	fx *f = calloc(1, sizeof(*f));
	assert_non_null(f);
	snprintf(f->dir, sizeof(f->dir), "/tmp/dh-pdf-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->pdf, sizeof(f->pdf), "%s/tài liệu.pdf", f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;
	/* DH_PDF_KEEP=1: leave the folder to look at the file. */
	if (getenv("DH_PDF_KEEP"))
		fprintf(stderr, "kept %s\n", f->dir);
	else
		nftw(f->dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(f);
	return 0;
}

/* The output of `TOOL ARGS 'PATH'` (PATH has no single quote; pdftotext
 * writes to standard output); freed by the caller. */
static char *run(const char *tool, const char *args, const char *path)
{
	int status;
	char *buf = tool_output(&status, "%s %s '%s'%s 2>&1", tool, args, path,
	                        strcmp(tool, "pdftotext") == 0 ? " -" : "");
	assert_non_null(buf);
	if (status != 0)
		fail_msg("%s failed (%d)", tool, status);
	return buf;
}

static void assert_has(const char *text, const char *part)
{
	if (!strstr(text, part)) {
		fprintf(stderr, "%s\n", text);
		fail_msg("the text above lacks «%s»", part);
	}
}

static int count_of(const char *text, const char *part)
{
	int n = 0;
	for (const char *p = text; (p = strstr(p, part)); p += strlen(part))
		n++;
	return n;
}

/* The first line of TEXT that is not blank, trimmed, into LINE. */
static void first_line(const char *text, char *line, size_t len)
{
	const char *p = text;
	while (*p == ' ' || *p == '\n' || *p == '\f')
		p++;
	size_t n = strcspn(p, "\n");
	while (n && p[n - 1] == ' ')
		n--;
	snprintf(line, len, "%.*s", (int)n, p);
}

/* A name of 300 characters: it wraps inside its cell. */
static const char long_name[] =
    "Nguyễn Thị Phương Thảo Hoàng Lê Minh Châu Trần Đức Thắng Phạm Quốc Việt Vũ Thị Ngọc Ánh Đặng Hữu Nghĩa "
    "Bùi Thanh Hương Đỗ Mạnh Hùng Hồ Xuân Quỳnh Ngô Bảo Khánh Dương Văn Lợi Lý Thị Kiều Trang Mai Anh Tuấn "
    "Tạ Quang Bửu Lưu Hữu Phước Trịnh Công Sơn Phan Bội Châu Huỳnh Thúc Kháng Lê Lợi Kết thúc tên dài";

/* A document with every kind of block. ROWS rows in the table; BODY
 * paragraphs of body text before it. */
static dh_doc *sample(size_t rows, size_t body)
{
	dh_doc *d = doc_new();
	assert_non_null(d);
	doc_set_title(d, "Quyết định khen thưởng năm 2021");
	doc_set_header(d, "UBND tỉnh Hà Tĩnh", "Hội đồng Thi đua - Khen thưởng Thanh tra tỉnh", "12/QĐ-TTr",
	               "Hà Tĩnh, ngày 05 tháng 01 năm 2022");
	doc_set_kind(d, "QUYẾT ĐỊNH", "Về việc tặng Giấy khen\ncho các tập thể và cá nhân");
	doc_line(d, DOC_P_CENTER, DOC_BOLD, "CHÁNH THANH TRA TỈNH HÀ TĨNH");
	doc_line(d, DOC_P_BASIS, 0, "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;");
	doc_line(
	    d, DOC_P_BASIS, 0,
	    "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết "
	    "thi hành một số điều của Luật Thi đua, khen thưởng.");
	doc_line(d, DOC_P_HEAD1, 0, "I. Thành phần tham dự");
	for (size_t i = 0; i < body; i++) {
		doc_para(d, DOC_P_BODY);
		doc_run(d, 0, "Theo đề nghị của Hội đồng Thi đua - Khen thưởng, ông ");
		doc_run(d, DOC_BOLD, "Nguyễn Văn Bình");
		doc_run(d, 0,
		        " được khen vì đã có thành tích xuất sắc trong công tác thanh tra, tiếp công dân, "
		        "giải quyết khiếu nại, tố cáo và phòng, chống tham nhũng năm 2021.\nDòng mới sau dấu "
		        "xuống dòng, ký hiệu <&> và X\x07Y, ");
		doc_run(d, DOC_ITALIC | DOC_UNDERLINE, "chữ nghiêng gạch chân");
		doc_run(d, 0, ".");
	}
	doc_line(d, DOC_P_HEAD2, 0, "Điều 1. Tặng Giấy khen");
	doc_line(d, DOC_P_ITEM, 0, "- Các cá nhân có tên trong danh sách kèm theo;");
	static const dh_doc_col cols[] = {{"STT", 1, DOC_CENTRE},
	                                  {"Họ và tên", 5, DOC_LEFT},
	                                  {"Đơn vị công tác", 4, DOC_LEFT},
	                                  {"Số tiền thưởng", 2, DOC_RIGHTALIGN}};
	doc_table(d, cols, 4);
	for (size_t r = 0; r < rows; r++) {
		doc_row(d, false);
		doc_cellf(d, 0, "%zu", r + 1);
		doc_cell_text(d, 0, r == 7 ? long_name : "Lê Thị Hồng Nhung");
		doc_cell_text(d, 0, "Phòng Nghiệp vụ 1\nThanh tra tỉnh");
		doc_cellf(d, 0, "%zu.000", 100 + r);
	}
	doc_row(d, true);
	doc_cell(d);
	doc_cell_text(d, 0, "Tổng cộng");
	doc_cell(d);
	doc_cellf(d, 0, "%zu.000", rows * 100);
	doc_line(d, DOC_P_RIGHT, DOC_ITALIC, "Hà Tĩnh, ngày 05 tháng 01 năm 2022");
	static const char *const to[] = {"Như Điều 3", "Chánh Thanh tra tỉnh (để b/c)", "Lưu: VT, TĐKT"};
	dh_doc_signer boss = {
	    .authority = "KT. Chánh Thanh tra", .title = "Phó Chánh Thanh tra", .name = "Trần Văn Cường"};
	doc_sign(d, NULL, &boss, to, 3);
	doc_page_break(d);
	doc_line(d, DOC_P_CENTER, DOC_BOLD, "PHỤ LỤC");
	doc_line(d, DOC_P_CENTER, DOC_ITALIC, "(Kèm theo Quyết định số 12/QĐ-TTr)");
	dh_doc_signer clerk = {.title = "Thư ký", .name = "Hoàng Thị Mai", .hint = true};
	dh_doc_signer chair = {.title = "Chủ tọa", .name = "Nguyễn Văn An", .hint = true};
	doc_sign(d, &clerk, &chair, NULL, 0);
	assert_int_equal(doc_error(d), 0);
	return d;
}

static int page_count(const char *info)
{
	const char *p = strstr(info, "Pages:");
	assert_non_null(p);
	return atoi(p + strlen("Pages:"));
}

/* In pdffonts' table, a font whose name has NAME after its subset tag
 * ("ABCDEF+LiberationSerif-Bold") and is embedded. */
static bool font_embedded(const char *fonts, const char *name)
{
	char want[64];
	snprintf(want, sizeof(want), "+%s ", name);
	for (const char *line = fonts; line && *line;
	     line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		size_t len = strcspn(line, "\n");
		char copy[256];
		snprintf(copy, sizeof(copy), "%.*s", (int)len, line);
		if (!strstr(copy, want))
			continue;
		/* the columns end: emb sub uni object-number generation */
		char *tok[32];
		int n = 0;
		for (char *save = NULL, *t = strtok_r(copy, " ", &save); t && n < 32;
		     t = strtok_r(NULL, " ", &save))
			tok[n++] = t;
		if (n >= 6 && strcmp(tok[n - 5], "yes") == 0)
			return true;
	}
	return false;
}

static void the_document_reads_back_as_written(void **state)
{
	fx *f = *state;
	dh_doc *d = sample(TABLE_ROWS, 3);
	char why[256] = "";
	int rc = doc_pdf_write(d, f->pdf, why, sizeof(why));
	if (rc)
		fail_msg("doc_pdf_write: %d %s", rc, why);

	char *info = run("pdfinfo", "", f->pdf);
	assert_has(info, "595.276 x 841.89 pts (A4)");
	assert_has(info, "Quyết định khen thưởng năm 2021");
	/* The table alone is taller than three pages of text area: each
	 * row is at least one 13 pt line and its padding. */
	double area = (297 - 20 - 20) * MM, row = 13 + 2 * 1.5 * MM;
	int least = (int)ceil(TABLE_ROWS * row / area) + 1; /* and the annex */
	int pages = page_count(info);
	if (pages < least || pages > least + 4)
		fail_msg("%d pages, expected %d to %d", pages, least, least + 4);
	free(info);

	char *fonts = run("pdffonts", "", f->pdf);
	assert_true(font_embedded(fonts, "LiberationSerif"));
	assert_true(font_embedded(fonts, "LiberationSerif-Bold"));
	assert_true(font_embedded(fonts, "LiberationSerif-Italic"));
	assert_true(font_embedded(fonts, "LiberationSerif-BoldItalic"));
	free(fonts);

	char *all = run("pdftotext", "-layout", f->pdf);
	assert_has(all, "UBND TỈNH HÀ TĨNH");
	assert_has(all, "HỘI ĐỒNG THI ĐUA");
	assert_has(all, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
	assert_has(all, "Độc lập - Tự do - Hạnh phúc");
	assert_has(all, "Số: 12/QĐ-TTr");
	assert_has(all, "Hà Tĩnh, ngày 05 tháng 01 năm 2022");
	assert_has(all, "QUYẾT ĐỊNH");
	assert_has(all, "cho các tập thể và cá nhân");
	assert_has(all, "Nguyễn Văn Bình");
	assert_has(all, "<&>");
	assert_has(all, "XY"); /* the control character is gone */
	assert_has(all, "Kết thúc tên dài");
	assert_has(all, "Tổng cộng");
	assert_has(all, "Nơi nhận:");
	assert_has(all, "- Như Điều 3;");
	assert_has(all, "- Lưu: VT, TĐKT.");
	assert_has(all, "KT. CHÁNH THANH TRA");
	assert_has(all, "Trần Văn Cường");
	assert_has(all, "(Ký, ghi rõ họ tên)");
	assert_has(all, "Hoàng Thị Mai");
	assert_has(all, "Nguyễn Văn An");
	assert_true(strstr(all, "THƯ KÝ") < strstr(all, "CHỦ TỌA")); /* the clerk on the left */
	free(all);

	/* Page numbers: none on page 1, "2" on top of page 2. */
	char line[256];
	char *p1 = run("pdftotext", "-layout -f 1 -l 1", f->pdf);
	first_line(p1, line, sizeof(line));
	assert_has(line, "UBND TỈNH HÀ TĨNH");
	free(p1);
	for (int pg = 2; pg <= 3; pg++) {
		char args[64], num[16];
		snprintf(args, sizeof(args), "-layout -f %d -l %d", pg, pg);
		snprintf(num, sizeof(num), "%d", pg);
		char *text = run("pdftotext", args, f->pdf);
		first_line(text, line, sizeof(line));
		assert_string_equal(line, num);
		/* the header row again on top of the table */
		assert_has(text, "Họ và tên");
		assert_has(text, "Đơn vị công tác");
		assert_has(text, "Số tiền");
		free(text);
	}
	/* The annex starts a page of its own: the last page. */
	char args[64];
	snprintf(args, sizeof(args), "-layout -f %d -l %d", pages, pages);
	char *last = run("pdftotext", args, f->pdf);
	assert_has(last, "PHỤ LỤC");
	assert_true(count_of(last, "Lê Thị Hồng Nhung") == 0);
	free(last);

	/* Nothing inside the margins: left 30 mm, right 15 mm; the page
	 * number sits in the top margin, the rest below it. */
	char *bbox = run("pdftotext", "-bbox", f->pdf);
	int words = 0;
	for (const char *w = bbox; (w = strstr(w, "<word ")); w++) {
		double x0, y0, x1, y1;
		assert_int_equal(sscanf(w, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"", &x0,
		                        &y0, &x1, &y1),
		                 4);
		if (x0 < 30 * MM - 0.5 || x1 > (210 - 15) * MM + 0.5)
			fail_msg("a word at x %.1f–%.1f is in a margin", x0, x1);
		if (y1 > (297 - 20) * MM + 0.5)
			fail_msg("a word at y %.1f is in the bottom margin", y1);
		words++;
	}
	assert_true(words > 1000);
	free(bbox);
	doc_free(d);

	/* Only the file: no temporary left beside it. */
	DIR *dir = opendir(f->dir);
	assert_non_null(dir);
	int n = 0;
	for (struct dirent *e; (e = readdir(dir));)
		if (e->d_name[0] != '.')
			n++;
	closedir(dir);
	assert_int_equal(n, 1);
}

static void a_missing_folder_is_an_io_error(void **state)
{
	fx *f = *state;
	dh_doc *d = sample(3, 1);
	char path[192], why[256] = "";
	snprintf(path, sizeof(path), "%s/không-có/tệp.pdf", f->dir);
	assert_int_equal(doc_pdf_write(d, path, why, sizeof(why)), DH_EIO);
	assert_true(strlen(why) > 0);
	assert_has(why, "không có thư mục này");
	assert_int_equal(access(path, F_OK), -1);
	doc_free(d);
}

static void a_document_with_an_error_is_refused(void **state)
{
	fx *f = *state;
	dh_doc *d = sample(3, 1);
	d->err = DH_ENOMEM; /* as a failed allocation while building leaves it */
	char why[256] = "";
	assert_int_equal(doc_pdf_write(d, f->pdf, why, sizeof(why)), DH_EINVAL);
	assert_true(strlen(why) > 0);
	assert_int_equal(access(f->pdf, F_OK), -1);
	DIR *dir = opendir(f->dir);
	assert_non_null(dir);
	for (struct dirent *e; (e = readdir(dir));)
		assert_null(strstr(e->d_name, ".tmp-"));
	closedir(dir);
	doc_free(d);
}

/* A row taller than a page (its cells split at line boundaries), a table
 * with no rows, an empty paragraph, an empty signature: written without
 * looping or crashing, the text all there. */
static void a_row_taller_than_a_page_is_split(void **state)
{
	fx *f = *state;
	dh_doc *d = doc_new();
	assert_non_null(d);
	static const dh_doc_col cols[] = {{"Nội dung", 3, DOC_LEFT}, {"Ghi chú", 1, DOC_CENTRE}};
	doc_table(d, cols, 2);
	doc_row(d, false);
	doc_cell(d);
	for (int i = 0; i < 150; i++)
		doc_runf(d, 0, "Dòng thứ %d của một ô rất dài.\n", i + 1);
	doc_cell_text(d, DOC_BOLD, "Cuối");
	doc_table(d, cols, 2);
	doc_para(d, DOC_P_BODY);
	doc_sign(d, NULL, NULL, NULL, 0);
	assert_int_equal(doc_error(d), 0);
	char why[256] = "";
	assert_int_equal(doc_pdf_write(d, f->pdf, why, sizeof(why)), 0);
	char *info = run("pdfinfo", "", f->pdf);
	assert_true(page_count(info) >= 3);
	free(info);
	char *all = run("pdftotext", "-layout", f->pdf);
	assert_has(all, "Dòng thứ 1 của");
	assert_has(all, "Dòng thứ 150 của");
	assert_true(count_of(all, "Nội dung") >= 4); /* 3+ pages and the empty table */
	free(all);
	doc_free(d);
}

/* Headings between paragraphs, over several pages: a heading is never
 * the last line of a page (it goes on with its paragraph). */
static void a_heading_stays_with_its_paragraph(void **state)
{
	fx *f = *state;
	dh_doc *d = doc_new();
	assert_non_null(d);
	for (int i = 0; i < 40; i++) {
		doc_para(d, DOC_P_HEAD2);
		doc_runf(d, 0, "Mục số %d", i + 1);
		doc_line(d, DOC_P_BODY, 0,
		         "Nội dung của mục, đủ dài để chiếm hai hoặc ba dòng trên trang giấy khổ A4 với lề "
		         "trái ba "
		         "mươi mi-li-mét và lề phải mười lăm mi-li-mét, chữ mười bốn điểm.");
	}
	char why[256] = "";
	assert_int_equal(doc_pdf_write(d, f->pdf, why, sizeof(why)), 0);
	char *info = run("pdfinfo", "", f->pdf);
	int pages = page_count(info);
	free(info);
	assert_true(pages >= 3);
	for (int pg = 1; pg <= pages; pg++) {
		char args[64];
		snprintf(args, sizeof(args), "-f %d -l %d", pg, pg);
		char *text = run("pdftotext", args, f->pdf);
		size_t n = strlen(text);
		while (n && (text[n - 1] == '\n' || text[n - 1] == '\f' || text[n - 1] == ' '))
			text[--n] = '\0';
		const char *last = strrchr(text, '\n');
		last = last ? last + 1 : text;
		if (strncmp(last, "Mục số", strlen("Mục số")) == 0)
			fail_msg("page %d ends with the heading «%s»", pg, last);
		free(text);
	}
	doc_free(d);
}

/* About twenty pages (30 paragraphs, a 280-row table): how long a write takes (printed, not asserted: the
 * sanitizers make it slower here than in the program). */
static void twenty_pages_in_reasonable_time(void **state)
{
	fx *f = *state;
	dh_doc *d = sample(280, 30);
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	char why[256] = "";
	assert_int_equal(doc_pdf_write(d, f->pdf, why, sizeof(why)), 0);
	clock_gettime(CLOCK_MONOTONIC, &b);
	char *info = run("pdfinfo", "", f->pdf);
	int pages = page_count(info);
	free(info);
	double ms = (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6;
	fprintf(stderr, "%d pages written in %.0f ms\n", pages, ms);
	assert_true(pages >= 18);
	assert_true(ms < 30000);
	doc_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(the_document_reads_back_as_written, setup, teardown),
	    cmocka_unit_test_setup_teardown(a_missing_folder_is_an_io_error, setup, teardown),
	    cmocka_unit_test_setup_teardown(a_document_with_an_error_is_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(a_row_taller_than_a_page_is_split, setup, teardown),
	    cmocka_unit_test_setup_teardown(a_heading_stays_with_its_paragraph, setup, teardown),
	    cmocka_unit_test_setup_teardown(twenty_pages_in_reasonable_time, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
