# Who may do what in a council session, with the council watching: a
# member (hailv) follows the secretary's session on his own screen, sees
# the counts hidden until the item is closed and the result within a
# second after, and is told who may when he tries to type; the chair
# (thuanpv) alone reopens a closed item, with a reason, and the secretary
# (tdkt) may then correct the counts. A session with open items cannot be
# ended. Everything fits 80x24, long names included.
. "$(dirname "$0")/../lib.sh"

cat >"$T/nominees.csv" <<'EOF'
kind,name,department,title,stage
collective,Phòng Giám sát, kiểm tra và xử lý sau thanh tra Thanh tra tỉnh Hà Tĩnh,gs,Tập thể lao động xuất sắc,nominated
individual,Nguyễn Thị Thanh Hòa,nv1,Tiếp công dân thân thiện,nominated
EOF
# The name holds a comma: quote it.
sed -i 's/^collective,\(Phòng Giám sát[^,]*,[^,]*\),gs/collective,"\1",gs/' "$T/nominees.csv"
expect_exit 0 "$DH" -d "$T/db" --as tdkt import "$T/nominees.csv"

row() { tm_screen | grep -F "$1" | head -n 1; }
two_keys() { tm send-keys -t two "$@"; }
two_screen() { tm capture-pane -p -t two; }
two_wait() { # text
	local i
	for i in $(seq 200); do
		case $(two_screen) in *"$1"*) return 0 ;; esac
		sleep 0.05
	done
	fail "second session never showed '$1':
$(two_screen)"
}
# Every screen keeps its 24 lines and its key line at the bottom.
fits() { # screen
	[ "$(printf '%s\n' "$1" | wc -l)" -eq 24 ] || fail "not 24 lines:
$1"
	case $(printf '%s\n' "$1" | tail -n 1) in "?/F1 Trợ giúp"* | "F1 Trợ giúp"* | *"… ? Mọi phím" | *"… F1 Mọi phím") ;; *) fail "key line lost:
$1" ;; esac
	printf '%s\n' "$1" | while IFS= read -r l; do
		[ "$(printf '%s' "$l" | wc -m)" -le 80 ] || fail "line wider than 80: '$l'"
	done
}

# The secretary opens a session with both nominees and a quorum.
tm_start "$DH_APP -d '$T/db' --as tdkt"
tm_wait "Tổng quan"
tm_keys 3
tm_wait "h Hội đồng"
tm_keys h
tm_wait "Chưa có phiên họp Hội đồng nào"
tm_keys a
tm_wait "Lập phiên họp Hội đồng"
tm_keys Tab
tm_keys -l "Phiên họp bình xét năm 2021"
tm_keys C-s
tm_wait "Phiên họp bình xét năm 2021"
fits "$(tm_screen)"
tm_keys Enter
tm_wait "Hồ sơ được xét"
tm_keys a
tm_wait "Tất cả 2 hồ sơ đang chờ"
tm_keys Enter
tm_wait "Đã đưa 2 hồ sơ vào chương trình bình xét."
tm_keys p c c c c c c c c c
tm_wait "Có mặt 9/11 — đủ số lượng"
fits "$(tm_screen)"
tm_keys q
tm_wait "Hồ sơ được xét"
# A long name stays in its column: the counts and the result keep theirs.
line=$(srow "Phòng Giám sát")
case $line in *"…"*"[—] — — Chưa có phiếu" | *"…"*" — — — Chưa có phiếu") ;; *) fail "long name overflows or is cut without …: '$line'" ;; esac
fits "$(tm_screen)"

# A member watches on his own screen: read-only.
tm new-session -d -x 80 -y 24 -s two "$DH_APP -d '$T/db' --as hailv"
two_wait "Tổng quan"
two_keys 3
two_wait "h Hội đồng"
two_keys h
two_wait "Phiên họp bình xét năm 2021"
two_keys Enter
two_wait "Hồ sơ được xét"
screen=$(two_screen)
lacks "$screen" "Số phiếu" "member's key line"
lacks "$screen" "c Chốt" "member's key line"
lacks "$screen" "a Thêm" "member's key line"
contains "$screen" "p Điểm danh" "member's key line"
two_keys 0
two_wait "Chỉ Ủy viên thường trực, Thư ký Hội đồng được ghi kết quả biểu quyết."
two_keys c
two_wait "Chỉ Chủ tịch Hội đồng, Phó Chủ tịch Hội đồng, Thư ký Hội đồng được chốt."
two_keys p
two_wait "Chỉ xem."
two_keys v
two_wait "Chỉ Ủy viên thường trực, Thư ký Hội đồng được ghi điểm danh."
two_keys q

# The secretary types; the member sees that ballots are in, not the split.
tm_keys 7 Tab 2 Tab 0 Enter
tm_wait "đã nhập 9/9 phiếu"
two_wait "Đã nhập 9/9"
lacks "$(two_screen)" "7/11" "member's screen before closing"
line=$(two_screen | grep -F "Phòng Giám sát" | head -n 1 | tr -s " ")
case $line in *"• • • Đã nhập 9/9") ;; *) fail "member sees the tally: '$line'" ;; esac
# Ending the session with an item still open is refused.
tm_keys t
tm_wait "Còn 2 mục chưa chốt kết quả: chốt hết rồi mới kết thúc phiên họp."
tm_keys c c
tm_wait "7/11 = 63,6% > 1/2 — đạt"
# Within a second the member's screen has the result too.
two_wait "Đạt (chốt)"
line=$(two_screen | grep -F "Phòng Giám sát" | head -n 1 | tr -s " ")
case $line in *"7 2 0 Đạt (chốt)") ;; *) fail "member's closed row: '$line'" ;; esac
fits "$(two_screen)"
tm kill-session -t two

# The chair reopens it with a reason; the secretary alone could not.
tm_keys Up m
tm_wait "Chỉ Chủ tịch Hội đồng được mở lại kết quả (đính chính)."
tm new-session -d -x 80 -y 24 -s two "$DH_APP -d '$T/db' --as thuanpv"
two_wait "Tổng quan"
two_keys 3
two_wait "h Hội đồng"
two_keys h
two_wait "Phiên họp bình xét năm 2021"
two_keys Enter
two_wait "Hồ sơ được xét"
two_keys Home
two_wait "m Mở lại"
lacks "$(two_screen)" "Số phiếu" "chair's key line"
two_keys m
two_wait "Mở lại kết quả bình xét"
fits "$(two_screen)"
two_keys C-s
two_wait "Không được để trống"
two_keys -l "Nhập nhầm số phiếu không tán thành"
two_keys C-s
two_wait "Đã mở lại: Nhập nhầm số phiếu không tán thành"
line=$(two_screen | grep -F "Phòng Giám sát" | head -n 1 | tr -s " ")
case $line in *"• • • Đã nhập 9/9") ;; *) fail "reopened row: '$line'" ;; esac

# The secretary corrects the counts and closes it again: 7/2/0 becomes
# 8/1/0, written together (8/2/0 on the way would be 10 ballots for 9).
tm_wait "Đã mở lại: Nhập nhầm số phiếu không tán thành"
tm_keys Home 8 Tab 1 Tab Enter
tm_wait "Bấm c để chốt kết quả «Phòng Giám sát"
tm_keys c c
tm_wait "8/11 = 72,7% > 1/2 — đạt"
line=$(srow "Phòng Giám sát")
case $line in *"8 1 0 Đạt (chốt)") ;; *) fail "corrected row: '$line'" ;; esac

# The correction is in the audit trail with its reason.
expect_exit 0 "$DH" -d "$T/db" --as tdkt export --format jsonl
contains "$OUT" "Nhập nhầm số phiếu không tán thành" "export"
