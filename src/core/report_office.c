/* report_office.c — the documents of the Office and the Chief Inspector:
 * the registration summary, the decision with its annex list (NĐ 30/2020
 * Mẫu 1.2/1.3) and the review report (báo cáo sơ kết, tổng kết). */
#include "dienhinh/date.h"
#include "dienhinh/error.h"
#include "dienhinh/plan_year.h"
#include "dienhinh/record.h"
#include "dienhinh/repo.h"
#include "dienhinh/snapshot.h"
#include "dienhinh/stats.h"
#include "dienhinh/utf8.h"
#include "report_internal.h"

#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* --- registrations ---------------------------------------------------------- */

static bool rp_reg_active(const dh_registration *r)
{
	return r->status == DH_REG_SUBMITTED || r->status == DH_REG_ACCEPTED;
}

/* The status of one registration, in words. */
static void rp_reg_status(rp_doc *d, const dh_registration *r, const dh_candidate *c)
{
	rp_text(d, reg_status_label(r->status));
	if (r->status == DH_REG_ACCEPTED && r->complete)
		rp_text(d, ", hồ sơ đầy đủ");
	if ((r->status == DH_REG_RETURNED || r->status == DH_REG_WITHDRAWN) && r->reason && *r->reason) {
		rp_text(d, ": ");
		rp_text(d, r->reason);
	}
	if (r->late_reason && *r->late_reason) {
		const char *by = rp_person_name(d->cfg, r->late_approved_by);
		rp_text(d, "; đăng ký quá hạn, ");
		rp_text(d, by && *by ? by : "lãnh đạo");
		rp_text(d, " cho phép: ");
		rp_text(d, r->late_reason);
	}
	if (c && c->on_hold)
		rp_text(d, "; đang tạm dừng xét");
	if (c && c->duplicate_of)
		rp_printf(d, "; có thể trùng với hồ sơ #%" PRIu64 " đã được công nhận", c->duplicate_of);
}

typedef struct rp_dept_row {
	const char *id; /* config's, or one met in the data */
	int active[DH_CANDIDATE_KINDS];
	int inactive; /* returned, withdrawn */
	const dh_nil_return *nil;
} rp_dept_row;

static void rp_dept_answer(rp_doc *d, const rp_dept_row *row)
{
	char date_buf[11];
	int active = row->active[0] + row->active[1] + row->active[2];
	if (active)
		rp_printf(d, "Đã đăng ký %d hồ sơ", active);
	else if (row->nil)
		rp_printf(d, "Báo không có hồ sơ (%s)", rp_date(row->nil->date, date_buf));
	else
		rp_bold(d, "Chưa trả lời");
}

typedef struct rp_dept_filter {
	int year;
	const char *id;
} rp_dept_filter;

static bool rp_registration_of_department(const void *rec, const void *arg)
{
	const dh_registration *r = rec;
	const rp_dept_filter *f = arg;
	return rp_of_year(rec, &(rp_year){offsetof(dh_registration, year), f->year}) && r->department &&
	       strcmp(r->department, f->id) == 0;
}

/* One department's own list, its receipt of what it registered: every
 * registration of the year with its state, counted by kind. */
static int rp_registrations_of(rp_doc *d, const dh_department *dep)
{
	const dh_config *cfg = d->cfg;
	rp_vec regs = {0};
	rp_dept_filter filter = {d->year, dep->id};
	int rc = rp_collect(d->ctx->store, DH_R_REGISTRATION, rp_registration_of_department, &filter, &regs);
	for (size_t i = 0; !rc && i < regs.n; i++) {
		const dh_candidate *c;
		rc = rp_cand(d, ((dh_registration *)regs.v[i])->candidate_id, &c);
	}
	if (rc)
		goto done;
	rp_sort_by(&regs, offsetof(dh_registration, date));
	int kinds[DH_CANDIDATE_KINDS] = {0}, active = 0;
	for (size_t i = 0; i < regs.n; i++) {
		const dh_registration *r = regs.v[i];
		const dh_candidate *c;
		rp_cand(d, r->candidate_id, &c);
		if (rp_reg_active(r)) {
			active++;
			if (c && c->kind >= 0 && c->kind < DH_CANDIDATE_KINDS)
				kinds[c->kind]++;
		}
	}
	char buf[300], date_buf[11];
	rp_header(d, cfg->organization.name, dep->name, NULL, DH_DOC_CODE_REGISTRATIONS, d->ctx->today);
	snprintf(buf, sizeof(buf), "Danh sách hồ sơ đăng ký của %s năm %d", dep->name, d->year);
	doc_set_kind(d->doc, "DANH SÁCH", buf);
	doc_set_title(d->doc, "Danh sách đăng ký của đơn vị");
	snprintf(d->stem, sizeof(d->stem), "dang-ky-%s-%d", dep->id, d->year);
	snprintf(buf, sizeof(buf), "(Tính đến ngày %s)", rp_date(d->ctx->today, date_buf));
	rp_line(d, DOC_P_CENTER, DOC_ITALIC, buf);
	rp_para(d, DOC_P_ITEM);
	rp_text(d, "Số hồ sơ đã đăng ký: ");
	rp_boldf(d, "%zu", regs.n);
	rp_printf(d, "; đang xét: %d (", active);
	rp_kind_counts(d, kinds);
	rp_text(d, ").");
	static const dh_doc_col reg_cols[] = {
	    {"STT", 5, DOC_CENTRE},         {"Tên", 14, DOC_LEFT},
	    {"Loại", 5, DOC_LEFT},          {"Thành tích, mô hình", 14, DOC_LEFT},
	    {"Ngày đăng ký", 11, DOC_LEFT}, {"Người đăng ký", 9, DOC_LEFT},
	    {"Tình trạng", 11, DOC_LEFT}};
	if (regs.n)
		doc_table(d->doc, reg_cols, sizeof(reg_cols) / sizeof(reg_cols[0]));
	else
		rp_line(d, DOC_P_BODY, DOC_BOLD, "Đơn vị chưa đăng ký hồ sơ nào.");
	for (size_t i = 0; i < regs.n; i++) {
		const dh_registration *reg = regs.v[i];
		const dh_candidate *c = rp_cand_row(d, reg->candidate_id, i + 1);
		rp_cell(d, c ? kind_label(c->kind) : "");
		rp_cell_or(d, c ? c->title : NULL, "");
		rp_cell(d, rp_date(reg->date, date_buf));
		rp_cell_or(d, rp_person_name(cfg, reg->registered_by), "");
		doc_cell(d->doc);
		rp_reg_status(d, reg, c);
	}
	const dh_person *head = NULL;
	for (size_t i = 0; i < cfg->n_people; i++)
		if (cfg->people[i].department && strcmp(cfg->people[i].department, dep->id) == 0 &&
		    (cfg->people[i].roles & DH_ROLE_DEPT_HEAD))
			head = &cfg->people[i];
	dh_doc_signer who = {.title = "THỦ TRƯỞNG ĐƠN VỊ", .name = head ? head->name : NULL, .hint = true};
	rp_sign_with_recipients(d, &who, DH_DOC_CODE_REGISTRATIONS);
done:
	rp_vec_free(&regs, DH_R_REGISTRATION);
	return rc;
}

int rp_registrations(rp_doc *d, const dh_report_opts *o)
{
	const dh_config *cfg = d->cfg;
	if (o->department) {
		const dh_department *dep = config_department(cfg, o->department);
		if (!dep) {
			char q[64];
			return rp_say(d->ctx, DH_EINVAL, "Không có đơn vị “%s” trong cấu hình.",
			              rp_quote(o->department, q));
		}
		return rp_registrations_of(d, dep);
	}
	rp_vec regs = {0}, nils = {0};
	rp_dept_row *rows = NULL;
	size_t n_rows = cfg->n_departments;
	int rc = rp_collect(d->ctx->store, DH_R_REGISTRATION, rp_of_year,
	                    &(rp_year){offsetof(dh_registration, year), d->year}, &regs);
	if (!rc)
		rc = rp_collect(d->ctx->store, DH_R_NIL_RETURN, rp_of_year,
		                &(rp_year){offsetof(dh_nil_return, year), d->year}, &nils);
	if (!rc) {
		rp_sort_by(&regs, offsetof(dh_registration, date));
		rows = calloc(cfg->n_departments + regs.n + nils.n + 1, sizeof(*rows));
		if (!rows)
			rc = DH_ENOMEM;
	}
	for (size_t i = 0; !rc && i < regs.n; i++) {
		const dh_candidate *c;
		rc = rp_cand(d, ((dh_registration *)regs.v[i])->candidate_id, &c);
	}
	if (rc)
		goto done;
	for (size_t i = 0; i < cfg->n_departments; i++)
		rows[i].id = cfg->departments[i].id;
	/* Rows for departments config no longer has, in the order met. */
	for (size_t pass = 0; pass < 2; pass++) {
		rp_vec *v = pass ? &nils : &regs;
		for (size_t i = 0; i < v->n; i++) {
			const char *id = pass ? ((dh_nil_return *)v->v[i])->department
			                      : ((dh_registration *)v->v[i])->department;
			id = id ? id : "";
			size_t k = 0;
			while (k < n_rows && strcmp(rows[k].id, id) != 0)
				k++;
			if (k == n_rows)
				rows[n_rows++].id = id;
			if (pass) {
				if (!rows[k].nil)
					rows[k].nil = v->v[i];
				continue;
			}
			const dh_registration *r = v->v[i];
			const dh_candidate *c;
			rp_cand(d, r->candidate_id, &c);
			int kind =
			    c && c->kind >= 0 && c->kind < DH_CANDIDATE_KINDS ? c->kind : DH_KIND_INDIVIDUAL;
			if (rp_reg_active(r))
				rows[k].active[kind]++;
			else
				rows[k].inactive++;
		}
	}

	int answered = 0, with_regs = 0, with_nil = 0, status[4] = {0}, kinds[DH_CANDIDATE_KINDS] = {0};
	for (size_t i = 0; i < cfg->n_departments; i++) {
		int active = rows[i].active[0] + rows[i].active[1] + rows[i].active[2];
		answered += active || rows[i].nil;
		with_regs += active > 0;
		with_nil += !active && rows[i].nil;
	}
	for (size_t i = 0; i < regs.n; i++) {
		const dh_registration *r = regs.v[i];
		const dh_candidate *c;
		rp_cand(d, r->candidate_id, &c);
		if (r->status >= 0 && r->status < 4)
			status[r->status]++;
		if (rp_reg_active(r) && c && c->kind >= 0 && c->kind < DH_CANDIDATE_KINDS)
			kinds[c->kind]++;
	}

	char date_buf[11], buf[200];
	const dh_person *clerk = rp_person_with(cfg, DH_ROLE_OFFICE);
	const dh_department *office = clerk ? config_department(cfg, clerk->department) : NULL;
	rp_header(d, cfg->organization.name, office ? office->name : NULL, NULL, DH_DOC_CODE_REGISTRATIONS,
	          d->ctx->today);
	snprintf(buf, sizeof(buf), "Tổng hợp đăng ký mô hình tiêu biểu, điển hình tiên tiến năm %d", d->year);
	doc_set_kind(d->doc, "BÁO CÁO", buf);
	doc_set_title(d->doc, "Tổng hợp đăng ký theo đơn vị");
	snprintf(d->stem, sizeof(d->stem), "tong-hop-dang-ky-%d", d->year);
	snprintf(buf, sizeof(buf), "(Tính đến ngày %s)", rp_date(d->ctx->today, date_buf));
	rp_line(d, DOC_P_CENTER, DOC_ITALIC, buf);
	const dh_deadline *dl = config_deadline_closing(cfg, "nominate");
	if (dl && date_valid(dl->date)) {
		rp_para(d, DOC_P_ITEM);
		rp_text(d, dl->label ? dl->label : "Hạn đăng ký");
		rp_printf(d, ": %s", rp_date(dl->date, date_buf));
		if (date_valid(d->ctx->today) && dl->date / 10000 == d->year) {
			int left = date_diff(d->ctx->today, dl->date);
			if (left > 0)
				rp_printf(d, " (còn %d ngày)", left);
			else if (left == 0)
				rp_text(d, " (hôm nay là hạn cuối)");
			else
				rp_printf(d, " (đã quá hạn %d ngày)", -left);
		}
		rp_text(d, ".");
	}
	rp_para(d, DOC_P_ITEM);
	rp_text(d, "Đơn vị đã trả lời: ");
	rp_boldf(d, "%d/%zu", answered, cfg->n_departments);
	rp_printf(d, " (đăng ký: %d, báo không có hồ sơ: %d); chưa trả lời: ", with_regs, with_nil);
	rp_boldf(d, "%zu", cfg->n_departments - (size_t)answered);
	rp_text(d, ".");
	rp_para(d, DOC_P_ITEM);
	rp_text(d, "Hồ sơ đăng ký: ");
	rp_boldf(d, "%zu", regs.n);
	rp_text(d, " (");
	for (int s = 0; s < 4; s++)
		rp_printf(d, "%s%s %d", s ? ", " : "", reg_status_label(s), status[s]);
	rp_text(d, "); đang xét: ");
	rp_kind_counts(d, kinds);
	rp_text(d, ".");

	rp_line(d, DOC_P_HEAD1, 0, "I. Tổng hợp theo đơn vị");
	static const dh_doc_col dept_cols[] = {
	    {"STT", 5, DOC_CENTRE},         {"Đơn vị", 16, DOC_LEFT},
	    {"Cá nhân", 5, DOC_RIGHTALIGN}, {"Tập thể", 5, DOC_RIGHTALIGN},
	    {"Mô hình", 5, DOC_RIGHTALIGN}, {"Trả lại, rút", 5, DOC_RIGHTALIGN},
	    {"Tình hình", 11, DOC_LEFT}};
	doc_table(d->doc, dept_cols, sizeof(dept_cols) / sizeof(dept_cols[0]));
	for (size_t i = 0; i < n_rows; i++) {
		doc_row(d->doc, false);
		rp_cellf(d, "%zu", i + 1);
		rp_cell_or(d, rp_dept_name(cfg, rows[i].id), "(không ghi đơn vị)");
		rp_cellf(d, "%d", rows[i].active[0]);
		rp_cellf(d, "%d", rows[i].active[1]);
		rp_cellf(d, "%d", rows[i].active[2]);
		rp_cellf(d, "%d", rows[i].inactive);
		doc_cell(d->doc);
		rp_dept_answer(d, &rows[i]);
	}

	rp_line(d, DOC_P_HEAD1, 0, "II. Danh sách đăng ký theo đơn vị");
	static const dh_doc_col reg_cols[] = {{"STT", 5, DOC_CENTRE},
	                                      {"Tên", 12, DOC_LEFT},
	                                      {"Loại", 5, DOC_LEFT},
	                                      {"Chức vụ", 7, DOC_LEFT},
	                                      {"Thành tích, mô hình", 11, DOC_LEFT},
	                                      {"Ngày đăng ký", 11, DOC_LEFT},
	                                      {"Người đăng ký", 7, DOC_LEFT},
	                                      {"Tình trạng", 9, DOC_LEFT}};
	for (size_t i = 0; i < n_rows; i++) {
		const char *dept = rp_dept_name(cfg, rows[i].id);
		rp_para(d, DOC_P_HEAD2);
		rp_printf(d, "%zu. ", i + 1);
		rp_text(d, dept && *dept ? dept : "(không ghi đơn vị)");
		size_t k = 0;
		for (size_t r = 0; r < regs.n; r++) {
			const dh_registration *reg = regs.v[r];
			const char *id = reg->department ? reg->department : "";
			if (strcmp(id, rows[i].id) != 0)
				continue;
			if (!k)
				doc_table(d->doc, reg_cols, sizeof(reg_cols) / sizeof(reg_cols[0]));
			const dh_candidate *c = rp_cand_row(d, reg->candidate_id, ++k);
			rp_cell(d, c ? kind_label(c->kind) : "");
			rp_cell_or(d, c ? c->position : NULL, "");
			rp_cell_or(d, c ? c->title : NULL, "");
			rp_cell(d, rp_date(reg->date, date_buf));
			rp_cell_or(d, rp_person_name(cfg, reg->registered_by), "");
			doc_cell(d->doc);
			rp_reg_status(d, reg, c);
		}
		if (rows[i].nil) {
			const dh_nil_return *nr = rows[i].nil;
			rp_para(d, DOC_P_BODY);
			rp_printf(d, "Báo không có hồ sơ đề nghị: ngày %s", rp_date(nr->date, date_buf));
			if (nr->by && *nr->by) {
				rp_text(d, ", ");
				rp_text(d, rp_person_name(cfg, nr->by));
			}
			if (nr->note && *nr->note) {
				rp_text(d, " — ");
				rp_text(d, nr->note);
			}
			rp_text(d, ".");
		} else if (!k) {
			rp_line(d, DOC_P_BODY, DOC_BOLD, "Chưa trả lời.");
		}
		int active = rows[i].active[0] + rows[i].active[1] + rows[i].active[2];
		if (k && !active && !rows[i].nil)
			rp_line(d, DOC_P_BODY, DOC_BOLD, "Chưa có hồ sơ đang xét (chưa trả lời).");
	}

	rp_line(d, DOC_P_HEAD1, 0, "III. Đơn vị chưa trả lời");
	if ((size_t)answered == cfg->n_departments) {
		rp_line(d, DOC_P_BODY, 0, "Tất cả các đơn vị đã trả lời.");
	} else {
		for (size_t i = 0; i < cfg->n_departments; i++) {
			int active = rows[i].active[0] + rows[i].active[1] + rows[i].active[2];
			if (!active && !rows[i].nil)
				rp_line(d, DOC_P_ITEM, 0, cfg->departments[i].name);
		}
	}
	dh_doc_signer who = {.title = "NGƯỜI TỔNG HỢP", .name = clerk ? clerk->name : NULL, .hint = true};
	rp_sign_with_recipients(d, &who, DH_DOC_CODE_REGISTRATIONS);
done:
	free(rows);
	rp_vec_free(&regs, DH_R_REGISTRATION);
	rp_vec_free(&nils, DH_R_NIL_RETURN);
	return rc;
}

/* --- decision ------------------------------------------------------------------ */

static bool rp_decision_numbered(const void *rec, const void *arg)
{
	const dh_decision *d = rec;
	return !d->meta.deleted && decision_number_same(d->number, arg);
}

static int rp_load_decision(rp_doc *d, const dh_report_opts *o, dh_decision **out)
{
	rp_vec v = {0};
	int rc;
	*out = NULL;
	if (o->decision_id) {
		void *rec = NULL;
		rc = repo_get(d->ctx->store, DH_R_DECISION, o->decision_id, &rec);
		if (rc == DH_ENOTFOUND)
			return rp_say(d->ctx, DH_ENOTFOUND, "Không có quyết định mang mã số %" PRIu64 ".",
			              o->decision_id);
		if (!rc && ((dh_decision *)rec)->meta.deleted) {
			record_free(DH_R_DECISION, rec);
			return rp_say(d->ctx, DH_ENOTFOUND, "Quyết định mã số %" PRIu64 " đã bị xóa.",
			              o->decision_id);
		}
		*out = rec;
		return rc;
	}
	char *number = o->decision_number ? utf8_nfc(o->decision_number) : NULL;
	if (o->decision_number && !number)
		return rp_say(d->ctx, DH_EINVAL, "Số quyết định không phải văn bản UTF-8.");
	if (number)
		rc = rp_collect(d->ctx->store, DH_R_DECISION, rp_decision_numbered, number, &v);
	else
		rc = rp_collect(d->ctx->store, DH_R_DECISION, rp_of_year,
		                &(rp_year){offsetof(dh_decision, year), d->year}, &v);
	if (!rc && !v.n) {
		char q[64];
		rc = number
		         ? rp_say(d->ctx, DH_ENOTFOUND, "Không có quyết định số “%s”.", rp_quote(number, q))
		         : rp_say(d->ctx, DH_ENOTFOUND,
		                  "Chưa có quyết định công nhận hoặc khen thưởng nào của năm %d.", d->year);
	}
	if (!rc) {
		/* Of a number reused after a revocation, the one in force; with
		 * no number, the decision made last (the newest record, whatever
		 * date was typed on it), and the reader is told which. */
		rp_sort_by(&v, offsetof(dh_decision, date));
		size_t pick = v.n - 1;
		for (size_t i = v.n; number && i-- > 0;)
			if (!((dh_decision *)v.v[i])->revoked) {
				pick = i;
				break;
			}
		if (!number)
			for (size_t i = 0; i < v.n; i++)
				if (((dh_decision *)v.v[i])->meta.id > ((dh_decision *)v.v[pick])->meta.id)
					pick = i;
		*out = v.v[pick];
		v.v[pick] = v.v[--v.n];
		if (!number) {
			const dh_decision *dec = *out;
			char day[11];
			snprintf(d->ctx->message, sizeof(d->ctx->message),
			         "Quyết định mới nhất: số %s ngày %s (mã số %" PRIu64
			         "); quyết định khác: --decision SỐ.",
			         dec->number && *dec->number ? dec->number : "(chưa có số)",
			         rp_date(dec->date, day), dec->meta.id);
		}
	}
	free(number);
	rp_vec_free(&v, DH_R_DECISION);
	return rc;
}

static void rp_decision_note(rp_doc *d, size_t i, void *arg)
{
	const dh_decision *dec = arg;
	const dh_candidate *c;
	rp_cand(d, dec->candidates.v[i], &c);
	if (dec->revoked)
		rp_text(d, "Đã thu hồi");
	else if (c && c->on_hold)
		rp_text(d, "Đang tạm dừng xét");
}

/* "15-QD-TTr": a decision number fit for a file name (ASCII letters and
 * digits, '-' for everything else). */
static void rp_stem_number(const char *number, char *out, size_t size)
{
	size_t o = 0;
	char *folded = NULL;
	if (number)
		utf8proc_map((const utf8proc_uint8_t *)number, 0, (utf8proc_uint8_t **)&folded,
		             UTF8PROC_NULLTERM | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK);
	for (const char *p = folded ? folded : ""; *p && o + 2 < size; p++) {
		unsigned char ch = (unsigned char)*p;
		if (ch == 0xc4 && ((unsigned char)p[1] == 0x90 || (unsigned char)p[1] == 0x91)) {
			out[o++] = (unsigned char)p[1] == 0x90 ? 'D' : 'd'; /* Đ đ */
			p++;
		} else if ((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')) {
			out[o++] = (char)ch;
		} else if (ch < 0x80 && o && out[o - 1] != '-') {
			out[o++] = '-';
		}
	}
	while (o && out[o - 1] == '-')
		o--;
	out[o] = '\0';
	free(folded);
}

/* Căn cứ lines from config, each ending ";" and the last "."; without any
 * in config, the plan and the council's proposal. */
static void rp_decision_basis(rp_doc *d, const dh_decision *dec)
{
	const dh_config *cfg = d->cfg;
	const dh_documents *dc = &cfg->documents;
	for (size_t i = 0; i < dc->n_basis; i++) {
		rp_para(d, DOC_P_BASIS);
		rp_text(d, dc->basis[i]);
		rp_text(d, i + 1 < dc->n_basis ? ";" : ".");
	}
	if (dc->n_basis)
		return;
	if (cfg->plan.title && cfg->plan.year == dec->year) {
		rp_para(d, DOC_P_BASIS);
		rp_text(d, "Căn cứ ");
		rp_text(d, cfg->plan.title);
		rp_text(d, ";");
	}
	rp_para(d, DOC_P_BASIS);
	rp_text(d, "Xét đề nghị của ");
	rp_text(d, cfg->council.name);
	rp_text(d, ".");
}

int rp_decision(rp_doc *d, const dh_report_opts *o)
{
	const dh_config *live = d->cfg;
	dh_held held = {0};
	dh_decision *dec = NULL;
	int rc = rp_load_decision(d, o, &dec);
	if (!rc && !dec)
		rc = DH_ENOTFOUND;
	for (size_t i = 0; !rc && i < dec->candidates.n; i++) {
		const dh_candidate *c;
		rc = rp_cand(d, dec->candidates.v[i], &c);
	}
	/* The signer, names and căn cứ as the decision was made. */
	if (!rc)
		rc = held_open_decision(&held, live, dec);
	if (rc)
		goto done;
	d->cfg = &held.cfg;
	const dh_config *cfg = d->cfg;

	bool award = dec->type == DH_DEC_AWARD;
	const dh_award *aw = award ? (dec->award_id ? config_award(cfg, dec->award_id) : NULL) : NULL;
	if (award && !aw && cfg->n_awards)
		aw = &cfg->awards[0];
	const char *award_name = aw ? aw->name : "Giấy khen";
	int per_kind[DH_CANDIDATE_KINDS] = {0};
	size_t present = 0;
	for (size_t i = 0; i < dec->candidates.n; i++) {
		const dh_candidate *c;
		rp_cand(d, dec->candidates.v[i], &c);
		if (!c)
			continue;
		present++;
		if (c->kind >= 0 && c->kind < DH_CANDIDATE_KINDS)
			per_kind[c->kind]++;
	}
	char buf[600], head[200], date_buf[11], num[64];
	const char *number = dec->number && *dec->number ? dec->number : NULL;
	if (!present) {
		/* Nothing to decide about: no document rather than "0 tập thể, cá nhân". */
		if (number)
			rc = rp_say(d->ctx, DH_ENOTFOUND,
			            "Quyết định số %s không còn tập thể, cá nhân nào: không lập văn bản.",
			            number);
		else
			rc = rp_say(d->ctx, DH_ENOTFOUND,
			            "Quyết định mã số %" PRIu64
			            " không còn tập thể, cá nhân nào: không lập văn bản.",
			            dec->meta.id);
		goto done;
	}
	rp_org_header(d, number, award ? DH_DOC_CODE_AWARD : DH_DOC_CODE_DECISION, dec->date);
	if (award)
		snprintf(buf, sizeof(buf), "Về việc tặng %s năm %d", award_name, dec->year);
	else
		snprintf(buf, sizeof(buf),
		         "Về việc công nhận mô hình tiêu biểu, điển hình tiên tiến xuất sắc năm %d",
		         dec->year);
	doc_set_kind(d->doc, "QUYẾT ĐỊNH", buf);
	doc_set_title(d->doc, award ? "Quyết định khen thưởng" : "Quyết định công nhận");
	rp_stem_number(number, num, sizeof(num));
	snprintf(d->stem, sizeof(d->stem), "quyet-dinh-%d-%s", dec->year, num[0] ? num : "chua-so");
	if (dec->revoked) {
		rp_para(d, DOC_P_CENTER);
		rp_boldf(d, "(Quyết định này đã bị thu hồi ngày %s", rp_date(dec->revoke_date, date_buf));
		if (dec->revoke_reason && *dec->revoke_reason) {
			rp_bold(d, ". Lý do: ");
			rp_bold(d, dec->revoke_reason);
		}
		rp_bold(d, ".)");
	}
	char *authority = doc_upper(rp_head_of(cfg, head));
	rp_line(d, DOC_P_CENTER, DOC_BOLD, authority ? authority : head);
	free(authority);
	rp_decision_basis(d, dec);
	rp_line(d, DOC_P_CENTER, DOC_BOLD, "QUYẾT ĐỊNH:");

	rp_para(d, DOC_P_BODY);
	rp_bold(d, "Điều 1. ");
	if (award) {
		rp_printf(d, "Tặng %s cho %zu tập thể, cá nhân, mô hình (", award_name, present);
		rp_kind_counts(d, per_kind);
		rp_text(d, ") đã có thành tích xuất sắc");
		if (cfg->plan.title && cfg->plan.year == dec->year) {
			rp_text(d, " trong thực hiện ");
			rp_text(d, cfg->plan.title);
		}
		rp_text(d, " (có danh sách kèm theo).");
	} else {
		rp_printf(d, "Công nhận %zu mô hình tiêu biểu, điển hình tiên tiến xuất sắc năm %d (",
		          present, dec->year);
		rp_kind_counts(d, per_kind);
		rp_text(d, ") (có danh sách kèm theo).");
	}
	rp_para(d, DOC_P_BODY);
	rp_bold(d, "Điều 2. ");
	if (award)
		rp_text(d, "Tập thể, cá nhân có tên tại Điều 1 được khen thưởng theo quy định hiện hành.");
	else
		rp_text(d,
		        "Các mô hình, điển hình được công nhận tại Điều 1 được tiếp tục bồi dưỡng, nhân rộng "
		        "theo kế hoạch của cơ quan.");
	rp_para(d, DOC_P_BODY);
	rp_bold(d, "Điều 3. ");
	rp_text(d, "Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng, Trưởng các phòng thuộc ");
	rp_text(d, cfg->organization.name);
	rp_text(d, " và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.");
	rp_sign_for_org(d, dec->signer, award ? DH_DOC_CODE_AWARD : DH_DOC_CODE_DECISION);

	doc_page_break(d->doc);
	char *what = doc_upper(award ? award_name : "");
	if (award)
		snprintf(buf, sizeof(buf), "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG %s NĂM %d",
		         what ? what : "GIẤY KHEN", dec->year);
	else
		snprintf(buf, sizeof(buf),
		         "DANH SÁCH MÔ HÌNH TIÊU BIỂU, ĐIỂN HÌNH TIÊN TIẾN XUẤT SẮC ĐƯỢC CÔNG NHẬN NĂM %d",
		         dec->year);
	free(what);
	rp_line(d, DOC_P_CENTER, DOC_BOLD, buf);
	snprintf(buf, sizeof(buf), "(Kèm theo Quyết định số %s ngày %s của %s)", number ? number : "……",
	         rp_date(dec->date, date_buf), head);
	rp_line(d, DOC_P_CENTER, DOC_ITALIC, buf);
	if ((rc = rp_by_kind(d, dec->candidates.v, dec->candidates.n, "Ghi chú", rp_decision_note, dec)))
		goto done;
	rp_para(d, DOC_P_BODY);
	rp_boldf(d, "Tổng cộng: %zu", present);
	rp_text(d, " (");
	rp_kind_counts(d, per_kind);
	rp_text(d, ").");
done:
	d->cfg = live;
	held_close(&held);
	if (dec)
		record_free(DH_R_DECISION, dec);
	return rc;
}

/* --- review report ------------------------------------------------------------ */

typedef struct rp_review_job {
	dh_stats stats;
	bool have_stats;
	rp_vec reviews, activities, disseminations, honoured;
} rp_review_job;

static void rp_review_dissemination(rp_doc *d, rp_review_job *j)
{
	const dh_config *cfg = d->cfg;
	char date_buf[11];
	size_t done = 0;
	for (size_t i = 0; i < cfg->n_departments; i++) {
		for (size_t k = 0; k < j->disseminations.n; k++) {
			const dh_dissemination *x = j->disseminations.v[k];
			if (x->department && strcmp(x->department, cfg->departments[i].id) == 0) {
				done++;
				break;
			}
		}
	}
	rp_line(d, DOC_P_HEAD1, 0, "I. Công tác quán triệt, tổ chức thực hiện");
	rp_para(d, DOC_P_BODY);
	rp_text(d, "Đã quán triệt kế hoạch: ");
	rp_boldf(d, "%zu/%zu", done, cfg->n_departments);
	rp_text(d, " đơn vị.");
	static const dh_doc_col cols[] = {{"STT", 5, DOC_CENTRE},
	                                  {"Đơn vị", 16, DOC_LEFT},
	                                  {"Ngày quán triệt", 9, DOC_LEFT},
	                                  {"Người thực hiện", 11, DOC_LEFT},
	                                  {"Số người dự", 6, DOC_RIGHTALIGN}};
	doc_table(d->doc, cols, sizeof(cols) / sizeof(cols[0]));
	for (size_t i = 0; i < cfg->n_departments; i++) {
		const dh_dissemination *first = NULL;
		for (size_t k = 0; k < j->disseminations.n && !first; k++) {
			const dh_dissemination *x = j->disseminations.v[k];
			if (x->department && strcmp(x->department, cfg->departments[i].id) == 0)
				first = x;
		}
		doc_row(d->doc, false);
		rp_cellf(d, "%zu", i + 1);
		rp_cell(d, cfg->departments[i].name);
		if (!first) {
			doc_cell_text(d->doc, DOC_BOLD, "Chưa quán triệt");
			continue;
		}
		rp_cell(d, rp_date(first->date, date_buf));
		rp_cell_or(d, rp_person_name(cfg, first->by), "");
		rp_cellf(d, "%d", first->attendees);
	}
}

static void rp_review_fostering(rp_doc *d, const dh_stats *s)
{
	char money[32];
	rp_line(d, DOC_P_HEAD2, 0, "1. Phát hiện, bồi dưỡng nhân tố mới");
	rp_para(d, DOC_P_ITEM);
	rp_text(d, "Tổng số hồ sơ trong năm: ");
	rp_boldf(d, "%d", s->candidates);
	rp_text(d, " (");
	rp_kind_counts(d, s->by_kind);
	rp_printf(d, "); đạt từ %d tiêu chí trở lên (nhân tố mới): %d", d->cfg->criteria.new_factor_min,
	          s->meeting_new_factor_min);
	if (s->on_hold)
		rp_printf(d, "; đang tạm dừng xét: %d", s->on_hold);
	rp_text(d, ".");
	rp_para(d, DOC_P_ITEM);
	rp_figures(
	    d,
	    (const rp_figure[]){{"Bồi dưỡng: ", s->fostering_total}, {" lượt cho ", s->fostered_candidates}},
	    2);
	rp_text(d, " hồ sơ; hỗ trợ vật chất tổng cộng ");
	rp_boldf(d, "%s đồng", report_money(s->material_total, money));
	rp_text(d, ".");
	static const dh_doc_col cols[] = {{"Hình thức bồi dưỡng", 16, DOC_LEFT},
	                                  {"Số lượt", 6, DOC_RIGHTALIGN},
	                                  {"Kinh phí", 10, DOC_RIGHTALIGN}};
	doc_table(d->doc, cols, sizeof(cols) / sizeof(cols[0]));
	for (int k = 0; k < 3; k++) {
		doc_row(d->doc, false);
		rp_cell(d, fostering_kind_label(k));
		rp_cellf(d, "%d", s->fostering[k]);
		if (k == DH_FOSTER_MATERIAL)
			rp_cellf(d, "%s đồng", report_money(s->material_total, money));
		else
			rp_cell(d, "");
	}
	doc_row(d->doc, true);
	rp_cell(d, "Cộng");
	rp_cellf(d, "%d", s->fostering_total);
	rp_cellf(d, "%s đồng", report_money(s->material_total, money));
}

static void rp_review_selection(rp_doc *d, rp_review_job *j)
{
	const dh_stats *s = &j->stats;
	rp_line(d, DOC_P_HEAD2, 0, "2. Lựa chọn, công nhận, khen thưởng");
	rp_para(d, DOC_P_ITEM);
	rp_text(d, "Đăng ký: ");
	rp_boldf(d, "%d", s->registrations_total);
	rp_text(d, " hồ sơ (");
	for (int r = 0; r < 4; r++)
		rp_printf(d, "%s%s %d", r ? ", " : "", reg_status_label(r), s->registrations[r]);
	rp_printf(d, "); %d đơn vị báo không có hồ sơ; %d/%zu đơn vị đã trả lời.", s->nil_returns,
	          s->departments_answered, d->cfg->n_departments);
	rp_para(d, DOC_P_ITEM);
	rp_figures(d,
	           (const rp_figure[]){{"Hội đồng thi đua, khen thưởng họp ", s->sessions},
	                               {" phiên; ", s->items_passed},
	                               {" lượt bình xét đạt, ", s->items_failed}},
	           3);
	rp_text(d, " không đạt.");
	rp_para(d, DOC_P_ITEM);
	rp_figures(d,
	           (const rp_figure[]){{"Quyết định công nhận: ", s->recognition_decisions},
	                               {"; quyết định tặng Giấy khen: ", s->award_decisions}},
	           2);
	rp_text(d, ".");
	rp_para(d, DOC_P_ITEM);
	rp_figures(d,
	           (const rp_figure[]){
	               {"Đã công nhận: ", s->by_stage[DH_STAGE_RECOGNISED] + s->by_stage[DH_STAGE_AWARDED]},
	               {"; đã khen thưởng: ", s->by_stage[DH_STAGE_AWARDED]}},
	           2);
	rp_text(d, ".");
	if (!j->honoured.n)
		return;
	char date_buf[11];
	static const dh_doc_col cols[] = {{"STT", 5, DOC_CENTRE},
	                                  {"Tên", 14, DOC_LEFT},
	                                  {"Loại", 5, DOC_LEFT},
	                                  {"Đơn vị", 10, DOC_LEFT},
	                                  {"Quyết định công nhận", 9, DOC_LEFT},
	                                  {"Khen thưởng", 9, DOC_LEFT}};
	doc_table(d->doc, cols, sizeof(cols) / sizeof(cols[0]));
	for (size_t i = 0; i < j->honoured.n; i++) {
		const dh_candidate *c = j->honoured.v[i];
		doc_row(d->doc, false);
		rp_cellf(d, "%zu", i + 1);
		rp_cell_or(d, c->name, "");
		rp_cell(d, kind_label(c->kind));
		rp_cell_or(d, rp_dept_name(d->cfg, c->department), "");
		doc_cell(d->doc);
		if (c->recognised_decision && *c->recognised_decision) {
			rp_text(d, c->recognised_decision);
			rp_printf(d, " (%s)", rp_date(c->recognised_date, date_buf));
		}
		doc_cell(d->doc);
		if (c->stage == DH_STAGE_AWARDED && c->award_decision && *c->award_decision) {
			rp_text(d, c->award_decision);
			rp_printf(d, " (%s)", rp_date(c->award_date, date_buf));
		}
	}
}

static void rp_review_departments(rp_doc *d, const dh_stats *s)
{
	rp_line(d, DOC_P_HEAD2, 0, "3. Số liệu theo đơn vị");
	static const dh_doc_col cols[] = {{"Đơn vị", 16, DOC_LEFT},       {"Cá nhân", 5, DOC_RIGHTALIGN},
	                                  {"Tập thể", 5, DOC_RIGHTALIGN}, {"Mô hình", 5, DOC_RIGHTALIGN},
	                                  {"Tổng", 5, DOC_RIGHTALIGN},    {"Đã công nhận", 6, DOC_RIGHTALIGN},
	                                  {"Đăng ký", 5, DOC_RIGHTALIGN}};
	doc_table(d->doc, cols, sizeof(cols) / sizeof(cols[0]));
	int sum[DH_CANDIDATE_KINDS] = {0}, total = 0, honoured_sum = 0, regs = 0;
	for (size_t i = 0; i < s->n_depts; i++) {
		const dh_stats_dept *dep = &s->depts[i];
		int per_kind[DH_CANDIDATE_KINDS] = {0}, honoured = 0;
		for (int k = 0; k < DH_CANDIDATE_KINDS; k++) {
			for (int st = 0; st < DH_STAGE__COUNT; st++)
				per_kind[k] += dep->count[k][st];
			honoured += dep->count[k][DH_STAGE_RECOGNISED] + dep->count[k][DH_STAGE_AWARDED];
			sum[k] += per_kind[k];
		}
		total += dep->total;
		honoured_sum += honoured;
		regs += dep->registrations;
		doc_row(d->doc, false);
		rp_cell_or(d, dep->name ? dep->name : dep->id, "(không ghi đơn vị)");
		for (int k = 0; k < DH_CANDIDATE_KINDS; k++)
			rp_cellf(d, "%d", per_kind[k]);
		rp_cellf(d, "%d", dep->total);
		rp_cellf(d, "%d", honoured);
		rp_cellf(d, "%d", dep->registrations);
	}
	doc_row(d->doc, true);
	rp_cell(d, "Cộng");
	for (int k = 0; k < DH_CANDIDATE_KINDS; k++)
		rp_cellf(d, "%d", sum[k]);
	rp_cellf(d, "%d", total);
	rp_cellf(d, "%d", honoured_sum);
	rp_cellf(d, "%d", regs);

	rp_line(d, DOC_P_HEAD2, 0, "4. Số liệu theo bước");
	static const dh_doc_col stage_cols[] = {{"Bước", 16, DOC_LEFT},
	                                        {"Cá nhân", 5, DOC_RIGHTALIGN},
	                                        {"Tập thể", 5, DOC_RIGHTALIGN},
	                                        {"Mô hình", 5, DOC_RIGHTALIGN},
	                                        {"Tổng", 5, DOC_RIGHTALIGN}};
	doc_table(d->doc, stage_cols, sizeof(stage_cols) / sizeof(stage_cols[0]));
	for (int st = 0; st < DH_STAGE__COUNT; st++) {
		int per_kind[DH_CANDIDATE_KINDS] = {0};
		for (size_t i = 0; i < s->n_depts; i++)
			for (int k = 0; k < DH_CANDIDATE_KINDS; k++)
				per_kind[k] += s->depts[i].count[k][st];
		doc_row(d->doc, false);
		rp_cell(d, stage_label(st));
		for (int k = 0; k < DH_CANDIDATE_KINDS; k++)
			rp_cellf(d, "%d", per_kind[k]);
		rp_cellf(d, "%d", s->by_stage[st]);
	}
	doc_row(d->doc, true);
	rp_cell(d, "Cộng");
	for (int k = 0; k < DH_CANDIDATE_KINDS; k++)
		rp_cellf(d, "%d", s->by_kind[k]);
	rp_cellf(d, "%d", s->candidates);
}

static void rp_review_replication(rp_doc *d, rp_review_job *j)
{
	const dh_stats *s = &j->stats;
	char date_buf[11];
	rp_line(d, DOC_P_HEAD2, 0, "5. Nhân rộng điển hình tiên tiến");
	rp_para(d, DOC_P_ITEM);
	rp_boldf(d, "%d", s->activities_total);
	rp_text(d, " hoạt động nhân rộng (");
	for (int k = 0; k < 3; k++)
		rp_printf(d, "%s%s %d", k ? ", " : "", activity_kind_label(k), s->activities[k]);
	rp_printf(d, "), %d lượt người dự.", s->activity_attendees);
	if (!j->activities.n)
		return;
	static const dh_doc_col cols[] = {{"STT", 5, DOC_CENTRE},
	                                  {"Ngày", 10, DOC_LEFT},
	                                  {"Hình thức", 6, DOC_LEFT},
	                                  {"Nội dung", 11, DOC_LEFT},
	                                  {"Điển hình được nhân rộng", 11, DOC_LEFT},
	                                  {"Người trình bày", 8, DOC_LEFT},
	                                  {"Đối tượng, địa chỉ", 10, DOC_LEFT}};
	doc_table(d->doc, cols, sizeof(cols) / sizeof(cols[0]));
	for (size_t i = 0; i < j->activities.n; i++) {
		const dh_activity *a = j->activities.v[i];
		const dh_candidate *c;
		rp_cand(d, a->candidate_id, &c);
		doc_row(d->doc, false);
		rp_cellf(d, "%zu", i + 1);
		rp_cell(d, rp_date(a->date, date_buf));
		rp_cell(d, activity_kind_label(a->kind));
		rp_cell_or(d, a->title, "");
		doc_cell(d->doc);
		rp_cand_name(d, c, a->candidate_id);
		rp_cell_or(d, a->presenter, "");
		doc_cell(d->doc);
		bool any = false;
		if (a->audience && *a->audience) {
			rp_text(d, a->audience);
			any = true;
		}
		if (a->attendees > 0) {
			rp_printf(d, "%s%d người", any ? ", " : "", a->attendees);
			any = true;
		}
		if (a->url && *a->url) {
			rp_text(d, any ? "; " : "");
			doc_run(d->doc, DOC_LINK, a->url);
		}
	}
}

static void rp_review_meetings(rp_doc *d, rp_review_job *j)
{
	char date_buf[11];
	rp_line(d, DOC_P_HEAD1, 0, "III. Sơ kết, tổng kết");
	if (!j->reviews.n) {
		rp_line(d, DOC_P_BODY, 0, "Chưa tổ chức sơ kết, tổng kết trong năm.");
		return;
	}
	for (size_t i = 0; i < j->reviews.n; i++) {
		const dh_review *r = j->reviews.v[i];
		rp_para(d, DOC_P_HEAD2);
		rp_printf(d, "%zu. %s ngày %s", i + 1, review_kind_label(r->kind),
		          rp_date(r->date, date_buf));
		if (r->title && *r->title) {
			rp_text(d, ": ");
			rp_text(d, r->title);
		}
		if (r->notes && !rp_blank(r->notes, strlen(r->notes)))
			rp_line(d, DOC_P_BODY, 0, r->notes);
	}
}

static int rp_review_load(rp_doc *d, rp_review_job *j)
{
	dh_store *st = d->ctx->store;
	int rc = stats_compute(st, d->cfg, d->year, &j->stats);
	if (rc)
		return rc;
	j->have_stats = true;
	if ((rc = rp_collect(st, DH_R_REVIEW, rp_of_year, &(rp_year){offsetof(dh_review, year), d->year},
	                     &j->reviews)) ||
	    (rc = rp_collect(st, DH_R_ACTIVITY, rp_activity_in_year, &d->year, &j->activities)) ||
	    (rc = rp_collect(st, DH_R_DISSEMINATION, rp_of_year,
	                     &(rp_year){offsetof(dh_dissemination, year), d->year}, &j->disseminations)) ||
	    (rc = rp_collect(st, DH_R_CANDIDATE, rp_candidate_honoured, &d->year, &j->honoured)))
		return rc;
	rp_sort_by(&j->reviews, offsetof(dh_review, date));
	rp_sort_by(&j->activities, offsetof(dh_activity, date));
	rp_sort_by(&j->disseminations, offsetof(dh_dissemination, date));
	for (size_t i = 0; !rc && i < j->activities.n; i++) {
		const dh_candidate *c;
		rc = rp_cand(d, ((dh_activity *)j->activities.v[i])->candidate_id, &c);
	}
	return rc;
}

int rp_review(rp_doc *d, const dh_report_opts *o)
{
	rp_review_job j = {0};
	/* A past year's report is that year's, made again: under the plan the
	 * store kept for it (its organisation, its Chánh Thanh tra who signs,
	 * its departments), the config in use when it kept none. */
	const dh_config *live = d->cfg;
	dh_config *plan = NULL;
	if (d->ctx->store && d->year != live->plan.year && plan_year_open(d->ctx->store, d->year, &plan) == 0)
		d->cfg = plan;
	const dh_config *cfg = d->cfg;
	int rc = rp_review_load(d, &j);
	if (rc)
		goto done;
	/* The kind asked for, else the latest review's; its date heads the report. */
	int kind = o->review_kind;
	const dh_review *latest = NULL;
	for (size_t i = 0; i < j.reviews.n; i++) {
		const dh_review *r = j.reviews.v[i];
		if (kind < 0 || r->kind == kind)
			latest = r;
	}
	if (kind < 0 && latest)
		kind = latest->kind;
	int date = latest && date_valid(latest->date) ? latest->date : d->ctx->today;
	const char *what = kind == DH_REVIEW_FINAL         ? "Tổng kết"
	                   : kind == DH_REVIEW_PRELIMINARY ? "Sơ kết"
	                                                   : "Kết quả";
	char buf[300];
	rp_org_header(d, NULL, DH_DOC_CODE_REVIEW, date);
	snprintf(buf, sizeof(buf), "%s công tác xây dựng, bồi dưỡng và nhân rộng điển hình tiên tiến năm %d",
	         what, d->year);
	doc_set_kind(d->doc, "BÁO CÁO", buf);
	doc_set_title(d->doc, "Báo cáo sơ kết, tổng kết");
	snprintf(d->stem, sizeof(d->stem), "bao-cao-%s-%d",
	         kind == DH_REVIEW_FINAL         ? "tong-ket"
	         : kind == DH_REVIEW_PRELIMINARY ? "so-ket"
	                                         : "ket-qua",
	         d->year);
	if (cfg->plan.title && cfg->plan.year == d->year) {
		rp_para(d, DOC_P_BODY);
		rp_text(d, "Thực hiện ");
		rp_text(d, cfg->plan.title);
		rp_text(d, ", ");
		rp_text(d, cfg->organization.name);
		rp_printf(d, " báo cáo kết quả %s như sau.",
		          kind == DH_REVIEW_FINAL         ? "cả năm"
		          : kind == DH_REVIEW_PRELIMINARY ? "sơ kết"
		                                          : "thực hiện");
	}
	rp_review_dissemination(d, &j);
	rp_line(d, DOC_P_HEAD1, 0, "II. Kết quả thực hiện");
	rp_review_fostering(d, &j.stats);
	rp_review_selection(d, &j);
	rp_review_departments(d, &j.stats);
	rp_review_replication(d, &j);
	rp_review_meetings(d, &j);
	const dh_person *chief = rp_person_with(cfg, DH_ROLE_CHIEF);
	rp_sign_for_org(d, chief ? chief->login : NULL, DH_DOC_CODE_REVIEW);
done:
	if (j.have_stats)
		stats_free(&j.stats);
	rp_vec_free(&j.reviews, DH_R_REVIEW);
	rp_vec_free(&j.activities, DH_R_ACTIVITY);
	rp_vec_free(&j.disseminations, DH_R_DISSEMINATION);
	rp_vec_free(&j.honoured, DH_R_CANDIDATE);
	d->cfg = live;
	config_free(plan);
	return rc;
}
