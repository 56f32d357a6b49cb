"""The `flash` console command and `python -m flash_orm`: the Rust CLI, byte for byte."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Optional

import pytest

import flash_orm

from conftest import IN_CI, Project


def env() -> Dict[str, str]:
    e = dict(os.environ)
    e.pop("DATABASE_URL", None)
    e["NO_COLOR"] = "1"
    return e


def run(argv: List[str], cwd: Path) -> "subprocess.CompletedProcess[bytes]":
    return subprocess.run(argv, cwd=cwd, env=env(), stdin=subprocess.DEVNULL, capture_output=True, timeout=60)


def both(flash_command: str, args: List[str], cwd: Path) -> "subprocess.CompletedProcess[bytes]":
    """Runs `flash ARGS` and `python -m flash_orm ARGS`; they must agree byte for byte."""
    a = run([flash_command, *args], cwd)
    b = run([sys.executable, "-m", "flash_orm", *args], cwd)
    assert (a.returncode, a.stdout, a.stderr) == (b.returncode, b.stdout, b.stderr)
    assert b"Traceback" not in a.stderr
    return a


def test_version(flash_command: str, tmp_path: Path) -> None:
    r = both(flash_command, ["--version"], tmp_path)
    assert r.returncode == 0
    assert r.stdout == f"flash {flash_orm.__version__}\n".encode()
    assert r.stderr == b""


def test_exit_codes(flash_command: str, tmp_path: Path) -> None:
    assert both(flash_command, ["--help"], tmp_path).returncode == 0
    missing = both(flash_command, ["status"], tmp_path)
    assert missing.returncode == 1
    assert b"flash.toml" in missing.stderr
    usage = both(flash_command, ["no-such-command"], tmp_path)
    assert usage.returncode == 2
    assert b"no-such-command" in usage.stderr
    assert both(flash_command, [], tmp_path).returncode == 2


def test_a_whole_cycle(flash_command: str, tmp_path: Path) -> None:
    assert run([flash_command, "init"], tmp_path).returncode == 0
    (tmp_path / ".env").write_text(f"DATABASE_URL=sqlite://{tmp_path / 'app.db'}\n")
    assert run([flash_command, "migrate", "create users"], tmp_path).returncode == 0
    assert run([sys.executable, "-m", "flash_orm", "apply"], tmp_path).returncode == 0
    r = both(flash_command, ["status"], tmp_path)
    assert r.returncode == 0
    assert b"1 applied, 0 pending" in r.stdout
    r = both(flash_command, ["raw", "--json", "SELECT count(*) AS n FROM users"], tmp_path)
    assert r.returncode == 0, r.stderr
    bad = both(flash_command, ["raw", "SELECT * FROM nope"], tmp_path)
    assert bad.returncode == 1
    assert flash_orm.status(project_dir=tmp_path).applied == 1


def rust_binary() -> Optional[str]:
    b = os.environ.get("FLASH_BIN")
    return b if b and Path(b).exists() else None


def test_identical_to_the_rust_binary(flash_command: str, sqlite_project: Project, tmp_path: Path) -> None:
    binary = rust_binary()
    if binary is None:
        # scripts/test.sh always sets it; in CI its absence is a failure, never a skip.
        if IN_CI:
            pytest.fail("FLASH_BIN (the Rust flash binary) is not set (required when CI=true)")
        pytest.skip("FLASH_BIN (the Rust flash binary) is not set")
    flash_orm.migrate("init", project_dir=sqlite_project.dir)
    cases = [
        (["--version"], tmp_path),
        (["--help"], tmp_path),
        (["migrate", "--help"], tmp_path),
        (["status"], tmp_path),
        (["bogus"], tmp_path),
        (["status"], sqlite_project.dir),
        (["dblist"], sqlite_project.dir),
        (["raw", "SELECT 1 AS one, NULL AS nothing"], sqlite_project.dir),
        (["raw", "SELECT * FROM nope"], sqlite_project.dir),
        (["down"], sqlite_project.dir),
    ]
    for args, cwd in cases:
        rust = run([binary, *args], cwd)
        py = run([flash_command, *args], cwd)
        assert (py.returncode, py.stdout, py.stderr) == (rust.returncode, rust.stdout, rust.stderr), args
