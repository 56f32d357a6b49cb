"""The drivers the generated code is run with, per database, and what each needs: its code and
its own freshly seeded database.

The first driver of each database is flash's default for `[gen.python]`: the orchestrator has
generated it and seeded its database. The others are generated here, in a copy of the project
whose `[gen.python]` section names the driver, and get a database of their own (created next
to the orchestrator's, schema applied and seed loaded with flash), because the calls write.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from scratch import Scratch, SetupError, section  # noqa: E402

__all__ = ["Setup", "SetupError", "Variant"]

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


class Setup(Scratch):
    """Generates the extra variants of one corpus and creates (then drops) their databases."""

    def variants(self, default_out: Path) -> list[Variant]:
        """Every driver's variant; raises SetupError when one cannot be made."""
        (driver, async_), *others = DRIVERS[self.provider]
        out = [Variant(driver, async_, default_out, self.url)]
        for driver, async_ in others:
            v = Variant(driver, async_, Path(), "")
            text = section("gen.python",
                           {"out": "gen/python/db", "driver": driver, "async": async_})
            copy, v.url = self.seeded_copy(v.name, "python", "gen.python", text)
            v.out = copy / "gen" / "python" / "db"
            out.append(v)
        return out
