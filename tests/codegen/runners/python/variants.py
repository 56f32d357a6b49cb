"""The drivers the generated code is run with, per database, and what each needs: its code and
its own freshly seeded database.

The first driver of each database is flash's default for `[gen.python]`: the orchestrator has
generated it and seeded its database. The others are generated here, in a copy of the project
whose `[gen.python]` section names the driver, and get a database of their own (created next
to the orchestrator's, schema applied and seed loaded with flash), because the calls write.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from connect import admin_execute

REPO = Path(__file__).resolve().parents[4]

# (driver, async) per database; the first is flash's default (sync).
DRIVERS: dict[str, list[tuple[str, bool]]] = {
    "postgresql": [("psycopg", False), ("asyncpg", True), ("psycopg", True)],
    "mysql": [("pymysql", False), ("aiomysql", True)],
    "sqlite": [("sqlite3", False), ("aiosqlite", True)],
}


@dataclass
class Variant:
    """One driver's generated package and the database it runs against."""

    driver: str
    async_: bool
    # The generated folder (a package: `from . import models`).
    out: Path
    url: str

    @property
    def name(self) -> str:
        """`psycopg`, `psycopg_async`, `asyncpg`: for messages and folder names."""
        return f"{self.driver}_async" if self.async_ and self.driver == "psycopg" else self.driver

    @property
    def package(self) -> str:
        """The name the generated package is imported as (not the driver's own name)."""
        return f"gen_{self.name}"


class SetupError(Exception):
    """A variant could not be generated or given its database."""


def flash_binary() -> str | None:
    """flash: `$FLASH_BIN`, else the `ci` build of the workspace."""
    target = os.environ.get("CARGO_TARGET_DIR")
    candidates = [
        os.environ.get("FLASH_BIN"),
        str(Path(target) / "ci" / "flash") if target else None,
        str(REPO / "target" / "ci" / "flash"),
    ]
    return next((c for c in candidates if c and Path(c).is_file()), None)


def with_database(url: str, name: str) -> str:
    """`url` pointing at database `name` on the same server."""
    u = urlsplit(url)
    return urlunsplit(u._replace(path="/" + name))


def python_section(driver: str, async_: bool, out: str) -> str:
    return (f'[gen.python]\nenabled = true\nout = "{out}"\ndriver = "{driver}"\n'
            f"async = {'true' if async_ else 'false'}\n")


def rewrite_python_section(toml: str, section: str) -> str:
    """flash.toml with its `[gen.python]` table replaced by `section`."""
    # The table runs from its header to the next header (or the end).
    pattern = re.compile(r"^\[gen\.python\][^\[]*", re.MULTILINE)
    if pattern.search(toml):
        return pattern.sub(lambda _: section + "\n", toml)
    return toml.rstrip("\n") + "\n\n" + section


class Setup:
    """Generates the extra variants of one corpus and creates (then drops) their databases."""

    def __init__(self, provider: str, url: str, project: Path, work: Path) -> None:
        self.provider = provider
        self.url = url
        self.project = project
        self.work = work
        self.created: list[str] = []

    def variants(self, default_out: Path) -> list[Variant]:
        """Every driver's variant; raises SetupError when one cannot be made."""
        (driver, async_), *others = DRIVERS[self.provider]
        out = [Variant(driver, async_, default_out, self.url)]
        if not others:
            return out
        flash = flash_binary()
        if flash is None:
            raise SetupError("flash not found: set FLASH_BIN (or build target/ci/flash)")
        for driver, async_ in others:
            v = Variant(driver, async_, Path(), "")
            copy = self.work / f"project-{v.name}"
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(self.project, copy,
                            ignore=shutil.ignore_patterns("gen", "ir.json", "*.db", "*.db-*"))
            toml = copy / "flash.toml"
            toml.write_text(rewrite_python_section(
                toml.read_text(), python_section(driver, async_, "gen/python/db")))
            v.url = self.fresh_database(v.name)
            env = dict(os.environ, DATABASE_URL=v.url)
            self.sh([flash, "gen", "--lang", "python", "--force"], copy, env)
            # The orchestrator's `migrate init` wrote the migration the copy applies.
            self.sh([flash, "apply", "--yes"], copy, env)
            self.sh([flash, "raw", "--file", "seed.sql"], copy, env)
            v.out = copy / "gen" / "python" / "db"
            out.append(v)
        return out

    def fresh_database(self, suffix: str) -> str:
        """A new empty database for one variant; its URL."""
        if self.provider == "sqlite":
            path = self.work / f"{suffix}.db"
            path.unlink(missing_ok=True)
            return f"sqlite://{path}"
        name = f"{urlsplit(self.url).path.lstrip('/')}_{suffix}"
        force = " WITH (FORCE)" if self.provider == "postgresql" else ""
        admin_execute(self.provider, self.url,
                      [f"DROP DATABASE IF EXISTS {name}{force}", f"CREATE DATABASE {name}"])
        self.created.append(name)
        return with_database(self.url, name)

    def drop_databases(self) -> None:
        """Drops the variants' databases; a failure is only told (the results stand)."""
        force = " WITH (FORCE)" if self.provider == "postgresql" else ""
        statements = [f"DROP DATABASE IF EXISTS {n}{force}" for n in self.created]
        self.created = []
        if not statements:
            return
        try:
            admin_execute(self.provider, self.url, statements)
        except Exception as e:  # the server went away: nothing left to clean up with
            print(f"python runner: could not drop {statements}: {e}", file=sys.stderr)

    @staticmethod
    def sh(cmd: list[str], cwd: Path, env: dict[str, str]) -> None:
        r = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
        if r.returncode != 0:
            raise SetupError(f"{' '.join(cmd[1:])} (in {cwd}) exited {r.returncode}: "
                             f"{(r.stdout + r.stderr).strip()}")
