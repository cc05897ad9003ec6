# Faults: a damaged data file, a full disk, a folder that cannot be written.
# Each gets a clear message and a non-zero exit, never a crash (an exit of
# 128 or more is a signal), and nothing committed half.
. "$(dirname "$0")/../lib.sh"

no_signal() { # what
	[ "$got" -lt 128 ] || fail "$1: killed by signal $((got - 128)): $ERR"
}
run() { # cmd...: like expect_exit, any code; sets $got
	got=0
	"$@" >"$T/out" 2>"$T/err" || got=$?
	OUT=$(cat "$T/out")
	ERR=$(cat "$T/err")
}

expect_exit 0 "$DH" -d "$T/good" --as tdkt demo --records 40 --seed 3
size=$(stat -c %s "$T/good/data.mdb")

# --- a damaged data.mdb: cut in half, zeros, random bytes -----------------
for kind in half zeros random; do
	cp -a "$T/good" "$T/$kind"
	case $kind in
	half) truncate -s $((size / 2)) "$T/$kind/data.mdb" ;;
	zeros) head -c "$size" /dev/zero >"$T/$kind/data.mdb" ;;
	random) head -c "$size" /dev/urandom >"$T/$kind/data.mdb" ;;
	esac
	for cmd in "export" "search nguyen" "stats" "verify"; do
		# shellcheck disable=SC2086
		run "$DH" -d "$T/$kind" --as tdkt $cmd
		no_signal "$kind data.mdb, $cmd"
		[ "$got" -eq 74 ] || [ "$got" -eq 65 ] || fail "$kind data.mdb, $cmd: exit $got: $ERR"
		contains "$ERR" "hỏng" "$kind data.mdb, $cmd"
	done
	# The full-screen app says so too, before the terminal is taken.
	run "$DH_APP" -d "$T/$kind" --as tdkt
	no_signal "$kind data.mdb, the app"
	[ "$got" -ne 0 ] || fail "the app opened a $kind data.mdb"
done
run "$DH" -d "$T/half" --as tdkt export
contains "$ERR" "data.mdb bị cắt cụt" "a truncated data.mdb"
contains "$ERR" "khôi phục từ bản sao lưu" "a truncated data.mdb"

if [ "$(id -u)" -ne 0 ]; then
	echo "faults: the full disk and read-only cases need root (tmpfs), not run here"
	exit 0
fi

# --- a full disk --------------------------------------------------------
mounts=()
cleanup_mounts() { for m in "${mounts[@]}"; do umount "$m" 2>/dev/null; done; }
trap 'cleanup_mounts; cleanup' EXIT
small() { # dir size
	mkdir -p "$1"
	mount -t tmpfs -o "size=$2" tmpfs "$1" || fail "mount tmpfs $1"
	mounts+=("$1")
}
small "$T/full" 1536k
cp -a "$T/good/data.mdb" "$T/full/"
before=$("$DH" -d "$T/full" --as tdkt export --format jsonl | wc -l)
{
	echo "kind,name,department,year,position,title,description,stage"
	for i in $(seq 1 6000); do
		printf 'individual,Nguyễn Văn Đầy Đĩa %05d,vp,2021,Thanh tra viên,Sáng kiến số %05d,"%s",new_factor\n' \
			"$i" "$i" "Mô tả dài cho bản ghi $i: tiếp công dân, giải quyết khiếu nại, tố cáo đúng hạn"
	done
} >"$T/big.csv"
run "$DH" -d "$T/full" --as tdkt import "$T/big.csv"
no_signal "import onto a full disk"
[ "$got" -ne 0 ] || fail "an import larger than the disk reported success"
contains "$ERR" "hết chỗ trên đĩa" "an import onto a full disk's message"
lacks "$ERR" ":2:" "an import onto a full disk (the file itself is valid)"
after=$("$DH" -d "$T/full" --as tdkt export --format jsonl | wc -l)
[ "$after" -eq "$before" ] || fail "a failed import left $((after - before)) records"
mdb_stat -e "$T/full" >/dev/null || fail "mdb_stat after a full disk"
run "$DH" -d "$T/full" --as tdkt search nguyen
[ "$got" -le 1 ] || fail "search after a full disk: exit $got: $ERR"
head -n 3 "$T/big.csv" >"$T/small.csv"
# Room again: the same database takes a write.
rm -f "$T/full"/*.tmp* 2>/dev/null
mount -o remount,size=64m "$T/full"
expect_exit 0 "$DH" -d "$T/full" --as tdkt import "$T/small.csv"

# A backup onto a full disk: refused, nothing left that looks like a backup.
small "$T/tiny" 64k
run "$DH" -d "$T/good" --as tdkt backup "$T/tiny/copy"
no_signal "backup onto a full disk"
[ "$got" -ne 0 ] || fail "a backup onto a full disk reported success"
[ -n "$ERR" ] || fail "a backup onto a full disk said nothing"
[ ! -e "$T/tiny/copy/data.mdb" ] || fail "a failed backup left copy/data.mdb"
mount -o remount,size=64m "$T/tiny"
expect_exit 0 "$DH" -d "$T/good" --as tdkt backup "$T/tiny/copy2"
expect_exit 0 "$DH" -d "$T/tiny/copy2" --as tdkt verify

# --- a data folder that cannot be written --------------------------------
small "$T/ro" 8m
cp -a "$T/good/data.mdb" "$T/good/lock.mdb" "$T/ro/"
mount -o remount,ro "$T/ro"
run "$DH" -d "$T/ro" --as tdkt import "$T/small.csv"
no_signal "import into a read-only folder"
[ "$got" -ne 0 ] || fail "an import into a read-only folder reported success"
contains "$ERR" "dienhinh" "a read-only folder's message"
