#!/usr/bin/env python3
"""`flash export` and `flash import` on a 1,000,000-row PostgreSQL table of mixed types (bigint, text, varchar,
numeric, double, boolean, timestamptz, jsonb, uuid), against `psql -c "\\copy ... TO ..."`.

For each format (CSV, JSON, SQLite) the median wall time of `--runs` runs and the peak
resident memory (`/usr/bin/time -f %M`) of the `flash` process; the `\\copy` baseline is
timed the same way. The table is made once with `generate_series` in a database of its own
(`flash_bench_export`, dropped at the end unless `--keep`).

    FLASH_TEST_POSTGRES_URL=postgres://... python3 bench/export.py target/release/flash \\
        [--rows 1000000] [--runs 3] [--keep]

Never part of CI: the numbers are for the closing notes, not a gate.
"""

from __future__ import annotations

import statistics
import subprocess
import tempfile
from pathlib import Path

from _pg import psql, start, timed, with_db

DB = "flash_bench_export"

TABLE = """
CREATE TABLE big (
  id bigint PRIMARY KEY,
  name text NOT NULL,
  email varchar(200),
  amount numeric(12,2),
  score double precision,
  active boolean,
  created_at timestamptz,
  payload jsonb,
  tag uuid
);
INSERT INTO big
SELECT g, 'name ' || g, 'user' || g || '@example.com', (g % 100000) / 100.0, g * 0.37,
       g % 2 = 0, timestamptz '2024-01-01 00:00:00+00' + g * interval '1 second',
       jsonb_build_object('k', g, 'v', 'x'), md5(g::text)::uuid
FROM generate_series(1, {rows}) g;
ANALYZE big;
"""


def main() -> None:
    a, admin, url, flash = start(DB)
    psql(url, "-c", TABLE.format(rows=a.rows))
    try:
        with tempfile.TemporaryDirectory() as tmp:
            d = Path(tmp)
            (d / "flash.toml").write_text(
                'version = "2"\n[database]\nprovider = "postgresql"\nurl_env = "DATABASE_URL"\n')
            (d / ".env").write_text(f"DATABASE_URL={url}\n")
            results: dict[str, list[tuple[float, int]]] = {}

            def run(label: str, cmd: list[str], out: Path) -> None:
                for _ in range(a.runs):
                    subprocess.run(["rm", "-rf", str(out)], check=True)
                    results.setdefault(label, []).append(timed(cmd, d))

            run("psql \\copy (CSV)",
                ["psql", url, "-q", "-c", f"\\copy big TO '{d / 'copy.csv'}' CSV HEADER"],
                d / "copy.csv")
            run("flash export --csv",
                [flash, "export", "--csv", "--tables", "big", "-o", "csv"], d / "csv")
            run("flash export (JSON)",
                [flash, "export", "--tables", "big", "-o", "out.json"], d / "out.json")
            run("flash export --sqlite",
                [flash, "export", "--sqlite", "--tables", "big", "-o", "out.db"], d / "out.db")

            # Import: `\copy ... FROM` the CSV into an empty table, against `flash import` of
            # each export (CSV, JSON, SQLite) into an empty database (tables created from the export).
            target = with_db(admin, DB + "_in")
            ddl = TABLE.split("INSERT INTO")[0]
            subprocess.run(["psql", url, "-q", "-c",
                            f"\\copy big TO '{d / 'copy.csv'}' CSV HEADER"], check=True)
            for fmt, out in (([], "in.json"), (["--csv"], "in.csv"), (["--sqlite"], "in.db")):
                subprocess.run([flash, "export", *fmt, "--tables", "big", "-o", out], cwd=d,
                               check=True, stdout=subprocess.DEVNULL)
            (d / ".env").write_text(f"DATABASE_URL={target}\n")
            imports: dict[str, list[tuple[float, int]]] = {}
            for _ in range(a.runs):
                psql(admin, "-c", f'DROP DATABASE IF EXISTS "{DB}_in"', "-c",
                     f'CREATE DATABASE "{DB}_in"')
                psql(target, "-c", ddl)
                imports.setdefault("psql \\copy FROM (CSV)", []).append(timed(
                    ["psql", target, "-q", "-c",
                     f"\\copy big FROM '{d / 'copy.csv'}' CSV HEADER"], d))
                for label, path in (("CSV", "in.csv"), ("JSON", "in.json"), ("SQLite", "in.db")):
                    psql(admin, "-c", f'DROP DATABASE IF EXISTS "{DB}_in"', "-c",
                         f'CREATE DATABASE "{DB}_in"')
                    imports.setdefault(f"flash import ({label})", []).append(
                        timed([flash, "import", path], d))
            psql(admin, "-c", f'DROP DATABASE IF EXISTS "{DB}_in"')
            results.update(imports)

            base_out = statistics.median(w for w, _ in results["psql \\copy (CSV)"])
            base_in = statistics.median(w for w, _ in results["psql \\copy FROM (CSV)"])
            print(f"{a.rows:,} rows, median of {a.runs} runs (imports against \\copy FROM)")
            vs = "vs \\copy"
            print(f"{'':24} {'wall s':>8} {'rows/s':>12} {vs:>9} {'peak MiB':>9}")
            for label, runs in results.items():
                base = base_in if ("import" in label or "FROM" in label) else base_out
                wall = statistics.median(w for w, _ in runs)
                rss = max(m for _, m in runs)
                print(f"{label:24} {wall:8.2f} {a.rows / wall:12,.0f} {wall / base:8.2f}x "
                      f"{rss:9d}")
    finally:
        if not a.keep:
            psql(admin, "-c", f'DROP DATABASE IF EXISTS "{DB}"')


if __name__ == "__main__":
    main()
