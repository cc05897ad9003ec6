/* doc_pdf.c — a dh_doc as PDF (doc_pdf.h), laid out by NĐ 30/2020, Phụ lục I.
 *
 * Everything is in points, y growing down the page. Pango shapes and
 * breaks each text into lines; the writer then places those lines one by
 * one, so a paragraph (or a table cell that is taller than a page) can
 * continue on the next page at a line boundary. Texts reach pango as plain
 * text with an attribute list over byte ranges, never as markup: a name
 * holding "<b>" prints as it is written. */
#include "dienhinh/doc_pdf.h"

#include "dienhinh/doc_file.h"
#include "dienhinh/error.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PDF_PT_PER_MM (72.0 / 25.4)

/* Sizes NĐ 30 fixes for the parts around the body (the body and the small
 * texts come from d->page). */
#define PDF_HEAD_PT    13.0 /* parent, issuer, Quốc hiệu, Số, page numbers */
#define PDF_MOTTO_PT   14.0 /* Tiêu ngữ, place and date, title, signer */
#define PDF_RULE_W     0.6  /* the short rules under issuer, motto, title */
#define PDF_RULE_GAP   4.0  /* from the text's line box down to its rule */
#define PDF_GRID_W     0.5  /* table lines */
#define PDF_INDENT_MM  12.7 /* first-line indent of body paragraphs */
#define PDF_SPACING    1.2  /* line spacing of body text (NĐ 30: at most 1.5) */
#define PDF_PARA_AFTER 6.0  /* space after a paragraph (NĐ 30: at least 6 pt) */
#define PDF_CELL_PAD   (1.5 * PDF_PT_PER_MM)
#define PDF_SIGN_ROOM  (25.0 * PDF_PT_PER_MM) /* room for the signature and seal */

/* How a text is set: size, the style of the whole text (runs may add
 * their own), the width lines wrap at, alignment. */
typedef struct pdf_spec {
	double pt;
	unsigned style; /* DOC_BOLD | DOC_ITALIC | DOC_UNDERLINE for all of it */
	double width;
	PangoAlignment align;
	bool justify;
	double indent;  /* of the first line, points; < 0: of the lines after it */
	double spacing; /* line spacing factor; 0: the font's own */
} pdf_spec;

/* One line of a laid-out text, measured from the top-left of the text. */
typedef struct pdf_line {
	PangoLayoutLine *line; /* owned by one of the text's layouts */
	double x;              /* where the line's origin goes */
	double top, bottom;    /* its band, line spacing included */
	double baseline;
	double width; /* of its ink-free logical box */
} pdf_line;

/* One layout of a text: the run of it between two '\n'. */
typedef struct pdf_part {
	PangoLayout *layout;
} pdf_part;

/* A text laid out. A '\n' ends one pango layout and starts the next: the
 * line before it is not stretched by justification and the line after it
 * is not indented, as a line break inside a paragraph should be. */
typedef struct pdf_text {
	pdf_part *parts;
	size_t n_parts;
	pdf_line *lines;
	size_t n_lines;
	double height;
	double width; /* of the widest line */
} pdf_text;

/* The writer's state: where on which page the next block goes. */
typedef struct pdf_ctx {
	const dh_doc *d;
	cairo_t *cr;
	PangoContext *pc;
	PangoFontDescription *font; /* d->page.font; sizes and styles set per text */
	double page_w, page_h;
	double left, top, width, bottom; /* the text area: x, y, width, y limit */
	double y;
	int page; /* 1-based */
	int err;  /* the first DH_ENOMEM of our own allocations */
} pdf_ctx;

/* A table's columns and its header row, drawn again on every page. */
typedef struct pdf_table_ctx {
	const dh_doc_table *t;
	double *x; /* n_cols + 1 column edges */
	pdf_text *head;
	double head_h;
} pdf_table_ctx;

/* A run's place in its paragraph's joined text: byte offsets, its style. */
typedef struct pdf_range {
	size_t start, end;
	unsigned style;
} pdf_range;

static double pdf_max(double a, double b)
{
	return a > b ? a : b;
}

static bool pdf_at_top(const pdf_ctx *c)
{
	return c->y <= c->top + 0.01;
}

/* Style attributes for [START, END) of a layout's text. */
static void pdf_attrs(PangoAttrList *list, unsigned style, size_t start, size_t end)
{
	PangoAttribute *a[3];
	int n = 0;
	if (style & DOC_BOLD)
		a[n++] = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
	if (style & DOC_ITALIC)
		a[n++] = pango_attr_style_new(PANGO_STYLE_ITALIC);
	if (style & DOC_UNDERLINE)
		a[n++] = pango_attr_underline_new(PANGO_UNDERLINE_SINGLE);
	for (int i = 0; i < n; i++) {
		a[i]->start_index = (guint)start;
		a[i]->end_index = (guint)end;
		pango_attr_list_insert(list, a[i]);
	}
}

/* Lay out TEXT[START, END) as the next part of T; the runs RANGES give the
 * inline styles. FIRST: the part that starts the paragraph (indented). */
static int pdf_text_part(pdf_ctx *c, pdf_text *t, const pdf_spec *s, const char *text, size_t start,
                         size_t end, const pdf_range *ranges, size_t n_ranges, bool first)
{
	pdf_part *parts = realloc(t->parts, (t->n_parts + 1) * sizeof(*parts));
	if (!parts)
		return DH_ENOMEM;
	t->parts = parts;
	PangoLayout *l = pango_layout_new(c->pc);
	t->parts[t->n_parts++].layout = l;

	PangoFontDescription *fd = pango_font_description_copy(c->font);
	pango_font_description_set_size(fd, (gint)(s->pt * PANGO_SCALE + 0.5));
	pango_font_description_set_weight(fd, s->style & DOC_BOLD ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_font_description_set_style(fd, s->style & DOC_ITALIC ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, s->width < 0 ? -1 : pango_units_from_double(s->width));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, s->align);
	pango_layout_set_justify(l, s->justify);
	/* A first-line indent belongs to the paragraph's first part; a
	 * hanging one (negative) to every part. */
	if (s->indent < 0 || (first && s->indent > 0))
		pango_layout_set_indent(l, pango_units_from_double(s->indent));
	if (s->spacing > 0)
		pango_layout_set_line_spacing(l, (float)s->spacing);
	pango_layout_set_text(l, text + start, (int)(end - start));

	PangoAttrList *list = pango_attr_list_new();
	if (s->style & DOC_UNDERLINE)
		pdf_attrs(list, DOC_UNDERLINE, 0, end - start);
	for (size_t i = 0; i < n_ranges; i++) {
		/* the run clipped to this part */
		size_t a = ranges[i].start > start ? ranges[i].start : start;
		size_t b = ranges[i].end < end ? ranges[i].end : end;
		if (a < b)
			pdf_attrs(list, ranges[i].style, a - start, b - start);
	}
	pango_layout_set_attributes(l, list);
	pango_attr_list_unref(list);

	int n = pango_layout_get_line_count(l);
	pdf_line *lines = realloc(t->lines, (t->n_lines + (size_t)(n > 0 ? n : 0)) * sizeof(*lines));
	if (!lines)
		return DH_ENOMEM;
	t->lines = lines;
	/* Pango spaces lines within a layout only: after a '\n' the next
	 * part keeps the same pitch. */
	double base = t->height;
	if (t->n_lines && s->spacing > 1) {
		const pdf_line *last = &t->lines[t->n_lines - 1];
		base += (s->spacing - 1) * (last->bottom - last->top);
	}
	PangoLayoutIter *it = pango_layout_get_iter(l);
	for (int k = 0; k < n; k++) {
		PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
		PangoRectangle logical, own;
		int y0, y1;
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		pango_layout_iter_get_line_yrange(it, &y0, &y1);
		pango_layout_line_get_extents(line, NULL, &own);
		pdf_line *pl = &t->lines[t->n_lines++];
		/* The layout's x offset for the line (alignment, indent) is
		 * where its box starts less where the box starts in the
		 * line's own coordinates. */
		pl->line = line;
		pl->x = pango_units_to_double(logical.x - own.x);
		pl->top = base + pango_units_to_double(y0);
		pl->bottom = base + pango_units_to_double(y1);
		pl->baseline = base + pango_units_to_double(pango_layout_iter_get_baseline(it));
		pl->width = pango_units_to_double(logical.width);
		t->width = pdf_max(t->width, pl->width);
		t->height = pl->bottom;
		if (!pango_layout_iter_next_line(it))
			break;
	}
	pango_layout_iter_free(it);
	return 0;
}

static void pdf_text_free(pdf_text *t)
{
	for (size_t i = 0; i < t->n_parts; i++)
		g_object_unref(t->parts[i].layout);
	free(t->parts);
	free(t->lines);
	memset(t, 0, sizeof(*t));
}

/* Lay out the runs RUNS (N of them) by S into T. On ENOMEM T is empty
 * (nothing is drawn) and c->err is set, so callers never check. */
static void pdf_text_runs(pdf_ctx *c, pdf_text *t, const pdf_spec *s, const dh_doc_run *runs, size_t n)
{
	memset(t, 0, sizeof(*t));
	size_t len = 0;
	for (size_t i = 0; i < n; i++)
		len += strlen(runs[i].text);
	char *text = malloc(len + 1);
	pdf_range *ranges = malloc((n ? n : 1) * sizeof(*ranges));
	int rc = text && ranges ? 0 : DH_ENOMEM;
	if (!rc) {
		size_t at = 0;
		for (size_t i = 0; i < n; i++) {
			size_t k = strlen(runs[i].text);
			memcpy(text + at, runs[i].text, k);
			ranges[i] = (pdf_range){.start = at, .end = at + k, .style = runs[i].style};
			at += k;
		}
		text[at] = '\0';
		size_t start = 0;
		for (;;) {
			const char *nl = strchr(text + start, '\n');
			size_t end = nl ? (size_t)(nl - text) : len;
			rc = pdf_text_part(c, t, s, text, start, end, ranges, n, start == 0);
			if (rc || !nl)
				break;
			start = end + 1;
		}
	}
	if (rc) {
		pdf_text_free(t);
		c->err = rc;
	}
	free(text);
	free(ranges);
}

/* A plain text (NULL: ""). */
static void pdf_text_plain(pdf_ctx *c, pdf_text *t, const pdf_spec *s, const char *text)
{
	dh_doc_run run = {.text = (char *)(text ? text : ""), .style = 0};
	pdf_text_runs(c, t, s, &run, 1);
}

/* Draw lines [FROM, TO) of T with the text's top-left at (X, Y), the text
 * shifted up by OFF (the top of line FROM when a text continues from an
 * earlier page). */
static void pdf_text_draw(pdf_ctx *c, const pdf_text *t, size_t from, size_t to, double x, double y,
                          double off)
{
	for (size_t i = from; i < to && i < t->n_lines; i++) {
		cairo_move_to(c->cr, x + t->lines[i].x, y + t->lines[i].baseline - off);
		pango_cairo_show_layout_line(c->cr, t->lines[i].line);
	}
}

static void pdf_rule(pdf_ctx *c, double cx, double y, double w)
{
	cairo_set_line_width(c->cr, PDF_RULE_W);
	cairo_move_to(c->cr, cx - w / 2, y);
	cairo_line_to(c->cr, cx + w / 2, y);
	cairo_stroke(c->cr);
}

/* A text set by S at (X, Y) in the box S->width wide; its height. When not
 * DRAW, only measured (to see whether a block fits). WIDTH: of its widest
 * line, for the rules under it. */
static double pdf_put(pdf_ctx *c, const pdf_spec *s, const char *text, double x, double y, bool draw,
                      double *width)
{
	pdf_text t;
	pdf_text_plain(c, &t, s, text);
	if (draw)
		pdf_text_draw(c, &t, 0, t.n_lines, x, y, 0);
	double h = t.height;
	if (width)
		*width = t.width;
	pdf_text_free(&t);
	return h;
}

static pdf_spec pdf_centred(double pt, unsigned style, double width)
{
	return (pdf_spec){.pt = pt, .style = style, .width = width, .align = PANGO_ALIGN_CENTER};
}

/* The same text in capitals (NULL stays NULL). */
static char *pdf_upper(pdf_ctx *c, const char *s)
{
	if (!s)
		return NULL;
	char *u = doc_upper(s);
	if (!u)
		c->err = DH_ENOMEM;
	return u;
}

static void pdf_page_number(pdf_ctx *c)
{
	char num[16];
	snprintf(num, sizeof(num), "%d", c->page);
	pdf_spec s = pdf_centred(PDF_HEAD_PT, 0, c->width);
	pdf_text t;
	pdf_text_plain(c, &t, &s, num);
	/* centred in the top margin, both ways */
	pdf_text_draw(c, &t, 0, t.n_lines, c->left, (c->top - t.height) / 2, 0);
	pdf_text_free(&t);
}

static void pdf_new_page(pdf_ctx *c)
{
	cairo_show_page(c->cr);
	c->page++;
	c->y = c->top;
	pdf_page_number(c);
}

/* The header block: issuer on the left, Quốc hiệu and Tiêu ngữ on the
 * right, then "Số: …" and the place and date on one line under both. */
static void pdf_header(pdf_ctx *c)
{
	static const char national[] = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
	static const char motto[] = "Độc lập - Tự do - Hạnh phúc";
	const dh_doc_header *h = &c->d->header;

	/* The right column is 60 % of the text width, or as wide as the
	 * Quốc hiệu needs: it is never broken over two lines. */
	double nat_w;
	pdf_spec probe = pdf_centred(PDF_HEAD_PT, DOC_BOLD, -1);
	pdf_put(c, &probe, national, 0, 0, false, &nat_w);
	double right_w = pdf_max(c->width * 0.6, nat_w + 4);
	double left_w = c->width - right_w;
	double lx = c->left, rx = c->left + left_w;
	double top = c->y;

	double ly = top, w;
	char *parent = pdf_upper(c, h->parent), *issuer = pdf_upper(c, h->issuer);
	pdf_spec s = pdf_centred(PDF_HEAD_PT, 0, left_w);
	if (parent)
		ly += pdf_put(c, &s, parent, lx, ly, true, NULL);
	if (issuer) {
		s.style = DOC_BOLD;
		ly += pdf_put(c, &s, issuer, lx, ly, true, &w);
		ly += PDF_RULE_GAP;
		pdf_rule(c, lx + left_w / 2, ly, w / 3);
	}
	free(parent);
	free(issuer);

	double ry = top;
	s = pdf_centred(PDF_HEAD_PT, DOC_BOLD, right_w);
	ry += pdf_put(c, &s, national, rx, ry, true, NULL);
	s.pt = PDF_MOTTO_PT;
	ry += pdf_put(c, &s, motto, rx, ry, true, &w);
	ry += PDF_RULE_GAP;
	pdf_rule(c, rx + right_w / 2, ry, w);

	/* Số and the date share a line below whichever column is longer. */
	double y = pdf_max(ly, ry) + 6, end = y;
	if (h->number) {
		char *num = NULL;
		if (asprintf(&num, "Số: %s", h->number) < 0) {
			c->err = DH_ENOMEM;
		} else {
			s = pdf_centred(PDF_HEAD_PT, 0, left_w);
			end = pdf_max(end, y + pdf_put(c, &s, num, lx, y, true, NULL));
			free(num);
		}
	}
	if (h->place_date) {
		s = pdf_centred(PDF_MOTTO_PT, DOC_ITALIC, right_w);
		end = pdf_max(end, y + pdf_put(c, &s, h->place_date, rx, y, true, NULL));
	}
	c->y = end + 18;
}

/* The kind's name and the trích yếu, centred, a short rule under them. */
static void pdf_title(pdf_ctx *c)
{
	pdf_spec s = pdf_centred(PDF_MOTTO_PT, DOC_BOLD, c->width);
	double w = 0;
	c->y += pdf_put(c, &s, c->d->kind_name, c->left, c->y, true, &w);
	if (c->d->summary && *c->d->summary)
		c->y += pdf_put(c, &s, c->d->summary, c->left, c->y, true, &w);
	c->y += PDF_RULE_GAP;
	pdf_rule(c, c->left + c->width / 2, c->y, pdf_max(w / 3, 20 * PDF_PT_PER_MM));
	c->y += 18;
}

/* The text of paragraph P: an item starts with its dash (the model's
 * items carry no marker; each writer draws its own). */
static void pdf_para_text(pdf_ctx *c, pdf_text *t, const pdf_spec *s, const dh_doc_para *p)
{
	if (p->kind != DOC_P_ITEM) {
		pdf_text_runs(c, t, s, p->runs, p->n_runs);
		return;
	}
	dh_doc_run *runs = malloc((p->n_runs + 1) * sizeof(*runs));
	if (!runs) {
		pdf_text_runs(c, t, s, p->runs, p->n_runs);
		return;
	}
	runs[0] = (dh_doc_run){.text = (char *)"- ", .style = 0};
	memcpy(runs + 1, p->runs, p->n_runs * sizeof(*runs));
	pdf_text_runs(c, t, s, runs, p->n_runs + 1);
	free(runs);
}

static pdf_spec pdf_para_spec(const pdf_ctx *c, dh_para_kind kind)
{
	pdf_spec s = {.pt = c->d->page.body_pt,
	              .width = c->width,
	              .align = PANGO_ALIGN_LEFT,
	              .indent = PDF_INDENT_MM * PDF_PT_PER_MM,
	              .spacing = PDF_SPACING};
	switch (kind) {
	case DOC_P_BODY:
	case DOC_P_ITEM: s.justify = true; break;
	case DOC_P_HEAD1:
	case DOC_P_HEAD2: s.style = DOC_BOLD; break;
	case DOC_P_BASIS:
		s.style = DOC_ITALIC;
		s.justify = true;
		break;
	case DOC_P_CENTER:
		s.align = PANGO_ALIGN_CENTER;
		s.indent = 0;
		break;
	case DOC_P_RIGHT:
		s.align = PANGO_ALIGN_RIGHT;
		s.indent = 0;
		break;
	}
	return s;
}

static bool pdf_is_heading(const dh_doc_block *b)
{
	return b->kind == DOC_B_PARA && (b->u.para.kind == DOC_P_HEAD1 || b->u.para.kind == DOC_P_HEAD2);
}

/* How much of the page block I needs so that a heading before it is not
 * left alone at the bottom: a heading with what follows it, the first
 * two lines of a paragraph, a few lines for anything else. */
static double pdf_lead(pdf_ctx *c, size_t i)
{
	const dh_doc *d = c->d;
	if (i >= d->n_blocks || d->blocks[i].kind == DOC_B_PAGE_BREAK)
		return 0;
	if (d->blocks[i].kind != DOC_B_PARA)
		return 3 * d->page.body_pt * PDF_SPACING;
	pdf_spec s = pdf_para_spec(c, d->blocks[i].u.para.kind);
	pdf_text t;
	pdf_para_text(c, &t, &s, &d->blocks[i].u.para);
	double h;
	if (pdf_is_heading(&d->blocks[i]))
		h = t.height + PDF_PARA_AFTER + pdf_lead(c, i + 1);
	else
		h = t.n_lines ? t.lines[t.n_lines < 2 ? t.n_lines - 1 : 1].bottom : 0;
	pdf_text_free(&t);
	return h;
}

/* Block I, a paragraph: placed line by line, going on to the next page
 * where the page ends; a first line alone at the bottom or a last line
 * alone at the top is avoided by moving a line. */
static void pdf_paragraph(pdf_ctx *c, size_t i)
{
	const dh_doc_block *b = &c->d->blocks[i];
	pdf_spec s = pdf_para_spec(c, b->u.para.kind);
	pdf_text t;
	pdf_para_text(c, &t, &s, &b->u.para);

	if (pdf_is_heading(b) && !pdf_at_top(c) &&
	    c->y + t.height + PDF_PARA_AFTER + pdf_lead(c, i + 1) > c->bottom)
		pdf_new_page(c);

	double off = 0;
	for (size_t from = 0; from < t.n_lines;) {
		size_t to = from;
		while (to < t.n_lines && c->y + t.lines[to].bottom - off <= c->bottom)
			to++;
		bool top = pdf_at_top(c);
		if (to == from && !top) {
			pdf_new_page(c);
			continue;
		}
		if (to == from)
			to++; /* a line taller than a page: drawn, clipped */
		if (from == 0 && to == 1 && t.n_lines > 1 && !top) {
			pdf_new_page(c); /* no first line alone at the bottom */
			continue;
		}
		if (to == t.n_lines - 1 && to - from >= 2)
			to--; /* no last line alone at the top of the next page */
		pdf_text_draw(c, &t, from, to, c->left, c->y, off);
		c->y += t.lines[to - 1].bottom - off;
		if (to < t.n_lines) {
			pdf_new_page(c);
			off = t.lines[to].top;
		}
		from = to;
	}
	c->y += PDF_PARA_AFTER;
	pdf_text_free(&t);
}

static void pdf_cell_rect(pdf_ctx *c, double x0, double x1, double y, double h)
{
	cairo_set_line_width(c->cr, PDF_GRID_W);
	cairo_rectangle(c->cr, x0, y, x1 - x0, h);
	cairo_stroke(c->cr);
}

static void pdf_texts_free(pdf_text *cells, size_t n)
{
	for (size_t k = 0; k < n; k++)
		pdf_text_free(&cells[k]);
}

/* The header row, whole, at c->y; its cells centred both ways. */
static void pdf_table_head(pdf_ctx *c, const pdf_table_ctx *tc)
{
	for (size_t k = 0; k < tc->t->n_cols; k++) {
		const pdf_text *t = &tc->head[k];
		double y = c->y + PDF_CELL_PAD + (tc->head_h - 2 * PDF_CELL_PAD - t->height) / 2;
		pdf_text_draw(c, t, 0, t->n_lines, tc->x[k] + PDF_CELL_PAD, y, 0);
		pdf_cell_rect(c, tc->x[k], tc->x[k + 1], c->y, tc->head_h);
	}
	c->y += tc->head_h;
}

static double pdf_row_height(const pdf_text *cells, size_t n)
{
	double h = 0;
	for (size_t k = 0; k < n; k++)
		h = pdf_max(h, cells[k].height);
	return h + 2 * PDF_CELL_PAD;
}

/* A body row of laid-out CELLS. It moves whole to the next page (header
 * row drawn again there) when it does not fit; only a row taller than a
 * page under the header is split, at line boundaries, each page taking at
 * least one line of every unfinished cell so the loop always ends. FRESH:
 * the row comes right under a header already placed for it. */
static void pdf_row(pdf_ctx *c, const pdf_table_ctx *tc, const pdf_text *cells, bool fresh)
{
	size_t n = tc->t->n_cols;
	if (!fresh && c->y + pdf_row_height(cells, n) > c->bottom) {
		pdf_new_page(c);
		pdf_table_head(c, tc);
	}
	size_t *from = calloc(n, sizeof(*from));
	double *off = calloc(n, sizeof(*off));
	if (!from || !off) {
		c->err = DH_ENOMEM;
		free(from);
		free(off);
		return;
	}
	for (;;) {
		double avail = c->bottom - c->y - 2 * PDF_CELL_PAD, seg = 0;
		bool done = true;
		for (size_t k = 0; k < n; k++) {
			const pdf_text *t = &cells[k];
			size_t to = from[k];
			while (to < t->n_lines && t->lines[to].bottom - off[k] <= avail)
				to++;
			if (to == from[k] && to < t->n_lines)
				to++;
			pdf_text_draw(c, t, from[k], to, tc->x[k] + PDF_CELL_PAD, c->y + PDF_CELL_PAD,
			              off[k]);
			if (to > from[k])
				seg = pdf_max(seg, t->lines[to - 1].bottom - off[k]);
			if (to < t->n_lines) {
				done = false;
				off[k] = t->lines[to].top;
			}
			from[k] = to;
		}
		seg += 2 * PDF_CELL_PAD;
		for (size_t k = 0; k < n; k++)
			pdf_cell_rect(c, tc->x[k], tc->x[k + 1], c->y, seg);
		c->y += seg;
		if (done)
			break;
		pdf_new_page(c);
		pdf_table_head(c, tc);
	}
	free(from);
	free(off);
}

/* A row's cells laid out into CELLS, by their columns. */
static void pdf_row_texts(pdf_ctx *c, const pdf_table_ctx *tc, const dh_doc_row *row, pdf_text *cells)
{
	static const PangoAlignment align[] = {PANGO_ALIGN_LEFT, PANGO_ALIGN_CENTER, PANGO_ALIGN_RIGHT};
	const dh_doc_table *t = tc->t;
	for (size_t k = 0; k < t->n_cols; k++) {
		unsigned a = (unsigned)t->aligns[k];
		pdf_spec s = {.pt = c->d->page.small_pt + 1,
		              .style = row->total ? DOC_BOLD : 0,
		              .width = tc->x[k + 1] - tc->x[k] - 2 * PDF_CELL_PAD,
		              .align = a < 3 ? align[a] : PANGO_ALIGN_LEFT};
		pdf_text_runs(c, &cells[k], &s, row->cells[k].runs, row->cells[k].n_runs);
	}
}

/* A table: a grid the width of the text, the columns sharing it by their
 * weights, the header row on top of every page the table is on. */
static void pdf_table(pdf_ctx *c, const dh_doc_table *t)
{
	size_t n = t->n_cols;
	if (!n)
		return;
	pdf_table_ctx tc = {.t = t};
	tc.x = calloc(n + 1, sizeof(*tc.x));
	tc.head = calloc(n, sizeof(*tc.head));
	pdf_text *cells = calloc(n, sizeof(*cells));
	if (!tc.x || !tc.head || !cells) {
		c->err = DH_ENOMEM;
		goto out;
	}
	double total = 0, acc = 0;
	for (size_t k = 0; k < n; k++)
		total += t->weights[k] > 0 ? t->weights[k] : 1;
	for (size_t k = 0; k <= n; k++) {
		tc.x[k] = c->left + c->width * acc / total;
		if (k < n)
			acc += t->weights[k] > 0 ? t->weights[k] : 1;
	}
	for (size_t k = 0; k < n; k++) {
		pdf_spec s =
		    pdf_centred(c->d->page.small_pt + 1, DOC_BOLD, tc.x[k + 1] - tc.x[k] - 2 * PDF_CELL_PAD);
		pdf_text_plain(c, &tc.head[k], &s, t->heads[k]);
	}
	tc.head_h = pdf_row_height(tc.head, n);

	/* The header row never stays alone at the bottom of a page: it
	 * goes with the first row (or a few lines of it). */
	double first = 3 * (c->d->page.small_pt + 1) * PDF_SPACING;
	if (t->n_rows) {
		pdf_row_texts(c, &tc, &t->rows[0], cells);
		first = pdf_row_height(cells, n);
		pdf_texts_free(cells, n);
	}
	if (!pdf_at_top(c) && c->y + tc.head_h + first > c->bottom)
		pdf_new_page(c);
	pdf_table_head(c, &tc);
	for (size_t r = 0; r < t->n_rows; r++) {
		pdf_row_texts(c, &tc, &t->rows[r], cells);
		pdf_row(c, &tc, cells, r == 0);
		pdf_texts_free(cells, n);
	}
	c->y += PDF_PARA_AFTER;
out:
	if (tc.head)
		pdf_texts_free(tc.head, n);
	free(tc.head);
	free(tc.x);
	free(cells);
}

/* One signer block in the column at X, W wide, from Y: its height. Only
 * measured when not DRAW. */
static double pdf_signer(pdf_ctx *c, const dh_doc_signer *s, double x, double y, double w, bool draw)
{
	double y0 = y;
	pdf_spec sp = pdf_centred(PDF_MOTTO_PT, DOC_BOLD, w);
	char *authority = pdf_upper(c, s->authority), *title = pdf_upper(c, s->title);
	if (authority)
		y += pdf_put(c, &sp, authority, x, y, draw, NULL);
	if (title)
		y += pdf_put(c, &sp, title, x, y, draw, NULL);
	free(authority);
	free(title);
	if (s->hint) {
		pdf_spec h = pdf_centred(PDF_HEAD_PT, DOC_ITALIC, w);
		y += pdf_put(c, &h, "(Ký, ghi rõ họ tên)", x, y, draw, NULL);
	}
	y += PDF_SIGN_ROOM;
	if (s->name)
		y += pdf_put(c, &sp, s->name, x, y, draw, NULL);
	return y - y0;
}

/* "Nơi nhận:" and its list, flush left in the column at X, W wide: each
 * line "- …;", the last "- ….". A long line wraps under its own text,
 * not under the dash. */
static double pdf_recipients(pdf_ctx *c, const dh_doc_sign *s, double x, double y, double w, bool draw)
{
	double y0 = y;
	pdf_spec head = {.pt = c->d->page.small_pt, .style = DOC_BOLD | DOC_ITALIC, .width = w};
	y += pdf_put(c, &head, "Nơi nhận:", x, y, draw, NULL);
	pdf_spec item = {.pt = c->d->page.small_pt - 1, .width = -1};
	double dash_w;
	pdf_put(c, &item, "- ", 0, 0, false, &dash_w);
	item.width = w;
	item.indent = -dash_w;
	for (size_t i = 0; i < s->n_recipients; i++) {
		const char *r = s->recipients[i] ? s->recipients[i] : "";
		size_t len = strlen(r);
		while (len && (r[len - 1] == ';' || r[len - 1] == '.' || r[len - 1] == ' '))
			len--; /* the writer puts the ending */
		char *line = NULL;
		if (asprintf(&line, "- %.*s%s", (int)len, r, i + 1 < s->n_recipients ? ";" : ".") < 0) {
			c->err = DH_ENOMEM;
			break;
		}
		y += pdf_put(c, &item, line, x, y, draw, NULL);
		free(line);
	}
	return y - y0;
}

/* The signature block: the left column (second signer or nơi nhận) and
 * the signer on the right, side by side, kept on one page. */
static void pdf_sign(pdf_ctx *c, const dh_doc_sign *s)
{
	/* Two signers share the width; with nơi nhận the signer gets more. */
	double left_w = s->has_left ? c->width / 2 : c->width * 0.45;
	double right_w = c->width - left_w;
	double lx = c->left, rx = c->left + left_w;
	for (int pass = 0; pass < 2; pass++) {
		bool draw = pass == 1;
		double y = c->y + PDF_PARA_AFTER, h = 0;
		if (s->has_left)
			h = pdf_signer(c, &s->left, lx, y, left_w, draw);
		else if (s->n_recipients)
			h = pdf_recipients(c, s, lx, y, left_w - 6, draw);
		if (s->has_right)
			h = pdf_max(h, pdf_signer(c, &s->right, rx, y, right_w, draw));
		if (!draw && !pdf_at_top(c) && y + h > c->bottom)
			pdf_new_page(c);
		if (draw)
			c->y = y + h + PDF_PARA_AFTER;
	}
}

static void pdf_blocks(pdf_ctx *c)
{
	const dh_doc *d = c->d;
	for (size_t i = 0; i < d->n_blocks && !c->err; i++) {
		const dh_doc_block *b = &d->blocks[i];
		switch (b->kind) {
		case DOC_B_PARA: pdf_paragraph(c, i); break;
		case DOC_B_TABLE: pdf_table(c, &b->u.table); break;
		case DOC_B_SIGN: pdf_sign(c, &b->u.sign); break;
		case DOC_B_PAGE_BREAK:
			if (!pdf_at_top(c))
				pdf_new_page(c);
			break;
		}
	}
}

/* The document onto the surface S; *ST: cairo's status at the end. */
static int pdf_render(const dh_doc *d, cairo_surface_t *s, cairo_status_t *st)
{
	const dh_doc_page *pg = &d->page;
	pdf_ctx c = {.d = d,
	             .page_w = pg->width_mm * PDF_PT_PER_MM,
	             .page_h = pg->height_mm * PDF_PT_PER_MM,
	             .left = pg->left_mm * PDF_PT_PER_MM,
	             .top = pg->top_mm * PDF_PT_PER_MM,
	             .page = 1};
	c.width = c.page_w - c.left - pg->right_mm * PDF_PT_PER_MM;
	c.bottom = c.page_h - pg->bottom_mm * PDF_PT_PER_MM;
	c.y = c.top;
	c.cr = cairo_create(s);
	c.pc = pango_cairo_create_context(c.cr);
	/* One user unit is one point, and glyphs are placed where the font
	 * says, not rounded to a screen pixel grid. */
	pango_cairo_context_set_resolution(c.pc, 72);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(c.pc, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_round_glyph_positions(c.pc, FALSE);
	c.font = pango_font_description_new();
	pango_font_description_set_family(c.font, pg->font && *pg->font ? pg->font : "Times New Roman");
	cairo_set_source_rgb(c.cr, 0, 0, 0);

	if (d->has_header)
		pdf_header(&c);
	if (d->kind_name)
		pdf_title(&c);
	pdf_blocks(&c);
	cairo_show_page(c.cr);

	int rc = c.err;
	*st = cairo_status(c.cr);
	if (!rc && *st != CAIRO_STATUS_SUCCESS)
		rc = *st == CAIRO_STATUS_NO_MEMORY ? DH_ENOMEM : DH_EIO;
	pango_font_description_free(c.font);
	g_object_unref(c.pc);
	cairo_destroy(c.cr);
	return rc;
}

int doc_pdf_write(const dh_doc *d, const char *path, char *why, size_t why_len)
{
	if (why && why_len)
		*why = '\0';
	if (!d || !path || doc_error(d)) {
		if (why && why_len)
			snprintf(why, why_len, "Tài liệu chưa dựng xong (lỗi khi tạo), không ghi %s",
			         path ? path : "tệp PDF");
		return DH_EINVAL;
	}
	dh_doc_file f;
	int rc = doc_file_begin(&f, path, why, why_len);
	if (rc)
		return rc;
	cairo_surface_t *s = cairo_pdf_surface_create(f.tmp, d->page.width_mm * PDF_PT_PER_MM,
	                                              d->page.height_mm * PDF_PT_PER_MM);
	if (d->doc_title)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, d->doc_title);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "dienhinh " DH_VERSION);
	cairo_status_t st = cairo_surface_status(s);
	rc = st == CAIRO_STATUS_SUCCESS ? pdf_render(d, s, &st) : DH_EIO;
	/* Finishing writes the rest of the file: a full disk shows here. */
	cairo_surface_finish(s);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (!rc && st != CAIRO_STATUS_SUCCESS)
		rc = st == CAIRO_STATUS_NO_MEMORY ? DH_ENOMEM : DH_EIO;
	if (rc) {
		if (why && why_len && rc == DH_EIO)
			snprintf(why, why_len, "Không ghi được tệp PDF %s: %s", path,
			         st == CAIRO_STATUS_WRITE_ERROR ? "lỗi ghi đĩa (có thể đã hết chỗ)"
			                                        : cairo_status_to_string(st));
		else if (why && why_len)
			snprintf(why, why_len, "Hết bộ nhớ khi ghi tệp PDF %s", path);
		doc_file_abort(&f);
		return rc;
	}
	return doc_file_commit(&f, why, why_len);
}
