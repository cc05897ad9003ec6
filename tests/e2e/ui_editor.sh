# Ctrl-E hands a long text to $EDITOR (here a script that appends a line)
# and the screen comes back with the edited text, which is then saved.
. "$(dirname "$0")/../lib.sh"

expect_exit 0 "$DH" -d "$T/db" --as tdkt demo --records 5
cat >"$T/editor" <<'SH'
#!/bin/sh
printf '%s\n' "Mô hình tiếp công dân kiểu mới" >>"$1"
ls -l /proc/$$/fd/ >"$1.fds" 2>/dev/null
SH
chmod +x "$T/editor"
tm_start "EDITOR='$T/editor' VISUAL= TMPDIR='$T' $DH_APP -d '$T/db' --as tdkt"
tm_wait "Tổng quan"
tm_keys 2
tm_wait "xếp theo mới nhất"
tm_keys a
tm_wait "Thêm nhân tố mới"
tm_keys -l "Phòng Tiếp công dân"
# Name, kind, department, year, position, title, criteria, description.
tm_keys Tab Tab Tab Tab Tab Tab Tab
tm_wait "^E soạn thảo"
tm_keys -l "Đầu dòng"
tm_keys C-e
tm_wait "Mô hình tiếp công dân kiểu mới"
contains "$(tm_screen)" "Đầu dòng¶Mô hình" "description after the editor"
# The editor saw no database file descriptor.
fds=$(cat "$T"/dienhinh-*.txt.fds 2>/dev/null || true)
lacks "$fds" "data.mdb" "editor's open files"
lacks "$fds" "lock.mdb" "editor's open files"
tm_keys F2
tm_wait "Đã lưu."
expect_exit 0 "$DH" -d "$T/db" --as tdkt export --format jsonl
contains "$OUT" 'Đầu dòng\nMô hình tiếp công dân kiểu mới' "export"
