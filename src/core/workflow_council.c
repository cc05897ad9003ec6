/* workflow_council.c — the council (screen 3): sessions, attendance, the
 * agenda and its recusals, votes, closing and reopening items, the
 * secretary's cursor, the proposal to the Chief Inspector. A session's
 * members and rules are those it is held under (snapshot.h). */
#include "workflow_internal.h"

#include "dienhinh/buf.h"
#include "dienhinh/council.h"
#include "dienhinh/date.h"
#include "dienhinh/error.h"
#include "dienhinh/snapshot.h"
#include "dienhinh/utf8.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int session_save_body(dh_repo_tx *tx, wf_op *op)
{
	const dh_session *in = op->in;
	dh_session *s;
	int rc;
	if (in->meta.id == 0) {
		if ((rc = wf_input_copy(op, (void **)&s)))
			return rc;
		s->method = op->ctx->cfg->council.method;
		s->closed = false;
		strlist_clear(&s->present);
		strlist_clear(&s->written);
		/* What the session is held under, from now on (snapshot.h). */
		if ((rc = snapshot_take(s, op->ctx->cfg)))
			return rc;
	} else {
		if ((rc = wf_load_stored(tx, op, (void **)&s)))
			return rc;
		if (s->closed)
			return say(op->ctx, DH_ELOCKED, "Phiên họp đã kết thúc: không sửa được.");
		s->year = in->year;
		s->date = in->date;
		if ((rc = record_set_str(&s->title, in->title)) ||
		    (rc = record_set_str(&s->notes, in->notes)))
			return rc;
	}
	return wf_put_out(tx, op, "manage_session", NULL, DH_R_SESSION, s);
}

/* A session without a title is named by its date. */
static int session_clean(wf_op *op, void *rec)
{
	dh_session *s = rec;
	int rc = wf_check_fields(op->ctx, DH_R_SESSION, s);
	if (rc || s->title)
		return rc;
	char title[128], day[11];
	snprintf(title, sizeof(title), "Phiên họp Hội đồng ngày %s", date_vn(s->date, day));
	return record_set_str(&s->title, title);
}

int wf_session_save(dh_ctx *ctx, const dh_session *in, uint64_t *out_id)
{
	return wf_save(ctx, DH_ACT_MANAGE_SESSION, DH_R_SESSION, in, session_clean, session_save_body,
	               out_id);
}

static int session_close_body(dh_repo_tx *tx, wf_op *op)
{
	dh_session *s;
	int closed, open;
	bool closing = op->flag;
	int rc;
	if ((rc = wf_load_live(tx, op, DH_R_SESSION, op->target, (void **)&s)))
		return rc;
	if (closing) {
		if (s->closed)
			return say(op->ctx, DH_ELOCKED, "Phiên họp đã kết thúc.");
		if ((rc = wf_count_items(tx, s->meta.id, &closed, &open)))
			return rc;
		if (open > 0)
			return say(op->ctx, DH_EINVAL, "Còn %d mục chưa chốt kết quả.", open);
	} else if (!s->closed) {
		return say(op->ctx, DH_EINVAL, "Phiên họp chưa kết thúc.");
	}
	s->closed = closing;
	return wf_put_out(tx, op, closing ? "close_session" : "reopen_session", op->reason, DH_R_SESSION, s);
}

int wf_session_close(dh_ctx *ctx, uint64_t session_id)
{
	wf_args args = {.target = session_id, .flag = true};
	return wf_act(ctx, DH_ACT_MANAGE_SESSION, session_close_body, &args, NULL);
}

int wf_session_reopen(dh_ctx *ctx, uint64_t session_id, const char *reason)
{
	wf_args args = {.target = session_id,
	                .why = {.text = reason, .label = "Lý do mở lại", .required = true}};
	return wf_act(ctx, DH_ACT_REOPEN_ITEM, session_close_body, &args, NULL);
}

static const char *attendance_text(int at)
{
	switch (at) {
	case DH_PRESENT: return "có mặt";
	case DH_WRITTEN: return "vắng, có ý kiến bằng văn bản";
	default: return "vắng";
	}
}

/* A session open for business: live and not closed. */
static int tx_load_open_session(dh_repo_tx *tx, wf_op *op, uint64_t id, dh_session **s)
{
	int rc = wf_load_live(tx, op, DH_R_SESSION, id, (void **)s);
	if (rc)
		return rc;
	if ((*s)->closed)
		return say(op->ctx, DH_ELOCKED, "Phiên họp «%s» đã kết thúc.",
		           (*s)->title ? (*s)->title : "");
	return 0;
}

/* LOGIN is a member of the council session S is held under. */
static int check_held_member(dh_ctx *ctx, const dh_session *s, const char *login)
{
	dh_held h;
	int rc = held_open(&h, ctx->cfg, s);
	if (!rc && !council_is_member(&h.cfg.council, login))
		rc = say_field(ctx, DH_EINVAL, "login",
		               "«%s» không phải thành viên Hội đồng của phiên họp này.", login);
	held_close(&h);
	return rc;
}

static int attendance_body(dh_repo_tx *tx, wf_op *op)
{
	dh_session *s;
	int at = op->arg[0];
	int rc;
	if ((rc = tx_load_open_session(tx, op, op->target, &s)) ||
	    (rc = check_held_member(op->ctx, s, op->login)))
		return rc;
	const char *had = council_note_of(&s->opinions, op->login);
	bool same_text = !op->reason || (had && strcmp(had, op->reason) == 0);
	if ((int)council_attendance(s, op->login) == at && council_is_called(s, op->login) && same_text)
		return 0; /* nothing changes: no write, no audit noise */
	strlist_remove(&s->present, op->login);
	strlist_remove(&s->written, op->login);
	strlist_remove(&s->absent, op->login);
	if (at == DH_PRESENT)
		rc = strlist_push(&s->present, op->login);
	else if (at == DH_WRITTEN)
		rc = strlist_push(&s->written, op->login);
	else
		rc = strlist_push(&s->absent, op->login);
	/* The text of a written opinion stays with it; another mark drops it. */
	if (!rc && (at != DH_WRITTEN || op->reason))
		rc = council_set_note(&s->opinions, op->login, at == DH_WRITTEN ? op->reason : NULL);
	if (rc)
		return rc;
	char note[400];
	snprintf(note, sizeof(note), "%s: %s%s%s", op->login, attendance_text(at), op->reason ? ": " : "",
	         op->reason ? op->reason : "");
	return wf_put_out(tx, op, "record_attendance", note, DH_R_SESSION, s);
}

static const wf_arg_check attendance_choice = {
    .min = DH_ABSENT, .max = DH_WRITTEN, .field = "attendance", .text = "Trạng thái dự họp không hợp lệ."};

/* A login is given here; whether it is a member is asked of the session's
 * own council, inside the write (check_held_member). */
int wf_attendance(dh_ctx *ctx, uint64_t session_id, const char *login, int attendance)
{
	wf_args args = {.target = session_id,
	                .login = login,
	                .need_member = true,
	                .arg = {attendance},
	                .arg0 = &attendance_choice};
	return wf_act(ctx, DH_ACT_RECORD_ATTENDANCE, attendance_body, &args, NULL);
}

int wf_written_opinion(dh_ctx *ctx, uint64_t session_id, const char *login, const char *text)
{
	wf_args args = {
	    .target = session_id,
	    .login = login,
	    .need_member = true,
	    .arg = {DH_WRITTEN},
	    .why = {.text = text, .label = "Ý kiến bằng văn bản", .required = true, .field = "text"}};
	return wf_act(ctx, DH_ACT_RECORD_ATTENDANCE, attendance_body, &args, NULL);
}

/* Lower-case NFC with white space runs made one space and trimmed. */
static char *spacing_key(const char *s)
{
	char *low = utf8_lower(s);
	if (!low)
		return NULL;
	size_t w = 0;
	bool space = true;
	for (size_t r = 0; low[r]; r++) {
		if (isspace((unsigned char)low[r])) {
			if (!space)
				low[w++] = ' ';
			space = true;
		} else {
			low[w++] = low[r];
			space = false;
		}
	}
	if (w > 0 && low[w - 1] == ' ')
		w--;
	low[w] = '\0';
	return low;
}

/* Do two names name the same person? Case and spacing aside, the letters
 * with their marks must agree: "Văn" is not "Vân". */
static bool same_person_name(const char *a, const char *b)
{
	if (!a || !b)
		return false;
	char *ka = spacing_key(a), *kb = spacing_key(b);
	bool same = ka && kb && *ka && strcmp(ka, kb) == 0;
	free(ka);
	free(kb);
	return same;
}

typedef struct order_scan {
	int max_order;
} order_scan;

static int order_visit(const void *rec, void *p)
{
	const dh_vote_item *it = rec;
	order_scan *s = p;
	if (!it->meta.deleted && it->order > s->max_order)
		s->max_order = it->order;
	return 0;
}

static int item_add_body(dh_repo_tx *tx, wf_op *op)
{
	dh_held held;
	const dh_config *cfg = &held.cfg;
	dh_session *s;
	dh_candidate *c;
	int rc;
	if ((rc = tx_load_open_session(tx, op, op->target, &s)) ||
	    (rc = wf_load_live(tx, op, DH_R_CANDIDATE, op->other, (void **)&c)))
		return rc;
	wf_ids is;
	if ((rc = wf_stage_gate(op->ctx, DH_ACT_MANAGE_SESSION, c)) ||
	    (rc = wf_candidate_items(tx, c->meta.id, &is)))
		return rc;
	if (is.n > 0)
		return say(op->ctx, DH_EINVAL, "«%s» đã có trong chương trình bình xét (mục #%llu).", c->name,
		           (unsigned long long)is.ids[0]);
	order_scan os = {0};
	if ((rc = repo_tx_children(tx, DH_R_VOTE_ITEM, s->meta.id, order_visit, &os)))
		return rc;
	dh_vote_item *it = record_new(DH_R_VOTE_ITEM);
	if (!it || (rc = wf_pool_keep(&op->pool, DH_R_VOTE_ITEM, it)))
		return it ? rc : DH_ENOMEM;
	it->session_id = s->meta.id;
	it->candidate_id = c->meta.id;
	it->order = os.max_order + 1;
	/* Recusals by the rule and the members the session is held under. */
	if ((rc = held_open(&held, op->ctx->cfg, s)))
		return rc;
	for (size_t i = 0; i < cfg->council.n_members; i++) {
		const char *login = cfg->council.members[i].login;
		const dh_person *p = config_person(cfg, login);
		bool self = cfg->council.recuse_self &&
		            (strcmp(login, c->name) == 0 || (p && same_person_name(p->name, c->name)));
		bool dept = cfg->council.recuse_department && p && p->department && c->department &&
		            strcmp(p->department, c->department) == 0;
		if ((self || dept) && (rc = strlist_push(&it->recused, login)))
			break;
	}
	held_close(&held);
	return rc ? rc : wf_put_out(tx, op, "manage_session", NULL, DH_R_VOTE_ITEM, it);
}

int wf_item_add(dh_ctx *ctx, uint64_t session_id, uint64_t candidate_id, uint64_t *out_id)
{
	wf_args args = {.target = session_id, .other = candidate_id};
	return wf_act(ctx, DH_ACT_MANAGE_SESSION, item_add_body, &args, out_id);
}

/* An item open for votes, with its session. */
static int tx_load_open_item(dh_repo_tx *tx, wf_op *op, uint64_t id, dh_vote_item **it, dh_session **s)
{
	*s = NULL;
	int rc = wf_load_live(tx, op, DH_R_VOTE_ITEM, id, (void **)it);
	if (rc)
		return rc;
	if ((*it)->closed)
		return say(op->ctx, DH_ELOCKED, "Mục bình xét đã chốt kết quả (%s): muốn sửa phải mở lại.",
		           (*it)->reason ? (*it)->reason : "");
	return tx_load_open_session(tx, op, (*it)->session_id, s);
}

static int recuse_body(dh_repo_tx *tx, wf_op *op)
{
	dh_vote_item *it;
	dh_session *s;
	int rc;
	if ((rc = tx_load_open_item(tx, op, op->target, &it, &s)) ||
	    (rc = check_held_member(op->ctx, s, op->login)))
		return rc;
	bool was = council_is_recused(it, op->login);
	if (was == op->flag && !op->reason)
		return 0;
	if (op->flag && !was) {
		if ((rc = strlist_push(&it->recused, op->login)) ||
		    (rc = council_set_vote(&it->votes, op->login, DH_VOTE_NONE)))
			return rc;
	} else if (!op->flag) {
		strlist_remove(&it->recused, op->login);
	}
	if ((op->reason || !op->flag) &&
	    (rc = council_set_note(&it->recuse_reasons, op->login, op->flag ? op->reason : NULL)))
		return rc;
	char note[400];
	snprintf(note, sizeof(note), "%s: %s%s%s", op->login,
	         op->flag ? "không tham gia biểu quyết" : "tham gia biểu quyết", op->reason ? ": " : "",
	         op->reason ? op->reason : "");
	return wf_put_out(tx, op, "recuse", note, DH_R_VOTE_ITEM, it);
}

int wf_item_recuse(dh_ctx *ctx, uint64_t item_id, const char *login, bool recused)
{
	wf_args args = {.target = item_id, .login = login, .need_member = true, .flag = recused};
	return wf_act(ctx, DH_ACT_RECORD_VOTES, recuse_body, &args, NULL);
}

int wf_item_recuse_why(dh_ctx *ctx, uint64_t item_id, const char *login, const char *reason)
{
	wf_args args = {.target = item_id,
	                .login = login,
	                .need_member = true,
	                .flag = true,
	                .why = {.text = reason, .label = "Lý do", .required = true}};
	return wf_act(ctx, DH_ACT_RECORD_VOTES, recuse_body, &args, NULL);
}

static int vote_body(dh_repo_tx *tx, wf_op *op)
{
	const dh_config *cfg = op->ctx->cfg;
	dh_vote_item *it;
	dh_session *s;
	dh_vote v = op->arg[0];
	int rc;
	if ((rc = tx_load_open_item(tx, op, op->target, &it, &s)) ||
	    (rc = check_held_member(op->ctx, s, op->login)))
		return rc;
	if (s->method != DH_VOTE_OPEN)
		return say(op->ctx, DH_EINVAL,
		           "Phiên họp bỏ phiếu kín: nhập số phiếu, không ghi phiếu từng người.");
	if (council_is_recused(it, op->login))
		return say(op->ctx, DH_EINVAL, "%s không tham gia biểu quyết hồ sơ này.",
		           config_person_name(cfg, op->login));
	if (v != DH_VOTE_NONE && council_attendance(s, op->login) == DH_ABSENT)
		return say(op->ctx, DH_EINVAL, "%s vắng mặt và không có ý kiến bằng văn bản.",
		           config_person_name(cfg, op->login));
	if (council_vote_of(it, op->login) == v)
		return 0;
	if ((rc = council_set_vote(&it->votes, op->login, v)))
		return rc;
	char note[160];
	snprintf(note, sizeof(note), "%s: %s", op->login, council_vote_label(v));
	return wf_put_out(tx, op, "record_votes", note, DH_R_VOTE_ITEM, it);
}

static const wf_arg_check vote_choice = {
    .min = DH_VOTE_NONE, .max = DH_VOTE_ABSTAIN, .field = "vote", .text = "Phiếu không hợp lệ."};

int wf_vote(dh_ctx *ctx, uint64_t item_id, const char *login, int vote)
{
	wf_args args = {
	    .target = item_id, .login = login, .need_member = true, .arg = {vote}, .arg0 = &vote_choice};
	return wf_act(ctx, DH_ACT_RECORD_VOTES, vote_body, &args, NULL);
}

/* The tally of IT under the rules its session S is held under. */
static int held_tally(dh_ctx *ctx, const dh_session *s, const dh_vote_item *it, dh_tally *t)
{
	dh_held h;
	int rc = held_open(&h, ctx->cfg, s);
	if (!rc)
		council_tally(&h.cfg.council, s, it, t);
	held_close(&h);
	return rc;
}

static int counts_body(dh_repo_tx *tx, wf_op *op)
{
	dh_vote_item *it;
	dh_session *s;
	dh_tally t;
	int rc;
	if ((rc = tx_load_open_item(tx, op, op->target, &it, &s)))
		return rc;
	if (s->method != DH_VOTE_SECRET)
		return say(op->ctx, DH_EINVAL,
		           "Phiên họp biểu quyết công khai: ghi phiếu của từng thành viên.");
	if ((rc = held_tally(op->ctx, s, it, &t)))
		return rc;
	int sum = op->arg[0] + op->arg[1] + op->arg[2];
	if (sum > t.voters)
		return say_field(op->ctx, DH_EINVAL, "agree",
		                 "Tổng số phiếu (%d) nhiều hơn số thành viên được biểu quyết (%d).", sum,
		                 t.voters);
	if (it->agree == op->arg[0] && it->disagree == op->arg[1] && it->abstain == op->arg[2])
		return 0;
	it->agree = op->arg[0];
	it->disagree = op->arg[1];
	it->abstain = op->arg[2];
	char note[96];
	snprintf(note, sizeof(note), "tán thành %d, không tán thành %d, không biểu quyết %d", it->agree,
	         it->disagree, it->abstain);
	return wf_put_out(tx, op, "record_votes", note, DH_R_VOTE_ITEM, it);
}

static int counts_valid(dh_ctx *ctx, wf_args *args)
{
	const int *n = args->arg;
	if (n[0] < 0 || n[1] < 0 || n[2] < 0)
		return say_field(ctx, DH_EINVAL,
		                 n[0] < 0   ? "agree"
		                 : n[1] < 0 ? "disagree"
		                            : "abstain",
		                 "Số phiếu không được âm.");
	return 0;
}

int wf_vote_counts(dh_ctx *ctx, uint64_t item_id, int agree, int disagree, int abstain)
{
	wf_args args = {.target = item_id, .arg = {agree, disagree, abstain}, .check = counts_valid};
	return wf_act(ctx, DH_ACT_RECORD_VOTES, counts_body, &args, NULL);
}

static int item_close_body(dh_repo_tx *tx, wf_op *op)
{
	dh_vote_item *it;
	dh_session *s;
	dh_candidate *c;
	dh_tally t;
	int rc;
	if ((rc = tx_load_open_item(tx, op, op->target, &it, &s)) ||
	    (rc = wf_load_live(tx, op, DH_R_CANDIDATE, it->candidate_id, (void **)&c)))
		return rc;
	if ((rc = wf_stage_gate(op->ctx, DH_ACT_CLOSE_ITEM, c)) || (rc = held_tally(op->ctx, s, it, &t)))
		return rc;
	if (!t.quorum)
		return say(op->ctx, DH_EINVAL, "Chưa chốt được: %s.", t.reason);
	if (t.cast == 0)
		return say(op->ctx, DH_EINVAL, "Chưa có phiếu biểu quyết nào cho «%s».", c->name);
	if (t.cast > t.voters) /* attendance changed after the counts were typed */
		return say(op->ctx, DH_EINVAL,
		           "Tổng số phiếu (%d) nhiều hơn số thành viên được biểu quyết (%d): sửa số phiếu.",
		           t.cast, t.voters);
	/* Fewer votes than voters closes only with the reason, for the minutes;
	 * a full count keeps no reason (an earlier one is dropped). */
	if (t.cast < t.voters && !op->reason)
		return say_field(op->ctx, DH_EINVAL, "count_reason",
		                 "%d phiếu/%d thành viên được biểu quyết: cần ghi lý do (phiếu không hợp lệ, "
		                 "thành viên về trước…).",
		                 t.cast, t.voters);
	it->closed = true;
	it->result = t.result;
	if ((rc = record_set_str(&it->count_reason, t.cast < t.voters ? op->reason : NULL)) ||
	    (rc = record_set_str(&it->reason, t.reason)) ||
	    (rc = wf_put_out(tx, op, "close_item", t.reason, DH_R_VOTE_ITEM, it)))
		return rc;
	/* Where the candidate goes is the vote's result, not the table's. */
	c->stage = t.result == DH_RESULT_PASSED ? DH_STAGE_APPROVED : DH_STAGE_NOT_APPROVED;
	return wf_put(tx, op, "close_item", t.reason, DH_R_CANDIDATE, c);
}

int wf_item_close(dh_ctx *ctx, uint64_t item_id)
{
	return wf_item_close_why(ctx, item_id, NULL);
}

int wf_item_close_why(dh_ctx *ctx, uint64_t item_id, const char *count_reason)
{
	wf_args args = {
	    .target = item_id,
	    .why = {.text = count_reason,
	            .label = count_reason ? "Lý do số phiếu khác số thành viên được biểu quyết" : NULL,
	            .required = true,
	            .field = "count_reason"}};
	return wf_act(ctx, DH_ACT_CLOSE_ITEM, item_close_body, &args, NULL);
}

static int cursor_body(dh_repo_tx *tx, wf_op *op)
{
	dh_vote_item *it;
	dh_session *s;
	int rc;
	if ((rc = tx_load_open_session(tx, op, op->target, &s)))
		return rc;
	if (s->current_item == op->other)
		return 0; /* already there: no write, no audit noise */
	if (op->other) {
		if ((rc = wf_load_live(tx, op, DH_R_VOTE_ITEM, op->other, (void **)&it)))
			return rc;
		if (it->session_id != s->meta.id)
			return say(op->ctx, DH_EINVAL, "Mục bình xét không thuộc phiên họp này.");
	}
	s->current_item = op->other;
	char note[64];
	snprintf(note, sizeof(note), "mục #%llu", (unsigned long long)op->other);
	return wf_put_out(tx, op, "council_cursor", note, DH_R_SESSION, s);
}

int wf_session_cursor(dh_ctx *ctx, uint64_t session_id, uint64_t item_id)
{
	wf_args args = {.target = session_id, .other = item_id};
	return wf_act(ctx, DH_ACT_RECORD_VOTES, cursor_body, &args, NULL);
}

static int item_reopen_body(dh_repo_tx *tx, wf_op *op)
{
	dh_vote_item *it;
	dh_session *s;
	dh_candidate *c;
	int rc;
	if ((rc = wf_load_live(tx, op, DH_R_VOTE_ITEM, op->target, (void **)&it)))
		return rc;
	if (!it->closed)
		return say(op->ctx, DH_EINVAL, "Mục bình xét chưa chốt kết quả.");
	if ((rc = tx_load_open_session(tx, op, it->session_id, &s)) ||
	    (rc = wf_load(tx, op, DH_R_CANDIDATE, it->candidate_id, (void **)&c)))
		return rc;
	if ((rc = wf_stage_gate(op->ctx, DH_ACT_REOPEN_ITEM, c)))
		return rc;
	it->closed = false;
	it->result = DH_RESULT_PENDING;
	if ((rc = record_set_str(&it->reopen_reason, op->reason)) ||
	    (rc = wf_put_out(tx, op, "reopen_item", op->reason, DH_R_VOTE_ITEM, it)))
		return rc;
	wf_advance(c, DH_ACT_REOPEN_ITEM);
	return wf_put(tx, op, "reopen_item", op->reason, DH_R_CANDIDATE, c);
}

int wf_item_reopen(dh_ctx *ctx, uint64_t item_id, const char *reason)
{
	wf_args args = {.target = item_id,
	                .why = {.text = reason, .label = "Lý do mở lại", .required = true}};
	return wf_act(ctx, DH_ACT_REOPEN_ITEM, item_reopen_body, &args, NULL);
}

/* Passed items of a session, in agenda order. */
typedef struct passed_scan {
	size_t n, cap;
	struct passed {
		int order;
		uint64_t candidate_id;
	} * v;
	int err;
} passed_scan;

static int passed_visit(const void *rec, void *p)
{
	const dh_vote_item *it = rec;
	passed_scan *s = p;
	if (it->meta.deleted || !it->closed || it->result != DH_RESULT_PASSED)
		return 0;
	if (buf_reserve(&s->v, &s->cap, s->n + 1, sizeof(*s->v))) {
		s->err = DH_ENOMEM;
		return 1;
	}
	s->v[s->n].order = it->order;
	s->v[s->n++].candidate_id = it->candidate_id;
	return 0;
}

static int passed_cmp(const void *a, const void *b)
{
	const struct passed *x = a, *y = b;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return x->candidate_id < y->candidate_id ? -1 : x->candidate_id > y->candidate_id;
}

int wf_session_approved(dh_ctx *ctx, uint64_t session_id, dh_idlist *out)
{
	passed_scan ps = {0};
	int rc = repo_children(ctx->store, DH_R_VOTE_ITEM, session_id, passed_visit, &ps);
	if (!rc)
		rc = ps.err;
	if (!rc)
		qsort(ps.v, ps.n, sizeof(*ps.v), passed_cmp);
	for (size_t i = 0; !rc && i < ps.n; i++) {
		dh_candidate *c = NULL;
		rc = repo_get(ctx->store, DH_R_CANDIDATE, ps.v[i].candidate_id, (void **)&c);
		if (rc == 0 && !c->meta.deleted && c->stage == DH_STAGE_APPROVED)
			rc = idlist_push(out, c->meta.id);
		if (c)
			record_free(DH_R_CANDIDATE, c);
	}
	free(ps.v);
	return rc;
}

static int proposal_body(dh_repo_tx *tx, wf_op *op)
{
	const dh_proposal *in = op->in;
	dh_session *s;
	dh_proposal *p;
	passed_scan ps = {0};
	int rc;
	if ((rc = wf_load_live(tx, op, DH_R_SESSION, in->session_id, (void **)&s)) ||
	    (rc = wf_input_copy(op, (void **)&p)))
		return rc;
	void *stored;
	if ((rc = wf_load_stored(tx, op, &stored)))
		return rc;
	p->year = s->year;
	rc = repo_tx_children(tx, DH_R_VOTE_ITEM, s->meta.id, passed_visit, &ps);
	if (!rc)
		rc = ps.err;
	if (!rc && p->candidates.n == 0) {
		qsort(ps.v, ps.n, sizeof(*ps.v), passed_cmp);
		for (size_t i = 0; !rc && i < ps.n; i++) {
			dh_candidate *c;
			if (!(rc = wf_load(tx, op, DH_R_CANDIDATE, ps.v[i].candidate_id, (void **)&c)) &&
			    !c->meta.deleted && c->stage == DH_STAGE_APPROVED)
				rc = idlist_push(&p->candidates, c->meta.id);
		}
		if (!rc && p->candidates.n == 0)
			rc = say(op->ctx, DH_EINVAL,
			         "Chưa có hồ sơ nào được Hội đồng thông qua ở phiên họp này.");
	}
	for (size_t i = 0; !rc && i < p->candidates.n; i++) {
		uint64_t id = p->candidates.v[i];
		bool passed = false;
		for (size_t j = 0; j < ps.n; j++)
			passed |= ps.v[j].candidate_id == id;
		dh_candidate *c;
		if ((rc = wf_load_live(tx, op, DH_R_CANDIDATE, id, (void **)&c)))
			break;
		rc = passed ? wf_stage_gate(op->ctx, DH_ACT_PROPOSE, c)
		            : wf_refuse(op->ctx, DH_ACT_PROPOSE, c);
	}
	free(ps.v);
	return rc ? rc : wf_put_out(tx, op, "propose", NULL, DH_R_PROPOSAL, p);
}

static int proposal_clean(wf_op *op, void *rec)
{
	return wf_check_fields(op->ctx, DH_R_PROPOSAL, rec);
}

int wf_proposal_save(dh_ctx *ctx, const dh_proposal *in, uint64_t *out_id)
{
	return wf_save(ctx, DH_ACT_PROPOSE, DH_R_PROPOSAL, in, proposal_clean, proposal_body, out_id);
}
