/* snapshot.c — the rules a council session is held under, kept in the
 * session record, and the view of them as a config (see snapshot.h). */
#include "dienhinh/snapshot.h"

#include "dienhinh/buf.h"
#include "dienhinh/error.h"
#include "dienhinh/repo.h"

#include <stdlib.h>
#include <string.h>

#define SNAPSHOT_MARK "snapshots:1"

static int set_copy(char **dst, const char *src)
{
	char *c = NULL;
	if (src && !(c = strdup(src)))
		return DH_ENOMEM;
	free(*dst);
	*dst = c;
	return 0;
}

int snapshot_take(dh_session *s, const dh_config *cfg)
{
	const dh_council *c = &cfg->council;
	dh_strlist *lists[] = {&s->held_logins, &s->held_roles, &s->held_names, &s->held_positions,
	                       &s->held_departments};
	for (size_t k = 0; k < sizeof(lists) / sizeof(lists[0]); k++)
		strlist_clear(lists[k]);
	int rc = 0;
	for (size_t i = 0; !rc && i < c->n_members; i++) {
		const dh_council_member *m = &c->members[i];
		const dh_person *p = config_person(cfg, m->login);
		const char *role = config_role_name(m->role ? m->role : DH_ROLE_MEMBER);
		if ((rc = strlist_push(&s->held_logins, m->login)) ||
		    (rc = strlist_push(&s->held_roles, role ? role : "member")) ||
		    (rc = strlist_push(&s->held_names, p && p->name ? p->name : m->login)) ||
		    (rc = strlist_push(&s->held_positions, p && p->position ? p->position : "")))
			break;
		rc = strlist_push(&s->held_departments, p && p->department ? p->department : "");
	}
	if (rc || (rc = set_copy(&s->held_council, c->name)) ||
	    (rc = set_copy(&s->held_org, cfg->organization.name)) ||
	    (rc = set_copy(&s->held_plan_title,
	                   cfg->plan.year == s->year || !s->year ? cfg->plan.title : NULL)))
		return rc;
	s->held_quorum_num = c->quorum.num;
	s->held_quorum_den = c->quorum.den;
	s->held_rule = (int)c->rule;
	s->held_threshold_num = c->threshold.num;
	s->held_threshold_den = c->threshold.den;
	s->held_base = (int)c->base;
	s->held_written_count = c->written_votes_count;
	s->held_recuse_self = c->recuse_self;
	s->held_recuse_department = c->recuse_department;
	s->rules_held = true;
	return 0;
}

/* Entry I of L, or "" (lists made by snapshot_take are parallel; a
 * damaged record may not be). */
static const char *entry(const dh_strlist *l, size_t i)
{
	return i < l->n && l->v[i] ? l->v[i] : "";
}

static char *or_null(const char *s)
{
	return s && *s ? (char *)s : NULL;
}

int held_open(dh_held *h, const dh_config *cfg, const dh_session *s)
{
	memset(h, 0, sizeof(*h));
	h->cfg = *cfg;
	if (!s || !s->rules_held)
		return 0;
	size_t n = s->held_logins.n;
	h->members = calloc(n ? n : 1, sizeof(*h->members));
	h->people = calloc(n + cfg->n_people + 1, sizeof(*h->people));
	if (!h->members || !h->people) {
		held_close(h);
		return DH_ENOMEM;
	}
	/* The session's members first: config_person finds the first match,
	 * so their names and positions are the ones of the session; the rest
	 * of the people (a signer, a department head) as config has them. */
	for (size_t i = 0; i < n; i++) {
		unsigned role = config_role_from_name(entry(&s->held_roles, i));
		h->members[i].login = s->held_logins.v[i];
		h->members[i].role = role ? role : DH_ROLE_MEMBER;
		const dh_person *live = config_person(cfg, s->held_logins.v[i]);
		h->people[i] = (dh_person){
		    .login = s->held_logins.v[i],
		    .name = or_null(entry(&s->held_names, i)),
		    .position = or_null(entry(&s->held_positions, i)),
		    .department = or_null(entry(&s->held_departments, i)),
		    .roles = (live ? live->roles : 0) | h->members[i].role,
		};
		if (!h->people[i].name)
			h->people[i].name = s->held_logins.v[i];
	}
	memcpy(h->people + n, cfg->people, cfg->n_people * sizeof(*cfg->people));
	h->cfg.people = h->people;
	h->cfg.n_people = n + cfg->n_people;

	dh_council *c = &h->cfg.council;
	c->name = s->held_council ? s->held_council : cfg->council.name;
	c->members = h->members;
	c->n_members = n;
	c->quorum = (dh_frac){s->held_quorum_num, s->held_quorum_den};
	c->method = s->method == DH_VOTE_OPEN ? DH_VOTE_OPEN : DH_VOTE_SECRET;
	c->rule = s->held_rule == DH_RULE_AT_LEAST ? DH_RULE_AT_LEAST : DH_RULE_MORE_THAN;
	c->threshold = (dh_frac){s->held_threshold_num, s->held_threshold_den};
	c->base = s->held_base == DH_BASE_PRESENT ? DH_BASE_PRESENT : DH_BASE_MEMBERS;
	c->written_votes_count = s->held_written_count;
	c->recuse_self = s->held_recuse_self;
	c->recuse_department = s->held_recuse_department;
	if (s->held_org)
		h->cfg.organization.name = s->held_org;
	/* The plan's title only for the year it was taken in. */
	h->cfg.plan.year = s->year;
	h->cfg.plan.title = s->held_plan_title;
	return 0;
}

void held_close(dh_held *h)
{
	free(h->members);
	free(h->people);
	memset(h, 0, sizeof(*h));
}

/* --- decisions -------------------------------------------------------------- */

static const dh_person *person_with(const dh_config *cfg, unsigned role)
{
	for (size_t i = 0; i < cfg->n_people; i++)
		if (cfg->people[i].roles & role)
			return &cfg->people[i];
	return NULL;
}

int snapshot_take_decision(dh_decision *d, const dh_config *cfg)
{
	const dh_person *signer = d->signer ? config_person(cfg, d->signer) : NULL;
	const dh_person *chief = person_with(cfg, DH_ROLE_CHIEF);
	if (!signer)
		signer = chief; /* as the document signs when the signer is unknown */
	const char *head = cfg->organization.title && *cfg->organization.title ? cfg->organization.title
	                   : chief && chief->position && *chief->position      ? chief->position
	                                                                       : NULL;
	const char *parent = cfg->organization.parent_short && *cfg->organization.parent_short
	                         ? cfg->organization.parent_short
	                         : cfg->organization.parent;
	const dh_award *aw = NULL;
	if (d->type == DH_DEC_AWARD) {
		aw = d->award_id ? config_award(cfg, d->award_id) : NULL;
		if (!aw && cfg->n_awards)
			aw = &cfg->awards[0];
	}
	int rc;
	if ((rc = set_copy(&d->held_signer_name, signer ? signer->name : NULL)) ||
	    (rc = set_copy(&d->held_signer_position, signer ? signer->position : NULL)) ||
	    (rc = set_copy(&d->held_org, cfg->organization.name)) ||
	    (rc = set_copy(&d->held_org_parent, parent)) ||
	    (rc = set_copy(&d->held_place, cfg->organization.place)) ||
	    (rc = set_copy(&d->held_head_title, head)) ||
	    (rc = set_copy(&d->held_plan_title, cfg->plan.year == d->year ? cfg->plan.title : NULL)) ||
	    (rc = set_copy(&d->held_council, cfg->council.name)) ||
	    (rc = set_copy(&d->held_award_name, aw ? aw->name : NULL)))
		return rc;
	strlist_clear(&d->held_basis);
	for (size_t i = 0; i < cfg->documents.n_basis; i++)
		if ((rc = strlist_push(&d->held_basis, cfg->documents.basis[i])))
			return rc;
	d->held_signer_chief = signer && (signer->roles & DH_ROLE_CHIEF);
	d->rules_held = true;
	return 0;
}

int held_open_decision(dh_held *h, const dh_config *cfg, const dh_decision *d)
{
	memset(h, 0, sizeof(*h));
	h->cfg = *cfg;
	if (!d || !d->rules_held)
		return 0;
	h->people = calloc(cfg->n_people + 1, sizeof(*h->people));
	if (!h->people)
		return DH_ENOMEM;
	/* The signer as the decision names them, found first. */
	h->people[0] = (dh_person){
	    .login = d->signer ? d->signer : "",
	    .name = d->held_signer_name,
	    .position = d->held_signer_position,
	    .roles = d->held_signer_chief ? DH_ROLE_CHIEF : DH_ROLE_LEADER,
	};
	memcpy(h->people + 1, cfg->people, cfg->n_people * sizeof(*cfg->people));
	h->cfg.people = h->people;
	h->cfg.n_people = cfg->n_people + 1;
	h->cfg.organization.name = d->held_org;
	h->cfg.organization.parent = d->held_org_parent;
	h->cfg.organization.parent_short = d->held_org_parent;
	h->cfg.organization.place = d->held_place;
	h->cfg.organization.title = d->held_head_title;
	h->cfg.plan.year = d->year;
	h->cfg.plan.title = d->held_plan_title;
	h->cfg.council.name = d->held_council;
	h->cfg.documents.basis = d->held_basis.v;
	h->cfg.documents.n_basis = d->held_basis.n;
	if (d->held_award_name) {
		h->award = (dh_award){.id = d->award_id ? d->award_id : "", .name = d->held_award_name};
		h->cfg.awards = &h->award;
		h->cfg.n_awards = 1;
	}
	return 0;
}

/* --- migration ------------------------------------------------------------- */

typedef struct migrate_rec {
	dh_rtype type;
	void *rec;
} migrate_rec;

typedef struct migrate_ctx {
	const dh_config *cfg;
	dh_rtype type;  /* what migrate_collect is reading */
	migrate_rec *v; /* records read in this attempt (kept until the write returns) */
	size_t n, cap;
	int done;
} migrate_ctx;

static void migrate_reset(migrate_ctx *m)
{
	for (size_t i = 0; i < m->n; i++)
		record_free(m->v[i].type, m->v[i].rec);
	m->n = 0;
	m->done = 0;
}

static int migrate_collect(const void *rec, void *p)
{
	migrate_ctx *m = p;
	bool held = m->type == DH_R_SESSION ? ((const dh_session *)rec)->rules_held
	                                    : ((const dh_decision *)rec)->rules_held;
	if (held)
		return 0;
	if (buf_reserve(&m->v, &m->cap, m->n + 1, sizeof(*m->v)))
		return DH_ENOMEM;
	void *copy = record_dup(m->type, rec);
	if (!copy)
		return DH_ENOMEM;
	m->v[m->n++] = (migrate_rec){m->type, copy};
	return 0;
}

static int migrate_fn(dh_repo_tx *tx, void *p)
{
	migrate_ctx *m = p;
	bool set;
	int rc;
	migrate_reset(m);
	if ((rc = repo_tx_mark_get(tx, SNAPSHOT_MARK, &set)) || set)
		return rc;
	m->type = DH_R_SESSION;
	if ((rc = repo_tx_each(tx, DH_R_SESSION, migrate_collect, m)))
		return rc;
	m->type = DH_R_DECISION;
	if ((rc = repo_tx_each(tx, DH_R_DECISION, migrate_collect, m)))
		return rc;
	for (size_t i = 0; i < m->n; i++) {
		bool session = m->v[i].type == DH_R_SESSION;
		rc = session ? snapshot_take(m->v[i].rec, m->cfg)
		             : snapshot_take_decision(m->v[i].rec, m->cfg);
		if (rc || (rc = repo_tx_put(
		               tx, "snapshot",
		               session ? "quy định của phiên họp lấy từ cấu hình đang dùng khi nâng cấp"
		                       : "người ký, căn cứ của quyết định lấy từ cấu hình đang dùng khi "
		                         "nâng cấp",
		               m->v[i].type, m->v[i].rec)))
			return rc;
		m->done++;
	}
	return repo_tx_mark_set(tx, SNAPSHOT_MARK);
}

int snapshot_migrate(dh_store *st, const dh_config *cfg, const char *actor, int *done)
{
	bool set = false;
	if (done)
		*done = 0;
	int rc = repo_mark_get(st, SNAPSHOT_MARK, &set);
	if (rc || set)
		return rc;
	migrate_ctx m = {.cfg = cfg};
	rc = repo_write(st, actor && *actor ? actor : "dienhinh", migrate_fn, &m);
	if (!rc && done)
		*done = m.done;
	migrate_reset(&m);
	free(m.v);
	return rc;
}
