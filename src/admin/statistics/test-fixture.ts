// A small school worked out by hand, for the tests of Lister les comptes and Statistiques: inserted for real,
// with its own admin, beside the demo academy.
import { inArray } from 'drizzle-orm';
import { SYSTEM } from '../../audit/record.ts';
import { hashPassword } from '../../accounts/password-hash.ts';
import { academies, classes, establishments, guardianStudents, guardians, levels, staff, staffEstablishments, students } from '../../db/schema.ts';
import type { Guichet } from '../../main.ts';

export const FIXTURE_PASSWORD = 'Fixture-Guichet-2026';

export type FixtureGuardian = 'A' | 'B' | 'C' | 'D';

export interface SchoolFixture {
  establishmentId: number;
  uai: string;
  name: string;
  login: string;
  accounts: Record<FixtureGuardian, { id: string; identifier: string }>;
}

/**
 *   student (class, level)              guardians
 *   Bernard Alice (CP Fixture, CP)        A Bernard Paul, B Moreau Claire
 *   Bernard Hugo (CE1-CE2 Fixture, CE1)   A — children in two classes and two levels
 *   Albert Zoé (CE1-CE2 Fixture, CE2)     C `Le "Grand"; Dupré` Anne — a name with a quote and a `;`
 *   Étienne Léa (CP Fixture, CP)          D Roux Marc
 * Every account starts Non notifié.
 */
export async function makeSchoolFixture(g: Guichet, uai: string, login: string): Promise<SchoolFixture> {
  const db = g.database.db;
  const now = g.deps.clock();
  const name = `ECOLE FIXTURE ${uai}`;
  const [academy] = await db.insert(academies).values({ code: `F${uai}`, name: 'Académie fixture' }).returning();
  const [establishment] = await db
    .insert(establishments)
    .values({ academyId: academy!.id, uai, name, kind: 'ecole', degree: '1D', sector: 'public' })
    .returning();
  const eid = establishment!.id;
  await db
    .insert(levels)
    .values([
      { code: 'CP', label: 'Cours préparatoire', degree: '1D', rank: 3 },
      { code: 'CE1', label: 'Cours élémentaire 1re année', degree: '1D', rank: 4 },
      { code: 'CE2', label: 'Cours élémentaire 2e année', degree: '1D', rank: 5 },
    ])
    .onConflictDoNothing({ target: levels.code });
  const levelRows = await db.select().from(levels).where(inArray(levels.code, ['CP', 'CE1', 'CE2']));
  const level = (code: string) => levelRows.find((l) => l.code === code)!.id;
  const [cp, ce] = await db
    .insert(classes)
    .values([
      { establishmentId: eid, label: 'CP Fixture' },
      { establishmentId: eid, label: 'CE1-CE2 Fixture' },
    ])
    .returning();
  const studentValues = [
    { lastName: 'Bernard', firstName: 'Alice', classId: cp!.id, levelId: level('CP') },
    { lastName: 'Bernard', firstName: 'Hugo', classId: ce!.id, levelId: level('CE1') },
    { lastName: 'Albert', firstName: 'Zoé', classId: ce!.id, levelId: level('CE2') },
    { lastName: 'Étienne', firstName: 'Léa', classId: cp!.id, levelId: level('CP') },
  ];
  const [s1, s2, s3, s4] = await db
    .insert(students)
    .values(studentValues.map((s, i) => ({ ...s, ine: `${uai}${i}`, birthDate: '2018-01-01', establishmentId: eid })))
    .returning();
  const guardianValues: Record<FixtureGuardian, { lastName: string; firstName: string; children: number[] }> = {
    A: { lastName: 'Bernard', firstName: 'Paul', children: [s1!.id, s2!.id] },
    B: { lastName: 'Moreau', firstName: 'Claire', children: [s1!.id] },
    C: { lastName: 'Le "Grand"; Dupré', firstName: 'Anne', children: [s3!.id] },
    D: { lastName: 'Roux', firstName: 'Marc', children: [s4!.id] },
  };
  const keys = Object.keys(guardianValues) as FixtureGuardian[];
  const guardianRows = await db
    .insert(guardians)
    .values(keys.map((k) => ({ lastName: guardianValues[k].lastName, firstName: guardianValues[k].firstName })))
    .returning();
  await db.insert(guardianStudents).values(
    keys.flatMap((k, i) => guardianValues[k].children.map((studentId) => ({ guardianId: guardianRows[i]!.id, studentId, legalResponsibility: true }))),
  );
  const created = await g.accounts.precreate(
    keys.map((k, i) => ({ kind: 'guardian' as const, person: guardianValues[k], guardianIds: [guardianRows[i]!.id] })),
    SYSTEM,
  );
  const [member] = await db
    .insert(staff)
    .values({ login, passwordHash: await hashPassword(FIXTURE_PASSWORD), displayName: `Admin ${uai}`, role: 'head', createdAt: now })
    .returning();
  await db.insert(staffEstablishments).values({ staffId: member!.id, establishmentId: eid });
  const accounts = Object.fromEntries(keys.map((k, i) => [k, { id: created[i]!.accountId, identifier: created[i]!.identifier }])) as SchoolFixture['accounts'];
  return { establishmentId: eid, uai, name, login, accounts };
}
