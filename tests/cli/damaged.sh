# A damaged or hostile database (issue 15, part 5): keys nobody wrote, put
# straight into data.mdb with mdb_load (as anyone who can write the file
# could), make search, export, stats and verify refuse with exit 74 and a
# message naming the table and the key: never an abort, a hang or a
# runaway allocation (each run under a time and memory limit).
. "$(dirname "$0")/../lib.sh"

# A copy of the good database with one key put into TABLE (hex bytes).
craft() { # name table keyhex valhex
	rm -rf "$T/$1"
	cp -a "$T/good" "$T/$1"
	rm -f "$T/$1/lock.mdb"
	printf 'VERSION=3\nformat=bytevalue\ntype=btree\nHEADER=END\n %s\n %s\nDATA=END\n' "$3" "$4" |
		mdb_load -s "$2" "$T/$1" || fail "mdb_load into $2"
}
run_bounded() { # cmd...: exit in $got, at most 20 s and 1 GiB
	got=0
	(ulimit -v 1048576; exec timeout 20 "$@") >"$T/out" 2>"$T/err" || got=$?
	OUT=$(cat "$T/out")
	ERR=$(cat "$T/err")
}

# 300 candidates: the lookup index is written out (postings, directory).
expect_exit 0 "$DH_APP" -d "$T/good" --as tdkt demo --records 300 --seed 7
u64() { printf '%016x' "$1"; }
long=$(printf '6f%.0s' $(seq 1 58))
# A directory key longer than a spelling's buffer.
craft longkey words "6486${long}000000" 00000001
# A fresh key of an id of 2^63.
craft freshid fresh "$(u64 $((1 << 63)))" ""
# A posting chunk of "nguyễn" starting at id 2^29 + 1.
craft posting words "70866e677579656e000c2100$(u64 $(((1 << 29) + 1)))" 000000
# A candidate key of id 2^27 above the fresh mark.
craft lastid records "01$(u64 $((1 << 27)))" 00

for name in longkey freshid posting lastid; do
	for q in o nguyen; do
		run_bounded "$DH_APP" -d "$T/$name" --as tdkt search "$q"
		[ "$got" -ne 124 ] || fail "$name: search $q did not finish in 20 s"
		[ "$got" -lt 128 ] || fail "$name: search $q killed by signal $((got - 128)): $ERR"
		[ "$got" -le 1 ] || [ "$got" -eq 74 ] || fail "$name: search $q: exit $got: $ERR"
	done
	for cmd in export stats verify; do
		run_bounded "$DH_APP" -d "$T/$name" --as tdkt $cmd
		[ "$got" -ne 124 ] || fail "$name: $cmd did not finish in 20 s"
		[ "$got" -lt 128 ] || fail "$name: $cmd killed by signal $((got - 128)): $ERR"
	done
done
# What the search says: the table, the key, exit 74.
run_bounded "$DH_APP" -d "$T/longkey" --as tdkt search o
[ "$got" -eq 74 ] || fail "a directory key too long: exit $got"
contains "$ERR" "bảng words, khóa 64866f6f"
run_bounded "$DH_APP" -d "$T/freshid" --as tdkt search nguyen
[ "$got" -eq 74 ] || fail "a fresh id of 2^63: exit $got"
contains "$ERR" "bảng fresh, khóa 8000000000000000"
run_bounded "$DH_APP" -d "$T/posting" --as tdkt search nguyen
[ "$got" -eq 74 ] || fail "a posting at 2^29: exit $got"
contains "$ERR" "bảng words, khóa 70866e677579656e"
run_bounded "$DH_APP" -d "$T/lastid" --as tdkt search nguyen
[ "$got" -eq 74 ] || fail "a candidate id of 2^27: exit $got"
contains "$ERR" "bảng records, khóa 010000000008000000"
# The same searches under ASan: no overflow, no leak.
expect_exit 74 "$DH" -d "$T/longkey" --as tdkt search o
expect_exit 74 "$DH" -d "$T/posting" --as tdkt search nguyen
echo "ok"
