#!/usr/bin/env python3
"""Reruns every `$ stakemap …` example of docs/*.md with the built binary and writes its real output
under it, so the documentation shows what the code prints. A segment whose command line ends with a
note in parentheses after three spaces ("   (first actor)") is shown shortened on purpose and left
alone. Run after building: /usr/bin/python3 scripts/update-cli-doc.py [build/release/stakemap]
"""
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BINARY = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "build" / "release" / "stakemap").resolve()


def run(command):
    shell = re.sub(r"(^|\|\s*)stakemap\b", lambda m: m.group(1) + str(BINARY), command)
    env = {"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8", "COLUMNS": "80"}
    result = subprocess.run(["bash", "-o", "pipefail", "-c", shell + " 2>&1"], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    return result.stdout


def update(path):
    text = path.read_text(encoding="utf-8")
    out = []
    lines = text.split("\n")
    i = 0
    in_block = False
    changed = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("```"):
            in_block = not in_block
            out.append(line)
            i += 1
            continue
        if in_block and line.startswith("$ stakemap"):
            # A command may go on over lines that end with a backslash.
            k = i
            while lines[k].endswith("\\") and k + 1 < len(lines):
                k += 1
            command_lines = lines[i:k + 1]
            command = " ".join(l.rstrip("\\").strip() for l in command_lines)[2:]
            j = k + 1
            while j < len(lines) and not lines[j].startswith("$ stakemap") and not lines[j].startswith("```"):
                j += 1
            output = ""
            if not re.search(r"\s{3}\(.*\)\s*$", command):
                output = run(command).rstrip("\n")
            if re.search(r"\s{3}\(.*\)\s*$", command) or "No such file or directory" in output:
                # Shortened on purpose, or an illustration with a file that is not in the repository.
                out.extend(lines[i:j])
            else:
                new = command_lines + (output.split("\n") if output else [])
                if new != lines[i:j]:
                    changed += 1
                out.extend(new)
            i = j
            continue
        out.append(line)
        i += 1
    path.write_text("\n".join(out), encoding="utf-8")
    return changed


def main():
    for path in sorted((ROOT / "docs").glob("*.md")):
        changed = update(path)
        if changed:
            print(f"{path.relative_to(ROOT)}: {changed} examples updated")


if __name__ == "__main__":
    main()
