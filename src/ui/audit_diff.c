/* audit_diff.c — what an audit entry says (audit.h, ui_audit.h): the
 * labels of the fields, which fields a change touched, their values as a
 * person reads them (names for logins, labels for stages), and what the
 * entry is about, all read from its before/after JSON (ui_json.h). */
#include "audit.h"

#include "dienhinh/date.h"
#include "dienhinh/label.h"
#include "dienhinh/record.h"
#include "dienhinh/ui_page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- fields and what changed --------------------------------------------------- */

static const dh_label field_labels[] = {
    {"id", "Số"},
    {"rev", "Lần lưu"},
    {"created_at", "Lập lúc"},
    {"updated_at", "Sửa lúc"},
    {"created_by", "Người lập"},
    {"updated_by", "Người sửa"},
    {"deleted", "Đã xóa"},
    {"deleted_reason", "Lý do xóa"},
    {"year", "Năm"},
    {"kind", "Loại"},
    {"name", "Họ tên / tên"},
    {"department", "Đơn vị"},
    {"position", "Chức vụ"},
    {"title", "Tiêu đề / mô hình"},
    {"description", "Mô tả"},
    {"prospects", "Triển vọng"},
    {"criteria", "Tiêu chí đạt"},
    {"stage", "Bước"},
    {"on_hold", "Tạm dừng xét"},
    {"hold_reason", "Lý do tạm dừng"},
    {"recognised_decision", "Số quyết định công nhận"},
    {"recognised_date", "Ngày công nhận"},
    {"award_decision", "Số quyết định khen thưởng"},
    {"award_date", "Ngày khen thưởng"},
    {"aims_provincial", "Hướng tới cấp tỉnh"},
    {"followup_notes", "Theo dõi tiếp"},
    {"duplicate_of", "Có thể trùng hồ sơ"},
    {"candidate_id", "Hồ sơ"},
    {"date", "Ngày"},
    {"amount", "Số tiền"},
    {"by", "Người thực hiện"},
    {"registered_by", "Người đăng ký"},
    {"status", "Trạng thái"},
    {"reason", "Lý do"},
    {"late_reason", "Lý do đăng ký quá hạn"},
    {"late_approved_by", "Người cho phép quá hạn"},
    {"complete", "Đủ hồ sơ"},
    {"checked_by", "Người kiểm tra"},
    {"note", "Ghi chú"},
    {"notes", "Ghi chú"},
    {"method", "Hình thức biểu quyết"},
    {"present", "Có mặt"},
    {"written", "Gửi ý kiến bằng văn bản"},
    {"closed", "Đã chốt"},
    {"session_id", "Phiên họp"},
    {"order", "Thứ tự"},
    {"recused", "Không biểu quyết"},
    {"count_reason", "Lý do số phiếu"},
    {"current_item", "Hồ sơ đang xét"},
    {"hold_kind", "Trường hợp tạm dừng"},
    {"counts_from", "Thành tích tính từ ngày"},
    {"rules_held", "Đã lưu quy định lúc lập"},
    {"held_council", "Tên Hội đồng lúc họp"},
    {"held_org", "Tên cơ quan lúc lập"},
    {"held_plan_title", "Kế hoạch lúc lập"},
    {"held_logins", "Thành viên Hội đồng lúc họp"},
    {"held_roles", "Chức danh trong Hội đồng lúc họp"},
    {"held_names", "Họ tên thành viên lúc họp"},
    {"held_positions", "Chức vụ thành viên lúc họp"},
    {"held_departments", "Đơn vị thành viên lúc họp"},
    {"held_quorum_num", "Tỷ lệ dự họp tối thiểu (tử số)"},
    {"held_quorum_den", "Tỷ lệ dự họp tối thiểu (mẫu số)"},
    {"held_rule", "Cách tính đạt"},
    {"held_threshold_num", "Ngưỡng đạt (tử số)"},
    {"held_threshold_den", "Ngưỡng đạt (mẫu số)"},
    {"held_base", "Tỷ lệ tính trên"},
    {"held_written_count", "Tính ý kiến bằng văn bản"},
    {"held_recuse_self", "Người được xét không biểu quyết"},
    {"held_recuse_department", "Cùng đơn vị không biểu quyết"},
    {"held_signer_name", "Họ tên người ký lúc ký"},
    {"held_signer_position", "Chức vụ người ký lúc ký"},
    {"held_signer_chief", "Người ký là Chánh Thanh tra"},
    {"held_org_parent", "Cơ quan cấp trên lúc lập"},
    {"held_place", "Địa danh lúc lập"},
    {"held_head_title", "Chức danh người đứng đầu lúc lập"},
    {"held_award_name", "Hình thức khen thưởng lúc lập"},
    {"held_basis", "Căn cứ lúc lập"},
    {"absent", "Vắng mặt"},
    {"opinions", "Nội dung ý kiến bằng văn bản"},
    {"recuse_reasons", "Lý do không tham gia biểu quyết"},
    {"votes", "Phiếu biểu quyết"},
    {"agree", "Tán thành"},
    {"disagree", "Không tán thành"},
    {"abstain", "Không biểu quyết (phiếu)"},
    {"result", "Kết quả"},
    {"reopen_reason", "Lý do mở lại"},
    {"candidates", "Các hồ sơ"},
    {"number", "Số"},
    {"type", "Loại quyết định"},
    {"signer", "Người ký"},
    {"award_id", "Hình thức khen thưởng"},
    {"revoked", "Đã thu hồi"},
    {"revoke_reason", "Lý do thu hồi"},
    {"revoke_date", "Ngày thu hồi"},
    {"place", "Địa điểm"},
    {"decisions", "Các quyết định"},
    {"url", "Địa chỉ trang"},
    {"presenter", "Người trình bày"},
    {"audience", "Đối tượng"},
    {"attendees", "Số người dự"},
};

const char *ui_audit_field_label(const char *name)
{
	const char *label = label_find(field_labels, sizeof(field_labels) / sizeof(field_labels[0]), name);
	return label ? label : name;
}

bool audit_bookkeeping(const ui_json_member *m)
{
	static const char *const names[] = {"id",         "rev",        "created_at",
	                                    "updated_at", "created_by", "updated_by"};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (m->name_len == strlen(names[i]) && memcmp(m->name, names[i], m->name_len) == 0)
			return true;
	return false;
}

int ui_audit_changes(const char *before, const char *after, char *out, size_t size)
{
	ui_json_member bm[AUDIT_MEMBERS], am[AUDIT_MEMBERS];
	int nb = ui_json_members(before, bm, AUDIT_MEMBERS);
	int na = ui_json_members(after, am, AUDIT_MEMBERS);
	size_t o = 0;
	if (size)
		out[0] = '\0';
	if (nb <= 0 || na < 0)
		return 0; /* created (nothing before), or not readable */
	int changed = 0;
	for (int i = 0; i < na; i++) {
		if (audit_bookkeeping(&am[i]))
			continue;
		if (ui_json_same(&am[i], ui_json_find(bm, nb, am[i].name, am[i].name_len)))
			continue;
		char name[64];
		snprintf(name, sizeof(name), "%.*s", (int)am[i].name_len, am[i].name);
		const char *label = ui_audit_field_label(name);
		if (changed)
			ui_json_append(out, size, &o, ", ", 2);
		ui_json_append(out, size, &o, label, strlen(label));
		changed++;
	}
	return changed;
}

/* --- values as a person reads them -------------------------------------------- */

const char *audit_value_text(const dh_ctx *ctx, int type, const char *name, const ui_json_member *m,
                             char *out, size_t size)
{
	if (!m) {
		snprintf(out, size, "%s", "");
		return out;
	}
	char raw[4096];
	ui_json_display(m->value, m->value_len, raw, sizeof(raw));
	bool number = m->value_len && (m->value[0] == '-' || (m->value[0] >= '0' && m->value[0] <= '9'));
	long long v = number ? atoll(raw) : 0;
	const char *label = NULL;
	if (strcmp(name, "stage") == 0 && number)
		label = stage_label((int)v);
	else if (strcmp(name, "kind") == 0 && number)
		label = type == DH_R_CANDIDATE   ? kind_label((int)v)
		        : type == DH_R_FOSTERING ? fostering_kind_label((int)v)
		        : type == DH_R_ACTIVITY  ? activity_kind_label((int)v)
		        : type == DH_R_REVIEW    ? review_kind_label((int)v)
		                                 : NULL;
	else if (strcmp(name, "status") == 0 && type == DH_R_REGISTRATION && number)
		label = reg_status_label((int)v);
	else if (strcmp(name, "type") == 0 && type == DH_R_DECISION && number)
		label = decision_type_label((int)v);
	else if (strcmp(name, "result") == 0 && number)
		label = result_label((int)v);
	else if (strcmp(name, "method") == 0 && number)
		label = v == DH_VOTE_SECRET ? "Bỏ phiếu kín" : "Biểu quyết công khai";
	else if (strcmp(name, "department") == 0) {
		label = config_department_name(ctx->cfg, raw);
	} else if (strcmp(name, "created_by") == 0 || strcmp(name, "updated_by") == 0 ||
	           strcmp(name, "registered_by") == 0 || strcmp(name, "signer") == 0 ||
	           strcmp(name, "checked_by") == 0 || strcmp(name, "late_approved_by") == 0) {
		label = *raw ? config_person_name(ctx->cfg, raw) : NULL;
	} else if (strcmp(name, "award_id") == 0) {
		const dh_award *a = config_award(ctx->cfg, raw);
		label = a ? a->name : NULL;
	} else if ((strcmp(name, "created_at") == 0 || strcmp(name, "updated_at") == 0) && number) {
		return ui_page_instant(v, out, size);
	} else if (strcmp(name, "amount") == 0 && number) {
		char money[40];
		snprintf(out, size, "%s đồng", ui_format_money(v, money, sizeof(money)));
		return out;
	}
	snprintf(out, size, "%s", label ? label : raw);
	return out;
}

/* --- what an entry is about ------------------------------------------------------- */

/* The members of the record as the entry last holds it: after the change,
 * or before it for a deletion. */
static int entry_members(const dh_audit *a, ui_json_member *m)
{
	return ui_json_members(a->after && *a->after ? a->after : a->before, m, AUDIT_MEMBERS);
}

/* The first of the N_KEYS fields KEYS the entry's copy holds, as read,
 * into OUT; false when it holds none of them. */
static bool entry_words(const dh_audit *a, const char *const *keys, size_t n_keys, char *out, size_t size)
{
	ui_json_member m[AUDIT_MEMBERS];
	int n = entry_members(a, m);
	*out = '\0';
	for (size_t k = 0; k < n_keys && n > 0; k++) {
		const ui_json_member *f = ui_json_find(m, n, keys[k], strlen(keys[k]));
		if (f && !ui_json_null(f)) {
			ui_json_display(f->value, f->value_len, out, size);
			if (*out)
				return true;
		}
	}
	return false;
}

bool audit_entry_what(const dh_audit *a, char *out, size_t size)
{
	static const char *const by_name[] = {"name", "title", "number"};
	static const char *const by_number[] = {"number", "name", "title"};
	bool doc = a->target_type == DH_R_DECISION || a->target_type == DH_R_PROPOSAL;
	return entry_words(a, doc ? by_number : by_name, 3, out, size);
}

const char *audit_entry_subject(const dh_audit *a, char *out, size_t size)
{
	static const char *const keys[] = {"name", "title", "number", "department"};
	char what[300];
	entry_words(a, keys, sizeof(keys) / sizeof(keys[0]), what, sizeof(what));
	if (a->last_id > a->target_id)
		snprintf(out, size, "%s số %llu–%llu (%llu hồ sơ)", record_type_label(a->target_type),
		         (unsigned long long)a->target_id, (unsigned long long)a->last_id,
		         (unsigned long long)(a->last_id - a->target_id + 1));
	else
		snprintf(out, size, "%s số %llu%s%s", record_type_label(a->target_type),
		         (unsigned long long)a->target_id, *what ? ": " : "", what);
	return out;
}

uint64_t audit_entry_candidate(const dh_audit *a)
{
	if (a->target_type != DH_R_VOTE_ITEM && a->target_type != DH_R_REGISTRATION)
		return 0;
	ui_json_member m[AUDIT_MEMBERS];
	int n = entry_members(a, m);
	const ui_json_member *f = n > 0 ? ui_json_find(m, n, "candidate_id", strlen("candidate_id")) : NULL;
	char num[32];
	if (!f || f->value_len >= sizeof(num))
		return 0;
	memcpy(num, f->value, f->value_len);
	num[f->value_len] = '\0';
	return strtoull(num, NULL, 10);
}

const char *audit_action_label(const char *action)
{
	if (action && strcmp(action, "demo") == 0)
		return "Tạo dữ liệu mẫu";
	return wf_audit_label(action);
}
