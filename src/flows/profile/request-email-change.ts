// SPEC §5 Profile "change e-mail (re-verified)", §3 rev. (the address is the person's own): a single-use link,
// valid 24 hours, goes to the NEW address; the account keeps its current address until the link is opened.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../audit/record.ts';
import { accounts } from '../../db/schema.ts';
import { enqueueMessages } from '../../messaging/outbox.ts';
import { issueEmailLink } from '../http-kit/email-link.ts';
import { publicUrl, type ProfileDeps } from './deps.ts';
import { emailChangeMessage } from './email-change-letters.ts';

export const EMAIL_CHANGE_VALID_HOURS = 24;
export const INVALID_EMAIL = 'Adresse électronique invalide.';

export type RequestEmailChangeResult = { ok: true; email: string } | { ok: false; error: string };

const EmailAddress = z.email().max(254);

/** The address as typed, trimmed; its domain is case-insensitive, so it is lower-cased (the local part is kept). */
export function normalizeEmail(input: string): string | null {
  const trimmed = input.trim();
  if (!EmailAddress.safeParse(trimmed).success) return null;
  const at = trimmed.lastIndexOf('@');
  return `${trimmed.slice(0, at)}@${trimmed.slice(at + 1).toLowerCase()}`;
}

/** SPEC §5 Profile, change e-mail: one transaction — older links expired, the new link stored, the message queued, audit. */
export async function requestEmailChange(deps: ProfileDeps, request: { accountId: string; email: string; ip?: string }): Promise<RequestEmailChangeResult> {
  const email = normalizeEmail(request.email);
  if (!email) return { ok: false, error: INVALID_EMAIL };
  const now = deps.accounts.clock();
  return deps.accounts.db.transaction(async (tx) => {
    const [account] = await tx
      .select({ id: accounts.id, email: accounts.email, emailVerified: accounts.emailVerified })
      .from(accounts)
      .where(eq(accounts.id, request.accountId))
      .for('update');
    if (!account) return { ok: false, error: INVALID_EMAIL } as const;
    if (account.emailVerified && account.email?.toLowerCase() === email.toLowerCase()) {
      return { ok: false, error: 'Cette adresse est déjà celle de votre compte.' } as const;
    }
    // Only the newest link works: a second request makes the first one useless.
    const { token } = await issueEmailLink(
      tx,
      { accountId: account.id, email, purpose: 'email_change', expiresAt: new Date(now.getTime() + EMAIL_CHANGE_VALID_HOURS * 3_600_000) },
      now,
    );
    const message = emailChangeMessage({
      realm: deps.accounts.realm,
      recipient: email,
      link: publicUrl(deps.issuer, `/profil/adresse/${token}`),
      helpUrl: publicUrl(deps.issuer, '/aide'),
      accountId: account.id,
      validHours: EMAIL_CHANGE_VALID_HOURS,
    });
    await enqueueMessages(tx, deps.boss, [message]);
    await recordAudit(
      tx,
      { kind: 'account', id: account.id, ip: request.ip },
      [{ action: 'account.email_change_requested', accountId: account.id, details: { email } }],
      now,
    );
    return { ok: true, email } as const;
  });
}
