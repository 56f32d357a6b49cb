'use strict';
// Shared by the tests: temporary projects, a fresh PostgreSQL database, the `flash` bin.
// The tests load `flash-orm` by name: scripts/test-node.sh runs them in a project where the
// packed package is installed; run from npm/ they load the source (the package's own name).

const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const flash = require('flash-orm');

// The URL comes from each project's .env only.
delete process.env.DATABASE_URL;

const PG_URL = process.env.FLASH_TEST_POSTGRES_URL || '';
const IN_CI = process.env.CI === 'true';

const packageDir = path.dirname(require.resolve('flash-orm/package.json'));
const binPath = path.join(packageDir, 'bin', 'flash.js');

const tmpRoots = [];

/** A new empty folder, removed when the process exits. */
function tmpdir(prefix = 'flash-node-') {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  tmpRoots.push(dir);
  return dir;
}
process.on('exit', () => {
  for (const d of tmpRoots) fs.rmSync(d, { recursive: true, force: true });
});

/** A project made by `init` whose .env points at `url`. */
async function project(provider, url) {
  const dir = tmpdir();
  await flash.init({ projectDir: dir, provider });
  fs.writeFileSync(path.join(dir, '.env'), `DATABASE_URL=${url}\n`);
  return dir;
}

/** A SQLite project: `app.db` in its folder. */
async function sqliteProject() {
  const dir = tmpdir();
  await flash.init({ projectDir: dir });
  fs.writeFileSync(path.join(dir, '.env'), `DATABASE_URL=sqlite://${dir}/app.db\n`);
  return dir;
}

/**
 * Options for a node:test `describe`/`test` that needs PostgreSQL: skipped without
 * FLASH_TEST_POSTGRES_URL, but under CI=true a missing URL is a failure (see `requirePostgres`).
 */
function postgresSkip() {
  if (PG_URL || IN_CI) return {};
  return { skip: 'FLASH_TEST_POSTGRES_URL is not set' };
}

function requirePostgres() {
  assert.ok(PG_URL, 'FLASH_TEST_POSTGRES_URL must be set when CI=true: PostgreSQL is not tested');
}

/**
 * A fresh PostgreSQL database with a project pointing at it. `drop()` removes it (forcing out
 * sessions still running a cancelled statement).
 */
async function postgresDatabase() {
  requirePostgres();
  const admin = await project('postgresql', PG_URL);
  const name = `flash_node_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
  await flash.raw(`CREATE DATABASE ${name}`, { projectDir: admin });
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const dir = await project('postgresql', url.toString());
  return {
    name,
    dir,
    url: url.toString(),
    drop: () => flash.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, { projectDir: admin }),
  };
}

/**
 * Runs `node bin/flash.js ...args` and resolves `{code, signal, stdout, stderr, ms}`.
 * `onSpawn(child)` may signal it. Killed after `timeoutMs`.
 */
function runBin(args, { cwd, env, timeoutMs = 30000, onSpawn } = {}) {
  return runProcess(process.execPath, [binPath, ...args], { cwd, env, timeoutMs, onSpawn });
}

function runProcess(cmd, args, { cwd, env, timeoutMs = 30000, onSpawn } = {}) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(cmd, args, {
      cwd,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = [];
    const err = [];
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => err.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out),
        stderr: Buffer.concat(err),
        ms: Date.now() - started,
      });
    });
    if (onSpawn) onSpawn(child);
  });
}

/** Expects `promise` to reject with an instance of `cls` and returns the error. */
async function rejectsWith(promise, cls) {
  try {
    await promise;
  } catch (e) {
    assert.ok(
      e instanceof cls,
      `expected ${cls.name}, got ${e && e.name}: ${e && e.message}`,
    );
    assert.ok(e instanceof flash.FlashError);
    assert.ok(e instanceof Error);
    assert.equal(e.name, cls.name);
    assert.equal(typeof e.message, 'string');
    assert.ok(Array.isArray(e.details));
    return e;
  }
  assert.fail(`expected ${cls.name}, but the call succeeded`);
}

/** The files under `dir` (relative paths), sorted. */
function listFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

module.exports = {
  flash,
  PG_URL,
  IN_CI,
  packageDir,
  binPath,
  tmpdir,
  project,
  sqliteProject,
  postgresSkip,
  requirePostgres,
  postgresDatabase,
  runBin,
  runProcess,
  rejectsWith,
  listFiles,
};
