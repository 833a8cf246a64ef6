// `guichet import aaf <folder|files…>` and `guichet import csv <file>`: progress while it reads, then the summary
// (created, updated, gone, accounts pre-created, rejected records with file and line). Exit code 1 when a file failed.
import type { Command } from 'commander';
import type { ImportDeps, ImportProgress } from './import/run-common.ts';
import { ImportInputError } from './import/run-common.ts';
import { importAafFiles } from './import/run-aaf.ts';
import { importDirectoryCsv } from './import/run-csv.ts';
import { formatImportSummary, type ImportSummary } from './import/summary.ts';
import { CsvFileError } from './csv/reader.ts';

export interface ImportHandle {
  deps: ImportDeps;
  close(): Promise<void>;
}

interface Output {
  out(text: string): void;
  err(text: string): void;
  /** A terminal: progress rewrites one line; otherwise one line per file. */
  isTTY: boolean;
}

const stdio: Output = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t), isTTY: Boolean(process.stderr.isTTY) };

export function registerImportCommand(program: Command, open: () => Promise<ImportHandle>, io: Output = stdio): Command {
  const withImport = async (action: (handle: ImportHandle, progress: (p: ImportProgress) => void) => Promise<ImportSummary>) => {
    const handle = await open();
    const progress = progressPrinter(io);
    try {
      const summary = await action(handle, progress.update);
      progress.done();
      io.out(formatImportSummary(summary));
      if (summary.files.some((f) => f.status === 'failed')) process.exitCode = 1;
    } catch (error) {
      progress.done();
      if (!(error instanceof ImportInputError || error instanceof CsvFileError)) throw error;
      io.err(`guichet : ${error.message}\n`);
      process.exitCode = 1;
    } finally {
      await handle.close();
    }
  };

  const command = program.command('import').description("Importe l'annuaire : exports académiques AAF (XML) ou fichier CSV.");
  command
    .command('aaf')
    .description("Importe des fichiers de l'export académique AAF (dossier ou fichiers .xml) : structures, élèves, responsables, personnels de direction.")
    .argument('<chemins...>', 'dossier(s) ou fichier(s) XML')
    .option('--again', 'relit aussi les fichiers déjà importés à l’identique (un export complet ne change alors rien)')
    .action((paths: string[], options: { again?: boolean }) =>
      withImport((handle, onProgress) => importAafFiles(handle.deps, paths, { again: options.again, onProgress })),
    );
  command
    .command('csv')
    .description('Importe un fichier CSV pour les établissements hors AAF (MFR, médico-éducatif…) ; modèle : docs/import-csv-modele.csv.')
    .argument('<fichier>', 'fichier CSV (séparateur « ; », UTF-8)')
    .action((file: string) => withImport((handle, onProgress) => importDirectoryCsv(handle.deps, file, { onProgress })));
  return command;
}

/** One line per file, rewritten in place on a terminal: "[2/14] ENT_…_Eleve_0000.xml  45 %  12 345 entrées". */
function progressPrinter(io: Output) {
  let lastFile = '';
  let lastLine = '';
  let lastAt = 0;
  const line = (p: ImportProgress) => {
    const percent = p.totalBytes > 0 ? Math.floor((100 * p.bytesRead) / p.totalBytes) : 100;
    return `[${p.index + 1}/${p.total}] ${p.file}  ${String(percent).padStart(3)} %  ${p.entries.toLocaleString('fr-FR')} entrées`;
  };
  return {
    update(p: ImportProgress) {
      const now = Date.now();
      if (p.file !== lastFile) {
        if (lastLine) io.err(io.isTTY ? `\r${lastLine}\n` : `${lastLine}\n`);
        lastFile = p.file;
      } else if (now - lastAt < 200) {
        lastLine = line(p);
        return;
      }
      lastAt = now;
      lastLine = line(p);
      if (io.isTTY) io.err(`\r${lastLine}\x1b[K`);
    },
    done() {
      if (lastLine) io.err(io.isTTY ? `\r${lastLine}\n` : `${lastLine}\n`);
      lastLine = '';
    },
  };
}
