#!/usr/bin/env python3
"""Every command's output is the same bytes on every run, with any number of threads, in any locale.

Usage: determinism.py STAKEMAP WORKDIR

Each job below (every command, in each of its output formats) is run four times, writing with -o
into a folder of its own: once as the reference, once more, once with --threads 1 against
--threads 2 where the command computes in parallel, and once under LC_ALL=C against
LC_ALL=it_IT.UTF-8 (the language is fixed with --lang, so that only the locale changes: numbers
must never take a decimal comma, nor sorting the locale's order). Every file of every run must
equal the reference byte for byte. Run from the repository's root.
"""
import filecmp
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROMA = "examples/roma-municipio-ii/map.json"
ROMA_2026 = "examples/roma-municipio-ii/map-2026.json"
PRATO = "examples/prato/map.json"
INFORMANTS = ["examples/informants/anna.json", "examples/informants/bruno.json",
              "examples/informants/carla.json"]
OPTIONS = ["--option", "examples/roma-municipio-ii/options/mediazione.json",
           "--option", "examples/roma-municipio-ii/options/sportello.json"]

# (name, arguments before -o, output name, takes --threads)
JOBS = [
    ("validate", ["validate", ROMA, "--format", "json"], "out.json", False),
    ("stats-json", ["stats", ROMA], "out.json", True),
    ("stats-csv", ["stats", ROMA], "out.csv", True),
    ("centrality-json", ["centrality", ROMA, "--measures", "all"], "out.json", True),
    ("centrality-csv", ["centrality", ROMA, "--measures", "all"], "out.csv", True),
    ("centrality-md", ["centrality", ROMA, "--measures", "all"], "out.md", True),
    ("centrality-approx", ["centrality", ROMA, "--measures", "betweenness", "--approx", "0.05"],
     "out.json", True),
    ("communities-louvain", ["communities", ROMA, "--method", "louvain"], "out.json", True),
    ("communities-leiden", ["communities", ROMA, "--method", "leiden"], "out.json", True),
    ("communities-labelprop", ["communities", ROMA, "--method", "labelprop"], "out.json", True),
    ("coverage", ["coverage", ROMA], "out.json", True),
    ("coverage-md", ["coverage", ROMA], "out.md", True),
    ("gaps", ["gaps", ROMA], "out.json", True),
    ("gaps-csv", ["gaps", ROMA], "out.csv", True),
    ("suggest", ["suggest", ROMA], "out.json", True),
    ("assess", ["assess", ROMA, "--previous", PRATO], "out.json", True),
    ("profile", ["profile", PRATO, "comune-prato"], "out.json", True),
    ("diff", ["diff", ROMA, ROMA_2026], "out.json", True),
    ("diff-md", ["diff", ROMA, ROMA_2026], "out.md", True),
    ("merge", ["merge"] + INFORMANTS + ["-q"], "out.json", False),
    ("compare", ["compare", ROMA] + OPTIONS, "out.json", True),
    ("render-svg", ["render", ROMA, "--cluster", "area", "--size-by", "betweenness",
                    "--highlight", "gaps"], "out.svg", True),
    ("render-png", ["render", PRATO, "--paper", "A3"], "out.png", True),
    ("render-pdf", ["render", PRATO, "--paper", "A3"], "out.pdf", True),
    ("render-dot", ["render", ROMA, "--cluster", "area"], "out.dot", True),
    ("render-grid", ["render", PRATO, "--view", "grid"], "out.svg", True),
    ("render-coverage", ["render", ROMA, "--view", "coverage"], "out.svg", True),
    ("report-html", ["report", ROMA, "--previous", ROMA_2026, "-q"], "out.html", True),
    ("report-md", ["report", PRATO, "-q"], "out.md", True),
    ("export-graphml", ["export", ROMA, "--to", "graphml"], "out.graphml", False),
    ("export-gexf", ["export", ROMA, "--to", "gexf"], "out.gexf", False),
    ("export-node-link", ["export", ROMA, "--to", "node-link"], "out.json", False),
    ("export-pajek", ["export", ROMA, "--to", "pajek"], "out.net", False),
    ("export-kumu", ["export", ROMA, "--to", "kumu"], "out.json", False),
    ("export-dot", ["export", ROMA, "--to", "dot"], "out.dot", False),
    ("export-csv", ["export", ROMA, "--to", "csv"], "sheets", False),
    ("export-xlsx", ["export", ROMA, "--to", "xlsx"], "out.xlsx", False),
    ("template-xlsx", ["template"], "out.xlsx", False),
    ("template-csv", ["template", "--to", "csv"], "sheets", False),
]


def fail(message):
    print(f"FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def run(exe, arguments, folder, output, env):
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    done = subprocess.run([exe] + arguments + ["-o", str(folder / output)],
                          capture_output=True, env=env)
    if done.returncode not in (0, 1):
        fail(f"stakemap {' '.join(arguments)} exited {done.returncode}: "
             f"{done.stderr.decode()[:400]}")
    return folder


def same_tree(a, b):
    comparison = filecmp.dircmp(a, b)
    if comparison.left_only or comparison.right_only:
        return False
    _, mismatch, errors = filecmp.cmpfiles(a, b, comparison.common_files, shallow=False)
    if mismatch or errors:
        return False
    return all(same_tree(a / d, b / d) for d in comparison.common_dirs)


def main():
    exe, work = sys.argv[1], Path(sys.argv[2])
    base_env = dict(os.environ, LC_ALL="C.UTF-8")
    italian_env = dict(os.environ, LC_ALL="it_IT.UTF-8")
    checks = 0
    for name, arguments, output, threaded in JOBS:
        for language in ("en", "it"):
            args = arguments + ["--lang", language]
            reference = run(exe, args, work / name / language / "reference", output, base_env)
            variants = [("again", args, base_env), ("locale", args, italian_env)]
            if threaded:
                variants.append(("threads-1", args + ["--threads", "1"], base_env))
                variants.append(("threads-2", args + ["--threads", "2"], base_env))
            for variant, variant_args, env in variants:
                folder = run(exe, variant_args, work / name / language / variant, output, env)
                checks += 1
                if not same_tree(reference, folder):
                    fail(f"{name} --lang {language}: the {variant} run differs from the first "
                         f"(compare {reference} and {folder})")
    print(f"{len(JOBS)} outputs × 2 languages: {checks} runs byte-identical to the first "
          "(again, LC_ALL=it_IT.UTF-8 against C, --threads 1 and 2)")


if __name__ == "__main__":
    main()
