#!/usr/bin/env bash
# The runtime-overhead benchmark of the generated query code (README.md): Go (database/sql and
# pgx), TypeScript (pg), Python (psycopg and asyncpg), each workload through the generated code
# and through hand-written calls of the same driver, on a scratch PostgreSQL database.
#
#   FLASH_TEST_POSTGRES_URL=postgres://... bash bench/codegen/run.sh [--quick] [--rounds N]
#       [--only go,pgx,ts,psycopg,asyncpg]
#
# --quick: a tenth of the sizes and 3 rounds, a sanity pass on a busy machine, not a measurement.
# FLASH: the flash binary (default target/ci/flash, built when missing). Caches (Go modules,
# node_modules, the venv, the work copy with the generated code) live in target/bench-codegen/.
# Prints numbers; never fails on timing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

quick=() rounds=() only="go,pgx,ts,psycopg,asyncpg"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=(--quick) ;;
    --rounds) rounds=(--rounds "$2"); shift ;;
    --only) only="$2"; shift ;;
    *) echo "usage: $0 [--quick] [--rounds N] [--only go,pgx,ts,psycopg,asyncpg]" >&2; exit 2 ;;
  esac
  shift
done
wants() { [[ ",$only," == *",$1,"* ]]; }

server="${FLASH_TEST_POSTGRES_URL:?set FLASH_TEST_POSTGRES_URL to a PostgreSQL server URL (the benchmark creates its own database there)}"
flash="${FLASH:-$repo/target/ci/flash}"
if [ ! -x "$flash" ]; then
  echo "building flash (cargo build -p flash-cli --profile ci)..." >&2
  (cd "$repo" && cargo build -p flash-cli --profile ci --quiet)
fi
flash="$(cd "$(dirname "$flash")" && pwd)/$(basename "$flash")"

cache="${CARGO_TARGET_DIR:-$repo/target}/bench-codegen"
work="$cache/work"
mkdir -p "$cache"

# The Python venv: psycopg and asyncpg (also used to create the scratch database).
python="${PYTHON:-python3}"
want="$("$python" --version)
$(cat "$here/python/requirements.txt")"
if [ ! -x "$cache/venv/bin/python" ] || [ "$(cat "$cache/venv/.stamp" 2>/dev/null)" != "$want" ]; then
  echo "installing the Python venv..." >&2
  rm -rf "$cache/venv"
  "$python" -m venv "$cache/venv"
  "$cache/venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/python/requirements.txt"
  printf '%s' "$want" > "$cache/venv/.stamp"
fi
py="$cache/venv/bin/python"
export PYTHONDONTWRITEBYTECODE=1

# A fresh work copy of this folder; the generated code is written there, never in the tree.
rm -rf "$work"
mkdir -p "$work"
cp -r "$here/db" "$here/go" "$here/ts" "$here/python" "$here"/flash*.toml "$work/"

db="flash_bench_codegen"
url="$("$py" "$here/python/scratch.py" create "$server" "$db" "$here/db/schema/schema.sql")"
trap '"$py" "$here/python/scratch.py" drop "$server" "$db" || true' EXIT
export DATABASE_URL="$url"

cd "$work"
for config in flash.toml flash.pgx.toml flash.asyncpg.toml; do
  "$flash" gen --config "$config" --force >/dev/null
done
"$py" "$here/python/check_sql.py" "$work"

if wants go || wants pgx; then
  export GOWORK=off GOFLAGS=-modcacherw GOMODCACHE="$cache/gomod"
  (cd go && go build -o "$cache/flashbench-go" .)
  for driver in std pgx; do
    name="$driver"
    [ "$driver" = std ] && name=go
    if wants "$name"; then
      (cd go && "$cache/flashbench-go" -driver "$driver" -url "$url" -seed ../db/seed.sql "${quick[@]}" "${rounds[@]}")
    fi
  done
fi

if wants ts; then
  # node_modules is kept in the cache, reinstalled when package.json changes.
  deps="$cache/ts-deps"
  if [ ! -d "$deps/node_modules" ] || ! cmp -s "$here/ts/package.json" "$deps/package.json"; then
    echo "installing node_modules..." >&2
    rm -rf "$deps"
    mkdir -p "$deps"
    cp "$here/ts/package.json" "$deps/"
    (cd "$deps" && npm install --no-audit --no-fund --loglevel=error --cache "$cache/npm-cache" >/dev/null)
  fi
  ln -s "$deps/node_modules" ts/node_modules
  (cd ts && node_modules/.bin/tsc -p . && node dist/main.js --url "$url" --seed ../db/seed.sql "${quick[@]}" "${rounds[@]}")
fi

if wants psycopg; then
  (cd python && "$py" bench_psycopg.py --url "$url" --seed ../db/seed.sql "${quick[@]}" "${rounds[@]}")
fi
if wants asyncpg; then
  (cd python && "$py" bench_asyncpg.py --url "$url" --seed ../db/seed.sql "${quick[@]}" "${rounds[@]}")
fi
