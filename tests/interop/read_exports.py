#!/usr/bin/python3
"""Exports maps with `stakemap export` and reads them back with NetworkX and igraph.

Usage: read_exports.py STAKEMAP WORKDIR MAP...

For every map and format, the reader must see as many actors and relations as the map JSON (read
here on its own) has, the same weights, and the same values of a few fields. A map with any
directed relation must read as a directed graph whose edges carry their own direction.
"""

import datetime
import json
import os
import subprocess
import sys
from fractions import Fraction

try:
    import igraph
    import networkx as nx
except ImportError as error:  # bash scripts/setup.sh installs them
    print(f"skipped: {error}", file=sys.stderr)
    sys.exit(77)


def export(stakemap, map_path, to, out, *extra):
    subprocess.run([stakemap, "export", map_path, "--to", to, "-o", out, *extra], check=True)


def load(map_path):
    with open(map_path, encoding="utf-8") as f:
        data = json.load(f)
    actors = data.get("actors", [])
    relations = data.get("relations", [])
    default = data.get("directed", False)
    directed = [r.get("directed", default) for r in relations]
    return data, actors, relations, default or any(directed), directed


def joined(value):
    return "|".join(value) if isinstance(value, list) else value


def same_attribute(seen, value):
    """A map attribute as read back: typed, or as text when its column mixes types."""
    if seen == value:
        return True
    if isinstance(value, bool):
        return seen == ("true" if value else "false")
    if isinstance(value, (int, float)) and isinstance(seen, str):
        try:
            return float(seen) == float(value)
        except ValueError:
            return False
    return False


def check(condition, what):
    if not condition:
        raise AssertionError(what)


def check_networkx(graph, actors, relations, directed, own_direction, fmt):
    check(graph.number_of_nodes() == len(actors), f"{fmt}: actors")
    check(graph.number_of_edges() == len(relations), f"{fmt}: relations")
    check(graph.is_directed() == directed, f"{fmt}: directed graph")
    by_id = {a["id"]: a for a in actors}
    for node, values in graph.nodes(data=True):
        actor = by_id[node]
        name_key = "label" if fmt == "gexf" else "name"
        check(values.get(name_key) == actor["name"], f"{fmt}: name of {node}")
        for field in ("kind", "area", "power", "interest", "capacity"):
            if field in actor:
                check(values.get(field) == actor[field], f"{fmt}: {field} of {node}")
        for field in ("services", "languages", "tags"):
            if actor.get(field):
                seen = values.get(field)
                check(joined(seen) == joined(actor[field]), f"{fmt}: {field} of {node}")
        for field, value in actor.get("attributes", {}).items():
            check(same_attribute(values.get(field), value),
                  f"{fmt}: attribute {field} of {node}: {values.get(field)!r} != {value!r}")
        if "access_point" in actor:
            check(values.get("access_point") == actor["access_point"],
                  f"{fmt}: access_point of {node}")
    # Edges in file order; for parallel edges compare the multiset of (ends, weight, type, dates).
    expected = list(
        ((r["source"], r["target"]) if directed else tuple(sorted((r["source"], r["target"]))),
         float(r.get("weight", 1.0)), r.get("type"), r.get("since"), r.get("until"), own)
        for r, own in zip(relations, own_direction))
    # A few more fields, by relation id or by (ends, type) when unique.
    for r in relations:
        for u, v, values in graph.edges(data=True):
            if values.get("relation", None) is not None and values.get("relation") == r.get("id"):
                for field in ("confidence", "formality", "note"):
                    check(values.get(field) == r.get(field), f"{fmt}: {field} of {r['id']}")
                check(joined(values.get("informants")) == joined(r.get("informants")),
                      f"{fmt}: informants of {r['id']}")
    seen = []
    for u, v, values in graph.edges(data=True):
        ends = (u, v) if directed else tuple(sorted((u, v)))
        seen.append((ends, float(values.get("weight")), values.get("type"), values.get("since"),
                     values.get("until"), values.get("directed")))
    check(sorted(seen, key=repr) == sorted(expected, key=repr), f"{fmt}: relations differ")


def check_igraph_graphml(graph, actors, relations, directed):
    check(graph.vcount() == len(actors), "igraph graphml: actors")
    check(graph.ecount() == len(relations), "igraph graphml: relations")
    check(graph.is_directed() == directed, "igraph graphml: directed")
    check(graph.vs["id"] == [a["id"] for a in actors], "igraph graphml: ids")
    check(graph.vs["name"] == [a["name"] for a in actors], "igraph graphml: names")
    check(graph.es["weight"] == [float(r.get("weight", 1.0)) for r in relations],
          "igraph graphml: weights")
    index = {a["id"]: i for i, a in enumerate(actors)}
    ends = [(index[r["source"]], index[r["target"]]) for r in relations]
    seen = [e.tuple for e in graph.es]
    if not directed:
        ends = [tuple(sorted(e)) for e in ends]
        seen = [tuple(sorted(e)) for e in seen]
    check(seen == ends, "igraph graphml: ends")


def check_igraph_pajek(graph, actors, relations, directed):
    check(graph.vcount() == len(actors), "igraph pajek: actors")
    check(graph.ecount() == len(relations), "igraph pajek: relations")
    check(graph.is_directed() == directed, "igraph pajek: directed")
    labels = graph.vs["id"] if "id" in graph.vs.attributes() else graph.vs["name"]
    expected = [a["name"].replace('"', "'").replace("\t", " ").replace("\n", " ").replace("\r", " ")
                for a in actors]
    check(labels == expected, "igraph pajek: labels")
    check(graph.es["weight"] == [float(r.get("weight", 1.0)) for r in relations],
          "igraph pajek: weights")


def pagerank(graph):
    try:
        return nx.pagerank(graph, alpha=0.85, weight="weight", tol=1e-12, max_iter=10000)
    except ImportError:  # NetworkX 2.8 computes PageRank with SciPy; without it, its own Python
        from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python
        return _pagerank_python(graph, alpha=0.85, weight="weight", tol=1e-12, max_iter=10000)


def analysis_graph(read):
    """The graph of SPEC §2 built from the graph NetworkX read: parallel edges merged by summing
    their weights, an undirected relation of a directed map as two arcs, dist = 1/weight."""
    graph = nx.DiGraph() if read.is_directed() else nx.Graph()
    graph.add_nodes_from(read.nodes)
    for u, v, values in read.edges(data=True):
        arcs = [(u, v)]
        if read.is_directed() and values.get("directed") is False:
            arcs.append((v, u))
        for a, b in arcs:
            weight = float(values["weight"])
            if graph.has_edge(a, b):
                graph[a][b]["weight"] += weight
            else:
                graph.add_edge(a, b, weight=weight)
    # Exact lengths, as tests/reference/generate.py: with float lengths NetworkX compares path
    # lengths exactly, so 1/2 + 1/3 + 1/6 and 1 differ and rounding decides shortest-path ties;
    # stakemap compares them with a relative tolerance, which gives the exact-arithmetic answer.
    for _, _, values in graph.edges(data=True):
        values["dist"] = 1 / Fraction(repr(values["weight"]))
    return graph


def exact(values):
    return {node: float(value) for node, value in values.items()}


def close(a, b):
    return abs(a - b) <= 1e-9 * max(1.0, abs(b))


def check_measures(stakemap, map_path, stem, actors, relations):
    """--with-measures: the measures of every actor, read back from GEXF by NetworkX, equal
    NetworkX's own computation on the graph it read (SPEC §3)."""
    export(stakemap, map_path, "gexf", stem + "-measures.gexf", "--with-measures")
    read = nx.read_gexf(stem + "-measures.gexf")
    check(read.number_of_nodes() == len(actors), "measures: actors")
    check(read.number_of_edges() == len(relations), "measures: relations")
    graph = analysis_graph(read)
    # U: the relations merged per unordered pair, weight = the sum of theirs.
    undirected = nx.Graph()
    undirected.add_nodes_from(read.nodes)
    for u, v, values in read.edges(data=True):
        if undirected.has_edge(u, v):
            undirected[u][v]["weight"] += float(values["weight"])
        else:
            undirected.add_edge(u, v, weight=float(values["weight"]))
    expected = {
        "degree": dict(graph.degree()),
        "strength": dict(graph.degree(weight="weight")),
        "neighbours": dict(undirected.degree()),
        "betweenness": exact(nx.betweenness_centrality(graph, weight="dist", normalized=True)),
        "closeness": exact(nx.closeness_centrality(graph, distance="dist")),
        "harmonic": exact(nx.harmonic_centrality(graph, distance="dist")),
        "pagerank": pagerank(graph),
        "coreness": nx.core_number(undirected),
        "clustering": nx.clustering(undirected),
    }
    if graph.is_directed():
        expected["in_degree"] = dict(graph.in_degree())
        expected["out_degree"] = dict(graph.out_degree())
    burt = {"constraint": nx.constraint(undirected, weight="weight"),
            "effective_size": nx.effective_size(undirected, weight="weight")}
    for node, values in read.nodes(data=True):
        for measure, reference in expected.items():
            seen = values.get(measure)
            check(isinstance(seen, float), f"measures: {measure} of {node} is {seen!r}")
            check(close(seen, reference[node]),
                  f"measures: {measure} of {node}: {seen!r} != {reference[node]!r}")
        # Burt's measures are left out for isolated actors, where NetworkX gives NaN.
        for measure, reference in burt.items():
            if undirected.degree(node) == 0:
                check(measure not in values, f"measures: {measure} of {node}")
            else:
                check(close(values.get(measure), reference[node]),
                      f"measures: {measure} of {node}: {values.get(measure)!r} != {reference[node]!r}")
        check("eigenvector" in values, f"measures: eigenvector of {node}")
    # The weights as read are the relations' own.
    check(sorted(float(v["weight"]) for _, _, v in read.edges(data=True)) ==
          sorted(float(r.get("weight", 1.0)) for r in relations), "measures: weights")


# The colours `stakemap render` gives each sector (Okabe–Ito), as RGB; grey without a sector.
SECTOR_RGB = {"institution": (0, 114, 178), "civil_society": (230, 159, 0),
              "community": (0, 158, 115), "bridge": (204, 121, 167), "private": (240, 228, 66),
              "": (187, 187, 187)}


def sectors(data):
    """Each actor's sector through its kind: the map's own kinds over data/vocab/kinds.json."""
    vocab = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data", "vocab",
                         "kinds.json")
    with open(vocab, encoding="utf-8") as f:
        kind_sector = {k["id"]: k.get("sector") or "" for k in json.load(f)}
    for kind in data.get("kinds", []):
        if "sector" in kind:
            kind_sector[kind["id"]] = kind["sector"] or ""
    return {a["id"]: kind_sector.get(a.get("kind", "actor"), "") for a in data["actors"]}


def check_gexf_looks(path, data, relations):
    """viz:color by sector and viz:size by betweenness as `stakemap render --size-by betweenness`
    draws them (node width 0.5 + 1.1·√(b / largest) inches, here in tenths of an inch), and the
    relations' dates as spells, read by NetworkX."""
    read = nx.read_gexf(path)
    dated = any("since" in r or "until" in r for r in relations)
    check(read.graph["mode"] == ("dynamic" if dated else "static"), f"{path}: mode")
    graph = analysis_graph(read)
    betweenness = exact(nx.betweenness_centrality(graph, weight="dist", normalized=True))
    largest = max(betweenness.values(), default=0.0)
    sector = sectors(data)
    for node, viz in read.nodes(data="viz"):
        r, g, b = SECTOR_RGB[sector[node]]
        check(viz["color"] == {"r": r, "g": g, "b": b, "a": 1.0}, f"{path}: colour of {node}")
        size = 10 * (0.5 + 1.1 * (betweenness[node] / largest) ** 0.5) if largest > 0 else 5.0
        check(close(viz["size"], size), f"{path}: size of {node}: {viz['size']} != {size}")
    # Spells are closed intervals: a relation not in force on its `until` date ends the day before.
    # An open side reads as the text "None" in NetworkX 2.8.
    def last_day(until):
        return (datetime.date.fromisoformat(until) - datetime.timedelta(days=1)).isoformat()

    expected = sorted(((r.get("since", "None"), last_day(r["until"]) if "until" in r else "None")
                       if ("since" in r or "until" in r) else None for r in relations), key=repr)
    seen = sorted((s[0] if s else None for _, _, s in read.edges(data="spells")), key=repr)
    check(seen == expected, f"{path}: spells")


def main():
    stakemap, work = sys.argv[1], sys.argv[2]
    os.makedirs(work, exist_ok=True)
    for map_path in sys.argv[3:]:
        _, actors, relations, directed, own = load(map_path)
        stem = os.path.join(work, os.path.basename(os.path.dirname(map_path)) or "map")
        # GraphML
        export(stakemap, map_path, "graphml", stem + ".graphml")
        check_networkx(nx.read_graphml(stem + ".graphml"), actors, relations, directed, own,
                       "graphml")
        check_igraph_graphml(igraph.Graph.Read_GraphML(stem + ".graphml"), actors, relations,
                             directed)
        # GEXF, both versions: NetworkX reads 1.2draft; 1.3 is checked to be well-formed XML with
        # the same edges, since NetworkX 2.8 has no reader for it.
        export(stakemap, map_path, "gexf", stem + ".gexf")
        check_networkx(nx.read_gexf(stem + ".gexf"), actors, relations, directed, own, "gexf")
        export(stakemap, map_path, "gexf", stem + "-13.gexf", "--gexf-version", "1.3")
        import xml.etree.ElementTree as ET
        root = ET.parse(stem + "-13.gexf").getroot()
        check(root.get("version") == "1.3", "gexf 1.3: version")
        ns = {"g": "http://gexf.net/1.3"}
        check(len(root.findall(".//g:node", ns)) == len(actors), "gexf 1.3: actors")
        check(len(root.findall(".//g:edge", ns)) == len(relations), "gexf 1.3: relations")
        viz = {"v": "http://gexf.net/1.3/viz"}
        check(len(root.findall(".//g:node/v:color", {**ns, **viz})) == len(actors),
              "gexf 1.3: colours")
        check(len(root.findall(".//g:edge/g:spells/g:spell", ns)) ==
              sum(1 for r in relations if "since" in r or "until" in r), "gexf 1.3: spells")
        # Node-link JSON (the NetworkX 2.8 layout, with "links")
        export(stakemap, map_path, "node-link", stem + ".json")
        with open(stem + ".json", encoding="utf-8") as f:
            data = json.load(f)
        try:
            graph = nx.node_link_graph(data, edges="links")
        except TypeError:  # NetworkX before 3.4 has no `edges` argument and reads "links"
            graph = nx.node_link_graph(data)
        check_networkx(graph, actors, relations, directed, own, "node-link")
        # Pajek: igraph 0.10 refuses the UTF-8 BOM Pajek needs, so it reads the --no-bom file;
        # the default file must be the same bytes after its BOM.
        export(stakemap, map_path, "pajek", stem + ".net")
        export(stakemap, map_path, "pajek", stem + "-no-bom.net", "--no-bom")
        with open(stem + ".net", "rb") as f, open(stem + "-no-bom.net", "rb") as g:
            check(f.read() == b"\xef\xbb\xbf" + g.read(), "pajek: BOM")
        check_igraph_pajek(igraph.Graph.Read_Pajek(stem + "-no-bom.net"), actors, relations,
                           directed)
        check_measures(stakemap, map_path, stem, actors, relations)
        with open(map_path, encoding="utf-8") as f:
            check_gexf_looks(stem + ".gexf", json.load(f), relations)
        print(f"{map_path}: {len(actors)} actors, {len(relations)} relations: read back alike")


if __name__ == "__main__":
    main()
