# Workbooks LibreOffice makes, made here: a CSV converted by
# `soffice --headless --convert-to xlsx` (dates recognised into serial date
# cells, text into shared strings) imports as the CSV itself does, and our
# own export opened and saved again by LibreOffice imports to the same
# records. LibreOffice is large and not in `make deps`: without `soffice`
# this test says so and exits 77, which tests/run reports as "not run"
# (tests/cli/xlsx.sh still reads the workbook LibreOffice saved into
# tests/data/xlsx/).
. "$(dirname "$0")/../lib.sh"
if ! command -v soffice >/dev/null; then
	echo "not run: soffice not found (sudo apt-get install --no-install-recommends libreoffice-calc-nogui)"
	exit 77
fi
DATA=$ROOT/tests/data

# A profile of its own: a LibreOffice the user has open is left alone.
lo() { # outdir files... : converted to xlsx in outdir
	local out=$1
	shift
	soffice -env:UserInstallation="file://$T/lo-profile" --headless \
		--infilter="CSV:44,34,76,1,,1066,false,true" --convert-to xlsx --outdir "$out" "$@" \
		>"$T/lo.log" 2>&1 || fail "soffice failed: $(cat "$T/lo.log")"
}

# The CSV of tests/data/xlsx, Vietnamese locale (1066: dates read D/M/Y),
# special numbers detected: ISO and D/M/Y dates become date cells.
mkdir -p "$T/conv"
lo "$T/conv" "$DATA/xlsx/libreoffice.csv"
book=$T/conv/libreoffice.xlsx
[ -s "$book" ] || fail "LibreOffice wrote no workbook: $(cat "$T/lo.log")"
unzip -p "$book" xl/sharedStrings.xml | grep -q 'Mô hình tiếp công dân lưu động' ||
	fail "LibreOffice's workbook has no shared strings"
unzip -p "$book" xl/worksheets/sheet1.xml | grep -q '<v>44165</v>' ||
	fail "LibreOffice did not keep 2020-11-30 as a serial date: $(unzip -p "$book" xl/worksheets/sheet1.xml | head -c 3000)"
expect_exit 0 "$DH" -d "$T/via-lo" --as tdkt import "$book"
contains "$OUT" "Đã nhập 4 hồ sơ"
expect_exit 0 "$DH" -d "$T/direct" --as tdkt import "$DATA/xlsx/libreoffice.csv"
"$DH" -d "$T/via-lo" --as tdkt export >"$T/via-lo.csv"
"$DH" -d "$T/direct" --as tdkt export >"$T/direct.csv"
cmp -s "$T/via-lo.csv" "$T/direct.csv" || fail "the CSV through LibreOffice imports differently:
$(diff "$T/direct.csv" "$T/via-lo.csv")"

# Our export, opened by LibreOffice and saved again (its own styles, shared
# strings instead of our inline ones, its date formats), imports the same.
expect_exit 0 "$DH" -d "$T/demo" --as tdkt demo --records 40 --seed 3
expect_exit 0 "$DH" -d "$T/demo" --as tdkt export --format xlsx -o "$T/ours.xlsx"
mkdir -p "$T/resaved"
soffice -env:UserInstallation="file://$T/lo-profile" --headless --convert-to xlsx --outdir "$T/resaved" \
	"$T/ours.xlsx" >"$T/lo.log" 2>&1 || fail "soffice failed: $(cat "$T/lo.log")"
unzip -p "$T/resaved/ours.xlsx" xl/workbook.xml | grep -q 'name="QĐ khen thưởng"' ||
	fail "LibreOffice lost a sheet: $(unzip -p "$T/resaved/ours.xlsx" xl/workbook.xml)"
expect_exit 0 "$DH" -d "$T/back" --as tdkt import "$T/resaved/ours.xlsx"
contains "$OUT" "Đã nhập 40 hồ sơ"
"$DH" -d "$T/demo" --as tdkt export >"$T/demo.csv"
"$DH" -d "$T/back" --as tdkt export >"$T/back.csv"
cmp -s "$T/demo.csv" "$T/back.csv" || fail "export → LibreOffice → import changed the records:
$(diff "$T/demo.csv" "$T/back.csv" | head -20)"
echo "xlsx_libreoffice: ok"
