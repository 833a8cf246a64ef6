// SPEC §2: establishments outside the AAF send a CSV (docs/import-csv.md). The file is a full export of the
// establishments it names: one transaction applies it, and their people it no longer lists are marked gone.
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readDirectoryCsv } from '../csv/reader.ts';
import type { RecordKind } from '../changes.ts';
import { applyBatch } from './apply-batch.ts';
import { emptyOutcome, mergeOutcome } from './context.ts';
import { fileDigest, markAbsentGone, openRun, recordFile } from './run-ledger.ts';
import { addOutcome, emptySummary, type ImportSummary } from './summary.ts';
import { finishRun, type ImportDeps, type ImportOptions } from './run-common.ts';

const CSV_BATCH = 1_000;
const PEOPLE: RecordKind[] = ['student', 'guardian'];

/** SPEC §2: `guichet import csv <file>`. A file with missing columns throws CsvFileError before anything is written. */
export async function importDirectoryCsv(deps: ImportDeps, path: string, options: ImportOptions = {}): Promise<ImportSummary> {
  const started = performance.now();
  const reading = await readDirectoryCsv(path, { onProgress: (rows) => options.onProgress?.({ file: basename(path), index: 0, total: 1, bytesRead: rows, totalBytes: 0, entries: rows }) });
  const sha256 = await fileDigest(path);
  const runId = await openRun(deps.db, 'csv', deps.clock());
  const summary = emptySummary(runId, 'csv');
  const now = deps.clock();
  const outcome = await deps.db.transaction(async (tx) => {
    const ctx = { tx, runId, full: true, exportDate: now, now, defaultAcademyCode: deps.defaultAcademyCode ?? 'HORS-AAF' };
    const total = emptyOutcome();
    const { changes, rejections } = reading;
    for (let i = 0; i < Math.max(changes.length, 1); i += CSV_BATCH) {
      mergeOutcome(total, await applyBatch(ctx, changes.slice(i, i + CSV_BATCH), i === 0 ? rejections : [], 'student'));
    }
    const prefixes = reading.establishments.map((uai) => `csv:${uai}:`);
    for (const kind of PEOPLE) {
      if (prefixes.length > 0) summary.counts[kind].gone += await markAbsentGone(tx, runId, kind, prefixes, now);
    }
    await recordFile(tx, { runId, name: reading.file, sha256, mode: 'csv', exportDate: null, type: null, status: 'applied', counts: { rows: reading.rows, ...total.counts } }, now);
    return total;
  });
  addOutcome(summary, outcome);
  summary.files.push({ name: reading.file, status: 'applied', entries: reading.rows, rejected: outcome.rejections.length, durationMs: Math.round(performance.now() - started) });
  for (const column of reading.ignoredColumns) summary.ignoredAttributes[column] = reading.rows;
  return finishRun(deps, summary, started);
}
