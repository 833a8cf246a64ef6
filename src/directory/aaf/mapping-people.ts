// SPEC §2: AAF people (Eleve, PersRelEleve, PersEducNat) as directory students, guardians and staff, in both
// spellings: 2D (SIECLE: sn, givenName, ENTEleveClasses, ENTElevePersRelEleve…) and 1D (ONDE: ENTPersonNom,
// ENTPersonPrenom, ENTPersonClasses, ENTEleveAutoriteParentale…). Called by mapAafEntry (mapping.ts).
import type { Degree } from '../../realms/realm.ts';
import type { GuardianFields, GuardianLinkFields, StaffFields, StaffFunction, StudentFields } from '../changes.ts';
import type { AafEntryReader, MappedFields } from './mapping.ts';

type Level = NonNullable<StudentFields['level']>;
type Folder = Pick<AafEntryReader, 'fold'>;

const LAST_NAME = ['sn', 'ENTPersonNom'] as const;
const FIRST_NAME = ['givenName', 'ENTPersonPrenom'] as const;
const EMAIL = ['mail', 'ENTPersonMail'] as const;
const CLASSES = ['ENTEleveClasses', 'ENTPersonClasses'] as const;
const LEVEL_TEXTS = ['ENTEleveNiveau', 'ENTEleveNivFormation', 'ENTEleveLibelleMEF'] as const;
const GUARDIAN_LINKS = ['ENTElevePersRelEleve', 'ENTEleveAutoriteParentale'] as const;
const ADDRESS_PARTS = ['ENTPersonCodePostal', 'ENTPersonVille', 'ENTPersonPays'] as const;
const FUNCTIONS = ['ENTPersonFonctions', 'ENTEnsFonctionDir'] as const;

/** AAF dates are dd/MM/yyyy; only real calendar dates pass (31/02/2012 does not). Returns YYYY-MM-DD or null. */
export function parseAafDate(value: string): string | null {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim());
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1900 || year > 2100) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Known levels (SPEC §2) and the spellings seen in SIECLE and ONDE texts, matched at the start of the folded text. */
const LEVELS: ReadonlyArray<Level & { pattern: RegExp }> = [
  { code: 'TPS', label: 'Toute petite section', degree: '1D', pattern: /^(TPS|TOUTE PETITE SECTION)\b/ },
  { code: 'PS', label: 'Petite section', degree: '1D', pattern: /^(PS|PETITE SECTION)\b/ },
  { code: 'MS', label: 'Moyenne section', degree: '1D', pattern: /^(MS|MOYENNE SECTION)\b/ },
  { code: 'GS', label: 'Grande section', degree: '1D', pattern: /^(GS|GRANDE SECTION)\b/ },
  { code: 'CP', label: 'Cours préparatoire', degree: '1D', pattern: /^(CP|COURS PREPARATOIRE)\b/ },
  { code: 'CE1', label: 'Cours élémentaire 1re année', degree: '1D', pattern: /^(CE ?1|COURS ELEMENTAIRE (1|1E?RE|PREMIERE))\b/ },
  { code: 'CE2', label: 'Cours élémentaire 2e année', degree: '1D', pattern: /^(CE ?2|COURS ELEMENTAIRE (2|2E|2EME|DEUXIEME))\b/ },
  { code: 'CM1', label: 'Cours moyen 1re année', degree: '1D', pattern: /^(CM ?1|COURS MOYEN (1|1E?RE|PREMIERE))\b/ },
  { code: 'CM2', label: 'Cours moyen 2e année', degree: '1D', pattern: /^(CM ?2|COURS MOYEN (2|2E|2EME|DEUXIEME))\b/ },
  { code: '6E', label: 'Sixième', degree: '2D', pattern: /^(6 ?E|6 ?EME|6IEME|SIXIEME)\b/ },
  { code: '5E', label: 'Cinquième', degree: '2D', pattern: /^(5 ?E|5 ?EME|5IEME|CINQUIEME)\b/ },
  { code: '4E', label: 'Quatrième', degree: '2D', pattern: /^(4 ?E|4 ?EME|4IEME|QUATRIEME)\b/ },
  { code: '3E', label: 'Troisième', degree: '2D', pattern: /^(3 ?E|3 ?EME|3IEME|TROISIEME)\b/ },
  { code: '2NDE', label: 'Seconde', degree: '2D', pattern: /^(2 ?NDE|2 ?ND|2 ?DE|SECONDE)\b/ },
  { code: '1RE', label: 'Première', degree: '2D', pattern: /^(1 ?RE|1 ?ERE|1 ?E|PREMIERE)\b(?! ANNEE)/ },
  { code: 'TLE', label: 'Terminale', degree: '2D', pattern: /^(TLE|TALE|TERM|TERMINALE)\b/ },
];

/** A known level for a text (`6EME`, `Sixième`, `CE1`, `PREMIERE GENERALE`…), or null. */
export function knownLevel(folder: Folder, text: string): Level | null {
  const folded = folder.fold(text);
  const found = LEVELS.find((level) => level.pattern.test(folded));
  return found ? { code: found.code, label: found.label, degree: found.degree } : null;
}

/**
 * The student's level: the first text naming a known level among ENTEleveNiveau (1D), ENTEleveNivFormation and
 * ENTEleveLibelleMEF (2D) (SIECLE writes `4EME` / `4EME GENERALE (N.C 4E AES)`, or `1E` / `BAC PRO`), then the
 * 1D class parts; else the first text as it is (code folded to upper-case ASCII, label as given); null when none.
 */
export function levelOf(folder: Folder, texts: string[], classHints: string[], degree: Degree): Level | null {
  for (const text of [...texts, ...classHints]) {
    const level = knownLevel(folder, text);
    if (level) return level;
  }
  const text = texts.find((candidate) => folder.fold(candidate) !== '');
  return text === undefined ? null : { code: folder.fold(text), label: text, degree };
}

interface ClassRef {
  structure: string | null;
  label: string;
  /** 1D values carry two more parts; a known level there helps when ENTEleveNiveau is missing. */
  hints: string[];
}

/** `structure$class` (2D ENTEleveClasses), `structure$…$…$classId$label` (1D ENTPersonClasses, 5 parts), or a bare label. */
function classRefOf(value: string): ClassRef | null {
  const parts = value.split('$').map((part) => part.trim());
  if (parts.length === 1) return parts[0] ? { structure: null, label: parts[0], hints: [] } : null;
  const label = parts.length >= 5 ? parts[4] || parts[3] : parts[1];
  if (!label) return null;
  return { structure: parts[0] || null, label, hints: parts.length >= 5 ? [parts[2] ?? '', parts[1] ?? ''] : [] };
}

/** The class in the attachment establishment when the student has several, else the first one. */
function chosenClass(reader: AafEntryReader): ClassRef | null {
  const refs = reader.values(...CLASSES).flatMap((value) => classRefOf(value) ?? []);
  const attachment = reader.text('ENTPersonStructRattach');
  return refs.find((ref) => attachment !== null && ref.structure === attachment) ?? refs[0] ?? null;
}

/**
 * 2D: ENTElevePersRelEleve `guardian$relation$financial$legal$emergency$payment`; legal when the 4th part is not
 * 0 (SIECLE numbers the two legal representatives 1 and 2). 1D: ENTEleveAutoriteParentale lists the guardians with
 * parental authority, hence legal. When both are present, parental authority makes a link legal.
 */
export function guardianLinksOf(reader: AafEntryReader): GuardianLinkFields[] {
  const links = new Map<string, GuardianLinkFields>();
  for (const value of reader.values('ENTElevePersRelEleve')) {
    const [id = '', relation = '', , legal = ''] = value.split('$').map((part) => part.trim());
    if (id === '') continue;
    const key = reader.sourceKey(id);
    const previous = links.get(key);
    const isLegal = legal !== '' && legal !== '0';
    links.set(key, { guardianKey: key, relation: previous?.relation ?? (relation || null), legal: (previous?.legal ?? false) || isLegal });
  }
  for (const value of reader.values('ENTEleveAutoriteParentale')) {
    const id = value.split('$')[0]?.trim() ?? '';
    if (id === '') continue;
    const key = reader.sourceKey(id);
    links.set(key, { guardianKey: key, relation: links.get(key)?.relation ?? null, legal: true });
  }
  return [...links.values()];
}

export function mapStudent(reader: AafEntryReader): MappedFields<'student'> {
  reader.rejectPartialListUpdates(...CLASSES, ...GUARDIAN_LINKS);
  const fields: Partial<StudentFields> = {};
  if (reader.wants('ENTEleveINE')) fields.ine = reader.text('ENTEleveINE')?.toUpperCase() ?? null;
  if (reader.wants(...LAST_NAME)) fields.lastName = reader.required('nom de famille absent', ...LAST_NAME);
  if (reader.wants(...FIRST_NAME)) fields.firstName = reader.required('prénom absent', ...FIRST_NAME);
  if (reader.wants('ENTPersonDateNaissance')) {
    const raw = reader.required('date de naissance absente', 'ENTPersonDateNaissance');
    fields.birthDate = parseAafDate(raw) ?? reader.reject(`date de naissance invalide : ${raw}`);
  }
  if (reader.wants('ENTPersonStructRattach')) {
    fields.structureKey = reader.sourceKey(reader.required('établissement de rattachement absent', 'ENTPersonStructRattach'));
  }
  const chosen = reader.wants(...CLASSES) ? chosenClass(reader) : null;
  if (reader.wants(...CLASSES)) fields.classLabel = chosen?.label ?? null;
  const classHints = chosen?.hints ?? [];
  if (reader.wants(...LEVEL_TEXTS)) {
    const texts = LEVEL_TEXTS.flatMap((name) => reader.values(name));
    fields.level = levelOf(reader, texts, classHints, reader.hasAny('ENTEleveNiveau', 'ENTPersonClasses') ? '1D' : '2D');
  } else if (classHints.length > 0) {
    // A modification of the 1D class alone: its level part is applied only when it names a known level.
    const level = levelOf(reader, [], classHints, '1D');
    if (level) fields.level = level;
  }
  if (reader.wants(...GUARDIAN_LINKS)) fields.guardians = guardianLinksOf(reader);

  if (!reader.isAdd) return { operation: 'modify', fields };
  const { ine, lastName, firstName, birthDate, structureKey, classLabel, level, guardians } = fields;
  if (lastName === undefined || firstName === undefined || birthDate === undefined || structureKey === undefined) {
    return reader.reject('élève incomplet'); // unreachable: required() rejected already; keeps the types exact
  }
  return {
    operation: 'add',
    fields: {
      ine: ine ?? null,
      lastName,
      firstName,
      birthDate,
      structureKey,
      classLabel: classLabel ?? null,
      level: level ?? null,
      // No AAF attribute carries the admission state (ENTEleveStatutEleve is SCOLAIRE, APPRENTI…, not admission):
      // the export lists enrolled students, taken as definitively admitted.
      definitivelyAdmitted: true,
      guardians: guardians ?? [],
    },
  };
}

/** Trimmed, lower-case; empty is null. Validity is the database step's concern (it reports bad addresses). */
export function normalizeEmail(value: string | null): string | null {
  const email = value?.trim().toLowerCase() ?? '';
  return email === '' ? null : email;
}

/** ENTPersonAdresse lines (`$`-separated) joined with ", ", then "postcode city", then the country when not France. */
export function postalAddressOf(reader: AafEntryReader): string | null {
  const lines = (reader.text('ENTPersonAdresse') ?? '')
    .split('$')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const town = [reader.text('ENTPersonCodePostal'), reader.text('ENTPersonVille')].filter((part) => part !== null).join(' ');
  const country = reader.text('ENTPersonPays');
  const parts = [...lines, town, country !== null && reader.fold(country) !== 'FRANCE' ? country : ''].filter((part) => part !== '');
  return parts.length === 0 ? null : parts.join(', ');
}

export function mapGuardian(reader: AafEntryReader): MappedFields<'guardian'> {
  const fields: Partial<GuardianFields> = {};
  if (reader.wants(...LAST_NAME)) fields.lastName = reader.required('nom de famille absent', ...LAST_NAME);
  if (reader.wants(...FIRST_NAME)) fields.firstName = reader.required('prénom absent', ...FIRST_NAME);
  if (reader.wants(...EMAIL)) fields.email = normalizeEmail(reader.text(...EMAIL));
  if (reader.wants('mobile', 'ENTPersRelEleveTelMobile')) fields.mobile = reader.text('mobile', 'ENTPersRelEleveTelMobile');
  if (reader.wants('ENTPersonAdresse')) {
    fields.address = postalAddressOf(reader);
  } else {
    // Postcode, city or country alone cannot rebuild the address: not applied, and reported as ignored.
    for (const name of ADDRESS_PARTS) reader.notApplied(name);
  }

  if (!reader.isAdd) return { operation: 'modify', fields };
  const { lastName, firstName, email, mobile, address } = fields;
  if (lastName === undefined || firstName === undefined) return reader.reject('responsable incomplet'); // unreachable
  return { operation: 'add', fields: { lastName, firstName, email: email ?? null, mobile: mobile ?? null, address: address ?? null } };
}

/**
 * ENTPersonFonctions `structure$code$label$disciplineCode$disciplineLabel` (e.g. `43$DIR$DIRECTION$D0011$…`); all
 * functions are kept. ENTEnsFonctionDir (1D) lists the écoles a person directs: each becomes a DIR function.
 */
export function staffFunctionsOf(reader: AafEntryReader): StaffFunction[] {
  const functions = new Map<string, StaffFunction>();
  for (const value of reader.values('ENTPersonFonctions')) {
    const [structure = '', code = '', label = '', , disciplineLabel = ''] = value.split('$').map((part) => part.trim());
    if (structure === '' || code === '' || code === '-') continue;
    const fn: StaffFunction = { structureKey: reader.sourceKey(structure), code: code.toUpperCase(), label: label || disciplineLabel || code };
    functions.set(`${fn.structureKey}$${fn.code}$${fn.label}`, fn);
  }
  for (const value of reader.values('ENTEnsFonctionDir')) {
    const structure = value.split('$')[0]?.trim() ?? '';
    if (structure === '') continue;
    const structureKey = reader.sourceKey(structure);
    const alreadyHead = [...functions.values()].some((fn) => fn.structureKey === structureKey && fn.code === 'DIR');
    if (!alreadyHead) functions.set(`${structureKey}$DIR$DIRECTION`, { structureKey, code: 'DIR', label: 'DIRECTION' });
  }
  return [...functions.values()];
}

/**
 * Only heads (a DIR function) are imported: they administer their establishments in the console. A modification
 * is always passed on: a delta cannot tell whether the person is a head Guichet knows, so the database step ignores
 * a staff modification for an unknown key, and a new function list without DIR ends the person's head role.
 */
export function mapStaff(reader: AafEntryReader): MappedFields<'staff'> {
  reader.rejectPartialListUpdates(...FUNCTIONS);
  const functions = reader.wants(...FUNCTIONS) ? staffFunctionsOf(reader) : undefined;
  if (reader.isAdd && !functions?.some((fn) => fn.code === 'DIR')) {
    reader.skip('personnel sans fonction de direction : non importé');
  }
  const fields: Partial<StaffFields> = {};
  if (reader.wants(...LAST_NAME)) fields.lastName = reader.required('nom de famille absent', ...LAST_NAME);
  if (reader.wants(...FIRST_NAME)) fields.firstName = reader.required('prénom absent', ...FIRST_NAME);
  if (reader.wants(...EMAIL)) fields.email = normalizeEmail(reader.text(...EMAIL));
  if (functions !== undefined) fields.functions = functions;

  if (!reader.isAdd) return { operation: 'modify', fields };
  const { lastName, firstName, email } = fields;
  if (lastName === undefined || firstName === undefined) return reader.reject('personnel incomplet'); // unreachable
  return { operation: 'add', fields: { lastName, firstName, email: email ?? null, functions: functions ?? [] } };
}
