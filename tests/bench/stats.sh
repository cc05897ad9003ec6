#!/usr/bin/env bash
# tests/bench/stats.sh [N...] — `dienhinh stats --year 2021` as a whole
# process on databases of N candidates (default 1000 100000 1000000) made
# by `dienhinh demo --records N` (4.2 records each with their history; the
# million takes some 40 s to 2 min, once), and each size's time against the
# time at the first size. The numbers are the store's counters (counts.h),
# so the time should not grow with the records.
#
# Runs: one warm-up of each, then RUNS (default 15) rounds of one run of
# each size in turn, timed with date +%s%N: the median and the range, and
# the ratio to the first size taken within each round. Databases are kept
# in $DH_BENCH_DIR (default var/bench) as stats-N; the million is
# var/bench-1m, shared with ui.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DIENHINH_CONFIG=${DIENHINH_CONFIG:-config/dienhinh.yaml}
export DIENHINH_TODAY=${DIENHINH_TODAY:-2021-06-15}
export LC_ALL=C.UTF-8
sizes=("${@:-1000 100000 1000000}")
sizes=(${sizes[*]})
runs=${RUNS:-15}
work=${DH_BENCH_DIR:-var/bench}
app=./build/dienhinh
command -v mdb_stat >/dev/null || { echo "mdb_stat không có: apt-get install lmdb-utils" >&2; exit 1; }
make --no-print-directory "$app" >&2

db_of() { # size
	if [ "$1" = 1000000 ]; then echo "${BENCH_DB:-var/bench-1m}"; else echo "$work/stats-$1"; fi
}

now_ns() { date +%s%N; }

# One run of stats on DB: microseconds.
run_us() {
	local t0 t1
	t0=$(now_ns)
	"$app" -d "$1" --as tdkt stats --year 2021 >/dev/null
	t1=$(now_ns)
	echo $(((t1 - t0) / 1000))
}

# "median min max" of the numbers on stdin.
summary() {
	sort -g | awk '{ v[NR] = $1 } END { printf "%s %s %s\n", v[int((NR + 1) / 2)], v[1], v[NR] }'
}

for n in "${sizes[@]}"; do
	db=$(db_of "$n")
	# A database without the counters (made by an older program) is made again.
	if [ -f "$db/data.mdb" ] && ! mdb_stat -s counts "$db" >/dev/null 2>&1; then
		echo "$db has no counters: making it again" >&2
		rm -rf "$db"
	fi
	if [ ! -f "$db/data.mdb" ]; then
		echo "making $n records in $db (once)…" >&2
		mkdir -p "$db"
		"$app" -d "$db" --as tdkt demo --records "$n" >&2
	fi
done

# The sizes in turn, run after run, so that the load of a shared machine
# falls on all alike; each size's ratio to the first is taken run by run.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for n in "${sizes[@]}"; do run_us "$(db_of "$n")" >/dev/null; done # warm-up
for ((i = 0; i < runs; i++)); do
	base=""
	for n in "${sizes[@]}"; do
		us=$(run_us "$(db_of "$n")")
		echo "$us" >>"$tmp/$n"
		[ -n "$base" ] || base=$us
		awk -v a="$us" -v b="$base" 'BEGIN { printf "%.3f\n", a / b }' >>"$tmp/$n.ratio"
	done
done

echo "\`dienhinh stats --year 2021\`, whole process, $runs runs of each size in turn: median (min–max)"
echo
echo "| candidates | records | ms | × the first, run by run |"
echo "|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
	db=$(db_of "$n")
	records=$(mdb_stat -s records "$db" | awk '/Entries:/ { print $2 }')
	read -r med lo hi < <(awk '{ printf "%.1f\n", $1 / 1000 }' "$tmp/$n" | summary)
	read -r rmed rlo rhi < <(summary <"$tmp/$n.ratio")
	printf '| %s | %s | %s (%s–%s) | %s (%s–%s) |\n' "$n" "$records" "$med" "$lo" "$hi" "$rmed" "$rlo" "$rhi"
done
