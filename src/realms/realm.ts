// SPEC §1: a realm configures one deployment — as data, never as branches scattered in code.
import type { IdentifierFormat } from '../domain/identifiers.ts';
import type { PasswordPolicyId } from '../domain/password-policy.ts';

export type Population = 'guardian' | 'student';
export type Degree = '1D' | '2D';
export type EstablishmentKind = 'ecole' | 'college' | 'lycee' | 'mfr' | 'medico_educatif' | 'cned' | 'autre';
export type Sector = 'public' | 'private';

export interface PopulationSettings {
  /** Degrees of the establishments whose people of this population get an account here. */
  degrees: Degree[];
  passwordPolicy: PasswordPolicyId;
  identifierFormat: IdentifierFormat;
  /** What the person does at first login with the provisional password. */
  onboarding: 'guardian-activation' | 'student-activation' | 'password-then-security-questions';
}

/** Who a family contacts, by kind (and sector) of establishment (seed 001). */
export interface SupportContact {
  kinds: EstablishmentKind[] | 'all';
  sector?: Sector;
  text: string;
  email?: string;
  phone?: string;
}

export interface Realm {
  id: 'educonnect' | 'eduprovence';
  /** Product name shown to people: "EduConnect", "Eduprovence". */
  displayName: string;
  tagline: string;
  populations: Partial<Record<Population, PopulationSettings>>;
  selfService: {
    smsRegistration: boolean;
    franceConnect: boolean;
    emailRecovery: boolean;
    smsRecovery: boolean;
    securityQuestions: boolean;
  };
  /** SPEC §3.1 rev.: provisional passwords and activation links expire this long after distribution. */
  provisionalValidityMonths: number;
  /** SPEC §3 retention: personal data of someone who no longer qualifies is removed within this period. */
  retentionMonths: number;
  /** SPEC §4: prefix of exported list files, e.g. Educonnect-ListeResponsables-20260901083000.csv */
  exportFilePrefix: string;
  support: { contacts: SupportContact[] };
  /** Seed 000: the questions offered for "J'ai oublié mon mot de passe" (empty where not used). */
  securityQuestions: string[];
  /** Seed 000: what the account opens, printed on the student letter. */
  accountOpens: string[];
}
