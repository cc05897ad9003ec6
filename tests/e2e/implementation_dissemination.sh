# Screen 6 on a vt100 without colour: a department that has not
# disseminated the plan stands out by a "!" and "CHƯA" and in bold; a
# department head records the dissemination by keystrokes and it stops
# standing out; a coordination note is recorded; a department head cannot
# write for another department. Every view fits 80x24.
. "$(dirname "$0")/../lib.sh"

fits() { # what
	local s
	s=$(tm_screen)
	[ "$(printf '%s\n' "$s" | wc -L)" -le 80 ] || fail "$1: a line wider than 80 columns:
$s"
	case $(printf '%s\n' "$s" | sed -n 1p) in " TTr"*) ;; *) fail "$1: header overwritten:
$s" ;; esac
	case $(printf '%s\n' "$s" | sed -n 24p) in *"F1 Trợ giúp"* | *"… ? Mọi phím") ;; *) fail "$1: key line overwritten:
$s" ;; esac
}
row_of() { tm_screen | grep "$1" || true; }
bold_row_of() { tm capture-pane -e -p -t main | grep "$1" | grep -c $'\e\\[1m' || true; }

# On 15/06/2021 the demo has every department but the last (Phòng Giám
# sát, kiểm tra và xử lý sau thanh tra, head quangmv) disseminated.
expect_exit 0 "$DH" -d "$T/db" --as tdkt demo --records 40

tm_start "TERM=vt100 NO_COLOR=1 $DH_APP -d '$T/db' --as quangmv"
tm_wait "Tổng quan"
tm_keys 6
tm_wait "đã quán triệt 7/8 đơn vị"
fits "departments"
row=$(row_of "Phòng Giám sát")
case $row in "! "*"CHƯA"*) ;; *) fail "the department does not stand out: '$row'" ;; esac
[ "$(bold_row_of "Phòng Giám sát")" -ge 1 ] || fail "the department's row is not bold on a vt100"
row=$(row_of "Phòng Nghiệp vụ 1")
case $row in "! "* | *CHƯA*) fail "a department that disseminated stands out: '$row'" ;; esac

# Not my department: the keys to write are not offered.
tm_keys g
lacks "$(tm_screen | tail -1)" "a Quán triệt" "key line on another department"

# Mine: record the dissemination.
tm_keys G
tm_wait "a Quán triệt"
tm_keys Enter
tm_wait "CHƯA quán triệt"
fits "the department's log"
tm_keys a
tm_wait "Quán triệt kế hoạch"
contains "$(tm_screen)" "Mai Văn Quang" "who disseminated"
fits "the dissemination form"
tm_keys -l "18"
tm_keys Tab
tm_keys -l "Quán triệt tại cuộc họp giao ban phòng"
tm_keys F2
tm_wait "quán triệt 1 lần"
contains "$(tm_screen)" "Quán triệt tại cuộc họp giao ban" "the log"
tm_keys p
tm_wait "Phối hợp với Văn phòng"
tm_keys -l "Thống nhất danh sách đề nghị với Văn phòng"
tm_keys F2
tm_wait "phối hợp 1 lần"
tm_keys Escape
tm_wait "đã quán triệt 8/8 đơn vị"
row=$(row_of "Phòng Giám sát")
case $row in "! "* | *CHƯA*) fail "the department still stands out: '$row'" ;; esac
contains "$row" "15/06/2021" "the department's row"
contains "$row" "Mai Văn Quang" "the department's row"
contains "$row" "1 lần" "the department's row"
fits "departments after"
