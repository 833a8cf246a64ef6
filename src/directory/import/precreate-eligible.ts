// SPEC §3 / §3.1: after an import, every guardian and student who qualifies and has no account gets one
// (Non notifié, identifier generated) — never twice: only people without an account are read, batch by batch,
// and a guardian already known under another reference of the same child keeps that account (continuity).
import { sql } from 'drizzle-orm';
import type { AccountsDeps } from '../../accounts/deps.ts';
import { precreateAccountsIn, type PrecreateRequest } from '../../accounts/precreate.ts';
import { SYSTEM } from '../../audit/record.ts';
import { queryRows } from '../../db/rows.ts';
import { identifierPattern, InvalidNameError } from '../../domain/identifiers.ts';
import { isGuardianEligible, isStudentEligible, type GuardianLink } from '../../domain/eligibility.ts';
import { realmDegrees } from './qualification.ts';

export const PRECREATE_BATCH = 5_000;

export interface PrecreateOutcome {
  guardians: number;
  students: number;
  /** Guardian references attached to the account their other reference of the same child already had. */
  reattached: number;
  /** People whose name has no letter to build an identifier from. */
  unnamed: Array<{ sourceKey: string | null; reason: string }>;
}

type Deps = Pick<AccountsDeps, 'db' | 'clock' | 'realm'>;

/** SPEC §3 "pre-creation by the nightly import", for the whole deployment. */
export async function precreateEligibleAccounts(deps: Deps): Promise<PrecreateOutcome> {
  const outcome: PrecreateOutcome = { guardians: 0, students: 0, reattached: 0, unnamed: [] };
  if (deps.realm.populations.guardian) await precreateGuardians(deps, outcome);
  if (deps.realm.populations.student) await precreateStudents(deps, outcome);
  return outcome;
}

interface GuardianCandidate {
  id: number;
  source_key: string | null;
  first_name: string;
  last_name: string;
  email: string | null;
  links: Array<{ legal: boolean; ine: string | null; admitted: boolean; class_id: number | null; gone: boolean }> | null;
}

/**
 * Continuity (SPEC §3): the account of another reference of the same person — same name, a guardian of one of the
 * same children (e.g. the child moved to another academy, whose export numbers people differently).
 */
async function accountsOfOtherReferences(deps: Deps, guardianIds: readonly number[]): Promise<Map<number, string>> {
  if (guardianIds.length === 0) return new Map();
  const rows = await queryRows<{ id: number; account_id: string }>(
    deps.db,
    // Materialised steps from the batch's guardians to their children's other guardians: the planner cannot start
    // from every account instead (its estimates lag behind while this very step creates accounts).
    sql`with mine as materialized (
        select gs.guardian_id as id, gs.student_id from guardian_students gs where gs.guardian_id = any(${sql.param([...guardianIds])}::int[])
      ), others as materialized (
        select mine.id, ogs.guardian_id as other from mine
        join guardian_students ogs on ogs.student_id = mine.student_id and ogs.guardian_id <> mine.id
      )
      select distinct on (others.id) others.id, o.account_id
      from others join guardians g on g.id = others.id join guardians o on o.id = others.other
      where o.account_id is not null and o.last_name_key = g.last_name_key and o.first_name_key = g.first_name_key
      order by others.id, o.id`,
  );
  return new Map(rows.map((r) => [r.id, r.account_id]));
}

async function precreateGuardians(deps: Deps, outcome: PrecreateOutcome): Promise<void> {
  const degrees = sql.param(realmDegrees(deps.realm, 'guardian'));
  for (let after = 0; ; ) {
    const batch = await queryRows<GuardianCandidate>(
      deps.db,
      sql`with batch as (
          select g.id from guardians g
          where g.account_id is null and g.gone_at is null and g.id > ${after}
            and exists (select 1 from guardian_students gs where gs.guardian_id = g.id and gs.legal_responsibility)
          order by g.id limit ${PRECREATE_BATCH}
        )
        select g.id, g.source_key, g.first_name, g.last_name, g.email,
          json_agg(json_build_object('legal', gs.legal_responsibility, 'ine', s.ine, 'admitted', s.definitively_admitted,
              'class_id', s.class_id, 'gone', s.gone_at is not null)) filter (where e.id is not null) as links
        from batch join guardians g on g.id = batch.id
        left join guardian_students gs on gs.guardian_id = g.id
        left join students s on s.id = gs.student_id
        left join establishments e on e.id = s.establishment_id and e.degree = any(${degrees}::text[])
        group by g.id order by g.id`,
    );
    if (batch.length === 0) return;
    after = batch.at(-1)!.id;
    const eligible = batch.filter((g) => isGuardianEligible((g.links ?? []).map(toGuardianLink)));
    const continuedAccount = await accountsOfOtherReferences(deps, eligible.map((g) => g.id));
    const continued = eligible.filter((g) => continuedAccount.has(g.id)).map((g) => ({ id: g.id, account_id: continuedAccount.get(g.id)! }));
    const fresh = eligible.filter((g) => !continuedAccount.has(g.id));
    const requests = named(fresh, outcome, (g) => ({ kind: 'guardian', person: { firstName: g.first_name, lastName: g.last_name }, email: g.email, mobile: null, guardianIds: [g.id] }));
    await deps.db.transaction(async (tx) => {
      if (continued.length > 0) {
        await tx.execute(sql`update guardians g set account_id = v.account_id, updated_at = ${deps.clock()}
          from jsonb_to_recordset(${JSON.stringify(continued)}::jsonb) as v(id int, account_id uuid)
          where g.id = v.id and g.account_id is null`);
      }
      if (requests.length > 0) await precreateAccountsIn(tx, deps, requests, SYSTEM);
    });
    outcome.reattached += continued.length;
    outcome.guardians += requests.length;
  }
}

function toGuardianLink(link: NonNullable<GuardianCandidate['links']>[number]): GuardianLink {
  return { legalResponsibility: link.legal, student: { ine: link.ine, definitivelyAdmitted: link.admitted, classId: link.class_id, goneAt: link.gone ? new Date(0) : null } };
}

interface StudentCandidate {
  id: number;
  source_key: string | null;
  first_name: string;
  last_name: string;
  ine: string | null;
  admitted: boolean;
  class_id: number | null;
}

async function precreateStudents(deps: Deps, outcome: PrecreateOutcome): Promise<void> {
  const degrees = sql.param(realmDegrees(deps.realm, 'student'));
  for (let after = 0; ; ) {
    const batch = await queryRows<StudentCandidate>(
      deps.db,
      sql`select s.id, s.source_key, s.first_name, s.last_name, s.ine, s.definitively_admitted as admitted, s.class_id
        from students s join establishments e on e.id = s.establishment_id
        where s.account_id is null and s.gone_at is null and s.id > ${after} and e.degree = any(${degrees}::text[])
        order by s.id limit ${PRECREATE_BATCH}`,
    );
    if (batch.length === 0) return;
    after = batch.at(-1)!.id;
    const eligible = batch.filter((s) => isStudentEligible({ ine: s.ine, definitivelyAdmitted: s.admitted, classId: s.class_id }));
    const requests = named(eligible, outcome, (s) => ({ kind: 'student', person: { firstName: s.first_name, lastName: s.last_name }, studentId: s.id }));
    if (requests.length > 0) await deps.db.transaction((tx) => precreateAccountsIn(tx, deps, requests, SYSTEM));
    outcome.students += requests.length;
  }
}

/** People whose names cannot make an identifier are reported, not fatal for the others. */
function named<T extends { source_key: string | null; first_name: string; last_name: string }>(
  people: readonly T[],
  outcome: PrecreateOutcome,
  request: (person: T) => PrecreateRequest,
): PrecreateRequest[] {
  return people.flatMap((person) => {
    const built = request(person);
    try {
      // identifierPattern throws on a name without letters; checking here keeps the batch whole.
      identifierPattern({ kind: 'initial-dot-lastname' }, built.person);
      return [built];
    } catch (error) {
      if (!(error instanceof InvalidNameError)) throw error;
      outcome.unnamed.push({ sourceKey: person.source_key, reason: error.message });
      return [];
    }
  });
}
