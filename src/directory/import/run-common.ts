// What every import run shares: its dependencies, its options, and its end — accounts and statistics follow the
// directory (SPEC §3 eligibility and retention, SPEC §4 statistics "recalculées après chaque import").
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import type { Realm } from '../../realms/realm.ts';
import type { Clock } from '../../shared/clock.ts';
import { recordAudit, SYSTEM } from '../../audit/record.ts';
import { computeStatistics } from '../../admin/statistics/compute.ts';
import { precreateEligibleAccounts } from './precreate-eligible.ts';
import { refreshQualification } from './qualification.ts';
import { closeRun } from './run-ledger.ts';
import type { ImportSummary } from './summary.ts';

export interface ImportDeps {
  db: Database;
  clock: Clock;
  realm: Realm;
  /** Academy code for structures whose file names none (default "AAF"). */
  defaultAcademyCode?: string;
  /** Entries per database batch (default 1,000). */
  batchSize?: number;
  /** Where unexpected errors are written with their stack (never a password: the directory carries none). */
  log?: (line: string) => void;
}

export interface ImportProgress {
  file: string;
  /** 0-based index of the file in the run, and how many there are. */
  index: number;
  total: number;
  bytesRead: number;
  totalBytes: number;
  entries: number;
}

export interface ImportOptions {
  /** Read again files already imported with the same content (a full export is idempotent; a delta is not). */
  again?: boolean;
  onProgress?: (progress: ImportProgress) => void;
}

/** A bad command line or a missing path: one French sentence, nothing read. */
export class ImportInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportInputError';
  }
}

/** After the files: qualification dates, pre-created accounts, statistics, the run's summary and its audit. */
export async function finishRun(deps: ImportDeps, summary: ImportSummary, started: number, status: 'done' | 'failed' = 'done'): Promise<ImportSummary> {
  summary.phases.files = Math.round(performance.now() - started);
  if (status === 'done') {
    const accountsStarted = performance.now();
    // The tables were just written in bulk: fresh statistics keep the set-based queries below on good plans.
    await deps.db.execute(sql`analyze establishments, classes, students, guardians, guardian_students, accounts, staff`);
    summary.qualification = await deps.db.transaction((tx) => refreshQualification(tx, deps.realm, deps.clock()));
    const { unnamed, ...accounts } = await precreateEligibleAccounts(deps);
    summary.accounts = accounts;
    for (const person of unnamed) summary.warnings.push({ at: { file: '(comptes)', line: 0 }, message: `${person.sourceKey ?? 'personne sans clé'} : ${person.reason} — pas de compte pré-créé` });
    summary.warningsTotal += unnamed.length;
    summary.phases.accounts = Math.round(performance.now() - accountsStarted);
    const statisticsStarted = performance.now();
    await computeStatistics(deps.db, 'all', deps.clock());
    summary.phases.statistics = Math.round(performance.now() - statisticsStarted);
  }
  summary.durationMs = Math.round(performance.now() - started);
  const now = deps.clock();
  await closeRun(deps.db, summary, status, now);
  await recordAudit(deps.db, SYSTEM, [{
    action: status === 'done' ? 'directory.imported' : 'directory.import_failed',
    details: {
      runId: summary.runId,
      source: summary.source,
      files: summary.files.length,
      failedFiles: summary.files.filter((f) => f.status === 'failed').length,
      counts: summary.counts,
      accounts: summary.accounts,
      rejected: summary.rejectedTotal,
    },
  }], now);
  return summary;
}
