/* scr_implementation.c — screen 6, Tổ chức thực hiện (section III of the
 * plan): for each department of the year, whether the plan was
 * disseminated to its staff (date, by whom, how many attended) and its
 * coordination notes with the Office. A department that has not
 * disseminated stands out: its row is drawn in the warning style (bold on
 * a vt100, colour elsewhere) and carries a "!" and the words "CHƯA", so
 * it shows without colour too.
 *
 * The year's dissemination and coordination records are few (a handful
 * per department), so each view reads them whole with repo_each, in its
 * own short read, and keeps copies; nothing is held between keys. */
#include "dienhinh/ui_app.h"

#include "dienhinh/buf.h"
#include "dienhinh/date.h"
#include "dienhinh/error.h"
#include "dienhinh/record.h"
#include "dienhinh/repo.h"
#include "dienhinh/ui_form.h"
#include "dienhinh/ui_list.h"
#include "dienhinh/ui_rows.h"
#include "dienhinh/ui_verbs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { IMPL_A_COORDINATE = UI_A__COUNT, IMPL_A_YEAR };

/* One entry of a department's log: a dissemination or a coordination note. */
typedef struct impl_entry {
	dh_rtype type; /* DH_R_DISSEMINATION or DH_R_COORDINATION */
	void *rec;
} impl_entry;

typedef struct impl_log {
	impl_entry *v;
	size_t n, cap;
} impl_log;

/* The year's records of one department, or of all (DEPT NULL). */
typedef struct impl_load {
	impl_log *log;
	int year;
	const char *dept;
	int rc;
} impl_load;

/* What the overview shows per department. */
typedef struct impl_dept {
	const dh_department *dept;
	int disseminated; /* live dissemination entries */
	int last_date;    /* the latest dissemination */
	char by[128];     /* who disseminated last */
	int attendees;    /* at the latest dissemination */
	int coordinated;  /* live coordination notes */
} impl_dept;

typedef struct impl_screen {
	ui_view base;
	ui_list list;
	int year;
	impl_dept *depts;
	size_t n_depts;
	size_t missing; /* departments that have not disseminated */
} impl_screen;

typedef struct impl_dept_view {
	ui_view base;
	ui_list list;
	int year;
	char dept[64];
	char title[200];
	impl_log log;
} impl_dept_view;

static ui_view *impl_dept_open(ui_app *app, const char *dept, int year);
static ui_form *impl_form_open(ui_app *app, dh_rtype type, const void *rec, const char *dept, int year);

/* --- helpers ---------------------------------------------------------------- */

static const dh_meta *impl_meta(const impl_entry *e)
{
	return e->rec;
}

static int impl_entry_date(const impl_entry *e)
{
	return e->type == DH_R_DISSEMINATION ? ((const dh_dissemination *)e->rec)->date
	                                     : ((const dh_coordination *)e->rec)->date;
}

static const char *impl_entry_dept(const impl_entry *e)
{
	return e->type == DH_R_DISSEMINATION ? ((const dh_dissemination *)e->rec)->department
	                                     : ((const dh_coordination *)e->rec)->department;
}

static void impl_log_clear(impl_log *log)
{
	for (size_t i = 0; i < log->n; i++)
		record_free(log->v[i].type, log->v[i].rec);
	log->n = 0;
}

static void impl_log_free(impl_log *log)
{
	impl_log_clear(log);
	free(log->v);
	memset(log, 0, sizeof(*log));
}

static int impl_collect(dh_rtype type, const void *rec, impl_load *ld)
{
	const dh_dissemination *d = rec; /* year and department sit alike in both */
	const dh_coordination *c = rec;
	int year = type == DH_R_DISSEMINATION ? d->year : c->year;
	const char *dept = type == DH_R_DISSEMINATION ? d->department : c->department;
	if (year != ld->year || (ld->dept && (!dept || strcmp(dept, ld->dept) != 0)))
		return 0;
	impl_log *log = ld->log;
	if (buf_reserve(&log->v, &log->cap, log->n + 1, sizeof(*log->v)))
		return ld->rc = DH_ENOMEM, -1;
	void *copy = record_dup(type, rec);
	if (!copy)
		return ld->rc = DH_ENOMEM, -1;
	log->v[log->n++] = (impl_entry){type, copy};
	return 0;
}

static int impl_collect_dis(const void *rec, void *arg)
{
	return impl_collect(DH_R_DISSEMINATION, rec, arg);
}

static int impl_collect_coo(const void *rec, void *arg)
{
	return impl_collect(DH_R_COORDINATION, rec, arg);
}

/* Newest first; a dissemination before a note of the same day. */
static int impl_entry_cmp(const void *a, const void *b)
{
	const impl_entry *x = a, *y = b;
	int dx = impl_entry_date(x), dy = impl_entry_date(y);
	if (dx != dy)
		return dx < dy ? 1 : -1;
	if (x->type != y->type)
		return x->type == DH_R_DISSEMINATION ? -1 : 1;
	uint64_t ix = impl_meta(x)->id, iy = impl_meta(y)->id;
	return ix < iy ? 1 : ix > iy ? -1 : 0;
}

static int impl_load_log(dh_store *st, impl_log *log, int year, const char *dept)
{
	impl_log_clear(log);
	impl_load ld = {log, year, dept, 0};
	if (!st)
		return 0;
	int rc = repo_each(st, DH_R_DISSEMINATION, impl_collect_dis, &ld);
	if (rc == 0)
		rc = repo_each(st, DH_R_COORDINATION, impl_collect_coo, &ld);
	if (log->n)
		qsort(log->v, log->n, sizeof(*log->v), impl_entry_cmp);
	return ld.rc ? ld.rc : rc;
}

/* --- the overview of departments ----------------------------------------- */

static const ui_list_column impl_columns[] = {
    {"", 1, false},     {"Đơn vị", 0, false},  {"Quán triệt", 10, false}, {"Người thực hiện", 18, false},
    {"Số dự", 5, true}, {"Phối hợp", 8, true},
};

static void impl_summarise(void *ctx)
{
	impl_screen *s = ctx;
	const dh_config *cfg = s->base.ctx->cfg;
	impl_log log = {0};
	free(s->depts);
	s->n_depts = 0;
	s->missing = 0;
	s->depts = calloc(cfg->n_departments ? cfg->n_departments : 1, sizeof(*s->depts));
	if (!s->depts)
		return;
	s->n_depts = cfg->n_departments;
	for (size_t i = 0; i < cfg->n_departments; i++)
		s->depts[i].dept = &cfg->departments[i];
	if (impl_load_log(s->base.ctx->store, &log, s->year, NULL) != 0)
		ui_error(s->base.app, "Không đọc được dữ liệu: %s", dh_strerror(DH_EIO));
	for (size_t k = 0; k < log.n; k++) {
		const impl_entry *e = &log.v[k];
		if (impl_meta(e)->deleted)
			continue;
		const char *dept = impl_entry_dept(e);
		for (size_t i = 0; i < s->n_depts; i++) {
			impl_dept *d = &s->depts[i];
			if (!dept || strcmp(d->dept->id, dept) != 0)
				continue;
			if (e->type == DH_R_COORDINATION) {
				d->coordinated++;
				break;
			}
			const dh_dissemination *r = e->rec;
			d->disseminated++;
			if (r->date >= d->last_date) {
				d->last_date = r->date;
				snprintf(d->by, sizeof(d->by), "%s", r->by ? r->by : "");
				d->attendees = r->attendees;
			}
			break;
		}
	}
	for (size_t i = 0; i < s->n_depts; i++)
		if (!s->depts[i].disseminated)
			s->missing++;
	impl_log_free(&log);
}

static size_t impl_count(void *ctx)
{
	return ((impl_screen *)ctx)->n_depts;
}

/* Row I is department I; its id is I + 1. */
static void impl_fill(void *ctx, size_t i, ui_list_row *row)
{
	const impl_screen *s = ctx;
	const impl_dept *d = &s->depts[i];
	char date[11];
	row->style = d->disseminated ? UI_S_NORMAL : UI_S_WARN;
	snprintf(row->cells[0], UI_LIST_CELL, "%s", d->disseminated ? " " : "!");
	snprintf(row->cells[1], UI_LIST_CELL, "%s", d->dept->name);
	if (d->disseminated) {
		snprintf(row->cells[2], UI_LIST_CELL, "%s", date_vn(d->last_date, date));
		snprintf(row->cells[3], UI_LIST_CELL, "%s", d->by);
		snprintf(row->cells[4], UI_LIST_CELL, "%d", d->attendees);
	} else {
		snprintf(row->cells[2], UI_LIST_CELL, "CHƯA");
		/* Say what to do, to whoever may do it; "CHƯA" says the rest. */
		snprintf(row->cells[3], UI_LIST_CELL, "%s",
		         wf_may_for(s->base.ctx, DH_ACT_DISSEMINATE, d->dept->id) ? "bấm a để ghi" : "");
		row->cells[4][0] = '\0';
	}
	if (d->coordinated)
		snprintf(row->cells[5], UI_LIST_CELL, "%d lần", d->coordinated);
	else
		snprintf(row->cells[5], UI_LIST_CELL, "—");
}

static const ui_list_source impl_source = {
    .columns = impl_columns,
    .n_columns = 6,
    .count = impl_count,
    .fill_at = impl_fill,
    .reload = impl_summarise,
    .empty_text = "Cấu hình chưa khai báo đơn vị nào.",
};

static const ui_binding impl_keys[] = {
    {UI_A_OPEN, "Enter", {UI_ENTER}, "Mở", "Mở sổ quán triệt, phối hợp của đơn vị đang chọn", false},
    {UI_A_ADD, "a", {'a'}, "Quán triệt", "Ghi buổi quán triệt kế hoạch của đơn vị đang chọn", false},
    {IMPL_A_COORDINATE, "p", {'p'}, "Phối hợp", "Ghi phối hợp với Văn phòng của đơn vị đang chọn", false},
    {IMPL_A_YEAR, "←/→", {UI_K(KEY_LEFT), UI_K(KEY_RIGHT)}, "Năm", "Xem năm trước / năm sau", false},
    UI_LIST_BINDINGS,
    {0},
};

static const impl_dept *impl_current(impl_screen *s)
{
	const ui_list_row *row = ui_list_current(&s->list);
	if (!row || row->id < 1 || row->id > s->n_depts)
		return NULL;
	return &s->depts[row->id - 1];
}

static bool impl_offers(ui_view *v, int action)
{
	impl_screen *s = (impl_screen *)v;
	const impl_dept *d = impl_current(s);
	switch (action) {
	case UI_A_OPEN: return d != NULL;
	case UI_A_ADD: return d && wf_may_for(v->ctx, DH_ACT_DISSEMINATE, d->dept->id);
	case IMPL_A_COORDINATE: return d && wf_may_for(v->ctx, DH_ACT_COORDINATE, d->dept->id);
	case UI_A_FILTER:
	case UI_A_SORT: return false;
	}
	return true;
}

static void impl_set_year(impl_screen *s, int year)
{
	if (year < 2000 || year > 2100)
		return;
	s->year = year;
	ui_list_reload(&s->list);
}

/* Refused by the core (a department head of another department...): say who may. */
static unsigned impl_refuse(ui_view *v, dh_action a)
{
	if (ui_refused(v->app, wf_check(v->ctx, a)))
		return UI_R_DRAW;
	char who[200];
	wf_who_may(v->ctx->cfg, a, who, sizeof(who));
	ui_error(v->app, "Chỉ %s (của đơn vị) được %s.", who, wf_action_label(a));
	return UI_R_DRAW;
}

static unsigned impl_add(ui_view *v, dh_action a, const char *dept, int year)
{
	if (!wf_may_for(v->ctx, a, dept))
		return impl_refuse(v, a);
	return ui_form_push(
	    v->app, impl_form_open(v->app, a == DH_ACT_DISSEMINATE ? DH_R_DISSEMINATION : DH_R_COORDINATION,
	                           NULL, dept, year));
}

static unsigned impl_key(ui_view *v, int action, int key)
{
	impl_screen *s = (impl_screen *)v;
	const impl_dept *d = impl_current(s);
	switch (action) {
	case IMPL_A_YEAR: impl_set_year(s, s->year + (key == UI_K(KEY_LEFT) ? -1 : 1)); return UI_R_DRAW;
	case UI_A_OPEN: {
		if (!d)
			return UI_R_DRAW;
		ui_view *dv = impl_dept_open(v->app, d->dept->id, s->year);
		if (dv)
			ui_push(v->app, dv);
		return UI_R_DRAW;
	}
	case UI_A_ADD: return d ? impl_add(v, DH_ACT_DISSEMINATE, d->dept->id, s->year) : UI_R_DRAW;
	case IMPL_A_COORDINATE: return d ? impl_add(v, DH_ACT_COORDINATE, d->dept->id, s->year) : UI_R_DRAW;
	}
	return UI_R_NONE;
}

static void impl_draw(ui_view *v, WINDOW *w)
{
	impl_screen *s = (impl_screen *)v;
	int cols = getmaxx(w);
	size_t done = s->n_depts - s->missing;
	wattrset(w, ui_style(UI_S_TITLE));
	int x = 1 + ui_putf(w, 0, 1, cols - 2, "Năm %d · đã quán triệt %zu/%zu đơn vị", s->year, done,
	                    s->n_depts);
	if (s->missing) {
		wattrset(w, ui_style(UI_S_WARN));
		ui_putf(w, 0, x, cols - x - 1, " · ! chưa quán triệt: %zu", s->missing);
	} else if (s->n_depts) {
		wattrset(w, ui_style(UI_S_OK));
		ui_put(w, 0, x, " · tất cả đã quán triệt", cols - x - 1);
	}
	wattrset(w, A_NORMAL);
	ui_list_draw(&s->list, w, 1, 0, getmaxy(w) - 1, cols);
}

static void impl_destroy(ui_view *v)
{
	free(((impl_screen *)v)->depts);
}

static int impl_start(ui_view *v, const void *arg)
{
	impl_screen *s = (impl_screen *)v;
	(void)arg;
	s->year = v->ctx->cfg->plan.year;
	return ui_list_view_start(v, &s->list, &impl_source);
}

const ui_view_ops ui_implementation_view = {
    .size = sizeof(impl_screen),
    .start = impl_start,
    .bindings = impl_keys,
    .draw = impl_draw,
    .key = impl_key,
    .offers = impl_offers,
    .destroy = impl_destroy,
};

/* --- one department's log --------------------------------------------------- */

static const ui_list_column impl_log_columns[] = {
    {"Việc", 10, false}, {"Ngày", 10, false},    {"Người thực hiện", 16, false},
    {"Số dự", 5, true},  {"Nội dung", 0, false},
};

static size_t impl_log_count(void *ctx)
{
	return ((impl_dept_view *)ctx)->log.n;
}

/* Row I is the log's entry I; its id is I + 1. */
static void impl_log_fill(void *ctx, size_t i, ui_list_row *row)
{
	const impl_dept_view *dv = ctx;
	const impl_entry *e = &dv->log.v[i];
	const dh_meta *m = impl_meta(e);
	char date[11];
	row->style = m->deleted ? UI_S_DIM : UI_S_NORMAL;
	if (e->type == DH_R_DISSEMINATION) {
		const dh_dissemination *r = e->rec;
		snprintf(row->cells[0], UI_LIST_CELL, "Quán triệt");
		snprintf(row->cells[1], UI_LIST_CELL, "%s", date_vn(r->date, date));
		snprintf(row->cells[2], UI_LIST_CELL, "%s", r->by ? r->by : "");
		snprintf(row->cells[3], UI_LIST_CELL, "%d", r->attendees);
		ui_rows_named(row, 4, m, r->notes);
	} else {
		const dh_coordination *r = e->rec;
		snprintf(row->cells[0], UI_LIST_CELL, "Phối hợp");
		snprintf(row->cells[1], UI_LIST_CELL, "%s", date_vn(r->date, date));
		snprintf(row->cells[2], UI_LIST_CELL, "%s", r->by ? r->by : "");
		row->cells[3][0] = '\0';
		ui_rows_named(row, 4, m, r->notes);
	}
}

static void impl_log_reload(void *ctx)
{
	impl_dept_view *dv = ctx;
	if (impl_load_log(dv->base.ctx->store, &dv->log, dv->year, dv->dept) != 0)
		ui_error(dv->base.app, "Không đọc được dữ liệu: %s", dh_strerror(DH_EIO));
}

static const ui_list_source impl_log_source = {
    .columns = impl_log_columns,
    .n_columns = 5,
    .count = impl_log_count,
    .fill_at = impl_log_fill,
    .reload = impl_log_reload,
    .empty_text = "Chưa ghi buổi quán triệt hay phối hợp nào. Bấm a hoặc p để thêm.",
};

static const ui_binding impl_log_keys[] = {
    {UI_A_ADD, "a", {'a'}, "Quán triệt", "Ghi buổi quán triệt kế hoạch", false},
    {IMPL_A_COORDINATE, "p", {'p'}, "Phối hợp", "Ghi phối hợp với Văn phòng", false},
    {UI_A_OPEN, "Enter/e", {UI_ENTER, 'e'}, "Mở", "Mở / sửa dòng đang chọn", false},
    {UI_A_DELETE, "x", {'x'}, NULL, NULL, false},
    {UI_A_CANCEL, "Esc", {UI_ESC}, "Quay lại", "Về danh sách đơn vị", true},
    UI_LIST_BINDINGS,
    {0},
};

static const impl_entry *impl_log_current(impl_dept_view *dv)
{
	const ui_list_row *row = ui_list_current(&dv->list);
	if (!row || row->id < 1 || row->id > dv->log.n)
		return NULL;
	return &dv->log.v[row->id - 1];
}

static bool impl_log_offers(ui_view *v, int action)
{
	impl_dept_view *dv = (impl_dept_view *)v;
	const impl_entry *e = impl_log_current(dv);
	switch (action) {
	case UI_A_ADD: return wf_may_for(v->ctx, DH_ACT_DISSEMINATE, dv->dept);
	case IMPL_A_COORDINATE: return wf_may_for(v->ctx, DH_ACT_COORDINATE, dv->dept);
	case UI_A_OPEN: return e != NULL;
	case UI_A_DELETE: return e && !impl_meta(e)->deleted && wf_may_for(v->ctx, DH_ACT_DELETE, dv->dept);
	case UI_A_CANCEL: return true;
	case UI_A_FILTER:
	case UI_A_SORT: return false;
	}
	return true;
}

static unsigned impl_log_key(ui_view *v, int action, int key)
{
	impl_dept_view *dv = (impl_dept_view *)v;
	(void)key;
	const impl_entry *e = impl_log_current(dv);
	switch (action) {
	case UI_A_CANCEL: return UI_R_POP;
	case UI_A_ADD: return impl_add(v, DH_ACT_DISSEMINATE, dv->dept, dv->year);
	case IMPL_A_COORDINATE: return impl_add(v, DH_ACT_COORDINATE, dv->dept, dv->year);
	case UI_A_OPEN: {
		if (!e)
			return UI_R_DRAW;
		return ui_form_push(v->app, impl_form_open(v->app, e->type, e->rec, dv->dept, dv->year));
	}
	case UI_A_DELETE: {
		if (!e)
			return UI_R_DRAW;
		char q[200], date[11];
		snprintf(q, sizeof(q), "Xóa %s ngày %s? (vẫn lưu vết trong nhật ký)",
		         e->type == DH_R_DISSEMINATION ? "buổi quán triệt" : "ghi chép phối hợp",
		         date_vn(impl_entry_date(e), date));
		return ui_delete_asked(v->app, e->type, impl_meta(e)->id, q,
		                       "Xóa từ màn hình Tổ chức thực hiện");
	}
	}
	return UI_R_NONE;
}

static const char *impl_log_title(ui_view *v)
{
	return ((impl_dept_view *)v)->title;
}

static void impl_log_draw(ui_view *v, WINDOW *w)
{
	impl_dept_view *dv = (impl_dept_view *)v;
	int cols = getmaxx(w);
	int dis = 0, coo = 0;
	for (size_t i = 0; i < dv->log.n; i++) {
		const impl_entry *e = &dv->log.v[i];
		if (impl_meta(e)->deleted)
			continue;
		if (e->type == DH_R_DISSEMINATION)
			dis++;
		else
			coo++;
	}
	/* The counts first: the department's name is also in the header. */
	int x = 1;
	if (dis) {
		wattrset(w, ui_style(UI_S_TITLE));
		x += ui_putf(w, 0, x, cols - x - 1, "Năm %d · quán triệt %d lần", dv->year, dis);
	} else {
		wattrset(w, ui_style(UI_S_WARN));
		x += ui_putf(w, 0, x, cols - x - 1, "Năm %d · ! CHƯA quán triệt", dv->year);
	}
	wattrset(w, ui_style(UI_S_TITLE));
	ui_putf(w, 0, x, cols - x - 1, " · phối hợp %d lần · %s", coo,
	        config_department_name(v->ctx->cfg, dv->dept));
	wattrset(w, A_NORMAL);
	ui_list_draw(&dv->list, w, 1, 0, getmaxy(w) - 1, cols);
}

static void impl_log_destroy(ui_view *v)
{
	impl_log_free(&((impl_dept_view *)v)->log);
}

/* The department and year impl_dept_open shows. */
typedef struct impl_dept_for {
	const char *dept;
	int year;
} impl_dept_for;

static int impl_log_start(ui_view *v, const void *arg)
{
	impl_dept_view *dv = (impl_dept_view *)v;
	const impl_dept_for *of = arg;
	dv->year = of->year;
	snprintf(dv->dept, sizeof(dv->dept), "%s", of->dept);
	snprintf(dv->title, sizeof(dv->title), "%s", config_department_name(v->ctx->cfg, of->dept));
	return ui_list_view_start(v, &dv->list, &impl_log_source);
}

static const ui_view_ops impl_log_ops = {
    .size = sizeof(impl_dept_view),
    .start = impl_log_start,
    .bindings = impl_log_keys,
    .title = impl_log_title,
    .draw = impl_log_draw,
    .key = impl_log_key,
    .offers = impl_log_offers,
    .destroy = impl_log_destroy,
};

static ui_view *impl_dept_open(ui_app *app, const char *dept, int year)
{
	const impl_dept_for of = {dept, year};
	return ui_view_open(app, &impl_log_ops, &of);
}

/* --- the forms ---------------------------------------------------------------- */

enum { IF_DEPARTMENT, IF_DATE, IF_BY, IF_ATTENDEES, IF_NOTES, IF__COUNT };

static const ui_field impl_dis_fields[] = {
    [IF_DEPARTMENT] = {"department", "Đơn vị", UI_F_CHOICE, 0, true, 0, 0, .bind = "department"},
    [IF_DATE] = {"date", "Ngày quán triệt", UI_F_DATE, 0, true, 0, 0, .bind = "date"},
    [IF_BY] = {"by", "Người quán triệt", UI_F_TEXT, 200, false, 0, 0, .bind = "by"},
    [IF_ATTENDEES] = {"attendees", "Số người dự", UI_F_NUMBER, 7, false, 0, 100000, .bind = "attendees"},
    [IF_NOTES] = {"notes", "Nội dung", UI_F_LONG, 20000, false, 0, 0, .bind = "notes"},
    {0},
};

/* A coordination note has no attendees: the same table without that row. */
enum { CF_DEPARTMENT, CF_DATE, CF_BY, CF_NOTES, CF__COUNT };

static const ui_field impl_coo_fields[] = {
    [CF_DEPARTMENT] = {"department", "Đơn vị", UI_F_CHOICE, 0, true, 0, 0, .bind = "department"},
    [CF_DATE] = {"date", "Ngày", UI_F_DATE, 0, true, 0, 0, .bind = "date"},
    [CF_BY] = {"by", "Người thực hiện", UI_F_TEXT, 200, false, 0, 0, .bind = "by"},
    [CF_NOTES] = {"notes", "Nội dung phối hợp", UI_F_LONG, 20000, false, 0, 0, .bind = "notes"},
    {0},
};

typedef struct impl_form {
	ui_choice *depts;
	size_t n_depts;
	/* A new entry's department, year and who did it. */
	const char *dept;
	const char *by;
	int year;
} impl_form;

static size_t impl_form_choices(ui_form *f, int field, const ui_choice **out)
{
	impl_form *fm = f->user;
	if (field != IF_DEPARTMENT) /* the same index in both tables */
		return 0;
	*out = fm->depts;
	return fm->n_depts;
}

/* A new dissemination asks for its attendees: no "0" to type over. */
static void impl_dis_load(ui_form *f, const void *rec)
{
	const dh_dissemination *r = rec;
	if (!r->meta.id && !r->attendees)
		ui_form_set(f, IF_ATTENDEES, "");
}

static int impl_form_check(ui_form *f, void *rec)
{
	/* Both records keep their department at the same place. */
	const char *dept = f->spec->fields == impl_dis_fields ? ((dh_dissemination *)rec)->department
	                                                      : ((dh_coordination *)rec)->department;
	if (!config_department(f->base.ctx->cfg, dept)) {
		ui_form_error(f, IF_DEPARTMENT, "Chọn một đơn vị trong danh sách");
		return DH_EINVAL;
	}
	return 0;
}

static void impl_dis_defaults(ui_form *f, void *rec)
{
	const impl_form *fm = f->user;
	dh_dissemination *r = rec;
	r->year = fm->year;
	r->date = f->base.ctx->today;
	record_set_str(&r->department, fm->dept);
	record_set_str(&r->by, fm->by);
}

static void impl_coo_defaults(ui_form *f, void *rec)
{
	const impl_form *fm = f->user;
	dh_coordination *r = rec;
	r->year = fm->year;
	r->date = f->base.ctx->today;
	record_set_str(&r->department, fm->dept);
	record_set_str(&r->by, fm->by);
}

static int impl_dis_write(dh_ctx *ctx, const void *rec, uint64_t *id)
{
	return wf_dissemination_save(ctx, rec, id);
}

static int impl_coo_write(dh_ctx *ctx, const void *rec, uint64_t *id)
{
	return wf_coordination_save(ctx, rec, id);
}

static void impl_form_free(void *user)
{
	impl_form *fm = user;
	free(fm->depts);
	free(fm);
}

static const ui_form_spec impl_dis_spec = {
    .name = "dissemination",
    .title = "Quán triệt kế hoạch",
    .fields = impl_dis_fields,
    .choices = impl_form_choices,
    .type = DH_R_DISSEMINATION,
    .write = impl_dis_write,
    .defaults = impl_dis_defaults,
    .load = impl_dis_load,
    .check = impl_form_check,
    .free_user = impl_form_free,
};

static const ui_form_spec impl_coo_spec = {
    .name = "coordination",
    .title = "Phối hợp với Văn phòng",
    .fields = impl_coo_fields,
    .choices = impl_form_choices,
    .type = DH_R_COORDINATION,
    .write = impl_coo_write,
    .defaults = impl_coo_defaults,
    .check = impl_form_check,
    .free_user = impl_form_free,
};

/* Who disseminated in DEPT: me in my own department, else its head. */
static const char *impl_default_by(const dh_ctx *ctx, const char *dept)
{
	const dh_config *cfg = ctx->cfg;
	bool mine =
	    ctx->person && ctx->person->department && dept && strcmp(ctx->person->department, dept) == 0;
	for (size_t i = 0; !mine && dept && i < cfg->n_people; i++)
		if ((cfg->people[i].roles & DH_ROLE_DEPT_HEAD) && cfg->people[i].department &&
		    strcmp(cfg->people[i].department, dept) == 0)
			return cfg->people[i].name;
	return ctx->person ? ctx->person->name : ctx->login;
}

/* A form over REC (NULL: a new entry of DEPT for YEAR, dated today). */
static ui_form *impl_form_open(ui_app *app, dh_rtype type, const void *rec, const char *dept, int year)
{
	dh_ctx *ctx = ui_ctx(app);
	const dh_config *cfg = ctx->cfg;
	bool dis = type == DH_R_DISSEMINATION;
	dh_action a = dis ? DH_ACT_DISSEMINATE : DH_ACT_COORDINATE;
	impl_form *fm = calloc(1, sizeof(*fm));
	if (!fm)
		return NULL;
	fm->depts = calloc(cfg->n_departments + 1, sizeof(*fm->depts));
	if (!fm->depts) {
		free(fm);
		return NULL;
	}
	/* Only the departments I may write for (a department head: my own). */
	for (size_t i = 0; i < cfg->n_departments; i++)
		if (wf_may_for(ctx, a, cfg->departments[i].id) ||
		    (dept && strcmp(dept, cfg->departments[i].id) == 0))
			fm->depts[fm->n_depts++] =
			    (ui_choice){cfg->departments[i].id, cfg->departments[i].name};
	fm->dept = dept;
	fm->by = impl_default_by(ctx, dept);
	fm->year = year;
	ui_form *f = ui_form_open(app, dis ? &impl_dis_spec : &impl_coo_spec, rec, fm);
	if (!f)
		return NULL;
	fm->dept = fm->by = NULL; /* used by the defaults only; not ours to keep */
	const char *d =
	    dis ? ((dh_dissemination *)f->rec)->department : ((dh_coordination *)f->rec)->department;
	f->readonly = ((const dh_meta *)f->rec)->deleted || !wf_may_for(ctx, a, d);
	ui_form_focus(f, rec ? IF_DATE : (dis ? IF_ATTENDEES : CF_NOTES));
	return f;
}

/* --- drafts ---------------------------------------------------------------- */

bool ui_implementation_restore(ui_app *app, const dh_draft *d)
{
	dh_ctx *ctx = ui_ctx(app);
	if (!d->form)
		return false;
	dh_rtype type;
	if (strcmp(d->form, "dissemination") == 0)
		type = DH_R_DISSEMINATION;
	else if (strcmp(d->form, "coordination") == 0)
		type = DH_R_COORDINATION;
	else
		return false;
	void *rec = NULL;
	if (d->target_id && repo_get(ctx->store, type, d->target_id, &rec) != 0)
		return false;
	const char *dept = NULL;
	for (size_t k = 0; k < d->fields.n; k++)
		if (strncmp(d->fields.v[k], "department=", 11) == 0)
			dept = d->fields.v[k] + 11;
	ui_form *f = impl_form_open(app, type, rec, dept, ctx->cfg->plan.year);
	if (rec)
		record_free(type, rec);
	/* Saving checks against the revision the typing started from. */
	return ui_form_restore(app, f, d, true);
}
