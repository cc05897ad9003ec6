/* ui_app.h — the app shell that every screen plugs into.
 *
 * The shell owns the terminal, the header, the message line and the bottom
 * key line, the stack of views, signals, and the store-generation poll that
 * makes other sessions' changes appear. A *view* is anything that fills the
 * body: a screen's list, a form, the help page. A view is a struct that
 * begins with `ui_view` and a table of callbacks (ui_view_ops), the way
 * tmux's mode-tree views plug into one widget.
 *
 * Keys -> actions -> handlers: every view has a table of ui_binding (key
 * codes, action, the word for the bottom line, the help text). The shell
 * looks the key up there (then in its own global table), asks the view's
 * `offers` whether the action applies here (workflow's wf_may for the
 * person's roles, the field type in a form, ...), and calls the view's
 * `key` handler, which returns what changed (UI_R_*); the shell redraws.
 * The bottom line and the help page (`?`/F1) are generated from the same
 * tables, so they always show exactly the keys that work here.
 *
 * A new screen is one file, src/ui/scr_<name>.c (src/ui/README.md walks
 * through one; scr_review.c is the smallest real one):
 *   1. a struct beginning with `ui_view`, holding a ui_list (ui_list.h)
 *      and the source callbacks that feed it a page of rows at a time;
 *   2. a key table: its own actions ({UI_A_ADD, "a", {'a'}, ...}) then
 *      UI_LIST_BINDINGS, ended by {0};
 *   3. `offers`: wf_may / wf_candidate_may for each action, so the key
 *      line shows only what this person may do; `key`: its own actions,
 *      returning UI_R_* flags (the list has had the key first); `destroy`:
 *      its own data. The list, made by ui_list_view_start in `start`,
 *      does the rest: navigation and the filter line, drawing over the
 *      body (a `draw` of its own may put lines above it), the reload when
 *      another session committed, typing and the cursor, freeing itself;
 *   4. forms as a field table bound to a record (ui_form.h): the widget
 *      loads, saves through the workflow's wf_* function, handles conflicts
 *      and drafts; ui_form_open + ui_form_push;
 *   5. its ops as `const ui_view_ops ui_<name>_view` with its size and
 *      start (what it reads when opened), in UI_SCREENS below (and a
 *      restore function if its forms keep drafts).
 * Nothing may hold a transaction between keys: read with repo_get /
 * repo_page inside a callback, copy what must stay (record_dup). */
#ifndef DIENHINH_UI_APP_H
#define DIENHINH_UI_APP_H

#include "dienhinh/workflow.h"

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct ui_app ui_app;
typedef struct ui_view ui_view;

/* --- keys -------------------------------------------------------------- */

/* A key is a Unicode codepoint as typed, or a curses KEY_* code with
 * UI_KEYCODE set (the two ranges overlap otherwise: KEY_DOWN is ĉ). */
#define UI_KEYCODE 0x40000000
#define UI_K(code) ((code) | UI_KEYCODE)
#define UI_CTRL(c) ((c)&0x1f)
#define UI_ESC     27
#define UI_ENTER   '\n'
#define UI_TAB     '\t'

/* The shared actions: id, word on the bottom line, help text. A view may
 * add its own with ids from UI_A__COUNT up, giving label and help in its
 * bindings. */
#define UI_ACTIONS(X)                                                                                        \
	X(QUIT, "Thoát", "Quay lại; ở màn hình đầu thì thoát chương trình")                                  \
	X(HELP, "Trợ giúp", "Xem các phím dùng được ở đây")                                                  \
	X(SCREEN, "Màn hình", "Chuyển sang màn hình 1 đến 8")                                                \
	X(LOOKUP, "Tra cứu", "Mở màn hình Tra cứu")                                                          \
	X(UP, "Lên", "Lên một dòng")                                                                         \
	X(DOWN, "Xuống", "Xuống một dòng")                                                                   \
	X(PGUP, "Trang trước", "Lên một trang")                                                              \
	X(PGDN, "Trang sau", "Xuống một trang")                                                              \
	X(HOME, "Đầu", "Về dòng đầu")                                                                        \
	X(END, "Cuối", "Xuống dòng cuối")                                                                    \
	X(OPEN, "Mở", "Mở dòng đang chọn")                                                                   \
	X(ADD, "Thêm", "Thêm mới")                                                                           \
	X(EDIT, "Sửa", "Sửa dòng đang chọn")                                                                 \
	X(DELETE, "Xóa", "Xóa dòng đang chọn (hỏi lại trước; vẫn lưu vết)")                                  \
	X(FILTER, "Lọc", "Lọc danh sách theo chữ gõ vào (Esc bỏ lọc)")                                       \
	X(SORT, "Sắp xếp", "Đổi cách sắp xếp danh sách")                                                     \
	X(NEXT_FIELD, "Ô sau", "Sang ô kế tiếp")                                                             \
	X(PREV_FIELD, "Ô trước", "Về ô trước")                                                               \
	X(SAVE, "Lưu", "Lưu biểu mẫu")                                                                       \
	X(CANCEL, "Hủy", "Đóng biểu mẫu (hỏi lại nếu có thay đổi)")                                          \
	X(TOGGLE, "Chọn", "Đánh dấu / bỏ đánh dấu mục đang chọn")                                            \
	X(PICK, "Danh sách", "Mở danh sách để chọn")                                                         \
	X(EXTERNAL, "Soạn thảo", "Soạn văn bản dài bằng $VISUAL / $EDITOR")                                  \
	X(FOSTER, "Bồi dưỡng", "Sổ bồi dưỡng của hồ sơ đang chọn")                                           \
	X(DOCUMENT, "Word/PDF", "Ghi văn bản ra tệp Word (o) / PDF (O) trong thư mục văn bản")

typedef enum ui_action {
	UI_A_NONE = 0,
#define UI_ACTION_ENUM(id, label, help) UI_A_##id,
	UI_ACTIONS(UI_ACTION_ENUM)
#undef UI_ACTION_ENUM
	    UI_A__COUNT
} ui_action;

const char *ui_action_label(int action);
const char *ui_action_help(int action);

#define UI_BINDING_KEYS 9

/* One line of a key table. A table ends with an entry whose action is 0. */
typedef struct ui_binding {
	int action;                 /* ui_action or a view's own id */
	const char *keys;           /* as shown: "a", "↑/k", "F2/^S" */
	int codes[UI_BINDING_KEYS]; /* the keys themselves, 0-terminated */
	const char *label;          /* bottom-line word; NULL: the action's */
	const char *help;           /* help text; NULL: the action's */
	bool help_only;             /* listed in help, not on the bottom line */
} ui_binding;

/* What a handler changed; the shell decides what to repaint. */
enum ui_reaction {
	UI_R_NONE = 0,
	UI_R_DRAW = 1u << 0,      /* the view's body */
	UI_R_RELOAD = 1u << 1,    /* data changed: every view reloads, then draws */
	UI_R_ALL = 1u << 2,       /* repaint the whole terminal (after $EDITOR) */
	UI_R_POP = 1u << 3,       /* close this view */
	UI_R_QUIT = 1u << 4,      /* leave the program */
	UI_R_UNHANDLED = 1u << 5, /* the key means nothing here */
	UI_R_BUSY = 1u << 6,      /* idle work left: call `idle` again without waiting */
};

/* --- views -------------------------------------------------------------- */

typedef struct ui_view_ops {
	/* How ui_view_open makes the view: SIZE zeroed bytes (a struct that
	 * begins with its ui_view), then START with the opener's ARG (NULL:
	 * nothing more to fill), which returns 0, or an error when the view
	 * cannot open (DH_ENOMEM; DH_EPERM, its refusal shown): the view is
	 * then destroyed. The shell frees such a view after its destroy,
	 * which frees only what the view holds. */
	size_t size;
	int (*start)(ui_view *v, const void *arg);
	const ui_binding *bindings;
	/* Shown after the screen title in the header ("Sửa hồ sơ"); may be NULL. */
	const char *(*title)(ui_view *v);
	/* Paint the body window W (the rows between header and message line). */
	void (*draw)(ui_view *v, WINDOW *w);
	/* ACTION from the bindings, or UI_A_NONE with the raw KEY. */
	unsigned (*key)(ui_view *v, int action, int key);
	/* Whether ACTION applies now (NULL: always). Hidden keys are not bound. */
	bool (*offers)(ui_view *v, int action);
	/* Another session committed: reload what is shown (NULL: nothing). */
	void (*reload)(ui_view *v);
	/* True while printable keys are text (a form, a filter being typed):
	 * they then skip the bindings and go to `key` raw. */
	bool (*typing)(ui_view *v);
	/* Keep unsaved typing as a draft (SIGHUP/SIGTERM); NULL: nothing to keep. */
	int (*draft)(ui_view *v);
	/* What leaving the program now would drop, in a few words for the
	 * question asked before quitting ("Biểu mẫu “Đăng ký” chưa lưu",
	 * "Phiên họp Hội đồng đang mở"), written into WHAT; false (or NULL):
	 * nothing, the program may quit at once. */
	bool (*unsaved)(ui_view *v, char *what, size_t size);
	/* No key came: do a slice of background work (counting a large
	 * table) and return UI_R_BUSY while there is more (NULL: none). */
	unsigned (*idle)(ui_view *v);
	/* Where the terminal cursor goes after drawing (NULL or false: hidden). */
	bool (*cursor)(ui_view *v, int *y, int *x);
	void (*destroy)(ui_view *v);
} ui_view_ops;

typedef struct ui_list ui_list;

struct ui_view {
	const ui_view_ops *ops;
	/* The widget the view stands on (NULL: none), as ops of its own: a
	 * list screen's is the list's (ui_list_view_start). The shell gives
	 * a key to `under->key` first and to the view's `key` only when it
	 * comes back UI_R_UNHANDLED; an action is offered when both `offers`
	 * agree; `destroy` is the view's (its own data) and then the
	 * widget's; any other op the view leaves NULL is the widget's. */
	const ui_view_ops *under;
	ui_app *app;
	dh_ctx *ctx;
	ui_view *below; /* managed by the shell */
	/* A list screen's list (the one `under` works on); NULL in other views. */
	ui_list *list;
};

/* Fill the common part of a new view. */
void ui_view_init(ui_view *v, const ui_view_ops *ops, ui_app *app);
/* A zeroed view of SIZE bytes (a struct that begins with its ui_view),
 * initialised with OPS; NULL on ENOMEM. */
void *ui_view_new(ui_app *app, const ui_view_ops *ops, size_t size);
/* A new view as OPS says (size, start with ARG); NULL when it cannot open. */
ui_view *ui_view_open(ui_app *app, const ui_view_ops *ops, const void *arg);
/* Free V: its ops' destroy, then its widget's (V->under), then V itself
 * when ui_view_open made it. */
void ui_view_destroy(ui_view *v);
/* Put V on top of the stack (the shell destroys it when popped). */
void ui_push(ui_app *app, ui_view *v);

/* --- screens -------------------------------------------------------------- */

/* The root of a run with one view alone and no screens to switch to
 * (`dienhinh present`); ARG is the run's own (a session id). */
typedef ui_view *(*ui_alone_open_fn)(ui_app *app, uint64_t arg);
/* The shell around OPEN's view alone until q, read-only: no drafts are
 * offered, the key line has help and quit only. A sysexits code. */
int ui_run_alone(dh_ctx *ctx, ui_alone_open_fn open, uint64_t arg);
/* Offer a saved draft back: push the form it belongs to and return true,
 * or false when DRAFT is not one of this screen's forms. */
typedef struct dh_draft dh_draft;
typedef bool (*ui_screen_restore_fn)(ui_app *app, const dh_draft *draft);

/* Digit, title exactly as DESIGN.md §3, the short name of the tab line
 * at 80 columns, root view (opened with ui_view_open, ARG NULL), draft
 * restorer (may be NULL). */
#define UI_SCREENS(X)                                                                                        \
	X(1, "Tổng quan", "Tổng quan", ui_overview_view, NULL)                                               \
	X(2, "Nhân tố mới", "Nhân tố", ui_candidates_view, ui_candidates_restore)                            \
	X(3, "Lựa chọn, công nhận", "Lựa chọn", ui_selection_view, ui_selection_restore)                     \
	X(4, "Khen thưởng, nhân rộng", "Khen thưởng", ui_awards_view, ui_awards_restore)                     \
	X(5, "Sơ kết, tổng kết", "Sơ kết", ui_review_view, ui_review_restore)                                \
	X(6, "Tổ chức thực hiện", "Thực hiện", ui_implementation_view, ui_implementation_restore)            \
	X(7, "Tra cứu", "Tra cứu", ui_lookup_view, NULL)                                                     \
	X(8, "Nhật ký", "Nhật ký", ui_audit_view, NULL)

#define UI_SCREEN_COUNT 8

extern const ui_view_ops ui_overview_view;
extern const ui_view_ops ui_candidates_view;
bool ui_candidates_restore(ui_app *app, const dh_draft *draft);
/* Screen 3: registrations, proposals, decisions; it pushes the council
 * sessions (ui_council.h). */
extern const ui_view_ops ui_selection_view;
bool ui_selection_restore(ui_app *app, const dh_draft *draft);
/* Screens 4, 5, 6. */
extern const ui_view_ops ui_awards_view;
bool ui_awards_restore(ui_app *app, const dh_draft *draft);
extern const ui_view_ops ui_review_view;
bool ui_review_restore(ui_app *app, const dh_draft *draft);
extern const ui_view_ops ui_implementation_view;
bool ui_implementation_restore(ui_app *app, const dh_draft *draft);
extern const ui_view_ops ui_lookup_view;
extern const ui_view_ops ui_audit_view;

/* --- services for views ----------------------------------------------------- */

dh_ctx *ui_ctx(ui_app *app);
/* 1..8: the screen being shown. */
int ui_screen_number(ui_app *app);
const char *ui_screen_title(int number);

/* A line on the message row until the next key. */
void ui_message(ui_app *app, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ui_error(ui_app *app, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Bytes of TEXT that fill one row of COLS columns, cut at the last space
 * when the text goes on (at a letter when one word is longer): every
 * wrapped paragraph on screen breaks the same way. */
size_t ui_wrap_next(const char *text, int cols);
/* A screen's tabs on row Y from column X, at most to COLS: "[Chosen]" in
 * the selected style, " Other " plain, a space between. Returns the
 * column after the last. */
int ui_draw_tabs(WINDOW *w, int y, int x, int cols, const char *const *names, int n, int current);
/* Ask QUESTION on the message row and wait for one of KEYS (ASCII letters);
 * returns the key typed, or UI_ESC. Answers Esc to a SIGHUP as well. */
int ui_ask(ui_app *app, const char *question, const char *keys);
/* "… (c/k)": true for c (có), y or Enter. */
bool ui_confirm(ui_app *app, const char *question);

typedef struct ui_choice {
	const char *value; /* stored code: a department id, "individual" */
	const char *label; /* shown */
} ui_choice;
/* A picker over N choices; returns the index chosen or -1 (Esc). */
int ui_pick(ui_app *app, const char *title, const ui_choice *choices, size_t n, int current);

/* Choices built at run time, for a picker or a checklist: the set owns
 * the strings. A zeroed one is empty. */
typedef struct ui_choices {
	ui_choice *v;
	size_t n, cap;
} ui_choices;
/* Copies of VALUE and LABEL at the end: 0 or DH_ENOMEM. */
int ui_choices_add(ui_choices *c, const char *value, const char *label);
/* A record's id, in decimal, as the value. */
int ui_choices_add_id(ui_choices *c, uint64_t id, const char *label);
void ui_choices_free(ui_choices *c);

/* The editor ^E starts, as Debian's sensible-editor chooses: $VISUAL,
 * $EDITOR, then the first of sensible-editor, nano, vi on $PATH. */
const char *ui_editor_command(void);
/* Edit TEXT in ui_editor_command(): a temporary file, the screen
 * handed over and restored. 0 and *OUT (new, NFC, checked; trailing newline
 * dropped), or DH_EINVAL with *WHY (not UTF-8, control characters), or
 * DH_EIO when the editor failed (message set). */
int ui_external_edit(ui_app *app, const char *text, char **out, const char **why);

/* Documents (report.h), the same keys on every screen that has one:
 * o writes the .docx, O the PDF, into the documents folder. */
#define UI_DOC_KEYS                                                                                          \
	"o/O",                                                                                               \
	{                                                                                                    \
		'o', 'O'                                                                                     \
	}
struct dh_report_opts;
/* Anyone config knows may make documents; an unknown login only looks up. */
bool ui_document_may(ui_app *app);
/* Write document KIND (a dh_report_kind) with O as a .docx (KEY 'o') or a
 * PDF (KEY 'O') under a new name in the documents folder (config
 * `documents.folder`, "~/dienhinh-van-ban" when unset), and say on the
 * message line which file was written, or the core's refusal. Returns
 * UI_R_DRAW. */
unsigned ui_document(ui_app *app, int kind, const struct dh_report_opts *o, int key);
/* Print the Giấy khen of award decision DECISION_ID (only candidate ONLY
 * when not 0) as a PDF under a new name in the documents folder, and say
 * which file on the message line, or why not. Returns UI_R_DRAW. */
unsigned ui_certificate(ui_app *app, uint64_t decision_id, uint64_t only);

/* True once SIGHUP/SIGTERM arrived: long loops (pickers, questions) return. */
bool ui_stopping(ui_app *app);

/* --- drawing helpers -------------------------------------------------------- */

enum ui_style {
	UI_S_NORMAL = 0,
	UI_S_HEADER,   /* top line */
	UI_S_BAR,      /* bottom key line */
	UI_S_KEY,      /* a key name on the bottom line */
	UI_S_TITLE,    /* a screen or section title */
	UI_S_SELECTED, /* the list row under the cursor */
	UI_S_FIELD,    /* an input field */
	UI_S_FOCUS,    /* the focused input field */
	UI_S_ERROR,    /* a wrong value, a refusal */
	UI_S_WARN,     /* overdue, attention */
	UI_S_OK,       /* done, passed */
	UI_S_DIM,      /* secondary text */
	UI_S__COUNT
};
/* The attributes of a style: colours unless NO_COLOR is set or the terminal
 * has none; always distinct by bold / reverse / underline on TERM=vt100. */
attr_t ui_style(int style);

/* Print stored text at Y, X in at most COLS columns, never splitting a
 * letter and never sending a control character to the terminal (newlines
 * show as ¶). Returns the columns used. */
int ui_put(WINDOW *w, int y, int x, const char *s, int cols);
/* Same, with a printf format. */
int ui_putf(WINDOW *w, int y, int x, int cols, const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Text padded with spaces (or cut) to exactly COLS columns; RIGHT aligns right. */
void ui_put_cell(WINDOW *w, int y, int x, const char *s, int cols, bool right);
/* Same, but text that does not fit ends with "…", so a reader sees that it
 * goes on (list cells, labels); not for a field being edited. */
void ui_put_cut(WINDOW *w, int y, int x, const char *s, int cols, bool right);

/* Scrolling by hand, for a view that draws its own lines: *SCROLL is the
 * first of ROWS lines shown out of TOTAL. */
/* Keep *SCROLL where the last line is at most at the bottom, and >= 0. */
void ui_scroll_clamp(int *scroll, int total, int rows);
/* UP and DOWN by a line, PGUP and PGDN by a page less one line, HOME, END,
 * not clamped: for a view that clamps when it next lays its lines out,
 * which may have changed by then. UI_R_DRAW, or UI_R_UNHANDLED for the
 * other actions. */
unsigned ui_scroll_move(int *scroll, int total, int rows, int action);
/* ui_scroll_move, then clamped. */
unsigned ui_scroll_key(int *scroll, int total, int rows, int action);
/* "↓ còn N dòng nữa" on the last of ROWS rows of W when lines are hidden
 * below it (the last row itself counts as hidden); nothing otherwise. */
void ui_scroll_more_below(WINDOW *w, int scroll, int total, int rows, int cols);

/* S cut or padded with spaces to exactly COLS columns, into OUT (SIZE
 * bytes): printf's %-20s counts bytes, which Vietnamese letters break. */
const char *ui_pad(char *out, size_t size, const char *s, int cols);

/* Where a view puts the terminal cursor: noted while it draws the place
 * being typed in (a field, a cell), told to the shell by its `cursor`. */
typedef struct ui_cursor {
	bool shown; /* false: hidden (cleared at the start of each draw) */
	int y, x;
} ui_cursor;
void ui_cursor_at(ui_cursor *c, int y, int x);
/* The ops' `cursor`: *Y, *X and true when shown. */
bool ui_cursor_get(const ui_cursor *c, int *y, int *x);

/* "1.500.000" into BUF: VND grouping with dots. */
const char *ui_format_money(int64_t amount, char *buf, size_t size);
/* Parse "1.500.000", "1500000", "1 500 000" (optional "đ"): 0 and *OUT, or DH_EINVAL. */
int ui_parse_money(const char *s, int64_t *out);

#endif
