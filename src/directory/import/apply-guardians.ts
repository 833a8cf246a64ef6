// SPEC §2–§3: guardians (responsables) upserted on their jointure key. Their account is never touched here except
// its e-mail while the person has not made the address theirs (SPEC §3 rev. "who owns the e-mail address").
import { displayKey } from './stream-keys.ts';
import { sql } from 'drizzle-orm';
import type { DirectoryChange, GuardianFields } from '../changes.ts';
import type { Executor } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import type { ApplyContext, BatchOutcome } from './context.ts';
import { jsonRecords, lastByKey } from './sql-values.ts';

type GuardianChange = Extract<DirectoryChange<'guardian'>, { operation: 'add' | 'modify' }>;

/** SPEC §2 guardians: add and modify entries of one batch, in one upsert. */
export async function applyGuardians(ctx: ApplyContext, changes: readonly GuardianChange[], outcome: BatchOutcome): Promise<void> {
  const current = await loadGuardians(ctx.tx, changes.filter((c) => c.operation === 'modify').map((c) => c.key));
  const complete: Array<{ key: string; fields: GuardianFields }> = [];
  for (const change of changes) {
    if (change.operation === 'add') complete.push({ key: change.key, fields: change.fields });
    else {
      const known = current.get(change.key);
      if (!known) outcome.rejections.push({ at: change.at, key: change.key, reason: `modification d'un responsable inconnu : ${displayKey(change.key)}` });
      else complete.push({ key: change.key, fields: { ...known, ...change.fields } });
    }
  }
  const rows = lastByKey(complete);
  if (rows.length === 0) return;
  const values = jsonRecords(rows.map(({ key, fields }) => ({ key, ...fields })));
  const written = await queryRows<{ id: number; account_id: string | null; inserted: boolean }>(
    ctx.tx,
    sql`insert into guardians (source_key, last_name, first_name, email, mobile, address, gone_at, created_at, updated_at)
      select v.key, v."lastName", v."firstName", v.email, v.mobile, v.address, null, ${ctx.now}, ${ctx.now}
      from jsonb_to_recordset(${values}) as v(key text, "lastName" text, "firstName" text, email text, mobile text, address text)
      on conflict (source_key) do update set
        last_name = excluded.last_name, first_name = excluded.first_name, email = excluded.email, mobile = excluded.mobile,
        address = excluded.address, gone_at = null, updated_at = excluded.updated_at
      where (guardians.last_name, guardians.first_name, guardians.email, guardians.mobile, guardians.address, guardians.gone_at)
        is distinct from (excluded.last_name, excluded.first_name, excluded.email, excluded.mobile, excluded.address, null)
      returning id, account_id, (xmax = 0) as inserted`,
  );
  const created = written.filter((w) => w.inserted).length;
  outcome.counts.guardian.created += created;
  outcome.counts.guardian.updated += written.length - created;
  outcome.counts.guardian.unchanged += rows.length - written.length;

  const changedWithAccount = written.filter((w) => !w.inserted && w.account_id !== null).map((w) => w.id);
  if (changedWithAccount.length > 0) {
    // The directory's address is only a starting point: once the person set or confirmed one, it is theirs.
    await ctx.tx.execute(sql`update accounts a set email = g.email, email_verified = false, updated_at = ${ctx.now}
      from guardians g
      where g.id = any(${sql.param(changedWithAccount)}::int[]) and a.id = g.account_id
        and not a.email_owned_by_person and g.email is not null and a.email is distinct from g.email`);
  }
}

async function loadGuardians(db: Executor, keys: readonly string[]): Promise<Map<string, GuardianFields>> {
  if (keys.length === 0) return new Map();
  const rows = await queryRows<{ key: string; last_name: string; first_name: string; email: string | null; mobile: string | null; address: string | null }>(
    db,
    sql`select source_key as key, last_name, first_name, email, mobile, address from guardians where source_key = any(${sql.param([...keys])}::text[])`,
  );
  return new Map(rows.map((r) => [r.key, { lastName: r.last_name, firstName: r.first_name, email: r.email, mobile: r.mobile, address: r.address }]));
}
