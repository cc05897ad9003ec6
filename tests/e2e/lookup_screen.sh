# Screen 7, Tra cứu: hits at every key, the same hits as `dienhinh search
# --recognised` in the same order, decomposed input, `dang` finding Đặng,
# Tab widening to every record and back, and everything inside 80x24.
. "$(dirname "$0")/../lib.sh"

expect_exit 0 "$DH" -d "$T/db" --as tdkt demo --records 300

# The names in the hit list, one a line, as the screen shows them.
shown_names() {
	tm_screen | python3 -c '
import sys
lines = sys.stdin.read().split("\n")
start = next(i for i, l in enumerate(lines) if l.startswith("Năm  Loại    Tên"))
for l in lines[start + 1:]:
    if not l[:4].isdigit():
        break
    print(l[13:35].rstrip())'
}

# The first names `search` gives, cut to the width of the name column.
search_names() { # query words...
	"$DH" -d "$T/db" search --format tsv "$@" | cut -f4 | head -n 14 |
		python3 -c 'import sys; [print(l.rstrip("\n")[:22].rstrip()) for l in sys.stdin]'
}
search_count() {
	"$DH" -d "$T/db" search --format tsv "$@" | wc -l | tr -d ' '
}

# Screen 7 shows the hits of `search --recognised QUERY`, best first.
expect_same_hits() { # query
	local want got
	want=$(search_names --recognised "$1")
	[ -n "$want" ] || fail "search --recognised '$1' found nothing: the demo data changed?"
	tm_wait "$(search_count --recognised "$1") kết quả ·"
	got=$(shown_names)
	[ "$got" = "$want" ] || fail "screen 7 and search differ for '$1':
screen:
$got
search:
$want"
}

# Nothing drawn runs into the last column but the header, the key line
# and the list's position (a text too long for 80 columns would), and the
# lines about the hit under the cursor end whole.
expect_no_overflow() {
	tm_screen | python3 -c '
import re, sys
lines = sys.stdin.read().split("\n")[:24]
for i, l in enumerate(lines[1:23], 2):
    if len(l) >= 80 and not re.fullmatch(r" *[0-9.]+/[0-9.]+( · .*)?", l):
        sys.exit("line %d runs to the edge: %r" % (i, l))
    if l.startswith(" Công nhận ") and not l.endswith(")"):
        sys.exit("line %d is cut: %r" % (i, l))
    if " kết quả · " in l and not l.endswith(" ms"):
        sys.exit("line %d is cut: %r" % (i, l))' || fail "overflow:
$(tm_screen)"
}

tm_start "$DH_APP -d '$T/db' --as tdkt"
tm_wait "Tổng quan"
tm_keys 7
tm_wait "Bấm / rồi gõ"
contains "$(tm_screen)" "/ Gõ tìm" "key line"
# On the list, digits still move between screens.
tm_keys 2
tm_wait_tab "2Nhân tố"
tm_keys 7
tm_wait "Bấm / rồi gõ"

# A letter starts the query; every key updates the hits.
tm_keys -l n
tm_wait "Esc Rời ô tìm"
tm_keys -l guyen
tm_wait "Tìm: nguyen"
expect_same_hits nguyen
expect_no_overflow
contains "$(tm_screen)" "Tab Mọi hồ sơ" "key line"

# Refined half-way through Telex, then to the full words.
tm_keys BSpace BSpace
tm_wait $'Tìm: nguy\n'
tm_keys -l "ễn văn"
tm_wait "Tìm: nguyễn văn"
expect_same_hits "nguyễn văn"
before=$(shown_names)

# Decomposed input (NFD, as some input methods send it) is the same text.
tm_keys C-u
tm_wait "Gõ họ tên"
tm_keys -l "$(printf 'nguye\xcc\x82\xcc\x83n va\xcc\x86n')"
tm_wait "Tìm: nguyễn văn"
tm_wait "$(search_count --recognised "nguyễn văn") kết quả ·"
[ "$(shown_names)" = "$before" ] || fail "NFD query shows other hits:
$(tm_screen)"

# dang finds Đặng.
tm_keys C-u
tm_keys -l dang
tm_wait "Tìm: dang"
expect_same_hits dang
contains "$(shown_names)" "Đặng" "hits for dang"

# Tab widens to every record (more hits, and `search` without
# --recognised agrees), and back.
narrow=$(search_count --recognised dang)
wide=$(search_count dang)
[ "$wide" -gt "$narrow" ] || fail "the demo has no unrecognised Đặng: $wide vs $narrow"
tm_keys Tab
tm_wait "$wide kết quả · mọi hồ sơ"
contains "$(tm_screen)" "Tab Chỉ đã công nhận" "key line"
[ "$(shown_names)" = "$(search_names dang)" ] || fail "widened hits differ from search:
$(tm_screen)"
tm_keys Tab
tm_wait "$narrow kết quả · chỉ hồ sơ đã công nhận"
contains "$(tm_screen)" "Tab Mọi hồ sơ" "key line"

# Nothing matches: said so, with the way out.
tm_keys -l x
tm_wait "Không có hồ sơ đã công nhận nào khớp"
expect_no_overflow

# What another session commits shows up while the query is on screen.
tm_keys BSpace
tm_wait "$narrow kết quả · chỉ hồ sơ đã công nhận"
printf 'year,kind,name,department,stage,recognised_decision,recognised_date\n2019,individual,Đặng Văn Mới,nv1,recognised,99/QĐ-TTr,2019-11-30\n' >"$T/new.csv"
expect_exit 0 "$DH" -d "$T/db" --as tdkt import "$T/new.csv"
tm_wait "$((narrow + 1)) kết quả · chỉ hồ sơ đã công nhận"
tm_wait "Đặng Văn Mới"
expect_same_hits dang
