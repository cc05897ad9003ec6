# Export: CSV for Excel (BOM, CRLF, RFC 4180, formulas defused) and JSON
# Lines with each candidate's whole history, Vietnamese as is.
. "$(dirname "$0")/../lib.sh"
db=$T/db
printf '\357\273\277kind,name,department,title,description\r\n' >"$T/in.csv"
printf 'individual,=cmd|'"'"' /C calc'"'"'!A0,nv1,+84 912,"-1\r\n@x"\r\n' >>"$T/in.csv"
printf 'model,"Mô hình ""Một cửa"", có dấu phẩy",tcd,-,\r\n' >>"$T/in.csv"
expect_exit 0 "$DH" -d "$db" --as tdkt import "$T/in.csv"
expect_exit 0 "$DH" -d "$T/demo" --as tdkt demo --records 60 --seed 7

"$DH" -d "$db" --as tdkt export >"$T/out.csv"
head -c 3 "$T/out.csv" | od -An -tx1 | grep -q 'ef bb bf' || fail "CSV export has no BOM"
# Every line ends in CRLF (the line inside the quoted description too is
# the text's own LF, as Excel writes it).
[ "$(grep -c $'\r$' "$T/out.csv")" -eq 3 ] || fail "CSV rows do not end in CRLF:
$(od -c "$T/out.csv" | head -20)"
csv=$(cat "$T/out.csv")
contains "$csv" "individual,'=cmd|' /C calc'!A0,nv1,,'+84 912,\"'-1"
contains "$csv" "@x\",new_factor"
contains "$csv" "\"Mô hình \"\"Một cửa\"\", có dấu phẩy\",tcd,,'-,"
lacks "$csv" ",=cmd"

# JSON Lines: one object per candidate, each line parses, letters are not
# escaped, the history is nested and belongs to the candidate.
"$DH" -d "$T/demo" --as tdkt export --format jsonl >"$T/out.jsonl"
grep -q 'Nguyễn\|Trần\|Lê\|Phạm' "$T/out.jsonl" || fail "no Vietnamese letters as is in jsonl"
if grep -q '\\u0' "$T/out.jsonl"; then fail "jsonl escapes letters as \\u"; fi
python3 - "$T/out.jsonl" <<'PY' || fail "jsonl check failed"
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
assert len(lines) == 60, len(lines)
stages = set()
for line in lines:
    o = json.loads(line)
    cid = o["id"]
    stages.add(o["stage"])
    for key in ("fostering", "registrations", "vote_items", "decisions", "awards", "activities"):
        assert isinstance(o[key], list), key
    for f in o["fostering"] + o["registrations"] + o["vote_items"] + o["activities"]:
        assert f["candidate_id"] == cid, (cid, f)
    for d in o["decisions"]:
        assert d["type"] == 0 and cid in d["candidates"], (cid, d)
    for d in o["awards"]:
        assert d["type"] == 1 and cid in d["candidates"], (cid, d)
    if o["recognised_decision"]:
        assert [d["number"] for d in o["decisions"]] == [o["recognised_decision"]], o
    if o["award_decision"]:
        assert [d["number"] for d in o["awards"]] == [o["award_decision"]], o
    if o["stage"] >= 3:  # approved and beyond went through the council
        assert len(o["vote_items"]) == 1 and o["vote_items"][0]["closed"], o
assert len(stages) >= 5, stages
PY

# The CSV export of the demo has one row per candidate, whatever its stage.
"$DH" -d "$T/demo" --as tdkt export >"$T/demo.csv"
[ "$(grep -c '^[0-9]' "$T/demo.csv")" -eq 60 ] || fail "demo CSV rows: $(grep -c '^[0-9]' "$T/demo.csv")"
for s in new_factor fostering not_approved recognised awarded; do
	grep -q ",$s," "$T/demo.csv" || fail "no $s candidate in the demo export"
done
