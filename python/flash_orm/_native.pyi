"""The extension module: the flash engine (Rust) in this process. Use the typed API instead."""

from typing import List

__version__: str

def call(op: str, request_json: str) -> str:
    """Runs API operation ``op`` with a JSON request; returns the JSON envelope
    (``{"ok": report}`` or ``{"error": {...}}``). Releases the GIL; a signal handler's exception
    (Ctrl-C: ``KeyboardInterrupt``) cancels the operation and is raised."""

def run_cli(argv: List[str]) -> int:
    """Runs a ``flash`` command line (program name first) and returns its exit code; 130 when
    Ctrl-C stopped it. Releases the GIL."""

def version() -> str:
    """The engine's version."""
