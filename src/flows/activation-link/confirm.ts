// SPEC §3.1 "click on the link of the activation e-mail (C07)": En cours d'activation → Activé.
// The link is single-use and expires; only its SHA-256 is stored.
import { and, eq, isNull, ne } from 'drizzle-orm';
import { accounts, emailVerifications } from '../../db/schema.ts';
import { nextStatus } from '../../domain/account-state.ts';
import { recordAudit } from '../../audit/record.ts';
import type { AccountsDeps } from '../../accounts/deps.ts';
import { tokenHash } from '../../shared/tokens.ts';

export type ActivationOutcome =
  | { outcome: 'activated'; identifier: string }
  | { outcome: 'already_active'; identifier: string }
  | { outcome: 'expired' }
  | { outcome: 'unknown' };

/** SPEC §3.1 C07 link: one transaction — the account activated, the e-mail verified and owned, the link used. */
export async function confirmActivationLink(deps: AccountsDeps, token: string, ip?: string): Promise<ActivationOutcome> {
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const [link] = await tx
      .select()
      .from(emailVerifications)
      .where(and(eq(emailVerifications.tokenHash, tokenHash(token)), eq(emailVerifications.purpose, 'activation')))
      .for('update');
    if (!link) return { outcome: 'unknown' };
    const [account] = await tx.select().from(accounts).where(eq(accounts.id, link.accountId)).for('update');
    if (!account) return { outcome: 'unknown' };
    if (account.state === 'active') return { outcome: 'already_active', identifier: account.identifier };
    if (link.usedAt || link.expiresAt <= now || account.state !== 'en_cours') return { outcome: 'expired' };

    const status = nextStatus(account, 'email_confirmed');
    await tx
      .update(accounts)
      .set({ ...status, email: link.email, emailVerified: true, emailOwnedByPerson: true, activatedAt: now, updatedAt: now })
      .where(eq(accounts.id, account.id));
    await tx.update(emailVerifications).set({ usedAt: now }).where(eq(emailVerifications.tokenHash, link.tokenHash));
    // Older links of the same account stop working: only the latest address counts.
    await tx
      .update(emailVerifications)
      .set({ expiresAt: now })
      .where(
        and(
          eq(emailVerifications.accountId, account.id),
          eq(emailVerifications.purpose, 'activation'),
          isNull(emailVerifications.usedAt),
          ne(emailVerifications.tokenHash, link.tokenHash),
        ),
      );
    await recordAudit(tx, { kind: 'account', id: account.id, ip }, [{ action: 'account.activated', accountId: account.id, details: { via: 'C07' } }], now);
    return { outcome: 'activated', identifier: account.identifier };
  });
}
