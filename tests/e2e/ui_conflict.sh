# Two people on one record (issue 16, part 5): each form names the other
# while both have it open; a save over the other's says who saved, when and
# which fields, and a field both changed is asked field by field.
# The first at 100×30, the second at 80×24.
. "$(dirname "$0")/../lib.sh"

expect_exit 0 "$DH" -d "$T/db" --as tdkt demo --records 20
tm new-session -d -x 100 -y 30 -s main "$DH_APP -d '$T/db' --as tdkt"
tm new-session -d -x 80 -y 24 -s two "$DH_APP -d '$T/db' --as thuanpv"
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
tm_keys 2
tm_wait "xếp theo mới nhất"
two_wait "Tổng quan"
two_keys 2
two_wait "xếp theo mới nhất"

tm_keys Home Enter
tm_wait "Hồ sơ nhân tố"
two_keys Home Enter
two_wait "Hồ sơ nhân tố"
# Each sees the other by name.
tm_wait "Hồ sơ nhân tố · Phạm Văn Thuần đang mở hồ sơ này"
two_wait "Hồ sơ nhân tố · Võ Thị Thanh Hương đang mở hồ sơ này"

# Both change the position; the Chief saves first.
two_keys Tab Tab Tab Tab C-u
two_keys -l "Chuyên viên chính"
two_keys F2
two_wait "Đã lưu."
tm_keys Tab Tab Tab Tab C-u
tm_keys -l "Thanh tra viên chính"
tm_keys F2
tm_wait "Phạm Văn Thuần đã lưu hồ sơ này lúc "
tm_wait "(sửa: Chức vụ)"
tm_keys g
tm_wait "Ô «Chức vụ» cả hai cùng sửa — của bạn: «Thanh tra viên chính»"
tm_wait "của Phạm Văn Thuần: «Chuyên viên"
tm_keys b
tm_wait "Đã giữ phần bạn sửa (1 ô) trên bản của Phạm Văn Thuần"
tm_keys F2
tm_wait "Đã lưu."
expect_exit 0 "$DH" -d "$T/db" --as tdkt export --format jsonl
contains "$OUT" '"position":"Thanh tra viên chính"' "the chosen value saved"

# Closed forms leave no one behind.
tm_keys Home Enter
tm_wait "Hồ sơ nhân tố"
sleep 3 # the form looks every 2 seconds: nobody else must show up
lacks "$(tm_screen)" "đang mở hồ sơ này" "the form after the other closed his"
echo ok
