/* scr_record.c — the read-only page, and on it one candidate's full
 * record with its history, as screen 7 opens it from a hit.
 *
 * What links to the candidate (fostering, registrations, activities) is
 * read at once through the parent links. Vote items link to their session
 * and decisions and ceremonies list their candidates, so those are found by
 * walking their tables a slice at a time while no key waits (the view's
 * `idle`): the page is there at once, and at a million records the rest
 * follows without ever making a key wait. */
#include "dienhinh/ui_record.h"

#include "dienhinh/council.h"
#include "dienhinh/date.h"
#include "dienhinh/error.h"
#include "dienhinh/record.h"
#include "dienhinh/repo.h"
#include "dienhinh/ui_audit.h"
#include "dienhinh/utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RECORD_SCAN_SLICE 2000 /* records decoded per idle call: a few ms */
#define RECORD_LABEL_COLS 22

/* --- the page ------------------------------------------------------------- */

void ui_page_init(ui_page *p, int label_cols)
{
	memset(p, 0, sizeof(*p));
	p->label_cols = label_cols;
}

void ui_page_clear(ui_page *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->lines[i].label);
		free(p->lines[i].text);
	}
	p->n = 0;
}

void ui_page_free(ui_page *p)
{
	ui_page_clear(p);
	free(p->lines);
	p->lines = NULL;
	p->cap = 0;
}

static int page_addv(ui_page *p, int style, const char *label, const char *fmt, va_list ap)
{
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 64;
		ui_page_line *l = realloc(p->lines, cap * sizeof(*l));
		if (!l)
			return DH_ENOMEM;
		p->lines = l;
		p->cap = cap;
	}
	char *text = NULL;
	if (vasprintf(&text, fmt, ap) < 0)
		return DH_ENOMEM;
	char *lab = label ? strdup(label) : NULL;
	if (label && !lab) {
		free(text);
		return DH_ENOMEM;
	}
	p->lines[p->n++] = (ui_page_line){style, lab, text};
	return 0;
}

int ui_page_add(ui_page *p, int style, const char *label, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = page_addv(p, style, label, fmt, ap);
	va_end(ap);
	return rc;
}

int ui_page_section(ui_page *p, const char *fmt, ...)
{
	int rc = p->n ? ui_page_add(p, UI_S_NORMAL, NULL, "%s", "") : 0;
	va_list ap;
	va_start(ap, fmt);
	if (rc == 0)
		rc = page_addv(p, UI_S_TITLE, NULL, fmt, ap);
	va_end(ap);
	return rc;
}

/* One row of PARA (no newline in it) in COLS columns: its length in bytes
 * (*LEN), and where the next row starts (the spaces at a break skipped).
 * Breaks at the last space that fits, or inside a word longer than a row. */
static const char *wrap_row(const char *para, int cols, size_t *len)
{
	size_t fit = utf8_fit(para, cols, NULL);
	size_t n = strlen(para);
	if (fit >= n) {
		*len = n;
		return para + n;
	}
	size_t brk = 0;
	if (para[fit] == ' ') {
		brk = fit;
	} else {
		for (size_t i = fit; i-- > 1;)
			if (para[i] == ' ') {
				brk = i;
				break;
			}
	}
	if (brk == 0)
		brk = fit ? fit : utf8_grapheme_len(para, n);
	*len = brk;
	const char *next = para + brk;
	while (*next == ' ')
		next++;
	return next;
}

/* Rows TEXT takes in COLS columns; when W is given, draws the rows that
 * fall in [FIRST, FIRST + ROWS) of the page, counting from *ROW. */
static void page_text(WINDOW *w, const char *text, int x, int cols, int y, int first, int rows, int *row,
                      int style)
{
	const char *s = text ? text : "";
	char buf[1024];
	do {
		size_t plen = strcspn(s, "\n");
		char *para = strndup(s, plen);
		if (!para)
			return;
		const char *r = para;
		do {
			size_t len;
			const char *next = wrap_row(r, cols > 0 ? cols : 1, &len);
			if (w && *row >= first && *row < first + rows) {
				size_t n = len < sizeof(buf) - 1 ? len : sizeof(buf) - 1;
				memcpy(buf, r, n);
				buf[n] = '\0';
				wattrset(w, ui_style(style));
				ui_put(w, y + *row - first, x, buf, cols);
			}
			(*row)++;
			r = next;
		} while (*r);
		free(para);
		s += plen;
		if (*s == '\n')
			s++;
		else
			break;
	} while (1);
}

static int page_layout(ui_page *p, WINDOW *w, int y, int x, int rows, int cols)
{
	int row = 0;
	int lc = p->label_cols < cols / 2 ? p->label_cols : cols / 2;
	for (size_t i = 0; i < p->n; i++) {
		const ui_page_line *l = &p->lines[i];
		if (!l->label) {
			page_text(w, l->text, x, cols, y, p->scroll, rows, &row, l->style);
			continue;
		}
		if (w && row >= p->scroll && row < p->scroll + rows && *l->label) {
			wattrset(w, ui_style(UI_S_DIM));
			ui_put(w, y + row - p->scroll, x, l->label, lc - 1);
		}
		page_text(w, l->text, x + lc, cols - lc, y, p->scroll, rows, &row, l->style);
	}
	if (w)
		wattrset(w, A_NORMAL);
	return row;
}

void ui_page_measure(ui_page *p, int rows, int cols)
{
	if (rows < 1 || cols < 8)
		return;
	p->total = page_layout(p, NULL, 0, 0, rows, cols);
	int body = p->total > rows ? rows - 1 : rows; /* the last row says where we are */
	p->rows = body < 1 ? 1 : body;
	if (p->scroll > p->total - p->rows)
		p->scroll = p->total - p->rows;
	if (p->scroll < 0)
		p->scroll = 0;
}

void ui_page_draw(ui_page *p, WINDOW *w, int y, int x, int rows, int cols)
{
	if (rows < 1 || cols < 8)
		return;
	ui_page_measure(p, rows, cols);
	int body = p->rows;
	page_layout(p, w, y, x, body, cols);
	if (p->total > rows) {
		int last = p->scroll + body < p->total ? p->scroll + body : p->total;
		wattrset(w, ui_style(UI_S_DIM));
		ui_putf(w, y + rows - 1, x, cols, "Dòng %d–%d/%d%s", p->scroll + 1, last, p->total,
		        last < p->total ? " · PgDn: xem tiếp" : "");
		wattrset(w, A_NORMAL);
	}
}

unsigned ui_page_key(ui_page *p, int action)
{
	int page = p->rows > 1 ? p->rows - 1 : 1;
	switch (action) {
	case UI_A_DOWN: p->scroll++; break;
	case UI_A_UP: p->scroll--; break;
	case UI_A_PGDN: p->scroll += page; break;
	case UI_A_PGUP: p->scroll -= page; break;
	case UI_A_HOME: p->scroll = 0; break;
	case UI_A_END: p->scroll = p->total; break;
	default: return UI_R_UNHANDLED;
	}
	if (p->scroll > p->total - p->rows)
		p->scroll = p->total - p->rows;
	if (p->scroll < 0)
		p->scroll = 0;
	return UI_R_DRAW;
}

/* --- shared helpers ------------------------------------------------------- */

const char *ui_record_instant(int64_t at, char *buf, size_t size)
{
	time_t t = (time_t)at;
	struct tm tm;
	if (!at || !localtime_r(&t, &tm)) {
		snprintf(buf, size, "%s", "");
		return buf;
	}
	strftime(buf, size, "%d/%m/%Y %H:%M", &tm);
	return buf;
}

const char *ui_record_person(const dh_ctx *ctx, const char *login)
{
	const dh_person *p = login ? config_person(ctx->cfg, login) : NULL;
	return p ? p->name : (login ? login : "");
}

/* --- the full record ------------------------------------------------------- */

typedef struct rec_vec {
	void **v;
	size_t n, cap;
} rec_vec;

enum { SCAN_ITEMS, SCAN_DECISIONS, SCAN_CEREMONIES, SCAN_DONE };

typedef struct record_view {
	ui_view base;
	ui_page page;
	uint64_t id;
	dh_candidate *cand; /* NULL when it could not be read */
	char title[200];
	rec_vec fostering, registrations, activities;
	rec_vec items, sessions; /* sessions[i] is items[i]'s session (or NULL) */
	rec_vec decisions, ceremonies;
	int scan;           /* which table the idle walk is in */
	uint64_t scan_next; /* the next id it reads */
} record_view;

static const dh_rtype scan_types[] = {DH_R_VOTE_ITEM, DH_R_DECISION, DH_R_CEREMONY};

static int vec_push(rec_vec *v, void *rec)
{
	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 8;
		void **p = realloc(v->v, cap * sizeof(*p));
		if (!p)
			return DH_ENOMEM;
		v->v = p;
		v->cap = cap;
	}
	v->v[v->n++] = rec;
	return 0;
}

static void vec_clear(rec_vec *v, dh_rtype type)
{
	for (size_t i = 0; i < v->n; i++)
		if (v->v[i])
			record_free(type, v->v[i]);
	v->n = 0;
}

static void vec_free(rec_vec *v, dh_rtype type)
{
	vec_clear(v, type);
	free(v->v);
	v->v = NULL;
	v->cap = 0;
}

typedef struct collect_args {
	rec_vec *vec;
	dh_rtype type;
} collect_args;

static int collect_cb(const void *rec, void *arg)
{
	collect_args *a = arg;
	void *copy = record_dup(a->type, rec);
	if (!copy || vec_push(a->vec, copy)) {
		if (copy)
			record_free(a->type, copy);
		return DH_ENOMEM;
	}
	return 0;
}

static void record_children(record_view *rv, dh_rtype type, rec_vec *vec)
{
	collect_args a = {vec, type};
	vec_clear(vec, type);
	repo_children(rv->base.ctx->store, type, rv->id, collect_cb, &a);
}

static const char *dept_name(const dh_config *cfg, const char *id)
{
	const dh_department *d = id ? config_department(cfg, id) : NULL;
	return d ? d->name : (id ? id : "");
}

static void build_candidate(record_view *rv)
{
	ui_page *p = &rv->page;
	const dh_ctx *ctx = rv->base.ctx;
	const dh_config *cfg = ctx->cfg;
	const dh_candidate *c = rv->cand;
	char d1[11], money[40], when[24];
	ui_page_add(p, UI_S_TITLE, NULL, "%s", c->name ? c->name : "");
	ui_page_add(p, UI_S_NORMAL, "Số hồ sơ", "%llu", (unsigned long long)c->meta.id);
	ui_page_add(p, UI_S_NORMAL, "Loại", "%s", kind_label(c->kind));
	ui_page_add(p, UI_S_NORMAL, "Năm", "%d", c->year);
	ui_page_add(p, UI_S_NORMAL, "Đơn vị", "%s", dept_name(cfg, c->department));
	if (c->position && *c->position)
		ui_page_add(p, UI_S_NORMAL, "Chức vụ", "%s", c->position);
	if (c->title && *c->title)
		ui_page_add(p, UI_S_NORMAL, "Mô hình / thành tích", "%s", c->title);
	ui_page_add(p, c->meta.deleted || c->on_hold ? UI_S_WARN : UI_S_OK, "Bước", "%s%s%s%s%s",
	            stage_label(c->stage), c->on_hold ? " · tạm dừng xét: " : "",
	            c->on_hold && c->hold_reason ? c->hold_reason : "", c->meta.deleted ? " · đã xóa: " : "",
	            c->meta.deleted && c->meta.deleted_reason ? c->meta.deleted_reason : "");
	if (c->recognised_decision && *c->recognised_decision)
		ui_page_add(p, UI_S_NORMAL, "Quyết định công nhận", "Số %s%s%s", c->recognised_decision,
		            c->recognised_date ? " ngày " : "", date_vn(c->recognised_date, d1));
	if (c->award_decision && *c->award_decision)
		ui_page_add(p, UI_S_NORMAL, "Giấy khen", "Số %s%s%s", c->award_decision,
		            c->award_date ? " ngày " : "", date_vn(c->award_date, d1));
	if (c->criteria.n) {
		int kind = c->kind >= 0 && c->kind < DH_CANDIDATE_KINDS ? c->kind : 0;
		ui_page_add(p, UI_S_NORMAL, "Tiêu chí đạt", "%zu/%zu", c->criteria.n, cfg->criteria.n[kind]);
		for (size_t i = 0; i < c->criteria.n; i++) {
			const dh_criterion *cr = config_criterion(cfg, kind, c->criteria.v[i]);
			ui_page_add(p, UI_S_NORMAL, "", "✓ %s", cr ? cr->text : c->criteria.v[i]);
		}
	}
	if (c->duplicate_of)
		ui_page_add(p, UI_S_WARN, "Có thể trùng", "hồ sơ số %llu (cùng thành tích đã được công nhận)",
		            (unsigned long long)c->duplicate_of);
	if (c->description && *c->description)
		ui_page_add(p, UI_S_NORMAL, "Mô tả", "%s", c->description);
	if (c->prospects && *c->prospects)
		ui_page_add(p, UI_S_NORMAL, "Triển vọng", "%s", c->prospects);
	if (c->aims_provincial || (c->followup_notes && *c->followup_notes))
		ui_page_add(p, UI_S_NORMAL, "Hướng tới cấp tỉnh", "%s%s%s",
		            c->aims_provincial ? "Có" : "Không",
		            c->followup_notes && *c->followup_notes ? " · " : "",
		            c->followup_notes ? c->followup_notes : "");
	ui_page_add(p, UI_S_DIM, "Lập hồ sơ", "%s · %s",
	            ui_record_instant(c->meta.created_at, when, sizeof(when)),
	            ui_record_person(ctx, c->meta.created_by));
	if (c->meta.rev > 1)
		ui_page_add(p, UI_S_DIM, "Sửa lần cuối", "%s · %s (lần lưu thứ %u)",
		            ui_record_instant(c->meta.updated_at, when, sizeof(when)),
		            ui_record_person(ctx, c->meta.updated_by), c->meta.rev);

	/* Fostering, with the material support added up. */
	int64_t total = 0;
	for (size_t i = 0; i < rv->fostering.n; i++) {
		const dh_fostering *f = rv->fostering.v[i];
		if (!f->meta.deleted)
			total += f->amount;
	}
	ui_page_section(p, "Bồi dưỡng (%zu lần%s%s%s)", rv->fostering.n, total ? ", hỗ trợ " : "",
	                total ? ui_format_money(total, money, sizeof(money)) : "", total ? " đồng" : "");
	if (!rv->fostering.n)
		ui_page_add(p, UI_S_DIM, "", "Chưa có.");
	for (size_t i = 0; i < rv->fostering.n; i++) {
		const dh_fostering *f = rv->fostering.v[i];
		char amount[64] = "";
		if (f->amount)
			snprintf(amount, sizeof(amount), " · %s đồng",
			         ui_format_money(f->amount, money, sizeof(money)));
		ui_page_add(p, f->meta.deleted ? UI_S_DIM : UI_S_NORMAL, date_vn(f->date, d1),
		            "%s: %s%s%s%s%s", fostering_kind_label(f->kind),
		            f->description ? f->description : "", amount, f->by && *f->by ? " · " : "",
		            f->by ? f->by : "", f->meta.deleted ? " (đã xóa)" : "");
	}
}

static void build_registrations(record_view *rv)
{
	ui_page *p = &rv->page;
	const dh_ctx *ctx = rv->base.ctx;
	char d1[11];
	ui_page_section(p, "Đăng ký đề nghị công nhận");
	if (!rv->registrations.n)
		ui_page_add(p, UI_S_DIM, "", "Chưa có.");
	for (size_t i = 0; i < rv->registrations.n; i++) {
		const dh_registration *r = rv->registrations.v[i];
		bool gone = r->status == DH_REG_RETURNED || r->status == DH_REG_WITHDRAWN;
		ui_page_add(p, gone ? UI_S_DIM : UI_S_NORMAL, date_vn(r->date, d1), "%s · %s · %s%s%s%s",
		            dept_name(ctx->cfg, r->department), reg_status_label(r->status),
		            ui_record_person(ctx, r->registered_by),
		            r->complete ? " · đã kiểm tra đủ hồ sơ" : "",
		            r->reason && *r->reason ? " · lý do: " : "", r->reason ? r->reason : "");
		if (r->late_reason && *r->late_reason)
			ui_page_add(p, UI_S_WARN, "", "Đăng ký quá hạn, %s cho phép: %s",
			            ui_record_person(ctx, r->late_approved_by), r->late_reason);
		if (r->description && *r->description)
			ui_page_add(p, UI_S_NORMAL, "", "%s", r->description);
	}
}

static void build_votes(record_view *rv)
{
	ui_page *p = &rv->page;
	const dh_ctx *ctx = rv->base.ctx;
	char d1[11];
	ui_page_section(p, "Bình xét của Hội đồng");
	for (size_t i = 0; i < rv->items.n; i++) {
		const dh_vote_item *it = rv->items.v[i];
		const dh_session *s = rv->sessions.v[i];
		int style = it->meta.deleted                 ? UI_S_DIM
		            : !it->closed                    ? UI_S_NORMAL
		            : it->result == DH_RESULT_PASSED ? UI_S_OK
		                                             : UI_S_WARN;
		ui_page_add(p, style, s ? date_vn(s->date, d1) : "", "%s%s · %s%s",
		            s && s->title ? s->title : "Phiên họp",
		            s && s->method == DH_VOTE_SECRET ? " (bỏ phiếu kín)" : " (biểu quyết công khai)",
		            it->closed ? result_label(it->result) : "chưa chốt",
		            it->meta.deleted ? " (đã xóa)" : "");
		if (it->closed && it->reason && *it->reason)
			ui_page_add(p, style, "", "%s", it->reason);
		if (s) {
			dh_tally t;
			council_tally(&ctx->cfg->council, s, it, &t);
			if (t.hidden)
				ui_page_add(p, UI_S_DIM, "", "Bỏ phiếu kín: số phiếu chỉ hiện khi đã chốt.");
			else
				ui_page_add(p, UI_S_NORMAL, "",
				            "Tán thành %d · không tán thành %d · không biểu quyết %d",
				            t.agree, t.disagree, t.abstain);
		}
		if (it->recused.n) {
			char names[600] = "";
			size_t o = 0;
			for (size_t k = 0; k < it->recused.n && o < sizeof(names); k++)
				o += (size_t)snprintf(names + o, sizeof(names) - o, "%s%s", k ? ", " : "",
				                      ui_record_person(ctx, it->recused.v[k]));
			ui_page_add(p, UI_S_DIM, "", "Không biểu quyết về hồ sơ này: %s", names);
		}
		if (it->reopen_reason && *it->reopen_reason)
			ui_page_add(p, UI_S_WARN, "", "Đã mở lại (đính chính): %s", it->reopen_reason);
	}
	if (rv->scan <= SCAN_ITEMS)
		ui_page_add(p, UI_S_DIM, "", "Đang tìm…");
	else if (!rv->items.n)
		ui_page_add(p, UI_S_DIM, "", "Chưa có.");
}

static void build_decisions(record_view *rv)
{
	ui_page *p = &rv->page;
	const dh_ctx *ctx = rv->base.ctx;
	char d1[11], d2[11];
	ui_page_section(p, "Quyết định công nhận, khen thưởng");
	for (size_t i = 0; i < rv->decisions.n; i++) {
		const dh_decision *d = rv->decisions.v[i];
		const dh_award *aw = d->type == DH_DEC_AWARD ? config_award(ctx->cfg, d->award_id) : NULL;
		ui_page_add(p, d->revoked ? UI_S_DIM : UI_S_NORMAL, date_vn(d->date, d1),
		            "%s%s%s · số %s · %s ký", decision_type_label(d->type), aw ? ": " : "",
		            aw ? aw->name : "", d->number ? d->number : "", ui_record_person(ctx, d->signer));
		if (d->revoked)
			ui_page_add(p, UI_S_WARN, "", "Đã thu hồi%s%s: %s", d->revoke_date ? " ngày " : "",
			            date_vn(d->revoke_date, d2), d->revoke_reason ? d->revoke_reason : "");
	}
	if (rv->scan <= SCAN_DECISIONS)
		ui_page_add(p, UI_S_DIM, "", "Đang tìm…");
	else if (!rv->decisions.n)
		ui_page_add(p, UI_S_DIM, "", "Chưa có.");

	if (rv->ceremonies.n || rv->scan <= SCAN_CEREMONIES) {
		ui_page_section(p, "Biểu dương, tuyên dương");
		for (size_t i = 0; i < rv->ceremonies.n; i++) {
			const dh_ceremony *c = rv->ceremonies.v[i];
			ui_page_add(p, c->meta.deleted ? UI_S_DIM : UI_S_NORMAL, date_vn(c->date, d1),
			            "%s%s%s", c->title ? c->title : "", c->place && *c->place ? " · " : "",
			            c->place ? c->place : "");
		}
		if (rv->scan <= SCAN_CEREMONIES)
			ui_page_add(p, UI_S_DIM, "", "Đang tìm…");
	}
}

static void build_activities(record_view *rv)
{
	ui_page *p = &rv->page;
	char d1[11];
	ui_page_section(p, "Nhân rộng");
	if (!rv->activities.n)
		ui_page_add(p, UI_S_DIM, "", "Chưa có.");
	for (size_t i = 0; i < rv->activities.n; i++) {
		const dh_activity *a = rv->activities.v[i];
		char people[40] = "";
		if (a->attendees)
			snprintf(people, sizeof(people), " · %d người", a->attendees);
		ui_page_add(p, a->meta.deleted ? UI_S_DIM : UI_S_NORMAL, date_vn(a->date, d1),
		            "%s: %s%s%s%s%s%s%s%s%s", activity_kind_label(a->kind), a->title ? a->title : "",
		            a->presenter && *a->presenter ? " · trình bày: " : "",
		            a->presenter ? a->presenter : "",
		            a->audience && *a->audience ? " · đối tượng: " : "",
		            a->audience ? a->audience : "", people, a->url && *a->url ? " · " : "",
		            a->url ? a->url : "", a->meta.deleted ? " (đã xóa)" : "");
	}
}

static void record_build(record_view *rv)
{
	ui_page_clear(&rv->page);
	if (!rv->cand) {
		ui_page_add(&rv->page, UI_S_ERROR, NULL, "Không đọc được hồ sơ số %llu.",
		            (unsigned long long)rv->id);
		return;
	}
	build_candidate(rv);
	build_registrations(rv);
	build_votes(rv);
	build_decisions(rv);
	build_activities(rv);
	/* As the body will be drawn, so that the key line, drawn first,
	 * already knows whether there is more below. */
	ui_page_measure(&rv->page, LINES - 4, COLS - 2);
}

static void record_load(record_view *rv)
{
	dh_store *st = rv->base.ctx->store;
	void *rec = NULL;
	record_free(DH_R_CANDIDATE, rv->cand);
	rv->cand = NULL;
	if (st && repo_get(st, DH_R_CANDIDATE, rv->id, &rec) == 0)
		rv->cand = rec;
	if (rv->cand)
		snprintf(rv->title, sizeof(rv->title), "%s", rv->cand->name ? rv->cand->name : "");
	record_children(rv, DH_R_FOSTERING, &rv->fostering);
	record_children(rv, DH_R_REGISTRATION, &rv->registrations);
	record_children(rv, DH_R_ACTIVITY, &rv->activities);
	vec_clear(&rv->items, DH_R_VOTE_ITEM);
	vec_clear(&rv->sessions, DH_R_SESSION);
	vec_clear(&rv->decisions, DH_R_DECISION);
	vec_clear(&rv->ceremonies, DH_R_CEREMONY);
	rv->scan = rv->cand && st ? SCAN_ITEMS : SCAN_DONE;
	rv->scan_next = 1;
	record_build(rv);
}

typedef struct scan_args {
	record_view *rv;
	size_t seen;
	uint64_t last;
	int rc;
} scan_args;

static bool ceremony_is_ours(const record_view *rv, const dh_ceremony *c)
{
	for (size_t i = 0; i < rv->decisions.n; i++)
		if (idlist_has(&c->decisions, ((const dh_decision *)rv->decisions.v[i])->meta.id))
			return true;
	return false;
}

static int scan_cb(const void *rec, void *arg)
{
	scan_args *a = arg;
	record_view *rv = a->rv;
	dh_rtype type = scan_types[rv->scan];
	a->seen++;
	a->last = ((const dh_meta *)rec)->id;
	bool ours = false;
	rec_vec *vec = NULL;
	switch (type) {
	case DH_R_VOTE_ITEM:
		ours = ((const dh_vote_item *)rec)->candidate_id == rv->id;
		vec = &rv->items;
		break;
	case DH_R_DECISION:
		ours = idlist_has(&((const dh_decision *)rec)->candidates, rv->id);
		vec = &rv->decisions;
		break;
	case DH_R_CEREMONY:
		ours = ceremony_is_ours(rv, rec);
		vec = &rv->ceremonies;
		break;
	default: break;
	}
	if (ours) {
		collect_args c = {vec, type};
		if ((a->rc = collect_cb(rec, &c)))
			return a->rc;
	}
	return a->seen >= RECORD_SCAN_SLICE;
}

/* One slice of the walk over vote items, decisions and ceremonies. */
static unsigned record_idle(ui_view *v)
{
	record_view *rv = (record_view *)v;
	if (rv->scan >= SCAN_DONE)
		return UI_R_NONE;
	scan_args a = {rv, 0, 0, 0};
	size_t found_before = rv->items.n + rv->decisions.n + rv->ceremonies.n;
	size_t items_before = rv->items.n;
	int rc = repo_page(v->ctx->store, scan_types[rv->scan], rv->scan_next, RECORD_SCAN_SLICE, false,
	                   scan_cb, &a);
	/* Each new vote item's session, read now that the walk's read is over. */
	for (size_t i = items_before; i < rv->items.n; i++) {
		void *s = NULL;
		repo_get(v->ctx->store, DH_R_SESSION, ((dh_vote_item *)rv->items.v[i])->session_id, &s);
		if (vec_push(&rv->sessions, s) && s)
			record_free(DH_R_SESSION, s);
	}
	while (rv->sessions.n < rv->items.n) /* out of memory above: keep them parallel */
		record_free(DH_R_VOTE_ITEM, rv->items.v[--rv->items.n]);
	bool moved = false;
	if (rc < 0 || a.seen < RECORD_SCAN_SLICE) {
		rv->scan++;
		rv->scan_next = 1;
		moved = true;
	} else {
		rv->scan_next = a.last + 1;
	}
	if (moved || rv->items.n + rv->decisions.n + rv->ceremonies.n != found_before) {
		record_build(rv);
		return UI_R_DRAW | (rv->scan < SCAN_DONE ? UI_R_BUSY : 0);
	}
	return UI_R_BUSY;
}

enum { RECORD_A_AUDIT = UI_A__COUNT };

static const ui_binding record_keys[] = {
    {UI_A_CANCEL, "Esc", {UI_ESC}, "Quay lại", "Về danh sách kết quả", false},
    {RECORD_A_AUDIT, "n", {'n'}, "Nhật ký", "Các thay đổi của hồ sơ này và lịch sử của nó", false},
    {UI_A_PGDN, "PgDn", {UI_K(KEY_NPAGE), ' '}, "Xem tiếp", "Trang sau", false},
    {UI_A_PGUP, "PgUp", {UI_K(KEY_PPAGE)}, NULL, NULL, false},
    {UI_A_DOWN, "↓/j", {UI_K(KEY_DOWN), 'j'}, NULL, "Cuộn xuống một dòng", true},
    {UI_A_UP, "↑/k", {UI_K(KEY_UP), 'k'}, NULL, "Cuộn lên một dòng", true},
    {UI_A_HOME, "Home/g", {UI_K(KEY_HOME), 'g'}, NULL, NULL, true},
    {UI_A_END, "End/G", {UI_K(KEY_END), 'G'}, NULL, NULL, true},
    {0},
};

static const char *record_title(ui_view *v)
{
	return ((record_view *)v)->title;
}

static bool record_offers(ui_view *v, int action)
{
	record_view *rv = (record_view *)v;
	switch (action) {
	case RECORD_A_AUDIT: return rv->cand && wf_may(v->ctx, DH_ACT_VIEW_AUDIT);
	case UI_A_PGDN: return rv->page.scroll + rv->page.rows < rv->page.total;
	case UI_A_PGUP: return rv->page.scroll > 0;
	}
	return true;
}

/* The candidate and every record of its history, for its audit log. */
static ui_view *record_audit(record_view *rv)
{
	const rec_vec *vecs[] = {&rv->fostering, &rv->registrations, &rv->activities, &rv->items,
	                         &rv->decisions};
	const dh_rtype types[] = {DH_R_FOSTERING, DH_R_REGISTRATION, DH_R_ACTIVITY, DH_R_VOTE_ITEM,
	                          DH_R_DECISION};
	size_t n = 1;
	for (size_t k = 0; k < sizeof(vecs) / sizeof(vecs[0]); k++)
		n += vecs[k]->n;
	int *tv = malloc(n * sizeof(*tv));
	uint64_t *iv = malloc(n * sizeof(*iv));
	ui_view *view = NULL;
	if (tv && iv) {
		size_t k = 0;
		tv[k] = DH_R_CANDIDATE;
		iv[k++] = rv->id;
		for (size_t t = 0; t < sizeof(vecs) / sizeof(vecs[0]); t++)
			for (size_t i = 0; i < vecs[t]->n; i++) {
				tv[k] = (int)types[t];
				iv[k++] = ((const dh_meta *)vecs[t]->v[i])->id;
			}
		char title[240];
		snprintf(title, sizeof(title), "Nhật ký: %s", rv->title);
		view = ui_audit_open_for(rv->base.app, title, tv, iv, n);
	}
	free(tv);
	free(iv);
	return view;
}

static unsigned record_key(ui_view *v, int action, int key)
{
	record_view *rv = (record_view *)v;
	(void)key;
	unsigned r = ui_page_key(&rv->page, action);
	if (!(r & UI_R_UNHANDLED))
		return r;
	switch (action) {
	case UI_A_CANCEL: return UI_R_POP;
	case RECORD_A_AUDIT: {
		if (rv->scan < SCAN_DONE)
			ui_message(v->app, "Đang tìm các bản ghi liên quan; nhật ký hiện những gì đã thấy.");
		ui_view *a = record_audit(rv);
		if (a)
			ui_push(v->app, a);
		return UI_R_DRAW;
	}
	}
	return UI_R_NONE;
}

static void record_draw(ui_view *v, WINDOW *w)
{
	record_view *rv = (record_view *)v;
	ui_page_draw(&rv->page, w, 0, 1, getmaxy(w), getmaxx(w) - 2);
}

static void record_reload(ui_view *v)
{
	record_view *rv = (record_view *)v;
	record_load(rv);
}

static void record_destroy(ui_view *v)
{
	record_view *rv = (record_view *)v;
	ui_page_free(&rv->page);
	record_free(DH_R_CANDIDATE, rv->cand);
	vec_free(&rv->fostering, DH_R_FOSTERING);
	vec_free(&rv->registrations, DH_R_REGISTRATION);
	vec_free(&rv->activities, DH_R_ACTIVITY);
	vec_free(&rv->items, DH_R_VOTE_ITEM);
	vec_free(&rv->sessions, DH_R_SESSION);
	vec_free(&rv->decisions, DH_R_DECISION);
	vec_free(&rv->ceremonies, DH_R_CEREMONY);
	free(rv);
}

static const ui_view_ops record_ops = {
    .bindings = record_keys,
    .title = record_title,
    .draw = record_draw,
    .key = record_key,
    .offers = record_offers,
    .reload = record_reload,
    .idle = record_idle,
    .destroy = record_destroy,
};

ui_view *ui_record_open(ui_app *app, uint64_t candidate_id)
{
	record_view *rv = calloc(1, sizeof(*rv));
	if (!rv) {
		ui_error(app, "%s", dh_strerror(DH_ENOMEM));
		return NULL;
	}
	ui_view_init(&rv->base, &record_ops, app);
	ui_page_init(&rv->page, RECORD_LABEL_COLS);
	rv->id = candidate_id;
	record_load(rv);
	if (!rv->cand) {
		ui_error(app, "Không đọc được hồ sơ số %llu.", (unsigned long long)candidate_id);
		record_destroy(&rv->base);
		return NULL;
	}
	return &rv->base;
}
