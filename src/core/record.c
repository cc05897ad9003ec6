/* record.c — the field tables, records made, copied and freed, the enum
 * labels and the lists (record.h). The on-disk codec is record_codec.c,
 * JSON and the diff record_json.c. */
#include "dienhinh/record.h"

#include "dienhinh/buf.h"
#include "dienhinh/error.h"
#include "dienhinh/label.h"
#include "dienhinh/utf8.h"
#include "record_internal.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

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

bool record_buf_grow(record_buf *b, size_t more)
{
	if (b->oom)
		return false;
	if (buf_reserve(&b->p, &b->cap, b->n + more, 1)) {
		b->oom = true;
		return false;
	}
	return true;
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
	return name_index(stage_names, NELEM(stage_names), name);
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
	return name_index(kind_names, NELEM(kind_names), name);
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

int strlist_take(dh_strlist *l, char *s)
{
	char **v = realloc(l->v, (l->n + 1) * sizeof(*v));
	if (!v) {
		free(s);
		return DH_ENOMEM;
	}
	v[l->n++] = s;
	l->v = v;
	return 0;
}

int strlist_push(dh_strlist *l, const char *s)
{
	char *c = strdup(s ? s : "");
	if (!c)
		return DH_ENOMEM;
	return strlist_take(l, c);
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
