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

from ._api import (
    AcceptReport,
    ApplyReport,
    Database,
    DownReport,
    InitReport,
    MigrateReport,
    MigrationStatus,
    Notice,
    PathArg,
    PlanReport,
    QueryResult,
    ResetReport,
    StatusReport,
    accept,
    apply,
    databases,
    down,
    init,
    migrate,
    plan,
    raw,
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
from ._native import __version__

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
    "run_cli",
    # reports
    "AcceptReport",
    "ApplyReport",
    "Database",
    "DownReport",
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
