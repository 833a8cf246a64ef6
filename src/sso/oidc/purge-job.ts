// oidc_payloads keeps expired rows until they are purged (they are never read: the adapter filters them). An
// hourly pg-boss cron deletes them, one run at a time across processes.
import type { PgBoss } from 'pg-boss';
import type { Database } from '../../db/client.ts';
import { purgeExpiredOidcPayloads } from './adapter.ts';

export const OIDC_PURGE_QUEUE = 'oidc-purge';
export const OIDC_PURGE_CRON = '17 * * * *';

export async function startOidcPurgeJob(boss: PgBoss, deps: { db: Database; clock?: () => Date }): Promise<void> {
  await boss.createQueue(OIDC_PURGE_QUEUE, { policy: 'stately', expireInSeconds: 900, retryLimit: 2 });
  await boss.schedule(OIDC_PURGE_QUEUE, OIDC_PURGE_CRON, null, { tz: 'Europe/Paris' });
  await boss.work(OIDC_PURGE_QUEUE, { pollingIntervalSeconds: 60 }, async () => {
    await purgeExpiredOidcPayloads(deps.db, deps.clock?.() ?? new Date());
  });
}
