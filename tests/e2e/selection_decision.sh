# Screen 3, the Chief Inspector's recognition decision: the Office may not
# make one (and is told who may); the chief (thuanpv) puts one approved
# candidate on hold, is refused when ticking it in a decision, recognises
# the other two, then revokes the decision with a reason: the candidates
# go back to "approved", the decision stays listed as revoked.
. "$(dirname "$0")/../lib.sh"

cat >"$T/list.csv" <<'EOF'
name,kind,department,year,title,stage
Nguyễn Thị Hoa,individual,nv1,2021,Hoàn thành xuất sắc nhiệm vụ,approved
Tổ tiếp công dân thường xuyên,collective,tcd,2021,Tiếp công dân đúng quy trình,approved
Mô hình đối thoại tại nơi cư trú,model,tcd,2021,Giảm đơn vượt cấp,approved
EOF
expect_exit 0 "$DH" -d "$T/db" --as tdkt import "$T/list.csv"

starts=0
start_as() { # login
	tm kill-server 2>/dev/null || true
	starts=$((starts + 1))
	TMUX_SOCK="dh-test-$$-$starts"
	tm_start "$DH_APP -d '$T/db' --as $1"
	tm_wait "Tổng quan"
	tm_keys 3
	tm_wait "Đăng ký"
	tm_keys d
	tm_wait "Chờ quyết định công nhận: 3 hồ sơ được Hội đồng đề nghị"
}

# The Office sees what waits, but deciding is the chief's.
start_as tdkt
lacks "$(tm_screen | tail -1)" "Ra quyết định" "the Office's key line"
tm_keys a
tm_wait "Chỉ Chánh Thanh tra được quyết định công nhận."

start_as thuanpv
tm_wait "a Ra quyết định"
# A complaint arrives: the model is put on hold.
tm_keys p
tm_wait "Tạm dừng xét / cho xét tiếp"
tm_keys Down Down Enter
tm_wait "Tạm dừng xét hồ sơ"
tm_wait "Mô hình đối thoại tại nơi cư trú · Được Hội đồng"
tm_keys -l "Đang giải quyết đơn khiếu nại"
# The kind of hold is chosen from config's `holds:`; without it, no save.
tm_keys F2
tm_wait "Chọn loại tạm dừng (Enter)"
tm_keys Enter # the cursor is on the field that says so
tm_wait "Đang xác minh khiếu nại, tố cáo"
tm_keys Down Down Enter
tm_wait "Loại tạm dừng Đang xác minh khiếu nại, tố cáo"
tm_wait "Thông tư 08/2017/TT-BNV; Nghị định 152/2025/NĐ-CP"
tm_keys F2
tm_wait "(1 đang tạm dừng xét)"
expect_exit 0 "$DH" -d "$T/db" --as tdkt export --format jsonl
contains "$OUT" '"hold_kind":"don_thu"'

tm_keys a
tm_wait "Quyết định công nhận"
tm_wait "Người ký * Phạm Văn Thuần — Chánh Thanh tra"
tm_wait "⚠ tạm dừng xét: Mô hình đối thoại tại nơi cư trú"
tm_wait "Đã chọn 0/3 hồ sơ (Space) · 1 đang tạm dừng xét"
tm_keys -l "15/QĐ-TTr"
tm_keys Tab Tab Tab
tm_keys Space Down Space Down Space
tm_wait "Đã chọn 3/3 hồ sơ"
tm_keys F2
tm_wait "Chưa lưu: «Mô hình đối thoại tại nơi cư trú» đang bị tạm dừng xét."
tm_wait "⚠ Bỏ chọn — tạm dừng: Đang giải quyết đơn khiếu nại"
expect_exit 0 "$DH" -d "$T/db" --as tdkt export --format jsonl
lacks "$OUT" '"stage":5' "the export after the refusal"

# Untick the held one (the cursor is still on it) and decide.
tm_keys Space
tm_wait "Đã chọn 2/3 hồ sơ"
tm_keys F2
tm_wait "Đã lưu."
tm_wait "15/QĐ-TTr        15/06/2021 Phạm Văn Thuần              2 Có hiệu lực"
tm_wait "Chờ quyết định công nhận: 1 hồ sơ được Hội đồng đề nghị (1 đang tạm dừng xét)."
expect_exit 0 "$DH" -d "$T/db" --as tdkt export --format jsonl
contains "$OUT" '"name":"Nguyễn Thị Hoa"'
[ "$(grep -c '"stage":5,"on_hold":false,"hold_reason":null,"recognised_decision":"15/QĐ-TTr","recognised_date":"2021-06-15"' "$T/out")" = 2 ] ||
	fail "two candidates recognised by 15/QĐ-TTr:
$OUT"
tm_keys Enter
tm_wait "Quyết định công nhận 15/QĐ-TTr"
tm_wait "1. Nguyễn Thị Hoa — Nghiệp vụ 1 — Đã công nhận"
tm_keys Escape

# The number is used: a second decision with it is refused beside it.
tm_keys p
tm_wait "Tạm dừng xét / cho xét tiếp"
tm_keys Enter
tm_wait "Tiếp tục xét hồ sơ"
# Lifting a hold needs its reason: what the check found.
tm_keys F2
tm_wait "Chưa lưu: có ô chưa đúng"
tm_keys -l "Đã giải quyết xong đơn, không có vi phạm"
tm_keys F2
tm_wait "Chờ quyết định công nhận: 1 hồ sơ được Hội đồng đề nghị."
tm_keys a
tm_wait "Quyết định công nhận"
tm_keys -l "15/qđ-ttr"
tm_keys Tab Tab Tab Space F2
tm_wait "Số quyết định «15/qđ-ttr» đã dùng"
tm_keys Escape
tm_wait "Bỏ các thay đổi chưa lưu?"
tm_keys c

# Revoked with its reason: both go back, the decision stays, revoked.
tm_keys Home
tm_wait "x Thu hồi"
tm_keys x
tm_wait "Thu hồi quyết định công nhận"
tm_wait "Quyết định 15/QĐ-TTr ngày 15/06/2021 · 2 hồ sơ"
tm_keys F2
tm_wait "Không được để trống"
tm_keys -l "Phát hiện sai sót trong hồ sơ thành tích"
tm_keys F2
tm_wait "Đã lưu."
tm_wait "Thu hồi 15/06/2021"
tm_wait "Năm 2021: 1 quyết định công nhận, 1 đã thu hồi."
tm_wait "Chờ quyết định công nhận: 3 hồ sơ"
lacks "$(tm_screen | tail -1)" "Thu hồi" "the key line on a revoked decision"
tm_keys x
tm_wait "Quyết định 15/QĐ-TTr đã bị thu hồi."
tm_keys Enter
tm_wait "Lý do thu hồi  Phát hiện sai sót trong hồ sơ thành tích"
expect_exit 0 "$DH" -d "$T/db" --as tdkt export --format jsonl
lacks "$OUT" '"stage":5' "the export after the revocation"
contains "$OUT" '"revoked":true,"revoke_reason":"Phát hiện sai sót trong hồ sơ thành tích"'
