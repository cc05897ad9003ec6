# years: what a council decided never changes afterwards. The documents of
# sessions and decisions already made read the same, byte for byte, after
# the config is changed as it will be for the next year (two members gone,
# another quorum and vote rule, renamed council and chief).
. "$(dirname "$0")/../lib.sh"
export DIENHINH_TODAY=2021-09-15

expect_exit 0 "$DH" -d "$T/db" --as tdkt demo --records 300 --seed 7

# The next year's config: two members leave the council, quorum 3/4, a vote
# of at least 2/3 of those present, written opinions no longer count, the
# council and the chief renamed, another legal basis.
perl -pe '
	s/^    - \{ login: (minhdh|tambv), +role: member \}\n//;
	s/quorum: "2\/3"/quorum: "3\/4"/;
	s/approve_more_than: "1\/2"/approve_at_least: "2\/3"/;
	s/of: members /of: present /;
	s/written_votes: true/written_votes: false/;
	s/name: "Hội đồng thi đua, khen thưởng Thanh tra tỉnh"/name: "Hội đồng Thi đua - Khen thưởng (khóa mới)"/;
	s/name: "Phạm Văn Thuần"/name: "Nguyễn Chánh Mới"/;
	s/^(\s+- ")Luật Thi đua/$1Luật Mới về Thi đua/;
' "$CONFIG" >"$T/next.yaml"
cmp -s "$CONFIG" "$T/next.yaml" && fail "the next year's config is the same file"
expect_exit 0 "$DH" -c "$T/next.yaml" check-config
members_before=$(grep -c '^    - { login: .*role:' "$CONFIG")
members_after=$(grep -c '^    - { login: .*role:' "$T/next.yaml")
[ "$members_after" -eq $((members_before - 2)) ] || fail "the next config should have two members fewer"

for year in 2019 2020; do
	for doc in minutes ballot proposal decision; do
		expect_exit 0 "$DH" -d "$T/db" --as tdkt report "$doc" --year "$year" --format md -o "$T/$doc-$year-before.md"
		expect_exit 0 "$DH" -c "$T/next.yaml" -d "$T/db" --as tdkt report "$doc" --year "$year" --format md \
			-o "$T/$doc-$year-after.md"
		cmp "$T/$doc-$year-before.md" "$T/$doc-$year-after.md" >/dev/null ||
			fail "the $year $doc changed with the config:
$(diff "$T/$doc-$year-before.md" "$T/$doc-$year-after.md" | head -n 20)"
	done
done
before=$(cat "$T/minutes-2019-before.md")
contains "$before" "Tổng số thành viên Hội đồng: **11**"
contains "$before" "| Phạm Văn Thuần | Chánh Thanh tra | Chủ tịch Hội đồng |"
contains "$before" "HỘI ĐỒNG THI ĐUA, KHEN THƯỞNG THANH TRA TỈNH"
contains "$before" "trên 1/2 tổng số thành viên Hội đồng"
contains "$(cat "$T/decision-2019-before.md")" "**Phạm Văn Thuần**"

# The Giấy khen of a past decision names the signer it was signed by.
number=$(sed -n 's/.*Kèm theo Quyết định số \([^ ]*\) ngày.*/\1/p' "$T/decision-2019-before.md" | head -n 1)
[ -n "$number" ] || fail "no decision number in the 2019 decision"

# --- the next plan year -----------------------------------------------------
# `new-year 2022` writes the 2022 config beside the one in use (a copy of
# the example config, so that the repository's folder stays clean): dates
# and the plan's year moved, comments kept, checked; a second run refuses.
mkdir -p "$T/config"
cp "$CONFIG" "$T/config/dienhinh.yaml"
expect_exit 0 "$DH" -c "$T/config/dienhinh.yaml" new-year 2022
out=$OUT
next="$T/config/dienhinh-2022.yaml"
[ -f "$next" ] || fail "new-year wrote no $next"
contains "$out" "Đã ghi cấu hình năm 2022: $next"
contains "$out" "Thành viên Hội đồng"
contains "$out" "Căn cứ pháp lý"
contains "$out" "15/10/2022  Hạn đăng ký mô hình, điển hình tiên tiến"
expect_exit 0 "$DH" -c "$next" check-config
contains "$OUT" "2022"
grep -q '^  year: 2022$' "$next" || fail "the plan year is not 2022"
grep -q 'title: "Kế hoạch .* năm 2022"' "$next" || fail "the title's year did not change"
dates_old=$(grep -o '20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]' "$CONFIG" | wc -l)
dates_new=$(grep -o '2022-[0-9][0-9]-[0-9][0-9]' "$next" | wc -l)
[ "$dates_old" -gt 0 ] && [ "$dates_old" -eq "$dates_new" ] || fail "not every date moved to 2022 ($dates_new of $dates_old)"
grep -q '2021-[0-9][0-9]-[0-9][0-9]' "$next" && fail "a 2021 date is left in $next"
[ "$(grep '^\s*#' "$CONFIG")" = "$(grep '^\s*#' "$next")" ] || fail "the comments of the config changed"
[ "$(grep -c '' "$CONFIG")" -eq "$(grep -c '' "$next")" ] || fail "the new config has another number of lines"
contains "$(cat "$next")" "ngày 26 tháng 11 năm 2003" # a law's date is not the plan's
cp "$next" "$T/next-first.yaml"
expect_exit 73 "$DH" -c "$T/config/dienhinh.yaml" new-year 2022
contains "$ERR" "không ghi đè"
cmp -s "$next" "$T/next-first.yaml" || fail "a second new-year changed the file"
expect_exit 64 "$DH" -c "$T/config/dienhinh.yaml" new-year 2021

# A past year reads with its own plan: the demo kept the 2021 plan; under
# the 2022 config with another deadline label, `stats --year 2021` shows
# 2021's deadlines and title, not 2022's.
perl -pi -e 's/Hạn đăng ký mô hình, điển hình tiên tiến/Hạn đăng ký năm mới/' "$next"
expect_exit 0 "$DH" -c "$next" check-config
expect_exit 0 "$DH" -c "$next" -d "$T/db" --as tdkt stats --year 2021
past=$OUT
contains "$past" "Kế hoạch năm 2021: Kế hoạch xây dựng, bồi dưỡng và nhân rộng điển hình tiên tiến xuất sắc năm 2021"
contains "$past" "15/10/2021  Hạn đăng ký mô hình, điển hình tiên tiến"
lacks "$past" "Hạn đăng ký năm mới"
contains "$past" "Số liệu năm 2021"
# A year the store kept no plan of says so.
expect_exit 0 "$DH" -c "$next" -d "$T/db" --as tdkt stats --year 2018
contains "$OUT" "Chưa lưu kế hoạch năm 2018"
# The plan's record is in the audit chain.
expect_exit 0 "$DH" -d "$T/db" --as tdkt verify

# The year's review report, made again under the 2022 config with a new
# Chánh Thanh tra, is the 2021 report byte for byte: signed by the chief of
# 2021, under the plan the store kept for that year.
expect_exit 0 "$DH" -d "$T/db" --as tdkt report review --year 2021 --format md -o "$T/review-2021-before.md"
perl -pi -e 's/name: "Phạm Văn Thuần"/name: "Nguyễn Chánh Mới"/' "$next"
expect_exit 0 "$DH" -c "$next" check-config
expect_exit 0 "$DH" -c "$next" -d "$T/db" --as tdkt report review --year 2021 --format md -o "$T/review-2021-after.md"
cmp "$T/review-2021-before.md" "$T/review-2021-after.md" >/dev/null ||
	fail "the 2021 review report changed with the 2022 config:
$(diff "$T/review-2021-before.md" "$T/review-2021-after.md" | head -n 20)"
contains "$(cat "$T/review-2021-after.md")" "**Phạm Văn Thuần**"
# The 2022 report is signed by the chief of 2022.
expect_exit 0 "$DH" -c "$next" -d "$T/db" --as tdkt report review --year 2022 --format md -o "$T/review-2022.md"
contains "$(cat "$T/review-2022.md")" "**Nguyễn Chánh Mới**"
