"""The variants of the generated TypeScript run per database, and what each needs: its code,
its own freshly seeded database, and the time zone its process runs in.

The first variant is flash's default (`emit = "ts"`, `bigint = "string"`): the orchestrator
has generated it and seeded its database. The others are generated here, in a copy of the
project whose `[gen.js]` section sets their options, and get a database of their own (next
to the orchestrator's; schema applied and seed loaded by flash), because the calls write.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parents[4]


@dataclass
class Variant:
    """One generated package, the options it was generated with, and its database."""

    name: str
    # `[gen.js]` options besides `enabled` and `out`.
    options: dict[str, str]
    # The process's TZ (see variants_for).
    tz: str = "UTC"
    out: Path = field(default_factory=Path)
    url: str = ""

    @property
    def emits_js(self) -> bool:
        return self.options.get("emit") == "js"

    @property
    def bigint(self) -> str:
        return self.options.get("bigint", "string")


def variants_for(provider: str) -> list[Variant]:
    """flash's default first, then 64-bit integers as `bigint` with a declared JSON type, then
    the JavaScript output (`.js` + `.d.ts`) as CommonJS, and as ES modules with `bigint`.

    The `bigint` variant runs in a zone with a fixed offset other than UTC, which shows
    local-time mistakes in the code that reads and writes dates and timestamps itself (pg's
    text, better-sqlite3). Not on MySQL: mysql2 reads and writes dates itself, and a MySQL
    session must run in the client's zone for mysql2's local `Date`s to be right, which
    changes what the SQL computes (`DATE(timestamp_column)`) and so the expected results."""
    zone = "UTC" if provider == "mysql" else "Asia/Kolkata"
    return [
        Variant("ts", {}),
        Variant("ts-bigint", {"bigint": "bigint", "json_type": "JsonValue"}, tz=zone),
        Variant("js-cjs", {"emit": "js", "module": "cjs"}),
        Variant("js-esm-bigint", {"emit": "js", "module": "esm", "bigint": "bigint"}),
    ]


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


def js_section(v: Variant) -> str:
    lines = ["[gen.js]", "enabled = true", f'out = "gen/{v.name}"']
    lines += [f'{k} = "{value}"' for k, value in v.options.items()]
    return "\n".join(lines) + "\n"


def rewrite_js_section(toml: str, section: str) -> str:
    """flash.toml with its `[gen.js]` table replaced by `section`."""
    # The table runs from its header to the next header (or the end).
    pattern = re.compile(r"^\[gen\.js\][^\[]*", re.MULTILINE)
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
        default, *others = variants_for(self.provider)
        default.out, default.url = default_out, self.url
        for v in others:
            copy = self.work / f"project-{v.name}"
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(self.project, copy,
                            ignore=shutil.ignore_patterns("gen", "ir.json", "*.db", "*.db-*"))
            toml = copy / "flash.toml"
            toml.write_text(rewrite_js_section(toml.read_text(), js_section(v)))
            v.url = self.fresh_database(v.name)
            env = dict(os.environ, DATABASE_URL=v.url)
            self.flash_cmd(["gen", "--lang", "js", "--force"], copy, env)
            # The orchestrator's `migrate init` wrote the migration the copy applies.
            self.flash_cmd(["apply", "--yes"], copy, env)
            self.flash_cmd(["raw", "--file", "seed.sql"], copy, env)
            v.out = copy / "gen" / v.name
        return [default, *others]

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
