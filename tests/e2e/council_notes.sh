# The council's notes for the minutes (issue 16, part 7): the rule line
# says the base when a member does not vote on the nominee, a recusal
# takes a reason, a written opinion its text, and both are in the
# minutes. At 80×24 (the shared session), then 100×30.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../council_session.sh"

# At 80 columns the key line does not hold every key: none is dropped in
# silence, the marker says ? lists them, and the recusal key is there.
last=$(tm_screen | tail -n 1)
case $last in *"v Thành viên "*"… ? Mọi phím") ;; *) fail "key line: '$last'" ;; esac
# Column titles in words a clerk reads, over two rows.
contains "$(tm_screen)" "tán thành biểu quyết Kết quả" "the count columns"
lacks "$(tm_screen)" "Không TT" "the count columns"
tm_keys '?'
tm_wait "Việc làm được ở đây"
contains "$(tm_screen)" "Đưa hồ sơ đã đăng ký vào chương trình bình xét" "help lists the keys left off"
tm_keys q
tm_wait "Hồ sơ được xét"

# Đỗ Hữu Minh does not vote on himself: 10 of the 11 members count.
tm_keys Home
tm_wait "trên 1/2 của 10 thành viên được biểu quyết (11 − 1)"
tm_keys Down
tm_wait "Đạt khi số phiếu tán thành trên 1/2 tổng số thành viên Hội đồng"
tm resize-window -t main -x 100 -y 30
tm_wait "0/3 đã chốt, 0 đạt"

# Hoàng Văn Nam's written opinion: n on his row takes its text.
tm_keys p
tm_wait "Điểm danh"
tm_keys Home Down Down Down Down Down Down Down Down
tm_wait "Hoàng Văn Nam — Ý kiến bằng văn bản: chưa ghi nội dung (n để ghi)"
tm_keys n
tm_wait "Nội dung ý kiến bằng văn bản của Hoàng Văn Nam"
tm_keys -l "Nhất trí đề nghị cả ba hồ sơ"
tm_keys C-s
tm_wait "Hoàng Văn Nam — Ý kiến bằng văn bản: Nhất trí đề nghị cả ba hồ sơ"
tm_keys q
tm_wait "Hồ sơ được xét"

# Bùi Văn Tâm steps out of the second nominee, with a reason.
tm_keys Home Down v
tm_wait "Nguyễn Thị Thanh Hòa · Phòng Nghiệp vụ 1"
tm_keys Home Down Down Down Down Down Down
tm_keys r
tm_wait "Bùi Văn Tâm không tham gia biểu quyết hồ sơ này. l: ghi lý do vào biên bản."
tm_wait "Bùi Văn Tâm — Lý do không tham gia: theo quy chế (l để ghi lý do khác)"
tm_keys l
tm_wait "Vì sao Bùi Văn Tâm không tham gia biểu quyết"
tm_keys -l "Là người hướng dẫn mô hình"
tm_keys C-s
tm_wait "Bùi Văn Tâm — Lý do không tham gia: Là người hướng dẫn mô hình"
tm_keys q
tm_wait "trên 1/2 của 10 thành viên được biểu quyết (11 − 1)"

expect_exit 0 "$DH" -d "$T/db" --as tdkt report minutes
contains "$OUT" "Ý kiến bằng văn bản của Hoàng Văn Nam: Nhất trí đề nghị cả ba hồ sơ" "minutes"
contains "$OUT" "Bùi Văn Tâm (Là người hướng dẫn mô hình)" "minutes"
echo ok
