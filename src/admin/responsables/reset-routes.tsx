// SPEC §4 Réinitialiser le(s) mot(s) de passe — guide §5.5: confirmation page, then the reset, then back to
// the account page (the new password shows at once) or to the list (POST-redirect-GET).
import type { FastifyInstance } from 'fastify';
import { sendPage } from '../../http/render.tsx';
import type { AdminDeps } from '../deps.ts';
import { adminContext, checkCsrf, requireEstablishment } from '../http/guards.ts';
import { authorizeAccounts } from './authorization.ts';
import { SelectionForm } from './forms.ts';
import { refuseSelection } from './selection-refusal.tsx';
import { resetSelected } from './reset-selected.ts';
import { ConfirmPage } from './views/confirm-page.tsx';
import { CONFIRM } from './views/labels.ts';

const POST = { preHandler: requireEstablishment, preValidation: checkCsrf };

export function registerResetRoutes(app: FastifyInstance, deps: AdminDeps): void {
  app.post('/admin/responsables/reinitialiser', POST, async (request, reply) => {
    const { session, establishment } = adminContext(request);
    const form = SelectionForm.parse(request.body ?? {});
    const { allowed } = await authorizeAccounts(deps.db, establishment.id, form.accountIds);
    if (allowed.length === 0) return refuseSelection(reply, deps, session, form.depuis, form.accountIds.length);
    const single = form.depuis === 'compte';
    return sendPage(
      reply,
      <ConfirmPage
        realm={deps.realm}
        session={session}
        title={single ? 'Réinitialiser le mot de passe' : 'Réinitialiser les mots de passe'}
        question={single ? CONFIRM.resetOne : CONFIRM.resetMany}
        action="/admin/responsables/reinitialiser/valider"
        fields={[...allowed.map((id): [string, string] => ['accountIds', id]), ['depuis', form.depuis]]}
        cancelHref={single ? `/admin/responsables/compte/${allowed[0]}` : '/admin/responsables?retour=1'}
      >
        {!single && <p>{`${allowed.length} compte(s) sélectionné(s).`}</p>}
      </ConfirmPage>,
    );
  });

  app.post('/admin/responsables/reinitialiser/valider', POST, async (request, reply) => {
    const { session, establishment } = adminContext(request);
    const form = SelectionForm.parse(request.body ?? {});
    const outcome = await resetSelected(deps, { establishmentId: establishment.id, staffId: session.staffId, accountIds: form.accountIds, ip: request.ip });
    if (!outcome) return refuseSelection(reply, deps, session, form.depuis, form.accountIds.length);
    if (form.depuis === 'compte') {
      return reply.redirect(`/admin/responsables/compte/${form.accountIds[0]}?reinitialise=${outcome.reset > 0 ? '1' : '0'}`, 303);
    }
    const query = new URLSearchParams({ retour: '1', reinitialises: String(outcome.reset), nonNotifies: String(outcome.notApplied), refuses: String(outcome.refused) });
    return reply.redirect(`/admin/responsables?${query.toString()}`, 303);
  });
}
