/* app.c — the shell: terminal set-up, header, message and key lines, the
 * view stacks of the eight screens, the key dispatch through the binding
 * tables, signals, the help page, and the store-generation poll. */
#include "dienhinh/ui.h"

#include "dienhinh/error.h"
#include "dienhinh/repo.h"
#include "dienhinh/store.h"
#include "dienhinh/utf8.h"
#include "dienhinh/ui_app.h"
#include "ui_internal.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#define UI_MIN_COLS  80
#define UI_MIN_LINES 24

struct ui_app {
	dh_ctx *ctx;
	ui_view *tops[UI_SCREEN_COUNT]; /* each screen keeps its own stack */
	uint64_t seen_gen[UI_SCREEN_COUNT];
	int screen; /* 0-based */
	WINDOW *body;
	char msg[512];
	int msg_style;
	uint64_t gen;
	int64_t last_poll_ms;
	bool too_small;
	/* One view alone (`dienhinh present`: the projector), no screens and
	 * no drafts: its opener and the argument it takes; NULL otherwise. */
	ui_alone_open_fn alone;
	uint64_t alone_arg;
};

static volatile sig_atomic_t stop_signal;

static const struct {
	const char *label;
	const char *help;
} action_text[UI_A__COUNT] = {[UI_A_NONE] = {"", ""},
#define UI_ACTION_TEXT(id, label, help) [UI_A_##id] = {label, help},
                              UI_ACTIONS(UI_ACTION_TEXT)
#undef UI_ACTION_TEXT
};

static const struct {
	const char *title;
	const char *short_title;
	const ui_view_ops *view;
	ui_screen_restore_fn restore;
} screens[UI_SCREEN_COUNT] = {
#define UI_SCREEN_ENTRY(digit, title, short_title, view, restore)                                            \
	[(digit)-1] = {title, short_title, &(view), restore},
    UI_SCREENS(UI_SCREEN_ENTRY)
#undef UI_SCREEN_ENTRY
};

/* The shell's own keys: checked after the view's. While the view takes
 * typing only F1 is left, so the table differs. */
static const ui_binding app_keys[] = {
    {UI_A_HELP, "?/F1", {'?', UI_K(KEY_F(1))}, NULL, NULL, false},
    {UI_A_QUIT, "q", {'q'}, NULL, NULL, false},
    {UI_A_SCREEN, "1–8", {'1', '2', '3', '4', '5', '6', '7', '8'}, NULL, NULL, true},
    {UI_A_LOOKUP, "/", {'/'}, NULL, NULL, true},
    {0},
};
static const ui_binding app_keys_typing[] = {
    {UI_A_HELP, "F1", {UI_K(KEY_F(1))}, NULL, NULL, false},
    {0},
};

/* The projector alone: no other screen to go to. */
static const ui_binding app_keys_present[] = {
    {UI_A_HELP, "?/F1", {'?', UI_K(KEY_F(1))}, NULL, NULL, false},
    {UI_A_QUIT, "q", {'q'}, NULL, NULL, false},
    {0},
};

static void app_draw_tabs(ui_app *app);
static bool app_may_quit(ui_app *app);
static const ui_binding *binding_find(const ui_binding *table, int key, ui_view *v, bool typing);
static ui_view *help_open(ui_app *app, ui_view *for_view);

const char *ui_action_label(int action)
{
	return action > 0 && action < UI_A__COUNT ? action_text[action].label : "";
}

const char *ui_action_help(int action)
{
	return action > 0 && action < UI_A__COUNT ? action_text[action].help : "";
}

const char *ui_screen_title(int number)
{
	return number >= 1 && number <= UI_SCREEN_COUNT ? screens[number - 1].title : "";
}

dh_ctx *ui_ctx(ui_app *app)
{
	return app->ctx;
}

int ui_screen_number(ui_app *app)
{
	return app->screen + 1;
}

bool ui_stopping(ui_app *app)
{
	(void)app;
	return stop_signal != 0;
}

void ui_view_init(ui_view *v, const ui_view_ops *ops, ui_app *app)
{
	v->ops = ops;
	v->app = app;
	v->ctx = app->ctx;
	v->below = NULL;
}

void *ui_view_new(ui_app *app, const ui_view_ops *ops, size_t size)
{
	ui_view *v = calloc(1, size);
	if (v)
		ui_view_init(v, ops, app);
	return v;
}

ui_view *ui_view_open(ui_app *app, const ui_view_ops *ops, const void *arg)
{
	ui_view *v = ui_view_new(app, ops, ops->size);
	if (v && ops->start && ops->start(v, arg) != 0) {
		ui_view_destroy(v);
		return NULL;
	}
	return v;
}

void ui_view_destroy(ui_view *v)
{
	/* A view ui_view_open made (its ops give its size) is freed here;
	 * any other frees itself in its destroy. */
	const ui_view_ops *under = v->under;
	bool opened = v->ops->size != 0;
	if (v->ops->destroy)
		v->ops->destroy(v);
	if (under && under->destroy)
		under->destroy(v);
	if (opened)
		free(v);
}

void ui_push(ui_app *app, ui_view *v)
{
	v->below = app->tops[app->screen];
	app->tops[app->screen] = v;
}

static void app_say(ui_app *app, int style, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));
static void app_say(ui_app *app, int style, const char *fmt, va_list ap)
{
	vsnprintf(app->msg, sizeof(app->msg), fmt, ap);
	app->msg_style = style;
}

void ui_message(ui_app *app, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	app_say(app, UI_S_NORMAL, fmt, ap);
	va_end(ap);
}

void ui_error(ui_app *app, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	app_say(app, UI_S_ERROR, fmt, ap);
	va_end(ap);
}

/* Only a flag: the loop notices it within one poll interval, saves what
 * is being typed as a draft and leaves (neomutt's way). */
static void on_stop_signal(int sig)
{
	stop_signal = sig;
}

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static ui_view *app_top(ui_app *app)
{
	return app->tops[app->screen];
}

/* The ops that answer for one op of V: its own when it has that op
 * (HAS), else those of the widget it stands on (ui_view.under). */
static const ui_view_ops *view_ops_for(const ui_view *v, bool has)
{
	return has || !v->under ? v->ops : v->under;
}

static bool view_typing(ui_view *v)
{
	const ui_view_ops *o = v ? view_ops_for(v, v->ops->typing) : NULL;
	return o && o->typing && o->typing(v);
}

/* The widget has the key first: what it leaves is the view's. */
static unsigned view_key(ui_view *v, int action, int key)
{
	if (v->under && v->under->key) {
		unsigned r = v->under->key(v, action, key);
		if (!(r & UI_R_UNHANDLED))
			return r;
	}
	return v->ops->key(v, action, key);
}

static const ui_binding *app_global_keys(ui_view *v)
{
	if (v && v->app->alone)
		return app_keys_present;
	return view_typing(v) ? app_keys_typing : app_keys;
}

static bool binding_offered(const ui_binding *b, ui_view *v)
{
	if (b->action == UI_A_QUIT || b->action == UI_A_HELP || b->action == UI_A_SCREEN ||
	    b->action == UI_A_LOOKUP)
		return true;
	if (v->under && v->under->offers && !v->under->offers(v, b->action))
		return false;
	return !v->ops->offers || v->ops->offers(v, b->action);
}

static bool key_printable(int key)
{
	return !(key & UI_KEYCODE) && key >= 0x20 && key != 0x7f;
}

/* Whether B appears on the bottom line and the help page of V now: offered,
 * reachable while typing (a key that is not text), and for the shell's own
 * keys, not taken by the view's table. */
static bool binding_shown(const ui_binding *b, ui_view *v, bool global)
{
	if (!binding_offered(b, v))
		return false;
	bool typing = view_typing(v);
	bool reachable = false, shadowed = global;
	for (int i = 0; i < UI_BINDING_KEYS && b->codes[i]; i++) {
		if (!typing || !key_printable(b->codes[i]))
			reachable = true;
		if (global && !binding_find(v->ops->bindings, b->codes[i], v, typing))
			shadowed = false;
	}
	if (!b->codes[0])
		reachable = true; /* a help line for keys handled raw */
	return reachable && !shadowed;
}

/* Printable keys are text while the view takes typing, whatever the
 * table says; everything else goes through the table. */
static const ui_binding *binding_find(const ui_binding *table, int key, ui_view *v, bool typing)
{
	if (!table)
		return NULL;
	if (typing && key_printable(key))
		return NULL;
	for (const ui_binding *b = table; b->action; b++)
		for (int i = 0; i < UI_BINDING_KEYS && b->codes[i]; i++)
			if (b->codes[i] == key && binding_offered(b, v))
				return b;
	return NULL;
}

/* --- drawing ----------------------------------------------------------- */

static void app_layout(ui_app *app)
{
	app->too_small = COLS < UI_MIN_COLS || LINES < UI_MIN_LINES;
	if (app->body) {
		delwin(app->body);
		app->body = NULL;
	}
	if (!app->too_small)
		app->body = newwin(LINES - 4, COLS, 2, 0);
}

static void app_draw_header(ui_app *app)
{
	const dh_config *cfg = app->ctx->cfg;
	char who[160] = "";
	char roles[160] = "";
	const char *org = cfg->organization.name ? cfg->organization.name : "";
	if (app->ctx->person) {
		size_t o = 0;
		for (unsigned bit = 1; bit < (1u << DH_ROLE_COUNT); bit <<= 1)
			if (app->ctx->roles & bit)
				o += (size_t)snprintf(roles + o, sizeof(roles) - o, "%s%s", o ? ", " : "",
				                      config_role_label(bit));
		snprintf(who, sizeof(who), "%s (%s)", app->ctx->person->name, app->ctx->login);
	} else {
		snprintf(who, sizeof(who), "%s", app->ctx->login ? app->ctx->login : "?");
		snprintf(roles, sizeof(roles), "chỉ được tra cứu");
	}
	attr_t hs = ui_style(UI_S_HEADER);
	wattrset(stdscr, hs);
	wmove(stdscr, 0, 0);
	for (int i = 0; i < COLS; i++)
		waddch(stdscr, ' ');
	/* Who I am and my roles stay whole when they can; the organisation
	 * falls back to its short name first. */
	const char *org_short = cfg->organization.short_name ? cfg->organization.short_name : org;
	char left[300], right[400];
	/* From the fullest to the tightest, the first that fits 80 columns. */
	for (int variant = 0; variant < 4; variant++) {
		const char *name = variant < 3 || !app->ctx->person ? who : app->ctx->person->name;
		snprintf(right, sizeof(right), "%s · %s ", name, roles);
		if (variant == 0)
			snprintf(left, sizeof(left), " %s · năm %d", org, cfg->plan.year);
		else if (variant == 1)
			snprintf(left, sizeof(left), " %s · năm %d", org_short, cfg->plan.year);
		else
			snprintf(left, sizeof(left), " %s · %d", org_short, cfg->plan.year);
		if (ui_text_width(left, 400) + ui_text_width(right, 400) + 1 <= COLS)
			break;
	}
	int lw = ui_text_width(left, COLS);
	int rw = ui_text_width(right, COLS - lw - 2 > 0 ? COLS - lw - 2 : 0);
	ui_put(stdscr, 0, 0, left, lw);
	ui_put(stdscr, 0, COLS - rw, right, rw);

	/* Row 1: every screen by digit and name, the current one highlighted,
	 * then where I am inside it. */
	app_draw_tabs(app);
}

/* Row 1, the tab line: every screen's digit and name, the current one
 * highlighted, then the view's own title (where I am inside the screen)
 * when there is room. The fullest form that fits: the full titles
 * (" 1 Tổng quan "), the short names so spaced, the short names with the
 * digit as a key ("1Tổng quan 2Nhân tố …", 79 columns: 80-column
 * terminals), else (or to leave room for the view's title) the digits
 * with the current screen's name. */
static int tabs_width(int style)
{
	int w = 0;
	for (int i = 0; i < UI_SCREEN_COUNT; i++) {
		const char *name = style == 3 ? screens[i].title : screens[i].short_title;
		w += ui_text_width(name, 400) + (style == 1 ? 2 : 3);
	}
	return style == 1 ? w - 1 : w;
}

static void app_draw_tabs(ui_app *app)
{
	wattrset(stdscr, A_NORMAL);
	wmove(stdscr, 1, 0);
	wclrtoeol(stdscr);
	ui_view *top = app_top(app);
	const char *sub = top && top->ops->title ? top->ops->title(top) : NULL;
	if (app->alone) {
		/* The projector alone: its own title, no other screen. */
		wattrset(stdscr, ui_style(UI_S_TITLE));
		ui_put(stdscr, 1, 0, sub ? sub : "", COLS);
		wattrset(stdscr, A_NORMAL);
		return;
	}
	int style = 3; /* 3: full titles, 2: short names, 1: compact, 0: digits */
	/* A view inside a screen with its own title keeps the title: the
	 * other screens then go by digit alone. */
	int need = sub && *sub ? ui_text_width(sub, 400) + 3 : 0;
	while (style > 0 && tabs_width(style) + need > COLS)
		style--;
	int cx = 0;
	for (int i = 0; i < UI_SCREEN_COUNT && cx < COLS; i++) {
		const char *name = style == 3 ? screens[i].title : screens[i].short_title;
		attr_t on = i == app->screen ? ui_style(UI_S_SELECTED) | A_BOLD : A_NORMAL;
		char tab[80];
		if (style == 1) {
			if (i > 0) {
				wattrset(stdscr, A_NORMAL);
				cx += ui_put(stdscr, 1, cx, " ", COLS - cx);
			}
			snprintf(tab, sizeof(tab), "%d", i + 1);
			wattrset(stdscr, i == app->screen ? on : ui_style(UI_S_KEY) | A_BOLD);
			cx += ui_put(stdscr, 1, cx, tab, COLS - cx);
			wattrset(stdscr, on);
			cx += ui_put(stdscr, 1, cx, name, COLS - cx);
			continue;
		}
		if (style == 0 && i != app->screen)
			snprintf(tab, sizeof(tab), " %d ", i + 1);
		else
			snprintf(tab, sizeof(tab), " %d %s ", i + 1, name);
		wattrset(stdscr, on);
		cx += ui_put(stdscr, 1, cx, tab, COLS - cx);
	}
	wattrset(stdscr, ui_style(UI_S_TITLE));
	if (sub && *sub && cx + 8 <= COLS) {
		char crumb[200];
		snprintf(crumb, sizeof(crumb), " › %s", sub);
		ui_put(stdscr, 1, cx, crumb, COLS - cx);
	}
	wattrset(stdscr, A_NORMAL);
}

#define MSG_MAX_ROWS 3

/* Rows the message needs: a message or question longer than the line
 * wraps at spaces over up to three rows, and the body gives them up
 * while it is shown, so nothing is cut or covered. */
static int app_message_rows(ui_app *app)
{
	int room = COLS - 2;
	if (!app->msg[0] || room < 10 || LINES < UI_MIN_LINES)
		return 1;
	int rows = 0;
	for (const char *t = app->msg; *t && rows < MSG_MAX_ROWS; rows++) {
		size_t n = ui_wrap_next(t, room);
		if (n == 0)
			break;
		t += n;
		while (*t == ' ')
			t++;
	}
	return rows > 1 ? rows : 1;
}

static void app_draw_message(ui_app *app)
{
	int rows = app_message_rows(app);
	int body_rows = LINES - 3 - rows;
	if (app->body && getmaxy(app->body) != body_rows)
		wresize(app->body, body_rows, COLS);
	wattrset(stdscr, A_NORMAL);
	for (int r = 0; r < rows; r++) {
		wmove(stdscr, LINES - 1 - rows + r, 0);
		wclrtoeol(stdscr);
	}
	if (!app->msg[0])
		return;
	wattrset(stdscr, ui_style(app->msg_style));
	const char *t = app->msg;
	for (int r = 0; r < rows && *t; r++) {
		int y = LINES - 1 - rows + r;
		size_t n = rows > 1 ? ui_wrap_next(t, COLS - 2) : strlen(t);
		if (r == rows - 1 || n == 0) {
			ui_put_cut(stdscr, y, 1, t, COLS - 2, false); /* still more: "…" */
			break;
		}
		ui_putf(stdscr, y, 1, COLS - 2, "%.*s", (int)n, t);
		t += n;
		while (*t == ' ')
			t++;
	}
	wattrset(stdscr, A_NORMAL);
}

/* The bottom line: the view's keys that apply now, then the shell's,
 * from the same tables the dispatch and the help page use. When they do
 * not all fit, none is dropped in silence: the help key leaves its place
 * at the front for a marker at the end ("… ? Mọi phím") that says the
 * help page lists every key. */
#define BAR_MAX 64
static void app_draw_bar(ui_app *app)
{
	ui_view *v = app_top(app);
	int y = LINES - 1;
	wattrset(stdscr, ui_style(UI_S_BAR));
	wmove(stdscr, y, 0);
	for (int i = 0; i < COLS; i++)
		waddch(stdscr, ' ');
	const ui_binding *shown[BAR_MAX] = {0};
	const char *labels[BAR_MAX] = {0};
	int n = 0, total = 0;
	const ui_binding *help = NULL;
	const ui_binding *tables[2] = {app_global_keys(v), v ? v->ops->bindings : NULL};
	for (int t = 0; t < 2 && v; t++) {
		if (!tables[t])
			continue;
		for (const ui_binding *b = tables[t]; b->action && n < BAR_MAX; b++) {
			if (b->help_only || !binding_shown(b, v, t == 0))
				continue;
			const char *label = b->label ? b->label : ui_action_label(b->action);
			if (t == 0 && b->action == UI_A_QUIT && v->below)
				label = "Quay lại"; /* q leaves the program only from the top */
			if (t == 0 && b->action == UI_A_HELP)
				help = b;
			shown[n] = b;
			labels[n++] = label;
			total += ui_text_width(b->keys, 40) + 1 + ui_text_width(label, 60) + 1;
		}
	}
	bool cut = total > COLS && help;
	char marker_key[16] = "";
	int marker = 0;
	if (cut) {
		/* "?/F1" → "?", "F1" while typing: the one key that opens it. */
		snprintf(marker_key, sizeof(marker_key), "%s", help->keys);
		char *slash = strchr(marker_key, '/');
		if (slash)
			*slash = '\0';
		marker = 2 + ui_text_width(marker_key, 10) + 1 + ui_text_width("Mọi phím", 20);
	}
	int x = 0;
	for (int i = 0; i < n; i++) {
		const ui_binding *b = shown[i];
		if (cut && b == help)
			continue;
		int need = ui_text_width(b->keys, 40) + 1 + ui_text_width(labels[i], 60) + 1;
		if (x + need + marker > COLS)
			break;
		wattrset(stdscr, ui_style(UI_S_KEY));
		x += ui_put(stdscr, y, x, b->keys, COLS - x);
		wattrset(stdscr, ui_style(UI_S_BAR));
		x += ui_put(stdscr, y, x, " ", COLS - x);
		x += ui_put(stdscr, y, x, labels[i], COLS - x);
		x += ui_put(stdscr, y, x, " ", COLS - x);
	}
	if (cut) {
		x += ui_put(stdscr, y, x, "… ", COLS - x);
		wattrset(stdscr, ui_style(UI_S_KEY));
		x += ui_put(stdscr, y, x, marker_key, COLS - x);
		wattrset(stdscr, ui_style(UI_S_BAR));
		x += ui_put(stdscr, y, x, " ", COLS - x);
		ui_put(stdscr, y, x, "Mọi phím", COLS - x);
	}
	wattrset(stdscr, A_NORMAL);
}

static void app_draw(ui_app *app)
{
	if (app->too_small) {
		werase(stdscr);
		char line1[120], line2[120];
		snprintf(line1, sizeof(line1), "Cửa sổ quá nhỏ: %d×%d.", COLS, LINES);
		snprintf(line2, sizeof(line2), "Cần ít nhất %d×%d. Hãy phóng to cửa sổ (q: thoát).",
		         UI_MIN_COLS, UI_MIN_LINES);
		int y = LINES / 2 - 1;
		if (y < 0)
			y = 0;
		wattrset(stdscr, A_BOLD);
		ui_put(stdscr, y, 0, line1, COLS);
		wattrset(stdscr, A_NORMAL);
		if (LINES > 1)
			ui_put(stdscr, y + 1, 0, line2, COLS);
		/* A question asked here (quit with a form open) wraps over the
		 * rows left, so its answer keys are read even on a tiny window. */
		const char *m = app->msg;
		for (int row = y + 2; *m && row < LINES; row++) {
			size_t n = utf8_fit(m, COLS, NULL);
			if (n == 0)
				break;
			wattrset(stdscr, ui_style(app->msg_style));
			ui_putf(stdscr, row, 0, COLS, "%.*s", (int)n, m);
			m += n;
		}
		wattrset(stdscr, A_NORMAL);
		curs_set(0);
		wnoutrefresh(stdscr);
		doupdate();
		return;
	}
	app_draw_header(app);
	app_draw_message(app);
	app_draw_bar(app);
	wnoutrefresh(stdscr);
	ui_view *v = app_top(app);
	werase(app->body);
	wattrset(app->body, A_NORMAL);
	const ui_view_ops *draw = v ? view_ops_for(v, v->ops->draw) : NULL;
	if (draw && draw->draw)
		draw->draw(v, app->body);
	const ui_view_ops *cursor = v ? view_ops_for(v, v->ops->cursor) : NULL;
	int cy, cx;
	if (cursor && cursor->cursor && cursor->cursor(v, &cy, &cx)) {
		wmove(app->body, cy, cx);
		curs_set(1);
	} else {
		curs_set(0);
	}
	wnoutrefresh(app->body);
	doupdate();
}

void ui_redraw_all(ui_app *app)
{
	clearok(curscr, TRUE);
	app_draw(app);
}

/* --- the loop ---------------------------------------------------------- */

/* The terminal hung up without a SIGHUP reaching us (its pty was closed
 * by a process that was not our session leader, or we are not in its
 * session): every read fails at once, so without this the loop would spin
 * at full CPU with the typing never saved. */
static bool app_terminal_gone(void)
{
	struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
	return poll(&p, 1, 0) > 0 && (p.revents & (POLLHUP | POLLERR | POLLNVAL));
}

/* One key, normalised: Enter is '\n', every Backspace is KEY_BACKSPACE.
 * Returns ERR on a timeout or a signal; a terminal gone is taken as
 * SIGHUP (the drafts are kept and the program ends). */
static int app_read_key(ui_app *app, int *key)
{
	(void)app;
	wint_t ch;
	int r = wget_wch(stdscr, &ch);
	if (r == ERR) {
		if (!stop_signal && app_terminal_gone())
			stop_signal = SIGHUP;
		return ERR;
	}
	int k = r == KEY_CODE_YES ? UI_K((int)ch) : (int)ch;
	if (k == '\r' || k == UI_K(KEY_ENTER))
		k = UI_ENTER;
	else if (k == 0x7f || k == 0x08)
		k = UI_K(KEY_BACKSPACE);
	*key = k;
	return OK;
}

static bool app_poll(ui_app *app)
{
	int64_t now = now_ms();
	if (now - app->last_poll_ms < UI_POLL_MS)
		return false;
	app->last_poll_ms = now;
	uint64_t gen;
	if (!app->ctx->store || store_generation(app->ctx->store, &gen) != 0 || gen == app->gen)
		return false;
	app->gen = gen;
	return true;
}

static void app_reload(ui_app *app)
{
	for (ui_view *v = app_top(app); v; v = v->below) {
		const ui_view_ops *o = view_ops_for(v, v->ops->reload);
		if (o->reload)
			o->reload(v);
	}
	app->seen_gen[app->screen] = app->gen;
}

static void app_pop(ui_app *app)
{
	ui_view *v = app_top(app);
	if (!v || !v->below)
		return;
	app->tops[app->screen] = v->below;
	ui_view_destroy(v);
}

static void app_switch(ui_app *app, int screen)
{
	if (screen < 0 || screen >= UI_SCREEN_COUNT)
		return;
	app->screen = screen;
	if (!app->tops[screen]) {
		ui_view *root = app->alone ? app->alone(app, app->alone_arg)
		                           : ui_view_open(app, screens[screen].view, NULL);
		if (!root) {
			ui_error(app, "%s", dh_strerror(DH_ENOMEM));
			return;
		}
		root->below = NULL;
		app->tops[screen] = root;
		app->seen_gen[screen] = app->gen;
	} else if (app->seen_gen[screen] != app->gen) {
		app_reload(app);
	}
}

/* A key of this view that is not offered now (not this person's, or not
 * for this row) would otherwise do nothing at all: say so, and where the
 * keys that work are listed. */
static bool app_say_unoffered(ui_app *app, ui_view *v, int key)
{
	if (!v->ops->bindings)
		return false;
	for (const ui_binding *b = v->ops->bindings; b->action; b++)
		for (int i = 0; i < UI_BINDING_KEYS && b->codes[i]; i++)
			if (b->codes[i] == key) {
				const char *label = b->label ? b->label : ui_action_label(b->action);
				ui_error(
				    app,
				    "Phím %s (%s) không dùng được ở đây lúc này. Bấm ? xem phím dùng được.",
				    b->keys, label);
				return true;
			}
	return false;
}

static unsigned app_dispatch(ui_app *app, int key)
{
	ui_view *v = app_top(app);
	if (!v)
		return UI_R_NONE;
	bool typing = view_typing(v);
	const ui_binding *b = binding_find(v->ops->bindings, key, v, typing);
	if (b)
		return view_key(v, b->action, key);
	b = binding_find(app_global_keys(v), key, v, typing);
	if (!b) {
		unsigned r = view_key(v, UI_A_NONE, key);
		if (r == UI_R_NONE && !typing && app_say_unoffered(app, v, key))
			return UI_R_DRAW;
		return r;
	}
	switch (b->action) {
	case UI_A_HELP: {
		ui_view *h = help_open(app, v);
		if (h)
			ui_push(app, h);
		return UI_R_DRAW;
	}
	case UI_A_QUIT:
		if (v->below)
			return UI_R_POP;
		return app_may_quit(app) ? UI_R_QUIT : UI_R_DRAW;
	case UI_A_SCREEN: app_switch(app, key - '1'); return UI_R_DRAW;
	case UI_A_LOOKUP: {
		/* `/` means "type a query": the lookup screen's own view, told
		 * so, puts the cursor in its query line. Screen 7 stacks only
		 * read-only pages, so nothing unsaved is closed here. */
		app_switch(app, 6);
		while (app_top(app) && app_top(app)->below)
			app_pop(app);
		ui_view *root = app_top(app);
		return root && root->ops->key ? root->ops->key(root, UI_A_LOOKUP, key) | UI_R_DRAW
		                              : UI_R_DRAW;
	}
	}
	return UI_R_NONE;
}

static void app_apply(ui_app *app, unsigned reaction)
{
	if (reaction & UI_R_POP)
		app_pop(app);
	if (reaction & UI_R_RELOAD) {
		uint64_t gen;
		if (app->ctx->store && store_generation(app->ctx->store, &gen) == 0)
			app->gen = gen;
		app_reload(app);
	}
	if (reaction & UI_R_ALL)
		clearok(curscr, TRUE);
}

/* SIGHUP or SIGTERM: the first view (from the top) that holds unsaved
 * typing keeps it as the login's draft. */
static void app_save_drafts(ui_app *app)
{
	for (int s = 0; s < UI_SCREEN_COUNT; s++) {
		int screen = (app->screen + s) % UI_SCREEN_COUNT;
		for (ui_view *v = app->tops[screen]; v; v = v->below)
			if (v->ops->draft && v->ops->draft(v) == 0)
				return;
	}
}

/* The first view, on any screen, whose loss quitting would bring (an
 * unsaved form, an open council session), in words into WHAT. */
static ui_view *app_find_unsaved(ui_app *app, char *what, size_t size, int *screen)
{
	for (int s = 0; s < UI_SCREEN_COUNT; s++) {
		int at = (app->screen + s) % UI_SCREEN_COUNT;
		for (ui_view *v = app->tops[at]; v; v = v->below)
			if (v->ops->unsaved && v->ops->unsaved(v, what, size)) {
				*screen = at + 1;
				return v;
			}
	}
	return NULL;
}

/* q at the top of a screen, or on the too-small screen: leaves at once
 * when nothing would be lost; otherwise asks, and on yes keeps what was
 * typed as the login's draft (offered back at the next start). */
static bool app_may_quit(ui_app *app)
{
	char what[160] = "", question[300];
	int screen = 0;
	ui_view *v = app_find_unsaved(app, what, sizeof(what), &screen);
	if (!v)
		return true;
	bool form = v->ops->draft != NULL;
	if (screen != app->screen + 1)
		snprintf(question, sizeof(question), "%s (màn hình %d). %s", what, screen,
		         form ? "Thoát và giữ bản nháp để lần sau làm tiếp?" : "Vẫn thoát chương trình?");
	else
		snprintf(question, sizeof(question), "%s. %s", what,
		         form ? "Thoát và giữ bản nháp để lần sau làm tiếp?" : "Vẫn thoát chương trình?");
	if (!ui_confirm(app, question)) {
		ui_message(app, "Chưa thoát.");
		return false;
	}
	if (!stop_signal)
		app_save_drafts(app);
	return true;
}

static void app_offer_draft(ui_app *app)
{
	if (!app->ctx->person || !app->ctx->store || app->alone)
		return;
	dh_draft *d = NULL;
	if (repo_draft_get(app->ctx->store, app->ctx->login, &d) != 0 || !d)
		return;
	app_draw(app);
	bool yes = ui_confirm(app, "Có biểu mẫu chưa lưu từ lần trước. Khôi phục bản nháp?");
	if (stop_signal) { /* the connection dropped again: keep it for next time */
		record_free(DH_R_DRAFT, d);
		return;
	}
	if (yes) {
		bool restored = false;
		for (int s = 0; s < UI_SCREEN_COUNT && !restored; s++) {
			if (!screens[s].restore)
				continue;
			int before = app->screen;
			app_switch(app, s);
			restored = screens[s].restore(app, d);
			if (!restored)
				app->screen = before;
		}
		if (restored)
			ui_message(app, "Đã khôi phục bản nháp. F2 để lưu, Esc để bỏ.");
		else
			ui_error(app, "Không khôi phục được bản nháp này.");
	} else {
		ui_message(app, "Đã bỏ bản nháp.");
	}
	repo_draft_del(app->ctx->store, app->ctx->login);
	record_free(DH_R_DRAFT, d);
}

static void app_free(ui_app *app)
{
	for (int s = 0; s < UI_SCREEN_COUNT; s++) {
		ui_view *v = app->tops[s];
		while (v) {
			ui_view *below = v->below;
			ui_view_destroy(v);
			v = below;
		}
		app->tops[s] = NULL;
	}
	if (app->body)
		delwin(app->body);
	app->body = NULL;
}

/* Refuse what cannot work and say why (tmux does the same). */
static int app_check_terminal(void)
{
	setlocale(LC_ALL, "");
	const char *codeset = nl_langinfo(CODESET);
	if (!codeset || strcmp(codeset, "UTF-8") != 0) {
		fprintf(stderr,
		        "dienhinh: cần môi trường ngôn ngữ UTF-8 (hiện là %s).\n"
		        "Hãy đặt LANG=C.UTF-8 (hoặc vi_VN.UTF-8), ví dụ: export LANG=C.UTF-8\n"
		        "dienhinh: a UTF-8 locale is required (found %s); set LANG=C.UTF-8\n",
		        codeset ? codeset : "?", codeset ? codeset : "?");
		return EX_CONFIG;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fputs("dienhinh: giao diện toàn màn hình cần một terminal; "
		      "dùng các lệnh con (dienhinh --help) khi chạy trong script.\n",
		      stderr);
		return EX_USAGE;
	}
	return 0;
}

static int app_main(dh_ctx *ctx, ui_alone_open_fn alone, uint64_t arg);

int ui_run(dh_ctx *ctx)
{
	return app_main(ctx, NULL, 0);
}

int ui_run_alone(dh_ctx *ctx, ui_alone_open_fn open, uint64_t arg)
{
	return app_main(ctx, open, arg);
}

static int app_main(dh_ctx *ctx, ui_alone_open_fn alone, uint64_t arg)
{
	int rc = app_check_terminal();
	if (rc)
		return rc;

	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a signal wakes the key read at once. Installed before
	 * initscr so curses keeps ours (it only takes signals left default). */
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (!getenv("ESCDELAY"))
		setenv("ESCDELAY", "25", 1);
	if (!initscr()) {
		fputs("dienhinh: không khởi động được terminal (TERM?).\n", stderr);
		return EX_UNAVAILABLE;
	}
	raw(); /* ^S saves and ^C is a key, not a signal */
	noecho();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	timeout(UI_POLL_MS);
	ui_style_init();

	ui_app app;
	memset(&app, 0, sizeof(app));
	app.ctx = ctx;
	app.alone = alone;
	app.alone_arg = arg;
	if (ctx->store)
		store_generation(ctx->store, &app.gen);
	app.last_poll_ms = now_ms();
	app_layout(&app);
	app_switch(&app, 0);
	if (ctx->message[0])
		ui_error(&app, "%s", ctx->message);
	app_offer_draft(&app);

	bool quit = false;
	bool dirty = true;
	while (!quit) {
		if (stop_signal) {
			app_save_drafts(&app);
			break;
		}
		if (dirty && !stop_signal) {
			app_draw(&app);
			dirty = false;
		}
		ui_view *top = app_top(&app);
		bool busy = false;
		if (top && top->ops->idle && !app.too_small) {
			unsigned idle = top->ops->idle(top);
			busy = idle & UI_R_BUSY;
			if (idle & (UI_R_DRAW | UI_R_ALL))
				app_draw(&app);
		}
		timeout(busy ? 0 : UI_POLL_MS);
		int key;
		int r = app_read_key(&app, &key);
		if (app_poll(&app)) {
			app_reload(&app);
			dirty = true;
		}
		if (r == ERR)
			continue;
		dirty = true;
		if (key == UI_K(KEY_RESIZE)) {
			app_layout(&app);
			clearok(curscr, TRUE);
			continue;
		}
		if (app.too_small) {
			if (key == 'q' && app_may_quit(&app))
				quit = true;
			continue;
		}
		app.msg[0] = '\0';
		unsigned reaction = app_dispatch(&app, key);
		if (reaction & UI_R_QUIT)
			quit = true;
		app_apply(&app, reaction);
	}
	app_free(&app);
	endwin();
	return EX_OK;
}

/* --- help page ------------------------------------------------------------ */

typedef struct help_view {
	ui_view base;
	const ui_binding *tables[2];
	ui_view *for_view;
	bool typing;
	int scroll;
	int lines, rows; /* entries and rows at the last draw, for the keys */
} help_view;

static const ui_binding help_keys[] = {
    {UI_A_DOWN, "↓/j", {UI_K(KEY_DOWN), 'j'}, NULL, NULL, false},
    {UI_A_UP, "↑/k", {UI_K(KEY_UP), 'k'}, NULL, NULL, false},
    {UI_A_QUIT, "q/Esc", {'q', UI_ESC, '?', UI_K(KEY_F(1))}, "Đóng", "Đóng trang trợ giúp", false},
    {0},
};

static const char *help_title(ui_view *v)
{
	(void)v;
	return "Trợ giúp";
}

/* One entry of the help page at *Y (counted in *LINE for scrolling): the
 * keys, then the text wrapped at spaces under itself. */
static void help_line(help_view *h, WINDOW *w, int *line, int *y, int style, const char *keys,
                      const char *text)
{
	int rows = getmaxy(w), cols = getmaxx(w);
	int room = cols - 17 > 10 ? cols - 17 : 10;
	bool first = true;
	do {
		size_t n = ui_wrap_next(text, room);
		if (*line >= h->scroll && *y < rows) {
			wattrset(w, ui_style(style));
			ui_put_cell(w, *y, 1, first ? keys : "", 14, false);
			wattrset(w, A_NORMAL);
			ui_putf(w, *y, 16, room, "%.*s", (int)n, text);
			(*y)++;
		}
		(*line)++;
		first = false;
		text += n;
		while (*text == ' ')
			text++;
	} while (*text);
}

static void help_draw(ui_view *v, WINDOW *w)
{
	help_view *h = (help_view *)v;
	int rows = getmaxy(w), cols = getmaxx(w);
	int line = 0;
	int y = 0;
#define HELP_LINE(style, keys, text) help_line(h, w, &line, &y, style, keys, text)
	HELP_LINE(UI_S_TITLE, "Phím", "Việc làm được ở đây");
	for (int t = 0; t < 2; t++) {
		if (!h->tables[t])
			continue;
		for (const ui_binding *b = h->tables[t]; b->action; b++) {
			if (!binding_shown(b, h->for_view, t == 1))
				continue;
			const char *help = b->help ? b->help : ui_action_help(b->action);
			HELP_LINE(UI_S_TITLE, b->keys, help);
		}
	}
	if (!h->typing) {
		HELP_LINE(UI_S_NORMAL, "", "");
		HELP_LINE(UI_S_TITLE, "Màn hình", "");
		for (int s = 0; s < UI_SCREEN_COUNT; s++) {
			char digit[12];
			snprintf(digit, sizeof(digit), "%d", s + 1);
			HELP_LINE(UI_S_NORMAL, digit, screens[s].title);
		}
	}
#undef HELP_LINE
	/* Scrolling stops at the last line. */
	h->lines = line;
	h->rows = rows;
	ui_scroll_clamp(&h->scroll, line, rows);
	/* More below: say so on the last row rather than hide it silently. */
	if (rows > 1)
		ui_scroll_more_below(w, h->scroll, line, rows, cols);
}

static unsigned help_key(ui_view *v, int action, int key)
{
	help_view *h = (help_view *)v;
	(void)key;
	if (action == UI_A_QUIT)
		return UI_R_POP;
	/* Only ↑ and ↓ are bound (help_keys); help_draw clamps. */
	unsigned r = ui_scroll_move(&h->scroll, h->lines, h->rows, action);
	return r & UI_R_UNHANDLED ? UI_R_NONE : r;
}

static void help_destroy(ui_view *v)
{
	free(v);
}

static const ui_view_ops help_ops = {
    .bindings = help_keys,
    .title = help_title,
    .draw = help_draw,
    .key = help_key,
    .destroy = help_destroy,
};

static ui_view *help_open(ui_app *app, ui_view *for_view)
{
	help_view *h = ui_view_new(app, &help_ops, sizeof(*h));
	if (!h)
		return NULL;
	h->for_view = for_view;
	h->typing = view_typing(for_view);
	h->tables[0] = for_view->ops->bindings;
	h->tables[1] = app_global_keys(for_view);
	return &h->base;
}

/* --- dialogs ---------------------------------------------------------------- */

int ui_ask(ui_app *app, const char *question, const char *keys)
{
	timeout(UI_POLL_MS); /* the loop may have left it at 0 for idle work */
	for (;;) {
		if (stop_signal)
			return UI_ESC;
		snprintf(app->msg, sizeof(app->msg), "%s", question);
		app->msg_style = UI_S_WARN;
		app_draw(app);
		curs_set(0);
		int key;
		if (app_read_key(app, &key) == ERR)
			continue;
		if (key == UI_K(KEY_RESIZE)) {
			app_layout(app);
			clearok(curscr, TRUE);
			continue;
		}
		if (key == UI_ESC) {
			app->msg[0] = '\0';
			return UI_ESC;
		}
		if (key < 0x80 && key > 0 && strchr(keys, key | 0x20)) {
			app->msg[0] = '\0';
			return key | 0x20;
		}
	}
}

bool ui_confirm(ui_app *app, const char *question)
{
	char q[400];
	snprintf(q, sizeof(q), "%s (c: có, k: không)", question);
	/* n (no) and y (yes) too, for hands used to English prompts. */
	int k = ui_ask(app, q, "ckyn");
	return k == 'c' || k == 'y';
}

/* For the picker (pick.c): the shell's drawing, key reading and layout. */
void ui_draw_now(ui_app *app)
{
	app_draw(app);
}

int ui_read_key(ui_app *app, int *key)
{
	return app_read_key(app, key);
}

void ui_relayout(ui_app *app)
{
	app_layout(app);
}

bool ui_too_small(ui_app *app)
{
	return app->too_small;
}
