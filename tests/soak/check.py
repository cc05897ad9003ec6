#!/usr/bin/env python3
"""The soak's verdict: check.py LOGDIR EXPORT.jsonl AUDIT.dump KILLED.

LOGDIR holds each writer's w*.tried (every change it started) and w*.acked
(the changes it saw acknowledged), one per line: "import FILE ROWS" or
"form NAME". EXPORT is `dienhinh export --format jsonl`; AUDIT is
`mdb_dump -s audit` of the environment (hex, one value per entry).

An acknowledged change missing from the export, or without its audit entry
(an import's entry names the file; a form's holds the saved name), is lost.
An import present with some of its rows but not all, or any change present
twice, is torn. Prints `soak: N committed, K killed, L lost, T torn` last
and exits 1 when anything was lost or torn."""
import collections
import glob
import json
import os
import re
import sys

logdir, export_path, audit_path, killed = sys.argv[1:5]


def read_log(suffix):
    out = []
    for path in sorted(glob.glob(os.path.join(logdir, "*." + suffix))):
        with open(path, encoding="utf-8") as f:
            out += [line.rstrip("\n").split(" ", 1) for line in f if line.strip()]
    return out


tried = read_log("tried")
acked = read_log("acked")

names = collections.Counter()
with open(export_path, encoding="utf-8") as f:
    for line in f:
        rec = json.loads(line)
        if not rec.get("deleted"):
            names[rec["name"]] += 1
rows_of = collections.Counter()
for name, n in names.items():
    m = re.search(r"Soak (\S+) r\d{5}$", name)
    if m:
        rows_of[m.group(1)] += n

# mdb_dump's data section: key and value lines alternate, each in hex.
entries = []
with open(audit_path) as f:
    lines = [l.strip() for l in f if l.startswith(" ")]
for i in range(1, len(lines), 2):
    entries.append(bytes.fromhex(lines[i]))


def audited(action, needle):
    a, n = action.encode(), needle.encode()
    return any(a in e and n in e for e in entries)


problems = []
lost = torn = 0
acked_set = set((kind, rest) for kind, rest in acked)
seen = set()
for kind, rest in tried + acked:
    if (kind, rest) in seen:
        continue
    seen.add((kind, rest))
    ok = (kind, rest) in acked_set
    if kind == "import":
        file, rows = rest.rsplit(" ", 1)
        tag, rows = file[: -len(".csv")], int(rows)
        got = rows_of.get(tag, 0)
        if got not in (0, rows):
            torn += 1
            problems.append(f"torn: {file}: {got} of its {rows} rows")
        elif ok and got == 0:
            lost += 1
            problems.append(f"lost: {file} ({rows} rows) was acknowledged")
        elif got and not audited("import", file):
            lost += 1
            problems.append(f"lost: {file} has no audit entry")
    elif kind == "form":
        got = names.get(rest, 0)
        if got > 1:
            torn += 1
            problems.append(f"torn: {rest} saved {got} times")
        elif ok and got == 0:
            lost += 1
            problems.append(f"lost: {rest} was acknowledged")
        elif got and not audited("create", rest):
            lost += 1
            problems.append(f"lost: {rest} has no audit entry")

for p in problems[:30]:
    print("soak:", p, file=sys.stderr)
print(f"soak: {len(acked_set)} committed, {int(killed)} killed, {lost} lost, {torn} torn")
sys.exit(1 if lost or torn else 0)
