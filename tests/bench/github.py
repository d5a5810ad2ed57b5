#!/usr/bin/env python3
"""Compile cost on GitHub's REST spec (@octokit/openapi 23.0.2, 1,223 operations).

    python3 tests/bench/github.py           # clientgen: full client and --tag issues
    python3 tests/bench/github.py --peer    # also openapi-generator (rust), from PyPI on Debian's Java

Prints, from one run on this machine: generation time and peak memory against
the serde_json::Value parse floor (a release binary that only reads the spec,
timed as its own process as the CLI is; cargo bench's in-memory figure beside
it), lines, and
`cargo check` of the generated crate alone (dependencies built first,
CARGO_INCREMENTAL=0) with its peak memory. Medians of --runs runs.

Then the same generation where most users pay it: a downstream crate's
build.rs calling `Config::generate`, in the default dev profile (build
scripts and their dependencies unoptimized), against that build script
parsing the spec into a serde_json::Value (the dev-profile floor), each run
its own process with its own peak memory (VmHWM).
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "corpus"))
import run as corpus  # noqa: E402  (fetch, the npm package cache)

WORK = ROOT / "target" / "bench-github"
TIME = ["/usr/bin/time", "-f", "%e %M"]


def timed(cmd, **kwargs):
    """Runs `cmd` under GNU time; returns (seconds, peak MB, completed process)."""
    proc = subprocess.run(TIME + cmd, capture_output=True, text=True, **kwargs)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(map(str, cmd))} failed:\n{proc.stderr[-3000:]}")
    seconds, peak = proc.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(peak) / 1024, proc


def crate(name, source_dir, lib_rs, deps):
    """A one-crate workspace whose lib is `lib_rs`."""
    path = WORK / "crates" / name
    shutil.rmtree(path, ignore_errors=True)
    (path / "src").mkdir(parents=True)
    (path / "Cargo.toml").write_text(
        f'[package]\nname = "{name}"\nversion = "0.0.0"\nedition = "2021"\n\n[dependencies]\n{deps}\n[workspace]\n'
    )
    if lib_rs:
        shutil.copy(lib_rs, path / "src" / "lib.rs")
    else:
        shutil.copytree(source_dir, path / "src", dirs_exist_ok=True)
    return path


def check(path, runs):
    """`cargo check` of the crate alone: dependencies first, then `runs` timed checks."""
    env = dict(os.environ, CARGO_TARGET_DIR=str(WORK / "target" / path.name), CARGO_INCREMENTAL="0")
    subprocess.run(["cargo", "check", "--quiet"], cwd=path, env=env, capture_output=True)
    results = []
    for _ in range(runs):
        (path / "src" / "lib.rs").touch()
        seconds, peak, _ = timed(["cargo", "check", "--quiet"], cwd=path, env=env)
        results.append((seconds, peak))
    return statistics.median(r[0] for r in results), statistics.median(r[1] for r in results)


BUILD_RS = r"""use std::time::Instant;

fn main() {
    let spec = std::env::var("BENCH_SPEC").expect("BENCH_SPEC names the spec");
    println!("cargo:rerun-if-env-changed=BENCH_MODE");
    println!("cargo:rerun-if-env-changed=BENCH_RUN");
    let mode = std::env::var("BENCH_MODE").expect("BENCH_MODE: floor, full or a tag");
    let start = Instant::now();
    if mode == "floor" {
        let text = std::fs::read_to_string(&spec).expect("the spec is readable");
        let value: serde_json::Value = serde_json::from_str(&text).expect("the spec is JSON");
        std::hint::black_box(value);
    } else {
        let tags: Vec<String> = (mode != "full").then_some(mode).into_iter().collect();
        clientgen::Config::new()
            .print_warnings(false)
            .tags(tags)
            .generate(&[spec])
            .expect("the spec generates");
    }
    let spent = start.elapsed().as_secs_f64();
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let peak_kb = status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .unwrap_or(0);
    std::fs::write(std::env::var("BENCH_TIMING").unwrap(), format!("{spent} {peak_kb}")).unwrap();
}
"""


FLOOR_RS = r"""fn main() {
    let spec = std::env::args().nth(1).expect("the spec's path");
    let text = std::fs::read_to_string(&spec).expect("the spec is readable");
    let value: serde_json::Value = serde_json::from_str(&text).expect("the spec is JSON");
    std::hint::black_box(value);
}
"""


def release_floor(spec, runs):
    """A release binary that only reads the spec into a serde_json::Value, timed
    as its own process as the CLI is: (seconds, peak MB), medians."""
    path = WORK / "crates" / "release_floor"
    shutil.rmtree(path, ignore_errors=True)
    (path / "src").mkdir(parents=True)
    (path / "src" / "main.rs").write_text(FLOOR_RS)
    (path / "Cargo.toml").write_text(
        '[package]\nname = "release_floor"\nversion = "0.0.0"\nedition = "2021"\n\n'
        '[dependencies]\nserde_json = { version = "1", features = ["preserve_order"] }\n\n[workspace]\n'
    )
    target = WORK / "target" / "release_floor"
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=path, check=True,
                   env=dict(os.environ, CARGO_TARGET_DIR=str(target)))
    floors = [timed([str(target / "release" / "release_floor"), str(spec)])[:2] for _ in range(runs)]
    return statistics.median(f[0] for f in floors), statistics.median(f[1] for f in floors)


def build_script(spec, runs):
    """The dev-profile build script's runs: {mode: (seconds, peak MB)}, medians."""
    path = WORK / "crates" / "build_script"
    shutil.rmtree(path, ignore_errors=True)
    (path / "src").mkdir(parents=True)
    (path / "src" / "lib.rs").write_text("")
    (path / "build.rs").write_text(BUILD_RS)
    (path / "Cargo.toml").write_text(
        '[package]\nname = "build_script"\nversion = "0.0.0"\nedition = "2021"\n\n'
        f'[build-dependencies]\nclientgen = {{ path = "{ROOT / "generator"}" }}\n'
        'serde_json = { version = "1", features = ["preserve_order"] }\n\n[workspace]\n'
    )
    timing = path / "timing"
    env = dict(os.environ, BENCH_SPEC=str(spec), BENCH_TIMING=str(timing),
               CARGO_TARGET_DIR=str(WORK / "target" / "build_script"))
    results = {}
    for mode in ["floor", "full", "issues"]:
        runs_of_mode = []
        for run in range(runs):
            env.update(BENCH_MODE=mode, BENCH_RUN=str(run))
            proc = subprocess.run(["cargo", "build", "--quiet"], cwd=path, env=env, capture_output=True, text=True)
            if proc.returncode != 0:
                sys.exit(f"the build script failed:\n{proc.stderr[-3000:]}")
            seconds, peak_kb = timing.read_text().split()
            runs_of_mode.append((float(seconds), int(peak_kb) / 1024))
        results[mode] = (statistics.median(r[0] for r in runs_of_mode), statistics.median(r[1] for r in runs_of_mode))
    return results


def lines(path):
    return sum(len(p.read_text().splitlines()) for p in path.rglob("*.rs"))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--peer", action="store_true", help="also openapi-generator-cli 7.x (rust)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    spec = corpus.fetch(*corpus.OCTOKIT) / "generated" / "api.github.com.json"
    subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "clientgen-cli"], cwd=ROOT, check=True)
    binary = ROOT / "target" / "release" / "clientgen"
    bench = subprocess.run(["cargo", "bench", "--quiet", "-p", "clientgen", "--bench", "pipeline", "--", str(spec)],
                           cwd=ROOT, capture_output=True, text=True, check=True).stdout
    floor_ms = float(re.search(r"api\.github\.com\.json\s+([\d.]+) ms", bench).group(1))
    runtime = f'clientgen-runtime = {{ path = "{ROOT / "runtime"}" }}'
    rows = []
    for label, extra in [("clientgen, full", []), ("clientgen, --tag issues", ["--tag", "issues"])]:
        out = WORK / "gen" / re.sub(r"\W+", "_", label)
        shutil.rmtree(out, ignore_errors=True)
        gens = [timed([str(binary), "generate", str(spec), "--out", str(out)] + extra)[:2] for _ in range(args.runs)]
        gen_s, gen_mb = statistics.median(g[0] for g in gens), statistics.median(g[1] for g in gens)
        module = next(out.glob("*.rs"))
        path = crate(re.sub(r"\W+", "_", label).strip("_"), None, module, runtime)
        check_s, check_mb = check(path, args.runs)
        rows.append((label, gen_s, gen_mb, lines(path), check_s, check_mb))
    if args.peer:
        venv = WORK / "venv"
        if not venv.exists():
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
            subprocess.run([venv / "bin" / "pip", "install", "--quiet", "openapi-generator-cli==7.26.0"], check=True)
        out = WORK / "gen" / "peer"
        shutil.rmtree(out, ignore_errors=True)
        gens = []
        for _ in range(args.runs):
            shutil.rmtree(out, ignore_errors=True)
            gens.append(timed([str(venv / "bin" / "openapi-generator-cli"), "generate", "-g", "rust", "-i", str(spec),
                               "-o", str(out), "--skip-validate-spec"])[:2])
        path = WORK / "crates" / "peer"
        shutil.rmtree(path, ignore_errors=True)
        shutil.copytree(out, path)
        with open(path / "Cargo.toml", "a") as manifest:
            manifest.write("\n[workspace]\n")
        check_s, check_mb = check(path, args.runs)
        rows.append(("openapi-generator 7.26 (rust)", statistics.median(g[0] for g in gens),
                     statistics.median(g[1] for g in gens), lines(path / "src"), check_s, check_mb))

    process_s, process_mb = release_floor(spec, args.runs)
    print(f"GitHub REST spec (@octokit/openapi {corpus.OCTOKIT[1]}); parse floor (serde_json::Value): "
          f"{floor_ms:.0f} ms in memory (cargo bench), {process_s * 1000:.0f} ms and {process_mb:.0f} MB "
          f"read by a release binary of its own (the floor of `x floor`)")
    print(f"{'':<32} {'generate':>9} {'x floor':>8} {'gen MB':>7} {'lines':>9} {'check':>8} {'check MB':>9}")
    for label, gen_s, gen_mb, n, check_s, check_mb in rows:
        print(f"{label:<32} {gen_s:>8.2f}s {gen_s / process_s:>7.1f}x {gen_mb:>7.0f} {n:>9,} {check_s:>7.1f}s {check_mb:>9.0f}")

    dev = build_script(spec, args.runs)
    dev_floor_s, dev_floor_mb = dev.pop("floor")
    print()
    print(f"build.rs, default dev profile; parse floor (serde_json::Value, same build script): "
          f"{dev_floor_s * 1000:.0f} ms, {dev_floor_mb:.0f} MB")
    print(f"{'':<32} {'generate':>9} {'x floor':>8} {'peak MB':>8}")
    for mode, label in [("full", "clientgen, full"), ("issues", "clientgen, --tag issues")]:
        seconds, peak = dev[mode]
        print(f"{label:<32} {seconds:>8.2f}s {seconds / dev_floor_s:>7.1f}x {peak:>8.0f}")


if __name__ == "__main__":
    main()
