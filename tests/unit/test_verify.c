/* test_verify.c — the audit chain on a real LMDB: links after saves, a bulk
 * entry covering its records, a schema-1 database migrated into the chain,
 * and verify naming the entry where one byte changed, an entry went
 * missing, or a record was changed behind the program's back.
 *
 * The tampering goes through lmdb.h directly, as someone with write access
 * to data.mdb would: the store is closed meanwhile (LMDB forbids opening
 * one environment twice in a process). */
#include "dienhinh/counts.h"
#include "dienhinh/error.h"
#include "dienhinh/repo.h"
#include "dienhinh/store.h"
#include "dienhinh/verify.h"

#include "tmpdb.h"

#include <lmdb.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>

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

static dh_store *open_db(const char *dir)
{
	dh_store *st;
	int rc = repo_open(&st, dir, NULL, "tdkt");
	if (rc)
		fail_msg("repo_open %s: %s (%s)", dir, dh_strerror(rc), store_last_error());
	return st;
}

static dh_candidate *candidate(const char *name)
{
	dh_candidate *c = record_new(DH_R_CANDIDATE);
	c->year = 2021;
	c->kind = DH_KIND_INDIVIDUAL;
	c->name = strdup(name);
	c->department = strdup("nv1");
	c->title = strdup("Đổi mới công tác tiếp công dân");
	return c;
}

/* A new candidate saved alone: its id. */
static uint64_t save_new(dh_store *st, const char *name)
{
	dh_candidate *c = candidate(name);
	assert_int_equal(repo_save(st, "tdkt", "save", NULL, DH_R_CANDIDATE, c), 0);
	uint64_t id = c->meta.id;
	record_free(DH_R_CANDIDATE, c);
	return id;
}

static void rename_candidate(dh_store *st, uint64_t id, const char *name)
{
	dh_candidate *c;
	assert_int_equal(repo_get(st, DH_R_CANDIDATE, id, (void **)&c), 0);
	free(c->name);
	c->name = strdup(name);
	assert_int_equal(repo_save(st, "tdkt", "save", NULL, DH_R_CANDIDATE, c), 0);
	record_free(DH_R_CANDIDATE, c);
}

static int verify_db(const char *dir, dh_verify_result *res)
{
	dh_store *st;
	dh_store_opts o = {.read_only = true};
	assert_int_equal(store_open(&st, dir, &o), 0);
	int rc = verify_run(st, res);
	store_close(st);
	return rc;
}

static void assert_clean(const char *dir, uint64_t entries, uint64_t records)
{
	dh_verify_result res;
	int rc = verify_db(dir, &res);
	if (rc)
		fail_msg("verify: %s: %s", dh_strerror(rc), res.message);
	assert_int_equal(res.entries, entries);
	assert_int_equal(res.records, records);
}

/* The break verify names: its entry number, and the words it says. */
static void assert_break(const char *dir, uint64_t seq, const char *words)
{
	dh_verify_result res;
	assert_int_equal(verify_db(dir, &res), DH_ECORRUPT);
	if (res.seq != seq || !strstr(res.message, words))
		fail_msg("verify said (entry %llu) “%s”, not entry %llu with “%s”",
		         (unsigned long long)res.seq, res.message, (unsigned long long)seq, words);
}

/* --- raw LMDB, as a tamperer ------------------------------------------- */

typedef struct raw {
	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi dbi;
} raw;

static void raw_begin(raw *r, const char *dir, const char *table)
{
	assert_int_equal(mdb_env_create(&r->env), 0);
	assert_int_equal(mdb_env_set_maxdbs(r->env, 16), 0);
	assert_int_equal(mdb_env_set_mapsize(r->env, (size_t)64 << 20), 0);
	assert_int_equal(mdb_env_open(r->env, dir, MDB_NOTLS, 0660), 0);
	assert_int_equal(mdb_txn_begin(r->env, NULL, 0, &r->txn), 0);
	assert_int_equal(mdb_dbi_open(r->txn, table, 0, &r->dbi), 0);
}

static void raw_end(raw *r)
{
	assert_int_equal(mdb_txn_commit(r->txn), 0);
	mdb_env_close(r->env);
}

static void u64_key(unsigned char k[8], uint64_t v)
{
	store_put_u64(k, v);
}

static void rec_key(unsigned char k[9], dh_rtype type, uint64_t id)
{
	k[0] = (unsigned char)type;
	store_put_u64(k + 1, id);
}

/* A copy of a stored value (free it). */
static unsigned char *raw_get(const char *dir, const char *table, const void *key, size_t klen, size_t *len)
{
	raw r;
	raw_begin(&r, dir, table);
	MDB_val k = {klen, (void *)key}, v;
	assert_int_equal(mdb_get(r.txn, r.dbi, &k, &v), 0);
	unsigned char *copy = malloc(v.mv_size);
	memcpy(copy, v.mv_data, v.mv_size);
	*len = v.mv_size;
	raw_end(&r);
	return copy;
}

static void raw_put(const char *dir, const char *table, const void *key, size_t klen, const void *val,
                    size_t vlen)
{
	raw r;
	raw_begin(&r, dir, table);
	MDB_val k = {klen, (void *)key}, v = {vlen, (void *)val};
	assert_int_equal(mdb_put(r.txn, r.dbi, &k, &v, 0), 0);
	raw_end(&r);
}

static void raw_del(const char *dir, const char *table, const void *key, size_t klen)
{
	raw r;
	raw_begin(&r, dir, table);
	MDB_val k = {klen, (void *)key};
	assert_int_equal(mdb_del(r.txn, r.dbi, &k, NULL), 0);
	raw_end(&r);
}

/* Change the one byte AT of a stored value (XOR 1). */
static void raw_flip(const char *dir, const char *table, const void *key, size_t klen, size_t at)
{
	size_t n;
	unsigned char *v = raw_get(dir, table, key, klen, &n);
	assert_true(at < n);
	v[at] ^= 1;
	raw_put(dir, table, key, klen, v, n);
	free(v);
}

/* Where the bytes of S start in a stored value. */
static size_t find_in(const unsigned char *v, size_t n, const char *s)
{
	size_t l = strlen(s);
	for (size_t i = 0; i + l <= n; i++)
		if (memcmp(v + i, s, l) == 0)
			return i;
	fail_msg("“%s” is not in the value", s);
	return 0;
}

static void entry_bytes(const char *dir, uint64_t seq, unsigned char **v, size_t *n)
{
	unsigned char k[8];
	u64_key(k, seq);
	*v = raw_get(dir, "audit", k, sizeof(k), n);
}

static uint64_t last_seq(const char *dir)
{
	dh_store *st = open_db(dir);
	uint64_t seq;
	assert_int_equal(repo_last_id(st, DH_R_AUDIT, &seq), 0);
	store_close(st);
	return seq;
}

/* --- the chain --------------------------------------------------------- */

static void saves_link_the_chain(void **state)
{
	tmpdb *t = *state;
	dh_store *st = open_db(t->db);
	save_new(st, "Nguyễn Văn An");
	uint64_t b = save_new(st, "Trần Thị Bình");
	save_new(st, "Lê Văn Cường");
	rename_candidate(st, b, "Trần Thị Bích");
	store_close(st);

	unsigned char prev[DH_HASH_LEN] = {0};
	for (uint64_t seq = 1; seq <= 4; seq++) {
		unsigned char *v;
		size_t n;
		entry_bytes(t->db, seq, &v, &n);
		dh_audit_view view;
		assert_int_equal(record_audit_view(v, n, &view), 0);
		assert_non_null(view.prev);
		assert_non_null(view.records);
		assert_memory_equal(view.prev, prev, DH_HASH_LEN);
		unsigned char h[DH_HASH_LEN];
		verify_hash(view.after, view.after_len, h);
		assert_memory_equal(view.records, h, DH_HASH_LEN);
		if (seq == 4) {
			/* The last entry about #2 vouches for its stored bytes. */
			unsigned char k[9];
			size_t rn;
			rec_key(k, DH_R_CANDIDATE, b);
			unsigned char *rv = raw_get(t->db, "records", k, sizeof(k), &rn);
			verify_hash(rv, rn, h);
			assert_memory_equal(view.records, h, DH_HASH_LEN);
			free(rv);
			assert_non_null(view.before);
		}
		verify_hash(v, n, prev);
		free(v);
	}
	dh_verify_result res;
	assert_int_equal(verify_db(t->db, &res), 0);
	assert_int_equal(res.entries, 4);
	assert_int_equal(res.records, 3);
	assert_memory_equal(res.head, prev, DH_HASH_LEN);
	assert_string_equal(res.message, "");
}

typedef struct bulk_args {
	dh_candidate *c[20];
	dh_fostering *f[20];
} bulk_args;

static int bulk_fn(dh_repo_tx *tx, void *p)
{
	bulk_args *a = p;
	int rc = repo_bulk_begin(tx, "import", "danh-sach.csv");
	for (int i = 0; !rc && i < 20; i++) {
		rc = repo_tx_put(tx, "import", NULL, DH_R_CANDIDATE, a->c[i]);
		if (!rc) {
			a->f[i]->candidate_id = a->c[i]->meta.id;
			rc = repo_tx_put(tx, "import", NULL, DH_R_FOSTERING, a->f[i]);
		}
	}
	/* A record this write made, changed again before the commit: the
	 * entry covers it as committed. */
	if (!rc) {
		free(a->c[4]->name);
		a->c[4]->name = strdup("Phạm Thị Năm");
		rc = repo_tx_put(tx, "import", NULL, DH_R_CANDIDATE, a->c[4]);
	}
	return rc;
}

static void bulk_import(dh_store *st)
{
	bulk_args a;
	for (int i = 0; i < 20; i++) {
		char name[32];
		snprintf(name, sizeof(name), "Người số %d", i + 1);
		a.c[i] = candidate(name);
		a.f[i] = record_new(DH_R_FOSTERING);
		a.f[i]->date = 20210301;
		a.f[i]->description = strdup("Hướng dẫn viết sáng kiến");
	}
	assert_int_equal(repo_write(st, "tdkt", bulk_fn, &a), 0);
	for (int i = 0; i < 20; i++) {
		record_free(DH_R_CANDIDATE, a.c[i]);
		record_free(DH_R_FOSTERING, a.f[i]);
	}
}

static void a_bulk_entry_covers_its_records(void **state)
{
	tmpdb *t = *state;
	dh_store *st = open_db(t->db);
	save_new(st, "Trước khi nhập");
	bulk_import(st);
	store_close(st);
	/* Entry 1 the save; 2 the candidates 2..21; 3 the fostering 1..20. */
	for (uint64_t seq = 2; seq <= 3; seq++) {
		unsigned char *v;
		size_t n;
		entry_bytes(t->db, seq, &v, &n);
		dh_audit *a;
		assert_int_equal(record_audit_decode(v, n, &a), 0);
		dh_rtype type = seq == 2 ? DH_R_CANDIDATE : DH_R_FOSTERING;
		assert_int_equal(a->target_type, type);
		assert_int_equal(a->target_id, seq == 2 ? 2 : 1);
		assert_int_equal(a->last_id, seq == 2 ? 21 : 20);
		dh_cover c;
		verify_cover_begin(&c);
		for (uint64_t id = a->target_id; id <= a->last_id; id++) {
			unsigned char k[9];
			size_t rn;
			rec_key(k, type, id);
			unsigned char *rv = raw_get(t->db, "records", k, sizeof(k), &rn);
			verify_cover_add(&c, type, id, rv, rn);
			free(rv);
		}
		unsigned char want[DH_HASH_LEN];
		verify_cover_end(&c, want);
		dh_audit_view view;
		assert_int_equal(record_audit_view(v, n, &view), 0);
		assert_memory_equal(view.records, want, DH_HASH_LEN);
		record_free(DH_R_AUDIT, a);
		free(v);
	}
	assert_clean(t->db, 3, 41);

	/* Saved later in the app: the bulk entry still checks out, through
	 * the save's `before`. */
	st = open_db(t->db);
	rename_candidate(st, 7, "Đổi tên sau khi nhập");
	store_close(st);
	assert_clean(t->db, 4, 41);

	/* One byte of a record only the bulk entry wrote. */
	unsigned char k[9];
	rec_key(k, DH_R_CANDIDATE, 12);
	size_t n;
	unsigned char *v = raw_get(t->db, "records", k, sizeof(k), &n);
	raw_flip(t->db, "records", k, sizeof(k), find_in(v, n, "Người số 11"));
	free(v);
	assert_break(t->db, 2, "Hồ sơ điển hình #2–#21 khác với nội dung mục nhật ký số 2 đã ghi");
}

static void a_changed_record_byte_is_named(void **state)
{
	tmpdb *t = *state;
	dh_store *st = open_db(t->db);
	save_new(st, "Nguyễn Văn An");
	uint64_t b = save_new(st, "Trần Thị Bình");
	save_new(st, "Lê Văn Cường");
	rename_candidate(st, b, "Trần Thị Bích");
	save_new(st, "Phạm Văn Dũng");
	store_close(st);
	assert_clean(t->db, 5, 4);
	unsigned char k[9];
	rec_key(k, DH_R_CANDIDATE, b);
	size_t n;
	unsigned char *v = raw_get(t->db, "records", k, sizeof(k), &n);
	raw_flip(t->db, "records", k, sizeof(k), find_in(v, n, "Bích"));
	free(v);
	assert_break(t->db, 4, "Hồ sơ điển hình #2 (bản 2) khác với nội dung mục nhật ký số 4 đã ghi");
}

static void a_changed_entry_byte_is_named(void **state)
{
	tmpdb *t = *state;
	dh_store *st = open_db(t->db);
	for (int i = 0; i < 4; i++)
		save_new(st, "Nguyễn Văn An");
	store_close(st);
	unsigned char k[8];
	unsigned char *v;
	size_t n;
	/* Who made entry 2: its own bytes no longer hash to entry 3's link. */
	u64_key(k, 2);
	entry_bytes(t->db, 2, &v, &n);
	size_t who = find_in(v, n, "tdkt");
	free(v);
	raw_flip(t->db, "audit", k, sizeof(k), who);
	assert_break(t->db, 3, "Nhật ký bị sửa: mục số 3 không khớp với mục trước");
	raw_flip(t->db, "audit", k, sizeof(k), who);
	assert_clean(t->db, 4, 4);

	/* The record kept in entry 3 (its last byte before the two hashes):
	 * named at entry 3 itself. */
	u64_key(k, 3);
	entry_bytes(t->db, 3, &v, &n);
	free(v);
	raw_flip(t->db, "audit", k, sizeof(k), n - 2 * (3 + DH_HASH_LEN) - 1);
	assert_break(t->db, 3, "mục số 3");
}

static void a_missing_entry_is_named(void **state)
{
	tmpdb *t = *state;
	dh_store *st = open_db(t->db);
	for (int i = 0; i < 4; i++)
		save_new(st, "Nguyễn Văn An");
	store_close(st);
	unsigned char k[8];
	u64_key(k, 3);
	raw_del(t->db, "audit", k, sizeof(k));
	assert_break(t->db, 3, "Nhật ký bị sửa: thiếu mục số 3 (sau mục số 2 là mục số 4)");
	u64_key(k, 1);
	raw_del(t->db, "audit", k, sizeof(k));
	assert_break(t->db, 1, "thiếu mục số 1");
}

static void a_record_changed_then_saved_is_caught(void **state)
{
	tmpdb *t = *state;
	dh_store *st = open_db(t->db);
	uint64_t a = save_new(st, "Nguyễn Văn An");
	save_new(st, "Trần Thị Bình");
	store_close(st);
	/* Changed behind the program's back... */
	unsigned char k[9];
	rec_key(k, DH_R_CANDIDATE, a);
	size_t n;
	unsigned char *v = raw_get(t->db, "records", k, sizeof(k), &n);
	raw_flip(t->db, "records", k, sizeof(k), find_in(v, n, "An"));
	free(v);
	/* ... then saved in it: the record now matches its last entry, but
	 * that entry's `before` is not what entry 1 wrote. */
	st = open_db(t->db);
	rename_candidate(st, a, "Nguyễn Văn Anh");
	store_close(st);
	assert_break(t->db, 3,
	             "Hồ sơ điển hình #1 đã bị sửa ngoài chương trình giữa mục nhật ký số 1 và số 3");
}

static void a_record_no_entry_wrote_is_named(void **state)
{
	tmpdb *t = *state;
	dh_store *st = open_db(t->db);
	uint64_t a = save_new(st, "Nguyễn Văn An");
	store_close(st);
	unsigned char k[9], k2[9];
	rec_key(k, DH_R_CANDIDATE, a);
	rec_key(k2, DH_R_CANDIDATE, 99);
	size_t n;
	unsigned char *v = raw_get(t->db, "records", k, sizeof(k), &n);
	raw_put(t->db, "records", k2, sizeof(k2), v, n);
	free(v);
	assert_break(t->db, 0, "Hồ sơ điển hình #99 (bản 1) không do mục nhật ký nào ghi");
}

/* --- migration --------------------------------------------------------- */

/* Make T's database what schema 1 wrote: entries without their two hashes
 * (they were appended: cut them off), and "schema" 1. */
static void make_schema_1(const char *dir)
{
	raw r;
	raw_begin(&r, dir, "audit");
	MDB_cursor *c;
	assert_int_equal(mdb_cursor_open(r.txn, r.dbi, &c), 0);
	MDB_val k, v;
	int rc = mdb_cursor_get(c, &k, &v, MDB_FIRST);
	while (rc == 0) {
		dh_audit_view view;
		assert_int_equal(record_audit_view(v.mv_data, v.mv_size, &view), 0);
		size_t cut = (view.prev ? 3 + DH_HASH_LEN : 0) + (view.records ? 3 + DH_HASH_LEN : 0);
		/* Both copied: the put rewrites the page they point into. */
		unsigned char *copy = malloc(v.mv_size), key[8];
		memcpy(copy, v.mv_data, v.mv_size);
		assert_int_equal(k.mv_size, sizeof(key));
		memcpy(key, k.mv_data, sizeof(key));
		MDB_val nk = {sizeof(key), key}, nv = {v.mv_size - cut, copy};
		assert_int_equal(mdb_cursor_put(c, &nk, &nv, MDB_CURRENT), 0);
		free(copy);
		rc = mdb_cursor_get(c, &k, &v, MDB_NEXT);
	}
	assert_int_equal(rc, MDB_NOTFOUND);
	mdb_cursor_close(c);
	MDB_dbi meta;
	assert_int_equal(mdb_dbi_open(r.txn, "meta", 0, &meta), 0);
	unsigned char one[8];
	store_put_u64(one, 1);
	MDB_val mk = {6, "schema"}, mv = {8, one};
	assert_int_equal(mdb_put(r.txn, meta, &mk, &mv, 0), 0);
	raw_end(&r);
}

static void an_old_database_is_migrated_and_verifies_clean(void **state)
{
	tmpdb *t = *state;
	dh_store *st = open_db(t->db);
	save_new(st, "Nguyễn Văn An");
	uint64_t b = save_new(st, "Trần Thị Bình");
	bulk_import(st);
	rename_candidate(st, b, "Trần Thị Bích");
	store_close(st);
	make_schema_1(t->db);

	/* Without the record layer's step the store will not write it... */
	dh_store_opts plain = {0};
	assert_int_equal(store_open(&st, t->db, &plain), DH_EVERSION);
	/* ... read-only, it opens as it is, and verify says it is old. */
	dh_verify_result res;
	assert_int_equal(verify_db(t->db, &res), DH_ECORRUPT);
	assert_non_null(strstr(res.message, "phiên bản cũ"));

	st = open_db(t->db);
	assert_int_equal(store_schema(st), DH_SCHEMA_VERSION);
	uint64_t seq;
	assert_int_equal(repo_last_id(st, DH_R_AUDIT, &seq), 0);
	assert_int_equal(seq, 7); /* 5 old ones, the chain's and the counters' */
	store_close(st);
	unsigned char *v;
	size_t n;
	entry_bytes(t->db, 6, &v, &n);
	dh_audit *a;
	assert_int_equal(record_audit_decode(v, n, &a), 0);
	assert_string_equal(a->action, DH_AUDIT_CHAIN_ACTION);
	assert_string_equal(a->who, "tdkt");
	assert_int_equal(a->target_type, DH_R_AUDIT);
	assert_int_equal(a->last_id, 5);
	record_free(DH_R_AUDIT, a);
	free(v);
	entry_bytes(t->db, 7, &v, &n);
	assert_int_equal(record_audit_decode(v, n, &a), 0);
	assert_string_equal(a->action, DH_AUDIT_COUNTS_ACTION);
	assert_int_equal(a->target_type, DH_R_AUDIT);
	record_free(DH_R_AUDIT, a);
	free(v);
	assert_clean(t->db, 7, 42);

	/* A second open does not migrate again; the chain goes on. */
	st = open_db(t->db);
	rename_candidate(st, 3, "Sau khi nối chuỗi");
	save_new(st, "Mới sau khi nối chuỗi");
	store_close(st);
	assert_int_equal(last_seq(t->db), 9);
	assert_clean(t->db, 9, 43);

	/* A record from before the migration, changed: the migration's entry
	 * is the one that vouched for it. */
	unsigned char k[9];
	rec_key(k, DH_R_FOSTERING, 5);
	v = raw_get(t->db, "records", k, sizeof(k), &n);
	raw_flip(t->db, "records", k, sizeof(k), find_in(v, n, "Hướng"));
	free(v);
	assert_break(t->db, 6, "mục nhật ký số 6");
}

typedef struct writer_args {
	const char *dir;
} writer_args;

/* Another process saving while verify reads: new candidates, and edits of
 * the bulk-imported ones (whose check goes through the edit's `before`). */
static int keep_saving(void *p, int fd)
{
	writer_args *a = p;
	(void)fd;
	dh_store *st;
	if (repo_open(&st, a->dir, NULL, "tdkt"))
		return 1;
	int rc = 0;
	for (int i = 0; i < 150 && !rc; i++) {
		dh_candidate *c = candidate("Lưu song song");
		if (i % 2) {
			record_free(DH_R_CANDIDATE, c);
			if ((rc = repo_get(st, DH_R_CANDIDATE, 2 + (uint64_t)(i % 20), (void **)&c)))
				break;
			free(c->name);
			c->name = strdup("Sửa song song");
		}
		rc = repo_save(st, "tdkt", "save", NULL, DH_R_CANDIDATE, c);
		record_free(DH_R_CANDIDATE, c);
	}
	store_close(st);
	return rc ? 2 : 0;
}

static void verify_while_another_process_saves(void **state)
{
	tmpdb *t = *state;
	dh_store *st = open_db(t->db);
	save_new(st, "Trước khi nhập");
	bulk_import(st);
	store_close(st);
	writer_args a = {t->db};
	pid_t pid = spawn(keep_saving, &a, NULL);
	int clean = 0, runs = 0;
	for (;;) {
		int status;
		bool done = waitpid(pid, &status, WNOHANG) == pid;
		dh_verify_result res;
		int rc = verify_db(t->db, &res);
		/* Never a break: at worst "still being written". */
		if (rc != 0 && rc != DH_EBUSY)
			fail_msg("verify while saving: %s: %s", dh_strerror(rc), res.message);
		clean += rc == 0;
		runs++;
		if (done) {
			assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
			break;
		}
	}
	assert_true(clean > 0);
	assert_clean(t->db, 153, 116);
	(void)runs;
}

static void an_empty_database_verifies_clean(void **state)
{
	tmpdb *t = *state;
	store_close(open_db(t->db));
	assert_clean(t->db, 0, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(saves_link_the_chain, setup, teardown),
	    cmocka_unit_test_setup_teardown(a_bulk_entry_covers_its_records, setup, teardown),
	    cmocka_unit_test_setup_teardown(a_changed_record_byte_is_named, setup, teardown),
	    cmocka_unit_test_setup_teardown(a_changed_entry_byte_is_named, setup, teardown),
	    cmocka_unit_test_setup_teardown(a_missing_entry_is_named, setup, teardown),
	    cmocka_unit_test_setup_teardown(a_record_changed_then_saved_is_caught, setup, teardown),
	    cmocka_unit_test_setup_teardown(a_record_no_entry_wrote_is_named, setup, teardown),
	    cmocka_unit_test_setup_teardown(an_old_database_is_migrated_and_verifies_clean, setup, teardown),
	    cmocka_unit_test_setup_teardown(an_empty_database_verifies_clean, setup, teardown),
	    cmocka_unit_test_setup_teardown(verify_while_another_process_saves, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
