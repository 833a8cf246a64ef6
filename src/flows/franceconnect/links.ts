// SPEC §5 FranceConnect: the link between FranceConnect's `sub` and an account (franceconnect_links), and the
// session a FranceConnect login opens (method franceconnect, its id_token kept for the logout's id_token_hint).
import { eq } from 'drizzle-orm';
import type { AccountsDeps } from '../../accounts/deps.ts';
import { recordAudit } from '../../audit/record.ts';
import type { Executor } from '../../db/client.ts';
import { accounts, accountSessions, franceConnectLinks } from '../../db/schema.ts';
import { startAccountSession } from '../../families/session.ts';
import { tokenHash } from '../../shared/tokens.ts';

/** The account linked to this FranceConnect subject, with its state; null when none (a first connection). */
export async function linkedAccount(db: Executor, sub: string): Promise<{ accountId: string; state: string } | null> {
  const [row] = await db
    .select({ accountId: franceConnectLinks.accountId, state: accounts.state })
    .from(franceConnectLinks)
    .innerJoin(accounts, eq(accounts.id, franceConnectLinks.accountId))
    .where(eq(franceConnectLinks.sub, sub));
  return row ?? null;
}

/** Profile: whether the account is linked, and since when. */
export async function franceConnectLinkOf(db: Executor, accountId: string): Promise<{ linkedAt: Date } | null> {
  const [row] = await db.select({ linkedAt: franceConnectLinks.linkedAt }).from(franceConnectLinks).where(eq(franceConnectLinks.accountId, accountId));
  return row ?? null;
}

/** Profile (issue 9 §6): whether FranceConnect is linked, and whether the account has a password of its own. */
export async function franceConnectStatus(db: Executor, accountId: string): Promise<{ linked: boolean; hasPassword: boolean }> {
  const [row] = await db
    .select({ passwordHash: accounts.passwordHash, sub: franceConnectLinks.sub })
    .from(accounts)
    .leftJoin(franceConnectLinks, eq(franceConnectLinks.accountId, accounts.id))
    .where(eq(accounts.id, accountId));
  return { linked: Boolean(row?.sub), hasPassword: Boolean(row?.passwordHash) };
}

/** Inside the pairing's transaction: this subject now opens this account (replacing any earlier link of either). */
export async function linkSubject(tx: Executor, sub: string, accountId: string, now: Date): Promise<void> {
  await tx.delete(franceConnectLinks).where(eq(franceConnectLinks.sub, sub));
  await tx.delete(franceConnectLinks).where(eq(franceConnectLinks.accountId, accountId));
  await tx.insert(franceConnectLinks).values({ sub, accountId, linkedAt: now });
}

export type UnlinkOutcome = { kind: 'unlinked' } | { kind: 'not_linked' } | { kind: 'no_password' };

/** Issue 9 §6 (profile): unlinking is allowed only when the account keeps a password of its own to log in with. */
export async function unlinkFranceConnect(deps: AccountsDeps, accountId: string, ip: string): Promise<UnlinkOutcome> {
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const [account] = await tx.select({ passwordHash: accounts.passwordHash }).from(accounts).where(eq(accounts.id, accountId)).for('update');
    if (!account?.passwordHash) return { kind: 'no_password' as const };
    const removed = await tx.delete(franceConnectLinks).where(eq(franceConnectLinks.accountId, accountId)).returning({ sub: franceConnectLinks.sub });
    if (removed.length === 0) return { kind: 'not_linked' as const };
    await recordAudit(tx, { kind: 'account', id: accountId, ip }, [{ action: 'account.franceconnect_unlinked', accountId }], now);
    return { kind: 'unlinked' as const };
  });
}

/** SPEC §5 "later logins through FranceConnect go straight in": a session whose logout also ends FranceConnect's. */
export async function startFranceConnectSession(deps: AccountsDeps, input: { accountId: string; idToken: string; ip: string }): Promise<string> {
  const token = await startAccountSession(deps, { accountId: input.accountId, method: 'franceconnect', ip: input.ip });
  await deps.db.update(accountSessions).set({ franceConnectIdToken: input.idToken }).where(eq(accountSessions.tokenHash, tokenHash(token)));
  return token;
}

/** The id_token of a session, for the logout's id_token_hint; null for other logins. */
export async function sessionIdToken(db: Executor, sessionTokenHash: string): Promise<string | null> {
  const [row] = await db.select({ idToken: accountSessions.franceConnectIdToken }).from(accountSessions).where(eq(accountSessions.tokenHash, sessionTokenHash));
  return row?.idToken ?? null;
}
