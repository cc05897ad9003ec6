#!/usr/bin/env bash
# tests/bench/xlsx.sh [N] — Excel in and out against the text formats, as
# whole processes (farm-bench, paired runs, medians), on N demo candidates
# (default 100000) with their history:
#   export --format xlsx -o (7 sheets: candidates and every history record)
#     vs export --format jsonl (the same records, as text);
#   import of the workbook's Hồ sơ sheet vs import of the CSV export of the
#     same candidates, each into a fresh database.
# Data is kept in $DH_BENCH_DIR (default var/bench-xlsx); delete it to make
# the records again. Figures go to stdout; tests/bench/README.md keeps them.
set -eu
cd "$(dirname "$0")/../.."
n=${1:-100000}
mkdir -p "${DH_BENCH_DIR:-var/bench-xlsx}"
work=$(cd "${DH_BENCH_DIR:-var/bench-xlsx}" && pwd)
dh=$PWD/build/dienhinh
export DIENHINH_CONFIG=$PWD/config/dienhinh.yaml DIENHINH_TODAY=2021-09-15
[ -x "$dh" ] || { echo "build/dienhinh: not built (make)" >&2; exit 1; }
command -v farm-bench >/dev/null || { echo "farm-bench not found" >&2; exit 1; }
if [ ! -e "$work/demo-$n/data.mdb" ]; then
	rm -rf "$work/demo-$n"
	"$dh" -d "$work/demo-$n" --as tdkt demo --records "$n" --seed 1
fi
db=$work/demo-$n
"$dh" -d "$db" --as tdkt export --format xlsx -o "$work/out.xlsx" 2>/dev/null
"$dh" -d "$db" --as tdkt export -o "$work/out.csv" 2>/dev/null
"$dh" -d "$db" --as tdkt export --format jsonl -o "$work/out.jsonl" 2>/dev/null
ls -l "$work/out.xlsx" "$work/out.csv" "$work/out.jsonl"

echo "== export: xlsx (A) vs jsonl (B), $n candidates with their history"
farm-bench -n 3 --timeout 900 --vs "$dh -d $db --as tdkt export --format jsonl -o $work/b.jsonl" \
	-- "$dh" -d "$db" --as tdkt export --format xlsx -o "$work/a.xlsx"

echo "== import: the workbook (A) vs the CSV (B), $n rows, each into a fresh database"
farm-bench -n 3 --timeout 900 --vs "sh -c 'rm -rf $work/ib; exec $dh -d $work/ib --as tdkt import $work/out.csv'" \
	-- sh -c "rm -rf $work/ia; exec $dh -d $work/ia --as tdkt import $work/out.xlsx"
