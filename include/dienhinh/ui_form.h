/* ui_form.h — the one form widget, built from a table of fields.
 *
 * A screen describes a form as one ui_form_spec: its fields (name, label,
 * type, limits), the record type it edits and the core function that
 * writes it, and a few callbacks — the choices of a picker or a
 * checklist, the screen's own rules, and where a draft points. The
 * widget does the rest the same way everywhere: the line editor for text
 * (ui_edit.h), pickers, DD/MM/YYYY dates, VND amounts shown "1.500.000",
 * checklists, long text inline and in $EDITOR (Ctrl-E), a message beside
 * a wrong field with what was typed kept, Tab / Shift-Tab, F2 or Ctrl-S to
 * save, Esc that asks before dropping changes, a conflict choice when
 * someone saved first, and the draft kept on SIGHUP/SIGTERM.
 *
 * Every field's state is text (a choice holds its code, a checklist the
 * codes ticked, comma-separated; a box "1" or ""), so drafts and restores
 * are one loop over the table. */
#ifndef DIENHINH_UI_FORM_H
#define DIENHINH_UI_FORM_H

#include "dienhinh/ui_app.h"
#include "dienhinh/ui_edit.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum ui_ftype {
	UI_F_TEXT = 0, /* one line */
	UI_F_LONG,     /* long text: inline, and Ctrl-E in $VISUAL/$EDITOR */
	UI_F_CHOICE,   /* one code from the spec's choices (picker on Enter) */
	UI_F_DATE,     /* DD/MM/YYYY (YYYY-MM-DD accepted) */
	UI_F_MONEY,    /* VND, shown with dots: 1.500.000 */
	UI_F_NUMBER,   /* a whole number */
	UI_F_CHECKS,   /* checklist: codes from the spec's choices */
	UI_F_BOOL,     /* one box */
} ui_ftype;

typedef struct ui_field {
	const char *name;  /* the key in a draft; stable */
	const char *label; /* Vietnamese */
	ui_ftype type;
	size_t max_bytes; /* text: longest accepted (0: 500) */
	bool required;
	int64_t min, max; /* MONEY / NUMBER: allowed range (both 0: >= 0) */
	/* A form bound to a record (ui_form_spec.type): the record field
	 * this one edits, by its schema name (record.h), loaded and saved by
	 * the widget; NULL for a field the screen's callbacks handle. */
	const char *bind;
	/* CHOICE: what a value that is none of the choices is told
	 * ("Chọn một hình thức"); NULL: any value goes to the screen. */
	const char *invalid;
} ui_field;

typedef struct ui_form ui_form;

typedef struct ui_form_spec {
	const char *name;  /* the form's name in a draft ("candidate") */
	const char *title; /* shown in the header */
	/* A bound form opened over a new record: its title instead ("Thêm
	 * nhân tố mới" where one being edited is "Hồ sơ nhân tố"); NULL:
	 * the title. */
	const char *title_new;
	const ui_field *fields; /* ended by an empty field ({0}) */
	/* How many of the fields the form shows (0: all of them; a late
	 * registration shows one more than one on time). */
	int n_fields;
	/* The choices of a CHOICE or CHECKS field as things are now (the
	 * criteria depend on the kind chosen); *OUT stays the spec's. */
	size_t (*choices)(ui_form *f, int field, const ui_choice **out);
	/* A line of help under a field as things are now ("đạt 2/6 tiêu chí,
	 * cần ít nhất 3"), or NULL; may be NULL itself. */
	const char *(*note)(ui_form *f, int field, char *buf, size_t size);

	/* --- a form bound to one record (form_record.c) ---------------------
	 * A spec that names a record type is opened with ui_form_open: the
	 * widget then owns the record (f->rec), and does load, save through
	 * the core with the revision check, reread after a conflict, the
	 * draft's target and destroy. The screen supplies only what is its
	 * own; save, reread and destroy below stay NULL (free_user frees
	 * f->user). */
	int type; /* dh_rtype; 0: a form that edits no record */
	/* Write REC through the core (a wf_*_save); *ID: a new record's id. */
	int (*write)(dh_ctx *ctx, const void *rec, uint64_t *id);
	/* A new record's defaults (NULL: all zero). */
	void (*defaults)(ui_form *f, void *rec);
	/* Load what no field binding covers (NULL: nothing). */
	void (*load)(ui_form *f, const void *rec);
	/* The screen's own rules, and the fields it handles, on the copy
	 * about to be written (the bound fields already in it): DH_EINVAL
	 * after ui_form_error on the wrong fields, or any error save takes.
	 * Called even when a bound field is wrong, so every message shows at
	 * once. NULL: none. */
	int (*check)(ui_form *f, void *rec);
	/* After a save, with the record as written (reload a list...). */
	void (*saved)(ui_form *f, const void *rec);
	/* Free f->user (NULL: free()). */
	void (*free_user)(void *user);

	/* --- a form that edits no record: what the widget cannot do ------- */
	/* Check the fields (ui_form_error on the wrong ones) and write.
	 * 0 = saved, the form closes. DH_EINVAL = a field says why.
	 * DH_ECONFLICT = someone saved first (the widget offers the choice).
	 * Anything else: ctx->message (a refusal) or dh_strerror is shown. */
	int (*save)(ui_form *f);
	/* After a conflict: read the newest record and load every field from
	 * it (ui_form_set). To keep what I typed, the widget then puts back
	 * the fields I changed, so the next save re-applies only those. */
	int (*reread)(ui_form *f);
	/* Free the screen's state in f->user. */
	void (*destroy)(ui_form *f);

	/* What a draft of this form points at (type, id, revision). A bound
	 * form's draft points at its record when this is NULL; set, it points
	 * elsewhere (a new entry of a log points at its candidate). */
	void (*target)(ui_form *f, int *type, uint64_t *id, uint32_t *rev);
} ui_form_spec;

typedef struct ui_form_value {
	ui_edit text;
	char error[160];
} ui_form_value;

struct ui_form {
	ui_view base;
	const ui_form_spec *spec;
	int n_fields;      /* the spec's, or its fields counted */
	const char *title; /* the spec's title, or its title_new (ui_form_open) */
	void *user;        /* the screen's state */
	void *rec;         /* a bound form's record, as loaded or last saved */
	ui_form_value *values;
	int focus; /* field index */
	int item;  /* checklist row inside the focused field */
	int scroll;
	bool dirty;
	bool readonly; /* shown, not editable: the person may not edit */
	ui_cursor cursor;
	/* Each field as last loaded (ui_form_set): what a conflict compares
	 * the other person's save against. */
	char **loaded;
	/* A bound form's own save, reread, target and destroy (form_record.c
	 * sets them in ui_form_open; the widget calls them where the spec
	 * gives none), so the widget needs nothing of the binding. */
	struct {
		int (*save)(ui_form *f);
		int (*reread)(ui_form *f);
		void (*target)(ui_form *f, int *type, uint64_t *id, uint32_t *rev);
		void (*destroy)(ui_form *f);
	} bound;
	/* Who else has this record open in a form: their names, polled. */
	char others[200];
	int64_t presence_polled, presence_stamp;
	bool presence_open;
};

/* A new form view (push it with ui_push); NULL on ENOMEM. */
ui_form *ui_form_new(ui_app *app, const ui_form_spec *spec, void *user);

/* Loading: set a field's text without marking the form changed. */
int ui_form_set(ui_form *f, int field, const char *text);
/* Set a field as if typed (marks the form changed). */
int ui_form_put(ui_form *f, int field, const char *text);
const char *ui_form_get(const ui_form *f, int field);
int ui_form_find(const ui_form *f, const char *name); /* -1 if none */
void ui_form_focus(ui_form *f, int field);
void ui_form_mark_clean(ui_form *f);

/* Reading values for save: each sets the field's message and returns
 * DH_EINVAL when the text is wrong (the text stays as typed). An empty
 * optional field gives 0. */
int ui_form_date(ui_form *f, int field, int *ymd);
int ui_form_money(ui_form *f, int field, int64_t *amount);
int ui_form_number(ui_form *f, int field, int *value);
/* NFC text checked for control characters and length; NULL (and the
 * field's message) when wrong; "" when empty. Borrowed from the form. */
const char *ui_form_text(ui_form *f, int field);
bool ui_form_checked(const ui_form *f, int field, const char *code);
void ui_form_error(ui_form *f, int field, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void ui_form_clear_errors(ui_form *f);

/* Fill the fields from a draft's "name=value" lines (marks it changed). */
void ui_form_apply_draft(ui_form *f, const dh_draft *d);

/* --- forms bound to a record (form_record.c) ------------------------------
 *
 * A whole form, for a log entry of a candidate:
 *
 *	static const ui_field note_fields[] = {
 *	    {"date", "Ngày", UI_F_DATE, 0, true, 0, 0, .bind = "date"},
 *	    {"text", "Nội dung", UI_F_LONG, 4000, true, 0, 0, .bind = "text"},
 *	    {0},
 *	};
 *	static int note_write(dh_ctx *ctx, const void *rec, uint64_t *id)
 *	{
 *		return wf_note_save(ctx, rec, id);
 *	}
 *	static const ui_form_spec note_spec = {
 *	    .name = "note", .title = "Ghi chú", .fields = note_fields,
 *	    .type = DH_R_NOTE, .write = note_write,
 *	};
 *	...
 *	ui_form *f = ui_form_open(app, &note_spec, existing_or_NULL, NULL);
 *	if (f)
 *		ui_push(app, &f->base);
 */

/* A form over a copy of REC (NULL: a new record with the spec's
 * defaults), its fields loaded. USER becomes the form's: it is freed with
 * it, and at once when NULL (ENOMEM) is returned. */
ui_form *ui_form_open(ui_app *app, const ui_form_spec *spec, const void *rec, void *user);
/* Push F when it opened (NULL: out of memory, nothing to push); what a
 * key handler returns after opening a form. */
unsigned ui_form_push(ui_app *app, ui_form *f);
/* Load every bound field from f->rec, then the spec's own load; clean. */
void ui_form_load(ui_form *f);
/* Go on from a saved draft: the record as it was when the draft was
 * taken (its revision, so a save after someone else's is a conflict) and
 * the typed fields put back. */
void ui_form_resume(ui_form *f, const dh_draft *d);
/* A screen's restore (UI_SCREENS) ends here: F, opened over the draft's
 * record, resumed from D and pushed. EDITABLE: the typing may be saved
 * even where the form would open read-only now (the workflow still
 * decides the save). False, with nothing pushed, when F is NULL. */
bool ui_form_restore(ui_app *app, ui_form *f, const dh_draft *d, bool editable);

#endif
