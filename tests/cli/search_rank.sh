# search ranks best match first (issue 16): the looser matches are newer,
# so newest first would put them on top.
. "$(dirname "$0")/../lib.sh"
db=$T/db
{
	printf 'kind,name,department,year,stage,title,recognised_decision,award_decision\r\n'
	printf 'individual,Nguyễn Văn Hùng,vp,2016,recognised,,20/QĐ-TTr,\r\n'
	printf 'individual,Nguyễn Văn An,vp,2015,recognised,,9/QĐ-TTr,\r\n'
	printf 'individual,Trần Thị Mai,nv1,2016,fostering,,,\r\n'
	printf 'individual,Lý Giang Ngọc,nv1,2016,fostering,,,\r\n'
	for y in 2018 2019 2020 2021; do
		printf 'individual,Nguyễn Thái Vân,nv2,%s,fostering,,,\r\n' $y
		printf 'individual,PHAN VÂN NGUYÊN,nv2,%s,fostering,,,\r\n' $y
		printf 'individual,Trần Ngọc Thi,nv2,%s,fostering,,,\r\n' $y
		printf 'individual,Lý Ngọc Giang,nv2,%s,fostering,,,\r\n' $y
		printf 'individual,Hoàng Văn Hải,vp,%s,recognised,,2/QĐ-TTr,\r\n' $y
	done
} >"$T/in.csv"
expect_exit 0 "$DH" -d "$db" --as tdkt import "$T/in.csv"

names() { printf '%s\n' "$OUT" | cut -f4; }

expect_exit 0 "$DH" -d "$db" search --format tsv nguyen van
want=$(printf 'Nguyễn Văn Hùng\nNguyễn Văn An')
[ "$(names | head -2)" = "$want" ] || fail "nguyen van, first two:
$OUT"
# then in the typed order with a gap, then scattered
[ "$(names | sed -n 3p)" = "Nguyễn Thái Vân" ] || fail "nguyen van, third: $OUT"
[ "$(names | tail -1)" = "PHAN VÂN NGUYÊN" ] || fail "nguyen van, last: $OUT"

expect_exit 0 "$DH" -d "$db" search --format tsv tran thi
[ "$(names | head -1)" = "Trần Thị Mai" ] || fail "tran thi: $OUT"

expect_exit 0 "$DH" -d "$db" search --format tsv ly giang ngoc
[ "$(names | head -1)" = "Lý Giang Ngọc" ] || fail "ly giang ngoc: $OUT"
[ "$(printf '%s\n' "$OUT" | wc -l)" -eq 5 ] || fail "ly giang ngoc hits: $OUT"

# A decision number is one token; its year merely starting with 20 is not.
for q in "20/QĐ-TTr" "20/qd" "020/QĐ-TTr"; do
	expect_exit 0 "$DH" -d "$db" search --format tsv "$q"
	[ "$(names | head -1)" = "Nguyễn Văn Hùng" ] || fail "$q: $OUT"
done
# Text output keeps the same order.
expect_exit 0 "$DH" -d "$db" search 20/QĐ-TTr
first=$(printf '%s\n' "$OUT" | grep -m1 -o 'Nguyễn Văn Hùng\|Hoàng Văn Hải')
[ "$first" = "Nguyễn Văn Hùng" ] || fail "text order: $OUT"

# On demo data: the records that carry 20/QĐ-TTr come before every other.
expect_exit 0 "$DH" -d "$T/demo" --as tdkt demo --records 1000 --seed 3
expect_exit 0 "$DH" -d "$T/demo" search --format json 20/QĐ-TTr
printf '%s' "$OUT" | python3 -c '
import json, sys
hits = json.load(sys.stdin)
carry = [("20/QĐ-TTr" in (h.get("recognised_decision") or "", h.get("award_decision") or "")) for h in hits]
k = sum(carry)
assert k > 0, "no record carries 20/QĐ-TTr"
assert all(carry[:k]) and not any(carry[k:]), carry
' || fail "demo 20/QĐ-TTr order"
