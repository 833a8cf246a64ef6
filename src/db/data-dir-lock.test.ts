import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { DataDirLockedError, lockDataDir } from './data-dir-lock.ts';

test('a second lock on the same folder is refused with one clear sentence', () => {
  const dir = mkdtempSync(join(tmpdir(), 'guichet-lock-'));
  const lock = lockDataDir(dir);
  assert.equal(readFileSync(join(dir, 'guichet.lock'), 'utf8'), String(process.pid));
  assert.throws(() => lockDataDir(dir), (e: unknown) => e instanceof DataDirLockedError && /déjà utilisé par un autre Guichet/.test(e.message));
  lock.release();
  assert.equal(existsSync(join(dir, 'guichet.lock')), false);
  lockDataDir(dir).release();
});

test('a lock held by another live process is refused; one left by a dead process is taken over', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'guichet-lock-'));
  const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)']);
  try {
    writeFileSync(join(dir, 'guichet.lock'), String(sleeper.pid));
    assert.throws(() => lockDataDir(dir), DataDirLockedError);
  } finally {
    sleeper.kill();
    await new Promise((resolve) => sleeper.once('exit', resolve));
  }
  lockDataDir(dir).release(); // the holder is dead now
});
