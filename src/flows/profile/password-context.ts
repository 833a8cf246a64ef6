// SPEC §3.2: the names and birth date a password must not contain (the Eduprovence policy reads them).
import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { guardians, students } from '../../db/schema.ts';
import type { PasswordContext } from '../../domain/password-policy.ts';

/** The person behind an account, as the password policy needs them. */
export async function passwordContext(db: Executor, accountId: string, kind: 'guardian' | 'student'): Promise<PasswordContext> {
  if (kind === 'student') {
    const [student] = await db
      .select({ lastName: students.lastName, firstName: students.firstName, birthDate: students.birthDate })
      .from(students)
      .where(eq(students.accountId, accountId))
      .limit(1);
    return student ?? {};
  }
  const [guardian] = await db
    .select({ lastName: guardians.lastName, firstName: guardians.firstName })
    .from(guardians)
    .where(eq(guardians.accountId, accountId))
    .limit(1);
  return guardian ?? {};
}
