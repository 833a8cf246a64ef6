// SPEC §3.2 and §5: the new password a person chooses at activation — the realm's policy for their population
// (every unmet rule listed), typed twice, and different from the provisional password it replaces.
import { eq } from 'drizzle-orm';
import type { AccountsDeps } from '../../accounts/deps.ts';
import { hashPassword } from '../../accounts/password-hash.ts';
import { readProvisionalPassword } from '../../accounts/provisional.ts';
import type { AccountRow } from '../../accounts/queries.ts';
import { guardians, students } from '../../db/schema.ts';
import { checkPassword, type PasswordContext, type PasswordPolicyId } from '../../domain/password-policy.ts';
import { normalizeTypedProvisionalPassword } from '../../domain/provisional-password.ts';
import { populationSettings } from '../../realms/index.ts';
import { FLOW_MESSAGES, hasErrors, type FieldErrors } from './messages.ts';

export type PasswordField = 'password' | 'confirmation';

export function policyOf(deps: AccountsDeps, kind: AccountRow['kind']): PasswordPolicyId {
  return populationSettings(deps.realm, kind).passwordPolicy;
}

/** SPEC §3.2: the errors of the two password fields (empty when the choice is acceptable). */
export async function checkNewPassword(
  deps: AccountsDeps,
  account: Pick<AccountRow, 'id' | 'kind' | 'provisionalPassword'>,
  typed: { password: string; confirmation: string },
): Promise<FieldErrors<PasswordField>> {
  const errors: FieldErrors<PasswordField> = {};
  if (typed.password === '') errors.password = [FLOW_MESSAGES.passwordMissing];
  else {
    const check = checkPassword(policyOf(deps, account.kind), typed.password, await passwordContext(deps, account.id, account.kind));
    const unmet = [...check.unmet];
    const provisional = readProvisionalPassword(deps, account);
    // Provisional passwords are compared as typed at login: upper case, spaces ignored.
    if (provisional !== null && normalizeTypedProvisionalPassword(typed.password) === provisional) unmet.push(FLOW_MESSAGES.sameAsProvisional);
    if (unmet.length > 0) errors.password = unmet;
  }
  if (typed.confirmation === '') errors.confirmation = [FLOW_MESSAGES.confirmationMissing];
  else if (typed.password !== '' && typed.confirmation !== typed.password) errors.confirmation = [FLOW_MESSAGES.confirmationMismatch];
  return errors;
}

/** Checks, then hashes (Argon2id, outside any transaction): the hash, or the errors to show. */
export async function acceptNewPassword(
  deps: AccountsDeps,
  account: Pick<AccountRow, 'id' | 'kind' | 'provisionalPassword'>,
  typed: { password: string; confirmation: string },
): Promise<{ ok: true; passwordHash: string } | { ok: false; errors: FieldErrors<PasswordField> }> {
  const errors = await checkNewPassword(deps, account, typed);
  if (hasErrors(errors)) return { ok: false, errors };
  return { ok: true, passwordHash: await hashPassword(typed.password) };
}

/** The names and birth date a password must not contain (the Eduprovence policy reads them). */
async function passwordContext(deps: AccountsDeps, accountId: string, kind: AccountRow['kind']): Promise<PasswordContext> {
  if (kind === 'student') {
    const student = await deps.db.query.students.findFirst({ where: eq(students.accountId, accountId) });
    return student ? { lastName: student.lastName, firstName: student.firstName, birthDate: student.birthDate } : {};
  }
  const guardian = await deps.db.query.guardians.findFirst({ where: eq(guardians.accountId, accountId) });
  return guardian ? { lastName: guardian.lastName, firstName: guardian.firstName } : {};
}
