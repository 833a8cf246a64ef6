import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SETTING_DOCS, SettingsError, loadSettings } from './settings.ts';
import { settingsTable } from './settings-table.ts';

test('defaults give the embedded mode on port 3000 with the educonnect realm', () => {
  const s = loadSettings({});
  assert.equal(s.port, 3000);
  assert.equal(s.databaseUrl, undefined);
  assert.equal(s.dataDir, './data');
  assert.equal(s.realm, 'educonnect');
  assert.equal(s.issuer, 'http://localhost:3000');
});

test('a wrong setting is one French sentence naming the variable and the value', () => {
  assert.throws(
    () => loadSettings({ PORT: 'abc' }),
    (e: unknown) => e instanceof SettingsError && /PORT doit être un nombre/.test(e.message) && /« abc »/.test(e.message),
  );
  assert.throws(
    () => loadSettings({ GUICHET_REALM: 'atlantis' }),
    (e: unknown) => e instanceof SettingsError && /GUICHET_REALM doit valoir educonnect ou eduprovence/.test(e.message),
  );
  assert.throws(
    () => loadSettings({ DATABASE_URL: 'mysql://x' }),
    (e: unknown) => e instanceof SettingsError && /DATABASE_URL doit commencer par postgres/.test(e.message),
  );
});

test('PostgreSQL requires a shared secret', () => {
  assert.throws(() => loadSettings({ DATABASE_URL: 'postgres://localhost/x' }), /GUICHET_SECRET est obligatoire/);
  const s = loadSettings({ DATABASE_URL: 'postgres://localhost/x', GUICHET_SECRET: 'x'.repeat(32) });
  assert.equal(s.databaseUrl, 'postgres://localhost/x');
});

test('the README shows the settings table generated from the code (npm run docs:settings)', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  assert.ok(readme.includes(settingsTable()), 'README settings table is stale: paste the output of npm run docs:settings');
  for (const doc of SETTING_DOCS) assert.ok(readme.includes(`\`${doc.env}\``), `${doc.env} missing from README`);
});
