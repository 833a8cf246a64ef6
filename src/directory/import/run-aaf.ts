// SPEC §2 nightly import of the academic directory export (AAF): files in the order the directory needs them
// (structures before people, fulls before the deltas that follow), one transaction per file, then the accounts.
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DirectoryChange, RecordKind, Rejection } from '../changes.ts';
import { AafFileError, readAafEntries } from '../aaf/reader.ts';
import { orderAafFiles } from '../aaf/files.ts';
import { mapAafEntry } from '../aaf/mapping.ts';
import { applyBatch } from './apply-batch.ts';
import { emptyOutcome, mergeOutcome, type BatchOutcome } from './context.ts';
import { fileDigest, lastFullDate, markAbsentGone, openRun, recordFile, wasApplied } from './run-ledger.ts';
import { scopeChange, scopeRejection, streamKeyPrefix } from './stream-keys.ts';
import { addOutcome, countInto, emptySummary, type ImportSummary } from './summary.ts';
import { finishRun, type ImportDeps, type ImportOptions, ImportInputError } from './run-common.ts';

export const AAF_BATCH_SIZE = 1_000;

/** AAF file type → the records it holds; types absent here are read for their counts only. */
const KIND_OF_TYPE: Record<string, RecordKind> = { EtabEducNat: 'structure', Eleve: 'student', PersRelEleve: 'guardian', PersEducNat: 'staff' };

/** SPEC §2: `guichet import aaf <folder|files…>` and the nightly job. */
export async function importAafFiles(deps: ImportDeps, inputs: readonly string[], options: ImportOptions = {}): Promise<ImportSummary> {
  const started = performance.now();
  const paths = await expandInputs(inputs);
  const { ordered, unrecognised } = orderAafFiles(paths.map((p) => basename(p)));
  const pathOf = new Map(paths.map((p) => [basename(p), p]));
  const runId = await openRun(deps.db, 'aaf', deps.clock());
  const summary = emptySummary(runId, 'aaf');
  for (const name of unrecognised) summary.files.push({ name, status: 'skipped', reason: 'nom de fichier non reconnu (attendu <préfixe>_<Complet|Delta>_<AAAAMMJJ>_<Type>_<NNNN>.xml)', entries: 0, rejected: 0, durationMs: 0 });

  try {
    // Per export stream (file-name prefix: an academy's 1D and 2D exports are two streams).
    const fullDates = new Map<string, string | null>();
    // The full exports of the current date, per stream: which kinds they covered, which of their files failed.
    const fullSets = new Map<string, { date: string; kinds: Set<RecordKind>; failedKinds: Set<RecordKind> }>();
    const closeFullSets = async () => {
      for (const [stream, fullSet] of fullSets) {
        for (const kind of fullSet.kinds) {
          if (fullSet.failedKinds.has(kind)) continue;
          summary.counts[kind].gone += await markAbsentGone(deps.db, runId, kind, [streamKeyPrefix(stream)], new Date(`${fullSet.date}T00:00:00Z`));
        }
      }
      fullSets.clear();
    };
    for (const [index, file] of ordered.entries()) {
      const open = [...fullSets.values()][0];
      if (open && (file.mode !== 'full' || file.date !== open.date)) await closeFullSets();
      const path = pathOf.get(file.name)!;
      const kind = KIND_OF_TYPE[file.type];
      const sha256 = await fileDigest(path);
      if (!fullDates.has(file.prefix)) fullDates.set(file.prefix, await lastFullDate(deps.db, file.prefix));
      const fullDate = fullDates.get(file.prefix)!;
      const skip = !options.again && (await wasApplied(deps.db, file.name, sha256))
        ? 'déjà importé (même nom, même contenu) ; --again pour le relire'
        : file.mode === 'delta' && fullDate !== null && file.date <= fullDate
          ? `antérieur au dernier export complet (${frenchDate(fullDate)}) : déjà pris en compte`
          : file.mode === 'full' && fullDate !== null && file.date < fullDate
            ? `export complet plus ancien que le dernier importé (${frenchDate(fullDate)}) : il défairait des changements plus récents`
            : null;
      if (skip) {
        summary.files.push({ name: file.name, status: 'skipped', reason: skip, entries: 0, rejected: 0, durationMs: 0 });
        await recordFile(deps.db, { runId, name: file.name, sha256, mode: file.mode, exportDate: file.date, type: file.type, status: 'skipped', counts: { reason: skip } }, deps.clock());
        continue;
      }
      const fullSet = file.mode === 'full' ? fullSets.get(file.prefix) ?? { date: file.date, kinds: new Set<RecordKind>(), failedKinds: new Set<RecordKind>() } : undefined;
      if (fullSet) {
        fullSets.set(file.prefix, fullSet);
        if (kind) fullSet.kinds.add(kind);
      }
      const fileStarted = performance.now();
      options.onProgress?.({ file: file.name, index, total: ordered.length, bytesRead: 0, totalBytes: (await stat(path)).size, entries: 0 });
      try {
        const { outcome, entries } = await deps.db.transaction(async (tx) => {
          const read = await applyFile(deps, { tx, runId, full: file.mode === 'full', exportDate: new Date(`${file.date}T00:00:00Z`), now: deps.clock(), defaultAcademyCode: deps.defaultAcademyCode ?? 'AAF' }, path, file.prefix, kind, summary, (bytesRead, totalBytes, entries) =>
            options.onProgress?.({ file: file.name, index, total: ordered.length, bytesRead, totalBytes, entries }),
          );
          await recordFile(tx, { runId, name: file.name, sha256, mode: file.mode, exportDate: file.date, type: file.type, status: 'applied', counts: { entries: read.entries, ...read.outcome.counts } }, deps.clock());
          return read;
        });
        addOutcome(summary, outcome);
        summary.files.push({ name: file.name, status: 'applied', entries, rejected: outcome.rejections.length, durationMs: Math.round(performance.now() - fileStarted) });
        if (file.mode === 'full' && (fullDate === null || file.date > fullDate)) fullDates.set(file.prefix, file.date);
      } catch (error) {
        if (kind && fullSet) fullSet.failedKinds.add(kind);
        const reason = error instanceof AafFileError ? error.message : `erreur inattendue : ${(error as Error).message}`;
        if (!(error instanceof AafFileError)) deps.log?.(`${file.name} : ${(error as Error).stack ?? reason}`);
        summary.files.push({ name: file.name, status: 'failed', reason: `${reason.replace(/\.$/, '')} ; rien n'a été modifié par ce fichier.`, entries: 0, rejected: 0, durationMs: Math.round(performance.now() - fileStarted) });
        await recordFile(deps.db, { runId, name: file.name, sha256, mode: file.mode, exportDate: file.date, type: file.type, status: 'failed', counts: { reason } }, deps.clock());
      }
    }
    await closeFullSets();
    return await finishRun(deps, summary, started);
  } catch (error) {
    await finishRun(deps, summary, started, 'failed').catch(() => undefined);
    throw error;
  }
}

/** Reads one file entry by entry and applies it batch by batch: memory holds one batch, whatever the file size. */
async function applyFile(
  deps: ImportDeps,
  ctx: Parameters<typeof applyBatch>[0],
  path: string,
  stream: string,
  kind: RecordKind | undefined,
  summary: ImportSummary,
  progress: (bytesRead: number, totalBytes: number, entries: number) => void,
): Promise<{ outcome: BatchOutcome; entries: number }> {
  const outcome = emptyOutcome();
  let changes: DirectoryChange[] = [];
  let rejections: Rejection[] = [];
  let entries = 0;
  let bytes = { read: 0, total: 0 };
  // One batch is written while the next is parsed: the database (another process on PostgreSQL) and the parser
  // work side by side; batches still reach the transaction one after the other, in file order.
  let inFlight: Promise<void> = Promise.resolve();
  const flush = async () => {
    const batch = { changes, rejections };
    changes = [];
    rejections = [];
    await inFlight;
    inFlight = applyBatch(ctx, batch.changes, batch.rejections, kind).then((applied) => {
      mergeOutcome(outcome, applied);
      progress(bytes.read, bytes.total, entries);
    });
  };
  try {
    for await (const entry of readAafEntries(path, { onProgress: (read, total) => (bytes = { read, total }) })) {
      entries += 1;
      const mapped = mapAafEntry(entry);
      for (const name of mapped.ignoredAttributes) countInto(summary.ignoredAttributes, name);
      if ('change' in mapped) changes.push(scopeChange(mapped.change, stream));
      else if ('rejection' in mapped) rejections.push(scopeRejection(mapped.rejection, stream));
      else countInto(summary.skippedEntries, mapped.skipped);
      if (changes.length + rejections.length >= (deps.batchSize ?? AAF_BATCH_SIZE)) await flush();
    }
    await flush();
  } finally {
    // A file error while a batch is being written: let that write end before the transaction rolls back.
    await inFlight.catch(() => undefined);
  }
  await inFlight;
  return { outcome, entries };
}

/** Folders give their `.xml` files; a path that does not exist stops the run before anything is read. */
async function expandInputs(inputs: readonly string[]): Promise<string[]> {
  if (inputs.length === 0) throw new ImportInputError('aucun fichier ni dossier donné.');
  const paths: string[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => null);
    if (!info) throw new ImportInputError(`« ${input} » n'existe pas.`);
    if (info.isDirectory()) {
      const names = (await readdir(input)).filter((n) => n.toLowerCase().endsWith('.xml')).sort();
      paths.push(...names.map((n) => join(input, n)));
    } else paths.push(input);
  }
  return paths;
}

function frenchDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}
