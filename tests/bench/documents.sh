#!/usr/bin/env bash
# tests/bench/documents.sh — the documents, side by side with what the
# office does today instead.
#
# Ours: build/bench/bench_documents times, inside the process, the 100
# Giấy khen of an award decision (certificate_write) and the decision with
# its 100-row annex as .docx and as PDF (report_save), straight from the
# records in LMDB; then the same decision and certificates as whole
# processes, `dienhinh report decision --format pdf` and `dienhinh report
# certificate`, on the store bench_documents made (start, config, store,
# document, exit).
#
# Instead: the office writes the decision in Word and turns the finished
# .docx into PDF with LibreOffice. The same .docx (ours) is converted by
# `soffice --headless --convert-to pdf`, with a profile of its own (made by
# a first run, not counted), as a whole process too; and, for what of that
# is LibreOffice's start, a one-line .docx the same way.
#
# Whole processes: one warm-up run, then the median of $RUNS (default 5)
# by `date +%s%N`. Without soffice, only ours is printed.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${RUNS:-5}
soffice=${SOFFICE:-soffice} # SOFFICE=none: ours only
export LC_ALL=C.UTF-8
export DIENHINH_CONFIG=config/dienhinh.yaml
export DIENHINH_TODAY=2021-12-01

make --no-print-directory build/bench/bench_documents build/dienhinh >&2

tmp=$(mktemp -d /tmp/dh-documents-XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# Milliseconds one run of "$@" takes (its output thrown away).
ms() {
	local a b
	a=$(date +%s%N)
	"$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; return 1; }
	b=$(date +%s%N)
	echo $(((b - a) / 1000))
}

# The median of RUNS runs of "$@" after a warm-up, in ms with one decimal.
median_ms() {
	local t=()
	ms "$@" >/dev/null
	for ((i = 0; i < runs; i++)); do
		t+=("$(ms "$@")")
	done
	printf '%s\n' "${t[@]}" | sort -n | awk '{v[NR] = $1} END {printf "%.1f", v[int((NR + 1) / 2)] / 1000}'
}

pages() {
	command -v pdfinfo >/dev/null && pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}' || echo "?"
}

echo "== inside the process (build/bench/bench_documents) =="
build/bench/bench_documents -d "$tmp/store" "$tmp/decision.docx" | tee "$tmp/ours.txt"
in_cert=$(awk '$1 == "median" && $2 == "certificates" {print $3}' "$tmp/ours.txt")
in_docx=$(awk '$1 == "median" && $2 == "decision_docx" {print $3}' "$tmp/ours.txt")
in_pdf=$(awk '$1 == "median" && $2 == "decision_pdf" {print $3}' "$tmp/ours.txt")

dh=(build/dienhinh -d "$tmp/store/db" --as tdkt report)
w_pdf=$(median_ms "${dh[@]}" decision --decision 20/QĐ-TTr --format pdf -o "$tmp/ours.pdf")
w_docx=$(median_ms "${dh[@]}" decision --decision 20/QĐ-TTr --format docx -o "$tmp/ours.docx")
w_cert=$(median_ms "${dh[@]}" certificate --decision 20/QĐ-TTr -o "$tmp/giay-khen.pdf")

echo
echo "== whole processes, median of $runs after a warm-up =="
printf '%-62s %10s %6s\n' "what" "ms" "pages"
printf '%-62s %10s %6s\n' "dienhinh report certificate (100 Giấy khen, one PDF)" "$w_cert" "$(pages "$tmp/giay-khen.pdf")"
printf '%-62s %10s %6s\n' "dienhinh report decision --format docx (100-row annex)" "$w_docx" "-"
printf '%-62s %10s %6s\n' "dienhinh report decision --format pdf (100-row annex)" "$w_pdf" "$(pages "$tmp/ours.pdf")"

if ! command -v "$soffice" >/dev/null; then
	echo
	echo "$soffice not found (LibreOffice is not installed): only ours is shown."
	exit 0
fi
lo=("$soffice" "-env:UserInstallation=file://$tmp/profile" --headless --convert-to pdf --outdir "$tmp/lo"
	"$tmp/decision.docx")
# The profile is made by a first run of its own, not counted.
"${lo[@]}" >/dev/null 2>&1
w_lo=$(median_ms "${lo[@]}")
printf '%-62s %10s %6s\n' "soffice --convert-to pdf of the same decision .docx" "$w_lo" "$(pages "$tmp/lo/decision.pdf")"
# LibreOffice's floor: a .docx of one line (made by LibreOffice from a
# text file) to PDF, i.e. mostly its start and exit.
mkdir -p "$tmp/one"
printf 'Quyết định\n' >"$tmp/one/one-line.txt"
"$soffice" "-env:UserInstallation=file://$tmp/profile" --headless --convert-to docx --outdir "$tmp/one" \
	"$tmp/one/one-line.txt" >/dev/null 2>&1
w_floor=$(median_ms "$soffice" "-env:UserInstallation=file://$tmp/profile" --headless --convert-to pdf \
	--outdir "$tmp/one" "$tmp/one/one-line.docx")
printf '%-62s %10s %6s\n' "soffice --convert-to pdf of a one-line .docx (its start)" "$w_floor" \
	"$(pages "$tmp/one/one-line.pdf")"

echo
echo "== side by side: the decision with its 100-row annex as PDF =="
awk -v lo="$w_lo" -v fl="$w_floor" -v w="$w_pdf" -v i="$in_pdf" -v d="$in_docx" -v c="$in_cert" 'BEGIN {
	printf "ours, from the records, whole process: %8.1f ms\n", w
	printf "ours, from the records, in process:    %8.1f ms   (docx: %.1f ms; 100 Giấy khen: %.1f ms)\n", i, d, c
	printf "LibreOffice, finished .docx to PDF:    %8.1f ms   (a one-line .docx: %.1f ms)\n", lo, fl
	printf "LibreOffice / ours: %.1f× (whole process), %.0f× (in process)\n", lo / w, lo / i
}'
