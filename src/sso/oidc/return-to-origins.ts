// For the login and activation pages: a form whose POST ends (after redirects) at an OIDC interaction goes on
// to the service's redirect URI, and Chromium checks `form-action` against every hop. The page holding the form
// must therefore allow that one origin — read from the interaction itself, whose redirect_uri oidc-provider
// already matched against the client's registration.
import { and, eq, gt } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import type { Database } from '../../db/client.ts';
import { oidcPayloads } from '../../db/schema.ts';
import { withFormAction } from './form-action.ts';

const INTERACTION = /^\/oidc\/interaction\/([A-Za-z0-9_-]{1,100})$/;

/** The origin a `retour` path will finally redirect to ([] unless it is a live OIDC interaction). */
export async function returnToFormActionOrigins(db: Database, returnTo: string | undefined): Promise<string[]> {
  const uid = returnTo ? INTERACTION.exec(returnTo)?.[1] : undefined;
  if (!uid) return [];
  const [row] = await db
    .select({ payload: oidcPayloads.payload })
    .from(oidcPayloads)
    .where(and(eq(oidcPayloads.type, 'Interaction'), eq(oidcPayloads.id, uid), gt(oidcPayloads.expiresAt, new Date())));
  const redirectUri = (row?.payload.params as { redirect_uri?: unknown } | undefined)?.redirect_uri;
  const origin = typeof redirectUri === 'string' ? URL.parse(redirectUri)?.origin : undefined;
  return origin && origin !== 'null' ? [origin] : [];
}

/** Widens this answer's CSP `form-action` (set by helmet) to the given origins; call before sending the page. */
export function allowFormActions(reply: FastifyReply, origins: readonly string[]): void {
  const csp = reply.getHeader('content-security-policy') ?? reply.raw.getHeader('content-security-policy');
  if (origins.length === 0 || typeof csp !== 'string') return;
  reply.header('content-security-policy', withFormAction(csp, origins));
}
