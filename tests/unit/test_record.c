/* test_record.c — field tables, codec (round trip and hostile bytes), JSON,
 * diff, labels and list helpers. */
#include "dienhinh/error.h"
#include "dienhinh/record.h"

#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

static uint64_t rng_state = 0x9e3779b97f4a7c15u;
static uint64_t rnd(void)
{
	/* xorshift64*: deterministic, so a failure can be replayed. */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717u;
}

/* Every field set to something not zero, strings with the characters a
 * codec or a JSON writer could get wrong. */
static void *filled(dh_rtype type)
{
	const dh_schema *s = record_schema(type);
	void *rec = record_new(type);
	assert_non_null(rec);
	for (size_t i = 0; i < s->n_fields; i++) {
		const dh_field *f = &s->fields[i];
		void *p = (char *)rec + f->offset;
		char text[128];
		snprintf(text, sizeof(text), "Nguyễn Thị Ánh \"%s\"\n\tđầy đủ", f->name);
		switch (f->type) {
		case DH_F_STR: *(char **)p = strdup(text); break;
		case DH_F_INT: *(int *)p = (int)i % 2 ? INT_MIN : INT_MAX - (int)i; break;
		case DH_F_I64: *(int64_t *)p = -1234567890123 - (int64_t)i; break;
		case DH_F_U32: *(uint32_t *)p = UINT32_MAX - (uint32_t)i; break;
		case DH_F_ID: *(uint64_t *)p = UINT64_MAX - i; break;
		case DH_F_DATE: *(int *)p = 20210630; break;
		case DH_F_BOOL: *(bool *)p = true; break;
		case DH_F_STRLIST:
			assert_int_equal(strlist_push(p, text), 0);
			assert_int_equal(strlist_push(p, ""), 0);
			assert_int_equal(strlist_push(p, "thuanpv=a"), 0);
			break;
		case DH_F_IDLIST:
			assert_int_equal(idlist_push(p, 1), 0);
			assert_int_equal(idlist_push(p, UINT64_MAX), 0);
			assert_int_equal(idlist_push(p, 1u << 20), 0);
			break;
		}
	}
	return rec;
}

static void assert_same(dh_rtype type, const void *a, const void *b)
{
	char *ja = record_to_json(type, a), *jb = record_to_json(type, b);
	assert_non_null(ja);
	assert_non_null(jb);
	assert_string_equal(ja, jb);
	free(ja);
	free(jb);
	char *d = record_diff(type, a, b);
	assert_string_equal(d, "");
	free(d);
}

static size_t ftype_size(dh_ftype t)
{
	switch (t) {
	case DH_F_STR: return sizeof(char *);
	case DH_F_INT:
	case DH_F_DATE: return sizeof(int);
	case DH_F_I64: return sizeof(int64_t);
	case DH_F_U32: return sizeof(uint32_t);
	case DH_F_ID: return sizeof(uint64_t);
	case DH_F_BOOL: return sizeof(bool);
	case DH_F_STRLIST: return sizeof(dh_strlist);
	case DH_F_IDLIST: return sizeof(dh_idlist);
	}
	return 0;
}

static size_t ftype_align(dh_ftype t)
{
	switch (t) {
	case DH_F_STRLIST:
	case DH_F_IDLIST: return _Alignof(dh_strlist);
	default: return ftype_size(t);
	}
}

/* A member added to a struct but forgotten in its table would be neither
 * stored nor freed: every byte of the struct must belong to a field or be
 * the padding the next field's alignment explains. */
static void tables_describe_every_member(void **state)
{
	(void)state;
	for (int t = 1; t < DH_R__COUNT; t++) {
		const dh_schema *s = record_schema(t);
		assert_non_null(s);
		assert_int_equal(s->type, t);
		assert_int_equal(record_type_from_name(s->name), t);
		assert_string_equal(record_type_name(t), s->name);
		assert_true(s->n_fields > DH_META_NFIELDS);
		size_t end = 0;
		for (size_t i = 0; i < s->n_fields; i++) {
			const dh_field *f = &s->fields[i];
			if (i) {
				assert_true(f->tag > s->fields[i - 1].tag); /* tags unique */
				assert_true(f->offset >= end);
			}
			assert_true(i < DH_META_NFIELDS ? f->tag == i + 1 : f->tag >= 16);
			size_t al = ftype_align(f->type);
			size_t expect = (end + al - 1) / al * al;
			if (f->offset != expect)
				fail_msg("%s.%s: %zu bytes before it belong to no field", s->name, f->name,
					 f->offset - end);
			end = f->offset + ftype_size(f->type);
		}
		assert_int_equal((end + 7) / 8 * 8, s->size);
	}
	assert_null(record_schema(0));
	assert_null(record_schema(DH_R__COUNT));
	assert_int_equal(record_type_from_name("nothing"), -1);
	assert_string_equal(record_type_label(DH_R_DECISION), "Quyết định");
}

static void every_type_round_trips(void **state)
{
	(void)state;
	for (int t = 1; t < DH_R__COUNT; t++) {
		/* Empty and full records both. */
		for (int full = 0; full < 2; full++) {
			void *rec = full ? filled(t) : record_new(t);
			unsigned char *enc;
			size_t len;
			assert_int_equal(record_encode(t, rec, &enc, &len), 0);
			assert_true(len >= 2);
			assert_int_equal(enc[0], 1);
			assert_int_equal(enc[1], t);
			void *back;
			assert_int_equal(record_decode(t, enc, len, &back), 0);
			assert_same(t, rec, back);
			void *copy = record_dup(t, rec);
			assert_same(t, rec, copy);
			/* The copy owns its strings. */
			if (full)
				assert_ptr_not_equal(((dh_meta *)copy)->created_by, ((dh_meta *)rec)->created_by);
			/* A record does not decode as another type. */
			void *other;
			assert_int_equal(record_decode(t == 1 ? 2 : 1, enc, len, &other), DH_ECORRUPT);
			assert_null(other);
			record_free(t, copy);
			record_free(t, back);
			record_free(t, rec);
			free(enc);
		}
	}
}

static void null_and_empty_strings_differ(void **state)
{
	(void)state;
	dh_candidate c = {.name = "", .title = NULL};
	unsigned char *enc;
	size_t len;
	assert_int_equal(record_encode(DH_R_CANDIDATE, &c, &enc, &len), 0);
	dh_candidate *back;
	assert_int_equal(record_decode(DH_R_CANDIDATE, enc, len, (void **)&back), 0);
	assert_non_null(back->name);
	assert_string_equal(back->name, "");
	assert_null(back->title);
	record_free(DH_R_CANDIDATE, back);
	free(enc);
}

static void json_is_utf8_as_is_and_escapes_controls(void **state)
{
	(void)state;
	dh_candidate c = {
		.meta = {.id = 7, .rev = 2, .created_at = -5},
		.year = 2021,
		.kind = DH_KIND_MODEL,
		.name = "Phạm Văn \"Thuần\" \\ \x01\x7f\xc2\x85\xe2\x80\xa8 tab\tline\n",
		.recognised_date = 20210105,
		.on_hold = true,
	};
	assert_int_equal(strlist_push(&c.criteria, "xs"), 0);
	assert_int_equal(strlist_push(&c.criteria, "sáng_kiến"), 0);
	char *j = record_to_json(DH_R_CANDIDATE, &c);
	assert_non_null(j);
	assert_non_null(strstr(j, "{\"id\":7,\"rev\":2,\"created_at\":-5,"));
	assert_non_null(strstr(j, "\"created_by\":null"));
	assert_non_null(strstr(j, "\"name\":\"Phạm Văn \\\"Thuần\\\" \\\\ \\u0001\\u007f\\u0085\\u2028 tab\\tline\\n\""));
	assert_non_null(strstr(j, "\"criteria\":[\"xs\",\"sáng_kiến\"]"));
	assert_non_null(strstr(j, "\"recognised_date\":\"2021-01-05\""));
	assert_non_null(strstr(j, "\"award_date\":null"));
	assert_non_null(strstr(j, "\"on_hold\":true,"));
	assert_non_null(strstr(j, "\"aims_provincial\":false"));
	assert_non_null(strstr(j, "\"kind\":2,"));
	assert_null(strchr(j, '\n'));
	assert_int_equal(j[strlen(j) - 1], '}');
	free(j);
	strlist_clear(&c.criteria);

	dh_proposal p = {0};
	assert_int_equal(idlist_push(&p.candidates, 3), 0);
	assert_int_equal(idlist_push(&p.candidates, UINT64_MAX), 0);
	j = record_to_json(DH_R_PROPOSAL, &p);
	assert_non_null(strstr(j, "\"candidates\":[3,18446744073709551615]"));
	free(j);
	idlist_clear(&p.candidates);
}

static void encode_refuses_invalid_utf8(void **state)
{
	(void)state;
	dh_candidate c = {.name = "Nguy\xe1\xbb"}; /* truncated sequence */
	unsigned char *enc = (unsigned char *)"x";
	size_t len = 9;
	assert_int_equal(record_encode(DH_R_CANDIDATE, &c, &enc, &len), DH_EINVAL);
	assert_null(enc);
	c.name = "ok";
	assert_int_equal(strlist_push(&c.criteria, "\xff"), 0);
	assert_int_equal(record_encode(DH_R_CANDIDATE, &c, &enc, &len), DH_EINVAL);
	strlist_clear(&c.criteria);
}

static int decode(dh_rtype t, const void *b, size_t n)
{
	void *rec = NULL;
	int rc = record_decode(t, b, n, &rec);
	if (rc == 0) {
		/* What decodes is a usable record. */
		assert_non_null(rec);
		char *j = record_to_json(t, rec);
		assert_non_null(j);
		free(j);
		unsigned char *enc;
		size_t len;
		assert_int_equal(record_encode(t, rec, &enc, &len), 0);
		free(enc);
		record_free(t, rec);
	} else {
		assert_null(rec);
	}
	return rc;
}

static void hostile_bytes_decode_or_corrupt(void **state)
{
	(void)state;
	static const struct {
		const char *why;
		const char *bytes;
		size_t n;
	} cases[] = {
		{"empty", "", 0},
		{"version only", "\x01", 1},
		{"newer format", "\x02\x01", 2},
		{"wrong type", "\x01\x02", 2},
		{"half a field head", "\x01\x01\x12", 3},
		{"unknown wire type", "\x01\x01\x63\x05\x00", 5},
		{"wrong wire for a known tag", "\x01\x01\x12\x00\x05", 5},
		{"string longer than the buffer", "\x01\x01\x12\x02\x05\x41", 6},
		{"string with a NUL", "\x01\x01\x12\x02\x02\x41\x00", 7},
		{"string not UTF-8", "\x01\x01\x12\x02\x02\xc3\x28", 7},
		{"surrogate", "\x01\x01\x12\x02\x03\xed\xa0\x80", 8},
		{"overlong", "\x01\x01\x12\x02\x02\xc0\xaf", 7},
		{"duplicate tag", "\x01\x01\x12\x02\x01\x41\x12\x02\x01\x42", 10},
		{"int too large", "\x01\x01\x10\x01\x80\x80\x80\x80\x20", 9},
		{"bool 2", "\x01\x01\x1a\x00\x02", 5},
		{"rev beyond u32", "\x01\x01\x02\x00\x80\x80\x80\x80\x10", 9},
		{"varint of 11 bytes", "\x01\x01\x01\x00\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", 15},
		{"varint bit 64", "\x01\x01\x01\x00\xff\xff\xff\xff\xff\xff\xff\xff\xff\x02", 14},
		{"list count of 2^60", "\x01\x01\x18\x03\x80\x80\x80\x80\x80\x80\x80\x80\x10", 13},
		{"list shorter than its count", "\x01\x01\x18\x03\x03\x01\x41", 7},
		{"unknown tag, bytes cut", "\x01\x01\x63\x02\x09\x41", 6},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (decode(DH_R_CANDIDATE, cases[i].bytes, cases[i].n) != DH_ECORRUPT)
			fail_msg("accepted: %s", cases[i].why);
	}
	void *rec = (void *)1;
	assert_int_equal(record_decode(DH_R_CANDIDATE, NULL, 0, &rec), DH_ECORRUPT);
	assert_null(rec);
	assert_int_equal(record_decode(0, "\x01\x00", 2, &rec), DH_EINVAL);
	/* The largest u64 is ten bytes and fine. */
	assert_int_equal(decode(DH_R_CANDIDATE, "\x01\x01\x01\x00\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", 14), 0);
}

/* Older programs read newer records: a field they do not know is skipped,
 * whatever its wire type. */
static void unknown_tags_are_skipped(void **state)
{
	(void)state;
	dh_candidate *c = filled(DH_R_CANDIDATE);
	unsigned char *enc;
	size_t len;
	assert_int_equal(record_encode(DH_R_CANDIDATE, c, &enc, &len), 0);
	static const unsigned char extra[] = {
		200, 0, 0x96, 0x01,             /* varint 150 */
		201, 1, 0x03,                   /* zigzag -2 */
		202, 2, 3, 'a', 'b', 'c',       /* bytes */
		203, 3, 2, 1, 'x', 0,           /* list of bytes */
		204, 4, 3, 1, 0xff, 0x01, 0x00, /* list of varints */
	};
	unsigned char *more = malloc(len + sizeof(extra) * 2);
	/* Both in front of the known fields and after them. */
	memcpy(more, enc, 2);
	memcpy(more + 2, extra, sizeof(extra));
	memcpy(more + 2 + sizeof(extra), enc + 2, len - 2);
	memcpy(more + len + sizeof(extra), extra, sizeof(extra));
	void *back;
	assert_int_equal(record_decode(DH_R_CANDIDATE, more, len + sizeof(extra) * 2, &back), 0);
	assert_same(DH_R_CANDIDATE, c, back);
	record_free(DH_R_CANDIDATE, back);
	record_free(DH_R_CANDIDATE, c);
	free(more);
	free(enc);
}

/* A cheap fuzzer: every prefix of every full record, then many random
 * mutations (flips, overwrites, insertions, deletions, splices). Under
 * ASan+UBSan any overread, leak or overflow fails the test. */
static void mutated_records_never_crash(void **state)
{
	(void)state;
	size_t decoded = 0, corrupt = 0;
	for (int t = 1; t < DH_R__COUNT; t++) {
		void *rec = filled(t);
		unsigned char *enc;
		size_t len;
		assert_int_equal(record_encode(t, rec, &enc, &len), 0);
		for (size_t n = 0; n <= len; n++) {
			int rc = decode(t, enc, n);
			assert_true(rc == 0 || rc == DH_ECORRUPT);
		}
		unsigned char *m = malloc(len + 64);
		for (int iter = 0; iter < 6000; iter++) {
			size_t n = len;
			memcpy(m, enc, len);
			int edits = 1 + (int)(rnd() % 4);
			for (int e = 0; e < edits; e++) {
				size_t at = n ? rnd() % n : 0;
				switch (rnd() % 5) {
				case 0:
					if (n)
						m[at] ^= (unsigned char)(1u << (rnd() % 8));
					break;
				case 1:
					if (n)
						m[at] = (unsigned char)rnd();
					break;
				case 2: /* insert a byte */
					if (n < len + 63) {
						memmove(m + at + 1, m + at, n - at);
						m[at] = (unsigned char)rnd();
						n++;
					}
					break;
				case 3: /* delete a run */
					if (n) {
						size_t k = 1 + rnd() % 8;
						if (k > n - at)
							k = n - at;
						memmove(m + at, m + at + k, n - at - k);
						n -= k;
					}
					break;
				case 4: /* keep the head bytes valid, cut the tail */
					n = 2 + (n > 2 ? rnd() % (n - 1) : 0);
					if (n > len)
						n = len;
					m[0] = 1;
					m[1] = (unsigned char)t;
					break;
				}
			}
			int rc = decode(t, m, n);
			assert_true(rc == 0 || rc == DH_ECORRUPT);
			rc == 0 ? decoded++ : corrupt++;
		}
		/* Plain noise after a valid head. */
		for (int iter = 0; iter < 2000; iter++) {
			size_t n = 2 + rnd() % 60;
			m[0] = 1;
			m[1] = (unsigned char)t;
			for (size_t i = 2; i < n; i++)
				m[i] = (unsigned char)rnd();
			int rc = decode(t, m, n);
			assert_true(rc == 0 || rc == DH_ECORRUPT);
		}
		free(m);
		free(enc);
		record_free(t, rec);
	}
	/* Both outcomes were exercised. */
	assert_true(decoded > 100);
	assert_true(corrupt > 100);
}

/* An audit entry keeps the records before and after as their codec bytes
 * and hands them out as JSON text, the same text record_to_json writes;
 * mangled entries decode or are refused, never crash. */
static void audit_entries_keep_records_and_give_json(void **state)
{
	(void)state;
	dh_candidate *before = filled(DH_R_CANDIDATE), *after = filled(DH_R_CANDIDATE);
	free(after->name);
	after->name = strdup("Lê Thị Cúc");
	after->meta.rev = before->meta.rev + 1;
	unsigned char *b, *a;
	size_t blen, alen;
	assert_int_equal(record_encode(DH_R_CANDIDATE, before, &b, &blen), 0);
	assert_int_equal(record_encode(DH_R_CANDIDATE, after, &a, &alen), 0);
	dh_audit e = {.meta = {.id = 7, .rev = 1}, .at = 1630000000, .who = "tdkt", .action = "correct",
		      .target_type = DH_R_CANDIDATE, .target_id = 42, .note = "gõ sai dấu"};
	dh_bytes out = {0};
	assert_int_equal(record_audit_encode(&e, b, blen, a, alen, &out), 0);
	char *jb = record_to_json(DH_R_CANDIDATE, before), *ja = record_to_json(DH_R_CANDIDATE, after);
	assert_true(out.n < strlen(jb) + strlen(ja)); /* smaller than the JSON it stands for */
	dh_audit *back;
	assert_int_equal(record_audit_decode(out.p, out.n, &back), 0);
	assert_string_equal(back->before, jb);
	assert_string_equal(back->after, ja);
	assert_string_equal(back->who, "tdkt");
	assert_string_equal(back->note, "gõ sai dấu");
	assert_int_equal(back->target_id, 42);
	record_free(DH_R_AUDIT, back);
	/* A reader of records sees an audit entry without the extra fields. */
	void *plain;
	assert_int_equal(record_decode(DH_R_AUDIT, out.p, out.n, &plain), 0);
	assert_null(((dh_audit *)plain)->before);
	record_free(DH_R_AUDIT, plain);
	/* Text kept as it is (a bulk entry's summary), no record bytes. */
	dh_audit sum = {.who = "tdkt", .action = "import", .target_type = DH_R_CANDIDATE, .target_id = 1,
			.last_id = 9, .after = "{\"created\":9}"};
	dh_bytes out2 = {0};
	assert_int_equal(record_audit_encode(&sum, NULL, 0, NULL, 0, &out2), 0);
	assert_int_equal(record_audit_decode(out2.p, out2.n, &back), 0);
	assert_null(back->before);
	assert_string_equal(back->after, "{\"created\":9}");
	assert_int_equal(back->last_id, 9);
	record_free(DH_R_AUDIT, back);
	free(out2.p);
	/* Record bytes for a type that is not a record's: refused. */
	e.target_type = 99;
	assert_int_equal(record_audit_encode(&e, b, blen, a, alen, &out), 0);
	assert_int_equal(record_audit_decode(out.p, out.n, &back), DH_ECORRUPT);
	e.target_type = DH_R_CANDIDATE;
	assert_int_equal(record_audit_encode(&e, b, blen, a, alen, &out), 0);
	unsigned char *m = malloc(out.n + 8);
	size_t ok = 0;
	for (int iter = 0; iter < 20000; iter++) {
		size_t n = out.n;
		memcpy(m, out.p, n);
		for (int k = 1 + (int)(rnd() % 3); k > 0; k--) {
			size_t at = rnd() % n;
			if (rnd() % 3 == 0)
				n = at > 2 ? at : 2; /* cut */
			else
				m[at] ^= (unsigned char)(1u << (rnd() % 8));
		}
		int rc = record_audit_decode(m, n, &back);
		assert_true(rc == 0 || rc == DH_ECORRUPT);
		if (rc == 0) {
			ok++;
			record_free(DH_R_AUDIT, back);
		}
	}
	assert_true(ok > 100);
	free(m);
	free(out.p);
	free(jb);
	free(ja);
	free(a);
	free(b);
	record_free(DH_R_CANDIDATE, before);
	record_free(DH_R_CANDIDATE, after);
}

static void diff_names_changed_fields_only(void **state)
{
	(void)state;
	dh_candidate *a = filled(DH_R_CANDIDATE), *b = record_dup(DH_R_CANDIDATE, a);
	char *d = record_diff(DH_R_CANDIDATE, a, b);
	assert_string_equal(d, "");
	free(d);
	b->meta.rev++;
	b->meta.updated_at++;
	d = record_diff(DH_R_CANDIDATE, a, b);
	assert_string_equal(d, ""); /* a save alone changes nothing a person typed */
	free(d);
	free(b->name);
	b->name = NULL;
	strlist_remove(&b->criteria, "");
	b->stage = DH_STAGE_RECOGNISED;
	b->meta.deleted = false;
	d = record_diff(DH_R_CANDIDATE, a, b);
	assert_string_equal(d, "deleted,name,criteria,stage");
	free(d);
	record_free(DH_R_CANDIDATE, a);
	record_free(DH_R_CANDIDATE, b);
}

static void labels_are_vietnamese(void **state)
{
	(void)state;
	static const char *const stages[] = {"Nhân tố mới",        "Đang bồi dưỡng", "Đã đăng ký",
					     "Được Hội đồng đề nghị", "Không được đề nghị", "Đã công nhận",
					     "Đã khen thưởng"};
	static const char *const codes[] = {"new_factor", "fostering",  "nominated", "approved",
					    "not_approved", "recognised", "awarded"};
	for (int i = 0; i < DH_STAGE__COUNT; i++) {
		assert_string_equal(stage_label(i), stages[i]);
		assert_string_equal(stage_name(i), codes[i]);
		assert_int_equal(stage_from_name(codes[i]), i);
	}
	assert_int_equal(stage_from_name("Nhân tố mới"), -1);
	assert_int_equal(stage_from_name(NULL), -1);
	assert_string_equal(stage_label(DH_STAGE__COUNT), "?");
	assert_string_equal(stage_label(-1), "?");
	assert_string_equal(kind_label(DH_KIND_INDIVIDUAL), "Cá nhân");
	assert_string_equal(kind_label(DH_KIND_COLLECTIVE), "Tập thể");
	assert_string_equal(kind_label(DH_KIND_MODEL), "Mô hình");
	assert_int_equal(kind_from_name("collective"), DH_KIND_COLLECTIVE);
	assert_string_equal(kind_name(DH_KIND_MODEL), "model");
	assert_int_equal(kind_from_name("group"), -1);
	assert_string_equal(fostering_kind_label(DH_FOSTER_MATERIAL), "Hỗ trợ vật chất");
	assert_string_equal(fostering_kind_label(DH_FOSTER_GUIDANCE), "Hướng dẫn");
	assert_string_equal(reg_status_label(DH_REG_RETURNED), "Đã trả lại");
	assert_string_equal(activity_kind_label(3), "?");
	assert_string_equal(vote_label(DH_VOTE_AGREE), "Đồng ý");
	assert_string_equal(result_label(DH_RESULT_FAILED), "Không đạt");
	assert_string_equal(decision_type_label(DH_DEC_AWARD), "Khen thưởng");
	assert_string_equal(review_kind_label(DH_REVIEW_FINAL), "Tổng kết");
}

static void list_helpers(void **state)
{
	(void)state;
	dh_strlist l = {0};
	assert_false(strlist_has(&l, "a"));
	assert_int_equal(strlist_push(&l, "a"), 0);
	assert_int_equal(strlist_push(&l, "bé"), 0);
	assert_int_equal(strlist_push(&l, "a"), 0);
	assert_true(strlist_has(&l, "bé"));
	strlist_remove(&l, "a"); /* every copy */
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0], "bé");
	assert_false(strlist_has(&l, "a"));
	strlist_remove(&l, "zzz");
	assert_int_equal(l.n, 1);
	strlist_clear(&l);
	assert_int_equal(l.n, 0);
	assert_null(l.v);

	dh_idlist ids = {0};
	assert_int_equal(idlist_push(&ids, 5), 0);
	assert_int_equal(idlist_push(&ids, 9), 0);
	assert_true(idlist_has(&ids, 9));
	idlist_remove(&ids, 5);
	assert_false(idlist_has(&ids, 5));
	assert_int_equal(ids.n, 1);
	idlist_clear(&ids);
	assert_int_equal(ids.n, 0);
}

/* A number read off a printed document (NĐ 30 writes "05/QĐ-TTr") finds
 * the record stored as "5/QĐ-TTr", whatever the case of its letters. */
static void decision_numbers_compare_as_printed(void **state)
{
	(void)state;
	assert_true(decision_number_same("05/QĐ-TTr", "5/QĐ-TTr"));
	assert_true(decision_number_same("5/qđ-ttr", "05/QĐ-TTr"));
	assert_true(decision_number_same("12/QĐ-TTr", "12/QĐ-TTr"));
	assert_false(decision_number_same("15/QĐ-TTr", "5/QĐ-TTr"));
	assert_false(decision_number_same("50/QĐ-TTr", "5/QĐ-TTr"));
	assert_false(decision_number_same("5/QĐ-TTr", "5/QĐ-UBND"));
	assert_false(decision_number_same(NULL, "5/QĐ-TTr"));
	assert_true(decision_number_same("0/QĐ", "0/QĐ"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(tables_describe_every_member),
	    cmocka_unit_test(every_type_round_trips),
	    cmocka_unit_test(null_and_empty_strings_differ),
	    cmocka_unit_test(json_is_utf8_as_is_and_escapes_controls),
	    cmocka_unit_test(encode_refuses_invalid_utf8),
	    cmocka_unit_test(hostile_bytes_decode_or_corrupt),
	    cmocka_unit_test(unknown_tags_are_skipped),
	    cmocka_unit_test(mutated_records_never_crash),
	    cmocka_unit_test(audit_entries_keep_records_and_give_json),
	    cmocka_unit_test(diff_names_changed_fields_only),
	    cmocka_unit_test(labels_are_vietnamese),
	    cmocka_unit_test(list_helpers),
	    cmocka_unit_test(decision_numbers_compare_as_printed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
