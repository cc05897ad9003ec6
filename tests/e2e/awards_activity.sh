# Screen 4: a replication activity posted on the Inspectorate's website is
# refused without its address, then saved with it; the record's follow-up
# toward the provincial level is ticked. Each by keystrokes, then read back
# from `dienhinh export`.
. "$(dirname "$0")/../lib.sh"

fits() { # what
	local s
	s=$(tm_screen)
	[ "$(printf '%s\n' "$s" | wc -L)" -le 80 ] || fail "$1: a line wider than 80 columns:
$s"
	case $(printf '%s\n' "$s" | sed -n 24p) in *"F1 Trợ giúp"* | *"… ? Mọi phím") ;; *) fail "$1: key line overwritten:
$s" ;; esac
}

cat >"$T/list.csv" <<'CSV'
kind,name,department,title,stage,recognised_decision,recognised_date,award_decision,award_date
model,Mô hình tiếp dân lưu động,tcd,Tiếp công dân lưu động,awarded,12/QĐ-TTr,2021-05-20,13/QĐ-TTr,2021-05-25
CSV
expect_exit 0 "$DH" -d "$T/db" --as tdkt import "$T/list.csv"

tm_start "$DH_APP -d '$T/db' --as tdkt"
tm_wait "Tổng quan"
tm_keys 4
tm_wait "Mô hình tiếp dân lưu động"
tm_keys Enter
tm_wait "Nhân rộng: 0 hoạt động"
fits "a record's log"
tm_keys a
tm_wait "Hoạt động nhân rộng"
# A choice takes the width its line has: on a wider terminal the record's
# whole label, department and all, still with its ▾.
tm resize-window -t main -x 100 -y 30
tm_wait "Mô hình tiếp dân lưu động (2021, Phòng Tiếp công dân - Xử lý đơn) ▾"
tm resize-window -t main -x 80 -y 24
tm_wait "Mô hình tiếp dân lưu động (2021, Phòng Tiếp công dâ… ▾"
# Hình thức: the next choice is the website post.
tm_keys Right
tm_wait "Đăng trên trang thông tin điện tử"
tm_keys Tab Tab
tm_keys -l "Giới thiệu mô hình tiếp dân lưu động"
tm_keys Tab
tm_keys F2
tm_wait "Chưa nhập Địa chỉ bài đăng"
fits "the activity form with a message"
tm_keys -l "https://thanhtra.hatinh.gov.vn/tin-tuc/tiep-dan-luu-dong"
tm_keys Tab Tab
tm_keys -l "Công chức toàn ngành"
tm_keys Tab
tm_keys -l "120"
tm_keys F2
tm_wait "Nhân rộng: 1 hoạt động, 120 lượt người dự"
contains "$(tm_screen)" "Trang web https://thanhtra.hatinh.gov.vn/" "the log"

# Follow-up toward the provincial level.
tm_keys t
tm_wait "Theo dõi hướng tới cấp tỉnh"
tm_keys Space
tm_keys Tab
tm_keys -l "Đề nghị UBND tỉnh tặng Bằng khen"
tm_keys F2
tm_wait "Hướng tới cấp tỉnh: có"

# Every activity, with its record's name, on the last tab.
tm_keys Escape
tm_wait "[Hồ sơ đã công nhận]"
tm_keys Tab Tab Tab
tm_wait "[Nhân rộng]"
contains "$(tm_screen)" "Trang web" "the activities tab"
fits "the activities tab"

expect_exit 0 "$DH" -d "$T/db" --as tdkt export --format jsonl
contains "$OUT" '"url":"https://thanhtra.hatinh.gov.vn/tin-tuc/tiep-dan-luu-dong"' "export"
contains "$OUT" '"kind":1' "export"
contains "$OUT" '"attendees":120' "export"
contains "$OUT" '"audience":"Công chức toàn ngành"' "export"
contains "$OUT" '"aims_provincial":true' "export"
contains "$OUT" '"followup_notes":"Đề nghị UBND tỉnh tặng Bằng khen"' "export"
