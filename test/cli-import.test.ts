// `guichet import aaf|csv` and `guichet staff password` as an operator runs them: progress, summary, exit codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dataDir = mkdtempSync(join(tmpdir(), 'guichet-cli-import-'));

function guichet(...args: string[]) {
  const { DATABASE_URL: _d, GUICHET_SECRET: _s, ...env } = process.env;
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    env: { ...env, GUICHET_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

test('import aaf prints each file and a summary; a broken file makes the exit code 1', () => {
  const ok = guichet('import', 'aaf', 'test/fixtures/aaf/2d-full-2026-09-01');
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stderr, /\[1\/5\] ENT2DAIX_Complet_20260901_EtabEducNat_0000\.xml\s+100 %/);
  assert.match(ok.stdout, /élèves : 8 créé\(s\)/);
  assert.match(ok.stdout, /Comptes pré-créés : 5 responsable\(s\), 6 élève\(s\)\./);

  const bad = guichet('import', 'aaf', 'test/fixtures/aaf/bad');
  assert.equal(bad.status, 1);
  assert.match(bad.stdout, /ÉCHEC ENT2DAIX_Complet_20260901_Eleve_0100\.xml : .*n'est pas un fichier XML/);
  assert.match(bad.stdout, /ENT2DAIX_Complet_20260901_Eleve_0102\.xml, ligne 43 : date de naissance invalide : 31\/02\/2012/);

  const missing = guichet('import', 'aaf', '/nulle/part');
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /guichet : « \/nulle\/part » n'existe pas\./);
});

test('import csv reads the template; staff password gives an imported head a password once', () => {
  const csv = guichet('import', 'csv', 'docs/import-csv-modele.csv');
  assert.equal(csv.status, 0, csv.stderr);
  assert.match(csv.stdout, /Comptes pré-créés : 3 responsable\(s\), 2 élève\(s\)\./);

  const password = guichet('staff', 'password', 'catherine.moreau');
  assert.equal(password.status, 0, password.stderr);
  assert.match(password.stdout, /Nouveau mot de passe de catherine\.moreau .*: [A-Za-z0-9]{16}\n$/);
  const unknown = guichet('staff', 'password', 'personne.inconnue');
  assert.equal(unknown.status, 1);
  assert.match(unknown.stderr, /aucun personnel n'a l'identifiant « personne\.inconnue »/);
});
