// SPEC §3.1: checking a password — Argon2id for a chosen one; a provisional one is decrypted and compared in
// constant time, and refused once expired. The answer never tells whether the identifier exists.
import { eq } from 'drizzle-orm';
import { accounts } from '../db/schema.ts';
import type { AccountState } from '../domain/account-state.ts';
import { isProvisionalExpired, normalizeTypedProvisionalPassword } from '../domain/provisional-password.ts';
import type { AccountsDeps } from './deps.ts';
import { hashPassword, sameSecret, verifyPasswordHash } from './password-hash.ts';
import { readProvisionalPassword } from './provisional.ts';

export type CredentialsCheck =
  | { outcome: 'valid'; accountId: string; kind: 'guardian' | 'student'; state: AccountState; provisional: boolean }
  | { outcome: 'provisional_expired'; accountId: string }
  | { outcome: 'invalid' };

let decoyHash: Promise<string> | undefined;

/** SPEC §3.1: identifier + password → the account, or a refusal that looks the same whether or not it exists. */
export async function checkCredentials(deps: AccountsDeps, identifier: string, password: string): Promise<CredentialsCheck> {
  const account = await deps.db.query.accounts.findFirst({ where: eq(accounts.identifier, identifier.trim().toLowerCase()) });
  if (!account || account.state === 'non_notifie') {
    // Spend the time a real check would, so that timing does not reveal which identifiers exist.
    await verifyPasswordHash(await (decoyHash ??= hashPassword('guichet-decoy-password')), password);
    return { outcome: 'invalid' };
  }
  const provisional = readProvisionalPassword(deps, account);
  if (provisional !== null) {
    if (!sameSecret(provisional, normalizeTypedProvisionalPassword(password))) return { outcome: 'invalid' };
    if (isProvisionalExpired(account.provisionalValidFrom, deps.clock(), deps.realm.provisionalValidityMonths)) {
      return { outcome: 'provisional_expired', accountId: account.id };
    }
    return { outcome: 'valid', accountId: account.id, kind: account.kind, state: account.state, provisional: true };
  }
  if (!account.passwordHash || !(await verifyPasswordHash(account.passwordHash, password))) return { outcome: 'invalid' };
  return { outcome: 'valid', accountId: account.id, kind: account.kind, state: account.state, provisional: false };
}
