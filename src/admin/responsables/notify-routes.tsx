// SPEC §4 (Re)notify — guide §5.3: confirmation page, then one distribution, then its result page
// (POST-redirect-GET), and the PDF of the sheets rendered on demand.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sendPage } from '../../http/render.tsx';
import type { AdminDeps } from '../deps.ts';
import { adminContext, checkCsrf, requireEstablishment } from '../http/guards.ts';
import { distributeCredentials } from '../notify/distribute-credentials.ts';
import { distributionView } from '../notify/distribution-view.ts';
import { lettersPdf } from '../notify/letters-download.ts';
import { authorizeAccounts } from './authorization.ts';
import { BatchParams, NotifyConfirmedForm, NotifyForm } from './forms.ts';
import { ConfirmPage } from './views/confirm-page.tsx';
import { DistributionPage } from './views/distribution-page.tsx';
import { CONFIRM } from './views/labels.ts';
import { badRequest, refuseSelection } from './selection-refusal.tsx';
import { DISTRIBUTION_NOT_FOUND, NotFoundPage } from './views/not-found-page.tsx';

const POST = { preHandler: requireEstablishment, preValidation: checkCsrf };

export function registerNotifyRoutes(app: FastifyInstance, deps: AdminDeps): void {
  app.post('/admin/responsables/notifier', POST, async (request, reply) => {
    const { session, establishment } = adminContext(request);
    const parsed = NotifyForm.safeParse(request.body ?? {});
    if (!parsed.success) return badRequest(reply, deps, session);
    const form = parsed.data;
    const { allowed } = await authorizeAccounts(deps.db, establishment.id, form.accountIds);
    if (allowed.length === 0) return refuseSelection(reply, deps, session, form.depuis, form.accountIds.length);
    const single = form.depuis === 'compte';
    const fields: Array<[string, string]> = [
      ...allowed.map((id): [string, string] => ['accountIds', id]),
      ['canal', form.canal],
      ['depuis', form.depuis],
      ['requete', randomUUID()],
      ...(form.reinitialiser ? [['reinitialiser', '1'] as [string, string]] : []),
    ];
    return sendPage(
      reply,
      <ConfirmPage
        realm={deps.realm}
        session={session}
        title={single ? 'Notifier le compte' : 'Notifier les comptes'}
        question={(single ? CONFIRM.notifyOne : CONFIRM.notifyMany)[form.canal]}
        warning={form.reinitialiser ? (single ? CONFIRM.resetWarningOne : CONFIRM.resetWarningMany) : undefined}
        action="/admin/responsables/notifier/valider"
        fields={fields}
        cancelHref={single ? `/admin/responsables/compte/${allowed[0]}` : '/admin/responsables?retour=1'}
      >
        {!single && <p>{`${allowed.length} compte(s) sélectionné(s).`}</p>}
      </ConfirmPage>,
    );
  });

  app.post('/admin/responsables/notifier/valider', POST, async (request, reply) => {
    const { session, establishment } = adminContext(request);
    const parsed = NotifyConfirmedForm.safeParse(request.body ?? {});
    if (!parsed.success) return badRequest(reply, deps, session);
    const form = parsed.data;
    const outcome = await distributeCredentials(deps, {
      establishment,
      staffId: session.staffId,
      accountIds: form.accountIds,
      channel: form.canal,
      reset: form.reinitialiser,
      requestId: form.requete,
      ip: request.ip,
    });
    if (outcome.kind === 'nothing_allowed') return refuseSelection(reply, deps, session, form.depuis, form.accountIds.length);
    if (form.depuis === 'compte') return reply.redirect(`/admin/responsables/compte/${form.accountIds[0]}?distribution=${outcome.batchId}`, 303);
    return reply.redirect(`/admin/responsables/distributions/${outcome.batchId}`, 303);
  });

  app.get('/admin/responsables/distributions/:batchId', { preHandler: requireEstablishment }, async (request, reply) => {
    const { session, establishment } = adminContext(request);
    const params = BatchParams.safeParse(request.params);
    const view = params.success ? await distributionView(deps, { batchId: params.data.batchId, staffId: session.staffId, establishmentId: establishment.id }) : null;
    if (!view) return sendPage(reply, <NotFoundPage realm={deps.realm} session={session} title="Distribution introuvable" message={DISTRIBUTION_NOT_FOUND} />, 404);
    return sendPage(reply, <DistributionPage realm={deps.realm} session={session} view={view} />);
  });

  app.get('/admin/responsables/courriers/:batchId.pdf', { preHandler: requireEstablishment }, async (request, reply) => {
    const { session, establishment } = adminContext(request);
    const params = BatchParams.safeParse(request.params);
    const file = params.success ? await lettersPdf(deps, { batchId: params.data.batchId, staffId: session.staffId, establishment, ip: request.ip }) : null;
    if (!file) return sendPage(reply, <NotFoundPage realm={deps.realm} session={session} title="Courrier introuvable" message={DISTRIBUTION_NOT_FOUND} />, 404);
    return reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.body);
  });
}
