# A candidate already recognised in an earlier year for the same
# achievement is flagged as a possible duplicate: in the registration form,
# in the list of registrations, and on the registration's page with the
# earlier decision.
. "$(dirname "$0")/../lib.sh"

cat >"$T/list.csv" <<'EOF'
name,kind,department,year,title,stage,recognised_decision,recognised_date
Trần Văn Bình,individual,nv1,2020,Sáng kiến rút ngắn thời gian xác minh,recognised,12/QĐ-TTr,30/11/2020
EOF
expect_exit 0 "$DH" -d "$T/db" --as tdkt import "$T/list.csv"

tm_start "$DH_APP -d '$T/db' --as minhdh"
tm_wait "Tổng quan"
# The same person and achievement again this year, typed on screen 2.
tm_keys 2
tm_wait "xếp theo mới nhất"
tm_keys a
tm_wait "Thêm nhân tố mới"
tm_keys -l "Trần văn Bình"
tm_keys Tab Tab Tab Tab Tab
tm_keys -l "Sáng kiến rút ngắn  thời gian xác minh"
tm_keys F2
tm_wait "Đã lưu."

tm_keys 3
tm_wait "h Hội đồng"
tm_keys a
tm_wait "Đăng ký đề nghị công nhận"
tm_keys Enter
tm_wait "Trần văn Bình — Nghiệp vụ 1 (Nhân tố mới)"
tm_keys Enter
tm_wait "⚠ có thể trùng hồ sơ đã công nhận"
tm_keys Tab Tab
tm_keys -l "Rút ngắn thời gian xác minh đơn"
tm_keys F2
tm_wait "Đã lưu."
tm_wait "Trần văn Bình"
tm_wait "trùng?"
tm_keys Enter
tm_wait "Có thể trùng  #1 Trần Văn Bình — năm 2020, Đã công nhận theo QĐ"
tm_wait "12/QĐ-TTr"
