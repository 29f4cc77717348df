#!/usr/bin/env bash
# Sets everything up, builds stakemap and runs the main job on the bundled Municipio II example:
# validates the map, prints its summary, its key actors with their brokerage roles, its
# communities, the coverage of each neighbourhood, its gaps and five suggested links, in Italian,
# and draws the map by neighbourhood to roma-municipio-ii.svg and the coverage heat map to
# roma-municipio-ii-coverage.svg.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh release >/dev/null
map=examples/roma-municipio-ii/map.json
stakemap=build/release/stakemap
"$stakemap" validate "$map" --format table
echo
"$stakemap" stats "$map" --format table --lang it
echo
"$stakemap" centrality "$map" --by sector --top 10 --measures degree,betweenness,closeness,eigenvector,constraint \
    --format table --lang it
echo
"$stakemap" communities "$map" --format table --lang it
echo
"$stakemap" coverage "$map" --format table --lang it
echo
"$stakemap" gaps "$map" --format table --lang it
echo
"$stakemap" suggest "$map" --goal reach --k 5 --format table --lang it --top 5
echo
"$stakemap" render "$map" -o roma-municipio-ii.svg --cluster area --size-by betweenness \
    --highlight gaps --lang it
"$stakemap" render "$map" -o roma-municipio-ii-coverage.svg --view coverage --lang it
"$stakemap" report "$map" -o roma-municipio-ii-rapporto.html --lang it \
    --option "$(dirname "$map")/options/sportello.json" \
    --option "$(dirname "$map")/options/mediazione.json" \
    --option "$(dirname "$map")/options/punti.json"
echo "map drawn: roma-municipio-ii.svg; coverage heat map: roma-municipio-ii-coverage.svg;"
echo "report: roma-municipio-ii-rapporto.html (open it in a browser; it prints on A4)"
