#!/usr/bin/env bash
# Installs what stakemap needs to build and test, from Debian packages (Debian 12).
# Usage: bash scripts/setup.sh [--reference | --fuzz]
#   --reference  also installs NetworkX, R's sna and graph-tool, needed only to regenerate
#                tests/reference/ and to run the benchmark (bench/run.py).
#   --fuzz       also installs clang and LLVM (libFuzzer, llvm-symbolizer) for tests/fuzz/run.sh.
set -euo pipefail

packages=(g++ cmake make pkgconf libboost-graph-dev libboost-program-options-dev nlohmann-json3-dev
          libgraphviz-dev graphviz fonts-dejavu-core doctest-dev
          libboost-locale-dev gettext locales python3 python3-networkx python3-igraph libcsv-dev
          libzip-dev libpugixml-dev libxlsxwriter-dev python3-openpyxl python3-odf valgrind
          pandoc)
# Headless Chromium for the report's browser tests, installed with the packages it recommends
# (fonts among them), as it is tested.
browser_packages=(chromium)
if [[ "${1:-}" == "--reference" ]]; then
    packages+=(python3 python3-networkx python3-numpy python3-scipy python3-igraph r-cran-sna
               python3-graph-tool)
fi
if [[ "${1:-}" == "--fuzz" ]]; then
    packages+=(clang llvm)
fi

installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}
missing=()
for package in "${packages[@]}"; do
    installed "$package" || missing+=("$package")
done
missing_browser=()
for package in "${browser_packages[@]}"; do
    installed "$package" || missing_browser+=("$package")
done

run_as_root() {
    if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

# The Italian locale, so that the tests can switch to it (LC_ALL=it_IT.UTF-8) for real.
ensure_italian_locale() {
    if locale -a 2>/dev/null | grep -qi '^it_IT\.utf-\?8$'; then
        return
    fi
    echo "stakemap setup: generating the it_IT.UTF-8 locale" >&2
    if ! grep -q '^it_IT.UTF-8 UTF-8' /etc/locale.gen 2>/dev/null; then
        echo 'it_IT.UTF-8 UTF-8' | run_as_root tee -a /etc/locale.gen >/dev/null
    fi
    run_as_root locale-gen >/dev/null
}

if [[ ${#missing[@]} -eq 0 && ${#missing_browser[@]} -eq 0 ]]; then
    ensure_italian_locale
    exit 0
fi
echo "stakemap setup: installing ${missing[*]} ${missing_browser[*]}" >&2
run_as_root apt-get update -qq
if [[ ${#missing[@]} -gt 0 ]]; then
    DEBIAN_FRONTEND=noninteractive run_as_root apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >&2
fi
if [[ ${#missing_browser[@]} -gt 0 ]]; then
    DEBIAN_FRONTEND=noninteractive run_as_root apt-get install -y -qq "${missing_browser[@]}" >&2
fi
# Fresh fonts: build the font cache now, so that the first drawing measures text like the next ones.
if command -v fc-cache >/dev/null 2>&1; then
    fc-cache -f >/dev/null 2>&1 || true
fi
ensure_italian_locale
