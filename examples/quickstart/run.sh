#!/usr/bin/env bash
# The quick start: builds `flash`, then in a scratch folder runs
#   init -> schema -> migrate -> apply -> gen (typed Python, Go and TypeScript) -> status
# on SQLite (nothing to install), and uses the generated Python with the standard sqlite3
# module. Prints the migration and the code it wrote.
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
# Typed query code: Python, Go and TypeScript from the annotated queries.
cp "$repo/examples/quickstart/db/queries/blog.sql" db/queries/blog.sql
sed -i -e 's/^enabled = false/enabled = true/' -e 's#^\[gen.python\]#[gen.python]\nout = "app/db"#' flash.toml
"$flash" gen
sed -n '/^def user_summaries/,/^$/p' app/db/blog.py
python3 - <<'PY'
import sqlite3
from app.db import blog
conn = sqlite3.connect("dev.db")
with conn:
    ada = blog.create_user(conn, email="ada@example.com", name="Ada")
    blog.create_user(conn, email="bob@example.com", name="Bob")
    blog.create_post(conn, user_id=ada.id, title="Hello", body=None, published=True)
for s in blog.user_summaries(conn):
    print(f"{s.name}: {s.posts} post(s), latest: {s.latest_title}")
print([p.title for p in blog.published_posts(conn)])
PY
"$flash" gen --check
"$flash" status
# A second change: a new column, captured and applied.
printf '\nALTER TABLE users ADD COLUMN bio TEXT;\n' >> db/schema/schema.sql
"$flash" migrate "add user bio"
"$flash" apply
# The models follow the schema: regenerate (only what changed is rewritten).
"$flash" gen
"$flash" gen --check
"$flash" status
"$flash" migrate --check
{ set +x; } 2>/dev/null
echo "quick start OK: $work"
