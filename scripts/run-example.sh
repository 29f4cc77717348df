#!/usr/bin/env bash
# Sets everything up, builds stakemap and runs the main job on the bundled Municipio II example:
# validates the map, prints its summary, its key actors with their brokerage roles, and its
# communities, in Italian.
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
