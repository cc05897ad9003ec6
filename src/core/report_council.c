/* report_council.c — the council's documents: the minutes of a session
 * (biên bản họp, NĐ 30/2020 Mẫu 1.9), the ballot record of a secret vote
 * (biên bản kiểm phiếu) and the proposal to the Chief Inspector (tờ
 * trình). */
#include "dienhinh/council.h"
#include "dienhinh/date.h"
#include "dienhinh/error.h"
#include "dienhinh/record.h"
#include "dienhinh/repo.h"
#include "dienhinh/snapshot.h"
#include "dienhinh/utf8.h"
#include "report_internal.h"

#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- sessions -------------------------------------------------------------- */

/* The sessions a document is about, oldest first: session ID alone, or
 * every live session of YEAR (ALL) / only its latest (!ALL). */
int rp_load_sessions(rp_doc *d, uint64_t id, bool all, rp_vec *out)
{
	int rc;
	if (id) {
		void *rec = NULL;
		rc = repo_get(d->ctx->store, DH_R_SESSION, id, &rec);
		if (rc == DH_ENOTFOUND)
			return rp_say(d->ctx, DH_ENOTFOUND,
			              "Không có phiên họp Hội đồng mang mã số %" PRIu64 ".", id);
		if (rc)
			return rc;
		dh_session *s = rec;
		if (s->meta.deleted) {
			rc = rp_say(d->ctx, DH_ENOTFOUND, "Phiên họp mã số %" PRIu64 " đã bị xóa.", id);
			record_free(DH_R_SESSION, rec);
			return rc;
		}
		if ((rc = rp_push(out, rec)))
			record_free(DH_R_SESSION, rec);
		return rc;
	}
	if ((rc = rp_collect(d->ctx->store, DH_R_SESSION, rp_of_year,
	                     &(rp_year){offsetof(dh_session, year), d->year}, out)))
		return rc;
	if (!out->n)
		return rp_say(d->ctx, DH_ENOTFOUND, "Chưa có phiên họp Hội đồng nào của năm %d.", d->year);
	rp_sort_by(out, offsetof(dh_session, date));
	if (!all) {
		for (size_t i = 0; i + 1 < out->n; i++)
			record_free(DH_R_SESSION, out->v[i]);
		out->v[0] = out->v[out->n - 1];
		out->n = 1;
	}
	return 0;
}

/* The live agenda items of session SID in agenda order, with their
 * candidates read into D. */
int rp_load_items(rp_doc *d, uint64_t sid, rp_vec *items)
{
	int rc = rp_collect_children(d->ctx->store, DH_R_VOTE_ITEM, sid, rp_live, NULL, items);
	if (rc)
		return rc;
	rp_sort_by(items, offsetof(dh_vote_item, order));
	for (size_t i = 0; i < items->n && !rc; i++) {
		const dh_candidate *c;
		rc = rp_cand(d, ((dh_vote_item *)items->v[i])->candidate_id, &c);
	}
	return rc;
}

/* What both biên bản say first: the council's header (no place and date
 * line on a biên bản), the kind and its summary. */
static void rp_council_heading(rp_doc *d, const dh_session *s, const char *kind, const char *what, int code)
{
	const dh_config *cfg = d->cfg;
	char summary[400];
	rp_header(d, cfg->organization.name, cfg->council.name, NULL, code, 0);
	if (s->title && *s->title)
		snprintf(summary, sizeof(summary), "%s\n%s", what, s->title);
	else
		snprintf(summary, sizeof(summary), "%s", what);
	doc_set_kind(d->doc, kind, summary);
	snprintf(d->stem, sizeof(d->stem), "%s-%d-phien-%" PRIu64,
	         code == DH_DOC_CODE_BALLOT ? "kiem-phieu" : "bien-ban-hop", s->year, s->meta.id);
}

/* The secretary on the left, the chair (chủ tọa) on the right (Mẫu 1.9). */
static void rp_council_signatures(rp_doc *d)
{
	const dh_config *cfg = d->cfg;
	dh_doc_signer secretary = {.title = "THƯ KÝ",
	                           .name =
	                               (char *)rp_person_name(cfg, rp_member_with(cfg, DH_ROLE_SECRETARY)),
	                           .hint = true};
	dh_doc_signer chair = {.title = "CHỦ TỌA",
	                       .name = (char *)rp_person_name(cfg, rp_member_with(cfg, DH_ROLE_CHAIR)),
	                       .hint = true};
	doc_sign(d->doc, &secretary, &chair, NULL, 0);
}

/* --- minutes ------------------------------------------------------------------ */

/* Why LOGIN does not vote on C: the reason the secretary gave, else the
 * rule of config that put them aside. */
static const char *rp_recusal_why(const dh_config *cfg, const dh_candidate *c, const char *login,
                                  const dh_vote_item *it)
{
	const char *given = council_note_of(&it->recuse_reasons, login);
	if (given)
		return given;
	const dh_person *p = config_person(cfg, login);
	if (c && c->name &&
	    (strcmp(login, c->name) == 0 || (p && p->name && utf8_casecmp(p->name, c->name) == 0)))
		return "người được xét";
	if (c && p && c->department && p->department && strcmp(c->department, p->department) == 0)
		return "cùng đơn vị với hồ sơ được xét";
	return "không tham gia biểu quyết";
}

static const char *rp_attendance_words(const dh_council *cn, dh_attendance at)
{
	switch (at) {
	case DH_PRESENT: return "Có mặt";
	case DH_WRITTEN:
		return cn->written_votes_count ? "Vắng mặt, có ý kiến bằng văn bản"
		                               : "Vắng mặt, có ý kiến bằng văn bản (không tính biểu quyết)";
	case DH_ABSENT: break;
	}
	return "Vắng mặt";
}

static void rp_minutes_attendance(rp_doc *d, const dh_session *s)
{
	const dh_council *cn = &d->cfg->council;
	int present = 0, written = 0, members = (int)cn->n_members;
	for (size_t i = 0; i < cn->n_members; i++) {
		dh_attendance at = council_attendance(s, cn->members[i].login);
		present += at == DH_PRESENT;
		written += at == DH_WRITTEN;
	}
	rp_line(d, DOC_P_HEAD1, 0, "I. Thành phần tham dự");
	rp_para(d, DOC_P_ITEM);
	rp_text(d, "Tổng số thành viên Hội đồng: ");
	rp_boldf(d, "%d", members);
	rp_text(d, ".");
	rp_para(d, DOC_P_ITEM);
	rp_figures(d, (const rp_figure[]){{"Có mặt: ", present}, {"; vắng mặt: ", members - present}}, 2);
	if (written)
		rp_printf(d, ", trong đó %d thành viên có ý kiến bằng văn bản (%s)", written,
		          cn->written_votes_count ? "được tính vào kết quả biểu quyết"
		                                  : "không tính vào kết quả biểu quyết theo quy chế");
	rp_text(d, ".");
	static const dh_doc_col cols[] = {{"STT", 5, DOC_CENTRE},
	                                  {"Họ và tên", 12, DOC_LEFT},
	                                  {"Chức vụ", 14, DOC_LEFT},
	                                  {"Chức danh trong Hội đồng", 11, DOC_LEFT},
	                                  {"Tham dự", 8, DOC_LEFT}};
	doc_table(d->doc, cols, sizeof(cols) / sizeof(cols[0]));
	for (size_t i = 0; i < cn->n_members; i++) {
		const char *login = cn->members[i].login;
		const dh_person *p = config_person(d->cfg, login);
		doc_row(d->doc, false);
		rp_cellf(d, "%zu", i + 1);
		rp_cell_or(d, p ? p->name : login, "");
		rp_cell_or(d, p ? p->position : NULL, "");
		rp_cell(d, config_role_label(cn->members[i].role));
		rp_cell(d, rp_attendance_words(cn, council_attendance(s, login)));
	}
	/* What each absent member wrote, in their words. */
	for (size_t i = 0; i < cn->n_members; i++) {
		const char *login = cn->members[i].login;
		const char *text =
		    council_attendance(s, login) == DH_WRITTEN ? council_note_of(&s->opinions, login) : NULL;
		if (!text)
			continue;
		rp_para(d, DOC_P_ITEM);
		rp_printf(d, "Ý kiến bằng văn bản của %s: ", rp_person_name(d->cfg, login));
		rp_text(d, text);
	}
	/* The quorum with its arithmetic, exact as council.h decides it. */
	char pct[16];
	bool quorum = council_has_quorum(cn, present);
	council_percent(present, members, pct, sizeof(pct));
	rp_para(d, DOC_P_BODY);
	rp_boldf(d,
	         "Số thành viên dự họp: %d/%d = %s %s %d/%d tổng số thành viên Hội đồng (cần ít nhất %d) — "
	         "%s.",
	         present, members, pct, quorum ? "≥" : "<", cn->quorum.num, cn->quorum.den,
	         council_quorum_needed(cn),
	         quorum ? "phiên họp đủ điều kiện tiến hành"
	                : "không đủ số thành viên, Hội đồng không biểu quyết");
}

static void rp_minutes_rules(rp_doc *d, const dh_session *s)
{
	const dh_council *cn = &d->cfg->council;
	char rule[160];
	council_rule_words(cn, rule, sizeof(rule));
	rp_line(d, DOC_P_HEAD1, 0, "II. Nguyên tắc bình xét");
	rp_para(d, DOC_P_ITEM);
	rp_printf(d, "Hình thức biểu quyết: %s.",
	          s->method == DH_VOTE_SECRET ? "bỏ phiếu kín" : "biểu quyết công khai");
	rp_para(d, DOC_P_ITEM);
	rp_printf(d, "Hồ sơ đạt khi số phiếu tán thành %s", rule);
	if (cn->base == DH_BASE_MEMBERS)
		rp_text(d, " (không tính thành viên không tham gia biểu quyết đối với hồ sơ đó)");
	rp_text(d, ".");
	rp_para(d, DOC_P_ITEM);
	rp_printf(d, "Ý kiến bằng văn bản của thành viên vắng mặt: %s.",
	          cn->written_votes_count ? "được tính như phiếu biểu quyết" : "không được tính");
	if (cn->recuse_self || cn->recuse_department) {
		rp_para(d, DOC_P_ITEM);
		rp_printf(d, "Thành viên không biểu quyết đối với hồ sơ %s%s%s.",
		          cn->recuse_self ? "của chính mình" : "",
		          cn->recuse_self && cn->recuse_department ? " và hồ sơ " : "",
		          cn->recuse_department ? "của đơn vị mình" : "");
	}
}

/* The open vote, member by member. */
static void rp_minutes_open_votes(rp_doc *d, const dh_session *s, const dh_vote_item *it,
                                  const dh_candidate *c)
{
	const dh_council *cn = &d->cfg->council;
	static const dh_doc_col cols[] = {
	    {"STT", 5, DOC_CENTRE}, {"Thành viên", 14, DOC_LEFT}, {"Biểu quyết", 20, DOC_LEFT}};
	doc_table(d->doc, cols, sizeof(cols) / sizeof(cols[0]));
	for (size_t i = 0; i < cn->n_members; i++) {
		const char *login = cn->members[i].login;
		dh_attendance at = council_attendance(s, login);
		doc_row(d->doc, false);
		rp_cellf(d, "%zu", i + 1);
		rp_cell_or(d, rp_person_name(d->cfg, login), "");
		doc_cell(d->doc);
		if (council_is_recused(it, login))
			rp_printf(d, "Không tham gia (%s)", rp_recusal_why(d->cfg, c, login, it));
		else if (at == DH_ABSENT || (at == DH_WRITTEN && !cn->written_votes_count))
			rp_text(d, "Vắng mặt");
		else {
			rp_text(d, council_vote_label(council_vote_of(it, login)));
			if (at == DH_WRITTEN)
				rp_text(d, " (ý kiến bằng văn bản)");
		}
	}
}

/* An item paragraph: HEAD ("… tán thành "), then the votes for, against
 * and abstaining in bold. */
static void rp_tally_figures(rp_doc *d, const char *head, const dh_tally *t)
{
	rp_para(d, DOC_P_ITEM);
	rp_figures(d,
	           (const rp_figure[]){{head, t->agree},
	                               {", không tán thành ", t->disagree},
	                               {", không biểu quyết ", t->abstain}},
	           3);
}

static void rp_minutes_item(rp_doc *d, size_t n, const dh_session *s, const dh_vote_item *it)
{
	const dh_council *cn = &d->cfg->council;
	const dh_candidate *c;
	rp_cand(d, it->candidate_id, &c); /* read while loading */
	dh_tally t;
	council_tally(cn, s, it, &t);

	rp_para(d, DOC_P_HEAD2);
	rp_printf(d, "%zu. ", n);
	if (c)
		rp_text(d, c->name);
	else
		rp_printf(d, "Hồ sơ #%" PRIu64 " (không còn)", it->candidate_id);
	if (c) {
		rp_para(d, DOC_P_ITEM);
		rp_printf(d, "Loại: %s", kind_label(c->kind));
		if (c->kind == DH_KIND_INDIVIDUAL && c->position && *c->position) {
			rp_text(d, "; chức vụ: ");
			rp_text(d, c->position);
		}
		if (c->department) {
			rp_text(d, "; đơn vị: ");
			rp_text(d, rp_dept_name(d->cfg, c->department));
		}
		rp_text(d, ".");
		rp_item_note(d, "Thành tích, mô hình: ", c->title);
	}
	rp_para(d, DOC_P_ITEM);
	rp_text(d, "Không tham gia biểu quyết: ");
	bool any = false;
	for (size_t i = 0; i < cn->n_members; i++) {
		const char *login = cn->members[i].login;
		if (!council_is_recused(it, login))
			continue;
		rp_text(d, any ? "; " : "");
		rp_text(d, rp_person_name(d->cfg, login));
		rp_printf(d, " (%s)", rp_recusal_why(d->cfg, c, login, it));
		any = true;
	}
	rp_text(d, any ? "." : "không có.");
	rp_para(d, DOC_P_ITEM);
	rp_text(d, "Số thành viên được biểu quyết: ");
	rp_boldf(d, "%d", t.voters);
	if (t.written)
		rp_printf(d, " (%d có mặt, %d ý kiến bằng văn bản)", t.voters - t.written, t.written);
	rp_text(d, ".");

	bool shown = s->method == DH_VOTE_OPEN || it->closed;
	if (s->method == DH_VOTE_OPEN) {
		rp_minutes_open_votes(d, s, it, c);
		rp_tally_figures(d, "Tổng hợp biểu quyết: tán thành ", &t);
		if (t.outstanding)
			rp_printf(d, ", chưa biểu quyết %d", t.outstanding);
		rp_text(d, ".");
	} else if (shown) {
		rp_tally_figures(d, "Kết quả kiểm phiếu: tán thành ", &t);
		rp_printf(d, " (%d phiếu/%d thành viên được biểu quyết).", t.cast, t.voters);
	} else {
		rp_line(d, DOC_P_ITEM, 0,
		        "Kết quả kiểm phiếu: chưa công bố (bỏ phiếu kín: số phiếu chỉ công bố khi chốt kết "
		        "quả).");
	}
	if (shown && t.base > 0) {
		rp_para(d, DOC_P_ITEM);
		if (cn->base == DH_BASE_MEMBERS)
			rp_printf(d, "Tỷ lệ tính trên %d thành viên (tổng số thành viên Hội đồng%s).", t.base,
			          t.recused ? " trừ thành viên không tham gia biểu quyết" : "");
		else
			rp_printf(d, "Tỷ lệ tính trên %d thành viên được biểu quyết.", t.base);
	}
	rp_para(d, DOC_P_ITEM);
	if (it->closed) {
		rp_boldf(d, "Kết quả: %s", result_label(it->result));
		rp_text(d, " — ");
		rp_text(d, it->reason && *it->reason ? it->reason : t.reason);
		rp_text(d, ".");
	} else if (shown) {
		rp_bold(d, "Chưa chốt kết quả");
		rp_text(d, " (tạm tính: ");
		rp_text(d, t.reason);
		rp_text(d, ").");
	} else {
		rp_bold(d, "Chưa chốt kết quả.");
	}
	if (it->closed)
		rp_item_note(d, "Lý do số phiếu khác số thành viên được biểu quyết: ", it->count_reason);
	rp_item_note(d, "Kết quả đã được mở lại để đính chính. Lý do: ", it->reopen_reason);
}

/* The conclusion: who passed (a table), who did not, what is still open. */
static void rp_minutes_conclusion(rp_doc *d, const rp_vec *items)
{
	size_t passed = 0, failed = 0, open = 0;
	for (size_t i = 0; i < items->n; i++) {
		const dh_vote_item *it = items->v[i];
		if (!it->closed)
			open++;
		else if (it->result == DH_RESULT_PASSED)
			passed++;
		else
			failed++;
	}
	rp_line(d, DOC_P_HEAD1, 0, "IV. Kết luận");
	rp_para(d, DOC_P_BODY);
	if (passed) {
		rp_text(d, "Hội đồng thống nhất đề nghị Chánh Thanh tra xem xét, công nhận ");
		rp_boldf(d, "%zu", passed);
		rp_text(d, " hồ sơ đạt yêu cầu:");
		static const dh_doc_col cols[] = {{"STT", 5, DOC_CENTRE},
		                                  {"Tên", 16, DOC_LEFT},
		                                  {"Loại", 6, DOC_LEFT},
		                                  {"Đơn vị", 12, DOC_LEFT},
		                                  {"Kết quả biểu quyết", 13, DOC_LEFT}};
		doc_table(d->doc, cols, sizeof(cols) / sizeof(cols[0]));
		size_t k = 0;
		for (size_t i = 0; i < items->n; i++) {
			const dh_vote_item *it = items->v[i];
			if (!it->closed || it->result != DH_RESULT_PASSED)
				continue;
			const dh_candidate *c = rp_cand_row(d, it->candidate_id, ++k);
			rp_cell(d, c ? kind_label(c->kind) : "");
			rp_cell_or(d, c ? rp_dept_name(d->cfg, c->department) : NULL, "");
			rp_cell_or(d, it->reason, "");
		}
	} else {
		rp_text(d, "Không có hồ sơ nào đạt yêu cầu để đề nghị công nhận.");
	}
	for (int pass = 0; pass < 2; pass++) {
		size_t count = pass ? open : failed;
		if (!count)
			continue;
		rp_para(d, DOC_P_BODY);
		rp_printf(d, "%s (%zu):", pass ? "Chưa chốt kết quả" : "Không đạt", count);
		for (size_t i = 0; i < items->n; i++) {
			const dh_vote_item *it = items->v[i];
			if (pass ? it->closed : (!it->closed || it->result == DH_RESULT_PASSED))
				continue;
			const dh_candidate *c;
			rp_cand(d, it->candidate_id, &c);
			rp_para(d, DOC_P_ITEM);
			if (c)
				rp_text(d, c->name);
			else
				rp_printf(d, "Hồ sơ #%" PRIu64, it->candidate_id);
			if (!pass && it->reason) {
				rp_text(d, ": ");
				rp_text(d, it->reason);
			}
		}
	}
}

/* "Chủ trì: Phạm Văn Thuần, Chánh Thanh tra — Chủ tịch Hội đồng." */
static void rp_minutes_person(rp_doc *d, const char *what, unsigned role)
{
	const char *login = rp_member_with(d->cfg, role);
	const dh_person *p = login ? config_person(d->cfg, login) : NULL;
	if (!login)
		return;
	rp_para(d, DOC_P_ITEM);
	rp_printf(d, "%s: ", what);
	rp_text(d, p ? p->name : login);
	if (p && p->position && *p->position) {
		rp_text(d, ", ");
		rp_text(d, p->position);
	}
	rp_printf(d, " — %s.", config_role_label(role));
}

/* A document about the first of SESSIONS (RC: how reading them went): its
 * agenda read, PAGE builds it under the rules the session was held under
 * (snapshot.h), then the live config is back and everything is freed. */
typedef void (*rp_session_page)(rp_doc *d, const dh_session *s, const rp_vec *items);

static int rp_session_document(rp_doc *d, rp_vec *sessions, int rc, rp_session_page page)
{
	rp_vec items = {0};
	const dh_session *s = !rc && sessions->n ? sessions->v[0] : NULL;
	const dh_config *live = d->cfg;
	dh_held held = {0};
	if (!rc)
		rc = s ? rp_load_items(d, s->meta.id, &items) : DH_ENOTFOUND;
	/* Everything the page says reads the rules the session was held under. */
	if (!rc)
		rc = held_open(&held, live, s);
	if (!rc) {
		d->cfg = &held.cfg;
		page(d, s, &items);
	}
	d->cfg = live;
	held_close(&held);
	rp_vec_free(&items, DH_R_VOTE_ITEM);
	rp_vec_free(sessions, DH_R_SESSION);
	return rc;
}

/* The minutes of session S (agenda ITEMS) under the rules it was held
 * under (D->cfg). */
static void rp_minutes_page(rp_doc *d, const dh_session *s, const rp_vec *items)
{
	const dh_config *cfg = d->cfg;
	char words[48], what[200];
	snprintf(what, sizeof(what),
	         "Họp Hội đồng thi đua, khen thưởng bình xét mô hình tiêu biểu, điển hình tiên tiến năm %d",
	         s->year);
	rp_council_heading(d, s, "BIÊN BẢN", what, DH_DOC_CODE_MINUTES);
	doc_set_title(d->doc, "Biên bản họp Hội đồng thi đua, khen thưởng");
	if (!s->closed)
		rp_line(d, DOC_P_CENTER, DOC_ITALIC,
		        "(Phiên họp chưa kết thúc: đây là bản dự thảo biên bản.)");
	rp_para(d, DOC_P_BODY);
	rp_printf(d, "Vào hồi … giờ … phút, %s, tại trụ sở ", rp_date_words(s->date, words));
	rp_text(d, cfg->organization.name);
	rp_text(d, ", ");
	rp_text(d, cfg->council.name);
	rp_printf(d, " họp bình xét mô hình tiêu biểu, điển hình tiên tiến (phiên họp mã số %" PRIu64 ")",
	          s->meta.id);
	if (cfg->plan.title && cfg->plan.year == s->year) {
		rp_text(d, " theo ");
		rp_text(d, cfg->plan.title);
	}
	rp_text(d, ".");
	rp_minutes_person(d, "Chủ trì", DH_ROLE_CHAIR);
	rp_minutes_person(d, "Thư ký", DH_ROLE_SECRETARY);

	rp_minutes_attendance(d, s);
	rp_minutes_rules(d, s);
	rp_line(d, DOC_P_HEAD1, 0, "III. Nội dung bình xét");
	rp_para(d, DOC_P_BODY);
	rp_text(d, "Hội đồng đã bình xét ");
	rp_boldf(d, "%zu", items->n);
	rp_text(d, " hồ sơ.");
	for (size_t i = 0; i < items->n; i++)
		rp_minutes_item(d, i + 1, s, items->v[i]);
	rp_minutes_conclusion(d, items);
	if (s->notes && !rp_blank(s->notes, strlen(s->notes))) {
		rp_line(d, DOC_P_HEAD1, 0, "V. Ý kiến khác");
		rp_line(d, DOC_P_BODY, 0, s->notes);
	}
	if (s->closed)
		rp_line(d, DOC_P_BODY, 0,
		        "Cuộc họp kết thúc vào hồi … giờ … phút cùng ngày. Biên bản được lập và thông qua "
		        "tại phiên "
		        "họp./.");
	rp_council_signatures(d);
}

int rp_minutes(rp_doc *d, const dh_report_opts *o)
{
	rp_vec sessions = {0};
	int rc = rp_load_sessions(d, o->session_id, false, &sessions);
	return rp_session_document(d, &sessions, rc, rp_minutes_page);
}

/* --- ballot record ------------------------------------------------------------ */

/* The latest closed secret-ballot session of the year, or session O->session_id. */
static int rp_ballot_session(rp_doc *d, const dh_report_opts *o, rp_vec *sessions)
{
	int rc = rp_load_sessions(d, o->session_id, true, sessions);
	if (rc)
		return rc;
	for (size_t i = sessions->n; i-- > 0;) {
		const dh_session *s = sessions->v[i];
		if (s->method == DH_VOTE_SECRET && s->closed) {
			void *keep = sessions->v[i];
			sessions->v[i] = sessions->v[0];
			sessions->v[0] = keep;
			return 0;
		}
	}
	const dh_session *s = sessions->n ? sessions->v[0] : NULL;
	if (!s)
		return DH_ENOTFOUND;
	if (o->session_id)
		return rp_say(
		    d->ctx, DH_EINVAL,
		    s->method != DH_VOTE_SECRET
		        ? "Phiên họp mã số %" PRIu64 " biểu quyết công khai: không có biên bản kiểm phiếu."
		        : "Phiên họp mã số %" PRIu64 " chưa kết thúc: biên bản kiểm phiếu lập khi phiên họp "
		          "đã chốt.",
		    s->meta.id);
	return rp_say(d->ctx, DH_ENOTFOUND, "Năm %d chưa có phiên họp bỏ phiếu kín nào đã kết thúc.",
	              d->year);
}

/* The ballot record of session S (agenda ITEMS), as rp_minutes_page. */
static void rp_ballot_page(rp_doc *d, const dh_session *s, const rp_vec *items)
{
	const dh_config *cfg = d->cfg;
	const dh_council *cn = &cfg->council;
	char words[48], what[200];
	snprintf(what, sizeof(what), "Kiểm phiếu bình xét mô hình tiêu biểu, điển hình tiên tiến năm %d",
	         s->year);
	rp_council_heading(d, s, "BIÊN BẢN KIỂM PHIẾU", what, DH_DOC_CODE_BALLOT);
	doc_set_title(d->doc, "Biên bản kiểm phiếu");
	int present = 0, written = 0;
	for (size_t i = 0; i < cn->n_members; i++) {
		dh_attendance at = council_attendance(s, cn->members[i].login);
		present += at == DH_PRESENT;
		written += at == DH_WRITTEN;
	}
	rp_para(d, DOC_P_BODY);
	rp_printf(d, "Vào hồi … giờ … phút, %s, tại phiên họp mã số %" PRIu64 " của ",
	          rp_date_words(s->date, words), s->meta.id);
	rp_text(d, cn->name);
	rp_text(d, ", việc kiểm phiếu bình xét được tiến hành như sau.");
	rp_para(d, DOC_P_ITEM);
	rp_printf(d, "Tổng số thành viên Hội đồng: %zu; có mặt: %d", cn->n_members, present);
	if (written)
		rp_printf(d, "; ý kiến bằng văn bản: %d (%s)", written,
		          cn->written_votes_count ? "được tính" : "không được tính");
	rp_text(d, ".");
	rp_para(d, DOC_P_ITEM);
	rp_printf(d, "Số hồ sơ được bỏ phiếu: %zu.", items->n);
	char rule[160];
	council_rule_words(cn, rule, sizeof(rule));
	rp_para(d, DOC_P_ITEM);
	rp_printf(d, "Hồ sơ đạt khi số phiếu tán thành %s.", rule);
	rp_line(d, DOC_P_HEAD1, 0, "Kết quả kiểm phiếu");
	static const dh_doc_col cols[] = {{"STT", 4, DOC_CENTRE},
	                                  {"Họ và tên, tên tập thể, mô hình", 13, DOC_LEFT},
	                                  {"Được biểu quyết", 6, DOC_RIGHTALIGN},
	                                  {"Phiếu thu về", 6, DOC_RIGHTALIGN},
	                                  {"Tán thành", 6, DOC_RIGHTALIGN},
	                                  {"Không tán thành", 6, DOC_RIGHTALIGN},
	                                  {"Không biểu quyết", 6, DOC_RIGHTALIGN},
	                                  {"Kết quả", 12, DOC_LEFT}};
	doc_table(d->doc, cols, sizeof(cols) / sizeof(cols[0]));
	for (size_t i = 0; i < items->n; i++) {
		const dh_vote_item *it = items->v[i];
		dh_tally t;
		council_tally(cn, s, it, &t);
		rp_cand_row(d, it->candidate_id, i + 1);
		rp_cellf(d, "%d", t.voters);
		rp_cellf(d, "%d", t.cast);
		rp_cellf(d, "%d", t.agree);
		rp_cellf(d, "%d", t.disagree);
		rp_cellf(d, "%d", t.abstain);
		doc_cell(d->doc);
		if (it->closed) /* "8/11 = 72,7% > 1/2 — đạt": the result is in its reason */
			doc_run(d->doc, it->result == DH_RESULT_PASSED ? DOC_BOLD : 0,
			        it->reason && *it->reason ? it->reason : t.reason);
		else
			rp_text(d, "Chưa chốt");
	}
	rp_line(d, DOC_P_BODY, 0, "Biên bản kiểm phiếu được lập và công bố tại phiên họp./.");
	rp_council_signatures(d);
}

int rp_ballot(rp_doc *d, const dh_report_opts *o)
{
	rp_vec sessions = {0};
	int rc = rp_ballot_session(d, o, &sessions);
	return rp_session_document(d, &sessions, rc, rp_ballot_page);
}

/* --- proposal --------------------------------------------------------------- */

/* One nominee of the proposal with the item that passed it. */
typedef struct rp_nominee {
	const dh_candidate *c;
	const dh_vote_item *item; /* NULL when the proposal lists someone without one */
} rp_nominee;

typedef struct rp_proposal_job {
	rp_vec sessions, proposals, items; /* items of every session */
	rp_nominee *v;
	size_t n;
	uint64_t *ids; /* v[i].c's id, for rp_by_kind */
} rp_proposal_job;

static bool rp_stage_passed(int stage)
{
	return stage == DH_STAGE_APPROVED || stage == DH_STAGE_RECOGNISED || stage == DH_STAGE_AWARDED;
}

static const dh_vote_item *rp_passed_item(const rp_vec *items, uint64_t sid, uint64_t cid)
{
	for (size_t i = 0; i < items->n; i++) {
		const dh_vote_item *it = items->v[i];
		if (it->session_id == sid && it->candidate_id == cid && it->closed &&
		    it->result == DH_RESULT_PASSED)
			return it;
	}
	return NULL;
}

static int rp_add_nominee(rp_doc *d, rp_proposal_job *j, uint64_t cid, const dh_vote_item *item, size_t cap)
{
	const dh_candidate *c;
	int rc = rp_cand(d, cid, &c);
	if (rc || !c || c->meta.deleted)
		return rc;
	for (size_t i = 0; i < j->n; i++)
		if (j->v[i].c == c)
			return 0;
	if (j->n < cap) {
		j->ids[j->n] = cid;
		j->v[j->n++] = (rp_nominee){c, item};
	}
	return 0;
}

static void rp_proposal_note(rp_doc *d, size_t i, void *arg)
{
	const rp_proposal_job *j = arg;
	const rp_nominee *nm = &j->v[i];
	if (nm->item && nm->item->reason)
		rp_text(d, nm->item->reason);
	if (nm->c && nm->c->on_hold)
		rp_text(d, "; đang tạm dừng xét");
}

static int rp_proposal_load(rp_doc *d, const dh_report_opts *o, rp_proposal_job *j)
{
	/* No option: the latest session's proposal, not the year's merged;
	 * --year asks for the whole year. */
	int rc = rp_load_sessions(d, o->session_id, o->year != 0, &j->sessions);
	size_t cap = 0;
	for (size_t s = 0; !rc && s < j->sessions.n; s++) {
		const dh_session *ses = j->sessions.v[s];
		size_t from = j->items.n;
		rc = rp_load_items(d, ses->meta.id, &j->items);
		cap += j->items.n - from;
	}
	if (!rc)
		rc = rp_collect(d->ctx->store, DH_R_PROPOSAL, rp_live, NULL, &j->proposals);
	/* Keep only the latest proposal of each of our sessions. */
	size_t kept = 0;
	for (size_t i = 0; !rc && i < j->proposals.n; i++) {
		dh_proposal *p = j->proposals.v[i];
		bool ours = false, newer = false;
		for (size_t s = 0; s < j->sessions.n; s++)
			ours |= ((dh_session *)j->sessions.v[s])->meta.id == p->session_id;
		for (size_t k = i + 1; k < j->proposals.n; k++)
			newer |= ((dh_proposal *)j->proposals.v[k])->session_id == p->session_id;
		if (ours && !newer) {
			j->proposals.v[kept++] = p;
			cap += p->candidates.n;
		} else {
			record_free(DH_R_PROPOSAL, p);
		}
	}
	if (!rc)
		j->proposals.n = kept;
	if (rc)
		return rc;
	j->v = calloc(cap ? cap : 1, sizeof(*j->v));
	j->ids = calloc(cap ? cap : 1, sizeof(*j->ids));
	if (!j->v || !j->ids)
		return DH_ENOMEM;
	for (size_t s = 0; !rc && s < j->sessions.n; s++) {
		uint64_t sid = ((dh_session *)j->sessions.v[s])->meta.id;
		const dh_proposal *p = NULL;
		for (size_t k = 0; k < j->proposals.n; k++)
			if (((dh_proposal *)j->proposals.v[k])->session_id == sid)
				p = j->proposals.v[k];
		if (p) { /* what the council actually proposed */
			for (size_t k = 0; !rc && k < p->candidates.n; k++)
				rc = rp_add_nominee(d, j, p->candidates.v[k],
				                    rp_passed_item(&j->items, sid, p->candidates.v[k]), cap);
			continue;
		}
		for (size_t k = 0; !rc && k < j->items.n; k++) {
			const dh_vote_item *it = j->items.v[k];
			const dh_candidate *c;
			if (it->session_id != sid || !it->closed || it->result != DH_RESULT_PASSED)
				continue;
			if ((rc = rp_cand(d, it->candidate_id, &c)) || !c || !rp_stage_passed(c->stage))
				continue;
			rc = rp_add_nominee(d, j, it->candidate_id, it, cap);
		}
	}
	return rc;
}

int rp_proposal(rp_doc *d, const dh_report_opts *o)
{
	rp_proposal_job j = {0};
	const dh_config *live = d->cfg;
	dh_held held = {0};
	int rc = rp_proposal_load(d, o, &j);
	/* The council as the latest of its sessions was held (its name, its
	 * chair); the plan's title for the year as that session kept it. */
	if (!rc)
		rc = held_open(&held, live, j.sessions.n ? j.sessions.v[j.sessions.n - 1] : NULL);
	if (rc)
		goto done;
	d->cfg = &held.cfg;
	const dh_config *cfg = d->cfg;
	const dh_proposal *only = j.proposals.n == 1 ? j.proposals.v[0] : NULL;
	int date = only && only->date ? only->date : d->ctx->today;
	if (!o->session_id && !o->year && j.sessions.n == 1) {
		const dh_session *ses = j.sessions.v[0];
		char day[11];
		snprintf(d->ctx->message, sizeof(d->ctx->message),
		         "Tờ trình theo phiên họp mới nhất: ngày %s (mã số %" PRIu64
		         "); phiên khác: --session ID, cả năm: --year NĂM.",
		         rp_date(ses->date, day), ses->meta.id);
	}
	int year = o->session_id ? ((dh_session *)j.sessions.v[0])->year : d->year;
	char buf[400], head[200];
	rp_header(d, cfg->organization.name, cfg->council.name,
	          only && only->number && *only->number ? only->number : NULL, DH_DOC_CODE_PROPOSAL, date);
	snprintf(buf, sizeof(buf),
	         "Về việc đề nghị công nhận mô hình tiêu biểu, điển hình tiên tiến xuất sắc năm %d", year);
	doc_set_kind(d->doc, "TỜ TRÌNH", buf);
	doc_set_title(d->doc, "Tờ trình đề nghị công nhận");
	snprintf(d->stem, sizeof(d->stem), "to-trinh-%d%s", year, o->session_id ? "-phien" : "");
	if (o->session_id)
		snprintf(d->stem + strlen(d->stem), sizeof(d->stem) - strlen(d->stem), "-%" PRIu64,
		         o->session_id);
	snprintf(buf, sizeof(buf), "Kính gửi: %s.", rp_head_of(cfg, head));
	rp_line(d, DOC_P_CENTER, 0, buf);
	if (cfg->plan.title && cfg->plan.year == year) {
		rp_para(d, DOC_P_BASIS);
		rp_text(d, "Căn cứ ");
		rp_text(d, cfg->plan.title);
		rp_text(d, ";");
	}
	for (size_t s = 0; s < j.sessions.n; s++) {
		const dh_session *ses = j.sessions.v[s];
		char date_buf[11];
		rp_para(d, DOC_P_BASIS);
		rp_text(d, "Căn cứ kết quả bình xét của ");
		rp_text(d, cfg->council.name);
		rp_printf(d, " tại phiên họp ngày %s", rp_date(ses->date, date_buf));
		if (ses->title && *ses->title) {
			rp_text(d, " (");
			rp_text(d, ses->title);
			rp_text(d, ")");
		}
		rp_text(d, s + 1 < j.sessions.n ? ";" : ".");
	}
	int per_kind[DH_CANDIDATE_KINDS] = {0};
	for (size_t i = 0; i < j.n; i++)
		if (j.v[i].c && j.v[i].c->kind >= 0 && j.v[i].c->kind < DH_CANDIDATE_KINDS)
			per_kind[j.v[i].c->kind]++;
	rp_para(d, DOC_P_BODY);
	if (!j.n) {
		rp_text(d, "Chưa có hồ sơ nào được Hội đồng thông qua để đề nghị công nhận.");
	} else {
		rp_text(d, cfg->council.name);
		rp_printf(d, " kính trình %s xem xét, công nhận ", head);
		rp_boldf(d, "%zu", j.n);
		rp_text(d, " hồ sơ (");
		rp_kind_counts(d, per_kind);
		rp_text(d, "), cụ thể như sau:");
		if ((rc = rp_by_kind(d, j.ids, j.n, "Kết quả bình xét", rp_proposal_note, &j)))
			goto done;
	}
	for (size_t k = 0; k < j.proposals.n; k++) {
		const dh_proposal *p = j.proposals.v[k];
		if (p->notes && !rp_blank(p->notes, strlen(p->notes)))
			rp_line(d, DOC_P_BODY, 0, p->notes);
	}
	snprintf(buf, sizeof(buf), "Kính trình %s xem xét, quyết định./.", head);
	rp_line(d, DOC_P_BODY, 0, buf);
	dh_doc_signer chair = {.authority = "TM. HỘI ĐỒNG",
	                       .title = "CHỦ TỊCH",
	                       .name = (char *)rp_person_name(cfg, rp_member_with(cfg, DH_ROLE_CHAIR))};
	rp_sign_with_recipients(d, &chair, DH_DOC_CODE_PROPOSAL);
done:
	d->cfg = live;
	held_close(&held);
	free(j.v);
	free(j.ids);
	rp_vec_free(&j.items, DH_R_VOTE_ITEM);
	rp_vec_free(&j.proposals, DH_R_PROPOSAL);
	rp_vec_free(&j.sessions, DH_R_SESSION);
	return rc;
}
