// The bookkeeping of an import run: its row, the files it read, and the end of a full export — what it did not
// list is marked gone on the export's date (SPEC §3: never deleted here).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { and, eq, like, max, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { importFiles, importRuns } from '../../db/schema.ts';
import type { RecordKind } from '../changes.ts';
import type { ImportSummary } from './summary.ts';

export async function openRun(db: Database, source: 'aaf' | 'csv', now: Date): Promise<number> {
  const [run] = await db.insert(importRuns).values({ source, status: 'running', startedAt: now }).returning({ id: importRuns.id });
  return run!.id;
}

export async function closeRun(db: Database, summary: ImportSummary, status: 'done' | 'failed', now: Date): Promise<void> {
  await db.update(importRuns).set({ status, finishedAt: now, summary: summary as unknown as Record<string, unknown> }).where(eq(importRuns.id, summary.runId));
  await db.execute(sql`delete from import_seen where run_id = ${summary.runId}`);
}

export async function fileDigest(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function wasApplied(db: Executor, name: string, sha256: string): Promise<boolean> {
  const rows = await db
    .select({ id: importFiles.id })
    .from(importFiles)
    .where(and(eq(importFiles.name, name), eq(importFiles.sha256, sha256), eq(importFiles.status, 'applied')))
    .limit(1);
  return rows.length > 0;
}

/** The date of the latest full export applied under this file-name prefix (one export stream, e.g. the academy's 2D). */
export async function lastFullDate(db: Executor, prefix: string): Promise<string | null> {
  const pattern = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}\\_Complet\\_%`;
  const [row] = await db
    .select({ date: max(importFiles.exportDate) })
    .from(importFiles)
    .where(and(eq(importFiles.mode, 'full'), eq(importFiles.status, 'applied'), like(importFiles.name, pattern)));
  return row?.date ?? null;
}

export async function recordFile(
  db: Executor,
  file: { runId: number; name: string; sha256: string; mode: 'full' | 'delta' | 'csv'; exportDate: string | null; type: string | null; status: 'applied' | 'failed' | 'skipped'; counts: Record<string, unknown> },
  now: Date,
): Promise<void> {
  await db.insert(importFiles).values({ ...file, at: now });
}

const TABLES: Record<RecordKind, string> = { structure: 'establishments', student: 'students', guardian: 'guardians', staff: 'staff' };

/**
 * SPEC §2 full import: the records of this source (`keyPrefix`, e.g. `aaf:` or `csv:0130001A:`) that the export
 * did not list are marked gone on its date. The run's memory of seen keys for that kind is then cleared.
 */
export async function markAbsentGone(db: Executor, runId: number, kind: RecordKind, keyPrefixes: readonly string[], exportDate: Date): Promise<number> {
  const table = sql.identifier(TABLES[kind]);
  const patterns = keyPrefixes.map((prefix) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  // Both tables were just filled in bulk: without fresh statistics the planner picks a nested loop (minutes at 500k).
  await db.execute(sql`analyze import_seen`);
  await db.execute(sql`analyze ${table}`);
  const gone = await queryRows<{ id: number }>(
    db,
    sql`update ${table} t set gone_at = ${exportDate}
      where t.gone_at is null and t.source_key like any(${sql.param(patterns)}::text[])
        and not exists (select 1 from import_seen x where x.run_id = ${runId} and x.kind = ${kind} and x.source_key = t.source_key)
      returning t.id`,
  );
  await db.execute(sql`delete from import_seen where run_id = ${runId} and kind = ${kind}`);
  return gone.length;
}
