// What an import reports: the CLI prints it, the run keeps it (import_runs.summary), the audit log points at it.
import type { RecordKind, Rejection } from '../changes.ts';
import type { BatchOutcome, KindCounts, Warning } from './context.ts';
import type { PrecreateOutcome } from './precreate-eligible.ts';

/** Kept in full up to this many; beyond, only counted (a broken export must not fill the memory or the table). */
export const MAX_REPORTED = 1_000;

export interface FileReport {
  name: string;
  status: 'applied' | 'failed' | 'skipped';
  /** Why a file was skipped or failed, one French sentence. */
  reason?: string;
  entries: number;
  rejected: number;
  durationMs: number;
}

export interface ImportSummary {
  runId: number;
  source: 'aaf' | 'csv';
  files: FileReport[];
  counts: Record<RecordKind, KindCounts & { gone: number }>;
  accounts: Omit<PrecreateOutcome, 'unnamed'>;
  qualification: { unqualified: number; requalified: number };
  rejections: Rejection[];
  rejectedTotal: number;
  warnings: Warning[];
  warningsTotal: number;
  /** Attribute name → how many entries carried it unused. */
  ignoredAttributes: Record<string, number>;
  /** Reason → how many entries were not imported by design (categories Guichet does not use). */
  skippedEntries: Record<string, number>;
  durationMs: number;
  /** Wall time of each step, ms: reading and applying the files, accounts (qualification, pre-creation), statistics. */
  phases: { files: number; accounts: number; statistics: number };
}

export function emptySummary(runId: number, source: 'aaf' | 'csv'): ImportSummary {
  const kind = () => ({ created: 0, updated: 0, unchanged: 0, deleted: 0, gone: 0 });
  return {
    runId,
    source,
    files: [],
    counts: { structure: kind(), student: kind(), guardian: kind(), staff: kind() },
    accounts: { guardians: 0, students: 0, reattached: 0 },
    qualification: { unqualified: 0, requalified: 0 },
    rejections: [],
    rejectedTotal: 0,
    warnings: [],
    warningsTotal: 0,
    ignoredAttributes: {},
    skippedEntries: {},
    durationMs: 0,
    phases: { files: 0, accounts: 0, statistics: 0 },
  };
}

/** Adds a file's outcome to the run's summary (after its transaction committed). */
export function addOutcome(summary: ImportSummary, outcome: BatchOutcome): void {
  for (const kind of Object.keys(outcome.counts) as RecordKind[]) {
    for (const [field, value] of Object.entries(outcome.counts[kind]) as Array<[keyof KindCounts, number]>) summary.counts[kind][field] += value;
  }
  addRejections(summary, outcome.rejections);
  summary.warningsTotal += outcome.warnings.length;
  summary.warnings.push(...outcome.warnings.slice(0, Math.max(0, MAX_REPORTED - summary.warnings.length)));
}

export function addRejections(summary: ImportSummary, rejections: readonly Rejection[]): void {
  summary.rejectedTotal += rejections.length;
  summary.rejections.push(...rejections.slice(0, Math.max(0, MAX_REPORTED - summary.rejections.length)));
}

export function countInto(counter: Record<string, number>, name: string, by = 1): void {
  counter[name] = (counter[name] ?? 0) + by;
}

const KIND_LABELS: Record<RecordKind, string> = { structure: 'établissements', student: 'élèves', guardian: 'responsables', staff: 'personnels de direction' };

/** The summary as the CLI prints it, in French. */
export function formatImportSummary(summary: ImportSummary): string {
  const lines: string[] = [];
  const n = (value: number) => value.toLocaleString('fr-FR');
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1).replace('.', ',')} s`;
  const { files, accounts, statistics } = summary.phases;
  lines.push(`Import n° ${summary.runId} terminé en ${seconds(summary.durationMs)} (fichiers ${seconds(files)}, comptes ${seconds(accounts)}, statistiques ${seconds(statistics)}).`);
  const applied = summary.files.filter((f) => f.status === 'applied').length;
  lines.push(`Fichiers : ${applied} importé(s), ${summary.files.filter((f) => f.status === 'skipped').length} ignoré(s), ${summary.files.filter((f) => f.status === 'failed').length} en échec.`);
  for (const file of summary.files.filter((f) => f.status !== 'applied')) {
    lines.push(`  ${file.status === 'failed' ? 'ÉCHEC' : 'ignoré'} ${file.name} : ${file.reason ?? ''}`);
  }
  for (const kind of Object.keys(KIND_LABELS) as RecordKind[]) {
    const c = summary.counts[kind];
    if (c.created + c.updated + c.unchanged + c.deleted + c.gone === 0) continue;
    lines.push(`${KIND_LABELS[kind]} : ${n(c.created)} créé(s), ${n(c.updated)} mis à jour, ${n(c.unchanged)} inchangé(s), ${n(c.deleted + c.gone)} parti(s).`);
  }
  lines.push(`Comptes pré-créés : ${n(summary.accounts.guardians)} responsable(s), ${n(summary.accounts.students)} élève(s)` +
    (summary.accounts.reattached > 0 ? ` ; ${n(summary.accounts.reattached)} référence(s) rattachée(s) à un compte existant.` : '.'));
  if (summary.qualification.unqualified + summary.qualification.requalified > 0) {
    lines.push(`Comptes : ${n(summary.qualification.unqualified)} ne remplissent plus les conditions (supprimés après la durée de conservation), ${n(summary.qualification.requalified)} les remplissent de nouveau.`);
  }
  lines.push(`Fiches rejetées : ${n(summary.rejectedTotal)}.`);
  for (const r of summary.rejections) lines.push(`  ${r.at.file}, ligne ${r.at.line} : ${r.reason}`);
  if (summary.rejectedTotal > summary.rejections.length) lines.push(`  … et ${n(summary.rejectedTotal - summary.rejections.length)} autre(s).`);
  if (summary.warningsTotal > 0) {
    lines.push(`Avertissements : ${n(summary.warningsTotal)}.`);
    for (const w of summary.warnings.slice(0, 50)) lines.push(`  ${w.at.file}, ligne ${w.at.line} : ${w.message}`);
    if (summary.warningsTotal > 50) lines.push(`  … et ${n(summary.warningsTotal - 50)} autre(s).`);
  }
  const ignored = Object.entries(summary.ignoredAttributes).sort((a, b) => b[1] - a[1]);
  if (ignored.length > 0) lines.push(`Attributs non utilisés (ignorés) : ${ignored.map(([name, count]) => `${name} (${n(count)})`).join(', ')}.`);
  for (const [reason, count] of Object.entries(summary.skippedEntries)) lines.push(`Entrées non importées : ${reason} (${n(count)}).`);
  return `${lines.join('\n')}\n`;
}
