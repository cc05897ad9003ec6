# The council's forms survive a dropped connection: the reason of a close
# with fewer votes than voters comes back over its session, and saving it
# closes the item and moves the secretary on; a reopening reason comes back
# too; a new session's typing comes back in the session form.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../council_session.sh"

hang_up() {
	kill -HUP "$(cat "$T/pid")"
	wait_done
}
resume() { # what the restored form shows, [login]
	start_app "${2:-tdkt}"
	tm_wait "Khôi phục bản nháp?"
	tm_keys c
	tm_wait "$1"
	tm_wait "Đã khôi phục bản nháp"
}

# The shared session ends in the session mode; our own start, with a pid.
start_app
tm_wait "Tổng quan"
tm_keys 3
tm_wait "h Hội đồng"
tm_keys h
tm_wait "Đang họp"
tm_keys Enter
tm_wait "Hồ sơ được xét"

# Row 2, one short (8 of 9): the reason form, typed, then the line drops.
tm_keys Down
tm_wait "▶  2 Nguyễn"
tm_keys 5 Tab 3 Tab 0 Enter
tm_wait "Đã ghi 8/9 phiếu"
tm_keys c
tm_wait "«Nguyễn Thị Thanh Hòa»: 8 phiếu/9 thành viên được biểu quyết (thiếu 1)."
tm_keys c
tm_wait "Chốt kết quả: lý do số phiếu"
tm_keys -l "Một phiếu không hợp lệ"
tm_wait "Một phiếu không hợp lệ"
hang_up

resume "Một phiếu không hợp lệ"
contains "$(tm_screen)" "Chốt kết quả: lý do số phiếu" "restored close form"
tm_keys C-s
# Closed, said over the session it was restored on, which moved on.
tm_wait "Đã chốt: 5/11 = 45,5% ≤ 1/2 — không đạt · Nguyễn Thị Thanh Hòa"
tm_wait "▶  3 Phòng"
expect_exit 0 "$DH" -d "$T/db" --as tdkt report minutes --format md
contains "$OUT" "Một phiếu không hợp lệ" "minutes"

# A reopening reason, the chair's (thuanpv), typed over the closed row 2.
start_app thuanpv
tm_wait "Tổng quan"
tm_keys 3
tm_wait "h Hội đồng"
tm_keys h
tm_wait "Đang họp"
tm_keys Enter
tm_wait "Đỗ Hữu Minh · Phòng Nghiệp vụ 1"
tm_keys Down
tm_wait "Nguyễn Thị Thanh Hòa · Phòng Nghiệp vụ 1"
tm_keys m
tm_wait "Mở lại kết quả bình xét"
tm_keys -l "Ghi nhầm số phiếu"
tm_wait "Ghi nhầm số phiếu"
hang_up

resume "Ghi nhầm số phiếu" thuanpv
contains "$(tm_screen)" "Mở lại kết quả bình xét" "restored reopen form"
tm_keys C-s
tm_wait "0/3 đã chốt, 0 đạt"
case $(srow "Nguyễn Thị Thanh") in *"• • • Đã nhập 8/9"*) ;; *) fail "reopened row: '$(srow "Nguyễn Thị Thanh")'" ;; esac

# A new session's title, typed on the list of sessions.
start_app
tm_wait "Tổng quan"
tm_keys 3
tm_wait "h Hội đồng"
tm_keys h
tm_wait "Đang họp"
tm_keys a
tm_wait "Lập phiên họp Hội đồng"
tm_keys Tab
tm_keys -l "Phiên họp bổ sung"
tm_wait "Phiên họp bổ sung"
hang_up

resume "Phiên họp bổ sung"
contains "$(tm_screen)" "Lập phiên họp Hội đồng" "restored session form"
tm_keys C-s
tm_wait "Đã lưu."
tm_wait "Phiên họp bổ sung"
[ "$(tm_screen | grep -c "Đang họp")" = 2 ] || fail "two sessions on the list:
$(tm_screen)"
