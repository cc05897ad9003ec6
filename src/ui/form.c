/* form.c — the generic form: layout, focus, typing, pickers, checklists,
 * validation messages, save with conflict handling, drafts. */
#include "dienhinh/ui_form.h"

#include "dienhinh/config.h"
#include "dienhinh/date.h"
#include "dienhinh/error.h"
#include "dienhinh/record.h"
#include "dienhinh/repo.h"
#include "dienhinh/utf8.h"
#include "ui_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define FORM_LABEL_COLS  22
#define FORM_DEFAULT_MAX 500

enum { FORM_A_PICK_NEXT = UI_A__COUNT, FORM_A_PICK_PREV, FORM_A_EDITING, FORM_A_CLOSE };

static const ui_binding form_keys[] = {
    {UI_A_SAVE, "F2/^S", {UI_K(KEY_F(2)), UI_CTRL('s')}, NULL, NULL, false},
    {UI_A_CANCEL, "Esc", {UI_ESC}, NULL, NULL, false},
    {FORM_A_CLOSE, "Esc", {UI_ESC}, "Đóng", "Đóng (chỉ xem, không sửa được)", false},
    {UI_A_NEXT_FIELD, "Tab", {UI_TAB}, NULL, "Sang ô kế tiếp", false},
    {UI_A_PREV_FIELD, "S-Tab", {UI_K(KEY_BTAB)}, NULL, "Về ô trước (Shift-Tab)", true},
    {UI_A_DOWN, "↓", {UI_K(KEY_DOWN)}, NULL, "Xuống: mục kế trong danh sách đánh dấu, hoặc ô sau", true},
    {UI_A_UP, "↑", {UI_K(KEY_UP)}, NULL, "Lên: mục trước trong danh sách đánh dấu, hoặc ô trước", true},
    {UI_A_PICK,
     "Enter",
     {UI_ENTER},
     "Mở danh sách, gõ để tìm",
     "Mở danh sách để chọn; gõ vài chữ để tìm trong danh sách (← → đổi nhanh)",
     false},
    {UI_A_TOGGLE,
     "Space",
     {' '},
     "Đánh dấu",
     "Space: đánh dấu / bỏ đánh dấu mục đang chọn (↑ ↓ sang mục khác)",
     false},
    {UI_A_EXTERNAL, "^E", {UI_CTRL('e')}, NULL, NULL, false},
    {UI_A_NEXT_FIELD, "Enter", {UI_ENTER}, NULL, "Sang ô kế tiếp", true},
    {FORM_A_PICK_NEXT, "→", {UI_K(KEY_RIGHT)}, "Đổi", "Chọn mục kế tiếp của danh sách", true},
    {FORM_A_PICK_PREV, "←", {UI_K(KEY_LEFT)}, "Đổi", "Chọn mục trước của danh sách", true},
    /* Only a help line: these keys go to the line editor raw. */
    {FORM_A_EDITING,
     "←→ Home End",
     {0},
     NULL,
     "Sửa trong ô: ← → từng chữ, Home/End, ^U xóa đầu dòng, ^K xóa cuối dòng, ^W xóa một từ",
     true},
    {0},
};

static const ui_field *form_field(const ui_form *f, int i);
static size_t form_choices(ui_form *f, int i, const ui_choice **out);
static bool form_is_text(const ui_field *fd);
static void form_validate_field(ui_form *f, int i);
static void form_move(ui_form *f, int delta, bool by_item);
static unsigned form_save(ui_form *f);
static void form_toggle(ui_form *f);
static unsigned form_pick(ui_form *f);
static void form_cycle(ui_form *f, int delta);
static unsigned form_external(ui_form *f);
static int form_draft(ui_view *v);

/* A spec's own callback, else a bound form's (form_record.c). */
static bool form_has_target(const ui_form *f)
{
	return f->spec->target || f->bound.target;
}

static void form_call_target(ui_form *f, int *type, uint64_t *id, uint32_t *rev)
{
	if (f->spec->target)
		f->spec->target(f, type, id, rev);
	else
		f->bound.target(f, type, id, rev);
}

static bool form_can_reread(const ui_form *f)
{
	return f->spec->reread || f->bound.reread;
}

static int form_call_reread(ui_form *f)
{
	return f->spec->reread ? f->spec->reread(f) : f->bound.reread(f);
}

static const ui_field *form_field(const ui_form *f, int i)
{
	return &f->spec->fields[i];
}

static bool form_is_text(const ui_field *fd)
{
	return fd->type == UI_F_TEXT || fd->type == UI_F_LONG || fd->type == UI_F_DATE ||
	       fd->type == UI_F_MONEY || fd->type == UI_F_NUMBER;
}

static size_t form_choices(ui_form *f, int i, const ui_choice **out)
{
	*out = NULL;
	return f->spec->choices ? f->spec->choices(f, i, out) : 0;
}

int ui_form_find(const ui_form *f, const char *name)
{
	for (int i = 0; i < f->n_fields; i++)
		if (strcmp(f->spec->fields[i].name, name) == 0)
			return i;
	return -1;
}

const char *ui_form_get(const ui_form *f, int field)
{
	return f->values[field].text.buf;
}

int ui_form_set(ui_form *f, int field, const char *text)
{
	int rc = ui_edit_set(&f->values[field].text, text ? text : "");
	f->values[field].text.changed = false;
	if (f->loaded) {
		free(f->loaded[field]);
		f->loaded[field] = strdup(f->values[field].text.buf);
	}
	return rc;
}

int ui_form_put(ui_form *f, int field, const char *text)
{
	int rc = ui_edit_set(&f->values[field].text, text ? text : "");
	if (rc == 0)
		f->dirty = true;
	return rc;
}

void ui_form_focus(ui_form *f, int field)
{
	if (field >= 0 && field < f->n_fields) {
		f->focus = field;
		f->item = 0;
	}
}

void ui_form_mark_clean(ui_form *f)
{
	f->dirty = false;
	for (int i = 0; i < f->n_fields; i++)
		f->values[i].text.changed = false;
}

void ui_form_error(ui_form *f, int field, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(f->values[field].error, sizeof(f->values[field].error), fmt, ap);
	va_end(ap);
}

void ui_form_clear_errors(ui_form *f)
{
	for (int i = 0; i < f->n_fields; i++)
		f->values[i].error[0] = '\0';
}

/* What is said beside a field read as a date, an amount or a number
 * (by the field type read as): left empty when required, and text that
 * is not one. */
static const struct form_reading {
	const char *missing, *wrong;
} form_readings[] = {
    [UI_F_DATE] = {"Cần nhập ngày (DD/MM/YYYY)", "Ngày không có thật hoặc sai dạng DD/MM/YYYY"},
    [UI_F_MONEY] = {"Cần nhập số tiền", "Số tiền chỉ gồm chữ số, ví dụ 1.500.000"},
    [UI_F_NUMBER] = {"Cần nhập một số", "Cần một số nguyên"},
};

static int form_range(ui_form *f, int field, int64_t v)
{
	const ui_field *fd = form_field(f, field);
	int64_t lo = fd->min, hi = fd->max;
	if (lo == 0 && hi == 0)
		hi = INT64_MAX;
	if (v < lo || v > hi) {
		char a[32], b[32];
		if (hi == INT64_MAX)
			ui_form_error(f, field, "Phải từ %s trở lên", ui_format_money(lo, a, sizeof(a)));
		else
			ui_form_error(f, field, "Phải từ %s đến %s", ui_format_money(lo, a, sizeof(a)),
			              ui_format_money(hi, b, sizeof(b)));
		return DH_EINVAL;
	}
	return 0;
}

/* Field FIELD's text read AS a date (YYYYMMDD), an amount or a number
 * into *OUT: 0 for an empty optional field, DH_EINVAL with the message
 * beside the field when it is empty but required, not one, or (an amount,
 * a number) outside the field's range. */
static int form_read(ui_form *f, int field, ui_ftype as, int64_t *out)
{
	const char *s = ui_form_get(f, field);
	*out = 0;
	if (!*s) {
		if (!form_field(f, field)->required)
			return 0;
		ui_form_error(f, field, "%s", form_readings[as].missing);
		return DH_EINVAL;
	}
	int ymd = 0;
	bool ok = as == UI_F_DATE ? date_parse(s, &ymd) == 0
	                          : ui_parse_money(s, out) == 0 && (as == UI_F_MONEY || *out <= INT32_MAX);
	if (as == UI_F_DATE)
		*out = ymd;
	if (!ok) {
		ui_form_error(f, field, "%s", form_readings[as].wrong);
		return DH_EINVAL;
	}
	return as == UI_F_DATE ? 0 : form_range(f, field, *out);
}

int ui_form_date(ui_form *f, int field, int *ymd)
{
	int64_t v;
	int rc = form_read(f, field, UI_F_DATE, &v);
	*ymd = (int)v;
	return rc;
}

int ui_form_money(ui_form *f, int field, int64_t *amount)
{
	return form_read(f, field, UI_F_MONEY, amount);
}

int ui_form_number(ui_form *f, int field, int *value)
{
	int64_t v;
	int rc = form_read(f, field, UI_F_NUMBER, &v);
	*value = rc ? 0 : (int)v;
	return rc;
}

const char *ui_form_text(ui_form *f, int field)
{
	const ui_field *fd = form_field(f, field);
	const char *s = ui_form_get(f, field);
	if (fd->required && !*s) {
		ui_form_error(f, field, "Không được để trống");
		return NULL;
	}
	/* The editor refuses control characters already; a restored draft
	 * or $EDITOR text went through utf8_clean too. Length is checked
	 * here so the message sits beside the field. */
	size_t max = fd->max_bytes ? fd->max_bytes : FORM_DEFAULT_MAX;
	if (strlen(s) > max) {
		ui_form_error(f, field, "Dài quá: tối đa %zu byte", max);
		return NULL;
	}
	return s;
}

bool ui_form_checked(const ui_form *f, int field, const char *code)
{
	const char *s = ui_form_get(f, field);
	size_t n = strlen(code);
	while (*s) {
		const char *comma = strchr(s, ',');
		size_t len = comma ? (size_t)(comma - s) : strlen(s);
		if (len == n && memcmp(s, code, n) == 0)
			return true;
		if (!comma)
			break;
		s = comma + 1;
	}
	return false;
}

/* Shows the same value in its usual form ("1.500.000", "01/06/2021")
 * without changing whether the person has edited the field. */
static void form_reformat(ui_form *f, int i, const char *text)
{
	bool changed = f->values[i].text.changed;
	if (strcmp(ui_form_get(f, i), text) != 0)
		ui_edit_set(&f->values[i].text, text);
	f->values[i].text.changed = changed;
}

/* Checks the field the cursor leaves, so a wrong date is flagged at once;
 * a good amount is shown again with its thousand dots. */
static void form_validate_field(ui_form *f, int i)
{
	const ui_field *fd = form_field(f, i);
	f->values[i].error[0] = '\0';
	switch (fd->type) {
	case UI_F_DATE: {
		int ymd;
		if (ui_form_date(f, i, &ymd) == 0 && ymd) {
			char buf[11];
			form_reformat(f, i, date_vn(ymd, buf));
		}
		break;
	}
	case UI_F_MONEY: {
		int64_t v;
		if (ui_form_money(f, i, &v) == 0 && *ui_form_get(f, i)) {
			char buf[40];
			form_reformat(f, i, ui_format_money(v, buf, sizeof(buf)));
		}
		break;
	}
	case UI_F_NUMBER: {
		int v;
		(void)ui_form_number(f, i, &v);
		break;
	}
	default: break;
	}
}

/* Tab leaves a checklist at once; the arrows walk through its items. */
static void form_move(ui_form *f, int delta, bool by_item)
{
	const ui_field *fd = form_field(f, f->focus);
	if (by_item && fd->type == UI_F_CHECKS) {
		const ui_choice *c;
		int n = (int)form_choices(f, f->focus, &c);
		if (f->item + delta >= 0 && f->item + delta < n) {
			f->item += delta;
			return;
		}
	}
	form_validate_field(f, f->focus);
	int next = f->focus + delta;
	if (next < 0)
		next = f->n_fields - 1;
	if (next >= f->n_fields)
		next = 0;
	f->focus = next;
	f->item = 0;
	if (by_item && delta < 0 && form_field(f, next)->type == UI_F_CHECKS) {
		const ui_choice *c;
		size_t n = form_choices(f, next, &c);
		f->item = n ? (int)n - 1 : 0;
	}
}

static void form_toggle(ui_form *f)
{
	const ui_field *fd = form_field(f, f->focus);
	if (fd->type == UI_F_BOOL) {
		ui_form_put(f, f->focus, *ui_form_get(f, f->focus) ? "" : "1");
		return;
	}
	if (fd->type != UI_F_CHECKS)
		return;
	const ui_choice *c;
	size_t n = form_choices(f, f->focus, &c);
	if ((size_t)f->item >= n)
		return;
	/* Rebuild the code list in the order of the choices. */
	char out[1024] = "";
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		bool on = ui_form_checked(f, f->focus, c[i].value);
		if ((int)i == f->item)
			on = !on;
		if (on)
			o += (size_t)snprintf(out + o, sizeof(out) - o, "%s%s", o ? "," : "", c[i].value);
		if (o >= sizeof(out))
			break;
	}
	ui_form_put(f, f->focus, out);
}

static int form_choice_index(ui_form *f, int field, const ui_choice *c, size_t n)
{
	const char *cur = ui_form_get(f, field);
	for (size_t i = 0; i < n; i++)
		if (strcmp(c[i].value, cur) == 0)
			return (int)i;
	return -1;
}

static unsigned form_pick(ui_form *f)
{
	const ui_choice *c;
	size_t n = form_choices(f, f->focus, &c);
	int cur = form_choice_index(f, f->focus, c, n);
	int k = ui_pick(f->base.app, form_field(f, f->focus)->label, c, n, cur);
	if (c && k >= 0 && k != cur)
		ui_form_put(f, f->focus, c[k].value);
	return UI_R_DRAW;
}

static void form_cycle(ui_form *f, int delta)
{
	const ui_choice *c;
	size_t n = form_choices(f, f->focus, &c);
	if (!n)
		return;
	int cur = form_choice_index(f, f->focus, c, n);
	int next = cur < 0 ? 0 : (cur + delta + (int)n) % (int)n;
	ui_form_put(f, f->focus, c[next].value);
}

static unsigned form_external(ui_form *f)
{
	char *out = NULL;
	const char *why = NULL;
	int rc = ui_external_edit(f->base.app, ui_form_get(f, f->focus), &out, &why);
	if (rc == 0) {
		if (strcmp(out, ui_form_get(f, f->focus)) != 0)
			ui_form_put(f, f->focus, out);
		free(out);
		f->values[f->focus].text.cur = f->values[f->focus].text.len;
	} else if (rc == DH_EINVAL) {
		ui_form_error(f, f->focus, "%s", why ? why : dh_strerror(rc));
	}
	return UI_R_ALL | UI_R_DRAW;
}

/* Who saved the record last and when, from the newest copy. */
static void form_last_saver(ui_form *f, char *who, size_t wsize, char *when, size_t tsize)
{
	snprintf(who, wsize, "Người khác");
	snprintf(when, tsize, "vừa rồi");
	if (!form_has_target(f))
		return;
	int type = 0;
	uint64_t id = 0;
	uint32_t rev = 0;
	form_call_target(f, &type, &id, &rev);
	void *rec = NULL;
	if (!id || repo_get(f->base.ctx->store, (dh_rtype)type, id, &rec) != 0)
		return;
	const dh_meta *m = rec; /* every record begins with its meta */
	if (m->updated_by) {
		const dh_person *p = config_person(f->base.ctx->cfg, m->updated_by);
		snprintf(who, wsize, "%s", p && p->name ? p->name : m->updated_by);
	}
	if (m->updated_at > 0) {
		time_t t = (time_t)m->updated_at;
		struct tm tm;
		if (localtime_r(&t, &tm))
			strftime(when, tsize, "%H:%M ngày %d/%m/%Y", &tm);
	}
	record_free((dh_rtype)type, rec);
}

static int form_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Whether two texts of field FD say the same: a checklist's codes in any
 * order are the same ticks. */
static bool form_same_value(const ui_field *fd, const char *a, const char *b)
{
	if (strcmp(a, b) == 0)
		return true;
	if (fd->type != UI_F_CHECKS)
		return false;
	char *ca = strdup(a), *cb = strdup(b);
	char *va[64] = {0}, *vb[64] = {0};
	size_t na = 0, nb = 0;
	bool same = false;
	if (ca && cb) {
		for (char *sv = NULL, *t = strtok_r(ca, ",", &sv); t && na < 64; t = strtok_r(NULL, ",", &sv))
			va[na++] = t;
		for (char *sv = NULL, *t = strtok_r(cb, ",", &sv); t && nb < 64; t = strtok_r(NULL, ",", &sv))
			vb[nb++] = t;
		qsort(va, na, sizeof(*va), form_cmp_str);
		qsort(vb, nb, sizeof(*vb), form_cmp_str);
		same = na == nb;
		for (size_t i = 0; same && i < na; i++)
			same = strcmp(va[i], vb[i]) == 0;
	}
	free(ca);
	free(cb);
	return same;
}

/* A short quote of a field's text for a question: "…" where it goes on. */
static void form_quote(const char *text, char *out, size_t size)
{
	size_t n = utf8_fit(text, 40, NULL);
	snprintf(out, size, "%.*s%s", (int)n, text, text[n] ? "…" : "");
	if (!*text)
		snprintf(out, size, "(trống)");
}

/* Someone saved first: say who, when, and which fields they changed;
 * then either take their copy, or merge: what I changed stays, what they
 * changed comes in, and a field we both changed is asked field by field. */
static unsigned form_conflict(ui_form *f)
{
	ui_app *app = f->base.app;
	int n = f->n_fields;
	char **mine = calloc((size_t)n, sizeof(*mine));
	char **before = calloc((size_t)n, sizeof(*before));
	bool *theirs = calloc((size_t)n, sizeof(*theirs));
	if (!mine || !before || !theirs) {
		free(mine);
		free(before);
		free(theirs);
		ui_error(app, "Chưa lưu: hồ sơ đã được người khác sửa.");
		return UI_R_DRAW;
	}
	for (int i = 0; i < n; i++) {
		if (f->values[i].text.changed)
			mine[i] = strdup(f->values[i].text.buf);
		before[i] = strdup(f->loaded && f->loaded[i] ? f->loaded[i] : "");
	}
	char who[160], when[64];
	form_last_saver(f, who, sizeof(who), when, sizeof(when));
	form_call_reread(f);
	ui_form_mark_clean(f);
	char fields[300] = "";
	size_t o = 0;
	int both = 0;
	for (int i = 0; i < n; i++) {
		theirs[i] = before[i] && !form_same_value(form_field(f, i), before[i], f->values[i].text.buf);
		if (theirs[i] && o + 2 < sizeof(fields))
			o += (size_t)snprintf(fields + o, sizeof(fields) - o, "%s%s", o ? ", " : "",
			                      form_field(f, i)->label);
		both += theirs[i] && mine[i] &&
		        !form_same_value(form_field(f, i), mine[i], f->values[i].text.buf);
	}
	char q[1024];
	snprintf(q, sizeof(q),
	         "%s đã lưu hồ sơ này lúc %s (sửa: %s). g: gộp, giữ phần bạn sửa%s · t: lấy bản của %s, bỏ "
	         "phần bạn gõ",
	         who, when, *fields ? fields : "không đổi ô nào của biểu mẫu này",
	         both ? " (ô cả hai cùng sửa: hỏi từng ô)" : "", who);
	int k = ui_ask(app, q, "gt");
	if (k == 't') {
		ui_message(app, "Đã tải bản của %s; phần bạn gõ đã bỏ.", who);
	} else {
		int kept = 0, took = 0;
		for (int i = 0; i < n; i++) {
			if (!mine[i])
				continue;
			bool clash =
			    theirs[i] && !form_same_value(form_field(f, i), mine[i], f->values[i].text.buf);
			if (clash && k == 'g') {
				char a[160], b[160];
				form_quote(mine[i], a, sizeof(a));
				form_quote(f->values[i].text.buf, b, sizeof(b));
				snprintf(q, sizeof(q),
				         "Ô «%s» cả hai cùng sửa — của bạn: «%s» · của %s: «%s». b: giữ của "
				         "bạn · h: lấy của họ",
				         form_field(f, i)->label, a, who, b);
				if (ui_ask(app, q, "bh") == 'h') {
					took++;
					continue;
				}
			}
			ui_form_put(f, i, mine[i]);
			kept++;
		}
		f->dirty = true;
		if (k == 'g')
			ui_message(app,
			           "Đã giữ phần bạn sửa (%d ô) trên bản của %s%s: xem lại rồi F2 để lưu.",
			           kept, who, took ? ", lấy của họ các ô đã chọn" : "");
		else
			ui_error(app, "Chưa lưu: %s đã sửa hồ sơ lúc %s; phần bạn gõ vẫn giữ, F2 để lưu.",
			         who, when);
	}
	for (int i = 0; i < n; i++) {
		free(mine[i]);
		free(before[i]);
	}
	free(mine);
	free(before);
	free(theirs);
	return UI_R_DRAW;
}

static unsigned form_save(ui_form *f)
{
	ui_app *app = f->base.app;
	form_validate_field(f, f->focus);
	ui_form_clear_errors(f);
	f->base.ctx->message[0] = '\0';
	f->base.ctx->field[0] = '\0';
	int rc = f->spec->save ? f->spec->save(f) : f->bound.save(f);
	if (rc == 0) {
		ui_form_mark_clean(f);
		ui_message(app, "Đã lưu.");
		return UI_R_POP | UI_R_RELOAD;
	}
	if (rc == DH_EINVAL) {
		/* The core names the field it refused: put its sentence there. */
		int at = f->base.ctx->field[0] ? ui_form_find(f, f->base.ctx->field) : -1;
		if (at >= 0 && !f->values[at].error[0])
			ui_form_error(f, at, "%s",
			              f->base.ctx->message[0] ? f->base.ctx->message
			                                      : "Giá trị không hợp lệ");
		for (int i = 0; i < f->n_fields; i++)
			if (f->values[i].error[0]) {
				f->focus = i;
				f->item = 0;
				break;
			}
		ui_error(app, "Chưa lưu: có ô chưa đúng (xem dòng báo bên dưới ô).");
		return UI_R_DRAW;
	}
	if (rc == DH_ECONFLICT && form_can_reread(f))
		return form_conflict(f);
	const char *msg = f->base.ctx->message[0] ? f->base.ctx->message : dh_strerror(rc);
	/* A refusal that names a field (a nominee on hold, a wrong stage) is
	 * said beside it too, where the clerk looks to change it. */
	int at = f->base.ctx->field[0] && f->base.ctx->message[0] ? ui_form_find(f, f->base.ctx->field) : -1;
	if (at >= 0) {
		ui_form_error(f, at, "%s", msg);
		f->focus = at;
		f->item = 0;
	}
	ui_error(app, "Chưa lưu: %s", msg);
	return UI_R_DRAW;
}

/* --- view callbacks ------------------------------------------------------ */

static const char *form_title(ui_view *v)
{
	return ((ui_form *)v)->title;
}

static bool form_typing(ui_view *v)
{
	(void)v;
	return true;
}

static bool form_offers(ui_view *v, int action)
{
	ui_form *f = (ui_form *)v;
	ui_ftype t = form_field(f, f->focus)->type;
	if (action == FORM_A_CLOSE)
		return f->readonly;
	if (f->readonly && action != UI_A_NEXT_FIELD && action != UI_A_PREV_FIELD && action != UI_A_UP &&
	    action != UI_A_DOWN)
		return false;
	switch (action) {
	case UI_A_PICK:
	case FORM_A_PICK_NEXT:
	case FORM_A_PICK_PREV: return t == UI_F_CHOICE;
	case UI_A_TOGGLE: return t == UI_F_CHECKS || t == UI_F_BOOL;
	case UI_A_EXTERNAL: return t == UI_F_LONG;
	case FORM_A_EDITING: return form_is_text(form_field(f, f->focus));
	}
	return true;
}

static unsigned form_key(ui_view *v, int action, int key)
{
	ui_form *f = (ui_form *)v;
	const ui_field *fd = form_field(f, f->focus);
	switch (action) {
	case UI_A_SAVE: return form_save(f);
	case FORM_A_CLOSE: return UI_R_POP;
	case UI_A_CANCEL:
		if (f->dirty && !ui_confirm(v->app, "Bỏ các thay đổi chưa lưu?"))
			return UI_R_DRAW;
		return UI_R_POP;
	case UI_A_NEXT_FIELD: form_move(f, +1, false); return UI_R_DRAW;
	case UI_A_PREV_FIELD: form_move(f, -1, false); return UI_R_DRAW;
	case UI_A_DOWN: form_move(f, +1, true); return UI_R_DRAW;
	case UI_A_UP: form_move(f, -1, true); return UI_R_DRAW;
	case UI_A_PICK: return form_pick(f);
	case FORM_A_PICK_NEXT: form_cycle(f, +1); return UI_R_DRAW;
	case FORM_A_PICK_PREV: form_cycle(f, -1); return UI_R_DRAW;
	case UI_A_TOGGLE: form_toggle(f); return UI_R_DRAW;
	case UI_A_EXTERNAL: return form_external(f);
	}
	if (f->readonly)
		return UI_R_NONE;
	/* Raw keys: Space on a box or a picker, the rest to the line editor. */
	if (key == ' ' && (fd->type == UI_F_CHECKS || fd->type == UI_F_BOOL)) {
		form_toggle(f);
		return UI_R_DRAW;
	}
	if (key == ' ' && fd->type == UI_F_CHOICE)
		return form_pick(f);
	if (!form_is_text(fd))
		return UI_R_NONE;
	ui_edit *e = &f->values[f->focus].text;
	switch (key) {
	case UI_K(KEY_LEFT): ui_edit_left(e); break;
	case UI_K(KEY_RIGHT): ui_edit_right(e); break;
	case UI_K(KEY_HOME):
	case UI_CTRL('a'): ui_edit_home(e); break;
	case UI_K(KEY_END): ui_edit_end(e); break;
	case UI_K(KEY_BACKSPACE): ui_edit_backspace(e); break;
	case UI_K(KEY_DC):
	case UI_CTRL('d'): ui_edit_delete(e); break;
	case UI_CTRL('u'): ui_edit_kill_home(e); break;
	case UI_CTRL('k'): ui_edit_kill_end(e); break;
	case UI_CTRL('w'): ui_edit_kill_word(e); break;
	case UI_K(KEY_SLEFT):
	case UI_K(541): /* Ctrl-Left on xterm */ ui_edit_word_left(e); break;
	case UI_K(KEY_SRIGHT):
	case UI_K(556): ui_edit_word_right(e); break;
	default:
		if ((key & UI_KEYCODE) || key < 0x20 || key == 0x7f)
			return UI_R_NONE;
		if (ui_edit_insert(e, key) != 0) {
			ui_error(v->app, "%s",
			         e->max_bytes && e->len + 4 > e->max_bytes
			             ? "Ô này đã đủ độ dài tối đa."
			             : "Ký tự này không gõ được vào ô.");
			return UI_R_DRAW;
		}
	}
	if (e->changed) {
		f->dirty = true;
		f->values[f->focus].error[0] = '\0';
	}
	return UI_R_DRAW;
}

static const char *form_note(ui_form *f, int i, char *buf, size_t size)
{
	if (!f->spec->note)
		return NULL;
	const char *n = f->spec->note(f, i, buf, size);
	return n && *n ? n : NULL;
}

/* Rows a field takes: its line, a checklist's items, its note, its message. */
/* Rows beyond the first that the focused item of a focused checklist
 * takes: its whole text, wrapped, so a long criterion is read while it
 * is the one chosen (the others stay one row, cut with "…"). */
static int form_item_extra(ui_form *f, int i, int width)
{
	if (form_field(f, i)->type != UI_F_CHECKS || i != f->focus || width < 10)
		return 0;
	const ui_choice *c;
	size_t n = form_choices(f, i, &c);
	if (f->item < 0 || (size_t)f->item >= n || !c[f->item].label)
		return 0;
	int lines = 0;
	for (const char *t = c[f->item].label; *t; lines++) {
		t += ui_wrap_next(t, width);
		while (*t == ' ')
			t++;
	}
	return lines > 1 ? lines - 1 : 0;
}

static int form_field_rows(ui_form *f, int i, int item_width)
{
	char note[200];
	const ui_field *fd = form_field(f, i);
	int rows = 1;
	if (fd->type == UI_F_CHECKS) {
		const ui_choice *c;
		size_t n = form_choices(f, i, &c);
		rows = n ? (int)n + form_item_extra(f, i, item_width) : 1;
	}
	if (form_note(f, i, note, sizeof(note)))
		rows++;
	if (f->values[i].error[0])
		rows++;
	return rows;
}

static void form_draw(ui_view *v, WINDOW *w)
{
	ui_form *f = (ui_form *)v;
	int rows = getmaxy(w), cols = getmaxx(w);
	int vx = FORM_LABEL_COLS + 2;
	int vw = cols - vx - 2;
	f->cursor.shown = false;

	/* Keep the focused field in sight; in a checklist taller than the
	 * body, the focused item. */
	int body = rows - 1;
	int y = 0, focus_top = 0, focus_bottom = 0;
	for (int i = 0; i < f->n_fields; i++) {
		int h = form_field_rows(f, i, vw - 4);
		if (i == f->focus) {
			focus_top = y;
			focus_bottom = y + h;
			if (form_field(f, i)->type == UI_F_CHECKS && h > body) {
				focus_top = f->item > 0 ? y + f->item : y;
				focus_bottom = y + f->item + 1 + form_item_extra(f, i, vw - 4);
			}
		}
		y += h;
	}
	if (focus_top < f->scroll)
		f->scroll = focus_top;
	if (focus_bottom > f->scroll + body)
		f->scroll = focus_bottom - body;
	if (f->scroll < 0)
		f->scroll = 0;

	wattrset(w, ui_style(UI_S_TITLE));
	char title[200];
	snprintf(title, sizeof(title), "%s%s", f->title,
	         f->readonly ? "  (chỉ xem)"
	         : f->dirty  ? "  (chưa lưu)"
	                     : "");
	int tw = ui_put(w, 0, 1, title, cols - 2);
	if (f->others[0] && tw + 6 < cols - 2) {
		char open[260];
		snprintf(open, sizeof(open), " · %s đang mở hồ sơ này", f->others);
		wattrset(w, ui_style(UI_S_WARN));
		ui_put_cut(w, 0, 1 + tw, open, cols - 2 - tw, false);
	}
	wattrset(w, A_NORMAL);

	y = 1 - f->scroll;
	for (int i = 0; i < f->n_fields; i++) {
		const ui_field *fd = form_field(f, i);
		int h = form_field_rows(f, i, vw - 4);
		bool focused = i == f->focus;
		ui_edit *e = &f->values[i].text;
		if (y + h <= 1 || y >= rows) {
			y += h;
			continue;
		}
		char label[120];
		snprintf(label, sizeof(label), "%s%s", fd->label, fd->required ? " *" : "");
		if (y >= 1) {
			wattrset(w, focused ? A_BOLD : A_NORMAL);
			ui_put_cell(w, y, 1, label, FORM_LABEL_COLS, true);
			wattrset(w, A_NORMAL);
		}
		attr_t fa = ui_style(focused ? UI_S_FOCUS : UI_S_FIELD);
		switch (fd->type) {
		case UI_F_CHOICE: {
			const ui_choice *c;
			size_t n = form_choices(f, i, &c);
			int k = form_choice_index(f, i, c, n);
			/* A long label is cut with "…", never the ▾ that says Enter
			 * opens a list. */
			const char *chosen = k >= 0 ? c[k].label : "(chưa chọn)";
			int room = vw;
			int lw = ui_text_width(chosen, room);
			if (lw > room - 2)
				lw = room - 2;
			if (y >= 1) {
				wattrset(w, fa);
				ui_put_cut(w, y, vx, chosen, lw, false);
				ui_put_cell(w, y, vx + lw, " ▾", 2, false);
				wattrset(w, A_NORMAL);
				if (focused)
					ui_cursor_at(&f->cursor, y, vx);
			}
			break;
		}
		case UI_F_BOOL:
			if (y >= 1) {
				wattrset(w, fa);
				ui_put(w, y, vx, *e->buf ? "[x]" : "[ ]", 3);
				wattrset(w, A_NORMAL);
				if (focused)
					ui_cursor_at(&f->cursor, y, vx + 1);
			}
			break;
		case UI_F_CHECKS: {
			const ui_choice *c;
			size_t n = form_choices(f, i, &c);
			if (n == 0 && y >= 1)
				ui_put(w, y, vx, "(không có mục nào)", vw);
			int extra = form_item_extra(f, i, vw - 4);
			for (size_t k = 0; k < n; k++) {
				bool chosen = focused && (int)k == f->item;
				int yy = y + (int)k + (focused && (int)k > f->item ? extra : 0);
				if (chosen) /* its whole text, on the rows it needs */
					for (int l = 0, ly = yy; l <= extra; l++, ly++) {
						const char *t = c[k].label;
						for (int skip = 0; skip < l; skip++) {
							t += ui_wrap_next(t, vw - 4);
							while (*t == ' ')
								t++;
						}
						if (ly >= 1 && ly < rows)
							ui_putf(w, ly, vx + 4, vw - 4, "%.*s",
							        (int)ui_wrap_next(t, vw - 4), t);
					}
				if (yy < 1 || yy >= rows)
					continue;
				bool on = ui_form_checked(f, i, c[k].value);
				wattrset(w, chosen ? fa : A_NORMAL);
				ui_put(w, yy, vx, on ? "[x]" : "[ ]", 3);
				wattrset(w, A_NORMAL);
				if (!chosen || !extra)
					ui_put_cut(w, yy, vx + 4, c[k].label, vw - 4, false);
				if (focused && (int)k == f->item)
					ui_cursor_at(&f->cursor, yy, vx + 1);
			}
			break;
		}
		default: {
			if (y < 1)
				break;
			int width = fd->type == UI_F_DATE                               ? 12
			            : fd->type == UI_F_MONEY || fd->type == UI_F_NUMBER ? 20
			                                                                : vw;
			if (fd->type == UI_F_LONG && focused)
				width = vw - 14 > 10 ? vw - 14 : vw;
			size_t first;
			int ccol;
			ui_edit_view(e, width, &first, &ccol);
			wattrset(w, fa);
			/* Only the field being typed in scrolls; the others read
			 * from their first letter, "…" where they go on. */
			if (focused)
				ui_put_cell(w, y, vx, e->buf + first, width, false);
			else
				ui_put_cut(w, y, vx, e->buf, width, false);
			wattrset(w, A_NORMAL);
			if (fd->type == UI_F_MONEY)
				ui_put(w, y, vx + width + 1, "đồng", 5);
			else if (fd->type == UI_F_DATE)
				ui_put(w, y, vx + width + 1, "DD/MM/YYYY", 10);
			else if (fd->type == UI_F_LONG && focused) {
				wattrset(w, ui_style(UI_S_DIM));
				ui_put(w, y, vx + width + 1, "^E soạn thảo", 13);
				wattrset(w, A_NORMAL);
			}
			if (focused)
				ui_cursor_at(&f->cursor, y, vx + ccol);
		}
		}
		char note[200];
		if (form_note(f, i, note, sizeof(note))) {
			int ny = y + h - 1 - (f->values[i].error[0] ? 1 : 0);
			if (ny >= 1 && ny < rows) {
				wattrset(w, ui_style(UI_S_DIM));
				ui_put_cut(w, ny, vx, note, vw, false);
				wattrset(w, A_NORMAL);
			}
		}
		if (f->values[i].error[0]) {
			int ey = y + h - 1;
			if (ey >= 1 && ey < rows) {
				wattrset(w, ui_style(UI_S_ERROR));
				char msg[200];
				snprintf(msg, sizeof(msg), "⚠ %s", f->values[i].error);
				ui_put_cut(w, ey, vx, msg, vw, false);
				wattrset(w, A_NORMAL);
			}
		}
		y += h;
	}
}

static bool form_cursor(ui_view *v, int *y, int *x)
{
	return ui_cursor_get(&((ui_form *)v)->cursor, y, x);
}

/* SIGHUP/SIGTERM: what was typed becomes the login's draft. */
static int form_draft(ui_view *v)
{
	ui_form *f = (ui_form *)v;
	dh_ctx *ctx = v->ctx;
	if (!f->dirty || !ctx->store || !ctx->login)
		return DH_ENOTFOUND;
	dh_draft d;
	memset(&d, 0, sizeof(d));
	d.login = (char *)ctx->login;
	d.form = (char *)f->spec->name;
	if (form_has_target(f)) {
		uint64_t id = 0;
		uint32_t rev = 0;
		int type = 0;
		form_call_target(f, &type, &id, &rev);
		d.target_type = type;
		d.target_id = id;
		d.target_rev = rev;
	}
	int rc = 0;
	for (int i = 0; i < f->n_fields && rc == 0; i++) {
		size_t n = strlen(f->spec->fields[i].name) + f->values[i].text.len + 2;
		char *line = malloc(n);
		if (!line) {
			rc = DH_ENOMEM;
			break;
		}
		snprintf(line, n, "%s=%s", f->spec->fields[i].name, f->values[i].text.buf);
		rc = strlist_push(&d.fields, line);
		free(line);
	}
	if (rc == 0)
		rc = repo_draft_put(ctx->store, &d);
	strlist_clear(&d.fields);
	free(d.fields.v);
	return rc;
}

static bool form_unsaved(ui_view *v, char *what, size_t size)
{
	ui_form *f = (ui_form *)v;
	if (!f->dirty || f->readonly)
		return false;
	snprintf(what, size, "Biểu mẫu “%s” chưa lưu", f->title);
	return true;
}

void ui_form_apply_draft(ui_form *f, const dh_draft *d)
{
	for (size_t k = 0; k < d->fields.n; k++) {
		const char *line = d->fields.v[k];
		const char *eq = strchr(line, '=');
		if (!eq)
			continue;
		for (int i = 0; i < f->n_fields; i++) {
			const char *name = f->spec->fields[i].name;
			if (strlen(name) == (size_t)(eq - line) &&
			    memcmp(name, line, (size_t)(eq - line)) == 0) {
				const char *why = NULL;
				char *clean = utf8_clean(eq + 1, form_field(f, i)->type == UI_F_LONG, &why);
				if (clean) {
					ui_form_put(f, i, clean);
					free(clean);
				}
			}
		}
	}
	f->dirty = true;
}

#define PRESENCE_POLL_S    2   /* how often the form looks who else has it open */
#define PRESENCE_REFRESH_S 60  /* how often it says it is still open */
#define PRESENCE_MAX_AGE_S 180 /* older marks: a program that died */

static bool form_target_id(ui_form *f, int *type, uint64_t *id)
{
	uint32_t rev = 0;
	*type = 0;
	*id = 0;
	if (form_has_target(f))
		form_call_target(f, type, id, &rev);
	return *id != 0;
}

/* Another person with the same record open in a form: named on the
 * form's title line, within a couple of seconds. */
static unsigned form_idle(ui_view *v)
{
	ui_form *f = (ui_form *)v;
	dh_ctx *ctx = v->ctx;
	int64_t now = (int64_t)time(NULL);
	if (!ctx->store || !ctx->login || now - f->presence_polled < PRESENCE_POLL_S)
		return UI_R_NONE;
	f->presence_polled = now;
	int type;
	uint64_t id;
	if (!form_target_id(f, &type, &id))
		return UI_R_NONE;
	if (!f->presence_open || now - f->presence_stamp >= PRESENCE_REFRESH_S) {
		if (repo_presence_set(ctx->store, type, id, ctx->login, now, true) == 0)
			f->presence_open = true;
		f->presence_stamp = now;
	}
	char logins[200], names[200] = "";
	if (repo_presence_others(ctx->store, type, id, ctx->login, now, PRESENCE_MAX_AGE_S, logins,
	                         sizeof(logins)) != 0)
		return UI_R_NONE;
	size_t o = 0;
	for (char *save = NULL, *l = strtok_r(logins, ",", &save); l; l = strtok_r(NULL, ",", &save)) {
		const dh_person *p = ctx->cfg ? config_person(ctx->cfg, l) : NULL;
		if (o + 4 < sizeof(names))
			o += (size_t)snprintf(names + o, sizeof(names) - o, "%s%s", o ? ", " : "",
			                      p && p->name ? p->name : l);
	}
	if (strcmp(names, f->others) == 0)
		return UI_R_NONE;
	snprintf(f->others, sizeof(f->others), "%s", names);
	return UI_R_DRAW;
}

static void form_destroy(ui_view *v)
{
	ui_form *f = (ui_form *)v;
	int type;
	uint64_t id;
	if (f->presence_open && v->ctx->store && v->ctx->login && form_target_id(f, &type, &id))
		repo_presence_set(v->ctx->store, type, id, v->ctx->login, 0, false);
	if (f->loaded)
		for (int i = 0; i < f->n_fields; i++)
			free(f->loaded[i]);
	free(f->loaded);
	if (f->bound.destroy)
		f->bound.destroy(f);
	else if (f->spec->destroy)
		f->spec->destroy(f);
	for (int i = 0; i < f->n_fields; i++)
		ui_edit_free(&f->values[i].text);
	free(f->values);
	free(f);
}

static const ui_view_ops form_ops = {
    .bindings = form_keys,
    .title = form_title,
    .draw = form_draw,
    .key = form_key,
    .offers = form_offers,
    .typing = form_typing,
    .draft = form_draft,
    .unsaved = form_unsaved,
    .idle = form_idle,
    .cursor = form_cursor,
    .destroy = form_destroy,
};

ui_form *ui_form_new(ui_app *app, const ui_form_spec *spec, void *user)
{
	/* The spec's count, else the whole table, which ends with {0}; a
	 * form has at least one field. */
	int n = spec->n_fields;
	while (!spec->n_fields && spec->fields[n].name)
		n++;
	ui_form *f = n > 0 ? calloc(1, sizeof(*f)) : NULL;
	if (!f)
		return NULL;
	f->n_fields = n;
	f->values = calloc((size_t)f->n_fields, sizeof(*f->values));
	if (!f->values) {
		free(f);
		return NULL;
	}
	for (int i = 0; i < f->n_fields; i++) {
		const ui_field *fd = &spec->fields[i];
		size_t max = fd->max_bytes ? fd->max_bytes : FORM_DEFAULT_MAX;
		if (fd->type == UI_F_LONG && !fd->max_bytes)
			max = 20000;
		if (fd->type == UI_F_DATE)
			max = 10;
		if (ui_edit_init(&f->values[i].text, max, fd->type == UI_F_LONG) != 0) {
			for (int j = 0; j < i; j++)
				ui_edit_free(&f->values[j].text);
			free(f->values);
			free(f);
			return NULL;
		}
	}
	ui_view_init(&f->base, &form_ops, app);
	f->spec = spec;
	f->title = spec->title;
	f->user = user;
	f->loaded = calloc((size_t)f->n_fields, sizeof(*f->loaded));
	return f;
}
