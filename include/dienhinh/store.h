/* store.h — the LMDB environment as tables of bytes.
 *
 * The only module that includes lmdb.h. It owns the environment's life:
 * creating the directory group-writable, the schema version, growing the map
 * on MDB_MAP_FULL, adopting another process's growth (MDB_MAP_RESIZED),
 * clearing stale readers, retrying a full reader table, close-on-exec on the
 * data file, and the compacting backup. Callers express a transaction as a
 * function so that a recoverable error can re-run it whole.
 *
 * Keys are built big-endian (store_key_*) so byte order is numeric order and
 * ranges are cursor walks. Nothing here knows what a record is. */
#ifndef DIENHINH_STORE_H
#define DIENHINH_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct dh_store dh_store;
typedef struct dh_stxn dh_stxn;

typedef enum dh_table {
	DH_T_META = 0, /* "schema", "quiet" (and "seq:<type>", "gen" of old) */
	DH_T_RECORDS,  /* type u8 | id u64 -> encoded record */
	DH_T_LINKS,    /* child type u8 | parent id u64 | child id u64 -> "" */
	DH_T_AUDIT,    /* seq u64 -> encoded dh_audit */
	DH_T_WORDS,    /* lookup index, owned by core/lookup */
	DH_T_DRAFTS,   /* login -> encoded dh_draft */
	DH_T_FRESH,    /* lookup: candidates whose postings wait, owned by
	                  core/lookup (absent from older databases opened
	                  read-only: read as empty) */
	DH_T_COUNTS,   /* the review numbers as counters, owned by
	                  core/counts (schema 3; absent, read as empty, from
	                  an older database opened read-only) */
	DH_T__COUNT
} dh_table;

/* 1: the first. 2: audit entries are chained (verify.h): a program of
 * schema 1 would write entries outside the chain, so it refuses a database
 * of schema 2 as newer. 3: the review numbers are counters kept with every
 * change (counts.h): a program of schema 2 would change records without
 * them, so it refuses a database of schema 3. 4: the counters keep the
 * provincial aim by stage as well (an earlier year's models followed
 * toward provincial level count in a later year's overview). */
#define DH_SCHEMA_VERSION 4u

/* One schema step the store cannot take alone (it knows no records): bring
 * the data from version FROM to FROM + 1, inside TXN, the write transaction
 * that then records the new version. Like any write function it may run
 * again from the start (the map grew). */
typedef int (*dh_migrate_fn)(dh_stxn *txn, uint64_t from, void *ctx);

typedef struct dh_store_opts {
	size_t map_size; /* initial map size in bytes; 0 = default (64 MiB) */
	bool read_only;
	/* Reader table size (storage.max_readers); 0 = default (1024). LMDB
	 * sizes lock.mdb when the first process opens the environment: later
	 * ones use the table as it is, and it never shrinks. */
	unsigned max_readers;
	/* Takes a writable database of an older schema to DH_SCHEMA_VERSION
	 * at open, all steps in one write transaction (repo_open passes the
	 * record layer's). Without it such a database is refused with
	 * DH_EVERSION; read-only, it is opened as it is (store_schema). */
	dh_migrate_fn migrate;
	void *migrate_ctx;
	/* DIR names the data file itself (a backup being checked): opened
	 * read-only only, with no lock file (nobody else has it open). */
	bool single_file;
} dh_store_opts;

/* Open or create the environment in DIR (created mode 2770 when missing).
 * DH_EVERSION when the database's schema is newer than DH_SCHEMA_VERSION;
 * read-only, DH_ENOTFOUND when there is none yet (an empty data.mdb, as
 * `make install` leaves it, is none yet too). Initialises libsodium (the
 * audit chain's SHA-256) too. */
int store_open(dh_store **out, const char *dir, const dh_store_opts *opts);
/* The database's schema version: DH_SCHEMA_VERSION but for an older
 * database opened read-only. */
uint64_t store_schema(const dh_store *st);
void store_close(dh_store *st);
/* The library's own words for the last environment-level failure met
 * ("data: Permission denied"), for a message after the Vietnamese one; ""
 * when there was none. */
const char *store_last_error(void);
/* Bytes read back from table T under KEY are out of bounds (WHAT says
 * how, in Vietnamese): sets store_last_error to a message naming the
 * table and the key, and returns DH_ECORRUPT. */
int store_corrupt(dh_table t, const void *key, size_t klen, const char *what);

typedef int (*dh_txn_fn)(dh_stxn *txn, void *ctx);

/* Run FN in a short read transaction. */
int store_read(dh_store *st, dh_txn_fn fn, void *ctx);
/* Run FN in a write transaction and commit when it returns 0; abort on any
 * other return. On MDB_MAP_FULL the map is grown and FN re-run from the
 * start (FN must therefore not keep state outside the transaction between
 * attempts, or must reset it at entry). Moves the generation by one when
 * it commits a change. */
int store_write(dh_store *st, dh_txn_fn fn, void *ctx);
/* store_write that leaves the generation where it is: for writes no other
 * screen shows (drafts), so that sessions do not reload for them. */
int store_write_quiet(dh_store *st, dh_txn_fn fn, void *ctx);

/* *VAL points into the map: valid until the transaction ends. */
int store_get(dh_stxn *txn, dh_table t, const void *key, size_t klen, const void **val, size_t *vlen);
int store_put(dh_stxn *txn, dh_table t, const void *key, size_t klen, const void *val, size_t vlen);
int store_del(dh_stxn *txn, dh_table t, const void *key, size_t klen); /* ok when absent */
/* store_put for a key expected past every key of the table (a new id, an
 * audit sequence): the table's last page is filled before another starts.
 * A key that is not past the last is put as store_put would. */
int store_append(dh_stxn *txn, dh_table t, const void *key, size_t klen, const void *val, size_t vlen);
/* The last key that starts with PREFIX (NULL, 0 = of the table):
 * DH_ENOTFOUND when none. *KEY points into the map, valid until the
 * transaction ends or writes again. */
int store_last_key(dh_stxn *txn, dh_table t, const void *prefix, size_t plen, const void **key, size_t *klen);
/* The id that ends the last key starting with PREFIX (NULL, 0 = of the
 * table), keys being PREFIX then a u64 (store_put_u64): 0 when there is
 * none, DH_ECORRUPT when that key is not PLEN + 8 bytes. */
int store_last_id(dh_stxn *txn, dh_table t, const void *prefix, size_t plen, uint64_t *out);
/* The u64 (store_put_u64) stored under KEY: *HAS false and 0 when absent,
 * DH_ECORRUPT when the value is not 8 bytes. */
int store_get_number(dh_stxn *txn, dh_table t, const void *key, size_t klen, bool *has, uint64_t *out);
/* Every key of table T removed (a table made again from the records). */
int store_clear(dh_stxn *txn, dh_table t);

/* Walk keys that start with PREFIX (NULL, 0 = all), in key order, or in
 * reverse when REVERSE. FROM (may be NULL) is where to start: the first key
 * >= FROM (or <= FROM in reverse). CB returns 0 to go on, 1 to stop, <0 for
 * an error that is returned. */
typedef int (*dh_scan_fn)(const void *key, size_t klen, const void *val, size_t vlen, void *ctx);
int store_scan(dh_stxn *txn, dh_table t, const void *prefix, size_t plen, const void *from, size_t flen,
               bool reverse, dh_scan_fn cb, void *ctx);
/* The same from the first (or last) key for a walk that reads only keys. */
typedef int (*dh_key_fn)(const void *key, size_t klen, void *ctx);
int store_scan_keys(dh_stxn *txn, dh_table t, const void *prefix, size_t plen, bool reverse, dh_key_fn cb,
                    void *ctx);
/* Number of entries in a table. */
int store_count(dh_stxn *txn, dh_table t, uint64_t *out);

/* Next value of a named u64 counter in DH_T_META (first call returns 1). */
int store_next_seq(dh_stxn *txn, const char *name, uint64_t *out);
/* The commit generation: grows with every write transaction that commits
 * a change in any process (but store_write_quiet), so a screen can poll it
 * cheaply to know when to reload. It is LMDB's transaction id less the
 * quiet commits: an ordinary write does not have to touch META for it. */
int store_generation(dh_store *st, uint64_t *out);

/* What a backup checks on its copy before the copy takes a backup's place:
 * the copy opened read-only on its own (store_open's single_file), and
 * CTX. 0 keeps it; any other value throws the copy away and is returned. */
typedef int (*dh_backup_check_fn)(dh_store *copy, void *ctx);

typedef struct dh_backup_opts {
	/* 0: the copy is DEST/data.mdb (refused when a whole one is there).
	 * N: DEST holds dated folders, DEST/dienhinh-2021-11-05T1830[-2...]/
	 * data.mdb, and the N newest are kept. */
	unsigned keep;
	dh_backup_check_fn check;
	void *check_ctx;
	int64_t now; /* the dated folder's time, seconds since the epoch (0: now) */
} dh_backup_opts;

typedef struct dh_backup_result {
	char folder[4352]; /* the folder the copy is in (DEST, or its dated folder) */
	unsigned removed;  /* older dated copies removed */
} dh_backup_result;

/* Compacting consistent copy while others keep working: written into DEST
 * (made, group-shared, when missing) under a name nobody opens as a
 * database, flushed, checked (O->check), then renamed into place and the
 * folder flushed. A killed or failed backup leaves no data.mdb and no
 * dated folder with one; the next into the same DEST removes what it left.
 * Two backups into one DEST at once: the second is DH_EBUSY. RES (may be
 * NULL) says where the copy went. */
int store_backup_ex(dh_store *st, const char *dest, const dh_backup_opts *o, dh_backup_result *res);
/* store_backup_ex into DEST itself, unchecked. */
/* Staging ------------------------------------------------------------
 *
 * Keys of one table written over many transactions that other processes
 * must not see until one last small transaction publishes them (a large
 * import, core/import). The range LO..HI (keys compared as LMDB does:
 * bytes, then length) is recorded in META "stage" and skipped by every
 * read of that table — store_get, store_scan, store_last_key — in every
 * dh_store but the one holding the stage lock: a file beside data.mdb
 * (stage.lock) locked with flock, which the kernel lets go when its
 * process dies however it dies. So a marker whose lock nobody holds is
 * left by a process that is gone, and its keys are garbage to clear. */
enum { DH_STAGE_KEY_MAX = 32, DH_STAGE_OWNER_MAX = 200 };
typedef struct dh_stage_mark {
	dh_table table;
	unsigned char lo[DH_STAGE_KEY_MAX], hi[DH_STAGE_KEY_MAX];
	size_t lo_len, hi_len;
	/* Who stages, for the message another one gets: opaque bytes. */
	unsigned char owner[DH_STAGE_OWNER_MAX];
	size_t owner_len;
} dh_stage_mark;

/* Takes the stage lock, without waiting: 0, DH_EBUSY when a live process
 * holds it, DH_EIO when the file cannot be made (store_last_error). The
 * store then sees staged keys; store_close lets the lock go. */
int store_stage_lock(dh_store *st);
void store_stage_unlock(dh_store *st);
bool store_stage_locked(const dh_store *st);
/* Inside a write: the marker set (the lock must be held: DH_EINVAL),
 * read (DH_ENOTFOUND when none) or removed. */
int store_stage_set(dh_stxn *txn, const dh_stage_mark *m);
int store_stage_get(dh_stxn *txn, dh_stage_mark *out);
int store_stage_clear(dh_stxn *txn);
/* Whether KEY of table T is staged and hidden from this transaction. */
bool store_hidden(dh_stxn *txn, dh_table t, const void *key, size_t klen);

/* Compacting consistent copy into DEST (a new or empty directory) while
 * others keep working. */
int store_backup(dh_store *st, const char *dest);

/* Lets go of the pages of the data file this process has read (they stay
 * in the page cache, and come back when read again): a long run of writes
 * (an import) touches most of the file, and its resident memory would grow
 * with it. Between transactions only (DH_EBUSY inside one). */
int store_forget_pages(dh_store *st);

typedef struct dh_store_info {
	size_t map_size;
	size_t used_bytes;
	unsigned readers;
	unsigned max_readers;
} dh_store_info;
int store_info(dh_store *st, dh_store_info *out);

/* Big-endian key building. */
static inline void store_put_u64(unsigned char *p, uint64_t v)
{
	for (int i = 7; i >= 0; i--) {
		p[i] = (unsigned char)(v & 0xff);
		v >>= 8;
	}
}
static inline uint64_t store_get_u64(const unsigned char *p)
{
	uint64_t v = 0;
	for (int i = 0; i < 8; i++)
		v = (v << 8) | p[i];
	return v;
}

#endif
