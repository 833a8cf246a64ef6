// SPEC §2 "refreshed every night": a pg-boss cron reads the import folder at GUICHET_IMPORT_TIME (Paris), and a
// second one purges, at 04:00, the people past the retention period (SPEC §3). One run at a time across nodes.
import type { PgBoss } from 'pg-boss';
import { importAafFiles } from '../directory/import/run-aaf.ts';
import type { ImportDeps } from '../directory/import/run-common.ts';
import { formatImportSummary } from '../directory/import/summary.ts';
import { purgeExpiredPeople } from '../directory/retention.ts';

export const IMPORT_QUEUE = 'directory-import';
export const RETENTION_QUEUE = 'directory-retention';
export const RETENTION_CRON = '0 4 * * *';

/** "01:30" → the cron "30 1 * * *". */
export function dailyCron(time: string): string {
  const [hours, minutes] = time.split(':').map(Number);
  return `${minutes} ${hours} * * *`;
}

export interface DirectoryJobsDeps extends ImportDeps {
  importDir: string | undefined;
  importTime: string;
  retentionMonths: number;
  log: (line: string) => void;
  /** How often an idle worker looks for a job (default 60 s; tests use less). */
  pollingIntervalSeconds?: number;
}

export async function startDirectoryJobs(boss: PgBoss, deps: DirectoryJobsDeps): Promise<void> {
  await boss.createQueue(RETENTION_QUEUE, { policy: 'stately', expireInSeconds: 3_600, retryLimit: 2 });
  await boss.schedule(RETENTION_QUEUE, RETENTION_CRON, null, { tz: 'Europe/Paris' });
  await boss.work(RETENTION_QUEUE, { pollingIntervalSeconds: deps.pollingIntervalSeconds ?? 60 }, async () => {
    const outcome = await purgeExpiredPeople({ db: deps.db, clock: deps.clock, retentionMonths: deps.retentionMonths });
    deps.log(`conservation : ${JSON.stringify(outcome)}`);
  });

  await boss.createQueue(IMPORT_QUEUE, { policy: 'stately', expireInSeconds: 4 * 3_600, retryLimit: 0 });
  if (!deps.importDir) {
    await boss.unschedule(IMPORT_QUEUE);
    return;
  }
  const folder = deps.importDir;
  await boss.schedule(IMPORT_QUEUE, dailyCron(deps.importTime), null, { tz: 'Europe/Paris' });
  await boss.work(IMPORT_QUEUE, { pollingIntervalSeconds: deps.pollingIntervalSeconds ?? 60 }, async () => {
    const summary = await importAafFiles(deps, [folder]);
    deps.log(formatImportSummary(summary));
  });
}
