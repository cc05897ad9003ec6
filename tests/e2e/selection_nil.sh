# Screen 3, the departments' answers: a department that has nobody to
# propose records a nil return, and the Office, watching in another
# session, sees the "not answered" list shrink by itself. A second nil
# return is refused with the reason, another department's is not offered,
# and the Office may delete one (with a reason) to put it back.
. "$(dirname "$0")/../lib.sh"

cat >"$T/list.csv" <<'EOF'
name,kind,department,stage
Trần Văn Bình,individual,nv1,fostering
EOF
expect_exit 0 "$DH" -d "$T/db" --as tdkt import "$T/list.csv"

tm_start "$DH_APP -d '$T/db' --as tambv"
tm new-session -d -x 80 -y 24 -s office "$DH_APP -d '$T/db' --as tdkt"
office_wait() { # text
	local i
	for i in $(seq 200); do
		case $(tm capture-pane -p -t office) in *"$1"*) return 0 ;; esac
		sleep 0.05
	done
	fail "the Office's session never showed '$1':
$(tm capture-pane -p -t office)"
}
office_wait "Tổng quan"
tm send-keys -t office 3
office_wait "Chưa trả lời 8/8 (u): Ban lãnh đạo · Văn phòng · Nghiệp vụ 1 · Nghiệp vụ 2"

tm_wait "Tổng quan"
tm_keys 3
# A department head starts on his own department's list.
tm_wait "Phòng Nghiệp vụ 2 đã đăng ký 0 hồ sơ (0 đang xét)"
tm_keys u
tm_wait "Năm 2021: 0/8 đơn vị đã trả lời"
tm_wait "⚠ Chưa trả lời"
# The cursor starts on my own department, and the key is offered there.
tm_wait "n Báo không có"
tm_keys n
tm_wait "Báo không có đăng ký"
tm_wait "Phòng Nghiệp vụ 2 ▾"
tm_wait "Người báo Bùi Văn Tâm"
tm_keys -l "Năm nay phòng không có cá nhân đủ tiêu chí"
tm_keys F2
tm_wait "Đã lưu."
tm_wait "Năm 2021: 1/8 đơn vị đã trả lời"
tm_wait "Báo không có        15/06/2021 Bùi Văn Tâm"

# The Office's screen follows without a key.
office_wait "Chưa trả lời 7/8 (u): Ban lãnh đạo · Văn phòng · Nghiệp vụ 1 · Nghiệp vụ 3"
case $(tm capture-pane -p -t office) in *"Nghiệp vụ 2 ·"*) fail "Nghiệp vụ 2 still not answered" ;; esac

# Once is enough; another department is not mine.
lacks "$(tm_screen | tail -1)" "Báo không có" "the key line after the nil return"
tm_keys n
tm_wait "Phòng Nghiệp vụ 2 đã báo không có đăng ký năm 2021."
tm_keys k
tm_wait_gone "n Báo không có"
tm_keys n
tm_wait "Bạn chỉ được báo không có đăng ký cho Phòng Nghiệp vụ 2."
expect_exit 0 "$DH" -d "$T/db" --as tdkt report registrations
contains "$OUT" "Đơn vị đã trả lời: **1/8**"

# The Office deletes it (audited, with a reason): not answered again.
tm send-keys -t office u
office_wait "Năm 2021: 1/8 đơn vị đã trả lời"
tm send-keys -t office Home j j j
office_wait "x Xóa báo"
tm send-keys -t office x
office_wait "Xóa báo không có đăng ký"
office_wait "Phòng Nghiệp vụ 2 báo không có đăng ký ngày 15/06/2021"
tm send-keys -t office -l "Phòng còn hồ sơ chưa gửi"
tm send-keys -t office F2
office_wait "Năm 2021: 0/8 đơn vị đã trả lời"
tm_wait "Năm 2021: 0/8 đơn vị đã trả lời"
