// Set-based reads and writes of the statistics (DESIGN.md performance notes): one query loads the links of a
// whole batch of establishments, one multi-row upsert writes their snapshots.
import { asc, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { establishments, statisticsSnapshots } from '../../db/schema.ts';
import type { AccountState } from '../../domain/account-state.ts';
import type { EstablishmentStatistics, StatisticsLink } from '../../domain/statistics.ts';

/** The establishments still in the directory, in id order (the nightly job walks them in batches). */
export async function listEstablishmentIds(db: Executor): Promise<number[]> {
  const rows = await db.select({ id: establishments.id }).from(establishments).where(isNull(establishments.goneAt)).orderBy(asc(establishments.id));
  return rows.map((r) => r.id);
}

interface LinkRow {
  e: number;
  s: number;
  c: number | null;
  l: number | null;
  a: string;
  st: AccountState;
}

/**
 * Every (student, guardian account) link of the given establishments: students and guardians still in the
 * directory, guardian accounts only. Class and level labels are read once per batch, not once per link.
 */
export async function loadStatisticsLinks(db: Executor, establishmentIds: readonly number[]): Promise<StatisticsLink[]> {
  if (establishmentIds.length === 0) return [];
  const ids = `{${establishmentIds.map((id) => Math.trunc(id)).join(',')}}`;
  const [links, classRows, levelRows] = await Promise.all([
    queryRows<LinkRow>(
      db,
      sql`select s.establishment_id as e, s.id as s, s.class_id as c, s.level_id as l, a.id as a, a.state as st
          from students s
          join guardian_students gs on gs.student_id = s.id and gs.legal_responsibility
          join guardians g on g.id = gs.guardian_id and g.gone_at is null
          join accounts a on a.id = g.account_id and a.kind = 'guardian'
          where s.establishment_id = any(${ids}::int[]) and s.gone_at is null`,
    ),
    queryRows<{ id: number; label: string }>(db, sql`select id, label from classes where establishment_id = any(${ids}::int[])`),
    queryRows<{ id: number; code: string; label: string; rank: number }>(db, sql`select id, code, label, rank from levels`),
  ]);
  const classLabels = new Map(classRows.map((c) => [c.id, c.label]));
  const levelsById = new Map(levelRows.map((l) => [l.id, l]));
  return links.map((row) => {
    const level = row.l === null ? undefined : levelsById.get(row.l);
    return {
      establishmentId: row.e,
      studentId: row.s,
      classId: row.c,
      classLabel: row.c === null ? null : (classLabels.get(row.c) ?? null),
      levelId: row.l,
      levelCode: level?.code ?? null,
      levelLabel: level?.label ?? null,
      levelRank: level?.rank ?? null,
      accountId: row.a,
      state: row.st,
    };
  });
}

/** One multi-row upsert for a batch of snapshots. */
export async function upsertSnapshots(db: Executor, snapshots: ReadonlyMap<number, EstablishmentStatistics>, computedAt: Date): Promise<void> {
  if (snapshots.size === 0) return;
  await db
    .insert(statisticsSnapshots)
    .values([...snapshots].map(([establishmentId, data]) => ({ establishmentId, computedAt, data: data as unknown as Record<string, unknown> })))
    .onConflictDoUpdate({
      target: statisticsSnapshots.establishmentId,
      set: { computedAt: sql`excluded.computed_at`, data: sql`excluded.data` },
    });
}

export interface StoredSnapshot {
  computedAt: Date;
  data: EstablishmentStatistics;
}

/** The last snapshot of one establishment, or null before the first computation. */
export async function loadSnapshot(db: Executor, establishmentId: number): Promise<StoredSnapshot | null> {
  const [row] = await db
    .select({ computedAt: statisticsSnapshots.computedAt, data: statisticsSnapshots.data })
    .from(statisticsSnapshots)
    .where(eq(statisticsSnapshots.establishmentId, establishmentId));
  if (!row || (row.data as { version?: unknown }).version !== 1) return null; // an older shape is recomputed, not misread
  return { computedAt: row.computedAt, data: row.data as unknown as EstablishmentStatistics };
}
