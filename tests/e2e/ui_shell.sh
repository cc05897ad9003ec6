# The shell: header, the eight screens by digit with their exact titles,
# help generated from the key table, quitting with status 0, and a locale
# that is not UTF-8 refused with a message that says what to set.
. "$(dirname "$0")/../lib.sh"

expect_exit 0 "$DH" -d "$T/db" --as tdkt demo --records 40

# The screens reach data only through the core: no LMDB, no YAML here.
if grep -lE '#include [<"](lmdb|yaml)\.h' "$ROOT"/src/ui/* "$ROOT"/include/dienhinh/ui*.h; then
	fail "the UI includes lmdb.h or yaml.h"
fi

# Not UTF-8: refused before the terminal is touched.
LC_ALL=C expect_exit 78 "$DH_APP" -d "$T/db" --as tdkt
contains "$ERR" "UTF-8" "stderr"
contains "$ERR" "LANG=C.UTF-8" "stderr"

tm_start "$DH_APP -d '$T/db' --as tdkt; echo \$? > '$T/exit'"
tm_wait "Tổng quan"
screen=$(tm_screen)
contains "$screen" "Võ Thị Thanh Hương" "header"
contains "$screen" "2021" "header"
contains "$screen" "Thời hạn" "overview"
contains "$screen" "Việc chờ tôi" "overview"
contains "$screen" "?/F1 Trợ giúp" "key line"
# A deadline label longer than the line goes on below itself, whole.
contains "$screen" "nhân rộng điển" "overview"
tm_screen | grep -q '^ \{20,\}hình năm 2021' || fail "the long deadline label is not wrapped:
$screen"

# The tab line at 80 columns: every screen's digit and short name, the
# current one highlighted (the only text on that line in the selected
# style, black on cyan); wider terminals show the full titles.
tabs="1Tổng quan 2Nhân tố 3Lựa chọn 4Khen thưởng 5Sơ kết 6Thực hiện 7Tra cứu 8Nhật ký"
shorts=("Tổng quan" "Nhân tố" "Lựa chọn" "Khen thưởng" "Sơ kết" "Thực hiện" "Tra cứu" "Nhật ký")
titles=("Tổng quan" "Nhân tố mới" "Lựa chọn, công nhận" "Khen thưởng, nhân rộng" "Sơ kết, tổng kết"
	"Tổ chức thực hiện" "Tra cứu" "Nhật ký")

for n in 3 4 5 6 7 8 2 1; do
	tm_keys "$n"
	want="$n${shorts[$((n - 1))]}"
	for _ in $(seq 100); do [ "$(tm_tab)" = "$want" ] && break; sleep 0.05; done
	[ "$(tm_tab)" = "$want" ] || fail "tab $n not highlighted: '$(tm_tab)'"
	[ "$(tm_screen | sed -n 2p | sed 's/ *$//')" = "$tabs" ] || fail "tab line at 80 columns:
$(tm_screen | sed -n 2p)"
done
tm resize-window -t main -x 140 -y 24
tm_wait " 3 Lựa chọn, công nhận  4 Khen thưởng, nhân rộng "
for n in 1 2 3 4 5 6 7 8; do contains "$(tm_screen | sed -n 2p)" " $n ${titles[$((n - 1))]}" "wide tab line"; done
tm resize-window -t main -x 80 -y 24
tm_wait "$tabs"
tm_keys 5
tm_wait "Theo bước" # screen 5 is built: its figures
tm_keys 2
tm_wait "xếp theo mới nhất"
contains "$(tm_screen)" "a Thêm" "candidate key line"
# Departments read whole in their narrow column (config `short`, else the
# name without "Phòng "): Nghiệp vụ 1, 2 and 3 stay apart.
tm_screen | grep -qE ' Nghiệp vụ [123] ' || fail "no whole department name in the list:
$(tm_screen)"

# Help lists every key of the screen, from the same table as the key line.
tm_keys '?'
tm_wait "Phím"
screen=$(tm_screen)
contains "$screen" "Thêm nhân tố mới" "help"
contains "$screen" "Lọc danh sách" "help"
contains "$screen" "Đổi cách sắp xếp" "help"
tm_keys Escape
tm_wait_gone "Việc làm được ở đây"

# '/' goes to the lookup screen with its query line taking the keys; Esc
# leaves the query line, and q quits from the top with status 0.
tm_keys /
tm_wait_tab "7Tra cứu"
tm_wait "Esc Rời ô tìm"
tm_keys Escape
tm_wait_gone "Esc Rời ô tìm"
tm_keys q
for _ in $(seq 100); do [ -s "$T/exit" ] && break; sleep 0.05; done
[ "$(cat "$T/exit" 2>/dev/null)" = 0 ] || fail "exit status $(cat "$T/exit" 2>/dev/null), expected 0"

# A login config does not know: the overview says what it may do and whom
# to ask; a key it may not use says so instead of doing nothing.
tm kill-server 2>/dev/null || true
tm_start "$DH_APP -d '$T/db' --as khachxem"
tm_wait "Tổng quan"
contains "$(tm_screen)" "nhờ Văn phòng thêm tài khoản" "overview of an unknown login"
tm_keys 2
tm_wait "xếp theo mới nhất"
lacks "$(tm_screen)" "a Thêm" "key line of an unknown login"
tm_keys a
tm_wait "Phím a (Thêm) không dùng được ở đây"
