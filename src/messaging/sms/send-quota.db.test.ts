import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DatabaseHandle } from '../../db/client.ts';
import { openMigratedDatabase } from '../../main.ts';
import { throttleWait } from '../../auth/throttle.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-database.ts';
import { SEND_QUOTA_WINDOW_MS, smsQuotaKey, takeSendQuota } from './send-quota.ts';

describe('send quotas (security baseline: no flooding of a phone or a mailbox)', () => {
  let testDatabase: TestDatabase;
  let database: DatabaseHandle;
  before(async () => {
    testDatabase = await createTestDatabase();
    database = await openMigratedDatabase(testDatabase.target);
  });
  after(async () => {
    await database?.close();
    await testDatabase?.drop();
  });

  test('a window allows `limit` sends, refuses the next ones, and starts again once over', async () => {
    const key = smsQuotaKey('+33639980004');
    const now = new Date('2026-11-23T08:00:00Z');
    const taken: boolean[] = [];
    for (let i = 0; i < 4; i++) taken.push(await takeSendQuota(database.db, key, 3, new Date(now.getTime() + i * 60_000)));
    assert.deepEqual(taken, [true, true, true, false]);
    assert.equal(await takeSendQuota(database.db, key, 3, new Date(now.getTime() + SEND_QUOTA_WINDOW_MS - 1)), false);
    assert.equal(await takeSendQuota(database.db, key, 3, new Date(now.getTime() + SEND_QUOTA_WINDOW_MS + 1)), true);
    assert.equal(await takeSendQuota(database.db, smsQuotaKey('+33639980005'), 3, now), true, 'another number has its own quota');
    assert.equal(await throttleWait(database.db, [{ key, scope: 'account' }], now), 0, 'a quota never blocks a login');
  });
});
