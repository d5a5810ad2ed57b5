#!/usr/bin/env python3
"""How many of the changes `clientgen diff OLD NEW` reports are only renames
of inline types: a retyped field, parameter, variant or return type whose old
and new types differ only in the names of types defined alike.

    python3 tests/bench/renames.py OLD_SPEC NEW_SPEC [--clientgen BINARY]

Prints the count of retypes, the count that are only renames, and the first
few of those. The measure of issue 20 (stable names): on GitHub 22.0.0 →
23.0.2 it should find none.
"""

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

RETYPED = re.compile(r"is now `(?P<now>.+?)` \(was `(?P<was>.+?)`\)|now holds `(?P<holds>.+?)` \(was `(?P<held>.+?)`\)")
TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|\S")
DEFINITION = re.compile(r"^pub (struct|enum|type) ([A-Za-z0-9_]+)", re.M)


def definitions(path):
    """Each public type's definition text, by name (the block after its name)."""
    text = Path(path).read_text()
    found = {}
    for match in DEFINITION.finditer(text):
        start = match.end()
        if match.group(1) == "type":
            end = text.index(";", start)
        else:
            end = start
            depth = 0
            while True:
                c = text[end]
                if c == "{":
                    depth += 1
                elif c == "}":
                    depth -= 1
                    if depth == 0:
                        break
                elif c == ";" and depth == 0:
                    break
                end += 1
        found[match.group(2)] = text[start : end + 1]
    return found


def only_renames(was, now, old_defs, new_defs):
    old_tokens, new_tokens = TOKEN.findall(was), TOKEN.findall(now)
    if len(old_tokens) != len(new_tokens):
        return False
    pairs = {(o, n) for o, n in zip(old_tokens, new_tokens) if o != n}
    if not pairs or any(o not in old_defs or n not in new_defs for o, n in pairs):
        return False

    def same(o, n, seen):
        """The two definitions are alike once renamed types are paired up."""
        if (o, n) in seen:
            return True
        seen.add((o, n))
        a, b = TOKEN.findall(old_defs[o]), TOKEN.findall(new_defs[n])
        if len(a) != len(b):
            return False
        for x, y in zip(a, b):
            if x == y:
                continue
            if x in old_defs and y in new_defs and same(x, y, seen):
                continue
            return False
        return True

    return all(same(o, n, set()) for o, n in pairs)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--clientgen", default="target/release/clientgen")
    parser.add_argument("--show", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        sides = []
        for label, spec in (("old", args.old), ("new", args.new)):
            out = work / label
            subprocess.run([args.clientgen, "generate", spec, "--out", str(out)], check=True, capture_output=True)
            (module,) = out.glob("*.rs")
            sides.append(definitions(module))
        report = subprocess.run(
            [args.clientgen, "diff", args.old, args.new, "--format", "json"],
            capture_output=True,
            text=True,
        )
        if report.returncode not in (0, 1):
            sys.exit(report.stderr)
        changes = json.loads(report.stdout)
    retypes, renames = 0, []
    for change in changes:
        match = RETYPED.search(change["message"])
        if not match:
            continue
        retypes += 1
        was = match.group("was") or match.group("held")
        now = match.group("now") or match.group("holds")
        if only_renames(was, now, *sides):
            renames.append(change["message"])
    print(f"{len(changes)} changes, {retypes} retypes, {len(renames)} only renames of types defined alike")
    for message in renames[: args.show]:
        print(f"  {message}")


if __name__ == "__main__":
    main()
