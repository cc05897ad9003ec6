/* verify.h — `dienhinh verify`: the audit chain checked from its first
 * entry (what each entry vouches for: verify_chain.h). */
#ifndef DIENHINH_VERIFY_H
#define DIENHINH_VERIFY_H

#include "dienhinh/verify_chain.h"

#include <stdint.h>

typedef struct dh_store dh_store;

typedef struct dh_verify_result {
	uint64_t entries;                /* audit entries checked */
	uint64_t records;                /* records checked */
	uint64_t counters;               /* review counters checked (counts.h) */
	uint64_t seq;                    /* the audit entry the break is named by (0: none) */
	char message[512];               /* what is wrong, in Vietnamese ("" when clean) */
	unsigned char head[DH_HASH_LEN]; /* hash of the last entry (clean) */
} dh_verify_result;

/* Walk the chain from entry 1 and check every link, then every record's
 * latest revision against the entry that last wrote it, then the review
 * counters against the records (counts_check: MESSAGE names the first
 * number that differs, DH_ECORRUPT, seq 0). Short read
 * transactions resumed by key: nobody waits behind it. A change committed
 * meanwhile is not a break: the check starts again (a few times) when one
 * shows. 0 clean, DH_ECORRUPT a break (OUT->message says which and where),
 * DH_EBUSY when writes kept coming through every attempt (OUT->message
 * says so), other errors as the store's (DH_EIO...). */
int verify_run(dh_store *st, dh_verify_result *out);

#endif
