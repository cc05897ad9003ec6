# Vietnamese typed precomposed and decomposed (as an NFD input method
# sends it) lands in the database as NFC; Backspace removes a whole letter;
# F2 saves with only a name; a wrong date is shown beside its field with
# the typed text kept. A name longer than its field reads from its start
# once left; a sub-view says q goes back; a long delete question keeps its
# answer keys in sight and n answers no.
. "$(dirname "$0")/../lib.sh"

expect_exit 0 "$DH" -d "$T/db" --as tdkt demo --records 5
tm_start "$DH_APP -d '$T/db' --as tdkt"
tm_wait "Tổng quan"
tm_keys 2
tm_wait "xếp theo mới nhất"

# Decomposed: e + circumflex + tilde, i + dot below, u + hook above.
nfd=$(printf 'Nguye\xcc\x82\xcc\x83n Thi\xcc\xa3 Thu\xcc\x89y')
tm_keys a
tm_wait "Thêm nhân tố mới"
# The form's help wraps a long line instead of cutting it.
tm_keys F1
tm_wait "cuối dòng, ^W xóa một từ"
tm_keys Escape
tm_wait_gone "Việc làm được ở đây"
# A long criterion reads whole while it is the one chosen.
tm_keys Tab Tab Tab Tab Tab Tab Down
tm_wait "luật của Nhà nước"
tm_keys BTab BTab BTab BTab BTab BTab
tm_wait_gone "luật của Nhà nước"
tm_keys -l "$nfd"
tm_wait "Nguyễn Thị Thủy"
# Backspace twice: "y" then the whole "ủ", mark and all.
tm_keys BSpace BSpace
tm_wait_gone "Thủ"
contains "$(tm_screen)" "Nguyễn Thị Th" "after two Backspaces"
tm_keys -l "ủy"
tm_wait "Nguyễn Thị Thủy"
tm_keys F2
tm_wait "Đã lưu."

# Precomposed, with a wrong date in the fostering form first.
tm_keys a
tm_wait "Thêm nhân tố mới"
tm_keys -l "Trần Văn Đức"
tm_keys C-s
tm_wait "Đã lưu."
tm_keys Home b
tm_wait "Bồi dưỡng: Trần Văn Đức"
tm_keys a
tm_wait "Ghi nhận bồi dưỡng"
tm_keys BTab BTab C-u
tm_keys -l "31/02/2021"
tm_keys F2
tm_wait "Ngày không có thật"
contains "$(tm_screen)" "31/02/2021" "the typed date kept"
tm_keys C-u
tm_keys -l "01/06/2021"
tm_keys Tab Tab
tm_keys -l "Hướng dẫn viết sáng kiến"
tm_keys F2
tm_wait "Đã lưu."
tm_wait "01/06/2021"
contains "$(tm_screen)" "q Quay lại" "key line of the fostering log"
tm_keys q
tm_wait "xếp theo mới nhất"

long="Mô hình tiếp công dân trực tuyến kết hợp trực tiếp tại trụ sở Thanh tra tỉnh và các huyện"
tm_keys a
tm_wait "Thêm nhân tố mới"
tm_keys -l "$long"
tm_keys Tab
tm_wait "Họ tên / tên * Mô hình tiếp công dân"
contains "$(tm_screen)" "…" "a cut name"
tm_keys F2
tm_wait "Đã lưu."
tm_keys Home x
tm_wait "(c: có, k: không)"
tm_keys n
tm_wait_gone "(c: có, k: không)"
lacks "$(tm_screen)" "(đã xóa)" "the list after answering no"

expect_exit 0 "$DH" -d "$T/db" --as tdkt export --format jsonl
contains "$OUT" "Nguyễn Thị Thủy" "export"
contains "$OUT" "Trần Văn Đức" "export"
contains "$OUT" "Hướng dẫn viết sáng kiến" "export"
lacks "$OUT" "$(printf 'e\xcc\x82')" "export (NFD)"

# A fostering entry typed by mistake is deleted after a question, and
# stays in the log marked (đã xóa), out of the count.
tm_keys Home j b
tm_wait "Bồi dưỡng: Trần Văn Đức · 1 lần"
tm_keys x
tm_wait "Xóa ghi nhận bồi dưỡng ngày 01/06/2021?"
tm_keys c
tm_wait "(đã xóa) Hướng dẫn"
contains "$(tm_screen)" "Bồi dưỡng: Trần Văn Đức · 0 lần" "the log's count"
