#!/usr/bin/env python3
"""Sheets written from examples/unione-comuni (Italian headers, ';', decimal commas, CRLF) import
into a map whose `stakemap stats` results, at the example's date, equal the example's; the imported
map has the example's actors, relations, areas and needs.

Usage: import_round_trip.py STAKEMAP WORK_DIR
"""
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHEETS = ROOT / "tests/cli/sheets/unione-comuni"
EXAMPLE = ROOT / "examples/unione-comuni/map.json"


def run(*arguments):
    done = subprocess.run([sys.argv[1], *arguments], capture_output=True, text=True,
                          env={"LC_ALL": "C"})
    if done.returncode != 0:
        sys.exit(f"stakemap {' '.join(arguments)}: exit {done.returncode}\n{done.stderr}")
    return done.stdout


DEFAULTS = {"services": [], "serves": None, "tags": [], "weight": 1}


def same(a, b, field):
    """Equal once the format's defaults are filled in (the canonical writer leaves them out)."""
    return a.get(field, DEFAULTS.get(field)) == b.get(field, DEFAULTS.get(field))


def main():
    imported = Path(sys.argv[2]) / "import-unione-comuni.json"
    imported.unlink(missing_ok=True)
    run("import", "--actors", str(SHEETS / "attori.csv"), "--relations",
        str(SHEETS / "relazioni.csv"), "--areas", str(SHEETS / "aree.csv"), "--needs",
        str(SHEETS / "bisogni.csv"), "-o", str(imported))
    example = json.loads(EXAMPLE.read_text())
    mine = json.loads(imported.read_text())
    failures = []
    for key in ("actors", "relations", "areas", "needs"):
        if len(mine.get(key, [])) != len(example.get(key, [])):
            failures.append(f"{key}: {len(mine.get(key, []))} imported, "
                            f"{len(example.get(key, []))} in the example")
    for a, b in zip(mine["actors"], example["actors"]):
        for field in ("id", "name", "kind", "level", "area", "serves", "services", "power",
                      "access_point", "tags"):
            if not same(a, b, field):
                failures.append(f"actor {b['id']}: {field} {a.get(field)!r} != {b.get(field)!r}")
    for a, b in zip(mine["relations"], example["relations"]):
        for field in ("source", "target", "type", "weight", "formality", "confidence", "since",
                      "until"):
            if not same(a, b, field):
                failures.append(f"relation {b['source']}-{b['target']}: {field} "
                                f"{a.get(field)!r} != {b.get(field)!r}")
    if mine["areas"] != example["areas"]:
        failures.append("areas differ")
    at = example["date"]
    ours = json.loads(run("stats", str(imported), "--at", at, "--format", "json"))["results"]
    theirs = json.loads(run("stats", str(EXAMPLE), "--at", at, "--format", "json"))["results"]
    if ours != theirs:
        failures.append(f"stats results differ:\n{ours}\n{theirs}")
    if failures:
        sys.exit("\n".join(failures))
    print("import round trip: same actors, relations, areas, needs and stats")


main()
