// SPEC §5 FranceConnect (issue 9): the button's target, FranceConnect's return, the first connection's pages
// (mobile → SMS code → children's birth dates), and the return from FranceConnect's logout. A linked subject goes
// straight in; FranceConnect is a login method of the same flows (the way back of an OIDC interaction is kept).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { recordAudit } from '../../audit/record.ts';
import { sessionCookieOptions } from '../../families/http/routes.tsx';
import { safeReturnTo } from '../../families/return-to.ts';
import type { AccountSession } from '../../families/session.ts';
import { sendPage } from '../../http/render.tsx';
import { completeFranceConnectLogin, firstGivenName, FranceConnectError, franceConnectLogoutUrl, startFranceConnectLogin } from '../../sso/franceconnect/client.ts';
import { newToken } from '../../shared/tokens.ts';
import { sameToken } from '../../admin/http/guards.ts';
import { createFlow, deleteFlow, loadFlow, updateFlow } from '../flow-store.ts';
import { noStore } from '../http-kit/form.ts';
import { destinationAfter, setAccountSessionCookie } from '../http-kit/session-cookie.ts';
import { browserBinding, isBoundBrowser } from '../sms-registration/browser-binding.ts';
import {
  callbackUri,
  FRANCECONNECT_CALLBACK_PATH,
  FRANCECONNECT_FLOW,
  FRANCECONNECT_LOGOUT_PATH,
  FRANCECONNECT_TTL_MS,
  pairingPath,
  postLogoutUri,
  type FranceConnectData,
  type FranceConnectDeps,
} from './franceconnect-flow.ts';
import { linkedAccount, sessionIdToken, startFranceConnectSession, unlinkFranceConnect } from './links.ts';
import type { FranceConnectHooks } from './hooks.ts';
import { registerPairingRoutes } from './pairing-routes.tsx';
import { RefusalPage } from './views.tsx';

export type { FranceConnectDeps } from './franceconnect-flow.ts';

/** The flow started by this browser's last click on the button (its id; the flow itself is bound to the browser). */
export const FRANCECONNECT_FLOW_COOKIE = 'guichet_franceconnect';
/** The state sent to FranceConnect's logout, checked when it sends the browser back. */
export const FRANCECONNECT_LOGOUT_COOKIE = 'guichet_franceconnect_sortie';

/** SPEC §5: FranceConnect's routes, where the realm offers it and FranceConnect is configured. Call before the server is ready. */
export async function registerFranceConnectRoutes(app: FastifyInstance, deps: FranceConnectDeps): Promise<void> {
  const { realm, db, clock } = deps.accounts;
  const cookies = sessionCookieOptions(deps.issuer);
  const redirectUri = callbackUri(deps.issuer);

  const refuse = (reply: FastifyReply, title: string, text: string, status: number, returnTo?: string | null) =>
    sendPage(noStore(reply), <RefusalPage realm={realm} title={title} text={text} returnTo={returnTo} />, status);

  /** Every FranceConnectError: its French message, audited (never a token or claim), the account unchanged. */
  const refuseFranceConnect = async (request: FastifyRequest, reply: FastifyReply, error: FranceConnectError, returnTo?: string | null) => {
    await recordAudit(db, { kind: 'system', ip: request.ip }, [{ action: 'franceconnect.refused', details: { reason: error.code, detail: error.detail } }], clock());
    return refuse(reply, 'Connexion avec FranceConnect impossible', error.message, error.code === 'provider_down' ? 503 : 400, returnTo);
  };

  app.decorate('franceConnect', {
    origin: new URL(deps.client.settings.issuer).origin,
    async logoutRedirect(_request: FastifyRequest, reply: FastifyReply, session: AccountSession) {
      if (session.method !== 'franceconnect') return undefined;
      const idToken = await sessionIdToken(db, session.tokenHash);
      if (!idToken) return undefined;
      const state = newToken();
      try {
        const url = await franceConnectLogoutUrl(deps.client, { idToken, postLogoutRedirectUri: postLogoutUri(deps.issuer), state });
        reply.setCookie(FRANCECONNECT_LOGOUT_COOKIE, state, { ...cookies, maxAge: 600 });
        return url;
      } catch {
        return undefined; // FranceConnect unreachable: the Guichet session still ends.
      }
    },
  } satisfies FranceConnectHooks);

  // The button: a flow bound to this browser holds state and nonce, then off to FranceConnect.
  app.get('/franceconnect/connexion', async (request, reply) => {
    const query = z.object({ retour: z.string().optional() }).safeParse(request.query);
    const returnTo = safeReturnTo(query.success ? query.data.retour : undefined) ?? null;
    let start: { url: string; state: string; nonce: string };
    try {
      start = await startFranceConnectLogin(deps.client, { redirectUri });
    } catch (caught) {
      if (caught instanceof FranceConnectError) return refuseFranceConnect(request, reply, caught, returnTo);
      throw caught;
    }
    const binding = browserBinding(request, reply, deps.issuer);
    const flow = await createFlow<FranceConnectData>(
      db,
      { kind: FRANCECONNECT_FLOW, state: 'authorize', data: { binding, state: start.state, nonce: start.nonce }, returnTo, ttlMs: FRANCECONNECT_TTL_MS },
      clock(),
    );
    reply.setCookie(FRANCECONNECT_FLOW_COOKIE, flow.id, { ...cookies, maxAge: FRANCECONNECT_TTL_MS / 1000 });
    return noStore(reply).redirect(start.url, 302);
  });

  // FranceConnect's return: a linked subject goes straight in, anyone else starts the first connection.
  app.get(FRANCECONNECT_CALLBACK_PATH, async (request, reply) => {
    const flowId = request.cookies[FRANCECONNECT_FLOW_COOKIE] ?? '';
    const flow = await loadFlow<FranceConnectData>(db, flowId, FRANCECONNECT_FLOW, clock());
    const usable = flow && flow.state === 'authorize' && isBoundBrowser(request, flow.data.binding) ? flow : null;
    reply.clearCookie(FRANCECONNECT_FLOW_COOKIE, cookies);
    if (!usable) return refuseFranceConnect(request, reply, new FranceConnectError('state_mismatch', 'no FranceConnect flow waits for this browser'));
    let identity;
    try {
      identity = await completeFranceConnectLogin(deps.client, {
        callbackUrl: new URL(request.url, redirectUri),
        expectedState: usable.data.state!,
        expectedNonce: usable.data.nonce!,
        redirectUri,
      });
    } catch (caught) {
      await deleteFlow(db, usable.id);
      if (caught instanceof FranceConnectError) return refuseFranceConnect(request, reply, caught, usable.returnTo);
      throw caught;
    }
    const linked = await linkedAccount(db, identity.sub);
    if (linked?.state === 'active') {
      const token = await startFranceConnectSession(deps.accounts, { accountId: linked.accountId, idToken: identity.idToken, ip: request.ip });
      await deleteFlow(db, usable.id);
      setAccountSessionCookie(reply, deps.issuer, token);
      return noStore(reply).redirect(destinationAfter(usable.returnTo), 303);
    }
    const data: FranceConnectData = {
      binding: usable.data.binding,
      sub: identity.sub,
      givenName: identity.givenName,
      firstName: firstGivenName(identity.givenName),
      lastName: identity.familyName,
      idToken: identity.idToken,
    };
    await updateFlow(db, usable.id, { state: 'mobile', data }, clock());
    await recordAudit(db, { kind: 'system', ip: request.ip }, [{ action: 'franceconnect.first_connection', details: { flow: usable.id } }], clock());
    return noStore(reply).redirect(pairingPath(usable.id), 303);
  });

  // Back from FranceConnect's logout: the Guichet session already ended; the state says it is our logout.
  app.get(FRANCECONNECT_LOGOUT_PATH, async (request, reply) => {
    const state = (request.query as Record<string, unknown>).state;
    const expected = request.cookies[FRANCECONNECT_LOGOUT_COOKIE];
    reply.clearCookie(FRANCECONNECT_LOGOUT_COOKIE, cookies);
    if (!sameToken(typeof state === 'string' ? state : undefined, expected)) {
      await recordAudit(db, { kind: 'system', ip: request.ip }, [{ action: 'franceconnect.refused', details: { reason: 'logout_state_mismatch' } }], clock());
      return reply.redirect('/', 303);
    }
    return reply.redirect('/?deconnecte=1', 303);
  });

  // Profile (issue 9 §6): unlink, only when a password of the account's own remains.
  app.post('/profil/franceconnect/delier', async (request, reply) => {
    const session = request.accountSession;
    if (!session || session.state !== 'active') return reply.redirect('/?retour=/profil', 303);
    const sent = (request.body as Record<string, unknown> | undefined)?._csrf;
    if (!sameToken(typeof sent === 'string' ? sent : undefined, session.csrfToken)) {
      return refuse(reply, 'Formulaire expiré', "Ce formulaire a expiré ou n'est pas valide : rien n'a été modifié. Revenez à la page « Gérer mon compte » et recommencez.", 403, '/profil');
    }
    const outcome = await unlinkFranceConnect(deps.accounts, session.accountId, request.ip);
    if (outcome.kind === 'no_password') {
      return refuse(reply, 'FranceConnect non délié', "Votre compte n'a pas encore de mot de passe : choisissez-en un avec « Mot de passe perdu » sur la page de connexion, puis déliez FranceConnect.", 409, '/profil');
    }
    return reply.redirect(outcome.kind === 'unlinked' ? '/profil?resultat=franceconnect-delie' : '/profil', 303);
  });

  await registerPairingRoutes(app, deps, refuse);
}
