# A file too large for one write (issue 15): staged in chunks nobody else
# sees and published at once. Killed halfway it leaves nothing visible,
# verify stays clean, and the next writable start clears what it staged;
# while one import runs another is told who imports; no progress line when
# stderr is not a terminal.
. "$(dirname "$0")/../lib.sh"
db=$T/db
csv=$T/big.csv
{
	printf 'kind,name,department,title\r\n'
	for i in $(seq 1 1500); do printf 'individual,Lê Thử %d,nv1,Tiếp công dân\r\n' "$i"; done
} >"$csv"
export DIENHINH_TEST_IMPORT_CHUNK=100
records() { mdb_stat -s records "$db" | awk '/Entries/ {print $2}'; }

# Killed after its third chunk: nothing to see, nothing wrong.
DIENHINH_TEST_IMPORT_KILL=3 expect_exit 137 "$DH" -d "$db" --as tdkt import "$csv"
[ "$(records)" = 300 ] || fail "the three chunks should be in the file, hidden: $(records)"
expect_exit 0 "$DH" -d "$db" --as tdkt export
lacks "$OUT" "Lê Thử" "export after a killed import"
expect_exit 1 "$DH" -d "$db" --as tdkt search "le thu"
expect_exit 0 "$DH" -d "$db" --as tdkt verify
contains "$OUT" "0 bản ghi"

# The next import (a writable start) clears them first, then lands whole,
# with no progress line on a stderr that is a file.
expect_exit 0 "$DH" -d "$db" --as tdkt import "$csv"
contains "$OUT" "Đã nhập 1.500 hồ sơ"
lacks "$ERR" "Đang nhập" "stderr not a terminal"
# (and one record more: the plan of the year, kept once the store has data, plan_year.h)
[ "$(records)" = 1501 ] || fail "records after the import: $(records)"
expect_exit 0 "$DH" -d "$db" --as tdkt search --format tsv "le thu 1500"
contains "$OUT" "Lê Thử 1500"
expect_exit 0 "$DH" -d "$db" --as tdkt verify
contains "$OUT" "1.501 bản ghi"

# One at a time: while an import is paused after its first chunk, a second
# one is refused and told who imports; the first then completes.
pause=$T/paused
DIENHINH_TEST_IMPORT_PAUSE=$pause "$DH" -d "$db" --as tdkt import "$csv" >"$T/first.out" 2>&1 &
first=$!
for _ in $(seq 1 3000); do [ -e "$pause" ] && break; sleep 0.01; done
[ -e "$pause" ] || fail "the first import never paused"
printf 'kind,name,department\r\nindividual,Lê Một,nv1\r\n' >"$T/one.csv"
expect_exit 74 "$DH" -d "$db" --as tdkt import "$T/one.csv"
contains "$ERR" "tdkt đang nhập một tệp khác"
expect_exit 0 "$DH" -d "$db" --as tdkt export
lacks "$OUT" "1501," "the paused import's rows"
rm -f "$pause"
wait "$first" || fail "the paused import failed: $(cat "$T/first.out")"
expect_exit 0 "$DH" -d "$db" --as tdkt verify
contains "$OUT" "3.001 bản ghi"
