/* stats.h — the review numbers of one plan year (screen 1, screen 5,
 * `dienhinh stats`).
 *
 * What counts for year Y: candidates whose `year` is Y (deleted ones left
 * out); registrations and nil returns of year Y; fostering entries and
 * replication activities dated in Y (support to a model recognised in an
 * earlier year still counts in the year it was given); decisions of year Y
 * that are not revoked.
 *
 * Where they come from: counters the store keeps with every change
 * (counts.h), one short range of keys at any size; the walk of every
 * record (stats_scan) is kept for a database older than those counters
 * opened read-only, and to check them. */
#ifndef DIENHINH_STATS_H
#define DIENHINH_STATS_H

#include "dienhinh/config.h"
#include "dienhinh/record.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

typedef struct dh_store dh_store;

/* One department's candidates by kind and stage. */
typedef struct dh_stats_dept {
	char *id;         /* department id (config's, or one found in the data) */
	const char *name; /* config's name, or NULL when config lacks the id */
	int count[DH_CANDIDATE_KINDS][DH_STAGE__COUNT];
	int total;
	int registrations; /* active (submitted or accepted) registrations */
	bool nil_return;   /* reported that it has nobody to propose */
	int on_hold;       /* candidates on hold */
} dh_stats_dept;

typedef struct dh_stats {
	int year;
	dh_stats_dept *depts; /* config's departments in order, then others */
	size_t n_depts;
	int by_stage[DH_STAGE__COUNT];
	int by_kind[DH_CANDIDATE_KINDS];
	int candidates;
	int on_hold;
	int meeting_new_factor_min; /* candidates meeting criteria.new_factor_min */
	int fostering[3];           /* entries by dh_fostering_kind */
	int fostering_total;
	int64_t material_total;  /* VND given as material support */
	int fostered_candidates; /* distinct candidates that got any fostering */
	int registrations[4];    /* by dh_reg_status */
	int registrations_total;
	int registrations_unchecked; /* submitted, completeness not checked yet */
	int nil_returns;
	int departments_answered; /* config departments with a registration or a nil return */
	int recognition_decisions;
	int award_decisions;
	int activities[3]; /* by dh_activity_kind */
	int activities_total;
	int activity_attendees;
	int sessions;
	int items_passed;
	int items_failed;
	int provincial[DH_STAGE__COUNT]; /* candidates aiming at provincial level, by stage */
} dh_stats;

/* The numbers of YEAR into OUT (to stats_free), from the counters. CFG
 * may be NULL (then departments are only those found in the data).
 * Departments: config's in its order, then others the data names, by id. */
int stats_compute(dh_store *st, const dh_config *cfg, int year, dh_stats *out);
/* The same numbers from a walk of every record (what the counters must
 * agree with; seconds at a million records). */
int stats_scan(dh_store *st, const dh_config *cfg, int year, dh_stats *out);
void stats_free(dh_stats *s);
/* Where A and B differ, in Vietnamese ("Hồ sơ theo bước «Đang bồi dưỡng»:
 * 5 và 6; ..."), into BUF; the number of differences (0: the same). */
int stats_diff(const dh_stats *a, const dh_stats *b, char *buf, size_t size);
/* The readable report (Vietnamese). */
void stats_print_text(const dh_stats *s, FILE *out);
/* One line per department, kind and stage with records:
 * "department_id\tkind\tstage\tcount". */
void stats_print_tsv(const dh_stats *s, FILE *out);

#endif
