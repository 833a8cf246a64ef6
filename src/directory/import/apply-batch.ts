// One batch of directory changes, in the order the source gave them: consecutive changes of one kind and operation
// are applied together (one statement per step), so a delete after an add of the same key still wins.
import { displayKey } from './stream-keys.ts';
import { sql } from 'drizzle-orm';
import type { DirectoryChange, RecordKind, Rejection } from '../changes.ts';
import { applyGuardians } from './apply-guardians.ts';
import { applyStaff } from './apply-staff.ts';
import { applyStructures } from './apply-structures.ts';
import { applyStudents } from './apply-students.ts';
import { markDeleted } from './apply-deletes.ts';
import { emptyOutcome, type ApplyContext, type BatchOutcome } from './context.ts';
import { jsonRecords } from './sql-values.ts';

/** SPEC §2 nightly import: applies one batch inside the caller's transaction (one per file). */
export async function applyBatch(
  ctx: ApplyContext,
  changes: readonly DirectoryChange[],
  sourceRejections: readonly Rejection[] = [],
  /** The kind the file holds (AAF files hold one), for the rejections the reader could not type. */
  fileKind?: RecordKind,
): Promise<BatchOutcome> {
  const outcome = emptyOutcome();
  outcome.rejections.push(...sourceRejections);
  for (const group of consecutiveGroups(changes)) {
    const [first] = group;
    if (!first) continue;
    if (first.operation === 'delete') {
      const { found, deleted } = await markDeleted(ctx, first.kind, group.map((c) => c.key));
      outcome.counts[first.kind].deleted += deleted;
      for (const change of group) {
        if (!found.has(change.key)) outcome.warnings.push({ at: change.at, message: `suppression d'une fiche inconnue : ${displayKey(change.key)}` });
      }
      continue;
    }
    switch (first.kind) {
      case 'structure':
        await applyStructures(ctx, group as Parameters<typeof applyStructures>[1], outcome);
        break;
      case 'student':
        await applyStudents(ctx, group as Parameters<typeof applyStudents>[1], outcome);
        break;
      case 'guardian':
        await applyGuardians(ctx, group as Parameters<typeof applyGuardians>[1], outcome);
        break;
      case 'staff':
        await applyStaff(ctx, group as Parameters<typeof applyStaff>[1], outcome);
        break;
    }
  }
  if (ctx.full) await rememberSeen(ctx, changes, outcome.rejections, fileKind);
  return outcome;
}

function consecutiveGroups(changes: readonly DirectoryChange[]): DirectoryChange[][] {
  const groups: DirectoryChange[][] = [];
  let current: DirectoryChange[] = [];
  const family = (c: DirectoryChange) => `${c.kind}/${c.operation === 'delete' ? 'delete' : 'upsert'}`;
  for (const change of changes) {
    if (current.length > 0 && family(current[0]!) !== family(change)) {
      groups.push(current);
      current = [];
    }
    current.push(change);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/**
 * A full export's keys, rejected ones included: a person the source still lists is not gone because one of
 * their fields was wrong tonight (their stored record stays as it was).
 */
async function rememberSeen(ctx: ApplyContext, changes: readonly DirectoryChange[], rejections: readonly Rejection[], fileKind?: RecordKind): Promise<void> {
  const kindOf = new Map<string, RecordKind>(changes.map((c) => [c.key, c.kind]));
  const seen = changes.filter((c) => c.operation !== 'delete').map((c) => ({ kind: c.kind, key: c.key }));
  for (const rejection of rejections) {
    const kind = rejection.key ? (kindOf.get(rejection.key) ?? fileKind) : undefined;
    if (rejection.key && kind) seen.push({ kind, key: rejection.key });
  }
  if (seen.length === 0) return;
  await ctx.tx.execute(sql`insert into import_seen (run_id, kind, source_key)
    select ${ctx.runId}, v.kind, v.key from jsonb_to_recordset(${jsonRecords(seen)}) as v(kind text, key text)
    on conflict do nothing`);
}
