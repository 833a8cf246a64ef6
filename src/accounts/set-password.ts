// SPEC §3.1–§3.2: the person sets their own password — the realm's policy, Argon2id, the provisional copy deleted.
import { eq } from 'drizzle-orm';
import { accounts, guardians, students } from '../db/schema.ts';
import { checkPassword, type PasswordContext } from '../domain/password-policy.ts';
import { populationSettings } from '../realms/index.ts';
import { recordAudit, type Actor } from '../audit/record.ts';
import type { AccountsDeps } from './deps.ts';
import { hashPassword } from './password-hash.ts';

export type SetPasswordResult =
  | { ok: true }
  | { ok: false; code: 'password_policy'; unmet: string[] }
  | { ok: false; code: 'unknown_account'; unmet: string[] };

/** SPEC §3.1 "set own password": used by activation, recovery and profile flows; clears the provisional copy. */
export async function setOwnPassword(
  deps: AccountsDeps,
  request: { accountId: string; password: string },
  actor: Actor,
): Promise<SetPasswordResult> {
  const now = deps.clock();
  const account = await deps.db.query.accounts.findFirst({ where: eq(accounts.id, request.accountId) });
  if (!account) return { ok: false, code: 'unknown_account', unmet: ['Compte introuvable.'] };
  const policy = populationSettings(deps.realm, account.kind).passwordPolicy;
  const check = checkPassword(policy, request.password, await passwordContext(deps, account.id, account.kind));
  if (!check.ok) return { ok: false, code: 'password_policy', unmet: check.unmet };
  const passwordHash = await hashPassword(request.password); // outside the transaction: 10+ ms of a core
  await deps.db.transaction(async (tx) => {
    await tx
      .update(accounts)
      .set({ passwordHash, provisionalPassword: null, provisionalValidFrom: null, updatedAt: now })
      .where(eq(accounts.id, account.id));
    await recordAudit(tx, actor, [{ action: 'account.password_set', accountId: account.id }], now);
  });
  return { ok: true };
}

/** The names and birth date a password must not contain (Eduprovence policy). */
async function passwordContext(deps: AccountsDeps, accountId: string, kind: 'guardian' | 'student'): Promise<PasswordContext> {
  if (kind === 'student') {
    const student = await deps.db.query.students.findFirst({ where: eq(students.accountId, accountId) });
    return student ? { lastName: student.lastName, firstName: student.firstName, birthDate: student.birthDate } : {};
  }
  const guardian = await deps.db.query.guardians.findFirst({ where: eq(guardians.accountId, accountId) });
  return guardian ? { lastName: guardian.lastName, firstName: guardian.firstName } : {};
}
