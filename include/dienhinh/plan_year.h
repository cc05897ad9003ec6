/* plan_year.h — each plan year keeps its own plan.
 *
 * The Office runs 2021, 2022, … on one database, changing the config each
 * year. So that a past year reads with its own deadlines, criteria,
 * council and numbering rather than today's, the store keeps the plan of
 * every year it has seen: a DH_R_PLAN record per year holding the config
 * file's text as it was in use (plan_year_keep, at each writable open:
 * created the first time a year is seen, updated with an audit entry when
 * that year's file changed, so the record holds the plan the year ended
 * with). An empty database (no candidate yet) records nothing: the demo
 * and an import start from an empty store, and the first writable open
 * after them records the year. A database made before this existed has
 * its current year recorded at its first writable open, the same way; the
 * years before it have no plan of their own and say so.
 *
 * A past year is then read through plan_year_open: the stored text loaded
 * as a config (the same checks as any config), used for what describes
 * the plan — title, deadlines, criteria, departments, council — while who
 * the user is and what they may do stay with the config in use.
 *
 * Carrying forward (what the next year starts with) is a query rule, not
 * a copy: see plan_year_carried. */
#ifndef DIENHINH_PLAN_YEAR_H
#define DIENHINH_PLAN_YEAR_H

#include "dienhinh/config.h"
#include "dienhinh/record.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct dh_store dh_store;

/* Record CFG (the text of cfg->path) as the plan of cfg->plan.year, by
 * ACTOR, unless the store already holds that very text for that year or
 * has no candidate yet. *WRITTEN (may be NULL): whether a record was
 * written. A config that did not come from a readable file records
 * nothing (0). */
int plan_year_keep(dh_store *st, const dh_config *cfg, const char *actor, bool *written);

/* The stored plan of YEAR loaded as a config into *OUT (config_free).
 * DH_ENOTFOUND when the store has none for YEAR; DH_ECONFIG when the
 * stored text no longer loads (a later program's stricter check). */
int plan_year_open(dh_store *st, int year, dh_config **out);

/* The years with a stored plan, ascending, at most MAX into YEARS; *N is
 * how many there are. */
int plan_year_list(dh_store *st, int *years, size_t max, size_t *n);

/* "Kế hoạch năm 2021: TITLE" and its deadlines, one a line, for
 * `stats --year` of a year other than the config's. */
void plan_year_print(const dh_config *plan, FILE *out);

/* Carry forward, as a rule of the lists rather than copies of records:
 * a candidate of a year before YEAR still counts in YEAR's working lists
 * when its work is not done — a model recognised (not yet awarded)
 * that aims at provincial level stays in the follow-up toward provincial
 * level (screen 4), and a new factor or one being fostered stays in
 * fostering with its log (screen 2). Its `year` stays the year it was
 * registered in (until it is nominated in a later year: then it moves
 * there, see plan_year_change_allowed). */
bool plan_year_carried(const dh_candidate *c, int year);

/* Past years are read-only except for revocation. A record belongs to
 * the year it names (`year`; a fostering entry or an activity, the year
 * of its date; a vote item, its session's: PARENT_YEAR). A change that
 * would touch a record of a year before YEAR (the plan year in use), as
 * it was (BEFORE, NULL when new) or as it would be (AFTER), is refused
 * with a sentence naming that year in MSG — except:
 * - revoking a decision (the caller lets that action through whole: it
 *   moves the decision's candidates back as well);
 * - on a candidate, setting or lifting a hold, and the follow-up toward
 *   provincial level (aims_provincial, its notes): the law lets a hold be
 *   put on anyone being disciplined, inspected or complained about, and
 *   neither changes what the year decided;
 * - a candidate carried forward (plan_year_carried), whose work goes on
 *   (one made now for a past year is not: it is refused).
 * A carried candidate nominated in a later year moves to that year (the
 * workflow sets its `year`), so its council and decision are of the year
 * that considers it. */
int plan_year_of(dh_rtype type, const void *rec); /* 0: it names none */
bool plan_year_change_allowed(int year, dh_rtype type, const void *before, const void *after, int parent_year,
                              char *msg, size_t size);

#endif
