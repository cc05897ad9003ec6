#!/usr/bin/env bash
# Renders every document of the plan to PNG pages so a person can read them
# beside the state's sample forms (NĐ 30/2020, Phụ lục I): each kind as PDF
# (pdftoppm) and as .docx opened by LibreOffice (soffice --headless), and
# the Giấy khen with its frames (--blank), from a demo database.
#
#   tests/render.sh [OUTDIR]      (default build/render; needs `make`)
#
# LibreOffice is not in `make deps` (it is large): without `soffice` only
# the PDFs are rendered, and the script says how to install it.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-build/render}
DH=./build/dienhinh
[ -x "$DH" ] || make --no-print-directory build/dienhinh
command -v pdftoppm >/dev/null || { echo "pdftoppm is missing: sudo apt-get install poppler-utils" >&2; exit 1; }
rm -rf "$OUT"
mkdir -p "$OUT"
db=$(mktemp -d)
trap 'rm -rf "$db"' EXIT
export DIENHINH_CONFIG=$PWD/config/dienhinh.yaml DIENHINH_TODAY=2021-12-15
"$DH" -d "$db/data" --as tdkt demo --records 300 --seed 7 >/dev/null

for kind in minutes ballot proposal registrations decision review; do
	"$DH" -d "$db/data" --as tdkt report "$kind" --year 2021 --format pdf -o "$OUT/$kind.pdf" >/dev/null
	"$DH" -d "$db/data" --as tdkt report "$kind" --year 2021 --format docx -o "$OUT/$kind.docx" >/dev/null
	pdftoppm -png -r 70 "$OUT/$kind.pdf" "$OUT/$kind-pdf"
done
"$DH" -d "$db/data" --as tdkt report certificate --blank -o "$OUT/certificate.pdf" >/dev/null
pdftoppm -png -r 50 -f 1 -l 3 "$OUT/certificate.pdf" "$OUT/certificate"

if command -v soffice >/dev/null; then
	mkdir -p "$OUT/lo"
	# A profile of its own: a LibreOffice the user has open is left alone.
	soffice -env:UserInstallation="file://$db/lo-profile" --headless --convert-to pdf \
		--outdir "$OUT/lo" "$OUT"/*.docx >/dev/null 2>&1
	for f in "$OUT"/lo/*.pdf; do
		pdftoppm -png -r 70 "$f" "$OUT/$(basename "${f%.pdf}")-docx"
	done
else
	echo "soffice not found: the .docx files were written but not rendered." >&2
	echo "To render them too: sudo apt-get install --no-install-recommends libreoffice-writer-nogui" >&2
fi
n=$(find "$OUT" -name '*.png' | wc -l)
echo "$n pages rendered in $OUT/ (*-pdf-N.png: our PDF; *-docx-N.png: the .docx as LibreOffice lays it out)"
