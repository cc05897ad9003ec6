#!/usr/bin/env bash
# tests/bench/config_load.sh [BASELINE] — what a crafted config costs to load
# (issue 15). Every start loads the config, so no file may make it slow.
#
# Two files are made from a small valid config (the one of
# tests/unit/test_config.c):
#   perm.yaml   `permissions:` with N unknown keys followed by N repeats of a
#               known action, N as large as the node limit (100000) lets;
#   depts.yaml  500 departments (the most a list may have) whose 1000-byte
#               names share all but their last four characters.
# `dienhinh check-config FILE` is timed on each with farm-bench (median of
# 10); with BASELINE (another build of dienhinh, e.g. of the commit before)
# the two run in turn and the ratio is printed. Both files are refused
# (exit 78) or accepted the same way by both builds: only time differs.
set -eu
cd "$(dirname "$0")/../.."
baseline=${1:-}
make --no-print-directory build/dienhinh >&2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat >"$work/base.yaml" <<'YAML'
organization: { name: "Thanh tra tỉnh Thử", short: "TTr" }
plan: { year: 2021, title: "Kế hoạch năm 2021" }
departments:
  - { id: ld, name: "Ban lãnh đạo" }
  - { id: vp, name: "Văn phòng" }
people:
  - { login: thuanpv, name: "Phạm Văn Thuần", department: ld, roles: [chief] }
  - { login: tdkt, name: "Võ Thị Hương", department: vp, roles: [office] }
  - { login: an, name: "Lê An", department: vp, roles: [staff] }
council:
  name: "Hội đồng"
  members:
    - { login: thuanpv, role: chair }
    - { login: tdkt, role: secretary }
    - { login: an, role: member }
  quorum: "2/3"
  vote: { method: secret, approve_more_than: "1/2", of: members }
  recuse: [self]
criteria:
  new_factor_min: 1
  individual: [ { id: xs, text: "Hoàn thành xuất sắc nhiệm vụ" } ]
  collective: [ { id: xs, text: "Hoàn thành xuất sắc nhiệm vụ" } ]
  model: [ { id: moi, text: "Cách làm mới" } ]
deadlines:
  - { id: registration, label: "Đăng ký", date: 2021-06-30, closes: nominate }
awards:
  - { id: giay_khen, name: "Giấy khen" }
YAML

# 24960 pairs of keys fill the node limit with this base.
n=24960
{
	cat "$work/base.yaml"
	echo "permissions:"
	seq 0 $((n - 1)) | sed 's/^/  k/; s/$/: 0/'
	yes '  record_votes: 0' | head -n "$n"
} >"$work/perm.yaml"

prefix="Phòng $(printf 'a%.0s' $(seq 983))"
awk -v p="$prefix" '
	/^departments:/ { print; for (i = 0; i < 500; i++) printf "  - { id: d%d, name: \"%s%04d\" }\n", i, p, i; skip = 1; next }
	/^people:/ { skip = 0 }
	/^  - \{ login/ { sub(/department: (ld|vp)/, "department: d0") }
	!skip' "$work/base.yaml" >"$work/depts.yaml"

for f in perm depts; do
	echo "== $f.yaml ($(wc -c <"$work/$f.yaml") bytes): exit $(build/dienhinh check-config "$work/$f.yaml" >/dev/null 2>&1; echo $?)"
	if [ -n "$baseline" ]; then
		farm-bench -n 10 --timeout 600 --vs "$baseline check-config $work/$f.yaml" -- \
			build/dienhinh check-config "$work/$f.yaml"
	else
		farm-bench -n 10 -- build/dienhinh check-config "$work/$f.yaml"
	fi
done
