#!/usr/bin/env bash
# The Python example: migrations applied to a fresh SQLite file, the committed generated code
# checked against the queries (`flash gen --check`), then mypy --strict and the app.
#   FLASH=path/to/flash PYTHON=python3 bash examples/python/run.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
flash="${FLASH:-$repo/target/ci/flash}"
[ -x "$flash" ] || (cd "$repo" && cargo build --profile ci -p flash-cli --quiet)
flash="$(cd "$(dirname "$flash")" && pwd)/$(basename "$flash")"
python="${PYTHON:-python3}"
work="$(mktemp -d "${TMPDIR:-/tmp}/flash-example-python.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cd "$here"
export DATABASE_URL="sqlite://$work/library.db" LIBRARY_DB="$work/library.db"
"$flash" apply
"$flash" gen --check
if "$python" -m mypy --version >/dev/null 2>&1; then
  "$python" -m mypy --strict --python-version 3.10 app.py
fi
"$python" app.py
