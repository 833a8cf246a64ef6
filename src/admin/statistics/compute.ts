// SPEC §4 Statistiques: computed every night for every establishment, and on demand for one (guide §6.1).
import type { Executor } from '../../db/client.ts';
import { statisticsByEstablishment } from '../../domain/statistics.ts';
import { listEstablishmentIds, loadStatisticsLinks, upsertSnapshots } from './queries.ts';

export const STATISTICS_BATCH_SIZE = 200;

export interface ComputeOutcome {
  establishments: number;
  batches: number;
}

/**
 * SPEC §4 Statistiques — guide §6.1: recomputes and stores the snapshots of the given establishments (or of all
 * of them), batch by batch: per batch one read of the links and one multi-row upsert, never a query per school.
 */
export async function computeStatistics(
  db: Executor,
  establishmentIds: readonly number[] | 'all',
  now: Date,
  options: { batchSize?: number } = {},
): Promise<ComputeOutcome> {
  const ids = establishmentIds === 'all' ? await listEstablishmentIds(db) : [...new Set(establishmentIds)];
  const batchSize = options.batchSize ?? STATISTICS_BATCH_SIZE;
  let batches = 0;
  for (let i = 0; i < ids.length; i += batchSize) {
    const batch = ids.slice(i, i + batchSize);
    const links = await loadStatisticsLinks(db, batch);
    await upsertSnapshots(db, statisticsByEstablishment(batch, links), now);
    batches += 1;
  }
  return { establishments: ids.length, batches };
}
