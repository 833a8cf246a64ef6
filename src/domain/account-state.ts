// SPEC §3.1: the states and origins of an account, with their exact labels, and the transition table.

export const ACCOUNT_STATES = ['non_notifie', 'notifie', 'en_cours', 'active'] as const;
export type AccountState = (typeof ACCOUNT_STATES)[number];

export const ACCOUNT_STATE_LABELS: Record<AccountState, string> = {
  non_notifie: 'Non notifié',
  notifie: 'Notifié et non activé',
  en_cours: "En cours d'activation",
  active: 'Activé',
};

export const ACCOUNT_ORIGINS = ['etablissement', 'responsable', 'franceconnect', 'non_renseigne'] as const;
export type AccountOrigin = (typeof ACCOUNT_ORIGINS)[number];

export const ACCOUNT_ORIGIN_LABELS: Record<AccountOrigin, string> = {
  etablissement: 'Etablissement',
  responsable: 'Responsable',
  franceconnect: 'FranceConnect',
  non_renseigne: 'Non renseigné',
};

export type AccountEvent =
  | 'precreate' // the nightly import creates the account
  | 'notify' // the school hands out the credentials (sheet or e-mail)
  | 'first_login' // guardian: new password + e-mail + a child's birth date
  | 'email_confirmed' // guardian: click on the link of C07
  | 'sms_registration' // guardian registers by SMS
  | 'franceconnect_login' // guardian logs in through FranceConnect
  | 'student_activation' // student: first login with the provisional password
  | 'admin_reset'; // an admin gives a new provisional password

export interface AccountStatus {
  state: AccountState;
  origin: AccountOrigin;
}

/** A transition the table of SPEC §3.1 does not allow: a typed error, never a silent change. */
export class IllegalTransitionError extends Error {
  readonly code = 'illegal_transition';
  constructor(
    readonly from: AccountState | null,
    readonly event: AccountEvent,
  ) {
    const fromLabel = from === null ? 'aucun compte' : ACCOUNT_STATE_LABELS[from];
    super(`Opération « ${EVENT_LABELS[event]} » impossible pour un compte à l'état « ${fromLabel} ».`);
    this.name = 'IllegalTransitionError';
  }
}

const EVENT_LABELS: Record<AccountEvent, string> = {
  precreate: 'pré-création',
  notify: 'notification',
  first_login: 'première connexion',
  email_confirmed: "validation de l'adresse mail",
  sms_registration: 'inscription par SMS',
  franceconnect_login: 'connexion FranceConnect',
  student_activation: 'activation du compte élève',
  admin_reset: 'réinitialisation du mot de passe',
};

/** SPEC §3.1 transition table: the status after `event`, or an IllegalTransitionError. */
export function nextStatus(current: AccountStatus | null, event: AccountEvent): AccountStatus {
  if (current === null) {
    if (event === 'precreate') return { state: 'non_notifie', origin: 'non_renseigne' };
    throw new IllegalTransitionError(null, event);
  }
  const { state } = current;
  switch (event) {
    case 'precreate':
      break;
    case 'notify':
      return state === 'non_notifie' ? { state: 'notifie', origin: 'etablissement' } : current;
    case 'first_login':
      // rev.: a guardian still "En cours d'activation" may log in again, correct the address and get a new C07.
      if (state === 'notifie' || state === 'en_cours') return { state: 'en_cours', origin: 'etablissement' };
      break;
    case 'email_confirmed':
      if (state === 'en_cours') return { state: 'active', origin: current.origin };
      break;
    case 'sms_registration':
      if (state === 'active') break;
      return { state: 'active', origin: 'responsable' };
    case 'franceconnect_login':
      // rev.: an account already activated keeps its origin; FranceConnect is only linked to it.
      return state === 'active' ? current : { state: 'active', origin: 'franceconnect' };
    case 'student_activation':
      if (state === 'notifie') return { state: 'active', origin: 'etablissement' };
      break;
    case 'admin_reset':
      if (state !== 'non_notifie') return current;
      break;
  }
  throw new IllegalTransitionError(state, event);
}

/** SPEC §3.1: an account may reach services only once activated. */
export function canReachServices(state: AccountState): boolean {
  return state === 'active';
}
