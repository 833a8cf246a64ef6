// The made-up people of the development FranceConnect. Four of them are demo guardians of
// src/demo/fixed-people.ts (same first and last names, so Guichet can find their accounts), one more is the
// guardian whose demo account was already activated through FranceConnect, and the last matches nobody.
// Like FranceConnect, given_name carries every first name ("Bénédicte Marie"): Guichet compares on the first one.
import type { FixedId } from '../../src/demo/fixed-people.ts';

export interface FranceConnectDevIdentity {
  /** A fixed 64-hex subject, shaped like FranceConnect's pairwise subjects (here the same for every client). */
  sub: string;
  given_name: string;
  family_name: string;
  /** YYYY-MM-DD. */
  birthdate: string;
  gender: 'female' | 'male';
  /** INSEE code of the birth commune ("" when born abroad, as FranceConnect sends it). */
  birthplace: string;
  /** INSEE code of the birth country: 99100 is France. */
  birthcountry: string;
  email: string;
  /** Nom d'usage, when the person has one. */
  preferred_username?: string;
  /** The demo guardian this identity stands for (fixed-people.ts), or null for nobody. */
  demo: FixedId | null;
  /** What the login page says about the demo account, so a newcomer knows whom to pick. */
  hint: string;
}

export const FRANCECONNECT_DEV_IDENTITIES: readonly FranceConnectDevIdentity[] = [
  {
    sub: 'f121cb9ba5ccbace837905ae909dd17ee05c059ab01ea788099671373302eb82',
    given_name: 'Bénédicte Marie',
    family_name: 'Fontanel',
    birthdate: '1988-04-12',
    gender: 'female',
    birthplace: '31555',
    birthcountry: '99100',
    email: 'benedicte.fontanel@example.org',
    demo: 'guardian-notifie',
    hint: 'Responsable au compte « Notifié et non activé » (première connexion)',
  },
  {
    sub: 'dd500b069a1fe09150fadcd14075806700d21c2c2d5ead96ec0ae750a0cff945',
    given_name: 'Jean-Noël Pierre',
    family_name: 'Lebœuf',
    birthdate: '1982-11-03',
    gender: 'male',
    birthplace: '31069',
    birthcountry: '99100',
    email: 'jeannoel.leboeuf@example.org',
    demo: 'guardian-en-cours',
    hint: 'Responsable au compte « En cours d\'activation »',
  },
  {
    sub: '60e2e776c757fa12694faa3f491ae86ad4f23b39a7f78787cdc42c6d52556880',
    given_name: 'Anaïs',
    family_name: "N'Guessan",
    birthdate: '1985-07-22',
    gender: 'female',
    birthplace: '75112',
    birthcountry: '99100',
    email: 'anais.nguessan@example.net',
    demo: 'guardian-active',
    hint: 'Responsable au compte « Activé » (origine Responsable)',
  },
  {
    sub: 'da230cddf4cca2a51ce877731a08144c92230399ffd8d066b183e78b463ee5cf',
    given_name: 'Hervé José',
    family_name: 'Dacosta-Lopès',
    birthdate: '1979-02-14',
    gender: 'male',
    birthplace: '33063',
    birthcountry: '99100',
    email: 'herve.dacostalopes@example.net',
    demo: 'guardian-non-notifie',
    hint: 'Responsable au compte « Non notifié »',
  },
  {
    sub: 'c14eaf883e1355c4f410d4521fa26b2d08ec6ebb4a0c15b47244b98b1050782c',
    given_name: 'Régis Alain',
    family_name: 'Château',
    birthdate: '1980-09-09',
    gender: 'male',
    birthplace: '31555',
    birthcountry: '99100',
    email: 'regis.chateau@example.net',
    demo: 'guardian-of-student',
    hint: 'Responsable déjà activé par FranceConnect dans la démonstration',
  },
  {
    sub: '32201451911fb02827800c7bf9cb010162fb65b33ed65e42058bc88315c41e90',
    given_name: 'Yolande Gisèle',
    family_name: 'Kerbrat',
    birthdate: '1975-12-01',
    gender: 'female',
    birthplace: '29019',
    birthcountry: '99100',
    email: 'yolande.kerbrat@example.com',
    preferred_username: 'Quintard',
    demo: null,
    hint: 'Personne inconnue des établissements de la démonstration',
  },
];

/** The claims FranceConnect releases for each scope (v2 names one scope per claim). */
export const FRANCECONNECT_DEV_CLAIMS = {
  openid: ['sub'],
  given_name: ['given_name'],
  family_name: ['family_name'],
  birthdate: ['birthdate'],
  gender: ['gender'],
  birthplace: ['birthplace'],
  birthcountry: ['birthcountry'],
  email: ['email'],
  preferred_username: ['preferred_username'],
} as const;

export function findDevIdentity(sub: string): FranceConnectDevIdentity | undefined {
  return FRANCECONNECT_DEV_IDENTITIES.find((identity) => identity.sub === sub);
}

/** The claims of an identity, without the page's own fields. */
export function claimsOf(identity: FranceConnectDevIdentity): Record<string, string> {
  const { demo: _demo, hint: _hint, ...claims } = identity;
  return claims;
}
