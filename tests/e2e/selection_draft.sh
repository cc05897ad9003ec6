# Screen 3's forms keep what was typed when the connection drops: a
# registration half written comes back at the next start and saves.
. "$(dirname "$0")/../lib.sh"

cat >"$T/list.csv" <<'EOF'
name,kind,department,stage
Trần Văn Bình,individual,nv1,fostering
EOF
expect_exit 0 "$DH" -d "$T/db" --as tdkt import "$T/list.csv"


start_app minhdh
tm_wait "Tổng quan"
tm_keys 3
tm_wait "Chưa có hồ sơ đăng ký nào"
tm_keys a
tm_wait "Đăng ký đề nghị công nhận"
tm_keys Enter
tm_wait "Trần Văn Bình — Nghiệp vụ 1"
tm_keys Enter Tab Tab
tm_keys -l "Tổ chức đối thoại tại nơi cư trú"
tm_wait "Tổ chức đối thoại tại nơi cư trú"
kill -HUP "$(cat "$T/pid")"
wait_done

start_app minhdh
tm_wait "Khôi phục bản nháp?"
tm_keys c
tm_wait "Đã khôi phục bản nháp"
tm_wait "Nhân tố * Trần Văn Bình — Nghiệp vụ 1"
tm_wait "Tổ chức đối thoại tại nơi cư trú"
tm_keys F2
tm_wait "Đã lưu."
expect_exit 0 "$DH" -d "$T/db" --as tdkt export --format jsonl
contains "$OUT" '"registered_by":"minhdh","date":"2021-06-15","description":"Tổ chức đối thoại tại nơi cư trú"'
