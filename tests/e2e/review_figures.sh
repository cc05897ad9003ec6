# Screen 5: the department × kind × stage table shows exactly what
# `dienhinh stats --format tsv` prints for the same database, for the plan
# year and, after ←, the year before; the totals and the material support
# agree with `dienhinh stats`; a review is recorded; the report is written
# to a file whose path the screen names; with TERM=vt100 and NO_COLOR the
# bars are '#'. Every page fits 80x24.
export DIENHINH_TODAY=2021-12-20
. "$(dirname "$0")/../lib.sh"

fits() { # what
	local s
	s=$(tm_screen)
	[ "$(printf '%s\n' "$s" | wc -L)" -le 80 ] || fail "$1: a line wider than 80 columns:
$s"
	case $(printf '%s\n' "$s" | sed -n 1p) in " TTr"*) ;; *) fail "$1: header overwritten:
$s" ;; esac
	case $(printf '%s\n' "$s" | sed -n 24p) in *"F1 Trợ giúp"* | *"… ? Mọi phím") ;; *) fail "$1: key line overwritten:
$s" ;; esac
}

# The whole figures page, one line per page line, read page by page (the
# tab row says which lines a page holds: "dòng 20–38/75").
read_page() {
	local -A lines=()
	local s from to total
	tm_keys Home
	tm_wait "dòng 1–"
	while :; do
		s=$(tm_screen)
		fits "figures page"
		local where
		where=$(printf '%s\n' "$s" | sed -n 3p | grep -o 'dòng [0-9]*–[0-9]*/[0-9]*' || true)
		[ -n "$where" ] || fail "no page indicator:
$s"
		from=${where#dòng }
		from=${from%%–*}
		to=${where#*–}
		to=${to%%/*}
		total=${where##*/}
		local i
		for ((i = from; i <= to; i++)); do
			lines[$i]=$(printf '%s\n' "$s" | sed -n "$((i - from + 4))p")
		done
		[ "$to" -lt "$total" ] || break
		tm_keys PgDn
		tm_wait_gone "$where"
	done
	for ((i = 1; i <= total; i++)); do printf '%s\n' "${lines[$i]}"; done >"$T/page"
}

# Compare the table on the page with stats --format tsv for YEAR.
compare_year() { # year
	local year=$1
	read_page
	grep -q "Số liệu năm $year" "$T/page" || fail "the page is not of $year: $(head -3 "$T/page")"
	local -A shown=()
	local dept="" in_table=0 cells=0 line
	while IFS= read -r line; do
		case $line in *"Theo đơn vị, loại và bước"*) in_table=1; continue ;; *"Ký hiệu"*) in_table=0 ;; esac
		[ $in_table = 1 ] || continue
		case $line in *"Đơn vị / loại"*) continue ;; esac
		local -a f
		read -ra f <<<"$line"
		local n=${#f[@]}
		[ "$n" -ge 9 ] || continue
		local name="${f[*]:0:n-8}"
		if [[ $line == "     "* ]]; then
			local g
			for ((g = 0; g < 7; g++)); do
				local v=${f[n - 8 + g]}
				[ "$v" = "·" ] && continue
				shown["$dept|$name|$g"]=$v
				cells=$((cells + 1))
			done
		else
			dept=$name
		fi
	done <"$T/page"
	local stages=(new_factor fostering nominated approved not_approved recognised awarded)
	local -A kinds=([individual]="Cá nhân" [collective]="Tập thể" [model]="Mô hình")
	local lines=0 id kind stage count
	"$DH" -d "$T/db" stats --year "$year" --format tsv >"$T/tsv"
	while IFS=$'\t' read -r id kind stage count; do
		lines=$((lines + 1))
		local full g idx=-1 found=""
		full=$(grep -o "{ id: $id, *name: \"[^\"]*\"" "$CONFIG" | sed 's/.*name: "//; s/"$//')
		# A name too long for the column shows as config's `short`.
		local alias
		alias=$(grep "{ id: $id," "$CONFIG" | grep -o 'short: "[^"]*"' | sed 's/short: "//; s/"$//' || true)
		for ((g = 0; g < 7; g++)); do [ "${stages[g]}" = "$stage" ] && idx=$g; done
		local key
		for key in "${!shown[@]}"; do
			local short=${key%%|*} rest=${key#*|}
			if [[ -n $short && ($full == "$short"* || $short == "$alias") && $rest == "${kinds[$kind]}|$idx" ]]; then
				found=${shown[$key]}
			fi
		done
		[ "$found" = "$count" ] || fail "$year $id $kind $stage: screen shows '${found}', stats $count
$(cat "$T/page")"
	done <"$T/tsv"
	[ "$lines" -gt 0 ] || fail "stats --format tsv printed nothing for $year"
	[ "$cells" = "$lines" ] || fail "$year: $cells cells on screen, $lines lines from stats"
	# Totals and the material support, as `dienhinh stats` words them.
	"$DH" -d "$T/db" stats --year "$year" >"$T/text"
	local records money
	records=$(grep -o '^Hồ sơ: [0-9]*' "$T/text" | grep -o '[0-9]*$')
	money=$(grep -o 'hỗ trợ vật chất tổng cộng [0-9.]* đồng' "$T/text" | grep -o '[0-9.]* đồng')
	grep -q "Số liệu năm $year: $records hồ sơ" "$T/page" || fail "$year: the total is not $records"
	grep -q "Hỗ trợ vật chất: $money" "$T/page" || fail "$year: material support is not $money"
}

expect_exit 0 "$DH" -d "$T/db" --as tdkt demo --records 120

mkdir -p "$T/home"
tm_start "cd '$T' && HOME='$T/home' $DH_APP -d '$T/db' --as tdkt"
tm_wait "Tổng quan"
tm_keys 5
tm_wait "[Số liệu]"
compare_year 2021
grep -q "█" "$T/page" || fail "no bars drawn in colour"
tm_keys Left
tm_wait "← Năm 2020 →"
compare_year 2020
tm_keys Right
tm_wait "← Năm 2021 →"

# A review, by keys, on the second tab.
tm_keys Tab
tm_wait "[Sơ kết, tổng kết]"
fits "reviews tab"
tm_keys a
tm_wait "Nội dung, kết luận"
tm_keys Tab
tm_keys C-u
tm_keys -l "20/12/2021"
tm_keys Tab Tab
tm_keys -l "Hoàn thành 100% chỉ tiêu"
tm_keys F2
tm_wait "Hoàn thành 100% chỉ tiêu"
fits "reviews tab with a review"
# The cursor is on the review just added, the last of the year by date.
position=$(tm_screen | grep -oE '[0-9]+/[0-9]+ *$' | tail -n 1 | tr -d ' ')
[ -n "$position" ] && [ "${position%/*}" = "${position#*/}" ] || fail "the cursor is not on the new review ($position):
$(tm_screen)"

# The report goes as Word (o) or PDF (O) into the documents folder of
# the home folder (documents.folder, "~/dienhinh-van-ban" by default).
tm_keys o
tm_wait "s sơ kết · t tổng kết"
tm_keys t
tm_wait "Đã ghi văn bản:"
contains "$(tm_screen)" "/bao-cao-tong-ket-2021.docx" "the message"
docs="$T/home/dienhinh-van-ban"
unzip -tq "$docs/bao-cao-tong-ket-2021.docx" >/dev/null || fail "the report is not a zip"
xml=$(unzip -p "$docs/bao-cao-tong-ket-2021.docx" word/document.xml)
contains "$xml" "Tổng kết công tác" "the report"
contains "$xml" "năm 2021" "the report"
# A second export never overwrites the first.
tm_keys o
tm_wait "s sơ kết · t tổng kết"
tm_keys t
tm_wait "bao-cao-tong-ket-2021-2.docx"
tm_keys O
tm_wait "ra tệp PDF: s sơ kết · t tổng kết"
tm_keys s
tm_wait "bao-cao-so-ket-2021.pdf"
contains "$(pdfinfo "$docs/bao-cao-so-ket-2021.pdf")" "(A4)" "pdfinfo"
contains "$(pdftotext "$docs/bao-cao-so-ket-2021.pdf" -)" "Sơ kết công tác" "the PDF"
# Nothing lands in the folder the program runs in any more.
! ls "$T"/bao-cao-* >/dev/null 2>&1 || fail "a report in the working folder"
tm kill-server

# A monochrome terminal: bars of '#', still with their numbers.
TMUX_SOCK="$TMUX_SOCK-vt100"
tm_start "TERM=vt100 NO_COLOR=1 $DH_APP -d '$T/db' --as tdkt"
tm_wait "Tổng quan"
tm_keys 5
tm_wait "Theo bước"
screen=$(tm_screen)
contains "$screen" "##" "the vt100 bars"
lacks "$screen" "█" "the vt100 bars"
fits "figures on a vt100"
