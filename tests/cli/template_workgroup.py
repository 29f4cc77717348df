#!/usr/bin/python3
"""A workgroup's afternoon: `stakemap template` in Italian, filled in with openpyxl as a person
would in Excel (the example rows replaced by their own), `stakemap import` into a map, and an
analysis of it; then the same workbook with four mistakes, each reported in Italian with its
sheet, row and column, exit code 3 and nothing written.

Usage: template_workgroup.py STAKEMAP WORK_DIR
"""

import json
import os
import subprocess
import sys
from pathlib import Path

try:
    import openpyxl
except ImportError as error:  # bash scripts/setup.sh installs python3-openpyxl
    print(f"skipped: {error}", file=sys.stderr)
    sys.exit(77)

ACTORS = [
    # codice, nome, tipo (a label of the drop-down list), zona, potere
    ("sportello", "Sportello immigrazione del Comune", "Sportello immigrati", "centro", 4),
    ("caritas", "Caritas diocesana", "Associazione", "centro", 3),
    ("cpia", "CPIA Nord", "Scuola", "nord", 3),
    ("assoc-senegal", "Associazione dei senegalesi", "Associazione di migranti", "nord", 2),
]
RELATIONS = [
    # da, a, tipo, peso
    ("sportello", "caritas", "Invio di utenti", 3),
    ("sportello", "cpia", "Invio di utenti", 2),
    ("caritas", "assoc-senegal", "Collaborazione", 4),
    ("cpia", "assoc-senegal", "Scambio di informazioni", 1),
]


def run(stakemap, *arguments, check=True):
    done = subprocess.run([stakemap, *map(str, arguments)], capture_output=True, text=True,
                          env={**os.environ, "LC_ALL": "C.UTF-8"})
    if check and done.returncode != 0:
        sys.exit(f"stakemap {' '.join(map(str, arguments))}: exit {done.returncode}\n{done.stderr}")
    return done


def fill(workbook):
    """Writes the group's rows under the headers, by column name, and clears the examples."""
    for sheet_name, rows in (("attori", ACTORS), ("relazioni", RELATIONS)):
        sheet = workbook[sheet_name]
        header = [cell.value for cell in sheet[1]]
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.value = None
        columns = (("codice", "nome", "tipo", "zona", "potere") if sheet_name == "attori"
                   else ("da", "a", "tipo", "peso"))
        for r, values in enumerate(rows, start=2):
            for name, value in zip(columns, values):
                sheet.cell(row=r, column=header.index(name) + 1, value=value)
    areas = workbook["aree"]
    header = [cell.value for cell in areas[1]]
    for row in areas.iter_rows(min_row=2):
        for cell in row:
            cell.value = None
    for r, (code, name) in enumerate((("centro", "Centro"), ("nord", "Quartiere Nord")), start=2):
        areas.cell(row=r, column=header.index("codice") + 1, value=code)
        areas.cell(row=r, column=header.index("nome") + 1, value=name)
    needs = workbook["bisogni"]
    for row in needs.iter_rows(min_row=2):
        for cell in row:
            cell.value = None


def cell_of(sheet, row, column_name):
    header = [cell.value for cell in sheet[1]]
    return sheet.cell(row=row, column=header.index(column_name) + 1)


def main():
    stakemap, work = sys.argv[1], Path(sys.argv[2])
    work.mkdir(parents=True, exist_ok=True)
    failures = []
    template = work / "modello.xlsx"
    run(stakemap, "template", "--lang", "it", "-o", template)

    workbook = openpyxl.load_workbook(template)
    fill(workbook)
    filled = work / "modello-compilato.xlsx"
    workbook.save(filled)
    mappa = work / "mappa-gruppo.json"
    mappa.unlink(missing_ok=True)
    done = run(stakemap, "import", filled, "-o", mappa, "--lang", "it")
    if done.stderr:
        failures.append(f"the filled template imports with warnings:\n{done.stderr}")
    imported = json.loads(mappa.read_text(encoding="utf-8"))
    kinds = [a.get("kind") for a in imported["actors"]]
    # The Italian labels of the drop-down lists are the ids of data/vocab/kinds.json.
    if kinds != ["help_desk", "association", "school", "migrant_association"]:
        failures.append(f"kinds {kinds}")
    types = [r.get("type") for r in imported["relations"]]
    if types != ["referral", "referral", "collaboration", "information"]:
        failures.append(f"relation types {types}")
    stats = json.loads(run(stakemap, "stats", mappa, "--format", "json").stdout)["results"]
    # 4 actors, 4 ties: density 4 / (4 · 3 / 2) = 2/3; one component.
    if (stats["actors"], stats["relations"], stats["components"]) != (4, 4, 1):
        failures.append(f"stats {stats['actors']} actors, {stats['relations']} relations, "
                        f"{stats['components']} components")
    if abs(stats["density"] - 2 / 3) > 1e-12:
        failures.append(f"density {stats['density']}")

    # Four mistakes a person makes in a spreadsheet.
    relations = workbook["relazioni"]
    cell_of(relations, 3, "peso").value = "tre"
    cell_of(relations, 4, "a").value = "assoc-senegall"
    cell_of(relations, 5, "dal").value = "31/02/2024"
    cell_of(workbook["attori"], 2, "potere").value = 7
    wrong = work / "modello-sbagliato.xlsx"
    workbook.save(wrong)
    out = work / "mappa-sbagliata.json"
    out.unlink(missing_ok=True)
    done = run(stakemap, "import", wrong, "-o", out, "--lang", "it", check=False)
    if done.returncode != 3:
        failures.append(f"a workbook with mistakes: exit {done.returncode}, expected 3")
    if out.exists():
        failures.append("a workbook with mistakes still wrote a map")
    for expected in (
            "modello-sbagliato.xlsx, foglio «relazioni», riga 3, colonna «peso»",
            "modello-sbagliato.xlsx, foglio «relazioni», riga 4, colonna «a»",
            "modello-sbagliato.xlsx, foglio «relazioni», riga 5, colonna «dal»",
            "modello-sbagliato.xlsx, foglio «attori», riga 2, colonna «potere»"):
        if expected not in done.stderr:
            failures.append(f"no message at {expected}")
    for failure in failures:
        print(failure, file=sys.stderr)
    if failures:
        print(done.stderr, file=sys.stderr)
        return 1
    print("template filled, imported and analysed; four mistakes reported at sheet, row and column")
    return 0


if __name__ == "__main__":
    sys.exit(main())
