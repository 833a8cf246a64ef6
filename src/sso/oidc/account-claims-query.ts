// The account and everything its claims need, in one query (DESIGN.md: no query per claim, child or school).
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import type { AccountClaimsRow } from './account-claims.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const schooling = (s: string) => sql.raw(`json_build_object(
  'givenName', ${s}.first_name, 'familyName', ${s}.last_name, 'birthDate', ${s}.birth_date::text,
  'uai', e.uai, 'degree', e.degree, 'class', c.label, 'level', l.code)`);

/** The claims row of an account that may reach services (state 'active'), or undefined. */
export async function loadAccountClaimsRow(db: Executor, accountId: string): Promise<AccountClaimsRow | undefined> {
  if (!UUID.test(accountId)) return undefined;
  const [row] = await queryRows<AccountClaimsRow>(
    db,
    sql`
      select a.id, a.kind, a.identifier, a.email, a.email_verified as "emailVerified",
        (select ${schooling('s')}
           from students s
           join establishments e on e.id = s.establishment_id
           left join classes c on c.id = s.class_id
           left join levels l on l.id = s.level_id
          where s.account_id = a.id and s.gone_at is null
          limit 1) as student,
        (select json_build_object('givenName', g.first_name, 'familyName', g.last_name)
           from guardians g
          where g.account_id = a.id and g.gone_at is null
          order by g.id
          limit 1) as guardian,
        (select coalesce(json_agg(x.child order by x.family_name, x.given_name, x.id), '[]'::json)
           from (select distinct on (s.id) s.id, s.last_name as family_name, s.first_name as given_name, ${schooling('s')} as child
                   from guardians g
                   join guardian_students gs on gs.guardian_id = g.id and gs.legal_responsibility
                   join students s on s.id = gs.student_id and s.gone_at is null
                   join establishments e on e.id = s.establishment_id
                   left join classes c on c.id = s.class_id
                   left join levels l on l.id = s.level_id
                  where g.account_id = a.id and g.gone_at is null
                  order by s.id) x) as children
      from accounts a
      where a.id = ${accountId} and a.state = 'active'`,
  );
  return row;
}
