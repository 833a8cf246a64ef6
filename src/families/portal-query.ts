// SPEC §5 portal: the person, their children (guardian) and the services they may open, read in three queries.
import { asc, sql } from 'drizzle-orm';
import { services } from '../db/schema.ts';
import type { Executor } from '../db/client.ts';
import { queryRows } from '../db/rows.ts';

export interface PortalView {
  firstName: string;
  lastName: string;
  identifier: string;
  kind: 'guardian' | 'student';
  children: Array<{ firstName: string; lastName: string; establishment: string; classLabel: string | null }>;
  services: Array<{ id: string; name: string; description: string | null; url: string }>;
}

export async function loadPortal(db: Executor, accountId: string): Promise<PortalView | null> {
  const [person] = await queryRows<{ first_name: string; last_name: string; identifier: string; kind: 'guardian' | 'student' }>(
    db,
    sql`select coalesce(g.first_name, s.first_name) as first_name, coalesce(g.last_name, s.last_name) as last_name,
           a.identifier, a.kind
        from accounts a
        left join lateral (select first_name, last_name from guardians where account_id = a.id order by id limit 1) g on true
        left join students s on s.account_id = a.id
        where a.id = ${accountId}`,
  );
  if (!person) return null;
  const children =
    person.kind === 'guardian'
      ? await queryRows<{ first_name: string; last_name: string; establishment: string; class_label: string | null }>(
          db,
          sql`select distinct s.first_name, s.last_name, e.name as establishment, c.label as class_label
              from guardians g
              join guardian_students gs on gs.guardian_id = g.id and gs.legal_responsibility
              join students s on s.id = gs.student_id and s.gone_at is null
              join establishments e on e.id = s.establishment_id
              left join classes c on c.id = s.class_id
              where g.account_id = ${accountId}
              order by s.first_name, s.last_name`,
        )
      : [];
  const catalogue = await db
    .select({ id: services.id, name: services.name, description: services.description, url: services.url })
    .from(services)
    .orderBy(asc(services.name));
  return {
    firstName: person.first_name,
    lastName: person.last_name,
    identifier: person.identifier,
    kind: person.kind,
    children: children.map((c) => ({ firstName: c.first_name, lastName: c.last_name, establishment: c.establishment, classLabel: c.class_label })),
    services: catalogue,
  };
}

