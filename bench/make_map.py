#!/usr/bin/python3
"""Writes a deterministic territorial stakemap/1 map of any size, for timing and profiling.

    /usr/bin/python3 bench/make_map.py -o bench/work/terr-20k.json --actors 20000

The territory is a city with districts and, below them, neighbourhoods (about one neighbourhood per
100 actors, one district per 8 neighbourhoods), each with population, foreign residents and language
shares. Actors have a kind (most from the default vocabulary, one defined in the map with its own
sector), a level, an area (a neighbourhood, sometimes a district), services, sometimes the areas they
serve, languages and power/interest scores. Relations are weighted (1-5) and typed; 85% stay inside
the source's neighbourhood, some are directed referrals, some have dates. Needs give the demand of a
few services per neighbourhood. The same arguments always write the same bytes.
"""

import argparse
import json
import os
import random

KINDS = [  # (kind, relative frequency); sectors come from stakemap's default vocabulary
    ("association", 14), ("third_sector_coop", 10), ("social_service", 8), ("help_desk", 6),
    ("school", 8), ("health_service", 6), ("migrant_association", 9), ("religious_group", 6),
    ("community_group", 6), ("employer", 7), ("trade_union", 3), ("municipality", 2),
    ("cultural_mediator", 5), ("adult_education", 3), ("reception_centre", 3),
    ("employment_centre", 2), ("bench_bridge_desk", 2)]
SERVICES = ["information", "legal_permits", "registry", "italian_courses", "cultural_mediation",
            "housing", "employment", "vocational_training", "health_orientation",
            "school_enrolment", "social_assistance", "minors", "asylum_reception", "participation"]
LEVELS = ["neighbourhood", "district", "municipal"]
LANGS = ["ar", "ro", "sq", "zh", "uk", "es", "tl", "bn", "ur", "fr", "en", "wo"]
TYPES = ["information", "referral", "collaboration", "coordination", "funding", "membership",
         "mediation"]
FORMALITIES = ["informal", "agreement", "protocol", "contract"]


def weighted_pick(rng, items, weights):
    total = sum(weights)
    x = rng.random() * total
    for item, weight in zip(items, weights):
        x -= weight
        if x < 0:
            return item
    return items[-1]


def language_shares(rng):
    chosen = rng.sample(LANGS, rng.randint(2, 6))
    raw = [rng.random() for _ in chosen]
    scale = rng.uniform(0.6, 0.95) / sum(raw)
    return {code: round(value * scale, 2) for code, value in sorted(zip(chosen, raw))}


def make_map(actor_count, relations_per_actor, seed):
    rng = random.Random(seed)
    neighbourhood_count = max(2, actor_count // 100)
    district_count = max(1, neighbourhood_count // 8)
    areas = [{"id": "city", "name": "Città", "population": 0, "foreign_residents": 0}]
    for d in range(district_count):
        areas.append({"id": f"district-{d + 1:03d}", "name": f"Municipio {d + 1}",
                      "parent": "city"})
    neighbourhoods = []
    for q in range(neighbourhood_count):
        population = rng.randint(2000, 40000)
        area = {"id": f"nbh-{q + 1:04d}", "name": f"Quartiere {q + 1}",
                "parent": f"district-{q % district_count + 1:03d}", "population": population,
                "foreign_residents": int(population * rng.uniform(0.05, 0.35)),
                "languages": language_shares(rng)}
        areas.append(area)
        neighbourhoods.append(area["id"])
        areas[0]["population"] += population
        areas[0]["foreign_residents"] += area["foreign_residents"]

    kinds = [{"id": "bench_bridge_desk", "label": {"it": "Sportello ponte", "en": "Bridge desk"},
              "sector": "bridge", "access_point": True}]
    services = [{"id": "bench_night_desk",
                 "label": {"it": "Sportello serale", "en": "Evening desk"}}]
    kind_names = [k for k, _ in KINDS]
    kind_weights = [w for _, w in KINDS]

    actors, home = [], []
    for i in range(actor_count):
        q = rng.randrange(neighbourhood_count)
        actor = {"id": f"a{i + 1:06d}", "name": f"Attore {i + 1}",
                 "kind": weighted_pick(rng, kind_names, kind_weights),
                 "level": LEVELS[rng.randrange(len(LEVELS))]}
        if actor["level"] == "district" and rng.random() < 0.5:
            actor["area"] = f"district-{q % district_count + 1:03d}"
        else:
            actor["area"] = neighbourhoods[q]
        if rng.random() < 0.3:
            actor["short"] = f"A{i + 1}"
        actor["services"] = sorted(rng.sample(SERVICES, rng.randint(1, 3)))
        if rng.random() < 0.02:
            actor["services"].append("bench_night_desk")
        if rng.random() < 0.1:
            actor["serves"] = sorted(rng.sample(neighbourhoods, min(3, neighbourhood_count)))
        elif rng.random() < 0.005:
            actor["serves"] = "*"
        if rng.random() < 0.3:
            actor["languages"] = sorted(rng.sample(LANGS, rng.randint(1, 3)))
        if rng.random() < 0.3:
            actor["power"], actor["interest"] = rng.randint(1, 5), rng.randint(1, 5)
        actors.append(actor)
        home.append(q)

    members = [[] for _ in range(neighbourhood_count)]
    for i, q in enumerate(home):
        members[q].append(i)
    relations, pairs = [], set()
    wanted = actor_count * relations_per_actor
    attempts = 0
    while len(relations) < wanted and attempts < wanted * 20:
        attempts += 1
        u = rng.randrange(actor_count)
        local = members[home[u]]
        v = local[rng.randrange(len(local))] if rng.random() < 0.85 else rng.randrange(actor_count)
        if u == v:
            continue
        key = (min(u, v), max(u, v))
        if key in pairs and rng.random() >= 0.02:
            continue
        pairs.add(key)
        directed = rng.random() < 0.05
        relation = {"source": actors[u]["id"], "target": actors[v]["id"],
                    "type": "referral" if directed else TYPES[rng.randrange(len(TYPES))],
                    "weight": rng.randint(1, 5)}
        if directed:
            relation["directed"] = True
        if rng.random() < 0.3:
            relation["since"] = f"20{rng.randint(15, 23)}-{rng.randint(1, 12):02d}-01"
        if rng.random() < 0.2:
            relation["formality"] = FORMALITIES[rng.randrange(len(FORMALITIES))]
        relations.append(relation)

    needs = []
    for q in neighbourhoods:
        for service in sorted(rng.sample(SERVICES, 2)):
            needs.append({"area": q, "service": service, "demand": rng.randint(10, 500)})

    return {"format": "stakemap/1",
            "title": f"Territorio di prova, {actor_count} attori",
            "date": "2024-10-15",
            "description": (f"Generated by bench/make_map.py: {actor_count} actors, "
                            f"{len(areas)} areas, {len(relations)} relations, seed {seed}."),
            "directed": False, "areas": areas, "kinds": kinds, "services": services,
            "actors": actors, "relations": relations, "needs": needs}


def write(path, document):
    """One area, kind, actor, relation or need per line: valid JSON with readable line numbers."""
    dump = lambda o: json.dumps(o, ensure_ascii=False, separators=(", ", ": "))
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("{\n")
        keys = list(document)
        for n, key in enumerate(keys):
            value = document[key]
            end = ",\n" if n + 1 < len(keys) else "\n"
            if isinstance(value, list):
                f.write(f' "{key}": [\n  ' + ",\n  ".join(dump(x) for x in value) + "\n ]" + end)
            else:
                f.write(f" {dump(key)}: {dump(value)}" + end)
        f.write("}\n")
    os.replace(tmp, path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-o", "--output", required=True, help="map file to write")
    parser.add_argument("--actors", type=int, default=20000, help="number of actors (default 20000)")
    parser.add_argument("--relations-per-actor", type=int, default=3,
                        help="relations per actor (default 3)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args()
    if args.actors < 2:
        parser.error("--actors must be at least 2")
    write(args.output, make_map(args.actors, args.relations_per_actor, args.seed))


if __name__ == "__main__":
    main()
