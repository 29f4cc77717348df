#!/usr/bin/env python3
"""How `stakemap` ends when a long parallel computation cannot finish.

Usage: parallel_failures.py STAKEMAP WORKDIR interrupt
       parallel_failures.py STAKEMAP WORKDIR memory

interrupt: `centrality` on a generated map of 30,000 actors gets SIGINT (Ctrl-C) after about a
    second: exit code 130, "interrupted" on stderr, and neither the -o file nor its temporary file
    is left behind.
memory: `centrality` on a generated map of 100,000 actors under virtual-memory limits (ulimit -v)
    around the least it needs, so that allocations fail inside the blocks of the parallel
    betweenness (and threads cannot always be started): every run ends with exit code 0, or 5 and
    an "out of memory" message, never with an abort (exit code 134, "terminate called"); at least
    one run fails that way.
"""
import json
import signal
import subprocess
import sys
import time
from pathlib import Path


def write_map(path, actors, relations, seed):
    """A random connected map, the same for a given seed on every machine (its own LCG)."""
    state = seed

    def draw(bound):
        nonlocal state
        state = (state * 6364136223846793005 + 1442695040888963407) % 2**64
        return (state >> 33) % bound

    ids = [f"a{i}" for i in range(actors)]
    ties = []
    for i in range(1, actors):
        ties.append((ids[i], ids[draw(i)]))
    while len(ties) < relations:
        s, t = draw(actors), draw(actors)
        if s != t:
            ties.append((ids[s], ids[t]))
    document = {
        "format": "stakemap/1",
        "title": f"Generated map of {actors} actors",
        "actors": [{"id": i, "name": i, "kind": "association"} for i in ids],
        "relations": [{"source": s, "target": t, "type": "referral"} for s, t in ties],
    }
    path.write_text(json.dumps(document))


def write_pairs_map(path, actors):
    """Actors tied in pairs: betweenness is quick, yet every block of it allocates per-actor
    buffers, so that under a tight memory limit the allocations that fail are inside the
    parallel blocks."""
    ids = [f"a{i}" for i in range(actors)]
    document = {
        "format": "stakemap/1",
        "title": f"{actors} actors in pairs",
        "actors": [{"id": i, "name": i, "kind": "association"} for i in ids],
        "relations": [{"source": ids[i], "target": ids[i + 1], "type": "referral"}
                      for i in range(0, actors - 1, 2)],
    }
    path.write_text(json.dumps(document))


def fail(message):
    print(f"FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def interrupt(exe, work):
    map_path = work / "interrupt-map.json"
    write_map(map_path, 30000, 75000, seed=1)
    out = work / "interrupt-out.json"
    out.unlink(missing_ok=True)
    started = time.monotonic()
    process = subprocess.Popen(
        [exe, "centrality", str(map_path), "--measures", "betweenness,closeness", "-o", str(out)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.0)
    if process.poll() is not None:
        fail(f"the computation ended before the interrupt (exit code {process.returncode}); "
             "the map is too small for this machine")
    process.send_signal(signal.SIGINT)
    try:
        stdout, stderr = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        fail("still running 60 s after SIGINT")
    elapsed = time.monotonic() - started
    print(f"exit code {process.returncode} after {elapsed:.1f} s; stderr: {stderr.strip()}")
    if process.returncode != 130:
        fail(f"exit code {process.returncode}, expected 130")
    if "interrupted" not in stderr:
        fail("no 'interrupted' message on stderr")
    if stdout:
        fail(f"something was written to stdout: {stdout[:200]}")
    if out.exists():
        fail(f"{out} was written")
    leftovers = list(work.glob(f".{out.name}*"))
    if leftovers:
        fail(f"temporary files left behind: {leftovers}")


def memory(exe, work):
    map_path = work / "memory-map.json"
    write_pairs_map(map_path, 100000)
    # --top 1 keeps the output small, so that the largest allocations are the computation's.
    command = [exe, "centrality", str(map_path), "--measures", "betweenness", "--threads", "4",
               "--top", "1", "-q"]

    def run(limit_kib):
        return subprocess.run(["sh", "-c", f'ulimit -v {limit_kib} && exec "$0" "$@"', *command],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def check(result, limit_kib):
        if result.returncode not in (0, 5):
            fail(f"ulimit -v {limit_kib}: exit code {result.returncode}: {result.stderr.strip()}")
        if "terminate" in result.stderr or "Aborted" in result.stderr:
            fail(f"ulimit -v {limit_kib}: aborted: {result.stderr.strip()}")
        if result.returncode == 5 and "out of memory" not in result.stderr:
            fail(f"ulimit -v {limit_kib}: exit code 5 without the out-of-memory message: "
                 f"{result.stderr.strip()}")

    # The smallest limit that lets the run finish, by bisection between one that surely fails
    # and one that surely suffices; every run on the way must end cleanly.
    low, high = 64 * 1024, 4 * 1024 * 1024
    first = run(high)
    check(first, high)
    if first.returncode != 0:
        fail(f"the run fails even with {high} KiB: {first.stderr.strip()}")
    failures = 0
    while high - low > 1024:
        middle = (low + high) // 2
        result = run(middle)
        print(f"ulimit -v {middle}: exit code {result.returncode}")
        if result.returncode == 127 or result.returncode < 0:
            # The program could not even start (the loader needs memory too): not our concern.
            low = middle
            continue
        check(result, middle)
        if result.returncode == 0:
            high = middle
        else:
            failures += 1
            low = middle
    # Below the threshold the allocations that fail are the last and largest ones: those of the
    # parallel blocks (where exactly varies from run to run with the threads' timing).
    for step in range(1, 9):
        limit = high - step * 4096
        result = run(limit)
        print(f"ulimit -v {limit}: exit code {result.returncode}")
        if result.returncode == 127 or result.returncode < 0:
            continue
        check(result, limit)
        failures += result.returncode == 5
    if failures == 0:
        fail("no run failed for lack of memory")


def main():
    exe, work, mode = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    work.mkdir(parents=True, exist_ok=True)
    {"interrupt": interrupt, "memory": memory}[mode](exe, work)


if __name__ == "__main__":
    main()
