/* stats.c — the review numbers of one plan year (stats.h). */
#include "dienhinh/stats.h"

#include "dienhinh/error.h"
#include "dienhinh/repo.h"
#include "dienhinh/utf8.h"
#include "dienhinh/workflow.h"

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
} stats_job;

static int stats_push_id(uint64_t **v, size_t *n, size_t *cap, uint64_t id)
{
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 64;
		uint64_t *nv = realloc(*v, nc * sizeof(*nv));
		if (!nv)
			return DH_ENOMEM;
		*v = nv;
		*cap = nc;
	}
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
static dh_stats_dept *stats_dept(stats_job *j, const char *id)
{
	dh_stats *s = j->s;
	if (!id)
		id = "";
	if (j->last_dept < s->n_depts && strcmp(s->depts[j->last_dept].id, id) == 0)
		return &s->depts[j->last_dept];
	for (size_t i = 0; i < s->n_depts; i++) {
		if (strcmp(s->depts[i].id, id) == 0) {
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
	if (!(d->id = strdup(id)))
		return NULL;
	j->last_dept = s->n_depts++;
	return d;
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
	if (c->on_hold)
		j->s->on_hold++;
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

int stats_compute(dh_store *st, const dh_config *cfg, int year, dh_stats *out)
{
	memset(out, 0, sizeof(*out));
	out->year = year;
	stats_job j = {.s = out, .cfg = cfg};
	int rc = 0;
	if (cfg) {
		for (size_t i = 0; i < cfg->n_departments && !rc; i++) {
			dh_stats_dept *d = stats_dept(&j, cfg->departments[i].id);
			if (!d)
				rc = DH_ENOMEM;
		}
	}
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
	free(j.fostered);
	free(j.sessions);
	if (rc)
		stats_free(out);
	return rc;
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
