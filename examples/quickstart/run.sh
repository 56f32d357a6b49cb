#!/usr/bin/env bash
# The quick start: builds `flash`, then in a scratch folder runs
#   init -> schema -> migrate -> apply -> status
# on SQLite (nothing to install). Prints the migration it wrote.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"
cargo build --profile ci -p flash-cli --quiet
flash="$repo/target/ci/flash"
work="$(mktemp -d "${TMPDIR:-/tmp}/flash-quickstart.XXXXXX")"
echo "scratch folder: $work"
cd "$work"
set -x
"$flash" init --sqlite
cp "$repo/examples/quickstart/db/schema/schema.sql" db/schema/schema.sql
"$flash" migrate "init"
cat db/migrations/*_init.sql
"$flash" apply
"$flash" status
# A second change: a new column, captured and applied.
printf '\nALTER TABLE users ADD COLUMN bio TEXT;\n' >> db/schema/schema.sql
"$flash" migrate "add user bio"
"$flash" apply
"$flash" status
"$flash" migrate --check
{ set +x; } 2>/dev/null
echo "quick start OK: $work"
