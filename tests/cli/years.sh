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
