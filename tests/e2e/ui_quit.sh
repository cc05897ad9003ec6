# No typed work lost to a key (issue 16, part 3): q on the too-small
# screen with a form open asks first and keeps a draft; q with a council
# session open on screen 3 asks before leaving; nothing to lose, q quits.
. "$(dirname "$0")/../lib.sh"

expect_exit 0 "$DH" -d "$T/db" --as tdkt demo --records 10
starts=0
start_app() { # login, columns, rows
	tm kill-server 2>/dev/null || true
	starts=$((starts + 1))
	TMUX_SOCK="dh-test-$$-$starts"
	rm -f "$T/done"
	tm new-session -d -x "$2" -y "$3" -s main \
		"\"$DH_APP\" -d \"$T/db\" --as $1; echo \$? > '$T/done'; sleep 30"
}
wait_done() {
	for _ in $(seq 100); do [ -s "$T/done" ] && return 0; sleep 0.05; done
	fail "the app did not end:
$(tm_screen)"
}
still_running() { [ ! -s "$T/done" ] || fail "the app ended: $1"; }

# 100×30: a form with typing, the window shrinks, q asks; k stays.
start_app tdkt 100 30
tm_wait "Tổng quan"
tm_keys 2
tm_wait "xếp theo mới nhất"
tm_keys a
tm_wait "Thêm nhân tố mới"
tm_keys -l "Ngô Bảo Châu"
tm_wait "Ngô Bảo Châu"
tm resize-window -t main -x 60 -y 20
tm_wait "Cửa sổ quá nhỏ"
tm_keys q
tm_wait "chưa lưu. Thoát và giữ"
tm_keys k
tm_wait_gone "Thoát và giữ"
still_running "k on the quit question"
tm resize-window -t main -x 100 -y 30
tm_wait "Ngô Bảo Châu"
# Again at 80×24 → too small → q, c: it leaves and keeps the draft.
tm resize-window -t main -x 70 -y 24
tm_wait "Cửa sổ quá nhỏ"
tm_keys q
tm_wait "Thoát và giữ bản nháp"
tm_keys c
wait_done
start_app tdkt 80 24
tm_wait "Khôi phục bản nháp?"
tm_keys c
tm_wait "Ngô Bảo Châu"
tm_keys Escape
tm_wait "Bỏ các thay đổi chưa lưu?"
tm_keys c
tm_wait "xếp theo mới nhất"

# A council session open on screen 3: / goes to lookup, q there asks.
tm_keys 3
tm_wait "h Hội đồng"
tm_keys h
tm_wait "Chưa có phiên họp Hội đồng nào"
tm_keys a
tm_wait "Lập phiên họp Hội đồng"
tm_keys C-s
tm_wait "Đang họp"
tm_keys Enter
tm_wait "Có mặt 0/11"
tm_keys /
tm_wait "Esc Rời ô tìm"
tm_keys Escape
tm_keys q
tm_wait "Phiên họp Hội đồng đang mở (màn hình 3). Vẫn thoát chương trình?"
tm_keys k
tm_wait "Chưa thoát."
still_running "k with the session open"
tm_keys 3
tm_wait "Có mặt 0/11"
# Back out of the session: nothing held, q at the top quits at once.
tm_keys q
tm_wait "Phiên họp"
tm_keys q
tm_wait "h Hội đồng"
tm_keys q
wait_done
echo "ok"
