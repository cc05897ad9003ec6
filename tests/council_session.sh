# The council session the council e2e tests share (sourced after lib.sh):
# three nominees imported, the secretary in a new secret-ballot session
# with the attendance taken (a written opinion, an absent member) and the
# nominees on the agenda, back on the list of nominees.

cat >"$T/nominees.csv" <<'EOF'
kind,name,department,title,stage
individual,Đỗ Hữu Minh,nv1,Sáng kiến thanh tra theo chuyên đề,nominated
individual,Nguyễn Thị Thanh Hòa,nv1,Tiếp công dân thân thiện,nominated
collective,Phòng Tiếp công dân - Xử lý đơn,tcd,Tập thể tiêu biểu,nominated
EOF
expect_exit 0 "$DH" -d "$T/db" --as tdkt import "$T/nominees.csv"

row() { tm_screen | grep -F "$1" | head -n 1; }

tm_start "$DH_APP -d '$T/db' --as tdkt"
tm_wait "Tổng quan"
tm_keys 3
tm_wait "h Hội đồng"
tm_keys h
tm_wait "Chưa có phiên họp Hội đồng nào"
contains "$(tm_screen)" "a Thêm phiên" "key line"

# A session: the date defaults to today, the method comes from config.
tm_keys a
tm_wait "Lập phiên họp Hội đồng"
contains "$(tm_screen)" "Hình thức: Bỏ phiếu kín (theo cấu hình)" "session form"
tm_keys C-s
tm_wait "Đã lưu."
tm_wait "Đang họp"
tm_keys Enter
tm_wait "Có mặt 0/11 — chưa đủ số lượng (cần 8 = 2/3)"
contains "$(tm_screen)" "Đạt khi số phiếu tán thành trên 1/2 tổng số thành viên Hội đồng" "rule"

# The agenda: every registered nominee, one row each.
tm_keys a
tm_wait "Tất cả 3 hồ sơ đang chờ"
tm_keys Enter
tm_wait "Đã đưa 3 hồ sơ vào chương trình bình xét."
screen=$(tm_screen)
contains "$screen" "1 Đỗ Hữu Minh" "agenda"
contains "$screen" "2 Nguyễn Thị Thanh" "agenda"
contains "$screen" "3 Phòng Tiếp công" "agenda"
# Every row names its department (the config's short name), and the
# title line counts the agenda's progress.
contains "$(row "1 Đỗ Hữu Minh")" "Nghiệp vụ 1" "department on the row"
contains "$(row "3 Phòng Tiếp công")" "Tiếp công" "department on the row"
contains "$screen" "0/3 đã chốt, 0 đạt" "progress"
# The nominee who sits on the council does not vote on himself (recuse: self).
contains "$screen" "Không tham gia biểu quyết: Đỗ Hữu Minh" "recusal"

# Attendance: nobody is shown absent before being called.
tm_keys p
tm_wait "Điểm danh"
tm_wait "Chưa điểm danh"
[ "$(tm_screen | grep -c "Chưa điểm danh")" = 11 ] || fail "attendance before anyone is called:
$(tm_screen)"
# Seven present is one short of 2/3 of 11; the eighth makes it.
tm_keys c c c c c c c
tm_wait "Có mặt 7/11 — chưa đủ số lượng (cần 8 = 2/3)"
tm_keys c
tm_wait "Có mặt 8/11 — đủ số lượng (cần 8 = 2/3)"
# Hoàng Văn Nam is away and sent his opinion in writing; the rest are away.
tm_keys y v v
tm_wait "1 vắng có ý kiến bằng văn bản"
[ "$(row "Hoàng Văn Nam" | grep -c "Vắng, có ý kiến bằng văn bản")" = 1 ] || fail "written opinion:
$(tm_screen)"
[ "$(row "Mai Văn Quang" | grep -c "Vắng")" = 1 ] || fail "absent:
$(tm_screen)"
tm_keys q
tm_wait "Hồ sơ được xét"
