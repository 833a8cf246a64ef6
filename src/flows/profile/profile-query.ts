// SPEC §5 Profile: what "Gérer mon compte" shows — the account, the person's names, the address (and one waiting
// for its link), the mobile from the school, and a guardian's children; read in three queries.
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';

export interface ProfileChild {
  firstName: string;
  lastName: string;
  establishment: string;
  classLabel: string | null;
}

export interface ProfileView {
  accountId: string;
  identifier: string;
  kind: 'guardian' | 'student';
  firstName: string;
  lastName: string;
  email: string | null;
  emailVerified: boolean;
  /** The new address of a live e-mail change link, until it is clicked. */
  pendingEmail: string | null;
  mobile: string | null;
  /** Guardian: the children of every guardian reference of the account. Student: empty. */
  children: ProfileChild[];
  /** Student: their own establishment and class. */
  schooling: { establishment: string; classLabel: string | null } | null;
}

interface PersonRow {
  identifier: string;
  kind: 'guardian' | 'student';
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  email_verified: boolean;
  mobile: string | null;
  pending_email: string | null;
  student_establishment: string | null;
  student_class: string | null;
}

/** SPEC §5 Profile (guide §1.2 "gérer son profil"): one account as its owner sees it, or null if it is gone. */
export async function loadProfile(db: Executor, accountId: string, now: Date): Promise<ProfileView | null> {
  const [person] = await queryRows<PersonRow>(
    db,
    sql`select a.identifier, a.kind, coalesce(g.first_name, s.first_name) as first_name, coalesce(g.last_name, s.last_name) as last_name,
           a.email, a.email_verified, coalesce(a.mobile, g.mobile) as mobile,
           (select v.email from email_verifications v
             where v.account_id = a.id and v.purpose = 'email_change' and v.used_at is null and v.expires_at > ${now}
             order by v.created_at desc limit 1) as pending_email,
           se.name as student_establishment, sc.label as student_class
        from accounts a
        left join lateral (select first_name, last_name, mobile from guardians where account_id = a.id order by id limit 1) g on true
        left join students s on s.account_id = a.id
        left join establishments se on se.id = s.establishment_id
        left join classes sc on sc.id = s.class_id
        where a.id = ${accountId}`,
  );
  if (!person) return null;
  const children = person.kind === 'guardian' ? await loadChildren(db, [accountId]) : [];
  return {
    accountId,
    identifier: person.identifier,
    kind: person.kind,
    firstName: person.first_name ?? '',
    lastName: person.last_name ?? '',
    email: person.email,
    emailVerified: person.email_verified,
    pendingEmail: person.pending_email,
    mobile: person.mobile,
    children,
    schooling: person.student_establishment ? { establishment: person.student_establishment, classLabel: person.student_class } : null,
  };
}

/** The children a guardian account covers: legal responsibility, still enrolled; one line per child. */
export async function loadChildren(db: Executor, accountIds: readonly string[]): Promise<ProfileChild[]> {
  if (accountIds.length === 0) return [];
  const rows = await queryRows<{ first_name: string; last_name: string; establishment: string; class_label: string | null }>(
    db,
    sql`select distinct s.id, s.first_name, s.last_name, e.name as establishment, c.label as class_label
        from guardians g
        join guardian_students gs on gs.guardian_id = g.id and gs.legal_responsibility
        join students s on s.id = gs.student_id and s.gone_at is null
        join establishments e on e.id = s.establishment_id
        left join classes c on c.id = s.class_id
        where g.account_id in (${sql.join(accountIds.map((id) => sql`${id}`), sql`, `)})
        order by s.first_name, s.last_name, s.id`,
  );
  return rows.map((r) => ({ firstName: r.first_name, lastName: r.last_name, establishment: r.establishment, classLabel: r.class_label }));
}
