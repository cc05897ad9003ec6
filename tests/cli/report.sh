# report: the plan's documents as Markdown, from a demo database, with the
# exit codes scripts rely on (0 written, 1 nothing to write about, 64 usage,
# 74 no database, 77 not permitted).
. "$(dirname "$0")/../lib.sh"
export DIENHINH_TODAY=2021-09-15

expect_exit 0 "$DH" -d "$T/db" --as tdkt demo --records 300 --seed 7

# Every table keeps its shape: within a block of table lines every row has as
# many cell separators as its header (an unescaped '|' in a name would add
# one), and no control character reaches the document.
check_markdown() { # file
	perl -ne '
		if (/^\|/) {
			(my $l = $_) =~ s/\\\\//g; $l =~ s/\\\|//g;
			my $n = () = $l =~ /\|/g;
			$want = $n unless defined $want;
			die "line $.: $n cell separators, the table has $want:\n$_" if $n != $want;
		} else { undef $want }
		die "line $.: a control character\n" if /[\x00-\x08\x0b-\x1f\x7f]/;
	' "$1" || fail "$1 is not well-formed Markdown"
}

# A past year of the demo has it all: sessions, proposals, decisions, reviews.
for doc in minutes ballot proposal registrations decision review; do
	expect_exit 0 "$DH" -d "$T/db" --as tdkt report "$doc" --year 2019
	printf '%s\n' "$OUT" >"$T/$doc.md"
	check_markdown "$T/$doc.md"
	lacks "$ERR" "runtime error" "stderr"
done
contains "$(cat "$T/minutes.md")" "# BIÊN BẢN

**Họp Hội đồng thi đua, khen thưởng bình xét"
contains "$(cat "$T/minutes.md")" "**Số thành viên dự họp: "
contains "$(cat "$T/minutes.md")" "- **Kết quả: "
contains "$(cat "$T/minutes.md")" "| **Võ Thị Thanh Hương** | **Phạm Văn Thuần** |"
contains "$(cat "$T/ballot.md")" "# BIÊN BẢN KIỂM PHIẾU"
contains "$(cat "$T/decision.md")" "# QUYẾT ĐỊNH"
contains "$(cat "$T/proposal.md")" "# TỜ TRÌNH"
contains "$(cat "$T/proposal.md")" "kính trình Chánh Thanh tra tỉnh Hà Tĩnh xem xét, công nhận"
contains "$(cat "$T/registrations.md")" "**Tổng hợp đăng ký mô hình tiêu biểu, điển hình tiên tiến năm 2019**"
contains "$(cat "$T/decision.md")" "(Kèm theo Quyết định số "
contains "$(cat "$T/decision.md")" "/QĐ-TTr ngày "
contains "$(cat "$T/review.md")" " công tác xây dựng, bồi dưỡng và nhân rộng điển hình tiên tiến năm 2019**"
contains "$(cat "$T/review.md")" " đồng**"

# The review's figures are the stats command's.
expect_exit 0 "$DH" -d "$T/db" --as tdkt stats --year 2019
stats_line=$(printf '%s\n' "$OUT" | grep '^Hội đồng:')
sessions=$(printf '%s' "$stats_line" | sed 's/^Hội đồng: \([0-9]*\) phiên.*/\1/')
passed=$(printf '%s' "$stats_line" | sed 's/.*; \([0-9]*\) lượt bình xét đạt.*/\1/')
contains "$(cat "$T/review.md")" "họp **$sessions** phiên; **$passed** lượt bình xét đạt"

# A session chosen by its id; the default is the year's latest.
expect_exit 0 "$DH" -d "$T/db" --as tdkt report minutes --session 1
contains "$OUT" "(phiên họp mã số 1)"
# Without a number the decision made last, and stderr says which.
expect_exit 0 "$DH" -d "$T/db" --as tdkt report decision --year 2019
latest=$(sed -n 's/.*Kèm theo Quyết định số \([^ ]*\) ngày.*/\1/p' <<<"$OUT" | head -n 1)
contains "$ERR" "Quyết định mới nhất: số $latest ngày" "which decision"
# A decision by its number, as printed in the annex.
number=$(sed -n 's/.*Kèm theo Quyết định số \([^ ]*\) ngày.*/\1/p' "$T/decision.md" | head -n 1)
expect_exit 0 "$DH" -d "$T/db" --as tdkt report decision --decision "$number"
contains "$OUT" "Kèm theo Quyết định số $number ngày"

# In 2021 on 15/09 the council has not met: nothing to write minutes about.
expect_exit 1 "$DH" -d "$T/db" --as tdkt report minutes
contains "$ERR" "Chưa có phiên họp Hội đồng nào của năm 2021."
[ -z "$OUT" ] || fail "a refused document wrote: $OUT"
expect_exit 0 "$DH" -d "$T/db" --as tdkt report registrations
contains "$OUT" "(Tính đến ngày 15/09/2021)"
contains "$OUT" "- Đơn vị đã trả lời: **"

# Usage errors.
expect_exit 64 "$DH" -d "$T/db" --as tdkt report
expect_exit 64 "$DH" -d "$T/db" --as tdkt report memo
contains "$ERR" "memo"
expect_exit 64 "$DH" -d "$T/db" --as tdkt report minutes --session abc
contains "$ERR" "--session"
expect_exit 64 "$DH" -d "$T/db" --as tdkt report review --kind yearly
expect_exit 64 "$DH" -d "$T/db" --as tdkt report registrations --session 1

# Only people config knows; reading never creates a database.
expect_exit 77 "$DH" -d "$T/db" --as nobody report review
expect_exit 74 "$DH" -d "$T/none" --as tdkt report review
[ ! -e "$T/none" ] || fail "report created a database"
