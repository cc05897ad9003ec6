/* doc_docx.c — a dh_doc as a Word file (doc_docx.h).
 *
 * Every part is XML we print ourselves into a growable buffer; libzip
 * only packs them. The layout follows NĐ 30/2020/NĐ-CP, Phụ lục I: the
 * look of each kind of paragraph lives in a named style of styles.xml
 * (so a clerk who edits the file finds "Body", "Heading1", … and keeps
 * the format), and document.xml mostly only names the style.
 *
 * Lengths in WordprocessingML are twips (1/20 pt) for the page and
 * indents, half-points for font sizes and eighths of a point for
 * borders. */
#include "dienhinh/doc_docx.h"

#include "dienhinh/buf.h"
#include "dienhinh/doc_file.h"
#include "dienhinh/error.h"
#include "dienhinh/utf8.h"

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zip.h>

#define DOCX_W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define DOCX_R_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define DOCX_XML  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

/* Cell margin (left, right) of the layout tables (header, signatures):
 * 1 mm, enough to keep the two columns apart, little enough that the nơi
 * nhận stands flush with the page's left margin. */
#define DOCX_LAYOUT_MAR    "57"
#define DOCX_LAYOUT_MAR_TW 57L
/* Widths of the two fixed lines of the header in bold Times New Roman,
 * twips per point of size (measured with its metric twin Liberation
 * Serif). The Tiêu ngữ's rule must be as long as the text and Word has no
 * "as long as the line above" border; the Quốc hiệu must stay on one line,
 * so its column is made wide enough for it. */
#define DOCX_MOTTO_TWIPS_PER_PT    (3424.0 / 14.0)
#define DOCX_NATIONAL_TWIPS_PER_PT (5396.0 / 13.0)

/* --- units ---------------------------------------------------------------- */

static long docx_twips(double mm)
{
	return lround(mm * 1440.0 / 25.4);
}

static long docx_half_pt(double pt)
{
	return lround(pt * 2.0);
}

/* The width between the margins, which tables share out. */
static long docx_text_width(const dh_doc *d)
{
	return docx_twips(d->page.width_mm) - docx_twips(d->page.left_mm) - docx_twips(d->page.right_mm);
}

/* The sizes NĐ 30 gives as ranges, tied to the body size so that a config
 * choosing 13 pt body keeps every part in its range: "big" is the body
 * size (Tiêu ngữ, title, signer), "mid" one point less (the left of the
 * header, Quốc hiệu, the signer's hint). */
static double docx_big(const dh_doc *d)
{
	return d->page.body_pt;
}

static double docx_mid(const dh_doc *d)
{
	return d->page.body_pt - 1.0 >= 12.0 ? d->page.body_pt - 1.0 : 12.0;
}

/* --- runs and paragraphs -------------------------------------------------- */

/* TEXT as <w:t> pieces, each '\n' a <w:br/> (a line break in the
 * paragraph, as the model means it). */
static void docx_text(dh_buf *b, const char *text)
{
	const char *p = text;
	for (;;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		if (n) {
			buf_puts(b, "<w:t xml:space=\"preserve\">");
			buf_add_xml(b, p, n);
			buf_puts(b, "</w:t>");
		}
		if (!nl)
			break;
		buf_puts(b, "<w:br/>");
		p = nl + 1;
	}
}

/* One run of TEXT with the inline STYLE (DOC_BOLD, …); the size and font
 * come from the paragraph's style. */
static void docx_run(dh_buf *b, unsigned style, const char *text)
{
	if (!text || !*text)
		return;
	buf_puts(b, "<w:r>");
	if (style & (DOC_BOLD | DOC_ITALIC | DOC_UNDERLINE)) {
		buf_puts(b, "<w:rPr>");
		if (style & DOC_BOLD)
			buf_puts(b, "<w:b/><w:bCs/>");
		if (style & DOC_ITALIC)
			buf_puts(b, "<w:i/><w:iCs/>");
		if (style & DOC_UNDERLINE)
			buf_puts(b, "<w:u w:val=\"single\"/>");
		buf_puts(b, "</w:rPr>");
	}
	docx_text(b, text);
	buf_puts(b, "</w:r>");
}

/* The runs of P, each with EXTRA added to its style (a total row is bold
 * throughout). */
static void docx_runs(dh_buf *b, const dh_doc_para *p, unsigned extra)
{
	for (size_t i = 0; i < p->n_runs; i++)
		docx_run(b, p->runs[i].style | extra, p->runs[i].text);
}

/* <w:p> in the paragraph style STYLE_ID; JC (NULL: the style's) overrides
 * the alignment. Closed with docx_para_close(). */
static void docx_para_open(dh_buf *b, const char *style_id, const char *jc)
{
	buf_printf(b, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/>", style_id);
	if (jc)
		buf_printf(b, "<w:jc w:val=\"%s\"/>", jc);
	buf_puts(b, "</w:pPr>");
}

static void docx_para_close(dh_buf *b)
{
	buf_puts(b, "</w:p>");
}

/* A paragraph of one run. */
static void docx_line(dh_buf *b, const char *style_id, unsigned style, const char *text)
{
	docx_para_open(b, style_id, NULL);
	docx_run(b, style, text);
	docx_para_close(b);
}

/* A paragraph of TEXT in capitals (the header's bodies, a signer's
 * title). False on ENOMEM. */
static bool docx_upper_line(dh_buf *b, const char *style_id, unsigned style, const char *text)
{
	char *up = doc_upper(text);
	if (!up)
		return false;
	docx_line(b, style_id, style, up);
	free(up);
	return true;
}

/* A short horizontal rule: an empty paragraph of style "Rule" (a bottom
 * border on a line a few twips high) narrowed by indents to RULE twips
 * in the middle of a space WIDTH twips wide. AFTER: the space below, in
 * twips. A border is used rather than a drawing because every reader
 * (Word, LibreOffice, the converters) draws it in the same place. */
static void docx_rule(dh_buf *b, long width, long rule, long after)
{
	long side = (width - rule) / 2;
	if (side < 0)
		side = 0;
	buf_printf(
	    b,
	    "<w:p><w:pPr><w:pStyle w:val=\"Rule\"/><w:spacing w:before=\"0\" w:after=\"%ld\" "
	    "w:line=\"80\" w:lineRule=\"exact\"/><w:ind w:left=\"%ld\" w:right=\"%ld\"/></w:pPr></w:p>",
	    after, side, side);
}

/* --- tables --------------------------------------------------------------- */

/* <w:tbl> of style STYLE_ID, WIDTH twips, with the N column widths COLS
 * in its grid; fixed layout, so Word keeps the widths given instead of
 * fitting them to the text. LAYOUT: a table that only places text side by
 * side, with narrow cell margins so that its text lines up with the
 * page's margins (given here, not only in the style, as not every reader
 * applies a table style's margins). */
static void docx_table_open(dh_buf *b, const char *style_id, long width, const long *cols, size_t n,
                            bool layout)
{
	buf_printf(
	    b,
	    "<w:tbl><w:tblPr><w:tblStyle w:val=\"%s\"/><w:tblW w:w=\"%ld\" w:type=\"dxa\"/>"
	    "<w:tblLayout w:type=\"fixed\"/>%s<w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" "
	    "w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>",
	    style_id, width,
	    layout ? "<w:tblCellMar><w:left w:w=\"" DOCX_LAYOUT_MAR
	             "\" w:type=\"dxa\"/><w:right w:w=\"" DOCX_LAYOUT_MAR "\" w:type=\"dxa\"/>"
	             "</w:tblCellMar>"
	           : "");
	for (size_t i = 0; i < n; i++)
		buf_printf(b, "<w:gridCol w:w=\"%ld\"/>", cols[i]);
	buf_puts(b, "</w:tblGrid>");
}

static void docx_cell_open(dh_buf *b, long width, bool middle)
{
	buf_printf(b, "<w:tc><w:tcPr><w:tcW w:w=\"%ld\" w:type=\"dxa\"/>%s</w:tcPr>", width,
	           middle ? "<w:vAlign w:val=\"center\"/>" : "");
}

/* --- document.xml --------------------------------------------------------- */

typedef struct docx_ctx {
	const dh_doc *d;
	dh_buf *b;
	long text_w;
	bool after_table; /* the last thing written was a table */
	bool oom;         /* doc_upper() failed */
} docx_ctx;

/* Two tables one after the other would be merged into one by Word; an
 * empty paragraph between them keeps them apart (and gives the signature
 * block some air under a table). */
static void docx_before_table(docx_ctx *c)
{
	if (c->after_table)
		docx_line(c->b, "Spacer", 0, NULL);
}

/* The header block: a borderless table, two rows. The first holds the
 * bodies (left) and Quốc hiệu, Tiêu ngữ (right), each with its rule; the
 * second "Số: …" and the place and date, so the two stand on one line
 * whether the parent body is there or not. */
static void docx_header_block(docx_ctx *c)
{
	const dh_doc *d = c->d;
	const dh_doc_header *h = &d->header;
	dh_buf *b = c->b;
	/* Three fifths on the right, or what the Quốc hiệu needs and some
	 * room: it is the one line of the header that may not wrap. */
	long cols[2];
	long national = lround(DOCX_NATIONAL_TWIPS_PER_PT * docx_mid(d)) + 2 * DOCX_LAYOUT_MAR_TW + 100;
	cols[1] = c->text_w * 3 / 5 > national ? c->text_w * 3 / 5 : national;
	cols[0] = c->text_w - cols[1];

	docx_table_open(b, "LayoutTable", c->text_w, cols, 2, true);
	buf_puts(b, "<w:tr><w:trPr><w:cantSplit/></w:trPr>");
	docx_cell_open(b, cols[0], false);
	if (h->parent && *h->parent && !docx_upper_line(b, "HeaderBody", 0, h->parent))
		c->oom = true;
	if (h->issuer && *h->issuer) {
		if (!docx_upper_line(b, "HeaderBody", DOC_BOLD, h->issuer))
			c->oom = true;
		/* NĐ 30: a third to a half of the issuer's name; a third of the
		 * column is about that for the usual names. */
		docx_rule(b, cols[0] - 2 * DOCX_LAYOUT_MAR_TW, cols[0] / 3, 0);
	} else if (!h->parent || !*h->parent) {
		docx_line(b, "HeaderBody", 0, NULL);
	}
	buf_puts(b, "</w:tc>");
	docx_cell_open(b, cols[1], false);
	docx_line(b, "NationalName", 0, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
	docx_line(b, "Motto", 0, "Độc lập - Tự do - Hạnh phúc");
	docx_rule(b, cols[1] - 2 * DOCX_LAYOUT_MAR_TW, lround(DOCX_MOTTO_TWIPS_PER_PT * docx_big(d)), 0);
	buf_puts(b, "</w:tc></w:tr>");

	if (h->number || h->place_date) {
		buf_puts(b, "<w:tr><w:trPr><w:cantSplit/></w:trPr>");
		docx_cell_open(b, cols[0], false);
		docx_para_open(b, "HeaderNumber", NULL);
		if (h->number) {
			/* "/BB-HĐTĐKT": the number is left for the văn thư to
			 * write by hand, so leave room for it. */
			docx_run(b, 0, h->number[0] == '/' ? "Số:        " : "Số: ");
			docx_run(b, 0, h->number);
		}
		docx_para_close(b);
		buf_puts(b, "</w:tc>");
		docx_cell_open(b, cols[1], false);
		docx_line(b, "PlaceDate", 0, h->place_date);
		buf_puts(b, "</w:tc></w:tr>");
	}
	buf_puts(b, "</w:tbl>");
	c->after_table = true;
}

/* The name of the kind and the trích yếu, with its short rule. */
static void docx_title_block(docx_ctx *c)
{
	const dh_doc *d = c->d;
	if (!docx_upper_line(c->b, "KindName", 0, d->kind_name))
		c->oom = true;
	if (d->summary && *d->summary)
		docx_line(c->b, "Summary", 0, d->summary);
	docx_rule(c->b, c->text_w, c->text_w / 5, 240);
	c->after_table = false;
}

static const char *docx_para_style(dh_para_kind kind)
{
	switch (kind) {
	case DOC_P_HEAD1: return "Heading1";
	case DOC_P_HEAD2: return "Heading2";
	case DOC_P_ITEM: return "Item";
	case DOC_P_BASIS: return "Basis";
	case DOC_P_CENTER: return "Center";
	case DOC_P_RIGHT: return "Right";
	case DOC_P_BODY:
	default: return "Body";
	}
}

static void docx_para_block(docx_ctx *c, const dh_doc_para *p)
{
	docx_para_open(c->b, docx_para_style(p->kind), NULL);
	if (p->kind == DOC_P_ITEM)
		docx_run(c->b, 0, "- "); /* the model's items carry no marker: each writer draws its own */
	docx_runs(c->b, p, 0);
	docx_para_close(c->b);
	c->after_table = false;
}

static const char *docx_jc(dh_col_align a)
{
	return a == DOC_CENTRE ? "center" : a == DOC_RIGHTALIGN ? "right" : "left";
}

/* A table of the model: the text width shared by the weights, single
 * borders (style "TableGrid"), the header row repeated on every page, and
 * no row split across two pages. */
static void docx_table_block(docx_ctx *c, const dh_doc_table *t)
{
	dh_buf *b = c->b;
	if (!t->n_cols)
		return;
	long long total = 0;
	for (size_t i = 0; i < t->n_cols; i++)
		total += t->weights[i];
	long *cols = calloc(t->n_cols, sizeof(*cols));
	if (!cols) {
		c->oom = true;
		return;
	}
	/* Cumulative rounding: the widths add up to the text width exactly. */
	long long run = 0;
	long prev = 0;
	for (size_t i = 0; i < t->n_cols; i++) {
		run += t->weights[i];
		long edge = (long)((long long)c->text_w * run / total);
		cols[i] = edge - prev;
		prev = edge;
	}
	docx_before_table(c);
	docx_table_open(b, "TableGrid", c->text_w, cols, t->n_cols, false);
	buf_puts(b, "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
	for (size_t i = 0; i < t->n_cols; i++) {
		docx_cell_open(b, cols[i], true);
		docx_line(b, "TableHead", 0, t->heads[i]);
		buf_puts(b, "</w:tc>");
	}
	buf_puts(b, "</w:tr>");
	for (size_t r = 0; r < t->n_rows; r++) {
		const dh_doc_row *row = &t->rows[r];
		buf_puts(b, "<w:tr><w:trPr><w:cantSplit/></w:trPr>");
		for (size_t i = 0; i < t->n_cols; i++) {
			docx_cell_open(b, cols[i], true);
			docx_para_open(b, "TableCell", docx_jc(t->aligns[i]));
			docx_runs(b, &row->cells[i], row->total ? DOC_BOLD : 0);
			docx_para_close(b);
			buf_puts(b, "</w:tc>");
		}
		buf_puts(b, "</w:tr>");
	}
	buf_puts(b, "</w:tbl>");
	free(cols);
	c->after_table = true;
}

/* One signer block, centred in its cell: authority and title in capitals,
 * the hint, room for the signature and the seal, the name. */
static void docx_signer(docx_ctx *c, const dh_doc_signer *s)
{
	dh_buf *b = c->b;
	if (s->authority && *s->authority && !docx_upper_line(b, "Signer", 0, s->authority))
		c->oom = true;
	if (s->title && *s->title && !docx_upper_line(b, "Signer", 0, s->title))
		c->oom = true;
	if (s->hint)
		docx_line(b, "SignerHint", 0, "(Ký, ghi rõ họ tên)");
	for (int i = 0; i < 4; i++)
		docx_line(b, "Signer", 0, NULL);
	if (s->name && *s->name)
		docx_line(b, "SignerName", 0, s->name);
}

/* The nơi nhận list: each line "- …;", the last "- ….". */
static void docx_recipients(docx_ctx *c, const dh_doc_sign *s)
{
	dh_buf *b = c->b;
	docx_line(b, "RecipientsHead", 0, "Nơi nhận:");
	for (size_t i = 0; i < s->n_recipients; i++) {
		docx_para_open(b, "Recipient", NULL);
		docx_run(b, 0, "- ");
		docx_run(b, 0, s->recipients[i]);
		docx_run(b, 0, i + 1 < s->n_recipients ? ";" : ".");
		docx_para_close(b);
	}
}

/* The bottom of the document: a borderless table of two cells, the nơi
 * nhận or the second signer on the left, the signer on the right. One row
 * that may not split, so the signer never stands alone on a page. */
static void docx_sign_block(docx_ctx *c, const dh_doc_sign *s)
{
	dh_buf *b = c->b;
	long cols[2];
	/* Two signers share the width; the nơi nhận needs less than the
	 * signer, whose title is in capitals. */
	cols[0] = s->has_left ? c->text_w / 2 : c->text_w * 9 / 20;
	cols[1] = c->text_w - cols[0];
	/* A blank line between the text and the signature, as on paper; it
	 * also keeps this table apart from one just before. */
	docx_line(b, "Spacer", 0, NULL);
	docx_table_open(b, "LayoutTable", c->text_w, cols, 2, true);
	buf_puts(b, "<w:tr><w:trPr><w:cantSplit/></w:trPr>");
	docx_cell_open(b, cols[0], false);
	if (s->has_left)
		docx_signer(c, &s->left);
	else if (s->n_recipients)
		docx_recipients(c, s);
	else
		docx_line(b, "Signer", 0, NULL);
	buf_puts(b, "</w:tc>");
	docx_cell_open(b, cols[1], false);
	if (s->has_right)
		docx_signer(c, &s->right);
	else
		docx_line(b, "Signer", 0, NULL);
	buf_puts(b, "</w:tc></w:tr></w:tbl>");
	c->after_table = true;
}

/* Section properties: the page size and margins of D->page, the header
 * half-way into the top margin, the page number on every page but the
 * first (w:titlePg with an empty first-page header). */
static void docx_sect(const dh_doc *d, dh_buf *b)
{
	const dh_doc_page *pg = &d->page;
	buf_printf(b,
	           "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/>"
	           "<w:headerReference w:type=\"first\" r:id=\"rIdHeaderFirst\"/>"
	           "<w:pgSz w:w=\"%ld\" w:h=\"%ld\"/>"
	           "<w:pgMar w:top=\"%ld\" w:right=\"%ld\" w:bottom=\"%ld\" w:left=\"%ld\" w:header=\"%ld\" "
	           "w:footer=\"%ld\" w:gutter=\"0\"/><w:cols w:space=\"720\"/><w:titlePg/>"
	           "<w:docGrid w:linePitch=\"360\"/></w:sectPr>",
	           docx_twips(pg->width_mm), docx_twips(pg->height_mm), docx_twips(pg->top_mm),
	           docx_twips(pg->right_mm), docx_twips(pg->bottom_mm), docx_twips(pg->left_mm),
	           docx_twips(pg->top_mm / 2), docx_twips(pg->bottom_mm / 2));
}

/* False on ENOMEM. */
static bool docx_document(const dh_doc *d, dh_buf *b)
{
	docx_ctx c = {.d = d, .b = b, .text_w = docx_text_width(d)};
	buf_puts(b, DOCX_XML "<w:document xmlns:w=\"" DOCX_W_NS "\" xmlns:r=\"" DOCX_R_NS "\"><w:body>");
	if (d->has_header)
		docx_header_block(&c);
	if (d->kind_name)
		docx_title_block(&c);
	for (size_t i = 0; i < d->n_blocks; i++) {
		const dh_doc_block *blk = &d->blocks[i];
		switch (blk->kind) {
		case DOC_B_PARA: docx_para_block(&c, &blk->u.para); break;
		case DOC_B_TABLE: docx_table_block(&c, &blk->u.table); break;
		case DOC_B_SIGN: docx_sign_block(&c, &blk->u.sign); break;
		case DOC_B_PAGE_BREAK:
			buf_puts(b, "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>");
			c.after_table = false;
			break;
		}
	}
	/* Word wants a paragraph after a table that ends the body. */
	if (c.after_table)
		docx_line(b, "Spacer", 0, NULL);
	docx_sect(d, b);
	buf_puts(b, "</w:body></w:document>");
	return !c.oom;
}

/* --- styles.xml ----------------------------------------------------------- */

/* A paragraph style: ID, its displayed NAME, then PPR and RPR (the inside
 * of <w:pPr> and <w:rPr>, may be ""). */
static void docx_pstyle(dh_buf *b, const char *id, const char *name, const char *ppr, const char *rpr)
{
	buf_printf(b,
	           "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"%s\"><w:name w:val=\"%s\"/>"
	           "<w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr>%s</w:pPr><w:rPr>%s</w:rPr></w:style>",
	           id, name, ppr, rpr);
}

/* The font sizes docx_styles works out from the page, by name. */
enum { DOCX_SZ_NONE, DOCX_SZ_BIG, DOCX_SZ_MID, DOCX_SZ_CELL, DOCX_SZ_SMALL, DOCX_SZ_TINY, DOCX__SZ };

/* A paragraph style whose run is RPR (emphasis, or a size of its own) and
 * then the page's font size SIZE. */
typedef struct docx_style {
	const char *id, *name, *ppr, *rpr;
	int size;
} docx_style;

static void docx_pstyles(dh_buf *b, const docx_style *s, size_t n, const char *const sizes[DOCX__SZ])
{
	char rpr[192];
	for (size_t i = 0; i < n; i++) {
		snprintf(rpr, sizeof(rpr), "%s%s", s[i].rpr, sizes[s[i].size]);
		docx_pstyle(b, s[i].id, s[i].name, s[i].ppr, rpr);
	}
}

#define DOCX_BOLD     "<w:b/><w:bCs/>"
#define DOCX_ITALIC   "<w:i/><w:iCs/>"
#define DOCX_CENTERED "<w:jc w:val=\"center\"/>"

/* The header block and the title. A rule is the bottom border of an almost
 * empty line: a tiny font and an exact line height keep it close to the
 * text above. */
static const docx_style docx_title_styles[] = {
    {"HeaderBody", "Header Body", DOCX_CENTERED, "", DOCX_SZ_MID},
    {"HeaderNumber", "Header Number", "<w:spacing w:before=\"120\"/>" DOCX_CENTERED, "", DOCX_SZ_MID},
    {"NationalName", "National Name", DOCX_CENTERED, DOCX_BOLD, DOCX_SZ_MID},
    {"Motto", "Motto", DOCX_CENTERED, DOCX_BOLD, DOCX_SZ_BIG},
    {"PlaceDate", "Place and Date", "<w:spacing w:before=\"120\"/>" DOCX_CENTERED, DOCX_ITALIC, DOCX_SZ_BIG},
    {"Rule", "Rule",
     "<w:keepNext/><w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"0\" "
     "w:color=\"000000\"/></w:pBdr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"80\" "
     "w:lineRule=\"exact\"/>" DOCX_CENTERED,
     "<w:sz w:val=\"2\"/><w:szCs w:val=\"2\"/>", DOCX_SZ_NONE},
    {"KindName", "Kind Name", "<w:keepNext/><w:spacing w:before=\"360\"/>" DOCX_CENTERED, DOCX_BOLD,
     DOCX_SZ_BIG},
    {"Summary", "Summary", "<w:keepNext/>" DOCX_CENTERED, DOCX_BOLD, DOCX_SZ_BIG},
};

static const docx_style docx_table_styles[] = {
    {"TableHead", "Table Head", "<w:keepNext/><w:spacing w:before=\"40\" w:after=\"40\"/>" DOCX_CENTERED,
     DOCX_BOLD, DOCX_SZ_CELL},
    {"TableCell", "Table Cell", "<w:spacing w:before=\"40\" w:after=\"40\"/>", "", DOCX_SZ_CELL},
};

static const docx_style docx_signature_styles[] = {
    {"RecipientsHead", "Recipients Head", "<w:keepNext/><w:spacing w:before=\"120\"/><w:jc w:val=\"left\"/>",
     DOCX_BOLD DOCX_ITALIC, DOCX_SZ_SMALL},
    {"Recipient", "Recipient", "<w:keepNext/><w:jc w:val=\"left\"/>", "", DOCX_SZ_TINY},
    {"Signer", "Signer", "<w:keepNext/>" DOCX_CENTERED, DOCX_BOLD, DOCX_SZ_BIG},
    {"SignerName", "Signer Name", DOCX_CENTERED, DOCX_BOLD, DOCX_SZ_BIG},
    {"SignerHint", "Signer Hint", "<w:keepNext/>" DOCX_CENTERED, DOCX_ITALIC, DOCX_SZ_MID},
};

/* <w:sz> and <w:szCs> for PT points, into OUT. */
static const char *docx_sz(char *out, size_t n, double pt)
{
	snprintf(out, n, "<w:sz w:val=\"%ld\"/><w:szCs w:val=\"%ld\"/>", docx_half_pt(pt), docx_half_pt(pt));
	return out;
}

static void docx_styles(const dh_doc *d, dh_buf *b)
{
	const char *font = d->page.font && *d->page.font ? d->page.font : "Times New Roman";
	char big[96], mid[96], cell[96], small[96], tiny[96];
	const char *const sizes[DOCX__SZ] = {
	    [DOCX_SZ_NONE] = "",
	    [DOCX_SZ_BIG] = docx_sz(big, sizeof(big), docx_big(d)),
	    [DOCX_SZ_MID] = docx_sz(mid, sizeof(mid), docx_mid(d)),
	    [DOCX_SZ_CELL] = docx_sz(cell, sizeof(cell), d->page.small_pt + 1),
	    [DOCX_SZ_SMALL] = docx_sz(small, sizeof(small), d->page.small_pt),
	    [DOCX_SZ_TINY] = docx_sz(tiny, sizeof(tiny), d->page.small_pt - 1),
	};

	buf_puts(b, DOCX_XML "<w:styles xmlns:w=\"" DOCX_W_NS "\"><w:docDefaults><w:rPrDefault><w:rPr>"
	                     "<w:rFonts w:ascii=\"");
	buf_puts_xml(b, font);
	buf_puts(b, "\" w:hAnsi=\"");
	buf_puts_xml(b, font);
	buf_puts(b, "\" w:eastAsia=\"");
	buf_puts_xml(b, font);
	buf_puts(b, "\" w:cs=\"");
	buf_puts_xml(b, font);
	buf_printf(b,
	           "\"/><w:color w:val=\"000000\"/>%s<w:lang w:val=\"vi-VN\" w:eastAsia=\"vi-VN\" "
	           "w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"0\" "
	           "w:line=\"240\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>",
	           big);

	buf_puts(
	    b, "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
	       "<w:qFormat/><w:pPr><w:widowControl/></w:pPr></w:style>");
	buf_puts(b, "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">"
	            "<w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/>"
	            "<w:unhideWhenUsed/></w:style>");
	buf_puts(b,
	         "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal "
	         "Table\"/><w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr>"
	         "<w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/>"
	         "<w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/>"
	         "<w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>");

	/* NĐ 30: body justified, first line indented 1.27 cm, 6 pt or more
	 * between paragraphs, line spacing at most 1.5 (1.2 here). */
	static const char body_ppr[] =
	    "<w:spacing w:before=\"0\" w:after=\"120\" w:line=\"288\" w:lineRule=\"auto\"/>"
	    "<w:ind w:firstLine=\"720\"/><w:jc w:val=\"both\"/>";
	docx_pstyle(b, "Body", "Body", body_ppr, "");
	buf_puts(
	    b,
	    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>"
	    "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Body\"/><w:qFormat/><w:pPr><w:keepNext/>"
	    "<w:keepLines/><w:spacing w:before=\"120\" w:after=\"120\" w:line=\"288\" w:lineRule=\"auto\"/>"
	    "<w:ind w:firstLine=\"720\"/><w:jc w:val=\"left\"/><w:outlineLvl w:val=\"0\"/></w:pPr>"
	    "<w:rPr><w:b/><w:bCs/></w:rPr></w:style>");
	buf_puts(
	    b, "<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/>"
	       "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Body\"/><w:qFormat/><w:pPr><w:keepNext/>"
	       "<w:keepLines/><w:spacing w:before=\"0\" w:after=\"120\" w:line=\"288\" w:lineRule=\"auto\"/>"
	       "<w:ind w:firstLine=\"720\"/><w:jc w:val=\"left\"/><w:outlineLvl w:val=\"1\"/></w:pPr>"
	       "<w:rPr><w:b/><w:bCs/></w:rPr></w:style>");
	docx_pstyle(b, "Item", "List Item", body_ppr, "");
	docx_pstyle(b, "Basis", "Legal Basis", body_ppr, "<w:i/><w:iCs/>");
	docx_pstyle(b, "Center", "Centered",
	            "<w:spacing w:before=\"0\" w:after=\"120\" w:line=\"288\" w:lineRule=\"auto\"/>"
	            "<w:jc w:val=\"center\"/>",
	            "");
	docx_pstyle(b, "Right", "Flush Right",
	            "<w:spacing w:before=\"120\" w:after=\"120\" w:line=\"288\" w:lineRule=\"auto\"/>"
	            "<w:jc w:val=\"right\"/>",
	            "");
	docx_pstyle(b, "Spacer", "Spacer", "<w:spacing w:before=\"0\" w:after=\"0\"/>", "");

	docx_pstyles(b, docx_title_styles, sizeof(docx_title_styles) / sizeof(docx_title_styles[0]), sizes);

	/* Tables. */
	docx_pstyles(b, docx_table_styles, sizeof(docx_table_styles) / sizeof(docx_table_styles[0]), sizes);
	buf_puts(b, "<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/>"
	            "<w:basedOn w:val=\"TableNormal\"/><w:tblPr><w:tblBorders>"
	            "<w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
	            "<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
	            "<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
	            "<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
	            "<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
	            "<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
	            "</w:tblBorders></w:tblPr></w:style>");
	buf_puts(
	    b,
	    "<w:style w:type=\"table\" w:customStyle=\"1\" w:styleId=\"LayoutTable\">"
	    "<w:name w:val=\"Layout Table\"/><w:basedOn w:val=\"TableNormal\"/><w:tblPr><w:tblBorders>"
	    "<w:top w:val=\"nil\"/><w:left w:val=\"nil\"/><w:bottom w:val=\"nil\"/><w:right w:val=\"nil\"/>"
	    "<w:insideH w:val=\"nil\"/><w:insideV w:val=\"nil\"/></w:tblBorders><w:tblCellMar>"
	    "<w:left w:w=\"" DOCX_LAYOUT_MAR "\" w:type=\"dxa\"/><w:right w:w=\"" DOCX_LAYOUT_MAR
	    "\" w:type=\"dxa\"/></w:tblCellMar>"
	    "</w:tblPr></w:style>");

	/* The signature block. */
	docx_pstyles(b, docx_signature_styles,
	             sizeof(docx_signature_styles) / sizeof(docx_signature_styles[0]), sizes);

	/* The page number: 13–14 pt, centred in the top margin. */
	buf_puts(b, "<w:style w:type=\"paragraph\" w:styleId=\"Header\"><w:name w:val=\"header\"/>"
	            "<w:basedOn w:val=\"Normal\"/><w:uiPriority w:val=\"99\"/><w:unhideWhenUsed/>"
	            "<w:pPr><w:jc w:val=\"center\"/></w:pPr><w:rPr>");
	buf_puts(b, big);
	buf_puts(b, "</w:rPr></w:style></w:styles>");
}

/* --- the other parts ------------------------------------------------------ */

static void docx_content_types(dh_buf *b)
{
	static const char app[] = "application/vnd.openxmlformats-officedocument.";
	buf_puts(b, DOCX_XML "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	                     "<Default Extension=\"rels\" "
	                     "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
	                     "<Default Extension=\"xml\" ContentType=\"application/xml\"/>");
	buf_printf(b,
	           "<Override PartName=\"/word/document.xml\" "
	           "ContentType=\"%swordprocessingml.document.main+xml\"/>",
	           app);
	buf_printf(b,
	           "<Override PartName=\"/word/styles.xml\" ContentType=\"%swordprocessingml.styles+xml\"/>",
	           app);
	buf_printf(
	    b,
	    "<Override PartName=\"/word/numbering.xml\" ContentType=\"%swordprocessingml.numbering+xml\"/>",
	    app);
	buf_printf(
	    b, "<Override PartName=\"/word/settings.xml\" ContentType=\"%swordprocessingml.settings+xml\"/>",
	    app);
	buf_printf(b,
	           "<Override PartName=\"/word/header1.xml\" ContentType=\"%swordprocessingml.header+xml\"/>",
	           app);
	buf_printf(b,
	           "<Override PartName=\"/word/header2.xml\" ContentType=\"%swordprocessingml.header+xml\"/>",
	           app);
	buf_puts(b, "<Override PartName=\"/docProps/core.xml\" "
	            "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>");
	buf_printf(
	    b, "<Override PartName=\"/docProps/app.xml\" ContentType=\"%sextended-properties+xml\"/></Types>",
	    app);
}

static void docx_package_rels(dh_buf *b)
{
	buf_puts(
	    b, DOCX_XML
	    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	    "<Relationship Id=\"rId1\" Type=\"" DOCX_R_NS "/officeDocument\" Target=\"word/document.xml\"/>"
	    "<Relationship Id=\"rId2\" "
	    "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" "
	    "Target=\"docProps/core.xml\"/>"
	    "<Relationship Id=\"rId3\" Type=\"" DOCX_R_NS "/extended-properties\" "
	    "Target=\"docProps/app.xml\"/></Relationships>");
}

static void docx_document_rels(dh_buf *b)
{
	buf_puts(b, DOCX_XML
	         "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	         "<Relationship Id=\"rIdStyles\" Type=\"" DOCX_R_NS "/styles\" Target=\"styles.xml\"/>"
	         "<Relationship Id=\"rIdNumbering\" Type=\"" DOCX_R_NS
	         "/numbering\" Target=\"numbering.xml\"/>"
	         "<Relationship Id=\"rIdSettings\" Type=\"" DOCX_R_NS "/settings\" Target=\"settings.xml\"/>"
	         "<Relationship Id=\"rIdHeader\" Type=\"" DOCX_R_NS "/header\" Target=\"header1.xml\"/>"
	         "<Relationship Id=\"rIdHeaderFirst\" Type=\"" DOCX_R_NS "/header\" Target=\"header2.xml\"/>"
	         "</Relationships>");
}

/* The file's properties: its title, language and when it was made. */
static void docx_core(const dh_doc *d, dh_buf *b)
{
	char when[32] = "1970-01-01T00:00:00Z";
	time_t now = time(NULL);
	struct tm tm;
	if (gmtime_r(&now, &tm))
		strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	buf_puts(b, DOCX_XML
	         "<cp:coreProperties "
	         "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
	         "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
	         "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" "
	         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>");
	buf_puts_xml(b, d->doc_title ? d->doc_title : "");
	buf_printf(b,
	           "</dc:title><dc:creator>dienhinh</dc:creator><dc:language>vi-VN</dc:language>"
	           "<dcterms:created xsi:type=\"dcterms:W3CDTF\">%s</dcterms:created>"
	           "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">%s</dcterms:modified></cp:coreProperties>",
	           when, when);
}

static void docx_app(dh_buf *b)
{
	buf_puts(b, DOCX_XML
	         "<Properties "
	         "xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
	         "<Application>dienhinh " DH_VERSION
	         "</Application><DocSecurity>0</DocSecurity></Properties>");
}

/* No list of the model is numbered by Word (items carry their "- " and
 * headings their "I.", "1."), so the part is empty but present: some
 * readers look for it when they find the heading styles. */
static void docx_numbering(dh_buf *b)
{
	buf_puts(b, DOCX_XML "<w:numbering xmlns:w=\"" DOCX_W_NS "\"/>");
}

static void docx_settings(dh_buf *b)
{
	buf_puts(b, DOCX_XML
	         "<w:settings xmlns:w=\"" DOCX_W_NS "\"><w:zoom w:percent=\"100\"/>"
	         "<w:defaultTabStop w:val=\"720\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>"
	         "<w:compat><w:compatSetting w:name=\"compatibilityMode\" "
	         "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
	         "<w:themeFontLang w:val=\"vi-VN\"/></w:settings>");
}

/* The page header: NUMBERED, the PAGE field centred (pages 2 on); else
 * the empty header of the first page. */
static void docx_page_header(dh_buf *b, bool numbered)
{
	buf_puts(b, DOCX_XML "<w:hdr xmlns:w=\"" DOCX_W_NS "\" xmlns:r=\"" DOCX_R_NS
	                     "\"><w:p><w:pPr><w:pStyle w:val=\"Header\"/></w:pPr>");
	if (numbered)
		buf_puts(b, "<w:fldSimple w:instr=\" PAGE \"><w:r><w:t>2</w:t></w:r></w:fldSimple>");
	buf_puts(b, "</w:p></w:hdr>");
}

/* --- the file ------------------------------------------------------------- */

enum {
	DOCX_CT,
	DOCX_RELS,
	DOCX_CORE,
	DOCX_APP,
	DOCX_DOC,
	DOCX_STYLES,
	DOCX_NUMBERING,
	DOCX_SETTINGS,
	DOCX_DOC_RELS,
	DOCX_HEADER,
	DOCX_HEADER_FIRST,
	DOCX__PARTS
};

static const char *const docx_part_names[DOCX__PARTS] = {
    [DOCX_CT] = "[Content_Types].xml",
    [DOCX_RELS] = "_rels/.rels",
    [DOCX_CORE] = "docProps/core.xml",
    [DOCX_APP] = "docProps/app.xml",
    [DOCX_DOC] = "word/document.xml",
    [DOCX_STYLES] = "word/styles.xml",
    [DOCX_NUMBERING] = "word/numbering.xml",
    [DOCX_SETTINGS] = "word/settings.xml",
    [DOCX_DOC_RELS] = "word/_rels/document.xml.rels",
    [DOCX_HEADER] = "word/header1.xml",
    [DOCX_HEADER_FIRST] = "word/header2.xml",
};

static void docx_why(char *why, size_t why_len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void docx_why(char *why, size_t why_len, const char *fmt, ...)
{
	if (!why || !why_len)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, why_len, fmt, ap);
	va_end(ap);
}

/* Every part in memory; false on ENOMEM. */
static bool docx_build(const dh_doc *d, dh_buf parts[DOCX__PARTS])
{
	docx_content_types(&parts[DOCX_CT]);
	docx_package_rels(&parts[DOCX_RELS]);
	docx_core(d, &parts[DOCX_CORE]);
	docx_app(&parts[DOCX_APP]);
	bool ok = docx_document(d, &parts[DOCX_DOC]);
	docx_styles(d, &parts[DOCX_STYLES]);
	docx_numbering(&parts[DOCX_NUMBERING]);
	docx_settings(&parts[DOCX_SETTINGS]);
	docx_document_rels(&parts[DOCX_DOC_RELS]);
	docx_page_header(&parts[DOCX_HEADER], true);
	docx_page_header(&parts[DOCX_HEADER_FIRST], false);
	for (int i = 0; i < DOCX__PARTS; i++)
		if (parts[i].oom)
			ok = false;
	return ok;
}

/* Pack the parts into the archive at TMP. The buffers pass to libzip,
 * which frees them; 0 or DH_EIO with WHY. */
static int docx_zip(dh_buf parts[DOCX__PARTS], const char *tmp, const char *path, char *why, size_t why_len)
{
	int zerr = 0;
	zip_t *za = zip_open(tmp, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	if (!za) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, zerr);
		docx_why(why, why_len, "Không ghi được tệp %s: %s", path, zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return DH_EIO;
	}
	for (int i = 0; i < DOCX__PARTS; i++) {
		zip_source_t *src = zip_source_buffer(za, parts[i].p, parts[i].len, 1);
		if (!src)
			goto fail;
		parts[i].p = NULL; /* libzip's now */
		if (zip_file_add(za, docx_part_names[i], src, ZIP_FL_ENC_UTF_8) < 0) {
			zip_source_free(src);
			goto fail;
		}
	}
	if (zip_close(za) != 0)
		goto fail;
	return 0;
fail:
	docx_why(why, why_len, "Không ghi được tệp %s: %s", path, zip_strerror(za));
	zip_discard(za);
	return DH_EIO;
}

int doc_docx_write(const dh_doc *d, const char *path, char *why, size_t why_len)
{
	if (!d || doc_error(d) != 0) {
		docx_why(why, why_len, "Văn bản chưa dựng xong, không ghi tệp %s.", path ? path : "");
		return DH_EINVAL;
	}
	dh_buf parts[DOCX__PARTS] = {0};
	int rc = 0;
	if (!docx_build(d, parts)) {
		docx_why(why, why_len, "Không đủ bộ nhớ để ghi tệp %s.", path);
		rc = DH_ENOMEM;
		goto out;
	}
	dh_doc_file f;
	rc = doc_file_begin(&f, path, why, why_len);
	if (rc != 0)
		goto out;
	rc = docx_zip(parts, f.tmp, path, why, why_len);
	if (rc != 0) {
		doc_file_abort(&f);
		goto out;
	}
	rc = doc_file_commit(&f, why, why_len);
out:
	for (int i = 0; i < DOCX__PARTS; i++)
		free(parts[i].p);
	return rc;
}
