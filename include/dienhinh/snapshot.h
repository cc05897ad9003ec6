/* snapshot.h — what a council session was held under, kept with it.
 *
 * A session is a record of what happened, not a view of today's config:
 * when it is opened, its council (each member's login, name, position,
 * department and council role), the quorum, the vote rule, the recusal
 * rule, the organisation's and the council's names and the plan's title
 * are copied into the session record (snapshot_take). From then on every
 * tally, check and document of that session reads them through a held
 * view (held_open): a dh_config that is the live one except for what the
 * session keeps. A config changed for the next year changes only the
 * sessions opened after it.
 *
 * Sessions stored before snapshots existed are given one from the config
 * in use at the first writable open (snapshot_migrate: once, one write
 * transaction, an audit entry per record, META key "snapshots:1"); so are
 * decisions, with what their documents name (snapshot_take_decision). Until
 * then (a read-only open) they are read under the config in use. */
#ifndef DIENHINH_SNAPSHOT_H
#define DIENHINH_SNAPSHOT_H

#include "dienhinh/config.h"
#include "dienhinh/record.h"

#include <stdbool.h>

typedef struct dh_store dh_store;

/* Copy CFG's council, rules and names into S (rules_held = true); what S
 * held before is replaced. 0 or DH_ENOMEM. */
int snapshot_take(dh_session *s, const dh_config *cfg);

/* A session's rules as a config: CFG (borrowed, shallow) with the
 * session's council, its members first among the people, and its names.
 * Points into S and CFG: both must outlive it. */
typedef struct dh_held {
	dh_config cfg;
	dh_council_member *members; /* owned */
	dh_person *people;          /* owned (the strings are borrowed) */
	dh_award award;             /* a decision's award, as it was named */
} dh_held;

/* Fill H for session S (S NULL or without a snapshot: CFG as it is).
 * 0 or DH_ENOMEM; held_close(H) in both cases. */
int held_open(dh_held *h, const dh_config *cfg, const dh_session *s);
void held_close(dh_held *h);

/* The same for a decision (wf_recognise, wf_award): the signer's name and
 * position, the organisation's names, the head's title, the căn cứ lines,
 * the plan's title, the council's and the award's names. */
int snapshot_take_decision(dh_decision *d, const dh_config *cfg);
int held_open_decision(dh_held *h, const dh_config *cfg, const dh_decision *d);

/* Give every session and decision that has no snapshot one from CFG, once per
 * database (META "snapshots:1"), in one write by ACTOR with an audit
 * entry per record. *DONE (may be NULL) is the number of records given
 * one. 0 when there is nothing to do. */
int snapshot_migrate(dh_store *st, const dh_config *cfg, const char *actor, int *done);

#endif
