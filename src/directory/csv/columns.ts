// The CSV directory import's column set (docs/import-csv.md documents it; a test keeps the two equal), the value
// formats, and how one row's cells become fields: kept beside the documented formats so the two cannot disagree.
import type { Degree, EstablishmentKind, Sector } from '../../realms/realm.ts';
import type { GuardianFields, GuardianLinkFields, SourcePosition, StructureFields, StudentFields } from '../changes.ts';

/** `always`: header present and value on every row; `with-guardian`: header present, value on rows that name a guardian. */
export type ColumnRequirement = 'always' | 'with-guardian' | 'optional';

export interface CsvColumn {
  /** Header, French snake case, matched case-insensitively. */
  header: string;
  requirement: ColumnRequirement;
  /** French: what the cell must look like. */
  format: string;
  example: string;
  /** French: what the column means. */
  description: string;
}

export const ESTABLISHMENT_KINDS = ['ecole', 'college', 'lycee', 'mfr', 'medico_educatif', 'cned', 'autre'] as const satisfies readonly EstablishmentKind[];

export const CSV_COLUMNS = [
  { header: 'uai', requirement: 'always', format: '7 chiffres et une lettre', example: '0312345F', description: "UAI (RNE) de l'établissement" },
  { header: 'etablissement_nom', requirement: 'always', format: 'texte', example: 'MFR DES COTEAUX', description: "Nom officiel de l'établissement" },
  { header: 'etablissement_ville', requirement: 'optional', format: 'texte', example: 'Saint-Gaudens', description: "Commune de l'établissement" },
  { header: 'etablissement_type', requirement: 'always', format: ESTABLISHMENT_KINDS.join(', '), example: 'mfr', description: "Type d'établissement" },
  { header: 'etablissement_secteur', requirement: 'always', format: 'public ou prive', example: 'prive', description: 'Secteur public ou privé' },
  { header: 'etablissement_degre', requirement: 'always', format: '1D ou 2D', example: '2D', description: 'Premier degré (école) ou second degré ; une école est 1D, un collège ou un lycée 2D' },
  { header: 'classe', requirement: 'optional', format: 'texte', example: '4e EA', description: "Libellé de la classe de l'élève ; sans classe, aucun compte responsable n'est pré-créé" },
  { header: 'niveau', requirement: 'optional', format: 'texte', example: '4e', description: 'Niveau (6e, CM1, MS, 2nde…) ; le code est le texte en majuscules sans accents (4e → 4E, sixième → 6E)' },
  { header: 'eleve_id', requirement: 'always', format: 'texte', example: 'E2026-014', description: "Identifiant de l'élève propre à l'établissement, stable d'une année à l'autre" },
  { header: 'eleve_ine', requirement: 'optional', format: '11 chiffres et lettres', example: '0912345678K', description: "Identifiant national élève ; sans INE, aucun compte responsable n'est pré-créé" },
  { header: 'eleve_nom', requirement: 'always', format: 'texte', example: 'MARTIN', description: "Nom de famille de l'élève" },
  { header: 'eleve_prenom', requirement: 'always', format: 'texte', example: 'Léa', description: "Prénom de l'élève" },
  { header: 'eleve_date_naissance', requirement: 'always', format: 'JJ/MM/AAAA', example: '14/03/2012', description: "Date de naissance de l'élève" },
  { header: 'eleve_admission_definitive', requirement: 'always', format: 'oui ou non', example: 'oui', description: "Élève admis définitivement ; avec « non », aucun compte responsable n'est pré-créé" },
  { header: 'responsable_id', requirement: 'with-guardian', format: 'texte', example: 'R2026-031', description: "Identifiant du responsable propre à l'établissement, le même sur les lignes de ses enfants" },
  { header: 'responsable_nom', requirement: 'with-guardian', format: 'texte', example: 'MARTIN', description: 'Nom de famille du responsable' },
  { header: 'responsable_prenom', requirement: 'with-guardian', format: 'texte', example: 'Claire', description: 'Prénom du responsable' },
  { header: 'responsable_courriel', requirement: 'optional', format: 'adresse électronique', example: 'claire.martin@example.fr', description: 'Adresse électronique du responsable' },
  { header: 'responsable_mobile', requirement: 'optional', format: 'numéro de téléphone', example: '06 12 34 56 78', description: 'Téléphone mobile du responsable' },
  { header: 'responsable_adresse', requirement: 'optional', format: 'texte', example: '3 rue des Écoles, 31800 Saint-Gaudens', description: 'Adresse postale du responsable' },
  { header: 'responsable_lien', requirement: 'optional', format: 'texte', example: 'MERE', description: "Lien avec l'élève (code ou libellé libre, conservé tel quel)" },
  { header: 'responsable_legal', requirement: 'with-guardian', format: 'oui ou non', example: 'oui', description: "Représentant légal de l'élève ; seuls les représentants légaux reçoivent un compte" },
] as const satisfies readonly CsvColumn[];

export type CsvColumnName = (typeof CSV_COLUMNS)[number]['header'];

/** The « obligatoire » cell of the documentation's table. */
export const REQUIREMENT_LABELS: Record<ColumnRequirement, string> = { always: 'oui', 'with-guardian': 'si responsable', optional: 'non' };

export const EXPECTED_HEADER = CSV_COLUMNS.map((c) => c.header).join(';');

/** Columns whose header must be in the file: without them no row could be complete. */
export const REQUIRED_HEADERS: readonly CsvColumnName[] = CSV_COLUMNS.filter((c) => c.requirement !== 'optional').map((c) => c.header);

/** A cell is either its value or the French reason it was refused (the reader prefixes the column). */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (reason: string): Parsed<never> => ({ ok: false, reason });

/** Lower-case, no accents, spaces and hyphens as `_`: « Collège » and « médico-éducatif » are the codes people mean. */
function asCode(text: string): string {
  return stripAccents(text).toLowerCase().replace(/[\s-]+/g, '_');
}

export function stripAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '');
}

export function parseUai(text: string): Parsed<string> {
  const uai = text.toUpperCase();
  // Format only, like the database's check: the key letter is not verified, test establishments do not have one.
  return /^[0-9]{7}[A-Z]$/.test(uai) ? ok(uai) : fail(`« ${text} » n'est pas un UAI (7 chiffres et une lettre)`);
}

export function parseKind(text: string): Parsed<EstablishmentKind> {
  const code = asCode(text);
  return (ESTABLISHMENT_KINDS as readonly string[]).includes(code)
    ? ok(code as EstablishmentKind)
    : fail(`« ${text} » inconnu (valeurs : ${ESTABLISHMENT_KINDS.join(', ')})`);
}

export function parseSector(text: string): Parsed<Sector> {
  const code = asCode(text);
  if (code === 'public') return ok('public');
  if (code === 'prive') return ok('private');
  return fail(`« ${text} » inconnu (valeurs : public, prive)`);
}

export function parseDegree(text: string): Parsed<Degree> {
  const code = text.toUpperCase();
  return code === '1D' || code === '2D' ? ok(code) : fail(`« ${text} » inconnu (valeurs : 1D, 2D)`);
}

/** The degree a kind implies, when it implies one (an MFR or a CNED may teach either). */
export function degreeOfKind(kind: EstablishmentKind): Degree | null {
  return kind === 'ecole' ? '1D' : kind === 'college' || kind === 'lycee' ? '2D' : null;
}

export function parseYesNo(text: string): Parsed<boolean> {
  const code = text.toLowerCase();
  return code === 'oui' ? ok(true) : code === 'non' ? ok(false) : fail(`« ${text} » n'est ni « oui » ni « non »`);
}

/** JJ/MM/AAAA (a day or month of one digit is accepted: Excel writes 5/3/2012 under some settings) → YYYY-MM-DD. */
export function parseBirthDate(text: string): Parsed<string> {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const invalid = fail(`date invalide « ${text} » (attendu JJ/MM/AAAA)`);
  if (!match) return invalid;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 31/02 over to March: a round trip is what tells a real calendar date.
  if (year < 1900 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return invalid;
  return ok(`${String(year)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
}

export function parseIne(text: string): Parsed<string> {
  const ine = text.toUpperCase();
  // INE-BEA, INE-RNIE, ONDE… differ in where letters go, all have 11 characters: only that is checked.
  return /^[0-9A-Z]{11}$/.test(ine) ? ok(ine) : fail(`« ${text} » n'est pas un INE (11 chiffres et lettres)`);
}

export function parseEmail(text: string): Parsed<string> {
  const email = text.toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@.]+$/.test(email) ? ok(email) : fail(`« ${text} » n'est pas une adresse électronique`);
}

// Spellings seen in school files for the usual levels; anything else keeps its own normalised text as its code.
const LEVEL_ALIASES: Readonly<Record<string, string>> = {
  'PETITE SECTION': 'PS', 'MOYENNE SECTION': 'MS', 'GRANDE SECTION': 'GS', 'COURS PREPARATOIRE': 'CP',
  '6EME': '6E', SIXIEME: '6E', '5EME': '5E', CINQUIEME: '5E', '4EME': '4E', QUATRIEME: '4E', '3EME': '3E', TROISIEME: '3E',
  '2DE': '2NDE', SECONDE: '2NDE', '1ERE': '1RE', PREMIERE: '1RE', TERM: 'TLE', TERMINALE: 'TLE',
};

/** Level code as stored in `levels.code`: upper case, no accents, single spaces (« 6ème » → 6E, « cm1 » → CM1). */
export function levelCode(text: string): string {
  const code = stripAccents(text).toUpperCase().replace(/\s+/g, ' ').replace(/\.$/, '').trim();
  return LEVEL_ALIASES[code] ?? code;
}

// What one row says, cell by cell; the reader (reader.ts) compares rows with each other and builds the changes.

/** Values of one row as compared with the rows before it: canonical text per column, in the file's own terms. */
export type Snapshot = Partial<Record<CsvColumnName, string | null>>;

const COLUMN = new Map<string, CsvColumn>(CSV_COLUMNS.map((c) => [c.header, c]));
const GUARDIAN_COLUMNS = CSV_COLUMNS.map((c) => c.header).filter((h) => h.startsWith('responsable_'));

/** One row's cells by column, and the French problems found in them (each prefixed with its column). */
export class CsvRow {
  readonly problems: string[] = [];
  readonly hasGuardian: boolean;

  constructor(private readonly cells: string[], private readonly columns: Map<CsvColumnName, number>) {
    this.hasGuardian = GUARDIAN_COLUMNS.some((column) => this.raw(column) !== null);
  }

  private raw(column: CsvColumnName): string | null {
    const index = this.columns.get(column);
    const value = index === undefined ? '' : (this.cells[index] ?? '').trim();
    return value === '' ? null : value;
  }

  /** Trimmed text, null when empty; a missing required value is a problem. */
  text(column: CsvColumnName): string | null {
    const value = this.raw(column);
    const requirement = COLUMN.get(column)?.requirement;
    if (value === null && (requirement === 'always' || (requirement === 'with-guardian' && this.hasGuardian))) this.problems.push(`${column} : obligatoire`);
    // U+FFFD: bytes that were not UTF-8 in a file that declared UTF-8 with its BOM.
    if (!value?.includes('\uFFFD')) return value;
    this.problems.push(`${column} : caractères illisibles dans « ${value} » (enregistrez le fichier en CSV UTF-8)`);
    return null;
  }

  parsed<T>(column: CsvColumnName, parser: (text: string) => Parsed<T>): T | null {
    const value = this.text(column);
    if (value === null) return null;
    const result = parser(value);
    if (result.ok) return result.value;
    this.problems.push(`${column} : ${result.reason}`);
    return null;
  }

  conflicts(known: { snapshot: Snapshot; at: SourcePosition }, current: Snapshot, about: string): void {
    for (const [column, value] of Object.entries(current) as [CsvColumnName, string | null][]) {
      const before = known.snapshot[column] ?? null;
      if (before !== value) this.problems.push(`${column} : « ${value ?? ''} » diffère de « ${before ?? ''} » donné ligne ${String(known.at.line)} ${about}`);
    }
  }
}

const yesNo = (value: boolean): string => (value ? 'oui' : 'non');

/** The establishment columns of a row; null when one of them is missing or wrong (the row's problems say which). */
export function readEstablishment(row: CsvRow, uai: string | null): { fields: StructureFields; snapshot: Snapshot } | null {
  const before = row.problems.length;
  const name = row.text('etablissement_nom');
  const city = row.text('etablissement_ville');
  const kind = row.parsed('etablissement_type', parseKind);
  const sector = row.parsed('etablissement_secteur', parseSector);
  const degree = row.parsed('etablissement_degre', parseDegree);
  const implied = kind && degreeOfKind(kind);
  if (implied && degree && implied !== degree) row.problems.push(`etablissement_degre : « ${degree} » incohérent avec etablissement_type « ${kind} » (attendu ${implied})`);
  if (!uai || !name || !kind || !sector || !degree || row.problems.length > before) return null;
  return {
    fields: { uai, name, city, kind, degree, sector, academyCode: null, classes: [] },
    snapshot: { etablissement_nom: name, etablissement_ville: city, etablissement_type: kind, etablissement_secteur: sector === 'private' ? 'prive' : 'public', etablissement_degre: degree },
  };
}

export function readStudent(row: CsvRow, uai: string | null, degree: Degree | null): { fields: StudentFields; snapshot: Snapshot } | null {
  const ine = row.parsed('eleve_ine', parseIne);
  const lastName = row.text('eleve_nom');
  const firstName = row.text('eleve_prenom');
  const birthDate = row.parsed('eleve_date_naissance', parseBirthDate);
  const admitted = row.parsed('eleve_admission_definitive', parseYesNo);
  const classLabel = row.text('classe');
  const levelLabel = row.text('niveau');
  if (!uai || !degree || !lastName || !firstName || !birthDate || admitted === null) return null;
  const level = levelLabel ? { code: levelCode(levelLabel), label: levelLabel, degree } : null;
  const fields: StudentFields = { ine, lastName, firstName, birthDate, structureKey: `csv:${uai}`, classLabel, level, definitivelyAdmitted: admitted, guardians: [] };
  const snapshot: Snapshot = {
    eleve_ine: ine, eleve_nom: lastName, eleve_prenom: firstName, eleve_date_naissance: birthDate.split('-').reverse().join('/'),
    eleve_admission_definitive: yesNo(admitted), classe: classLabel, niveau: levelLabel,
  };
  return { fields, snapshot };
}

export type GuardianRow = Omit<GuardianLinkFields, 'guardianKey'> & { fields: GuardianFields; snapshot: Snapshot; link: Snapshot };

export function readGuardian(row: CsvRow): GuardianRow | null {
  if (!row.hasGuardian) return null;
  const lastName = row.text('responsable_nom');
  const firstName = row.text('responsable_prenom');
  const email = row.parsed('responsable_courriel', parseEmail);
  const mobile = row.text('responsable_mobile');
  const address = row.text('responsable_adresse');
  const relation = row.text('responsable_lien');
  const legal = row.parsed('responsable_legal', parseYesNo);
  if (!lastName || !firstName || legal === null) return null;
  return {
    fields: { lastName, firstName, email, mobile, address },
    snapshot: { responsable_nom: lastName, responsable_prenom: firstName, responsable_courriel: email, responsable_mobile: mobile, responsable_adresse: address },
    relation, legal,
    link: { responsable_lien: relation, responsable_legal: yesNo(legal) },
  };
}
