"""What the Python benchmarks share (../README.md): sizes, data, seed, timing and the table."""

from __future__ import annotations

import argparse
import datetime
import statistics
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Sizes:
    users: int = 1000
    categories: int = 10
    posts: int = 5000
    comments: int = 15000
    joins: int = 500
    mixed: int = 1000
    selects: int = 2000

    def scaled(self, by: int) -> Sizes:
        return Sizes(
            self.users // by,
            self.categories,
            self.posts // by,
            self.comments // by,
            self.joins // by,
            self.mixed // by,
            self.selects // by,
        )


@dataclass(frozen=True)
class NewUser:
    email: str
    name: str
    bio: str | None


@dataclass(frozen=True)
class NewPost:
    author_id: int
    title: str
    body: str
    published_at: datetime.datetime | None


@dataclass(frozen=True)
class NewComment:
    author_id: int | None
    body: str


@dataclass(frozen=True)
class Op:
    """kind 0-2 get_post, 3-4 list_comments_by_post, 5 get_user (75% reads);
    6 create_comment, 7 add_post_view."""

    kind: int
    target: int
    body: str


@dataclass(frozen=True)
class Data:
    users: list[NewUser]
    posts: list[NewPost]
    comments: list[NewComment]
    ops: list[Op]


def make_data(sz: Sizes) -> Data:
    """Every argument of every workload, made before any timing; the values of seed.sql."""
    users = [
        NewUser(
            f"user{i}@example.com",
            f"User {i}",
            None if i % 3 == 0 else f"Bio of user {i}, who writes about things.",
        )
        for i in range(1, sz.users + 1)
    ]
    base = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
    posts = [
        NewPost(
            (j * 7919) % sz.users + 1,
            f"Post {j}",
            f"Body of post {j}. A few sentences of text, as a blog post would have at the start.",
            None if j % 4 == 0 else base + datetime.timedelta(minutes=j),
        )
        for j in range(1, sz.posts + 1)
    ]
    comments = [
        NewComment(None if k % 5 == 0 else (k * 31) % sz.users + 1, f"Comment {k} on a post.")
        for k in range(1, sz.comments + 1)
    ]
    # Park-Miller: the same sequence in every language.
    ops = []
    x = 42
    for n in range(sz.mixed):
        x = x * 48271 % 2147483647
        ops.append(Op(x % 8, (x // 8) % sz.posts + 1, f"Mixed comment {n}"))
    return Data(users, posts, comments, ops)


def minutes(d: datetime.datetime) -> int:
    """A timestamp's minutes since the epoch, modulo 1,000: a checksum of its value."""
    return int(d.timestamp()) // 60 % 1000


def seed_statements(text: str, sz: Sizes) -> list[str]:
    """seed.sql as statements, sizes filled in, comments dropped."""
    text = (
        text.replace("{users}", str(sz.users))
        .replace("{posts}", str(sz.posts))
        .replace("{comments}", str(sz.comments))
    )
    out: list[str] = []
    cur: list[str] = []
    for line in text.split("\n"):
        t = line.strip()
        if not t or t.startswith("--"):
            continue
        cur.append(line)
        if t.endswith(";"):
            out.append("\n".join(cur).rstrip().rstrip(";"))
            cur = []
    return out


TRUNCATE = "TRUNCATE users, categories, posts, comments RESTART IDENTITY CASCADE"


def thousands(n: int) -> str:
    return f"{n:,}"


def workload_names(sz: Sizes) -> list[tuple[str, str]]:
    """(name, setup) of each workload, in order; setup is empty, users or all."""
    return [
        (f"insert {thousands(sz.users)} users", "empty"),
        (
            f"insert {sz.categories} categories + {thousands(sz.posts)} posts"
            f" + {thousands(sz.comments)} comments",
            "users",
        ),
        (f"4-table join with aggregates x{thousands(sz.joins)}", "all"),
        (f"mixed 75% read / 25% write x{thousands(sz.mixed)}", "all"),
        (f"select by primary key x{thousands(sz.selects)}", "all"),
    ]


@dataclass
class Options:
    url: str
    seed: list[str]
    sizes: Sizes
    rounds: int


def options(default_seed: Path) -> Options:
    p = argparse.ArgumentParser()
    p.add_argument("--url", required=True)
    p.add_argument("--seed", default=str(default_seed))
    p.add_argument("--quick", action="store_true", help="sizes / 10, 3 rounds: a sanity pass")
    p.add_argument("--rounds", type=int, default=0)
    a = p.parse_args()
    sz = Sizes().scaled(10) if a.quick else Sizes()
    rounds = a.rounds or (3 if a.quick else 9)
    return Options(a.url, seed_statements(Path(a.seed).read_text(), sz), sz, rounds)


def order(round_: int) -> tuple[int, int]:
    """Even rounds: hand-written (0) first; odd rounds: generated (1) first."""
    return (1, 0) if round_ % 2 == 1 else (0, 1)


Times = list[tuple[list[float], list[float]]]


def report(title: str, rounds: int, names: list[str], times: Times, cpus: Times) -> None:
    """The table; cpus is the client process's CPU time (steadier than wall time on a busy
    machine: the server's and the network's share are not in it)."""
    print(f"\n{title}: {rounds} rounds (+1 warm-up), median per workload\n")
    print(
        "workload | hand-written ms | generated ms | overhead % | per-round overhead % (min .. max)"
        " | client CPU ms (hand / generated)"
    )
    print("---|---:|---:|---:|---|---")
    for name, (hand, gen), (ch, cg) in zip(names, times, cpus):
        h, g = statistics.median(hand), statistics.median(gen)
        per = [100 * (gv - hv) / hv for hv, gv in zip(hand, gen)]
        print(
            f"{name} | {h:.1f} | {g:.1f} | {100 * (g - h) / h:+.1f} | {min(per):+.1f} .. {max(per):+.1f}"
            f" | {statistics.median(ch):.1f} / {statistics.median(cg):.1f}"
        )


def check(name: str, sums: list[int]) -> None:
    if sums[0] != sums[1]:
        raise SystemExit(
            f"error: {name}: hand-written and generated code read different data"
            f" (checksums {sums[0]} and {sums[1]})"
        )
