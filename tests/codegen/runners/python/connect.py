"""Connections, per driver, configured as the calls expect: autocommit (each call stands on its
own, and a failed one does not poison the next), MySQL sessions in UTC (the generated code
reads and writes TIMESTAMP as UTC, see its module docstring), SQLite with foreign keys on.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote, urlsplit

MYSQL_UTC = "SET time_zone = '+00:00'"


def mysql_args(url: str) -> dict[str, Any]:
    u = urlsplit(url)
    return {
        "host": u.hostname or "127.0.0.1",
        "port": u.port or 3306,
        "user": unquote(u.username or "root"),
        "password": unquote(u.password or ""),
        "charset": "utf8mb4",
        "autocommit": True,
        "init_command": MYSQL_UTC,
    }


def sqlite_path(url: str) -> str:
    path = url.removeprefix("sqlite://").removeprefix("sqlite:")
    return path.split("?", 1)[0]


async def connect(driver: str, async_: bool, url: str) -> Any:
    """An open connection of `driver` to `url`."""
    database = urlsplit(url).path.lstrip("/")
    if driver == "psycopg":
        import psycopg

        if async_:
            return await psycopg.AsyncConnection.connect(url, autocommit=True)
        return psycopg.connect(url, autocommit=True)
    if driver == "asyncpg":
        import asyncpg

        return await asyncpg.connect(url)
    if driver == "pymysql":
        import pymysql

        return pymysql.connect(database=database, **mysql_args(url))
    if driver == "aiomysql":
        import aiomysql

        return await aiomysql.connect(db=database, **mysql_args(url))
    if driver == "sqlite3":
        import sqlite3

        conn = sqlite3.connect(sqlite_path(url), isolation_level=None)
        conn.execute("PRAGMA foreign_keys = ON")
        return conn
    if driver == "aiosqlite":
        import aiosqlite

        aconn = await aiosqlite.connect(sqlite_path(url), isolation_level=None)
        await aconn.execute("PRAGMA foreign_keys = ON")
        return aconn
    raise ValueError(f"unknown driver {driver}")


async def close(driver: str, async_: bool, conn: Any) -> None:
    if driver == "aiomysql":
        await conn.ensure_closed()
    elif async_:
        await conn.close()
    else:
        conn.close()

