#!/usr/bin/env python3
"""`stakemap export --to csv` read by Python's csv module: file names in the --lang language, the
separator, BOM and line ends of each dialect, numbers written as numbers (decimal comma with
--excel-it), vocabulary values as Italian or English labels, yes/no words, and text cells that
spreadsheet programs would take for formulas neutralised with one leading apostrophe.

Usage: sheet_csv_cells.py STAKEMAP WORK_DIR   (run from the source folder)
"""
import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

MAP = "tests/cli/maps/sheet-cells.json"


def export(stakemap, folder, *options):
    shutil.rmtree(folder, ignore_errors=True)
    done = subprocess.run([stakemap, "export", MAP, "--to", "csv", *options, "-o", str(folder)],
                          capture_output=True, text=True,
                          env={**os.environ, "LC_ALL": "C"})  # keeps sanitizer options
    if done.returncode != 0:
        sys.exit(f"export {options}: exit {done.returncode}\n{done.stderr}")


def rows(path, delimiter, encoding):
    with open(path, newline="", encoding=encoding) as f:
        return [dict(row) for row in csv.DictReader(f, delimiter=delimiter)]


def main():
    stakemap, work = sys.argv[1], Path(sys.argv[2])
    failures = []

    def expect(what, got, wanted):
        if got != wanted:
            failures.append(f"{what}: {got!r}, expected {wanted!r}")

    italian = work / "sheet-cells-it"
    export(stakemap, italian, "--lang", "it", "--excel-it")
    expect("Italian files", sorted(p.name for p in italian.iterdir()),
           ["aree.csv", "attori.csv", "bisogni.csv", "relazioni.csv"])
    raw = (italian / "attori.csv").read_bytes()
    expect("BOM", raw[:3], b"\xef\xbb\xbf")
    expect("first line", raw.split(b"\n")[0][3:30], "codice;nome;nome breve;tipo".encode())
    expect("CRLF", raw.split(b"\n")[0][-1:], b"\r")
    actors = rows(italian / "attori.csv", ";", "utf-8-sig")
    sportello, caritas, tutti = actors
    # Text starting with - + @ = (or apostrophes before one) gets one apostrophe more.
    expect("nome «-2+3»", sportello["nome"], "'-2+3")
    expect("nome breve «+39 0574»", sportello["nome breve"], "'+39 0574")
    expect("etichette", sportello["etichette"], "'@sportello|front-office")
    expect("note «'=…»", sportello["note"], "''=già neutralizzato")
    expect("nome «@Rete»", tutti["nome"], "'@Rete")
    expect("note «+ tutti»", tutti["note"], "'+ tutti i servizi")
    # Numbers are not text: a negative number keeps its sign, with a decimal comma.
    expect("seggi -2.75", caritas["seggi"], "-2,75")
    expect("capacità 2.5", sportello["capacità"], "2,5")
    expect("seggi 15", sportello["seggi"], "15")
    expect("cap «0574» (text)", sportello["cap"], "0574")
    expect("elettiva false", sportello["elettiva"], "no")
    expect("punto di accesso", (sportello["punto di accesso"], caritas["punto di accesso"]),
           ("sì", "no"))
    expect("sede with quotes and comma", sportello["sede"], 'Via Roma, 3 "int. 2"')
    expect("note with a line break and ;", caritas["note"], "riga uno\nriga due; con punto e virgola")
    expect("tipo", sportello["tipo"], "Sportello immigrati")
    expect("livello", sportello["livello"], "Comunale")
    expect("servizi", sportello["servizi"],
           "Informazione e orientamento|Consulenza legale su permessi di soggiorno")
    expect("aree servite", (sportello["aree servite"], tutti["aree servite"], caritas["aree servite"]),
           ("centro|nord", "*", ""))
    relations = rows(italian / "relazioni.csv", ";", "utf-8-sig")
    expect("relazioni header", list(relations[0]),
           ["codice", "da", "a", "tipo", "peso", "orientata", "dal", "al", "formalità",
            "affidabilità", "informatori", "nota", "attiva", "convenzione", "ore"])
    # The relation's own attributes after its fields: yes/no in Italian, text, a number.
    expect("r1 attributes", [relations[0][k] for k in ("attiva", "convenzione", "ore")],
           ["sì", "n. 12/2024", "40"])
    expect("r2 attributes", [relations[1][k] for k in ("attiva", "convenzione", "ore")],
           ["", "", "2,5"])
    expect("r1", [relations[0][k] for k in ("tipo", "peso", "dal", "al", "formalità", "nota")],
           ["Invio di utenti", "0,25", "2024-03-01", "2025-12-31", "Protocollo d'intesa", "'=1+1"])
    # The map is directed by default: rows that do not say otherwise say sì.
    expect("orientata", [r["orientata"] for r in relations], ["sì", "no", "sì"])
    expect("peso 1 by default", relations[1]["peso"], "1")
    areas = rows(italian / "aree.csv", ";", "utf-8-sig")
    expect("lingue", areas[0]["lingue"], "ar:0,32|wo:0,18")
    expect("nome with ;", areas[0]["nome"], "Centro; storico")
    expect("nome «=Nord»", areas[1]["nome"], "'=Nord")
    needs = rows(italian / "bisogni.csv", ";", "utf-8-sig")
    expect("domanda", needs[0]["domanda"], "180,5")
    expect("servizio", needs[1]["servizio"], "Casa")

    english = work / "sheet-cells-en"
    export(stakemap, english, "--lang", "en")
    expect("English files", sorted(p.name for p in english.iterdir()),
           ["actors.csv", "areas.csv", "needs.csv", "relations.csv"])
    raw = (english / "actors.csv").read_bytes()
    expect("no BOM, LF", (raw[:2], raw.split(b"\n")[0][-6:]), (b"id", b",seggi"))
    actors = rows(english / "actors.csv", ",", "utf-8")
    expect("name", actors[0]["name"], "'-2+3")
    expect("short_name", actors[0]["short_name"], "'+39 0574")
    expect("kind", actors[0]["kind"], "Immigrant help desk")
    expect("capacity", actors[0]["capacity"], "2.5")
    expect("seggi", actors[1]["seggi"], "-2.75")
    expect("access_point", actors[0]["access_point"], "yes")
    areas = rows(english / "areas.csv", ",", "utf-8")
    expect("languages", areas[0]["languages"], "ar:0.32|wo:0.18")
    relations = rows(english / "relations.csv", ",", "utf-8")
    expect("formality", relations[1]["formality"], "Co-design")

    if failures:
        sys.exit("\n".join(failures))
    print("the CSV sheets read by Python's csv module hold the expected cells")


main()
