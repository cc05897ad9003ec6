#!/usr/bin/env bash
# tests/bench/stalled_export.sh [BINARY] — what a stalled reader costs the
# writers (issue 15, part 2): the growth of data.mdb over 150 imports of
# 200 rows each, once alone and once while `dienhinh export` writes into a
# pipe that nobody reads (`export | (sleep ...)`, as a pager left open
# does), from the same 2,000-candidate database. An export that keeps its
# read transaction open while it waits pins every page the imports free,
# and the file grows by all of them; one that reads in short transactions
# holds nothing while it waits. Prints both sizes and their ratio (aim:
# at most 1.10). BINARY defaults to build/dienhinh; give an older build to
# compare (with DIENHINH_CONFIG=its own config). Run from the repository's
# top folder.
set -eu
cd "$(dirname "$0")/../.."
DH=$(realpath "${1:-build/dienhinh}")
imports=${IMPORTS:-150}
rows=${ROWS:-200}
export DIENHINH_CONFIG=${DIENHINH_CONFIG:-$PWD/config/dienhinh.yaml}
T=$(mktemp -d)
stall_pid=
cleanup() {
	[ -n "$stall_pid" ] && kill -- -"$stall_pid" 2>/dev/null || true
	rm -rf "$T"
}
trap cleanup EXIT

"$DH" -d "$T/base" --as tdkt demo --records 2000 >/dev/null
for i in $(seq 1 "$imports"); do
	{
		echo "kind,name,department,title"
		for r in $(seq 1 "$rows"); do
			echo "individual,Nguyễn Văn Nhập $i-$r,nv1,Mô hình tiếp công dân số $r của lượt $i"
		done
	} >"$T/import-$i.csv"
done

# The imports into a copy of the base; with STALL=1 beside an export whose
# output nobody reads. Prints data.mdb's size in bytes after them.
run() {
	local db=$T/db-$1
	cp -a "$T/base" "$db"
	if [ "$1" = stalled ]; then
		set -m
		("$DH" -d "$db" --as tdkt export | sleep 600) &
		stall_pid=$!
		set +m
		sleep 1 # the export fills the pipe and waits
	fi
	local t0=$SECONDS
	for i in $(seq 1 "$imports"); do
		"$DH" -d "$db" --as tdkt import "$T/import-$i.csv" >/dev/null
	done
	if [ "$1" = stalled ]; then
		kill -0 "$stall_pid" 2>/dev/null || { echo "the stalled export ended early" >&2; exit 1; }
		kill -- -"$stall_pid" 2>/dev/null || true
		wait "$stall_pid" 2>/dev/null || true
		stall_pid=
	fi
	echo "$(stat -c %s "$db/data.mdb") $((SECONDS - t0))"
}

base=$(stat -c %s "$T/base/data.mdb")
read -r alone alone_s < <(run alone)
read -r stalled stalled_s < <(run stalled)
mib() { awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }
echo "binary: $DH"
echo "base database: $(mib "$base"); $imports imports of $rows rows"
echo "alone:           data.mdb $(mib "$alone") (${alone_s} s)"
echo "stalled export:  data.mdb $(mib "$stalled") (${stalled_s} s)"
awk -v a="$alone" -v s="$stalled" 'BEGIN { printf "ratio: %.2f (aim: at most 1.10)\n", s / a }'
