// SPEC §4 Letters: "each letter names the guardian, the establishment and all the children covered by the
// account" — read for a whole selection in one query, children of every establishment included (SPEC §3 rev.).
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import type { LetterCode } from '../../domain/letters.ts';
import { letterUrls, type LetterContext, type LetterPerson } from '../../messaging/letters/letter-content.ts';
import type { Realm } from '../../realms/realm.ts';
import type { AdministeredEstablishment } from '../auth/session.ts';
import { linkedToEstablishment, uuidList } from '../responsables/sql-fragments.ts';

export interface LetterRecipient {
  accountId: string;
  identifier: string;
  email: string | null;
  state: string;
  /** The sealed provisional password, read only where a letter carries it. */
  sealedPassword: string | null;
  guardian: LetterPerson;
  children: LetterPerson[];
}

interface Row {
  accountId: string;
  identifier: string;
  email: string | null;
  state: string;
  sealedPassword: string | null;
  guardian: LetterPerson | null;
  children: LetterPerson[] | null;
}

/**
 * The people of each letter, for the accounts among `accountIds` visible from the establishment. The guardian
 * is the account's first directory reference; the children, every one it has legal responsibility for.
 */
export async function loadLetterRecipients(db: Executor, establishmentId: number, accountIds: readonly string[]): Promise<Map<string, LetterRecipient>> {
  if (accountIds.length === 0) return new Map();
  const rows = await queryRows<Row>(
    db,
    sql`select a.id as "accountId", a.identifier, nullif(a.email, '') as email, a.state, a.provisional_password as "sealedPassword",
        (select json_build_object('firstName', g.first_name, 'lastName', g.last_name)
           from guardians g where g.account_id = a.id and g.gone_at is null order by g.id limit 1) as guardian,
        (select json_agg(json_build_object('firstName', k.first_name, 'lastName', k.last_name) order by k.birth_date, k.first_name, k.id)
           from (select distinct s.id, s.first_name, s.last_name, s.birth_date
                   from guardians g
                   join guardian_students gs on gs.guardian_id = g.id and gs.legal_responsibility
                   join students s on s.id = gs.student_id and s.gone_at is null
                  where g.account_id = a.id and g.gone_at is null) k) as children
      from accounts a
      where a.id in ${uuidList(accountIds)} and ${linkedToEstablishment(sql`a.id`, establishmentId)}`,
  );
  return new Map(
    rows.map((r) => [
      r.accountId,
      {
        accountId: r.accountId,
        identifier: r.identifier,
        email: r.email,
        state: r.state,
        sealedPassword: r.sealedPassword,
        guardian: r.guardian ?? { firstName: '', lastName: r.identifier },
        children: r.children ?? [],
      },
    ]),
  );
}

export interface LetterSettings {
  realm: Realm;
  issuer: string;
  establishment: AdministeredEstablishment;
}

/** The context `letterContent` reads, for one recipient and one letter. */
export function letterContext(
  settings: LetterSettings,
  recipient: LetterRecipient,
  code: LetterCode,
  provisionalPassword: string | null,
  activationUrl?: string,
): LetterContext {
  const serviceUrl = settings.issuer.replace(/\/+$/, '');
  const { uai, name, kind, degree } = settings.establishment;
  return {
    code,
    realm: settings.realm,
    serviceUrl,
    ...letterUrls(serviceUrl, recipient.identifier),
    establishment: { uai, name, kind: kind as LetterContext['establishment']['kind'], degree },
    recipient: recipient.guardian,
    children: recipient.children,
    identifier: recipient.identifier,
    provisionalPassword,
    ...(activationUrl ? { activationUrl } : {}),
  };
}
