// Every console request: the session from its cookie, CSRF on every form, the chosen establishment checked
// against the admin's own (SPEC §4, security baseline). Handlers get a verified context or never run.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import type { AdministeredEstablishment, StaffSession } from '../auth/session.ts';

export const ADMIN_COOKIE = 'guichet_admin';
export const ADMIN_LOGIN_CSRF_COOKIE = 'guichet_admin_csrf';

declare module 'fastify' {
  interface FastifyRequest {
    staffSession: StaffSession | null;
  }
}

export function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** preHandler: a signed-in admin, else the sign-in page. */
export async function requireStaff(request: FastifyRequest, reply: FastifyReply) {
  if (!request.staffSession) return reply.redirect('/admin/connexion', 303);
}

/** preHandler: a signed-in admin who has chosen one of their establishments, else the home page. */
export async function requireEstablishment(request: FastifyRequest, reply: FastifyReply) {
  if (!request.staffSession) return reply.redirect('/admin/connexion', 303);
  if (!request.staffSession.current) return reply.redirect('/admin?choisir=1', 303);
}

/** The verified context of a handler behind requireEstablishment. */
export function adminContext(request: FastifyRequest): { session: StaffSession; establishment: AdministeredEstablishment } {
  const session = request.staffSession;
  if (!session?.current) throw new Error('adminContext used without requireEstablishment');
  return { session, establishment: session.current };
}

/** preValidation for POST: the form's _csrf must match the session's token. */
export async function checkCsrf(request: FastifyRequest, reply: FastifyReply) {
  const session = request.staffSession;
  // preValidation runs before the preHandlers: an expired session goes to the sign-in page, not to a 403.
  if (!session) return reply.redirect('/admin/connexion', 303);
  const sent = (request.body as Record<string, unknown> | undefined)?._csrf;
  if (!sameToken(typeof sent === 'string' ? sent : undefined, session.csrfToken)) {
    return reply.status(403).type('text/plain; charset=utf-8').send(
      'Formulaire expiré ou invalide : revenez à la page précédente, rechargez-la et recommencez.',
    );
  }
}
