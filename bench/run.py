#!/usr/bin/python3
"""stakemap benchmark: stakemap against python-igraph and NetworkX on the same map files (SPEC §6).

    /usr/bin/python3 bench/run.py                  full benchmark, writes docs/performance.md
    /usr/bin/python3 bench/run.py --smoke          jazz + the 1k map, one run, NetworkX cap 20 s;
                                                   writes a temporary file (or --output FILE) and
                                                   exits non-zero when a command or a check fails

Inputs are written to bench/work/ (git-ignored) the first time and reused afterwards (they are
deterministic: the METIS graphs of ../shared/data/graphs/ converted to maps, and territorial maps drawn
from a seeded degree-corrected stochastic block model). See bench/README.md.

The same file is also the worker that times igraph and NetworkX: `run.py --worker TOOL --task TASK
--map FILE --result FILE --started FILE` loads the map (untimed, except for the `load` task), touches
the --started file, runs the task once and writes its time and values as JSON. Every run of every tool
is a fresh process, so peak RSS is per run.
"""

import argparse
import bisect
import datetime
import json
import math
import os
import platform
import random
import resource
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / "work"
GRAPHS = (ROOT.parent / "shared" / "data" / "graphs").resolve()
DEFAULT_STAKEMAP = ROOT / "build" / "release" / "stakemap"
DOC = ROOT / "docs" / "performance.md"
GENERATOR_VERSION = 3  # bump when a generator changes: maps are rewritten

TOL = 1e-9          # agreement threshold (relative) for per-actor measures
Q_TOL = 0.01        # Louvain: flagged when stakemap's modularity is more than 1% below igraph's (SPEC §3)

# --------------------------------------------------------------------------------------------------
# Inputs


def write_map(path, title, actors, relations, areas=None, kinds=None, description=""):
    """Writes a stakemap/1 map with one actor / relation per line (valid JSON, readable line numbers)."""
    tmp = path.with_suffix(".tmp")
    dump = lambda o: json.dumps(o, ensure_ascii=False, separators=(", ", ": "))
    with open(tmp, "w", encoding="utf-8") as f:
        f.write('{"format": "stakemap/1", "title": %s, "description": %s, "directed": false,\n'
                % (dump(title), dump(description)))
        for key, items in (("areas", areas), ("kinds", kinds)):
            if items:
                f.write(' "%s": [\n  ' % key)
                f.write(",\n  ".join(dump(a) for a in items))
                f.write("\n ],\n")
        f.write(' "actors": [\n  ')
        f.write(",\n  ".join(dump(a) for a in actors))
        f.write('\n ],\n "relations": [\n  ')
        f.write(",\n  ".join(dump(r) for r in relations))
        f.write("\n ]\n}\n")
    os.replace(tmp, path)


def metis_to_map(src, dst):
    """METIS (1-based adjacency lists, undirected, unweighted) → map with actor ids "1".."n"."""
    with open(src) as f:
        lines = [l for l in f.read().split("\n") if not l.startswith("%")]
    n, m = (int(x) for x in lines[0].split()[:2])
    relations = []
    for u in range(1, n + 1):
        for tok in lines[u].split():
            v = int(tok)
            if u < v:
                relations.append({"source": str(u), "target": str(v)})
    if len(relations) != m:
        raise SystemExit(f"{src}: header says {m} edges, adjacency lists give {len(relations)}")
    actors = [{"id": str(i), "name": str(i)} for i in range(1, n + 1)]
    write_map(dst, f"{src.stem} (METIS graph, {n} nodes, {m} edges)", actors, relations,
              description=f"Converted by bench/run.py from {src.name} (undirected, unweighted).")


KINDS = [  # (kind, relative frequency); sectors come from stakemap's default vocabulary
    ("association", 14), ("third_sector_coop", 10), ("social_service", 8), ("help_desk", 6),
    ("school", 8), ("health_service", 6), ("migrant_association", 9), ("religious_group", 6),
    ("community_group", 6), ("employer", 7), ("trade_union", 3), ("municipality", 2),
    ("cultural_mediator", 5), ("adult_education", 3), ("reception_centre", 3), ("employment_centre", 2),
    ("bench_bridge_desk", 2)]
SERVICES = ["information", "legal_permits", "registry", "italian_courses", "cultural_mediation",
            "housing", "employment", "vocational_training", "health_orientation", "school_enrolment",
            "social_assistance", "minors", "asylum_reception", "participation"]
LEVELS = ["neighbourhood", "district", "municipal"]
LANGS = ["ar", "ro", "sq", "zh", "uk", "es", "tl", "bn", "ur", "fr", "en", "wo"]
TYPES = ["information", "referral", "collaboration", "coordination", "funding", "membership",
         "mediation"]


def territorial_map(dst, n, m, seed, directed_share, title):
    """A seeded degree-corrected stochastic block model with areas.

    Blocks are areas (sizes vary ±50%); each actor has an activity drawn from a Pareto law (hubs).
    Each of the m relations picks its source by activity, then its target by activity inside the
    source's area with probability 0.85, anywhere otherwise; an existing pair is redrawn, except for
    2% of the relations which deliberately repeat a pair with another type (parallel relations, merged
    by the analysis). Weights are integers 1-5; a share `directed_share` of relations is directed."""
    rng = random.Random(seed)
    k = max(4, n // 250)
    areas = [{"id": "territory", "name": "Territorio"}]
    areas += [{"id": f"area-{a + 1:04d}", "name": f"Area {a + 1}", "parent": "territory",
               "population": rng.randint(2000, 40000)} for a in range(k)]
    size_w = [rng.uniform(0.5, 1.5) for _ in range(k)]
    cum = list(_accumulate(size_w))
    kind_names = [x for x, _ in KINDS]
    kind_cum = list(_accumulate([w for _, w in KINDS]))
    actors, area_of, activity = [], [], []
    for i in range(n):
        a = bisect.bisect_right(cum, rng.random() * cum[-1])
        a = min(a, k - 1)
        kind = kind_names[min(bisect.bisect_right(kind_cum, rng.random() * kind_cum[-1]), len(KINDS) - 1)]
        actor = {"id": f"a{i + 1:06d}", "name": f"Attore {i + 1}", "kind": kind,
                 "level": LEVELS[rng.randrange(3)], "area": areas[a + 1]["id"],
                 "services": rng.sample(SERVICES, rng.randint(1, 3))}
        if rng.random() < 0.25:
            actor["languages"] = rng.sample(LANGS, rng.randint(1, 3))
        if rng.random() < 0.3:
            actor["power"], actor["interest"] = rng.randint(1, 5), rng.randint(1, 5)
        actors.append(actor)
        area_of.append(a)
        activity.append(rng.paretovariate(2.5))
    members = [[] for _ in range(k)]
    for i, a in enumerate(area_of):
        members[a].append(i)
    member_cum = [list(_accumulate([activity[i] for i in mem])) for mem in members]
    all_cum = list(_accumulate(activity))

    def pick(cumw, items=None):
        j = min(bisect.bisect_right(cumw, rng.random() * cumw[-1]), len(cumw) - 1)
        return items[j] if items is not None else j

    pairs = set()
    relations = []
    while len(relations) < m:
        u = pick(all_cum)
        a = area_of[u]
        if rng.random() < 0.85 and len(members[a]) > 1:
            v = pick(member_cum[a], members[a])
        else:
            v = pick(all_cum)
        if u == v:
            continue
        key = (u, v) if u < v else (v, u)
        if key in pairs and rng.random() >= 0.02:
            continue
        pairs.add(key)
        directed = rng.random() < directed_share
        rel = {"source": actors[u]["id"], "target": actors[v]["id"],
               "type": "referral" if directed else TYPES[rng.randrange(len(TYPES))],
               "weight": rng.randint(1, 5)}
        if directed:
            rel["directed"] = True
        if rng.random() < 0.3:
            rel["since"] = f"20{rng.randint(15, 24)}-{rng.randint(1, 12):02d}-01"
        if rng.random() < 0.2:
            rel["formality"] = ["informal", "agreement", "protocol", "contract"][rng.randrange(4)]
        relations.append(rel)
    kinds = [{"id": "bench_bridge_desk", "label": {"it": "Sportello ponte", "en": "Bridge desk"},
              "sector": "bridge", "access_point": True}]
    write_map(dst, title, actors, relations, areas=areas, kinds=kinds,
              description=(f"Generated by bench/run.py: degree-corrected stochastic block model, "
                           f"{n} actors in {k} areas, {m} relations, seed {seed}, "
                           f"{directed_share:.0%} directed."))


def _accumulate(ws):
    s = 0.0
    for w in ws:
        s += w
        yield s


# name → (how to build, description). Territorial sizes follow SPEC §6.
INPUTS = {
    "jazz": ("metis", "jazz.graph"),
    "power": ("metis", "power.graph"),
    "PGPgiantcompo": ("metis", "PGPgiantcompo.graph"),
    "astro-ph": ("metis", "astro-ph.graph"),
    "terr-1k": ("sbm", dict(n=1000, m=5000, seed=1001, directed_share=0.05,
                            title="Benchmark territory, 1,000 actors")),
    "terr-2k": ("sbm", dict(n=2000, m=6000, seed=1002, directed_share=0.0,
                            title="Benchmark territory for rendering, 2,000 actors")),
    "terr-10k": ("sbm", dict(n=10000, m=50000, seed=1010, directed_share=0.05,
                             title="Benchmark territory, 10,000 actors")),
    "terr-10k-u": ("sbm", dict(n=10000, m=50000, seed=1011, directed_share=0.0,
                               title="Benchmark territory, 10,000 actors, undirected")),
    "terr-200k": ("sbm", dict(n=200000, m=1000000, seed=1200, directed_share=0.05,
                              title="Benchmark territory, 200,000 actors")),
    "load-1M": ("sbm", dict(n=50000, m=1000000, seed=1050, directed_share=0.05,
                            title="Benchmark territory for loading, 50,000 actors, 1,000,000 relations")),
}


def ensure_input(name, log):
    WORK.mkdir(parents=True, exist_ok=True)
    path = WORK / f"{name}.json"
    stamp = WORK / f"{name}.stamp"
    how, arg = INPUTS[name]
    want = json.dumps({"generator": GENERATOR_VERSION, "how": how, "arg": arg}, sort_keys=True)
    if path.exists() and stamp.exists() and stamp.read_text() == want:
        return path
    log(f"writing {path.relative_to(ROOT)}")
    if how == "metis":
        metis_to_map(GRAPHS / arg, path)
    else:
        territorial_map(path, **arg)
    stamp.write_text(want)
    return path


# --------------------------------------------------------------------------------------------------
# Map → graphs (SPEC §2: sum merge, no filters, distance = 1/weight)


def load_graph(path, data=None):
    """Returns a dict: n, ids, directed, arcs G [(u, v, w)], edges U [(u, v, w)], weighted, relations."""
    if data is None:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    actors = data["actors"]
    index = {a["id"]: i for i, a in enumerate(actors)}
    default = data.get("directed", False)
    rels = data["relations"]
    directed = any(r.get("directed", default) for r in rels)
    G, U = {}, {}
    for r in rels:
        u, v, w = index[r["source"]], index[r["target"]], r.get("weight", 1)
        ku = (u, v) if u < v else (v, u)
        U[ku] = U.get(ku, 0) + w
        if directed:
            G[(u, v)] = G.get((u, v), 0) + w
            if not r.get("directed", default):
                G[(v, u)] = G.get((v, u), 0) + w
        else:
            G[ku] = G.get(ku, 0) + w
    arcs = [(u, v, w) for (u, v), w in G.items()]
    edges = [(u, v, w) for (u, v), w in U.items()]
    weighted = any(w != 1 for _, _, w in arcs)
    return {"n": len(actors), "directed": directed, "arcs": arcs, "edges": edges,
            "weighted": weighted, "relations": len(rels)}


# --------------------------------------------------------------------------------------------------
# Workers (one task, one run, in a fresh process)

MEASURES_ALL = ["degree", "in_degree", "out_degree", "strength", "betweenness", "closeness",
                "harmonic", "eigenvector", "pagerank", "coreness", "constraint", "effective_size",
                "clustering"]


def _clean(xs):
    return [None if (x is None or (isinstance(x, float) and math.isnan(x))) else float(x) for x in xs]


def reach_in_counts(G, directed):
    """Number of actors that reach each actor (itself included) in the igraph graph G, for
    Wasserman–Faust closeness. Normalisation only, never timed."""
    if not directed:
        cc = G.connected_components()
        sizes = cc.sizes()
        return [sizes[c] for c in cc.membership]
    scc = G.connected_components(mode="strong")
    C = scc.cluster_graph()
    sizes = scc.sizes()
    anc = [sum(sizes[c] for c in C.subcomponent(x, mode="in")) for x in range(C.vcount())]
    return [anc[c] for c in scc.membership]


def integer_lcm(weights):
    """The least common multiple of the weights when all are whole numbers, else None: lengths
    L/weight are then exact integers with the shortest paths of 1/weight."""
    if not all(float(w).is_integer() for w in weights):
        return None
    L = 1
    for w in weights:
        L = L * int(w) // math.gcd(L, int(w))
    return L


def worker_igraph(task, path, started, seed=1):
    import igraph as ig
    random.seed(seed)  # python-igraph draws from Python's random module
    parts = {}
    if task == "load":
        t0 = time.perf_counter()
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        parts["json.load"] = time.perf_counter() - t0
        t1 = time.perf_counter()
        gr = load_graph(path, data)
        g = ig.Graph(n=gr["n"], edges=[(u, v) for u, v, _ in gr["arcs"]], directed=gr["directed"],
                     edge_attrs={"weight": [w for _, _, w in gr["arcs"]]})
        parts["build Graph"] = time.perf_counter() - t1
        return {"time": time.perf_counter() - t0, "parts": parts,
                "values": {"actors": g.vcount(), "ties": g.ecount(), "relations": gr["relations"]}}
    gr = load_graph(path)
    n, directed, weighted = gr["n"], gr["directed"], gr["weighted"]
    G = ig.Graph(n=n, edges=[(u, v) for u, v, _ in gr["arcs"]], directed=directed)
    G.es["weight"] = [w for _, _, w in gr["arcs"]]
    G.es["dist"] = [1.0 / w for _, _, w in gr["arcs"]]
    U = ig.Graph(n=n, edges=[(u, v) for u, v, _ in gr["edges"]], directed=False)
    U.es["weight"] = [w for _, _, w in gr["edges"]]
    dist = "dist" if weighted else None
    wt = "weight" if weighted else None
    Path(started).touch()
    values = {}

    def timed(name, fn):
        t = time.perf_counter()
        r = fn()
        parts[name] = time.perf_counter() - t
        return r

    def betweenness():
        b = timed("betweenness()", lambda: G.betweenness(directed=directed, weights=dist))
        scale = (1.0 if directed else 2.0) / ((n - 1) * (n - 2)) if n > 2 else 0.0
        values["betweenness"] = [x * scale for x in b]

    def closeness():
        c = timed("closeness()", lambda: G.closeness(mode="in", weights=dist, normalized=True))
        r = reach_in_counts(G, directed)
        values["closeness"] = [0.0 if (math.isnan(x) or r[i] <= 1) else x * (r[i] - 1) / (n - 1)
                               for i, x in enumerate(c)]

    def harmonic():
        values["harmonic"] = timed("harmonic_centrality()", lambda: G.harmonic_centrality(
            mode="in", weights=dist, normalized=False))

    def pagerank():
        values["pagerank"] = timed("pagerank()", lambda: G.pagerank(
            directed=directed, damping=0.85, weights=wt))

    def coreness():
        values["coreness"] = timed("coreness()", lambda: U.coreness())

    if task == "betweenness":
        betweenness()
    elif task == "closeness_harmonic":
        closeness()
        harmonic()
    elif task == "paths":
        betweenness()
        closeness()
        harmonic()
    elif task == "pagerank":
        pagerank()
    elif task == "coreness":
        coreness()
    elif task == "louvain":
        uw = "weight" if any(w != 1 for w in U.es["weight"]) else None
        cl = timed("community_multilevel()", lambda: U.community_multilevel(weights=uw))
        values["modularity"] = U.modularity(cl.membership, weights=uw)
        values["count"] = len(cl)
    elif task == "all":
        values["degree"] = timed("degree()", lambda: G.degree())
        if directed:
            values["in_degree"] = timed("indegree()", lambda: G.indegree())
            values["out_degree"] = timed("outdegree()", lambda: G.outdegree())
        values["strength"] = timed("strength()", lambda: G.strength(weights="weight"))
        betweenness()
        closeness()
        harmonic()
        ev = timed("eigenvector_centrality()", lambda: U.eigenvector_centrality(
            directed=False, scale=True, weights="weight"))
        norm = math.sqrt(sum(x * x for x in ev)) or 1.0
        values["eigenvector"] = [abs(x) / norm for x in ev]
        pagerank()
        coreness()
        values["constraint"] = timed("constraint()", lambda: U.constraint(weights="weight"))
        values["clustering"] = timed("transitivity_local_undirected()",
                                     lambda: U.transitivity_local_undirected(mode="zero"))
    else:
        raise SystemExit(f"unknown task {task}")
    values = {k: (_clean(v) if isinstance(v, list) else v) for k, v in values.items()}
    return {"time": sum(parts.values()), "parts": parts, "values": values}


def worker_graph_tool(task, path, started, seed=1):
    """graph-tool (Debian python3-graph-tool, C++ with OpenMP) on both cores, for the path measures."""
    import graph_tool.all as gt
    gt.openmp_set_num_threads(2)
    parts = {}
    gr = load_graph(path)
    n, directed, weighted = gr["n"], gr["directed"], gr["weighted"]
    g = gt.Graph(directed=directed)
    g.add_vertex(n)
    g.add_edge_list([(u, v) for u, v, _ in gr["arcs"]])
    # graph-tool compares path lengths exactly, like NetworkX: lengths L/w (L the least common
    # multiple of the integer merged weights) give the shortest paths of 1/w in exact integers;
    # distances come out × L, so closeness and harmonic are multiplied back by L.
    scale = 1.0
    dist = None
    if weighted:
        ws = {w for _, _, w in gr["arcs"]}
        dist = g.new_edge_property("double")
        L = integer_lcm(ws)
        if L is not None:
            dist.a = [L // int(w) for _, _, w in gr["arcs"]]
            scale = float(L)
        else:
            dist.a = [1.0 / w for _, _, w in gr["arcs"]]
    towards = gt.GraphView(g, reversed=True) if directed else g
    Path(started).touch()
    values = {}

    def timed(name, fn):
        t = time.perf_counter()
        r = fn()
        parts[name] = time.perf_counter() - t
        return r

    def reach_in():
        import igraph as ig
        G = ig.Graph(n=n, edges=[(u, v) for u, v, _ in gr["arcs"]], directed=directed)
        return reach_in_counts(G, directed)

    def betweenness():
        vb, _ = timed("betweenness()", lambda: gt.betweenness(g, weight=dist, norm=True))
        values["betweenness"] = list(vb.a)

    def closeness():
        c = timed("closeness()", lambda: gt.closeness(towards, weight=dist, norm=True))
        r = reach_in()
        values["closeness"] = [0.0 if (math.isnan(x) or r[i] <= 1) else x * scale * (r[i] - 1) / (n - 1)
                               for i, x in enumerate(c.a)]

    def harmonic():
        h = timed("closeness(harmonic=True)", lambda: gt.closeness(
            towards, weight=dist, harmonic=True, norm=False))
        values["harmonic"] = [0.0 if math.isnan(x) else x * scale for x in h.a]

    if task == "betweenness":
        betweenness()
    elif task == "closeness_harmonic":
        closeness()
        harmonic()
    elif task in ("all", "paths"):
        betweenness()
        closeness()
        harmonic()
    else:
        raise SystemExit(f"graph-tool: no task {task}")
    values = {k: _clean(v) for k, v in values.items()}
    return {"time": sum(parts.values()), "parts": parts, "values": values}


def worker_networkx(task, path, started, seed=1):
    import networkx as nx
    parts = {}

    def build(gr):
        G = nx.DiGraph() if gr["directed"] else nx.Graph()
        G.add_nodes_from(range(gr["n"]))
        G.add_weighted_edges_from(gr["arcs"])
        return G

    if task == "load":
        Path(started).touch()
        t0 = time.perf_counter()
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        parts["json.load"] = time.perf_counter() - t0
        t1 = time.perf_counter()
        gr = load_graph(path, data)
        G = build(gr)
        parts["build Graph"] = time.perf_counter() - t1
        return {"time": time.perf_counter() - t0, "parts": parts,
                "values": {"actors": G.number_of_nodes(), "ties": G.number_of_edges(),
                           "relations": gr["relations"]}}
    gr = load_graph(path)
    n, weighted = gr["n"], gr["weighted"]
    G = build(gr)
    for _, _, d in G.edges(data=True):
        d["dist"] = 1.0 / d["weight"]
    U = nx.Graph()
    U.add_nodes_from(range(n))
    U.add_weighted_edges_from(gr["edges"])
    dist = "dist" if weighted else None
    # Betweenness is the same for any uniform scaling of the lengths. NetworkX compares path lengths
    # exactly, so with lengths 1/w it misses ties such as 1/2 + 1/3 + 1/6 = 1 that stakemap (exact
    # whole units, docs/measures.md) and igraph (epsilon comparison) see. L/w, with L the least
    # common multiple of the (integer) merged weights, gives the same shortest paths in exact integers.
    bdist = dist
    ws = {d["weight"] for _, _, d in G.edges(data=True)}
    L = integer_lcm(ws) if weighted else None
    if L is not None:
        if L <= 10 ** 9:
            for _, _, d in G.edges(data=True):
                d["bdist"] = L // int(d["weight"])
            bdist = "bdist"
    Path(started).touch()
    values = {}

    def timed(name, fn):
        t = time.perf_counter()
        r = fn()
        parts[name] = time.perf_counter() - t
        return r

    def vec(d):
        return [d[i] for i in range(n)]

    def betweenness():
        values["betweenness"] = vec(timed("betweenness_centrality", lambda: nx.betweenness_centrality(
            G, weight=bdist, normalized=True)))

    def closeness():
        values["closeness"] = vec(timed("closeness_centrality", lambda: nx.closeness_centrality(
            G, distance=dist)))

    def harmonic():
        values["harmonic"] = vec(timed("harmonic_centrality", lambda: nx.harmonic_centrality(
            G, distance=dist)))

    def pagerank():
        values["pagerank"] = vec(timed("pagerank", lambda: nx.pagerank(
            G, alpha=0.85, weight="weight", tol=1e-12)))

    def coreness():
        values["coreness"] = vec(timed("core_number", lambda: nx.core_number(U)))

    if task == "betweenness":
        betweenness()
    elif task == "closeness_harmonic":
        closeness()
        harmonic()
    elif task == "paths":
        betweenness()
        closeness()
        harmonic()
    elif task == "pagerank":
        pagerank()
    elif task == "coreness":
        coreness()
    elif task == "louvain":
        comm = nx.community
        if hasattr(comm, "louvain_communities"):
            name, fn = "louvain_communities", lambda: comm.louvain_communities(U, weight="weight", seed=seed)
        else:
            name, fn = "greedy_modularity_communities", lambda: comm.greedy_modularity_communities(
                U, weight="weight")
        parts_ = timed(name, fn)
        values["modularity"] = comm.modularity(U, parts_, weight="weight")
        values["count"] = len(parts_)
        values["method"] = name
    elif task == "all":
        values["degree"] = vec(dict(timed("degree", lambda: G.degree())))
        if gr["directed"]:
            values["in_degree"] = vec(dict(timed("in_degree", lambda: G.in_degree())))
            values["out_degree"] = vec(dict(timed("out_degree", lambda: G.out_degree())))
        values["strength"] = vec(dict(timed("degree(weight)", lambda: G.degree(weight="weight"))))
        betweenness()
        closeness()
        harmonic()
        ev = vec(timed("eigenvector_centrality_numpy", lambda: nx.eigenvector_centrality_numpy(
            U, weight="weight")))
        values["eigenvector"] = [abs(x) for x in ev]
        pagerank()
        coreness()
        values["constraint"] = vec(timed("constraint", lambda: nx.constraint(U, weight="weight")))
        values["effective_size"] = vec(timed("effective_size", lambda: nx.effective_size(
            U, weight="weight")))
        values["clustering"] = vec(timed("clustering", lambda: nx.clustering(U)))
    else:
        raise SystemExit(f"unknown task {task}")
    values = {k: (_clean(v) if isinstance(v, list) else v) for k, v in values.items()}
    return {"time": sum(parts.values()), "parts": parts, "values": values}


def worker_main(args):
    fn = {"igraph": worker_igraph, "networkx": worker_networkx,
          "graph-tool": worker_graph_tool}[args.worker]
    result = fn(args.task, args.map, args.started, args.seed)
    tmp = args.result + ".tmp"
    with open(tmp, "w") as f:
        json.dump(result, f)
    os.replace(tmp, args.result)


# --------------------------------------------------------------------------------------------------
# Running processes

TIME_BIN = "/usr/bin/time"


def have_gnu_time():
    if not os.access(TIME_BIN, os.X_OK):
        return False
    try:
        r = subprocess.run([TIME_BIN, "-f", "%M", "true"], capture_output=True, text=True)
        return r.returncode == 0 and r.stderr.strip().isdigit()
    except OSError:
        return False


# Reading the map, building the graph and writing one column: what `communities` does besides
# Louvain itself.
LOUVAIN_BASELINE = ["centrality", "MAP", "--measures", "degree", "--format", "json", "-q"]


class Runner:
    def __init__(self, stakemap, cap, log):
        self.stakemap = str(stakemap)
        self.cap = cap
        self.log = log
        self.gnu_time = have_gnu_time()
        self.out = WORK / "out"
        self.out.mkdir(parents=True, exist_ok=True)

    def _spawn(self, argv, stdout, stderr, cap=None, started=None, hard=6 * 3600):
        """Runs argv in its own process group; returns (exit code, or None when killed at the cap or
        the hard limit; wall seconds; peak RSS in KiB, or None when killed).

        Peak RSS comes from `/usr/bin/time -f %M`, or else from a small Python wrapper that reports
        getrusage(RUSAGE_CHILDREN) — never from wait4() on a child forked from this (large) process,
        whose ru_maxrss would count the memory of the fork before exec."""
        rssfile = Path(str(stdout) + ".rss")
        if rssfile.exists():
            rssfile.unlink()
        if self.gnu_time:
            argv = [TIME_BIN, "-f", "%M", "-o", str(rssfile)] + list(argv)
        else:
            argv = [sys.executable, str(Path(__file__).resolve()), "--rusage-wrap", str(rssfile)] + list(argv)
        with open(stdout, "wb") as out, open(stderr, "wb") as err:
            t0 = time.perf_counter()
            p = subprocess.Popen(argv, stdout=out, stderr=err, start_new_session=True)
            if cap is None and started is None:
                _, status, _ = os.wait4(p.pid, 0)
                wall = time.perf_counter() - t0
                killed = False
            else:
                t_started, killed, delay = None, False, 0.002
                while True:
                    pid, status, _ = os.wait4(p.pid, os.WNOHANG)
                    if pid == p.pid:
                        break
                    now = time.perf_counter()
                    if t_started is None and started is not None and os.path.exists(started):
                        t_started = now
                    if not killed and ((cap is not None and t_started is not None and now - t_started > cap)
                                       or now - t0 > hard):
                        os.killpg(p.pid, signal.SIGKILL)
                        killed = True
                    time.sleep(delay)
                    delay = min(delay * 1.5, 0.05)
                wall = time.perf_counter() - t0
            p.returncode = os.waitstatus_to_exitcode(status)
        if killed:
            return None, wall, None, True
        try:
            rss = int(rssfile.read_text().split()[-1])
        except (OSError, ValueError, IndexError):
            rss = None
        return p.returncode, wall, rss, False

    def stakemap_run(self, args, tag):
        """One stakemap process: wall clock, peak RSS (KiB), exit code, stdout path."""
        stdout, stderr = self.out / f"{tag}.out", self.out / f"{tag}.err"
        code, wall, rss, _ = self._spawn([self.stakemap] + list(args), stdout, stderr)
        return {"code": code, "wall": wall, "rss_kib": rss, "stdout": stdout, "stderr": stderr}

    def worker_run(self, tool, task, path, cap=None, seed=1):
        tag = f"{tool}-{task}-{Path(path).stem}"
        result, started = self.out / f"{tag}.result.json", self.out / f"{tag}.started"
        for p in (result, started):
            if p.exists():
                p.unlink()
        argv = [sys.executable, str(Path(__file__).resolve()), "--worker", tool, "--task", task,
                "--map", str(path), "--result", str(result), "--started", str(started),
                "--seed", str(seed)]
        code, wall, rss, killed = self._spawn(argv, self.out / f"{tag}.stdout", self.out / f"{tag}.err",
                                              cap=cap, started=started)
        if killed:
            return {"status": "cap", "rss_kib": rss}
        if code != 0 or not result.exists():
            err = (self.out / f"{tag}.err").read_text(errors="replace")[-2000:]
            return {"status": "failed", "code": code, "stderr": err, "rss_kib": rss}
        r = json.loads(result.read_text())
        r.update(status="ok", rss_kib=rss, process_wall=wall)
        return r


# --------------------------------------------------------------------------------------------------
# Agreement


def max_rel_diff(a, b):
    """Largest |x − y| / max(|x|, |y|) over actors; pairs where both are below 1e-12 × the largest
    magnitude count as equal; undefined (null/NaN) must be undefined in both."""
    if len(a) != len(b):
        return math.inf, -1
    scale = max((abs(y) for y in b if y is not None), default=0.0)
    floor = 1e-12 * scale
    worst, at = 0.0, -1
    for i, (x, y) in enumerate(zip(a, b)):
        if x is None or y is None:
            if x is None and y is None:
                continue
            return math.inf, i
        d = abs(x - y)
        if d == 0:
            continue
        den = max(abs(x), abs(y))
        if den <= floor:
            continue
        r = d / den
        if r > worst:
            worst, at = r, i
    return worst, at


def max_abs_diff(a, b):
    return max((abs(x - y) for x, y in zip(a, b) if x is not None and y is not None), default=0.0)


def stakemap_values(path, keys):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    actors = data["results"]["actors"]
    return {k: [a.get(k) for a in actors] for k in keys if k in actors[0]}


# --------------------------------------------------------------------------------------------------
# Benchmark rows


ROWS = [
    # key, title, task, stakemap arguments (MAP is replaced), budget text
    ("betweenness", "Exact betweenness", "betweenness",
     ["centrality", "MAP", "--measures", "betweenness", "--format", "json", "-q"],
     "≥ 5× faster than igraph `betweenness()` and ≥ 3× faster than graph-tool `betweenness()` on "
     "both cores (astro-ph)"),
    ("closeness", "Closeness and harmonic", "closeness_harmonic",
     ["centrality", "MAP", "--measures", "closeness,harmonic", "--format", "json", "-q"],
     "≥ 3× faster than igraph `closeness()` and than graph-tool `closeness()` on both cores "
     "(astro-ph)"),
    ("all", "Every measure together", "all",
     ["centrality", "MAP", "--measures", "all", "--format", "json", "-q"],
     "under 2 s, and ≥ 3× faster than graph-tool's betweenness + closeness + harmonic on both "
     "cores (10,000 / 50,000 weighted directed territorial map)"),
    ("louvain", "Louvain", "louvain",
     ["communities", "MAP", "--method", "louvain", "--format", "json", "-q"],
     "modularity ≥ igraph `community_multilevel` − 0.005; Louvain's own time ≤ igraph's call, "
     "the whole process reported beside it (astro-ph)"),
    ("approx", "Approximate betweenness (ε = 0.01, δ = 0.1)", None,
     ["centrality", "MAP", "--measures", "betweenness", "--approx", "0.01", "--confidence", "0.9",
      "--format", "json", "-q"],
     "under 10 s on a 200,000 / 1,000,000 map, error within ε on a checkable sample"),
    ("loading", "Loading a 1,000,000-relation map", "load",
     ["validate", "MAP", "--format", "json", "-q"],
     "under 3 s and under 1 GiB peak memory"),
    ("render", "Rendering a 2,000-actor map with sfdp", None, None,
     "within 1.2× of the `sfdp` command on the same DOT"),
    ("weighted", "Weighted path measures (betweenness, closeness, harmonic)", "paths",
     ["centrality", "MAP", "--measures", "betweenness,closeness,harmonic", "--format", "json", "-q"],
     None),
    ("pagerank", "PageRank", "pagerank",
     ["centrality", "MAP", "--measures", "pagerank", "--format", "json", "-q"], None),
    ("coreness", "k-core (coreness)", "coreness",
     ["centrality", "MAP", "--measures", "coreness", "--format", "json", "-q"], None),
]
ROW = {r[0]: r for r in ROWS}

FULL_PLAN = {
    "betweenness": ["astro-ph", "PGPgiantcompo", "power", "jazz", "terr-1k"],
    "closeness": ["astro-ph", "PGPgiantcompo", "power", "jazz", "terr-1k"],
    "all": ["terr-10k", "terr-1k"],
    "louvain": ["astro-ph", "PGPgiantcompo", "power", "jazz", "terr-10k"],
    "approx": ["terr-200k"],
    "loading": ["load-1M"],
    "render": ["terr-2k"],
    "weighted": ["terr-10k", "terr-10k-u"],
    "pagerank": ["astro-ph", "PGPgiantcompo", "power", "jazz", "terr-10k"],
    "coreness": ["astro-ph", "PGPgiantcompo", "power", "jazz", "terr-10k"],
}
SMOKE_PLAN = {
    "betweenness": ["jazz", "terr-1k"],
    "closeness": ["jazz", "terr-1k"],
    "all": ["terr-1k"],
    "louvain": ["jazz", "terr-1k"],
    "approx": ["terr-1k"],
    "loading": ["terr-1k"],
    "render": ["terr-1k"],
    "weighted": ["terr-1k"],
    "pagerank": ["jazz", "terr-1k"],
    "coreness": ["jazz", "terr-1k"],
}
BUDGET_INPUT = {"betweenness": "astro-ph", "closeness": "astro-ph", "all": "terr-10k",
                "louvain": "astro-ph", "approx": "terr-200k", "loading": "load-1M", "render": "terr-2k"}
VALUE_KEYS = {"betweenness": ["betweenness"], "closeness_harmonic": ["closeness", "harmonic"],
              "pagerank": ["pagerank"], "coreness": ["coreness"], "all": MEASURES_ALL,
              "paths": ["betweenness", "closeness", "harmonic"]}
# Rows where graph-tool (both cores) runs beside igraph and NetworkX: its path measures only.
GRAPH_TOOL_ROWS = {"betweenness", "closeness", "all", "weighted"}


def median(xs):
    return statistics.median(xs) if xs else None


class Bench:
    def __init__(self, args, log):
        self.args = args
        self.log = log
        self.runner = Runner(args.stakemap, args.nx_cap, log)
        self.results = {}
        self.failures = []
        self.help = {}

    def stakemap_help(self, command):
        if command not in self.help:
            r = subprocess.run([self.args.stakemap, command, "--help"], capture_output=True, text=True)
            self.help[command] = (r.returncode, r.stdout)
        return self.help[command]

    def have_graph_tool(self):
        if not hasattr(self, "_graph_tool"):
            r = subprocess.run([sys.executable, "-c", "import graph_tool"], capture_output=True)
            self._graph_tool = r.returncode == 0
            if not self._graph_tool:
                self.log("graph-tool is not installed (Debian python3-graph-tool): its columns stay empty")
        return self._graph_tool

    def time_stakemap(self, key, args, path, name, runs):
        argv = [str(path) if a == "MAP" else a for a in args]
        times, rss, first = [], [], None
        for i in range(runs):
            r = self.runner.stakemap_run(argv, f"stakemap-{key}-{name}")
            if r["code"] != 0:
                err = Path(r["stderr"]).read_text(errors="replace")[-1500:]
                self.failures.append(f"stakemap {' '.join(argv)} exited {r['code']}: {err.strip()}")
                return {"status": "failed", "code": r["code"], "stderr": err}
            times.append(r["wall"])
            rss.append(r["rss_kib"])
            if first is None:
                keep = self.runner.out / f"stakemap-{key}-{name}.first.json"
                os.replace(r["stdout"], keep)
                first = keep
        return {"status": "ok", "times": times, "median": median(times), "rss_kib": max(rss),
                "output": str(first), "command": "stakemap " + " ".join(
                    shlex.quote(str(Path(a).relative_to(ROOT)) if a == str(path) else a) for a in argv)}

    def time_worker(self, tool, task, path, runs):
        cap = self.args.nx_cap if tool == "networkx" else None
        times, rss, first, parts = [], [], None, []
        for i in range(runs):
            r = self.runner.worker_run(tool, task, path, cap=cap)
            if r["status"] == "cap":
                return {"status": "cap", "cap": cap, "times": times, "rss_kib": max(rss, default=None)}
            if r["status"] != "ok":
                self.failures.append(f"{tool} {task} {path.name} failed: {r.get('stderr', '')[-800:]}")
                return r
            times.append(r["time"])
            rss.append(r["rss_kib"])
            parts.append(r["parts"])
            if first is None:
                first = r["values"]
        med_parts = {k: median([p[k] for p in parts]) for k in parts[0]}
        return {"status": "ok", "times": times, "median": median(times), "rss_kib": max(rss),
                "parts": med_parts, "values": first}

    # ----------------------------------------------------------------------------------------------

    def run_inputs(self, names):
        """Map figures and stakemap validate time / RSS for every input used."""
        out = {}
        for name in names:
            path = ensure_input(name, self.log)
            gr = load_graph(path)
            runs = self.args.runs
            s = self.time_stakemap("validate", ["validate", "MAP", "--format", "json", "-q"], path, name, runs)
            out[name] = {"actors": gr["n"], "relations": gr["relations"], "ties": len(gr["arcs"]),
                         "directed": gr["directed"], "weighted": gr["weighted"],
                         "bytes": path.stat().st_size, "validate": s}
            if s["status"] == "ok":
                v = json.loads(Path(s["output"]).read_text())
                if not v["results"]["valid"]:
                    self.failures.append(f"{name}: stakemap validate says the map is not valid")
            self.log(f"input {name}: {gr['n']} actors, {gr['relations']} relations, validate "
                     f"{_fmt_t(s.get('median'))}")
        return out

    def run_row(self, key, names):
        _, title, task, sargs, _ = ROW[key]
        res = {}
        for name in names:
            path = ensure_input(name, self.log)
            self.log(f"{key} on {name} …")
            if key == "approx":
                res[name] = self.run_approx(path, name)
                continue
            if key == "render":
                res[name] = self.run_render(path, name)
                continue
            if key == "louvain":
                e = res[name] = self.run_louvain(path, name)
                self.log(f"  stakemap {_status_t(e['stakemap'])}, igraph {_status_t(e['igraph'])}, "
                         f"networkx {_status_t(e['networkx'])}; agreement: {e['agreement']['text']}")
                continue
            entry = {"stakemap": self.time_stakemap(key, sargs, path, name, self.args.runs)}
            entry["igraph"] = self.time_worker("igraph", task, path, self.args.runs)
            entry["networkx"] = self.time_worker("networkx", task, path, self.args.runs)
            if key in GRAPH_TOOL_ROWS and self.have_graph_tool():
                entry["graph-tool"] = self.time_worker("graph-tool", task, path, self.args.runs)
            entry["agreement"] = self.agreement(key, task, entry, path)
            for tool in ("stakemap", "igraph", "networkx", "graph-tool"):
                entry.get(tool, {}).pop("values", None)
            res[name] = entry
            self.log(f"  stakemap {_fmt_t(entry['stakemap'].get('median'))}, igraph "
                     f"{_fmt_t(entry['igraph'].get('median'))}, networkx "
                     f"{_status_t(entry['networkx'])}; agreement: {entry['agreement']['text']}")
        self.results[key] = res

    def agreement(self, key, task, entry, path):
        s, i, x = entry["stakemap"], entry["igraph"], entry["networkx"]
        if s["status"] != "ok":
            return {"ok": False, "text": "stakemap failed"}
        if key == "loading":
            v = json.loads(Path(s["output"]).read_text())
            ok = v["results"]["valid"] is True
            texts = []
            for tool, r in (("igraph", i), ("NetworkX", x)):
                if r["status"] == "ok":
                    same = (r["values"]["actors"] == v["map"]["actors"]
                            and r["values"]["relations"] == v["map"]["relations"])
                    ok = ok and same
                    texts.append(f"{tool}: {'same' if same else 'DIFFERENT'} actors and relations")
            text = ("valid; " if v["results"]["valid"] else "NOT VALID; ") + "; ".join(texts)
            return {"ok": ok, "text": text}
        keys = VALUE_KEYS[task]
        sv = stakemap_values(s["output"], keys)
        out = {"ok": True, "per": {}}
        texts = []
        peers = [("igraph", i), ("NetworkX", x)]
        if "graph-tool" in entry:
            peers.append(("graph-tool", entry["graph-tool"]))
        for tool, r in peers:
            if r["status"] != "ok":
                continue
            worst, worst_key, flagged, notes = 0.0, None, [], []
            for k in keys:
                if k not in sv or k not in r["values"]:
                    continue
                d, _ = max_rel_diff(sv[k], r["values"][k])
                out["per"][f"{tool}:{k}"] = d
                if d > TOL and tool == "NetworkX" and k == "pagerank":
                    # NetworkX stops its power iteration when the L1 change is below n·tol (tol
                    # 1e-12), so its own error is up to about n·tol·α/(1−α) in L1: judged by that.
                    l1 = sum(abs(a - b) for a, b in zip(sv[k], r["values"][k]))
                    if l1 <= len(sv[k]) * 1e-12 * 0.85 / 0.15:
                        notes.append(f"pagerank: L1 {l1:.1e}, within NetworkX's own tolerance "
                                     f"n·1e-12·α/(1−α)")
                    else:
                        flagged.append(k)
                elif d > TOL:
                    flagged.append(k)
                if d >= worst:
                    worst, worst_key = d, k
            if flagged:
                out["ok"] = False
            label = f" ({worst_key})" if len(keys) > 1 and worst_key else ""
            text = f"{tool} {_fmt_e(worst)}{label}"
            if flagged:
                text += f" **> 1e-9: {', '.join(flagged)}**"
            if notes:
                text += "; " + "; ".join(notes)
            texts.append(text)
        if not texts:
            texts = ["no reference finished"]
        out["text"] = "; ".join(texts)
        return out

    def agreement_louvain(self, s, i, x, mapfile):
        import igraph as ig
        v = json.loads(Path(s["output"]).read_text())["results"]
        q1 = v["modularity"]
        # Recompute stakemap's modularity (seed 1) with igraph on U from its own partition.
        gr = load_graph(mapfile)
        U = ig.Graph(n=gr["n"], edges=[(a, b) for a, b, _ in gr["edges"]])
        U.es["weight"] = [w for _, _, w in gr["edges"]]
        membership = [a["community"] - 1 for a in v["actors"]]
        q_check = U.modularity(membership, weights="weight")
        ok = abs(q_check - q1) <= TOL * max(1.0, abs(q1))
        q = s["modularity"]
        texts = [f"stakemap Q recomputed by igraph: {_fmt_e(abs(q_check - q1))} off"
                 f"{'' if ok else ' **> 1e-9**'}"]
        for tool, r in (("igraph", i), ("NetworkX", x)):
            if r["status"] == "ok" and r.get("modularity") is not None:
                qr = r["modularity"]
                flag = tool == "igraph" and q < qr * (1 - Q_TOL)
                ok = ok and not flag
                texts.append(f"ΔQ vs {tool} {q - qr:+.4f}{' **> 1% below**' if flag else ''}")
        return {"ok": ok, "text": "; ".join(texts), "q": q}

    def run_louvain(self, path, name):
        """Timed runs use seeds 1..runs; modularity is the mean over seeds 1..max(runs, 5) for stakemap
        and igraph (the extra seeds are not timed), over the timed runs for NetworkX."""
        runs = self.args.runs
        seeds = range(1, max(runs, 5) + 1)
        sargs = ROW["louvain"][3]
        s = {"status": "ok", "times": [], "q": [], "rss": []}
        for seed in seeds:
            r = self.time_stakemap("louvain", sargs + ["--seed", str(seed)], path, name, 1)
            if r["status"] != "ok":
                s = r
                break
            res = json.loads(Path(r["output"]).read_text())["results"]
            s["q"].append(res["modularity"])
            if seed == 1:
                keep = self.runner.out / f"stakemap-louvain-{name}.seed1.json"
                os.replace(r["output"], keep)
                s.update(output=str(keep), command=r["command"].replace(" --seed 1", ""),
                         count=res["count"])
            if seed <= runs:
                s["times"].append(r["median"])
                s["rss"].append(r["rss_kib"])
        if s["status"] == "ok":
            s.update(median=median(s["times"]), rss_kib=max(s.pop("rss")),
                     modularity=statistics.fmean(s["q"]))
            # Louvain's own time: the whole process less one that reads the same map, builds the
            # same graph and writes one column (LOUVAIN_BASELINE).
            base = self.time_stakemap("louvain-baseline", LOUVAIN_BASELINE, path, name, runs)
            if base["status"] == "ok":
                s.update(baseline=base["median"], own=max(0.0, s["median"] - base["median"]))
        entry = {"stakemap": s}
        for tool, nseeds in (("igraph", len(seeds)), ("networkx", runs)):
            cap = self.args.nx_cap if tool == "networkx" else None
            t = {"status": "ok", "times": [], "q": [], "rss": []}
            for seed in range(1, nseeds + 1):
                r = self.runner.worker_run(tool, "louvain", path, cap=cap, seed=seed)
                if r["status"] == "cap":
                    t = {"status": "cap", "cap": cap, "rss_kib": max(t["rss"], default=None)}
                    break
                if r["status"] != "ok":
                    self.failures.append(f"{tool} louvain {name} failed: {r.get('stderr', '')[-800:]}")
                    t = r
                    break
                t["q"].append(r["values"]["modularity"])
                t["method"] = r["values"].get("method")
                if seed <= runs:
                    t["times"].append(r["time"])
                    t["rss"].append(r["rss_kib"])
            if t["status"] == "ok":
                t.update(median=median(t["times"]), rss_kib=max(t.pop("rss")),
                         modularity=statistics.fmean(t["q"]))
            entry[tool] = t
        if s["status"] == "ok":
            entry["agreement"] = self.agreement_louvain(s, entry["igraph"], entry["networkx"], path)
        else:
            entry["agreement"] = {"ok": False, "text": "stakemap failed"}
        return entry

    def run_approx(self, path, name):
        code, text = self.stakemap_help("centrality")
        if "--approx" not in text:
            return {"status": "not implemented"}
        _, _, _, sargs, _ = ROW["approx"]
        entry = {"stakemap": self.time_stakemap("approx", sargs, path, name, self.args.runs)}
        # Error check on a map where exact betweenness is affordable: approx vs exact stakemap
        # (exact stakemap betweenness agrees with igraph, see the exact row).
        check = "terr-10k" if not self.args.smoke else "terr-1k"
        cpath = ensure_input(check, self.log)
        if check == name and entry["stakemap"]["status"] == "ok":
            a = entry["stakemap"]  # same map: the first timed run's output is the estimate to check
        else:
            a = self.time_stakemap("approx-check", sargs, cpath, check, 1)
        e = self.time_stakemap("approx-exact", ROW["betweenness"][3], cpath, check, 1)
        if a["status"] == "ok" and e["status"] == "ok":
            av = stakemap_values(a["output"], ["betweenness"])["betweenness"]
            ev = stakemap_values(e["output"], ["betweenness"])["betweenness"]
            err = max_abs_diff(av, ev)
            ok = err <= 0.01
            entry["agreement"] = {"ok": ok, "err": err, "check": check,
                                  "text": f"max abs error {err:.2e} vs exact on {check} "
                                          f"({'within' if ok else '**beyond**'} ε = 0.01)"}
        else:
            entry["agreement"] = {"ok": False, "text": "check run failed"}
        return entry

    def run_render(self, path, name):
        code, _ = self.stakemap_help("render")
        if code != 0:
            return {"status": "not implemented"}
        sargs = ["render", "MAP", "--layout", "sfdp", "-o", str(self.runner.out / "render.svg")]
        entry = {"stakemap": self.time_stakemap("render", sargs, path, name, self.args.runs)}
        dot = self.runner.out / "render.dot"
        d = self.runner.stakemap_run(["render", str(path), "--layout", "sfdp", "-o", str(dot)], "render-dot")
        if d["code"] == 0 and os.access("/usr/bin/sfdp", os.X_OK):
            times = []
            for _ in range(self.args.runs):
                t = time.perf_counter()
                r = subprocess.run(["/usr/bin/sfdp", "-Tsvg", str(dot), "-o",
                                    str(self.runner.out / "sfdp.svg")], capture_output=True)
                times.append(time.perf_counter() - t)
                if r.returncode != 0:
                    self.failures.append("sfdp failed on the DOT written by stakemap render")
                    break
            entry["sfdp"] = {"status": "ok", "times": times, "median": median(times)}
        else:
            entry["sfdp"] = {"status": "failed"}
        return entry


# --------------------------------------------------------------------------------------------------
# Report


def _fmt_t(t):
    if t is None:
        return "—"
    if t < 0.001:
        return f"{t * 1e6:.0f} µs"
    if t < 0.1:
        return f"{t * 1000:.1f} ms"
    if t < 10:
        return f"{t:.2f} s"
    return f"{t:.1f} s"


def _status_t(r, cap_word="cap"):
    if r is None:
        return "—"
    if r.get("status") == "cap":
        return f"> {r['cap']:g} s, not finished"
    if r.get("status") == "failed":
        return "failed"
    if r.get("status") == "not implemented":
        return "not implemented"
    return _fmt_t(r.get("median"))


def _fmt_e(x):
    if x == 0:
        return "0"
    if math.isinf(x):
        return "inf"
    return f"{x:.1e}"


def _fmt_mib(kib):
    return "—" if kib is None else f"{kib / 1024:.0f} MiB"


def _ratio(a, b):
    if not a or not b or a.get("status") != "ok" or b.get("status") != "ok":
        return None
    return a["median"] / b["median"]


def machine_info():
    cpu = "unknown"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = None
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem = int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "mem_gib": mem, "kernel": platform.release()}


def versions(stakemap):
    import igraph
    import networkx
    try:
        sv = subprocess.run([stakemap, "--version"], capture_output=True, text=True).stdout.strip()
    except OSError:
        sv = "unavailable"
    try:
        head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "lib", "cli"],
                               capture_output=True, text=True).stdout.strip()
        git = head + (" with uncommitted changes in lib/ or cli/" if dirty else "")
    except OSError:
        git = "unknown"
    r = subprocess.run([sys.executable, "-c", "import graph_tool; print(graph_tool.__version__)"],
                       capture_output=True, text=True)
    graph_tool = r.stdout.split()[0] if r.returncode == 0 and r.stdout.strip() else "not installed"
    return {"stakemap": sv, "git": git, "igraph": igraph.__version__, "networkx": networkx.__version__,
            "graph_tool": graph_tool, "python": platform.python_version()}


def budget_verdict(key, entry):
    """(met: True/False/None, text) for the budget row's input."""
    s = entry.get("stakemap", {})
    if entry.get("status") == "not implemented":
        return None, "not implemented"
    if s.get("status") != "ok":
        return False, "missed (stakemap failed)"
    i = entry.get("igraph", {})
    g = entry.get("graph-tool", {})
    g_ratio = _ratio(g, s) if g.get("status") == "ok" else None

    def versus_graph_tool(ratio, need, what):
        if ratio is None:
            return None, "graph-tool not run"
        return ratio >= need, (f"{'met' if ratio >= need else 'missed'}: graph-tool {what}/ "
                               f"stakemap = {ratio:.2f}× (needs ≥ {need}×)")

    def both(first, second):
        met = first[0] is not False and second[0] is not False
        return met, f"{first[1]}; {second[1]}"

    if key == "betweenness":
        r = _ratio(i, s)
        return both((r is not None and r >= 5, f"{'met' if r and r >= 5 else 'missed'}: igraph / "
                                               f"stakemap = {r or 0:.2f}× (needs ≥ 5×)"),
                    versus_graph_tool(g_ratio, 3, ""))
    if key == "closeness":
        ic = i.get("parts", {}).get("closeness()")
        r = ic / s["median"] if ic else None
        gc = g.get("parts", {}).get("closeness()") if g.get("status") == "ok" else None
        return both((r is not None and r >= 3, f"{'met' if r and r >= 3 else 'missed'}: igraph "
                                               f"`closeness()` alone / stakemap = {r or 0:.2f}× (needs ≥ 3×)"),
                    versus_graph_tool(gc / s["median"] if gc else None, 3, "`closeness()` alone "))
    if key == "all":
        t = s["median"]
        return both((t < 2, f"{'met' if t < 2 else 'missed'}: {t:.2f} s (needs < 2 s)"),
                    versus_graph_tool(g_ratio, 3, "betweenness + closeness + harmonic "))
    if key == "louvain":
        q, qi = s.get("modularity"), i.get("modularity")
        if q is None or qi is None:
            return None, "no igraph result"
        # SPEC §6 compares Louvain's own time with igraph's call; the whole process is reported
        # beside it (the table's stakemap column).
        tq = q >= qi - 0.005
        own = s.get("own", s["median"])
        tt = own <= i["median"]
        r = own / i["median"]
        whole = s["median"] / i["median"]
        return tq and tt, (f"{'met' if tq and tt else 'missed'}: ΔQ {q - qi:+.4f} "
                           f"({'ok' if tq else 'below'}: needs ≥ −0.005); Louvain's own time is "
                           f"{r:.2f}× igraph's ({'ok' if tt else 'slower'}: needs ≤ 1×; the whole "
                           f"process {whole:.2f}×)")
    if key == "approx":
        t = s["median"]
        err_ok = entry.get("agreement", {}).get("ok", False)
        ok = t < 10 and err_ok
        return ok, f"{'met' if ok else 'missed'}: {t:.1f} s (needs < 10 s), error {'within' if err_ok else 'not within'} ε"
    if key == "loading":
        t, m = s["median"], s["rss_kib"] / 1024 / 1024
        ok = t < 3 and m < 1
        return ok, f"{'met' if ok else 'missed'}: {t:.2f} s (needs < 3 s), {m * 1024:.0f} MiB (needs < 1 GiB)"
    if key == "render":
        sf = entry.get("sfdp", {})
        if sf.get("status") != "ok":
            return None, "sfdp reference failed"
        r = s["median"] / sf["median"]
        return r <= 1.2, f"{'met' if r <= 1.2 else 'missed'}: {r:.2f}× the sfdp command (needs ≤ 1.2×)"
    return None, ""


def write_report(path, data, smoke):
    L = []
    m, v = data["machine"], data["versions"]
    L.append("# Performance")
    L.append("")
    if smoke:
        L.append("**Smoke run** (jazz and the 1,000-actor map, one run, small stand-ins for the budget "
                 "inputs): checks that the benchmark and the agreement checks work, not the budgets.")
        L.append("")
    L.append("Written by `bench/run.py` (see [bench/README.md](../bench/README.md)); do not edit by hand. "
             "Only the timings, peak memory and the date change between runs on the same machine and "
             "stakemap version; inputs, values and agreement figures are deterministic.")
    L.append("")
    L.append(f"- **Command**: `{data['command']}` ({data['runs']} run{'s' if data['runs'] != 1 else ''} "
             f"per tool, medians; NetworkX capped at {data['nx_cap']:g} s per run)")
    L.append(f"- **Date**: {data['date']}; whole benchmark took {data['total_s'] / 60:.1f} min")
    L.append(f"- **Machine**: {m['cpu']}, {m['cores']} cores, "
             f"{m['mem_gib']:.1f} GiB memory, Linux {m['kernel']}; load average "
             f"{data['load_before']} before, {data['load_after']} after (the machine is shared)")
    built = f"binary built {v['built']}; " if v.get("built") else ""
    L.append(f"- **Versions**: {v['stakemap']} ({built}source tree at git {v['git']} when the run "
             f"started), python-igraph {v['igraph']}, "
             f"NetworkX {v['networkx']}, graph-tool {v.get('graph_tool', 'not run')}, "
             f"Python {v['python']}")
    for note in data.get("notes", []):
        L.append(f"- **Note**: {note}")
    L.append("")
    L.append("## How it is measured")
    L.append("")
    L.append("- **stakemap**: the whole process, wall clock, as a user runs it: reading and checking the "
             "map, building the graph, the computation (on all cores, `--threads 0`) and writing the "
             "JSON results to a file. Peak RSS from " + (
                 "`/usr/bin/time -f %M`." if data["gnu_time"] else
                 "`getrusage(RUSAGE_CHILDREN)` in a small Python wrapper (overstates tiny processes by "
                 "about 10 MiB).") + (" The binary is copied before the first run, so a rebuild "
                                     "during the benchmark cannot change it." if data.get("snapshot") else ""))
    L.append("- **igraph / NetworkX**: in-process, the library calls only (one thread), from a graph "
             "already built from the same map JSON (`json.load` and graph construction are not timed, "
             "except in the loading row). Each run is a fresh Python process; its peak RSS (interpreter, "
             "parsed JSON and graph included) is measured the same way as stakemap's. NetworkX is killed when one run "
             f"exceeds {data['nx_cap']:g} s of computation; the remaining runs are then skipped.")
    L.append("- **Graphs** (SPEC §2): relations merged per pair with summed weights; path measures use "
             "distance = 1/weight (igraph `weights=`, NetworkX `weight=`/`distance=`), or no weights at all "
             "when every merged weight is 1 (the METIS graphs); structural measures use the undirected "
             "projection U. igraph betweenness is normalised like NetworkX (× 2/((n−1)(n−2)) undirected, "
             "1/((n−1)(n−2)) directed); igraph `closeness(mode=\"in\")` is rescaled to Wasserman–Faust by "
             "(r−1)/(n−1), r = actors reaching the actor; `harmonic_centrality(mode=\"in\", "
             "normalized=False)`; eigenvector rescaled to unit length.")
    L.append("- **Agreement**: the largest relative difference |a−b| / max(|a|,|b|) over all actors "
             "between stakemap and the library (values below 1e-12 × the largest one count as equal); "
             "**> 1e-9** is flagged. For several measures, the worst one is named.")
    L.append("- **Ratio**: igraph time / stakemap time (above 1: stakemap is faster).")
    L.append("")
    L.append("## Inputs")
    L.append("")
    L.append("| map | actors | relations | ties of G | directed | weighted | file | `stakemap validate` | peak RSS |")
    L.append("| --- | ---: | ---: | ---: | --- | --- | ---: | ---: | ---: |")
    for name, inp in data["inputs"].items():
        L.append(f"| {name} | {inp['actors']:,} | {inp['relations']:,} | {inp['ties']:,} | "
                 f"{'yes' if inp['directed'] else 'no'} | {'1–5' if inp['weighted'] else 'no'} | "
                 f"{inp['bytes'] / 1e6:.1f} MB | {_status_t(inp['validate'])} | "
                 f"{_fmt_mib(inp['validate'].get('rss_kib'))} |")
    L.append("")
    L.append("METIS graphs (`../shared/data/graphs/`, undirected, unweighted) have actor ids \"1\"…\"n\". "
             "`terr-*` and `load-1M` are territorial maps from a seeded degree-corrected stochastic block "
             "model: areas are the blocks (85% of relations inside the source's area), Pareto-distributed "
             "activity makes hubs, weights 1–5, kinds with their sectors, services, languages, dates, 2% "
             "parallel relations and 5% directed `referral` relations (so G is directed and `--measures "
             "all` includes in/out degree); `terr-2k` (rendering) is undirected. "
             "The `validate` column is the cost of reading a map, included in every stakemap time below.")
    L.append("")

    order = ["betweenness", "closeness", "all", "weighted", "louvain", "approx", "loading", "render",
             "pagerank", "coreness"]
    summary = []
    for key in order:
        if key not in data["rows"]:
            continue
        _, title, task, sargs, budget = ROW[key]
        rows = data["rows"][key]
        L.append(f"## {title}")
        L.append("")
        if budget:
            L.append(f"Budget (SPEC §6): {budget}.")
        else:
            L.append("No budget in SPEC §6; measured for comparison.")
        L.append("")
        if sargs:
            L.append("stakemap: `" + " ".join(sargs).replace("MAP", "MAP") + "`. " + ROW_NOTES.get(key, ""))
            L.append("")
        if key in ("approx", "render") and all(r.get("status") == "not implemented" for r in rows.values()):
            L.append("| map | stakemap | budget |")
            L.append("| --- | --- | --- |")
            for name in rows:
                L.append(f"| {name} | not implemented | not measured |")
            L.append("")
            summary.append((title, "not implemented", "—", "—", "—", "not measured"))
            continue
        if key == "render":
            L.append("| map | stakemap render | sfdp command | ratio | peak RSS | budget |")
            L.append("| --- | ---: | ---: | ---: | ---: | --- |")
            for name, e in rows.items():
                met, text = budget_verdict(key, e)
                if smoke:
                    text = "smoke: not evaluated"
                sf = e.get("sfdp", {})
                r = (e["stakemap"]["median"] / sf["median"]
                     if e["stakemap"].get("status") == "ok" and sf.get("status") == "ok" else None)
                rt = "—" if r is None else f"{r:.2f}×"
                L.append(f"| {name} | {_status_t(e['stakemap'])} | {_status_t(sf)} | {rt} | "
                         f"{_fmt_mib(e['stakemap'].get('rss_kib'))} | {text} |")
                summary.append((f"{title} ({name})", _status_t(e["stakemap"]), "—",
                                f"sfdp {_status_t(sf)}", f"{rt} of sfdp", text if not smoke else "smoke"))
            L.append("")
            L.append("stakemap: `render MAP --layout sfdp -o out.svg` (whole process: reading the map, "
                     "layout and SVG in-process). Reference: `sfdp -Tsvg` on the DOT source that "
                     "`stakemap render MAP --layout sfdp -o map.dot` writes for the same map (no positions "
                     "in it), wall clock. The ratio is stakemap / sfdp (below 1.2 meets the budget).")
            L.append("")
            continue
        if key == "approx":
            L.append("| map | stakemap | peak RSS | budget | error check |")
            L.append("| --- | ---: | ---: | --- | --- |")
            for name, e in rows.items():
                met, text = budget_verdict(key, e)
                L.append(f"| {name} | {_status_t(e['stakemap'])} | {_fmt_mib(e['stakemap'].get('rss_kib'))} | "
                         f"{text if not smoke else 'smoke: not evaluated'} | {e.get('agreement', {}).get('text', '—')} |")
                summary.append((title + f" ({name})", _status_t(e["stakemap"]), "—", "—", "—",
                                text if not smoke else "smoke"))
            L.append("")
            continue
        extra = " | Q stakemap / igraph / NetworkX" if key == "louvain" else ""
        gt_cols = key in GRAPH_TOOL_ROWS and any("graph-tool" in e for e in rows.values())
        gt_head = " graph-tool (2 cores) | ratio to graph-tool |" if gt_cols else ""
        L.append(f"| map | stakemap | igraph | NetworkX |{gt_head} ratio | peak RSS stakemap / igraph / NetworkX{extra} | budget | agreement |")
        L.append("| --- | ---: | ---: | ---: |" + (" ---: | ---: |" if gt_cols else "") +
                 " ---: | ---: |" + (" ---: |" if extra else "") + " --- | --- |")
        for name, e in rows.items():
            s, i, x = e["stakemap"], e["igraph"], e["networkx"]
            r = _ratio(i, s)
            gt_cell = ""
            if gt_cols:
                g = e.get("graph-tool", {"status": "not run"})
                gr_ratio = _ratio(g, s) if g.get("status") == "ok" else None
                gt_cell = (f" {_status_t(g)} | "
                           f"{'—' if gr_ratio is None else f'{gr_ratio:.3g}×'} |")
            met, text = (None, "")
            if budget and name == BUDGET_INPUT.get(key) and not smoke:
                met, text = budget_verdict(key, e)
            elif budget:
                text = "— (not the budget input)"
            else:
                text = "—"
            itime = _status_t(i)
            if key == "closeness" and i.get("status") == "ok":
                itime += (f" ({_fmt_t(i['parts'].get('closeness()'))} + "
                          f"{_fmt_t(i['parts'].get('harmonic_centrality()'))})")
            xtime = _status_t(x)
            if key == "louvain" and x.get("status") == "ok" and x.get("method") != "louvain_communities":
                xtime += f" ({x.get('method')})"
            qcol = ""
            if key == "louvain":
                qs = [f"{t['modularity']:.4f}" if t.get("modularity") is not None else "—" for t in (s, i, x)]
                qcol = " | " + " / ".join(qs)
            rss = " / ".join(_fmt_mib(t.get("rss_kib")) if t.get("status") == "ok" else
                             (_fmt_mib(t.get("rss_kib")) if t.get("status") == "cap" else "—")
                             for t in (s, i, x))
            stime = _status_t(s)
            if key == "louvain" and s.get("own") is not None:
                stime += f" (Louvain {_fmt_t(s['own'])})"
            L.append(f"| {name} | {stime} | {itime} | {xtime} |{gt_cell} "
                     f"{'—' if r is None else f'{r:.3g}×'} | {rss}{qcol} | {text} | {e['agreement']['text']} |")
            if name == (BUDGET_INPUT.get(key, "astro-ph") if not smoke else name):
                if True:
                    summary.append((f"{title} ({name})", _status_t(s), _status_t(i), _status_t(x),
                                    '—' if r is None else f'{r:.3g}×',
                                    (text if not smoke else "smoke") if budget else "no budget"))
        L.append("")
        if key == "all":
            L.append("igraph has no effective size; its time is the sum of degree, strength, betweenness, "
                     "closeness, harmonic, eigenvector, PageRank, coreness, constraint and clustering. "
                     "NetworkX runs every measure of SPEC §3 in one process under one cap.")
            L.append("")
        if key == "closeness":
            L.append("igraph's time is `closeness()` + `harmonic_centrality()` (the same work stakemap "
                     "does); the budget compares with `closeness()` alone, as SPEC §6 words it.")
            L.append("")
        if gt_cols:
            what = {"betweenness": "`betweenness()`",
                    "closeness": "`closeness()` + `closeness(harmonic=True)` towards each actor",
                    "all": "`betweenness()` + `closeness()` + `closeness(harmonic=True)` only (the path "
                           "measures; the others take stakemap well under a second)",
                    "weighted": "`betweenness()` + `closeness()` + `closeness(harmonic=True)`"}[key]
            L.append(f"graph-tool: {what}, on both cores (`openmp_set_num_threads(2)`), in-process "
                     "like igraph; on weighted maps it gets lengths L/weight (L the least common "
                     "multiple of the merged weights), as NetworkX does, because it compares path "
                     "lengths exactly; its closeness and harmonic are scaled back by L. The ratio to "
                     "graph-tool is graph-tool's time / stakemap's whole process.")
            L.append("")
    data["summary"] = summary

    mem = data.get("memory")
    L.append("## Memory")
    L.append("")
    if mem:
        L.append("Peak RSS of `stakemap validate` (reading, checking and building the map in memory), from "
                 "the inputs table: the small map's peak is the fixed cost (program, libraries, stack); "
                 "the two large maps have the same number of relations and different numbers of actors, "
                 "so the two differences above the small map give two equations, "
                 "ΔRSS = a · actors + r · relations, solved for the bytes per actor a and per relation r. "
                 "Both large maps come from the same generator (same fields per actor and relation), so "
                 "the figures are for that mix of fields; they include the file buffer if the reader "
                 "keeps it.")
        L.append("")
        L.append("| map | actors | relations | file | peak RSS |")
        L.append("| --- | ---: | ---: | ---: | ---: |")
        for name in mem["maps"]:
            inp = data["inputs"][name]
            L.append(f"| {name} | {inp['actors']:,} | {inp['relations']:,} | {inp['bytes'] / 1e6:.1f} MB | "
                     f"{_fmt_mib(inp['validate']['rss_kib'])} |")
        L.append("")
        L.append(f"- **{mem['per_actor']:.0f} bytes per actor**, **{mem['per_relation']:.0f} bytes per "
                 f"relation** ({mem['per_file_byte']:.2f} bytes of RSS per byte of JSON file on "
                 f"{mem['maps'][-1]}).")
    else:
        L.append("Not measured in this run (needs the 200k and 1M maps; skipped by `--smoke`).")
    L.append("")
    L.append("## Summary")
    L.append("")
    L.append("| row | stakemap | igraph | NetworkX | ratio | budget |")
    L.append("| --- | ---: | ---: | ---: | ---: | --- |")
    for row in summary:
        L.append("| " + " | ".join(row) + " |")
    L.append("")
    path.write_text("\n".join(L) + "\n", encoding="utf-8")


ROW_NOTES = {
    "betweenness": "(stakemap computes the betweenness of ties only when asked, with "
                   "`edge_betweenness` or `all`.) igraph: `g.betweenness(directed=…, weights=dist)`; NetworkX: "
                   "`betweenness_centrality(G, weight=dist, normalized=True)`. On weighted maps NetworkX "
                   "gets lengths L/weight, L the least common multiple of the merged weights: the "
                   "same shortest paths as 1/weight, but exact in floating point. "
                   "NetworkX compares path lengths exactly, so with 1/weight it would miss ties such as "
                   "1/2 + 1/3 + 1/6 = 1 that stakemap (exact whole units, docs/measures.md) and "
                   "igraph (epsilon comparison) see (on terr-1k it then differs by 9%).",
    "closeness": "igraph: `closeness(mode=\"in\")` and `harmonic_centrality(mode=\"in\")`; NetworkX: "
                 "`closeness_centrality` and `harmonic_centrality`.",
    "louvain": "Run k uses seed k (stakemap `--seed k`; igraph draws from Python's `random`, seeded "
               "with k; NetworkX `seed=k`). stakemap's time is the whole process; in brackets, "
               "Louvain's own: that time less the median of `stakemap centrality MAP --measures degree` "
               "(reading the map, building the graph, writing one column). "
               "igraph: `U.community_multilevel(weights=\"weight\")`; "
               "NetworkX 2.8: `louvain_communities(U, weight=\"weight\", seed=k)`. Q is the mean "
               "modularity over seeds 1–5 for stakemap and igraph (the seeds beyond the timed runs are "
               "not timed; one seed alone varies by about ±0.01) and over the timed runs for NetworkX. "
               "Agreement: stakemap's modularity for seed 1 is recomputed by igraph from its partition "
               "(must agree to 1e-9), and ΔQ = stakemap's mean Q − the library's (flagged when stakemap "
               "is more than 1% below igraph, SPEC §3).",
    "loading": "igraph / NetworkX: `json.load` of the same file plus building the graph of SPEC §2 "
               "(merging parallel relations), both timed here.",
    "approx": "Timed on the 200k map; the error is checked against stakemap's exact betweenness on the "
              "10,000-actor map, where exact betweenness is affordable and agrees with igraph.",
    "pagerank": "igraph: `pagerank(damping=0.85, weights=\"weight\")` (PRPACK); NetworkX: "
                "`pagerank(G, alpha=0.85, weight=\"weight\", tol=1e-12)`.",
    "coreness": "igraph: `U.coreness()`; NetworkX: `core_number(U)`.",
}


def memory_section(inputs):
    need = ["terr-1k", "load-1M", "terr-200k"]
    if not all(n in inputs and inputs[n]["validate"].get("status") == "ok" for n in need):
        return None
    small, a, b = (inputs[n] for n in need)
    base = small["validate"]["rss_kib"] * 1024
    da = a["validate"]["rss_kib"] * 1024 - base
    db = b["validate"]["rss_kib"] * 1024 - base
    # da = x * na + y * ma ; db = x * nb + y * mb  (relative to the small map's actors/relations)
    na, ma = a["actors"] - small["actors"], a["relations"] - small["relations"]
    nb, mb = b["actors"] - small["actors"], b["relations"] - small["relations"]
    det = na * mb - nb * ma
    x = (da * mb - db * ma) / det
    y = (na * db - nb * da) / det
    return {"maps": need, "per_actor": x, "per_relation": y,
            "per_file_byte": db / b["bytes"]}


# --------------------------------------------------------------------------------------------------


def loadavg():
    try:
        return " ".join(open("/proc/loadavg").read().split()[:3])
    except OSError:
        return "?"


def rusage_wrap(argv):
    """`run.py --rusage-wrap FILE CMD…`: runs CMD, writes its peak RSS (KiB) to FILE, exits with its code."""
    rssfile, cmd = argv[0], argv[1:]
    code = subprocess.run(cmd).returncode
    Path(rssfile).write_text(f"{resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}\n")
    return code if code >= 0 else 128 - code


def main():
    if len(sys.argv) > 2 and sys.argv[1] == "--rusage-wrap":
        return rusage_wrap(sys.argv[2:])
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=None, help="runs per tool and input (default 3; 1 with --smoke)")
    ap.add_argument("--nx-cap", type=float, default=None,
                    help="seconds a NetworkX run may compute before it is killed (default 120; 20 with --smoke)")
    ap.add_argument("--smoke", action="store_true", help="quick check: jazz + the 1k map, one run")
    ap.add_argument("--output", help="where to write the report (default docs/performance.md; a "
                                     "temporary file with --smoke)")
    ap.add_argument("--stakemap", default=os.environ.get("STAKEMAP", str(DEFAULT_STAKEMAP)),
                    help="the stakemap binary (default build/release/stakemap, or $STAKEMAP)")
    ap.add_argument("--only", help="comma-separated rows to run (betweenness, closeness, all, louvain, "
                                   "weighted, approx, loading, render, pagerank, coreness); for development")
    ap.add_argument("--results", help="also write the raw results as JSON to this file")
    ap.add_argument("--from-results", metavar="FILE",
                    help="write the report from raw results saved by --results, without measuring")
    # worker mode
    ap.add_argument("--worker", choices=["igraph", "networkx", "graph-tool"], help=argparse.SUPPRESS)
    ap.add_argument("--task", help=argparse.SUPPRESS)
    ap.add_argument("--map", help=argparse.SUPPRESS)
    ap.add_argument("--result", help=argparse.SUPPRESS)
    ap.add_argument("--started", help=argparse.SUPPRESS)
    ap.add_argument("--seed", type=int, default=1, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        return worker_main(args)

    if args.runs is None:
        args.runs = 1 if args.smoke else 3
    if args.nx_cap is None:
        args.nx_cap = 20.0 if args.smoke else 120.0
    args.stakemap = str(Path(args.stakemap).resolve())
    if not os.access(args.stakemap, os.X_OK):
        print(f"run.py: stakemap not found at {args.stakemap}; build it with "
              f"`cmake --build build/release -j2` or pass --stakemap", file=sys.stderr)
        return 2

    if args.from_results:
        data = json.loads(Path(args.from_results).read_text())
        out = Path(args.output) if args.output else DOC
        write_report(out, data, data.get("smoke", False))
        print(f"report written to {out} from {args.from_results} (no measurement)", file=sys.stderr)
        return 0
    # Time a copy: another engineer rebuilding build/release during the run cannot change it.
    WORK.mkdir(parents=True, exist_ok=True)
    snapshot = WORK / "stakemap-under-test"
    shutil.copy2(args.stakemap, snapshot)
    version_info = versions(str(snapshot))
    version_info["built"] = datetime.datetime.fromtimestamp(
        os.stat(args.stakemap).st_mtime, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    args.stakemap = str(snapshot)

    t_start = time.perf_counter()
    log = lambda msg: print(f"[{time.perf_counter() - t_start:7.1f} s] {msg}", file=sys.stderr, flush=True)
    plan = SMOKE_PLAN if args.smoke else FULL_PLAN
    if args.only:
        wanted = args.only.split(",")
        unknown = [w for w in wanted if w not in plan]
        if unknown:
            print(f"run.py: unknown rows {unknown}", file=sys.stderr)
            return 2
        plan = {k: v for k, v in plan.items() if k in wanted}

    command = "/usr/bin/python3 bench/run.py" + "".join(
        f" {a}" for a in sys.argv[1:])
    load_before = loadavg()
    bench = Bench(args, log)
    names = []
    for key, ns in plan.items():
        for n in ns:
            if n not in names:
                names.append(n)
    if not args.smoke and (not args.only):
        for n in ("terr-1k", "load-1M", "terr-200k"):  # memory section
            if n not in names:
                names.append(n)
    for n in names:
        ensure_input(n, log)
    inputs = bench.run_inputs(names)
    for key, ns in plan.items():
        bench.run_row(key, ns)

    data = {"command": command, "runs": args.runs, "nx_cap": args.nx_cap,
            "date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
            "machine": machine_info(), "versions": version_info, "smoke": args.smoke, "snapshot": True, "gnu_time": bench.runner.gnu_time,
            "inputs": inputs, "rows": bench.results, "load_before": load_before, "load_after": loadavg(),
            "memory": None if args.smoke else memory_section(inputs)}
    data["total_s"] = time.perf_counter() - t_start

    if args.output:
        out = Path(args.output)
    elif args.smoke:
        fd, name = tempfile.mkstemp(prefix="stakemap-bench-smoke-", suffix=".md")
        os.close(fd)
        out = Path(name)
    else:
        out = DOC
    write_report(out, data, args.smoke)
    if args.results:
        Path(args.results).write_text(json.dumps(data, indent=1, default=str))

    disagreements = [f"{key} on {name}: {e['agreement']['text']}"
                     for key, rows in bench.results.items() for name, e in rows.items()
                     if "agreement" in e and not e["agreement"].get("ok", False)]
    print(f"report written to {out}", file=sys.stderr)
    print("\n".join("  " + " | ".join(r) for r in data["summary"]), file=sys.stderr)
    for f in bench.failures:
        print(f"FAILED: {f}", file=sys.stderr)
    for d in disagreements:
        print(f"DISAGREES: {d}", file=sys.stderr)
    print(f"total {data['total_s']:.1f} s", file=sys.stderr)
    return 1 if (bench.failures or disagreements) else 0


if __name__ == "__main__":
    sys.exit(main())
