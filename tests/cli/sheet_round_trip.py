#!/usr/bin/env python3
"""A map exported to sheets and imported back is the same map: every actor, relation, area and need
with every field equal to the map file's, once the format's defaults are filled in (the canonical
writer leaves them out). The sheets are read here with Python's csv module too, to check the CSV
conventions (separator, BOM, line ends) independently of stakemap's reader.

Usage: sheet_round_trip.py STAKEMAP WORK_DIR MAP VIA LANG
  VIA   csv (',', UTF-8, LF), csv-excel-it (';', BOM, CRLF, decimal comma) or xlsx (a workbook,
        imported with `stakemap import FILE.xlsx`)
  LANG  it or en: the language of sheet and column names
"""
import csv
import io
import json
import re
import os
import shutil
import subprocess
import sys
from pathlib import Path

SHEETS = {"it": ("attori", "relazioni", "aree", "bisogni"),
          "en": ("actors", "relations", "areas", "needs")}
OWN_SHEETS = {"it": ("tipi", "servizi"), "en": ("kinds", "services")}

# The value a field has when the map file leaves it out (docs/format.md).
DEFAULTS = {
    "actors": {"services": [], "serves": None, "tags": [], "languages": [], "attributes": {},
               "note": ""},
    "relations": {"weight": 1, "informants": [], "note": "", "attributes": {}},
    "areas": {"languages": {}, "name": ""},
    "needs": {"languages": [], "note": ""},
    "kinds": {},
    "services": {},
}


def run(stakemap, *arguments):
    done = subprocess.run([stakemap, *arguments], capture_output=True, text=True,
                          env={**os.environ, "LC_ALL": "C"})  # keeps sanitizer options
    if done.returncode != 0:
        sys.exit(f"stakemap {' '.join(arguments)}: exit {done.returncode}\n{done.stderr}")
    return done


def check_csv_files(folder, via, lang):
    """The files Python's csv module sees: names, BOM, separator, line ends, header."""
    excel = via == "csv-excel-it"
    failures = []
    for name in SHEETS[lang]:
        raw = (folder / f"{name}.csv").read_bytes()
        if raw.startswith(b"\xef\xbb\xbf") != excel:
            failures.append(f"{name}.csv: BOM {'missing' if excel else 'unexpected'}")
        text = raw.decode("utf-8-sig")
        # Rows end with CRLF; a line break inside a quoted cell stays as it is in the map.
        outside_quotes = re.sub(r'"(?:[^"]|"")*"', "", text)
        if excel and outside_quotes.count("\r\n") != outside_quotes.count("\n"):
            failures.append(f"{name}.csv: a row ends without CR")
        if not excel and "\r" in outside_quotes:
            failures.append(f"{name}.csv: a CR outside quotes")
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";" if excel else ","))
        if not rows or len(set(len(row) for row in rows)) != 1:
            failures.append(f"{name}.csv: rows of different lengths for the csv module")
    return failures


def with_defaults(item, key, directed_default=False):
    out = dict(DEFAULTS[key])
    out.update(item)
    if key == "relations":
        out["directed"] = item.get("directed", directed_default)
    return out


def compare(original, imported):
    failures = []
    for key in ("actors", "relations", "areas", "needs", "kinds", "services"):
        theirs = original.get(key, [])
        ours = imported.get(key, [])
        if len(ours) != len(theirs):
            failures.append(f"{key}: {len(ours)} imported, {len(theirs)} in the map")
            continue
        for index, (a, b) in enumerate(zip(ours, theirs)):
            a = with_defaults(a, key, imported.get("directed", False))
            b = with_defaults(b, key, original.get("directed", False))
            for field in sorted(set(a) | set(b)):
                if a.get(field) != b.get(field):
                    failures.append(f"{key}[{index}] ({b.get('id', b.get('source'))}): {field} "
                                    f"{a.get(field)!r} != {b.get(field)!r}")
    return failures


def main():
    stakemap, work, map_path, via, lang = sys.argv[1:6]
    name = Path(map_path).parent.name if Path(map_path).name == "map.json" else Path(map_path).stem
    stem = f"{name}-{via}-{lang}"
    work = Path(work)
    work.mkdir(parents=True, exist_ok=True)
    imported = work / f"round-trip-{stem}.json"
    imported.unlink(missing_ok=True)
    failures = []
    if via == "xlsx":
        workbook = work / f"round-trip-{stem}.xlsx"
        run(stakemap, "export", map_path, "--to", "xlsx", "--lang", lang, "-o", str(workbook))
        run(stakemap, "import", str(workbook), "-o", str(imported))
    else:
        folder = work / f"round-trip-{stem}"
        shutil.rmtree(folder, ignore_errors=True)
        extra = ["--excel-it"] if via == "csv-excel-it" else []
        run(stakemap, "export", map_path, "--to", "csv", "--lang", lang, *extra, "-o",
            str(folder))
        failures += check_csv_files(folder, via, lang)
        names = SHEETS[lang]
        arguments = []
        for option, name in zip(("--actors", "--relations", "--areas", "--needs"), names):
            arguments += [option, str(folder / f"{name}.csv")]
        # The map's own kinds and services, when it has them, in sheets of their own.
        for option, name in zip(("--kinds", "--services"), OWN_SHEETS[lang]):
            if (folder / f"{name}.csv").exists():
                arguments += [option, str(folder / f"{name}.csv")]
        done = run(stakemap, "import", *arguments, "-o", str(imported))
        if done.stderr:
            failures.append(f"import warned:\n{done.stderr}")
    original = json.loads(Path(map_path).read_text())
    mine = json.loads(imported.read_text())
    failures += compare(original, mine)
    if failures:
        sys.exit("\n".join(failures[:40]))
    print(f"{stem}: the same actors, relations, areas, needs, kinds and services, field by field")


main()
