/* stats.c — the review numbers of one plan year (stats.h): read from the
 * counters (counts.h), or walked from the records (stats_scan); either way
 * into the same rows, finished by the same code. */
#include "dienhinh/stats.h"

#include "dienhinh/counts.h"
#include "dienhinh/error.h"
#include "dienhinh/repo.h"
#include "dienhinh/store.h"
#include "dienhinh/utf8.h"
#include "dienhinh/workflow.h"
#include "dienhinh/buf.h"

#include <stdlib.h>
#include <string.h>

typedef struct stats_job {
	dh_stats *s;
	const dh_config *cfg;
	uint64_t *fostered; /* candidate ids with fostering in the year */
	size_t n_fostered, cap_fostered;
	uint64_t *sessions; /* ids of the year's sessions, ascending */
	size_t n_sessions, cap_sessions;
	size_t last_dept; /* the department found last: rows come in runs */
	size_t n_config;  /* the first rows: config's departments */
} stats_job;

static int stats_push_id(uint64_t **v, size_t *n, size_t *cap, uint64_t id)
{
	if (buf_reserve(&*v, &*cap, *n + 1, sizeof(**v)))
		return DH_ENOMEM;
	(*v)[(*n)++] = id;
	return 0;
}

static int stats_id_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static bool stats_has_id(const uint64_t *v, size_t n, uint64_t id)
{
	return n && bsearch(&id, v, n, sizeof(*v), stats_id_cmp);
}

/* The row of department ID, added after config's when the data names one
 * config does not know; NULL on ENOMEM. */
static dh_stats_dept *stats_dept_n(stats_job *j, const char *id, size_t len)
{
	dh_stats *s = j->s;
	if (!id)
		id = "";
	if (j->last_dept < s->n_depts && strncmp(s->depts[j->last_dept].id, id, len) == 0 &&
	    !s->depts[j->last_dept].id[len])
		return &s->depts[j->last_dept];
	for (size_t i = 0; i < s->n_depts; i++) {
		if (strncmp(s->depts[i].id, id, len) == 0 && !s->depts[i].id[len]) {
			j->last_dept = i;
			return &s->depts[i];
		}
	}
	dh_stats_dept *nd = realloc(s->depts, (s->n_depts + 1) * sizeof(*nd));
	if (!nd)
		return NULL;
	s->depts = nd;
	dh_stats_dept *d = &s->depts[s->n_depts];
	memset(d, 0, sizeof(*d));
	if (!(d->id = strndup(id, len)))
		return NULL;
	j->last_dept = s->n_depts++;
	return d;
}

/* The row of department ID as the counters key it (counts_dept_len). */
static dh_stats_dept *stats_dept(stats_job *j, const char *id)
{
	return stats_dept_n(j, id ? id : "", counts_dept_len(id));
}

static bool stats_in_year(int ymd, int year)
{
	return ymd / 10000 == year;
}

static bool stats_kind_ok(int kind)
{
	return kind >= 0 && kind < DH_CANDIDATE_KINDS;
}

static bool stats_stage_ok(int stage)
{
	return stage >= 0 && stage < DH_STAGE__COUNT;
}

static int stats_candidate(const void *rec, void *ctx)
{
	stats_job *j = ctx;
	const dh_candidate *c = rec;
	if (c->meta.deleted || c->year != j->s->year || !stats_kind_ok(c->kind) || !stats_stage_ok(c->stage))
		return 0;
	dh_stats_dept *d = stats_dept(j, c->department);
	if (!d)
		return DH_ENOMEM;
	d->count[c->kind][c->stage]++;
	d->total++;
	j->s->by_stage[c->stage]++;
	j->s->by_kind[c->kind]++;
	j->s->candidates++;
	if (c->on_hold) {
		j->s->on_hold++;
		d->on_hold++;
	}
	if (c->aims_provincial)
		j->s->provincial[c->stage]++;
	if (j->cfg && wf_meets_new_factor_min(j->cfg, c))
		j->s->meeting_new_factor_min++;
	return 0;
}

static int stats_fostering(const void *rec, void *ctx)
{
	stats_job *j = ctx;
	const dh_fostering *f = rec;
	if (f->meta.deleted || !stats_in_year(f->date, j->s->year) || f->kind < 0 || f->kind > 2)
		return 0;
	j->s->fostering[f->kind]++;
	j->s->fostering_total++;
	if (f->kind == DH_FOSTER_MATERIAL)
		j->s->material_total += f->amount;
	return stats_push_id(&j->fostered, &j->n_fostered, &j->cap_fostered, f->candidate_id);
}

static int stats_registration(const void *rec, void *ctx)
{
	stats_job *j = ctx;
	const dh_registration *r = rec;
	if (r->meta.deleted || r->year != j->s->year || r->status < 0 || r->status > 3)
		return 0;
	j->s->registrations[r->status]++;
	j->s->registrations_total++;
	if (r->status == DH_REG_SUBMITTED && !r->complete)
		j->s->registrations_unchecked++;
	if (r->status == DH_REG_SUBMITTED || r->status == DH_REG_ACCEPTED) {
		dh_stats_dept *d = stats_dept(j, r->department);
		if (!d)
			return DH_ENOMEM;
		d->registrations++;
	}
	return 0;
}

static int stats_nil_return(const void *rec, void *ctx)
{
	stats_job *j = ctx;
	const dh_nil_return *r = rec;
	if (r->meta.deleted || r->year != j->s->year)
		return 0;
	dh_stats_dept *d = stats_dept(j, r->department);
	if (!d)
		return DH_ENOMEM;
	if (!d->nil_return)
		j->s->nil_returns++;
	d->nil_return = true;
	return 0;
}

static int stats_decision(const void *rec, void *ctx)
{
	stats_job *j = ctx;
	const dh_decision *d = rec;
	if (d->meta.deleted || d->revoked || d->year != j->s->year)
		return 0;
	if (d->type == DH_DEC_AWARD)
		j->s->award_decisions++;
	else
		j->s->recognition_decisions++;
	return 0;
}

static int stats_activity(const void *rec, void *ctx)
{
	stats_job *j = ctx;
	const dh_activity *a = rec;
	if (a->meta.deleted || !stats_in_year(a->date, j->s->year) || a->kind < 0 || a->kind > 2)
		return 0;
	j->s->activities[a->kind]++;
	j->s->activities_total++;
	if (a->attendees > 0)
		j->s->activity_attendees += a->attendees;
	return 0;
}

static int stats_session(const void *rec, void *ctx)
{
	stats_job *j = ctx;
	const dh_session *s = rec;
	if (s->meta.deleted || s->year != j->s->year)
		return 0;
	j->s->sessions++;
	/* repo_each walks in id order, so the list stays sorted. */
	return stats_push_id(&j->sessions, &j->n_sessions, &j->cap_sessions, s->meta.id);
}

static int stats_vote_item(const void *rec, void *ctx)
{
	stats_job *j = ctx;
	const dh_vote_item *it = rec;
	if (it->meta.deleted || !it->closed || !stats_has_id(j->sessions, j->n_sessions, it->session_id))
		return 0;
	if (it->result == DH_RESULT_PASSED)
		j->s->items_passed++;
	else if (it->result == DH_RESULT_FAILED)
		j->s->items_failed++;
	return 0;
}

/* OUT zeroed, with config's departments in its order. */
static int stats_start(stats_job *j, dh_stats *out, const dh_config *cfg, int year)
{
	memset(out, 0, sizeof(*out));
	out->year = year;
	*j = (stats_job){.s = out, .cfg = cfg};
	for (size_t i = 0; cfg && i < cfg->n_departments; i++)
		if (!stats_dept(j, cfg->departments[i].id))
			return DH_ENOMEM;
	j->n_config = out->n_depts;
	return 0;
}

static int stats_dept_cmp(const void *a, const void *b)
{
	return strcmp(((const dh_stats_dept *)a)->id, ((const dh_stats_dept *)b)->id);
}

/* Names from config, the departments that answered, the others by id. */
static void stats_finish(stats_job *j)
{
	dh_stats *out = j->s;
	const dh_config *cfg = j->cfg;
	size_t configured = j->n_config;
	if (out->n_depts > configured)
		qsort(out->depts + configured, out->n_depts - configured, sizeof(*out->depts),
		      stats_dept_cmp);
	for (size_t i = 0; i < out->n_depts; i++) {
		const dh_stats_dept *d = &out->depts[i];
		out->depts[i].name = NULL;
		if (cfg) {
			const dh_department *cd = config_department(cfg, d->id);
			out->depts[i].name = cd ? cd->name : NULL;
			if (cd && (d->registrations || d->nil_return))
				out->departments_answered++;
		}
	}
}

int stats_scan(dh_store *st, const dh_config *cfg, int year, dh_stats *out)
{
	stats_job j;
	int rc = stats_start(&j, out, cfg, year);
	static const struct {
		dh_rtype type;
		dh_rec_fn fn;
	} walks[] = {
	    {DH_R_CANDIDATE, stats_candidate},       {DH_R_FOSTERING, stats_fostering},
	    {DH_R_REGISTRATION, stats_registration}, {DH_R_NIL_RETURN, stats_nil_return},
	    {DH_R_DECISION, stats_decision},         {DH_R_ACTIVITY, stats_activity},
	    {DH_R_SESSION, stats_session},           {DH_R_VOTE_ITEM, stats_vote_item},
	};
	for (size_t i = 0; i < sizeof(walks) / sizeof(walks[0]) && !rc; i++)
		rc = repo_each(st, walks[i].type, walks[i].fn, &j);
	if (!rc && j.n_fostered) {
		qsort(j.fostered, j.n_fostered, sizeof(*j.fostered), stats_id_cmp);
		out->fostered_candidates = 1;
		for (size_t i = 1; i < j.n_fostered; i++)
			if (j.fostered[i] != j.fostered[i - 1])
				out->fostered_candidates++;
	}
	if (!rc)
		stats_finish(&j);
	free(j.fostered);
	free(j.sessions);
	if (rc)
		stats_free(out);
	return rc;
}

/* --- from the counters ------------------------------------------------------ */

static int stats_int(int64_t v)
{
	return v > INT32_MAX ? INT32_MAX : v < INT32_MIN ? INT32_MIN : (int)v;
}

/* Counters read from a store may hold anything (a damaged or hostile
 * file): their sums saturate instead of overflowing. */
static void stats_add(int *sum, int v)
{
	*sum = stats_int((int64_t)*sum + v);
}

static void stats_add64(int64_t *sum, int64_t v)
{
	if (__builtin_add_overflow(*sum, v, sum))
		*sum = v > 0 ? INT64_MAX : INT64_MIN;
}

/* Whether the candidates of the criteria set C meet the config's minimum. */
static bool stats_set_meets(const dh_config *cfg, const dh_count *c)
{
	int met = 0;
	for (size_t i = 0; i < c->set_len; i += strlen(c->set + i) + 1)
		if (config_criterion(cfg, c->sub, c->set + i))
			met++;
	return met >= cfg->criteria.new_factor_min;
}

static int stats_take_count(const dh_count *c, void *ctx)
{
	stats_job *j = ctx;
	dh_stats *s = j->s;
	int v = stats_int(c->value);
	dh_stats_dept *d = NULL;
	if (c->what == DH_C_CANDIDATE || c->what == DH_C_HOLD || c->what == DH_C_REG_ACTIVE ||
	    c->what == DH_C_NIL_RETURN) {
		if (!(d = stats_dept_n(j, c->dept, c->dept_len)))
			return DH_ENOMEM;
	}
	switch (c->what) {
	case DH_C_CANDIDATE:
		stats_add(&d->count[c->sub][c->stage], v);
		stats_add(&d->total, v);
		stats_add(&s->by_stage[c->stage], v);
		stats_add(&s->by_kind[c->sub], v);
		stats_add(&s->candidates, v);
		break;
	case DH_C_HOLD:
		stats_add(&d->on_hold, v);
		stats_add(&s->on_hold, v);
		break;
	case DH_C_PROVINCIAL:
		if (c->sub >= 0 && c->sub < DH_STAGE__COUNT)
			stats_add(&s->provincial[c->sub], v);
		break;
	case DH_C_CRITERIA:
		if (j->cfg && stats_set_meets(j->cfg, c))
			stats_add(&s->meeting_new_factor_min, v);
		break;
	case DH_C_FOSTERING:
		if (c->sub <= 2) {
			stats_add(&s->fostering[c->sub], v);
			stats_add(&s->fostering_total, v);
		}
		break;
	case DH_C_MATERIAL: stats_add64(&s->material_total, c->value); break;
	case DH_C_FOSTERED: stats_add(&s->fostered_candidates, v); break;
	case DH_C_REGISTRATION:
		stats_add(&s->registrations[c->sub], v);
		stats_add(&s->registrations_total, v);
		break;
	case DH_C_REG_ACTIVE: stats_add(&d->registrations, v); break;
	case DH_C_REG_UNCHECKED: stats_add(&s->registrations_unchecked, v); break;
	case DH_C_NIL_RETURN:
		if (v && !d->nil_return)
			s->nil_returns++;
		d->nil_return = d->nil_return || v;
		break;
	case DH_C_DECISION:
		if (c->sub)
			stats_add(&s->award_decisions, v);
		else
			stats_add(&s->recognition_decisions, v);
		break;
	case DH_C_ACTIVITY:
		if (c->sub <= 2) {
			stats_add(&s->activities[c->sub], v);
			stats_add(&s->activities_total, v);
		}
		break;
	case DH_C_ATTENDEES: stats_add(&s->activity_attendees, v); break;
	case DH_C_SESSION: stats_add(&s->sessions, v); break;
	case DH_C_ITEM:
		if (c->sub == DH_RESULT_PASSED)
			stats_add(&s->items_passed, v);
		else if (c->sub == DH_RESULT_FAILED)
			stats_add(&s->items_failed, v);
		break;
	default: break;
	}
	return 0;
}

typedef struct stats_read {
	stats_job *j;
	int year;
} stats_read;

static int stats_counts_fn(dh_stxn *txn, void *p)
{
	stats_read *r = p;
	return counts_each_year(txn, r->year, stats_take_count, r->j);
}

int stats_compute(dh_store *st, const dh_config *cfg, int year, dh_stats *out)
{
	/* A database older than the counters, opened read-only, has none. */
	if (store_schema(st) < DH_SCHEMA_VERSION)
		return stats_scan(st, cfg, year, out);
	stats_job j;
	int rc = stats_start(&j, out, cfg, year);
	stats_read r = {&j, year};
	if (!rc)
		rc = store_read(st, stats_counts_fn, &r);
	if (!rc)
		stats_finish(&j);
	else
		stats_free(out);
	return rc;
}

/* --- comparing ----------------------------------------------------------------- */

typedef struct stats_diffs {
	char *buf;
	size_t size, used;
	int n;
} stats_diffs;

static void stats_differ(stats_diffs *d, const char *what, long long a, long long b)
{
	if (a == b)
		return;
	d->n++;
	if (d->used + 1 >= d->size)
		return;
	int w = snprintf(d->buf + d->used, d->size - d->used, "%s%s: %lld và %lld", d->used ? "; " : "", what,
	                 a, b);
	if (w > 0)
		d->used += (size_t)w < d->size - d->used ? (size_t)w : d->size - d->used - 1;
}

static const dh_stats_dept *stats_find_dept(const dh_stats *s, const char *id)
{
	for (size_t i = 0; i < s->n_depts; i++)
		if (strcmp(s->depts[i].id, id) == 0)
			return &s->depts[i];
	return NULL;
}

/* Every row of A against B's row of the same id (an absent row: zeros). */
static void stats_diff_depts(stats_diffs *d, const dh_stats *a, const dh_stats *b, bool a_first)
{
	static const dh_stats_dept none;
	char what[200];
	for (size_t i = 0; i < a->n_depts; i++) {
		const dh_stats_dept *x = &a->depts[i], *y = stats_find_dept(b, x->id);
		if (!a_first && y)
			continue; /* compared in the first pass */
		if (!y)
			y = &none;
		const dh_stats_dept *l = a_first ? x : y, *r = a_first ? y : x;
		for (int k = 0; k < DH_CANDIDATE_KINDS; k++)
			for (int g = 0; g < DH_STAGE__COUNT; g++) {
				snprintf(what, sizeof(what), "Hồ sơ của phòng %s, %s, %s", x->id,
				         kind_label(k), stage_label(g));
				stats_differ(d, what, l->count[k][g], r->count[k][g]);
			}
		snprintf(what, sizeof(what), "Hồ sơ của phòng %s", x->id);
		stats_differ(d, what, l->total, r->total);
		snprintf(what, sizeof(what), "Hồ sơ tạm dừng xét của phòng %s", x->id);
		stats_differ(d, what, l->on_hold, r->on_hold);
		snprintf(what, sizeof(what), "Đăng ký của phòng %s", x->id);
		stats_differ(d, what, l->registrations, r->registrations);
		snprintf(what, sizeof(what), "Báo không có đăng ký của phòng %s", x->id);
		stats_differ(d, what, l->nil_return, r->nil_return);
	}
}

/* The numbers stats_diff compares, in the order it names them: a plain
 * number (N 0), or a list of N, each named "WHAT «its label»". */
typedef struct stats_num {
	const char *what;
	size_t offset;
	enum { STATS_INT, STATS_I64, STATS_SIZE } type;
	int n;
	const char *(*label)(int);
} stats_num;

static const stats_num stats_nums[] = {
    {"Năm", offsetof(dh_stats, year), STATS_INT, 0, NULL},
    {"Hồ sơ theo bước", offsetof(dh_stats, by_stage), STATS_INT, DH_STAGE__COUNT, stage_label},
    {"Hồ sơ loại", offsetof(dh_stats, by_kind), STATS_INT, DH_CANDIDATE_KINDS, kind_label},
    {"Hồ sơ", offsetof(dh_stats, candidates), STATS_INT, 0, NULL},
    {"Hồ sơ tạm dừng xét", offsetof(dh_stats, on_hold), STATS_INT, 0, NULL},
    {"Hồ sơ hướng tới cấp tỉnh theo bước", offsetof(dh_stats, provincial), STATS_INT, DH_STAGE__COUNT,
     stage_label},
    {"Đạt số tiêu chí của nhân tố mới", offsetof(dh_stats, meeting_new_factor_min), STATS_INT, 0, NULL},
    {"Bồi dưỡng", offsetof(dh_stats, fostering), STATS_INT, 3, fostering_kind_label},
    {"Lượt bồi dưỡng", offsetof(dh_stats, fostering_total), STATS_INT, 0, NULL},
    {"Hỗ trợ vật chất (đồng)", offsetof(dh_stats, material_total), STATS_I64, 0, NULL},
    {"Hồ sơ được bồi dưỡng", offsetof(dh_stats, fostered_candidates), STATS_INT, 0, NULL},
    {"Đăng ký", offsetof(dh_stats, registrations), STATS_INT, 4, reg_status_label},
    {"Đăng ký", offsetof(dh_stats, registrations_total), STATS_INT, 0, NULL},
    {"Đăng ký chờ kiểm tra", offsetof(dh_stats, registrations_unchecked), STATS_INT, 0, NULL},
    {"Phòng báo không có đăng ký", offsetof(dh_stats, nil_returns), STATS_INT, 0, NULL},
    {"Phòng đã trả lời", offsetof(dh_stats, departments_answered), STATS_INT, 0, NULL},
    {"Quyết định công nhận", offsetof(dh_stats, recognition_decisions), STATS_INT, 0, NULL},
    {"Quyết định tặng Giấy khen", offsetof(dh_stats, award_decisions), STATS_INT, 0, NULL},
    {"Hoạt động nhân rộng", offsetof(dh_stats, activities), STATS_INT, 3, activity_kind_label},
    {"Hoạt động nhân rộng", offsetof(dh_stats, activities_total), STATS_INT, 0, NULL},
    {"Lượt người dự nhân rộng", offsetof(dh_stats, activity_attendees), STATS_INT, 0, NULL},
    {"Phiên họp Hội đồng", offsetof(dh_stats, sessions), STATS_INT, 0, NULL},
    {"Lượt bình xét đạt", offsetof(dh_stats, items_passed), STATS_INT, 0, NULL},
    {"Lượt bình xét không đạt", offsetof(dh_stats, items_failed), STATS_INT, 0, NULL},
    {"Số phòng", offsetof(dh_stats, n_depts), STATS_SIZE, 0, NULL},
};

/* Number K of F in S. */
static long long stats_num_at(const dh_stats *s, const stats_num *f, int k)
{
	const char *p = (const char *)s + f->offset;
	switch (f->type) {
	case STATS_I64: return (long long)((const int64_t *)p)[k];
	case STATS_SIZE: return (long long)((const size_t *)p)[k];
	default: return ((const int *)p)[k];
	}
}

int stats_diff(const dh_stats *a, const dh_stats *b, char *buf, size_t size)
{
	stats_diffs d = {buf, size, 0, 0};
	if (size)
		buf[0] = '\0';
	char what[120];
	for (size_t i = 0; i < sizeof stats_nums / sizeof stats_nums[0]; i++) {
		const stats_num *f = &stats_nums[i];
		for (int k = 0; k < (f->n ? f->n : 1); k++) {
			if (f->n)
				snprintf(what, sizeof(what), "%s «%s»", f->what, f->label(k));
			stats_differ(&d, f->n ? what : f->what, stats_num_at(a, f, k), stats_num_at(b, f, k));
		}
	}
	stats_diff_depts(&d, a, b, true);
	stats_diff_depts(&d, b, a, false);
	for (size_t i = 0; i < a->n_depts && i < b->n_depts && !d.n; i++)
		if (strcmp(a->depts[i].id, b->depts[i].id) != 0) {
			snprintf(what, sizeof(what), "Thứ tự phòng ở dòng %zu (%s, %s)", i + 1,
			         a->depts[i].id, b->depts[i].id);
			stats_differ(&d, what, 0, 1);
		}
	return d.n;
}

void stats_free(dh_stats *s)
{
	for (size_t i = 0; i < s->n_depts; i++)
		free(s->depts[i].id);
	free(s->depts);
	s->depts = NULL;
	s->n_depts = 0;
}

/* --- output --------------------------------------------------------------- */

/* "25.000.000": VND as a Vietnamese reader groups digits. */
static const char *stats_money(int64_t v, char buf[32])
{
	char digits[24];
	int n = snprintf(digits, sizeof(digits), "%lld", (long long)(v < 0 ? -v : v));
	char *p = buf;
	if (v < 0)
		*p++ = '-';
	for (int i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0)
			*p++ = '.';
		*p++ = digits[i];
	}
	*p = '\0';
	return buf;
}

/* S padded with spaces to COLS columns (cut when wider). */
static void stats_cell(FILE *out, const char *s, int cols)
{
	int used = 0;
	size_t n = utf8_fit(s, cols, &used);
	fwrite(s, 1, n, out);
	for (; used < cols; used++)
		putc(' ', out);
}

void stats_print_text(const dh_stats *s, FILE *out)
{
	char money[32];
	fprintf(out, "Số liệu năm %d\n\n", s->year);
	fprintf(out, "Hồ sơ: %d (%s %d, %s %d, %s %d)", s->candidates, kind_label(DH_KIND_INDIVIDUAL),
	        s->by_kind[DH_KIND_INDIVIDUAL], kind_label(DH_KIND_COLLECTIVE),
	        s->by_kind[DH_KIND_COLLECTIVE], kind_label(DH_KIND_MODEL), s->by_kind[DH_KIND_MODEL]);
	if (s->on_hold)
		fprintf(out, "; đang tạm dừng xét: %d", s->on_hold);
	fputc('\n', out);
	fputs("Theo bước:", out);
	for (int st = 0; st < DH_STAGE__COUNT; st++)
		fprintf(out, "%s %s %d", st ? " ·" : "", stage_label(st), s->by_stage[st]);
	fputc('\n', out);
	fprintf(out, "Đạt số tiêu chí của nhân tố mới: %d\n", s->meeting_new_factor_min);
	fprintf(
	    out, "Bồi dưỡng: %d lượt (%s %d, %s %d, %s %d) cho %d hồ sơ; hỗ trợ vật chất tổng cộng %s đồng\n",
	    s->fostering_total, fostering_kind_label(DH_FOSTER_GUIDANCE), s->fostering[DH_FOSTER_GUIDANCE],
	    fostering_kind_label(DH_FOSTER_ENCOURAGEMENT), s->fostering[DH_FOSTER_ENCOURAGEMENT],
	    fostering_kind_label(DH_FOSTER_MATERIAL), s->fostering[DH_FOSTER_MATERIAL],
	    s->fostered_candidates, stats_money(s->material_total, money));
	fprintf(out, "Đăng ký: %d (", s->registrations_total);
	for (int r = 0; r < 4; r++)
		fprintf(out, "%s%s %d", r ? ", " : "", reg_status_label(r), s->registrations[r]);
	fprintf(out, "); báo không có đăng ký: %d phòng\n", s->nil_returns);
	size_t configured = 0;
	for (size_t i = 0; i < s->n_depts; i++)
		configured += s->depts[i].name != NULL;
	fprintf(out, "Phòng đã trả lời (đăng ký hoặc báo không có): %d/%zu\n", s->departments_answered,
	        configured);
	fprintf(out, "Hội đồng: %d phiên họp; %d lượt bình xét đạt, %d không đạt\n", s->sessions,
	        s->items_passed, s->items_failed);
	fprintf(out, "Quyết định: công nhận %d, tặng Giấy khen %d\n", s->recognition_decisions,
	        s->award_decisions);
	fprintf(out, "Nhân rộng: %d hoạt động (%s %d, %s %d, %s %d), %d lượt người dự\n", s->activities_total,
	        activity_kind_label(DH_ACT_MEETING), s->activities[DH_ACT_MEETING],
	        activity_kind_label(DH_ACT_WEBSITE), s->activities[DH_ACT_WEBSITE],
	        activity_kind_label(DH_ACT_OTHER), s->activities[DH_ACT_OTHER], s->activity_attendees);

	fputs("\nTheo phòng:\n", out);
	stats_cell(out, "Phòng", 34);
	fputs(" Cá nhân Tập thể Mô hình  Tổng Công nhận Đăng ký Trả lời\n", out);
	for (size_t i = 0; i < s->n_depts; i++) {
		const dh_stats_dept *d = &s->depts[i];
		int recognised = 0;
		for (int k = 0; k < DH_CANDIDATE_KINDS; k++)
			recognised += d->count[k][DH_STAGE_RECOGNISED] + d->count[k][DH_STAGE_AWARDED];
		int per_kind[DH_CANDIDATE_KINDS] = {0};
		for (int k = 0; k < DH_CANDIDATE_KINDS; k++)
			for (int st = 0; st < DH_STAGE__COUNT; st++)
				per_kind[k] += d->count[k][st];
		char *name = utf8_sanitize(d->name ? d->name : (d->id[0] ? d->id : "(không ghi phòng)"));
		stats_cell(out, name ? name : d->id, 34);
		free(name);
		const char *answered = !d->name           ? ""
		                       : d->registrations ? "đăng ký"
		                       : d->nil_return    ? "không có"
		                                          : "chưa";
		fprintf(out, " %7d %7d %7d %5d %10d %7d %s\n", per_kind[0], per_kind[1], per_kind[2],
		        d->total, recognised, d->registrations, answered);
	}
}

void stats_print_tsv(const dh_stats *s, FILE *out)
{
	for (size_t i = 0; i < s->n_depts; i++)
		for (int k = 0; k < DH_CANDIDATE_KINDS; k++)
			for (int st = 0; st < DH_STAGE__COUNT; st++)
				if (s->depts[i].count[k][st])
					fprintf(out, "%s\t%s\t%s\t%d\n", s->depts[i].id, kind_name(k),
					        stage_name(st), s->depts[i].count[k][st]);
}
