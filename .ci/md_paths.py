#!/usr/bin/env python3
"""Every repository path a Markdown file names must exist.

Checked: relative links (`[text](docs/cli.md#the-cli)`, anchors included)
and paths in backticks that name a file or folder of this repository
(`generator/src/overlay.rs`). Paths under target/ and OUT_DIR, globs,
placeholders (`<name>`, `…`) and paths outside the repository (`../shared`)
are examples, not references, and are skipped. Exits 1 listing each
missing path with its file and line.
"""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
TICKED = re.compile(r"`([A-Za-z0-9_.\-/]+)`")
# The repository's own top-level entries: a ticked path naming one of them is a reference.
TOP = set(os.listdir(ROOT))
SKIP_PREFIXES = ("target/", "http", "../", "/", "~", "$")


def slug(heading):
    text = heading.strip().lower()
    text = re.sub(r"[`*_]", "", text)
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(path, cache={}):
    if path not in cache:
        found, fence = set(), False
        for line in open(path, encoding="utf-8"):
            if line.startswith("```"):
                fence = not fence
            elif not fence and line.startswith("#"):
                found.add(slug(line.lstrip("#")))
        cache[path] = found
    return cache[path]


def markdown_files():
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.md"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    return [os.path.join(ROOT, p) for p in listed]


def main():
    missing = []
    for md in markdown_files():
        here = os.path.dirname(md)
        fence = False
        for number, line in enumerate(open(md, encoding="utf-8"), 1):
            if line.startswith("```"):
                fence = not fence
                continue
            if fence:
                continue
            where = f"{os.path.relpath(md, ROOT)}:{number}"
            for target in LINK.findall(line):
                if target.startswith(("http://", "https://", "mailto:")):
                    continue
                file, _, anchor = target.partition("#")
                path = os.path.normpath(os.path.join(here, file)) if file else md
                if not os.path.exists(path):
                    missing.append(f"{where}: link to {target}: no such file")
                elif anchor and path.endswith(".md") and anchor not in anchors(path):
                    missing.append(f"{where}: link to {target}: no such heading")
            for ticked in TICKED.findall(line):
                if ticked.startswith(SKIP_PREFIXES) or "/" not in ticked.strip("/"):
                    continue
                if ticked.split("/")[0] not in TOP:
                    continue
                if not os.path.exists(os.path.join(ROOT, ticked)):
                    missing.append(f"{where}: `{ticked}`: no such path")
    for line in missing:
        print(line)
    print(f"{len(missing)} missing path(s) in Markdown files" if missing else "every path named in Markdown exists")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
