// SPEC §2 "refreshed every night" and §3 retention: the pg-boss schedules and what their jobs do.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { PgBoss } from 'pg-boss';
import { sql } from 'drizzle-orm';
import { startJobs } from '../../src/jobs/boss.ts';
import { dailyCron, IMPORT_QUEUE, RETENTION_CRON, RETENTION_QUEUE, startDirectoryJobs } from '../../src/jobs/directory.ts';
import { queryRows } from '../../src/db/rows.ts';
import { importTestbed, type ImportTestbed } from './import-fixture.ts';

describe('nightly directory jobs', () => {
  let t: ImportTestbed;
  let boss: PgBoss;
  const logged: string[] = [];
  before(async () => {
    t = await importTestbed();
    boss = await startJobs(t.database, { connectionString: t.target.kind === 'postgres' ? t.target.url : undefined });
    await startDirectoryJobs(boss, {
      ...t.deps,
      importDir: 'test/fixtures/aaf/2d-full-2026-09-01',
      importTime: '01:30',
      retentionMonths: 3,
      log: (line) => logged.push(line),
      pollingIntervalSeconds: 0.5,
    });
  });
  after(async () => {
    await boss?.stop({ graceful: false });
    await t?.close();
  });

  test('the import runs at GUICHET_IMPORT_TIME and the purge at 04:00, Paris time', async () => {
    assert.equal(dailyCron('01:30'), '30 1 * * *');
    assert.equal(dailyCron('23:05'), '5 23 * * *');
    const [importSchedule] = await boss.getSchedules(IMPORT_QUEUE);
    assert.deepEqual([importSchedule!.cron, importSchedule!.timezone], ['30 1 * * *', 'Europe/Paris']);
    const [retention] = await boss.getSchedules(RETENTION_QUEUE);
    assert.deepEqual([retention!.cron, retention!.timezone], [RETENTION_CRON, 'Europe/Paris']);
  });

  test('a nightly import job reads the configured folder and logs its summary', async () => {
    await boss.send(IMPORT_QUEUE);
    const deadline = Date.now() + 60_000;
    let runs: Array<{ status: string }> = [];
    while (Date.now() < deadline) {
      runs = await queryRows<{ status: string }>(t.deps.db, sql`select status from import_runs`);
      if (runs.some((r) => r.status === 'done')) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    assert.deepEqual(runs, [{ status: 'done' }]);
    const students = await queryRows<{ n: number }>(t.deps.db, sql`select count(*)::int as n from students`);
    assert.equal(students[0]!.n, 8);
    for (let i = 0; i < 20 && logged.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    assert.match(logged.join('\n'), /Import n° \d+ terminé/);
  });
});
