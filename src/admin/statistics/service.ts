// The Statistiques tab's use cases (SPEC §4, guide §6.1): read the last snapshot, recompute on demand.
import { recordAudit } from '../../audit/record.ts';
import type { AdministeredEstablishment, StaffSession } from '../auth/session.ts';
import type { AdminDeps } from '../deps.ts';
import { computeStatistics } from './compute.ts';
import { loadSnapshot, type StoredSnapshot } from './queries.ts';

/** SPEC §4 Statistiques: the figures shown, those of the last computation (nightly or on demand). */
export function readStatistics(deps: Pick<AdminDeps, 'db'>, establishment: AdministeredEstablishment): Promise<StoredSnapshot | null> {
  return loadSnapshot(deps.db, establishment.id);
}

/** SPEC §4 "Calculer les statistiques" — guide §6.1: recomputes the chosen establishment only, audited. */
export async function recomputeStatistics(
  deps: Pick<AdminDeps, 'db' | 'clock'>,
  context: { session: StaffSession; establishment: AdministeredEstablishment; ip?: string },
): Promise<void> {
  const now = deps.clock();
  await deps.db.transaction(async (tx) => {
    await computeStatistics(tx, [context.establishment.id], now);
    await recordAudit(
      tx,
      { kind: 'staff', id: context.session.staffId, ip: context.ip },
      [{ action: 'statistics.computed', establishmentId: context.establishment.id }],
      now,
    );
  });
}
