"""Stakemap map files for the reference scripts: writing them, and reading them back as NetworkX graphs.

`load(path)` builds the graphs of SPEC §2 (sum merge, no filters, default distance policy):

- G: nx.DiGraph when any relation is directed (a relation's `directed` defaults to the map's `directed`),
  and then each undirected relation becomes two arcs; nx.Graph otherwise. Relations of the same ordered
  pair (same unordered pair when G is undirected) are merged; the merged `weight` is the sum.
- U: nx.Graph, one edge per unordered pair sharing any relation, `weight` = sum of those relations'
  weights (a relation counts once, even an undirected one in a directed map).
- Every actor is a node of both, in the map's actor order, even when it has no relation; its
  `attributes` object becomes node attributes (for groupings such as "group").
"""

import json
from pathlib import Path

import networkx as nx

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
MAPS = HERE / "maps"


def write_map(name, title, actors, relations, directed=False):
    """Writes tests/reference/maps/NAME.json and returns its path.

    `actors` holds actor objects (dicts with at least "id" and "name") or bare ids, which become
    {"id": str(a), "name": "Actor a"}; `relations` holds relation objects as they go in the file."""
    actors = [a if isinstance(a, dict) else {"id": str(a), "name": f"Actor {a}"} for a in actors]
    data = {"format": "stakemap/1", "title": title, "directed": directed,
            "actors": actors, "relations": relations}
    path = MAPS / f"{name}.json"
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def load(path):
    """(data, G, U) of SPEC §2 for a stakemap map file (sum merge, no filters)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    default = data.get("directed", False)
    rels = data["relations"]
    directed = any(r.get("directed", default) for r in rels)
    G = nx.DiGraph() if directed else nx.Graph()
    U = nx.Graph()
    for a in data["actors"]:
        attributes = a.get("attributes", {})
        G.add_node(a["id"], **attributes)
        U.add_node(a["id"], **attributes)

    def add(graph, u, v, w):
        if graph.has_edge(u, v):
            graph[u][v]["weight"] += w
        else:
            graph.add_edge(u, v, weight=w)

    for r in rels:
        u, v, w = r["source"], r["target"], r.get("weight", 1)
        add(U, u, v, w)
        add(G, u, v, w)
        if directed and not r.get("directed", default):
            add(G, v, u, w)
    return data, G, U


def set_distance(G, attribute="dist"):
    """Stores the default (`--distance inverse`) length 1/weight of every edge of G in `attribute`."""
    for _, _, d in G.edges(data=True):
        d[attribute] = 1 / d["weight"]
    return G
