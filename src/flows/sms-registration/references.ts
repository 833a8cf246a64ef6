// SPEC §5 SMS registration, guide §1.2: the guardian references (directory rows) of one person — same names,
// same mobile — with their accounts, and the children those references are legally responsible for.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { accounts, classes, establishments, guardians, guardianStudents, students } from '../../db/schema.ts';
import type { AccountState } from '../../domain/account-state.ts';
import { isStudentEligible } from '../../domain/eligibility.ts';
import type { Realm } from '../../realms/realm.ts';
import { mobileSpellings } from '../../messaging/sms/phone-number.ts';
import { sameName } from './names.ts';

export interface GuardianReference {
  guardianId: number;
  lastName: string;
  firstName: string;
  accountId: string | null;
  accountState: AccountState | null;
  identifier: string | null;
}

/** Every live reference with this mobile whose names match, with its account (if the import made one). */
export async function findReferences(db: Executor, person: { lastName: string; firstName: string; mobile: string }): Promise<GuardianReference[]> {
  const rows = await db
    .select({
      guardianId: guardians.id,
      lastName: guardians.lastName,
      firstName: guardians.firstName,
      accountId: guardians.accountId,
      accountState: accounts.state,
      accountKind: accounts.kind,
      identifier: accounts.identifier,
    })
    .from(guardians)
    .leftJoin(accounts, eq(accounts.id, guardians.accountId))
    .where(and(inArray(guardians.mobile, mobileSpellings(person.mobile)), isNull(guardians.goneAt)))
    .orderBy(guardians.id);
  return rows
    .filter((r) => sameName(r.lastName, person.lastName) && sameName(r.firstName, person.firstName))
    .filter((r) => r.accountKind === null || r.accountKind === 'guardian')
    .map(({ accountKind: _kind, ...r }) => r);
}

/** SPEC §3.1 rev.: SMS registration activates an account Non notifié, Notifié et non activé or En cours d'activation. */
export function canRegisterBySms(reference: GuardianReference): boolean {
  return reference.accountId !== null && reference.accountState !== null && reference.accountState !== 'active';
}

export interface ReferencedChild {
  studentId: number;
  firstName: string;
  lastName: string;
  birthDate: string;
  /** The matched references responsible for this child (usually one). */
  guardianIds: number[];
}

/** SPEC §3 / guide §1.3.1: the qualifying children the references have legal responsibility for, by first name. */
export async function childrenOfReferences(db: Executor, realm: Realm, guardianIds: readonly number[]): Promise<ReferencedChild[]> {
  if (guardianIds.length === 0) return [];
  const degrees = realm.populations.guardian?.degrees ?? [];
  const rows = await db
    .select({
      guardianId: guardianStudents.guardianId,
      studentId: students.id,
      firstName: students.firstName,
      lastName: students.lastName,
      birthDate: students.birthDate,
      ine: students.ine,
      definitivelyAdmitted: students.definitivelyAdmitted,
      classId: students.classId,
      goneAt: students.goneAt,
      classGoneAt: classes.goneAt,
      degree: establishments.degree,
    })
    .from(guardianStudents)
    .innerJoin(students, eq(students.id, guardianStudents.studentId))
    .innerJoin(establishments, eq(establishments.id, students.establishmentId))
    .leftJoin(classes, eq(classes.id, students.classId))
    .where(and(inArray(guardianStudents.guardianId, [...guardianIds]), eq(guardianStudents.legalResponsibility, true)))
    .orderBy(students.birthDate, students.id);
  const children = new Map<number, ReferencedChild>();
  for (const row of rows) {
    if (!degrees.includes(row.degree) || row.classGoneAt || !isStudentEligible(row)) continue;
    const child = children.get(row.studentId);
    if (child) child.guardianIds.push(row.guardianId);
    else children.set(row.studentId, { studentId: row.studentId, firstName: row.firstName, lastName: row.lastName, birthDate: row.birthDate, guardianIds: [row.guardianId] });
  }
  return [...children.values()];
}

/** The children an account covers once registered, for the last screen. */
export async function childrenOfAccount(db: Executor, realm: Realm, accountId: string): Promise<ReferencedChild[]> {
  const refs = await db.select({ id: guardians.id }).from(guardians).where(eq(guardians.accountId, accountId));
  return childrenOfReferences(db, realm, refs.map((r) => r.id));
}
