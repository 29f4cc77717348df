#!/usr/bin/python3
"""Reference values for `stakemap stats`, computed with NetworkX.

Writes a few reference graphs as stakemap maps (tests/reference/maps/) and, for those maps and the
bundled examples, the map-level figures NetworkX gives on the graphs defined by SPEC §2
(tests/reference/stats_reference.json). The stored values are committed, so the tests need neither
Python nor NetworkX. Run from anywhere with Debian's interpreter:

    /usr/bin/python3 tests/reference/generate_stats.py
"""

import json
import random

import networkx as nx

from stakemap_maps import HERE, ROOT, load, write_map


def reference_maps():
    paths = []
    karate = nx.karate_club_graph()
    paths.append(write_map("karate", "Zachary karate club", list(karate.nodes),
                           [{"source": str(u), "target": str(v)} for u, v in karate.edges]))
    flo = nx.florentine_families_graph()
    nodes = sorted(flo.nodes) + ["Pucci"]  # the isolated family of the original data
    paths.append(write_map("florentine", "Florentine families", nodes,
                           [{"source": u, "target": v} for u, v in sorted(flo.edges)]))
    rng = random.Random(7)
    relations = []
    for _ in range(70):
        u, v = rng.sample(range(25), 2)
        relations.append({"source": str(u), "target": str(v), "weight": rng.randint(1, 5),
                          "directed": True})
    relations.append({"source": "3", "target": "4", "weight": 2, "directed": True})  # parallel
    relations.append({"source": "5", "target": "6", "weight": 1, "directed": False})
    paths.append(write_map("random-directed", "Random directed, parallel relations, an isolate",
                           list(range(26)), relations, directed=True))
    # Two components and an isolate, undirected, weighted.
    relations = [{"source": "a", "target": "b", "weight": 2}, {"source": "b", "target": "c"},
                 {"source": "c", "target": "a"}, {"source": "c", "target": "d", "weight": 3},
                 {"source": "e", "target": "f"}, {"source": "f", "target": "g"},
                 {"source": "a", "target": "b", "weight": 1}]
    paths.append(write_map("disconnected", "Disconnected map", list("abcdefgh"), relations))
    return paths


def stats(path):
    data, G, U = load(path)
    n = G.number_of_nodes()
    components = list(nx.connected_components(U))
    largest = max(components, key=len)
    L = U.subgraph(largest)
    degrees = [d for _, d in U.degree()]
    out = {
        "actors": n,
        "relations": len(data["relations"]),
        "ties": G.number_of_edges(),
        "directed": G.is_directed(),
        "density": nx.density(G),
        "components": len(components),
        "isolates": nx.number_of_isolates(U),
        "largest_component": len(largest),
        "largest_component_share": len(largest) / n,
        "diameter": nx.diameter(L) if len(largest) > 1 else 0,
        "average_path_length": nx.average_shortest_path_length(L) if len(largest) > 1 else 0.0,
        "transitivity": nx.transitivity(U),
        # Freeman degree centralization on U.
        "degree_centralization": sum(max(degrees) - d for d in degrees) / ((n - 1) * (n - 2)),
    }
    if G.is_directed():
        out["strong_components"] = nx.number_strongly_connected_components(G)
        out["reciprocity"] = nx.reciprocity(G)
    return out


def main():
    paths = reference_maps()
    paths += sorted((ROOT / "examples").glob("*/map.json"))
    reference = {str(p.relative_to(ROOT)): stats(p) for p in paths}
    (HERE / "stats_reference.json").write_text(
        json.dumps({"generator": "tests/reference/generate_stats.py",
                    "networkx": nx.__version__, "maps": reference}, indent=1) + "\n")


if __name__ == "__main__":
    main()
