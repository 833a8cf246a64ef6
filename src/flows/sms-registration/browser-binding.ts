// A self-service flow answers only in the browser that started it: its id travels in URLs and its CSRF token
// in pages, so without this a stranger could start a flow, then lure a parent into finishing it (typing their
// SMS code in the stranger's flow). The browser keeps a random token in a cookie; the flow keeps its SHA-256.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sameSecret } from '../../accounts/password-hash.ts';
import { sessionCookieOptions } from '../../families/http/routes.tsx';
import { newToken, tokenHash } from '../../shared/tokens.ts';

export const FLOW_BROWSER_COOKIE = 'guichet_parcours';
const MAX_AGE_SECONDS = 2 * 60 * 60;

/** The browser's token (a new one set in the reply when it has none): one per browser, shared by its tabs' flows. */
export function browserBinding(request: FastifyRequest, reply: FastifyReply, issuer: string): string {
  let token = request.cookies[FLOW_BROWSER_COOKIE];
  if (!token || token.length < 32 || token.length > 100) token = newToken();
  reply.setCookie(FLOW_BROWSER_COOKIE, token, { ...sessionCookieOptions(issuer), maxAge: MAX_AGE_SECONDS });
  return tokenHash(token);
}

/** True when the request comes from the browser the flow was started in. */
export function isBoundBrowser(request: FastifyRequest, binding: unknown): boolean {
  const token = request.cookies[FLOW_BROWSER_COOKIE];
  return typeof binding === 'string' && typeof token === 'string' && sameSecret(tokenHash(token), binding);
}
