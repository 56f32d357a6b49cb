#!/usr/bin/env python3
"""Generated code, compiled and run against real databases.

For each corpus (tests/codegen/<provider>/: a flash project with schema, queries, seed.sql and
calls.json) and each language, on a fresh database:

1. `flash migrate init` + `flash apply` create the schema, `flash raw --file seed.sql` fills it;
2. `flash gen --lang <lang> --ir ir.json` writes the code and the analysed request;
3. the language's runner (tests/codegen/runners/<lang>/run) compiles or type-checks the code
   (go vet, tsc --strict, mypy --strict) and calls every query of calls.json in order with
   its arguments, checking each row count and that every value read fits the declared type:
   NULL only where the analysis said nullable, so a wrong non-null type fails.

    python3 tests/codegen/run.py --flash target/ci/flash [--db postgresql,mysql,sqlite]
        [--lang go,js,python]

Runner contract: `runners/<lang>/run --provider P --url URL --out DIR --ir FILE --calls FILE
--work DIR` exits 0 when every call passed and prints one line per failure. DATABASE URLs come
from FLASH_TEST_POSTGRES_URL / FLASH_TEST_MYSQL_URL; with CI=true a missing one fails.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
LANGS = ["go", "js", "python"]
DBS = ["postgresql", "mysql", "sqlite"]
SERVER_ENV = {"postgresql": "FLASH_TEST_POSTGRES_URL", "mysql": "FLASH_TEST_MYSQL_URL"}


def sh(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    r = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} (in {cwd}) exited {r.returncode}:\n{r.stdout}\n{r.stderr}")
    return r


def server_url(server: str, name: str) -> str:
    base, _, query = server.partition("?")
    return base.rsplit("/", 1)[0] + "/" + name + (("?" + query) if query else "")


def fresh_database(flash: str, provider: str, server: str | None, name: str, work: Path) -> str:
    """A new empty database; its URL."""
    if provider == "sqlite":
        path = work / f"{name}.db"
        path.unlink(missing_ok=True)
        return f"sqlite://{path}"
    assert server is not None
    admin = work / f"admin-{provider}"
    admin.mkdir(parents=True, exist_ok=True)
    (admin / "flash.toml").write_text(f'[database]\nprovider = "{provider}"\nurl_env = "DATABASE_URL"\n')
    env = dict(os.environ, DATABASE_URL=server)
    drop = f"DROP DATABASE IF EXISTS {name}" + (" WITH (FORCE)" if provider == "postgresql" else "")
    for sql in (drop, f"CREATE DATABASE {name}"):
        sh([flash, "raw", sql], admin, env)
    return server_url(server, name)


def drop_database(flash: str, provider: str, server: str | None, name: str, work: Path) -> None:
    if provider == "sqlite" or server is None:
        return
    env = dict(os.environ, DATABASE_URL=server)
    drop = f"DROP DATABASE IF EXISTS {name}" + (" WITH (FORCE)" if provider == "postgresql" else "")
    subprocess.run([flash, "raw", drop], cwd=work / f"admin-{provider}", env=env, capture_output=True)


def run_one(flash: str, provider: str, lang: str, work: Path) -> list[str]:
    """Runs one corpus in one language; returns the failures."""
    server = os.environ.get(SERVER_ENV[provider]) if provider in SERVER_ENV else None
    name = f"flash_codegen_{provider}_{lang}_{os.getpid()}"
    project = work / f"{provider}-{lang}"
    shutil.copytree(HERE / provider, project, ignore=shutil.ignore_patterns("gen", "migrations", "*.db"))
    url = fresh_database(flash, provider, server, name, work)
    env = dict(os.environ, DATABASE_URL=url)
    try:
        sh([flash, "migrate", "init"], project, env)
        sh([flash, "apply", "--yes"], project, env)
        sh([flash, "raw", "--file", "seed.sql"], project, env)
        ir = project / "ir.json"
        sh([flash, "gen", "--lang", lang, "--ir", str(ir)], project, env)
        out = {"go": "gen/go/db", "js": "gen/ts", "python": "gen/python/db"}[lang]
        runner = HERE / "runners" / lang / "run"
        r = subprocess.run(
            [str(runner), "--provider", provider, "--url", url, "--out", str(project / out),
             "--ir", str(ir), "--calls", str(project / "calls.json"), "--work", str(work / f"runner-{lang}")],
            cwd=project, env=env, capture_output=True, text=True)
        if r.returncode != 0:
            return [f"{provider}/{lang}: runner exited {r.returncode}", r.stdout[-6000:], r.stderr[-6000:]]
        return []
    finally:
        drop_database(flash, provider, server, name, work)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--flash", required=True)
    ap.add_argument("--db", default=",".join(DBS))
    ap.add_argument("--lang", default=",".join(LANGS))
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    a = ap.parse_args()
    flash = str(Path(a.flash).resolve())
    # Runners that generate variants of their own (other drivers) use the same binary.
    os.environ["FLASH_BIN"] = flash
    dbs = [d for d in a.db.split(",") if d]
    langs = [l for l in a.lang.split(",") if l]
    ci = os.environ.get("CI") == "true"
    failures: list[str] = []
    work = Path(tempfile.mkdtemp(prefix="flash-codegen-"))
    try:
        for provider in dbs:
            if provider in SERVER_ENV and not os.environ.get(SERVER_ENV[provider]):
                msg = f"{provider}: {SERVER_ENV[provider]} is not set"
                if ci:
                    failures.append(msg + " (required with CI=true)")
                else:
                    print(f"SKIPPED {msg}", file=sys.stderr)
                continue
            for lang in langs:
                start = time.time()
                try:
                    f = run_one(flash, provider, lang, work)
                except RuntimeError as e:
                    f = [f"{provider}/{lang}: {e}"]
                status = "ok" if not f else "FAILED"
                print(f"{provider:10} {lang:6} {status} ({time.time() - start:.1f}s)", flush=True)
                failures.extend(f)
    finally:
        if a.keep:
            print(f"work folder: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    for f in failures:
        print(f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
