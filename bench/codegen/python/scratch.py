"""Creates or drops the benchmark's scratch database on a PostgreSQL server.

    python scratch.py create SERVER_URL NAME SCHEMA.sql   prints the new database's URL
    python scratch.py drop SERVER_URL NAME
"""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


def drop(server: str, name: str) -> None:
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def create(server: str, name: str, schema: Path) -> str:
    drop(server, name)
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
        # Commits that wait for the disk add milliseconds of noise to both sides alike; what
        # is measured is the client's cost, so they do not wait (nothing here must survive).
        conn.execute(f'ALTER DATABASE "{name}" SET synchronous_commit = off')
    url = with_database(server, name)
    with psycopg.connect(url, autocommit=True) as conn:
        # No parameters: the simple protocol, which takes several statements at once.
        conn.execute(schema.read_text().encode())
    return url


if __name__ == "__main__":
    if sys.argv[1] == "create":
        print(create(sys.argv[2], sys.argv[3], Path(sys.argv[4])))
    else:
        drop(sys.argv[2], sys.argv[3])
