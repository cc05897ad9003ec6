# Several processes at once: six imports together all succeed and add up;
# an import killed with SIGKILL at any moment leaves all or nothing; a
# backup taken while another process imports is one consistent snapshot.
. "$(dirname "$0")/../lib.sh"
GEN=$ROOT/tests/data/csv/gen_rows.py
db=$T/db

# rows DB: candidates in DB (header and blank lines left out).
rows() { "$DH" -d "$1" --as tdkt export | grep -c '^[0-9]' || true; }

# Six imports at once.
pids=()
for i in 1 2 3 4 5 6; do
	python3 "$GEN" $((100 * i)) "f$i-" >"$T/f$i.csv"
	"$DH" -d "$db" --as tdkt import "$T/f$i.csv" >"$T/f$i.out" 2>&1 &
	pids+=($!)
done
for i in 1 2 3 4 5 6; do
	wait "${pids[$((i - 1))]}" || fail "import $i failed: $(cat "$T/f$i.out")"
done
[ "$(rows "$db")" -eq 2100 ] || fail "six imports stored $(rows "$db") rows, not 2100"
# Each file's rows are all there: none lost, none doubled.
for i in 1 2 3 4 5 6; do
	n=$("$DH" -d "$db" --as tdkt export | grep -c " f$i-[0-9]*," || true)
	[ "$n" -eq $((100 * i)) ] || fail "file $i: $n rows stored, not $((100 * i))"
done

# An import killed halfway. The big file takes a while under ASan; kill it
# at several moments, each time on a copy of the same database: what is
# left is the 2100 rows, or all of them plus the file's, and the database
# still works.
big=20000
python3 "$GEN" $big "k-" >"$T/big.csv"
start=$(date +%s%N)
"$DH" -d "$T/timed" --as tdkt import "$T/big.csv" >/dev/null
full_ms=$((($(date +%s%N) - start) / 1000000))
for pct in 10 30 50 70 90 97 130; do
	rm -rf "$T/k"
	"$DH" -d "$db" --as tdkt backup "$T/k" >/dev/null
	"$DH" -d "$T/k" --as tdkt import "$T/big.csv" >/dev/null 2>&1 &
	pid=$!
	delay_ms=$((full_ms * pct / 100))
	sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
	kill -9 "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	n=$(rows "$T/k")
	[ "$n" -eq 2100 ] || [ "$n" -eq $((2100 + big)) ] ||
		fail "import killed at ${pct}%: $n rows, neither 2100 nor $((2100 + big))"
	echo "import killed at ${pct}% of ${full_ms} ms: $n rows"
	# Still writable after the kill (stale reader and lock cleared).
	expect_exit 0 "$DH" -d "$T/k" --as tdkt import "$T/f1.csv"
	[ "$(rows "$T/k")" -eq $((n + 100)) ] || fail "import after a kill did not add up"
done

# While an import runs, another process sees all of it or none of it.
rm -rf "$T/w"
"$DH" -d "$db" --as tdkt backup "$T/w" >/dev/null
"$DH" -d "$T/w" --as tdkt import "$T/big.csv" >/dev/null 2>&1 &
pid=$!
seen=""
while kill -0 "$pid" 2>/dev/null; do
	n=$(rows "$T/w")
	[ "$n" -eq 2100 ] || [ "$n" -eq $((2100 + big)) ] || fail "a reader saw $n rows during an import"
	case " $seen " in *" $n "*) ;; *) seen="$seen $n" ;; esac
done
wait "$pid" || fail "the watched import failed"
[ "$(rows "$T/w")" -eq $((2100 + big)) ] || fail "the watched import did not store its rows"
echo "counts seen during the import:$seen"

# A backup taken while another process imports: it holds the data before
# the import or after it, exactly (the CSV export has no timestamps).
"$DH" -d "$db" --as tdkt export >"$T/before.csv"
"$DH" -d "$db" --as tdkt import "$T/big.csv" >"$T/bg.out" 2>&1 &
pid=$!
# Wait until the import has started (its write lock makes a writer queue),
# then take the backup while it runs.
for _ in $(seq 1 200); do
	[ -e "$db/lock.mdb" ] && break
	sleep 0.01
done
sleep 0.$((RANDOM % 5 + 1))
expect_exit 0 "$DH" -d "$db" --as tdkt backup "$T/during"
wait "$pid" || fail "the import beside the backup failed: $(cat "$T/bg.out")"
"$DH" -d "$db" --as tdkt export >"$T/after.csv"
"$DH" -d "$T/during" --as tdkt export >"$T/backup.csv"
if ! cmp -s "$T/backup.csv" "$T/before.csv" && ! cmp -s "$T/backup.csv" "$T/after.csv"; then
	fail "the backup is neither the data before the import nor after it ($(grep -c '^[0-9]' "$T/backup.csv") rows)"
fi
cmp -s "$T/backup.csv" "$T/before.csv" && echo "backup: the data before the import"
cmp -s "$T/backup.csv" "$T/after.csv" && echo "backup: the data after the import"
# The backup's own stats and search work like the original's.
expect_exit 0 "$DH" -d "$T/during" stats --format tsv
