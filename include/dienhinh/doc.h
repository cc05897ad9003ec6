/* doc.h — an administrative document as data, before it is a file.
 *
 * core/report.c builds a dh_doc from the records; a writer of its own turns
 * it into a file (doc_md.h: Markdown, doc_docx.h: Word, doc_pdf.h: PDF).
 * The model knows the parts of a document in the format of Nghị định
 * 30/2020/NĐ-CP, Phụ lục I, so each writer lays them out by that rule
 * instead of every document drawing its own header:
 *
 *   header      the two-column block: parent body and issuing body on the
 *               left (capitals, the issuer bold with a short rule under it)
 *               over "Số: …"; Quốc hiệu and Tiêu ngữ on the right over the
 *               place and date (italic; none on a biên bản);
 *   title       the kind's name (capitals, bold, centred) and the trích
 *               yếu (bold, centred, short rule under it);
 *   paragraphs  of runs (bold / italic), by kind: body (justified, first
 *               line indented), headings, items ("- …"), căn cứ (italic),
 *               centred lines;
 *   tables      columns with relative widths and alignment; the header row
 *               repeats on every page;
 *   signatures  one or two signer blocks side by side, or the nơi nhận list
 *               on the left and the signer on the right;
 *   page break  an annex starts on a page of its own.
 *
 * Every text handed to the builder is copied and cleaned once: invalid
 * UTF-8 and control characters (C0 but '\n', C1, DEL), bidirectional
 * controls and zero-width characters become nothing or U+FFFD, the rest is
 * NFC. So a writer only escapes for its own syntax and never meets a byte
 * that could break its file. A '\n' inside a text is a line break within
 * its paragraph or cell.
 *
 * Building never fails half-way for the caller: the first allocation
 * failure is kept (doc_error()) and later calls do nothing, so a document
 * is built with one check at the end (knot's txn_semcheck()). */
#ifndef DIENHINH_DOC_H
#define DIENHINH_DOC_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

/* Inline style of a run. DOC_LINK marks a web address (Markdown makes it
 * an autolink; the other writers print it as text). */
enum { DOC_BOLD = 1u << 0, DOC_ITALIC = 1u << 1, DOC_UNDERLINE = 1u << 2, DOC_LINK = 1u << 3 };

typedef struct dh_doc_run {
	char *text;     /* cleaned UTF-8, may hold '\n' */
	unsigned style; /* DOC_BOLD | DOC_ITALIC | DOC_UNDERLINE */
} dh_doc_run;

typedef enum dh_para_kind {
	DOC_P_BODY = 0, /* justified, first-line indent, 14 pt */
	DOC_P_HEAD1,    /* a part: "I. Thành phần tham dự" (bold, left) */
	DOC_P_HEAD2,    /* a point: "1. Nguyễn Văn A", "Điều 1." (bold, left) */
	DOC_P_ITEM,     /* "- …": a list item, justified, indented */
	DOC_P_BASIS,    /* "Căn cứ …;": italic, justified, indented */
	DOC_P_CENTER,   /* centred line ("(Kèm theo Quyết định số …)") */
	DOC_P_RIGHT,    /* flush right (a date under a table) */
} dh_para_kind;

typedef struct dh_doc_para {
	dh_para_kind kind;
	dh_doc_run *runs;
	size_t n_runs;
} dh_doc_para;

typedef enum dh_col_align { DOC_LEFT = 0, DOC_CENTRE, DOC_RIGHTALIGN } dh_col_align;

typedef struct dh_doc_col {
	const char *head;   /* the header cell's text */
	int weight;         /* relative width, > 0 (the widths are shared out in this ratio) */
	dh_col_align align; /* of the body cells; header cells are centred */
} dh_doc_col;

/* A table: one header row (repeated across pages), then rows of cells.
 * Each cell is one paragraph (its kind is ignored: cells are laid out by
 * their column). A row marked total is bold throughout. */
typedef struct dh_doc_row {
	dh_doc_para *cells; /* n_cols of them */
	size_t n_begun;     /* cells begun by doc_cell(): where the next runs go */
	bool total;
} dh_doc_row;

typedef struct dh_doc_table {
	size_t n_cols;
	char **heads;
	int *weights;
	dh_col_align *aligns;
	dh_doc_row *rows;
	size_t n_rows;
} dh_doc_table;

/* One signer block, top to bottom: AUTHORITY ("KT. CHÁNH THANH TRA"; may
 * be NULL), TITLE ("PHÓ CHÁNH THANH TRA", "THƯ KÝ", "CHỦ TỌA"), the
 * "(Ký, ghi rõ họ tên)" hint when HINT, room for the signature, NAME
 * (may be NULL: a blank to fill by hand). */
typedef struct dh_doc_signer {
	char *authority;
	char *title;
	char *name;
	bool hint;
} dh_doc_signer;

/* The bottom of a document: a signer on the right, and on the left either
 * a second signer (a biên bản: the secretary left, the chair right) or the
 * nơi nhận list (each line "- …;", the last "- Lưu: VT, …."). A side with
 * neither is empty. */
typedef struct dh_doc_sign {
	dh_doc_signer left, right;
	bool has_left, has_right;
	char **recipients; /* without the "- " and the ";" */
	size_t n_recipients;
} dh_doc_sign;

typedef enum dh_block_kind { DOC_B_PARA, DOC_B_TABLE, DOC_B_SIGN, DOC_B_PAGE_BREAK } dh_block_kind;

typedef struct dh_doc_block {
	dh_block_kind kind;
	union {
		dh_doc_para para;
		dh_doc_table table;
		dh_doc_sign sign;
	} u;
} dh_doc_block;

/* The header block (NULL parts are left out). */
typedef struct dh_doc_header {
	char *parent; /* "Ủy ban nhân dân tỉnh Hà Tĩnh" / "Thanh tra tỉnh Hà Tĩnh" (writers capitalise) */
	char *issuer;     /* "Thanh tra tỉnh Hà Tĩnh" / the council's name (bold, rule under it) */
	char *number;     /* "12/QĐ-TTr", or "/BB-HĐTĐKT" with the number left to the văn thư */
	char *place_date; /* "Hà Tĩnh, ngày 30 tháng 11 năm 2021"; NULL on a biên bản */
} dh_doc_header;

/* The page, in millimetres and points. Defaults (doc_new()) are the
 * middle of NĐ 30's ranges; report.c sets what config says. */
typedef struct dh_doc_page {
	double width_mm, height_mm;
	double top_mm, bottom_mm, left_mm, right_mm;
	double body_pt;   /* body text, 13–14 */
	double small_pt;  /* signer hints, nơi nhận, table cells: 11–12 */
	const char *font; /* the family named in the file ("Times New Roman") */
} dh_doc_page;

typedef struct dh_doc {
	dh_doc_page page;
	bool has_header;
	dh_doc_header header;
	char *kind_name; /* "QUYẾT ĐỊNH", "BIÊN BẢN", …; NULL: no title block */
	char *summary;   /* the trích yếu, may hold '\n' */
	char *doc_title; /* for the file's properties (docx core.xml, PDF title) */
	dh_doc_block *blocks;
	size_t n_blocks, cap_blocks;
	int err; /* the first DH_ENOMEM, kept */
} dh_doc;

/* A new, empty document with the default page; NULL on ENOMEM. */
dh_doc *doc_new(void);
void doc_free(dh_doc *d);
/* 0, or the first error met while building (DH_ENOMEM). */
int doc_error(const dh_doc *d);

/* A cleaned copy of S (see above; NULL S gives ""); NULL on ENOMEM. */
char *doc_clean(const char *s);

void doc_set_title(dh_doc *d, const char *title);
void doc_set_header(dh_doc *d, const char *parent, const char *issuer, const char *number,
                    const char *place_date);
/* The name of the kind ("BIÊN BẢN") and the trích yếu under it. */
void doc_set_kind(dh_doc *d, const char *kind_name, const char *summary);

/* A new paragraph of KIND; the runs that follow go into it. */
void doc_para(dh_doc *d, dh_para_kind kind);
/* A run in the current paragraph or table cell. */
void doc_run(dh_doc *d, unsigned style, const char *text);
void doc_runf(dh_doc *d, unsigned style, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void doc_vrunf(dh_doc *d, unsigned style, const char *fmt, va_list ap);
/* A paragraph of one run. */
void doc_line(dh_doc *d, dh_para_kind kind, unsigned style, const char *text);

/* A new table with the N columns COLS; rows and cells follow. */
void doc_table(dh_doc *d, const dh_doc_col *cols, size_t n);
/* A new row of the current table (TOTAL: bold throughout). */
void doc_row(dh_doc *d, bool total);
/* The next cell of the current row; runs that follow go into it. A row
 * given fewer cells than columns is filled with empty ones. */
void doc_cell(dh_doc *d);
/* A cell of one run. */
void doc_cell_text(dh_doc *d, unsigned style, const char *text);
void doc_cellf(dh_doc *d, unsigned style, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* The signature block. LEFT or RIGHT may be NULL; RECIPIENTS (N of them)
 * go on the left when LEFT is NULL. */
void doc_sign(dh_doc *d, const dh_doc_signer *left, const dh_doc_signer *right, const char *const *recipients,
              size_t n);

void doc_page_break(dh_doc *d);

/* "THANH TRA TỈNH HÀ TĨNH": S in capitals (Vietnamese letters included);
 * NULL on ENOMEM. */
char *doc_upper(const char *s);

/* The plain text of a paragraph's runs, joined; NULL on ENOMEM. */
char *doc_para_text(const dh_doc_para *p);

#endif
