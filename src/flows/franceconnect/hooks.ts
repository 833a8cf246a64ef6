// What the login page (the button), the logout and the profile read once FranceConnect's routes are registered
// (issue 9): `app.franceConnect`, undefined where the realm does not offer FranceConnect or it is not configured.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccountSession } from '../../families/session.ts';

/** What the login page and the logout read once FranceConnect's routes are there. */
export interface FranceConnectHooks {
  /** FranceConnect's origin, for the CSP form-action of pages whose logout form ends there. */
  origin: string;
  /** Where the browser goes after the Guichet session of a FranceConnect login ends: FranceConnect's logout. */
  logoutRedirect(request: FastifyRequest, reply: FastifyReply, session: AccountSession): Promise<string | undefined>;
}

declare module 'fastify' {
  interface FastifyInstance {
    franceConnect?: FranceConnectHooks;
  }
}
