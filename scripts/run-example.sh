#!/usr/bin/env bash
# Sets everything up, builds stakemap and runs the main job on the bundled Municipio II example:
# validates the map and prints its summary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh release >/dev/null
map=examples/roma-municipio-ii/map.json
build/release/stakemap validate "$map" --format table
build/release/stakemap stats "$map" --format table --lang it
