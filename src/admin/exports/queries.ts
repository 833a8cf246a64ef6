// SPEC §4 Lister les comptes: the (student, guardian) rows of the selected accounts, read in one query and
// limited to the establishment the admin works in — an id from the page is never trusted.
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import type { AccountState } from '../../domain/account-state.ts';

/** A ticked row: one account and one of its students, or the whole account when studentId is null. */
export interface ListSelection {
  accountId: string;
  studentId: number | null;
}

export interface ListRow {
  studentId: number;
  studentLastName: string;
  studentFirstName: string;
  levelLabel: string | null;
  classLabel: string | null;
  guardianLastName: string;
  guardianFirstName: string;
  accountId: string;
  identifier: string;
  state: AccountState;
  /** The sealed provisional password, or null. */
  provisionalPassword: string | null;
}

interface RawRow {
  student_id: number;
  student_last_name: string;
  student_first_name: string;
  level_label: string | null;
  class_label: string | null;
  guardian_last_name: string;
  guardian_first_name: string;
  account_id: string;
  identifier: string;
  state: AccountState;
  provisional_password: string | null;
}

/**
 * One row per (student of this establishment, guardian) of the selected guardian accounts, sorted by student
 * name then guardian name. Accounts without a child here yield nothing, so forged ids are simply ignored.
 */
export async function loadListRows(db: Executor, establishmentId: number, selection: readonly ListSelection[]): Promise<ListRow[]> {
  if (selection.length === 0) return [];
  const ticked = JSON.stringify(selection.map((s) => ({ account_id: s.accountId, student_id: s.studentId })));
  const rows = await queryRows<RawRow>(
    db,
    sql`select distinct s.id as student_id, s.last_name as student_last_name, s.first_name as student_first_name,
               l.label as level_label, c.label as class_label,
               g.last_name as guardian_last_name, g.first_name as guardian_first_name,
               a.id as account_id, a.identifier, a.state, a.provisional_password
        from jsonb_to_recordset(${ticked}::jsonb) as sel(account_id uuid, student_id int)
        join accounts a on a.id = sel.account_id
        join guardians g on g.account_id = a.id and g.gone_at is null
        join guardian_students gs on gs.guardian_id = g.id and gs.legal_responsibility
        join students s on s.id = gs.student_id and s.gone_at is null
        left join classes c on c.id = s.class_id
        left join levels l on l.id = s.level_id
        where a.kind = 'guardian'
          and s.establishment_id = ${establishmentId}
          and (sel.student_id is null or sel.student_id = s.id)
        order by s.last_name, s.first_name, s.id, g.last_name, g.first_name, a.identifier`,
  );
  return rows.map((r) => ({
    studentId: r.student_id,
    studentLastName: r.student_last_name,
    studentFirstName: r.student_first_name,
    levelLabel: r.level_label,
    classLabel: r.class_label,
    guardianLastName: r.guardian_last_name,
    guardianFirstName: r.guardian_first_name,
    accountId: r.account_id,
    identifier: r.identifier,
    state: r.state,
    provisionalPassword: r.provisional_password,
  }));
}
