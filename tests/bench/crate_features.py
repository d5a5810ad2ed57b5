#!/usr/bin/env python3
"""What a large API costs at compile time, by layout (GitHub's REST spec,
@octokit/openapi 23.0.2, 1,223 operations).

    python3 tests/bench/crate_features.py [--runs 3]

Prints, medians of --runs on this machine, each `cargo check` of the
generated code alone with its dependencies built (CARGO_INCREMENTAL=0):
- the whole client as a module (`clientgen generate`), and `--tag issues`;
- the client as a crate (`clientgen generate --crate`), with every feature
  and with only `issues`;
- a downstream crate's edit-check loop (touch its lib.rs, `cargo check`,
  incremental as cargo's default) with the module inside it (the
  `include_client!` layout) and with the crate as a dependency (all
  features, and only `issues`);
- generation time of the module and of the crate (release CLI).
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import github  # noqa: E402  (timed, the corpus cache, WORK)

ROOT = github.ROOT
WORK = ROOT / "target" / "bench-crate"
RUNTIME = f'clientgen-runtime = {{ path = "{ROOT / "runtime"}" }}'


def cargo_check(path, args, runs, incremental=False, touch=None):
    """Times `cargo check args` in `path` after touching `touch` (default: the
    crate's own lib.rs): (seconds, peak MB), medians of `runs`."""
    env = dict(os.environ, CARGO_TARGET_DIR=str(WORK / "target"))
    if not incremental:
        env["CARGO_INCREMENTAL"] = "0"
    subprocess.run(["cargo", "check", "--quiet", *args], cwd=path, env=env, capture_output=True)
    results = []
    for _ in range(runs):
        (touch or path / "src" / "lib.rs").touch()
        seconds, peak, _ = github.timed(["cargo", "check", "--quiet", *args], cwd=path, env=env)
        results.append((seconds, peak))
    return statistics.median(r[0] for r in results), statistics.median(r[1] for r in results)


def package(name, body, deps):
    path = WORK / name
    shutil.rmtree(path, ignore_errors=True)
    (path / "src").mkdir(parents=True)
    (path / "Cargo.toml").write_text(
        f'[package]\nname = "{name}"\nversion = "0.0.0"\nedition = "2021"\n\n[dependencies]\n{deps}\n\n[workspace]\n'
    )
    (path / "src" / "lib.rs").write_text(body)
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    runs = args.runs
    spec = github.corpus.fetch(*github.corpus.OCTOKIT) / "generated" / "api.github.com.json"
    subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "clientgen-cli"], cwd=ROOT, check=True)
    binary = ROOT / "target" / "release" / "clientgen"
    WORK.mkdir(parents=True, exist_ok=True)

    generated = {}
    for name, extra in [("module", ["--out", str(WORK / "out")]),
                        ("issues", ["--out", str(WORK / "out-issues"), "--tag", "issues"]),
                        ("crate", ["--crate", str(WORK / "github"), "--runtime-path", str(ROOT / "runtime")])]:
        times = [github.timed([str(binary), "generate", str(spec), *extra])[:2] for _ in range(runs)]
        generated[name] = (statistics.median(t[0] for t in times), statistics.median(t[1] for t in times))
    crate_dir = WORK / "github"
    with open(crate_dir / "Cargo.toml", "a") as manifest:
        manifest.write("\n[workspace]\n")

    module = package("module", (WORK / "out" / "api_github_com.rs").read_text(), RUNTIME)
    tag = package("tag_issues", (WORK / "out-issues" / "api_github_com.rs").read_text(), RUNTIME)
    rows = [
        ("module, whole client", cargo_check(module, [], runs)),
        ("module, --tag issues", cargo_check(tag, [], runs)),
        ("crate, every feature", cargo_check(crate_dir, [], runs)),
        ("crate, only `issues`", cargo_check(crate_dir, ["--no-default-features", "--features", "issues"], runs)),
    ]
    print("GitHub REST spec (@octokit/openapi 23.0.2): `cargo check` of the generated code alone, CARGO_INCREMENTAL=0")
    print(f"{'':34}{'check':>8}{'peak MB':>9}")
    for name, (seconds, peak) in rows:
        print(f"{name:34}{seconds:7.2f}s{peak:9.0f}")

    edit = "pub fn client() -> api::Client {\n    api::Client::builder().build().unwrap()\n}\n"
    inside = package("inside", "pub mod api {\n" + (WORK / "out" / "api_github_com.rs").read_text() + "\n}\n"
                     + edit.replace("api::", "self::api::"), RUNTIME)
    dependency = f'api = {{ path = "{crate_dir}", package = "github" }}'
    beside_all = package("beside_all", edit, RUNTIME + "\n" + dependency)
    beside_issues = package("beside_issues", edit,
                            RUNTIME + "\n" + dependency.replace("}", ', default-features = false, features = ["issues"] }'))
    loops = [
        ("module in the crate (include_client!)", cargo_check(inside, [], runs, incremental=True)),
        ("crate as a dependency, every feature", cargo_check(beside_all, [], runs, incremental=True)),
        ("crate as a dependency, only `issues`", cargo_check(beside_issues, [], runs, incremental=True)),
    ]
    print("\nA downstream crate's edit-check loop (its own lib.rs touched, incremental `cargo check`)")
    for name, (seconds, peak) in loops:
        print(f"{name:40}{seconds:7.2f}s{peak:9.0f} MB")

    print("\nGeneration, release CLI")
    for name, (seconds, peak) in generated.items():
        print(f"{name:34}{seconds:7.2f}s{peak:9.0f} MB")


if __name__ == "__main__":
    main()
