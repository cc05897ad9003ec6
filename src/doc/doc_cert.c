/* doc_cert.c — Giấy khen texts in their boxes, with cairo and pango
 * (doc_cert.h).
 *
 * Units: cairo's PDF surface measures in points (1/72 in), config in
 * millimetres: MM() converts. One pango layout serves every box of every
 * page; fitting a text tries sizes from the field's own down to
 * DOC_CERT_MIN_SCALE of it in steps of FIT_STEP pt, each a layout of the
 * text at the box's width (so it wraps) whose height must fit the box's. */
#include "dienhinh/doc_cert.h"

#include "dienhinh/doc.h"

#include "dienhinh/doc_file.h"
#include "dienhinh/error.h"
#include "dienhinh/utf8.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MM(v)    ((v)*72.0 / 25.4)
#define FIT_STEP 0.5
/* Below this nothing is legible: a text that does not fit even so is cut. */
#define FLOOR_PT 4.0

typedef struct cert_pen {
	cairo_t *cr;
	PangoLayout *layout;
	PangoFontDescription *font;
} cert_pen;

/* S cleaned for the page (doc_clean(): controls, bidirectional and
 * zero-width characters dropped, invalid bytes as U+FFFD, NFC) with runs of
 * spaces and the spaces round a line break folded; NULL when nothing is
 * left. */
static char *cert_clean(const char *s)
{
	char *out = doc_clean(s);
	if (!out)
		return NULL;
	size_t o = 0;
	for (const char *p = out; *p; p++) {
		if (*p == ' ' && (o == 0 || out[o - 1] == ' ' || out[o - 1] == '\n'))
			continue;
		if (*p == '\n')
			while (o > 0 && out[o - 1] == ' ')
				o--;
		out[o++] = *p;
	}
	while (o > 0 && (out[o - 1] == ' ' || out[o - 1] == '\n'))
		o--;
	out[o] = '\0';
	if (o == 0) {
		free(out);
		return NULL;
	}
	return out;
}

/* Whether the layout fits a box BOX_H pt high: its height does, and
 * unless WRAP, no paragraph of TEXT was broken into more lines. */
static bool cert_fits(PangoLayout *l, double box_h, bool wrap, int paragraphs, double *height)
{
	PangoRectangle ink, logical;
	pango_layout_get_extents(l, &ink, &logical);
	*height = (double)logical.height / PANGO_SCALE;
	return *height <= box_h && (wrap || pango_layout_get_line_count(l) <= paragraphs);
}

/* The layout at sizes from FROM down by FIT_STEP until it fits (as
 * cert_fits says) or MIN is reached; *SIZE gets the size it stopped at. */
static void cert_shrink(cert_pen *p, double from, double min, double box_h, bool wrap, int paragraphs,
                        double *size, double *height)
{
	PangoLayout *l = p->layout;
	for (double s = from;; s -= FIT_STEP) {
		if (s < min)
			s = min;
		pango_font_description_set_absolute_size(p->font, s * PANGO_SCALE);
		pango_layout_set_font_description(l, p->font);
		*size = s;
		if (cert_fits(l, box_h, wrap, paragraphs, height) || s <= min)
			break;
	}
}

/* Lay TEXT out in F at the largest size that fits the box; *SIZE gets it,
 * *HEIGHT the layout's height in pt. A box with room for two lines at the
 * field's size wraps first, then shrinks; a one-line box shrinks on one
 * line. At DOC_CERT_MIN_SCALE either wraps as many lines as the box holds,
 * the last cut with "…" (and a line taller than the box, smaller still). */
static void cert_fit(cert_pen *p, const dh_cert_field *f, const char *text, double *size, double *height)
{
	PangoLayout *l = p->layout;
	pango_font_description_set_weight(p->font, f->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_font_description_set_style(p->font, f->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
	pango_layout_set_text(l, text, -1);
	pango_layout_set_width(l, (int)(MM(f->w_mm) * PANGO_SCALE));
	pango_layout_set_height(l, -1);
	pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_NONE);
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, f->align == 2   ? PANGO_ALIGN_RIGHT
	                              : f->align == 1 ? PANGO_ALIGN_CENTER
	                                              : PANGO_ALIGN_LEFT);
	int paragraphs = 1;
	for (const char *c = text; *c; c++)
		paragraphs += *c == '\n';
	double box_h = MM(f->h_mm), min = f->size_pt * DOC_CERT_MIN_SCALE;
	/* Room for two lines (of each paragraph) at the full size? */
	pango_font_description_set_absolute_size(p->font, f->size_pt * PANGO_SCALE);
	pango_layout_set_font_description(l, p->font);
	PangoFontMetrics *m = pango_context_get_metrics(pango_layout_get_context(l), p->font, NULL);
	double line_h = m ? (double)pango_font_metrics_get_height(m) / PANGO_SCALE : 0;
	if (m)
		pango_font_metrics_unref(m);
	bool wrap = line_h > 0 && box_h >= 2 * paragraphs * line_h - 0.01;
	cert_shrink(p, f->size_pt, min, box_h, wrap, paragraphs, size, height);
	if (cert_fits(l, box_h, wrap, paragraphs, height))
		return;
	pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	pango_layout_set_height(l, (int)(box_h * PANGO_SCALE));
	cert_shrink(p, *size, FLOOR_PT, box_h, true, paragraphs, size, height);
}

static void cert_frame(cairo_t *cr, double x, double y, double w, double h)
{
	cairo_save(cr);
	cairo_set_source_rgb(cr, 0.7, 0.7, 0.7);
	cairo_set_line_width(cr, 0.5);
	cairo_rectangle(cr, x, y, w, h);
	cairo_stroke(cr);
	cairo_restore(cr);
}

static int cert_page(cert_pen *p, const dh_certificate *c, const dh_cert_page *page, bool frames)
{
	cairo_t *cr = p->cr;
	if (frames) /* the sheet's edge, just inside it so that a printer prints it */
		cert_frame(cr, MM(1), MM(1), MM(c->width_mm - 2), MM(c->height_mm - 2));
	for (int i = 0; i < DH_CERT_FIELDS; i++) {
		const dh_cert_field *f = &c->fields[i];
		if (!f->shown)
			continue;
		double x = MM(f->x_mm + c->shift_x_mm), y = MM(f->y_mm + c->shift_y_mm);
		if (frames)
			cert_frame(cr, x, y, MM(f->w_mm), MM(f->h_mm));
		if (!page->text[i])
			continue;
		char *text = cert_clean(page->text[i]);
		if (!text)
			continue;
		double size, height;
		cert_fit(p, f, text, &size, &height);
		free(text);
		/* centred in the box's height */
		cairo_set_source_rgb(cr, 0, 0, 0);
		cairo_move_to(cr, x, y + (MM(f->h_mm) - height) / 2);
		pango_cairo_show_layout(cr, p->layout);
	}
	cairo_show_page(cr);
	return cairo_status(cr) == CAIRO_STATUS_SUCCESS ? 0 : DH_EIO;
}

static int cert_pen_open(cert_pen *p, cairo_surface_t *surface)
{
	p->cr = cairo_create(surface);
	p->layout = p->cr ? pango_cairo_create_layout(p->cr) : NULL;
	/* set_family, not from_string: that would read "Roman" as a style */
	p->font = pango_font_description_new();
	if (!p->layout || !p->font)
		return DH_ENOMEM;
	pango_font_description_set_family(p->font, DOC_CERT_FONT);
	/* Metrics unhinted: a PDF is not a screen, and the fit must not
	 * depend on rounding to pixels. */
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(pango_layout_get_context(p->layout), fo);
	cairo_font_options_destroy(fo);
	pango_layout_context_changed(p->layout);
	return 0;
}

static void cert_pen_close(cert_pen *p)
{
	if (p->font)
		pango_font_description_free(p->font);
	if (p->layout)
		g_object_unref(p->layout);
	if (p->cr)
		cairo_destroy(p->cr);
}

double doc_cert_fit_size(const dh_certificate *c, int field, const char *text)
{
	if (field < 0 || field >= DH_CERT_FIELDS || !text || !c->fields[field].shown)
		return 0;
	char *clean = cert_clean(text);
	if (!clean)
		return 0;
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
	cert_pen p = {0};
	double size = 0, height;
	if (cert_pen_open(&p, s) == 0)
		cert_fit(&p, &c->fields[field], clean, &size, &height);
	cert_pen_close(&p);
	cairo_surface_destroy(s);
	free(clean);
	return size;
}

int doc_cert_write(const dh_certificate *c, const dh_cert_page *pages, size_t n, bool frames,
                   const char *path, char *why, size_t why_len)
{
	if (why && why_len)
		why[0] = '\0';
	if (n == 0) {
		if (why && why_len)
			snprintf(why, why_len, "Không có Giấy khen nào để in.");
		return DH_EINVAL;
	}
	dh_doc_file file;
	int rc = doc_file_begin(&file, path, why, why_len);
	if (rc)
		return rc;
	cairo_surface_t *surface = cairo_pdf_surface_create(file.tmp, MM(c->width_mm), MM(c->height_mm));
	if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(surface);
		doc_file_abort(&file);
		if (why && why_len)
			snprintf(why, why_len, "Không tạo được tệp PDF %s.", path);
		return DH_EIO;
	}
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, "Giấy khen");
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "dienhinh");
	cert_pen p = {0};
	rc = cert_pen_open(&p, surface);
	for (size_t i = 0; !rc && i < n; i++)
		rc = cert_page(&p, c, &pages[i], frames);
	cert_pen_close(&p);
	cairo_surface_finish(surface);
	if (!rc && cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS)
		rc = DH_EIO;
	cairo_surface_destroy(surface);
	if (rc) {
		doc_file_abort(&file);
		if (why && why_len && !why[0])
			snprintf(why, why_len, "Không ghi được tệp PDF %s (%s).", path,
			         rc == DH_ENOMEM ? "hết bộ nhớ" : "lỗi khi ghi");
		return rc;
	}
	return doc_file_commit(&file, why, why_len);
}
