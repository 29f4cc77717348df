#!/usr/bin/env python3
"""Checks that a command's CSV is its JSON results as data: the same rows in the same order, one
column per key, and every value equal to the JSON's (numbers read back to the same double), read by
Python's csv module. With --excel-it: the UTF-8 BOM, ';' as separator and the decimal comma.

Usage: csv_matches_json.py STAKEMAP RECORDS_KEY [--excel-it] -- ARGS...
RECORDS_KEY names the array of the JSON results the CSV holds ("actors", "goal.links"); "." for the
whole results.
"""
import csv
import io
import json
import subprocess
import sys


def main():
    exe, key = sys.argv[1], sys.argv[2]
    excel = "--excel-it" in sys.argv[3:sys.argv.index("--")]
    args = sys.argv[sys.argv.index("--") + 1:]
    as_json = json.loads(subprocess.run([exe, *args, "--format", "json"], check=True,
                                        capture_output=True).stdout)
    csv_args = [exe, *args, "--format", "csv"] + (["--excel-it"] if excel else [])
    raw = subprocess.run(csv_args, check=True, capture_output=True).stdout
    if excel:
        assert raw.startswith(b"\xef\xbb\xbf"), "--excel-it output lacks the UTF-8 BOM"
        raw = raw[3:]
    text = raw.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";" if excel else ","))
    header, body = rows[0], rows[1:]
    results = as_json["results"]
    records = results
    if key != ".":
        for part in key.split("."):
            records = records[part]
    if isinstance(records, dict):
        records = [records]
    assert len(body) == len(records), f"{len(body)} CSV rows, {len(records)} JSON records"

    def flatten(value, prefix=""):
        if isinstance(value, dict) and value:
            out = {}
            for k, v in value.items():
                out.update(flatten(v, f"{prefix}.{k}" if prefix else k))
            return out
        return {prefix or "value": value}

    checked = 0
    for row, record in zip(body, records):
        assert len(row) == len(header), f"ragged row {row}"
        cells = dict(zip(header, row))
        flat = flatten(record)
        assert set(flat) <= set(header), f"JSON keys missing from the CSV: {set(flat) - set(header)}"
        for column, value in flat.items():
            cell = cells[column]
            if value is None:
                assert cell == "", (column, cell)
            elif isinstance(value, bool):
                assert cell == ("true" if value else "false"), (column, cell)
            elif isinstance(value, (int, float)):
                number = cell.replace(",", ".") if excel else cell
                assert float(number) == float(value), (column, cell, value)
            elif isinstance(value, str):
                # Text that a spreadsheet would run as a formula carries a leading quote.
                expected = value
                if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
                    expected = "'" + value
                assert cell == expected, (column, cell, value)
            elif isinstance(value, list) and all(not isinstance(x, (dict, list)) for x in value):
                assert cell == "|".join(str(x) for x in value) or cell == json.dumps(value), (column, cell)
            checked += 1
    print(f"{len(records)} rows, {checked} values equal")


if __name__ == "__main__":
    main()
