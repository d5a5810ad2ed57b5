#!/usr/bin/env python3
"""What clientgen costs as a build-dependency, cold, against prost-build.

    python3 tests/bench/build_dependency.py [--only CASE...]

Builds, each in a fresh target directory and one after another on this
machine, a downstream crate whose build.rs:

- calls `clientgen::Config::generate` on GitHub's REST spec (@octokit/openapi
  23.0.2) into OUT_DIR (printed plainly, the default there), default dev profile;
- the same with `[profile.dev.build-override] opt-level = 3`;
- the same with `opt-level = 3` for the crates generation spends its time
  in only (`[profile.dev.package.NAME]`, which wins over build-override):
  clientgen, syn, prettyplease, proc-macro2, quote, serde_json, serde (and serde_core),
  openapiv3 and indexmap;
- the same, default profile, formatted (`Config::pretty(true)`);
- calls nothing, with prost-build 0.14 as its build-dependency (the
  compile cost only: running it needs protoc).

Prints the wall time of the cold `cargo build`, how many crates it
compiled, and the build script's own run (generation) time, then its run
for `--tag issues` alone (the build script rerun, nothing recompiled). `cargo build
--timings` reports are left in target/bench-build-dependency/<case>/.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "corpus"))
import run as corpus  # noqa: E402  (fetch, the npm package cache)

WORK = ROOT / "target" / "bench-build-dependency"

BUILD_RS = """use std::time::Instant;

fn main() {
    let spec = std::env::var("BENCH_SPEC").expect("BENCH_SPEC names the spec");
    println!("cargo:rerun-if-env-changed=BENCH_TAGS");
    let tags: Vec<String> = std::env::var("BENCH_TAGS").into_iter().filter(|t| !t.is_empty()).collect();
    let start = Instant::now();
    let mut config = clientgen::Config::new();
    config.print_warnings(false).tags(tags);
    if std::env::var_os("BENCH_PRETTY").is_some() {
        config.pretty(true);
    }
    config.generate(&[spec]).expect("the spec generates");
    let spent = start.elapsed().as_secs_f64();
    std::fs::write(std::env::var("BENCH_TIMING").unwrap(), format!("{spent:.2}")).unwrap();
}
"""


# Where generation spends its time: what `opt-level = 3` pays off on.
HEAVY = ["clientgen", "syn", "prettyplease", "proc-macro2", "quote", "serde_json", "serde", "serde_core", "openapiv3", "indexmap"]


def case(name, build_dependency, build_rs, profile, pretty=False):
    path = WORK / name
    shutil.rmtree(path, ignore_errors=True)
    (path / "src").mkdir(parents=True)
    (path / "src" / "lib.rs").write_text("")
    (path / "build.rs").write_text(build_rs)
    (path / "Cargo.toml").write_text(
        f'[package]\nname = "downstream"\nversion = "0.0.0"\nedition = "2021"\n\n'
        f'[build-dependencies]\n{build_dependency}\n\n{profile}[workspace]\n'
    )
    timing = path / "generation-seconds"
    env = dict(os.environ, BENCH_TIMING=str(timing), CARGO_TARGET_DIR=str(path / "target"))
    env["BENCH_SPEC"] = str(SPEC)
    if pretty:
        env["BENCH_PRETTY"] = "1"
    start = time.monotonic()
    proc = subprocess.run(["cargo", "build", "--timings"], cwd=path, env=env, capture_output=True, text=True)
    wall = time.monotonic() - start
    if proc.returncode != 0:
        sys.exit(f"{name} failed:\n{proc.stderr[-3000:]}")
    crates = len(re.findall(r"^\s+Compiling ", proc.stderr, re.M)) - 1  # not the crate itself
    generation = timing.read_text() if timing.exists() else "–"
    if timing.exists():
        # The build script again, warm, for `--tag issues` (58 operations).
        env["BENCH_TAGS"] = "issues"
        subprocess.run(["cargo", "build"], cwd=path, env=env, capture_output=True, check=True)
        generation += f" ({timing.read_text()} s --tag issues)"
    return name, wall, crates, generation


def main():
    global SPEC
    SPEC = corpus.fetch(*corpus.OCTOKIT) / "generated" / "api.github.com.json"
    clientgen = f'clientgen = {{ path = "{ROOT / "generator"}" }}'
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="+", help="run only these cases")
    args = parser.parse_args()
    override = "[profile.dev.build-override]\nopt-level = 3\n\n"
    heavy = "".join(f"[profile.dev.package.{name}]\nopt-level = 3\n\n" for name in HEAVY)
    cases = [
        ("clientgen", clientgen, BUILD_RS, "", False),
        ("clientgen-build-override", clientgen, BUILD_RS, override, False),
        ("clientgen-heavy-crates-opt", clientgen, BUILD_RS, heavy, False),
        ("clientgen-pretty", clientgen, BUILD_RS, "", True),
        ("prost-build", 'prost-build = "0.14"', "fn main() {}\n", "", False),
    ]
    rows = [case(name, dependency, build_rs, profile, pretty)
            for name, dependency, build_rs, profile, pretty in cases
            if not args.only or name in args.only]
    print("cold `cargo build` of a crate whose build.rs generates GitHub's client (23.0.2), this machine, one run")
    print(f"{'build-dependency':<28} {'cold build':>10} {'crates':>7}  build.rs run (s)")
    for name, wall, crates, generation in rows:
        print(f"{name:<28} {wall:>9.1f}s {crates:>7}  {generation}")


if __name__ == "__main__":
    main()
