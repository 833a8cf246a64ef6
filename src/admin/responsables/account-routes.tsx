// GET /admin/responsables/compte/:accountId — SPEC §4 account page (guide §5.2).
import type { FastifyInstance } from 'fastify';
import { sendPage } from '../../http/render.tsx';
import type { AdminDeps } from '../deps.ts';
import { adminContext, requireEstablishment } from '../http/guards.ts';
import { accountPageView } from './account-service.ts';
import { AccountNotices, AccountParams } from './forms.ts';
import { RESET_NOT_APPLIED, RESULT } from './views/labels.ts';
import { AccountPage } from './views/account-page.tsx';
import { ACCOUNT_NOT_FOUND, NotFoundPage } from './views/not-found-page.tsx';
import type { Notice } from './views/search-page.tsx';

export function registerAccountRoutes(app: FastifyInstance, deps: AdminDeps): void {
  app.get('/admin/responsables/compte/:accountId', { preHandler: requireEstablishment }, async (request, reply) => {
    const { session, establishment } = adminContext(request);
    const params = AccountParams.safeParse(request.params);
    const flags = AccountNotices.parse(request.query ?? {});
    const view = params.success
      ? await accountPageView(deps, { staffId: session.staffId, establishmentId: establishment.id, accountId: params.data.accountId, distributionId: flags.distribution, ip: request.ip })
      : null;
    if (!view) return sendPage(reply, <NotFoundPage realm={deps.realm} session={session} title="Compte introuvable" message={ACCOUNT_NOT_FOUND} />, 404);
    const notices: Notice[] = [];
    if (flags.reinitialise === '1') notices.push({ kind: 'success', text: RESULT.resetOne });
    if (flags.reinitialise === '0') notices.push({ kind: 'warning', text: RESET_NOT_APPLIED });
    if (flags.renvoye) notices.push({ kind: 'success', text: RESULT.resent });
    return sendPage(reply, <AccountPage realm={deps.realm} session={session} account={view.account} distribution={view.distribution} notices={notices} />);
  });
}
