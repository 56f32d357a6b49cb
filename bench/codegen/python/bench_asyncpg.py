"""The Python (asyncpg) half of the runtime-overhead benchmark (../README.md).

    python bench_asyncpg.py --url postgres://... [--quick] [--rounds N]

Each workload runs through the functions flash generated (package asyncpgdb) and through
hand-written asyncpg calls, on a freshly truncated database, alternating which goes first.
"""

from __future__ import annotations

import asyncio
import datetime
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg

import asyncpgdb as db
from common import (
    TRUNCATE,
    Data,
    NewComment,
    NewPost,
    NewUser,
    Sizes,
    Times,
    check,
    make_data,
    minutes,
    options,
    order,
    report,
    workload_names,
)

# ---- hand-written: the same SQL text, the same driver calls, dataclasses of the same types ----

SQL_CREATE_USER = """INSERT INTO users (email, name, bio) VALUES ($1, $2, $3)
RETURNING id, email, name, bio, active, created_at"""
SQL_GET_USER = """SELECT users.id, users.email, users.name, users.bio, users.active, users.created_at FROM users WHERE id = $1"""
SQL_CREATE_CATEGORY = """INSERT INTO categories (name, slug) VALUES ($1, $2)
RETURNING id"""
SQL_CREATE_POST = """INSERT INTO posts (author_id, category_id, title, body, published_at)
VALUES ($1, $2, $3, $4, $5)
RETURNING id"""
SQL_CREATE_COMMENT = """INSERT INTO comments (post_id, author_id, body) VALUES ($1, $2, $3)"""
SQL_GET_POST = """SELECT posts.id, posts.author_id, posts.category_id, posts.title, posts.body, posts.views, posts.published_at, posts.created_at FROM posts WHERE id = $1"""
SQL_LIST_COMMENTS_BY_POST = """SELECT id, author_id, body, created_at FROM comments
WHERE post_id = $1
ORDER BY id"""
SQL_ADD_POST_VIEW = """UPDATE posts SET views = views + 1 WHERE id = $1"""
SQL_CATEGORY_AUTHOR_STATS = """SELECT c.id AS category_id,
       c.name AS category_name,
       u.id AS author_id,
       u.name AS author_name,
       count(DISTINCT p.id) AS posts,
       count(cm.id) AS comments,
       max(cm.created_at) AS last_comment_at,
       sum(p.views) AS total_views
FROM categories c
JOIN posts p ON p.category_id = c.id
JOIN users u ON u.id = p.author_id
LEFT JOIN comments cm ON cm.post_id = p.id
WHERE c.id = $1
GROUP BY c.id, c.name, u.id, u.name
ORDER BY posts DESC, u.id
LIMIT $2"""


@dataclass(frozen=True, slots=True)
class User:
    id: int
    email: str
    name: str
    bio: str | None
    active: bool
    created_at: datetime.datetime


@dataclass(frozen=True, slots=True)
class Post:
    id: int
    author_id: int
    category_id: int
    title: str
    body: str
    views: int
    published_at: datetime.datetime | None
    created_at: datetime.datetime


@dataclass(frozen=True, slots=True)
class CommentRow:
    id: int
    author_id: int | None
    body: str
    created_at: datetime.datetime


@dataclass(frozen=True, slots=True)
class StatsRow:
    category_id: int
    category_name: str
    author_id: int
    author_name: str
    posts: int
    comments: int
    last_comment_at: datetime.datetime | None
    total_views: int


class Hand:
    def __init__(self, conn: asyncpg.Connection[Any]) -> None:
        self.conn = conn

    async def create_user(self, u: NewUser) -> int:
        row = await self.conn.fetchrow(SQL_CREATE_USER, u.email, u.name, u.bio)
        assert row is not None
        r = User(*row)
        return r.id + len(r.name) + (r.bio is not None)

    async def create_category(self, name: str, slug: str) -> int:
        row = await self.conn.fetchrow(SQL_CREATE_CATEGORY, name, slug)
        assert row is not None
        return int(row[0])

    async def create_post(self, category_id: int, p: NewPost) -> int:
        row = await self.conn.fetchrow(SQL_CREATE_POST, p.author_id, category_id, p.title, p.body, p.published_at)
        assert row is not None
        return int(row[0])

    async def create_comment(self, post_id: int, c: NewComment) -> None:
        await self.conn.execute(SQL_CREATE_COMMENT, post_id, c.author_id, c.body)

    async def get_post(self, id: int) -> int:
        row = await self.conn.fetchrow(SQL_GET_POST, id)
        if row is None:
            return 0
        r = Post(*row)
        return r.id + r.views + len(r.title) + (0 if r.published_at is None else minutes(r.published_at))

    async def list_comments_by_post(self, post_id: int) -> int:
        rows = [CommentRow(*row) for row in await self.conn.fetch(SQL_LIST_COMMENTS_BY_POST, post_id)]
        return sum(r.id + (r.author_id is not None) for r in rows)

    async def add_post_view(self, id: int) -> int:
        status = await self.conn.execute(SQL_ADD_POST_VIEW, id)
        return int(status.split()[-1])

    async def get_user(self, id: int) -> int:
        row = await self.conn.fetchrow(SQL_GET_USER, id)
        if row is None:
            return 0
        r = User(*row)
        return r.id + len(r.email) + (r.bio is not None)

    async def category_author_stats(self, category_id: int, lim: int) -> int:
        rows = [StatsRow(*row) for row in await self.conn.fetch(SQL_CATEGORY_AUTHOR_STATS, category_id, lim)]
        return sum(r.posts + r.comments + r.total_views + (r.last_comment_at is not None) for r in rows)


# ---- generated: the calls an application makes on the generated package ----


class Gen:
    def __init__(self, conn: asyncpg.Connection[Any]) -> None:
        self.conn = conn

    async def create_user(self, u: NewUser) -> int:
        r = await db.create_user(self.conn, email=u.email, name=u.name, bio=u.bio)
        assert r is not None
        return r.id + len(r.name) + (r.bio is not None)

    async def create_category(self, name: str, slug: str) -> int:
        r = await db.create_category(self.conn, name=name, slug=slug)
        assert r is not None
        return r.id

    async def create_post(self, category_id: int, p: NewPost) -> int:
        r = await db.create_post(
            self.conn,
            author_id=p.author_id,
            category_id=category_id,
            title=p.title,
            body=p.body,
            published_at=p.published_at,
        )
        assert r is not None
        return r.id

    async def create_comment(self, post_id: int, c: NewComment) -> None:
        await db.create_comment(self.conn, post_id=post_id, author_id=c.author_id, body=c.body)

    async def get_post(self, id: int) -> int:
        r = await db.get_post(self.conn, id=id)
        if r is None:
            return 0
        return r.id + r.views + len(r.title) + (0 if r.published_at is None else minutes(r.published_at))

    async def list_comments_by_post(self, post_id: int) -> int:
        rows = await db.list_comments_by_post(self.conn, post_id=post_id)
        return sum(r.id + (r.author_id is not None) for r in rows)

    async def add_post_view(self, id: int) -> int:
        return await db.add_post_view(self.conn, id=id)

    async def get_user(self, id: int) -> int:
        r = await db.get_user(self.conn, id=id)
        if r is None:
            return 0
        return r.id + len(r.email) + (r.bio is not None)

    async def category_author_stats(self, category_id: int, lim: int) -> int:
        rows = await db.category_author_stats(self.conn, category_id=category_id, lim=lim)
        return sum(r.posts + r.comments + r.total_views + (r.last_comment_at is not None) for r in rows)


# ---- the workloads ----

Api = Hand | Gen


async def run_workload(index: int, api: Api, sz: Sizes, d: Data) -> int:
    total = 0
    if index == 0:
        for u in d.users:
            total += await api.create_user(u)
    elif index == 1:
        cats = []
        for n in range(1, sz.categories + 1):
            cid = await api.create_category(f"Category {n}", f"category-{n}")
            cats.append(cid)
            total += cid
        post_ids = []
        for j, p in enumerate(d.posts):
            pid = await api.create_post(cats[(j + 1) % len(cats)], p)
            post_ids.append(pid)
            total += pid
        for k, c in enumerate(d.comments):
            await api.create_comment(post_ids[(k + 1) % len(post_ids)], c)
            total += 1
    elif index == 2:
        for n in range(sz.joins):
            total += await api.category_author_stats(n % sz.categories + 1, 50)
    elif index == 3:
        for o in d.ops:
            if o.kind <= 2:
                total += await api.get_post(o.target)
            elif o.kind <= 4:
                total += await api.list_comments_by_post(o.target)
            elif o.kind == 5:
                total += await api.get_user(o.target % sz.users + 1)
            elif o.kind == 6:
                author = None if o.target % 5 == 0 else o.target % sz.users + 1
                await api.create_comment(o.target, NewComment(author, o.body))
                total += 1
            else:
                total += await api.add_post_view(o.target)
    else:
        for n in range(sz.selects):
            total += await api.get_user((n * 7) % sz.users + 1)
    return total


async def main() -> None:
    opt = options(Path(__file__).resolve().parent.parent / "db" / "seed.sql")
    sz, d = opt.sizes, make_data(opt.sizes)
    names = workload_names(sz)
    times: Times = [([], []) for _ in names]
    cpus: Times = [([], []) for _ in names]
    # One connection; both sides share it and its statement cache.
    conn = await asyncpg.connect(opt.url)
    try:
        impls: tuple[Api, Api] = (Hand(conn), Gen(conn))
        for round_ in range(opt.rounds + 1):
            for wi, (name, setup) in enumerate(names):
                sums = [0, 0]
                for which in order(round_):
                    await conn.execute(TRUNCATE)
                    for stmt in {"empty": [], "users": opt.seed[:1], "all": opt.seed}[setup]:
                        await conn.execute(stmt)
                    cpu0, start = time.process_time(), time.perf_counter()
                    sums[which] = await run_workload(wi, impls[which], sz, d)
                    elapsed = (time.perf_counter() - start) * 1000
                    cpu = (time.process_time() - cpu0) * 1000
                    if round_ > 0:
                        times[wi][which].append(elapsed)
                        cpus[wi][which].append(cpu)
                check(name, sums)
    finally:
        await conn.close()
    report(f"Python, asyncpg {asyncpg.__version__}", opt.rounds, [n for n, _ in names], times, cpus)


if __name__ == "__main__":
    asyncio.run(main())
