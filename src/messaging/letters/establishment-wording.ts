// Annex A1 says "L'école CHARLEMAGNE" and "Le directeur d'école.": the article, the noun and the signature
// follow the establishment's kind and degree.
import type { EstablishmentKind } from '../../realms/realm.ts';

export interface EstablishmentWording {
  /** "L'école CHARLEMAGNE", "Le collège VICTOR HUGO", "L'établissement …": subject of a sentence. */
  subject: string;
  /** "de l'école CHARLEMAGNE", "du collège VICTOR HUGO": after "auprès". */
  afterDe: string;
}

const NOUNS: Partial<Record<EstablishmentKind, { noun: string; masculine: boolean; prefix: RegExp }>> = {
  ecole: { noun: 'école', masculine: false, prefix: /^ecole\b/ },
  college: { noun: 'collège', masculine: true, prefix: /^college\b/ },
  lycee: { noun: 'lycée', masculine: true, prefix: /^lycee\b/ },
};

/** Directory names often start with their kind ("COLLEGE GEORGE SAND"): then only the article is added. */
export function establishmentWording(kind: EstablishmentKind, name: string): EstablishmentWording {
  const known = NOUNS[kind];
  const folded = name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  if (known && known.prefix.test(folded)) {
    return known.masculine ? { subject: `Le ${name}`, afterDe: `du ${name}` } : { subject: `L'${name}`, afterDe: `de l'${name}` };
  }
  if (!known) return { subject: `L'établissement ${name}`, afterDe: `de l'établissement ${name}` };
  return known.masculine
    ? { subject: `Le ${known.noun} ${name}`, afterDe: `du ${known.noun} ${name}` }
    : { subject: `L'${known.noun} ${name}`, afterDe: `de l'${known.noun} ${name}` };
}

/** Annex A1: "Le directeur d'école." in the first degree, the head of the establishment in the second. */
export function signatureFor(degree: '1D' | '2D'): string {
  return degree === '1D' ? "Le directeur d'école." : "Le chef d'établissement.";
}

/** The header line of a sheet, worded as the lists of SPEC §4: "Ecole : <UAI> - <name>". */
export function establishmentLine(degree: '1D' | '2D', uai: string, name: string): string {
  return `${degree === '1D' ? 'Ecole' : 'Etablissement'} : ${uai} - ${name}`;
}

/** "Prénom NOM", the form of the annex ("Léa DUPONT"). */
export function displayName(person: { firstName: string; lastName: string }): string {
  return `${person.firstName.trim()} ${person.lastName.trim().toLocaleUpperCase('fr-FR')}`;
}
