// SPEC §4 / security baseline: an id from a page is never trusted. Every action keeps only the accounts
// visible from the admin's current establishment (SPEC §3 rev., siblings across schools).
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { linkedToEstablishment, uuidList } from './sql-fragments.ts';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Distinct well-formed ids, in the order they came (the order of the letters in a PDF). */
export function cleanIds(values: readonly unknown[]): string[] {
  // A row of the results is `accountId:studentId`; account actions only need the account.
  const ids = values.filter((v): v is string => typeof v === 'string').map((v) => v.split(':')[0]!.trim().toLowerCase());
  return [...new Set(ids.filter((id) => UUID.test(id)))];
}

/** The ids among `ids` that the establishment may act on, in the same order; the others are refused. */
export async function authorizeAccounts(
  db: Executor,
  establishmentId: number,
  ids: readonly string[],
): Promise<{ allowed: string[]; refused: string[] }> {
  if (ids.length === 0) return { allowed: [], refused: [] };
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select a.id from accounts a where a.id in ${uuidList(ids)} and ${linkedToEstablishment(sql`a.id`, establishmentId)}`,
  );
  const visible = new Set(rows.map((r) => r.id));
  return { allowed: ids.filter((id) => visible.has(id)), refused: ids.filter((id) => !visible.has(id)) };
}
