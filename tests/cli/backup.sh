# Backups a cron job can trust (issue 15, part 1): a backup killed at each
# moment (while it copies, once copied, once checked, once in place) leaves
# nothing that looks like a database, and the next one just works; --keep
# rotation; a copy that fails its check is thrown away; a torn data.mdb is
# refused with exit 74 before it is mapped, never a bus error.
. "$(dirname "$0")/../lib.sh"

no_signal() { # what
	[ "$got" -lt 128 ] || fail "$1: killed by signal $((got - 128)): $ERR"
}
run() { # cmd...: any exit code, in $got
	got=0
	"$@" >"$T/out" 2>"$T/err" || got=$?
	OUT=$(cat "$T/out")
	ERR=$(cat "$T/err")
}
# Nothing in DIR that a program would open as a database: no data.mdb, no
# dated folder holding one.
no_database() { # dir what
	[ ! -e "$1/data.mdb" ] || fail "$2 left $1/data.mdb"
	for d in "$1"/dienhinh-*; do
		[ ! -e "$d/data.mdb" ] || fail "$2 left $d/data.mdb"
	done
}
# A backup that is there is whole: it opens, verifies and exports.
sound_copy() { # dir what
	expect_exit 0 "$DH" -d "$1" --as tdkt verify
	expect_exit 0 "$DH" -d "$1" --as tdkt export
	rows=$(printf '%s\n' "$OUT" | grep -c '^[0-9]' || true)
	[ "$rows" -eq "$want_rows" ] || fail "$2: $rows rows exported, expected $want_rows"
}

# A database big enough that the copy takes a while (tens of MB).
expect_exit 0 "$DH_APP" -d "$T/db" --as tdkt demo --records 12000 --seed 5
expect_exit 0 "$DH" -d "$T/db" --as tdkt export
want_rows=$(printf '%s\n' "$OUT" | grep -c '^[0-9]')

# --- a plain backup: checked, and said so ---------------------------------
expect_exit 0 "$DH" -d "$T/db" --as tdkt backup "$T/plain"
contains "$OUT" "đã kiểm tra"
contains "$OUT" "Mã băm của mục nhật ký cuối"
[ "$(ls -A "$T/plain")" = data.mdb ] || fail "a backup left more than data.mdb: $(ls -A "$T/plain")"
sound_copy "$T/plain" "a plain backup"
# A second one into the same folder does not overwrite the first.
expect_exit 74 "$DH" -d "$T/db" --as tdkt backup "$T/plain"
contains "$ERR" "không ghi đè"

# --- killed while it copies (polled on the temporary file's size) -------
"$DH_APP" -d "$T/db" --as tdkt backup "$T/mid" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 2000); do
	tmp=$(find "$T/mid" -name '.dienhinh-backup-*' -size +0 2>/dev/null | head -n 1 || true)
	[ -n "$tmp" ] && break
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.001
done
kill -9 "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
if [ -e "$T/mid/data.mdb" ]; then
	echo "the backup finished before the kill landed"
	sound_copy "$T/mid" "a backup that finished"
	rm -f "$T/mid/data.mdb"
else
	no_database "$T/mid" "a backup killed while it copied"
	left=$(find "$T/mid" -name '.dienhinh-backup-*' -printf '%s\n' | head -n 1)
	echo "killed mid-copy: ${left:-no} bytes written aside of $(stat -c %s "$T/plain/data.mdb")"
	# What it left does not open as a database.
	run "$DH" -d "$T/mid" --as tdkt export
	[ "$got" -eq 74 ] || fail "export of a killed backup's folder: exit $got: $ERR"
fi
expect_exit 0 "$DH" -d "$T/db" --as tdkt backup "$T/mid"
sound_copy "$T/mid" "the backup after a kill"
[ -z "$(find "$T/mid" -name '.dienhinh-backup-*')" ] || fail "the rerun left the killed backup's file"

# --- killed at each later moment (the program's own test hook) -----------
for moment in copied checked; do
	run env DIENHINH_BACKUP_TEST_KILL=$moment "$DH_APP" -d "$T/db" --as tdkt backup "$T/$moment"
	[ "$got" -eq 137 ] || fail "the hook at $moment did not kill the backup (exit $got)"
	no_database "$T/$moment" "a backup killed once $moment"
	run "$DH" -d "$T/$moment" --as tdkt export
	[ "$got" -eq 74 ] || fail "export of a backup killed once $moment: exit $got: $ERR"
	rm -f "$T/$moment/lock.mdb"
	expect_exit 0 "$DH" -d "$T/db" --as tdkt backup "$T/$moment"
	[ "$(ls -A "$T/$moment")" = data.mdb ] || fail "after a kill once $moment: $(ls -A "$T/$moment")"
	sound_copy "$T/$moment" "the backup after a kill once $moment"
done
# Once in place the copy is whole, and --keep goes on from it.
run env DIENHINH_BACKUP_TEST_KILL=placed "$DH_APP" -d "$T/db" --as tdkt backup --keep 2 "$T/placed"
[ "$got" -eq 137 ] || fail "the hook at placed did not kill the backup (exit $got)"
first=$(ls "$T/placed")
sound_copy "$T/placed/$first" "a backup killed once in place"
expect_exit 0 "$DH" -d "$T/db" --as tdkt backup --keep 2 "$T/placed"
[ "$(ls "$T/placed" | wc -l)" -eq 2 ] || fail "--keep 2 after a kill: $(ls "$T/placed")"

# --- --keep N: dated folders, the oldest removed -------------------------
mkdir -p "$T/keep/dienhinh-2020-01-01T0000" "$T/keep/dienhinh-2020-06-01T0930" "$T/keep/notes"
cp "$T/plain/data.mdb" "$T/keep/dienhinh-2020-01-01T0000/"
cp "$T/plain/data.mdb" "$T/keep/dienhinh-2020-06-01T0930/"
echo "kept by hand" >"$T/keep/notes/readme.txt"
expect_exit 0 "$DH" -d "$T/db" --as tdkt backup --keep 2 "$T/keep"
contains "$OUT" "Đã xóa 1 bản sao cũ nhất"
[ ! -e "$T/keep/dienhinh-2020-01-01T0000" ] || fail "--keep 2 kept the oldest"
[ -e "$T/keep/dienhinh-2020-06-01T0930/data.mdb" ] || fail "--keep 2 removed the second newest"
[ -e "$T/keep/notes/readme.txt" ] || fail "--keep removed a folder that is not a backup"
newest=$(ls -d "$T/keep"/dienhinh-2*T* | sort | tail -n 1)
case $newest in "$T/keep"/dienhinh-20[0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9][0-5][0-9]*) ;;
*) fail "the dated folder's name: $newest" ;; esac
contains "$OUT" "$newest"
sound_copy "$newest" "a --keep copy"
# Two more within the same minute: their own folders, two kept.
expect_exit 0 "$DH" -d "$T/db" --as tdkt backup --keep 2 "$T/keep"
expect_exit 0 "$DH" -d "$T/db" --as tdkt backup --keep 2 "$T/keep"
[ "$(ls -d "$T/keep"/dienhinh-* | wc -l)" -eq 2 ] || fail "--keep 2 kept: $(ls "$T/keep")"
[ ! -e "$T/keep/dienhinh-2020-06-01T0930" ] || fail "--keep 2 kept an old copy"
expect_exit 64 "$DH" -d "$T/db" --as tdkt backup --keep 0 "$T/keep"
expect_exit 64 "$DH" -d "$T/db" --as tdkt backup --keep x "$T/keep"

# --- a copy that fails its check is thrown away ------------------------
# The source's chain is broken behind the program's back (one byte of an
# audit entry's text changed in place, as verify.sh does): the copy
# carries the break, fails its check, and nothing is left.
cp -a "$T/plain" "$T/broken"
rm -f "$T/broken/lock.mdb"
off=$(grep -obaF 'demo' "$T/broken/data.mdb" | head -n 1 | cut -d: -f1)
[ -n "$off" ] || fail "no audit text to change in the copy"
printf 'D' | dd of="$T/broken/data.mdb" bs=1 seek="$off" conv=notrunc status=none
run "$DH" -d "$T/broken" --as tdkt verify
[ "$got" -eq 65 ] || fail "the changed copy still verifies (exit $got): $ERR"
run "$DH" -d "$T/broken" --as tdkt backup "$T/fromb"
[ "$got" -eq 74 ] || fail "a backup of a broken chain: exit $got: $ERR"
contains "$ERR" "không qua kiểm tra"
no_database "$T/fromb" "a backup that failed its check"
[ -z "$(ls -A "$T/fromb")" ] || fail "a backup that failed its check left: $(ls -A "$T/fromb")"

# --- a torn data.mdb: exit 74 before it is mapped ------------------------
size=$(stat -c %s "$T/plain/data.mdb")
for cut in $((size / 2)) $((size - 4096)) 8192 5000; do
	rm -rf "$T/torn"
	mkdir "$T/torn"
	head -c "$cut" "$T/plain/data.mdb" >"$T/torn/data.mdb"
	for cmd in "export" "search nguyen" "stats" "verify" "backup $T/torncopy"; do
		# shellcheck disable=SC2086
		run "$DH" -d "$T/torn" --as tdkt $cmd
		no_signal "a data.mdb cut at $cut, $cmd"
		[ "$got" -eq 74 ] || fail "a data.mdb cut at $cut, $cmd: exit $got: $ERR"
		contains "$ERR" "cắt cụt"
	done
	no_database "$T/torncopy" "a backup of a torn database"
done
# A torn data.mdb where a backup goes is no backup: the next one replaces it.
rm -rf "$T/over"
mkdir "$T/over"
head -c $((size / 2)) "$T/plain/data.mdb" >"$T/over/data.mdb"
expect_exit 0 "$DH" -d "$T/db" --as tdkt backup "$T/over"
sound_copy "$T/over" "a backup over a torn one"
echo "ok"
