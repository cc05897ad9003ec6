#!/usr/bin/env bash
# The full-screen app at a million records: first full screen next to a
# bare ncurses program (both in an 80x24 pty), keystroke to redraw in a
# list and a form, private memory. The database is made once by `demo`
# and kept in var/bench-1m (BENCH_DB to use another).
set -euo pipefail
cd "$(dirname "$0")/../.."
export DIENHINH_CONFIG=${DIENHINH_CONFIG:-config/dienhinh.yaml}
export DIENHINH_TODAY=${DIENHINH_TODAY:-2021-06-15}
export LC_ALL=C.UTF-8
db=${BENCH_DB:-var/bench-1m}
records=${BENCH_RECORDS:-1000000}
# One made by a program older than the counters (counts.h) is made again.
if [ -f "$db/data.mdb" ] && ! mdb_stat -s counts "$db" >/dev/null 2>&1; then
	echo "$db has no counters: making it again" >&2
	rm -rf "$db"
fi
if [ ! -f "$db/data.mdb" ]; then
	echo "making $records records in $db (once)…"
	mkdir -p "$db"
	./build/dienhinh -d "$db" --as tdkt demo --records "$records" >/dev/null
fi
./build/bench/ui_pty ./build/dienhinh "$db" "${BENCH_RUNS:-20}"
