// SPEC §5: the login page, the portal, logout, and the pages every login page links to.
// Handlers parse with zod, call one service, render one view.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AccountsDeps } from '../../accounts/deps.ts';
import { waitMessage } from '../../domain/throttle.ts';
import { sendPage } from '../../http/render.tsx';
import { LoginPage } from '../../http/views/login-page.tsx';
import { newToken } from '../../shared/tokens.ts';
import { logIn, ONBOARDING_PATHS } from '../login.ts';
import { loadPortal } from '../portal-query.ts';
import { safeReturnTo } from '../return-to.ts';
import { ACCOUNT_COOKIE, ACCOUNT_SESSION_MAX_MS, endAccountSession, loadAccountSession, type AccountSession } from '../session.ts';
import { PortalPage } from '../views/portal-page.tsx';
import { AccessibilityPage, LegalNoticePage } from '../views/static-pages.tsx';
import { sameToken } from '../../admin/http/guards.ts';
import { allowFormActions, returnToFormActionOrigins } from '../../sso/oidc/return-to-origins.ts';
import type {} from '../../flows/franceconnect/hooks.ts'; // app.franceConnect, once FranceConnect's routes are there

export const LOGIN_CSRF_COOKIE = 'guichet_login_csrf';

declare module 'fastify' {
  interface FastifyRequest {
    accountSession: AccountSession | null;
  }
}

export interface FamilyRoutesDeps {
  accounts: AccountsDeps;
  issuer: string;
}

export function sessionCookieOptions(issuer: string) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: issuer.startsWith('https://') };
}

const LoginForm = z.object({
  identifier: z.string().max(254).default(''),
  password: z.string().max(200).default(''),
  retour: z.string().optional(),
  _csrf: z.string().optional(),
});

export async function registerFamilyRoutes(app: FastifyInstance, deps: FamilyRoutesDeps): Promise<void> {
  const cookies = sessionCookieOptions(deps.issuer);
  const realm = deps.accounts.realm;

  app.decorateRequest('accountSession', null);
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[ACCOUNT_COOKIE];
    if (token && !request.url.startsWith('/assets/')) request.accountSession = await loadAccountSession(deps.accounts, token);
  });

  const showLogin = async (reply: FastifyReply, props: { identifier?: string; returnTo?: string; notice?: { kind: 'success' | 'error'; text: string } }, status = 200) => {
    const csrf = newToken();
    // A login for a service ends, after redirects, at the service: Chromium checks form-action on every hop.
    allowFormActions(reply, await returnToFormActionOrigins(deps.accounts.db, props.returnTo));
    reply.setCookie(LOGIN_CSRF_COOKIE, csrf, { ...cookies, maxAge: 3600 });
    reply.header('cache-control', 'no-store');
    return sendPage(reply, <LoginPage realm={realm} csrf={csrf} franceConnect={Boolean(app.franceConnect)} {...props} />, status);
  };

  app.get('/', async (request, reply) => {
    const query = z.object({ identifiant: z.string().max(254).optional(), retour: z.string().optional(), deconnecte: z.string().optional() }).safeParse(request.query);
    const q = query.success ? query.data : {};
    const returnTo = safeReturnTo(q.retour);
    // Already signed in (and activated): straight on to where the person was going.
    if (request.accountSession?.state === 'active') return reply.redirect(returnTo ?? '/portail', 303);
    const notice = q.deconnecte ? { kind: 'success' as const, text: 'Vous êtes déconnecté.' } : undefined;
    return showLogin(reply, { identifier: q.identifiant, returnTo, notice });
  });

  app.post('/login', async (request: FastifyRequest, reply) => {
    const form = LoginForm.parse(request.body ?? {});
    const returnTo = safeReturnTo(form.retour);
    if (!sameToken(form._csrf, request.cookies[LOGIN_CSRF_COOKIE])) {
      return showLogin(reply, { identifier: form.identifier, returnTo, notice: { kind: 'error', text: 'La page de connexion a expiré : saisissez de nouveau votre identifiant et votre mot de passe.' } }, 403);
    }
    if (!form.identifier.trim() || !form.password) {
      return showLogin(reply, { identifier: form.identifier, returnTo, notice: { kind: 'error', text: 'Saisissez votre identifiant et votre mot de passe.' } }, 400);
    }
    const outcome = await logIn(deps.accounts, { identifier: form.identifier, password: form.password, ip: request.ip, returnTo });
    switch (outcome.kind) {
      case 'throttled':
        reply.header('retry-after', String(outcome.retryAfterSeconds));
        return showLogin(reply, { identifier: form.identifier, returnTo, notice: { kind: 'error', text: waitMessage(outcome.retryAfterSeconds) } }, 429);
      case 'invalid':
        return showLogin(reply, { identifier: form.identifier, returnTo, notice: { kind: 'error', text: 'Identifiant ou mot de passe incorrect.' } }, 401);
      case 'provisional_expired':
        return showLogin(
          reply,
          {
            identifier: form.identifier,
            returnTo,
            notice: { kind: 'error', text: "Ce mot de passe provisoire a expiré : demandez à votre établissement de vous remettre une nouvelle lettre." },
          },
          401,
        );
      case 'activation':
        reply.clearCookie(LOGIN_CSRF_COOKIE, cookies);
        return reply.redirect(`${ONBOARDING_PATHS[outcome.flowKind] ?? '/premiere-connexion'}/${outcome.flowId}`, 303);
      case 'session':
        reply.clearCookie(LOGIN_CSRF_COOKIE, cookies);
        reply.setCookie(ACCOUNT_COOKIE, outcome.token, { ...cookies, maxAge: ACCOUNT_SESSION_MAX_MS / 1000 });
        return reply.redirect(returnTo ?? '/portail', 303);
    }
  });

  app.get('/portail', async (request, reply) => {
    const session = request.accountSession;
    if (!session || session.state !== 'active') return reply.redirect('/?retour=/portail', 303);
    const portal = await loadPortal(deps.accounts.db, session.accountId);
    if (!portal) return reply.redirect('/', 303);
    reply.header('cache-control', 'no-store');
    // Its logout form ends at FranceConnect's end-session: Chromium checks form-action on every hop.
    if (session.method === 'franceconnect' && app.franceConnect) allowFormActions(reply, [app.franceConnect.origin]);
    return sendPage(reply, <PortalPage realm={realm} portal={portal} csrf={session.csrfToken} />);
  });

  app.post('/deconnexion', async (request, reply) => {
    const session = request.accountSession;
    const sent = (request.body as Record<string, unknown> | undefined)?._csrf;
    let next: string | undefined;
    if (session && sameToken(typeof sent === 'string' ? sent : undefined, session.csrfToken)) {
      // A FranceConnect login also ends FranceConnect's session (issue 9): its end-session, then back here.
      next = await app.franceConnect?.logoutRedirect(request, reply, session);
      await endAccountSession(deps.accounts, session, request.ip);
    }
    reply.clearCookie(ACCOUNT_COOKIE, cookies);
    return reply.redirect(next ?? '/?deconnecte=1', 303);
  });

  app.get('/mentions-legales', async (_request, reply) => sendPage(reply, <LegalNoticePage realm={realm} />));
  app.get('/accessibilite', async (_request, reply) => sendPage(reply, <AccessibilityPage realm={realm} />));
}
