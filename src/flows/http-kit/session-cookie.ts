// The end of an activation that lets the person in: the same session and cookie as the login page.
import type { FastifyReply } from 'fastify';
import { sessionCookieOptions } from '../../families/http/routes.tsx';
import { safeReturnTo } from '../../families/return-to.ts';
import { ACCOUNT_COOKIE, ACCOUNT_SESSION_MAX_MS } from '../../families/session.ts';

export function setAccountSessionCookie(reply: FastifyReply, issuer: string, token: string): void {
  reply.setCookie(ACCOUNT_COOKIE, token, { ...sessionCookieOptions(issuer), maxAge: ACCOUNT_SESSION_MAX_MS / 1000 });
}

/** Where the person goes once in: the flow's way back (an OIDC interaction…) or the portal. */
export function destinationAfter(returnTo: string | null): string {
  return safeReturnTo(returnTo) ?? '/portail';
}
