#!/usr/bin/env python3
"""Checks a codegen corpus folder against a real database, without flash.

    python3 tests/codegen/check_corpus.py postgresql|mysql|sqlite [--stats] [--nulls] [--record]

For tests/codegen/<db>/ it

1. reads every query file of db/queries/ (`-- name: X :cmd` blocks, one statement each) and
   finds each query's parameters: positional (`$N`, `?`, `?N`) or named (`@name`,
   `sqlc.arg(name)`, `sqlc.narg(name)`, `sqlc.slice(name)`), named ones in order of first
   appearance;
2. creates a fresh database (`codegen_corpus_<db>`, dropped at the end; SQLite: a temporary
   file), runs the schema files (in name order) and seed.sql;
3. checks the seed: every nullable column of every table holds NULL in some row and a value in
   another;
4. runs every entry of calls.json in order, binding its args through the driver (the query's
   parameters rewritten to the driver's style: `%s` for psycopg / PyMySQL, `?` for sqlite3,
   slices expanded), and compares the row count with `rows`;
5. reports queries of the query files that calls.json never calls, calls of unknown queries,
   wrong argument counts, and commands that appear in no query.

Row counts: rows returned for :one / :many, summed over the parameter sets for :batchmany and
:batchone; affected rows for :exec, :execrows, :execresult, :execlastid, summed for :copyfrom
and :batchexec (a statement with RETURNING counts the rows it returned).

Argument values (JSON): {"$bytes": "<base64>"} is bytes; another object is a JSON parameter
(serialised); a list is a PostgreSQL array, a `sqlc.slice` list, or on MySQL/SQLite a JSON
array parameter; a string like 2024-03-01T10:00:00+00:00 is a timestamp with a time zone
(converted to UTC for MySQL, whose session runs in UTC).

Server URLs: FLASH_TEST_POSTGRES_URL, FLASH_TEST_MYSQL_URL (admin URLs; the script creates its
own database). Needs psycopg (3) for PostgreSQL and PyMySQL for MySQL/MariaDB.

--stats    also prints how many queries use each construct (a text search, for the README)
--nulls    also prints, per query, the result columns that were NULL at least once
--record   writes the observed row counts into calls.json (entries without "rows" stay
           without); review the diff before keeping it

Exit code 0 when everything holds, 1 otherwise.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import re
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

HERE = Path(__file__).resolve().parent
DBS = ("postgresql", "mysql", "sqlite")
COMMANDS = ("one", "many", "exec", "execrows", "execresult", "execlastid", "copyfrom",
            "batchexec", "batchmany", "batchone")
ROW_COMMANDS = {"one", "many", "batchmany", "batchone"}
LIST_ARG_COMMANDS = {"copyfrom", "batchexec", "batchmany", "batchone"}
DB_NAME = "codegen_corpus_{db}"


# --------------------------------------------------------------------------------------------
# Scanning SQL text: literals, quoted names and comments are opaque; parameters are found.

@dataclass
class Piece:
    kind: str  # "text", "opaque" (literal, quoted name, comment), "param", "semicolon"
    text: str
    start: int
    key: Any = None  # param: ("num", n) | ("next",) | ("name", name)
    style: str = ""  # param: positional | named | narg | slice


SQLC_RE = re.compile(r"sqlc\s*\.\s*(arg|narg|slice)\s*\(\s*([A-Za-z_][A-Za-z0-9_]*|'[^']*')\s*\)",
                     re.IGNORECASE)
WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_$]*")


def scan(sql: str, db: str) -> list[Piece]:
    """Splits SQL text into pieces; never fails (an unterminated literal runs to the end)."""
    out: list[Piece] = []
    i, n = 0, len(sql)
    buf_start = 0

    def flush(upto: int) -> None:
        if upto > buf_start:
            out.append(Piece("text", sql[buf_start:upto], buf_start))

    while i < n:
        c = sql[i]
        nxt = sql[i + 1] if i + 1 < n else ""
        end = None
        piece = None
        if c == "-" and nxt == "-":
            j = sql.find("\n", i)
            end = n if j < 0 else j
            piece = "opaque"
        elif c == "#" and db == "mysql":
            j = sql.find("\n", i)
            end = n if j < 0 else j
            piece = "opaque"
        elif c == "/" and nxt == "*":
            j = sql.find("*/", i + 2)
            end = n if j < 0 else j + 2
            piece = "opaque"
        elif c in "'\"`":
            j = i + 1
            while j < n:
                if db == "mysql" and c != "`" and sql[j] == "\\":
                    j += 2
                    continue
                if sql[j] == c:
                    if j + 1 < n and sql[j + 1] == c:
                        j += 2
                        continue
                    break
                j += 1
            end = min(j + 1, n)
            piece = "opaque"
        elif c == ";":
            flush(i)
            out.append(Piece("semicolon", ";", i))
            i += 1
            buf_start = i
            continue
        elif c == "$" and db != "mysql" and nxt.isdigit() and not (i > 0 and (sql[i - 1].isalnum() or sql[i - 1] == "_")):
            j = i + 1
            while j < n and sql[j].isdigit():
                j += 1
            flush(i)
            out.append(Piece("param", sql[i:j], i, ("num", int(sql[i + 1:j])), "positional"))
            i = j
            buf_start = i
            continue
        elif c == "?" and db != "postgresql":
            j = i + 1
            if db == "sqlite":
                while j < n and sql[j].isdigit():
                    j += 1
            flush(i)
            key = ("num", int(sql[i + 1:j])) if j > i + 1 else ("next",)
            out.append(Piece("param", sql[i:j], i, key, "positional"))
            i = j
            buf_start = i
            continue
        elif c == "@":
            if nxt == "@":
                i += 2
                continue
            m = WORD.match(sql, i + 1)
            if m and not (i > 0 and (sql[i - 1].isalnum() or sql[i - 1] == "_")):
                flush(i)
                out.append(Piece("param", sql[i:m.end()], i, ("name", m.group(0)), "named"))
                i = m.end()
                buf_start = i
                continue
        elif c in "sS" and not (i > 0 and (sql[i - 1].isalnum() or sql[i - 1] in "_.")):
            m = SQLC_RE.match(sql, i)
            if m:
                flush(i)
                name = m.group(2).strip("'")
                style = {"arg": "named", "narg": "narg", "slice": "slice"}[m.group(1).lower()]
                out.append(Piece("param", m.group(0), i, ("name", name), style))
                i = m.end()
                buf_start = i
                continue
        if piece is not None:
            flush(i)
            out.append(Piece(piece, sql[i:end], i))
            i = end
            buf_start = i
            continue
        i += 1
    flush(n)
    return out


def split_statements(sql: str, db: str) -> list[str]:
    """Statements of a script (schema files, seed.sql), without the final `;`."""
    out, cur = [], []
    for p in scan(sql, db):
        if p.kind == "semicolon":
            text = "".join(cur).strip()
            if strip_comments(text, db).strip():
                out.append(text)
            cur = []
        else:
            cur.append(p.text)
    text = "".join(cur).strip()
    if strip_comments(text, db).strip():
        out.append(text)
    return out


def strip_comments(sql: str, db: str) -> str:
    return "".join(p.text for p in scan(sql, db)
                   if not (p.kind == "opaque" and (p.text.startswith("--") or p.text.startswith("/*"))))


# --------------------------------------------------------------------------------------------
# Query files.

NAME_RE = re.compile(r"^\s*--\s*name:\s*(\S+)\s+:(\w+)\s*$")


@dataclass
class Param:
    key: Any
    style: str
    name: str | None


@dataclass
class Query:
    name: str
    command: str
    file: str
    line: int
    doc: list[str]
    sql: str
    pieces: list[Piece] = field(default_factory=list)
    params: list[Param] = field(default_factory=list)


def parse_query_file(path: Path, db: str, errors: list[str]) -> list[Query]:
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    headers = []  # (line index, name, command, doc)
    for idx, line in enumerate(lines):
        m = NAME_RE.match(line)
        if not m:
            continue
        doc = []
        k = idx - 1
        while k >= 0 and lines[k].strip().startswith("--") and not NAME_RE.match(lines[k]):
            doc.insert(0, lines[k].strip()[2:].strip())
            k -= 1
        name, cmd = m.group(1), m.group(2).lower()
        if cmd not in COMMANDS:
            errors.append(f"{path.name}:{idx + 1}: query {name}: unknown command :{cmd}")
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", name):
            errors.append(f"{path.name}:{idx + 1}: `{name}` is not a valid query name")
        headers.append((idx, name, cmd, doc))
    queries = []
    for h, (idx, name, cmd, doc) in enumerate(headers):
        start = offsets[idx + 1]
        stop = offsets[headers[h + 1][0]] if h + 1 < len(headers) else len(text)
        block = text[start:stop]
        pieces = scan(block, db)
        semis = [k for k, p in enumerate(pieces) if p.kind == "semicolon"]
        if not semis:
            errors.append(f"{path.name}:{idx + 1}: query {name} does not end with `;`")
            continue
        body = pieces[:semis[0]]
        rest = "".join(p.text for p in pieces[semis[0] + 1:])
        if strip_comments(rest, db).strip():
            errors.append(f"{path.name}:{idx + 1}: query {name} has more than one statement")
        sql = "".join(p.text for p in body).strip()
        if not strip_comments(sql, db).strip():
            errors.append(f"{path.name}:{idx + 1}: query {name} has no statement")
            continue
        q = Query(name, cmd, path.name, idx + 1, doc, sql)
        q.pieces = scan(sql, db)
        q.params = query_params(q, db, errors)
        queries.append(q)
    return queries


def query_params(q: Query, db: str, errors: list[str]) -> list[Param]:
    where = f"{q.file}:{q.line}: query {q.name}"
    found = [p for p in q.pieces if p.kind == "param"]
    styles = {("positional" if p.style == "positional" else "named") for p in found}
    if len(styles) > 1:
        errors.append(f"{where} mixes positional and named parameters")
        return []
    if any(p.style == "slice" for p in found) and db == "postgresql":
        errors.append(f"{where}: sqlc.slice is for MySQL and SQLite")
    params: list[Param] = []
    if styles == {"positional"}:
        if any(p.key == ("next",) for p in found) and any(p.key[0] == "num" for p in found):
            errors.append(f"{where} mixes `?` and numbered parameters")
            return []
        if all(p.key == ("next",) for p in found):
            return [Param(("next", k), "positional", None) for k, _ in enumerate(found)]
        nums = sorted({p.key[1] for p in found})
        if nums != list(range(1, len(nums) + 1)):
            errors.append(f"{where}: parameters {nums} are not numbered 1..N without gaps")
        return [Param(("num", k), "positional", None) for k in nums]
    for p in found:
        name = p.key[1]
        same = [x for x in params if x.name == name]
        if same:
            if same[0].style != p.style:
                errors.append(f"{where}: parameter {name} is used with two styles")
            continue
        params.append(Param(p.key, p.style, name))
    return params


def load_queries(db: str, errors: list[str]) -> list[Query]:
    qdir = HERE / db / "db" / "queries"
    queries: list[Query] = []
    for path in sorted(qdir.glob("*.sql")):
        queries.extend(parse_query_file(path, db, errors))
    seen: dict[str, Query] = {}
    for q in queries:
        if q.name in seen:
            errors.append(f"{q.file}:{q.line}: query {q.name} is defined twice "
                          f"(first in {seen[q.name].file}:{seen[q.name].line})")
        seen.setdefault(q.name, q)
    return queries


# --------------------------------------------------------------------------------------------
# Binding.

ISO_TZ = re.compile(r"^\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$")


def convert(value: Any, db: str, slice_: bool) -> Any:
    if isinstance(value, dict):
        if set(value) == {"$bytes"}:
            return base64.b64decode(value["$bytes"])
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        if slice_:
            return [convert(v, db, False) for v in value]
        if db == "postgresql":
            return [convert(v, db, False) for v in value]
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and db == "mysql" and ISO_TZ.match(value):
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
        return dt.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")
    return value


def bind(q: Query, args: list[Any], db: str) -> tuple[str, list[Any]]:
    """The query's SQL in the driver's style and the values in placeholder order."""
    mark = "?" if db == "sqlite" else "%s"
    if len(args) != len(q.params):
        raise ValueError(f"{len(args)} arguments for {len(q.params)} parameters "
                         f"({', '.join(p.name or str(p.key[1]) for p in q.params) or 'none'})")
    by_key: dict[Any, tuple[Param, Any]] = {}
    for p, a in zip(q.params, args):
        by_key[p.key] = (p, a)
    out: list[str] = []
    values: list[Any] = []
    next_pos = 0
    for piece in q.pieces:
        if piece.kind != "param":
            out.append(piece.text.replace("%", "%%") if mark == "%s" else piece.text)
            continue
        if piece.key == ("next",):
            key = ("next", next_pos)
            next_pos += 1
        else:
            key = piece.key
        p, a = by_key[key]
        if p.style == "slice":
            if not isinstance(a, list) or not a:
                raise ValueError(f"sqlc.slice({p.name}) needs a non-empty list")
            out.append(", ".join([mark] * len(a)))
            values.extend(convert(a, db, True))
        else:
            out.append(mark)
            values.append(convert(a, db, False))
    return "".join(out), values


# --------------------------------------------------------------------------------------------
# Databases.

class Database:
    db: str

    def execute(self, sql: str, values: list[Any] | None = None) -> tuple[list[tuple] | None, list[str], int]:
        """Runs one statement: (rows or None, column names, affected row count)."""
        cur = self.conn.cursor()
        if values is None:
            cur.execute(sql)
        else:
            cur.execute(sql, values)
        rows = None
        names: list[str] = []
        if cur.description:
            rows = list(cur.fetchall())
            names = [d[0] for d in cur.description]
        count = len(rows) if rows is not None else cur.rowcount
        cur.close()
        return rows, names, count

    def nullable_columns(self) -> list[tuple[str, str]]:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


class Postgres(Database):
    db = "postgresql"

    def __init__(self, url: str) -> None:
        import psycopg
        self.psycopg = psycopg
        self.admin_url = url
        self.name = DB_NAME.format(db=self.db)
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")
            admin.execute(f"CREATE DATABASE {self.name}")
        u = urlparse(url)
        self.conn = psycopg.connect(u._replace(path="/" + self.name).geturl(), autocommit=True)
        self.conn.execute("SET TIME ZONE 'UTC'")

    def nullable_columns(self) -> list[tuple[str, str]]:
        rows, _, _ = self.execute(
            "SELECT c.table_name, c.column_name FROM information_schema.columns c "
            "JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
            "WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.is_nullable = 'YES' "
            "ORDER BY c.table_name, c.ordinal_position")
        return [(r[0], r[1]) for r in rows or []]

    def quote(self, name: str) -> str:
        return '"' + name + '"'

    def close(self) -> None:
        self.conn.close()
        with self.psycopg.connect(self.admin_url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")


class MySQL(Database):
    db = "mysql"

    def __init__(self, url: str) -> None:
        import pymysql
        u = urlparse(url)
        self.kw = dict(host=u.hostname or "127.0.0.1", port=u.port or 3306, user=unquote(u.username or "root"),
                       password=unquote(u.password or ""), charset="utf8mb4", autocommit=True)
        self.pymysql = pymysql
        self.name = DB_NAME.format(db=self.db)
        admin = pymysql.connect(**self.kw)
        with admin.cursor() as cur:
            cur.execute(f"DROP DATABASE IF EXISTS {self.name}")
            cur.execute(f"CREATE DATABASE {self.name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
        admin.close()
        self.conn = pymysql.connect(database=self.name, **self.kw)
        with self.conn.cursor() as cur:
            cur.execute("SET time_zone = '+00:00'")

    def nullable_columns(self) -> list[tuple[str, str]]:
        rows, _, _ = self.execute(
            "SELECT c.table_name, c.column_name FROM information_schema.columns c "
            "JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
            "WHERE c.table_schema = %s AND t.table_type = 'BASE TABLE' AND c.is_nullable = 'YES' "
            "ORDER BY c.table_name, c.ordinal_position", [self.name])
        return [(r[0], r[1]) for r in rows or []]

    def quote(self, name: str) -> str:
        return "`" + name + "`"

    def close(self) -> None:
        self.conn.close()
        admin = self.pymysql.connect(**self.kw)
        with admin.cursor() as cur:
            cur.execute(f"DROP DATABASE IF EXISTS {self.name}")
        admin.close()


class SQLite(Database):
    db = "sqlite"

    def __init__(self) -> None:
        import sqlite3
        self.dir = tempfile.TemporaryDirectory(prefix="codegen-corpus-")
        self.conn = sqlite3.connect(os.path.join(self.dir.name, "corpus.db"), isolation_level=None)
        self.conn.execute("PRAGMA foreign_keys = ON")

    def nullable_columns(self) -> list[tuple[str, str]]:
        out = []
        tables, _, _ = self.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        for (t,) in tables or []:
            info, _, _ = self.execute(f'PRAGMA table_info("{t}")')
            for (_cid, name, _type, notnull, _dflt, pk) in info or []:
                if not notnull and not pk:
                    out.append((t, name))
        return out

    def quote(self, name: str) -> str:
        return '"' + name + '"'

    def close(self) -> None:
        self.conn.close()
        self.dir.cleanup()


def open_database(db: str) -> Database:
    if db == "sqlite":
        return SQLite()
    env = {"postgresql": "FLASH_TEST_POSTGRES_URL", "mysql": "FLASH_TEST_MYSQL_URL"}[db]
    url = os.environ.get(env)
    if not url:
        raise SystemExit(f"error: {env} is not set (an admin URL of a {db} server)")
    return Postgres(url) if db == "postgresql" else MySQL(url)


def run_script(database: Database, path: Path, errors: list[str]) -> bool:
    ok = True
    for stmt in split_statements(path.read_text(encoding="utf-8"), database.db):
        try:
            database.execute(stmt)
        except Exception as e:  # noqa: BLE001 - report and go on
            errors.append(f"{path.relative_to(HERE)}: {type(e).__name__}: {e}\n    in: {stmt[:300]}")
            ok = False
    return ok


# --------------------------------------------------------------------------------------------
# Constructs (a text search, for --stats).

def constructs(db: str) -> list[tuple[str, str]]:
    common = [
        ("SELECT *", r"SELECT\s+\*"), ("SELECT t.*", r"\b\w+\.\*"),
        ("INNER JOIN", r"(?<!LEFT )(?<!RIGHT )(?<!FULL )(?<!OUTER )(INNER\s+)?JOIN\b(?!\s*\()"),
        ("LEFT JOIN", r"LEFT\s+(OUTER\s+)?JOIN"), ("RIGHT JOIN", r"RIGHT\s+(OUTER\s+)?JOIN"),
        ("FULL JOIN", r"FULL\s+(OUTER\s+)?JOIN"), ("nested join (a JOIN b) ", r"JOIN\s*\(\s*\w+\s+\w+\s+JOIN"),
        ("scalar subquery", r"\(\s*SELECT\b"), ("EXISTS", r"\bEXISTS\s*\("),
        ("IN (subquery)", r"\bIN\s*\(\s*SELECT"), ("derived table", r"FROM\s*\(\s*SELECT|JOIN\s*\(\s*SELECT"),
        ("CTE (WITH)", r"^\s*WITH\b"), ("WITH RECURSIVE", r"WITH\s+RECURSIVE"),
        ("UNION ALL", r"UNION\s+ALL"), ("UNION", r"UNION(?!\s+ALL)"), ("INTERSECT", r"\bINTERSECT\b"),
        ("EXCEPT", r"\bEXCEPT\b"), ("COUNT(*)", r"count\(\*\)"), ("COUNT(col)", r"count\((?!\*)"),
        ("SUM/AVG/MIN/MAX", r"\b(sum|avg|min|max)\("), ("COALESCE/IFNULL", r"\b(coalesce|ifnull)\("),
        ("NULLIF", r"\bnullif\("), ("CASE ... ELSE", r"\bCASE\b(?:(?!\bEND\b).)*\bELSE\b"),
        ("CASE without ELSE", r"\bCASE\b(?:(?!\bELSE\b).)*?\bEND\b"), ("CAST", r"\bCAST\s*\("),
        ("window function", r"\bOVER\s*(\(|\w)"), ("row_number/rank", r"\b(row_number|rank|dense_rank)\("),
        ("lag/lead", r"\b(lag|lead)\("), ("LIKE", r"\bLIKE\b"), ("LIMIT/OFFSET", r"\bLIMIT\b"),
        ("GROUP BY", r"GROUP\s+BY"), ("HAVING", r"\bHAVING\b"), ("DISTINCT", r"\bDISTINCT\b"),
        ("INSERT", r"^\s*INSERT\b"), ("UPDATE", r"^\s*UPDATE\b"), ("DELETE", r"^\s*DELETE\b"),
        ("RETURNING", r"\bRETURNING\b"), ("view in FROM", r"\b(post_stats|customer_totals)\b"),
    ]
    per_db = {
        "postgresql": [("::cast", r"::"), ("ILIKE", r"\bILIKE\b"), ("upsert ON CONFLICT", r"ON\s+CONFLICT"),
                       ("full text (tsvector)", r"to_tsvector"), ("JSON -> ->> #>> ?", r"->|#>>|\?\s*'"),
                       ("jsonb_build_object/agg", r"jsonb_(build_object|agg|object_agg)"),
                       ("array (ANY, &&, unnest, array_agg, [])", r"ANY\(|&&|unnest\(|array_agg\(|\[\d\]|text\[\]"),
                       ("enum value/cast", r"::order_status|status\s*(=|<>|IN)|role\s*="),
                       ("interval", r"warranty|duration|interval|shipped_at - placed_at")],
        "mysql": [("upsert ON DUPLICATE KEY", r"ON\s+DUPLICATE\s+KEY"), ("MATCH ... AGAINST", r"MATCH\s*\("),
                  ("JSON_EXTRACT / ->>", r"JSON_EXTRACT|->>|->"), ("JSON_OBJECT/JSON_ARRAYAGG", r"JSON_(OBJECT|ARRAYAGG)"),
                  ("sqlc.slice", r"sqlc\.slice"), ("enum value", r"status\s*(=|<>|IN)|role\s*=")],
        "sqlite": [("upsert ON CONFLICT", r"ON\s+CONFLICT"), ("instr", r"\binstr\("),
                   ("json_extract / ->>", r"json_extract|->>|->"), ("json_object/json_group_array", r"json_(object|group_array)"),
                   ("sqlc.slice", r"sqlc\.slice"), ("enum value (CHECK)", r"status\s*(=|<>|IN)|role\s*=")],
    }
    return common + per_db[db]


def print_stats(db: str, queries: list[Query]) -> None:
    print(f"\n{db}: {len(queries)} queries")
    cmds = {c: sum(q.command == c for q in queries) for c in COMMANDS}
    print("  commands: " + ", ".join(f":{c} {n}" for c, n in cmds.items()))
    styles: dict[str, int] = {}
    for q in queries:
        s = ("none" if not q.params else
             "positional" if q.params[0].style == "positional" else
             "+".join(sorted({p.style for p in q.params})))
        styles[s] = styles.get(s, 0) + 1
    print("  parameter styles: " + ", ".join(f"{k} {v}" for k, v in sorted(styles.items())))
    overrides = sum(1 for q in queries for d in q.doc if d.startswith("flash:"))
    print(f"  override lines: {overrides}")
    for label, pattern in constructs(db):
        rx = re.compile(pattern, re.IGNORECASE | re.DOTALL | re.MULTILINE)
        n = sum(1 for q in queries if rx.search(strip_comments(q.sql, db)))
        print(f"  {label:40} {n}")


# --------------------------------------------------------------------------------------------

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("db", choices=DBS)
    ap.add_argument("--stats", action="store_true")
    ap.add_argument("--nulls", action="store_true")
    ap.add_argument("--record", action="store_true")
    a = ap.parse_args()
    db = a.db
    errors: list[str] = []
    queries = load_queries(db, errors)
    by_name = {q.name: q for q in queries}
    missing_cmds = [c for c in COMMANDS if not any(q.command == c for q in queries)]
    if missing_cmds:
        errors.append("no query uses " + ", ".join(":" + c for c in missing_cmds))
    calls_path = HERE / db / "calls.json"
    calls = json.loads(calls_path.read_text(encoding="utf-8"))
    called = {c["query"] for c in calls}
    for q in queries:
        if q.name not in called:
            errors.append(f"{q.file}:{q.line}: query {q.name} is not in calls.json")
    if a.stats:
        print_stats(db, queries)

    database = open_database(db)
    passed = 0
    try:
        schema_files = sorted((HERE / db / "db" / "schema").glob("*.sql"))
        if not schema_files:
            errors.append("no schema files")
        schema_ok = all([run_script(database, f, errors) for f in schema_files])
        seed_ok = schema_ok and run_script(database, HERE / db / "seed.sql", errors)
        if seed_ok:
            for table, column in database.nullable_columns():
                rows, _, _ = database.execute(
                    f"SELECT count({database.quote(column)}), count(*) FROM {database.quote(table)}")
                assert rows
                values, total = rows[0]
                if values == total:
                    errors.append(f"seed: {table}.{column} is never NULL")
                if values == 0:
                    errors.append(f"seed: {table}.{column} is always NULL")
        if schema_ok and seed_ok:
            for k, call in enumerate(calls):
                label = f"calls.json[{k}] {call.get('query')}"
                q = by_name.get(call.get("query", ""))
                if q is None:
                    errors.append(f"{label}: no such query")
                    continue
                args = call.get("args", [])
                sets = args if q.command in LIST_ARG_COMMANDS else [args]
                if q.command in LIST_ARG_COMMANDS and not all(isinstance(s, list) for s in sets):
                    errors.append(f"{label}: :{q.command} takes a list of argument lists")
                    continue
                total = 0
                null_cols: set[str] = set()
                try:
                    for s in sets:
                        sql, values = bind(q, s, db)
                        rows, names, count = database.execute(sql, values)
                        if q.command in ROW_COMMANDS and rows is None:
                            raise ValueError("the statement returns no rows")
                        if q.command == "one" and rows is not None and len(rows) > 1:
                            raise ValueError(f":one returned {len(rows)} rows")
                        total += count
                        for r in rows or []:
                            null_cols.update(n for n, v in zip(names, r) if v is None)
                except Exception as e:  # noqa: BLE001 - report and go on
                    errors.append(f"{label}: {type(e).__name__}: {e}")
                    continue
                if a.record and "rows" in call:
                    call["rows"] = total
                if "rows" in call and call["rows"] != total:
                    errors.append(f"{label}: expected {call['rows']} rows, got {total}")
                else:
                    passed += 1
                if a.nulls and null_cols:
                    print(f"  {q.name}: NULL in {', '.join(sorted(null_cols))}")
    finally:
        database.close()
    if a.record:
        calls_path.write_text("[\n" + ",\n".join("  " + json.dumps(c, ensure_ascii=False) for c in calls)
                              + "\n]\n", encoding="utf-8")
    for e in errors:
        print(f"error: {e}", file=sys.stderr)
    print(f"{db}: {len(queries)} queries, {len(calls)} calls, {passed} passed, {len(errors)} problems")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
