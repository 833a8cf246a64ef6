// SPEC §2 staff: heads of establishments (function DIR) from the directory become console staff of the
// establishments they direct. Their login is `prenom.nom`; they have no password until one is set
// (`guichet staff password <login>`): the directory carries none.
import { sql } from 'drizzle-orm';
import type { DirectoryChange, StaffFields } from '../changes.ts';
import { normalizeNamePart } from '../../domain/identifiers.ts';
import { queryRows } from '../../db/rows.ts';
import type { ApplyContext, BatchOutcome } from './context.ts';
import { jsonRecords, lastByKey } from './sql-values.ts';

type StaffChange = Extract<DirectoryChange<'staff'>, { operation: 'add' | 'modify' }>;

export const HEAD_FUNCTION = 'DIR';

/** SPEC §2 staff: add and modify entries of one batch. */
export async function applyStaff(ctx: ApplyContext, changes: readonly StaffChange[], outcome: BatchOutcome): Promise<void> {
  const current = await loadStaff(ctx, changes.filter((c) => c.operation === 'modify').map((c) => c.key));
  const complete: Array<{ key: string; fields: StaffFields; at: StaffChange['at'] }> = [];
  for (const change of changes) {
    if (change.operation === 'add') complete.push({ key: change.key, fields: change.fields, at: change.at });
    else {
      const known = current.get(change.key);
      // A delta cannot tell whether a person is a head: a modify of staff Guichet never imported is not an error.
      if (known) complete.push({ key: change.key, fields: { ...known, ...change.fields }, at: change.at });
    }
  }
  const rows = lastByKey(complete).filter((row) => {
    if (loginStem(row.fields)) return true;
    outcome.rejections.push({ at: row.at, key: row.key, reason: 'nom ou prénom sans lettre utilisable pour former un identifiant' });
    return false;
  });
  if (rows.length === 0) return;

  const existing = new Set(
    (await queryRows<{ source_key: string }>(ctx.tx, sql`select source_key from staff where source_key = any(${sql.param(rows.map((r) => r.key))}::text[])`)).map((r) => r.source_key),
  );
  const logins = await freeLogins(ctx, rows.filter((r) => !existing.has(r.key)).map((r) => loginStem(r.fields)!));
  let next = 0;
  const values = jsonRecords(
    rows.map(({ key, fields }) => ({
      key,
      login: existing.has(key) ? null : logins[next++],
      display_name: `${fields.firstName} ${fields.lastName}`,
      email: fields.email,
    })),
  );
  const written = await queryRows<{ inserted: boolean }>(
    ctx.tx,
    sql`insert into staff (login, password_hash, display_name, role, email, source_key, gone_at, created_at)
      select coalesce(v.login, v.key), null, v.display_name, 'head', v.email, v.key, null, ${ctx.now}
      from jsonb_to_recordset(${values}) as v(key text, login text, display_name text, email text)
      on conflict (source_key) do update set display_name = excluded.display_name, email = excluded.email, gone_at = null
      where (staff.display_name, staff.email, staff.gone_at) is distinct from (excluded.display_name, excluded.email, null)
      returning (xmax = 0) as inserted`,
  );
  const created = written.filter((w) => w.inserted).length;
  outcome.counts.staff.created += created;
  outcome.counts.staff.updated += written.length - created;
  outcome.counts.staff.unchanged += rows.length - written.length;

  // The establishments a head administers are those the directory names with the DIR function.
  const directed = jsonRecords(
    rows.flatMap(({ key, fields }) => fields.functions.filter((f) => f.code === HEAD_FUNCTION).map((f) => ({ key, structure: f.structureKey }))),
  );
  await ctx.tx.execute(sql`delete from staff_establishments se using staff s
    where se.staff_id = s.id and s.source_key = any(${sql.param(rows.map((r) => r.key))}::text[])
      and not exists (select 1 from jsonb_to_recordset(${directed}) as v(key text, structure text)
        join establishments e on e.source_key = v.structure where v.key = s.source_key and e.id = se.establishment_id)`);
  await ctx.tx.execute(sql`insert into staff_establishments (staff_id, establishment_id)
    select s.id, e.id from jsonb_to_recordset(${directed}) as v(key text, structure text)
    join staff s on s.source_key = v.key join establishments e on e.source_key = v.structure
    on conflict do nothing`);
}

function loginStem(fields: StaffFields): string | null {
  const first = normalizeNamePart(fields.firstName.split(/[\s-]/)[0] ?? '');
  const last = normalizeNamePart(fields.lastName);
  return first && last ? `${first}.${last}` : null;
}

/** One free login per stem (`prenom.nom`, then `prenom.nom2`…), one query for the batch. */
async function freeLogins(ctx: ApplyContext, stems: readonly string[]): Promise<string[]> {
  if (stems.length === 0) return [];
  const taken = new Set(
    (await queryRows<{ login: string }>(ctx.tx, sql`select login from staff where login like any(${sql.param(stems.map((s) => `${s}%`))}::text[])`)).map((r) => r.login),
  );
  return stems.map((stem) => {
    let login = stem;
    for (let n = 2; taken.has(login); n++) login = `${stem}${n}`;
    taken.add(login);
    return login;
  });
}

async function loadStaff(ctx: ApplyContext, keys: readonly string[]): Promise<Map<string, StaffFields>> {
  if (keys.length === 0) return new Map();
  const rows = await queryRows<{ key: string; display_name: string; email: string | null; functions: StaffFields['functions'] | null }>(
    ctx.tx,
    sql`select s.source_key as key, s.display_name, s.email,
        (select json_agg(json_build_object('structureKey', e.source_key, 'code', ${HEAD_FUNCTION}, 'label', 'DIRECTION'))
           from staff_establishments se join establishments e on e.id = se.establishment_id where se.staff_id = s.id) as functions
      from staff s where s.source_key = any(${sql.param([...keys])}::text[])`,
  );
  return new Map(
    rows.map((r) => {
      const [firstName = '', ...rest] = r.display_name.split(' ');
      return [r.key, { firstName, lastName: rest.join(' '), email: r.email, functions: r.functions ?? [] }];
    }),
  );
}
