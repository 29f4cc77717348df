#!/usr/bin/env python3
"""Every help text fits a terminal of 80 columns, in English and in Italian: `stakemap --help` and
each `stakemap COMMAND --help`, all of their lines at most 80 characters (characters, not bytes:
Italian has accented letters), except the example command lines, which are kept whole so that they
can be copied.

Usage: help_width.py STAKEMAP
"""
import re
import subprocess
import sys

WIDTH = 80


def help_text(exe, arguments, lang):
    done = subprocess.run([exe] + arguments + ["--help", "--lang", lang], capture_output=True,
                          text=True, encoding="utf-8")
    if done.returncode != 0:
        sys.exit(f"FAIL: stakemap {' '.join(arguments)} --help --lang {lang}: exit code "
                 f"{done.returncode}\n{done.stderr}")
    return done.stdout


def main():
    exe = sys.argv[1]
    listing = help_text(exe, [], "en")
    section = listing.split("Commands:\n", 1)[1].split("\n\n", 1)[0]
    commands = re.findall(r"^  ([a-z][a-z-]*) ", section, re.M)
    if len(commands) < 15:
        sys.exit(f"FAIL: only {len(commands)} commands found in stakemap --help")
    failures = []
    checked = 0
    for lang in ("en", "it"):
        for arguments in [[]] + [[c] for c in commands]:
            for number, line in enumerate(help_text(exe, arguments, lang).splitlines(), 1):
                checked += 1
                if len(line) > WIDTH and not line.startswith("  stakemap "):
                    command = " ".join(["stakemap"] + arguments + ["--help", "--lang", lang])
                    failures.append(f"{command}, line {number}: {len(line)} characters: "
                                    f"{line[:60]}…")
    if failures:
        print("FAIL: help lines wider than 80 characters:\n" + "\n".join(failures))
        sys.exit(1)
    print(f"ok: {checked} lines of {2 * (len(commands) + 1)} help texts, none over {WIDTH} "
          "characters")


if __name__ == "__main__":
    main()
