// Batches travel to the database as one JSON parameter unpacked by jsonb_to_recordset: one round trip per batch,
// the same SQL on PGlite and PostgreSQL, and no limit on the number of bound parameters.
import { sql, type SQL } from 'drizzle-orm';

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
