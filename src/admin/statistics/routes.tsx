// SPEC §4 Statistiques (guide §6.1): the tab's page and its "Calculer les statistiques" button.
import { z } from 'zod';
import { sendPage } from '../../http/render.tsx';
import { adminContext, checkCsrf, requireEstablishment } from '../http/guards.ts';
import type { AdminRoutes } from '../http/plugin.tsx';
import { readStatistics, recomputeStatistics } from './service.ts';
import { StatisticsPage } from './views.tsx';

const PageQuery = z.object({ calcule: z.literal('1').optional() }).catch({});

export const statisticsRoutes: AdminRoutes = (app, deps) => {
  app.get('/admin/statistiques', { preHandler: requireEstablishment }, async (request, reply) => {
    const { session, establishment } = adminContext(request);
    const query = PageQuery.parse(request.query ?? {});
    const snapshot = await readStatistics(deps, establishment);
    return sendPage(reply, <StatisticsPage realm={deps.realm} session={session} snapshot={snapshot} computed={query.calcule === '1'} />);
  });

  app.post('/admin/statistiques/calculer', { preHandler: requireEstablishment, preValidation: checkCsrf }, async (request, reply) => {
    const { session, establishment } = adminContext(request);
    await recomputeStatistics(deps, { session, establishment, ip: request.ip });
    return reply.redirect('/admin/statistiques?calcule=1', 303);
  });
};
