// GET /admin/responsables — SPEC §4 Responsables (guide §5.1).
import type { FastifyInstance } from 'fastify';
import { sendPage } from '../../http/render.tsx';
import type { AdminDeps } from '../deps.ts';
import { adminContext, requireEstablishment } from '../http/guards.ts';
import { SearchNotices } from './forms.ts';
import { responsablesSearch } from './search-service.ts';
import { EMPTY_SELECTION, refusedMessage, RESET_NOT_APPLIED, RESULT } from './views/labels.ts';
import { SearchPage, type Notice } from './views/search-page.tsx';

export function registerSearchRoutes(app: FastifyInstance, deps: AdminDeps): void {
  app.get('/admin/responsables', { preHandler: requireEstablishment }, async (request, reply) => {
    const { session, establishment } = adminContext(request);
    const view = await responsablesSearch(deps, session, establishment.id, request.query);
    return sendPage(reply, <SearchPage realm={deps.realm} session={session} {...view} notices={searchNotices(request.query)} />);
  });
}

/** What an action redirected here to say (an empty selection, a bulk reset). */
function searchNotices(query: unknown): Notice[] {
  const q = SearchNotices.parse(query ?? {});
  const notices: Notice[] = [];
  if (q.selection === 'vide') notices.push({ kind: 'error', text: EMPTY_SELECTION });
  if (q.reinitialises) notices.push({ kind: 'success', text: RESULT.resetMany });
  if (q.nonNotifies) notices.push({ kind: 'warning', text: RESET_NOT_APPLIED });
  if (q.refuses) notices.push({ kind: 'warning', text: refusedMessage(q.refuses) });
  return notices;
}
