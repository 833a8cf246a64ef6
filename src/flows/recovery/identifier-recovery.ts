// SPEC §5 Recovery "Identifiant perdu" (guide §1.3.3: activated accounts help themselves): an e-mail address →
// the identifiers of its activated accounts by e-mail, to a verified address only. The answer is the same
// whether or not the address is known; every request counts against the address and the sender's IP.
import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.ts';
import { recordFailure, throttleWait, type ThrottleKey } from '../../auth/throttle.ts';
import { accounts, flows } from '../../db/schema.ts';
import { enqueueMessages } from '../../messaging/outbox.ts';
import { emailQuotaKey, EMAILS_PER_ADDRESS, takeSendQuota } from '../../messaging/sms/send-quota.ts';
import { parseEmailAddress } from '../http-kit/email-address.ts';
import type { Flow } from '../flow-store.ts';
import type { SelfServiceDeps } from '../sms-registration/deps.ts';
import { identifierReminderEmail } from './recovery-emails.ts';
import type { IdentifierData } from './recovery-flow.ts';

export function recoveryIpKey(ip: string): ThrottleKey {
  return { key: `recovery:ip:${ip}`, scope: 'ip' };
}

export type IdentifierOutcome = { kind: 'invalid'; error: string } | { kind: 'throttled'; retryAfterSeconds: number } | { kind: 'answered' };

/** SPEC §5 "identifier sent by e-mail": the neutral answer always; the e-mail only to Activé accounts' verified address. */
export async function requestIdentifierReminder(deps: SelfServiceDeps, flow: Flow<IdentifierData>, input: { email: string; ip: string }): Promise<IdentifierOutcome> {
  const { db, clock, realm } = deps.accounts;
  const now = clock();
  const parsed = parseEmailAddress(input.email);
  if (!parsed.ok) return { kind: 'invalid', error: parsed.message };
  const address = parsed.address.toLowerCase();
  const keys: ThrottleKey[] = [recoveryIpKey(input.ip), { key: `recovery:email:${address}`, scope: 'account' }];
  const wait = await throttleWait(db, keys, now);
  if (wait > 0) return { kind: 'throttled', retryAfterSeconds: Math.ceil(wait) };

  const found = await db
    .select({ id: accounts.id, identifier: accounts.identifier, email: accounts.email })
    .from(accounts)
    .where(and(sql`lower(${accounts.email}) = ${address}`, eq(accounts.state, 'active'), eq(accounts.emailVerified, true)))
    .orderBy(accounts.identifier);
  const send = found.length > 0 && (await takeSendQuota(db, emailQuotaKey(address), EMAILS_PER_ADDRESS, now));
  await db.transaction(async (tx) => {
    // Every request counts: nobody can tell a known address from an unknown one, nor flood one.
    await recordFailure(tx, keys, now);
    await tx.update(flows).set({ state: 'sent', updatedAt: now }).where(eq(flows.id, flow.id));
    if (!send) return;
    const email = identifierReminderEmail(realm, deps.issuer, found.map((a) => a.identifier));
    await enqueueMessages(
      tx,
      deps.boss,
      [{ channel: 'email', recipient: found[0]!.email!, subject: email.subject, text: email.text, html: email.html, template: 'recovery-identifier', accountId: found[0]!.id }],
    );
    await recordAudit(tx, { kind: 'system', ip: input.ip }, found.map((a) => ({ action: 'account.identifier_reminder_sent', accountId: a.id })), now);
  });
  return { kind: 'answered' };
}
