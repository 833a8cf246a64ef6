// Batches travel to the database as one JSON parameter unpacked by jsonb_to_recordset: one round trip per batch,
// the same SQL on PGlite and PostgreSQL, and no limit on the number of bound parameters.
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';

export function jsonRecords(rows: readonly object[]): SQL {
  return sql`${JSON.stringify(rows)}::jsonb`;
}

/** Keeps the last change of each key, in first-seen order: a batch never writes one row twice in a statement. */
export function lastByKey<T extends { key: string }>(items: readonly T[]): T[] {
  const byKey = new Map<string, T>();
  for (const item of items) {
    byKey.delete(item.key);
    byKey.set(item.key, item);
  }
  return [...byKey.values()];
}

/** The classes named by a batch, created in their establishment (or revived), in one statement. */
export async function ensureClasses(tx: Executor, classes: ReadonlyArray<{ structure: string; label: string }>): Promise<void> {
  if (classes.length === 0) return;
  await tx.execute(sql`insert into classes (establishment_id, label)
    select e.id, v.label from jsonb_to_recordset(${jsonRecords(classes)}) as v(structure text, label text)
    join establishments e on e.source_key = v.structure
    on conflict (establishment_id, label) do update set gone_at = null where classes.gone_at is not null`);
}
