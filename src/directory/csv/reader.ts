// SPEC §2: establishments outside the AAF (MFR, médico-éducatif, CNED…) send their directory as one CSV file,
// one row per student and guardian (docs/import-csv.md). The file is small (a few thousand rows), so it is read
// whole and handed over as the same DirectoryChange records the AAF reader produces.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { DirectoryChange, GuardianFields, Rejection, SourcePosition, StructureFields, StudentFields } from '../changes.ts';
import {
  CSV_COLUMNS, CsvRow, EXPECTED_HEADER, REQUIRED_HEADERS, parseUai, readEstablishment, readGuardian, readStudent, type CsvColumnName, type Snapshot,
} from './columns.ts';

/** The file cannot be imported at all (missing columns, unreadable): nothing of it is applied. */
export class CsvFileError extends Error {
  constructor(readonly file: string, message: string) {
    super(message);
    this.name = 'CsvFileError';
  }
}

export interface CsvReading {
  /** Basename, as in every `at.file`. */
  file: string;
  encoding: 'utf-8' | 'windows-1252';
  separator: ';' | ',';
  /** Data rows read (empty lines not counted). */
  rows: number;
  /** Structures first, then guardians, then students: each refers only to keys added before it. */
  changes: DirectoryChange[];
  /** At most one per row, naming every problem of that row; `key` is the row's student key when it has one. */
  rejections: Rejection[];
  /** UAIs the file covers: a full export for each of them (their people absent from the file are gone). */
  establishments: string[];
  /** Headers that are not columns of the import, as written in the file. */
  ignoredColumns: string[];
}

export interface CsvReadOptions {
  onProgress?: (rowsRead: number) => void;
}

const PROGRESS_EVERY = 500;
const KNOWN_HEADERS = new Set<string>(CSV_COLUMNS.map((c) => c.header));

export async function readDirectoryCsv(path: string, options: CsvReadOptions = {}): Promise<CsvReading> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CsvFileError(basename(path), `Le fichier ${path} ne peut pas être lu (${code === 'ENOENT' ? 'introuvable' : (code ?? 'erreur')}).`);
  }
  return parseDirectoryCsv(bytes, basename(path), options);
}

interface Seen<T> { fields: T; snapshot: Snapshot; at: SourcePosition }

export function parseDirectoryCsv(bytes: Uint8Array, file: string, options: CsvReadOptions = {}): CsvReading {
  const { text, encoding } = decode(bytes, file);
  const separator = sniffSeparator(text);
  const records = parseRecords(text, separator, file);
  const blank = (record: CsvRecord | undefined) => record !== undefined && 'cells' in record && record.cells.every((cell) => cell.trim() === '');
  while (blank(records[0])) records.shift();
  const headerRecord = records.shift();
  if (!headerRecord || 'error' in headerRecord) throw new CsvFileError(file, `Le fichier ${file} ${headerRecord ? "a une ligne d'en-tête illisible" : 'est vide'} : sa première ligne doit être l'en-tête ${EXPECTED_HEADER}`);
  const { columns, ignoredColumns } = readHeader(headerRecord.cells, file);

  const structures = new Map<string, Seen<StructureFields>>();
  const students = new Map<string, Seen<StudentFields>>();
  const guardians = new Map<string, Seen<GuardianFields>>();
  const links = new Map<string, Snapshot & { line: number }>();
  const rejections: Rejection[] = [];
  let rows = 0;

  for (const record of records) {
    if ('error' in record) {
      rows += 1;
      rejections.push({ at: { file, line: record.line }, reason: record.error });
      continue;
    }
    if (blank(record)) continue; // Excel writes blank rows as « ;;;; »
    rows += 1;
    if (rows % PROGRESS_EVERY === 0) options.onProgress?.(rows);
    const at = { file, line: record.line };
    const row = new CsvRow(record.cells, columns);
    const extra = record.cells.slice(headerRecord.cells.length).filter((cell) => cell.trim() !== '');
    if (extra.length > 0) {
      rejections.push({ at, reason: `la ligne compte ${String(record.cells.length)} champs et l'en-tête ${String(headerRecord.cells.length)} (une valeur contenant « ${separator} » doit être entre guillemets)` });
      continue;
    }

    // The establishment: the first row of a UAI that describes it validly sets it, even if that row fails otherwise.
    const uai = row.parsed('uai', parseUai);
    const establishment = readEstablishment(row, uai);
    if (uai && establishment) {
      const known = structures.get(uai);
      if (known) row.conflicts(known, establishment.snapshot, `pour l'UAI ${uai}`);
      else structures.set(uai, { ...establishment, at });
    }

    const studentId = row.text('eleve_id');
    const studentKey = uai && studentId ? `csv:${uai}:${studentId}` : undefined;
    const student = readStudent(row, uai, establishment?.fields.degree ?? null);
    const guardianId = row.text('responsable_id');
    const guardian = readGuardian(row);
    if (row.problems.length > 0 || !studentKey || !student || !uai) {
      rejections.push({ at, reason: row.problems.join(' ; '), ...(studentKey ? { key: studentKey } : {}) });
      continue;
    }

    const guardianKey = guardian && guardianId ? `csv:${uai}:${guardianId}` : null;
    const knownStudent = students.get(studentKey);
    if (knownStudent) row.conflicts(knownStudent, student.snapshot, `pour l'élève ${studentId ?? ''}`);
    const knownGuardian = guardianKey ? guardians.get(guardianKey) : undefined;
    if (guardian && knownGuardian) row.conflicts(knownGuardian, guardian.snapshot, `pour le responsable ${guardianId ?? ''}`);
    const linkKey = `${studentKey}|${guardianKey ?? ''}`;
    const knownLink = guardian ? links.get(linkKey) : undefined;
    if (guardian && knownLink) row.conflicts({ snapshot: knownLink, at: { file, line: knownLink.line } }, guardian.link, `pour ce responsable de cet élève`);
    if (row.problems.length > 0) {
      rejections.push({ at, reason: row.problems.join(' ; '), key: studentKey });
      continue;
    }

    const classes = structures.get(uai)?.fields.classes;
    if (classes && student.fields.classLabel && !classes.includes(student.fields.classLabel)) classes.push(student.fields.classLabel);
    const studentSeen = knownStudent ?? { ...student, at };
    students.set(studentKey, studentSeen);
    if (guardian && guardianKey) {
      if (!knownGuardian) guardians.set(guardianKey, { fields: guardian.fields, snapshot: guardian.snapshot, at });
      if (!knownLink) {
        links.set(linkKey, { ...guardian.link, line: at.line });
        studentSeen.fields.guardians.push({ guardianKey, relation: guardian.relation, legal: guardian.legal });
      }
    }
  }
  options.onProgress?.(rows);

  const adds = (kind: 'guardian' | 'student', seen: Map<string, Seen<GuardianFields | StudentFields>>) =>
    [...seen].map(([key, { fields, at }]) => ({ kind, key, at, operation: 'add', fields }) as DirectoryChange);
  return {
    file, encoding, separator, rows, rejections, ignoredColumns,
    changes: [
      ...[...structures].map(([uai, { fields, at }]): DirectoryChange => ({ kind: 'structure', key: `csv:${uai}`, at, operation: 'add', fields })),
      ...adds('guardian', guardians),
      ...adds('student', students),
    ],
    establishments: [...structures.keys()],
  };
}

function decode(bytes: Uint8Array, file: string): { text: string; encoding: CsvReading['encoding'] } {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new CsvFileError(file, `Le fichier ${file} est en UTF-16 (« Texte Unicode ») : enregistrez-le au format « CSV UTF-8 (délimité par des virgules) » ou « CSV (séparateur : point-virgule) ».`);
  }
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    // The BOM is dropped by TextDecoder itself.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // A BOM declares UTF-8: stray bytes become U+FFFD and their rows are rejected, rather than the whole file misread.
    if (hasBom) return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
    // Not UTF-8: Excel's « CSV (séparateur : point-virgule) » on a French Windows writes Windows-1252.
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/** The header line tells the separator: « ; » (Excel in French) unless it has more « , » than « ; ». */
function sniffSeparator(text: string): ';' | ',' {
  const header = text.split(/\r\n?|\n/).find((line) => line.trim() !== '') ?? '';
  const count = (char: string) => header.split(char).length - 1;
  return count(',') > count(';') ? ',' : ';';
}

type CsvRecord = { cells: string[]; line: number } | { error: string; line: number };

function parseRecords(text: string, separator: string, file: string): CsvRecord[] {
  const skipped: CsvRecord[] = [];
  let unclosedQuoteLine: number | null = null;
  // csv-parse counts lines poorly across \r\n; one kind of line end makes `info.lines` exact.
  const normalised = text.replace(/\r\n?/g, '\n');
  // info.lines is where a record ends; the newlines inside it tell where it starts (quoted values may span lines).
  const startLine = (endLine: number, raw: string | undefined) => endLine - ((raw ?? '').replace(/^\n+/, '').replace(/\n$/, '').match(/\n/g)?.length ?? 0);
  const parsed = parse(normalised, {
    delimiter: separator, record_delimiter: '\n', info: true, raw: true, relax_column_count: true, relax_quotes: true,
    skip_empty_lines: true, skip_records_with_error: true,
    on_skip: (error, raw) => {
      const line = startLine(typeof error?.['lines'] === 'number' ? error['lines'] : 0, raw);
      if (error?.code === 'CSV_QUOTE_NOT_CLOSED') unclosedQuoteLine = line;
      else skipped.push({ error: `ligne illisible (${error?.message ?? 'format CSV'})`, line });
      return undefined;
    },
  }) as unknown as { record: string[]; raw: string; info: { lines: number } }[];
  if (unclosedQuoteLine !== null) {
    // The rest of the file would be one value: reading on would mark every later person gone.
    throw new CsvFileError(file, `Le fichier ${file} a, ligne ${String(unclosedQuoteLine)}, un guillemet ouvert qui n'est jamais fermé : corrigez cette ligne, rien n'a été importé.`);
  }
  const records: CsvRecord[] = parsed.map(({ record, raw, info }) => ({ cells: record, line: startLine(info.lines, raw) }));
  return [...records, ...skipped].sort((a, b) => a.line - b.line);
}

function readHeader(cells: string[], file: string): { columns: Map<CsvColumnName, number>; ignoredColumns: string[] } {
  const columns = new Map<CsvColumnName, number>();
  const ignoredColumns: string[] = [];
  cells.forEach((cell, index) => {
    const name = cell.trim().toLowerCase();
    if (name === '') return; // Excel adds empty header cells when a cell to the right was ever used
    if (!KNOWN_HEADERS.has(name)) ignoredColumns.push(cell.trim());
    else if (columns.has(name as CsvColumnName)) throw new CsvFileError(file, `Le fichier ${file} a deux colonnes ${name} : chaque colonne ne doit figurer qu'une fois.`);
    else columns.set(name as CsvColumnName, index);
  });
  const missing = REQUIRED_HEADERS.filter((header) => !columns.has(header));
  if (missing.length > 0) {
    const plural = missing.length > 1;
    throw new CsvFileError(
      file,
      `Le fichier ${file} n'a pas ${plural ? 'les colonnes obligatoires' : 'la colonne obligatoire'} ${missing.join(', ')} : rien n'a été importé. ` +
        `La première ligne doit être l'en-tête, séparé par « ; » : ${EXPECTED_HEADER}`,
    );
  }
  return { columns, ignoredColumns };
}
