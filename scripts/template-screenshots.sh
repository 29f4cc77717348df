#!/usr/bin/env bash
# Regenerates the pictures of the Italian template in docs/img/ (docs/spreadsheets.md, "The
# template"): stakemap template, printed to PDF by LibreOffice with each sheet on one page of its
# own size, each page made a PNG at 80 dpi by pdftoppm and cut to its content (at most 1400 pixels
# wide: the first columns of a wide sheet).
# Needs a built stakemap, LibreOffice Calc (apt-get install --no-install-recommends
# libreoffice-calc-nogui), poppler-utils and python3-pil; none of them is needed to build or test.
# Usage: bash scripts/template-screenshots.sh [build/release/stakemap]
set -euo pipefail
cd "$(dirname "$0")/.."
stakemap="$(realpath "${1:-build/release/stakemap}")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$stakemap" template --lang it -o "$work/modello.xlsx"
# A profile of its own, so that a LibreOffice already open does not take the conversion.
soffice -env:UserInstallation="file://$work/profile" --headless \
    --convert-to 'pdf:calc_pdf_Export:{"SinglePageSheets":{"type":"boolean","value":"true"}}' \
    --outdir "$work" "$work/modello.xlsx" >/dev/null
pdftoppm -png -r 80 "$work/modello.pdf" "$work/page"
# Pages in sheet order: Leggimi, attori, relazioni, aree, bisogni (the lists sheet is hidden).
names=(leggimi attori relazioni aree bisogni)
pages=("$work"/page-*.png)
for i in "${!names[@]}"; do
    /usr/bin/python3 - "${pages[$i]}" "docs/img/modello-${names[$i]}.png" <<'PY'
import sys
from PIL import Image, ImageChops, ImageOps

page = Image.open(sys.argv[1]).convert("RGB")
background = Image.new("RGB", page.size, (255, 255, 255))
box = ImageChops.difference(page, background).getbbox()
picture = page.crop(box) if box else page
# A wide sheet is shown by its first columns, which the page can hold legibly.
picture = picture.crop((0, 0, min(picture.width, 1400), picture.height))
ImageOps.expand(picture, border=8, fill=(255, 255, 255)).save(sys.argv[2], optimize=True)
PY
done
ls -l docs/img/modello-*.png
