# Below 80x24 the app says so instead of drawing a garbled screen; growing
# the terminal again brings the screen back, whatever was open.
. "$(dirname "$0")/../lib.sh"

expect_exit 0 "$DH" -d "$T/db" --as tdkt demo --records 30
tm_start "$DH_APP -d '$T/db' --as tdkt"
tm_wait "Tổng quan"
tm_keys 2
tm_wait "xếp theo mới nhất"
tm_keys a
tm_wait "Thêm nhân tố mới"
tm_keys -l "Lê Thị Hồng"
tm_wait "Lê Thị Hồng"

tm resize-window -t main -x 60 -y 20
tm_wait "Cửa sổ quá nhỏ: 60×20"
contains "$(tm_screen)" "80×24" "too-small message"
tm resize-window -t main -x 100 -y 30
tm_wait "Lê Thị Hồng"
tm_wait "Thêm nhân tố mới"
tm resize-window -t main -x 80 -y 24
tm_wait "Lê Thị Hồng"
tm_keys F2
tm_wait "Đã lưu."
