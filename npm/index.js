'use strict';
// flash-orm: the flash migration engine, in-process. Every function but `version` and `runCli`
// returns a promise; the work runs on the libuv thread pool, so the event loop stays free.
// The wire format shared with the other languages is described in docs/API.md.

const fs = require('node:fs');
const path = require('node:path');
const { platformName } = require('./platform.js');

// ---------------------------------------------------------------------------------------------
// The native addon

function loadNative() {
  const platform = platformName();
  const local = path.join(__dirname, `flash-orm.${platform}.node`);
  const override = process.env.FLASH_ORM_NATIVE_PATH;
  if (override) return loadFile(path.resolve(override), 'FLASH_ORM_NATIVE_PATH');
  const tried = [local];
  if (fs.existsSync(local)) return loadFile(local, 'the source build');
  const pkg = `flash-orm-${platform}`;
  try {
    return require(pkg);
  } catch (e) {
    const missing = e && e.code === 'MODULE_NOT_FOUND' && String(e.message).includes(pkg);
    if (!missing) throw e;
    tried.push(pkg);
  }
  const err = new Error(
    `flash-orm: no native addon for ${platform} (tried ${tried.join(', ')}). ` +
      `Install the package ${pkg} (npm installs it with flash-orm on supported platforms), ` +
      'or build from source: in a clone of the flash-orm repository run ' +
      '`npm pack ./npm && npm install ./flash-orm-<version>.tgz` (needs Rust and cargo).',
  );
  err.code = 'FLASH_ORM_NO_ADDON';
  throw err;
}

/** Loads the addon at `file`; an error says which file and why. */
function loadFile(file, what) {
  try {
    return require(file);
  } catch (e) {
    const err = new Error(`flash-orm: cannot load the native addon ${file} (${what}): ${e.message}`, {
      cause: e,
    });
    err.code = 'FLASH_ORM_NO_ADDON';
    throw err;
  }
}

const native = loadNative();

// ---------------------------------------------------------------------------------------------
// Errors

/** An error of a flash operation. `kind` is the wire name (`config`, `parse`, ...). */
class FlashError extends Error {
  constructor(message, fields = {}) {
    super(message);
    this.name = new.target.name;
    this.kind = fields.kind ?? 'internal';
    this.help = fields.help ?? null;
    this.place = fields.place ?? null;
    this.details = Array.isArray(fields.details) ? fields.details : [];
  }
}

const ERROR_CLASSES = {};
function defineError(name, kind) {
  const cls = {
    [name]: class extends FlashError {
      constructor(message, fields = {}) {
        super(message, { ...fields, kind });
      }
    },
  }[name];
  ERROR_CLASSES[kind] = cls;
  return cls;
}

const ConfigError = defineError('ConfigError', 'config');
const ParseError = defineError('ParseError', 'parse');
const ChecksumMismatchError = defineError('ChecksumMismatchError', 'checksum_mismatch');
const ConnectionError = defineError('ConnectionError', 'connection');
const DatabaseError = defineError('DatabaseError', 'database');
const MigrationFailedError = defineError('MigrationFailedError', 'migration_failed');
const NeedsConfirmationError = defineError('NeedsConfirmationError', 'needs_confirmation');
const LockTimeoutError = defineError('LockTimeoutError', 'lock_timeout');
const StateError = defineError('StateError', 'state');
const NotFoundError = defineError('NotFoundError', 'not_found');
const InvalidRequestError = defineError('InvalidRequestError', 'invalid_request');
const IOError = defineError('IOError', 'io');
const CancelledError = defineError('CancelledError', 'cancelled');
// Like Node's AbortError, for code that checks `err.code`.
CancelledError.prototype.code = 'ABORT_ERR';
const InternalError = defineError('InternalError', 'internal');

/** The error object for the `error` member of an envelope. */
function toError(e) {
  const Cls = ERROR_CLASSES[e.kind] || FlashError;
  return new Cls(String(e.message), e);
}

// ---------------------------------------------------------------------------------------------
// Requests and reports

const snake = (key) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const camel = (key) => key.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());

/** A report with camelCase keys (values, such as query cells, are left as they are). */
function camelKeys(value) {
  if (Array.isArray(value)) return value.map(camelKeys);
  if (value !== null && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[camel(k)] = camelKeys(v);
    return out;
  }
  return value;
}

const PROJECT_KEYS = new Set(['projectDir', 'configPath', 'db', 'env']);

/**
 * The request of `op` from camelCase options: the project options go into `project`, the rest
 * is snake_cased. Unknown options reach the engine, which rejects them (InvalidRequestError).
 */
function request(options, extra, withProject = true) {
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    throw new InvalidRequestError('options must be an object', {
      help: 'e.g. { projectDir: "path/to/project" }',
    });
  }
  const req = {};
  const project = {};
  for (const [k, v] of Object.entries(options || {})) {
    if (k === 'signal' || v === undefined) continue;
    if (withProject && PROJECT_KEYS.has(k)) project[snake(k)] = v;
    else req[snake(k)] = v;
  }
  if (withProject) req.project = project;
  return Object.assign(req, extra);
}

function abortedError(op, signal) {
  const err = new CancelledError(`${op} was cancelled before it started`);
  if (signal.reason !== undefined) err.cause = signal.reason;
  return err;
}

/** Runs `op` with request `req`; resolves to the camelCased report, rejects with a FlashError. */
async function call(op, req, signal) {
  if (signal != null && typeof signal.aborted !== 'boolean') {
    throw new InvalidRequestError('signal must be an AbortSignal');
  }
  if (signal && signal.aborted) throw abortedError(op, signal);
  const json = JSON.stringify(req);
  let token;
  let onAbort;
  if (signal) {
    token = native.newCancelToken();
    onAbort = () => native.cancel(token);
    signal.addEventListener('abort', onAbort, { once: true });
  }
  let text;
  try {
    text = await native.call(op, json, token);
  } finally {
    if (signal) {
      signal.removeEventListener('abort', onAbort);
      native.releaseCancelToken(token);
    }
  }
  let envelope;
  try {
    envelope = JSON.parse(text);
  } catch (e) {
    throw new InternalError(`${op}: the engine answered something that is not JSON: ${e.message}`);
  }
  if (envelope && 'ok' in envelope) return camelKeys(envelope.ok);
  if (envelope && envelope.error) {
    const err = toError(envelope.error);
    if (err instanceof CancelledError && signal && signal.reason !== undefined) {
      err.cause = signal.reason;
    }
    throw err;
  }
  throw new InternalError(`${op}: the engine answered an unknown envelope`);
}

// ---------------------------------------------------------------------------------------------
// The operations

/** The engine's version, e.g. `0.1.0`. */
function version() {
  return native.version();
}

/** Creates a project: flash.toml, .env, db/schema, db/queries, db/migrations. */
async function init(options = {}) {
  return call('init', request(options, {}, false), options && options.signal);
}

/** What `migrate` would write now, without writing anything. */
async function plan(options = {}) {
  return call('plan', request(options), options && options.signal);
}

/** Writes a migration named `name` for the changes of the schema files. */
async function migrate(name, options = {}) {
  if (typeof name !== 'string') {
    throw new InvalidRequestError('migrate(name, options): name must be a string', {
      help: 'e.g. migrate("add users", { projectDir })',
    });
  }
  return call('migrate', request(options, { name }), options && options.signal);
}

/** Applies the pending migrations (`yes` confirms destructive ones). */
async function apply(options = {}) {
  return call('apply', request(options), options && options.signal);
}

/** Undoes the last migration, the last `steps`, or all applied after `to`; needs `yes`. */
async function down(options = {}) {
  return call('down', request(options), options && options.signal);
}

/** Every migration with its state. */
async function status(options = {}) {
  return call('status', request(options), options && options.signal);
}

/** Drops every object of the database and the history; needs `force`. */
async function reset(options = {}) {
  return call('reset', request(options), options && options.signal);
}

/** Runs SQL (one or more statements); one result per statement. */
async function raw(sql, options = {}) {
  if (typeof sql !== 'string') {
    throw new InvalidRequestError('raw(sql, options): sql must be a string');
  }
  return call('raw', request(options, { sql }), options && options.signal);
}

/** Re-accepts edited applied migrations: the one `id` names (a prefix is enough), or all. */
async function accept(options = {}) {
  return call('accept', request(options), options && options.signal);
}

/**
 * Generates typed query code for the enabled `[gen.*]` languages (`flash gen`): `languages`
 * picks some of go, js, python; `force` ignores the cache; `check` writes nothing and reports
 * whether anything would change.
 */
async function generate(options = {}) {
  return call('generate', request(options), options && options.signal);
}

/**
 * Writes the live schema into the schema files (`flash pull`): `output` (another folder,
 * relative to `projectDir`), `backup`, `dryRun`, `schemas` (PostgreSQL schemas to read).
 * Objects flash does not model are listed in `unmanaged`.
 */
async function pull(options = {}) {
  return call('pull', request(options), options && options.signal);
}

/**
 * Exports the data and schema (`flash export`): `format` `'json'` (the default, the Go Flash
 * ORM's layout), `'csv'` (a folder, one file per table) or `'sqlite'` (a portable database
 * file); `tables`, `exclude`, `schemaOnly`, `dataOnly`, `output`. Rows stream with flat memory
 * and every value is exact. (`export` is a reserved word, hence the name.)
 */
async function exportData(options = {}) {
  return call('export', request(options), options && options.signal);
}

/**
 * Loads an export (a JSON file, a CSV folder or a SQLite file) into the database (`flash
 * import`), parents first, in one transaction; tables it lacks are created from the export
 * unless `dataOnly`. A conflicting row rejects with {@link StateError} and nothing is
 * imported. (`import` is reserved, hence the name.)
 */
async function importData(path, options = {}) {
  if (typeof path !== 'string') {
    throw new InvalidRequestError('importData(path, options): path must be a string');
  }
  return call('import', request(options, { path }), options && options.signal);
}

// ---------------------------------------------------------------------------------------------
// Schema branches

function requireString(op, what, value) {
  if (typeof value !== 'string') {
    throw new InvalidRequestError(`${op}: ${what} must be a string`);
  }
}

/** The schema branches (`flash branch`): main first, the current one marked. */
async function branches(options = {}) {
  return call('branches', request(options), options && options.signal);
}

/** Creates branch `name` as a copy of the current one (`flash branch NAME`). */
async function createBranch(name, options = {}) {
  requireString('createBranch(name, options)', 'name', name);
  return call('create_branch', request(options, { name }), options && options.signal);
}

/** Switches the project to branch `name` (`flash checkout [-b] NAME`); `create` copies first. */
async function checkout(name, options = {}) {
  requireString('checkout(name, options)', 'name', name);
  return call('checkout', request(options, { name }), options && options.signal);
}

/** Deletes branch `name` (`flash branch --delete NAME`); not main, not the current one. */
async function deleteBranch(name, options = {}) {
  requireString('deleteBranch(name, options)', 'name', name);
  return call('delete_branch', request(options, { name }), options && options.signal);
}

/** Renames branch `from` to `to` (`flash branch --move FROM TO`). */
async function renameBranch(from, to, options = {}) {
  requireString('renameBranch(from, to, options)', 'from', from);
  requireString('renameBranch(from, to, options)', 'to', to);
  return call('rename_branch', request(options, { from, to }), options && options.signal);
}

/** The migration from branch `from`'s schema to branch `to`'s (`flash branch diff FROM TO`). */
async function diffBranches(from, to, options = {}) {
  requireString('diffBranches(from, to, options)', 'from', from);
  requireString('diffBranches(from, to, options)', 'to', to);
  return call('diff_branches', request(options, { from, to }), options && options.signal);
}

/**
 * Fills tables with believable rows (`flash seed`), parents first, in one transaction.
 * `tables` maps names to row counts (`{ users: 100 }`; default every table, `count` rows each,
 * 10 unless given); parents the tables need are reused when they have rows, else seeded too.
 * The same `seed` gives the same rows (without one a random seed is used and reported).
 * `truncate` deletes the seeded tables' rows first and needs `yes: true`; `dryRun` resolves
 * to the plan with sample rows and writes nothing.
 */
async function seed(options = {}) {
  return call('seed', request(options), options && options.signal);
}

/**
 * Adopts a database flash never managed (`flash baseline`): pulls its schema, writes a first
 * migration (`name`, default "baseline") and records it as applied.
 */
async function baseline(options = {}) {
  return call('baseline', request(options), options && options.signal);
}

/**
 * Records the database's out-of-band changes as a migration marked applied (nothing runs) and
 * pulls them into the schema files (`flash migrate NAME --absorb-drift`). Resolves to null
 * when there is no drift.
 */
async function absorbDrift(name, options = {}) {
  if (typeof name !== 'string') {
    throw new InvalidRequestError('absorbDrift(name, options): name must be a string');
  }
  const report = await call('absorb_drift', request(options, { name }), options && options.signal);
  return report.absorbed;
}

/** The databases of the project. */
async function databases(options = {}) {
  return call('databases', request(options), options && options.signal);
}

/**
 * Runs the `flash` command line in this process, on this thread (it blocks the event loop until
 * the command ends) and returns its exit code. `argv` includes the program name: `['flash',
 * 'status']`. Output goes straight to file descriptors 1 and 2. It installs no signal handler:
 * Ctrl-C keeps Node's meaning for the application.
 */
function runCli(argv) {
  checkArgv(argv);
  return native.runCli(argv);
}

/**
 * The `flash` console command (bin/flash.js): runCli with Ctrl-C handled by the engine (exit
 * code 130, a running migration rolled back). Its handler stays for the life of the process,
 * which is why applications get `runCli` instead.
 */
function runConsole(argv) {
  checkArgv(argv);
  defaultSigint();
  return native.runConsole(argv);
}

function checkArgv(argv) {
  if (!Array.isArray(argv) || !argv.every((a) => typeof a === 'string')) {
    throw new TypeError('runCli(argv): argv must be an array of strings, the program name first');
  }
}

/**
 * Node starts with a SIGINT handler of its own that restores the terminal and raises the signal
 * again. The engine's Ctrl-C handler (tokio, through signal-hook) calls the handler it replaced,
 * so with Node's in place a Ctrl-C would raise SIGINT forever. Removing the last listener of a
 * signal makes libuv set the default disposition, which the engine's handler does not chain to.
 * Listeners of the application's own are left alone: libuv's handler chains harmlessly.
 */
function defaultSigint() {
  if (process.platform === 'win32' || process.listenerCount('SIGINT') > 0) return;
  const noop = () => {};
  process.on('SIGINT', noop);
  process.removeListener('SIGINT', noop);
}

module.exports = {
  version,
  init,
  plan,
  migrate,
  apply,
  down,
  status,
  reset,
  raw,
  accept,
  databases,
  generate,
  pull,
  exportData,
  importData,
  seed,
  branches,
  createBranch,
  checkout,
  deleteBranch,
  renameBranch,
  diffBranches,
  baseline,
  absorbDrift,
  runCli,
  FlashError,
  ConfigError,
  ParseError,
  ChecksumMismatchError,
  ConnectionError,
  DatabaseError,
  MigrationFailedError,
  NeedsConfirmationError,
  LockTimeoutError,
  StateError,
  NotFoundError,
  InvalidRequestError,
  IOError,
  CancelledError,
  InternalError,
};
// `import flash from 'flash-orm'` and `require('flash-orm').default` are the same object.
module.exports.default = module.exports;

// For bin/flash.js only; not part of the API.
Object.defineProperty(module.exports, '_runConsole', { value: runConsole, enumerable: false });
