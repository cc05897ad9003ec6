# demo: realistic sample data into an empty database only, the same data for
# the same seed.
. "$(dirname "$0")/../lib.sh"
export DIENHINH_TODAY=2021-09-15

expect_exit 0 "$DH" -d "$T/a" --as tdkt demo --records 300 --seed 42
contains "$OUT" "300 hồ sơ"
expect_exit 0 "$DH" -d "$T/b" --as tdkt demo --records 300 --seed 42
expect_exit 0 "$DH" -d "$T/c" --as tdkt demo --records 300 --seed 43
"$DH" -d "$T/a" --as tdkt export >"$T/a.csv"
"$DH" -d "$T/b" --as tdkt export >"$T/b.csv"
"$DH" -d "$T/c" --as tdkt export >"$T/c.csv"
cmp -s "$T/a.csv" "$T/b.csv" || fail "the same seed gave different data"
cmp -s "$T/a.csv" "$T/c.csv" && fail "another seed gave the same data"

# Never into a database that has data: refused, and nothing added.
expect_exit 65 "$DH" -d "$T/a" --as tdkt demo --records 10
contains "$ERR" "cơ sở dữ liệu trống"
"$DH" -d "$T/a" --as tdkt export >"$T/a2.csv"
cmp -s "$T/a.csv" "$T/a2.csv" || fail "a refused demo changed the data"

# What it holds: five years, every kind, Vietnamese names, models that read
# like an Inspectorate's, every stage the date allows.
csv=$(cat "$T/a.csv")
for y in 2017 2018 2019 2020 2021; do contains "$csv" ",$y," "demo years"; done
for k in individual collective model; do contains "$csv" ",$k," "demo kinds"; done
contains "$csv" "Mô hình tiếp công dân"
contains "$csv" "Nguyễn "
contains "$csv" "/QĐ-TTr,"
for s in new_factor fostering nominated not_approved recognised awarded; do
	contains "$csv" ",$s," "demo stages"
done
# On 15/09/2021 the year's council has not met: no 2021 decision yet.
if grep -q '^[0-9]*,2021,.*,\(approved\|not_approved\|recognised\|awarded\),' "$T/a.csv"; then
	fail "2021 candidates went past the council before its date"
fi
# Past years have their history: sessions with votes, fostering with
# material support, decisions, replication.
expect_exit 0 "$DH" -d "$T/a" stats --year 2019
contains "$OUT" "Hội đồng:"
lacks "$OUT" "Hội đồng: 0 phiên"
lacks "$OUT" "hỗ trợ vật chất tổng cộng 0 đồng"
lacks "$OUT" "Quyết định: công nhận 0"
lacks "$OUT" "Nhân rộng: 0 hoạt động"
"$DH" -d "$T/a" --as tdkt export --format jsonl >"$T/a.jsonl"
python3 - "$T/a.jsonl" <<'PY' || fail "demo history check failed"
import json, sys
c = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert len(c) == 300
votes = [v for o in c for v in o["vote_items"]]
assert votes and all(v["closed"] and v["reason"] for v in votes)
# The council arithmetic decided each result: passed ones were approved.
for o in c:
    for v in o["vote_items"]:
        assert (v["result"] == 1) == (o["stage"] in (3, 5, 6)), (o["stage"], v)
assert any(f["kind"] == 2 and f["amount"] > 0 for o in c for f in o["fostering"])
assert any(a["kind"] == 1 and a["url"].startswith("https://") for o in c for a in o["activities"])
assert any(r["status"] == 2 and r["reason"] for o in c for r in o["registrations"])
PY

# The search engine finds demo people by a part of their name.
name=$(grep -m1 '^[0-9]*,2019,individual,' "$T/a.csv" | cut -d, -f4)
expect_exit 0 "$DH" -d "$T/a" search --format tsv "$name"
contains "$OUT" "$name"
