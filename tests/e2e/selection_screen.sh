# Screen 3 on a vt100 without colour, at 80x24, over the demo data of a
# plan year past its council session: every sub-view and form keeps the
# header, the key line and the list's status line in place; the Office
# replaces the council's proposal (tờ trình) by keystrokes, and the Chief
# Inspector recognises its nominees straight from it.
. "$(dirname "$0")/../lib.sh"
export DIENHINH_TODAY=2021-11-20
expect_exit 0 "$DH" -d "$T/db" --as tdkt demo --records 100

starts=0
start_as() { # login
	tm kill-server 2>/dev/null || true
	starts=$((starts + 1))
	TMUX_SOCK="dh-test-$$-$starts"
	tm_start "TERM=vt100 NO_COLOR=1 $DH_APP -d '$T/db' --as $1"
	tm_wait "Tổng quan"
	tm_keys 3
	tm_wait "r Đăng ký   h Hội đồng   t Tờ trình   d Quyết định   u Đơn vị"
}

# The frame of an 80x24 screen: 24 rows, none wider than 80 columns, the
# header on top, the keys at the bottom.
layout() { # what (for the message) [first text of the key line]
	local s
	s=$(tm_screen)
	[ "$(printf '%s\n' "$s" | wc -l)" -eq 24 ] || fail "$1: not 24 rows:
$s"
	printf '%s\n' "$s" | while IFS= read -r line; do
		[ "$(printf '%s' "$line" | wc -m)" -le 80 ] || fail "$1: a row wider than 80 columns: $line"
	done
	case $(printf '%s\n' "$s" | sed -n 2p) in *"3Lựa chọn"* | *" 3 Lựa chọn"*) ;; *) fail "$1: header row:
$s" ;; esac
	local want=${2:-?/F1 Trợ giúp q Thoát}
	# Keys that do not fit: the help key gives its place for "… ? Mọi phím" at the end.
	case $(printf '%s\n' "$s" | sed -n 24p) in "$want"* | "${want#?/F1 Trợ giúp }"*"… ? Mọi phím" | "${want#F1 Trợ giúp }"*"… F1 Mọi phím") ;; *) fail "$1: key line:
$s" ;; esac
}
# The list's status line ("3/12 · ...") on row 22, the last of the body.
status_row() { # what pattern
	tm_screen | sed -n 22p | grep -Eq "$2" || fail "$1: no list status on row 22:
$(tm_screen)"
}

start_as tdkt
layout "registrations"
status_row "registrations" '[0-9]+/[0-9]+ · xếp theo mới nhất$'
# The selected row and the current tab are in reverse video, not colour.
tm capture-pane -e -p -t main | grep -q $'\e\\[7m' || fail "no reverse video on vt100"
tm_keys Enter
tm_wait "Mô tả sáng kiến, mô hình:"
layout "a registration's page" "?/F1 Trợ giúp q Quay lại ↓/j Xuống"
tm_keys Escape
# h: the council sessions, pushed above; q comes back here.
tm_keys h
tm_wait "› Họp Hội đồng"
tm_wait "05/11/2021"
tm_keys q
tm_wait "Ngày       Nhân tố đăng ký"
layout "registrations after the council"
tm_keys Tab
tm_wait "Tờ trình của Hội đồng đề nghị Chánh Thanh tra công nhận: 1 tờ trình."
layout "proposals"
status_row "proposals" '1/1$'

# The demo's proposal goes (audited, with a reason); the Office makes
# another from the same session, with its number.
tm_keys x
tm_wait "Xóa tờ trình"
tm_keys -l "Lập lại theo mẫu mới"
tm_keys F2
tm_wait "Chưa có tờ trình nào trong năm."
tm_keys a
tm_wait "Lập tờ trình đề nghị công nhận"
tm_wait "Không đánh dấu: đưa cả"
layout "the proposal form" "F1 Trợ giúp F2/^S Lưu"
tm_keys Tab
tm_keys -l "7/TTr-HĐTĐKT"
tm_keys F2
tm_wait "Đã lưu."
tm_wait "7/TTr-HĐTĐKT     20/11/2021 05/11/2021"
row=$(tm_screen | grep "7/TTr-HĐTĐKT")
n=$(printf '%s' "$row" | awk '{print $(NF-1)}')
[ "$n" -gt 0 ] || fail "the proposal has no nominees: $row"
contains "$row" " 0/$n" "the proposal's row"

tm_keys d
tm_wait "Chờ quyết định công nhận: "
layout "decisions"
tm_keys u
tm_wait "đơn vị đã trả lời (đăng ký hoặc báo không có)"
layout "departments"
status_row "departments" '/8$'
tm_keys Enter
tm_wait "Hồ sơ đăng ký trong năm:"
layout "a department's page" "?/F1 Trợ giúp q Quay lại ↓/j Xuống"
tm_keys Escape
tm_keys '?'
tm_wait "Việc làm được ở đây"
tm_wait "Mục sau; r Đăng ký, t Tờ trình, d Quyết định, u Đơn vị"
layout "help" "↓/j Xuống"
tm_keys q

# The chief recognises the proposal's nominees from the proposal itself.
start_as thuanpv
tm_keys t
tm_wait "7/TTr-HĐTĐKT"
# What he signs: each nominee with the council's result, and the rule.
tm_keys Enter
tm_wait "với kết quả bình xét:"
tm_wait "Đạt khi số phiếu tán thành trên 1/2 tổng số thành viên Hội đồng"
tm_wait "1. "
contains "$(tm_screen)" "— đạt" "a nominee's result on the proposal"
tm_keys q
tm_wait "c Ra QĐ"
tm_keys c
tm_wait "Quyết định công nhận"
tm_wait "Đã chọn $n/"
layout "the decision form" "F1 Trợ giúp F2/^S Lưu"
tm_keys -l "20/QĐ-TTr"
tm_keys F2
tm_wait "Đã lưu."
tm_wait " $n/$n"
tm_keys d
tm_wait "20/QĐ-TTr        20/11/2021 Phạm Văn Thuần"
layout "decisions after the decision"
expect_exit 0 "$DH" -d "$T/db" --as tdkt export --format jsonl
[ "$(grep -c '"recognised_decision":"20/QĐ-TTr"' "$T/out")" = "$n" ] || fail "not $n recognised by 20/QĐ-TTr"
