"""Helpers of the PostgreSQL benchmarks (`export.py`, `seed.py`): a database URL, psql, and
one timed run of a command with its peak memory."""

from __future__ import annotations

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
