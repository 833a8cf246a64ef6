// SPEC §5 FranceConnect (issue 9) as a persisted flow (STYLE.md, after Kratos): the redirect to FranceConnect, then,
// for a first connection, the mobile known to the school, the SMS code and the children's birth dates.
import type { FranceConnectClient } from '../../sso/franceconnect/client.ts';
import type { RegistrationData } from '../sms-registration/registration-flow.ts';
import type { SelfServiceDeps } from '../sms-registration/deps.ts';

export const FRANCECONNECT_FLOW = 'franceconnect';
/** From the click on the button to the last birth date. */
export const FRANCECONNECT_TTL_MS = 30 * 60 * 1000;

/** authorize: gone to FranceConnect; mobile → code → children: first connection; linking: children confirmed. */
export type FranceConnectState = 'authorize' | 'mobile' | 'code' | 'children' | 'linking';

/**
 * The flow's data, removed with the flow. Shaped like SMS registration's (lastName/firstName are FranceConnect's
 * family name and first given name) so the code and children steps serve both. The id_token stays here only until
 * the session is created, for the logout's id_token_hint; it is never logged.
 */
export type FranceConnectData = RegistrationData & {
  /** Sent to FranceConnect, checked on the way back. */
  state?: string;
  nonce?: string;
  sub?: string;
  /** Every first name, as FranceConnect sends them. */
  givenName?: string;
  idToken?: string;
};

export interface FranceConnectDeps extends SelfServiceDeps {
  client: FranceConnectClient;
}

export const FRANCECONNECT_PATH = '/franceconnect';
export const FRANCECONNECT_CALLBACK_PATH = '/franceconnect/retour';
export const FRANCECONNECT_LOGOUT_PATH = '/franceconnect/deconnexion';

export function pairingPath(flowId: string, step?: string): string {
  return `${FRANCECONNECT_PATH}/parcours/${flowId}${step ? `/${step}` : ''}`;
}

export function callbackUri(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}${FRANCECONNECT_CALLBACK_PATH}`;
}

export function postLogoutUri(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}${FRANCECONNECT_LOGOUT_PATH}`;
}
