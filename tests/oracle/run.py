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
SPEC = ROOT / "tests" / "features" / "specs" / "nullable.yaml"
# hypothesis-jsonschema 0.23.1 needs a hypothesis from before 6.130.
PACKAGES = ["hypothesis==6.112.0", "hypothesis-jsonschema==0.23.1", "jsonschema==4.23.0", "PyYAML==6.0.2"]


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
    subprocess.run([str(python), script, "generate", str(SPEC), str(values)], check=True, env=env)
    env = dict(os.environ, ORACLE_VALUES=str(values), ORACLE_OUT=str(written))
    subprocess.run(["cargo", "test", "--quiet", "-p", "feature-clients", "--test", "oracle"], check=True, env=env, cwd=ROOT)
    subprocess.run([str(python), script, "check", str(SPEC), str(written)], check=True)


if __name__ == "__main__":
    main()
