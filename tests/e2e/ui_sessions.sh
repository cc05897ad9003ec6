# Two people at once: what one saves shows on the other's screen within a
# second, and saving over the other's newer change is refused with a
# choice; keeping my text re-applies only the fields I changed.
. "$(dirname "$0")/../lib.sh"

expect_exit 0 "$DH" -d "$T/db" --as tdkt demo --records 20
tm_start "$DH_APP -d '$T/db' --as tdkt"
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

# Live refresh: the second session adds, the first sees it by itself.
two_keys a
two_wait "Thêm nhân tố mới"
two_keys -l "Đỗ Thị Mai Anh"
two_keys F2
two_wait "Đã lưu."
tm_wait "Đỗ Thị Mai Anh" 2

# Both open the same record; the second changes the position and saves;
# the first changes the name and saves over it.
tm_keys Home Enter
tm_wait "Hồ sơ nhân tố"
two_keys Home Enter
two_wait "Hồ sơ nhân tố"
two_keys Tab Tab Tab Tab
two_keys -l "Chuyên viên chính"
two_keys F2
two_wait "Đã lưu."
tm_keys End
tm_keys -l " (sửa)"
tm_keys F2
# Who saved, and which field (not mine: no field-by-field question).
tm_wait "Phạm Văn Thuần đã lưu hồ sơ này lúc"
tm_wait "(sửa: Chức vụ)"
tm_keys g
tm_wait "Đã giữ phần bạn sửa"
contains "$(tm_screen)" "Chuyên viên chính" "the other person's field, reloaded"
tm_keys F2
tm_wait "Đã lưu."
tm_wait "Đỗ Thị Mai Anh (sửa)"

expect_exit 0 "$DH" -d "$T/db" --as tdkt export --format jsonl
line=$(grep "Đỗ Thị Mai Anh (sửa)" <<<"$OUT") || fail "export lacks the first person's name"
contains "$line" "Chuyên viên chính" "the saved record keeps the second person's position"

# An import from the command line shows up the same way.
printf 'year,kind,name,department\n2021,individual,Lý Thường Kiệt,vp\n' >"$T/list.csv"
expect_exit 0 "$DH" -d "$T/db" --as tdkt import "$T/list.csv"
tm_wait "Lý Thường Kiệt" 2
two_wait "Lý Thường Kiệt"
