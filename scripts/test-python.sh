#!/usr/bin/env bash
# Tests the Python package: builds it with maturin (into the workspace's target/ dir), installs
# it into a fresh venv in a temporary folder, type-checks it, runs its pytest suite and checks
# the `flash` console command and `python -m flash_orm`.
#
#   FLASH_CARGO_PROFILE  cargo profile of the build (default: release; CI uses `ci`)
#   PYTHON               the interpreter to make the venv with (default: python3)
#   FLASH_FRONTENDS_DIR  when set, the venv is made (and kept) in $FLASH_FRONTENDS_DIR/venv, for
#                        the four-front-ends scenario of scripts/test.sh
#   FLASH_TEST_POSTGRES_URL  PostgreSQL server for the PostgreSQL tests (required when CI=true)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
profile=${FLASH_CARGO_PROFILE:-release}
python=${PYTHON:-python3}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/flash-python.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

venv="$tmp/venv"
if [ -n "${FLASH_FRONTENDS_DIR:-}" ]; then
  venv="$FLASH_FRONTENDS_DIR/venv"
fi
echo "== venv ($("$python" --version)) in $venv"
"$python" -m venv "$venv"
bin="$venv/bin"
export PIP_DISABLE_PIP_VERSION_CHECK=1
"$bin/python" -m pip install --quiet pytest mypy

echo "== pip install ./python (cargo profile $profile)"
MATURIN_PEP517_ARGS="--profile $profile" "$bin/python" -m pip install --quiet ./python

echo "== mypy --strict"
"$bin/mypy" --strict --cache-dir "$tmp/mypy-cache" python/flash_orm

echo "== console commands"
want="flash $("$bin/python" -c 'import flash_orm; print(flash_orm.__version__)')"
got=$("$bin/flash" --version)
[ "$got" = "$want" ] || { echo "flash --version printed '$got', want '$want'" >&2; exit 1; }
got=$(cd "$tmp" && "$bin/python" -m flash_orm --version)
[ "$got" = "$want" ] || { echo "python -m flash_orm --version printed '$got', want '$want'" >&2; exit 1; }
echo "$want"

# The Rust binary of the same build, when it is there and newer than the sources, for the
# byte-for-byte comparison of the console command's output.
case "$profile" in dev) profile_dir=debug ;; *) profile_dir="$profile" ;; esac
binary="${CARGO_TARGET_DIR:-$root/target}/$profile_dir/flash"
if [ -z "${FLASH_BIN:-}" ] && [ -x "$binary" ] && [ -z "$(find core -name '*.rs' -newer "$binary" -print -quit)" ]; then
  export FLASH_BIN="$binary"
fi

echo "== pytest"
# From the temporary folder, so that the installed package is imported, not python/flash_orm.
cd "$tmp"
"$bin/python" -m pytest -p no:cacheprovider -q -rs "$root/python/tests" "$@"
