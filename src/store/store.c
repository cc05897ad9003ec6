/* store.c — the LMDB environment (with store_backup.c, the only files
 * that include lmdb.h).
 *
 * Every LMDB code is translated to a dh_err here, once (store_err). The
 * recoverable conditions are handled in two places only: txn_begin (another
 * process grew the map: adopt it; the reader table is full: clear stale
 * readers and back off) and run_write (this transaction filled the map: grow
 * it and run the caller's function again from the start).
 *
 * MDB_NOTLS: the app is single-threaded, but a list callback may well read
 * another record in its own short transaction while the outer read is open
 * (repo_each -> repo_get); without NOTLS LMDB allows one read transaction
 * per thread and the inner one would fail with MDB_BAD_RSLOT. With NOTLS a
 * reader slot belongs to the transaction instead. */
#include "dienhinh/store.h"

#include "dienhinh/error.h"
#include "store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <lmdb.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

enum {
	DEFAULT_MAP_SIZE = 64u << 20,
	/* A session holds one read at a time, two while a list reads a record
	 * in its own: 1024 slots (64 KiB of lock.mdb) serve a few hundred. */
	DEFAULT_MAX_READERS = 1024,
	/* Reader table full: about 1.5 s of backoff in all before DH_EBUSY. */
	READER_RETRIES = 12,
	READER_BACKOFF_MAX_MS = 256,
	/* Map growth by doubling: bounds one write's retries. */
	GROW_RETRIES = 32,
	RESIZE_RETRIES = 8,
};

static const char *const table_names[DH_T__COUNT] = {
    [DH_T_META] = "meta",   [DH_T_RECORDS] = "records", [DH_T_LINKS] = "links", [DH_T_AUDIT] = "audit",
    [DH_T_WORDS] = "words", [DH_T_DRAFTS] = "drafts",   [DH_T_FRESH] = "fresh", [DH_T_COUNTS] = "counts",
};

/* --- errors ------------------------------------------------------------ */

char store_detail[512];

const char *store_last_error(void)
{
	return store_detail;
}

int store_corrupt(dh_table t, const void *key, size_t klen, const char *what)
{
	char hex[2 * 24 + 4];
	size_t n = klen < 24 ? klen : 24, o = 0;
	for (size_t i = 0; i < n; i++)
		o += (size_t)snprintf(hex + o, sizeof(hex) - o, "%02x", ((const unsigned char *)key)[i]);
	if (klen > n)
		snprintf(hex + o, sizeof(hex) - o, "…");
	snprintf(store_detail, sizeof(store_detail), "bảng %s, khóa %s: %s — khôi phục từ bản sao lưu",
	         t >= 0 && t < DH_T__COUNT ? table_names[t] : "?", klen ? hex : "(rỗng)", what);
	return DH_ECORRUPT;
}

int store_lmdb_err(int rc)
{
	if (rc == 0)
		return 0;
	/* What a person can act on, in their words; LMDB's own text beside it. */
	const char *said = rc == ENOSPC || rc == EDQUOT ? "hết chỗ trên đĩa, không ghi được gì"
	                   : rc == EROFS                ? "ổ đĩa chỉ cho đọc"
	                   : rc == EACCES               ? "không có quyền ghi vào thư mục dữ liệu"
	                                                : NULL;
	if (said)
		snprintf(store_detail, sizeof(store_detail), "%s (%s)", said, mdb_strerror(rc));
	else if (rc != MDB_NOTFOUND)
		snprintf(store_detail, sizeof(store_detail), "%s", mdb_strerror(rc));
	switch (rc) {
	case MDB_NOTFOUND: return DH_ENOTFOUND;
	case MDB_KEYEXIST: return DH_ECONFLICT;
	case MDB_MAP_FULL:
	case MDB_READERS_FULL:
	case MDB_MAP_RESIZED:
	case MDB_TXN_FULL:
	case MDB_DBS_FULL: return DH_EBUSY;
	case MDB_VERSION_MISMATCH: return DH_EVERSION;
	case MDB_INVALID:
	case MDB_CORRUPTED:
	case MDB_PAGE_NOTFOUND:
	case MDB_INCOMPATIBLE:
	case MDB_BAD_DBI: return DH_ECORRUPT;
	case MDB_BAD_VALSIZE:
	case EINVAL: return DH_EINVAL;
	case ENOMEM: return DH_ENOMEM;
	default: return DH_EIO;
	}
}

/* LMDB reports a short write of its pages as EIO, which is what a disk
 * filling up looks like: say so when the data file's disk has next to no
 * room left, so the person knows what to do. */
static void explain_short_write(dh_store *st)
{
	int fd;
	struct statvfs fs;
	if (mdb_env_get_fd(st->env, &fd) != 0 || fstatvfs(fd, &fs) != 0)
		return;
	if ((uint64_t)fs.f_bavail * fs.f_frsize < 8u << 20)
		snprintf(store_detail, sizeof(store_detail),
		         "hết chỗ trên đĩa chứa dữ liệu (còn %llu KiB): không ghi được gì, hãy giải phóng "
		         "chỗ rồi làm lại",
		         (unsigned long long)fs.f_bavail * fs.f_frsize / 1024);
}

int store_errno_err(const char *what, const char *path)
{
	snprintf(store_detail, sizeof(store_detail), "%s %.160s: %s", what, path, strerror(errno));
	return errno == ENOMEM ? DH_ENOMEM : DH_EIO;
}

/* Remember a failure in the transaction so that a caller who misses one
 * return code still cannot commit a half-done change. */
static int txn_fail(dh_stxn *t, int rc)
{
	if (rc == MDB_MAP_FULL)
		t->map_full = true;
	int e = store_lmdb_err(rc);
	if (!t->err && rc != MDB_NOTFOUND && rc != MDB_BAD_VALSIZE)
		t->err = e;
	return e;
}

/* --- transactions ------------------------------------------------------ */

static void sleep_ms(unsigned ms)
{
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

static int adopt_map_size(dh_store *st)
{
	/* Remapping under an open read transaction of ours would pull its
	 * pages away: refuse rather than crash. */
	if (st->active)
		return DH_EBUSY;
	return store_lmdb_err(mdb_env_set_mapsize(st->env, 0));
}

static int txn_begin(dh_store *st, unsigned flags, MDB_txn **out)
{
	unsigned backoff = 1;
	int resized = 0, full = 0;
	for (;;) {
		int rc = mdb_txn_begin(st->env, NULL, flags, out);
		if (rc == 0)
			return 0;
		if (rc == MDB_MAP_RESIZED && resized++ < RESIZE_RETRIES) {
			int e = adopt_map_size(st);
			if (e)
				return e;
			continue;
		}
		if (rc == MDB_READERS_FULL && full++ >= READER_RETRIES) {
			MDB_envinfo info;
			unsigned slots = mdb_env_info(st->env, &info) == 0 ? info.me_maxreaders : 0;
			snprintf(
			    store_detail, sizeof(store_detail),
			    "bảng người đọc đã đầy (%u chỗ, mọi chỗ đều của phiên đang chạy): hãy thử lại "
			    "sau ít phút, hoặc tăng storage.max_readers trong cấu hình (có hiệu lực khi "
			    "mọi phiên đã thoát và phiên đầu tiên mở lại)",
			    slots);
			return DH_EBUSY;
		}
		if (rc == MDB_READERS_FULL) {
			int dead = 0;
			mdb_reader_check(st->env, &dead);
			if (!dead) {
				sleep_ms(backoff);
				if (backoff < READER_BACKOFF_MAX_MS)
					backoff *= 2;
			}
			continue;
		}
		return store_lmdb_err(rc);
	}
}

int store_read(dh_store *st, dh_txn_fn fn, void *ctx)
{
	MDB_txn *txn;
	if (!st->active)
		store_detail[0] = 0; /* the detail is this read's own */
	int rc = txn_begin(st, MDB_RDONLY, &txn);
	if (rc)
		return rc;
	dh_stxn t = {.st = st, .txn = txn};
	st->active++;
	rc = fn(&t, ctx);
	mdb_txn_abort(txn);
	st->active--;
	return rc ? rc : t.err;
}

/* The commit generation is LMDB's own transaction id, which every commit
 * in any process moves by one, less the number of quiet commits (drafts)
 * counted in META "quiet": so an ordinary write touches no META page, and
 * only the rare quiet one pays for its counter. */
static int read_quiet_count(dh_stxn *t, uint64_t *out)
{
	bool has;
	return store_get_number(t, DH_T_META, "quiet", 5, &has, out);
}

static int count_quiet_commit(dh_stxn *t)
{
	uint64_t quiet;
	int rc = read_quiet_count(t, &quiet);
	if (rc)
		return rc;
	unsigned char b[8];
	store_put_u64(b, quiet + 1);
	return store_put(t, DH_T_META, "quiet", 5, b, 8);
}

static int grow_map(dh_store *st)
{
	if (st->active)
		return DH_EBUSY;
	MDB_envinfo info;
	int rc = mdb_env_info(st->env, &info);
	if (rc)
		return store_lmdb_err(rc);
	if (info.me_mapsize > SIZE_MAX / 2)
		return DH_EBUSY;
	return store_lmdb_err(mdb_env_set_mapsize(st->env, info.me_mapsize * 2));
}

static int run_write(dh_store *st, dh_txn_fn fn, void *ctx, bool bump)
{
	if (st->read_only) {
		snprintf(store_detail, sizeof(store_detail), "read-only");
		return DH_EIO;
	}
	/* A second write transaction in the same process would wait forever
	 * for the lock the first one holds. */
	if (st->writing)
		return DH_EINVAL;
	for (int attempt = 0;; attempt++) {
		MDB_txn *txn;
		int rc = txn_begin(st, 0, &txn);
		if (rc)
			return rc;
		dh_stxn t = {.st = st, .txn = txn, .write = true};
		st->writing = true;
		st->active++;
		rc = fn(&t, ctx);
		/* A quiet commit moves the transaction id too: count it, so
		 * that the generation stays where it was. */
		if (rc == 0 && !t.err && !bump)
			rc = count_quiet_commit(&t);
		if (rc == 0 && !t.err) {
			int mrc = mdb_txn_commit(txn);
			if (mrc)
				rc = txn_fail(&t, mrc);
			if (mrc == EIO)
				explain_short_write(st);
		} else {
			mdb_txn_abort(txn);
		}
		st->writing = false;
		st->active--;
		if (t.map_full && attempt < GROW_RETRIES) {
			int g = grow_map(st);
			if (g)
				return g;
			continue;
		}
		return rc ? rc : t.err;
	}
}

int store_write(dh_store *st, dh_txn_fn fn, void *ctx)
{
	return run_write(st, fn, ctx, true);
}

int store_write_quiet(dh_store *st, dh_txn_fn fn, void *ctx)
{
	return run_write(st, fn, ctx, false);
}

/* --- open / close ------------------------------------------------------ */

static int open_tables_fn(dh_stxn *t, void *ctx)
{
	(void)ctx;
	dh_store *st = t->st;
	unsigned flags = t->write ? MDB_CREATE : 0;
	int rc = mdb_dbi_open(t->txn, table_names[DH_T_META], flags, &st->dbi[DH_T_META]);
	if (rc)
		return rc == MDB_NOTFOUND ? DH_ENOTFOUND : txn_fail(t, rc);
	const void *v;
	size_t n;
	rc = store_get(t, DH_T_META, "schema", 6, &v, &n);
	if (rc == 0) {
		if (n != 8)
			return DH_ECORRUPT;
		uint64_t version = store_get_u64(v);
		if (version > DH_SCHEMA_VERSION) {
			snprintf(store_detail, sizeof(store_detail), "schema %llu > %u",
			         (unsigned long long)version, DH_SCHEMA_VERSION);
			return DH_EVERSION;
		}
		/* An older one is migrated by store_open once the tables are
		 * open (migrate_fn), in a write transaction of its own. */
		st->schema = version;
	} else if (rc == DH_ENOTFOUND && t->write) {
		unsigned char b[8];
		store_put_u64(b, DH_SCHEMA_VERSION);
		if ((rc = store_put(t, DH_T_META, "schema", 6, b, 8)))
			return rc;
		st->schema = DH_SCHEMA_VERSION;
	} else {
		return rc;
	}
	for (int i = 1; i < DH_T__COUNT; i++) {
		rc = mdb_dbi_open(t->txn, table_names[i], flags, &st->dbi[i]);
		st->missing[i] = rc == MDB_NOTFOUND && st->read_only && i >= DH_T_FRESH;
		if (st->missing[i])
			continue;
		if (rc)
			return rc == MDB_NOTFOUND ? DH_ENOTFOUND : txn_fail(t, rc);
	}
	return 0;
}

/* The reader-side twin of run_write for opening the tables read-only: the
 * handles survive only a committed transaction. */
static int open_tables_read_only(dh_store *st)
{
	MDB_txn *txn;
	int rc = txn_begin(st, MDB_RDONLY, &txn);
	if (rc)
		return rc;
	dh_stxn t = {.st = st, .txn = txn};
	rc = open_tables_fn(&t, NULL);
	if (rc) {
		mdb_txn_abort(txn);
		return rc;
	}
	return store_lmdb_err(mdb_txn_commit(txn));
}

/* The schema steps from the version found to DH_SCHEMA_VERSION, and the
 * new version, in one write transaction: a crash leaves the old schema
 * whole. The version is read again inside it, since another process may
 * have migrated between our read and our write lock. */
static int migrate_fn(dh_stxn *t, void *ctx)
{
	(void)ctx;
	dh_store *st = t->st;
	const void *v;
	size_t n;
	int rc = store_get(t, DH_T_META, "schema", 6, &v, &n);
	if (rc)
		return rc;
	if (n != 8)
		return DH_ECORRUPT;
	uint64_t version = store_get_u64(v);
	if (version >= DH_SCHEMA_VERSION)
		return 0;
	if (!st->migrate) {
		snprintf(store_detail, sizeof(store_detail), "schema %llu < %u", (unsigned long long)version,
		         DH_SCHEMA_VERSION);
		return DH_EVERSION;
	}
	for (uint64_t from = version; from < DH_SCHEMA_VERSION; from++)
		if ((rc = st->migrate(t, from, st->migrate_ctx)))
			return rc;
	unsigned char b[8];
	store_put_u64(b, DH_SCHEMA_VERSION);
	return store_put(t, DH_T_META, "schema", 6, b, 8);
}

/* LMDB opens the data file without close-on-exec (its lock and meta
 * descriptors have it): an editor spawned from a form must not inherit it. */
static int set_cloexec(MDB_env *env)
{
	int fd;
	if (mdb_env_get_fd(env, &fd))
		return DH_EIO;
	int fl = fcntl(fd, F_GETFD);
	if (fl == -1 || fcntl(fd, F_SETFD, fl | FD_CLOEXEC) == -1)
		return store_errno_err("fcntl", "data.mdb");
	return 0;
}

/* mkdir -p for the folders above the environment (ordinary modes). */
static int make_parents(const char *dir)
{
	char *path = strdup(dir);
	if (!path)
		return DH_ENOMEM;
	int rc = 0;
	for (char *p = strchr(path + 1, '/'); p && !rc; p = strchr(p + 1, '/')) {
		*p = 0;
		if (mkdir(path, 0777) == -1 && errno != EEXIST)
			rc = store_errno_err("mkdir", path);
		*p = '/';
	}
	free(path);
	return rc;
}

int store_make_group_dir(const char *dir)
{
	int made = mkdir(dir, 02770);
	if (made == -1 && errno == ENOENT) {
		int rc = make_parents(dir);
		if (rc)
			return rc;
		made = mkdir(dir, 02770);
	}
	if (made == 0) {
		/* mkdir filters the mode through the umask and drops setgid:
		 * set both, so the group shares the folder and its files. */
		if (chmod(dir, 02770) == -1)
			return store_errno_err("chmod", dir);
		return 0;
	}
	if (errno == EEXIST)
		return 0; /* not a folder: mdb_env_open says so */
	return store_errno_err("mkdir", dir);
}

/* An empty data.mdb is an environment nobody has written yet: `make install`
 * leaves one (and an empty lock.mdb) so that root, not the first user who
 * happens to run the program, owns the files. */
static bool data_file_empty(const char *dir)
{
	char path[4096];
	struct stat sb;
	snprintf(path, sizeof(path), "%s/data.mdb", dir);
	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size == 0;
}

/* LMDB's two meta pages (pages 0 and 1) say how many pages the last
 * committed transaction uses and where the roots of its two trees are; the
 * file must hold them. The layout read here is lmdb.h's: a 16-byte page
 * header, then MDB_meta: magic, version (uint32 each), address, mapsize,
 * two MDB_db of 48 bytes (the first one's leading uint32 is the page size;
 * each ends with its root page, ~0 for none), last page, transaction id.
 * Anything that is not an LMDB file is left to mdb_env_open, which says so. */
enum {
	META_AT = 16,
	META_PSIZE = 24,
	META_FREE_ROOT = 64,
	META_MAIN_ROOT = 112,
	META_LAST_PG = 120,
	META_TXNID = 128,
	META_END = 136
};
#define DH_LMDB_MAGIC 0xBEEFC0DEu

static uint64_t le64_at(const unsigned char *p)
{
	uint64_t v;
	memcpy(&v, p, sizeof(v));
	return v;
}

/* The meta page LMDB will use (the newer of the two that carry the magic)
 * into META (META_END bytes from the page's MDB_meta); false when neither
 * does. */
static bool data_file_meta(int fd, uint32_t psize, const unsigned char *first, unsigned char *meta)
{
	unsigned char second[META_END];
	memcpy(meta, first, META_END);
	if (pread(fd, second, sizeof(second), (off_t)psize + META_AT) != (ssize_t)sizeof(second))
		return true;
	uint32_t magic2;
	memcpy(&magic2, second, sizeof(magic2));
	if (magic2 == DH_LMDB_MAGIC && le64_at(second + META_TXNID) > le64_at(first + META_TXNID))
		memcpy(meta, second, META_END);
	return true;
}

/* A data file cut short (a copy that stopped, a full disk, a file
 * truncated by hand), or whose meta page points past its own last page, is
 * refused before it is mapped: LMDB maps the whole environment and the
 * first read of a page past the end of the file is a SIGBUS. */
int store_data_file_whole(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0; /* none yet, or mdb_env_open says why */
	struct stat sb;
	unsigned char head[META_AT + META_END], meta[META_END];
	int rc = 0;
	if (fstat(fd, &sb) == 0 && sb.st_size > 0 &&
	    pread(fd, head, sizeof(head), 0) == (ssize_t)sizeof(head)) {
		uint32_t magic, psize;
		memcpy(&magic, head + META_AT, sizeof(magic));
		memcpy(&psize, head + META_AT + META_PSIZE, sizeof(psize));
		if (magic == DH_LMDB_MAGIC && psize >= 512 && psize <= 65536 && (psize & (psize - 1)) == 0 &&
		    data_file_meta(fd, psize, head + META_AT, meta)) {
			uint64_t last = le64_at(meta + META_LAST_PG);
			uint64_t roots[2] = {le64_at(meta + META_FREE_ROOT), le64_at(meta + META_MAIN_ROOT)};
			/* The file must hold the pages the trees start from. Not
			 * every page up to the last one given out: a page a write
			 * took and gave back in the same transaction (LMDB's loose
			 * pages) is never written, so a whole file may end before
			 * it. A copy cut short loses the newest pages, and the
			 * roots are written last. */
			uint64_t top = 1;
			for (int i = 0; i < 2; i++)
				if (roots[i] != UINT64_MAX && roots[i] <= last && roots[i] > top)
					top = roots[i];
			uint64_t need = top < UINT64_MAX / psize - 1 ? (top + 1) * psize : UINT64_MAX;
			const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
			if ((uint64_t)sb.st_size < need || (uint64_t)sb.st_size < 2u * psize) {
				snprintf(store_detail, sizeof(store_detail),
				         "%.100s bị cắt cụt (%lld byte, cần ít nhất %llu): khôi phục từ "
				         "bản sao lưu",
				         base, (long long)sb.st_size, (unsigned long long)need);
				rc = DH_ECORRUPT;
			}
			for (int i = 0; i < 2 && !rc; i++)
				if (roots[i] != UINT64_MAX && (roots[i] < 2 || roots[i] > last)) {
					snprintf(store_detail, sizeof(store_detail),
					         "%.100s hỏng: trang gốc %llu nằm ngoài %llu trang của tệp: "
					         "khôi phục từ bản sao lưu",
					         base, (unsigned long long)roots[i],
					         (unsigned long long)last + 1);
					rc = DH_ECORRUPT;
				}
		}
	}
	close(fd);
	return rc;
}

int store_open(dh_store **out, const char *dir, const dh_store_opts *opts)
{
	static const dh_store_opts defaults = {0};
	if (!opts)
		opts = &defaults;
	*out = NULL;
	store_detail[0] = 0;
	if (!dir || !*dir || (opts->single_file && !opts->read_only))
		return DH_EINVAL;
	int rc;
	if (!opts->read_only && (rc = store_make_group_dir(dir)))
		return rc;
	/* Once per process (later calls return at once): the audit chain
	 * hashes with it. */
	if (sodium_init() < 0) {
		snprintf(store_detail, sizeof(store_detail), "sodium_init failed");
		return DH_EIO;
	}
	/* Reading one finds nothing there yet (LMDB would fail on it). */
	if (opts->read_only && data_file_empty(dir))
		return DH_ENOTFOUND;
	char data[4096];
	snprintf(data, sizeof(data), "%s%s", dir, opts->single_file ? "" : "/data.mdb");
	if ((rc = store_data_file_whole(data)))
		return rc;
	dh_store *st = calloc(1, sizeof(*st));
	if (!st)
		return DH_ENOMEM;
	st->read_only = opts->read_only;
	st->stage_fd = -1;
	if (!(st->dir = strdup(dir))) {
		free(st);
		return DH_ENOMEM;
	}
	st->migrate = opts->migrate;
	st->migrate_ctx = opts->migrate_ctx;
	size_t map_size = opts->map_size ? opts->map_size : DEFAULT_MAP_SIZE;
	if ((rc = store_lmdb_err(mdb_env_create(&st->env)))) {
		free(st->dir);
		free(st);
		return rc;
	}
	if ((rc = store_lmdb_err(mdb_env_set_maxdbs(st->env, DH_T__COUNT))) ||
	    (rc = store_lmdb_err(mdb_env_set_maxreaders(st->env, opts->max_readers ? opts->max_readers
	                                                                           : DEFAULT_MAX_READERS))) ||
	    (rc = store_lmdb_err(mdb_env_set_mapsize(st->env, map_size))))
		goto fail;
	/* The files are shared by a Unix group: 0660 whatever the umask. */
	mode_t old_mask = umask(007);
	/* A single file (a backup being checked) is nobody else's yet: no
	 * lock file beside it. */
	unsigned flags = MDB_NOTLS | (opts->read_only ? MDB_RDONLY : 0) |
	                 (opts->single_file ? MDB_NOSUBDIR | MDB_NOLOCK : 0);
	int mrc = mdb_env_open(st->env, dir, flags, 0660);
	umask(old_mask);
	if (mrc) {
		rc = store_lmdb_err(mrc);
		if (mrc == ENOENT)
			rc = DH_ENOTFOUND;
		snprintf(store_detail, sizeof(store_detail), "%s: %s", dir, mdb_strerror(mrc));
		goto fail;
	}
	if ((rc = set_cloexec(st->env)))
		goto fail;
	int dead;
	mdb_reader_check(st->env, &dead);
	/* Take the larger of the size asked for and the size another process
	 * already grew the map to. */
	if ((rc = store_lmdb_err(mdb_env_set_mapsize(st->env, 0))))
		goto fail;
	MDB_envinfo info;
	mdb_env_info(st->env, &info);
	if (info.me_mapsize < map_size && (rc = store_lmdb_err(mdb_env_set_mapsize(st->env, map_size))))
		goto fail;
	/* Tables and schema are checked in a read transaction: a session
	 * starting while an import holds the write lock need not wait for it.
	 * Only a new environment takes the write lock, to create them. */
	rc = open_tables_read_only(st);
	if (rc == DH_ENOTFOUND && !opts->read_only)
		rc = run_write(st, open_tables_fn, NULL, false);
	if (!rc && st->schema < DH_SCHEMA_VERSION && !opts->read_only) {
		rc = run_write(st, migrate_fn, NULL, true);
		if (!rc)
			st->schema = DH_SCHEMA_VERSION;
	}
	if (rc)
		goto fail;
	*out = st;
	return 0;
fail:
	mdb_env_close(st->env);
	free(st->dir);
	free(st);
	return rc;
}

uint64_t store_schema(const dh_store *st)
{
	return st->schema;
}

void store_close(dh_store *st)
{
	if (!st)
		return;
	store_stage_unlock(st);
	mdb_env_close(st->env);
	free(st->dir);
	free(st);
}

/* --- data -------------------------------------------------------------- */

int store_get(dh_stxn *txn, dh_table t, const void *key, size_t klen, const void **val, size_t *vlen)
{
	MDB_val k = {klen, (void *)key}, v;
	*val = NULL;
	*vlen = 0;
	if (txn->st->missing[t] || store_hidden(txn, t, key, klen))
		return DH_ENOTFOUND;
	int rc = mdb_get(txn->txn, txn->st->dbi[t], &k, &v);
	if (rc)
		return txn_fail(txn, rc);
	*val = v.mv_data;
	*vlen = v.mv_size;
	return 0;
}

int store_put(dh_stxn *txn, dh_table t, const void *key, size_t klen, const void *val, size_t vlen)
{
	if (!txn->write)
		return DH_EINVAL;
	MDB_val k = {klen, (void *)key}, v = {vlen, (void *)val};
	int rc = mdb_put(txn->txn, txn->st->dbi[t], &k, &v, 0);
	return rc ? txn_fail(txn, rc) : 0;
}

int store_del(dh_stxn *txn, dh_table t, const void *key, size_t klen)
{
	if (!txn->write)
		return DH_EINVAL;
	MDB_val k = {klen, (void *)key};
	int rc = mdb_del(txn->txn, txn->st->dbi[t], &k, NULL);
	return rc && rc != MDB_NOTFOUND ? txn_fail(txn, rc) : 0;
}

int store_append(dh_stxn *txn, dh_table t, const void *key, size_t klen, const void *val, size_t vlen)
{
	if (!txn->write)
		return DH_EINVAL;
	MDB_val k = {klen, (void *)key}, v = {vlen, (void *)val};
	/* MDB_APPEND fills the last page before it starts a new one (a plain
	 * put splits it in half) and skips the search; it refuses a key that
	 * is not past the last one, which then goes in the ordinary way. */
	int rc = mdb_put(txn->txn, txn->st->dbi[t], &k, &v, MDB_APPEND);
	if (rc == MDB_KEYEXIST)
		rc = mdb_put(txn->txn, txn->st->dbi[t], &k, &v, 0);
	return rc ? txn_fail(txn, rc) : 0;
}

static bool has_prefix(const MDB_val *k, const void *prefix, size_t plen)
{
	return k->mv_size >= plen && (plen == 0 || memcmp(k->mv_data, prefix, plen) == 0);
}

/* Where FROM lies against the keys with PREFIX: -1 before them all, 0 among
 * them, 1 after them all. */
static int from_vs_prefix(const void *from, size_t flen, const void *prefix, size_t plen)
{
	size_t n = flen < plen ? flen : plen;
	int c = n ? memcmp(from, prefix, n) : 0;
	if (c)
		return c < 0 ? -1 : 1;
	return flen < plen ? -1 : 0;
}

/* Put the cursor on the last key <= KEY (MDB_NOTFOUND when none). */
static int seek_at_or_before(MDB_cursor *c, const void *key, size_t klen, MDB_val *k, MDB_val *v)
{
	k->mv_data = (void *)key;
	k->mv_size = klen;
	int rc = mdb_cursor_get(c, k, v, MDB_SET_RANGE);
	if (rc == MDB_NOTFOUND)
		return mdb_cursor_get(c, k, v, MDB_LAST);
	if (rc)
		return rc;
	if (k->mv_size == klen && memcmp(k->mv_data, key, klen) == 0)
		return 0;
	return mdb_cursor_get(c, k, v, MDB_PREV);
}

static int scan_start(MDB_cursor *c, const unsigned char *prefix, size_t plen, const void *from, size_t flen,
                      bool reverse, MDB_val *k, MDB_val *v)
{
	if (from && plen) {
		int where = from_vs_prefix(from, flen, prefix, plen);
		if (where == (reverse ? -1 : 1))
			return MDB_NOTFOUND;
		if (where != 0)
			from = NULL; /* FROM is beyond the range on the near side */
	}
	if (!reverse) {
		const void *start = from ? from : prefix;
		size_t slen = from ? flen : plen;
		if (!slen)
			return mdb_cursor_get(c, k, v, MDB_FIRST);
		k->mv_data = (void *)start;
		k->mv_size = slen;
		return mdb_cursor_get(c, k, v, MDB_SET_RANGE);
	}
	if (from)
		return seek_at_or_before(c, from, flen, k, v);
	/* The last key with PREFIX is just before PREFIX + 1. */
	unsigned char up[512];
	size_t ulen = plen < sizeof(up) ? plen : sizeof(up);
	if (ulen)
		memcpy(up, prefix, ulen);
	while (ulen && up[ulen - 1] == 0xff)
		ulen--;
	if (!ulen)
		return mdb_cursor_get(c, k, v, MDB_LAST);
	up[ulen - 1]++;
	k->mv_data = up;
	k->mv_size = ulen;
	int rc = mdb_cursor_get(c, k, v, MDB_SET_RANGE);
	if (rc == MDB_NOTFOUND)
		return mdb_cursor_get(c, k, v, MDB_LAST);
	return rc ? rc : mdb_cursor_get(c, k, v, MDB_PREV);
}

/* The cursor on a staged key: move it past the staged range, to the first
 * key after HI (or, in reverse, the last before LO). */
static int skip_staged(MDB_cursor *c, const dh_stage_mark *m, bool reverse, MDB_val *k, MDB_val *v)
{
	if (!reverse) {
		k->mv_data = (void *)m->hi;
		k->mv_size = m->hi_len;
		int rc = mdb_cursor_get(c, k, v, MDB_SET_RANGE);
		if (rc == 0 && k->mv_size == m->hi_len && memcmp(k->mv_data, m->hi, m->hi_len) == 0)
			rc = mdb_cursor_get(c, k, v, MDB_NEXT);
		return rc;
	}
	k->mv_data = (void *)m->lo;
	k->mv_size = m->lo_len;
	int rc = mdb_cursor_get(c, k, v, MDB_SET_RANGE);
	if (rc == MDB_NOTFOUND)
		return mdb_cursor_get(c, k, v, MDB_LAST);
	return rc ? rc : mdb_cursor_get(c, k, v, MDB_PREV);
}

/* store_scan and store_scan_keys: CB is given the values, KEY_CB not. */
static int scan(dh_stxn *txn, dh_table t, const void *prefix, size_t plen, const void *from, size_t flen,
                bool reverse, dh_scan_fn cb, dh_key_fn key_cb, void *ctx)
{
	MDB_cursor *c;
	if (txn->st->missing[t])
		return 0;
	int rc = mdb_cursor_open(txn->txn, txn->st->dbi[t], &c);
	if (rc)
		return txn_fail(txn, rc);
	MDB_val k, v;
	if (!prefix)
		plen = 0;
	rc = scan_start(c, prefix, plen, from, from ? flen : 0, reverse, &k, &v);
	int out = 0;
	while (rc == 0 && has_prefix(&k, prefix, plen)) {
		if (store_hidden(txn, t, k.mv_data, k.mv_size)) {
			rc = skip_staged(c, &txn->mark, reverse, &k, &v);
			continue;
		}
		int r = cb ? cb(k.mv_data, k.mv_size, v.mv_data, v.mv_size, ctx)
		           : key_cb(k.mv_data, k.mv_size, ctx);
		if (r) {
			out = r < 0 ? r : 0;
			break;
		}
		rc = mdb_cursor_get(c, &k, &v, reverse ? MDB_PREV : MDB_NEXT);
	}
	if (rc && rc != MDB_NOTFOUND)
		out = txn_fail(txn, rc);
	mdb_cursor_close(c);
	return out;
}

int store_scan(dh_stxn *txn, dh_table t, const void *prefix, size_t plen, const void *from, size_t flen,
               bool reverse, dh_scan_fn cb, void *ctx)
{
	return scan(txn, t, prefix, plen, from, flen, reverse, cb, NULL, ctx);
}

int store_scan_keys(dh_stxn *txn, dh_table t, const void *prefix, size_t plen, bool reverse, dh_key_fn cb,
                    void *ctx)
{
	return scan(txn, t, prefix, plen, NULL, 0, reverse, NULL, cb, ctx);
}

typedef struct last_key {
	const void *key;
	size_t klen;
} last_key;

static int take_last_key(const void *key, size_t klen, void *ctx)
{
	last_key *l = ctx;
	l->key = key;
	l->klen = klen;
	return 1;
}

int store_last_key(dh_stxn *txn, dh_table t, const void *prefix, size_t plen, const void **key, size_t *klen)
{
	last_key l = {NULL, 0};
	int rc = store_scan_keys(txn, t, prefix, plen, true, take_last_key, &l);
	*key = l.key;
	*klen = l.klen;
	if (rc)
		return rc;
	return l.key ? 0 : DH_ENOTFOUND;
}

int store_last_id(dh_stxn *txn, dh_table t, const void *prefix, size_t plen, uint64_t *out)
{
	const void *key;
	size_t klen;
	*out = 0;
	int rc = store_last_key(txn, t, prefix, plen, &key, &klen);
	if (rc == DH_ENOTFOUND)
		return 0;
	if (rc)
		return rc;
	if (klen != plen + 8)
		return DH_ECORRUPT;
	*out = store_get_u64((const unsigned char *)key + plen);
	return 0;
}

int store_get_number(dh_stxn *txn, dh_table t, const void *key, size_t klen, bool *has, uint64_t *out)
{
	const void *v;
	size_t n;
	int rc = store_get(txn, t, key, klen, &v, &n);
	*has = rc == 0 && n == 8;
	*out = *has ? store_get_u64(v) : 0;
	if (rc == DH_ENOTFOUND)
		return 0;
	return rc ? rc : *has ? 0 : DH_ECORRUPT;
}

int store_clear(dh_stxn *txn, dh_table t)
{
	if (!txn->write)
		return DH_EINVAL;
	int rc = mdb_drop(txn->txn, txn->st->dbi[t], 0);
	return rc ? txn_fail(txn, rc) : 0;
}

int store_count(dh_stxn *txn, dh_table t, uint64_t *out)
{
	MDB_stat s;
	*out = 0;
	if (txn->st->missing[t])
		return 0;
	int rc = mdb_stat(txn->txn, txn->st->dbi[t], &s);
	if (rc)
		return txn_fail(txn, rc);
	*out = s.ms_entries;
	return 0;
}

int store_next_seq(dh_stxn *txn, const char *name, uint64_t *out)
{
	size_t klen = strlen(name);
	bool has;
	uint64_t seq;
	int rc = store_get_number(txn, DH_T_META, name, klen, &has, &seq);
	if (rc)
		return rc;
	unsigned char b[8];
	store_put_u64(b, seq + 1);
	if ((rc = store_put(txn, DH_T_META, name, klen, b, 8)))
		return rc;
	*out = seq + 1;
	return 0;
}

static int generation_fn(dh_stxn *t, void *ctx)
{
	uint64_t quiet;
	int rc = read_quiet_count(t, &quiet);
	if (rc)
		return rc;
	/* The snapshot's transaction id and the quiet count of the same
	 * snapshot: one consistent answer. */
	*(uint64_t *)ctx = (uint64_t)mdb_txn_id(t->txn) - quiet;
	return 0;
}

int store_generation(dh_store *st, uint64_t *out)
{
	*out = 0;
	return store_read(st, generation_fn, out);
}

/* --- staging ------------------------------------------------------------ */

static const char stage_key[] = "stage";

/* LMDB's default order: bytes, then the shorter first. */
static int key_cmp(const void *a, size_t alen, const void *b, size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);
	return c ? c : alen < blen ? -1 : alen > blen;
}

static int stage_decode(const void *val, size_t n, dh_stage_mark *m)
{
	const unsigned char *p = val;
	memset(m, 0, sizeof(*m));
	if (n < 3 || p[0] >= DH_T__COUNT || p[1] > DH_STAGE_KEY_MAX || p[2] > DH_STAGE_KEY_MAX ||
	    n < 3u + p[1] + p[2] || n - 3u - p[1] - p[2] > DH_STAGE_OWNER_MAX)
		return DH_ECORRUPT;
	m->table = (dh_table)p[0];
	m->lo_len = p[1];
	m->hi_len = p[2];
	memcpy(m->lo, p + 3, m->lo_len);
	memcpy(m->hi, p + 3 + m->lo_len, m->hi_len);
	m->owner_len = n - 3 - m->lo_len - m->hi_len;
	memcpy(m->owner, p + 3 + m->lo_len + m->hi_len, m->owner_len);
	return 0;
}

bool store_hidden(dh_stxn *txn, dh_table t, const void *key, size_t klen)
{
	if (txn->stage == STAGE_UNREAD) {
		/* Read once per transaction; the holder of the lock sees all. */
		txn->stage = STAGE_NONE;
		MDB_val k = {sizeof(stage_key) - 1, (void *)stage_key}, v;
		if (txn->st->stage_fd < 0 && mdb_get(txn->txn, txn->st->dbi[DH_T_META], &k, &v) == 0 &&
		    stage_decode(v.mv_data, v.mv_size, &txn->mark) == 0)
			txn->stage = STAGE_HIDDEN;
	}
	if (txn->stage != STAGE_HIDDEN || txn->mark.table != t)
		return false;
	const dh_stage_mark *m = &txn->mark;
	return key_cmp(key, klen, m->lo, m->lo_len) >= 0 && key_cmp(key, klen, m->hi, m->hi_len) <= 0;
}

int store_stage_lock(dh_store *st)
{
	if (st->stage_fd >= 0)
		return 0;
	if (st->read_only)
		return DH_EINVAL;
	char path[4200];
	snprintf(path, sizeof(path), "%s/stage.lock", st->dir);
	mode_t old_mask = umask(007);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0660);
	umask(old_mask);
	if (fd < 0)
		return store_errno_err("không mở được", path);
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		int e = errno;
		close(fd);
		if (e == EWOULDBLOCK)
			return DH_EBUSY;
		errno = e;
		return store_errno_err("flock", path);
	}
	st->stage_fd = fd;
	return 0;
}

void store_stage_unlock(dh_store *st)
{
	if (st->stage_fd >= 0) {
		close(st->stage_fd); /* lets the flock go */
		st->stage_fd = -1;
	}
}

bool store_stage_locked(const dh_store *st)
{
	return st->stage_fd >= 0;
}

int store_stage_set(dh_stxn *txn, const dh_stage_mark *m)
{
	if (txn->st->stage_fd < 0 || m->lo_len > DH_STAGE_KEY_MAX || m->hi_len > DH_STAGE_KEY_MAX ||
	    m->owner_len > DH_STAGE_OWNER_MAX)
		return DH_EINVAL;
	unsigned char v[3 + 2 * DH_STAGE_KEY_MAX + DH_STAGE_OWNER_MAX];
	v[0] = (unsigned char)m->table;
	v[1] = (unsigned char)m->lo_len;
	v[2] = (unsigned char)m->hi_len;
	memcpy(v + 3, m->lo, m->lo_len);
	memcpy(v + 3 + m->lo_len, m->hi, m->hi_len);
	memcpy(v + 3 + m->lo_len + m->hi_len, m->owner, m->owner_len);
	return store_put(txn, DH_T_META, stage_key, sizeof(stage_key) - 1, v,
	                 3 + m->lo_len + m->hi_len + m->owner_len);
}

int store_stage_get(dh_stxn *txn, dh_stage_mark *out)
{
	const void *v;
	size_t n;
	int rc = store_get(txn, DH_T_META, stage_key, sizeof(stage_key) - 1, &v, &n);
	return rc ? rc : stage_decode(v, n, out);
}

int store_stage_clear(dh_stxn *txn)
{
	return store_del(txn, DH_T_META, stage_key, sizeof(stage_key) - 1);
}
