"""Fixtures: flash projects on SQLite (always) and PostgreSQL (when FLASH_TEST_POSTGRES_URL is
set; with CI=true a missing URL fails instead of skipping)."""

from __future__ import annotations

import os
import secrets
import sys
import sysconfig
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, List, Optional

import pytest

import flash_orm

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@dataclass
class Project:
    """A flash project made by `flash_orm.init`, its database empty."""

    dir: Path
    provider: str
    url: str

    @property
    def migrations(self) -> List[Path]:
        return sorted((self.dir / "db" / "migrations").glob("*.sql"))

    @property
    def schema(self) -> Path:
        return self.dir / "db" / "schema" / "schema.sql"


def make_project(dir: Path, provider: str, url: str) -> Project:
    flash_orm.init(dir, provider=provider)
    (dir / ".env").write_text(f"DATABASE_URL={url}\n")
    return Project(dir, provider, url)


def postgres_server_url() -> Optional[str]:
    """The server URL from the environment, or None (a failure in CI, else a skip)."""
    url = os.environ.get("FLASH_TEST_POSTGRES_URL")
    if not url:
        if IN_CI:
            pytest.fail("FLASH_TEST_POSTGRES_URL is not set (required when CI=true)")
        pytest.skip("FLASH_TEST_POSTGRES_URL is not set")
    return url


def with_database(url: str, name: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path="/" + name))


@pytest.fixture(autouse=True)
def _no_outside_url(monkeypatch: pytest.MonkeyPatch) -> None:
    # A DATABASE_URL of the environment must not win over the projects' .env files.
    monkeypatch.delenv("DATABASE_URL", raising=False)


@pytest.fixture(scope="session")
def pg_admin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Project]:
    """A project whose URL is the PostgreSQL server's own: for CREATE/DROP DATABASE."""
    url = postgres_server_url()
    assert url is not None
    yield make_project(tmp_path_factory.mktemp("pg_admin"), "postgresql", url)


@pytest.fixture
def pg_url(pg_admin: Project) -> Iterator[str]:
    """The URL of a fresh PostgreSQL database, dropped after the test."""
    name = "flash_py_" + secrets.token_hex(6)
    flash_orm.raw(f'CREATE DATABASE "{name}"', project_dir=pg_admin.dir)
    try:
        yield with_database(pg_admin.url, name)
    finally:
        # FORCE: a cancelled pg_sleep may still hold its backend for a while.
        flash_orm.raw(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', project_dir=pg_admin.dir)


@pytest.fixture
def mysql_project(tmp_path: Path) -> Iterator[Project]:
    """A project on a fresh MySQL/MariaDB database (only when FLASH_TEST_MYSQL_URL is set)."""
    url = os.environ.get("FLASH_TEST_MYSQL_URL")
    if not url:
        if IN_CI:
            pytest.fail("FLASH_TEST_MYSQL_URL is not set (required when CI=true)")
        pytest.skip("FLASH_TEST_MYSQL_URL is not set")
    admin = make_project(tmp_path / "mysql_admin", "mysql", url)
    name = "flash_py_" + secrets.token_hex(6)
    flash_orm.raw(f"CREATE DATABASE `{name}`", project_dir=admin.dir)
    try:
        yield make_project(tmp_path / "app", "mysql", with_database(url, name))
    finally:
        flash_orm.raw(f"DROP DATABASE IF EXISTS `{name}`", project_dir=admin.dir)


@pytest.fixture
def sqlite_project(tmp_path: Path) -> Project:
    return make_project(tmp_path / "app", "sqlite", f"sqlite://{tmp_path / 'app' / 'app.db'}")


@pytest.fixture
def pg_project(tmp_path: Path, pg_url: str) -> Project:
    return make_project(tmp_path / "app", "postgresql", pg_url)


@pytest.fixture(params=["sqlite", "postgresql", "mysql"])
def project(request: pytest.FixtureRequest) -> Project:
    """A project on each database (MySQL only when FLASH_TEST_MYSQL_URL is set)."""
    fixture = {"sqlite": "sqlite_project", "postgresql": "pg_project", "mysql": "mysql_project"}
    p: Project = request.getfixturevalue(fixture[request.param])
    return p


@pytest.fixture(scope="session")
def flash_command() -> str:
    """The `flash` console script of the environment running the tests."""
    exe = Path(sysconfig.get_path("scripts")) / "flash"
    if not exe.exists():
        exe = Path(sys.executable).parent / "flash"
    assert exe.exists(), f"no flash console script next to {sys.executable}"
    return str(exe)
