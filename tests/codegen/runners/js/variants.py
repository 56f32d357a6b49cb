"""The variants of the generated TypeScript run per database, and what each needs: its code,
its own freshly seeded database, and the time zone its process runs in.

The first variant is flash's default (`emit = "ts"`, `bigint = "string"`): the orchestrator
has generated it and seeded its database. The others are generated here, in a copy of the
project whose `[gen.js]` section sets their options, and get a database of their own (next
to the orchestrator's; schema applied and seed loaded by flash), because the calls write.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from scratch import Scratch, SetupError, section  # noqa: E402

__all__ = ["Setup", "SetupError", "Variant", "variants_for"]


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


class Setup(Scratch):
    """Generates the extra variants of one corpus and creates (then drops) their databases."""

    def variants(self, default_out: Path) -> list[Variant]:
        """Every variant of the database; raises SetupError when one cannot be made."""
        default, *others = variants_for(self.provider)
        default.out, default.url = default_out, self.url
        for v in others:
            text = section("gen.js", {"out": f"gen/{v.name}", **v.options})
            copy, v.url = self.seeded_copy(v.name, "js", "gen.js", text)
            v.out = copy / "gen" / v.name
        return [default, *others]
