#!/usr/bin/python3
"""Exports maps with `stakemap export --to dot` and `--to kumu`, and reads them back: the DOT file
with Graphviz itself (`dot -Tjson`), the Kumu blueprint with Python's json module.

Usage: read_kumu_dot.py STAKEMAP WORKDIR MAP...

Every actor, relation and field of the map JSON (read here on its own) must come back: in DOT, the
node named by the actor id with its name as `label` and every other field as an attribute, one edge
per relation with every field; in Kumu, one element per actor with a unique label
(the name, followed by " (ID)" when names repeat) and one connection per relation joining the right
labels with the relation's direction.
"""

import html
import json
import os
import re
import shutil
import subprocess
import sys

ACTOR_FIELDS = {"short": "short_name", "kind": "kind", "level": "level", "area": "area",
                "serves": "serves", "services": "services", "languages": "languages",
                "capacity": "capacity", "power": "power", "interest": "interest",
                "legitimacy": "legitimacy", "urgency": "urgency", "access_point": "access_point",
                "tags": "tags", "note": "note"}
RELATION_FIELDS = {"id": "relation", "type": "type", "since": "since", "until": "until",
                   "formality": "formality", "confidence": "confidence",
                   "informants": "informants", "note": "note"}
GRAPHVIZ_NAMES = {"label", "width", "height", "pos", "name", "weight", "shape", "color", "dir"}


def check(condition, what):
    if not condition:
        raise AssertionError(what)


def as_text(value):
    """A field as DOT holds it: lists joined with "|", yes/no as true/false."""
    if isinstance(value, list):
        return "|".join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def same(seen, value, what):
    """A DOT string against the map's value: numbers compared as numbers."""
    expected = as_text(value)
    if isinstance(expected, (int, float)):
        check(float(seen) == float(expected), f"{what}: {seen!r} != {expected!r}")
    else:
        check(seen == expected, f"{what}: {seen!r} != {expected!r}")


def given(item, field):
    """A field of the map JSON, None when absent or empty (exports leave those out)."""
    value = item.get(field)
    return None if value in ([], "") else value


def undouble(text):
    """DOT strings hold every backslash doubled (as Graphviz reads labels)."""
    return text.replace("\\\\", "\\")


def drawn(label):
    """A label as Graphviz draws it: its escapes (a doubled backslash, a line break as \\n, \\l or
    \\r) and then its entities (`&amp;`) read."""
    text = re.sub(r"\\(.)", lambda m: "\n" if m.group(1) in "nlr" else m.group(1), label)
    return html.unescape(text)


def label_text(name):
    """A name as the DOT export writes it as a label (docs/cli.md, "Escaping"): tab and CR as
    spaces, other control characters as U+FFFD, line breaks kept."""
    return "".join(" " if c in "\t\r" else "\ufffd" if (ord(c) < 0x20 and c != "\n")
                   or 0x7F <= ord(c) <= 0x9F else c for c in name)


def check_dot(stakemap, map_path, out, data):
    actors, relations = data["actors"], data["relations"]
    default = data.get("directed", False)
    directed = default or any(r.get("directed", default) for r in relations)
    subprocess.run([stakemap, "export", map_path, "--to", "dot", "-o", out, "-q"], check=True)
    result = subprocess.run(["dot", "-Tjson", out], check=True, capture_output=True)
    check(result.stderr == b"", f"{out}: Graphviz warns: {result.stderr!r}")
    graph = json.loads(result.stdout)
    check(graph["directed"] == directed, f"{out}: directed")
    for field in ("title", "description", "date"):
        if data.get(field):
            check(undouble(graph.get(field, "")) == data[field], f"{out}: graph {field}")
    nodes = graph.get("objects", [])
    check([undouble(n["name"]) for n in nodes] == [a["id"] for a in actors], f"{out}: actor ids")
    for node, actor in zip(nodes, actors):
        what = f"{out}: actor {actor['id']!r}"
        check(drawn(node["label"]) == label_text(actor["name"]), f"{what}: name {node['label']!r}")
        for field, attribute in ACTOR_FIELDS.items():
            if field in actor and actor[field] not in ([], ""):
                same(undouble(node[attribute]), actor[field], f"{what}: {field}")
        for field, value in actor.get("attributes", {}).items():
            attribute = ("attribute." + field) if field in GRAPHVIZ_NAMES else field
            same(undouble(node[attribute]), value, f"{what}: attribute {field}")
    # Graphviz lists edges by tail actor: compare the multisets of (tail, head, fields).
    edges = graph.get("edges", [])
    check(len(edges) == len(relations), f"{out}: relations")
    index = {a["id"]: i for i, a in enumerate(actors)}
    numeric = {"weight", "confidence"}
    keys = set(RELATION_FIELDS.values()) | {"weight", "directed", "dir"}

    def value(key, text):
        return float(text) if key in numeric else undouble(text)

    seen = [(e["tail"], e["head"], sorted((k, value(k, v)) for k, v in e.items() if k in keys))
            for e in edges]
    expected = []
    for relation in relations:
        own = relation.get("directed", default)
        fields = {"weight": float(relation.get("weight", 1.0)),
                  "directed": "true" if own else "false"}
        if directed and not own:
            fields["dir"] = "none"
        for field, attribute in RELATION_FIELDS.items():
            if field in relation and relation[field] not in ([], ""):
                fields[attribute] = (float(relation[field]) if attribute in numeric
                                     else as_text(relation[field]))
        expected.append((index[relation["source"]], index[relation["target"]],
                         sorted(fields.items())))
    check(sorted(seen, key=repr) == sorted(expected, key=repr), f"{out}: relations differ")


def check_kumu(stakemap, map_path, out, data):
    actors, relations = data["actors"], data["relations"]
    default = data.get("directed", False)
    subprocess.run([stakemap, "export", map_path, "--to", "kumu", "-o", out, "-q", "--lang", "en"],
                   check=True)
    with open(out, encoding="utf-8") as f:
        blueprint = json.load(f)
    check(set(blueprint) == {"elements", "connections"}, f"{out}: keys")
    elements, connections = blueprint["elements"], blueprint["connections"]
    check(len(elements) == len(actors), f"{out}: actors")
    labels = [e["label"] for e in elements]
    check(len(set(labels)) == len(labels), f"{out}: labels are not unique")
    names = [a["name"] for a in actors]
    for element, actor in zip(elements, actors):
        what = f"{out}: actor {actor['id']!r}"
        expected = actor["name"]
        if names.count(actor["name"]) > 1:
            expected += f" ({actor['id']})"
        check(element["label"] == expected, f"{what}: label {element['label']!r}")
        check(element["actor_id"] == actor["id"], f"{what}: actor_id")
        check(("type" in element) == ("kind" in actor), f"{what}: type")
        check(element.get("description") == given(actor, "note"), f"{what}: description")
        check(element.get("tags") == given(actor, "tags"), f"{what}: tags")
        for field in ("power", "interest", "capacity", "services", "languages", "access_point"):
            check(element.get(field) == given(actor, field), f"{what}: {field}")
    check(len(connections) == len(relations), f"{out}: relations")
    by_id = {a["id"]: i for i, a in enumerate(actors)}
    for number, (connection, relation) in enumerate(zip(connections, relations)):
        what = f"{out}: relation {number + 1}"
        check(connection["from"] == labels[by_id[relation["source"]]], f"{what}: from")
        check(connection["to"] == labels[by_id[relation["target"]]], f"{what}: to")
        own = relation.get("directed", default)
        check(connection["direction"] == ("directed" if own else "undirected"), f"{what}: direction")
        check(connection["weight"] == relation.get("weight", 1.0), f"{what}: weight")
        check(("type" in connection) == ("type" in relation), f"{what}: type")
        check(connection.get("description") == given(relation, "note"), f"{what}: description")
        for field in ("since", "until", "confidence", "formality", "informants"):
            check(connection.get(field) == given(relation, field), f"{what}: {field}")


def main():
    stakemap, work = sys.argv[1], sys.argv[2]
    os.makedirs(work, exist_ok=True)
    if shutil.which("dot") is None:
        print("skipped: no Graphviz dot", file=sys.stderr)
        sys.exit(77)
    for map_path in sys.argv[3:]:
        with open(map_path, encoding="utf-8") as f:
            data = json.load(f)
        stem = os.path.join(work, os.path.splitext(os.path.basename(map_path))[0]
                            if "examples" not in map_path
                            else os.path.basename(os.path.dirname(map_path)))
        check_dot(stakemap, map_path, stem + ".dot", data)
        check_kumu(stakemap, map_path, stem + ".kumu.json", data)
        print(f"{map_path}: read back alike from DOT by Graphviz and from Kumu JSON")


if __name__ == "__main__":
    main()
