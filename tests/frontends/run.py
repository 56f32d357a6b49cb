#!/usr/bin/env python3
"""One scenario, four front ends.

Runs the same flash project (SQLite, and PostgreSQL when FLASH_TEST_POSTGRES_URL is set) through
every `flash` command given on the command line (the Rust binary, the Python console command, the
npm bin, the Go command), and checks that their outputs (temp paths, ids, times filtered) and exit
codes are identical, step by step.

    python3 tests/frontends/run.py rust=target/ci/flash python=/venv/bin/flash \
        node=/proj/node_modules/.bin/flash go=/tmp/go-flash

With CI=true a missing FLASH_TEST_POSTGRES_URL is a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import tempfile
import difflib
from pathlib import Path

SCHEMA = {
    "sqlite": "CREATE TABLE users (\n  id INTEGER PRIMARY KEY,\n  email TEXT NOT NULL UNIQUE\n);\n",
    "postgresql": "CREATE TABLE users (\n  id BIGSERIAL PRIMARY KEY,\n  email TEXT NOT NULL UNIQUE\n);\n",
}
SECOND = {
    "sqlite": "CREATE TABLE posts (\n  id INTEGER PRIMARY KEY,\n  user_id INTEGER NOT NULL REFERENCES users(id),\n  title TEXT NOT NULL\n);\n",
    "postgresql": "CREATE TABLE posts (\n  id BIGSERIAL PRIMARY KEY,\n  user_id BIGINT NOT NULL REFERENCES users(id),\n  title TEXT NOT NULL\n);\n",
}

# (name, argv after `flash`, what to do before the step)
STEPS = [
    ("init", ["init", "--{provider}"], None),
    ("version", ["--version"], None),
    ("migrate", ["migrate", "create users"], "schema"),
    ("migrate-dry-run", ["migrate", "add posts", "--dry-run"], "second"),
    ("migrate-check", ["migrate", "--check"], None),
    ("migrate-2", ["migrate", "add posts"], None),
    ("apply", ["apply"], None),
    ("status", ["status"], None),
    ("status-json", ["status", "--json"], None),
    ("pull-dry-run", ["pull", "--dry-run"], None),
    ("pull-json", ["pull", "--dry-run", "--json", "--output", "pulled"], None),
    ("raw", ["raw", "INSERT INTO users (email) VALUES ('a@example.com'); SELECT id, email FROM users"], None),
    ("failing-raw", ["raw", "SELECT nope FROM users"], None),
    ("failing-usage", ["fly"], None),
    ("down-unconfirmed", ["down"], None),
    ("down", ["down", "--yes"], None),
    ("status-after-down", ["status", "--json"], None),
    ("broken-schema", ["migrate", "broken"], "broken"),
    ("missing-config", ["status", "--config", "nowhere/flash.toml"], None),
]


def filters(project: Path, db_name: str | None):
    subs = [
        (re.escape(str(project.resolve())), "<PROJECT>"),
        (re.escape(str(project)), "<PROJECT>"),
        (r"(?<!\d)\d{14}(?!\d)", "<ID>"),
        (r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?( ?(UTC|[+-]\d{2}:?\d{2}|Z))?", "<TIME>"),
        (r"\(\d+ ms\)", "(<N> ms)"),
        (r'"(applied_at|started_at)": "[^"]*"', r'"\1": "<TIME>"'),
    ]
    if db_name:
        subs.append((re.escape(db_name), "<DB>"))
    return subs


def clean(text: str, subs) -> str:
    for pattern, repl in subs:
        text = re.sub(pattern, repl, text)
    return text


def run_frontend(cmd: list[str], provider: str, url: str, db_name: str | None, root: Path):
    """Runs every step in a fresh project; returns [(step, code, stdout, stderr)]."""
    project = root
    project.mkdir(parents=True)
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env["NO_COLOR"] = "1"
    env["COLUMNS"] = "100"
    out = []
    subs = filters(project, db_name)
    for name, args, before in STEPS:
        if before == "schema":
            (project / "db/schema/schema.sql").write_text(SCHEMA[provider])
            (project / ".env").write_text(f"DATABASE_URL={url}\n")
        elif before == "second":
            with open(project / "db/schema/schema.sql", "a") as f:
                f.write(SECOND[provider])
        elif before == "broken":
            (project / "db/schema/schema.sql").write_text("CREATE TABLE users (\n  id INTEGER PRIMARY KEY,\n  email TEXT NOT NULL,,\n);\n")
        argv = [a.replace("{provider}", provider) for a in args]
        p = subprocess.run(cmd + argv, cwd=project, env=env, capture_output=True, text=True, timeout=120)
        out.append((name, p.returncode, clean(p.stdout, subs), clean(p.stderr, subs)))
    if provider == "postgresql":
        out.append(interrupt(cmd, project, env, subs))
    return out


def interrupt(cmd: list[str], project: Path, env: dict, subs):
    """Ctrl-C during a long statement: the command stops at once with exit code 130."""
    p = subprocess.Popen(cmd + ["raw", "SELECT pg_sleep(30)"], cwd=project, env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.0)
    p.send_signal(signal.SIGINT)
    start = time.monotonic()
    try:
        stdout, stderr = p.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        p.kill()
        stdout, stderr = p.communicate()
        return ("interrupt", -1, stdout, "did not stop within 10 s of SIGINT\n" + stderr)
    if time.monotonic() - start > 3:
        stderr += "\n(took more than 3 s to stop)"
    return ("interrupt", p.returncode, clean(stdout, subs), clean(stderr, subs))


def drop_postgres(rust_cmd: list[str], admin: Path, name: str) -> None:
    subprocess.run(rust_cmd + ["raw", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], cwd=admin, capture_output=True)


def fresh_postgres(server: str, rust_cmd: list[str], tag: str, root: Path) -> tuple[str, str]:
    """A new database on the server (created with the Rust binary), and its name."""
    admin = root / f"admin-{tag}"
    admin.mkdir(parents=True)
    (admin / "flash.toml").write_text('[database]\nprovider = "postgresql"\nurl_env = "DATABASE_URL"\n')
    (admin / ".env").write_text(f"DATABASE_URL={server}\n")
    name = f"flash_fe_{tag}_{os.getpid()}"
    for sql in (f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"):
        subprocess.run(rust_cmd + ["raw", sql], cwd=admin, check=True, capture_output=True)
    base, _, query = server.partition("?")
    url = base.rsplit("/", 1)[0] + "/" + name + (("?" + query) if query else "")
    return url, name


def main() -> int:
    frontends: dict[str, list[str]] = {}
    for arg in sys.argv[1:]:
        label, _, command = arg.partition("=")
        parts = command.split()
        # The steps run in temp folders: make a relative program path absolute.
        if parts and os.sep in parts[0] and not os.path.isabs(parts[0]):
            parts[0] = os.path.abspath(parts[0])
        frontends[label] = parts
    if "rust" not in frontends:
        print("usage: run.py rust=PATH [python=PATH] [node=PATH] [go=PATH]", file=sys.stderr)
        return 2
    providers = ["sqlite"]
    server = os.environ.get("FLASH_TEST_POSTGRES_URL", "").strip()
    if server:
        providers.append("postgresql")
    elif os.environ.get("CI") == "true":
        print("FLASH_TEST_POSTGRES_URL is not set, and CI=true: the PostgreSQL run must not be skipped", file=sys.stderr)
        return 1
    failures = 0
    root = Path(tempfile.mkdtemp(prefix="flash-frontends-"))
    made: list[str] = []
    try:
        for provider in providers:
            results = {}
            for label, cmd in frontends.items():
                if provider == "sqlite":
                    url, db_name = "sqlite://./app.db", None
                else:
                    url, db_name = fresh_postgres(server, frontends["rust"], label, root)
                    made.append(label)
                results[label] = run_frontend(cmd, provider, url, db_name, root / provider / label / "proj")
            reference = results["rust"]
            for label, steps in results.items():
                for (name, code, out, err), (_, rcode, rout, rerr) in zip(steps, reference):
                    if (code, out, err) != (rcode, rout, rerr):
                        failures += 1
                        print(f"FAIL {provider} {label} step {name}: differs from rust", file=sys.stderr)
                        print(f"  exit codes: rust {rcode}, {label} {code}", file=sys.stderr)
                        for stream, a, b in (("stdout", rout, out), ("stderr", rerr, err)):
                            diff = difflib.unified_diff(a.splitlines(), b.splitlines(), f"rust {stream}", f"{label} {stream}", lineterm="")
                            for line in diff:
                                print("  " + line, file=sys.stderr)
            # The scenario itself must do what it says, whatever the front end.
            codes = {name: code for name, code, _, _ in reference}
            expected = {"init": 0, "version": 0, "migrate": 0, "migrate-dry-run": 0, "migrate-check": 3,
                        "migrate-2": 0, "apply": 0, "status": 0, "status-json": 0, "raw": 0,
                        "failing-raw": 1, "failing-usage": 2, "down-unconfirmed": 1, "down": 0,
                        "status-after-down": 0, "broken-schema": 1, "missing-config": 1}
            if provider == "postgresql":
                expected["interrupt"] = 130
            for name, want in expected.items():
                if codes.get(name) != want:
                    failures += 1
                    step = next(s for s in reference if s[0] == name)
                    print(f"FAIL {provider} step {name}: exit {codes.get(name)}, expected {want}\n{step[2]}\n{step[3]}", file=sys.stderr)
            print(f"{provider}: {len(reference)} steps x {len(frontends)} front ends ({', '.join(frontends)})")
    finally:
        for label in made:
            drop_postgres(frontends["rust"], root / f"admin-{label}", f"flash_fe_{label}_{os.getpid()}")
        shutil.rmtree(root, ignore_errors=True)
    if failures:
        print(f"{failures} difference(s)", file=sys.stderr)
        return 1
    print("all front ends agree")
    return 0


if __name__ == "__main__":
    sys.exit(main())
