// Set-based reads and writes of accounts: one query for a whole batch, never one round trip per person.
import { inArray, sql } from 'drizzle-orm';
import { accounts } from '../db/schema.ts';
import type { Executor } from '../db/client.ts';

export type AccountRow = typeof accounts.$inferSelect;

/** Locks the rows for the rest of the transaction, so two admins notifying together do not interleave. */
export async function lockAccounts(db: Executor, ids: readonly string[]): Promise<AccountRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(accounts).where(inArray(accounts.id, [...ids])).orderBy(accounts.id).for('update');
}

/** The fields a lifecycle use case rewrites, fully computed from the locked row. */
export interface AccountChange {
  id: string;
  state: AccountRow['state'];
  origin: AccountRow['origin'];
  provisionalPassword: string | null;
  provisionalValidFrom: Date | null;
  passwordHash: string | null;
  distributedAt: Date | null;
}

export async function applyAccountChanges(db: Executor, changes: readonly AccountChange[], now: Date): Promise<void> {
  for (let i = 0; i < changes.length; i += 1000) {
    const chunk = changes.slice(i, i + 1000).map((c) => ({
      id: c.id,
      state: c.state,
      origin: c.origin,
      provisional_password: c.provisionalPassword,
      provisional_valid_from: c.provisionalValidFrom?.toISOString() ?? null,
      password_hash: c.passwordHash,
      distributed_at: c.distributedAt?.toISOString() ?? null,
    }));
    await db.execute(sql`update accounts a set
        state = v.state, origin = v.origin,
        provisional_password = v.provisional_password, provisional_valid_from = v.provisional_valid_from,
        password_hash = v.password_hash, distributed_at = v.distributed_at, updated_at = ${now}
      from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as v(
        id uuid, state text, origin text, provisional_password text, provisional_valid_from timestamptz,
        password_hash text, distributed_at timestamptz)
      where a.id = v.id`);
  }
}

export function changeOf(row: AccountRow): AccountChange {
  return {
    id: row.id,
    state: row.state,
    origin: row.origin,
    provisionalPassword: row.provisionalPassword,
    provisionalValidFrom: row.provisionalValidFrom,
    passwordHash: row.passwordHash,
    distributedAt: row.distributedAt,
  };
}
