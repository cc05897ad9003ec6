# TERM=vt100 and NO_COLOR: no colour, still usable (bold and reverse),
# function keys as the vt100 sends them.
. "$(dirname "$0")/../lib.sh"

expect_exit 0 "$DH" -d "$T/db" --as tdkt demo --records 10
tm_start "TERM=vt100 NO_COLOR=1 $DH_APP -d '$T/db' --as tdkt; echo \$? > '$T/exit'"
tm_wait "Tổng quan"
tm_keys 2
tm_wait "xếp theo mới nhất"
tm_keys a
tm_wait "Thêm nhân tố mới"
tm_keys -l "Hồ Xuân Hương"
tm_keys F1
tm_wait "Lưu biểu mẫu"
tm_keys Escape
tm_wait "Thêm nhân tố mới"
tm_keys F2
tm_wait "Đã lưu."
tm_wait "Hồ Xuân Hương"
# The selected row is drawn in reverse video, not only in colour.
tm capture-pane -e -p -t main | grep -q $'\e\\[7m' || fail "no reverse video on vt100"
tm_keys q
for _ in $(seq 100); do [ -s "$T/exit" ] && break; sleep 0.05; done
[ "$(cat "$T/exit" 2>/dev/null)" = 0 ] || fail "exit status $(cat "$T/exit" 2>/dev/null)"
