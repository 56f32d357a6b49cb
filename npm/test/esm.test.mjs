// The ES module entry: named exports, the default export, and the same objects as require().
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import flash, {
  version,
  status,
  raw,
  runCli,
  FlashError,
  ConfigError,
  CancelledError,
} from 'flash-orm';

const require = createRequire(import.meta.url);

test('import and require give the same API', () => {
  const cjs = require('flash-orm');
  assert.equal(flash, cjs);
  assert.equal(status, cjs.status);
  assert.equal(ConfigError, cjs.ConfigError);
  assert.equal(typeof raw, 'function');
  assert.equal(typeof runCli, 'function');
  assert.equal(version(), cjs.version());
  assert.ok(new CancelledError('x') instanceof FlashError);
});

test('an ESM call rejects with the shared error classes', async () => {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'flash-node-esm-'));
  try {
    await assert.rejects(status({ projectDir: dir }), (e) => e instanceof ConfigError);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
