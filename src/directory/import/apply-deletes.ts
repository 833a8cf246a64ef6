// AAF deleteRequest: the person or structure is marked gone on the export's date — never deleted here: retention
// (src/directory/retention.ts) removes personal data once the period has passed (SPEC §3).
import { sql } from 'drizzle-orm';
import type { RecordKind } from '../changes.ts';
import { queryRows } from '../../db/rows.ts';
import type { ApplyContext } from './context.ts';

const TABLES: Record<RecordKind, string> = {
  structure: 'establishments',
  student: 'students',
  guardian: 'guardians',
  staff: 'staff',
};

/** Marks the records of these keys gone; returns the keys that were found (unknown ones are reported by the caller). */
export async function markDeleted(ctx: ApplyContext, kind: RecordKind, keys: readonly string[]): Promise<{ found: Set<string>; deleted: number }> {
  if (keys.length === 0) return { found: new Set(), deleted: 0 };
  const table = sql.identifier(TABLES[kind]);
  // staff has no updated_at column.
  const touched = kind === 'staff' ? sql`` : sql`, updated_at = ${ctx.now}`;
  const rows = await queryRows<{ source_key: string; was_gone: boolean }>(
    ctx.tx,
    sql`with target as (
          select id, source_key, gone_at is not null as was_gone from ${table} where source_key = any(${sql.param([...keys])}::text[])
        ), marked as (
          update ${table} t set gone_at = ${ctx.exportDate}${touched}
          from target where t.id = target.id and not target.was_gone
          returning t.id
        )
        select source_key, was_gone from target`,
  );
  return { found: new Set(rows.map((r) => r.source_key)), deleted: rows.filter((r) => !r.was_gone).length };
}
