/* doc_md.c — a dh_doc as Markdown (doc_md.h). */
#include "dienhinh/doc_md.h"

#include "dienhinh/error.h"
#include "dienhinh/utf8.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char md_replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */

static bool md_is_control(int32_t cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f);
}

static bool md_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Whether the ASCII character at S (LEN bytes left) means something to
 * Markdown here. '<' only opens a tag or an autolink before a letter, '/',
 * '!' or '?', '&' only an entity before a letter, digit or '#': so "7/11 <
 * 2/3" stays readable. '>' only quotes at a line's start (md_line). */
static bool md_special(const char *s, size_t len)
{
	char next = len > 1 ? s[1] : '\0';
	if (*s == '<')
		return md_alnum(next) || next == '/' || next == '!' || next == '?';
	if (*s == '&')
		return md_alnum(next) || next == '#';
	return strchr("\\`*_[]#|~", *s) != NULL;
}

/* One line of S (no newline inside), escaped; AT_START: the line begins a
 * Markdown line, so a block marker at its head is escaped too. */
static void md_line(FILE *out, const char *s, size_t len, bool at_start)
{
	size_t i = 0;
	if (at_start) {
		while (i < len && (s[i] == ' ' || s[i] == '\t'))
			i++; /* four spaces would make a code block */
		if (i < len && (s[i] == '-' || s[i] == '+' || s[i] == '=' || s[i] == '>')) {
			fputc('\\', out);
		} else if (i < len && s[i] >= '0' && s[i] <= '9') {
			size_t j = i;
			while (j < len && s[j] >= '0' && s[j] <= '9')
				j++;
			if (j < len && (s[j] == '.' || s[j] == ')') && j - i <= 9) {
				fwrite(s + i, 1, j - i, out);
				fputc('\\', out); /* "2021. Năm" is not an ordered list */
				i = j;
			}
		}
	}
	while (i < len) {
		unsigned char ch = (unsigned char)s[i];
		if (ch < 0x80) {
			if (md_special(s + i, len - i))
				fputc('\\', out);
			if (ch == '\r')
				; /* a Windows line end left inside the text */
			else if (ch == '\t')
				fputc(' ', out);
			else if (md_is_control(ch))
				fputs(md_replacement, out);
			else
				fputc(ch, out);
			i++;
			continue;
		}
		int32_t cp;
		int n = utf8_decode(s + i, len - i, &cp);
		if (n <= 0 || md_is_control(cp)) {
			fputs(md_replacement, out);
			i += n > 0 ? (size_t)n : 1;
			continue;
		}
		fwrite(s + i, 1, (size_t)n, out);
		i += (size_t)n;
	}
}

static bool md_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	return true;
}

void doc_md_text(FILE *out, const char *s, int mode)
{
	if (!s)
		return;
	bool wrote = false, gap = false;
	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		size_t used = len;
		while (used > 0 && (s[used - 1] == '\r' || s[used - 1] == ' ' || s[used - 1] == '\t'))
			used--;
		if (mode == DOC_MD_BLOCK) {
			if (md_blank(s, used)) {
				gap = wrote;
			} else {
				/* a new paragraph, or a hard line break */
				if (wrote)
					fputs(gap ? "\n\n" : "  \n", out);
				md_line(out, s, used, true);
				wrote = true;
				gap = false;
			}
		} else {
			if (wrote && used)
				fputc(' ', out);
			/* Trailing blanks of the last line stay: they are the caller's text. */
			md_line(out, s, nl ? used : len, false);
			wrote = wrote || used;
		}
		if (!nl)
			break;
		s = nl + 1;
	}
}

/* A web address Markdown can take as an autolink <…>, where backslashes
 * would stay literal: only when every byte is one a URL may hold
 * unescaped (a '|' would end a table cell). */
static bool md_plain_url(const char *url)
{
	static const char ok[] = "-._~:/?#[]@!$&'()*+,;=%";
	bool plain = strncmp(url, "http://", 7) == 0 || strncmp(url, "https://", 8) == 0;
	for (const char *p = url; plain && *p; p++)
		plain = md_alnum(*p) || strchr(ok, *p);
	return plain;
}

/* Emphasis markers for STYLE ("**", "*", "***" or ""). */
static const char *md_marks(unsigned style)
{
	bool b = style & DOC_BOLD, i = style & DOC_ITALIC;
	return b && i ? "***" : b ? "**" : i ? "*" : "";
}

/* The runs of P; EXTRA is added to every run's style (a căn cứ line is
 * italic throughout, a total row bold). The first run starts a Markdown
 * line when AT_START. */
static void md_runs(FILE *out, const dh_doc_para *p, unsigned extra, bool at_start, int mode)
{
	for (size_t i = 0; i < p->n_runs; i++) {
		const dh_doc_run *r = &p->runs[i];
		const char *m = md_marks(r->style | extra);
		/* Emphasis cannot open on a space, and a block line loses its
		 * trailing blanks: keep the run's edges outside. */
		const char *t = r->text;
		size_t len = strlen(t), lead = 0, trail = 0;
		while (lead < len && t[lead] == ' ')
			lead++;
		while (trail < len - lead && t[len - 1 - trail] == ' ')
			trail++;
		if ((r->style & DOC_LINK) && md_plain_url(t)) {
			fprintf(out, "<%s>", t);
			continue;
		}
		if (lead == len) {
			fputs(t, out);
			continue;
		}
		fprintf(out, "%.*s%s", (int)lead, t, m);
		char *mid = strndup(t + lead, len - lead - trail);
		int run_mode = mode == DOC_MD_BLOCK && (i > 0 || !at_start) ? DOC_MD_INLINE : mode;
		doc_md_text(out, mid ? mid : "", run_mode);
		free(mid);
		fprintf(out, "%s%.*s", m, (int)trail, t + len - trail);
	}
}

static void md_cell_text(FILE *out, const char *s, unsigned style)
{
	const char *m = md_marks(style);
	if (!s || !*s)
		return;
	fputs(m, out);
	doc_md_text(out, s, DOC_MD_CELL);
	fputs(m, out);
}

static void md_upper(FILE *out, const char *s, unsigned style)
{
	char *u = doc_upper(s);
	md_cell_text(out, u ? u : s, style);
	free(u);
}

static void md_header(FILE *out, const dh_doc_header *h)
{
	fputs("| ", out);
	if (h->parent)
		md_upper(out, h->parent, 0);
	else if (h->issuer)
		md_upper(out, h->issuer, DOC_BOLD);
	fputs(" | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM** |\n|:---:|:---:|\n| ", out);
	if (h->parent && h->issuer)
		md_upper(out, h->issuer, DOC_BOLD);
	fputs(" | **Độc lập - Tự do - Hạnh phúc** |\n", out);
	if (h->number || h->place_date) {
		fputs("| ", out);
		if (h->number) {
			fputs("Số: ", out);
			md_cell_text(out, h->number, 0);
		}
		fputs(" | ", out);
		md_cell_text(out, h->place_date, DOC_ITALIC);
		fputs(" |\n", out);
	}
	fputs("\n", out);
}

static void md_table(FILE *out, const dh_doc_table *t)
{
	fputs("|", out);
	for (size_t c = 0; c < t->n_cols; c++) {
		fputs(" ", out);
		md_cell_text(out, t->heads[c], 0);
		fputs(" |", out);
	}
	fputs("\n|", out);
	for (size_t c = 0; c < t->n_cols; c++)
		fputs(t->aligns[c] == DOC_RIGHTALIGN ? "---:|"
		      : t->aligns[c] == DOC_CENTRE   ? ":---:|"
		                                     : "---|",
		      out);
	fputs("\n", out);
	for (size_t r = 0; r < t->n_rows; r++) {
		const dh_doc_row *row = &t->rows[r];
		fputs("|", out);
		for (size_t c = 0; c < t->n_cols; c++) {
			fputs(" ", out);
			md_runs(out, &row->cells[c], row->total ? DOC_BOLD : 0, false, DOC_MD_CELL);
			fputs(" |", out);
		}
		fputs("\n", out);
	}
	fputs("\n", out);
}

/* "KT. CHÁNH THANH TRA — PHÓ CHÁNH THANH TRA": a signer's head on one row. */
static void md_signer_head(FILE *out, const dh_doc_signer *s)
{
	if (s->authority) {
		md_cell_text(out, s->authority, 0);
		if (s->title)
			fputs(" — ", out);
	}
	md_cell_text(out, s->title, 0);
}

static void md_sign(FILE *out, const dh_doc_sign *s)
{
	const dh_doc_signer none = {0};
	const dh_doc_signer *l = s->has_left ? &s->left : &none, *r = s->has_right ? &s->right : &none;
	fputs("| ", out);
	md_signer_head(out, l);
	fputs(" | ", out);
	md_signer_head(out, r);
	fputs(" |\n|:---:|:---:|\n", out);
	fprintf(out, "| %s | %s |\n", l->hint ? "*(Ký, ghi rõ họ tên)*" : "",
	        r->hint ? "*(Ký, ghi rõ họ tên)*" : "");
	fputs("|   |   |\n|   |   |\n| ", out);
	md_cell_text(out, l->name, DOC_BOLD);
	fputs(" | ", out);
	md_cell_text(out, r->name, DOC_BOLD);
	fputs(" |\n", out);
	if (s->n_recipients) {
		fputs("\n**Nơi nhận:**\n\n", out);
		for (size_t i = 0; i < s->n_recipients; i++) {
			fputs("- ", out);
			doc_md_text(out, s->recipients[i], DOC_MD_CELL);
			fputs(i + 1 < s->n_recipients ? ";\n" : ".\n", out);
		}
	}
	fputs("\n", out);
}

static void md_para(FILE *out, const dh_doc_para *p, bool next_is_item)
{
	switch (p->kind) {
	case DOC_P_HEAD1:
		fputs("## ", out);
		md_runs(out, p, 0, false, DOC_MD_CELL);
		fputs("\n\n", out);
		return;
	case DOC_P_HEAD2:
		fputs("### ", out);
		md_runs(out, p, 0, false, DOC_MD_CELL);
		fputs("\n\n", out);
		return;
	case DOC_P_ITEM:
		fputs("- ", out);
		md_runs(out, p, 0, false, DOC_MD_INLINE);
		fputs(next_is_item ? "\n" : "\n\n", out);
		return;
	case DOC_P_BASIS: md_runs(out, p, DOC_ITALIC, true, DOC_MD_BLOCK); break;
	case DOC_P_BODY:
	case DOC_P_CENTER:
	case DOC_P_RIGHT: md_runs(out, p, 0, true, DOC_MD_BLOCK); break;
	}
	fputs("\n\n", out);
}

int doc_md_write(const dh_doc *d, FILE *out)
{
	if (!d || d->err)
		return DH_EINVAL;
	if (d->has_header)
		md_header(out, &d->header);
	if (d->kind_name) {
		fputs("# ", out);
		doc_md_text(out, d->kind_name, DOC_MD_CELL);
		fputs("\n\n", out);
		/* Each line of the trích yếu bold on its own, joined by hard breaks. */
		for (const char *line = d->summary; line && *line;) {
			const char *nl = strchr(line, '\n');
			char *one = strndup(line, nl ? (size_t)(nl - line) : strlen(line));
			fputs(line == d->summary ? "**" : "  \n**", out);
			doc_md_text(out, one ? one : "", DOC_MD_CELL);
			fputs("**", out);
			free(one);
			line = nl ? nl + 1 : NULL;
		}
		if (d->summary && *d->summary)
			fputs("\n\n", out);
	}
	for (size_t b = 0; b < d->n_blocks; b++) {
		const dh_doc_block *blk = &d->blocks[b];
		switch (blk->kind) {
		case DOC_B_PARA: {
			bool next_item = b + 1 < d->n_blocks && d->blocks[b + 1].kind == DOC_B_PARA &&
			                 d->blocks[b + 1].u.para.kind == DOC_P_ITEM;
			if (blk->u.para.n_runs)
				md_para(out, &blk->u.para, next_item);
			break;
		}
		case DOC_B_TABLE: md_table(out, &blk->u.table); break;
		case DOC_B_SIGN: md_sign(out, &blk->u.sign); break;
		case DOC_B_PAGE_BREAK: fputs("---\n\n", out); break;
		}
	}
	if (fflush(out) != 0 || ferror(out))
		return DH_EIO;
	return 0;
}
