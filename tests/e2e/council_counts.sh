# Typing a secret ballot's counts, row by row: the secretary sees what she
# types on the row being typed; Tab stays on the row (6 Tab 3 Tab 1 leaves
# 6 · 3 · 1 on row 1 and nothing on row 2); leaving a row with counts not
# written asks; closing checks the counts against the voters at the exact
# edge: as many (the plain question), one short (the reason, into the
# minutes), one over (refused).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../council_session.sh"

# Row 1, Đỗ Hữu Minh: 8 voters (he does not vote on himself).
tm_wait "đã nhập 0/8 phiếu"
tm_keys 6 Tab 3 Tab 1
tm_wait "Chưa ghi: 6 + 3 + 1 = 10/8 phiếu — thừa 2 phiếu"
line=$(srow "Đỗ Hữu Minh")
case $line in "▶"*"6 3 [1] Chưa ghi (Enter)"*) ;; *) fail "row 1 as typed: '$line'" ;; esac
line=$(srow "Nguyễn Thị Thanh")
case $line in " 2 "*"— — — Chưa có phiếu"*) ;; *) fail "row 2 touched: '$line'" ;; esac
# Tab at the last count goes round to the first of the same row.
tm_keys Tab
tm_wait "[6]         3          1 Chưa ghi (Enter)"
line=$(srow "Nguyễn Thị Thanh")
case $line in " 2 "*"— — — Chưa có phiếu"*) ;; *) fail "Tab left the row: '$line'" ;; esac
# Leaving the row asks; Esc stays.
tm_keys Down
tm_wait "«Đỗ Hữu Minh»: số phiếu 6 · 3 · 1 chưa ghi. g ghi · b bỏ · Esc ở lại"
tm_keys Escape
tm_wait "[6]         3          1 Chưa ghi (Enter)"
# One over: Enter is refused, and so is c; nothing is written.
tm_keys Enter
tm_wait "Tổng số phiếu (10) nhiều hơn số thành viên được biểu quyết (8)."
tm_keys c
tm_wait "Tổng số phiếu (10) nhiều hơn số thành viên được biểu quyết (8)."
lacks "$(tm_screen)" "Chốt, công bố" "closing with one over"
# Exactly the voters: 4 + 3 + 1 = 8, written on leaving (g), then the
# plain question.
tm_keys 4 Down
tm_wait "«Đỗ Hữu Minh»: số phiếu 4 · 3 · 1 chưa ghi. g ghi · b bỏ · Esc ở lại"
tm_keys g
tm_wait "▶  2 Nguyễn"
line=$(srow "Đỗ Hữu Minh")
case $line in *"• • • Đã nhập 8/8"*) ;; *) fail "row 1 written, hidden once left: '$line'" ;; esac
tm_keys Up
tm_wait "▶  1 Đỗ"
tm_wait "[4]         3          1 Đã nhập 8/8"
tm_keys c
tm_wait "Chốt, công bố kết quả «Đỗ Hữu Minh» (8/8 phiếu)?"
tm_keys c
tm_wait "4/10 = 40,0% ≤ 1/2 — không đạt"

# One short: 8 of 9 asks, then the reason, which goes into the minutes.
tm_wait "▶  2 Nguyễn"
tm_keys 5 Tab 3 Tab 0 Enter
tm_wait "Đã ghi 8/9 phiếu"
tm_keys c
tm_wait "«Nguyễn Thị Thanh Hòa»: 8 phiếu/9 thành viên được biểu quyết (thiếu 1)."
tm_keys c
tm_wait "Chốt kết quả: lý do số phiếu"
tm_keys C-s
tm_wait "Không được để trống"
tm_keys "Một phiếu không hợp lệ" C-s
tm_wait "5/11 = 45,5% ≤ 1/2 — không đạt"
expect_exit 0 "$DH" -d "$T/db" --as tdkt report minutes --format md
contains "$OUT" "Một phiếu không hợp lệ" "minutes"

# Row 3: one over is refused at Enter; the exact count closes plainly.
tm_wait "▶  3 Phòng"
tm_keys 6 Tab 3 Tab 1 Enter
tm_wait "Tổng số phiếu (10) nhiều hơn số thành viên được biểu quyết (9)."
tm_keys 0 Enter
tm_wait "Đã ghi 9/9 phiếu"
tm_keys c
tm_wait "Chốt, công bố kết quả «Phòng Tiếp công dân - Xử lý đơn» (9/9 phiếu)?"
tm_keys c
tm_wait "6/11 = 54,5% > 1/2 — đạt"
