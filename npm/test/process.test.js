'use strict';
// The package as processes see it: a script exits on its own after a call, and the `flash`
// bin (exit codes, Ctrl-C, output identical to the Rust binary when FLASH_RUST_BIN names it).

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const {
  flash,
  PG_URL,
  tmpdir,
  sqliteProject,
  postgresSkip,
  postgresDatabase,
  runBin,
  runProcess,
} = require('./helpers.js');

const entry = require.resolve('flash-orm');

/** A `node -e` script that runs `status` in `dir` and prints the report; no process.exit. */
function statusScript(dir) {
  return [
    `const flash = require(${JSON.stringify(entry)});`,
    `flash.status({ projectDir: ${JSON.stringify(dir)} })`,
    '  .then((r) => console.log(JSON.stringify(r)))',
    '  .catch((e) => { console.error(e); process.exitCode = 1; });',
  ].join('\n');
}

async function exitsOnItsOwn(dir) {
  const r = await runProcess(process.execPath, ['-e', statusScript(dir)], { timeoutMs: 10000 });
  assert.equal(r.signal, null, `killed after ${r.ms} ms: the process did not exit on its own`);
  assert.equal(r.code, 0, r.stderr.toString());
  assert.ok(r.ms < 5000, `exited after ${r.ms} ms`);
  assert.equal(JSON.parse(r.stdout.toString()).pending, 0);
}

describe('a process exits on its own after an API call', () => {
  test('SQLite', async () => {
    await exitsOnItsOwn(await sqliteProject());
  });

  test('PostgreSQL', postgresSkip(), async () => {
    const db = await postgresDatabase();
    try {
      await exitsOnItsOwn(db.dir);
    } finally {
      await db.drop();
    }
  });
});

test('without an addon, require fails naming the platform and the way out', () => {
  const dir = tmpdir();
  const src = path.dirname(entry);
  for (const f of ['index.js', 'platform.js', 'package.json']) {
    fs.copyFileSync(path.join(src, f), path.join(dir, f));
  }
  const { platformName } = require(path.join(src, 'platform.js'));
  const saved = process.env.FLASH_ORM_NATIVE_PATH;
  delete process.env.FLASH_ORM_NATIVE_PATH;
  try {
    assert.throws(
      () => require(path.join(dir, 'index.js')),
      (e) =>
        e.code === 'FLASH_ORM_NO_ADDON' &&
        e.message.includes(platformName()) &&
        e.message.includes(`flash-orm-${platformName()}`) &&
        e.message.includes('npm pack ./npm'),
    );
  } finally {
    if (saved !== undefined) process.env.FLASH_ORM_NATIVE_PATH = saved;
  }
});

describe('the flash bin', () => {
  let dir;
  before(async () => {
    dir = await sqliteProject();
  });

  test('--version: exit code 0', async () => {
    const r = await runBin(['--version']);
    assert.equal(r.code, 0, r.stderr.toString());
    assert.equal(r.stdout.toString().trim(), `flash ${flash.version()}`);
  });

  test('status in a project: exit code 0', async () => {
    const r = await runBin(['status'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr.toString());
  });

  test('an error: exit code 1', async () => {
    const r = await runBin(['status'], { cwd: tmpdir() });
    assert.equal(r.code, 1);
    assert.match(r.stderr.toString(), /flash\.toml/);
  });

  test('a usage error: exit code 2', async () => {
    const r = await runBin(['no-such-command']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout.length, 0);
    assert.match(r.stderr.toString(), /no-such-command/);
  });

  test('runCli returns the exit code', async () => {
    // In a child process: the command prints, and takes over Ctrl-C for the process.
    const script = `process.exitCode = 10 + require(${JSON.stringify(entry)}).runCli(['flash', 'no-such-command']);`;
    const r = await runProcess(process.execPath, ['-e', script]);
    assert.equal(r.code, 12);
    assert.match(r.stderr.toString(), /no-such-command/);
    assert.throws(() => flash.runCli('flash --version'), TypeError);
  });

  test('output is byte-identical to the Rust binary', { skip: !process.env.FLASH_RUST_BIN && 'FLASH_RUST_BIN is not set' }, async () => {
    const rust = process.env.FLASH_RUST_BIN;
    assert.ok(fs.existsSync(rust), `FLASH_RUST_BIN=${rust} does not exist`);
    const empty = tmpdir();
    const cases = [
      { args: ['--help'] },
      { args: ['--version'] },
      { args: ['no-such-command'] },
      { args: ['status'], cwd: dir },
      { args: ['dblist'], cwd: dir },
      { args: ['migrate', 'users', '--dry-run'], cwd: dir },
      { args: ['raw', "SELECT 1 AS one, 'x' AS two, NULL AS three"], cwd: dir },
      { args: ['raw', 'SELECT * FROM nope'], cwd: dir },
      { args: ['status'], cwd: empty },
    ];
    for (const c of cases) {
      const js = await runBin(c.args, { cwd: c.cwd });
      const native = await runProcess(rust, c.args, { cwd: c.cwd });
      const what = `flash ${c.args.join(' ')}`;
      assert.equal(js.code, native.code, `${what}: exit code`);
      assert.equal(js.stdout.toString(), native.stdout.toString(), `${what}: stdout`);
      assert.equal(js.stderr.toString(), native.stderr.toString(), `${what}: stderr`);
      assert.ok(js.stdout.equals(native.stdout) && js.stderr.equals(native.stderr), what);
    }
  });
});

describe('the flash bin on PostgreSQL', postgresSkip(), () => {
  let db;
  before(async () => {
    db = await postgresDatabase();
  });
  after(async () => {
    if (db) await db.drop();
  });

  test('SIGINT during a long statement: exit code 130', async () => {
    assert.ok(PG_URL);
    const r = await runBin(['raw', 'SELECT pg_sleep(30)'], {
      cwd: db.dir,
      timeoutMs: 15000,
      onSpawn: (child) => setTimeout(() => child.kill('SIGINT'), 1500),
    });
    assert.equal(r.signal, null, `ended by ${r.signal} after ${r.ms} ms`);
    assert.equal(r.code, 130, r.stderr.toString());
    assert.ok(r.ms < 5000, `exited after ${r.ms} ms`);
    assert.match(r.stderr.toString(), /interrupted/);
  });

  test('raw on PostgreSQL: exit codes 0 and 1', async () => {
    assert.equal((await runBin(['raw', 'SELECT 1'], { cwd: db.dir })).code, 0);
    assert.equal((await runBin(['raw', 'SELECT * FROM nope'], { cwd: db.dir })).code, 1);
    // The project's files are untouched by a bin run.
    assert.ok(fs.existsSync(path.join(db.dir, 'flash.toml')));
  });
});
