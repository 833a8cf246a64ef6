// oidc-provider's findAccount: the person behind a session or a token. Only an active account is found
// (SPEC §3.1: "they reach no service until Activé"). The provider looks the account up on every authorization
// step but reads claims only for the ID token and userinfo, so the claims' one query runs only then.
import { and, eq } from 'drizzle-orm';
import type { Account, FindAccount } from 'oidc-provider';
import type { Database } from '../../db/client.ts';
import { accounts } from '../../db/schema.ts';
import { accountClaims } from './account-claims.ts';
import { loadAccountClaimsRow } from './account-claims-query.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function findAccount(db: Database): FindAccount {
  return async (_ctx, sub): Promise<Account | undefined> => {
    if (!UUID.test(sub)) return undefined;
    const [active] = await db
      .select({ id: accounts.id })
      .from(accounts)
      .where(and(eq(accounts.id, sub), eq(accounts.state, 'active')));
    if (!active) return undefined;
    let claims: Promise<Record<string, unknown>> | undefined;
    return {
      accountId: active.id,
      claims: () =>
        (claims ??= loadAccountClaimsRow(db, active.id).then((row) => ({ ...(row ? accountClaims(row) : {}), sub: active.id }))) as Promise<{
          sub: string;
        }>,
    };
  };
}
