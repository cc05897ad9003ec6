/* scr_selection_lists.c — screen 3's data and its four lists: the plan
 * year's registrations (sorted, filtered through the lookup engine, a
 * department head's own), the departments' answers, the proposals and the
 * recognition decisions, each gathered in short read transactions at
 * reload; the list sources over them; and the row under the cursor. */
#include "scr_selection.h"

#include "dienhinh/buf.h"
#include "dienhinh/date.h"
#include "dienhinh/error.h"
#include "dienhinh/lookup.h"
#include "dienhinh/repo.h"
#include "dienhinh/ui_rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEL_FILTER_LIMIT 50000 /* lookup hits kept while filtering */

int sel_dept_index(const dh_config *cfg, const char *id)
{
	for (size_t i = 0; id && i < cfg->n_departments; i++)
		if (strcmp(cfg->departments[i].id, id) == 0)
			return (int)i;
	return -1;
}

void sel_select_after(sel_screen *s, int mode, uint64_t id)
{
	if (s && mode >= 0 && mode < SEL__MODES)
		s->select[mode] = id;
}

/* --- gathering --------------------------------------------------------------- */

static int reg_collect(const void *rec, void *arg)
{
	sel_screen *s = arg;
	const dh_registration *r = rec;
	if (r->meta.deleted || r->year != s->year)
		return 0;
	if (buf_reserve(&s->regs, &s->cap_regs, s->n_regs + 1, sizeof(*s->regs)))
		return -1;
	sel_reg *g = &s->regs[s->n_regs++];
	g->id = r->meta.id;
	g->candidate_id = r->candidate_id;
	g->date = r->date;
	g->status = r->status;
	g->dept = sel_dept_index(s->base.ctx->cfg, r->department);
	g->complete = r->complete;
	g->late = r->late_reason && *r->late_reason;
	return 0;
}

enum { REG_SORT_NEWEST, REG_SORT_OLDEST, REG_SORT_DEPT, REG_SORT_STATUS, REG_SORTS };
static const char *const reg_sort_names[REG_SORTS] = {"mới nhất", "cũ nhất", "đơn vị", "trạng thái"};

static int reg_by_newest(const void *a, const void *b)
{
	const sel_reg *x = a, *y = b;
	if (x->date != y->date)
		return x->date < y->date ? 1 : -1;
	return x->id < y->id ? 1 : x->id > y->id ? -1 : 0;
}

static int reg_by_oldest(const void *a, const void *b)
{
	return reg_by_newest(b, a);
}

static int reg_by_dept(const void *a, const void *b)
{
	const sel_reg *x = a, *y = b;
	if (x->dept != y->dept)
		return x->dept < y->dept ? -1 : 1;
	return reg_by_newest(a, b);
}

/* What needs someone's attention first: waiting for the check, then
 * accepted, then returned and withdrawn. */
static int reg_by_status(const void *a, const void *b)
{
	const sel_reg *x = a, *y = b;
	if (x->status != y->status)
		return x->status < y->status ? -1 : 1;
	return reg_by_newest(a, b);
}

static int id_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* The filter finds candidates through the lookup engine, so "nguyen"
 * finds "Nguyễn". */
void sel_reg_arrange(sel_screen *s)
{
	static int (*const cmp[REG_SORTS])(const void *, const void *) = {reg_by_newest, reg_by_oldest,
	                                                                  reg_by_dept, reg_by_status};
	if (s->n_regs)
		qsort(s->regs, s->n_regs, sizeof(*s->regs), cmp[s->reg_sort]);
	free(s->shown);
	s->shown = malloc((s->n_regs ? s->n_regs : 1) * sizeof(*s->shown));
	s->n_shown = 0;
	if (!s->shown)
		return;
	uint64_t *hits_id = NULL;
	size_t n_hits = 0;
	bool filtered = s->reg_filter && *s->reg_filter;
	if (filtered && s->base.ctx->store) {
		dh_hit *hits = NULL;
		dh_lookup_opts opts = {
		    .recognised_only = false, .limit = SEL_FILTER_LIMIT, .cfg = s->base.ctx->cfg};
		if (lookup_search(s->base.ctx->store, s->reg_filter, &opts, &hits, &n_hits) != 0)
			n_hits = 0;
		hits_id = malloc((n_hits ? n_hits : 1) * sizeof(*hits_id));
		for (size_t i = 0; hits_id && i < n_hits; i++)
			hits_id[i] = hits[i].id;
		free(hits);
		if (!hits_id)
			n_hits = 0;
		if (hits_id)
			qsort(hits_id, n_hits, sizeof(*hits_id), id_cmp);
	}
	for (size_t i = 0; i < s->n_regs; i++)
		if ((!s->mine_only || s->regs[i].dept == s->my_dept) &&
		    (!filtered || (hits_id && bsearch(&s->regs[i].candidate_id, hits_id, n_hits,
		                                      sizeof(*hits_id), id_cmp))))
			s->shown[s->n_shown++] = i;
	free(hits_id);
}
static int nil_collect(const void *rec, void *arg)
{
	sel_screen *s = arg;
	const dh_nil_return *n = rec;
	if (n->meta.deleted || n->year != s->year)
		return 0;
	int i = sel_dept_index(s->base.ctx->cfg, n->department);
	if (i < 0)
		return 0;
	sel_dept *d = &s->depts[i];
	d->nil_id = n->meta.id;
	d->nil_date = n->date;
	free(d->nil_by);
	d->nil_by = n->by ? strdup(n->by) : NULL;
	return 0;
}

static void depts_gather(sel_screen *s)
{
	const dh_config *cfg = s->base.ctx->cfg;
	for (size_t i = 0; i < cfg->n_departments; i++) {
		free(s->depts[i].nil_by);
		memset(&s->depts[i], 0, sizeof(s->depts[i]));
	}
	for (size_t i = 0; i < s->n_regs; i++) {
		const sel_reg *g = &s->regs[i];
		if (g->dept >= 0 && (g->status == DH_REG_SUBMITTED || g->status == DH_REG_ACCEPTED))
			s->depts[g->dept].registered++;
	}
	s->n_answered = 0;
	if (!s->base.ctx->store)
		return;
	repo_each(s->base.ctx->store, DH_R_NIL_RETURN, nil_collect, s);
	bool *answered = calloc(cfg->n_departments + 1, sizeof(*answered));
	if (answered && wf_departments_answered(s->base.ctx, s->year, answered) == 0)
		for (size_t i = 0; i < cfg->n_departments; i++) {
			s->depts[i].answered = answered[i];
			s->n_answered += answered[i];
		}
	free(answered);
}

/* Which records sel_records_read keeps: live ones of the year, and of
 * the decisions only the recognitions. */
typedef struct rec_wanted {
	int type;
	int year;
} rec_wanted;

static bool rec_keep(const void *rec, const void *arg)
{
	const rec_wanted *w = arg;
	if (((const dh_meta *)rec)->deleted)
		return false;
	switch (w->type) {
	case DH_R_PROPOSAL: return ((const dh_proposal *)rec)->year == w->year;
	case DH_R_SESSION: return ((const dh_session *)rec)->year == w->year;
	case DH_R_DECISION: {
		const dh_decision *d = rec;
		return d->year == w->year && d->type == DH_DEC_RECOGNITION;
	}
	}
	return true;
}

int sel_records_read(ui_items *r, dh_store *st, int year)
{
	ui_items_clear(r);
	rec_wanted w = {r->type, year};
	int err = ui_items_read(r, st, rec_keep, &w);
	ui_items_reverse(r);
	return err;
}

static int approved_count(const void *rec, void *arg)
{
	sel_screen *s = arg;
	const dh_candidate *c = rec;
	if (!c->meta.deleted && c->stage == DH_STAGE_APPROVED) {
		s->approved++;
		s->approved_held += c->on_hold;
	}
	return 0;
}

void sel_cur_forget(sel_screen *s)
{
	record_free(DH_R_REGISTRATION, s->cur_reg);
	record_free(DH_R_CANDIDATE, s->cur_cand);
	s->cur_reg = NULL;
	s->cur_cand = NULL;
	s->cur_reg_id = 0;
}

void sel_gather(sel_screen *s)
{
	dh_store *st = s->base.ctx->store;
	sel_cur_forget(s);
	s->n_regs = 0;
	if (st)
		repo_each(st, DH_R_REGISTRATION, reg_collect, s);
	sel_reg_arrange(s);
	depts_gather(s);
	s->approved = s->approved_held = 0;
	if (st && s->mode == SEL_DEC)
		repo_each(st, DH_R_CANDIDATE, approved_count, s);
}

/* --- list sources ------------------------------------------------------------- */

static const ui_list_column reg_columns[] = {
    {"Ngày", 10, false},       {"Nhân tố đăng ký", 0, false}, {"Đơn vị", 13, false},
    {"Trạng thái", 13, false}, {"Ghi chú", 16, false},
};

static void note_add(char *buf, size_t size, const char *word)
{
	size_t o = strlen(buf);
	snprintf(buf + o, size - o, "%s%s", o ? ", " : "", word);
}

static void reg_fill(sel_screen *s, const sel_reg *g, ui_list_row *row)
{
	const dh_config *cfg = s->base.ctx->cfg;
	char day[11];
	void *rec = NULL;
	const dh_candidate *c = NULL;
	if (s->base.ctx->store && repo_get(s->base.ctx->store, DH_R_CANDIDATE, g->candidate_id, &rec) == 0)
		c = rec;
	row->id = g->id;
	row->style = g->status == DH_REG_RETURNED || g->status == DH_REG_WITHDRAWN ? UI_S_DIM : UI_S_NORMAL;
	snprintf(row->cells[0], UI_LIST_CELL, "%s", date_vn(g->date, day));
	snprintf(row->cells[1], UI_LIST_CELL, "%s", c && c->name ? c->name : "?");
	snprintf(row->cells[2], UI_LIST_CELL, "%s",
	         g->dept >= 0 ? config_department_short(cfg, cfg->departments[g->dept].id) : "");
	snprintf(row->cells[3], UI_LIST_CELL, "%s", reg_status_label(g->status));
	char *notes = row->cells[4];
	notes[0] = '\0';
	bool active = g->status == DH_REG_SUBMITTED || g->status == DH_REG_ACCEPTED;
	if (active && c) {
		switch (c->stage) {
		case DH_STAGE_APPROVED: note_add(notes, UI_LIST_CELL, "HĐ đề nghị"); break;
		case DH_STAGE_NOT_APPROVED: note_add(notes, UI_LIST_CELL, "HĐ không đề nghị"); break;
		case DH_STAGE_RECOGNISED: note_add(notes, UI_LIST_CELL, "đã công nhận"); break;
		case DH_STAGE_AWARDED: note_add(notes, UI_LIST_CELL, "đã khen thưởng"); break;
		default: break; /* the status says it: submitted, or checked complete */
		}
	}
	if (g->late)
		note_add(notes, UI_LIST_CELL, "quá hạn");
	if (c && c->duplicate_of)
		note_add(notes, UI_LIST_CELL, "trùng?");
	if (c && c->on_hold)
		note_add(notes, UI_LIST_CELL, "tạm dừng");
	if (active && c && (c->on_hold || c->duplicate_of))
		row->style = UI_S_WARN;
	if (c)
		record_free(DH_R_CANDIDATE, rec);
}

static size_t reg_count(void *ctx)
{
	return ((sel_screen *)ctx)->n_shown;
}

static size_t reg_rows(void *ctx, size_t first, size_t n, ui_list_row *out)
{
	sel_screen *s = ctx;
	size_t k = 0;
	for (size_t i = first; i < s->n_shown && k < n; i++, k++)
		reg_fill(s, &s->regs[s->shown[i]], &out[k]);
	return k;
}

static int reg_filter(void *ctx, const char *text)
{
	sel_screen *s = ctx;
	free(s->reg_filter);
	s->reg_filter = text && *text ? strdup(text) : NULL;
	sel_reg_arrange(s);
	return 0;
}

static int reg_sort(void *ctx, int k)
{
	sel_screen *s = ctx;
	s->reg_sort = k >= 0 && k < REG_SORTS ? k : 0;
	sel_reg_arrange(s);
	return 0;
}

static size_t reg_index_of(void *ctx, uint64_t id)
{
	sel_screen *s = ctx;
	for (size_t i = 0; i < s->n_shown; i++)
		if (s->regs[s->shown[i]].id == id)
			return i;
	return SIZE_MAX;
}

static const ui_list_source reg_source = {
    .columns = reg_columns,
    .n_columns = 5,
    .count = reg_count,
    .rows = reg_rows,
    .filter = reg_filter,
    .sort = reg_sort,
    .sort_names = reg_sort_names,
    .n_sorts = REG_SORTS,
    .index_of = reg_index_of,
    .empty_text = "Chưa có hồ sơ đăng ký nào trong năm. Bấm a để đăng ký.",
};

static const ui_list_column prop_columns[] = {
    {"Số tờ trình", 16, false}, {"Ngày", 10, false},        {"Phiên họp Hội đồng", 0, false},
    {"Hồ sơ", 5, true},         {"Đã công nhận", 12, true},
};

static void prop_fill(void *ctx, const void *rec, ui_list_row *row)
{
	const sel_screen *s = ctx;
	const dh_proposal *p = rec;
	dh_store *st = s->base.ctx->store;
	char day[11], sday[11];
	void *srec = NULL;
	const dh_session *se = NULL;
	if (st && repo_get(st, DH_R_SESSION, p->session_id, &srec) == 0)
		se = srec;
	int recognised = 0;
	for (size_t j = 0; st && j < p->candidates.n; j++) {
		void *c = NULL;
		if (repo_get(st, DH_R_CANDIDATE, p->candidates.v[j], &c) == 0) {
			int stage = ((dh_candidate *)c)->stage;
			recognised += stage == DH_STAGE_RECOGNISED || stage == DH_STAGE_AWARDED;
			record_free(DH_R_CANDIDATE, c);
		}
	}
	row->style = UI_S_NORMAL;
	snprintf(row->cells[0], UI_LIST_CELL, "%s", p->number ? p->number : "(chưa có số)");
	snprintf(row->cells[1], UI_LIST_CELL, "%s", date_vn(p->date, day));
	if (se)
		snprintf(row->cells[2], UI_LIST_CELL, "%s %s", date_vn(se->date, sday),
		         se->title ? se->title : "");
	else
		snprintf(row->cells[2], UI_LIST_CELL, "#%llu", (unsigned long long)p->session_id);
	snprintf(row->cells[3], UI_LIST_CELL, "%zu", p->candidates.n);
	snprintf(row->cells[4], UI_LIST_CELL, "%d/%zu", recognised, p->candidates.n);
	if (se)
		record_free(DH_R_SESSION, srec);
}

static const ui_list_column dec_columns[] = {
    {"Số quyết định", 16, false}, {"Ngày", 10, false},       {"Người ký", 0, false},
    {"Hồ sơ", 5, true},           {"Tình trạng", 20, false},
};

static void dec_fill(void *ctx, const void *rec, ui_list_row *row)
{
	const sel_screen *s = ctx;
	const dh_decision *d = rec;
	char day[11];
	ui_rows_decision(row, s->base.ctx->cfg, d);
	if (d->revoked)
		snprintf(row->cells[4], UI_LIST_CELL, "Thu hồi %s", date_vn(d->revoke_date, day));
}

/* The proposals and the decisions: their lists hold the year's records,
 * read again at each reload. */
static void records_load(void *ctx, ui_items *items)
{
	sel_screen *s = ctx;
	sel_records_read(items, s->base.ctx->store, s->year);
}

static const ui_list_source prop_source = {
    .columns = prop_columns,
    .n_columns = 5,
    .load = records_load,
    .fill = prop_fill,
    .item_type = DH_R_PROPOSAL,
    .empty_text = "Chưa có tờ trình nào trong năm.",
};

static const ui_list_source dec_source = {
    .columns = dec_columns,
    .n_columns = 5,
    .load = records_load,
    .fill = dec_fill,
    .item_type = DH_R_DECISION,
    .empty_text = "Chưa có quyết định công nhận nào trong năm.",
};

static const ui_list_column dept_columns[] = {
    {"Đơn vị", 0, false},
    {"Trả lời", 19, false},
    {"Ngày báo", 10, false},
    {"Người báo", 16, false},
};

static size_t dept_count(void *ctx)
{
	return ((sel_screen *)ctx)->base.ctx->cfg->n_departments;
}

/* Rows are the config's departments; a row's id is its index + 1. */
static void dept_fill(void *ctx, size_t i, ui_list_row *row)
{
	const sel_screen *s = ctx;
	const dh_config *cfg = s->base.ctx->cfg;
	const sel_dept *d = &s->depts[i];
	char day[11] = "";
	row->style = d->answered ? UI_S_NORMAL : UI_S_WARN;
	snprintf(row->cells[0], UI_LIST_CELL, "%s", cfg->departments[i].name);
	if (d->registered)
		snprintf(row->cells[1], UI_LIST_CELL, "Đã đăng ký %d hồ sơ", d->registered);
	else if (d->nil_id)
		snprintf(row->cells[1], UI_LIST_CELL, "Báo không có");
	else
		snprintf(row->cells[1], UI_LIST_CELL, "⚠ Chưa trả lời");
	/* The nil return's date and author, when it is the answer. */
	bool nil = d->nil_id && !d->registered;
	snprintf(row->cells[2], UI_LIST_CELL, "%s", nil ? date_vn(d->nil_date, day) : "");
	snprintf(row->cells[3], UI_LIST_CELL, "%s", nil && d->nil_by ? d->nil_by : "");
}

static const ui_list_source dept_source = {
    .columns = dept_columns,
    .n_columns = 4,
    .count = dept_count,
    .fill_at = dept_fill,
    .empty_text = "Cấu hình chưa khai báo đơn vị nào.",
};

/* --- the row under the cursor ------------------------------------------------ */

uint64_t sel_cur_id(sel_screen *s)
{
	ui_list *l = &s->lists[s->mode];
	const ui_list_row *row = l->count ? ui_list_current(l) : NULL;
	return row ? row->id : 0;
}

const dh_registration *sel_cur_registration(sel_screen *s)
{
	uint64_t id = s->mode == SEL_REG ? sel_cur_id(s) : 0;
	if (!id) {
		sel_cur_forget(s);
		return NULL;
	}
	if (s->cur_reg && s->cur_reg_id == id)
		return s->cur_reg;
	sel_cur_forget(s);
	void *rec = NULL;
	if (repo_get(s->base.ctx->store, DH_R_REGISTRATION, id, &rec) != 0)
		return NULL;
	s->cur_reg = rec;
	s->cur_reg_id = id;
	rec = NULL;
	if (repo_get(s->base.ctx->store, DH_R_CANDIDATE, s->cur_reg->candidate_id, &rec) == 0)
		s->cur_cand = rec;
	return s->cur_reg;
}

const dh_candidate *sel_cur_candidate(sel_screen *s)
{
	return sel_cur_registration(s) ? s->cur_cand : NULL;
}

int sel_cur_dept(sel_screen *s)
{
	uint64_t id = s->mode == SEL_DEPT ? sel_cur_id(s) : 0;
	return id ? (int)id - 1 : -1;
}

/* The record under the cursor of MODE's list, when MODE is shown. */
static const void *cur_record(const sel_screen *s, int mode)
{
	return s->mode == mode ? ui_list_current_item(&s->lists[mode]) : NULL;
}

const dh_proposal *sel_cur_proposal(sel_screen *s)
{
	return cur_record(s, SEL_PROP);
}

const dh_decision *sel_cur_decision(sel_screen *s)
{
	return cur_record(s, SEL_DEC);
}

/* --- the lists ------------------------------------------------------------------ */

int sel_lists_init(sel_screen *s)
{
	const dh_config *cfg = s->base.ctx->cfg;
	s->depts = calloc(cfg->n_departments + 1, sizeof(*s->depts));
	if (!s->depts)
		return DH_ENOMEM;
	sel_gather(s);
	const ui_list_source *sources[SEL__MODES] = {[SEL_REG] = &reg_source,
	                                             [SEL_PROP] = &prop_source,
	                                             [SEL_DEC] = &dec_source,
	                                             [SEL_DEPT] = &dept_source};
	for (int m = 0; m < SEL__MODES; m++)
		if (ui_list_init(&s->lists[m], sources[m], s) != 0)
			return DH_ENOMEM;
	return 0;
}

void sel_lists_free(sel_screen *s)
{
	for (int m = 0; m < SEL__MODES; m++)
		ui_list_free(&s->lists[m]);
	sel_cur_forget(s);
	for (size_t i = 0; s->depts && i < s->base.ctx->cfg->n_departments; i++)
		free(s->depts[i].nil_by);
	free(s->depts);
	free(s->regs);
	free(s->shown);
	free(s->reg_filter);
}
