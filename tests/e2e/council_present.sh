# The projector view: `dienhinh present` as a login that may only look up
# (khachxem) follows the secretary's cursor within a second, shows the
# nominee in large type, hides a secret count while the item is open (even
# as the secretary types it) and shows the result once it is closed.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../council_session.sh"

two_screen() { tm capture-pane -p -t two; }
two_wait() { # text [seconds]: within a second, as other sessions' changes
	local i
	for i in $(seq $((${2:-1} * 20))); do
		case $(two_screen 2>/dev/null) in *"$1"*) return 0 ;; esac
		sleep 0.05
	done
	fail "projector never showed '$1' within ${2:-1} s:
$(two_screen)"
}
tm new-session -d -x 80 -y 24 -s two "$DH_APP -d '$T/db' --as khachxem present"
two_wait "Hồ sơ 1/3 · Đỗ Hữu Minh" 10
screen=$(two_screen)
contains "$screen" "Có mặt 8/11 — đủ số lượng" "projector quorum"
contains "$screen" "Đạt khi số phiếu tán thành trên 1/2 tổng số thành viên Hội đồng" "projector rule"
contains "$screen" "█" "large type"
[ "$(printf '%s\n' "$screen" | wc -L)" -le 80 ] || fail "projector wider than 80:
$screen"

# The secretary moves: the projector follows.
tm_keys Down
tm_wait "▶  2 Nguyễn"
two_wait "Hồ sơ 2/3 · Nguyễn Thị Thanh Hòa"
# She types and writes the counts: the projector shows none of them.
tm_keys 6 Tab 3 Tab 0 Enter
tm_wait "Đã ghi 9/9 phiếu"
sleep 0.5
screen=$(two_screen)
contains "$screen" "Bỏ phiếu kín — kết quả công bố khi chốt" "projector while open"
lacks "$screen" "6/11" "projector while open"
lacks "$screen" "— Đạt" "projector while open"
# Closed: the result, for the room.
tm_keys c
tm_wait "Chốt, công bố kết quả «Nguyễn Thị Thanh Hòa» (9/9 phiếu)?"
tm_keys c
tm_wait "6/11 = 54,5% > 1/2 — đạt"
two_wait "Vừa chốt «Nguyễn Thị Thanh Hòa»: 6/11 = 54,5% > 1/2 — Đạt"
# A number that is not a session is refused on the command line.
expect_exit 65 "$DH" -d "$T/db" --as khachxem present 99
contains "$ERR" "không có phiên họp số 99" "present 99"

# P in the session pushes the projector over the secretary's own screen;
# q comes back.
tm_keys P
tm_wait "Trình chiếu · phiên họp ngày 15/06/2021"
tm_wait "Bỏ phiếu kín · Có mặt 8/11"
tm_keys q
tm_wait "Hồ sơ được xét"
