#!/usr/bin/env python3
"""`clientgen diff` against an independent oracle: cargo-semver-checks.

    python3 tests/diff/oracle.py                 # the hand-made pairs and the real ones
    python3 tests/diff/oracle.py --github        # plus GitHub 23.0.0 -> 23.0.2 (slow: two rustdoc runs of 320k lines)
    python3 tests/diff/oracle.py --only enum     # pairs whose name contains "enum"

For each pair of specs, both are generated as crates (the module as `pub mod
api`, clientgen-runtime as the one dependency) and `cargo semver-checks` is
run with the old crate as baseline. Every item cargo-semver-checks reports as
breaking must have a breaking change in `clientgen diff --format json` on the
same item, its owner, or one of its members. Prints a table; exit status 1 on
any disagreement of that kind.

cargo-semver-checks is installed into target/oracle/bin on first use
(`cargo install --locked`, about 15 minutes on 2 cores).
"""

import argparse
import copy
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORK = ROOT / "target" / "oracle"
CSC_VERSION = "0.51.0"

# The API both generator/tests/diff.rs and this script edit.
BASE = json.loads((ROOT / "generator" / "tests" / "fixtures" / "diff-base.json").read_text())


def op(s):
    return s["paths"]["/teams/{team}/users"]["post"]


def schema(s, name):
    return s["components"]["schemas"][name]


def media(s):
    content = op(s)["requestBody"]["content"]
    content["application/merge-patch+json"] = content.pop("application/json")


# One edit of BASE per kind of change that generator/tests/diff.rs covers.
EDITS = {
    "operation added": lambda s: s["paths"]["/users"].update({"delete": {"operationId": "purgeUsers", "responses": {"204": {"description": "gone"}}}}),
    "operation removed": lambda s: s["paths"].pop("/users"),
    "operation renamed": lambda s: op(s).update({"operationId": "addUser"}),
    "required parameter added": lambda s: op(s)["parameters"].append({"name": "org", "in": "header", "required": True, "schema": {"type": "string"}}),
    "optional parameter added": lambda s: op(s)["parameters"].append({"name": "dry_run", "in": "query", "schema": {"type": "boolean"}}),
    "parameter removed": lambda s: op(s)["parameters"].pop(1),
    "parameter retyped": lambda s: op(s)["parameters"][1].update({"schema": {"type": "integer"}}),
    "parameter made required": lambda s: op(s)["parameters"][1].update({"required": True}),
    "field added to a sent type": lambda s: schema(s, "NewUser")["properties"].update({"name": {"type": "string"}}),
    "field added to a received type": lambda s: schema(s, "User")["properties"].update({"name": {"type": "string"}}),
    "field removed": lambda s: schema(s, "User")["properties"].pop("email"),
    "field retyped": lambda s: schema(s, "User")["properties"].update({"id": {"type": "string"}}),
    "field made optional": lambda s: schema(s, "User").update({"required": []}),
    "field made required": lambda s: schema(s, "User").update({"required": ["id", "email"]}),
    "enum value added": lambda s: schema(s, "Role").update({"enum": ["admin", "member", "auditor"]}),
    "enum value removed": lambda s: schema(s, "Role").update({"enum": ["admin"]}),
    "status added": lambda s: op(s)["responses"].update({"409": {"description": "taken", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}}),
    "status removed": lambda s: op(s)["responses"].pop("404"),
    "second success status": lambda s: op(s)["responses"].update({"200": {"description": "existed", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/User"}}}}}),
    "media type changed": media,
    "auth scheme added": lambda s: s["components"]["securitySchemes"].update({"key": {"type": "apiKey", "in": "header", "name": "X-Key"}}),
    "server added": lambda s: s["servers"].append({"url": "https://eu.example.com", "description": "EU"}),
    "servers removed": lambda s: s.update({"servers": []}),
}

# Real pairs: a vendor's document as published and as this repository curates
# it, and one API in its Swagger 2.0 and OpenAPI 3 editions.
REAL = [
    ("Rocket.Chat seed -> curated", "tests/raw-seeds/specs/rocketchat.json", "specs/rocketchat.yaml"),
    ("Flexprice seed -> curated", "tests/raw-seeds/specs/flexprice.yaml", "specs/flexprice.yaml"),
    ("Phrase seed -> curated", "tests/raw-seeds/specs/phrase.yaml", "specs/phrase.yaml"),
    ("Flexprice Swagger 2.0 -> OpenAPI 3", "tests/vendors/specs/flexprice-swagger2.yaml", "tests/vendors/specs/flexprice-openapi3.json"),
]


def csc_binary():
    binary = WORK / "bin" / "cargo-semver-checks"
    if not binary.exists():
        subprocess.run(["cargo", "install", "--locked", "--quiet", "--root", str(WORK), "cargo-semver-checks", "--version", CSC_VERSION], check=True)
    return binary


def client_crate(spec, path):
    """A crate whose lib is the client of `spec`, as `pub mod api`."""
    shutil.rmtree(path, ignore_errors=True)
    (path / "src").mkdir(parents=True)
    out = path / "gen"
    gen = subprocess.run([str(ROOT / "target" / "release" / "clientgen"), "generate", str(spec), "--out", str(out)], capture_output=True, text=True)
    if gen.returncode != 0:
        sys.exit(f"clientgen failed on {spec}:\n{gen.stderr}")
    module = next(out.glob("*.rs"))
    (path / "src" / "lib.rs").write_text(f'pub mod api {{\n    include!("../gen/{module.name}");\n}}\n')
    (path / "Cargo.toml").write_text(
        '[package]\nname = "oracle_client"\nversion = "1.0.0"\nedition = "2021"\n\n'
        f'[dependencies]\nclientgen-runtime = {{ path = "{ROOT / "runtime"}" }}\n\n[workspace]\n'
    )


def csc_items(binary, old, new):
    """What cargo-semver-checks reports: (lint, item) for failures (breaking)
    and for warnings, and its whole output."""
    env = dict(os.environ, CARGO_TARGET_DIR=str(WORK / "target"))
    run = subprocess.run(
        [str(binary), "semver-checks", "--manifest-path", str(new / "Cargo.toml"), "--baseline-root", str(old), "--release-type", "patch"],
        capture_output=True, text=True, env=env,
    )
    text = run.stdout + run.stderr
    if "Summary" not in text:
        sys.exit(f"cargo-semver-checks failed:\n{text[-3000:]}")
    failures, warnings = [], []
    found, lint, listing = None, None, False
    for line in run.stdout.splitlines():
        heading = re.match(r"--- (failure|warning) (\S+):", line)
        if heading:
            found = failures if heading.group(1) == "failure" else warnings
            lint, listing = heading.group(2), False
        elif line.startswith("Failed in:"):
            listing = True
        elif listing and re.match(r"^  \S", line):
            found.append((lint, rust_item(line)))
        else:
            listing = False
    return failures, warnings, text


def rust_item(line):
    """`variant Role::Member, previously in …` / `field email of struct User …` /
    `struct Auth in …` / `Role::Unknown moved …` as clientgen names the item."""
    line = re.sub(r"\b(oracle_client::)?api::", "", line.strip())
    found = re.match(r"field (\w+) of (?:struct|variant) ([\w:]+)", line)
    if found:
        return f"{found.group(2)}::{found.group(1)}"
    found = re.match(r"(?:[\w ]*?)(?:struct|enum|variant|function|method|type|trait|field) ([\w:.]+)", line)
    word = found.group(1) if found else line.split()[0]
    return re.sub(r"(?<!:):(?!:)", "::", word.rstrip(",")).replace(".", "::")


# Where clientgen judges otherwise on purpose (README, "What a spec change
# does to your code"): options are built with `..Default::default()`, so a
# new optional parameter is compatible; cargo-semver-checks cannot know that.
EXPLAINED = {
    "constructible_struct_adds_field": lambda item, ours: any(
        c["rust"] == item and c["kind"] == "parameter_added" and not c["breaking"] for c in ours
    ),
}


def agrees(item, ours):
    """Whether clientgen reports a breaking change on `item`, its owner or a member of it."""
    for change in ours:
        rust = change["rust"]
        if not change["breaking"]:
            continue
        if rust == item or rust.startswith(item + "::") or item.startswith(rust + "::"):
            return True
    return False


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--github", action="store_true")
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "clientgen-cli"], cwd=ROOT, check=True)
    binary = csc_binary()
    specs = WORK / "specs"
    specs.mkdir(parents=True, exist_ok=True)
    pairs = []
    base = specs / "base.json"
    base.write_text(json.dumps(BASE, indent=2))
    for name, edit in EDITS.items():
        changed = copy.deepcopy(BASE)
        edit(changed)
        path = specs / (re.sub(r"\W+", "_", name) + ".json")
        path.write_text(json.dumps(changed, indent=2))
        pairs.append((name, base, path))
    pairs += [(name, ROOT / old, ROOT / new) for name, old, new in REAL]
    if args.github:
        sys.path.insert(0, str(ROOT / "tests" / "corpus"))
        import run as corpus
        old = corpus.fetch("@octokit/openapi", "23.0.0") / "generated" / "api.github.com.json"
        new = corpus.fetch("@octokit/openapi", "23.0.2") / "generated" / "api.github.com.json"
        pairs.append(("GitHub 23.0.0 -> 23.0.2", old, new))
    pairs = [p for p in pairs if args.only in p[0]]

    disagreements = 0
    print(f"{'pair':<36} {'csc breaking':>12} {'csc warnings':>12} {'ours breaking':>13} {'ours total':>10}  agreement")
    for name, old_spec, new_spec in pairs:
        old, new = WORK / "crates" / "old", WORK / "crates" / "new"
        client_crate(old_spec, old)
        client_crate(new_spec, new)
        items, warned, text = csc_items(binary, old, new)
        ours = json.loads(subprocess.run(
            [str(ROOT / "target" / "release" / "clientgen"), "diff", str(old_spec), str(new_spec), "--format", "json"],
            capture_output=True, text=True, check=True).stdout)
        missed = sorted({(lint, item) for lint, item in items if not agrees(item, ours)})
        explained = [m for m in missed if EXPLAINED.get(m[0], lambda *_: False)(m[1], ours)]
        unexplained = [m for m in missed if m not in explained]
        disagreements += len(unexplained)
        verdict = "yes" if not missed else "; ".join(
            ("by design: " if m in explained else "NO: ") + f"{m[0]} on {m[1]}" for m in missed
        )
        print(f"{name:<36} {len(items):>12} {len(warned):>12} {sum(c['breaking'] for c in ours):>13} {len(ours):>10}  {verdict}", flush=True)
        log = WORK / "logs" / (re.sub(r"\W+", "_", name) + ".txt")
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text(text + "\n\nclientgen diff:\n" + json.dumps(ours, indent=2))
    sys.exit(1 if disagreements else 0)


if __name__ == "__main__":
    main()
