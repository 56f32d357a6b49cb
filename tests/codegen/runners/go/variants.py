"""The variants of the generated Go code run per database, and what each needs: its code and
its own freshly seeded database.

The first variant of each database is flash's default (`database/sql`, `sql_null` nulls): the
orchestrator has generated it and seeded its database. The others are generated here, in a
copy of the project whose `[gen.go]` section names their driver and null style, and get a
database of their own (next to the orchestrator's; schema applied and seed loaded by flash),
because the calls write.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from scratch import Scratch, SetupError, section  # noqa: E402

__all__ = ["Setup", "SetupError", "Variant"]

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


class Setup(Scratch):
    """Generates the extra variants of one corpus and creates (then drops) their databases."""

    def variants(self, default_out: Path) -> list[Variant]:
        """Every variant of the database; raises SetupError when one cannot be made."""
        (driver, nulls), *others = VARIANTS[self.provider]
        out = [Variant(driver, nulls, default_out, self.url)]
        for driver, nulls in others:
            v = Variant(driver, nulls, Path(), "")
            text = section("gen.go", {"out": "gen/go/db", "driver": driver, "nulls": nulls})
            copy, v.url = self.seeded_copy(v.name, "go", "gen.go", text)
            v.out = copy / "gen" / "go" / "db"
            out.append(v)
        return out
