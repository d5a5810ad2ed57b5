#!/usr/bin/env python3
"""Replays PyGithub's recorded api.github.com traffic through generated GitHub
clients (tests/replay): fetches GitHub's REST spec (@octokit/openapi, npm)
and PyGithub's source distribution (PyPI, which ships tests/ReplayData),
then runs the replay, which fails when fewer exchanges parse than EXPECT.

    python3 tests/replay/run.py [--verbose]
"""

import os
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "corpus"))
import run as corpus  # noqa: E402  (the npm package cache)

PYGITHUB = "2.10.0"
# What parses with tests/replay/github.overlay.yaml (README, "Against real servers").
EXPECT = 532


def recordings():
    dest = corpus.WORK / "packages" / f"pygithub-{PYGITHUB}"
    data = dest / f"pygithub-{PYGITHUB}" / "tests" / "ReplayData"
    if not data.exists():
        dest.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:",
             f"PyGithub=={PYGITHUB}", "-d", str(dest)],
            check=True,
        )
        with tarfile.open(next(dest.glob("*.tar.gz"))) as tar:
            tar.extractall(dest, filter="data")
    return data


def main():
    spec = corpus.fetch(*corpus.OCTOKIT) / "generated" / "api.github.com.json"
    data = recordings()
    command = [
        "cargo", "run", "--quiet", "--manifest-path", str(ROOT / "tests" / "replay" / "Cargo.toml"),
        "--target-dir", str(ROOT / "target"), "--", str(data), "--expect", str(EXPECT),
    ] + sys.argv[1:]
    env = dict(os.environ, GITHUB_SPEC=str(spec))
    sys.exit(subprocess.run(command, env=env).returncode)


if __name__ == "__main__":
    main()
