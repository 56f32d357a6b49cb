#!/usr/bin/env bash
# The TypeScript example: migrations applied to a fresh SQLite file, the committed generated
# code checked against the queries (`flash gen --check`), `tsc --strict`, then the app.
#   FLASH=path/to/flash bash examples/ts/run.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
flash="${FLASH:-$repo/target/ci/flash}"
[ -x "$flash" ] || (cd "$repo" && cargo build --profile ci -p flash-cli --quiet)
flash="$(cd "$(dirname "$flash")" && pwd)/$(basename "$flash")"
work="$(mktemp -d "${TMPDIR:-/tmp}/flash-example-ts.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cd "$here"
export DATABASE_URL="sqlite://$work/library.db" LIBRARY_DB="$work/library.db"
"$flash" apply
"$flash" gen --check
# Install outside the repository (node_modules is not committed): the app is copied there.
cp -r package.json tsconfig.json src "$work/"
cd "$work"
npm install --no-audit --no-fund --loglevel=error >/dev/null
npx tsc -p .
node dist/main.js
