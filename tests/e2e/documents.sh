# The documents from the screens (DESIGN.md §12): on every screen that
# shows one, o writes its Word file and O its PDF into the documents folder
# (~/dienhinh-van-ban by default), the message line names the file, and a
# document written before is never overwritten. Screen 3's council session
# (biên bản họp; a closed secret ballot also its biên bản kiểm phiếu),
# proposal (tờ trình), screen 4's Giấy khen decision, screen 5's review
# report; an unknown login is not offered the keys; a folder that cannot
# be written says so instead.
. "$(dirname "$0")/../lib.sh"
# Past the year's council session (5 November in the demo data).
export DIENHINH_TODAY=2021-11-20
expect_exit 0 "$DH" -d "$T/db" --as tdkt demo --records 100

mkdir -p "$T/home"
docs="$T/home/dienhinh-van-ban"

# 24 rows no wider than 80 columns, the key line in its place.
fits() { # what
	local s
	s=$(tm_screen)
	[ "$(printf '%s\n' "$s" | wc -l)" -eq 24 ] || fail "$1: not 24 rows:
$s"
	[ "$(printf '%s\n' "$s" | wc -L)" -le 80 ] || fail "$1: a row wider than 80 columns:
$s"
	case $(printf '%s\n' "$s" | sed -n 24p) in "?/F1 Trợ giúp"* | *"… ? Mọi phím") ;; *) fail "$1: key line:
$s" ;; esac
}
# The one file matching GLOB in the documents folder.
one_file() { # glob
	local f n
	n=$(find "$docs" -maxdepth 1 -name "$1" | wc -l)
	[ "$n" -eq 1 ] || fail "$n files named $1 in $docs: $(ls "$docs" 2>&1)"
	f=$(find "$docs" -maxdepth 1 -name "$1")
	printf '%s\n' "$f"
}
is_docx() { # file text
	unzip -tq "$1" >/dev/null || fail "$1 is not a zip"
	contains "$(unzip -p "$1" word/document.xml)" "$2" "word/document.xml of $1"
}
is_pdf() { # file text
	contains "$(pdfinfo "$1")" "(A4)" "pdfinfo $1"
	contains "$(pdftotext "$1" -)" "$2" "pdftotext $1"
}
# The message line says the file was written, and names it.
written() { # file name
	tm_wait "Đã ghi văn bản:"
	contains "$(tm_screen | sed -n 23p)" "$1" "the message line"
}

tm_start "HOME='$T/home' $DH_APP -d '$T/db' --as tdkt"
tm_wait "Tổng quan"
tm_keys 3
tm_wait "h Hội đồng"

# --- screen 3: the council session ---------------------------------------
tm_keys h
tm_wait "Đã kết thúc"
contains "$(tm_screen | sed -n 24p)" "o/O Word/PDF" "the sessions' key line"
fits "council sessions"
tm_keys Enter
tm_wait "Phiên họp ngày 05/11/2021"
contains "$(tm_screen | sed -n 24p)" "o/O Word/PDF" "the session's key line"
fits "council session"
# A closed secret ballot has two documents: the question says which.
tm_keys o
tm_wait "Ghi ra tệp Word: b biên bản họp · k biên bản kiểm phiếu · Esc thôi"
fits "the question"
tm_keys b
written ".docx"
minutes=$(one_file "bien-ban-hop-2021-phien-*.docx")
written "$(basename "$minutes")"
is_docx "$minutes" "BIÊN BẢN"
fits "after writing"
tm_keys O
tm_wait "Ghi ra tệp PDF: b biên bản họp · k biên bản kiểm phiếu"
tm_keys k
tm_wait "kiem-phieu-2021-phien-"
ballot=$(one_file "kiem-phieu-2021-phien-*.pdf")
written "$(basename "$ballot")"
is_pdf "$ballot" "BIÊN BẢN KIỂM PHIẾU"
tm_keys O
tm_wait "Ghi ra tệp PDF"
tm_keys b
tm_wait ".pdf"
is_pdf "$(one_file "bien-ban-hop-2021-phien-*.pdf")" "BIÊN BẢN"
# Esc writes nothing; a second Word file never replaces the first.
tm_keys o
tm_wait "Ghi ra tệp Word"
tm_keys Escape
tm_wait_gone "Ghi ra tệp Word"
[ "$(find "$docs" -type f | wc -l)" -eq 3 ] || fail "Esc wrote something: $(ls "$docs")"
tm_keys o
tm_wait "Ghi ra tệp Word"
tm_keys b
second=${minutes%.docx}-2.docx
written "$(basename "$second")"
is_docx "$second" "BIÊN BẢN"
[ -s "$minutes" ] || fail "the first minutes were overwritten"

# --- screen 3: the proposal (tờ trình) ---------------------------------
tm_keys q
tm_wait "Enter Mở phiên"
tm_keys q
tm_wait "h Hội đồng"
tm_keys t
tm_wait "a Lập tờ trình"
tm_wait "o/O Word/PDF"
fits "proposals"
tm_keys o
tm_wait "to-trinh-2021"
proposal=$(one_file "to-trinh-2021*.docx")
written "$(basename "$proposal")"
is_docx "$proposal" "TỜ TRÌNH"
tm_keys O
tm_wait "to-trinh-2021-phien-"
tm_wait ".pdf"
is_pdf "$(one_file "to-trinh-2021*.pdf")" "TỜ TRÌNH"
# The registrations have no document: the key is not offered there.
tm_keys r
tm_wait_gone "a Lập tờ trình"
lacks "$(tm_screen | sed -n 24p)" "o/O" "the registrations' key line"
# The departments' answers have the Office's summary of registrations.
tm_keys u
tm_wait "o/O Word/PDF"
fits "departments"
tm_keys O
tm_wait "tong-hop-dang-ky-2021"
summary=$(one_file "tong-hop-dang-ky-2021*.pdf")
written "$(basename "$summary")"
is_pdf "$summary" "Tổng hợp đăng ký mô hình tiêu biểu"

# --- screen 4: a Giấy khen decision -------------------------------------
tm_keys 4
tm_wait_tab "4Khen thưởng"
tm_keys Tab
tm_wait "Số quyết định"
tm_wait "o/O Word/PDF"
fits "award decisions"
tm_keys O
tm_wait "quyet-dinh-"
award=$(one_file "quyet-dinh-*.pdf")
written "$(basename "$award")"
is_pdf "$award" "QUYẾT ĐỊNH"
contains "$(pdftotext "$award" -)" "Giấy khen" "the award decision"
# The same from the decision's own view.
tm_keys Enter
tm_wait "o/O Word/PDF"
tm_keys o
tm_wait ".docx"
is_docx "$(one_file "quyet-dinh-*.docx")" "QUYẾT ĐỊNH"
# The Giấy khen of one person, a reprint after a misprint: one page, A4 landscape.
tm_wait "i In Giấy khen"
people=$(tm_screen | sed -n 's|.* 1/\([0-9]*\) *$|\1|p' | tail -n 1)
tm_keys i
tm_wait "In Giấy khen: t tất cả $people người · 1 chỉ hồ sơ đang chọn · Esc thôi"
tm_keys 1
tm_wait "giay-khen-"
one=$(one_file "giay-khen-*.pdf")
written "$(basename "$one")"
contains "$(pdfinfo "$one")" "Pages:           1" "one Giấy khen"
contains "$(pdfinfo "$one")" "841.89 x 595.276 pts (A4)" "the Giấy khen's page"
tm_keys Escape
# The whole decision from the list: a page for each of its people.
tm_wait "i In Giấy khen"
tm_keys i
tm_wait "-2.pdf"
all=$(one_file "giay-khen-*-2.pdf")
contains "$(pdfinfo "$all")" "Pages:           $people" "every Giấy khen of the decision"

# --- screen 5: the review report ----------------------------------------
tm_keys 5
tm_wait "o/O Word/PDF"
fits "review figures"
tm_keys o
tm_wait "Báo cáo năm 2021 ra tệp Word: s sơ kết · t tổng kết · Esc thôi"
tm_keys t
written "bao-cao-tong-ket-2021.docx"
is_docx "$docs/bao-cao-tong-ket-2021.docx" "BÁO CÁO"
tm_keys O
tm_wait "ra tệp PDF: s sơ kết"
tm_keys s
written "bao-cao-so-ket-2021.pdf"
is_pdf "$docs/bao-cao-so-ket-2021.pdf" "BÁO CÁO"
tm kill-server

# --- a folder that cannot be written: the reason, and no file -----------
TMUX_SOCK="dh-test-$$-bad"
mkdir -p "$T/bad"
: >"$T/bad/dienhinh-van-ban" # a file where the folder should be
tm_start "HOME='$T/bad' $DH_APP -d '$T/db' --as tdkt"
tm_wait "Tổng quan"
tm_keys 5
tm_wait "o/O Word/PDF"
tm_keys o
tm_wait "s sơ kết · t tổng kết"
tm_keys s
tm_wait "Không ghi được tệp …/bao-cao-so-ket-2021.docx:"
lacks "$(tm_screen)" "Đã ghi văn bản" "a refusal"
fits "a refusal"
[ ! -s "$T/bad/dienhinh-van-ban" ] || fail "something was written over the file"
tm kill-server

# --- an unknown login may only look up: no document keys ------------------
TMUX_SOCK="dh-test-$$-nobody"
mkdir -p "$T/nobody"
tm_start "HOME='$T/nobody' $DH_APP -d '$T/db' --as nobody"
tm_wait "chỉ được tra cứu"
tm_keys 3
tm_wait "h Hội đồng"
tm_keys h
tm_wait "Đã kết thúc"
tm_keys Enter
tm_wait "Phiên họp ngày 05/11/2021"
lacks "$(tm_screen | sed -n 24p)" "o/O" "an unknown login's key line"
tm_keys o
tm_wait "không dùng được"
tm_keys q
tm_keys 5
tm_wait "←/→ Năm"
lacks "$(tm_screen | sed -n 24p)" "o/O" "an unknown login's key line on screen 5"
[ ! -e "$T/nobody/dienhinh-van-ban" ] || fail "an unknown login wrote documents"
echo "documents: ok"
