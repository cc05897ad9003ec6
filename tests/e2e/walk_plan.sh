# The whole 2021 plan, walked by keystrokes only, from an empty database,
# by the people who do it: the head of the citizens' reception department
# (namhv) finds and fosters new factors and registers them before the
# deadline; the Office clerk and council secretary (tdkt) checks them,
# runs the council session (11 members, one away with a written opinion, a
# recusal, secret ballots that fail by one vote and pass exactly at the
# threshold) and writes the proposal; the Chief Inspector (thuanpv) makes
# the recognition decision and the Giấy khen; the department and the Office
# share the experience (an agency meeting, a post on the website). The day
# changes between phases as the plan's deadlines require. Then the command
# line, the lookup, the audit log and the documents must tell the same
# story, and every screen must fit 80x24.
. "$(dirname "$0")/../lib.sh"

# --- helpers ------------------------------------------------------------------

starts=0
start_as() { # login day(YYYY-MM-DD): a fresh app (and tmux server) for each person
	tm kill-server 2>/dev/null || true
	starts=$((starts + 1))
	TMUX_SOCK="dh-test-$$-$starts"
	who=$(grep -F "login: $1," "$CONFIG" | grep -F 'name:' | sed 's/.*name: "\([^"]*\)".*/\1/')
	tm_start "DIENHINH_TODAY=$2 $DH_APP -d '$T/db' --as $1"
	tm_wait "Tổng quan"
	tm_wait "hôm nay ${2:8:2}/${2:5:2}/${2:0:4}"
}

# The screen fits 80x24: 24 lines, none wider than 80 columns, the header
# (the year and who is at the keyboard, then the eight screens) on top and
# the key line at the bottom, none of them overwritten by what the body drew.
fits() { # what
	local s first second last
	s=$(tm_screen)
	# WALK_DUMP=FILE keeps every screen checked, to read the walk afterwards.
	[ -z "${WALK_DUMP:-}" ] || printf '=== %s\n%s\n' "$1" "$s" >>"$WALK_DUMP"
	[ "$(printf '%s\n' "$s" | wc -l)" -eq 24 ] || fail "$1: not 24 lines:
$s"
	[ "$(printf '%s\n' "$s" | wc -L)" -le 80 ] || fail "$1: a line wider than 80 columns:
$s"
	first=$(printf '%s\n' "$s" | sed -n 1p)
	second=$(printf '%s\n' "$s" | sed -n 2p)
	last=$(printf '%s\n' "$s" | sed -n 24p)
	case $first in *2021*"$who"*) ;; *) fail "$1: header overwritten:
$s" ;; esac
	case $second in "1Tổng quan 2"*" 3"*" 4"*" 5"*" 6"*" 7"*" 8"* | " 1 "*" 2 "*" 3 "*" 4 "*" 5 "*" 6 "*" 7 "*" 8"*) ;; *) fail "$1: screen tabs overwritten:
$s" ;; esac
	case $last in "?/F1 Trợ giúp"* | "F1 Trợ giúp"* | *"… ? Mọi phím" | *"… F1 Mọi phím") ;; *) fail "$1: key line overwritten:
$s" ;; esac
}

row() { tm_screen | grep -F "$1" | head -n 1; }

# --- 15/06/2021: the department head finds new factors (screen 2) ---------------

start_as namhv 2021-06-15
# The deadlines from config; a label too long for the line ends with "…".
tm_wait "15/10/2021  còn 122 ngày      Hạn đăng ký mô hình, điển hình tiên tiến"
tm_wait "28/12/2021  còn 196 ngày      Tổng kết công tác xây dựng, nhân rộng điển"
tm_wait "                                 hình năm 2021"
fits "screen 1 of a department head"
tm_keys 2
tm_wait "Chưa có nhân tố mới nào. Bấm a để thêm."
fits "screen 2, empty"

# An individual, her name typed decomposed (NFD) as some input methods send
# it: Đ, a + dot below + breve, i + dot below, e + circumflex + acute.
yen_nfd=$(printf '\xc4\x90a\xcc\xa3\xcc\x86ng Thi\xcc\xa3 Ye\xcc\x82\xcc\x81n')
tm_keys a
tm_wait "Thêm nhân tố mới"
tm_wait "Đơn vị * Phòng Tiếp công dân - Xử lý đơn"
tm_keys -l "$yen_nfd"
tm_wait "Họ tên / tên * Đặng Thị Yến"
tm_keys Tab Tab Tab Tab
tm_keys -l "Thanh tra viên"
tm_keys Tab
tm_keys -l "Tiếp công dân tận tình, chu đáo"
tm_keys Tab Space Down Space Down Space Down Space
tm_wait "Đạt 4/6 tiêu chí — đủ mức nhân tố mới (từ 3)"
tm_keys Tab
tm_keys -l "Hướng dẫn công dân viết đơn, giải thích pháp luật ngay tại chỗ."
fits "the new factor form"
tm_keys F2
tm_wait "Đã lưu."
tm_wait "Cá nhân Đặng Thị Yến"

# A collective (Loại: the next choice).
tm_keys a
tm_wait "Thêm nhân tố mới"
tm_keys -l "Tổ Tiếp công dân thường xuyên"
tm_keys Tab Right
tm_wait "Loại * Tập thể"
tm_wait "Đạt 0/5 tiêu chí — cần ít nhất 3"
tm_keys Tab Tab Tab Tab
tm_keys -l "Tiếp công dân đúng quy trình, không để đơn tồn đọng"
tm_keys Tab Space Down Space Down Space
tm_wait "Đạt 3/5 tiêu chí — đủ mức nhân tố mới (từ 3)"
tm_keys Tab
tm_keys -l "Giải quyết 100% đơn đúng hạn trong năm."
tm_keys F2
tm_wait "Tập thể Tổ Tiếp công dân thường"

# A model, with material support in its fostering log.
tm_keys a
tm_wait "Thêm nhân tố mới"
tm_keys -l "Mô hình đối thoại tại nơi cư trú"
tm_keys Tab Right Right
tm_wait "Loại * Mô hình"
tm_keys Tab Tab Tab Tab
tm_keys -l "Đối thoại với công dân ngay tại khu dân cư"
tm_keys Tab Space Down Space Down Space Down Space Down Space
tm_wait "Đạt 5/5 tiêu chí"
tm_keys Tab
tm_keys -l "Tổ chức đối thoại tại nơi cư trú, giảm 40% đơn vượt cấp."
tm_keys F2
tm_wait "Mô hình Mô hình đối thoại tại n"
tm_keys Home b
tm_wait "Bồi dưỡng: Mô hình đối thoại tại nơi cư trú · 0 lần"
fits "the fostering log"
tm_keys a
tm_wait "Ghi nhận bồi dưỡng"
tm_keys BTab Right Right
tm_wait "Hình thức * Hỗ trợ vật chất"
tm_keys Tab
tm_keys -l "Hỗ trợ kinh phí in tài liệu đối thoại"
tm_keys Tab
tm_keys -l "1.500.000"
fits "the fostering form"
tm_keys F2
tm_wait "1 lần · hỗ trợ vật chất 1.500.000 đồng"
tm_wait "15/06/2021 Hỗ trợ vật chất"
fits "the fostering log with an entry"
tm_keys q
tm_wait "Đang bồi dưỡng"

# A fourth, who will not get through the council.
tm_keys a
tm_wait "Thêm nhân tố mới"
tm_keys -l "Lê Văn Thành"
tm_keys Tab Tab Tab Tab
tm_keys -l "Chuyên viên"
tm_keys Tab
tm_keys -l "Số hóa hồ sơ tiếp công dân"
tm_keys Tab Space Down Space Down Space
tm_wait "Đạt 3/6 tiêu chí"
tm_keys Tab
tm_keys -l "Số hóa toàn bộ hồ sơ tiếp công dân năm 2021."
tm_keys F2
tm_wait "Cá nhân Lê Văn Thành"
fits "screen 2 with four new factors"

# --- 12/10/2021: the department registers them, three days before the deadline ---

start_as namhv 2021-10-12
tm_wait "1 hồ sơ của phòng đang bồi dưỡng có thể đăng ký (hạn 15/10/2021)"
tm_keys 3
tm_wait "Hạn đăng ký 15/10/2021: còn 3 ngày"
fits "screen 3 of a department head"
for n in 1 2 3 4; do
	tm_keys a
	tm_wait "Đăng ký đề nghị công nhận"
	tm_keys Enter
	tm_wait "Nhân tố──"
	[ "$n" = 1 ] && fits "the candidate picker"
	tm_keys Enter
	tm_wait "Để trống: dùng bản mô tả trong hồ sơ nhân tố"
	[ "$n" = 1 ] && fits "the registration form"
	tm_keys F2
	tm_wait "$n hồ sơ chờ kiểm tra"
done
for name in "Đặng Thị Yến" "Tổ Tiếp công dân thư" "Mô hình đối thoại tại" "Lê Văn Thành"; do
	contains "$(row "$name")" "Đã nộp" "the registration of $name"
done
# Checking them is the Office's.
lacks "$(tm_screen | tail -1)" "Đủ hồ sơ" "a department head's key line"

# --- 14/10/2021: the Office checks them complete ---------------------------------

start_as tdkt 2021-10-14
tm_wait "4 hồ sơ đăng ký chờ Văn phòng kiểm tra"
fits "screen 1 of the Office"
tm_keys 3
tm_wait "còn 1 ngày · 4 hồ sơ chờ kiểm tra"
tm_wait "c Đủ hồ sơ"
for name in "Lê Văn Thành" "Mô hình đối thoại tại nơi cư trú" "Tổ Tiếp công dân thường xuyên" "Đặng Thị Yến"; do
	tm_keys c
	tm_wait "Xác nhận hồ sơ đăng ký của «$name» đã đầy đủ?"
	tm_keys c
	tm_wait "Đã kiểm tra: hồ sơ của «$name» đầy đủ."
	tm_keys Down
done
tm_wait_gone "chờ kiểm tra"
[ "$(tm_screen | grep -c "Đã tiếp nhận")" = 4 ] || fail "four registrations accepted:
$(tm_screen)"

# --- 05/11/2021: the council session, typed by the secretary ----------------------

start_as tdkt 2021-11-05
tm_wait "4 hồ sơ đã đăng ký chờ Hội đồng bình xét"
tm_keys 3
tm_wait "h Hội đồng"
tm_keys h
tm_wait "Chưa có phiên họp Hội đồng nào"
fits "the council sessions"
tm_keys a
tm_wait "Lập phiên họp Hội đồng"
tm_wait "Ngày họp * 05/11/2021"
tm_keys Tab
tm_keys -l "Phiên bình xét điển hình tiên tiến năm 2021"
fits "the session form"
tm_keys F2
tm_wait "Đang họp"
tm_keys Enter
tm_wait "Có mặt 0/11 — chưa đủ số lượng (cần 8 = 2/3)"
tm_keys a
tm_wait "Tất cả 4 hồ sơ đang chờ"
fits "the agenda picker"
tm_keys Enter
tm_wait "Đã đưa 4 hồ sơ vào chương trình bình xét."
fits "the session"

# Attendance: ten present; Mai Văn Quang is away and sent his opinion in writing.
tm_keys p
tm_wait "c: có mặt · v: vắng · y: vắng, có ý kiến bằng văn bản"
tm_keys c c c c c c c
tm_wait "Có mặt 7/11 — chưa đủ số lượng (cần 8 = 2/3)"
tm_keys c c c y
tm_wait "Có mặt 10/11 — đủ số lượng (cần 8 = 2/3) · 1 vắng có ý kiến bằng văn bản"
contains "$(row "Mai Văn Quang")" "Vắng, có ý kiến bằng văn bản" "attendance"
fits "attendance"
tm_keys q
tm_wait "Hồ sơ được xét"

# Hoàng Văn Nam, whose department the collective is, does not vote on it.
tm_keys Down
tm_wait "Tổ Tiếp công dân thường xuyên · Phòng Tiếp công dân - Xử lý đơn · Tập thể"
tm_keys v
tm_wait "Bỏ phiếu kín · 11 người được biểu quyết · 0 không tham gia"
tm_keys Down Down Down Down Down Down Down Down
tm_keys r
tm_wait "Hoàng Văn Nam không tham gia biểu quyết hồ sơ này."
tm_wait "Bỏ phiếu kín · 10 người được biểu quyết · 1 không tham gia"
contains "$(row "Hoàng Văn Nam")" "Không tham gia" "the nominee's members"
fits "a nominee's members"
tm_keys q
tm_wait "Không tham gia biểu quyết: Hoàng Văn Nam"
tm_wait "đã nhập 0/10 phiếu"

# The ballots. 11 voters (10 present and the written opinion); "more than
# 1/2 of all members": 6 of 11 passes, exactly at the threshold.
tm_keys Home
tm_wait "Mọi thành viên đều được biểu quyết hồ sơ này."
tm_keys 6 Tab 5 Tab 0 Enter
tm_wait "đã nhập 11/11 phiếu; kết quả công bố khi chốt"
# The running tally stays hidden until the item is closed.
case $(srow "Đặng Thị Yến") in "▶"*"[6] 5 0 Đã nhập 11/11"*) ;; *) fail "typed row (the secretary sees her own counts):
$(tm_screen)" ;; esac
lacks "$(tm_screen)" "6/11" "the screen before closing"
tm_keys c
tm_wait "Chốt, công bố kết quả «Đặng Thị Yến» (11/11 phiếu)?"
tm_keys c
tm_wait "Đã chốt: 6/11 = 54,5% > 1/2 — đạt · Đặng Thị Yến"
contains "$(srow "Đặng Thị Yến")" "6 5 0 Đạt (chốt)" "the closed row"

# The collective, with its recusal: 10 may vote, 6 of 10 passes (5 would not).
tm_wait "đã nhập 0/10 phiếu"
tm_keys 6 Tab 4 Tab 0 Enter
tm_wait "đã nhập 10/10 phiếu"
tm_keys c
tm_wait "Chốt, công bố kết quả «Tổ Tiếp công dân thường xuyên» (10/10 phiếu)?"
tm_keys c
tm_wait "Đã chốt: 6/10 = 60,0% > 1/2 — đạt · Tổ Tiếp công dân thường xuyên"

# The model, exactly at the threshold as well, one abstaining.
tm_wait "đã nhập 0/11 phiếu"
tm_keys 6 Tab 4 Tab 1 Enter
tm_wait "đã nhập 11/11 phiếu"
tm_keys c
tm_wait "Chốt, công bố kết quả «Mô hình đối thoại tại nơi cư trú» (11/11 phiếu)?"
tm_keys c
tm_wait "Đã chốt: 6/11 = 54,5% > 1/2 — đạt · Mô hình đối thoại tại nơi cư trú"

# The fourth fails by one vote: 5 of 11 is not more than half. The
# session cannot end before it is closed.
tm_wait "đã nhập 0/11 phiếu"
lacks "$(tm_screen | tail -1)" "Kết thúc" "the key line with an item open"
tm_keys t
tm_wait "Còn 1 mục chưa chốt kết quả: chốt hết rồi mới kết thúc phiên họp."
tm_keys 5 Tab 5 Tab 1 Enter
tm_wait "đã nhập 11/11 phiếu"
tm_keys c
tm_wait "Chốt, công bố kết quả «Lê Văn Thành» (11/11 phiếu)?"
tm_keys c
tm_wait "Đã chốt: 5/11 = 45,5% ≤ 1/2 — không đạt · Lê Văn Thành"
contains "$(srow "Lê Văn Thành")" "5 5 1 Không đạt (chốt)" "the failed row"
fits "the session with every item closed"

# Every item is closed: the session ends, and is locked.
contains "$(tm_screen | tail -1)" "t Kết thúc" "the key line with every item closed"
tm_keys t
tm_wait "Kết thúc phiên họp? Sau đó không sửa được nữa."
tm_keys c
tm_wait "Đã kết thúc phiên họp."
lacks "$(tm_screen | tail -1)" "Số phiếu" "the key line of an ended session"
contains "$(tm_screen | sed -n 3p)" "Đã kết thúc · Phiên bình xét" "the session's title line"
tm_keys q
tm_wait "10/11     4/4 Đã kết thúc"

# The proposal to the Chief Inspector: the three that passed.
tm_keys q
tm_wait "r Đăng ký"
tm_keys t
tm_wait "0 tờ trình."
tm_keys a
tm_wait "Lập tờ trình đề nghị công nhận"
tm_wait "05/11/2021: 3 hồ sơ được thông qua"
fits "the proposal form"
tm_keys Tab
tm_keys -l "05/TTr-HĐTĐKT"
tm_keys F2
tm_wait "1 tờ trình."
contains "$(row "05/TTr-HĐTĐKT")" "3          0/3" "the proposal"

# --- 20/11/2021: the Chief Inspector recognises them, then awards Giấy khen -----

start_as thuanpv 2021-11-20
tm_wait "3 hồ sơ Hội đồng đã thông qua, chờ quyết định công nhận"
fits "screen 1 of the Chief Inspector"
tm_keys 3
tm_wait "r Đăng ký"
tm_keys d
tm_wait "Chờ quyết định công nhận: 3 hồ sơ được Hội đồng đề nghị."
tm_keys a
tm_wait "Quyết định công nhận"
tm_wait "Người ký * Phạm Văn Thuần — Chánh Thanh tra"
tm_keys -l "125/QĐ-TTr"
tm_keys Tab Tab Tab
tm_keys Space Down Space Down Space
tm_wait "Đã chọn 3/3 hồ sơ"
fits "the recognition form"
tm_keys F2
tm_wait "Không có hồ sơ nào chờ quyết định công nhận."
contains "$(row "125/QĐ-TTr")" "20/11/2021 Phạm Văn Thuần              3 Có hiệu lực" "the decision"
tm_keys t
tm_wait "Tờ trình của Hội đồng"
contains "$(row "05/TTr-HĐTĐKT")" "3          3/3" "the proposal after the decision"

tm_keys 4
tm_wait "[Hồ sơ đã công nhận]"
tm_wait "Đặng Thị Yến"
fits "screen 4"
tm_keys Space Space Space
tm_wait "Đã đánh dấu 3 hồ sơ"
tm_keys a
tm_wait "Quyết định tặng Giấy khen"
tm_wait "Đã chọn 3/3 hồ sơ"
contains "$(tm_screen)" "Hình thức * Giấy khen của Chánh Thanh tra tỉnh" "the award form"
fits "the award form"
tm_keys -l "130/QĐ-TTr"
tm_keys F2
tm_wait "Đã lưu."
[ "$(tm_screen | grep -c "Đã khen thưởng")" = 3 ] || fail "three awarded on screen 4:
$(tm_screen)"
tm_keys Tab
tm_wait "130/QĐ-TTr"
fits "the award decisions"

# --- 10/12/2021: the experience is shared -----------------------------------------

# The department presents each at the agency meeting... (Registering is
# closed by now: the deadline in config has passed.)
start_as namhv 2021-12-10
tm_keys 3
tm_wait "Quá hạn đăng ký 15/10/2021 (56 ngày), cần lãnh đạo cho phép"
tm_keys a
tm_wait "Quá hạn đăng ký 15/10/2021: cần Chánh Thanh tra, Phó Chánh Thanh tra cho phép."
tm_keys 4
tm_wait "[Hồ sơ đã công nhận]"
for i in 0 1 2; do
	tm_keys Home
	for _ in $(seq $i); do tm_keys Down; done
	tm_keys Enter
	tm_wait "Nhân rộng: 0 hoạt động"
	tm_keys a
	tm_wait "Hoạt động nhân rộng"
	tm_wait "Hình thức * Hội nghị, cuộc họp cơ quan"
	tm_keys Tab Tab
	tm_keys -l "Giới thiệu kinh nghiệm tại hội nghị cơ quan tháng 12"
	tm_keys Tab Tab Tab
	tm_keys -l "Toàn thể công chức cơ quan"
	tm_keys Tab
	tm_keys -l "4$i"
	[ $i = 0 ] && fits "the activity form"
	tm_keys F2
	tm_wait "Nhân rộng: 1 hoạt động, 4$i lượt người dự"
	contains "$(tm_screen)" "10/12/2021 Hội nghị  Giới thiệu kinh nghiệm tại hội ngh… Hoàng Văn Nam" "the activity"
	tm_keys q
	tm_wait "[Hồ sơ đã công nhận]"
done
fits "screen 4 after the meetings"

# ...and the Office posts each on the Inspectorate's website.
start_as tdkt 2021-12-10
tm_keys 4
tm_wait "[Hồ sơ đã công nhận]"
slugs=(doi-thoai-tai-noi-cu-tru to-tiep-cong-dan guong-dang-thi-yen)
for i in 0 1 2; do
	tm_keys Home
	for _ in $(seq $i); do tm_keys Down; done
	tm_keys Enter
	tm_wait "Nhân rộng: 1 hoạt động"
	tm_keys a
	tm_wait "Hoạt động nhân rộng"
	tm_keys Right
	tm_wait "Hình thức * Đăng trên trang thông tin điện tử"
	tm_keys Tab Tab
	tm_keys -l "Điển hình tiên tiến năm 2021"
	tm_keys Tab
	tm_keys -l "https://thanhtra.hatinh.gov.vn/tin-tuc/${slugs[$i]}"
	tm_keys F2
	tm_wait "Nhân rộng: 2 hoạt động"
	contains "$(tm_screen)" "Trang web https://thanhtra.hatinh.gov.vn/" "the post"
	tm_keys q
	tm_wait "[Hồ sơ đã công nhận]"
done
tm_keys Tab Tab Tab
tm_wait "[Nhân rộng]"
fits "the activities tab"

# --- what the command line says ---------------------------------------------------

expect_exit 0 "$DH" -d "$T/db" search --format tsv --recognised 2021
[ "$(printf '%s\n' "$OUT" | wc -l)" = 3 ] || fail "three recognised records:
$OUT"
for name in "Đặng Thị Yến" "Tổ Tiếp công dân thường xuyên" "Mô hình đối thoại tại nơi cư trú"; do
	line=$(grep -F "$name" <<<"$OUT") || fail "search lacks $name:
$OUT"
	case $line in *"	tcd	awarded") ;; *) fail "$name is not awarded: $line" ;; esac
done
lacks "$OUT" "Lê Văn Thành" "the recognised records"
expect_exit 0 "$DH" -d "$T/db" search --format tsv "Lê Văn Thành"
contains "$OUT" "	not_approved" "the fourth"

expect_exit 0 "$DH" -d "$T/db" --as tdkt export --format jsonl
lacks "$OUT" "$(printf 'a\xcc\xa3')" "export (NFD stored)"
yen=$(grep -F '"name":"Đặng Thị Yến"' <<<"$OUT") || fail "export lacks Đặng Thị Yến"
contains "$yen" '"created_by":"namhv"' "Yến"
contains "$yen" '"criteria":["xs","pham_chat","sang_kien","hoc_tap"]' "Yến"
contains "$yen" '"registered_by":"namhv","date":"2021-10-12"' "Yến's registration"
contains "$yen" '"complete":true,"checked_by":"tdkt"' "Yến's registration"
contains "$yen" '"agree":6,"disagree":5,"abstain":0,"closed":true,"result":1' "Yến's vote"
contains "$yen" '"recognised_decision":"125/QĐ-TTr","recognised_date":"2021-11-20"' "Yến"
contains "$yen" '"award_decision":"130/QĐ-TTr","award_date":"2021-11-20"' "Yến"
contains "$yen" '"url":"https://thanhtra.hatinh.gov.vn/tin-tuc/guong-dang-thi-yen"' "Yến's post"
contains "$yen" '"presenter":"Hoàng Văn Nam","audience":"Toàn thể công chức cơ quan","attendees":42' "Yến's meeting"
to=$(grep -F '"name":"Tổ Tiếp công dân thường xuyên"' <<<"$OUT") || fail "export lacks the collective"
contains "$to" '"recused":["namhv"]' "the collective's recusal"
model=$(grep -F '"name":"Mô hình đối thoại tại nơi cư trú"' <<<"$OUT") || fail "export lacks the model"
contains "$model" '"kind":2,"description":"Hỗ trợ kinh phí in tài liệu đối thoại","amount":1500000' "the fostering"
for line in "$yen" "$to" "$model"; do
	contains "$line" '"stage":6' "an awarded record"
	[ "$(grep -o '"kind":0,"date":"2021-12-10"' <<<"$line" | wc -l)" = 1 ] || fail "one meeting: $line"
	[ "$(grep -o '"kind":1,"date":"2021-12-10"' <<<"$line" | wc -l)" = 1 ] || fail "one post: $line"
done

# The minutes: attendance, the recusal, each vote and its result.
expect_exit 0 "$DH" -d "$T/db" --as tdkt report minutes
contains "$OUT" "Có mặt: **10**; vắng mặt: **1**, trong đó 1 thành viên có ý kiến bằng văn bản" "minutes"
contains "$OUT" "| 11 | Mai Văn Quang | Trưởng phòng Giám sát, kiểm tra và xử lý sau thanh tra | Ủy viên Hội đồng | Vắng mặt, có ý kiến bằng văn bản |" "minutes"
contains "$OUT" "Hội đồng đã bình xét **4** hồ sơ." "minutes"
contains "$OUT" "Không tham gia biểu quyết: Hoàng Văn Nam" "minutes"
contains "$OUT" "tán thành **6**, không tán thành **5**, không biểu quyết **0** (11 phiếu/11 thành viên được biểu quyết)" "minutes"
contains "$OUT" "| 1 | Đặng Thị Yến | Cá nhân | Phòng Tiếp công dân - Xử lý đơn | 6/11 = 54,5% > 1/2 — đạt |" "minutes"
contains "$OUT" "| 2 | Tổ Tiếp công dân thường xuyên | Tập thể | Phòng Tiếp công dân - Xử lý đơn | 6/10 = 60,0% > 1/2 — đạt |" "minutes"
contains "$OUT" "| 3 | Mô hình đối thoại tại nơi cư trú | Mô hình | Phòng Tiếp công dân - Xử lý đơn | 6/11 = 54,5% > 1/2 — đạt |" "minutes"
contains "$OUT" "- Lê Văn Thành: 5/11 = 45,5% ≤ 1/2 — không đạt" "minutes"
contains "$OUT" "| **Võ Thị Thanh Hương** | **Phạm Văn Thuần** |" "minutes"

# The two decisions' annexes.
for number in 125/QĐ-TTr 130/QĐ-TTr; do
	expect_exit 0 "$DH" -d "$T/db" --as tdkt report decision --decision "$number"
	contains "$OUT" "Kèm theo Quyết định số $number ngày 20/11/2021 của Chánh Thanh tra tỉnh Hà Tĩnh" "decision $number"
	contains "$OUT" "| 1 | Đặng Thị Yến | Thanh tra viên | Phòng Tiếp công dân - Xử lý đơn | Tiếp công dân tận tình, chu đáo |" "decision $number"
	contains "$OUT" "| 1 | Tổ Tiếp công dân thường xuyên | Phòng Tiếp công dân - Xử lý đơn |" "decision $number"
	contains "$OUT" "| 1 | Mô hình đối thoại tại nơi cư trú | Phòng Tiếp công dân - Xử lý đơn |" "decision $number"
	contains "$OUT" "**Tổng cộng: 3** (1 cá nhân, 1 tập thể, 1 mô hình)." "decision $number"
	lacks "$OUT" "Lê Văn Thành" "decision $number"
done
contains "$OUT" "ĐƯỢC TẶNG GIẤY KHEN CỦA CHÁNH THANH TRA TỈNH NĂM 2021" "the award decision"

# --- screen 7 finds them, typed without marks -------------------------------------

start_as hoantt 2021-12-10
tm_keys /
tm_wait "Esc Rời ô tìm"
tm_keys -l "dang thi yen"
tm_wait "1 kết quả"
contains "$(row "Đặng Thị Yến")" "Đã khen thưởng 130/QĐ-TTr" "lookup"
tm_wait "Công nhận 125/QĐ-TTr (20/11/2021) · Giấy khen 130/QĐ-TTr (20/11/2021)"
fits "lookup"
tm_keys C-u
tm_keys -l "tiep cong dan"
tm_wait "3 kết quả"
for name in "Cá nhân Đặng Thị Yến" "Tập thể Tổ Tiếp công dân" "Mô hình Mô hình đối thoại"; do
	contains "$(row "2021 $name")" "Đã khen thưởng 130/QĐ-TTr" "lookup of $name"
done
lacks "$(tm_screen)" "Lê Văn Thành" "the lookup of recognised records"

# --- screen 8: the audit of these steps, with the people's names -------------------

start_as tdkt 2021-12-10
tm_keys 8
tm_wait "Nhật ký"
fits "the audit log"
tm_keys f
tm_wait "Lọc nhật ký"
tm_keys Tab Enter
tm_wait "Hồ sơ điển hình"
tm_keys Down Enter Tab
tm_keys -l 3
fits "the audit filter"
tm_keys F2
tm_wait "Lọc: Hồ sơ điển hình số 3 · 6 mục"
steps=("Phạm Văn Thuần     Quyết định tặng Giấy khen " "Phạm Văn Thuần     Quyết định công nhận"
	"Võ Thị Thanh Hương Chốt kết quả bình xét" "Hoàng Văn Nam      Đăng ký đề nghị công nhận "
	"Hoàng Văn Nam      Ghi nhận bồi dưỡng" "Hoàng Văn Nam      Thêm nhân tố mới")
screen=$(tm_screen)
for i in "${!steps[@]}"; do
	got=$(printf '%s\n' "$screen" | sed -n "$((i + 5))p")
	# The action column gives room to the record's name: its first words.
	contains "$got" "${steps[$i]:0:36}" "audit line $((i + 1))"
done
contains "$screen" "Hồ sơ điển hình số 3: Mô hình đối thoại tại nơi cư trú" "the audit entry"
# What changed runs on to the next row rather than losing the reason.
contains "$screen" "Ngày khen thưởng · lý do:" "the audit entry's changes"
contains "$(printf '%s\n' "$screen" | sed -n 22p)" " 130/QĐ-TTr" "the audit entry's reason, whole"
fits "the audit of one record"
tm_keys c
tm_wait_gone "Lọc: Hồ sơ"
# The secretary's own steps, from the registration checks to the posts.
tm_keys f
tm_wait "Lọc nhật ký"
tm_keys Enter
tm_wait "Mọi người"
tm_keys Down Down Down Down Down Enter
tm_wait "Người thay đổi Võ Thị Thanh Hương"
tm_keys F2
# (44: her cursor in the council session is published to the projector, an audited write each time it moves to another nominee)
tm_wait "Lọc: Võ Thị Thanh Hương · 44 mục"
only_hers() { # what: every entry shown is hers
	local others
	others=$(tm_screen | sed -n 5,19p | grep -v "^$" | grep -vF " Võ Thị Thanh Hương ") || true
	[ -z "$others" ] || fail "$1: entries by someone else:
$others"
}
screen=$(tm_screen)
# An entry of hers: the action's first words and the record by its name
# or number (not an internal id).
has_entry() { # action target what
	printf '%s\n' "$screen" | grep -F "Võ Thị Thanh Hương ${1:0:14}" | grep -qF "$2" || fail "$3 lack '$1 … $2':
$screen"
}
has_entry "Ghi hoạt động nhân rộng" "Nhân rộng" "her latest steps"
has_entry "Lập tờ trình đề nghị" "Tờ trình 05/TTr" "her latest steps"
has_entry "Kết thúc phiên họp" "Phiên" "her latest steps"
has_entry "Chốt kết quả bình xét" "Hồ sơ" "her latest steps"
only_hers "her latest steps"
tm_keys End
tm_wait "44/44"
screen=$(tm_screen)
has_entry "Kiểm tra hồ sơ đăng ký" "Đăng ký: " "her first steps"
has_entry "Lập phiên họp Hội đồng" "Phiên" "her first steps"
has_entry "Lập phiên họp Hội đồng" "Biểu quyết: " "her first steps"
has_entry "Ghi điểm danh" "Phiên" "her first steps"
only_hers "her first steps"
tm_keys PPage
tm_wait "30/44"
screen=$(tm_screen)
has_entry "Ghi thành viên không" "Biểu quyết: " "the recusal"
only_hers "her session"
fits "the audit of one person"

# --- every screen of every login fits 80x24 ---------------------------------------

shorts=("Tổng quan" "Nhân tố" "Lựa chọn" "Khen thưởng" "Sơ kết" "Thực hiện" "Tra cứu" "Nhật ký")
for login in namhv tdkt thuanpv; do
	start_as $login 2021-12-20
	for n in 1 2 3 4 5 6 7 8; do
		tm_keys "$n"
		tm_wait_tab "$n${shorts[$((n - 1))]}"
		fits "screen $n of $login"
	done
done

# The year's figures (screen 5 and the command line) count what was done.
tm_keys 5
tm_wait "Số liệu năm 2021: 4 hồ sơ (Cá nhân 2, Tập thể 1, Mô hình 1)"
tm_keys PPage PPage NPage NPage
tm_wait "Hỗ trợ vật chất: 1.500.000 đồng"
tm_wait "Tổng cộng 6 hoạt động, 123 lượt người dự"
fits "the year's figures, scrolled"
expect_exit 0 "$DH" -d "$T/db" --as thuanpv stats --format tsv
[ "$OUT" = "$(printf 'tcd\tindividual\tnot_approved\t1\ntcd\tindividual\tawarded\t1\ntcd\tcollective\tawarded\t1\ntcd\tmodel\tawarded\t1')" ] ||
	fail "stats:
$OUT"
