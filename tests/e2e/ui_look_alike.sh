# A zero-width space pasted into a name (and a right-to-left override into
# a title) is refused on F2 with the message under the field naming the
# codepoint; nothing is saved until it is gone.
. "$(dirname "$0")/../lib.sh"

expect_exit 0 "$DH" -d "$T/db" --as tdkt demo --records 5
"$DH" -d "$T/db" --as tdkt export >"$T/before.csv"
tm_start "$DH_APP -d '$T/db' --as tdkt"
tm_wait "Tổng quan"
tm_keys 2
tm_wait "xếp theo mới nhất"
tm_keys a
tm_wait "Thêm nhân tố mới"
# The UTF-8 bytes of U+200B between two letters, as a paste sends them.
tm_keys -l "$(printf 'Lê Văn B\xe2\x80\x8bình')"
tm_keys F2
tm_wait "Tên: chứa ký tự không độ rộng U+200B"
screen=$(tm_screen)
# Under the field: the line after the one holding the name.
printf '%s\n' "$screen" | grep -A1 'Lê Văn B' | tail -1 | grep -q 'U+200B' ||
	fail "the message is not under the name field:
$screen"
lacks "$screen" "Đã lưu." "the screen after F2"
"$DH" -d "$T/db" --as tdkt export >"$T/after.csv"
cmp -s "$T/before.csv" "$T/after.csv" || fail "a name with U+200B was saved"

# Retyped clean, it saves.
tm_keys C-u
tm_keys -l "Lê Văn Bình"
tm_keys F2
tm_wait "Đã lưu."
"$DH" -d "$T/db" --as tdkt export >"$T/after.csv"
contains "$(cat "$T/after.csv")" ",Lê Văn Bình,"
