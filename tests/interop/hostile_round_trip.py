#!/usr/bin/python3
"""A map whose names, notes and informants are hostile text (markup, formulas, quotes, backslashes,
line breaks, tabs, CDATA ends, non-Latin scripts) through every writer and back. (Leading and
trailing spaces of a cell or attribute are dropped on import, and "|" separates list items: the map
has neither in a place where that would matter.)

Usage: hostile_round_trip.py STAKEMAP WORKDIR

- GraphML, GEXF (1.2draft and 1.3), node-link, the CSV sheets (plain and --excel-it) and the
  workbook are imported back by `stakemap import`: every name, note and informant comes back
  exactly, every relation with its weight.
- The same files read by independent readers keep the text as data: NetworkX reads the GraphML,
  GEXF and node-link files; Python's csv module sees every formula-like cell behind a leading
  apostrophe; openpyxl sees text cells, never a formula; igraph reads the Pajek file; Graphviz
  reads the DOT file; Python's json module reads the Kumu file.
"""

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

try:
    import igraph
    import networkx as nx
    import openpyxl
except ImportError as error:  # bash scripts/setup.sh installs them
    print(f"skipped: {error}", file=sys.stderr)
    sys.exit(77)

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ROOT / "tests/interop/hostile.json"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def run(stakemap, *arguments):
    done = subprocess.run([stakemap, *arguments], capture_output=True, text=True,
                          env={**os.environ, "LC_ALL": "C.UTF-8"})
    if done.returncode != 0:
        sys.exit(f"stakemap {' '.join(map(str, arguments))}: exit {done.returncode}\n{done.stderr}")
    return done.stdout


def check_map(label, original, imported, failures):
    """Names, notes, kinds, relations, weights and informants as in the original map."""
    mine = {a["id"]: a for a in imported["actors"]}
    if sorted(mine) != sorted(a["id"] for a in original["actors"]):
        failures.append(f"{label}: actor ids {sorted(mine)}")
        return
    for actor in original["actors"]:
        got = mine[actor["id"]]
        for field in ("name", "kind", "note"):
            if got.get(field) != actor.get(field):
                failures.append(f"{label}: actor {actor['id']} {field} {got.get(field)!r} != "
                                f"{actor.get(field)!r}")
    key = lambda r: (r["source"], r["target"], r.get("type"))
    theirs = sorted(original["relations"], key=key)
    got = sorted(imported["relations"], key=key)
    if len(got) != len(theirs):
        failures.append(f"{label}: {len(got)} relations, {len(theirs)} in the map")
        return
    for a, b in zip(got, theirs):
        # A relation's direction is its own or, when it gives none, the map's.
        a = {**a, "directed": a.get("directed", imported.get("directed", False))}
        b = {**b, "directed": b.get("directed", original.get("directed", False))}
        for field, default in (("weight", 1), ("note", ""), ("informants", []),
                               ("directed", False)):
            if a.get(field, default) != b.get(field, default):
                failures.append(f"{label}: relation {key(b)} {field} {a.get(field)!r} != "
                                f"{b.get(field)!r}")


def main():
    stakemap, work = sys.argv[1], Path(sys.argv[2])
    work.mkdir(parents=True, exist_ok=True)
    original = json.loads(HOSTILE.read_text(encoding="utf-8"))
    names = {a["id"]: a["name"] for a in original["actors"]}
    failures = []

    # Written and imported back by stakemap.
    files = {
        "graphml": (["--to", "graphml"], "hostile.graphml"),
        "gexf": (["--to", "gexf"], "hostile.gexf"),
        "gexf-1.3": (["--to", "gexf", "--gexf-version", "1.3"], "hostile-13.gexf"),
        "node-link": (["--to", "node-link"], "hostile-node-link.json"),
        "csv": (["--to", "csv"], "hostile-csv"),
        "csv-excel-it": (["--to", "csv", "--excel-it", "--lang", "it"], "hostile-csv-it"),
        "xlsx": (["--to", "xlsx", "--lang", "it"], "hostile.xlsx"),
    }
    for label, (options, name) in files.items():
        target = work / name
        run(stakemap, "export", HOSTILE, *options, "-o", target)
        back = work / f"hostile-back-{label}.json"
        run(stakemap, "import", target, "-o", back)
        check_map(label, original, json.loads(back.read_text(encoding="utf-8")), failures)

    # Independent readers see the same text, as data.
    for label, graph in (("graphml", nx.read_graphml(work / "hostile.graphml")),
                         ("gexf", nx.read_gexf(work / "hostile.gexf")),
                         ("node-link", nx.node_link_graph(json.loads(
                             (work / "hostile-node-link.json").read_text(encoding="utf-8"))))):
        seen = {node: data.get("name", data.get("label")) for node, data in graph.nodes(data=True)}
        if seen != names:
            failures.append(f"NetworkX {label}: names {seen}")

    for folder, separator in (("hostile-csv", ","), ("hostile-csv-it", ";")):
        sheet = next((work / folder).glob("a*.csv"))  # actors.csv or attori.csv
        with open(sheet, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f, delimiter=separator))
        header = [h.lower() for h in rows[0]]
        column = header.index("nome" if "nome" in header else "name")
        for row in rows[1:]:
            cell = row[column]
            if cell.startswith(FORMULA_START):
                failures.append(f"{folder}: cell {cell!r} reaches Excel as a formula")
            if cell.startswith("'") and cell[1:] not in names.values():
                failures.append(f"{folder}: neutralised cell {cell!r} is no name of the map")

    workbook = openpyxl.load_workbook(work / "hostile.xlsx")
    sheet = workbook["attori"]
    header = [cell.value for cell in sheet[1]]
    column = header.index("nome") + 1
    for row in range(2, sheet.max_row + 1):
        cell = sheet.cell(row=row, column=column)
        if cell.value is None:
            continue
        # OOXML writes a carriage return in a string as _x000D_ (ECMA-376 ST_Xstring), which
        # openpyxl hands over undecoded.
        value = cell.value.replace("_x000D_", "\r") if isinstance(cell.value, str) else cell.value
        if cell.data_type != "s" or value not in names.values():
            failures.append(f"xlsx: cell {cell.coordinate} {cell.value!r} ({cell.data_type})")

    run(stakemap, "export", HOSTILE, "--to", "pajek", "--no-bom", "-o", work / "hostile.net")
    pajek = igraph.Graph.Read_Pajek(str(work / "hostile.net"))
    if pajek.vcount() != len(names) or pajek.ecount() != len(original["relations"]):
        failures.append(f"igraph Pajek: {pajek.vcount()} vertices, {pajek.ecount()} edges")

    run(stakemap, "export", HOSTILE, "--to", "dot", "-o", work / "hostile.dot")
    drawn = subprocess.run(["dot", "-Tjson", str(work / "hostile.dot")], capture_output=True,
                           text=True)
    if drawn.returncode != 0:
        failures.append(f"Graphviz refuses the DOT file: {drawn.stderr}")
    elif len(json.loads(drawn.stdout).get("objects", [])) != len(names):
        failures.append("Graphviz: not every actor is a node")

    run(stakemap, "export", HOSTILE, "--to", "kumu", "-o", work / "hostile-kumu.json")
    kumu = json.loads((work / "hostile-kumu.json").read_text(encoding="utf-8"))
    if sorted(e["label"] for e in kumu["elements"]) != sorted(names.values()):
        failures.append("Kumu: labels differ from the names")

    for failure in failures:
        print(failure, file=sys.stderr)
    print(f"{len(files)} round trips and 7 readers, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
