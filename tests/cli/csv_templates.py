#!/usr/bin/env python3
"""The CSV templates shipped in data/templates/ are what `stakemap template --to csv` writes (Italian
for Excel in an Italian locale, English plain), read with Python's csv module they hold a header and
two example rows, and they import into a map without errors or warnings whose relations name its
actors.

Usage: csv_templates.py STAKEMAP WORK_DIR   (run from the source folder)
To regenerate: stakemap template --to csv --lang it --excel-it -o data/templates/it
               stakemap template --to csv --lang en -o data/templates/en
"""
import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

CASES = {"it": (["--excel-it"], ";", ("attori", "relazioni", "aree", "bisogni")),
         "en": ([], ",", ("actors", "relations", "areas", "needs"))}


def run(stakemap, *arguments):
    return subprocess.run([stakemap, *arguments], capture_output=True, text=True,
                          env={**os.environ, "LC_ALL": "C"})  # keeps sanitizer options


def main():
    stakemap, work = sys.argv[1], Path(sys.argv[2])
    failures = []
    for lang, (options, separator, names) in CASES.items():
        shipped = Path("data/templates") / lang
        fresh = work / f"templates-{lang}"
        shutil.rmtree(fresh, ignore_errors=True)
        done = run(stakemap, "template", "--to", "csv", "--lang", lang, *options, "-o", str(fresh))
        if done.returncode != 0:
            sys.exit(done.stderr)
        expected = sorted(f"{name}.csv" for name in names)
        if sorted(p.name for p in shipped.iterdir()) != expected:
            failures.append(f"{shipped}: files {sorted(p.name for p in shipped.iterdir())}")
        for name in expected:
            if (shipped / name).read_bytes() != (fresh / name).read_bytes():
                failures.append(f"{shipped / name} differs from `stakemap template --to csv`")
            with open(shipped / name, newline="", encoding="utf-8-sig") as f:
                rows = list(csv.reader(f, delimiter=separator))
            if len(rows) != 3 or len({len(row) for row in rows}) != 1:
                failures.append(f"{shipped / name}: {len(rows)} rows, expected header + 2")
        imported = work / f"templates-{lang}.json"
        arguments = []
        for option, name in zip(("--actors", "--relations", "--areas", "--needs"), names):
            arguments += [option, str(shipped / f"{name}.csv")]
        done = run(stakemap, "import", *arguments, "-o", str(imported))
        if done.returncode != 0 or done.stderr:
            failures.append(f"import of {shipped}: exit {done.returncode}\n{done.stderr}")
            continue
        data = json.loads(imported.read_text())
        ids = {actor["id"] for actor in data["actors"]}
        counts = [len(data[key]) for key in ("actors", "relations", "areas", "needs")]
        if counts != [2, 2, 2, 2]:
            failures.append(f"{shipped}: imported {counts}")
        if not all(r["source"] in ids and r["target"] in ids for r in data["relations"]):
            failures.append(f"{shipped}: a relation names an actor that is not there")
    if failures:
        sys.exit("\n".join(failures))
    print("data/templates: as written by stakemap template, imported cleanly")


main()
