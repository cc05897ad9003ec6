# The command line itself: help, version, usage errors, check-config, and
# the exit code of every subcommand on an empty database.
. "$(dirname "$0")/../lib.sh"

expect_exit 0 "$DH" --help
contains "$OUT" "check-config"
contains "$OUT" "report LOẠI [--format docx|pdf|md] [-o TỆP]"
contains "$OUT" "ballot (biên bản kiểm phiếu)"
lacks "$OUT" "sắp có"
expect_exit 0 "$DH" --version
contains "$OUT" "dienhinh 0."

# Usage errors are 64 and say what was wrong.
expect_exit 64 "$DH" frobnicate
contains "$ERR" "frobnicate"
expect_exit 64 "$DH" --frob
expect_exit 64 "$DH" -d
expect_exit 64 "$DH" -d "$T/db" search
expect_exit 64 "$DH" -d "$T/db" export --format xml
expect_exit 64 "$DH" -d "$T/db" stats --year abc
expect_exit 64 "$DH" -d "$T/db" demo --records 0
expect_exit 64 "$DH" -d "$T/db" import
# A global option after the subcommand is explained, not guessed at.
expect_exit 64 "$DH" export -d "$T/db"
contains "$ERR" "phải đặt trước tên lệnh"
# An unknown document is a usage error, named in the message.
expect_exit 64 "$DH" -d "$T/db" report nothing
contains "$ERR" "nothing"

# check-config: the example is valid and summarised.
expect_exit 0 "$DH" check-config "$CONFIG"
contains "$OUT" "Phòng Nghiệp vụ 1"
expect_exit 0 "$DH" -c "$CONFIG" check-config
# A broken config names FILE:LINE:COL and exits 78, for check-config and for
# any subcommand that needs it.
sed 's/^  short: /  shortname: /' "$CONFIG" >"$T/broken.yaml"
line=$(grep -n '^  shortname:' "$T/broken.yaml" | cut -d: -f1)
expect_exit 78 "$DH" check-config "$T/broken.yaml"
contains "$ERR" "$T/broken.yaml:$line:3:"
contains "$ERR" "shortname"
expect_exit 78 "$DH" -c "$T/broken.yaml" -d "$T/db" stats
contains "$ERR" "$T/broken.yaml:$line:3:"
DIENHINH_CONFIG="$T/broken.yaml" expect_exit 78 "$DH" -d "$T/db" stats
expect_exit 78 "$DH" -c "$T/missing.yaml" check-config
expect_exit 78 "$DH" check-config "$T/missing.yaml"
# No config anywhere: say where it was looked for and point at the example
# that `make install` puts in PREFIX/share/dienhinh.
mkdir -p "$T/inst/bin" "$T/inst/share/dienhinh" "$T/empty"
cp "$DH" "$T/inst/bin/dienhinh"
cp "$CONFIG" "$T/inst/share/dienhinh/dienhinh.yaml.example"
if [ ! -e /etc/dienhinh/dienhinh.yaml ]; then
	(cd "$T/empty" && DIENHINH_CONFIG= expect_exit 78 "$T/inst/bin/dienhinh" stats) ||
		fail "without a config"
	(cd "$T/empty" && DIENHINH_CONFIG= "$T/inst/bin/dienhinh" stats 2>&1 || true) >"$T/noconf"
	contains "$(cat "$T/noconf")" "./config/dienhinh.yaml, /etc/dienhinh/dienhinh.yaml" "without a config"
	contains "$(cat "$T/noconf")" "$T/inst/share/dienhinh/dienhinh.yaml.example" "without a config"
fi

# Reading never creates a database: a mistyped -d is an error.
expect_exit 74 "$DH" -d "$T/db" stats
contains "$ERR" "chưa có cơ sở dữ liệu"
[ ! -e "$T/db" ] || fail "stats created the database"

# Every subcommand on an empty database, with its exit code. An import of
# a file with only its header makes the database and writes nothing.
printf 'kind,name,department\r\n' >"$T/header.csv"
expect_exit 0 "$DH" -d "$T/db" --as tdkt import "$T/header.csv"
contains "$OUT" "Đã nhập 0 hồ sơ"
expect_exit 0 "$DH" -d "$T/db" --as tdkt export
[ "$OUT" = "$(printf '\357\273\277id,year,kind,name,department,position,title,description,stage,recognised_decision,recognised_date,award_decision,award_date\r')" ] ||
	fail "empty export is not the header alone: $OUT"
expect_exit 0 "$DH" -d "$T/db" --as tdkt export --format jsonl
[ -z "$OUT" ] || fail "empty jsonl export has lines"
expect_exit 1 "$DH" -d "$T/db" search Nguyễn
contains "$OUT" "Không tìm thấy"
expect_exit 1 "$DH" -d "$T/db" search --format tsv Nguyễn
[ -z "$OUT" ] || fail "tsv with no hit printed: $OUT"
expect_exit 1 "$DH" -d "$T/db" search --format json Nguyễn
[ "$OUT" = "[]" ] || fail "json with no hit: $OUT"
expect_exit 0 "$DH" -d "$T/db" stats
contains "$OUT" "Số liệu năm 2021"
expect_exit 0 "$DH" -d "$T/db" stats --format tsv
[ -z "$OUT" ] || fail "tsv stats of an empty year: $OUT"
expect_exit 0 "$DH" -d "$T/db" --as tdkt backup "$T/copy"
[ -f "$T/copy/data.mdb" ] || fail "backup wrote no data.mdb"
expect_exit 0 "$DH" -d "$T/copy" --as tdkt export
# A backup never overwrites an existing one.
expect_exit 74 "$DH" -d "$T/db" --as tdkt backup "$T/copy"
# A database that cannot be opened is an I/O error.
: >"$T/notadir"
expect_exit 74 "$DH" -d "$T/notadir" stats
# An import file that cannot be read is an I/O error too.
expect_exit 74 "$DH" -d "$T/db" --as tdkt import "$T/nothing.csv"
contains "$ERR" "$T/nothing.csv"
