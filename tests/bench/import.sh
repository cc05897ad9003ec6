#!/usr/bin/env bash
# tests/bench/import.sh — the import at size (issues 10 and 15): the time
# and peak memory of importing 1,000,000 rows; the peak memory of a
# 100 MB file (343,000 rows, two-sentence descriptions) and how long a
# one-row save from another session waits meanwhile (a save every 20 ms
# by `lookup_bench savewait`, the wait for the write lock included), next
# to the same saves with no import running; and `dienhinh demo` at
# 1,000,000. The CSVs are made by `lookup_bench csv` into $DH_BENCH_DIR
# (default var/bench) and kept; the databases are made afresh.
#
#   tests/bench/import.sh [BINARY]   (default build/dienhinh; give an older
#                                    build to compare)
# Results go to stdout; tests/bench/README.md quotes them by hand.
set -eu
cd "$(dirname "$0")/../.."
bin=${1:-build/dienhinh}
work=${DH_BENCH_DIR:-var/bench}/import
config=config/dienhinh.yaml
make --no-print-directory build/dienhinh build/bench/lookup_bench >&2
mkdir -p "$work"
[ -s "$work/1m.csv" ] || build/bench/lookup_bench csv 1000000 "$work/1m.csv" 1
[ -s "$work/100m.csv" ] || build/bench/lookup_bench csv 343000 "$work/100m.csv" 2
mib() { echo "scale=1; $(stat -c %s "$1") / 1048576" | bc; }

echo "machine: $(nproc) CPU, load $(cut -d' ' -f1-3 /proc/loadavg); binary $bin"

# 1. 1,000,000 rows into an empty database.
rm -rf "$work/db1m"
/usr/bin/time -f "%e %M" -o "$work/time" "$bin" -c "$config" -d "$work/db1m" --as tdkt import "$work/1m.csv" >/dev/null
read -r secs kib <"$work/time"
echo "import 1m.csv ($(mib "$work/1m.csv") MiB, 1000000 rows): ${secs} s, peak $((kib / 1024)) MiB"

# 2. The 100 MB file while someone saves: first the saves alone for as
# long, then during the import.
rm -rf "$work/db100"
printf 'kind,name,department\r\nindividual,Lê Một,nv1\r\n' >"$work/one.csv"
"$bin" -c "$config" -d "$work/db100" --as tdkt import "$work/one.csv" >/dev/null
rm -f "$work/stop"
build/bench/lookup_bench savewait "$work/db100" "$work/stop" >"$work/alone" &
saver=$!
sleep 10
touch "$work/stop"
wait "$saver"
echo "saves alone (10 s):         $(cut -f2- "$work/alone")"
rm -f "$work/stop"
build/bench/lookup_bench savewait "$work/db100" "$work/stop" >"$work/during" &
saver=$!
/usr/bin/time -f "%e %M" -o "$work/time" "$bin" -c "$config" -d "$work/db100" --as tdkt import "$work/100m.csv" >/dev/null
touch "$work/stop"
wait "$saver"
read -r secs kib <"$work/time"
echo "import 100m.csv ($(mib "$work/100m.csv") MiB, 343000 rows): ${secs} s, peak $((kib / 1024)) MiB"
echo "saves during that import:   $(cut -f2- "$work/during")"

# 3. demo at 1,000,000.
rm -rf "$work/demo"
/usr/bin/time -f "%e %M" -o "$work/time" "$bin" -c "$config" -d "$work/demo" --as tdkt demo --records 1000000 >/dev/null
read -r secs kib <"$work/time"
echo "demo --records 1000000: ${secs} s, peak $((kib / 1024)) MiB"
