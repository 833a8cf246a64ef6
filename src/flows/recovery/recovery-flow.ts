// SPEC §5 Recovery for activated accounts as persisted flows: "Identifiant perdu" and "Mot de passe perdu".
import type { CodeState } from '../../messaging/sms/one-time-code.ts';

export const IDENTIFIER_FLOW = 'recovery-identifier';
export const PASSWORD_FLOW = 'recovery-password';
export const IDENTIFIER_TTL_MS = 15 * 60 * 1000;
/** The e-mail link is valid 1 hour; the flow that holds its hash lives a little longer. */
export const LINK_TTL_MS = 60 * 60 * 1000;
export const PASSWORD_TTL_MS = LINK_TTL_MS + 15 * 60 * 1000;

export const IDENTIFIER_PATH = '/recuperation/identifiant';
export const PASSWORD_PATH = '/recuperation/mot-de-passe';
export const PASSWORD_CHANGED_PATH = '/recuperation/mot-de-passe-modifie';

export type IdentifierState = 'email' | 'sent';
export type IdentifierData = { binding: string };

export type PasswordState = 'identifier' | 'channel' | 'email-sent' | 'sms-code' | 'new-password';
export type RecoveryChannel = 'email' | 'sms';

/** Never a code, a token or a password in clear; the account (when there is one) is the flow's accountId. */
export type PasswordData = {
  binding: string;
  /** As typed, lower case: the throttling key; the page never says whether it exists. */
  identifier?: string;
  code?: CodeState;
  /** The e-mail link's token, hashed, and its end of validity (ISO). */
  link?: { hash: string; expiresAt: string };
  /** How the person proved it: the audit says so. */
  via?: RecoveryChannel;
};

export function identifierPath(flowId: string): string {
  return `${IDENTIFIER_PATH}/${flowId}`;
}

export function passwordPath(flowId: string, step?: string): string {
  return `${PASSWORD_PATH}/${flowId}${step ? `/${step}` : ''}`;
}

export function recoveryLinkUrl(issuer: string, flowId: string, token: string): string {
  return `${issuer.replace(/\/+$/, '')}${passwordPath(flowId)}?jeton=${encodeURIComponent(token)}`;
}
