#!/usr/bin/python3
"""A relation's own attributes reach every reader of the exports: NetworkX reads them from GraphML,
GEXF and node-link JSON as edge attributes, typed; one whose name is taken by a field ("weight")
is renamed; --anonymize leaves out the text ones and keeps numbers and yes/no.

Usage: relation_attributes.py STAKEMAP WORKDIR
"""

import json
import subprocess
import sys
from pathlib import Path

try:
    import networkx as nx
except ImportError as error:  # bash scripts/setup.sh installs it
    print(f"skipped: {error}", file=sys.stderr)
    sys.exit(77)

STAKEMAP = sys.argv[1]
WORK = Path(sys.argv[2]) / "relation-attributes"
WORK.mkdir(parents=True, exist_ok=True)
MAP = {
    "format": "stakemap/1",
    "actors": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}, {"id": "c", "name": "C"}],
    "relations": [
        {"source": "a", "target": "b", "weight": 2,
         "attributes": {"funding": 12000, "verbal": True, "office": "via Po", "Weight": 7}},
        {"source": "b", "target": "c"},
    ],
}
(WORK / "map.json").write_text(json.dumps(MAP))
failures = []


def export(to, name, *extra):
    path = WORK / name
    subprocess.run([STAKEMAP, "export", str(WORK / "map.json"), "--to", to, "-o", str(path),
                    *extra], check=True)
    return path


def edge_of(graph):
    return next(data for s, t, data in graph.edges(data=True) if {s, t} == {"a", "b"})


readers = {
    "graphml": lambda path: nx.read_graphml(path),
    "gexf": lambda path: nx.read_gexf(path),
    "node-link": lambda path: nx.node_link_graph(json.loads(path.read_text())),
}
for to, read in readers.items():
    edge = edge_of(read(export(to, "map." + to)))
    # "Weight" equals the field "weight" up to case: renamed, the field keeps its value 2.
    expected = {"funding": 12000.0, "verbal": True, "office": "via Po", "attribute.Weight": 7.0}
    for key, value in expected.items():
        if edge.get(key) != value:
            failures.append(f"{to}: {key} = {edge.get(key)!r}, expected {value!r}")
    if float(edge.get("weight")) != 2.0:
        failures.append(f"{to}: weight = {edge.get('weight')!r}")
    graph = read(export(to, "anonymous." + to, "--anonymize"))
    edges = [data for _, _, data in graph.edges(data=True) if "funding" in data]
    if len(edges) != 1 or "office" in edges[0] or edges[0].get("verbal") is not True:
        failures.append(f"{to} --anonymize: {edges}")
if failures:
    sys.exit("\n".join(failures))
print("relation attributes: read back by NetworkX from GraphML, GEXF and node-link")
