// SPEC §4 Renvoyer un courriel d'activation — guide §5.6: "Vérification de l'adresse mail", then the C07 again.
import type { FastifyInstance } from 'fastify';
import { sendPage } from '../../http/render.tsx';
import { resendActivation } from '../activation/resend-activation.ts';
import type { AdminDeps } from '../deps.ts';
import { adminContext, checkCsrf, requireEstablishment } from '../http/guards.ts';
import { loadAccountPage } from './account-query.ts';
import { AccountParams, ActivationForm, validEmail } from './forms.ts';
import { ActivationPage, INVALID_EMAIL } from './views/activation-page.tsx';
import { ACCOUNT_NOT_FOUND, NotFoundPage } from './views/not-found-page.tsx';

export function registerActivationRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const notFound = (session: Parameters<typeof NotFoundPage>[0]['session']) => (
    <NotFoundPage realm={deps.realm} session={session} title="Compte introuvable" message={ACCOUNT_NOT_FOUND} />
  );

  app.get('/admin/responsables/compte/:accountId/activation', { preHandler: requireEstablishment }, async (request, reply) => {
    const { session, establishment } = adminContext(request);
    const params = AccountParams.safeParse(request.params);
    const account = params.success ? await loadAccountPage(deps, establishment.id, params.data.accountId) : null;
    if (!account) return sendPage(reply, notFound(session), 404);
    // Only for En cours d'activation (guide §5.6): otherwise the account page, where the option is not offered.
    if (account.state !== 'en_cours') return reply.redirect(`/admin/responsables/compte/${account.id}`, 303);
    return sendPage(reply, <ActivationPage realm={deps.realm} session={session} accountId={account.id} identifier={account.identifier} email={account.email ?? ''} />);
  });

  app.post('/admin/responsables/compte/:accountId/activation', { preHandler: requireEstablishment, preValidation: checkCsrf }, async (request, reply) => {
    const { session, establishment } = adminContext(request);
    const params = AccountParams.safeParse(request.params);
    if (!params.success) return sendPage(reply, notFound(session), 404);
    const { accountId } = params.data;
    const { email } = ActivationForm.parse(request.body ?? {});
    if (!validEmail(email)) {
      const account = await loadAccountPage(deps, establishment.id, accountId);
      if (!account) return sendPage(reply, notFound(session), 404);
      return sendPage(reply, <ActivationPage realm={deps.realm} session={session} accountId={accountId} identifier={account.identifier} email={email} error={INVALID_EMAIL} />, 400);
    }
    const outcome = await resendActivation(deps, { establishment, staffId: session.staffId, accountId, email, ip: request.ip });
    if (!outcome.ok && outcome.reason === 'not_found') return sendPage(reply, notFound(session), 404);
    if (!outcome.ok) return reply.redirect(`/admin/responsables/compte/${accountId}`, 303);
    return reply.redirect(`/admin/responsables/compte/${accountId}?renvoye=1`, 303);
  });
}
