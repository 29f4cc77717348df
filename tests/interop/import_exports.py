#!/usr/bin/python3
"""`stakemap import` reads back GraphML, GEXF and node-link JSON.

Usage: import_exports.py STAKEMAP WORKDIR MAP...

1. Every map exported to graphml, gexf (1.2draft and 1.3) and node-link imports back into the same
   map: the fields are compared here, map JSON against map JSON read with Python's json module, the
   defaults of the format filled in (what the exchange formats cannot carry is said below).
2. Files written by NetworkX (write_graphml, write_gexf in 1.1draft and 1.2draft, node_link_data)
   and igraph (write_graphml) import with the actors, relations, weights and attributes NetworkX
   and igraph themselves report for the graph.
3. Hostile XML (a DOCTYPE with an internal entity, "billion laughs", an external SYSTEM entity) is
   refused with exit 3 and nothing written; malformed XML is reported at the line and column
   Python's expat parser reports; a stakemap map given to import is said to be one already.
"""

import json
import os
import subprocess
import sys
import xml.parsers.expat

try:
    import igraph
    import networkx as nx
except ImportError as error:  # bash scripts/setup.sh installs them
    print(f"skipped: {error}", file=sys.stderr)
    sys.exit(77)

STAKEMAP = sys.argv[1]
WORK = sys.argv[2]
failures = []


def run(*arguments):
    return subprocess.run([STAKEMAP, *arguments], capture_output=True, text=True,
                          env={"LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin"})


def imported(path, out=None):
    """The map JSON imported from `path`, and stakemap's stderr."""
    out = out or path + ".map.json"
    if os.path.exists(out):
        os.remove(out)
    done = run("import", path, "-o", out)
    if done.returncode != 0:
        failures.append(f"import {path}: exit {done.returncode}\n{done.stderr}")
        return None, done.stderr
    with open(out, encoding="utf-8") as f:
        return json.load(f), done.stderr


def check(condition, message):
    if not condition:
        failures.append(message)


# ---- 1. Round trips ------------------------------------------------------------------------------

ACTOR_DEFAULTS = {"short_name": None, "kind": None, "level": None, "area": None, "serves": None,
                  "services": [], "languages": [], "capacity": None, "power": None,
                  "interest": None, "legitimacy": None, "urgency": None, "access_point": None,
                  "tags": [], "note": "", "attributes": {}}
RELATION_DEFAULTS = {"id": None, "type": None, "weight": 1, "since": None, "until": None,
                     "formality": None, "confidence": None, "informants": [], "note": ""}


def as_text(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value == int(value):
        return str(int(value))
    return str(value)


def expected_attributes(actors):
    """The attributes each actor gets back: one type per attribute name, so a name given as a
    number by one actor and as text by another comes back as text for every actor."""
    types = {}
    for actor in actors:
        for name, value in actor.get("attributes", {}).items():
            kind = bool if isinstance(value, bool) else str if isinstance(value, str) else float
            types.setdefault(name, set()).add(kind)
    out = []
    for actor in actors:
        values = {}
        for name, value in actor.get("attributes", {}).items():
            values[name] = as_text(value) if len(types[name]) > 1 else value
        out.append(values)
    return out


def round_trip(map_path, name):
    with open(map_path, encoding="utf-8") as f:
        original = json.load(f)
    actors = original.get("actors", [])
    relations = original.get("relations", [])
    default = original.get("directed", False)
    attributes = expected_attributes(actors)
    # Areas: the formats carry none, so the import makes one per area id the actors name.
    area_ids = []
    for actor in actors:
        serves = actor.get("serves")
        for area in ([actor["area"]] if "area" in actor else []) + (
                serves if isinstance(serves, list) else []):
            if area not in area_ids:
                area_ids.append(area)
    for to, extension, extra in (("graphml", "graphml", []), ("gexf", "gexf", []),
                                 ("gexf", "gexf", ["--gexf-version", "1.3"]),
                                 ("node-link", "json", [])):
        label = f"{name} {to} {' '.join(extra)}".strip()
        path = os.path.join(WORK, f"{name}-{to}{'-'.join([''] + extra[1:])}.{extension}")
        done = run("export", map_path, "--to", to, "-o", path, *extra)
        if done.returncode != 0:
            failures.append(f"{label}: export failed: {done.stderr}")
            continue
        back, _ = imported(path)
        if back is None:
            continue
        check(len(back["actors"]) == len(actors),
              f"{label}: {len(back['actors'])} actors, not {len(actors)}")
        check(len(back["relations"]) == len(relations),
              f"{label}: {len(back['relations'])} relations, not {len(relations)}")
        for a, b, attrs in zip(back["actors"], actors, attributes):
            check(a["id"] == b["id"] and a["name"] == b["name"],
                  f"{label}: actor {b['id']}: id or name {a['id']!r} {a['name']!r}")
            for field, missing in ACTOR_DEFAULTS.items():
                if field == "attributes":
                    check(a.get(field, {}) == attrs,
                          f"{label}: actor {b['id']}: attributes {a.get(field)!r} != {attrs!r}")
                    continue
                check(a.get(field, missing) == b.get(field, missing),
                      f"{label}: actor {b['id']}: {field} {a.get(field)!r} != {b.get(field)!r}")
        mine_default = back.get("directed", False)
        for a, b in zip(back["relations"], relations):
            where = f"{label}: relation {b['source']}-{b['target']}"
            check((a["source"], a["target"]) == (b["source"], b["target"]), f"{where}: ends")
            check(a.get("directed", mine_default) == b.get("directed", default),
                  f"{where}: direction")
            for field, missing in RELATION_DEFAULTS.items():
                check(a.get(field, missing) == b.get(field, missing),
                      f"{where}: {field} {a.get(field)!r} != {b.get(field)!r}")
        check(back.get("title", "") == original.get("title", ""), f"{label}: title")
        check(back.get("description", "") == original.get("description", ""),
              f"{label}: description")
        if to != "gexf":  # GEXF's meta has no date
            check(back.get("date") == original.get("date"), f"{label}: date")
        check([area["id"] for area in back.get("areas", [])] == area_ids,
              f"{label}: areas {[area['id'] for area in back.get('areas', [])]} != {area_ids}")


# ---- 2. Files NetworkX and igraph write ----------------------------------------------------------


def edge_multiset(relations):
    return sorted((min(r["source"], r["target"]), max(r["source"], r["target"]),
                   r.get("weight", 1)) for r in relations)


def karate():
    graph = nx.karate_club_graph()
    # NetworkX's own count and weights (34 members, 78 friendships; weights 1 to 7).
    expected_edges = sorted((min(str(u), str(v)), max(str(u), str(v)), d["weight"])
                            for u, v, d in graph.edges(data=True))
    paths = []
    path = os.path.join(WORK, "karate.graphml")
    nx.write_graphml(graph, path)
    paths.append(path)
    for version in ("1.1draft", "1.2draft"):
        path = os.path.join(WORK, f"karate-{version}.gexf")
        nx.write_gexf(graph, path, version=version)
        paths.append(path)
    path = os.path.join(WORK, "karate-node-link.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(nx.node_link_data(graph), f)
    paths.append(path)
    for path in paths:
        back, _ = imported(path)
        if back is None:
            continue
        label = os.path.basename(path)
        check(len(back["actors"]) == graph.number_of_nodes() == 34, f"{label}: actor count")
        check(len(back["relations"]) == graph.number_of_edges() == 78, f"{label}: relation count")
        check(not back.get("directed", False), f"{label}: directed")
        check(edge_multiset(back["relations"]) == expected_edges, f"{label}: weights")
        for actor in back["actors"]:
            club = graph.nodes[int(actor["id"])]["club"]
            check(actor.get("attributes", {}).get("club") == club,
                  f"{label}: actor {actor['id']}: club {actor.get('attributes')} != {club}")
        check(back.get("title") == graph.graph.get("name", ""), f"{label}: title")


def multidigraph():
    graph = nx.MultiDiGraph()
    graph.add_node("a", name="Caritas", power=4)
    graph.add_node("b", label="Comune")
    graph.add_node("c")
    graph.add_edge("a", "b", weight=2.0, type="funding")
    graph.add_edge("a", "b", weight=3.5, type="funding")
    graph.add_edge("b", "a", weight=1.0)
    graph.add_edge("b", "c", weight=0.5, color="red")
    expected = sorted((u, v, d["weight"]) for u, v, d in graph.edges(data=True))
    paths = []
    path = os.path.join(WORK, "multi.graphml")
    nx.write_graphml(graph, path)
    paths.append(path)
    path = os.path.join(WORK, "multi.gexf")
    nx.write_gexf(graph, path)
    paths.append(path)
    path = os.path.join(WORK, "multi-node-link.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(nx.node_link_data(graph), f)
    paths.append(path)
    for path in paths:
        back, stderr = imported(path)
        if back is None:
            continue
        label = os.path.basename(path)
        check(back.get("directed") is True, f"{label}: not directed")
        check(len(back["relations"]) == graph.number_of_edges() == 4, f"{label}: relation count")
        got = sorted((r["source"], r["target"], r.get("weight", 1)) for r in back["relations"])
        check(got == expected, f"{label}: edges {got} != {expected}")
        check(all(r.get("directed", True) for r in back["relations"]), f"{label}: edge direction")
        names = {a["id"]: a["name"] for a in back["actors"]}
        # write_gexf uses "label" for the node label, and the name is an attribute called "name".
        check(names["a"] == "Caritas" and names["c"] == "c", f"{label}: names {names}")
        power = [a.get("power") for a in back["actors"] if a["id"] == "a"]
        check(power == [4], f"{label}: power {power}")
        colours = [r.get("attributes", {}).get("color") for r in back["relations"]
                   if (r["source"], r["target"]) == ("b", "c")]
        check(colours == ["red"], f"{label}: the edge attribute color {colours}")


def igraph_graphml():
    graph = igraph.Graph([(0, 1), (1, 2), (0, 2), (0, 1)], directed=False)
    graph.vs["name"] = ["Caritas", "Comune di Prato", "ASL"]
    graph.vs["size"] = [1.5, 2.0, 3.25]
    graph.es["weight"] = [1.0, 2.5, 4.0, 0.5]
    path = os.path.join(WORK, "igraph.graphml")
    graph.write_graphml(path)
    back, _ = imported(path)
    if back is None:
        return
    check(len(back["actors"]) == graph.vcount() == 3, "igraph: actor count")
    check(len(back["relations"]) == graph.ecount() == 4, "igraph: relation count")
    check([a["name"] for a in back["actors"]] == graph.vs["name"], "igraph: names")
    check([a["attributes"]["size"] for a in back["actors"]] == graph.vs["size"], "igraph: size")
    check([r.get("weight", 1) for r in back["relations"]] == graph.es["weight"], "igraph: weights")


# ---- 3. Hostile and malformed XML ---------------------------------------------------------------

HOSTILE = {
    "internal-entity": """<?xml version="1.0"?>
<!DOCTYPE graphml [<!ENTITY who "Caritas">]>
<graphml><graph edgedefault="undirected"><node id="a"/></graph></graphml>
""",
    "billion-laughs": """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<graphml><key id="d0" for="node" attr.name="name" attr.type="string"/>
<graph edgedefault="undirected"><node id="a"><data key="d0">&lol4;</data></node></graph></graphml>
""",
    "external-entity": """<?xml version="1.0"?>
<!DOCTYPE gexf [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2"><graph><nodes>
<node id="a" label="&secret;"/></nodes></graph></gexf>
""",
}


def hostile():
    for name, text in HOSTILE.items():
        for extension in ("graphml", "gexf"):
            path = os.path.join(WORK, f"hostile-{name}.{extension}")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            out = path + ".map.json"
            if os.path.exists(out):
                os.remove(out)
            done = run("import", path, "-o", out)
            check(done.returncode == 3, f"{name}.{extension}: exit {done.returncode}, not 3")
            check(not os.path.exists(out), f"{name}.{extension}: a map was written")
            # The declaration is on line 2, column 1.
            check(f"{path}:2:1:" in done.stderr and "DOCTYPE" in done.stderr,
                  f"{name}.{extension}: {done.stderr}")


def malformed():
    text = ('<?xml version="1.0"?>\n<graphml>\n  <graph edgedefault="undirected">\n'
            '    <node id="a">\n  </graph>\n</graphml>\n')
    path = os.path.join(WORK, "malformed.graphml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    parser = xml.parsers.expat.ParserCreate()
    try:
        parser.Parse(text, True)
        failures.append("malformed: expat read it")
        return
    except xml.parsers.expat.ExpatError as error:
        line = error.lineno  # 5: "</graph>" closes <node>
    out = path + ".map.json"
    done = run("import", path, "-o", out)
    check(done.returncode == 3 and not os.path.exists(out), f"malformed: exit {done.returncode}")
    # Line 5 as expat says; pugixml points at the name in "</graph>", column 5 (worked out by hand).
    check(f"{path}:{line}:5: not well-formed XML" in done.stderr, f"malformed: {done.stderr}")


def already_a_map(map_path):
    done = run("import", map_path, "-o", os.path.join(WORK, "again.json"))
    check(done.returncode == 3 and "already a stakemap map" in done.stderr,
          f"a map given to import: exit {done.returncode}: {done.stderr}")


def main():
    os.makedirs(WORK, exist_ok=True)
    for map_path in sys.argv[3:]:
        round_trip(map_path, os.path.basename(os.path.dirname(map_path)) + "-"
                   + os.path.splitext(os.path.basename(map_path))[0])
    karate()
    multidigraph()
    igraph_graphml()
    hostile()
    malformed()
    already_a_map(sys.argv[3])
    if failures:
        print("\n".join(failures[:60]), file=sys.stderr)
        print(f"{len(failures)} failures", file=sys.stderr)
        sys.exit(1)
    print("import of exchange formats: round trips, NetworkX, igraph and hostile XML all good")


main()
