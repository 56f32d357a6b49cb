#!/usr/bin/env bash
# Release builds of every front end in a scratch folder, then their cold-start table
# (bench/cold_start.py). Slow (a release build of everything); never part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
export FLASH_CARGO_PROFILE=release
work="$(mktemp -d "${TMPDIR:-/tmp}/flash-bench-frontends.XXXXXX")"
cargo build --release -p flash-cli -p flash-python -p flash-node -p flash-c
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q "$root/python"
(cd "$work" && npm pack -q "$root/npm" >/dev/null && mkdir node && cd node && npm init -y -q >/dev/null && npm install -q ../flash-orm-*.tgz >/dev/null)
bash go/build-lib.sh >/dev/null
(cd go && go build -o "$work/go-flash" ./cmd/flash)
python3 bench/cold_start.py \
  "rust=$root/target/release/flash" \
  "python=$work/venv/bin/flash" \
  "node=$work/node/node_modules/.bin/flash" \
  "go=$work/go-flash" \
  --python-exe "$work/venv/bin/python"
rm -rf "$work"
