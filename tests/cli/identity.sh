# Who is at the keyboard: the real Unix user (never $USER), or --as; a login
# config does not know may only look up; --as is refused when the program
# could borrow privilege.
. "$(dirname "$0")/../lib.sh"
DATA=$ROOT/tests/data/csv
db=$T/db
expect_exit 0 "$DH" -d "$db" --as tdkt import "$DATA/good.csv"

# An unknown login may look up and see the numbers, nothing else.
expect_exit 0 "$DH" -d "$db" --as khach search Nguyễn
contains "$OUT" "Nguyễn Thị Hoà"
expect_exit 0 "$DH" -d "$db" --as khach stats --year 2021
expect_exit 77 "$DH" -d "$db" --as khach import "$DATA/good.csv"
contains "$ERR" "chỉ được tra cứu"
expect_exit 77 "$DH" -d "$db" --as khach export
expect_exit 77 "$DH" -d "$db" --as khach backup "$T/copy"
[ ! -e "$T/copy" ] || fail "a refused backup left a copy"
expect_exit 77 "$DH" -d "$T/empty" --as khach demo --records 5
# A known login without the import permission (staff) is refused too.
expect_exit 77 "$DH" -d "$db" --as lanpt import "$DATA/good.csv"

# Without --as the real user is asked of the system: setting $USER or
# $LOGNAME to a known login changes nothing.
me=$(id -un)
if ! grep -q "login: $me[ ,]" "$CONFIG"; then
	USER=tdkt LOGNAME=tdkt expect_exit 77 "$DH" -d "$db" import "$DATA/good.csv"
	USER=tdkt LOGNAME=tdkt expect_exit 0 "$DH" -d "$db" search Nguyễn
fi
expect_exit 0 "$DH" -d "$db" --as tdkt export
[ "$(printf '%s\n' "$OUT" | grep -c '^[0-9]')" -eq 5 ] || fail "refused imports wrote rows:
$OUT"

# --as with borrowed privilege: a set-group-id copy of the program refuses
# it. Needs a group other than ours and a file system that honours set-id.
group=""
if [ "$(id -u)" -eq 0 ]; then
	group=$(getent group nogroup | cut -d: -f1)
else
	for g in $(id -G); do [ "$g" != "$(id -g)" ] && group=$g && break; done
fi
opts=$(findmnt -no OPTIONS --target "$T" 2>/dev/null || echo "")
if [ -n "$group" ] && ! printf '%s' "$opts" | grep -q nosuid; then
	cp "$DH_APP" "$T/dienhinh-sgid"
	chgrp "$group" "$T/dienhinh-sgid"
	chmod g+s "$T/dienhinh-sgid"
	expect_exit 77 env -u DIENHINH_CONFIG -u DIENHINH_TODAY "$T/dienhinh-sgid" --as tdkt search Nguyễn
	contains "$ERR" "không được dùng --as"
	# So is every other override; a whole set-group-id install, with
	# another user, is tests/cli/setgid.sh.
	expect_exit 77 "$T/dienhinh-sgid" -d "$db" search Nguyễn
	contains "$ERR" "không được dùng -d"
else
	echo "skipped: no set-group-id check here (group '$group', mount '$opts')"
fi
