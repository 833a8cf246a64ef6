// SPEC §4 account page (guide §5.2): what the admin sees of one account — and only when one of its children is
// enrolled in the admin's current establishment. Of other establishments, only UAI and name (SPEC §3 rev.).
import { sql } from 'drizzle-orm';
import type { AccountsDeps } from '../../accounts/deps.ts';
import { readProvisionalPassword } from '../../accounts/provisional.ts';
import { queryRows } from '../../db/rows.ts';
import type { AccountOrigin, AccountState } from '../../domain/account-state.ts';
import { linkedToEstablishment } from './sql-fragments.ts';

export type PasswordDisplay = { kind: 'provisional'; value: string } | { kind: 'chosen' } | { kind: 'none' };

export interface AccountPageData {
  id: string;
  identifier: string;
  state: AccountState;
  origin: AccountOrigin;
  email: string | null;
  mobile: string | null;
  distributedAt: Date | null;
  lastLoginAt: Date | null;
  password: PasswordDisplay;
  guardian: { firstName: string; lastName: string } | null;
  here: Array<{ firstName: string; lastName: string; birthDate: string; classLabel: string | null }>;
  elsewhere: Array<{ firstName: string; lastName: string; birthDate: string; uai: string; establishmentName: string }>;
}

interface AccountRow {
  id: string;
  identifier: string;
  state: AccountState;
  origin: AccountOrigin;
  email: string | null;
  mobile: string | null;
  distributedAt: string | Date | null;
  lastLoginAt: string | Date | null;
  provisionalPassword: string | null;
  hasChosenPassword: boolean;
  guardianFirstName: string | null;
  guardianLastName: string | null;
}

interface ChildRow {
  firstName: string;
  lastName: string;
  birthDate: string;
  here: boolean;
  classLabel: string | null;
  uai: string;
  establishmentName: string;
}

/** SPEC §4 account page: the account seen from `establishmentId`, or null (unknown or not visible: the same 404). */
export async function loadAccountPage(deps: AccountsDeps, establishmentId: number, accountId: string): Promise<AccountPageData | null> {
  const [account] = await queryRows<AccountRow>(
    deps.db,
    sql`select a.id, a.identifier, a.state, a.origin, nullif(a.email, '') as email, nullif(a.mobile, '') as mobile,
        a.distributed_at as "distributedAt", a.last_login_at as "lastLoginAt",
        a.provisional_password as "provisionalPassword", (a.password_hash is not null) as "hasChosenPassword",
        g.first_name as "guardianFirstName", g.last_name as "guardianLastName"
      from accounts a
      left join lateral (select first_name, last_name from guardians where account_id = a.id and gone_at is null order by id limit 1) g on true
      where a.id = ${accountId} and ${linkedToEstablishment(sql`a.id`, establishmentId)}`,
  );
  if (!account) return null;
  const children = await queryRows<ChildRow>(
    deps.db,
    sql`select distinct s.id, s.first_name as "firstName", s.last_name as "lastName", s.birth_date::text as "birthDate",
        (s.establishment_id = ${establishmentId}) as here, c.label as "classLabel", e.uai, e.name as "establishmentName"
      from guardians g
      join guardian_students gs on gs.guardian_id = g.id and gs.legal_responsibility
      join students s on s.id = gs.student_id and s.gone_at is null
      join establishments e on e.id = s.establishment_id
      left join classes c on c.id = s.class_id
      where g.account_id = ${accountId} and g.gone_at is null
      order by "lastName", "firstName", s.id`,
  );
  return {
    id: account.id,
    identifier: account.identifier,
    state: account.state,
    origin: account.origin,
    email: account.email,
    mobile: account.mobile,
    distributedAt: toDate(account.distributedAt),
    lastLoginAt: toDate(account.lastLoginAt),
    password: passwordDisplay(deps, account),
    guardian: account.guardianLastName === null ? null : { firstName: account.guardianFirstName ?? '', lastName: account.guardianLastName },
    here: children.filter((c) => c.here).map(({ firstName, lastName, birthDate, classLabel }) => ({ firstName, lastName, birthDate, classLabel })),
    elsewhere: children
      .filter((c) => !c.here)
      .map(({ firstName, lastName, birthDate, uai, establishmentName }) => ({ firstName, lastName, birthDate, uai, establishmentName })),
  };
}

/** SPEC §3.1: in clear while provisional, ***** once chosen, nothing for Non notifié. */
function passwordDisplay(deps: AccountsDeps, account: AccountRow): PasswordDisplay {
  if (account.state === 'non_notifie') return { kind: 'none' };
  const provisional = readProvisionalPassword(deps, { id: account.id, provisionalPassword: account.provisionalPassword });
  if (provisional !== null) return { kind: 'provisional', value: provisional };
  return account.hasChosenPassword ? { kind: 'chosen' } : { kind: 'none' };
}

function toDate(value: string | Date | null): Date | null {
  return value === null ? null : value instanceof Date ? value : new Date(value);
}
