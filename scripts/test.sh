#!/usr/bin/env bash
# Runs every test suite: Rust, Go, Python, Node, the four-front-ends scenario, the generated
# code of every language compiled and run against every database (tests/codegen/run.py), and
# the examples/{go,ts,python} apps.
# Starts PostgreSQL and MariaDB (installing them from Debian packages if needed) unless
# FLASH_TEST_POSTGRES_URL / FLASH_TEST_MYSQL_URL are already set. Database tests need their
# servers: with CI=true a missing URL fails instead of skipping.
#
# FLASH_CARGO_PROFILE picks the cargo profile of the binding builds (default `ci`: no release
# builds in the test gate). FLASH_SUITES limits the run, e.g. FLASH_SUITES="rust go".
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
if [ -z "${FLASH_TEST_POSTGRES_URL:-}" ] || [ -z "${FLASH_TEST_MYSQL_URL:-}" ]; then
  eval "$(bash .ci/databases.sh)"
fi
export FLASH_TEST_POSTGRES_URL FLASH_TEST_MYSQL_URL
export FLASH_CARGO_PROFILE="${FLASH_CARGO_PROFILE:-ci}"
suites="${FLASH_SUITES:-rust go python node frontends codegen examples}"
# The Python venv and the npm test project live here, for the front-ends scenario.
if [ -z "${FLASH_FRONTENDS_DIR:-}" ]; then
  FLASH_FRONTENDS_DIR="$(mktemp -d "${TMPDIR:-/tmp}/flash-frontends.XXXXXX")"
  trap 'rm -rf "$FLASH_FRONTENDS_DIR"' EXIT
fi
export FLASH_FRONTENDS_DIR
start=$(date +%s)
step() { echo; echo "--- $* ($(( $(date +%s) - start ))s)"; }
has() { [[ " $suites " == *" $1 "* ]]; }

case "$FLASH_CARGO_PROFILE" in
  dev) bindir="${CARGO_TARGET_DIR:-$root/target}/debug" ;;
  *) bindir="${CARGO_TARGET_DIR:-$root/target}/$FLASH_CARGO_PROFILE" ;;
esac

if has rust; then
  step "rust"
  cargo test --profile ci --workspace --no-fail-fast -- --test-threads=4
fi

# One cargo invocation, one feature set, for the CLI and every binding crate; the Go, Python and
# Node builds below find these artifacts up to date.
step "build: flash, the Python module, the Node addon, the C library"
cargo build --profile "$FLASH_CARGO_PROFILE" -p flash-cli -p flash-python -p flash-node -p flash-c
# The Python suite compares its `flash` with this binary, byte for byte.
export FLASH_BIN="$bindir/flash"

if has go || has frontends; then
  step "go"
  # The commands of the README, from the repository root (go.work points at ./go).
  bash go/build-lib.sh
  go vet ./go/...
  unformatted="$(gofmt -l go)"
  [ -z "$unformatted" ] || { echo "gofmt: $unformatted"; exit 1; }
  if has go; then
    go test -count=1 ./go/...
    # Without cgo the package still builds, and says what to do.
    msg="$(CGO_ENABLED=0 go run ./go/cmd/flash --version 2>&1 || true)"
    echo "$msg" | grep -q "cgo is disabled" || { echo "no-cgo build: unexpected output: $msg"; exit 1; }
  fi
  go build -o "$FLASH_FRONTENDS_DIR/go-flash" ./go/cmd/flash
fi

if has python || has frontends; then
  step "python"
  bash scripts/test-python.sh
fi

if has node || has frontends; then
  step "node"
  bash scripts/test-node.sh
fi

if has frontends; then
  step "one scenario, four front ends"
  python3 tests/frontends/run.py \
    "rust=$bindir/flash" \
    "python=$FLASH_FRONTENDS_DIR/venv/bin/flash" \
    "node=$FLASH_FRONTENDS_DIR/node/node_modules/.bin/flash" \
    "go=$FLASH_FRONTENDS_DIR/go-flash"
fi
if has codegen; then
  step "generated code, compiled and run: every language x every database"
  python3 tests/codegen/run.py --flash "$bindir/flash"
fi

if has examples; then
  step "examples: go, ts, python"
  export FLASH="$bindir/flash"
  bash examples/go/run.sh
  bash examples/ts/run.sh
  # The Python example type-checks with the test venv's mypy when there is one.
  if [ -x "$FLASH_FRONTENDS_DIR/venv/bin/python" ]; then
    PYTHON="$FLASH_FRONTENDS_DIR/venv/bin/python" bash examples/python/run.sh
  else
    bash examples/python/run.sh
  fi
fi
step "all suites passed"
