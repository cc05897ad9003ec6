# Two Office clerks edit the same proposal (tờ trình) on screen 3: the
# second save names who saved first and what they changed, "g" keeps both
# (their number, my notes), and the proposal saved holds the two.
. "$(dirname "$0")/../lib.sh"
export DIENHINH_TODAY=2021-11-20
expect_exit 0 "$DH" -d "$T/db" --as tdkt demo --records 100
tm_start "$DH_APP -d '$T/db' --as tdkt"
tm new-session -d -x 80 -y 24 -s two "$DH_APP -d '$T/db' --as tdkt"
two_keys() { tm send-keys -t two "$@"; }
two_wait() { # text
	local i
	for i in $(seq 200); do
		case $(tm capture-pane -p -t two) in *"$1"*) return 0 ;; esac
		sleep 0.05
	done
	fail "second session never showed '$1':
$(tm capture-pane -p -t two)"
}

tm_wait "Tổng quan"
two_wait "Tổng quan"
tm_keys 3
tm_wait "h Hội đồng"
tm_keys t
tm_wait "Tờ trình của Hội đồng đề nghị Chánh Thanh tra công nhận: 1 tờ trình."
two_keys 3
two_wait "h Hội đồng"
two_keys t
two_wait "Tờ trình của Hội đồng đề nghị Chánh Thanh tra công nhận: 1 tờ trình."

# Both open it; the second renumbers it and saves first.
tm_keys e
tm_wait "Sửa tờ trình"
two_keys e
two_wait "Sửa tờ trình"
two_keys C-u
two_keys -l "9/TTr-HĐTĐKT"
two_keys F2
two_wait "Đã lưu."
two_wait "9/TTr-HĐTĐKT"

# The first adds to the notes: his save meets the other's.
tm_keys Tab Tab Tab End
tm_keys -l " Đã bổ sung."
tm_keys F2
tm_wait "Võ Thị Thanh Hương đã lưu hồ sơ này lúc "
tm_wait "(sửa: Số tờ"
tm_keys g
tm_wait "Đã giữ phần bạn sửa (1 ô)"
tm_keys F2
tm_wait "Đã lưu."
tm_wait "9/TTr-HĐTĐKT"

# Both changes are in the proposal as saved: its page, to the end.
tm_keys Enter
tm_wait "Số tờ trình  9/TTr-HĐTĐKT"
tm_keys End
tm_wait "quyết định công nhận. Đã bổ sung."
