// SPEC §5 first login — guide §1.3.4: "la date de naissance d'un de ses enfants (nom de l'enfant précisé à
// l'écran)". The child is chosen the same way every time: the youngest with legal responsibility, then by id.
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';

export interface ChildToName {
  studentId: number;
  firstName: string;
  lastName: string;
  /** YYYY-MM-DD, as the establishment knows it. */
  birthDate: string;
}

/** The child named on screen: `preferred` when still covered by the account, else the youngest. */
export async function childToName(db: Executor, accountId: string, preferred?: number): Promise<ChildToName | null> {
  const rows = await queryRows<ChildToName>(
    db,
    sql`select s.id as "studentId", s.first_name as "firstName", s.last_name as "lastName", s.birth_date::text as "birthDate"
        from guardians g
        join guardian_students gs on gs.guardian_id = g.id and gs.legal_responsibility
        join students s on s.id = gs.student_id and s.gone_at is null
        where g.account_id = ${accountId} and g.gone_at is null
        order by (s.id = ${preferred ?? -1}) desc, s.birth_date desc, s.id
        limit 1`,
  );
  return rows[0] ?? null;
}
