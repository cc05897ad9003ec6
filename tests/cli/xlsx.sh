# Excel in and out: export --format xlsx → import into a fresh database
# gives the same records; the workbook's sheets, header, widths and date
# cells; workbooks as other programs write them (inline strings, numbers
# stored as text, cells left out, a second sheet chosen by --sheet, the one
# LibreOffice saved in tests/data/xlsx/); bad rows named FILE:SHEET!ROW.
. "$(dirname "$0")/../lib.sh"
DATA=$ROOT/tests/data

# src/sheet/ knows no records: it reaches util and nothing above.
if grep -hE '#include "dienhinh/' "$ROOT"/src/sheet/*.c "$ROOT"/include/dienhinh/xlsx*.h |
	grep -vE '"dienhinh/(xlsx|xlsx_write|error|date|utf8)\.h"'; then
	fail "src/sheet/ reaches above itself"
fi

# --- out and back in ---------------------------------------------------------
expect_exit 0 "$DH" -d "$T/demo" --as tdkt demo --records 60 --seed 7
expect_exit 0 "$DH" -d "$T/demo" --as tdkt export --format xlsx -o "$T/out.xlsx"
contains "$ERR" "Đã xuất ra $T/out.xlsx"
[ -z "$(ls "$T" | grep 'tmp-')" ] || fail "a temporary file was left beside the workbook"
expect_exit 0 "$DH" -d "$T/again" --as tdkt import "$T/out.xlsx"
contains "$OUT" "Đã nhập 60 hồ sơ từ $T/out.xlsx"
"$DH" -d "$T/demo" --as tdkt export >"$T/demo.csv"
"$DH" -d "$T/again" --as tdkt export >"$T/again.csv"
cmp -s "$T/demo.csv" "$T/again.csv" || fail "export xlsx → import → export csv changed the records:
$(diff "$T/demo.csv" "$T/again.csv" | head -20)"

# The workbook as Excel reads it: the sheets in order, the header bold and
# frozen, widths fitted and bounded, dates as date cells shown dd/mm/yyyy,
# numbers as numbers; each history sheet holds what the JSON Lines export
# nests under the candidates.
"$DH" -d "$T/demo" --as tdkt export --format jsonl >"$T/demo.jsonl"
python3 - "$T/out.xlsx" "$T/demo.jsonl" <<'PY' || fail "the workbook's layout"
import json, re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
wb = z.read("xl/workbook.xml").decode()
names = re.findall(r'<sheet name="([^"]+)"', wb)
assert names == ["Hồ sơ", "Bồi dưỡng", "Đăng ký", "Biểu quyết", "QĐ công nhận", "QĐ khen thưởng",
                 "Nhân rộng"], names
styles = z.read("xl/styles.xml").decode()
assert 'formatCode="dd/mm/yyyy"' in styles, styles
date_style = None
xfs = re.search(r"<cellXfs[^>]*>(.*?)</cellXfs>", styles).group(1)
for i, xf in enumerate(re.findall(r"<xf [^>]*>", xfs)):
    if 'numFmtId="164"' in xf:
        date_style = str(i)
fonts = re.findall(r"<font>.*?</font>|<font/>", re.search(r"<fonts[^>]*>(.*?)</fonts>", styles).group(1))
assert any("<b/>" in f for f in fonts), fonts
rows = {}
for k, name in enumerate(names):
    sheet = z.read("xl/worksheets/sheet%d.xml" % (k + 1)).decode()
    assert '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' in sheet, name
    widths = [float(w) for w in re.findall(r'<col [^>]*width="([0-9.]+)"', sheet)]
    assert widths and all(8 <= w <= 61 for w in widths), (name, widths)
    header = re.search(r'<row r="1"[^>]*>(.*?)</row>', sheet).group(1)
    assert all(' s="1"' in c for c in re.findall(r"<c [^>]*>", header)), header  # bold
    rows[name] = re.findall(r'<row r="(\d+)"[^>]*>(.*?)</row>', sheet)[1:]
cands = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
live = [c for c in cands if not c["deleted"]]
assert len(rows["Hồ sơ"]) == len(live) == 60
# A recognised candidate's date is a date cell in column K, its id a number.
dated = [r for _, r in rows["Hồ sơ"] if re.search(r'<c r="K\d+" s="%s"><v>\d+</v></c>' % date_style, r)]
assert len(dated) == sum(1 for c in live if c["recognised_date"]), len(dated)
assert all(re.match(r'<c r="A\d+"><v>\d+</v></c>', r) for _, r in rows["Hồ sơ"])
def count(key, kind=None):
    seen = set()
    for c in live:
        for rec in c[key]:
            if not rec["deleted"]:
                seen.add(rec["id"])
    return len(seen)
for name, key in [("Bồi dưỡng", "fostering"), ("Đăng ký", "registrations"), ("Biểu quyết", "vote_items"),
                  ("QĐ công nhận", "decisions"), ("QĐ khen thưởng", "awards"), ("Nhân rộng", "activities")]:
    assert len(rows[name]) == count(key), (name, len(rows[name]), count(key))
    assert len(rows[name]) > 0, name
# Enums by their labels.
foster = z.read("xl/worksheets/sheet2.xml").decode()
assert re.search(r"<t>(Hướng dẫn|Động viên|Hỗ trợ vật chất)</t>", foster)
PY

# xlsx needs a file: never binary to the terminal or a pipe.
expect_exit 64 "$DH" -d "$T/demo" --as tdkt export --format xlsx
contains "$ERR" "cần -o"
expect_exit 64 "$DH" -d "$T/demo" --as tdkt export --format xlsx -o -
expect_exit 64 "$DH" -d "$T/demo" --as tdkt export --format ods -o "$T/x.ods"
contains "$ERR" "csv, jsonl hoặc xlsx"
# A folder that is not there: said, nothing left behind; an existing file
# is replaced whole.
expect_exit 73 "$DH" -d "$T/demo" --as tdkt export --format xlsx -o "$T/nowhere/out.xlsx"
contains "$ERR" "không có thư mục này"
echo old >"$T/old.xlsx"
expect_exit 0 "$DH" -d "$T/demo" --as tdkt export --format xlsx -o "$T/old.xlsx"
expect_exit 0 "$DH" -d "$T/old" --as tdkt import "$T/old.xlsx"
contains "$OUT" "Đã nhập 60 hồ sơ"
# csv and jsonl can go to a file too.
expect_exit 0 "$DH" -d "$T/demo" --as tdkt export -o "$T/to-file.csv"
cmp -s "$T/to-file.csv" "$T/demo.csv" || fail "export -o FILE.csv differs from standard output"

# --- workbooks as other programs write them -----------------------------------
# Built part by part: inline strings (as libxlsxwriter and some exporters
# write), shared strings, numbers where text is expected (a year, a
# department code typed as a number), cells left out of the XML (C5 after
# A5), a multi-line cell before a bad row, dates as serials with and
# without a date format, as text both ways, and a second sheet.
python3 - "$T" <<'PY'
import sys, zipfile
NS = ('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
def cell(ref, v, style=None):
    s = ' s="%d"' % style if style is not None else ""
    if isinstance(v, (int, float)):
        return '<c r="%s"%s><v>%s</v></c>' % (ref, s, v)
    return '<c r="%s" t="inlineStr"%s><is><t xml:space="preserve">%s</t></is></c>' % (ref, s, esc(v))
def sheet(rows):
    out = []
    for r, cells in rows:
        out.append('<row r="%d">%s</row>' % (r, "".join(cell(*c) for c in cells)))
    return '<?xml version="1.0"?><worksheet %s><sheetData>%s</sheetData></worksheet>' % (NS, "".join(out))
def book(path, sheets):
    z = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED)
    z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook %s><sheets>%s</sheets></workbook>' % (NS, "".join(
        '<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (esc(n), i + 1, i + 1) for i, (n, _) in enumerate(sheets))))
    rels = "".join('<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>' % (i + 1, i + 1) for i in range(len(sheets)))
    rels += '<Relationship Id="rSt" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">%s</Relationships>' % rels)
    # style 1: the built-in date format 14
    z.writestr("xl/styles.xml", '<?xml version="1.0"?><styleSheet %s><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>' % NS)
    for i, (_, rows) in enumerate(sheets):
        z.writestr("xl/worksheets/sheet%d.xml" % (i + 1), sheet(rows))
    z.close()
head = [("A1", "kind"), ("B1", "name"), ("C1", "department"), ("D1", "year"), ("E1", "recognised_decision"),
        ("F1", "recognised_date"), ("G1", "description")]
good = [(1, head),
        (2, [("A2", "individual"), ("B2", "Lê Thị Một"), ("C2", "nv1"), ("D2", 2021)]),
        (3, [("A3", "Cá nhân"), ("B3", "Lê Thị Hai"), ("C3", "nv1"), ("E3", "3/QĐ-TTr"), ("F3", 44377, 1)]),
        # a serial the spreadsheet lost the date format of
        (4, [("A4", "individual"), ("B4", "Lê Thị Ba"), ("C4", "nv1"), ("E4", "4/QĐ-TTr"), ("F4", 44378)]),
        # D5..F5 left out of the XML, G5 after C5
        (5, [("A5", "model"), ("B5", "Mô hình Năm"), ("C5", "tcd"), ("G5", "2021")]),
        (7, [("A7", "individual"), ("B7", "Lê Thị Bảy"), ("C7", "nv2"), ("D7", "2020"), ("E7", "7/QĐ-TTr"),
             ("F7", "15/03/2021"), ("G7", "dòng một\ndòng hai")]),
        (9, [("A9", "individual"), ("B9", "Lê Thị Chín"), ("C9", "vp"), ("E9", "9/QĐ-TTr"), ("F9", "2021-03-16")])]
# The second sheet: C10 right after A10, the name left out.
sparse = [(1, head), (10, [("A10", "individual"), ("C10", "nv1")])]
book(sys.argv[1] + "/good.xlsx", [("Danh sách", good), ("Trống tên", sparse)])
bad = [(1, head),
       (2, [("A2", "individual"), ("B2", "Lê Thị Một"), ("C2", "nv1"), ("G2", "ba\ndòng\nở đây")]),
       (3, [("A3", "individual"), ("B3", "Lê Thị Hai"), ("C3", "Phòng Kế hoạch")]),
       (5, [("A5", "individual"), ("B5", "Lê Thị Năm"), ("C5", "nv1"), ("E5", "5/QĐ-TTr"), ("F5", 12)]),
       (6, [("A6", "person"), ("B6", "Lê Thị Sáu"), ("C6", "nv1")])]
book(sys.argv[1] + "/bad.xlsx", [("Đợt 1", bad)])
# An OpenDocument spreadsheet is a zip too: its "mimetype" first, stored.
z = zipfile.ZipFile(sys.argv[1] + "/ods.ods", "w")
z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
z.close()
PY
expect_exit 0 "$DH" -d "$T/made" --as tdkt import "$T/good.xlsx"
contains "$OUT" "Đã nhập 6 hồ sơ"
expect_exit 0 "$DH" -d "$T/made" --as tdkt export
contains "$OUT" "1,2021,individual,Lê Thị Một,nv1,"
contains "$OUT" "2,2021,individual,Lê Thị Hai,nv1,,,,recognised,3/QĐ-TTr,2021-06-30,,"
contains "$OUT" "3,2021,individual,Lê Thị Ba,nv1,,,,recognised,4/QĐ-TTr,2021-07-01,,"
contains "$OUT" "4,2021,model,Mô hình Năm,tcd,,,2021,new_factor,"
contains "$OUT" "5,2020,individual,Lê Thị Bảy,nv2,,,\"dòng một
dòng hai\",recognised,7/QĐ-TTr,2021-03-15,,"
contains "$OUT" "6,2021,individual,Lê Thị Chín,vp,,,,recognised,9/QĐ-TTr,2021-03-16,,"

# Every bad row, named by its sheet and its row as Excel shows them (the
# line breaks of row 2 do not shift the rows after it); nothing written.
expect_exit 65 "$DH" -d "$T/made2" --as tdkt import "$T/bad.xlsx"
contains "$ERR" "$T/bad.xlsx:Đợt 1!3: cột “department”: không có phòng “Phòng Kế hoạch”"
contains "$ERR" "$T/bad.xlsx:Đợt 1!5: cột “recognised_date”: “12” không phải một ngày có thật"
contains "$ERR" "$T/bad.xlsx:Đợt 1!6: cột “kind”: “person”"
lacks "$ERR" "Đợt 1!2:"
contains "$ERR" "$T/bad.xlsx có 3 lỗi; không nhập hồ sơ nào."
[ ! -e "$T/made2/data.mdb" ] || {
	"$DH" -d "$T/made2" --as tdkt export >"$T/made2.csv"
	[ "$(wc -l <"$T/made2.csv")" -eq 1 ] || fail "a refused workbook wrote records"
}

# --sheet: by name (in any case), a missing one lists the sheets; the
# second sheet's header has a cell left out and a row far down.
expect_exit 65 "$DH" -d "$T/second" --as tdkt import --sheet "TRỐNG TÊN" "$T/good.xlsx"
contains "$ERR" "$T/good.xlsx:Trống tên!10: thiếu “name” (bắt buộc)"
lacks "$ERR" "Danh sách!"
expect_exit 65 "$DH" -d "$T/second" --as tdkt import --sheet "Tháng 3" "$T/good.xlsx"
contains "$ERR" "$T/good.xlsx: không có trang “Tháng 3” (các trang: “Danh sách”, “Trống tên”)"
expect_exit 65 "$DH" -d "$T/second" --as tdkt import --sheet "Danh sách" "$DATA/csv/good.csv"
contains "$ERR" "không phải bảng tính Excel (.xlsx)"
expect_exit 64 "$DH" -d "$T/second" --as tdkt import --sheet
# A workbook from standard input.
expect_exit 0 "$DH" -d "$T/stdin" --as tdkt import - <"$T/good.xlsx"
contains "$OUT" "Đã nhập 6 hồ sơ"

# --- the workbook LibreOffice saved (tests/data/xlsx/make_libreoffice.py) ---
# Shared strings, dates stored as serial numbers with a dd/mm/yyyy format, a
# date kept as text, a kind by its Vietnamese label, a second sheet.
LO=$DATA/xlsx/libreoffice.xlsx
unzip -p "$LO" xl/sharedStrings.xml | grep -q 'Nguyễn Thị Hoà' || fail "the LibreOffice workbook has no shared strings"
unzip -p "$LO" xl/worksheets/sheet1.xml | grep -q '<v>44165</v>' || fail "the LibreOffice workbook keeps no serial date"
expect_exit 0 "$DH" -d "$T/lo" --as tdkt import "$LO"
contains "$OUT" "Đã nhập 4 hồ sơ"
expect_exit 0 "$DH" -d "$T/lo" --as tdkt export
contains "$OUT" "2,2020,model,Mô hình tiếp công dân lưu động,tcd,,,,recognised,12/QĐ-TTr,2020-11-30,,"
contains "$OUT" "3,2019,collective,Tập thể Phòng Nghiệp vụ 2,nv2,,,,awarded,5/QĐ-TTr,2019-11-30,6/QĐ-TTr,2019-12-02"
contains "$OUT" "\"Dòng một
Dòng hai, có \"\"ngoặc kép\"\"\""
# The same records as the CSV it was made from.
expect_exit 0 "$DH" -d "$T/lo-csv" --as tdkt import "$DATA/xlsx/libreoffice.csv"
"$DH" -d "$T/lo-csv" --as tdkt export >"$T/lo-csv.csv"
"$DH" -d "$T/lo" --as tdkt export >"$T/lo.csv"
cmp -s "$T/lo-csv.csv" "$T/lo.csv" || fail "LibreOffice's workbook and its CSV import differently:
$(diff "$T/lo-csv.csv" "$T/lo.csv")"
expect_exit 0 "$DH" -d "$T/lo2" --as tdkt import --sheet Khác "$LO"
expect_exit 0 "$DH" -d "$T/lo2" --as tdkt export
contains "$OUT" "1,2021,individual,Lê Văn An,nv1,"
contains "$OUT" "2,2021,individual,Phạm Thị Bình,tcd,,,,recognised,7/QĐ-TTr,2021-06-30,,"

# --- what is not a workbook we read -------------------------------------------
printf '\320\317\021\340\241\261\032\341rest of an old file' >"$T/old.xls"
expect_exit 65 "$DH" -d "$T/none" --as tdkt import "$T/old.xls"
contains "$ERR" "Excel 97–2003 (.xls)"
cp "$DATA/csv/good.csv" "$T/renamed.xlsx"
expect_exit 65 "$DH" -d "$T/none" --as tdkt import "$T/renamed.xlsx"
contains "$ERR" "$T/renamed.xlsx: tên tệp là bảng tính Excel nhưng nội dung không phải"
expect_exit 65 "$DH" -d "$T/none" --as tdkt import "$T/ods.ods"
contains "$ERR" "OpenDocument (.ods)"
head -c 2000 "$T/out.xlsx" >"$T/cut.xlsx"
expect_exit 65 "$DH" -d "$T/none" --as tdkt import "$T/cut.xlsx"
contains "$ERR" "$T/cut.xlsx: không đọc được bảng tính:"
[ ! -e "$T/none/data.mdb" ] || [ "$("$DH" -d "$T/none" --as tdkt export | wc -l)" -eq 1 ] ||
	fail "a refused file wrote records"
echo "xlsx: ok"
