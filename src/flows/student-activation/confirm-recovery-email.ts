// SPEC §5 rev. student e-mail verification: the link sent to a recovery address given at activation. Single-use,
// expiring, and only for the account's current address: a link to an address replaced since no longer counts.
import { and, eq } from 'drizzle-orm';
import type { AccountsDeps } from '../../accounts/deps.ts';
import { recordAudit } from '../../audit/record.ts';
import { accounts, emailVerifications } from '../../db/schema.ts';
import { tokenHash } from '../../shared/tokens.ts';

export type RecoveryEmailOutcome =
  | { outcome: 'verified'; identifier: string; email: string }
  | { outcome: 'already_verified'; identifier: string; email: string }
  | { outcome: 'expired' }
  | { outcome: 'unknown' };

/** SPEC §5 rev.: GET /activation/<token> for a link of purpose 'recovery_email'; one transaction, audited. */
export async function confirmRecoveryEmail(deps: AccountsDeps, token: string, ip?: string): Promise<RecoveryEmailOutcome> {
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const [link] = await tx
      .select()
      .from(emailVerifications)
      .where(and(eq(emailVerifications.tokenHash, tokenHash(token)), eq(emailVerifications.purpose, 'recovery_email')))
      .for('update');
    if (!link) return { outcome: 'unknown' } as const;
    const [account] = await tx.select().from(accounts).where(eq(accounts.id, link.accountId)).for('update');
    if (!account) return { outcome: 'unknown' } as const;
    const current = (account.email ?? '').toLowerCase() === link.email.toLowerCase();
    if (link.usedAt) {
      return current && account.emailVerified ? ({ outcome: 'already_verified', identifier: account.identifier, email: link.email } as const) : ({ outcome: 'expired' } as const);
    }
    if (link.expiresAt <= now || !current) return { outcome: 'expired' } as const;
    await tx.update(accounts).set({ emailVerified: true, emailOwnedByPerson: true, updatedAt: now }).where(eq(accounts.id, account.id));
    await tx.update(emailVerifications).set({ usedAt: now }).where(eq(emailVerifications.tokenHash, link.tokenHash));
    await recordAudit(tx, { kind: 'account', id: account.id, ip }, [{ action: 'account.recovery_email_verified', accountId: account.id }], now);
    return { outcome: 'verified', identifier: account.identifier, email: link.email } as const;
  });
}
