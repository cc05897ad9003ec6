/* store_internal.h — what store.c shares with store_backup.c: the
 * environment and a transaction, and the error helpers. Not for other
 * modules (only src/store includes lmdb.h). */
#ifndef DIENHINH_STORE_INTERNAL_H
#define DIENHINH_STORE_INTERNAL_H

#include "dienhinh/store.h"

#include <lmdb.h>
#include <stdbool.h>
#include <stdint.h>

struct dh_store {
	MDB_env *env;
	MDB_dbi dbi[DH_T__COUNT];
	/* A table a newer program added, not in a database opened read-only:
	 * it reads as empty. */
	bool missing[DH_T__COUNT];
	bool read_only;
	uint64_t schema; /* the version in META "schema" */
	dh_migrate_fn migrate;
	void *migrate_ctx;
	bool writing;    /* a write transaction of ours is open */
	unsigned active; /* transactions of ours open (reads nest) */
	char *dir;
	int stage_fd; /* stage.lock, locked by us; -1 */
};

struct dh_stxn {
	dh_store *st;
	MDB_txn *txn;
	bool write;
	bool map_full; /* a put met MDB_MAP_FULL: grow and run again */
	int err;       /* sticky: the first real failure; refuses the commit */
	/* The staged range this transaction skips, read at its first use. */
	enum { STAGE_UNREAD, STAGE_NONE, STAGE_HIDDEN } stage;
	dh_stage_mark mark;
};

/* What store_last_error says: the last failure's detail. */
extern char store_detail[512];
/* An LMDB code as a dh_err, its detail noted. */
int store_lmdb_err(int rc);
/* errno after WHAT on PATH as a dh_err, its detail noted. */
int store_errno_err(const char *what, const char *path);
/* DIR made (and its parents) with the group's setgid mode, or there. */
int store_make_group_dir(const char *dir);
/* DH_ECORRUPT, its detail noted, when the data file at PATH is cut short
 * or points past its end; 0 otherwise (also when there is none). */
int store_data_file_whole(const char *path);

#endif
