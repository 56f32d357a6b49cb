#!/usr/bin/env bash
# Tests the npm package as a user gets it: packs ./npm (its prepack builds the addon with cargo
# profile ${FLASH_CARGO_PROFILE:-release}), installs the tarball into a temporary project with
# no registry access, and runs npm/test/* there against the installed package, then the bin.
#
#   FLASH_CARGO_PROFILE=ci bash scripts/test-node.sh
#
# PostgreSQL tests run when FLASH_TEST_POSTGRES_URL is set; with CI=true they must.
# With FLASH_FRONTENDS_DIR set, the test project is made (and kept) in $FLASH_FRONTENDS_DIR/node,
# for the four-front-ends scenario of scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

export FLASH_CARGO_PROFILE="${FLASH_CARGO_PROFILE:-release}"
case "$FLASH_CARGO_PROFILE" in
  dev) profile_dir=debug ;;
  *) profile_dir="$FLASH_CARGO_PROFILE" ;;
esac

command -v node >/dev/null || { echo "node is missing (Node >= 18)"; exit 1; }
command -v npm >/dev/null || { echo "npm is missing"; exit 1; }
node -e 'if (+process.versions.node.split(".")[0] < 18) { console.error(`Node ${process.version}: flash-orm needs Node >= 18`); process.exit(1); }'

work=$(mktemp -d "${TMPDIR:-/tmp}/flash-node-test.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "--- npm pack ./npm (cargo profile $FLASH_CARGO_PROFILE)"
npm pack ./npm --pack-destination "$work" --loglevel=warn >/dev/null
tarball=$(ls "$work"/flash-orm-*.tgz)
echo "packed $(basename "$tarball")"

echo "--- tarball contents"
contents=$(tar tzf "$tarball" | sort)
echo "$contents"
platform=$(node -p 'require("./npm/platform.js").platformName()')
for f in package/package.json package/index.js package/index.mjs package/index.d.ts \
  package/platform.js package/bin/flash.js package/README.md "package/flash-orm.$platform.node"; do
  grep -qx "$f" <<<"$contents" || { echo "missing from the tarball: $f"; exit 1; }
done
if grep -E '^package/(test|scripts|linux-|darwin-|win32-)' <<<"$contents"; then
  echo "the tarball holds files that are not part of the package"; exit 1
fi
node -e '
  const pkg = JSON.parse(require("child_process").execFileSync("tar", ["xzOf", process.argv[1], "package/package.json"]));
  if (Object.keys(pkg.dependencies || {}).length) throw new Error("flash-orm must have no runtime dependencies");
' "$tarball"

echo "--- npm install (offline) into a temporary project"
project="$work/project"
if [ -n "${FLASH_FRONTENDS_DIR:-}" ]; then
  project="$FLASH_FRONTENDS_DIR/node"
fi
mkdir -p "$project/test"
cat >"$project/package.json" <<'EOF'
{ "name": "flash-node-test-project", "version": "1.0.0", "private": true }
EOF
(cd "$project" && npm install --offline --no-audit --no-fund --loglevel=warn "$tarball")
test -f "$project/node_modules/flash-orm/index.js"
cp npm/test/*.js npm/test/*.mjs "$project/test/"

echo "--- node --test (against the installed package)"
rust_bin="${CARGO_TARGET_DIR:-$root/target}/$profile_dir/flash"
(cd "$project" && FLASH_RUST_BIN="$rust_bin" node --test test/*.test.js test/*.test.mjs)

echo "--- npx flash --version"
version=$(cd "$project" && npx --no-install flash --version)
expected="flash $(node -p 'require("./npm/package.json").version')"
[ "$version" = "$expected" ] || { echo "npx flash --version printed '$version', expected '$expected'"; exit 1; }
echo "$version"
echo "node package: ok"
