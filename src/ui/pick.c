/* pick.c — the modal picker every form and screen uses: a box of choices
 * that finds by typing, with the syllable matching of lookup (fold.h):
 * "ng v 1" keeps "Phòng Nghiệp vụ 1", "hoa" keeps "Nguyễn Thị Thanh Hòa". */
#include "dienhinh/ui_app.h"

#include "dienhinh/buf.h"
#include "dienhinh/error.h"
#include "dienhinh/fold.h"
#include "dienhinh/utf8.h"
#include "ui_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PICK_QUERY_MAX  120
#define PICK_QUERY_WORDS 8

/* Every word typed starts some word of LABEL (letters as lookup folds
 * them; the marks typed must be there). */
static bool pick_matches(const fold_word *q, size_t nq, const char *label)
{
	fold_word w[48];
	size_t nw = fold_split(label ? label : "", w, sizeof(w) / sizeof(w[0]));
	if (nw > sizeof(w) / sizeof(w[0]))
		nw = sizeof(w) / sizeof(w[0]);
	for (size_t i = 0; i < nq; i++) {
		bool found = false;
		for (size_t k = 0; k < nw && !found; k++)
			found = fold_match(&q[i], &w[k]) != FOLD_NONE;
		if (!found)
			return false;
	}
	return true;
}

/* Indexes of the choices QUERY keeps, into SHOWN; returns how many. */
static size_t pick_filter(const ui_choice *choices, size_t n, const char *query, size_t *shown)
{
	fold_word q[PICK_QUERY_WORDS];
	size_t nq = fold_split(query, q, PICK_QUERY_WORDS);
	if (nq > PICK_QUERY_WORDS)
		nq = PICK_QUERY_WORDS;
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (!nq || pick_matches(q, nq, choices[i].label))
			shown[k++] = i;
	return k;
}

static void pick_backspace(char *query)
{
	size_t len = strlen(query);
	while (len > 0 && ((unsigned char)query[len - 1] & 0xC0) == 0x80)
		len--;
	if (len > 0)
		len--;
	query[len] = '\0';
}

int ui_pick(ui_app *app, const char *title, const ui_choice *choices, size_t n, int current)
{
	if (n == 0 || ui_too_small(app))
		return -1;
	size_t *shown = calloc(n, sizeof(*shown));
	if (!shown)
		return -1;
	char query[PICK_QUERY_MAX + 8] = "";
	size_t n_shown = pick_filter(choices, n, query, shown);
	int sel = current >= 0 && (size_t)current < n ? current : 0;
	int top = 0;
	int result = -1;
	timeout(UI_POLL_MS);
	for (;;) {
		if (ui_stopping(app))
			break;
		int width = ui_text_width(title, 70) + 4;
		for (size_t i = 0; i < n; i++) {
			int cw = ui_text_width(choices[i].label, 70) + 6;
			if (cw > width)
				width = cw;
		}
		if (width < 48)
			width = 48; /* room for the search line */
		if (width > COLS - 4)
			width = COLS - 4;
		/* Title, the search line, the choices, the border. */
		int rows = (int)n + 3;
		if (rows > LINES - 6)
			rows = LINES - 6;
		int visible = rows - 3;
		if (sel >= (int)n_shown)
			sel = n_shown ? (int)n_shown - 1 : 0;
		if (sel < top)
			top = sel;
		if (sel >= top + visible)
			top = sel - visible + 1;
		ui_draw_now(app);
		WINDOW *w = newwin(rows, width, (LINES - rows) / 2, (COLS - width) / 2);
		if (!w)
			break;
		werase(w);
		box(w, 0, 0);
		wattrset(w, ui_style(UI_S_TITLE));
		if (ui_text_width(title, width) <= width - 4)
			ui_put(w, 0, 2, title, width - 4); /* not padded: the border stays */
		else
			ui_put_cut(w, 0, 2, title, width - 4, false);
		wattrset(w, ui_style(query[0] ? UI_S_FOCUS : UI_S_DIM));
		char line[PICK_QUERY_MAX + 64];
		if (query[0])
			snprintf(line, sizeof(line), "Tìm: %s  (%zu/%zu)", query, n_shown, n);
		else
			snprintf(line, sizeof(line), "Gõ để tìm · ↑↓ chọn · Enter lấy · Esc thôi");
		ui_put_cell(w, 1, 1, "", width - 2, false);
		ui_put_cut(w, 1, 2, line, width - 4, false);
		if (!n_shown) {
			wattrset(w, ui_style(UI_S_DIM));
			ui_put(w, 2, 2, "Không có mục nào khớp.", width - 4);
		}
		for (int i = 0; i < visible && top + i < (int)n_shown; i++) {
			wattrset(w, top + i == sel ? ui_style(UI_S_SELECTED) : A_NORMAL);
			ui_put_cell(w, 2 + i, 1, "", width - 2, false);
			ui_put_cut(w, 2 + i, 2, choices[shown[top + i]].label, width - 4, false);
		}
		wattrset(w, A_NORMAL);
		curs_set(0);
		wnoutrefresh(w);
		doupdate();
		int key;
		int r = ui_read_key(app, &key);
		delwin(w);
		if (r == ERR)
			continue;
		bool done = false;
		switch (key) {
		case UI_K(KEY_UP):
			if (sel > 0)
				sel--;
			break;
		case UI_K(KEY_DOWN):
			if (sel + 1 < (int)n_shown)
				sel++;
			break;
		case UI_K(KEY_PPAGE): sel = sel > visible ? sel - visible : 0; break;
		case UI_K(KEY_NPAGE):
			sel = sel + visible < (int)n_shown ? sel + visible : (int)n_shown - 1;
			break;
		case UI_K(KEY_HOME): sel = 0; break;
		case UI_K(KEY_END): sel = (int)n_shown - 1; break;
		case UI_K(KEY_RESIZE):
			ui_relayout(app);
			clearok(curscr, TRUE);
			break;
		case UI_K(KEY_BACKSPACE):
			pick_backspace(query);
			n_shown = pick_filter(choices, n, query, shown);
			sel = 0;
			break;
		case UI_ENTER:
			if (n_shown) {
				result = (int)shown[sel];
				done = true;
			}
			break;
		case UI_ESC:
			if (query[0]) { /* the first Esc clears the search */
				query[0] = '\0';
				n_shown = pick_filter(choices, n, query, shown);
				sel = 0;
			} else {
				done = true;
			}
			break;
		case ' ':
			if (!query[0]) { /* Space takes the row, as before, until one types */
				result = n_shown ? (int)shown[sel] : -1;
				done = true;
				break;
			}
			/* a space between words of the search */
			__attribute__((fallthrough));
		default:
			if (!(key & UI_KEYCODE) && key >= 0x20 && key != 0x7f) {
				char enc[8];
				int len = utf8_encode(key, enc);
				size_t at = strlen(query);
				if (len > 0 && at + (size_t)len < PICK_QUERY_MAX) {
					memcpy(query + at, enc, (size_t)len);
					query[at + (size_t)len] = '\0';
					n_shown = pick_filter(choices, n, query, shown);
					sel = 0;
				}
			}
		}
		if (done)
			break;
	}
	touchwin(stdscr);
	free(shown);
	return result;
}

int ui_choices_add(ui_choices *c, const char *value, const char *label)
{
	if (buf_reserve(&c->v, &c->cap, c->n + 1, sizeof(*c->v)))
		return DH_ENOMEM;
	char *val = strdup(value), *lab = strdup(label);
	if (!val || !lab) {
		free(val);
		free(lab);
		return DH_ENOMEM;
	}
	/* Field by field: cppcheck 2.10 loses track of the ownership in a
	 * compound literal and reports a leak. */
	c->v[c->n].value = val;
	c->v[c->n].label = lab;
	c->n++;
	return 0;
}

int ui_choices_add_id(ui_choices *c, uint64_t id, const char *label)
{
	char value[24];
	snprintf(value, sizeof(value), "%llu", (unsigned long long)id);
	return ui_choices_add(c, value, label);
}

void ui_choices_free(ui_choices *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free((char *)c->v[i].value);
		free((char *)c->v[i].label);
	}
	free(c->v);
	memset(c, 0, sizeof(*c));
}
