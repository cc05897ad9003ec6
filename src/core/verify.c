/* verify.c — the check of the audit chain, `dienhinh verify` (the hashes
 * and the migration are verify_chain.c; verify_chain.h says what each
 * entry vouches for).
 *
 * The check is two walks, each in short read transactions resumed by key:
 *
 * 1. The audit entries in sequence order: numbers without a gap, every
 *    `prev` the hash of the entry before, every one-record entry's `records`
 *    the hash of the record it holds, and every `before` the bytes the
 *    record's previous writer wrote (so a record changed behind the
 *    program's back and then saved in it is still caught). What it learns
 *    is, per record written by a one-record entry, the last such entry and
 *    the digest it wrote, and the entries about many records (bulk, the
 *    migration's) with the digests their records had before a later entry
 *    changed them.
 * 2. The records in key order: each one's digest against its last
 *    one-record writer, or fed, with the digest its many-record entry saw,
 *    into that entry's running hash, compared once all are read.
 *
 * Records never go away and entries are only appended, so what the first
 * walk learnt stays true while others write, but for the records they
 * change after it: a break the second walk meets while the log has grown
 * meanwhile is not trusted, and the check starts again. */
#include "dienhinh/verify.h"

#include "dienhinh/counts.h"
#include "dienhinh/error.h"
#include "dienhinh/store.h"
#include "dienhinh/buf.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	REC_KEY = 9,
	/* Per read transaction: short enough that a writer's pages are not
	 * pinned for long, long enough that opening one is no cost. */
	BATCH_ENTRIES = 1024,
	BATCH_RECORDS = 4096,
	RETRIES = 5,
};

/* The writers' map key: type << 56 | id (ids stay far below 2^56). */
#define ID_MASK ((UINT64_C(1) << 56) - 1)

/* --- the check: state ------------------------------------------------- */

/* A record last written by a one-record entry. */
typedef struct writer {
	uint64_t key; /* type << 56 | id; 0 = an empty slot */
	uint64_t seq; /* the entry */
	unsigned char digest[DH_HASH_LEN];
	/* The digest the record had when its many-record entry wrote it, met
	 * as the `before` of the first entry that changed it since. */
	unsigned char orig[DH_HASH_LEN];
	bool has_orig, seen;
} writer;

/* An entry about many records. */
typedef struct multi {
	uint64_t seq;
	int type; /* 0: the migration's, every record there was */
	uint64_t first, last;
	unsigned char want[DH_HASH_LEN];
	dh_cover c;
} multi;

typedef struct vstate {
	dh_verify_result *out;
	bool broken;
	writer *w;
	size_t w_cap, w_n;
	multi *m;
	size_t m_n, m_cap;
	bool has_mig, sealed_before;
	size_t mig;
	/* walk 1 */
	uint64_t next_seq;
	unsigned char prev[DH_HASH_LEN];
	uint64_t unsealed; /* first entry of schema 1 with no migration yet */
	size_t left;
	/* walk 2 */
	unsigned char from[REC_KEY];
	bool has_from, done;
	size_t *order; /* bulk entries by (type, first) */
	size_t n_order, pos;
} vstate;

static int brk(vstate *s, uint64_t seq, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* A break: said once, and the walk stops. */
static int brk(vstate *s, uint64_t seq, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s->out->message, sizeof(s->out->message), fmt, ap);
	va_end(ap);
	s->out->seq = seq;
	s->broken = true;
	return DH_ECORRUPT;
}

static uint64_t mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x;
}

static uint64_t wkey(int type, uint64_t id)
{
	return (uint64_t)type << 56 | (id & ID_MASK);
}

static writer *w_find(vstate *s, uint64_t key)
{
	if (!s->w_cap)
		return NULL;
	for (size_t i = mix(key) & (s->w_cap - 1);; i = (i + 1) & (s->w_cap - 1)) {
		if (s->w[i].key == key)
			return &s->w[i];
		if (!s->w[i].key)
			return NULL;
	}
}

static writer *w_slot(writer *w, size_t cap, uint64_t key)
{
	size_t i = mix(key) & (cap - 1);
	while (w[i].key)
		i = (i + 1) & (cap - 1);
	return &w[i];
}

/* A new writer for KEY (not there yet), or NULL on ENOMEM. */
static writer *w_add(vstate *s, uint64_t key)
{
	if ((s->w_n + 1) * 2 > s->w_cap) {
		size_t cap = s->w_cap ? s->w_cap * 2 : 1024;
		writer *w = calloc(cap, sizeof(*w));
		if (!w)
			return NULL;
		for (size_t i = 0; i < s->w_cap; i++)
			if (s->w[i].key)
				*w_slot(w, cap, s->w[i].key) = s->w[i];
		free(s->w);
		s->w = w;
		s->w_cap = cap;
	}
	writer *e = w_slot(s->w, s->w_cap, key);
	memset(e, 0, sizeof(*e));
	e->key = key;
	s->w_n++;
	return e;
}

static multi *m_add(vstate *s)
{
	if (buf_reserve(&s->m, &s->m_cap, s->m_n + 1, sizeof(*s->m)))
		return NULL;
	multi *e = &s->m[s->m_n++];
	memset(e, 0, sizeof(*e));
	verify_cover_begin(&e->c);
	return e;
}

/* Entry SEQ about records FIRST..LAST of TYPE (0: every record there
 * was), whose hash is WANT; NULL on ENOMEM. */
static multi *m_note(vstate *s, uint64_t seq, int type, uint64_t first, uint64_t last,
                     const unsigned char want[DH_HASH_LEN])
{
	multi *m = m_add(s);
	if (m) {
		m->seq = seq;
		m->type = type;
		m->first = first;
		m->last = last;
		memcpy(m->want, want, DH_HASH_LEN);
	}
	return m;
}

static void state_free(vstate *s)
{
	free(s->w);
	free(s->m);
	free(s->order);
}

static bool type_is_record(int type)
{
	return (type >= DH_R_CANDIDATE && type < DH_R_DRAFT) || type == DH_R_PLAN;
}

/* The many-record entry that wrote record ID of TYPE (walk 1: rare, a
 * plain search from the newest). */
static multi *owner_of(vstate *s, int type, uint64_t id)
{
	for (size_t i = s->m_n; i-- > 0;)
		if (s->m[i].type == type && s->m[i].first <= id && id <= s->m[i].last)
			return &s->m[i];
	return s->has_mig ? &s->m[s->mig] : NULL;
}

/* --- walk 1: the entries ---------------------------------------------- */

static int entry_records(vstate *s, uint64_t seq, const dh_audit *a, const dh_audit_view *v)
{
	if (a->action && strcmp(a->action, DH_AUDIT_CHAIN_ACTION) == 0 && a->target_type == DH_R_AUDIT) {
		/* Only the first sealed entry may start the records afresh. */
		if (!v->records || s->has_mig || s->sealed_before)
			return brk(s, seq, "Nhật ký bị sửa: mục số %llu nối chuỗi ở chỗ không được nối",
			           (unsigned long long)seq);
		if (!m_note(s, seq, 0, 0, 0, v->records))
			return DH_ENOMEM;
		s->has_mig = true;
		s->mig = s->m_n - 1;
		s->unsealed = 0;
		s->sealed_before = true;
		return 0;
	}
	if (a->action && strcmp(a->action, DH_AUDIT_COUNTS_ACTION) == 0 && a->target_type == DH_R_AUDIT) {
		/* The migration to the counters: it vouches for no record
		 * (its `records` is the hash of nothing). */
		unsigned char none[DH_HASH_LEN];
		verify_hash("", 0, none);
		if (!v->records || s->unsealed || memcmp(v->records, none, DH_HASH_LEN) != 0)
			return brk(s, seq, "Nhật ký bị sửa: mục số %llu (bắt đầu giữ số đếm) không đúng",
			           (unsigned long long)seq);
		s->sealed_before = true;
		return 0;
	}
	if (!v->records) {
		if (s->sealed_before)
			return brk(s, seq, "Nhật ký bị sửa: mục số %llu không có mã băm của hồ sơ nó ghi",
			           (unsigned long long)seq);
		/* Schema 1: history the migration's entry, still to come,
		 * chains without vouching for. */
		if (!s->unsealed)
			s->unsealed = seq;
		return 0;
	}
	if (s->unsealed)
		return brk(s, s->unsealed, "Nhật ký bị sửa: mục số %llu không có mã băm của hồ sơ nó ghi",
		           (unsigned long long)s->unsealed);
	s->sealed_before = true;
	int t = a->target_type;
	if (!type_is_record(t) || !a->target_id)
		return brk(s, seq, "Nhật ký bị sửa: mục số %llu không nói hồ sơ nào",
		           (unsigned long long)seq);
	if (a->last_id) {
		if (a->last_id < a->target_id)
			return brk(s, seq, "Nhật ký bị sửa: mục số %llu ghi một dãy hồ sơ không có",
			           (unsigned long long)seq);
		return m_note(s, seq, t, a->target_id, a->last_id, v->records) ? 0 : DH_ENOMEM;
	}
	unsigned char d[DH_HASH_LEN];
	if (!v->after)
		return brk(s, seq, "Nhật ký bị sửa: mục số %llu không giữ hồ sơ nó ghi",
		           (unsigned long long)seq);
	verify_hash(v->after, v->after_len, d);
	if (memcmp(d, v->records, DH_HASH_LEN) != 0)
		return brk(s, seq, "Nhật ký bị sửa: hồ sơ trong mục số %llu khác với mã băm mục ấy mang",
		           (unsigned long long)seq);
	uint64_t key = wkey(t, a->target_id);
	writer *w = w_find(s, key);
	if (v->before) {
		verify_hash(v->before, v->before_len, d);
		if (w && memcmp(d, w->digest, DH_HASH_LEN) != 0)
			return brk(
			    s, seq,
			    "%s #%llu đã bị sửa ngoài chương trình giữa mục nhật ký số %llu và số %llu",
			    record_type_label((dh_rtype)t), (unsigned long long)a->target_id,
			    (unsigned long long)w->seq, (unsigned long long)seq);
		if (!w) {
			if (!owner_of(s, t, a->target_id))
				return brk(s, seq,
				           "Nhật ký bị sửa: mục số %llu sửa %s #%llu mà chưa mục nào tạo ra",
				           (unsigned long long)seq, record_type_label((dh_rtype)t),
				           (unsigned long long)a->target_id);
			if (!(w = w_add(s, key)))
				return DH_ENOMEM;
			w->has_orig = true;
			memcpy(w->orig, d, DH_HASH_LEN);
		}
	} else {
		bool in_bulk = false;
		for (size_t i = 0; i < s->m_n && !in_bulk; i++)
			in_bulk = s->m[i].type == t && s->m[i].first <= a->target_id &&
			          a->target_id <= s->m[i].last;
		if (w || in_bulk)
			return brk(s, seq, "Nhật ký bị sửa: mục số %llu tạo %s #%llu đã có từ trước",
			           (unsigned long long)seq, record_type_label((dh_rtype)t),
			           (unsigned long long)a->target_id);
		if (!(w = w_add(s, key)))
			return DH_ENOMEM;
	}
	w->seq = seq;
	memcpy(w->digest, v->records, DH_HASH_LEN);
	return 0;
}

static int entry_one(const void *key, size_t klen, const void *val, size_t vlen, void *p)
{
	vstate *s = p;
	if (klen != 8)
		return brk(s, 0, "Nhật ký bị sửa: có một khóa không phải số thứ tự mục");
	uint64_t seq = store_get_u64(key);
	if (seq != s->next_seq) {
		if (s->next_seq == 1)
			return brk(s, 1, "Nhật ký bị sửa: thiếu mục số 1 (mục đầu tiên là số %llu)",
			           (unsigned long long)seq);
		return brk(s, s->next_seq,
		           "Nhật ký bị sửa: thiếu mục số %llu (sau mục số %llu là mục số %llu)",
		           (unsigned long long)s->next_seq, (unsigned long long)(s->next_seq - 1),
		           (unsigned long long)seq);
	}
	dh_audit_view v;
	void *rec = NULL;
	int rc = record_audit_view(val, vlen, &v);
	if (!rc)
		rc = record_decode(DH_R_AUDIT, val, vlen, &rec);
	if (rc == DH_ENOMEM)
		return rc;
	if (rc)
		return brk(s, seq, "Nhật ký bị sửa: mục số %llu không đọc được", (unsigned long long)seq);
	dh_audit *a = rec;
	if (a->meta.id != seq)
		rc = brk(s, seq, "Nhật ký bị sửa: mục số %llu mang số %llu", (unsigned long long)seq,
		         (unsigned long long)a->meta.id);
	else if (!v.prev)
		rc = brk(s, seq, "Nhật ký bị sửa: mục số %llu không có mã băm của mục trước",
		         (unsigned long long)seq);
	else if (memcmp(v.prev, s->prev, DH_HASH_LEN) != 0)
		rc = seq == 1 ? brk(s, 1, "Nhật ký bị sửa: mục số 1 không phải mục đầu của chuỗi")
		              : brk(s, seq,
		                    "Nhật ký bị sửa: mục số %llu không khớp với mục trước (mục số %llu hoặc "
		                    "mục này đã bị sửa)",
		                    (unsigned long long)seq, (unsigned long long)(seq - 1));
	if (!rc) {
		verify_hash(val, vlen, s->prev);
		s->next_seq = seq + 1;
		s->out->entries++;
		rc = entry_records(s, seq, a, &v);
	}
	record_free(DH_R_AUDIT, a);
	if (rc)
		return rc;
	return --s->left ? 0 : 1;
}

static int entries_batch(dh_stxn *txn, void *p)
{
	vstate *s = p;
	unsigned char from[8];
	store_put_u64(from, s->next_seq);
	s->left = BATCH_ENTRIES;
	return store_scan(txn, DH_T_AUDIT, NULL, 0, from, sizeof(from), false, entry_one, s);
}

/* --- walk 2: the records ---------------------------------------------- */

static int cmp_bulk(const void *a, const void *b, void *p)
{
	const multi *m = p, *x = &m[*(const size_t *)a], *y = &m[*(const size_t *)b];
	if (x->type != y->type)
		return x->type < y->type ? -1 : 1;
	return (x->first > y->first) - (x->first < y->first);
}

/* The bulk entry whose range holds (TYPE, ID), else the migration's: the
 * records come in key order, so the ranges are met in order too. */
static multi *owner_in_order(vstate *s, int type, uint64_t id)
{
	while (s->pos < s->n_order) {
		const multi *m = &s->m[s->order[s->pos]];
		if (m->type > type || (m->type == type && m->last >= id))
			break;
		s->pos++;
	}
	if (s->pos < s->n_order) {
		multi *m = &s->m[s->order[s->pos]];
		if (m->type == type && m->first <= id)
			return m;
	}
	return s->has_mig ? &s->m[s->mig] : NULL;
}

static void rev_text(int type, const void *val, size_t vlen, char *buf, size_t size)
{
	void *rec;
	if (record_decode((dh_rtype)type, val, vlen, &rec) == 0) {
		snprintf(buf, size, "bản %u", (unsigned)((const dh_meta *)rec)->rev);
		record_free((dh_rtype)type, rec);
	} else {
		snprintf(buf, size, "không đọc được");
	}
}

static int record_one(const void *key, size_t klen, const void *val, size_t vlen, void *p)
{
	vstate *s = p;
	if (klen != REC_KEY)
		return brk(s, 0, "Hồ sơ bị sửa: có một khóa hồ sơ hỏng");
	const unsigned char *k = key;
	int t = k[0];
	uint64_t id = store_get_u64(k + 1);
	memcpy(s->from, k, REC_KEY);
	s->has_from = true;
	s->out->records++;
	unsigned char d[DH_HASH_LEN];
	verify_hash(val, vlen, d);
	const unsigned char *fed = d;
	char rev[48];
	writer *w = w_find(s, wkey(t, id));
	if (w) {
		w->seen = true;
		if (memcmp(d, w->digest, DH_HASH_LEN) != 0) {
			rev_text(t, val, vlen, rev, sizeof(rev));
			return brk(s, w->seq, "%s #%llu (%s) khác với nội dung mục nhật ký số %llu đã ghi",
			           record_type_label((dh_rtype)t), (unsigned long long)id, rev,
			           (unsigned long long)w->seq);
		}
		if (!w->has_orig)
			return --s->left ? 0 : 1;
		fed = w->orig;
	}
	multi *o = owner_in_order(s, t, id);
	if (!o) {
		rev_text(t, val, vlen, rev, sizeof(rev));
		return brk(s, 0, "%s #%llu (%s) không do mục nhật ký nào ghi", record_type_label((dh_rtype)t),
		           (unsigned long long)id, rev);
	}
	verify_cover_digest(&o->c, (dh_rtype)t, id, fed);
	return --s->left ? 0 : 1;
}

static int records_batch(dh_stxn *txn, void *p)
{
	vstate *s = p;
	unsigned char from[REC_KEY];
	if (s->has_from) {
		/* Resume past the last key read: it plus one, big-endian. */
		memcpy(from, s->from, REC_KEY);
		int i = REC_KEY - 1;
		while (i >= 0 && ++from[i] == 0)
			i--;
		if (i < 0) {
			s->done = true;
			return 0;
		}
	}
	s->left = BATCH_RECORDS;
	uint64_t before = s->out->records;
	int rc = store_scan(txn, DH_T_RECORDS, NULL, 0, s->has_from ? from : NULL, s->has_from ? REC_KEY : 0,
	                    false, record_one, s);
	if (!rc && s->out->records - before < BATCH_RECORDS)
		s->done = true;
	return rc;
}

/* What walk 2 could only say once every record was read. */
static int records_end(vstate *s)
{
	for (size_t i = 0; i < s->m_n; i++) {
		multi *m = &s->m[i];
		unsigned char got[DH_HASH_LEN];
		verify_cover_end(&m->c, got);
		if (memcmp(got, m->want, DH_HASH_LEN) == 0)
			continue;
		if (!m->type)
			return brk(s, m->seq,
			           "Hồ sơ có từ trước mục nhật ký số %llu (nối chuỗi) khác với nội dung mục "
			           "ấy đã ghi",
			           (unsigned long long)m->seq);
		return brk(s, m->seq, "%s #%llu–#%llu khác với nội dung mục nhật ký số %llu đã ghi",
		           record_type_label((dh_rtype)m->type), (unsigned long long)m->first,
		           (unsigned long long)m->last, (unsigned long long)m->seq);
	}
	for (size_t i = 0; i < s->w_cap; i++) {
		const writer *w = &s->w[i];
		if (w->key && !w->seen)
			return brk(s, w->seq,
			           "%s #%llu mà mục nhật ký số %llu đã ghi không còn trong cơ sở dữ liệu",
			           record_type_label((dh_rtype)(w->key >> 56)),
			           (unsigned long long)(w->key & ID_MASK), (unsigned long long)w->seq);
	}
	return 0;
}

/* --- the check -------------------------------------------------------- */

static int check_once(dh_store *st, vstate *s, bool *walk2)
{
	*walk2 = false;
	s->next_seq = 1;
	int rc;
	do {
		uint64_t before = s->out->entries;
		if ((rc = store_read(st, entries_batch, s)))
			return rc;
		if (s->out->entries - before < BATCH_ENTRIES)
			break;
	} while (1);
	if (s->unsealed)
		return brk(
		    s, s->unsealed,
		    "Nhật ký chưa nối chuỗi từ mục số %llu: mở cơ sở dữ liệu một lần bằng phiên bản này để "
		    "nâng cấp",
		    (unsigned long long)s->unsealed);
	memcpy(s->out->head, s->prev, DH_HASH_LEN);
	*walk2 = true;
	for (size_t i = 0; i < s->m_n; i++)
		if (s->m[i].type)
			s->n_order++;
	if (s->n_order && !(s->order = malloc(s->n_order * sizeof(*s->order))))
		return DH_ENOMEM;
	for (size_t i = 0, o = 0; i < s->m_n; i++)
		if (s->m[i].type)
			s->order[o++] = i;
	if (s->n_order)
		qsort_r(s->order, s->n_order, sizeof(*s->order), cmp_bulk, s->m);
	while (!s->done)
		if ((rc = store_read(st, records_batch, s)))
			return rc;
	return records_end(s);
}

static int tip_fn(dh_stxn *txn, void *p)
{
	unsigned char h[DH_HASH_LEN];
	return verify_chain_tip(txn, p, h);
}

int verify_run(dh_store *st, dh_verify_result *out)
{
	int rc = 0;
	for (int attempt = 0; attempt < RETRIES; attempt++) {
		memset(out, 0, sizeof(*out));
		if (store_schema(st) < 2) {
			snprintf(out->message, sizeof(out->message),
			         "Cơ sở dữ liệu ở phiên bản cũ (lược đồ %llu), nhật ký chưa nối chuỗi: mở nó "
			         "một lần "
			         "bằng phiên bản này (không chỉ đọc) để nâng cấp",
			         (unsigned long long)store_schema(st));
			return DH_ECORRUPT;
		}
		vstate s = {.out = out};
		bool walk2;
		rc = check_once(st, &s, &walk2);
		bool broken = s.broken;
		uint64_t walked = s.next_seq - 1;
		state_free(&s);
		if (!rc && store_schema(st) >= DH_SCHEMA_VERSION)
			/* One read transaction: the counters and the records
			 * they count are of the same moment. */
			return counts_check(st, &out->counters, out->message, sizeof(out->message));
		if (rc != DH_ECORRUPT || !broken)
			return rc;
		/* A break among the records while the log grew since the walk
		 * of entries: someone saved meanwhile; look again. */
		uint64_t tip = 0;
		if (!walk2 || store_read(st, tip_fn, &tip) || tip == walked)
			return rc;
	}
	/* Writes never let a break be seen twice on the same log: not a
	 * verdict either way. */
	memset(out, 0, sizeof(*out));
	snprintf(out->message, sizeof(out->message),
	         "Cơ sở dữ liệu đang được ghi liên tục, chưa kiểm tra xong: hãy chạy lại sau");
	return DH_EBUSY;
}
