"""The Python runner of the generated-code tests (run inside the cached venv by `run`).

For one corpus: the package generated for each driver (see variants.py) is type-checked with
`mypy --strict`, imported, and every call of calls.json is made through it, in order, on that
driver's own seeded database. Prints one line per failure, `<provider> <query>: <what>`, and
exits 1 if there is any; a summary per driver goes to stderr.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json
import shutil
import subprocess
import sys
import time
import traceback
import warnings
from pathlib import Path
from typing import Any

from calls import Caller
from connect import close, connect
from toolchain import cache_dir
from variants import Setup, Variant


def project_of(out: Path) -> Path:
    """The flash project the generated folder belongs to (where flash.toml is)."""
    for d in [out, *out.parents]:
        if (d / "flash.toml").is_file():
            return d
    return Path.cwd()


def type_check(variants: list[Variant], packages: Path, provider: str) -> list[str]:
    """`mypy --strict` over every variant's package at once (Python 3.10, what the generated
    code promises); one failure line per error."""
    cmd = [sys.executable, "-m", "mypy", "--strict", "--python-version", "3.10",
           "--cache-dir", str(cache_dir() / "mypy-cache"), "--no-error-summary"]
    for v in variants:
        cmd += ["-p", v.package]
    r = subprocess.run(cmd, cwd=packages, capture_output=True, text=True)
    if r.returncode == 0:
        return []
    lines = [l for l in (r.stdout + r.stderr).splitlines() if l.strip()]
    return [f"{provider} mypy: {l}" for l in lines] or [f"{provider} mypy: exited {r.returncode}"]


async def run_calls(provider: str, v: Variant, ir: dict[str, Any],
                    calls: list[dict[str, Any]]) -> list[str]:
    """Every call through one variant's package; the failure lines."""
    queries = {q["query"]["name"]: q for f in ir["files"] for q in f["queries"]}
    try:
        package = importlib.import_module(v.package)
    except Exception as e:  # the import itself is what is tested
        return [f"{provider} import: {v.package}: {type(e).__name__}: {e}"]
    try:
        conn = await connect(v.driver, v.async_, v.url)
    except Exception as e:
        return [f"{provider} connect: {v.name}: {type(e).__name__}: {e}"]
    failures = []
    try:
        caller = Caller(provider, package, queries, conn)
        for i, call in enumerate(calls):
            where = f"{provider} {call['query']}: {v.name} call #{i + 1}"
            try:
                problems = await caller.call(call)
            except Exception as e:  # a failing call is reported, the next one still runs
                frame = traceback.extract_tb(e.__traceback__)[-1]
                problems = [f"{type(e).__name__}: {e} (at {Path(frame.filename).name}:"
                            f"{frame.lineno})".replace("\n", " ")]
            failures += [f"{where}: {p}" for p in problems]
    finally:
        await close(v.driver, v.async_, conn)
    return failures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    for flag in ("--provider", "--url", "--out", "--ir", "--calls", "--work"):
        ap.add_argument(flag, required=True)
    a = ap.parse_args()
    # aiomysql turns the server's notes (INSERT IGNORE of a duplicate, a rounded DECIMAL) into
    # Python warnings; PyMySQL does not. They say nothing about the generated code.
    warnings.filterwarnings("ignore", module="aiomysql")
    provider: str = a.provider
    out = Path(a.out).resolve()
    work = Path(a.work).resolve() / provider
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    ir = json.loads(Path(a.ir).read_text())
    calls = json.loads(Path(a.calls).read_text())

    failures: list[str] = []
    setup = Setup(provider, a.url, project_of(out), work)
    try:
        start = time.time()
        try:
            variants = setup.variants(out)
        except Exception as e:  # SetupError, or the server refusing a CREATE DATABASE
            print(f"{provider} setup: {type(e).__name__}: {e}".replace("\n", " "))
            return 1
        # Each package under its variant's name, so that one mypy run checks them all.
        packages = work / "packages"
        for v in variants:
            shutil.copytree(v.out, packages / v.package)
        print(f"python {provider}: generated and seeded in {time.time() - start:.1f}s",
              file=sys.stderr)
        start = time.time()
        failures += type_check(variants, packages, provider)
        print(f"python {provider}: mypy --strict in {time.time() - start:.1f}s", file=sys.stderr)
        sys.path.insert(0, str(packages))
        for v in variants:
            start = time.time()
            found = asyncio.run(run_calls(provider, v, ir, calls))
            print(f"python {provider} {v.name}: {len(calls)} calls, {len(found)} failures "
                  f"({time.time() - start:.1f}s)", file=sys.stderr)
            failures += found
    finally:
        for problem in setup.drop_databases():
            print(f"python runner: {problem}", file=sys.stderr)
    for line in failures:
        print(line)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
