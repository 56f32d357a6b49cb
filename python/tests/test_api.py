"""The typed API against real databases: a whole migration cycle and the reports' shapes."""

from __future__ import annotations

import dataclasses
import json
import re
import threading
from pathlib import Path
from typing import Dict, List

import pytest

import flash_orm
from flash_orm import _native

from conftest import Project


def tree(root: Path) -> Dict[str, bytes]:
    """Every project file under `root` with its content (directories as b"<dir>"); SQLite
    database files are left out (connecting creates an empty one)."""
    return {
        str(p.relative_to(root)): (b"<dir>" if p.is_dir() else p.read_bytes())
        for p in sorted(root.rglob("*"))
        if not p.name.startswith("app.db")
    }


def test_version() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+.*", flash_orm.version())
    assert flash_orm.version() == flash_orm.__version__ == _native.version()


def test_init(tmp_path: Path) -> None:
    report = flash_orm.init(tmp_path / "p")
    assert report.provider == "sqlite"
    assert report.kept == []
    assert all(p.is_absolute() for p in report.created)
    assert (tmp_path / "p" / "flash.toml").resolve() in [p.resolve() for p in report.created]
    again = flash_orm.init(str(tmp_path / "p"), provider="sqlite")
    assert again.created == []
    assert (tmp_path / "p" / "flash.toml").resolve() in [p.resolve() for p in again.kept]

    pg = flash_orm.init(tmp_path / "pg", provider="postgresql")
    assert pg.provider == "postgresql"
    with pytest.raises(flash_orm.InvalidRequestError):
        flash_orm.init(tmp_path / "x", provider="oracle")


def test_reports_are_frozen(sqlite_project: Project) -> None:
    report = flash_orm.status(project_dir=sqlite_project.dir)
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.applied = 3  # type: ignore[misc]


def test_lifecycle(project: Project) -> None:
    d = project.dir
    before = tree(d)
    plan = flash_orm.plan(project_dir=d)
    assert plan.has_changes
    assert plan.changes == ["+ table users"]
    assert "CREATE TABLE" in plan.up and "users" in plan.up
    assert "DROP TABLE" in plan.down
    assert plan.baseline in ("database", "empty", "snapshot")
    assert tree(d) == before, "plan must not write anything"

    m = flash_orm.migrate("create users", project_dir=d)
    assert m.outcome == "written" and m.written
    assert m.id is not None and m.id.endswith("_create_users")
    assert m.path is not None and m.path.is_absolute() and m.path.exists()
    assert m.path.resolve() == project.migrations[0].resolve()
    assert m.changes == plan.changes and m.up == plan.up

    nothing = flash_orm.migrate("again", project_dir=d)
    assert nothing.outcome == "nothing_to_do" and not nothing.written
    assert nothing.id is None and nothing.path is None
    assert not flash_orm.plan(project_dir=d).has_changes

    st = flash_orm.status(project_dir=d)
    assert st.provider == project.provider
    assert (st.applied, st.pending, st.problems) == (0, 1, 0)
    assert [(s.id, s.name, s.state) for s in st.migrations] == [(m.id, "create_users", "pending")]

    applied = flash_orm.apply(project_dir=d)
    assert applied.applied == [m.id]
    assert applied.already_applied == [] and applied.out_of_order == []
    assert applied.waited_for_lock is False
    assert flash_orm.apply(project_dir=d).applied == []

    st = flash_orm.status(project_dir=d)
    assert (st.applied, st.pending, st.problems) == (1, 0, 0)
    assert st.migrations[0].state == "applied"
    assert st.migrations[0].applied_at is not None

    results = flash_orm.raw(
        "INSERT INTO users (email, name) VALUES ('a@example.com', 'Ann');"
        "SELECT email, name FROM users; SELECT NULL AS empty_value",
        project_dir=d,
    )
    assert len(results) == 3
    assert results[0].rows_affected == 1
    assert results[1].columns == ["email", "name"]
    assert results[1].rows == [["a@example.com", "Ann"]]
    assert results[2].rows == [[None]]

    with pytest.raises(flash_orm.NeedsConfirmationError) as exc:
        flash_orm.down(project_dir=d)
    assert exc.value.kind == "needs_confirmation"
    assert m.id in exc.value.details
    assert flash_orm.status(project_dir=d).applied == 1

    reverted = flash_orm.down(yes=True, project_dir=d)
    assert reverted.reverted == [m.id]
    assert flash_orm.status(project_dir=d).pending == 1
    with pytest.raises(flash_orm.DatabaseError):
        flash_orm.raw("SELECT * FROM users", project_dir=d)

    flash_orm.apply(project_dir=d)
    with pytest.raises(flash_orm.NeedsConfirmationError):
        flash_orm.reset(project_dir=d)
    dropped = flash_orm.reset(force=True, project_dir=d)
    assert any("users" in x for x in dropped.dropped)
    st = flash_orm.status(project_dir=d)
    assert (st.applied, st.pending) == (0, 1)


def test_down_steps_and_to(sqlite_project: Project) -> None:
    d = sqlite_project.dir
    ids: List[str] = []
    for i in range(3):
        r = flash_orm.migrate(f"step {i}", empty=True, project_dir=d)
        assert r.id is not None and r.path is not None
        r.path.write_text(f"-- +migrate Up\nCREATE TABLE t{i} (id INTEGER);\n-- +migrate Down\nDROP TABLE t{i};\n")
        ids.append(r.id)
    assert len(set(ids)) == 3
    assert flash_orm.apply(project_dir=d).applied == ids
    assert flash_orm.down(steps=2, yes=True, project_dir=d).reverted == [ids[2], ids[1]]
    flash_orm.apply(project_dir=d)
    assert flash_orm.down(to=ids[0], yes=True, project_dir=d).reverted == [ids[2], ids[1]]


def test_renames_need_confirmation(sqlite_project: Project) -> None:
    d = sqlite_project.dir
    flash_orm.migrate("init", project_dir=d)
    text = sqlite_project.schema.read_text().replace("name TEXT", "full_name TEXT")
    sqlite_project.schema.write_text(text)
    with pytest.raises(flash_orm.NeedsConfirmationError) as exc:
        flash_orm.plan(project_dir=d)
    assert exc.value.details
    renamed = flash_orm.plan(renames=["users.name=full_name"], project_dir=d)
    assert renamed.has_changes and "RENAME" in renamed.up.upper()
    dropped = flash_orm.plan(no_rename=True, project_dir=d)
    assert dropped.has_changes and dropped.destructive
    with pytest.raises(TypeError):
        flash_orm.plan(renames="users.name=full_name", project_dir=d)


def test_databases_and_project_options(sqlite_project: Project, tmp_path: Path) -> None:
    dbs = flash_orm.databases(project_dir=sqlite_project.dir)
    assert len(dbs) == 1
    db = dbs[0]
    assert (db.name, db.provider, db.default, db.url_env) == ("default", "sqlite", True, "DATABASE_URL")
    assert db.url == sqlite_project.url
    assert db.schema_dir == (sqlite_project.dir / "db" / "schema").resolve()
    assert db.migrations_path.is_absolute()

    # config_path relative to project_dir, and a subfolder finds flash.toml upwards.
    assert flash_orm.databases(project_dir=sqlite_project.dir, config_path="flash.toml")[0].name == "default"
    sub = sqlite_project.dir / "db" / "schema"
    assert flash_orm.status(project_dir=sub).provider == "sqlite"
    with pytest.raises(flash_orm.ConfigError, match="nope"):
        flash_orm.status(project_dir=sqlite_project.dir, db="nope")


def test_env_option(sqlite_project: Project, tmp_path: Path) -> None:
    other = f"sqlite://{tmp_path / 'other.db'}"
    (sqlite_project.dir / ".env.staging").write_text(f"DATABASE_URL={other}\n")
    assert flash_orm.databases(project_dir=sqlite_project.dir)[0].url == sqlite_project.url
    assert flash_orm.databases(project_dir=sqlite_project.dir, env="staging")[0].url == other
    flash_orm.migrate("init", project_dir=sqlite_project.dir)
    flash_orm.apply(project_dir=sqlite_project.dir, env="staging")
    assert flash_orm.status(project_dir=sqlite_project.dir, env="staging").applied == 1
    assert flash_orm.status(project_dir=sqlite_project.dir).applied == 0


def test_cwd_is_the_default_project(sqlite_project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(sqlite_project.dir)
    assert flash_orm.migrate("init").written
    assert flash_orm.status().pending == 1


def test_accept_unknown_id(sqlite_project: Project) -> None:
    with pytest.raises(flash_orm.FlashError) as exc:
        flash_orm.accept("20990101", project_dir=sqlite_project.dir)
    assert exc.value.kind in ("not_found", "invalid_request")
    assert flash_orm.accept(project_dir=sqlite_project.dir).accepted == []


def test_calls_from_threads(sqlite_project: Project) -> None:
    flash_orm.migrate("init", project_dir=sqlite_project.dir)
    flash_orm.apply(project_dir=sqlite_project.dir)
    errors: List[BaseException] = []

    def work() -> None:
        try:
            for _ in range(5):
                assert flash_orm.status(project_dir=sqlite_project.dir).applied == 1
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_run_cli_returns_codes(sqlite_project: Project, capfd: pytest.CaptureFixture[str]) -> None:
    config = str(sqlite_project.dir / "flash.toml")
    assert flash_orm.run_cli(["flash", "status", "--config", config]) == 0
    out, _ = capfd.readouterr()
    assert "No migrations yet" in out
    assert flash_orm.run_cli(["flash", "status", "--config", config + ".missing"]) == 1
    assert flash_orm.run_cli(["flash", "no-such-command"]) == 2
    assert flash_orm.run_cli([Path("flash"), "--version"]) == 0
    out, _ = capfd.readouterr()
    assert out == f"flash {flash_orm.__version__}\n"
    with pytest.raises(TypeError):
        flash_orm.run_cli("flash status")


def test_generate(sqlite_project: Project) -> None:
    """`generate` writes typed code from the queries `init` wrote, then reports it up to date;
    query errors raise ParseError with every place and write nothing."""
    d = sqlite_project.dir
    toml = (d / "flash.toml").read_text()
    (d / "flash.toml").write_text(toml.replace("[gen.python]\nenabled = false", "[gen.python]\nenabled = true"))
    first = flash_orm.generate(project_dir=d)
    assert first.changed and not first.up_to_date
    assert (first.query_files, first.queries) == (1, 2)
    [lang] = first.languages
    assert lang.language == "python" and lang.options["driver"] == "sqlite3"
    assert {f.status for f in lang.files} == {"created"}
    assert all(f.path.is_file() for f in lang.files)
    again = flash_orm.generate(project_dir=d)
    assert again.up_to_date and not again.changed
    check = flash_orm.generate(project_dir=d, check=True, languages=["python"])
    assert not check.changed

    before = tree(d)
    (d / "db" / "queries" / "broken.sql").write_text("-- name: Broken :one\nSELECT nope FROM users;\n")
    with pytest.raises(flash_orm.ParseError) as e:
        flash_orm.generate(project_dir=d)
    assert any("broken.sql:2:8" in x for x in e.value.details), e.value.details
    after = tree(d)
    del after["db/queries/broken.sql"]
    assert after == before


def test_baseline_drift_and_pull(project: Project) -> None:
    """`baseline` adopts a database made by hand, `status` reports an out-of-band index as
    drift, `absorb_drift` records it and pulls it into the files, and `pull` then has nothing
    to do."""
    d = project.dir
    project.schema.unlink()
    flash_orm.raw("CREATE TABLE people (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL)", project_dir=d)
    adopted = flash_orm.baseline(project_dir=d)
    assert adopted.changes and Path(adopted.path).is_file()
    assert any(f.action == "created" for f in adopted.pull.files)
    st = flash_orm.status(project_dir=d)
    assert (st.applied, st.pending) == (1, 0)
    assert st.drift.checked and not st.drift.has_drift and st.drift.source == "database"
    with pytest.raises(flash_orm.StateError):
        flash_orm.baseline(project_dir=d)

    flash_orm.raw("CREATE INDEX people_name ON people (name)", project_dir=d)
    drifted = flash_orm.status(project_dir=d).drift
    assert drifted.has_drift and len(drifted.changes) == 1, drifted
    assert "people_name" in drifted.sql
    absorbed = flash_orm.absorb_drift("add index", project_dir=d)
    assert absorbed is not None and len(absorbed.changes) == 1
    assert not flash_orm.status(project_dir=d).drift.has_drift
    assert flash_orm.absorb_drift("nothing", project_dir=d) is None

    pulled = flash_orm.pull(project_dir=d, dry_run=True)
    assert pulled.dry_run and pulled.files == [] and pulled.tables == 1
    elsewhere = flash_orm.pull(project_dir=d, output="pulled")
    assert [f.action for f in elsewhere.files] == ["created"]
    assert (d / "pulled" / "schema.sql").read_text().count("CREATE TABLE") == 1


def test_export(project: Project) -> None:
    """`export` writes JSON (the default) into export_path, CSV and SQLite where asked, and
    names the tables there are when asked for one that is not."""
    d = project.dir
    flash_orm.raw("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)", project_dir=d)
    flash_orm.raw("INSERT INTO notes VALUES (1, 'x,y'), (2, ''), (3, NULL)", project_dir=d)
    report = flash_orm.export(project_dir=d)
    assert report.format == "json" and report.rows == 3
    assert Path(report.path).parent == d / "db" / "export"
    doc = json.loads(Path(report.path).read_text())
    assert [r["body"] for r in doc["data"]["notes"]] == ["x,y", "", None]
    csv = flash_orm.export(project_dir=d, format="csv", tables="notes", output="out")
    assert [t.name for t in csv.tables] == ["notes"]
    assert (d / "out" / "notes.csv").read_text() == 'id,body\n1,"x,y"\n2,""\n3,\n'
    db = flash_orm.export(project_dir=d, format="sqlite", output="out.db")
    assert Path(db.path).is_file()
    with pytest.raises(flash_orm.NotFoundError) as e:
        flash_orm.export(project_dir=d, tables=["nope"])
    assert "notes" in str(e.value)
    with pytest.raises(flash_orm.InvalidRequestError):
        flash_orm.export(project_dir=d, format="xml")
    # The export loads back (the tables exist: rows only).
    flash_orm.raw("DELETE FROM notes", project_dir=d)
    loaded = flash_orm.import_data(report.path, project_dir=d, data_only=True)
    assert loaded.rows == 3 and [t.created for t in loaded.tables] == [False]
    with pytest.raises(flash_orm.StateError):
        flash_orm.import_data(report.path, project_dir=d, data_only=True)
    # So do the CSV folder and the SQLite file.
    flash_orm.raw("DELETE FROM notes", project_dir=d)
    from_csv = flash_orm.import_data("out", project_dir=d)
    assert from_csv.format == "csv" and from_csv.rows == 3
    body = flash_orm.raw("SELECT count(*) AS n FROM notes WHERE body IS NULL", project_dir=d)
    assert body[0].rows == [["1"]]
    flash_orm.raw("DELETE FROM notes", project_dir=d)
    assert flash_orm.import_data(db.path, project_dir=d).format == "sqlite"
    # A reset backs the database up first, unless told not to.
    reset = flash_orm.reset(project_dir=d, force=True)
    assert reset.backup is not None and reset.backup.endswith("_reset.json")
    assert json.loads(Path(reset.backup).read_text())["data"]["notes"][0]["body"] == "x,y"
    assert flash_orm.reset(project_dir=d, force=True, no_backup=True).backup is None


def test_seed(project: Project) -> None:
    """`seed` fills a parent and a child with rows that keep their keys, the same seed gives
    the same rows, a dry run writes nothing and `truncate` needs `yes`."""
    d = project.dir
    flash_orm.raw(
        "CREATE TABLE authors (id INTEGER PRIMARY KEY, email VARCHAR(100) NOT NULL UNIQUE, "
        "name VARCHAR(60) NOT NULL)",
        project_dir=d,
    )
    flash_orm.raw(
        "CREATE TABLE books (id INTEGER PRIMARY KEY, author_id INTEGER NOT NULL, "
        "title VARCHAR(80) NOT NULL, FOREIGN KEY (author_id) REFERENCES authors (id))",
        project_dir=d,
    )
    dry = flash_orm.seed({"books": 5}, count=3, seed=11, dry_run=True, project_dir=d)
    assert dry.dry_run and [(t.name, t.rows, t.added_as_parent) for t in dry.tables] == [
        ("authors", 3, True),
        ("books", 5, False),
    ]
    sample = dry.tables[0].sample
    assert sample is not None and sample.columns == ["id", "email", "name"]
    assert len(sample.rows) == 3 and "@example." in sample.dicts()[0]["email"]
    assert flash_orm.raw("SELECT count(*) AS n FROM authors", project_dir=d)[0].rows == [["0"]]
    report = flash_orm.seed({"books": 5}, count=3, seed=11, project_dir=d)
    assert report.seed == 11 and report.rows == 8 and report.tables[0].sample is None
    orphans = flash_orm.raw(
        "SELECT count(*) AS n FROM books b LEFT JOIN authors a ON a.id = b.author_id "
        "WHERE a.id IS NULL",
        project_dir=d,
    )
    assert orphans[0].rows == [["0"]]
    again = flash_orm.seed({"books": 2}, seed=12, project_dir=d)
    assert again.reused == ["authors"]
    with pytest.raises(flash_orm.NeedsConfirmationError):
        flash_orm.seed(count=1, truncate=True, project_dir=d)
    done = flash_orm.seed(count=1, truncate=True, yes=True, seed=11, project_dir=d)
    assert done.truncated == ["authors", "books"] and done.rows == 2
    with pytest.raises(flash_orm.NotFoundError):
        flash_orm.seed({"nope": 1}, project_dir=d)


def test_branches(project: Project) -> None:
    """A branch is a copy to try a change on: create, switch, list, diff, rename, delete."""
    d = project.dir
    project.schema.write_text("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);\n")
    flash_orm.migrate("notes", project_dir=d)
    flash_orm.apply(project_dir=d)
    flash_orm.raw("INSERT INTO notes (id, body) VALUES (1, 'a')", project_dir=d)
    try:
        created = flash_orm.create_branch("feature", project_dir=d)
        assert created.action == "created" and created.current == "main"
        assert created.copied is not None and created.copied.tables == 1
        switched = flash_orm.checkout("feature", project_dir=d)
        assert switched.current == "feature"
        flash_orm.raw("CREATE TABLE tags (id INTEGER PRIMARY KEY)", project_dir=d)
        flash_orm.raw("INSERT INTO notes (id, body) VALUES (2, 'b')", project_dir=d)
        listed = flash_orm.branches(project_dir=d)
        assert listed.current == "feature"
        assert [(b.name, b.current) for b in listed.branches] == [("main", False), ("feature", True)]
        diff = flash_orm.diff_branches("main", "feature", project_dir=d)
        assert diff.has_changes and diff.changes == ["+ table tags"]
        assert "CREATE TABLE" in diff.up and "DROP TABLE" in diff.down
        with pytest.raises(flash_orm.StateError) as e:
            flash_orm.delete_branch("feature", project_dir=d)
        assert "current branch" in str(e.value)
        with pytest.raises(flash_orm.InvalidRequestError):
            flash_orm.create_branch("Not Valid", project_dir=d)
        flash_orm.checkout("main", project_dir=d)
        rows = flash_orm.raw("SELECT count(*) FROM notes", project_dir=d)
        assert rows[0].rows == [["1"]], "main is untouched"
        renamed = flash_orm.rename_branch("feature", "done", project_dir=d)
        assert renamed.branch == "done" and renamed.from_ == "feature"
        deleted = flash_orm.delete_branch("done", project_dir=d)
        assert deleted.action == "deleted"
        assert [b.name for b in flash_orm.branches(project_dir=d).branches] == ["main"]
        with pytest.raises(flash_orm.NotFoundError):
            flash_orm.checkout("done", project_dir=d)
    finally:
        # Branches of MySQL are databases of their own: never leave one behind.
        flash_orm.checkout("main", project_dir=d)
        for name in ("feature", "done"):
            try:
                flash_orm.delete_branch(name, project_dir=d)
            except flash_orm.NotFoundError:
                pass
