# search (the lookup engine from the command line) and stats (the review
# numbers), in every format, with their exit codes.
. "$(dirname "$0")/../lib.sh"
db=$T/db
{
	printf 'kind,name,department,year,stage,title,recognised_decision,award_decision\r\n'
	printf 'individual,Nguyễn Thị Hòa,nv1,2021,new_factor,Hoàn thành xuất sắc nhiệm vụ,,\r\n'
	printf 'individual,Nguyễn Văn Hùng,vp,2021,fostering,,,\r\n'
	printf 'model,Mô hình tiếp công dân lưu động,tcd,2020,recognised,Giảm đơn vượt cấp,12/QĐ-TTr,\r\n'
	printf 'collective,Tập thể Phòng Nghiệp vụ 2,nv2,2021,awarded,,5/QĐ-TTr,6/QĐ-TTr\r\n'
	printf 'individual,Trần Thị Thuỷ,vp,2021,fostering,,,\r\n'
} >"$T/in.csv"
expect_exit 0 "$DH" -d "$db" --as tdkt import "$T/in.csv"

# tsv: id, year, kind, name, department, stage.
expect_exit 0 "$DH" -d "$db" search --format tsv nguyen hoa
[ "$OUT" = "$(printf '1\t2021\tindividual\tNguyễn Thị Hòa\tnv1\tnew_factor')" ] || fail "tsv hit: $OUT"
# Tone on either vowel, no marks at all, decomposed input: the same hits.
expect_exit 0 "$DH" -d "$db" search --format tsv Hoà
contains "$OUT" "Nguyễn Thị Hòa"
expect_exit 0 "$DH" -d "$db" search --format tsv thuy
contains "$OUT" "Trần Thị Thuỷ"
expect_exit 0 "$DH" -d "$db" search --format tsv "$(printf 'Nguye\314\202\314\203n')"
[ "$(printf '%s\n' "$OUT" | wc -l)" -eq 2 ] || fail "decomposed Nguyễn: $OUT"
# Several words must all match.
expect_exit 0 "$DH" -d "$db" search --format tsv tiếp công dân
contains "$OUT" "Mô hình tiếp công dân lưu động"
# --recognised keeps recognised and awarded ones only.
expect_exit 0 "$DH" -d "$db" search --recognised --format tsv Phòng
contains "$OUT" "Tập thể Phòng Nghiệp vụ 2"
expect_exit 1 "$DH" -d "$db" search --recognised Nguyễn
# json is an array of candidates that parses.
expect_exit 0 "$DH" -d "$db" search --format json Nguyễn
printf '%s' "$OUT" | python3 -c 'import json,sys; a=json.load(sys.stdin); assert len(a)==2 and all("Nguyễn" in x["name"] for x in a), a' ||
	fail "json hits: $OUT"
# text is for people.
expect_exit 0 "$DH" -d "$db" search Nguyễn
contains "$OUT" "Cá nhân: Nguyễn Thị Hòa"
contains "$OUT" "Phòng Nghiệp vụ 1"
contains "$OUT" "2 kết quả"
expect_exit 1 "$DH" -d "$db" search Xyzzy

# stats tsv: one line per department, kind, stage with records.
expect_exit 0 "$DH" -d "$db" stats --year 2021 --format tsv
want=$(printf 'vp\tindividual\tfostering\t2\nnv1\tindividual\tnew_factor\t1\nnv2\tcollective\tawarded\t1')
[ "$OUT" = "$want" ] || fail "stats tsv 2021:
$OUT"
expect_exit 0 "$DH" -d "$db" stats --year 2020 --format tsv
[ "$OUT" = "$(printf 'tcd\tmodel\trecognised\t1')" ] || fail "stats tsv 2020: $OUT"
# The plan's year is the default; text is the readable report.
expect_exit 0 "$DH" -d "$db" stats
contains "$OUT" "Số liệu năm 2021"
contains "$OUT" "Hồ sơ: 4 (Cá nhân 3, Tập thể 1, Mô hình 0)"
contains "$OUT" "Phòng Nghiệp vụ 2"

# On demo data the numbers agree with the export.
expect_exit 0 "$DH" -d "$T/demo" --as tdkt demo --records 400 --seed 3
"$DH" -d "$T/demo" --as tdkt export >"$T/demo.csv"
for y in 2017 2019 2021; do
	expect_exit 0 "$DH" -d "$T/demo" stats --year $y --format tsv
	sum=$(printf '%s\n' "$OUT" | awk -F'\t' '{s += $4} END {print s + 0}')
	rows=$(grep -c "^[0-9]*,$y," "$T/demo.csv" || true)
	[ "$sum" -eq "$rows" ] || fail "stats $y count $sum, export has $rows"
done
expect_exit 0 "$DH" -d "$T/demo" stats --year 2019
contains "$OUT" "Hội đồng:"
lacks "$OUT" "Hội đồng: 0 phiên"
lacks "$OUT" "hỗ trợ vật chất tổng cộng 0 đồng"
