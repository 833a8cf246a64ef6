// SPEC §5 Profile "change e-mail (re-verified)": opening the link sent to the new address makes it the account's
// address, verified and the person's own (§3 rev.: the nightly import never overwrites it). The link is single
// use, expires after 24 hours, and works only in a session of the account that asked for it: a mistyped address
// belongs to a stranger, who must not be able to attach it (and the recovery it allows) to someone's account.
import { and, eq, isNull, ne } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.ts';
import { accounts, emailVerifications } from '../../db/schema.ts';
import { enqueueMessages } from '../../messaging/outbox.ts';
import { tokenHash } from '../../shared/tokens.ts';
import { publicUrl, type ProfileDeps } from './deps.ts';
import { emailChangedNotice } from './email-change-letters.ts';

export type ConfirmEmailChangeOutcome =
  | { outcome: 'changed'; email: string; noticeSentToPrevious: boolean }
  | { outcome: 'used' }
  | { outcome: 'expired' }
  | { outcome: 'unknown' };

/** SPEC §5 Profile, confirm the new address: one transaction — address, link used, other links expired, notice, audit. */
export async function confirmEmailChange(
  deps: ProfileDeps,
  request: { token: string; sessionAccountId: string; ip?: string },
): Promise<ConfirmEmailChangeOutcome> {
  const now = deps.accounts.clock();
  return deps.accounts.db.transaction(async (tx): Promise<ConfirmEmailChangeOutcome> => {
    const [link] = await tx
      .select()
      .from(emailVerifications)
      .where(and(eq(emailVerifications.tokenHash, tokenHash(request.token)), eq(emailVerifications.purpose, 'email_change')))
      .for('update');
    if (!link || link.accountId !== request.sessionAccountId) return { outcome: 'unknown' };
    if (link.usedAt) return { outcome: 'used' };
    if (link.expiresAt <= now) return { outcome: 'expired' };
    const [account] = await tx.select().from(accounts).where(eq(accounts.id, link.accountId)).for('update');
    if (!account) return { outcome: 'unknown' };

    await tx
      .update(accounts)
      .set({ email: link.email, emailVerified: true, emailOwnedByPerson: true, updatedAt: now })
      .where(eq(accounts.id, account.id));
    await tx.update(emailVerifications).set({ usedAt: now }).where(eq(emailVerifications.tokenHash, link.tokenHash));
    await tx
      .update(emailVerifications)
      .set({ expiresAt: now })
      .where(
        and(
          eq(emailVerifications.accountId, account.id),
          eq(emailVerifications.purpose, 'email_change'),
          isNull(emailVerifications.usedAt),
          ne(emailVerifications.tokenHash, link.tokenHash),
        ),
      );
    const previous = account.email && account.email.toLowerCase() !== link.email.toLowerCase() ? account.email : null;
    // Only an address the person had confirmed hears of the change: an unconfirmed one may be someone else's.
    const notice = previous !== null && account.emailVerified;
    if (notice && previous) {
      await enqueueMessages(tx, deps.boss, [
        emailChangedNotice({
          realm: deps.accounts.realm,
          recipient: previous,
          identifier: account.identifier,
          at: now,
          helpUrl: publicUrl(deps.issuer, '/aide'),
          accountId: account.id,
        }),
      ]);
    }
    await recordAudit(
      tx,
      { kind: 'account', id: account.id, ip: request.ip },
      [{ action: 'account.email_changed', accountId: account.id, details: { email: link.email, previous, noticeSentToPrevious: notice } }],
      now,
    );
    return { outcome: 'changed', email: link.email, noticeSentToPrevious: notice };
  });
}
