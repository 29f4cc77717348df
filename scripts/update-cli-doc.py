#!/usr/bin/env python3
"""Reruns every `$ stakemap …` example of docs/*.md with the built binary and writes its real output
under it, so the documentation shows what the code prints. A segment whose command line ends with a
note in parentheses after three spaces ("   (first actor)") is shown shortened on purpose and left
alone. Run after building: /usr/bin/python3 scripts/update-cli-doc.py [build/release/stakemap]
With --check it changes no page, names the examples whose output differs and exits with 1 (a CTest
test runs it so, so that no example in the docs goes stale); the examples still run, and the merge
example writes its /tmp/consensus.json.
"""
import argparse
import difflib
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BINARY = ROOT / "build" / "release" / "stakemap"


def run(command):
    shell = re.sub(r"(^|\|\s*)stakemap\b", lambda m: m.group(1) + str(BINARY), command)
    env = {"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8", "COLUMNS": "80"}
    # A sanitizer build's settings (leak suppressions for the libraries) come from the test preset.
    env.update({k: v for k, v in os.environ.items() if k.endswith("SAN_OPTIONS")})
    result = subprocess.run(["bash", "-o", "pipefail", "-c", shell + " 2>&1"], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    return result.stdout


def update(path, check):
    """Brings the examples of one page up to date; with `check`, only reports those that differ."""
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
                    if check:
                        print(f"{path.relative_to(ROOT)}:{i + 1}: the output of `{command}` differs:")
                        sys.stdout.writelines(
                            f"  {d}\n" for d in difflib.unified_diff(
                                lines[i + len(command_lines):j], new[len(command_lines):],
                                "docs", "stakemap", lineterm="", n=1))
                out.extend(new)
            i = j
            continue
        out.append(line)
        i += 1
    if not check:
        path.write_text("\n".join(out), encoding="utf-8")
    return changed


def main():
    global BINARY
    parser = argparse.ArgumentParser(description="Rerun the `$ stakemap ...` examples of docs/*.md "
                                     "and write their real output under them.")
    parser.add_argument("binary", nargs="?", default=str(BINARY),
                        help="the stakemap binary (default build/release/stakemap)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; list the examples whose output differs, exit 1 if any")
    args = parser.parse_args()
    BINARY = Path(args.binary).resolve()
    if not (BINARY.is_file() and os.access(BINARY, os.X_OK)):
        sys.exit(f"update-cli-doc: {BINARY} is not an executable file; build stakemap first "
                 "or name the binary")
    stale = 0
    for path in sorted((ROOT / "docs").glob("*.md")):
        changed = update(path, args.check)
        stale += changed
        if changed and not args.check:
            print(f"{path.relative_to(ROOT)}: {changed} examples updated")
    if args.check and stale:
        print(f"{stale} examples in docs/ differ from what stakemap prints: run "
              "/usr/bin/python3 scripts/update-cli-doc.py after building, and read the change")
        sys.exit(1)


if __name__ == "__main__":
    main()
