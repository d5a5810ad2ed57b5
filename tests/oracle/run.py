#!/usr/bin/env python3
"""The oracle's whole loop, as CI runs it: fresh values from the schemas
(hypothesis-jsonschema, checked by jsonschema; both from PyPI), read and
written back by the generated types (tests/features/tests/oracle.rs), and
what they wrote checked by the validator again.

    python3 tests/oracle/run.py [EXAMPLES_PER_SCHEMA]   (default 200)
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORK = ROOT / "target" / "oracle"
SPECS = ROOT / "tests" / "features" / "specs"
# Each spec with the schemas to take values of (none named: all of them).
SOURCES = [(SPECS / "nullable.yaml", []), (SPECS / "formats.yaml", ["Stamp"])]
# hypothesis-jsonschema 0.23.1 needs a hypothesis from before 6.130;
# rfc3339-validator is what jsonschema checks `date-time` with.
PACKAGES = ["hypothesis==6.112.0", "hypothesis-jsonschema==0.23.1", "jsonschema==4.23.0", "PyYAML==6.0.2", "rfc3339-validator==0.1.4"]


def main():
    examples = sys.argv[1] if len(sys.argv) > 1 else "200"
    venv = WORK / "venv"
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *PACKAGES], check=True)
    values, written = WORK / "values.jsonl", WORK / "written.jsonl"
    script = str(ROOT / "tests" / "oracle" / "values.py")
    env = dict(os.environ, ORACLE_EXAMPLES=examples)
    parts = []
    for spec, names in SOURCES:
        part = WORK / f"values-{spec.stem}.jsonl"
        subprocess.run([str(python), script, "generate", str(spec), str(part), *names], check=True, env=env)
        parts.append(part.read_text())
    values.write_text("".join(parts))
    env = dict(os.environ, ORACLE_VALUES=str(values), ORACLE_OUT=str(written))
    subprocess.run(["cargo", "test", "--quiet", "-p", "feature-clients", "--test", "oracle"], check=True, env=env, cwd=ROOT)
    for spec, _ in SOURCES:
        subprocess.run([str(python), script, "check", str(spec), str(written)], check=True)


if __name__ == "__main__":
    main()
