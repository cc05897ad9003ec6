/* plan_year.c — the plan of every year the store has seen, and the rules
 * that follow from a plan year moving on (see plan_year.h). */
#include "dienhinh/plan_year.h"

#include "dienhinh/buf.h"
#include "dienhinh/date.h"
#include "dienhinh/error.h"
#include "dienhinh/repo.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define PLAN_MAX_BYTES (1024 * 1024) /* as config_load's own limit */

/* --- finding a year's plan ---------------------------------------------- */

typedef struct find_ctx {
	int year;
	dh_plan *found; /* a copy */
	int err;
} find_ctx;

static int find_cb(const void *rec, void *p)
{
	find_ctx *f = p;
	const dh_plan *pl = rec;
	if (pl->meta.deleted || pl->year != f->year)
		return 0;
	record_free(DH_R_PLAN, f->found);
	if (!(f->found = record_dup(DH_R_PLAN, pl))) {
		f->err = DH_ENOMEM;
		return 1;
	}
	return 1;
}

/* --- keeping ----------------------------------------------------------- */

typedef struct keep_ctx {
	const dh_config *cfg;
	const char *source;
	dh_plan *rec; /* what this attempt writes (kept until the write returns) */
	bool written;
} keep_ctx;

static int keep_fn(dh_repo_tx *tx, void *p)
{
	keep_ctx *k = p;
	record_free(DH_R_PLAN, k->rec);
	k->rec = NULL;
	k->written = false;
	int rc;
	find_ctx f = {.year = k->cfg->plan.year};
	if ((rc = repo_tx_each(tx, DH_R_PLAN, find_cb, &f)) || (rc = f.err)) {
		record_free(DH_R_PLAN, f.found);
		return rc;
	}
	if (f.found && f.found->source && strcmp(f.found->source, k->source) == 0 && f.found->path &&
	    k->cfg->path && strcmp(f.found->path, k->cfg->path) == 0) {
		record_free(DH_R_PLAN, f.found);
		return 0;
	}
	dh_plan *pl = f.found ? f.found : calloc(1, sizeof(*pl));
	if (!pl)
		return DH_ENOMEM;
	k->rec = pl;
	free(pl->title);
	free(pl->path);
	free(pl->source);
	pl->year = k->cfg->plan.year;
	pl->title = k->cfg->plan.title ? strdup(k->cfg->plan.title) : NULL;
	pl->path = k->cfg->path ? strdup(k->cfg->path) : NULL;
	pl->source = strdup(k->source);
	if (!pl->source || (k->cfg->plan.title && !pl->title) || (k->cfg->path && !pl->path))
		return DH_ENOMEM;
	char note[200];
	snprintf(note, sizeof(note),
	         pl->meta.id ? "kế hoạch năm %d thay đổi: lưu bản đang dùng (%s)"
	                     : "lưu kế hoạch năm %d như cấu hình đang dùng (%s)",
	         pl->year, pl->path ? pl->path : "");
	if ((rc = repo_tx_put(tx, "plan", note, DH_R_PLAN, pl)))
		return rc;
	k->written = true;
	return 0;
}

int plan_year_keep(dh_store *st, const dh_config *cfg, const char *actor, bool *written)
{
	if (written)
		*written = false;
	if (!st || !cfg || !cfg->plan.year)
		return 0;
	uint64_t last = 0;
	int rc = repo_last_id(st, DH_R_CANDIDATE, &last);
	if (rc || !last)
		return rc; /* nothing yet of any year: nothing to read back */
	size_t len = 0;
	char *source = buf_read_file(cfg->path, PLAN_MAX_BYTES, &len);
	if (!source || strlen(source) != len) {
		free(source);
		return 0;
	}
	/* The same text as stored: a read, no write (every open does this). */
	find_ctx f = {.year = cfg->plan.year};
	rc = repo_each(st, DH_R_PLAN, find_cb, &f);
	if (!rc)
		rc = f.err;
	bool same = !rc && f.found && f.found->source && strcmp(f.found->source, source) == 0 &&
	            f.found->path && cfg->path && strcmp(f.found->path, cfg->path) == 0;
	record_free(DH_R_PLAN, f.found);
	if (rc || same) {
		free(source);
		return rc;
	}
	keep_ctx k = {.cfg = cfg, .source = source};
	rc = repo_write(st, actor && *actor ? actor : "dienhinh", keep_fn, &k);
	if (!rc && written)
		*written = k.written;
	record_free(DH_R_PLAN, k.rec);
	free(source);
	return rc;
}

/* --- reading ----------------------------------------------------------- */

int plan_year_open(dh_store *st, int year, dh_config **out)
{
	*out = NULL;
	find_ctx f = {.year = year};
	int rc = st ? repo_each(st, DH_R_PLAN, find_cb, &f) : DH_ENOTFOUND;
	if (!rc)
		rc = f.err;
	if (!rc && (!f.found || !f.found->source))
		rc = DH_ENOTFOUND;
	if (rc) {
		record_free(DH_R_PLAN, f.found);
		return rc;
	}
	char name[64];
	snprintf(name, sizeof(name), "kế hoạch năm %d đã lưu", year);
	dh_diag diag = {0};
	rc = config_load_buffer(name, f.found->source, strlen(f.found->source), out, &diag);
	diag_free(&diag);
	record_free(DH_R_PLAN, f.found);
	if (rc) {
		*out = NULL;
		return DH_ECONFIG;
	}
	return 0;
}

typedef struct list_ctx {
	int *years;
	size_t max, n;
} list_ctx;

static int list_cb(const void *rec, void *p)
{
	list_ctx *l = p;
	const dh_plan *pl = rec;
	if (pl->meta.deleted)
		return 0;
	size_t i = 0;
	size_t have = l->n < l->max ? l->n : l->max;
	while (i < have && l->years[i] < pl->year)
		i++;
	if (i < have && l->years[i] == pl->year)
		return 0;
	if (have < l->max) {
		memmove(l->years + i + 1, l->years + i, (have - i) * sizeof(int));
		l->years[i] = pl->year;
	}
	l->n++;
	return 0;
}

int plan_year_list(dh_store *st, int *years, size_t max, size_t *n)
{
	list_ctx l = {years, max, 0};
	int rc = repo_each(st, DH_R_PLAN, list_cb, &l);
	*n = l.n;
	return rc;
}

void plan_year_print(const dh_config *plan, FILE *out)
{
	char d[11];
	fprintf(out, "Kế hoạch năm %d: %s\n", plan->plan.year, plan->plan.title ? plan->plan.title : "");
	if (plan->n_deadlines)
		fprintf(out, "Thời hạn của năm %d:\n", plan->plan.year);
	for (size_t i = 0; i < plan->n_deadlines; i++) {
		const dh_deadline *dl = &plan->deadlines[i];
		fprintf(out, "  %s  %s\n", date_vn(dl->date, d), dl->label ? dl->label : dl->id);
	}
	fprintf(out, "\n");
}

/* --- carrying forward -------------------------------------------------- */

bool plan_year_carried(const dh_candidate *c, int year)
{
	if (!c || c->meta.deleted || !c->year || c->year >= year)
		return false;
	if (c->stage == DH_STAGE_NEW_FACTOR || c->stage == DH_STAGE_FOSTERING)
		return true;
	return (c->stage == DH_STAGE_RECOGNISED || c->stage == DH_STAGE_AWARDED) && c->aims_provincial;
}

/* --- past years read-only ---------------------------------------------- */

static int year_of_date(int ymd)
{
	return ymd > 0 ? ymd / 10000 : 0;
}

int plan_year_of(dh_rtype type, const void *rec)
{
	if (!rec)
		return 0;
	switch (type) {
	case DH_R_CANDIDATE: return ((const dh_candidate *)rec)->year;
	case DH_R_FOSTERING: return year_of_date(((const dh_fostering *)rec)->date);
	case DH_R_REGISTRATION: return ((const dh_registration *)rec)->year;
	case DH_R_NIL_RETURN: return ((const dh_nil_return *)rec)->year;
	case DH_R_SESSION: return ((const dh_session *)rec)->year;
	case DH_R_PROPOSAL: return ((const dh_proposal *)rec)->year;
	case DH_R_DECISION: return ((const dh_decision *)rec)->year;
	case DH_R_CEREMONY: return ((const dh_ceremony *)rec)->year;
	case DH_R_ACTIVITY: return year_of_date(((const dh_activity *)rec)->date);
	case DH_R_REVIEW: return ((const dh_review *)rec)->year;
	case DH_R_DISSEMINATION: return ((const dh_dissemination *)rec)->year;
	case DH_R_COORDINATION: return ((const dh_coordination *)rec)->year;
	default: return 0;
	}
}

/* What may change on a candidate of a past year: a hold (set or lifted:
 * the law lets a hold be put on anyone, and it changes no result of the
 * year) and the follow-up toward provincial level (it looks ahead). */
static const char *const past_candidate_fields[] = {
    "on_hold", "hold_reason", "hold_kind", "counts_from", "aims_provincial", "followup_notes",
};

static bool only_allowed_fields(dh_rtype type, const void *before, const void *after)
{
	if (type != DH_R_CANDIDATE || !before || !after)
		return false;
	char *diff = record_diff(type, before, after);
	if (!diff)
		return false;
	bool ok = true;
	for (char *tok = diff; ok && *tok;) {
		size_t n = strcspn(tok, ",");
		bool known = false;
		for (size_t i = 0; i < sizeof(past_candidate_fields) / sizeof(*past_candidate_fields); i++)
			known |= strlen(past_candidate_fields[i]) == n &&
			         strncmp(past_candidate_fields[i], tok, n) == 0;
		ok = known;
		tok += n;
		if (*tok == ',')
			tok++;
	}
	free(diff);
	return ok;
}

/* REC as it stands may be written in plan year YEAR: of this year or
 * later, naming no year, or a candidate carried forward. */
static bool open_in(int year, dh_rtype type, const void *rec, int rec_year)
{
	if (!rec || !rec_year || rec_year >= year)
		return true;
	return type == DH_R_CANDIDATE && plan_year_carried(rec, year);
}

bool plan_year_change_allowed(int year, dh_rtype type, const void *before, const void *after, int parent_year,
                              char *msg, size_t size)
{
	if (msg && size)
		msg[0] = '\0';
	int was = before ? plan_year_of(type, before) : 0, is = plan_year_of(type, after);
	if (!was && !is && parent_year)
		was = is = parent_year;
	/* A record made now for a past year is not carried: it is late. */
	bool late = !before && is && is < year;
	if (!year || (!late && open_in(year, type, before, was) && open_in(year, type, after, is)))
		return true;
	if (only_allowed_fields(type, before, after))
		return true;
	int past = was && was < year ? was : is;
	if (msg && size)
		snprintf(msg, size,
		         "Năm %d đã qua (kế hoạch đang dùng là năm %d): %s của năm %d chỉ được xem. Với "
		         "năm đã qua chỉ được thu hồi quyết định, tạm dừng xét hoặc bỏ tạm dừng, và theo "
		         "dõi hồ sơ lên cấp tỉnh.",
		         past, year, record_type_label(type), past);
	return false;
}
