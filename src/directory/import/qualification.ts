// SPEC §3 eligibility and retention, set-based: the same rule as src/domain/eligibility.ts (isStudentEligible,
// isGuardianEligible) written once as SQL for the whole deployment; qualification.db.test.ts checks that they agree.
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import type { Realm } from '../../realms/realm.ts';

/** isStudentEligible: not gone, definitively admitted, a national INE, a class. `s` is the students alias. */
export const QUALIFYING_STUDENT: SQL = sql`(s.gone_at is null and s.definitively_admitted and coalesce(btrim(s.ine), '') <> '' and s.class_id is not null)`;

/** The degrees whose people of this population get an account in the realm (SPEC §1). */
export function realmDegrees(realm: Realm, population: 'guardian' | 'student'): string[] {
  return realm.populations[population]?.degrees ?? [];
}

/**
 * SPEC §3 rev. retention: an account stops qualifying when none of the people it covers qualifies anywhere in the
 * deployment (a guardian: none of their children; a student: they left every establishment). The date it stopped
 * is kept; it is cleared when the account qualifies again (a child comes back, continuity first).
 */
export async function refreshQualification(db: Executor, realm: Realm, now: Date): Promise<{ unqualified: number; requalified: number }> {
  const guardianDegrees = sql.param(realmDegrees(realm, 'guardian'));
  const qualifies = sql`(
    (a.kind = 'guardian' and exists (
      select 1 from guardians g
      join guardian_students gs on gs.guardian_id = g.id and gs.legal_responsibility
      join students s on s.id = gs.student_id
      join establishments e on e.id = s.establishment_id
      where g.account_id = a.id and g.gone_at is null and ${QUALIFYING_STUDENT} and e.degree = any(${guardianDegrees}::text[])))
    or (a.kind = 'student' and exists (select 1 from students s where s.account_id = a.id and s.gone_at is null)))`;
  const unqualified = await queryRows<{ id: string }>(
    db,
    sql`update accounts a set unqualified_since = ${now} where a.unqualified_since is null and not ${qualifies} returning a.id`,
  );
  const requalified = await queryRows<{ id: string }>(
    db,
    sql`update accounts a set unqualified_since = null where a.unqualified_since is not null and ${qualifies} returning a.id`,
  );
  return { unqualified: unqualified.length, requalified: requalified.length };
}
