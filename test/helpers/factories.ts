// Small directory fixtures for tests: an academy, an establishment, guardians — inserted for real.
import { academies, establishments, guardians } from '../../src/db/schema.ts';
import type { Database } from '../../src/db/client.ts';

export async function makeEstablishment(db: Database, uai = '0311478N') {
  const [academy] = await db.insert(academies).values({ code: `T${uai}`, name: 'Académie de test' }).returning();
  const [establishment] = await db
    .insert(establishments)
    .values({ academyId: academy!.id, uai, name: 'ECOLE PRIMAIRE DE TEST', kind: 'ecole', degree: '1D', sector: 'public' })
    .returning();
  return establishment!;
}

export async function makeGuardian(db: Database, values: { firstName: string; lastName: string; email?: string | null; mobile?: string | null }) {
  const [guardian] = await db
    .insert(guardians)
    .values({ firstName: values.firstName, lastName: values.lastName, email: values.email ?? null, mobile: values.mobile ?? null })
    .returning();
  return guardian!;
}
