// The console under /admin: sign-in, logout with its confirmation page, home with the establishment selector.
// Feature routes (Responsables, Statistiques…) register inside this scope and share its guards.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sendPage } from '../../http/render.tsx';
import { waitMessage } from '../../domain/throttle.ts';
import { newToken } from '../../shared/tokens.ts';
import { chooseEstablishment, endStaffSession, loadStaffSession } from '../auth/session.ts';
import { signInStaff } from '../auth/sign-in.ts';
import { STAFF_SESSION_MAX_MS } from '../auth/deps.ts';
import type { AdminDeps } from '../deps.ts';
import { HomePage } from '../views/home-page.tsx';
import { SignedOutPage, SignInPage } from '../views/sign-in-page.tsx';
import { ADMIN_COOKIE, ADMIN_LOGIN_CSRF_COOKIE, checkCsrf, requireStaff, sameToken } from './guards.ts';

export type AdminRoutes = (app: FastifyInstance, deps: AdminDeps) => Promise<void> | void;

export async function registerAdmin(app: FastifyInstance, deps: AdminDeps, features: AdminRoutes[] = []): Promise<void> {
  const secure = deps.issuer.startsWith('https://');
  const cookieOptions = { path: '/admin', httpOnly: true, sameSite: 'lax' as const, secure };

  await app.register(async (admin) => {
    admin.decorateRequest('staffSession', null);
    admin.addHook('onRequest', async (request) => {
      request.staffSession = await loadStaffSession(deps, request.cookies[ADMIN_COOKIE]);
    });
    admin.addHook('onSend', async (_request, reply) => {
      reply.header('cache-control', 'no-store');
    });

    const showSignIn = (reply: FastifyReply, error?: string, login?: string, status = 200) => {
      const csrf = newToken();
      reply.setCookie(ADMIN_LOGIN_CSRF_COOKIE, csrf, { ...cookieOptions, maxAge: 3600 });
      return sendPage(reply, <SignInPage realm={deps.realm} csrf={csrf} error={error} login={login} />, status);
    };

    admin.get('/admin/connexion', async (request, reply) => {
      if (request.staffSession) return reply.redirect('/admin', 303);
      return showSignIn(reply);
    });

    admin.post('/admin/connexion', async (request: FastifyRequest, reply) => {
      const form = z.object({ login: z.string().default(''), password: z.string().default(''), _csrf: z.string().optional() }).parse(request.body ?? {});
      if (!sameToken(form._csrf, request.cookies[ADMIN_LOGIN_CSRF_COOKIE])) {
        return showSignIn(reply, 'La page de connexion a expiré : saisissez de nouveau votre identifiant et votre mot de passe.', form.login, 403);
      }
      if (!form.login.trim() || !form.password) {
        return showSignIn(reply, 'Saisissez votre identifiant et votre mot de passe.', form.login, 400);
      }
      const outcome = await signInStaff(deps, { login: form.login, password: form.password, ip: request.ip });
      if (!outcome.ok) {
        const message = outcome.reason === 'throttled' ? waitMessage(outcome.retryAfterSeconds) : 'Identifiant ou mot de passe incorrect.';
        if (outcome.reason === 'throttled') reply.header('retry-after', String(outcome.retryAfterSeconds));
        return showSignIn(reply, message, form.login, outcome.reason === 'throttled' ? 429 : 401);
      }
      reply.clearCookie(ADMIN_LOGIN_CSRF_COOKIE, cookieOptions);
      reply.setCookie(ADMIN_COOKIE, outcome.sessionToken, { ...cookieOptions, maxAge: STAFF_SESSION_MAX_MS / 1000 });
      return reply.redirect('/admin', 303);
    });

    admin.post('/admin/deconnexion', { preHandler: requireStaff, preValidation: checkCsrf }, async (request, reply) => {
      await endStaffSession(deps, request.staffSession!, request.ip);
      reply.clearCookie(ADMIN_COOKIE, cookieOptions);
      return reply.redirect('/admin/deconnecte', 303);
    });

    admin.get('/admin/deconnecte', async (_request, reply) => sendPage(reply, <SignedOutPage realm={deps.realm} />));

    admin.get('/admin', { preHandler: requireStaff }, async (request, reply) => {
      const query = request.query as Record<string, string | undefined>;
      const notice = query.choisir ? { kind: 'warning' as const, text: "Choisissez d'abord l'établissement à administrer." } : undefined;
      return sendPage(reply, <HomePage realm={deps.realm} session={request.staffSession!} notice={notice} />);
    });

    admin.post('/admin/etablissement', { preHandler: requireStaff, preValidation: checkCsrf }, async (request, reply) => {
      const parsed = z.object({ establishmentId: z.coerce.number().int().positive() }).safeParse(request.body);
      const chosen = parsed.success && (await chooseEstablishment(deps, request.staffSession!, parsed.data.establishmentId));
      if (!chosen) {
        return sendPage(
          reply,
          <HomePage realm={deps.realm} session={request.staffSession!} notice={{ kind: 'error', text: "Cet établissement ne fait pas partie de ceux que vous administrez." }} />,
          403,
        );
      }
      return reply.redirect('/admin', 303);
    });

    for (const feature of features) await feature(admin, deps);
  });
}
