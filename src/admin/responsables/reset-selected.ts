// SPEC §4 Réinitialiser le(s) mot(s) de passe — guide §5.5: only the accounts visible from the establishment,
// in one transaction with the authorization; Non notifié accounts are never reset (the guide's warning).
import { resetPasswords } from '../../accounts/reset.ts';
import { recordAudit, type Actor } from '../../audit/record.ts';
import type { Database } from '../../db/client.ts';
import type { AdminDeps } from '../deps.ts';
import { authorizeAccounts } from './authorization.ts';

export interface ResetSelectedOutcome {
  reset: number;
  notApplied: number;
  refused: number;
}

/** SPEC §4 reset, bulk or single: the new provisional passwords show at once on the account pages. */
export async function resetSelected(
  deps: AdminDeps,
  request: { establishmentId: number; staffId: number; accountIds: readonly string[]; ip?: string },
): Promise<ResetSelectedOutcome | null> {
  const actor: Actor = { kind: 'staff', id: request.staffId, ip: request.ip };
  return deps.db.transaction(async (tx) => {
    const { allowed, refused } = await authorizeAccounts(tx, request.establishmentId, request.accountIds);
    if (allowed.length === 0) return null;
    // resetPasswords opens its own transaction: inside ours it is a savepoint.
    const outcome = await resetPasswords({ ...deps, db: tx as unknown as Database }, { accountIds: allowed, establishmentId: request.establishmentId }, actor);
    const result = { reset: outcome.reset.length, notApplied: outcome.notApplied.length, refused: refused.length };
    await recordAudit(tx, actor, [{ action: 'console.passwords_reset', establishmentId: request.establishmentId, details: { ...result } }], deps.clock());
    return result;
  });
}
