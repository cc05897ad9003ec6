/* error.c — messages and exit codes for dh_err. */
#include "dienhinh/error.h"

#include <sysexits.h>

const char *dh_strerror(int err)
{
	switch ((dh_err)err) {
	case DH_OK: return "Thành công";
	case DH_ENOTFOUND: return "Không tìm thấy";
	case DH_ECONFLICT: return "Bản ghi đã được người khác sửa trước (xung đột phiên bản)";
	case DH_EPERM: return "Bạn không có quyền thực hiện thao tác này";
	case DH_EINVAL: return "Dữ liệu không hợp lệ";
	case DH_EIO: return "Lỗi đọc/ghi dữ liệu";
	case DH_ECORRUPT: return "Dữ liệu lưu trữ bị hỏng";
	case DH_EVERSION: return "Cơ sở dữ liệu được tạo bởi phiên bản mới hơn của chương trình";
	case DH_ENOMEM: return "Hết bộ nhớ";
	case DH_ESTAGE: return "Bước hiện tại của hồ sơ không cho phép thao tác này";
	case DH_EDEADLINE: return "Đã quá hạn theo kế hoạch";
	case DH_EHOLD: return "Hồ sơ đang bị tạm dừng xét";
	case DH_ELOCKED: return "Mục đã khóa";
	case DH_ECONFIG: return "Cấu hình không hợp lệ";
	case DH_EBUSY: return "Hệ thống đang bận, vui lòng thử lại";
	}
	return "Lỗi không xác định";
}

int dh_exit_code(int err)
{
	switch ((dh_err)err) {
	case DH_OK: return EX_OK;
	case DH_ENOTFOUND: return 1;
	case DH_EPERM:
	case DH_EDEADLINE:
	case DH_ESTAGE:
	case DH_EHOLD:
	case DH_ELOCKED: return EX_NOPERM;
	case DH_EINVAL:
	case DH_ECONFLICT: return EX_DATAERR;
	case DH_ECONFIG: return EX_CONFIG;
	case DH_ENOMEM: return EX_OSERR;
	case DH_EIO:
	case DH_ECORRUPT:
	case DH_EVERSION:
	case DH_EBUSY: return EX_IOERR;
	}
	return EX_SOFTWARE;
}
