#!/usr/bin/env python3
"""Reads what an Italian user reads: every command on every example with --lang it (tables and
Markdown, warnings and notes on stderr included) and every --help, and fails on
- a singular/plural mismatch ("1 attori", "2 attore"),
- a wrong article or elision before a number ("il 88%", "l'30%"),
- an English id of the vocabulary inside the text (sector, service, kind, relation type, level,
  formality, goal ids whose Italian label differs), or common English words.

Usage: italian_outputs.py STAKEMAP [EXAMPLE_DIR...]
"""
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Nouns whose singular and plural differ, as the outputs use them.
NOUNS = {
    "attore": "attori", "relazione": "relazioni", "legame": "legami", "servizio": "servizi",
    "bisogno": "bisogni", "lingua": "lingue", "punto": "punti", "componente": "componenti",
    "avvertimento": "avvertimenti", "errore": "errori", "raggruppamento": "raggruppamenti",
    "membro": "membri", "volta": "volte", "persona": "persone", "residente": "residenti",
    "collegamento": "collegamenti", "zona": "zone", "quartiere": "quartieri", "regola": "regole",
    "ufficio": "uffici", "passo": "passi", "sportello": "sportelli", "comune": "comuni",
}
ENGLISH_WORDS = ["the", "of", "and", "with", "without", "which", "their", "its", "actors",
                 "actor", "ties", "tie", "services", "neighbourhood", "reach", "reached",
                 "missing", "none", "loses", "lose", "through", "partners of"]
GOALS = ["reach", "connect", "resilience"]
# In --help, option values (reach, none…) are what the user types: only prose words count there.
HELP_ENGLISH_WORDS = ["the", "of", "and", "with", "without", "which", "their", "its", "actors"]


def vocabulary_ids():
    ids = set()
    for name in ["sectors", "services", "kinds", "relation_types", "levels", "formality"]:
        for term in json.loads((ROOT / "data" / "vocab" / f"{name}.json").read_text()):
            label = term.get("label", {})
            italian = label.get("it", "") if isinstance(label, dict) else ""
            # An id that is also an Italian word of its own label ("consulta") is not English.
            if term["id"].lower() in re.split(r"[^\w]+", italian.lower()):
                continue
            ids.add(term["id"])
    return ids | set(GOALS)


def problems_in(text, ids, check_ids=True):
    english_words = ENGLISH_WORDS if check_ids else HELP_ENGLISH_WORDS
    found = []
    for line in text.splitlines():
        lower = line.lower()
        for singular, plural in NOUNS.items():
            if re.search(rf"(?<![\d.,])\b1 {plural}\b", lower):
                found.append(f"plural after 1: {line.strip()}")
            if re.search(rf"\b([2-9]|[1-9]\d+) {singular}\b", lower):
                found.append(f"singular after a number > 1: {line.strip()}")
        if re.search(r"\bil (8|11\b|1[%,]|8\d)", lower) or re.search(r"\bil 1(?=[%,\s])", lower):
            found.append(f"article: 'il' before a number read with a vowel: {line.strip()}")
        if re.search(r"\bl'(0|[2-79]|1[02-9]|[2-79]\d)", lower):
            found.append(f"elision before a number read with a consonant: {line.strip()}")
        if re.search(r"\b(il|lo|l')\s?\d+\.\d", lower):
            found.append(f"decimal point in Italian text: {line.strip()}")
        for word in english_words:
            if re.search(rf"(?<![-_/.\w]){re.escape(word)}(?![-_/.\w=])", lower):
                found.append(f"English word «{word}»: {line.strip()}")
        if check_ids:
            # A value after an option ("--goal connect") is what the user types, not prose.
            prose = re.sub(r"--[a-z-]+ [\w-]+", "", line)
            for term in ids:
                if re.search(rf"(?<![-_/.\w]){re.escape(term)}(?![-_/.\w=])", prose):
                    found.append(f"English id «{term}»: {line.strip()}")
    return found


def run(exe, args):
    result = subprocess.run([exe, *args], capture_output=True, text=True, cwd=ROOT,
                            env={"LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin"})
    return result.stdout + result.stderr


def main():
    exe = sys.argv[1]
    examples = sys.argv[2:] or ["examples/roma-municipio-ii", "examples/prato",
                                "examples/unione-comuni"]
    ids = vocabulary_ids()
    commands = [["stats"], ["centrality", "--top", "10", "--by", "sector"], ["communities"],
                ["coverage"], ["gaps"], ["suggest", "--goal", "reach", "--k", "3"],
                ["suggest", "--goal", "coverage", "--k", "3"], ["validate"]]
    failures = []
    for example in examples:
        map_path = f"{example}/map.json"
        for command in commands:
            for output in ["table", "md"]:
                args = [command[0], map_path, *command[1:], "--lang", "it", "--format", output]
                for problem in problems_in(run(exe, args), ids):
                    failures.append(f"{' '.join(args)}: {problem}")
        # diff: the later round of the example, and the map itself at two dates.
        for args in [["diff", map_path, f"{example}/map-2026.json", "--format", "table"],
                     ["diff", map_path, f"{example}/map-2026.json", "--format", "md"],
                     ["diff", map_path, "--at", "2023-01-01", "--at", "2025-01-01",
                      "--format", "table"]]:
            args = [*args, "--lang", "it"]
            for problem in problems_in(run(exe, args), ids):
                failures.append(f"{' '.join(args)}: {problem}")
        first_actor = json.loads((ROOT / map_path).read_text())["actors"][0]["id"]
        args = ["profile", map_path, first_actor, "--lang", "it", "--format", "table"]
        for problem in problems_in(run(exe, args), ids):
            failures.append(f"{' '.join(args)}: {problem}")
    for command in ["stats", "centrality", "communities", "coverage", "gaps", "suggest",
                    "profile", "diff", "render", "validate"]:
        args = [command, "--help", "--lang", "it"]
        for problem in problems_in(run(exe, args), ids, check_ids=False):
            failures.append(f"{' '.join(args)}: {problem}")
    for line in sorted(set(failures)):
        print(line)
    print(f"{len(set(failures))} problems")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
