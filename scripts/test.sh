#!/usr/bin/env bash
# Sets everything up, builds one preset (default: release) and runs the whole test suite.
# Usage: bash scripts/test.sh [release|debug|asan-ubsan|ci]
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-release}"
bash scripts/build.sh "$preset"
ctest --preset "$preset" -j "$(nproc)"
