// The benchmarks' view of the featured establishment: its admin (a staff row, as the console's session has it)
// and the guardian accounts it sees.
import { sql } from 'drizzle-orm';
import type { AdministeredEstablishment } from '../../src/admin/auth/session.ts';
import { linkedToEstablishment } from '../../src/admin/responsables/sql-fragments.ts';
import type { Executor } from '../../src/db/client.ts';
import { queryRows } from '../../src/db/rows.ts';
import { staff, staffEstablishments } from '../../src/db/schema.ts';
import { FEATURED_UAI } from './directory.ts';

export interface FeaturedEstablishment {
  establishment: AdministeredEstablishment;
  staffId: number;
}

/** The featured establishment as the console's session holds it, with a head who administers it. */
export async function featuredEstablishment(db: Executor): Promise<FeaturedEstablishment> {
  const [establishment] = await queryRows<AdministeredEstablishment>(
    db,
    sql`select id, uai, name, city, kind, degree, sector from establishments where uai = ${FEATURED_UAI}`,
  );
  if (!establishment) throw new Error(`no establishment ${FEATURED_UAI}: build the directory with featuredGuardians`);
  const [head] = await db
    .insert(staff)
    .values({ login: 'bench.head', passwordHash: 'not-a-hash', displayName: 'Chef du banc d’essai', role: 'head' })
    .returning({ id: staff.id });
  await db.insert(staffEstablishments).values({ staffId: head!.id, establishmentId: establishment.id });
  return { establishment, staffId: head!.id };
}

/** The guardian accounts the establishment sees, in the order of their identifiers. */
export async function visibleAccountIds(db: Executor, establishmentId: number): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select a.id from accounts a
      where a.id in (select g.account_id from students s
                       join guardian_students gs on gs.student_id = s.id
                       join guardians g on g.id = gs.guardian_id
                      where s.establishment_id = ${establishmentId})
        and ${linkedToEstablishment(sql`a.id`, establishmentId)}
      order by a.identifier`,
  );
  return rows.map((r) => r.id);
}
