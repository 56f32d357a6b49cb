"""The ``flash`` command: ``python -m flash_orm ...`` and the ``flash`` console script.

The command line runs in the Rust engine, which writes to file descriptors 1 and 2 itself, so
the output is byte for byte that of the ``flash`` binary. Nothing is printed from Python.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # `typing` costs milliseconds to import; type checkers treat this as True
if TYPE_CHECKING:
    from typing import NoReturn

EXIT_INTERRUPTED = 130


def main() -> NoReturn:
    """Runs ``flash`` with this process's arguments and exits with its code."""
    try:
        # The native function directly: the typed API (dataclasses, json) is not needed here.
        from ._native import run_cli

        code = run_cli(["flash", *sys.argv[1:]])
    except KeyboardInterrupt:
        # Ctrl-C outside the engine's own handling (while importing, between polls).
        code = EXIT_INTERRUPTED
    sys.exit(code)


if __name__ == "__main__":
    main()
