// SPEC §2: what an import source (AAF XML, CSV) says about the directory, as plain records — the shared
// contract between the readers (src/directory/aaf, src/directory/csv) and the database step (src/directory/import).
import type { Degree, EstablishmentKind, Sector } from '../realms/realm.ts';

/** Where a record came from, for the report: "ENT_Complet_…_Eleve_0000.xml, ligne 1234". */
export interface SourcePosition {
  file: string;
  line: number;
}

export interface StructureFields {
  uai: string;
  name: string;
  city: string | null;
  kind: EstablishmentKind;
  degree: Degree;
  sector: Sector;
  /** Academy code (e.g. "013"), when the source gives one. */
  academyCode: string | null;
  /** Class labels the structure declares (ENTStructureClasses); classes are also created from students. */
  classes: string[];
}

export interface GuardianLinkFields {
  /** Source key of the guardian (its jointure). */
  guardianKey: string;
  /** Relation code as given by the source (differs by year: stored, never interpreted). */
  relation: string | null;
  /** Legal representative (AAF 2D: 4th part of ENTElevePersRelEleve is 1; 1D: ENTEleveAutoriteParentale). */
  legal: boolean;
}

export interface StudentFields {
  ine: string | null;
  lastName: string;
  firstName: string;
  /** ISO date YYYY-MM-DD. */
  birthDate: string;
  /** Source key of the establishment the student is attached to (ENTPersonStructRattach). */
  structureKey: string;
  /** Class label in that establishment, null when none. */
  classLabel: string | null;
  /** Level (niveau), when the source gives one: code as stored in `levels.code`, label for people. */
  level: { code: string; label: string; degree: Degree } | null;
  definitivelyAdmitted: boolean;
  guardians: GuardianLinkFields[];
}

export interface GuardianFields {
  lastName: string;
  firstName: string;
  email: string | null;
  /** As given by the source; normalised by the database step. */
  mobile: string | null;
  address: string | null;
}

export interface StaffFunction {
  structureKey: string;
  /** e.g. DIR (head of the establishment), ENS, DOC… */
  code: string;
  label: string;
}

export interface StaffFields {
  lastName: string;
  firstName: string;
  email: string | null;
  functions: StaffFunction[];
}

export interface FieldsByKind {
  structure: StructureFields;
  student: StudentFields;
  guardian: GuardianFields;
  staff: StaffFields;
}

export type RecordKind = keyof FieldsByKind;

/**
 * One change of the directory. `add` carries every field (an upsert: it also revives a person marked gone);
 * `modify` only the fields the source replaced; `delete` marks the record gone (never a deletion: retention does that).
 */
export type DirectoryChange<K extends RecordKind = RecordKind> = K extends RecordKind
  ? {
      kind: K;
      /** Source key (jointure), already namespaced by the reader: `aaf:<ENTPersonJointure>`, `csv:<UAI>:<id>`. */
      key: string;
      at: SourcePosition;
    } & (
      | { operation: 'add'; fields: FieldsByKind[K] }
      | { operation: 'modify'; fields: Partial<FieldsByKind[K]> }
      | { operation: 'delete' }
    )
  : never;

/** A record the source gave that cannot be applied, reported with its file and line; the rest goes on. */
export interface Rejection {
  at: SourcePosition;
  /** One French sentence, e.g. « date de naissance invalide : 31/02/2010 ». */
  reason: string;
  /** The record's key when it had one. */
  key?: string;
}
