// AAF export file names (`ENT2DVA-ENT16_Complet_20240916_EtabEducNat_0000.xml`) and the order an import
// must read them in. Pure: no file system access.

export interface AafFileName {
  /** As given (a bare name or a path). */
  name: string;
  /** Everything before `_Complet_` / `_Delta_` (e.g. ENT, ENT2DVA-ENT16). */
  prefix: string;
  mode: 'full' | 'delta';
  /** Export date, YYYY-MM-DD. */
  date: string;
  /** EtabEducNat, MefEducNat, MatEducNat, PersRelEleve, Eleve, PersEducNat… (others are kept, read last). */
  type: string;
  /** The export splits big files into _0000, _0001… */
  chunk: number;
}

// The prefix is lazy so that it stops at the first `_Complet_` / `_Delta_`: prefixes may contain `_` and `-`.
const FILE_NAME = /^(.+?)_(Complet|Delta)_(\d{4})(\d{2})(\d{2})_([A-Za-z0-9]+)_(\d+)\.xml$/i;

// Structures first (people point at them), guardians before the students whose records name them, staff last.
const TYPE_RANK: ReadonlyMap<string, number> = new Map(
  ['EtabEducNat', 'MefEducNat', 'MatEducNat', 'PersRelEleve', 'Eleve', 'PersEducNat'].map((type, rank) => [type, rank]),
);

function baseName(name: string): string {
  return name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Parses an AAF file name (or a path ending with one); null when it does not follow the AAF naming. */
export function parseAafFileName(name: string): AafFileName | null {
  const match = FILE_NAME.exec(baseName(name));
  if (match === null) return null;
  const [, prefix = '', mode = '', year = '', month = '', day = '', type = '', chunk = ''] = match;
  if (!isCalendarDate(Number(year), Number(month), Number(day))) return null;
  return {
    name,
    prefix,
    mode: mode.toLowerCase() === 'complet' ? 'full' : 'delta',
    date: `${year}-${month}-${day}`,
    type,
    chunk: Number(chunk),
  };
}

export function isAafFileName(name: string): boolean {
  return parseAafFileName(name) !== null;
}

function typeRank(type: string): number {
  return TYPE_RANK.get(type) ?? TYPE_RANK.size;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareFiles(a: AafFileName, b: AafFileName): number {
  return (
    compareText(a.date, b.date) ||
    (a.mode === b.mode ? 0 : a.mode === 'full' ? -1 : 1) ||
    typeRank(a.type) - typeRank(b.type) ||
    // Unknown types among themselves: alphabetical, so that the order never depends on the listing's.
    compareText(a.type, b.type) ||
    a.chunk - b.chunk ||
    compareText(a.prefix, b.prefix) ||
    compareText(a.name, b.name)
  );
}

/**
 * The order to import a folder's files in: by date, fulls before deltas of the same date, structures before
 * people (see TYPE_RANK), then chunk number. Names that are not AAF file names come back in `unrecognised`,
 * in their given order, for the report.
 */
export function orderAafFiles(names: string[]): { ordered: AafFileName[]; unrecognised: string[] } {
  const ordered: AafFileName[] = [];
  const unrecognised: string[] = [];
  for (const name of names) {
    const parsed = parseAafFileName(name);
    if (parsed === null) unrecognised.push(name);
    else ordered.push(parsed);
  }
  ordered.sort(compareFiles);
  return { ordered, unrecognised };
}
