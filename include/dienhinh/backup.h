/* backup.h — `dienhinh backup`: a copy a cron job can trust.
 *
 * The store writes the copy aside, flushes it and renames it into place
 * (store_backup_ex); this module says what "checked" means before it does:
 * the copy, opened read-only on its own, holds as many records as the
 * database held around the copy (at least as many as before it, at most as
 * many as after it: records are never removed), and its audit chain and
 * every record verify (verify_run). A copy that fails is thrown away and
 * nothing of it is left. */
#ifndef DIENHINH_BACKUP_H
#define DIENHINH_BACKUP_H

#include "dienhinh/record.h"

#include <stdint.h>

typedef struct dh_store dh_store;

typedef struct dh_backup_report {
	char folder[4352];               /* where the copy is */
	unsigned removed;                /* older dated copies removed (--keep) */
	uint64_t records;                /* records in the copy */
	uint64_t entries;                /* audit entries checked */
	unsigned char head[DH_HASH_LEN]; /* the copy's last audit entry's hash */
	char message[512];               /* why the check refused the copy ("" otherwise) */
} dh_backup_report;

/* The copy into DEST (KEEP 0: DEST/data.mdb; KEEP N: a dated folder in
 * DEST, the N newest kept), checked. 0; DH_ECORRUPT when the copy failed
 * its check (OUT->message says how); DH_EINVAL when DEST holds a backup
 * already (KEEP 0), DH_EBUSY when another backup is writing into DEST, or
 * the store's errors (store_last_error says more). */
int backup_run(dh_store *st, const char *dest, unsigned keep, dh_backup_report *out);

#endif
