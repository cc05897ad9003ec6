/* cfg_diag.c — config diagnostics: collected while loading, shown at the mark.
 *
 * Errors are gathered (not printed) so that one run reports all of them,
 * sorted by position, each as "FILE:LINE:COL: message", the source line with
 * its number, and a caret under the column. The caret has to land under the
 * right letter of a Vietnamese line, so the prefix is measured in terminal
 * columns, not bytes. */
#include "cfg_internal.h"

#include "dienhinh/buf.h"
#include "dienhinh/error.h"
#include "dienhinh/utf8.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Characters of a source line shown at most. */
#define SHOW_CHARS 120

static bool is_control(int32_t cp);
static int render_entry(const cfg_diags *d, const struct cfg_entry *e, char **out);
static int entry_cmp(const void *a, const void *b);

void cfg_error(cfg_diags *d, int line, int col, const char *fmt, ...)
{
	if (d->n >= CFG_MAX_ERRORS) {
		d->dropped++;
		return;
	}
	if (buf_reserve(&d->v, &d->cap, d->n + 1, sizeof *d->v)) {
		d->oom = true;
		return;
	}
	va_list ap;
	va_start(ap, fmt);
	char *msg = NULL;
	int r = vasprintf(&msg, fmt, ap);
	va_end(ap);
	if (r < 0) {
		d->oom = true;
		return;
	}
	d->v[d->n] = (struct cfg_entry){.line = line, .col = col, .seq = d->n, .msg = msg};
	d->n++;
}

bool cfg_full(const cfg_diags *d)
{
	return d->n >= CFG_MAX_ERRORS;
}

static int entry_cmp(const void *a, const void *b)
{
	const struct cfg_entry *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

int cfg_diags_render(cfg_diags *d, dh_diag *out)
{
	qsort(d->v, d->n, sizeof *d->v, entry_cmp);
	size_t want = d->n + (d->dropped ? 1 : 0) + (d->oom ? 1 : 0);
	if (want == 0)
		return 0;
	char **lines = realloc(out->lines, (out->n + want) * sizeof *lines);
	if (!lines)
		return DH_ENOMEM;
	out->lines = lines;
	for (size_t i = 0; i < d->n; i++) {
		char *s = NULL;
		if (render_entry(d, &d->v[i], &s) < 0)
			return DH_ENOMEM;
		out->lines[out->n++] = s;
	}
	if (d->dropped) {
		char *s = NULL;
		if (asprintf(&s, "%s: … và %zu lỗi khác không hiển thị\n", d->path, d->dropped) < 0)
			return DH_ENOMEM;
		out->lines[out->n++] = s;
	}
	if (d->oom) {
		char *s = NULL;
		if (asprintf(&s, "%s: hết bộ nhớ khi ghi nhận lỗi, danh sách lỗi có thể thiếu\n", d->path) <
		    0)
			return DH_ENOMEM;
		out->lines[out->n++] = s;
	}
	return 0;
}

void cfg_diags_free(cfg_diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->v[i].msg);
	free(d->v);
	d->v = NULL;
	d->n = d->cap = 0;
}

void diag_free(dh_diag *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++)
		free(d->lines[i]);
	free(d->lines);
	d->lines = NULL;
	d->n = 0;
}

void diag_print(const dh_diag *d, FILE *out)
{
	for (size_t i = 0; i < d->n; i++)
		fputs(d->lines[i], out);
}

/* Not shown as it is: a control character, or an invisible codepoint (a
 * right-to-left override would turn the rest of the line around on the
 * terminal, a zero-width one would leave the caret under nothing). */
static bool is_control(int32_t cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) || utf8_invisible(cp) != UTF8_SHOWN;
}

/* Start and length (without the line break) of 1-based LINE in SRC. */
static bool find_line(const char *src, size_t len, int line, size_t *start, size_t *n)
{
	size_t i = 0;
	if (len >= 3 && memcmp(src, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	for (int l = 1; l < line; l++) {
		const char *nl = memchr(src + i, '\n', len - i);
		if (!nl)
			return false;
		i = (size_t)(nl - src) + 1;
	}
	if (i > len)
		return false;
	const char *nl = memchr(src + i, '\n', len - i);
	size_t e = nl ? (size_t)(nl - src) : len;
	if (e > i && src[e - 1] == '\r')
		e--;
	*start = i;
	*n = e - i;
	return true;
}

static int render_entry(const cfg_diags *d, const struct cfg_entry *e, char **out)
{
	dh_buf b = {0};
	char head[64];

	if (e->line <= 0) {
		buf_printf(&b, "%s: %s\n", d->path, e->msg);
		if (b.oom) {
			buf_free(&b);
			return DH_ENOMEM;
		}
		*out = b.p;
		return 0;
	}
	buf_printf(&b, "%s:%d:%d: %s\n", d->path, e->line, e->col, e->msg);

	size_t start, n;
	if (d->src && find_line(d->src, d->len, e->line, &start, &n)) {
		int gutter = snprintf(head, sizeof head, " %d | ", e->line);
		buf_add(&b, head, (size_t)gutter);
		/* The caret line is built alongside: one space per column of each
		 * codepoint before the mark, a tab for a tab. */
		dh_buf caret = {0};
		int digits = gutter - 4;
		buf_add(&caret, " ", 1);
		for (int i = 0; i < digits; i++)
			buf_add(&caret, " ", 1);
		buf_add(&caret, " | ", 3);
		const char *s = d->src + start;
		/* A long line is shown as a window around the column, so the
		 * caret stays on the screen. */
		int total = 0, first = 0, last;
		for (size_t j = 0; j < n; total++) {
			int32_t cp;
			int k = utf8_decode(s + j, n - j, &cp);
			j += k > 0 ? (size_t)k : 1;
		}
		last = total;
		if (total > SHOW_CHARS) {
			first = e->col - 1 > SHOW_CHARS / 2 ? e->col - 1 - SHOW_CHARS / 2 : 0;
			last = first + SHOW_CHARS;
		}
		if (first > 0) {
			buf_add(&b, "\xe2\x80\xa6", 3); /* … */
			buf_add(&caret, " ", 1);
		}
		size_t i = 0;
		int cps = 0;
		while (i < n && cps < last) {
			int32_t cp;
			int k = utf8_decode(s + i, n - i, &cp);
			int width;
			if (cps < first) {
				cps++;
				i += k > 0 ? (size_t)k : 1;
				continue;
			}
			if (k <= 0) {
				buf_add(&b, "\xef\xbf\xbd", 3);
				width = 1;
				k = 1;
			} else if (cp == '\t') {
				buf_add(&b, "\t", 1);
				width = -1;
			} else if (is_control(cp)) {
				buf_add(&b, "\xef\xbf\xbd", 3);
				width = 1;
			} else {
				buf_add(&b, s + i, (size_t)k);
				width = utf8_cp_width(cp);
			}
			if (cps < e->col - 1) {
				if (width < 0)
					buf_add(&caret, "\t", 1);
				for (int w = 0; w < width; w++)
					buf_add(&caret, " ", 1);
			}
			cps++;
			i += (size_t)k;
		}
		if (last < total)
			buf_add(&b, "\xe2\x80\xa6", 3);
		for (; cps < e->col - 1; cps++)
			buf_add(&caret, " ", 1);
		buf_add(&b, "\n", 1);
		buf_add(&caret, "^\n", 2);
		if (caret.oom)
			b.oom = true;
		buf_add(&b, caret.p, caret.len);
		buf_free(&caret);
	}
	if (b.oom) {
		buf_free(&b);
		*out = NULL;
		return DH_ENOMEM;
	}
	*out = b.p;
	return 0;
}

void cfg_position(const char *src, size_t len, size_t offset, int *line, int *col)
{
	int l = 1, c = 1;
	size_t i = 0;
	if (len >= 3 && memcmp(src, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	if (offset > len)
		offset = len;
	while (i < offset) {
		unsigned char b = (unsigned char)src[i];
		if (b == '\n') {
			l++;
			c = 1;
			i++;
			continue;
		}
		int32_t cp;
		int k = utf8_decode(src + i, len - i, &cp);
		if (k <= 0)
			k = 1;
		c++;
		i += (size_t)k;
	}
	*line = l;
	*col = c;
}

const char *cfg_show(const char *s, char *buf, size_t size)
{
	size_t o = 0, i = 0, n = strlen(s);
	size_t limit = size > 64 ? 60 : size - 4;
	while (i < n && o < limit) {
		int32_t cp;
		int k = utf8_decode(s + i, n - i, &cp);
		if (k <= 0 || is_control(cp)) {
			buf[o++] = '?';
			i += k <= 0 ? 1 : (size_t)k;
			continue;
		}
		if (o + (size_t)k > limit)
			break;
		memcpy(buf + o, s + i, (size_t)k);
		o += (size_t)k;
		i += (size_t)k;
	}
	if (i < n && o + 3 < size) {
		memcpy(buf + o, "\xe2\x80\xa6", 3); /* … */
		o += 3;
	}
	buf[o] = '\0';
	return buf;
}

size_t cfg_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 64 || lb > 64)
		return (size_t)-1;
	size_t m[65][65];
	for (size_t i = 0; i <= la; i++)
		m[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		m[0][j] = j;
	for (size_t i = 1; i <= la; i++) {
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t best = m[i - 1][j - 1] + cost;
			if (m[i - 1][j] + 1 < best)
				best = m[i - 1][j] + 1;
			if (m[i][j - 1] + 1 < best)
				best = m[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    m[i - 2][j - 2] + 1 < best)
				best = m[i - 2][j - 2] + 1;
			m[i][j] = best;
		}
	}
	return m[la][lb];
}

const char *cfg_suggest(const char *word, const char *const *candidates, size_t n)
{
	const char *best = NULL;
	size_t best_d = (size_t)-1;
	for (size_t i = 0; i < n; i++) {
		size_t dist = cfg_edit_distance(word, candidates[i]);
		if (dist < best_d) {
			best_d = dist;
			best = candidates[i];
		}
	}
	/* A typo changes a letter or two; beyond a third of the word it is
	 * another word and the list of valid keys helps more. */
	size_t len = strlen(word);
	size_t allowed = len <= 3 ? 1 : len <= 8 ? 2 : 3;
	return best && best_d <= allowed ? best : NULL;
}

typedef struct keyed {
	const char *key;
	size_t index;
} keyed;

static int keyed_cmp(const void *a, const void *b)
{
	const keyed *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (c)
		return c;
	return x->index < y->index ? -1 : x->index > y->index;
}

bool cfg_first_equal(const char *const *keys, size_t n, size_t *first)
{
	keyed *v = malloc((n ? n : 1) * sizeof *v);
	if (!v)
		return false;
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		first[i] = i;
		if (keys[i])
			v[m++] = (keyed){keys[i], i};
	}
	qsort(v, m, sizeof *v, keyed_cmp);
	/* Equal keys sit together, the earliest item first. */
	for (size_t i = 1, head = 0; i < m; i++) {
		if (strcmp(v[i].key, v[head].key) == 0)
			first[v[i].index] = v[head].index;
		else
			head = i;
	}
	free(v);
	return true;
}
