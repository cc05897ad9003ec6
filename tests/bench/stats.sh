#!/usr/bin/env bash
# tests/bench/stats.sh [N...] — `dienhinh stats --year 2021` as a whole
# process on databases of N candidates (default 1000 100000 1000000) made
# by `dienhinh demo --records N` (4.2 records each with their history; the
# million takes some 40 s, once), and each size's time against the time at
# the first size. The numbers are the store's counters (counts.h), so the
# time should not grow with the records.
#
# Runs: one warm-up, then RUNS (default 7) timed with date +%s%N; the
# median and the range. Databases are kept in $DH_BENCH_DIR (default
# var/bench) as stats-N; the million is var/bench-1m, shared with ui.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DIENHINH_CONFIG=${DIENHINH_CONFIG:-config/dienhinh.yaml}
export DIENHINH_TODAY=${DIENHINH_TODAY:-2021-06-15}
export LC_ALL=C.UTF-8
sizes=("${@:-1000 100000 1000000}")
sizes=(${sizes[*]})
runs=${RUNS:-7}
work=${DH_BENCH_DIR:-var/bench}
app=./build/dienhinh
command -v mdb_stat >/dev/null || { echo "mdb_stat không có: apt-get install lmdb-utils" >&2; exit 1; }
make --no-print-directory "$app" >&2

db_of() { # size
	if [ "$1" = 1000000 ]; then echo "${BENCH_DB:-var/bench-1m}"; else echo "$work/stats-$1"; fi
}

now_ns() { date +%s%N; }

# "median min max" in ms of RUNS runs of "$@" after one warm-up.
time_runs() {
	local t0 t1 i times=()
	"$@" >/dev/null
	for ((i = 0; i < runs; i++)); do
		t0=$(now_ns)
		"$@" >/dev/null
		t1=$(now_ns)
		times+=($(((t1 - t0) / 1000)))
	done
	printf '%s\n' "${times[@]}" | sort -n | awk '{ v[NR] = $1 } END {
		printf "%.1f %.1f %.1f", v[int((NR + 1) / 2)] / 1000, v[1] / 1000, v[NR] / 1000 }'
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

echo "\`dienhinh stats --year 2021\`, whole process, median of $runs (min–max):"
echo
echo "| candidates | records | ms | × the first |"
echo "|---:|---:|---:|---:|"
first=""
for n in "${sizes[@]}"; do
	db=$(db_of "$n")
	records=$(mdb_stat -s records "$db" | awk '/Entries:/ { print $2 }')
	read -r med lo hi < <(time_runs "$app" -d "$db" --as tdkt stats --year 2021)
	[ -n "$first" ] || first=$med
	printf '| %s | %s | %s (%s–%s) | %s |\n' "$n" "$records" "$med" "$lo" "$hi" \
		"$(awk -v a="$med" -v b="$first" 'BEGIN { printf "%.2f", a / b }')"
done
