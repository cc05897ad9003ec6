/* workflow_fields.c — what each field of an input record must be before
 * the workflow writes it: one table for every record type, read by
 * wf_check_fields() in the table's order (the first field at fault is the
 * refusal, named in ctx->field). What is not a plain field (a choice, an
 * amount, a reference, a default title) stays with the action that needs it. */
#include "workflow_internal.h"

#include <stddef.h>

typedef enum wf_field_kind {
	WF_LINE,       /* one line, at most WF_MAX_LINE characters */
	WF_NOTE,       /* several lines, at most WF_MAX_LINE */
	WF_TEXT,       /* several lines, at most WF_MAX_TEXT */
	WF_DEPARTMENT, /* a WF_LINE naming a department of config */
	WF_DATE,       /* a real date; 0 becomes today */
	WF_YEAR,       /* 2000..2100; 0 becomes the plan year */
} wf_field_kind;

typedef struct wf_field {
	dh_rtype type;
	wf_field_kind kind;
	size_t offset;     /* of the field in the record: char * for texts, int else */
	const char *name;  /* the input field, for ctx->field */
	const char *label; /* what the reader calls it */
	bool required;     /* texts: refused when empty */
} wf_field;

/* A candidate's name is checked before these, and its kind between. */
/* clang-format off */
static const wf_field fields[] = {
	/* record            kind           field                                        name                   label                         required */
	{DH_R_CANDIDATE,    WF_YEAR,       offsetof(dh_candidate, year),                "year",                "Năm",                       false},
	{DH_R_CANDIDATE,    WF_DEPARTMENT, offsetof(dh_candidate, department),          "department",          "Phòng",                     true},
	{DH_R_CANDIDATE,    WF_LINE,       offsetof(dh_candidate, position),            "position",            "Chức vụ",                   false},
	{DH_R_CANDIDATE,    WF_LINE,       offsetof(dh_candidate, title),               "title",               "Mô hình, thành tích",       false},
	{DH_R_CANDIDATE,    WF_TEXT,       offsetof(dh_candidate, description),         "description",         "Mô tả",                     false},
	{DH_R_CANDIDATE,    WF_TEXT,       offsetof(dh_candidate, prospects),           "prospects",           "Triển vọng",                false},
	{DH_R_CANDIDATE,    WF_TEXT,       offsetof(dh_candidate, followup_notes),      "followup_notes",      "Theo dõi",                  false},
	{DH_R_CANDIDATE,    WF_NOTE,       offsetof(dh_candidate, hold_reason),         "hold_reason",         "Lý do tạm dừng",            false},
	{DH_R_CANDIDATE,    WF_LINE,       offsetof(dh_candidate, recognised_decision), "recognised_decision", "Số quyết định công nhận",   false},
	{DH_R_CANDIDATE,    WF_LINE,       offsetof(dh_candidate, award_decision),      "award_decision",      "Số quyết định khen thưởng", false},
	{DH_R_FOSTERING,    WF_DATE,       offsetof(dh_fostering, date),                "date",                "Ngày",                      false},
	{DH_R_FOSTERING,    WF_TEXT,       offsetof(dh_fostering, description),         "description",         "Nội dung",                  true},
	{DH_R_FOSTERING,    WF_LINE,       offsetof(dh_fostering, by),                  "by",                  "Người thực hiện",           false},
	{DH_R_REGISTRATION, WF_DATE,       offsetof(dh_registration, date),             "date",                "Ngày đăng ký",              false},
	{DH_R_REGISTRATION, WF_TEXT,       offsetof(dh_registration, description),      "description",         "Bản mô tả",                 false},
	{DH_R_REGISTRATION, WF_NOTE,       offsetof(dh_registration, late_reason),      "late_reason",         "Lý do đăng ký quá hạn",     false},
	{DH_R_NIL_RETURN,   WF_DATE,       offsetof(dh_nil_return, date),               "date",                "Ngày báo",                  false},
	{DH_R_NIL_RETURN,   WF_TEXT,       offsetof(dh_nil_return, note),               "note",                "Ghi chú",                   false},
	{DH_R_NIL_RETURN,   WF_LINE,       offsetof(dh_nil_return, by),                 "by",                  "Người báo",                 false},
	{DH_R_SESSION,      WF_YEAR,       offsetof(dh_session, year),                  "year",                "Năm",                       false},
	{DH_R_SESSION,      WF_DATE,       offsetof(dh_session, date),                  "date",                "Ngày họp",                  false},
	{DH_R_SESSION,      WF_LINE,       offsetof(dh_session, title),                 "title",               "Tên phiên họp",             false},
	{DH_R_SESSION,      WF_TEXT,       offsetof(dh_session, notes),                 "notes",               "Ghi chú",                   false},
	{DH_R_PROPOSAL,     WF_DATE,       offsetof(dh_proposal, date),                 "date",                "Ngày tờ trình",             false},
	{DH_R_PROPOSAL,     WF_LINE,       offsetof(dh_proposal, number),               "number",              "Số tờ trình",               false},
	{DH_R_PROPOSAL,     WF_TEXT,       offsetof(dh_proposal, notes),                "notes",               "Ghi chú",                   false},
	{DH_R_DECISION,     WF_YEAR,       offsetof(dh_decision, year),                 "year",                "Năm",                       false},
	{DH_R_DECISION,     WF_LINE,       offsetof(dh_decision, number),               "number",              "Số quyết định",             true},
	{DH_R_DECISION,     WF_DATE,       offsetof(dh_decision, date),                 "date",                "Ngày quyết định",           false},
	{DH_R_DECISION,     WF_LINE,       offsetof(dh_decision, signer),               "signer",              "Người ký",                  false},
	{DH_R_CEREMONY,     WF_YEAR,       offsetof(dh_ceremony, year),                 "year",                "Năm",                       false},
	{DH_R_CEREMONY,     WF_DATE,       offsetof(dh_ceremony, date),                 "date",                "Ngày tổ chức",              false},
	{DH_R_CEREMONY,     WF_LINE,       offsetof(dh_ceremony, title),                "title",               "Tên buổi tuyên dương",      true},
	{DH_R_CEREMONY,     WF_LINE,       offsetof(dh_ceremony, place),                "place",               "Địa điểm",                  false},
	{DH_R_CEREMONY,     WF_TEXT,       offsetof(dh_ceremony, notes),                "notes",               "Ghi chú",                   false},
	{DH_R_ACTIVITY,     WF_DATE,       offsetof(dh_activity, date),                 "date",                "Ngày",                      false},
	{DH_R_ACTIVITY,     WF_LINE,       offsetof(dh_activity, title),                "title",               "Nội dung",                  true},
	{DH_R_ACTIVITY,     WF_LINE,       offsetof(dh_activity, url),                  "url",                 "Địa chỉ bài đăng",          false},
	{DH_R_ACTIVITY,     WF_LINE,       offsetof(dh_activity, presenter),            "presenter",           "Người trình bày",           false},
	{DH_R_ACTIVITY,     WF_LINE,       offsetof(dh_activity, audience),             "audience",            "Đối tượng",                 false},
	{DH_R_REVIEW,       WF_YEAR,       offsetof(dh_review, year),                   "year",                "Năm",                       false},
	{DH_R_REVIEW,       WF_DATE,       offsetof(dh_review, date),                   "date",                "Ngày",                      false},
	{DH_R_REVIEW,       WF_LINE,       offsetof(dh_review, title),                  "title",               "Tên buổi",                  false},
	{DH_R_REVIEW,       WF_TEXT,       offsetof(dh_review, notes),                  "notes",               "Nội dung",                  false},
};
/* clang-format on */

int wf_check_fields(dh_ctx *ctx, dh_rtype type, void *rec)
{
	static const struct {
		bool multiline;
		size_t max;
	} texts[] = {
	    [WF_LINE] = {false, WF_MAX_LINE},
	    [WF_NOTE] = {true, WF_MAX_LINE},
	    [WF_TEXT] = {true, WF_MAX_TEXT},
	    [WF_DEPARTMENT] = {false, WF_MAX_LINE},
	};
	int rc = 0;
	for (size_t i = 0; !rc && i < sizeof(fields) / sizeof(fields[0]); i++) {
		const wf_field *f = &fields[i];
		if (f->type != type)
			continue;
		void *at = (char *)rec + f->offset;
		if (f->kind == WF_DATE)
			rc = wf_check_date(ctx, at, true, f->name, f->label);
		else if (f->kind == WF_YEAR)
			rc = wf_check_year(ctx, at);
		else if (!(rc = wf_clean_text(ctx, at, f->name, f->label, texts[f->kind].multiline,
		                              texts[f->kind].max, f->required)) &&
		         f->kind == WF_DEPARTMENT)
			rc = wf_check_department(ctx, *(char **)at);
	}
	return rc;
}
