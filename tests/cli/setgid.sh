# A set-group-id install as `make install` makes it (DESIGN.md §11), used
# by an ordinary user who is not in the group: the data is out of the user's
# reach except through the program; every override is refused with 77;
# writes through the program keep the files root's; the documents and
# copies the user writes are the user's own; $EDITOR runs with the user's
# own rights and holds nothing of the database. Needs root, for a throwaway
# group and user (removed at exit).
. "$(dirname "$0")/../lib.sh"
if [ "$(id -u)" -ne 0 ]; then
	echo "skipped: needs root (a throwaway group and user)"
	exit 0
fi
export DIENHINH_TODAY=2021-09-15
grp=dhtest$$
usr=dhuser$$
ugrp=users
getent group "$ugrp" >/dev/null || ugrp=nogroup
home=$T/home
groupadd "$grp"
useradd -M -N -g "$ugrp" -d "$home" -s /bin/sh "$usr"
app_pid=""
cleanup_accounts() {
	cleanup
	[ -z "$app_pid" ] || kill -KILL "$app_pid" 2>/dev/null || true
	# A program of the user's that tmux just hung up on may take a moment.
	local i=0
	while ! userdel "$usr" 2>/dev/null && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	userdel -f "$usr" 2>/dev/null || true
	groupdel "$grp" 2>/dev/null || true
}
trap cleanup_accounts EXIT

# The layout of an install, under $T (which the user may enter): the
# program looks for its config in $T/etc (built in, as /etc is for real).
chmod 755 "$T"
mkdir -p "$T/etc/dienhinh" "$T/bin" "$home"
chown "$usr:$ugrp" "$home"
chmod 700 "$home"
make -s -C "$ROOT" build/setgid/dienhinh SETGID_SYSCONFDIR="$T/etc" >/dev/null
bin=$T/bin/dienhinh
install -m 2755 -o root -g "$grp" "$ROOT/build/setgid/dienhinh" "$bin"
install -d -m 2770 -o root -g "$grp" "$T/data"
opts=$(findmnt -no OPTIONS --target "$T" 2>/dev/null || echo "")
case ",$opts," in *,nosuid,*) fail "$T is on a nosuid mount: set-group-id cannot work there" ;; esac
grep -q '^NoNewPrivs:[[:space:]]*0' /proc/self/status ||
	fail "this process has no_new_privs: set-group-id cannot work under it"
conf=$T/etc/dienhinh/dienhinh.yaml
sed -e "/^storage:/,/^[^ #]/ s|^  path:.*|  path: $T/data|" \
	-e "/^people:/a\\  - { login: $usr, name: \"Trần Thử Nghiệm\", position: \"Chuyên viên\", department: vp, roles: [office] }" \
	"$CONFIG" >"$conf"
chmod 644 "$conf"
expect_exit 0 "$DH_APP" check-config "$conf"
# The data made by root, as an administrator would.
expect_exit 0 "$DH_APP" -c "$conf" --as tdkt demo --records 300 --seed 7
[ "$(stat -c '%U:%G %a' "$T/data/data.mdb")" = "root:$grp 660" ] ||
	fail "data.mdb: $(stat -c '%U:%G %a' "$T/data/data.mdb")"

# As the user, with nothing of this shell's environment.
as_user() {
	runuser -u "$usr" -- env -i TERM=dumb LANG=C.UTF-8 PATH=/usr/bin:/bin "$@"
}
# The files themselves are out of reach.
expect_exit 1 as_user cat "$T/data/data.mdb"
contains "$ERR" "Permission denied"
got=0
as_user mdb_stat "$T/data" >"$T/out" 2>&1 || got=$?
[ "$got" -ne 0 ] || fail "mdb_stat read the database as the user"
contains "$(cat "$T/out")" "Permission denied"

# Through the program they are not.
expect_exit 0 as_user "$bin" search nguyen
contains "$OUT" "kết quả."
expect_exit 0 as_user "$bin" stats --year 2021
contains "$OUT" "Số liệu năm 2021"
expect_exit 0 as_user "$bin" -c "$conf" stats --year 2021

# Every override is refused, saying which.
expect_exit 77 as_user "$bin" --as tdkt search nguyen
contains "$ERR" "không được dùng --as"
expect_exit 77 as_user "$bin" -d /tmp/x search nguyen
contains "$ERR" "không được dùng -d"
cp "$conf" "$T/other.yaml"
chmod 644 "$T/other.yaml"
expect_exit 77 as_user "$bin" -c "$T/other.yaml" search nguyen
contains "$ERR" "không được dùng -c"
contains "$ERR" "$conf"
expect_exit 77 as_user env DIENHINH_CONFIG="$conf" "$bin" search nguyen
contains "$ERR" "DIENHINH_CONFIG"
expect_exit 77 as_user env DIENHINH_TODAY=2021-09-15 "$bin" stats
contains "$ERR" "DIENHINH_TODAY"
expect_exit 77 as_user env DIENHINH_ANYTHING=1 "$bin" stats
contains "$ERR" "DIENHINH_ANYTHING"
# A config in the current folder is not looked at either.
mkdir -p "$home/config"
cp "$CONFIG" "$home/config/dienhinh.yaml"
chown -R "$usr" "$home/config"
expect_exit 0 runuser -u "$usr" -- sh -c 'cd "$1" && env -i LANG=C.UTF-8 "$2" stats --year 2021' sh "$home" "$bin"

# A write through the program: the files stay root's, the group's.
cp "$ROOT/tests/data/csv/good.csv" "$home/good.csv"
chown "$usr" "$home/good.csv"
expect_exit 0 as_user "$bin" import "$home/good.csv"
contains "$OUT" "Đã nhập 5 hồ sơ"
for f in data.mdb lock.mdb; do
	[ "$(stat -c '%U:%G %a' "$T/data/$f")" = "root:$grp 660" ] || fail "$f: $(stat -c '%U:%G %a' "$T/data/$f")"
done

# What the user writes is the user's, in the user's own group.
expect_exit 0 as_user "$bin" report decision --year 2019 --format docx -o "$home/x.docx"
[ "$(stat -c '%U:%G' "$home/x.docx")" = "$usr:$ugrp" ] || fail "x.docx: $(stat -c '%U:%G' "$home/x.docx")"
expect_exit 0 as_user "$bin" backup "$home/copy"
[ "$(stat -c '%U:%G' "$home/copy/data.mdb")" = "$usr:$ugrp" ] ||
	fail "the backup: $(stat -c '%U:%G' "$home/copy/data.mdb")"

# Files a user could own are refused: the program does not create them.
mv "$T/data/lock.mdb" "$T/lock.mdb"
expect_exit 78 as_user "$bin" search nguyen
contains "$ERR" "thiếu $T/data/lock.mdb"
[ ! -e "$T/data/lock.mdb" ] || fail "the user's run made lock.mdb"
mv "$T/lock.mdb" "$T/data/lock.mdb"

# The editor, from a form (as tests/e2e/ui_editor.sh): the user's own ids,
# no descriptor of the database, and the data out of its reach.
cat >"$T/editor" <<'SH'
#!/bin/sh
printf '%s\n' "Mô hình tiếp công dân kiểu mới" >>"$1"
{
	echo "uid $(id -u) gid $(id -g) groups $(id -G)"
	ls -l /proc/$$/fd/
	cat "$DATA_FILE" >/dev/null 2>&1 && echo "READ THE DATA"
} >"$HOME/editor.info" 2>&1
exit 0
SH
chmod 755 "$T/editor"
# setpriv execs (runuser would stay between, and keep the hang-up of the
# terminal from the program when tmux goes).
tm_start "exec setpriv --reuid=$usr --regid=$ugrp --init-groups env -i TERM=screen LANG=C.UTF-8 PATH=/usr/bin:/bin EDITOR='$T/editor' DATA_FILE='$T/data/data.mdb' '$bin'"
app_pid=$(tm display-message -p -t main '#{pane_pid}')
tm_wait "Tổng quan"
tm_keys 2
tm_wait "xếp theo mới nhất"
tm_keys a
tm_wait "Thêm nhân tố mới"
tm_keys -l "Phòng Tiếp công dân"
tm_keys Tab Tab Tab Tab Tab Tab Tab
tm_wait "^E soạn thảo"
tm_keys C-e
tm_wait "Mô hình tiếp công dân kiểu mới"
tm_keys F2
tm_wait "Đã lưu."
info=$(cat "$home/editor.info")
contains "$info" "uid $(id -u "$usr") gid $(getent group "$ugrp" | cut -d: -f3) " "the editor's ids"
groups=" $(head -n 1 "$home/editor.info" | sed 's/.* groups //') "
case $groups in *" $(getent group "$grp" | cut -d: -f3) "*) fail "the editor is in $grp: $groups" ;; esac
lacks "$info" "data.mdb" "the editor's descriptors"
lacks "$info" "lock.mdb" "the editor's descriptors"
lacks "$info" "READ THE DATA" "the editor"
tm_keys q
expect_exit 0 as_user "$bin" search "Phòng Tiếp công dân"
contains "$OUT" "Phòng Tiếp công dân"
