/* test_store.c — the LMDB environment: files and modes, schema version,
 * tables and scans, counters, map growth and adoption, reader table, close-on-
 * exec, backup. Real LMDB in a fresh temporary folder per test. */
#include "dienhinh/error.h"
#include "dienhinh/store.h"

#include "tmpdb.h"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <lmdb.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <sys/stat.h>
#include <time.h>

#include <cmocka.h>

static int setup(void **state)
{
	*state = tmpdb_new();
	return 0;
}

static int teardown(void **state)
{
	tmpdb_free(*state);
	return 0;
}

static dh_store *open_db(const char *dir, size_t map_size)
{
	dh_store *st;
	dh_store_opts o = {.map_size = map_size};
	int rc = store_open(&st, dir, &o);
	if (rc)
		fail_msg("store_open %s: %s (%s)", dir, dh_strerror(rc), store_last_error());
	return st;
}

/* --- small write functions -------------------------------------------- */

typedef struct kv {
	const char *key;
	const char *val;
	int ret; /* what the function returns after the put */
} kv;

static int put_kv(dh_stxn *txn, void *p)
{
	kv *a = p;
	int rc = store_put(txn, DH_T_META, a->key, strlen(a->key), a->val, strlen(a->val));
	return rc ? rc : a->ret;
}

static int put_str(dh_store *st, const char *k, const char *v)
{
	kv a = {k, v, 0};
	return store_write(st, put_kv, &a);
}

typedef struct got {
	const char *key;
	char val[256];
	size_t len;
	int rc;
} got;

static int get_kv(dh_stxn *txn, void *p)
{
	got *g = p;
	const void *v;
	size_t n;
	g->rc = store_get(txn, DH_T_META, g->key, strlen(g->key), &v, &n);
	if (g->rc == 0 && n < sizeof(g->val)) {
		memcpy(g->val, v, n);
		g->val[n] = 0;
		g->len = n;
	}
	return 0;
}

static got get_str(dh_store *st, const char *k)
{
	got g = {.key = k};
	assert_int_equal(store_read(st, get_kv, &g), 0);
	return g;
}

/* --- files ------------------------------------------------------------- */

static void files_are_group_writable_whatever_the_umask(void **state)
{
	tmpdb *t = *state;
	mode_t old = umask(077);
	dh_store *st = open_db(t->db, 0);
	umask(old);
	struct stat sb;
	char path[200];
	assert_int_equal(stat(t->db, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 02770);
	snprintf(path, sizeof(path), "%s/data.mdb", t->db);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0660);
	snprintf(path, sizeof(path), "%s/lock.mdb", t->db);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0660);
	/* The process umask is left as it was. */
	assert_int_equal(umask(old), old);
	store_close(st);

	/* Missing folders above it are made too. */
	char deep[200];
	snprintf(deep, sizeof(deep), "%s/var/data/db", t->root);
	st = open_db(deep, 0);
	assert_int_equal(stat(deep, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 02770);
	store_close(st);
	/* A file where the folder should be is an error, not a crash. */
	snprintf(path, sizeof(path), "%s/data.mdb", t->db);
	assert_int_not_equal(store_open(&st, path, NULL), 0);
}

static int list_fds_of_shell(void *arg, int out)
{
	(void)arg;
	dup2(out, 1);
	execl("/bin/sh", "sh", "-c", "for f in /proc/$$/fd/*; do readlink \"$f\"; done", (char *)NULL);
	return 127;
}

/* An editor spawned from a form must not inherit the database. */
static void database_files_are_closed_on_exec(void **state)
{
	tmpdb *t = *state;
	dh_store *st = open_db(t->db, 0);
	int fd;
	pid_t pid = spawn(list_fds_of_shell, NULL, &fd);
	char out[8192];
	size_t n = read_full(fd, out, sizeof(out) - 1);
	out[n] = 0;
	close(fd);
	assert_int_equal(wait_exit(pid), 0);
	assert_non_null(strstr(out, "pipe:")); /* the shell did list its fds */
	if (strstr(out, "data.mdb") || strstr(out, "lock.mdb"))
		fail_msg("the child inherited:\n%s", out);
	/* And in this process those descriptors are open (the check above
	 * was not vacuous). */
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int seen = 0;
	while ((e = readdir(d))) {
		char link[300], target[PATH_MAX];
		snprintf(link, sizeof(link), "/proc/self/fd/%s", e->d_name);
		ssize_t k = readlink(link, target, sizeof(target) - 1);
		if (k <= 0)
			continue;
		target[k] = 0;
		if (strstr(target, t->db) && strstr(target, "data.mdb")) {
			seen++;
			assert_true(fcntl(atoi(e->d_name), F_GETFD) & FD_CLOEXEC);
		}
	}
	closedir(d);
	assert_true(seen >= 1);
	store_close(st);
}

/* --- schema ------------------------------------------------------------ */

static int put_schema(dh_stxn *txn, void *p)
{
	unsigned char v[8];
	store_put_u64(v, *(uint64_t *)p);
	return store_put(txn, DH_T_META, "schema", 6, v, 8);
}

static void schema_version_is_written_and_a_newer_one_refused(void **state)
{
	tmpdb *t = *state;
	dh_store *st = open_db(t->db, 0);
	got g = get_str(st, "schema");
	assert_int_equal(g.rc, 0);
	assert_int_equal(g.len, 8);
	assert_int_equal(store_get_u64((const unsigned char *)g.val), DH_SCHEMA_VERSION);
	uint64_t newer = DH_SCHEMA_VERSION + 1;
	assert_int_equal(store_write(st, put_schema, &newer), 0);
	store_close(st);

	dh_store *again = (dh_store *)1;
	assert_int_equal(store_open(&again, t->db, NULL), DH_EVERSION);
	assert_null(again);
	dh_store_opts ro = {.read_only = true};
	assert_int_equal(store_open(&again, t->db, &ro), DH_EVERSION);
	assert_non_null(strstr(store_last_error(), "schema"));
}

static void read_only_open(void **state)
{
	tmpdb *t = *state;
	dh_store *st;
	dh_store_opts ro = {.read_only = true};
	assert_int_equal(store_open(&st, t->db, &ro), DH_ENOTFOUND);
	st = open_db(t->db, 0);
	assert_int_equal(put_str(st, "k", "v"), 0);
	store_close(st);
	assert_int_equal(store_open(&st, t->db, &ro), 0);
	assert_string_equal(get_str(st, "k").val, "v");
	assert_int_not_equal(put_str(st, "k", "w"), 0);
	store_close(st);
}

static int count_fn(dh_stxn *txn, void *p)
{
	return store_count(txn, DH_T_RECORDS, p);
}

typedef struct last_ask {
	unsigned char prefix;
	int rc;
	uint64_t id;
} last_ask;

static int ask_last(dh_stxn *txn, void *p)
{
	last_ask *a = p;
	const void *k;
	size_t n;
	a->id = 0;
	a->rc = store_last_key(txn, DH_T_RECORDS, &a->prefix, 1, &k, &n);
	if (a->rc == 0 && n == 9)
		a->id = store_get_u64((const unsigned char *)k + 1);
	return 0;
}

static int append_some(dh_stxn *txn, void *p)
{
	(void)p;
	/* ids 1..300 of type 1 and 1..5 of type 3, then type 2 in between:
	 * an append past the end, and one that is not (put as usual). */
	unsigned char k[9];
	int rc = 0;
	for (uint64_t id = 1; !rc && id <= 300; id++) {
		k[0] = 1;
		store_put_u64(k + 1, id);
		rc = store_append(txn, DH_T_RECORDS, k, sizeof(k), "value", 5);
	}
	for (uint64_t id = 1; !rc && id <= 5; id++) {
		k[0] = 3;
		store_put_u64(k + 1, id);
		rc = store_append(txn, DH_T_RECORDS, k, sizeof(k), "value", 5);
	}
	k[0] = 2;
	store_put_u64(k + 1, 7);
	if (!rc)
		rc = store_append(txn, DH_T_RECORDS, k, sizeof(k), "middle", 6);
	k[0] = 1;
	store_put_u64(k + 1, 5);
	if (!rc)
		rc = store_append(txn, DH_T_RECORDS, k, sizeof(k), "again", 5);
	return rc;
}

static void last_keys_of_a_range_and_appends(void **state)
{
	tmpdb *t = *state;
	dh_store *st = open_db(t->db, 0);
	last_ask a = {.prefix = 1};
	assert_int_equal(store_read(st, ask_last, &a), 0);
	assert_int_equal(a.rc, DH_ENOTFOUND);
	assert_int_equal(store_write(st, append_some, NULL), 0);
	uint64_t count;
	for (unsigned char p = 1; p <= 4; p++) {
		a = (last_ask){.prefix = p};
		assert_int_equal(store_read(st, ask_last, &a), 0);
		static const uint64_t want[] = {0, 300, 7, 5, 0};
		assert_int_equal(a.rc, want[p] ? 0 : DH_ENOTFOUND);
		assert_int_equal(a.id, want[p]);
	}
	assert_int_equal(store_read(st, count_fn, &count), 0);
	assert_int_equal(count, 306);
	store_close(st);
}

/* A database made before DH_T_FRESH existed, as an older program left it. */
static void drop_fresh_table(const char *dir)
{
	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi dbi;
	assert_int_equal(mdb_env_create(&env), 0);
	assert_int_equal(mdb_env_set_maxdbs(env, DH_T__COUNT), 0);
	assert_int_equal(mdb_env_open(env, dir, 0, 0660), 0);
	assert_int_equal(mdb_txn_begin(env, NULL, 0, &txn), 0);
	assert_int_equal(mdb_dbi_open(txn, "fresh", 0, &dbi), 0);
	assert_int_equal(mdb_drop(txn, dbi, 1), 0);
	assert_int_equal(mdb_txn_commit(txn), 0);
	mdb_env_close(env);
}

typedef struct fresh_look {
	int scanned;
	uint64_t count;
	int get_rc;
} fresh_look;

static int count_scanned(const void *key, size_t klen, const void *val, size_t vlen, void *p)
{
	(void)key;
	(void)klen;
	(void)val;
	(void)vlen;
	((fresh_look *)p)->scanned++;
	return 0;
}

static int look_at_fresh(dh_stxn *txn, void *p)
{
	fresh_look *l = p;
	const void *v;
	size_t n;
	int rc = store_scan(txn, DH_T_FRESH, NULL, 0, NULL, 0, false, count_scanned, l);
	if (!rc)
		rc = store_count(txn, DH_T_FRESH, &l->count);
	l->get_rc = store_get(txn, DH_T_FRESH, "k", 1, &v, &n);
	return rc;
}

static void an_older_database_without_a_newer_table_opens(void **state)
{
	tmpdb *t = *state;
	dh_store *st = open_db(t->db, 0);
	assert_int_equal(put_str(st, "k", "v"), 0);
	store_close(st);
	drop_fresh_table(t->db);
	/* Read-only (a search while nobody may write): the table reads as
	 * empty. */
	dh_store_opts ro = {.read_only = true};
	assert_int_equal(store_open(&st, t->db, &ro), 0);
	fresh_look l = {0};
	assert_int_equal(store_read(st, look_at_fresh, &l), 0);
	assert_int_equal(l.scanned, 0);
	assert_int_equal(l.count, 0);
	assert_int_equal(l.get_rc, DH_ENOTFOUND);
	assert_string_equal(get_str(st, "k").val, "v");
	store_close(st);
	/* Read-write: made. */
	st = open_db(t->db, 0);
	kv a = {"k2", "v2", 0};
	assert_int_equal(store_write(st, put_kv, &a), 0);
	assert_int_equal(store_read(st, look_at_fresh, &l), 0);
	store_close(st);
}

/* --- transactions ------------------------------------------------------ */

static void a_failed_write_leaves_nothing(void **state)
{
	tmpdb *t = *state;
	dh_store *st = open_db(t->db, 0);
	uint64_t g0, g1;
	assert_int_equal(store_generation(st, &g0), 0);
	kv a = {"k", "v", DH_EINVAL};
	assert_int_equal(store_write(st, put_kv, &a), DH_EINVAL);
	assert_int_equal(get_str(st, "k").rc, DH_ENOTFOUND);
	assert_int_equal(store_generation(st, &g1), 0);
	assert_int_equal(g1, g0);
	store_close(st);
}

static int count_calls(dh_stxn *txn, void *p)
{
	(void)txn;
	++*(int *)p;
	return 0;
}

static int put_quiet(dh_store *st, const char *k, const char *v)
{
	kv a = {k, v, 0};
	return store_write_quiet(st, put_kv, &a);
}

static void generation_grows_with_every_write(void **state)
{
	tmpdb *t = *state;
	dh_store *st = open_db(t->db, 0);
	uint64_t g0, g;
	assert_int_equal(store_generation(st, &g0), 0);
	assert_int_equal(put_str(st, "a", "1"), 0);
	assert_int_equal(store_generation(st, &g), 0);
	assert_int_equal(g, g0 + 1);
	assert_int_equal(put_str(st, "b", "2"), 0);
	assert_int_equal(store_generation(st, &g), 0);
	assert_int_equal(g, g0 + 2);
	/* A write that changes nothing commits nothing: no reload for it. */
	int calls = 0;
	assert_int_equal(store_write(st, count_calls, &calls), 0);
	assert_int_equal(calls, 1);
	assert_int_equal(store_generation(st, &g), 0);
	assert_int_equal(g, g0 + 2);
	/* A quiet write (a draft) changes data but not the generation. */
	assert_int_equal(put_quiet(st, "draft", "x"), 0);
	assert_int_equal(put_quiet(st, "draft", "y"), 0);
	assert_int_equal(store_generation(st, &g), 0);
	assert_int_equal(g, g0 + 2);
	assert_string_equal(get_str(st, "draft").val, "y");
	assert_int_equal(put_str(st, "c", "3"), 0);
	assert_int_equal(store_generation(st, &g), 0);
	assert_int_equal(g, g0 + 3);
	store_close(st);
	/* Kept across opens. */
	st = open_db(t->db, 0);
	assert_int_equal(store_generation(st, &g), 0);
	assert_int_equal(g, g0 + 3);
	store_close(st);
}

static int seq_fn(dh_stxn *txn, void *p)
{
	uint64_t *out = p;
	for (int i = 0; i < 3; i++) {
		int rc = store_next_seq(txn, "seq:test", &out[i]);
		if (rc)
			return rc;
	}
	return 0;
}

static void sequences_start_at_one_and_survive_reopen(void **state)
{
	tmpdb *t = *state;
	dh_store *st = open_db(t->db, 0);
	uint64_t v[3];
	assert_int_equal(store_write(st, seq_fn, v), 0);
	assert_int_equal(v[0], 1);
	assert_int_equal(v[2], 3);
	store_close(st);
	st = open_db(t->db, 0);
	assert_int_equal(store_write(st, seq_fn, v), 0);
	assert_int_equal(v[0], 4);
	store_close(st);
}

static int put_many(dh_stxn *txn, void *p)
{
	(void)p;
	unsigned char k[9], v[1];
	for (int type = 1; type <= 3; type++)
		for (uint64_t id = 1; id <= 300; id++) {
			k[0] = (unsigned char)type;
			store_put_u64(k + 1, id);
			v[0] = (unsigned char)id;
			int rc = store_put(txn, DH_T_RECORDS, k, 9, v, 1);
			if (rc)
				return rc;
		}
	return 0;
}

typedef struct scan_log {
	uint64_t ids[400];
	size_t n;
	size_t stop_after;
} scan_log;

static int log_key(const void *key, size_t klen, const void *val, size_t vlen, void *p)
{
	scan_log *l = p;
	(void)val;
	(void)vlen;
	assert_int_equal(klen, 9);
	l->ids[l->n++] = ((const unsigned char *)key)[0] * 1000 + store_get_u64((const unsigned char *)key + 1);
	return l->stop_after && l->n == l->stop_after ? 1 : 0;
}

typedef struct scan_args {
	int type; /* 0: no prefix */
	uint64_t from; /* 0: none */
	int from_type;
	bool reverse;
	scan_log log;
} scan_args;

static int scan_fn(dh_stxn *txn, void *p)
{
	scan_args *a = p;
	unsigned char prefix = (unsigned char)a->type, from[9];
	from[0] = (unsigned char)(a->from_type ? a->from_type : a->type);
	store_put_u64(from + 1, a->from);
	return store_scan(txn, DH_T_RECORDS, a->type ? &prefix : NULL, a->type ? 1 : 0, a->from ? from : NULL,
			  a->from ? 9 : 0, a->reverse, log_key, &a->log);
}

static scan_log scan(dh_store *st, int type, int from_type, uint64_t from, bool reverse, size_t stop)
{
	scan_args a = {.type = type, .from = from, .from_type = from_type, .reverse = reverse};
	a.log.stop_after = stop;
	assert_int_equal(store_read(st, scan_fn, &a), 0);
	return a.log;
}

static void scans_walk_prefixes_in_key_order(void **state)
{
	tmpdb *t = *state;
	dh_store *st = open_db(t->db, 0);
	assert_int_equal(store_write(st, put_many, NULL), 0);
	scan_log l = scan(st, 2, 0, 0, false, 0);
	assert_int_equal(l.n, 300);
	assert_int_equal(l.ids[0], 2001);
	assert_int_equal(l.ids[299], 2300); /* 256 after 255: numeric order */
	l = scan(st, 2, 0, 0, true, 0);
	assert_int_equal(l.n, 300);
	assert_int_equal(l.ids[0], 2300);
	assert_int_equal(l.ids[299], 2001);
	l = scan(st, 2, 0, 250, false, 3);
	assert_int_equal(l.n, 3);
	assert_int_equal(l.ids[0], 2250);
	assert_int_equal(l.ids[2], 2252);
	l = scan(st, 2, 0, 250, true, 0);
	assert_int_equal(l.n, 250);
	assert_int_equal(l.ids[0], 2250);
	/* FROM beyond the prefix's keys: from the near end, or nothing. */
	l = scan(st, 2, 3, 7, true, 2);
	assert_int_equal(l.ids[0], 2300);
	l = scan(st, 2, 3, 7, false, 0);
	assert_int_equal(l.n, 0);
	l = scan(st, 2, 1, 7, false, 1);
	assert_int_equal(l.ids[0], 2001);
	l = scan(st, 2, 1, 7, true, 0);
	assert_int_equal(l.n, 0);
	/* The last prefix, reverse: runs from the very end. */
	l = scan(st, 3, 0, 0, true, 1);
	assert_int_equal(l.ids[0], 3300);
	l = scan(st, 4, 0, 0, false, 0);
	assert_int_equal(l.n, 0);
	l = scan(st, 0, 0, 0, false, 400); /* no prefix: every table key */
	assert_int_equal(l.ids[0], 1001);
	assert_int_equal(l.ids[399], 2100);
	store_close(st);
}

static int stop_error(const void *key, size_t klen, const void *val, size_t vlen, void *p)
{
	(void)key, (void)klen, (void)val, (void)vlen, (void)p;
	return DH_ECORRUPT;
}

static int scan_error_fn(dh_stxn *txn, void *p)
{
	(void)p;
	return store_scan(txn, DH_T_RECORDS, NULL, 0, NULL, 0, false, stop_error, NULL);
}

static int del_fn(dh_stxn *txn, void *p)
{
	(void)p;
	unsigned char k[9] = {1};
	store_put_u64(k + 1, 5);
	int rc = store_del(txn, DH_T_RECORDS, k, 9);
	/* Absent is fine. */
	return rc ? rc : store_del(txn, DH_T_RECORDS, k, 9);
}

static void count_delete_and_callback_errors(void **state)
{
	tmpdb *t = *state;
	dh_store *st = open_db(t->db, 0);
	assert_int_equal(store_write(st, put_many, NULL), 0);
	uint64_t n;
	assert_int_equal(store_read(st, count_fn, &n), 0);
	assert_int_equal(n, 900);
	assert_int_equal(store_write(st, del_fn, NULL), 0);
	assert_int_equal(store_read(st, count_fn, &n), 0);
	assert_int_equal(n, 899);
	assert_int_equal(store_read(st, scan_error_fn, NULL), DH_ECORRUPT);
	store_close(st);
}

static int nested_read(dh_stxn *txn, void *p)
{
	(void)txn;
	dh_store *st = p;
	got g = {.key = "a"};
	return store_read(st, get_kv, &g) ? -100 : g.rc;
}

static int nested_write(dh_stxn *txn, void *p)
{
	(void)txn;
	return store_write(p, count_calls, &(int){0});
}

static void reads_nest_writes_do_not(void **state)
{
	tmpdb *t = *state;
	dh_store *st = open_db(t->db, 0);
	assert_int_equal(put_str(st, "a", "1"), 0);
	assert_int_equal(store_read(st, nested_read, st), 0);
	assert_int_equal(store_write(st, nested_read, st), 0);
	/* A write inside a write would wait for itself forever. */
	assert_int_equal(store_write(st, nested_write, st), DH_EINVAL);
	store_close(st);
}

/* --- map size ---------------------------------------------------------- */

typedef struct fill_args {
	int n;
	size_t vlen;
	int runs;
	int base;
} fill_args;

static int fill(dh_stxn *txn, void *p)
{
	fill_args *a = p;
	a->runs++;
	unsigned char *v = calloc(1, a->vlen);
	int rc = 0;
	for (int i = 0; i < a->n && !rc; i++) {
		unsigned char k[9] = {9};
		store_put_u64(k + 1, (uint64_t)(a->base + i));
		memset(v, i & 0xff, a->vlen);
		rc = store_put(txn, DH_T_RECORDS, k, 9, v, a->vlen);
	}
	free(v);
	return rc;
}

static void a_full_map_grows_and_the_write_runs_again(void **state)
{
	tmpdb *t = *state;
	dh_store *st = open_db(t->db, 64 << 10);
	dh_store_info info;
	assert_int_equal(store_info(st, &info), 0);
	assert_int_equal(info.map_size, 64 << 10);
	/* One transaction far bigger than the map. */
	fill_args a = {.n = 3000, .vlen = 700};
	assert_int_equal(store_write(st, fill, &a), 0);
	assert_true(a.runs > 1);
	/* Then many small ones. */
	for (int i = 0; i < 300; i++) {
		fill_args b = {.n = 10, .vlen = 300, .base = 100000 + i * 10};
		assert_int_equal(store_write(st, fill, &b), 0);
	}
	uint64_t n;
	assert_int_equal(store_read(st, count_fn, &n), 0);
	assert_int_equal(n, 6000);
	assert_int_equal(store_info(st, &info), 0);
	assert_true(info.map_size >= 2u << 20);
	assert_true(info.used_bytes <= info.map_size);
	assert_true(info.used_bytes > 2u << 20);
	store_close(st);
	/* Reopening with a small size keeps the grown one. */
	st = open_db(t->db, 64 << 10);
	assert_int_equal(store_info(st, &info), 0);
	assert_true(info.map_size >= 2u << 20);
	assert_int_equal(store_read(st, count_fn, &n), 0);
	assert_int_equal(n, 6000);
	store_close(st);
}

static int grow_in_child(void *arg, int out)
{
	(void)out;
	const char *dir = arg;
	dh_store *st;
	if (store_open(&st, dir, &(dh_store_opts){.map_size = 64 << 10}))
		return 1;
	fill_args a = {.n = 4000, .vlen = 1000};
	int rc = store_write(st, fill, &a);
	store_close(st);
	return rc ? 2 : 0;
}

static int read_last(dh_stxn *txn, void *p)
{
	unsigned char k[9] = {9};
	store_put_u64(k + 1, 3999);
	const void *v;
	size_t n;
	int rc = store_get(txn, DH_T_RECORDS, k, 9, &v, &n);
	if (!rc)
		*(size_t *)p = n;
	return rc;
}

/* Another process grows the map past this one's: the next transaction here
 * adopts the new size (MDB_MAP_RESIZED) instead of failing. */
static void another_process_growth_is_adopted(void **state)
{
	tmpdb *t = *state;
	dh_store *st = open_db(t->db, 64 << 10);
	pid_t pid = spawn(grow_in_child, t->db, NULL);
	assert_int_equal(wait_exit(pid), 0);
	size_t n = 0;
	assert_int_equal(store_read(st, read_last, &n), 0);
	assert_int_equal(n, 1000);
	dh_store_info info;
	assert_int_equal(store_info(st, &info), 0);
	assert_true(info.map_size >= 4u << 20);
	/* And writes here too. */
	assert_int_equal(put_str(st, "after", "yes"), 0);
	store_close(st);
}

/* --- reader table ------------------------------------------------------ */

typedef struct holder {
	const char *dir;
	int hold_ms; /* < 0: until killed */
	int fd;      /* tells the parent the slot is taken */
} holder;

static int hold_fn(dh_stxn *txn, void *p)
{
	(void)txn;
	holder *h = p;
	if (write(h->fd, "r", 1) != 1)
		return 1;
	if (h->hold_ms < 0)
		for (;;)
			pause();
	struct timespec ts = {0, h->hold_ms * 1000000L};
	nanosleep(&ts, NULL);
	return 0;
}

static int hold_reader(void *arg, int out)
{
	holder *h = arg;
	dh_store *st;
	if (store_open(&st, h->dir, NULL))
		return 1;
	h->fd = out;
	int rc = store_read(st, hold_fn, h);
	store_close(st);
	return rc ? 2 : 0;
}

static pid_t start_holder(const char *dir, int hold_ms)
{
	holder h = {dir, hold_ms, -1};
	int fd;
	pid_t pid = spawn(hold_reader, &h, &fd);
	char c;
	assert_int_equal(read_full(fd, &c, 1), 1); /* it holds the slot now */
	close(fd);
	return pid;
}

static int noop_read(dh_stxn *txn, void *p)
{
	(void)txn;
	(void)p;
	return 0;
}

static void a_full_reader_table_is_retried(void **state)
{
	tmpdb *t = *state;
	dh_store *st;
	assert_int_equal(store_open(&st, t->db, &(dh_store_opts){.max_readers = 1}), 0);
	dh_store_info info;
	assert_int_equal(store_info(st, &info), 0);
	assert_int_equal(info.max_readers, 1);

	/* A killed session's slot is stale: cleared, and the read goes on. */
	pid_t pid = start_holder(t->db, -1);
	assert_int_equal(store_info(st, &info), 0);
	assert_int_equal(info.readers, 1);
	kill(pid, SIGKILL);
	assert_int_equal(wait_exit(pid), 128 + SIGKILL);
	assert_int_equal(store_read(st, noop_read, NULL), 0);

	/* A live reader that finishes soon: the read waits for it. */
	pid = start_holder(t->db, 100);
	assert_int_equal(store_read(st, noop_read, NULL), 0);
	assert_int_equal(wait_exit(pid), 0);

	/* One that never finishes: a bounded wait, then DH_EBUSY. */
	pid = start_holder(t->db, -1);
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	assert_int_equal(store_read(st, noop_read, NULL), DH_EBUSY);
	clock_gettime(CLOCK_MONOTONIC, &b);
	double waited = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
	assert_true(waited > 0.2 && waited < 5);
	kill(pid, SIGKILL);
	wait_exit(pid);
	store_close(st);
}

typedef struct write_holder {
	const char *dir;
	int fd;
} write_holder;

static int hold_write_fn(dh_stxn *txn, void *p)
{
	(void)txn;
	write_holder *h = p;
	if (write(h->fd, "w", 1) != 1)
		return 1;
	for (;;)
		pause();
}

static int hold_writer(void *arg, int out)
{
	write_holder *h = arg;
	dh_store *st;
	if (store_open(&st, h->dir, NULL))
		return 1;
	h->fd = out;
	return store_write(st, hold_write_fn, h) ? 2 : 0;
}

static pid_t alarm_victim;

static void alarm_fail(int sig)
{
	(void)sig;
	kill(alarm_victim, SIGKILL);
	static const char m[] = "store_open waited for another process's write\n";
	if (write(2, m, sizeof(m) - 1)) {
	}
	_exit(1);
}

/* A session starting while an import holds the write lock opens at once
 * and reads (it does not queue behind the import). */
static void opening_does_not_wait_for_a_writer(void **state)
{
	tmpdb *t = *state;
	dh_store *st = open_db(t->db, 0);
	assert_int_equal(put_str(st, "k", "v"), 0);
	store_close(st);
	write_holder h = {t->db, -1};
	int fd;
	pid_t pid = spawn(hold_writer, &h, &fd);
	char c;
	assert_int_equal(read_full(fd, &c, 1), 1);
	close(fd);
	alarm_victim = pid;
	signal(SIGALRM, alarm_fail);
	alarm(10);
	st = open_db(t->db, 0);
	assert_string_equal(get_str(st, "k").val, "v");
	alarm(0);
	signal(SIGALRM, SIG_DFL);
	store_close(st);
	kill(pid, SIGKILL);
	wait_exit(pid);
}

/* --- backup ------------------------------------------------------------ */

static void backup_is_a_compact_copy(void **state)
{
	tmpdb *t = *state;
	dh_store *st = open_db(t->db, 0);
	fill_args a = {.n = 2000, .vlen = 500};
	assert_int_equal(store_write(st, fill, &a), 0);
	assert_int_equal(put_str(st, "k", "v"), 0);
	char dest[128];
	snprintf(dest, sizeof(dest), "%s/backup", t->root);
	assert_int_equal(store_backup(st, dest), 0);
	/* Not over an existing copy. */
	assert_int_equal(store_backup(st, dest), DH_EINVAL);
	store_close(st);
	struct stat sb;
	char path[200];
	snprintf(path, sizeof(path), "%s/data.mdb", dest);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0660);
	dh_store *b = open_db(dest, 0);
	uint64_t n;
	assert_int_equal(store_read(b, count_fn, &n), 0);
	assert_int_equal(n, 2000);
	assert_string_equal(get_str(b, "k").val, "v");
	store_close(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(files_are_group_writable_whatever_the_umask, setup, teardown),
		cmocka_unit_test_setup_teardown(database_files_are_closed_on_exec, setup, teardown),
		cmocka_unit_test_setup_teardown(schema_version_is_written_and_a_newer_one_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(read_only_open, setup, teardown),
		cmocka_unit_test_setup_teardown(an_older_database_without_a_newer_table_opens, setup, teardown),
		cmocka_unit_test_setup_teardown(last_keys_of_a_range_and_appends, setup, teardown),
		cmocka_unit_test_setup_teardown(a_failed_write_leaves_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(generation_grows_with_every_write, setup, teardown),
		cmocka_unit_test_setup_teardown(sequences_start_at_one_and_survive_reopen, setup, teardown),
		cmocka_unit_test_setup_teardown(scans_walk_prefixes_in_key_order, setup, teardown),
		cmocka_unit_test_setup_teardown(count_delete_and_callback_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(reads_nest_writes_do_not, setup, teardown),
		cmocka_unit_test_setup_teardown(a_full_map_grows_and_the_write_runs_again, setup, teardown),
		cmocka_unit_test_setup_teardown(another_process_growth_is_adopted, setup, teardown),
		cmocka_unit_test_setup_teardown(a_full_reader_table_is_retried, setup, teardown),
		cmocka_unit_test_setup_teardown(opening_does_not_wait_for_a_writer, setup, teardown),
		cmocka_unit_test_setup_teardown(backup_is_a_compact_copy, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
