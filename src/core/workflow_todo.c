/* workflow_todo.c — what waits for whom (screens 1 and 3): one pass over
 * each record type, counted by the same rows of the table the key lines
 * offer from. */
#include "workflow_internal.h"

#include "dienhinh/buf.h"
#include "dienhinh/date.h"
#include "dienhinh/error.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A growing sorted-on-demand set of ids. */
typedef struct id_set {
	uint64_t *v;
	size_t n, cap;
	int err;
} id_set;

static void id_set_add(id_set *s, uint64_t id)
{
	if (s->err)
		return;
	if (buf_reserve(&s->v, &s->cap, s->n + 1, sizeof(*s->v))) {
		s->err = DH_ENOMEM;
		return;
	}
	s->v[s->n++] = id;
}

static int id_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static void id_set_sort(id_set *s)
{
	if (s->n)
		qsort(s->v, s->n, sizeof(*s->v), id_cmp);
}

static bool id_set_has(const id_set *s, uint64_t id)
{
	return s->n && bsearch(&id, s->v, s->n, sizeof(*s->v), id_cmp) != NULL;
}

/* Everything wf_todo() and wf_awaiting_agenda() gather in one pass per
 * record type. */
typedef struct todo_scan {
	const dh_ctx *ctx;
	int year;
	id_set open_sessions;          /* live, not closed */
	id_set on_agenda;              /* candidates with a live item */
	id_set replicated;             /* candidates with a live activity */
	id_set waiting;                /* wf_awaiting_agenda: nominated, not on agenda */
	bool *answered, *disseminated; /* per config department */
	int open_items, submitted;
	int count[DH_ACT__COUNT];
} todo_scan;

static int todo_session_visit(const void *rec, void *p)
{
	const dh_session *s = rec;
	todo_scan *t = p;
	if (!s->meta.deleted && !s->closed)
		id_set_add(&t->open_sessions, s->meta.id);
	return 0;
}

static int todo_item_visit(const void *rec, void *p)
{
	const dh_vote_item *it = rec;
	todo_scan *t = p;
	if (it->meta.deleted)
		return 0;
	id_set_add(&t->on_agenda, it->candidate_id);
	if (!it->closed && id_set_has(&t->open_sessions, it->session_id))
		t->open_items++;
	return 0;
}

static int todo_activity_visit(const void *rec, void *p)
{
	const dh_activity *a = rec;
	todo_scan *t = p;
	if (!a->meta.deleted)
		id_set_add(&t->replicated, a->candidate_id);
	return 0;
}

static int todo_registration_visit(const void *rec, void *p)
{
	const dh_registration *r = rec;
	todo_scan *t = p;
	if (r->meta.deleted || r->year != t->year)
		return 0;
	if (wf_registration_active(r))
		wf_mark_department(t->ctx->cfg, t->answered, r->department);
	if (r->status == DH_REG_SUBMITTED && wf_scope_ok(t->ctx, DH_ACT_CHECK_REGISTRATION, r->department))
		t->submitted++;
	return 0;
}

static int todo_candidate_visit(const void *rec, void *p)
{
	const dh_candidate *c = rec;
	todo_scan *t = p;
	const dh_ctx *ctx = t->ctx;
	if (c->meta.deleted)
		return 0;
	if (c->stage == DH_STAGE_NOMINATED && !id_set_has(&t->on_agenda, c->meta.id))
		id_set_add(&t->waiting, c->meta.id);
	if (c->year != t->year)
		return 0;
	const char *dept = c->department;
#define TODO_COUNT(a, cond)                                                                                  \
	do {                                                                                                 \
		if ((cond) && wf_scope_ok(ctx, (a), dept))                                                   \
			t->count[(a)]++;                                                                     \
	} while (0)
	TODO_COUNT(DH_ACT_FOSTER, c->stage == DH_STAGE_NEW_FACTOR);
	TODO_COUNT(DH_ACT_NOMINATE,
	           wf_move_admits(DH_ACT_NOMINATE, c) && wf_meets_new_factor_min(ctx->cfg, c));
	TODO_COUNT(DH_ACT_MANAGE_SESSION,
	           wf_move_admits(DH_ACT_MANAGE_SESSION, c) && !id_set_has(&t->on_agenda, c->meta.id));
	TODO_COUNT(DH_ACT_RECOGNISE, wf_move_admits(DH_ACT_RECOGNISE, c));
	TODO_COUNT(DH_ACT_AWARD, wf_move_admits(DH_ACT_AWARD, c));
	TODO_COUNT(DH_ACT_REPLICATE,
	           wf_move_admits(DH_ACT_REPLICATE, c) && !id_set_has(&t->replicated, c->meta.id));
	TODO_COUNT(DH_ACT_HOLD, c->on_hold);
#undef TODO_COUNT
	return 0;
}

static void todo_free(todo_scan *t)
{
	free(t->open_sessions.v);
	free(t->on_agenda.v);
	free(t->replicated.v);
	free(t->waiting.v);
	free(t->answered);
	free(t->disseminated);
}

/* The scans, in the order their results are needed. */
static int todo_gather(dh_ctx *ctx, todo_scan *t)
{
	dh_store *st = ctx->store;
	size_t nd = ctx->cfg->n_departments;
	t->answered = calloc(nd + 1, sizeof(bool));
	t->disseminated = calloc(nd + 1, sizeof(bool));
	if (!t->answered || !t->disseminated)
		return DH_ENOMEM;
	wf_marks nil = {ctx->cfg,
	                t->year,
	                t->answered,
	                offsetof(dh_nil_return, year),
	                offsetof(dh_nil_return, department),
	                NULL};
	wf_marks disseminated = {ctx->cfg,
	                         t->year,
	                         t->disseminated,
	                         offsetof(dh_dissemination, year),
	                         offsetof(dh_dissemination, department),
	                         NULL};
	int rc;
	if ((rc = repo_each(st, DH_R_SESSION, todo_session_visit, t)))
		return rc;
	id_set_sort(&t->open_sessions);
	if ((rc = repo_each(st, DH_R_VOTE_ITEM, todo_item_visit, t)) ||
	    (rc = repo_each(st, DH_R_ACTIVITY, todo_activity_visit, t)))
		return rc;
	id_set_sort(&t->on_agenda);
	id_set_sort(&t->replicated);
	if ((rc = repo_each(st, DH_R_REGISTRATION, todo_registration_visit, t)) ||
	    (rc = repo_each(st, DH_R_NIL_RETURN, wf_mark_visit, &nil)) ||
	    (rc = repo_each(st, DH_R_DISSEMINATION, wf_mark_visit, &disseminated)) ||
	    (rc = repo_each(st, DH_R_CANDIDATE, todo_candidate_visit, t)))
		return rc;
	if (t->open_sessions.err || t->on_agenda.err || t->replicated.err || t->waiting.err)
		return DH_ENOMEM;
	return 0;
}

static void todo_line(const dh_ctx *ctx, dh_todo *out, size_t max, size_t *n, dh_action a, int count,
                      const char *fmt, ...) __attribute__((format(printf, 7, 8)));

static void todo_line(const dh_ctx *ctx, dh_todo *out, size_t max, size_t *n, dh_action a, int count,
                      const char *fmt, ...)
{
	if (count <= 0 || *n >= max || !wf_may(ctx, a))
		return;
	dh_todo *line = &out[(*n)++];
	line->action = a;
	line->count = count;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line->text, sizeof(line->text), fmt, ap);
	va_end(ap);
	wf_trim_partial_utf8(line->text);
}

int wf_todo(dh_ctx *ctx, int year, dh_todo *out, size_t max, size_t *n)
{
	*n = 0;
	if (!ctx->person)
		return 0;
	todo_scan t = {.ctx = ctx, .year = year ? year : ctx->cfg->plan.year};
	int rc = todo_gather(ctx, &t);
	if (rc) {
		todo_free(&t);
		return rc;
	}
	int unanswered = 0, undisseminated = 0;
	for (size_t i = 0; i < ctx->cfg->n_departments; i++) {
		const char *dept = ctx->cfg->departments[i].id;
		if (!t.answered[i] && wf_scope_ok(ctx, DH_ACT_NIL_RETURN, dept))
			unanswered++;
		if (!t.disseminated[i] && wf_scope_ok(ctx, DH_ACT_DISSEMINATE, dept))
			undisseminated++;
	}
	const dh_deadline *reg = wf_deadline_of(ctx->cfg, DH_ACT_NOMINATE);
	char day[11] = "";
	bool reg_open = !reg || wf_today(ctx) <= reg->date;
	if (reg)
		date_vn(reg->date, day);
	int min = ctx->cfg->criteria.new_factor_min;
	todo_line(ctx, out, max, n, DH_ACT_FOSTER, t.count[DH_ACT_FOSTER],
	          "%d nhân tố mới chưa được bồi dưỡng", t.count[DH_ACT_FOSTER]);
	if (reg_open)
		todo_line(ctx, out, max, n, DH_ACT_NOMINATE, t.count[DH_ACT_NOMINATE],
		          "%d hồ sơ đạt từ %d tiêu chí, có thể đăng ký%s%s%s", t.count[DH_ACT_NOMINATE], min,
		          reg ? " (hạn " : "", day, reg ? ")" : "");
	todo_line(ctx, out, max, n, DH_ACT_NIL_RETURN, unanswered,
	          "%d phòng chưa đăng ký hoặc báo không có%s%s%s", unanswered, reg ? " (hạn " : "", day,
	          reg ? ")" : "");
	todo_line(ctx, out, max, n, DH_ACT_CHECK_REGISTRATION, t.submitted, "%d hồ sơ đăng ký chờ kiểm tra",
	          t.submitted);
	todo_line(ctx, out, max, n, DH_ACT_MANAGE_SESSION, t.count[DH_ACT_MANAGE_SESSION],
	          "%d hồ sơ đã đăng ký chưa đưa ra Hội đồng bình xét", t.count[DH_ACT_MANAGE_SESSION]);
	todo_line(ctx, out, max, n, DH_ACT_CLOSE_ITEM, t.open_items, "%d mục bình xét chưa chốt kết quả",
	          t.open_items);
	todo_line(ctx, out, max, n, DH_ACT_RECOGNISE, t.count[DH_ACT_RECOGNISE],
	          "%d hồ sơ được Hội đồng thông qua, chờ quyết định công nhận", t.count[DH_ACT_RECOGNISE]);
	todo_line(ctx, out, max, n, DH_ACT_AWARD, t.count[DH_ACT_AWARD],
	          "%d hồ sơ đã công nhận, chờ tặng Giấy khen", t.count[DH_ACT_AWARD]);
	todo_line(ctx, out, max, n, DH_ACT_REPLICATE, t.count[DH_ACT_REPLICATE],
	          "%d mô hình, điển hình chưa có hoạt động nhân rộng", t.count[DH_ACT_REPLICATE]);
	todo_line(ctx, out, max, n, DH_ACT_DISSEMINATE, undisseminated,
	          "%d phòng chưa ghi quán triệt kế hoạch", undisseminated);
	todo_line(ctx, out, max, n, DH_ACT_HOLD, t.count[DH_ACT_HOLD], "%d hồ sơ đang tạm dừng xét",
	          t.count[DH_ACT_HOLD]);
	todo_free(&t);
	return 0;
}

int wf_awaiting_agenda(dh_ctx *ctx, dh_idlist *out)
{
	todo_scan t = {.ctx = ctx, .year = ctx->cfg->plan.year};
	int rc = 0;
	if (!ctx->person) {
		/* wf_scope_ok needs a person; an unknown login has nothing to add */
		return 0;
	}
	rc = todo_gather(ctx, &t);
	for (size_t i = 0; !rc && i < t.waiting.n; i++)
		rc = idlist_push(out, t.waiting.v[i]);
	todo_free(&t);
	return rc;
}
