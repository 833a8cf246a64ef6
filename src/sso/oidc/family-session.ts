// The family session behind one HTTP request, read once. The login's onRequest hook (src/families/http/routes.tsx)
// already loads it as `request.accountSession`; the interaction route and the provider's checks reuse that value
// instead of querying again — the sign-in path counts its round trips (DESIGN.md performance notes).
import type { IncomingMessage } from 'node:http';
import type { FastifyRequest } from 'fastify';
import type { AccountsDeps } from '../../accounts/deps.ts';
import { ACCOUNT_COOKIE, loadAccountSession, type AccountSession } from '../../families/session.ts';
import { tokenHash } from '../../shared/tokens.ts';

const loaded = new WeakMap<IncomingMessage, AccountSession | null>();

/**
 * Keeps the session the login's hook loaded for this request. Only a loaded session is trusted: `null` is also
 * the decorator's default when the hook did not run, so "no session" is always checked here again.
 */
export function rememberFamilySession(request: FastifyRequest): void {
  const session = (request as FastifyRequest & { accountSession?: AccountSession | null }).accountSession;
  if (session && session.tokenHash === tokenHash(request.cookies[ACCOUNT_COOKIE] ?? '')) loaded.set(request.raw, session);
}

/** The request's family session: the one already loaded, else one query. */
export async function familySessionOf(deps: AccountsDeps, request: IncomingMessage, token: string | undefined): Promise<AccountSession | null> {
  if (loaded.has(request)) return loaded.get(request)!;
  const session = await loadAccountSession(deps, token);
  loaded.set(request, session);
  return session;
}
