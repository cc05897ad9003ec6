# Screen 3 after the registration deadline (15/10/2021 in the example
# config): a department head is refused and told who may let a late
# registration in; a deputy chief registers it, but only with the reason,
# and the row and its details say it was late and who allowed it.
. "$(dirname "$0")/../lib.sh"
export DIENHINH_TODAY=2021-10-20

cat >"$T/list.csv" <<'EOF'
name,kind,department,title,description,stage
Trần Văn Bình,individual,nv1,Rút ngắn thời gian xác minh,Rút ngắn thời gian xác minh đơn từ 30 xuống 20 ngày,fostering
EOF
expect_exit 0 "$DH" -d "$T/db" --as tdkt import "$T/list.csv"

starts=0
start_as() { # login
	tm kill-server 2>/dev/null || true
	starts=$((starts + 1))
	TMUX_SOCK="dh-test-$$-$starts"
	tm_start "$DH_APP -d '$T/db' --as $1"
	tm_wait "Tổng quan"
	tm_keys 3
	tm_wait "Đăng ký"
}

start_as minhdh
tm_wait "Quá hạn đăng ký 15/10/2021 (5 ngày), cần lãnh đạo cho phép"
tm_keys a
tm_wait "Quá hạn đăng ký 15/10/2021: cần Chánh Thanh tra, Phó Chánh Thanh tra cho phép."
lacks "$(tm_screen)" "› Đăng ký quá hạn" "the department head's screen"

start_as hungnv
tm_keys a
tm_wait "› Đăng ký quá hạn"
tm_wait "Hạn đã qua (15/10/2021): lý do cho phép đăng ký muộn"
tm_keys Enter
tm_wait "Trần Văn Bình — Nghiệp vụ 1"
tm_keys Enter
tm_wait "Để trống: dùng bản mô tả trong hồ sơ nhân tố"
tm_keys F2
tm_wait "Không được để trống"
tm_keys -l "Phòng gửi chậm do đoàn thanh tra đi cơ sở"
tm_keys F2
tm_wait "Đã lưu."
tm_wait "Trần Văn Bình"
tm_wait "Nghiệp vụ 1   Đã nộp        quá hạn"
tm_keys Enter
tm_wait "Đăng ký quá hạn  Phòng gửi chậm do đoàn thanh tra đi cơ sở"
tm_wait "Người cho phép  Nguyễn Văn Hùng"
tm_wait "Rút ngắn thời gian xác minh đơn từ 30 xuống 20 ngày"
expect_exit 0 "$DH" -d "$T/db" --as tdkt export --format jsonl
contains "$OUT" '"late_reason":"Phòng gửi chậm do đoàn thanh tra đi cơ sở","late_approved_by":"hungnv"'
