#!/usr/bin/env python3
"""Cold start of each front end: `flash --version` and `flash status` on a small SQLite project,
median of N runs, beside the interpreters' own empty start. Prints a table; gates nothing.

    python3 bench/cold_start.py rust=PATH python=PATH node=PATH go=PATH [--python-exe PY] [--runs 20]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path


def median_ms(cmd: list[str], cwd: Path, runs: int, env: dict) -> float:
    subprocess.run(cmd, cwd=cwd, env=env, capture_output=True)  # warm the page cache once
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        p = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True)
        times.append((time.perf_counter() - t) * 1000)
        if p.returncode != 0:
            raise SystemExit(f"{cmd} failed ({p.returncode}): {p.stderr.decode()}")
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("frontends", nargs="+", help="label=command")
    ap.add_argument("--python-exe", default="python3", help="the interpreter of the Python front end")
    ap.add_argument("--runs", type=int, default=20)
    args = ap.parse_args()
    env = dict(os.environ, NO_COLOR="1")
    with tempfile.TemporaryDirectory() as d:
        proj = Path(d)
        fronts = {}
        for item in args.frontends:
            label, _, cmd = item.partition("=")
            parts = cmd.split()
            if parts and os.sep in parts[0]:
                parts[0] = os.path.abspath(parts[0])
            fronts[label] = parts
        first = next(iter(fronts.values()))
        subprocess.run(first + ["init", "--sqlite"], cwd=proj, check=True, capture_output=True)
        (proj / ".env").write_text("DATABASE_URL=sqlite://./app.db\n")
        subprocess.run(first + ["migrate", "init"], cwd=proj, check=True, capture_output=True)
        subprocess.run(first + ["apply"], cwd=proj, check=True, capture_output=True)
        rows = []
        for label, cmd in fronts.items():
            v = median_ms(cmd + ["--version"], proj, args.runs, env)
            s = median_ms(cmd + ["status"], proj, args.runs, env)
            rows.append((label, v, s))
        base = [
            ("python -c pass", median_ms([args.python_exe, "-c", "pass"], proj, args.runs, env)),
            ("node -e 0", median_ms(["node", "-e", "0"], proj, args.runs, env)),
        ]
        if subprocess.run([args.python_exe, "-c", "import flash_orm"], capture_output=True).returncode == 0:
            base.insert(1, ("python -c 'import flash_orm'",
                            median_ms([args.python_exe, "-c", "import flash_orm"], proj, args.runs, env)))
    print(f"median of {args.runs} runs, ms")
    print(f"{'front end':<12} {'--version':>10} {'status':>10}")
    for label, v, s in rows:
        print(f"{label:<12} {v:>10.1f} {s:>10.1f}")
    for label, t in base:
        print(f"{label:<30} {t:>8.1f}")


if __name__ == "__main__":
    main()
