# Screen 7: Enter opens the full record with its history (fostering,
# registration, the council's vote, decisions, replication), read-only;
# `/` from screen 2 opens lookup with the query line taking the keys; a
# login config does not know may look up, but sees no audit log and
# cannot edit.
. "$(dirname "$0")/../lib.sh"

expect_exit 0 "$DH" -d "$T/db" --as tdkt demo --records 300

# An awarded record: its whole history exists.
IFS=$'\t' read -r id year kind name dept stage < <("$DH" -d "$T/db" search --format tsv --recognised dang | grep -m1 $'\tawarded$')
[ -n "${name:-}" ] || fail "no awarded Đặng in the demo data"

tm_start "$DH_APP -d '$T/db' --as tdkt"
tm_wait "Tổng quan"
tm_keys 2
tm_wait_tab "2Nhân tố"

# `/` from screen 2: screen 7, typing goes to the query at once.
tm_keys /
tm_wait_tab "7Tra cứu"
tm_keys -l "$name"
tm_wait "Tìm: $name"
tm_wait "Enter Mở hồ sơ"

tm_keys Enter
tm_wait "Số hồ sơ              $id"
screen=$(tm_screen)
contains "$screen" "Đã khen thưởng" "record"
contains "$screen" "Quyết định công nhận" "record"
contains "$screen" "Giấy khen" "record"
contains "$screen" "n Nhật ký" "key line of the Office clerk"
lacks "$screen" "Sửa" "a read-only record"

# The history, page by page, until its last section.
history=""
for _ in 1 2 3 4 5; do
	history+=$(tm_screen)
	case $history in *"Nhân rộng"*) break ;; esac
	tm_keys PageDown
	sleep 0.1
done
tm_wait_gone "Đang tìm"
history+=$(tm_screen)
for section in "Bồi dưỡng (" "Đăng ký đề nghị công nhận" "Bình xét của Hội đồng" "Quyết định công nhận, khen thưởng" "Nhân rộng"; do
	contains "$history" "$section" "record history"
done
contains "$history" "Đạt" "the council's result"
contains "$history" "Công nhận · số" "recognition decision"
contains "$history" "Khen thưởng: Giấy khen" "award decision"

# Its log: the changes to the record and to its history.
tm_keys n
tm_wait "Nhật ký: $name"
tm_wait "Tạo dữ liệu mẫu"
tm_wait_gone "đang tìm"
tm_keys Escape
tm_wait "Esc Quay lại n Nhật ký"
tm_keys Escape
tm_wait "Esc Rời ô tìm"

# An unknown login: lookup works, the record opens read-only and without
# its log, the audit screen says why not, and screen 2 offers no edit.
tm kill-server
TMUX_SOCK="dh-test-$$-nobody"
tm_start "$DH_APP -d '$T/db' --as nobody"
tm_wait "chỉ được tra cứu"
tm_keys /
tm_keys -l "$name"
tm_wait "Tìm: $name"
tm_wait "Enter Mở hồ sơ"
tm_keys Enter
tm_wait "Số hồ sơ              $id"
lacks "$(tm_screen | tail -n 1)" "Nhật ký" "key line of an unknown login"
tm_keys Escape
tm_wait "Esc Rời ô tìm"
tm_keys Escape
tm_wait "/ Gõ tìm"
tm_keys 8
tm_wait_tab "8Nhật ký"
tm_wait "chỉ được tra cứu."
lacks "$(tm_screen)" "Lúc" "audit list"
tm_keys 2
tm_wait_tab "2Nhân tố"
screen=$(tm_screen)
lacks "$screen" "a Thêm" "key line of an unknown login"
lacks "$screen" "e Sửa" "key line of an unknown login"
