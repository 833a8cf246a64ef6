// SPEC §5 Profile "change password" (guide §1.2): the current password proves it is the owner (a wrong one is
// counted by the login throttle of the account), the new one follows the realm's policy; then the provisional
// copy is gone and every other session of the account ends, so a thief's open session closes with it.
import { and, eq, ne } from 'drizzle-orm';
import type { AccountsDeps } from '../../accounts/deps.ts';
import { checkCredentials } from '../../accounts/credentials.ts';
import { hashPassword } from '../../accounts/password-hash.ts';
import { recordAudit } from '../../audit/record.ts';
import { clearFailures, recordFailure, throttleWait, type ThrottleKey } from '../../auth/throttle.ts';
import { accounts, accountSessions } from '../../db/schema.ts';
import { checkPassword } from '../../domain/password-policy.ts';
import { populationSettings } from '../../realms/index.ts';
import { passwordContext } from './password-context.ts';

export interface ChangePasswordRequest {
  accountId: string;
  /** The session that asks: it stays open, every other one of the account ends. */
  sessionTokenHash: string;
  currentPassword: string;
  newPassword: string;
  confirmation: string;
  ip?: string;
}

export type ChangePasswordResult =
  | { ok: true; endedSessions: number }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number }
  | { ok: false; reason: 'invalid'; errors: ChangePasswordErrors };

export interface ChangePasswordErrors {
  current?: string;
  /** Every unmet rule of the policy, in French. */
  newPassword?: string[];
  confirmation?: string;
}

export const WRONG_CURRENT_PASSWORD = 'Le mot de passe actuel est incorrect.';
export const CONFIRMATION_MISMATCH = 'La confirmation ne correspond pas au nouveau mot de passe.';

/** The throttle key of an account, the same one the login page counts on (src/families/login.ts). */
export function accountThrottleKey(identifier: string): ThrottleKey {
  return { key: `account:${identifier.trim().toLowerCase()}`, scope: 'account' };
}

/** SPEC §5 Profile, change password — §3.1 "set own password": one transaction once every check passed. */
export async function changePassword(deps: AccountsDeps, request: ChangePasswordRequest): Promise<ChangePasswordResult> {
  const now = deps.clock();
  const account = await deps.db.query.accounts.findFirst({ where: eq(accounts.id, request.accountId) });
  if (!account) return { ok: false, reason: 'invalid', errors: { current: WRONG_CURRENT_PASSWORD } };
  const key = accountThrottleKey(account.identifier);
  const wait = await throttleWait(deps.db, [key], now);
  if (wait > 0) return { ok: false, reason: 'throttled', retryAfterSeconds: Math.ceil(wait) };

  const errors: ChangePasswordErrors = {};
  if (!request.currentPassword) {
    errors.current = 'Saisissez votre mot de passe actuel.';
  } else {
    const check = await checkCredentials(deps, account.identifier, request.currentPassword);
    // An expired provisional password still proves who types it, and replacing it is exactly what is due.
    const proven = (check.outcome === 'valid' || check.outcome === 'provisional_expired') && check.accountId === account.id;
    if (!proven) {
      errors.current = WRONG_CURRENT_PASSWORD;
      await deps.db.transaction(async (tx) => {
        await recordFailure(tx, [key], now);
        await recordAudit(tx, { kind: 'account', id: account.id, ip: request.ip }, [{ action: 'account.password_change_failed', accountId: account.id }], now);
      });
    }
  }
  const policy = populationSettings(deps.realm, account.kind).passwordPolicy;
  const rules = checkPassword(policy, request.newPassword, await passwordContext(deps.db, account.id, account.kind));
  if (!rules.ok) errors.newPassword = rules.unmet;
  if (request.newPassword !== request.confirmation) errors.confirmation = CONFIRMATION_MISMATCH;
  if (errors.current || errors.newPassword || errors.confirmation) return { ok: false, reason: 'invalid', errors };

  const passwordHash = await hashPassword(request.newPassword); // outside the transaction: 10+ ms of a core
  const endedSessions = await deps.db.transaction(async (tx) => {
    await tx
      .update(accounts)
      .set({ passwordHash, provisionalPassword: null, provisionalValidFrom: null, updatedAt: now })
      .where(eq(accounts.id, account.id));
    const ended = await tx
      .delete(accountSessions)
      .where(and(eq(accountSessions.accountId, account.id), ne(accountSessions.tokenHash, request.sessionTokenHash)))
      .returning({ tokenHash: accountSessions.tokenHash });
    await clearFailures(tx, [key]);
    await recordAudit(
      tx,
      { kind: 'account', id: account.id, ip: request.ip },
      [{ action: 'account.password_changed', accountId: account.id, details: { via: 'profile', endedSessions: ended.length } }],
      now,
    );
    return ended.length;
  });
  return { ok: true, endedSessions };
}
