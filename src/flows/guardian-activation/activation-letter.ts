// SPEC §3.1 C07 at first login: the same letter as the console's "Renvoyer un courriel d'activation" (annex A1.8),
// written from the account's own people: the guardian, the children covered, an establishment of theirs.
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { letterEmailMessage } from '../../messaging/letter-message.ts';
import { letterUrls, type LetterContext, type LetterPerson } from '../../messaging/letters/letter-content.ts';
import type { OutgoingMessage } from '../../messaging/outbox.ts';
import type { Realm } from '../../realms/realm.ts';

interface Row {
  guardian: LetterPerson | null;
  children: LetterPerson[] | null;
  establishment: LetterContext['establishment'] | null;
}

/** The C07 message to `email` with `activationUrl`, ready for enqueueMessages. */
export async function activationMessage(
  db: Executor,
  settings: { realm: Realm; issuer: string },
  account: { id: string; identifier: string },
  email: string,
  activationUrl: string,
): Promise<OutgoingMessage> {
  const [row] = await queryRows<Row>(
    db,
    sql`select
        (select json_build_object('firstName', g.first_name, 'lastName', g.last_name)
           from guardians g where g.account_id = ${account.id} and g.gone_at is null order by g.id limit 1) as guardian,
        (select json_agg(json_build_object('firstName', k.first_name, 'lastName', k.last_name) order by k.birth_date, k.first_name, k.id)
           from (select distinct s.id, s.first_name, s.last_name, s.birth_date
                   from guardians g
                   join guardian_students gs on gs.guardian_id = g.id and gs.legal_responsibility
                   join students s on s.id = gs.student_id and s.gone_at is null
                  where g.account_id = ${account.id} and g.gone_at is null) k) as children,
        (select json_build_object('uai', e.uai, 'name', e.name, 'kind', e.kind, 'degree', e.degree)
           from guardians g
           join guardian_students gs on gs.guardian_id = g.id and gs.legal_responsibility
           join students s on s.id = gs.student_id and s.gone_at is null
           join establishments e on e.id = s.establishment_id
          where g.account_id = ${account.id} and g.gone_at is null
          order by s.birth_date desc, s.id limit 1) as establishment`,
  );
  const serviceUrl = settings.issuer.replace(/\/+$/, '');
  const context: LetterContext = {
    code: 'C07',
    realm: settings.realm,
    serviceUrl,
    ...letterUrls(serviceUrl, account.identifier),
    // C07 names no establishment; the type asks for one, so an account without children still gets its letter.
    establishment: row?.establishment ?? { uai: '', name: '', kind: 'autre', degree: '1D' },
    recipient: row?.guardian ?? { firstName: '', lastName: account.identifier },
    children: row?.children ?? [],
    identifier: account.identifier,
    provisionalPassword: null,
    activationUrl,
  };
  return letterEmailMessage(context, email, account.id);
}
