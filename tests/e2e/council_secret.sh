# A council session with a secret ballot, typed by the secretary (tdkt)
# with the 11 members of the example config: attendance one short of the
# quorum and then enough, an absent member's written opinion among the
# voters, the counts hidden until an item is closed, a ballot that fails by
# one vote (5/11 with "more than 1/2 of all members") and one that passes
# exactly at the threshold (6/11), a nominee who is a council member and so
# does not vote on himself, and a closed item that refuses edits.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../council_session.sh"

# A ballot that fails by one vote: 5 of 11 is not more than half.
# 8 present + 1 written opinion = 9 voters.
tm_keys Down
tm_wait "đã nhập 0/9 phiếu"
# Digits go straight into the focused count; Tab moves across the row's
# three counts, Enter writes them and stays on the nominee.
tm_keys 5 Tab 4 Tab 0 Enter
tm_wait "đã nhập 9/9 phiếu; kết quả công bố khi chốt"
contains "$(tm_screen)" "Bấm c để chốt kết quả «Nguyễn Thị Thanh Hòa»" "hint"
# The secretary sees what she typed on the row being typed (▶, the cell
# in brackets); the result stays hidden while the item is open, and the
# row she left shows "•" (other sessions: council_roles.sh).
line=$(srow "Nguyễn Thị Thanh")
case $line in "▶"*"[5] 4 0 Đã nhập 9/9"*) ;; *) fail "typed row: '$line'" ;; esac
tm_keys Up
tm_wait_gone "▶  2 Nguyễn"
line=$(srow "Nguyễn Thị Thanh")
case $line in *"• • • Đã nhập 9/9"*) ;; *) fail "tally not hidden: '$line'" ;; esac
tm_keys Down
tm_wait "▶  2 Nguyễn"
lacks "$(tm_screen)" "5/11" "screen before closing"
lacks "$(tm_screen)" "Không đạt" "screen before closing"
tm_keys c
tm_wait "Chốt, công bố kết quả «Nguyễn Thị Thanh Hòa» (9/9 phiếu)?"
tm_keys c
tm_wait "Không đạt (chốt)"
line=$(srow "Nguyễn Thị Thanh")
case $line in *"5 4 0 Không đạt (chốt)"*) ;; *) fail "closed row: '$line'" ;; esac
contains "$(tm_screen)" "5/11 = 45,5% ≤ 1/2 — không đạt" "result"

# One that passes exactly at the threshold: 6 of 11. Closing moved the
# cursor to the next nominee still waiting.
tm_wait "đã nhập 0/9 phiếu"
tm_keys 6 Tab 3 Tab 0 Enter
tm_wait "Bấm c để chốt kết quả «Phòng Tiếp công dân"
tm_keys c
tm_wait "Chốt, công bố kết quả «Phòng Tiếp công dân"
tm_keys c
tm_wait "6/11 = 54,5% > 1/2 — đạt"
line=$(srow "Phòng Tiếp công")
case $line in *"6 3 0 Đạt (chốt)"*) ;; *) fail "passed row: '$line'" ;; esac

# The recused nominee: the base is the 10 members who may vote on him,
# and his 8 voters are the 7 others present and the written opinion.
tm_wait "đã nhập 0/8 phiếu"
# A nominee's counts are written together, on leaving the row or Enter on
# its last count; more ballots than voters is refused, and what was typed
# stays there to fix.
tm_keys 1 0 Tab Tab
tm_wait "Chưa ghi: 10 + 0 + 0 = 10/8 phiếu — thừa 2 phiếu · Enter ghi · Esc bỏ"
tm_keys Enter
tm_wait "Tổng số phiếu (10) nhiều hơn số thành viên được biểu quyết (8)."
tm_keys BTab BTab
tm_wait "Chưa ghi (Enter)"
line=$(srow "Đỗ Hữu Minh")
case $line in *"[10] 0 0 Chưa ghi (Enter)"*) ;; *) fail "typed count lost: '$line'" ;; esac
tm_keys 5 Tab 3 Tab Enter
tm_wait "đã nhập 8/8 phiếu"
tm_keys c
tm_wait "Chốt, công bố kết quả «Đỗ Hữu Minh»"
tm_keys c
tm_wait "5/10 = 50,0% ≤ 1/2 — không đạt"

# A closed item is locked: typing a count is refused and nothing changes.
tm_keys Down 3
tm_wait "«Nguyễn Thị Thanh Hòa» đã chốt: muốn sửa, Chủ tịch Hội đồng mở lại (m)."
line=$(srow "Nguyễn Thị Thanh")
case $line in *"5 4 0 Không đạt (chốt)"*) ;; *) fail "closed row changed: '$line'" ;; esac
lacks "$(tm_screen)" "m Mở lại" "secretary's key line (reopening is the chair's)"

# The workflow moved the candidates.
expect_exit 0 "$DH" -d "$T/db" --as tdkt export --format csv
contains "$(grep "Nguyễn Thị Thanh Hòa" <<<"$OUT")" "not_approved" "export"
contains "$(grep "Phòng Tiếp công dân - Xử lý đơn,tcd" <<<"$OUT")" ",approved" "export"
