// SPEC §3.1 "first login: new password + e-mail + a child's birth date": Notifié et non activé → En cours
// d'activation, and C07 goes out. rev.: a guardian already En cours d'activation may correct the address and
// gets a new C07 the same way. One transaction: account, link, message, flow and audit commit together.
import { eq } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.ts';
import { accounts } from '../../db/schema.ts';
import { IllegalTransitionError, nextStatus, type AccountStatus } from '../../domain/account-state.ts';
import { enqueueMessages } from '../../messaging/outbox.ts';
import { emailLinkUrl, issueEmailLink } from '../http-kit/email-link.ts';
import { provisionalExpiresAt } from '../../domain/provisional-password.ts';
import { advanceFlow } from '../http-kit/flow-access.ts';
import type { ActivationDeps } from '../http-kit/deps.ts';
import { activationMessage } from './activation-letter.ts';

export interface FirstLoginRequest {
  flowId: string;
  /** The flow state the request was made from: a second identical request finds it moved and does nothing. */
  fromState: string;
  accountId: string;
  email: string;
  /** Argon2id hash of the password chosen in this flow; null when it was chosen at an earlier login. */
  passwordHash: string | null;
  ip?: string;
}

export type FirstLoginOutcome = { ok: true; email: string } | { ok: false; reason: 'already_active' | 'moved' };

/** SPEC §3.1 first_login and C07 (guide §1.3.4–§1.3.5): the flow moves to `sent`, showing the address. */
export async function completeFirstLogin(deps: ActivationDeps, request: FirstLoginRequest): Promise<FirstLoginOutcome> {
  const { accounts: accountsDeps } = deps;
  const now = accountsDeps.clock();
  return accountsDeps.db.transaction(async (tx) => {
    const [account] = await tx.select().from(accounts).where(eq(accounts.id, request.accountId)).for('update');
    if (!account) return { ok: false, reason: 'moved' } as const;
    let status: AccountStatus;
    try {
      status = nextStatus(account, 'first_login');
    } catch (error) {
      if (error instanceof IllegalTransitionError) return { ok: false, reason: 'already_active' } as const;
      throw error;
    }
    if (!(await advanceFlow(tx, request.flowId, request.fromState, { state: 'sent', data: { email: request.email } }, now))) {
      return { ok: false, reason: 'moved' } as const;
    }
    const emailChanged = (account.email ?? '') !== request.email;
    await tx
      .update(accounts)
      .set({
        ...status,
        // SPEC §3 rev.: the address is now the person's own; the nightly import never overwrites it.
        email: request.email,
        emailOwnedByPerson: true,
        emailVerified: false,
        ...(request.passwordHash === null ? {} : { passwordHash: request.passwordHash, provisionalPassword: null, provisionalValidFrom: null }),
        updatedAt: now,
      })
      .where(eq(accounts.id, account.id));
    const link = await issueEmailLink(
      tx,
      { accountId: account.id, email: request.email, purpose: 'activation', expiresAt: provisionalExpiresAt(now, accountsDeps.realm.provisionalValidityMonths) },
      now,
    );
    const message = await activationMessage(tx, { realm: accountsDeps.realm, issuer: deps.issuer }, account, request.email, emailLinkUrl(deps.issuer, link.token));
    await enqueueMessages(tx, deps.boss, [message]);
    await recordAudit(
      tx,
      { kind: 'account', id: account.id, ip: request.ip },
      [
        ...(request.passwordHash === null ? [] : [{ action: 'account.password_set', accountId: account.id }]),
        { action: 'account.first_login', accountId: account.id, details: { from: account.state, to: status.state, emailChanged, letter: 'C07' } },
      ],
      now,
    );
    return { ok: true, email: request.email } as const;
  });
}
