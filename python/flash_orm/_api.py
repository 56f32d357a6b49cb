"""The typed API: one function per engine operation, each returning a frozen dataclass.

Every function sends a JSON request to the engine (``flash_orm._native.call``) and turns the
envelope it gets back into a report or an exception; the wire format is in docs/API.md. The
engine runs in this process with the GIL released, so other threads keep running; Ctrl-C (on
the main thread) cancels the operation, rolls back what it had open and raises
``KeyboardInterrupt``.

Every operation but :func:`version` and :func:`init` works on a project, chosen by the same
keyword arguments:

* ``project_dir``: where ``flash.toml`` is searched from (upwards); the current directory when
  None.
* ``config_path``: the ``flash.toml`` to use (relative paths are taken from ``project_dir``).
* ``db``: the database of a multi-database project (the CLI's ``--db``).
* ``env``: also read ``.env.NAME`` (the CLI's ``--env``).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Union

from . import _native
from ._errors import error_from_envelope

__all__ = [
    "PathArg",
    "Notice",
    "InitReport",
    "PlanReport",
    "MigrateReport",
    "ApplyReport",
    "DownReport",
    "MigrationStatus",
    "StatusReport",
    "ResetReport",
    "QueryResult",
    "AcceptReport",
    "Database",
    "UnmanagedObject",
    "DriftReport",
    "PulledFile",
    "PullReport",
    "AdoptReport",
    "version",
    "init",
    "plan",
    "migrate",
    "apply",
    "down",
    "status",
    "reset",
    "raw",
    "accept",
    "databases",
    "pull",
    "baseline",
    "absorb_drift",
    "run_cli",
]

PathArg = Union[str, "os.PathLike[str]"]
"""A path argument: a ``str`` or anything ``os.fspath`` accepts (``pathlib.Path``)."""


# --------------------------------------------------------------------------------------------
# Reports


def _strs(value: Any) -> List[str]:
    return [str(v) for v in (value or [])]


def _opt_str(value: Any) -> Optional[str]:
    return None if value is None else str(value)


def _path(value: Any) -> Path:
    # The engine runs in this process, so a relative path is relative to our working directory.
    return Path(os.path.abspath(str(value)))


@dataclass(frozen=True)
class Notice:
    """Something worth a look that did not stop the operation (a warning)."""

    message: str
    place: Optional[str] = None
    """``file:line:column`` when the notice has a place."""
    help: Optional[str] = None

    @classmethod
    def _from_json(cls, d: Dict[str, Any]) -> Notice:
        return cls(str(d["message"]), _opt_str(d.get("place")), _opt_str(d.get("help")))


def _notices(value: Any) -> List[Notice]:
    return [Notice._from_json(n) for n in (value or [])]


@dataclass(frozen=True)
class InitReport:
    """What :func:`init` did."""

    provider: str
    """``sqlite``, ``postgresql`` or ``mysql``."""
    created: List[Path]
    """The files and folders created (absolute paths)."""
    kept: List[Path]
    """Files that existed already and were left alone."""
    languages: List[str]
    """The project languages found by their manifests (``go``, ``js``, ``python``), whose
    ``[gen.*]`` sections the new flash.toml enables."""

    @classmethod
    def _from_json(cls, d: Dict[str, Any]) -> InitReport:
        return cls(
            provider=str(d["provider"]),
            created=[_path(p) for p in d.get("created") or []],
            kept=[_path(p) for p in d.get("kept") or []],
            languages=[str(lang["gen"]) for lang in d.get("languages") or []],
        )


@dataclass(frozen=True)
class PlanReport:
    """The migration :func:`migrate` would write now (nothing was written)."""

    has_changes: bool
    """False when the schema files match the last migration."""
    changes: List[str]
    """One line per change (``+ table users``)."""
    destructive: List[str]
    """Why applying it may lose data."""
    warnings: List[Notice]
    up: str
    """The Up SQL ("" without changes)."""
    down: str
    """The Down SQL ("" without changes)."""
    baseline: Optional[str]
    """What the schema files were compared with: ``snapshot``, ``database`` or ``empty``."""

    @classmethod
    def _from_json(cls, d: Dict[str, Any]) -> PlanReport:
        return cls(
            has_changes=bool(d["has_changes"]),
            changes=_strs(d.get("changes")),
            destructive=_strs(d.get("destructive")),
            warnings=_notices(d.get("warnings")),
            up=str(d.get("up") or ""),
            down=str(d.get("down") or ""),
            baseline=_opt_str(d.get("baseline")),
        )


@dataclass(frozen=True)
class MigrateReport:
    """What :func:`migrate` did: ``outcome`` is ``"written"`` or ``"nothing_to_do"``.

    With ``nothing_to_do`` only ``warnings`` is meaningful: ``id``, ``path`` and ``baseline``
    are None and the lists and SQL are empty.
    """

    outcome: str
    """``"written"`` (a migration file was written) or ``"nothing_to_do"``."""
    id: Optional[str] = None
    """The new migration's id, ``20250101120000_add_users``."""
    path: Optional[Path] = None
    """The migration file written."""
    changes: List[str] = field(default_factory=list)
    destructive: List[str] = field(default_factory=list)
    warnings: List[Notice] = field(default_factory=list)
    up: str = ""
    down: str = ""
    baseline: Optional[str] = None

    @property
    def written(self) -> bool:
        """True when a migration file was written."""
        return self.outcome == "written"

    @classmethod
    def _from_json(cls, d: Dict[str, Any]) -> MigrateReport:
        path = d.get("path")
        return cls(
            outcome=str(d["outcome"]),
            id=_opt_str(d.get("id")),
            path=None if path is None else _path(path),
            changes=_strs(d.get("changes")),
            destructive=_strs(d.get("destructive")),
            warnings=_notices(d.get("warnings")),
            up=str(d.get("up") or ""),
            down=str(d.get("down") or ""),
            baseline=_opt_str(d.get("baseline")),
        )


@dataclass(frozen=True)
class ApplyReport:
    """What :func:`apply` did."""

    applied: List[str]
    """The ids applied, in order."""
    already_applied: List[str]
    """Applied by another process while this one waited for the lock."""
    waited_for_lock: bool
    out_of_order: List[str]
    """Pending migrations whose id sorts before an applied one (made on another branch)."""
    backup: Optional[str] = None
    """The export written first because data may be lost (``export_path/backup_*.json``)."""

    @classmethod
    def _from_json(cls, d: Dict[str, Any]) -> ApplyReport:
        return cls(
            applied=_strs(d.get("applied")),
            already_applied=_strs(d.get("already_applied")),
            waited_for_lock=bool(d.get("waited_for_lock")),
            out_of_order=_strs(d.get("out_of_order")),
            backup=_opt_str(d.get("backup")),
        )


@dataclass(frozen=True)
class DownReport:
    """What :func:`down` undid, newest first."""

    reverted: List[str]
    waited_for_lock: bool
    backup: Optional[str] = None
    """The export written first because data may be lost (``export_path/backup_*.json``)."""

    @classmethod
    def _from_json(cls, d: Dict[str, Any]) -> DownReport:
        return cls(
            reverted=_strs(d.get("reverted")),
            waited_for_lock=bool(d.get("waited_for_lock")),
            backup=_opt_str(d.get("backup")),
        )


@dataclass(frozen=True)
class MigrationStatus:
    """One migration as :func:`status` sees it."""

    id: str
    name: str
    state: str
    """``applied``, ``pending``, ``modified`` (file changed since), ``missing`` (file gone) or
    ``failed`` (started, not finished)."""
    applied_at: Optional[str] = None
    """When it was applied (RFC 3339, UTC)."""
    started_at: Optional[str] = None
    applied_steps: Optional[int] = None
    """For a failed migration: the statements applied before the failure."""
    logs: Optional[str] = None
    """The error recorded: of a failed migration, or of a failed Down of an applied one."""
    destructive: List[str] = field(default_factory=list)

    @classmethod
    def _from_json(cls, d: Dict[str, Any]) -> MigrationStatus:
        steps = d.get("applied_steps")
        return cls(
            id=str(d["id"]),
            name=str(d.get("name") or ""),
            state=str(d["state"]),
            applied_at=_opt_str(d.get("applied_at")),
            started_at=_opt_str(d.get("started_at")),
            applied_steps=None if steps is None else int(steps),
            logs=_opt_str(d.get("logs")),
            destructive=_strs(d.get("destructive")),
        )


@dataclass(frozen=True)
class UnmanagedObject:
    """An object in the database flash does not model (a function, trigger, policy, sequence
    no column owns, grant, other schema, ...): listed, never compared or dropped."""

    kind: str
    """Upper case: ``FUNCTION``, ``TRIGGER``, ``POLICY``, ``SEQUENCE``, ``GRANT``, ..."""
    name: str
    table: Optional[str]
    """The table a trigger, policy or grant belongs to."""

    @classmethod
    def _from_json(cls, d: Dict[str, Any]) -> UnmanagedObject:
        return cls(kind=str(d["kind"]), name=str(d["name"]), table=_opt_str(d.get("table")))


@dataclass(frozen=True)
class DriftReport:
    """The live schema against the snapshot recorded with the last applied migration."""

    checked: bool
    """False when flash cannot tell what the schema should be (see ``reason``)."""
    against: Optional[str]
    """The last applied migration, whose snapshot the database was compared with."""
    source: Optional[str]
    """``database`` (the history table's record) or ``snapshot_file``."""
    reason: Optional[str]
    changes: List[str]
    """One line per out-of-band change (``+ index users.users_email``)."""
    sql: str
    """The statements that made the expected schema into the live one."""
    unmanaged: List[UnmanagedObject]

    @property
    def has_drift(self) -> bool:
        """True when the database differs from what its migrations say."""
        return bool(self.changes)

    @classmethod
    def _from_json(cls, d: Dict[str, Any]) -> DriftReport:
        return cls(
            checked=bool(d.get("checked")),
            against=_opt_str(d.get("against")),
            source=_opt_str(d.get("source")),
            reason=_opt_str(d.get("reason")),
            changes=_strs(d.get("changes")),
            sql=str(d.get("sql") or ""),
            unmanaged=[UnmanagedObject._from_json(u) for u in d.get("unmanaged") or []],
        )


@dataclass(frozen=True)
class StatusReport:
    """Every migration (files and history rows) with its state, and the database's drift."""

    provider: str
    migrations: List[MigrationStatus]
    applied: int
    pending: int
    problems: int
    """Modified, missing or failed migrations: something needs attention."""
    drift: DriftReport

    @classmethod
    def _from_json(cls, d: Dict[str, Any]) -> StatusReport:
        return cls(
            provider=str(d["provider"]),
            migrations=[MigrationStatus._from_json(m) for m in d.get("migrations") or []],
            applied=int(d.get("applied") or 0),
            pending=int(d.get("pending") or 0),
            problems=int(d.get("problems") or 0),
            drift=DriftReport._from_json(d.get("drift") or {}),
        )


@dataclass(frozen=True)
class PulledFile:
    """A schema file :func:`pull` wrote (or would write, with ``dry_run``)."""

    path: str
    action: str
    """``created``, ``updated`` or ``removed``."""

    @classmethod
    def _from_json(cls, d: Dict[str, Any]) -> PulledFile:
        return cls(path=str(d["path"]), action=str(d["action"]))


@dataclass(frozen=True)
class PullReport:
    """What :func:`pull` found in the database and did to the schema files."""

    provider: str
    output: str
    tables: int
    enums: int
    views: int
    added: List[str]
    """Elements new in the files (``table tags``)."""
    updated: List[str]
    """Elements rewritten because the database differs from the files."""
    removed: List[str]
    """Elements removed from the files because the database no longer has them."""
    files: List[PulledFile]
    backup: Optional[str]
    """Where the previous files were copied (``backup=True``)."""
    unmanaged: List[UnmanagedObject]
    dry_run: bool

    @classmethod
    def _from_json(cls, d: Dict[str, Any]) -> PullReport:
        return cls(
            provider=str(d["provider"]),
            output=str(d["output"]),
            tables=int(d.get("tables") or 0),
            enums=int(d.get("enums") or 0),
            views=int(d.get("views") or 0),
            added=_strs(d.get("added")),
            updated=_strs(d.get("updated")),
            removed=_strs(d.get("removed")),
            files=[PulledFile._from_json(f) for f in d.get("files") or []],
            backup=_opt_str(d.get("backup")),
            unmanaged=[UnmanagedObject._from_json(u) for u in d.get("unmanaged") or []],
            dry_run=bool(d.get("dry_run")),
        )


@dataclass(frozen=True)
class ExportedTable:
    """One table of an :func:`export`."""

    name: str
    rows: int
    file: Optional[str]
    """The table's CSV file (CSV exports only)."""

    @classmethod
    def _from_json(cls, d: Dict[str, Any]) -> ExportedTable:
        return cls(name=str(d["name"]), rows=int(d.get("rows") or 0), file=_opt_str(d.get("file")))


@dataclass(frozen=True)
class ExportReport:
    """What :func:`export` wrote."""

    format: str
    """``json``, ``csv`` or ``sqlite``."""
    path: str
    """The file (JSON, SQLite) or folder (CSV) written."""
    tables: List[ExportedTable]
    rows: int

    @classmethod
    def _from_json(cls, d: Dict[str, Any]) -> ExportReport:
        return cls(
            format=str(d["format"]),
            path=str(d["path"]),
            tables=[ExportedTable._from_json(t) for t in d.get("tables") or []],
            rows=int(d.get("rows") or 0),
        )


@dataclass(frozen=True)
class ImportedTable:
    """One table of an :func:`import_data`."""

    name: str
    rows: int
    created: bool
    """Created by the import from the export's schema."""

    @classmethod
    def _from_json(cls, d: Dict[str, Any]) -> ImportedTable:
        return cls(name=str(d["name"]), rows=int(d.get("rows") or 0), created=bool(d.get("created")))


@dataclass(frozen=True)
class ImportReport:
    """What :func:`import_data` loaded."""

    path: str
    format: str
    """``json``, ``csv`` or ``sqlite``."""
    tables: List[ImportedTable]
    rows: int

    @classmethod
    def _from_json(cls, d: Dict[str, Any]) -> ImportReport:
        return cls(
            path=str(d["path"]),
            format=str(d.get("format") or "json"),
            tables=[ImportedTable._from_json(t) for t in d.get("tables") or []],
            rows=int(d.get("rows") or 0),
        )


@dataclass(frozen=True)
class SeedSample:
    """Sample rows of a dry :func:`seed`: the column names, then each row's values."""

    columns: List[str]
    rows: List[List[Any]]

    def dicts(self) -> List[Dict[str, Any]]:
        """The rows as ``{column: value}``."""
        return [dict(zip(self.columns, r)) for r in self.rows]

    @classmethod
    def _from_json(cls, d: Dict[str, Any]) -> SeedSample:
        return cls(
            columns=[str(c) for c in d.get("columns") or []],
            rows=[list(r) for r in d.get("rows") or []],
        )


@dataclass(frozen=True)
class SeededTable:
    """One table of a :func:`seed`."""

    name: str
    rows: int
    added_as_parent: bool
    """Not asked for: an empty parent a seeded table needs."""
    deferred: List[str]
    """Foreign keys set after the other tables of their cycle (``column -> table``)."""
    nulled: List[str]
    """Foreign keys left NULL: their table is excluded and empty."""
    unchecked: List[str]
    """CHECK constraints seed could not read (the database still checks them)."""
    sample: Optional[SeedSample]
    """The first rows, on a dry run."""

    @classmethod
    def _from_json(cls, d: Dict[str, Any]) -> SeededTable:
        return cls(
            name=str(d["name"]),
            rows=int(d.get("rows") or 0),
            added_as_parent=bool(d.get("added_as_parent")),
            deferred=[str(x) for x in d.get("deferred") or []],
            nulled=[str(x) for x in d.get("nulled") or []],
            unchecked=[str(x) for x in d.get("unchecked") or []],
            sample=SeedSample._from_json(d["sample"]) if d.get("sample") else None,
        )


@dataclass(frozen=True)
class SeedReport:
    """What :func:`seed` wrote (or, on a dry run, would write)."""

    seed: int
    """The seed used: the same seed gives the same rows."""
    dry_run: bool
    tables: List[SeededTable]
    """In the order they are filled (parents first)."""
    reused: List[str]
    """Tables with rows whose keys the seeded rows reference."""
    truncated: List[str]
    rows: int
    elapsed_ms: int

    @classmethod
    def _from_json(cls, d: Dict[str, Any]) -> SeedReport:
        return cls(
            seed=int(d["seed"]),
            dry_run=bool(d.get("dry_run")),
            tables=[SeededTable._from_json(t) for t in d.get("tables") or []],
            reused=[str(x) for x in d.get("reused") or []],
            truncated=[str(x) for x in d.get("truncated") or []],
            rows=int(d.get("rows") or 0),
            elapsed_ms=int(d.get("elapsed_ms") or 0),
        )


@dataclass(frozen=True)
class AdoptReport:
    """A migration written and recorded as applied without running (:func:`baseline`,
    :func:`absorb_drift`), and what the pull did to the schema files."""

    id: str
    path: str
    changes: List[str]
    pull: PullReport

    @classmethod
    def _from_json(cls, d: Dict[str, Any]) -> AdoptReport:
        return cls(
            id=str(d["id"]),
            path=str(d["path"]),
            changes=_strs(d.get("changes")),
            pull=PullReport._from_json(d["pull"]),
        )


@dataclass(frozen=True)
class ResetReport:
    """What :func:`reset` dropped (``table users``, ...)."""

    dropped: List[str]
    backup: Optional[str] = None
    """The export written first because data may be lost (``export_path/backup_*.json``)."""

    @classmethod
    def _from_json(cls, d: Dict[str, Any]) -> ResetReport:
        return cls(dropped=_strs(d.get("dropped")), backup=_opt_str(d.get("backup")))


@dataclass(frozen=True)
class QueryResult:
    """The result of one statement run by :func:`raw`. Values are text; None is SQL NULL."""

    columns: List[str]
    rows: List[List[Optional[str]]]
    rows_affected: int

    @classmethod
    def _from_json(cls, d: Dict[str, Any]) -> QueryResult:
        return cls(
            columns=_strs(d.get("columns")),
            rows=[[_opt_str(v) for v in row] for row in d.get("rows") or []],
            rows_affected=int(d.get("rows_affected") or 0),
        )


@dataclass(frozen=True)
class AcceptReport:
    """The migrations :func:`accept` re-accepted."""

    accepted: List[str]

    @classmethod
    def _from_json(cls, d: Dict[str, Any]) -> AcceptReport:
        return cls(accepted=_strs(d.get("accepted")))


@dataclass(frozen=True)
class GeneratedFile:
    """One file :func:`generate` wrote (or, with ``check``, would write)."""

    path: Path
    status: str
    """``created``, ``updated``, ``unchanged`` or ``deleted``."""

    @classmethod
    def _from_json(cls, d: Dict[str, Any]) -> GeneratedFile:
        return cls(path=_path(d["path"]), status=str(d["status"]))


@dataclass(frozen=True)
class GeneratedLanguage:
    """The output of one language (``go``, ``js`` or ``python``)."""

    language: str
    out: Path
    options: Dict[str, Any]
    """The resolved ``[gen.*]`` options (driver, package, ...)."""
    files: List[GeneratedFile]

    @classmethod
    def _from_json(cls, d: Dict[str, Any]) -> GeneratedLanguage:
        return cls(
            language=str(d["language"]),
            out=_path(d["out"]),
            options=dict(d.get("options") or {}),
            files=[GeneratedFile._from_json(f) for f in d.get("files") or []],
        )


@dataclass(frozen=True)
class GenerateReport:
    """What :func:`generate` did."""

    up_to_date: bool
    """Nothing was analysed or written: the cache matched the project and the files."""
    check: bool
    changed: bool
    """A file was (with ``check``: would be) created, updated or deleted."""
    query_files: int
    queries: int
    analysed_files: int
    """Query files analysed in this call; the others came from the cache."""
    languages: List[GeneratedLanguage]
    warnings: List[str]

    @classmethod
    def _from_json(cls, d: Dict[str, Any]) -> GenerateReport:
        return cls(
            up_to_date=bool(d.get("up_to_date")),
            check=bool(d.get("check")),
            changed=bool(d.get("changed")),
            query_files=int(d.get("query_files") or 0),
            queries=int(d.get("queries") or 0),
            analysed_files=int(d.get("analysed_files") or 0),
            languages=[GeneratedLanguage._from_json(x) for x in d.get("languages") or []],
            warnings=_strs(d.get("warnings")),
        )


@dataclass(frozen=True)
class Database:
    """One database of the project, as :func:`databases` lists it."""

    name: str
    provider: str
    default: bool
    """The database used when ``db`` is not given."""
    url_env: str
    """The environment variable holding its URL."""
    url: Optional[str]
    """The URL with its password masked, when the variable is set."""
    schema_dir: Path
    migrations_path: Path

    @classmethod
    def _from_json(cls, d: Dict[str, Any]) -> Database:
        return cls(
            name=str(d["name"]),
            provider=str(d["provider"]),
            default=bool(d.get("default")),
            url_env=str(d.get("url_env") or ""),
            url=_opt_str(d.get("url")),
            schema_dir=_path(d["schema_dir"]),
            migrations_path=_path(d["migrations_path"]),
        )


# --------------------------------------------------------------------------------------------
# Calls


def _fspath(value: Optional[PathArg]) -> Optional[str]:
    return None if value is None else os.fsdecode(value)


def _project(
    project_dir: Optional[PathArg],
    config_path: Optional[PathArg],
    db: Optional[str],
    env: Optional[str],
) -> Dict[str, Any]:
    return {
        "project_dir": _fspath(project_dir),
        "config_path": _fspath(config_path),
        "db": db,
        "env": env,
    }


def _renames(renames: Iterable[str]) -> List[str]:
    if isinstance(renames, (str, bytes)):
        raise TypeError("renames must be a list of 'old=new' strings, not a single string")
    return [str(r) for r in renames]


def _call(op: str, request: Dict[str, Any]) -> Any:
    """Runs ``op`` and returns the report (decoded JSON) or raises the error."""
    envelope = json.loads(_native.call(op, json.dumps(request)))
    if "ok" in envelope:
        return envelope["ok"]
    raise error_from_envelope(envelope.get("error") or {})


def version() -> str:
    """The engine's version, ``"0.1.0"``."""
    return _native.version()


def init(project_dir: Optional[PathArg] = None, *, provider: Optional[str] = None) -> InitReport:
    """Creates a project in ``project_dir`` (the current directory when None): ``flash.toml``,
    ``.env``, an example schema and the folders. Existing files are kept.

    ``provider`` is ``"sqlite"`` (the default), ``"postgresql"`` or ``"mysql"``.
    """
    req = {"project_dir": _fspath(project_dir), "provider": provider}
    return InitReport._from_json(_call("init", req))


def plan(
    *,
    renames: Iterable[str] = (),
    no_rename: bool = False,
    project_dir: Optional[PathArg] = None,
    config_path: Optional[PathArg] = None,
    db: Optional[str] = None,
    env: Optional[str] = None,
) -> PlanReport:
    """The migration :func:`migrate` would write now, without writing anything.

    ``renames`` confirms likely renames (``"old=new"`` for a table, ``"table.old=new"`` for a
    column); ``no_rename=True`` treats them as drop + add. An unconfirmed likely rename raises
    :class:`NeedsConfirmationError` listing the choices in ``details``.
    """
    req = {
        "project": _project(project_dir, config_path, db, env),
        "renames": _renames(renames),
        "no_rename": no_rename,
    }
    return PlanReport._from_json(_call("plan", req))


def migrate(
    name: str,
    *,
    empty: bool = False,
    renames: Iterable[str] = (),
    no_rename: bool = False,
    project_dir: Optional[PathArg] = None,
    config_path: Optional[PathArg] = None,
    db: Optional[str] = None,
    env: Optional[str] = None,
) -> MigrateReport:
    """Writes a migration named ``name`` for the changes of the schema files (``empty=True``:
    an empty template). Without changes the report's ``outcome`` is ``"nothing_to_do"``."""
    req = {
        "project": _project(project_dir, config_path, db, env),
        "name": name,
        "empty": empty,
        "renames": _renames(renames),
        "no_rename": no_rename,
    }
    return MigrateReport._from_json(_call("migrate", req))


def apply(
    *,
    yes: bool = False,
    lock_timeout: Optional[float] = None,
    no_backup: bool = False,
    project_dir: Optional[PathArg] = None,
    config_path: Optional[PathArg] = None,
    db: Optional[str] = None,
    env: Optional[str] = None,
) -> ApplyReport:
    """Applies the pending migrations. A destructive one needs ``yes=True``, else
    :class:`NeedsConfirmationError` is raised before anything runs; the database is then
    exported to ``export_path`` first (``backup`` in the report) unless ``no_backup``.
    ``lock_timeout`` (seconds) limits the wait for another process's migration lock
    (:class:`LockTimeoutError`)."""
    req = {
        "project": _project(project_dir, config_path, db, env),
        "yes": yes,
        "lock_timeout": lock_timeout,
        "no_backup": no_backup,
    }
    return ApplyReport._from_json(_call("apply", req))


def down(
    *,
    steps: Optional[int] = None,
    to: Optional[str] = None,
    yes: bool = False,
    lock_timeout: Optional[float] = None,
    no_backup: bool = False,
    project_dir: Optional[PathArg] = None,
    config_path: Optional[PathArg] = None,
    db: Optional[str] = None,
    env: Optional[str] = None,
) -> DownReport:
    """Undoes the last applied migration, the last ``steps``, or every one applied after the
    id ``to`` (give one of them, not both). Needs ``yes=True``, else
    :class:`NeedsConfirmationError` (``details`` lists what would be undone). Down sections
    that may lose data are preceded by an export to ``export_path`` unless ``no_backup``."""
    req = {
        "project": _project(project_dir, config_path, db, env),
        "steps": steps,
        "to": to,
        "yes": yes,
        "lock_timeout": lock_timeout,
        "no_backup": no_backup,
    }
    return DownReport._from_json(_call("down", req))


def status(
    *,
    project_dir: Optional[PathArg] = None,
    config_path: Optional[PathArg] = None,
    db: Optional[str] = None,
    env: Optional[str] = None,
) -> StatusReport:
    """Every migration with its state: applied, pending, modified, missing or failed."""
    req = {"project": _project(project_dir, config_path, db, env)}
    return StatusReport._from_json(_call("status", req))


def reset(
    *,
    force: bool = False,
    no_backup: bool = False,
    project_dir: Optional[PathArg] = None,
    config_path: Optional[PathArg] = None,
    db: Optional[str] = None,
    env: Optional[str] = None,
) -> ResetReport:
    """Drops every object of the database and the migration history. Needs ``force=True``,
    else :class:`NeedsConfirmationError`. The database is exported to ``export_path`` first
    (``backup`` in the report) unless ``no_backup``."""
    req = {
        "project": _project(project_dir, config_path, db, env),
        "force": force,
        "no_backup": no_backup,
    }
    return ResetReport._from_json(_call("reset", req))


def raw(
    sql: str,
    *,
    project_dir: Optional[PathArg] = None,
    config_path: Optional[PathArg] = None,
    db: Optional[str] = None,
    env: Optional[str] = None,
) -> List[QueryResult]:
    """Runs ``sql`` (one or more statements) on the project's database; one result per
    statement. A statement the database refuses raises :class:`DatabaseError`."""
    req = {"project": _project(project_dir, config_path, db, env), "sql": sql}
    return [QueryResult._from_json(r) for r in _call("raw", req) or []]


def accept(
    id: Optional[str] = None,
    *,
    project_dir: Optional[PathArg] = None,
    config_path: Optional[PathArg] = None,
    db: Optional[str] = None,
    env: Optional[str] = None,
) -> AcceptReport:
    """Re-accepts applied migrations whose file was edited: the one ``id`` names (a prefix is
    enough), or every modified one when None."""
    req = {"project": _project(project_dir, config_path, db, env), "id": id}
    return AcceptReport._from_json(_call("accept", req))


def databases(
    *,
    project_dir: Optional[PathArg] = None,
    config_path: Optional[PathArg] = None,
    db: Optional[str] = None,
    env: Optional[str] = None,
) -> List[Database]:
    """The databases of the project (URLs masked). Needs no connection."""
    req = {"project": _project(project_dir, config_path, db, env)}
    return [Database._from_json(d) for d in _call("databases", req) or []]


def generate(
    *,
    force: bool = False,
    check: bool = False,
    languages: Optional[Sequence[str]] = None,
    project_dir: Optional[PathArg] = None,
    config_path: Optional[PathArg] = None,
    db: Optional[str] = None,
    env: Optional[str] = None,
) -> GenerateReport:
    """Generates typed query code for the enabled ``[gen.*]`` languages (``flash gen``).

    ``languages`` picks some of ``go``, ``js``, ``python``; ``force`` ignores the cache;
    ``check`` writes nothing and reports whether anything would change. Query errors raise
    :class:`ParseError` whose ``details`` list every error with its ``file:line:column``.
    """
    req = {
        "project": _project(project_dir, config_path, db, env),
        "force": force,
        "check": check,
        "languages": list(languages or []),
    }
    return GenerateReport._from_json(_call("generate", req))


def pull(
    *,
    output: Optional[PathArg] = None,
    backup: bool = False,
    dry_run: bool = False,
    schemas: Optional[Sequence[str]] = None,
    project_dir: Optional[PathArg] = None,
    config_path: Optional[PathArg] = None,
    db: Optional[str] = None,
    env: Optional[str] = None,
) -> PullReport:
    """Writes the live schema into the schema files (``flash pull``): elements that match keep
    their text, changed ones are rewritten in place, dropped ones removed, new ones appended.

    ``output`` writes into another folder (relative to ``project_dir``); ``backup`` copies the
    files that change first; ``dry_run`` writes nothing. ``schemas`` (PostgreSQL) reads only
    these schemas (default: ``schemas`` of flash.toml, else every non-system schema). Objects
    flash does not model are listed in ``unmanaged``."""
    req = {
        "project": _project(project_dir, config_path, db, env),
        "output": None if output is None else os.fspath(output),
        "backup": backup,
        "dry_run": dry_run,
        "schemas": [schemas] if isinstance(schemas, str) else list(schemas or []),
    }
    return PullReport._from_json(_call("pull", req))


def export(
    *,
    format: str = "json",
    tables: Optional[Sequence[str]] = None,
    exclude: Optional[Sequence[str]] = None,
    schema_only: bool = False,
    data_only: bool = False,
    output: Optional[PathArg] = None,
    project_dir: Optional[PathArg] = None,
    config_path: Optional[PathArg] = None,
    db: Optional[str] = None,
    env: Optional[str] = None,
) -> ExportReport:
    """Exports the data and schema (``flash export``): ``format`` is ``"json"`` (the Go Flash
    ORM's layout), ``"csv"`` (a folder, one file per table) or ``"sqlite"`` (a portable
    database file). Rows stream with flat memory; every value is exact. ``output`` defaults
    to a new file in ``export_path``; an existing one is never overwritten."""

    def names(v: Optional[Sequence[str]]) -> List[str]:
        return [v] if isinstance(v, str) else list(v or [])

    req = {
        "project": _project(project_dir, config_path, db, env),
        "format": format,
        "tables": names(tables),
        "exclude": names(exclude),
        "schema_only": schema_only,
        "data_only": data_only,
        "output": None if output is None else os.fspath(output),
    }
    return ExportReport._from_json(_call("export", req))


def import_data(
    path: PathArg,
    *,
    data_only: bool = False,
    project_dir: Optional[PathArg] = None,
    config_path: Optional[PathArg] = None,
    db: Optional[str] = None,
    env: Optional[str] = None,
) -> ImportReport:
    """Loads an export (``flash import``: a JSON file, a CSV folder or a SQLite file) into the
    database, parents first, in one transaction, by its bulk path: tables it lacks are created
    from the export's schema (retyped when it comes from another kind of database) unless
    ``data_only``. A conflicting row or a value that does not fit raises :class:`StateError`
    and nothing is imported. (``import`` is a keyword, hence the name.)"""
    req = {
        "project": _project(project_dir, config_path, db, env),
        "path": os.fspath(path),
        "data_only": data_only,
    }
    return ImportReport._from_json(_call("import", req))


def seed(
    tables: Optional[Mapping[str, int]] = None,
    *,
    count: Optional[int] = None,
    seed: Optional[int] = None,
    truncate: bool = False,
    dry_run: bool = False,
    exclude: Optional[Sequence[str]] = None,
    yes: bool = False,
    project_dir: Optional[PathArg] = None,
    config_path: Optional[PathArg] = None,
    db: Optional[str] = None,
    env: Optional[str] = None,
) -> SeedReport:
    """Fills tables with believable rows (``flash seed``), parents first, in one transaction:
    ``tables`` maps names to row counts (``{"users": 100}``; default every table, ``count``
    rows each, 10 unless given). Parents the tables need are reused when they have rows,
    else seeded too. The same ``seed`` gives the same rows; without one a random seed is
    used and reported. ``truncate`` deletes the seeded tables' rows first and needs
    ``yes=True``; ``dry_run`` returns the plan with sample rows and writes nothing."""
    req = {
        "project": _project(project_dir, config_path, db, env),
        "tables": {str(k): int(v) for k, v in (tables or {}).items()},
        "count": count,
        "seed": seed,
        "truncate": truncate,
        "dry_run": dry_run,
        "exclude": [exclude] if isinstance(exclude, str) else list(exclude or []),
        "yes": yes,
    }
    return SeedReport._from_json(_call("seed", req))


def baseline(
    *,
    name: Optional[str] = None,
    project_dir: Optional[PathArg] = None,
    config_path: Optional[PathArg] = None,
    db: Optional[str] = None,
    env: Optional[str] = None,
) -> AdoptReport:
    """Adopts a database flash never managed (``flash baseline``): pulls its schema, writes a
    first migration (``name``, default ``baseline``) and records it as applied. Raises
    :class:`StateError` when the project has migrations or the database is managed."""
    req = {"project": _project(project_dir, config_path, db, env), "name": name}
    return AdoptReport._from_json(_call("baseline", req))


def absorb_drift(
    name: str,
    *,
    project_dir: Optional[PathArg] = None,
    config_path: Optional[PathArg] = None,
    db: Optional[str] = None,
    env: Optional[str] = None,
) -> Optional[AdoptReport]:
    """Records the database's out-of-band changes as a migration marked applied (nothing runs)
    and pulls them into the schema files (``flash migrate NAME --absorb-drift``). None when
    there is no drift. Raises :class:`StateError` while the schema files hold changes no
    migration captures (``details`` lists them)."""
    req = {"project": _project(project_dir, config_path, db, env), "name": name}
    absorbed = _call("absorb_drift", req).get("absorbed")
    return None if absorbed is None else AdoptReport._from_json(absorbed)


def run_cli(argv: Sequence[PathArg]) -> int:
    """Runs a ``flash`` command line in this process and returns its exit code.

    ``argv`` starts with the program name: ``run_cli(["flash", "status"])``. The output goes to
    file descriptors 1 and 2 exactly as the ``flash`` binary writes it. Exit codes: 0 ok,
    1 error, 2 usage, 3 a ``--check`` found something, 130 interrupted (Ctrl-C stops the command
    and returns 130 instead of raising ``KeyboardInterrupt``).
    """
    if isinstance(argv, (str, bytes)):
        raise TypeError("argv must be a list of arguments, e.g. ['flash', 'status']")
    return _native.run_cli([os.fsdecode(a) for a in argv])


# --- schema branches ------------------------------------------------------------------------


@dataclass(frozen=True)
class Branch:
    """One branch of :func:`branches`."""

    name: str
    current: bool
    location: str
    """Its PostgreSQL schema, MySQL database or SQLite file."""

    @classmethod
    def _from_json(cls, d: Dict[str, Any]) -> Branch:
        return cls(name=str(d["name"]), current=bool(d.get("current")), location=str(d["location"]))


@dataclass(frozen=True)
class BranchList:
    """What :func:`branches` found: main first, the current one marked."""

    current: str
    branches: List[Branch]

    @classmethod
    def _from_json(cls, d: Dict[str, Any]) -> BranchList:
        return cls(
            current=str(d["current"]),
            branches=[Branch._from_json(b) for b in d.get("branches") or []],
        )


@dataclass(frozen=True)
class BranchCopy:
    """What creating a branch copied."""

    tables: int
    views: int
    rows: Optional[int]
    """None for SQLite, whose branch is a file copy that does not count rows."""
    not_copied: List[str]
    """Objects flash does not manage (functions, triggers, ...), as ``KIND name``."""

    @classmethod
    def _from_json(cls, d: Dict[str, Any]) -> BranchCopy:
        rows = d.get("rows")
        return cls(
            tables=int(d.get("tables") or 0),
            views=int(d.get("views") or 0),
            rows=None if rows is None else int(rows),
            not_copied=[str(x) for x in d.get("not_copied") or []],
        )


@dataclass(frozen=True)
class BranchReport:
    """What :func:`create_branch`, :func:`checkout`, :func:`delete_branch` or
    :func:`rename_branch` did."""

    action: str
    """``created``, ``checked_out``, ``deleted`` or ``renamed``."""
    branch: str
    from_: Optional[str]
    """Created: the branch copied; renamed: the old name (``from`` in JSON)."""
    current: str
    """The branch the project is on afterwards."""
    location: str
    copied: Optional[BranchCopy]
    shared_schemas: List[str]
    """PostgreSQL schemas of ``schemas = [...]`` that a branch shares with main."""

    @classmethod
    def _from_json(cls, d: Dict[str, Any]) -> BranchReport:
        copied = d.get("copied")
        return cls(
            action=str(d["action"]),
            branch=str(d["branch"]),
            from_=_opt_str(d.get("from")),
            current=str(d["current"]),
            location=str(d["location"]),
            copied=None if copied is None else BranchCopy._from_json(copied),
            shared_schemas=[str(s) for s in d.get("shared_schemas") or []],
        )


@dataclass(frozen=True)
class BranchDiffReport:
    """The schema difference between two branches, as a migration (:func:`diff_branches`)."""

    from_: str
    to: str
    has_changes: bool
    changes: List[str]
    destructive: List[str]
    warnings: List[str]
    up: str
    down: str

    @classmethod
    def _from_json(cls, d: Dict[str, Any]) -> BranchDiffReport:
        return cls(
            from_=str(d["from"]),
            to=str(d["to"]),
            has_changes=bool(d.get("has_changes")),
            changes=[str(c) for c in d.get("changes") or []],
            destructive=[str(c) for c in d.get("destructive") or []],
            warnings=[str(c) for c in d.get("warnings") or []],
            up=str(d.get("up") or ""),
            down=str(d.get("down") or ""),
        )


def branches(
    *,
    project_dir: Optional[PathArg] = None,
    config_path: Optional[PathArg] = None,
    db: Optional[str] = None,
    env: Optional[str] = None,
) -> BranchList:
    """Lists the schema branches (``flash branch``): main (the database the URL names) first,
    the current one marked."""
    return BranchList._from_json(_call("branches", {"project": _project(project_dir, config_path, db, env)}))


def create_branch(
    name: str,
    *,
    project_dir: Optional[PathArg] = None,
    config_path: Optional[PathArg] = None,
    db: Optional[str] = None,
    env: Optional[str] = None,
) -> BranchReport:
    """Creates branch ``name`` as a copy of the current branch, schema and rows
    (``flash branch NAME``); the project stays on its branch."""
    req = {"project": _project(project_dir, config_path, db, env), "name": name}
    return BranchReport._from_json(_call("create_branch", req))


def checkout(
    name: str,
    *,
    create: bool = False,
    project_dir: Optional[PathArg] = None,
    config_path: Optional[PathArg] = None,
    db: Optional[str] = None,
    env: Optional[str] = None,
) -> BranchReport:
    """Switches the project to branch ``name`` (``flash checkout [-b] NAME``); every operation
    then works on it. ``create`` copies the current branch first. Raises
    :class:`NotFoundError` for an unknown branch."""
    req = {"project": _project(project_dir, config_path, db, env), "name": name, "create": create}
    return BranchReport._from_json(_call("checkout", req))


def delete_branch(
    name: str,
    *,
    project_dir: Optional[PathArg] = None,
    config_path: Optional[PathArg] = None,
    db: Optional[str] = None,
    env: Optional[str] = None,
) -> BranchReport:
    """Deletes branch ``name`` with everything in it (``flash branch --delete NAME``). Raises
    :class:`StateError` for main or the current branch."""
    req = {"project": _project(project_dir, config_path, db, env), "name": name}
    return BranchReport._from_json(_call("delete_branch", req))


def rename_branch(
    old: str,
    new: str,
    *,
    project_dir: Optional[PathArg] = None,
    config_path: Optional[PathArg] = None,
    db: Optional[str] = None,
    env: Optional[str] = None,
) -> BranchReport:
    """Renames branch ``old`` to ``new`` (``flash branch --move OLD NEW``)."""
    req = {"project": _project(project_dir, config_path, db, env), "from": old, "to": new}
    return BranchReport._from_json(_call("rename_branch", req))


def diff_branches(
    from_: str,
    to: str,
    *,
    project_dir: Optional[PathArg] = None,
    config_path: Optional[PathArg] = None,
    db: Optional[str] = None,
    env: Optional[str] = None,
) -> BranchDiffReport:
    """The migration (Up and Down SQL) from branch ``from_``'s schema to branch ``to``'s
    (``flash branch diff FROM TO``)."""
    req = {"project": _project(project_dir, config_path, db, env), "from": from_, "to": to}
    return BranchDiffReport._from_json(_call("diff_branches", req))
