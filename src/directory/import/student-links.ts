// SPEC §2: the links between students and their guardians, with the legal-responsibility flag that eligibility
// reads. The student's entry is the authority: its list replaces the stored one.
import { displayKey } from './stream-keys.ts';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/rows.ts';
import type { ApplyContext, BatchOutcome } from './context.ts';
import type { ResolvedStudent } from './apply-students.ts';
import { jsonRecords } from './sql-values.ts';

export async function replaceGuardianLinks(ctx: ApplyContext, rows: readonly ResolvedStudent[], outcome: BatchOutcome): Promise<void> {
  if (rows.length === 0) return;
  const guardianKeys = [...new Set(rows.flatMap((r) => r.fields.guardians.map((g) => g.guardianKey)))];
  const known = new Set(
    guardianKeys.length === 0
      ? []
      : (await queryRows<{ source_key: string }>(ctx.tx, sql`select source_key from guardians where source_key = any(${sql.param(guardianKeys)}::text[])`)).map((g) => g.source_key),
  );
  const links: Array<{ student: string; guardian: string; legal: boolean; relation: string | null }> = [];
  for (const row of rows) {
    const seen = new Set<string>();
    for (const link of row.fields.guardians) {
      if (!known.has(link.guardianKey)) {
        outcome.warnings.push({ at: row.at, message: `élève ${displayKey(row.key)} : responsable inconnu ${displayKey(link.guardianKey)}, lien ignoré` });
        continue;
      }
      if (seen.has(link.guardianKey)) continue;
      seen.add(link.guardianKey);
      links.push({ student: row.key, guardian: link.guardianKey, legal: link.legal, relation: link.relation });
    }
  }
  const students = sql.param(rows.map((r) => r.key));
  const values = jsonRecords(links);
  await ctx.tx.execute(sql`delete from guardian_students gs
    using students s
    where gs.student_id = s.id and s.source_key = any(${students}::text[])
      and not exists (
        select 1 from jsonb_to_recordset(${values}) as v(student text, guardian text)
        join guardians g on g.source_key = v.guardian
        where v.student = s.source_key and g.id = gs.guardian_id)`);
  if (links.length === 0) return;
  await ctx.tx.execute(sql`insert into guardian_students (guardian_id, student_id, legal_responsibility, relation)
    select g.id, s.id, v.legal, v.relation
    from jsonb_to_recordset(${values}) as v(student text, guardian text, legal boolean, relation text)
    join students s on s.source_key = v.student
    join guardians g on g.source_key = v.guardian
    on conflict (guardian_id, student_id) do update set legal_responsibility = excluded.legal_responsibility, relation = excluded.relation
    where (guardian_students.legal_responsibility, guardian_students.relation) is distinct from (excluded.legal_responsibility, excluded.relation)`);
}
