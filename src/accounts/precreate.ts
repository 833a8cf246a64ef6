// SPEC §3 / §3.1: pre-creation of accounts (state Non notifié, origin Non renseigné) with a unique identifier.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { nextStatus } from '../domain/account-state.ts';
import type { IdentifierFormat, PersonName } from '../domain/identifiers.ts';
import type { Executor } from '../db/client.ts';
import { queryRows } from '../db/rows.ts';
import { populationSettings } from '../realms/index.ts';
import { recordAudit, type Actor } from '../audit/record.ts';
import type { AccountsDeps } from './deps.ts';
import { insertWithFreeIdentifiers } from './identifier-allocation.ts';

export interface PrecreateRequest {
  kind: 'guardian' | 'student';
  person: PersonName;
  email?: string | null;
  mobile?: string | null;
  /** Guardian references (directory rows) this account covers. */
  guardianIds?: number[];
  studentId?: number;
}

export interface PrecreatedAccount {
  accountId: string;
  identifier: string;
}

/** SPEC §3.1 "pre-creation by the nightly import": one transaction for the whole batch, audited. */
export async function precreateAccounts(
  deps: AccountsDeps,
  requests: readonly PrecreateRequest[],
  actor: Actor,
): Promise<PrecreatedAccount[]> {
  return deps.db.transaction((tx) => precreateAccountsIn(tx, deps, requests, actor));
}

/** SPEC §3.1 pre-creation inside the caller's transaction (the nightly import's, one per batch). */
export async function precreateAccountsIn(
  tx: Executor,
  deps: Pick<AccountsDeps, 'clock' | 'realm'>,
  requests: readonly PrecreateRequest[],
  actor: Actor,
): Promise<PrecreatedAccount[]> {
  const withFormat = requests.map((request) => ({
    ...request,
    format: populationSettings(deps.realm, request.kind).identifierFormat,
    accountId: randomUUID(),
  }));
  return insertPrecreated(tx, withFormat, deps.clock(), actor);
}

type FormattedRequest = PrecreateRequest & { format: IdentifierFormat; accountId: string };

async function insertPrecreated(tx: Executor, withFormat: FormattedRequest[], now: Date, actor: Actor): Promise<PrecreatedAccount[]> {
  const status = nextStatus(null, 'precreate');
  const identifiers = await insertWithFreeIdentifiers(tx, withFormat, async (rows) => {
    // One JSON parameter rather than 11 bound values per row: the nightly import writes thousands per batch.
    const values = rows.map(({ request, identifier }) => ({ id: request.accountId, kind: request.kind, identifier, email: request.email ?? null, mobile: request.mobile ?? null }));
    const written = await queryRows<{ identifier: string }>(
      tx,
      sql`insert into accounts (id, kind, identifier, email, mobile, state, origin, created_at, updated_at)
        select v.id, v.kind, v.identifier, v.email, v.mobile, ${status.state}, ${status.origin}, ${now}, ${now}
        from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as v(id uuid, kind text, identifier text, email text, mobile text)
        on conflict (identifier) do nothing
        returning identifier`,
    );
    return new Set(written.map((w) => w.identifier));
  });
  const guardianLinks = withFormat.flatMap((r) => (r.guardianIds ?? []).map((id) => ({ id, account_id: r.accountId })));
  const studentLinks = withFormat.flatMap((r) => (r.studentId === undefined ? [] : [{ id: r.studentId, account_id: r.accountId }]));
  if (guardianLinks.length > 0) {
    await tx.execute(sql`update guardians g set account_id = v.account_id, updated_at = ${now}
      from jsonb_to_recordset(${JSON.stringify(guardianLinks)}::jsonb) as v(id int, account_id uuid)
      where g.id = v.id`);
  }
  if (studentLinks.length > 0) {
    await tx.execute(sql`update students s set account_id = v.account_id, updated_at = ${now}
      from jsonb_to_recordset(${JSON.stringify(studentLinks)}::jsonb) as v(id int, account_id uuid)
      where s.id = v.id`);
  }
  const created = withFormat.map((r) => ({ accountId: r.accountId, identifier: identifiers.get(r)! }));
  await recordAudit(
    tx,
    actor,
    created.map((c) => ({ action: 'account.precreated', accountId: c.accountId, details: { identifier: c.identifier } })),
    now,
  );
  return created;
}

