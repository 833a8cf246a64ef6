// The database step of an import: what every apply function is given, and what it reports back.
import type { Executor } from '../../db/client.ts';
import type { RecordKind, Rejection, SourcePosition } from '../changes.ts';

export interface ApplyContext {
  tx: Executor;
  runId: number;
  /** A full export: the keys applied (or rejected) are remembered, what is missing at the end is marked gone. */
  full: boolean;
  /** When the export was made: the date written as gone_at by a delete entry. */
  exportDate: Date;
  now: Date;
  /** Academy of the structures that do not name one (AAF files always come from one academy). */
  defaultAcademyCode: string;
}

export interface KindCounts {
  created: number;
  updated: number;
  unchanged: number;
  /** Marked gone by a delete entry (absence from a full export is counted by the run). */
  deleted: number;
}

/** A record applied only in part: e.g. a student whose link to an unknown guardian was left out. */
export interface Warning {
  at: SourcePosition;
  message: string;
}

export interface BatchOutcome {
  counts: Record<RecordKind, KindCounts>;
  rejections: Rejection[];
  warnings: Warning[];
}

export function emptyOutcome(): BatchOutcome {
  const zero = (): KindCounts => ({ created: 0, updated: 0, unchanged: 0, deleted: 0 });
  return {
    counts: { structure: zero(), student: zero(), guardian: zero(), staff: zero() },
    rejections: [],
    warnings: [],
  };
}

export function mergeOutcome(into: BatchOutcome, from: BatchOutcome): void {
  for (const kind of Object.keys(into.counts) as RecordKind[]) {
    for (const field of Object.keys(into.counts[kind]) as Array<keyof KindCounts>) into.counts[kind][field] += from.counts[kind][field];
  }
  into.rejections.push(...from.rejections);
  into.warnings.push(...from.warnings);
}
