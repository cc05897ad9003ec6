/* test_doc_docx.c — the Word writer, read back with the tools a clerk's
 * machine would have: a decision with every kind of block (header, title,
 * căn cứ, body with bold runs and a line break, a 120-row annex table that
 * spans pages, a 300-character name, hostile characters, signature and nơi
 * nhận) is written to a temporary folder, then each part is unpacked with
 * unzip and parsed with xmllint, and the XML is searched for what NĐ
 * 30/2020 asks of the layout. */
#include "dienhinh/doc.h"
#include "dienhinh/doc_docx.h"
#include "dienhinh/error.h"
#include "tool.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define N_ROWS 120

static const char *const parts[] = {
    "[Content_Types].xml", "_rels/.rels",       "docProps/core.xml",
    "docProps/app.xml",    "word/document.xml", "word/styles.xml",
    "word/numbering.xml",  "word/settings.xml", "word/_rels/document.xml.rels",
    "word/header1.xml",    "word/header2.xml",
};

typedef struct fx {
	char dir[64];
	char path[128];
	char long_name[1024];
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
	snprintf(f->dir, sizeof(f->dir), "/tmp/dh-docx-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof(f->path), "%s/quyet-dinh.docx", f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;
	/* DH_DOCX_KEEP=1: keep the folder to open the file by hand. */
	if (getenv("DH_DOCX_KEEP"))
		fprintf(stderr, "kept %s\n", f->dir);
	else
		nftw(f->dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(f);
	return 0;
}

/* unzip's pattern for PART: '[' would open a character class. */
static void zip_pattern(char *out, size_t n, const char *part)
{
	size_t o = 0;
	for (const char *p = part; *p && o + 4 < n; p++) {
		if (*p == '[') {
			memcpy(out + o, "[[]", 3);
			o += 3;
		} else {
			out[o++] = *p;
		}
	}
	out[o] = '\0';
}

/* PART of the archive FILE as a string (free it). */
static char *part_of(const char *file, const char *part)
{
	char pat[128];
	int status;
	zip_pattern(pat, sizeof(pat), part);
	char *buf = tool_output(&status, "unzip -p '%s' '%s'", file, pat);
	assert_non_null(buf);
	assert_int_equal(status, 0);
	assert_true(buf[0] != '\0');
	return buf;
}

static void assert_well_formed(const char *file, const char *part)
{
	char pat[128], cmd[512];
	zip_pattern(pat, sizeof(pat), part);
	snprintf(cmd, sizeof(cmd), "unzip -p '%s' '%s' | xmllint --noout -", file, pat);
	if (system(cmd) != 0)
		fail_msg("%s: %s is not well-formed XML", file, part);
}

static void assert_has(const char *text, const char *part)
{
	if (!strstr(text, part))
		fail_msg("the XML lacks «%s»", part);
}

static void assert_lacks(const char *text, const char *part)
{
	if (strstr(text, part))
		fail_msg("the XML has «%s»", part);
}

static size_t count_of(const char *text, const char *part)
{
	size_t n = 0;
	for (const char *p = text; (p = strstr(p, part)); p += strlen(part))
		n++;
	return n;
}

/* No file of DIR is a writer's temporary one. */
static void assert_no_tmp(const char *dir)
{
	DIR *dh = opendir(dir);
	if (!dh)
		return;
	for (struct dirent *e; (e = readdir(dh));)
		if (strstr(e->d_name, ".tmp-"))
			fail_msg("left behind: %s/%s", dir, e->d_name);
	closedir(dh);
}

/* A decision with its annex: every kind of block the model has. */
static dh_doc *decision(fx *f)
{
	dh_doc *d = doc_new();
	assert_non_null(d);
	doc_set_title(d, "Quyết định khen thưởng năm 2021");
	doc_set_header(d, "Ủy ban nhân dân tỉnh Hà Tĩnh", "Thanh tra tỉnh Hà Tĩnh", "12/QĐ-TTr",
	               "Hà Tĩnh, ngày 30 tháng 11 năm 2021");
	doc_set_kind(d, "Quyết định", "Về việc tặng Giấy khen\ncho các tập thể và cá nhân");
	doc_line(d, DOC_P_CENTER, DOC_BOLD, "CHÁNH THANH TRA TỈNH HÀ TĨNH");
	doc_line(d, DOC_P_BASIS, 0, "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;");
	doc_line(d, DOC_P_BASIS, 0,
	         "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ;");
	doc_line(d, DOC_P_BASIS, 0, "Theo đề nghị của Hội đồng Thi đua - Khen thưởng.");
	doc_line(d, DOC_P_CENTER, DOC_BOLD, "QUYẾT ĐỊNH:");
	doc_para(d, DOC_P_BODY);
	doc_run(d, DOC_BOLD, "Điều 1. ");
	doc_run(d, 0, "Tặng Giấy khen cho ");
	doc_run(d, DOC_BOLD | DOC_UNDERLINE, "120 cá nhân");
	doc_run(d, 0, " có thành tích xuất sắc.\nDanh sách kèm theo.");
	doc_line(d, DOC_P_HEAD1, 0, "I. Thành phần tham dự");
	doc_line(d, DOC_P_HEAD2, 0, "1. Nguyễn Văn A");
	doc_line(d, DOC_P_ITEM, DOC_ITALIC, "- Công ty A&B <Hà Tĩnh> \"số 1\" 'mới'\x01\x07\x1b\x7f hết.");
	doc_page_break(d);
	doc_line(d, DOC_P_CENTER, DOC_BOLD, "PHỤ LỤC");
	doc_line(d, DOC_P_CENTER, DOC_ITALIC, "(Kèm theo Quyết định số 12/QĐ-TTr ngày 30/11/2021)");
	static const dh_doc_col cols[] = {
	    {"STT", 1, DOC_CENTRE},
	    {"Họ và tên", 4, DOC_LEFT},
	    {"Chức vụ, đơn vị", 5, DOC_LEFT},
	    {"Số tiền\n(đồng)", 2, DOC_RIGHTALIGN},
	};
	doc_table(d, cols, 4);
	/* 300 characters of a name, no space to break at. */
	size_t o = 0;
	for (int i = 0; i < 300; i++)
		o += (size_t)snprintf(f->long_name + o, sizeof(f->long_name) - o, "%s", i % 2 ? "ễ" : "N");
	for (int r = 1; r <= N_ROWS; r++) {
		doc_row(d, false);
		doc_cellf(d, 0, "%d", r);
		if (r == 7)
			doc_cell_text(d, 0, f->long_name);
		else
			doc_cellf(d, 0, "Trần Thị Bình %d", r);
		doc_cell_text(d, 0, "Thanh tra viên, Phòng Nghiệp vụ 1");
		doc_cell_text(d, 0, "1.490.000");
	}
	doc_row(d, true);
	doc_cell(d);
	doc_cell_text(d, 0, "Tổng cộng");
	doc_cell(d);
	doc_cell_text(d, 0, "178.800.000");
	doc_line(d, DOC_P_RIGHT, DOC_ITALIC, "Hà Tĩnh, ngày 30 tháng 11 năm 2021");
	static const char *const to[] = {"Như Điều 3", "Chánh Thanh tra (b/c)", "Lưu: VT, TĐKT"};
	dh_doc_signer right = {
	    .authority = "KT. Chánh Thanh tra", .title = "Phó Chánh Thanh tra", .name = "Nguyễn Văn An"};
	doc_sign(d, NULL, &right, to, 3);
	assert_int_equal(doc_error(d), 0);
	return d;
}

static void decision_is_a_valid_word_file_in_the_state_format(void **state)
{
	fx *f = *state;
	dh_doc *d = decision(f);
	/* The builder cleaned the item's controls; put them back behind its
	 * back to see the writer's own defence. */
	dh_doc_block *item = NULL;
	for (size_t i = 0; i < d->n_blocks; i++)
		if (d->blocks[i].kind == DOC_B_PARA && d->blocks[i].u.para.kind == DOC_P_ITEM)
			item = &d->blocks[i];
	assert_non_null(item);
	if (!item) /* for the analyzer, which does not know cmocka stops here */
		return;
	free(item->u.para.runs[0].text);
	item->u.para.runs[0].text = strdup("- Công ty A&B <Hà Tĩnh>\x01\x02\x1f\x0b\xff hết.");
	assert_non_null(item->u.para.runs[0].text);

	char why[256] = "";
	/* Twice: the second replaces the first. */
	assert_int_equal(doc_docx_write(d, f->path, why, sizeof(why)), 0);
	assert_int_equal(doc_docx_write(d, f->path, why, sizeof(why)), 0);
	doc_free(d);
	assert_int_equal(access(f->path, R_OK), 0);
	assert_no_tmp(f->dir);

	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		assert_well_formed(f->path, parts[i]);

	char *doc = part_of(f->path, "word/document.xml");
	/* The header block: capitals, Quốc hiệu, Tiêu ngữ, number, date. */
	assert_has(doc, "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH");
	assert_has(doc, "THANH TRA TỈNH HÀ TĨNH");
	assert_has(doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
	assert_has(doc, "Độc lập - Tự do - Hạnh phúc");
	assert_has(doc, ">Số: <");
	assert_has(doc, "12/QĐ-TTr");
	assert_has(doc, "Hà Tĩnh, ngày 30 tháng 11 năm 2021");
	assert_has(doc, "<w:pStyle w:val=\"Rule\"/>");
	/* Title, with the trích yếu's line break. */
	assert_has(doc, ">QUYẾT ĐỊNH<");
	assert_has(doc, "Về việc tặng Giấy khen</w:t><w:br/><w:t xml:space=\"preserve\">cho các tập thể");
	/* Paragraph styles and runs. */
	assert_has(doc, "<w:pStyle w:val=\"Basis\"/>");
	assert_has(doc, "<w:pStyle w:val=\"Body\"/>");
	assert_has(doc, "<w:pStyle w:val=\"Heading1\"/>");
	assert_has(doc, "<w:pStyle w:val=\"Heading2\"/>");
	assert_has(doc, "<w:pStyle w:val=\"Item\"/>");
	assert_has(doc, "<w:pStyle w:val=\"Right\"/>");
	assert_has(doc, "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;");
	assert_has(doc, "<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">Điều 1. </w:t></w:r>");
	assert_has(doc, "<w:u w:val=\"single\"/>");
	assert_has(doc, "xuất sắc.</w:t><w:br/><w:t xml:space=\"preserve\">Danh sách");
	assert_has(doc, "<w:br w:type=\"page\"/>");
	/* Hostile text: escaped, controls gone, a stray byte is U+FFFD. */
	assert_has(doc, "Công ty A&amp;B &lt;Hà Tĩnh&gt;\xEF\xBF\xBD hết.");
	for (const unsigned char *p = (const unsigned char *)doc; *p; p++)
		if (*p < 0x20 && *p != '\n')
			fail_msg("control character 0x%02x in document.xml", *p);
	/* The annex table: grid, widths, the header row repeated, no split rows. */
	assert_has(doc, "<w:tblStyle w:val=\"TableGrid\"/>");
	assert_has(doc, "<w:tblHeader/>");
	assert_int_equal(count_of(doc, "<w:tblHeader/>"), 1);
	/* 210 − 30 − 15 mm = 9355 twips, shared 1:4:5:2. */
	assert_has(doc, "<w:tblW w:w=\"9355\" w:type=\"dxa\"/>");
	assert_has(doc, "<w:gridCol w:w=\"779\"/><w:gridCol w:w=\"3118\"/><w:gridCol w:w=\"3898\"/>"
	                "<w:gridCol w:w=\"1560\"/>");
	assert_true(count_of(doc, "<w:cantSplit/>") >= N_ROWS + 2);
	assert_has(doc, f->long_name);
	assert_has(doc, "Trần Thị Bình 120");
	assert_has(doc, "<w:jc w:val=\"right\"/></w:pPr><w:r><w:t xml:space=\"preserve\">1.490.000");
	assert_has(doc, "<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">Tổng cộng");
	/* The signature and the nơi nhận. */
	assert_has(doc, ">Nơi nhận:<");
	assert_has(doc, "Như Điều 3</w:t></w:r><w:r><w:t xml:space=\"preserve\">;");
	assert_has(doc, "Lưu: VT, TĐKT</w:t></w:r><w:r><w:t xml:space=\"preserve\">.");
	assert_has(doc, ">KT. CHÁNH THANH TRA<");
	assert_has(doc, ">PHÓ CHÁNH THANH TRA<");
	assert_has(doc, ">Nguyễn Văn An<");
	/* The page: A4, margins 20/15/20/30 mm, numbers from page 2. */
	assert_has(doc, "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>");
	assert_has(doc, "<w:pgMar w:top=\"1134\" w:right=\"850\" w:bottom=\"1134\" w:left=\"1701\"");
	assert_has(doc, "<w:titlePg/>");
	assert_has(doc, "<w:headerReference w:type=\"first\"");
	free(doc);

	char *styles = part_of(f->path, "word/styles.xml");
	assert_has(styles, "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" "
	                   "w:eastAsia=\"Times New Roman\" w:cs=\"Times New Roman\"/>");
	assert_has(styles, "<w:sz w:val=\"28\"/>");
	assert_has(styles, "w:styleId=\"TableGrid\"");
	assert_has(styles, "w:styleId=\"Body\"");
	assert_has(styles, "<w:ind w:firstLine=\"720\"/><w:jc w:val=\"both\"/>");
	assert_has(styles, "w:after=\"120\" w:line=\"288\"");
	free(styles);

	char *hdr = part_of(f->path, "word/header1.xml");
	assert_has(hdr, "w:instr=\" PAGE \"");
	free(hdr);
	char *first = part_of(f->path, "word/header2.xml");
	assert_lacks(first, "PAGE");
	free(first);
	char *core = part_of(f->path, "docProps/core.xml");
	assert_has(core, "<dc:title>Quyết định khen thưởng năm 2021</dc:title>");
	free(core);
	char *types = part_of(f->path, "[Content_Types].xml");
	assert_has(types, "/word/header1.xml");
	assert_has(types, "wordprocessingml.document.main+xml");
	free(types);
}

/* A biên bản: no place and date, number left to the văn thư, the
 * secretary signs on the left and the chair on the right. */
static void minutes_have_two_signers_and_no_date(void **state)
{
	fx *f = *state;
	dh_doc *d = doc_new();
	assert_non_null(d);
	doc_set_header(d, NULL, "Hội đồng Thi đua - Khen thưởng", "/BB-HĐTĐKT", NULL);
	doc_set_kind(d, "Biên bản", "Họp Hội đồng Thi đua - Khen thưởng");
	doc_line(d, DOC_P_BODY, 0, "Thời gian bắt đầu: 8 giờ 00.");
	dh_doc_signer left = {.title = "Thư ký", .name = "Lê Thị Hoa", .hint = true};
	dh_doc_signer right = {.title = "Chủ tọa", .hint = true};
	doc_sign(d, &left, &right, NULL, 0);
	assert_int_equal(doc_error(d), 0);
	char why[256] = "";
	assert_int_equal(doc_docx_write(d, f->path, why, sizeof(why)), 0);
	doc_free(d);
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		assert_well_formed(f->path, parts[i]);
	char *doc = part_of(f->path, "word/document.xml");
	assert_has(doc, ">HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG<");
	assert_has(doc, "/BB-HĐTĐKT");
	assert_has(doc, ">BIÊN BẢN<");
	assert_lacks(doc, "ngày");
	assert_lacks(doc, "Nơi nhận");
	assert_has(doc, ">THƯ KÝ<");
	assert_has(doc, ">CHỦ TỌA<");
	assert_int_equal(count_of(doc, "(Ký, ghi rõ họ tên)"), 2);
	assert_has(doc, ">Lê Thị Hoa<");
	free(doc);
	assert_no_tmp(f->dir);
}

static void a_missing_folder_is_an_io_error_and_leaves_nothing(void **state)
{
	fx *f = *state;
	dh_doc *d = decision(f);
	char path[160], why[256] = "";
	snprintf(path, sizeof(path), "%s/khong-co/quyet-dinh.docx", f->dir);
	assert_int_equal(doc_docx_write(d, path, why, sizeof(why)), DH_EIO);
	assert_true(why[0] != '\0');
	assert_non_null(strstr(why, "khong-co"));
	assert_int_not_equal(access(path, F_OK), 0);
	assert_no_tmp(f->dir);
	doc_free(d);
}

static void a_document_with_an_error_is_refused(void **state)
{
	fx *f = *state;
	dh_doc *d = decision(f);
	d->err = DH_ENOMEM; /* as if an allocation had failed while building */
	char why[256] = "";
	assert_int_equal(doc_docx_write(d, f->path, why, sizeof(why)), DH_EINVAL);
	assert_true(why[0] != '\0');
	assert_int_not_equal(access(f->path, F_OK), 0);
	assert_int_equal(doc_docx_write(NULL, f->path, NULL, 0), DH_EINVAL);
	assert_no_tmp(f->dir);
	doc_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(decision_is_a_valid_word_file_in_the_state_format, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(minutes_have_two_signers_and_no_date, setup, teardown),
	    cmocka_unit_test_setup_teardown(a_missing_folder_is_an_io_error_and_leaves_nothing, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(a_document_with_an_error_is_refused, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
