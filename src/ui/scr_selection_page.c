/* scr_selection_page.c — what Enter opens on screen 3: a registration,
 * a proposal (with the council's result for each nominee), a decision or
 * a department, each a read-only page of labelled values and paragraphs.
 * The page is the one read-only page widget (ui_page); the view around it
 * adds the title row and the labels' right alignment. */
#include "scr_selection.h"

#include "dienhinh/date.h"
#include "dienhinh/repo.h"
#include "dienhinh/ui_council.h"
#include "dienhinh/ui_page.h"
#include "dienhinh/utf8.h"
#include "dienhinh/workflow.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_LABEL_COLS 22 /* labels end in this column, values start 3 after */

/* A page view (ui_page.h) that draws its title on its first row. */
typedef ui_page_view sel_page;

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

/* The title on the first row, the lines under it from the third column. */
static void page_draw(ui_view *v, WINDOW *w)
{
	sel_page *p = (sel_page *)v;
	int rows = getmaxy(w), cols = getmaxx(w);
	wattrset(w, ui_style(UI_S_TITLE));
	ui_put(w, 0, 1, p->title, cols - 2);
	wattrset(w, A_NORMAL);
	ui_page_draw(&p->page, w, 1, 2, rows - 1, cols - 3);
}

/* No offers: PgDn and PgUp are in help only here, always listed. */
static const ui_view_ops page_ops = {
    .bindings = page_keys,
    .title = ui_page_view_title,
    .draw = page_draw,
    .key = ui_page_view_key,
    .destroy = ui_page_view_destroy,
};

static sel_page *page_new(ui_app *app, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static sel_page *page_new(ui_app *app, const char *fmt, ...)
{
	sel_page *p = ui_page_view_new(app, &page_ops, sizeof(*p), PAGE_LABEL_COLS + 1);
	if (!p)
		return NULL;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(p->title, sizeof(p->title), fmt, ap);
	va_end(ap);
	return p;
}

/* A "label: value" line, the label right-aligned against its value; an
 * empty VALUE (NULL or "") is skipped. LABEL NULL: a paragraph over the
 * whole width. */
static void page_add(sel_page *p, int style, const char *label, const char *value)
{
	if (!label) {
		ui_page_add(&p->page, style, NULL, "%s", value ? value : "");
		return;
	}
	if (!value || !*value)
		return;
	int pad = PAGE_LABEL_COLS - 1 - utf8_width(label);
	char lab[PAGE_LABEL_COLS * 4 + 1];
	snprintf(lab, sizeof(lab), "%*s%s", pad > 0 ? pad : 0, "", label);
	ui_page_add(&p->page, style, lab, "%s", value);
}

static void page_addf(sel_page *p, int style, const char *label, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void page_addf(sel_page *p, int style, const char *label, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	page_add(p, style, label, buf);
}

/* --- the pages ------------------------------------------------------------------ */

static void page_candidate(sel_page *p, const dh_config *cfg, const dh_candidate *c)
{
	char day[11];
	page_addf(p, UI_S_NORMAL, "Nhân tố", "%s (#%llu)", c->name ? c->name : "",
	          (unsigned long long)c->meta.id);
	page_addf(p, UI_S_NORMAL, "Loại · năm", "%s · %d", kind_label(c->kind), c->year);
	page_add(p, UI_S_NORMAL, "Đơn vị", config_department_name(cfg, c->department));
	page_add(p, UI_S_NORMAL, "Chức vụ", c->position);
	page_add(p, UI_S_NORMAL, "Mô hình / thành tích", c->title);
	size_t n = (size_t)c->kind < DH_CANDIDATE_KINDS ? cfg->criteria.n[c->kind] : 0;
	page_addf(p, UI_S_NORMAL, "Tiêu chí đạt", "%d/%zu", wf_criteria_met(cfg, c), n);
	page_add(p, UI_S_NORMAL, "Bước hiện nay", stage_label(c->stage));
	if (c->recognised_decision)
		page_addf(p, UI_S_OK, "Quyết định công nhận", "%s ngày %s", c->recognised_decision,
		          date_vn(c->recognised_date, day));
	if (c->on_hold)
		page_addf(p, UI_S_WARN, "Tạm dừng xét", "%s",
		          c->hold_reason ? c->hold_reason : "(không rõ lý do)");
	if (c->meta.deleted)
		page_addf(p, UI_S_WARN, "Đã xóa", "%s", c->meta.deleted_reason ? c->meta.deleted_reason : "");
}

/* The possible duplicate in words: who, when recognised, by which decision. */
static void page_duplicate(sel_page *p, dh_store *st, const dh_candidate *c)
{
	void *rec = NULL;
	if (!c->duplicate_of)
		return;
	if (repo_get(st, DH_R_CANDIDATE, c->duplicate_of, &rec) != 0) {
		page_addf(p, UI_S_WARN, "Có thể trùng", "hồ sơ #%llu", (unsigned long long)c->duplicate_of);
		return;
	}
	const dh_candidate *d = rec;
	char day[11];
	page_addf(p, UI_S_WARN, "Có thể trùng", "#%llu %s — năm %d, %s%s%s%s", (unsigned long long)d->meta.id,
	          d->name ? d->name : "", d->year, stage_label(d->stage),
	          d->recognised_decision ? " theo QĐ " : "",
	          d->recognised_decision ? d->recognised_decision : "",
	          d->recognised_date ? date_vn(d->recognised_date, day) : "");
	record_free(DH_R_CANDIDATE, rec);
}

static sel_page *reg_page(sel_screen *s)
{
	const dh_registration *r = sel_cur_registration(s);
	const dh_candidate *c = sel_cur_candidate(s);
	const dh_config *cfg = s->base.ctx->cfg;
	if (!r)
		return NULL;
	char day[11];
	sel_page *p = page_new(s->base.app, "Hồ sơ đăng ký #%llu", (unsigned long long)r->meta.id);
	if (!p)
		return NULL;
	if (c)
		page_candidate(p, cfg, c);
	page_add(p, UI_S_NORMAL, "Ngày đăng ký", date_vn(r->date, day));
	page_addf(p, UI_S_NORMAL, "Người đăng ký", "%s (%s)", config_person_name(cfg, r->registered_by),
	          r->registered_by ? r->registered_by : "");
	page_add(p, r->status == DH_REG_RETURNED || r->status == DH_REG_WITHDRAWN ? UI_S_WARN : UI_S_NORMAL,
	         "Trạng thái", reg_status_label(r->status));
	if (r->complete)
		page_addf(p, UI_S_OK, "Kiểm tra", "Đủ hồ sơ — %s", config_person_name(cfg, r->checked_by));
	page_add(p, UI_S_WARN,
	         r->status == DH_REG_RETURNED    ? "Lý do trả lại"
	         : r->status == DH_REG_WITHDRAWN ? "Lý do rút"
	                                         : "Lý do",
	         r->reason);
	if (r->late_reason && *r->late_reason) {
		page_add(p, UI_S_WARN, "Đăng ký quá hạn", r->late_reason);
		page_add(p, UI_S_WARN, "Người cho phép", config_person_name(cfg, r->late_approved_by));
	}
	if (c)
		page_duplicate(p, s->base.ctx->store, c);
	page_add(p, UI_S_NORMAL, NULL, "");
	page_add(p, UI_S_TITLE, NULL, "Mô tả sáng kiến, mô hình:");
	page_add(p, UI_S_NORMAL, NULL, r->description && *r->description ? r->description : "(chưa có)");
	return p;
}

static void page_candidates(sel_page *p, sel_screen *s, const dh_idlist *ids)
{
	const dh_config *cfg = s->base.ctx->cfg;
	for (size_t i = 0; i < ids->n; i++) {
		void *rec = NULL;
		if (repo_get(s->base.ctx->store, DH_R_CANDIDATE, ids->v[i], &rec) != 0) {
			page_addf(p, UI_S_DIM, NULL, "  %zu. #%llu (không đọc được)", i + 1,
			          (unsigned long long)ids->v[i]);
			continue;
		}
		const dh_candidate *c = rec;
		page_addf(p, c->on_hold ? UI_S_WARN : UI_S_NORMAL, NULL, "  %zu. %s — %s — %s%s", i + 1,
		          c->name ? c->name : "", config_department_short(cfg, c->department),
		          stage_label(c->stage), c->on_hold ? " (tạm dừng xét)" : "");
		record_free(DH_R_CANDIDATE, rec);
	}
}

/* What the signer reads before signing: the council's rule, then each of
 * CANDS with its result at session SESSION_ID ("6/11 = 54,5% > 1/2 — đạt").
 * False when the session cannot be read. */
static bool page_results(sel_page *p, dh_ctx *ctx, uint64_t session_id, const dh_idlist *cands)
{
	ui_council_model m;
	if (ui_council_load(ctx, session_id, &m) != 0)
		return false;
	char rule[300];
	ui_council_rule_line(&ctx->cfg->council, NULL, rule, sizeof(rule));
	page_add(p, UI_S_DIM, NULL, rule);
	for (size_t i = 0; i < cands->n; i++) {
		const ui_council_item *ci = NULL;
		for (size_t k = 0; k < m.n; k++)
			if (m.items[k].item->candidate_id == cands->v[i])
				ci = &m.items[k];
		if (!ci || !ci->candidate) {
			page_addf(p, UI_S_WARN, NULL, "%zu. Hồ sơ #%llu — không có trong phiên họp này",
			          i + 1, (unsigned long long)cands->v[i]);
			continue;
		}
		const dh_vote_item *it = ci->item;
		bool passed = it->closed && it->result == DH_RESULT_PASSED;
		page_addf(p, passed ? UI_S_NORMAL : UI_S_WARN, NULL, "%zu. %s — %s — %s%s", i + 1,
		          ci->candidate->name ? ci->candidate->name : "",
		          config_department_short(ctx->cfg, ci->candidate->department),
		          it->closed ? (it->reason ? it->reason : "") : "chưa chốt kết quả",
		          it->recused.n ? " (có thành viên không tham gia biểu quyết)" : "");
	}
	ui_council_model_free(&m);
	return true;
}

/* The page of a numbered paper, a proposal or a decision: what it is and
 * its NUMBER in the title, then its number (under NUMBER_LABEL, skipped
 * when there is none) and its DATE. */
static sel_page *paper_page(sel_screen *s, const char *what, const char *number_label, const char *number,
                            int date)
{
	char day[11];
	sel_page *p = page_new(s->base.app, "%s %s", what, number ? number : "");
	if (p) {
		page_add(p, UI_S_NORMAL, number_label, number);
		page_add(p, UI_S_NORMAL, "Ngày", date_vn(date, day));
	}
	return p;
}

static sel_page *prop_page(sel_screen *s)
{
	const dh_proposal *pr = sel_cur_proposal(s);
	sel_page *p =
	    pr ? paper_page(s, "Tờ trình", "Số tờ trình", pr->number ? pr->number : "(chưa có số)", pr->date)
	       : NULL;
	if (!p)
		return NULL;
	char day[11];
	void *rec = NULL;
	if (repo_get(s->base.ctx->store, DH_R_SESSION, pr->session_id, &rec) == 0) {
		const dh_session *se = rec;
		page_addf(p, UI_S_NORMAL, "Phiên họp", "%s %s", date_vn(se->date, day),
		          se->title ? se->title : "");
		record_free(DH_R_SESSION, rec);
	}
	page_add(p, UI_S_NORMAL, "Người lập", config_person_name(s->base.ctx->cfg, pr->meta.created_by));
	page_add(p, UI_S_NORMAL, NULL, "");
	page_addf(p, UI_S_TITLE, NULL,
	          "Đề nghị công nhận %zu hồ sơ, với kết quả bình xét:", pr->candidates.n);
	if (!page_results(p, s->base.ctx, pr->session_id, &pr->candidates))
		page_candidates(p, s, &pr->candidates);
	if (pr->notes && *pr->notes) {
		page_add(p, UI_S_NORMAL, NULL, "");
		page_add(p, UI_S_TITLE, NULL, "Ghi chú:");
		page_add(p, UI_S_NORMAL, NULL, pr->notes);
	}
	return p;
}

static sel_page *dec_page(sel_screen *s)
{
	const dh_decision *d = sel_cur_decision(s);
	const dh_config *cfg = s->base.ctx->cfg;
	sel_page *p = d ? paper_page(s, "Quyết định công nhận", "Số quyết định", d->number, d->date) : NULL;
	if (!p)
		return NULL;
	char day[11];
	page_add(p, UI_S_NORMAL, "Người ký", config_person_name(cfg, d->signer));
	if (d->revoked) {
		page_add(p, UI_S_WARN, "Thu hồi ngày", date_vn(d->revoke_date, day));
		page_add(p, UI_S_WARN, "Lý do thu hồi", d->revoke_reason);
	} else {
		page_add(p, UI_S_OK, "Tình trạng", "Có hiệu lực");
	}
	page_add(p, UI_S_NORMAL, NULL, "");
	page_addf(p, UI_S_TITLE, NULL, "Công nhận %zu hồ sơ:", d->candidates.n);
	page_candidates(p, s, &d->candidates);
	return p;
}

static sel_page *dept_page(sel_screen *s)
{
	int i = sel_cur_dept(s);
	const dh_config *cfg = s->base.ctx->cfg;
	if (i < 0)
		return NULL;
	const sel_dept *d = &s->depts[i];
	sel_page *p = page_new(s->base.app, "%s", cfg->departments[i].name);
	if (!p)
		return NULL;
	char day[11];
	page_add(p, d->answered ? UI_S_OK : UI_S_WARN, "Năm", d->answered ? "Đã trả lời" : "Chưa trả lời");
	if (d->nil_id) {
		void *rec = NULL;
		if (repo_get(s->base.ctx->store, DH_R_NIL_RETURN, d->nil_id, &rec) == 0) {
			const dh_nil_return *n = rec;
			page_addf(p, UI_S_NORMAL, "Báo không có", "ngày %s — %s", date_vn(n->date, day),
			          n->by ? n->by : "");
			page_add(p, UI_S_NORMAL, "Ghi chú", n->note);
			record_free(DH_R_NIL_RETURN, rec);
		}
	}
	page_add(p, UI_S_NORMAL, NULL, "");
	page_add(p, UI_S_TITLE, NULL, "Hồ sơ đăng ký trong năm:");
	int k = 0;
	for (size_t j = 0; j < s->n_regs; j++) {
		const sel_reg *g = &s->regs[j];
		if (g->dept != i)
			continue;
		void *rec = NULL;
		const char *name = "?";
		if (repo_get(s->base.ctx->store, DH_R_CANDIDATE, g->candidate_id, &rec) == 0 &&
		    ((dh_candidate *)rec)->name)
			name = ((dh_candidate *)rec)->name;
		page_addf(
		    p, g->status == DH_REG_SUBMITTED || g->status == DH_REG_ACCEPTED ? UI_S_NORMAL : UI_S_DIM,
		    NULL, "  %s  %s — %s", date_vn(g->date, day), name, reg_status_label(g->status));
		if (rec)
			record_free(DH_R_CANDIDATE, rec);
		k++;
	}
	if (!k)
		page_add(p, UI_S_DIM, NULL, "  (không có)");
	return p;
}

ui_view *sel_page_open(sel_screen *s)
{
	sel_page *p = NULL;
	switch (s->mode) {
	case SEL_REG: p = reg_page(s); break;
	case SEL_PROP: p = prop_page(s); break;
	case SEL_DEC: p = dec_page(s); break;
	case SEL_DEPT: p = dept_page(s); break;
	}
	return p ? &p->base : NULL;
}
