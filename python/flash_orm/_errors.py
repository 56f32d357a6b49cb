"""The exceptions of flash_orm: one class per error kind of the engine (see docs/API.md)."""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Optional, Tuple, Type

__all__ = [
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
    "error_from_envelope",
]


class FlashError(Exception):
    """An operation failed.

    Attributes:
        kind: the engine's word for what went wrong (``"config"``, ``"parse"``, ...); each kind
            has a subclass, so ``except flash_orm.ConfigError`` is the usual way to branch.
        message: what went wrong (also ``str(error)``).
        help: what to do about it, when the engine knows.
        place: ``file:line[:column]`` (or a file) the error is about, when it has one.
        details: more lines: each schema error, the statements needing confirmation, ...
    """

    kind: str
    message: str
    help: Optional[str]
    place: Optional[str]
    details: List[str]

    def __init__(
        self,
        kind: str,
        message: str,
        help: Optional[str] = None,
        place: Optional[str] = None,
        details: Iterable[str] = (),
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.help = help
        self.place = place
        self.details = list(details)

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}(kind={self.kind!r}, message={self.message!r})"

    def __reduce__(self) -> Tuple[Any, ...]:
        # Keeps every field through pickling (multiprocessing sends a worker's error back).
        return (type(self), (self.kind, self.message, self.help, self.place, self.details))


class ConfigError(FlashError):
    """flash.toml is missing or wrong, an env file is unreadable, the URL is unset or wrong."""


class ParseError(FlashError):
    """A schema file or a migration file does not parse; ``place`` says where."""


class ChecksumMismatchError(FlashError):
    """An applied migration's file changed (or is gone) since it was applied."""


class ConnectionError(FlashError):  # noqa: A001 - the name is part of the API
    """Connecting to the database failed.

    Not a subclass of the built-in ``ConnectionError``: catch ``flash_orm.ConnectionError``.
    """


class DatabaseError(FlashError):
    """The database refused a statement (outside a migration)."""


class MigrationFailedError(FlashError):
    """A migration (or its Down section) failed; ``details`` holds the statement."""


class NeedsConfirmationError(FlashError):
    """The operation needs ``yes=True``, ``force=True`` or ``renames``; ``details`` says what."""


class LockTimeoutError(FlashError):
    """Another process held the migration lock for longer than ``lock_timeout``."""


class StateError(FlashError):
    """The migrations folder or the snapshot is inconsistent (duplicate ids, lost snapshot)."""


class NotFoundError(FlashError):
    """A migration id (or an operation) that does not exist."""


class InvalidRequestError(FlashError):
    """The request itself is malformed: an unknown option, conflicting options, a bad value."""


class FlashIOError(FlashError):
    """Reading or writing a file failed."""


class InternalError(FlashError):
    """A bug in flash: please report it."""


_BY_KIND: Dict[str, Type[FlashError]] = {
    "config": ConfigError,
    "parse": ParseError,
    "checksum_mismatch": ChecksumMismatchError,
    "connection": ConnectionError,
    "database": DatabaseError,
    "migration_failed": MigrationFailedError,
    "needs_confirmation": NeedsConfirmationError,
    "lock_timeout": LockTimeoutError,
    "state": StateError,
    "not_found": NotFoundError,
    "invalid_request": InvalidRequestError,
    "io": FlashIOError,
    "internal": InternalError,
}


def error_from_envelope(error: Dict[str, Any]) -> BaseException:
    """The exception for the ``error`` member of an envelope.

    A ``cancelled`` error becomes ``KeyboardInterrupt``; an unknown kind (from a newer engine)
    becomes a plain :class:`FlashError`.
    """
    kind = str(error.get("kind", "internal"))
    message = str(error.get("message", ""))
    if kind == "cancelled":
        return KeyboardInterrupt(message)
    help_ = error.get("help")
    place = error.get("place")
    details = error.get("details") or []
    cls = _BY_KIND.get(kind, FlashError)
    return cls(
        kind,
        message,
        help=None if help_ is None else str(help_),
        place=None if place is None else str(place),
        details=[str(d) for d in details],
    )
