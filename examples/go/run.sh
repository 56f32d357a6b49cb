#!/usr/bin/env bash
# The Go example: migrations applied to a fresh SQLite file, the committed generated code
# checked against the queries (`flash gen --check`), gofmt + go vet, then the app.
#   FLASH=path/to/flash bash examples/go/run.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
flash="${FLASH:-$repo/target/ci/flash}"
[ -x "$flash" ] || (cd "$repo" && cargo build --profile ci -p flash-cli --quiet)
flash="$(cd "$(dirname "$flash")" && pwd)/$(basename "$flash")"
work="$(mktemp -d "${TMPDIR:-/tmp}/flash-example-go.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cd "$here"
# This module is not part of the repository's go.work (which holds the flash package only).
export GOWORK=off
export DATABASE_URL="sqlite://$work/library.db" LIBRARY_DB="$work/library.db"
"$flash" apply
"$flash" gen --check
unformatted="$(gofmt -l .)"
[ -z "$unformatted" ] || { echo "gofmt: $unformatted"; exit 1; }
go vet ./...
go run .
