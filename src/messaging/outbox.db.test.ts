// The outbox is transactional with its use case: rows and jobs commit, or roll back, together.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { inArray } from 'drizzle-orm';
import { outbox } from '../db/schema.ts';
import { createOutboxQueue, enqueueMessages, OUTBOX_QUEUE, type OutgoingMessage } from './outbox.ts';
import { outboxTestKit, type OutboxTestKit } from './outbox-test-kit.ts';

const message = (i: number): OutgoingMessage => ({
  channel: 'email',
  recipient: `parent${i}@example.org`,
  subject: 'Sujet',
  text: `Bonjour ${i}`,
  html: `<p>Bonjour ${i}</p>`,
  template: 'C02',
});

describe('outbox', () => {
  let kit: OutboxTestKit;
  before(async () => {
    kit = await outboxTestKit();
  });
  after(async () => {
    await kit?.close();
  });

  test('before the queue is created, enqueueing refuses with a sentence rather than waiting forever', async () => {
    await assert.rejects(
      kit.database.db.transaction((tx) => enqueueMessages(tx, kit.boss, [message(0)])),
      (error: Error) => error.name === 'OutboxQueueMissingError' && /startOutboxWorker/.test(error.message),
    );
    await createOutboxQueue(kit.boss);
  });

  test('a committed transaction leaves one pending row and one job per message', async () => {
    const ids = await kit.database.db.transaction((tx) => enqueueMessages(tx, kit.boss, [message(1), message(2), message(3)]));
    assert.equal(ids.length, 3);
    const rows = await kit.database.db.select().from(outbox).where(inArray(outbox.id, ids));
    assert.deepEqual(
      rows.map((r) => [r.status, r.attempts, r.template]),
      [
        ['pending', 0, 'C02'],
        ['pending', 0, 'C02'],
        ['pending', 0, 'C02'],
      ],
    );
    for (const id of ids) {
      const jobs = await kit.boss.findJobs<{ outboxId: string }>(OUTBOX_QUEUE, { id });
      assert.equal(jobs.length, 1);
      assert.deepEqual(jobs[0]!.data, { outboxId: id });
      assert.equal(jobs[0]!.retryLimit, 5);
    }
  });

  test('a rolled-back transaction leaves neither row nor job', async () => {
    let ids: string[] = [];
    await assert.rejects(
      kit.database.db.transaction(async (tx) => {
        ids = await enqueueMessages(tx, kit.boss, [message(4), message(5)]);
        throw new Error('the use case fails after enqueueing');
      }),
      /the use case fails/,
    );
    assert.equal(ids.length, 2);
    assert.equal((await kit.database.db.select().from(outbox).where(inArray(outbox.id, ids))).length, 0);
    for (const id of ids) assert.equal((await kit.boss.findJobs(OUTBOX_QUEUE, { id })).length, 0);
  });

  test('a bulk of 2,500 messages is written in a few statements', async () => {
    const started = Date.now();
    const ids = await kit.database.db.transaction((tx) =>
      enqueueMessages(tx, kit.boss, Array.from({ length: 2_500 }, (_, i) => message(100 + i))),
    );
    assert.equal(new Set(ids).size, 2_500);
    assert.equal((await kit.boss.findJobs(OUTBOX_QUEUE, { limit: 10_000 })).length, 2_503);
    assert.ok(Date.now() - started < 20_000);
  });

  test('nothing to send: no statement, no job', async () => {
    assert.deepEqual(await kit.database.db.transaction((tx) => enqueueMessages(tx, kit.boss, [])), []);
  });
});
