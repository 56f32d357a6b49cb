#!/usr/bin/env bash
# Runs every test suite. Starts PostgreSQL and MariaDB (installing them from Debian packages if
# needed) unless FLASH_TEST_POSTGRES_URL / FLASH_TEST_MYSQL_URL are already set.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${FLASH_TEST_POSTGRES_URL:-}" ] || [ -z "${FLASH_TEST_MYSQL_URL:-}" ]; then
  eval "$(bash .ci/databases.sh)"
fi
export FLASH_TEST_POSTGRES_URL FLASH_TEST_MYSQL_URL
# Database tests need their servers: with CI=true a missing URL fails instead of skipping.
cargo test --profile ci --workspace --no-fail-fast -- --test-threads=4
