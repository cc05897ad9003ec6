# report --format docx|pdf: the plan's documents as Word and PDF files in
# the state's format (NĐ 30/2020), read back with the tools a reviewer would
# use: unzip and xmllint for the .docx, poppler for the PDF. The text of each
# file is held against the Markdown of the same document and database.
. "$(dirname "$0")/../lib.sh"
export DIENHINH_TODAY=2021-09-15
expect_exit 0 "$DH" -d "$T/db" --as tdkt demo --records 300 --seed 7

# Layers: documents are made in core/ and written by src/doc/, which knows
# no records; the screens reach them only through the core.
if grep -lE '#include [<"](dienhinh/doc[a-z_]*|cairo|pango/[a-z]*|zip)\.h' "$ROOT"/src/ui/* "$ROOT"/include/dienhinh/ui*.h; then
	fail "the UI includes a document writer or its libraries"
fi
if grep -hE '#include "dienhinh/' "$ROOT"/src/doc/*.c "$ROOT"/include/dienhinh/doc*.h |
	grep -vE 'dienhinh/(doc[a-z_]*|error|utf8|buf|config)\.h'; then
	fail "src/doc/ reaches above itself"
fi

docx_text() { # file: the document's text, tags dropped
	unzip -p "$1" word/document.xml | sed -e 's/<w:br\/>/ /g' -e 's/<[^>]*>//g'
}
pdf_text() { # file: the text on one line, as a reader sees it
	pdftotext "$1" - | tr '\n' ' ' | tr -s ' '
}
check_docx() { # file
	unzip -tq "$1" >/dev/null || fail "$1 is not a valid zip"
	for part in '\[Content_Types\].xml' _rels/.rels docProps/core.xml word/document.xml word/styles.xml \
		word/settings.xml word/numbering.xml word/_rels/document.xml.rels; do
		unzip -p "$1" "$part" | xmllint --noout - || fail "$1: $part is not well-formed XML"
	done
	local doc styles
	doc=$(unzip -p "$1" word/document.xml)
	styles=$(unzip -p "$1" word/styles.xml)
	# A4, margins top/bottom 20 mm, left 30 mm, right 15 mm (twips), Times New Roman.
	contains "$doc" '<w:pgSz w:w="11906" w:h="16838"' "$1 page size"
	contains "$doc" 'w:top="1134"' "$1 top margin"
	contains "$doc" 'w:left="1701"' "$1 left margin"
	contains "$doc" 'w:right="850"' "$1 right margin"
	contains "$styles" 'w:ascii="Times New Roman"' "$1 font"
	contains "$(docx_text "$1")" "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "$1"
	contains "$(docx_text "$1")" "Độc lập - Tự do - Hạnh phúc" "$1"
}
check_pdf() { # file
	local info
	info=$(pdfinfo "$1") || fail "$1 is not a PDF"
	contains "$info" "Page size:       595.276 x 841.89 pts (A4)" "$1"
	contains "$(pdffonts "$1")" "LiberationSerif-Bold" "$1 fonts"
	lacks "$(pdffonts "$1" | awk 'NR > 2 { print $4 }')" "no" "$1 fonts not embedded"
	contains "$(pdf_text "$1")" "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "$1"
}

for doc in minutes ballot proposal registrations decision review; do
	expect_exit 0 "$DH" -d "$T/db" --as tdkt report "$doc" --year 2019 --format md
	printf '%s\n' "$OUT" >"$T/$doc.md"
	expect_exit 0 "$DH" -d "$T/db" --as tdkt report "$doc" --year 2019 --format docx -o "$T/$doc.docx"
	[ "$OUT" = "$T/$doc.docx" ] || fail "report printed '$OUT', not the file's name"
	check_docx "$T/$doc.docx"
	expect_exit 0 "$DH" -d "$T/db" --as tdkt report "$doc" --year 2019 -o "$T/$doc.pdf" # format from the name
	check_pdf "$T/$doc.pdf"
done

# The same facts in all three: the number of nominees the council reviewed,
# the decision's number (with its leading 0) and its total, the quorum line.
reviewed=$(sed -n 's/^Hội đồng đã bình xét \*\*\([0-9]*\)\*\* hồ sơ.*/\1/p' "$T/minutes.md")
[ -n "$reviewed" ] || fail "the minutes say how many were reviewed"
contains "$(docx_text "$T/minutes.docx")" "Hội đồng đã bình xét $reviewed hồ sơ." "minutes.docx"
contains "$(pdf_text "$T/minutes.pdf")" "Hội đồng đã bình xét $reviewed hồ sơ." "minutes.pdf"
contains "$(pdf_text "$T/minutes.pdf")" "THƯ KÝ" "minutes.pdf"
contains "$(pdf_text "$T/minutes.pdf")" "CHỦ TỌA" "minutes.pdf"
number=$(sed -n 's/^| Số: \([^ ]*\) |.*/\1/p' "$T/decision.md")
total=$(sed -n 's/^\*\*Tổng cộng: \([0-9]*\)\*\*.*/\1/p' "$T/decision.md")
[ -n "$number" ] && [ -n "$total" ] || fail "the decision has a number and a total"
case $number in 0[1-9]/*|[1-9][0-9]*/*) ;; *) fail "decision number '$number' without its leading 0" ;; esac
for f in "$T/decision.pdf"; do
	contains "$(pdf_text "$f")" "Số: $number" "$f"
	contains "$(pdf_text "$f")" "Tổng cộng: $total" "$f"
	contains "$(pdf_text "$f")" "QUYẾT ĐỊNH:" "$f"
	contains "$(pdf_text "$f")" "Nơi nhận:" "$f"
done
contains "$(docx_text "$T/decision.docx")" "Số: $number" "decision.docx"
contains "$(docx_text "$T/decision.docx")" "Tổng cộng: $total" "decision.docx"
contains "$(unzip -p "$T/decision.docx" word/document.xml)" "<w:tblHeader/>" "the annex's repeated header"
# The annex begins on a page of its own; page numbers from page 2, none on 1.
pages=$(pdfinfo "$T/decision.pdf" | sed -n 's/^Pages: *//p')
[ "$pages" -ge 2 ] || fail "the decision and its annex on $pages page(s)"
p1=$(pdftotext -f 1 -l 1 "$T/decision.pdf" -)
lacks "$p1" "DANH SÁCH" "page 1"
contains "$(pdftotext -f 2 -l 2 "$T/decision.pdf" -)" "DANH SÁCH" "page 2"
[ "$(pdftotext -f 2 -l 2 -layout "$T/decision.pdf" - | sed '/^ *$/d' | head -n 1 | tr -d ' ')" = 2 ] ||
	fail "page 2 does not start with its number"
quorum=$(sed -n 's/^\*\*\(Số thành viên dự họp: [^*]*\)\*\*$/\1/p' "$T/minutes.md" | head -n 1)
contains "$(docx_text "$T/minutes.docx")" "$quorum" "minutes.docx quorum"
contains "$(docx_text "$T/ballot.docx")" "BIÊN BẢN KIỂM PHIẾU" "ballot.docx"

# Without -o: a name from the kind, year and number in the current folder;
# a second export never replaces the first (it may have been edited).
mkdir "$T/here"
(cd "$T/here" && "$DH" -d "$T/db" --as tdkt report decision --year 2019 --format docx) >"$T/name1"
(cd "$T/here" && "$DH" -d "$T/db" --as tdkt report decision --year 2019 --format docx) >"$T/name2"
want=quyet-dinh-2019-$(printf '%s' "$number" | sed 's/^0//; s/Đ/D/; s/[^A-Za-z0-9]/-/g').docx
[ "$(cat "$T/name1")" = "$want" ] || fail "default name '$(cat "$T/name1")', expected '$want'"
[ "$(cat "$T/name2")" = "${want%.docx}-2.docx" ] || fail "a second export replaced the first: $(cat "$T/name2")"
check_docx "$T/here/$want"
[ -z "$(find "$T/here" -name '*.tmp-*')" ] || fail "a temporary file was left behind"

# The Giấy khen: one page per record of the decision, A4 landscape.
expect_exit 0 "$DH" -d "$T/db" --as tdkt report certificate --decision "$number" -o "$T/gk.pdf"
contains "$(pdfinfo "$T/gk.pdf")" "Pages:           $total" "certificates"
contains "$(pdfinfo "$T/gk.pdf")" "841.89 x 595.276 pts (A4)" "certificates"
expect_exit 64 "$DH" -d "$T/db" --as tdkt report certificate --format docx
expect_exit 64 "$DH" -d "$T/db" --as tdkt report certificate --decision

# What cannot be written says so, and leaves nothing.
expect_exit 74 "$DH" -d "$T/db" --as tdkt report review --year 2019 --format pdf -o "$T/none/r.pdf"
contains "$ERR" "$T/none/r.pdf"
[ ! -e "$T/none" ] || fail "a missing folder was made for -o"
expect_exit 64 "$DH" -d "$T/db" --as tdkt report review --format odt
contains "$ERR" "odt"
expect_exit 64 "$DH" -d "$T/db" --as tdkt report review -o
expect_exit 77 "$DH" -d "$T/db" --as nobody report decision --year 2019 --format docx -o "$T/no.docx"
[ ! -e "$T/no.docx" ] || fail "a refused document was written"
expect_exit 1 "$DH" -d "$T/db" --as tdkt report ballot --year 2021 --format pdf -o "$T/b.pdf"
[ ! -e "$T/b.pdf" ] || fail "a refused document was written"
