"""The variants of the generated Go code run per database, and what each needs: its code and
its own freshly seeded database.

The first variant of each database is flash's default (`database/sql`, `sql_null` nulls): the
orchestrator has generated it and seeded its database. The others are generated here, in a
copy of the project whose `[gen.go]` section names their driver and null style, and get a
database of their own (next to the orchestrator's; schema applied and seed loaded by flash),
because the calls write.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parents[4]

# (driver, nulls) per database; the first is flash's default.
VARIANTS: dict[str, list[tuple[str, str]]] = {
    "postgresql": [("database/sql", "sql_null"), ("database/sql", "pointer"),
                   ("pgx", "sql_null"), ("pgx", "pointer")],
    "mysql": [("database/sql", "sql_null"), ("database/sql", "pointer")],
    "sqlite": [("database/sql", "sql_null"), ("database/sql", "pointer")],
}


@dataclass
class Variant:
    """One generated package and the database it runs against."""

    driver: str
    nulls: str
    # The generated package's folder.
    out: Path
    url: str

    @property
    def name(self) -> str:
        """`database-sql`, `pgx-pointer`: for messages, folders and database names."""
        base = "pgx" if self.driver == "pgx" else "database-sql"
        return base if self.nulls == "sql_null" else f"{base}-{self.nulls}"

    @property
    def package_dir(self) -> str:
        """The package's folder (and import alias) in the scratch module."""
        return self.name.replace("-", "_")


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


def go_section(driver: str, nulls: str) -> str:
    return (f'[gen.go]\nenabled = true\nout = "gen/go/db"\ndriver = "{driver}"\n'
            f'nulls = "{nulls}"\n')


def rewrite_go_section(toml: str, section: str) -> str:
    """flash.toml with its `[gen.go]` table replaced by `section`."""
    # The table runs from its header to the next header (or the end).
    pattern = re.compile(r"^\[gen\.go\][^\[]*", re.MULTILINE)
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
        self.flash = flash_binary()

    def variants(self, default_out: Path) -> list[Variant]:
        """Every variant of the database; raises SetupError when one cannot be made."""
        (driver, nulls), *others = VARIANTS[self.provider]
        out = [Variant(driver, nulls, default_out, self.url)]
        if others and self.flash is None:
            raise SetupError("flash not found: set FLASH_BIN (or build target/ci/flash)")
        for driver, nulls in others:
            v = Variant(driver, nulls, Path(), "")
            copy = self.work / f"project-{v.name}"
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(self.project, copy,
                            ignore=shutil.ignore_patterns("gen", "ir.json", "*.db", "*.db-*"))
            toml = copy / "flash.toml"
            toml.write_text(rewrite_go_section(toml.read_text(), go_section(driver, nulls)))
            v.url = self.fresh_database(v.name)
            env = dict(os.environ, DATABASE_URL=v.url)
            self.flash_cmd(["gen", "--lang", "go", "--force"], copy, env)
            # The orchestrator's `migrate init` wrote the migration the copy applies.
            self.flash_cmd(["apply", "--yes"], copy, env)
            self.flash_cmd(["raw", "--file", "seed.sql"], copy, env)
            v.out = copy / "gen" / "go" / "db"
            out.append(v)
        return out

    def fresh_database(self, suffix: str) -> str:
        """A new empty database for one variant; its URL."""
        if self.provider == "sqlite":
            path = self.work / f"{suffix}.db"
            path.unlink(missing_ok=True)
            return f"sqlite://{path}"
        u = urlsplit(self.url)
        name = f"{u.path.lstrip('/')}_{suffix.replace('-', '_')}"
        self.admin([f"DROP DATABASE IF EXISTS {name}{self.force()}", f"CREATE DATABASE {name}"])
        self.created.append(name)
        return urlunsplit(u._replace(path="/" + name))

    def drop_databases(self) -> list[str]:
        """Drops the variants' databases; what could not be dropped (the results stand)."""
        problems = []
        for name in self.created:
            try:
                self.admin([f"DROP DATABASE IF EXISTS {name}{self.force()}"])
            except SetupError as e:
                problems.append(str(e))
        self.created = []
        return problems

    def force(self) -> str:
        return " WITH (FORCE)" if self.provider == "postgresql" else ""

    def admin(self, statements: list[str]) -> None:
        """Runs statements with `flash raw` on the orchestrator's database."""
        folder = self.work / "admin"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "flash.toml").write_text(
            f'[database]\nprovider = "{self.provider}"\nurl_env = "DATABASE_URL"\n')
        env = dict(os.environ, DATABASE_URL=self.url)
        for sql in statements:
            self.flash_cmd(["raw", sql], folder, env)

    def flash_cmd(self, args: list[str], cwd: Path, env: dict[str, str]) -> None:
        if self.flash is None:
            raise SetupError("flash not found: set FLASH_BIN (or build target/ci/flash)")
        r = subprocess.run([self.flash, *args], cwd=cwd, env=env, capture_output=True, text=True)
        if r.returncode != 0:
            raise SetupError(f"flash {' '.join(args)} (in {cwd}) exited {r.returncode}: "
                             f"{(r.stdout + r.stderr).strip()}")
