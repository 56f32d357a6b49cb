#!/usr/bin/env python3
"""`flash gen` on a large project: 200 tables, 1,000 queries, Go + TypeScript + Python.

Prints the cold time (no cache, no output on disk), the time of a run with nothing changed
(cache hit), and the time after one query file changed. Usage:

    python3 bench/gen.py path/to/flash [--provider postgresql|mysql|sqlite] [--runs 5]

Never part of CI: timings are for the closing notes, not a gate.
"""

import argparse
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

TYPES = {
    "postgresql": ["bigint", "integer", "text", "varchar(200)", "numeric(12,2)", "boolean",
                   "timestamptz", "date", "jsonb", "uuid", "double precision", "bytea"],
    "mysql": ["bigint", "int", "text", "varchar(200)", "decimal(12,2)", "tinyint(1)",
              "datetime", "date", "json", "char(36)", "double", "blob"],
    "sqlite": ["INTEGER", "INTEGER", "TEXT", "TEXT", "NUMERIC", "BOOLEAN", "DATETIME", "DATE",
               "JSON", "TEXT", "REAL", "BLOB"],
}


def project(root: Path, provider: str, tables: int, queries_per_table: int) -> None:
    types = TYPES[provider]
    pk = {"postgresql": "bigserial PRIMARY KEY", "mysql": "bigint NOT NULL AUTO_INCREMENT PRIMARY KEY",
          "sqlite": "INTEGER PRIMARY KEY"}[provider]
    ph = (lambda n: f"${n}") if provider != "mysql" else (lambda n: "?")
    (root / "db/schema").mkdir(parents=True)
    (root / "db/queries").mkdir(parents=True)
    schema = []
    for t in range(tables):
        cols = [f"  id {pk}"]
        for c, ty in enumerate(types):
            null = "" if c % 3 else " NOT NULL"
            cols.append(f"  c{c}_{t} {ty}{null}")
        if t > 0:
            cols.append(f"  parent_id bigint REFERENCES t{t - 1} (id)" if provider != "sqlite"
                        else f"  parent_id INTEGER REFERENCES t{t - 1} (id)")
        schema.append(f"CREATE TABLE t{t} (\n" + ",\n".join(cols) + "\n);\n")
    (root / "db/schema/schema.sql").write_text("\n".join(schema))
    per_file = 50
    files: dict[int, list[str]] = {}
    n = 0
    for t in range(tables):
        qs = [
            f"-- name: GetT{t} :one\nSELECT * FROM t{t} WHERE id = {ph(1)};",
            f"-- name: ListT{t} :many\nSELECT id, c2_{t}, c4_{t} FROM t{t} WHERE c1_{t} > {ph(1)} ORDER BY id LIMIT {ph(2)};",
            f"-- name: CountT{t} :one\nSELECT count(*) AS n, sum(c4_{t}) AS total, max(c6_{t}) AS latest FROM t{t} WHERE c5_{t} = {ph(1)};",
            (f"-- name: JoinT{t} :many\nSELECT a.id, a.c2_{t}, b.c2_{t - 1} AS parent_name, count(*) OVER () AS total\n"
             f"FROM t{t} a LEFT JOIN t{t - 1} b ON b.id = a.parent_id WHERE a.c3_{t} LIKE {ph(1)};") if t > 0 else
            f"-- name: JoinT{t} :many\nSELECT id, c2_{t} FROM t{t} WHERE c3_{t} LIKE {ph(1)};",
            f"-- name: UpdateT{t} :execrows\nUPDATE t{t} SET c2_{t} = {ph(1)}, c4_{t} = {ph(2)} WHERE id = {ph(3)};",
        ]
        for q in qs[:queries_per_table]:
            files.setdefault(n // per_file, []).append(q)
            n += 1
    for i, qs in files.items():
        (root / f"db/queries/q{i:03}.sql").write_text("\n\n".join(qs) + "\n")
    (root / "flash.toml").write_text(
        f'version = "2"\nschema_dir = "db/schema"\nqueries = "db/queries/"\nmigrations_path = "db/migrations"\n'
        f'[database]\nprovider = "{provider}"\nurl_env = "DATABASE_URL"\n'
        '[gen.go]\nenabled = true\n[gen.js]\nenabled = true\n[gen.python]\nenabled = true\n')


def timed(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    r = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    took = time.perf_counter() - start
    if r.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{r.stdout}\n{r.stderr}")
    return took * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("flash")
    ap.add_argument("--provider", default="postgresql", choices=sorted(TYPES))
    ap.add_argument("--tables", type=int, default=200)
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    flash = str(Path(a.flash).resolve())
    cold, cached, one = [], [], []
    for _ in range(a.runs):
        with tempfile.TemporaryDirectory() as d:
            root = Path(d)
            project(root, a.provider, a.tables, 5)
            cold.append(timed([flash, "gen"], root))
            cached.append(timed([flash, "gen"], root))
            q = root / "db/queries/q000.sql"
            q.write_text(q.read_text() + "\n-- name: Extra :one\nSELECT 1 AS one;\n")
            one.append(timed([flash, "gen"], root))
            files = sum(1 for p in root.rglob("*") if p.is_file() and "gen" in p.parts)
    print(f"flash gen: {a.tables} tables, {a.tables * 5} queries, {a.provider}, Go + TS + Python "
          f"({files} files written), median of {a.runs}")
    print(f"  cold (no cache, no output): {statistics.median(cold):8.1f} ms")
    print(f"  nothing changed (cache):    {statistics.median(cached):8.1f} ms")
    print(f"  one query file changed:     {statistics.median(one):8.1f} ms")


if __name__ == "__main__":
    main()
