/* demo.h — realistic sample data for trying the program and for measuring
 * it: candidates of every kind across the config's departments and five
 * plan years, at every stage, with the history each stage implies
 * (fostering, registrations, council sessions with votes, proposals,
 * recognition and award decisions, ceremonies, replication activities,
 * reviews, dissemination) and nil returns where a department proposed
 * nobody. Names come from Vietnamese family, middle and given names; model
 * titles read like an Inspectorate's ("Mô hình tiếp công dân …").
 *
 * The same seed gives the same data. Records are written in batches of
 * thousands per transaction, so a million candidates take seconds. */
#ifndef DIENHINH_DEMO_H
#define DIENHINH_DEMO_H

#include "dienhinh/workflow.h"

#include <stddef.h>
#include <stdint.h>

#define DEMO_MAX_RECORDS 10000000

typedef struct dh_demo_opts {
	size_t records; /* candidates to make */
	uint64_t seed;
} dh_demo_opts;

typedef struct dh_demo_result {
	size_t candidates;
	size_t records; /* every record written, candidates included */
} dh_demo_result;

/* Fills the store of CTX. Needs the import permission (DH_EPERM) and an
 * empty store (DH_EINVAL, ctx->message says why); checked inside the first
 * write transaction, so two demos cannot both start. */
int demo_generate(dh_ctx *ctx, const dh_demo_opts *opts, dh_demo_result *res);

#endif
