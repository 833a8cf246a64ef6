// The demo families whose credentials are printed in the start-up banner and the README. They are written
// out in full, not drawn, and their last names are absent from names.ts: their identifiers stay the same
// whatever the seed or the order of the random families.
import type { AccountEvent } from '../domain/account-state.ts';

export type EstablishmentKey = 'ecole' | 'college_public' | 'college_prive';
export type LevelCode = 'PS' | 'MS' | 'GS' | 'CP' | 'CE1' | 'CE2' | 'CM1' | 'CM2' | '6E' | '5E' | '4E' | '3E';

export type FixedId =
  | 'guardian-notifie'
  | 'guardian-en-cours'
  | 'guardian-active'
  | 'guardian-non-notifie'
  | 'student-notifie'
  | 'guardian-of-student';

export interface FixedChild {
  firstName: string;
  lastName: string;
  birthDate: string;
  establishment: EstablishmentKey;
  classLabel: string;
  level: LevelCode;
  ine: string;
  definitivelyAdmitted: boolean;
  /** The child's own account, when the fixed credential is the student's. */
  fixedAccount?: FixedAccount;
}

export interface FixedAccount {
  id: FixedId;
  /** Events after pre-creation; each target status still comes from nextStatus. */
  scenario: readonly AccountEvent[];
  /** A password the person chose (hashed). */
  chosenPassword?: string;
  /** A provisional password set in place of the drawn one, sealed like any other. */
  provisionalPassword?: string;
}

export interface FixedFamily {
  guardian: {
    firstName: string;
    lastName: string;
    email: string | null;
    mobile: string | null;
    address: string;
    relation: string;
  };
  guardianAccount?: FixedAccount;
  children: FixedChild[];
}

export const DEMO_PROVISIONAL_GUARDIAN = 'BUNZ57DM'; // the example of SPEC §3.1
export const DEMO_PROVISIONAL_STUDENT = 'ELEVE234';
export const DEMO_GUARDIAN_EN_COURS_PASSWORD = 'Famille2026';
export const DEMO_GUARDIAN_ACTIVE_PASSWORD = 'Parent2026x';

export const FIXED_FAMILIES: readonly FixedFamily[] = [
  {
    guardian: {
      firstName: 'Bénédicte',
      lastName: 'Fontanel',
      email: 'benedicte.fontanel@example.org',
      mobile: '0639980001',
      address: '3 rue des Tilleuls, 31990 Belcastel-sur-Lèze',
      relation: 'MERE',
    },
    guardianAccount: { id: 'guardian-notifie', scenario: ['notify'], provisionalPassword: DEMO_PROVISIONAL_GUARDIAN },
    children: [
      { firstName: 'Jade', lastName: 'Fontanel', birthDate: '2022-03-14', establishment: 'ecole', classLabel: 'Classe de Mme DARTHOUT', level: 'MS', ine: '0000000001D', definitivelyAdmitted: true },
    ],
  },
  {
    guardian: {
      firstName: 'Jean-Noël',
      lastName: 'Lebœuf',
      email: 'jeannoel.leboeuf@example.org',
      mobile: '0639980002',
      address: '18 chemin des Vignes, 31990 Belcastel-sur-Lèze',
      relation: 'PERE',
    },
    guardianAccount: { id: 'guardian-en-cours', scenario: ['notify', 'first_login'], chosenPassword: DEMO_GUARDIAN_EN_COURS_PASSWORD },
    children: [
      { firstName: 'Côme', lastName: 'Lebœuf', birthDate: '2015-09-27', establishment: 'college_prive', classLabel: '6EME A', level: '6E', ine: '0000000002E', definitivelyAdmitted: true },
    ],
  },
  {
    guardian: {
      firstName: 'Anaïs',
      lastName: "N'Guessan",
      email: 'anais.nguessan@example.net',
      mobile: '0639980003',
      address: '7 place de la Mairie, 31990 Belcastel-sur-Lèze',
      relation: 'MERE',
    },
    guardianAccount: {
      id: 'guardian-active',
      scenario: ['notify', 'first_login', 'email_confirmed'],
      chosenPassword: DEMO_GUARDIAN_ACTIVE_PASSWORD,
    },
    children: [
      { firstName: 'Zoé', lastName: "N'Guessan", birthDate: '2017-05-02', establishment: 'ecole', classLabel: 'CM1 A', level: 'CM1', ine: '0000000003F', definitivelyAdmitted: true },
      { firstName: 'Enzo', lastName: "N'Guessan", birthDate: '2014-11-19', establishment: 'college_public', classLabel: '5E2', level: '5E', ine: '0000000004G', definitivelyAdmitted: true },
    ],
  },
  {
    guardian: {
      firstName: 'Hervé',
      lastName: 'Dacosta-Lopès',
      email: null,
      mobile: '0639980004',
      address: '2 impasse des Lilas, 31990 Belcastel-sur-Lèze',
      relation: 'PERE',
    },
    guardianAccount: { id: 'guardian-non-notifie', scenario: [] },
    children: [
      { firstName: 'Inès', lastName: 'Dacosta-Lopès', birthDate: '2018-01-30', establishment: 'ecole', classLabel: 'CE1-CE2', level: 'CE2', ine: '0000000005H', definitivelyAdmitted: true },
    ],
  },
  {
    guardian: {
      firstName: 'Régis',
      lastName: 'Château',
      email: 'regis.chateau@example.net',
      mobile: '0639980005',
      address: '11 rue du Moulin, 31990 Belcastel-sur-Lèze',
      relation: 'PERE',
    },
    guardianAccount: { id: 'guardian-of-student', scenario: ['notify', 'franceconnect_login'] },
    children: [
      {
        firstName: 'Maëlys',
        lastName: 'Château',
        birthDate: '2013-06-21',
        establishment: 'college_public',
        classLabel: '4E1',
        level: '4E',
        ine: '0000000006J',
        definitivelyAdmitted: true,
        fixedAccount: { id: 'student-notifie', scenario: ['notify'], provisionalPassword: DEMO_PROVISIONAL_STUDENT },
      },
    ],
  },
  {
    // Not definitively admitted: the guardian stays in the directory without an account (SPEC §3).
    guardian: {
      firstName: 'Soizic',
      lastName: 'Marchetti',
      email: 'soizic.marchetti@example.org',
      mobile: null,
      address: '5 rue Pasteur, 31990 Belcastel-sur-Lèze',
      relation: 'MERE',
    },
    children: [
      { firstName: 'Lou', lastName: 'Marchetti', birthDate: '2020-08-09', establishment: 'ecole', classLabel: 'CP A', level: 'CP', ine: '0000000007K', definitivelyAdmitted: false },
    ],
  },
];
