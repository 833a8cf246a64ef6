// The oidc_payloads adapter against the contract oidc-provider relies on, on PGlite and PostgreSQL.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openMigratedDatabase } from '../../main.ts';
import type { DatabaseHandle } from '../../db/client.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-database.ts';
import { countOidcPayloads, DrizzleOidcAdapter, purgeExpiredOidcPayloads } from './adapter.ts';

let testDatabase: TestDatabase;
let database: DatabaseHandle;
let now = new Date('2026-11-23T08:00:00Z');
const clock = () => now;

before(async () => {
  testDatabase = await createTestDatabase();
  database = await openMigratedDatabase(testDatabase.target);
});
after(async () => {
  await database?.close();
  await testDatabase?.drop();
});

test('upsert then find; a second upsert replaces the payload; the same id in another model is another row', async () => {
  const codes = new DrizzleOidcAdapter(database.db, 'AuthorizationCode', clock);
  const tokens = new DrizzleOidcAdapter(database.db, 'AccessToken', clock);
  await codes.upsert('same-id', { jti: 'same-id', grantId: 'g1', accountId: 'a' }, 60);
  await tokens.upsert('same-id', { jti: 'same-id', grantId: 'g1', accountId: 'b' }, 60);
  await codes.upsert('same-id', { jti: 'same-id', grantId: 'g1', accountId: 'c' }, 60);
  assert.equal((await codes.find('same-id'))?.accountId, 'c');
  assert.equal((await tokens.find('same-id'))?.accountId, 'b');
  assert.equal(await codes.find('missing'), undefined);
});

test('consume marks the payload (epoch seconds) without deleting it', async () => {
  const codes = new DrizzleOidcAdapter(database.db, 'AuthorizationCode', clock);
  await codes.upsert('to-consume', { jti: 'to-consume' }, 60);
  assert.equal((await codes.find('to-consume'))?.consumed, undefined);
  await codes.consume('to-consume');
  assert.equal((await codes.find('to-consume'))?.consumed, Math.floor(now.getTime() / 1000));
});

test('findByUid (sessions) and findByUserCode', async () => {
  const sessions = new DrizzleOidcAdapter(database.db, 'Session', clock);
  await sessions.upsert('session-1', { jti: 'session-1', uid: 'uid-1', accountId: 'a' }, 600);
  assert.equal((await sessions.findByUid('uid-1'))?.jti, 'session-1');
  assert.equal(await sessions.findByUid('uid-2'), undefined);
  const devices = new DrizzleOidcAdapter(database.db, 'DeviceCode', clock);
  await devices.upsert('device-1', { jti: 'device-1', userCode: 'ABCD-EFGH' }, 600);
  assert.equal((await devices.findByUserCode('ABCD-EFGH'))?.jti, 'device-1');
});

test('destroy and revokeByGrantId delete only their model’s rows', async () => {
  const access = new DrizzleOidcAdapter(database.db, 'AccessToken', clock);
  const refresh = new DrizzleOidcAdapter(database.db, 'RefreshToken', clock);
  await access.upsert('at-1', { jti: 'at-1', grantId: 'grant-x' }, 60);
  await access.upsert('at-2', { jti: 'at-2', grantId: 'grant-x' }, 60);
  await access.upsert('at-3', { jti: 'at-3', grantId: 'grant-y' }, 60);
  await refresh.upsert('rt-1', { jti: 'rt-1', grantId: 'grant-x' }, 60);
  await access.revokeByGrantId('grant-x');
  assert.equal(await access.find('at-1'), undefined);
  assert.equal(await access.find('at-2'), undefined);
  assert.ok(await access.find('at-3'));
  assert.ok(await refresh.find('rt-1'), 'the refresh token model revokes its own rows');
  await access.destroy('at-3');
  assert.equal(await access.find('at-3'), undefined);
});

test('an expired row is never read, and the purge deletes it; rows without expiry stay', async () => {
  const interactions = new DrizzleOidcAdapter(database.db, 'Interaction', clock);
  await interactions.upsert('short', { jti: 'short' }, 10);
  await interactions.upsert('forever', { jti: 'forever' });
  now = new Date(now.getTime() + 11_000);
  assert.equal(await interactions.find('short'), undefined);
  assert.ok(await interactions.find('forever'));
  const before = await countOidcPayloads(database.db, 'Interaction');
  const purged = await purgeExpiredOidcPayloads(database.db, now);
  assert.ok(purged >= 1);
  assert.equal(await countOidcPayloads(database.db, 'Interaction'), before - 1);
});
