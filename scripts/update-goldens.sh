#!/usr/bin/env bash
# Rewrites the golden files of the CLI and render tests from the current build (default preset:
# release), for a change that alters outputs on purpose. Review `git diff tests/` before committing.
# Usage: bash scripts/update-goldens.sh [preset]
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-release}"
STAKEMAP_UPDATE_GOLDEN=1 ctest --preset "$preset" -L cli -j "$(nproc)" >/dev/null || true
work="build/$preset/tests/cli-work"
for golden in tests/render/golden/*.dot; do
    produced="$work/render-$(basename "$golden")"
    if [[ -f "$produced" ]]; then
        cp "$produced" "$golden"
    fi
done
# The CSV templates shipped in data/templates/ (checked by cli/csv-templates).
"build/$preset/stakemap" template --to csv --lang it --excel-it -o data/templates/it
"build/$preset/stakemap" template --to csv --lang en -o data/templates/en
git status --short tests/ data/templates/
