# Screen 3, registrations: a department head registers two of the
# department's candidates (one with the description typed, one refused
# until it has one); the Office checks one complete and returns the other
# with a reason; the department then withdraws the first. The department
# stops being "not answered" and becomes it again; the registration
# report agrees with the screen.
. "$(dirname "$0")/../lib.sh"

cat >"$T/list.csv" <<'EOF'
name,kind,department,year,position,title,description,stage
Trần Văn Bình,individual,nv1,2021,Thanh tra viên,Sáng kiến rút ngắn thời gian xác minh,,fostering
Lê Thị Cúc,individual,nv1,2021,Chuyên viên,,,fostering
Đỗ Văn Dũng,individual,nv2,2021,Thanh tra viên,,,fostering
EOF
expect_exit 0 "$DH" -d "$T/db" --as tdkt import "$T/list.csv"

starts=0
start_as() { # login: a fresh tmux server for each person
	tm kill-server 2>/dev/null || true
	starts=$((starts + 1))
	TMUX_SOCK="dh-test-$$-$starts"
	tm_start "$DH_APP -d '$T/db' --as $1"
	tm_wait "Tổng quan"
	tm_keys 3
	tm_wait "Đăng ký"
}

# --- the head of Nghiệp vụ 1 registers ---------------------------------------
start_as minhdh
# His department's own list, with its count (m: every department's).
tm_wait "Phòng Nghiệp vụ 1 đã đăng ký 0 hồ sơ (0 đang xét) · m: mọi đơn vị · o/O: in"
tm_keys m
tm_wait "Chưa trả lời 8/8 (u)"
tm_keys m
tm_wait "Phòng Nghiệp vụ 1 đã đăng ký 0 hồ sơ"
tm_wait "Hạn đăng ký 15/10/2021: còn 122 ngày"
tm_keys a
tm_wait "Đăng ký đề nghị công nhận"
tm_keys Enter
tm_wait "Lê Thị Cúc — Nghiệp vụ 1"
# Only my department's candidates are offered.
lacks "$(tm_screen)" "Đỗ Văn Dũng" "the candidate picker"
tm_keys Enter
tm_wait "Cá nhân · Nghiệp vụ 1 · đạt 0/6 tiêu chí"
tm_keys Tab Tab
tm_keys -l "Rút ngắn thời gian xác minh đơn từ 30 xuống 20 ngày"
tm_keys F2
tm_wait "Đã lưu."
tm_wait "Trần Văn Bình"
tm_wait "1 hồ sơ chờ kiểm tra"
tm_wait "Phòng Nghiệp vụ 1 đã đăng ký 1 hồ sơ (1 đang xét)"

# The second has no description anywhere: refused beside the field.
tm_keys a
tm_wait "Đăng ký đề nghị công nhận"
tm_keys Enter
tm_wait "Lê Thị Cúc — Nghiệp vụ 1"
lacks "$(tm_screen)" "Trần Văn Bình —" "the picker after registering"
tm_keys Enter
tm_wait "Cần bản mô tả"
tm_keys F2
tm_wait "Chưa có bản mô tả"
# The cursor is on the field at fault.
tm_keys -l "Hướng dẫn công dân viết đơn tại chỗ"
tm_keys F2
tm_wait "Đã lưu."
tm_wait "Lê Thị Cúc"

# Checking is the Office's: the key is not offered, and says who may.
lacks "$(tm_screen | tail -1)" "Đủ hồ sơ" "the key line of a department head"
tm_keys c
tm_wait "được kiểm tra hồ sơ đăng ký"

# --- the Office checks one and returns the other --------------------------------
start_as tdkt
tm_wait "2 hồ sơ chờ kiểm tra"
tm_keys f
tm_keys -l "binh"
tm_keys Enter
tm_wait "1/1"
tm_wait "c Đủ hồ sơ"
tm_keys c
tm_wait "Xác nhận hồ sơ đăng ký của «Trần Văn Bình» đã đầy đủ?"
tm_keys c
tm_wait "Đã kiểm tra: hồ sơ của «Trần Văn Bình» đầy đủ."
tm_wait "Đã tiếp nhận"
tm_wait "1 hồ sơ chờ kiểm tra"
tm_keys Escape
tm_wait "1/2"

tm_keys Home
tm_wait "l Trả lại"
tm_keys l
tm_wait "Trả lại hồ sơ đăng ký"
tm_wait "Lê Thị Cúc · đăng ký 15/06/2021"
tm_keys F2
tm_wait "Không được để trống"
tm_keys -l "Thiếu bản nhận xét của chi bộ"
tm_keys F2
tm_wait "Đã lưu."
tm_wait "Đã trả lại"
tm_keys Enter
tm_wait "Hồ sơ đăng ký #2"
tm_wait "Lý do trả lại  Thiếu bản nhận xét của chi bộ"
tm_wait "Hướng dẫn công dân viết đơn tại chỗ"
tm_keys Escape
tm_wait "Chưa trả lời 7/8 (u)"
# The department head prints his department's list: report registrations --department, as on the screen.
expect_exit 0 "$DH" -d "$T/db" --as minhdh report registrations --department nv1
contains "$OUT" "Danh sách hồ sơ đăng ký của Phòng Nghiệp vụ 1 năm 2021" "the department's list"
contains "$OUT" "Số hồ sơ đã đăng ký: **2**; đang xét: 1" "the department's list"
contains "$OUT" "Trần Văn Bình" "the department's list"
expect_exit 64 "$DH" -d "$T/db" --as minhdh report registrations --department khong-co

expect_exit 0 "$DH" -d "$T/db" --as tdkt report registrations
contains "$OUT" "Đơn vị đã trả lời: **1/8**"
contains "$OUT" "Đã nộp 0, Đã tiếp nhận 1, Đã trả lại 1, Đã rút 0"

# --- the department withdraws the registration it has left -----------------------
start_as minhdh
tm_keys f
tm_keys -l "binh"
tm_keys Enter
tm_wait "w Rút"
tm_keys w
tm_wait "Rút hồ sơ đăng ký"
tm_keys F2
tm_wait "Đã lưu."
tm_wait "Đã rút"
tm_wait "Phòng Nghiệp vụ 1 đã đăng ký 2 hồ sơ (0 đang xét)"
expect_exit 0 "$DH" -d "$T/db" --as tdkt report registrations
contains "$OUT" "Đã tiếp nhận 0, Đã trả lại 1, Đã rút 1"
expect_exit 0 "$DH" -d "$T/db" --as tdkt export --format jsonl
contains "$OUT" '"name":"Trần Văn Bình","department":"nv1"'
contains "$OUT" '"registered_by":"minhdh"'
