#!/usr/bin/env python3
"""Writes the seed corpus of every harness into OUT/<harness>/, from the files the repository
already holds (example maps, the malformed corpus, CSV sheets, exports, rules, rubric, options).
No spreadsheet is committed: the workbooks are written here from the CSV sheets, as small .xlsx and
.ods archives, together with the hostile archives the reader must refuse (a zip bomb, a path
outside the archive, a DOCTYPE, broken XML).

Usage: python3 tests/fuzz/make_seeds.py OUT
"""

import csv
import io
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

ROOT = Path(__file__).resolve().parents[2]


def files(*patterns):
    found = []
    for pattern in patterns:
        found.extend(sorted(ROOT.glob(pattern)))
    return found


def put(out, harness, name, data):
    folder = out / harness
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode())


def copy(out, harness, paths):
    for path in paths:
        put(out, harness, "-".join(path.relative_to(ROOT).parts), path.read_bytes())


# The sheets of a map, as (actors, relations, other sheets) CSV files.
SHEET_SETS = [
    ("tests/cli/sheets/unione-comuni/attori.csv", "tests/cli/sheets/unione-comuni/relazioni.csv",
     ["tests/cli/sheets/unione-comuni/aree.csv", "tests/cli/sheets/unione-comuni/bisogni.csv"]),
    ("data/templates/en/actors.csv", "data/templates/en/relations.csv",
     ["data/templates/en/areas.csv", "data/templates/en/needs.csv"]),
    ("data/templates/it/attori.csv", "data/templates/it/relazioni.csv",
     ["data/templates/it/aree.csv", "data/templates/it/bisogni.csv"]),
    ("tests/cli/sheets/errori-attori.csv", "tests/cli/sheets/errori-relazioni.csv", []),
    ("tests/cli/sheets/actors-tab.csv", "tests/cli/sheets/relations-tab.csv", []),
]


def read_rows(path):
    text = (ROOT / path).read_bytes().decode("utf-8-sig", errors="replace")
    sample = text.splitlines()[0] if text else ""
    delimiter = max(";,\t", key=sample.count)
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def sheet_name(path):
    return Path(path).stem


def column_letters(index):
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def xlsx(sheets, shared=True):
    """A minimal Excel workbook: shared strings (or inline strings), numbers as numbers."""
    buffer = io.BytesIO()
    strings = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
        entries, relations = [], []
        for number, (name, rows) in enumerate(sheets, start=1):
            cells_xml = []
            for r, row in enumerate(rows, start=1):
                cells = []
                for c, value in enumerate(row):
                    if value == "":
                        continue
                    ref = f"{column_letters(c)}{r}"
                    try:
                        float(value)
                        cells.append(f'<c r="{ref}"><v>{escape(value)}</v></c>')
                        continue
                    except ValueError:
                        pass
                    if shared:
                        strings.append(value)
                        cells.append(f'<c r="{ref}" t="s"><v>{len(strings) - 1}</v></c>')
                    else:
                        cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>')
                cells_xml.append(f'<row r="{r}">{"".join(cells)}</row>')
            book.writestr(f"xl/worksheets/sheet{number}.xml",
                          '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns='
                          '"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                          + "".join(cells_xml) + "</sheetData></worksheet>")
            entries.append(f'<sheet name={quoteattr(name)} sheetId="{number}" r:id="rId{number}"/>')
            relations.append(f'<Relationship Id="rId{number}" Type="http://schemas.openxmlformats'
                             f'.org/officeDocument/2006/relationships/worksheet" '
                             f'Target="worksheets/sheet{number}.xml"/>')
        book.writestr("[Content_Types].xml",
                      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
                      'openxmlformats.org/package/2006/content-types"/>')
        book.writestr("xl/workbook.xml",
                      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.'
                      'openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.'
                      'openxmlformats.org/officeDocument/2006/relationships"><workbookPr/><sheets>'
                      + "".join(entries) + "</sheets></workbook>")
        book.writestr("xl/_rels/workbook.xml.rels",
                      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                      'openxmlformats.org/package/2006/relationships">' + "".join(relations)
                      + "</Relationships>")
        if shared:
            book.writestr("xl/sharedStrings.xml",
                          '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.'
                          'openxmlformats.org/spreadsheetml/2006/main">'
                          + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings) + "</sst>")
        book.writestr("xl/styles.xml",
                      '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.'
                      'openxmlformats.org/spreadsheetml/2006/main"><numFmts><numFmt numFmtId="164" '
                      'formatCode="yyyy-mm-dd"/></numFmts><cellXfs><xf numFmtId="0"/>'
                      '<xf numFmtId="164"/></cellXfs></styleSheet>')
    return buffer.getvalue()


def ods(sheets):
    """A minimal OpenDocument spreadsheet: one table per sheet, floats typed as such."""
    tables = []
    for name, rows in sheets:
        row_xml = []
        for row in rows:
            cells = []
            for value in row:
                try:
                    float(value)
                    cells.append(f'<table:table-cell office:value-type="float" '
                                 f'office:value={quoteattr(value)}><text:p>{escape(value)}</text:p>'
                                 f'</table:table-cell>')
                except ValueError:
                    cells.append('<table:table-cell office:value-type="string"><text:p>'
                                 f'{escape(value)}</text:p></table:table-cell>' if value else
                                 "<table:table-cell/>")
            row_xml.append(f'<table:table-row>{"".join(cells)}</table:table-row>')
        row_xml.append('<table:table-row table:number-rows-repeated="1048000"><table:table-cell '
                       'table:number-columns-repeated="1024"/></table:table-row>')
        tables.append(f'<table:table table:name={quoteattr(name)}>{"".join(row_xml)}</table:table>')
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office='
               '"urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:'
               'tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:'
               'xmlns:text:1.0"><office:body><office:spreadsheet>' + "".join(tables)
               + "</office:spreadsheet></office:body></office:document-content>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as book:
        book.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        book.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def archive(parts, method=zipfile.ZIP_DEFLATED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as book:
        for name, data in parts:
            book.writestr(name, data)
    return buffer.getvalue()


def workbooks(out):
    small = []
    for actors, relations, others in SHEET_SETS:
        sheets = [(sheet_name(p), read_rows(p)) for p in [actors, relations] + others]
        # Large sheets are cut to a few rows: the mutations matter, not the size.
        sheets = [(name, rows[:12]) for name, rows in sheets]
        stem = sheet_name(actors)
        put(out, "workbook", f"{stem}.xlsx", xlsx(sheets))
        put(out, "workbook", f"{stem}-inline.xlsx", xlsx(sheets, shared=False))
        put(out, "workbook", f"{stem}.ods", ods(sheets))
        small = sheets
    good = xlsx(small)
    with zipfile.ZipFile(io.BytesIO(good)) as book:
        parts = [(info.filename, book.read(info)) for info in book.infolist()]
    hostile = {
        # 16 MiB of one byte: far past the unpacked / packed ratio.
        "bomb.xlsx": parts + [("xl/worksheets/sheet9.xml", b"<" + b"a" * (16 << 20))],
        "outside.xlsx": parts + [("../../etc/evil.xml", b"<x/>")],
        "absolute.xlsx": parts + [("/tmp/evil.xml", b"<x/>")],
        "doctype.xlsx": [(n, d) if n != "xl/worksheets/sheet1.xml" else
                         (n, b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]>' + d[21:])
                         for n, d in parts],
        "broken-xml.xlsx": [(n, d) if n != "xl/workbook.xml" else (n, d[:len(d) // 2])
                            for n, d in parts],
        "missing-workbook.xlsx": [(n, d) for n, d in parts if n != "xl/workbook.xml"],
        "huge-reference.xlsx": [(n, d) if n != "xl/worksheets/sheet1.xml" else
                                (n, d.replace(b'r="A1"', b'r="XFD1048576"'))
                                for n, d in parts],
    }
    for name, items in hostile.items():
        put(out, "workbook", name, archive(items))
    put(out, "workbook", "stored.xlsx", archive(parts, zipfile.ZIP_STORED))


def csv_sheets(out):
    for actors, relations, _ in SHEET_SETS:
        pair = (ROOT / actors).read_bytes() + b"\f" + (ROOT / relations).read_bytes()
        put(out, "csv_sheets", sheet_name(actors) + "+relations.csv", pair)
    copy(out, "csv_sheets", files("tests/cli/sheets/**/*.csv", "data/templates/*/*.csv"))
    # Excel's Windows-1252, a BOM and CRLF line ends.
    put(out, "csv_sheets", "cp1252.csv", "id;name\r\ncaf;Caffè è così\r\n\f"
        "source;target\r\ncaf;caf\r\n".encode("cp1252"))
    put(out, "csv_sheets", "bom.csv", b"\xef\xbb\xbfid,name\r\na,\"A, \"\"quoted\"\"\"\r\n\f"
        b"source,target,weight\r\na,b,\"0,5\"\r\n")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = Path(sys.argv[1])
    good_maps = files("examples/*/map*.json", "tests/cli/maps/*.json", "tests/interop/*.json")
    copy(out, "map_json", good_maps + files("tests/io/malformed/*.json"))
    copy(out, "map_dot", good_maps)
    csv_sheets(out)
    workbooks(out)
    copy(out, "graph_import", files("tests/io/export_golden/*.graphml",
                                    "tests/io/export_golden/*.gexf",
                                    "tests/io/export_golden/mixed.json"))
    put(out, "graph_import", "entity.graphml",
        '<?xml version="1.0"?>\n<!DOCTYPE graphml [<!ENTITY x "actor">]>\n'
        '<graphml><graph edgedefault="undirected"><node id="&x;"/></graph></graphml>\n')
    put(out, "graph_import", "external.gexf",
        '<?xml version="1.0"?>\n<!DOCTYPE gexf SYSTEM "file:///etc/passwd">\n'
        '<gexf version="1.3"><graph><nodes><node id="a" label="A"/></nodes></graph></gexf>\n')
    copy(out, "settings_files", files("data/rules/*.json", "data/assessment/*.json",
                                      "examples/*/options/*.json", "tests/cli/maps/bad-*.json"))


if __name__ == "__main__":
    main()
