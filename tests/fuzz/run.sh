#!/usr/bin/env bash
# Builds the libFuzzer harnesses (preset fuzz: clang, ASan + UBSan) and runs each for SECONDS on a
# fresh copy of its seeds, made from the repository's own inputs by make_seeds.py.
# Usage: bash tests/fuzz/run.sh SECONDS [HARNESS...]
#   HARNESS: map_json csv_sheets workbook graph_import settings_files map_dot (default: all)
#   STAKEMAP_FUZZ_TIMEOUT: seconds one input may take before it counts as a hang (default 10); raise
#   it when the machine is busy with other work, since libFuzzer measures wall-clock time.
# Prints one line per harness (name, seconds, executions, result) and exits 1 when any harness
# found a crash, a leak, a timeout or ran out of memory, with the path of the input that does it.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
seconds=${1:-}
if [[ ! "$seconds" =~ ^[0-9]+$ ]]; then
    echo "usage: bash tests/fuzz/run.sh SECONDS [HARNESS...]" >&2
    exit 2
fi
shift
all=(map_json csv_sheets workbook graph_import settings_files map_dot)
harnesses=("$@")
if [[ ${#harnesses[@]} -eq 0 ]]; then
    harnesses=("${all[@]}")
fi
for harness in "${harnesses[@]}"; do
    if [[ " ${all[*]} " != *" $harness "* ]]; then
        echo "run.sh: no harness \"$harness\" (${all[*]})" >&2
        exit 2
    fi
done

# The longest input each harness is given: the example maps whole (up to 73 kB), spreadsheets and
# graph files of a few dozen rows, and a map small enough to be drawn in milliseconds.
declare -A max_len=([map_json]=131072 [csv_sheets]=16384 [workbook]=65536 [graph_import]=65536
                    [settings_files]=16384 [map_dot]=16384)
declare -A dictionary=([map_json]=json [csv_sheets]=csv [workbook]=workbook [graph_import]=xml
                       [settings_files]=json [map_dot]=json)

bash "$root/scripts/setup.sh" --fuzz
cd "$root"
build=build/fuzz
mkdir -p build # a fresh clone has no build folder for the logs yet
cmake --preset fuzz >"$root/$build.configure.log" 2>&1 ||
    { cat "$root/$build.configure.log" >&2; exit 1; }
cmake --build --preset fuzz -j"$(nproc)" >"$root/$build.build.log" 2>&1 ||
    { tail -50 "$root/$build.build.log" >&2; exit 1; }

runs=$root/$build/runs
rm -rf "$runs"
mkdir -p "$runs"
python3 "$root/tests/fuzz/make_seeds.py" "$runs/seeds"

# Graphviz and the libraries it loads keep memory until exit (tests/lsan.supp); stakemap's own
# leaks are still reported.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:symbolize=1
export LSAN_OPTIONS=suppressions=$root/tests/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

failed=0
printf '%-16s %8s %12s  %s\n' harness seconds executions result
for harness in "${harnesses[@]}"; do
    work=$runs/$harness
    mkdir -p "$work/corpus" "$work/artifacts"
    cp -r "$runs/seeds/$harness/." "$work/corpus/"
    start=$(date +%s)
    status=0
    "$root/$build/tests/fuzz/fuzz_$harness" "$work/corpus" \
        -dict="$root/tests/fuzz/dict/${dictionary[$harness]}.dict" \
        -max_total_time="$seconds" -timeout="${STAKEMAP_FUZZ_TIMEOUT:-10}" -rss_limit_mb=2048 \
        -max_len="${max_len[$harness]}" -print_final_stats=1 \
        -artifact_prefix="$work/artifacts/" >"$work/log" 2>&1 || status=$?
    elapsed=$(($(date +%s) - start))
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" | tail -1)
    reproducers=$(find "$work/artifacts" -type f \( -name 'crash-*' -o -name 'leak-*' \
                       -o -name 'timeout-*' -o -name 'oom-*' \) | sort)
    if [[ $status -eq 0 && -z "$reproducers" ]]; then
        result=ok
    else
        failed=1
        result="FOUND (exit $status): ${reproducers:-no reproducer written} — log $work/log"
    fi
    printf '%-16s %8s %12s  %s\n' "$harness" "$elapsed" "${executions:-?}" "$result"
done
exit $failed
