# verify: the audit chain of a demo database is clean, stays clean in a
# backup and after an import, and one byte changed in data.mdb behind the
# program's back (mdb_dump | awk | mdb_load, as anyone with write access
# could) is named with its audit entry, exit 65; so is a review counter
# (counts.h) that the records do not give.
. "$(dirname "$0")/../lib.sh"
export DIENHINH_TODAY=2021-09-15

command -v mdb_dump >/dev/null && command -v mdb_load >/dev/null || fail "lmdb-utils missing (make deps)"

# tamper DIR TABLE KEY_HEX FROM_HEX TO_HEX: in the value stored under KEY,
# the first FROM (hex bytes) becomes TO; only that pair is loaded back.
tamper() {
	local dir=$1 table=$2 key=" $3" from=$4 to=$5
	mdb_dump -s "$table" "$dir" | awk -v key="$key" -v from="$from" -v to="$to" '
		/^HEADER=END/ { print; body = 1; next }
		!body { if ($0 !~ /^db_pagesize=/) print; next }
		want { i = index($0, from); if (!i) exit 3
		       print substr($0, 1, i - 1) to substr($0, i + length(from)); want = 0; done = 1; next }
		($0 "") == key { print; want = 1; next }
		/^DATA=END/ { print }
		END { if (!done) exit 3 }' >"$T/patch" || fail "tamper: $key not found in $table"
	mdb_load -s "$table" -f "$T/patch" "$dir" || fail "mdb_load $table"
}

expect_exit 0 "$DH" --help
contains "$OUT" "verify"
expect_exit 64 "$DH" -d "$T/none" verify --what
expect_exit 74 "$DH" -d "$T/none" verify
contains "$ERR" "chưa có cơ sở dữ liệu"

expect_exit 0 "$DH" -d "$T/db" --as tdkt demo --records 300
# The demo's entries, and one for the plan of the year it kept (plan_year.h).
expect_exit 0 "$DH" -d "$T/db" verify
contains "$OUT" "Đã kiểm tra 14 mục nhật ký, 1.287 bản ghi: không có gì bị sửa."
contains "$OUT" "Mã băm của mục cuối (số 14): "
head=$(printf '%s\n' "$OUT" | sed -n 's/^Mã băm của mục cuối (số 14): //p')
contains "$OUT" "Số đếm của số liệu: 719 số, khớp với hồ sơ."
[ ${#head} -eq 64 ] || fail "no hash of the last entry: $OUT"

# A backup is the same chain, and verifies on its own.
expect_exit 0 "$DH" -d "$T/db" --as tdkt backup "$T/copy"
expect_exit 0 "$DH" -d "$T/copy" verify
contains "$OUT" "Đã kiểm tra 14 mục nhật ký, 1.287 bản ghi: không có gì bị sửa."
contains "$OUT" "$head"

# An import adds a bulk entry per kind of record; still clean.
cat >"$T/list.csv" <<'CSV'
year,kind,name,department
2021,individual,Nguyễn Thị Hoa,nv1
2021,collective,Phòng Nghiệp vụ 2,nv2
CSV
expect_exit 0 "$DH" -d "$T/db" --as tdkt import "$T/list.csv"
expect_exit 0 "$DH" -d "$T/db" verify
contains "$OUT" "Đã kiểm tra 15 mục nhật ký, 1.289 bản ghi: không có gì bị sửa."

# One byte of candidate #57 (key: type 1, id 57), "tdkt" in its
# created_by made "tdku": the demo's bulk entry 1 wrote it.
cp -r "$T/copy" "$T/rec"
tamper "$T/rec" records 010000000000000039 74646b74 74646b75
expect_exit 65 "$DH" -d "$T/rec" verify
contains "$ERR" "Hồ sơ điển hình #1–#300 khác với nội dung mục nhật ký số 1 đã ghi"
lacks "$OUT" "không có gì bị sửa"

# One byte of audit entry 5 (who wrote it): entry 6's link no longer holds.
cp -r "$T/copy" "$T/log"
tamper "$T/log" audit 0000000000000005 74646b74 74646b75
expect_exit 65 "$DH" -d "$T/log" verify
contains "$ERR" "Nhật ký bị sửa: mục số 6 không khớp với mục trước"

# Put back as it was: clean again (the check is of the bytes, nothing else).
tamper "$T/log" audit 0000000000000005 74646b75 74646b74
expect_exit 0 "$DH" -d "$T/log" verify
contains "$OUT" "$head"

# A review counter changed behind the program's back (key: year 2021,
# candidates, individual, new_factor, nv2; 2 made 5): named, exit 65.
cp -r "$T/copy" "$T/counts"
tamper "$T/counts" counts 79800007e56300006e7632 0000000000000002 0000000000000005
expect_exit 65 "$DH" -d "$T/counts" verify
contains "$ERR" "Số đếm «hồ sơ năm 2021 của phòng nv2, Cá nhân, Nhân tố mới» là 5 nhưng đếm lại từ hồ sơ được 2"
lacks "$OUT" "không có gì bị sửa"
