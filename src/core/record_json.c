/* record_json.c — a record as JSON text (record.h), and what changed
 * between two of the same type. */
#include "dienhinh/record.h"

#include "dienhinh/error.h"
#include "dienhinh/utf8.h"
#include "record_internal.h"

#include <stdlib.h>
#include <string.h>

/* --- JSON -------------------------------------------------------------- */

/* Bytes that go out as they are: printable ASCII but the quote and the
 * backslash, and UTF-8 lead/continuation bytes other than the two that can
 * start a sequence needing an escape (C2 for C1 controls, E2 for U+2028/9). */
static bool json_plain(unsigned char c)
{
	return (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') || (c >= 0x80 && c != 0xc2 && c != 0xe2);
}

static void json_string(record_buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	rb_byte(b, '"');
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		const unsigned char *run = p;
		while (json_plain(*p))
			p++;
		rb_add(b, run, (size_t)(p - run));
		unsigned c = *p;
		if (!c)
			break;
		/* Letters go out as they are; what a terminal or a JSON reader
		 * could trip on is escaped: C0, DEL, C1 (U+0080..U+009F, bytes
		 * C2 80..C2 9F) and the JavaScript line breaks U+2028/U+2029. */
		if (c == '"' || c == '\\') {
			rb_byte(b, '\\');
			rb_byte(b, (unsigned char)c);
		} else if (c == '\n') {
			rb_str(b, "\\n");
		} else if (c == '\t') {
			rb_str(b, "\\t");
		} else if (c == '\r') {
			rb_str(b, "\\r");
		} else if (c < 0x20 || c == 0x7f) {
			char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
			rb_add(b, e, 6);
		} else if (c == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			char e[6] = {'\\', 'u', '0', '0', hex[p[1] >> 4], hex[p[1] & 15]};
			rb_add(b, e, 6);
			p++;
		} else if (c == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9)) {
			rb_str(b, p[2] == 0xa8 ? "\\u2028" : "\\u2029");
			p += 2;
		} else {
			rb_byte(b, (unsigned char)c);
		}
		p++;
	}
	rb_byte(b, '"');
}

static void json_u64(record_buf *b, uint64_t v)
{
	char t[24];
	int i = (int)sizeof(t);
	do {
		t[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	rb_add(b, t + i, sizeof(t) - (size_t)i);
}

static void json_i64(record_buf *b, int64_t v)
{
	if (v < 0) {
		rb_byte(b, '-');
		json_u64(b, (uint64_t)0 - (uint64_t)v);
	} else {
		json_u64(b, (uint64_t)v);
	}
}

static void json_date(record_buf *b, int ymd)
{
	if (!ymd) {
		rb_str(b, "null");
		return;
	}
	int y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
	if (ymd < 0 || y > 9999) {
		json_i64(b, ymd); /* not a date: show the number, lose nothing */
		return;
	}
	char t[16] = {'"',
	              (char)('0' + y / 1000),
	              (char)('0' + y / 100 % 10),
	              (char)('0' + y / 10 % 10),
	              (char)('0' + y % 10),
	              '-',
	              (char)('0' + m / 10),
	              (char)('0' + m % 10),
	              '-',
	              (char)('0' + d / 10),
	              (char)('0' + d % 10),
	              '"'};
	rb_add(b, t, 12);
}

static void json_field(record_buf *b, const void *rec, const dh_field *f)
{
	const void *p = field_cptr(rec, f);
	switch (f->type) {
	case DH_F_STR: {
		const char *s = *(char *const *)p;
		if (s)
			json_string(b, s);
		else
			rb_str(b, "null");
		break;
	}
	case DH_F_INT:
	case DH_F_I64: json_i64(b, field_get_int(rec, f)); break;
	case DH_F_DATE: json_date(b, *(const int *)p); break;
	case DH_F_U32:
	case DH_F_ID: json_u64(b, field_get_uint(rec, f)); break;
	case DH_F_BOOL: rb_str(b, *(const bool *)p ? "true" : "false"); break;
	case DH_F_STRLIST:
	case DH_F_IDLIST: {
		const dh_strlist *strs = p;
		const dh_idlist *ids = p;
		rb_byte(b, '[');
		for (size_t i = 0; i < field_list_len(rec, f); i++) {
			if (i)
				rb_byte(b, ',');
			if (f->type == DH_F_STRLIST)
				json_string(b, strs->v[i] ? strs->v[i] : "");
			else
				json_u64(b, ids->v[i]);
		}
		rb_byte(b, ']');
		break;
	}
	}
}

static int to_json(dh_rtype type, const void *rec, record_buf *b)
{
	const dh_schema *s = record_schema(type);
	if (!s || !rec)
		return DH_EINVAL;
	b->n = 0;
	b->oom = false;
	rb_byte(b, '{');
	for (size_t i = 0; i < s->n_fields; i++) {
		if (i)
			rb_byte(b, ',');
		rb_byte(b, '"');
		rb_str(b, s->fields[i].name);
		rb_str(b, "\":");
		json_field(b, rec, &s->fields[i]);
	}
	rb_byte(b, '}');
	rb_byte(b, 0);
	if (b->oom)
		return DH_ENOMEM;
	b->n--; /* the NUL is there, not counted */
	return 0;
}

char *record_to_json(dh_rtype type, const void *rec)
{
	record_buf b = {0};
	if (to_json(type, rec, &b)) {
		free(b.p);
		return NULL;
	}
	return (char *)b.p;
}

int record_json_bytes(dh_rtype type, const void *rec, dh_bytes *out)
{
	record_buf b = {out->p, 0, out->cap, false};
	int rc = to_json(type, rec, &b);
	out->p = b.p;
	out->cap = b.cap;
	out->n = rc ? 0 : b.n;
	return rc;
}

void record_write_json(dh_rtype type, const void *rec, FILE *out)
{
	char *j = record_to_json(type, rec);
	if (j)
		fputs(j, out);
	free(j);
}

/* --- diff -------------------------------------------------------------- */

static bool str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

static bool field_equal(const void *a, const void *b, const dh_field *f)
{
	const void *pa = field_cptr(a, f), *pb = field_cptr(b, f);
	switch (f->type) {
	case DH_F_STR: return str_eq(*(char *const *)pa, *(char *const *)pb);
	case DH_F_INT:
	case DH_F_I64:
	case DH_F_DATE: return field_get_int(a, f) == field_get_int(b, f);
	case DH_F_U32:
	case DH_F_ID:
	case DH_F_BOOL: return field_get_uint(a, f) == field_get_uint(b, f);
	case DH_F_STRLIST: {
		const dh_strlist *la = pa, *lb = pb;
		if (la->n != lb->n)
			return false;
		for (size_t i = 0; i < la->n; i++)
			if (!str_eq(la->v[i], lb->v[i]))
				return false;
		return true;
	}
	case DH_F_IDLIST: {
		const dh_idlist *la = pa, *lb = pb;
		return la->n == lb->n && (!la->n || memcmp(la->v, lb->v, la->n * sizeof(*la->v)) == 0);
	}
	}
	return false;
}

/* Bookkeeping that changes on every save and says nothing about what a
 * person changed. */
static bool field_is_bookkeeping(const dh_field *f)
{
	return f->tag >= 1 && f->tag <= 6;
}

char *record_diff(dh_rtype type, const void *a, const void *b)
{
	const dh_schema *s = record_schema(type);
	if (!s || !a || !b)
		return NULL;
	record_buf out = {0};
	for (size_t i = 0; i < s->n_fields; i++) {
		const dh_field *f = &s->fields[i];
		if (field_is_bookkeeping(f) || field_equal(a, b, f))
			continue;
		if (out.n)
			rb_byte(&out, ',');
		rb_str(&out, f->name);
	}
	rb_byte(&out, 0);
	if (out.oom) {
		free(out.p);
		return NULL;
	}
	return (char *)out.p;
}
