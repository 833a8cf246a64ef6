// SPEC §5 Recovery "Mot de passe perdu" for activated accounts: identifier → e-mail link (1 hour, single use)
// or SMS code (10 minutes) → a new password. Whether the identifier exists, is activated, has an address or a
// mobile never changes the answer; only what the account has is used, and nothing is sent to anyone else.
import { and, eq } from 'drizzle-orm';
import { sameSecret } from '../../accounts/password-hash.ts';
import { recordAudit } from '../../audit/record.ts';
import { clearFailures, recordFailure, throttleWait, type ThrottleKey } from '../../auth/throttle.ts';
import { accounts, accountSessions, flows } from '../../db/schema.ts';
import { enqueueMessages } from '../../messaging/outbox.ts';
import { isMobileNumber, normalizeMobile } from '../../messaging/sms/phone-number.ts';
import { emailQuotaKey, EMAILS_PER_ADDRESS, takeSendQuota } from '../../messaging/sms/send-quota.ts';
import { newToken, tokenHash } from '../../shared/tokens.ts';
import type { Flow } from '../flow-store.ts';
import { mobileThrottleKey, sendFlowCode, type SendResult } from '../sms-registration/code-step.ts';
import type { SelfServiceDeps } from '../sms-registration/deps.ts';
import { recoveryIpKey } from './identifier-recovery.ts';
import { recoverySmsText } from './messages.ts';
import { passwordLinkEmail } from './recovery-emails.ts';
import { LINK_TTL_MS, recoveryLinkUrl, type PasswordData, type RecoveryChannel } from './recovery-flow.ts';

export type RecoveryFlow = Flow<PasswordData>;

export function identifierKey(identifier: string): ThrottleKey {
  return { key: `recovery:identifier:${identifier}`, scope: 'account' };
}

/** The throttling keys of a flow's sends and code tries: the sender's address, the identifier, the number. */
export function recoveryKeys(flow: RecoveryFlow, ip: string, mobile: string | null): ThrottleKey[] {
  return [recoveryIpKey(ip), identifierKey(flow.data.identifier ?? ''), ...(mobile ? [mobileThrottleKey(mobile)] : [])];
}

/** The account of the flow if it may recover (Activé), else null: the flow goes on just the same. */
export async function recoverableAccount(deps: SelfServiceDeps, flow: RecoveryFlow) {
  if (!flow.accountId) return null;
  const account = await deps.accounts.db.query.accounts.findFirst({ where: eq(accounts.id, flow.accountId) });
  return account && account.state === 'active' ? account : null;
}

/** The mobile the SMS may go to: the account's own (E.164), or null. */
export function accountMobile(account: { mobile: string | null } | null): string | null {
  const mobile = account?.mobile ? normalizeMobile(account.mobile) : null;
  return mobile && isMobileNumber(mobile) ? mobile : null;
}

/** Step 1: the identifier typed; the flow remembers the account when it is an activated one. */
export async function submitRecoveryIdentifier(deps: SelfServiceDeps, flow: RecoveryFlow, typed: string): Promise<void> {
  const identifier = typed.trim().toLowerCase().slice(0, 254);
  const account = await deps.accounts.db.query.accounts.findFirst({ where: eq(accounts.identifier, identifier) });
  await deps.accounts.db
    .update(flows)
    .set({ state: 'channel', accountId: account?.state === 'active' ? account.id : null, data: { binding: flow.data.binding, identifier }, updatedAt: deps.accounts.clock() })
    .where(and(eq(flows.id, flow.id), eq(flows.state, 'identifier')));
}

export type ChannelOutcome = { kind: 'throttled'; retryAfterSeconds: number } | { kind: 'moved' } | SendResult;

/** Step 2: the e-mail link or the SMS code, sent only to what the account has; the flow moves on in every case. */
export async function chooseRecoveryChannel(deps: SelfServiceDeps, flow: RecoveryFlow, channel: RecoveryChannel, ip: string): Promise<ChannelOutcome> {
  const { db, clock, realm } = deps.accounts;
  const now = clock();
  const account = await recoverableAccount(deps, flow);
  const keys = recoveryKeys(flow, ip, null);
  const wait = await throttleWait(db, keys, now);
  if (wait > 0) return { kind: 'throttled', retryAfterSeconds: Math.ceil(wait) };
  await recordFailure(db, keys, now); // every request counts: a stranger cannot flood a mailbox or a phone

  if (channel === 'sms') {
    const mobile = accountMobile(account);
    const change = { state: 'sms-code', data: { binding: flow.data.binding, identifier: flow.data.identifier } };
    const message = { mobile, text: (code: string) => recoverySmsText(realm.displayName, code), template: 'recovery-password-code', accountId: account?.id };
    const audit = { action: 'account.password_recovery_requested', ip, details: { via: 'sms' } };
    const sent = await sendFlowCode(deps.accounts, deps.boss, flow, change, message, audit);
    // A number over its daily quota gets nothing more, and the page does not say so.
    return sent.kind === 'quota' ? sendFlowCode(deps.accounts, deps.boss, flow, change, { ...message, mobile: null }, audit) : sent;
  }

  const address = account?.email && account.emailVerified ? account.email : null;
  const send = address !== null && (await takeSendQuota(db, emailQuotaKey(address), EMAILS_PER_ADDRESS, now));
  const token = newToken();
  const link = { hash: tokenHash(token), expiresAt: new Date(now.getTime() + LINK_TTL_MS).toISOString() };
  await db.transaction(async (tx) => {
    await tx
      .update(flows)
      .set({ state: 'email-sent', data: { binding: flow.data.binding, identifier: flow.data.identifier, ...(send ? { link } : {}) }, updatedAt: now })
      .where(eq(flows.id, flow.id));
    if (!send || !account) return;
    const email = passwordLinkEmail(realm, account.identifier, recoveryLinkUrl(deps.issuer, flow.id, token));
    await enqueueMessages(tx, deps.boss, [
      { channel: 'email', recipient: address, subject: email.subject, text: email.text, html: email.html, template: 'recovery-password-link', accountId: account.id },
    ]);
    await recordAudit(tx, { kind: 'system', ip }, [{ action: 'account.password_recovery_requested', accountId: account.id, details: { via: 'email' } }], now);
  });
  return { kind: 'moved' };
}

/** The e-mail link: valid when it is this flow's latest, unused and within its hour. */
export function linkIsValid(flow: RecoveryFlow, token: string | undefined, now: Date): boolean {
  const link = flow.data.link;
  if (!token || !link || flow.state !== 'email-sent' || !flow.accountId) return false;
  return new Date(link.expiresAt) > now && sameSecret(tokenHash(token), link.hash);
}

/**
 * Last step: the password set (hashed by the caller, outside the transaction), the provisional copy cleared,
 * every session of the account ended, every recovery flow of it closed (the link is single-use), audited.
 */
export async function resetRecoveredPassword(
  deps: SelfServiceDeps,
  flow: RecoveryFlow,
  request: { passwordHash: string; via: RecoveryChannel; ip: string },
): Promise<{ ok: true; identifier: string } | { ok: false }> {
  const { db, clock } = deps.accounts;
  const now = clock();
  return db.transaction(async (tx) => {
    const [account] = await tx.select().from(accounts).where(eq(accounts.id, flow.accountId!)).for('update');
    // The flow is taken in the same transaction: two tabs posting the same link cannot both use it.
    const taken = await tx.delete(flows).where(and(eq(flows.id, flow.id), eq(flows.state, flow.state))).returning({ id: flows.id });
    if (!account || account.state !== 'active' || taken.length === 0) return { ok: false as const };
    await tx
      .update(accounts)
      .set({ passwordHash: request.passwordHash, provisionalPassword: null, provisionalValidFrom: null, updatedAt: now })
      .where(eq(accounts.id, account.id));
    const ended = await tx.delete(accountSessions).where(eq(accountSessions.accountId, account.id)).returning({ tokenHash: accountSessions.tokenHash });
    await tx.delete(flows).where(and(eq(flows.accountId, account.id), eq(flows.kind, flow.kind)));
    // The login's own counter of the account is cleared too: the person may log in at once.
    await clearFailures(tx, [{ key: `account:${account.identifier}`, scope: 'account' }, identifierKey(account.identifier)]);
    await recordAudit(
      tx,
      { kind: 'account', id: account.id, ip: request.ip },
      [{ action: 'account.password_recovered', accountId: account.id, details: { via: request.via, endedSessions: ended.length } }],
      now,
    );
    return { ok: true as const, identifier: account.identifier };
  });
}
