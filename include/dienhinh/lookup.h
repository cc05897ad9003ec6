/* lookup.h — tone-mark-smart search over candidates of every year
 * (DESIGN.md §7): the word index kept in DH_T_WORDS, and the query engine
 * that screen 7 and `dienhinh search` share. */
#ifndef DIENHINH_LOOKUP_H
#define DIENHINH_LOOKUP_H

#include "dienhinh/record.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct dh_stxn dh_stxn;
typedef struct dh_store dh_store;
typedef struct dh_config dh_config;

/* Called by repo inside the write transaction of every change: updates the
 * index for a record going from BEFORE (NULL when new) to AFTER. Types that
 * are not searched return 0 at once. */
int lookup_reindex(dh_stxn *txn, dh_rtype type, const void *before, const void *after);

typedef struct dh_lookup_opts {
	bool recognised_only; /* stages recognised and awarded only */
	size_t limit;         /* 0 = no limit */
	const dh_config *cfg; /* department names (may be NULL) */
} dh_lookup_opts;

typedef struct dh_hit {
	uint64_t id; /* candidate id */
	int score;   /* higher is better */
} dh_hit;

/* Hits best first in a malloc'd array (*N may be 0). */
int lookup_search(dh_store *st, const char *query, const dh_lookup_opts *opts, dh_hit **hits, size_t *n);

#endif
