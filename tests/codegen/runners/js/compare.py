"""What the variants of one corpus read, compared: each variant made the same calls on the
same seeded data, so each call must give the same count and the same rows (normalised by
src/normal.ts: integers as digits, dates as days, naive timestamps as wall times, timestamps
with a time zone as instants) as the first variant."""

from __future__ import annotations

import json
from pathlib import Path


def differences(provider: str, calls: list[dict], dumps: list[tuple[str, Path]]) -> list[str]:
    """One line per call whose result differs from the first variant's."""
    (base_name, base_path), *others = dumps
    base = read(base_path)
    out = []
    for name, path in others:
        for i, (call, a, b) in enumerate(zip(calls, base, read(path))):
            if "error" in a or "error" in b:
                continue  # already a failure of its own
            what = first_difference(a, b)
            if what is not None:
                out.append(f"{provider} {call['query']}: {name} call #{i + 1}: {what} "
                           f"(the {base_name} variant reads the other)")
    return out


def read(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines()]


def first_difference(a: dict, b: dict) -> str | None:
    if a["count"] != b["count"]:
        return f"count {b['count']} vs {a['count']}"
    if len(a["rows"]) != len(b["rows"]):
        return f"{len(b['rows'])} rows vs {len(a['rows'])}"
    # In any order: rows that tie in ORDER BY may come in another order in another database.
    for ra, rb in zip(sorted(a["rows"]), sorted(b["rows"])):
        for c, (x, y) in enumerate(zip(ra, rb)):
            if x != y:
                return f"a row differs in column {c + 1}: {y} vs {x}"
    for x, y in zip(a["values"], b["values"]):
        if x != y:
            return f"{y} vs {x}"
    return None
