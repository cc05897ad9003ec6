# An open vote (config `vote.method: open`): the secretary records each
# member's vote with a/d/b in the item's member list, the result and its
# reason follow at every key, an absent member's written opinion counts,
# an absent member without one cannot vote, a recusal by hand takes the
# member out of the base, and closing locks the item.
. "$(dirname "$0")/../lib.sh"

sed 's/^\(    method: \)secret /\1open   /' "$CONFIG" >"$T/open.yaml"
grep -q "method: open" "$T/open.yaml" || fail "could not make the open-vote config"
export DIENHINH_CONFIG=$T/open.yaml

cat >"$T/nominees.csv" <<'EOF'
kind,name,department,title,stage
individual,Nguyễn Thị Thanh Hòa,nv1,Tiếp công dân thân thiện,nominated
EOF
expect_exit 0 "$DH" -d "$T/db" --as tdkt import "$T/nominees.csv"

row() { tm_screen | grep -F "$1" | head -n 1; }

tm_start "$DH_APP -d '$T/db' --as tdkt"
tm_wait "Tổng quan"
tm_keys 3
tm_wait "h Hội đồng"
tm_keys h
tm_wait "Chưa có phiên họp Hội đồng nào"
tm_keys a
tm_wait "Hình thức: Biểu quyết công khai (theo cấu hình)"
tm_keys C-s
tm_wait "Đang họp"
tm_keys Enter
tm_wait "Biểu quyết công khai"
tm_keys a
tm_wait "Nguyễn Thị Thanh Hòa — Phòng Nghiệp vụ 1 (Cá nhân)"
tm_keys Enter
tm_wait "Đã đưa 1 hồ sơ vào chương trình bình xét."

# Eight present, Hoàng Văn Nam away with a written opinion, two away.
tm_keys p
tm_wait "Điểm danh"
tm_keys c c c c c c c c y v v
tm_wait "Có mặt 8/11 — đủ số lượng (cần 8 = 2/3) · 1 vắng có ý kiến bằng văn bản"
tm_keys q
tm_wait "Enter Biểu quyết"
lacks "$(tm_screen)" "Số phiếu" "open-vote key line"
tm_keys Enter
tm_wait "Tán thành (a) 0 · Không tán thành (d) 0 · Không biểu quyết (b) 0 · chưa ghi 9"

# Live: each key writes one vote and the reason follows.
tm_keys a a a a a
tm_wait "5/11 = 45,5% ≤ 1/2 — không đạt · còn 4 phiếu chưa ghi"
tm_keys d d b
tm_wait "Tán thành (a) 5 · Không tán thành (d) 2 · Không biểu quyết (b) 1 · chưa ghi 1"
# The written opinion of the absent member counts (vote.written_votes).
tm_keys a
tm_wait "6/11 = 54,5% > 1/2 — đạt"
[ "$(row "Hoàng Văn Nam" | grep -c "Vắng, có văn bản Tán thành")" = 1 ] || fail "written vote:
$(tm_screen)"
# An absent member without a written opinion has no vote.
tm_keys a
tm_wait "Lý Văn Hải vắng mặt và không có ý kiến bằng văn bản."
[ "$(row "Lý Văn Hải" | grep -c "Tán thành")" = 0 ] || fail "absent member voted:
$(tm_screen)"

# A recusal by hand: the chair steps out, his vote goes and the base is 10.
tm_keys Home r
tm_wait "Phạm Văn Thuần không tham gia biểu quyết hồ sơ này."
tm_wait "5/10 = 50,0% ≤ 1/2 — không đạt"
[ "$(row "Phạm Văn Thuần" | grep -c "Không tham gia")" = 1 ] || fail "recusal:
$(tm_screen)"
tm_keys a
tm_wait "Chưa ghi phiếu: Phạm Văn Thuần không tham gia biểu quyết hồ sơ này."
contains "$(tm_screen)" "5/10 = 50,0% ≤ 1/2 — không đạt" "after a refused vote"
tm_keys r
tm_wait "Phạm Văn Thuần tham gia lại biểu quyết hồ sơ này."
tm_keys a
tm_wait "6/11 = 54,5% > 1/2 — đạt"

# Closing locks it; the session list shows the result too.
tm_keys c
tm_wait "Chốt kết quả «Nguyễn Thị Thanh Hòa» (9/9 đã biểu quyết)?"
tm_keys c
tm_wait "Đã chốt: 6/11 = 54,5% > 1/2 — đạt · Nguyễn Thị Thanh Hòa"
tm_keys Home d
tm_wait "«Nguyễn Thị Thanh Hòa» đã chốt: muốn sửa, Chủ tịch Hội đồng mở lại (m)."
[ "$(row "Phạm Văn Thuần" | grep -c "Tán thành")" = 1 ] || fail "closed item changed:
$(tm_screen)"
tm_keys q
tm_wait "Hồ sơ được xét"
line=$(srow "Nguyễn Thị Thanh")
case $line in *"6 2 1 Đạt (chốt)"*) ;; *) fail "session row: '$line'" ;; esac
