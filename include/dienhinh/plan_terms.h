/* plan_terms.h — the terms of the plan that config reads and the core acts on.
 *
 * config/ checks a file's `permissions:` and `closes:` keys against the
 * workflow's action names, and its `criteria:` against the kinds of
 * candidate; the workflow (core/) and the records use the same names. They
 * live here, in the config layer, so that config/ needs nothing above it.
 * Who may do each action, and what it needs of a candidate, is the
 * workflow's table (src/core/workflow_rules.c). */
#ifndef DIENHINH_PLAN_TERMS_H
#define DIENHINH_PLAN_TERMS_H

/* The actions, X-macro: id, name (config `permissions:` and `closes:` key,
 * and the audit entry's action), Vietnamese label (a verb phrase: refusals
 * read "Chỉ <roles> được <label, first letter lowered>"). */
#define DH_ACTIONS(X)                                                                                        \
	X(CREATE, "create", "Thêm nhân tố mới")                                                              \
	X(EDIT, "edit", "Sửa hồ sơ")                                                                         \
	X(DELETE, "delete", "Xóa hồ sơ (có lưu vết)")                                                        \
	X(FOSTER, "foster", "Ghi nhận bồi dưỡng")                                                            \
	X(NOMINATE, "nominate", "Đăng ký đề nghị công nhận")                                                 \
	X(LATE_OVERRIDE, "late_override", "Cho phép đăng ký quá hạn")                                        \
	X(NIL_RETURN, "nil_return", "Báo không có đăng ký")                                                  \
	X(CHECK_REGISTRATION, "check_registration", "Kiểm tra hồ sơ đăng ký")                                \
	X(RETURN, "return", "Trả lại hồ sơ (có lý do)")                                                      \
	X(WITHDRAW, "withdraw", "Rút đăng ký")                                                               \
	X(MANAGE_SESSION, "manage_session", "Lập phiên họp Hội đồng")                                        \
	X(RECORD_ATTENDANCE, "record_attendance", "Ghi điểm danh")                                           \
	X(RECORD_VOTES, "record_votes", "Ghi kết quả biểu quyết")                                            \
	X(CLOSE_ITEM, "close_item", "Chốt kết quả bình xét")                                                 \
	X(REOPEN_ITEM, "reopen_item", "Mở lại kết quả (đính chính)")                                         \
	X(PROPOSE, "propose", "Lập tờ trình đề nghị")                                                        \
	X(RECOGNISE, "recognise", "Quyết định công nhận")                                                    \
	X(AWARD, "award", "Quyết định tặng Giấy khen")                                                       \
	X(REVOKE, "revoke", "Thu hồi quyết định")                                                            \
	X(HOLD, "hold", "Tạm dừng xét / tiếp tục")                                                           \
	X(CORRECT, "correct", "Đính chính bước hồ sơ")                                                       \
	X(CEREMONY, "ceremony", "Tổ chức tuyên dương")                                                       \
	X(REPLICATE, "replicate", "Ghi hoạt động nhân rộng")                                                 \
	X(REVIEW, "review", "Sơ kết, tổng kết")                                                              \
	X(DISSEMINATE, "disseminate", "Ghi quán triệt kế hoạch")                                             \
	X(COORDINATE, "coordinate", "Ghi phối hợp với Văn phòng")                                            \
	X(IMPORT, "import", "Nhập dữ liệu từ bảng tính")                                                     \
	X(EXPORT, "export", "Xuất dữ liệu")                                                                  \
	X(VIEW_AUDIT, "view_audit", "Xem nhật ký")

typedef enum dh_action {
#define DH_ACTION_ENUM(id, name, label) DH_ACT_##id,
	DH_ACTIONS(DH_ACTION_ENUM)
#undef DH_ACTION_ENUM
	    DH_ACT__COUNT
} dh_action;

/* Candidate kinds; also the index into config's criteria lists
 * (DH_CANDIDATE_KINDS in config.h). */
typedef enum dh_kind {
	DH_KIND_INDIVIDUAL = 0,
	DH_KIND_COLLECTIVE = 1,
	DH_KIND_MODEL = 2,
} dh_kind;

#endif
