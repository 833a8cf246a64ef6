import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { auditEvents, establishments, statisticsSnapshots } from '../db/schema.ts';
import { seedDemo } from '../demo/seed-demo.ts';
import { testInstance, type TestInstance } from '../../test/helpers/test-instance.ts';
import { STATISTICS_CRON, STATISTICS_QUEUE, startStatisticsJobs } from './statistics.ts';

describe('nightly statistics job (SPEC §4 Statistiques)', () => {
  let g: TestInstance;
  before(async () => {
    g = await testInstance();
    await seedDemo(g.deps);
    await startStatisticsJobs(g.boss, { db: g.database.db, clock: g.clock }, { pollingIntervalSeconds: 0.5 });
  });
  after(async () => {
    await g?.close();
  });

  test('is scheduled at 02:30 Paris time', async () => {
    const schedules = await g.boss.getSchedules(STATISTICS_QUEUE);
    assert.equal(schedules.length, 1);
    assert.equal(schedules[0]!.cron, STATISTICS_CRON);
    assert.equal(STATISTICS_CRON, '30 2 * * *');
    assert.equal(schedules[0]!.timezone, 'Europe/Paris');
  });

  test('a job sent by hand recomputes every establishment', async () => {
    const all = await g.database.db.select({ id: establishments.id }).from(establishments);
    assert.equal((await g.database.db.select().from(statisticsSnapshots)).length, 0);
    await g.boss.send(STATISTICS_QUEUE);
    const deadline = Date.now() + 20_000;
    let snapshots = await g.database.db.select().from(statisticsSnapshots);
    while (snapshots.length < all.length && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      snapshots = await g.database.db.select().from(statisticsSnapshots);
    }
    assert.deepEqual(snapshots.map((s) => s.establishmentId).sort(), all.map((e) => e.id).sort());
    for (const s of snapshots) {
      assert.equal(s.computedAt.toISOString(), g.clock().toISOString());
      assert.ok((s.data as { summary: { accounts: number } }).summary.accounts > 0);
    }
    const deadlineAudit = Date.now() + 5_000;
    let audit = await g.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'statistics.computed_all'));
    while (audit.length === 0 && Date.now() < deadlineAudit) {
      await new Promise((r) => setTimeout(r, 100));
      audit = await g.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'statistics.computed_all'));
    }
    assert.equal(audit.length, 1);
    assert.equal((audit[0]!.details as { establishments: number }).establishments, all.length);
  });
});
