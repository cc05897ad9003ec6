# make install into a DESTDIR, as root: the set-group-id layout of
# DESIGN.md §11 with every owner and mode, the config written once and never
# overwritten, and make uninstall leaving the data and the config. Needs
# root (the owners, and the group `dienhinh`, made when missing and removed
# again afterwards if this test made it).
. "$(dirname "$0")/../lib.sh"
if [ "$(id -u)" -ne 0 ]; then
	echo "skipped: needs root (owners root:dienhinh)"
	exit 0
fi
made_group=no
getent group dienhinh >/dev/null || made_group=yes
cleanup_group() {
	cleanup
	[ $made_group = no ] || groupdel dienhinh 2>/dev/null || true
}
trap cleanup_group EXIT

R=$T/root
inst() { make -s -C "$ROOT" install DESTDIR="$R" PREFIX=/usr >"$T/make.out" 2>&1 || fail "make install:
$(cat "$T/make.out")"; }
mode() { stat -c '%U:%G %a' "$R/$1"; }
want() { # path, owner:group mode
	[ "$(mode "$1")" = "$2" ] || fail "$1 is $(mode "$1"), not $2"
}
inst
getent group dienhinh >/dev/null || fail "make install made no group dienhinh"
want usr/bin/dienhinh "root:dienhinh 2755"
want var/lib/dienhinh "root:dienhinh 2770"
want var/lib/dienhinh/data.mdb "root:dienhinh 660"
want var/lib/dienhinh/lock.mdb "root:dienhinh 660"
want etc/dienhinh "root:root 755"
want etc/dienhinh/dienhinh.yaml "root:root 644"
want usr/share/dienhinh/dienhinh.yaml.example "root:root 644"
cmp -s "$ROOT/config/dienhinh.yaml" "$R/usr/share/dienhinh/dienhinh.yaml.example" ||
	fail "the example under share is not config/dienhinh.yaml"
conf=$R/etc/dienhinh/dienhinh.yaml
expect_exit 0 "$DH" check-config "$conf"
contains "$OUT" "Thư mục dữ liệu: /var/lib/dienhinh"
# Only the storage path differs from the example.
diff "$ROOT/config/dienhinh.yaml" "$conf" | grep '^[<>]' >"$T/diff" || true
[ "$(grep -c . "$T/diff")" = 2 ] || fail "the installed config differs by more than storage.path:
$(cat "$T/diff")"
contains "$(cat "$T/diff")" "> "'  path: /var/lib/dienhinh'

# A second install keeps the office's config (and its data) as they are.
printf '# sửa tại cơ quan\n' >>"$conf"
printf 'dữ liệu' >"$R/var/lib/dienhinh/data.mdb"
inst
contains "$(cat "$T/make.out")" "kept as it is"
[ "$(tail -n 1 "$conf")" = "# sửa tại cơ quan" ] || fail "a second make install overwrote the config"
[ "$(cat "$R/var/lib/dienhinh/data.mdb")" = "dữ liệu" ] || fail "a second make install touched data.mdb"
want usr/bin/dienhinh "root:dienhinh 2755"
want var/lib/dienhinh "root:dienhinh 2770"

# Uninstalling removes the program, never the data or the config.
make -s -C "$ROOT" uninstall DESTDIR="$R" PREFIX=/usr >"$T/make.out" 2>&1 || fail "make uninstall:
$(cat "$T/make.out")"
[ ! -e "$R/usr/bin/dienhinh" ] || fail "uninstall left the program"
[ ! -e "$R/usr/share/dienhinh/dienhinh.yaml.example" ] || fail "uninstall left the example"
[ -e "$conf" ] || fail "uninstall removed the config"
[ -e "$R/var/lib/dienhinh/data.mdb" ] || fail "uninstall removed the data"
