// SPEC §2: writes the planned demo directory and its staff, set-based: multi-row inserts that return their ids.
import { inArray } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import {
  academies,
  classes,
  establishments,
  guardianStudents,
  guardians,
  levels,
  staff,
  staffEstablishments,
  students,
} from '../db/schema.ts';
import { DEMO_ACADEMY, DEMO_CITY, DEMO_CLASSES, DEMO_ESTABLISHMENTS, DEMO_LEVELS, type DirectoryPlan } from './directory-plan.ts';
import type { EstablishmentKey } from './fixed-people.ts';

const CHUNK = 1000;

export const DEMO_STAFF: ReadonlyArray<{
  login: string;
  displayName: string;
  email: string;
  establishments: readonly EstablishmentKey[];
}> = [
  { login: 'directeur.demo', displayName: 'M. Directeur Démo', email: 'directeur.demo@example.org', establishments: ['ecole', 'college_public'] },
  { login: 'directrice.demo', displayName: 'Mme Directrice Démo', email: 'directrice.demo@example.org', establishments: ['college_prive'] },
];

export interface DirectoryIds {
  establishments: Record<EstablishmentKey, number>;
  /** Same order as plan.students / plan.guardians. */
  students: number[];
  guardians: number[];
}

export class DemoAlreadySeededError extends Error {
  constructor() {
    super(
      'La base de données contient déjà une académie : la démonstration ne se charge que dans une base vide ' +
        '(supprimez le dossier de données ou utilisez une autre base).',
    );
    this.name = 'DemoAlreadySeededError';
  }
}

/** SPEC §2: one academy, three establishments, their levels and classes, students, guardians and links. */
export async function insertDirectory(tx: Executor, plan: DirectoryPlan, now: Date): Promise<DirectoryIds> {
  // Any academy, not only DEMO: demo people must never mix with a real directory.
  if ((await tx.select({ id: academies.id }).from(academies).limit(1)).length > 0) throw new DemoAlreadySeededError();
  const [academy] = await tx.insert(academies).values(DEMO_ACADEMY).returning({ id: academies.id });

  const keys = Object.keys(DEMO_ESTABLISHMENTS) as EstablishmentKey[];
  const insertedEstablishments = await tx
    .insert(establishments)
    .values(keys.map((key) => ({ ...DEMO_ESTABLISHMENTS[key], academyId: academy!.id, city: DEMO_CITY, sourceKey: `demo:${key}`, createdAt: now, updatedAt: now })))
    .returning({ id: establishments.id, uai: establishments.uai });
  const establishmentIds = Object.fromEntries(
    keys.map((key) => [key, insertedEstablishments.find((e) => e.uai === DEMO_ESTABLISHMENTS[key].uai)!.id]),
  ) as Record<EstablishmentKey, number>;

  // Levels are shared by the whole deployment: keep any already there, with their codes.
  await tx
    .insert(levels)
    .values(DEMO_LEVELS.map((level, rank) => ({ ...level, rank })))
    .onConflictDoNothing({ target: levels.code });
  const levelRows = await tx.select({ id: levels.id, code: levels.code }).from(levels).where(inArray(levels.code, DEMO_LEVELS.map((l) => l.code)));
  const levelIds = new Map(levelRows.map((l) => [l.code, l.id]));

  const classRows = await tx
    .insert(classes)
    .values(DEMO_CLASSES.map((c) => ({ establishmentId: establishmentIds[c.establishment], label: c.label })))
    .returning({ id: classes.id, establishmentId: classes.establishmentId, label: classes.label });
  const classIds = new Map(classRows.map((c) => [`${c.establishmentId}/${c.label}`, c.id]));

  const studentIds = await insertReturningIds(plan.students, async (chunk) =>
    tx
      .insert(students)
      .values(
        chunk.map((s) => ({
          ine: s.ine,
          sourceKey: s.sourceKey,
          lastName: s.lastName,
          firstName: s.firstName,
          birthDate: s.birthDate,
          establishmentId: establishmentIds[s.establishment],
          classId: s.classLabel === null ? null : classIds.get(`${establishmentIds[s.establishment]}/${s.classLabel}`)!,
          levelId: levelIds.get(s.level)!,
          definitivelyAdmitted: s.definitivelyAdmitted,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .returning({ id: students.id, sourceKey: students.sourceKey }),
  );
  const guardianIds = await insertReturningIds(plan.guardians, async (chunk) =>
    tx
      .insert(guardians)
      .values(
        chunk.map((g) => ({
          sourceKey: g.sourceKey,
          lastName: g.lastName,
          firstName: g.firstName,
          email: g.email,
          mobile: g.mobile,
          address: g.address,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .returning({ id: guardians.id, sourceKey: guardians.sourceKey }),
  );
  const linkRows = plan.links.map((l) => ({
    guardianId: guardianIds[l.guardian]!,
    studentId: studentIds[l.student]!,
    legalResponsibility: l.legalResponsibility,
    relation: l.relation,
  }));
  for (let i = 0; i < linkRows.length; i += CHUNK) await tx.insert(guardianStudents).values(linkRows.slice(i, i + CHUNK));
  return { establishments: establishmentIds, students: studentIds, guardians: guardianIds };
}

/** SPEC §2 Staff: the two school heads of the demo, with the password of the banner. */
export async function insertDemoStaff(tx: Executor, ids: DirectoryIds, passwordHash: string, now: Date): Promise<number> {
  const rows = await tx
    .insert(staff)
    .values(DEMO_STAFF.map((s) => ({ login: s.login, passwordHash, displayName: s.displayName, role: 'head' as const, email: s.email, createdAt: now })))
    .returning({ id: staff.id, login: staff.login });
  const idOf = new Map(rows.map((r) => [r.login, r.id]));
  await tx
    .insert(staffEstablishments)
    .values(DEMO_STAFF.flatMap((s) => s.establishments.map((key) => ({ staffId: idOf.get(s.login)!, establishmentId: ids.establishments[key] }))));
  return rows.length;
}

/** RETURNING order is not promised by SQL: ids are matched back through the source key. */
async function insertReturningIds<T extends { sourceKey: string }>(
  items: readonly T[],
  insert: (chunk: readonly T[]) => Promise<Array<{ id: number; sourceKey: string | null }>>,
): Promise<number[]> {
  const idByKey = new Map<string, number>();
  for (let i = 0; i < items.length; i += CHUNK) {
    for (const row of await insert(items.slice(i, i + CHUNK))) idByKey.set(row.sourceKey!, row.id);
  }
  return items.map((item) => idByKey.get(item.sourceKey)!);
}
