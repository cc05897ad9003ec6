# Screen 8, Nhật ký: an edit made in an earlier session shows with the
# person's name, what changed, and the values before and after; filters by
# person (from a row, and in the filter form with a date range); only the
# roles that may see the log see it, the others are told who may.
. "$(dirname "$0")/../lib.sh"

expect_exit 0 "$DH" -d "$T/db" --as tdkt demo --records 40
NEW_POSITION="Chuyên viên chính phụ trách thử nghiệm"

# The newest candidate (the first row of screen 2) and its position now.
IFS='|' read -r cand_id old_position cand_name < <("$DH" -d "$T/db" --as tdkt export --format jsonl | python3 -c '
import json, sys
c = max((json.loads(l) for l in sys.stdin), key=lambda c: c["id"])
print(c["id"], c["position"] or "", c["name"][:8], sep="|")')

# Nothing drawn runs into the last column but the header, the key line
# and the list's position.
expect_no_overflow() {
	tm_screen | python3 -c '
import re, sys
lines = sys.stdin.read().split("\n")[:24]
for i, l in enumerate(lines[1:23], 2):
    if len(l) >= 80 and not re.fullmatch(r" *[0-9.]+/[0-9.]+( · .*)?", l):
        sys.exit("line %d runs to the edge: %r" % (i, l))' || fail "overflow:
$(tm_screen)"
}

# One step: the Chief Inspector edits that candidate's position.
tm_start "$DH_APP -d '$T/db' --as thuanpv; echo \$? > '$T/exit'"
tm_wait "Tổng quan"
tm_keys 2
tm_wait_tab "2Nhân tố"
tm_keys Enter
tm_wait "Hồ sơ nhân tố"
tm_keys Tab Tab Tab Tab C-u
tm_keys -l "$NEW_POSITION"
tm_keys F2
tm_wait "Đã lưu."
tm_keys q
for _ in $(seq 100); do [ -s "$T/exit" ] && break; sleep 0.05; done
[ "$(cat "$T/exit" 2>/dev/null)" = 0 ] || fail "the first session did not end"

# Another step, another person: the Office clerk reads the log.
TMUX_SOCK="dh-test-$$-clerk"
tm_start "$DH_APP -d '$T/db' --as tdkt"
tm_wait "Tổng quan"
tm_keys 8
tm_wait "Mọi thay đổi, mới nhất trước"
screen=$(tm_screen)
first_row=$(printf '%s\n' "$screen" | sed -n 5p)
contains "$first_row" "Phạm Văn Thuần" "newest entry"
contains "$first_row" "Sửa hồ sơ" "newest entry"
# The record by its name, not its internal number.
contains "$first_row" "Hồ sơ $cand_name" "newest entry"
contains "$screen" "Thay đổi: Chức vụ" "the entry under the cursor"
# The year's plan, kept when the program first opened it, in words too.
plan_row=$(printf '%s\n' "$screen" | grep -F "Giữ kế hoạch của năm") || fail "no entry for the kept plan:
$screen"
contains "$plan_row" "Kế hoạch xây dựng" "the kept plan's entry"
lacks "$plan_row" "?" "the kept plan's entry"
expect_no_overflow

# Enter: before and after.
tm_keys Enter
tm_wait "Mục nhật ký số"
screen=$(tm_screen)
contains "$screen" "Phạm Văn Thuần (thuanpv)" "entry"
contains "$screen" "Trước: ${old_position:-(trống)}" "entry"
contains "$screen" "Sau: $NEW_POSITION" "entry"
expect_no_overflow
tm_keys Escape
tm_wait "Mọi thay đổi, mới nhất trước"

# p: only this person's changes.
tm_keys p
tm_wait "Lọc: Phạm Văn Thuần · 1 mục"
lacks "$(tm_screen | sed -n 4,20p)" "Võ Thị Thanh Hương" "entries of thuanpv only"
tm_keys c
tm_wait "Mọi thay đổi, mới nhất trước"

# The filter form: a date range with nothing in it, then the person
# picked from the list and the range cleared.
tm_keys f
tm_wait "Lọc nhật ký"
tm_keys Tab Tab Tab Tab
tm_keys -l "01/01/2020"
tm_keys F2
tm_wait "Lọc: đến 01/01/2020 · 0 mục"
tm_wait "Không có thay đổi nào khớp"
tm_keys f
tm_wait "Lọc nhật ký"
tm_keys Enter
tm_wait "Mọi người"
tm_keys Down Enter
tm_wait "Người thay đổi Phạm Văn Thuần"
tm_keys Tab Tab Tab Tab C-u F2
tm_wait "Lọc: Phạm Văn Thuần · 1 mục"
expect_no_overflow

# A staff member may not see the log, and is told who may.
tm kill-server
TMUX_SOCK="dh-test-$$-staff"
tm_start "$DH_APP -d '$T/db' --as lanpt"
tm_wait "Tổng quan"
tm_keys 8
tm_wait_tab "8Nhật ký"
tm_wait "xem nhật ký"
screen=$(tm_screen)
contains "$screen" "Chánh Thanh tra" "who may"
lacks "$screen" "Phạm Văn Thuần" "the log, hidden"
