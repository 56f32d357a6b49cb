"""Each error kind raises its class with kind, message, help, place and details."""

from __future__ import annotations

import builtins
import pickle
import re
from pathlib import Path

import pytest

import flash_orm
from flash_orm import _api

from conftest import Project, make_project

KINDS = {
    "config": "ConfigError",
    "parse": "ParseError",
    "checksum_mismatch": "ChecksumMismatchError",
    "connection": "ConnectionError",
    "database": "DatabaseError",
    "migration_failed": "MigrationFailedError",
    "needs_confirmation": "NeedsConfirmationError",
    "state": "StateError",
    "not_found": "NotFoundError",
    "invalid_request": "InvalidRequestError",
    "io": "FlashIOError",
    "internal": "InternalError",
}


def test_hierarchy_matches_the_table() -> None:
    from flash_orm._errors import error_from_envelope

    for kind, name in KINDS.items():
        cls = getattr(flash_orm, name)
        assert issubclass(cls, flash_orm.FlashError)
        err = error_from_envelope({"kind": kind, "message": "m", "help": "h", "place": "f:1", "details": ["d"]})
        assert type(err) is cls
        assert isinstance(err, flash_orm.FlashError)
        assert (err.kind, err.message, err.help, err.place, err.details) == (kind, "m", "h", "f:1", ["d"])
        assert str(err) == "m"
        copy = pickle.loads(pickle.dumps(err))
        assert type(copy) is cls and copy.details == ["d"] and copy.place == "f:1"
    cancelled = error_from_envelope({"kind": "cancelled", "message": "stop"})
    assert type(cancelled) is KeyboardInterrupt
    unknown = error_from_envelope({"kind": "something_new", "message": "m", "help": None, "place": None, "details": []})
    assert type(unknown) is flash_orm.FlashError and unknown.kind == "something_new"
    # flash_orm.ConnectionError is its own class, not the built-in one.
    assert not issubclass(flash_orm.ConnectionError, builtins.ConnectionError)


def test_config_error_without_flash_toml(tmp_path: Path) -> None:
    with pytest.raises(flash_orm.ConfigError) as exc:
        flash_orm.status(project_dir=tmp_path)
    e = exc.value
    assert e.kind == "config"
    assert "flash.toml" in e.message
    assert e.help and "init" in e.help
    assert e.details == []


def test_config_error_without_url(sqlite_project: Project) -> None:
    (sqlite_project.dir / ".env").write_text("")
    with pytest.raises(flash_orm.ConfigError) as exc:
        flash_orm.status(project_dir=sqlite_project.dir)
    assert "DATABASE_URL" in exc.value.message + (exc.value.help or "")


def test_parse_error_has_a_place(sqlite_project: Project) -> None:
    sqlite_project.schema.write_text("CREATE TABLE users (\n  id INTEGER PRIMARY KEY,\n  name TEXT NOT NULL,,\n);\n")
    with pytest.raises(flash_orm.ParseError) as exc:
        flash_orm.plan(project_dir=sqlite_project.dir)
    e = exc.value
    assert e.kind == "parse"
    assert e.place is not None and re.search(r"schema\.sql:\d+:\d+$", e.place), e.place
    assert e.details


def test_database_error(sqlite_project: Project) -> None:
    with pytest.raises(flash_orm.DatabaseError) as exc:
        flash_orm.raw("SELECT * FROM no_such_table", project_dir=sqlite_project.dir)
    assert exc.value.kind == "database"
    assert "no_such_table" in exc.value.message


def test_invalid_requests(sqlite_project: Project) -> None:
    d = sqlite_project.dir
    with pytest.raises(flash_orm.InvalidRequestError) as exc:
        flash_orm.down(steps=1, to="20250101000000_x", yes=True, project_dir=d)
    assert exc.value.kind == "invalid_request"
    with pytest.raises(flash_orm.InvalidRequestError):
        flash_orm.migrate("  ", project_dir=d)
    with pytest.raises(flash_orm.InvalidRequestError):
        flash_orm.plan(renames=["no equals sign"], project_dir=d)
    # Unknown fields are rejected by the engine: a misspelt option never passes silently.
    with pytest.raises(flash_orm.InvalidRequestError) as exc:
        _api._call("apply", {"project": {}, "yess": True})
    assert "yess" in exc.value.message
    with pytest.raises(flash_orm.NotFoundError):
        _api._call("no_such_operation", {})


def test_checksum_mismatch_then_accept(sqlite_project: Project) -> None:
    d = sqlite_project.dir
    m = flash_orm.migrate("init", project_dir=d)
    flash_orm.apply(project_dir=d)
    assert m.path is not None
    m.path.write_text(m.path.read_text() + "\n-- edited after it was applied\n")
    with pytest.raises(flash_orm.ChecksumMismatchError) as exc:
        flash_orm.apply(project_dir=d)
    e = exc.value
    assert e.kind == "checksum_mismatch"
    assert e.place is not None and Path(e.place).name == m.path.name
    st = flash_orm.status(project_dir=d)
    assert st.migrations[0].state == "modified" and st.problems == 1
    assert flash_orm.accept(m.id, project_dir=d).accepted == [m.id]
    assert flash_orm.apply(project_dir=d).applied == []


def test_migration_failed(sqlite_project: Project) -> None:
    d = sqlite_project.dir
    m = flash_orm.migrate("broken", empty=True, project_dir=d)
    assert m.path is not None
    m.path.write_text(
        "-- +migrate Up\nCREATE TABLE ok_table (id INTEGER);\nINSERT INTO missing_table VALUES (1);\n"
        "-- +migrate Down\nDROP TABLE ok_table;\n"
    )
    with pytest.raises(flash_orm.MigrationFailedError) as exc:
        flash_orm.apply(project_dir=d)
    e = exc.value
    assert e.kind == "migration_failed"
    assert e.place is not None and e.place.endswith(f"{m.path.name}:3"), e.place
    assert any("missing_table" in x for x in e.details)
    # Rolled back: the first statement is gone too.
    with pytest.raises(flash_orm.DatabaseError):
        flash_orm.raw("SELECT * FROM ok_table", project_dir=d)


def test_connection_error(tmp_path: Path) -> None:
    # Nothing listens on port 1.
    p = make_project(tmp_path / "app", "postgresql", "postgres://u:p@127.0.0.1:1/db?connect_timeout=2")
    with pytest.raises(flash_orm.ConnectionError) as exc:
        flash_orm.status(project_dir=p.dir)
    assert exc.value.kind == "connection"
    assert isinstance(exc.value, flash_orm.FlashError)


def test_state_error_without_down_section(sqlite_project: Project) -> None:
    d = sqlite_project.dir
    m = flash_orm.migrate("no down", empty=True, project_dir=d)
    assert m.path is not None
    m.path.write_text("-- +migrate Up\nCREATE TABLE t (id INTEGER);\n")
    flash_orm.apply(project_dir=d)
    with pytest.raises(flash_orm.StateError) as exc:
        flash_orm.down(yes=True, project_dir=d)
    assert exc.value.kind == "state"
    assert exc.value.place is not None and exc.value.place.endswith(m.path.name)
