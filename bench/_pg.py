"""Helpers of the PostgreSQL benchmarks (`export.py`, `seed.py`): their arguments and fresh
database, a database URL, psql, and one timed run of a command with its peak memory."""

from __future__ import annotations

import argparse
import os
import subprocess
from pathlib import Path
from urllib.parse import urlparse, urlunparse


def with_db(url: str, name: str) -> str:
    """`url` pointing at database `name`."""
    u = urlparse(url)
    return urlunparse(u._replace(path="/" + name))


def psql(url: str, *args: str) -> None:
    subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-q", *args], check=True,
                   stdout=subprocess.DEVNULL)


def timed(cmd: list[str], cwd: Path) -> tuple[float, int]:
    """(wall seconds, peak RSS in MiB) of one run of `cmd`."""
    out = subprocess.run(["/usr/bin/time", "-f", "%e %M", *cmd], cwd=cwd, check=True,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall, rss_kb = out.stderr.strip().splitlines()[-1].split()
    return float(wall), int(rss_kb) // 1024


def start(db: str) -> tuple[argparse.Namespace, str, str, str]:
    """Reads the benchmarks' arguments (the flash binary, `--rows`, `--runs`, `--keep`) and makes
    database `db` afresh on `FLASH_TEST_POSTGRES_URL`: (arguments, admin URL, URL of `db`,
    absolute path of flash)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("flash")
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--keep", action="store_true")
    a = ap.parse_args()
    admin = os.environ["FLASH_TEST_POSTGRES_URL"]
    psql(admin, "-c", f'DROP DATABASE IF EXISTS "{db}"', "-c", f'CREATE DATABASE "{db}"')
    return a, admin, with_db(admin, db), str(Path(a.flash).resolve())
