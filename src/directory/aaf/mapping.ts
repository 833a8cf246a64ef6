// SPEC §2: what one AAF entry (ficAlimMENESR addRequest, modifyRequest, deleteRequest) means for the directory.
// Pure functions: an AafEntry in, a DirectoryChange, a Rejection or a skip out. The readers of the files
// (src/directory/aaf) and the database step (src/directory/import) live elsewhere.
//
// The category mappers (mapping-structures.ts, mapping-people.ts) receive an AafEntryReader and import only its
// type from here, so the three modules have no runtime import cycle.
import type { DirectoryChange, FieldsByKind, RecordKind, Rejection, SourcePosition } from '../changes.ts';
import type { AafEntry } from './entry.ts';
import { mapGuardian, mapStaff, mapStudent } from './mapping-people.ts';
import { mapStructure } from './mapping-structures.ts';

export type AafMapping =
  | { change: DirectoryChange; ignoredAttributes: string[] }
  | { rejection: Rejection; ignoredAttributes: string[] }
  | { skipped: string; ignoredAttributes: string[] };

/** Categories that become directory records, and the kind of record each one gives. */
export const AAF_IMPORTED_CATEGORIES = {
  EtabEducNat: 'structure',
  Eleve: 'student',
  PersRelEleve: 'guardian',
  PersEducNat: 'staff',
} as const satisfies Record<string, RecordKind>;

export type AafImportedCategory = keyof typeof AAF_IMPORTED_CATEGORIES;

/**
 * Every attribute the mapping reads, by category, in both spellings (2D: SIECLE; 1D: ONDE). Anything else present in
 * an entry is reported in `ignoredAttributes` (the caller counts them per name: ignored, not fatal).
 */
export const AAF_USED_ATTRIBUTES: Readonly<Record<AafImportedCategory, ReadonlySet<string>>> = {
  EtabEducNat: new Set([
    ...['ENTStructureJointure', 'ENTStructureUAI', 'ENTEtablissementUAI', 'ENTStructureNomCourant'],
    ...['ENTStructureTypeStruct', 'ENTStructureCodeTypeStruct', 'ENTEtablissementContrat', 'ENTEcoleSecteur'],
    ...['l', 'ENTStructureVille', 'ENTServAcCodeAcademie', 'ENTServCodeAcAcademie', 'ENTStructureClasses'],
  ]),
  Eleve: new Set([
    ...['ENTPersonJointure', 'ENTEleveINE', 'sn', 'ENTPersonNom', 'givenName', 'ENTPersonPrenom'],
    ...['ENTPersonDateNaissance', 'ENTPersonStructRattach', 'ENTEleveClasses', 'ENTPersonClasses'],
    ...['ENTEleveNiveau', 'ENTEleveNivFormation', 'ENTEleveLibelleMEF', 'ENTElevePersRelEleve', 'ENTEleveAutoriteParentale'],
  ]),
  PersRelEleve: new Set([
    ...['ENTPersonJointure', 'sn', 'ENTPersonNom', 'givenName', 'ENTPersonPrenom', 'mail', 'ENTPersonMail'],
    ...['mobile', 'ENTPersRelEleveTelMobile', 'ENTPersonAdresse', 'ENTPersonCodePostal', 'ENTPersonVille', 'ENTPersonPays'],
  ]),
  PersEducNat: new Set([
    ...['ENTPersonJointure', 'sn', 'ENTPersonNom', 'givenName', 'ENTPersonPrenom', 'mail', 'ENTPersonMail'],
    ...['ENTPersonFonctions', 'ENTEnsFonctionDir'],
  ]),
};

/** Categories the export carries that Guichet does not import: set aside, not errors. */
const NOT_IMPORTED: Readonly<Record<string, string>> = {
  MatEducNat: 'matière (MatEducNat) : non importée',
  MefEducNat: 'formation (MefEducNat) : non importée',
};

const ENCODING_PROBLEM = "caractères illisibles : le fichier n'est pas dans l'encodage qu'il déclare";
const FILE_CATEGORY = /_(EtabEducNat|Eleve|PersRelEleve|PersEducNat|MatEducNat|MatiereEducNat|MefEducNat)_\d{4}\.xml$/i;
const KNOWN_CATEGORIES = [...Object.keys(AAF_IMPORTED_CATEGORIES), ...Object.keys(NOT_IMPORTED)];

/** Source keys of every AAF record are namespaced so that they never meet a CSV key (`csv:<UAI>:<id>`). */
export function aafSourceKey(jointure: string): string {
  return `aaf:${jointure}`;
}

/** Upper-case ASCII, accents removed, punctuation turned into single spaces: for comparing codes and labels. */
export function foldText(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/œ/giu, 'OE')
    .replace(/æ/giu, 'AE')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}

/** Thrown by the reader to end a mapping early; caught by mapAafEntry only. */
class MappingStop extends Error {
  constructor(
    readonly outcome: 'rejected' | 'skipped',
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** One entry as the category mappers see it: values by attribute name, and the bookkeeping of what was used. */
export class AafEntryReader {
  readonly isAdd: boolean;
  private readonly unapplied = new Set<string>();

  constructor(
    readonly entry: AafEntry,
    private readonly used: ReadonlySet<string>,
  ) {
    this.isAdd = entry.operation === 'add';
  }

  /** add: the attribute is present; modify: a modification names it. */
  has(name: string): boolean {
    return this.entry.attributes.has(name);
  }

  hasAny(...names: string[]): boolean {
    return names.some((name) => this.has(name));
  }

  /** What a field needs: every field on add; on modify, only those whose attributes the modification names. */
  wants(...names: string[]): boolean {
    return this.isAdd || this.hasAny(...names);
  }

  /** The modification operation of an attribute (replace when the reader did not say). */
  operation(name: string): 'replace' | 'add' | 'delete' {
    return this.entry.modifications?.get(name) ?? 'replace';
  }

  /**
   * Non-empty values (trimmed) of the first of `names` that has one: `names` lists the spellings of one attribute
   * (2D first, then 1D). A `delete` modification removes the values: it reads as an empty attribute.
   */
  values(...names: string[]): string[] {
    for (const name of names) {
      if (!this.isAdd && this.operation(name) === 'delete') continue;
      const values = (this.entry.attributes.get(name) ?? []).map((value) => value.trim()).filter((value) => value !== '');
      if (values.length > 0) return values;
    }
    return [];
  }

  /** The first non-empty value, or null. */
  text(...names: string[]): string | null {
    return this.values(...names)[0] ?? null;
  }

  /** A required text field: its value, or the rejection with `reason`. */
  required(reason: string, ...names: string[]): string {
    return this.text(...names) ?? this.reject(reason);
  }

  /**
   * Multi-valued attributes map to whole lists (guardians, classes, functions): an `add` or `delete` of single
   * values cannot be expressed as a list without the current state, and the DTD (ficAlimMENESR.dtd:
   * `operation (replace)`) allows only replace. Such a modification is rejected, with the attribute named.
   */
  rejectPartialListUpdates(...names: string[]): void {
    if (this.isAdd) return;
    for (const name of names) {
      const operation = this.operation(name);
      if (this.has(name) && operation !== 'replace') {
        this.reject(`modification « ${operation} » de ${name} non prise en charge : le format AAF ne prévoit que « replace »`);
      }
    }
  }

  /** A used attribute that this entry cannot apply (e.g. a postcode replaced without its address): reported as ignored. */
  notApplied(name: string): void {
    if (this.has(name)) this.unapplied.add(name);
  }

  sourceKey(jointure: string): string {
    return aafSourceKey(jointure);
  }

  fold(value: string): string {
    return foldText(value);
  }

  reject(reason: string): never {
    throw new MappingStop('rejected', reason);
  }

  skip(reason: string): never {
    throw new MappingStop('skipped', reason);
  }

  ignoredAttributes(): string[] {
    return [...this.entry.attributes.keys()].filter((name) => !this.used.has(name) || this.unapplied.has(name));
  }
}

/** What a category mapper returns: every field on add, the replaced ones on modify. */
export type MappedFields<K extends RecordKind> =
  | { operation: 'add'; fields: FieldsByKind[K] }
  | { operation: 'modify'; fields: Partial<FieldsByKind[K]> };

function categoryOf(entry: AafEntry): string | null {
  const declared = entry.category?.trim();
  if (declared) return KNOWN_CATEGORIES.find((known) => known.toLowerCase() === declared.toLowerCase()) ?? declared;
  // The operational attribute is sometimes missing; the file name still says what the file holds.
  // (Subjects come in `…_MatiereEducNat_0000.xml` files under the category MatEducNat.)
  const fromFile = FILE_CATEGORY.exec(entry.file)?.[1]?.replace(/^MatiereEducNat$/i, 'MatEducNat');
  return fromFile ? (KNOWN_CATEGORIES.find((known) => known.toLowerCase() === fromFile.toLowerCase()) ?? null) : null;
}

function isImported(category: string): category is AafImportedCategory {
  return Object.hasOwn(AAF_IMPORTED_CATEGORIES, category);
}

const jointureAttribute = (category: AafImportedCategory) => (category === 'EtabEducNat' ? 'ENTStructureJointure' : 'ENTPersonJointure');

function jointureOf(entry: AafEntry, category: AafImportedCategory): string | null {
  const attribute = jointureAttribute(category);
  const fromAttribute = entry.attributes.get(attribute)?.find((value) => value.trim() !== '')?.trim() || null;
  const fromId = entry.id?.trim() || null;
  // add carries the jointure as an attribute (identifier/id is the same number in every export we have seen);
  // modify and delete name the record by identifier/id.
  return entry.operation === 'add' ? (fromAttribute ?? fromId) : (fromId ?? fromAttribute);
}

function buildChange(category: AafImportedCategory, key: string, at: SourcePosition, reader: AafEntryReader): DirectoryChange {
  switch (category) {
    case 'EtabEducNat':
      return { kind: 'structure', key, at, ...mapStructure(reader) };
    case 'Eleve':
      return { kind: 'student', key, at, ...mapStudent(reader) };
    case 'PersRelEleve':
      return { kind: 'guardian', key, at, ...mapGuardian(reader) };
    case 'PersEducNat':
      return { kind: 'staff', key, at, ...mapStaff(reader) };
  }
}

/** The meaning of one AAF entry for the directory. Never throws for bad data: that is a rejection. */
export function mapAafEntry(entry: AafEntry): AafMapping {
  const at: SourcePosition = { file: entry.file, line: entry.line };
  const category = categoryOf(entry);
  if (category === null) {
    return { rejection: { at, reason: 'entrée sans catégorie (categoriePersonne ou categorieStructure)' }, ignoredAttributes: [] };
  }
  // An entry of a category we do not import is set aside whole: counting its attributes would only be noise.
  const notImported = NOT_IMPORTED[category];
  if (notImported !== undefined) return { skipped: notImported, ignoredAttributes: [] };
  if (!isImported(category)) return { skipped: `catégorie « ${category} » non importée`, ignoredAttributes: [] };

  const reader = new AafEntryReader(entry, AAF_USED_ATTRIBUTES[category]);
  const jointure = jointureOf(entry, category);
  if (jointure === null) {
    const reason = `entrée sans clé de jointure (${jointureAttribute(category)})`;
    return { rejection: { at, reason }, ignoredAttributes: reader.ignoredAttributes() };
  }
  const key = aafSourceKey(jointure);
  if (entry.encodingProblem) {
    return { rejection: { at, reason: ENCODING_PROBLEM, key }, ignoredAttributes: reader.ignoredAttributes() };
  }
  if (entry.operation === 'delete') {
    return { change: { kind: AAF_IMPORTED_CATEGORIES[category], key, at, operation: 'delete' }, ignoredAttributes: [] };
  }
  try {
    const change = buildChange(category, key, at, reader);
    if (change.operation === 'modify' && Object.keys(change.fields).length === 0) {
      // Its attributes are counted: they are what the import does not use.
      return { skipped: 'modification sans attribut importé : rien à appliquer', ignoredAttributes: reader.ignoredAttributes() };
    }
    return { change, ignoredAttributes: reader.ignoredAttributes() };
  } catch (error) {
    if (!(error instanceof MappingStop)) throw error;
    if (error.outcome === 'skipped') return { skipped: error.reason, ignoredAttributes: [] }; // e.g. a teacher
    return { rejection: { at, reason: error.reason, key }, ignoredAttributes: reader.ignoredAttributes() };
  }
}
