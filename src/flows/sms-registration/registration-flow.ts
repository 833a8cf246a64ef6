// SPEC §5 self-registration by SMS as a persisted flow (STYLE.md, after Kratos): its kind, states, data and limits.
import type { CodeState } from '../../messaging/sms/one-time-code.ts';

export const REGISTRATION_FLOW = 'sms-registration';
/** The whole registration (identity, code, children, password) must be done within this time. */
export const REGISTRATION_TTL_MS = 30 * 60 * 1000;
/** Wrong birth-date submissions allowed in one flow (each is a guess at a child's birth date). */
export const MAX_BIRTH_DATE_SUBMISSIONS = 5;

export type RegistrationState = 'identity' | 'code' | 'children' | 'password' | 'done';

/** The flow's data: never a code or a password in clear. Removed with the flow when it ends. */
export type RegistrationData = {
  /** SHA-256 of the browser token: the flow answers only in the browser that started it. */
  binding: string;
  lastName?: string;
  firstName?: string;
  /** E.164. */
  mobile?: string;
  /** The matched references whose account SMS registration may activate, by guardian id. */
  guardianIds?: number[];
  code?: CodeState;
  confirmedStudentIds?: number[];
  /** After the last step: the identifier to show. */
  identifier?: string;
};

export const REGISTRATION_PATH = '/inscription/responsable';

export function registrationPath(flowId: string, step?: string): string {
  return `${REGISTRATION_PATH}/${flowId}${step ? `/${step}` : ''}`;
}
