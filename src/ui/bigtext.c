/* bigtext.c — large type for the projector: text in capitals drawn as block
 * letters from a small built-in 5×5 font, with the Vietnamese marks drawn
 * above (circumflex, breve, horn, the tones) and below (nặng) the letter.
 * Nothing to install: the letters are Unicode block characters.
 *
 * A glyph is 5 pixels wide and 10 high: rows 0–1 the marks above, 2–6 the
 * letter, 7 a gap, 8 the dot below, 9 empty. At scale 1 two pixel rows
 * share one terminal row through the half blocks ▀ ▄ █ (a line of text is
 * 4 rows, 5 when it holds a dot below), at scale 2 a pixel is two columns
 * and one row (8 or 10 rows). No curses here: unit tests check the shapes. */
#include "dienhinh/ui_council.h"

#include "dienhinh/buf.h"
#include "dienhinh/error.h"
#include "dienhinh/utf8.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define GLYPH_W  5
#define GLYPH_H  10
#define BODY_TOP 2
#define DOT_ROW  8

typedef struct glyph_def {
	int32_t cp;
	const char *rows[5];
} glyph_def;

static const glyph_def font[] = {
    {'A', {".###.", "#...#", "#####", "#...#", "#...#"}},
    {'B', {"####.", "#...#", "####.", "#...#", "####."}},
    {'C', {".####", "#....", "#....", "#....", ".####"}},
    {'D', {"####.", "#...#", "#...#", "#...#", "####."}},
    {'E', {"#####", "#....", "####.", "#....", "#####"}},
    {'F', {"#####", "#....", "####.", "#....", "#...."}},
    {'G', {".####", "#....", "#..##", "#...#", ".###."}},
    {'H', {"#...#", "#...#", "#####", "#...#", "#...#"}},
    {'I', {".###.", "..#..", "..#..", "..#..", ".###."}},
    {'J', {"..###", "...#.", "...#.", "#..#.", ".##.."}},
    {'K', {"#...#", "#..#.", "###..", "#..#.", "#...#"}},
    {'L', {"#....", "#....", "#....", "#....", "#####"}},
    {'M', {"#...#", "##.##", "#.#.#", "#...#", "#...#"}},
    {'N', {"#...#", "##..#", "#.#.#", "#..##", "#...#"}},
    {'O', {".###.", "#...#", "#...#", "#...#", ".###."}},
    {'P', {"####.", "#...#", "####.", "#....", "#...."}},
    {'Q', {".###.", "#...#", "#.#.#", "#..#.", ".##.#"}},
    {'R', {"####.", "#...#", "####.", "#..#.", "#...#"}},
    {'S', {".####", "#....", ".###.", "....#", "####."}},
    {'T', {"#####", "..#..", "..#..", "..#..", "..#.."}},
    {'U', {"#...#", "#...#", "#...#", "#...#", ".###."}},
    {'V', {"#...#", "#...#", "#...#", ".#.#.", "..#.."}},
    {'W', {"#...#", "#...#", "#.#.#", "##.##", "#...#"}},
    {'X', {"#...#", ".#.#.", "..#..", ".#.#.", "#...#"}},
    {'Y', {"#...#", ".#.#.", "..#..", "..#..", "..#.."}},
    {'Z', {"#####", "...#.", "..#..", ".#...", "#####"}},
    {0x0110, {"####.", "#...#", "###.#", "#...#", "####."}}, /* Đ */
    {'0', {".###.", "#..##", "#.#.#", "##..#", ".###."}},
    {'1', {"..#..", ".##..", "..#..", "..#..", ".###."}},
    {'2', {".###.", "#...#", "..##.", ".#...", "#####"}},
    {'3', {"####.", "....#", "..##.", "....#", "####."}},
    {'4', {"#..#.", "#..#.", "#####", "...#.", "...#."}},
    {'5', {"#####", "#....", "####.", "....#", "####."}},
    {'6', {".###.", "#....", "####.", "#...#", ".###."}},
    {'7', {"#####", "....#", "...#.", "..#..", "..#.."}},
    {'8', {".###.", "#...#", ".###.", "#...#", ".###."}},
    {'9', {".###.", "#...#", ".####", "....#", ".###."}},
    {'-', {".....", ".....", ".###.", ".....", "....."}},
    {'.', {".....", ".....", ".....", ".....", "..#.."}},
    {',', {".....", ".....", ".....", "..#..", ".#..."}},
    {'(', {"...#.", "..#..", "..#..", "..#..", "...#."}},
    {')', {".#...", "..#..", "..#..", "..#..", ".#..."}},
    {'/', {"....#", "...#.", "..#..", ".#...", "#...."}},
    {'&', {".##..", "#..#.", ".##.#", "#..#.", ".##.#"}},
    {'?', {".###.", "#...#", "..##.", ".....", "..#.."}},
};

/* The marks a letter carries, from its canonical decomposition. */
enum { MOD_NONE, MOD_CIRCUMFLEX, MOD_BREVE, MOD_HORN };
enum { TONE_NONE, TONE_ACUTE, TONE_GRAVE, TONE_HOOK, TONE_TILDE, TONE_DOT };

typedef struct glyph {
	unsigned char px[GLYPH_H][GLYPH_W];
	int width; /* pixels: GLYPH_W, or 3 for a space */
} glyph;

static const glyph_def *font_find(int32_t cp)
{
	for (size_t i = 0; i < sizeof(font) / sizeof(font[0]); i++)
		if (font[i].cp == cp)
			return &font[i];
	return NULL;
}

static void draw_rows(glyph *g, int top, int left, const char *const *rows, int n)
{
	for (int r = 0; r < n; r++)
		for (int c = 0; rows[r][c]; c++)
			if (rows[r][c] == '#' && top + r < GLYPH_H && left + c < GLYPH_W)
				g->px[top + r][left + c] = 1;
}

/* Each mark above the letter in two rows: alone (5 wide, centred), and
 * beside the other kind (a modifier 3 wide at the left, a tone 2 wide at
 * the right). */
typedef struct mark_rows {
	const char *alone[2];
	const char *beside[2];
} mark_rows;

static const mark_rows modifier_marks[] = {
    [MOD_CIRCUMFLEX] = {{"..#..", ".#.#."}, {".#.", "#.#"}},
    [MOD_BREVE] = {{"#...#", ".###."}, {"#.#", ".#."}},
};

static const mark_rows tone_marks[] = {
    [TONE_ACUTE] = {{"...#.", "..#.."}, {".#", "#."}},
    [TONE_GRAVE] = {{".#...", "..#.."}, {"#.", ".#"}},
    [TONE_HOOK] = {{".##..", "..#.."}, {"##", ".#"}},
    [TONE_TILDE] = {{".#.#.", "#.#.#"}, {"##", ".."}},
};

/* The two rows above the letter: the vowel's modifier and its tone side by
 * side when it has both, each centred when alone; the horn and the dot
 * below have their own places. */
static void draw_marks(glyph *g, int mod, int tone)
{
	bool above = tone != TONE_NONE && tone != TONE_DOT;
	bool wide_mod = mod == MOD_CIRCUMFLEX || mod == MOD_BREVE;
	bool beside = wide_mod && above;
	if (wide_mod)
		draw_rows(g, 0, 0, beside ? modifier_marks[mod].beside : modifier_marks[mod].alone, 2);
	if (above)
		draw_rows(g, 0, beside ? 3 : 0, beside ? tone_marks[tone].beside : tone_marks[tone].alone, 2);
	if (mod == MOD_HORN) {
		g->px[1][4] = 1;
		g->px[BODY_TOP][4] = 1;
	}
	if (tone == TONE_DOT)
		g->px[DOT_ROW][2] = 1;
}

/* The glyph of one upper-case code point. */
static void glyph_of(int32_t cp, glyph *g)
{
	memset(g, 0, sizeof(*g));
	g->width = GLYPH_W;
	if (cp == ' ') {
		g->width = 3;
		return;
	}
	utf8proc_int32_t parts[8];
	int last = 0;
	utf8proc_ssize_t n = utf8proc_decompose_char(cp, parts, 8, UTF8PROC_DECOMPOSE, &last);
	int32_t base = cp;
	int mod = MOD_NONE, tone = TONE_NONE;
	if (n > 0 && n <= 8) {
		base = parts[0];
		for (utf8proc_ssize_t i = 1; i < n; i++) {
			switch (parts[i]) {
			case 0x0302: mod = MOD_CIRCUMFLEX; break;
			case 0x0306: mod = MOD_BREVE; break;
			case 0x031B: mod = MOD_HORN; break;
			case 0x0301: tone = TONE_ACUTE; break;
			case 0x0300: tone = TONE_GRAVE; break;
			case 0x0309: tone = TONE_HOOK; break;
			case 0x0303: tone = TONE_TILDE; break;
			case 0x0323: tone = TONE_DOT; break;
			default: break;
			}
		}
	}
	const glyph_def *d = font_find(base);
	if (!d)
		d = font_find('?');
	draw_rows(g, BODY_TOP, 0, d->rows, 5);
	draw_marks(g, mod, tone);
}

/* --- laying out ----------------------------------------------------------- */

typedef struct big_line {
	glyph *g;
	size_t n, cap;
	int px_width;
	bool dot; /* a dot below somewhere: one more row */
} big_line;

static int line_push(big_line *l, const glyph *g)
{
	if (buf_reserve(&l->g, &l->cap, l->n + 1, sizeof(*l->g)))
		return DH_ENOMEM;
	l->g[l->n++] = *g;
	l->px_width += g->width + (l->n > 1 ? 1 : 0);
	if (g->px[DOT_ROW][2])
		l->dot = true;
	return 0;
}

/* One line of glyphs as terminal rows, appended to ROWS; *WIDTH_MAX rises to
 * the widest row's columns. */
static int line_render(const big_line *l, int scale, dh_strlist *rows, int *width_max)
{
	int px_rows = l->dot ? GLYPH_H : DOT_ROW;
	int step = scale == 1 ? 2 : 1;
	int width = l->px_width * scale;
	for (int y = 0; y < px_rows; y += step) {
		/* at most 3 bytes a column */
		char *row = malloc((size_t)width * 3 + 1);
		if (!row)
			return DH_ENOMEM;
		size_t o = 0;
		for (size_t k = 0; k < l->n; k++) {
			const glyph *g = &l->g[k];
			int cols = g->width + (k + 1 < l->n ? 1 : 0);
			for (int x = 0; x < cols; x++) {
				bool top = x < g->width && g->px[y][x];
				bool bot = scale == 1 && x < g->width && y + 1 < GLYPH_H && g->px[y + 1][x];
				const char *cell = top && bot ? "█"
				                   : top      ? (scale == 1 ? "▀" : "█")
				                   : bot      ? "▄"
				                              : " ";
				for (int s = 0; s < scale; s++) {
					size_t len = strlen(cell);
					memcpy(row + o, cell, len);
					o += len;
				}
			}
		}
		row[o] = '\0';
		int rc = strlist_take(rows, row);
		if (rc)
			return rc;
	}
	if (width > *width_max)
		*width_max = width;
	return 0;
}

int ui_big_text(const char *text, int cols, int scale, ui_big *out)
{
	memset(out, 0, sizeof(*out));
	if (scale < 1 || scale > 2)
		return DH_EINVAL;
	char *up = utf8_upper(text ? text : "");
	if (!up)
		return DH_ENOMEM;
	/* Words of glyphs, then lines of words. */
	big_line line = {0}, word = {0};
	dh_strlist rows = {0};
	int rc = 0, lines = 0, width = 0;
	size_t len = strlen(up);
	glyph space;
	glyph_of(' ', &space);
	for (size_t i = 0; rc == 0 && i <= len;) {
		int32_t cp = ' ';
		int step = 1;
		if (i < len) {
			step = utf8_decode(up + i, len - i, &cp);
			if (step <= 0) {
				step = 1;
				cp = '?';
			}
		}
		i += (size_t)step;
		if (cp == '\n' || cp == '\t')
			cp = ' ';
		if (cp != ' ') {
			glyph g;
			glyph_of(cp, &g);
			rc = line_push(&word, &g);
			continue;
		}
		if (word.n == 0)
			continue;
		/* A word ends (a space, or the end of the text, read as one):
		 * on this line, or the next. */
		if (word.px_width * scale > cols) {
			rc = DH_EINVAL; /* one word wider than the screen */
			break;
		}
		int need = line.n ? line.px_width + 1 + space.width + 1 + word.px_width : word.px_width;
		if (line.n && need * scale > cols) {
			rc = line_render(&line, scale, &rows, &width);
			lines++;
			line.n = 0;
			line.px_width = 0;
			line.dot = false;
		}
		if (rc == 0 && line.n)
			rc = line_push(&line, &space);
		for (size_t k = 0; rc == 0 && k < word.n; k++)
			rc = line_push(&line, &word.g[k]);
		word.n = 0;
		word.px_width = 0;
		word.dot = false;
	}
	if (rc == 0 && line.n) {
		rc = line_render(&line, scale, &rows, &width);
		lines++;
	}
	out->rows = rows.v;
	out->n = (int)rows.n;
	out->width = width;
	out->lines = lines;
	free(line.g);
	free(word.g);
	free(up);
	if (rc)
		ui_big_free(out);
	return rc;
}

void ui_big_free(ui_big *b)
{
	for (int i = 0; i < b->n; i++)
		free(b->rows[i]);
	free(b->rows);
	memset(b, 0, sizeof(*b));
}
