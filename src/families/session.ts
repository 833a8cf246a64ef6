// A family's session after login (guardian or student): what the portal, the profile and the SSO
// interactions read. The cookie keeps a random token; the table keeps only its SHA-256.
import { eq } from 'drizzle-orm';
import { accounts, accountSessions } from '../db/schema.ts';
import type { AccountState } from '../domain/account-state.ts';
import { recordAudit } from '../audit/record.ts';
import type { AccountsDeps } from '../accounts/deps.ts';
import { newToken, tokenHash } from '../shared/tokens.ts';

export const ACCOUNT_COOKIE = 'guichet_session';
/** A session lasts this long without activity, and never more than ACCOUNT_SESSION_MAX_MS. */
export const ACCOUNT_SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
export const ACCOUNT_SESSION_MAX_MS = 12 * 60 * 60 * 1000;

export type AuthMethod = 'password' | 'sms' | 'franceconnect' | 'security-questions';

export interface AccountSession {
  tokenHash: string;
  accountId: string;
  identifier: string;
  kind: 'guardian' | 'student';
  state: AccountState;
  csrfToken: string;
  method: AuthMethod;
  authTime: Date;
}

/** SPEC §5: a session starts only for an account that may reach services; returns the cookie's token. */
export async function startAccountSession(
  deps: AccountsDeps,
  input: { accountId: string; method: AuthMethod; ip?: string },
): Promise<string> {
  const now = deps.clock();
  const token = newToken();
  await deps.db.transaction(async (tx) => {
    await tx.insert(accountSessions).values({
      tokenHash: tokenHash(token),
      accountId: input.accountId,
      csrfToken: newToken(),
      method: input.method,
      authTime: now,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + ACCOUNT_SESSION_IDLE_MS),
    });
    await tx.update(accounts).set({ lastLoginAt: now }).where(eq(accounts.id, input.accountId));
    await recordAudit(tx, { kind: 'account', id: input.accountId, ip: input.ip }, [{ action: 'account.login', accountId: input.accountId, details: { method: input.method } }], now);
  });
  return token;
}

/** The live session of a cookie token (its expiry slides), or null. */
export async function loadAccountSession(deps: AccountsDeps, token: string | undefined): Promise<AccountSession | null> {
  if (!token) return null;
  const now = deps.clock();
  const hash = tokenHash(token);
  const [row] = await deps.db
    .select({ session: accountSessions, account: { identifier: accounts.identifier, kind: accounts.kind, state: accounts.state } })
    .from(accountSessions)
    .innerJoin(accounts, eq(accounts.id, accountSessions.accountId))
    .where(eq(accountSessions.tokenHash, hash));
  if (!row || row.session.expiresAt <= now) return null;
  const expiresAt = new Date(Math.min(now.getTime() + ACCOUNT_SESSION_IDLE_MS, row.session.createdAt.getTime() + ACCOUNT_SESSION_MAX_MS));
  if (expiresAt.getTime() - row.session.expiresAt.getTime() > 60_000) {
    await deps.db.update(accountSessions).set({ lastSeenAt: now, expiresAt }).where(eq(accountSessions.tokenHash, hash));
  }
  return {
    tokenHash: hash,
    accountId: row.session.accountId,
    identifier: row.account.identifier,
    kind: row.account.kind,
    state: row.account.state,
    csrfToken: row.session.csrfToken,
    method: row.session.method as AuthMethod,
    authTime: row.session.authTime,
  };
}

/** Logout: the session ends at once (SSO logouts of services come with their protocols). */
export async function endAccountSession(deps: AccountsDeps, session: AccountSession, ip?: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await tx.delete(accountSessions).where(eq(accountSessions.tokenHash, session.tokenHash));
    await recordAudit(tx, { kind: 'account', id: session.accountId, ip }, [{ action: 'account.logout', accountId: session.accountId }], deps.clock());
  });
}
