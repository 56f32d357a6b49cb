#!/usr/bin/env bash
# Builds flash and the benchmark in release mode and prints the numbers of issue #2's targets:
# parse / diff + plan of a 500-table schema for each database, `flash status` over 1,000
# applied SQLite migrations, and `flash --version`. Never part of the test gate.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p flash-cli -p flash-bench --quiet
./target/release/flash-bench ./target/release/flash
