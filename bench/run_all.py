"""Run every benchmark in bench/ in turn; each writes its own section of docs/benchmarks.md.

Usage: make bench   (or: .venv/bin/python bench/run_all.py [name ...])
Benchmarks are never part of the test suite: they measure, tests assert.
"""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(names: list[str]) -> int:
    # Names starting with "_" are modules the benchmarks share, not benchmarks.
    scripts = sorted(
        p for p in HERE.glob("*.py") if p.name != "run_all.py" and not p.name.startswith("_")
    )
    if names:
        scripts = [p for p in scripts if p.stem in names]
    failed = 0
    for script in scripts:
        print(f"=== {script.name} ===", flush=True)
        failed += subprocess.call([sys.executable, str(script)]) != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
