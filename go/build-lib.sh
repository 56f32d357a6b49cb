#!/usr/bin/env bash
# Builds the flash static library for this platform into go/lib/<goos>_<goarch>/libflash.a (and the
# header into go/lib/include/), where the cgo directives of the Go package look for them.
#
#   bash go/build-lib.sh            # release build
#   FLASH_CARGO_PROFILE=ci bash go/build-lib.sh   # what CI does (no release builds in the test gate)
#
# All binding crates are built in one cargo invocation with one feature set, so the Python and
# Node builds reuse the same compiled dependencies.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
profile="${FLASH_CARGO_PROFILE:-release}"
goos="$(go env GOOS)"
goarch="$(go env GOARCH)"

cargo build --manifest-path "$root/Cargo.toml" --profile "$profile" \
  -p flash-cli -p flash-python -p flash-node -p flash-c

target="${CARGO_TARGET_DIR:-$root/target}"
case "$profile" in
  dev) dir="$target/debug" ;;
  *) dir="$target/$profile" ;;
esac
case "$goos" in
  windows) lib="$dir/flash_c.lib" ;;
  *) lib="$dir/libflash_c.a" ;;
esac
out="$here/lib/${goos}_${goarch}"
mkdir -p "$out" "$here/lib/include"
cp "$lib" "$out/libflash.a"
cp "$root/bindings/c/include/flash.h" "$here/lib/include/flash.h"
echo "built $out/libflash.a ($profile)"
