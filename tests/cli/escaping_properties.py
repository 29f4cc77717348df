#!/usr/bin/python3
"""Escaping as a property: generated names (quotes, backslashes, Graphviz escapes, markup, CDATA
ends, pipes, formula starts, control characters, right-to-left overrides, emoji, combining marks,
10 kB strings) in actor names, area names and relation types, through every writer, each output
read back by its own parser. Every name must come back as text, equal to the original after the
documented replacements (docs/cli.md, "Escaping"), and no raw <script>, control byte or formula
cell may survive. Invalid UTF-8 must be refused with exit code 3.

Usage: escaping_properties.py STAKEMAP WORKDIR [--names N]

N (default 10000, or the environment's STAKEMAP_ESCAPING_NAMES) names are spread over four maps that
the writers of tables and files (JSON, CSV, Markdown, terminal table, GraphML, GEXF, Pajek, Kumu,
node-link, xlsx) all see; the drawings (SVG, DOT read by Graphviz) and the HTML report, which lay out
every name, get one more map of N / 30 names (at least 60, at most 300). The sanitizer build passes a
smaller N. Prints the cases checked per writer; exits 1 on any failure.
"""

import csv
import html.parser
import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from pathlib import Path

try:
    import igraph
except ImportError as error:  # bash scripts/setup.sh installs it
    print(f"skipped: {error}", file=sys.stderr)
    sys.exit(77)
if shutil.which("dot") is None or shutil.which("pandoc") is None:
    print("skipped: Graphviz's dot and pandoc are needed", file=sys.stderr)
    sys.exit(77)

SEED = 20250301
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"-?[0-9]+([.,][0-9]+)?(e[-+]?[0-9]+)?")
PIECES = [
    '"', "'", "\\", '\\"', "a\"b\\", "\\N", "\\G", "\\E", "\\T", "\\H", "\\L", "\\l", "\\n", "\\\\",
    "<script>alert(1)</script>", "<", ">", "&", "&amp;", "&lt;", "]]>", "<![CDATA[", "|", "||",
    "=1+2", "-2+3", "+1", "@x", "-A1", "=HYPERLINK(\"http://x\")", "*", "_", "`", "[", "]", "#",
    "~", "1.", "- ", "{", "}", ";", ",", "%s", "\u202e", "\u2066", "\u2028", "\ufeff", "😀",
    "👩\u200d👩\u200d👧", "e\u0301", "\u0650", "سلام", "中文", "Città", "ß", "\u00a0",
    "\x1b[31m", "\x07", "\x08", "\x0b", "\x0c", "\x7f", "\x85", "\x9b", "\t", "\n", "\r", "\r\n",
    "plain", "Comune", "x", " ", "-", "0", "-2", "-0.5", "_x0041_", "snake_case", "C#", "a * b",
]


def control_free(text, keep_breaks=False):
    """The documented replacement for the terminal and Markdown: tab, LF, CR as spaces; other
    C0, DEL and C1 characters as U+FFFD."""
    out = []
    for ch in text:
        o = ord(ch)
        if ch in "\t\n\r":
            out.append(ch if keep_breaks and ch == "\n" else " ")
        elif o < 0x20 or o == 0x7F or 0x80 <= o <= 0x9F:
            out.append("\ufffd")
        else:
            out.append(ch)
    return "".join(out)


def xml_text(text):
    """What an XML writer keeps: characters XML 1.0 forbids become U+FFFD."""
    return "".join("\ufffd" if (ord(c) < 0x20 and c not in "\t\n\r") or ord(c) == 0x7F
                   or c in "\ufffe\uffff" else c for c in text)


def spaces(text):
    """Runs of white space as one space: Markdown and HTML rendering do not keep them."""
    return " ".join(text.replace("\u00a0", " ").split())


def nfc(text):
    """Pandoc reads Markdown into Unicode NFC (e + U+0301 becomes U+00E9)."""
    return unicodedata.normalize("NFC", text)


def ooxml_text(text):
    """A shared string as Excel reads it: OOXML's _xHHHH_ escapes decoded, left to right."""
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), text)


def make_name(rng):
    if rng.random() < 0.003:
        unit = "x" + "".join(rng.choice(PIECES) for _ in range(4))
        return (unit * (10000 // len(unit) + 1)).strip()  # about 10,000 characters
    name = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 6)))
    return name.strip() or "x"


def make_maps(total, rng, count=4):
    """A handful of maps: chains with a few isolated actors (so that gaps lists names), areas with
    generated names and needs (so that coverage lists them), relation types with generated text."""
    sizes = [total // count] * (count - 1) + [total - (count - 1) * (total // count)]
    maps = []
    counter = 0
    for m, size in enumerate(sizes):
        n_areas = max(2, size // 10)
        n_actors = size - n_areas
        areas = [{"id": f"area{i}", "name": make_name(rng)} for i in range(n_areas)]
        actors = []
        for i in range(n_actors):
            actors.append({"id": f"a{counter}", "name": make_name(rng),
                           "area": areas[i % n_areas]["id"], "services": ["housing"],
                           "power": 1 + i % 5, "interest": 1 + (i // 5) % 5})
            counter += 1
        relations = []
        for i in range(n_actors - 1):
            if i % 7 == 6:
                continue  # components and cut actors for gaps
            relations.append({"source": actors[i]["id"], "target": actors[i + 1]["id"],
                              "type": make_name(rng) if i % 3 == 0 else "referral"})
        needs = [{"area": a["id"], "service": "legal_permits", "demand": 10} for a in areas]
        maps.append({"format": "stakemap/1", "title": make_name(rng), "areas": areas,
                     "actors": actors, "relations": relations, "needs": needs})
    return maps


class Checks:
    def __init__(self):
        self.cases = Counter()
        self.failures = []

    def equal(self, writer, got, want, where):
        self.cases[writer] += 1
        if got != want:
            self.fail(writer, f"{where}: got {got[:200]!r}, want {want[:200]!r}")

    def true(self, writer, condition, message):
        self.cases[writer] += 1
        if not condition:
            self.fail(writer, message)

    def fail(self, writer, message):
        if len(self.failures) < 60:
            self.failures.append(f"{writer}: {message}")
        else:
            self.failures.append(None)


def run(stakemap, *arguments, ok=True):
    done = subprocess.run([stakemap, *arguments], capture_output=True,
                          env={**os.environ, "LC_ALL": "C.UTF-8"})
    if ok and done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(map(str, arguments[:3]))} failed ({done.returncode}): "
                         f"{done.stderr.decode(errors='replace')[:2000]}")
    return done


def no_raw_controls(checks, writer, data, allowed=b"\t\n\r"):
    # JSON escapes C0 controls; DEL is valid in a JSON string and read back as it is.
    bad = [b for b in set(data) if (b < 0x20 and b not in allowed) or
           (b == 0x7F and not writer.endswith("json"))]
    checks.true(writer, not bad, f"raw control bytes {sorted(bad)} in the output")
    text = data.decode("utf-8", errors="replace")
    c1 = [c for c in set(text) if 0x80 <= ord(c) <= 0x9F]
    if writer.endswith(("table", "md")):
        checks.true(writer, not c1, f"raw C1 controls {c1} in the output")


def csv_written(text):
    """A text as a report's CSV cell holds it (docs/cli.md): a ' before a cell that starts with
    = + - @, tab or CR, unless it is a number as stakemap writes numbers."""
    if text.startswith(FORMULA_START) and not NUMBER.fullmatch(text):
        return "'" + text
    return text


def export_csv_written(text):
    """A text as `export --to csv` writes it: a ' before a text that starts with = + - @, tab or
    CR, after any apostrophes of its own (import takes exactly one away)."""
    if text.lstrip("'").startswith(FORMULA_START):
        return "'" + text
    return text


def check_csv_cells(checks, writer, rows):
    for row in rows:
        for cell in row:
            if cell.startswith(FORMULA_START) and not NUMBER.fullmatch(cell):
                checks.fail(writer, f"formula-leading cell {cell[:80]!r}")


class Text(html.parser.HTMLParser):
    """Text and element names of an HTML document, script contents apart."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.tags, self.scripts, self._in_script = [], Counter(), [], False

    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1
        self._in_script = tag == "script"
        if tag in ("td", "th", "li", "p", "br", "h2", "h3"):
            self.parts.append("\n")

    def handle_endtag(self, tag):
        self._in_script = False
        if tag in ("td", "th", "li", "p", "h2", "h3"):
            self.parts.append("\n")

    def handle_data(self, data):
        (self.scripts if self._in_script else self.parts).append(data)


def check_reading_outputs(checks, stakemap, work, map_file, actors, areas):
    names = {a["id"]: a["name"] for a in actors}
    area_names = {a["id"]: a["name"] for a in areas}

    # centrality: every actor once, in every format.
    out = run(stakemap, "centrality", map_file, "--format", "json").stdout
    no_raw_controls(checks, "centrality json", out)
    for record in json.loads(out)["results"]["actors"]:
        checks.equal("centrality json", record["name"], names[record["id"]], record["id"])
    out = run(stakemap, "centrality", map_file, "--format", "csv").stdout
    rows = list(csv.reader(io.StringIO(out.decode("utf-8"), newline="")))
    check_csv_cells(checks, "centrality csv", rows)
    header = rows[0]
    for row in rows[1:]:
        record = dict(zip(header, row))
        checks.equal("centrality csv", record["name"], csv_written(names[record["id"]]),
                     record["id"])
    out = run(stakemap, "centrality", map_file, "--format", "table").stdout
    no_raw_controls(checks, "centrality table", out, allowed=b"\n")
    # One row per actor, its id first; the name in that row after the documented replacements. A
    # name longer than 80 characters continues on the lines below, in its column, broken at spaces:
    # the name cell of a row is its column (as the rule under the header spans it) on the row's
    # lines, read with every run of spaces as one.
    lines = out.decode("utf-8").split("\n")
    rule = next((i for i, line in enumerate(lines) if re.fullmatch(r"-+( +-+)+", line)), None)
    checks.true("centrality table", rule is not None, "no table (a header and its rule)")
    rule = rule or 1
    spans = [m.span() for m in re.finditer(r"-+", lines[rule])]
    header = lines[rule - 1].split()
    name_column = header.index("name") if "name" in header else 1
    cells = {}
    actor_id = None
    for line in lines[rule + 1:]:
        if not line:
            break
        if not line.startswith(" "):
            actor_id = line.split(" ", 1)[0]
            cells[actor_id] = []
        if actor_id is not None and name_column < len(spans):
            start, end = spans[name_column]
            cells[actor_id].append(line[start:end])
    for actor_id, name in names.items():
        cell = " ".join(" ".join(cells.get(actor_id, [])).split(" "))
        flowing = lambda text: " ".join(part for part in text.split(" ") if part)
        checks.true("centrality table", flowing(control_free(name)) == flowing(cell),
                    f"{actor_id}: {control_free(name)[:80]!r} is not the name cell of its row")
    check_markdown(checks, "centrality md", run(stakemap, "centrality", map_file, "--format",
                                                 "md").stdout, names.values())

    # gaps and coverage: the names their JSON lists, the same in CSV and Markdown.
    for command in ("gaps", "coverage"):
        out = run(stakemap, command, map_file, "--format", "json").stdout
        no_raw_controls(checks, f"{command} json", out)
        listed = []

        def walk(value):
            if isinstance(value, dict):
                if "id" in value and "name" in value and isinstance(value["name"], str):
                    known = names.get(value["id"], area_names.get(value["id"]))
                    if known is not None:
                        checks.equal(f"{command} json", value["name"], known, value["id"])
                        listed.append(known)
                for child in value.values():
                    walk(child)
            elif isinstance(value, list):
                for child in value:
                    walk(child)

        walk(json.loads(out)["results"])
        out = run(stakemap, command, map_file, "--format", "csv").stdout
        rows = list(csv.reader(io.StringIO(out.decode("utf-8"), newline="")))
        check_csv_cells(checks, f"{command} csv", rows)
        header = rows[0]
        for row in rows[1:]:
            # gaps: the cut actors' rows (actor, name); coverage: one row per area (id, name).
            record = dict(zip(header, row))
            key = record.get("actor") or record.get("id")
            known = names.get(key, area_names.get(key))
            if record.get("name") and known is not None:
                checks.equal(f"{command} csv", record["name"], csv_written(known), key)
        # coverage: one table row per area, its name a cell; gaps: names inside sentences.
        check_markdown(checks, f"{command} md",
                       run(stakemap, command, map_file, "--format", "md").stdout,
                       area_names.values() if command == "coverage" else [],
                       structure_only=command == "gaps")


def check_markdown(checks, writer, data, expected, structure_only=False):
    no_raw_controls(checks, writer, data, allowed=b"\n")
    rendered = subprocess.run(["pandoc", "-f", "gfm", "-t", "html", "--wrap=none"], input=data,
                              capture_output=True, check=True).stdout.decode("utf-8")
    parser = Text()
    parser.feed(rendered)
    allowed = {"h2", "h3", "p", "ul", "li", "table", "thead", "tbody", "tr", "th", "td", "br",
               "colgroup", "col", "img", "div"}
    unexpected = set(parser.tags) - allowed
    checks.true(writer, not unexpected, f"markup made from names: {sorted(unexpected)}")
    checks.true(writer, not parser.scripts and "script" not in parser.tags, "a script element")
    if structure_only:
        return
    # Each table cell on a line of its own: every name must be one whole cell.
    cells = {spaces(line) for line in "".join(parser.parts).split("\n")}
    for name in expected:
        want = nfc(spaces(control_free(name)))
        checks.true(writer, want in cells, f"{want[:80]!r} not a cell of the rendered Markdown")


def check_exports(checks, stakemap, work, map_file, actors, relations):
    names = {a["id"]: a["name"] for a in actors}
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    out = work / "x.graphml"
    run(stakemap, "export", map_file, "--to", "graphml", "-o", out)
    root = ET.parse(out).getroot()
    keys = {k.get("id"): k.get("attr.name") for k in root.iter("{%s}key" % ns["g"])}
    for node in root.iter("{%s}node" % ns["g"]):
        data = {keys[d.get("key")]: d.text or "" for d in node.findall("g:data", ns)}
        checks.equal("export graphml", data["name"], xml_text(names[node.get("id")]),
                     node.get("id"))

    out = work / "x.gexf"
    run(stakemap, "export", map_file, "--to", "gexf", "-o", out)
    for node in ET.parse(out).getroot().iter():
        if node.tag.endswith("}node"):
            checks.equal("export gexf", node.get("label"), xml_text(names[node.get("id")]),
                         node.get("id"))

    out = work / "x.node-link.json"
    run(stakemap, "export", map_file, "--to", "node-link", "-o", out)
    for node in json.loads(out.read_text(encoding="utf-8"))["nodes"]:
        checks.equal("export node-link", node["name"], names[node["id"]], node["id"])

    out = work / "x.kumu.json"
    run(stakemap, "export", map_file, "--to", "kumu", "-o", out)
    labels = {e["label"] for e in json.loads(out.read_text(encoding="utf-8"))["elements"]}
    for actor_id, name in names.items():
        checks.true("export kumu", name in labels or f"{name} ({actor_id})" in labels,
                    f"{actor_id}: no Kumu label for {name[:80]!r}")

    out = work / "x.net"
    run(stakemap, "export", map_file, "--to", "pajek", "--no-bom", "-o", out)
    graph = igraph.Graph.Read_Pajek(str(out))
    ordered = [a["name"] for a in actors]
    checks.equal("export pajek", graph.vcount(), len(ordered), "vertex count")
    for got, name in zip(graph.vs["id"] if "id" in graph.vs.attributes() else [], ordered):
        # Pajek cannot escape a quote or a line break: stakemap writes them as documented.
        want = name.replace('"', "'")
        want = re.sub(r"[\r\n]", " ", want)
        checks.equal("export pajek", spaces(got), spaces(want), name[:40])

    out = work / "csv"
    run(stakemap, "export", map_file, "--to", "csv", "-o", out)
    for sheet in sorted(out.glob("*.csv")):
        # read_bytes: read_text would turn a CR inside a quoted cell into LF.
        rows = list(csv.reader(io.StringIO(sheet.read_bytes().decode("utf-8"), newline="")))
        check_csv_cells(checks, "export csv", rows)
        if "name" in rows[0] and "id" in rows[0]:
            i, n = rows[0].index("id"), rows[0].index("name")
            for row in rows[1:]:
                actor_id = row[i]
                if actor_id in names:
                    checks.equal("export csv", row[n], export_csv_written(names[actor_id]),
                                 actor_id)

    out = work / "x.xlsx"
    run(stakemap, "export", map_file, "--to", "xlsx", "-o", out)
    with zipfile.ZipFile(out) as book:
        main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
        shared = ET.fromstring(book.read("xl/sharedStrings.xml"))
        strings = [ooxml_text("".join(t.text or "" for t in si.iter(main + "t")))
                   for si in shared.iter(main + "si")]
        present = Counter(strings)
        for part in book.namelist():
            if part.startswith("xl/worksheets/"):
                sheet = book.read(part)
                checks.true("export xlsx", b"<f>" not in sheet and b"<f " not in sheet,
                            f"a formula in {part}")
        for name in names.values():
            # Shared strings are text, never formulas, and hold every character exactly.
            checks.true("export xlsx", present[name] > 0,
                        f"{name[:80]!r} not among the shared strings")


def check_drawings(checks, stakemap, work, map_file, actors, areas):
    names = {a["id"]: a["name"] for a in actors}
    out = work / "x.svg"
    run(stakemap, "render", map_file, "-o", out)
    root = ET.parse(out).getroot()
    drawn = "\n".join("".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text"))
    drawn = spaces(drawn)
    checks.true("render svg", not list(root.iter("{http://www.w3.org/2000/svg}script")),
                "a script element in the SVG")
    for name in names.values():
        # Drawn through Graphviz labels: controls replaced as in DOT (docs/cli.md).
        for word in spaces(control_free(name)).split(" "):
            checks.true("render svg", word.replace("\ufffd", "") in drawn.replace("\ufffd", ""),
                        f"{word[:80]!r} not drawn")

    out = work / "coverage.svg"
    run(stakemap, "render", map_file, "--view", "coverage", "-o", out)
    root = ET.parse(out).getroot()
    drawn = spaces(" ".join("".join(t.itertext())
                            for t in root.iter("{http://www.w3.org/2000/svg}text")))
    for area in areas:
        for word in spaces(control_free(area["name"])).split(" "):
            checks.true("render coverage svg", word.replace("\ufffd", "") in
                        drawn.replace("\ufffd", ""), f"{word[:80]!r} not drawn")

    # The DOT export and the drawing's DOT source, read back by Graphviz: every label drawn as
    # the name (line breaks as line breaks; controls as documented).
    for writer, arguments in (("export dot", ["export", map_file, "--to", "dot", "-o",
                                              work / "x.dot"]),
                              ("render dot", ["render", map_file, "-o", work / "r.dot"])):
        run(stakemap, *arguments)
        source = Path(arguments[-1]).read_bytes()
        svg = subprocess.run(["dot", "-Tsvg"], input=source, capture_output=True, check=True)
        root = ET.fromstring(svg.stdout)
        drawn = spaces(" ".join("".join(t.itertext())
                                for t in root.iter("{http://www.w3.org/2000/svg}text")))
        bare = drawn.replace("\ufffd", "")
        for name in names.values():
            for word in spaces(control_free(name)).split(" "):
                checks.true(writer, word.replace("\ufffd", "") in bare,
                            f"{word[:80]!r} not drawn by Graphviz")
        checks.true(writer, ">node" not in drawn and "stakemap" not in drawn.split(" ")[:1],
                    "a Graphviz escape expanded")


def check_report(checks, stakemap, work, map_file, actors):
    out = work / "report.html"
    run(stakemap, "report", map_file, "-o", out)
    parser = Text()
    parser.feed(out.read_text(encoding="utf-8"))
    checks.true("report html", parser.tags["script"] == 2,
                f"{parser.tags['script']} script elements, 2 expected")
    for script in parser.scripts:
        checks.true("report html", "</script" not in script.lower(), "a script closed early")
    data = json.loads(next(s for s in parser.scripts if s.lstrip().startswith("{")))

    def strings(value):
        if isinstance(value, dict):
            for child in value.values():
                yield from strings(child)
        elif isinstance(value, list):
            for child in value:
                yield from strings(child)
        elif isinstance(value, str):
            yield value

    in_data = set(strings(data))
    for actor in actors:
        checks.true("report html", actor["name"] in in_data,
                    f"{actor['id']}: name not in the page data")


def check_refused(checks, stakemap, work):
    # A text longer than the 32,767 characters of a spreadsheet cell: refused, not left out.
    path = work / "long-name.json"
    path.write_text(json.dumps({"format": "stakemap/1", "relations": [], "actors": [
        {"id": "a", "name": "x" * 40000}]}), encoding="utf-8")
    done = run(stakemap, "export", path, "--to", "xlsx", "-o", work / "long.xlsx", ok=False)
    checks.equal("xlsx cell too long refused", (done.returncode, (work / "long.xlsx").exists()),
                 (4, False), "40,000 characters")
    for i, bad in enumerate([b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80",
                             b"\xe2\x82", b"\xc0\xaf"]):
        path = work / f"invalid-{i}.json"
        path.write_bytes(b'{"format": "stakemap/1", "actors": [{"id": "a", "name": "x' + bad +
                         b'"}], "relations": []}')
        done = run(stakemap, "stats", path, ok=False)
        checks.equal("invalid UTF-8 refused", done.returncode, 3, repr(bad))


def main():
    started = time.monotonic()
    stakemap, work = sys.argv[1], Path(sys.argv[2])
    total = int(os.environ.get("STAKEMAP_ESCAPING_NAMES", "10000"))
    if "--names" in sys.argv:
        total = int(sys.argv[sys.argv.index("--names") + 1])
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    rng = random.Random(SEED)
    checks = Checks()
    maps = make_maps(total, rng)
    generated = sum(len(m["actors"]) + len(m["areas"]) for m in maps)
    for number, map_data in enumerate(maps):
        map_file = work / f"map{number}.json"
        map_file.write_text(json.dumps(map_data, ensure_ascii=False), encoding="utf-8")
        check_reading_outputs(checks, stakemap, work, map_file, map_data["actors"],
                              map_data["areas"])
        check_exports(checks, stakemap, work, map_file, map_data["actors"],
                      map_data["relations"])
    # Drawings and the report on a smaller map: Graphviz lays out every label.
    drawn_total = min(300, max(60, total // 30))
    small = make_maps(drawn_total, random.Random(SEED + 1), count=1)[0]
    for relation in small["relations"]:
        # The legend lists relation types in one HTML-like label, and Graphviz 2.43 cannot read
        # one longer than 16 kB back from a DOT file: the 10 kB names stay in actors and areas.
        relation["type"] = relation["type"][:300]
    drawn = len(small["actors"]) + len(small["areas"])
    small_file = work / "small.json"
    small_file.write_text(json.dumps(small, ensure_ascii=False), encoding="utf-8")
    check_drawings(checks, stakemap, work, small_file, small["actors"], small["areas"])
    check_report(checks, stakemap, work, small_file, small["actors"])
    check_refused(checks, stakemap, work)

    print(f"{generated} generated names in {len(maps)} maps for tables and files, {drawn} in one "
          f"map for drawings and the report (seed {SEED}); {time.monotonic() - started:.0f} s")
    for writer, count in sorted(checks.cases.items()):
        print(f"  {writer}: {count} cases")
    failures = [f for f in checks.failures if f is not None]
    if checks.failures:
        print(f"{len(checks.failures)} failures:", file=sys.stderr)
        for failure in failures:
            print("  " + failure, file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
