'use strict';
// The whole API against a SQLite database in a temporary project.

const { describe, test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const {
  flash,
  tmpdir,
  sqliteProject,
  rejectsWith,
  listFiles,
} = require('./helpers.js');

const SCHEMA = `CREATE TABLE users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  email TEXT NOT NULL UNIQUE
);
`;

describe('SQLite: init → plan → migrate → apply → status → raw → down', () => {
  let dir;
  let firstId;

  test('version', () => {
    assert.match(flash.version(), /^\d+\.\d+\.\d+/);
    assert.equal(flash.version(), require('flash-orm/package.json').version);
  });

  test('init creates the project and keeps what exists', async () => {
    dir = tmpdir();
    const report = await flash.init({ projectDir: dir });
    assert.equal(report.provider, 'sqlite');
    assert.ok(report.created.includes(path.join(dir, 'flash.toml')), report.created.join());
    assert.deepEqual(report.kept, []);
    fs.writeFileSync(path.join(dir, '.env'), `DATABASE_URL=sqlite://${dir}/app.db\n`);
    fs.writeFileSync(path.join(dir, 'db', 'schema', 'schema.sql'), SCHEMA);
    const again = await flash.init({ projectDir: dir });
    assert.deepEqual(again.created, []);
    assert.ok(again.kept.includes(path.join(dir, 'flash.toml')));
  });

  test('plan shows the migration and writes nothing', async () => {
    const before = listFiles(dir);
    const report = await flash.plan({ projectDir: dir });
    assert.equal(report.hasChanges, true);
    assert.ok(report.changes.length > 0);
    assert.match(report.up, /CREATE TABLE/i);
    assert.match(report.down, /DROP TABLE/i);
    assert.ok(Array.isArray(report.warnings));
    assert.ok(Array.isArray(report.destructive));
    assert.equal(typeof report.baseline, 'string');
    // No migration, no snapshot. (Connecting to compare with the database creates an empty
    // SQLite file: that is the driver, not plan.)
    const written = (files) => files.filter((f) => f !== 'app.db');
    assert.deepEqual(written(listFiles(dir)), written(before));
    assert.deepEqual(fs.readdirSync(path.join(dir, 'db', 'migrations')), []);
  });

  test('migrate writes a migration, then has nothing to do', async () => {
    const report = await flash.migrate('create users', { projectDir: dir });
    assert.equal(report.outcome, 'written');
    assert.ok(path.isAbsolute(report.path));
    assert.ok(fs.existsSync(report.path));
    assert.match(report.id, /create_users/);
    firstId = report.id;
    const again = await flash.migrate('again', { projectDir: dir });
    assert.equal(again.outcome, 'nothing_to_do');
    assert.ok(Array.isArray(again.warnings));
  });

  test('apply applies it', async () => {
    const report = await flash.apply({ projectDir: dir });
    assert.deepEqual(report.applied, [firstId]);
    assert.deepEqual(report.alreadyApplied, []);
    assert.equal(report.waitedForLock, false);
    assert.deepEqual(report.outOfOrder, []);
    assert.ok(fs.existsSync(path.join(dir, 'app.db')));
  });

  test('status lists it as applied', async () => {
    const report = await flash.status({ projectDir: dir });
    assert.equal(report.provider, 'sqlite');
    assert.equal(report.applied, 1);
    assert.equal(report.pending, 0);
    assert.equal(report.problems, 0);
    assert.equal(report.migrations.length, 1);
    const [m] = report.migrations;
    assert.equal(m.id, firstId);
    assert.equal(m.state, 'applied');
    assert.equal(typeof m.appliedAt, 'string');
    assert.ok('startedAt' in m && 'appliedSteps' in m && 'logs' in m);
  });

  test('raw runs statements and returns one result each', async () => {
    const results = await flash.raw(
      "INSERT INTO users (email) VALUES ('a@example.com'), ('b@example.com'); " +
        'SELECT id, email, NULL AS missing FROM users ORDER BY id',
      { projectDir: dir },
    );
    assert.equal(results.length, 2);
    assert.equal(results[0].rowsAffected, 2);
    assert.deepEqual(results[1].columns, ['id', 'email', 'missing']);
    assert.deepEqual(results[1].rows, [
      ['1', 'a@example.com', null],
      ['2', 'b@example.com', null],
    ]);
  });

  test('databases lists the default database with its URL', async () => {
    const dbs = await flash.databases({ projectDir: dir });
    assert.equal(dbs.length, 1);
    assert.equal(dbs[0].provider, 'sqlite');
    assert.equal(dbs[0].default, true);
    assert.equal(dbs[0].urlEnv, 'DATABASE_URL');
    assert.match(dbs[0].url, /app\.db/);
    assert.equal(dbs[0].schemaDir, path.join(dir, 'db', 'schema'));
    assert.equal(dbs[0].migrationsPath, path.join(dir, 'db', 'migrations'));
  });

  test('down needs yes, then undoes the last migration', async () => {
    const e = await rejectsWith(flash.down({ projectDir: dir }), flash.NeedsConfirmationError);
    assert.equal(e.kind, 'needs_confirmation');
    const report = await flash.down({ projectDir: dir, yes: true });
    assert.deepEqual(report.reverted, [firstId]);
    assert.equal(report.waitedForLock, false);
    const status = await flash.status({ projectDir: dir });
    assert.equal(status.pending, 1);
    assert.equal(status.migrations[0].state, 'pending');
    assert.deepEqual((await flash.apply({ projectDir: dir })).applied, [firstId]);
  });

  test('down with steps and to is an InvalidRequestError', async () => {
    const e = await rejectsWith(
      flash.down({ projectDir: dir, steps: 1, to: firstId, yes: true }),
      flash.InvalidRequestError,
    );
    assert.equal(e.kind, 'invalid_request');
  });

  test('down to an unknown id is a NotFoundError', async () => {
    await rejectsWith(flash.down({ projectDir: dir, to: '19990101000000_nope', yes: true }), flash.NotFoundError);
  });

  test('bad SQL is a DatabaseError', async () => {
    const e = await rejectsWith(
      flash.raw('SELECT * FROM no_such_table', { projectDir: dir }),
      flash.DatabaseError,
    );
    assert.equal(e.kind, 'database');
    assert.match(e.message, /no_such_table/);
  });

  test('an edited applied migration: apply fails with ChecksumMismatchError, accept fixes it', async () => {
    const file = path.join(dir, 'db', 'migrations', `${firstId}.sql`);
    fs.appendFileSync(file, '\n-- edited after it was applied\n');
    const status = await flash.status({ projectDir: dir });
    assert.equal(status.migrations[0].state, 'modified');
    assert.equal(status.problems, 1);
    const e = await rejectsWith(flash.apply({ projectDir: dir }), flash.ChecksumMismatchError);
    assert.equal(e.kind, 'checksum_mismatch');
    assert.ok(e.place && e.place.includes(firstId), `place: ${e.place}`);
    const accepted = await flash.accept({ projectDir: dir, id: firstId.slice(0, 14) });
    assert.deepEqual(accepted.accepted, [firstId]);
    assert.equal((await flash.status({ projectDir: dir })).problems, 0);
  });

  test('a destructive migration needs yes', async () => {
    fs.writeFileSync(path.join(dir, 'db', 'schema', 'schema.sql'), '-- nothing left\n');
    const written = await flash.migrate('drop users', { projectDir: dir });
    assert.equal(written.outcome, 'written');
    assert.ok(written.destructive.length > 0);
    const e = await rejectsWith(flash.apply({ projectDir: dir }), flash.NeedsConfirmationError);
    assert.ok(e.details.length > 0);
    const report = await flash.apply({ projectDir: dir, yes: true });
    assert.deepEqual(report.applied, [written.id]);
  });

  test('reset needs force', async () => {
    await rejectsWith(flash.reset({ projectDir: dir }), flash.NeedsConfirmationError);
    const report = await flash.reset({ projectDir: dir, force: true });
    assert.ok(Array.isArray(report.dropped));
    const status = await flash.status({ projectDir: dir });
    assert.equal(status.applied, 0);
  });
});

describe('SQLite: errors', () => {
  test('no flash.toml is a ConfigError with help', async () => {
    const empty = tmpdir();
    const e = await rejectsWith(flash.status({ projectDir: empty }), flash.ConfigError);
    assert.equal(e.kind, 'config');
    assert.equal(typeof e.help, 'string');
    assert.equal(e.place, null);
  });

  test('a broken schema is a ParseError with its place', async () => {
    const dir = await sqliteProject();
    fs.writeFileSync(
      path.join(dir, 'db', 'schema', 'schema.sql'),
      'CREATE TABLE ok (id INTEGER PRIMARY KEY);\n\nCREATE TABLE broken (id INTEGER,, );\n',
    );
    const e = await rejectsWith(flash.plan({ projectDir: dir }), flash.ParseError);
    assert.equal(e.kind, 'parse');
    assert.match(e.place, /schema\.sql:\d+:\d+$/);
    assert.ok(e.details.length >= 1);
  });

  test('an unknown option is an InvalidRequestError', async () => {
    const dir = await sqliteProject();
    const e = await rejectsWith(
      flash.status({ projectDir: dir, projetDir: 'typo' }),
      flash.InvalidRequestError,
    );
    assert.match(e.message, /projet_dir/);
    await rejectsWith(flash.apply({ projectDir: dir, yes: 'yes' }), flash.InvalidRequestError);
    await rejectsWith(flash.migrate(42, { projectDir: dir }), flash.InvalidRequestError);
    await rejectsWith(flash.migrate('', { projectDir: dir }), flash.InvalidRequestError);
    await rejectsWith(flash.raw(null, { projectDir: dir }), flash.InvalidRequestError);
    await rejectsWith(flash.status(null), flash.InvalidRequestError);
    await rejectsWith(flash.init({ projectDir: dir, provider: 'oracle' }), flash.InvalidRequestError);
  });

  test('an aborted signal cancels before the call starts', async () => {
    const dir = await sqliteProject();
    const controller = new AbortController();
    controller.abort();
    const e = await rejectsWith(
      flash.status({ projectDir: dir, signal: controller.signal }),
      flash.CancelledError,
    );
    assert.equal(e.kind, 'cancelled');
    assert.equal(e.code, 'ABORT_ERR');
    assert.equal(e.cause, controller.signal.reason);
  });

  test('a signal that is never aborted changes nothing', async () => {
    const dir = await sqliteProject();
    const controller = new AbortController();
    const report = await flash.status({ projectDir: dir, signal: controller.signal });
    assert.equal(report.applied, 0);
    controller.abort(); // after the call: nothing happens
  });

  test('error classes are constructible and typed by kind', () => {
    const e = new flash.ParseError('boom', { place: 'a.sql:1:2', details: ['x'] });
    assert.equal(e.kind, 'parse');
    assert.equal(e.place, 'a.sql:1:2');
    assert.equal(e.help, null);
    assert.ok(e instanceof flash.FlashError);
    assert.equal(new flash.FlashError('x').kind, 'internal');
    for (const name of [
      'ConfigError',
      'ParseError',
      'ChecksumMismatchError',
      'ConnectionError',
      'DatabaseError',
      'MigrationFailedError',
      'NeedsConfirmationError',
      'StateError',
      'NotFoundError',
      'InvalidRequestError',
      'IOError',
      'CancelledError',
      'InternalError',
    ]) {
      assert.equal(typeof flash[name], 'function', name);
      assert.equal(new flash[name]('m').name, name);
    }
  });

  test('many calls at once', async () => {
    const dir = await sqliteProject();
    const reports = await Promise.all(
      Array.from({ length: 8 }, () => flash.databases({ projectDir: dir })),
    );
    assert.equal(reports.length, 8);
    for (const r of reports) assert.equal(r[0].name, 'default');
  });
});

describe('SQLite: generate (flash gen)', () => {
  test('writes typed code, then is up to date; query errors reject and write nothing', async () => {
    const dir = await sqliteProject();
    const tomlPath = path.join(dir, 'flash.toml');
    fs.writeFileSync(
      tomlPath,
      fs.readFileSync(tomlPath, 'utf8').replace('[gen.js]\nenabled = false', '[gen.js]\nenabled = true'),
    );
    const first = await flash.generate({ projectDir: dir });
    assert.equal(first.changed, true);
    assert.equal(first.upToDate, false);
    assert.equal(first.queries, 2);
    assert.equal(first.languages.length, 1);
    const [js] = first.languages;
    assert.equal(js.language, 'js');
    assert.equal(js.options.driver, 'better-sqlite3');
    for (const f of js.files) {
      assert.equal(f.status, 'created');
      assert.ok(fs.existsSync(f.path), f.path);
    }
    const again = await flash.generate({ projectDir: dir, languages: ['js'] });
    assert.equal(again.upToDate, true);

    const before = listFiles(dir).filter((f) => !f.startsWith('app.db'));
    fs.writeFileSync(
      path.join(dir, 'db/queries/broken.sql'),
      '-- name: Broken :one\nSELECT nope FROM users;\n',
    );
    const e = await rejectsWith(flash.generate({ projectDir: dir }), flash.ParseError);
    assert.ok(e.details.some((d) => d.includes('broken.sql:2:8')), e.details.join('\n'));
    const after = listFiles(dir).filter((f) => !f.startsWith('app.db') && !f.endsWith('broken.sql'));
    assert.deepEqual(after, before);
  });
});

describe('SQLite: baseline, drift, absorbDrift, pull', () => {
  test('adopts a hand-made database, reports and absorbs drift, pulls nothing new', async () => {
    const dir = await sqliteProject();
    fs.rmSync(path.join(dir, 'db/schema/schema.sql'));
    await flash.raw('CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL)', { projectDir: dir });
    const adopted = await flash.baseline({ projectDir: dir });
    assert.ok(adopted.changes.length > 0);
    assert.ok(fs.existsSync(adopted.path), adopted.path);
    assert.deepEqual(adopted.pull.files.map((f) => f.action), ['created']);
    let st = await flash.status({ projectDir: dir });
    assert.equal(st.applied, 1);
    assert.equal(st.drift.checked, true);
    assert.equal(st.drift.source, 'database');
    assert.deepEqual(st.drift.changes, []);
    await rejectsWith(flash.baseline({ projectDir: dir }), flash.StateError);

    await flash.raw('CREATE INDEX people_name ON people (name)', { projectDir: dir });
    st = await flash.status({ projectDir: dir });
    assert.equal(st.drift.changes.length, 1, st.drift.changes.join('\n'));
    assert.match(st.drift.sql, /people_name/);
    const absorbed = await flash.absorbDrift('add index', { projectDir: dir });
    assert.ok(absorbed !== null);
    assert.equal(absorbed.changes.length, 1);
    st = await flash.status({ projectDir: dir });
    assert.deepEqual(st.drift.changes, []);
    assert.equal(await flash.absorbDrift('nothing', { projectDir: dir }), null);

    const dry = await flash.pull({ projectDir: dir, dryRun: true });
    assert.equal(dry.dryRun, true);
    assert.deepEqual(dry.files, []);
    assert.equal(dry.tables, 1);
    const elsewhere = await flash.pull({ projectDir: dir, output: 'pulled' });
    assert.deepEqual(elsewhere.files.map((f) => f.action), ['created']);
    assert.ok(fs.readFileSync(path.join(dir, 'pulled/schema.sql'), 'utf8').includes('CREATE TABLE'));
  });
});

describe('SQLite: exportData', () => {
  test('writes JSON by default, CSV and SQLite when asked', async () => {
    const dir = await sqliteProject();
    await flash.raw('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)', { projectDir: dir });
    await flash.raw("INSERT INTO notes VALUES (1, 'x,y'), (2, ''), (3, NULL)", { projectDir: dir });
    const report = await flash.exportData({ projectDir: dir });
    assert.equal(report.format, 'json');
    assert.equal(report.rows, 3);
    assert.equal(path.dirname(report.path), path.join(fs.realpathSync(dir), 'db/export'));
    const doc = JSON.parse(fs.readFileSync(report.path, 'utf8'));
    assert.deepEqual(doc.data.notes.map((r) => r.body), ['x,y', '', null]);
    const csv = await flash.exportData({ projectDir: dir, format: 'csv', tables: ['notes'], output: 'out' });
    assert.deepEqual(csv.tables.map((t) => t.name), ['notes']);
    assert.equal(fs.readFileSync(path.join(dir, 'out/notes.csv'), 'utf8'), 'id,body\n1,"x,y"\n2,""\n3,\n');
    const db = await flash.exportData({ projectDir: dir, format: 'sqlite', output: 'out.db' });
    assert.ok(fs.existsSync(db.path));
    await rejectsWith(flash.exportData({ projectDir: dir, tables: ['nope'] }), flash.NotFoundError);
    await flash.raw('DELETE FROM notes', { projectDir: dir });
    const loaded = await flash.importData(report.path, { projectDir: dir, dataOnly: true });
    assert.equal(loaded.rows, 3);
    await rejectsWith(flash.importData(report.path, { projectDir: dir, dataOnly: true }), flash.StateError);
    await flash.raw('DELETE FROM notes', { projectDir: dir });
    const fromCsv = await flash.importData('out', { projectDir: dir });
    assert.equal(fromCsv.format, 'csv');
    assert.equal(fromCsv.rows, 3);
    await flash.raw('DELETE FROM notes', { projectDir: dir });
    assert.equal((await flash.importData(db.path, { projectDir: dir })).format, 'sqlite');
    const reset = await flash.reset({ projectDir: dir, force: true });
    assert.match(reset.backup, /_reset\.json$/);
    assert.equal((await flash.reset({ projectDir: dir, force: true, noBackup: true })).backup, undefined);
  });
});

describe('SQLite: seed', () => {
  test('fills a parent and a child, repeats with the seed, writes nothing on a dry run', async () => {
    const dir = await sqliteProject();
    await flash.raw('CREATE TABLE authors (id INTEGER PRIMARY KEY, email VARCHAR(100) NOT NULL UNIQUE, created_at DATETIME NOT NULL)', { projectDir: dir });
    await flash.raw('CREATE TABLE books (id INTEGER PRIMARY KEY, author_id INTEGER NOT NULL REFERENCES authors (id), title TEXT NOT NULL)', { projectDir: dir });
    const dry = await flash.seed({ projectDir: dir, tables: { books: 4 }, count: 2, seed: 3, dryRun: true });
    assert.equal(dry.dryRun, true);
    assert.deepEqual(dry.tables.map((t) => [t.name, t.rows, t.addedAsParent]), [['authors', 2, true], ['books', 4, false]]);
    // Column names stay as they are (report keys are camelCased, sample columns are not).
    assert.deepEqual(dry.tables[0].sample.columns, ['id', 'email', 'created_at']);
    assert.equal(dry.tables[0].sample.rows.length, 2);
    const none = await flash.raw('SELECT count(*) AS n FROM authors', { projectDir: dir });
    assert.deepEqual(none[0].rows, [['0']]);
    const report = await flash.seed({ projectDir: dir, tables: { books: 4 }, count: 2, seed: 3 });
    assert.equal(report.seed, 3);
    assert.equal(report.rows, 6);
    const again = await flash.seed({ projectDir: dir, tables: { books: 1 } });
    assert.deepEqual(again.reused, ['authors']);
    await rejectsWith(flash.seed({ projectDir: dir, truncate: true }), flash.NeedsConfirmationError);
    const done = await flash.seed({ projectDir: dir, truncate: true, yes: true, count: 1 });
    assert.deepEqual(done.truncated, ['authors', 'books']);
    await rejectsWith(flash.seed({ projectDir: dir, tables: { nope: 1 } }), flash.NotFoundError);
  });
});

describe('SQLite: branches', () => {
  test('create, checkout, list, diff, rename, delete', async () => {
    const dir = await sqliteProject();
    await flash.raw('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)', { projectDir: dir });
    await flash.raw("INSERT INTO notes VALUES (1, 'a')", { projectDir: dir });
    const created = await flash.createBranch('feature', { projectDir: dir });
    assert.equal(created.action, 'created');
    assert.equal(created.current, 'main');
    assert.equal(created.copied.tables, 1);
    assert.equal(created.copied.rows, null);
    assert.ok(created.location.endsWith('app__feature.db'), created.location);
    const switched = await flash.checkout('feature', { projectDir: dir });
    assert.equal(switched.current, 'feature');
    await flash.raw('CREATE TABLE tags (id INTEGER PRIMARY KEY)', { projectDir: dir });
    const list = await flash.branches({ projectDir: dir });
    assert.equal(list.current, 'feature');
    assert.deepEqual(list.branches.map((b) => [b.name, b.current]), [['main', false], ['feature', true]]);
    const diff = await flash.diffBranches('main', 'feature', { projectDir: dir });
    assert.equal(diff.hasChanges, true);
    assert.deepEqual(diff.changes, ['+ table tags']);
    assert.match(diff.up, /CREATE TABLE "tags"/);
    assert.match(diff.down, /DROP TABLE "tags"/);
    await rejectsWith(flash.deleteBranch('feature', { projectDir: dir }), flash.StateError);
    await rejectsWith(flash.createBranch('Bad Name', { projectDir: dir }), flash.InvalidRequestError);
    await flash.checkout('main', { projectDir: dir });
    const rows = await flash.raw("SELECT count(*) FROM sqlite_master WHERE name = 'tags'", { projectDir: dir });
    assert.deepEqual(rows[0].rows, [['0']]);
    const renamed = await flash.renameBranch('feature', 'done', { projectDir: dir });
    assert.equal(renamed.from, 'feature');
    assert.equal((await flash.deleteBranch('done', { projectDir: dir })).action, 'deleted');
    await rejectsWith(flash.checkout('done', { projectDir: dir }), flash.NotFoundError);
    const made = await flash.checkout('again', { projectDir: dir, create: true });
    assert.equal(made.current, 'again');
    assert.deepEqual((await flash.branches({ projectDir: dir })).branches.map((b) => b.name), ['main', 'again']);
  });
});
