#!/usr/bin/env python3
"""`stakemap template` and `stakemap export --to xlsx` read with openpyxl: sheet names and order,
headers (bold, frozen), the two example rows, every data validation (type list, its formula or
range, on the right columns, the ranges holding the vocabulary of data/vocab/*.json), the read-me
sheet; examples/prato exported to xlsx holds the map's actors and relations as read from its JSON;
the same input gives the same bytes (fixed creation date, fixed zip timestamps).

Usage: workbook_openpyxl.py STAKEMAP WORK_DIR   (run from the source folder)
"""
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl

VOCAB = {name: json.loads(Path(f"data/vocab/{name}.json").read_text())
         for name in ("kinds", "levels", "relation_types", "formality", "services")}

# The column names of docs/spreadsheets.md, in the order the sheets are written.
HEADERS = {
    "it": {
        "attori": ["codice", "nome", "nome breve", "tipo", "livello", "zona", "aree servite",
                   "servizi", "lingue", "capacità", "potere", "interesse", "legittimità", "urgenza",
                   "punto di accesso", "etichette", "note"],
        "relazioni": ["codice", "da", "a", "tipo", "peso", "orientata", "dal", "al", "formalità",
                      "affidabilità", "informatori", "nota"],
        "aree": ["codice", "nome", "area superiore", "popolazione", "residenti stranieri",
                 "lingue"],
        "bisogni": ["zona", "servizio", "domanda", "lingue", "nota"],
    },
    "en": {
        "actors": ["id", "name", "short_name", "kind", "level", "area", "serves", "services",
                   "languages", "capacity", "power", "interest", "legitimacy", "urgency",
                   "access_point", "tags", "note"],
        "relations": ["id", "source", "target", "type", "weight", "directed", "since", "until",
                      "formality", "confidence", "informants", "note"],
        "areas": ["id", "name", "parent", "population", "foreign_residents", "languages"],
        "needs": ["area", "service", "demand", "languages", "note"],
    },
}
SHEETS = {"it": ["Leggimi", "attori", "relazioni", "aree", "bisogni", "liste"],
          "en": ["Read me", "actors", "relations", "areas", "needs", "lists"]}
YES = {"it": "sì", "en": "yes"}

failures = []


def expect(what, got, wanted):
    if got != wanted:
        failures.append(f"{what}: {got!r}, expected {wanted!r}")


def run(stakemap, *arguments):
    done = subprocess.run([stakemap, *arguments], capture_output=True, text=True,
                          env={**os.environ, "LC_ALL": "C"})  # keeps sanitizer options
    if done.returncode != 0:
        sys.exit(f"stakemap {' '.join(arguments)}: exit {done.returncode}\n{done.stderr}")


def labels(name, lang):
    return [term["label"][lang] for term in VOCAB[name]]


def validations(sheet):
    """{column letter: (type, formula1, sqref, errorStyle)} of a sheet's data validations."""
    out = {}
    for validation in sheet.data_validations.dataValidation:
        for cell_range in str(validation.sqref).split():
            out[cell_range.split(":")[0].rstrip("0123456789")] = (
                validation.type, validation.formula1, cell_range, validation.errorStyle)
    return out


def column_of(header, name):
    return openpyxl.utils.get_column_letter(header.index(name) + 1)


def range_values(workbook, formula):
    """The values of a range such as liste!$A$2:$A$34."""
    sheet_name, cells = formula.split("!")
    first, last = cells.replace("$", "").split(":")
    return [row[0].value for row in workbook[sheet_name][first:last]]


def check_layout(workbook, lang, example_rows):
    names = SHEETS[lang]
    expect(f"{lang}: sheets", workbook.sheetnames, names)
    expect(f"{lang}: hidden lists", [workbook[n].sheet_state for n in names],
           ["visible"] * 5 + ["hidden"])
    actors, relations, areas, needs = (workbook[n] for n in names[1:5])
    for sheet in (actors, relations, areas, needs):
        header = [cell.value for cell in sheet[1]]
        expect(f"{lang}: {sheet.title} header", header[:len(HEADERS[lang][sheet.title])],
               HEADERS[lang][sheet.title])
        expect(f"{lang}: {sheet.title} bold header", all(cell.font.b for cell in sheet[1]), True)
        expect(f"{lang}: {sheet.title} frozen", sheet.freeze_panes, "A2")
        if example_rows is not None:
            expect(f"{lang}: {sheet.title} rows", sheet.max_row - 1, example_rows)
        for letter in "AB":
            width = sheet.column_dimensions[letter].width
            if not 8 <= width <= 60:
                failures.append(f"{lang}: {sheet.title} column {letter} width {width}")
    yes_no = f'"{YES[lang]},no"'
    h = HEADERS[lang]
    a_name, r_name = names[1], names[2]
    found = validations(actors)
    kind = found.get(column_of(h[a_name], h[a_name][3]))
    level = found.get(column_of(h[a_name], h[a_name][4]))
    access = found.get(column_of(h[a_name], h[a_name][14]))
    expect(f"{lang}: actor validations on kind, level, access point only", sorted(found),
           sorted([column_of(h[a_name], h[a_name][i]) for i in (3, 4, 14)]))
    expect(f"{lang}: kind validation", (kind[0], kind[3]), ("list", "warning"))
    expect(f"{lang}: kind list", range_values(workbook, kind[1]), labels("kinds", lang))
    expect(f"{lang}: level list", range_values(workbook, level[1]), labels("levels", lang))
    expect(f"{lang}: level range", level[2], "E2:E1000")
    expect(f"{lang}: access point", access[:3], ("list", yes_no, "O2:O1000"))
    found = validations(relations)
    expect(f"{lang}: relation validations", sorted(found), ["B", "C", "D", "F", "I"])
    for letter in "BC":
        expect(f"{lang}: actor ids in {letter}", found[letter][:3],
               ("list", f"{a_name}!$A$2:$A$1000", f"{letter}2:{letter}1000"))
        expect(f"{lang}: stop on an unknown actor", found[letter][3] in (None, "stop"), True)
    expect(f"{lang}: actors' column A", actors["A1"].value, h[a_name][0])
    expect(f"{lang}: relation type list", range_values(workbook, found["D"][1]),
           labels("relation_types", lang))
    expect(f"{lang}: directed", found["F"][:2], ("list", yes_no))
    expect(f"{lang}: formality list", range_values(workbook, found["I"][1]),
           labels("formality", lang))
    expect(f"{lang}: area validations", validations(areas), {})
    found = validations(needs)
    expect(f"{lang}: need validations", sorted(found), ["B"])
    expect(f"{lang}: service list", range_values(workbook, found["B"][1]), labels("services", lang))
    # The read-me: one row per column of the four sheets, each explained, needed ones marked.
    readme = workbook[names[0]]
    rows = [row for row in readme.iter_rows(min_row=2, values_only=True) if row[1]]
    # (an export also explains the map's attribute columns, after the fields of its sheet)
    described = [(row[0], row[1]) for row in rows if row[1] in h.get(row[0], [])]
    wanted = [(sheet, column) for sheet in names[1:5] for column in h[sheet]]
    expect(f"{lang}: read-me columns", described, wanted)
    needed = sorted((row[0], row[1]) for row in rows if row[3] == YES[lang])
    expect(f"{lang}: needed columns", needed,
           sorted([(a_name, h[a_name][0]), (a_name, h[a_name][1]), (r_name, h[r_name][1]),
                   (r_name, h[r_name][2]), (names[3], h[names[3]][0]), (names[4], h[names[4]][0]),
                   (names[4], h[names[4]][1])]))
    if not all(row[2] and len(row[2]) > 8 for row in rows):
        failures.append(f"{lang}: a read-me row without an explanation")


def check_template(stakemap, work, lang):
    path = work / f"template-{lang}.xlsx"
    run(stakemap, "template", "--lang", lang, "-o", str(path))
    workbook = openpyxl.load_workbook(path)
    check_layout(workbook, lang, 2)
    names = SHEETS[lang]
    actors = list(workbook[names[1]].iter_rows(min_row=2, values_only=True))
    relations = list(workbook[names[2]].iter_rows(min_row=2, values_only=True))
    ids = [row[0] for row in actors]
    expect(f"{lang}: example relations name example actors",
           all(row[1] in ids and row[2] in ids for row in relations), True)
    expect(f"{lang}: numbers are numbers", [type(row[10]).__name__ for row in actors],
           ["int", "int"])
    expect(f"{lang}: kinds are labels",
           all(row[3] in labels("kinds", lang) for row in actors), True)
    # Determinism: a second run gives the same bytes; zip entries carry a fixed date.
    again = work / f"template-{lang}-again.xlsx"
    run(stakemap, "template", "--lang", lang, "-o", str(again))
    expect(f"{lang}: same bytes twice", path.read_bytes() == again.read_bytes(), True)
    with zipfile.ZipFile(path) as archive:
        expect(f"{lang}: zip dates", {info.date_time for info in archive.infolist()},
               {(1980, 1, 1, 0, 0, 0)})
        core = archive.read("docProps/core.xml").decode()
        expect(f"{lang}: creation date", "2025-01-15T12:00:00Z" in core, True)


def label(name, term_id, lang):
    for term in VOCAB[name]:
        if term["id"] == term_id:
            return term["label"][lang]
    return term_id


def check_prato(stakemap, work):
    map_path = Path("examples/prato/map.json")
    data = json.loads(map_path.read_text())
    path = work / "prato-it.xlsx"
    run(stakemap, "export", str(map_path), "--to", "xlsx", "--lang", "it", "-o", str(path))
    workbook = openpyxl.load_workbook(path)
    check_layout(workbook, "it", None)
    sheet = workbook["attori"]
    header = [cell.value for cell in sheet[1]]
    attributes = sorted({name for actor in data["actors"] for name in actor.get("attributes", {})})
    expect("prato: attribute columns", header[17:], attributes)
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    expect("prato: actors", len(rows), len(data["actors"]))

    def joined(items):
        return "|".join(items) if items else None

    def yes_no(value):
        return None if value is None else ("sì" if value else "no")

    for row, actor in zip(rows, data["actors"]):
        serves = actor.get("serves")
        wanted = [actor["id"], actor["name"], actor.get("short"),
                  label("kinds", actor["kind"], "it") if "kind" in actor else None,
                  label("levels", actor["level"], "it") if "level" in actor else None,
                  actor.get("area"), serves if serves == "*" else joined(serves),
                  joined([label("services", s, "it") for s in actor.get("services", [])]),
                  joined(actor.get("languages")), actor.get("capacity"), actor.get("power"),
                  actor.get("interest"), actor.get("legitimacy"), actor.get("urgency"),
                  yes_no(actor.get("access_point")), joined(actor.get("tags")),
                  actor.get("note") or None]
        own = actor.get("attributes", {})
        for name in attributes:
            value = own.get(name)
            wanted.append(yes_no(value) if isinstance(value, bool) else value)
        expect(f"prato: actor {actor['id']}", list(row), wanted)
    sheet = workbook["relazioni"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    expect("prato: relations", len(rows), len(data["relations"]))
    for row, relation in zip(rows, data["relations"]):
        wanted = [relation.get("id"), relation["source"], relation["target"],
                  label("relation_types", relation["type"], "it") if "type" in relation else None,
                  relation.get("weight", 1), yes_no(relation.get("directed")),
                  relation.get("since"), relation.get("until"),
                  label("formality", relation["formality"], "it")
                  if "formality" in relation else None,
                  relation.get("confidence"), joined(relation.get("informants")),
                  relation.get("note") or None]
        expect(f"prato: relation {relation['source']}-{relation['target']}", list(row), wanted)
    again = work / "prato-it-again.xlsx"
    run(stakemap, "export", str(map_path), "--to", "xlsx", "--lang", "it", "-o", str(again))
    expect("prato: same bytes twice", path.read_bytes() == again.read_bytes(), True)


def main():
    stakemap, work = sys.argv[1], Path(sys.argv[2])
    work.mkdir(parents=True, exist_ok=True)
    for lang in ("it", "en"):
        check_template(stakemap, work, lang)
    check_prato(stakemap, work)
    if failures:
        sys.exit("\n".join(failures[:40]))
    print("template and export workbooks: sheets, headers, examples, validations and rows as "
          "expected")


main()
