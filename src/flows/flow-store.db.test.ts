import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createFlow, deleteFlow, loadFlow, purgeExpiredFlows, updateFlow } from './flow-store.ts';
import { testInstance, type TestInstance } from '../../test/helpers/test-instance.ts';

let g: TestInstance;
before(async () => {
  g = await testInstance();
});
after(async () => {
  await g?.close();
});

test('a flow is a persisted record with a kind, a state, an expiry and its own CSRF token', async () => {
  const flow = await createFlow(g.database.db, { kind: 'first-login', state: 'password', data: { step: 1 }, ttlMs: 60_000 }, g.clock());
  assert.match(flow.csrfToken, /^[A-Za-z0-9_-]{43}$/);
  const loaded = await loadFlow(g.database.db, flow.id, 'first-login', g.clock());
  assert.deepEqual(loaded?.data, { step: 1 });
  assert.equal(await loadFlow(g.database.db, flow.id, 'sms-registration', g.clock()), null, 'never under another kind');
  assert.equal(await loadFlow(g.database.db, 'not-a-uuid', 'first-login', g.clock()), null);

  await updateFlow(g.database.db, flow.id, { state: 'email', data: { step: 2 }, attempts: 1 }, g.clock());
  const moved = await loadFlow(g.database.db, flow.id, ['first-login'], g.clock());
  assert.equal(moved?.state, 'email');
  assert.equal(moved?.attempts, 1);

  g.clock.advance(61_000);
  assert.equal(await loadFlow(g.database.db, flow.id, 'first-login', g.clock()), null, 'expired');
  assert.equal(await purgeExpiredFlows(g.database.db, g.clock()), 1);
  const other = await createFlow(g.database.db, { kind: 'recovery', state: 'start', data: {}, ttlMs: 60_000 }, g.clock());
  await deleteFlow(g.database.db, other.id);
  assert.equal(await loadFlow(g.database.db, other.id, 'recovery', g.clock()), null);
});
