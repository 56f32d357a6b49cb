#!/usr/bin/env node
'use strict';
// The prepack step: builds the addon with cargo and copies it next to index.js as
// `flash-orm.<platform>.node`, the name the loader looks for first.
//
//   FLASH_CARGO_PROFILE   cargo profile (default `release`; CI uses `ci`)
//   FLASH_SKIP_ADDON_BUILD=1  build nothing and remove any flash-orm.*.node here: the release
//                             flow publishes the binaries in the per-platform packages
//                             (see README.md)
//
// The same cargo command as the rest of the workspace's builds (one feature set for the
// shared target folder, so no crate is rebuilt for another set).

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const pkgDir = path.resolve(__dirname, '..');
const root = path.resolve(pkgDir, '..');

function fail(message) {
  process.stderr.write(`build-addon: ${message}\n`);
  process.exit(1);
}

if (process.env.FLASH_SKIP_ADDON_BUILD === '1') {
  // A release: the binaries ship in the per-platform packages, so the main package carries
  // none (`napi artifacts` leaves copies here; they would all be packed).
  for (const f of fs.readdirSync(pkgDir)) {
    if (/^flash-orm\..+\.node$/.test(f)) fs.rmSync(path.join(pkgDir, f));
  }
  process.stderr.write('build-addon: FLASH_SKIP_ADDON_BUILD=1, no addon in the package\n');
  process.exit(0);
}

if (!fs.existsSync(path.join(root, 'Cargo.toml')) || !fs.existsSync(path.join(root, 'bindings', 'node'))) {
  fail(`no Rust workspace at ${root}: build from a clone of the flash-orm repository`);
}

const profile = process.env.FLASH_CARGO_PROFILE || 'release';
const args = [
  'build',
  '--profile',
  profile,
  '-p',
  'flash-cli',
  '-p',
  'flash-python',
  '-p',
  'flash-node',
  '-p',
  'flash-c',
];
const cargo = process.env.CARGO || 'cargo';
process.stderr.write(`build-addon: ${cargo} ${args.join(' ')}\n`);
const built = spawnSync(cargo, args, { cwd: root, stdio: ['ignore', 2, 2] });
if (built.error) fail(`cannot run ${cargo}: ${built.error.message} (install Rust: https://rustup.rs)`);
if (built.status !== 0) fail(`cargo failed with exit code ${built.status}`);

// `dev` writes to target/debug; other profiles to target/<profile>.
const targetDir = process.env.CARGO_TARGET_DIR
  ? path.resolve(root, process.env.CARGO_TARGET_DIR)
  : path.join(root, 'target');
const outDir = path.join(targetDir, profile === 'dev' ? 'debug' : profile);
const libName = {
  win32: 'flash_node.dll',
  darwin: 'libflash_node.dylib',
}[process.platform] || 'libflash_node.so';
const lib = path.join(outDir, libName);
if (!fs.existsSync(lib)) fail(`cargo succeeded but ${lib} is missing`);

// The loader's own platform name (glibc or musl on Linux, ...), so both always agree.
const { platformName } = require('../platform.js');
const dest = path.join(pkgDir, `flash-orm.${platformName()}.node`);
// Copy to a temporary name and rename: a process that has the old file loaded keeps its copy.
const tmp = `${dest}.${process.pid}.tmp`;
fs.copyFileSync(lib, tmp);
fs.renameSync(tmp, dest);
process.stderr.write(`build-addon: ${path.relative(process.cwd(), dest) || dest}\n`);
