// SPEC §2–§3: students upserted on their jointure key, with their class, level and guardian links. Continuity: a
// student who changes class or school keeps the same record; one who comes back under a new key (another academy)
// is found again by the INE, so their account and their guardians' stay theirs.
import { displayKey } from './stream-keys.ts';
import { sql } from 'drizzle-orm';
import type { DirectoryChange, StudentFields } from '../changes.ts';
import { queryRows } from '../../db/rows.ts';
import type { ApplyContext, BatchOutcome } from './context.ts';
import { ensureClasses, jsonRecords, lastByKey } from './sql-values.ts';
import { loadStudents, type StoredStudent } from './student-queries.ts';
import { replaceGuardianLinks } from './student-links.ts';

type StudentChange = Extract<DirectoryChange<'student'>, { operation: 'add' | 'modify' }>;

export interface ResolvedStudent {
  key: string;
  fields: StudentFields;
  at: StudentChange['at'];
  /** A modify entry without guardians keeps the stored links. */
  replaceLinks: boolean;
}

/** SPEC §2 students: add and modify entries of one batch — one upsert, one link replacement. */
export async function applyStudents(ctx: ApplyContext, changes: readonly StudentChange[], outcome: BatchOutcome): Promise<void> {
  const current = await loadStudents(ctx.tx, changes.filter((c) => c.operation === 'modify').map((c) => c.key));
  const resolved: ResolvedStudent[] = [];
  for (const change of changes) {
    if (change.operation === 'add') resolved.push({ key: change.key, fields: change.fields, at: change.at, replaceLinks: true });
    else {
      const known = current.get(change.key);
      if (!known) outcome.rejections.push({ at: change.at, key: change.key, reason: `modification d'un élève inconnu : ${displayKey(change.key)}` });
      else resolved.push({ key: change.key, fields: mergeStudent(known, change.fields), at: change.at, replaceLinks: change.fields.guardians !== undefined });
    }
  }
  let rows = lastByKey(resolved);
  rows = await withKnownStructures(ctx, rows, outcome);
  rows = await withFreeIne(ctx, rows, outcome);
  if (rows.length === 0) return;

  await ensureLevels(ctx, rows);
  await ensureClasses(ctx.tx, rows.flatMap((r) => (r.fields.classLabel ? [{ structure: r.fields.structureKey, label: r.fields.classLabel }] : [])));

  const values = jsonRecords(
    rows.map(({ key, fields }) => ({
      key,
      ine: fields.ine,
      last_name: fields.lastName,
      first_name: fields.firstName,
      birth_date: fields.birthDate,
      structure: fields.structureKey,
      class_label: fields.classLabel,
      level: fields.level?.code ?? null,
      admitted: fields.definitivelyAdmitted,
    })),
  );
  const written = await queryRows<{ id: number; source_key: string; establishment_id: number; inserted: boolean }>(
    ctx.tx,
    sql`insert into students (source_key, ine, last_name, first_name, birth_date, establishment_id, class_id, level_id, definitively_admitted, gone_at, created_at, updated_at)
      select v.key, v.ine, v.last_name, v.first_name, v.birth_date, e.id, c.id, l.id, v.admitted, null, ${ctx.now}, ${ctx.now}
      from jsonb_to_recordset(${values}) as v(key text, ine text, last_name text, first_name text, birth_date date, structure text, class_label text, level text, admitted boolean)
      join establishments e on e.source_key = v.structure
      left join classes c on c.establishment_id = e.id and c.label = v.class_label
      left join levels l on l.code = v.level
      on conflict (source_key) do update set
        ine = excluded.ine, last_name = excluded.last_name, first_name = excluded.first_name, birth_date = excluded.birth_date,
        establishment_id = excluded.establishment_id, class_id = excluded.class_id, level_id = excluded.level_id,
        definitively_admitted = excluded.definitively_admitted, gone_at = null, updated_at = excluded.updated_at
      where (students.ine, students.last_name, students.first_name, students.birth_date, students.establishment_id, students.class_id,
             students.level_id, students.definitively_admitted, students.gone_at)
        is distinct from (excluded.ine, excluded.last_name, excluded.first_name, excluded.birth_date, excluded.establishment_id,
             excluded.class_id, excluded.level_id, excluded.definitively_admitted, null)
      returning id, source_key, establishment_id, (xmax = 0) as inserted`,
  );
  const created = written.filter((w) => w.inserted).length;
  outcome.counts.student.created += created;
  outcome.counts.student.updated += written.length - created;
  outcome.counts.student.unchanged += rows.length - written.length;

  await replaceGuardianLinks(ctx, rows.filter((r) => r.replaceLinks), outcome);
}

function mergeStudent(known: StoredStudent, partial: Partial<StudentFields>): StudentFields {
  const merged: StudentFields = { ...known.fields, ...partial };
  // A new school without a new class: the old school's class does not follow the student.
  if (partial.structureKey !== undefined && partial.structureKey !== known.fields.structureKey && partial.classLabel === undefined) merged.classLabel = null;
  return merged;
}

/** A student attached to a structure the directory never gave is rejected with its line; the rest goes on. */
async function withKnownStructures(ctx: ApplyContext, rows: ResolvedStudent[], outcome: BatchOutcome): Promise<ResolvedStudent[]> {
  const keys = [...new Set(rows.map((r) => r.fields.structureKey))];
  if (keys.length === 0) return rows;
  const known = await queryRows<{ source_key: string }>(ctx.tx, sql`select source_key from establishments where source_key = any(${sql.param(keys)}::text[])`);
  const knownKeys = new Set(known.map((k) => k.source_key));
  return rows.filter((row) => {
    if (knownKeys.has(row.fields.structureKey)) return true;
    outcome.rejections.push({ at: row.at, key: row.key, reason: `établissement de rattachement inconnu : ${displayKey(row.fields.structureKey)}` });
    return false;
  });
}

/**
 * Continuity by INE: a student known under another key takes this one when that key is not in the current full
 * export (they left the other school or academy); two live students claiming one INE: the newcomer is refused.
 */
async function withFreeIne(ctx: ApplyContext, rows: ResolvedStudent[], outcome: BatchOutcome): Promise<ResolvedStudent[]> {
  const withIne = rows.filter((r) => r.fields.ine);
  if (withIne.length === 0) return rows;
  const values = jsonRecords(withIne.map((r) => ({ key: r.key, ine: r.fields.ine })));
  await ctx.tx.execute(sql`update students s set source_key = v.key, updated_at = ${ctx.now}
    from jsonb_to_recordset(${values}) as v(key text, ine text)
    where s.ine = v.ine and s.source_key is distinct from v.key
      and not exists (select 1 from students o where o.source_key = v.key)
      and not exists (select 1 from import_seen x where x.run_id = ${ctx.runId} and x.kind = 'student' and x.source_key = s.source_key)
      and not (s.source_key = any(${sql.param(withIne.map((r) => r.key))}::text[]))`);
  const clashes = await queryRows<{ key: string; holder: string | null }>(
    ctx.tx,
    sql`select v.key, s.source_key as holder from jsonb_to_recordset(${values}) as v(key text, ine text)
      join students s on s.ine = v.ine and s.source_key is distinct from v.key`,
  );
  const seenIne = new Map<string, string>();
  const refused = new Map(clashes.map((c) => [c.key, `INE déjà porté par l'élève ${c.holder ?? 'sans clé'}`]));
  for (const row of withIne) {
    const other = seenIne.get(row.fields.ine!);
    if (other !== undefined && !refused.has(row.key)) refused.set(row.key, `INE déjà donné à l'élève ${other} dans le même fichier`);
    seenIne.set(row.fields.ine!, row.key);
  }
  return rows.filter((row) => {
    const reason = refused.get(row.key);
    if (reason === undefined) return true;
    outcome.rejections.push({ at: row.at, key: row.key, reason: `${reason} (${row.fields.ine})` });
    return false;
  });
}

/** Levels are shared by the deployment: a code seen for the first time is added with the source's label. */
async function ensureLevels(ctx: ApplyContext, rows: readonly ResolvedStudent[]): Promise<void> {
  const levels = [...new Map(rows.filter((r) => r.fields.level).map((r) => [r.fields.level!.code, r.fields.level!])).values()];
  if (levels.length === 0) return;
  await ctx.tx.execute(sql`insert into levels (code, label, degree, rank)
    select v.code, v.label, v.degree, 100 from jsonb_to_recordset(${jsonRecords(levels)}) as v(code text, label text, degree text)
    on conflict (code) do nothing`);
}
