#!/usr/bin/env python3
"""What `stakemap -o FILE` leaves when it is killed or cannot write.

Usage: file_safety.py STAKEMAP WORKDIR kill [RUNS]
       file_safety.py STAKEMAP WORKDIR refusals

kill: RUNS runs (default 100), spread over three commands that write over an existing file (a
    centrality result, an HTML report and a merged map), each killed with SIGKILL at a random
    moment of its run (uniform between 0 and 1.2 times its measured length, so that some runs
    finish). After every run the target is byte for byte either the old content or the complete
    new content (the output of an uninterrupted run), and no other file is in the folder: a
    leftover of a killed run may only exist while no later run of the same target has started.
refusals: a missing folder, a read-only folder, a full disk (RLIMIT_FSIZE, as a disk without space
    gives EFBIG/ENOSPC on write), a folder, a FIFO, a device and a dangling symbolic link at the
    target: exit code 4, one message, the old file untouched. An existing file keeps its
    permissions (0600 stays 0600) and a symbolic link stays a link to the new content.
"""
import json
import os
import random
import resource
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path


def fail(message):
    print(f"FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def write_map(path, actors, relations, seed):
    """A random connected map, the same for a given seed on every machine."""
    rng = random.Random(seed)
    ids = [f"a{i}" for i in range(actors)]
    ties = {(ids[i], ids[rng.randrange(i)]) for i in range(1, actors)}
    while len(ties) < relations:
        s, t = rng.randrange(actors), rng.randrange(actors)
        if s != t:
            ties.add((ids[s], ids[t]))
    areas = ["centro", "nord", "sud"]
    document = {
        "format": "stakemap/1",
        "title": f"Generated map of {actors} actors",
        "areas": [{"id": a, "name": a.capitalize()} for a in areas],
        "actors": [{"id": i, "name": f"Actor {i}", "kind": "association",
                    "area": areas[n % 3]} for n, i in enumerate(ids)],
        "relations": [{"source": s, "target": t, "type": "referral"} for s, t in sorted(ties)],
    }
    path.write_text(json.dumps(document))


def run(command, **kwargs):
    return subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)


def check_folder(folder, allowed, context):
    extra = sorted(p.name for p in folder.iterdir() if p.name not in allowed)
    if extra:
        fail(f"{context}: files left in {folder}: {extra}")


def kill(exe, work, runs):
    work.mkdir(parents=True, exist_ok=True)
    for entry in work.iterdir():
        entry.unlink()
    # Sizes that make each run last about a second on a 2-core machine, with an output of
    # megabytes, so that kills land in every phase: loading, computing, drawing and writing.
    big = work / "big.json"
    write_map(big, 12000, 36000, seed=7)
    other = work / "other.json"
    write_map(other, 12000, 36000, seed=8)
    inputs = {big.name, other.name}
    jobs = {
        "result.json": [exe, "centrality", str(big), "--measures", "degree,pagerank"],
        "report.html": [exe, "report", "examples/prato/map.json", "--lang", "it", "-q"],
        "merged.json": [exe, "merge", str(big), str(other), "-q"],
    }
    # The complete new content of each target, and how long a run takes.
    complete, seconds = {}, {}
    for target, command in jobs.items():
        path = work / target
        started = time.monotonic()
        done = run(command + ["-o", str(path)])
        seconds[target] = time.monotonic() - started
        if done.returncode != 0:
            fail(f"{' '.join(command)} exited {done.returncode}: {done.stderr.decode()[:500]}")
        complete[target] = path.read_bytes()
        path.unlink()
        print(f"{target}: {len(complete[target])} bytes in {seconds[target]:.2f} s")
    old = b"old content that must survive a killed run\n"
    rng = random.Random(2026)
    outcomes = {"old": 0, "new": 0}
    leftovers_seen = 0
    targets = list(jobs)
    for number in range(runs):
        target = targets[number % len(targets)]
        path = work / target
        path.write_bytes(old)
        delay = rng.uniform(0.0, 1.2 * seconds[target])
        process = subprocess.Popen(jobs[target] + ["-o", str(path)], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        content = path.read_bytes()
        if content == old:
            outcomes["old"] += 1
        elif content == complete[target]:
            outcomes["new"] += 1
        else:
            fail(f"run {number}: {target} killed after {delay:.3f} s holds {len(content)} bytes, "
                 "neither the old nor the complete new content")
        names = {p.name for p in work.iterdir()} - inputs - set(targets)
        # The one moment a finished file has a temporary name is between naming it and renaming
        # it; a run killed exactly there leaves it, and the next write of that target removes it.
        leftovers = {n for n in names if n.startswith(f".{target}.stakemap-")}
        leftovers_seen += len(leftovers)
        if names - leftovers:
            fail(f"run {number}: unexpected files {sorted(names - leftovers)}")
        path.unlink()
    for target, command in jobs.items():
        done = run(command + ["-o", str(work / target)])
        if done.returncode != 0 or (work / target).read_bytes() != complete[target]:
            fail(f"the last uninterrupted run of {target} failed")
    check_folder(work, inputs | set(targets), "after the last runs")
    print(f"{runs} runs killed with SIGKILL: target old {outcomes['old']}, complete new "
          f"{outcomes['new']}, never partial; {leftovers_seen} finished temporary files seen "
          "between runs, none left at the end")


def refusals(exe, work):
    work.mkdir(parents=True, exist_ok=True)
    for entry in sorted(work.rglob("*"), reverse=True):
        if entry.is_dir() and not entry.is_symlink():
            entry.chmod(0o755)
            entry.rmdir()
        else:
            entry.unlink()
    example = "examples/prato/map.json"
    command = [exe, "stats", example, "--format", "json", "-q"]
    old = b"old\n"

    def expect_refusal(target, context, **kwargs):
        done = run(command + ["-o", str(target)], **kwargs)
        stderr = done.stderr.decode()
        if done.returncode != 4:
            fail(f"{context}: exit code {done.returncode}, expected 4; stderr: {stderr}")
        if stderr.count("\n") != 1 or "cannot write" not in stderr:
            fail(f"{context}: expected one 'cannot write' line, got: {stderr!r}")
        print(f"{context}: exit 4: {stderr.strip()}")

    expect_refusal(work / "missing" / "out.json", "missing folder")

    locked = work / "locked"
    locked.mkdir()
    (locked / "out.json").write_bytes(old)
    locked.chmod(0o555)
    as_other_user = {}
    if os.geteuid() == 0:
        # Root writes into read-only folders; the check runs as an unprivileged user.
        os.chmod(work, 0o755)
        as_other_user = {"user": "nobody"}
    expect_refusal(locked / "out.json", "read-only folder", **as_other_user)
    if (locked / "out.json").read_bytes() != old:
        fail("read-only folder: the old file changed")

    full = work / "full.json"
    full.write_bytes(old)

    def small_disk():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (100, 100))

    expect_refusal(full, "full disk", preexec_fn=small_disk)
    if full.read_bytes() != old:
        fail("full disk: the old file changed")
    check_folder(work, {"locked", "full.json"}, "full disk")

    expect_refusal(work, "a folder")
    fifo = work / "pipe"
    os.mkfifo(fifo)
    expect_refusal(fifo, "a FIFO")
    if not stat.S_ISFIFO(fifo.lstat().st_mode):
        fail("the FIFO was replaced")
    expect_refusal(Path("/dev/full"), "a device (/dev/full)")
    expect_refusal(Path("/dev/null"), "a device (/dev/null)")
    dangling = work / "dangling.json"
    dangling.symlink_to(work / "nowhere.json")
    expect_refusal(dangling, "a dangling symbolic link")

    private = work / "private.json"
    private.write_bytes(old)
    private.chmod(0o600)
    done = run(command + ["-o", str(private)])
    if done.returncode != 0:
        fail(f"private file: exit code {done.returncode}")
    mode = stat.S_IMODE(private.stat().st_mode)
    if mode != 0o600:
        fail(f"an existing 0600 file came back {mode:o}")
    json.loads(private.read_text())

    real = work / "real.json"
    real.write_bytes(old)
    link = work / "link.json"
    link.symlink_to(real.name)
    done = run(command + ["-o", str(link)])
    if done.returncode != 0 or not link.is_symlink() or real.read_bytes() == old:
        fail("a symbolic link at the target: not kept as a link to the new content")
    if json.loads(real.read_text()) != json.loads(private.read_text()):
        fail("a symbolic link at the target: the file it points to is not the new content")
    print("existing file keeps mode 0600; a symbolic link stays a link to the new content")
    locked.chmod(0o755)


def main():
    exe, work, what = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    if what == "kill":
        kill(exe, work, int(sys.argv[4]) if len(sys.argv) > 4 else 100)
    elif what == "refusals":
        refusals(exe, work)
    else:
        fail(f"unknown check {what}")


if __name__ == "__main__":
    main()
