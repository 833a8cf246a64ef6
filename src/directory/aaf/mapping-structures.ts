// SPEC §2: an AAF EtabEducNat entry as a directory establishment (UAI, name, city, kind, degree, sector, academy,
// classes). Called by mapAafEntry (mapping.ts) with the entry's reader.
import type { EstablishmentKind, Sector } from '../../realms/realm.ts';
import type { StructureFields } from '../changes.ts';
import type { AafEntryReader, MappedFields } from './mapping.ts';

/** SPEC §2: a UAI (also called RNE) is 7 digits and a letter. The check letter is not verified: test exports use fake UAIs. */
export const UAI_PATTERN = /^[0-9]{7}[A-Z]$/;

const TYPE_ATTRIBUTES = ['ENTStructureTypeStruct', 'ENTStructureCodeTypeStruct'] as const;

/**
 * Kind from ENTStructureTypeStruct (COLLEGE, LYCEE…, ECOLE…), else from ENTStructureCodeTypeStruct (nature of the UAI:
 * 1xx écoles, 300–339 lycées, 340–359 collèges), else from the first word of the official name (CLG, LYC, LP, E.E., …).
 * Null when none of them says (e.g. "SANS OBJET").
 */
export function establishmentKindOf(
  reader: Pick<AafEntryReader, 'fold'>,
  typeStruct: string | null,
  typeCode: string | null,
  name: string | null,
): EstablishmentKind | null {
  const type = reader.fold(typeStruct ?? '');
  if (/^ECOLE\b/.test(type)) return 'ecole';
  if (/^(COLLEGE|CLG)\b/.test(type)) return 'college';
  if (/^(LYCEE|LYC|LP|LPO|LGT)\b/.test(type)) return 'lycee';
  if (/\b(MAISON FAMILIALE|MFR)\b/.test(type)) return 'mfr';
  if (/\b(MEDICO|IME|ITEP|IEM)\b/.test(type)) return 'medico_educatif';
  if (/\bCNED\b/.test(type)) return 'cned';

  const code = Number.parseInt(typeCode ?? '', 10);
  if (code >= 100 && code <= 199) return 'ecole';
  if (code >= 340 && code <= 359) return 'college';
  if (code >= 300 && code <= 339) return 'lycee';

  const prefix = reader.fold(name ?? '');
  if (/^(CLG|COLLEGE)\b/.test(prefix)) return 'college';
  if (/^(LYC|LYCEE|LP|LPO|LGT|LPA|LEGT)\b/.test(prefix)) return 'lycee';
  if (/^(E [EMP]|EE|EM|EP|ECOLE)\b/.test(prefix)) return 'ecole';
  return null;
}

/** ENTEtablissementContrat (2D) or ENTEcoleSecteur (1D): PU is public; any other contract (PR, CO, …) is private. */
export function sectorOf(reader: Pick<AafEntryReader, 'fold'>, contract: string | null): Sector {
  const folded = reader.fold(contract ?? '');
  // An empty contract is what the ministry's own (public) establishments often carry in test exports.
  return folded === '' || /^PU/.test(folded) ? 'public' : 'private';
}

/**
 * ENTStructureNomCourant comes as `TYPE$NAME$CITY` (e.g. `CLG$CLG INTEGRATION$PARIS`) or as one text: the parts are
 * joined with "-", the way official names read (`E.E.PR-SAINTE-FAMILLE DES MINIMES-ac-TOULOUSE`).
 */
export function structureNameOf(value: string | null): string | null {
  if (value === null) return null;
  const name = value
    .split('$')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join('-');
  return name === '' ? null : name;
}

/**
 * ENTStructureClasses values are `code$label` or a single text. Students name their class differently by degree:
 * 2D students give `structure$code` (ENTEleveClasses), 1D students give the label as the 5th part of
 * ENTPersonClasses. So that a structure's classes and its students' classes are the same labels, a 2D structure
 * keeps the first part (the code) and a 1D one (école) the last part (the label).
 */
export function structureClassesOf(values: string[], degree: '1D' | '2D'): string[] {
  const classes = new Set<string>();
  for (const value of values) {
    const parts = value
      .split('$')
      .map((part) => part.trim())
      .filter((part) => part !== '');
    const label = degree === '1D' ? parts.at(-1) : parts[0];
    if (label !== undefined) classes.add(label);
  }
  return [...classes];
}

export function mapStructure(reader: AafEntryReader): MappedFields<'structure'> {
  reader.rejectPartialListUpdates('ENTStructureClasses');
  const fields: Partial<StructureFields> = {};

  if (reader.wants('ENTStructureUAI', 'ENTEtablissementUAI')) {
    const raw = reader.required('UAI absent', 'ENTStructureUAI', 'ENTEtablissementUAI');
    const uai = raw.toUpperCase();
    if (!UAI_PATTERN.test(uai)) reader.reject(`UAI invalide : ${raw}`);
    fields.uai = uai;
  }
  if (reader.wants('ENTStructureNomCourant')) {
    fields.name = structureNameOf(reader.text('ENTStructureNomCourant')) ?? reader.reject("nom de l'établissement absent");
  }
  if (reader.wants('l', 'ENTStructureVille')) fields.city = reader.text('l', 'ENTStructureVille');

  // The kind is only recomputed when the modification names the type: a new name alone must not move it.
  if (reader.wants(...TYPE_ATTRIBUTES)) {
    const name = reader.isAdd || reader.has('ENTStructureNomCourant') ? reader.text('ENTStructureNomCourant') : null;
    const kind =
      establishmentKindOf(reader, reader.text('ENTStructureTypeStruct'), reader.text('ENTStructureCodeTypeStruct'), name) ?? 'autre';
    fields.kind = kind;
    fields.degree = kind === 'ecole' ? '1D' : '2D';
  }
  if (reader.wants('ENTEtablissementContrat', 'ENTEcoleSecteur')) {
    fields.sector = sectorOf(reader, reader.text('ENTEtablissementContrat', 'ENTEcoleSecteur'));
  }
  if (reader.wants('ENTServAcCodeAcademie', 'ENTServCodeAcAcademie')) {
    fields.academyCode = reader.text('ENTServAcCodeAcademie', 'ENTServCodeAcAcademie');
  }
  if (reader.wants('ENTStructureClasses')) {
    // A modification that does not name the type gives no degree: the 2D reading (the code) is the default there.
    fields.classes = structureClassesOf(reader.values('ENTStructureClasses'), fields.degree ?? '2D');
  }

  if (reader.isAdd) {
    const { uai, name, city, kind, degree, sector, academyCode, classes } = fields;
    if (uai === undefined || name === undefined || kind === undefined || degree === undefined || sector === undefined) {
      // Unreachable: every branch above runs on add; kept so the types need no assertion.
      return reader.reject('établissement incomplet');
    }
    return {
      operation: 'add',
      fields: { uai, name, city: city ?? null, kind, degree, sector, academyCode: academyCode ?? null, classes: classes ?? [] },
    };
  }
  return { operation: 'modify', fields };
}
