// SPEC §2: establishments from the directory export, upserted on their jointure key; an establishment already
// known by its UAI (demo, CSV, an earlier key) is adopted rather than duplicated. Classes are kept per establishment.
import { displayKey } from './stream-keys.ts';
import { sql } from 'drizzle-orm';
import type { DirectoryChange, StructureFields } from '../changes.ts';
import type { Executor } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import type { ApplyContext, BatchOutcome } from './context.ts';
import { ensureClasses, jsonRecords, lastByKey } from './sql-values.ts';

type StructureChange = Extract<DirectoryChange<'structure'>, { operation: 'add' | 'modify' }>;

/** SPEC §2 establishments: add and modify entries of one batch, in one upsert. */
export async function applyStructures(ctx: ApplyContext, changes: readonly StructureChange[], outcome: BatchOutcome): Promise<void> {
  const current = await loadStructures(ctx.tx, changes.filter((c) => c.operation === 'modify').map((c) => c.key));
  const complete: Array<{ key: string; fields: StructureFields; line: number; file: string }> = [];
  for (const change of changes) {
    if (change.operation === 'add') complete.push({ key: change.key, fields: change.fields, line: change.at.line, file: change.at.file });
    else {
      const known = current.get(change.key);
      if (!known) outcome.rejections.push({ at: change.at, key: change.key, reason: `modification d'un établissement inconnu : ${displayKey(change.key)}` });
      else complete.push({ key: change.key, fields: { ...known, ...change.fields }, line: change.at.line, file: change.at.file });
    }
  }
  const rows = lastByKey(complete);
  const byUai = new Map<string, string>();
  const accepted = rows.filter((row) => {
    const other = byUai.get(row.fields.uai);
    if (other !== undefined) {
      outcome.rejections.push({ at: { file: row.file, line: row.line }, key: row.key, reason: `UAI ${row.fields.uai} déjà donné à la structure ${other} dans le même fichier` });
      return false;
    }
    byUai.set(row.fields.uai, row.key);
    return true;
  });
  if (accepted.length === 0) return;

  const academyCodes = [...new Set(accepted.map((r) => r.fields.academyCode ?? ctx.defaultAcademyCode))];
  await ctx.tx.execute(sql`insert into academies (code, name)
    select code, 'Académie ' || code from unnest(${sql.param(academyCodes)}::text[]) as code
    on conflict (code) do nothing`);

  const values = jsonRecords(
    accepted.map(({ key, fields }) => ({
      key,
      uai: fields.uai,
      name: fields.name,
      city: fields.city,
      kind: fields.kind,
      degree: fields.degree,
      sector: fields.sector,
      academy_code: fields.academyCode ?? ctx.defaultAcademyCode,
    })),
  );
  // An establishment known by its UAI under another key (demo, CSV, a renumbered jointure) takes the new key.
  await ctx.tx.execute(sql`update establishments e set source_key = v.key, updated_at = ${ctx.now}
    from jsonb_to_recordset(${values}) as v(key text, uai text)
    where e.uai = v.uai and e.source_key is distinct from v.key
      and not exists (select 1 from establishments o where o.source_key = v.key)`);
  // Two live jointures claiming one UAI: the newcomer is refused rather than failing the whole file.
  const clashes = await queryRows<{ key: string; holder: string }>(
    ctx.tx,
    sql`select v.key, e.source_key as holder from jsonb_to_recordset(${values}) as v(key text, uai text)
      join establishments e on e.uai = v.uai and e.source_key is distinct from v.key`,
  );
  if (clashes.length > 0) {
    const refused = new Set(clashes.map((c) => c.key));
    for (const clash of clashes) {
      const row = accepted.find((r) => r.key === clash.key)!;
      outcome.rejections.push({ at: { file: row.file, line: row.line }, key: row.key, reason: `UAI ${row.fields.uai} déjà porté par l'établissement ${clash.holder ?? 'sans clé'}` });
    }
    return applyStructures(ctx, accepted.filter((r) => !refused.has(r.key)).map((r) => ({ kind: 'structure', operation: 'add', key: r.key, fields: r.fields, at: { file: r.file, line: r.line } })), outcome);
  }
  const written = await queryRows<{ id: number; source_key: string; inserted: boolean }>(
    ctx.tx,
    sql`insert into establishments (academy_id, uai, name, city, kind, degree, sector, source_key, gone_at, created_at, updated_at)
      select a.id, v.uai, v.name, v.city, v.kind, v.degree, v.sector, v.key, null, ${ctx.now}, ${ctx.now}
      from jsonb_to_recordset(${values}) as v(key text, uai text, name text, city text, kind text, degree text, sector text, academy_code text)
      join academies a on a.code = v.academy_code
      on conflict (source_key) do update set
        academy_id = excluded.academy_id, uai = excluded.uai, name = excluded.name, city = excluded.city,
        kind = excluded.kind, degree = excluded.degree, sector = excluded.sector, gone_at = null, updated_at = excluded.updated_at
      where (establishments.academy_id, establishments.uai, establishments.name, establishments.city, establishments.kind,
             establishments.degree, establishments.sector, establishments.gone_at)
        is distinct from (excluded.academy_id, excluded.uai, excluded.name, excluded.city, excluded.kind, excluded.degree, excluded.sector, null)
      returning id, source_key, (xmax = 0) as inserted`,
  );
  const created = written.filter((w) => w.inserted).length;
  outcome.counts.structure.created += created;
  outcome.counts.structure.updated += written.length - created;
  outcome.counts.structure.unchanged += accepted.length - written.length;

  await ensureClasses(ctx.tx, accepted.flatMap(({ key, fields }) => fields.classes.map((label) => ({ structure: key, label }))));
}

/** The stored fields of these establishments, to complete a modify entry (which carries only what changed). */
async function loadStructures(db: Executor, keys: readonly string[]): Promise<Map<string, StructureFields>> {
  if (keys.length === 0) return new Map();
  const rows = await queryRows<{ key: string; uai: string; name: string; city: string | null; kind: StructureFields['kind']; degree: StructureFields['degree']; sector: StructureFields['sector']; academy_code: string }>(
    db,
    sql`select e.source_key as key, e.uai, e.name, e.city, e.kind, e.degree, e.sector, a.code as academy_code
      from establishments e join academies a on a.id = e.academy_id where e.source_key = any(${sql.param([...keys])}::text[])`,
  );
  return new Map(rows.map((r) => [r.key, { uai: r.uai, name: r.name, city: r.city, kind: r.kind, degree: r.degree, sector: r.sector, academyCode: r.academy_code, classes: [] }]));
}
