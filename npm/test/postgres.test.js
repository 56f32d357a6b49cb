'use strict';
// The API against PostgreSQL (FLASH_TEST_POSTGRES_URL): a fresh database per run, dropped at
// the end. Without the URL the suite is skipped, but under CI=true it fails.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const {
  flash,
  PG_URL,
  IN_CI,
  postgresSkip,
  postgresDatabase,
  requirePostgres,
  rejectsWith,
} = require('./helpers.js');

const SCHEMA = `CREATE TABLE accounts (
  id BIGSERIAL PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
`;

if (IN_CI && !PG_URL) {
  test('CI=true requires FLASH_TEST_POSTGRES_URL', () => requirePostgres());
}

describe('PostgreSQL', postgresSkip(), () => {
  let db;
  let dir;

  before(async () => {
    db = await postgresDatabase();
    dir = db.dir;
    fs.writeFileSync(path.join(dir, 'db', 'schema', 'schema.sql'), SCHEMA);
  });

  after(async () => {
    if (db) await db.drop();
  });

  test('migrate → apply → status → raw → down', async () => {
    const planned = await flash.plan({ projectDir: dir });
    assert.equal(planned.hasChanges, true);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'db', 'migrations')), []);

    const written = await flash.migrate('accounts', { projectDir: dir });
    assert.equal(written.outcome, 'written');
    const applied = await flash.apply({ projectDir: dir });
    assert.deepEqual(applied.applied, [written.id]);

    const status = await flash.status({ projectDir: dir });
    assert.equal(status.provider, 'postgresql');
    assert.equal(status.applied, 1);
    assert.equal(status.migrations[0].state, 'applied');

    const results = await flash.raw(
      "INSERT INTO accounts (email) VALUES ('a@example.com'); SELECT email, NULL::text AS gone FROM accounts",
      { projectDir: dir },
    );
    assert.equal(results[0].rowsAffected, 1);
    assert.deepEqual(results[1].rows, [['a@example.com', null]]);

    await rejectsWith(flash.down({ projectDir: dir }), flash.NeedsConfirmationError);
    const down = await flash.down({ projectDir: dir, yes: true });
    assert.deepEqual(down.reverted, [written.id]);
    await rejectsWith(
      flash.raw('SELECT * FROM accounts', { projectDir: dir }),
      flash.DatabaseError,
    );
    assert.deepEqual((await flash.apply({ projectDir: dir })).applied, [written.id]);
  });

  test('a failing migration is a MigrationFailedError with its place', async () => {
    const empty = await flash.migrate('bad', { projectDir: dir, empty: true });
    assert.equal(empty.outcome, 'written');
    const text = fs.readFileSync(empty.path, 'utf8');
    // The template's Up section gets a statement that fails.
    const edited = text.replace(/(-- \+migrate Up[^\n]*\n)/, '$1SELECT * FROM no_such_table;\n');
    assert.notEqual(edited, text);
    fs.writeFileSync(empty.path, edited);
    const e = await rejectsWith(flash.apply({ projectDir: dir }), flash.MigrationFailedError);
    assert.ok(e.place && e.place.includes(empty.id), `place: ${e.place}`);
    fs.rmSync(empty.path);
  });

  test('the event loop stays free during a call', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 20);
    const started = Date.now();
    try {
      const [result] = await flash.raw('SELECT pg_sleep(0.5)', { projectDir: dir });
      assert.deepEqual(result.columns, ['pg_sleep']);
    } finally {
      clearInterval(timer);
    }
    assert.ok(Date.now() - started >= 450);
    assert.ok(ticks >= 10, `the timer fired ${ticks} times during a 0.5 s call`);
  });

  test('aborting the signal cancels a running statement within a second', async () => {
    const controller = new AbortController();
    const reason = new Error('enough');
    setTimeout(() => controller.abort(reason), 300);
    const started = Date.now();
    const e = await rejectsWith(
      flash.raw('SELECT pg_sleep(30)', { projectDir: dir, signal: controller.signal }),
      flash.CancelledError,
    );
    const ms = Date.now() - started;
    assert.ok(ms < 1300, `cancelled after ${ms} ms`);
    assert.equal(e.kind, 'cancelled');
    assert.equal(e.cause, reason);
    // The project still works.
    assert.equal((await flash.status({ projectDir: dir })).applied, 1);
  });

  test('a connection that fails is a ConnectionError', async () => {
    const url = new URL(db.url);
    url.pathname = '/flash_node_no_such_database';
    fs.writeFileSync(path.join(dir, '.env.nodb'), `DATABASE_URL=${url}\n`);
    await rejectsWith(flash.status({ projectDir: dir, env: 'nodb' }), flash.ConnectionError);
  });
});

describe('PostgreSQL lock timeout', postgresSkip(), () => {
  test('lockTimeout gives up on the lock another apply holds', async () => {
    const db = await postgresDatabase();
    try {
      fs.writeFileSync(path.join(db.dir, 'db', 'schema', 'schema.sql'), 'CREATE TABLE t (id BIGINT PRIMARY KEY);\n');
      const written = await flash.migrate('slow', { projectDir: db.dir });
      const text = fs.readFileSync(written.path, 'utf8');
      fs.writeFileSync(written.path, text.replace('-- +migrate Up\n', '-- +migrate Up\nSELECT pg_sleep(2);\n'));
      const first = flash.apply({ projectDir: db.dir });
      await new Promise((resolve) => setTimeout(resolve, 500));
      await rejectsWith(flash.apply({ projectDir: db.dir, lockTimeout: 0.3 }), flash.LockTimeoutError);
      assert.deepEqual((await first).applied, [written.id]);
    } finally {
      await db.drop();
    }
  });
});
