#!/usr/bin/env python3
"""Workbooks written by independent programs (openpyxl for .xlsx, odfpy for .ods) import as the
spreadsheet shows them: typed numbers, dates and yes/no cells, rich and inline text, gaps between
cells, repeated rows and columns; bad workbooks are refused with the sheet, row and column, and
unsafe ones (a DOCTYPE, a zip bomb, encrypted entries, a path outside the archive, a file that is
not a zip) before anything is unpacked.

Usage: workbooks.py STAKEMAP WORK_DIR [round-trip|cells|mac|errors|unsafe|folder]…
"""
import csv
import datetime
import json
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import openpyxl.utils.datetime
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import LineBreak, P, S, Span, Tab

ROOT = Path(__file__).resolve().parents[2]
SHEETS = ROOT / "tests/cli/sheets/unione-comuni"
STAKEMAP = sys.argv[1]
WORK = Path(sys.argv[2])
WORK.mkdir(parents=True, exist_ok=True)
failures = []


def run(*arguments, lang="C"):
    return subprocess.run([STAKEMAP, *arguments], capture_output=True, text=True,
                          env={"LC_ALL": lang})


def check(condition, message):
    if not condition:
        failures.append(message)


# ---- writers: a list of (sheet name, rows of Python values) into a workbook ----------------------

def shared_strings(path, keep_inline=()):
    """Moves the text of every cell into xl/sharedStrings.xml, as Excel does (this openpyxl writes
    inline strings); cells named in keep_inline ("sheet2.xml!A2") stay inline."""
    strings = []
    index = {}

    def share(part, match):
        attributes, body = match.group(1), match.group(2)
        reference = re.search(r'r="([A-Z]+[0-9]+)"', attributes).group(1)
        if f"{part}!{reference}" in keep_inline:
            return match.group(0)
        if body not in index:
            index[body] = len(strings)
            strings.append(body)
        return f'<c {attributes.replace("inlineStr", "s")}><v>{index[body]}</v></c>'

    with zipfile.ZipFile(path) as old:
        parts = {item.filename: old.read(item.filename) for item in old.infolist()}
    for name in parts:
        if name.startswith("xl/worksheets/"):
            part = name.rsplit("/", 1)[1]
            parts[name] = re.sub(r'<c ([^>]*t="inlineStr"[^>]*)><is>(.*?)</is></c>',
                                 lambda m: share(part, m), parts[name].decode()).encode()
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    parts["xl/sharedStrings.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{main}" '
        f'count="{len(strings)}" uniqueCount="{len(strings)}">'
        + "".join(f"<si>{body}</si>" for body in strings) + "</sst>").encode()
    kind = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        f'<Relationship Type="{kind}" Target="sharedStrings.xml" Id="rId99"/></Relationships>'
        .encode())
    content = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{content}"/></Types>'.encode())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in parts.items():
            new.writestr(name, data)


def write_xlsx(path, sheets):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets:
        sheet = book.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None and value != "":
                    cell = sheet.cell(row=r, column=c, value=value)
                    if isinstance(value, datetime.date):
                        cell.number_format = "yyyy-mm-dd"
    book.save(path)
    shared_strings(path)


def ods_cell(value, repeated=1):
    extra = {"numbercolumnsrepeated": repeated} if repeated > 1 else {}
    if value is None or value == "":
        return TableCell(**extra)
    if isinstance(value, bool):
        cell = TableCell(valuetype="boolean", booleanvalue="true" if value else "false", **extra)
        cell.addElement(P(text="VERO" if value else "FALSO"))
    elif isinstance(value, (int, float)):
        cell = TableCell(valuetype="float", value=repr(value), **extra)
        cell.addElement(P(text=str(value).replace(".", ",")))
    elif isinstance(value, datetime.date):
        cell = TableCell(valuetype="date", datevalue=value.isoformat(), **extra)
        cell.addElement(P(text=value.strftime("%d/%m/%Y")))
    else:
        cell = TableCell(valuetype="string", **extra)
        for line in str(value).split("\n"):
            cell.addElement(P(text=line))
    return cell


def write_ods(path, sheets, trailing=True):
    document = OpenDocumentSpreadsheet()
    for name, rows in sheets:
        table = Table(name=name)
        for row in rows:
            if not isinstance(row, list):
                table.addElement(row)
                continue
            element = TableRow()
            for value in row:
                element.addElement(ods_cell(value))
            if trailing:
                # What LibreOffice writes after the last used column and row.
                element.addElement(TableCell(numbercolumnsrepeated=16000))
            table.addElement(element)
        if trailing:
            empty = TableRow(numberrowsrepeated=1048000)
            empty.addElement(TableCell(numbercolumnsrepeated=16384))
            table.addElement(empty)
        document.spreadsheet.addElement(table)
    document.save(str(path))


# ---- the unione-comuni sheets, typed as a person would type them --------------------------------

NUMBER_COLUMNS = {"Capacità", "Potere", "Interesse", "Legittimità", "Urgenza", "Peso",
                  "Affidabilità", "Popolazione", "Residenti stranieri", "Domanda"}
DATE_COLUMNS = {"Dal", "Al"}
BOOLEAN_COLUMNS = {"Punto di accesso", "Orientata"}


def typed(header, value):
    if value == "":
        return None
    if header in NUMBER_COLUMNS:
        number = float(value.replace(".", "").replace(",", "."))
        return int(number) if number.is_integer() and "," not in value else number
    if header in DATE_COLUMNS:
        return datetime.date.fromisoformat(value)
    if header in BOOLEAN_COLUMNS:
        return {"sì": True, "si": True, "no": False}[value.lower()]
    if re.fullmatch(r"[1-9][0-9]{0,8}", value):
        return int(value)  # an extra column of whole numbers (anno_costituzione, soci…)
    return value


def example_sheets():
    sheets = [("Leggimi", [["Questo foglio spiega il modello."], ["Le altre schede sono lette."]])]
    for file_name, sheet_name in (("attori.csv", "Attori"), ("relazioni.csv", "relazioni"),
                                  ("aree.csv", "Aree"), ("bisogni.csv", "BISOGNI")):
        with open(SHEETS / file_name, newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle, delimiter=";"))
        header = rows[0]
        sheets.append((sheet_name, [header] + [[typed(h, v) for h, v in zip(header, row)]
                                               for row in rows[1:]]))
    return sheets


def round_trip():
    reference = WORK / "unione-csv.json"
    done = run("import", "--actors", str(SHEETS / "attori.csv"), "--relations",
               str(SHEETS / "relazioni.csv"), "--areas", str(SHEETS / "aree.csv"), "--needs",
               str(SHEETS / "bisogni.csv"), "-o", str(reference))
    check(done.returncode == 0, f"CSV import: exit {done.returncode}\n{done.stderr}")
    expected = json.loads(reference.read_text())
    sheets = example_sheets()
    write_xlsx(WORK / "unione.xlsx", sheets)
    write_ods(WORK / "unione.ods", sheets)
    for name in ("unione.xlsx", "unione.ods"):
        output = WORK / (name + ".json")
        output.unlink(missing_ok=True)
        done = run("import", str(WORK / name), "-o", str(output))
        check(done.returncode == 0, f"{name}: exit {done.returncode}\n{done.stderr}")
        if done.returncode == 0:
            mine = json.loads(output.read_text())
            for key in ("actors", "relations", "areas", "needs"):
                for index, (a, b) in enumerate(zip(mine.get(key, []), expected.get(key, []))):
                    check(a == b, f"{name}: {key}[{index}]:\n  {a}\n  {b}")
                check(len(mine.get(key, [])) == len(expected.get(key, [])),
                      f"{name}: {key}: {len(mine.get(key, []))} != {len(expected.get(key, []))}")
            check(mine == expected, f"{name}: the map differs from the CSV import's")


# ---- cells: typed values, rich and inline text, gaps, repeats ------------------------------------

ACTORS = [
    ["Codice", "Nome", "Tipo", "Capacità", "Potere", "Punto di accesso", "Note", "Sede"],
    ["a", "Sportello unico", "public_office", 12, 4, True, 'Disse "sì"\nseconda riga', "via Po"],
    ["b", "Beta", None, 0.5, None, False, None, None],
]
RELATIONS = [
    ["Da", "A", "Peso", "Affidabilità", "Dal", "Orientata", "Finanziamento"],
    ["a", "b", 2.5, 0.3, datetime.date(2024, 3, 1), True, 12000],
]


def rewrite_zip(source, target, edit):
    """A copy of the zip `source` with each part's bytes passed through edit(name, bytes)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w",
                                                         zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            new.writestr(item.filename, edit(item.filename, old.read(item.filename)))


def cells():
    # xlsx: Italian sheet names with spaces and case; the actor's name as rich text runs; the
    # relation's source as an inline string; a row with no cells; a gap (A5, C5).
    plain = WORK / "cells-plain.xlsx"
    book = openpyxl.Workbook()
    readme = book.active
    readme.title = "Leggimi"
    readme["A1"] = "Istruzioni"
    actors = book.create_sheet(" ATTORI ")
    for r, row in enumerate(ACTORS, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None:
                actors.cell(row=r, column=c, value=value)
    actors.row_dimensions[4].height = 30  # a row element with no cells
    actors["A5"] = "c"
    actors["C5"] = "associazione"  # B5 empty: the name is missing (checked below as an error)
    relations = book.create_sheet("Relazioni")
    for r, row in enumerate(RELATIONS, start=1):
        for c, value in enumerate(row, start=1):
            relations.cell(row=r, column=c, value=value)
    relations["E2"].number_format = "mm-dd-yy"  # built-in format 14
    # A datetime with a time of day, in a custom date format: the date part is kept.
    relations["H1"] = "Rinnovo"
    relations["H2"] = datetime.datetime(2025, 1, 31, 18, 30)
    relations["H2"].number_format = "dd/mm/yyyy hh:mm"
    # Around Excel's phantom 29 February 1900: serials 59 and 61 (openpyxl counts it as Excel does).
    relations["I1"] = "Primo"
    relations["I2"] = datetime.date(1900, 2, 28)
    relations["J1"] = "Secondo"
    relations["J2"] = datetime.date(1900, 3, 1)
    for reference in ("I2", "J2"):
        relations[reference].number_format = "d mmmm yyyy"
    book.save(plain)
    with zipfile.ZipFile(plain) as archive:
        part = archive.read("xl/worksheets/sheet3.xml").decode()
    check(re.search(r'<c r="I2"[^>]*><v>59</v>', part) and re.search(r'<c r="J2"[^>]*><v>61</v>', part),
          "cells.xlsx: openpyxl did not write serials 59 and 61")
    shared_strings(plain, keep_inline={"sheet3.xml!A2"})
    with zipfile.ZipFile(plain) as archive:
        strings = archive.read("xl/sharedStrings.xml").decode()
        relations_part = archive.read("xl/worksheets/sheet3.xml").decode()
    check("<t>Sportello unico</t>" in re.findall(r"<si>(.*?)</si>", strings),
          "cells.xlsx: the name is not a shared string")
    check('<c r="A2" t="inlineStr"><is><t>a</t></is></c>' in relations_part,
          "cells.xlsx: the relation's source is not an inline string")

    def edit(name, data):
        text = data.decode()
        if name == "xl/sharedStrings.xml":
            text = text.replace("<si><t>Sportello unico</t></si>",
                                '<si><r><rPr><b/></rPr><t xml:space="preserve">Sportello </t></r>'
                                "<r><t>unico</t></r><rPh sb=\"0\" eb=\"1\"><t>ignored</t></rPh></si>")
        return text.encode()

    workbook = WORK / "cells.xlsx"
    rewrite_zip(plain, workbook, edit)
    output = WORK / "cells.xlsx.json"
    output.unlink(missing_ok=True)
    done = run("import", str(workbook), "-o", str(output), "--lang", "it")
    # Row 5 has no name: the only error, in Italian, at sheet " ATTORI ", row 5, column "Nome".
    check(done.returncode == 3, f"cells.xlsx: exit {done.returncode}\n{done.stderr}")
    check("cells.xlsx, foglio « ATTORI », riga 5, colonna «Nome»" in done.stderr,
          f"cells.xlsx: the missing name is not placed:\n{done.stderr}")
    check(not output.exists(), "cells.xlsx: a map was written despite the error")

    def drop_row_5(name, data):
        text = data.decode()
        if name == "xl/worksheets/sheet2.xml":
            text = re.sub(r'<row r="5".*?</row>', "", text)
        return text.encode()

    fixed = WORK / "cells-fixed.xlsx"
    rewrite_zip(workbook, fixed, drop_row_5)
    done = run("import", str(fixed), "-o", str(output))
    check(done.returncode == 0, f"cells-fixed.xlsx: exit {done.returncode}\n{done.stderr}")
    if done.returncode == 0:
        check_cells(json.loads(output.read_text()), "cells-fixed.xlsx")

    # ods: the same sheets, with repeated cells, repeated rows and LibreOffice's trailing repeats;
    # the note as two paragraphs, the second with a run of spaces (text:s) and a line break.
    note = TableCell(valuetype="string")
    note.addElement(P(text='Disse "sì"'))
    second = P(text="seconda")
    second.addElement(S(c=1))
    second.addElement(Span(text="riga"))
    note.addElement(second)
    actor_a = TableRow()
    for value in ACTORS[1][:6]:
        actor_a.addElement(ods_cell(value))
    actor_a.addElement(note)
    actor_a.addElement(ods_cell("via Po"))
    # Actor b's note: one paragraph with a line break and a tab in it.
    actor_b = TableRow()
    for value in ACTORS[2][:6]:
        actor_b.addElement(ods_cell(value))
    lines = TableCell(valuetype="string")
    paragraph = P(text="uno")
    paragraph.addElement(LineBreak())
    paragraph.addText("due")
    paragraph.addElement(Tab())
    paragraph.addText("tre")
    lines.addElement(paragraph)
    actor_b.addElement(lines)
    # Two relations from one row repeated twice, weight and a yes/no repeated over two columns.
    header = ["Da", "A", "Peso", "Affidabilità", "Dal", "Orientata", "Finanziamento"]
    repeated = TableRow(numberrowsrepeated=2)
    for value in ("a", "b"):
        repeated.addElement(ods_cell(value))
    repeated.addElement(ods_cell(2.5))
    repeated.addElement(ods_cell(0.3))
    repeated.addElement(ods_cell(datetime.date(2024, 3, 1)))
    repeated.addElement(ods_cell(True))
    repeated.addElement(ods_cell(12000))
    blank = TableRow(numberrowsrepeated=3)
    blank.addElement(TableCell(numbercolumnsrepeated=7))
    wide = TableRow()
    for value in ("b", "a"):
        wide.addElement(ods_cell(value))
    wide.addElement(ods_cell(3, repeated=2))  # Peso 3 and Affidabilità 3: out of [0, 1]
    rows = [header, repeated, blank, wide]
    write_ods(WORK / "cells.ods", [("Leggimi", [["Istruzioni"]]),
                                   ("attori", [ACTORS[0], actor_a, actor_b]),
                                   ("Relazioni", rows)])
    output = WORK / "cells.ods.json"
    output.unlink(missing_ok=True)
    done = run("import", str(WORK / "cells.ods"), "-o", str(output))
    # Rows: 1 header, 2-3 the repeated row, 4-6 blank, 7 the wide row: its confidence 3 is wrong.
    check(done.returncode == 3, f"cells.ods: exit {done.returncode}\n{done.stderr}")
    check('cells.ods, sheet "Relazioni", row 7, column "Affidabilità"' in done.stderr,
          f"cells.ods: the bad confidence is not placed at row 7:\n{done.stderr}")
    wide = TableRow()
    for value in ("b", "a"):
        wide.addElement(ods_cell(value))
    wide.addElement(ods_cell(1, repeated=2))  # Peso 1 and Affidabilità 1
    rows[-1] = wide
    write_ods(WORK / "cells.ods", [("Leggimi", [["Istruzioni"]]),
                                   ("attori", [ACTORS[0], actor_a, actor_b]),
                                   ("Relazioni", rows)])
    done = run("import", str(WORK / "cells.ods"), "-o", str(output))
    check(done.returncode == 0, f"cells.ods: exit {done.returncode}\n{done.stderr}")
    if done.returncode == 0:
        mine = json.loads(output.read_text())
        check_cells(mine, "cells.ods", ods=True)
        relations = mine["relations"]
        check(len(relations) == 3, f"cells.ods: {len(relations)} relations, 3 expected")
        if len(relations) == 3:
            check(relations[1] == relations[0], "cells.ods: the repeated row differs")
            check(relations[2].get("weight", 1) == 1 and relations[2].get("confidence") == 1,
                  f"cells.ods: the repeated cell: {relations[2]}")


def mac_1904():
    """A workbook in the 1904 date system: serial 0 is 1904-01-01."""
    book = openpyxl.Workbook()
    book.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    actors = book.active
    actors.title = "actors"
    for row in (["id", "name"], ["a", "A"], ["b", "B"]):
        actors.append(row)
    relations = book.create_sheet("relations")
    relations.append(["source", "target", "since"])
    relations.append(["a", "b", datetime.date(2024, 3, 1)])
    relations["C2"].number_format = "yyyy-mm-dd"
    path = WORK / "mac.xlsx"
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        check(b'date1904="1"' in archive.read("xl/workbook.xml"), "mac.xlsx: not in the 1904 system")
        serial = re.search(r'<c r="C2"[^>]*><v>([0-9.]+)</v>',
                           archive.read("xl/worksheets/sheet2.xml").decode()).group(1)
    # 2024-03-01 is 43524 days after 1904-01-01.
    check(float(serial) == (datetime.date(2024, 3, 1) - datetime.date(1904, 1, 1)).days,
          f"mac.xlsx: serial {serial}")
    output = WORK / "mac.json"
    done = run("import", str(path), "-o", str(output))
    check(done.returncode == 0 and json.loads(output.read_text())["relations"][0]["since"]
          == "2024-03-01", f"mac.xlsx: exit {done.returncode}\n{done.stderr}")


def check_cells(mine, name, ods=False):
    a, b = mine["actors"][0], mine["actors"][1]
    check(a["name"] == "Sportello unico", f"{name}: name {a['name']!r}")
    check(a["capacity"] == 12 and a["power"] == 4 and a["access_point"] is True,
          f"{name}: actor a {a}")
    # Two paragraphs joined by a line break; in the xlsx, one cell holding a line break.
    check(a.get("note") == 'Disse "sì"\nseconda riga', f"{name}: note {a.get('note')!r}")
    check(a.get("attributes") == {"Sede": "via Po"}, f"{name}: attributes {a.get('attributes')}")
    check(b["capacity"] == 0.5 and b["access_point"] is False, f"{name}: actor b {b}")
    if ods:
        check(b.get("note") == "uno\ndue\ttre", f"{name}: note of b {b.get('note')!r}")
    r = mine["relations"][0]
    check(r["source"] == "a" and r["target"] == "b", f"{name}: relation {r}")
    check(r["weight"] == 2.5 and r["confidence"] == 0.3, f"{name}: numbers {r}")
    check(r["since"] == "2024-03-01" and r["directed"] is True, f"{name}: date, yes/no {r}")
    # A number cell of an extra column is a number attribute, as the actors' extra columns are.
    expected = {"Finanziamento": 12000}
    if not ods:
        expected.update({"Rinnovo": "2025-01-31", "Primo": "1900-02-28", "Secondo": "1900-03-01"})
    check(r.get("attributes") == expected, f"{name}: relation attributes {r.get('attributes')}")


# ---- errors and unsafe workbooks -----------------------------------------------------------------

def errors():
    # Row 14 of "relazioni" has "tre" as its weight: rows 2-13 are fine.
    relations = [["da", "a", "peso"]] + [["a", "b", 1]] * 12 + [["a", "b", "tre"]]
    path = WORK / "modello.xlsx"
    write_xlsx(path, [("Leggimi", [["x"]]), ("attori", [["codice", "nome"], ["a", "A"], ["b", "B"]]),
                      ("relazioni", relations)])
    output = WORK / "modello.json"
    for lang, where in (("it_IT.UTF-8", "modello.xlsx, foglio «relazioni», riga 14, colonna «peso»: "),
                        ("C", 'modello.xlsx, sheet "relazioni", row 14, column "peso": ')):
        output.unlink(missing_ok=True)
        done = subprocess.run([STAKEMAP, "import", "modello.xlsx", "-o", "modello.json"],
                              capture_output=True, text=True, cwd=WORK, env={"LC_ALL": lang})
        check(done.returncode == 3, f"modello.xlsx ({lang}): exit {done.returncode}\n{done.stderr}")
        check(where in done.stderr and ("«tre»" in done.stderr or '"tre"' in done.stderr),
              f"modello.xlsx ({lang}): {done.stderr}")
        check(not output.exists(), f"modello.xlsx ({lang}): a map was written")
    # No sheet of relations: every sheet is named in the message.
    write_xlsx(path, [("Leggimi", [["x"]]), ("attori", [["codice", "nome"], ["a", "A"]])])
    done = run("import", str(path), "-o", str(output))
    check(done.returncode == 3 and '"Leggimi" and "attori"' in done.stderr
          and '"relazioni" or "relations"' in done.stderr, f"no relations sheet: {done.stderr}")


def unsafe():
    base = WORK / "base.xlsx"
    write_xlsx(base, [("attori", [["codice", "nome"], ["a", "A"], ["b", "B"]]),
                      ("relazioni", [["da", "a"], ["a", "b"]])])
    done = run("import", str(base), "-o", str(WORK / "base.json"))
    check(done.returncode == 0, f"base.xlsx: exit {done.returncode}\n{done.stderr}")

    # An entity declaration in the shared strings (a "billion laughs" seed).
    def doctype(name, data):
        if name == "xl/sharedStrings.xml":
            text = data.decode()
            declaration = '<!DOCTYPE sst [<!ENTITY lol "lol">]>'
            return text.replace("?>", "?>" + declaration, 1).replace("<t>A</t>", "<t>&lol;</t>").encode()
        return data

    rewrite_zip(base, WORK / "doctype.xlsx", doctype)
    with zipfile.ZipFile(WORK / "doctype.xlsx") as archive:  # the part is still XML with a DTD
        check(b"<!ENTITY" in archive.read("xl/sharedStrings.xml"), "doctype.xlsx: no entity")
    done = run("import", str(WORK / "doctype.xlsx"), "-o", str(WORK / "doctype.json"))
    check(done.returncode == 3 and "DOCTYPE" in done.stderr and "xl/sharedStrings.xml" in done.stderr,
          f"doctype.xlsx: exit {done.returncode}\n{done.stderr}")
    check(not (WORK / "doctype.json").exists(), "doctype.xlsx: a map was written")

    # Bytes that are not UTF-8, a surrogate and a reference past 32 bits in the shared strings
    # (the last found by the graph_import fuzz harness in GraphML first): pugixml would hand them
    # on as bytes that are not UTF-8, and writing the map failed with an internal error (exit 5).
    for label, replacement, expected in (
            ("not-utf8", b"<t>A\xff\xfe</t>", "not UTF-8"),
            ("surrogate", b"<t>A&#xD800;</t>", "&#xD800;"),
            ("huge-reference", b"<t>A&#" + b"1" * 40 + b";</t>", "&#" + "1" * 40 + ";")):
        def spoil(name, data, replacement=replacement):
            if name == "xl/sharedStrings.xml":
                return data.replace(b"<t>A</t>", replacement, 1)
            return data

        target = WORK / f"{label}.xlsx"
        rewrite_zip(base, target, spoil)
        with zipfile.ZipFile(target) as archive:
            check(replacement in archive.read("xl/sharedStrings.xml"), f"{label}: not spoilt")
        done = run("import", str(target), "-o", str(WORK / f"{label}.json"))
        check(done.returncode == 3 and expected in done.stderr and
              "xl/sharedStrings.xml" in done.stderr and "internal error" not in done.stderr,
              f"{label}.xlsx: exit {done.returncode}\n{done.stderr}")
        check(not (WORK / f"{label}.json").exists(), f"{label}.xlsx: a map was written")

    # A zip bomb: the first sheet is 400 MB of zeros, packed to about 400 KB.
    bomb = WORK / "bomb.xlsx"
    with zipfile.ZipFile(base) as old, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            if item.filename == "xl/worksheets/sheet1.xml":
                with new.open(zipfile.ZipInfo(item.filename), "w", force_zip64=True) as part:
                    part._compressor = __import__("zlib").compressobj(9, 8, -15)
                    zeros = b"\0" * (1 << 22)
                    for _ in range(100):
                        part.write(zeros)
            else:
                new.writestr(item, old.read(item.filename))
    with zipfile.ZipFile(bomb) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
        check(info.file_size == 400 * (1 << 20) and info.compress_size < info.file_size // 500,
              f"bomb.xlsx: {info.file_size} packed to {info.compress_size}")
    start = time.monotonic()
    done = run("import", str(bomb), "-o", str(WORK / "bomb.json"))
    elapsed = time.monotonic() - start
    check(done.returncode == 3 and "xl/worksheets/sheet1.xml" in done.stderr,
          f"bomb.xlsx: exit {done.returncode}\n{done.stderr}")
    check(elapsed < 5, f"bomb.xlsx: refused in {elapsed:.1f} s")

    # Encrypted entries: the "encrypted" bit (0) of the general purpose flags set in every local
    # header (offset 6) and central directory header (offset 8), as ZIP encryption sets it.
    data = bytearray(base.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        while at >= 0:
            data[at + offset] |= 1
            at = data.find(signature, at + 4)
    (WORK / "cifrato.xlsx").write_bytes(bytes(data))
    with zipfile.ZipFile(WORK / "cifrato.xlsx") as archive:
        check(all(item.flag_bits & 1 for item in archive.infolist()), "cifrato.xlsx: not encrypted")
    done = run("import", str(WORK / "cifrato.xlsx"), "-o", str(WORK / "cifrato.json"))
    check(done.returncode == 3 and "encrypted" in done.stderr,
          f"cifrato.xlsx: exit {done.returncode}\n{done.stderr}")

    # A shared string nested 100,000 elements deep: read without exhausting the stack (the text
    # past a few levels is not followed, so the name is empty: an error of the sheet, exit 3).
    def deep(name, data):
        if name == "xl/sharedStrings.xml":
            nested = "<x>" * 100000 + "A" + "</x>" * 100000
            return data.decode().replace("<t>A</t>", "<t>" + nested + "</t>").encode()
        return data

    rewrite_zip(base, WORK / "deep.xlsx", deep)
    done = run("import", str(WORK / "deep.xlsx"), "-o", str(WORK / "deep.json"))
    check(done.returncode == 3 and 'sheet "attori", row 2, column "nome"' in done.stderr,
          f"deep.xlsx: exit {done.returncode}\n{done.stderr}")

    # A part named outside the archive.
    with zipfile.ZipFile(base) as old, zipfile.ZipFile(WORK / "path.xlsx", "w") as new:
        for item in old.infolist():
            new.writestr(item, old.read(item.filename))
        new.writestr("../../evil.xml", "<x/>")
    done = run("import", str(WORK / "path.xlsx"), "-o", str(WORK / "path.json"))
    check(done.returncode == 3 and '"../../evil.xml"' in done.stderr,
          f"path.xlsx: exit {done.returncode}\n{done.stderr}")

    # Not a zip; an old or password-protected Excel file (an OLE2 container); no file at all.
    (WORK / "testo.xlsx").write_text("codice;nome\na;A\n")
    done = run("import", str(WORK / "testo.xlsx"), "-o", str(WORK / "testo.json"))
    check(done.returncode == 3 and "not a workbook" in done.stderr, f"testo.xlsx: {done.stderr}")
    (WORK / "vecchio.xls").write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 504)
    done = run("import", str(WORK / "vecchio.xls"), "-o", str(WORK / "vecchio.json"))
    check(done.returncode == 3 and "password" in done.stderr, f"vecchio.xls: {done.stderr}")
    done = run("import", str(WORK / "assente.xlsx"), "-o", str(WORK / "assente.json"))
    check(done.returncode == 4, f"assente.xlsx: exit {done.returncode}\n{done.stderr}")


def folder():
    """A folder of CSV sheets found by their file names, in either language and any case."""
    import shutil
    reference = WORK / "unione-csv.json"
    done = run("import", "--actors", str(SHEETS / "attori.csv"), "--relations",
               str(SHEETS / "relazioni.csv"), "--areas", str(SHEETS / "aree.csv"), "--needs",
               str(SHEETS / "bisogni.csv"), "-o", str(reference))
    check(done.returncode == 0, f"CSV import: exit {done.returncode}\n{done.stderr}")
    sheets = WORK / "cartella"
    shutil.rmtree(sheets, ignore_errors=True)
    sheets.mkdir()
    for source, target in (("attori.csv", "Attori.csv"), ("relazioni.csv", "relations.CSV"),
                           ("aree.csv", "aree.csv"), ("bisogni.csv", "Needs.csv")):
        shutil.copy(SHEETS / source, sheets / target)
    (sheets / "leggimi.csv").write_text("non letto;\n")
    output = WORK / "cartella.json"
    output.unlink(missing_ok=True)
    done = run("import", str(sheets), "-o", str(output))
    check(done.returncode == 0, f"folder: exit {done.returncode}\n{done.stderr}")
    if done.returncode == 0:
        check(output.read_bytes() == reference.read_bytes(),
              "folder: the map differs from the CSV import's")
    (sheets / "Relations.CSV").unlink(missing_ok=True)
    (sheets / "relations.CSV").unlink()
    done = run("import", str(sheets), "-o", str(output))
    check(done.returncode == 3 and '"relazioni.csv" or "relations.csv"' in done.stderr
          and '"Attori.csv", "Needs.csv", "aree.csv" and "leggimi.csv"' in done.stderr,
          f"folder without relations: exit {done.returncode}\n{done.stderr}")


PARTS = {"round-trip": round_trip, "cells": cells, "mac": mac_1904, "errors": errors,
         "unsafe": unsafe, "folder": folder}
for part in sys.argv[3:] or list(PARTS):
    PARTS[part]()
if failures:
    sys.exit("\n".join(failures))
print("workbooks: all checks passed")
