#!/usr/bin/python3
"""Exports maps with `stakemap export --anonymize` in every format and checks the bytes and the
structure.

Usage: anonymized_exports.py STAKEMAP WORKDIR MAP...

No actor name, short name, id, note, informant, tag, text attribute, relation id or note of the map
(read here on its own with Python's json module) may appear in the bytes of any output, written
as it is or escaped for XML or JSON; ids are looked for as whole tokens (an id like "urp" may be
part of a longer word). A text that is a word of stakemap's own vocabulary (data/vocab, e.g. the
short name "SAI" inside the kind label "Centro di accoglienza (SAI, CAS)") names no one and is not
looked for, nor is an id that is also a vocabulary word or an area id (the kind "urp", "anagrafe" in
"Servizi demografici (anagrafe)"). NetworkX (Graphviz's `dot -Tjson` for DOT, Python's json for
Kumu) must read the same number of relations and the same degree sequence, in map order, as the map
JSON gives.
"""

import html
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

try:
    import networkx as nx
except ImportError as error:  # bash scripts/setup.sh installs it
    print(f"skipped: {error}", file=sys.stderr)
    sys.exit(77)

FORMATS = [("graphml", ".graphml", []), ("gexf", ".gexf", []),
           ("gexf", "-13.gexf", ["--gexf-version", "1.3"]), ("node-link", ".json", []),
           ("pajek", ".net", []), ("kumu", ".kumu.json", []), ("dot", ".dot", [])]


def check(condition, what):
    if not condition:
        raise AssertionError(what)


def secrets(data):
    """The texts that could name someone, and the ids."""
    texts, ids = set(), set()
    for text in (data.get("title"), data.get("description")):
        if text:
            texts.add(text)
    for actor in data.get("actors", []):
        ids.add(actor["id"])
        texts.add(actor["name"])
        for field in ("short", "note"):
            if actor.get(field):
                texts.add(actor[field])
        texts.update(actor.get("tags", []))
        texts.update(v for v in actor.get("attributes", {}).values() if isinstance(v, str))
    for relation in data.get("relations", []):
        if relation.get("id"):
            ids.add(relation["id"])
        if relation.get("note"):
            texts.add(relation["note"])
        texts.update(relation.get("informants", []))
    for need in data.get("needs", []):
        if need.get("note"):
            texts.add(need["note"])
    return texts, ids


def token(word):
    return re.compile(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])")


def vocabulary_words():
    vocab = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data", "vocab")
    words = []
    for name in os.listdir(vocab):
        with open(os.path.join(vocab, name), encoding="utf-8") as f:
            for term in json.load(f):
                words.append(term["id"])
                words.extend(term.get("label", {}).values())
    return words


def forms(text):
    """The text as a writer may put it in a file: as is, XML-escaped, JSON-escaped, as a Pajek
    label, as a DOT string."""
    return {text, html.escape(text, quote=True), html.escape(text, quote=True).replace("&#x27;", "&apos;"),
            json.dumps(text)[1:-1], json.dumps(text, ensure_ascii=False)[1:-1],
            text.replace('"', "'").replace("\n", " "),
            text.replace("\\", "\\\\").replace('"', '\\"')}


def degrees(data):
    """Degree of each actor in map order, every relation counted (a loop never occurs)."""
    count = {a["id"]: 0 for a in data["actors"]}
    for r in data["relations"]:
        count[r["source"]] += 1
        count[r["target"]] += 1
    return [count[a["id"]] for a in data["actors"]]


def read(fmt, path):
    if fmt == "graphml":
        return nx.read_graphml(path)
    if fmt == "gexf":
        return nx.read_gexf(path)
    if fmt == "node-link":
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        try:
            return nx.node_link_graph(data, edges="links")
        except TypeError:
            return nx.node_link_graph(data)
    if fmt == "kumu":  # Kumu joins connections to elements by label
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        graph = nx.MultiGraph()
        graph.add_nodes_from(e["label"] for e in data["elements"])
        graph.add_edges_from((c["from"], c["to"]) for c in data["connections"])
        return graph
    if fmt == "dot":  # read by Graphviz itself
        data = json.loads(subprocess.run(["dot", "-Tjson", path], check=True,
                                         capture_output=True).stdout)
        graph = nx.MultiGraph()
        graph.add_nodes_from(o["_gvid"] for o in data.get("objects", []))
        graph.add_edges_from((e["tail"], e["head"]) for e in data.get("edges", []))
        return graph
    return nx.read_pajek(path)


def main():
    stakemap, work = sys.argv[1], sys.argv[2]
    os.makedirs(work, exist_ok=True)
    for map_path in sys.argv[3:]:
        with open(map_path, encoding="utf-8") as f:
            data = json.load(f)
        texts, ids = secrets(data)
        public = vocabulary_words()
        texts = {t for t in texts if not any(t in word for word in public)}
        # An actor id that is also a kind, service… id or an area id ("urp") is kept as that.
        ids -= {area["id"] for area in data.get("areas", [])}
        ids = {i for i in ids if not any(token(i).search(word) for word in public)}
        stem = os.path.join(work, os.path.basename(os.path.dirname(map_path)) + "-anonymized")
        expected_degrees = degrees(data)
        for fmt, suffix, extra in FORMATS:
            out = stem + suffix
            subprocess.run([stakemap, "export", map_path, "--to", fmt, "-o", out, "--anonymize",
                            "--lang", "it", "--no-bom", *extra], check=True)
            with open(out, "rb") as f:
                text = f.read().decode("utf-8")
            for secret in texts:
                for form in forms(secret):
                    check(form not in text, f"{out}: contains {form!r}")
            for secret in ids:
                check(token(secret).search(text) is None,
                      f"{out}: contains the id {secret!r}")
            if suffix == "-13.gexf":
                root = ET.parse(out).getroot()
                ns = {"g": "http://gexf.net/1.3"}
                check(len(root.findall(".//g:edge", ns)) == len(data["relations"]),
                      f"{out}: relations")
                continue
            graph = read(fmt, out)
            check(graph.number_of_edges() == len(data["relations"]), f"{out}: relations")
            check(graph.number_of_nodes() == len(data["actors"]), f"{out}: actors")
            nodes = list(graph.nodes)
            seen = [graph.degree(n) for n in nodes]
            check(seen == expected_degrees, f"{out}: degree sequence {seen} != {expected_degrees}")
        print(f"{map_path}: anonymized in every format")


if __name__ == "__main__":
    main()
