// SPEC §4 (Re)notify results: a distribution read back for its result page (or the account page), with the
// names of the guardians the e-mail could not reach.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/rows.ts';
import type { AdminDeps } from '../deps.ts';
import { uuidList } from '../responsables/sql-fragments.ts';
import { loadDistribution, type DistributionDetails } from './distribute-credentials.ts';

export interface DistributionView {
  batchId: string;
  details: DistributionDetails;
  /** The guardians of details.withoutEmail, shown by name ("NOM Prénom") in the guide's error. */
  withoutEmail: Array<{ firstName: string; lastName: string }>;
}

/** The result of the admin's own distribution in the current establishment, or null (404). */
export async function distributionView(deps: AdminDeps, query: { batchId: string; staffId: number; establishmentId: number }): Promise<DistributionView | null> {
  const batch = await loadDistribution(deps, query);
  if (!batch) return null;
  const ids = batch.details.withoutEmail;
  const withoutEmail =
    ids.length === 0
      ? []
      : await queryRows<{ firstName: string; lastName: string }>(
          deps.db,
          sql`select g.first_name as "firstName", g.last_name as "lastName"
            from accounts a
            join lateral (select first_name, last_name from guardians where account_id = a.id and gone_at is null order by id limit 1) g on true
            where a.id in ${uuidList(ids)}
            order by g.last_name, g.first_name`,
        );
  return { batchId: query.batchId, details: batch.details, withoutEmail };
}
