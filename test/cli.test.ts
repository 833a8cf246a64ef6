// The CLI as an operator meets it: one clear sentence and a non-zero exit for every bad start, and `serve` for real.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = ['--import', 'tsx', 'src/cli.ts'];
const cleanEnv = () => {
  const { DATABASE_URL: _d, GUICHET_SECRET: _s, PORT: _p, GUICHET_DATA_DIR: _g, ...env } = process.env;
  return { ...env, LOG_LEVEL: 'warn' };
};

function guichet(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, [...CLI, ...args], { env: { ...cleanEnv(), ...env }, encoding: 'utf8', timeout: 60_000 });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs = 90_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`timeout waiting for ${pattern}; output so far:\n${out}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (pattern.test(out)) {
        clearTimeout(timer);
        resolve(out);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before ${pattern}; output:\n${out}`));
    });
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

test('a wrong setting stops with one French sentence and exit code 1', () => {
  const result = guichet(['migrate'], { PORT: 'abc', GUICHET_DATA_DIR: mkdtempSync(join(tmpdir(), 'guichet-cli-')) });
  assert.equal(result.status, 1);
  assert.equal(result.stderr, 'guichet : Réglages invalides : PORT doit être un nombre (valeur reçue : « abc »)\n');
});

test('an unreachable PostgreSQL stops with one sentence, without the password', () => {
  const result = guichet(['migrate'], {
    DATABASE_URL: 'postgres://guichet:s3cret@127.0.0.1:1/nowhere',
    GUICHET_SECRET: 'x'.repeat(32),
  });
  assert.equal(result.status, 1);
  assert.match(result.stderr, /^guichet : La base de données PostgreSQL 127\.0\.0\.1:1\/nowhere est injoignable \(.*\) : vérifiez DATABASE_URL/);
  assert.equal(result.stderr.trim().split('\n').length, 1);
  assert.doesNotMatch(result.stderr, /s3cret/);
});

test('migrate twice on the embedded database: both succeed', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'guichet-cli-'));
  for (let i = 0; i < 2; i++) {
    const result = guichet(['migrate'], { GUICHET_DATA_DIR: dataDir });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /Migrations appliquées sur PGlite/);
  }
  assert.ok(existsSync(join(dataDir, 'secret.key')) === false, 'migrate alone needs no secret');
});

test('serve seeds the demo, prints the credentials, answers; a second Guichet on the same folder is refused', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'guichet-cli-'));
  const port = await freePort();
  const server = spawn(process.execPath, [...CLI, 'serve', '--seed-demo-if-empty'], {
    env: { ...cleanEnv(), GUICHET_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' },
  });
  try {
    const banner = await waitForOutput(server, /Comptes de démonstration[\s\S]*directrice\.demo.*\n/);
    assert.match(banner, new RegExp(`Guichet \\(educonnect\\) est prêt : http://localhost:${port}`));
    assert.match(banner, /directeur\.demo .*Demo-Guichet-2026/);
    assert.match(banner, /BUNZ57DM/);

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    assert.equal(health.status, 200);
    const home = await (await fetch(`http://127.0.0.1:${port}/`)).text();
    assert.match(home, /Identifiant/);

    const second = guichet(['migrate'], { GUICHET_DATA_DIR: dataDir });
    assert.equal(second.status, 1);
    assert.match(second.stderr, /^guichet : Le dossier de données .* est déjà utilisé par un autre Guichet \(processus \d+\)/);
  } finally {
    assert.equal(await stop(server), 0);
  }
  assert.equal(existsSync(join(dataDir, 'guichet.lock')), false, 'the lock is released at shutdown');
});
