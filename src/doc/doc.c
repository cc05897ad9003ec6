/* doc.c — building a dh_doc (doc.h). Every text is cleaned here, once, so
 * the writers only escape for their own syntax. */
#include "dienhinh/doc.h"

#include "dienhinh/buf.h"
#include "dienhinh/error.h"
#include "dienhinh/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static bool doc_drop_cp(int32_t cp);
static dh_doc_block *doc_block(dh_doc *d, dh_block_kind kind);
static dh_doc_para *doc_current_para(dh_doc *d);
static void doc_para_free(dh_doc_para *p);
static char *doc_dup(dh_doc *d, const char *s);

dh_doc *doc_new(void)
{
	dh_doc *d = calloc(1, sizeof(*d));
	if (!d)
		return NULL;
	d->page = (dh_doc_page){.width_mm = 210,
	                        .height_mm = 297,
	                        .top_mm = 20,
	                        .bottom_mm = 20,
	                        .left_mm = 30,
	                        .right_mm = 15,
	                        .body_pt = 14,
	                        .small_pt = 12,
	                        .font = "Times New Roman"};
	return d;
}

int doc_error(const dh_doc *d)
{
	return d ? d->err : DH_ENOMEM;
}

static void doc_para_free(dh_doc_para *p)
{
	for (size_t i = 0; i < p->n_runs; i++)
		free(p->runs[i].text);
	free(p->runs);
}

static void doc_signer_free(dh_doc_signer *s)
{
	free(s->authority);
	free(s->title);
	free(s->name);
}

void doc_free(dh_doc *d)
{
	if (!d)
		return;
	for (size_t b = 0; b < d->n_blocks; b++) {
		dh_doc_block *blk = &d->blocks[b];
		if (blk->kind == DOC_B_PARA) {
			doc_para_free(&blk->u.para);
		} else if (blk->kind == DOC_B_TABLE) {
			dh_doc_table *t = &blk->u.table;
			for (size_t r = 0; r < t->n_rows; r++) {
				for (size_t c = 0; c < t->n_cols; c++)
					doc_para_free(&t->rows[r].cells[c]);
				free(t->rows[r].cells);
			}
			for (size_t c = 0; c < t->n_cols; c++)
				free(t->heads[c]);
			free(t->heads);
			free(t->weights);
			free(t->aligns);
			free(t->rows);
		} else if (blk->kind == DOC_B_SIGN) {
			dh_doc_sign *s = &blk->u.sign;
			doc_signer_free(&s->left);
			doc_signer_free(&s->right);
			for (size_t i = 0; i < s->n_recipients; i++)
				free(s->recipients[i]);
			free(s->recipients);
		}
	}
	free(d->blocks);
	free(d->header.parent);
	free(d->header.issuer);
	free(d->header.number);
	free(d->header.place_date);
	free(d->kind_name);
	free(d->summary);
	free(d->doc_title);
	free(d);
}

/* Codepoints that never reach a document: controls (but '\n'), the
 * invisible ones input refuses (utf8_invisible(): bidirectional controls
 * that can make a name print reversed, zero-width characters that make two
 * names look alike; records written before input refused them may hold
 * them) and the noncharacters. */
static bool doc_drop_cp(int32_t cp)
{
	if (cp == '\n')
		return false;
	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		return true;
	if (utf8_invisible(cp) != UTF8_SHOWN)
		return true;
	return cp == 0xfffe || cp == 0xffff;
}

static size_t doc_put_clean(char *out, const char *at, int n, int32_t cp)
{
	(void)at;
	(void)n;
	if (cp < 0)
		return (size_t)utf8_encode(0xFFFD, out); /* the replacement character */
	if (cp == '\t') {
		*out = ' ';
		return 1;
	}
	if (cp == '\r' || doc_drop_cp(cp))
		return 0;
	return (size_t)utf8_encode(cp, out);
}

char *doc_clean(const char *s)
{
	char *tmp = utf8_map(s, 3, doc_put_clean);
	if (!tmp)
		return NULL;
	char *nfc = utf8_nfc(tmp);
	free(tmp);
	return nfc;
}

static char *doc_dup(dh_doc *d, const char *s)
{
	if (d->err)
		return NULL;
	char *c = doc_clean(s);
	if (!c)
		d->err = DH_ENOMEM;
	return c;
}

/* Replace *SLOT by a cleaned copy of S (NULL S: nothing). */
static void doc_set(dh_doc *d, char **slot, const char *s)
{
	free(*slot);
	*slot = s ? doc_dup(d, s) : NULL;
}

void doc_set_title(dh_doc *d, const char *title)
{
	doc_set(d, &d->doc_title, title);
}

void doc_set_header(dh_doc *d, const char *parent, const char *issuer, const char *number,
                    const char *place_date)
{
	d->has_header = true;
	doc_set(d, &d->header.parent, parent);
	doc_set(d, &d->header.issuer, issuer);
	doc_set(d, &d->header.number, number);
	doc_set(d, &d->header.place_date, place_date);
}

void doc_set_kind(dh_doc *d, const char *kind_name, const char *summary)
{
	doc_set(d, &d->kind_name, kind_name);
	doc_set(d, &d->summary, summary);
}

static dh_doc_block *doc_block(dh_doc *d, dh_block_kind kind)
{
	if (d->err)
		return NULL;
	if (buf_reserve(&d->blocks, &d->cap_blocks, d->n_blocks + 1, sizeof(*d->blocks))) {
		d->err = DH_ENOMEM;
		return NULL;
	}
	dh_doc_block *b = &d->blocks[d->n_blocks++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	return b;
}

void doc_para(dh_doc *d, dh_para_kind kind)
{
	dh_doc_block *b = doc_block(d, DOC_B_PARA);
	if (b)
		b->u.para.kind = kind;
}

/* Where runs go now: the last cell of the last row of a table that is the
 * last block, or the last paragraph; NULL when neither (a run after a
 * signature block starts a body paragraph). */
static dh_doc_para *doc_current_para(dh_doc *d)
{
	if (d->err)
		return NULL;
	if (d->n_blocks) {
		dh_doc_block *b = &d->blocks[d->n_blocks - 1];
		if (b->kind == DOC_B_PARA)
			return &b->u.para;
		if (b->kind == DOC_B_TABLE && b->u.table.n_rows) {
			dh_doc_row *row = &b->u.table.rows[b->u.table.n_rows - 1];
			if (!b->u.table.n_cols)
				return NULL;
			return &row->cells[row->n_begun ? row->n_begun - 1 : 0];
		}
	}
	doc_para(d, DOC_P_BODY);
	return d->err ? NULL : &d->blocks[d->n_blocks - 1].u.para;
}

static void doc_para_add(dh_doc *d, dh_doc_para *p, unsigned style, const char *text)
{
	if (!p || !text || !*text)
		return;
	char *c = doc_dup(d, text);
	if (!c)
		return;
	/* A run in the same style as the one before joins it: the writers
	 * then see whole words. */
	if (p->n_runs && p->runs[p->n_runs - 1].style == style) {
		dh_doc_run *last = &p->runs[p->n_runs - 1];
		size_t a = strlen(last->text), b = strlen(c);
		char *joined = realloc(last->text, a + b + 1);
		if (!joined) {
			free(c);
			d->err = DH_ENOMEM;
			return;
		}
		memcpy(joined + a, c, b + 1);
		last->text = joined;
		free(c);
		return;
	}
	dh_doc_run *runs = realloc(p->runs, (p->n_runs + 1) * sizeof(*runs));
	if (!runs) {
		free(c);
		d->err = DH_ENOMEM;
		return;
	}
	p->runs = runs;
	p->runs[p->n_runs++] = (dh_doc_run){.text = c, .style = style};
}

void doc_run(dh_doc *d, unsigned style, const char *text)
{
	doc_para_add(d, doc_current_para(d), style, text);
}

void doc_vrunf(dh_doc *d, unsigned style, const char *fmt, va_list ap)
{
	if (d->err)
		return;
	char *s = NULL;
	if (vasprintf(&s, fmt, ap) < 0) {
		d->err = DH_ENOMEM;
		return;
	}
	doc_run(d, style, s);
	free(s);
}

void doc_runf(dh_doc *d, unsigned style, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	doc_vrunf(d, style, fmt, ap);
	va_end(ap);
}

void doc_line(dh_doc *d, dh_para_kind kind, unsigned style, const char *text)
{
	doc_para(d, kind);
	doc_run(d, style, text);
}

void doc_table(dh_doc *d, const dh_doc_col *cols, size_t n)
{
	dh_doc_block *b = doc_block(d, DOC_B_TABLE);
	if (!b)
		return;
	dh_doc_table *t = &b->u.table;
	t->heads = calloc(n ? n : 1, sizeof(*t->heads));
	t->weights = calloc(n ? n : 1, sizeof(*t->weights));
	t->aligns = calloc(n ? n : 1, sizeof(*t->aligns));
	if (!t->heads || !t->weights || !t->aligns) {
		d->err = DH_ENOMEM;
		return;
	}
	t->n_cols = n;
	for (size_t i = 0; i < n; i++) {
		t->heads[i] = doc_dup(d, cols[i].head ? cols[i].head : "");
		t->weights[i] = cols[i].weight > 0 ? cols[i].weight : 1;
		t->aligns[i] = cols[i].align;
	}
}

static dh_doc_table *doc_current_table(dh_doc *d)
{
	if (d->err || !d->n_blocks || d->blocks[d->n_blocks - 1].kind != DOC_B_TABLE)
		return NULL;
	return &d->blocks[d->n_blocks - 1].u.table;
}

void doc_row(dh_doc *d, bool total)
{
	dh_doc_table *t = doc_current_table(d);
	if (!t)
		return;
	dh_doc_row *rows = realloc(t->rows, (t->n_rows + 1) * sizeof(*rows));
	if (!rows) {
		d->err = DH_ENOMEM;
		return;
	}
	t->rows = rows;
	dh_doc_para *cells = calloc(t->n_cols ? t->n_cols : 1, sizeof(*cells));
	if (!cells) {
		d->err = DH_ENOMEM;
		return;
	}
	t->rows[t->n_rows++] = (dh_doc_row){.cells = cells, .total = total};
}

void doc_cell(dh_doc *d)
{
	dh_doc_table *t = doc_current_table(d);
	if (!t || !t->n_rows)
		return;
	dh_doc_row *row = &t->rows[t->n_rows - 1];
	if (row->n_begun < t->n_cols)
		row->n_begun++;
}

void doc_cell_text(dh_doc *d, unsigned style, const char *text)
{
	doc_cell(d);
	doc_run(d, style, text);
}

void doc_cellf(dh_doc *d, unsigned style, const char *fmt, ...)
{
	doc_cell(d);
	va_list ap;
	va_start(ap, fmt);
	doc_vrunf(d, style, fmt, ap);
	va_end(ap);
}

static void doc_signer_copy(dh_doc *d, dh_doc_signer *to, const dh_doc_signer *from)
{
	to->authority = from->authority ? doc_dup(d, from->authority) : NULL;
	to->title = from->title ? doc_dup(d, from->title) : NULL;
	to->name = from->name ? doc_dup(d, from->name) : NULL;
	to->hint = from->hint;
}

void doc_sign(dh_doc *d, const dh_doc_signer *left, const dh_doc_signer *right, const char *const *recipients,
              size_t n)
{
	dh_doc_block *b = doc_block(d, DOC_B_SIGN);
	if (!b)
		return;
	dh_doc_sign *s = &b->u.sign;
	if (left) {
		s->has_left = true;
		doc_signer_copy(d, &s->left, left);
	}
	if (right) {
		s->has_right = true;
		doc_signer_copy(d, &s->right, right);
	}
	if (!left && n) {
		s->recipients = calloc(n, sizeof(*s->recipients));
		if (!s->recipients) {
			d->err = DH_ENOMEM;
			return;
		}
		for (size_t i = 0; i < n; i++)
			s->recipients[s->n_recipients++] = doc_dup(d, recipients[i]);
	}
}

void doc_page_break(dh_doc *d)
{
	doc_block(d, DOC_B_PAGE_BREAK);
}

char *doc_upper(const char *s)
{
	char *clean = doc_clean(s);
	char *up = clean ? utf8_upper(clean) : NULL;
	free(clean);
	return up;
}

char *doc_para_text(const dh_doc_para *p)
{
	size_t len = 0;
	for (size_t i = 0; i < p->n_runs; i++)
		len += strlen(p->runs[i].text);
	char *o = malloc(len + 1);
	if (!o)
		return NULL;
	size_t at = 0;
	for (size_t i = 0; i < p->n_runs; i++) {
		size_t n = strlen(p->runs[i].text);
		memcpy(o + at, p->runs[i].text, n);
		at += n;
	}
	o[at] = '\0';
	return o;
}
