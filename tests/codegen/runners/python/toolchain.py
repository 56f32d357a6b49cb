"""The runner's virtual environment: created once in a cache folder, rebuilt when
requirements.txt or the interpreter changes.

The cache is `$FLASH_PY_RUNNER_CACHE`, else `$CARGO_TARGET_DIR/python-runner`, else
`<repo>/target/python-runner` (git-ignored, kept between runs on the same machine).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[3]


def cache_dir() -> Path:
    """The folder holding the venv and mypy's cache."""
    if os.environ.get("FLASH_PY_RUNNER_CACHE"):
        return Path(os.environ["FLASH_PY_RUNNER_CACHE"])
    target = os.environ.get("CARGO_TARGET_DIR")
    base = Path(target) if target else REPO / "target"
    return base / "python-runner"


def ensure_venv() -> Path:
    """The venv's interpreter, installing the venv first when it is missing or stale."""
    cache = cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    venv = cache / "venv"
    python = venv / "bin" / "python"
    want = f"{sys.version}\n{(HERE / 'requirements.txt').read_text()}"
    stamp = venv / ".flash-runner-stamp"
    # One installer at a time: two corpora (or two CI jobs) may start together.
    with open(cache / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if python.exists() and stamp.exists() and stamp.read_text() == want:
            return python
        shutil.rmtree(venv, ignore_errors=True)
        run([sys.executable, "-m", "venv", str(venv)])
        run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
             "-r", str(HERE / "requirements.txt")])
        stamp.write_text(want)
    return python


def run(cmd: list[str]) -> None:
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"python runner: {' '.join(cmd)} failed:\n{r.stdout}{r.stderr}")
