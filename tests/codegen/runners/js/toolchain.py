"""The runner's toolchain: TypeScript and the drivers (package.json, pinned by
package-lock.json), installed once with `npm ci` into a cache folder and reinstalled when the
lock file or Node changes.

The cache is `$FLASH_JS_RUNNER_CACHE`, else `$CARGO_TARGET_DIR/js-runner`, else
`<repo>/target/js-runner` (git-ignored, kept between runs on the same machine). A cold cache
needs the npm registry, and a C++ compiler for better-sqlite3 when npm cannot fetch its
prebuilt binary (it builds it from source then, against Node's headers).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[3]
MANIFESTS = ("package.json", "package-lock.json")


class ToolchainError(Exception):
    """npm could not install the toolchain."""


def cache_dir() -> Path:
    if os.environ.get("FLASH_JS_RUNNER_CACHE"):
        return Path(os.environ["FLASH_JS_RUNNER_CACHE"])
    target = os.environ.get("CARGO_TARGET_DIR")
    return (Path(target) if target else REPO / "target") / "js-runner"


def node_version() -> str:
    r = subprocess.run(["node", "--version"], capture_output=True, text=True)
    if r.returncode != 0:
        raise ToolchainError(f"node --version failed: {r.stderr.strip()}")
    return r.stdout.strip()


def ensure_node_modules() -> Path:
    """The installed node_modules folder, installing it first when missing or stale."""
    cache = cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(node_version().encode())
    for name in MANIFESTS:
        digest.update((HERE / name).read_bytes())
    want = digest.hexdigest()
    modules = cache / "node_modules"
    stamp = modules / ".flash-runner-stamp"
    # One installer at a time: two corpora (or two CI jobs) may start together.
    with open(cache / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if stamp.exists() and stamp.read_text() == want:
            return modules
        shutil.rmtree(modules, ignore_errors=True)
        for name in MANIFESTS:
            shutil.copy(HERE / name, cache / name)
        r = subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=cache,
                           capture_output=True, text=True)
        if r.returncode != 0:
            raise ToolchainError(f"npm ci in {cache} failed:\n{r.stdout}{r.stderr}")
        stamp.write_text(want)
    return modules
