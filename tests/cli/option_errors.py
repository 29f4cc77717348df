#!/usr/bin/env python3
"""Every kind of option error, for every command: exit code 2 and a short message, never a crash.

Usage: option_errors.py STAKEMAP COMMAND:--OPTION [COMMAND:--OPTION …]

The arguments are the options that take a count (the list tests/CMakeLists.txt keeps). The commands
and their options are read from `stakemap --help` and each `stakemap COMMAND --help`, so a new
command or option is covered without editing this file. For each command:

- no arguments at all (no map);
- an unknown option (`--no-such-option`);
- each option that takes a value, given last without its value;
- an option given twice (`--lang it --lang en`);
- each count option given `abc`, `1.5`, `-1` and `99999999999999999999999`;
and `stakemap` with no command and with an unknown command.

Every case must end with exit code 2, nothing on stdout, and on stderr one line
`stakemap: error: …` followed by the hint to run `stakemap COMMAND --help` (or `stakemap --help`);
never "terminate called", an abort, a signal, or a stack trace.
"""
import re
import subprocess
import sys

MAP = "examples/prato/map.json"


def commands(exe):
    text = subprocess.run([exe, "--help"], capture_output=True, text=True).stdout
    section = text.split("Commands:\n", 1)[1].split("\n\n", 1)[0]
    return [m.group(1) for m in re.finditer(r"^  ([a-z]+) ", section, re.M)]


def options_taking_values(exe, command):
    """The long options of `command --help` that take a value ("--name arg")."""
    text = subprocess.run([exe, command, "--help", "--lang", "en"], capture_output=True,
                          text=True).stdout
    found = re.findall(r"^\s+(?:-\w \[ )?--([a-z-]+)(?: \])? arg", text, re.M)
    return sorted(set(found))


def main():
    exe = sys.argv[1]
    counts = {}
    for pair in sys.argv[2:]:
        command, option = pair.split(":")
        counts.setdefault(command, []).append(option)
    # (kind, command, arguments, the hint the error must end with)
    cases = [("no command", None, [], "stakemap --help"),
             ("unknown command", None, ["nosuchcommand", MAP], "stakemap --help")]
    names = commands(exe)
    if len(names) < 15:
        print(f"FAIL: only {len(names)} commands found in stakemap --help", file=sys.stderr)
        sys.exit(1)
    for command in names:
        hint = f"stakemap {command} --help"
        cases.append(("no map", command, [command], hint))
        cases.append(("unknown option", command, [command, MAP, "--no-such-option"], hint))
        cases.append(("repeated option", command, [command, MAP, "--lang", "it", "--lang", "en"],
                      hint))
        for option in options_taking_values(exe, command):
            cases.append(("option without value", command, [command, MAP, f"--{option}"], hint))
        for option in counts.get(command, []):
            for value in ["abc", "1.5", "-1", "99999999999999999999999"]:
                cases.append((f"count {value}", command, [command, MAP, option, value], hint))
    # A name that would drive the terminal (clear the screen, ring the bell) quoted in an error.
    cases.append(("control characters in a quoted name", "profile",
                  ["profile", MAP, "x\x1b[2J\x07y", "-q"], "stakemap profile --help"))
    failures = []
    per_kind = {}
    for kind, command, arguments, hint in cases:
        done = subprocess.run([exe] + arguments, capture_output=True, text=True)
        lines = done.stderr.splitlines()
        problems = []
        if done.returncode != 2:
            problems.append(f"exit code {done.returncode}")
        if done.stdout:
            problems.append(f"stdout not empty: {done.stdout[:80]!r}")
        if not lines or not lines[0].startswith("stakemap: error: "):
            problems.append("no 'stakemap: error:' first line")
        if len(lines) != 2 or hint not in lines[-1]:
            problems.append(f"expected the error and the hint `{hint}`, got {len(lines)} lines")
        if "\x1b" in done.stderr or "\x07" in done.stderr:
            problems.append("a control character from the input reached stderr")
        for bad in ("terminate called", "Aborted", "what():", "Segmentation", "AddressSanitizer",
                    "runtime error"):
            if bad in done.stderr:
                problems.append(f"'{bad}' on stderr")
        per_kind[kind] = per_kind.get(kind, 0) + 1
        if problems:
            failures.append(f"stakemap {' '.join(arguments)}: {'; '.join(problems)}\n"
                            f"    stderr: {done.stderr.strip()[:300]!r}")
    for kind, count in sorted(per_kind.items()):
        print(f"{count:5d}  {kind}")
    print(f"{len(cases)} option errors over {len(names)} commands, {len(failures)} failed")
    if failures:
        print("FAIL:\n" + "\n".join(failures), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
