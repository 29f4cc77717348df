#!/usr/bin/env bash
# Configures and builds one CMake preset (default: release). Warnings are fatal when CI is set.
# Usage: bash scripts/build.sh [preset]
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-release}"
bash scripts/setup.sh
extra=()
if [[ -n "${CI:-}" ]]; then
    extra+=(-DSTAKEMAP_WARNINGS_AS_ERRORS=ON)
fi
cmake --preset "$preset" "${extra[@]}" >/dev/null
cmake --build --preset "$preset" -j "$(nproc)"
