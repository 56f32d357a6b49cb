"""flash: schema-first database migrations for PostgreSQL, MySQL and SQLite.

The engine is Rust, loaded in this process; each function runs one operation and returns a
frozen dataclass, or raises a :class:`FlashError` subclass::

    import flash_orm

    flash_orm.init("app")                       # flash.toml, .env, db/schema/schema.sql
    print(flash_orm.plan(project_dir="app").up)  # what a migration would hold
    flash_orm.migrate("add users", project_dir="app")
    flash_orm.apply(project_dir="app")
    for m in flash_orm.status(project_dir="app").migrations:
        print(m.id, m.state)

:func:`run_cli` runs a whole ``flash`` command line, as the ``flash`` console command does.
"""

# The submodules load on first use (PEP 562), so `import flash_orm` and the `flash` console
# command, which needs neither, do not pay for dataclasses, json and typing at start-up.
from __future__ import annotations

from ._native import __version__

# `typing` itself costs milliseconds to import; type checkers treat this name as True.
TYPE_CHECKING = False

if TYPE_CHECKING:
    from ._api import (
        AcceptReport,
        AdoptReport,
        ApplyReport,
        Branch,
        BranchCopy,
        BranchDiffReport,
        BranchList,
        BranchReport,
        Database,
        DownReport,
        DriftReport,
        ExportedTable,
        ExportReport,
        GeneratedFile,
        ImportedTable,
        ImportReport,
        SeededTable,
        SeedReport,
        SeedSample,
        GeneratedLanguage,
        GenerateReport,
        InitReport,
        MigrateReport,
        MigrationStatus,
        Notice,
        PathArg,
        PlanReport,
        PulledFile,
        PullReport,
        QueryResult,
        ResetReport,
        StatusReport,
        UnmanagedObject,
        absorb_drift,
        accept,
        apply,
        baseline,
        branches,
        checkout,
        create_branch,
        databases,
        delete_branch,
        diff_branches,
        down,
        export,
        generate,
        import_data,
        seed,
        init,
        migrate,
        plan,
        pull,
        raw,
        rename_branch,
        reset,
        run_cli,
        status,
        version,
    )
    from ._errors import (
        ChecksumMismatchError,
        ConfigError,
        ConnectionError,
        DatabaseError,
        FlashError,
        FlashIOError,
        InternalError,
        InvalidRequestError,
        MigrationFailedError,
        NeedsConfirmationError,
        LockTimeoutError,
        NotFoundError,
        ParseError,
        StateError,
    )

_LAZY = {
    "Branch": "._api",
    "BranchCopy": "._api",
    "BranchDiffReport": "._api",
    "BranchList": "._api",
    "BranchReport": "._api",
    "branches": "._api",
    "checkout": "._api",
    "create_branch": "._api",
    "delete_branch": "._api",
    "diff_branches": "._api",
    "rename_branch": "._api",
    "AcceptReport": "._api",
    "ApplyReport": "._api",
    "Database": "._api",
    "DownReport": "._api",
    "AdoptReport": "._api",
    "DriftReport": "._api",
    "PulledFile": "._api",
    "PullReport": "._api",
    "UnmanagedObject": "._api",
    "absorb_drift": "._api",
    "baseline": "._api",
    "pull": "._api",
    "export": "._api",
    "ExportReport": "._api",
    "ExportedTable": "._api",
    "import_data": "._api",
    "seed": "._api",
    "SeedReport": "._api",
    "SeededTable": "._api",
    "SeedSample": "._api",
    "ImportReport": "._api",
    "ImportedTable": "._api",
    "GeneratedFile": "._api",
    "GeneratedLanguage": "._api",
    "GenerateReport": "._api",
    "InitReport": "._api",
    "MigrateReport": "._api",
    "MigrationStatus": "._api",
    "Notice": "._api",
    "PathArg": "._api",
    "PlanReport": "._api",
    "QueryResult": "._api",
    "ResetReport": "._api",
    "StatusReport": "._api",
    "accept": "._api",
    "apply": "._api",
    "databases": "._api",
    "down": "._api",
    "generate": "._api",
    "init": "._api",
    "migrate": "._api",
    "plan": "._api",
    "raw": "._api",
    "reset": "._api",
    "run_cli": "._api",
    "status": "._api",
    "version": "._api",
    "ChecksumMismatchError": "._errors",
    "ConfigError": "._errors",
    "ConnectionError": "._errors",
    "DatabaseError": "._errors",
    "FlashError": "._errors",
    "FlashIOError": "._errors",
    "InternalError": "._errors",
    "InvalidRequestError": "._errors",
    "MigrationFailedError": "._errors",
    "NeedsConfirmationError": "._errors",
    "LockTimeoutError": "._errors",
    "NotFoundError": "._errors",
    "ParseError": "._errors",
    "StateError": "._errors",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'flash_orm' has no attribute '{name}'")
    from importlib import import_module

    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "__version__",
    # operations
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
    "generate",
    "pull",
    "baseline",
    "absorb_drift",
    "export",
    "import_data",
    "seed",
    "branches",
    "create_branch",
    "checkout",
    "delete_branch",
    "rename_branch",
    "diff_branches",
    "run_cli",
    # reports
    "Branch",
    "BranchCopy",
    "BranchDiffReport",
    "BranchList",
    "BranchReport",
    "AcceptReport",
    "AdoptReport",
    "ApplyReport",
    "Database",
    "DriftReport",
    "PulledFile",
    "PullReport",
    "ExportReport",
    "ExportedTable",
    "ImportReport",
    "ImportedTable",
    "SeedReport",
    "SeededTable",
    "SeedSample",
    "UnmanagedObject",
    "DownReport",
    "GeneratedFile",
    "GeneratedLanguage",
    "GenerateReport",
    "InitReport",
    "MigrateReport",
    "MigrationStatus",
    "Notice",
    "PathArg",
    "PlanReport",
    "QueryResult",
    "ResetReport",
    "StatusReport",
    # errors
    "FlashError",
    "ConfigError",
    "ParseError",
    "ChecksumMismatchError",
    "ConnectionError",
    "DatabaseError",
    "MigrationFailedError",
    "NeedsConfirmationError",
    "LockTimeoutError",
    "StateError",
    "NotFoundError",
    "InvalidRequestError",
    "FlashIOError",
    "InternalError",
]
