# CSV import: a good file with everything a spreadsheet throws at us, and
# every kind of bad row rejecting the whole file with FILE:LINE, nothing
# written.
. "$(dirname "$0")/../lib.sh"
DATA=$ROOT/tests/data/csv
db=$T/db

expect_exit 0 "$DH" -d "$db" --as tdkt import "$DATA/good.csv"
contains "$OUT" "Đã nhập 5 hồ sơ"

# Stored NFC (the file has the names decomposed), departments found by id
# and by name, both date forms read, formulas defused on the way out.
expect_exit 0 "$DH" -d "$db" --as tdkt export
csv=$OUT
nfc_name=$(printf 'Nguy\341\273\205n Th\341\273\213 Ho\303\240') # Nguyễn Thị Hoà, composed
contains "$csv" "1,2021,individual,$nfc_name,nv1,"
lacks "$csv" "$(printf 'Nguye\314\202\314\203n')" "export (decomposed text)"
contains "$csv" "model,Mô hình tiếp công dân lưu động,tcd,,Giảm 30% đơn vượt cấp,,recognised,12/QĐ-TTr,2020-11-30,,"
contains "$csv" "collective,Tập thể Phòng Nghiệp vụ 2,nv2,,,,awarded,5/QĐ-TTr,2019-11-30,6/QĐ-TTr,2019-12-02"
contains "$csv" "$(printf 'Tr\341\272\247n V\304\203n Thu\341\273\267,vp,K\341\272\277 to\303\241n')" # by name, NFC
contains "$csv" "\"Dòng một của mô tả
Dòng hai, có \"\"ngoặc kép\"\"\""
# A row without a year belongs to the plan's year.
contains "$csv" "4,2021,individual,"
contains "$csv" "'=HYPERLINK"
contains "$csv" "'@SUM(A1)"

# The export imports again, id column and defused cells included.
"$DH" -d "$db" --as tdkt export >"$T/again.csv"
expect_exit 0 "$DH" -d "$T/db2" --as tdkt import "$T/again.csv"
"$DH" -d "$T/db2" --as tdkt export >"$T/again2.csv"
cmp -s "$T/again.csv" "$T/again2.csv" || fail "export → import → export changed the data:
$(diff "$T/again.csv" "$T/again2.csv")"

# Every kind of bad row: exit 65, FILE:LINE naming the line where the row
# starts, and nothing written (the export is unchanged).
"$DH" -d "$db" --as tdkt export >"$T/before.csv"
bad() { # file line text
	expect_exit 65 "$DH" -d "$db" --as tdkt import "$DATA/$1"
	contains "$ERR" "$DATA/$1:$2: " "stderr of $1"
	contains "$ERR" "$3" "stderr of $1"
	contains "$ERR" "không nhập hồ sơ nào"
}
bad bad_missing_name.csv 3 "name"
bad bad_department.csv 4 "Phòng Kế hoạch"
bad bad_date.csv 3 "31/02/2021"
bad bad_kind.csv 2 "person"
bad bad_stage.csv 5 "done"
bad bad_utf8.csv 3 "UTF-8"
bad bad_control.csv 3 "điều khiển"
bad bad_column.csv 1 "departement"
contains "$ERR" "có phải “department”"
bad bad_quote.csv 3 "ngoặc kép"
"$DH" -d "$db" --as tdkt export >"$T/after.csv"
cmp -s "$T/before.csv" "$T/after.csv" || fail "a rejected import changed the database"

# Many faults in one file: every one reported, still nothing written.
{
	printf 'kind,name,department,recognised_date\r\n'
	printf 'individual,Lê An,nv1,\r\n'
	printf 'individual,,nv1,\r\n'
	printf 'team,Lê Bình,nv1,\r\n'
	printf 'model,"Mô hình\r\nhai dòng",xx,\r\n'
	printf 'individual,Lê Chi,nv1,2021-13-01\r\n'
} >"$T/many.csv"
expect_exit 65 "$DH" -d "$db" --as tdkt import "$T/many.csv"
contains "$ERR" "$T/many.csv:3: "
contains "$ERR" "$T/many.csv:4: "
contains "$ERR" "$T/many.csv:5: " # the multi-line row starts on line 5
contains "$ERR" "$T/many.csv:7: " # and the next one on line 7
contains "$ERR" "có 4 lỗi"
"$DH" -d "$db" --as tdkt export >"$T/after.csv"
cmp -s "$T/before.csv" "$T/after.csv" || fail "a rejected import changed the database"

# Columns in any order, header names in any case, blank rows skipped,
# stdin as "-".
printf '\r\nDepartment , NAME,Kind\r\nVăn phòng,Hồ Thị Giang,individual\r\n,,\r\n' >"$T/order.csv"
expect_exit 0 "$DH" -d "$db" --as tdkt import - <"$T/order.csv"
contains "$OUT" "Đã nhập 1 hồ sơ"

# Look-alike text: every bidirectional control, zero-width character and a
# BOM inside a cell refuses the row with FILE:ROW naming the codepoint
# (nothing written); a BOM that opens the file is the file's.
"$DH" -d "$db" --as tdkt export >"$T/before.csv"
for cp in 202A 202B 202C 202D 202E 2066 2067 2068 2069 200B 200C 200D 2060 FEFF; do
	printf 'kind,name,department\nindividual,Lê An,nv1\nindividual,Lê Văn\u'"$cp"' Bình,nv1\n' >"$T/look.csv"
	expect_exit 65 "$DH" -d "$db" --as tdkt import "$T/look.csv"
	contains "$ERR" "$T/look.csv:3: cột “name”: Tên: chứa ký tự" "U+$cp in a name"
	contains "$ERR" "U+$cp" "U+$cp in a name"
	contains "$ERR" "(không được phép)." "U+$cp in a name"
done
printf 'kind,name,department\nindividual,Lê An,n\u200bv1\n' >"$T/look.csv"
expect_exit 65 "$DH" -d "$db" --as tdkt import "$T/look.csv"
contains "$ERR" "$T/look.csv:2: cột “department”: chứa ký tự không độ rộng U+200B (không được phép)"
"$DH" -d "$db" --as tdkt export >"$T/after.csv"
cmp -s "$T/before.csv" "$T/after.csv" || fail "a refused look-alike changed the database"
printf '\xef\xbb\xbfkind,name,department\nindividual,Lê Văn Bom,nv1\n' >"$T/bom.csv"
expect_exit 0 "$DH" -d "$db" --as tdkt import "$T/bom.csv"
contains "$OUT" "Đã nhập 1 hồ sơ"

# A file whose name holds an escape sequence (and a right-to-left
# override): named with them written out, \x1B and \u202E, on the terminal
# and in the audit note; the raw bytes reach neither.
evil=$T/$'ds\e[2J\u202ecsv.txt'
shown="$T/ds\\x1B[2J\\u202Ecsv.txt"
printf 'kind,name,department\nindividual,,nv1\n' >"$evil"
expect_exit 65 "$DH" -d "$db" --as tdkt import "$evil"
contains "$ERR" "$shown:2: "
contains "$ERR" "dienhinh import: $shown có 1 lỗi"
lacks "$ERR" $'\e' "stderr (raw escape)"
printf 'kind,name,department\nindividual,Lê Văn Tên Tệp,nv1\n' >"$evil"
expect_exit 0 "$DH" -d "$db" --as tdkt import "$evil"
contains "$OUT" "Đã nhập 1 hồ sơ từ $shown."
lacks "$OUT" $'\e' "stdout (raw escape)"
grep -aqF 'ds\x1B[2J\u202Ecsv.txt' "$db/data.mdb" || fail "the audit note does not name the file escaped"
! grep -aqF $'ds\e[2J' "$db/data.mdb" || fail "the audit note holds the raw escape sequence"
