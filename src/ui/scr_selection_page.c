/* scr_selection_page.c — screen 3's read-only detail page: labelled
 * values and long text wrapped at word boundaries, scrolled with the
 * arrows. What Enter opens on a registration, a proposal, a decision or a
 * department. */
#include "scr_selection.h"

#include "dienhinh/ui_council.h"
#include "dienhinh/utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_LABEL_COLS 22

typedef struct page_entry {
	int style;
	char *label; /* NULL: a paragraph */
	char *text;
} page_entry;

struct sel_page {
	ui_view base;
	char title[160];
	page_entry *entries;
	size_t n, cap;
	int scroll;
	int lines; /* wrapped lines at the last draw */
	int rows;  /* body rows at the last draw */
};

static const ui_binding page_keys[] = {
    {UI_A_DOWN, "↓/j", {UI_K(KEY_DOWN), 'j'}, NULL, "Cuộn xuống", false},
    {UI_A_UP, "↑/k", {UI_K(KEY_UP), 'k'}, NULL, "Cuộn lên", false},
    {UI_A_PGDN, "PgDn", {UI_K(KEY_NPAGE), ' '}, NULL, NULL, true},
    {UI_A_PGUP, "PgUp", {UI_K(KEY_PPAGE)}, NULL, NULL, true},
    {UI_A_HOME, "Home/g", {UI_K(KEY_HOME), 'g'}, NULL, NULL, true},
    {UI_A_END, "End/G", {UI_K(KEY_END), 'G'}, NULL, NULL, true},
    {UI_A_CANCEL, "Esc", {UI_ESC}, "Quay lại", "Về danh sách", false},
    {0},
};

size_t sel_wrap(const char *s, int cols, size_t *next)
{
	size_t nl = strcspn(s, "\n");
	if (cols < 1)
		cols = 1;
	int used;
	size_t fit = utf8_fit(s, cols, &used);
	if (fit >= nl) {
		*next = nl + (s[nl] == '\n');
		return nl;
	}
	/* Break at the space that ends the last whole word, and drop it. */
	if (s[fit] == ' ') {
		*next = fit + 1;
		return fit;
	}
	size_t brk = fit;
	while (brk > 0 && s[brk - 1] != ' ')
		brk--;
	if (brk > 1) {
		*next = brk;
		return brk - 1;
	}
	/* One word wider than the line: cut it, at least one letter. */
	if (fit == 0)
		fit = utf8_grapheme_len(s, nl);
	*next = fit;
	return fit;
}

static void page_push(sel_page *p, int style, const char *label, const char *text)
{
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 16;
		page_entry *e = realloc(p->entries, cap * sizeof(*e));
		if (!e)
			return;
		p->entries = e;
		p->cap = cap;
	}
	page_entry *e = &p->entries[p->n];
	e->style = style;
	e->label = label ? strdup(label) : NULL;
	/* Stored text is clean; anything else is made safe to show. */
	e->text = utf8_sanitize(text ? text : "");
	if ((label && !e->label) || !e->text) {
		free(e->label);
		free(e->text);
		return;
	}
	p->n++;
}

void sel_page_add(sel_page *p, int style, const char *label, const char *value)
{
	if (label && (!value || !*value))
		return;
	page_push(p, style, label, value);
}

void sel_page_addf(sel_page *p, int style, const char *label, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	sel_page_add(p, style, label, buf);
}

static const char *page_title(ui_view *v)
{
	return ((sel_page *)v)->title;
}

/* A numbered line of a paragraph ("  3. Nguyễn Văn A — …") wraps under
 * its text, not under its number: the columns to indent by. */
static int page_hang(const page_entry *e)
{
	const char *s = e->text;
	if (e->label || strncmp(s, "  ", 2) != 0)
		return 0;
	const char *dot = strstr(s, ". ");
	if (!dot || dot - s > 10)
		return 0;
	return (int)(dot - s) + 2;
}

/* Draws (or with W NULL only counts) the wrapped lines, from line FIRST. */
static int page_render(sel_page *p, WINDOW *w, int cols, int rows, int first)
{
	int line = 0;
	for (size_t i = 0; i < p->n; i++) {
		const page_entry *e = &p->entries[i];
		int x = e->label ? PAGE_LABEL_COLS + 3 : 2;
		int width = cols - x - 1;
		const char *s = e->text;
		int hang = page_hang(e);
		bool head = true;
		do {
			if (!head) {
				x += hang;
				width -= hang;
				hang = 0;
			}
			size_t next;
			size_t len = sel_wrap(s, width, &next);
			int y = line - first + 1;
			if (w && y >= 1 && y < rows) {
				if (e->label && head) {
					wattrset(w, A_BOLD);
					ui_put_cell(w, y, 1, e->label, PAGE_LABEL_COLS, true);
				}
				wattrset(w, ui_style(e->style));
				char buf[1024];
				snprintf(buf, sizeof(buf), "%.*s",
				         (int)(len < sizeof(buf) ? len : sizeof(buf) - 1), s);
				ui_put(w, y, x, buf, width);
				wattrset(w, A_NORMAL);
			}
			line++;
			head = false;
			s += next;
		} while (*s);
	}
	return line;
}

static void page_draw(ui_view *v, WINDOW *w)
{
	sel_page *p = (sel_page *)v;
	int rows = getmaxy(w), cols = getmaxx(w);
	p->rows = rows;
	p->lines = page_render(p, NULL, cols, rows, 0);
	int room = rows - 1;
	if (p->scroll > p->lines - room)
		p->scroll = p->lines - room;
	if (p->scroll < 0)
		p->scroll = 0;
	wattrset(w, ui_style(UI_S_TITLE));
	char head[200];
	if (p->lines > room)
		snprintf(head, sizeof(head), "%s  (dòng %d–%d/%d)", p->title, p->scroll + 1,
		         p->scroll + room < p->lines ? p->scroll + room : p->lines, p->lines);
	else
		snprintf(head, sizeof(head), "%s", p->title);
	ui_put(w, 0, 1, head, cols - 2);
	wattrset(w, A_NORMAL);
	page_render(p, w, cols, rows, p->scroll);
}

static unsigned page_key(ui_view *v, int action, int key)
{
	sel_page *p = (sel_page *)v;
	int page = p->rows > 2 ? p->rows - 2 : 1;
	(void)key;
	switch (action) {
	case UI_A_DOWN: p->scroll++; return UI_R_DRAW;
	case UI_A_UP: p->scroll--; return UI_R_DRAW;
	case UI_A_PGDN: p->scroll += page; return UI_R_DRAW;
	case UI_A_PGUP: p->scroll -= page; return UI_R_DRAW;
	case UI_A_HOME: p->scroll = 0; return UI_R_DRAW;
	case UI_A_END: p->scroll = p->lines; return UI_R_DRAW;
	case UI_A_CANCEL: return UI_R_POP;
	}
	return UI_R_NONE;
}

static void page_destroy(ui_view *v)
{
	sel_page *p = (sel_page *)v;
	for (size_t i = 0; i < p->n; i++) {
		free(p->entries[i].label);
		free(p->entries[i].text);
	}
	free(p->entries);
	free(p);
}

static const ui_view_ops page_ops = {
    .bindings = page_keys,
    .title = page_title,
    .draw = page_draw,
    .key = page_key,
    .destroy = page_destroy,
};

sel_page *sel_page_new(ui_app *app, const char *title)
{
	sel_page *p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	ui_view_init(&p->base, &page_ops, app);
	snprintf(p->title, sizeof(p->title), "%s", title);
	return p;
}

ui_view *sel_page_view(sel_page *p)
{
	return &p->base;
}

bool sel_page_results(sel_page *p, dh_ctx *ctx, uint64_t session_id, const dh_idlist *cands)
{
	ui_council_model m;
	if (ui_council_load(ctx, session_id, &m) != 0)
		return false;
	char rule[300];
	ui_council_rule_line(&ctx->cfg->council, NULL, rule, sizeof(rule));
	sel_page_add(p, UI_S_DIM, NULL, rule);
	for (size_t i = 0; i < cands->n; i++) {
		const ui_council_item *ci = NULL;
		for (size_t k = 0; k < m.n; k++)
			if (m.items[k].item->candidate_id == cands->v[i])
				ci = &m.items[k];
		if (!ci || !ci->candidate) {
			sel_page_addf(p, UI_S_WARN, NULL, "%zu. Hồ sơ #%llu — không có trong phiên họp này", i + 1,
			              (unsigned long long)cands->v[i]);
			continue;
		}
		const dh_vote_item *it = ci->item;
		bool passed = it->closed && it->result == DH_RESULT_PASSED;
		sel_page_addf(p, passed ? UI_S_NORMAL : UI_S_WARN, NULL, "%zu. %s — %s — %s%s", i + 1,
		              ci->candidate->name ? ci->candidate->name : "",
		              config_department_short(ctx->cfg, ci->candidate->department),
		              it->closed ? (it->reason ? it->reason : "") : "chưa chốt kết quả",
		              it->recused.n ? " (có thành viên không tham gia biểu quyết)" : "");
	}
	ui_council_model_free(&m);
	return true;
}
