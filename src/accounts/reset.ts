// SPEC §4 Réinitialiser le(s) mot(s) de passe — guide §5.5: a new provisional password, state unchanged.
import { nextStatus } from '../domain/account-state.ts';
import { resetApplies } from '../domain/letters.ts';
import { recordAudit, type Actor } from '../audit/record.ts';
import type { AccountsDeps } from './deps.ts';
import { issueProvisionalPassword } from './provisional.ts';
import { applyAccountChanges, changeOf, lockAccounts, type AccountChange } from './queries.ts';

export interface ResetOutcome {
  reset: Array<{ accountId: string; identifier: string; provisionalPassword: string }>;
  /** Non notifié accounts: never reset (bulk: the guide's warning; single: the option is not offered). */
  notApplied: string[];
  unknown: string[];
}

/** SPEC §4 reset: the old password stops working at once; the person must change the new one at next login. */
export async function resetPasswords(
  deps: AccountsDeps,
  request: { accountIds: readonly string[]; establishmentId?: number },
  actor: Actor,
): Promise<ResetOutcome> {
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const rows = await lockAccounts(tx, request.accountIds);
    const found = new Set(rows.map((r) => r.id));
    const outcome: ResetOutcome = { reset: [], notApplied: [], unknown: request.accountIds.filter((id) => !found.has(id)) };
    const changes: AccountChange[] = [];
    for (const row of rows) {
      if (!resetApplies(row.state)) {
        outcome.notApplied.push(row.id);
        continue;
      }
      const issued = issueProvisionalPassword(deps, row.id);
      changes.push({
        ...changeOf(row),
        ...nextStatus(row, 'admin_reset'),
        provisionalPassword: issued.sealed,
        provisionalValidFrom: now,
        passwordHash: null,
      });
      outcome.reset.push({ accountId: row.id, identifier: row.identifier, provisionalPassword: issued.clear });
    }
    await applyAccountChanges(tx, changes, now);
    await recordAudit(
      tx,
      actor,
      outcome.reset.map((r) => ({ action: 'account.password_reset', accountId: r.accountId, establishmentId: request.establishmentId })),
      now,
    );
    return outcome;
  });
}
