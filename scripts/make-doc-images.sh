#!/usr/bin/env bash
# Regenerates the images of docs/render.md and docs/coverage.md from the bundled examples (SVG and PNG in docs/img/).
# Usage: bash scripts/make-doc-images.sh   (after a release build: bash scripts/build.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
stakemap=build/release/stakemap
out=docs/img
mkdir -p "$out"
for example in roma-municipio-ii prato unione-comuni; do
    "$stakemap" render "examples/$example/map.json" -o "$out/$example.svg" --cluster area \
        --size-by betweenness --highlight gaps
done
"$stakemap" render examples/roma-municipio-ii/map.json -o "$out/roma-municipio-ii.png" \
    --cluster area --size-by betweenness --highlight gaps
# The A3 pages of the three examples, as the README's main job draws them (docs/render.md).
for example in roma-municipio-ii prato unione-comuni; do
    "$stakemap" render "examples/$example/map.json" -o "$out/$example-a3.png" --paper A3 \
        --cluster area --size-by betweenness --highlight gaps --lang it
done
for format in svg; do
    "$stakemap" render examples/roma-municipio-ii/map.json -o "$out/roma-grid.$format" --view grid \
        --lang it
    "$stakemap" render examples/prato/map.json -o "$out/prato-ego.$format" \
        --ego animatore-macrolotto --radius 1 --size-by degree --lang it
done
"$stakemap" render examples/unione-comuni/map.json -o "$out/unione-poster-a3.pdf" --paper A3 \
    --landscape --cluster area --size-by betweenness --lang it
"$stakemap" render examples/unione-comuni/map.json -o "$out/unione-poster-a3.svg" --paper A3 \
    --landscape --cluster area --size-by betweenness --lang it
"$stakemap" render examples/prato/map.json -o "$out/prato-coverage.svg" --view coverage --lang it
"$stakemap" render examples/prato/map.json -o "$out/prato-coverage.png" --view coverage --lang it
"$stakemap" render examples/prato/map.json -o "$out/prato-coverage-areas.svg" --cluster area \
    --color-areas coverage --lang it
echo "images written to $out"
