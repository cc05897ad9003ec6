/* scr_audit.c — screen 8, Nhật ký: every audited change, newest first.
 *
 * Unfiltered, row i is simply the i-th newest entry, read a page at a time
 * (the log can hold millions). A filter — a person, a record, a date range,
 * or a candidate and the records of its history — is answered by walking
 * the log from the newest entry a slice at a time while no key waits
 * (`idle`), so the first matches show at once and the count grows while the
 * walk goes on; entries committed later by others are checked on reload.
 *
 * An entry holds the JSON of the record before and after the change; the
 * fields that differ are what the list and the entry's page show, with the
 * values as a person reads them (names for logins, labels for stages). */
#include "dienhinh/ui_audit.h"

#include "dienhinh/date.h"
#include "dienhinh/error.h"
#include "dienhinh/record.h"
#include "dienhinh/repo.h"
#include "dienhinh/ui_form.h"
#include "dienhinh/ui_list.h"
#include "dienhinh/ui_record.h"
#include "dienhinh/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define AUDIT_SCAN_SLICE   2000 /* entries decoded per idle call */
#define AUDIT_RELOAD_CHECK 5000 /* newer entries checked in place on reload; more: walk again */
#define AUDIT_MEMBERS      64   /* fields of the widest record, with room */

/* --- reading the JSON ---------------------------------------------------------- */

static const char *json_ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

/* The end of the string starting at P (on its opening quote), or NULL. */
static const char *json_string_end(const char *p)
{
	for (p++; *p; p++) {
		if (*p == '\\') {
			if (!p[1])
				return NULL;
			p++;
		} else if (*p == '"') {
			return p + 1;
		}
	}
	return NULL;
}

/* The end of the value starting at P, or NULL. */
static const char *json_value_end(const char *p)
{
	if (*p == '"')
		return json_string_end(p);
	if (*p == '[' || *p == '{') {
		int depth = 0;
		while (*p) {
			if (*p == '"') {
				p = json_string_end(p);
				if (!p)
					return NULL;
				continue;
			}
			if (*p == '[' || *p == '{')
				depth++;
			else if (*p == ']' || *p == '}') {
				if (--depth == 0)
					return p + 1;
			}
			p++;
		}
		return NULL;
	}
	const char *start = p;
	while (*p && *p != ',' && *p != '}' && *p != ']' && *p != ' ')
		p++;
	return p > start ? p : NULL;
}

int ui_json_members(const char *json, ui_json_member *out, int max)
{
	if (!json || !*json)
		return 0;
	const char *p = json_ws(json);
	if (*p++ != '{')
		return -1;
	int n = 0;
	p = json_ws(p);
	if (*p == '}')
		return 0;
	for (;;) {
		if (*p != '"')
			return -1;
		const char *name_end = json_string_end(p);
		if (!name_end)
			return -1;
		const char *name = p + 1;
		size_t name_len = (size_t)(name_end - 1 - name);
		p = json_ws(name_end);
		if (*p++ != ':')
			return -1;
		p = json_ws(p);
		const char *end = json_value_end(p);
		if (!end)
			return -1;
		if (n < max)
			out[n++] = (ui_json_member){name, name_len, p, (size_t)(end - p)};
		p = json_ws(end);
		if (*p == '}')
			return n;
		if (*p++ != ',')
			return -1;
		p = json_ws(p);
	}
}

/* Append the bytes S..S+LEN to OUT at *O (SIZE bytes, NUL kept), never
 * leaving half a letter at the end. */
static void out_add(char *out, size_t size, size_t *o, const char *s, size_t len)
{
	if (*o + 1 >= size)
		return;
	if (len > size - 1 - *o) {
		len = size - 1 - *o;
		while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80)
			len--;
	}
	memcpy(out + *o, s, len);
	*o += len;
	out[*o] = '\0';
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The string value at P (its opening quote) unescaped into OUT at *O;
 * returns the end of the value. */
static const char *json_unescape(const char *p, const char *end, char *out, size_t size, size_t *o)
{
	p++;
	while (p < end && *p != '"') {
		const char *run = p;
		while (p < end && *p != '"' && *p != '\\')
			p++;
		out_add(out, size, o, run, (size_t)(p - run));
		if (p >= end || *p != '\\')
			continue;
		char c = p[1];
		char lit[5] = {0};
		switch (c) {
		case 'n': lit[0] = '\n'; break;
		case 't': lit[0] = ' '; break;
		case 'r': lit[0] = ' '; break;
		case 'u': {
			int32_t cp = 0;
			for (int k = 2; k < 6; k++) {
				int h = p + k < end ? hex_digit(p[k]) : -1;
				if (h < 0) {
					cp = 0xfffd;
					break;
				}
				cp = cp * 16 + h;
			}
			/* Controls stay out of what is shown; separators are spaces. */
			if (cp == 0x2028 || cp == 0x2029 || cp == '\t' || cp == '\r')
				cp = ' ';
			else if ((cp < 0x20 && cp != '\n') || (cp >= 0x7f && cp < 0xa0) ||
			         (cp >= 0xd800 && cp <= 0xdfff))
				cp = 0xfffd;
			utf8_encode(cp, lit);
			p += 4;
			break;
		}
		default: lit[0] = c; break;
		}
		out_add(out, size, o, lit, strlen(lit));
		p += 2;
	}
	return p < end ? p + 1 : end;
}

static bool is_iso_date(const char *s, size_t n)
{
	if (n != 12 || s[0] != '"' || s[5] != '-' || s[8] != '-')
		return false;
	for (int i = 1; i < 11; i++)
		if (i != 5 && i != 8 && (s[i] < '0' || s[i] > '9'))
			return false;
	return true;
}

const char *ui_json_display(const char *value, size_t len, char *out, size_t size)
{
	size_t o = 0;
	if (!size)
		return out;
	out[0] = '\0';
	const char *end = value + len;
	if (is_iso_date(value, len)) {
		char iso[11];
		memcpy(iso, value + 1, 10);
		iso[10] = '\0';
		int ymd = 0;
		char vn[11];
		if (date_parse(iso, &ymd) == 0) {
			snprintf(out, size, "%s", date_vn(ymd, vn));
			return out;
		}
	}
	if (len == 4 && memcmp(value, "null", 4) == 0)
		return out;
	if (len == 4 && memcmp(value, "true", 4) == 0) {
		snprintf(out, size, "có");
		return out;
	}
	if (len == 5 && memcmp(value, "false", 5) == 0) {
		snprintf(out, size, "không");
		return out;
	}
	if (*value == '"') {
		json_unescape(value, end, out, size, &o);
		return out;
	}
	if (*value == '[') {
		const char *p = value + 1;
		bool first = true;
		while (p < end && *p != ']') {
			if (*p == ',' || *p == ' ') {
				p++;
				continue;
			}
			if (!first)
				out_add(out, size, &o, ", ", 2);
			first = false;
			if (*p == '"') {
				p = json_unescape(p, end, out, size, &o);
			} else {
				const char *run = p;
				while (p < end && *p != ',' && *p != ']')
					p++;
				out_add(out, size, &o, run, (size_t)(p - run));
			}
		}
		return out;
	}
	out_add(out, size, &o, value, len);
	return out;
}

static const struct {
	const char *name, *label;
} field_labels[] = {
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
	for (size_t i = 0; i < sizeof(field_labels) / sizeof(field_labels[0]); i++)
		if (strcmp(field_labels[i].name, name) == 0)
			return field_labels[i].label;
	return name;
}

/* Fields every save touches: not what a person changed. */
static bool member_is_bookkeeping(const ui_json_member *m)
{
	static const char *const names[] = {"id",         "rev",        "created_at",
	                                    "updated_at", "created_by", "updated_by"};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (m->name_len == strlen(names[i]) && memcmp(m->name, names[i], m->name_len) == 0)
			return true;
	return false;
}

static const ui_json_member *member_find(const ui_json_member *v, int n, const char *name, size_t len)
{
	for (int i = 0; i < n; i++)
		if (v[i].name_len == len && memcmp(v[i].name, name, len) == 0)
			return &v[i];
	return NULL;
}

static bool member_same(const ui_json_member *a, const ui_json_member *b)
{
	return a && b && a->value_len == b->value_len && memcmp(a->value, b->value, a->value_len) == 0;
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
		if (member_is_bookkeeping(&am[i]))
			continue;
		if (member_same(&am[i], member_find(bm, nb, am[i].name, am[i].name_len)))
			continue;
		char name[64];
		snprintf(name, sizeof(name), "%.*s", (int)am[i].name_len, am[i].name);
		const char *label = ui_audit_field_label(name);
		if (changed)
			out_add(out, size, &o, ", ", 2);
		out_add(out, size, &o, label, strlen(label));
		changed++;
	}
	return changed;
}

/* --- values as a person reads them -------------------------------------------- */

/* VALUE of field NAME in a record of TYPE, into OUT: labels for codes,
 * names for logins and departments, money with dots. */
static const char *value_text(const dh_ctx *ctx, int type, const char *name, const ui_json_member *m,
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
		const dh_department *d = config_department(ctx->cfg, raw);
		label = d ? d->name : NULL;
	} else if (strcmp(name, "created_by") == 0 || strcmp(name, "updated_by") == 0 ||
	           strcmp(name, "registered_by") == 0 || strcmp(name, "signer") == 0 ||
	           strcmp(name, "checked_by") == 0 || strcmp(name, "late_approved_by") == 0) {
		label = *raw ? ui_record_person(ctx, raw) : NULL;
	} else if (strcmp(name, "award_id") == 0) {
		const dh_award *a = config_award(ctx->cfg, raw);
		label = a ? a->name : NULL;
	} else if ((strcmp(name, "created_at") == 0 || strcmp(name, "updated_at") == 0) && number) {
		return ui_record_instant(v, out, size);
	} else if (strcmp(name, "amount") == 0 && number) {
		char money[40];
		snprintf(out, size, "%s đồng", ui_format_money(v, money, sizeof(money)));
		return out;
	}
	snprintf(out, size, "%s", label ? label : raw);
	return out;
}

/* The words a reader knows a record by, from the entry's copy of it: a
 * document's number ("20/QĐ-TTr"), a person's or model's name, a
 * session's title; false when the entry holds none. */
static bool entry_what(const dh_audit *a, char *out, size_t size)
{
	ui_json_member m[AUDIT_MEMBERS];
	int n = ui_json_members(a->after && *a->after ? a->after : a->before, m, AUDIT_MEMBERS);
	bool doc = a->target_type == DH_R_DECISION || a->target_type == DH_R_PROPOSAL;
	const char *by_name[] = {"name", "title", "number"};
	const char *by_number[] = {"number", "name", "title"};
	const char *const *keys = doc ? by_number : by_name;
	*out = '\0';
	for (size_t k = 0; k < 3 && n > 0; k++) {
		const ui_json_member *f = member_find(m, n, keys[k], strlen(keys[k]));
		if (f && !(f->value_len == 4 && memcmp(f->value, "null", 4) == 0)) {
			ui_json_display(f->value, f->value_len, out, size);
			if (*out)
				return true;
		}
	}
	return false;
}

/* What to call the record an entry is about: "Hồ sơ điển hình số 12: Nguyễn Văn A". */
static const char *entry_subject(const dh_audit *a, char *out, size_t size)
{
	ui_json_member m[AUDIT_MEMBERS];
	int n = ui_json_members(a->after && *a->after ? a->after : a->before, m, AUDIT_MEMBERS);
	const char *keys[] = {"name", "title", "number", "department"};
	char what[300] = "";
	for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]) && n > 0; k++) {
		const ui_json_member *f = member_find(m, n, keys[k], strlen(keys[k]));
		if (f && !(f->value_len == 4 && memcmp(f->value, "null", 4) == 0)) {
			ui_json_display(f->value, f->value_len, what, sizeof(what));
			if (*what)
				break;
		}
	}
	if (a->last_id > a->target_id)
		snprintf(out, size, "%s số %llu–%llu (%llu hồ sơ)", record_type_label(a->target_type),
		         (unsigned long long)a->target_id, (unsigned long long)a->last_id,
		         (unsigned long long)(a->last_id - a->target_id + 1));
	else
		snprintf(out, size, "%s số %llu%s%s", record_type_label(a->target_type),
		         (unsigned long long)a->target_id, *what ? ": " : "", what);
	return out;
}

static const char *action_label(const char *action)
{
	if (action && strcmp(action, "demo") == 0)
		return "Tạo dữ liệu mẫu";
	return wf_audit_label(action);
}

/* --- the filter ------------------------------------------------------------------ */

typedef struct audit_target {
	int type;
	uint64_t id;
} audit_target;

typedef struct audit_filter {
	char who[64];          /* a login, "" = anyone */
	int type;              /* a dh_rtype, 0 = any */
	uint64_t id;           /* 0 = any record of TYPE */
	int from, to;          /* YYYYMMDD, 0 = open */
	audit_target *targets; /* a candidate and its history (NULL: no such limit) */
	size_t n_targets;
} audit_filter;

static bool filter_active(const audit_filter *f)
{
	return f->who[0] || f->type || f->from || f->to || f->targets;
}

static int entry_date(const dh_audit *a)
{
	time_t t = (time_t)a->at;
	struct tm tm;
	if (!localtime_r(&t, &tm))
		return 0;
	return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

/* Whether entry A is about record ID of its type: a bulk entry (an
 * import, the demo) covers the range of ids it created. */
static bool entry_covers(const dh_audit *a, uint64_t id)
{
	if (a->last_id > a->target_id)
		return id >= a->target_id && id <= a->last_id;
	return id == a->target_id;
}

static bool filter_match(const audit_filter *f, const dh_audit *a)
{
	if (f->who[0] && (!a->who || strcmp(a->who, f->who) != 0))
		return false;
	if (f->type && a->target_type != f->type)
		return false;
	if (f->id && !entry_covers(a, f->id))
		return false;
	if (f->targets) {
		bool found = false;
		for (size_t i = 0; i < f->n_targets && !found; i++)
			found = f->targets[i].type == a->target_type && entry_covers(a, f->targets[i].id);
		if (!found)
			return false;
	}
	if (f->from || f->to) {
		int d = entry_date(a);
		if ((f->from && d < f->from) || (f->to && d > f->to))
			return false;
	}
	return true;
}

/* "Phạm Văn Thuần · Hồ sơ điển hình số 12 · từ 01/06/2021" */
static void filter_words(const dh_ctx *ctx, const audit_filter *f, char *out, size_t size)
{
	size_t o = 0;
	char d[11];
	out[0] = '\0';
#define ADD(...)                                                                                             \
	do {                                                                                                 \
		if (o < size)                                                                                \
			o += (size_t)snprintf(out + o, size - o, __VA_ARGS__);                               \
	} while (0)
	if (f->who[0])
		ADD("%s%s", o ? " · " : "", ui_record_person(ctx, f->who));
	if (f->type && f->id)
		ADD("%s%s số %llu", o ? " · " : "", record_type_label(f->type), (unsigned long long)f->id);
	else if (f->type)
		ADD("%s%s", o ? " · " : "", record_type_label(f->type));
	if (f->from)
		ADD("%stừ %s", o ? " · " : "", date_vn(f->from, d));
	if (f->to)
		ADD("%sđến %s", o ? " · " : "", date_vn(f->to, d));
#undef ADD
}

/* --- the screen ---------------------------------------------------------------------- */

typedef struct audit_screen {
	ui_view base;
	ui_list list;
	ui_list_source source; /* a copy: its empty text says why it is empty */
	bool allowed;
	char refusal[512];
	char title[240]; /* a candidate's log: what it is about */
	audit_filter f;
	uint64_t last;  /* the newest entry's sequence number */
	uint64_t *seqs; /* filtered: the matches found so far, newest first */
	size_t n_seqs, cap_seqs;
	uint64_t scan_next; /* filtered: the next entry the walk reads (0: done) */
	uint64_t scan_top;  /* the newest entry when the walk began */
	int scan_percent;   /* of the walk done, as last shown */
	dh_audit *peek;     /* the entry under the cursor */
} audit_screen;

/* The action takes what the time, person and record leave: at 80 columns
 * that is 25, room for the actions' labels whole; a record ("Hồ sơ 1–300",
 * "Biểu quyết 1–366") needs no more than 16. */
static const ui_list_column audit_columns[] = {
    {"Lúc", 16, false},
    {"Người", 18, false},
    {"Việc", 0, false},
    {"Hồ sơ", 21, false},
};

static const char *const type_short[DH_R__COUNT] = {
    [DH_R_CANDIDATE] = "Hồ sơ",          [DH_R_FOSTERING] = "Bồi dưỡng", [DH_R_REGISTRATION] = "Đăng ký",
    [DH_R_NIL_RETURN] = "Không đề xuất", [DH_R_SESSION] = "Phiên họp",   [DH_R_VOTE_ITEM] = "Biểu quyết",
    [DH_R_PROPOSAL] = "Tờ trình",        [DH_R_DECISION] = "Quyết định", [DH_R_CEREMONY] = "Biểu dương",
    [DH_R_ACTIVITY] = "Nhân rộng",       [DH_R_REVIEW] = "Sơ, tổng kết", [DH_R_DISSEMINATION] = "Quán triệt",
    [DH_R_COORDINATION] = "Phối hợp",    [DH_R_DRAFT] = "Bản nháp",      [DH_R_AUDIT] = "Nhật ký",
};

static void audit_fill_row(audit_screen *s, const dh_audit *a, ui_list_row *row)
{
	const char *type = a->target_type > 0 && a->target_type < DH_R__COUNT && type_short[a->target_type]
	                       ? type_short[a->target_type]
	                       : "?";
	row->id = a->meta.id;
	row->style = UI_S_NORMAL;
	ui_record_instant(a->at, row->cells[0], UI_LIST_CELL);
	snprintf(row->cells[1], UI_LIST_CELL, "%s", ui_record_person(s->base.ctx, a->who));
	snprintf(row->cells[2], UI_LIST_CELL, "%s", action_label(a->action));
	char what[UI_LIST_CELL - 32];
	if (a->last_id > a->target_id)
		snprintf(row->cells[3], UI_LIST_CELL, "%s %llu–%llu", type, (unsigned long long)a->target_id,
		         (unsigned long long)a->last_id);
	else if (entry_what(a, what, sizeof(what)))
		/* "Phiên họp Hội đồng ngày …" needs no "Phiên họp" before it. */
		snprintf(row->cells[3], UI_LIST_CELL, "%s%s%s", strncmp(what, type, strlen(type)) == 0 ? "" : type,
		         strncmp(what, type, strlen(type)) == 0 ? "" : " ", what);
	else
		snprintf(row->cells[3], UI_LIST_CELL, "%s %llu", type, (unsigned long long)a->target_id);
}

typedef struct audit_page {
	audit_screen *s;
	ui_list_row *out;
	size_t n, max;
	uint64_t *cands; /* per row: the nominee an agenda item or registration is about */
} audit_page;

/* The candidate_id in the entry's copy of its record, 0 if none. */
static uint64_t entry_candidate(const dh_audit *a)
{
	if (a->target_type != DH_R_VOTE_ITEM && a->target_type != DH_R_REGISTRATION)
		return 0;
	ui_json_member m[AUDIT_MEMBERS];
	int n = ui_json_members(a->after && *a->after ? a->after : a->before, m, AUDIT_MEMBERS);
	const ui_json_member *f = n > 0 ? member_find(m, n, "candidate_id", strlen("candidate_id")) : NULL;
	char num[32];
	if (!f || f->value_len >= sizeof(num))
		return 0;
	memcpy(num, f->value, f->value_len);
	num[f->value_len] = '\0';
	return strtoull(num, NULL, 10);
}

static int audit_page_cb(const void *rec, void *arg)
{
	audit_page *p = arg;
	if (p->cands)
		p->cands[p->n] = entry_candidate(rec);
	audit_fill_row(p->s, rec, &p->out[p->n++]);
	return p->n >= p->max;
}

/* "Biểu quyết: Nguyễn Văn A" rather than "Biểu quyết 168": the names are
 * read once the entries' read is over. */
static void audit_name_candidates(audit_screen *s, ui_list_row *out, const uint64_t *cands, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		void *rec = NULL;
		if (!cands[i] || repo_get(s->base.ctx->store, DH_R_CANDIDATE, cands[i], &rec) != 0)
			continue;
		const dh_candidate *c = rec;
		char type[48];
		snprintf(type, sizeof(type), "%s", out[i].cells[3]);
		char *space = strrchr(type, ' ');
		if (space && c->name)
			*space = '\0';
		if (c->name)
			snprintf(out[i].cells[3], UI_LIST_CELL, "%.40s: %.140s", type, c->name);
		record_free(DH_R_CANDIDATE, rec);
	}
}

static size_t audit_count(void *ctx)
{
	audit_screen *s = ctx;
	if (!s->allowed)
		return 0;
	return filter_active(&s->f) ? s->n_seqs : (size_t)s->last;
}

static size_t audit_rows(void *ctx, size_t first, size_t n, ui_list_row *out)
{
	audit_screen *s = ctx;
	dh_store *st = s->base.ctx->store;
	if (!st || !s->allowed)
		return 0;
	if (!filter_active(&s->f)) {
		if (first >= s->last)
			return 0;
		audit_page p = {s, out, 0, n, calloc(n ? n : 1, sizeof(uint64_t))};
		repo_audit(st, s->last - first, audit_page_cb, &p);
		if (p.cands)
			audit_name_candidates(s, out, p.cands, p.n);
		free(p.cands);
		return p.n;
	}
	size_t k = 0;
	for (size_t i = first; i < s->n_seqs && k < n; i++) {
		uint64_t cand = 0;
		audit_page p = {s, out + k, 0, 1, &cand};
		repo_audit(st, s->seqs[i], audit_page_cb, &p);
		if (p.n && out[k].id == s->seqs[i]) {
			audit_name_candidates(s, out + k, &cand, 1);
			k++;
		}
	}
	return k;
}

static int seqs_push(audit_screen *s, uint64_t seq)
{
	if (s->n_seqs == s->cap_seqs) {
		size_t cap = s->cap_seqs ? s->cap_seqs * 2 : 256;
		uint64_t *p = realloc(s->seqs, cap * sizeof(*p));
		if (!p)
			return DH_ENOMEM;
		s->seqs = p;
		s->cap_seqs = cap;
	}
	s->seqs[s->n_seqs++] = seq;
	return 0;
}

typedef struct scan_args {
	audit_screen *s;
	size_t seen, max;
	uint64_t stop; /* do not read this entry or older ones */
	uint64_t last_seen;
	uint64_t *found; /* matches, newest first */
	size_t n_found, cap_found;
	int rc;
} scan_args;

static int scan_cb(const void *rec, void *arg)
{
	scan_args *a = arg;
	const dh_audit *e = rec;
	if (e->meta.id <= a->stop)
		return 1;
	a->seen++;
	a->last_seen = e->meta.id;
	if (filter_match(&a->s->f, e)) {
		if (a->n_found == a->cap_found) {
			size_t cap = a->cap_found ? a->cap_found * 2 : 64;
			uint64_t *p = realloc(a->found, cap * sizeof(*p));
			if (!p) {
				a->rc = DH_ENOMEM;
				return a->rc;
			}
			a->found = p;
			a->cap_found = cap;
		}
		a->found[a->n_found++] = e->meta.id;
	}
	return a->seen >= a->max;
}

/* Start (again) the walk for the filter now set. */
static void audit_restart(audit_screen *s)
{
	s->n_seqs = 0;
	if (s->base.ctx->store)
		repo_last_id(s->base.ctx->store, DH_R_AUDIT, &s->last);
	s->scan_top = s->last;
	s->scan_next = filter_active(&s->f) ? s->last : 0;
	s->scan_percent = 0;
	record_free(DH_R_AUDIT, s->peek);
	s->peek = NULL;
}

/* The store changed: newer entries on top. With a filter, the newer
 * entries are checked here when they are few; else the walk begins again. */
static void audit_source_reload(void *ctx)
{
	audit_screen *s = ctx;
	dh_store *st = s->base.ctx->store;
	record_free(DH_R_AUDIT, s->peek);
	s->peek = NULL;
	if (!st || !s->allowed)
		return;
	uint64_t last = 0;
	repo_last_id(st, DH_R_AUDIT, &last);
	if (!filter_active(&s->f) || last <= s->scan_top) {
		s->last = last;
		return;
	}
	if (last - s->scan_top > AUDIT_RELOAD_CHECK) {
		audit_restart(s);
		return;
	}
	scan_args a = {.s = s, .max = SIZE_MAX, .stop = s->scan_top};
	repo_audit(st, last, scan_cb, &a);
	if (a.rc == 0 && a.n_found) {
		uint64_t *p = realloc(s->seqs, (s->n_seqs + a.n_found) * sizeof(*p));
		if (p) {
			memmove(p + a.n_found, p, s->n_seqs * sizeof(*p));
			memcpy(p, a.found, a.n_found * sizeof(*p));
			s->seqs = p;
			s->n_seqs += a.n_found;
			s->cap_seqs = s->n_seqs;
		}
	}
	free(a.found);
	s->last = last;
	s->scan_top = last;
}

static size_t audit_index_of(void *ctx, uint64_t id)
{
	audit_screen *s = ctx;
	if (!filter_active(&s->f))
		return id && id <= s->last ? (size_t)(s->last - id) : SIZE_MAX;
	for (size_t i = 0; i < s->n_seqs; i++)
		if (s->seqs[i] == id)
			return i;
	return SIZE_MAX;
}

static const ui_list_source audit_source = {
    .columns = audit_columns,
    .n_columns = 4,
    .count = audit_count,
    .rows = audit_rows,
    .reload = audit_source_reload,
    .index_of = audit_index_of,
    .empty_text = "Nhật ký chưa có thay đổi nào.",
};

/* A slice of the walk for a filter. */
static unsigned audit_idle(ui_view *v)
{
	audit_screen *s = (audit_screen *)v;
	if (!s->allowed || !s->scan_next || !v->ctx->store)
		return UI_R_NONE;
	scan_args a = {.s = s, .max = AUDIT_SCAN_SLICE, .stop = 0};
	int rc = repo_audit(v->ctx->store, s->scan_next, scan_cb, &a);
	for (size_t i = 0; i < a.n_found; i++)
		if (seqs_push(s, a.found[i]))
			break;
	free(a.found);
	if (rc < 0 || a.rc || a.seen < AUDIT_SCAN_SLICE || a.last_seen <= 1) {
		s->scan_next = 0;
		if (rc < 0 || a.rc)
			ui_error(v->app, "Không đọc hết được nhật ký: %s", dh_strerror(rc < 0 ? rc : a.rc));
	} else {
		s->scan_next = a.last_seen - 1;
	}
	/* Matches are appended after what the list has cached, so the cache
	 * stays; the screen is painted when there is something new to show. */
	bool grew = s->list.count != s->n_seqs;
	s->list.count = s->n_seqs;
	int percent =
	    s->scan_top && s->scan_next ? (int)((s->scan_top - s->scan_next) * 100 / s->scan_top) : 100;
	bool moved = percent != s->scan_percent;
	s->scan_percent = percent;
	return (grew || moved || !s->scan_next ? UI_R_DRAW : 0) | (s->scan_next ? UI_R_BUSY : 0);
}

static int dup_first_cb(const void *rec, void *arg)
{
	dh_audit **out = arg;
	*out = record_dup(DH_R_AUDIT, rec);
	return 1;
}

/* Entry SEQ (a new record), or NULL. */
static dh_audit *audit_read(dh_store *st, uint64_t seq)
{
	dh_audit *a = NULL;
	if (st)
		repo_audit(st, seq, dup_first_cb, &a);
	if (a && a->meta.id != seq) {
		record_free(DH_R_AUDIT, a);
		a = NULL;
	}
	return a;
}

/* The entry under the cursor, read again only when the cursor moved. */
static const dh_audit *audit_peek(audit_screen *s)
{
	const ui_list_row *row = s->list.count ? ui_list_current(&s->list) : NULL;
	if (!row || !row->id) {
		record_free(DH_R_AUDIT, s->peek);
		s->peek = NULL;
		return NULL;
	}
	if (s->peek && s->peek->meta.id == row->id)
		return s->peek;
	record_free(DH_R_AUDIT, s->peek);
	s->peek = audit_read(s->base.ctx->store, row->id);
	return s->peek;
}

/* --- one entry: before and after --------------------------------------------------- */

typedef struct entry_view {
	ui_view base;
	ui_page page;
	char title[64];
} entry_view;

static bool value_empty(const ui_json_member *m)
{
	if (!m || !m->value_len)
		return true;
	static const char *const empty[] = {"null", "\"\"", "[]", "false", "0"};
	for (size_t i = 0; i < sizeof(empty) / sizeof(empty[0]); i++)
		if (m->value_len == strlen(empty[i]) && memcmp(m->value, empty[i], m->value_len) == 0)
			return true;
	return false;
}

static void entry_build(entry_view *ev, const dh_audit *a)
{
	ui_page *p = &ev->page;
	const dh_ctx *ctx = ev->base.ctx;
	char when[32], subject[400];
	static char value[8192], old[8192];
	const dh_person *who = a->who ? config_person(ctx->cfg, a->who) : NULL;
	ui_page_add(p, UI_S_TITLE, NULL, "%s", action_label(a->action));
	ui_page_add(p, UI_S_NORMAL, "Lúc", "%s", ui_record_instant(a->at, when, sizeof(when)));
	if (who)
		ui_page_add(p, UI_S_NORMAL, "Người", "%s (%s)", who->name, a->who);
	else
		ui_page_add(p, UI_S_NORMAL, "Người", "%s (không có trong cấu hình)", a->who ? a->who : "?");
	ui_page_add(p, UI_S_NORMAL, "Hồ sơ", "%s", entry_subject(a, subject, sizeof(subject)));
	if (a->note && *a->note)
		ui_page_add(p, UI_S_NORMAL, "Ghi chú, lý do", "%s", a->note);
	ui_page_add(p, UI_S_DIM, "Số thứ tự", "%llu", (unsigned long long)a->meta.id);

	ui_json_member bm[AUDIT_MEMBERS], am[AUDIT_MEMBERS];
	int nb = ui_json_members(a->before, bm, AUDIT_MEMBERS);
	int na = ui_json_members(a->after, am, AUDIT_MEMBERS);
	if (na < 0 || nb < 0) {
		ui_page_section(p, "Nội dung");
		ui_page_add(p, UI_S_WARN, NULL, "Không đọc được nội dung trước và sau của mục này.");
		return;
	}
	char name[64];
	if (nb == 0) {
		ui_page_section(p, "Nội dung khi tạo");
		for (int i = 0; i < na; i++) {
			if (member_is_bookkeeping(&am[i]) || value_empty(&am[i]))
				continue;
			snprintf(name, sizeof(name), "%.*s", (int)am[i].name_len, am[i].name);
			ui_page_add(p, UI_S_NORMAL, ui_audit_field_label(name), "%s",
			            value_text(ctx, a->target_type, name, &am[i], value, sizeof(value)));
		}
		return;
	}
	for (int pass = 0; pass < 2; pass++) {
		bool any = false;
		for (int i = 0; i < na; i++) {
			if (member_is_bookkeeping(&am[i]))
				continue;
			const ui_json_member *b = member_find(bm, nb, am[i].name, am[i].name_len);
			bool same = member_same(&am[i], b);
			if (pass == 0 && same)
				continue;
			if (pass == 1 && (!same || value_empty(&am[i])))
				continue;
			snprintf(name, sizeof(name), "%.*s", (int)am[i].name_len, am[i].name);
			if (!any)
				ui_page_section(p, pass == 0 ? "Thay đổi" : "Không đổi");
			any = true;
			value_text(ctx, a->target_type, name, &am[i], value, sizeof(value));
			if (pass == 1) {
				ui_page_add(p, UI_S_NORMAL, ui_audit_field_label(name), "%s", value);
				continue;
			}
			value_text(ctx, a->target_type, name, b, old, sizeof(old));
			ui_page_add(p, UI_S_DIM, ui_audit_field_label(name), "Trước: %s",
			            *old ? old : "(trống)");
			ui_page_add(p, UI_S_OK, "", "Sau: %s", *value ? value : "(trống)");
		}
		if (pass == 0 && !any) {
			ui_page_section(p, "Thay đổi");
			ui_page_add(p, UI_S_DIM, NULL, "Không trường nào thay đổi (chỉ lưu lại).");
		}
	}
}

static const ui_binding entry_keys[] = {
    {UI_A_CANCEL, "Esc", {UI_ESC}, "Quay lại", "Về danh sách nhật ký", false},
    {UI_A_PGDN, "PgDn", {UI_K(KEY_NPAGE), ' '}, "Xem tiếp", "Trang sau", false},
    {UI_A_PGUP, "PgUp", {UI_K(KEY_PPAGE)}, NULL, NULL, false},
    {UI_A_DOWN, "↓/j", {UI_K(KEY_DOWN), 'j'}, NULL, "Cuộn xuống một dòng", true},
    {UI_A_UP, "↑/k", {UI_K(KEY_UP), 'k'}, NULL, "Cuộn lên một dòng", true},
    {UI_A_HOME, "Home/g", {UI_K(KEY_HOME), 'g'}, NULL, NULL, true},
    {UI_A_END, "End/G", {UI_K(KEY_END), 'G'}, NULL, NULL, true},
    {0, NULL, {0}, NULL, NULL, false},
};

static const char *entry_title(ui_view *v)
{
	return ((entry_view *)v)->title;
}

static bool entry_offers(ui_view *v, int action)
{
	entry_view *ev = (entry_view *)v;
	switch (action) {
	case UI_A_PGDN: return ev->page.scroll + ev->page.rows < ev->page.total;
	case UI_A_PGUP: return ev->page.scroll > 0;
	}
	return true;
}

static unsigned entry_key(ui_view *v, int action, int key)
{
	entry_view *ev = (entry_view *)v;
	(void)key;
	unsigned r = ui_page_key(&ev->page, action);
	if (!(r & UI_R_UNHANDLED))
		return r;
	return action == UI_A_CANCEL ? UI_R_POP : UI_R_NONE;
}

static void entry_draw(ui_view *v, WINDOW *w)
{
	entry_view *ev = (entry_view *)v;
	ui_page_draw(&ev->page, w, 0, 1, getmaxy(w), getmaxx(w) - 2);
}

static void entry_destroy(ui_view *v)
{
	entry_view *ev = (entry_view *)v;
	ui_page_free(&ev->page);
	free(ev);
}

static const ui_view_ops entry_ops = {
    .bindings = entry_keys,
    .title = entry_title,
    .draw = entry_draw,
    .key = entry_key,
    .offers = entry_offers,
    .destroy = entry_destroy,
};

static ui_view *entry_open(ui_app *app, const dh_audit *a)
{
	entry_view *ev = calloc(1, sizeof(*ev));
	if (!ev)
		return NULL;
	ui_view_init(&ev->base, &entry_ops, app);
	ui_page_init(&ev->page, 26);
	snprintf(ev->title, sizeof(ev->title), "Mục nhật ký số %llu", (unsigned long long)a->meta.id);
	entry_build(ev, a);
	ui_page_measure(&ev->page, LINES - 4, COLS - 2);
	return &ev->base;
}

/* --- the filter form ---------------------------------------------------------------- */

enum { AF_WHO, AF_TYPE, AF_ID, AF_FROM, AF_TO, AF__COUNT };

static const ui_field filter_fields[AF__COUNT] = {
    [AF_WHO] = {"who", "Người thay đổi", UI_F_CHOICE, 0, false, 0, 0},
    [AF_TYPE] = {"type", "Loại hồ sơ", UI_F_CHOICE, 0, false, 0, 0},
    [AF_ID] = {"id", "Số hồ sơ", UI_F_NUMBER, 12, false, 0, 0},
    [AF_FROM] = {"from", "Từ ngày", UI_F_DATE, 0, false, 0, 0},
    [AF_TO] = {"to", "Đến ngày", UI_F_DATE, 0, false, 0, 0},
};

typedef struct filter_form {
	audit_screen *screen;
	ui_choice *people;
	size_t n_people;
	ui_choice types[DH_R__COUNT];
	size_t n_types;
} filter_form;

static size_t filter_choices(ui_form *f, int field, const ui_choice **out)
{
	filter_form *ff = f->user;
	if (field == AF_WHO) {
		*out = ff->people;
		return ff->n_people;
	}
	if (field == AF_TYPE) {
		*out = ff->types;
		return ff->n_types;
	}
	return 0;
}

static int filter_save(ui_form *f)
{
	filter_form *ff = f->user;
	audit_screen *s = ff->screen;
	int id = 0, from = 0, to = 0, bad = 0;
	const char *id_text = ui_form_get(f, AF_ID);
	if (*id_text) {
		char *end = NULL;
		unsigned long long v = strtoull(id_text, &end, 10);
		if (!end || *end || v == 0) {
			ui_form_error(f, AF_ID, "Số hồ sơ là một số nguyên dương");
			bad = 1;
		}
		id = 1;
		s->f.id = bad ? s->f.id : (uint64_t)v;
	}
	bad |= ui_form_date(f, AF_FROM, &from) != 0;
	bad |= ui_form_date(f, AF_TO, &to) != 0;
	if (!bad && from && to && from > to) {
		ui_form_error(f, AF_TO, "Ngày kết thúc trước ngày bắt đầu");
		bad = 1;
	}
	const char *type = ui_form_get(f, AF_TYPE);
	int t = *type ? record_type_from_name(type) : 0;
	if (!bad && id && t <= 0) {
		ui_form_error(f, AF_TYPE, "Chọn loại hồ sơ của số này");
		bad = 1;
	}
	if (bad)
		return DH_EINVAL;
	snprintf(s->f.who, sizeof(s->f.who), "%s", ui_form_get(f, AF_WHO));
	s->f.type = t > 0 ? t : 0;
	if (!id)
		s->f.id = 0;
	s->f.from = from;
	s->f.to = to;
	audit_restart(s);
	ui_list_reload(&s->list);
	s->list.cursor = s->list.top = 0;
	return 0;
}

static void filter_destroy(ui_form *f)
{
	filter_form *ff = f->user;
	if (!ff)
		return;
	free(ff->people);
	free(ff);
}

static const ui_form_spec filter_spec = {
    .name = "audit_filter",
    .title = "Lọc nhật ký",
    .fields = filter_fields,
    .n_fields = AF__COUNT,
    .choices = filter_choices,
    .save = filter_save,
    .destroy = filter_destroy,
};

/* A filter is no data: a dropped connection keeps no draft of it. */
static ui_view_ops filter_view_ops;

static ui_form *filter_open(audit_screen *s)
{
	ui_app *app = s->base.app;
	const dh_config *cfg = s->base.ctx->cfg;
	filter_form *ff = calloc(1, sizeof(*ff));
	if (!ff)
		return NULL;
	ff->screen = s;
	ff->people = calloc(cfg->n_people + 1, sizeof(*ff->people));
	if (!ff->people) {
		free(ff);
		return NULL;
	}
	ff->people[ff->n_people++] = (ui_choice){"", "Mọi người"};
	for (size_t i = 0; i < cfg->n_people; i++)
		ff->people[ff->n_people++] = (ui_choice){cfg->people[i].login, cfg->people[i].name};
	ff->types[ff->n_types++] = (ui_choice){"", "Mọi loại"};
	for (int t = DH_R_CANDIDATE; t < DH_R_DRAFT; t++)
		ff->types[ff->n_types++] = (ui_choice){record_type_name(t), record_type_label(t)};
	ui_form *f = ui_form_new(app, &filter_spec, ff);
	if (!f) {
		filter_destroy(&(ui_form){.user = ff});
		return NULL;
	}
	filter_view_ops = *f->base.ops;
	filter_view_ops.draft = NULL;
	f->base.ops = &filter_view_ops;
	char buf[32];
	ui_form_set(f, AF_WHO, s->f.who);
	ui_form_set(f, AF_TYPE, s->f.type ? record_type_name(s->f.type) : "");
	snprintf(buf, sizeof(buf), "%llu", (unsigned long long)s->f.id);
	ui_form_set(f, AF_ID, s->f.id ? buf : "");
	ui_form_set(f, AF_FROM, date_vn(s->f.from, buf));
	ui_form_set(f, AF_TO, date_vn(s->f.to, buf));
	ui_form_mark_clean(f);
	ui_form_focus(f, AF_WHO);
	return f;
}

/* --- the screen's keys and drawing ------------------------------------------------- */

enum { AUDIT_A_PERSON = UI_A__COUNT, AUDIT_A_RECORD, AUDIT_A_CLEAR };

static const ui_binding audit_keys[] = {
    {UI_A_OPEN, "Enter", {UI_ENTER}, "Xem", "Xem mục đang chọn: trước và sau khi thay đổi", false},
    {UI_A_FILTER, "f", {'f'}, "Lọc", "Lọc theo người, hồ sơ, khoảng ngày", false},
    {AUDIT_A_PERSON, "p", {'p'}, "Cùng người", "Chỉ các thay đổi của người ở dòng đang chọn", false},
    {AUDIT_A_RECORD, "r", {'r'}, "Cùng hồ sơ", "Chỉ các thay đổi của hồ sơ ở dòng đang chọn", false},
    {AUDIT_A_CLEAR, "c", {'c'}, "Bỏ lọc", "Bỏ mọi điều kiện lọc", false},
    {UI_A_CANCEL, "Esc", {UI_ESC}, "Quay lại", "Về hồ sơ", false},
    {UI_A_DOWN, "↓/j", {UI_K(KEY_DOWN), 'j'}, NULL, NULL, true},
    {UI_A_UP, "↑/k", {UI_K(KEY_UP), 'k'}, NULL, NULL, true},
    {UI_A_PGDN, "PgDn", {UI_K(KEY_NPAGE), ' '}, NULL, NULL, true},
    {UI_A_PGUP, "PgUp", {UI_K(KEY_PPAGE)}, NULL, NULL, true},
    {UI_A_HOME, "Home/g", {UI_K(KEY_HOME), 'g'}, NULL, NULL, true},
    {UI_A_END, "End/G", {UI_K(KEY_END), 'G'}, NULL, NULL, true},
    {0, NULL, {0}, NULL, NULL, false},
};

static bool audit_offers(ui_view *v, int action)
{
	audit_screen *s = (audit_screen *)v;
	if (!s->allowed)
		return false;
	bool row = s->list.count > 0;
	switch (action) {
	case UI_A_OPEN: return row;
	case UI_A_FILTER: return true;
	case AUDIT_A_PERSON: return row && !s->f.who[0];
	case AUDIT_A_RECORD: return row && !s->f.type && !s->f.targets;
	case AUDIT_A_CLEAR: return s->f.who[0] || s->f.type || s->f.from || s->f.to;
	case UI_A_CANCEL: return v->below != NULL;
	}
	return ui_list_offers(&s->list, action);
}

static void audit_apply(audit_screen *s)
{
	audit_restart(s);
	ui_list_reload(&s->list);
	s->list.cursor = s->list.top = 0;
}

static unsigned audit_key(ui_view *v, int action, int key)
{
	audit_screen *s = (audit_screen *)v;
	if (!s->allowed)
		return UI_R_NONE;
	switch (action) {
	case UI_A_CANCEL: return UI_R_POP;
	case UI_A_OPEN: {
		const dh_audit *a = audit_peek(s);
		ui_view *e = a ? entry_open(v->app, a) : NULL;
		if (e)
			ui_push(v->app, e);
		return UI_R_DRAW;
	}
	case UI_A_FILTER: {
		ui_form *f = filter_open(s);
		if (f)
			ui_push(v->app, &f->base);
		return UI_R_DRAW;
	}
	case AUDIT_A_PERSON: {
		const dh_audit *a = audit_peek(s);
		if (a && a->who) {
			snprintf(s->f.who, sizeof(s->f.who), "%s", a->who);
			audit_apply(s);
		}
		return UI_R_DRAW;
	}
	case AUDIT_A_RECORD: {
		const dh_audit *a = audit_peek(s);
		if (a) {
			s->f.type = a->target_type;
			s->f.id = a->target_id;
			audit_apply(s);
		}
		return UI_R_DRAW;
	}
	case AUDIT_A_CLEAR:
		s->f.who[0] = '\0';
		s->f.type = 0;
		s->f.id = 0;
		s->f.from = s->f.to = 0;
		audit_apply(s);
		return UI_R_DRAW;
	}
	unsigned r = ui_list_key(&s->list, action, key);
	return r & UI_R_UNHANDLED ? UI_R_NONE : r;
}

static void audit_draw(ui_view *v, WINDOW *w)
{
	audit_screen *s = (audit_screen *)v;
	int rows = getmaxy(w), cols = getmaxx(w);
	if (!s->allowed) {
		/* On a page: the refusal names who may, and may need two rows. */
		ui_page p;
		ui_page_init(&p, 0);
		ui_page_add(&p, UI_S_TITLE, NULL, "Nhật ký thay đổi");
		ui_page_add(&p, UI_S_NORMAL, NULL, "%s", "");
		ui_page_add(&p, UI_S_ERROR, NULL, "%s", s->refusal);
		ui_page_add(&p, UI_S_NORMAL, NULL, "%s", "");
		ui_page_add(&p, UI_S_NORMAL, NULL, "Tra cứu hồ sơ (phím 7 hoặc /) vẫn dùng được.");
		ui_page_draw(&p, w, 1, 2, rows - 1, cols - 4);
		ui_page_free(&p);
		return;
	}
	/* Row 0: what is shown. */
	char words[400], line[1200], num[32];
	filter_words(v->ctx, &s->f, words, sizeof(words));
	ui_format_money((int64_t)audit_count(s), num, sizeof(num));
	const char *lead = s->title[0] ? s->title : words[0] ? "Lọc" : "Mọi thay đổi, mới nhất trước";
	snprintf(line, sizeof(line), "%s%s%s · %s mục", lead, words[0] ? ": " : "", words, num);
	if (s->scan_next && s->scan_top) {
		size_t o = strlen(line);
		snprintf(line + o, sizeof(line) - o, " · đang tìm… %d%%", s->scan_percent);
	}
	wattrset(w, ui_style(UI_S_TITLE));
	ui_put(w, 0, 1, line, cols - 2);
	wattrset(w, A_NORMAL);

	s->source.empty_text = s->scan_next           ? "Đang tìm…"
	                       : filter_active(&s->f) ? "Không có thay đổi nào khớp với điều kiện lọc."
	                                              : "Nhật ký chưa có thay đổi nào.";
	/* The last rows: the entry under the cursor; what changed may take two
	 * rows, the list then gives up its last one. */
	ui_list_draw(&s->list, w, 1, 0, rows - 3, cols);
	const dh_audit *a = audit_peek(s);
	if (!a)
		return;
	char subject[400], changes[600];
	entry_subject(a, subject, sizeof(subject));
	int n = ui_audit_changes(a->before, a->after, changes, sizeof(changes));
	if (!a->before || !*a->before)
		snprintf(line, sizeof(line), "Tạo mới%s%s", a->note && *a->note ? " · " : "",
		         a->note ? a->note : "");
	else if (n)
		snprintf(line, sizeof(line), "Thay đổi: %s%s%s", changes,
		         a->note && *a->note ? " · lý do: " : "", a->note ? a->note : "");
	else
		snprintf(line, sizeof(line), "Không trường nào thay đổi%s%s",
		         a->note && *a->note ? " · " : "", a->note ? a->note : "");
	int used, width = cols - 2 > 1 ? cols - 2 : 1;
	size_t fit = utf8_fit(line, width, &used);
	if (!line[fit]) {
		ui_put(w, rows - 2, 1, subject, width);
		wattrset(w, ui_style(UI_S_DIM));
		ui_put(w, rows - 1, 1, line, width);
		wattrset(w, A_NORMAL);
		return;
	}
	/* Break after the last whole word that fits (a word wider than the
	 * row is cut where the row ends). */
	size_t brk = fit;
	while (brk > 0 && line[brk] != ' ')
		brk--;
	if (brk == 0)
		brk = fit;
	char first[1200];
	snprintf(first, sizeof(first), "%.*s", (int)brk, line);
	const char *rest = line + brk + (line[brk] == ' ');
	ui_list_draw(&s->list, w, 1, 0, rows - 4, cols);
	wmove(w, rows - 3, 0);
	wclrtoeol(w);
	ui_put(w, rows - 3, 1, subject, width);
	wmove(w, rows - 2, 0);
	wclrtoeol(w);
	wattrset(w, ui_style(UI_S_DIM));
	ui_put(w, rows - 2, 1, first, width);
	ui_put(w, rows - 1, 1, rest, width);
	wattrset(w, A_NORMAL);
}

static void audit_reload(ui_view *v)
{
	audit_screen *s = (audit_screen *)v;
	if (s->allowed)
		ui_list_reload(&s->list);
}

static void audit_destroy(ui_view *v)
{
	audit_screen *s = (audit_screen *)v;
	ui_list_free(&s->list);
	record_free(DH_R_AUDIT, s->peek);
	free(s->seqs);
	free(s->f.targets);
	free(s);
}

static const ui_view_ops audit_ops = {
    .bindings = audit_keys,
    .draw = audit_draw,
    .key = audit_key,
    .offers = audit_offers,
    .reload = audit_reload,
    .idle = audit_idle,
    .destroy = audit_destroy,
};

static const char *audit_title(ui_view *v)
{
	return ((audit_screen *)v)->title;
}

static const ui_view_ops audit_for_ops = {
    .bindings = audit_keys,
    .title = audit_title,
    .draw = audit_draw,
    .key = audit_key,
    .offers = audit_offers,
    .reload = audit_reload,
    .idle = audit_idle,
    .destroy = audit_destroy,
};

static audit_screen *audit_new(ui_app *app, const ui_view_ops *ops)
{
	audit_screen *s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	ui_view_init(&s->base, ops, app);
	dh_ctx *ctx = s->base.ctx;
	s->allowed = wf_check(ctx, DH_ACT_VIEW_AUDIT) == 0;
	if (!s->allowed)
		snprintf(s->refusal, sizeof(s->refusal), "%s",
		         ctx->message[0] ? ctx->message : "Bạn không có quyền xem nhật ký.");
	ctx->message[0] = '\0';
	return s;
}

static ui_view *audit_start(audit_screen *s)
{
	audit_restart(s);
	s->source = audit_source;
	if (ui_list_init(&s->list, &s->source, s) != 0) {
		free(s->f.targets);
		free(s);
		return NULL;
	}
	return &s->base;
}

ui_view *ui_audit_open(ui_app *app)
{
	audit_screen *s = audit_new(app, &audit_ops);
	return s ? audit_start(s) : NULL;
}

ui_view *ui_audit_open_for(ui_app *app, const char *title, const int *types, const uint64_t *ids, size_t n)
{
	audit_screen *s = audit_new(app, &audit_for_ops);
	if (!s)
		return NULL;
	if (!s->allowed) {
		ui_error(app, "%s", s->refusal);
		free(s);
		return NULL;
	}
	s->f.targets = calloc(n ? n : 1, sizeof(*s->f.targets));
	if (!s->f.targets) {
		free(s);
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		s->f.targets[i] = (audit_target){types[i], ids[i]};
	s->f.n_targets = n;
	snprintf(s->title, sizeof(s->title), "%s", title ? title : "Nhật ký");
	return audit_start(s);
}
