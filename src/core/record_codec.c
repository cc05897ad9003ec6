/* record_codec.c — the on-disk codec of records and audit entries.
 *
 * Encoding format, version 1
 * ==========================
 *
 * A stored record is a byte string:
 *
 *   byte 0      format version (RECORD_FORMAT = 1)
 *   byte 1      record type (dh_rtype), must match the type asked for
 *   bytes 2..   zero or more fields, each:
 *                 tag        u8  the field's tag from its table (never reused)
 *                 wire type  u8  how the payload is laid out:
 *                   0 WIRE_VARINT    unsigned LEB128 varint (<= 10 bytes)
 *                   1 WIRE_ZIGZAG    signed value, zigzag-mapped, then varint
 *                   2 WIRE_BYTES     varint length, then that many bytes
 *                   3 WIRE_STRLIST   varint count, then count x (varint
 *                                    length, bytes)
 *                   4 WIRE_IDLIST    varint count, then count x varint
 *                 payload
 *
 * Field type to wire type: STR -> BYTES; INT, I64, DATE -> ZIGZAG; U32, ID,
 * BOOL -> VARINT; STRLIST -> STRLIST; IDLIST -> IDLIST.
 *
 * Fields holding their zero value (0, false, NULL string, empty list) are
 * left out; a NULL string and "" differ (the latter is written, length 0).
 * Tags 1..8 are the dh_meta fields, shared by every type; a type's own
 * fields start at tag 16. Adding a field means a new tag: older programs skip
 * tags they do not know (the wire type says how), so the format version only
 * changes for a change older programs could not skip.
 *
 * An audit entry (record_audit_encode) is a dh_audit in this format whose
 * before/after strings are usually absent; the records before and after
 * the change follow as two more fields, tags AUDIT_BEFORE and AUDIT_AFTER
 * (WIRE_BYTES), each a whole record in this format. A reader that does not
 * know those tags skips them as any unknown field. Since schema 2 an entry
 * ends with two more, AUDIT_PREV and AUDIT_RECORDS (WIRE_BYTES of 32): the
 * SHA-256 of the entry before it and of what it wrote (verify.h). They are
 * appended to the bytes record_audit_encode made (record_audit_seal), so the
 * migration seals an entry of schema 1 without re-encoding it.
 *
 * Decoding trusts nothing: every length and count is checked against the
 * bytes left, a known tag must carry its expected wire type and appear once,
 * numbers must fit their C type (bool is 0 or 1), strings must be valid
 * UTF-8 without NUL bytes. Any violation is DH_ECORRUPT, never a crash or an
 * unbounded allocation (a count can never exceed the bytes that remain).
 * Encoding refuses strings that are not valid UTF-8 (DH_EINVAL), so whatever
 * is stored decodes again. */
#include "dienhinh/record.h"

#include "dienhinh/error.h"
#include "dienhinh/utf8.h"
#include "record_internal.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

enum {
	RECORD_FORMAT = 1,
	WIRE_VARINT = 0,
	WIRE_ZIGZAG = 1,
	WIRE_BYTES = 2,
	WIRE_STRLIST = 3,
	WIRE_IDLIST = 4,
	/* Fields of a stored audit entry past its table: the records. */
	AUDIT_BEFORE = 40,
	AUDIT_AFTER = 41,
	/* ... and the chain (record_audit_seal): always last. */
	AUDIT_PREV = 42,
	AUDIT_RECORDS = 43,
};

/* --- encoding ---------------------------------------------------------- */

static void put_varint(record_buf *b, uint64_t v)
{
	if (!rb_room(b, 10))
		return;
	while (v >= 0x80) {
		b->p[b->n++] = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	b->p[b->n++] = (unsigned char)v;
}

static uint64_t zigzag(int64_t v)
{
	/* All ones for a negative value, without shifting a signed one. */
	uint64_t sign = v < 0 ? UINT64_MAX : 0;
	return ((uint64_t)v << 1) ^ sign;
}

static int64_t unzigzag(uint64_t v)
{
	return (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
}

static void put_head(record_buf *b, uint8_t tag, uint8_t wire)
{
	if (rb_room(b, 2)) {
		b->p[b->n++] = tag;
		b->p[b->n++] = wire;
	}
}

/* A number field, left out when it is 0 (zigzag keeps 0 as 0): what is
 * not there decodes as 0. */
static void put_number(record_buf *b, uint8_t tag, uint8_t wire, uint64_t v)
{
	if (v) {
		put_head(b, tag, wire);
		put_varint(b, v);
	}
}

static int put_bytes(record_buf *b, const char *s, bool check)
{
	size_t n = strlen(s);
	if (check && !utf8_valid(s, n))
		return DH_EINVAL;
	put_varint(b, n);
	rb_add(b, s, n);
	return 0;
}

static int encode_field(record_buf *b, const void *rec, const dh_field *f, bool check)
{
	const void *p = field_cptr(rec, f);
	switch (f->type) {
	case DH_F_STR: {
		const char *s = *(char *const *)p;
		if (!s)
			return 0;
		put_head(b, f->tag, WIRE_BYTES);
		return put_bytes(b, s, check);
	}
	case DH_F_INT:
	case DH_F_I64:
	case DH_F_DATE: put_number(b, f->tag, WIRE_ZIGZAG, zigzag(field_get_int(rec, f))); return 0;
	case DH_F_U32:
	case DH_F_ID:
	case DH_F_BOOL: put_number(b, f->tag, WIRE_VARINT, field_get_uint(rec, f)); return 0;
	case DH_F_STRLIST:
	case DH_F_IDLIST: {
		const dh_strlist *strs = p;
		const dh_idlist *ids = p;
		bool text = f->type == DH_F_STRLIST;
		size_t n = field_list_len(rec, f);
		if (!n)
			return 0;
		put_head(b, f->tag, text ? WIRE_STRLIST : WIRE_IDLIST);
		put_varint(b, n);
		for (size_t i = 0; i < n; i++) {
			int rc = !text        ? (put_varint(b, ids->v[i]), 0)
			         : strs->v[i] ? put_bytes(b, strs->v[i], check)
			                      : DH_EINVAL;
			if (rc)
				return rc;
		}
		return 0;
	}
	}
	return DH_EINVAL;
}

static int encode(dh_rtype type, const void *rec, record_buf *b, bool check)
{
	const dh_schema *s = record_schema(type);
	if (!s || !rec)
		return DH_EINVAL;
	b->n = 0;
	b->oom = false;
	rb_byte(b, RECORD_FORMAT);
	rb_byte(b, (unsigned char)type);
	for (size_t i = 0; i < s->n_fields; i++) {
		int rc = encode_field(b, rec, &s->fields[i], check);
		if (rc)
			return rc;
	}
	return b->oom ? DH_ENOMEM : 0;
}

int record_encode(dh_rtype type, const void *rec, unsigned char **out, size_t *len)
{
	record_buf b = {0};
	int rc = encode(type, rec, &b, true);
	*out = NULL;
	*len = 0;
	if (rc) {
		free(b.p);
		return rc;
	}
	*out = b.p;
	*len = b.n;
	return 0;
}

int record_encode_bytes(dh_rtype type, const void *rec, dh_bytes *out, bool trusted)
{
	record_buf b = {out->p, 0, out->cap, false};
	int rc = encode(type, rec, &b, !trusted);
	out->p = b.p;
	out->cap = b.cap;
	out->n = rc ? 0 : b.n;
	return rc;
}

/* --- decoding ---------------------------------------------------------- */

typedef struct reader {
	const unsigned char *p, *end;
} reader;

static int get_varint(reader *r, uint64_t *out)
{
	uint64_t v = 0;
	for (unsigned shift = 0; shift < 64; shift += 7) {
		if (r->p >= r->end)
			return DH_ECORRUPT;
		unsigned char c = *r->p++;
		/* The tenth byte holds bit 63 only. */
		if (shift == 63 && c > 1)
			return DH_ECORRUPT;
		v |= (uint64_t)(c & 0x7f) << shift;
		if (!(c & 0x80)) {
			*out = v;
			return 0;
		}
	}
	return DH_ECORRUPT;
}

/* A length or count: at most the bytes left (every item takes >= 1 byte),
 * so nothing is ever allocated for bytes that are not there. */
static int get_size(reader *r, size_t *out)
{
	uint64_t v;
	if (get_varint(r, &v) || v > (uint64_t)(r->end - r->p))
		return DH_ECORRUPT;
	*out = (size_t)v;
	return 0;
}

static int get_string(reader *r, char **out)
{
	size_t n;
	if (get_size(r, &n))
		return DH_ECORRUPT;
	const char *s = (const char *)r->p;
	if (memchr(s, 0, n) || !utf8_valid(s, n))
		return DH_ECORRUPT;
	char *c = malloc(n + 1);
	if (!c)
		return DH_ENOMEM;
	memcpy(c, s, n);
	c[n] = 0;
	r->p += n;
	*out = c;
	return 0;
}

/* A list's count into *N and room for its items, N of SIZE bytes, zeroed
 * (so that a list read halfway frees as it is; NULL when empty). *RC
 * DH_ECORRUPT (a count past the bytes left) or DH_ENOMEM, *N then 0. */
static void *get_items(reader *r, size_t size, size_t *n, int *rc)
{
	size_t k;
	void *v = NULL;
	*n = 0;
	*rc = get_size(r, &k) ? DH_ECORRUPT : 0;
	if (!*rc && k && !(v = calloc(k, size)))
		*rc = DH_ENOMEM;
	if (!*rc)
		*n = k;
	return v;
}

/* One payload of wire type WIRE (a list's item: WIRE_BYTES or
 * WIRE_VARINT) passed over. */
static int skip_payload(reader *r, unsigned wire)
{
	uint64_t v;
	size_t n, k;
	switch (wire) {
	case WIRE_VARINT:
	case WIRE_ZIGZAG: return get_varint(r, &v);
	case WIRE_BYTES:
		if (get_size(r, &n))
			return DH_ECORRUPT;
		r->p += n;
		return 0;
	case WIRE_STRLIST:
	case WIRE_IDLIST:
		if (get_size(r, &k))
			return DH_ECORRUPT;
		while (k--)
			if (skip_payload(r, wire == WIRE_STRLIST ? WIRE_BYTES : WIRE_VARINT))
				return DH_ECORRUPT;
		return 0;
	}
	return DH_ECORRUPT;
}

static unsigned wire_of(dh_ftype t)
{
	switch (t) {
	case DH_F_STR: return WIRE_BYTES;
	case DH_F_INT:
	case DH_F_I64:
	case DH_F_DATE: return WIRE_ZIGZAG;
	case DH_F_U32:
	case DH_F_ID:
	case DH_F_BOOL: return WIRE_VARINT;
	case DH_F_STRLIST: return WIRE_STRLIST;
	case DH_F_IDLIST: return WIRE_IDLIST;
	}
	return 255;
}

static int decode_field(reader *r, void *rec, const dh_field *f)
{
	void *p = field_ptr(rec, f);
	uint64_t u;
	switch (f->type) {
	case DH_F_STR: return get_string(r, (char **)p);
	case DH_F_INT:
	case DH_F_DATE:
	case DH_F_I64: {
		if (get_varint(r, &u))
			return DH_ECORRUPT;
		int64_t v = unzigzag(u);
		if (f->type == DH_F_I64) {
			*(int64_t *)p = v;
			return 0;
		}
		if (v < INT_MIN || v > INT_MAX)
			return DH_ECORRUPT;
		*(int *)p = (int)v;
		return 0;
	}
	case DH_F_U32:
		if (get_varint(r, &u) || u > UINT32_MAX)
			return DH_ECORRUPT;
		*(uint32_t *)p = (uint32_t)u;
		return 0;
	case DH_F_ID: return get_varint(r, (uint64_t *)p);
	case DH_F_BOOL:
		if (get_varint(r, &u) || u > 1)
			return DH_ECORRUPT;
		*(bool *)p = u == 1;
		return 0;
	case DH_F_STRLIST: {
		dh_strlist *l = p;
		int rc;
		l->v = get_items(r, sizeof(*l->v), &l->n, &rc);
		for (size_t i = 0; !rc && i < l->n; i++)
			rc = get_string(r, &l->v[i]);
		return rc;
	}
	case DH_F_IDLIST: {
		dh_idlist *l = p;
		int rc;
		l->v = get_items(r, sizeof(*l->v), &l->n, &rc);
		for (size_t i = 0; !rc && i < l->n; i++)
			rc = get_varint(r, &l->v[i]) ? DH_ECORRUPT : 0;
		return rc;
	}
	}
	return DH_ECORRUPT;
}

static const dh_field *field_by_tag(const dh_schema *s, unsigned tag)
{
	/* Tables are short and in tag order; a linear walk beats anything
	 * cleverer at this size. */
	for (size_t i = 0; i < s->n_fields; i++)
		if (s->fields[i].tag == tag)
			return &s->fields[i];
	return NULL;
}

int record_decode(dh_rtype type, const void *data, size_t len, void **out)
{
	const dh_schema *s = record_schema(type);
	*out = NULL;
	if (!s)
		return DH_EINVAL;
	const unsigned char *b = data;
	if (!b || len < 2 || b[0] != RECORD_FORMAT || b[1] != (unsigned char)type)
		return DH_ECORRUPT;
	void *rec = calloc(1, s->size);
	if (!rec)
		return DH_ENOMEM;
	reader r = {b + 2, b + len};
	uint64_t seen[4] = {0};
	int rc = 0;
	while (r.p < r.end) {
		if (r.end - r.p < 2) {
			rc = DH_ECORRUPT;
			break;
		}
		unsigned tag = r.p[0], wire = r.p[1];
		r.p += 2;
		const dh_field *f = field_by_tag(s, tag);
		if (!f) {
			if ((rc = skip_payload(&r, wire)))
				break;
			continue;
		}
		if (wire != wire_of(f->type) || (seen[tag / 64] >> (tag % 64) & 1)) {
			rc = DH_ECORRUPT;
			break;
		}
		seen[tag / 64] |= (uint64_t)1 << (tag % 64);
		if ((rc = decode_field(&r, rec, f)))
			break;
	}
	if (rc) {
		record_free(type, rec);
		return rc;
	}
	*out = rec;
	return 0;
}

/* --- audit entries ---------------------------------------------------- */

static void put_record_field(record_buf *b, uint8_t tag, const void *rec, size_t len)
{
	put_head(b, tag, WIRE_BYTES);
	put_varint(b, len);
	rb_add(b, rec, len);
}

int record_audit_encode(const dh_audit *a, const void *before, size_t before_len, const void *after,
                        size_t after_len, dh_bytes *out)
{
	record_buf b = {out->p, 0, out->cap, false};
	int rc = encode(DH_R_AUDIT, a, &b, true);
	if (!rc && before)
		put_record_field(&b, AUDIT_BEFORE, before, before_len);
	if (!rc && after)
		put_record_field(&b, AUDIT_AFTER, after, after_len);
	if (!rc && b.oom)
		rc = DH_ENOMEM;
	out->p = b.p;
	out->cap = b.cap;
	out->n = rc ? 0 : b.n;
	return rc;
}

/* The record kept as codec bytes, as JSON text in *OUT (left alone when
 * OUT already holds text). */
static int audit_json(int type, const unsigned char *p, size_t n, char **out)
{
	if (*out || !p)
		return 0;
	if (!record_schema((dh_rtype)type) || type == DH_R_AUDIT)
		return DH_ECORRUPT;
	void *rec;
	int rc = record_decode((dh_rtype)type, p, n, &rec);
	if (rc)
		return rc;
	*out = record_to_json((dh_rtype)type, rec);
	record_free((dh_rtype)type, rec);
	return *out ? 0 : DH_ENOMEM;
}

int record_audit_seal(dh_bytes *entry, const unsigned char prev[DH_HASH_LEN], const unsigned char *records)
{
	record_buf b = {entry->p, entry->n, entry->cap, false};
	put_record_field(&b, AUDIT_PREV, prev, DH_HASH_LEN);
	if (records)
		put_record_field(&b, AUDIT_RECORDS, records, DH_HASH_LEN);
	entry->p = b.p;
	entry->cap = b.cap;
	if (b.oom)
		return DH_ENOMEM;
	entry->n = b.n;
	return 0;
}

int record_audit_view(const void *data, size_t len, dh_audit_view *out)
{
	memset(out, 0, sizeof(*out));
	const unsigned char *b = data;
	if (!b || len < 2 || b[0] != RECORD_FORMAT || b[1] != DH_R_AUDIT)
		return DH_ECORRUPT;
	const unsigned char *part[4] = {NULL, NULL, NULL, NULL};
	size_t part_len[4] = {0, 0, 0, 0};
	reader r = {b + 2, b + len};
	while (r.p < r.end) {
		if (r.end - r.p < 2)
			return DH_ECORRUPT;
		unsigned tag = r.p[0], wire = r.p[1];
		r.p += 2;
		if (tag < AUDIT_BEFORE || tag > AUDIT_RECORDS || wire != WIRE_BYTES) {
			if (skip_payload(&r, wire))
				return DH_ECORRUPT;
			continue;
		}
		unsigned i = tag - AUDIT_BEFORE;
		size_t n;
		if (part[i] || get_size(&r, &n))
			return DH_ECORRUPT;
		part[i] = r.p;
		part_len[i] = n;
		r.p += n;
	}
	if ((part[2] && part_len[2] != DH_HASH_LEN) || (part[3] && part_len[3] != DH_HASH_LEN))
		return DH_ECORRUPT;
	*out = (dh_audit_view){part[0], part[1], part_len[0], part_len[1], part[2], part[3]};
	return 0;
}

int record_audit_decode(const void *data, size_t len, dh_audit **out)
{
	void *rec;
	*out = NULL;
	int rc = record_decode(DH_R_AUDIT, data, len, &rec);
	if (rc)
		return rc;
	dh_audit *a = rec;
	/* record_decode checked the framing of every field; find the ones it
	 * skipped. */
	dh_audit_view v;
	rc = record_audit_view(data, len, &v);
	if (!rc)
		rc = audit_json(a->target_type, v.before, v.before_len, &a->before);
	if (!rc)
		rc = audit_json(a->target_type, v.after, v.after_len, &a->after);
	if (rc) {
		record_free(DH_R_AUDIT, a);
		return rc;
	}
	*out = a;
	return 0;
}
