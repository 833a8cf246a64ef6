// SPEC §4 Statistiques: "calculées automatiquement toutes les nuits" (guide §6.1) — a pg-boss cron at 02:30
// Paris time, whose worker recomputes every establishment in batches.
import type { PgBoss } from 'pg-boss';
import { performance } from 'node:perf_hooks';
import type { Database } from '../db/client.ts';
import type { Clock } from '../shared/clock.ts';
import { recordAudit, SYSTEM } from '../audit/record.ts';
import { computeStatistics, STATISTICS_BATCH_SIZE } from '../admin/statistics/compute.ts';

export const STATISTICS_QUEUE = 'statistics-nightly';
export const STATISTICS_CRON = '30 2 * * *';

export interface StatisticsJobDeps {
  db: Database;
  clock: Clock;
}

/** SPEC §4 Statistiques, nightly: the queue, its schedule and its worker (one run at a time across nodes). */
export async function startStatisticsJobs(boss: PgBoss, deps: StatisticsJobDeps, options: { pollingIntervalSeconds?: number } = {}): Promise<void> {
  // "stately": at most one run queued and one running, even with several processes and a slow night.
  await boss.createQueue(STATISTICS_QUEUE, { policy: 'stately', expireInSeconds: 3_600, retryLimit: 2 });
  await boss.schedule(STATISTICS_QUEUE, STATISTICS_CRON, null, { tz: 'Europe/Paris' });
  await boss.work(STATISTICS_QUEUE, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 30 }, async () => {
    await recomputeAllStatistics(deps);
  });
}

/** SPEC §4 Statistiques, nightly run: every establishment, batch by batch; audited with its figures. */
export async function recomputeAllStatistics(deps: StatisticsJobDeps): Promise<{ establishments: number; batches: number }> {
  const now = deps.clock();
  const started = performance.now();
  const outcome = await computeStatistics(deps.db, 'all', now, { batchSize: STATISTICS_BATCH_SIZE });
  await recordAudit(deps.db, SYSTEM, [{ action: 'statistics.computed_all', details: { ...outcome, ms: Math.round(performance.now() - started) } }], now);
  return outcome;
}
