/* verify_chain.c — the audit chain's hashes, its tip, the system's own
 * entries, and the migration into the chain (verify_chain.h). */
#include "dienhinh/verify_chain.h"

#include "dienhinh/date.h"
#include "dienhinh/error.h"
#include "dienhinh/store.h"
#include "dienhinh/buf.h"

#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	REC_KEY = 9,
	ITEM = 1 + 8 + DH_HASH_LEN, /* a record covered: type, id, digest */
	/* Migration: entries read before they are sealed and put back. */
	MIGRATE_BATCH = 256,
};

_Static_assert(sizeof(crypto_hash_sha256_state) <= sizeof(((dh_cover *)0)->state.bytes),
               "dh_cover holds libsodium's state");

/* --- hashes ------------------------------------------------------------- */

void verify_hash(const void *p, size_t n, unsigned char out[DH_HASH_LEN])
{
	crypto_hash_sha256(out, p, n);
}

static crypto_hash_sha256_state *cover_state(dh_cover *c)
{
	return (crypto_hash_sha256_state *)(void *)c->state.bytes;
}

void verify_cover_begin(dh_cover *c)
{
	crypto_hash_sha256_init(cover_state(c));
}

void verify_cover_digest(dh_cover *c, dh_rtype type, uint64_t id, const unsigned char digest[DH_HASH_LEN])
{
	unsigned char item[ITEM];
	item[0] = (unsigned char)type;
	store_put_u64(item + 1, id);
	memcpy(item + 9, digest, DH_HASH_LEN);
	crypto_hash_sha256_update(cover_state(c), item, sizeof(item));
}

void verify_cover_add(dh_cover *c, dh_rtype type, uint64_t id, const void *bytes, size_t n)
{
	unsigned char d[DH_HASH_LEN];
	verify_hash(bytes, n, d);
	verify_cover_digest(c, type, id, d);
}

void verify_cover_end(dh_cover *c, unsigned char out[DH_HASH_LEN])
{
	crypto_hash_sha256_final(cover_state(c), out);
}

/* Records in key order, covered up to the id LAST (of their type). */
typedef struct range_ctx {
	dh_cover c;
	uint64_t last;
	uint64_t n; /* covered */
} range_ctx;

static int cover_one(const void *key, size_t klen, const void *val, size_t vlen, void *p)
{
	range_ctx *r = p;
	if (klen != REC_KEY)
		return DH_ECORRUPT;
	const unsigned char *k = key;
	uint64_t id = store_get_u64(k + 1);
	if (id > r->last)
		return 1;
	verify_cover_add(&r->c, (dh_rtype)k[0], id, val, vlen);
	r->n++;
	return 0;
}

int verify_cover_range(dh_stxn *txn, dh_rtype type, uint64_t first, uint64_t last,
                       unsigned char out[DH_HASH_LEN])
{
	unsigned char prefix = (unsigned char)type, from[REC_KEY];
	from[0] = prefix;
	store_put_u64(from + 1, first);
	range_ctx r = {.last = last};
	verify_cover_begin(&r.c);
	int rc = store_scan(txn, DH_T_RECORDS, &prefix, 1, from, sizeof(from), false, cover_one, &r);
	verify_cover_end(&r.c, out);
	return rc;
}

typedef struct tip_ctx {
	uint64_t seq;
	unsigned char *hash;
} tip_ctx;

static int take_tip(const void *key, size_t klen, const void *val, size_t vlen, void *p)
{
	tip_ctx *t = p;
	if (klen != 8)
		return DH_ECORRUPT;
	t->seq = store_get_u64(key);
	verify_hash(val, vlen, t->hash);
	return 1;
}

int verify_chain_tip(dh_stxn *txn, uint64_t *seq, unsigned char hash[DH_HASH_LEN])
{
	memset(hash, 0, DH_HASH_LEN);
	tip_ctx t = {0, hash};
	int rc = store_scan(txn, DH_T_AUDIT, NULL, 0, NULL, 0, true, take_tip, &t);
	*seq = rc ? 0 : t.seq;
	return rc;
}

int verify_append_entry(dh_stxn *txn, dh_audit *a, uint64_t seq, const unsigned char prev[DH_HASH_LEN],
                        const unsigned char records[DH_HASH_LEN])
{
	int64_t now = date_now();
	a->meta = (dh_meta){.id = seq, .rev = 1, .created_at = now, .created_by = a->who};
	a->at = now;
	dh_bytes out = {0};
	int rc = record_audit_encode(a, NULL, 0, NULL, 0, &out);
	if (!rc)
		rc = record_audit_seal(&out, prev, records);
	if (!rc) {
		unsigned char k[8];
		store_put_u64(k, seq);
		rc = store_append(txn, DH_T_AUDIT, k, sizeof(k), out.p, out.n);
	}
	free(out.p);
	return rc;
}

/* --- migration (schema 1 -> 2) ---------------------------------------- */

typedef struct old_entry {
	uint64_t seq;
	dh_bytes b;
} old_entry;

typedef struct migrate_ctx {
	old_entry batch[MIGRATE_BATCH];
	size_t n;
	int err;
} migrate_ctx;

static int take_old(const void *key, size_t klen, const void *val, size_t vlen, void *p)
{
	migrate_ctx *m = p;
	if (klen != 8)
		return DH_ECORRUPT;
	old_entry *e = &m->batch[m->n];
	/* Room for the two hashes too, so that sealing does not move it. */
	if (buf_reserve(&e->b.p, &e->b.cap, vlen + 2 * (3 + DH_HASH_LEN), 1))
		return DH_ENOMEM;
	memcpy(e->b.p, val, vlen);
	e->b.n = vlen;
	e->seq = store_get_u64(key);
	return ++m->n == MIGRATE_BATCH ? 1 : 0;
}

/* Seal every entry in order, then write the migration's own entry. */
static int migrate_chain(dh_stxn *txn, migrate_ctx *m, const char *who)
{
	unsigned char prev[DH_HASH_LEN] = {0}, k[8];
	uint64_t next = 1, sealed = 0, last = 0;
	int rc;
	for (;;) {
		m->n = 0;
		store_put_u64(k, next);
		/* Read a batch, then write it: no put under an open cursor. */
		if ((rc = store_scan(txn, DH_T_AUDIT, NULL, 0, k, sizeof(k), false, take_old, m)))
			return rc;
		for (size_t i = 0; i < m->n; i++) {
			old_entry *e = &m->batch[i];
			dh_audit_view v;
			if ((rc = record_audit_view(e->b.p, e->b.n, &v)))
				return rc;
			if (v.prev || v.records)
				return DH_ECORRUPT; /* schema 1 has no chain */
			if ((rc = record_audit_seal(&e->b, prev, NULL)))
				return rc;
			store_put_u64(k, e->seq);
			if ((rc = store_put(txn, DH_T_AUDIT, k, sizeof(k), e->b.p, e->b.n)))
				return rc;
			verify_hash(e->b.p, e->b.n, prev);
			last = e->seq;
			sealed++;
		}
		if (m->n < MIGRATE_BATCH)
			break;
		next = last + 1;
	}
	range_ctx all = {.last = UINT64_MAX};
	verify_cover_begin(&all.c);
	rc = store_scan(txn, DH_T_RECORDS, NULL, 0, NULL, 0, false, cover_one, &all);
	unsigned char records[DH_HASH_LEN];
	verify_cover_end(&all.c, records);
	if (rc)
		return rc;
	char summary[96], note[160];
	snprintf(summary, sizeof(summary), "{\"chained\":%llu,\"records\":%llu}", (unsigned long long)sealed,
	         (unsigned long long)all.n);
	snprintf(note, sizeof(note),
	         "Bắt đầu chuỗi băm: %llu mục nhật ký cũ được nối chuỗi, %llu hồ sơ được ghi nhận",
	         (unsigned long long)sealed, (unsigned long long)all.n);
	dh_audit a = {
	    .who = (char *)who,
	    .action = (char *)DH_AUDIT_CHAIN_ACTION,
	    .target_type = DH_R_AUDIT,
	    .target_id = sealed ? 1 : 0,
	    .last_id = sealed > 1 ? last : 0,
	    .after = summary,
	    .note = note,
	};
	return verify_append_entry(txn, &a, last + 1, prev, records);
}

int verify_migrate(dh_stxn *txn, uint64_t from, void *ctx)
{
	if (from != 1)
		return DH_EVERSION;
	const char *who = ctx && *(const char *)ctx ? ctx : "dienhinh";
	migrate_ctx *m = calloc(1, sizeof(*m));
	if (!m)
		return DH_ENOMEM;
	int rc = migrate_chain(txn, m, who);
	for (size_t i = 0; i < MIGRATE_BATCH; i++)
		free(m->batch[i].b.p);
	free(m);
	return rc;
}
