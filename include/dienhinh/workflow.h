/* workflow.h — who may do what, to which record, when.
 *
 * Every change the screens and the command line make goes through a
 * function here: it checks the actor's roles against the permission table
 * (defaults below, overridden by config `permissions:`), the record's stage
 * and state, and the deadline that config says closes the action; then it
 * writes the change, its audit entry and any stage move in one transaction.
 * The UI asks wf_may() to decide which keys to offer, and still gets
 * DH_EPERM from the action itself if it asked wrong. */
#ifndef DIENHINH_WORKFLOW_H
#define DIENHINH_WORKFLOW_H

#include "dienhinh/config.h"
#include "dienhinh/record.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct dh_store dh_store;

/* The session: who is at the keyboard, against which config and data. */
typedef struct dh_ctx {
	const dh_config *cfg;
	dh_store *store;
	const char *login;        /* the real Unix login (or --as) */
	const dh_person *person;  /* NULL: unknown login, may only look up */
	unsigned roles;           /* person->roles, 0 when unknown */
	int today;                /* YYYYMMDD, date_today() unless a test fixes it */
	char message[256];        /* the last refusal, in Vietnamese, naming who may */
} dh_ctx;

/* Resolve LOGIN against CFG and fill CTX (message cleared). */
void wf_ctx_init(dh_ctx *ctx, const dh_config *cfg, dh_store *store, const char *login);

/* The actions, X-macro: id, name (config `permissions:` key and audit
 * action), default roles, Vietnamese label. */
#define DH_ACTIONS(X) \
	X(CREATE, "create", DH_ROLE_STAFF | DH_ROLE_DEPT_HEAD | DH_ROLE_OFFICE | DH_ROLE_LEADER | DH_ROLE_CHIEF, "Thêm nhân tố mới") \
	X(EDIT, "edit", DH_ROLE_DEPT_HEAD | DH_ROLE_OFFICE | DH_ROLE_LEADER | DH_ROLE_CHIEF, "Sửa hồ sơ") \
	X(DELETE, "delete", DH_ROLE_OFFICE | DH_ROLE_LEADER | DH_ROLE_CHIEF, "Xóa (có lưu vết)") \
	X(FOSTER, "foster", DH_ROLE_DEPT_HEAD | DH_ROLE_OFFICE | DH_ROLE_LEADER | DH_ROLE_CHIEF, "Ghi nhận bồi dưỡng") \
	X(NOMINATE, "nominate", DH_ROLE_DEPT_HEAD | DH_ROLE_LEADER | DH_ROLE_CHIEF, "Đăng ký đề nghị công nhận") \
	X(LATE_OVERRIDE, "late_override", DH_ROLE_LEADER | DH_ROLE_CHIEF, "Cho phép đăng ký quá hạn") \
	X(NIL_RETURN, "nil_return", DH_ROLE_DEPT_HEAD | DH_ROLE_LEADER, "Báo không có đăng ký") \
	X(CHECK_REGISTRATION, "check_registration", DH_ROLE_OFFICE, "Kiểm tra hồ sơ đăng ký") \
	X(RETURN, "return", DH_ROLE_OFFICE | DH_ROLE_SECRETARY, "Trả lại hồ sơ (có lý do)") \
	X(WITHDRAW, "withdraw", DH_ROLE_DEPT_HEAD | DH_ROLE_LEADER, "Rút đăng ký") \
	X(MANAGE_SESSION, "manage_session", DH_ROLE_SECRETARY | DH_ROLE_STANDING | DH_ROLE_CHAIR, "Lập phiên họp Hội đồng") \
	X(RECORD_ATTENDANCE, "record_attendance", DH_ROLE_SECRETARY | DH_ROLE_STANDING, "Ghi điểm danh") \
	X(RECORD_VOTES, "record_votes", DH_ROLE_SECRETARY | DH_ROLE_STANDING, "Ghi kết quả biểu quyết") \
	X(CLOSE_ITEM, "close_item", DH_ROLE_SECRETARY | DH_ROLE_CHAIR, "Chốt kết quả bình xét") \
	X(REOPEN_ITEM, "reopen_item", DH_ROLE_CHAIR, "Mở lại kết quả (đính chính)") \
	X(PROPOSE, "propose", DH_ROLE_SECRETARY | DH_ROLE_CHAIR | DH_ROLE_OFFICE, "Lập tờ trình đề nghị") \
	X(RECOGNISE, "recognise", DH_ROLE_CHIEF, "Quyết định công nhận") \
	X(AWARD, "award", DH_ROLE_CHIEF, "Quyết định tặng Giấy khen") \
	X(REVOKE, "revoke", DH_ROLE_CHIEF, "Thu hồi quyết định") \
	X(HOLD, "hold", DH_ROLE_CHIEF | DH_ROLE_LEADER | DH_ROLE_OFFICE, "Tạm dừng xét / tiếp tục") \
	X(CORRECT, "correct", DH_ROLE_CHIEF | DH_ROLE_LEADER, "Đính chính bước hồ sơ") \
	X(CEREMONY, "ceremony", DH_ROLE_OFFICE | DH_ROLE_LEADER | DH_ROLE_CHIEF, "Tổ chức tuyên dương") \
	X(REPLICATE, "replicate", DH_ROLE_OFFICE | DH_ROLE_DEPT_HEAD | DH_ROLE_LEADER, "Ghi hoạt động nhân rộng") \
	X(REVIEW, "review", DH_ROLE_OFFICE | DH_ROLE_LEADER | DH_ROLE_CHIEF, "Sơ kết, tổng kết") \
	X(DISSEMINATE, "disseminate", DH_ROLE_DEPT_HEAD | DH_ROLE_OFFICE | DH_ROLE_LEADER, "Ghi quán triệt kế hoạch") \
	X(IMPORT, "import", DH_ROLE_OFFICE | DH_ROLE_LEADER | DH_ROLE_CHIEF, "Nhập dữ liệu từ bảng tính") \
	X(EXPORT, "export", DH_ROLE_OFFICE | DH_ROLE_LEADER | DH_ROLE_CHIEF | DH_ROLE_DEPT_HEAD, "Xuất dữ liệu") \
	X(VIEW_AUDIT, "view_audit", DH_ROLE_OFFICE | DH_ROLE_LEADER | DH_ROLE_CHIEF, "Xem nhật ký")

typedef enum dh_action {
#define DH_ACTION_ENUM(id, name, roles, label) DH_ACT_##id,
	DH_ACTIONS(DH_ACTION_ENUM)
#undef DH_ACTION_ENUM
	DH_ACT__COUNT
} dh_action;

const char *wf_action_name(dh_action a);
const char *wf_action_label(dh_action a);
int wf_action_from_name(const char *name); /* -1 if unknown */
/* Roles allowed to do A under CFG (defaults with overrides applied). */
unsigned wf_action_roles(const dh_config *cfg, dh_action a);
/* "Chánh Thanh tra, Phó Chánh Thanh tra" — who may, for a refusal message. */
void wf_who_may(const dh_config *cfg, dh_action a, char *buf, size_t size);

/* Role check only (for offering keys). */
bool wf_may(const dh_ctx *ctx, dh_action a);
/* Role check, and for actions that config gates by a deadline, the date.
 * Sets ctx->message on refusal. */
int wf_check(dh_ctx *ctx, dh_action a);

#endif
