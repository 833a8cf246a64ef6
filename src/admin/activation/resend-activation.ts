// SPEC §4 Renvoyer un courriel d'activation — guide §5.6: for an account En cours d'activation, the admin checks
// (and may correct) the address, then a new C07 goes out with a new single-use link; older links stop working.
import { eq } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.ts';
import { accounts } from '../../db/schema.ts';
import { provisionalExpiresAt } from '../../domain/provisional-password.ts';
import { renderEmail } from '../../messaging/email/render.ts';
import { letterContent } from '../../messaging/letters/letter-content.ts';
import { enqueueMessages } from '../../messaging/outbox.ts';
import { emailLinkUrl, issueEmailLink } from '../../flows/http-kit/email-link.ts';
import type { AdministeredEstablishment } from '../auth/session.ts';
import type { AdminDeps } from '../deps.ts';
import { letterContext, loadLetterRecipients } from '../notify/letter-contexts.ts';

export type ResendOutcome = { ok: true } | { ok: false; reason: 'not_found' | 'not_en_cours' };

/** SPEC §4 resend C07: one transaction — address, link, message, audit. The address stays the person's own. */
export async function resendActivation(
  deps: AdminDeps,
  request: { establishment: AdministeredEstablishment; staffId: number; accountId: string; email: string; ip?: string },
): Promise<ResendOutcome> {
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const recipients = await loadLetterRecipients(tx, request.establishment.id, [request.accountId]);
    const recipient = recipients.get(request.accountId);
    if (!recipient) return { ok: false, reason: 'not_found' } as const;
    const [locked] = await tx.select({ state: accounts.state, email: accounts.email }).from(accounts).where(eq(accounts.id, request.accountId)).for('update');
    if (!locked || locked.state !== 'en_cours') return { ok: false, reason: 'not_en_cours' } as const;

    const emailChanged = (locked.email ?? '') !== request.email;
    // SPEC §3 rev.: the address is the person's (set at first login); the import never overwrites it.
    await tx
      .update(accounts)
      .set({ email: request.email, emailOwnedByPerson: true, ...(emailChanged ? { emailVerified: false } : {}), updatedAt: now })
      .where(eq(accounts.id, request.accountId));
    // SPEC §3.1 rev.: a resent activation e-mail starts the 3 months again; only the newest link works.
    const { token } = await issueEmailLink(
      tx,
      { accountId: request.accountId, email: request.email, purpose: 'activation', expiresAt: provisionalExpiresAt(now, deps.realm.provisionalValidityMonths) },
      now,
    );
    const activationUrl = emailLinkUrl(deps.issuer, token);
    const settings = { realm: deps.realm, issuer: deps.issuer, establishment: request.establishment };
    const email = renderEmail(letterContent(letterContext(settings, recipient, 'C07', null, activationUrl)));
    await enqueueMessages(tx, deps.boss, [
      { channel: 'email', recipient: request.email, subject: email.subject, text: email.text, html: email.html, template: 'C07', accountId: request.accountId },
    ]);
    await recordAudit(
      tx,
      { kind: 'staff', id: request.staffId, ip: request.ip },
      [{ action: 'account.activation_resent', accountId: request.accountId, establishmentId: request.establishment.id, details: { emailChanged } }],
      now,
    );
    return { ok: true } as const;
  });
}

