/* record.c — field tables, the on-disk codec, JSON, diff and enum labels.
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

/* --- field tables ------------------------------------------------------ */

/* dh_meta is the first member of every record, so its offsets are the same
 * in all of them. */
#define META_FIELDS                                                      \
	{1, DH_F_ID, "id", offsetof(dh_meta, id)},                       \
	{2, DH_F_U32, "rev", offsetof(dh_meta, rev)},                    \
	{3, DH_F_I64, "created_at", offsetof(dh_meta, created_at)},      \
	{4, DH_F_I64, "updated_at", offsetof(dh_meta, updated_at)},      \
	{5, DH_F_STR, "created_by", offsetof(dh_meta, created_by)},      \
	{6, DH_F_STR, "updated_by", offsetof(dh_meta, updated_by)},      \
	{7, DH_F_BOOL, "deleted", offsetof(dh_meta, deleted)},           \
	{8, DH_F_STR, "deleted_reason", offsetof(dh_meta, deleted_reason)}

#define F(tag, ftype, st, member) {tag, ftype, #member, offsetof(st, member)}

static const dh_field candidate_fields[] = {
	META_FIELDS,
	F(16, DH_F_INT, dh_candidate, year),
	F(17, DH_F_INT, dh_candidate, kind),
	F(18, DH_F_STR, dh_candidate, name),
	F(19, DH_F_STR, dh_candidate, department),
	F(20, DH_F_STR, dh_candidate, position),
	F(21, DH_F_STR, dh_candidate, title),
	F(22, DH_F_STR, dh_candidate, description),
	F(23, DH_F_STR, dh_candidate, prospects),
	F(24, DH_F_STRLIST, dh_candidate, criteria),
	F(25, DH_F_INT, dh_candidate, stage),
	F(26, DH_F_BOOL, dh_candidate, on_hold),
	F(27, DH_F_STR, dh_candidate, hold_reason),
	F(28, DH_F_STR, dh_candidate, recognised_decision),
	F(29, DH_F_DATE, dh_candidate, recognised_date),
	F(30, DH_F_STR, dh_candidate, award_decision),
	F(31, DH_F_DATE, dh_candidate, award_date),
	F(32, DH_F_BOOL, dh_candidate, aims_provincial),
	F(33, DH_F_STR, dh_candidate, followup_notes),
	F(34, DH_F_ID, dh_candidate, duplicate_of),
	/* from tag 40, as the snapshot fields of sessions */
	F(40, DH_F_STR, dh_candidate, hold_kind),
	F(41, DH_F_DATE, dh_candidate, counts_from),
};

static const dh_field fostering_fields[] = {
	META_FIELDS,
	F(16, DH_F_ID, dh_fostering, candidate_id),
	F(17, DH_F_DATE, dh_fostering, date),
	F(18, DH_F_INT, dh_fostering, kind),
	F(19, DH_F_STR, dh_fostering, description),
	F(20, DH_F_I64, dh_fostering, amount),
	F(21, DH_F_STR, dh_fostering, by),
};

static const dh_field registration_fields[] = {
	META_FIELDS,
	F(16, DH_F_INT, dh_registration, year),
	F(17, DH_F_ID, dh_registration, candidate_id),
	F(18, DH_F_STR, dh_registration, department),
	F(19, DH_F_STR, dh_registration, registered_by),
	F(20, DH_F_DATE, dh_registration, date),
	F(21, DH_F_STR, dh_registration, description),
	F(22, DH_F_INT, dh_registration, status),
	F(23, DH_F_STR, dh_registration, reason),
	F(24, DH_F_STR, dh_registration, late_reason),
	F(25, DH_F_STR, dh_registration, late_approved_by),
	F(26, DH_F_BOOL, dh_registration, complete),
	F(27, DH_F_STR, dh_registration, checked_by),
};

static const dh_field nil_return_fields[] = {
	META_FIELDS,
	F(16, DH_F_INT, dh_nil_return, year),
	F(17, DH_F_STR, dh_nil_return, department),
	F(18, DH_F_STR, dh_nil_return, by),
	F(19, DH_F_DATE, dh_nil_return, date),
	F(20, DH_F_STR, dh_nil_return, note),
};

static const dh_field session_fields[] = {
	META_FIELDS,
	F(16, DH_F_INT, dh_session, year),
	F(17, DH_F_DATE, dh_session, date),
	F(18, DH_F_STR, dh_session, title),
	F(19, DH_F_INT, dh_session, method),
	F(20, DH_F_STRLIST, dh_session, present),
	F(21, DH_F_STRLIST, dh_session, written),
	F(22, DH_F_BOOL, dh_session, closed),
	F(23, DH_F_STR, dh_session, notes),
	F(24, DH_F_ID, dh_session, current_item),
	F(25, DH_F_STRLIST, dh_session, absent),
	F(26, DH_F_STRLIST, dh_session, opinions),
	/* snapshot.h: the rules the session is held under (from tag 40, so
	 * that fields other branches add after 24 do not meet these) */
	F(40, DH_F_BOOL, dh_session, rules_held),
	F(41, DH_F_STR, dh_session, held_council),
	F(42, DH_F_STR, dh_session, held_org),
	F(43, DH_F_STR, dh_session, held_plan_title),
	F(44, DH_F_STRLIST, dh_session, held_logins),
	F(45, DH_F_STRLIST, dh_session, held_roles),
	F(46, DH_F_STRLIST, dh_session, held_names),
	F(47, DH_F_STRLIST, dh_session, held_positions),
	F(48, DH_F_STRLIST, dh_session, held_departments),
	F(49, DH_F_INT, dh_session, held_quorum_num),
	F(50, DH_F_INT, dh_session, held_quorum_den),
	F(51, DH_F_INT, dh_session, held_rule),
	F(52, DH_F_INT, dh_session, held_threshold_num),
	F(53, DH_F_INT, dh_session, held_threshold_den),
	F(54, DH_F_INT, dh_session, held_base),
	F(55, DH_F_BOOL, dh_session, held_written_count),
	F(56, DH_F_BOOL, dh_session, held_recuse_self),
	F(57, DH_F_BOOL, dh_session, held_recuse_department),
};

static const dh_field vote_item_fields[] = {
	META_FIELDS,
	F(16, DH_F_ID, dh_vote_item, session_id),
	F(17, DH_F_ID, dh_vote_item, candidate_id),
	F(18, DH_F_INT, dh_vote_item, order),
	F(19, DH_F_STRLIST, dh_vote_item, recused),
	F(20, DH_F_STRLIST, dh_vote_item, votes),
	F(21, DH_F_INT, dh_vote_item, agree),
	F(22, DH_F_INT, dh_vote_item, disagree),
	F(23, DH_F_INT, dh_vote_item, abstain),
	F(24, DH_F_BOOL, dh_vote_item, closed),
	F(25, DH_F_INT, dh_vote_item, result),
	F(26, DH_F_STR, dh_vote_item, reason),
	F(27, DH_F_STR, dh_vote_item, reopen_reason),
	F(28, DH_F_STR, dh_vote_item, count_reason),
	F(29, DH_F_STRLIST, dh_vote_item, recuse_reasons),
};

static const dh_field proposal_fields[] = {
	META_FIELDS,
	F(16, DH_F_INT, dh_proposal, year),
	F(17, DH_F_ID, dh_proposal, session_id),
	F(18, DH_F_DATE, dh_proposal, date),
	F(19, DH_F_IDLIST, dh_proposal, candidates),
	F(20, DH_F_STR, dh_proposal, number),
	F(21, DH_F_STR, dh_proposal, notes),
};

static const dh_field decision_fields[] = {
	META_FIELDS,
	F(16, DH_F_INT, dh_decision, year),
	F(17, DH_F_INT, dh_decision, type),
	F(18, DH_F_STR, dh_decision, number),
	F(19, DH_F_DATE, dh_decision, date),
	F(20, DH_F_STR, dh_decision, signer),
	F(21, DH_F_STR, dh_decision, award_id),
	F(22, DH_F_IDLIST, dh_decision, candidates),
	F(23, DH_F_BOOL, dh_decision, revoked),
	F(24, DH_F_STR, dh_decision, revoke_reason),
	F(25, DH_F_DATE, dh_decision, revoke_date),
	/* snapshot.h, from tag 40 as for sessions */
	F(40, DH_F_BOOL, dh_decision, rules_held),
	F(41, DH_F_STR, dh_decision, held_signer_name),
	F(42, DH_F_STR, dh_decision, held_signer_position),
	F(43, DH_F_BOOL, dh_decision, held_signer_chief),
	F(44, DH_F_STR, dh_decision, held_org),
	F(45, DH_F_STR, dh_decision, held_org_parent),
	F(46, DH_F_STR, dh_decision, held_place),
	F(47, DH_F_STR, dh_decision, held_head_title),
	F(48, DH_F_STR, dh_decision, held_plan_title),
	F(49, DH_F_STR, dh_decision, held_council),
	F(50, DH_F_STR, dh_decision, held_award_name),
	F(51, DH_F_STRLIST, dh_decision, held_basis),
};

static const dh_field ceremony_fields[] = {
	META_FIELDS,
	F(16, DH_F_INT, dh_ceremony, year),
	F(17, DH_F_DATE, dh_ceremony, date),
	F(18, DH_F_STR, dh_ceremony, title),
	F(19, DH_F_STR, dh_ceremony, place),
	F(20, DH_F_IDLIST, dh_ceremony, decisions),
	F(21, DH_F_STR, dh_ceremony, notes),
};

static const dh_field activity_fields[] = {
	META_FIELDS,
	F(16, DH_F_ID, dh_activity, candidate_id),
	F(17, DH_F_INT, dh_activity, kind),
	F(18, DH_F_DATE, dh_activity, date),
	F(19, DH_F_STR, dh_activity, title),
	F(20, DH_F_STR, dh_activity, url),
	F(21, DH_F_STR, dh_activity, presenter),
	F(22, DH_F_STR, dh_activity, audience),
	F(23, DH_F_INT, dh_activity, attendees),
};

static const dh_field review_fields[] = {
	META_FIELDS,
	F(16, DH_F_INT, dh_review, year),
	F(17, DH_F_INT, dh_review, kind),
	F(18, DH_F_DATE, dh_review, date),
	F(19, DH_F_STR, dh_review, title),
	F(20, DH_F_STR, dh_review, notes),
};

static const dh_field dissemination_fields[] = {
	META_FIELDS,
	F(16, DH_F_INT, dh_dissemination, year),
	F(17, DH_F_STR, dh_dissemination, department),
	F(18, DH_F_DATE, dh_dissemination, date),
	F(19, DH_F_STR, dh_dissemination, by),
	F(20, DH_F_INT, dh_dissemination, attendees),
	F(21, DH_F_STR, dh_dissemination, notes),
};

static const dh_field coordination_fields[] = {
	META_FIELDS,
	F(16, DH_F_INT, dh_coordination, year),
	F(17, DH_F_STR, dh_coordination, department),
	F(18, DH_F_DATE, dh_coordination, date),
	F(19, DH_F_STR, dh_coordination, by),
	F(20, DH_F_STR, dh_coordination, notes),
};

static const dh_field draft_fields[] = {
	META_FIELDS,
	F(16, DH_F_STR, dh_draft, login),
	F(17, DH_F_STR, dh_draft, form),
	F(18, DH_F_INT, dh_draft, target_type),
	F(19, DH_F_ID, dh_draft, target_id),
	F(20, DH_F_U32, dh_draft, target_rev),
	F(21, DH_F_STRLIST, dh_draft, fields),
};

static const dh_field audit_fields[] = {
	META_FIELDS,
	F(16, DH_F_I64, dh_audit, at),
	F(17, DH_F_STR, dh_audit, who),
	F(18, DH_F_STR, dh_audit, action),
	F(19, DH_F_INT, dh_audit, target_type),
	F(20, DH_F_ID, dh_audit, target_id),
	F(21, DH_F_STR, dh_audit, before),
	F(22, DH_F_STR, dh_audit, after),
	F(23, DH_F_STR, dh_audit, note),
	F(24, DH_F_ID, dh_audit, last_id),
};

static const dh_field plan_fields[] = {
	META_FIELDS,
	F(16, DH_F_INT, dh_plan, year),
	F(17, DH_F_STR, dh_plan, title),
	F(18, DH_F_STR, dh_plan, path),
	F(19, DH_F_STR, dh_plan, source),
};

#define SCHEMA(t, nm, st, fl) [t] = {t, nm, sizeof(st), fl, sizeof(fl) / sizeof((fl)[0])}

static const dh_schema schemas[DH_R__COUNT] = {
	SCHEMA(DH_R_CANDIDATE, "candidate", dh_candidate, candidate_fields),
	SCHEMA(DH_R_FOSTERING, "fostering", dh_fostering, fostering_fields),
	SCHEMA(DH_R_REGISTRATION, "registration", dh_registration, registration_fields),
	SCHEMA(DH_R_NIL_RETURN, "nil_return", dh_nil_return, nil_return_fields),
	SCHEMA(DH_R_SESSION, "session", dh_session, session_fields),
	SCHEMA(DH_R_VOTE_ITEM, "vote_item", dh_vote_item, vote_item_fields),
	SCHEMA(DH_R_PROPOSAL, "proposal", dh_proposal, proposal_fields),
	SCHEMA(DH_R_DECISION, "decision", dh_decision, decision_fields),
	SCHEMA(DH_R_CEREMONY, "ceremony", dh_ceremony, ceremony_fields),
	SCHEMA(DH_R_ACTIVITY, "activity", dh_activity, activity_fields),
	SCHEMA(DH_R_REVIEW, "review", dh_review, review_fields),
	SCHEMA(DH_R_DISSEMINATION, "dissemination", dh_dissemination, dissemination_fields),
	SCHEMA(DH_R_COORDINATION, "coordination", dh_coordination, coordination_fields),
	SCHEMA(DH_R_DRAFT, "draft", dh_draft, draft_fields),
	SCHEMA(DH_R_AUDIT, "audit", dh_audit, audit_fields),
	SCHEMA(DH_R_PLAN, "plan", dh_plan, plan_fields),
};

static const char *const type_labels[DH_R__COUNT] = {
	[DH_R_CANDIDATE] = "Hồ sơ điển hình",
	[DH_R_FOSTERING] = "Bồi dưỡng",
	[DH_R_REGISTRATION] = "Đăng ký",
	[DH_R_NIL_RETURN] = "Báo cáo không có đề xuất",
	[DH_R_SESSION] = "Phiên họp Hội đồng",
	[DH_R_VOTE_ITEM] = "Biểu quyết",
	[DH_R_PROPOSAL] = "Tờ trình đề nghị",
	[DH_R_DECISION] = "Quyết định",
	[DH_R_CEREMONY] = "Lễ biểu dương",
	[DH_R_ACTIVITY] = "Hoạt động nhân rộng",
	[DH_R_REVIEW] = "Sơ kết, tổng kết",
	[DH_R_DISSEMINATION] = "Quán triệt kế hoạch",
	[DH_R_COORDINATION] = "Phối hợp với Văn phòng",
	[DH_R_DRAFT] = "Bản nháp",
	[DH_R_AUDIT] = "Nhật ký",
	[DH_R_PLAN] = "Kế hoạch năm",
};

const dh_schema *record_schema(dh_rtype type)
{
	if ((int)type <= 0 || type >= DH_R__COUNT)
		return NULL;
	return &schemas[type];
}

const char *record_type_name(dh_rtype type)
{
	const dh_schema *s = record_schema(type);
	return s ? s->name : "unknown";
}

const char *record_type_label(dh_rtype type)
{
	const dh_schema *s = record_schema(type);
	return s ? type_labels[type] : "Không rõ";
}

int record_type_from_name(const char *name)
{
	for (int t = 1; t < DH_R__COUNT; t++)
		if (name && strcmp(schemas[t].name, name) == 0)
			return t;
	return -1;
}

/* --- field access ------------------------------------------------------ */

static void *field_ptr(void *rec, const dh_field *f)
{
	return (char *)rec + f->offset;
}

static const void *field_cptr(const void *rec, const dh_field *f)
{
	return (const char *)rec + f->offset;
}

/* Signed integer fields read and written as int64_t. */
static int64_t field_get_int(const void *rec, const dh_field *f)
{
	const void *p = field_cptr(rec, f);
	switch (f->type) {
	case DH_F_INT:
	case DH_F_DATE: return *(const int *)p;
	case DH_F_I64: return *(const int64_t *)p;
	default: return 0;
	}
}

static uint64_t field_get_uint(const void *rec, const dh_field *f)
{
	const void *p = field_cptr(rec, f);
	switch (f->type) {
	case DH_F_U32: return *(const uint32_t *)p;
	case DH_F_ID: return *(const uint64_t *)p;
	case DH_F_BOOL: return *(const bool *)p ? 1 : 0;
	default: return 0;
	}
}

static void strlist_free_items(dh_strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

static void record_free_fields(const dh_schema *s, void *rec)
{
	for (size_t i = 0; i < s->n_fields; i++) {
		const dh_field *f = &s->fields[i];
		void *p = field_ptr(rec, f);
		switch (f->type) {
		case DH_F_STR: free(*(char **)p); break;
		case DH_F_STRLIST: strlist_free_items(p); break;
		case DH_F_IDLIST: free(((dh_idlist *)p)->v); break;
		default: break;
		}
	}
}

void *record_new(dh_rtype type)
{
	const dh_schema *s = record_schema(type);
	return s ? calloc(1, s->size) : NULL;
}

void record_free(dh_rtype type, void *rec)
{
	const dh_schema *s = record_schema(type);
	if (!s || !rec)
		return;
	record_free_fields(s, rec);
	free(rec);
}

int record_set_str(char **dst, const char *s)
{
	char *copy = NULL;
	if (s && *s && !(copy = strdup(s)))
		return DH_ENOMEM;
	free(*dst);
	*dst = copy;
	return 0;
}

void *record_dup(dh_rtype type, const void *rec)
{
	const dh_schema *s = record_schema(type);
	if (!s || !rec)
		return NULL;
	void *out = calloc(1, s->size);
	if (!out)
		return NULL;
	for (size_t i = 0; i < s->n_fields; i++) {
		const dh_field *f = &s->fields[i];
		const void *src = field_cptr(rec, f);
		void *dst = field_ptr(out, f);
		switch (f->type) {
		case DH_F_STR:
			if (*(char *const *)src && !(*(char **)dst = strdup(*(char *const *)src)))
				goto oom;
			break;
		case DH_F_STRLIST: {
			const dh_strlist *a = src;
			for (size_t k = 0; k < a->n; k++)
				if (strlist_push(dst, a->v[k]))
					goto oom;
			break;
		}
		case DH_F_IDLIST: {
			const dh_idlist *a = src;
			dh_idlist *b = dst;
			if (a->n) {
				if (!(b->v = malloc(a->n * sizeof(*b->v))))
					goto oom;
				memcpy(b->v, a->v, a->n * sizeof(*b->v));
				b->n = a->n;
			}
			break;
		}
		case DH_F_INT:
		case DH_F_DATE: *(int *)dst = *(const int *)src; break;
		case DH_F_I64: *(int64_t *)dst = *(const int64_t *)src; break;
		case DH_F_U32: *(uint32_t *)dst = *(const uint32_t *)src; break;
		case DH_F_ID: *(uint64_t *)dst = *(const uint64_t *)src; break;
		case DH_F_BOOL: *(bool *)dst = *(const bool *)src; break;
		}
	}
	return out;
oom:
	record_free(type, out);
	return NULL;
}

/* --- growable byte buffer ---------------------------------------------- */

typedef struct buf {
	unsigned char *p;
	size_t n, cap;
	bool oom;
} buf;

static bool buf_grow(buf *b, size_t more)
{
	if (b->oom)
		return false;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->n + more)
		cap *= 2;
	unsigned char *p = realloc(b->p, cap);
	if (!p) {
		b->oom = true;
		return false;
	}
	b->p = p;
	b->cap = cap;
	return true;
}

/* Inline room check; the rare growth is out of line. After a failed
 * growth the buffer keeps its size and the oom flag says it all. */
static inline bool buf_reserve(buf *b, size_t more)
{
	return (b->n + more <= b->cap && !b->oom) || buf_grow(b, more);
}

static void buf_add(buf *b, const void *s, size_t n)
{
	if (!buf_reserve(b, n))
		return;
	if (n)
		memcpy(b->p + b->n, s, n);
	b->n += n;
}

static void buf_byte(buf *b, unsigned char c)
{
	if (buf_reserve(b, 1))
		b->p[b->n++] = c;
}

static void buf_str(buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

/* --- encoding ---------------------------------------------------------- */

static void put_varint(buf *b, uint64_t v)
{
	if (!buf_reserve(b, 10))
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

static void put_head(buf *b, uint8_t tag, uint8_t wire)
{
	if (buf_reserve(b, 2)) {
		b->p[b->n++] = tag;
		b->p[b->n++] = wire;
	}
}

static int put_bytes(buf *b, const char *s, bool check)
{
	size_t n = strlen(s);
	if (check && !utf8_valid(s, n))
		return DH_EINVAL;
	put_varint(b, n);
	buf_add(b, s, n);
	return 0;
}

static int encode_field(buf *b, const void *rec, const dh_field *f, bool check)
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
	case DH_F_DATE: {
		int64_t v = field_get_int(rec, f);
		if (v) {
			put_head(b, f->tag, WIRE_ZIGZAG);
			put_varint(b, zigzag(v));
		}
		return 0;
	}
	case DH_F_U32:
	case DH_F_ID:
	case DH_F_BOOL: {
		uint64_t v = field_get_uint(rec, f);
		if (v) {
			put_head(b, f->tag, WIRE_VARINT);
			put_varint(b, v);
		}
		return 0;
	}
	case DH_F_STRLIST: {
		const dh_strlist *l = p;
		if (!l->n)
			return 0;
		put_head(b, f->tag, WIRE_STRLIST);
		put_varint(b, l->n);
		for (size_t i = 0; i < l->n; i++) {
			if (!l->v[i])
				return DH_EINVAL;
			int rc = put_bytes(b, l->v[i], check);
			if (rc)
				return rc;
		}
		return 0;
	}
	case DH_F_IDLIST: {
		const dh_idlist *l = p;
		if (!l->n)
			return 0;
		put_head(b, f->tag, WIRE_IDLIST);
		put_varint(b, l->n);
		for (size_t i = 0; i < l->n; i++)
			put_varint(b, l->v[i]);
		return 0;
	}
	}
	return DH_EINVAL;
}

static int encode(dh_rtype type, const void *rec, buf *b, bool check)
{
	const dh_schema *s = record_schema(type);
	if (!s || !rec)
		return DH_EINVAL;
	b->n = 0;
	b->oom = false;
	buf_byte(b, RECORD_FORMAT);
	buf_byte(b, (unsigned char)type);
	for (size_t i = 0; i < s->n_fields; i++) {
		int rc = encode_field(b, rec, &s->fields[i], check);
		if (rc)
			return rc;
	}
	return b->oom ? DH_ENOMEM : 0;
}

int record_encode(dh_rtype type, const void *rec, unsigned char **out, size_t *len)
{
	buf b = {0};
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
	buf b = {out->p, 0, out->cap, false};
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
		if (get_size(r, &k))
			return DH_ECORRUPT;
		while (k--) {
			if (get_size(r, &n))
				return DH_ECORRUPT;
			r->p += n;
		}
		return 0;
	case WIRE_IDLIST:
		if (get_size(r, &k))
			return DH_ECORRUPT;
		while (k--)
			if (get_varint(r, &v))
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
		size_t k;
		if (get_size(r, &k))
			return DH_ECORRUPT;
		if (k && !(l->v = calloc(k, sizeof(*l->v))))
			return DH_ENOMEM;
		for (size_t i = 0; i < k; i++) {
			int rc = get_string(r, &l->v[i]);
			if (rc)
				return rc;
			l->n = i + 1;
		}
		return 0;
	}
	case DH_F_IDLIST: {
		dh_idlist *l = p;
		size_t k;
		if (get_size(r, &k))
			return DH_ECORRUPT;
		if (k && !(l->v = calloc(k, sizeof(*l->v))))
			return DH_ENOMEM;
		for (size_t i = 0; i < k; i++) {
			if (get_varint(r, &l->v[i]))
				return DH_ECORRUPT;
			l->n = i + 1;
		}
		return 0;
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

static void put_record_field(buf *b, uint8_t tag, const void *rec, size_t len)
{
	put_head(b, tag, WIRE_BYTES);
	put_varint(b, len);
	buf_add(b, rec, len);
}

int record_audit_encode(const dh_audit *a, const void *before, size_t before_len, const void *after,
			size_t after_len, dh_bytes *out)
{
	buf b = {out->p, 0, out->cap, false};
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

static int to_json(dh_rtype type, const void *rec, buf *b);

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
	buf b = {0};
	rc = to_json((dh_rtype)type, rec, &b);
	record_free((dh_rtype)type, rec);
	if (rc) {
		free(b.p);
		return rc;
	}
	*out = (char *)b.p;
	return 0;
}

int record_audit_seal(dh_bytes *entry, const unsigned char prev[DH_HASH_LEN], const unsigned char *records)
{
	buf b = {entry->p, entry->n, entry->cap, false};
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

/* --- JSON -------------------------------------------------------------- */

/* Bytes that go out as they are: printable ASCII but the quote and the
 * backslash, and UTF-8 lead/continuation bytes other than the two that can
 * start a sequence needing an escape (C2 for C1 controls, E2 for U+2028/9). */
static bool json_plain(unsigned char c)
{
	return (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') || (c >= 0x80 && c != 0xc2 && c != 0xe2);
}

static void json_string(buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	buf_byte(b, '"');
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		const unsigned char *run = p;
		while (json_plain(*p))
			p++;
		buf_add(b, run, (size_t)(p - run));
		unsigned c = *p;
		if (!c)
			break;
		/* Letters go out as they are; what a terminal or a JSON reader
		 * could trip on is escaped: C0, DEL, C1 (U+0080..U+009F, bytes
		 * C2 80..C2 9F) and the JavaScript line breaks U+2028/U+2029. */
		if (c == '"' || c == '\\') {
			buf_byte(b, '\\');
			buf_byte(b, (unsigned char)c);
		} else if (c == '\n') {
			buf_str(b, "\\n");
		} else if (c == '\t') {
			buf_str(b, "\\t");
		} else if (c == '\r') {
			buf_str(b, "\\r");
		} else if (c < 0x20 || c == 0x7f) {
			char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
			buf_add(b, e, 6);
		} else if (c == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			char e[6] = {'\\', 'u', '0', '0', hex[p[1] >> 4], hex[p[1] & 15]};
			buf_add(b, e, 6);
			p++;
		} else if (c == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9)) {
			buf_str(b, p[2] == 0xa8 ? "\\u2028" : "\\u2029");
			p += 2;
		} else {
			buf_byte(b, (unsigned char)c);
		}
		p++;
	}
	buf_byte(b, '"');
}

static void json_u64(buf *b, uint64_t v)
{
	char t[24];
	int i = (int)sizeof(t);
	do {
		t[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	buf_add(b, t + i, sizeof(t) - (size_t)i);
}

static void json_i64(buf *b, int64_t v)
{
	if (v < 0) {
		buf_byte(b, '-');
		json_u64(b, (uint64_t)0 - (uint64_t)v);
	} else {
		json_u64(b, (uint64_t)v);
	}
}

static void json_date(buf *b, int ymd)
{
	if (!ymd) {
		buf_str(b, "null");
		return;
	}
	int y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
	if (ymd < 0 || y > 9999) {
		json_i64(b, ymd); /* not a date: show the number, lose nothing */
		return;
	}
	char t[16] = {'"', (char)('0' + y / 1000), (char)('0' + y / 100 % 10), (char)('0' + y / 10 % 10),
		      (char)('0' + y % 10), '-', (char)('0' + m / 10), (char)('0' + m % 10), '-',
		      (char)('0' + d / 10), (char)('0' + d % 10), '"'};
	buf_add(b, t, 12);
}

static void json_field(buf *b, const void *rec, const dh_field *f)
{
	const void *p = field_cptr(rec, f);
	switch (f->type) {
	case DH_F_STR: {
		const char *s = *(char *const *)p;
		if (s)
			json_string(b, s);
		else
			buf_str(b, "null");
		break;
	}
	case DH_F_INT:
	case DH_F_I64: json_i64(b, field_get_int(rec, f)); break;
	case DH_F_DATE: json_date(b, *(const int *)p); break;
	case DH_F_U32:
	case DH_F_ID: json_u64(b, field_get_uint(rec, f)); break;
	case DH_F_BOOL: buf_str(b, *(const bool *)p ? "true" : "false"); break;
	case DH_F_STRLIST: {
		const dh_strlist *l = p;
		buf_byte(b, '[');
		for (size_t i = 0; i < l->n; i++) {
			if (i)
				buf_byte(b, ',');
			json_string(b, l->v[i] ? l->v[i] : "");
		}
		buf_byte(b, ']');
		break;
	}
	case DH_F_IDLIST: {
		const dh_idlist *l = p;
		buf_byte(b, '[');
		for (size_t i = 0; i < l->n; i++) {
			if (i)
				buf_byte(b, ',');
			json_u64(b, l->v[i]);
		}
		buf_byte(b, ']');
		break;
	}
	}
}

static int to_json(dh_rtype type, const void *rec, buf *b)
{
	const dh_schema *s = record_schema(type);
	if (!s || !rec)
		return DH_EINVAL;
	b->n = 0;
	b->oom = false;
	buf_byte(b, '{');
	for (size_t i = 0; i < s->n_fields; i++) {
		if (i)
			buf_byte(b, ',');
		buf_byte(b, '"');
		buf_str(b, s->fields[i].name);
		buf_str(b, "\":");
		json_field(b, rec, &s->fields[i]);
	}
	buf_byte(b, '}');
	buf_byte(b, 0);
	if (b->oom)
		return DH_ENOMEM;
	b->n--; /* the NUL is there, not counted */
	return 0;
}

char *record_to_json(dh_rtype type, const void *rec)
{
	buf b = {0};
	if (to_json(type, rec, &b)) {
		free(b.p);
		return NULL;
	}
	return (char *)b.p;
}

int record_json_bytes(dh_rtype type, const void *rec, dh_bytes *out)
{
	buf b = {out->p, 0, out->cap, false};
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
	buf out = {0};
	for (size_t i = 0; i < s->n_fields; i++) {
		const dh_field *f = &s->fields[i];
		if (field_is_bookkeeping(f) || field_equal(a, b, f))
			continue;
		if (out.n)
			buf_byte(&out, ',');
		buf_str(&out, f->name);
	}
	buf_byte(&out, 0);
	if (out.oom) {
		free(out.p);
		return NULL;
	}
	return (char *)out.p;
}

/* --- enum names and labels --------------------------------------------- */

static const char *const stage_names[DH_STAGE__COUNT] = {
	"new_factor", "fostering", "nominated", "approved", "not_approved", "recognised", "awarded",
};
static const char *const stage_labels[DH_STAGE__COUNT] = {
	"Nhân tố mới",           "Đang bồi dưỡng",     "Đã đăng ký",      "Được Hội đồng đề nghị",
	"Không được đề nghị",    "Đã công nhận",       "Đã khen thưởng",
};
static const char *const kind_names[] = {"individual", "collective", "model"};
static const char *const kind_labels[] = {"Cá nhân", "Tập thể", "Mô hình"};
static const char *const fostering_labels[] = {"Hướng dẫn", "Động viên", "Hỗ trợ vật chất"};
static const char *const activity_labels[] = {"Hội nghị, cuộc họp", "Đăng trên trang thông tin điện tử",
					      "Hình thức khác"};
static const char *const reg_status_labels[] = {"Đã nộp", "Đã tiếp nhận", "Đã trả lại", "Đã rút"};
static const char *const vote_labels[] = {"Chưa biểu quyết", "Đồng ý", "Không đồng ý", "Không biểu quyết"};
static const char *const result_labels[] = {"Chưa có kết quả", "Đạt", "Không đạt"};
static const char *const decision_type_labels[] = {"Công nhận", "Khen thưởng"};
static const char *const review_kind_labels[] = {"Sơ kết", "Tổng kết"};

#define NELEM(a) (int)(sizeof(a) / sizeof((a)[0]))
#define LABEL(table, i) ((i) >= 0 && (i) < NELEM(table) ? (table)[i] : "?")

static int index_of(const char *const *names, int n, const char *name)
{
	for (int i = 0; name && i < n; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return -1;
}

const char *stage_name(int stage)
{
	return LABEL(stage_names, stage);
}
const char *stage_label(int stage)
{
	return LABEL(stage_labels, stage);
}
int stage_from_name(const char *name)
{
	return index_of(stage_names, NELEM(stage_names), name);
}
const char *kind_name(int kind)
{
	return LABEL(kind_names, kind);
}
const char *kind_label(int kind)
{
	return LABEL(kind_labels, kind);
}
int kind_from_name(const char *name)
{
	return index_of(kind_names, NELEM(kind_names), name);
}
const char *fostering_kind_label(int kind)
{
	return LABEL(fostering_labels, kind);
}
const char *activity_kind_label(int kind)
{
	return LABEL(activity_labels, kind);
}
const char *reg_status_label(int status)
{
	return LABEL(reg_status_labels, status);
}
const char *vote_label(int vote)
{
	return LABEL(vote_labels, vote);
}
const char *result_label(int result)
{
	return LABEL(result_labels, result);
}
const char *decision_type_label(int type)
{
	return LABEL(decision_type_labels, type);
}
const char *review_kind_label(int kind)
{
	return LABEL(review_kind_labels, kind);
}

bool decision_number_same(const char *a, const char *b)
{
	if (!a || !b)
		return false;
	while (a[0] == '0' && a[1] >= '0' && a[1] <= '9')
		a++;
	while (b[0] == '0' && b[1] >= '0' && b[1] <= '9')
		b++;
	return utf8_casecmp(a, b) == 0;
}

/* --- lists ------------------------------------------------------------- */

int strlist_push(dh_strlist *l, const char *s)
{
	char *c = strdup(s ? s : "");
	if (!c)
		return DH_ENOMEM;
	char **v = realloc(l->v, (l->n + 1) * sizeof(*v));
	if (!v) {
		free(c);
		return DH_ENOMEM;
	}
	v[l->n++] = c;
	l->v = v;
	return 0;
}

bool strlist_has(const dh_strlist *l, const char *s)
{
	for (size_t i = 0; s && i < l->n; i++)
		if (l->v[i] && strcmp(l->v[i], s) == 0)
			return true;
	return false;
}

void strlist_remove(dh_strlist *l, const char *s)
{
	size_t k = 0;
	for (size_t i = 0; i < l->n; i++) {
		if (s && l->v[i] && strcmp(l->v[i], s) == 0)
			free(l->v[i]);
		else
			l->v[k++] = l->v[i];
	}
	l->n = k;
}

void strlist_clear(dh_strlist *l)
{
	strlist_free_items(l);
}

void idlist_clear(dh_idlist *l)
{
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

void idlist_remove(dh_idlist *l, uint64_t id)
{
	size_t k = 0;
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i] != id)
			l->v[k++] = l->v[i];
	l->n = k;
}

int idlist_push(dh_idlist *l, uint64_t id)
{
	uint64_t *v = realloc(l->v, (l->n + 1) * sizeof(*v));
	if (!v)
		return DH_ENOMEM;
	v[l->n++] = id;
	l->v = v;
	return 0;
}

bool idlist_has(const dh_idlist *l, uint64_t id)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i] == id)
			return true;
	return false;
}
