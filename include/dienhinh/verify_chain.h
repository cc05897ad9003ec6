/* verify_chain.h — the audit chain: what every audit entry vouches for,
 * and how an older database joins the chain (the check, `dienhinh verify`,
 * is verify.h).
 *
 * Where the hashes live: in the audit entry itself, as its last two fields
 * (record_audit_seal): `prev`, the SHA-256 of the stored bytes of the entry
 * before it (32 zero bytes for entry 1), and `records`, the SHA-256 of what
 * it wrote. So an entry's hash covers its link too, and the chain is one
 * walk of one table: no side table to keep in step, no second put per save.
 * A save hashes three times (its record, the entry before it, read back so
 * that no "tip" key in META is written on every save, and its own entry is
 * hashed by the next one): microseconds.
 *
 * What `records` is:
 * - an entry about one record: SHA-256 of the record's codec bytes as the
 *   change stored them (the entry's `after`);
 * - an entry about many (a bulk entry: records target_id..last_id of
 *   target_type; the migration's: every record there was): SHA-256 of one
 *   41-byte item per record in key order (type u8, id u64 big-endian,
 *   SHA-256 of its bytes as the write committed them). A digest per record
 *   rather than the bytes themselves, so that verify keeps 32 bytes for a
 *   record a later entry changed (that entry's `before` is what the bulk
 *   entry wrote) instead of the record.
 *
 * Migration (schema 1 -> 2, verify_migrate, run by store_open through
 * repo_open): in one write transaction every entry of schema 1 is sealed in
 * sequence order with its `prev` (its own bytes kept as they were: the
 * fields are appended), without `records`: what those entries wrote was
 * never hashed, and the records may have moved since. Then one entry of
 * its own, action "chain" (target: the entries 1..N it sealed, type
 * DH_R_AUDIT), whose `records` covers every record in the database at that
 * moment, as a bulk entry covers its own: from there on the records are
 * vouched for, and the entries before it are chained as they were found.
 *
 * What it does not do: someone who can write data.mdb can recompute the
 * whole chain, and can drop entries from its end. The chain makes a change
 * evident to anyone who compares the last entry's hash (verify prints it)
 * with one written down or kept elsewhere (a backup's). */
#ifndef DIENHINH_VERIFY_CHAIN_H
#define DIENHINH_VERIFY_CHAIN_H

#include "dienhinh/record.h"

#include <stddef.h>
#include <stdint.h>

typedef struct dh_stxn dh_stxn;

/* The action of the migration's entry. */
#define DH_AUDIT_CHAIN_ACTION "chain"

/* SHA-256 of N bytes at P. */
void verify_hash(const void *p, size_t n, unsigned char out[DH_HASH_LEN]);

/* The running hash of an entry about many records (the items above). The
 * state is libsodium's, kept opaque so that this header needs no sodium.h. */
typedef struct dh_cover {
	union {
		unsigned char bytes[128];
		uint64_t align;
	} state;
} dh_cover;
void verify_cover_begin(dh_cover *c);
/* The next record, in key order: its codec bytes, or their digest. */
void verify_cover_add(dh_cover *c, dh_rtype type, uint64_t id, const void *bytes, size_t n);
void verify_cover_digest(dh_cover *c, dh_rtype type, uint64_t id, const unsigned char digest[DH_HASH_LEN]);
void verify_cover_end(dh_cover *c, unsigned char out[DH_HASH_LEN]);

/* Inside a write: the records FIRST..LAST of TYPE as they stand in TXN,
 * covered (the `records` of a bulk entry). */
int verify_cover_range(dh_stxn *txn, dh_rtype type, uint64_t first, uint64_t last,
                       unsigned char out[DH_HASH_LEN]);
/* The last entry's sequence number (0: none) and the hash of its stored
 * bytes (zeros: none), the `prev` of the entry to come. */
int verify_chain_tip(dh_stxn *txn, uint64_t *seq, unsigned char hash[DH_HASH_LEN]);

/* Appends A, an entry the program writes on its own (a migration's), as
 * entry SEQ, the one after the tip PREV (verify_chain_tip), vouching for
 * RECORDS: its meta, time and author (A->who) are filled in here. */
int verify_append_entry(dh_stxn *txn, dh_audit *a, uint64_t seq, const unsigned char prev[DH_HASH_LEN],
                        const unsigned char records[DH_HASH_LEN]);

/* The dh_migrate_fn of the chain (store.h); CTX is the login (const char *)
 * written as the migration entry's `who`. */
int verify_migrate(dh_stxn *txn, uint64_t from, void *ctx);

#endif
